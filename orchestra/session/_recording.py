"""A recording loaded into memory: header, conversations, event records; and its JSON export."""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import attrs

from ..protocol import ItemStartedNotification, converter, unstructure
from ._errors import CorruptRecordingError, RecordingFormatError
from ._format import FORMAT, FORMAT_VERSION, ConversationInfo, EventRecord, SessionHeader
from ._jsonl import Truncation, read_jsonl

PathLike = str | os.PathLike[str]


@attrs.frozen(kw_only=True)
class RecordedInput:
    """A user input as the runtime received it (from the ``userMessage`` item that starts a turn)."""

    seq: int
    conversation: str | None
    turn: str | None
    turn_seq: int | None
    text: str
    content: tuple[Any, ...]  # the typed UserInput parts (text, image, ...)


@attrs.frozen(kw_only=True)
class Recording:
    """A recording read back: use :meth:`events` for typed events, :attr:`records` for timing."""

    path: str
    header: SessionHeader
    conversations: tuple[ConversationInfo, ...]
    records: tuple[EventRecord, ...] = attrs.field(repr=lambda r: f"<{len(r)} records>")
    truncated: Truncation | None = None

    def conversation(self, conversation_id: str | None = None) -> ConversationInfo:
        """The conversation ``conversation_id``, or (``None``) the recording's only/first one."""
        if conversation_id is None:
            if not self.conversations:
                raise RecordingFormatError(self.path, "the recording holds no conversation")
            return self.conversations[0]
        for info in self.conversations:
            if info.id == conversation_id:
                return info
        known = ", ".join(c.id for c in self.conversations) or "none"
        raise RecordingFormatError(self.path, f"no conversation {conversation_id!r} (recorded: {known})")

    def records_of(self, conversation_id: str | None = None) -> tuple[EventRecord, ...]:
        """The records of one conversation (all of them when ``None``)."""
        if conversation_id is None:
            return self.records
        return tuple(r for r in self.records if r.conversation == conversation_id)

    def events(self, conversation_id: str | None = None) -> list[object]:
        """The typed events, in recorded order, as the live run delivered them."""
        return [r.event() for r in self.records_of(conversation_id)]

    @property
    def inputs(self) -> tuple[RecordedInput, ...]:
        """What the user sent, turn by turn."""
        return tuple(_inputs(self.records))

    def to_document(self) -> dict[str, Any]:
        """The whole recording as one JSON-ready document (see :func:`export_json`)."""
        return {
            "header": converter.unstructure(self.header),
            "conversations": [converter.unstructure(c) for c in self.conversations],
            "events": [converter.unstructure(r) for r in self.records],
            "inputs": [
                {
                    **converter.unstructure(attrs.evolve(i, content=())),
                    "content": unstructure(list(i.content)),
                }
                for i in self.inputs
            ],
            **({"truncated": converter.unstructure(self.truncated)} if self.truncated else {}),
        }


def _inputs(records: Iterable[EventRecord]) -> Iterator[RecordedInput]:
    for record in records:
        if record.kind != "item/started":
            continue
        event = record.event()
        item = event.item if isinstance(event, ItemStartedNotification) else None
        if getattr(item, "type", None) != "userMessage":
            continue
        content = tuple(getattr(item, "content", ()) or ())
        text = "".join(
            str(getattr(part, "text", "")) for part in content if getattr(part, "type", "") == "text"
        )
        yield RecordedInput(
            seq=record.seq,
            conversation=record.conversation,
            turn=record.turn,
            turn_seq=record.turn_seq,
            text=text,
            content=content,
        )


# --------------------------------------------------------------------------------------------------
# Loading


def _structure(path: str, index: int, data: Any, cls: type[Any]) -> Any:
    try:
        return converter.structure(data, cls)
    except Exception as exc:
        raise RecordingFormatError(path, f"not a valid {cls.__name__}: {exc!r}", record=index) from None


def parse_header(path: str, first: Any) -> SessionHeader:
    """The header from the first record, checked: the right format, a version we can read."""
    if not isinstance(first, Mapping) or first.get("type") != "header":
        if isinstance(first, Mapping) and first.get("type") == "session_meta":
            raise RecordingFormatError(path, "this is a runtime rollout, not a recording (see load_rollout)")
        raise RecordingFormatError(path, "not a recording: the first line is not a header", record=1)
    if first.get("format") != FORMAT:
        raise RecordingFormatError(path, f"not a recording: format {first.get('format')!r}", record=1)
    version = first.get("format_version")
    if not isinstance(version, int) or version > FORMAT_VERSION:
        raise RecordingFormatError(
            path, f"format_version {version!r} is not supported (this orchestra reads up to {FORMAT_VERSION})"
        )
    header: SessionHeader = _structure(
        path, 1, {k: v for k, v in first.items() if k != "type"}, SessionHeader
    )
    return header


