"""A turn: one user input and everything it causes, delivered as typed events in order.

``async for event in turn`` streams the turn's events from its mailbox (a bounded FIFO,
:class:`~orchestra.actors._mailbox.Mailbox`); ``await turn.result()`` waits for the end and
returns a :class:`TurnResult`. Cancelling either wait interrupts the turn in the runtime
(``turn/interrupt``); the conversation stays usable for the next turn.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any, Literal, Protocol

import attrs
import trio

from .._errors import TurnFailedError
from ._mailbox import Mailbox

if TYPE_CHECKING:
    from collections.abc import AsyncIterator

    from ..protocol import TurnSteerResponse
    from ..surface.inputs import UserInputLike

TurnStatus = Literal["completed", "interrupted", "failed"]

#: At most this many events are taken from the mailbox without a checkpoint (see __anext__).
_NOWAIT_STREAK = 64


class _TurnOwner(Protocol):
    def interrupt_soon(self, turn: Turn) -> None: ...


@attrs.frozen
class TurnResult:
    """How a turn ended. ``final_text`` is the last agent message; ``items`` every completed item."""

    thread_id: str
    turn_id: str
    status: TurnStatus | str
    final_text: str
    items: tuple[Any, ...] = attrs.field(repr=lambda items: f"<{len(items)} items>")
    usage: Any = None  # ThreadTokenUsage from the last thread/tokenUsage/updated, if any
    error: Any = None  # the runtime's TurnError (message, codexErrorInfo, ...) when failed
    duration_ms: int | None = None
    attempts: int = 1  # >1 when the turn was run again (a retried failure or a lost runtime)

    @property
    def ok(self) -> bool:
        return self.status == "completed"

    def raise_for_status(self) -> TurnResult:
        """Return self if the turn completed; raise :class:`TurnFailedError` otherwise."""
        if self.status != "completed":
            message = getattr(self.error, "message", None) or f"turn {self.status}"
            raise TurnFailedError(f"turn {self.turn_id} {self.status}: {message}", error=self.error)
        return self


class Turn:
    """The mailbox of one turn. Create with :meth:`Conversation.send`."""

    def __init__(
        self, owner: _TurnOwner, thread_id: str, mailbox_size: int, start_params: dict[str, Any] | None = None
    ) -> None:
        self._owner = owner
        self.thread_id = thread_id
        self.id: str | None = None
        self.start_params: dict[str, Any] = start_params or {}  # the turn/start params, to run it again
        self.attempt = 1
        self._mailbox: Mailbox[object] = Mailbox(mailbox_size)
        # Set at turn/started: the runtime answers turn/start first and refuses to interrupt or
        # steer ("no active turn") until the turn has started.
        self._started = trio.Event()
        self._done = trio.Event()
        self._result: TurnResult | None = None
        self._detached = False
        self._nowait_streak = 0
        self.interrupt_requested = False
        # What result() reports, accumulated by the actor whether or not anyone streams events.
        self.items: list[Any] = []
        self.text_deltas: list[str] = []
        self.usage: Any = None

    def __repr__(self) -> str:
        state = self._result.status if self._result else "running"
        return f"<Turn {self.id} of thread {self.thread_id} {state}>"

    @property
    def done(self) -> bool:
        return self._done.is_set()

    def __aiter__(self) -> AsyncIterator[object]:
        return self

    async def __anext__(self) -> object:
        """The next event. Blocks until one arrives; ends after the turn's completion event.

        Cancellation interrupts the turn (``turn/interrupt`` is sent by the conversation's actor).
        """
        if self._nowait_streak < _NOWAIT_STREAK:
            # Take what is already waiting without a task switch; every _NOWAIT_STREAK-th event
            # goes through a real (cancellable, fair) receive below.
            try:
                event = self._mailbox.get_nowait()
                self._nowait_streak += 1
                return event
            except trio.WouldBlock:
                pass
            except trio.EndOfChannel:
                raise StopAsyncIteration from None
        self._nowait_streak = 0
        try:
            return await self._mailbox.get()
        except trio.EndOfChannel:
            raise StopAsyncIteration from None
        except trio.Cancelled:
            self._owner.interrupt_soon(self)
            raise

    def receive_nowait(self) -> object:
        """The next event if one is waiting; raises ``trio.WouldBlock`` if none is, and
        ``StopAsyncIteration`` once the turn's stream has ended. For batching consumers."""
        try:
            return self._mailbox.get_nowait()
        except trio.EndOfChannel:
            raise StopAsyncIteration from None

    def statistics(self) -> dict[str, Any]:
        """Mailbox state: events waiting, its capacity, whether the stream is detached or done."""
        return {
            "queued": len(self._mailbox),
            "capacity": self._mailbox.capacity,
            "detached": self._detached,
            "done": self.done,
            "attempt": self.attempt,
        }

    async def result(self, *, timeout: float = math.inf) -> TurnResult:
        """Wait until the turn ends and return how it ended (this never raises for a failed turn;
        see :meth:`TurnResult.raise_for_status`).

        Events not yet streamed are discarded from then on, so a turn nobody iterates cannot fill
        its mailbox and stall the conversation. Cancellation interrupts the turn; ``timeout``
        raises :class:`trio.TooSlowError` and does not (the turn keeps running: call
        :meth:`interrupt` to stop it, or use a cancel scope instead).
        """
        self.detach()
        try:
            with trio.fail_after(timeout):
                await self._done.wait()
        except trio.Cancelled:
            self._owner.interrupt_soon(self)
            raise
        assert self._result is not None
        return self._result

    async def interrupt(self) -> TurnResult:
        """Ask the runtime to stop this turn and wait until it has ended."""
        self._owner.interrupt_soon(self)
        return await self.result()

    async def steer(self, user_input: UserInputLike) -> TurnSteerResponse:
        """Add input to this running turn (``turn/steer``); raises
        :class:`~orchestra.surface.TurnAlreadyEndedError` once it has ended."""
        from ..surface.steering import steer

        return await steer(self, user_input)

    async def output(self, *, timeout: float = math.inf) -> Any:
        """Wait; return the final message parsed and validated against this turn's output_schema."""
        from ..surface.structured import turn_output

        return await turn_output(self, timeout=timeout)

    # --- used by the conversation actor -------------------------------------------------

    def detach(self) -> None:
        """Stop streaming events into the mailbox (the result is still accumulated)."""
        self._detached = True
        self._mailbox.clear()  # which frees a producer blocked on a full mailbox

    def bind_id(self, turn_id: str) -> None:
        if self.id is None:
            self.id = turn_id

    def mark_started(self) -> None:
        """The runtime reported the current attempt started (turn/started)."""
        self._started.set()

    async def wait_started(self) -> str | None:
        """The runtime's id for the current attempt once it has started, when the runtime accepts
        an interrupt or a steer for it; None if the turn ended before it had an id."""
        await self._started.wait()
        return self.id

    def restart(self) -> str | None:
        """Prepare another attempt: forget the runtime's turn id and what the attempt produced."""
        previous = self.id
        self.id = None
        self._started = trio.Event()
        self.attempt += 1
        self.items.clear()
        self.text_deltas.clear()
        self.usage = None
        return previous

    def deliver_nowait(self, event: object) -> bool:
        """Put an event in the mailbox if there is room; False if it is full (then ``await
        deliver``). A detached, finished or abandoned turn takes (drops) it: True."""
        if self._detached or self._done.is_set():
            return True
        try:
            return self._mailbox.put_nowait(event)
        except trio.ClosedResourceError:
            self._detached = True  # closed under us; keep accumulating only
            return True

    async def deliver(self, event: object) -> None:
        """Put an event in the mailbox, waiting while it is full (back-pressure to the runtime route)."""
        if self._detached or self._done.is_set():
            return
        try:
            # The common case, room in the mailbox, without a task switch; when it is full, wait
            # (the back-pressure).
            if not self._mailbox.put_nowait(event):
                await self._mailbox.put(event)
        except trio.ClosedResourceError:
            self._detached = True  # closed under us; keep accumulating only

    def finish(self, result: TurnResult) -> None:
        if self._done.is_set():
            return
        self._result = result
        self._started.set()
        self._done.set()
        self._mailbox.close()
