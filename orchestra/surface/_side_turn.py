"""Turns the runtime starts for a request other than ``turn/start`` (``review/start``,
``thread/compact/start``), followed like a :class:`~orchestra.Turn`.

A :class:`SideTurn` registers an event observer on the conversation's actor *before* the request
is sent, so no event of the new turn can be missed, and keeps the events of its turn in a bounded
buffer. Nothing runs in the background: ``async for event in side`` and ``await side.result()``
read that buffer in the caller's task. Cancelling either wait interrupts the turn in the runtime.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

import trio

from .._errors import ConversationClosedError, RpcError, RuntimeExitedError
from .._log import get_logger
from ..actors.turn import TurnResult
from ..events import RuntimeLost
from ..protocol import (
    AgentMessageDeltaNotification,
    ItemCompletedNotification,
    ThreadTokenUsageUpdatedNotification,
    TurnCompletedNotification,
    TurnStartedNotification,
)
from ._errors import SideTurnError

if TYPE_CHECKING:
    from ..actors.conversation import ConversationActor
    from ..actors.handle import Conversation

log = get_logger("orchestra.surface")

#: Events of one side turn kept before its reader catches up; past that the turn fails (it would
#: otherwise stall nothing, but silently lose events).
BUFFER = 10_000


def actor_of(conversation: Conversation) -> ConversationActor:
    """The actor behind a conversation handle (the surface works beside the actor, not inside it)."""
    return conversation._actor


def event_turn_id(event: object) -> str | None:
    """The turn an event belongs to: ``turnId`` of item events, ``turn.id`` of turn events."""
    turn_id = getattr(event, "turn_id", None)
    if isinstance(turn_id, str):
        return turn_id
    turn = getattr(event, "turn", None)
    value = getattr(turn, "id", None)
    return value if isinstance(value, str) else None


class SideTurn:
    """One runtime turn started by a request other than ``turn/start``. See the module docstring."""

    def __init__(self, conversation: Conversation, *, kind: str) -> None:
        self.kind = kind
        self.thread_id = conversation.thread_id
        self.id: str | None = None
        self.items: list[Any] = []
        self.events: list[object] = []  # every event of this turn, in order (also when not streamed)
        self._conversation = conversation
        self._actor = actor_of(conversation)
        self._related: set[str] = set()  # sub-turns the runtime ran for this one (a review's reviewer)
        self._deltas: list[str] = []
        self._usage: Any = None
        self._send, self._receive = trio.open_memory_channel[object](BUFFER)
        self._overflowed = False
        self._result: TurnResult | None = None
        self._ended = False  # the completion event was handed out by __anext__
        # Set when the runtime reports the end (seen on the actor's task, read or not): the
        # conversation's next turn waits for it, since the runtime refuses one before.
        self._ended_in_runtime = trio.Event()
        self._actor.observers.append(self._observe)

    def __repr__(self) -> str:
        state = self._result.status if self._result else "running"
        return f"<SideTurn {self.kind} {self.id} of thread {self.thread_id} {state}>"

    @property
    def done(self) -> bool:
        return self._result is not None

    @property
    def outcome(self) -> TurnResult:
        """How the turn ended; raises ``RuntimeError`` before it has ended (see :meth:`result`)."""
        if self._result is None:
            raise RuntimeError(f"{self.kind} turn has not ended")
        return self._result

    def bind(self, turn_id: str) -> None:
        if self.id is None:
            self.id = turn_id

    # --- reading ------------------------------------------------------------------------

    def __aiter__(self) -> SideTurn:
        return self

    async def __anext__(self) -> object:
        """The next event of this turn; ends after its ``turn/completed``. Cancellation interrupts."""
        if self._ended or (self._result is not None and not self._has_buffered()):
            raise StopAsyncIteration
        while True:
            try:
                event = await self._receive.receive()
            except (trio.EndOfChannel, trio.ClosedResourceError):
                raise StopAsyncIteration from None
            except trio.Cancelled:
                await self._interrupt_shielded()
                raise
            if not self._take(event):
                continue
            if self._result is not None and isinstance(event, TurnCompletedNotification | RuntimeLost):
                self._ended = True
            return event

    async def result(self, *, timeout: float = math.inf) -> TurnResult:
        """Wait until the turn ends; return how it ended (never raises for a failed turn).

        Cancellation (or ``timeout``, raising :class:`trio.TooSlowError`) interrupts the turn.
        """
        try:
            with trio.fail_after(timeout):
                while self._result is None:
                    try:
                        event = await self._receive.receive()
                    except (trio.EndOfChannel, trio.ClosedResourceError):
                        break
                    self._take(event)
        except (trio.Cancelled, trio.TooSlowError):
            await self._interrupt_shielded()
            raise
        finally:
            if self._result is not None:
                self.close()
        if self._result is None:
            raise SideTurnError(f"{self.kind} turn of thread {self.thread_id} could not be followed")
        return self._result

    async def interrupt(self) -> TurnResult:
        """Ask the runtime to stop this turn and wait until it has ended."""
        await self._send_interrupt()
        return await self.result()

    def close(self) -> None:
        """Stop following the turn (idempotent). The conversation still waits for its end before
        its next turn."""
        self._send.close()

    async def wait_ended(self) -> None:
        """Until the runtime has reported the turn's end (whether or not anyone read it)."""
        await self._ended_in_runtime.wait()

    def abandon(self) -> None:
        """The request was refused: no turn started, nothing to wait for."""
        self._runtime_ended()
        self.close()

    def _runtime_ended(self) -> None:
        self._ended_in_runtime.set()
        if self._observe in self._actor.observers:
            self._actor.observers.remove(self._observe)
        if self._actor.side_turn is self:
            self._actor.side_turn = None

    # --- plumbing -----------------------------------------------------------------------

    def _has_buffered(self) -> bool:
        return self._receive.statistics().current_buffer_used > 0

    def _observe(self, _actor: object, event: object) -> None:
        """Called on the actor's task for every event of the conversation: note the turn's start
        and end, and buffer the event for the reader (never block)."""
        if isinstance(event, RuntimeLost):
            self._runtime_ended()
        elif getattr(event, "thread_id", None) == self.thread_id:
            if self.id is None and isinstance(event, TurnStartedNotification):
                self.id = event_turn_id(event)  # the first turn to start after the request
            elif isinstance(event, TurnCompletedNotification) and event_turn_id(event) == self.id:
                self._runtime_ended()
        try:
            self._send.send_nowait(event)
        except trio.WouldBlock:
            if not self._overflowed:
                self._overflowed = True
                log.warning("side turn buffer full; events lost", kind=self.kind, turn_id=self.id)
        except (trio.BrokenResourceError, trio.ClosedResourceError):
            pass

    def _take(self, event: object) -> bool:
        """Record ``event`` if it belongs to this turn; True if it does."""
        if isinstance(event, RuntimeLost):
            self.events.append(event)
            self._finish("failed", error=event, duration_ms=None)
            return True
        thread_id = getattr(event, "thread_id", self.thread_id)
        turn_id = event_turn_id(event)
        if thread_id != self.thread_id or turn_id is None:
            return False
        if self.id is None:  # not started yet (_observe binds it at the turn's turn/started)
            return False
        if turn_id != self.id and turn_id not in self._related:
            root = getattr(getattr(event, "turn", None), "root_turn_id", None)
            if not (isinstance(event, TurnStartedNotification) and root == self.id):
                return False
            self._related.add(turn_id)
        self.events.append(event)
        if isinstance(event, ItemCompletedNotification):
            self.items.append(event.item)
        elif isinstance(event, AgentMessageDeltaNotification):
            self._deltas.append(event.delta)
        elif isinstance(event, ThreadTokenUsageUpdatedNotification):
            self._usage = event.token_usage
        elif isinstance(event, TurnCompletedNotification) and turn_id == self.id:
            turn = event.turn
            self._finish(str(turn.status), error=turn.error, duration_ms=turn.duration_ms)
        return True

    def _finish(self, status: str, *, error: Any, duration_ms: int | None) -> None:
        if self._result is not None:
            return
        if self._overflowed and status == "completed":
            status, error = "failed", f"{BUFFER} events buffered and not read; some were lost"
        self._result = TurnResult(
            thread_id=self.thread_id,
            turn_id=self.id or "",
            status=status,
            final_text=final_agent_text(self.items) or "".join(self._deltas),
            items=tuple(self.items),
            usage=self._usage,
            error=error,
            duration_ms=duration_ms,
        )

    async def _send_interrupt(self) -> None:
        if self.id is None or self._result is not None:
            return
        try:
            await self._conversation.request("turn/interrupt", {"turnId": self.id}, timeout=30)
        except (RpcError, RuntimeExitedError, ConversationClosedError, trio.TooSlowError) as exc:
            log.info("turn/interrupt not accepted", kind=self.kind, turn_id=self.id, error=str(exc))

    async def _interrupt_shielded(self) -> None:
        # Until the runtime has ended the turn: it refuses the conversation's next turn before.
        with trio.CancelScope(shield=True), trio.move_on_after(30):
            await self._send_interrupt()
            await self._ended_in_runtime.wait()
        self.close()


