"""best_of_n with a CloudSource against the fake cloud backend."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import trio

from orchestra.cloud import CloudClient, to_jsonable
from orchestra.experiments import Candidate, CloudSource, ExperimentError, best_of_n
from orchestra.testing.fake_cloud import AttemptScript, FakeCloud, Schedule, TaskScript

from .conftest import FAST_POLL, FAST_RETRY, assert_no_worktrees_left, git

TIMEOUT = 20


def new_file(name: str, text: str) -> str:
    return (
        f"diff --git a/{name} b/{name}\nnew file mode 100644\n--- /dev/null\n+++ b/{name}\n"
        f"@@ -0,0 +1 @@\n+{text}\n"
    )


EDIT_FILE = (
    "diff --git a/file.txt b/file.txt\n--- a/file.txt\n+++ b/file.txt\n"
    "@@ -1,3 +1,3 @@\n line1\n-line2\n+line2 fixed\n line3\n"
)
NOT_APPLICABLE = (
    "diff --git a/missing.txt b/missing.txt\n--- a/missing.txt\n+++ b/missing.txt\n@@ -1 +1 @@\n-old\n+new\n"
)


@pytest.fixture
async def client(fake: FakeCloud) -> AsyncIterator[CloudClient]:
    async with fake.client(retry=FAST_RETRY, timeout=5.0) as client:
        yield client


async def test_three_attempts_ranked_and_the_winner_applied(
    fake: FakeCloud, client: CloudClient, repo: Path, worktree_parent: Path
) -> None:
    fake.script(
        TaskScript(
            attempts=[
                AttemptScript(diff=new_file("a.txt", "plain"), message="added a.txt"),
                AttemptScript(diff=EDIT_FILE, message="fixed line 2"),
                AttemptScript(diff=new_file("c.txt", "also plain"), message="added c.txt"),
            ],
            schedule=Schedule(pending_polls=1, running_polls=1),
        )
    )
    seen: dict[int, tuple[str, bool]] = {}

    def prefer_the_fix(candidate: Candidate) -> float:  # sync: runs in a worker thread
        assert candidate.worktree is not None
        fixed = "line2 fixed" in (candidate.worktree / "file.txt").read_text()  # the diff is applied
        seen[candidate.index] = (candidate.text or "", (candidate.worktree / "src" / "app.py").exists())
        return 1000.0 if fixed else float(len(candidate.diff))

    source = CloudSource(client, "env_main", "main", repo=repo, poll=FAST_POLL)
    with trio.fail_after(TIMEOUT):
        result = await best_of_n(
            source,
            "Fix line 2",
            n=3,
            score=prefer_the_fix,
            apply_winner=True,
            worktree_parent=worktree_parent,
        )

    assert fake.task(result.task_id or "").best_of_n == 3
    assert [a.index for a in result.attempts] == [1, 2, 0]  # 1000.0, then the longer new-file diff
    assert [a.score for a in result.attempts] == [1000.0, float(len(new_file("c.txt", "also plain"))),
                                                   float(len(new_file("a.txt", "plain")))]  # fmt: skip
    assert all(a.status == "completed" and a.error is None for a in result.attempts)
    assert result.winner is not None and result.winner.index == 1 and result.winner.diff == EDIT_FILE
    assert seen == {0: ("added a.txt", True), 1: ("fixed line 2", True), 2: ("added c.txt", True)}
    assert result.applied is not None and result.applied.ok and result.applied.applied
    assert (repo / "file.txt").read_text() == "line1\nline2 fixed\nline3\n"
    assert not (repo / "a.txt").exists()
    assert result.base == git(repo, "rev-parse", "HEAD").strip()
    assert json.loads(json.dumps(to_jsonable(result)))["winner"]["index"] == 1
    assert_no_worktrees_left(repo, worktree_parent)


async def test_failures_are_ranked_results_not_exceptions(
    fake: FakeCloud, client: CloudClient, repo: Path, worktree_parent: Path
) -> None:
    fake.script(
        TaskScript(
            attempts=[
                AttemptScript(diff=new_file("ok.txt", "fine")),
                AttemptScript(outcome="failed", error_message="the agent gave up"),
                AttemptScript(diff=NOT_APPLICABLE),
                AttemptScript(diff=new_file("boom.txt", "scorer raises")),
            ],
            schedule=Schedule.immediately(),
        )
    )

    async def scorer(candidate: Candidate) -> float | None:  # async: runs in trio
        await trio.lowlevel.checkpoint()
        if "boom" in candidate.diff:
            raise RuntimeError("tests crashed")
        return 1.0

    source = CloudSource(client, "env_main", repo=repo, poll=FAST_POLL)
    with trio.fail_after(TIMEOUT):
        result = await best_of_n(source, "Try", n=4, score=scorer, worktree_parent=worktree_parent)

    by_index = {a.index: a for a in result.attempts}
    assert [a.index for a in result.attempts] == [0, 2, 3, 1]  # scored, unscored completed, failed
    assert by_index[0].score == 1.0 and by_index[0].error is None
    assert by_index[1].status == "failed" and by_index[1].score is None
    assert by_index[1].error == "TASK_FAILED: the agent gave up"
    assert by_index[2].score is None and "does not apply to a clean checkout" in (by_index[2].error or "")
    assert by_index[3].score is None and by_index[3].error == "the scorer raised RuntimeError: tests crashed"
    assert result.winner is by_index[0]
    assert result.applied is None  # not asked
    assert_no_worktrees_left(repo, worktree_parent)


async def test_a_task_that_cannot_be_created_fails_every_attempt(
    fake: FakeCloud, client: CloudClient, repo: Path
) -> None:
    fake.fail_next("/tasks", status=500, method="POST")
    with trio.fail_after(TIMEOUT):
        result = await best_of_n(
            CloudSource(client, "env_main", repo=repo, poll=FAST_POLL), "x", n=2, score=lambda c: 1.0,
            apply_winner=True,
        )  # fmt: skip
    assert [(a.index, a.status) for a in result.attempts] == [(0, "failed"), (1, "failed")]
    assert all("could not create the cloud task" in (a.error or "") for a in result.attempts)
    assert result.winner is None and result.applied is None and result.task_id is None
    assert len(fake.requests_to("/tasks", method="POST")) == 1  # never created twice
    assert git(repo, "status", "--porcelain") == ""


async def test_a_lost_poll_restarts_the_actor_by_id(fake: FakeCloud, client: CloudClient) -> None:
    fake.script(
        TaskScript(attempts=[AttemptScript(diff=new_file("a.txt", "a"))], schedule=Schedule.immediately())
    )
    fake.fail_next("/tasks/task_*", status=503, times=FAST_RETRY.attempts, method="GET")  # one actor run
    scored: list[Candidate] = []

    def keep(candidate: Candidate) -> float:
        scored.append(candidate)
        return 1.0

    with trio.fail_after(TIMEOUT):
        result = await best_of_n(CloudSource(client, "env_main", poll=FAST_POLL), "x", n=1, score=keep)
    assert result.winner is not None and result.winner.diff == new_file("a.txt", "a")
    assert [c.worktree for c in scored] == [None]  # no local repo: no scratch worktree
    polls = [r.status for r in fake.requests_to("/tasks/task_*")]
    assert polls[: FAST_RETRY.attempts + 1] == [503] * FAST_RETRY.attempts + [200]  # gave up, ran again
    assert len(fake.requests_to("/tasks", method="POST")) == 1


async def test_timeout_reports_unfinished_attempts_as_cancelled(fake: FakeCloud, client: CloudClient) -> None:
    fake.script(TaskScript(schedule=Schedule.by_hand()))
    source = CloudSource(client, "env_main", poll=FAST_POLL, timeout=0.2)
    with trio.fail_after(TIMEOUT):
        result = await best_of_n(source, "x", n=2, score=lambda c: 1.0)
    assert [(a.status, a.error) for a in result.attempts] == [
        ("cancelled", "the task did not finish within 0.2s"),
        ("cancelled", "the task did not finish within 0.2s"),
    ]
    assert result.task_id is not None


async def test_argument_errors_are_raised_before_anything_runs(
    fake: FakeCloud, client: CloudClient, tmp_path: Path
) -> None:
    source = CloudSource(client, "env_main")
    with pytest.raises(ExperimentError, match="apply_winner needs a target"):
        await best_of_n(source, "x", n=2, score=lambda c: 1.0, apply_winner=True)
    with pytest.raises(ExperimentError, match="cannot apply the winner"):
        await best_of_n(source, "x", n=2, score=lambda c: 1.0, apply_winner=True, target=tmp_path)
    with pytest.raises(ExperimentError, match="n must be"):
        await best_of_n(source, "x", n=0, score=lambda c: 1.0)
    with pytest.raises(ExperimentError, match="not a git repository"):
        await best_of_n(CloudSource(client, "env_main", repo=tmp_path), "x", n=1, score=lambda c: 1.0)
    assert fake.requests == []
