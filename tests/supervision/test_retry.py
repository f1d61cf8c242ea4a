"""Retry policies and failure classification."""

from __future__ import annotations

import datetime as dt
import random

import pytest
import trio
import trio.testing
from hypothesis import given
from hypothesis import strategies as st

from orchestra import RpcError, RuntimeExitedError
from orchestra.supervision import (
    RetriesExhausted,
    RetryPolicy,
    classify_error_notification,
    classify_exception,
    classify_http_status,
    classify_turn_error,
    retry_call,
)

NOW = dt.datetime(2026, 11, 24, 12, 0, tzinfo=dt.UTC)


@given(
    attempt=st.integers(1, 50),
    initial=st.floats(0.001, 10),
    maximum=st.floats(0.001, 100),
    multiplier=st.floats(1, 4),
    seed=st.integers(0, 2**32 - 1),
)
def test_full_jitter_backoff_stays_within_the_capped_exponential_window(
    attempt: int, initial: float, maximum: float, multiplier: float, seed: int
) -> None:
    policy = RetryPolicy(initial=initial, maximum=maximum, multiplier=multiplier)
    delay = policy.backoff(attempt, random.Random(seed))
    assert 0 <= delay <= min(maximum, initial * multiplier ** (attempt - 1)) + 1e-9


@pytest.mark.parametrize(
    ("error", "verdict"),
    [
        ({"message": "x", "codexErrorInfo": "internalServerError"}, "retryable"),
        ({"message": "x", "codexErrorInfo": "contextWindowExceeded"}, "fatal"),
        ({"message": "x", "codexErrorInfo": "unauthorized"}, "fatal"),
        ({"message": "x", "codexErrorInfo": "badRequest"}, "fatal"),
        ({"message": "x", "codexErrorInfo": "serverOverloaded"}, "retryable"),
        (
            {"message": "x", "codexErrorInfo": {"responseStreamDisconnected": {"httpStatusCode": None}}},
            "retryable",
        ),
        ({"message": "x", "codexErrorInfo": {"httpConnectionFailed": {"httpStatusCode": 401}}}, "fatal"),
        ({"message": "x", "codexErrorInfo": {"httpConnectionFailed": {"httpStatusCode": 503}}}, "retryable"),
        ({"message": "Try again at 1:05 PM.", "codexErrorInfo": "usageLimitExceeded"}, "wait_until"),
        ({"message": "x", "codexErrorInfo": "someFutureKind"}, "fatal"),
        ({"message": "stream disconnected before completion"}, "retryable"),
        (None, "retryable"),
    ],
)
def test_turn_errors_are_classified(error: object, verdict: str) -> None:
    assert classify_turn_error(error, now=NOW).verdict == verdict


def test_usage_limit_waits_until_the_named_time() -> None:
    failure = classify_turn_error(
        {
            "message": "You've hit your usage limit. Try again at 1:05 PM.",
            "codexErrorInfo": "usageLimitExceeded",
        },
        now=NOW,
    )
    assert failure.wait_until is not None and failure.wait_until.astimezone(dt.UTC) >= NOW


def test_exceptions_and_http_statuses_are_classified() -> None:
    assert classify_exception(RpcError("thread/start", -32001, "Server overloaded")).verdict == "retryable"
    assert classify_exception(RpcError("thread/start", -32600, "bad")).verdict == "fatal"
    assert (
        classify_exception(RuntimeExitedError("gone", exit_code=None, exit_signal=9)).verdict == "retryable"
    )
    assert classify_http_status(429, 30, now=NOW).wait_until == NOW + dt.timedelta(seconds=30)
    assert classify_http_status(502).verdict == "retryable"
    assert classify_http_status(404).verdict == "fatal"
    assert (
        classify_error_notification({"willRetry": True, "error": {"message": "x"}}).verdict
        == "runtime_retrying"
    )


async def test_retry_call_retries_retryable_failures_then_succeeds(
    autojump_clock: trio.testing.MockClock,
) -> None:
    calls = 0
    seen: list[tuple[int, str]] = []

    async def flaky() -> str:
        nonlocal calls
        calls += 1
        if calls < 3:
            raise RpcError("thread/start", -32001, "Server overloaded; retry later")
        return "ok"

    def on_retry(attempt: int, failure: object, delay: float) -> None:
        seen.append((attempt, getattr(failure, "verdict", "")))

    assert await retry_call(flaky, RetryPolicy(attempts=5), on_retry=on_retry) == "ok"
    assert seen == [(1, "retryable"), (2, "retryable")]


async def test_retry_call_gives_up_at_once_on_a_fatal_failure_and_at_the_attempt_limit(
    autojump_clock: trio.testing.MockClock,
) -> None:
    async def fatal() -> None:
        raise RpcError("turn/start", -32600, "invalid")

    with pytest.raises(RetriesExhausted, match="after 1 attempt") as info:
        await retry_call(fatal, RetryPolicy(attempts=5))
    assert isinstance(info.value.__cause__, RpcError)

    async def always_overloaded() -> None:
        raise RpcError("thread/start", -32001, "overloaded")

    with pytest.raises(RetriesExhausted, match="after 3 attempt"):
        await retry_call(always_overloaded, RetryPolicy(attempts=3))


async def test_the_deadline_bounds_the_whole_effort(autojump_clock: trio.testing.MockClock) -> None:
    async def overloaded() -> None:
        raise RpcError("thread/start", -32001, "overloaded")

    started = trio.current_time()
    with pytest.raises(RetriesExhausted):
        await retry_call(overloaded, RetryPolicy(attempts=1000, initial=1, maximum=10, deadline=60))
    assert trio.current_time() - started <= 60
