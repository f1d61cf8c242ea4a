"""Snapshots from every source the runtime offers, and the book that merges them."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest

from orchestra._errors import OrchestraError
from orchestra.ratelimits import (
    Credits,
    RateLimitBook,
    RateLimitDataError,
    RateLimitSnapshot,
    RateLimitWindow,
    SnapshotKind,
    UsageSample,
    snapshot_from_notification,
    snapshot_from_rollout_entry,
    snapshots_from_read_result,
    snapshots_from_wham_usage,
    split_segments,
    starts_new_window,
)

from .conftest import DATA, at, transcript


def epoch(seconds: int) -> datetime:
    return datetime.fromtimestamp(seconds, UTC)


# -- constructors ---------------------------------------------------------------------------------


def test_read_result_from_a_real_chatgpt_session() -> None:
    results = [
        m["msg"]["result"]
        for m in transcript("appserver_ratelimits_chatgpt.jsonl")
        if "rateLimits" in (m["msg"].get("result") or {})
    ]
    assert len(results) == 2
    (snapshot,) = snapshots_from_read_result(results[0], observed_at=at(), source="rt-0")
    assert snapshot == RateLimitSnapshot(
        limit_id="codex",
        observed_at=at(),
        primary=RateLimitWindow(used_percent=42.0, window_minutes=300, resets_at=epoch(1795478769)),
        secondary=RateLimitWindow(used_percent=7.0, window_minutes=10080, resets_at=epoch(1795561569)),
        credits=Credits(has_credits=True, unlimited=False, balance="12.50"),
        plan_type="pro",
        kind=SnapshotKind.READ,
        source="rt-0",
    )


def test_read_result_without_the_by_id_map_uses_rate_limits() -> None:
    result = {
        "rateLimits": {
            "limitId": None,
            "primary": {"usedPercent": 5, "windowDurationMins": 300, "resetsAt": None},
        }
    }
    (snapshot,) = snapshots_from_read_result(result, observed_at=at())
    assert snapshot.limit_id == "codex"
    assert snapshot.primary == RateLimitWindow(5.0, 300, None)
    assert snapshot.secondary is None


def test_read_result_with_several_limit_ids() -> None:
    window = {"usedPercent": 1, "windowDurationMins": 60, "resetsAt": 1795478769}
    result = {
        "rateLimits": {"limitId": "codex", "primary": window},
        "rateLimitsByLimitId": {
            "codex": {"limitId": "codex", "primary": window},
            "codex_other": {"primary": window},
        },
    }
    snapshots = snapshots_from_read_result(result, observed_at=at())
    assert [s.limit_id for s in snapshots] == ["codex", "codex_other"]


def test_updated_notification_uses_emitted_at() -> None:
    msg = next(
        m["msg"]
        for m in transcript("appserver_ratelimits_chatgpt.jsonl")
        if m["msg"].get("method") == "account/rateLimits/updated"
    )
    snapshot = snapshot_from_notification(msg, source="rt-1")
    assert snapshot is not None
    assert snapshot.observed_at == datetime.fromtimestamp(1795475170.381, UTC)
    assert snapshot.kind is SnapshotKind.UPDATE
    assert snapshot.primary == RateLimitWindow(12.0, 300, epoch(1795478770))
    assert snapshot.secondary == RateLimitWindow(13.0, 10080, epoch(1795993570))
    assert snapshot.credits == Credits(True, False, "42.00")
    assert snapshot.plan_type is None
    assert snapshot.source == "rt-1"


def test_notification_of_another_method_is_none() -> None:
    assert snapshot_from_notification({"method": "turn/started", "params": {}}) is None


def test_notification_without_emitted_at_uses_received_at() -> None:
    msg = {"method": "account/rateLimits/updated", "params": {"rateLimits": {"primary": {"usedPercent": 3}}}}
    snapshot = snapshot_from_notification(msg, received_at=at(5))
    assert snapshot is not None and snapshot.observed_at == at(5)
    assert snapshot.primary == RateLimitWindow(3.0, None, None)


def test_rollout_token_count_entries() -> None:
    entries = [json.loads(line) for line in (DATA / "rollout_token_count.jsonl").read_text().splitlines()]
    snapshots = [snapshot_from_rollout_entry(entry, source="rollout") for entry in entries]
    assert all(s is not None for s in snapshots)
    first = snapshots[0]
    assert first is not None
    assert first.kind is SnapshotKind.ROLLOUT
    assert first.observed_at == datetime(2026, 11, 23, 23, 2, 37, 270000, tzinfo=UTC)
    assert first.primary == RateLimitWindow(11.5, 300, epoch(1795478557))
    assert first.secondary == RateLimitWindow(13.0, 10080, epoch(1795993357))
    assert first.credits == Credits(True, False, "42.00")
    assert [s.primary.used_percent for s in snapshots if s and s.primary] == [11.5, 13.0, 14.5, 100.0]


def test_rollout_entry_that_is_not_a_token_count() -> None:
    assert snapshot_from_rollout_entry({"type": "event_msg", "payload": {"type": "agent_message"}}) is None
    assert snapshot_from_rollout_entry({"payload": {"type": "token_count", "rate_limits": None}}) is None


def test_wham_usage_body_from_the_runtime_doc() -> None:
    body = {
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
    (snapshot,) = snapshots_from_wham_usage(body, observed_at=at())
    assert snapshot.kind is SnapshotKind.USAGE
    assert snapshot.primary == RateLimitWindow(42.0, 300, epoch(1795480000))
    assert snapshot.secondary == RateLimitWindow(7.0, 10080, epoch(1795560000))
    assert snapshot.plan_type == "pro"
    assert snapshot.credits == Credits(True, False, "12.50")
    assert snapshot.rate_limit_reached_type is None


def test_wham_usage_relative_reset_and_additional_limits() -> None:
    body = {
        "plan_type": "plus",
        "rate_limit": {
            "limit_reached": True,
            "primary_window": {
                "used_percent": 100,
                "limit_window_seconds": 18000,
                "reset_after_seconds": 600,
            },
            "secondary_window": None,
        },
        "additional_rate_limits": [
            {
                "limit_name": "Other model",
                "metered_feature": "codex_other",
                "rate_limit": {
                    "primary_window": {
                        "used_percent": 3,
                        "limit_window_seconds": 3600,
                        "reset_at": 1795480000,
                    }
                },
            }
        ],
    }
    main, other = snapshots_from_wham_usage(body, observed_at=at())
    assert main.primary == RateLimitWindow(100.0, 300, at(10))
    assert main.secondary is None
    assert main.rate_limit_reached_type == "rate_limit_reached"
    assert other.limit_id == "codex_other"
    assert other.limit_name == "Other model"
    assert other.primary == RateLimitWindow(3.0, 60, epoch(1795480000))


@pytest.mark.parametrize(
    "bad",
    [
        {"rateLimits": "nope"},
        {"rateLimits": {"primary": {"usedPercent": "12"}}},
        {"rateLimits": {"primary": {"usedPercent": True}}},
        {"rateLimits": {"credits": {"hasCredits": "yes", "unlimited": False}}},
        {"rateLimits": {"primary": {"usedPercent": float("nan")}}},
    ],
)
def test_malformed_payloads_raise_a_typed_error(bad: dict[str, object]) -> None:
    with pytest.raises(RateLimitDataError) as info:
        RateLimitSnapshot.from_updated_notification(bad, observed_at=at())
    assert isinstance(info.value, OrchestraError)


def test_naive_datetimes_are_refused() -> None:
    with pytest.raises(RateLimitDataError):
        RateLimitSnapshot(limit_id="codex", observed_at=datetime(2025, 1, 1))


def test_window_helpers() -> None:
    window = RateLimitWindow(used_percent=120.0, window_minutes=300, resets_at=at(300))
    assert window.clamped_percent == 100.0
    assert window.starts_at == at()
    assert RateLimitWindow(used_percent=-3.0).clamped_percent == 0.0
    assert RateLimitWindow(used_percent=3.0).starts_at is None


# -- resets ---------------------------------------------------------------------------------------


def sample(
    minute: float, used: float, reset_minute: float | None = 300, window: int | None = 300
) -> UsageSample:
    return UsageSample(
        at=at(minute),
        used_percent=used,
        window_minutes=window,
        resets_at=None if reset_minute is None else at(reset_minute),
    )


def test_resets_are_detected_by_drop_move_expiry_and_length() -> None:
    base = sample(0, 50)
    assert not starts_new_window(base, sample(1, 51))
    assert not starts_new_window(base, sample(1, 49))  # within the drop tolerance
    assert starts_new_window(base, sample(1, 10))  # used dropped
    assert starts_new_window(base, sample(1, 50, reset_minute=600))  # resets_at moved a whole window
    assert not starts_new_window(base, sample(1, 50, reset_minute=300.1))  # a few seconds of jitter
    assert starts_new_window(base, sample(300, 60, reset_minute=None))  # observed past the old reset
    assert starts_new_window(base, sample(1, 60, window=60))  # another window length


def test_split_segments() -> None:
    samples = [
        sample(0, 10),
        sample(10, 20),
        sample(20, 2, reset_minute=320),
        sample(30, 5, reset_minute=320),
    ]
    assert [len(segment) for segment in split_segments(samples)] == [2, 2]
    assert split_segments([]) == []


# -- the book -------------------------------------------------------------------------------------


def update(
    minute: float,
    *,
    primary: float | None = None,
    secondary: float | None = None,
    source: str = "rt-0",
    credits: Credits | None = None,
    kind: SnapshotKind = SnapshotKind.UPDATE,
    reached: str | None = None,
    plan: str | None = None,
) -> RateLimitSnapshot:
    return RateLimitSnapshot(
        limit_id="codex",
        observed_at=at(minute),
        primary=None if primary is None else RateLimitWindow(primary, 300, at(300)),
        secondary=None if secondary is None else RateLimitWindow(secondary, 10080, at(days=7)),
        credits=credits,
        kind=kind,
        source=source,
        rate_limit_reached_type=reached,
        plan_type=plan,
    )


def test_sparse_update_keeps_the_last_full_read() -> None:
    book = RateLimitBook()
    book.observe(
        update(
            0,
            primary=40,
            secondary=10,
            credits=Credits(True, False, "5.00"),
            kind=SnapshotKind.READ,
            plan="pro",
        )
    )
    book.observe(update(1, primary=45))
    merged = book.snapshot("codex")
    assert merged is not None
    assert merged.kind is SnapshotKind.MERGED
    assert merged.primary is not None and merged.primary.used_percent == 45
    assert merged.secondary is not None and merged.secondary.used_percent == 10
    assert merged.credits == Credits(True, False, "5.00")
    assert merged.plan_type == "pro"
    assert merged.observed_at == at(1)


def test_a_full_read_removes_what_it_does_not_report() -> None:
    book = RateLimitBook()
    book.observe(update(0, primary=40, secondary=10, credits=Credits(True, False, "5.00")))
    book.observe(update(1, primary=41, kind=SnapshotKind.READ))
    merged = book.snapshot()
    assert merged is not None
    assert merged.secondary is None
    assert merged.credits is None


def test_latest_observation_wins_across_runtimes() -> None:
    book = RateLimitBook()
    book.observe(update(5, primary=60, source="rt-1"))
    result = book.observe(update(4, primary=58, secondary=9, source="rt-2"))  # older, arrived late
    assert result.stale == ("primary",)
    assert result.updated == ("secondary",)
    state = book.window_state("codex", "primary")
    assert state is not None and state.source == "rt-1" and state.window.used_percent == 60
    assert book.statistics().stale_dropped == 1
    assert [s.used_percent for s in book.history("codex", "primary")] == [60]


def test_reached_type_follows_the_latest_snapshot() -> None:
    book = RateLimitBook()
    book.observe(update(0, primary=100, reached="rate_limit_reached"))
    snapshot = book.snapshot()
    assert snapshot is not None and snapshot.rate_limit_reached_type == "rate_limit_reached"
    book.observe(update(1, primary=3))
    snapshot = book.snapshot()
    assert snapshot is not None and snapshot.rate_limit_reached_type is None


def test_history_is_bounded_and_resets_start_new_segments() -> None:
    book = RateLimitBook(history_limit=5)
    for minute in range(8):
        book.observe(update(minute, primary=10 + minute))
    assert [s.used_percent for s in book.history("codex", "primary")] == [13, 14, 15, 16, 17]
    result = book.observe(update(10, primary=1))
    assert result.resets == ("primary",)
    assert [s.used_percent for s in book.current_segment("codex", "primary")] == [1]
    assert book.statistics().resets_seen == 1
    assert book.statistics().samples == 5 + 0  # primary only; bounded at 5


def test_identical_consecutive_samples_are_kept_once() -> None:
    book = RateLimitBook()
    book.observe(update(1, primary=10))
    book.observe(update(1, primary=10, source="rt-1"))
    assert len(book.history("codex", "primary")) == 1


def test_limit_ids_put_codex_first() -> None:
    book = RateLimitBook()
    for limit_id in ("zeta", "codex", "alpha"):
        book.observe(RateLimitSnapshot(limit_id=limit_id, observed_at=at(), primary=RateLimitWindow(1.0)))
    assert book.limit_ids == ["codex", "alpha", "zeta"]
    assert set(book.snapshots()) == {"codex", "alpha", "zeta"}
    assert book.snapshot("missing") is None


def test_book_replays_a_real_measure_session() -> None:
    book = RateLimitBook()
    for line in transcript("appserver_measure_ratelimits.jsonl"):
        snapshot = snapshot_from_notification(line["msg"])
        assert snapshot is not None
        book.observe(snapshot)
    history = book.current_segment("codex", "primary")
    assert [s.used_percent for s in history] == [76, 78, 79, 81, 82, 84, 85, 87, 88, 90]
    assert book.statistics().resets_seen == 0  # a second of resets_at jitter is not a reset
    assert book.history_limit == 2048
    with pytest.raises(ValueError):
        RateLimitBook(history_limit=1)
    assert timedelta(0) < history[-1].at - history[0].at < timedelta(seconds=2)
