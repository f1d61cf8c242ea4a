"""The fake backend itself: routes, shapes, lifecycle, auth, faults and records (raw HTTP, sync)."""

from __future__ import annotations

import asyncio
import http.client
import json
import threading
from typing import Any

import pytest
import trio

from orchestra.testing.fake_cloud import (
    AttemptScript,
    FakeCloud,
    Fault,
    Schedule,
    TaskScript,
)


def call(
    fake: FakeCloud,
    method: str,
    path: str,
    body: Any = None,
    *,
    auth: bool = True,
    headers: dict[str, str] | None = None,
    prefix: str = "/backend-api/wham",
) -> tuple[int, dict[str, str], Any]:
    conn = http.client.HTTPConnection("127.0.0.1", fake.port, timeout=5)
    sent = dict(headers or {})
    if auth:
        sent.setdefault("Authorization", f"Bearer {fake.token}")
        sent.setdefault("ChatGPT-Account-Id", fake.account_id or "")
    data = json.dumps(body).encode() if body is not None else None
    if data is not None:
        sent["Content-Type"] = "application/json"
    try:
        conn.request(method, prefix + path, body=data, headers=sent)
        response = conn.getresponse()
        raw = response.read()
        return (
            response.status,
            {k.lower(): v for k, v in response.getheaders()},
            json.loads(raw) if raw else None,
        )
    finally:
        conn.close()


def create_body(env: str = "env_main", prompt: str = "Do it", best_of_n: int | None = None) -> dict[str, Any]:
    body: dict[str, Any] = {
        "new_task": {"environment_id": env, "branch": "main", "run_environment_in_qa_mode": False},
        "input_items": [
            {"type": "message", "role": "user", "content": [{"content_type": "text", "text": prompt}]}
        ],
    }
    if best_of_n is not None:
        body["metadata"] = {"best_of_n": best_of_n}
    return body


def test_auth_is_required(fake: FakeCloud) -> None:
    assert call(fake, "GET", "/environments", auth=False)[0] == 401
    status, _, body = call(
        fake, "GET", "/environments", auth=False, headers={"Authorization": f"Bearer {fake.token}"}
    )
    assert (status, body["detail"]) == (401, "missing ChatGPT-Account-Id header")
    assert call(fake, "GET", "/environments", headers={"Authorization": "Bearer wrong"})[0] == 401
    assert call(fake, "GET", "/environments", headers={"ChatGPT-Account-Id": "acct-other"})[0] == 401
    assert call(fake, "GET", "/environments")[0] == 200
    fake.require_auth = False
    assert call(fake, "GET", "/environments", auth=False)[0] == 200


def test_both_path_styles_and_unknown_routes(fake: FakeCloud) -> None:
    assert call(fake, "GET", "/environments", prefix="/api/codex")[0] == 200
    assert call(fake, "GET", "/environments", prefix="/somewhere/else/wham")[0] == 200
    assert call(fake, "GET", "/environments", prefix="/nothing")[0] == 404
    assert call(fake, "DELETE", "/tasks/x")[0] == 404
    styles = [r.style for r in fake.requests]
    assert styles[:2] == ["codex-api", "wham"]


def test_environments_and_by_repo(fake: FakeCloud) -> None:
    fake.add_environment("env_other", label="Other")
    status, _, envs = call(fake, "GET", "/environments")
    assert status == 200
    assert envs[0] == {"id": "env_main", "label": "Main Repo", "is_pinned": True, "task_count": 0}
    assert [e["id"] for e in call(fake, "GET", "/environments/by-repo/github/acme/widgets")[2]] == [
        "env_main"
    ]
    assert call(fake, "GET", "/environments/by-repo/github/ACME/Widgets")[2][0]["id"] == "env_main"
    assert call(fake, "GET", "/environments/by-repo/github/acme/nothing")[2] == []
    assert call(fake, "GET", "/environments/by-repo/gitlab/acme/widgets")[2] == []


def test_create_validates_the_body(fake: FakeCloud) -> None:
    assert call(fake, "POST", "/tasks", ["x"])[0] == 400
    assert call(fake, "POST", "/tasks", {"input_items": []})[0] == 400
    assert call(fake, "POST", "/tasks", create_body(env="env_missing"))[0] == 404
    assert call(fake, "POST", "/tasks", create_body(prompt="   "))[0] == 400
    assert call(fake, "POST", "/tasks", create_body(best_of_n=5))[0] == 400
    assert call(fake, "POST", "/tasks", create_body(best_of_n=0))[0] == 400
    no_items = create_body()
    no_items["input_items"] = "text"
    assert call(fake, "POST", "/tasks", no_items)[0] == 400
    status, _, body = call(fake, "POST", "/tasks", create_body(best_of_n=4))
    assert status == 200 and body["task"]["id"] == "task_e_000001"
    assert fake.task("task_e_000001").best_of_n == 4
    fake.create_response = "id"
    assert call(fake, "POST", "/tasks", create_body())[2] == {"id": "task_e_000002"}


