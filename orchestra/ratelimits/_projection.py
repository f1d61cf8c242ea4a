r"""Burn rates, projected exhaustion, and a verdict per window, from the window's observed history.

The maths
=========

Input: the samples of one window, oldest first. Only the **current segment** counts: the samples
since the window's last reset (:func:`~orchestra.ratelimits.split_segments`; a reset is a drop in
used percent, ``resets_at`` moving forward, or an observation past the old reset time). So a burn
rate is never carried from one window period into the next.

Let the segment be :math:`(t_i, u_i)`, :math:`i = 1..n`, with :math:`u_i` the used percent clamped to
``[0, 100]``, and :math:`(t_n, u_n)` the latest observation.

**Burn rate** :math:`r` (percent per second), by the first method that applies:

1. *Regression*, when the segment spans at least ``min_span`` (default 5 minutes): the ordinary
   least-squares slope

   .. math:: b = \frac{\sum_i (t_i - \bar t)(u_i - \bar u)}{\sum_i (t_i - \bar t)^2}, \qquad r = \max(b, 0).

   Using every sample of the period, not the last two, smooths out the coarse (whole-percent)
   steps the server reports and the jitter between the runtimes of a pool. Samples closer together
   than ``min_span`` would extrapolate noise (two updates 30 ms apart, one percent apart, are not a
   burn rate of 120,000 %/h), so they do not qualify.
2. *Since window start*, when regression does not apply but the window's start
   :math:`s = \text{resets\_at} - \text{window}` is known and before :math:`t_n`: the average rate
   of the period so far, assuming it began at 0 %: :math:`r = u_n / (t_n - s)`.
3. Otherwise the rate is unknown (``None``) and nothing is projected.

A negative slope (usage is not growing) is a rate of 0: it never projects an exhaustion.

**Projected time of 100 %**, anchored at the latest observation (not at the fitted line, so that more
usage can never move it later):

.. math:: T_{100} = \max\Big(\text{now},\; t_n + \frac{100 - u_n}{r}\Big) \quad (r > 0),

:math:`T_{100} = \text{now}` when :math:`u_n = 100`, and none when :math:`r = 0` or unknown (or
more than a century away). It is never before ``now``.

**Projected use at reset**: :math:`\min(100, u_n + r \cdot (\text{resets\_at} - t_n))`.

**Verdict**, the first that holds:

- *critical*: :math:`u_n \ge` ``critical_percent`` (default 90), or :math:`T_{100}` is within
  ``critical_within`` (default one hour) of now and before the reset (or the reset is unknown);
- *warning*: :math:`T_{100}` exists and is before the reset (or the reset is unknown);
- *safe*: otherwise: it won't hit 100 % before the reset at the current rate.

If ``now`` is past the last known ``resets_at``, the window has reset since it was last observed: the
projection is marked ``expired`` and *safe*, with no rate.

Properties (tested with hypothesis): more usage, all else equal (the whole segment shifted up, or
the latest observation raised), never gives a later :math:`T_{100}` nor a safer verdict; every
percent is within 0..100; no zero or negative rate projects an exhaustion; :math:`T_{100} \ge`
now.
"""

from __future__ import annotations

import enum
import math
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Final, Literal

import attrs

from ._model import UsageSample, split_segments

__all__ = ["Projection", "ProjectionMethod", "Verdict", "project"]

ProjectionMethod = Literal["regression", "since_window_start", "none"]

_MAX_HORIZON: Final = timedelta(days=36500)


class Verdict(enum.StrEnum):
    """How worried to be about a window, in increasing order of worry."""

    SAFE = "safe"
    WARNING = "warning"
    CRITICAL = "critical"

    @property
    def severity(self) -> int:
        return _SEVERITY[self]


_SEVERITY: Final = {Verdict.SAFE: 0, Verdict.WARNING: 1, Verdict.CRITICAL: 2}


@attrs.frozen(kw_only=True)
class Projection:
    """The projection of one window at ``now``. Percents are clamped to 0..100."""

    now: datetime
    used_percent: float
    """The latest observed use, clamped."""
    observed_at: datetime
    resets_at: datetime | None
    window_minutes: int | None
    rate_per_hour: float | None
    """Burn rate in percent per hour (never negative), or ``None`` when there is too little history."""
    method: ProjectionMethod
    samples: int
    """How many samples of the current segment the projection used."""
    projected_full_at: datetime | None
    """When 100 % is projected at the current rate (never before ``now``), or ``None``: not at all."""
    projected_at_reset: float | None
    """The percent projected at ``resets_at`` (capped at 100), or ``None`` when unknown."""
    verdict: Verdict
    reason: str
    expired: bool = False
    """``now`` is past ``resets_at``: the window has reset since it was last observed."""

    @property
    def rate_per_day(self) -> float | None:
        return None if self.rate_per_hour is None else self.rate_per_hour * 24

    @property
    def starts_at(self) -> datetime | None:
        if self.resets_at is None or self.window_minutes is None:
            return None
        return self.resets_at - timedelta(minutes=self.window_minutes)

    @property
    def hits_before_reset(self) -> bool:
        return self.projected_full_at is not None and (
            self.resets_at is None or self.projected_full_at < self.resets_at
        )


