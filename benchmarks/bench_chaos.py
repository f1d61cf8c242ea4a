"""Chaos: many conversations over a runtime pool while runtimes are SIGKILLed on a schedule.

    python benchmarks/bench_chaos.py                       # 500 conversations, pool of 4, a kill every 2 s
    python benchmarks/bench_chaos.py -n 100 --kill-every 1  # quicker

Each conversation is a persisted thread with one turn against the scripted model (with latency, so
many turns are in flight when a runtime dies). A killed runtime is restarted by the pool's
supervisor; its conversations resume with ``thread/resume`` and re-run the turn in flight.
Prints completed / lost / duplicated counts, how many turns were re-run, and the recovery time
of every kill (kill -> the slot's replacement runtime answering), next to the time a runtime
takes to start, and saves JSON in benchmarks/results/chaos.json.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import statistics
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

import trio

from orchestra import open_orchestra
from orchestra.events import ConversationResumed, TurnRestarted
from orchestra.runtime import ModelProvider, build_codex_home, open_runtime
from orchestra.supervision import RetryPolicy, retry_call
from orchestra.testing import ScriptedModel, reply

RESULTS = Path(__file__).parent / "results"


async def _startup_time(home: Any, runs: int = 3) -> float:
    """Median seconds from spawn to a completed handshake: the floor for recovery."""
    times = []
    for _ in range(runs):
        started = trio.current_time()
        async with open_runtime(home):
            times.append(trio.current_time() - started)
    return statistics.median(times)


async def chaos(args: argparse.Namespace, home: Any, workdir: Path) -> dict[str, Any]:
    outcomes: Counter[str] = Counter()
    failures: Counter[str] = Counter()
    results_per_conversation: Counter[int] = Counter()
    reruns = 0
    resumed = 0
    recoveries: list[float] = []
    kills = 0
    async with open_orchestra(home, runtimes=args.runtimes, max_restarts=10_000, restart_period=60) as orch:
        limiter = trio.CapacityLimiter(args.concurrency)
        done = trio.Event()

        async def converse(index: int) -> None:
            nonlocal reruns, resumed
            async with limiter, orch.conversation(cwd=str(workdir)) as conv:
                turn = await conv.send(f"conversation {index}")
                async for event in turn:
                    if isinstance(event, TurnRestarted):
                        reruns += 1
                    elif isinstance(event, ConversationResumed):
                        resumed += 1
                result = await turn.result()
            results_per_conversation[index] += 1
            outcomes[result.status] += 1
            if result.status != "completed":
                failures[f"{type(result.error).__name__}: {str(result.error)[:120]}"] += 1

        async def killer() -> None:
            nonlocal kills
            rng = random.Random(7)
            while not done.is_set():
                with trio.move_on_after(args.kill_every):
                    await done.wait()
                if done.is_set():
                    return
                slot = rng.choice(orch.pool.slots)
                if slot.runtime is None or slot.runtime.is_lost:
                    continue
                generation = slot.generation
                killed_at = trio.current_time()
                os.kill(slot.runtime.pid, signal.SIGKILL)
                kills += 1
                runtime, _ = await slot.wait_runtime(newer_than=generation)

                # Recovered = the replacement answers requests (retrying while it is overloaded).
                async def answers(runtime: Any = runtime) -> Any:
                    return await runtime.request("thread/loaded/list", {}, timeout=30)

                await retry_call(answers, RetryPolicy(attempts=50))
                recoveries.append(trio.current_time() - killed_at)

        started = trio.current_time()
        async with trio.open_nursery() as nursery:
            nursery.start_soon(killer)
            async with trio.open_nursery() as conversations:
                for index in range(args.n):
                    conversations.start_soon(converse, index)
            done.set()
        wall = trio.current_time() - started
        restarts = orch.pool.supervisor.restart_count
    duplicated = sum(1 for count in results_per_conversation.values() if count > 1)
    return {
        "conversations": args.n,
        "runtimes": args.runtimes,
        "kill_every_s": args.kill_every,
        "completed": outcomes["completed"],
        "failed": sum(v for k, v in outcomes.items() if k != "completed"),
        "lost": args.n - len(results_per_conversation),
        "duplicated": duplicated,
        "kills": kills,
        "supervisor_restarts": restarts,
        "turns_rerun": reruns,
        "conversations_resumed": resumed,
        "recovery_s": [round(r, 3) for r in recoveries],
        "recovery_median_s": round(statistics.median(recoveries), 3) if recoveries else None,
        "recovery_max_s": round(max(recoveries), 3) if recoveries else None,
        "wall_s": round(wall, 2),
        "failure_reasons": dict(failures.most_common(10)),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", type=int, default=500, help="conversations")
    parser.add_argument("--runtimes", type=int, default=4)
    parser.add_argument("--concurrency", type=int, default=64, help="conversations open at once")
    parser.add_argument("--kill-every", type=float, default=2.0, help="seconds between SIGKILLs")
    parser.add_argument("--latency-ms", type=int, default=300, help="scripted model latency")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="orchestra-chaos-") as scratch, ScriptedModel() as model:
        model.latency = args.latency_ms / 1000
        model.default = lambda request: reply.text(f"done: {request.last_user_text}", chunks=3)
        home = build_codex_home(
            Path(scratch) / "home", provider=ModelProvider.scripted(model.base_url), model="scripted-model"
        )
        workdir = Path(scratch) / "work"
        workdir.mkdir()
        startup = trio.run(_startup_time, home)
        report = trio.run(chaos, args, home, workdir)
    report["runtime_start_s"] = round(startup, 3)
    report["target_recovery_s"] = round(startup + 0.5, 3)
    report["load_avg"] = os.getloadavg()
    report["recorded_at"] = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "chaos.json").write_text(json.dumps(report, indent=2) + "\n")
    print(f"{'conversations':<24}{report['conversations']}")
    for key in ("completed", "failed", "lost", "duplicated", "kills", "turns_rerun", "conversations_resumed"):
        print(f"{key:<24}{report[key]}")
    start, target = report["runtime_start_s"], report["target_recovery_s"]
    print(f"{'runtime start':<24}{start} s (target recovery <= {target} s)")
    print(f"{'recovery median / max':<24}{report['recovery_median_s']} / {report['recovery_max_s']} s")
    print(f"{'wall':<24}{report['wall_s']} s")
    for reason, count in report["failure_reasons"].items():
        print(f"  failed x{count}: {reason}")
    print(f"saved {RESULTS / 'chaos.json'}")


if __name__ == "__main__":
    main()
