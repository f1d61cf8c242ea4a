"""CloudTaskActor against the fake backend: events in order, best-of-N, failures, retries, restarts.

No test sleeps: schedules count polls, and the manual tests drive each poll with ``poll_now``."""

from __future__ import annotations

from typing import Any

import attrs
import pytest
import trio
import trio.testing

from orchestra.cloud import (
    AttemptReady,
    CloudClient,
    CloudHttpError,
    CloudNotFoundError,
    CloudTaskActor,
    CloudTaskEvent,
    DiffReady,
    PollPolicy,
    StatusChanged,
    TaskCompleted,
    TaskCreated,
    TaskFailed,
)
from orchestra.testing.fake_cloud import AttemptScript, FakeCloud, Schedule, TaskScript

from .conftest import FAST_POLL, NEVER_POLL

DIFF_A = "diff --git a/a.txt b/a.txt\nnew file mode 100644\n--- /dev/null\n+++ b/a.txt\n@@ -0,0 +1 @@\n+a\n"
DIFF_C = "diff --git a/c.txt b/c.txt\nnew file mode 100644\n--- /dev/null\n+++ b/c.txt\n@@ -0,0 +1 @@\n+c\n"


def describe(event: CloudTaskEvent) -> tuple[object, ...]:
    match event:
        case TaskCreated():
            return ("created",)
        case StatusChanged(status=status, attempt_status=attempt_status):
            return ("status", status, attempt_status)
        case AttemptReady(attempt=attempt):
            return ("attempt", attempt.placement, attempt.status)
        case DiffReady(attempt=attempt):
            return ("diff", attempt.placement)
        case TaskCompleted():
            return ("completed",)
        case TaskFailed(message=message):
            return ("failed", message)
    raise AssertionError(event)


async def run_collecting(actor: CloudTaskActor, timeout: float = 10) -> list[CloudTaskEvent]:
    events: list[CloudTaskEvent] = []
    with trio.fail_after(timeout):
        async with trio.open_nursery() as nursery:
            nursery.start_soon(actor.run)
            async for event in actor.events:
                events.append(event)
    return events


async def test_create_poll_attempt_diff_completed(fake: FakeCloud, client: CloudClient) -> None:
    fake.script(
        TaskScript(attempts=[AttemptScript(diff=DIFF_A)], schedule=Schedule(pending_polls=1, running_polls=2))
    )
    actor = CloudTaskActor.create(client, "env_main", "Add a.txt", branch="main", poll=FAST_POLL)
    events = await run_collecting(actor)
    assert [describe(e) for e in events] == [
        ("created",),
        ("status", "pending", "pending"),
        ("status", "pending", "in-progress"),
        ("status", "ready", "completed"),
        ("attempt", 0, "completed"),
        ("diff", 0),
        ("completed",),
    ]
    created = events[0]
    assert isinstance(created, TaskCreated)
    assert created.url.endswith(f"/codex/tasks/{created.task_id}")
    diff_event = events[5]
    assert isinstance(diff_event, DiffReady) and diff_event.diff == DIFF_A
    assert actor.result is not None and actor.result.status == "ready"
    assert actor.task_id == created.task_id
    assert fake.task(created.task_id).polls == 4
    assert fake.requests[0].body["new_task"]["branch"] == "main"


async def test_best_of_n_attempts_finish_on_their_own_schedules(fake: FakeCloud, client: CloudClient) -> None:
    fake.script(
        TaskScript(
            attempts=[
                AttemptScript(diff=DIFF_A),
                AttemptScript(outcome="failed", error_code="OOM", error_message="ran out", running_polls=3),
                AttemptScript(diff=DIFF_C, diff_item="pr", running_polls=5),
            ],
            schedule=Schedule.after_polls(1),
        )
    )
    actor = CloudTaskActor.create(client, "env_main", "Three ways", best_of_n=3, poll=FAST_POLL)
    events = await run_collecting(actor)
    assert [describe(e) for e in events] == [
        ("created",),
        ("status", "pending", "in-progress"),
        ("status", "ready", "completed"),
        ("attempt", 0, "completed"),
        ("diff", 0),
        ("attempt", 1, "failed"),
        ("attempt", 2, "completed"),
        ("diff", 2),
        ("completed",),
    ]
    result = actor.result
    assert result is not None
    assert [a.placement for a in result.attempts] == [0, 1, 2]
    assert [a.placement for a in result.succeeded] == [0, 2]
    assert [a.diff for a in result.with_diffs] == [DIFF_A, DIFF_C]
    assert result.attempts[1].error == "OOM: ran out"
    assert result.error is None
    assert fake.task(result.task_id).polls == 6
    assert len(fake.requests_to("/tasks/*/turns/*/sibling_turns")) >= 5