def test_lifecycle_counts_polls(fake: FakeCloud) -> None:
    fake.script(TaskScript(schedule=Schedule(pending_polls=1, running_polls=2)))
    task_id = call(fake, "POST", "/tasks", create_body(best_of_n=2))[2]["task"]["id"]
    seen = []
    for _ in range(5):
        details = call(fake, "GET", f"/tasks/{task_id}")[2]
        seen.append(details["current_assistant_turn"]["turn_status"])
    assert seen == ["pending", "in_progress", "in_progress", "completed", "completed"]
    assert fake.task(task_id).polls == 5
    assert fake.task(task_id).statuses == ("completed", "completed")
    listed = call(fake, "GET", "/tasks/list")[2]["items"][0]
    assert listed["task_status_display"]["latest_turn_status_display"]["turn_status"] == "completed"
    assert fake.task(task_id).polls == 5  # listing is not a poll


def test_details_shape_with_siblings_and_diffs(fake: FakeCloud) -> None:
    fake.script(
        TaskScript(
            attempts=[
                AttemptScript(diff="diff --git a/a b/a\n"),
                AttemptScript(diff="diff --git a/b b/b\n", diff_item="pr"),
                AttemptScript(outcome="failed", error_code="E1", error_message="nope"),
            ],
            schedule=Schedule.immediately(),
        )
    )
    task_id = call(fake, "POST", "/tasks", create_body(best_of_n=3))[2]["task"]["id"]
    details = call(fake, "GET", f"/tasks/{task_id}")[2]
    assert set(details) == {
        "task",
        "task_status_display",
        "current_user_turn",
        "current_assistant_turn",
        "current_diff_task_turn",
    }
    current = details["current_assistant_turn"]
    assert current["sibling_turn_ids"] == [f"turn_000001_{i}" for i in (2, 3)]
    assert current["attempt_placement"] == 0
    assert details["current_diff_task_turn"]["output_items"] == [
        {"type": "output_diff", "diff": "diff --git a/a b/a\n"}
    ]
    assert details["current_user_turn"]["input_items"][0]["content"][0]["text"] == "Do it"
    latest = details["task_status_display"]["latest_turn_status_display"]
    assert latest["diff_stats"] == {"files_modified": 1, "lines_added": 0, "lines_removed": 0}
    siblings = call(fake, "GET", f"/tasks/{task_id}/turns/{current['id']}/sibling_turns")[2]["sibling_turns"]
    assert [s["id"] for s in siblings] == ["turn_000001_2", "turn_000001_3"]
    assert siblings[0]["output_items"][-1] == {
        "type": "pr",
        "pr_title": "Do it",
        "output_diff": {"diff": "diff --git a/b b/b\n"},
    }
    assert siblings[1]["turn_status"] == "failed"
    assert siblings[1]["error"] == {"code": "E1", "message": "nope"}
    assert call(fake, "GET", f"/tasks/{task_id}/turns/turn_nope/sibling_turns")[0] == 404
    assert call(fake, "GET", "/tasks/task_e_999999")[0] == 404


def test_manual_schedule(fake: FakeCloud) -> None:
    fake.script(TaskScript(schedule=Schedule.by_hand()), TaskScript(schedule=Schedule.by_hand()))
    first = call(fake, "POST", "/tasks", create_body(best_of_n=2))[2]["task"]["id"]
    second = call(fake, "POST", "/tasks", create_body())[2]["task"]["id"]
    for _ in range(3):
        call(fake, "GET", f"/tasks/{first}")
    assert fake.task(first).statuses == ("pending", "pending")
    fake.advance(first)
    assert fake.task(first).statuses == ("in_progress", "in_progress")
    fake.advance(first, attempt=1)
    assert fake.task(first).statuses == ("in_progress", "completed")
    fake.fail(first, attempt=0, code="X", message="broke", outcome="cancelled")
    assert fake.task(first).statuses == ("cancelled", "completed")
    assert call(fake, "GET", f"/tasks/{first}")[2]["current_assistant_turn"]["error"] == {
        "code": "X",
        "message": "broke",
    }
    fake.complete(second)
    assert fake.task(second).statuses == ("completed",)


def test_list_pages_with_cursor_and_env_filter(fake: FakeCloud) -> None:
    fake.add_environment("env_b")
    ids = [fake.add_task("env_main" if i % 2 else "env_b", f"task {i}") for i in range(5)]
    status, _, page = call(fake, "GET", "/tasks/list?limit=2&task_filter=current")
    assert status == 200
    assert [item["id"] for item in page["items"]] == [ids[4], ids[3]]
    assert set(page["items"][0]) >= {
        "id",
        "title",
        "updated_at",
        "task_status_display",
        "archived",
        "has_unread_turn",
    }
    page2 = call(fake, "GET", f"/tasks/list?limit=2&cursor={page['cursor']}")[2]
    page3 = call(fake, "GET", f"/tasks/list?limit=2&cursor={page2['cursor']}")[2]
    assert [i["id"] for i in page2["items"] + page3["items"]] == [ids[2], ids[1], ids[0]]
    assert page3["cursor"] is None
    only_main = call(fake, "GET", "/tasks/list?environment_id=env_main")[2]["items"]
    assert [i["id"] for i in only_main] == [ids[3], ids[1]]
    assert call(fake, "GET", "/tasks/list?cursor=garbage")[0] == 400
    assert call(fake, "GET", "/tasks/list?limit=zero")[0] == 400


