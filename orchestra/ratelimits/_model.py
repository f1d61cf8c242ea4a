"""Typed rate-limit snapshots, and the book that merges them across a pool.

Where snapshots come from (all are plain ``dict`` objects as they come off the wire):

=================================================  ==================================================
``account/rateLimits/updated`` notification         camelCase, *sparse*: built from the headers of one
(:meth:`RateLimitSnapshot.from_app_server`,         model response; a window or credits may be absent,
:func:`snapshot_from_notification`)                 which means "not reported", not "gone"
``account/rateLimits/read`` result                  camelCase, *full*: ``rateLimitsByLimitId`` (or the
(:func:`snapshots_from_read_result`)                single ``rateLimits``) is the whole state
rollout ``token_count`` entry                       snake_case, sparse (the same headers, persisted)
(:func:`snapshot_from_rollout_entry`)
``GET /backend-api/wham/usage`` body                snake_case, full; windows in seconds
(:func:`snapshots_from_wham_usage`)
=================================================  ==================================================

A :class:`RateLimitBook` keeps, per limit id and per window, the latest observation (by
``observed_at``, whatever runtime of the pool it came from), merges sparse updates into the last full
read, and keeps a bounded history of observed usage per window for projections.

Times are timezone-aware UTC :class:`datetime` values throughout.
"""

from __future__ import annotations

import enum
import math
from collections import deque
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any, Final, Literal

import attrs

from .._errors import OrchestraError
from .._log import get_logger

__all__ = [
    "DEFAULT_LIMIT_ID",
    "WINDOW_NAMES",
    "BookStatistics",
    "Credits",
    "ObserveResult",
    "RateLimitBook",
    "RateLimitDataError",
    "RateLimitSnapshot",
    "RateLimitWindow",
    "SnapshotKind",
    "UsageSample",
    "WindowName",
    "WindowState",
    "snapshot_from_notification",
    "snapshot_from_rollout_entry",
    "snapshots_from_read_result",
    "snapshots_from_wham_usage",
    "split_segments",
    "starts_new_window",
]

_log = get_logger("orchestra.ratelimits")

WindowName = Literal["primary", "secondary"]
WINDOW_NAMES: Final[tuple[WindowName, WindowName]] = ("primary", "secondary")
DEFAULT_LIMIT_ID: Final = "codex"
"""The runtime's limit id for the main ``x-codex-*`` header family."""

RESET_DROP_POINTS: Final = 2.0
"""A drop in used percent larger than this (percentage points) between two samples is a reset."""
RESET_MOVE_FRACTION: Final = 0.1
"""``resets_at`` moving forward by more than this fraction of the window length is a reset."""
RESET_MOVE_MIN: Final = timedelta(minutes=1)
RESET_MOVE_UNKNOWN_WINDOW: Final = timedelta(minutes=30)


class RateLimitDataError(OrchestraError, ValueError):
    """A rate-limit payload did not have the shape the runtime documents."""


class SnapshotKind(enum.StrEnum):
    """Where a snapshot came from, which decides how it merges into a :class:`RateLimitBook`."""

    READ = "read"
    """``account/rateLimits/read``: the full state; an absent window means there is none."""
    UPDATE = "update"
    """``account/rateLimits/updated``: sparse; an absent window keeps the last known one."""
    ROLLOUT = "rollout"
    """A rollout ``token_count`` entry: sparse, like an update."""
    USAGE = "usage"
    """A ``/wham/usage`` body: the full state, like a read."""
    MERGED = "merged"
    """Produced by :meth:`RateLimitBook.snapshot`: the merged view of everything observed."""

    @property
    def authoritative(self) -> bool:
        """Whether an absent window or credits entry in this kind means "none" (not "unknown")."""
        return self in (SnapshotKind.READ, SnapshotKind.USAGE)


#: The longest window a snapshot may report (the runtime's are 5 hours and a week).
MAX_WINDOW_MINUTES: Final = 366 * 24 * 60
#: The years a timestamp may fall in: nothing the runtime or the backend sends lies outside, and
#: projections would overflow date arithmetic near year 1 or 9999.
_YEARS: Final = range(2000, 2201)


