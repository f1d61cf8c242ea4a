"""CloudTaskActor: create a cloud task (or pick one up by id), poll it until every attempt is done,
and deliver typed events to a bounded mailbox.

::

    actor = CloudTaskActor.create(client, env.id, "Fix the flaky test", best_of_n=3)
    async with trio.open_nursery() as nursery:
        nursery.start_soon(actor.run)
        async for event in actor.events:           # ends after TaskCompleted / TaskFailed
            match event:
                case DiffReady(attempt=attempt, diff=diff): ...
    result = actor.result                          # every attempt, sorted by placement

Events, in order: ``TaskCreated`` (only when this actor created the task), ``StatusChanged``
whenever the task status or the current attempt's status changes (the first poll always reports
one), per attempt an
``AttemptReady`` once it is completed/failed/cancelled, followed by a ``DiffReady`` if it has a diff,
then one final ``TaskCompleted`` (at least one attempt completed) or ``TaskFailed`` (none did). The
mailbox is then closed.

Polling: one ``GET /tasks/{id}`` per poll (plus ``sibling_turns`` while best-of-N attempts are still
running), spaced by the :class:`PollPolicy`; :meth:`CloudTaskActor.poll_now` cuts the current wait
short. A failing request is retried under the client's retry policy; if it still fails, :meth:`run`
raises and the mailbox stays open, so a supervisor can call :meth:`run` again: the actor picks the
task up by id and does not repeat events it already delivered. A new actor made with
:meth:`CloudTaskActor.resume` picks up any task by id (and reports its state from scratch).

Back-pressure: the mailbox is bounded (``mailbox_size``); when it is full the actor waits for the
reader before polling again. Cancellation: :meth:`run` is cancellable at every wait; an event it
had not yet put in the mailbox is kept and delivered first by the next :meth:`run`, so none is lost
(and a finished actor's next ``run`` still delivers the final event and closes the mailbox).
"""

from __future__ import annotations

import random
from collections import deque
from typing import Any

import attrs
import trio

from .._log import get_logger
from ._client import CloudClient
from ._policy import PollPolicy
from ._types import Attempt, AttemptStatus, TaskDetails, TaskStatus
from ._wire import attempt_sort_key

log = get_logger("orchestra.cloud.actor")


@attrs.frozen
class TaskRequest:
    """What to create: ``POST /tasks`` arguments."""

    environment_id: str
    prompt: str
    best_of_n: int = 1
    branch: str | None = None
    qa_mode: bool = False
    starting_diff: str | None = None


@attrs.frozen
class TaskResult:
    """A finished task: its final status and every attempt (sorted by placement)."""

    task_id: str
    status: TaskStatus
    attempts: tuple[Attempt, ...]
    error: str | None = None

    @property
    def succeeded(self) -> tuple[Attempt, ...]:
        """The attempts that completed."""
        return tuple(a for a in self.attempts if a.succeeded)

    @property
    def with_diffs(self) -> tuple[Attempt, ...]:
        """The attempts that have a diff, in order — ``--attempt N`` numbers these from 1."""
        return tuple(a for a in self.attempts if a.diff is not None)


@attrs.frozen
class TaskCreated:
    task_id: str
    url: str


@attrs.frozen
class StatusChanged:
    """The task status, or its current attempt's status, changed (the first poll always reports)."""

    task_id: str
    status: TaskStatus
    previous: TaskStatus | None
    attempt_status: AttemptStatus | None = None
    """The current attempt's status (``pending`` → ``in-progress`` → ...), if there is one."""
    details: TaskDetails | None = attrs.field(default=None, repr=False)


@attrs.frozen
class AttemptReady:
    """An attempt reached a terminal status (completed, failed or cancelled)."""

    task_id: str
    attempt: Attempt = attrs.field(repr=lambda a: f"<Attempt {a.turn_id} {a.status} placement={a.placement}>")


@attrs.frozen
class DiffReady:
    """A terminal attempt has a diff."""

    task_id: str
    attempt: Attempt = attrs.field(repr=lambda a: f"<Attempt {a.turn_id} placement={a.placement}>")
    diff: str = attrs.field(repr=lambda d: f"<{len(d)} chars>")


