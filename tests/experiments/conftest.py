"""Fixtures for experiment tests: a scratch git repository, a fake cloud, and the leftovers check.

Every test here must leave no process and no file descriptor of ours behind (as the e2e tests).
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from orchestra.cloud import PollPolicy, RetryPolicy
from orchestra.testing.fake_cloud import FakeCloud

FAST_RETRY = RetryPolicy(attempts=3, initial=0.001, maximum=0.01, deadline=10.0)
FAST_POLL = PollPolicy(initial=0.001, multiplier=1.0, max=0.001, jitter=0.0)

GIT_ENV = {
    "GIT_AUTHOR_NAME": "Test",
    "GIT_AUTHOR_EMAIL": "test@example.com",
    "GIT_COMMITTER_NAME": "Test",
    "GIT_COMMITTER_EMAIL": "test@example.com",
    "GIT_CONFIG_NOSYSTEM": "1",
}


def git(repo: Path, *args: str) -> str:
    env = {**os.environ, **GIT_ENV, "HOME": str(repo.parent)}
    done = subprocess.run(["git", *args], cwd=repo, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise AssertionError(f"git {' '.join(args)} failed: {done.stderr}")
    return done.stdout


def worktree_paths(repo: Path) -> list[str]:
    """``git worktree list``: the main working tree first."""
    return [
        line.removeprefix("worktree ")
        for line in git(repo, "worktree", "list", "--porcelain").splitlines()
        if line.startswith("worktree ")
    ]


def assert_no_worktrees_left(repo: Path, parent: Path) -> None:
    """Only the main working tree is left, and the experiments' directory under ``parent`` is gone."""
    assert worktree_paths(repo) == [str(repo)]
    assert list(parent.iterdir()) == []


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A git repository with one commit: ``file.txt`` (3 lines) and ``src/app.py``."""
    root = tmp_path / "repo"
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    (root / "file.txt").write_text("line1\nline2\nline3\n")
    (root / "src").mkdir()
    (root / "src" / "app.py").write_text("print('hi')\n")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "seed")
    return root


@pytest.fixture
def worktree_parent(tmp_path: Path) -> Path:
    """Where experiments make their private worktree directory (empty again after each)."""
    path = tmp_path / "worktrees"
    path.mkdir()
    return path


@pytest.fixture
def fake() -> Iterator[FakeCloud]:
    with FakeCloud() as server:
        server.add_environment("env_main", label="Main Repo", repo="acme/widgets")
        yield server


@pytest.fixture(autouse=True)
def _nothing_left_behind(no_leftovers: None) -> None:
    """Every test here must leave no process and no file descriptor of ours behind."""
