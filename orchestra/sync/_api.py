"""The blocking face of orchestra: Orchestra, Conversation, Turn and map() results.

Every object wraps its trio counterpart, which lives in the orchestra's trio thread
(:class:`~orchestra.sync._thread.TrioThread`). Objects are opened by a call and closed by
``close()`` or by leaving a ``with`` block, so they work in scripts and across notebook cells.
"""

from __future__ import annotations

import atexit
import collections
import functools
import inspect
import math
import weakref
from collections.abc import Awaitable, Callable, Iterable, Iterator, Mapping, Sequence
from types import TracebackType
from typing import Any, Generic, TypeVar

import trio

from .._orchestra import Orchestra as TrioOrchestra
from .._orchestra import open_orchestra as open_trio_orchestra
from ..actors.approvals import ApprovalPolicy, ApprovalRequest, Decision, decline_all
from ..actors.conversation import UserInput
from ..actors.handle import Conversation as TrioConversation
from ..actors.turn import Turn as TrioTurn
from ..actors.turn import TurnResult
from ..fanout import PromptLike, PromptResult
from ..runtime import CodexHome
from ._thread import Held, TrioThread

__all__ = ["Approver", "Conversation", "MapResults", "Orchestra", "Turn", "open_orchestra"]

T = TypeVar("T")

#: At most this many events cross from the trio thread in one call.
BATCH = 256

Approver = Callable[[ApprovalRequest], Decision] | ApprovalPolicy
"""A plain function ``(ApprovalRequest) -> Decision`` (run in a worker thread, so it may block,
e.g. on ``input()``), or one of orchestra's async policies (``accept_all``, ``decline_all``, ...)."""


def _policy(approver: Approver | None) -> ApprovalPolicy:
    if approver is None:
        return decline_all
    if inspect.iscoroutinefunction(approver):
        return approver
    blocking: Callable[[ApprovalRequest], Decision] = approver  # type: ignore[assignment]

    async def policy(request: ApprovalRequest) -> Decision:
        return await trio.to_thread.run_sync(blocking, request, abandon_on_cancel=True)

    return policy


async def _next_turn_events(turn: TrioTurn, limit: int) -> list[object]:
    """Wait for the turn's next event, then take those already waiting (up to ``limit``).
    An empty list means the stream has ended. Runs in trio."""
    try:
        first = await turn.__anext__()  # cancelled here (Ctrl-C): the turn is interrupted
    except StopAsyncIteration:
        return []
    batch = [first]
    # Take what already waits in the mailbox: no checkpoint, so no cancellation can land here.
    while len(batch) < limit:
        try:
            batch.append(turn.receive_nowait())
        except (trio.WouldBlock, StopAsyncIteration):
            break
    return batch


async def _next_items(channel: trio.MemoryReceiveChannel[T], limit: int) -> list[T]:
    """Like :func:`_next_turn_events`, for a trio receive channel. Runs in trio."""
    try:
        batch = [await channel.receive()]
    except (trio.EndOfChannel, trio.ClosedResourceError):
        return []
    while len(batch) < limit:
        try:
            batch.append(channel.receive_nowait())
        except (trio.WouldBlock, trio.EndOfChannel, trio.ClosedResourceError):
            break
    return batch


class _Batched(Generic[T]):
    def __init__(self) -> None:
        self._buffer: collections.deque[T] = collections.deque()
        self._ended = False

    def _fetch(self) -> list[T]:
        raise NotImplementedError

    def __iter__(self) -> Iterator[T]:
        return self

    def __next__(self) -> T:
        if not self._buffer:
            if self._ended:
                raise StopIteration
            batch = self._fetch()
            if not batch:
                self._ended = True
                raise StopIteration
            self._buffer.extend(batch)
        return self._buffer.popleft()


class _Closing:
    """``with`` support for objects that have ``close()``."""

    def close(self) -> None:
        raise NotImplementedError

    def __enter__(self: T) -> T:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


