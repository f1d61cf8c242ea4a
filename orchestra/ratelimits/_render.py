"""ASCII bars for rate-limit windows, as ``orchestra limits`` prints them.

One window renders as::

    Primary (per-week):
      [█████████████████████████████████████------------···········] 58% (~8.4%/day)
      Window: 2025-09-20 08:41 → 2025-09-27 08:41
      Safe - won't hit 100% before reset

The bar is a percent axis, 0 % at the left, 100 % at the right, ``width`` cells wide:

- ``█`` used so far;
- ``-`` the further use projected until the reset at the current burn rate (up to 100 %);
- ``!`` the threshold cell (by default the critical percent, 90 %), shown when the used or projected
  use reaches it before the reset: the point where the limit is about to bite;
- ``·`` the rest.

Everything is a pure function of its inputs, ``now`` included, so output is deterministic and can
be compared with golden strings.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta, tzinfo
from typing import Final

from ._model import DEFAULT_LIMIT_ID, WINDOW_NAMES, RateLimitBook, RateLimitSnapshot, WindowName
from ._projection import Projection, Verdict, project

__all__ = [
    "DEFAULT_BAR_WIDTH",
    "format_duration",
    "render_bar",
    "render_book",
    "render_window",
    "window_label",
]

DEFAULT_BAR_WIDTH: Final = 64
USED: Final = "█"
PROJECTED: Final = "-"
MARKER: Final = "!"
REST: Final = "·"
_TIME_FORMAT: Final = "%Y-%m-%d %H:%M"


def window_label(minutes: int | None) -> str:
    """Name a window by its length: ``per-5h``, ``per-day``, ``per-week``, ``per-30d``, …"""
    if minutes is None or minutes <= 0:
        return "window"
    if minutes == 10080:
        return "per-week"
    if minutes == 1440:
        return "per-day"
    if minutes == 60:
        return "per-hour"
    if minutes % 1440 == 0:
        return f"per-{minutes // 1440}d"
    if minutes % 60 == 0:
        return f"per-{minutes // 60}h"
    return f"per-{minutes}min"


def format_duration(span: timedelta) -> str:
    """A short human duration: ``42m``, ``3h 05m``, ``2d 4h``."""
    minutes = max(0, int(span.total_seconds() // 60))
    days, rest = divmod(minutes, 1440)
    hours, mins = divmod(rest, 60)
    if days:
        return f"{days}d {hours}h"
    if hours:
        return f"{hours}h {mins:02d}m"
    return f"{mins}m"


def _percent(value: float) -> str:
    return f"{value:.0f}%" if float(value).is_integer() else f"{value:.1f}%"


def _number(value: float) -> str:
    if value == 0:
        return "0"
    if value >= 10:
        return f"{value:.0f}"
    if value >= 0.1:
        return f"{value:.1f}"
    return f"{value:.2g}"


def _rate(projection: Projection) -> str | None:
    if projection.rate_per_hour is None or projection.expired:
        return None
    if projection.window_minutes is not None and projection.window_minutes <= 1440:
        return f"~{_number(projection.rate_per_hour)}%/hour"
    return f"~{_number(projection.rate_per_hour * 24)}%/day"


def _time(moment: datetime, tz: tzinfo) -> str:
    return moment.astimezone(tz).strftime(_TIME_FORMAT)


def _cells(percent: float, width: int) -> int:
    return math.floor(percent / 100 * width + 0.5)


def render_bar(
    projection: Projection, *, width: int = DEFAULT_BAR_WIDTH, threshold_percent: float = 90.0
) -> str:
    """The bracketed bar alone, ``width`` cells between the brackets."""
    if width < 4:
        raise ValueError("width must be at least 4")
    used = projection.used_percent
    used_cells = _cells(used, width)
    if used > 0 and used_cells == 0:
        used_cells = 1  # any use shows
    if used < 100 and used_cells >= width:
        used_cells = width - 1  # not full until it is full
    reach = used
    if not projection.expired and projection.projected_at_reset is not None:
        reach = max(used, projection.projected_at_reset)
    reach_cells = max(used_cells, _cells(reach, width))
    if reach < 100 and reach_cells >= width:
        reach_cells = max(used_cells, width - 1)
    cells = [USED] * used_cells + [PROJECTED] * (reach_cells - used_cells) + [REST] * (width - reach_cells)
    if not projection.expired and reach >= threshold_percent:
        cells[min(width - 1, int(threshold_percent / 100 * width))] = MARKER
    return "[" + "".join(cells) + "]"


def _verdict_line(projection: Projection, tz: tzinfo, critical_percent: float) -> str:
    now, full_at = projection.now, projection.projected_full_at
    if projection.expired and projection.resets_at is not None:
        return f"Reset at {_time(projection.resets_at, tz)} - not observed since"
    if projection.verdict is Verdict.CRITICAL:
        if projection.used_percent >= critical_percent:
            line = f"Critical - {_percent(projection.used_percent)} used (critical at {critical_percent:g}%)"
            if full_at is not None and projection.used_percent < 100:
                line += f", projected 100%: {_time(full_at, tz)}"
            return line
        assert full_at is not None
        return f"Critical - projected 100%: {_time(full_at, tz)} (in {format_duration(full_at - now)})"
    if projection.verdict is Verdict.WARNING:
        assert full_at is not None
        return f"Warning - projected 100%: {_time(full_at, tz)}, before the reset"
    if projection.rate_per_hour is None:
        return "No projection yet - not enough history"
    if projection.resets_at is None:
        return "Safe - usage is not growing"
    return "Safe - won't hit 100% before reset"


def render_window(
    name: WindowName,
    projection: Projection,
    *,
    width: int = DEFAULT_BAR_WIDTH,
    tz: tzinfo = UTC,
    critical_percent: float = 90.0,
    threshold_percent: float | None = None,
) -> list[str]:
    """The lines of one window: title, bar with percent and rate, window span, verdict."""
    marker_at = critical_percent if threshold_percent is None else threshold_percent
    bar = render_bar(projection, width=width, threshold_percent=marker_at)
    rate = _rate(projection)
    lines = [f"{name.capitalize()} ({window_label(projection.window_minutes)}):"]
    lines.append(f"  {bar} {_percent(projection.used_percent)}" + (f" ({rate})" if rate else ""))
    start = projection.starts_at
    if projection.resets_at is not None and start is not None:
        lines.append(f"  Window: {_time(start, tz)} → {_time(projection.resets_at, tz)}")
    elif projection.resets_at is not None:
        lines.append(f"  Resets: {_time(projection.resets_at, tz)}")
    lines.append("  " + _verdict_line(projection, tz, critical_percent))
    return lines


def _limit_footer(snapshot: RateLimitSnapshot) -> str | None:
    parts: list[str] = []
    if snapshot.plan_type:
        parts.append(f"Plan: {snapshot.plan_type}")
    credits = snapshot.credits
    if credits is not None:
        if credits.unlimited:
            parts.append("Credits: unlimited")
        elif credits.balance is not None:
            parts.append(f"Credits: {credits.balance}")
        else:
            parts.append("Credits: " + ("yes" if credits.has_credits else "none"))
    if snapshot.rate_limit_reached_type:
        parts.append(f"Limit reached: {snapshot.rate_limit_reached_type}")
    return " · ".join(parts) if parts else None


def render_book(
    book: RateLimitBook,
    *,
    now: datetime,
    width: int = DEFAULT_BAR_WIDTH,
    tz: tzinfo = UTC,
    critical_percent: float = 90.0,
    threshold_percent: float | None = None,
    limit_ids: Iterable[str] | None = None,
) -> str:
    """Every window of every limit id in ``book`` (or just ``limit_ids``), as text.

    A heading names the limit when there is more than one, or when it is not the default ``codex``.
    """
    ids = list(book.limit_ids if limit_ids is None else limit_ids)
    blocks: list[str] = []
    for limit_id in ids:
        snapshot = book.snapshot(limit_id)
        if snapshot is None:
            continue
        lines: list[str] = []
        if len(ids) > 1 or limit_id != DEFAULT_LIMIT_ID:
            title = f"Limit {limit_id}" + (f" ({snapshot.limit_name})" if snapshot.limit_name else "")
            lines += [title, "=" * len(title)]
        windows: list[list[str]] = []
        for name in WINDOW_NAMES:
            projection = project(
                book.current_segment(limit_id, name), now=now, critical_percent=critical_percent
            )
            if projection is not None and snapshot.window(name) is not None:
                windows.append(
                    render_window(
                        name,
                        projection,
                        width=width,
                        tz=tz,
                        critical_percent=critical_percent,
                        threshold_percent=threshold_percent,
                    )
                )
        if not windows:
            lines.append("No windows reported")
        for index, window_lines in enumerate(windows):
            if index:
                lines.append("")
            lines += window_lines
        footer = _limit_footer(snapshot)
        if footer:
            lines += ["", footer]
        blocks.append("\n".join(lines))
    if not blocks:
        return "No rate-limit observations yet"
    return "\n\n".join(blocks) + "\n"
