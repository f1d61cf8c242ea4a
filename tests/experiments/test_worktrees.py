"""Worktrees: detached at the base, diffs include new files and commits, everything removed."""

from __future__ import annotations

from pathlib import Path

import pytest
import trio

from orchestra.cloud import apply_diff
from orchestra.experiments import ExperimentError, open_worktrees

from .conftest import assert_no_worktrees_left, git, worktree_paths


async def test_diff_has_edits_new_files_and_commits_but_not_ignored_files(
    repo: Path, worktree_parent: Path
) -> None:
    (repo / ".gitignore").write_text("build/\n")
    git(repo, "add", ".gitignore")
    git(repo, "commit", "-q", "-m", "ignore build")
    async with open_worktrees(repo / "src", parent=worktree_parent) as trees:
        assert trees.subdir == Path("src")
        path = await trees.add("attempt-0")
        assert git(path, "rev-parse", "HEAD").strip() == trees.base
        (path / "file.txt").write_text("changed\n")
        (path / "new.txt").write_text("new\n")
        (path / "build").mkdir()
        (path / "build" / "out.o").write_text("ignored\n")
        (path / "committed.txt").write_text("c\n")
        git(path, "add", "committed.txt")
        git(path, "commit", "-q", "-m", "the agent committed")
        diff = await trees.diff(path)
        assert len(worktree_paths(repo)) == 2
    assert "b/file.txt" in diff and "b/new.txt" in diff and "b/committed.txt" in diff
    assert "build/out.o" not in diff
    assert_no_worktrees_left(repo, worktree_parent)
    outcome = await apply_diff(repo, diff)  # the diff is what the safe apply accepts
    assert outcome.ok and (repo / "committed.txt").read_text() == "c\n"


async def test_removed_on_error_and_bad_refs_refused(repo: Path, worktree_parent: Path) -> None:
    with pytest.raises(RuntimeError, match="boom"):
        async with open_worktrees(repo, parent=worktree_parent) as trees:
            await trees.add("a")
            await trees.add("b")
            raise RuntimeError("boom")
    assert_no_worktrees_left(repo, worktree_parent)
    for ref in ("no-such-branch", "--output=x"):
        with pytest.raises(ExperimentError):
            async with open_worktrees(repo, ref, parent=worktree_parent):
                pass
    with trio.fail_after(10):
        async with open_worktrees(repo, parent=worktree_parent) as trees:
            path = await trees.add("gone")
            await trees.remove(path)
            await trees.remove(path)  # twice is fine
            assert trees.live == frozenset()
