"""The ASCII bars, compared with golden strings: same history and same ``now``, same text."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta, timezone

import pytest

from orchestra.ratelimits import (
    Credits,
    RateLimitBook,
    RateLimitSnapshot,
    RateLimitWindow,
    UsageSample,
    format_duration,
    project,
    render_bar,
    render_book,
    render_window,
    window_label,
)

from .conftest import T0, at

NOW = at(days=4, hours=9)


def example_book() -> RateLimitBook:
    """The issue's example: a weekly primary burning ~8.4 %/day, a daily secondary heading for 100 %."""
    book = RateLimitBook()
    weekly_reset = at(days=7)
    for i in range(12):  # every 5 hours from day 2: 38.0 % rising 8.4 %/day (0.35 %/h)
        moment = at(days=2, hours=5 * i)
        if moment <= NOW:
            book.observe(
                RateLimitSnapshot(
                    limit_id="codex",
                    observed_at=moment,
                    primary=RateLimitWindow(38.0 + 0.35 * 5 * i, 10080, weekly_reset),
                    credits=Credits(True, False, "12.50"),
                    plan_type="pro",
                    source="rt-0",
                )
            )
    day_start = NOW - timedelta(hours=10)
    for hour in range(11):  # 8.3 %/h since the daily window started
        book.observe(
            RateLimitSnapshot(
                limit_id="codex",
                observed_at=day_start + timedelta(hours=hour),
                secondary=RateLimitWindow(8.3 * hour, 1440, day_start + timedelta(days=1)),
                source="rt-1",
            )
        )
    return book


EXAMPLE = """\
Primary (per-week):
  [█████████████████████████████████████--------------·············] 57.2% (~8.4%/day)
  Window: 2025-09-20 08:41 → 2025-09-27 08:41
  Safe - won't hit 100% before reset

Secondary (per-day):
  [█████████████████████████████████████████████████████----!------] 83% (~8.3%/hour)
  Window: 2025-09-24 07:41 → 2025-09-25 07:41
  Warning - projected 100%: 2025-09-24 19:43, before the reset

Plan: pro · Credits: 12.50
"""


def test_the_example_from_the_issue() -> None:
    assert render_book(example_book(), now=NOW) == EXAMPLE


NARROW = """\
Primary (per-week):
  [███████████-----····] 57.2% (~8.4%/day)
  Window: 2025-09-20 08:41 → 2025-09-27 08:41
  Safe - won't hit 100% before reset

Secondary (per-day):
  [█████████████████-!-] 83% (~8.3%/hour)
  Window: 2025-09-24 07:41 → 2025-09-25 07:41
  Warning - projected 100%: 2025-09-24 19:43, before the reset

Plan: pro · Credits: 12.50
"""


def test_fixed_width_and_time_zone() -> None:
    book = example_book()
    assert render_book(book, now=NOW, width=20) == NARROW
    plus_two = render_book(book, now=NOW, width=20, tz=timezone(timedelta(hours=2)))
    assert "Window: 2025-09-20 10:41 → 2025-09-27 10:41" in plus_two


def test_rendering_is_deterministic() -> None:
    assert render_book(example_book(), now=NOW) == render_book(example_book(), now=NOW)


def samples(
    points: Sequence[tuple[float, float]], *, window: int = 300, reset: datetime | None = None
) -> list[UsageSample]:
    resets_at = reset or at(window)
    return [
        UsageSample(at=at(m), used_percent=u, window_minutes=window, resets_at=resets_at) for m, u in points
    ]


def window_text(points: Sequence[tuple[float, float]], now: datetime, **kwargs: object) -> str:
    projection = project(samples(points), now=now)
    assert projection is not None
    return "\n".join(render_window("primary", projection, width=40, **kwargs))  # type: ignore[arg-type]


def test_critical_by_usage() -> None:
    assert window_text([(0, 50), (60, 93)], at(60)) == (
        "Primary (per-5h):\n"
        "  [████████████████████████████████████!---] 93% (~43%/hour)\n"
        "  Window: 2025-09-20 08:41 → 2025-09-20 13:41\n"
        "  Critical - 93% used (critical at 90%), projected 100%: 2025-09-20 09:50"
    )


