"""The values of a best-of-N experiment: one attempt's outcome, what a scorer sees, the ranked result."""

from __future__ import annotations

import os
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import TYPE_CHECKING, Literal, Protocol, TypeAlias

import attrs

from .._errors import OrchestraError
from ..cloud import ApplyOutcome

if TYPE_CHECKING:
    from ._worktrees import Worktrees

AttemptStatus = Literal["completed", "failed", "cancelled"]
"""How an attempt itself ended: ``completed`` (the agent finished), ``failed`` (it errored, or could
not run), ``cancelled`` (cancelled, or still unfinished when the experiment's timeout came)."""

SourceKind = Literal["cloud", "local"]


class ExperimentError(OrchestraError):
    """The experiment cannot run as asked (bad arguments, not a git repository, ...).

    Raised before any attempt starts. Failures of attempts and of scoring are never raised: they are
    ranked results with an ``error``."""


@attrs.frozen
class AttemptOutcome:
    """What a source reports for one attempt, before scoring."""

    index: int
    """0-based: the attempt's placement among the N (cloud), or its number (local)."""
    status: AttemptStatus
    diff: str | None = attrs.field(default=None, repr=lambda d: "None" if d is None else f"<{len(d)} chars>")
    error: str | None = None
    text: str | None = None
    """The attempt's final message, if it has one."""
    duration: float | None = None
    """Seconds from the attempt's start to its end, when the source measures it (local)."""


@attrs.frozen
class Candidate:
    """What a scorer is given for one completed attempt with a non-empty diff."""

    index: int
    diff: str = attrs.field(repr=lambda d: f"<{len(d)} chars>")
    worktree: Path | None
    """A scratch git worktree, detached at ``base``, with ``diff`` already applied (unless
    ``best_of_n(..., apply_to_scratch=False)``: then it is clean). Removed after scoring. ``None``
    when the source has no local repository (a ``CloudSource`` without ``repo``)."""
    base: str | None
    """The commit the scratch worktree starts from."""
    text: str | None = None


ScoreValue: TypeAlias = float | int | None
Scorer: TypeAlias = Callable[[Candidate], ScoreValue | Awaitable[ScoreValue]]
"""``score(candidate) -> number | None``, sync or async. Higher is better; ``None`` rejects the
attempt (it is ranked, but can never win). A sync scorer runs in a worker thread, so it may block
(run a test suite); an async one runs in trio. An exception is recorded as the attempt's ``error``."""


@attrs.frozen
class AttemptResult:
    """One attempt, scored. ``score`` is ``None`` when it was not scored (``error`` says why) or the
    scorer rejected it."""

    index: int
    status: AttemptStatus
    diff: str | None = attrs.field(repr=lambda d: "None" if d is None else f"<{len(d)} chars>")
    score: float | None
    error: str | None = None
    text: str | None = None
    duration: float | None = None

    @property
    def ok(self) -> bool:
        """Completed and scored."""
        return self.status == "completed" and self.score is not None


@attrs.frozen
class ExperimentResult:
    """Every attempt, ranked best first: scored attempts by score (ties: lower index first), then
    the unscored, then the failed."""

    source: SourceKind
    prompt: str = attrs.field(repr=False)
    n: int
    attempts: tuple[AttemptResult, ...]
    winner: AttemptResult | None
    """The best scored attempt; ``None`` when no attempt got a score."""
    applied: ApplyOutcome | None = None
    """The outcome of applying the winner (``best_of_n(..., apply_winner=True)``)."""
    base: str | None = None
    """The commit local attempts and scratch worktrees started from."""
    task_id: str | None = None
    """The cloud task (cloud experiments)."""

    def attempt(self, index: int) -> AttemptResult:
        """The attempt with this 0-based index."""
        for result in self.attempts:
            if result.index == index:
                return result
        raise KeyError(index)

    @property
    def scored(self) -> tuple[AttemptResult, ...]:
        return tuple(a for a in self.attempts if a.score is not None)


Report: TypeAlias = Callable[[AttemptOutcome], Awaitable[None]]


class AttemptSource(Protocol):
    """Where attempts run: :class:`~orchestra.experiments.CloudSource` or
    :class:`~orchestra.experiments.LocalSource`."""

    @property
    def kind(self) -> SourceKind: ...

    @property
    def repo(self) -> Path | None:
        """The local git repository scratch worktrees are made from (and the winner's default target)."""
        ...

    @property
    def ref(self) -> str:
        """The commit-ish the scratch worktrees (and local attempts) start from."""
        ...

    async def run_attempts(
        self, prompt: str, n: int, worktrees: Worktrees | None, report: Report
    ) -> str | None:
        """Run ``n`` attempts of ``prompt``; ``await report(outcome)`` once per attempt, as each
        ends (every index in ``range(n)`` exactly once, failures included). Return the cloud task
        id, if any. Raise only :class:`ExperimentError` (before starting) or cancellation."""
        ...


PathLike: TypeAlias = str | os.PathLike[str]
