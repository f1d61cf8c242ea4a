"""Fan-out: N one-turn prompts against the scripted model, through three clients, in one run.

- **orchestra**: ``open_orchestra(home, runtimes=R)`` + ``orch.map(prompts)`` (ephemeral threads,
  map's default), for R = 1 and 2;
- **openai-codex**: OpenAI's Python SDK (``openai-codex==0.163.0``): one ``AsyncCodex``,
  ``asyncio.gather`` over ``thread_start(ephemeral=True)`` + ``thread.run(prompt)``;
- **raw**: the floor, a minimal asyncio JSON-RPC driver on R app-server processes writing
  ``thread/start`` (the same params as orchestra: ``{"ephemeral": true}``) + ``turn/start``, reading
  until ``turn/completed``, then ``thread/unsubscribe`` as orchestra does; ``--persisted`` adds the
  same with persisted threads.

Every (client, N, latency, repeat) runs in a fresh worker process (``--worker``) against one
scripted model process per latency, all clients interleaved, so that load drifts hit them alike.
The parent samples the summed memory of the worker's process tree (client + runtimes) from
/proc; the worker reports wall time (from spawning the runtimes to the last result), its own CPU
and its reaped children's CPU (the runtimes) over that window.

    python benchmarks/bench_fanout.py                   # N=20,100,200; latency 0 and 300 ms; 3 repeats
    python benchmarks/bench_fanout.py --quick           # N=20,100; 1 repeat
    python benchmarks/bench_fanout.py --full            # also persisted raw threads, 5 repeats
    python benchmarks/bench_fanout.py -n 20 --latency 0 --repeat 1 --clients orchestra-1,raw-1

Prints a table (medians) and writes benchmarks/results/fanout.json.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import importlib.util
import json
import math
import random
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NamedTuple

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks._common import (
    BENCH_API_KEY,
    BENCH_MODEL,
    WorkerRun,
    emit,
    fmt,
    load_average,
    machine_info,
    median,
    model_server,
    run_worker,
    table,
    worker_cpu,
    write_results,
)

#: Client name -> worker arguments.
CLIENTS: dict[str, list[str]] = {
    "orchestra-1": ["orchestra", "--runtimes", "1"],
    "orchestra-2": ["orchestra", "--runtimes", "2"],
    # map() as a user calls it, with its default concurrency, whatever --concurrency says
    "orchestra-1-default": ["orchestra", "--runtimes", "1", "--map-defaults"],
    "sdk": ["sdk"],
    "raw-1": ["raw", "--runtimes", "1"],
    "raw-2": ["raw", "--runtimes", "2"],
    "raw-1-persisted": ["raw", "--runtimes", "1", "--persisted"],
    "raw-1-no-unsubscribe": ["raw", "--runtimes", "1", "--no-unsubscribe"],
}
DEFAULT_CLIENTS = ["orchestra-1", "orchestra-2", "orchestra-1-default", "sdk", "raw-1", "raw-2"]
#: Which floor each client is held against (the same number of runtimes).
FLOOR = {"orchestra-1": "raw-1", "orchestra-2": "raw-2", "orchestra-1-default": "raw-1", "sdk": "raw-1"}

LABELS = {
    "orchestra-1": "orchestra, 1 runtime",
    "orchestra-2": "orchestra, 2 runtimes",
    "orchestra-1-default": "orchestra, 1 rt, map() defaults",
    "sdk": "openai-codex SDK",
    "raw-1": "raw JSON-RPC, 1 runtime",
    "raw-2": "raw JSON-RPC, 2 runtimes",
    "raw-1-persisted": "raw, 1 runtime, persisted",
    "raw-1-no-unsubscribe": "raw, 1 runtime, no unsubscribe",
}


def prompt_text(i: int) -> str:
    return f"Prompt number {i}: answer briefly."


def expected_answer(i: int) -> str:
    return f"ECHO: {prompt_text(i)}"


# --- workers (each runs in a fresh process) ------------------------------------------------------


def _home(path: str, base_url: str) -> Any:
    from orchestra._secret import Secret
    from orchestra.runtime import CodexHome, ModelProvider, locate_codex

    return CodexHome(
        path=Path(path),
        binary=locate_codex(),
        provider=ModelProvider.scripted(base_url),
        model=BENCH_MODEL,
        api_key=Secret(BENCH_API_KEY),
    )


class Clock:
    """Wall and CPU time of the measured window: from spawning runtimes to the last result."""

    def __init__(self) -> None:
        self.t0 = time.perf_counter()
        self.cpu0 = worker_cpu()
        self.ready = math.nan
        self.done = math.nan

    def mark_ready(self) -> None:
        self.ready = time.perf_counter() - self.t0

    def mark_done(self) -> None:
        self.done = time.perf_counter() - self.t0

    def report(self, **extra: Any) -> dict[str, Any]:
        """Call after teardown, so that the runtimes are reaped and their CPU is counted."""
        own, kids = worker_cpu()
        return {
            "wall_s": round(self.done, 3),
            "startup_s": round(self.ready, 3),
            "teardown_s": round(time.perf_counter() - self.t0 - self.done, 3),
            "client_cpu_s": round(own - self.cpu0[0], 3),
            "runtime_cpu_s": round(kids - self.cpu0[1], 3),
            **extra,
        }


def orchestra_worker(args: argparse.Namespace) -> dict[str, Any]:
    import trio

    from orchestra import open_orchestra

    home = _home(args.home, args.base_url)
    prompts = [prompt_text(i) for i in range(args.n)]
    answers: dict[str, str] = {}
    statuses: dict[str, int] = {}
    errors: list[str] = []
    retries = 0
    concurrency = args.concurrency or args.n

    async def main() -> Clock:
        nonlocal retries
        clock = Clock()
        async with open_orchestra(home, runtimes=args.runtimes) as orch:
            clock.mark_ready()
            mapping = orch.map(prompts) if args.map_defaults else orch.map(prompts, concurrency=concurrency)
            async with mapping as results:
                async for result in results:
                    answers[result.id] = result.final_text
                    statuses[result.status] = statuses.get(result.status, 0) + 1
                    retries += result.attempts - 1
                    if result.status != "completed":
                        errors.append(f"{result.status}: {result.error}")
            clock.mark_done()
        return clock

    clock = trio.run(main)
    correct = sum(answers.get(str(i)) == expected_answer(i) for i in range(args.n))
    return clock.report(correct=correct, statuses=statuses, retries=retries, errors=errors[:5])


def sdk_worker(args: argparse.Namespace) -> dict[str, Any]:
    # The benchmark extra (not a dependency of orchestra): pip install openai-codex==0.163.0
    from openai_codex import (  # type: ignore[import-not-found, unused-ignore]
        ApprovalMode,
        AsyncCodex,
        CodexConfig,
    )

    home = _home(args.home, args.base_url)
    config = CodexConfig(codex_bin=str(home.binary.path), env=home.environment(), cwd=str(home.path))
    concurrency = args.concurrency or args.n

    statuses: dict[str, int] = {}
    errors: list[str] = []

    async def main() -> tuple[Clock, list[str]]:
        clock = Clock()
        gate = asyncio.Semaphore(concurrency)
        async with AsyncCodex(config=config) as codex:
            clock.mark_ready()

            async def one(i: int) -> str:
                async with gate:
                    thread = await codex.thread_start(ephemeral=True, approval_mode=ApprovalMode.deny_all)
                    result = await thread.run(prompt_text(i))
                    status = str(getattr(result.status, "value", result.status))
                    statuses[status] = statuses.get(status, 0) + 1
                    if status != "completed":
                        errors.append(f"{status}: {result.error}")
                    return result.final_response or ""

            texts = await asyncio.gather(*(one(i) for i in range(args.n)))
            clock.mark_done()
        return clock, list(texts)

    clock, texts = asyncio.run(main())
    correct = sum(text == expected_answer(i) for i, text in enumerate(texts))
    return clock.report(correct=correct, statuses=statuses, errors=errors[:5])


class RawOutcome(NamedTuple):
    final_text: str
    status: str
    error: Any
    retries: int


class RawRuntime:
    """One ``codex app-server`` and the least a client must do to run turns on it."""

    def __init__(self, proc: asyncio.subprocess.Process) -> None:
        self.proc = proc
        self.next_id = 0
        self.pending: dict[int, asyncio.Future[dict[str, Any]]] = {}
        self.completions: dict[str, asyncio.Future[dict[str, Any]]] = {}
        self.deltas: dict[str, list[str]] = {}
        self.in_flight = 0
        self.reader: asyncio.Task[None] | None = None

    @classmethod
    async def start(cls, home: Any) -> RawRuntime:
        proc = await asyncio.create_subprocess_exec(
            str(home.binary.path),
            "app-server",
            "--listen",
            "stdio://",
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.DEVNULL,
            env=home.environment(),
            cwd=str(home.path),
            limit=64 * 2**20,
        )
        runtime = cls(proc)
        runtime.reader = asyncio.create_task(runtime._read())
        info = {"name": "raw_bench", "title": "raw", "version": "0"}
        await runtime.request("initialize", {"clientInfo": info, "capabilities": {"experimentalApi": True}})
        runtime._write({"method": "initialized"})
        return runtime

    def _write(self, message: dict[str, Any]) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write(json.dumps(message).encode() + b"\n")

    async def request(self, method: str, params: Any) -> dict[str, Any]:
        self.next_id += 1
        future: asyncio.Future[dict[str, Any]] = asyncio.get_running_loop().create_future()
        self.pending[self.next_id] = future
        self._write({"id": self.next_id, "method": method, "params": params})
        return await future

    async def _read(self) -> None:
        assert self.proc.stdout is not None
        while line := await self.proc.stdout.readline():
            message = json.loads(line)
            if "id" in message and "method" not in message:
                future = self.pending.pop(message["id"], None)
                if future is not None and not future.done():
                    future.set_result(message)
                continue
            method = message.get("method")
            params = message.get("params") or {}
            if method == "item/agentMessage/delta":
                self.deltas.setdefault(params.get("threadId", ""), []).append(params.get("delta", ""))
            elif method == "turn/completed":
                done = self.completions.pop(params.get("threadId", ""), None)
                if done is not None and not done.done():
                    done.set_result(params)
            elif "id" in message:  # a server request: decline, as orchestra's default approver does
                self._write({"id": message["id"], "result": {"decision": "decline"}})

    async def request_retrying_overload(self, method: str, params: Any) -> tuple[dict[str, Any], int]:
        """``request``, retried with backoff while the runtime answers -32001 (overloaded), as
        every client must; returns the answer and how many retries it took."""
        retries = 0
        while True:
            answer = await self.request(method, params)
            if "result" in answer:
                return answer, retries
            if answer.get("error", {}).get("code") != -32001 or retries >= 8:
                raise RuntimeError(f"{method} failed: {answer}")
            retries += 1
            await asyncio.sleep(random.uniform(0, min(2.0, 0.05 * 2**retries)))

    async def run_prompt(self, text: str, *, ephemeral: bool, unsubscribe: bool) -> RawOutcome:
        """thread/start + turn/start (each retrying overload) + wait for turn/completed."""
        answer, retries = await self.request_retrying_overload(
            "thread/start", {"ephemeral": True} if ephemeral else {}
        )
        thread_id = answer["result"]["thread"]["id"]
        completed: asyncio.Future[dict[str, Any]] = asyncio.get_running_loop().create_future()
        self.completions[thread_id] = completed
        params = {"threadId": thread_id, "input": [{"type": "text", "text": text}]}
        _, turn_retries = await self.request_retrying_overload("turn/start", params)
        retries += turn_retries
        done = (await completed).get("turn", {})
        final = "".join(self.deltas.pop(thread_id, []))
        for item in done.get("items", []):
            if item.get("type") == "agentMessage":
                final = item.get("text", final)
        if unsubscribe:
            await self.request("thread/unsubscribe", {"threadId": thread_id})
        return RawOutcome(final, str(done.get("status")), done.get("error"), retries)

    async def close(self) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.close()
        try:
            await asyncio.wait_for(self.proc.wait(), 5)
        except TimeoutError:
            self.proc.kill()
            await self.proc.wait()
        if self.reader is not None:
            self.reader.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self.reader


def raw_worker(args: argparse.Namespace) -> dict[str, Any]:
    base = _home(args.home, args.base_url)
    concurrency = args.concurrency or args.n

    async def main() -> tuple[Clock, list[RawOutcome]]:
        clock = Clock()
        homes = [base]
        if args.runtimes > 1:  # one home per process, as the pool does (inside the clock, as there)
            homes = [base.clone(base.path / "pool" / f"runtime-{i}") for i in range(args.runtimes)]
        runtimes = list(await asyncio.gather(*(RawRuntime.start(h) for h in homes)))
        clock.mark_ready()
        gate = asyncio.Semaphore(concurrency)

        async def one(i: int) -> RawOutcome:
            async with gate:
                runtime = min(runtimes, key=lambda r: r.in_flight)  # least loaded, as the pool places
                runtime.in_flight += 1
                try:
                    return await runtime.run_prompt(
                        prompt_text(i), ephemeral=not args.persisted, unsubscribe=not args.no_unsubscribe
                    )
                finally:
                    runtime.in_flight -= 1

        outcomes = await asyncio.gather(*(one(i) for i in range(args.n)))
        clock.mark_done()
        await asyncio.gather(*(r.close() for r in runtimes))
        return clock, list(outcomes)

    clock, outcomes = asyncio.run(main())
    statuses: dict[str, int] = {}
    for outcome in outcomes:
        statuses[outcome.status] = statuses.get(outcome.status, 0) + 1
    return clock.report(
        correct=sum(o.final_text == expected_answer(i) for i, o in enumerate(outcomes)),
        statuses=statuses,
        retries=sum(o.retries for o in outcomes),
        errors=[f"{o.status}: {o.error}" for o in outcomes if o.status != "completed"][:5],
    )


WORKERS: dict[str, Callable[[argparse.Namespace], dict[str, Any]]] = {
    "orchestra": orchestra_worker,
    "sdk": sdk_worker,
    "raw": raw_worker,
}


# --- the parent: the matrix ----------------------------------------------------------------------


def run_matrix(args: argparse.Namespace) -> dict[str, Any]:
    from orchestra.runtime import ModelProvider, build_codex_home

    clients: list[str] = args.clients
    results: dict[str, Any] = {
        "benchmark": "fanout",
        "machine": machine_info(),
        "params": {
            "n": args.n,
            "latency_ms": args.latency,
            "repeat": args.repeat,
            "clients": clients,
            "concurrency": args.concurrency or "n (all prompts at once)",
        },
        "runs": [],
        "summary": [],
    }
    scratch = Path(tempfile.mkdtemp(prefix="orchestra-bench-fanout-"))
    try:
        counter = 0
        for latency in args.latency:
            with model_server(latency) as (base_url, model_pid):
                build_codex_home(
                    scratch / "template",
                    provider=ModelProvider.scripted(base_url),
                    model=BENCH_MODEL,
                    api_key=BENCH_API_KEY,
                )
                for n in args.n:
                    for rep in range(args.repeat):
                        order = clients[rep % len(clients) :] + clients[: rep % len(clients)]
                        for client in order:
                            counter += 1
                            home = scratch / f"run-{counter}"
                            shutil.copytree(scratch / "template", home)
                            _rewrite_home(home, scratch / "template")
                            argv = [
                                str(Path(__file__).resolve()),
                                "--worker",
                                *CLIENTS[client],
                                "--home",
                                str(home),
                                "--base-url",
                                base_url,
                                "--n",
                                str(n),
                                "--concurrency",
                                str(args.concurrency),
                            ]
                            run = run_worker(argv, model_pid=model_pid)
                            shutil.rmtree(home, ignore_errors=True)
                            record = {
                                "client": client,
                                "n": n,
                                "latency_ms": latency,
                                "repeat": rep,
                                **run.as_dict(),
                            }
                            results["runs"].append(record)
                            _progress(record, run)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    results["machine"]["loadavg_end"] = load_average()
    results["summary"] = summarize(results["runs"], clients)
    return results


def _rewrite_home(home: Path, template: Path) -> None:
    """Point a copied home's config (model catalog path) at itself."""
    config = home / "config.toml"
    config.write_text(config.read_text().replace(str(template), str(home)))


