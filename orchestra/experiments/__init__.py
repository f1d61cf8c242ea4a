"""Best-of-N experiments from scripts: N attempts in the cloud or locally, scored, ranked, applied.

::

    from orchestra.experiments import CloudSource, LocalSource, best_of_n

    def passes_tests(candidate):                        # sync (runs in a thread) or async
        done = subprocess.run(["pytest", "-q"], cwd=candidate.worktree)   # diff already applied
        return 1.0 if done.returncode == 0 else 0.0

    source = LocalSource(orch, "path/to/repo")          # or CloudSource(client, env_id, "main", repo=...)
    result = await best_of_n(source, "Fix the flaky test", n=4, score=passes_tests, apply_winner=True)
    for attempt in result.attempts:                     # best first
        print(attempt.index, attempt.status, attempt.score, attempt.error)
    print(result.winner, result.applied)

Same call, same result for both sources. A failed attempt, or a scorer that raises, is a ranked
result with an ``error``, never an exception that ends the experiment. Every worktree made (one per
local attempt, one scratch checkout per scored attempt) is removed when the call returns, fails or
is cancelled.
"""

from ._cloud import CloudSource
from ._local import LocalSource, Sandbox
from ._run import best_of_n
from ._types import (
    AttemptOutcome,
    AttemptResult,
    AttemptSource,
    AttemptStatus,
    Candidate,
    ExperimentError,
    ExperimentResult,
    Scorer,
    ScoreValue,
    SourceKind,
)
from ._worktrees import Worktrees, open_worktrees

__all__ = [
    "AttemptOutcome",
    "AttemptResult",
    "AttemptSource",
    "AttemptStatus",
    "Candidate",
    "CloudSource",
    "ExperimentError",
    "ExperimentResult",
    "LocalSource",
    "Sandbox",
    "ScoreValue",
    "Scorer",
    "SourceKind",
    "Worktrees",
    "best_of_n",
    "open_worktrees",
]
