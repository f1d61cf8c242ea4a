"""Compaction (``thread/compact/start``): the runtime summarises the thread's history so far.

The runtime runs a compaction turn: it asks the model for a handoff summary, replaces the history
with it, and reports a ``contextCompaction`` item. Later turns send the summary instead of the
old history.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import attrs

from ..actors.turn import TurnResult
from ..protocol import ContextCompactionThreadItem
from ._side_turn import SideTurn, start_side_turn

if TYPE_CHECKING:
    from ..actors.handle import Conversation


@attrs.frozen
class CompactionResult:
    """How a compaction ended: its turn, and the ``contextCompaction`` item (None if it failed)."""

    turn: TurnResult
    item: ContextCompactionThreadItem | None

    @property
    def ok(self) -> bool:
        return self.turn.ok and self.item is not None


async def start_compaction(conversation: Conversation) -> SideTurn:
    """Ask the runtime to compact the thread; stream the compaction turn with ``async for``.

    Waits first for a running turn of the conversation to end.
    """
    side, _ = await start_side_turn(conversation, "thread/compact/start", {}, kind="compaction")
    return side


async def compact(conversation: Conversation, *, timeout: float = math.inf) -> CompactionResult:
    """Compact the thread and wait for the compaction to end."""
    side = await start_compaction(conversation)
    turn = await side.result(timeout=timeout)
    items = [item for item in turn.items if isinstance(item, ContextCompactionThreadItem)]
    return CompactionResult(turn=turn, item=items[-1] if items else None)