def _finite(_instance: object, attribute: attrs.Attribute[float], value: float) -> None:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise RateLimitDataError(f"{attribute.name} must be a finite number, got {value!r}")


def _aware(_instance: object, attribute: attrs.Attribute[Any], value: datetime | None) -> None:
    if value is None:
        return
    if value.utcoffset() is None:
        raise RateLimitDataError(f"{attribute.name} must be timezone-aware, got {value!r}")
    if value.year not in _YEARS:
        raise RateLimitDataError(f"{attribute.name} is not a plausible time: {value.isoformat()}")


def _window_length(_instance: object, attribute: attrs.Attribute[Any], value: int | None) -> None:
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MAX_WINDOW_MINUTES:
        raise RateLimitDataError(f"{attribute.name} must be 1..{MAX_WINDOW_MINUTES} minutes, got {value!r}")


def _printable(_instance: object, attribute: attrs.Attribute[Any], value: str | None) -> None:
    # Shown on terminals: an escape sequence in a limit id must not reach one.
    if value is not None and not (isinstance(value, str) and value.isprintable() and len(value) <= 200):
        raise RateLimitDataError(f"{attribute.name} must be printable text, got {value!r:.80}")


@attrs.frozen
class RateLimitWindow:
    """One rate-limit window as reported: how much is used, how long it is, when it resets.

    ``used_percent`` is kept as reported (the runtime may report more than 100 once a limit is hit);
    :attr:`clamped_percent` is the value clamped to 0..100 that projections and bars use.
    """

    used_percent: float = attrs.field(validator=_finite)
    window_minutes: int | None = attrs.field(default=None, validator=_window_length)
    resets_at: datetime | None = attrs.field(default=None, validator=_aware)

    @property
    def clamped_percent(self) -> float:
        return min(100.0, max(0.0, self.used_percent))

    @property
    def starts_at(self) -> datetime | None:
        """When this window began (``resets_at`` minus its length), if both are known."""
        if self.resets_at is None or self.window_minutes is None:
            return None
        return self.resets_at - timedelta(minutes=self.window_minutes)


@attrs.frozen
class Credits:
    """The account's credits. ``balance`` is a decimal string such as ``"12.50"``."""

    has_credits: bool
    unlimited: bool
    balance: str | None = None


