"""Replay: a recording's typed events again, optionally at the recorded pace, and turns that the
same consumer code as a live :class:`~orchestra.Turn` can drive (test agent logic offline)::

    async for event in replay("session.jsonl", paced=True, speed=4.0):
        ...

    conversation = ReplayedConversation.load("session.jsonl")
    for turn in conversation.turns():
        async for event in turn:          # the events the live turn delivered, in order
            ...
        result = await turn.result()      # a TurnResult equal to the live one
"""

from __future__ import annotations

import math
import os
from collections.abc import AsyncGenerator, AsyncIterator, Iterable, Mapping, Sequence
from types import TracebackType
from typing import Any, Protocol, runtime_checkable

import trio

from ..actors.turn import TurnResult
from ..events import RuntimeLost, TurnRestarted, TurnRetrying
from ..protocol import (
    AgentMessageDeltaNotification,
    ItemCompletedNotification,
    ThreadTokenUsageUpdatedNotification,
    TurnCompletedNotification,
    TurnStartedNotification,
)
from ._errors import CorruptRecordingError, RecordingFormatError
from ._format import EventRecord
from ._jsonl import open_jsonl
from ._recording import (
    RecordedInput,
    Recording,
    RecordsBuilder,
    load_recording,
    looks_like_document,
    parse_header,
    recording_from_document,
)

PathLike = str | os.PathLike[str]


@runtime_checkable
class TurnLike(Protocol):
    """What consumer code needs from a turn; a live :class:`~orchestra.Turn` and a
    :class:`ReplayedTurn` both have it, so agent logic typed against it runs on either."""

    thread_id: str

    @property
    def done(self) -> bool: ...

    def __aiter__(self) -> AsyncIterator[object]: ...

    async def result(self, *, timeout: float = ...) -> TurnResult: ...


def _check_speed(speed: float) -> float:
    if not speed > 0:
        raise ValueError(f"speed must be positive, got {speed!r}")
    return speed


class _Pacer:
    """Sleeps until each record's time, measured from the first record at the first call."""

    def __init__(self, speed: float) -> None:
        self.speed = _check_speed(speed)
        self._origin: tuple[float, float] | None = None  # (record t, trio time) of the first record

    def start(self, first_t: float) -> None:
        """Anchor the record time ``first_t`` to now, unless already anchored."""
        if self._origin is None:
            self._origin = (first_t, trio.current_time())

    async def wait(self, t: float) -> None:
        self.start(t)
        assert self._origin is not None
        first_t, started = self._origin
        target = started + (t - first_t) / self.speed
        if target > trio.current_time():
            await trio.sleep_until(target)
        else:
            await trio.lowlevel.checkpoint()


# --------------------------------------------------------------------------------------------------
# replay(): every event of a recording


class Replay:
    """The typed events of a recording, as an async iterator; create with :func:`replay`.

    Use it as ``async for event in replay(path)``, or inside ``async with replay(path) as events``
    to close the file at once if you stop early. A path is streamed through the native reader
    (a large recording is never held in memory whole).
    """

    def __init__(
        self, source: PathLike | Recording, *, paced: bool, speed: float, conversation: str | None
    ) -> None:
        self._source = source
        self._paced = paced
        self._speed = _check_speed(speed)
        self._conversation = conversation
        self._iterator: AsyncGenerator[object, None] | None = None

    def __aiter__(self) -> AsyncIterator[object]:
        if self._iterator is None:
            self._iterator = self._events()
        return self._iterator

    async def __aenter__(self) -> Replay:
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self._iterator is not None:
            await self._iterator.aclose()

    async def _events(self) -> AsyncGenerator[object, None]:
        pacer = _Pacer(self._speed) if self._paced else None
        async for record in self._records():
            if self._conversation is not None and record.conversation != self._conversation:
                continue
            if pacer is not None:
                await pacer.wait(record.t)
            yield record.event()

    async def _records(self) -> AsyncGenerator[EventRecord, None]:
        if isinstance(self._source, Recording):
            for i, record in enumerate(self._source.records):
                if i % 256 == 0:
                    await trio.lowlevel.checkpoint()
                yield record
            return
        path = os.fspath(self._source)
        try:
            async with open_jsonl(path) as stream:
                builder: RecordsBuilder | None = None
                async for batch in stream:
                    if builder is None:
                        first = batch[0]
                        if isinstance(first, Mapping) and "events" in first and "header" in first:
                            for record in recording_from_document(path, first).records:
                                yield record
                            return
                        builder = RecordsBuilder(path, parse_header(path, first))
                        batch = batch[1:]
                    for data in batch:
                        added = builder.add(data)
                        if added is not None:
                            yield added
                if stream.truncated is not None:
                    stream.truncated.warn(path, stacklevel=2)
                if builder is None:
                    raise RecordingFormatError(path, "empty file: not a recording")
        except CorruptRecordingError as exc:
            if exc.line != 1 or not looks_like_document(path):
                raise
            # Perhaps an exported, pretty-printed document: it spans lines by design.
            for record in load_recording(path).records:
                yield record


