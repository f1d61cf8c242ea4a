"""CloudClient against the fake backend: every endpoint, both path styles, errors, retries, secrets."""

from __future__ import annotations

import datetime as dt
import logging
import time
from collections.abc import Mapping
from pathlib import Path

import pytest
import trio

from orchestra.cloud import (
    DEFAULT_RETRY,
    AttemptNotFoundError,
    CloudAuth,
    CloudAuthError,
    CloudClient,
    CloudConfigError,
    CloudConnectionError,
    CloudHttpError,
    CloudNotFoundError,
    CloudProtocolError,
    CloudRateLimited,
    CloudTimeoutError,
    NoDiffError,
    RetryPolicy,
    Transport,
    TransportResponse,
    classify_cloud_error,
    parse_retry_after,
)
from orchestra.supervision import RetriesExhausted
from orchestra.testing.fake_cloud import AttemptScript, FakeCloud, Fault, Schedule, TaskScript

from .conftest import FAST_RETRY

DIFF_A = "diff --git a/a.txt b/a.txt\nnew file mode 100644\n--- /dev/null\n+++ b/a.txt\n@@ -0,0 +1 @@\n+a\n"
DIFF_B = "diff --git a/b.txt b/b.txt\nnew file mode 100644\n--- /dev/null\n+++ b/b.txt\n@@ -0,0 +1 @@\n+b\n"


async def test_environments_merge_by_repo_and_global(fake: FakeCloud, client: CloudClient) -> None:
    fake.add_environment("env_b", label="alpha")
    envs = await client.list_environments(repos=[("acme", "widgets")])
    assert [e.id for e in envs] == ["env_main", "env_b"]
    assert envs[0].repo_hint == "acme/widgets"
    assert [r.endpoint for r in fake.requests] == [
        "/environments/by-repo/github/acme/widgets",
        "/environments",
    ]


async def test_by_repo_failure_is_skipped_but_global_failure_raises(
    fake: FakeCloud, client: CloudClient
) -> None:
    fake.fail_next("/environments/by-repo/*", status=404)
    assert [e.id for e in await client.list_environments(repos=[("acme", "widgets")])] == ["env_main"]
    fake.fail_next("/environments", status=404)
    with pytest.raises(CloudNotFoundError):
        await client.list_environments()


async def test_resolve_environment(fake: FakeCloud, client: CloudClient) -> None:
    fake.add_environment("env_x", label="Twin")
    fake.add_environment("env_y", label="twin")
    assert (await client.resolve_environment("env_main")).id == "env_main"
    assert (await client.resolve_environment("main repo")).id == "env_main"
    with pytest.raises(CloudConfigError, match="ambiguous"):
        await client.resolve_environment("TWIN")
    with pytest.raises(CloudConfigError, match="not found"):
        await client.resolve_environment("nope")


async def test_create_sends_the_codex_body(fake: FakeCloud, client: CloudClient) -> None:
    created = await client.create_task(
        "env_main", "Fix the bug", branch="dev", best_of_n=2, starting_diff=DIFF_A
    )
    assert created.id == "task_e_000001"
    body = fake.requests[-1].body
    assert body["new_task"] == {
        "environment_id": "env_main",
        "branch": "dev",
        "run_environment_in_qa_mode": False,
    }
    assert body["metadata"] == {"best_of_n": 2}
    assert body["input_items"][1] == {"type": "pre_apply_patch", "output_diff": {"diff": DIFF_A}}
    assert fake.task(created.id).best_of_n == 2
    single = await client.create_task("env_main", "One attempt")
    assert "metadata" not in fake.requests[-1].body
    assert "branch" not in fake.requests[-1].body["new_task"]
    assert fake.task(single.id).best_of_n == 1
    headers = fake.requests[-1].headers
    assert headers["user-agent"].startswith("codex-orchestra/")
    assert headers["content-type"] == "application/json"


async def test_create_accepts_a_top_level_id(fake: FakeCloud, client: CloudClient) -> None:
    fake.create_response = "id"
    assert (await client.create_task("env_main", "x")).id == "task_e_000001"


async def test_create_argument_checks(client: CloudClient) -> None:
    with pytest.raises(ValueError):
        await client.create_task("env_main", "x", best_of_n=0)
    with pytest.raises(ValueError):
        await client.create_task("env_main", "  ")