@attrs.frozen(kw_only=True)
class RateLimitSnapshot:
    """The rate-limit state of one limit id, as observed at ``observed_at`` from ``source``.

    ``kind`` says how complete it is (see :class:`SnapshotKind`); ``source`` names the runtime (or
    file, or endpoint) it came from, so a pool's observations can be told apart.
    """

    limit_id: str = attrs.field(validator=_printable)
    observed_at: datetime = attrs.field(validator=_aware)
    primary: RateLimitWindow | None = None
    secondary: RateLimitWindow | None = None
    credits: Credits | None = None
    limit_name: str | None = attrs.field(default=None, validator=_printable)
    plan_type: str | None = attrs.field(default=None, validator=_printable)
    rate_limit_reached_type: str | None = attrs.field(default=None, validator=_printable)
    kind: SnapshotKind = SnapshotKind.UPDATE
    source: str | None = None

    def window(self, name: WindowName) -> RateLimitWindow | None:
        return self.primary if name == "primary" else self.secondary

    def windows(self) -> Iterator[tuple[WindowName, RateLimitWindow]]:
        """The windows present, primary first."""
        for name in WINDOW_NAMES:
            window = self.window(name)
            if window is not None:
                yield name, window

    @classmethod
    def from_app_server(
        cls,
        rate_limits: Mapping[str, Any],
        *,
        observed_at: datetime,
        kind: SnapshotKind = SnapshotKind.UPDATE,
        source: str | None = None,
    ) -> RateLimitSnapshot:
        """Build from the app-server's camelCase ``RateLimitSnapshot`` object.

        That object is ``params["rateLimits"]`` of ``account/rateLimits/updated``, and each value of
        ``rateLimitsByLimitId`` in the ``account/rateLimits/read`` result.
        """
        data = _mapping(rate_limits, "rateLimits")
        return cls(
            limit_id=_opt_str(data.get("limitId")) or DEFAULT_LIMIT_ID,
            limit_name=_opt_str(data.get("limitName")),
            primary=_camel_window(data.get("primary"), "primary"),
            secondary=_camel_window(data.get("secondary"), "secondary"),
            credits=_credits(data.get("credits"), "hasCredits"),
            plan_type=_opt_str(data.get("planType")),
            rate_limit_reached_type=_opt_str(data.get("rateLimitReachedType")),
            observed_at=observed_at,
            kind=kind,
            source=source,
        )

    @classmethod
    def from_updated_notification(
        cls, params: Mapping[str, Any], *, observed_at: datetime, source: str | None = None
    ) -> RateLimitSnapshot:
        """Build from the ``params`` of an ``account/rateLimits/updated`` notification (sparse)."""
        data = _mapping(params, "params")
        return cls.from_app_server(
            _mapping(data.get("rateLimits"), "params.rateLimits"),
            observed_at=observed_at,
            kind=SnapshotKind.UPDATE,
            source=source,
        )

    @classmethod
    def from_rollout_rate_limits(
        cls, rate_limits: Mapping[str, Any], *, observed_at: datetime, source: str | None = None
    ) -> RateLimitSnapshot:
        """Build from the snake_case ``rate_limits`` object of a rollout ``token_count`` entry."""
        data = _mapping(rate_limits, "rate_limits")
        return cls(
            limit_id=_opt_str(data.get("limit_id")) or DEFAULT_LIMIT_ID,
            limit_name=_opt_str(data.get("limit_name")),
            primary=_snake_window(data.get("primary"), "primary"),
            secondary=_snake_window(data.get("secondary"), "secondary"),
            credits=_credits(data.get("credits"), "has_credits"),
            plan_type=_opt_str(data.get("plan_type")),
            rate_limit_reached_type=_opt_str(data.get("rate_limit_reached_type")),
            observed_at=observed_at,
            kind=SnapshotKind.ROLLOUT,
            source=source,
        )


def snapshot_from_notification(
    message: Mapping[str, Any], *, received_at: datetime | None = None, source: str | None = None
) -> RateLimitSnapshot | None:
    """Build from a whole ``account/rateLimits/updated`` message; ``None`` for any other method.

    The observation time is the message's ``emittedAtMs`` (the runtime's clock), else ``received_at``,
    else now.
    """
    if message.get("method") != "account/rateLimits/updated":
        return None
    emitted = message.get("emittedAtMs")
    if isinstance(emitted, int | float) and not isinstance(emitted, bool):
        observed_at = datetime.fromtimestamp(emitted / 1000, UTC)
    else:
        observed_at = received_at or datetime.now(UTC)
    return RateLimitSnapshot.from_updated_notification(
        _mapping(message.get("params"), "params"), observed_at=observed_at, source=source
    )


def snapshots_from_read_result(
    result: Mapping[str, Any], *, observed_at: datetime, source: str | None = None
) -> list[RateLimitSnapshot]:
    """Build one full snapshot per limit id from an ``account/rateLimits/read`` result.

    Uses ``rateLimitsByLimitId`` when present, else the single backward-compatible ``rateLimits``.
    """
    data = _mapping(result, "result")
    by_id = data.get("rateLimitsByLimitId")
    entries: list[Mapping[str, Any]]
    if isinstance(by_id, Mapping) and by_id:
        entries = []
        for key, value in by_id.items():
            entry = dict(_mapping(value, f"rateLimitsByLimitId.{key}"))
            if entry.get("limitId") is None:
                entry["limitId"] = key
            entries.append(entry)
    else:
        entries = [_mapping(data.get("rateLimits"), "result.rateLimits")]
    return [
        RateLimitSnapshot.from_app_server(
            entry, observed_at=observed_at, kind=SnapshotKind.READ, source=source
        )
        for entry in entries
    ]


