"""Policies of the cloud room: which failed requests are retried, and how often a task is polled.

Requests are retried by :func:`orchestra.supervision.retry_call` under an
:class:`orchestra.supervision.RetryPolicy` (attempts, full-jitter exponential backoff, an overall
deadline, all on trio's clock). :func:`classify_cloud_error` decides what a failure means, on top of
:func:`~orchestra.supervision.classify_http_status`:

- HTTP 429 with ``Retry-After``: ``wait_until`` that time (retried if it falls within the policy's
  deadline and ``wait_for_reset`` is on; otherwise raised as :class:`CloudRateLimited`); without
  ``Retry-After``: ``retryable`` after the backoff. For every request, ``POST /tasks`` included: a 429
  means the request was not processed.
- HTTP 5xx and 408, connection errors and timeouts: ``retryable`` for idempotent requests (GET)
  only. A ``POST /tasks`` that failed this way may have created the task, and a retry could create a
  second one: it is ``fatal``.
- everything else (401, 404, other 4xx, malformed bodies, unexpected exceptions): ``fatal``.

:class:`PollPolicy` spaces a :class:`~orchestra.cloud.CloudTaskActor`'s polls: ``initial`` seconds,
multiplied by ``multiplier`` after each poll that saw no change, capped at ``max``, each with
``±jitter`` (a fraction) of randomness; a change resets it to ``initial``.
"""

from __future__ import annotations

import datetime as dt
import random

import attrs

from ..supervision import Classification, RetryPolicy, classify_http_status
from ._errors import CloudConnectionError, CloudHttpError, CloudRateLimited

DEFAULT_RETRY = RetryPolicy(attempts=5, initial=0.5, maximum=10.0, multiplier=2.0, deadline=120.0)
"""The client's default: 5 tries, backoff windows 0.5 s doubling up to 10 s, at most 120 s in all
(a ``Retry-After`` that ends later than that is not waited for)."""


def classify_cloud_error(
    exc: BaseException, *, idempotent: bool, now: dt.datetime | None = None
) -> Classification:
    """What a failed cloud request means for a retry (see the module docstring).

    ``idempotent`` is true for requests that may safely be sent twice (every GET); ``POST /tasks``
    is not idempotent."""
    if isinstance(exc, CloudRateLimited):
        return classify_http_status(429, exc.retry_after, now=now)
    if isinstance(exc, CloudHttpError):
        verdict = classify_http_status(exc.status, now=now)
        if verdict.retryable and not idempotent:
            return Classification("fatal", f"{verdict.reason} on {exc.method} (not idempotent: not retried)")
        return verdict
    if isinstance(exc, CloudConnectionError):
        if not idempotent:
            return Classification("fatal", f"no answer to a non-idempotent request (not retried): {exc}")
        return Classification("retryable", f"no answer: {exc}")
    return Classification("fatal", f"{type(exc).__name__}: {exc}")


@attrs.frozen
class PollPolicy:
    """Polling interval: ``initial``, times ``multiplier`` while nothing changes, at most ``max``."""

    initial: float = 2.0
    multiplier: float = 1.5
    max: float = 30.0
    jitter: float = 0.1
    """Each interval is scaled by a random factor in ``[1 - jitter, 1 + jitter]``."""

    def __attrs_post_init__(self) -> None:
        if self.initial <= 0 or self.max < self.initial:
            raise ValueError("need 0 < initial <= max")
        if self.multiplier < 1:
            raise ValueError("multiplier must be >= 1")
        if not 0 <= self.jitter < 1:
            raise ValueError("jitter must be in [0, 1)")

    def interval(self, unchanged_polls: int, rng: random.Random | None = None) -> float:
        """Seconds to wait after ``unchanged_polls`` polls in a row that saw no change (0-based)."""
        base = min(self.max, self.initial * self.multiplier ** min(unchanged_polls, 64))
        if self.jitter == 0:
            return base
        factor = (rng or random).uniform(1 - self.jitter, 1 + self.jitter)
        return max(0.0, base * factor)


__all__ = ["DEFAULT_RETRY", "PollPolicy", "RetryPolicy", "classify_cloud_error"]
