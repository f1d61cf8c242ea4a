"""Supervisor strategies, restart intensity and nesting, with plain trio children."""

from __future__ import annotations

from typing import Any

import pytest
import trio

from orchestra._groups import unwrap_single_exception
from orchestra.supervision import ChildSpec, Supervisor, SupervisorEscalation


class Child:
    """A controllable child: records its starts, fails when told to."""

    def __init__(self, name: str, log: list[str]) -> None:
        self.name = name
        self.log = log
        self.starts = 0
        self._fail = trio.Event()

    def fail(self) -> None:
        self._fail.set()

    async def start(self, task_status: trio.TaskStatus[Any]) -> None:
        self.starts += 1
        self._fail = trio.Event()
        self.log.append(f"start {self.name}")
        task_status.started(f"{self.name}#{self.starts}")
        try:
            await self._fail.wait()
        finally:
            self.log.append(f"stop {self.name}")
        raise RuntimeError(f"{self.name} crashed")

    def spec(self, restart: str = "permanent") -> ChildSpec:
        return ChildSpec(id=self.name, start=self.start, restart=restart)  # type: ignore[arg-type]


async def _until(predicate: Any, supervisor: Supervisor) -> None:
    with trio.fail_after(5):
        while not predicate():
            await supervisor.wait_changed()


def _make(strategy: str, log: list[str], **kwargs: Any) -> tuple[Supervisor, list[Child]]:
    children = [Child(n, log) for n in ("a", "b", "c")]
    return Supervisor([c.spec() for c in children], strategy=strategy, **kwargs), children  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("strategy", "restarted"),
    [("one_for_one", {"b"}), ("one_for_all", {"a", "b", "c"}), ("rest_for_one", {"b", "c"})],
)
async def test_strategies_restart_the_right_children(strategy: str, restarted: set[str]) -> None:
    log: list[str] = []
    supervisor, children = _make(strategy, log)
    async with trio.open_nursery() as nursery:
        await nursery.start(supervisor.run)
        log.clear()
        children[1].fail()
        await _until(
            lambda: (
                supervisor.generation("b") == 2
                and all(supervisor.generation(c.name) == (2 if c.name in restarted else 1) for c in children)
            ),
            supervisor,
        )
        assert {c.name for c in children if c.starts == 2} == restarted
        assert supervisor.child_value("b") == "b#2"
        nursery.cancel_scope.cancel()
    # Restarts happen in start order, after stops in reverse start order.
    starts = [entry for entry in log if entry.startswith("start")]
    assert starts == [f"start {name}" for name in ("a", "b", "c") if name in restarted]


async def test_exceeding_restart_intensity_escalates_with_a_clear_error() -> None:
    log: list[str] = []
    supervisor, children = _make("one_for_one", log, max_restarts=2, period=60.0, name="pool")
    with pytest.raises(SupervisorEscalation) as info, unwrap_single_exception():
        async with trio.open_nursery() as nursery:
            await nursery.start(supervisor.run)
            for expected_generation in (2, 3):
                children[0].fail()
                await _until(lambda g=expected_generation: supervisor.generation("a") == g, supervisor)
            children[0].fail()  # the third failure within the period is one too many
    error = info.value
    assert error.child_id == "a" and error.restarts == 3
    assert "pool" in str(error) and "'a' failed 3 times" in str(error) and "a crashed" in str(error)
    # Every child was stopped on the way out.
    assert log.count("stop b") == 1 and log.count("stop c") == 1


async def test_nested_supervisor_escalation_counts_as_a_child_failure_of_the_parent() -> None:
    log: list[str] = []
    inner, children = _make("one_for_one", log, max_restarts=0, period=60.0, name="inner")
    outer = Supervisor([inner.as_child()], strategy="one_for_one", max_restarts=5, period=60.0, name="outer")
    async with trio.open_nursery() as nursery:
        await nursery.start(outer.run)
        children[0].fail()  # inner gives up at once; outer restarts inner (and so its children)
        await _until(lambda: outer.generation("inner") == 2, outer)
        assert children[0].starts == 2 and children[1].starts == 2
        nursery.cancel_scope.cancel()


async def test_transient_and_temporary_children() -> None:
    log: list[str] = []
    done = trio.Event()

    async def finishes(task_status: trio.TaskStatus[Any]) -> None:
        task_status.started()
        await done.wait()

    temporary = Child("t", log)
    supervisor = Supervisor(
        [ChildSpec("ok", finishes, restart="transient"), temporary.spec("temporary")], name="s"
    )
    async with trio.open_nursery() as nursery:
        await nursery.start(supervisor.run)
        done.set()  # a transient child that returns normally is not restarted
        temporary.fail()  # a temporary child is never restarted
        await _until(lambda: "stop t" in log, supervisor)
        with trio.move_on_after(0.2):
            await supervisor.wait_changed()
        assert supervisor.generation("ok") == 1 and temporary.starts == 1
        assert supervisor.restart_count == 0
        nursery.cancel_scope.cancel()


async def test_a_child_that_fails_to_start_is_retried_then_escalates() -> None:
    attempts = 0

    async def never_starts(task_status: trio.TaskStatus[Any]) -> None:
        nonlocal attempts
        attempts += 1
        raise OSError("cannot bind")

    supervisor = Supervisor([ChildSpec("x", never_starts)], max_restarts=3, period=60.0, name="s")
    with pytest.raises(SupervisorEscalation, match="cannot bind"), unwrap_single_exception():
        async with trio.open_nursery() as nursery:
            await nursery.start(supervisor.run)
    assert attempts == 4
