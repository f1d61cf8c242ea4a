"""The JSON shapes of the cloud tasks API: the only module that knows them.

Read from ``codex-rs/backend-client`` (``types.rs``, ``client.rs``), ``codex-rs/cloud-tasks-client``
(``http.rs``) and ``codex-rs/cloud-tasks`` (``env_detect.rs``). Parsing is lenient the way the Rust
client is (``#[serde(default)]`` everywhere, ``HashMap<String, Value>`` for loose objects): a missing
or mistyped optional field becomes ``None``/empty, never an error; only a body whose top level is not
the promised kind (object/array) is a :class:`CloudProtocolError`.

Why hand-written readers and not ``cattrs.structure``: the backend's objects are loose maps whose
fields may be absent, ``null`` or of another type, and some values are unions (a content fragment is
a string *or* an object). Each reader below mirrors one Rust accessor and says which.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Mapping
from typing import Any

import attrs

from ._errors import CloudProtocolError
from ._types import (
    Attempt,
    AttemptStatus,
    DiffSummary,
    Environment,
    TaskDetails,
    TaskListPage,
    TaskStatus,
    TaskSummary,
    Usage,
    UsageCredits,
    UsageWindow,
)

JsonObject = Mapping[str, Any]

# --- small lenient accessors --------------------------------------------------------------


def _obj(value: Any) -> JsonObject | None:
    return value if isinstance(value, Mapping) else None


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _list_field(obj: Mapping[str, Any], key: str, what: str) -> list[Any]:
    """``obj[key]`` as a list: absent or null is empty; anything else is not the API's shape."""
    value = obj.get(key)
    if value is None:
        return []
    if not isinstance(value, list):
        raise CloudProtocolError(f"{what}: {key!r} must be an array, got {type(value).__name__}")
    return value


