"""The rate-limit monitor survives updates it cannot use, and goes on closing the gate."""

from __future__ import annotations

import time
from types import SimpleNamespace
from typing import Any

import pytest

from orchestra.actors.ratelimit_monitor import RateLimitMonitor


def _update(used: float, window_mins: int = 300, resets_at: int | None = None) -> dict[str, Any]:
    reset = resets_at if resets_at is not None else int(time.time()) + 3600
    window = {"usedPercent": used, "windowDurationMins": window_mins, "resetsAt": reset}
    return {"rateLimits": {"limitId": "codex", "primary": window}}


@pytest.mark.parametrize(
    "odd",
    [_update(10, window_mins=10**13), _update(10, resets_at=10**15), {"rateLimits": {"primary": "x"}}],
    ids=["huge-window", "reset-past-year-9999", "wrong-shape"],
)
def test_an_odd_update_is_skipped_and_the_gate_still_closes(odd: dict[str, Any]) -> None:
    monitor = RateLimitMonitor(threshold_percent=95.0)
    runtime: Any = SimpleNamespace(pid=1)
    monitor.on_control(runtime, "account/rateLimits/updated", odd)  # must not raise
    monitor.on_control(runtime, "account/rateLimits/updated", _update(97))
    assert not monitor.check().open  # the next, good update still closes the gate
