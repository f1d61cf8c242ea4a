"""Resume from a rollout and from a recording against the real runtime: the next model request
carries the earlier turns."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import trio

from orchestra import Orchestra, ThreadAlreadyOpenError, accept_all, open_orchestra
from orchestra.runtime import CodexHome
from orchestra.session import (
    Recorder,
    ResumeError,
    import_rollout,
    load_recording,
    plan_resume,
    resume_conversation,
)
from orchestra.testing import ScriptedModel, reply

pytestmark = pytest.mark.runtime

TIMEOUT = 60


async def _make_x(
    orch: Orchestra, model: ScriptedModel, workdir: Path, recording: Path | None = None
) -> tuple[str, str]:
    """One turn that runs a shell command; returns (thread id, rollout path)."""
    model.enqueue(reply.shell("touch x"), reply.text("made x"))
    observers = [Recorder(recording)] if recording else []
    async with orch.conversation(cwd=str(workdir), approver=accept_all, observers=observers) as conv:
        assert (await conv.run("make x")).final_text == "made x"
        thread_id, rollout = conv.thread_id, conv.rollout_path
    for observer in observers:
        observer.close()
    assert rollout is not None
    return thread_id, rollout


def _assert_history_carried(model: ScriptedModel, *prompts: str) -> None:
    request = model.requests[-1]
    assert request.user_texts == prompts
    calls = [json.loads(c["arguments"]) for c in request.function_calls]
    assert calls == [{"cmd": "touch x"}]
    assert "exited with code 0" in request.function_call_outputs[0]["output"]


async def test_resume_from_a_rollout_made_elsewhere_forks_or_continues_the_thread(
    orch: Orchestra, scripted_model: ScriptedModel, workdir: Path, tmp_path: Path
) -> None:
    with trio.fail_after(TIMEOUT):
        thread_id, rollout = await _make_x(orch, scripted_model, workdir)
        # A rollout from another machine: not under any CODEX_HOME of this orchestra.
        elsewhere = tmp_path / "elsewhere" / Path(rollout).name
        elsewhere.parent.mkdir()
        shutil.copy(rollout, elsewhere)
        before = elsewhere.read_bytes()

        scripted_model.enqueue(reply.text("you asked for x"))
        async with resume_conversation(orch, elsewhere) as forked:
            assert forked.thread_id != thread_id
            assert (await forked.run("what did I ask?")).final_text == "you asked for x"
        _assert_history_carried(scripted_model, "make x", "what did I ask?")
        assert elsewhere.read_bytes() == before  # a fork never writes to its source

        scripted_model.enqueue(reply.text("still x"))
        async with resume_conversation(orch, rollout, mode="resume") as resumed:
            assert resumed.thread_id == thread_id
            assert (await resumed.run("and again?")).final_text == "still x"
        _assert_history_carried(scripted_model, "make x", "and again?")


async def test_resume_from_a_recording_whose_rollout_is_gone_replays_its_items(
    orch: Orchestra, scripted_model: ScriptedModel, workdir: Path, tmp_path: Path
) -> None:
    recording = tmp_path / "session.jsonl"
    with trio.fail_after(TIMEOUT):
        _, rollout = await _make_x(orch, scripted_model, workdir, recording)
        assert plan_resume(recording).strategy == "thread/fork"  # the rollout is still there
        await trio.Path(rollout).unlink()  # as on another machine
        plan = plan_resume(recording)
        assert plan.strategy == "thread/inject_items" and not plan.restores_exactly
        assert plan.history is not None and plan.history.skipped == ()
        with pytest.raises(ResumeError, match="rollout is not available"):
            plan_resume(recording, mode="resume")

        scripted_model.enqueue(reply.text("you asked for x"))
        async with resume_conversation(orch, load_recording(recording), approver=accept_all) as conv:
            assert (await conv.run("what did I ask?")).final_text == "you asked for x"
    _assert_history_carried(scripted_model, "make x", "what did I ask?")


async def test_orch_resume_continues_a_recorded_conversation(
    orch: Orchestra, scripted_model: ScriptedModel, workdir: Path, tmp_path: Path
) -> None:
    recording = tmp_path / "session.jsonl"
    with trio.fail_after(TIMEOUT):
        await _make_x(orch, scripted_model, workdir, recording)
        scripted_model.enqueue(reply.text("x was made"))
        async with orch.resume(recording, approver=accept_all) as conv:
            assert (await conv.run("what happened?")).final_text == "x was made"
    _assert_history_carried(scripted_model, "make x", "what happened?")


async def test_a_thread_open_in_a_conversation_cannot_be_attached_twice(
    orch: Orchestra, scripted_model: ScriptedModel, workdir: Path
) -> None:
    """The runtime routes a thread's events to one conversation: a second attached to it would
    take them, and the first would wait forever. So the second is refused, the first carries on,
    and once it is closed the thread can be resumed."""
    with trio.fail_after(TIMEOUT):
        async with orch.conversation(cwd=str(workdir)) as first:
            await first.run("one")
            rollout = first.rollout_path
            assert rollout is not None
            for _ in range(2):  # a refused attempt must not release the first one's claim
                with pytest.raises(ThreadAlreadyOpenError) as refused:
                    async with resume_conversation(orch, rollout, mode="resume"):
                        pass
            assert refused.value.thread_id == first.thread_id
            assert (await first.run("two")).status == "completed"
        async with resume_conversation(orch, rollout, mode="resume") as again:
            assert again.thread_id == first.thread_id
            assert (await again.run("three")).status == "completed"
    assert scripted_model.requests[-1].user_texts == ("one", "two", "three")


async def test_a_resume_continues_where_the_thread_last_went_on(
    codex_home: CodexHome, scripted_model: ScriptedModel, workdir: Path
) -> None:
    """With two runtimes, a rollout may have a stale copy in the other runtime's home (left by a
    resume placed there). A resume goes to the home where the thread went on last, whichever
    runtime is less busy; the stale copy would have lost every turn since."""
    with trio.fail_after(TIMEOUT):
        async with open_orchestra(codex_home, runtimes=2) as orch:
            async with orch.conversation(cwd=str(workdir)) as conv:
                await conv.run("ONE")
                rollout = conv.rollout_path
            assert rollout is not None
            (home,) = [s for s in orch.pool.slots if Path(rollout).is_relative_to(s.home.path)]
            (other,) = [s for s in orch.pool.slots if s is not home]
            import_rollout(rollout, other.home.sessions_dir)  # the stale copy
            async with resume_conversation(orch, rollout, mode="resume") as again:
                await again.run("TWO")  # goes on in `home`; the copy in `other` falls behind
            async with (
                orch.open_thread({"cwd": str(workdir)}, slot=home),  # `home` is busier now
                resume_conversation(orch, rollout, mode="resume") as third,
            ):
                await third.run("THREE")
    assert scripted_model.requests[-1].user_texts == ("ONE", "TWO", "THREE")