@attrs.frozen
class TaskCompleted:
    task_id: str
    result: TaskResult


@attrs.frozen
class TaskFailed:
    task_id: str
    message: str
    result: TaskResult


CloudTaskEvent = TaskCreated | StatusChanged | AttemptReady | DiffReady | TaskCompleted | TaskFailed


@attrs.frozen
class ActorStatistics:
    task_id: str | None
    polls: int
    runs: int
    done: bool
    mailbox: Any
    """The mailbox's ``MemoryChannelStatistics`` (buffer used/size, waiting tasks)."""


def _key(attempt: Attempt) -> str:
    return attempt.turn_id or f"placement:{attempt.placement}"


class CloudTaskActor:
    """Runs one cloud task to completion. See the module docstring.

    Make one with :meth:`create` (starts a new task when run) or :meth:`resume` (an existing id).
    """

    def __init__(
        self,
        client: CloudClient,
        *,
        request: TaskRequest | None = None,
        task_id: str | None = None,
        poll: PollPolicy | None = None,
        mailbox_size: int = 64,
        rng: random.Random | None = None,
    ) -> None:
        if request is None and task_id is None:
            raise ValueError("give a TaskRequest to create a task, or the task_id of an existing one")
        if mailbox_size < 1:
            raise ValueError("mailbox_size must be at least 1")
        self.client = client
        self.request = request
        self.poll_policy = poll if poll is not None else PollPolicy()
        self._task_id = task_id
        self._send, self.events = trio.open_memory_channel[CloudTaskEvent](mailbox_size)
        self._status: TaskStatus | None = None
        self._attempt_status: AttemptStatus | None = None
        self._reported: set[str] = set()
        # Events decided on but not yet in the mailbox: state changes and their events are made
        # together, and an event leaves here only once sent (a cancelled send leaves it here).
        self._outbox: deque[CloudTaskEvent] = deque()
        self._result: TaskResult | None = None
        self._poke = trio.Event()
        self._rng = rng or random.Random()
        self._polls = 0
        self._runs = 0
        self._running = False

    @classmethod
    def create(
        cls,
        client: CloudClient,
        environment_id: str,
        prompt: str,
        *,
        best_of_n: int = 1,
        branch: str | None = None,
        qa_mode: bool = False,
        starting_diff: str | None = None,
        poll: PollPolicy | None = None,
        mailbox_size: int = 64,
    ) -> CloudTaskActor:
        """An actor that creates the task when it first runs."""
        request = TaskRequest(environment_id, prompt, best_of_n, branch, qa_mode, starting_diff)
        return cls(client, request=request, poll=poll, mailbox_size=mailbox_size)

    @classmethod
    def resume(
        cls, client: CloudClient, task_id: str, *, poll: PollPolicy | None = None, mailbox_size: int = 64
    ) -> CloudTaskActor:
        """An actor that follows an existing task."""
        return cls(client, task_id=task_id, poll=poll, mailbox_size=mailbox_size)

    def __repr__(self) -> str:
        state = "done" if self._result is not None else ("running" if self._running else "idle")
        return f"<CloudTaskActor {self._task_id or '(not created)'} {state} polls={self._polls}>"

    @property
    def task_id(self) -> str | None:
        """The task's id (``None`` until a created task exists)."""
        return self._task_id

    @property
    def result(self) -> TaskResult | None:
        """The final result, once every attempt is done."""
        return self._result

    @property
    def done(self) -> bool:
        return self._result is not None

    def poll_now(self) -> None:
        """Poll again without waiting out the current interval (thread-unsafe; call from trio)."""
        self._poke.set()

    def statistics(self) -> ActorStatistics:
        return ActorStatistics(self._task_id, self._polls, self._runs, self.done, self._send.statistics())

    async def run(self, task_status: trio.TaskStatus[str] = trio.TASK_STATUS_IGNORED) -> TaskResult:
        """Create (if needed) and poll until done; return the result.

        Signals ``task_status.started(task_id)`` once the task exists, so ``await nursery.start(actor.run)``
        returns its id, and ``ChildSpec(id, actor.run)`` makes it a supervisor's child (``task_status``
        may be passed by position or keyword). Raises what the client raises after its
        retries (the mailbox stays open then, and calling ``run`` again continues). Only one ``run`` at
        a time.
        """
        if self._running:
            raise RuntimeError("this CloudTaskActor is already running")
        self._running = True
        self._runs += 1
        try:
            task_id = self._result.task_id if self._result is not None else await self._ensure_task()
            task_status.started(task_id)
            await self._flush()
            result = self._result if self._result is not None else await self._poll_until_done(task_id)
            await self._send.aclose()
            return result
        finally:
            self._running = False

    async def _ensure_task(self) -> str:
        if self._task_id is not None:
            return self._task_id
        assert self.request is not None
        r = self.request
        created = await self.client.create_task(
            r.environment_id,
            r.prompt,
            branch=r.branch,
            best_of_n=r.best_of_n,
            qa_mode=r.qa_mode,
            starting_diff=r.starting_diff,
        )
        self._task_id = created.id
        log.info("cloud.actor.created", task_id=created.id, best_of_n=r.best_of_n)
        self._outbox.append(TaskCreated(created.id, self.client.task_url(created.id)))
        return created.id

    async def _flush(self) -> None:
        """Put the decided events in the mailbox, in order, each removed only once sent."""
        while self._outbox:
            await self._send.send(self._outbox[0])
            self._outbox.popleft()

    async def _poll_until_done(self, task_id: str) -> TaskResult:
        unchanged = 0
        while True:
            changed = await self._poll_once(task_id)
            await self._flush()
            if self._result is not None:
                return self._result
            unchanged = 0 if changed else unchanged + 1
            await self._wait(self.poll_policy.interval(unchanged, self._rng))

    async def _wait(self, delay: float) -> None:
        with trio.move_on_after(delay):
            await self._poke.wait()
        self._poke = trio.Event()

    async def _poll_once(self, task_id: str) -> bool:
        details = await self.client.get_task(task_id)
        self._polls += 1
        changed = False
        attempt_status = details.current_attempt.status if details.current_attempt is not None else None
        if details.status != self._status or attempt_status != self._attempt_status:
            previous, self._status, self._attempt_status = self._status, details.status, attempt_status
            log.info(
                "cloud.actor.status", task_id=task_id, status=details.status, attempt_status=attempt_status
            )
            self._outbox.append(StatusChanged(task_id, details.status, previous, attempt_status, details))
            changed = True
        attempts = await self._attempts(details)
        for attempt in attempts:
            if not attempt.terminal or _key(attempt) in self._reported:
                continue
            self._reported.add(_key(attempt))
            changed = True
            self._outbox.append(AttemptReady(task_id, attempt))
            if attempt.diff is not None:
                self._outbox.append(DiffReady(task_id, attempt, attempt.diff))
        if self._finished(details, attempts):
            self._finish(task_id, details, attempts)
            changed = True
        return changed

    async def _attempts(self, details: TaskDetails) -> list[Attempt]:
        current = [details.current_attempt] if details.current_attempt is not None else []
        if not details.sibling_turn_ids or details.turn_id is None:
            return current
        return await self.client.list_attempts(details.id, details=details)

    def _finished(self, details: TaskDetails, attempts: list[Attempt]) -> bool:
        if not attempts:
            return details.status in ("ready", "error", "applied")
        return len(attempts) >= details.attempt_total and all(a.terminal for a in attempts)

    def _finish(self, task_id: str, details: TaskDetails, attempts: list[Attempt]) -> None:
        ordered = tuple(sorted(attempts, key=attempt_sort_key))
        succeeded = any(a.succeeded for a in ordered) or (not ordered and details.status != "error")
        error = None
        if not succeeded:
            error = details.error or next((a.error for a in ordered if a.error), None) or "the task failed"
        result = TaskResult(task_id, details.status, ordered, error)
        self._result = result
        if succeeded:
            log.info("cloud.actor.completed", task_id=task_id, attempts=len(ordered), polls=self._polls)
            self._outbox.append(TaskCompleted(task_id, result))
        else:
            log.warning("cloud.actor.failed", task_id=task_id, error=error, polls=self._polls)
            self._outbox.append(TaskFailed(task_id, error or "the task failed", result))