class Turn(_Batched[object]):
    """One turn: ``for event in turn`` streams its typed events, ``turn.result()`` waits for the
    end. Ctrl-C while either waits interrupts the turn. Create with :meth:`Conversation.send`."""

    def __init__(self, thread: TrioThread, turn: TrioTurn) -> None:
        super().__init__()
        self._thread = thread
        self._turn = turn

    def __repr__(self) -> str:
        return f"<sync {self._turn!r}>"

    @property
    def id(self) -> str | None:
        return self._turn.id

    @property
    def thread_id(self) -> str:
        return self._turn.thread_id

    @property
    def done(self) -> bool:
        return self._turn.done

    def _fetch(self) -> list[object]:
        return self._thread.call(_next_turn_events, self._turn, BATCH)

    def result(self, *, timeout: float = math.inf) -> TurnResult:
        """Block until the turn ends and return how it ended; unread events are dropped from
        then on. Raises :class:`TimeoutError` after ``timeout`` seconds (the turn keeps running)."""
        self._buffer.clear()
        self._ended = True
        return self._thread.call(functools.partial(self._turn.result, timeout=timeout))

    def interrupt(self) -> TurnResult:
        """Ask the runtime to stop this turn and block until it has ended."""
        self._buffer.clear()
        self._ended = True
        return self._thread.call(self._turn.interrupt)


class Conversation(_Closing):
    """A conversation (one Codex thread). Create with :meth:`Orchestra.conversation`; close with
    :meth:`close` or a ``with`` block (a running turn is interrupted)."""

    def __init__(self, thread: TrioThread, held: Held[TrioConversation]) -> None:
        self._thread = thread
        self._held = held
        self._conversation = held.value

    def __repr__(self) -> str:
        return f"<sync {self._conversation!r}>"

    @property
    def thread_id(self) -> str:
        return self._conversation.thread_id

    @property
    def rollout_path(self) -> str | None:
        return self._conversation.rollout_path

    @property
    def closed(self) -> bool:
        return self._held.closed

    def send(self, user_input: UserInput, **overrides: Any) -> Turn:
        """Start a turn (overrides as in :meth:`orchestra.Conversation.send`); return it once the
        runtime accepted it."""
        send = functools.partial(self._conversation.send, user_input, **overrides)
        return Turn(self._thread, self._thread.call(send))

    def run(self, user_input: UserInput, *, timeout: float = math.inf, **overrides: Any) -> TurnResult:
        """Send and block until the result."""
        return self.send(user_input, **overrides).result(timeout=timeout)

    def request(self, method: str, params: Mapping[str, Any] | None = None, *, timeout: float = 120.0) -> Any:
        """A raw request about this thread (``threadId`` is filled in)."""
        return self._thread.call(
            functools.partial(self._conversation.request, method, params, timeout=timeout)
        )

    def call(self, fn: Callable[..., Awaitable[T]], *args: Any) -> T:
        """Run the trio function ``fn(trio_conversation, *args)`` on the trio thread and return its
        value: the way to the conversation surface this facade does not wrap (``configure``,
        ``review``, ``compact``, ``read``, ...): ``conv.call(lambda c: c.compact())``. The value
        must be usable outside trio (a result, not a stream or a context manager)."""
        return self._thread.call(functools.partial(fn, self._conversation, *args))

    def close(self) -> None:
        self._held.close()


class MapResults(_Batched[PromptResult], _Closing):
    """Results of :meth:`Orchestra.map` in completion order; ``close()`` (or leaving the ``with``)
    cancels and interrupts what is still running."""

    def __init__(self, thread: TrioThread, held: Held[trio.MemoryReceiveChannel[PromptResult]]) -> None:
        super().__init__()
        self._thread = thread
        self._held = held

    def _fetch(self) -> list[PromptResult]:
        return self._thread.call(_next_items, self._held.value, BATCH)

    @property
    def closed(self) -> bool:
        return self._held.closed

    def close(self) -> None:
        self._held.close()