def snapshot_from_rollout_entry(
    entry: Mapping[str, Any], *, source: str | None = None
) -> RateLimitSnapshot | None:
    """Build from one rollout JSONL entry; ``None`` unless it is a ``token_count`` with rate limits.

    Accepts the whole line (``{"timestamp", "type": "event_msg", "payload": {...}}``, whose
    ``timestamp`` becomes ``observed_at``) or just its payload (then ``observed_at`` is now).
    """
    payload: Any = entry.get("payload", entry)
    if not isinstance(payload, Mapping) or payload.get("type") != "token_count":
        return None
    rate_limits = payload.get("rate_limits")
    if rate_limits is None:
        return None
    stamp = entry.get("timestamp")
    observed_at = _parse_iso(stamp) if isinstance(stamp, str) else datetime.now(UTC)
    return RateLimitSnapshot.from_rollout_rate_limits(
        _mapping(rate_limits, "rate_limits"), observed_at=observed_at, source=source
    )


def snapshots_from_wham_usage(
    body: Mapping[str, Any], *, observed_at: datetime, source: str | None = None
) -> list[RateLimitSnapshot]:
    """Build full snapshots from a ``GET /backend-api/wham/usage`` body.

    ``rate_limit`` becomes limit id ``codex``; each ``additional_rate_limits`` entry becomes its
    ``metered_feature`` (or ``limit_name``). A window's ``resets_at`` is its absolute ``reset_at``
    when given (stable between polls), else ``observed_at + reset_after_seconds``.
    """
    data = _mapping(body, "body")
    plan_type = _opt_str(data.get("plan_type"))
    reached = _opt_str(data.get("rate_limit_reached_type"))
    credits = _credits(data.get("credits"), "has_credits")
    snapshots: list[RateLimitSnapshot] = []

    def add(limit_id: str, limit_name: str | None, rate_limit: Any, with_credits: bool) -> None:
        if rate_limit is None:
            return
        block = _mapping(rate_limit, f"{limit_id}.rate_limit")
        reached_type = reached if with_credits else None
        if reached_type is None and block.get("limit_reached") is True:
            reached_type = "rate_limit_reached"
        snapshots.append(
            RateLimitSnapshot(
                limit_id=limit_id,
                limit_name=limit_name,
                primary=_usage_window(block.get("primary_window"), observed_at, "primary_window"),
                secondary=_usage_window(block.get("secondary_window"), observed_at, "secondary_window"),
                credits=credits if with_credits else None,
                plan_type=plan_type,
                rate_limit_reached_type=reached_type,
                observed_at=observed_at,
                kind=SnapshotKind.USAGE,
                source=source,
            )
        )

    add(DEFAULT_LIMIT_ID, None, data.get("rate_limit"), True)
    for index, extra in enumerate(data.get("additional_rate_limits") or ()):
        item = _mapping(extra, f"additional_rate_limits[{index}]")
        name = _opt_str(item.get("limit_name"))
        limit_id = _opt_str(item.get("metered_feature")) or name
        if limit_id is None:
            raise RateLimitDataError(f"additional_rate_limits[{index}] names no limit")
        add(limit_id, name, item.get("rate_limit"), False)
    return snapshots


# -- parsing helpers ------------------------------------------------------------------------------


def _mapping(value: Any, what: str) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise RateLimitDataError(f"{what} must be an object, got {type(value).__name__}")
    return value


def _opt_str(value: Any) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise RateLimitDataError(f"expected a string, got {value!r}")
    return value


