"""The asyncio face of orchestra: Orchestra, Conversation, Turn and map() results.

Every object wraps its trio counterpart and forwards calls through an :class:`AsyncioBridge`.
Events and results are the same objects the trio API gives (typed attrs events,
:class:`~orchestra.TurnResult`, :class:`~orchestra.fanout.PromptResult`).
"""

from __future__ import annotations

import asyncio
import collections
import contextlib
import functools
import math
from collections.abc import AsyncIterator, Iterable, Mapping, Sequence
from typing import Any, Generic, TypeVar

import outcome
import trio

from .._orchestra import Orchestra as TrioOrchestra
from .._orchestra import open_orchestra as open_trio_orchestra
from ..actors.approvals import decline_all
from ..actors.conversation import UserInput
from ..actors.handle import Conversation as TrioConversation
from ..actors.turn import Turn as TrioTurn
from ..actors.turn import TurnResult
from ..fanout import PromptLike, PromptResult
from ..runtime import CodexHome
from ._bridge import AsyncApprovalPolicy, AsyncioBridge
from ._guest import acquire_host, release_host, wait_through_cancellation

__all__ = ["Conversation", "EventStream", "Orchestra", "Turn", "open_orchestra"]

T = TypeVar("T")

#: A stream's pump reads ahead at most this many items before waiting for the consumer.
HIGH_WATER = 256


class _Pump(Generic[T]):
    """Items read by a trio task (the pump) and handed to asyncio on the same thread.

    In guest mode handing over is free: the pump appends to a deque and resolves the consumer's
    future (no thread hop), so a stream costs one wake-up of trio per *wait*, not per item.
    The pump reads ahead up to :data:`HIGH_WATER` items, then waits for the consumer.

    Cancellation keeps trio's semantics: a consumer cancelled while waiting (nothing buffered)
    cancels the pump inside its read, which for a turn interrupts it; the consumer re-raises
    once the pump has ended. A consumer that just stops reading cancels nothing.
    """

    def __init__(self, bridge: AsyncioBridge) -> None:
        self._bridge = bridge
        self._buffer: collections.deque[T] = collections.deque()
        # One future per waiting consumer: two tasks may read one stream, as in trio.
        self._waiters: list[asyncio.Future[None]] = []
        self._space: trio.Event | None = None
        self._scope: trio.CancelScope | None = None
        self._pump_done: asyncio.Future[object] | None = None
        self._ended = False
        self._error: BaseException | None = None
        self._discard = False

    async def _read(self) -> T:
        """The next item (raise StopAsyncIteration at the end). Runs in trio."""
        raise NotImplementedError

    def __aiter__(self) -> _Pump[T]:
        return self

    async def __anext__(self) -> T:
        while True:
            if self._buffer:
                item = self._buffer.popleft()
                if self._space is not None and len(self._buffer) <= HIGH_WATER // 2:
                    self._space.set()
                return item
            if self._error is not None:
                error, self._error = self._error, None
                raise error
            if self._ended or self._discard:
                raise StopAsyncIteration
            if self._pump_done is None or self._pump_done.done():
                self._start_pump()
            waiter = self._bridge.loop.create_future()
            self._waiters.append(waiter)
            try:
                await waiter
            except asyncio.CancelledError:
                await self._cancel_pump()
                raise
            finally:
                self._waiters.remove(waiter)

    def _wake(self) -> None:
        for waiter in self._waiters:
            if not waiter.done():
                waiter.set_result(None)

    def _start_pump(self) -> None:
        done = self._pump_done = self._bridge.loop.create_future()

        def report(result: object) -> None:
            if isinstance(result, outcome.Error):
                self._error = result.error
            done.set_result(result)
            self._wake()

        self._scope = self._bridge.portal.start_call(self._pump, (), report)

    async def _pump(self) -> None:
        while True:
            while len(self._buffer) >= HIGH_WATER and not self._discard:
                self._space = trio.Event()
                await self._space.wait()
                self._space = None
            try:
                item = await self._read()
            except StopAsyncIteration:
                self._ended = True
                self._wake()
                return
            if not self._discard:
                self._buffer.append(item)
                self._wake()

    async def _cancel_pump(self) -> None:
        if self._scope is not None and self._pump_done is not None and not self._pump_done.done():
            self._scope.cancel()
            await wait_through_cancellation(self._pump_done)

    def _drop_unread(self) -> None:
        """From now on, items read are discarded (and the pump never waits for space)."""
        self._discard = True
        self._buffer.clear()
        if self._space is not None:
            self._space.set()