async def test_get_task_follows_the_lifecycle(fake: FakeCloud, client: CloudClient) -> None:
    fake.script(TaskScript(attempts=[AttemptScript(diff=DIFF_A, message="All done")]))
    task_id = (await client.create_task("env_main", "Do it")).id
    first = await client.get_task(task_id)
    assert (first.status, first.current_attempt and first.current_attempt.status) == ("pending", "pending")
    assert first.prompt == "Do it"
    assert first.diff is None
    second = await client.get_task(client.task_url(task_id))  # a task URL works as an id
    assert second.current_attempt is not None and second.current_attempt.status == "in-progress"
    done = await client.get_task(task_id)
    assert done.status == "ready"
    assert done.diff == DIFF_A
    assert done.messages == ("All done",)
    assert done.summary.environment_id == "env_main"
    assert done.summary.environment_label == "Main Repo"
    assert done.summary.summary.files_changed == 1
    with pytest.raises(CloudNotFoundError):
        await client.get_task("task_e_404")


async def test_attempts_and_diff_selection(fake: FakeCloud, client: CloudClient) -> None:
    fake.script(
        TaskScript(
            attempts=[
                AttemptScript(diff=DIFF_A),
                AttemptScript(outcome="failed"),
                AttemptScript(diff=DIFF_B, diff_item="pr"),
            ],
            schedule=Schedule.immediately(),
        )
    )
    task_id = (await client.create_task("env_main", "Three ways", best_of_n=3)).id
    attempts = await client.list_attempts(task_id)
    assert [(a.placement, a.status, a.is_current) for a in attempts] == [
        (0, "completed", True),
        (1, "failed", False),
        (2, "completed", False),
    ]
    assert attempts[1].error == "TASK_FAILED: The attempt failed."
    assert await client.get_diff(task_id) == DIFF_A
    assert await client.get_diff(task_id, attempt=2) == DIFF_B  # numbered among attempts with a diff
    with pytest.raises(AttemptNotFoundError, match="only 2 attempt"):
        await client.get_diff(task_id, attempt=3)
    with pytest.raises(AttemptNotFoundError):
        await client.get_diff(task_id, attempt=0)


async def test_no_diff_yet(fake: FakeCloud, client: CloudClient) -> None:
    fake.script(TaskScript(schedule=Schedule.by_hand()))
    task_id = (await client.create_task("env_main", "x")).id
    with pytest.raises(NoDiffError, match="may still be running"):
        await client.get_diff(task_id)


async def test_single_attempt_skips_sibling_lookup(fake: FakeCloud, client: CloudClient) -> None:
    task_id = (await client.create_task("env_main", "x")).id
    await client.list_attempts(task_id)
    assert fake.requests_to("/tasks/*/turns/*/sibling_turns") == []


async def test_list_and_iterate_pages(fake: FakeCloud, client: CloudClient) -> None:
    ids = [fake.add_task("env_main", f"t{i}") for i in range(5)]
    page = await client.list_tasks(limit=2)
    assert [t.id for t in page.tasks] == [ids[4], ids[3]]
    assert page.cursor is not None
    assert fake.requests[-1].query == {"limit": "2", "task_filter": "current"}
    seen = [t.id async for t in client.iter_tasks(page_size=2)]
    assert seen == list(reversed(ids))
    limited = [t.id async for t in client.iter_tasks(page_size=2, max_pages=1)]
    assert limited == [ids[4], ids[3]]
    filtered = await client.list_tasks(environment_id="env_main", limit=20)
    assert len(filtered.tasks) == 5
    assert fake.requests[-1].query["environment_id"] == "env_main"


async def test_usage(fake: FakeCloud, client: CloudClient) -> None:
    usage = await client.get_usage()
    assert usage.plan_type == "pro"
    assert usage.primary is not None and usage.primary.reset_after_seconds == 3600
    assert fake.requests[-1].path == "/backend-api/wham/usage"


async def test_codex_api_path_style(fake: FakeCloud) -> None:
    client = fake.client(codex_api=True, retry=FAST_RETRY)
    assert client.path_style == "codex-api"
    task_id = (await client.create_task("env_main", "x")).id
    await client.get_task(task_id)
    await client.get_usage()
    assert [r.path for r in fake.requests] == [
        "/api/codex/tasks",
        f"/api/codex/tasks/{task_id}",
        "/api/codex/usage",
    ]


async def test_client_from_a_codex_home_reaches_the_fake(fake: FakeCloud, tmp_path: Path) -> None:
    home = fake.write_codex_home(tmp_path / "home")
    client = CloudClient.from_codex_home(home, env={}, retry=FAST_RETRY)
    assert [e.id for e in await client.list_environments()] == ["env_main"]


# --- errors and retries ----------------------------------------------------------------------


