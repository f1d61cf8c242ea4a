"""Base URL resolution, endpoint URLs and credentials, as the Codex CLI does them."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import pytest

from orchestra._secret import Secret
from orchestra.cloud import (
    BASE_URL_ENV,
    DEFAULT_BASE_URL,
    CloudAuth,
    CloudClient,
    CloudConfigError,
    Endpoints,
    account_id_from_jwt,
    normalize_base_url,
    parse_task_id,
    path_style_for,
    resolve_base_url,
)
from orchestra.testing.fake_cloud import fake_jwt


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("https://chatgpt.com", "https://chatgpt.com/backend-api"),
        ("https://chatgpt.com/", "https://chatgpt.com/backend-api"),
        ("https://chat.openai.com///", "https://chat.openai.com/backend-api"),
        ("https://chatgpt.com/backend-api/", "https://chatgpt.com/backend-api"),
        ("http://127.0.0.1:8080/backend-api", "http://127.0.0.1:8080/backend-api"),
        ("https://example.com/codex/", "https://example.com/codex"),
        ("http://chatgpt.com", "http://chatgpt.com"),  # only the https hosts are rewritten
    ],
)
def test_normalize_base_url(given: str, expected: str) -> None:
    assert normalize_base_url(given) == expected


def test_path_style_follows_backend_api() -> None:
    assert path_style_for("https://chatgpt.com/backend-api") == "wham"
    assert path_style_for("http://127.0.0.1:9/x/backend-api") == "wham"
    assert path_style_for("http://127.0.0.1:9") == "codex-api"


def test_resolution_order(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    assert resolve_base_url(env={}, codex_home=home) == DEFAULT_BASE_URL
    (home / "config.toml").write_text('chatgpt_base_url = "https://chatgpt.com"\nmodel = "x"\n')
    assert resolve_base_url(env={}, codex_home=home) == "https://chatgpt.com/backend-api"
    env = {BASE_URL_ENV: "http://127.0.0.1:1234/"}
    assert resolve_base_url(env=env, codex_home=home) == "http://127.0.0.1:1234"
    assert (
        resolve_base_url("http://explicit:1/backend-api", env=env, codex_home=home)
        == "http://explicit:1/backend-api"
    )


def test_resolution_reads_codex_home_from_env(tmp_path: Path) -> None:
    (tmp_path / "config.toml").write_text('chatgpt_base_url = "http://10.0.0.1:9/backend-api"\n')
    assert resolve_base_url(env={"CODEX_HOME": str(tmp_path)}) == "http://10.0.0.1:9/backend-api"


def test_bad_base_urls_are_config_errors(tmp_path: Path) -> None:
    with pytest.raises(CloudConfigError):
        resolve_base_url("ftp://host/x", env={}, codex_home=tmp_path)
    (tmp_path / "config.toml").write_text("this is = = not toml")
    with pytest.raises(CloudConfigError):
        resolve_base_url(env={}, codex_home=tmp_path)


def test_endpoints_wham_style() -> None:
    e = Endpoints.for_base("https://chatgpt.com")
    assert e.style == "wham"
    assert e.create_task() == "https://chatgpt.com/backend-api/wham/tasks"
    assert e.task("task_e_1") == "https://chatgpt.com/backend-api/wham/tasks/task_e_1"
    assert (
        e.sibling_turns("t", "turn_1")
        == "https://chatgpt.com/backend-api/wham/tasks/t/turns/turn_1/sibling_turns"
    )
    assert e.environments() == "https://chatgpt.com/backend-api/wham/environments"
    assert (
        e.environments_by_repo("acme", "widgets")
        == "https://chatgpt.com/backend-api/wham/environments/by-repo/github/acme/widgets"
    )
    assert e.usage() == "https://chatgpt.com/backend-api/wham/usage"
    assert e.tasks_list() == "https://chatgpt.com/backend-api/wham/tasks/list?task_filter=current"
    assert (
        e.tasks_list(limit=5, environment_id="env 1", cursor="c/2")
        == "https://chatgpt.com/backend-api/wham/tasks/list?limit=5&task_filter=current&cursor=c%2F2&environment_id=env+1"
    )
    assert e.task_web_url("task_e_1") == "https://chatgpt.com/codex/tasks/task_e_1"


def test_endpoints_codex_api_style() -> None:
    e = Endpoints.for_base("http://127.0.0.1:5000/")
    assert e.style == "codex-api"
    assert e.task("task_e_1") == "http://127.0.0.1:5000/api/codex/tasks/task_e_1"
    assert e.tasks_list(limit=1) == "http://127.0.0.1:5000/api/codex/tasks/list?limit=1&task_filter=current"
    assert e.usage() == "http://127.0.0.1:5000/api/codex/usage"
    assert e.task_web_url("x") == "http://127.0.0.1:5000/codex/tasks/x"


def test_ids_are_escaped_into_one_path_segment() -> None:
    e = Endpoints.for_base("https://chatgpt.com")
    assert e.task("../usage") == "https://chatgpt.com/backend-api/wham/tasks/..%2Fusage"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("task_e_123", "task_e_123"),
        ("  task_e_123 ", "task_e_123"),
        ("https://chatgpt.com/codex/tasks/task_e_9?tab=diff#top", "task_e_9"),
        ("https://chatgpt.com/codex/tasks/task_e_9/", "task_e_9"),
    ],
)
def test_parse_task_id(raw: str, expected: str) -> None:
    assert parse_task_id(raw) == expected


def test_parse_task_id_rejects_empty() -> None:
    with pytest.raises(ValueError):
        parse_task_id("  ")


def _jwt(payload: object) -> str:
    body = base64.urlsafe_b64encode(json.dumps(payload).encode()).decode().rstrip("=")
    return f"eyJhbGciOiJub25lIn0.{body}.sig"


def test_account_id_from_jwt() -> None:
    assert account_id_from_jwt(fake_jwt("acct-42")) == "acct-42"
    assert account_id_from_jwt(_jwt({"https://api.openai.com/auth": {"chatgpt_account_id": "a-1"}})) == "a-1"
    assert account_id_from_jwt(_jwt({"sub": "x"})) is None
    assert account_id_from_jwt(_jwt(["not", "an", "object"])) is None
    assert account_id_from_jwt("not-a-jwt") is None
    assert account_id_from_jwt("a.!!!.c") is None


def _write_auth(home: Path, tokens: dict[str, object]) -> None:
    home.mkdir(parents=True, exist_ok=True)
    (home / "auth.json").write_text(json.dumps({"auth_mode": "chatgpt", "tokens": tokens}))


def test_auth_from_codex_home_with_account_id(tmp_path: Path) -> None:
    _write_auth(tmp_path, {"access_token": "tok-secret-value", "account_id": "acct-1"})
    auth = CloudAuth.from_codex_home(tmp_path)
    assert auth.account_id == "acct-1"
    assert auth.headers() == {"Authorization": "Bearer tok-secret-value", "ChatGPT-Account-Id": "acct-1"}
    assert "tok-secret-value" not in repr(auth)


def test_auth_account_id_falls_back_to_jwt_claim(tmp_path: Path) -> None:
    token = fake_jwt("acct-from-claim")
    _write_auth(tmp_path, {"access_token": token})
    assert CloudAuth.from_codex_home(tmp_path).account_id == "acct-from-claim"


def test_auth_without_account_sends_no_account_header() -> None:
    auth = CloudAuth.from_token("opaque-token")
    assert auth.account_id is None
    assert auth.headers() == {"Authorization": "Bearer opaque-token"}


def test_auth_errors(tmp_path: Path) -> None:
    with pytest.raises(CloudConfigError, match="not signed in"):
        CloudAuth.from_codex_home(tmp_path / "missing")
    (tmp_path / "auth.json").write_text(json.dumps({"OPENAI_API_KEY": "sk-abcdefghijklmnop"}))
    with pytest.raises(CloudConfigError, match="ChatGPT") as info:
        CloudAuth.from_codex_home(tmp_path)
    assert "sk-abcdefghijklmnop" not in str(info.value)
    (tmp_path / "auth.json").write_text("{not json")
    with pytest.raises(CloudConfigError, match="cannot read"):
        CloudAuth.from_codex_home(tmp_path)
    with pytest.raises(CloudConfigError):
        CloudAuth.from_token(Secret("  "))


def test_client_from_codex_home(tmp_path: Path) -> None:
    _write_auth(tmp_path, {"access_token": "tok-123456789", "account_id": "acct-1"})
    (tmp_path / "config.toml").write_text('chatgpt_base_url = "http://127.0.0.1:9/backend-api"\n')
    client = CloudClient.from_codex_home(tmp_path, env={})
    assert client.base_url == "http://127.0.0.1:9/backend-api"
    assert client.path_style == "wham"
    assert client.account_id == "acct-1"
    assert "tok-123456789" not in repr(client)
    explicit = CloudClient.from_codex_home(tmp_path, token="other-token", account_id="acct-2", env={})
    assert explicit.account_id == "acct-2"
    overridden = CloudClient.from_codex_home(tmp_path, account_id="acct-3", env={BASE_URL_ENV: "http://h:1"})
    assert (overridden.account_id, overridden.path_style) == ("acct-3", "codex-api")
