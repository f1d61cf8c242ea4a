"""The driver: shard prompts over Ray actors and stream results back in completion order.

Scheduling is the driver's, in plain sight: it keeps every worker at ``spec.concurrency`` prompts
in flight (one Ray call per prompt), and hands the next prompt to whichever worker finishes
first. A call's completion reaches trio through ``ObjectRef.future()`` callbacks (Ray's thread →
``TrioToken.run_sync_soon``): no thread blocked in ``ray.wait``, no polling.

Failure semantics: a prompt's result is emitted exactly once, when its call returns. A call
that fails because its worker died (``RayActorError``) puts the prompt back at the front of the
queue for the surviving workers; the dead worker is replaced (at most ``max_worker_restarts``
times). A prompt lost with its worker more than ``max_lost`` times becomes a failed result.
If no worker is left, :class:`WorkersLostError` ends the batch (the prompts not run are listed).
"""

from __future__ import annotations

import collections
import contextlib
import functools
import itertools
import math
import os
from collections.abc import AsyncIterator, Iterable, Mapping
from typing import Any

import attrs
import trio

from .._errors import OrchestraError
from .._groups import unwrap_single_exception
from .._log import get_logger, redact_text
from ..fanout import Prompt, PromptLike, PromptResult
from ._spec import WorkerSpec
from ._worker import OrchestraWorker, WorkerInfo

log = get_logger("orchestra.distributed")

#: How long closing waits for a worker to stop its runtime before killing the actor.
STOP_TIMEOUT = 20.0


class DistributedError(OrchestraError):
    """Base class of errors of the Ray backend."""


class RayNotInstalledError(DistributedError):
    """The ``ray`` package is missing: ``pip install 'codex-orchestra[ray]'``."""


class WorkersLostError(DistributedError):
    """Every worker died and none may be restarted; ``unfinished`` lists the prompt ids not run."""

    def __init__(self, message: str, unfinished: list[str]) -> None:
        super().__init__(message)
        self.unfinished = unfinished


def _import_ray() -> Any:
    try:
        import ray  # type: ignore[import-not-found, unused-ignore]
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise RayNotInstalledError(
            "orchestra.distributed needs ray: pip install 'codex-orchestra[ray]'"
        ) from exc
    return ray


@attrs.define(eq=False)
class _Worker:
    handle: Any
    name: str
    info: WorkerInfo | None = None
    alive: bool = True
    in_flight: int = 0


@attrs.define
class RayMapStats:
    """What happened to a batch so far."""

    emitted: int = 0
    requeued: int = 0
    workers_lost: int = 0
    workers_started: int = 0


class RayResults:
    """Results of :func:`open_ray_map` in completion order (``async for``), plus what the driver
    knows about its workers."""

    def __init__(self, receive: trio.MemoryReceiveChannel[PromptResult], driver: _Driver) -> None:
        self._receive = receive
        self._driver = driver

    def __aiter__(self) -> RayResults:
        return self

    async def __anext__(self) -> PromptResult:
        try:
            return await self._receive.receive()
        except trio.EndOfChannel:
            raise StopAsyncIteration from None

    @property
    def workers(self) -> list[WorkerInfo]:
        """The workers alive now (process id, node, runtime)."""
        return [w.info for w in self._driver.workers if w.alive and w.info is not None]

    @property
    def stats(self) -> RayMapStats:
        return self._driver.stats


