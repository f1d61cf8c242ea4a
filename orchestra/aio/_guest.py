"""Trio as a guest on the running asyncio loop: one guest run per loop, shared, reference-counted.

``trio.lowlevel.start_guest_run`` runs trio's scheduler in ticks scheduled on the asyncio loop
(``loop.call_soon``); only trio's I/O wait (``epoll``) happens in a helper thread, which hands
readiness back with ``loop.call_soon_threadsafe``. All Python code of both sides runs on the
loop's thread, so the two sides share objects without locks, and trio's run state
(``GLOBAL_RUN_CONTEXT``) stays set in that thread between ticks: asyncio code may call trio's
synchronous functions (``nursery.start_soon``, ``CancelScope.cancel``, ``Event.set``) directly.

A thread may host only one trio run, so every ``orchestra.aio`` orchestra on a loop shares one
:class:`GuestHost`; the first user starts it and the last one stops it (waiting for trio to end).
"""

from __future__ import annotations

import asyncio
import contextlib
import weakref
from typing import Any, TypeVar

import outcome
import trio

from .._log import get_logger
from ._portal import BridgeClosedError, Portal

__all__ = ["GuestHost", "acquire_host", "release_host", "wait_through_cancellation"]

log = get_logger("orchestra.aio")

T = TypeVar("T")

_hosts: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, GuestHost] = weakref.WeakKeyDictionary()


async def wait_through_cancellation(future: asyncio.Future[T]) -> tuple[T, bool]:
    """Wait for ``future`` even if this task is cancelled meanwhile; return its result and whether
    a cancellation arrived (the caller re-raises it once its cleanup is done)."""
    cancelled = False
    while not future.done():
        try:
            await asyncio.shield(future)
        except asyncio.CancelledError:
            if future.cancelled():
                raise
            cancelled = True
    return future.result(), cancelled


class GuestHost:
    """One trio guest run on ``loop`` with a :class:`Portal` in its root nursery."""

    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        self.loop = loop
        self.users = 0
        self.stopping = False
        self.portal: Portal | None = None
        self._stop: trio.Event | None = None
        self._ready: asyncio.Future[None] = loop.create_future()
        self.done: asyncio.Future[outcome.Outcome[Any]] = loop.create_future()

    def __repr__(self) -> str:
        state = "stopping" if self.stopping else "running"
        return f"<GuestHost {state} users={self.users}>"

    def start(self) -> None:
        trio.lowlevel.start_guest_run(
            self._main,
            run_sync_soon_threadsafe=self._call_soon_threadsafe,
            run_sync_soon_not_threadsafe=self.loop.call_soon,
            done_callback=self._on_done,
            # asyncio may own signal.set_wakeup_fd (add_signal_handler): trio must not touch it.
            host_uses_signal_set_wakeup_fd=True,
        )

    def _call_soon_threadsafe(self, fn: Any) -> None:
        with contextlib.suppress(RuntimeError):  # the loop is closed: nothing left to wake
            self.loop.call_soon_threadsafe(fn)

    async def _main(self) -> None:
        self._stop = trio.Event()
        async with trio.open_nursery() as nursery:
            self.portal = Portal(nursery)
            if not self._ready.done():
                self._ready.set_result(None)
            await self._stop.wait()
            self.portal.close()

    def _on_done(self, result: outcome.Outcome[Any]) -> None:
        if isinstance(result, outcome.Error):
            log.error("trio guest run ended with an error", error=repr(result.error))
        if not self._ready.done():
            self._ready.set_exception(BridgeClosedError(f"trio guest run ended early: {result!r}"))
        if not self.done.done():
            self.done.set_result(result)

    async def wait_ready(self) -> None:
        await asyncio.shield(self._ready)

    def stop(self) -> None:
        """Ask the guest run to end (it cancels whatever still runs in its portal)."""
        self.stopping = True
        if self._stop is not None:
            self._stop.set()


async def acquire_host() -> GuestHost:
    """The running loop's guest host, started if needed; pair with :func:`release_host`."""
    loop = asyncio.get_running_loop()
    while True:
        host = _hosts.get(loop)
        if host is not None and host.stopping:
            await wait_through_cancellation(host.done)  # one trio run per thread: let it end
            continue
        if host is None:
            host = GuestHost(loop)
            try:
                host.start()
            except RuntimeError as exc:  # e.g. trio already runs in this thread
                raise BridgeClosedError(f"cannot host trio on this asyncio loop: {exc}") from exc
            _hosts[loop] = host
            log.debug("trio guest run started")
        host.users += 1
        try:
            await host.wait_ready()
        except BaseException:
            await release_host(host)
            raise
        return host


async def release_host(host: GuestHost) -> None:
    """Drop one user; the last one stops the guest run and waits (through cancellation) for it."""
    host.users -= 1
    if host.users > 0:
        return
    host.stop()
    _, cancelled = await wait_through_cancellation(host.done)
    if _hosts.get(host.loop) is host:
        del _hosts[host.loop]
    log.debug("trio guest run stopped")
    if cancelled:
        raise asyncio.CancelledError
