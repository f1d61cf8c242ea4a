"""Erlang/OTP-style supervisors on trio.

A :class:`Supervisor` runs children (each described by a :class:`ChildSpec`) in its own nursery and
restarts them when they fail, by a strategy:

- ``one_for_one``: restart only the child that failed;
- ``one_for_all``: stop every child, then restart them all in start order;
- ``rest_for_one``: stop the children started after the failed one, restart it and them in order.

Restart intensity: at most ``max_restarts`` restarts within ``period`` seconds. One more and the
supervisor stops its children and raises :class:`SupervisorEscalation` to whoever runs it — its
parent supervisor, which treats it as that child's failure. So supervisors nest.

A child is an async function ``start(task_status)`` that calls ``task_status.started(value)`` once
it is ready (the value becomes :meth:`Supervisor.child_value`) and then runs until it returns or
raises. Restart types, as in OTP: ``permanent`` children are always restarted, ``transient`` ones
only after a failure (an exception), ``temporary`` ones never. Everything runs in the supervisor's
nursery, visible to the caller; nothing runs in a hidden thread.
"""

from __future__ import annotations

import math
from collections import deque
from collections.abc import Awaitable, Callable, Sequence
from typing import Any, Literal

import attrs
import trio

from .._errors import OrchestraError
from .._groups import unwrap_single_exception
from .._log import get_logger

log = get_logger("orchestra.supervision")

Strategy = Literal["one_for_one", "one_for_all", "rest_for_one"]
RestartType = Literal["permanent", "transient", "temporary"]
StartFn = Callable[[trio.TaskStatus[Any]], Awaitable[None]]


class SupervisorEscalation(OrchestraError):
    """A supervisor exceeded its restart intensity and gave up.

    ``child_id`` failed ``restarts`` times within ``period`` seconds; ``last_error`` is why.
    """

    def __init__(
        self, supervisor: str, child_id: str, restarts: int, period: float, last_error: BaseException | None
    ):
        why = f"{type(last_error).__name__}: {last_error}" if last_error is not None else "exited"
        super().__init__(
            f"supervisor {supervisor!r} gave up: child {child_id!r} failed {restarts} times "
            f"within {period:g} s (last: {why})"
        )
        self.supervisor = supervisor
        self.child_id = child_id
        self.restarts = restarts
        self.period = period
        self.last_error = last_error


@attrs.frozen
class ChildSpec:
    """How to start a child and when to restart it."""

    id: str
    start: StartFn
    restart: RestartType = "permanent"


@attrs.frozen
class ChildExit:
    """A child's end, as the supervisor saw it."""

    child_id: str
    generation: int
    error: BaseException | None


@attrs.define
class _Running:
    spec: ChildSpec
    generation: int
    scope: trio.CancelScope
    value: Any = None
    stopping: bool = False
    done: trio.Event = attrs.Factory(trio.Event)


