"""Accounts against the real runtime: API-key login and logout, ChatGPT device-code and browser
logins completed against a fake issuer on 127.0.0.1, cancelling a login."""

from __future__ import annotations

import gc
import json
import logging
import stat
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
import trio

from orchestra import Orchestra
from orchestra.protocol import AccountLoginCompletedNotification
from orchestra.supervision import RetryPolicy
from orchestra.surface import LoginFailedError
from orchestra.testing import ScriptedModel, reply

from .conftest import TIMEOUT
from .fake_issuer import EMAIL, PLAN, USER_CODE, FakeIssuer

KEY = "sk-surface-login-key-9876543210"


async def test_api_key_login_reaches_the_model_and_logout_removes_it(
    login_orch: Orchestra, scripted_model: ScriptedModel, workdir: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG, logger="orchestra")
    auth_file = login_orch.home.path / "auth.json"
    scripted_model.enqueue(reply.text("hello"))
    with trio.fail_after(TIMEOUT):
        before = await login_orch.account()
        account = await login_orch.login_api_key(KEY)
        mode = stat.S_IMODE(auth_file.stat().st_mode)
        stored = json.loads(auth_file.read_text())
        async with login_orch.conversation(cwd=str(workdir)) as conv:
            await conv.run("hi")
        after = await login_orch.logout()

    assert not before.logged_in and before.requires_openai_auth
    assert account.auth_mode == "apikey" and account.logged_in
    assert mode == 0o600
    assert stored == {"auth_mode": "apikey", "OPENAI_API_KEY": KEY}
    assert scripted_model.requests[-1].headers["authorization"] == f"Bearer {KEY}"
    assert not after.logged_in and not auth_file.exists()
    for text in (caplog.text, repr(account), repr(after)):
        assert KEY not in text


async def test_device_code_login_completes_against_the_issuer(
    login_orch: Orchestra, issuer: FakeIssuer
) -> None:
    with trio.fail_after(TIMEOUT):
        async with await login_orch.login_device_code() as flow:
            assert flow.user_code == USER_CODE
            assert flow.verification_url == f"{issuer.url}/codex/device"
            issuer.approve()  # the user signs in elsewhere and enters the code
            completed = await flow.wait()
        account = await login_orch.account()

    assert isinstance(completed, AccountLoginCompletedNotification) and completed.success
    assert completed.login_id == flow.login_id
    assert (account.auth_mode, account.email, account.plan_type) == ("chatgpt", EMAIL, PLAN)
    stored = json.loads((login_orch.home.path / "auth.json").read_text())
    assert stored["auth_mode"] == "chatgpt" and stored["tokens"]["account_id"] == "acct-1"
    assert stat.S_IMODE((login_orch.home.path / "auth.json").stat().st_mode) == 0o600


def _browser(auth_url: str) -> int:
    """What the user's browser does after signing in: follow the redirect back to the runtime."""
    query = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(auth_url).query))
    callback = (
        f"{query['redirect_uri']}?{urllib.parse.urlencode({'code': 'code-1', 'state': query['state']})}"
    )
    with urllib.request.urlopen(callback, timeout=30) as response:  # follows to /success
        return int(response.status)


async def test_browser_login_completes_through_the_callback(
    login_orch: Orchestra, issuer: FakeIssuer
) -> None:
    with trio.fail_after(TIMEOUT):
        async with await login_orch.login_chatgpt() as flow:
            assert flow.auth_url is not None and flow.auth_url.startswith(f"{issuer.url}/oauth/authorize?")
            status = await trio.to_thread.run_sync(_browser, flow.auth_url)
            completed = await flow.wait()
        account = await login_orch.account()

    assert status == 200 and completed.success
    assert issuer.token_forms[0]["grant_type"] == "authorization_code"
    assert (account.auth_mode, account.plan_type) == ("chatgpt", PLAN)


async def test_cancelled_login_completes_without_success(login_orch: Orchestra) -> None:
    with trio.fail_after(TIMEOUT):
        async with await login_orch.login_chatgpt() as flow:
            assert await flow.cancel() == "canceled"
            completed = await flow.wait(check=False)
            with pytest.raises(LoginFailedError, match="did not succeed"):
                await flow.wait()
        account = await login_orch.account()
    assert not completed.success and completed.login_id == flow.login_id
    assert not account.logged_in


async def test_a_key_given_to_login_stays_masked_while_the_runtimes_use_it(
    login_orch: Orchestra, scripted_model: ScriptedModel, workdir: Path
) -> None:
    """Not key-shaped, so only the registry of live secrets can mask it, and the caller's own
    reference is gone: the orchestra must hold it as long as the runtimes may echo it."""
    key = "azure-LOGINCANARY-0123456789"
    scripted_model.enqueue(reply.http_error(401, f"invalid api key {key}"))
    with trio.fail_after(TIMEOUT):
        await login_orch.login_api_key(key)
        gc.collect()
        async with login_orch.conversation(cwd=str(workdir), turn_retry=RetryPolicy.never()) as conv:
            result = await conv.run("hi")
    assert result.status == "failed" and "invalid api key" in str(result.error)
    assert key not in str(result.error) and key not in repr(result)


async def test_waiting_on_a_closed_flow_is_a_login_error(login_orch: Orchestra) -> None:
    with trio.fail_after(TIMEOUT):
        async with await login_orch.login_chatgpt() as flow:
            await flow.cancel()
        with pytest.raises(LoginFailedError, match="before the flow was closed"):
            await flow.wait()  # trio.ClosedResourceError before


@pytest.mark.parametrize("key", ["", "   "])
async def test_an_empty_api_key_is_refused_before_any_runtime_sees_it(orch: Orchestra, key: str) -> None:
    with trio.fail_after(TIMEOUT), pytest.raises(LoginFailedError, match="the key is empty"):
        await orch.login_api_key(key)
