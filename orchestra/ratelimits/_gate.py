"""The rate-limit gate: pause new work before a window is exhausted, resume at its reset time.

Feed the gate every rate-limit snapshot (:meth:`RateLimitGate.observe`) and every usage-limit error
(:meth:`RateLimitGate.report_usage_limit`, built with :func:`usage_limit_from_error` or
:func:`usage_limit_from_http`). Work that must not start while the account is out of quota does
``await gate.wait_open()`` first.

The gate is closed while at least one *block* is active. Blocks are:

- ``threshold``: a window of some limit id is at or above ``threshold_percent`` (default 95 %); it
  lifts at the window's ``resets_at``, or earlier when a newer snapshot shows the window below the
  threshold;
- ``usage_limit``: the runtime answered with a usage-limit error; it lifts at the reset time the error
  carried (or the time the book knows for the exhausted window), or earlier when a snapshot observed
  after the error shows every window of that limit below the threshold;
- ``limit_reached``: a snapshot carries ``rate_limit_reached_type``; it lifts when a newer snapshot
  does not, or at the reset time of the exhausted window.

A block whose reset time is unknown lifts after ``unknown_reset_retry`` (default 15 minutes), so
that work probes again rather than waiting forever; the next refusal closes the gate again.

Time: reset times are wall-clock (UTC) datetimes; the gate reads wall time from ``clock`` and sleeps
on trio's clock for the difference. :class:`TrioWallClock` derives wall time from trio's clock, so
under ``trio.testing.MockClock`` a gate test runs a week of resets in no real time.

Events: :meth:`RateLimitGate.subscribe` returns a bounded trio receive channel of
:class:`RateLimited` / :class:`RateLimitCleared`. Publishing never blocks the gate: a subscriber
whose buffer is full misses that event (counted in :meth:`RateLimitGate.statistics`; the current
state is always available from :meth:`RateLimitGate.check`). Expiry of a block by time is noticed
lazily, by the next :meth:`check`, :meth:`observe` or a waiter waking at the reset time; run
:meth:`RateLimitGate.run` in a nursery to have :class:`RateLimitCleared` published on time even when
nobody waits.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from datetime import UTC, datetime, timedelta, tzinfo
from typing import Any, Final, Literal, NoReturn

import attrs
import trio

from .._log import get_logger
from ._model import DEFAULT_LIMIT_ID, WINDOW_NAMES, RateLimitBook, RateLimitSnapshot, WindowName

__all__ = [
    "BlockReason",
    "GateDecision",
    "GateEvent",
    "GateStatistics",
    "RateLimitCleared",
    "RateLimitGate",
    "RateLimited",
    "TrioWallClock",
    "UsageLimitHit",
    "parse_retry_time",
    "usage_limit_from_error",
    "usage_limit_from_http",
]

_log = get_logger("orchestra.ratelimits.gate")

BlockReason = Literal["threshold", "usage_limit", "limit_reached"]
WallClock = Callable[[], datetime]
_BlockKey = tuple[str, WindowName | None, BlockReason]


def _utc_now() -> datetime:
    return datetime.now(UTC)


class TrioWallClock:
    """Wall time that advances with trio's clock: ``epoch`` at the first call, plus trio time since.

    Pass it as the gate's ``clock`` in tests that run under ``trio.testing.MockClock``. Call it only
    inside ``trio.run``.
    """

    def __init__(self, epoch: datetime) -> None:
        if epoch.utcoffset() is None:
            raise ValueError("epoch must be timezone-aware")
        self.epoch = epoch
        self._origin: float | None = None

    def __call__(self) -> datetime:
        now = trio.current_time()
        if self._origin is None:
            self._origin = now
        return self.epoch + timedelta(seconds=now - self._origin)


@attrs.frozen
class UsageLimitHit:
    """The runtime (or the backend) refused work because a usage limit is exhausted."""

    limit_id: str = DEFAULT_LIMIT_ID
    resets_at: datetime | None = None
    message: str | None = None
    plan_type: str | None = None
    observed_at: datetime | None = None
    """When the refusal happened; the gate's clock when ``None``."""


@attrs.frozen
class GateDecision:
    """Whether work may start now; if not, why and until when (``None``: until further notice)."""

    open: bool
    reason: str | None = None
    resume_at: datetime | None = None
    limit_id: str | None = None
    window: WindowName | None = None


