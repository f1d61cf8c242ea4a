"""The one adapter between native handles and trio.

Every native handle (a runtime route, later an HTTP client or a JSONL reader) has the same small
shape: ``fileno()`` is readable while messages wait, ``drain(max)`` takes them without blocking.
A trio task waits on the fd, drains a batch and hands it on. No thread hop per message, no polling.
"""

from __future__ import annotations

import contextlib
from collections.abc import Awaitable, Callable
from typing import Protocol, TypeVar

import trio

T = TypeVar("T")


class Closable(Protocol):
    def fileno(self) -> int: ...

    def close(self) -> None: ...


#: How many messages one wake-up takes at most; bounds the time between checkpoints.
DRAIN_BATCH = 512


class NativeHandle(Protocol[T]):
    def fileno(self) -> int: ...

    def drain(self, max: int = ...) -> list[T]: ...

    def close(self) -> None: ...


async def pump(handle: NativeHandle[T], deliver: Callable[[list[T]], Awaitable[None]]) -> None:
    """Forever: wait until ``handle`` has messages, drain a batch, ``await deliver(batch)``.

    Back-pressure: while ``deliver`` is blocked (a full mailbox), nothing more is drained from this
    handle; messages wait in the handle's native queue, and other handles are unaffected.
    Returns when the handle is closed with :func:`close_handle` while waiting.
    """
    while True:
        try:
            fd = handle.fileno()  # raises once the handle is closed (possibly by deliver itself)
        except (ValueError, OSError):
            return
        try:
            await trio.lowlevel.wait_readable(fd)
        except trio.ClosedResourceError:
            return
        batch = handle.drain(DRAIN_BATCH)
        if batch:
            await deliver(batch)
            # An idle route must not pin its last batch: with a thousand routes that is a live heap
            # of hundreds of thousands of objects for every full garbage collection to scan.
            del batch
        else:
            await trio.lowlevel.checkpoint()


def close_handle(handle: Closable) -> None:
    """Close a handle, waking any task blocked in :func:`pump` on it first (trio requires that)."""
    with contextlib.suppress(OSError, ValueError):  # already closed
        trio.lowlevel.notify_closing(handle.fileno())
    handle.close()
