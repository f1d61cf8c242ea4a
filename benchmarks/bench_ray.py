"""One process vs Ray on this machine: the same one-turn prompts through ``Orchestra.map`` (one
runtime) and through ``orchestra.distributed.open_ray_map`` (N Ray workers, one runtime each).

    python benchmarks/bench_ray.py [--prompts 60] [--workers 2] [--concurrency 8] [--latency-ms 200]

The model is the scripted one on 127.0.0.1 (``--latency-ms`` before each reply). Ray's start-up
is timed apart from the batch. Prints a table and writes benchmarks/results/ray.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import tempfile
import time
from pathlib import Path
from typing import Any

import ray
import trio

from orchestra import ModelProvider, build_codex_home, open_orchestra
from orchestra.distributed import WorkerSpec, open_ray_map
from orchestra.testing import ScriptedModel

RESULTS = Path(__file__).parent / "results"


async def one_process(base_url: str, prompts: list[str], concurrency: int, tmp: str) -> dict[str, Any]:
    home = build_codex_home(
        Path(tmp) / "home",
        provider=ModelProvider.scripted(base_url),
        model="scripted-model",
        api_key="sk-bench-0123456789",
    )
    started = time.perf_counter()
    ok = 0
    async with open_orchestra(home) as orch, orch.map(prompts, concurrency=concurrency) as results:
        async for result in results:
            ok += result.ok
    return {"setup": "one process, one runtime", "wall_s": time.perf_counter() - started, "ok": ok}


async def on_ray(
    base_url: str, prompts: list[str], workers: int, concurrency: int, tmp: str
) -> dict[str, Any]:
    spec = WorkerSpec(
        provider=ModelProvider.scripted(base_url),
        model="scripted-model",
        api_key="sk-bench-0123456789",
        concurrency=max(1, concurrency // workers),
        home_root=tmp,
    )
    started = time.perf_counter()
    ok = 0
    first = None
    async with open_ray_map(prompts, spec, workers=workers) as results:
        async for result in results:
            first = first or time.perf_counter() - started
            ok += result.ok
    return {
        "setup": f"ray, {workers} workers x {spec.concurrency}",
        "wall_s": time.perf_counter() - started,
        "first_result_s": first,
        "ok": ok,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--prompts", type=int, default=60)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--concurrency", type=int, default=8, help="prompts in flight in total")
    parser.add_argument("--latency-ms", type=float, default=200.0)
    args = parser.parse_args()

    prompts = [f"prompt {i}" for i in range(args.prompts)]
    rows: list[dict[str, Any]] = []
    with ScriptedModel(latency=args.latency_ms / 1000) as model, tempfile.TemporaryDirectory() as tmp:
        rows.append(trio.run(one_process, model.base_url, prompts, args.concurrency, tmp))
        started = time.perf_counter()
        ray.init(
            num_cpus=os.cpu_count() or 2,
            include_dashboard=False,
            log_to_driver=False,
            configure_logging=False,
        )
        ray_start = time.perf_counter() - started
        try:
            row = trio.run(on_ray, model.base_url, prompts, args.workers, args.concurrency, tmp)
        finally:
            ray.shutdown()
        row["ray_init_s"] = ray_start
        rows.append(row)

    print(f"{args.prompts} prompts, {args.concurrency} in flight, model latency {args.latency_ms:.0f} ms")
    print(f"{'setup':<28}{'wall s':>8}{'prompts/s':>11}{'ok':>5}{'ray.init s':>12}")
    for row in rows:
        ray_init = f"{row['ray_init_s']:.1f}" if "ray_init_s" in row else ""
        print(
            f"{row['setup']:<28}{row['wall_s']:>8.2f}{args.prompts / row['wall_s']:>11.1f}"
            f"{row['ok']:>5}{ray_init:>12}"
        )
    RESULTS.mkdir(exist_ok=True)
    out = RESULTS / "ray.json"
    out.write_text(
        json.dumps(
            {
                "machine": {
                    "cpus": os.cpu_count(),
                    "python": platform.python_version(),
                    "ray": ray.__version__,
                },
                "prompts": args.prompts,
                "concurrency": args.concurrency,
                "latency_ms": args.latency_ms,
                "rows": rows,
            },
            indent=2,
        )
        + "\n"
    )
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
