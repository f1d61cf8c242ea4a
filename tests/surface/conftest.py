"""Fixtures of the surface tests; every test must leave no process and no fd of ours behind."""

from __future__ import annotations

import os
import subprocess
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import attrs
import pytest

from orchestra import CodexHome, ModelProvider, Orchestra, build_codex_home, open_orchestra
from orchestra.runtime import CodexBinary
from orchestra.surface import ISSUER_ENV
from orchestra.testing import ScriptedModel
from orchestra.testing.pytest_plugin import TEST_MODEL

from .fake_issuer import FakeIssuer

TIMEOUT = 60


def _children() -> set[int]:
    """Live (non-zombie) processes whose parent is this test process."""
    me = os.getpid()
    found: set[int] = set()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        # The command name may contain spaces and parentheses: split after the last ')'.
        fields = stat.rsplit(")", 1)[1].split()
        if int(fields[1]) == me and fields[0] != "Z":
            found.add(int(entry.name))
    return found


def _open_fds() -> set[str]:
    fds = set()
    for fd in os.listdir("/proc/self/fd"):
        try:
            fds.add(f"{fd}->{os.readlink(f'/proc/self/fd/{fd}')}")
        except OSError:
            continue  # the fd of the listing itself
    return fds


@pytest.fixture(autouse=True)
def no_leftovers() -> Iterator[None]:
    children_before, fds_before = _children(), _open_fds()
    yield
    leftover = _children() - children_before
    assert not leftover, f"processes left behind: {sorted(leftover)}"
    new_fds = _open_fds() - fds_before
    assert not new_fds, f"file descriptors left open: {sorted(new_fds)}"


@pytest.fixture
def git_workdir(workdir: Path) -> Path:
    """``workdir`` as a git repository with one commit on ``main`` and an uncommitted file."""

    def git(*args: str) -> None:
        subprocess.run(
            ["git", "-c", "user.email=t@example.invalid", "-c", "user.name=t", *args],
            cwd=workdir,
            check=True,
            capture_output=True,
        )

    git("init", "-q", "-b", "main")
    (workdir / "app.py").write_text("def total(xs):\n    return sum(xs)\n")
    git("add", "app.py")
    git("commit", "-q", "-m", "initial")
    (workdir / "app.py").write_text("def total(xs):\n    return sum(xs[1:])\n")
    return workdir


@pytest.fixture
def issuer(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeIssuer]:
    """A fake OAuth issuer the runtimes started after this fixture log in against."""
    with FakeIssuer() as fake:
        monkeypatch.setenv(ISSUER_ENV, fake.url)
        yield fake


@pytest.fixture
def openai_auth_home(
    tmp_path: Path, scripted_model: ScriptedModel, codex_binary: CodexBinary, issuer: FakeIssuer
) -> CodexHome:
    """A home whose provider needs an OpenAI login (like the real one) but calls the scripted
    model: the runtime sends the logged-in key as the bearer token. No key is written. Its
    ChatGPT backend is the fake issuer's."""
    provider = attrs.evolve(
        ModelProvider.scripted(scripted_model.base_url), env_key=None, requires_openai_auth=True
    )
    return build_codex_home(
        tmp_path / "openai-home",
        provider=provider,
        model=TEST_MODEL,
        binary=codex_binary,
        chatgpt_base_url=issuer.backend_url,
    )


@pytest.fixture
async def login_orch(openai_auth_home: CodexHome) -> AsyncIterator[Orchestra]:
    """An orchestra logged out, with the fake issuer in its runtime's environment."""
    async with open_orchestra(openai_auth_home, runtimes=1) as orchestra:
        yield orchestra