class _Driver:
    def __init__(
        self,
        ray: Any,
        prompts: list[Prompt],
        spec: WorkerSpec,
        *,
        workers: int,
        max_worker_restarts: int,
        max_lost: int,
        actor_options: Mapping[str, Any],
    ) -> None:
        self.ray = ray
        self.spec = spec
        self.pending: collections.deque[Prompt] = collections.deque(prompts)
        self.worker_count = workers
        self.restarts_left = max_worker_restarts
        self.last_loss: str | None = None  # why the last worker was lost, for the final error
        self.max_lost = max_lost
        self.actor_class = ray.remote(OrchestraWorker).options(**actor_options)
        self.workers: list[_Worker] = []
        self.in_flight: dict[Any, tuple[_Worker, Prompt]] = {}
        self.lost: collections.Counter[str] = collections.Counter()
        self.emitted: set[str] = set()
        self.stats = RayMapStats()
        self._names = (f"w{i}" for i in itertools.count())
        self._done_send, self._done_receive = trio.open_memory_channel[Any](math.inf)

    # --- workers ------------------------------------------------------------------------

    async def start_worker(self) -> None:
        name = next(self._names)
        worker = _Worker(handle=self.actor_class.remote(self.spec, name), name=name)
        self.workers.append(worker)
        self.stats.workers_started += 1
        try:
            worker.info = await self._get(worker.handle.start.remote())
            log.info("ray worker up", worker=name, pid=worker.info.pid, host=worker.info.hostname)
        except self.ray.exceptions.RayError as exc:
            log.warning("ray worker failed to start", worker=name, error=repr(exc))
            self.last_loss = f"{name} failed to start: {exc!r}"
            await self._lose(worker)

    async def _lose(self, worker: _Worker) -> None:
        if not worker.alive:
            return
        worker.alive = False
        self.stats.workers_lost += 1
        with contextlib.suppress(Exception):
            self.ray.kill(worker.handle, no_restart=True)
        if self.restarts_left > 0:
            self.restarts_left -= 1
            log.warning("replacing lost ray worker", worker=worker.name)
            await self.start_worker()

    async def stop_workers(self) -> None:
        """Ask every live worker to close its runtime (bounded), then kill the actors."""
        refs = [w.handle.stop.remote() for w in self.workers if w.alive]

        def wait_stopped() -> None:
            with contextlib.suppress(Exception):
                self.ray.wait(refs, num_returns=len(refs), timeout=STOP_TIMEOUT)

        if refs:
            await trio.to_thread.run_sync(wait_stopped)
        for worker in self.workers:
            with contextlib.suppress(Exception):
                self.ray.kill(worker.handle, no_restart=True)
            worker.alive = False

    # --- calls --------------------------------------------------------------------------

    async def _get(self, ref: Any) -> Any:
        """Wait for one ObjectRef without blocking trio (a callback wakes us)."""
        done = trio.Event()
        token = trio.lowlevel.current_trio_token()
        ref.future().add_done_callback(lambda _: _run_soon(token, done.set))
        await done.wait()
        return self.ray.get(ref)

    def submit(self, worker: _Worker, prompt: Prompt) -> None:
        ref = worker.handle.run.remote(prompt)
        worker.in_flight += 1
        self.in_flight[ref] = (worker, prompt)
        token = trio.lowlevel.current_trio_token()
        send = functools.partial(self._done_send.send_nowait, ref)
        ref.future().add_done_callback(lambda _: _run_soon(token, send))

    def fill(self) -> None:
        for worker in self.workers:
            while worker.alive and worker.info is not None and worker.in_flight < self.spec.concurrency:
                if not self.pending:
                    return
                self.submit(worker, self.pending.popleft())

    async def run(self, results: trio.MemorySendChannel[PromptResult]) -> None:
        # ``with``, not ``async with``: aclose() checkpoints, and a cancellation landing there
        # would replace (and so hide) the error that is closing the channel.
        with results:
            for _ in range(self.worker_count):
                await self.start_worker()
            while self.pending or self.in_flight:
                self.fill()
                if not self.in_flight:
                    unfinished = [p.id for p in self.pending]
                    why = f" (last: {redact_text(self.last_loss)[:500]})" if self.last_loss else ""
                    raise WorkersLostError(
                        f"no ray worker left; {len(unfinished)} prompts not run{why}", unfinished
                    )
                ref = await self._done_receive.receive()
                worker, prompt = self.in_flight.pop(ref)
                worker.in_flight -= 1
                try:
                    result: PromptResult | None = self.ray.get(ref)
                except self.ray.exceptions.RayActorError as exc:
                    result = await self._requeue(worker, prompt, exc)
                except self.ray.exceptions.RayError as exc:
                    result = PromptResult(id=prompt.id, status="error", error=repr(exc))
                if result is None:
                    continue
                if result.id in self.emitted:  # cannot happen by construction; never emit twice
                    log.error("duplicate result dropped", prompt_id=result.id)
                    continue
                self.emitted.add(result.id)
                self.stats.emitted += 1
                await results.send(result)

    async def _requeue(self, worker: _Worker, prompt: Prompt, exc: BaseException) -> PromptResult | None:
        """The prompt's worker died: queue it again (``None``), or give up on it (a failed result)."""
        self.lost[prompt.id] += 1
        self.last_loss = f"{worker.name} died running {prompt.id}: {exc!r}"
        log.warning(
            "prompt lost with its worker", prompt_id=prompt.id, worker=worker.name, error=type(exc).__name__
        )
        if worker.alive:
            await self._lose(worker)
        if self.lost[prompt.id] > self.max_lost:
            error = f"lost with its ray worker {self.lost[prompt.id]} times: {exc!r}"
            return PromptResult(id=prompt.id, status="error", error=error, attempts=self.lost[prompt.id])
        self.stats.requeued += 1
        self.pending.appendleft(prompt)
        return None


