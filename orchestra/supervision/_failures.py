"""Classify every failure the runtime and the model side produce.

Three verdicts: ``retryable`` (try again after a backoff), ``fatal`` (retrying cannot help: bad
request, bad credentials, context window exceeded), and ``wait_until`` (a usage limit: retrying
before the reset time is pointless; wait until then). ``runtime_retrying`` marks an ``error``
notification with ``willRetry``: the runtime is already retrying on its own and we only observe.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import Any, Literal

import attrs

from .._errors import RpcError, RuntimeExitedError
from ..ratelimits._gate import parse_retry_time

Verdict = Literal["retryable", "fatal", "wait_until", "runtime_retrying"]


@attrs.frozen
class Classification:
    verdict: Verdict
    reason: str
    wait_until: dt.datetime | None = None  # for ``wait_until``: when to try again

    @property
    def retryable(self) -> bool:
        return self.verdict in ("retryable", "wait_until")


#: ``codexErrorInfo`` kinds (the runtime's TurnError) and what they mean for a retry.
CODEX_ERROR_VERDICTS: Mapping[str, Verdict] = {
    "contextWindowExceeded": "fatal",
    "sessionBudgetExceeded": "fatal",
    "usageLimitExceeded": "wait_until",
    "rateLimitExceeded": "retryable",
    "flexUnavailable": "retryable",
    "serverOverloaded": "retryable",
    "cyberPolicy": "fatal",
    "misalignmentPolicyViolation": "fatal",
    "tooManyDenials": "fatal",
    "httpConnectionFailed": "retryable",
    "responseStreamConnectionFailed": "retryable",
    "internalServerError": "retryable",
    "unauthorized": "fatal",
    "badRequest": "fatal",
    "threadRollbackFailed": "fatal",
    "sandboxError": "fatal",
    "responseStreamDisconnected": "retryable",
    "responseTooManyFailedAttempts": "retryable",
    "activeTurnNotSteerable": "fatal",
    "other": "fatal",
}

#: JSON-RPC error codes from the runtime.
OVERLOADED = -32001


def _kind_of(info: Any) -> str | None:
    """The kind of a ``codexErrorInfo``: a bare string, or the single key of a tagged object."""
    if info is None:
        return None
    if isinstance(info, str):
        return info
    if isinstance(info, Mapping):
        return next(iter(info), None) if len(info) == 1 else info.get("type")
    # A typed protocol object: its class name is the variant (e.g. HttpConnectionFailedCodexErrorInfo).
    name = type(info).__name__.removesuffix("CodexErrorInfo")
    return name[:1].lower() + name[1:] if name else None


def _http_status(info: Any) -> int | None:
    if isinstance(info, Mapping):
        inner = next(iter(info.values()), None) if len(info) == 1 else None
        if isinstance(inner, Mapping):
            value = inner.get("httpStatusCode")
            return int(value) if isinstance(value, int) else None
    value = getattr(info, "http_status_code", None)
    if value is None:
        for field in attrs.fields(type(info)) if attrs.has(type(info)) else ():
            nested = getattr(info, field.name)
            value = getattr(nested, "http_status_code", None)
            if value is not None:
                break
    return int(value) if isinstance(value, int) else None


_RESETS_IN = re.compile(
    r"try again in (?:(\d+)\s*(?:days?|d))?\s*(?:(\d+)\s*(?:hours?|h))?\s*(?:(\d+)\s*(?:min(?:ute)?s?|m))?"
)


def _parse_reset(message: str, now: dt.datetime) -> dt.datetime | None:
    """The reset time named in a usage-limit message, if any: "Try again at ..." as the rate-limit
    gate reads it (one parser for both), or "try again in 2h 5m"."""
    at = parse_retry_time(message, now=now)
    if at is not None:
        return max(at, now)
    match = _RESETS_IN.search(message.lower())
    if not match or not any(match.groups()):
        return None
    days, hours, minutes = (int(g) if g else 0 for g in match.groups())
    return now + dt.timedelta(days=days, hours=hours, minutes=minutes)


def classify_turn_error(
    error: Any, *, now: dt.datetime | None = None, default_wait: dt.timedelta = dt.timedelta(minutes=5)
) -> Classification:
    """Classify a failed turn's TurnError (typed or raw ``{message, codexErrorInfo}``)."""
    now = now or dt.datetime.now(dt.UTC)
    if error is None:
        return Classification("retryable", "turn failed without an error")
    info = (
        error.get("codexErrorInfo")
        if isinstance(error, Mapping)
        else getattr(error, "codex_error_info", None)
    )
    message = str(error.get("message", "") if isinstance(error, Mapping) else getattr(error, "message", ""))
    kind = _kind_of(info)
    if kind is None:
        return classify_message(message, now=now, default_wait=default_wait)
    verdict = CODEX_ERROR_VERDICTS.get(kind, "fatal")
    status = _http_status(info)
    if status is not None and verdict != "wait_until":
        # The HTTP status decides over the transport-level kind: 429/5xx pass, other 4xx do not.
        verdict = "retryable" if status in (408, 429) or status >= 500 else "fatal"
    if verdict == "wait_until":
        return Classification(
            "wait_until", f"{kind}: {message}", _parse_reset(message, now) or now + default_wait
        )
    return Classification(verdict, f"{kind}: {message}")


def classify_message(
    message: str, *, now: dt.datetime | None = None, default_wait: dt.timedelta = dt.timedelta(minutes=5)
) -> Classification:
    """Classify by the text alone (older runtimes, or errors without ``codexErrorInfo``)."""
    now = now or dt.datetime.now(dt.UTC)
    text = message.lower()
    if "usage limit" in text:
        return Classification("wait_until", message, _parse_reset(message, now) or now + default_wait)
    if "401" in text or "unauthorized" in text or "context window" in text or "400 bad request" in text:
        return Classification("fatal", message)
    if any(
        s in text
        for s in ("stream disconnected", "high demand", "500", "502", "503", "overloaded", "timeout")
    ):
        return Classification("retryable", message)
    return Classification("fatal", message or "unknown failure")


def classify_exception(exc: BaseException) -> Classification:
    """Classify an exception raised by orchestra while talking to a runtime."""
    if isinstance(exc, RuntimeExitedError):
        return Classification("retryable", f"runtime exited: {exc}")
    if isinstance(exc, RpcError):
        if exc.code == OVERLOADED:
            return Classification("retryable", "runtime overloaded (-32001)")
        return Classification("fatal", str(exc))
    if isinstance(exc, TimeoutError):
        return Classification("retryable", "timed out")
    return Classification("fatal", f"{type(exc).__name__}: {exc}")


def classify_error_notification(params: Mapping[str, Any]) -> Classification:
    """An ``error`` notification: ``willRetry`` means the runtime is retrying by itself."""
    if params.get("willRetry"):
        return Classification("runtime_retrying", str(params.get("error", {}).get("message", "")))
    return classify_turn_error(params.get("error"))


def classify_http_status(
    status: int, retry_after_s: float | None = None, *, now: dt.datetime | None = None
) -> Classification:
    """HTTP answers from a backend (cloud tasks, usage endpoint)."""
    now = now or dt.datetime.now(dt.UTC)
    if status == 429:
        if retry_after_s is not None:
            return Classification(
                "wait_until", "429 Too Many Requests", now + dt.timedelta(seconds=retry_after_s)
            )
        return Classification("retryable", "429 Too Many Requests")
    if status >= 500 or status == 408:
        return Classification("retryable", f"HTTP {status}")
    return Classification("fatal", f"HTTP {status}")
