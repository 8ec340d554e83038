"""Turn records into JSON-ready values and back, so the store can keep them as JSON columns."""

from __future__ import annotations

import dataclasses
import functools
import json
import types
import typing
from typing import Any, TypeVar, Union

from .. import records

T = TypeVar("T")


def to_plain(value: Any) -> Any:
    """Return ``value`` (a record, or containers of records) as plain JSON-ready data."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, list | tuple):
        return [to_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): to_plain(v) for k, v in value.items()}
    return value


def dumps(value: Any) -> str:
    """Serialise a record as compact, key-sorted JSON."""
    return json.dumps(to_plain(value), ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def loads(cls: type[T], text: str) -> T:
    """Rebuild a record of type ``cls`` from :func:`dumps` output."""
    return typing.cast(T, _from_plain(cls, json.loads(text)))


@functools.cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls, vars(records))


def _from_plain(tp: Any, data: Any) -> Any:
    if data is None:
        return None
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if origin in (Union, types.UnionType):
        inner = [a for a in args if a is not type(None)]
        return _from_plain(inner[0], data)
    if origin is tuple:
        return tuple(_from_plain(args[0], v) for v in data)
    if origin is list:
        return [_from_plain(args[0], v) for v in data]
    if origin is dict:
        return {k: _from_plain(args[1], v) for k, v in data.items()}
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        hints = _hints(tp)
        kwargs = {name: _from_plain(hints[name], value) for name, value in data.items()}
        return tp(**kwargs)
    return data
