"""The asyncio half of the bridge: await trio calls, hold trio context managers, run asyncio
callables for trio (approval policies).

Crossing costs (guest mode, measured on 2 cores; see ``orchestra/aio/__init__.py``): trio to asyncio
is a plain ``future.set_result`` on the same thread; asyncio to trio wakes trio's I/O thread
once when trio is idle. A call is one round trip, so event streams move in batches.
"""

from __future__ import annotations

import asyncio
import contextlib
import contextvars
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any, TypeVar

import outcome
import trio

from ..actors.approvals import ApprovalPolicy, ApprovalRequest, Decision
from ._guest import GuestHost, wait_through_cancellation
from ._portal import BridgeClosedError, Cancelled, Portal

__all__ = ["AsyncioBridge", "unwrap"]

T = TypeVar("T")

AsyncApprovalPolicy = Callable[[ApprovalRequest], Awaitable[Decision]]


def unwrap(result: outcome.Outcome[T] | Cancelled) -> T:
    """The value of a trio-side outcome, raised as asyncio code expects it.

    ``trio.TooSlowError`` becomes the builtin :class:`TimeoutError`; an outcome cancelled by the
    trio side itself (the orchestra closed) becomes :class:`BridgeClosedError`.
    """
    if isinstance(result, Cancelled):
        raise BridgeClosedError("the orchestra was closed while this call was running")
    if isinstance(result, outcome.Error) and isinstance(result.error, trio.TooSlowError):
        raise TimeoutError(str(result.error) or "timed out") from result.error
    return result.unwrap()


class AsyncioBridge:
    """Calls from asyncio code on the loop into trio running as a guest on the same loop."""

    def __init__(self, host: GuestHost) -> None:
        self._host = host
        self.loop = host.loop
        self.calls = 0

    @property
    def portal(self) -> Portal:
        portal = self._host.portal
        if portal is None or portal.closed:
            raise BridgeClosedError("the orchestra's trio side has stopped")
        return portal

    async def call(self, fn: Callable[..., Awaitable[T]], *args: Any) -> T:
        """``await fn(*args)`` in a trio task; return its value or raise its error.

        Cancelling the awaiting asyncio task cancels the trio task (trio semantics apply there:
        a cancelled turn read interrupts the turn) and waits for it to end before re-raising.
        """
        future: asyncio.Future[outcome.Outcome[T] | Cancelled] = self.loop.create_future()

        def report(result: outcome.Outcome[T] | Cancelled) -> None:
            if not future.done():
                future.set_result(result)

        self.calls += 1
        scope = self.portal.start_call(fn, args, report)
        try:
            result = await asyncio.shield(future)
        except asyncio.CancelledError:
            scope.cancel()
            await wait_through_cancellation(future)
            raise
        return unwrap(result)

    @contextlib.asynccontextmanager
    async def hold(self, cm: contextlib.AbstractAsyncContextManager[T]) -> AsyncIterator[T]:
        """Enter the trio context manager ``cm`` in a trio task, for the duration of this block.

        Leaving the block (normally, by an exception or by cancellation) exits ``cm`` in trio and
        waits for that to finish, even through further cancellation, before going on.
        """
        entered: asyncio.Future[outcome.Outcome[T] | Cancelled] = self.loop.create_future()
        exited: asyncio.Future[outcome.Outcome[None] | Cancelled] = self.loop.create_future()

        def on_entered(result: outcome.Outcome[T] | Cancelled) -> None:
            entered.set_result(result)

        def on_exited(result: outcome.Outcome[None] | Cancelled) -> None:
            exited.set_result(result)

        holder = self.portal.start_hold(cm, on_entered, on_exited)
        try:
            enter_result = await asyncio.shield(entered)
        except asyncio.CancelledError:
            holder.scope.cancel()
            enter_result, _ = await wait_through_cancellation(entered)
            if isinstance(enter_result, outcome.Value):
                holder.release()
                await wait_through_cancellation(exited)
            raise
        value = unwrap(enter_result)
        try:
            yield value
        finally:
            holder.release()
            exit_result, cancelled = await wait_through_cancellation(exited)
            if isinstance(exit_result, outcome.Error):
                exit_result.unwrap()
            if cancelled:
                raise asyncio.CancelledError

    def policy(self, approver: AsyncApprovalPolicy) -> ApprovalPolicy:
        """A trio approval policy that runs the asyncio callable ``approver`` as an asyncio task
        (in a copy of the caller's context). Cancelling the trio side cancels that task."""
        loop = self.loop
        context = contextvars.copy_context()

        async def call_approver(request: ApprovalRequest) -> Decision:
            return await approver(request)

        async def policy(request: ApprovalRequest) -> Decision:
            task = loop.create_task(call_approver(request), context=context.copy())
            done = trio.Event()
            task.add_done_callback(lambda _: done.set())
            try:
                await done.wait()
            except trio.Cancelled:
                task.cancel()
                raise
            return task.result()

        return policy