class Supervisor:
    """Runs and restarts children. Use ``await nursery.start(supervisor.run)`` or nest it as a child
    via :meth:`as_child`."""

    def __init__(
        self,
        children: Sequence[ChildSpec] = (),
        *,
        strategy: Strategy = "one_for_one",
        max_restarts: int = 3,
        period: float = 5.0,
        name: str = "supervisor",
        concurrent_start: bool = False,
    ) -> None:
        ids = [c.id for c in children]
        if len(ids) != len(set(ids)):
            raise ValueError(f"duplicate child ids in {ids}")
        self.name = name
        self.strategy = strategy
        # Independent children (one_for_one) may start side by side; otherwise in order, as in OTP.
        self.concurrent_start = concurrent_start
        self.max_restarts = max_restarts
        self.period = period
        self._specs: list[ChildSpec] = list(children)
        self._running: dict[str, _Running] = {}
        self._restart_times: deque[float] = deque()
        self._exits_send, self._exits_receive = trio.open_memory_channel[ChildExit](math.inf)
        self._nursery: trio.Nursery | None = None
        self._generations: dict[str, int] = {}
        self.restart_count = 0
        self._changed = trio.Event()
        self.log = log.bind(supervisor=name)

    def __repr__(self) -> str:
        return f"<Supervisor {self.name} {self.strategy} children={list(self._running)}>"

    # --- public ---------------------------------------------------------------------------

    def as_child(self, id: str | None = None, restart: RestartType = "permanent") -> ChildSpec:
        """This supervisor as a child of another one (supervisors nest)."""

        async def start(task_status: trio.TaskStatus[Any]) -> None:
            await self.run(task_status=task_status)

        return ChildSpec(id=id or self.name, start=start, restart=restart)

    def child_value(self, child_id: str) -> Any:
        """What the child's current incarnation passed to ``task_status.started``."""
        return self._running[child_id].value

    def generation(self, child_id: str) -> int:
        """How many times the child has been started (1 for the first start)."""
        return self._generations.get(child_id, 0)

    async def wait_changed(self) -> None:
        """Wait until any child is (re)started or stops."""
        await self._changed.wait()

    async def add_child(self, spec: ChildSpec) -> Any:
        """Start one more child while running; return its started value."""
        if spec.id in self._running or any(s.id == spec.id for s in self._specs):
            raise ValueError(f"child {spec.id!r} already exists")
        self._specs.append(spec)
        return await self._start(spec)

    async def remove_child(self, child_id: str) -> None:
        """Stop a child for good (it will not be restarted)."""
        self._specs = [s for s in self._specs if s.id != child_id]
        await self._stop(child_id)

    async def run(self, *, task_status: trio.TaskStatus[Supervisor] = trio.TASK_STATUS_IGNORED) -> None:
        """Start the children in order, then supervise until cancelled; raises
        :class:`SupervisorEscalation` (after stopping every child) when the intensity is exceeded."""
        # A restarted supervisor starts afresh, as in OTP: no children, no restart history.
        self._running.clear()
        self._restart_times.clear()
        self._exits_send, self._exits_receive = trio.open_memory_channel[ChildExit](math.inf)
        with unwrap_single_exception():
            async with trio.open_nursery() as nursery:
                self._nursery = nursery
                if self.concurrent_start:
                    async with trio.open_nursery() as starters:
                        for spec in list(self._specs):
                            starters.start_soon(self._start, spec)
                else:
                    for spec in list(self._specs):
                        await self._start(spec)
                task_status.started(self)
                async for child_exit in self._exits_receive:
                    await self._on_exit(child_exit)

    # --- internals ------------------------------------------------------------------------

    def _notify(self) -> None:
        self._changed.set()
        self._changed = trio.Event()

    async def _start(self, spec: ChildSpec) -> Any:
        assert self._nursery is not None, "supervisor is not running"
        generation = self._generations.get(spec.id, 0) + 1
        running = _Running(spec=spec, generation=generation, scope=trio.CancelScope())
        self._running[spec.id] = running
        running.value = await self._nursery.start(self._child_task, running)
        self._generations[spec.id] = generation  # only once it is up: generation() means "running"
        self.log.debug("child started", child=spec.id, generation=generation)
        self._notify()
        return running.value

    async def _child_task(self, running: _Running, *, task_status: trio.TaskStatus[Any]) -> None:
        error: BaseException | None = None
        started = False

        class _Status:
            def started(self, value: Any = None) -> None:
                nonlocal started
                started = True
                task_status.started(value)

        try:
            with running.scope:
                await running.spec.start(_Status())
        except Exception as exc:  # a child's failure is the supervisor's business, not the nursery's
            error = exc  # also when it failed before started(): that counts as a failed start
        finally:
            running.done.set()
        if not started:
            task_status.started(None)
        self._exits_send.send_nowait(ChildExit(running.spec.id, running.generation, error))

    async def _stop(self, child_id: str) -> None:
        running = self._running.pop(child_id, None)
        if running is None:
            return
        running.stopping = True
        running.scope.cancel()
        await running.done.wait()
        self._notify()

    async def _on_exit(self, child_exit: ChildExit) -> None:
        running = self._running.get(child_exit.child_id)
        if running is None or running.generation != child_exit.generation or running.stopping:
            return  # an exit we caused (strategy stop) or a stale incarnation
        del self._running[child_exit.child_id]
        self._notify()
        spec = running.spec
        failed = child_exit.error is not None
        if failed:
            self.log.warning("child failed", child=spec.id, error=repr(child_exit.error))
        if spec.restart == "temporary" or (spec.restart == "transient" and not failed):
            self._specs = [s for s in self._specs if s.id != spec.id]
            return
        self._count_restart(spec.id, child_exit.error)
        order = [s.id for s in self._specs]
        if self.strategy == "one_for_one":
            to_restart = [spec.id]
        elif self.strategy == "one_for_all":
            to_restart = order
        else:  # rest_for_one
            to_restart = order[order.index(spec.id) :]
        for child_id in reversed(to_restart):  # stop in reverse start order, like OTP
            if child_id != spec.id:
                await self._stop(child_id)
        for child_id in to_restart:
            restart_spec = next(s for s in self._specs if s.id == child_id)
            await self._start(restart_spec)

    def _count_restart(self, child_id: str, error: BaseException | None) -> None:
        now = trio.current_time()
        self._restart_times.append(now)
        while self._restart_times and self._restart_times[0] < now - self.period:
            self._restart_times.popleft()
        self.restart_count += 1
        if len(self._restart_times) > self.max_restarts:
            self.log.error("restart intensity exceeded", child=child_id, restarts=len(self._restart_times))
            raise SupervisorEscalation(self.name, child_id, len(self._restart_times), self.period, error)
        self.log.info("restarting", child=child_id, strategy=self.strategy)
