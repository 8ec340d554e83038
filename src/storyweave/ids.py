"""Content-hash ids: the same content always gets the same id, so re-inserting is harmless."""

from __future__ import annotations

import hashlib

ID_LENGTH = 16  # hex digits: 64 bits, ample for millions of articles


def content_id(*parts: str) -> str:
    """Return a stable hex id for ``parts`` (joined unambiguously before hashing)."""
    digest = hashlib.sha256()
    for part in parts:
        encoded = part.encode("utf-8", "surrogatepass")
        digest.update(len(encoded).to_bytes(8, "big"))
        digest.update(encoded)
    return digest.hexdigest()[:ID_LENGTH]
