"""Steering a running turn (``turn/steer``) against the real runtime."""

from __future__ import annotations

from pathlib import Path

import pytest
import trio

from orchestra import Orchestra
from orchestra.surface import TurnAlreadyEndedError, TurnNotSteerableError
from orchestra.testing import ScriptedModel, reply

from .conftest import TIMEOUT


async def test_steered_input_reaches_the_next_model_request_of_the_same_turn(
    orch: Orchestra, scripted_model: ScriptedModel, workdir: Path
) -> None:
    # The first answer is slow, so the turn is still running when we steer it.
    scripted_model.enqueue(reply.text("working on it", chunks=4).with_latency(first_byte=0.5))
    scripted_model.enqueue(reply.text("done, with the extra input"))
    with trio.fail_after(TIMEOUT):
        async with orch.conversation(cwd=str(workdir)) as conv:
            turn = await conv.send("Start the task.")
            await scripted_model.wait_for_requests_async(1)
            steered = await turn.steer("Also handle the edge case.")
            result = await turn.result()

    assert steered.turn_id == turn.id
    assert result.status == "completed" and result.final_text == "done, with the extra input"
    last = scripted_model.requests[-1]
    assert last.turn_id == turn.id  # the same turn asked again...
    assert last.user_texts[-2:] == ("Start the task.", "Also handle the edge case.")  # ...with the input


async def test_a_turn_can_be_steered_as_soon_as_it_is_sent(
    orch: Orchestra, scripted_model: ScriptedModel, workdir: Path
) -> None:
    """turn/start is answered before the turn starts, and the runtime refuses to steer it until
    then: steering at once waits for the start instead of calling the turn ended."""
    scripted_model.enqueue(reply.text("working on it", chunks=4).with_latency(first_byte=0.5))
    scripted_model.enqueue(reply.text("done"))
    with trio.fail_after(TIMEOUT):
        async with orch.conversation(cwd=str(workdir)) as conv:
            turn = await conv.send("Start the task.")
            steered = await turn.steer("Also handle the edge case.")
            result = await turn.result()
    assert steered.turn_id == turn.id and result.status == "completed"
    assert scripted_model.requests[-1].user_texts[-2:] == ("Start the task.", "Also handle the edge case.")


async def test_steering_an_ended_turn_is_a_typed_error(
    orch: Orchestra, scripted_model: ScriptedModel, workdir: Path
) -> None:
    with trio.fail_after(TIMEOUT):
        async with orch.conversation(cwd=str(workdir)) as conv:
            turn = await conv.send("hi")
            await turn.result()
            with pytest.raises(TurnAlreadyEndedError) as ended:
                await turn.steer("too late")
            with pytest.raises(TurnAlreadyEndedError):
                await conv.steer("nothing is running")
    assert ended.value.turn_id == turn.id


async def test_a_refused_input_is_not_taken_for_an_ended_turn(
    orch: Orchestra, scripted_model: ScriptedModel, workdir: Path
) -> None:
    """The runtime's "unknown variant ..., expected one of ..." refuses the input; the turn runs
    on. It was reported as TurnAlreadyEndedError for its word "expected"."""
    scripted_model.enqueue(reply.text("working on it", chunks=4).with_latency(first_byte=1.0))
    with trio.fail_after(TIMEOUT):
        async with orch.conversation(cwd=str(workdir)) as conv:
            turn = await conv.send("Start the task.")
            with pytest.raises(TurnNotSteerableError) as refused:
                await turn.steer([{"type": "bogus"}])
            assert not isinstance(refused.value, TurnAlreadyEndedError) and not turn.done
            assert (await turn.result()).status == "completed"