def replay(
    source: PathLike | Recording,
    *,
    paced: bool = False,
    speed: float = 1.0,
    conversation: str | None = None,
) -> Replay:
    """The typed events of a recording, in order, equal to those the live run delivered.

    ``paced=True`` waits between events as long as the live run did, divided by ``speed``
    (``trio.sleep_until``, so a ``MockClock`` makes it instant in tests). ``conversation`` keeps
    the events of one conversation of a multi-conversation recording.

    Raises :class:`CorruptRecordingError` (after yielding the events before the bad line),
    :class:`RecordingFormatError`, or ``OSError``; a cut-off last line only warns
    (:class:`TruncatedRecordingWarning`).
    """
    return Replay(source, paced=paced, speed=speed, conversation=conversation)


# --------------------------------------------------------------------------------------------------
# Turns that consumer code can drive


def _final_text(items: Sequence[Any]) -> str:
    for item in reversed(items):
        if getattr(item, "type", None) == "agentMessage":
            return str(getattr(item, "text", "") or "")
    return ""


def turn_result(thread_id: str, events: Iterable[object], *, turn_id: str | None = None) -> TurnResult:
    """The :class:`TurnResult` a live turn with these events returned (same rules as the actor:
    items from ``item/completed``, usage from the last token update, status and error from
    ``turn/completed``; a later attempt replaces an earlier one)."""
    items: list[Any] = []
    deltas: list[str] = []
    usage: Any = None
    completed: TurnCompletedNotification | None = None
    lost: RuntimeLost | None = None
    attempts = 1
    for event in events:
        if isinstance(event, TurnStartedNotification):
            turn_id = event.turn.id
        elif isinstance(event, AgentMessageDeltaNotification):
            deltas.append(event.delta)
        elif isinstance(event, ItemCompletedNotification):
            items.append(event.item)
        elif isinstance(event, ThreadTokenUsageUpdatedNotification):
            usage = event.token_usage
        elif isinstance(event, TurnCompletedNotification):
            completed = event
        elif isinstance(event, RuntimeLost):
            lost = event
        elif isinstance(event, (TurnRestarted, TurnRetrying)):
            attempts = max(attempts, event.attempt)
            items, deltas, usage, completed, lost = [], [], None, None, None
    final_items: Sequence[Any] = ()
    error: Any = None
    duration: int | None = None
    if completed is not None:
        status = str(completed.turn.status)
        error = completed.turn.error
        duration = completed.turn.duration_ms
        final_items = completed.turn.items or ()
    elif lost is not None:
        status, error = "failed", lost
    else:
        status = "incomplete"  # the recording ends before the turn did
    return TurnResult(
        thread_id=thread_id,
        turn_id=turn_id or "",
        status=status,
        final_text=_final_text(items) or _final_text(final_items) or "".join(deltas),
        items=tuple(items),
        usage=usage,
        error=error,
        duration_ms=duration,
        attempts=attempts,
    )


