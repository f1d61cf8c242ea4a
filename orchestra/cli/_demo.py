"""``orchestra demo``: a real fan-out against the real runtime and the built-in scripted model.

Offline by default: it starts the scripted Responses API server on 127.0.0.1, writes an isolated
CODEX_HOME in a temporary directory, and fans out prompts through real ``codex app-server``
processes. ``--provider openai`` sends the same prompts to the real model (needs OPENAI_API_KEY).
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path
from typing import Any

import trio
from rich.console import Console
from rich.table import Table

from .._orchestra import open_orchestra
from ..fanout import Prompt, PromptResult
from ..runtime import ModelProvider, build_codex_home
from ._progress import FanoutProgress

TOPICS = [
    "binary search", "git rebase", "TCP handshakes", "B-trees", "HTTP caching", "Unicode normalization",
    "garbage collection", "CRDTs", "the CAP theorem", "Bloom filters", "consistent hashing", "Raft",
]  # fmt: skip


def add_parser(commands: Any) -> None:
    demo = commands.add_parser("demo", help="fan out prompts through the real runtime (offline by default)")
    demo.add_argument("-n", "--prompts", type=int, default=36, help="how many prompts (default 36)")
    demo.add_argument(
        "-c", "--concurrency", type=int, default=8, help="prompts in flight at once (default 8)"
    )
    demo.add_argument(
        "--latency-ms", type=int, default=150, help="scripted model latency before the first byte"
    )
    demo.add_argument("--provider", choices=["scripted", "openai"], default="scripted")
    demo.add_argument("--model", default=None, help="model slug (default: scripted-model / gpt-5.5)")
    demo.set_defaults(run=run_demo)


def demo_prompts(n: int) -> list[Prompt]:
    return [
        Prompt(id=f"p{i:03d}", text=f"In two sentences, explain {TOPICS[i % len(TOPICS)]}.") for i in range(n)
    ]


def run_demo(args: argparse.Namespace) -> int:
    console = Console()
    with tempfile.TemporaryDirectory(prefix="orchestra-demo-") as scratch:
        if args.provider == "openai":
            key = os.environ.get("OPENAI_API_KEY")
            if not key:
                console.print("[red]--provider openai needs OPENAI_API_KEY in the environment")
                return 2
            return trio.run(
                _fan_out, args, Path(scratch), ModelProvider.openai(), args.model or "gpt-5.5", key, console
            )
        from ..testing import ScriptedModel, reply

        with ScriptedModel() as model:
            model.latency = args.latency_ms / 1000

            def answer(request: Any) -> Any:
                topic = request.last_user_text.removeprefix("In two sentences, explain ").rstrip(".")
                return reply.text(
                    f"{topic.capitalize()} is a classic idea. Scripted answer #{len(model.requests)}.",
                    chunks=4,
                )

            model.default = answer
            provider = ModelProvider.scripted(model.base_url)
            return trio.run(
                _fan_out, args, Path(scratch), provider, args.model or "scripted-model", None, console
            )


async def _fan_out(
    args: argparse.Namespace,
    scratch: Path,
    provider: ModelProvider,
    model: str,
    key: str | None,
    console: Console,
) -> int:
    home = build_codex_home(scratch / "codex-home", provider=provider, model=model, api_key=key)
    workdir = scratch / "work"
    workdir.mkdir()
    prompts = [Prompt(id=p.id, text=p.text, cwd=str(workdir)) for p in demo_prompts(args.prompts)]
    console.print(
        f"[bold]orchestra demo[/]: {len(prompts)} prompts, concurrency {args.concurrency}, "
        f"codex {home.binary.version}, model [cyan]{model}[/] via {provider.name}"
    )
    results: list[PromptResult] = []
    started = time.monotonic()
    async with open_orchestra(home) as orch:
        with FanoutProgress(len(prompts), console=console) as progress:
            async with orch.map(prompts, concurrency=args.concurrency) as stream:
                async for result in stream:
                    results.append(result)
                    in_flight = min(args.concurrency, len(prompts) - len(results))
                    progress.record(result, in_flight=in_flight, elapsed_s=time.monotonic() - started)
    wall = time.monotonic() - started
    _summary(console, results, wall)
    return 0 if all(r.ok for r in results) else 1


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
