"""Compaction against the real runtime: the contextCompaction item, and the summary replacing the
history in later requests."""

from __future__ import annotations

from pathlib import Path

import trio

from orchestra import Orchestra
from orchestra.protocol import ContextCompactionThreadItem
from orchestra.testing import ScriptedModel, reply

from .conftest import TIMEOUT


async def test_compaction_summarises_the_history(
    orch: Orchestra, scripted_model: ScriptedModel, workdir: Path
) -> None:
    scripted_model.enqueue(
        reply.text("The answer is 42."),
        reply.text("SUMMARY: the user asked for the answer; it is 42."),
        reply.text("Still 42."),
    )
    with trio.fail_after(TIMEOUT):
        async with orch.conversation(cwd=str(workdir)) as conv:
            await conv.run("What is the secret answer?")
            compaction = await conv.compact()
            await conv.run("Remind me.")
            thread = await conv.read()

    assert compaction.ok and isinstance(compaction.item, ContextCompactionThreadItem)
    assert compaction.turn.turn_id and compaction.turn.status == "completed"
    summarise = scripted_model.requests[1]
    assert "CONTEXT CHECKPOINT COMPACTION" in summarise.last_user_text
    after = scripted_model.requests[2]
    history = "\n".join(after.messages("user") + after.messages("assistant"))
    assert "SUMMARY: the user asked for the answer; it is 42." in history
    assert "The answer is 42." not in history  # the old exchange is gone, the summary stands in
    assert any(isinstance(item, ContextCompactionThreadItem) for turn in thread.turns for item in turn.items)


async def test_two_compactions_at_once_run_one_after_the_other(
    orch: Orchestra, scripted_model: ScriptedModel, workdir: Path
) -> None:
    """The runtime runs one turn at a time: the second compaction waits for the first instead of
    taking its turn (both reported the first one's, interrupted)."""
    scripted_model.enqueue(reply.text("The answer is 42."))
    scripted_model.default = reply.text("SUMMARY: it is 42.")
    results = []
    with trio.fail_after(TIMEOUT):
        async with orch.conversation(cwd=str(workdir)) as conv:
            await conv.run("What is the secret answer?")

            async def compact() -> None:
                results.append(await conv.compact())

            async with trio.open_nursery() as nursery:
                nursery.start_soon(compact)
                nursery.start_soon(compact)
    assert [r.ok for r in results] == [True, True]
    assert len({r.turn.turn_id for r in results}) == 2
