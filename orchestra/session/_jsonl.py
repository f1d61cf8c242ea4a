"""Reading JSONL through the native reader: whole files, or streamed as a native handle.

Both give the same guarantees (see ``bindings/src/jsonl.rs``): a cut-off last line is reported
as :class:`Truncation` (callers warn with :class:`TruncatedRecordingWarning`), a corrupt line
raises :class:`CorruptRecordingError` naming its line, a file that cannot be read raises
``OSError`` (``FileNotFoundError``, ...).
"""

from __future__ import annotations

import contextlib
import os
import warnings
from collections.abc import AsyncIterator
from typing import Any

import attrs
import trio

from .. import _native
from .._handles import close_handle
from ._errors import CorruptRecordingError, TruncatedRecordingWarning

#: Records one wake-up of a stream takes at most: bounds the time between checkpoints.
STREAM_BATCH = 1024

PathLike = str | os.PathLike[str]


@attrs.frozen
class Truncation:
    """The cut-off last line of a file: where it starts, how long it is, why it did not parse."""

    line: int
    offset: int
    length: int
    reason: str

    @classmethod
    def from_native(cls, t: _native.TruncatedLine) -> Truncation:
        return cls(line=t.line, offset=t.offset, length=t.length, reason=t.reason)

    def warn(self, path: str, *, stacklevel: int = 3) -> None:
        warnings.warn(
            TruncatedRecordingWarning(
                path, line=self.line, offset=self.offset, length=self.length, reason=self.reason
            ),
            stacklevel=stacklevel,
        )


def _corrupt(error: _native.JsonlDecodeError) -> CorruptRecordingError:
    return CorruptRecordingError(
        error.path, line=error.line, column=error.column, offset=error.offset, reason=error.reason
    )


def read_jsonl(path: PathLike) -> tuple[list[Any], Truncation | None]:
    """Every record of ``path`` and the cut-off last line, if any. Blocks on the read."""
    try:
        records, truncated = _native.read_jsonl(path)
    except _native.JsonlDecodeError as exc:
        raise _corrupt(exc) from None
    return records, Truncation.from_native(truncated) if truncated is not None else None


class JsonlStream:
    """Batches of records from a native :class:`~orchestra._native.JsonlReader`, read by its
    thread while the batches are consumed. Create with :func:`open_jsonl`.

    ``async for batch in stream`` yields non-empty lists of records in file order and ends at the
    end of the file, after which :attr:`truncated` says whether the last line was cut off.
    Back-pressure: the reader thread reads at most a few MB ahead of the consumer.
    """

    def __init__(self, reader: _native.JsonlReader) -> None:
        self._reader = reader
        self.truncated: Truncation | None = None

    @property
    def path(self) -> str:
        return self._reader.path

    def statistics(self) -> dict[str, int]:
        """``records`` delivered, ``lines`` and ``bytes`` consumed so far."""
        return self._reader.statistics()

    def __aiter__(self) -> AsyncIterator[list[Any]]:
        return self._batches()

    async def _batches(self) -> AsyncIterator[list[Any]]:
        reader = self._reader
        while True:
            await trio.lowlevel.wait_readable(reader.fileno())
            try:
                batch = reader.drain(STREAM_BATCH)
            except _native.JsonlDecodeError as exc:
                raise _corrupt(exc) from None
            if batch:
                yield batch
            elif reader.done:
                truncated = reader.truncated
                self.truncated = Truncation.from_native(truncated) if truncated is not None else None
                return


@contextlib.asynccontextmanager
async def open_jsonl(path: PathLike) -> AsyncIterator[JsonlStream]:
    """Open ``path`` for streaming (raises ``OSError`` at once if it cannot be opened); the
    reader thread stops and its fd closes when the block is left."""
    reader = _native.JsonlReader(path)
    try:
        yield JsonlStream(reader)
    finally:
        close_handle(reader)
