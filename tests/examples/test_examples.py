"""Every example in examples/ runs to completion against the scripted model."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import pytest

from orchestra.testing import ScriptedModel

EXAMPLES = Path(__file__).parents[2] / "examples"


def _run(name: str, model: ScriptedModel, timeout: float = 120) -> str:
    env = {**os.environ, "ORCHESTRA_EXAMPLE_BASE_URL": model.base_url}
    env.pop("RAY_ADDRESS", None)
    done = subprocess.run(
        [sys.executable, str(EXAMPLES / name)],
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=EXAMPLES.parent,
    )
    assert done.returncode == 0, done.stderr[-4000:]
    return done.stdout


def _fan_out_lines(output: str) -> list[str]:
    return sorted(line for line in output.splitlines() if " completed ECHO: Explain topic " in line)


def test_trio_example(scripted_model: ScriptedModel) -> None:
    output = _run("trio_example.py", scripted_model)
    assert "ECHO: Say hello from trio." in output and "[completed]" in output
    assert _fan_out_lines(output) == [f"{i} completed ECHO: Explain topic {i}" for i in range(3)]


def test_asyncio_example(scripted_model: ScriptedModel) -> None:
    output = _run("asyncio_example.py", scripted_model)
    assert "ECHO: Say hello from asyncio." in output and "answered in time" in output
    assert _fan_out_lines(output) == [f"{i} completed ECHO: Explain topic {i}" for i in range(3)]


def test_sync_example(scripted_model: ScriptedModel) -> None:
    output = _run("sync_example.py", scripted_model)
    assert "ECHO: Say hello from a script." in output
    assert "ECHO: And once more, without streaming." in output
    assert _fan_out_lines(output) == [f"{i} completed ECHO: Explain topic {i}" for i in range(3)]


@pytest.mark.skipif(importlib.util.find_spec("ray") is None, reason="needs the ray extra")
def test_ray_example(scripted_model: ScriptedModel) -> None:
    output = _run("ray_example.py", scripted_model, timeout=240)
    assert _fan_out_lines(output) == [f"{i} completed ECHO: Explain topic {i}" for i in range(8)]
    assert "workers lost: 0 prompts re-run: 0" in output
