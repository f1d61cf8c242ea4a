"""Burn rates, projected exhaustion and verdicts: worked examples, then properties (hypothesis)."""

from __future__ import annotations

from datetime import datetime, timedelta

import attrs
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from orchestra.ratelimits import Projection, UsageSample, Verdict, project

from .conftest import T0, at

WEEK = 10080


def window_samples(
    points: list[tuple[float, float]], *, window: int | None = WEEK, reset: datetime | None = None
) -> list[UsageSample]:
    """Samples at (minutes after T0, used percent) in one window that resets at ``reset``."""
    resets_at = reset if reset is not None else (None if window is None else T0 + timedelta(minutes=window))
    return [
        UsageSample(at=at(m), used_percent=u, window_minutes=window, resets_at=resets_at) for m, u in points
    ]


def test_no_samples_no_projection() -> None:
    assert project([], now=T0) is None


def test_regression_on_a_steady_burn() -> None:
    # 1 % per hour, sampled every 10 minutes for 5 hours: 10 % → 15 %.
    samples = window_samples([(10 * i, 10 + i / 6) for i in range(31)])
    now = at(hours=5)
    projection = project(samples, now=now)
    assert projection is not None
    assert projection.method == "regression"
    assert projection.samples == 31
    assert projection.rate_per_hour == pytest.approx(1.0)
    assert projection.rate_per_day == pytest.approx(24.0)
    assert projection.projected_full_at is not None
    assert abs(projection.projected_full_at - (now + timedelta(hours=85))) < timedelta(seconds=1)
    assert projection.verdict is Verdict.WARNING  # 85 h < the 163 h left in the week
    assert projection.projected_at_reset == 100.0


