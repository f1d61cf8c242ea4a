"""A runtime that cannot start is a clear, typed error that names why, and leaves nothing behind."""

from __future__ import annotations

import sys

import pytest
import trio

from orchestra import RuntimeStartError, open_orchestra
from orchestra.runtime import CodexHome
from orchestra.runtime._runtime import open_runtime

TIMEOUT = 60


def _python(code: str) -> list[str]:
    return [sys.executable, "-c", code]


async def test_a_runtime_that_dies_at_once_is_a_start_error_with_its_stderr(codex_home: CodexHome) -> None:
    dies = _python("import sys; sys.stderr.write('fatal: bad key sk-live-0123456789abcdef\\n'); sys.exit(3)")
    with trio.fail_after(TIMEOUT), pytest.raises(RuntimeStartError) as info:
        async with open_runtime(codex_home, argv=dies):
            pytest.fail("the runtime must not be yielded")
    text = str(info.value)
    assert "handshake failed" in text and "fatal: bad key" in text
    assert "sk-live-0123456789abcdef" not in text  # the stderr tail is scrubbed


async def test_a_runtime_that_never_answers_times_out_as_a_start_error(codex_home: CodexHome) -> None:
    silent = _python("import sys, time; sys.stdin.read(); time.sleep(60)")  # reads, never answers
    with trio.fail_after(TIMEOUT), pytest.raises(RuntimeStartError, match="handshake failed"):
        async with open_runtime(codex_home, argv=silent, handshake_timeout=0.5, close_grace=0.5):
            pytest.fail("the runtime must not be yielded")


async def test_a_missing_binary_is_a_start_error(codex_home: CodexHome) -> None:
    with trio.fail_after(TIMEOUT), pytest.raises(RuntimeStartError, match="could not start"):
        async with open_runtime(codex_home, argv=["/nonexistent/codex", "app-server"]):
            pytest.fail("the runtime must not be yielded")


@pytest.mark.parametrize("runtimes", [1, 2])
async def test_an_orchestra_whose_runtimes_cannot_start_raises_instead_of_waiting(
    codex_home: CodexHome, runtimes: int
) -> None:
    """Not entered at all: before, the block ran on a pool whose conversations waited on restarts."""
    dies = _python("import sys; sys.stderr.write('no such model provider\\n'); sys.exit(3)")
    with trio.fail_after(TIMEOUT), pytest.raises(RuntimeStartError, match="no such model provider"):
        async with open_orchestra(codex_home, runtimes=runtimes, runtime_argv=dies, max_restarts=50):
            pytest.fail("the orchestra must not be yielded")
