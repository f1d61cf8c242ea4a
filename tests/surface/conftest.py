"""Fixtures of the surface tests; every test must leave no process and no fd of ours behind."""

from __future__ import annotations

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


@pytest.fixture(autouse=True)
def _nothing_left_behind(no_leftovers: None) -> None:
    """Every test here must leave no process and no file descriptor of ours behind."""


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