def _str(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def _int(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return None


def _float(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    try:
        number = float(value)
    except OverflowError:  # a 400-digit integer: not a time or an amount we can use
        return None
    return number if math.isfinite(number) else None


def _bool(value: Any) -> bool | None:
    return value if isinstance(value, bool) else None


def _timestamp(value: Any) -> dt.datetime | None:
    """Unix seconds (float) → aware UTC datetime."""
    seconds = _float(value)
    if seconds is None:
        return None
    try:
        return dt.datetime.fromtimestamp(max(seconds, 0.0), tz=dt.UTC)
    except (OverflowError, OSError, ValueError):
        return None


def require_object(body: Any, what: str) -> JsonObject:
    obj = _obj(body)
    if obj is None:
        raise CloudProtocolError(f"{what}: expected a JSON object, got {type(body).__name__}")
    return obj


def require_list(body: Any, what: str) -> list[Any]:
    if not isinstance(body, list):
        raise CloudProtocolError(f"{what}: expected a JSON array, got {type(body).__name__}")
    return body


# --- statuses --------------------------------------------------------------------------------


def task_status_from_turn_status(turn_status: str | None) -> TaskStatus:
    """``map_status`` on ``latest_turn_status_display.turn_status``."""
    if turn_status in ("failed", "cancelled"):
        return "error"
    if turn_status == "completed":
        return "ready"
    return "pending"


def attempt_status(raw: Any) -> AttemptStatus:
    """A turn's ``turn_status`` as an attempt status.

    The Rust client folds unknown values (and ``cancelled``) into ``pending``; the documented set has
    ``cancelled`` and ``unknown``, so those are kept distinct here.
    """
    match raw:
        case "pending":
            return "pending"
        case "in_progress":
            return "in-progress"
        case "completed":
            return "completed"
        case "failed":
            return "failed"
        case "cancelled":
            return "cancelled"
        case _:
            return "unknown"


def task_status_from_display(display: JsonObject | None) -> TaskStatus:
    """``map_status``: ``latest_turn_status_display.turn_status``, else ``state``, else pending."""
    if display is None:
        return "pending"
    latest = _obj(display.get("latest_turn_status_display"))
    if latest is not None and isinstance(latest.get("turn_status"), str):
        return task_status_from_turn_status(latest["turn_status"])
    state = display.get("state")
    if state in ("pending", "ready", "applied", "error"):
        result: TaskStatus = state
        return result
    return "pending"


# --- diff & text extraction (types.rs) ----------------------------------------------------


def _item_diff(item: JsonObject) -> str | None:
    """``TurnItem::diff_text``: ``output_diff.diff`` or ``pr.output_diff.diff``, non-empty."""
    kind = item.get("type")
    if kind == "output_diff":
        diff = _str(item.get("diff"))
    elif kind == "pr":
        diff = _str((_obj(item.get("output_diff")) or {}).get("diff"))
    else:
        return None
    return diff or None


def turn_diff(turn: JsonObject | None) -> str | None:
    """``Turn::unified_diff``: the first diff among the turn's ``output_items``."""
    if turn is None:
        return None
    for raw in _list(turn.get("output_items")):
        item = _obj(raw)
        if item is not None and (diff := _item_diff(item)) is not None:
            return diff
    return None


def _fragment_text(fragment: Any) -> str | None:
    """``ContentFragment::text``: a non-blank string, or ``{content_type: "text", text}``."""
    if isinstance(fragment, str):
        return fragment if fragment.strip() else None
    obj = _obj(fragment)
    if obj is None:
        return None
    content_type = obj.get("content_type")
    if isinstance(content_type, str) and content_type.lower() == "text":
        text = _str(obj.get("text"))
        return text or None
    return None


def _item_texts(item: JsonObject) -> list[str]:
    return [text for fragment in _list(item.get("content")) if (text := _fragment_text(fragment)) is not None]


def turn_messages(turn: JsonObject | None) -> list[str]:
    """``Turn::message_texts``: message output items, then assistant worklog messages."""
    if turn is None:
        return []
    out: list[str] = []
    for raw in _list(turn.get("output_items")):
        item = _obj(raw)
        if item is not None and item.get("type") == "message":
            out.extend(_item_texts(item))
    worklog = _obj(turn.get("worklog"))
    for raw in _list(worklog.get("messages") if worklog else None):
        message = _obj(raw)
        if message is None:
            continue
        role = _str((_obj(message.get("author")) or {}).get("role"))
        if role is None or role.lower() != "assistant":
            continue
        content = _obj(message.get("content")) or {}
        out.extend(text for fragment in _list(content.get("parts")) if (text := _fragment_text(fragment)))
    return out


def user_prompt(turn: JsonObject | None) -> str | None:
    """``Turn::user_prompt``: text of the user-role message input items, joined by a blank line."""
    if turn is None:
        return None
    parts: list[str] = []
    for raw in _list(turn.get("input_items")):
        item = _obj(raw)
        if item is None or item.get("type") != "message":
            continue
        role = item.get("role")
        if isinstance(role, str) and role.lower() != "user":
            continue
        parts.extend(_item_texts(item))
    return "\n\n".join(parts) if parts else None


def turn_error(turn: JsonObject | None) -> str | None:
    """``TurnError::summary``: ``"code: message"``, or whichever is present."""
    error = _obj(turn.get("error")) if turn is not None else None
    if error is None:
        return None
    code = _str(error.get("code")) or ""
    message = _str(error.get("message")) or ""
    if code and message:
        return f"{code}: {message}"
    return code or message or None


def diff_summary_from_diff(diff: str) -> DiffSummary:
    """``diff_summary_from_diff``: count ``diff --git`` files and +/- lines outside headers."""
    files = added = removed = 0
    for line in diff.splitlines():
        if line.startswith("diff --git "):
            files += 1
            continue
        if line.startswith(("+++", "---", "@@")):
            continue
        if line.startswith("+"):
            added += 1
        elif line.startswith("-"):
            removed += 1
    if files == 0 and diff.strip():
        files = 1
    return DiffSummary(files, added, removed)


def _diff_summary_from_display(display: JsonObject | None) -> DiffSummary:
    latest = _obj(display.get("latest_turn_status_display")) if display else None
    stats = _obj(latest.get("diff_stats")) if latest else None
    if stats is None:
        return DiffSummary()
    return DiffSummary(
        max(_int(stats.get("files_modified")) or 0, 0),
        max(_int(stats.get("lines_added")) or 0, 0),
        max(_int(stats.get("lines_removed")) or 0, 0),
    )


def _attempt_total_from_display(display: JsonObject | None) -> int | None:
    latest = _obj(display.get("latest_turn_status_display")) if display else None
    if latest is None or not isinstance(latest.get("sibling_turn_ids"), list):
        return None
    return len(latest["sibling_turn_ids"]) + 1


def _latest_turn_timestamp(display: JsonObject | None) -> Any:
    latest = _obj(display.get("latest_turn_status_display")) if display else None
    if latest is None:
        return None
    return latest.get("updated_at", latest.get("created_at"))


# --- endpoints -------------------------------------------------------------------------------


def parse_environments(body: Any, *, repo_hint: str | None = None) -> list[Environment]:
    """``GET /environments`` and ``/environments/by-repo/...``: ``[{id, label, is_pinned, task_count}]``."""
    out: list[Environment] = []
    for raw in require_list(body, "environments"):
        env = _obj(raw)
        if env is None or not isinstance(env.get("id"), str):
            raise CloudProtocolError("environments: every entry needs a string id")
        out.append(
            Environment(
                id=env["id"],
                label=_str(env.get("label")),
                is_pinned=bool(_bool(env.get("is_pinned"))),
                task_count=_int(env.get("task_count")),
                repo_hint=repo_hint,
            )
        )
    return out


def merge_environments(
    by_repo: Iterable[Environment], everything: Iterable[Environment]
) -> list[Environment]:
    """``list_environments_with_origins``: dedupe by id (keep labels, OR the pins), pinned first,
    then by label (case-insensitive), then id."""
    merged: dict[str, Environment] = {}
    for env in [*by_repo, *everything]:
        seen = merged.get(env.id)
        if seen is None:
            merged[env.id] = env
            continue
        merged[env.id] = Environment(
            id=env.id,
            label=seen.label if seen.label is not None else env.label,
            is_pinned=seen.is_pinned or env.is_pinned,
            task_count=seen.task_count if seen.task_count is not None else env.task_count,
            repo_hint=seen.repo_hint or env.repo_hint,
        )
    return sorted(merged.values(), key=lambda e: (not e.is_pinned, (e.label or "").lower(), e.id))


def parse_task_list(body: Any) -> TaskListPage:
    """``GET /tasks/list`` → ``{items: [TaskListItem], cursor}`` (``map_task_list_item_to_summary``)."""
    obj = require_object(body, "tasks/list")
    tasks: list[TaskSummary] = []
    for raw in _list_field(obj, "items", "tasks/list"):
        item = _obj(raw)
        if item is None or not isinstance(item.get("id"), str):
            raise CloudProtocolError("tasks/list: every item needs a string id")
        display = _obj(item.get("task_status_display"))
        tasks.append(
            TaskSummary(
                id=item["id"],
                title=_str(item.get("title")) or "",
                status=task_status_from_display(display),
                updated_at=_timestamp(item.get("updated_at")),
                environment_id=None,
                environment_label=_str(display.get("environment_label")) if display else None,
                summary=_diff_summary_from_display(display),
                is_review=bool(_list(item.get("pull_requests"))),
                attempt_total=_attempt_total_from_display(display),
            )
        )
    return TaskListPage(tuple(tasks), _str(obj.get("cursor")) or None)


_ATTEMPT_FROM_TASK: dict[TaskStatus, AttemptStatus] = {
    "pending": "unknown",
    "ready": "completed",
    "applied": "completed",
    "error": "failed",
}


def _attempt_from_turn(turn: JsonObject, *, is_current: bool, fallback: TaskStatus | None = None) -> Attempt:
    status = attempt_status(turn.get("turn_status"))
    if status == "unknown" and fallback is not None:
        status = _ATTEMPT_FROM_TASK[fallback]
    return Attempt(
        turn_id=_str(turn.get("id")),
        status=status,
        placement=_int(turn.get("attempt_placement")),
        created_at=_timestamp(turn.get("created_at")),
        diff=turn_diff(turn),
        messages=tuple(turn_messages(turn)),
        error=turn_error(turn),
        is_current=is_current,
    )


def parse_task_details(body: Any, task_id: str) -> TaskDetails:
    """``GET /tasks/{id}`` (``Tasks::summary`` + ``task_text`` + ``CodeTaskDetailsResponseExt``)."""
    obj = require_object(body, f"tasks/{task_id}")
    task = _obj(obj.get("task"))
    if task is None:
        raise CloudProtocolError(f"Task metadata missing from details for {task_id}")
    display = _obj(obj.get("task_status_display")) or _obj(task.get("task_status_display"))
    assistant = _obj(obj.get("current_assistant_turn"))
    diff_turn = _obj(obj.get("current_diff_task_turn"))
    user = _obj(obj.get("current_user_turn"))

    status = task_status_from_display(display)
    diff = turn_diff(diff_turn) or turn_diff(assistant)
    summary_stats = _diff_summary_from_display(display)
    if summary_stats.empty and diff is not None:
        summary_stats = diff_summary_from_diff(diff)
    updated_raw = task.get("updated_at", task.get("created_at"))
    if _float(updated_raw) is None:
        updated_raw = _latest_turn_timestamp(display)
    raw_siblings = _list(assistant.get("sibling_turn_ids")) if assistant else []
    sibling_ids = tuple(s for s in raw_siblings if isinstance(s, str))
    attempt_total = _attempt_total_from_display(display)
    if attempt_total is None and assistant is not None:
        attempt_total = len(sibling_ids) + 1
    summary = TaskSummary(
        id=_str(task.get("id")) or task_id,
        title=_str(task.get("title")) or "<untitled>",
        status=status,
        updated_at=_timestamp(updated_raw),
        environment_id=_str(task.get("environment_id")),
        environment_label=_str(display.get("environment_label")) if display else None,
        summary=summary_stats,
        is_review=bool(_bool(task.get("is_review"))),
        attempt_total=attempt_total,
    )
    current = None
    if assistant is not None:
        current = _attempt_from_turn(assistant, is_current=True, fallback=status)
        if diff is not None:  # the task's diff (diff turn first) is the current attempt's, as in the CLI
            current = attrs.evolve(current, diff=diff)
    messages = turn_messages(diff_turn) + turn_messages(assistant)
    return TaskDetails(
        summary=summary,
        prompt=user_prompt(user),
        current_attempt=current,
        sibling_turn_ids=sibling_ids,
        diff=diff,
        messages=tuple(messages),
        error=turn_error(assistant),
    )


def parse_sibling_turns(body: Any) -> list[Attempt]:
    """``GET /tasks/{id}/turns/{turn}/sibling_turns`` → ``{sibling_turns: [turn]}`` (entries without an
    id are skipped, as ``turn_attempt_from_map``)."""
    obj = require_object(body, "sibling_turns")
    out: list[Attempt] = []
    for raw in _list_field(obj, "sibling_turns", "sibling_turns"):
        turn = _obj(raw)
        if turn is None or not isinstance(turn.get("id"), str):
            continue
        out.append(_attempt_from_turn(turn, is_current=False))
    return out


def attempt_sort_key(attempt: Attempt) -> tuple[int, int, int, float, str]:
    """``compare_attempts``: by placement, then creation time, then turn id; unknowns last."""
    placement = attempt.placement
    created = attempt.created_at.timestamp() if attempt.created_at is not None else 0.0
    return (
        0 if placement is not None else 1,
        placement or 0,
        0 if attempt.created_at is not None else 1,
        created,
        attempt.turn_id or "",
    )


def parse_created_task_id(body: Any) -> str | None:
    """``create_task``: prefer ``task.id``, fall back to top-level ``id``."""
    obj = _obj(body)
    if obj is None:
        return None
    task = _obj(obj.get("task"))
    if task is not None and isinstance(task.get("id"), str):
        return str(task["id"])
    top = obj.get("id")
    return top if isinstance(top, str) else None


def create_task_body(
    environment_id: str,
    prompt: str,
    *,
    branch: str | None = None,
    qa_mode: bool = False,
    best_of_n: int = 1,
    starting_diff: str | None = None,
) -> dict[str, Any]:
    """The ``POST /tasks`` body (``Tasks::create``).

    ``metadata.best_of_n`` is sent only when N > 1 and ``new_task.branch`` only when given, as the
    Rust client does; ``starting_diff`` becomes a ``pre_apply_patch`` input item.
    """
    input_items: list[dict[str, Any]] = [
        {"type": "message", "role": "user", "content": [{"content_type": "text", "text": prompt}]}
    ]
    if starting_diff:
        input_items.append({"type": "pre_apply_patch", "output_diff": {"diff": starting_diff}})
    new_task: dict[str, Any] = {"environment_id": environment_id}
    if branch is not None:
        new_task["branch"] = branch
    new_task["run_environment_in_qa_mode"] = qa_mode
    body: dict[str, Any] = {"new_task": new_task, "input_items": input_items}
    if best_of_n > 1:
        body["metadata"] = {"best_of_n": best_of_n}
    return body


def _usage_window(value: Any) -> UsageWindow | None:
    window = _obj(value)
    if window is None:
        return None
    used = _float(window.get("used_percent"))
    if used is None:
        return None
    return UsageWindow(
        used_percent=used,
        limit_window_seconds=_int(window.get("limit_window_seconds")),
        reset_after_seconds=_int(window.get("reset_after_seconds")),
        reset_at=_int(window.get("reset_at")),
    )


def parse_usage(body: Any) -> Usage:
    """``GET /usage`` → ``RateLimitStatusPayload`` ``{plan_type, rate_limit, credits}``."""
    obj = require_object(body, "usage")
    plan = _str(obj.get("plan_type"))
    if plan is None:
        raise CloudProtocolError("usage: plan_type is missing")
    limits = _obj(obj.get("rate_limit"))
    credits_obj = _obj(obj.get("credits"))
    credits = None
    if credits_obj is not None:
        credits = UsageCredits(
            has_credits=bool(_bool(credits_obj.get("has_credits"))),
            unlimited=bool(_bool(credits_obj.get("unlimited"))),
            balance=_str(credits_obj.get("balance")),
        )
    return Usage(
        plan_type=plan,
        allowed=_bool(limits.get("allowed")) if limits else None,
        limit_reached=_bool(limits.get("limit_reached")) if limits else None,
        primary=_usage_window(limits.get("primary_window")) if limits else None,
        secondary=_usage_window(limits.get("secondary_window")) if limits else None,
        credits=credits,
    )


def parse_github_origin(url: str) -> tuple[str, str] | None:
    """``parse_owner_repo``: ``(owner, repo)`` of a GitHub remote URL (ssh or https), else ``None``."""
    text = url.strip().removeprefix("ssh://")
    marker = "@github.com:"
    rest: str | None = None
    if marker in text:
        rest = text[text.index(marker) + len(marker) :]
    else:
        for prefix in ("https://github.com/", "http://github.com/", "git://github.com/", "github.com/"):
            if text.startswith(prefix):
                rest = text[len(prefix) :]
                break
    if rest is None:
        return None
    rest = rest.lstrip("/").removesuffix(".git")
    owner, _, repo = rest.partition("/")
    if not owner or not repo:
        return None
    return owner, repo
