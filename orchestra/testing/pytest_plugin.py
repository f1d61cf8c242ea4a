"""pytest fixtures for testing code built on orchestra, against the real runtime, offline.

Installed as a pytest plugin (entry point ``orchestra``), so these fixtures are available in any
project that installs codex-orchestra. Async fixtures need pytest-trio (``trio_mode = true``).

- ``codex_binary``: the located, version-checked ``codex`` (session-wide).
- ``scripted_model``: a running :class:`~orchestra.testing.model_server.ScriptedModel`; script it
  in the test before the runtime asks.
- ``codex_home``: an isolated CODEX_HOME in ``tmp_path`` pointing at ``scripted_model``.
- ``workdir``: an empty working directory (not a git repository: the runtime is faster there).
- ``orch``: a running :class:`~orchestra.Orchestra` on ``codex_home``.
- ``fake_cloud`` / ``cloud_client``: a fake Codex cloud backend and a client for it.
- ``no_leftovers``: fails the test if it left a child process or an open fd behind; make it
  autouse in a conftest with ``@pytest.fixture(autouse=True) def _clean(no_leftovers): ...``.

Example::

    async def test_hello(orch, scripted_model, workdir):
        scripted_model.enqueue(reply.text("hello", chunks=2))
        async with orch.conversation(cwd=str(workdir)) as conv:
            result = await conv.run("greet me")
        assert result.final_text == "hello"
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest

from .._orchestra import Orchestra, open_orchestra
from ..cloud import CloudClient, RetryPolicy
from ..runtime import CodexBinary, CodexHome, ModelProvider, build_codex_home, locate_codex
from .fake_cloud import FakeCloud
from .leftovers import Snapshot
from .model_server import ScriptedModel

#: The API key the fixtures give the runtime. Tests assert it never shows up in logs or reprs.
TEST_API_KEY = "sk-orchestra-test-key-0123456789abcdef"
#: The model slug the fixtures configure (it gets a catalog entry generated from the binary).
TEST_MODEL = "scripted-model"


@pytest.fixture(scope="session")
def codex_binary() -> CodexBinary:
    return locate_codex()


@pytest.fixture
def scripted_model() -> Iterator[ScriptedModel]:
    with ScriptedModel() as model:
        yield model


@pytest.fixture
def codex_home(tmp_path: Path, scripted_model: ScriptedModel, codex_binary: CodexBinary) -> CodexHome:
    return build_codex_home(
        tmp_path / "codex-home",
        provider=ModelProvider.scripted(scripted_model.base_url),
        model=TEST_MODEL,
        api_key=TEST_API_KEY,
        binary=codex_binary,
    )


@pytest.fixture
def workdir(tmp_path: Path) -> Path:
    path = tmp_path / "work"
    path.mkdir()
    return path


@pytest.fixture
async def orch(codex_home: CodexHome) -> AsyncIterator[Orchestra]:
    """One runtime (the cheapest pool); tests of pooling open their own orchestra."""
    async with open_orchestra(codex_home, runtimes=1) as orchestra:
        yield orchestra


@pytest.fixture
def fake_cloud() -> Iterator[FakeCloud]:
    """A running fake Codex cloud backend on 127.0.0.1 with one environment ``env_test``
    (label ``test-repo``, repo ``acme/test-repo``). Script tasks with ``fake_cloud.script(...)``."""
    with FakeCloud() as fake:
        fake.add_environment("env_test", label="test-repo", repo="acme/test-repo", is_pinned=True)
        yield fake


@pytest.fixture
async def cloud_client(fake_cloud: FakeCloud) -> AsyncIterator[CloudClient]:
    """A CloudClient with the fake's credentials and millisecond retries."""
    fast = RetryPolicy(attempts=3, initial=0.001, maximum=0.01, deadline=10.0)
    async with fake_cloud.client(retry=fast) as client:
        yield client


@pytest.fixture
def no_leftovers() -> Iterator[None]:
    """The test must leave no child process and no file descriptor behind."""
    before = Snapshot.take()
    yield
    before.assert_nothing_left()