def test_usage_is_settable(fake: FakeCloud) -> None:
    assert call(fake, "GET", "/usage")[2]["plan_type"] == "pro"
    fake.usage = {"plan_type": "plus", "rate_limit": None, "credits": None}
    assert call(fake, "GET", "/usage")[2] == {"plan_type": "plus", "rate_limit": None, "credits": None}


def test_faults_per_path_and_count(fake: FakeCloud) -> None:
    rule = fake.fail_next("/environments", status=503, times=2)
    assert [call(fake, "GET", "/environments")[0] for _ in range(3)] == [503, 503, 200]
    assert rule.hits == 2 and rule.remaining == 0
    fake.rate_limit_next("/wham/usage", retry_after=7)
    status, headers, body = call(fake, "GET", "/usage")
    assert (status, headers["retry-after"], body["detail"]) == (429, "7", "Too many requests")
    fake.inject(Fault.error(500, {"oops": True}), "/tasks/*", method="GET", times=None)
    assert call(fake, "GET", "/tasks/list")[0] == 500
    assert call(fake, "POST", "/tasks", create_body())[0] == 200  # method filter
    fake.clear_faults()
    assert call(fake, "GET", "/tasks/list")[0] == 200
    faulted = [r for r in fake.requests if r.fault is not None]
    assert [r.status for r in faulted] == [503, 503, 429, 500]


def test_faults_happen_before_auth(fake: FakeCloud) -> None:
    fake.fail_next(status=502)
    assert call(fake, "GET", "/environments", auth=False)[0] == 502


def test_slow_and_dropped_answers(fake: FakeCloud) -> None:
    fake.delay_next("/environments", seconds=0.2)
    conn = http.client.HTTPConnection("127.0.0.1", fake.port, timeout=0.05)
    conn.request("GET", "/backend-api/wham/environments", headers={"Authorization": f"Bearer {fake.token}"})
    with pytest.raises(TimeoutError):
        conn.getresponse()
    conn.close()
    fake.drop_next("/environments")
    with pytest.raises(http.client.HTTPException):
        call(fake, "GET", "/environments")


def test_records_redact_credentials(fake: FakeCloud) -> None:
    call(fake, "POST", "/tasks", create_body(best_of_n=2))
    request = fake.requests[-1]
    assert request.method == "POST" and request.endpoint == "/tasks" and request.status == 200
    assert request.body["metadata"] == {"best_of_n": 2}
    assert request.headers["authorization"] == f"Bearer {fake.token}"
    assert fake.token not in repr(request)
    assert fake.token not in repr(request.headers)
    assert fake.token not in repr(fake)
    assert fake.requests_to("/tasks", method="post") == [request]
    assert fake.requests_to("/environments") == []


def test_wait_for_requests_sync(fake: FakeCloud) -> None:
    thread = threading.Thread(target=lambda: call(fake, "GET", "/environments"))
    thread.start()
    assert len(fake.wait_for_requests(1, timeout=5)) == 1
    thread.join()
    with pytest.raises(TimeoutError):
        fake.wait_for_requests(5, timeout=0.01)


async def test_wait_for_requests_under_trio(fake: FakeCloud) -> None:
    async def caller() -> None:
        await trio.to_thread.run_sync(call, fake, "GET", "/environments")

    async with trio.open_nursery() as nursery:
        nursery.start_soon(caller)
        with trio.fail_after(5):
            got = await fake.wait_for_requests_async(1)
    assert got[0].endpoint == "/environments"


def test_wait_for_requests_under_asyncio(fake: FakeCloud) -> None:
    async def main() -> int:
        loop = asyncio.get_running_loop()
        pending = loop.run_in_executor(None, call, fake, "GET", "/environments")
        async with asyncio.timeout(5):
            got = await fake.wait_for_requests_async(1)
        await pending
        return len(got)

    assert asyncio.run(main()) == 1


def test_closed_fake_wakes_waiters_and_refuses_restart() -> None:
    fake = FakeCloud().start()
    fake.close()
    fake.close()
    with pytest.raises(TimeoutError):
        fake.wait_for_requests(1, timeout=1)
    with pytest.raises(RuntimeError):
        fake.start()


def test_codex_home_for_the_fake(fake: FakeCloud, tmp_path: Any) -> None:
    home = fake.write_codex_home(tmp_path / "home")
    auth = json.loads((home / "auth.json").read_text())
    assert auth["tokens"]["access_token"] == fake.token
    assert (home / "auth.json").stat().st_mode & 0o777 == 0o600
    assert fake.base_url in (home / "config.toml").read_text()
