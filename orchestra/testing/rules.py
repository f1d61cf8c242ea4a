"""Rules: replies for the requests that match a predicate, and the record of each exchange.

Rules serve conversations that run at the same time, whose requests arrive in no fixed order::

    model.when("deploy").respond(reply.shell("make deploy"), reply.text("deployed"))
    model.when(lambda req: req.last_tool_output is not None).always(reply.text("done"))

A string predicate means "the last user text contains it". Rules are made by
:meth:`ScriptedModel.when <orchestra.testing.model_server.ScriptedModel.when>` and tried in the
order they were made, before the queue.
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Callable
from typing import Literal

import attrs

from orchestra.testing.recorded import RecordedRequest
from orchestra.testing.reply import Reply, Scripted

__all__ = ["Exchange", "Predicate", "Rule", "Source", "user_text_contains"]

Predicate = Callable[[RecordedRequest], bool]
"""Decides whether a rule answers a request."""

Source = Literal["rule", "queue", "default", "error"]
"""Which part of the script answered a request."""


@attrs.frozen
class Exchange:
    """One answered request: what came in, what went out, and which part of the script chose it."""

    request: RecordedRequest
    reply: Reply | None
    """``None`` when the script failed (see ``ScriptedModel.errors``) and a 500 was sent."""
    source: Source

    def describe(self) -> str:
        """One log line, without headers: ``#0 POST /v1/responses ... -> [queue] text('hi')``."""
        shown = self.reply.describe() if self.reply is not None else "error"
        return f"{self.request.summary()} -> [{self.source}] {shown}"


def user_text_contains(needle: str) -> Predicate:
    """A predicate: the request's last user text contains ``needle``."""

    def predicate(request: RecordedRequest) -> bool:
        return needle in request.last_user_text

    predicate.__name__ = f"user text contains {needle!r}"
    return predicate


class Rule:
    """Replies for requests that match a predicate.

    A rule matches while it has replies left: each matching request takes the next one.
    ``respond`` adds replies (used once each, in order); ``always`` makes one reply repeat after
    them, forever. All methods are thread-safe (they share the server's lock).
    """

    def __init__(self, lock: threading.RLock, predicate: Predicate, description: str) -> None:
        self._lock = lock
        self._predicate = predicate
        self.description = description
        self._replies: deque[Scripted] = deque()
        self._forever: Scripted | None = None
        self._matched: list[RecordedRequest] = []

    def respond(self, *replies: Scripted) -> Rule:
        """Answer the next matching requests with these replies, one each, in order."""
        with self._lock:
            self._replies.extend(replies)
        return self

    def always(self, reply: Scripted) -> Rule:
        """Answer every matching request (after the ``respond`` ones) with ``reply``."""
        with self._lock:
            self._forever = reply
        return self

    @property
    def matched(self) -> list[RecordedRequest]:
        """The requests this rule answered, in order."""
        with self._lock:
            return list(self._matched)

    @property
    def remaining(self) -> int | None:
        """Replies left (``None`` if the rule repeats forever)."""
        with self._lock:
            return None if self._forever is not None else len(self._replies)

    @property
    def unused(self) -> int:
        """``respond`` replies not used yet (the ``always`` reply not counted)."""
        with self._lock:
            return len(self._replies)

    @property
    def exhausted(self) -> bool:
        """True when the rule has nothing left to answer with (it no longer matches)."""
        with self._lock:
            return not self._replies and self._forever is None

    def take(self, request: RecordedRequest) -> Scripted | None:
        """The next reply if ``request`` matches, else ``None``. Raises what the predicate raises."""
        with self._lock:
            if self.exhausted or not self._predicate(request):
                return None
            self._matched.append(request)
            return self._replies.popleft() if self._replies else self._forever

    def __repr__(self) -> str:
        with self._lock:
            left = "forever" if self._forever is not None else str(len(self._replies))
            return f"<Rule {self.description} matched={len(self._matched)} remaining={left}>"
