"""Steering (``turn/steer``): add input to a turn that is still running.

The runtime appends the input to the running turn; the model sees it in its next request of the
same turn (the turn does not end in between). A turn that has already ended cannot be steered:
:class:`TurnAlreadyEndedError`. Turns the runtime runs for itself (a review, a compaction) refuse
steering: :class:`TurnNotSteerableError`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .._errors import RpcError
from ..protocol import TurnSteerResponse, structure_response
from ._errors import TurnAlreadyEndedError, TurnNotSteerableError
from ._side_turn import actor_of
from .inputs import UserInputLike, to_wire

if TYPE_CHECKING:
    from ..actors.handle import Conversation
    from ..actors.turn import Turn


def _conversation_of(turn: Turn) -> Conversation:
    from ..actors.conversation import ConversationActor
    from ..actors.handle import Conversation

    owner = turn._owner
    if not isinstance(owner, ConversationActor):
        raise TypeError(f"turn {turn!r} does not belong to a conversation")
    return Conversation(owner)


async def steer(turn: Turn, user_input: UserInputLike, *, timeout: float = 60.0) -> TurnSteerResponse:
    """Add ``user_input`` to the running ``turn``; returns once the runtime accepted it.

    Waits until the runtime has started the turn (it refuses to steer a turn it has accepted but
    not yet started). Raises
    :class:`TurnAlreadyEndedError` if the turn has ended (locally known, or the runtime says it has
    no such active turn) and :class:`TurnNotSteerableError` for other refusals.
    """
    if turn.done:
        raise TurnAlreadyEndedError(f"turn {turn.id} has already ended", turn_id=turn.id)
    turn_id = await turn.wait_started()
    if turn_id is None or turn.done:
        raise TurnAlreadyEndedError(f"turn {turn_id} has already ended", turn_id=turn_id)
    conversation = _conversation_of(turn)
    params = {"expectedTurnId": turn_id, "input": to_wire(user_input)}
    try:
        result = await conversation.request("turn/steer", params, timeout=timeout)
    except RpcError as exc:
        message = exc.rpc_message
        lowered = message.lower()
        # The runtime's words (0.163): "no active turn to steer", or "expected active turn id `X`
        # but found `Y`" once another turn runs. Not any "expected": a bad input's "unknown
        # variant ..., expected one of ..." is a refusal of the input, the turn runs on.
        if turn.done or "no active turn" in lowered or "expected active turn" in lowered:
            raise TurnAlreadyEndedError(
                f"turn {turn_id} cannot be steered: it has ended ({message})", turn_id=turn_id
            ) from exc
        raise TurnNotSteerableError(f"turn {turn_id} cannot be steered: {message}", turn_id=turn_id) from exc
    response: TurnSteerResponse = structure_response("turn/steer", result)
    return response


async def steer_active(
    conversation: Conversation, user_input: UserInputLike, *, timeout: float = 60.0
) -> TurnSteerResponse:
    """Steer the conversation's running turn; :class:`TurnAlreadyEndedError` if none is running."""
    turn = conversation.active_turn
    if turn is None or turn.done:
        side = actor_of(conversation).side_turn
        if side is not None:
            raise TurnNotSteerableError(f"a {side.kind} is running; it cannot be steered", turn_id=side.id)
        raise TurnAlreadyEndedError("the conversation has no running turn", turn_id=turn.id if turn else None)
    return await steer(turn, user_input, timeout=timeout)
