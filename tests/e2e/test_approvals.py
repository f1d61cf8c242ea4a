"""Approval requests from the runtime go to the user's policy; the command runs only if accepted."""

from __future__ import annotations

import os
import signal
from pathlib import Path

import trio

from orchestra import (
    ApprovalDecided,
    ApprovalRequest,
    Decision,
    Orchestra,
    ServerRequest,
    accept_all,
    accept_commands_matching,
)
from orchestra.events import TurnRestarted
from orchestra.testing import ScriptedModel, reply

TIMEOUT = 60


async def _run_touch(
    orch: Orchestra,
    model: ScriptedModel,
    workdir: Path,
    command: str = "touch approved.txt && echo made it",
    **kwargs: object,
) -> list[object]:
    model.enqueue(reply.shell(command), reply.text("finished"))
    with trio.fail_after(TIMEOUT):
        async with orch.conversation(cwd=str(workdir), approval_policy="untrusted", **kwargs) as conv:  # type: ignore[arg-type]
            turn = await conv.send("make the file")
            events = [event async for event in turn]
            assert (await turn.result()).status == "completed"
    return events


async def test_accepted_command_runs(orch: Orchestra, scripted_model: ScriptedModel, workdir: Path) -> None:
    seen: list[ApprovalRequest] = []

    async def approver(request: ApprovalRequest) -> Decision:
        seen.append(request)
        return await accept_all(request)

    events = await _run_touch(orch, scripted_model, workdir, approver=approver)
    assert (workdir / "approved.txt").exists()
    assert len(seen) == 1 and seen[0].kind == "command"
    assert "touch approved.txt" in (seen[0].command or "")
    decided = [e for e in events if isinstance(e, ApprovalDecided)]
    assert [d.decision for d in decided] == ["accept"]
    assert any(isinstance(e, ServerRequest) for e in events)
    # The model was told the command's output.
    assert "made it" in (scripted_model.requests[-1].last_tool_output or "")


async def test_declined_command_does_not_run(
    orch: Orchestra, scripted_model: ScriptedModel, workdir: Path
) -> None:
    events = await _run_touch(orch, scripted_model, workdir)  # default policy declines
    assert not (workdir / "approved.txt").exists()
    decided = [e for e in events if isinstance(e, ApprovalDecided)]
    assert [d.decision for d in decided] == ["decline"]


async def test_a_failing_policy_declines_instead_of_hanging(
    orch: Orchestra, scripted_model: ScriptedModel, workdir: Path
) -> None:
    async def broken(request: ApprovalRequest) -> Decision:
        raise RuntimeError("policy bug")

    events = await _run_touch(orch, scripted_model, workdir, approver=broken)
    assert not (workdir / "approved.txt").exists()
    decided = [e for e in events if isinstance(e, ApprovalDecided)]
    assert decided[0].decision == "decline" and "policy bug" in decided[0].reason


async def test_a_policy_returning_no_valid_decision_declines(
    orch: Orchestra, scripted_model: ScriptedModel, workdir: Path
) -> None:
    """``"approve"`` (or None) is not a Decision: declined with the reason, not a KeyError that
    tore the conversation down."""

    async def confused(request: ApprovalRequest) -> Decision:
        return "approve"  # type: ignore[return-value]

    events = await _run_touch(orch, scripted_model, workdir, approver=confused)
    assert not (workdir / "approved.txt").exists()
    decided = [e for e in events if isinstance(e, ApprovalDecided)]
    assert decided[0].decision == "decline" and "returned 'approve'" in decided[0].reason


async def test_an_allowlist_runs_what_it_names_and_nothing_chained_to_it(
    orch: Orchestra, scripted_model: ScriptedModel, workdir: Path
) -> None:
    """The runtime asks with its own wire form (``/bin/bash -lc '...'``); the allowlist judges the
    script inside it, whole."""
    allow_touch = accept_commands_matching(r"touch [\w.]+")
    events = await _run_touch(orch, scripted_model, workdir, "touch approved.txt", approver=allow_touch)
    assert (workdir / "approved.txt").exists()
    assert [e.decision for e in events if isinstance(e, ApprovalDecided)] == ["accept"]
    chained = "touch other.txt && echo made it"
    events = await _run_touch(orch, scripted_model, workdir, chained, approver=allow_touch)
    assert not (workdir / "other.txt").exists()
    assert [e.decision for e in events if isinstance(e, ApprovalDecided)] == ["decline"]


async def test_a_decision_made_after_the_runtime_died_is_not_reported_in_the_rerun(
    orch: Orchestra, scripted_model: ScriptedModel, workdir: Path
) -> None:
    """The runtime that asked is killed while the policy decides: the answer reaches no one, and
    the rerun attempt of the turn must not show an ApprovalDecided that took no effect."""
    scripted_model.enqueue(reply.shell("touch a.txt"), reply.text("rerun: nothing to run"))
    decide = trio.Event()

    async def slow_approver(request: ApprovalRequest) -> Decision:
        await decide.wait()
        return "accept"

    kinds = []
    with trio.fail_after(TIMEOUT):
        async with orch.conversation(
            cwd=str(workdir), approval_policy="untrusted", approver=slow_approver
        ) as conv:
            turn = await conv.send("go")
            async for event in turn:
                kinds.append(type(event).__name__)
                if isinstance(event, ServerRequest):
                    os.kill(orch.runtime.pid, signal.SIGKILL)
                if isinstance(event, TurnRestarted):
                    decide.set()
            result = await turn.result()
    assert result.status == "completed" and result.attempts == 2
    assert "ApprovalDecided" not in kinds[kinds.index("TurnRestarted") :]
    assert not (workdir / "a.txt").exists()
