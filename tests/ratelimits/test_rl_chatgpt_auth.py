"""The fake ChatGPT login: the auth.json shape, and the real runtime reading /wham/usage through it."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from orchestra.ratelimits import (
    Credits,
    RateLimitWindow,
    fake_jwt,
    jwt_payload,
    snapshots_from_read_result,
    snapshots_from_wham_usage,
    wham_usage_body,
    write_chatgpt_auth,
)

from .conftest import T0, at


def test_auth_json_shape(tmp_path: Path) -> None:
    path = write_chatgpt_auth(
        tmp_path / "home", account_id="acct-7", user_id="user-7", plan_type="plus", now=T0
    )
    assert path == tmp_path / "home" / "auth.json"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    body = json.loads(path.read_text())
    assert body["auth_mode"] == "chatgpt"
    assert body["OPENAI_API_KEY"] is None
    assert body["last_refresh"] == "2025-09-20T08:41:00Z"
    tokens = body["tokens"]
    assert set(tokens) == {"id_token", "access_token", "refresh_token", "account_id"}
    assert tokens["account_id"] == "acct-7"
    for name in ("id_token", "access_token"):
        parts = tokens[name].split(".")
        assert len(parts) == 3 and all(parts), "the runtime needs three non-empty parts"
        assert not any(part.endswith("=") for part in parts), "base64url without padding"
    claims = jwt_payload(tokens["id_token"])["https://api.openai.com/auth"]
    assert claims == {
        "chatgpt_account_id": "acct-7",
        "chatgpt_plan_type": "plus",
        "chatgpt_user_id": "user-7",
        "user_id": "user-7",
    }
    access = jwt_payload(tokens["access_token"])
    assert access["exp"] > int((T0 + timedelta(days=8)).timestamp())  # never stale to the runtime


def test_an_existing_auth_json_is_replaced_and_tightened(tmp_path: Path) -> None:
    path = tmp_path / "auth.json"
    path.write_text('{"auth_mode": "apikey"}')
    path.chmod(0o644)
    write_chatgpt_auth(tmp_path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert json.loads(path.read_text())["auth_mode"] == "chatgpt"


def test_fake_jwt_round_trip() -> None:
    token = fake_jwt({"a": 1, "nested": {"b": "ü"}})
    assert jwt_payload(token) == {"a": 1, "nested": {"b": "ü"}}
    header = json.loads(__import__("base64").urlsafe_b64decode(token.split(".")[0] + "=="))
    assert header == {"alg": "none", "typ": "JWT"}
    with pytest.raises(ValueError):
        jwt_payload("a..c")


def test_wham_usage_body_parses_back() -> None:
    body = wham_usage_body(primary=(42, 300, at(60)), secondary=(7, 10080, at(days=1)), now=T0)
    assert body["rate_limit"]["primary_window"] == {
        "used_percent": 42,
        "limit_window_seconds": 18000,
        "reset_after_seconds": 3600,
        "reset_at": int(at(60).timestamp()),
    }
    (snapshot,) = snapshots_from_wham_usage(body, observed_at=T0)
    assert snapshot.primary == RateLimitWindow(42.0, 300, at(60))
    assert snapshot.secondary == RateLimitWindow(7.0, 10080, at(days=1))
    assert snapshot.credits == Credits(True, False, "12.50")
    reached = wham_usage_body(primary=(100, 300, at(60)), credits=None, limit_reached=True, now=T0)
    (snapshot,) = snapshots_from_wham_usage(reached, observed_at=T0)
    assert snapshot.rate_limit_reached_type == "rate_limit_reached"
    assert snapshot.credits is None and snapshot.secondary is None


# -- against the real runtime ---------------------------------------------------------------------


def _codex_binary() -> str:
    codex_cli_bin = pytest.importorskip("codex_cli_bin")
    path = str(codex_cli_bin.bundled_codex_path())
    if not os.access(path, os.X_OK):
        pytest.skip("the bundled codex binary is not executable here")
    return path


@pytest.fixture
def usage_backend() -> Iterator[tuple[str, dict[str, Any], list[tuple[str, str | None]]]]:
    """A fake ChatGPT backend that answers GET /backend-api/wham/usage; yields (base url, body, seen)."""
    now = datetime.now(UTC)
    body = wham_usage_body(
        primary=(42, 300, now + timedelta(hours=1)),
        secondary=(7, 10080, now + timedelta(days=1)),
        now=now,
        account_id="acct-e2e",
    )
    seen: list[tuple[str, str | None]] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            seen.append((self.path, self.headers.get("chatgpt-account-id")))
            if self.path != "/backend-api/wham/usage":
                self.send_error(404)
                return
            data = json.dumps(body).encode()
            self.send_response(200)
            self.send_header("content-type", "application/json")
            self.send_header("content-length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/backend-api", body, seen
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


@pytest.mark.runtime
def test_the_runtime_reads_rate_limits_through_the_fake_login(
    tmp_path: Path, usage_backend: tuple[str, dict[str, Any], list[tuple[str, str | None]]]
) -> None:
    binary = _codex_binary()
    base_url, body, seen = usage_backend
    home = tmp_path / "codex-home"
    write_chatgpt_auth(home, account_id="acct-e2e")
    (home / "config.toml").write_text(f'chatgpt_base_url = "{base_url}"\n')
    env = {key: value for key, value in os.environ.items() if key not in ("OPENAI_API_KEY", "CODEX_API_KEY")}
    env["CODEX_HOME"] = str(home)
    process = subprocess.Popen(
        [binary, "app-server", "--listen", "stdio://"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        env=env,
        cwd=tmp_path,
        text=True,
    )
    assert process.stdin is not None and process.stdout is not None
    timer = threading.Timer(60, process.kill)  # never hang the suite on a stuck runtime
    timer.start()
    try:

        def request(id_: int, method: str, params: dict[str, Any] | None = None) -> dict[str, Any]:
            message: dict[str, Any] = {"id": id_, "method": method}
            if params is not None:
                message["params"] = params
            assert process.stdin is not None and process.stdout is not None
            process.stdin.write(json.dumps(message) + "\n")
            process.stdin.flush()
            for line in process.stdout:
                reply = json.loads(line)
                if reply.get("id") == id_:
                    return reply  # type: ignore[no-any-return]
            pytest.fail(f"the runtime exited before answering {method}")

        init = {"clientInfo": {"name": "orchestra-test", "title": "t", "version": "0"}, "capabilities": {}}
        assert "result" in request(1, "initialize", init)
        process.stdin.write(json.dumps({"method": "initialized"}) + "\n")
        process.stdin.flush()
        reply = request(2, "account/rateLimits/read")
    finally:
        timer.cancel()
        process.kill()
        process.wait(10)
    assert "result" in reply, reply
    (snapshot,) = snapshots_from_read_result(reply["result"], observed_at=datetime.now(UTC), source="e2e")
    primary_reset = body["rate_limit"]["primary_window"]["reset_at"]
    assert snapshot.primary is not None
    assert snapshot.primary.used_percent == 42
    assert snapshot.primary.window_minutes == 300
    assert snapshot.primary.resets_at is not None
    assert abs(snapshot.primary.resets_at.timestamp() - primary_reset) <= 5
    assert snapshot.secondary is not None and snapshot.secondary.window_minutes == 10080
    assert snapshot.plan_type == "pro"
    assert snapshot.credits == Credits(True, False, "12.50")
    assert ("/backend-api/wham/usage", "acct-e2e") in seen