def test_critical_within_the_hour() -> None:
    assert window_text([(0, 40), (60, 70)], at(60)) == (
        "Primary (per-5h):\n"
        "  [████████████████████████████--------!---] 70% (~30%/hour)\n"
        "  Window: 2025-09-20 08:41 → 2025-09-20 13:41\n"
        "  Critical - projected 100%: 2025-09-20 10:41 (in 1h 00m)"
    )
    text = window_text([(0, 40), (60, 75)], at(60))
    assert text.splitlines()[-1] == "  Critical - projected 100%: 2025-09-20 10:23 (in 42m)"


def test_no_history_yet_and_a_gate_threshold_marker() -> None:
    text = window_text([(0, 5)], at(0), threshold_percent=50.0)
    assert text == (
        "Primary (per-5h):\n"
        "  [██······································] 5%\n"
        "  Window: 2025-09-20 08:41 → 2025-09-20 13:41\n"
        "  No projection yet - not enough history"
    )


def test_expired_window() -> None:
    assert window_text([(0, 50), (60, 96)], at(301)) == (
        "Primary (per-5h):\n"
        "  [██████████████████████████████████████··] 96%\n"
        "  Window: 2025-09-20 08:41 → 2025-09-20 13:41\n"
        "  Reset at 2025-09-20 13:41 - not observed since"
    )


def test_several_limits_get_headings_and_unknown_windows_render() -> None:
    book = RateLimitBook()
    book.observe(
        RateLimitSnapshot(limit_id="codex", observed_at=T0, primary=RateLimitWindow(10.0, 300, at(300)))
    )
    book.observe(
        RateLimitSnapshot(
            limit_id="codex_other",
            limit_name="Other model",
            observed_at=T0,
            primary=RateLimitWindow(30.0, None, at(90)),
            rate_limit_reached_type="rate_limit_reached",
            credits=Credits(False, True, None),
        )
    )
    assert render_book(book, now=at(30), width=10) == (
        "Limit codex\n"
        "===========\n"
        "Primary (per-5h):\n"
        "  [█·········] 10%\n"
        "  Window: 2025-09-20 08:41 → 2025-09-20 13:41\n"
        "  No projection yet - not enough history\n"
        "\n"
        "Limit codex_other (Other model)\n"
        "===============================\n"
        "Primary (window):\n"
        "  [███·······] 30%\n"
        "  Resets: 2025-09-20 10:11\n"
        "  No projection yet - not enough history\n"
        "\n"
        "Credits: unlimited · Limit reached: rate_limit_reached\n"
    )


def test_empty_book() -> None:
    assert render_book(RateLimitBook(), now=T0) == "No rate-limit observations yet"
    book = RateLimitBook()
    book.observe(RateLimitSnapshot(limit_id="codex", observed_at=T0, credits=Credits(True, False, "1.00")))
    assert render_book(book, now=T0) == "No windows reported\n\nCredits: 1.00\n"


@pytest.mark.parametrize(
    ("minutes", "label"),
    [
        (None, "window"),
        (0, "window"),
        (60, "per-hour"),
        (300, "per-5h"),
        (1440, "per-day"),
        (10080, "per-week"),
        (43200, "per-30d"),
        (90, "per-90min"),
    ],
)
def test_window_labels(minutes: int | None, label: str) -> None:
    assert window_label(minutes) == label


def test_bar_edges() -> None:
    def bar(used: float, at_reset: float | None, width: int = 10) -> str:
        points = [(0, used)] if at_reset is None else [(0, max(0.0, used - 1)), (60, used)]
        projection = project(samples(points, window=100000, reset=at(100000)), now=at(60))
        assert projection is not None
        return render_bar(projection, width=width)

    assert bar(0, None) == "[··········]"
    assert bar(0.4, None) == "[█·········]"  # any use shows
    assert bar(99.6, None) == "[█████████!]"  # not full until it is full; threshold crossed
    assert bar(100, None) == "[█████████!]"
    with pytest.raises(ValueError):
        bar(1, None, width=3)


def test_format_duration() -> None:
    assert format_duration(timedelta(minutes=42)) == "42m"
    assert format_duration(timedelta(hours=3, minutes=5)) == "3h 05m"
    assert format_duration(timedelta(days=2, hours=4, minutes=1)) == "2d 4h"
    assert format_duration(timedelta(seconds=-5)) == "0m"
