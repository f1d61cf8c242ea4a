"""Rate-limit headers, as the Codex runtime reads them from every ``/v1/responses`` reply.

The runtime (0.163, ``codex-rs/codex-api/src/rate_limits.rs``) parses these headers into a
rate-limit snapshot, which reaches clients as ``account/rateLimits/updated`` and lands in the
rollout's ``token_count.rate_limits``:

========================================  =====================================================
``x-codex-primary-used-percent``          float, e.g. ``42.5``; a window is only reported when
                                          this is present (and non-zero, or has other fields)
``x-codex-primary-window-minutes``        int
``x-codex-primary-reset-at``              int, unix seconds
``x-codex-secondary-…``                   the same three for the secondary window
``x-codex-credits-has-credits``           ``true``/``false``; credits are reported only when
``x-codex-credits-unlimited``             both of these are present
``x-codex-credits-balance``               a decimal string, e.g. ``"12.50"``
``x-codex-active-limit``                  which limit family is the active one
``x-codex-rate-limit-reached-type``       set when a limit was hit
========================================  =====================================================

Other limit families use ``x-<family>-…`` with the family's ``_`` written as ``-``: family
``codex_other`` becomes ``x-codex-other-primary-used-percent`` and shows up as limit id
``codex_other``. Credits headers are always ``x-codex-credits-…``.

Build the headers with :func:`rate_limit_headers` and attach them to one reply
(``reply.text("hi").with_headers(h)``) or to every reply (``ScriptedModel(headers=h)``)::

    h = rate_limit_headers(
        primary=RateLimitWindow(used_percent=42.0, window_minutes=300, reset_at=1795480000),
        secondary=RateLimitWindow(used_percent=7.0, window_minutes=10080),
        credits=Credits(has_credits=True, balance="12.50"),
    )
"""

from __future__ import annotations

import attrs

__all__ = ["Credits", "RateLimitWindow", "rate_limit_headers"]


@attrs.frozen
class RateLimitWindow:
    """One rate-limit window: how much of it is used, how long it is, when it resets."""

    used_percent: float
    window_minutes: int | None = None
    reset_at: int | None = None
    """Unix seconds."""


@attrs.frozen
class Credits:
    """The account's credits, sent as ``x-codex-credits-*``."""

    has_credits: bool = True
    unlimited: bool = False
    balance: str | None = None
    """A decimal string such as ``"12.50"``; omitted when ``None``."""


def _window_headers(prefix: str, name: str, window: RateLimitWindow) -> dict[str, str]:
    headers = {f"{prefix}-{name}-used-percent": _format_float(window.used_percent)}
    if window.window_minutes is not None:
        headers[f"{prefix}-{name}-window-minutes"] = str(window.window_minutes)
    if window.reset_at is not None:
        headers[f"{prefix}-{name}-reset-at"] = str(window.reset_at)
    return headers


def _format_float(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def rate_limit_headers(
    *,
    primary: RateLimitWindow | None = None,
    secondary: RateLimitWindow | None = None,
    credits: Credits | None = None,
    family: str = "codex",
    active_limit: str | None = None,
    reached_type: str | None = None,
) -> dict[str, str]:
    """Return the ``x-codex-…`` response headers describing a rate-limit state.

    ``family`` selects the header family (``"codex"`` → ``x-codex-primary-…``; ``"codex_other"``
    → ``x-codex-other-primary-…``). ``active_limit`` sets ``x-codex-active-limit`` and
    ``reached_type`` sets ``x-codex-rate-limit-reached-type``. The result is a plain ``dict``:
    merge several families with ``{**a, **b}``.
    """
    prefix = "x-" + family.strip().lower().replace("_", "-")
    headers: dict[str, str] = {}
    if primary is not None:
        headers.update(_window_headers(prefix, "primary", primary))
    if secondary is not None:
        headers.update(_window_headers(prefix, "secondary", secondary))
    if credits is not None:
        headers["x-codex-credits-has-credits"] = "true" if credits.has_credits else "false"
        headers["x-codex-credits-unlimited"] = "true" if credits.unlimited else "false"
        if credits.balance is not None:
            headers["x-codex-credits-balance"] = credits.balance
    if active_limit is not None:
        headers["x-codex-active-limit"] = active_limit
    if reached_type is not None:
        headers["x-codex-rate-limit-reached-type"] = reached_type
    return headers
