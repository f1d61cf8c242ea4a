"""``best_of_n``: run N attempts from a source, score each, rank them, apply the winner if asked."""

from __future__ import annotations

import contextlib
import inspect
import math
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import trio

from .._log import get_logger
from ..cloud import ApplyOutcome, GitApplyError, apply_diff, git_toplevel
from ._types import (
    AttemptOutcome,
    AttemptResult,
    AttemptSource,
    Candidate,
    ExperimentError,
    ExperimentResult,
    PathLike,
    Scorer,
    ScoreValue,
)
from ._worktrees import Worktrees, open_worktrees

log = get_logger("orchestra.experiments")


async def best_of_n(
    source: AttemptSource,
    prompt: str,
    *,
    n: int,
    score: Scorer,
    apply_winner: bool = False,
    target: PathLike | None = None,
    apply_to_scratch: bool = True,
    score_concurrency: int = 1,
    worktree_parent: PathLike | None = None,
) -> ExperimentResult:
    """Run ``n`` attempts of ``prompt`` from ``source``, score each, and return them ranked.

    - ``source``: :class:`~orchestra.experiments.CloudSource` (one cloud task with ``best_of_n=n``)
      or :class:`~orchestra.experiments.LocalSource` (``n`` conversations, each in its own git
      worktree); any :class:`~orchestra.experiments.AttemptSource`.
    - ``score``: called once per completed attempt with a non-empty diff, as soon as it is done,
      with a :class:`Candidate`: the diff, and a scratch worktree of the source's repository at the
      base commit with the diff applied through the safe apply (``apply_to_scratch=False``: clean).
      A diff that does not apply there is not scored. Sync scorers run in a worker thread, at most
      ``score_concurrency`` scorers at a time.
    - ``apply_winner``: apply the best attempt's diff with :func:`~orchestra.cloud.apply_diff` to
      ``target`` (default: the source's ``repo``). The outcome is ``result.applied``.
    - ``worktree_parent``: where the private worktree directory is made (default: the temp dir).

    Never raises for a failed attempt or a failing scorer: those are ranked results with an
    ``error``. Raises :class:`ExperimentError` before starting when the arguments cannot work.
    Cancellation stops every attempt (local turns are interrupted; a cloud task keeps running in the
    cloud) and removes every worktree before it propagates; a sync scorer already running in its
    thread is waited for (threads cannot be interrupted), an async one is cancelled.
    """
    if isinstance(n, bool) or not isinstance(n, int) or n < 1:
        raise ExperimentError(f"n must be an integer of at least 1, not {n!r}")
    if score_concurrency < 1:
        raise ExperimentError("score_concurrency must be at least 1")
    if not isinstance(prompt, str) or not prompt.strip():
        raise ExperimentError("prompt must be a non-empty string")
    if not callable(score):
        raise ExperimentError("score must be a function: (Candidate) -> number | None")
    destination = Path(target) if target is not None else source.repo
    if apply_winner and destination is None:
        raise ExperimentError("apply_winner needs a target repository (target=, or the source's repo)")
    if apply_winner and destination is not None:
        try:
            await git_toplevel(destination)
        except GitApplyError as exc:
            raise ExperimentError(f"cannot apply the winner to {destination}: {exc}") from None

    results: dict[int, AttemptResult] = {}
    limiter = trio.CapacityLimiter(score_concurrency)
    log.info("experiments.start", source=source.kind, n=n)
    async with _worktrees_for(source, worktree_parent) as worktrees:
        async with trio.open_nursery() as scoring:

            async def report(outcome: AttemptOutcome) -> None:
                scoring.start_soon(_score_one, outcome, score, worktrees, apply_to_scratch, limiter, results)

            task_id = await source.run_attempts(prompt, n, worktrees, report)
        base = worktrees.base if worktrees is not None else None

    ranked = tuple(sorted(results.values(), key=_rank_key))
    winner = ranked[0] if ranked and ranked[0].score is not None else None
    applied: ApplyOutcome | None = None
    if apply_winner and winner is not None and winner.diff:
        assert destination is not None
        applied = await apply_diff(destination, winner.diff, label=f"best-of-{n} attempt {winner.index}")
    log.info(
        "experiments.done", source=source.kind, n=n, task_id=task_id,
        winner=None if winner is None else winner.index, score=None if winner is None else winner.score,
        applied=None if applied is None else applied.status,
    )  # fmt: skip
    return ExperimentResult(source.kind, prompt, n, ranked, winner, applied, base, task_id)