def test_regression_smooths_whole_percent_steps() -> None:
    # The server reports whole percents: 10,10,11,11,12,12 every 30 min is ~1 %/h, not 0 or 2.
    samples = window_samples([(30 * i, 10 + i // 2) for i in range(6)])
    projection = project(samples, now=at(150))
    assert projection is not None
    assert 0.8 < (projection.rate_per_hour or 0) < 1.2


def test_safe_when_the_reset_comes_first() -> None:
    samples = window_samples([(0, 10), (60 * 24, 20)])  # 10 %/day, 6 days left, 80 % left
    projection = project(samples, now=at(days=1))
    assert projection is not None
    assert projection.verdict is Verdict.SAFE
    assert projection.reason == "won't hit 100% before the reset"
    assert projection.projected_at_reset == pytest.approx(80.0)


def test_falling_usage_is_a_zero_rate_and_projects_nothing() -> None:
    samples = window_samples([(0, 30), (30, 29.5), (60, 29)])
    projection = project(samples, now=at(60))
    assert projection is not None
    assert projection.rate_per_hour == 0
    assert projection.projected_full_at is None
    assert projection.verdict is Verdict.SAFE


def test_one_sample_uses_the_average_since_the_window_start() -> None:
    samples = window_samples([(60 * 24, 24)])  # a day into the week, 24 % used
    projection = project(samples, now=at(days=1))
    assert projection is not None
    assert projection.method == "since_window_start"
    assert projection.rate_per_hour == pytest.approx(1.0)


def test_samples_too_close_together_are_not_a_burn_rate() -> None:
    # Two updates 30 ms apart, one percent apart: no 120,000 %/h.
    samples = [
        UsageSample(at=at(60), used_percent=12, window_minutes=300, resets_at=at(300)),
        UsageSample(
            at=at(60) + timedelta(milliseconds=30), used_percent=13, window_minutes=300, resets_at=at(300)
        ),
    ]
    projection = project(samples, now=at(61))
    assert projection is not None
    assert projection.method == "since_window_start"
    assert projection.rate_per_hour == pytest.approx(13.0, rel=1e-3)


def test_no_window_information_means_no_projection() -> None:
    samples = window_samples([(0, 40)], window=None)
    projection = project(samples, now=at(1))
    assert projection is not None
    assert projection.method == "none"
    assert projection.rate_per_hour is None
    assert projection.verdict is Verdict.SAFE
    assert projection.reason == "not enough history to project"


def test_critical_by_percent() -> None:
    projection = project(window_samples([(0, 91)]), now=at(1))
    assert projection is not None and projection.verdict is Verdict.CRITICAL
    projection = project(window_samples([(0, 91)]), now=at(1), critical_percent=95)
    assert projection is not None and projection.verdict is not Verdict.CRITICAL


def test_critical_when_projected_within_the_hour() -> None:
    samples = window_samples([(0, 50), (30, 70)], window=300)  # 40 %/h: 100 % in 45 minutes
    projection = project(samples, now=at(30))
    assert projection is not None
    assert projection.verdict is Verdict.CRITICAL
    assert projection.projected_full_at == at(75)


def test_full_window_is_exhausted_now() -> None:
    projection = project(window_samples([(0, 50), (60, 100)], window=300), now=at(90))
    assert projection is not None
    assert projection.projected_full_at == at(90)
    assert projection.verdict is Verdict.CRITICAL


def test_expired_window() -> None:
    projection = project(window_samples([(0, 80), (60, 95)], window=300), now=at(300))
    assert projection is not None
    assert projection.expired
    assert projection.verdict is Verdict.SAFE
    assert projection.rate_per_hour is None


def test_a_reset_starts_from_scratch() -> None:
    before = window_samples([(0, 10), (60, 90)], window=300)  # 80 %/h before the reset
    after = [
        UsageSample(at=at(300 + 10 * i), used_percent=1, window_minutes=300, resets_at=at(600))
        for i in range(4)
    ]
    projection = project(before + after, now=at(330))
    assert projection is not None
    assert projection.rate_per_hour == 0
    assert projection.samples == 4


def test_unknown_reset_with_growth_is_a_warning() -> None:
    samples = [UsageSample(at=at(10 * i), used_percent=10 + i) for i in range(4)]
    projection = project(samples, now=at(30))
    assert projection is not None
    assert projection.resets_at is None
    assert projection.verdict is Verdict.WARNING


# -- properties -----------------------------------------------------------------------------------

WINDOWS = st.sampled_from([300, 1440, WEEK])


@st.composite
def one_window(draw: st.DrawFn, *, headroom: float = 0.0) -> tuple[list[UsageSample], datetime]:
    """Samples of one window period, usage never falling, all at most ``100 - headroom``; and a now."""
    window = draw(WINDOWS)
    start = T0
    reset = start + timedelta(minutes=window)
    offsets = sorted(draw(st.lists(st.floats(0, window - 1), min_size=1, max_size=12, unique=True)))
    used = draw(st.floats(0, 100 - headroom))
    values: list[float] = []
    for _ in offsets:
        values.append(used)
        used = min(100 - headroom, used + draw(st.floats(0, 20)))
    samples = [
        UsageSample(at=start + timedelta(minutes=m), used_percent=u, window_minutes=window, resets_at=reset)
        for m, u in zip(offsets, values, strict=True)
    ]
    now = samples[-1].at + timedelta(minutes=draw(st.floats(0, window)))
    return samples, now


def later_or_equal(a: datetime | None, b: datetime | None) -> bool:
    """``a >= b`` with ``None`` meaning never (infinitely late)."""
    if a is None:
        return True
    if b is None:
        return False
    return a >= b - timedelta(microseconds=1)


def check_bounds(projection: Projection) -> None:
    assert 0.0 <= projection.used_percent <= 100.0
    if projection.rate_per_hour is not None:
        assert projection.rate_per_hour >= 0.0
    if projection.projected_at_reset is not None:
        assert projection.used_percent - 1e-9 <= projection.projected_at_reset <= 100.0
    if projection.projected_full_at is not None:
        assert projection.projected_full_at >= projection.now
        if projection.used_percent < 100:
            assert projection.rate_per_hour is not None and projection.rate_per_hour > 0
    elif projection.used_percent >= 100 and not projection.expired:
        pytest.fail("a full window must project 100 % now")
    if projection.rate_per_hour == 0 or projection.rate_per_hour is None:
        assert projection.projected_full_at is None or projection.used_percent >= 100
    if projection.verdict is Verdict.WARNING:
        assert projection.hits_before_reset


@given(one_window(), st.floats(0.01, 50))
def test_more_usage_never_projects_later_nor_safer(
    history: tuple[list[UsageSample], datetime], delta: float
) -> None:
    samples, now = history
    assume(max(s.used_percent for s in samples) + delta <= 100)
    base = project(samples, now=now)
    shifted = project([attrs.evolve(s, used_percent=s.used_percent + delta) for s in samples], now=now)
    raised = project(
        [*samples[:-1], attrs.evolve(samples[-1], used_percent=samples[-1].used_percent + delta)], now=now
    )
    assert base is not None and shifted is not None and raised is not None
    for more in (shifted, raised):
        assert later_or_equal(base.projected_full_at, more.projected_full_at)
        assert more.verdict.severity >= base.verdict.severity
        assert more.used_percent >= base.used_percent


@given(
    st.lists(
        st.tuples(st.floats(0, 20000), st.floats(-50, 250), st.sampled_from([None, 60, 300, WEEK])),
        min_size=1,
        max_size=15,
    ),
    st.floats(0, 30000),
    st.sampled_from([None, 0.0, 300.0, 20000.0]),
)
def test_never_projects_impossible_values(
    raw: list[tuple[float, float, int | None]], now_minutes: float, reset_minutes: float | None
) -> None:
    raw.sort(key=lambda item: item[0])
    samples = [
        UsageSample(
            at=at(m),
            used_percent=u,
            window_minutes=w,
            resets_at=None if reset_minutes is None else at(reset_minutes),
        )
        for m, u, w in raw
    ]
    projection = project(samples, now=at(now_minutes))
    assert projection is not None
    check_bounds(projection)


@given(one_window(), one_window())
def test_a_reset_never_carries_burn_rate_across_windows(
    first: tuple[list[UsageSample], datetime], second: tuple[list[UsageSample], datetime]
) -> None:
    old, _ = first
    new, now = second
    # Move the second period to right after the first one's reset.
    period = timedelta(minutes=new[0].window_minutes or 0)
    shift = (old[-1].resets_at or T0) - T0
    new = [attrs.evolve(s, at=s.at + shift, resets_at=(s.resets_at or T0) + shift) for s in new]
    now += shift
    assume(new[0].at >= (old[-1].resets_at or T0))
    assert period > timedelta(0)
    assert project(old + new, now=now) == project(new, now=now)


@given(one_window())
def test_projection_is_deterministic_and_within_bounds(history: tuple[list[UsageSample], datetime]) -> None:
    samples, now = history
    projection = project(samples, now=now)
    assert projection == project(list(samples), now=now)
    assert projection is not None
    check_bounds(projection)