class ReplayedTurn:
    """A recorded turn with the interface of a live :class:`~orchestra.Turn`.

    ``async for event in turn`` yields the events the live turn delivered (paced if asked);
    ``await turn.result()`` returns the :class:`TurnResult` the live turn returned, waiting (when
    paced) until the turn's recorded end. As with a live turn, events not streamed before
    ``result()`` are dropped. ``interrupt()`` stops the stream and returns the result.
    """

    def __init__(
        self,
        thread_id: str,
        index: int,
        records: Sequence[EventRecord],
        *,
        user_input: RecordedInput | None = None,
        paced: bool = False,
        speed: float = 1.0,
    ) -> None:
        self.thread_id = thread_id
        self.index = index  # 1-based, within the conversation
        self.input = user_input
        self.records = tuple(records)
        self._events = [r.event() for r in self.records]
        self._result = turn_result(thread_id, self._events, turn_id=_last_turn_id(self.records))
        self.id: str | None = self._result.turn_id or None
        self._pacer = _Pacer(speed) if paced else None
        self._position = 0
        self._detached = False

    def __repr__(self) -> str:
        return f"<ReplayedTurn {self.index} {self.id} of thread {self.thread_id} {self._result.status}>"

    @property
    def events(self) -> tuple[object, ...]:
        """Every event of the turn (regardless of streaming)."""
        return tuple(self._events)

    @property
    def done(self) -> bool:
        return self._detached or self._position >= len(self._events)

    def __aiter__(self) -> AsyncIterator[object]:
        return self

    async def __anext__(self) -> object:
        if self._detached or self._position >= len(self._events):
            raise StopAsyncIteration
        if self._pacer is not None:
            await self._pacer.wait(self.records[self._position].t)
        else:
            await trio.lowlevel.checkpoint()
        event = self._events[self._position]
        self._position += 1
        return event

    async def result(self, *, timeout: float = math.inf) -> TurnResult:
        """The recorded result (waiting, when paced, until the turn's recorded end)."""
        self._detached = True
        with trio.fail_after(timeout):
            if self._pacer is not None and self.records:
                self._pacer.start(self.records[0].t)  # the turn "began" now if it was not streamed
                await self._pacer.wait(self.records[-1].t)
            else:
                await trio.lowlevel.checkpoint()
        return self._result

    async def interrupt(self) -> TurnResult:
        """Stop streaming; the result is the recorded one (a replay cannot change the past)."""
        self._detached = True
        await trio.lowlevel.checkpoint()
        return self._result


def _last_turn_id(records: Sequence[EventRecord]) -> str | None:
    for record in reversed(records):
        if record.turn:
            return record.turn
    return None


class ReplayedConversation:
    """One recorded conversation: its thread-level events and its turns, replayable."""

    def __init__(self, recording: Recording, conversation: str | None = None) -> None:
        self.recording = recording
        self.info = recording.conversation(conversation)
        self.thread_id = self.info.id
        self.records = recording.records_of(self.thread_id)

    def __repr__(self) -> str:
        return f"<ReplayedConversation {self.thread_id} turns={len(self._turn_records())}>"

    @classmethod
    def load(cls, path: PathLike, *, conversation: str | None = None) -> ReplayedConversation:
        """Load a recording (see :func:`load_recording`) and pick one of its conversations."""
        return cls(load_recording(path), conversation)

    @property
    def thread_events(self) -> tuple[object, ...]:
        """Events of the conversation that no turn received (status changes, thread/started, ...)."""
        return tuple(r.event() for r in self.records if r.turn_seq is None)

    @property
    def inputs(self) -> tuple[RecordedInput, ...]:
        return tuple(i for i in self.recording.inputs if i.conversation == self.thread_id)

    def _turn_records(self) -> dict[int, list[EventRecord]]:
        turns: dict[int, list[EventRecord]] = {}
        for record in self.records:
            if record.turn_seq is not None:
                turns.setdefault(record.turn_seq, []).append(record)
        return turns

    def turns(self, *, paced: bool = False, speed: float = 1.0) -> list[ReplayedTurn]:
        """The turns, in order, each a fresh :class:`ReplayedTurn` (iterate it, or await its result)."""
        inputs = {i.turn_seq: i for i in self.inputs}
        return [
            ReplayedTurn(
                self.thread_id, index, records, user_input=inputs.get(index), paced=paced, speed=speed
            )
            for index, records in sorted(self._turn_records().items())
        ]
