"""Fan-out over Ray (``orchestra.distributed``): every worker runs its own runtime on its node.

    pip install 'codex-orchestra[ray]'
    python examples/ray_example.py                 # a local Ray instance, 2 workers
    RAY_ADDRESS=ray://head:10001 python examples/ray_example.py

On a real cluster each node needs the codex runtime (installed with codex-orchestra), a writable
directory for its CODEX_HOME, and a route to the model endpoint; the credentials travel in the
WorkerSpec. The model here: ``ORCHESTRA_EXAMPLE_BASE_URL`` (a Responses API base URL reachable from
every worker), else a scripted model started here on 127.0.0.1 (so: workers on this machine only).
"""

from __future__ import annotations

import contextlib
import os

import ray
import trio

from orchestra import ModelProvider
from orchestra.distributed import WorkerSpec, open_ray_map
from orchestra.testing import ScriptedModel


async def main(base_url: str) -> None:
    spec = WorkerSpec(
        provider=ModelProvider.scripted(base_url),
        model="scripted-model",
        api_key="sk-example",
        concurrency=4,  # prompts in flight per worker
    )
    prompts = [f"Explain topic {i}" for i in range(8)]
    async with open_ray_map(prompts, spec, workers=2) as results:
        async for r in results:
            print(r.id, r.status, r.final_text)
        print("workers lost:", results.stats.workers_lost, "prompts re-run:", results.stats.requeued)


if __name__ == "__main__":
    with contextlib.ExitStack() as stack:
        base_url = (
            os.environ.get("ORCHESTRA_EXAMPLE_BASE_URL") or stack.enter_context(ScriptedModel()).base_url
        )
        if os.environ.get("RAY_ADDRESS"):
            ray.init()
        else:
            ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, configure_logging=False)
        stack.callback(ray.shutdown)
        trio.run(main, base_url)
