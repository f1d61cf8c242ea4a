"""The runtime's -32001 overload answer is retried with backoff, for conversations and fan-out."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

import pytest
import trio

from orchestra import open_orchestra
from orchestra.fanout import Prompt
from orchestra.runtime import CodexHome
from orchestra.testing import ScriptedModel


def _overloading(home: CodexHome, times: int) -> list[str]:
    """The real runtime behind a proxy that refuses the first ``times`` thread/start requests."""
    return [
        sys.executable, "-m", "orchestra.testing.faults", "--overload", "thread/start",
        "--overload-times", str(times), "--", str(home.binary.path), "app-server", "--listen", "stdio://",
    ]  # fmt: skip


async def test_overloaded_thread_start_is_retried_until_the_runtime_accepts(
    codex_home: CodexHome, scripted_model: ScriptedModel, workdir: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="orchestra")
    prompts = [Prompt(id=f"p{i}", text=f"prompt {i}", cwd=str(workdir)) for i in range(3)]
    with trio.fail_after(60):
        async with open_orchestra(codex_home, runtimes=1, runtime_argv=_overloading(codex_home, 3)) as orch:
            async with orch.conversation(cwd=str(workdir)) as conv:
                assert (await conv.run("hello")).ok
            async with orch.map(prompts, concurrency=3) as stream:
                results = [r async for r in stream]
    retries = [r for r in caplog.records if "thread/start failed; retrying" in r.getMessage()]
    assert len(retries) == 3
    assert all("overloaded" in r.getMessage() for r in retries)
    assert sorted(r.status for r in results) == ["completed"] * 3
