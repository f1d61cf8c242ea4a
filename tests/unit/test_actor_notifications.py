"""A conversation actor's turn, fed by a real native connection to a scripted fake app-server:
events typed natively and events the converter had to leave unparsed both reach the mailbox in
order, and both count toward the turn's result."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import trio

from orchestra import _native
from orchestra.actors.conversation import ConversationActor
from orchestra.actors.turn import Turn
from orchestra.protocol import (
    AgentMessageDeltaNotification,
    ThreadTokenUsageUpdatedNotification,
    TurnStartedNotification,
    UnparsedEvent,
)
from orchestra.protocol._plan import native_structurer
from orchestra.runtime._rpc import RpcRoute

EMIT = r"""
import sys
sys.stdin.readline()
sys.stdout.write(sys.argv[1])
sys.stdout.flush()
sys.stdin.readline()
"""

TID, TURN = "thread-1", "turn-1"


def line(method: str, params: dict[str, Any]) -> str:
    return json.dumps({"method": method, "params": params}) + "\n"


async def test_typed_and_unparsed_notifications_both_reach_the_turn(tmp_path: Path) -> None:
    usage = {"totalTokens": 3, "inputTokens": 2, "cachedInputTokens": 0, "outputTokens": 1}
    usage |= {"reasoningOutputTokens": 0}
    stream = "".join(
        [
            line(
                "turn/started", {"threadId": TID, "turn": {"id": TURN, "items": [], "status": "inProgress"}}
            ),
            line("item/agentMessage/delta", {"threadId": TID, "turnId": TURN, "itemId": "m", "delta": "Hel"}),
            # No itemId: the schema's class cannot take it, so the converter keeps it unparsed.
            line("item/agentMessage/delta", {"threadId": TID, "turnId": TURN, "delta": "lo"}),
            line(
                "item/agentMessage/delta", {"threadId": "other", "turnId": "t9", "itemId": "m", "delta": "!"}
            ),
            line(
                "thread/tokenUsage/updated",
                {"threadId": TID, "turnId": TURN, "tokenUsage": {"total": usage, "last": usage}},
            ),
        ]
    )
    script = tmp_path / "emit.py"
    script.write_text(EMIT)
    conn = _native.Connection([sys.executable, str(script), stream], structurer=native_structurer())
    actor = ConversationActor(slot=None)  # type: ignore[arg-type]  # placement is not exercised
    actor.thread_id = TID
    turn = Turn(actor, TID, 16)
    actor.active = turn
    route = conn.open_route()
    route.bind_thread(TID)
    rpc = RpcRoute(conn, route)
    events: list[object] = []
    try:
        with trio.fail_after(10):
            async with trio.open_nursery() as nursery:
                nursery.start_soon(rpc.run, actor._on_message)
                conn.send_raw(b"go")
                async for event in turn:
                    events.append(event)
                    if len(events) == 4:
                        break
                nursery.cancel_scope.cancel()
    finally:
        rpc.close()
        conn.close(1.0)

    started, typed, unparsed, used = events
    assert isinstance(started, TurnStartedNotification) and turn.id == TURN
    assert typed == AgentMessageDeltaNotification(thread_id=TID, turn_id=TURN, item_id="m", delta="Hel")
    assert isinstance(unparsed, UnparsedEvent) and "itemId" in unparsed.error
    assert isinstance(used, ThreadTokenUsageUpdatedNotification)
    # The other thread's delta went to the control route, not to this turn.
    assert turn.text_deltas == ["Hel", "lo"]
    assert turn.usage == used.token_usage
