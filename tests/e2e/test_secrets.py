"""An API key never appears in logs, reprs or error messages."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
import trio

from orchestra import Orchestra, Secret, open_orchestra
from orchestra.runtime import CodexHome
from orchestra.supervision import RetryPolicy
from orchestra.testing import ScriptedModel, reply
from orchestra.testing.pytest_plugin import TEST_API_KEY


async def test_api_key_stays_out_of_logs_and_reprs(
    orch: Orchestra, scripted_model: ScriptedModel, workdir: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG, logger="orchestra")
    scripted_model.enqueue(reply.text("hi"), reply.http_error(401, f"bad key {TEST_API_KEY}"))
    with trio.fail_after(60):
        async with orch.conversation(cwd=str(workdir), turn_retry=RetryPolicy.never()) as conv:
            first = await conv.run("hello")
            second = await conv.run("again")
            reprs = [repr(orch), repr(orch.home), repr(conv), repr(first), repr(second), str(second.error)]
    assert second.status == "failed"
    # The runtime really used the key with the model...
    assert scripted_model.requests[0].headers["authorization"] == f"Bearer {TEST_API_KEY}"
    # ...but it shows up nowhere we print.
    for text in [*reprs, caplog.text, repr(scripted_model.requests[0])]:
        assert TEST_API_KEY not in text
    assert "***" in repr(Secret(TEST_API_KEY))


async def test_commands_the_model_runs_never_see_the_key(
    codex_home: CodexHome,
    scripted_model: ScriptedModel,
    workdir: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The runtime gets the key in its environment; the model's commands must not inherit it,
    or ``printenv`` would hand it to the model (and to the rollout on disk)."""
    monkeypatch.setenv("OPENAI_API_KEY", TEST_API_KEY)  # as `orchestra run --provider openai` users do
    monkeypatch.setenv("ORCHESTRA_AUDIT_MARKER", "visible")  # an ordinary variable still passes
    scripted_model.enqueue(reply.shell("printenv; echo END"), reply.text("listed"))
    with trio.fail_after(60):
        async with (
            open_orchestra(codex_home, runtimes=1) as orch,
            orch.conversation(cwd=str(workdir)) as conv,
        ):
            assert (await conv.run("show the environment")).ok
            rollout = conv.rollout_path
    output = scripted_model.requests[-1].last_tool_output or ""
    assert "ORCHESTRA_AUDIT_MARKER=visible" in output and "END" in output  # the command did run
    assert TEST_API_KEY not in output
    assert "OPENAI_API_KEY" not in output and (codex_home.provider.env_key or "-") not in output
    assert rollout is not None and TEST_API_KEY not in await trio.Path(rollout).read_text()