async def test_401_is_typed_and_not_retried(fake: FakeCloud) -> None:
    client = CloudClient(
        fake.base_url, CloudAuth.from_token("wrong-token-123456", fake.account_id), retry=FAST_RETRY
    )
    with pytest.raises(CloudAuthError) as info:
        await client.list_environments()
    assert info.value.status == 401
    assert len(fake.requests) == 1
    anonymous = CloudClient(fake.base_url, None, retry=FAST_RETRY)
    with pytest.raises(CloudAuthError):
        await anonymous.get_usage()


async def test_missing_account_header_is_401(fake: FakeCloud) -> None:
    client = CloudClient(fake.base_url, CloudAuth.from_token("opaque-token"), retry=FAST_RETRY)
    fake.token = "opaque-token"
    with pytest.raises(CloudAuthError, match="ChatGPT-Account-Id"):
        await client.list_environments()


async def test_5xx_on_get_is_retried(fake: FakeCloud, client: CloudClient) -> None:
    fake.fail_next("/environments", status=500, times=2)
    assert [e.id for e in await client.list_environments()] == ["env_main"]
    assert [r.status for r in fake.requests] == [500, 500, 200]


async def test_retries_give_up_after_the_policy(fake: FakeCloud, client: CloudClient) -> None:
    fake.fail_next("/usage", status=502, times=None)
    with pytest.raises(CloudHttpError) as info:
        await client.get_usage()
    assert info.value.status == 502
    assert len(fake.requests) == FAST_RETRY.attempts


async def test_4xx_is_not_retried(fake: FakeCloud, client: CloudClient) -> None:
    fake.fail_next("/usage", status=400, times=None)
    with pytest.raises(CloudHttpError):
        await client.get_usage()
    assert len(fake.requests) == 1


async def test_post_is_not_retried_on_5xx(fake: FakeCloud, client: CloudClient) -> None:
    fake.fail_next("/tasks", status=500, method="POST")
    with pytest.raises(CloudHttpError):
        await client.create_task("env_main", "x")
    assert len(fake.requests) == 1
    assert fake.tasks == []


async def test_post_is_not_retried_on_a_dropped_connection(fake: FakeCloud, client: CloudClient) -> None:
    fake.drop_next("/tasks", method="POST")
    with pytest.raises(CloudConnectionError):
        await client.create_task("env_main", "x")
    assert len(fake.requests_to("/tasks", method="POST")) == 1


async def test_post_is_retried_on_429(fake: FakeCloud, client: CloudClient) -> None:
    fake.rate_limit_next("/tasks", retry_after=0, method="POST")
    assert (await client.create_task("env_main", "x")).id == "task_e_000001"
    assert [r.status for r in fake.requests] == [429, 200]


async def test_retry_after_is_honoured(fake: FakeCloud, client: CloudClient) -> None:
    fake.rate_limit_next("/usage", retry_after=1)
    started = time.monotonic()
    await client.get_usage()
    elapsed = time.monotonic() - started
    assert [r.status for r in fake.requests] == [429, 200]
    assert elapsed >= 0.95  # waited the server's Retry-After, not the policy's millisecond backoff


async def test_too_long_retry_after_is_raised(fake: FakeCloud) -> None:
    # A Retry-After beyond the policy's deadline is not waited for: the 429 is raised at once.
    client = fake.client(retry=RetryPolicy(attempts=3, initial=0.001, deadline=5))
    fake.rate_limit_next("/usage", retry_after=3600)
    with pytest.raises(CloudRateLimited) as info:
        await client.get_usage()
    assert info.value.retry_after == 3600.0
    assert len(fake.requests) == 1


async def test_retry_after_is_not_waited_for_without_wait_for_reset(fake: FakeCloud) -> None:
    client = fake.client(retry=RetryPolicy(attempts=3, initial=0.001, wait_for_reset=False))
    fake.rate_limit_next("/usage", retry_after=0)
    with pytest.raises(CloudRateLimited):
        await client.get_usage()
    assert len(fake.requests) == 1


async def test_given_up_errors_say_how_many_attempts(fake: FakeCloud, client: CloudClient) -> None:
    fake.fail_next("/usage", status=503, times=None)
    with pytest.raises(CloudHttpError) as info:
        await client.get_usage()
    assert not isinstance(info.value, RetriesExhausted)  # the typed error itself, not a wrapper
    assert info.value.__notes__ == [f"gave up after {FAST_RETRY.attempts} attempts: HTTP 503"]