async def test_all_attempts_failing_is_task_failed(fake: FakeCloud, client: CloudClient) -> None:
    fake.script(
        TaskScript(
            attempts=[
                AttemptScript(outcome="failed", error_code="E", error_message="broken"),
                AttemptScript(outcome="cancelled"),
            ],
            schedule=Schedule.immediately(),
        )
    )
    actor = CloudTaskActor.create(client, "env_main", "Doomed", best_of_n=2, poll=FAST_POLL)
    events = await run_collecting(actor)
    assert [describe(e) for e in events] == [
        ("created",),
        ("status", "error", "failed"),
        ("attempt", 0, "failed"),
        ("attempt", 1, "cancelled"),
        ("failed", "E: broken"),
    ]
    failed = events[-1]
    assert isinstance(failed, TaskFailed)
    assert failed.result.status == "error"
    assert actor.result is failed.result


async def test_manual_lifecycle_driven_by_poll_now(fake: FakeCloud, client: CloudClient) -> None:
    task_id = fake.add_task("env_main", "Follow me", script=TaskScript(schedule=Schedule.by_hand()))
    actor = CloudTaskActor.resume(client, task_id, poll=NEVER_POLL)
    async with trio.open_nursery() as nursery:
        with trio.fail_after(10):
            started_id = await nursery.start(actor.run)
            assert started_id == task_id
            first = await actor.events.receive()
            assert describe(first) == ("status", "pending", "pending")
            assert fake.task(task_id).polls == 1

            fake.advance(task_id)
            actor.poll_now()
            assert describe(await actor.events.receive()) == ("status", "pending", "in-progress")

            actor.poll_now()  # nothing changed: no event, but one more poll
            fake.complete(task_id)
            actor.poll_now()
            rest = [describe(e) async for e in actor.events]
    assert rest == [
        ("status", "ready", "completed"),
        ("attempt", 0, "completed"),
        ("diff", 0),
        ("completed",),
    ]
    assert actor.done
    stats = actor.statistics()
    assert (stats.task_id, stats.done, stats.runs) == (task_id, True, 1)


async def test_failed_polls_are_retried_under_the_policy(fake: FakeCloud, client: CloudClient) -> None:
    fake.script(TaskScript(schedule=Schedule.after_polls(1)))
    fake.fail_next("/tasks/task_e_000001", status=503, times=2)
    fake.rate_limit_next("/tasks/task_e_000001", retry_after=0)
    actor = CloudTaskActor.create(client, "env_main", "Flaky backend", poll=FAST_POLL)
    events = await run_collecting(actor)
    assert describe(events[-1]) == ("completed",)
    statuses = [r.status for r in fake.requests_to("/tasks/task_e_000001")]
    assert statuses[:4] == [503, 503, 429, 200]


