"""Content-hash ids: the same content always gets the same id, so re-inserting is harmless.

An id hashes everything that tells its record apart from another of the same kind, so two
different records never share one by construction (the store refuses a collision all the same).
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from typing import Any

ID_LENGTH = 16  # hex digits: 64 bits, ample for millions of articles


def content_id(*parts: str) -> str:
    """Return a stable hex id for ``parts`` (joined unambiguously before hashing)."""
    digest = hashlib.sha256()
    for part in parts:
        encoded = part.encode("utf-8", "surrogatepass")
        digest.update(len(encoded).to_bytes(8, "big"))
        digest.update(encoded)
    return digest.hexdigest()[:ID_LENGTH]


def record_id(kind: str, record: Any) -> str:
    """A stable hex id of the dataclass ``record`` hashing every field but ``id`` (its ``kind``
    first, so records of different kinds with equal fields do not share it)."""
    fields = {f.name: getattr(record, f.name) for f in dataclasses.fields(record) if f.name != "id"}
    return content_id(kind, _canonical(fields))


def _canonical(value: Any) -> str:
    return json.dumps(
        _plain(value), ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str
    )


def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    return value
