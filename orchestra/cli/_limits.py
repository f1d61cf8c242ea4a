"""``orchestra limits``: rate-limit bars, burn rates and projected exhaustion, from the history file.

- ``orchestra limits``: print every window once;
- ``orchestra limits --watch``: a live view (rich), re-reading the history as it grows, until Ctrl-C;
- ``orchestra limits --plot out.png``: usage over time with the projection (needs the ``plot`` extra).

The history is the JSONL file that a live orchestra appends snapshots to (``--history``; default
``$XDG_STATE_HOME/orchestra/ratelimits.jsonl``).

This module imports only :mod:`orchestra.ratelimits` (absolute imports, no package-relative ones), so
it can be loaded and tested even while the rest of the CLI cannot be imported.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
from collections.abc import Callable
from datetime import UTC, datetime, tzinfo
from pathlib import Path
from typing import Any, TextIO

import trio
from rich.console import Console
from rich.live import Live
from rich.text import Text

from orchestra.ratelimits import (
    DEFAULT_BAR_WIDTH,
    HistoryFile,
    HistoryReadError,
    PlotUnavailableError,
    RateLimitBook,
    default_history_path,
    plot_book,
    render_book,
)

__all__ = ["add_parser", "run_limits", "watch_history"]

Renderer = Callable[[RateLimitBook, datetime], str]


def add_parser(commands: Any) -> None:
    """Register ``limits`` on an argparse subparsers object."""
    limits = commands.add_parser(
        "limits", help="show rate limits: usage bars, burn rate, projected exhaustion"
    )
    limits.add_argument(
        "--history",
        type=Path,
        default=None,
        metavar="PATH",
        help=f"rate-limit history JSONL (default: {default_history_path()})",
    )
    limits.add_argument("--watch", action="store_true", help="live view, refreshed until Ctrl-C")
    limits.add_argument(
        "--interval", type=float, default=2.0, metavar="SECONDS", help="--watch refresh interval (default 2)"
    )
    limits.add_argument("--plot", type=Path, default=None, metavar="OUT.png", help="draw usage over time")
    limits.add_argument("--width", type=int, default=DEFAULT_BAR_WIDTH, help="bar width in cells")
    limits.add_argument(
        "--limit-id",
        action="append",
        dest="limit_ids",
        default=None,
        metavar="ID",
        help="only this limit id (repeatable)",
    )
    limits.add_argument(
        "--critical", type=float, default=90.0, metavar="PERCENT", help="critical threshold (default 90)"
    )
    limits.add_argument(
        "--threshold", type=float, default=None, metavar="PERCENT", help="mark this gate threshold on bars"
    )
    limits.add_argument("--utc", action="store_true", help="show times in UTC (default: local time)")
    limits.set_defaults(run=run_limits)


def _timezone(args: argparse.Namespace) -> tzinfo:
    if args.utc:
        return UTC
    return datetime.now().astimezone().tzinfo or UTC


def _renderer(args: argparse.Namespace, tz: tzinfo) -> Renderer:
    def render(book: RateLimitBook, now: datetime) -> str:
        return render_book(
            book,
            now=now,
            width=args.width,
            tz=tz,
            critical_percent=args.critical,
            threshold_percent=args.threshold,
            limit_ids=args.limit_ids,
        )

    return render


def run_limits(args: argparse.Namespace, *, now: datetime | None = None, stdout: TextIO | None = None) -> int:
    """Run ``orchestra limits`` with parsed ``args``; returns the exit code.

    ``now`` fixes the time (default: the system clock), ``stdout`` the output stream: for tests.
    """
    out = stdout or sys.stdout
    path: Path = args.history or default_history_path()
    if args.width < 4:
        print("--width must be at least 4", file=sys.stderr)
        return 2
    tz = _timezone(args)
    render = _renderer(args, tz)
    if args.watch:
        if args.interval <= 0:
            print("--interval must be positive", file=sys.stderr)
            return 2
        # Ctrl-C is how --watch ends; rich.live restores the terminal on the way out.
        try:
            with contextlib.suppress(KeyboardInterrupt):
                trio.run(watch_history, path, args.interval, render, Console(file=out))
        except HistoryReadError as exc:  # a directory, no permission: not "no history yet"
            print(f"{exc} (a live orchestra writes it; or pass --history PATH)", file=sys.stderr)
            return 1
        return 0
    history = HistoryFile(path)
    try:
        snapshots = history.read()
    except HistoryReadError as exc:
        print(f"{exc} (a live orchestra writes it; or pass --history PATH)", file=sys.stderr)
        return 1
    book = RateLimitBook()
    book.observe_all(snapshots)
    moment = now or datetime.now(UTC)
    if args.plot is not None:
        try:
            written = plot_book(
                book,
                args.plot,
                now=moment,
                tz=tz,
                critical_percent=args.critical,
                threshold_percent=args.threshold,
            )
        except PlotUnavailableError as exc:
            print(str(exc), file=sys.stderr)
            return 2
        print(f"wrote {written}", file=out)
        return 0
    out.write(render(book, moment))
    return 0


async def watch_history(
    path: Path,
    interval: float,
    render: Renderer,
    console: Console,
    *,
    clock: Callable[[], datetime] | None = None,
    updates: int | None = None,
) -> None:
    """Show ``render(book, now)`` live, folding in new history lines every ``interval`` seconds.

    Runs until cancelled (or after ``updates`` refreshes, for tests). Reading is incremental: only
    the lines appended since the last refresh are read and parsed, inline (a few hundred bytes of a
    local file per refresh; not worth a thread hop). Cancellation (and Ctrl-C, which trio raises
    here as ``KeyboardInterrupt``) leaves the live display through its context manager, so the
    terminal is restored.
    """
    history = HistoryFile(path)
    book = RateLimitBook()
    now = clock or (lambda: datetime.now(UTC))
    count = 0
    with Live(Text(""), console=console, auto_refresh=False, transient=False) as live:
        while True:
            book.observe_all(history.read_new())  # only the new bytes: a small local read, done inline
            live.update(Text(render(book, now())), refresh=True)
            count += 1
            if updates is not None and count >= updates:
                return
            await trio.sleep(interval)