def _progress(record: dict[str, Any], run: WorkerRun) -> None:
    print(
        f"  {record['client']:<16} n={record['n']:<4} lat={record['latency_ms']:<4} "
        f"wall={record['wall_s']:.2f}s rss={run.peak_rss_mb:.0f}MB anon={run.peak_anon_mb:.0f}MB "
        f"cpu={record['client_cpu_s'] + record['runtime_cpu_s']:.1f}s ok={record['correct']}/{record['n']} "
        f"load={run.loadavg_before[0]}",
        file=sys.stderr,
        flush=True,
    )


def summarize(runs: Sequence[dict[str, Any]], clients: Sequence[str]) -> list[dict[str, Any]]:
    """Medians per (client, n, latency), with the ratio to the floor of the same runtime count."""
    keys = sorted({(r["latency_ms"], r["n"]) for r in runs})
    summary: list[dict[str, Any]] = []
    for latency, n in keys:
        medians: dict[str, dict[str, Any]] = {}
        for client in clients:
            mine = [r for r in runs if (r["client"], r["n"], r["latency_ms"]) == (client, n, latency)]
            if not mine:
                continue
            medians[client] = {
                "client": client,
                "n": n,
                "latency_ms": latency,
                "runs": len(mine),
                "wall_s": median([r["wall_s"] for r in mine]),
                "wall_best_s": min(r["wall_s"] for r in mine),
                "client_cpu_s": median([r["client_cpu_s"] for r in mine]),
                "runtime_cpu_s": median([r["runtime_cpu_s"] for r in mine]),
                "peak_rss_mb": median([r["peak_rss_mb"] for r in mine]),
                "peak_anon_mb": median([r["peak_anon_mb"] for r in mine]),
                "peak_client_rss_mb": median([r["peak_client_rss_mb"] for r in mine]),
                "correct": min(r["correct"] for r in mine),
                "retries": max(r.get("retries", 0) for r in mine),
            }
        for client, row in medians.items():
            floor = medians.get(FLOOR.get(client, ""))
            row["vs_floor"] = round(row["wall_s"] / floor["wall_s"], 3) if floor else None
            sdk = medians.get("sdk")
            row["vs_sdk"] = round(row["wall_s"] / sdk["wall_s"], 3) if sdk and client != "sdk" else None
            summary.append(row)
    return summary


