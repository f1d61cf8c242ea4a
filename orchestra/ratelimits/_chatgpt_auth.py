"""A fake ChatGPT login for tests: an ``auth.json`` the runtime accepts, and ``/wham/usage`` bodies.

With an API key the runtime refuses ``account/rateLimits/read``. With a ChatGPT-style login it calls
``GET {chatgpt_base_url}/wham/usage`` instead, so pointing ``chatgpt_base_url`` (top level of
``config.toml``) at a local fake backend gives tests full control of the rate limits it reads.

The shape follows the runtime's ``codex-rs/login`` crate (``AuthDotJson`` / ``TokenData``)::

    {"auth_mode": "chatgpt", "OPENAI_API_KEY": null,
     "tokens": {"id_token": "<JWT>", "access_token": "<JWT>", "refresh_token": "…", "account_id": "…"},
     "last_refresh": "2026-11-24T00:00:00Z"}

What the runtime checks, and so what this writes:

- ``id_token`` is parsed as a JWT: three non-empty dot-separated parts, the payload base64url
  *without padding*; its ``https://api.openai.com/auth`` claim carries ``chatgpt_account_id``,
  ``chatgpt_plan_type`` and ``chatgpt_user_id``. The signature is not verified, but it must not be
  empty, so these tokens carry a placeholder signature (they are unsigned: ``alg`` is ``none``).
- ``access_token`` is sent as the bearer token; if it is a JWT with an ``exp`` in the past the
  runtime tries to refresh it over the network, so it gets an ``exp`` far enough ahead.
- ``last_refresh`` older than 8 days also triggers a refresh; it is written as now.
- ``tokens.account_id`` becomes the ``ChatGPT-Account-Id`` header.

The file is created with mode 0600 from the start, like the runtime's own.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Mapping
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, Final

from .._private import write_private_text

__all__ = ["AUTH_CLAIM", "fake_jwt", "jwt_payload", "wham_usage_body", "write_chatgpt_auth"]

AUTH_CLAIM: Final = "https://api.openai.com/auth"
PROFILE_CLAIM: Final = "https://api.openai.com/profile"
_PLACEHOLDER_SIGNATURE: Final = "b3JjaGVzdHJhLWZha2U"  # base64url("orchestra-fake"): not a signature


def _b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def fake_jwt(claims: Mapping[str, Any]) -> str:
    """An unsigned JWT (``alg: none``) with ``claims`` as payload and a placeholder signature."""
    header = _b64url(json.dumps({"alg": "none", "typ": "JWT"}, separators=(",", ":")).encode())
    payload = _b64url(json.dumps(dict(claims), separators=(",", ":"), sort_keys=True).encode())
    return f"{header}.{payload}.{_PLACEHOLDER_SIGNATURE}"


def jwt_payload(token: str) -> dict[str, Any]:
    """Decode a JWT's payload the way the runtime does (no signature check)."""
    parts = token.split(".")
    if len(parts) != 3 or not all(parts):
        raise ValueError("a JWT has three non-empty parts")
    padded = parts[1] + "=" * (-len(parts[1]) % 4)
    payload = json.loads(base64.urlsafe_b64decode(padded))
    if not isinstance(payload, dict):
        raise ValueError("JWT payload is not an object")
    return payload


def write_chatgpt_auth(
    codex_home: Path,
    *,
    account_id: str = "acct-orchestra-test",
    user_id: str = "user-orchestra-test",
    email: str = "tester@example.invalid",
    plan_type: str = "pro",
    now: datetime | None = None,
    token_lifetime: timedelta = timedelta(days=30),
) -> Path:
    """Write a ChatGPT-mode ``auth.json`` into ``codex_home`` (mode 0600) and return its path.

    Pair it with ``chatgpt_base_url = "http://127.0.0.1:PORT/backend-api"`` in ``config.toml`` and
    a fake backend that answers ``GET /backend-api/wham/usage`` (see :func:`wham_usage_body`).
    """
    now = now or datetime.now(UTC)
    issued, expires = int(now.timestamp()), int((now + token_lifetime).timestamp())
    auth_claim = {
        "chatgpt_account_id": account_id,
        "chatgpt_plan_type": plan_type,
        "chatgpt_user_id": user_id,
        "user_id": user_id,
    }
    id_token = fake_jwt(
        {
            "iss": "https://auth.openai.com",
            "aud": ["app_orchestra_test"],
            "sub": user_id,
            "email": email,
            "email_verified": True,
            "iat": issued,
            "exp": expires,
            AUTH_CLAIM: auth_claim,
            PROFILE_CLAIM: {"email": email, "email_verified": True},
        }
    )
    access_token = fake_jwt(
        {
            "iss": "https://auth.openai.com",
            "sub": user_id,
            "iat": issued,
            "exp": expires,
            AUTH_CLAIM: auth_claim,
        }
    )
    body = {
        "auth_mode": "chatgpt",
        "OPENAI_API_KEY": None,
        "tokens": {
            "id_token": id_token,
            "access_token": access_token,
            "refresh_token": "rt-orchestra-fake-refresh-token",
            "account_id": account_id,
        },
        "last_refresh": now.astimezone(UTC).isoformat().replace("+00:00", "Z"),
    }
    codex_home.mkdir(parents=True, exist_ok=True)
    return write_private_text(codex_home / "auth.json", json.dumps(body, indent=2))


def _usage_window(
    used_percent: float, window_minutes: int, resets_at: datetime, now: datetime
) -> dict[str, Any]:
    return {
        "used_percent": used_percent,
        "limit_window_seconds": window_minutes * 60,
        "reset_after_seconds": max(0, int((resets_at - now).total_seconds())),
        "reset_at": int(resets_at.timestamp()),
    }


def wham_usage_body(
    *,
    primary: tuple[float, int, datetime] | None,
    secondary: tuple[float, int, datetime] | None = None,
    now: datetime | None = None,
    plan_type: str = "pro",
    account_id: str = "acct-orchestra-test",
    user_id: str = "user-orchestra-test",
    credits: tuple[bool, bool, str | None] | None = (True, False, "12.50"),
    limit_reached: bool = False,
) -> dict[str, Any]:
    """A ``/wham/usage`` body in the shape the runtime accepts.

    ``primary``/``secondary`` are ``(used_percent, window_minutes, resets_at)``; ``credits`` is
    ``(has_credits, unlimited, balance)``.
    """
    now = now or datetime.now(UTC)
    rate_limit: dict[str, Any] = {"allowed": not limit_reached, "limit_reached": limit_reached}
    rate_limit["primary_window"] = None if primary is None else _usage_window(*primary, now)
    rate_limit["secondary_window"] = None if secondary is None else _usage_window(*secondary, now)
    body: dict[str, Any] = {
        "plan_type": plan_type,
        "user_id": user_id,
        "account_id": account_id,
        "rate_limit": rate_limit,
    }
    if credits is not None:
        has, unlimited, balance = credits
        body["credits"] = {"has_credits": has, "unlimited": unlimited, "balance": balance}
    return body