async def test_run_raises_after_retries_and_a_second_run_continues(
    fake: FakeCloud, client: CloudClient
) -> None:
    fake.script(TaskScript(schedule=Schedule.by_hand()))
    actor = CloudTaskActor.create(client, "env_main", "Survive", poll=NEVER_POLL)
    with trio.fail_after(10):
        with pytest.RaisesGroup(CloudHttpError):
            async with trio.open_nursery() as nursery:
                task_id = await nursery.start(actor.run)
                assert describe(await actor.events.receive()) == ("created",)
                assert describe(await actor.events.receive()) == ("status", "pending", "pending")
                rule = fake.fail_next(f"/tasks/{task_id}", status=500, times=None)
                actor.poll_now()
        assert rule.hits == 4  # the client's retry policy ran out
        fake.clear_faults()
        fake.complete(task_id)
        async with trio.open_nursery() as nursery:
            assert await nursery.start(actor.run) == task_id  # picks the same task up, creates nothing
            rest = [describe(e) async for e in actor.events]
    assert rest == [
        ("status", "ready", "completed"),
        ("attempt", 0, "completed"),
        ("diff", 0),
        ("completed",),
    ]
    assert len(fake.tasks) == 1
    assert actor.statistics().runs == 2
    async with trio.open_nursery() as nursery:  # a finished actor just reports its result again
        assert await nursery.start(actor.run) == task_id


async def test_resume_by_id_in_a_new_actor(fake: FakeCloud, client: CloudClient) -> None:
    task_id = fake.add_task(
        "env_main", "Old task", best_of_n=2, script=TaskScript(schedule=Schedule.by_hand())
    )
    fake.complete(task_id)
    actor = CloudTaskActor.resume(client, client.task_url(task_id) and task_id, poll=FAST_POLL)
    events = await run_collecting(actor)
    assert [describe(e) for e in events] == [
        ("status", "ready", "completed"),
        ("attempt", 0, "completed"),
        ("diff", 0),
        ("attempt", 1, "completed"),
        ("diff", 1),
        ("completed",),
    ]


async def test_resume_of_an_unknown_task_raises(client: CloudClient) -> None:
    actor = CloudTaskActor.resume(client, "task_e_missing", poll=FAST_POLL)
    with trio.fail_after(10), pytest.raises(CloudNotFoundError):
        await actor.run()


async def test_supervisor_restarts_the_actor(fake: FakeCloud, client: CloudClient) -> None:
    supervision = pytest.importorskip("orchestra.supervision._supervisor")
    fake.script(TaskScript(schedule=Schedule.by_hand()))
    actor = CloudTaskActor.create(client, "env_main", "Supervised", poll=FAST_POLL)
    first_status = trio.Event()
    finished = trio.Event()
    events: list[tuple[object, ...]] = []

    async def consume() -> None:
        async for event in actor.events:
            events.append(describe(event))
            if isinstance(event, StatusChanged):
                first_status.set()
        finished.set()

    supervisor = supervision.Supervisor(
        [supervision.ChildSpec("cloud-task", actor.run, restart="transient")], max_restarts=5, period=60
    )
    with trio.fail_after(10):
        async with trio.open_nursery() as nursery:
            nursery.start_soon(consume)
            await nursery.start(supervisor.run)
            await first_status.wait()
            assert actor.task_id is not None
            fake.fail_next(f"/tasks/{actor.task_id}", status=500, times=8)  # two runs lose all 4 tries
            while supervisor.generation("cloud-task") < 3:
                await supervisor.wait_changed()
            fake.complete(actor.task_id)
            await finished.wait()
            nursery.cancel_scope.cancel()
    assert supervisor.restart_count == 2
    assert events == [
        ("created",),
        ("status", "pending", "pending"),
        ("status", "ready", "completed"),
        ("attempt", 0, "completed"),
        ("diff", 0),
        ("completed",),
    ]
    assert len(fake.tasks) == 1


async def test_mailbox_is_bounded(fake: FakeCloud, client: CloudClient) -> None:
    fake.script(TaskScript(schedule=Schedule.immediately()))
    actor = CloudTaskActor.create(
        client, "env_main", "Back-pressure", best_of_n=3, poll=FAST_POLL, mailbox_size=1
    )
    async with trio.open_nursery() as nursery:
        nursery.start_soon(actor.run)
        with trio.fail_after(10):
            await fake.wait_for_requests_async(2)  # created, then polled once
            while actor.statistics().mailbox.tasks_waiting_send == 0:
                await trio.testing.wait_all_tasks_blocked()
        stats = actor.statistics()
        assert stats.mailbox.current_buffer_used == 1 and stats.mailbox.max_buffer_size == 1
        await trio.testing.wait_all_tasks_blocked()
        assert actor.statistics().polls == 1  # it waits for the reader instead of polling on
        with trio.fail_after(10):
            events = [describe(e) async for e in actor.events]
    assert events[-1] == ("completed",)


