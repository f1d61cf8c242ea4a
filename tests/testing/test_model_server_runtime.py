"""The scripted model driving the real Codex runtime: one ``codex exec --json`` per run.

The CODEX_HOME fixture here is deliberately local and small; the project's shared fixture will
replace it.
"""

from __future__ import annotations

import glob
import json
import os
import subprocess
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import attrs
import pytest

from orchestra.testing import reply
from orchestra.testing.model_server import ScriptedModel
from orchestra.testing.rate_limits import Credits, RateLimitWindow, rate_limit_headers

pytestmark = pytest.mark.runtime

API_KEY = "sk-scripted-test-key"
MODEL = "scripted-model"
EXEC_TIMEOUT = 60

CONFIG = """\
model = "{model}"
model_provider = "scripted"
model_catalog_json = "{catalog}"
approval_policy = "never"
sandbox_mode = "{sandbox}"
check_for_update_on_startup = false
[model_providers.scripted]
name = "scripted"
base_url = "{base_url}"
env_key = "SCRIPTED_API_KEY"
wire_api = "responses"
request_max_retries = 0
stream_max_retries = 0
[analytics]
enabled = false
[feedback]
enabled = false
[otel]
exporter = "none"
[features]
plugins = false
remote_plugin = false
shell_snapshot = false
apps = false
tool_suggest = false
unbounded_connection_retries = false
"""


@pytest.fixture(scope="module")
def codex_path() -> Path:
    try:
        import codex_cli_bin
    except ImportError:
        pytest.skip("openai-codex-cli-bin is not installed")
    path = Path(codex_cli_bin.bundled_codex_path())
    if not path.exists():
        pytest.skip(f"codex binary missing at {path}")
    return path