def render(summary: Sequence[dict[str, Any]]) -> str:
    headers = [
        "client",
        "N",
        "lat ms",
        "wall s",
        "best s",
        "vs floor",
        "vs SDK",
        "client CPU s",
        "runtime CPU s",
        "peak RSS MB",
        "peak anon MB",
        "client RSS MB",
        "ok",
    ]
    rows = [
        [
            LABELS.get(r["client"], r["client"]),
            str(r["n"]),
            str(r["latency_ms"]),
            fmt(r["wall_s"]),
            fmt(r["wall_best_s"]),
            fmt(r["vs_floor"]) + "x" if r["vs_floor"] else "",
            fmt(r["vs_sdk"]) + "x" if r["vs_sdk"] else "",
            fmt(r["client_cpu_s"]),
            fmt(r["runtime_cpu_s"]),
            fmt(r["peak_rss_mb"], 0),
            fmt(r["peak_anon_mb"], 0),
            fmt(r["peak_client_rss_mb"], 0),
            f"{r['correct']}/{r['n']}",
        ]
        for r in summary
    ]
    return table(headers, rows)


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "-n", "--n", type=int, nargs="+", default=None, help="prompt counts (default 20 100 200)"
    )
    parser.add_argument(
        "--latency", type=int, nargs="+", default=None, help="model latencies in ms (default 0 300)"
    )
    parser.add_argument("--repeat", type=int, default=None, help="runs per configuration (default 3)")
    parser.add_argument(
        "--clients", type=lambda s: s.split(","), default=None, help=f"of {','.join(CLIENTS)}"
    )
    parser.add_argument("--concurrency", type=int, default=0, help="prompts in flight per client (0: all N)")
    parser.add_argument("--quick", action="store_true", help="N=20,100, one repeat")
    parser.add_argument("--full", action="store_true", help="also persisted raw threads; 5 repeats")
    parser.add_argument("--output", type=Path, default=None, help="JSON path (default results/fanout.json)")
    # worker mode
    parser.add_argument("--worker", choices=sorted(WORKERS), help=argparse.SUPPRESS)
    parser.add_argument("--runtimes", type=int, default=1, help=argparse.SUPPRESS)
    parser.add_argument("--persisted", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--map-defaults", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--no-unsubscribe", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--home", help=argparse.SUPPRESS)
    parser.add_argument("--base-url", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker is None:
        args.n = args.n or ([20, 100] if args.quick else [20, 100, 200])
        args.latency = args.latency or [0, 300]
        args.repeat = args.repeat or (1 if args.quick else 5 if args.full else 3)
        args.clients = args.clients or (
            [*DEFAULT_CLIENTS, "raw-1-persisted"] if args.full else DEFAULT_CLIENTS
        )
        if "sdk" in args.clients and importlib.util.find_spec("openai_codex") is None:
            print("openai-codex is not installed: skipping the SDK (pip install openai-codex==0.163.0)")
            args.clients = [c for c in args.clients if c != "sdk"]
        unknown = set(args.clients) - set(CLIENTS)
        if unknown:
            parser.error(f"unknown clients {sorted(unknown)}")
    else:
        args.n = args.n[0]
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    if args.worker is not None:
        emit(WORKERS[args.worker](args))
        return 0
    results = run_matrix(args)
    path = write_results("fanout", results, args.output)
    print(render(results["summary"]))
    print(f"\nloadavg start {results['machine']['loadavg_start']} end {results['machine']['loadavg_end']}")
    print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