class Turn(_Pump[object]):
    """One turn: ``async for event in turn`` streams its typed events, ``await turn.result()``
    waits for the end. Create with :meth:`Conversation.send`.

    Cancelling the task that waits on either (``task.cancel()``, ``asyncio.timeout``) interrupts
    the turn in the runtime, exactly as cancellation does in trio; the conversation stays usable.
    """

    def __init__(self, bridge: AsyncioBridge, turn: TrioTurn) -> None:
        super().__init__(bridge)
        self._turn = turn

    def __repr__(self) -> str:
        return f"<aio {self._turn!r}>"

    @property
    def id(self) -> str | None:
        return self._turn.id

    @property
    def thread_id(self) -> str:
        return self._turn.thread_id

    @property
    def done(self) -> bool:
        return self._turn.done

    async def _read(self) -> object:
        return await self._turn.__anext__()  # cancelled here: the turn is interrupted

    async def result(self, *, timeout: float = math.inf) -> TurnResult:
        """Wait for the end and return how it ended; unread events are dropped from then on.
        Raises :class:`TimeoutError` after ``timeout`` seconds (the turn keeps running)."""
        self._drop_unread()
        return await self._bridge.call(functools.partial(self._turn.result, timeout=timeout))

    async def interrupt(self) -> TurnResult:
        """Ask the runtime to stop this turn and wait until it has ended."""
        self._drop_unread()
        return await self._bridge.call(self._turn.interrupt)


class EventStream(_Pump[T]):
    """Items of a trio receive channel, as an async iterator (``map()`` results, subscriptions)."""

    def __init__(self, bridge: AsyncioBridge, channel: trio.MemoryReceiveChannel[T]) -> None:
        super().__init__(bridge)
        self._channel = channel

    async def _read(self) -> T:
        try:
            return await self._channel.receive()
        except (trio.EndOfChannel, trio.ClosedResourceError):
            raise StopAsyncIteration from None


class Conversation:
    """A conversation (one Codex thread). Create with :meth:`Orchestra.conversation`."""

    def __init__(self, bridge: AsyncioBridge, conversation: TrioConversation) -> None:
        self._bridge = bridge
        self._conversation = conversation

    def __repr__(self) -> str:
        return f"<aio {self._conversation!r}>"

    @property
    def thread_id(self) -> str:
        return self._conversation.thread_id

    @property
    def rollout_path(self) -> str | None:
        return self._conversation.rollout_path

    async def send(self, user_input: UserInput, **overrides: Any) -> Turn:
        """Start a turn (see :meth:`orchestra.Conversation.send` for ``overrides``) and return it
        once the runtime accepted it."""
        send = functools.partial(self._conversation.send, user_input, **overrides)
        return Turn(self._bridge, await self._bridge.call(send))

    async def run(self, user_input: UserInput, *, timeout: float = math.inf, **overrides: Any) -> TurnResult:
        """Send and wait for the result. Cancellation interrupts the turn."""
        turn = await self.send(user_input, **overrides)
        return await turn.result(timeout=timeout)

    async def request(
        self, method: str, params: Mapping[str, Any] | None = None, *, timeout: float = 120.0
    ) -> Any:
        """A raw request about this thread (``threadId`` is filled in)."""
        request = functools.partial(self._conversation.request, method, params, timeout=timeout)
        return await self._bridge.call(request)

    def subscribe(self, max_buffer: int = 256) -> EventStream[object]:
        """Thread-level events that are not part of a turn (bounded; a slow reader misses some)."""
        return EventStream(self._bridge, self._conversation.subscribe(max_buffer))

    async def call(self, fn: Any, *args: Any) -> Any:
        """Run the trio function ``fn(trio_conversation, *args)`` on the trio side and return its
        value: the way to the conversation surface this facade does not wrap (``configure``,
        ``review``, ``compact``, ``read``, ...): ``await conv.call(lambda c: c.compact())``.
        The value must be usable outside trio (a result, not a stream or a context manager)."""
        return await self._bridge.call(fn, self._conversation, *args)


