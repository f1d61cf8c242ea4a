"""What goes into a fan-out (Prompt) and what comes out (PromptResult)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal

import attrs

ResultStatus = Literal["completed", "failed", "interrupted", "timeout", "error", "vetoed"]

#: The keys a prompt given as a mapping (or a JSONL line) may use for its text, in order.
PROMPT_KEYS = ("prompt", "text")
#: Its per-prompt options.
OPTION_KEYS = ("cwd", "model", "sandbox", "approval_policy", "output_schema")


@attrs.frozen
class Prompt:
    """One input of a batch. ``id`` names its result; keep ids unique where results are keyed by
    them (``orchestra run`` refuses a prompts file with a repeated id: it keys the resumable
    results file). ``map()`` itself runs every prompt it is given, repeated ids included."""

    id: str
    text: str
    cwd: str | None = None
    model: str | None = None
    sandbox: str | None = None
    approval_policy: str | None = None
    output_schema: Mapping[str, Any] | None = None

    @classmethod
    def coerce(cls, value: PromptLike, index: int) -> Prompt:
        """``value`` as a Prompt: a Prompt as is, a string as the text of prompt ``index``, a
        mapping as a prompts-file line (``{"id": ..., "prompt": ..., "cwd": ..., ...}``)."""
        if isinstance(value, Prompt):
            return value
        if isinstance(value, str):
            return cls(id=str(index), text=value)
        if isinstance(value, Mapping):
            return cls.from_mapping(value, default_id=index)
        raise TypeError(f"a prompt is a Prompt, a str or a mapping, not {type(value).__name__}")

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any], *, default_id: int) -> Prompt:
        """A prompt from ``{"id"?, "prompt" (or "text"), options...}``; ``default_id`` when it has
        no id (or a null one). Raises ValueError for anything else."""
        text = next((data[k] for k in PROMPT_KEYS if isinstance(data.get(k), str)), None)
        if text is None:
            raise ValueError("needs a string 'prompt' (or 'text')")
        options = {k: data[k] for k in OPTION_KEYS if data.get(k) is not None}
        given = data.get("id")
        if given is None:
            given = default_id
        elif isinstance(given, bool) or not isinstance(given, str | int):
            # It keys the results file: a list or an object would need a rule for its text form.
            raise ValueError(f"'id' must be a string or an integer, not {given!r:.40}")
        return cls(id=str(given), text=text, **options)


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


#: What ``map()`` takes for a prompt (see :meth:`Prompt.coerce`).
PromptLike = Prompt | str | Mapping[str, Any]