class Orchestra(_Closing):
    """An orchestra driven from blocking code. Create with :func:`open_orchestra`."""

    def __init__(self, thread: TrioThread, held: Held[TrioOrchestra]) -> None:
        self._thread = thread
        self._held = held
        self._orchestra = held.value
        self._children: list[Conversation | MapResults] = []
        self._closed = False

    def __repr__(self) -> str:
        return f"<sync {self._orchestra!r}>"

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
    def closed(self) -> bool:
        return self._closed

    def conversation(self, *, approver: Approver | None = None, **options: Any) -> Conversation:
        """Start a conversation (options as in :meth:`orchestra.Orchestra.conversation`).
        ``approver`` answers approval requests (default: decline all)."""
        cm = self._orchestra.conversation(approver=_policy(approver), **options)
        conversation = Conversation(self._thread, self._thread.enter(cm))
        self._adopt(conversation)
        return conversation

    def map(
        self,
        prompts: Iterable[PromptLike],
        *,
        concurrency: int | None = None,
        ordered: bool = False,
        timeout: float = math.inf,
        ephemeral: bool = True,
        approver: Approver | None = None,
    ) -> MapResults:
        """Run one-turn prompts with bounded concurrency; iterate the results as they complete
        (in the order of ``prompts`` if ``ordered``). A failed prompt is a result, never an
        exception. ``prompts`` is read up front. ``concurrency`` defaults to 32 in flight per
        runtime of the pool."""
        cm = self._orchestra.map(
            list(prompts),
            concurrency=concurrency,
            ordered=ordered,
            timeout=timeout,
            ephemeral=ephemeral,
            approver=_policy(approver),
        )
        results = MapResults(self._thread, self._thread.enter(cm))
        self._adopt(results)
        return results

    def request(self, method: str, params: Any = None, *, timeout: float = math.inf) -> Any:
        """A raw JSON-RPC request on the control route (e.g. ``model/list``)."""
        return self._thread.call(functools.partial(self._orchestra.request, method, params, timeout=timeout))

    def call(self, fn: Callable[..., Awaitable[T]], *args: Any) -> T:
        """Run the trio function ``fn(trio_orchestra, *args)`` on the trio thread and return its
        value: the way to the orchestra surface this facade does not wrap (``models``,
        ``account``, ``threads``, ...): ``orch.call(lambda o: o.models())``."""
        return self._thread.call(functools.partial(fn, self._orchestra, *args))

    def _adopt(self, child: Conversation | MapResults) -> None:
        """Keep ``child`` to close it with the orchestra; forget those closed already (a notebook
        session that opens conversations for hours must not keep every one it closed)."""
        self._children = [c for c in self._children if not c.closed]
        self._children.append(child)

    def close(self) -> None:
        """Close what is still open (newest first), then the runtime, then the trio thread.
        Idempotent; leaves no process or thread behind."""
        if self._closed:
            return
        self._closed = True
        _open.discard(self)
        try:
            while self._children:
                self._children.pop().close()
            self._held.close()
        finally:
            self._thread.stop()


_open: weakref.WeakSet[Orchestra] = weakref.WeakSet()


@atexit.register
def _close_forgotten() -> None:
    """An orchestra nobody closed (a notebook kernel shutting down) still stops its runtime."""
    for orchestra in list(_open):
        orchestra.close()


def open_orchestra(
    home: CodexHome,
    *,
    opt_out_notifications: Sequence[str] = (),
    runtime_argv: Sequence[str] | None = None,
    handshake_timeout: float = 60.0,
    **options: Any,
) -> Orchestra:
    """Start the runtime pool for ``home`` (``options`` as in :func:`orchestra.open_orchestra`) in a
    trio thread of its own; return a blocking :class:`Orchestra`.

    Use it in a ``with`` block, or call ``close()`` (a notebook). Ctrl-C while a call blocks
    interrupts that call (a turn being read is interrupted in the runtime) and is re-raised, so
    ``with`` blocks then close conversations and the runtime on the way out.
    """
    thread = TrioThread()
    thread.start()
    try:
        cm = open_trio_orchestra(
            home,
            opt_out_notifications=opt_out_notifications,
            runtime_argv=runtime_argv,
            handshake_timeout=handshake_timeout,
            **options,
        )
        orchestra = Orchestra(thread, thread.enter(cm))
    except BaseException:
        thread.stop()
        raise
    _open.add(orchestra)
    return orchestra
