"""The JSON shapes: bodies as the real backend sends them (the shapes of codex-rs's own test fixtures)
parse to the typed results, and the create body is exactly what the Rust client sends."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from orchestra.cloud import CloudProtocolError, DiffSummary, Environment, to_jsonable
from orchestra.cloud._wire import (
    attempt_status,
    create_task_body,
    diff_summary_from_diff,
    merge_environments,
    parse_created_task_id,
    parse_environments,
    parse_github_origin,
    parse_sibling_turns,
    parse_task_details,
    parse_task_list,
    parse_usage,
    task_status_from_display,
)

DIFF_TASK: dict[str, Any] = {
    "task": {
        "id": "task_123",
        "title": "Refactor cloud task client",
        "archived": False,
        "external_pull_requests": [],
    },
    "current_user_turn": {
        "input_items": [
            {
                "type": "message",
                "role": "user",
                "content": [
                    {"content_type": "text", "text": "First line"},
                    {"content_type": "text", "text": "Second line"},
                ],
            }
        ]
    },
    "current_assistant_turn": {
        "output_items": [
            {"type": "message", "content": [{"content_type": "text", "text": "Assistant response"}]}
        ]
    },
    "current_diff_task_turn": {
        "output_items": [
            {
                "type": "output_diff",
                "diff": 'diff --git a/src/main.rs b/src/main.rs\n+fn main() { println!("hi"); }\n',
            }
        ]
    },
}

ERROR_TASK: dict[str, Any] = {
    "task": {
        "id": "task_456",
        "title": "Investigate failure",
        "archived": False,
        "external_pull_requests": [],
    },
    "current_assistant_turn": {
        "output_items": [
            {"type": "pr", "output_diff": {"diff": "diff --git a/lib.rs b/lib.rs\n+pub fn hello() {}\n"}}
        ],
        "error": {"code": "APPLY_FAILED", "message": "Patch could not be applied"},
    },
}


def test_details_prefer_the_diff_turn_and_join_the_prompt() -> None:
    details = parse_task_details(DIFF_TASK, "task_123")
    assert details.diff is not None and "diff --git" in details.diff
    assert details.messages == ("Assistant response",)
    assert details.prompt == "First line\n\nSecond line"
    assert details.summary.title == "Refactor cloud task client"
    assert details.status == "pending"  # no status display at all
    assert details.summary.summary == DiffSummary(files_changed=1, lines_added=1, lines_removed=0)
    assert details.current_attempt is not None
    assert details.current_attempt.diff == details.diff


def test_details_fall_back_to_the_pr_diff_and_report_the_error() -> None:
    details = parse_task_details(ERROR_TASK, "task_456")
    assert details.diff is not None and "lib.rs" in details.diff
    assert details.error == "APPLY_FAILED: Patch could not be applied"


def test_details_need_the_task_object() -> None:
    with pytest.raises(CloudProtocolError, match="Task metadata missing"):
        parse_task_details({"current_assistant_turn": {}}, "t")
    with pytest.raises(CloudProtocolError):
        parse_task_details(["not", "an", "object"], "t")


def test_details_full_shape() -> None:
    body = {
        "task": {
            "id": "t1",
            "title": "T",
            "environment_id": "env_1",
            "created_at": 100.0,
            "updated_at": 200.5,
            "is_review": True,
        },
        "task_status_display": {
            "environment_label": "My env",
            "latest_turn_status_display": {
                "turn_status": "completed",
                "sibling_turn_ids": ["b", "c"],
                "diff_stats": {"files_modified": 2, "lines_added": 5, "lines_removed": -3},
            },
        },
        "current_assistant_turn": {
            "id": "a",
            "turn_status": "completed",
            "attempt_placement": 0,
            "sibling_turn_ids": ["b", "c", 7],
            "output_items": [
                {"type": "output_diff", "diff": ""},
                {"type": "message", "content": ["plain text", "  "]},
            ],
            "worklog": {
                "messages": [
                    {
                        "author": {"role": "assistant"},
                        "content": {"parts": ["from worklog", {"content_type": "text", "text": "x"}]},
                    },
                    {"author": {"role": "user"}, "content": {"parts": ["ignored"]}},
                ]
            },
        },
    }
    details = parse_task_details(body, "t1")
    assert details.status == "ready"
    assert details.summary.environment_id == "env_1"
    assert details.summary.environment_label == "My env"
    assert details.summary.is_review is True
    assert details.summary.attempt_total == 3
    assert details.summary.updated_at == dt.datetime.fromtimestamp(200.5, tz=dt.UTC)
    assert details.summary.summary == DiffSummary(2, 5, 0)  # negative counts clamp to 0
    assert details.sibling_turn_ids == ("b", "c")  # non-strings dropped
    assert details.diff is None  # an empty diff is no diff
    attempt = details.current_attempt
    assert attempt is not None
    assert (attempt.turn_id, attempt.status, attempt.placement, attempt.is_current) == (
        "a",
        "completed",
        0,
        True,
    )
    assert attempt.messages == ("plain text", "from worklog", "x")


@pytest.mark.parametrize(
    ("display", "status"),
    [
        (None, "pending"),
        ({}, "pending"),
        ({"latest_turn_status_display": {"turn_status": "pending"}}, "pending"),
        ({"latest_turn_status_display": {"turn_status": "in_progress"}}, "pending"),
        ({"latest_turn_status_display": {"turn_status": "completed"}}, "ready"),
        ({"latest_turn_status_display": {"turn_status": "failed"}}, "error"),
        ({"latest_turn_status_display": {"turn_status": "cancelled"}}, "error"),
        ({"latest_turn_status_display": {"turn_status": "weird"}}, "pending"),
        ({"state": "applied"}, "applied"),
        ({"state": "ready"}, "ready"),
        ({"state": "bogus"}, "pending"),
    ],
)
def test_task_status_mapping(display: dict[str, Any] | None, status: str) -> None:
    assert task_status_from_display(display) == status


@pytest.mark.parametrize(
    ("raw", "status"),
    [("pending", "pending"), ("in_progress", "in-progress"), ("completed", "completed"), ("failed", "failed"),
     ("cancelled", "cancelled"), (None, "unknown"), ("other", "unknown"), (3, "unknown")],
)  # fmt: skip
def test_attempt_status_mapping(raw: object, status: str) -> None:
    assert attempt_status(raw) == status


def test_unknown_turn_status_falls_back_to_the_task_status() -> None:
    body = {
        "task": {"id": "t"},
        "task_status_display": {"state": "error"},
        "current_assistant_turn": {"id": "a"},
    }
    details = parse_task_details(body, "t")
    assert details.current_attempt is not None and details.current_attempt.status == "failed"


def test_task_list() -> None:
    body = {
        "items": [
            {
                "id": "t1",
                "title": "One",
                "updated_at": 1790000000.0,
                "archived": False,
                "has_unread_turn": False,
                "pull_requests": [{"id": "pr"}],
                "task_status_display": {
                    "environment_label": "env",
                    "latest_turn_status_display": {
                        "turn_status": "completed",
                        "sibling_turn_ids": ["x"],
                        "diff_stats": {"files_modified": 1, "lines_added": 2, "lines_removed": 3},
                    },
                },
            },
            {"id": "t2", "title": "Two", "archived": False, "has_unread_turn": True},
        ],
        "cursor": "next-page",
    }
    page = parse_task_list(body)
    assert page.cursor == "next-page"
    one, two = page.tasks
    assert (one.id, one.status, one.is_review, one.attempt_total, one.environment_label) == (
        "t1",
        "ready",
        True,
        2,
        "env",
    )
    assert one.summary == DiffSummary(1, 2, 3)
    assert (two.status, two.attempt_total, two.updated_at, two.is_review) == ("pending", None, None, False)
    assert parse_task_list({"items": [], "cursor": None}).cursor is None
    with pytest.raises(CloudProtocolError):
        parse_task_list({"items": [{"title": "no id"}]})
    assert parse_task_list({"cursor": None}).tasks == () == parse_task_list({"items": None}).tasks


@pytest.mark.parametrize("items", ["abc", {"id": "t"}, 5])
def test_a_list_field_of_another_kind_is_a_protocol_error_not_an_empty_list(items: object) -> None:
    with pytest.raises(CloudProtocolError, match="'items' must be an array"):
        parse_task_list({"items": items})
    with pytest.raises(CloudProtocolError, match="'sibling_turns' must be an array"):
        parse_sibling_turns({"sibling_turns": items})


def test_sibling_turns_skip_entries_without_id() -> None:
    body = {
        "sibling_turns": [
            {"id": "b", "attempt_placement": 1, "turn_status": "failed", "created_at": 5.0,
             "error": {"message": "boom"}, "output_items": []},
            {"attempt_placement": 2},
            {"id": "c", "turn_status": "completed",
             "output_items": [{"type": "pr", "output_diff": {"diff": "diff --git a/x b/x\n"}}]},
        ]
    }  # fmt: skip
    b, c = parse_sibling_turns(body)
    assert (b.turn_id, b.status, b.placement, b.error, b.is_current) == ("b", "failed", 1, "boom", False)
    assert c.diff == "diff --git a/x b/x\n"
    assert parse_sibling_turns({}) == []


def test_create_body_matches_the_rust_client() -> None:
    assert create_task_body("env_1", "Fix it") == {
        "new_task": {"environment_id": "env_1", "run_environment_in_qa_mode": False},
        "input_items": [
            {"type": "message", "role": "user", "content": [{"content_type": "text", "text": "Fix it"}]}
        ],
    }
    body = create_task_body(
        "env_1", "Fix it", branch="dev", best_of_n=3, qa_mode=True, starting_diff="diff --git a/x b/x\n"
    )
    assert body["new_task"] == {
        "environment_id": "env_1",
        "branch": "dev",
        "run_environment_in_qa_mode": True,
    }
    assert body["metadata"] == {"best_of_n": 3}
    assert body["input_items"][1] == {
        "type": "pre_apply_patch",
        "output_diff": {"diff": "diff --git a/x b/x\n"},
    }


def test_created_task_id_prefers_task_id() -> None:
    assert parse_created_task_id({"task": {"id": "a"}, "id": "b"}) == "a"
    assert parse_created_task_id({"id": "b"}) == "b"
    assert parse_created_task_id({"task": {}}) is None
    assert parse_created_task_id("nope") is None


def test_environments_and_merge_order() -> None:
    by_repo = parse_environments([{"id": "e2", "label": None, "is_pinned": False}], repo_hint="acme/w")
    everything = parse_environments(
        [
            {"id": "e1", "label": "beta", "is_pinned": False, "task_count": 3},
            {"id": "e2", "label": "Alpha", "is_pinned": False},
            {"id": "e3", "label": "zeta", "is_pinned": True},
        ]
    )
    merged = merge_environments(by_repo, everything)
    assert [e.id for e in merged] == ["e3", "e2", "e1"]  # pinned first, then label case-insensitively
    assert merged[1] == Environment(
        id="e2", label="Alpha", is_pinned=False, task_count=None, repo_hint="acme/w"
    )
    with pytest.raises(CloudProtocolError):
        parse_environments({"not": "a list"})
    with pytest.raises(CloudProtocolError):
        parse_environments([{"label": "no id"}])


def test_usage_payload() -> None:
    window = {
        "used_percent": 42,
        "limit_window_seconds": 18000,
        "reset_after_seconds": 3600,
        "reset_at": 1795480000,
    }
    usage = parse_usage(
        {
            "plan_type": "plus",
            "rate_limit": {
                "allowed": True,
                "limit_reached": False,
                "primary_window": window,
                "secondary_window": None,
            },
            "credits": {"has_credits": True, "unlimited": False, "balance": "12.50"},
        }
    )
    assert usage.plan_type == "plus"
    assert usage.primary is not None and usage.primary.used_percent == 42.0
    assert usage.secondary is None
    assert usage.credits is not None and usage.credits.balance == "12.50"
    assert parse_usage({"plan_type": "free", "rate_limit": None, "credits": None}).credits is None
    with pytest.raises(CloudProtocolError):
        parse_usage({"rate_limit": {}})


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("git@github.com:acme/widgets.git", ("acme", "widgets")),
        ("ssh://git@github.com:acme/widgets", ("acme", "widgets")),
        ("org-123@github.com:acme/widgets.git", ("acme", "widgets")),
        ("https://github.com/acme/widgets.git", ("acme", "widgets")),
        ("http://github.com/acme/widgets", ("acme", "widgets")),
        ("git://github.com/acme/widgets.git", ("acme", "widgets")),
        ("https://gitlab.com/acme/widgets.git", None),
        ("https://github.com/acme", None),
    ],
)
def test_github_origin(url: str, expected: tuple[str, str] | None) -> None:
    assert parse_github_origin(url) == expected


def test_diff_summary_from_diff() -> None:
    diff = "diff --git a/x b/x\n--- a/x\n+++ b/x\n@@ -1 +1,2 @@\n-a\n+b\n+c\ndiff --git a/y b/y\n"
    assert diff_summary_from_diff(diff) == DiffSummary(2, 2, 1)
    assert diff_summary_from_diff("+only\n") == DiffSummary(1, 1, 0)
    assert diff_summary_from_diff("") == DiffSummary(0, 0, 0)


def test_results_unstructure_to_json() -> None:
    details = parse_task_details(DIFF_TASK, "task_123")
    data = to_jsonable(details)
    assert data["summary"]["id"] == "task_123"
    assert data["current_attempt"]["status"] == "unknown"
    stamped = parse_task_list({"items": [{"id": "t", "title": "", "updated_at": 0.5}]})
    assert to_jsonable(stamped)["tasks"][0]["updated_at"] == "1970-01-01T00:00:00.500000+00:00"


@pytest.mark.parametrize("stamp", [10**400, float("inf"), float("nan"), 1e300])
def test_a_time_no_clock_can_hold_reads_as_unknown(stamp: Any) -> None:
    """A backend that sends a 400-digit integer (or inf) for a time used to raise OverflowError."""
    tasks = parse_task_list({"items": [{"id": "t1", "title": "x", "updated_at": stamp}]})
    assert [t.id for t in tasks.tasks] == ["t1"] and tasks.tasks[0].updated_at is None
    details = parse_task_details({"task": {"id": "t1", "title": "x", "created_at": stamp}}, "t1")
    assert details.summary.updated_at is None
