"""Interrupt by cancellation, model failures, and malformed runtime output."""

from __future__ import annotations

import sys
from pathlib import Path

import trio

from orchestra import MalformedMessage, Orchestra, open_orchestra
from orchestra.events import TurnRetrying
from orchestra.protocol import AgentMessageDeltaNotification, ErrorNotification
from orchestra.runtime import CodexHome
from orchestra.supervision import RetryPolicy
from orchestra.testing import ScriptedModel, reply

TIMEOUT = 60


async def test_cancelling_the_consumer_interrupts_the_turn_and_the_next_turn_works(
    orch: Orchestra, scripted_model: ScriptedModel, workdir: Path
) -> None:
    slow = reply.text("tick " * 200, chunks=200).with_latency(between_events=0.05)
    scripted_model.enqueue(slow, reply.text("second answer"))
    with trio.fail_after(TIMEOUT):
        async with orch.conversation(cwd=str(workdir)) as conv:
            turn = await conv.send("count slowly")
            with trio.CancelScope() as scope:
                async for event in turn:
                    if isinstance(event, AgentMessageDeltaNotification):
                        scope.cancel()  # the consumer gives up after the first delta
            result = await turn.result()
            assert result.status == "interrupted"
            assert len(result.final_text) < len("tick " * 200)

            second = await conv.run("and now?")
    assert second.status == "completed"
    assert second.final_text == "second answer"


async def test_a_turn_stopped_as_soon_as_it_is_sent_is_interrupted(
    orch: Orchestra, scripted_model: ScriptedModel, workdir: Path
) -> None:
    """The runtime answers turn/start before the turn has started, and refuses an interrupt until
    it has ("no active turn to interrupt"): stopping at once must still stop it, by interrupt() or
    by cancelling the consumer, not let it run to completion."""
    # A turn stopped before its model request leaves nothing of a queue used: answer by prompt.
    scripted_model.when("count").always(reply.text("tick " * 40, chunks=40).with_latency(between_events=0.05))
    scripted_model.when("and now?").always(reply.text("third answer"))
    with trio.fail_after(TIMEOUT):
        async with orch.conversation(cwd=str(workdir)) as conv:
            stopped = await (await conv.send("count")).interrupt()
            turn = await conv.send("count again")
            with trio.CancelScope() as scope:
                scope.cancel()  # the consumer gives up before the first event
                async for _ in turn:
                    pass
            cancelled = await turn.result()
            third = await conv.run("and now?")
    assert (stopped.status, cancelled.status) == ("interrupted", "interrupted")
    assert (third.status, third.final_text) == ("completed", "third answer")


async def test_model_500_is_a_typed_turn_failure(
    orch: Orchestra, scripted_model: ScriptedModel, workdir: Path
) -> None:
    scripted_model.enqueue(reply.http_error(500))
    with trio.fail_after(TIMEOUT):
        async with orch.conversation(cwd=str(workdir), turn_retry=RetryPolicy.never()) as conv:
            turn = await conv.send("hello?")
            events = [event async for event in turn]
            result = await turn.result()
    assert result.status == "failed"
    assert result.error is not None
    assert "high demand" in result.error.message or "500" in result.error.message
    assert any(isinstance(e, ErrorNotification) for e in events)
    try:
        result.raise_for_status()
    except Exception as exc:  # TurnFailedError carries the typed error
        assert type(exc).__name__ == "TurnFailedError"
        assert exc.error is result.error  # type: ignore[attr-defined]
    else:
        raise AssertionError("raise_for_status did not raise for a failed turn")


async def test_model_500_twice_then_success_is_one_successful_turn_with_two_visible_retries(
    orch: Orchestra, scripted_model: ScriptedModel, workdir: Path
) -> None:
    scripted_model.enqueue(reply.http_error(500), reply.http_error(500), reply.text("third time lucky"))
    fast = RetryPolicy(attempts=3, initial=0.01, maximum=0.05)
    with trio.fail_after(TIMEOUT):
        async with orch.conversation(cwd=str(workdir), turn_retry=fast) as conv:
            turn = await conv.send("flaky model")
            events = [event async for event in turn]
            result = await turn.result()
    retries = [e for e in events if isinstance(e, TurnRetrying)]
    assert [r.attempt for r in retries] == [2, 3]
    assert all(r.verdict == "retryable" for r in retries)
    assert result.status == "completed" and result.final_text == "third time lucky"
    assert result.attempts == 3
    assert len(scripted_model.requests) == 3


async def test_malformed_line_is_a_typed_event_and_other_conversations_carry_on(
    codex_home: CodexHome, scripted_model: ScriptedModel, workdir: Path
) -> None:
    # A proxy between us and the real runtime writes a broken line (cut mid-object) that names
    # conversation A's thread, right after the line carrying A's marker text.
    broken = '{"method":"item/agentMessage/delta","params":{"threadId":"{threadId}","delta":"cut'
    argv = [
        sys.executable, "-m", "orchestra.testing.faults",
        "--when-contains", "MARKER-A", "--inject", broken,
        "--", str(codex_home.binary.path), "app-server", "--listen", "stdio://",
    ]  # fmt: skip
    scripted_model.when("first").respond(reply.text("MARKER-A then more", chunks=2))
    scripted_model.when("second").respond(reply.text("B is fine", chunks=3).with_latency(between_events=0.02))
    results: dict[str, list[object]] = {}

    async def talk(name: str, prompt: str) -> None:
        async with orch.conversation(cwd=str(workdir)) as conv:
            turn = await conv.send(prompt)
            results[name] = [event async for event in turn]
            results[name + ":result"] = [await turn.result()]

    with trio.fail_after(TIMEOUT):
        async with open_orchestra(codex_home, runtime_argv=argv) as orch, trio.open_nursery() as nursery:
            nursery.start_soon(talk, "a", "first")
            nursery.start_soon(talk, "b", "second")

    malformed = [e for e in results["a"] if isinstance(e, MalformedMessage)]
    assert len(malformed) == 1
    assert malformed[0].raw.startswith(b'{"method":"item/agentMessage/delta"')
    assert "JSON" in malformed[0].reason or "json" in malformed[0].reason
    assert not any(isinstance(e, MalformedMessage) for e in results["b"])
    b_text = "".join(e.delta for e in results["b"] if isinstance(e, AgentMessageDeltaNotification))
    assert b_text == "B is fine"
    assert results["a:result"][0].status == "completed"  # type: ignore[attr-defined]


async def test_a_turn_whose_completion_line_arrives_broken_still_ends(
    codex_home: CodexHome, scripted_model: ScriptedModel, workdir: Path
) -> None:
    """The broken line was the turn's own ``turn/completed``: without it the turn would wait
    forever. It ends as the runtime recorded it, and the conversation goes on."""
    argv = [
        sys.executable, "-m", "orchestra.testing.faults", "--when-contains", '"method":"turn/completed"',
        "--cut", "--", str(codex_home.binary.path), "app-server", "--listen", "stdio://",
    ]  # fmt: skip
    scripted_model.enqueue(reply.text("hello world here", chunks=3), reply.text("second answer"))
    with trio.fail_after(TIMEOUT):
        async with (
            open_orchestra(codex_home, runtimes=1, runtime_argv=argv) as orch,
            orch.conversation(cwd=str(workdir)) as conv,
        ):
            turn = await conv.send("first")
            events = [event async for event in turn]
            first = await turn.result()
            second = await conv.run("second")
    assert any(isinstance(e, MalformedMessage) for e in events)
    assert first.status == "completed" and first.final_text == "hello world here"
    assert second.status == "completed" and second.final_text == "second answer"
