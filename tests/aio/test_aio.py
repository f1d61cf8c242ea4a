"""orchestra.aio: an asyncio program drives the real runtime (scripted model) through the bridge."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Sequence
from pathlib import Path
from typing import TypeVar

import pytest

from orchestra import ApprovalDecided, ApprovalRequest, Decision, TurnResult, aio
from orchestra.aio._guest import _hosts
from orchestra.fanout import PromptResult
from orchestra.protocol import (
    AgentMessageDeltaNotification,
    TurnCompletedNotification,
    TurnStartedNotification,
)
from orchestra.runtime import CodexHome
from orchestra.testing import ScriptedModel, reply

from .conftest import process_exists

TIMEOUT = 60
T = TypeVar("T")

pytestmark = pytest.mark.usefixtures("no_leftover_threads")


def test_stream_result_second_turn_and_map(
    codex_home: CodexHome, scripted_model: ScriptedModel, workdir: Path
) -> None:
    scripted_model.enqueue(reply.text("one two three four five six", chunks=6))

    async def main() -> tuple[list[object], TurnResult, TurnResult, list[str], list[int]]:
        async with asyncio.timeout(TIMEOUT), aio.open_orchestra(codex_home) as orch:
            async with orch.conversation(cwd=str(workdir)) as conv:
                turn = await conv.send("count")
                events = [event async for event in turn]
                first = await turn.result()
                second = await conv.run("again")
            async with orch.map([f"prompt {i}" for i in range(5)], concurrency=2, ordered=True) as results:
                texts = [r.final_text async for r in results]  # in input order
            return events, first, second, texts, orch.runtime_pids

    events, first, second, texts, pids = asyncio.run(main())
    deltas = [e.delta for e in events if isinstance(e, AgentMessageDeltaNotification)]
    assert "".join(deltas) == "one two three four five six" == first.final_text
    assert len(deltas) == 6
    assert isinstance(events[0], TurnStartedNotification)
    assert isinstance(events[-1], TurnCompletedNotification)
    assert first.status == "completed" and second.final_text == "ECHO: again"
    assert texts == [f"ECHO: prompt {i}" for i in range(5)]
    assert pids and not any(process_exists(pid) for pid in pids)
    assert not _hosts  # the guest run ended with the last orchestra


def test_two_tasks_can_read_one_stream_and_both_see_its_end(
    codex_home: CodexHome, scripted_model: ScriptedModel, workdir: Path
) -> None:
    """As in trio: the items are shared between the readers, and every reader stops at the end
    (a second reader used to replace the first one's wake-up, leaving it waiting forever)."""
    scripted_model.enqueue(reply.text("one two three four five six", chunks=6))

    async def drain(stream: AsyncIterator[T]) -> list[T]:
        return [item async for item in stream]

    async def main() -> tuple[Sequence[list[object]], Sequence[list[PromptResult]]]:
        async with asyncio.timeout(TIMEOUT), aio.open_orchestra(codex_home) as orch:
            async with orch.conversation(cwd=str(workdir)) as conv:
                turn = await conv.send("count")
                events = await asyncio.gather(drain(turn), drain(turn))
            async with orch.map([f"prompt {i}" for i in range(10)], concurrency=3) as results:
                mapped = await asyncio.gather(drain(results), drain(results))
        return events, mapped

    events, mapped = asyncio.run(main())
    assert sum(isinstance(e, TurnCompletedNotification) for reader in events for e in reader) == 1
    assert sorted(r.id for reader in mapped for r in reader) == sorted(str(i) for i in range(10))


def test_call_reaches_the_conversation_surface_the_facade_does_not_wrap(
    codex_home: CodexHome, scripted_model: ScriptedModel, workdir: Path
) -> None:
    async def main() -> tuple[str, object]:
        async with (
            asyncio.timeout(TIMEOUT),
            aio.open_orchestra(codex_home) as orch,
            orch.conversation(cwd=str(workdir)) as conv,
        ):
            await conv.run("hello")
            thread = await conv.call(lambda c: c.read())
            return conv.thread_id, thread

    thread_id, thread = asyncio.run(main())
    assert thread.id == thread_id and len(thread.turns) == 1  # type: ignore[attr-defined]


def test_asyncio_cancellation_interrupts_the_turn_and_the_conversation_goes_on(
    codex_home: CodexHome, scripted_model: ScriptedModel, workdir: Path
) -> None:
    slow = reply.text("tick " * 200, chunks=200).with_latency(between_events=0.05)
    scripted_model.enqueue(slow, slow, reply.text("still here"))

    async def main() -> tuple[TurnResult, TurnResult, TurnResult]:
        async with asyncio.timeout(TIMEOUT), aio.open_orchestra(codex_home) as orch:
            async with orch.conversation(cwd=str(workdir)) as conv:
                # 1. task.cancel() on the task reading the turn, once a delta arrived.
                turn = await conv.send("count slowly")
                first_delta = asyncio.Event()

                async def read() -> None:
                    async for event in turn:
                        if isinstance(event, AgentMessageDeltaNotification):
                            first_delta.set()

                reader = asyncio.create_task(read())
                await first_delta.wait()
                reader.cancel()
                with pytest.raises(asyncio.CancelledError):
                    await reader
                cancelled = await turn.result()

                # 2. asyncio.timeout around result().
                turn = await conv.send("count slowly again")
                with pytest.raises(TimeoutError):
                    async with asyncio.timeout(0.5):
                        await turn.result()
                timed_out = await turn.result()

                after = await conv.run("are you there?")
            return cancelled, timed_out, after

    cancelled, timed_out, after = asyncio.run(main())
    assert cancelled.status == "interrupted"
    assert 0 < len(cancelled.final_text) < len("tick " * 200)
    assert timed_out.status == "interrupted"
    assert after.status == "completed" and after.final_text == "still here"


def test_approvals_are_answered_by_an_asyncio_callable(
    codex_home: CodexHome, scripted_model: ScriptedModel, workdir: Path
) -> None:
    scripted_model.enqueue(reply.shell("touch approved.txt"), reply.text("finished"))
    seen: list[tuple[str | None, bool]] = []

    async def approver(request: ApprovalRequest) -> Decision:
        await asyncio.sleep(0)  # a real asyncio await: this runs as an asyncio task
        seen.append((request.command, asyncio.current_task() is not None))
        return "accept"

    async def main() -> list[object]:
        async with (
            asyncio.timeout(TIMEOUT),
            aio.open_orchestra(codex_home) as orch,
            orch.conversation(cwd=str(workdir), approval_policy="untrusted", approver=approver) as conv,
        ):
            turn = await conv.send("make the file")
            events = [event async for event in turn]
            assert (await turn.result()).status == "completed"
            return events

    events = asyncio.run(main())
    assert len(seen) == 1 and "touch approved.txt" in (seen[0][0] or "") and seen[0][1]
    assert [e.decision for e in events if isinstance(e, ApprovalDecided)] == ["accept"]
    assert (workdir / "approved.txt").exists()


def test_cancelling_the_whole_program_mid_turn_shuts_down_cleanly(
    codex_home: CodexHome, scripted_model: ScriptedModel, workdir: Path
) -> None:
    scripted_model.enqueue(reply.text("tick " * 400, chunks=400).with_latency(between_events=0.05))
    pids: list[int] = []

    async def program(started: asyncio.Event) -> None:
        async with aio.open_orchestra(codex_home) as orch, orch.conversation(cwd=str(workdir)) as conv:
            pids.extend(orch.runtime_pids)
            async for event in await conv.send("talk forever"):
                if isinstance(event, AgentMessageDeltaNotification):
                    started.set()

    async def main() -> None:
        started = asyncio.Event()
        task = asyncio.create_task(program(started))
        async with asyncio.timeout(TIMEOUT):
            await started.wait()
            task.cancel()
            with pytest.raises(asyncio.CancelledError):
                await task

    asyncio.run(main())
    assert pids and not any(process_exists(pid) for pid in pids)
    assert not _hosts


def test_an_error_in_user_code_propagates_as_is_and_two_orchestras_share_one_guest_run(
    codex_home: CodexHome, scripted_model: ScriptedModel, workdir: Path
) -> None:
    class Boom(Exception):
        pass

    pids: list[int] = []

    async def main() -> None:
        async with asyncio.timeout(TIMEOUT):
            async with aio.open_orchestra(codex_home) as first, aio.open_orchestra(codex_home) as second:
                pids.extend(first.runtime_pids + second.runtime_pids)
                assert len(_hosts) == 1  # one trio guest run on this loop, shared
                async with (
                    first.conversation(cwd=str(workdir)) as a,
                    second.conversation(cwd=str(workdir)) as b,
                ):
                    results = await asyncio.gather(a.run("from a"), b.run("from b"))
                    assert [r.final_text for r in results] == ["ECHO: from a", "ECHO: from b"]
                    raise Boom("user code failed")

    with pytest.raises(Boom, match="user code failed"):
        asyncio.run(main())
    assert len(set(pids)) >= 2 and not any(process_exists(pid) for pid in pids)
    assert not _hosts
