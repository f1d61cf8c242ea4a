"""Retry policies: how many times, with which backoff, within which deadline.

Backoff is exponential with *full jitter* (AWS style): attempt n waits a uniform random time in
``[0, min(maximum, initial * multiplier**(n-1))]``, so a crowd of failed prompts does not retry in
lockstep. An overall ``deadline`` bounds the whole effort. A ``wait_until`` failure (usage limit)
waits until its reset time instead, if that is within the deadline.

Why not tenacity or stamina (both checked): every strategy we need is custom — the sleep and the
deadline must run on trio's clock (so tests autojump with ``MockClock``; tenacity's stop_after_delay
reads ``time.monotonic``), the wait can come from the failure itself (a reset time), and each retry
must become a typed event in a mailbox. With all of that plugged in, the library would contribute
only the loop, which is the dozen lines below.
"""

from __future__ import annotations

import datetime as dt
import math
import random
from collections.abc import Awaitable, Callable
from typing import TypeVar

import attrs
import trio

from .._errors import OrchestraError
from ._failures import Classification, classify_exception

T = TypeVar("T")


class RetriesExhausted(OrchestraError):
    """A retried operation failed for good: too many attempts, the deadline, or a fatal failure."""

    def __init__(
        self, message: str, *, attempts: int, last: Classification, cause: BaseException | None
    ) -> None:
        super().__init__(message)
        self.attempts = attempts
        self.last = last
        self.__cause__ = cause


@attrs.frozen
class RetryPolicy:
    """Which failures are retried, how often, and how long to wait in between."""

    attempts: int = 4  # total tries, the first included
    initial: float = 0.5  # seconds: the cap of the first backoff window
    maximum: float = 30.0  # seconds: no single wait is longer
    multiplier: float = 2.0
    deadline: float = 600.0  # seconds for the whole effort, waits included
    wait_for_reset: bool = True  # honour wait_until (usage limits) within the deadline

    @classmethod
    def never(cls) -> RetryPolicy:
        return cls(attempts=1)

    def backoff(self, attempt: int, rng: random.Random | None = None) -> float:
        """Seconds to wait after failed attempt number ``attempt`` (1-based): full jitter."""
        cap = min(self.maximum, self.initial * self.multiplier ** max(0, attempt - 1))
        return (rng or random).uniform(0.0, cap)

    def delay_for(
        self, attempt: int, failure: Classification, *, elapsed: float, now: dt.datetime | None = None
    ) -> float | None:
        """How long to wait before the next attempt, or None to give up."""
        if attempt >= self.attempts or not failure.retryable:
            return None
        if failure.verdict == "wait_until":
            if not self.wait_for_reset or failure.wait_until is None:
                return None
            now = now or dt.datetime.now(dt.UTC)
            delay = max(0.0, (failure.wait_until - now).total_seconds())
        else:
            delay = self.backoff(attempt)
        if elapsed + delay > self.deadline:
            return None
        return delay


OnRetry = Callable[[int, Classification, float], Awaitable[None] | None]


async def retry_call(
    operation: Callable[[], Awaitable[T]],
    policy: RetryPolicy,
    *,
    classify: Callable[[BaseException], Classification] = classify_exception,
    on_retry: OnRetry | None = None,
) -> T:
    """Run ``operation`` until it succeeds or ``policy`` gives up (then :class:`RetriesExhausted`).

    ``on_retry(attempt, failure, delay)`` is told about each retry before its wait — the hook that
    turns retries into typed events. Cancellation is never retried: it propagates at once.
    """
    started = trio.current_time()
    attempt = 0
    while True:
        attempt += 1
        try:
            return await operation()
        except Exception as exc:
            failure = classify(exc)
            delay = policy.delay_for(attempt, failure, elapsed=trio.current_time() - started)
            if delay is None:
                raise RetriesExhausted(
                    f"gave up after {attempt} attempt(s): {failure.reason}",
                    attempts=attempt,
                    last=failure,
                    cause=exc,
                ) from exc
            if on_retry is not None:
                maybe = on_retry(attempt, failure, delay)
                if maybe is not None:
                    await maybe
            await trio.sleep(delay if math.isfinite(delay) else policy.maximum)
