"""The recorder: an event observer that appends every event of a conversation to a JSONL file.

::

    with Recorder("session.jsonl") as recorder:
        async with orch.conversation(cwd=".", observers=[recorder]) as conv:
            await conv.run("hello")

One recorder may watch several conversations (pass it to each); their events interleave in one
file, each line naming its conversation. See :mod:`orchestra.session._format` for the lines.

Crash safety: each line is written with a single ``write(2)`` on a file opened with
``O_APPEND``, right when the event is observed (no buffering in the process; but see below for
streamed text that could hold a secret), so a crash loses at most the line being written (and any
such held events), and a reader sees every whole line before it (the cut one is reported
with a warning). ``fsync=True`` also asks the OS to put each line on disk (slower: one fsync per
event). Secrets are redacted (:func:`orchestra._log.redact_tree`) before anything is written.

Streamed text (``delta`` events: agent messages, reasoning, command output) can cut a secret in
two, and neither piece alone would be recognised. So while a stream ends in what could be the
first part of a secret (``sk-...``, ``Bearer ...``, the start of a known value), that stream's
waiting deltas and every event of that conversation observed after them are held back, until the
stream goes on with something else, its item or turn completes, its runtime is lost, or the
recorder closes (or, at most, after 1,000 of its events). They are then written in the order
observed, with the times observed, and the stream's deltas masked as one text
(:func:`orchestra._log.redact_pieces`). Ordinary text is rarely held, and never for long; another
conversation's events are not held at all (so lines of different conversations may be written out
of time order).
"""

from __future__ import annotations

import contextlib
import datetime
import json
import os
import threading
import time
from collections.abc import AsyncIterator, Callable, Iterable, Mapping
from importlib import metadata as importlib_metadata
from types import TracebackType
from typing import TYPE_CHECKING, Any

import attrs

from .. import events as orchestra_events
from .._log import could_begin_secret, get_logger, redact_pieces, redact_tree
from ..protocol import ItemCompletedNotification, TurnCompletedNotification, converter
from ._format import (
    FORMAT,
    FORMAT_VERSION,
    ConversationInfo,
    EventRecord,
    SessionHeader,
    encode_event,
    is_orchestra_event,
)

if TYPE_CHECKING:
    from .._orchestra import Orchestra
    from ..actors.handle import Conversation

log = get_logger("orchestra.session.recorder")

PathLike = str | os.PathLike[str]


def orchestra_version() -> str:
    try:
        return importlib_metadata.version("codex-orchestra")
    except importlib_metadata.PackageNotFoundError:
        return "0.0.0"


def _iso(unix: float) -> str:
    return datetime.datetime.fromtimestamp(unix, tz=datetime.UTC).isoformat()


#: A stream is not held back past this many characters: no secret is that long (and an unbroken
#: key-shaped run that long is masked whole anyway).
MAX_HELD = 8192

#: Events of one conversation held back at most: past this, they are written anyway (a stream
#: that stopped in what could begin a secret, say, and whose item never completed).
MAX_WAITING = 1000

#: A stream of deltas: (conversation, item id, event type).
_Stream = tuple[str | None, str, type]


@attrs.define
class _Observed:
    """An event observed and not yet written, with what its line will say about it."""

    event: object
    t: float
    conversation: str | None
    turn: str | None
    turn_seq: int | None
    stream: _Stream | None


def _stream_of(event: object, conversation: str | None) -> _Stream | None:
    """The stream a streamed-text event (a ``delta`` of an item) belongs to, else None."""
    if isinstance(getattr(event, "delta", None), str) and attrs.has(type(event)):
        item_id = getattr(event, "item_id", None)
        if isinstance(item_id, str):
            return conversation, item_id, type(event)
    return None


def _streams_ended_by(observed: _Observed, streams: Iterable[_Stream]) -> set[_Stream]:
    event = observed.event
    if isinstance(event, TurnCompletedNotification | orchestra_events.RuntimeLost):
        return {s for s in streams if s[0] == observed.conversation}
    if isinstance(event, ItemCompletedNotification):
        item_id = getattr(event.item, "id", None)
        return {s for s in streams if s[0] == observed.conversation and s[1] == item_id}
    return set()