def final_agent_text(items: list[Any]) -> str:
    for item in reversed(items):
        if getattr(item, "type", None) == "agentMessage":
            return str(getattr(item, "text", "") or "")
    return ""


async def start_side_turn(
    conversation: Conversation,
    method: str,
    params: Mapping[str, Any],
    *,
    kind: str,
    turn_id_of: Callable[[Any], str | None] = lambda _result: None,
    timeout: float = 120.0,
) -> tuple[SideTurn, Any]:
    """Send ``method`` on the conversation's thread and follow the turn it starts.

    Waits first for a turn of the conversation that is still running. Returns the side turn and
    the raw result of the request. Raises :class:`~orchestra.RpcError` if the runtime refuses.
    """
    actor = actor_of(conversation)
    # One turn at a time, side turns included: the runtime refuses a turn (or a second review or
    # compaction) while one runs.
    async with actor._turn_lock:
        active = conversation.active_turn
        if active is not None and not active.done:
            await active.result()
        if actor.side_turn is not None:
            await actor.side_turn.wait_ended()
        side = SideTurn(conversation, kind=kind)
        actor.side_turn = side
        try:
            result = await conversation.request(method, dict(params), timeout=timeout)
        except BaseException:
            side.abandon()
            raise
    turn_id = turn_id_of(result)
    if turn_id is not None:
        side.bind(turn_id)
    return side, result