class Orchestra:
    """An orchestra driven from asyncio. Create with :func:`open_orchestra`."""

    def __init__(self, bridge: AsyncioBridge, orchestra: TrioOrchestra) -> None:
        self._bridge = bridge
        self._orchestra = orchestra

    def __repr__(self) -> str:
        return f"<aio {self._orchestra!r}>"

    @property
    def home(self) -> CodexHome:
        return self._orchestra.home

    @property
    def runtime_pid(self) -> int:
        """The process id of the pool's first live runtime."""
        return self._orchestra.runtime.pid

    @property
    def runtime_pids(self) -> list[int]:
        """The process ids of every runtime in the pool."""
        return [runtime.pid for runtime in self._orchestra.pool.runtimes]

    @property
    def bridge_calls(self) -> int:
        """How many calls crossed the bridge so far (for measurements)."""
        return self._bridge.calls

    @contextlib.asynccontextmanager
    async def conversation(
        self, *, approver: AsyncApprovalPolicy | None = None, **options: Any
    ) -> AsyncIterator[Conversation]:
        """Start a conversation for the duration of an ``async with`` (options as in
        :meth:`orchestra.Orchestra.conversation`). ``approver`` is an asyncio callable
        ``(ApprovalRequest) -> Decision``, run as an asyncio task; default: decline all."""
        policy = decline_all if approver is None else self._bridge.policy(approver)
        cm = self._orchestra.conversation(approver=policy, **options)
        async with self._bridge.hold(cm) as conversation:
            yield Conversation(self._bridge, conversation)

    @contextlib.asynccontextmanager
    async def map(
        self,
        prompts: Iterable[PromptLike],
        *,
        concurrency: int | None = None,
        ordered: bool = False,
        timeout: float = math.inf,
        ephemeral: bool = True,
        approver: AsyncApprovalPolicy | None = None,
    ) -> AsyncIterator[EventStream[PromptResult]]:
        """Run one-turn prompts with bounded concurrency; ``async for`` the results as they
        complete (in the order of ``prompts`` if ``ordered``). A failed prompt is a result, never
        an exception. Leaving the block early cancels (and interrupts) what is still running.
        ``prompts`` is read lazily, on this loop. ``concurrency`` defaults to 32 in flight per
        runtime of the pool."""
        policy = decline_all if approver is None else self._bridge.policy(approver)
        cm = self._orchestra.map(
            prompts,
            concurrency=concurrency,
            ordered=ordered,
            timeout=timeout,
            ephemeral=ephemeral,
            approver=policy,
        )
        async with self._bridge.hold(cm) as results:
            yield EventStream(self._bridge, results)

    async def request(self, method: str, params: Any = None, *, timeout: float = math.inf) -> Any:
        """A raw JSON-RPC request on the control route (e.g. ``model/list``)."""
        return await self._bridge.call(
            functools.partial(self._orchestra.request, method, params, timeout=timeout)
        )

    async def call(self, fn: Any, *args: Any) -> Any:
        """Run the trio function ``fn(trio_orchestra, *args)`` on the trio side and return its value
        (an escape hatch for APIs this facade does not wrap)."""
        return await self._bridge.call(fn, self._orchestra, *args)


@contextlib.asynccontextmanager
async def open_orchestra(
    home: CodexHome,
    *,
    opt_out_notifications: Sequence[str] = (),
    runtime_argv: Sequence[str] | None = None,
    handshake_timeout: float = 60.0,
    **options: Any,
) -> AsyncIterator[Orchestra]:
    """Start the runtime pool for ``home`` (``options`` as in :func:`orchestra.open_orchestra`:
    ``runtimes``, ``plugins``, rate-limit settings, ...) and yield an asyncio :class:`Orchestra` on it.

    Trio runs as a guest on the running asyncio loop (shared by every orchestra on the loop).
    Leaving the block closes conversations, then the runtime, and waits for that even if the
    task is cancelled meanwhile; no process or thread is left behind.
    """
    host = await acquire_host()
    try:
        bridge = AsyncioBridge(host)
        cm = open_trio_orchestra(
            home,
            opt_out_notifications=opt_out_notifications,
            runtime_argv=runtime_argv,
            handshake_timeout=handshake_timeout,
            **options,
        )
        async with bridge.hold(cm) as orchestra:
            yield Orchestra(bridge, orchestra)
    finally:
        await release_host(host)
