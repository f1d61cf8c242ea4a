"""RateLimitMonitor: the live rate-limit picture of a pool, and the gate that pauses work.

It observes every runtime of the pool (``account/rateLimits/updated`` on their control routes)
and every conversation (``error`` notifications and failed turns that report a usage limit),
merges what it sees into one :class:`~orchestra.ratelimits.RateLimitBook`, optionally appends it
to a history file, and feeds the :class:`~orchestra.ratelimits.RateLimitGate` that fan-out and
new turns wait on. It never blocks the runtimes it watches.
"""

from __future__ import annotations

import datetime as dt
import math
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

import trio

from .._log import get_logger
from ..protocol import TurnCompletedNotification, converter
from ..ratelimits import (
    GateDecision,
    GateEvent,
    HistoryFile,
    RateLimitBook,
    RateLimitDataError,
    RateLimitGate,
    RateLimitSnapshot,
)

if TYPE_CHECKING:
    from ..runtime import Runtime
    from .conversation import ConversationActor

log = get_logger("orchestra.ratelimits")


class RateLimitMonitor:
    """One per orchestra. ``threshold_percent=None`` watches without ever closing the gate."""

    def __init__(
        self,
        *,
        threshold_percent: float | None = 95.0,
        history: HistoryFile | str | os.PathLike[str] | None = None,
    ) -> None:
        self.book = RateLimitBook()
        self.gate = RateLimitGate(threshold_percent=threshold_percent or 100.0, book=self.book)
        self.enforce = threshold_percent is not None
        if history is not None and not isinstance(history, HistoryFile):
            history = HistoryFile(Path(history))
        self.history = history
        self.updates = 0

    def __repr__(self) -> str:
        return f"<RateLimitMonitor updates={self.updates} gate={'enforced' if self.enforce else 'off'}>"

    # --- observers ----------------------------------------------------------------------

    def on_control(self, runtime: Runtime, method: str, params: Any) -> None:
        """Runtime control observer: take in ``account/rateLimits/updated``."""
        if method != "account/rateLimits/updated":
            return
        # One odd update (a window of 10**13 minutes, a reset in the year 30000) must cost only
        # itself: raising here would get this observer removed, and the gate would stay open.
        try:
            snapshot = RateLimitSnapshot.from_updated_notification(
                params, observed_at=dt.datetime.now(dt.UTC), source=f"runtime-{runtime.pid}"
            )
            self.observe(snapshot)
        except (RateLimitDataError, ValueError, OverflowError, TypeError) as exc:
            log.warning("unreadable rate-limit update", error=str(exc))

    def on_conversation_event(self, actor: ConversationActor, event: object) -> None:
        """Conversation observer: a usage-limit error closes the gate until its reset.

        Only the turn's completion counts: the runtime also sends the same error as an ``error``
        notification just before, and reporting it twice could close the gate again right after
        a fresh usage read had reopened it."""
        if not isinstance(event, TurnCompletedNotification):
            return
        error: Any = event.turn.error
        raw = converter.unstructure(error) if error is not None else None
        if isinstance(raw, dict):
            decision = self.gate.report_error(raw)
            if decision is not None and not decision.open:
                log.warning("usage limit: pausing new work", resume_at=str(decision.resume_at))

    def observe(self, snapshot: RateLimitSnapshot) -> None:
        self.updates += 1
        self.gate.observe(snapshot)
        if self.history is not None:
            try:
                self.history.append(snapshot)
            except OSError as exc:  # history is a convenience; never fail the run for it
                log.warning("could not append rate-limit history", error=str(exc))

    # --- gate -----------------------------------------------------------------------------

    def check(self) -> GateDecision:
        return self.gate.check()

    async def wait_open(self) -> GateDecision | None:
        """Wait while the gate is closed (no-op when not enforcing). Cancellable."""
        if not self.enforce:
            return None
        return await self.gate.wait_open()

    def subscribe(self, max_buffer_size: int = 64) -> trio.MemoryReceiveChannel[GateEvent]:
        """:class:`~orchestra.ratelimits.RateLimited` / ``RateLimitCleared`` events from now on."""
        return self.gate.subscribe(max_buffer_size)

    async def run(self) -> None:
        """Keep the gate's state current so clear events are published on time (run in a nursery)."""
        if not self.enforce:
            await trio.sleep(math.inf)
        await self.gate.run()