@attrs.frozen
class RateLimited:
    """Published when the gate starts blocking on a window or a usage-limit error."""

    limit_id: str
    window: WindowName | None
    used_percent: float | None
    resume_at: datetime | None
    reason: BlockReason


@attrs.frozen
class RateLimitCleared:
    """Published when the last block of a limit id lifts."""

    limit_id: str


GateEvent = RateLimited | RateLimitCleared


@attrs.frozen
class GateStatistics:
    open: bool
    blocks: int
    waiters: int
    subscribers: int
    events_dropped: int


@attrs.frozen
class _Block:
    limit_id: str
    window: WindowName | None
    reason: BlockReason
    resume_at: datetime
    used_percent: float | None
    since: datetime
    known_reset: bool

    @property
    def key(self) -> _BlockKey:
        """One block per window for thresholds; one per limit id for the other reasons."""
        return (self.limit_id, self.window if self.reason == "threshold" else None, self.reason)


class RateLimitGate:
    """Closes before a rate-limit window is exhausted, reopens at its reset time.

    ``threshold_percent``: a window at or above this closes the gate. ``clock``: wall time (UTC);
    defaults to the system clock. ``book``: share a :class:`RateLimitBook` with a monitor, or let
    the gate keep its own. Not thread-safe: use it from one trio run.
    """

    def __init__(
        self,
        *,
        threshold_percent: float = 95.0,
        clock: WallClock | None = None,
        book: RateLimitBook | None = None,
        unknown_reset_retry: timedelta = timedelta(minutes=15),
    ) -> None:
        if not 0 < threshold_percent <= 100:
            raise ValueError("threshold_percent must be in (0, 100]")
        self.threshold_percent = threshold_percent
        self.clock: WallClock = clock or _utc_now
        self.book = book if book is not None else RateLimitBook()
        self.unknown_reset_retry = unknown_reset_retry
        self._blocks: dict[_BlockKey, _Block] = {}
        self._changed = trio.Event()
        self._subscribers: list[trio.MemorySendChannel[GateEvent]] = []
        self._waiters = 0
        self._dropped = 0

    # -- feeding ----------------------------------------------------------------------------------

    def observe(self, snapshot: RateLimitSnapshot) -> GateDecision:
        """Merge a snapshot into the book and re-evaluate its limit id. Never blocks."""
        self.book.observe(snapshot)
        now = self.clock()
        self._evaluate(snapshot.limit_id, now)
        return self.check(now)

    def report_usage_limit(self, hit: UsageLimitHit) -> GateDecision:
        """Close the gate for ``hit.limit_id`` until its reset time. Never blocks.

        Without a reset time in ``hit``, the latest reset among the limit's windows that the book
        shows at or above the threshold is used; failing that, ``unknown_reset_retry`` from now.
        """
        now = self.clock()
        since = hit.observed_at or now
        resume_at, known = hit.resets_at, hit.resets_at is not None
        window: WindowName | None = None
        used: float | None = None
        if resume_at is None:
            snapshot = self.book.snapshot(hit.limit_id)
            if snapshot is not None:
                for name, state in snapshot.windows():
                    if (
                        state.used_percent >= self.threshold_percent
                        and state.resets_at is not None
                        and state.resets_at > now
                        and (resume_at is None or state.resets_at > resume_at)
                    ):
                        resume_at, window, used, known = state.resets_at, name, state.used_percent, True
        if resume_at is None:
            resume_at = now + self.unknown_reset_retry
        existing = self._blocks.get((hit.limit_id, None, "usage_limit"))
        if existing is not None and existing.resume_at > resume_at:
            resume_at, known = existing.resume_at, existing.known_reset  # never shorten a pause
        _log.warning(
            "usage limit reported",
            limit_id=hit.limit_id,
            resume_at=resume_at.isoformat(),
            message=hit.message,
        )
        self._set_block(
            _Block(
                limit_id=hit.limit_id,
                window=window,
                reason="usage_limit",
                resume_at=resume_at,
                used_percent=used,
                since=since,
                known_reset=known,
            )
        )
        return self.check(now)

    def report_error(self, error: Mapping[str, Any], *, tz: tzinfo | None = None) -> GateDecision | None:
        """Feed a runtime error (``error`` notification params, or a turn's ``error``).

        A usage-limit error closes the gate (see :func:`usage_limit_from_error`; ``tz`` is the
        runtime's local timezone, used to read the reset time from its message) and the decision
        is returned; any other error is ignored and ``None`` returned. Never blocks.
        """
        hit = usage_limit_from_error(error, now=self.clock(), tz=tz)
        return None if hit is None else self.report_usage_limit(hit)

    def _evaluate(self, limit_id: str, now: datetime) -> None:
        snapshot = self.book.snapshot(limit_id)
        if snapshot is None:
            return
        exhausted_reset: datetime | None = None
        for name in WINDOW_NAMES:
            state = self.book.window_state(limit_id, name)
            key: _BlockKey = (limit_id, name, "threshold")
            window = None if state is None else state.window
            if (
                state is not None
                and window is not None
                and window.used_percent >= self.threshold_percent
                and (window.resets_at is None or window.resets_at > now)
            ):
                if window.resets_at is not None and (
                    exhausted_reset is None or window.resets_at > exhausted_reset
                ):
                    exhausted_reset = window.resets_at
                existing = self._blocks.get(key)
                fallback = existing.resume_at if existing else now + self.unknown_reset_retry
                self._set_block(
                    _Block(
                        limit_id=limit_id,
                        window=name,
                        reason="threshold",
                        resume_at=window.resets_at or fallback,
                        used_percent=window.used_percent,
                        since=existing.since if existing else state.observed_at,
                        known_reset=window.resets_at is not None,
                    )
                )
            elif key in self._blocks:
                self._lift(key)
        usage = self._blocks.get((limit_id, None, "usage_limit"))
        windows = [window for _, window in snapshot.windows()]
        if (
            usage is not None
            and windows
            and snapshot.observed_at > usage.since
            and not snapshot.rate_limit_reached_type
            and all(window.used_percent < self.threshold_percent for window in windows)
        ):
            self._lift(usage.key)
        reached_key: _BlockKey = (limit_id, None, "limit_reached")
        if snapshot.rate_limit_reached_type:
            if reached_key not in self._blocks:
                self._set_block(
                    _Block(
                        limit_id=limit_id,
                        window=None,
                        reason="limit_reached",
                        resume_at=exhausted_reset or now + self.unknown_reset_retry,
                        used_percent=None,
                        since=snapshot.observed_at,
                        known_reset=exhausted_reset is not None,
                    )
                )
        elif reached_key in self._blocks:
            self._lift(reached_key)

    # -- state ------------------------------------------------------------------------------------

    def _limit_blocked(self, limit_id: str) -> bool:
        return any(block.limit_id == limit_id for block in self._blocks.values())

    def _set_block(self, block: _Block) -> None:
        previous = self._blocks.get(block.key)
        self._blocks[block.key] = block
        if previous is None or previous.resume_at != block.resume_at:
            if previous is None:
                self._publish(
                    RateLimited(
                        limit_id=block.limit_id,
                        window=block.window,
                        used_percent=block.used_percent,
                        resume_at=block.resume_at if block.known_reset else None,
                        reason=block.reason,
                    )
                )
            self._wake()

    def _lift(self, key: _BlockKey) -> None:
        block = self._blocks.pop(key)
        if not self._limit_blocked(block.limit_id):
            _log.info("rate limit cleared", limit_id=block.limit_id)
            self._publish(RateLimitCleared(limit_id=block.limit_id))
        self._wake()

    def _expire(self, now: datetime) -> None:
        for key in [key for key, block in self._blocks.items() if block.resume_at <= now]:
            self._lift(key)

    def _wake(self) -> None:
        self._changed.set()
        self._changed = trio.Event()

    def check(self, now: datetime | None = None) -> GateDecision:
        """Whether work may start at ``now`` (default: the gate's clock). Never blocks.

        When closed, ``resume_at`` is the latest reset among the active blocks (work can start only
        when every block has lifted) and ``reason`` names the block that lasts longest.
        """
        now = self.clock() if now is None else now
        self._expire(now)
        if not self._blocks:
            return GateDecision(open=True)
        block = max(self._blocks.values(), key=lambda b: b.resume_at)
        if block.reason == "threshold":
            reason = (
                f"{block.limit_id} {block.window} window at {block.used_percent:g}%"
                f" (threshold {self.threshold_percent:g}%)"
            )
        elif block.reason == "usage_limit":
            reason = f"{block.limit_id}: usage limit reached"
        else:
            reason = f"{block.limit_id}: rate limit reached"
        return GateDecision(
            open=False, reason=reason, resume_at=block.resume_at, limit_id=block.limit_id, window=block.window
        )

    # -- waiting ----------------------------------------------------------------------------------

    async def wait_open(self) -> GateDecision:
        """Block until the gate is open; return the open decision.

        Returns at once (after a checkpoint) when open. While closed, sleeps on trio's clock until
        the earliest moment the state can change: the earliest reset time among the blocks, or a
        new snapshot or error fed to the gate, whichever comes first; then checks again (which
        also publishes :class:`RateLimitCleared` for blocks that lifted). Every waiter is woken
        and re-checks on its own, so no waiter is ever dropped; they may proceed in any order.

        Cancellation: cancellable at any point; a cancelled waiter leaves no trace in the gate.
        """
        await trio.lowlevel.checkpoint()
        self._waiters += 1
        try:
            while True:
                now = self.clock()
                decision = self.check(now)
                if decision.open:
                    return decision
                await self._sleep_until_change(now)
        finally:
            self._waiters -= 1

    async def _sleep_until_change(self, now: datetime) -> None:
        changed = self._changed
        earliest = min((block.resume_at for block in self._blocks.values()), default=None)
        if earliest is None:
            await changed.wait()
            return
        with trio.move_on_after(max(0.0, (earliest - now).total_seconds())):
            await changed.wait()

    async def run(self) -> NoReturn:
        """Optional: keep the gate's state current in time, so events are published on time.

        Sleeps until the next reset time or a change, then expires blocks. Run it in a nursery;
        cancel it to stop.
        """
        while True:
            now = self.clock()
            self.check(now)
            await self._sleep_until_change(now)

    # -- events -----------------------------------------------------------------------------------

    def subscribe(self, max_buffer_size: int = 64) -> trio.MemoryReceiveChannel[GateEvent]:
        """A receive channel of gate events from now on. Close it to unsubscribe.

        Back-pressure: none reaches the gate. When the buffer is full, new events for this
        subscriber are dropped (see :meth:`statistics`).
        """
        send, receive = trio.open_memory_channel[GateEvent](max_buffer_size)
        self._subscribers.append(send)
        return receive

    def _publish(self, event: GateEvent) -> None:
        for send in list(self._subscribers):
            try:
                send.send_nowait(event)
            except trio.WouldBlock:
                self._dropped += 1
                _log.warning("gate event dropped: subscriber is full", gate_event=type(event).__name__)
            except (trio.BrokenResourceError, trio.ClosedResourceError):
                self._subscribers.remove(send)

    def statistics(self) -> GateStatistics:
        return GateStatistics(
            open=not self._blocks,
            blocks=len(self._blocks),
            waiters=self._waiters,
            subscribers=len(self._subscribers),
            events_dropped=self._dropped,
        )


