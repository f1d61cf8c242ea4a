"""The trio half of every bridge: run calls and hold context managers for code outside trio.

A :class:`Portal` lives in a trio nursery. Code on the other side of a bridge (an asyncio loop
hosting trio as a guest, or a thread blocked on a result) asks it, *from the trio thread*, to

- run an async function in a task of its own, under a cancel scope the caller can cancel
  (:meth:`Portal.start_call`): the outcome is handed to a callback, which wakes the caller;
- hold an async context manager open (:meth:`Portal.start_hold`): trio context managers with
  nurseries must be entered and exited by the same task, so one task enters it, reports the
  value, waits for release, and exits it.

Nothing here knows how the callbacks reach the other side; the front ends (``orchestra.aio``,
``orchestra.sync``) decide. Callbacks run in the trio thread and must not block.
"""

from __future__ import annotations

import contextlib
from collections.abc import Awaitable, Callable
from typing import Any, Generic, TypeVar

import attrs
import outcome
import trio

from .._errors import OrchestraError
from .._log import get_logger

__all__ = ["CANCELLED", "BridgeClosedError", "Cancelled", "Holder", "Portal", "is_cancellation"]

log = get_logger("orchestra.bridge")

T = TypeVar("T")


class BridgeClosedError(OrchestraError):
    """The orchestra behind this object was closed (or its trio side stopped), so it cannot take
    this call."""


@attrs.frozen
class Cancelled:
    """The outcome of a call whose cancel scope was cancelled before it produced a result."""


CANCELLED = Cancelled()

Report = Callable[["outcome.Outcome[T] | Cancelled"], None]


def is_cancellation(exc: BaseException) -> bool:
    """True for ``trio.Cancelled``, or a group holding nothing else."""
    if isinstance(exc, trio.Cancelled):
        return True
    if isinstance(exc, BaseExceptionGroup):
        return all(is_cancellation(inner) for inner in exc.exceptions)
    return False


@attrs.define(eq=False)
class Holder(Generic[T]):
    """A context manager held open by a portal task until :meth:`release` (trio thread only)."""

    _release: trio.Event = attrs.field(factory=trio.Event)
    scope: trio.CancelScope = attrs.field(factory=trio.CancelScope)

    def release(self) -> None:
        """Let the holding task exit the context manager."""
        self._release.set()


class Portal:
    """Runs calls and holds context managers in ``nursery`` on behalf of another thread or loop.

    Every method must be called in the trio thread (in guest mode that is the host loop's thread).
    """

    def __init__(self, nursery: trio.Nursery) -> None:
        self._nursery = nursery
        self._closed = False
        self.calls_started = 0

    @property
    def closed(self) -> bool:
        return self._closed

    def close(self) -> None:
        """Refuse new work and cancel everything running (the nursery's owner then exits it)."""
        self._closed = True
        self._nursery.cancel_scope.cancel()

    def start_call(
        self,
        fn: Callable[..., Awaitable[T]],
        args: tuple[Any, ...],
        report: Callable[[outcome.Outcome[T] | Cancelled], None],
    ) -> trio.CancelScope:
        """Run ``await fn(*args)`` in a new task; ``report`` gets its outcome exactly once.

        Cancelling the returned scope cancels the call (``report`` then gets :data:`CANCELLED`,
        or the value/error if it finished first). Closing the portal reports :data:`CANCELLED`.
        """
        scope = trio.CancelScope()
        if self._closed:
            report(outcome.Error(BridgeClosedError("the orchestra's trio side has stopped")))
            return scope
        self.calls_started += 1
        self._nursery.start_soon(self._run_call, fn, args, scope, report)
        return scope

    async def _run_call(
        self,
        fn: Callable[..., Awaitable[T]],
        args: tuple[Any, ...],
        scope: trio.CancelScope,
        report: Callable[[outcome.Outcome[T] | Cancelled], None],
    ) -> None:
        result: outcome.Outcome[T] | Cancelled = CANCELLED
        try:
            with scope:
                try:
                    result = outcome.Value(await fn(*args))
                except BaseException as exc:
                    if is_cancellation(exc):
                        raise
                    result = outcome.Error(exc)
        finally:
            report(result)

    def start_hold(
        self,
        cm: contextlib.AbstractAsyncContextManager[T],
        entered: Callable[[outcome.Outcome[T] | Cancelled], None],
        exited: Callable[[outcome.Outcome[None] | Cancelled], None],
    ) -> Holder[T]:
        """Enter ``cm`` in a new task and keep it open until the holder is released.

        ``entered`` gets the value (or the error entering raised); after release, ``exited`` gets
        how leaving went. Either gets :data:`CANCELLED` if the portal closes first. Cancelling
        ``holder.scope`` while entering abandons the enter (``entered`` gets :data:`CANCELLED`).
        """
        holder: Holder[T] = Holder()
        if self._closed:
            entered(outcome.Error(BridgeClosedError("the orchestra's trio side has stopped")))
            return holder
        self._nursery.start_soon(self._hold, cm, holder, entered, exited)
        return holder

    async def _hold(
        self,
        cm: contextlib.AbstractAsyncContextManager[T],
        holder: Holder[T],
        entered: Callable[[outcome.Outcome[T] | Cancelled], None],
        exited: Callable[[outcome.Outcome[None] | Cancelled], None],
    ) -> None:
        enter_reported = False
        exit_result: outcome.Outcome[None] | Cancelled | None = CANCELLED  # None: nothing to report
        try:
            with holder.scope:
                try:
                    async with cm as value:
                        enter_reported = True
                        entered(outcome.Value(value))
                        await holder._release.wait()
                except BaseException as exc:
                    if is_cancellation(exc):
                        raise
                    if enter_reported:
                        exit_result = outcome.Error(exc)
                    else:
                        enter_reported = True
                        exit_result = None
                        entered(outcome.Error(exc))
                else:
                    exit_result = outcome.Value(None)
        finally:
            if not enter_reported:
                entered(CANCELLED)
            elif exit_result is not None:
                exited(exit_result)
