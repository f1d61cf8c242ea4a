"""`orchestra demo`, the README's main command, really fans out through the runtime."""

from __future__ import annotations

import sys

import trio


async def test_demo_fans_out_offline_and_reports_every_prompt() -> None:
    args = [
        sys.executable,
        "-c",
        "from orchestra.cli import main; raise SystemExit(main())",
        "demo",
        "-n",
        "6",
    ]
    with trio.fail_after(120):
        done = await trio.run_process(args, capture_stdout=True, capture_stderr=True, check=False)
    out = done.stdout.decode()
    assert done.returncode == 0, done.stderr.decode()[-2000:]
    assert "6/6 completed" in out
    assert "Scripted answer" in out and "binary" in out  # the sample table (wrapped to 80 columns)
    # The scripted account's windows are in ordinary use: the closing screen shows them, and does
    # not project an exhaustion from a few seconds of demo.
    assert "Primary (per-5h)" in out and "Secondary (per-week)" in out
    assert "Critical" not in out and "Warning" not in out


async def test_version_names_the_runtime_it_found() -> None:
    args = [sys.executable, "-c", "from orchestra.cli import main; raise SystemExit(main())", "version"]
    with trio.fail_after(60):
        done = await trio.run_process(args, capture_stdout=True)
    lines = done.stdout.decode().splitlines()
    assert lines[0].startswith("codex-orchestra ")
    assert lines[1].startswith("codex 0.163.") and " at /" in lines[1]
