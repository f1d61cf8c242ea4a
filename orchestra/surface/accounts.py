"""Accounts: API-key login, ChatGPT browser and device-code logins, logout, and reading the account.

All of it goes through the runtime (``account/*``), which writes ``auth.json`` in its CODEX_HOME
itself, with mode 0600. An API key is held in a :class:`~orchestra.Secret` from the moment it
enters, and revealed only into the ``account/login/start`` request on the runtime's stdin: never
into argv, a log line or a repr. (To write a key into a home before any runtime starts, use
``build_codex_home(api_key=...)`` or ``write_api_key_auth``.)

Every runtime of a pool has its own CODEX_HOME: API-key login and logout are applied to each live
runtime. The ChatGPT flows run on one runtime (the first, or ``runtime_index``); their completion
arrives as ``account/login/completed``, which :meth:`LoginFlow.wait` returns as a typed event.

Offline, the runtime's OAuth issuer can be replaced: it reads ``CODEX_APP_SERVER_LOGIN_ISSUER``
from its environment (default ``https://auth.openai.com``), for the device-code endpoints
(``/api/accounts/deviceauth/usercode`` and ``/token``), the authorize URL and ``/oauth/token``.
The browser flow's callback server listens on ``localhost:1455`` (fallback 1457).
"""

from __future__ import annotations

import contextlib
import math
from typing import TYPE_CHECKING, Any

import attrs
import trio

from .._errors import RpcError
from .._log import get_logger, redact_text
from .._secret import Secret
from ..protocol import (
    AccountLoginCompletedNotification,
    ApiKeyAccount,
    ChatgptAccount,
    GetAccountResponse,
    structure_response,
)
from ._errors import LoginFailedError

if TYPE_CHECKING:
    from .._orchestra import Orchestra
    from ..runtime import Runtime

log = get_logger("orchestra.surface.accounts")

ISSUER_ENV = "CODEX_APP_SERVER_LOGIN_ISSUER"


@attrs.frozen
class AccountInfo:
    """Who the runtime acts as. ``auth_mode``: ``"apikey"``, ``"chatgpt"`` or None (logged out);
    ``requires_openai_auth``: whether the configured provider needs an OpenAI login at all."""

    auth_mode: str | None
    requires_openai_auth: bool
    plan_type: str | None = None
    email: str | None = None
    account: Any = None  # the runtime's typed Account (ApiKeyAccount, ChatgptAccount, ...)

    @property
    def logged_in(self) -> bool:
        return self.auth_mode is not None

    @classmethod
    def from_response(cls, response: GetAccountResponse) -> AccountInfo:
        account = response.account
        if isinstance(account, ChatgptAccount):
            return cls(
                auth_mode="chatgpt",
                requires_openai_auth=response.requires_openai_auth,
                plan_type=account.plan_type,
                email=account.email,
                account=account,
            )
        if isinstance(account, ApiKeyAccount):
            return cls("apikey", response.requires_openai_auth, account=account)
        mode = getattr(account, "type", None)
        return cls(mode, response.requires_openai_auth, account=account)


def _runtimes(orch: Orchestra) -> list[Runtime]:
    runtimes = orch.pool.runtimes
    return runtimes if runtimes else [orch.runtime]


def _runtime(orch: Orchestra, index: int | None) -> Runtime:
    if index is None:
        return orch.runtime
    runtime = orch.pool.slots[index].runtime
    if runtime is None or runtime.is_lost:
        return orch.runtime
    return runtime


async def read_account(
    orch: Orchestra, *, refresh_token: bool = False, runtime_index: int | None = None, timeout: float = 30.0
) -> AccountInfo:
    """``account/read``: the auth mode and plan of the (first) runtime."""
    params = {"refreshToken": True} if refresh_token else {}
    raw = await _runtime(orch, runtime_index).request("account/read", params, timeout=timeout)
    response: GetAccountResponse = structure_response("account/read", raw)
    return AccountInfo.from_response(response)


async def login_api_key(orch: Orchestra, api_key: str | Secret, *, timeout: float = 30.0) -> AccountInfo:
    """Log every runtime of the pool in with ``api_key``; return the account as now read.

    Raises :class:`LoginFailedError` (with any echo of the key masked) if a runtime refuses.
    """
    secret = api_key if isinstance(api_key, Secret) else Secret(api_key)
    if not secret.reveal().strip():
        raise LoginFailedError("API key login refused: the key is empty")
    orch.credentials.append(secret)  # the runtimes use it from now on: keep masking it
    for runtime in _runtimes(orch):
        refused: str | None = None
        try:
            await runtime.request(
                "account/login/start", {"type": "apiKey", "apiKey": secret.reveal()}, timeout=timeout
            )
        except RpcError as exc:
            refused = redact_text(exc.rpc_message)  # raised below: no unmasked error as its context
        if refused is not None:
            raise LoginFailedError(f"API key login refused: {refused}")
        log.info("logged in with an API key", runtime_pid=runtime.pid)
    return await read_account(orch, timeout=timeout)


