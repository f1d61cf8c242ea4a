"""Record a real multi-turn conversation (a shell call under an approval), replay it, compare."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import trio

from orchestra import ApprovalDecided, Orchestra, ServerRequest, TurnResult, accept_all
from orchestra.protocol import TurnCompletedNotification
from orchestra.session import (
    Recorder,
    ReplayedConversation,
    TurnLike,
    export_json,
    load_recording,
    load_rollout,
    replay,
    transcript,
)
from orchestra.testing import ScriptedModel, reply
from orchestra.testing.pytest_plugin import TEST_API_KEY

pytestmark = pytest.mark.runtime

TIMEOUT = 60


async def _consume(turn: TurnLike) -> tuple[list[object], TurnResult]:
    """Agent logic under test: works on a live turn and on a replayed one alike."""
    assert isinstance(turn, TurnLike)
    events = [event async for event in turn]
    return events, await turn.result()


async def test_a_recorded_conversation_replays_to_equal_events_turns_and_results(
    orch: Orchestra, scripted_model: ScriptedModel, workdir: Path, tmp_path: Path
) -> None:
    scripted_model.enqueue(reply.text("hello there", chunks=3), reply.shell("touch x"), reply.text("made it"))
    path = tmp_path / "session.jsonl"
    observed: list[object] = []
    live: list[tuple[list[object], TurnResult]] = []
    with trio.fail_after(TIMEOUT), Recorder(path, metadata={"test": "replay"}) as recorder:
        async with orch.conversation(
            cwd=str(workdir),
            approval_policy="untrusted",
            approver=accept_all,
            observers=[recorder, lambda actor, event: observed.append(event)],
        ) as conv:
            for prompt in ("say hello", "make x"):
                live.append(await _consume(await conv.send(prompt)))
            thread_id, rollout = conv.thread_id, conv.rollout_path
    assert (workdir / "x").exists()
    assert recorder.error is None and recorder.events_written == len(observed)

    # Every observed event comes back equal after structuring, from memory and streamed.
    recording = load_recording(path)
    assert recording.events() == observed
    assert [event async for event in replay(path)] == observed

    # The same consumer code drives the replayed turns to the same events and results.
    turns = ReplayedConversation(recording).turns()
    assert [await _consume(turn) for turn in turns] == live
    approval_turn = live[1][0]
    assert [e.decision for e in approval_turn if isinstance(e, ApprovalDecided)] == ["accept"]
    assert any(isinstance(e, ServerRequest) for e in approval_turn)
    assert isinstance(approval_turn[-1], TurnCompletedNotification)
    assert live[1][1].final_text == "made it"

    # The header says where it came from; the inputs are recoverable; no secret was written.
    info = recording.conversation()
    assert (info.id, info.cwd, info.rollout_path) == (thread_id, str(workdir), rollout)
    assert info.runtime_version == "0.163.0" and info.model == "scripted-model"
    assert recording.header.metadata == {"test": "replay"}
    assert [i.text for i in recording.inputs] == ["say hello", "make x"]
    assert TEST_API_KEY not in path.read_text()

    # One JSON document, read back the same.
    document = export_json(recording, tmp_path / "session.json")
    assert json.loads(document.read_text())["inputs"][1]["text"] == "make x"
    assert load_recording(document).events() == observed
    assert [event async for event in replay(document)] == observed

    # Transcripts of the recording and of the runtime's rollout tell the same story.
    entries = transcript(path).entries
    kinds = [e.kind for e in entries]
    assert kinds.count("turn") == 2 and kinds.count("usage") == 2
    assert [e.text for e in entries if e.kind in ("user", "assistant")] == [
        "say hello",
        "hello there",
        "make x",
        "made it",
    ]
    assert any(e.kind == "approval" and e.text.endswith("-> accept") for e in entries)
    assert any(e.kind == "command" and "touch x" in e.text and e.details["exit_code"] == 0 for e in entries)
    assert rollout is not None
    from_rollout = transcript(load_rollout(rollout)).entries
    assert [e.text for e in from_rollout if e.kind in ("user", "assistant")] == [
        "say hello",
        "hello there",
        "make x",
        "made it",
    ]
    assert [e.kind for e in from_rollout].count("usage") == 2
