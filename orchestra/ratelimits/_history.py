"""Rate-limit history as JSONL: one snapshot per line, appended crash-safely.

Line format (version 1)::

    {"v": 1, "limit_id": "codex", "observed_at": "2026-11-23T23:02:37.270000+00:00", "kind": "update",
     "source": "runtime-0", "primary": {"used_percent": 11.5, "window_minutes": 300,
     "resets_at": "2026-11-24T00:02:37+00:00"}, "secondary": null, "credits": {...}, ...}

Crash safety: each snapshot is written as one complete line with a single ``write`` on a file opened
with ``O_APPEND``, then (by default) ``fsync``-ed. If a crash left a half-written last line, the next
append first writes a newline so the broken fragment stays on a line of its own; readers skip an
unparseable line with a warning and go on. A half-written *last* line is the expected shape of a
crash, so it is skipped silently in incremental reads (it may still be being written) and with a
warning in full reads.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Final

import attrs
import cattrs

from .._errors import OrchestraError
from .._log import get_logger
from ._model import RateLimitBook, RateLimitSnapshot, SnapshotKind

__all__ = ["HISTORY_VERSION", "HistoryFile", "HistoryReadError", "default_history_path", "load_book"]

HISTORY_VERSION: Final = 1
_log = get_logger("orchestra.ratelimits.history")

_converter = cattrs.Converter()
_converter.register_unstructure_hook(datetime, lambda value: value.astimezone(UTC).isoformat())


def _structure_datetime(value: Any, _type: Any) -> datetime:
    if not isinstance(value, str):
        raise TypeError(f"expected an ISO 8601 string, got {value!r}")
    stamp = datetime.fromisoformat(value)
    return stamp.replace(tzinfo=UTC) if stamp.tzinfo is None else stamp


def _strict_number(value: Any, type_: Any) -> Any:
    # cattrs would take "50" or true for a number: a history line that says so is broken.
    wrong = isinstance(value, bool) or not isinstance(value, int | float)
    if wrong or (type_ is int and isinstance(value, float)):
        raise TypeError(f"expected a {type_.__name__}, got {value!r}")
    return type_(value)


def _strict_bool(value: Any, _type: Any) -> bool:
    if not isinstance(value, bool):
        raise TypeError(f"expected true or false, got {value!r}")
    return value


_converter.register_structure_hook(datetime, _structure_datetime)
_converter.register_structure_hook(float, _strict_number)
_converter.register_structure_hook(int, _strict_number)
_converter.register_structure_hook(bool, _strict_bool)
_converter.register_unstructure_hook(SnapshotKind, lambda kind: kind.value)
_converter.register_structure_hook(SnapshotKind, lambda value, _type: SnapshotKind(value))


class HistoryReadError(OrchestraError):
    """The history file could not be read at all (missing, unreadable)."""


def default_history_path() -> Path:
    """``$XDG_STATE_HOME/orchestra/ratelimits.jsonl`` (``~/.local/state/…`` when unset)."""
    state = os.environ.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
    return Path(state) / "orchestra" / "ratelimits.jsonl"


def snapshot_to_line(snapshot: RateLimitSnapshot) -> str:
    """One JSONL line (with its newline) for ``snapshot``."""
    body: dict[str, Any] = {"v": HISTORY_VERSION}
    body.update(_converter.unstructure(snapshot))
    return json.dumps(body, separators=(",", ":"), ensure_ascii=False) + "\n"


def snapshot_from_line(line: str) -> RateLimitSnapshot:
    """Parse one history line; raises ``ValueError``/``TypeError``/``KeyError`` when it is broken."""
    body = json.loads(line)
    if not isinstance(body, dict):
        raise TypeError("a history line must be a JSON object")
    version = body.pop("v", None)
    if version != HISTORY_VERSION:
        raise ValueError(f"unsupported history version {version!r}")
    try:
        return _converter.structure(body, RateLimitSnapshot)
    except cattrs.BaseValidationError as exc:
        raise ValueError(f"bad snapshot: {exc}") from exc


@attrs.define
class HistoryFile:
    """Append to and read a JSONL history file.

    Appends and reads are short blocking file operations (an append is one ``write`` plus an
    optional ``fsync``); from trio code call them through ``trio.to_thread.run_sync`` if the disk may
    be slow. One writer per file is assumed; concurrent readers are fine.
    """

    path: Path
    fsync: bool = True
    _offset: int = attrs.field(default=0, init=False)

    def append(self, snapshot: RateLimitSnapshot) -> None:
        self.append_many([snapshot])

    def append_many(self, snapshots: Iterable[RateLimitSnapshot]) -> None:
        """Append snapshots, one line each, in one ``write``; creates the file and its folder."""
        data = "".join(snapshot_to_line(s) for s in snapshots).encode()
        if not data:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        try:
            size = os.fstat(fd).st_size
            if size and not self._ends_with_newline(size):
                data = b"\n" + data  # isolate a half-written line left by a crash
            view = memoryview(data)
            while view:
                written = os.write(fd, view)
                view = view[written:]
            if self.fsync:
                os.fsync(fd)
        finally:
            os.close(fd)

    def _ends_with_newline(self, size: int) -> bool:
        with self.path.open("rb") as f:
            f.seek(size - 1)
            return f.read(1) == b"\n"

    def read(self) -> list[RateLimitSnapshot]:
        """Every parseable snapshot in the file, in file order; broken lines are skipped with a warning."""
        try:
            data = self.path.read_bytes()
        except FileNotFoundError as exc:
            raise HistoryReadError(f"no rate-limit history at {self.path}") from exc
        except OSError as exc:
            raise HistoryReadError(f"cannot read rate-limit history at {self.path}: {exc}") from exc
        snapshots, _consumed = self._parse(data, final=True)
        self._offset = len(data)
        return snapshots

    def read_new(self) -> list[RateLimitSnapshot]:
        """Snapshots appended since the last :meth:`read` or :meth:`read_new` (complete lines only).

        A missing file reads as empty. If the file shrank (rotated or replaced), it is read again
        from the start.
        """
        try:
            with self.path.open("rb") as f:
                size = os.fstat(f.fileno()).st_size
                if size < self._offset:
                    self._offset = 0
                f.seek(self._offset)
                data = f.read()
        except FileNotFoundError:
            return []
        except OSError as exc:  # a directory, no permission, ...: as read() says it
            raise HistoryReadError(f"cannot read rate-limit history at {self.path}: {exc}") from exc
        snapshots, consumed = self._parse(data, final=False)
        self._offset += consumed
        return snapshots

    def _parse(self, data: bytes, *, final: bool) -> tuple[list[RateLimitSnapshot], int]:
        snapshots: list[RateLimitSnapshot] = []
        lines = data.split(b"\n")
        tail = lines.pop()  # after the last newline: b"" or a line still (or forever) half-written
        consumed = len(data) - len(tail)
        for number, raw in enumerate(lines, start=1):
            if not raw.strip():
                continue
            try:
                snapshots.append(snapshot_from_line(raw.decode()))
            except Exception as exc:  # any broken line, whatever broke it: skip it, keep reading
                _log.warning(
                    "skipping a broken rate-limit history line",
                    path=str(self.path),
                    line=number,
                    error=str(exc),
                )
        if tail.strip() and final:
            try:
                snapshots.append(snapshot_from_line(tail.decode()))
                consumed = len(data)
            except Exception:
                _log.warning("skipping a half-written last rate-limit history line", path=str(self.path))
        return snapshots, consumed


def load_book(path: Path, *, history_limit: int = 2048) -> RateLimitBook:
    """Replay a history file into a fresh :class:`RateLimitBook`."""
    book = RateLimitBook(history_limit=history_limit)
    book.observe_all(HistoryFile(path).read())
    return book