def _run_soon(token: trio.lowlevel.TrioToken, fn: Any) -> None:
    with contextlib.suppress(trio.RunFinishedError):
        token.run_sync_soon(fn)


@contextlib.asynccontextmanager
async def open_ray_map(
    prompts: Iterable[PromptLike],
    spec: WorkerSpec,
    *,
    workers: int = 2,
    address: str | None = None,
    init_options: Mapping[str, Any] | None = None,
    actor_options: Mapping[str, Any] | None = None,
    max_worker_restarts: int = 4,
    max_lost: int = 2,
) -> AsyncIterator[RayResults]:
    """Run one-turn ``prompts`` on ``workers`` Ray actors, each with its own orchestra and runtime
    built from ``spec`` on its node; ``async for`` the results (the same :class:`PromptResult` as
    ``Orchestra.map``) as they complete. Runs in trio::

        spec = WorkerSpec(provider=ModelProvider.openai(), model="gpt-5.5", api_key=key)
        async with open_ray_map(prompts, spec, workers=8, address="ray://head:10001") as results:
            async for result in results:
                print(result.id, result.status)

    If Ray is not initialised yet, it is (``ray.init(address, **init_options)``) and shut down
    again on exit. Workers are spread over nodes (``scheduling_strategy="SPREAD"``, ``num_cpus=1``)
    unless ``actor_options`` says otherwise. Each prompt's result arrives exactly once; see the
    module docstring for what happens when a worker dies. Leaving the block stops the workers
    (each closes its runtime) and kills the actors.
    """
    ray = _import_ray()
    listed = [Prompt.coerce(p, i) for i, p in enumerate(prompts)]
    if len({p.id for p in listed}) != len(listed):
        raise ValueError("prompt ids must be unique in a batch")
    if workers < 1 or spec.concurrency < 1:
        raise ValueError("workers and spec.concurrency must be at least 1")
    options: dict[str, Any] = {"num_cpus": 1, "scheduling_strategy": "SPREAD", "max_concurrency": 1000}
    options.update(actor_options or {})
    owns_ray = not ray.is_initialized()
    if owns_ray:
        if address in (None, "local"):
            # Ray reports usage statistics to usage-stats.ray.io by default: a Ray started here
            # for us sends nothing off the machine (unless the user chose otherwise).
            os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")
        await trio.to_thread.run_sync(functools.partial(ray.init, address=address, **(init_options or {})))
    driver = _Driver(
        ray,
        listed,
        spec,
        workers=workers,
        max_worker_restarts=max_worker_restarts,
        max_lost=max_lost,
        actor_options=options,
    )
    send, receive = trio.open_memory_channel[PromptResult](workers * spec.concurrency)
    try:
        with unwrap_single_exception():
            async with trio.open_nursery() as nursery:
                nursery.start_soon(driver.run, send)
                try:
                    yield RayResults(receive, driver)
                finally:
                    nursery.cancel_scope.cancel()
    finally:
        with trio.CancelScope(shield=True):
            await driver.stop_workers()
            if owns_ray:
                await trio.to_thread.run_sync(ray.shutdown)
