"""Byte streams for reading inputs without holding them whole: gzip, sniffed heads, UTF-16."""

from __future__ import annotations

import codecs
import gzip
import io
import zlib
from typing import TYPE_CHECKING, BinaryIO

if TYPE_CHECKING:
    from _typeshed import WriteableBuffer

GZIP_MAGIC = b"\x1f\x8b"
_CHUNK = 1 << 16
_BUFFER = 1 << 20


class _Rejoined(io.RawIOBase):
    """The bytes already read from a stream (its sniffed head), then the rest of the stream."""

    def __init__(self, head: bytes, rest: BinaryIO) -> None:
        super().__init__()
        self._head = memoryview(head)
        self._rest = rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: WriteableBuffer) -> int:
        target = memoryview(buffer).cast("B")
        if self._head:
            count = min(len(target), len(self._head))
            target[:count] = self._head[:count]
            self._head = self._head[count:]
            return count
        data = self._rest.read(len(target))
        target[: len(data)] = data
        return len(data)


class _Utf8Recoder(io.RawIOBase):
    """A stream in another Unicode encoding (UTF-16/32, with BOM), re-encoded as UTF-8."""

    def __init__(self, source: BinaryIO, codec: str) -> None:
        super().__init__()
        self._source = source
        self._decoder = codecs.getincrementaldecoder(codec)("strict")
        self._pending = b""
        self._done = False

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: WriteableBuffer) -> int:
        target = memoryview(buffer).cast("B")
        while not self._pending and not self._done:
            chunk = self._source.read(_CHUNK)
            self._done = not chunk
            self._pending = self._decoder.decode(chunk, final=self._done).encode("utf-8")
        count = min(len(target), len(self._pending))
        target[:count] = self._pending[:count]
        self._pending = self._pending[count:]
        return count


class Guarded(io.RawIOBase):
    """A stream that ends, instead of raising, where its source fails (a truncated gzip).

    The failure is kept in :attr:`failure`. Bytes are passed on up to the last newline seen, so
    that a line cut off by the failure is dropped rather than read as a malformed record.
    """

    def __init__(self, source: io.BufferedIOBase) -> None:
        super().__init__()
        self._source = source
        self._ready = b""
        self._pending = b""  # after the last newline, held until the line is complete
        self._done = False
        self.failure: str | None = None

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: WriteableBuffer) -> int:
        target = memoryview(buffer).cast("B")
        while not self._ready and not self._done:
            self._fill()
        count = min(len(target), len(self._ready))
        target[:count] = self._ready[:count]
        self._ready = self._ready[count:]
        return count

    def _fill(self) -> None:
        try:
            chunk = self._source.read1(_CHUNK)  # not read(): it loses what it had at a failure
        except (EOFError, OSError, UnicodeDecodeError, zlib.error) as exc:
            self.failure = stream_failure(exc)
            self._done, self._pending = True, b""
            return
        if not chunk:
            self._done = True
            self._ready, self._pending = self._pending, b""
            return
        self._pending += chunk
        cut = self._pending.rfind(b"\n") + 1
        if cut == 0 and len(self._pending) >= _CHUNK:
            cut = len(self._pending)  # a very long line is passed on rather than held whole
        self._ready, self._pending = self._pending[:cut], self._pending[cut:]


def guarded(stream: io.BufferedIOBase) -> tuple[BinaryIO, Guarded]:
    """``stream`` buffered behind a :class:`Guarded` (returned too, to ask for its failure)."""
    guard = Guarded(stream)
    return io.BufferedReader(guard, buffer_size=_BUFFER), guard


def rejoin(head: bytes, rest: BinaryIO) -> BinaryIO:
    """A buffered stream of ``head`` followed by what remains of ``rest``."""
    return io.BufferedReader(_Rejoined(head, rest), buffer_size=_BUFFER)


def gunzip(stream: BinaryIO) -> gzip.GzipFile:
    """The decompressed content of the gzip ``stream`` (errors surface on reading)."""
    return gzip.GzipFile(fileobj=stream, mode="rb")


def as_utf8(stream: BinaryIO, codec: str) -> BinaryIO:
    """``stream``, which is in ``codec`` (and starts with its BOM), as UTF-8 bytes."""
    return io.BufferedReader(_Utf8Recoder(stream, codec), buffer_size=_BUFFER)


def drain(stream: BinaryIO, cap: int) -> tuple[int, bool]:
    """Read and discard the rest of ``stream``, up to ``cap`` bytes: (bytes read, hit the cap)."""
    total = 0
    while total < cap:
        chunk = stream.read(min(_BUFFER, cap - total))
        if not chunk:
            return total, False
        total += len(chunk)
    return total, bool(stream.read(1))


def stream_failure(exc: BaseException) -> str:
    """A short reason for an error raised while reading an input stream."""
    if isinstance(exc, EOFError):
        return "truncated gzip stream"
    if isinstance(exc, gzip.BadGzipFile | zlib.error):
        return f"corrupt gzip stream ({_first_words(exc)})"
    if isinstance(exc, UnicodeDecodeError):
        return f"undecodable: not valid {exc.encoding.upper()} ({exc.reason})"
    if isinstance(exc, OSError):
        return f"read error: {os_reason(exc)}"
    return f"read error: {_first_words(exc)}"


def os_reason(exc: OSError) -> str:
    """The operating system's reason for ``exc``, lower-cased (e.g. ``permission denied``)."""
    reason = exc.strerror or str(exc) or type(exc).__name__
    return reason[:1].lower() + reason[1:]


def _first_words(exc: BaseException) -> str:
    text = str(exc) or type(exc).__name__
    return text[:1].lower() + text[1:60]
