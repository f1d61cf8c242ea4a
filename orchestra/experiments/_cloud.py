"""Cloud attempts: one Codex cloud task with ``best_of_n`` attempts, followed by a CloudTaskActor.

Each attempt is reported as soon as the actor sees it finish (``AttemptReady``); its index is its
``attempt_placement`` (0-based). A poll that still fails after the client's retries is retried by
running the actor again (it picks the task up by id and repeats no event), at most ``restarts``
times. If the task cannot be created, or the actor gives up, or ``timeout`` passes, every attempt
not reported yet is reported as ``failed`` (or ``cancelled`` for the timeout) with the reason. The
task itself keeps running in the cloud after a timeout: only the waiting stops.
"""

from __future__ import annotations

import math
from collections.abc import Awaitable, Callable
from pathlib import Path

import attrs
import trio

from .._log import get_logger
from ..cloud import Attempt as CloudAttempt
from ..cloud import AttemptReady, CloudClient, CloudError, CloudTaskActor, PollPolicy
from ._types import AttemptOutcome, AttemptStatus, ExperimentError, Report, SourceKind
from ._worktrees import Worktrees

log = get_logger("orchestra.experiments.cloud")


def _optional_path(value: object) -> Path | None:
    return None if value is None else Path(str(value))


def _outcome(index: int, attempt: CloudAttempt) -> AttemptOutcome:
    status: AttemptStatus = "cancelled"  # still pending / in progress / unknown: it did not finish
    if attempt.status == "completed" or attempt.status == "failed":
        status = attempt.status
    error = attempt.error
    if status == "failed" and error is None:
        error = "the attempt failed"
    text = attempt.messages[-1] if attempt.messages else None
    return AttemptOutcome(index, status, attempt.diff, error, text)


@attrs.frozen
class CloudSource:
    """Run attempts as one cloud task with ``best_of_n`` = N in environment ``environment_id``.

    Parameters:
        client: the :class:`~orchestra.cloud.CloudClient`.
        environment_id: the cloud environment (``client.resolve_environment`` finds one by label).
        branch: the branch the task starts from (``None``: the backend's default).
        repo: a local clone of the environment's repository: scorers get scratch worktrees of it
            (at ``ref``), and the winner is applied to it. ``None``: scorers get no worktree, and
            ``apply_winner`` needs ``target``.
        poll: the actor's polling interval policy.
        timeout: seconds to wait for the task in all.
        restarts: how many times a failed actor is run again (the client has already retried the
            request under its own policy).
        qa_mode, starting_diff: as for ``client.create_task``.
    """

    client: CloudClient
    environment_id: str
    branch: str | None = None
    repo: Path | None = attrs.field(default=None, converter=_optional_path)
    ref: str = "HEAD"
    poll: PollPolicy | None = None
    timeout: float = math.inf
    restarts: int = 2
    qa_mode: bool = False
    starting_diff: str | None = attrs.field(default=None, repr=False)

    def __attrs_post_init__(self) -> None:
        if not self.environment_id.strip():
            raise ExperimentError("environment_id must not be empty")
        if self.restarts < 0:
            raise ExperimentError("restarts must be >= 0")
        if not self.timeout > 0:
            raise ExperimentError("timeout must be positive")

    @property
    def kind(self) -> SourceKind:
        return "cloud"

    async def run_attempts(
        self, prompt: str, n: int, worktrees: Worktrees | None, report: Report
    ) -> str | None:
        actor = CloudTaskActor.create(
            self.client,
            self.environment_id,
            prompt,
            best_of_n=n,
            branch=self.branch,
            qa_mode=self.qa_mode,
            starting_diff=self.starting_diff,
            poll=self.poll,
        )
        reported: set[int] = set()

        async def deliver(attempt: CloudAttempt) -> None:
            index = attempt.placement
            if index is None or index in reported or not 0 <= index < n:
                free = [i for i in range(n) if i not in reported]  # no usable placement: the next slot
                if not free:
                    log.warning("experiments.cloud.extra_attempt", turn_id=attempt.turn_id, n=n)
                    return
                index = free[0]
            reported.add(index)
            await report(_outcome(index, attempt))

        failure: str | None = None
        status: AttemptStatus = "failed"
        with trio.move_on_after(self.timeout) as deadline:
            async with trio.open_nursery() as nursery:
                nursery.start_soon(self._consume, actor, deliver)
                failure = await self._drive(actor)
                if failure is not None:
                    nursery.cancel_scope.cancel()  # the mailbox stays open when the actor gives up
        if deadline.cancelled_caught:
            failure, status = f"the task did not finish within {self.timeout:g}s", "cancelled"
        for index in range(n):
            if index not in reported and len(reported) < n:
                reported.add(index)
                await report(AttemptOutcome(index, status, None, failure or "the task ended without it"))
        return actor.task_id

    async def _consume(
        self, actor: CloudTaskActor, deliver: Callable[[CloudAttempt], Awaitable[None]]
    ) -> None:
        async for event in actor.events:
            if isinstance(event, AttemptReady):
                await deliver(event.attempt)

    async def _drive(self, actor: CloudTaskActor) -> str | None:
        """Run the actor to the end; the reason it could not, or ``None``."""
        runs = 0
        while True:
            runs += 1
            try:
                await actor.run()
                return None
            except CloudError as exc:
                if actor.task_id is None:  # creating it failed: a retry could create a second task
                    log.warning("experiments.cloud.create_failed", error=str(exc))
                    return f"could not create the cloud task: {exc}"
                if runs > self.restarts:
                    log.warning("experiments.cloud.gave_up", task_id=actor.task_id, runs=runs, error=str(exc))
                    return f"lost track of cloud task {actor.task_id}: {exc}"
                log.info("experiments.cloud.restart", task_id=actor.task_id, run=runs, error=str(exc))