@pytest.mark.parametrize("read_before_cancel", [1, 2, 3, 5, 6])
async def test_a_run_cancelled_while_the_mailbox_is_full_loses_no_event(
    fake: FakeCloud, client: CloudClient, read_before_cancel: int
) -> None:
    """A supervisor may cancel run() at any wait and run it again: every event still arrives once,
    in order, and the mailbox closes after the last (it was lost, or never closed, when the
    cancelled send was one the actor had already counted as delivered)."""
    script = TaskScript(attempts=[AttemptScript(diff=DIFF_A), AttemptScript(diff=DIFF_C)])
    fake.script(script)
    uncancelled = CloudTaskActor.create(client, "env_main", "Twice", best_of_n=2, poll=FAST_POLL)
    expected = [describe(e) for e in await run_collecting(uncancelled)]
    assert expected[-1] == ("completed",) and len(expected) >= 6

    fake.script(script)
    actor = CloudTaskActor.create(client, "env_main", "Twice", best_of_n=2, poll=FAST_POLL, mailbox_size=1)
    seen: list[tuple[Any, ...]] = []
    with trio.fail_after(10):
        async with trio.open_nursery() as nursery:
            nursery.start_soon(actor.run)
            for _ in range(read_before_cancel):
                seen.append(describe(await actor.events.receive()))
            await trio.testing.wait_all_tasks_blocked()  # the actor waits on the full mailbox
            nursery.cancel_scope.cancel()
        async with trio.open_nursery() as nursery:
            nursery.start_soon(actor.run)
            seen.extend([describe(e) async for e in actor.events])
    # How many status changes a run sees depends on when it polls; every other event is the same.
    assert [e for e in seen if e[0] != "status"] == [e for e in expected if e[0] != "status"]
    assert seen[-1] == ("completed",) and seen.count(("completed",)) == 1


async def test_cancellation_stops_the_actor(fake: FakeCloud, client: CloudClient) -> None:
    fake.script(TaskScript(schedule=Schedule.by_hand()))
    actor = CloudTaskActor.create(client, "env_main", "Cancel me", poll=NEVER_POLL)
    with trio.move_on_after(10) as outer:
        async with trio.open_nursery() as nursery:
            await nursery.start(actor.run)
            await actor.events.receive()
            await actor.events.receive()
            nursery.cancel_scope.cancel()
    assert not outer.cancelled_caught
    assert not actor.done


async def test_one_run_at_a_time(fake: FakeCloud, client: CloudClient) -> None:
    fake.script(TaskScript(schedule=Schedule.by_hand()))
    actor = CloudTaskActor.create(client, "env_main", "Once", poll=NEVER_POLL)
    async with trio.open_nursery() as nursery:
        await nursery.start(actor.run)
        with pytest.raises(RuntimeError, match="already running"):
            await actor.run()
        nursery.cancel_scope.cancel()


def test_actor_needs_a_request_or_an_id(client: CloudClient) -> None:
    with pytest.raises(ValueError):
        CloudTaskActor(client)
    with pytest.raises(ValueError):
        CloudTaskActor(client, task_id="t", mailbox_size=0)


def test_poll_policy() -> None:
    policy = PollPolicy(initial=1.0, multiplier=2.0, max=5.0, jitter=0.0)
    assert [policy.interval(n) for n in range(5)] == [1.0, 2.0, 4.0, 5.0, 5.0]
    assert policy.interval(10_000) == 5.0
    jittery = attrs.evolve(policy, jitter=0.5)
    assert all(0.5 <= jittery.interval(0) <= 1.5 for _ in range(100))
    for bad in ({"initial": 0}, {"initial": 2, "max": 1}, {"multiplier": 0.5}, {"jitter": 1.0}):
        with pytest.raises(ValueError):
            PollPolicy(**bad)
