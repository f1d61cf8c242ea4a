"""Draw rate-limit usage over time, with the projection, as a PNG (needs the ``plot`` extra).

matplotlib is imported lazily, on the first call, and only its object-oriented API is used (no
``pyplot`` global state, no GUI backend): :func:`plot_book` is safe to call from a server or a test.
"""

from __future__ import annotations

import importlib
from datetime import datetime, timedelta, tzinfo
from pathlib import Path
from typing import Any

from .._errors import OrchestraError
from ._model import WINDOW_NAMES, RateLimitBook, split_segments
from ._projection import project
from ._render import window_label

__all__ = ["PlotUnavailableError", "plot_book"]

_INSTALL_HINT = "pip install 'codex-orchestra[plot]'"


class PlotUnavailableError(OrchestraError):
    """matplotlib is not installed; install the ``plot`` extra."""


def _figure_class() -> Any:
    try:
        return importlib.import_module("matplotlib.figure").Figure
    except ImportError as exc:
        raise PlotUnavailableError(f"plotting needs matplotlib: {_INSTALL_HINT}") from exc


def _naive(moment: datetime, tz: tzinfo | None) -> datetime:
    """Naive local time in ``tz`` (system local when ``None``): matplotlib then labels it as is."""
    return moment.astimezone(tz).replace(tzinfo=None)


def plot_book(
    book: RateLimitBook,
    out: Path,
    *,
    now: datetime,
    tz: tzinfo | None = None,
    critical_percent: float = 90.0,
    threshold_percent: float | None = None,
) -> Path:
    """Write ``out`` (format from its suffix, e.g. ``.png``): one panel per window with history.

    Each panel shows the observed usage (one line per window period, so resets show as breaks),
    the projection of the current period from its latest observation to 100 % or the reset
    (dashed), the reset time (dotted vertical line), and the critical (and gate) thresholds.
    Raises :class:`PlotUnavailableError` without matplotlib.
    """
    figure_class = _figure_class()
    panels = [
        (limit_id, name)
        for limit_id in book.limit_ids
        for name in WINDOW_NAMES
        if book.history(limit_id, name)
    ]
    height = max(1, len(panels))
    figure = figure_class(figsize=(10, 3.2 * height), layout="constrained")
    if not panels:
        axes = figure.add_subplot(1, 1, 1)
        axes.text(0.5, 0.5, "no rate-limit observations", ha="center", va="center")
        axes.set_axis_off()
    for index, (limit_id, name) in enumerate(panels, start=1):
        axes = figure.add_subplot(height, 1, index)
        history = book.history(limit_id, name)
        for number, segment in enumerate(split_segments(history)):
            axes.plot(
                [_naive(s.at, tz) for s in segment],
                [min(100.0, max(0.0, s.used_percent)) for s in segment],
                marker="o",
                markersize=2.5,
                color="tab:blue",
                label="observed" if number == 0 else None,
            )
        projection = project(book.current_segment(limit_id, name), now=now, critical_percent=critical_percent)
        if projection is not None and projection.rate_per_hour and not projection.expired:
            end = projection.projected_full_at or projection.resets_at
            if projection.resets_at is not None and (end is None or projection.resets_at < end):
                end = projection.resets_at
            if end is None:
                end = projection.observed_at + timedelta(hours=max(1.0, 10 / projection.rate_per_hour))
            hours = (end - projection.observed_at).total_seconds() / 3600
            end_percent = min(100.0, projection.used_percent + projection.rate_per_hour * hours)
            axes.plot(
                [_naive(projection.observed_at, tz), _naive(end, tz)],
                [projection.used_percent, end_percent],
                linestyle="--",
                color="tab:orange",
                label=f"projection ({projection.rate_per_hour:.2g}%/h, {projection.verdict.value})",
            )
        last = history[-1]
        if last.resets_at is not None:
            axes.axvline(_naive(last.resets_at, tz), linestyle=":", color="tab:green", label="reset")
        axes.axhline(100, color="tab:red", linewidth=1)
        axes.axhline(critical_percent, color="tab:red", linewidth=0.8, linestyle="--", label="critical")
        if threshold_percent is not None:
            axes.axhline(threshold_percent, color="tab:purple", linewidth=0.8, linestyle="-.", label="gate")
        axes.axvline(_naive(now, tz), color="grey", linewidth=0.8, label="now")
        axes.set_ylim(0, 105)
        axes.set_ylabel("used %")
        axes.set_title(f"{limit_id} {name} ({window_label(last.window_minutes)})")
        axes.legend(loc="best", fontsize="small")
        axes.grid(True, alpha=0.3)
    out.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(out)
    return out
