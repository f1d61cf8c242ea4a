"""Policies of the cloud room: how requests are retried, and how often a task is polled.

:class:`RetryPolicy` drives ``stamina`` (exponential backoff with jitter, capped, bounded by a number
of attempts and a total time). What is retried:

- HTTP 429: after the server's ``Retry-After`` when given (up to ``max_retry_after`` seconds; a longer
  wait is not retried but raised as :class:`CloudRateLimited`), else after the backoff;
- HTTP 5xx in ``retry_statuses`` and connection errors/timeouts — for idempotent requests (GET)
  only: a ``POST /tasks`` that failed this way may have created the task, and a retry could create a
  second one;
- nothing else (401, 404, other 4xx, malformed bodies) is retried.

:class:`PollPolicy` spaces a :class:`~orchestra.cloud.CloudTaskActor`'s polls: ``initial`` seconds,
multiplied by ``multiplier`` after each poll that saw no change, capped at ``max``, each with
``±jitter`` (a fraction) of randomness; a change resets it to ``initial``.
"""

from __future__ import annotations

import random
from collections.abc import Callable

import attrs

from ._errors import CloudConnectionError, CloudHttpError, CloudRateLimited


@attrs.frozen
class RetryPolicy:
    """Retries of one request, executed by ``stamina.retry_context``."""

    attempts: int = 5
    """Tries in all, the first included (``1``: no retry)."""
    timeout: float | None = 60.0
    """Give up retrying after this many seconds in all (``None``: no limit)."""
    wait_initial: float = 0.5
    wait_max: float = 10.0
    wait_jitter: float = 0.5
    """Up to this many seconds of random extra wait, added to each backoff."""
    wait_exp_base: float = 2.0
    max_retry_after: float = 120.0
    retry_statuses: frozenset[int] = frozenset({500, 502, 503, 504})

    def __attrs_post_init__(self) -> None:
        if self.attempts < 1:
            raise ValueError("attempts must be at least 1")

    @classmethod
    def no_retry(cls) -> RetryPolicy:
        return cls(attempts=1)

    def should_retry(self, exc: BaseException, *, idempotent: bool) -> bool | float:
        """The stamina backoff hook: ``False`` (raise), ``True`` (back off), or seconds to wait."""
        if isinstance(exc, CloudRateLimited):
            if exc.retry_after is None:
                return True
            if exc.retry_after > self.max_retry_after:
                return False
            return max(exc.retry_after, 0.0)
        if not idempotent:
            return False
        if isinstance(exc, CloudHttpError):
            return exc.status in self.retry_statuses
        return isinstance(exc, CloudConnectionError)

    def hook(self, *, idempotent: bool) -> Callable[[Exception], bool | float]:
        def hook(exc: Exception) -> bool | float:
            return self.should_retry(exc, idempotent=idempotent)

        return hook


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
