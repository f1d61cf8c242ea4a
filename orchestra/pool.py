"""RuntimePool: N supervised runtime processes, least-loaded placement, health, drain.

Each pooled runtime lives in a :class:`RuntimeSlot`: its own CODEX_HOME (runtimes keep SQLite
state there; sharing one home between processes risks "database is locked") and its current
process, replaced by the pool's supervisor when it dies. A conversation is placed on a slot, not a
process, so after a crash it re-attaches to the slot's next process, which finds the thread's
rollout in the same home.
"""

from __future__ import annotations

import contextlib
import math
from collections.abc import AsyncIterator, Sequence
from pathlib import Path
from typing import Any

import attrs
import trio

from ._errors import OrchestraError, RuntimeExitedError, ThreadAlreadyOpenError
from ._ids import is_thread_id
from ._log import get_logger
from .runtime import CodexHome, Runtime
from .runtime._runtime import open_runtime
from .supervision import ChildSpec, Supervisor, SupervisorEscalation

log = get_logger("orchestra.pool")

#: Measured (benchmarks/, codex-runtime.md): the runtime is CPU-bound at ~80 ms per one-turn
#: thread; two processes beat one on 2 cores and avoid -32001 overload under bursts. More
#: processes than cores only add memory.
DEFAULT_RUNTIMES = 2


class PoolClosedError(OrchestraError):
    """The pool is draining or closed, or gave up restarting its runtimes."""


@attrs.define(eq=False)
class RuntimeSlot:
    """One pooled runtime across its restarts."""

    index: int
    home: CodexHome
    runtime: Runtime | None = None
    generation: int = 0
    load: int = 0  # conversations placed here
    failed: BaseException | None = None
    start_error: BaseException | None = None  # why the first start failed, if it did
    _changed: trio.Event = attrs.field(factory=trio.Event)

    def __repr__(self) -> str:
        pid = self.runtime.pid if self.runtime else None
        return f"<RuntimeSlot {self.index} gen={self.generation} pid={pid} load={self.load}>"

    @property
    def up(self) -> bool:
        return self.runtime is not None and not self.runtime.is_lost

    def newest_rollout(self, thread_id: str) -> Path | None:
        """The most recently written rollout of ``thread_id`` in this slot's CODEX_HOME (live or
        archived), if it has one. Blocking file-system work: call it from a worker thread."""
        if not is_thread_id(thread_id):  # "" or "*" would match every rollout
            return None
        pattern = f"rollout-*{thread_id}.jsonl"
        home = self.home.path
        found = [p for d in (home / "sessions", home / "archived_sessions") for p in d.rglob(pattern)]
        return max(found, key=_mtime, default=None)

    async def wait_runtime(self, *, newer_than: int = 0) -> tuple[Runtime, int]:
        """The slot's live runtime of a generation above ``newer_than``, and its generation.

        Blocks while the supervisor restarts it; raises :class:`PoolClosedError` if it gave up.
        """
        while True:
            if self.failed is not None:
                raise PoolClosedError(f"runtime slot {self.index} is gone: {self.failed}") from self.failed
            if self.runtime is not None and self.generation > newer_than and not self.runtime.is_lost:
                return self.runtime, self.generation
            await self._changed.wait()

    def _set(self, runtime: Runtime | None) -> None:
        if runtime is not None:
            self.generation += 1
        self.runtime = runtime
        self._changed.set()
        self._changed = trio.Event()

    def _fail(self, error: BaseException) -> None:
        self.failed = error
        self._set(None)


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:  # removed meanwhile
        return -1.0


def slot_with_newest_rollout(slots: Sequence[RuntimeSlot], thread_id: str) -> RuntimeSlot | None:
    """The slot whose CODEX_HOME holds the most recently written rollout of ``thread_id``: where
    the thread last went on (a thread resumed in another runtime's home continues in a copy
    there, and the original stays behind). Blocking: call it from a worker thread."""
    newest = [(rollout, slot) for slot in slots if (rollout := slot.newest_rollout(thread_id)) is not None]
    return max(newest, key=lambda pair: _mtime(pair[0]), default=(None, None))[1]