def _number(value: Any, what: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise RateLimitDataError(f"{what} must be a number, got {value!r}")
    return float(value)


def _opt_int(value: Any, what: str) -> int | None:
    if value is None:
        return None
    return int(_number(value, what))


def _opt_epoch(value: Any, what: str) -> datetime | None:
    if value is None:
        return None
    return datetime.fromtimestamp(_number(value, what), UTC)


def _parse_iso(text: str) -> datetime:
    try:
        stamp = datetime.fromisoformat(text)
    except ValueError as exc:
        raise RateLimitDataError(f"bad timestamp {text!r}") from exc
    return stamp.replace(tzinfo=UTC) if stamp.tzinfo is None else stamp.astimezone(UTC)


def _camel_window(value: Any, what: str) -> RateLimitWindow | None:
    if value is None:
        return None
    data = _mapping(value, what)
    return RateLimitWindow(
        used_percent=_number(data.get("usedPercent"), f"{what}.usedPercent"),
        window_minutes=_opt_int(data.get("windowDurationMins"), f"{what}.windowDurationMins"),
        resets_at=_opt_epoch(data.get("resetsAt"), f"{what}.resetsAt"),
    )


def _snake_window(value: Any, what: str) -> RateLimitWindow | None:
    if value is None:
        return None
    data = _mapping(value, what)
    return RateLimitWindow(
        used_percent=_number(data.get("used_percent"), f"{what}.used_percent"),
        window_minutes=_opt_int(data.get("window_minutes"), f"{what}.window_minutes"),
        resets_at=_opt_epoch(data.get("resets_at"), f"{what}.resets_at"),
    )


def _usage_window(value: Any, observed_at: datetime, what: str) -> RateLimitWindow | None:
    if value is None:
        return None
    data = _mapping(value, what)
    seconds = _opt_int(data.get("limit_window_seconds"), f"{what}.limit_window_seconds")
    resets_at = _opt_epoch(data.get("reset_at"), f"{what}.reset_at")
    if resets_at is None:
        after = data.get("reset_after_seconds")
        if after is not None:
            resets_at = observed_at + timedelta(seconds=_number(after, f"{what}.reset_after_seconds"))
    return RateLimitWindow(
        used_percent=_number(data.get("used_percent"), f"{what}.used_percent"),
        window_minutes=None if seconds is None else -(-seconds // 60),
        resets_at=resets_at,
    )


def _credits(value: Any, has_key: str) -> Credits | None:
    if value is None:
        return None
    data = _mapping(value, "credits")
    unlimited_key = "unlimited"
    has, unlimited = data.get(has_key), data.get(unlimited_key)
    if not isinstance(has, bool) or not isinstance(unlimited, bool):
        raise RateLimitDataError(f"credits needs booleans {has_key} and {unlimited_key}, got {dict(data)!r}")
    return Credits(has_credits=has, unlimited=unlimited, balance=_opt_str(data.get("balance")))


# -- history samples and window resets ------------------------------------------------------------


@attrs.frozen
class UsageSample:
    """One observation of one window: the raw material of burn rates and plots."""

    at: datetime
    used_percent: float
    window_minutes: int | None = None
    resets_at: datetime | None = None
    source: str | None = None

    @classmethod
    def of(cls, window: RateLimitWindow, *, at: datetime, source: str | None = None) -> UsageSample:
        return cls(
            at=at,
            used_percent=window.used_percent,
            window_minutes=window.window_minutes,
            resets_at=window.resets_at,
            source=source,
        )


def _move_tolerance(window_minutes: int | None) -> timedelta:
    if window_minutes is None:
        return RESET_MOVE_UNKNOWN_WINDOW
    return max(RESET_MOVE_MIN, timedelta(minutes=window_minutes) * RESET_MOVE_FRACTION)


def starts_new_window(prev: UsageSample, cur: UsageSample) -> bool:
    """Whether ``cur`` (observed after ``prev``) belongs to a new window: the window was reset.

    A reset is any of: the window length changed; ``cur`` was observed at or after ``prev``'s reset
    time; ``resets_at`` moved forward by more than a tenth of the window (at least a minute; 30
    minutes when the length is unknown), which tolerates the few seconds of jitter the runtime shows
    between responses; or used percent dropped by more than :data:`RESET_DROP_POINTS` points.
    """
    if prev.window_minutes != cur.window_minutes and None not in (prev.window_minutes, cur.window_minutes):
        return True
    if prev.resets_at is not None and cur.at >= prev.resets_at:
        return True
    if (
        prev.resets_at is not None
        and cur.resets_at is not None
        and cur.resets_at - prev.resets_at > _move_tolerance(cur.window_minutes)
    ):
        return True
    return prev.used_percent - cur.used_percent > RESET_DROP_POINTS


def split_segments(samples: Sequence[UsageSample]) -> list[list[UsageSample]]:
    """Split time-ordered samples into one list per window (see :func:`starts_new_window`)."""
    segments: list[list[UsageSample]] = []
    for sample in samples:
        if segments and not starts_new_window(segments[-1][-1], sample):
            segments[-1].append(sample)
        else:
            segments.append([sample])
    return segments


# -- the book -------------------------------------------------------------------------------------


@attrs.frozen
class WindowState:
    """The latest observation of one window, and which runtime it came from."""

    window: RateLimitWindow
    observed_at: datetime
    source: str | None


@attrs.frozen
class ObserveResult:
    """What one :meth:`RateLimitBook.observe` changed."""

    limit_id: str
    updated: tuple[WindowName, ...]
    """Windows whose state this snapshot replaced (it was the latest observation)."""
    resets: tuple[WindowName, ...]
    """Windows that this snapshot showed to have been reset (a new history segment began)."""
    stale: tuple[WindowName, ...]
    """Windows this snapshot reported but that a later observation already covered."""


@attrs.frozen
class BookStatistics:
    limits: int
    samples: int
    observations: int
    stale_dropped: int
    resets_seen: int


@attrs.define
class _LimitState:
    windows: dict[WindowName, WindowState] = attrs.Factory(dict)
    credits: Credits | None = None
    credits_at: datetime | None = None
    limit_name: str | None = None
    plan_type: str | None = None
    reached_type: str | None = None
    reached_at: datetime | None = None
    last_observed: datetime | None = None


class RateLimitBook:
    """The merged rate-limit state of every limit id, across all runtimes of a pool.

    Feed it every snapshot (:meth:`observe`); read the merged view (:meth:`snapshot`) and the
    history of a window (:meth:`history`, :meth:`current_segment`).

    Merging rules, per limit id:

    - per window, the observation with the latest ``observed_at`` wins, whichever runtime sent it; an
      older one arriving late is dropped (counted in :meth:`statistics`);
    - a sparse snapshot (update, rollout) that lacks a window or credits keeps the last known one; a
      full one (read, usage) that lacks them removes them, if it is newer;
    - plan type and limit name keep their last known value (updates carry ``planType: null``);
      ``rate_limit_reached_type`` is taken from the latest snapshot, ``None`` included.

    History is bounded: ``history_limit`` samples per window, oldest dropped first. The book does no
    I/O and never blocks; it is not thread-safe (use it from one trio task, or guard it).
    """

    def __init__(self, *, history_limit: int = 2048) -> None:
        if history_limit < 2:
            raise ValueError("history_limit must be at least 2")
        self.history_limit = history_limit
        self._limits: dict[str, _LimitState] = {}
        self._history: dict[tuple[str, WindowName], deque[UsageSample]] = {}
        self._observations = 0
        self._stale = 0
        self._resets = 0

    def observe(self, snapshot: RateLimitSnapshot) -> ObserveResult:
        """Merge one snapshot. Never blocks; returns what changed."""
        self._observations += 1
        state = self._limits.setdefault(snapshot.limit_id, _LimitState())
        at = snapshot.observed_at
        updated: list[WindowName] = []
        resets: list[WindowName] = []
        stale: list[WindowName] = []
        for name in WINDOW_NAMES:
            window = snapshot.window(name)
            current = state.windows.get(name)
            if window is None:
                if snapshot.kind.authoritative and current is not None and at >= current.observed_at:
                    del state.windows[name]
                continue
            if current is not None and at < current.observed_at:
                stale.append(name)
                self._stale += 1
                continue
            state.windows[name] = WindowState(window=window, observed_at=at, source=snapshot.source)
            updated.append(name)
            if self._record(snapshot.limit_id, name, UsageSample.of(window, at=at, source=snapshot.source)):
                resets.append(name)
        newer_credits = state.credits_at is None or at >= state.credits_at
        if newer_credits and (snapshot.credits is not None or snapshot.kind.authoritative):
            state.credits = snapshot.credits
            state.credits_at = at
        if state.reached_at is None or at >= state.reached_at:
            state.reached_type = snapshot.rate_limit_reached_type
            state.reached_at = at
        state.limit_name = snapshot.limit_name or state.limit_name
        state.plan_type = snapshot.plan_type or state.plan_type
        state.last_observed = at if state.last_observed is None else max(state.last_observed, at)
        if stale:
            _log.debug("stale rate-limit observation dropped", limit_id=snapshot.limit_id, windows=stale)
        return ObserveResult(
            limit_id=snapshot.limit_id, updated=tuple(updated), resets=tuple(resets), stale=tuple(stale)
        )

    def observe_all(self, snapshots: Iterable[RateLimitSnapshot]) -> None:
        for snapshot in snapshots:
            self.observe(snapshot)

    def _record(self, limit_id: str, name: WindowName, sample: UsageSample) -> bool:
        samples = self._history.get((limit_id, name))
        if samples is None:
            samples = self._history[(limit_id, name)] = deque(maxlen=self.history_limit)
        is_reset = bool(samples) and starts_new_window(samples[-1], sample)
        if samples and attrs.evolve(samples[-1], source=sample.source) == sample:
            return False  # the same observation relayed by another runtime
        samples.append(sample)
        if is_reset:
            self._resets += 1
            _log.info(
                "rate-limit window reset", limit_id=limit_id, window=name, used_percent=sample.used_percent
            )
        return is_reset

    @property
    def limit_ids(self) -> list[str]:
        """Known limit ids, the default ``codex`` first, then alphabetical."""
        return sorted(self._limits, key=lambda key: (key != DEFAULT_LIMIT_ID, key))

    def snapshot(self, limit_id: str = DEFAULT_LIMIT_ID) -> RateLimitSnapshot | None:
        """The merged view of one limit id (kind ``MERGED``), or ``None`` if never observed."""
        state = self._limits.get(limit_id)
        if state is None or state.last_observed is None:
            return None
        primary, secondary = state.windows.get("primary"), state.windows.get("secondary")
        return RateLimitSnapshot(
            limit_id=limit_id,
            observed_at=state.last_observed,
            primary=None if primary is None else primary.window,
            secondary=None if secondary is None else secondary.window,
            credits=state.credits,
            limit_name=state.limit_name,
            plan_type=state.plan_type,
            rate_limit_reached_type=state.reached_type,
            kind=SnapshotKind.MERGED,
        )

    def snapshots(self) -> dict[str, RateLimitSnapshot]:
        result: dict[str, RateLimitSnapshot] = {}
        for limit_id in self.limit_ids:
            snapshot = self.snapshot(limit_id)
            if snapshot is not None:
                result[limit_id] = snapshot
        return result

    def window_state(self, limit_id: str, window: WindowName) -> WindowState | None:
        state = self._limits.get(limit_id)
        return None if state is None else state.windows.get(window)

    def history(self, limit_id: str, window: WindowName) -> tuple[UsageSample, ...]:
        """Every kept sample of a window, oldest first, across resets."""
        return tuple(self._history.get((limit_id, window), ()))

    def current_segment(self, limit_id: str, window: WindowName) -> tuple[UsageSample, ...]:
        """The samples of the window's current period: those since its last reset."""
        segments = split_segments(self.history(limit_id, window))
        return tuple(segments[-1]) if segments else ()

    def statistics(self) -> BookStatistics:
        return BookStatistics(
            limits=len(self._limits),
            samples=sum(len(samples) for samples in self._history.values()),
            observations=self._observations,
            stale_dropped=self._stale,
            resets_seen=self._resets,
        )
