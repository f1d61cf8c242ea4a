"""Fan-out beyond one machine: shard prompts over Ray actors, each running its own orchestra.

``open_ray_map(prompts, WorkerSpec(...), workers=N)`` starts N Ray actors; each builds a
CODEX_HOME on its node from the :class:`WorkerSpec`, starts its own runtime, and runs prompts
with the same code as ``Orchestra.map``. Results stream back as :class:`~orchestra.fanout.PromptResult`
in completion order; each prompt's result arrives exactly once, even when a worker dies (its
prompts are re-run on the others). Needs the ``ray`` extra.

What a real cluster needs, per node: the ``codex`` runtime (``openai-codex-cli-bin``, installed
with codex-orchestra), a writable directory for CODEX_HOMEs (``WorkerSpec.home_root``), the
credentials in the spec (sent to the workers by Ray: keep the cluster private), and a route to
the model endpoint (``provider.base_url``; OpenAI's API for ``ModelProvider.openai()``).
"""

from ._driver import (
    DistributedError,
    RayMapStats,
    RayNotInstalledError,
    RayResults,
    WorkersLostError,
    open_ray_map,
)
from ._spec import WorkerSpec
from ._worker import OrchestraWorker, WorkerInfo

__all__ = [
    "DistributedError",
    "OrchestraWorker",
    "RayMapStats",
    "RayNotInstalledError",
    "RayResults",
    "WorkerInfo",
    "WorkerSpec",
    "WorkersLostError",
    "open_ray_map",
]
