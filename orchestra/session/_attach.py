"""Open a conversation whose thread comes from ``thread/fork`` or ``thread/resume`` on a placed slot.

The rollout must be imported into the CODEX_HOME of the slot the conversation lands on before the
thread is opened, so the params are completed by ``prepare(slot)`` once it is placed.
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator, Callable, Mapping, Sequence
from typing import Any

from .._orchestra import Orchestra
from ..actors.approvals import ApprovalPolicy
from ..actors.conversation import DEFAULT_RESUME, DEFAULT_TURN_RETRY, EventObserver, ResumePolicy
from ..actors.handle import Conversation, open_conversation
from ..pool import RuntimeSlot
from ..supervision import RetryPolicy


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
    async with open_conversation(
        orch.pool,
        thread_params=params,
        approver=approver,
        mailbox_size=mailbox_size,
        observers=observers,
        resume=resume,
        turn_retry=turn_retry,
        limits=orch.limits,
        plugins=orch.plugins,
        thread_method=method,
        prepare=prepare,
    ) as conversation:
        yield conversation
