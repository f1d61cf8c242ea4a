"""Test kit: a scripted model server and what goes with it (re-exports only).

``ScriptedModel`` is re-exported lazily, so that ``python -m orchestra.testing.model_server``
does not import its own module twice.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from orchestra.testing import reply
from orchestra.testing.rate_limits import Credits, RateLimitWindow, rate_limit_headers
from orchestra.testing.recorded import Headers, RecordedRequest
from orchestra.testing.rules import Exchange, Rule
from orchestra.testing.sse import parse_sse

if TYPE_CHECKING:
    from orchestra.testing.model_server import ScriptedModel

__all__ = [
    "Credits",
    "Exchange",
    "Headers",
    "RateLimitWindow",
    "RecordedRequest",
    "Rule",
    "ScriptedModel",
    "parse_sse",
    "rate_limit_headers",
    "reply",
]


def __getattr__(name: str) -> Any:
    if name == "ScriptedModel":
        from orchestra.testing import model_server

        return getattr(model_server, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