async def test_429_without_retry_after_backs_off(fake: FakeCloud, client: CloudClient) -> None:
    fake.rate_limit_next("/usage", retry_after=None, times=2)
    await client.get_usage()
    assert [r.status for r in fake.requests] == [429, 429, 200]


async def test_slow_answer_times_out_then_retries(fake: FakeCloud) -> None:
    client = fake.client(retry=FAST_RETRY, timeout=0.2)
    fake.delay_next("/usage", seconds=2.0)
    with trio.fail_after(5):
        usage = await client.get_usage()
    assert usage.plan_type == "pro"
    assert len(fake.requests_to("/usage")) == 2


async def test_timeout_error_without_retries(fake: FakeCloud) -> None:
    client = fake.client(retry=RetryPolicy.never(), timeout=0.1)
    fake.delay_next("/usage", seconds=2.0)
    with pytest.raises(CloudTimeoutError):
        await client.get_usage()


async def test_dropped_connection_is_retried(fake: FakeCloud, client: CloudClient) -> None:
    fake.drop_next("/usage")
    assert (await client.get_usage()).plan_type == "pro"


async def test_connection_refused(fake: FakeCloud) -> None:
    port = fake.port
    fake.close()
    client = CloudClient(f"http://127.0.0.1:{port}/backend-api", None, retry=FAST_RETRY, timeout=1)
    with pytest.raises(CloudConnectionError):
        await client.get_usage()


async def test_non_json_answer_is_a_protocol_error(fake: FakeCloud, client: CloudClient) -> None:
    class HtmlTransport:
        async def request(
            self, method: str, url: str, headers: Mapping[str, str], body: bytes | None, timeout: float
        ) -> TransportResponse:
            await trio.lowlevel.checkpoint()
            return TransportResponse(
                200, {"content-type": "text/html"}, b"<html>Bearer abcdefghijkl0123</html>"
            )

    transport = HtmlTransport()
    assert isinstance(transport, Transport)
    client = CloudClient("http://example.invalid/backend-api", None, transport=transport, retry=FAST_RETRY)
    with pytest.raises(CloudProtocolError, match="not JSON") as info:
        await client.get_usage()
    assert "abcdefghijkl0123" not in str(info.value)


async def test_malformed_shape_is_a_protocol_error(fake: FakeCloud, client: CloudClient) -> None:
    fake.inject(Fault(status=200, body=["not", "an", "object"]), "/usage")
    with pytest.raises(CloudProtocolError):
        await client.get_usage()


async def test_a_custom_transport_sees_every_request(fake: FakeCloud) -> None:
    seen: list[tuple[str, str, dict[str, str]]] = []

    class Recording:
        async def request(
            self, method: str, url: str, headers: Mapping[str, str], body: bytes | None, timeout: float
        ) -> TransportResponse:
            seen.append((method, url, dict(headers)))
            await trio.lowlevel.checkpoint()
            return TransportResponse(200, {}, b'[{"id": "env_z", "label": "Z"}]')

    client = CloudClient(
        "https://chatgpt.com", CloudAuth.from_token("tok-abcdef", "acct"), transport=Recording()
    )
    envs = await client.list_environments()
    assert envs[0].id == "env_z"
    assert seen[0][:2] == ("GET", "https://chatgpt.com/backend-api/wham/environments")
    assert seen[0][2]["Authorization"] == "Bearer tok-abcdef"
    assert seen[0][2]["ChatGPT-Account-Id"] == "acct"


async def test_secrets_stay_out_of_errors_and_logs(fake: FakeCloud, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG, logger="orchestra")
    client = fake.client(retry=FAST_RETRY)
    fake.fail_next("/usage", status=500, times=1)
    fake.inject(Fault.error(403, {"detail": f"token {fake.token} rejected"}), "/environments")
    await client.get_usage()
    with pytest.raises(CloudHttpError) as info:
        await client.list_environments()
    await client.create_task("env_main", "x")
    assert fake.token not in str(info.value)
    assert fake.token not in caplog.text
    assert "cloud.request.retry" in caplog.text
    assert fake.token not in repr(client)


@pytest.mark.parametrize(
    ("value", "expected"),
    [(None, None), ("", None), ("3", 3.0), ("1.5", 1.5), ("-4", 0.0), ("soon", None),
     ("Wed, 21 Oct 2015 07:28:30 GMT", 30.0), ("Wed, 21 Oct 2015 07:27:00 GMT", 0.0),
     # Not a delay anyone waits for; each used to overflow the retry's date arithmetic.
     ("inf", None), ("nan", None), ("1e20", None), ("99999999999999", None),
     ("Fri, 31 Dec 9999 23:59:59 GMT", None)],
)  # fmt: skip
def test_parse_retry_after(value: str | None, expected: float | None) -> None:
    now = 1445412480.0  # Wed, 21 Oct 2015 07:28:00 GMT
    assert parse_retry_after(value, now=now) == expected


