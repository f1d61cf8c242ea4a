"""A fake OAuth issuer for the runtime's ChatGPT logins, on 127.0.0.1 (tests only).

The runtime's app-server takes its issuer from ``CODEX_APP_SERVER_LOGIN_ISSUER``. This server
answers what codex 0.163 asks of it (``codex-rs/login``): the device-code endpoints
``POST /api/accounts/deviceauth/usercode`` (``{device_auth_id, user_code, interval}``, interval a
string) and ``POST /api/accounts/deviceauth/token`` (403 while pending, then
``{authorization_code, code_challenge, code_verifier}``), and ``POST /oauth/token``: the code
exchange (``{id_token, access_token, refresh_token}``, the id token a JWT whose
``https://api.openai.com/auth`` claim names the plan and account) and, for the browser flow, the
token exchange for an API key, which is refused (the runtime goes on without one). After a login
the runtime checks the account at ``{chatgpt_base_url}/wham/accounts/check``; that is served too
(``backend_url``).
"""

from __future__ import annotations

import json
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from orchestra.ratelimits._chatgpt_auth import AUTH_CLAIM, fake_jwt

USER_CODE = "ORCH-1234"
EMAIL = "tester@example.invalid"
PLAN = "plus"


class FakeIssuer:
    """``with FakeIssuer() as issuer:`` serves until the block ends; ``issuer.url`` is its base."""

    def __init__(self) -> None:
        self.approved = threading.Event()
        self.requests: list[tuple[str, str]] = []  # (method, path)
        self.token_forms: list[dict[str, str]] = []
        issuer = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: Any) -> None:
                pass

            def do_GET(self) -> None:
                issuer.requests.append(("GET", self.path))
                if self.path.split("?", 1)[0] == "/backend-api/wham/accounts/check":
                    account = {
                        "id": "acct-1",
                        "name": "Test",
                        "structure": "personal",
                        "workspace_backend_origin": "https://chatgpt.com",
                        "account_routing_override": "NO_CONSTRAINT",
                    }
                    body = {
                        "accounts": [account],
                        "account_ordering": ["acct-1"],
                        "default_account_id": "acct-1",
                    }
                    self._json(200, body)
                else:
                    self._json(404, {"error": "not_found"})

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length).decode()
                issuer.requests.append(("POST", self.path))
                path = self.path.split("?", 1)[0]
                if path == "/api/accounts/deviceauth/usercode":
                    self._json(200, {"device_auth_id": "dev-1", "user_code": USER_CODE, "interval": "1"})
                elif path == "/api/accounts/deviceauth/token":
                    if issuer.approved.is_set():
                        answer = {"authorization_code": "ac-1", "code_challenge": "cc", "code_verifier": "cv"}
                        self._json(200, answer)
                    else:
                        self._json(403, {"error": "authorization_pending"})
                elif path == "/oauth/token":
                    form = dict(urllib.parse.parse_qsl(body))
                    issuer.token_forms.append(form)
                    if form.get("grant_type") == "authorization_code":
                        self._json(200, issuer.tokens())
                    else:
                        self._json(400, {"error": "unsupported_grant_type"})
                else:
                    self._json(404, {"error": "not_found"})

            def _json(self, status: int, body: dict[str, Any]) -> None:
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    @property
    def backend_url(self) -> str:
        """For ``chatgpt_base_url``: after a ChatGPT login the runtime checks the account here."""
        return f"{self.url}/backend-api"

    def approve(self) -> None:
        """The user entered the code and signed in: the next token poll succeeds."""
        self.approved.set()

    def tokens(self) -> dict[str, str]:
        now = int(time.time())
        auth = {"chatgpt_account_id": "acct-1", "chatgpt_plan_type": PLAN, "chatgpt_user_id": "user-1"}
        claims = {"email": EMAIL, "iat": now, "exp": now + 3600, AUTH_CLAIM: auth}
        return {
            "id_token": fake_jwt(claims),
            "access_token": fake_jwt({"iat": now, "exp": now + 3600, AUTH_CLAIM: auth}),
            "refresh_token": "rt-fake",
        }

    def __enter__(self) -> FakeIssuer:
        self._thread.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join()