@pytest.fixture(scope="module")
def model_catalog(codex_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A catalog naming our model, so the runtime offers ``apply_patch`` and stops warning."""
    home = tmp_path_factory.mktemp("catalog-home")
    done = subprocess.run(
        [str(codex_path), "debug", "models"],
        capture_output=True,
        text=True,
        env={**os.environ, "CODEX_HOME": str(home)},
        timeout=EXEC_TIMEOUT,
        stdin=subprocess.DEVNULL,
    )
    assert done.returncode == 0, done.stderr
    # "code_mode_only" models get no `tools` in their requests: take one with classic tools.
    entry = next(
        m
        for m in json.loads(done.stdout)["models"]
        if m.get("tool_mode") is None and m.get("apply_patch_tool_type") == "freeform"
    )
    entry.update(slug=MODEL, display_name=MODEL)
    catalog = home / "catalog.json"
    catalog.write_text(json.dumps({"models": [entry]}))
    return catalog


@attrs.frozen
class ExecRun:
    returncode: int
    events: list[dict[str, Any]]
    stderr: str
    workdir: Path
    home: Path

    def items(self, kind: str) -> list[dict[str, Any]]:
        return [e["item"] for e in self.events if e["type"] == "item.completed" and e["item"]["type"] == kind]

    @property
    def failure(self) -> str | None:
        failed = [e for e in self.events if e["type"] == "turn.failed"]
        return failed[0]["error"]["message"] if failed else None

    @property
    def thread_id(self) -> str:
        return str(next(e["thread_id"] for e in self.events if e["type"] == "thread.started"))


RunExec = Callable[..., ExecRun]


@pytest.fixture
def run_exec(codex_path: Path, model_catalog: Path, tmp_path: Path) -> RunExec:
    """``run_exec(model, prompt)``: one ``codex exec --json`` turn against ``model``."""
    counter = iter(range(1000))

    def run(model: ScriptedModel, prompt: str = "hello", sandbox: str = "danger-full-access") -> ExecRun:
        n = next(counter)
        home, work = tmp_path / f"home{n}", tmp_path / f"work{n}"
        home.mkdir()
        work.mkdir()
        (home / "config.toml").write_text(
            CONFIG.format(model=MODEL, catalog=model_catalog, sandbox=sandbox, base_url=model.base_url)
        )
        env = {k: v for k, v in os.environ.items() if not k.startswith(("CODEX_", "OPENAI_"))}
        env.update(CODEX_HOME=str(home), SCRIPTED_API_KEY=API_KEY)
        done = subprocess.run(
            [str(codex_path), "exec", "--json", "--skip-git-repo-check", "-C", str(work), prompt],
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            env=env,
            timeout=EXEC_TIMEOUT,
        )
        events = [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")]
        return ExecRun(done.returncode, events, done.stderr, work, home)

    return run


@pytest.fixture
def model() -> Iterator[ScriptedModel]:
    with ScriptedModel() as scripted:
        yield scripted


def test_text_reply_becomes_the_agent_message(model: ScriptedModel, run_exec: RunExec) -> None:
    model.enqueue(reply.text("Hello from the scripted model", chunks=5))
    run = run_exec(model, "say hello")
    assert run.returncode == 0, run.stderr
    assert [m["text"] for m in run.items("agent_message")] == ["Hello from the scripted model"]
    assert run.items("error") == []  # the catalog removed the "model metadata" warning
    assert "without active item" not in run.stderr  # every delta belonged to an added item
    (req,) = model.requests
    assert req.last_user_text == "say hello"
    assert req.model == MODEL and req.stream
    assert req.headers["authorization"] == f"Bearer {API_KEY}"
    assert req.thread_id == req.session_id == run.thread_id
    assert {"exec_command", "apply_patch"} <= set(req.tool_names)
    model.assert_all_used()


def test_shell_runs_and_the_follow_up_carries_its_output(model: ScriptedModel, run_exec: RunExec) -> None:
    model.enqueue(reply.shell("echo hi > f.txt", call_id="call_shell"), reply.text("made f.txt"))
    run = run_exec(model, "make a file")
    assert run.returncode == 0, run.stderr
    assert (run.workdir / "f.txt").read_text() == "hi\n"
    (command,) = run.items("command_execution")
    assert "echo hi > f.txt" in command["command"] and command["exit_code"] == 0
    assert [m["text"] for m in run.items("agent_message")] == ["made f.txt"]
    first, second = model.requests
    assert first.last_tool_output is None
    assert second.input[-1]["type"] == "function_call_output"
    assert second.input[-1]["call_id"] == "call_shell"
    assert "Process exited with code 0" in (second.last_tool_output or "")
    assert second.function_calls[-1]["name"] == "exec_command"
    assert second.last_user_text == "make a file"
    assert second.thread_id == first.thread_id


def test_default_echo_ends_a_shell_turn(model: ScriptedModel, run_exec: RunExec) -> None:
    model.enqueue(reply.shell("echo from-shell"))
    run = run_exec(model)
    assert run.returncode == 0, run.stderr
    (message,) = run.items("agent_message")
    assert message["text"].startswith("DONE: ") and "from-shell" in message["text"]


def test_apply_patch_adds_a_file(model: ScriptedModel, run_exec: RunExec) -> None:
    patch = "*** Begin Patch\n*** Add File: hello.txt\n+hello patch\n*** End Patch\n"
    model.enqueue(reply.apply_patch(patch, call_id="call_patch"), reply.text("patched"))
    run = run_exec(model, "add hello.txt")
    assert run.returncode == 0, run.stderr
    assert (run.workdir / "hello.txt").read_text() == "hello patch\n"
    (change,) = run.items("file_change")
    assert change["changes"][0]["kind"] == "add"
    follow_up = model.requests[1]
    assert follow_up.input[-1]["type"] == "custom_tool_call_output"
    assert follow_up.tool_output("call_patch") is not None
    assert "Success" in (follow_up.last_tool_output or "")


@pytest.mark.parametrize(
    ("scripted", "message"),
    [
        (
            reply.http_error(500),
            "We\u2019re currently experiencing high demand, which may cause temporary errors.",
        ),
        (reply.usage_limit(), "You\u2019ve hit your usage limit. Try again later."),
        (reply.http_error(401, "bad key"), "unexpected status 401 Unauthorized: bad key, url: {url}"),
        (reply.http_error(429), "exceeded retry limit, last status: 429 Too Many Requests"),
        (reply.cut(), "stream disconnected before completion: stream closed before response.completed"),
        (
            reply.cut(after=0),
            "stream disconnected before completion: stream closed before response.completed",
        ),
        (reply.failed("scripted failure"), "stream disconnected before completion: scripted failure"),
    ],
    ids=["500", "429-usage-limit", "401", "429-plain", "cut", "cut-at-once", "failed"],
)
def test_failures_fail_the_turn(
    model: ScriptedModel, run_exec: RunExec, scripted: reply.Reply, message: str
) -> None:
    model.enqueue(scripted)
    run = run_exec(model)
    assert run.returncode == 1
    assert run.failure == message.format(url=f"{model.base_url}/responses")
    assert len(model.requests) == 1  # retries are off in this config


def test_abort_mid_stream_is_a_transport_error(model: ScriptedModel, run_exec: RunExec) -> None:
    model.enqueue(reply.cut(abort=True))
    run = run_exec(model)
    assert run.returncode == 1
    assert (run.failure or "").startswith("stream disconnected before completion:")


def test_rate_limit_headers_are_accepted_and_recorded(model: ScriptedModel, run_exec: RunExec) -> None:
    model.default_headers = rate_limit_headers(
        primary=RateLimitWindow(used_percent=42.0, window_minutes=300, reset_at=1795480000),
        secondary=RateLimitWindow(used_percent=7.0, window_minutes=10080, reset_at=1795560000),
        credits=Credits(has_credits=True, unlimited=False, balance="12.50"),
    )
    run = run_exec(model)
    assert run.returncode == 0, run.stderr
    assert run.failure is None
    (rollout,) = glob.glob(str(run.home / "sessions" / "**" / "rollout-*.jsonl"), recursive=True)
    limits = [
        json.loads(line)["payload"]["rate_limits"]
        for line in Path(rollout).read_text().splitlines()
        if '"token_count"' in line and '"rate_limits"' in line
    ]
    assert limits, "the rollout has no token_count with rate_limits"
    assert limits[-1]["primary"] == {"used_percent": 42.0, "window_minutes": 300, "resets_at": 1795480000}
    assert limits[-1]["secondary"]["window_minutes"] == 10080
    assert limits[-1]["credits"] == {"has_credits": True, "unlimited": False, "balance": "12.50"}


def test_latency_slows_the_turn_down(model: ScriptedModel, run_exec: RunExec) -> None:
    model.enqueue(reply.text("slow", chunks=2).with_latency(first_byte=0.3, between_events=0.05))
    started = time.monotonic()
    run = run_exec(model)
    assert run.returncode == 0, run.stderr
    assert time.monotonic() - started >= 0.3 + 4 * 0.05


def test_rules_answer_concurrent_conversations(
    model: ScriptedModel, codex_path: Path, model_catalog: Path, tmp_path: Path
) -> None:
    """Two runtimes at once; each request finds its reply by content, whatever the order."""
    names = ["alpha", "beta"]
    for name in names:
        model.when(name).respond(reply.shell(f"echo {name} > {name}.txt"), reply.text(f"{name} done"))
    procs = []
    for name in names:
        home, work = tmp_path / f"home-{name}", tmp_path / f"work-{name}"
        home.mkdir()
        work.mkdir()
        (home / "config.toml").write_text(
            CONFIG.format(
                model=MODEL, catalog=model_catalog, sandbox="danger-full-access", base_url=model.base_url
            )
        )
        env = {**os.environ, "CODEX_HOME": str(home), "SCRIPTED_API_KEY": API_KEY}
        procs.append(
            (
                name,
                work,
                subprocess.Popen(
                    [
                        str(codex_path),
                        "exec",
                        "--json",
                        "--skip-git-repo-check",
                        "-C",
                        str(work),
                        f"please {name}",
                    ],
                    stdin=subprocess.DEVNULL,
                    stdout=subprocess.PIPE,
                    stderr=subprocess.PIPE,
                    text=True,
                    env=env,
                ),
            )
        )
    try:
        model.wait_for_requests(4, timeout=EXEC_TIMEOUT)
        for name, work, proc in procs:
            out, err = proc.communicate(timeout=EXEC_TIMEOUT)
            assert proc.returncode == 0, err
            assert (work / f"{name}.txt").read_text() == f"{name}\n"
            assert f'"text":"{name} done"' in out
    finally:
        for _, _, proc in procs:
            if proc.poll() is None:
                proc.kill()
                proc.communicate(timeout=10)
    assert all(rule.exhausted for rule in model.rules)
    model.assert_all_used()
