"""Turn records into JSON-ready values and back, so the store can keep them as JSON columns."""

from __future__ import annotations

import dataclasses
import functools
import json
import types
import typing
from collections.abc import Callable
from typing import Any, TypeVar, Union

from .. import records

T = TypeVar("T")


def to_plain(value: Any) -> Any:
    """Return ``value`` (a record, or containers of records) as plain JSON-ready data."""
    if type(value) in _SCALARS:  # most values of a record: returned as they are, at once
        return value
    names = _field_names(type(value))
    if names is not None:
        return {name: to_plain(getattr(value, name)) for name in names}
    if isinstance(value, list | tuple):
        return [to_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): to_plain(v) for k, v in value.items()}
    return value


_SCALARS = frozenset((str, int, float, bool, type(None)))
_FIELD_NAMES: dict[type, tuple[str, ...] | None] = {}


def _field_names(cls: type) -> tuple[str, ...] | None:
    """The field names of a dataclass, in order; None for any other type (looked up once per
    type: a store write turns thousands of records into JSON)."""
    if cls not in _FIELD_NAMES:
        is_record = dataclasses.is_dataclass(cls)
        _FIELD_NAMES[cls] = tuple(f.name for f in dataclasses.fields(cls)) if is_record else None
    return _FIELD_NAMES[cls]


def dumps(value: Any) -> str:
    """Serialise a record as compact, key-sorted JSON."""
    return json.dumps(to_plain(value), ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def loads(cls: type[T], text: str) -> T:
    """Rebuild a record of type ``cls`` from :func:`dumps` output."""
    convert = _converter(typing.cast(Any, cls))
    return typing.cast(T, convert(json.loads(text)))


def _identity(value: Any) -> Any:
    return value


@functools.cache
def _converter(tp: Any) -> Callable[[Any], Any]:
    """A function turning plain data into a value of type ``tp`` (built once per type)."""
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if origin in (Union, types.UnionType):
        inner = _converter(next(a for a in args if a is not type(None)))
        return lambda data: None if data is None else inner(data)
    if origin is tuple:
        item = _converter(args[0])
        return _identity_tuple if item is _identity else lambda data: tuple(map(item, data))
    if origin is list:
        item = _converter(args[0])
        return list if item is _identity else lambda data: [item(v) for v in data]
    if origin is dict:
        value = _converter(args[1])
        return dict if value is _identity else lambda d: {k: value(v) for k, v in d.items()}
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        return _dataclass_converter(tp)
    return _identity


def _identity_tuple(data: Any) -> tuple[Any, ...]:
    return tuple(data)


def _dataclass_converter(cls: type) -> Callable[[Any], Any]:
    hints = typing.get_type_hints(cls, vars(records))
    fields = {f.name: _converter(hints[f.name]) for f in dataclasses.fields(cls)}
    plain = [name for name, conv in fields.items() if conv is _identity]
    converted = [(name, conv) for name, conv in fields.items() if conv is not _identity]

    def convert(data: Any) -> Any:
        kwargs = {name: data[name] for name in plain if name in data}
        for name, conv in converted:
            if name in data:
                kwargs[name] = conv(data[name])
        return cls(**kwargs)

    return convert
