"""Typed results of the cloud tasks API, and the one converter that turns them into JSON.

The names and value sets follow ``codex-rs/cloud-tasks-client/src/api.rs``: a task is
``pending | ready | applied | error``; an attempt (one of the best-of-N assistant turns) is
``pending | in-progress | completed | failed | cancelled | unknown``; an apply outcome is
``success | partial | error``.

``converter.unstructure(obj)`` gives plain JSON-ready data (datetimes as ISO 8601 strings); the
CLI's ``--json`` output is exactly that.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

import attrs
import cattrs

TaskStatus = Literal["pending", "ready", "applied", "error"]
AttemptStatus = Literal["pending", "in-progress", "completed", "failed", "cancelled", "unknown"]
ApplyStatus = Literal["success", "partial", "error"]
PathStyle = Literal["wham", "codex-api"]
RefusalReason = Literal[
    "not-unified-diff",
    "malformed",
    "absolute-path",
    "parent-traversal",
    "git-dir",
    "symlink-escape",
]

TERMINAL_ATTEMPT_STATUSES: frozenset[AttemptStatus] = frozenset({"completed", "failed", "cancelled"})


@attrs.frozen
class Environment:
    """A cloud environment (a configured repository + setup) tasks run in."""

    id: str
    label: str | None = None
    is_pinned: bool = False
    task_count: int | None = None
    repo_hint: str | None = None
    """``owner/repo`` when the environment was found through a repository lookup."""


@attrs.frozen
class DiffSummary:
    files_changed: int = 0
    lines_added: int = 0
    lines_removed: int = 0

    @property
    def empty(self) -> bool:
        return self.files_changed == 0 and self.lines_added == 0 and self.lines_removed == 0


@attrs.frozen
class TaskSummary:
    """One task as a list row (or the head of ``get_task``)."""

    id: str
    title: str
    status: TaskStatus
    updated_at: dt.datetime | None = None
    environment_id: str | None = None
    environment_label: str | None = None
    summary: DiffSummary = DiffSummary()
    is_review: bool = False
    attempt_total: int | None = None
    """Number of best-of-N attempts, when the backend reports it (sibling turn ids + 1)."""


@attrs.frozen
class TaskListPage:
    tasks: tuple[TaskSummary, ...]
    cursor: str | None = None
    """Pass to the next ``list_tasks`` call for the next page; ``None`` on the last page."""


@attrs.frozen
class Attempt:
    """One assistant turn of a task: the current one, or a best-of-N sibling."""

    turn_id: str | None
    status: AttemptStatus
    placement: int | None = None
    """``attempt_placement`` from the backend: the attempt's slot among the N."""
    created_at: dt.datetime | None = None
    diff: str | None = None
    messages: tuple[str, ...] = ()
    error: str | None = None
    """``"code: message"`` of a failed attempt, when the backend gives one."""
    is_current: bool = False
    """True for the task's ``current_assistant_turn``; False for siblings."""

    @property
    def terminal(self) -> bool:
        """The attempt will not change any more (completed, failed or cancelled)."""
        return self.status in TERMINAL_ATTEMPT_STATUSES

    @property
    def succeeded(self) -> bool:
        return self.status == "completed"


@attrs.frozen
class TaskDetails:
    """Everything ``GET /tasks/{id}`` says, typed. ``current_attempt`` is the assistant turn."""

    summary: TaskSummary
    prompt: str | None
    current_attempt: Attempt | None
    sibling_turn_ids: tuple[str, ...] = ()
    diff: str | None = None
    """The task's unified diff: the diff turn's, else the assistant turn's (as the Codex CLI picks)."""
    messages: tuple[str, ...] = ()
    error: str | None = None

    @property
    def id(self) -> str:
        return self.summary.id

    @property
    def status(self) -> TaskStatus:
        return self.summary.status

    @property
    def turn_id(self) -> str | None:
        return self.current_attempt.turn_id if self.current_attempt is not None else None

    @property
    def attempt_total(self) -> int:
        """Number of attempts: sibling turn ids + 1."""
        return len(self.sibling_turn_ids) + 1


@attrs.frozen
class CreatedTask:
    id: str


@attrs.frozen
class UsageWindow:
    used_percent: float
    limit_window_seconds: int | None = None
    reset_after_seconds: int | None = None
    reset_at: int | None = None
    """Unix seconds."""


@attrs.frozen
class UsageCredits:
    has_credits: bool
    unlimited: bool
    balance: str | None = None


@attrs.frozen
class Usage:
    """``GET /wham/usage``: the account's plan, rate-limit windows and credits."""

    plan_type: str
    allowed: bool | None = None
    limit_reached: bool | None = None
    primary: UsageWindow | None = None
    secondary: UsageWindow | None = None
    credits: UsageCredits | None = None


@attrs.frozen
class DiffRefusal:
    """Why a diff was refused before anything touched the tree."""

    reason: RefusalReason
    detail: str
    path: str | None = None

    def describe(self) -> str:
        where = f" ({self.path!r})" if self.path is not None else ""
        return f"refused ({self.reason}){where}: {self.detail}"


@attrs.frozen
class ApplyOutcome:
    """What applying (or preflighting) a diff did, in the Codex CLI's shape.

    ``status`` is ``success`` when ``git apply`` succeeded, ``partial`` when it failed but some paths
    applied or merged with conflicts, ``error`` otherwise. ``applied`` is true only for a successful
    real apply (never for a preflight). ``refusal`` is set when the diff was refused before running
    git; the tree is then untouched.
    """

    applied: bool
    status: ApplyStatus
    message: str
    skipped_paths: tuple[str, ...] = ()
    conflict_paths: tuple[str, ...] = ()
    applied_paths: tuple[str, ...] = ()
    preflight: bool = False
    refusal: DiffRefusal | None = None

    @property
    def ok(self) -> bool:
        return self.status == "success"


def _make_converter() -> cattrs.Converter:
    conv = cattrs.Converter()
    conv.register_unstructure_hook(dt.datetime, lambda value: value.isoformat())
    conv.register_structure_hook(dt.datetime, lambda value, _type: dt.datetime.fromisoformat(value))
    return conv


converter = _make_converter()
"""Turns every type of this module into JSON-ready data and back."""


def to_jsonable(value: Any) -> Any:
    """``converter.unstructure`` (tuples become lists, datetimes ISO strings)."""
    return converter.unstructure(value)
