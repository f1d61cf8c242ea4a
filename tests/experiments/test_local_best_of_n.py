"""best_of_n with a LocalSource: real runtime, scripted model, one git worktree per attempt."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import trio

from orchestra import Orchestra
from orchestra.experiments import Candidate, ExperimentError, LocalSource, best_of_n
from orchestra.testing import ScriptedModel, reply
from orchestra.testing.recorded import RecordedRequest
from orchestra.testing.rules import Predicate

from .conftest import assert_no_worktrees_left, git, worktree_paths

TIMEOUT = 60


def in_worktree(index: int) -> Predicate:
    """Requests of the conversation whose cwd is attempt ``index``'s worktree (the runtime sends its
    cwd in the environment context of every request)."""

    def predicate(request: RecordedRequest) -> bool:
        return f"/attempt-{index}</cwd>" in json.dumps(request.input)

    return predicate


def add_file(name: str, *lines: str) -> str:
    body = "".join(f"+{line}\n" for line in lines)
    return f"*** Begin Patch\n*** Add File: {name}\n{body}*** End Patch\n"


async def test_three_local_attempts_scored_by_their_diffs_and_the_winner_applied(
    orch: Orchestra, scripted_model: ScriptedModel, repo: Path, worktree_parent: Path
) -> None:
    scripted_model.when(in_worktree(0)).respond(
        reply.apply_patch(add_file("x.txt", "short")), reply.text("done 0")
    )
    scripted_model.when(in_worktree(1)).respond(
        reply.apply_patch(add_file("x.txt", "a longer", "answer")), reply.text("done 1")
    )
    scripted_model.when(in_worktree(2)).respond(reply.text("nothing to change"))
    scripted_model.when(in_worktree(3)).respond(reply.failed("too long", code="context_length_exceeded"))

    def lines_added(candidate: Candidate) -> float:
        assert candidate.worktree is not None and (candidate.worktree / "x.txt").exists()
        return float(
            sum(1 for line in candidate.diff.splitlines() if line.startswith("+") and line != "+++ b/x.txt")
        )

    source = LocalSource(orch, repo, sandbox="workspace-write")
    with trio.fail_after(TIMEOUT):
        result = await best_of_n(
            source, "Write x.txt", n=4, score=lines_added, apply_winner=True, worktree_parent=worktree_parent
        )

    assert result.source == "local"
    assert [(a.index, a.status, a.score) for a in result.attempts] == [
        (1, "completed", 2.0),
        (0, "completed", 1.0),
        (2, "completed", None),
        (3, "failed", None),
    ]
    assert (result.attempt(3).error or "").startswith("turn failed: Codex ran out of room")
    assert result.attempt(2).error == "the attempt produced no diff" and result.attempt(2).diff == ""
    assert result.attempt(0).text == "done 0"
    assert "new file mode" in (result.attempt(1).diff or "")  # untracked files are part of the diff
    assert result.winner is result.attempt(1)
    assert result.applied is not None and result.applied.ok
    assert (repo / "x.txt").read_text() == "a longer\nanswer\n"
    assert result.base == git(repo, "rev-parse", "HEAD").strip()
    assert_no_worktrees_left(repo, worktree_parent)
    # Each conversation ran in its own worktree, under the experiment's private directory.
    cwds = {
        cwd for r in scripted_model.requests for cwd in re.findall(r"<cwd>([^<]*)</cwd>", json.dumps(r.input))
    }
    assert sorted(Path(cwd).name for cwd in cwds) == ["attempt-0", "attempt-1", "attempt-2", "attempt-3"]
    assert all(Path(cwd).parent.parent == worktree_parent for cwd in cwds)


async def test_cancelling_mid_experiment_leaves_no_worktree(
    orch: Orchestra, scripted_model: ScriptedModel, repo: Path, worktree_parent: Path
) -> None:
    slow = reply.text("too late").with_latency(first_byte=30)
    for index in range(2):
        scripted_model.when(in_worktree(index)).always(slow)
    with trio.fail_after(TIMEOUT):
        async with trio.open_nursery() as nursery:

            async def experiment() -> None:
                await best_of_n(
                    LocalSource(orch, repo), "slow", n=2, score=lambda c: 1.0, worktree_parent=worktree_parent
                )
                raise AssertionError("the experiment should have been cancelled")

            nursery.start_soon(experiment)
            await scripted_model.wait_for_requests_async(2)  # both attempts are mid-turn
            assert len(worktree_paths(repo)) == 3
            nursery.cancel_scope.cancel()
    assert_no_worktrees_left(repo, worktree_parent)
    assert git(repo, "status", "--porcelain") == ""


async def test_not_a_repository_is_an_experiment_error(orch: Orchestra, tmp_path: Path) -> None:
    with pytest.raises(ExperimentError, match="not a git repository"):
        await best_of_n(LocalSource(orch, tmp_path), "x", n=1, score=lambda c: 1.0)
    with pytest.raises(ExperimentError, match="sandbox must be"):
        LocalSource(orch, tmp_path, sandbox="read-only")  # type: ignore[arg-type]


async def test_arguments_that_cannot_work_are_experiment_errors_before_anything_starts(
    orch: Orchestra, repo: Path, tmp_path: Path
) -> None:
    """A directory the base commit lacks (every attempt's commands failed in a missing cwd), a
    worktree parent that does not exist (FileNotFoundError), and odd n or prompt values."""
    (repo / "new").mkdir()  # in the working tree, not in the commit
    with pytest.raises(ExperimentError, match="new is not a directory in commit"):
        await best_of_n(LocalSource(orch, repo / "new"), "x", n=1, score=lambda c: 1.0)
    with pytest.raises(ExperimentError, match="cannot make the worktrees' directory"):
        await best_of_n(
            LocalSource(orch, repo), "x", n=1, score=lambda c: 1.0, worktree_parent=tmp_path / "missing"
        )
    for n in (0, 1.5, True):
        with pytest.raises(ExperimentError, match="n must be an integer"):
            await best_of_n(LocalSource(orch, repo), "x", n=n, score=lambda c: 1.0)  # type: ignore[arg-type]
    with pytest.raises(ExperimentError, match="prompt must be a non-empty string"):
        await best_of_n(LocalSource(orch, repo), None, n=1, score=lambda c: 1.0)  # type: ignore[arg-type]
