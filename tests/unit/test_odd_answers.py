"""Answers and notifications of the wrong shape from the runtime fail the one request or turn
with a typed error; they do not escape as AttributeError/KeyError and tear the orchestra down."""

from __future__ import annotations

from typing import Any

import pytest

from orchestra import ProtocolError
from orchestra.actors.conversation import ConversationActor
from orchestra.actors.turn import Turn


class _Route:
    def __init__(self, answer: Any) -> None:
        self.answer = answer

    async def request(self, method: str, params: Any = None, **_: Any) -> Any:
        return self.answer


def _actor(answer: Any = None) -> ConversationActor:
    actor = ConversationActor(slot=None)  # type: ignore[arg-type]  # placement is not exercised
    actor.thread_id = "t"
    actor.route = _Route(answer)  # type: ignore[assignment]
    return actor


@pytest.mark.parametrize("answer", [[], "garbage", {}, {"thread": None}, {"thread": {"id": 5}}])
def test_a_thread_answer_without_a_thread_id_is_a_protocol_error(answer: Any) -> None:
    with pytest.raises(ProtocolError, match="thread/start: unexpected answer"):
        _actor()._adopt_thread(answer)


@pytest.mark.parametrize("answer", ["garbage", {}, {"turn": None}, {"turn": {"status": "inProgress"}}])
async def test_a_turn_start_answer_without_a_turn_id_fails_that_turn(answer: Any) -> None:
    actor = _actor(answer)
    turn = Turn(actor, "t", 4, start_params={"threadId": "t", "input": []})
    with pytest.raises(ProtocolError, match="turn/start"):
        await actor._send_turn_start(turn)
    result = await turn.result()
    assert result.status == "failed" and isinstance(result.error, ProtocolError)


async def test_a_turn_completed_without_a_turn_ends_the_turn_as_failed() -> None:
    actor = _actor()
    turn = Turn(actor, "t", 4)
    turn.bind_id("u1")
    actor.active = turn
    result = actor._turn_result_at_completion(turn, {"threadId": "t", "turn": None}, None)
    assert result is not None
    assert result.status == "failed" and "without a turn" in str(result.error)


@pytest.mark.parametrize("answer", [{"thread": None}, {"thread": {"turns": 5}}, "garbage"])
async def test_settling_an_unreadable_turn_survives_an_odd_thread_read(answer: Any) -> None:
    actor = _actor(answer)
    turn = Turn(actor, "t", 4)
    turn.bind_id("u1")
    actor.active = turn
    await actor._settle_unreadable_turn(turn)
    result = await turn.result()
    assert result.status == "failed" and "not readable" in str(result.error)
