"""Errors of the conversation surface. Each is an :class:`~orchestra.OrchestraError`."""

from __future__ import annotations

from collections.abc import Sequence

from .._errors import OrchestraError


class LoginFailedError(OrchestraError):
    """A login flow ended without success (``account/login/completed`` with ``success: false``),
    or the runtime refused to start it. ``login_id`` is the runtime's id of the flow, if any."""

    def __init__(self, message: str, *, login_id: str | None = None) -> None:
        super().__init__(message)
        self.login_id = login_id


class TurnNotSteerableError(OrchestraError):
    """The runtime refused to add input to a turn (e.g. a review or compaction turn)."""

    def __init__(self, message: str, *, turn_id: str | None) -> None:
        super().__init__(message)
        self.turn_id = turn_id


class TurnAlreadyEndedError(TurnNotSteerableError):
    """``turn/steer`` on a turn that has already ended (or never started)."""


class ModelUnavailableError(OrchestraError):
    """A model cannot be used: it is not in the runtime's model list, or a probe turn failed.

    ``model`` names it; ``available`` lists the models the runtime offers; ``reason`` says why.
    """

    def __init__(self, model: str, reason: str, *, available: Sequence[str] = ()) -> None:
        listed = ", ".join(available) if available else "none"
        super().__init__(f"model {model!r} is not usable: {reason} (available: {listed})")
        self.model = model
        self.reason = reason
        self.available = tuple(available)


class StructuredOutputError(OrchestraError):
    """A turn's final message is not JSON, or does not validate against the turn's output schema.

    ``text`` is the final message as received; ``problems`` one line per violation
    (``$.path: message``).
    """

    def __init__(self, message: str, *, text: str, problems: Sequence[str] = ()) -> None:
        super().__init__(message)
        self.text = text
        self.problems = tuple(problems)


class ImageInputError(OrchestraError):
    """An image input the runtime would refuse: a missing file, or a remote ``http(s)`` URL
    (the 0.163 runtime accepts only inline ``data:`` URLs and local paths)."""


class ThreadNotFoundError(OrchestraError):
    """No runtime of the pool knows this thread id."""

    def __init__(self, thread_id: str) -> None:
        super().__init__(f"no runtime of the pool has thread {thread_id}")
        self.thread_id = thread_id


class SideTurnError(OrchestraError):
    """A review or compaction could not be started, or its turn could not be followed."""
