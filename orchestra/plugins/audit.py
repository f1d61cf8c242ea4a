"""AuditLogPlugin: an append-only JSONL trail of submissions, approvals, turn outcomes and errors."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path
from typing import Any

from .._log import redact_tree
from ..events import ApprovalDecided, RuntimeLost
from ..protocol import TurnCompletedNotification
from ._base import EventContext, Plugin, Submission


class AuditLogPlugin(Plugin):
    """Appends one JSON line per submission, approval decision, finished turn and error.

    Secrets are redacted before writing; each line is one flushed write, so a crash cuts at most
    the last line.
    """

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)

    def _write(self, record: dict[str, Any]) -> None:
        record = {"t": round(time.time(), 3), **record}
        with self.path.open("a", encoding="utf-8") as f:
            f.write(json.dumps(redact_tree(record), ensure_ascii=False, default=str) + "\n")

    async def before_submit(self, submission: Submission) -> None:
        self._write({"kind": "submit", "thread_id": submission.thread_id, "text": submission.text})

    def after_event(self, context: EventContext, event: object) -> None:
        if isinstance(event, ApprovalDecided):
            self._write(
                {
                    "kind": "approval",
                    "thread_id": context.thread_id,
                    "method": event.method,
                    "decision": event.decision,
                }
            )
        elif isinstance(event, TurnCompletedNotification):
            error = event.turn.error
            self._write(
                {
                    "kind": "turn",
                    "thread_id": context.thread_id,
                    "turn_id": event.turn.id,
                    "status": event.turn.status,
                    "error": getattr(error, "message", None),
                }
            )
        elif isinstance(event, RuntimeLost):
            self._write({"kind": "runtime_lost", "thread_id": context.thread_id, "signal": event.exit_signal})

    def on_error(self, context: EventContext, error: object) -> None:
        self._write({"kind": "error", "thread_id": context.thread_id, "error": str(error)})
