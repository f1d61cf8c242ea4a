"""``orchestra run PROMPTS -o RESULTS``: a resumable fan-out from a file, with a progress bar.

Results are appended as prompts finish. Rerun the same command after a crash or Ctrl-C and it
skips the ids already in RESULTS (``--retry-failed`` runs the failed ones again). Ctrl-C
interrupts the turns in flight and closes every runtime before exiting.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Any

import trio
from rich.console import Console

from .._errors import OrchestraError
from .._orchestra import open_orchestra
from ..fanout import Prompt, PromptFileError, ResultsFile, default_concurrency, read_prompts
from ..ratelimits import default_history_path
from ..runtime import CodexHome
from ._args import int_range, positive_seconds
from ._progress import FanoutProgress
from ._setup import add_pool_options, add_provider_options, concurrency_of, provider_setup


def add_parser(commands: Any) -> None:
    run = commands.add_parser("run", help="fan out prompts from a file; resumable results file")
    run.add_argument("prompts", type=Path, help="JSONL ({id, prompt, cwd?, model?, ...}) or plain lines")
    run.add_argument("-o", "--output", type=Path, required=True, help="results JSONL (appended; resumable)")
    add_pool_options(run)
    run.add_argument("--timeout", type=positive_seconds, default=None, help="seconds per prompt")
    run.add_argument("--cwd", type=Path, default=None, help="working directory for prompts that name none")
    run.add_argument(
        "--persist", action="store_true", help="persisted threads (resumable) instead of ephemeral"
    )
    run.add_argument(
        "--retry-failed", action="store_true", help="run prompts whose earlier result failed again"
    )
    run.add_argument("--items", action="store_true", help="include every item of each turn in the results")
    run.add_argument(
        "--history",
        type=Path,
        default=None,
        help="append rate-limit snapshots to this JSONL, for `orchestra limits` (default with "
        f"--provider openai: {default_history_path()}; none with the scripted model)",
    )
    run.add_argument(
        "--ray",
        metavar="ADDRESS",
        default=None,
        help="shard over Ray actors ('local' starts a local Ray; needs the ray extra)",
    )
    run.add_argument(
        "--ray-workers", type=int_range(1), default=2, help="Ray actors, each with its own runtime pool"
    )
    add_provider_options(run, default_provider="openai")
    run.set_defaults(run=run_command)


def run_command(args: argparse.Namespace) -> int:
    console = Console(stderr=True)
    try:
        if args.output.exists() and args.output.resolve() == args.prompts.resolve():
            raise PromptFileError(f"{args.output}: the results file cannot be the prompts file")
        prompts = list(read_prompts(args.prompts))
        with ResultsFile(args.output, include_items=args.items) as results, provider_setup(args) as setup:
            if args.retry_failed:
                dropped = results.drop_failed()
                console.print(f"running {dropped} failed prompt(s) again")
            todo = [p for p in prompts if p.id not in results.done]
            skipped = len(prompts) - len(todo)
            if skipped:
                console.print(f"resuming: {skipped} of {len(prompts)} prompt(s) already in {args.output}")
            if not todo:
                console.print("nothing to do")
                return 0
            default_cwd = str(args.cwd or setup.scratch)
            todo = [p if p.cwd else Prompt(**{**_fields(p), "cwd": default_cwd}) for p in todo]
            failed = trio.run(_fan_out, args, setup.home, todo, results, console)
    except (OrchestraError, OSError) as exc:  # OSError: a prompts or results file we cannot open
        console.print(f"[red]error:[/] {exc}")
        return 2
    return 1 if failed else 0


def _fields(prompt: Prompt) -> dict[str, Any]:
    return {
        name: getattr(prompt, name)
        for name in ("id", "text", "cwd", "model", "sandbox", "approval_policy", "output_schema")
    }


async def _fan_out(
    args: argparse.Namespace, home: CodexHome, todo: list[Prompt], results: ResultsFile, console: Console
) -> int:
    started = time.monotonic()
    failed = 0
    timeout = args.timeout if args.timeout is not None else float("inf")
    if args.ray is not None:
        failed = await _fan_out_on_ray(args, home, todo, results, console, timeout)
        print(f"{len(todo) - failed}/{len(todo)} completed on Ray; results in {args.output}", file=sys.stderr)
        return failed
    async with open_orchestra(home, runtimes=args.runtimes, rate_limit_history=_history_of(args)) as orch:
        with FanoutProgress(len(todo), console=console) as progress:
            concurrency = concurrency_of(args)
            async with orch.map(
                todo, concurrency=concurrency, timeout=timeout, ephemeral=not args.persist
            ) as stream:
                async for result in stream:
                    results.append(result)
                    failed += not result.ok
                    remaining = len(todo) - progress.done - 1
                    progress.record(
                        result,
                        in_flight=min(concurrency, remaining),
                        elapsed_s=time.monotonic() - started,
                    )
                    if not console.is_terminal and sys.__stderr__ is not None:
                        # Logs and pipes get one line per result, at once (rich's live display
                        # holds sys.stderr until it stops, so write around it).
                        print(f"done {result.id} {result.status}", file=sys.__stderr__, flush=True)
    wall = time.monotonic() - started
    print(
        f"{len(todo) - failed}/{len(todo)} completed in {wall:.1f} s; results in {args.output}",
        file=sys.stderr,
    )
    return failed


def _history_of(args: argparse.Namespace) -> Path | None:
    """Where the run's rate-limit snapshots go: ``--history``, or for the real account the file
    ``orchestra limits`` reads by default (the scripted model's made-up limits go nowhere)."""
    if args.history is not None:
        return Path(args.history)
    return default_history_path() if args.provider == "openai" else None


def _per_ray_worker(args: argparse.Namespace) -> int:
    """Each Ray worker runs its own pool of ``--runtimes``: it gets the default for that pool, or
    its share of an explicit ``--concurrency``."""
    if args.concurrency is None:
        return default_concurrency(int(args.runtimes))
    return max(1, int(args.concurrency) // max(1, int(args.ray_workers)))


async def _fan_out_on_ray(
    args: argparse.Namespace,
    home: CodexHome,
    todo: list[Prompt],
    results: ResultsFile,
    console: Console,
    timeout: float,
) -> int:
    """The same fan-out, sharded over Ray actors that each build this home's recipe on their node."""
    from ..distributed import WorkerSpec, open_ray_map

    spec = WorkerSpec(
        provider=home.provider,
        model=home.model,
        api_key=home.api_key,
        concurrency=_per_ray_worker(args),
        runtimes=args.runtimes,
        timeout=timeout,
        ephemeral=not args.persist,
    )
    address = None if args.ray == "local" else args.ray
    failed = 0
    started = time.monotonic()
    with FanoutProgress(len(todo), console=console) as progress:
        async with open_ray_map(todo, spec, workers=args.ray_workers, address=address) as stream:
            async for result in stream:
                results.append(result)  # the same resumable file: each id once
                failed += not result.ok
                progress.record(result, in_flight=0, elapsed_s=time.monotonic() - started)
    return failed