def _dumps(record: Mapping[str, Any]) -> bytes:
    text = json.dumps(redact_tree(record), ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return text.encode("utf-8") + b"\n"


class Recorder:
    """Records every event of the conversations it observes (pass it in ``observers=[...]``).

    Parameters:
        path: the JSONL file to write. It must not exist unless ``overwrite=True``.
        metadata: JSON-like data stored (redacted) in the header, e.g. a test name.
        fsync: ``fsync`` after every line (durable against power loss, not only crashes).
        clock: the monotonic clock for ``t`` (seconds); ``time.monotonic`` by default.

    Calls happen on the conversation's trio task and must not block: a line is one small write
    to the page cache. If writing fails (disk full), the recorder logs the error once, keeps what
    it wrote, stops recording and sets :attr:`error`; the conversation is not disturbed.
    Close it (or use ``with``) to write the header of a recording that saw no event.
    """

    def __init__(
        self,
        path: PathLike,
        *,
        metadata: Mapping[str, Any] | None = None,
        overwrite: bool = False,
        fsync: bool = False,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.path = os.fspath(path)
        self.metadata = dict(metadata or {})
        self.fsync = fsync
        self.error: OSError | None = None
        self.events_written = 0
        self._clock = clock
        self._origin = clock()
        self._started_unix = time.time()
        flags = os.O_WRONLY | os.O_CREAT | os.O_APPEND | os.O_CLOEXEC
        flags |= os.O_TRUNC if overwrite else os.O_EXCL
        self._fd: int | None = os.open(self.path, flags, 0o600)  # recordings hold conversations
        # One line (and one held-back queue update) at a time even if observed from several threads.
        self._lock = threading.RLock()
        self._header_written = False
        self._conversations: dict[str, ConversationInfo] = {}
        self._turns: dict[str, tuple[object, int]] = {}  # per conversation: its live turn, number
        # Held back (see the module doc), per conversation, in observed order: one conversation's
        # stream never holds back another's events.
        self._waiting: dict[str | None, list[_Observed]] = {}
        self._seq = 0

    def __repr__(self) -> str:
        state = "closed" if self._fd is None else "recording"
        return f"<Recorder {self.path!r} {state} events={self.events_written}>"

    # --- the observer ---------------------------------------------------------------------

    def __call__(self, actor: Any, event: object) -> None:
        """The observer hook: ``(actor, event)`` from a conversation, in order."""
        conversation = self._conversation_of(actor, event)
        turn_id, turn_seq = self._turn_of(actor, event, conversation)
        self.record(event, conversation=conversation, turn=turn_id, turn_seq=turn_seq)

    def record(
        self,
        event: object,
        *,
        conversation: str | None = None,
        turn: str | None = None,
        turn_seq: int | None = None,
    ) -> None:
        """Append one event (e.g. one you received elsewhere, such as a runtime-level event)."""
        if self._fd is None:
            return
        observed = _Observed(
            event, self._clock(), conversation, turn, turn_seq, _stream_of(event, conversation)
        )
        with self._lock:
            waiting = self._waiting.setdefault(conversation, [])
            waiting.append(observed)
            if len(waiting) > MAX_WAITING or not self._holding(waiting):
                self._write_waiting(conversation)

    @staticmethod
    def _holding(waiting: list[_Observed]) -> bool:
        """Whether a stream among ``waiting`` ends in what could begin a secret."""
        texts: dict[_Stream, list[str]] = {}
        for observed in waiting:
            if observed.stream is not None:
                texts.setdefault(observed.stream, []).append(observed.event.delta)  # type: ignore[attr-defined]
            elif texts:
                for ended in _streams_ended_by(observed, texts):
                    del texts[ended]
        for pieces in texts.values():
            text = "".join(pieces)
            if len(text) < MAX_HELD and could_begin_secret(text):
                return True
        return False

    def _write_waiting(self, conversation: str | None) -> None:
        waiting = self._waiting.pop(conversation, [])
        streams: dict[_Stream, list[_Observed]] = {}
        for observed in waiting:
            if observed.stream is not None:
                streams.setdefault(observed.stream, []).append(observed)
        for deltas in streams.values():
            pieces = [d.event.delta for d in deltas]  # type: ignore[attr-defined]
            for observed, original, masked in zip(deltas, pieces, redact_pieces(pieces), strict=True):
                if masked != original:
                    observed.event = attrs.evolve(observed.event, delta=masked)  # type: ignore[misc]
        for observed in waiting:
            self._write_event(observed)

    def _write_event(self, observed: _Observed) -> None:
        kind, payload = encode_event(observed.event)
        record = EventRecord(
            seq=self._seq,
            t=round(observed.t - self._origin, 6),
            wall=round(self._started_unix + (observed.t - self._origin), 6),
            kind=kind,
            payload=payload,
            conversation=observed.conversation,
            turn=observed.turn,
            turn_seq=observed.turn_seq,
        )
        line = {"type": "event", **converter.unstructure(record)}
        if self._write(line):
            self._seq += 1
            self.events_written += 1

    # --- lifecycle ------------------------------------------------------------------------

    def close(self) -> None:
        """Write what is held back, and the header if nothing was recorded, then close the file.
        Idempotent."""
        if self._fd is None:
            return
        with self._lock:
            for conversation in list(self._waiting):
                self._write_waiting(conversation)
        if not self._header_written:
            self._write_header(None)
        fd, self._fd = self._fd, None
        os.close(fd)

    def __enter__(self) -> Recorder:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    # --- internals ------------------------------------------------------------------------

    def _conversation_of(self, actor: Any, event: object) -> str | None:
        thread_id = getattr(actor, "thread_id", None)
        if thread_id is None and isinstance(event, orchestra_events.ConversationResumed):
            thread_id = event.thread_id
        if thread_id is None:
            # thread/started may be observed before the actor has read the thread/start answer.
            thread = getattr(event, "thread", None)
            thread_id = getattr(thread, "id", None)
        if thread_id is None:
            return None
        thread_id = str(thread_id)
        if thread_id not in self._conversations:
            info = _conversation_info(actor, event, thread_id, started=time.time())
            self._conversations[thread_id] = info
            if not self._header_written:
                self._write_header(info)
            else:
                self._write({"type": "conversation", **converter.unstructure(info)})
        return thread_id

    def _turn_of(self, actor: Any, event: object, conversation: str | None) -> tuple[str | None, int | None]:
        """The turn the live actor delivers ``event`` to (mirroring its routing), if any."""
        active = getattr(actor, "active", None)
        if active is None or getattr(active, "done", True):
            return None, None
        if is_orchestra_event(event):
            delivered = True  # orchestra's own events go to the active turn
        else:
            turn_id = getattr(event, "turn_id", None)
            if turn_id is None:
                turn_id = getattr(getattr(event, "turn", None), "id", None)
            delivered = turn_id is not None and getattr(active, "id", None) in (None, turn_id)
        if not delivered:
            return None, None
        key = conversation or ""
        current = self._turns.get(key)
        if current is not None and current[0] is active:
            seq = current[1]
        else:  # a conversation runs one turn at a time: a new active turn is the next one
            seq = (current[1] if current else 0) + 1
            self._turns[key] = (active, seq)
        active_id = getattr(active, "id", None)
        return (str(active_id) if active_id is not None else None), seq

    def _write_header(self, conversation: ConversationInfo | None) -> None:
        header = SessionHeader(
            format=FORMAT,
            format_version=FORMAT_VERSION,
            orchestra_version=orchestra_version(),
            started_at=_iso(self._started_unix),
            started_at_unix=round(self._started_unix, 6),
            conversation=conversation,
            metadata=self.metadata,
        )
        self._header_written = True
        self._write({"type": "header", **converter.unstructure(header)})

    def _write(self, record: Mapping[str, Any]) -> bool:
        if self._fd is None:
            return False
        data = _dumps(record)
        try:
            with self._lock:
                view = memoryview(data)
                while view:  # a regular file takes it in one write; loop only on a short write
                    written = os.write(self._fd, view)
                    view = view[written:]
                if self.fsync:
                    os.fsync(self._fd)
        except OSError as exc:
            self.error = exc
            log.error("recording failed; recording stopped", path=self.path, error=str(exc))
            fd, self._fd = self._fd, None
            with contextlib.suppress(OSError):
                os.close(fd)
            return False
        return True


def _conversation_info(actor: Any, event: object, thread_id: str, *, started: float) -> ConversationInfo:
    """What the actor and the first event say about a conversation (the actor's raw thread object
    when it has it, else the ``thread/started`` event's)."""
    thread: Mapping[str, Any] = actor.thread if isinstance(getattr(actor, "thread", None), Mapping) else {}
    if not thread:
        typed = getattr(event, "thread", None)
        if typed is not None and attrs.has(type(typed)):
            thread = converter.unstructure(typed)
    runtime = getattr(actor, "runtime", None)
    slot = getattr(actor, "slot", None)
    home = getattr(runtime, "home", None) or getattr(slot, "home", None)
    binary = getattr(home, "binary", None)
    info = getattr(runtime, "info", None)
    return ConversationInfo(
        id=thread_id,
        runtime_version=getattr(binary, "version", None) or thread.get("cliVersion"),
        cwd=thread.get("cwd"),
        model=thread.get("model") or getattr(home, "model", None),
        model_provider=thread.get("modelProvider"),
        rollout_path=thread.get("path"),
        codex_home=str(home.path) if home is not None else None,
        user_agent=info.get("userAgent") if isinstance(info, Mapping) else None,
        started_at=_iso(started),
    )


@contextlib.asynccontextmanager
async def record_conversation(
    orch: Orchestra,
    path: PathLike,
    *,
    metadata: Mapping[str, Any] | None = None,
    overwrite: bool = False,
    fsync: bool = False,
    **conversation: Any,
) -> AsyncIterator[Conversation]:
    """``orch.conversation(**conversation)`` with a :class:`Recorder` on ``path`` among its
    observers; the recording is closed when the block is left."""
    with Recorder(path, metadata=metadata, overwrite=overwrite, fsync=fsync) as recorder:
        observers = [recorder, *conversation.pop("observers", ())]
        async with orch.conversation(observers=observers, **conversation) as conv:
            yield conv
