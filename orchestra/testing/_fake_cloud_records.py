"""Faults and records of the fake cloud backend: what to do to a request, and what was received.

Used by :mod:`orchestra.testing.fake_cloud`; import these names from there.
"""

from __future__ import annotations

import fnmatch
from collections.abc import Mapping
from typing import Any, Literal

import attrs

from orchestra.ratelimits import fake_jwt as jwt_with_claims
from orchestra.testing.recorded import Headers


def fake_jwt(account_id: str, *, subject: str = "user-fake") -> str:
    """An unsigned JWT-shaped token carrying the ChatGPT account id claim, as real access tokens do."""
    claims = {"sub": subject, "https://api.openai.com/auth": {"chatgpt_account_id": account_id}}
    return jwt_with_claims(claims)


@attrs.frozen
class Fault:
    """What to do instead of (or before) the normal answer.

    ``status``: answer this HTTP status with ``body`` (JSON) and ``headers``; ``delay``: wait this many
    seconds first (with ``status=None``, the normal answer follows); ``disconnect``: cut the connection
    in the middle of the answer.
    """

    status: int | None = None
    body: Any = None
    headers: tuple[tuple[str, str], ...] = ()
    delay: float = 0.0
    disconnect: bool = False

    @classmethod
    def error(cls, status: int = 500, body: Any = None) -> Fault:
        return cls(status=status, body=body if body is not None else {"detail": f"fake error {status}"})

    @classmethod
    def rate_limited(cls, retry_after: float | str | None = 1) -> Fault:
        headers = () if retry_after is None else (("Retry-After", _retry_after_text(retry_after)),)
        return cls(status=429, body={"detail": "Too many requests"}, headers=headers)

    @classmethod
    def slow(cls, seconds: float) -> Fault:
        return cls(delay=seconds)

    @classmethod
    def dropped(cls) -> Fault:
        return cls(disconnect=True)


def _retry_after_text(value: float | str) -> str:
    if isinstance(value, str):
        return value
    return str(int(value)) if float(value).is_integer() else str(value)


class FaultRule:
    """A fault for requests matching ``method`` and ``pattern``, ``remaining`` more times (``None``:
    forever). Made by :meth:`FakeCloud.inject`."""

    def __init__(self, fault: Fault, pattern: str, method: str | None, times: int | None) -> None:
        self.fault = fault
        self.pattern = normalize_pattern(pattern)
        self.method = method.upper() if method else None
        self.remaining = times
        self.hits = 0

    def matches(self, method: str, endpoint: str) -> bool:
        if self.remaining is not None and self.remaining <= 0:
            return False
        if self.method is not None and self.method != method:
            return False
        return fnmatch.fnmatchcase(endpoint, self.pattern)

    def __repr__(self) -> str:
        left = "forever" if self.remaining is None else str(self.remaining)
        return (
            f"<FaultRule {self.method or '*'} {self.pattern} {self.fault} hits={self.hits} remaining={left}>"
        )


def normalize_pattern(pattern: str) -> str:
    """A pattern on the path below the API root (a leading ``/wham`` or ``/api/codex`` is dropped)."""
    for root in ("/wham", "/api/codex"):
        if pattern.startswith(root + "/") or pattern == root:
            pattern = pattern[len(root) :] or "/"
    return pattern if pattern.startswith(("/", "*")) else "/" + pattern


@attrs.frozen(repr=False, eq=False)
class CloudRequest:
    """One request the fake received (immutable); ``repr`` shows no credentials."""

    index: int
    method: str
    path: str
    """The full path, without the query string."""
    query: Mapping[str, str]
    headers: Headers
    body: Any
    """Parsed JSON (``None`` if empty or not JSON)."""
    raw_body: bytes
    style: Literal["wham", "codex-api"] | None
    endpoint: str | None
    """The path below the API root, e.g. ``/tasks/list`` (``None`` for unknown roots)."""
    status: int
    fault: Fault | None = None
    received_at: float = 0.0

    def __repr__(self) -> str:
        return f"<CloudRequest #{self.index} {self.method} {self.path} -> {self.status}>"


@attrs.frozen
class FakeTask:
    """A read-only view of one task in the fake."""

    id: str
    environment_id: str
    title: str
    prompt: str
    branch: str | None
    best_of_n: int
    polls: int
    turn_ids: tuple[str, ...]
    statuses: tuple[str, ...]
    """Each attempt's turn status, current attempt first."""
    request_body: Any
