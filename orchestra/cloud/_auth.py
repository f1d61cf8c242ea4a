"""Credentials for the cloud tasks API: a ChatGPT access token and the ChatGPT account id.

As the Codex CLI: the token is ``tokens.access_token`` in ``$CODEX_HOME/auth.json``; the account id
is ``tokens.account_id``, else the ``"https://api.openai.com/auth".chatgpt_account_id`` claim of
the token's JWT payload (the signature is not checked: the server does that). An explicit token
works too (:meth:`CloudAuth.from_token`). The token lives in a :class:`~orchestra._secret.Secret`
and is revealed only when the request headers are built.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import attrs

from .._secret import Secret
from ._errors import CloudConfigError
from ._urls import default_codex_home

ACCOUNT_HEADER = "ChatGPT-Account-Id"
_AUTH_CLAIM = "https://api.openai.com/auth"


def account_id_from_jwt(token: str) -> str | None:
    """The ``chatgpt_account_id`` claim of a JWT, or ``None`` if the token is not such a JWT."""
    parts = token.split(".")
    if len(parts) != 3 or not all(parts):
        return None
    payload = parts[1]
    try:
        raw = base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4))
        claims = json.loads(raw)
    except (binascii.Error, ValueError):
        return None
    auth = claims.get(_AUTH_CLAIM) if isinstance(claims, dict) else None
    account = auth.get("chatgpt_account_id") if isinstance(auth, dict) else None
    return account if isinstance(account, str) and account else None


def _as_secret(value: str | Secret) -> Secret:
    return value if isinstance(value, Secret) else Secret(value)


@attrs.frozen(repr=False)
class CloudAuth:
    """A bearer token (kept secret) and the account id sent as ``ChatGPT-Account-Id``."""

    access_token: Secret = attrs.field(converter=_as_secret)
    account_id: str | None = None

    def __repr__(self) -> str:
        return f"CloudAuth(access_token=Secret('***'), account_id={self.account_id!r})"

    @classmethod
    def from_token(cls, token: str | Secret, account_id: str | None = None) -> CloudAuth:
        """An explicit token; the account id defaults to the token's JWT claim."""
        secret = _as_secret(token)
        if not secret.reveal().strip():
            raise CloudConfigError("the access token is empty")
        return cls(secret, account_id or account_id_from_jwt(secret.reveal()))

    @classmethod
    def from_codex_home(
        cls, codex_home: Path | None = None, *, env: Mapping[str, str] | None = None
    ) -> CloudAuth:
        """Read ``auth.json`` of ``codex_home`` (default ``$CODEX_HOME`` or ``~/.codex``)."""
        home = codex_home if codex_home is not None else default_codex_home(env)
        path = home / "auth.json"
        try:
            data: Any = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise CloudConfigError(
                f"not signed in: {path} does not exist; run `codex login` (ChatGPT sign-in) first"
            ) from None
        except (OSError, ValueError) as exc:
            raise CloudConfigError(f"cannot read {path}: {type(exc).__name__}") from None
        tokens = data.get("tokens") if isinstance(data, dict) else None
        token = tokens.get("access_token") if isinstance(tokens, dict) else None
        if not isinstance(token, str) or not token.strip():
            raise CloudConfigError(
                f"not signed in with ChatGPT: {path} has no tokens.access_token "
                "(cloud tasks need a ChatGPT login, not an API key)"
            )
        account = tokens.get("account_id") if isinstance(tokens, dict) else None
        if not isinstance(account, str) or not account:
            account = account_id_from_jwt(token)
        return cls(Secret(token), account)

    def headers(self) -> dict[str, str]:
        """``Authorization`` and (when known) ``ChatGPT-Account-Id``. Reveals the token."""
        headers = {"Authorization": f"Bearer {self.access_token.reveal()}"}
        if self.account_id:
            headers[ACCOUNT_HEADER] = self.account_id
        return headers
