"""Fixtures for the cloud tests: a running fake backend, a client for it, a scratch git repository."""

from __future__ import annotations

import hashlib
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from orchestra.cloud import CloudClient, PollPolicy, RetryPolicy
from orchestra.testing.fake_cloud import FakeCloud

FAST_RETRY = RetryPolicy(attempts=4, initial=0.001, maximum=0.01, deadline=10.0)
"""Retries without noticeable waits (backoff windows of milliseconds)."""

FAST_POLL = PollPolicy(initial=0.001, multiplier=1.0, max=0.001, jitter=0.0)
"""Polls back to back: the fake's schedules count polls, so no test waits on a clock."""

NEVER_POLL = PollPolicy(initial=3600.0, multiplier=1.0, max=3600.0, jitter=0.0)
"""An interval no test waits out: the test drives each poll with ``actor.poll_now()``."""

GIT_ENV = {
    "GIT_AUTHOR_NAME": "Test",
    "GIT_AUTHOR_EMAIL": "test@example.com",
    "GIT_COMMITTER_NAME": "Test",
    "GIT_COMMITTER_EMAIL": "test@example.com",
    "GIT_CONFIG_NOSYSTEM": "1",
}


@pytest.fixture
def fake() -> Iterator[FakeCloud]:
    with FakeCloud() as server:
        server.add_environment(
            "env_main", label="Main Repo", repo="acme/widgets", is_pinned=True, task_count=0
        )
        yield server


@pytest.fixture
def client(fake: FakeCloud) -> CloudClient:
    return fake.client(retry=FAST_RETRY, timeout=5.0)


def git(repo: Path, *args: str, check: bool = True) -> str:
    env = {**os.environ, **GIT_ENV, "HOME": str(repo.parent)}
    done = subprocess.run(["git", *args], cwd=repo, env=env, capture_output=True, text=True, check=False)
    if check and done.returncode != 0:
        raise AssertionError(f"git {' '.join(args)} failed: {done.stderr}")
    return done.stdout


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A git repository with one commit: ``file.txt`` (3 lines), ``other.txt``, ``src/app.py``."""
    root = tmp_path / "repo"
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    (root / "file.txt").write_text("line1\nline2\nline3\n")
    (root / "other.txt").write_text("a\n")
    (root / "src").mkdir()
    (root / "src" / "app.py").write_text("print('hi')\n")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "seed")
    return root


def snapshot(root: Path) -> dict[str, str]:
    """Every file of the working tree (content hash), the index, and ``git status``: equal snapshots
    mean nothing was touched."""
    state: dict[str, str] = {}
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root).as_posix()
        if rel.startswith(".git/") and rel != ".git/index":
            continue
        if path.is_symlink():
            state[rel] = "link:" + os.readlink(path)
        elif path.is_file():
            state[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
    state["<status>"] = git(root, "status", "--porcelain=v1", "-uall")
    return state