# -- recognising usage-limit errors -----------------------------------------------------------------

_USAGE_KINDS: Final = {"usagelimitexceeded"}
_TRY_AGAIN = re.compile(r"try again at (?P<when>[^.]+)", re.IGNORECASE)
_DAY_SUFFIX = re.compile(r"(\d{1,2})(st|nd|rd|th)\b")


def _codex_error_kind(info: Any) -> str | None:
    if isinstance(info, str):
        return info
    if isinstance(info, Mapping) and len(info) == 1:
        (key,) = info
        return str(key)
    return None


def parse_retry_time(message: str, *, now: datetime, tz: tzinfo | None = None) -> datetime | None:
    """Best effort: the time in the runtime's "Try again at 3:05 PM." / "… at Nov 24th, 2026 3:05 PM."
    / "… at Nov 24th, 2026." The one parser of these messages (the gate and
    :func:`orchestra.supervision.classify_turn_error` both use it).

    The runtime formats the reset time in the *runtime's* local timezone (``tz``; default: this
    machine's), to the minute: a reset "at 3:05 PM" may come at any second of that minute, so the
    time given is the end of it (taken as 3:05:00, a wait would end up to a minute early and retry
    into the same limit). A bare time of day earlier than ``now`` is taken as tomorrow. ``None``
    when the message carries no parseable time.
    """
    match = _TRY_AGAIN.search(message)
    if match is None:
        return None
    text = _DAY_SUFFIX.sub(r"\1", match.group("when").strip())
    zone = tz or datetime.now().astimezone().tzinfo or UTC
    local_now = now.astimezone(zone)
    for fmt in ("%b %d, %Y %I:%M %p", "%I:%M %p", "%b %d, %Y"):
        try:
            parsed = datetime.strptime(text, fmt)
        except ValueError:
            continue
        if fmt == "%I:%M %p":
            moment = local_now.replace(hour=parsed.hour, minute=parsed.minute, second=0, microsecond=0)
            if moment < local_now - timedelta(minutes=1):
                moment += timedelta(days=1)
        else:
            moment = parsed.replace(tzinfo=zone)
        if fmt != "%b %d, %Y":
            moment += timedelta(minutes=1)  # the end of the minute named
        return moment.astimezone(UTC)
    return None


