"""The Ray actor: one orchestra (one runtime) per worker, driven through ``orchestra.aio``.

Ray runs an async actor's methods on an asyncio loop of its own; the orchestra runs in trio as a
guest on that loop. Each :meth:`OrchestraWorker.run` call runs one prompt with the core's
``run_prompt`` (overload retries included) and returns its :class:`PromptResult`.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import tempfile
from typing import Any

import attrs

from .. import aio
from .._log import get_logger
from .._orchestra import Orchestra as TrioOrchestra
from ..actors.approvals import decline_all
from ..fanout import Prompt, PromptResult, run_prompt
from ._spec import WorkerSpec

log = get_logger("orchestra.distributed.worker")


@attrs.frozen
class WorkerInfo:
    """Where a worker runs: its process, node and runtime."""

    name: str
    pid: int
    hostname: str
    runtime_pids: tuple[int, ...]
    home: str


async def _run_prompt(orch: TrioOrchestra, prompt: Prompt, spec: WorkerSpec) -> PromptResult:
    return await run_prompt(
        orch, prompt, timeout=spec.timeout, ephemeral=spec.ephemeral, approver=decline_all
    )


class OrchestraWorker:
    """A Ray actor class (wrapped with ``ray.remote`` by the driver). Methods are async: Ray runs
    them on the actor's event loop, where the orchestra's trio side is a guest."""

    def __init__(self, spec: WorkerSpec, name: str) -> None:
        self._spec = spec
        self._name = name
        self._stack = contextlib.AsyncExitStack()
        self._orch: aio.Orchestra | None = None
        self._home_dir: str | None = None

    async def start(self) -> WorkerInfo:
        """Build this node's CODEX_HOME and start the runtime."""
        if self._orch is None:
            self._home_dir = tempfile.mkdtemp(prefix=f"orchestra-{self._name}-", dir=self._spec.home_root)
            home = self._spec.build_home(self._home_dir)
            self._orch = await self._stack.enter_async_context(
                aio.open_orchestra(home, runtimes=self._spec.runtimes)
            )
            log.info("worker started", worker=self._name, runtime_pids=self._orch.runtime_pids)
        assert self._home_dir is not None
        return WorkerInfo(
            name=self._name,
            pid=os.getpid(),
            hostname=socket.gethostname(),
            runtime_pids=tuple(self._orch.runtime_pids),
            home=self._home_dir,
        )

    async def run(self, prompt: Prompt) -> PromptResult:
        if self._orch is None:
            await self.start()
        assert self._orch is not None
        result: PromptResult = await self._orch.call(_run_prompt, prompt, self._spec)
        return result

    async def stop(self) -> None:
        """Close the orchestra (runtime included) and remove the home."""
        await self._stack.aclose()
        self._orch = None
        if self._home_dir is not None:
            shutil.rmtree(self._home_dir, ignore_errors=True)
            self._home_dir = None

    def ready(self) -> Any:
        return True
