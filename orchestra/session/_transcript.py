"""A readable transcript of a recording or a rollout: who said what, which commands ran, which
approvals were answered, and the tokens each turn used. The CLI renders it (``orchestra replay``).
"""

from __future__ import annotations

import json
import os
import shlex
from collections.abc import Iterable, Iterator, Mapping
from typing import Any, Literal

import attrs

from .._log import redact_text, redact_tree
from .._secret import known_secret_values
from ..actors.approvals import APPROVAL_METHODS
from ..protocol import converter
from ._files import load_session_file
from ._format import ORCHESTRA_PREFIX, EventRecord, list_field
from ._jsonl import Truncation
from ._recording import Recording
from ._rollout import Rollout

PathLike = str | os.PathLike[str]
EntryKind = Literal[
    "turn", "user", "assistant", "command", "file_change", "approval", "usage", "error", "status"
]


@attrs.frozen(kw_only=True)
class TranscriptEntry:
    """One line of a transcript; ``details`` holds what a machine may want (exit codes, tokens)."""

    kind: EntryKind
    text: str
    conversation: str | None = None
    turn: int | None = None
    t: float | None = None
    details: dict[str, Any] = attrs.field(factory=dict)


@attrs.frozen(kw_only=True)
class Transcript:
    source: str
    source_kind: Literal["recording", "rollout"]
    conversations: tuple[dict[str, Any], ...]
    entries: tuple[TranscriptEntry, ...]
    truncated: Truncation | None = None
    notes: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = converter.unstructure(self)
        return data


def transcript(source: PathLike | Recording | Rollout) -> Transcript:
    """The transcript of a recording or rollout (a path is read with the native reader)."""
    loaded = load_session_file(source) if isinstance(source, (str, os.PathLike)) else source
    if isinstance(loaded, Rollout):
        return Transcript(
            source=loaded.path,
            source_kind="rollout",
            conversations=(
                {
                    "id": loaded.thread_id,
                    "cwd": loaded.cwd,
                    "model": loaded.model,
                    "runtime_version": loaded.cli_version,
                    "rollout_path": loaded.path,
                },
            ),
            entries=_redacted(_rollout_entries(loaded)),
            truncated=loaded.truncated,
            notes=("rollouts do not record approvals",),
        )
    return Transcript(
        source=loaded.path,
        source_kind="recording",
        conversations=tuple(converter.unstructure(c) for c in loaded.conversations),
        entries=_redacted(_recording_entries(loaded.records)),
        truncated=loaded.truncated,
    )


def _request_key(request_id: Any) -> str | int | None:
    """A JSON-RPC id as a dict key: a string or an integer, anything else as its JSON text."""
    if request_id is None or isinstance(request_id, str | int):
        return request_id
    return json.dumps(request_id, sort_keys=True, default=str)


def _redacted(entries: Iterable[TranscriptEntry]) -> tuple[TranscriptEntry, ...]:
    """Entries with secrets masked. A rollout is the runtime's raw record (command output, the
    model's words) and a recording may predate a redaction rule: what is shown is masked anyway."""
    secrets = known_secret_values()
    return tuple(
        attrs.evolve(
            entry, text=redact_text(entry.text, secrets), details=redact_tree(entry.details, secrets)
        )
        for entry in entries
    )


# --------------------------------------------------------------------------------------------------
# Recordings: from the events' wire form