def _clamp(percent: float) -> float:
    return min(100.0, max(0.0, percent))


def _slope(samples: Sequence[UsageSample]) -> float:
    """Least-squares slope in percent per second; times are taken relative to the last sample."""
    origin = samples[-1].at
    xs = [(s.at - origin).total_seconds() for s in samples]
    ys = [_clamp(s.used_percent) for s in samples]
    mean_x = math.fsum(xs) / len(xs)
    mean_y = math.fsum(ys) / len(ys)
    sxx = math.fsum((x - mean_x) ** 2 for x in xs)
    sxy = math.fsum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True))
    return sxy / sxx


def project(
    samples: Sequence[UsageSample],
    *,
    now: datetime,
    critical_percent: float = 90.0,
    critical_within: timedelta = timedelta(hours=1),
    min_span: timedelta = timedelta(minutes=5),
) -> Projection | None:
    """Project one window from its samples (oldest first); ``None`` if there are none.

    Pure and deterministic: the same samples and ``now`` give the same projection. See the module
    docstring for the formulas.
    """
    segments = split_segments(samples)
    if not segments:
        return None
    segment = segments[-1]
    last = segment[-1]
    used = _clamp(last.used_percent)
    resets_at = last.resets_at

    def build(
        *,
        rate: float | None,
        method: ProjectionMethod,
        full_at: datetime | None,
        at_reset: float | None,
        verdict: Verdict,
        reason: str,
        expired: bool = False,
    ) -> Projection:
        return Projection(
            now=now,
            used_percent=used,
            observed_at=last.at,
            resets_at=resets_at,
            window_minutes=last.window_minutes,
            rate_per_hour=None if rate is None else rate * 3600,
            method=method,
            samples=len(segment) if method == "regression" else 1,
            projected_full_at=full_at,
            projected_at_reset=at_reset,
            verdict=verdict,
            reason=reason,
            expired=expired,
        )

    if resets_at is not None and now >= resets_at:
        return build(
            rate=None,
            method="none",
            full_at=None,
            at_reset=None,
            verdict=Verdict.SAFE,
            reason="the window has reset since it was last observed",
            expired=True,
        )

    rate: float | None = None
    method: ProjectionMethod = "none"
    span = last.at - segment[0].at
    start = None
    if resets_at is not None and last.window_minutes is not None:
        start = resets_at - timedelta(minutes=last.window_minutes)
    if len(segment) >= 2 and span >= min_span and span > timedelta(0):
        rate, method = max(0.0, _slope(segment)), "regression"
    elif start is not None and start < last.at:
        rate, method = used / (last.at - start).total_seconds(), "since_window_start"

    full_at: datetime | None = None
    if used >= 100.0:
        full_at = max(now, last.at)
    elif rate is not None and rate > 0:
        seconds = (100.0 - used) / rate
        if seconds < _MAX_HORIZON.total_seconds():
            full_at = max(now, last.at + timedelta(seconds=seconds))

    at_reset: float | None = None
    if rate is not None and resets_at is not None:
        at_reset = _clamp(used + rate * max(0.0, (resets_at - last.at).total_seconds()))

    before_reset = full_at is not None and (resets_at is None or full_at < resets_at)
    if used >= critical_percent:
        verdict, reason = Verdict.CRITICAL, f"{used:.0f}% used, at or above {critical_percent:g}%"
    elif before_reset and full_at is not None and full_at - now <= critical_within:
        verdict, reason = Verdict.CRITICAL, "projected to hit 100% within " + _span_text(critical_within)
    elif before_reset:
        verdict, reason = Verdict.WARNING, "projected to hit 100% before the reset"
    elif rate is None:
        verdict, reason = Verdict.SAFE, "not enough history to project"
    else:
        verdict, reason = Verdict.SAFE, "won't hit 100% before the reset"
    return build(rate=rate, method=method, full_at=full_at, at_reset=at_reset, verdict=verdict, reason=reason)


def _span_text(span: timedelta) -> str:
    minutes = int(span.total_seconds() // 60)
    if minutes % 60 == 0:
        hours = minutes // 60
        return "the hour" if hours == 1 else f"{hours} hours"
    return f"{minutes} minutes"
