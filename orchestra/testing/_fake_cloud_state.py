"""The fake cloud backend's world: environments, tasks, attempts, their lifecycle, and the JSON they
render to. No HTTP here (that is ``fake_cloud``); everything is called with the fake's lock held.

The JSON written here follows the shapes the real backend sends, as read by ``codex-rs``
(``backend-client/src/types.rs``, ``codex-backend-openapi-models``, ``cloud-tasks-client/src/http.rs``).
It is written out independently of the client's parser (``orchestra.cloud._wire``) on purpose: a
shape mistake on one side then shows up as a failing test instead of agreeing with itself.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Literal

import attrs

Outcome = Literal["completed", "failed", "cancelled"]
TurnStatus = Literal["pending", "in_progress", "completed", "failed", "cancelled"]

EPOCH = 1_790_000_000.0
"""Fake clock origin (unix seconds): task N is created at ``EPOCH + 60 * N``."""


@attrs.frozen
class Schedule:
    """When a task's attempts move pending → in_progress → done, counted in polls.

    A *poll* is one answered ``GET /tasks/{id}`` of that task. With the default (1, 1) the first poll
    sees ``pending``, the second ``in_progress``, the third the final status. ``manual`` schedules
    move only by :meth:`FakeCloud.advance` / ``complete`` / ``fail``.
    """

    pending_polls: int = 1
    running_polls: int = 1
    manual: bool = False

    @classmethod
    def after_polls(cls, k: int) -> Schedule:
        """``in_progress`` for the first ``k`` polls, done from poll ``k + 1`` on."""
        return cls(pending_polls=0, running_polls=k)

    @classmethod
    def immediately(cls) -> Schedule:
        """Done on the first poll."""
        return cls(pending_polls=0, running_polls=0)

    @classmethod
    def by_hand(cls) -> Schedule:
        """Only ``advance``/``complete``/``fail`` move the task."""
        return cls(manual=True)


@attrs.frozen
class AttemptScript:
    """How one attempt (one best-of-N assistant turn) ends.

    ``diff`` is its unified diff (``None``: no diff). ``diff_item`` picks where the diff travels:
    ``output_diff`` (the current attempt's goes into ``current_diff_task_turn``) or ``pr``
    (``{type: "pr", output_diff: {diff}}`` in the turn's own output items). ``pending_polls`` /
    ``running_polls`` override the task's :class:`Schedule` for this attempt.
    """

    diff: str | None = None
    outcome: Outcome = "completed"
    message: str | None = "Done."
    error_code: str = "TASK_FAILED"
    error_message: str = "The attempt failed."
    diff_item: Literal["output_diff", "pr"] = "output_diff"
    pending_polls: int | None = None
    running_polls: int | None = None


@attrs.frozen
class TaskScript:
    """How the next created task behaves: its attempts (padded with generated ones up to
    ``best_of_n``) and its schedule."""

    attempts: Sequence[AttemptScript] = ()
    schedule: Schedule = Schedule()
    title: str | None = None


def generated_diff(task_number: int, placement: int) -> str:
    """A small, valid diff creating ``cloud-task-<task>-attempt-<n>.txt``."""
    name = f"cloud-task-{task_number}-attempt-{placement + 1}.txt"
    return (
        f"diff --git a/{name} b/{name}\n"
        "new file mode 100644\n"
        "--- /dev/null\n"
        f"+++ b/{name}\n"
        "@@ -0,0 +1 @@\n"
        f"+attempt {placement + 1} of task {task_number}\n"
    )


@attrs.define
class FakeEnvironment:
    id: str
    label: str | None = None
    repo: str | None = None
    """``owner/repo`` (GitHub) for ``/environments/by-repo``."""
    is_pinned: bool = False
    task_count: int | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "label": self.label,
            "is_pinned": self.is_pinned,
            "task_count": self.task_count,
        }


@attrs.define
class FakeAttempt:
    turn_id: str
    placement: int
    script: AttemptScript
    outcome: Outcome
    forced_stage: int = 0
    error: tuple[str, str] | None = None


@attrs.define
class FakeTaskState:
    id: str
    number: int
    environment_id: str
    title: str
    prompt: str
    request_body: Any
    branch: str | None
    best_of_n: int
    schedule: Schedule
    attempts: list[FakeAttempt]
    user_turn_id: str
    diff_turn_id: str
    created_at: float
    polls: int = 0

    def stage(self, attempt: FakeAttempt) -> int:
        """0 pending, 1 in progress, 2 done."""
        auto = 0
        if not self.schedule.manual:
            pending = attempt.script.pending_polls
            running = attempt.script.running_polls
            p = self.schedule.pending_polls if pending is None else pending
            r = self.schedule.running_polls if running is None else running
            auto = 0 if self.polls <= p else (1 if self.polls <= p + r else 2)
        return max(auto, attempt.forced_stage)

    def turn_status(self, attempt: FakeAttempt) -> TurnStatus:
        stage = self.stage(attempt)
        if stage == 0:
            return "pending"
        if stage == 1:
            return "in_progress"
        return attempt.outcome

    @property
    def current(self) -> FakeAttempt:
        return self.attempts[0]

    @property
    def updated_at(self) -> float:
        return self.created_at + self.polls

    # --- rendering -------------------------------------------------------------------------

    def _diff_of(self, attempt: FakeAttempt) -> str | None:
        return attempt.script.diff if self.turn_status(attempt) == "completed" else None

    def _diff_stats(self) -> dict[str, int] | None:
        diff = self._diff_of(self.current)
        if diff is None:
            return None
        lines = diff.splitlines()
        return {
            "files_modified": sum(line.startswith("diff --git ") for line in lines) or 1,
            "lines_added": sum(line.startswith("+") and not line.startswith("+++") for line in lines),
            "lines_removed": sum(line.startswith("-") and not line.startswith("---") for line in lines),
        }

    def status_display(self, environment_label: str | None) -> dict[str, Any]:
        latest: dict[str, Any] = {
            "turn_status": self.turn_status(self.current),
            "sibling_turn_ids": [a.turn_id for a in self.attempts[1:]],
            "created_at": self.created_at,
            "updated_at": self.updated_at,
        }
        stats = self._diff_stats()
        if stats is not None:
            latest["diff_stats"] = stats
        display: dict[str, Any] = {"latest_turn_status_display": latest}
        if environment_label is not None:
            display["environment_label"] = environment_label
        return display

    def list_item(self, environment_label: str | None) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "has_generated_title": False,
            "updated_at": self.updated_at,
            "created_at": self.created_at,
            "task_status_display": self.status_display(environment_label),
            "archived": False,
            "has_unread_turn": False,
            "pull_requests": [],
        }

    def turn_json(self, attempt: FakeAttempt, *, current: bool) -> dict[str, Any]:
        status = self.turn_status(attempt)
        items: list[dict[str, Any]] = []
        diff = self._diff_of(attempt)
        if status == "completed" and attempt.script.message:
            items.append(
                {
                    "type": "message",
                    "role": "assistant",
                    "content": [{"content_type": "text", "text": attempt.script.message}],
                }
            )
        if diff is not None and (attempt.script.diff_item == "pr" or not current):
            if attempt.script.diff_item == "pr":
                items.append({"type": "pr", "pr_title": self.title, "output_diff": {"diff": diff}})
            else:
                items.append({"type": "output_diff", "diff": diff})
        turn: dict[str, Any] = {
            "id": attempt.turn_id,
            "attempt_placement": attempt.placement,
            "turn_status": status,
            "created_at": self.created_at + attempt.placement * 0.001,
            "output_items": items,
            "worklog": {"messages": []},
            "error": None,
        }
        if current:
            turn["sibling_turn_ids"] = [a.turn_id for a in self.attempts if a is not attempt]
        if status in ("failed", "cancelled"):
            code, message = attempt.error or (attempt.script.error_code, attempt.script.error_message)
            turn["error"] = {"code": code, "message": message}
        return turn

    def details(self, environment_label: str | None) -> dict[str, Any]:
        diff = self._diff_of(self.current)
        diff_turn = None
        if diff is not None and self.current.script.diff_item == "output_diff":
            diff_turn = {
                "id": self.diff_turn_id,
                "turn_status": "completed",
                "output_items": [{"type": "output_diff", "diff": diff}],
            }
        input_items = self.request_body.get("input_items") if isinstance(self.request_body, dict) else None
        return {
            "task": {
                "id": self.id,
                "title": self.title,
                "has_generated_title": False,
                "created_at": self.created_at,
                "updated_at": self.updated_at,
                "current_turn_id": self.current.turn_id,
                "archived": False,
                "external_pull_requests": [],
                "environment_id": self.environment_id,
                "is_review": False,
            },
            "task_status_display": self.status_display(environment_label),
            "current_user_turn": {
                "id": self.user_turn_id,
                "turn_status": "completed",
                "input_items": input_items if isinstance(input_items, list) else [],
            },
            "current_assistant_turn": self.turn_json(self.current, current=True),
            "current_diff_task_turn": diff_turn,
        }

    def sibling_turns(self, turn_id: str) -> dict[str, Any] | None:
        if all(a.turn_id != turn_id for a in self.attempts):
            return None
        return {
            "sibling_turns": [self.turn_json(a, current=False) for a in self.attempts if a.turn_id != turn_id]
        }


def new_task(
    number: int,
    environment_id: str,
    prompt: str,
    request_body: Any,
    *,
    branch: str | None,
    best_of_n: int,
    script: TaskScript,
) -> FakeTaskState:
    task_id = f"task_e_{number:06d}"
    attempts: list[FakeAttempt] = []
    for placement in range(best_of_n):
        if placement < len(script.attempts):
            attempt_script = script.attempts[placement]
        else:
            attempt_script = AttemptScript(diff=generated_diff(number, placement))
        attempts.append(
            FakeAttempt(
                turn_id=f"turn_{number:06d}_{placement + 1}",
                placement=placement,
                script=attempt_script,
                outcome=attempt_script.outcome,
            )
        )
    title = script.title or (prompt.strip().splitlines()[0][:80] if prompt.strip() else "Untitled task")
    return FakeTaskState(
        id=task_id,
        number=number,
        environment_id=environment_id,
        title=title,
        prompt=prompt,
        request_body=request_body,
        branch=branch,
        best_of_n=best_of_n,
        schedule=script.schedule,
        attempts=attempts,
        user_turn_id=f"turn_{number:06d}_user",
        diff_turn_id=f"turn_{number:06d}_diff",
        created_at=EPOCH + 60 * number,
    )


DEFAULT_USAGE: dict[str, Any] = {
    "plan_type": "pro",
    "user_id": "user-1",
    "account_id": "acct-1",
    "rate_limit": {
        "allowed": True,
        "limit_reached": False,
        "primary_window": {
            "used_percent": 42,
            "limit_window_seconds": 18000,
            "reset_after_seconds": 3600,
            "reset_at": 1795480000,
        },
        "secondary_window": {
            "used_percent": 7,
            "limit_window_seconds": 604800,
            "reset_after_seconds": 86400,
            "reset_at": 1795560000,
        },
    },
    "credits": {"has_credits": True, "unlimited": False, "balance": "12.50"},
}
"""A ``/wham/usage`` body the 0.163 runtime accepted (from ``codex-runtime.md``)."""
