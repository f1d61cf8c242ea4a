"""JSON scripts and the ``python -m orchestra.testing.model_server`` command."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from scripted_client import SECRET, post

import orchestra
from orchestra.testing import reply
from orchestra.testing.model_server import ScriptedModel
from orchestra.testing.script import ScriptError, apply_script, load_script, reply_from_json

REPO = Path(orchestra.__file__).resolve().parent.parent


@pytest.fixture
def model() -> Iterator[ScriptedModel]:
    with ScriptedModel() as scripted:
        yield scripted


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ({"text": "hi", "chunks": 2}, reply.text("hi", chunks=2)),
        ({"shell": "ls", "arguments": {"workdir": "/w"}}, reply.shell("ls", workdir="/w")),
        ({"shell": "ls", "call_id": "c1"}, reply.shell("ls", call_id="c1")),
        ({"apply_patch": "P"}, reply.apply_patch("P")),
        ({"function_call": "f", "arguments": {"a": 1}}, reply.function_call("f", {"a": 1})),
        ({"custom_tool_call": "t", "input": "x"}, reply.custom_tool_call("t", "x")),
        ({"combine": [{"text": "a"}, {"shell": "b"}]}, reply.combine(reply.text("a"), reply.shell("b"))),
        ({"failed": "boom", "code": "c"}, reply.failed("boom", code="c")),
        ({"http_error": 401, "message": "bad key"}, reply.http_error(401, "bad key")),
        ({"http_error": 429, "retry_after": 2}, reply.http_error(429, retry_after=2)),
        ({"usage_limit": True}, reply.usage_limit()),
        ({"usage_limit": {"resets_at": 5}}, reply.usage_limit(resets_at=5)),
        ({"text": "x", "cut_after": 2}, reply.cut(after=2, reply=reply.text("x"))),
        ({"text": "x", "abort": True}, reply.cut(reply=reply.text("x"), abort=True)),
        ({"text": "x", "latency_ms": 100, "between_events_ms": 10}, reply.text("x").with_latency(0.1, 0.01)),
        ({"text": "x", "headers": {"a": "b"}}, reply.text("x").with_headers(a="b")),
        ({"text": "x", "usage": {"input_tokens": 3}}, reply.text("x").with_usage(input_tokens=3)),
    ],
)
def test_reply_from_json(data: dict[str, Any], expected: reply.Reply) -> None:
    assert reply_from_json(data) == expected


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ("text", "a reply is a JSON object"),
        ({}, "needs exactly one of"),
        ({"text": "a", "shell": "b"}, "needs exactly one of"),
        ({"text": "a", "colour": "red"}, "unknown keys"),
        ({"text": 3}, "expected str"),
        ({"http_error": "500"}, "expected int"),
        ({"http_error": True}, "expected int"),
        ({"http_error": 500, "cut_after": 1}, "stream replies"),
        ({"usage_limit": {"when": 1}}, "usage_limit"),
        ({"combine": [{"http_error": 500}]}, "combine takes stream replies"),
    ],
)
def test_reply_from_json_errors(data: Any, message: str) -> None:
    with pytest.raises(ScriptError, match=message):
        reply_from_json(data)


def test_apply_script_full_form(model: ScriptedModel) -> None:
    apply_script(
        model,
        {
            "replies": [{"text": "first"}],
            "rules": [
                {"when_user_says": "deploy", "replies": [{"text": "deployed"}], "always": {"text": "again"}}
            ],
            "rate_limits": {
                "primary": {"used_percent": 42, "window_minutes": 300},
                "credits": {"has_credits": True, "balance": "1.00"},
            },
            "headers": {"x-extra": "yes"},
            "latency_ms": 1,
            "default": None,
        },
    )
    assert post(model, "deploy").events[-2]["item"]["content"][0]["text"] == "deployed"
    assert post(model, "deploy").events[-2]["item"]["content"][0]["text"] == "again"
    answer = post(model, "other")
    assert answer.events[-2]["item"]["content"][0]["text"] == "first"
    assert answer.headers["x-codex-primary-used-percent"] == "42"
    assert answer.headers["x-codex-credits-balance"] == "1.00"
    assert answer.headers["x-extra"] == "yes"
    assert model.latency.first_byte == pytest.approx(0.001)
    assert post(model, "unscripted").status == 500  # "default": null


def test_apply_script_list_form_and_errors(model: ScriptedModel, tmp_path: Path) -> None:
    apply_script(model, [{"text": "a"}, {"text": "b"}])
    assert model.pending == 2
    for bad, message in [
        (42, "JSON object or a list"),
        ({"replys": []}, "unknown top-level"),
        ({"default": "silence"}, "default"),
        ({"replies": [{"text": "ok"}, {"nope": 1}]}, r"replies\[1\]"),
    ]:
        with pytest.raises(ScriptError, match=message):
            apply_script(model, bad)
    assert model.pending == 2  # a bad script changes nothing
    broken = tmp_path / "broken.json"
    broken.write_text("{")
    with pytest.raises(ScriptError, match="not valid JSON"):
        load_script(model, broken)


def _start_cli(*args: str) -> tuple[subprocess.Popen[str], str]:
    env = dict(os.environ, PYTHONPATH=str(REPO))
    proc = subprocess.Popen(
        [sys.executable, "-m", "orchestra.testing.model_server", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        cwd=REPO,
    )
    assert proc.stdout is not None
    base_url = proc.stdout.readline().strip()
    return proc, base_url


class _Remote(ScriptedModel):
    """Points the test client at a server running in another process."""

    def __init__(self, base_url: str) -> None:
        super().__init__()
        self._remote = base_url.removesuffix("/v1")

    @property
    def url(self) -> str:
        return self._remote


def test_cli_serves_a_script_until_interrupted(tmp_path: Path) -> None:
    script = tmp_path / "script.json"
    script.write_text(json.dumps({"replies": [{"text": "scripted hello"}, {"http_error": 401}]}))
    proc, base_url = _start_cli("--script", str(script), "--latency-ms", "1")
    try:
        assert base_url.startswith("http://127.0.0.1:") and base_url.endswith("/v1")
        remote = _Remote(base_url)
        assert post(remote).events[-2]["item"]["content"][0]["text"] == "scripted hello"
        assert post(remote).status == 401
        assert post(remote, "then echo").events[-2]["item"]["content"][0]["text"] == "ECHO: then echo"
        proc.send_signal(signal.SIGINT)
        _, stderr = proc.communicate(timeout=10)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate(timeout=10)
    assert proc.returncode == 0
    lines = stderr.splitlines()
    assert len(lines) == 3 and "[queue] text('scripted hello')" in lines[0]
    assert "[default]" in lines[2]
    assert SECRET not in stderr


def test_cli_stops_on_sigterm_and_rejects_bad_scripts(tmp_path: Path) -> None:
    proc, base_url = _start_cli("--quiet")
    try:
        assert base_url.endswith("/v1")
        proc.terminate()
        proc.communicate(timeout=10)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate(timeout=10)
    assert proc.returncode == 0

    bad = tmp_path / "bad.json"
    bad.write_text('{"replies": [{"txt": "typo"}]}')
    env = dict(os.environ, PYTHONPATH=str(REPO))
    done = subprocess.run(
        [sys.executable, "-m", "orchestra.testing.model_server", "--script", str(bad)],
        capture_output=True,
        text=True,
        env=env,
        timeout=30,
        stdin=subprocess.DEVNULL,
    )
    assert done.returncode == 2
    assert "needs exactly one of" in done.stderr
