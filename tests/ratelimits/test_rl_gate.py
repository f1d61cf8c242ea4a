"""The gate, on trio's MockClock: a week of resets in no real time, and no waiter ever dropped."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
import trio
import trio.testing

from orchestra.ratelimits import (
    GateDecision,
    RateLimitCleared,
    RateLimited,
    RateLimitGate,
    RateLimitSnapshot,
    RateLimitWindow,
    TrioWallClock,
    UsageLimitHit,
    parse_retry_time,
    usage_limit_from_error,
    usage_limit_from_http,
)

from .conftest import T0, at


def snapshot(
    clock: TrioWallClock,
    *,
    primary: float | None = None,
    secondary: float | None = None,
    primary_reset: timedelta = timedelta(hours=1),
    limit_id: str = "codex",
    reached: str | None = None,
) -> RateLimitSnapshot:
    now = clock()
    return RateLimitSnapshot(
        limit_id=limit_id,
        observed_at=now,
        primary=None if primary is None else RateLimitWindow(primary, 300, now + primary_reset),
        secondary=None if secondary is None else RateLimitWindow(secondary, 10080, now + timedelta(days=3)),
        rate_limit_reached_type=reached,
    )


def make_gate(**kwargs: object) -> tuple[RateLimitGate, TrioWallClock]:
    clock = TrioWallClock(T0)
    return RateLimitGate(clock=clock, **kwargs), clock  # type: ignore[arg-type]


async def test_open_until_a_window_reaches_the_threshold(autojump_clock: trio.testing.MockClock) -> None:
    gate, clock = make_gate()
    events = gate.subscribe()
    assert gate.observe(snapshot(clock, primary=94.9)).open
    decision = gate.observe(snapshot(clock, primary=95, secondary=20))
    assert decision == GateDecision(
        open=False,
        reason="codex primary window at 95% (threshold 95%)",
        resume_at=at(60),
        limit_id="codex",
        window="primary",
    )
    assert events.receive_nowait() == RateLimited(
        limit_id="codex", window="primary", used_percent=95, resume_at=at(60), reason="threshold"
    )
    start = trio.current_time()
    assert (await gate.wait_open()).open
    assert trio.current_time() - start == pytest.approx(3600)
    assert events.receive_nowait() == RateLimitCleared(limit_id="codex")
    assert gate.statistics().open


async def test_a_hundred_waiters_all_proceed_after_the_reset(autojump_clock: trio.testing.MockClock) -> None:
    gate, clock = make_gate(threshold_percent=90)
    gate.observe(snapshot(clock, secondary=99))  # the weekly window: 3 days
    proceeded: list[int] = []

    async def worker(number: int) -> None:
        await gate.wait_open()
        proceeded.append(number)

    async with trio.open_nursery() as nursery:
        for number in range(100):
            nursery.start_soon(worker, number)
        await trio.testing.wait_all_tasks_blocked()
        assert proceeded == []
        assert gate.statistics().waiters == 100
        # Unrelated changes wake the waiters; they re-check and go back to sleep.
        gate.observe(snapshot(clock, primary=10))
        await trio.testing.wait_all_tasks_blocked()
        assert proceeded == []
    assert sorted(proceeded) == list(range(100))
    assert clock() >= at(days=3)
    assert gate.statistics().waiters == 0


async def test_a_newer_snapshot_below_the_threshold_reopens_early(
    autojump_clock: trio.testing.MockClock,
) -> None:
    gate, clock = make_gate()
    events = gate.subscribe()
    gate.observe(snapshot(clock, primary=97, primary_reset=timedelta(hours=5)))
    done = trio.Event()

    async def waiter() -> None:
        await gate.wait_open()
        done.set()

    async with trio.open_nursery() as nursery:
        nursery.start_soon(waiter)
        await trio.sleep(600)
        assert not done.is_set()
        gate.observe(snapshot(clock, primary=2))  # reset early (or bought more)
        await done.wait()
    assert clock() == at(10)
    assert [type(e) for e in (events.receive_nowait(), events.receive_nowait())] == [
        RateLimited,
        RateLimitCleared,
    ]


async def test_usage_limit_error_with_a_reset_time(autojump_clock: trio.testing.MockClock) -> None:
    gate, clock = make_gate()
    decision = gate.report_usage_limit(
        UsageLimitHit(resets_at=at(90), message="You've hit your usage limit.")
    )
    assert not decision.open
    assert decision.reason == "codex: usage limit reached"
    assert decision.resume_at == at(90)
    # A later hit with no reset time never shortens the pause.
    assert gate.report_usage_limit(UsageLimitHit()).resume_at == at(90)
    await gate.wait_open()
    assert clock() == at(90)


async def test_usage_limit_without_a_reset_uses_the_exhausted_window(
    autojump_clock: trio.testing.MockClock,
) -> None:
    gate, clock = make_gate(threshold_percent=99)
    gate.observe(snapshot(clock, primary=98, secondary=100))
    decision = gate.report_usage_limit(UsageLimitHit())
    assert decision.resume_at == at(days=3)
    assert decision.limit_id == "codex"


async def test_usage_limit_with_nothing_known_probes_again_later(
    autojump_clock: trio.testing.MockClock,
) -> None:
    gate, clock = make_gate(unknown_reset_retry=timedelta(minutes=5))
    events = gate.subscribe()
    decision = gate.report_usage_limit(UsageLimitHit(limit_id="codex_other"))
    assert decision.resume_at == at(5)
    assert events.receive_nowait() == RateLimited(
        limit_id="codex_other", window=None, used_percent=None, resume_at=None, reason="usage_limit"
    )
    await gate.wait_open()
    assert clock() == at(5)
    assert events.receive_nowait() == RateLimitCleared(limit_id="codex_other")


async def test_usage_limit_lifts_when_a_later_snapshot_shows_room(
    autojump_clock: trio.testing.MockClock,
) -> None:
    gate, clock = make_gate()
    gate.report_usage_limit(UsageLimitHit(resets_at=at(days=1)))
    assert not gate.observe(snapshot(clock, primary=100)).open  # the refusal's own headers
    await trio.sleep(60)
    assert not gate.observe(snapshot(clock, primary=100)).open
    assert gate.observe(snapshot(clock, primary=3, secondary=4)).open


async def test_rate_limit_reached_type_blocks_until_cleared(autojump_clock: trio.testing.MockClock) -> None:
    gate, clock = make_gate()
    decision = gate.observe(snapshot(clock, primary=50, reached="rate_limit_reached"))
    assert not decision.open
    assert decision.reason == "codex: rate limit reached"
    assert decision.resume_at == at(15)  # unknown reset: probe again after unknown_reset_retry
    assert gate.observe(snapshot(clock, primary=50)).open


async def test_threshold_block_without_a_reset_time(autojump_clock: trio.testing.MockClock) -> None:
    gate, clock = make_gate()
    decision = gate.observe(
        RateLimitSnapshot(limit_id="codex", observed_at=clock(), primary=RateLimitWindow(99.0, None, None))
    )
    assert decision.resume_at == at(15)
    await gate.wait_open()
    assert clock() == at(15)


async def test_several_limits_reopen_when_the_last_one_does(autojump_clock: trio.testing.MockClock) -> None:
    gate, clock = make_gate()
    events = gate.subscribe()
    gate.observe(snapshot(clock, primary=96, primary_reset=timedelta(minutes=10)))
    gate.observe(snapshot(clock, primary=96, primary_reset=timedelta(minutes=20), limit_id="codex_other"))
    assert gate.check().resume_at == at(20)
    await gate.wait_open()
    assert clock() == at(20)
    received = []
    while True:
        try:
            received.append(events.receive_nowait())
        except trio.WouldBlock:
            break
    assert [type(e).__name__ for e in received] == [
        "RateLimited",
        "RateLimited",
        "RateLimitCleared",
        "RateLimitCleared",
    ]
    assert [e.limit_id for e in received[2:]] == ["codex", "codex_other"]


async def test_a_cancelled_waiter_leaves_no_trace(autojump_clock: trio.testing.MockClock) -> None:
    gate, clock = make_gate()
    gate.observe(snapshot(clock, primary=100))
    with trio.move_on_after(10) as scope:
        await gate.wait_open()
    assert scope.cancelled_caught
    assert gate.statistics().waiters == 0
    assert not gate.check().open


async def test_run_publishes_cleared_on_time_without_waiters(autojump_clock: trio.testing.MockClock) -> None:
    gate, clock = make_gate()
    events = gate.subscribe()
    async with trio.open_nursery() as nursery:
        nursery.start_soon(gate.run)
        await trio.sleep(1)
        gate.observe(snapshot(clock, primary=100, primary_reset=timedelta(minutes=30)))
        assert isinstance(await events.receive(), RateLimited)
        assert await events.receive() == RateLimitCleared(limit_id="codex")
        assert clock() == at(minutes=30, hours=0) + timedelta(seconds=1)
        nursery.cancel_scope.cancel()


async def test_slow_and_closed_subscribers(autojump_clock: trio.testing.MockClock) -> None:
    gate, clock = make_gate()
    slow = gate.subscribe(max_buffer_size=0)
    gone = gate.subscribe()
    await gone.aclose()
    gate.observe(snapshot(clock, primary=100))
    stats = gate.statistics()
    assert stats.events_dropped == 1
    assert stats.subscribers == 1
    await slow.aclose()


def test_threshold_must_be_a_percent() -> None:
    with pytest.raises(ValueError):
        RateLimitGate(threshold_percent=0)
    with pytest.raises(ValueError):
        TrioWallClock(datetime(2025, 1, 1))


def test_check_works_outside_trio_with_an_explicit_now() -> None:
    gate = RateLimitGate(clock=lambda: T0)
    gate.report_usage_limit(UsageLimitHit(resets_at=at(30)))
    assert not gate.check(at(29)).open
    assert gate.check(at(30)).open


# -- recognising usage-limit errors ---------------------------------------------------------------

UTC_PLUS_1 = timezone(timedelta(hours=1))


def test_error_notification_params() -> None:
    params = {
        "error": {
            "message": "You've hit your usage limit. Try again at 11:05 AM.",
            "codexErrorInfo": "usageLimitExceeded",
            "additionalDetails": None,
        },
        "threadId": "t",
        "turnId": "u",
        "willRetry": False,
    }
    hit = usage_limit_from_error(params, now=at(), tz=UTC_PLUS_1)
    assert hit is not None
    assert hit.resets_at == datetime(2025, 9, 20, 10, 6, tzinfo=UTC)
    assert hit.limit_id == "codex"
    assert hit.observed_at == at()


def test_error_variants() -> None:
    assert (
        usage_limit_from_error({"message": "x", "codexErrorInfo": "UsageLimitExceeded"}, now=T0) is not None
    )
    assert usage_limit_from_error({"message": "x", "codexErrorInfo": "contextWindowExceeded"}) is None
    assert usage_limit_from_error({"message": "x", "codexErrorInfo": {"httpConnectionFailed": {}}}) is None
    assert usage_limit_from_error({"message": "x"}) is None
    hit = usage_limit_from_error(
        {"message": "You've hit your usage limit. Try again later.", "codexErrorInfo": "usageLimitExceeded"}
    )
    assert hit is not None and hit.resets_at is None


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        # To the minute: the end of the minute named (a reset "at 9:45" may come at 9:45:59).
        ("Try again at 9:45 AM.", datetime(2025, 9, 20, 8, 46, tzinfo=UTC)),
        ("Try again at 9:30 AM.", datetime(2025, 9, 21, 8, 31, tzinfo=UTC)),  # earlier today: tomorrow
        ("… or try again at Sep 22nd, 2025 1:05 PM.", datetime(2025, 9, 22, 12, 6, tzinfo=UTC)),
        ("Try again at Sep 21st, 2025 12:00 AM.", datetime(2025, 9, 20, 23, 1, tzinfo=UTC)),
        ("Try again at Sep 22nd, 2025.", datetime(2025, 9, 21, 23, 0, tzinfo=UTC)),  # a day: its start
        ("Try again later.", None),
        ("no time here", None),
    ],
)
def test_parse_retry_time(message: str, expected: datetime | None) -> None:
    assert parse_retry_time(message, now=at(), tz=UTC_PLUS_1) == expected


def test_http_429_usage_limit_reached() -> None:
    body = {
        "error": {
            "type": "usage_limit_reached",
            "message": "limit",
            "plan_type": "plus",
            "resets_at": 1758364800,
        }
    }
    hit = usage_limit_from_http(429, body, {"X-Codex-Active-Limit": "codex_other"}, now=T0)
    assert hit == UsageLimitHit(
        limit_id="codex_other",
        resets_at=datetime.fromtimestamp(1758364800, UTC),
        message="limit",
        plan_type="plus",
        observed_at=T0,
    )
    older = usage_limit_from_http(
        429, b'{"error": {"type": "usage_limit_reached", "resets_in_seconds": 60}}', now=T0
    )
    assert older is not None and older.resets_at == at(1) and older.limit_id == "codex"
    assert usage_limit_from_http(500, body) is None
    assert usage_limit_from_http(429, '{"error": {"type": "rate_limit_exceeded"}}') is None
    assert usage_limit_from_http(429, "not json") is None
    assert usage_limit_from_http(429, {"error": "x"}) is None


async def test_report_error_feeds_only_usage_limits(autojump_clock: trio.testing.MockClock) -> None:
    gate, clock = make_gate()
    assert gate.report_error({"error": {"message": "boom", "codexErrorInfo": "internalServerError"}}) is None
    assert gate.check().open
    decision = gate.report_error(
        {
            "error": {
                "message": "You've hit your usage limit. Try again at 9:11 AM.",
                "codexErrorInfo": "usageLimitExceeded",
            }
        },
        tz=UTC,
    )
    assert decision is not None and not decision.open
    assert decision.resume_at == at(31)  # the end of 9:11
    await gate.wait_open()
    assert clock() == at(31)