class RecordsBuilder:
    """Turns the records after the header into conversations and event records, one at a time."""

    def __init__(self, path: str, header: SessionHeader) -> None:
        self.path = path
        self.conversations: list[ConversationInfo] = [header.conversation] if header.conversation else []
        self.index = 1

    def add(self, data: Any) -> EventRecord | None:
        """The event record ``data`` holds (None for other lines). Raises RecordingFormatError."""
        self.index += 1
        if not isinstance(data, Mapping):
            raise RecordingFormatError(self.path, "a record is not a JSON object", record=self.index)
        kind = data.get("type")
        body = {k: v for k, v in data.items() if k != "type"}
        if kind == "event":
            record: EventRecord = _structure(self.path, self.index, body, EventRecord)
            return record
        if kind == "conversation":
            self.conversations.append(_structure(self.path, self.index, body, ConversationInfo))
        return None  # a record type from a newer version: skipped


def recording_from_records(path: str, records: Sequence[Any], truncated: Truncation | None) -> Recording:
    if not records:
        raise RecordingFormatError(path, "empty file: not a recording")
    first = records[0]
    if isinstance(first, Mapping) and "events" in first and "header" in first:
        return recording_from_document(path, first)
    header = parse_header(path, first)
    builder = RecordsBuilder(path, header)
    events = [r for r in (builder.add(data) for data in records[1:]) if r is not None]
    return Recording(
        path=path,
        header=header,
        conversations=tuple(builder.conversations),
        records=tuple(events),
        truncated=truncated,
    )


def recording_from_document(path: str, document: Mapping[str, Any]) -> Recording:
    """A recording from its exported JSON document."""
    raw_header = document.get("header")
    if raw_header is not None and not isinstance(raw_header, Mapping):
        raise RecordingFormatError(path, "a document's header must be an object")
    header = parse_header(path, {"type": "header", **(raw_header or {})})
    events = document.get("events")
    conversations = document.get("conversations") or []
    if not isinstance(events, list) or not isinstance(conversations, list):
        raise RecordingFormatError(path, "a document's events and conversations must be lists")
    return Recording(
        path=path,
        header=header,
        conversations=tuple(_structure(path, 0, c, ConversationInfo) for c in conversations),
        records=tuple(_structure(path, i + 1, e, EventRecord) for i, e in enumerate(events)),
        truncated=None,
    )


def load_recording(path: PathLike) -> Recording:
    """Read a recording (JSONL, or an exported JSON document) with the native reader.

    A last line cut off by a crash is dropped with a :class:`TruncatedRecordingWarning` (and noted
    in :attr:`Recording.truncated`). Raises :class:`CorruptRecordingError` for a bad line in the
    middle, :class:`RecordingFormatError` for a file that is not a recording, ``OSError`` if it
    cannot be read.
    """
    name = os.fspath(path)
    try:
        records, truncated = read_jsonl(name)
    except CorruptRecordingError as exc:
        if exc.line != 1 or not looks_like_document(name):
            raise
        document = _try_document(name)  # an exported (pretty-printed) document spans many lines
        if document is None:
            raise
        return recording_from_document(name, document)
    if truncated is not None:
        truncated.warn(name)
    return recording_from_records(name, records, truncated)


def looks_like_document(path: PathLike) -> bool:
    """Whether ``path`` starts as :func:`export_json` writes (a first line of just ``{``), read
    from its first few KiB only: a JSONL file with a bad first line must not be read whole again
    (it may be huge, or endless) on the chance that it is a document."""
    try:
        with open(path, "rb") as f:
            head = f.read(4096)
    except OSError:
        return False
    return head.split(b"\n", 1)[0].strip() == b"{"


def _try_document(path: str) -> Mapping[str, Any] | None:
    try:
        data = json.loads(Path(path).read_bytes())
    except (ValueError, OSError):
        return None
    return data if isinstance(data, Mapping) and "events" in data and "header" in data else None


def export_json(source: PathLike | Recording, destination: PathLike, *, indent: int | None = 2) -> Path:
    """Write a recording as a single JSON document (header, conversations, events, inputs)."""
    recording = source if isinstance(source, Recording) else load_recording(source)
    target = Path(destination)
    text = json.dumps(recording.to_document(), indent=indent, ensure_ascii=False)
    target.write_text(text + "\n", encoding="utf-8")
    return target