def usage_limit_from_error(
    error: Mapping[str, Any],
    *,
    now: datetime | None = None,
    tz: tzinfo | None = None,
    limit_id: str = DEFAULT_LIMIT_ID,
) -> UsageLimitHit | None:
    """Recognise a usage-limit error from the runtime; ``None`` for any other error.

    Accepts the ``params`` of an ``error`` notification (``{error: {message, codexErrorInfo}, …}``),
    a ``turn/completed`` turn's ``error``, or a bare ``{message, codexErrorInfo}``. The kind is
    ``codexErrorInfo == "usageLimitExceeded"`` (any casing, so ``UsageLimitExceeded`` matches). The
    runtime puts the reset time only in the human message, so it is parsed best-effort
    (:func:`parse_retry_time`).
    """
    inner = error.get("error")
    body: Mapping[str, Any] = inner if isinstance(inner, Mapping) else error
    kind = _codex_error_kind(body.get("codexErrorInfo", body.get("codex_error_info")))
    if kind is None or kind.lower() not in _USAGE_KINDS:
        return None
    now = now or _utc_now()
    message = body.get("message")
    text = message if isinstance(message, str) else None
    resets_at = parse_retry_time(text, now=now, tz=tz) if text else None
    return UsageLimitHit(limit_id=limit_id, resets_at=resets_at, message=text, observed_at=now)


