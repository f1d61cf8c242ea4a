"""A rich progress display for fan-out: done, failed, in flight, rate, ETA, tokens."""

from __future__ import annotations

from types import TracebackType
from typing import Any

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

from ..fanout import PromptResult


class FanoutProgress:
    """Counts results as they arrive and renders them as one live progress bar."""

    def __init__(self, total: int, console: Console | None = None) -> None:
        self.total = total
        self.done = 0
        self.failed = 0
        self.tokens = 0
        self.console = console or Console(stderr=True)
        self._progress = Progress(
            TextColumn("[bold]fan-out"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("[green]{task.fields[ok]} ok [red]{task.fields[failed]} failed"),
            TextColumn("[cyan]{task.fields[in_flight]} in flight"),
            TextColumn("{task.fields[rate]}/s"),
            TextColumn("{task.fields[tokens]} tok"),
            TimeElapsedColumn(),
            TimeRemainingColumn(),
            console=self.console,
            transient=False,
        )
        self._task = self._progress.add_task("fan-out", total=total, **self._fields(0, 0.0))

    def _fields(self, in_flight: int, rate: float) -> dict[str, Any]:
        return {
            "ok": self.done - self.failed,
            "failed": self.failed,
            "in_flight": in_flight,
            "rate": f"{rate:.1f}",
            "tokens": self.tokens,
        }

    def __enter__(self) -> FanoutProgress:
        self._progress.start()
        return self

    def __exit__(
        self, *exc: tuple[type[BaseException] | None, BaseException | None, TracebackType | None]
    ) -> None:
        self._progress.stop()

    def record(self, result: PromptResult, *, in_flight: int, elapsed_s: float) -> None:
        self.done += 1
        if not result.ok:
            self.failed += 1
        if result.usage:
            self.tokens += result.usage.get("total_tokens", 0)
        rate = self.done / elapsed_s if elapsed_s > 0 else 0.0
        self._progress.update(self._task, completed=self.done, **self._fields(in_flight, rate))