def test_cloud_error_classification() -> None:
    now = dt.datetime(2026, 11, 24, tzinfo=dt.UTC)

    def verdict(exc: BaseException, *, idempotent: bool = True) -> str:
        return classify_cloud_error(exc, idempotent=idempotent, now=now).verdict

    rate_limited = CloudRateLimited("POST", "u", 429, retry_after=2.0)
    limited = classify_cloud_error(rate_limited, idempotent=False, now=now)
    assert (limited.verdict, limited.wait_until) == ("wait_until", now + dt.timedelta(seconds=2))
    assert verdict(CloudRateLimited("GET", "u", 429)) == "retryable"
    assert verdict(CloudRateLimited("POST", "u", 429), idempotent=False) == "retryable"
    assert verdict(CloudHttpError("GET", "u", 503)) == "retryable"
    assert verdict(CloudHttpError("GET", "u", 408)) == "retryable"
    assert verdict(CloudHttpError("POST", "u", 503), idempotent=False) == "fatal"
    assert verdict(CloudHttpError("GET", "u", 400)) == "fatal"
    assert verdict(CloudAuthError("GET", "u", 401)) == "fatal"
    assert verdict(CloudNotFoundError("GET", "u", 404)) == "fatal"
    assert verdict(CloudConnectionError("x")) == "retryable"
    assert verdict(CloudTimeoutError("x")) == "retryable"
    assert verdict(CloudConnectionError("x"), idempotent=False) == "fatal"
    assert verdict(CloudProtocolError("x")) == "fatal"
    assert verdict(ValueError("x")) == "fatal"


def test_default_policy_is_the_supervision_policy() -> None:
    from orchestra import supervision

    assert RetryPolicy is supervision.RetryPolicy
    assert DEFAULT_RETRY.attempts > 1
    assert CloudClient("https://chatgpt.com").retry == DEFAULT_RETRY


# --- a login renewed while the client runs ---------------------------------------------------


async def test_a_401_rereads_auth_json_and_retries_once_with_the_renewed_login(
    fake: FakeCloud, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    home = fake.write_codex_home(tmp_path / "home")
    client = CloudClient.from_codex_home(home, env={}, retry=FAST_RETRY)
    fake.token = "renewed-access-token-0123456789"  # the server now takes only the renewed token
    fake.write_codex_home(home)  # ... which the CLI's refresh wrote to auth.json
    with caplog.at_level(logging.DEBUG, logger="orchestra"):
        task = await client.create_task("env_main", "after the refresh")  # a POST: 401 changed nothing
    assert task.id
    assert [(r.method, r.status) for r in fake.requests] == [("POST", 401), ("POST", 200)]
    assert fake.requests[-1].headers["authorization"] == "Bearer renewed-access-token-0123456789"
    assert "renewed-access-token" not in caplog.text
    assert len(fake.tasks) == 1
    assert [e.id for e in await client.list_environments()] == ["env_main"]  # the new login stays


async def test_a_401_with_nothing_fresher_in_auth_json_is_raised_at_once(
    fake: FakeCloud, tmp_path: Path
) -> None:
    home = fake.write_codex_home(tmp_path / "home")
    client = CloudClient.from_codex_home(home, env={}, retry=FAST_RETRY)
    fake.token = "a-token-the-client-never-sees-42"
    with pytest.raises(CloudAuthError):
        await client.list_environments()
    assert len(fake.requests) == 1
    (home / "auth.json").unlink()  # signed out meanwhile: still the 401, not a config error
    with pytest.raises(CloudAuthError):
        await client.list_environments()


async def test_a_renewed_login_that_is_refused_too_is_not_retried_again(fake: FakeCloud) -> None:
    calls = []

    async def renew() -> CloudAuth | None:
        calls.append(1)
        return CloudAuth.from_token(f"still-wrong-token-{len(calls)}", fake.account_id)

    client = CloudClient(
        fake.base_url, CloudAuth.from_token("wrong-token-123456", fake.account_id), retry=FAST_RETRY,
        reauthorize=renew,
    )  # fmt: skip
    with pytest.raises(CloudAuthError):
        await client.get_usage()
    assert (len(calls), len(fake.requests)) == (1, 2)
