"""Open a conversation whose thread comes from ``thread/fork`` or ``thread/resume`` on a placed slot.

This mirrors :func:`orchestra.actors.conversation.open_conversation`, with two differences it has
no parameters for yet: the thread is opened with another method than ``thread/start``, and its
params are completed once the conversation is placed (the rollout must be imported into *that*
slot's CODEX_HOME first). When the actors offer a hook for this (an ``open_thread(method, params)``
on the actor and a ``prepare(slot)`` on ``open_conversation``), this module becomes one call.
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator, Callable, Mapping, Sequence
from typing import Any

import trio

from .._groups import unwrap_single_exception
from .._orchestra import Orchestra
from ..actors.approvals import ApprovalPolicy
from ..actors.conversation import (
    DEFAULT_RESUME,
    DEFAULT_TURN_RETRY,
    Conversation,
    ConversationActor,
    EventObserver,
    ResumePolicy,
)
from ..pool import RuntimeSlot
from ..supervision import RetryPolicy

#: How long opening the thread may take (the runtime reads the whole rollout).
OPEN_TIMEOUT = 120.0


def _drop_none(params: Mapping[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in params.items() if v is not None}


@contextlib.asynccontextmanager
async def open_thread(
    orch: Orchestra,
    method: str,
    params: Mapping[str, Any],
    prepare: Callable[[RuntimeSlot], Mapping[str, Any]],
    *,
    approver: ApprovalPolicy,
    mailbox_size: int,
    observers: Sequence[EventObserver],
    resume: ResumePolicy = DEFAULT_RESUME,
    turn_retry: RetryPolicy = DEFAULT_TURN_RETRY,
) -> AsyncIterator[Conversation]:
    """Place a conversation, run ``prepare(slot)`` in a worker thread (file copies) for the rest of
    the params, open the thread with ``method`` and run its actor until the block is left."""
    limits = orch.limits
    async with orch.pool.placement() as slot:
        more = await trio.to_thread.run_sync(prepare, slot)
        body = _drop_none({**params, **more})
        actor = ConversationActor(
            slot,
            approver=approver,
            mailbox_size=mailbox_size,
            observers=[*observers, *([limits.on_conversation_event] if limits else [])],
            resume=resume,
            turn_retry=turn_retry,
            limits=limits,
        )
        with unwrap_single_exception():
            async with trio.open_nursery() as nursery:
                await nursery.start(actor.run)
                try:
                    if method == "thread/resume":
                        thread_id = str(body.pop("threadId"))
                        await actor.resume_thread(thread_id, body, timeout=OPEN_TIMEOUT)
                    else:
                        route = await actor._attach()
                        result = await route.request(method, body, bind_thread=True, timeout=OPEN_TIMEOUT)
                        actor._adopt_thread(result)
                    yield Conversation(actor)
                finally:
                    with trio.CancelScope(shield=True):
                        await actor.close()
                    nursery.cancel_scope.cancel()
