"""Plugins: hooks around submissions and events.

A plugin subclasses :class:`Plugin` and overrides any of three hooks:

- ``before_submit(submission)`` (async): return a rewritten :class:`Submission`, or raise
  :class:`SubmissionVetoed` to refuse it (the turn is never sent); return ``None`` to pass.
- ``after_event(context, event)`` (sync, must not block): sees every event of every conversation.
- ``on_error(context, error)`` (sync): a failed turn, a lost runtime, a malformed line, a vetoed
  or failed submission.

A plugin that raises (anything but a veto) is reported — logged, and a :class:`PluginFailed` event
in the conversation's stream — and isolated: the conversation carries on as if it had passed.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import attrs

from .._errors import OrchestraError


@attrs.frozen
class Submission:
    """A turn about to be sent: its input items and the per-turn overrides (wire names)."""

    thread_id: str
    input: tuple[Mapping[str, Any], ...]
    overrides: Mapping[str, Any] = attrs.field(factory=dict)

    @property
    def text(self) -> str:
        """The text parts of the input, joined."""
        return "\n".join(str(item.get("text", "")) for item in self.input if item.get("type") == "text")

    def with_text(self, text: str) -> Submission:
        """A copy whose text input is replaced by ``text`` (other input items are kept)."""
        others = tuple(item for item in self.input if item.get("type") != "text")
        return attrs.evolve(self, input=({"type": "text", "text": text}, *others))


@attrs.frozen
class EventContext:
    """Where an event or error happened."""

    thread_id: str | None
    turn_id: str | None


class SubmissionVetoed(OrchestraError):
    """A plugin refused a submission; ``plugin`` names it."""

    def __init__(self, reason: str, *, plugin: str = "") -> None:
        super().__init__(f"submission vetoed{f' by {plugin}' if plugin else ''}: {reason}")
        self.reason = reason
        self.plugin = plugin


@attrs.frozen
class PluginFailed:
    """Event: a plugin hook raised; the plugin was skipped for this call."""

    plugin: str
    hook: str
    error: str


class Plugin:
    """Base class with do-nothing hooks; override the ones you need."""

    @property
    def name(self) -> str:
        return type(self).__name__

    async def before_submit(self, submission: Submission) -> Submission | None:
        return None

    def after_event(self, context: EventContext, event: object) -> None:
        return None

    def on_error(self, context: EventContext, error: object) -> None:
        return None
