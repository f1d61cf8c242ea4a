"""One conversation, and two at once, against the real runtime and the scripted model."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest
import trio

from orchestra import ConversationClosedError, Orchestra
from orchestra.protocol import (
    AgentMessageDeltaNotification,
    ItemCompletedNotification,
    TurnCompletedNotification,
    TurnStartedNotification,
)
from orchestra.testing import ScriptedModel, reply

TIMEOUT = 60


async def test_one_turn_streams_deltas_in_order_that_join_to_the_final_text(
    orch: Orchestra, scripted_model: ScriptedModel, workdir: Path
) -> None:
    scripted_model.enqueue(reply.text("The quick brown fox jumps over the lazy dog.", chunks=7))
    with trio.fail_after(TIMEOUT):
        async with orch.conversation(cwd=str(workdir)) as conv:
            turn = await conv.send("Tell me about foxes.")
            events = [event async for event in turn]
            result = await turn.result()

    deltas = [e.delta for e in events if isinstance(e, AgentMessageDeltaNotification)]
    assert len(deltas) == 7
    assert "".join(deltas) == "The quick brown fox jumps over the lazy dog."
    assert result.final_text == "".join(deltas)
    assert result.status == "completed"
    assert result.turn_id == turn.id
    assert isinstance(events[0], TurnStartedNotification)
    assert isinstance(events[-1], TurnCompletedNotification)
    assert any(isinstance(e, ItemCompletedNotification) for e in events)
    assert result.usage is not None
    # The model really saw our prompt.
    assert scripted_model.requests[-1].last_user_text == "Tell me about foxes."
    # Typed as they were drained, by the native structurer: an event built there holding only
    # strings is left to reference counting, which one built by the converter in Python is not.
    assert not any(gc.is_tracked(e) for e in events if isinstance(e, AgentMessageDeltaNotification))


async def test_two_conversations_on_one_runtime_keep_their_events_apart(
    orch: Orchestra, scripted_model: ScriptedModel, workdir: Path
) -> None:
    # Slow, interleaving streams: both conversations are mid-turn at the same time.
    scripted_model.when("alpha").respond(
        reply.text("A1 A2 A3 A4 A5 A6", chunks=6).with_latency(between_events=0.03)
    )
    scripted_model.when("beta").respond(
        reply.text("B1 B2 B3 B4 B5 B6", chunks=6).with_latency(between_events=0.03)
    )
    collected: dict[str, list[object]] = {}

    async def talk(name: str) -> None:
        async with orch.conversation(cwd=str(workdir)) as conv:
            turn = await conv.send(f"{name} please")
            collected[name] = [event async for event in turn]
            collected[name + ":thread"] = [conv.thread_id]

    with trio.fail_after(TIMEOUT):
        async with trio.open_nursery() as nursery:
            nursery.start_soon(talk, "alpha")
            nursery.start_soon(talk, "beta")

    for name, letter in (("alpha", "A"), ("beta", "B")):
        thread_id = collected[name + ":thread"][0]
        events = collected[name]
        assert all(getattr(e, "thread_id", thread_id) == thread_id for e in events)
        deltas = "".join(e.delta for e in events if isinstance(e, AgentMessageDeltaNotification))
        assert deltas == " ".join(f"{letter}{i}" for i in range(1, 7))
    assert collected["alpha:thread"] != collected["beta:thread"]


async def test_a_closed_conversation_refuses_everything_with_one_typed_error(
    orch: Orchestra, scripted_model: ScriptedModel, workdir: Path
) -> None:
    """Not send() alone: every request on a closed conversation is a ConversationClosedError (the
    others raised the native layer's ValueError about a closed route)."""
    with trio.fail_after(TIMEOUT):
        async with orch.conversation(cwd=str(workdir)) as conv:
            await conv.run("hi")
        with pytest.raises(ConversationClosedError, match="closed"):
            await conv.send("again")
        with pytest.raises(ConversationClosedError, match="closed"):
            await conv.read()
        with pytest.raises(ConversationClosedError, match="closed"):
            await conv.request("thread/read", {"threadId": conv.thread_id})
        with pytest.raises(ConversationClosedError, match="closed"):
            await conv.set_name("a name")


async def test_a_relative_cwd_is_this_processs_and_a_missing_one_is_refused(
    orch: Orchestra, workdir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The runtime read a relative cwd against its own CODEX_HOME, and took a missing one (the
    turn 'completed', every command failing)."""
    monkeypatch.chdir(workdir.parent)
    with trio.fail_after(TIMEOUT):
        async with orch.conversation(cwd=workdir.name) as conv:
            await conv.run("hi")
            assert (await conv.read()).cwd == str(workdir)
        with pytest.raises(ValueError, match="is not a directory"):
            async with orch.conversation(cwd=str(workdir / "missing")):
                pass
        async with orch.map(
            [{"id": "p", "prompt": "hi", "cwd": "/nonexistent/dir"}], concurrency=1
        ) as results:
            (result,) = [r async for r in results]
    assert result.status == "error" and "is not a directory" in (result.error or "")
