"""``orchestra cloud ...`` against the fake backend (in-process: the parser and ``args.run``)."""

from __future__ import annotations

import argparse
import json
import subprocess
from pathlib import Path
from typing import Any

import pytest

from orchestra.cli import _cloud
from orchestra.testing.fake_cloud import AttemptScript, FakeCloud, Schedule, TaskScript

from .conftest import snapshot

NEW_FILE = (
    "diff --git a/hello.txt b/hello.txt\nnew file mode 100644\n"
    "--- /dev/null\n+++ b/hello.txt\n@@ -0,0 +1 @@\n+hello\n"
)
OTHER_FILE = (
    "diff --git a/other2.txt b/other2.txt\nnew file mode 100644\n"
    "--- /dev/null\n+++ b/other2.txt\n@@ -0,0 +1 @@\n+two\n"
)


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(prog="orchestra")
    commands = main.add_subparsers(dest="command", required=True)
    _cloud.add_parser(commands)
    return main


@pytest.fixture
def home(fake: FakeCloud, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.delenv("CODEX_CLOUD_TASKS_BASE_URL", raising=False)
    return fake.write_codex_home(tmp_path / "codex-home")


def run(home: Path, *argv: str) -> int:
    args = parser().parse_args(["cloud", *argv[:1], "--codex-home", str(home), *argv[1:]])
    code: int = args.run(args)
    return code


def out_json(capsys: pytest.CaptureFixture[str]) -> Any:
    return json.loads(capsys.readouterr().out)


def create_and_wait(attempts: int, *more: str) -> tuple[str, ...]:
    """``cloud create`` on env_main/main with ``--wait`` polling at once, then ``more``."""
    return ("create", "--env", "env_main", "--branch", "main", "--attempts", str(attempts), "--wait",
            "--poll-interval", "0.001", *more)  # fmt: skip


def test_envs(fake: FakeCloud, home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    fake.add_environment("env_2", label="second")
    assert run(home, "envs", "--json") == 0
    envs = out_json(capsys)
    assert [e["id"] for e in envs] == ["env_main", "env_2"]
    assert envs[0]["label"] == "Main Repo"
    assert run(home, "envs") == 0
    text = capsys.readouterr().out
    assert "env_main" in text and "second" in text


def test_list_with_paging_and_env_label(
    fake: FakeCloud, home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ids = [fake.add_task("env_main", f"task {i}") for i in range(3)]
    assert run(home, "list", "--json", "--limit", "2", "--env", "main repo") == 0
    page = out_json(capsys)
    assert [t["id"] for t in page["tasks"]] == [ids[2], ids[1]]
    assert page["tasks"][0]["status"] == "pending"
    assert run(home, "list", "--json", "--cursor", page["cursor"]) == 0
    assert [t["id"] for t in out_json(capsys)["tasks"]] == [ids[0]]
    assert run(home, "list") == 0
    assert "task 2" in capsys.readouterr().out
    with pytest.raises(SystemExit):
        run(home, "list", "--limit", "21")


def test_create_prints_the_url(fake: FakeCloud, home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(home, "create", "--env", "env_main", "--branch", "dev", "--attempts", "3", "Add hello") == 0
    url = capsys.readouterr().out.strip()
    assert url.endswith("/codex/tasks/task_e_000001")
    task = fake.task("task_e_000001")
    assert (task.best_of_n, task.branch, task.prompt) == (3, "dev", "Add hello")
    assert run(home, "create", "--env", "Main Repo", "--json", "--branch", "x", "Again") == 0
    assert out_json(capsys)["id"] == "task_e_000002"


def test_create_reads_the_prompt_from_stdin(
    fake: FakeCloud, home: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import io

    monkeypatch.setattr("sys.stdin", io.StringIO("from stdin\n"))
    assert run(home, "create", "--env", "env_main", "--branch", "main", "-") == 0
    assert fake.task("task_e_000001").prompt == "from stdin\n"
    monkeypatch.setattr("sys.stdin", io.StringIO("   "))
    assert run(home, "create", "--env", "env_main", "--branch", "main", "-") == 1
    assert "empty" in capsys.readouterr().err


def test_create_and_wait(fake: FakeCloud, home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    fake.script(
        TaskScript(
            attempts=[AttemptScript(diff=NEW_FILE), AttemptScript(outcome="failed")],
            schedule=Schedule.after_polls(1),
        )
    )
    argv = create_and_wait(2, "Go")
    assert run(home, *argv) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("created task_e_000001")
    assert "attempt 2 failed: TASK_FAILED: The attempt failed." in lines
    assert lines[-1] == "completed: 1/2 attempts succeeded"
    fake.script(TaskScript(attempts=[AttemptScript(outcome="failed")] * 2, schedule=Schedule.immediately()))
    assert run(home, *argv[:-1], "--json", "Go again") == 1
    result = out_json(capsys)["result"]
    assert result["status"] == "error" and result["error"] == "TASK_FAILED: The attempt failed."


def test_status_exit_codes(fake: FakeCloud, home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    task_id = fake.add_task("env_main", "Status please", script=TaskScript(schedule=Schedule.by_hand()))
    assert run(home, "status", task_id) == 1
    assert capsys.readouterr().out.startswith("[PENDING] Status please")
    fake.complete(task_id)
    assert run(home, "status", "--json", f"https://chatgpt.com/codex/tasks/{task_id}") == 0
    summary = out_json(capsys)
    assert (summary["id"], summary["status"], summary["environment_label"]) == (task_id, "ready", "Main Repo")
    assert run(home, "status", task_id) == 0
    assert "+1/-0 • 1 file" in capsys.readouterr().out


def test_diff_by_attempt(fake: FakeCloud, home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    script = TaskScript(
        attempts=[AttemptScript(diff=NEW_FILE), AttemptScript(diff=OTHER_FILE)],
        schedule=Schedule.immediately(),
    )
    task_id = fake.add_task("env_main", "Two", best_of_n=2, script=script)
    assert run(home, "diff", task_id) == 0
    assert capsys.readouterr().out == NEW_FILE
    assert run(home, "diff", task_id, "--attempt", "2", "--json") == 0
    assert out_json(capsys) == {"task_id": task_id, "attempt": 2, "diff": OTHER_FILE}
    assert run(home, "diff", task_id, "--attempt", "3") == 1
    assert "Attempt 3 not available" in capsys.readouterr().err


def test_apply_and_preflight(
    fake: FakeCloud, home: Path, repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    script = TaskScript(
        attempts=[AttemptScript(diff=NEW_FILE), AttemptScript(diff=OTHER_FILE)],
        schedule=Schedule.immediately(),
    )
    task_id = fake.add_task("env_main", "Two", best_of_n=2, script=script)
    before = snapshot(repo)
    assert run(home, "apply", task_id, "--attempt", "2", "--preflight", "--repo", str(repo)) == 0
    assert (
        capsys.readouterr().out.strip() == f"Preflight passed for task {task_id} attempt 2 (applies cleanly)"
    )
    assert snapshot(repo) == before
    assert run(home, "apply", task_id, "--attempt", "2", "--repo", str(repo), "--json") == 0
    outcome = out_json(capsys)
    assert (outcome["status"], outcome["applied"], outcome["refusal"]) == ("success", True, None)
    assert (repo / "other2.txt").read_text() == "two\n"
    assert (
        run(home, "apply", task_id, "--attempt", "2", "--preflight", "--repo", str(repo)) == 1
    )  # exists now
    assert capsys.readouterr().out.splitlines() == [
        f"Preflight failed for task {task_id} attempt 2 (applied=0, skipped=1, conflicts=0)",
        "  skipped: other2.txt",
    ]


def test_apply_refusal_exit_code(
    fake: FakeCloud, home: Path, repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    evil = NEW_FILE.replace("hello.txt", "../evil.txt")
    task_id = fake.add_task(
        "env_main",
        "Evil",
        script=TaskScript(attempts=[AttemptScript(diff=evil)], schedule=Schedule.immediately()),
    )
    assert run(home, "apply", task_id, "--repo", str(repo), "--json") == 1
    outcome = out_json(capsys)
    assert outcome["refusal"]["reason"] == "parent-traversal"


def test_errors(fake: FakeCloud, home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(tmp_path / "nobody", "envs") == 2
    assert "not signed in" in capsys.readouterr().err
    assert run(tmp_path / "nobody", "envs", "--json") == 2
    assert json.loads(capsys.readouterr().err)["error"]["type"] == "CloudConfigError"
    assert run(home, "status", "task_e_404") == 1
    assert "HTTP 404" in capsys.readouterr().err
    fake.token = "rotated"
    assert run(home, "envs", "--json") == 1
    err = json.loads(capsys.readouterr().err)["error"]
    assert err["type"] == "CloudAuthError"


def test_create_and_wait_says_which_attempt_number_diff_and_apply_take(
    fake: FakeCloud, home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``--attempt N`` counts only the attempts with a diff (as the Codex CLI does): once attempt 1
    failed, attempt 2's diff is ``--attempt 1``, and the summary says so."""
    fake.script(
        TaskScript(
            attempts=[
                AttemptScript(outcome="failed"),
                AttemptScript(diff=NEW_FILE),
                AttemptScript(diff=OTHER_FILE),
            ],
            schedule=Schedule.after_polls(1),
        )
    )
    assert run(home, *create_and_wait(3, "Go")) == 0
    last = capsys.readouterr().out.splitlines()[-1]
    assert last == (
        "completed: 2/3 attempts succeeded; for diff/apply: --attempt 1 = attempt 2, --attempt 2 = attempt 3"
    )
    (task,) = fake.tasks
    assert run(home, "diff", task.id, "--attempt", "1") == 0
    assert capsys.readouterr().out == NEW_FILE  # attempt 2's diff
    fake.script(
        TaskScript(
            attempts=[AttemptScript(outcome="failed"), AttemptScript(diff=NEW_FILE)],
            schedule=Schedule.after_polls(1),
        )
    )
    assert run(home, *create_and_wait(2, "--json", "Go")) == 0
    assert [(a["attempt"], a["placement"]) for a in out_json(capsys)["apply_attempts"]] == [(1, 1)]


@pytest.mark.parametrize("as_json", [True, False], ids=["json", "text"])
def test_create_and_wait_names_the_created_task_when_polling_fails(
    fake: FakeCloud, home: Path, capsys: pytest.CaptureFixture[str], as_json: bool
) -> None:
    """The task exists (and is billed) even though polling it failed: the error says which it is,
    in the command's own format, not as a traceback."""
    fake.fail_next("/wham/tasks/*", status=500, times=None, method="GET")
    flags = ["--json"] if as_json else []
    argv = create_and_wait(1, *flags, "Go")
    assert run(home, *argv) == 1
    captured = capsys.readouterr()
    (task,) = fake.tasks
    if as_json:
        out = json.loads(captured.out)
        assert out["id"] == task.id and out["url"].endswith(task.id)
        assert out["error"]["type"] == "CloudHttpError" and "HTTP 500" in out["error"]["message"]
    else:
        last = captured.err.splitlines()[-1]
        assert last.startswith("error: ") and "HTTP 500" in last and f"task {task.id} was created" in last
    assert "Traceback" not in captured.err and "ExceptionGroup" not in captured.err


def test_retries_do_not_pollute_json_stdout(
    fake: FakeCloud, home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fake.fail_next("/environments", status=503)
    assert run(home, "envs", "--json") == 0
    captured = capsys.readouterr()
    assert [e["id"] for e in json.loads(captured.out)] == ["env_main"]
    assert fake.token not in captured.out + captured.err


def test_envs_uses_the_git_remotes_of_the_current_directory(
    fake: FakeCloud,
    home: Path,
    repo: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    subprocess.run(
        ["git", "remote", "add", "origin", "git@github.com:acme/widgets.git"], cwd=repo, check=True
    )
    monkeypatch.chdir(repo)
    assert run(home, "envs", "--json") == 0
    assert out_json(capsys)[0]["repo_hint"] == "acme/widgets"
    assert [r.endpoint for r in fake.requests][:2] == [
        "/environments/by-repo/github/acme/widgets",
        "/environments",
    ]
