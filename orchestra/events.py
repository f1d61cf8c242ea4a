"""Events orchestra itself adds to a mailbox, beside the runtime's typed notifications.

Runtime notifications arrive as the generated protocol classes (``orchestra.protocol``), or as
``UnknownEvent`` for a method this version does not know. The classes here describe what happened
around the runtime: a line it could not parse, the runtime's death, an approval we answered.
"""

from __future__ import annotations

from typing import Any

import attrs


@attrs.frozen
class MalformedMessage:
    """The runtime wrote a line that is not a valid JSON-RPC message. Nothing else was lost."""

    reason: str
    raw: bytes = attrs.field(repr=lambda raw: f"<{len(raw)} bytes>")
    thread_id: str | None = None


@attrs.frozen
class RuntimeLost:
    """The runtime process serving this conversation exited."""

    exit_code: int | None
    exit_signal: int | None
    stderr_tail: str = attrs.field(repr=False, default="")


@attrs.frozen
class ServerRequest:
    """A request from the runtime to us (approval, user input, tool call), as received."""

    method: str
    request_id: int | str
    params: Any  # the typed params class, or UnknownRequest


@attrs.frozen
class ApprovalDecided:
    """Our answer to an approval request, as sent back to the runtime."""

    method: str
    request_id: int | str
    decision: Any
    reason: str = ""


@attrs.frozen
class ServerRequestRefused:
    """A server request this client does not handle was answered with an error."""

    method: str
    request_id: int | str
    message: str


@attrs.frozen
class ConversationResumed:
    """The conversation re-attached to a fresh runtime with ``thread/resume`` after losing one."""

    thread_id: str
    runtime_pid: int
    generation: int
    attempt: int
    fresh_thread: bool = False  # the runtime had persisted nothing, so the thread was started anew


@attrs.frozen
class TurnRestarted:
    """The turn is being run again from its input (at-least-once): its runtime was lost mid-turn.
    Events of the abandoned attempt came before this one; the new attempt's follow."""

    previous_turn_id: str | None
    attempt: int
    reason: str


@attrs.frozen
class TurnRetrying:
    """The turn failed with a retryable error and will be run again after ``delay`` seconds."""

    turn_id: str | None
    attempt: int
    delay: float
    reason: str
    verdict: str


Event = object
"""Anything delivered to a mailbox: a protocol notification class or one of the classes above."""
