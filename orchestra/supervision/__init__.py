"""Supervision: supervisors with restart strategies and intensity, retry policies, failure classes."""

from ._failures import (
    CODEX_ERROR_VERDICTS,
    Classification,
    Verdict,
    classify_error_notification,
    classify_exception,
    classify_http_status,
    classify_message,
    classify_turn_error,
)
from ._retry import OnRetry, RetriesExhausted, RetryPolicy, retry_call
from ._supervisor import ChildExit, ChildSpec, RestartType, Strategy, Supervisor, SupervisorEscalation

__all__ = [
    "CODEX_ERROR_VERDICTS",
    "ChildExit",
    "ChildSpec",
    "Classification",
    "OnRetry",
    "RestartType",
    "RetriesExhausted",
    "RetryPolicy",
    "Strategy",
    "Supervisor",
    "SupervisorEscalation",
    "Verdict",
    "classify_error_notification",
    "classify_exception",
    "classify_http_status",
    "classify_message",
    "classify_turn_error",
    "retry_call",
]
