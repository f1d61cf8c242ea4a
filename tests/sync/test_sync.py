"""orchestra.sync: blocking scripts drive the real runtime (scripted model) through a trio thread."""

from __future__ import annotations

import os
import select
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from orchestra import ApprovalDecided, ApprovalRequest, Decision, sync
from orchestra.protocol import AgentMessageDeltaNotification
from orchestra.runtime import CodexHome
from orchestra.testing import ScriptedModel, reply

TIMEOUT = 60

pytestmark = pytest.mark.usefixtures("no_leftover_threads")


def process_exists(pid: int) -> bool:
    """True while ``pid`` is a live (not zombie) process."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return False
    return stat.rpartition(")")[2].split()[0] != "Z"


@pytest.fixture
def no_leftover_threads() -> Iterator[None]:
    before = {t for t in threading.enumerate() if not t.name.startswith("Trio thread")}
    yield
    after = {t for t in threading.enumerate() if not t.name.startswith("Trio thread") and t.is_alive()}
    assert not after - before, f"threads left behind: {after - before}"


def test_open_send_iterate_result_map_and_close(
    codex_home: CodexHome, scripted_model: ScriptedModel, workdir: Path
) -> None:
    scripted_model.enqueue(reply.text("alpha beta gamma delta", chunks=4))
    with sync.open_orchestra(codex_home) as orch:
        pids = orch.runtime_pids
        with orch.conversation(cwd=str(workdir)) as conv:
            turn = conv.send("greek please")
            events = list(turn)
            result = turn.result(timeout=TIMEOUT)
            second = conv.run("again", timeout=TIMEOUT)
        with orch.map([f"p{i}" for i in range(4)], concurrency=2) as results:
            texts = sorted(r.final_text for r in results)
        with orch.map([f"q{i}" for i in range(6)], concurrency=3, ordered=True) as results:
            ordered = [r.final_text for r in results]
    deltas = [e.delta for e in events if isinstance(e, AgentMessageDeltaNotification)]
    assert "".join(deltas) == result.final_text == "alpha beta gamma delta"
    assert result.status == "completed" and second.final_text == "ECHO: again"
    assert texts == [f"ECHO: p{i}" for i in range(4)]
    assert ordered == [f"ECHO: q{i}" for i in range(6)]  # in input order, not sorted
    assert orch.closed and conv.closed
    assert not any(process_exists(pid) for pid in pids)


def test_notebook_style_close_and_errors_inside_with_blocks(
    codex_home: CodexHome, scripted_model: ScriptedModel, workdir: Path
) -> None:
    orch = sync.open_orchestra(codex_home)  # one cell
    conv = orch.conversation(cwd=str(workdir))  # another cell
    assert conv.run("hello", timeout=TIMEOUT).final_text == "ECHO: hello"
    pids = orch.runtime_pids
    orch.close()  # closes the conversation first, then the runtime, then the thread
    orch.close()  # idempotent
    assert conv.closed and not any(process_exists(pid) for pid in pids)
    with pytest.raises(sync.BridgeClosedError):
        conv.run("too late")

    with pytest.raises(ZeroDivisionError), sync.open_orchestra(codex_home) as orch:
        pids = orch.runtime_pids
        with orch.conversation(cwd=str(workdir)):
            1 / 0  # noqa: B018
    assert not any(process_exists(pid) for pid in pids)


def test_closed_conversations_and_maps_are_not_kept_until_the_orchestra_closes(
    codex_home: CodexHome, scripted_model: ScriptedModel, workdir: Path
) -> None:
    with sync.open_orchestra(codex_home) as orch:
        for i in range(5):
            with orch.conversation(cwd=str(workdir)) as conv:
                conv.run(f"hello {i}", timeout=TIMEOUT)
            with orch.map([f"p{i}"]) as results:
                list(results)
        left_open = orch.conversation(cwd=str(workdir))
        assert orch._children == [left_open]  # the ten closed ones were let go
    assert left_open.closed


def test_call_reaches_the_surface_the_facade_does_not_wrap(
    codex_home: CodexHome, scripted_model: ScriptedModel, workdir: Path
) -> None:
    with sync.open_orchestra(codex_home) as orch:
        models = orch.call(lambda o: o.models())
        with orch.conversation(cwd=str(workdir)) as conv:
            conv.run("hello", timeout=TIMEOUT)
            thread = conv.call(lambda c: c.read())
            renamed = conv.call(lambda c, name: c.set_name(name), "named from sync")
    assert any(m.id == "scripted-model" for m in models)
    assert thread.id == conv.thread_id and len(thread.turns) == 1
    assert renamed is None


def test_a_plain_function_answers_approvals(
    codex_home: CodexHome, scripted_model: ScriptedModel, workdir: Path
) -> None:
    scripted_model.enqueue(reply.shell("touch approved.txt"), reply.text("finished"))
    asked: list[str | None] = []

    def approver(request: ApprovalRequest) -> Decision:
        asked.append(request.command)
        return "accept"

    with (
        sync.open_orchestra(codex_home) as orch,
        orch.conversation(cwd=str(workdir), approval_policy="untrusted", approver=approver) as conv,
    ):
        turn = conv.send("make the file")
        events = list(turn)
        assert turn.result(timeout=TIMEOUT).status == "completed"
    assert len(asked) == 1 and "touch approved.txt" in (asked[0] or "")
    assert [e.decision for e in events if isinstance(e, ApprovalDecided)] == ["accept"]
    assert (workdir / "approved.txt").exists()


def _read_line(stream: object, deadline: float) -> str:
    fd = stream.fileno()  # type: ignore[attr-defined]
    remaining = deadline - time.monotonic()
    readable, _, _ = select.select([fd], [], [], max(remaining, 0))
    if not readable:
        raise TimeoutError("no output from the script in time")
    return str(stream.readline())  # type: ignore[attr-defined]


def _processes_using(home: Path) -> list[int]:
    """Live processes whose environment names ``home`` as CODEX_HOME."""
    needle = f"CODEX_HOME={home}".encode()
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            environ = Path(f"/proc/{entry}/environ").read_bytes()
        except OSError:
            continue
        if needle in environ.split(b"\0") and process_exists(int(entry)):
            found.append(int(entry))
    return found


def test_ctrl_c_interrupts_the_turn_closes_the_runtime_and_exits_promptly(tmp_path: Path) -> None:
    home = tmp_path / "codex-home"
    workdir = tmp_path / "work"
    workdir.mkdir()
    script = Path(__file__).with_name("ctrl_c_script.py")
    process = subprocess.Popen(
        [sys.executable, str(script), str(home), str(workdir)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # SIGINT goes to the script only, as KeyboardInterrupt in its main thread
    )
    try:
        deadline = time.monotonic() + TIMEOUT
        first = _read_line(process.stdout, deadline)
        assert first.startswith("runtimes "), first
        runtime_pids = [int(pid) for pid in first.split()[1:]]
        while _read_line(process.stdout, deadline).strip() != "delta":
            pass
        assert runtime_pids and all(process_exists(pid) for pid in runtime_pids)
        sent = time.monotonic()
        os.kill(process.pid, signal.SIGINT)
        _, stderr = process.communicate(timeout=15)
        took = time.monotonic() - sent
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()
    assert process.returncode in (-signal.SIGINT, 130), stderr
    assert "KeyboardInterrupt" in stderr
    assert took < 10, f"exit took {took:.1f} s"
    assert not any(process_exists(pid) for pid in runtime_pids)
    assert _processes_using(home) == []