def _map(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def _text_of(content: Any) -> str:
    if not isinstance(content, list):
        return ""
    return "".join(
        str(p.get("text", "")) for p in content if isinstance(p, Mapping) and p.get("type") == "text"
    )


def _item_entry(item: Mapping[str, Any]) -> tuple[EntryKind, str, dict[str, Any]] | None:
    kind = item.get("type")
    if kind == "userMessage":
        return "user", _text_of(item.get("content")), {}
    if kind == "agentMessage":
        return "assistant", str(item.get("text") or ""), {}
    if kind == "commandExecution":
        details = {
            "command": item.get("command"),
            "exit_code": item.get("exitCode"),
            "status": item.get("status"),
            "output": item.get("aggregatedOutput") or "",
            "duration_ms": item.get("durationMs"),
        }
        return "command", str(item.get("command") or ""), details
    if kind == "fileChange":
        changes = [c for c in list_field(item.get("changes")) if isinstance(c, Mapping)]
        paths = [str(c.get("path")) for c in changes]
        details = {
            "status": item.get("status"),
            "paths": paths,
            "diff": "\n".join(str(c.get("diff", "")) for c in changes),
        }
        return "file_change", ", ".join(paths), details
    return None


def _add_usage(
    so_far: Mapping[str, Any] | None,
    last: Mapping[str, Any],
    total: Mapping[str, Any],
    keys: tuple[str, str, str],
) -> dict[str, Any]:
    """The turn's usage with one more model call: a turn that runs a tool calls the model more
    than once, and each report's ``last`` is that one call. ``keys`` name input, output and total
    tokens in the report's spelling."""
    calls = {
        "input_tokens": last.get(keys[0]),
        "output_tokens": last.get(keys[1]),
        "turn_tokens": last.get(keys[2]),
    }
    if so_far is not None:
        calls = {k: _plus(so_far.get(k), v) for k, v in calls.items()}
    return {**calls, "total_tokens": total.get(keys[2])}


def _plus(a: Any, b: Any) -> Any:
    numbers = [v for v in (a, b) if isinstance(v, int) and not isinstance(v, bool)]
    return sum(numbers) if numbers else None


_WIRE_KEYS = ("inputTokens", "outputTokens", "totalTokens")
_ROLLOUT_KEYS = ("input_tokens", "output_tokens", "total_tokens")


def _recording_entries(records: tuple[EventRecord, ...]) -> Iterator[TranscriptEntry]:
    turn_usage: dict[tuple[str | None, int | None], dict[str, Any]] = {}
    pending: dict[Any, Mapping[str, Any]] = {}
    for r in records:
        payload = r.payload if isinstance(r.payload, Mapping) else {}

        def entry(
            kind: EntryKind, text: str, details: dict[str, Any] | None = None, *, record: EventRecord = r
        ) -> TranscriptEntry:
            return TranscriptEntry(
                kind=kind,
                text=text,
                conversation=record.conversation,
                turn=record.turn_seq,
                t=record.t,
                details=details or {},
            )

        if r.kind == "turn/started":
            yield entry("turn", f"turn {r.turn_seq or '?'}", {"turn_id": _map(payload.get("turn")).get("id")})
        elif r.kind == "item/completed" and isinstance(payload.get("item"), Mapping):
            found = _item_entry(payload["item"])
            if found is not None:
                yield entry(*found)
        elif r.kind == "thread/tokenUsage/updated" and isinstance(payload.get("tokenUsage"), Mapping):
            key = (r.conversation, r.turn_seq)
            reported = payload["tokenUsage"]
            turn_usage[key] = _add_usage(
                turn_usage.get(key), _map(reported.get("last")), _map(reported.get("total")), _WIRE_KEYS
            )
        elif r.kind == ORCHESTRA_PREFIX + "ServerRequest" and payload.get("method") in APPROVAL_METHODS:
            pending[_request_key(payload.get("request_id"))] = payload
        elif r.kind == ORCHESTRA_PREFIX + "ApprovalDecided":
            request = pending.pop(_request_key(payload.get("request_id")), {})
            params = _map(request.get("params"))
            subject = params.get("command") or params.get("reason") or payload.get("method")
            decision = payload.get("decision")
            shown = (
                decision
                if isinstance(decision, str)
                else next(iter(decision), "?")
                if isinstance(decision, Mapping)
                else str(decision)
            )
            yield entry(
                "approval",
                f"{subject} -> {shown}",
                {
                    "method": payload.get("method"),
                    "decision": decision,
                    "reason": payload.get("reason") or None,
                },
            )
        elif r.kind == "error" and isinstance(payload.get("error"), Mapping):
            yield entry(
                "error", str(payload["error"].get("message", "")), {"will_retry": payload.get("willRetry")}
            )
        elif r.kind == ORCHESTRA_PREFIX + "RuntimeLost":
            yield entry(
                "error",
                "runtime lost",
                {"exit_code": payload.get("exit_code"), "exit_signal": payload.get("exit_signal")},
            )
        elif r.kind == "turn/completed":
            turn = _map(payload.get("turn"))
            status = turn.get("status")
            if status != "completed":
                error = _map(turn.get("error"))
                yield entry(
                    "status",
                    f"turn {status}" + (f": {error.get('message')}" if error.get("message") else ""),
                    {"status": status},
                )
            usage = turn_usage.pop((r.conversation, r.turn_seq), None)
            if usage is not None:
                yield entry("usage", _usage_text(usage), {**usage, "duration_ms": turn.get("durationMs")})


def _usage_text(usage: Mapping[str, Any]) -> str:
    return (
        f"{usage.get('turn_tokens')} tokens this turn (in {usage.get('input_tokens')}, "
        f"out {usage.get('output_tokens')}), {usage.get('total_tokens')} in the conversation"
    )


# --------------------------------------------------------------------------------------------------
# Rollouts: from the event_msg lines


def _rollout_item(item: Mapping[str, Any]) -> tuple[EntryKind, str, dict[str, Any]] | None:
    kind = item.get("type")
    if kind == "UserMessage":
        return "user", _text_of(item.get("content")), {}
    if kind == "AgentMessage":
        content = item.get("content")
        text = (
            "".join(str(p.get("text", "")) for p in content if isinstance(p, Mapping))
            if isinstance(content, list)
            else ""
        )
        return "assistant", text, {}
    if kind == "CommandExecution":
        command = item.get("command")
        shown = shlex.join(map(str, command)) if isinstance(command, list) else str(command or "")
        details = {
            "command": shown,
            "exit_code": item.get("exit_code"),
            "status": item.get("status"),
            "output": item.get("aggregated_output") or "",
        }
        return "command", shown, details
    if kind == "FileChange":
        changes = item.get("changes")
        paths = sorted(changes) if isinstance(changes, Mapping) else []
        return "file_change", ", ".join(paths), {"status": item.get("status"), "paths": paths}
    return None


def _rollout_entries(rollout: Rollout) -> Iterator[TranscriptEntry]:
    turn = 0
    usage: dict[str, Any] | None = None
    conversation = rollout.thread_id
    for payload in rollout.events():
        kind = payload.get("type")
        if kind == "task_started":
            turn += 1
            usage = None
            yield TranscriptEntry(
                kind="turn",
                text=f"turn {turn}",
                conversation=conversation,
                turn=turn,
                details={"turn_id": payload.get("turn_id")},
            )
        elif kind == "item_completed" and isinstance(payload.get("item"), Mapping):
            found = _rollout_item(payload["item"])
            if found is not None:
                entry_kind, text, details = found
                yield TranscriptEntry(
                    kind=entry_kind, text=text, conversation=conversation, turn=turn or None, details=details
                )
        elif kind == "token_count" and isinstance(payload.get("info"), Mapping):
            info = payload["info"]
            last, total = _map(info.get("last_token_usage")), _map(info.get("total_token_usage"))
            usage = _add_usage(usage, last, total, _ROLLOUT_KEYS)
        elif kind == "error":
            yield TranscriptEntry(
                kind="error",
                text=str(payload.get("message", "")),
                conversation=conversation,
                turn=turn or None,
            )
        elif kind in ("task_complete", "turn_aborted"):
            if kind == "turn_aborted":
                yield TranscriptEntry(
                    kind="status",
                    text=f"turn aborted: {payload.get('reason')}",
                    conversation=conversation,
                    turn=turn or None,
                )
            if usage is not None:
                yield TranscriptEntry(
                    kind="usage",
                    text=_usage_text(usage),
                    conversation=conversation,
                    turn=turn or None,
                    details={**usage, "duration_ms": payload.get("duration_ms")},
                )
                usage = None
