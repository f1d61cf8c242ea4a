"""The recording format (version 1), and how typed events become records and back.

A recording is JSONL: one JSON object per line, each with a ``type``::

    {"type": "header", "format": "codex-orchestra-session", "format_version": 1,
     "orchestra_version": "0.1.0", "started_at": "2026-11-24T00:31:17.578000+00:00",
     "started_at_unix": 1795480277.578, "conversation": {"id": "01a2...", "runtime_version":
     "0.163.0", "cwd": "/work", "model": "gpt-5.5", "rollout_path": "...", ...}}
    {"type": "event", "seq": 0, "t": 0.0012, "wall": 1795480277.579, "conversation": "01a2...",
     "turn": "01a2...", "turn_seq": 1, "kind": "turn/started", "payload": {...}}
    {"type": "conversation", "id": "01a3...", ...}     # a further conversation, when first seen

- ``seq`` counts events from 0 across the file; ``t`` is seconds since the recording started on a
  monotonic clock (what pacing uses); ``wall`` is Unix time.
- ``kind`` is the notification's method (``item/completed``) or, for orchestra's own events,
  ``orchestra/<ClassName>`` (``orchestra/ApprovalDecided``); ``payload`` is the wire form
  (``converter.unstructure``), so ``structure_notification(kind, payload)`` gives the event back.
- ``turn_seq`` numbers the live :class:`~orchestra.Turn` an event was delivered to (1, 2, ...
  within its conversation; absent for thread-level events): a turn that was run again keeps its
  number across attempts, as the live turn object does. ``turn`` is the runtime's turn id.
- Secrets are redacted before a line is written; a reader ignores keys it does not know.

:func:`export_document` turns a recording into one JSON document:
``{"header": {...}, "conversations": [...], "events": [...], "inputs": [...]}``.
"""

from __future__ import annotations

import base64
from collections.abc import Mapping
from typing import Any

import attrs

from .. import events as orchestra_events
from ..plugins._base import PluginFailed
from ..protocol import (
    UnknownEvent,
    UnknownRequest,
    UnparsedEvent,
    converter,
    structure_notification,
    structure_server_request,
    unstructure,
)
from ..protocol._generated import SERVER_NOTIFICATIONS

FORMAT = "codex-orchestra-session"
FORMAT_VERSION = 1

#: Prefix of the kind of orchestra's own events (``orchestra/ApprovalDecided``).
ORCHESTRA_PREFIX = "orchestra/"


@attrs.frozen(kw_only=True)
class ConversationInfo:
    """What a recording knows about one conversation (one Codex thread)."""

    id: str
    runtime_version: str | None = None
    cwd: str | None = None
    model: str | None = None
    model_provider: str | None = None
    rollout_path: str | None = None
    codex_home: str | None = None
    user_agent: str | None = None
    started_at: str | None = None


@attrs.frozen(kw_only=True)
class SessionHeader:
    """The first line of a recording."""

    format: str
    format_version: int
    orchestra_version: str
    started_at: str
    started_at_unix: float
    conversation: ConversationInfo | None = None
    metadata: dict[str, Any] = attrs.field(factory=dict)


@attrs.frozen(kw_only=True)
class EventRecord:
    """One event line: an event in wire form, with when and where it happened."""

    seq: int
    t: float
    wall: float
    kind: str
    payload: Any
    conversation: str | None = None
    turn: str | None = None
    turn_seq: int | None = None

    def event(self) -> object:
        """The typed event, as the live run delivered it."""
        return decode_event(self.kind, self.payload)


# --------------------------------------------------------------------------------------------------
# Typed events <-> (kind, payload)

# A few classes serve two methods (AuthRecoveryNotification, EnvironmentConnectionNotification);
# an observer sees only the object, so such an event is recorded under the first method. Replay
# gives back an equal object either way.
_METHOD_OF: dict[type, str] = {}
for _method, _cls in SERVER_NOTIFICATIONS.items():
    _METHOD_OF.setdefault(_cls, _method)

_ORCHESTRA_EVENTS: dict[str, type] = {
    name: cls
    for name, cls in vars(orchestra_events).items()
    if isinstance(cls, type) and attrs.has(cls) and cls.__module__ == orchestra_events.__name__
}
# A plugin's failure is reported in the conversation's stream too (it lives with the plugins).
_ORCHESTRA_EVENTS["PluginFailed"] = PluginFailed


def is_orchestra_event(event: object) -> bool:
    """Whether ``event`` is one of orchestra's own events (which go to the active turn)."""
    return _ORCHESTRA_EVENTS.get(type(event).__name__) is type(event)


def list_field(value: Any) -> list[Any]:
    """A list field of a recorded payload; anything else (a recording edited by hand) is empty."""
    return value if isinstance(value, list) else []


def _server_request_params(params: Any) -> Any:
    if isinstance(params, (UnknownRequest, UnparsedEvent)):
        return params.params
    return unstructure(params)


def encode_event(event: object) -> tuple[str, Any]:
    """``(kind, payload)`` for a typed event: its method and wire form, or an orchestra event's
    ``orchestra/<ClassName>`` and fields. Never raises for an event orchestra delivers."""
    if isinstance(event, (UnknownEvent, UnparsedEvent)):
        return event.method, event.params
    method = _METHOD_OF.get(type(event))
    if method is not None:
        return method, unstructure(event)
    if isinstance(event, orchestra_events.ServerRequest):
        payload = {
            "method": event.method,
            "request_id": event.request_id,
            "params": _server_request_params(event.params),
        }
        return ORCHESTRA_PREFIX + "ServerRequest", payload
    if isinstance(event, orchestra_events.MalformedMessage):
        payload = {
            "reason": event.reason,
            "raw_base64": base64.b64encode(event.raw).decode("ascii"),
            "thread_id": event.thread_id,
        }
        return ORCHESTRA_PREFIX + "MalformedMessage", payload
    name = type(event).__name__
    if attrs.has(type(event)) and _ORCHESTRA_EVENTS.get(name) is type(event):
        return ORCHESTRA_PREFIX + name, converter.unstructure(event)
    # Not something a conversation delivers; keep what can be kept.
    return ORCHESTRA_PREFIX + "Unknown", {
        "type": f"{type(event).__module__}.{type(event).__qualname__}",
        "repr": repr(event),
    }


def decode_event(kind: str, payload: Any) -> object:
    """The typed event for a record; the inverse of :func:`encode_event`. Never raises: what
    cannot be typed becomes ``UnknownEvent(kind, payload)`` (or ``UnparsedEvent`` for a known
    method with unexpected params), as in a live run."""
    if not kind.startswith(ORCHESTRA_PREFIX):
        return structure_notification(kind, payload)
    name = kind[len(ORCHESTRA_PREFIX) :]
    cls = _ORCHESTRA_EVENTS.get(name)
    if cls is None or not isinstance(payload, Mapping):
        return UnknownEvent(kind, payload)
    try:
        if cls is orchestra_events.ServerRequest:
            method = str(payload["method"])
            return orchestra_events.ServerRequest(
                method=method,
                request_id=payload["request_id"],
                params=structure_server_request(method, payload.get("params")),
            )
        if cls is orchestra_events.MalformedMessage:
            return orchestra_events.MalformedMessage(
                reason=str(payload.get("reason", "")),
                raw=base64.b64decode(payload.get("raw_base64", "")),
                thread_id=payload.get("thread_id"),
            )
        return converter.structure(dict(payload), cls)
    except Exception as exc:
        return UnparsedEvent(kind, payload, f"cannot rebuild {name}: {exc!r}")
