"""Supervision against the real runtime: SIGKILL mid-turn, resume, re-run, escalation."""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest
import trio

from orchestra import Orchestra, ResumePolicy, RuntimeLost, open_orchestra
from orchestra._groups import unwrap_single_exception
from orchestra.events import ConversationResumed, TurnRestarted
from orchestra.protocol import AgentMessageDeltaNotification
from orchestra.runtime import CodexHome
from orchestra.supervision import SupervisorEscalation
from orchestra.testing import ScriptedModel, reply

TIMEOUT = 60
SLOW = reply.text("slow " * 100, chunks=100).with_latency(between_events=0.05)


async def _kill_on_first_delta(orch: Orchestra, turn: object) -> list[object]:
    events: list[object] = []
    killed_pid = None
    async for event in turn:  # type: ignore[attr-defined]
        events.append(event)
        if isinstance(event, AgentMessageDeltaNotification) and killed_pid is None:
            killed_pid = orch.runtime.pid
            os.kill(killed_pid, signal.SIGKILL)
    return events


async def test_sigkill_mid_turn_resumes_and_reruns_the_turn_with_history(
    orch: Orchestra, scripted_model: ScriptedModel, workdir: Path
) -> None:
    scripted_model.enqueue(reply.text("noted"), SLOW, reply.text("after the crash"))
    with trio.fail_after(TIMEOUT):
        async with orch.conversation(cwd=str(workdir)) as conv:
            await conv.run("remember the word PINEAPPLE")
            first_pid = orch.runtime.pid
            turn = await conv.send("now count slowly")
            events = await _kill_on_first_delta(orch, turn)
            result = await turn.result()
            # The conversation lives on: another turn on the restarted runtime.
            after = await conv.run("and what was the word?")

    kinds = [type(e) for e in events]
    lost_at = kinds.index(RuntimeLost)
    assert kinds[lost_at + 1 : lost_at + 3] == [ConversationResumed, TurnRestarted]
    resumed = events[lost_at + 1]
    assert isinstance(resumed, ConversationResumed) and resumed.generation == 2
    assert resumed.runtime_pid != first_pid
    assert result.status == "completed" and result.final_text == "after the crash"
    assert result.attempts == 2
    assert after.status == "completed"
    # Restored state, verified at the model: the re-run request carries the earlier turns.
    rerun = scripted_model.requests[2]
    assert rerun.user_texts[0] == "remember the word PINEAPPLE"
    assert rerun.user_texts[-1] == "now count slowly"
    assert "remember the word PINEAPPLE" in scripted_model.requests[-1].user_texts


async def test_fail_policy_fails_the_in_flight_turn_with_a_typed_error(
    orch: Orchestra, scripted_model: ScriptedModel, workdir: Path
) -> None:
    scripted_model.enqueue(SLOW, reply.text("still here"))
    with trio.fail_after(TIMEOUT):
        async with orch.conversation(cwd=str(workdir), resume=ResumePolicy(rerun_in_flight=False)) as conv:
            turn = await conv.send("count slowly")
            events = await _kill_on_first_delta(orch, turn)
            result = await turn.result()
            next_result = await conv.run("are you there?")
    assert result.status == "failed"
    (lost,) = [e for e in events if isinstance(e, RuntimeLost)]
    assert result.error is lost and lost.exit_signal == 9  # the one streamed, with how it died
    assert any(isinstance(e, ConversationResumed) for e in events)
    assert not any(isinstance(e, TurnRestarted) for e in events)
    assert next_result.final_text == "still here"


async def test_an_ephemeral_conversation_cannot_resume_and_says_so(
    orch: Orchestra, scripted_model: ScriptedModel, workdir: Path
) -> None:
    scripted_model.enqueue(SLOW)
    with trio.fail_after(TIMEOUT):
        async with orch.conversation(cwd=str(workdir), ephemeral=True) as conv:
            turn = await conv.send("count slowly")
            await _kill_on_first_delta(orch, turn)
            result = await turn.result()
            with pytest.raises(Exception, match="ephemeral thread cannot be resumed"):
                await conv.send("again")
    assert result.status == "failed" and isinstance(result.error, RuntimeLost)


async def test_killing_past_the_restart_intensity_escalates_with_a_clear_error(codex_home: CodexHome) -> None:
    with (
        trio.fail_after(TIMEOUT),
        pytest.raises(SupervisorEscalation) as info,
        unwrap_single_exception(),
    ):
        async with open_orchestra(codex_home, runtimes=1, max_restarts=2, restart_period=60) as orch:
            slot = orch.pool.slots[0]
            for _ in range(2):
                runtime, generation = await slot.wait_runtime(newer_than=slot.generation - 1)
                os.kill(runtime.pid, signal.SIGKILL)
                await slot.wait_runtime(newer_than=generation)  # restarted
            os.kill(orch.runtime.pid, signal.SIGKILL)  # the third death in 60 s is one too many
            await trio.sleep_forever()  # the escalation ends this block
    error = info.value
    assert error.child_id == "runtime-0" and error.restarts == 3
    assert "runtime 0" in str(error.last_error) and "signal 9" in str(error)  # says which and why
    assert "runtime-0' failed 3 times within 60 s" in str(error)