@contextlib.asynccontextmanager
async def _worktrees_for(source: AttemptSource, parent: PathLike | None) -> AsyncIterator[Worktrees | None]:
    if source.repo is None:
        yield None
        return
    async with open_worktrees(source.repo, source.ref, parent=parent) as worktrees:
        yield worktrees


def _rank_key(result: AttemptResult) -> tuple[int, float, int]:
    if result.score is not None:
        return (0, -result.score, result.index)
    return (1 if result.status == "completed" else 2, 0.0, result.index)


def _as_score(value: Any) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool | int | float) and math.isfinite(float(value)):
        return float(value)
    raise TypeError(f"the scorer returned {value!r}, not a finite number or None")


async def _call_scorer(score: Scorer, candidate: Candidate) -> float | None:
    value: Any
    if inspect.iscoroutinefunction(score):
        value = await score(candidate)
    else:
        value = await trio.to_thread.run_sync(score, candidate)
        if inspect.isawaitable(value):
            value = await value
    return _as_score(value)


async def _score_one(
    outcome: AttemptOutcome,
    score: Scorer,
    worktrees: Worktrees | None,
    apply_to_scratch: bool,
    limiter: trio.CapacityLimiter,
    results: dict[int, AttemptResult],
) -> None:
    value: ScoreValue = None
    error = outcome.error
    diff = outcome.diff
    if outcome.status != "completed":
        error = error or f"attempt {outcome.status}"
    elif not diff or not diff.strip():
        error = error or "the attempt produced no diff"
    else:
        async with limiter:
            try:
                value, error = await _score_in_scratch(
                    outcome.index, diff, outcome.text, score, worktrees, apply_to_scratch
                )
            except Exception as exc:  # no scratch worktree (git failed, disk full, ...)
                log.warning("experiments.scratch_error", index=outcome.index, error=repr(exc))
                value, error = None, f"could not prepare a scratch worktree: {type(exc).__name__}: {exc}"
    results[outcome.index] = AttemptResult(
        outcome.index, outcome.status, diff, value, error, outcome.text, outcome.duration
    )
    log.info("experiments.scored", index=outcome.index, status=outcome.status, score=value, error=error)


async def _score_in_scratch(
    index: int,
    diff: str,
    text: str | None,
    score: Scorer,
    worktrees: Worktrees | None,
    apply_to_scratch: bool,
) -> tuple[float | None, str | None]:
    if worktrees is None:
        return await _guarded(score, Candidate(index, diff, None, None, text))
    path = await worktrees.add(f"score-{index}")
    try:
        if apply_to_scratch:
            outcome = await apply_diff(path, diff, label=f"attempt {index}")
            if not outcome.ok:
                return None, f"the diff does not apply to a clean checkout: {outcome.message}"
        return await _guarded(score, Candidate(index, diff, path / worktrees.subdir, worktrees.base, text))
    finally:
        await worktrees.remove(path)


async def _guarded(score: Scorer, candidate: Candidate) -> tuple[float | None, str | None]:
    try:
        return await _call_scorer(score, candidate), None
    except Exception as exc:  # a failing scorer fails this attempt's score, not the experiment
        log.warning("experiments.scorer_error", index=candidate.index, error=repr(exc))
        return None, f"the scorer raised {type(exc).__name__}: {exc}"
