"""One orchestra process per CODEX_HOME at a time.

Two processes on one home rewrite each other's ``config.toml`` (the second run's scripted model
port replaced the first's, and every prompt of the first failed) and share the runtime's sqlite
state. An advisory lock on ``<home>/.orchestra.lock`` refuses the second process; the lock goes
with the process, however it ends. Within one process the lock is shared (several orchestras may
run on one home, as before).
"""

from __future__ import annotations

import contextlib
import fcntl
import os
from collections.abc import Iterator
from pathlib import Path

from .._errors import CodexHomeInUseError

LOCK_NAME = ".orchestra.lock"

_held: dict[Path, int] = {}  # home -> how many holders in this process
_fds: dict[Path, int] = {}


@contextlib.contextmanager
def home_lock(home: str | os.PathLike[str]) -> Iterator[None]:
    """Hold the lock of ``home`` (made if missing) for the block; :class:`CodexHomeInUseError` if
    another process holds it."""
    key = Path(home).resolve()
    if key not in _held:
        key.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd = os.open(key / LOCK_NAME, os.O_CREAT | os.O_RDWR | os.O_CLOEXEC, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            raise CodexHomeInUseError(key) from None
        _fds[key] = fd
    _held[key] = _held.get(key, 0) + 1
    try:
        yield
    finally:
        _held[key] -= 1
        if not _held[key]:
            del _held[key]
            os.close(_fds.pop(key))  # closing releases the lock
