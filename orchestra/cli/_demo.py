"""``orchestra demo``: a real fan-out against the real runtime and the built-in scripted model.

Offline by default: it starts the scripted Responses API server on 127.0.0.1, writes an isolated
CODEX_HOME in a temporary directory, and fans out prompts through a supervised pool of real
``codex app-server`` processes. ``--provider openai`` sends the same prompts to the real model
(needs OPENAI_API_KEY).
"""

from __future__ import annotations

import argparse
import datetime as dt
import time
from typing import Any

import trio
from rich.console import Console
from rich.table import Table

from .._errors import OrchestraError
from .._orchestra import open_orchestra
from ..fanout import Prompt, PromptResult
from ..ratelimits import render_book
from ..runtime import CodexHome
from ._args import int_range
from ._progress import FanoutProgress
from ._setup import add_pool_options, add_provider_options, concurrency_of, provider_setup

TOPICS = [
    "binary search", "git rebase", "TCP handshakes", "B-trees", "HTTP caching", "Unicode normalization",
    "garbage collection", "CRDTs", "the CAP theorem", "Bloom filters", "consistent hashing", "Raft",
]  # fmt: skip


def add_parser(commands: Any) -> None:
    demo = commands.add_parser("demo", help="fan out prompts through the real runtime (offline by default)")
    demo.add_argument("-n", "--prompts", type=int_range(1), default=36, help="how many prompts (default 36)")
    add_pool_options(demo)
    add_provider_options(demo, default_provider="scripted")
    demo.set_defaults(run=run_demo)


def demo_prompts(n: int, cwd: str) -> list[Prompt]:
    return [
        Prompt(id=f"p{i:03d}", text=f"In two sentences, explain {TOPICS[i % len(TOPICS)]}.", cwd=cwd)
        for i in range(n)
    ]


def run_demo(args: argparse.Namespace) -> int:
    console = Console()
    try:
        with provider_setup(args) as setup:
            workdir = setup.scratch / "work"
            workdir.mkdir()
            return trio.run(_fan_out, args, setup.home, demo_prompts(args.prompts, str(workdir)), console)
    except (OrchestraError, OSError) as exc:  # OSError: a --home that cannot be a directory, ...
        Console(stderr=True).print(f"[red]error:[/] {exc}")
        return 2


async def _fan_out(args: argparse.Namespace, home: CodexHome, prompts: list[Prompt], console: Console) -> int:
    concurrency = min(concurrency_of(args), len(prompts))  # more would only be idle workers
    console.print(
        f"[bold]orchestra demo[/]: {len(prompts)} prompts, concurrency {concurrency}, "
        f"{args.runtimes} runtime(s), codex {home.binary.version}, "
        f"model [cyan]{home.model}[/] via {home.provider.name}"
    )
    results: list[PromptResult] = []
    started = time.monotonic()
    async with open_orchestra(home, runtimes=args.runtimes) as orch:
        with FanoutProgress(len(prompts), console=console) as progress:
            async with orch.map(prompts, concurrency=concurrency) as stream:
                async for result in stream:
                    results.append(result)
                    in_flight = min(concurrency, len(prompts) - len(results))
                    progress.record(result, in_flight=in_flight, elapsed_s=time.monotonic() - started)
        limits = render_book(orch.limits.book, now=dt.datetime.now(dt.UTC), tz=_local_tz())
    _summary(console, results, time.monotonic() - started)
    if limits.strip():
        console.print("\n[bold]rate limits[/] (as reported by the model's response headers)")
        console.print(limits, highlight=False, markup=False, soft_wrap=True)
    return 0 if all(r.ok for r in results) else 1


def _local_tz() -> dt.tzinfo:
    return dt.datetime.now().astimezone().tzinfo or dt.UTC


def _summary(console: Console, results: list[PromptResult], wall: float) -> None:
    table = Table(title="sample answers", show_lines=False)
    table.add_column("id")
    table.add_column("status")
    table.add_column("answer", overflow="fold")
    for result in sorted(results, key=lambda r: r.id)[:5]:
        table.add_row(result.id, result.status, result.final_text or (result.error or ""))
    console.print(table)
    ok = sum(r.ok for r in results)
    tokens = sum((r.usage or {}).get("total_tokens", 0) for r in results)
    console.print(
        f"[bold]{ok}/{len(results)} completed[/] in {wall:.1f} s "
        f"({len(results) / wall:.1f} prompts/s), {tokens} tokens, "
        f"{sum(not r.ok for r in results)} failed"
    )
