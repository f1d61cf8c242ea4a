"""What goes into a fan-out (Prompt) and what comes out (PromptResult)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal

import attrs

ResultStatus = Literal["completed", "failed", "interrupted", "timeout", "error", "vetoed"]


@attrs.frozen
class Prompt:
    """One input of a batch. ``id`` must be unique in the batch (it keys resumable output)."""

    id: str
    text: str
    cwd: str | None = None
    model: str | None = None
    sandbox: str | None = None
    approval_policy: str | None = None
    output_schema: Mapping[str, Any] | None = None

    @classmethod
    def coerce(cls, value: Prompt | str, index: int) -> Prompt:
        if isinstance(value, Prompt):
            return value
        return cls(id=str(index), text=value)


@attrs.frozen
class PromptResult:
    """The outcome of one prompt. A failure is a result with ``status != "completed"``, never an
    exception that ends the batch."""

    id: str
    status: ResultStatus | str
    final_text: str = ""
    items: tuple[Any, ...] = attrs.field(default=(), repr=lambda items: f"<{len(items)} items>")
    usage: Mapping[str, int] | None = None
    error: str | None = None
    duration_s: float = 0.0
    attempts: int = 1
    thread_id: str | None = None

    @property
    def ok(self) -> bool:
        return self.status == "completed"
