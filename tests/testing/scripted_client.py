"""A tiny stdlib HTTP client for talking to the scripted model in tests."""

from __future__ import annotations

import http.client
import json
from typing import Any
from urllib.parse import urlsplit

import attrs

from orchestra.testing.model_server import ScriptedModel
from orchestra.testing.sse import parse_sse

SECRET = "sk-test-SECRET-value-123"


@attrs.frozen
class Response:
    status: int
    headers: dict[str, str]
    body: bytes

    @property
    def events(self) -> list[dict[str, Any]]:
        return parse_sse(self.body)

    @property
    def types(self) -> list[str]:
        return [event["type"] for event in self.events]

    @property
    def json(self) -> Any:
        return json.loads(self.body)


def user_body(text: str = "hello", **extra: Any) -> dict[str, Any]:
    """A minimal Responses API request body with one user message."""
    return {
        "model": "scripted-model",
        "stream": True,
        "input": [{"type": "message", "role": "user", "content": [{"type": "input_text", "text": text}]}],
        **extra,
    }


def connect(model: ScriptedModel, timeout: float = 10.0) -> http.client.HTTPConnection:
    parts = urlsplit(model.url)
    assert parts.hostname is not None and parts.port is not None
    return http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)


def request(
    model: ScriptedModel,
    body: bytes | str | dict[str, Any] | list[Any] | None = None,
    *,
    method: str = "POST",
    path: str = "/v1/responses",
    headers: dict[str, str] | None = None,
    conn: http.client.HTTPConnection | None = None,
) -> Response:
    """Send one request and read the whole answer (SSE bodies included)."""
    own = conn is None
    connection = conn or connect(model)
    if isinstance(body, dict | list):
        payload: bytes | None = json.dumps(body).encode()
    elif isinstance(body, str):
        payload = body.encode()
    else:
        payload = body
    all_headers = {"content-type": "application/json", "authorization": f"Bearer {SECRET}"}
    all_headers.update({name.lower(): value for name, value in (headers or {}).items()})
    try:
        connection.request(method, path, body=payload, headers=all_headers)
        answer = connection.getresponse()
        data = answer.read()
        return Response(answer.status, {k.lower(): v for k, v in answer.getheaders()}, data)
    finally:
        if own:
            connection.close()


def post(model: ScriptedModel, text: str = "hello", **kwargs: Any) -> Response:
    return request(model, user_body(text), **kwargs)
