"""``orchestra limits``: once, --watch and --plot, from a history file."""

from __future__ import annotations

import argparse
import importlib
import io
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import trio
import trio.testing
from rich.console import Console

from orchestra.ratelimits import HistoryFile, RateLimitBook, RateLimitSnapshot, RateLimitWindow, TrioWallClock

from .conftest import at
from .test_rl_render import NARROW, NOW, example_book


def parse(cli: ModuleType, *argv: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="orchestra")
    commands = parser.add_subparsers(dest="command", required=True)
    cli.add_parser(commands)
    return parser.parse_args(["limits", *argv])


def write_example(path: Path) -> None:
    book = example_book()
    snapshots: list[RateLimitSnapshot] = []
    for name in ("primary", "secondary"):
        for sample in book.history("codex", name):
            window = RateLimitWindow(sample.used_percent, sample.window_minutes, sample.resets_at)
            snapshots.append(
                RateLimitSnapshot(
                    limit_id="codex",
                    observed_at=sample.at,
                    source=sample.source,
                    plan_type="pro" if name == "primary" else None,
                    **{name: window},  # type: ignore[arg-type]
                )
            )
    snapshots.sort(key=lambda s: s.observed_at)
    merged = example_book().snapshot()
    assert merged is not None
    snapshots.append(
        RateLimitSnapshot(limit_id="codex", observed_at=snapshots[0].observed_at, credits=merged.credits)
    )
    HistoryFile(path, fsync=False).append_many(snapshots)


def test_once_prints_the_bars(limits_cli: ModuleType, tmp_path: Path) -> None:
    path = tmp_path / "limits.jsonl"
    write_example(path)
    args = parse(limits_cli, "--history", str(path), "--width", "20", "--utc")
    out = io.StringIO()
    assert args.run(args, now=NOW, stdout=out) == 0
    assert out.getvalue() == NARROW


def test_once_with_a_limit_filter_and_threshold(limits_cli: ModuleType, tmp_path: Path) -> None:
    path = tmp_path / "limits.jsonl"
    write_example(path)
    args = parse(limits_cli, "--history", str(path), "--utc", "--limit-id", "nope")
    out = io.StringIO()
    assert args.run(args, now=NOW, stdout=out) == 0
    assert out.getvalue() == "No rate-limit observations yet"
    args = parse(limits_cli, "--history", str(path), "--utc", "--width", "20", "--threshold", "50")
    out = io.StringIO()
    args.run(args, now=NOW, stdout=out)
    assert "[██████████!-----····] 57.2%" in out.getvalue()


def test_missing_history(limits_cli: ModuleType, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    args = parse(limits_cli, "--history", str(tmp_path / "none.jsonl"))
    assert args.run(args) == 1
    assert "no rate-limit history at" in capsys.readouterr().err


def test_bad_arguments(limits_cli: ModuleType, tmp_path: Path) -> None:
    args = parse(limits_cli, "--history", str(tmp_path / "x.jsonl"), "--width", "2")
    assert args.run(args) == 2
    args = parse(limits_cli, "--history", str(tmp_path / "x.jsonl"), "--watch", "--interval", "0")
    assert args.run(args) == 2


def test_plot(limits_cli: ModuleType, tmp_path: Path) -> None:
    pytest.importorskip("matplotlib")
    path = tmp_path / "limits.jsonl"
    write_example(path)
    out_png = tmp_path / "plots" / "limits.png"
    args = parse(limits_cli, "--history", str(path), "--plot", str(out_png), "--threshold", "95")
    stdout = io.StringIO()
    assert args.run(args, now=NOW, stdout=stdout) == 0
    assert stdout.getvalue() == f"wrote {out_png}\n"
    assert out_png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_plot_of_an_empty_history(limits_cli: ModuleType, tmp_path: Path) -> None:
    pytest.importorskip("matplotlib")
    path = tmp_path / "limits.jsonl"
    path.write_text("")
    args = parse(limits_cli, "--history", str(path), "--plot", str(tmp_path / "empty.png"))
    assert args.run(args, now=NOW, stdout=io.StringIO()) == 0
    assert (tmp_path / "empty.png").stat().st_size > 0


def test_plot_without_matplotlib(
    limits_cli: ModuleType,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    real = importlib.import_module

    def no_matplotlib(name: str, package: str | None = None) -> Any:
        if name.startswith("matplotlib"):
            raise ImportError("No module named 'matplotlib'")
        return real(name, package)

    monkeypatch.setattr(importlib, "import_module", no_matplotlib)
    path = tmp_path / "limits.jsonl"
    write_example(path)
    args = parse(limits_cli, "--history", str(path), "--plot", str(tmp_path / "x.png"))
    assert args.run(args, now=NOW) == 2
    assert "pip install 'codex-orchestra[plot]'" in capsys.readouterr().err
    assert not (tmp_path / "x.png").exists()


def test_watch_ends_cleanly_on_ctrl_c(
    limits_cli: ModuleType, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def interrupted(*_args: object, **_kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(limits_cli.trio, "run", interrupted)
    args = parse(limits_cli, "--history", str(tmp_path / "x.jsonl"), "--watch")
    assert args.run(args, stdout=io.StringIO()) == 0


def test_watch_on_a_directory_is_an_error_not_a_traceback(
    limits_cli: ModuleType, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = parse(limits_cli, "--history", str(tmp_path), "--watch")
    assert args.run(args, stdout=io.StringIO()) == 1
    assert "cannot read rate-limit history" in capsys.readouterr().err


async def test_watch_follows_the_history(
    limits_cli: ModuleType, tmp_path: Path, autojump_clock: trio.testing.MockClock
) -> None:
    path = tmp_path / "limits.jsonl"
    writer = HistoryFile(path, fsync=False)
    clock = TrioWallClock(at())
    frames: list[str] = []

    def render(book: RateLimitBook, now: object) -> str:
        snapshot = book.snapshot()
        text = (
            "empty" if snapshot is None or snapshot.primary is None else f"{snapshot.primary.used_percent:g}%"
        )
        frames.append(text)
        return text

    async def feed() -> None:
        await trio.sleep(1.5)  # between the first and the second refresh
        writer.append(RateLimitSnapshot(limit_id="codex", observed_at=clock(), primary=RateLimitWindow(12.0)))
        await trio.sleep(2)
        writer.append(RateLimitSnapshot(limit_id="codex", observed_at=clock(), primary=RateLimitWindow(14.0)))

    console = Console(file=io.StringIO(), force_terminal=False, width=80)
    async with trio.open_nursery() as nursery:
        nursery.start_soon(feed)
        await limits_cli.watch_history(path, 2.0, render, console, clock=clock, updates=3)
    assert frames == ["empty", "12%", "14%"]
    assert "14%" in console.file.getvalue()  # type: ignore[attr-defined]