async def logout(orch: Orchestra, *, timeout: float = 30.0) -> AccountInfo:
    """Log every runtime of the pool out (the runtime removes its ``auth.json``)."""
    for runtime in _runtimes(orch):
        await runtime.request("account/logout", None, timeout=timeout)
    return await read_account(orch, timeout=timeout)


class LoginFlow:
    """A ChatGPT login in progress. Show ``auth_url`` (browser flow) or ``verification_url`` and
    ``user_code`` (device-code flow) to the user, then ``await flow.wait()``.

    The flow listens for its completion from before it is started, so it cannot be missed. Use it
    as an ``async with`` block (or call :meth:`close`) to stop listening; leaving the block does
    not cancel the login in the runtime — :meth:`cancel` does.
    """

    def __init__(self, runtime: Runtime, kind: str) -> None:
        self.kind = kind
        self.login_id: str | None = None
        self.auth_url: str | None = None
        self.user_code: str | None = None
        self.verification_url: str | None = None
        self._runtime = runtime
        self._events = runtime.subscribe()
        self._completed: AccountLoginCompletedNotification | None = None

    def __repr__(self) -> str:
        state = "running" if self._completed is None else f"success={self._completed.success}"
        return f"<LoginFlow {self.kind} {self.login_id} {state}>"

    async def __aenter__(self) -> LoginFlow:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        self._events.close()

    async def wait(
        self, *, timeout: float = math.inf, check: bool = True
    ) -> AccountLoginCompletedNotification:
        """Wait for ``account/login/completed`` of this flow and return it.

        With ``check`` (the default) a completion without success raises :class:`LoginFailedError`.
        ``timeout`` raises :class:`trio.TooSlowError` (the login goes on; :meth:`cancel` stops it).
        """
        if self._completed is None:
            with trio.fail_after(timeout), contextlib.suppress(trio.ClosedResourceError):
                async for event in self._events:  # closed: the flow was closed before completing
                    if isinstance(event, AccountLoginCompletedNotification) and event.login_id in (
                        self.login_id,
                        None,
                    ):
                        self._completed = event
                        break
            self.close()
        completed = self._completed
        if completed is None:
            raise LoginFailedError(
                "the login did not complete before the flow was closed (or the runtime stopped)",
                login_id=self.login_id,
            )
        if check and not completed.success:
            raise LoginFailedError(
                f"{self.kind} login did not succeed: {completed.error or 'no reason given'}",
                login_id=self.login_id,
            )
        return completed

    async def cancel(self, *, timeout: float = 30.0) -> str:
        """Cancel the login in the runtime (``account/login/cancel``); returns its status
        (``canceled`` or ``notFound``). :meth:`wait` then reports the unsuccessful completion."""
        raw = await self._runtime.request("account/login/cancel", {"loginId": self.login_id}, timeout=timeout)
        return str(raw.get("status")) if isinstance(raw, dict) else str(raw)

    async def _start(self, params: dict[str, Any], timeout: float) -> LoginFlow:
        try:
            raw = await self._runtime.request("account/login/start", params, timeout=timeout)
        except RpcError as exc:
            self.close()
            raise LoginFailedError(f"{self.kind} login could not start: {exc.rpc_message}") from exc
        except BaseException:
            self.close()
            raise
        result = structure_response("account/login/start", raw)
        self.login_id = getattr(result, "login_id", None)
        self.auth_url = getattr(result, "auth_url", None)
        self.user_code = getattr(result, "user_code", None)
        self.verification_url = getattr(result, "verification_url", None)
        log.info("login started", kind=self.kind, login_id=self.login_id)
        return self


async def start_chatgpt_login(
    orch: Orchestra, *, runtime_index: int | None = None, timeout: float = 30.0
) -> LoginFlow:
    """Start the ChatGPT browser login: open ``flow.auth_url`` in a browser, then ``flow.wait()``."""
    flow = LoginFlow(_runtime(orch, runtime_index), "chatgpt")
    return await flow._start({"type": "chatgpt"}, timeout)


async def start_device_code_login(
    orch: Orchestra, *, runtime_index: int | None = None, timeout: float = 30.0
) -> LoginFlow:
    """Start the ChatGPT device-code login: show ``flow.verification_url`` and ``flow.user_code``,
    then ``flow.wait()``. Raises :class:`LoginFailedError` if the issuer cannot be reached."""
    flow = LoginFlow(_runtime(orch, runtime_index), "chatgptDeviceCode")
    return await flow._start({"type": "chatgptDeviceCode"}, timeout)