class RuntimePool:
    """Runs ``len(homes)`` runtimes under a one_for_one supervisor. Create with :func:`open_pool`."""

    def __init__(
        self,
        homes: Sequence[CodexHome],
        *,
        max_conversations_per_runtime: int | None = None,
        max_restarts: int = 5,
        restart_period: float = 30.0,
        runtime_options: dict[str, Any] | None = None,
    ) -> None:
        if not homes:
            raise ValueError("a pool needs at least one CODEX_HOME")
        self.slots = [RuntimeSlot(index=i, home=home) for i, home in enumerate(homes)]
        self.max_conversations_per_runtime = max_conversations_per_runtime
        self.runtime_options = runtime_options or {}
        self.supervisor = Supervisor(
            [ChildSpec(id=f"runtime-{s.index}", start=self._slot_starter(s)) for s in self.slots],
            strategy="one_for_one",
            max_restarts=max_restarts,
            period=restart_period,
            name="runtime-pool",
            concurrent_start=True,  # runtimes are independent: start them side by side
        )
        self._capacity_changed = trio.Event()
        self._draining = False
        self._open_threads: set[str] = set()

    def claim_thread(self, thread_id: str) -> None:
        """Mark ``thread_id`` as open in a conversation; :class:`ThreadAlreadyOpenError` if it is.

        The runtime routes a thread's events to one conversation: a second one attached to the
        same thread (a resume of a conversation still open) would take them, and the first would
        wait forever."""
        if thread_id in self._open_threads:
            raise ThreadAlreadyOpenError(thread_id)
        self._open_threads.add(thread_id)

    def release_thread(self, thread_id: str) -> None:
        self._open_threads.discard(thread_id)

    def __repr__(self) -> str:
        return f"<RuntimePool {self.slots}>"

    @property
    def runtimes(self) -> list[Runtime]:
        """The live runtimes right now."""
        return [s.runtime for s in self.slots if s.runtime is not None and s.up]

    def statistics(self) -> dict[str, Any]:
        return {
            "runtimes": len(self.slots),
            "up": sum(s.up for s in self.slots),
            "conversations": sum(s.load for s in self.slots),
            "restarts": self.supervisor.restart_count,
            "per_runtime": [
                {"index": s.index, "load": s.load, "generation": s.generation} for s in self.slots
            ],
        }

    # --- lifecycle ------------------------------------------------------------------------

    def _slot_starter(self, slot: RuntimeSlot) -> Any:
        async def run_slot(task_status: trio.TaskStatus[Runtime]) -> None:
            try:
                async with open_runtime(slot.home, **self.runtime_options) as runtime:
                    slot._set(runtime)
                    task_status.started(runtime)
                    lost = await runtime.wait_lost()
            except Exception as exc:
                if slot.generation == 0:
                    slot.start_error = exc
                raise
            slot._set(None)
            # Raising makes the supervisor restart this slot (and count it against the intensity).
            how = f"signal {lost.exit_signal}" if lost.exit_signal is not None else f"code {lost.exit_code}"
            raise RuntimeExitedError(
                f"runtime {slot.index} (pid {runtime.pid}) exited with {how}",
                exit_code=lost.exit_code,
                exit_signal=lost.exit_signal,
                stderr_tail=lost.stderr_tail,
            )

        return run_slot

    async def run(self, *, task_status: trio.TaskStatus[RuntimePool] = trio.TASK_STATUS_IGNORED) -> None:
        """Start every runtime, then supervise until cancelled; on escalation, fail every waiter."""
        try:
            async with trio.open_nursery() as nursery:
                await nursery.start(self.supervisor.run)  # returns once every first start is over
                if all(slot.generation == 0 for slot in self.slots):
                    # Not one runtime could start (a wrong binary, a broken config): say why now,
                    # rather than yield a pool whose every conversation waits on restarts. A pool
                    # with some runtimes up starts degraded and keeps restarting the others.
                    errors = [s.start_error for s in self.slots if s.start_error is not None]
                    raise errors[0] if errors else PoolClosedError("no runtime of the pool could start")
                task_status.started(self)
        except BaseExceptionGroup as group:
            escalation = group.subgroup(SupervisorEscalation)
            if escalation is None:
                raise
            error = escalation.exceptions[0]
            while isinstance(error, BaseExceptionGroup):
                error = error.exceptions[0]
            for slot in self.slots:
                slot._fail(error)
            raise error from None
        except SupervisorEscalation as error:
            for slot in self.slots:
                slot._fail(error)
            raise

    # --- placement ------------------------------------------------------------------------

    def _has_capacity(self, slot: RuntimeSlot) -> bool:
        limit = self.max_conversations_per_runtime
        return slot.failed is None and (limit is None or slot.load < limit)

    async def acquire(self) -> RuntimeSlot:
        """Place a conversation: the least-loaded slot with room (waits while all are full)."""
        while True:
            if self._draining:
                raise PoolClosedError("the pool is draining; no new conversations")
            candidates = [s for s in self.slots if self._has_capacity(s)]
            if all(s.failed is not None for s in self.slots):
                raise PoolClosedError("every runtime of the pool has failed")
            if candidates:
                # Prefer a slot that is up; among those, the least loaded, then the lowest index.
                slot = min(candidates, key=lambda s: (not s.up, s.load, s.index))
                slot.load += 1
                return slot
            await self._capacity_changed.wait()

    def release(self, slot: RuntimeSlot) -> None:
        slot.load -= 1
        self._capacity_changed.set()
        self._capacity_changed = trio.Event()

    @contextlib.asynccontextmanager
    async def placement(self, slot: RuntimeSlot | None = None) -> AsyncIterator[RuntimeSlot]:
        """Hold a place for one conversation: the least-loaded slot, or ``slot`` when a thread must
        live where its rollout is (forks, resumes)."""
        if slot is None:
            slot = await self.acquire()
        else:
            slot.load += 1
        try:
            yield slot
        finally:
            self.release(slot)

    # --- health and drain -----------------------------------------------------------------

    async def health(self, *, timeout: float = 10.0) -> list[bool]:
        """Per slot: the process is alive and answers a request within ``timeout``."""
        results: list[bool] = []
        for slot in self.slots:
            runtime = slot.runtime
            if runtime is None or runtime.is_lost:
                results.append(False)
                continue
            try:
                await runtime.request("thread/loaded/list", {}, timeout=timeout)
                results.append(True)
            except Exception:
                results.append(False)
        return results

    async def drain(self, *, timeout: float = math.inf) -> bool:
        """Refuse new conversations and wait until the placed ones are gone; True if they all left."""
        self._draining = True
        self._capacity_changed.set()
        with trio.move_on_after(timeout):
            while any(s.load for s in self.slots):
                await self._capacity_changed.wait()
                self._capacity_changed = trio.Event()
            return True
        return False


@contextlib.asynccontextmanager
async def open_pool(
    home: CodexHome,
    *,
    runtimes: int = DEFAULT_RUNTIMES,
    max_conversations_per_runtime: int | None = None,
    max_restarts: int = 5,
    restart_period: float = 30.0,
    runtime_options: dict[str, Any] | None = None,
) -> AsyncIterator[RuntimePool]:
    """Start a pool of ``runtimes`` processes. With more than one, each gets a clone of ``home``
    under ``home.path / "pool" / "runtime-N"``; with one, ``home`` itself is used."""
    homes = (
        [home]
        if runtimes == 1
        else [home.clone(home.path / "pool" / f"runtime-{i}") for i in range(runtimes)]
    )
    pool = RuntimePool(
        homes,
        max_conversations_per_runtime=max_conversations_per_runtime,
        max_restarts=max_restarts,
        restart_period=restart_period,
        runtime_options=runtime_options,
    )
    async with trio.open_nursery() as nursery:
        await nursery.start(pool.run)
        try:
            yield pool
        finally:
            nursery.cancel_scope.cancel()