def usage_limit_from_http(
    status: int,
    body: Mapping[str, Any] | str | bytes,
    headers: Mapping[str, str] | None = None,
    *,
    now: datetime | None = None,
) -> UsageLimitHit | None:
    """Recognise the backend's HTTP 429 ``usage_limit_reached`` answer; ``None`` otherwise.

    Body: ``{"error": {"type": "usage_limit_reached", "plan_type": …, "resets_at": <unix seconds>}}``
    (older backends: ``resets_in_seconds``). The limit id is the ``x-codex-active-limit`` header,
    else ``codex``.
    """
    if status != 429:
        return None
    if isinstance(body, bytes | str):
        try:
            parsed: Any = json.loads(body)
        except ValueError:
            return None
    else:
        parsed = body
    error = parsed.get("error") if isinstance(parsed, Mapping) else None
    if not isinstance(error, Mapping) or error.get("type") != "usage_limit_reached":
        return None
    now = now or _utc_now()
    resets_at: datetime | None = None
    if isinstance(error.get("resets_at"), int | float):
        resets_at = datetime.fromtimestamp(error["resets_at"], UTC)
    elif isinstance(error.get("resets_in_seconds"), int | float):
        resets_at = now + timedelta(seconds=error["resets_in_seconds"])
    lowered = {key.lower(): value for key, value in (headers or {}).items()}
    plan = error.get("plan_type")
    message = error.get("message")
    return UsageLimitHit(
        limit_id=lowered.get("x-codex-active-limit") or DEFAULT_LIMIT_ID,
        resets_at=resets_at,
        message=message if isinstance(message, str) else None,
        plan_type=plan if isinstance(plan, str) else None,
        observed_at=now,
    )
