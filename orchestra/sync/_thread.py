"""Trio in a dedicated thread, called from blocking code: the engine of ``orchestra.sync``.

The caller's thread (usually the main thread of a script or notebook) schedules work into trio
with ``TrioToken.run_sync_soon`` and blocks on a ``threading.Event`` until the trio task reports.
Blocking there is interruptible: a ``KeyboardInterrupt`` (Ctrl-C) cancels the trio task (which
interrupts a turn being read), waits for it to end, and is re-raised. A second Ctrl-C while that
cleanup runs escalates: everything in the trio thread is cancelled (runtimes still close: their
shutdown is shielded and bounded), and the wait goes on until trio has let go.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Awaitable, Callable
from typing import Any, Generic, TypeVar

import outcome
import trio

from .._log import get_logger
from ..aio._portal import CANCELLED, BridgeClosedError, Cancelled, Holder, Portal

__all__ = ["Held", "TrioThread", "unwrap"]

log = get_logger("orchestra.sync")

T = TypeVar("T")

#: How long starting the trio thread may take.
START_TIMEOUT = 30.0


def unwrap(result: outcome.Outcome[T] | Cancelled) -> T:
    """The value of a trio-side outcome; ``TooSlowError`` becomes :class:`TimeoutError`."""
    if isinstance(result, Cancelled):
        raise BridgeClosedError("the orchestra was closed while this call was running")
    if isinstance(result, outcome.Error) and isinstance(result.error, trio.TooSlowError):
        raise TimeoutError(str(result.error) or "timed out") from result.error
    return result.unwrap()


class _Slot(Generic[T]):
    """One result handed from the trio thread to a blocked caller."""

    def __init__(self) -> None:
        self.ready = threading.Event()
        self.value: outcome.Outcome[T] | Cancelled = CANCELLED

    def set(self, value: outcome.Outcome[T] | Cancelled) -> None:
        self.value = value
        self.ready.set()


class TrioThread:
    """A trio run in its own daemon thread, with a :class:`Portal` for blocking callers."""

    def __init__(self, name: str = "orchestra-trio") -> None:
        self._name = name
        self._thread: threading.Thread | None = None
        self._token: trio.lowlevel.TrioToken | None = None
        self._portal: Portal | None = None
        self._stop: trio.Event | None = None
        self._started = threading.Event()
        self._finished = threading.Event()
        self._outcome: outcome.Outcome[None] | None = None

    def __repr__(self) -> str:
        state = "running" if self.running else "stopped"
        return f"<TrioThread {self._name} {state}>"

    @property
    def running(self) -> bool:
        return self._started.is_set() and not self._finished.is_set()

    # --- lifecycle ----------------------------------------------------------------------

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name=self._name, daemon=True)
        self._thread.start()
        if not self._started.wait(START_TIMEOUT) or self._portal is None:
            raise BridgeClosedError(f"trio thread did not start: {self._outcome!r}")

    def _run(self) -> None:
        try:
            self._outcome = outcome.capture(trio.run, self._main)
            if isinstance(self._outcome, outcome.Error):
                log.error("trio thread ended with an error", error=repr(self._outcome.error))
        finally:
            self._finished.set()
            self._started.set()  # never leave start() waiting

    async def _main(self) -> None:
        self._token = trio.lowlevel.current_trio_token()
        self._stop = trio.Event()
        async with trio.open_nursery() as nursery:
            self._portal = Portal(nursery)
            self._started.set()
            await self._stop.wait()
            self._portal.close()

    def stop(self) -> None:
        """End the trio run (cancelling what still runs in it) and join the thread."""
        if self._thread is None or self._finished.is_set():
            return
        assert self._stop is not None
        self._schedule(self._stop.set)
        self._wait(self._finished, on_interrupt=lambda: None)
        self._thread.join()

    # --- crossing -----------------------------------------------------------------------

    def _schedule(self, fn: Callable[[], object]) -> None:
        if self._token is None or self._finished.is_set():
            raise BridgeClosedError("the orchestra's trio thread has stopped")
        try:
            self._token.run_sync_soon(fn)
        except trio.RunFinishedError:
            raise BridgeClosedError("the orchestra's trio thread has stopped") from None

    def _escalate(self) -> None:
        """Cancel everything in the trio thread (a second Ctrl-C while cleaning up)."""
        log.warning("interrupted again during cleanup; cancelling everything in the trio thread")
        portal = self._portal
        if portal is not None:
            with contextlib.suppress(BridgeClosedError):
                self._schedule(portal.close)

    def _wait(self, ready: threading.Event, on_interrupt: Callable[[], None]) -> None:
        """Block until ``ready``; on Ctrl-C run ``on_interrupt``, finish waiting, re-raise."""
        try:
            ready.wait()
        except KeyboardInterrupt:
            with contextlib.suppress(BridgeClosedError):
                on_interrupt()
            self._wait_after_interrupt(ready)
            raise

    def _wait_after_interrupt(self, ready: threading.Event) -> None:
        while True:
            try:
                ready.wait()
                return
            except KeyboardInterrupt:
                self._escalate()

    def call(self, fn: Callable[..., Awaitable[T]], *args: Any) -> T:
        """Run ``await fn(*args)`` in the trio thread and block until it ends; return or raise
        what it did. Ctrl-C while blocked cancels it (then re-raises KeyboardInterrupt)."""
        slot: _Slot[T] = _Slot()
        scopes: list[trio.CancelScope] = []

        def start() -> None:
            assert self._portal is not None
            scopes.append(self._portal.start_call(fn, args, slot.set))

        def cancel() -> None:
            for scope in scopes:
                scope.cancel()

        self._schedule(start)
        self._wait(slot.ready, lambda: self._schedule(cancel))
        return unwrap(slot.value)

    def enter(self, cm: contextlib.AbstractAsyncContextManager[T]) -> Held[T]:
        """Enter the trio context manager ``cm`` in the trio thread; :meth:`Held.close` exits it."""
        entered: _Slot[T] = _Slot()
        exited: _Slot[None] = _Slot()
        holders: list[Holder[T]] = []

        def start() -> None:
            assert self._portal is not None
            holders.append(self._portal.start_hold(cm, entered.set, exited.set))

        def cancel() -> None:
            for holder in holders:
                holder.scope.cancel()

        self._schedule(start)
        try:
            self._wait(entered.ready, lambda: self._schedule(cancel))
        except KeyboardInterrupt:
            if isinstance(entered.value, outcome.Value):  # entered after all: leave again
                self._schedule(holders[0].release)
                self._wait_after_interrupt(exited.ready)
            raise
        value = unwrap(entered.value)
        return Held(self, value, holders[0], exited)


class Held(Generic[T]):
    """A trio context manager held open in the trio thread; :meth:`close` leaves it."""

    def __init__(self, thread: TrioThread, value: T, holder: Holder[T], exited: _Slot[None]) -> None:
        self.value = value
        self._thread = thread
        self._holder = holder
        self._exited = exited
        self._closing = False

    @property
    def closed(self) -> bool:
        return self._exited.ready.is_set()

    def close(self) -> None:
        """Leave the context manager and wait until trio has. Idempotent. Ctrl-C while waiting
        cancels the rest of the cleanup (runtime shutdown stays bounded) and is re-raised."""
        if self._closing:
            if not self._exited.ready.is_set():
                self._thread._wait_after_interrupt(self._exited.ready)
            return
        self._closing = True
        try:
            self._thread._schedule(self._holder.release)
        except BridgeClosedError:
            return
        self._thread._wait(self._exited.ready, lambda: self._thread._schedule(self._holder.scope.cancel))
        result = self._exited.value
        if isinstance(result, outcome.Error):
            result.unwrap()
