"""The runtime's own record of a thread: ``$CODEX_HOME/sessions/YYYY/MM/DD/rollout-<time>-<id>.jsonl``.

Each line is ``{"timestamp", "ordinal", "type", "payload"}``; the first is ``session_meta`` (thread
id, cwd, cli version, provider), then ``turn_context`` (settings per turn), ``response_item``
(the model-visible history: messages, tool calls and outputs, reasoning), ``event_msg``
(``item_completed``, ``token_count``, ``task_started``/``task_complete``, ...). A rollout is what
``thread/resume`` restores a thread from. Approvals are not in it.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import attrs

from .._ids import THREAD_ID
from ._errors import RecordingFormatError
from ._jsonl import Truncation, read_jsonl

PathLike = str | os.PathLike[str]


#: ``rollout-2026-11-24T00-31-17-<thread id>.jsonl``
ROLLOUT_NAME = re.compile(
    r"^rollout-(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})T[\d-]+-"
    rf"(?P<thread>{THREAD_ID.pattern})\.jsonl$"
)


def is_rollout_record(record: Any) -> bool:
    """Whether ``record`` (a file's first line) is a rollout's ``session_meta``."""
    return (
        isinstance(record, Mapping)
        and record.get("type") == "session_meta"
        and isinstance(record.get("payload"), Mapping)
    )


@attrs.frozen(kw_only=True)
class Rollout:
    """A rollout file read back (with the native reader)."""

    path: str
    thread_id: str
    meta: dict[str, Any] = attrs.field(repr=False)  # the session_meta payload
    lines: tuple[dict[str, Any], ...] = attrs.field(repr=lambda lines: f"<{len(lines)} lines>")
    truncated: Truncation | None = None

    @property
    def cwd(self) -> str | None:
        cwd = self.meta.get("cwd")
        return str(cwd) if cwd else None

    @property
    def cli_version(self) -> str | None:
        version = self.meta.get("cli_version")
        return str(version) if version else None

    @property
    def model_provider(self) -> str | None:
        provider = self.meta.get("model_provider")
        return str(provider) if provider else None

    @property
    def model(self) -> str | None:
        """The model of the last turn (from its ``turn_context``)."""
        for payload in reversed(self.payloads("turn_context")):
            if payload.get("model"):
                return str(payload["model"])
        return None

    @property
    def started_at(self) -> str | None:
        started = self.meta.get("timestamp")
        return str(started) if started else None

    def payloads(self, line_type: str) -> list[dict[str, Any]]:
        """The payloads of the lines of one ``type`` (``response_item``, ``event_msg``, ...)."""
        return [
            line["payload"]
            for line in self.lines
            if line.get("type") == line_type and isinstance(line.get("payload"), dict)
        ]

    def response_items(self) -> list[dict[str, Any]]:
        """The model-visible history, oldest first (what the next request's ``input`` starts with)."""
        return self.payloads("response_item")

    def events(self) -> Iterator[dict[str, Any]]:
        """The ``event_msg`` payloads, in order."""
        yield from self.payloads("event_msg")


def rollout_from_records(path: str, records: Sequence[Any], truncated: Truncation | None) -> Rollout:
    if not records or not is_rollout_record(records[0]):
        raise RecordingFormatError(path, "not a rollout: the first line is not session_meta", record=1)
    meta = dict(records[0]["payload"])
    thread_id = meta.get("id") or meta.get("session_id")
    if not isinstance(thread_id, str):
        raise RecordingFormatError(path, "session_meta has no thread id", record=1)
    lines = tuple(r for r in records if isinstance(r, dict))
    return Rollout(path=path, thread_id=thread_id, meta=meta, lines=lines, truncated=truncated)


def load_rollout(path: PathLike) -> Rollout:
    """Read a rollout; a cut-off last line warns (:class:`TruncatedRecordingWarning`), a corrupt
    middle line raises :class:`CorruptRecordingError`, a file that is not a rollout
    :class:`RecordingFormatError`."""
    name = os.fspath(path)
    records, truncated = read_jsonl(name)
    if truncated is not None:
        truncated.warn(name)
    return rollout_from_records(name, records, truncated)


def find_rollout(sessions_dir: PathLike, thread_id: str) -> Path | None:
    """The rollout of ``thread_id`` under a ``sessions`` directory, if there is one (newest first)."""
    root = Path(sessions_dir)
    if not root.is_dir():
        return None
    found = sorted(root.rglob(f"rollout-*-{thread_id}.jsonl"), key=lambda p: p.name, reverse=True)
    return found[0] if found else None
