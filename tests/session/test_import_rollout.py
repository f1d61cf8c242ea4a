"""import_rollout: a rollout from elsewhere placed where the runtime's thread/resume looks for it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from orchestra.session import ResumeError, import_rollout

THREAD = "01a20aa5-a285-7a23-b940-6b4089f72e69"
NAME = f"rollout-2026-11-23T23-02-36-{THREAD}.jsonl"


def _rollout(path: Path, text: str = "hello") -> Path:
    meta = {"type": "session_meta", "payload": {"id": THREAD, "timestamp": "2026-11-23T23:02:36.942Z"}}
    item = {"type": "response_item", "payload": {"type": "message", "role": "user", "content": text}}
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(meta) + "\n" + json.dumps(item) + "\n")
    return path


def test_a_rollout_already_under_sessions_is_used_where_it_is(tmp_path: Path) -> None:
    sessions = tmp_path / "home" / "sessions"
    inside = _rollout(sessions / "2026" / "11" / "23" / NAME)
    assert import_rollout(inside, sessions) == inside.resolve()


def test_a_rollout_from_elsewhere_is_copied_into_the_dated_layout(tmp_path: Path) -> None:
    sessions = tmp_path / "home" / "sessions"
    source = _rollout(tmp_path / "downloads" / NAME)
    target = import_rollout(source, sessions)
    assert target == sessions.resolve() / "2026" / "11" / "23" / NAME
    assert target.read_bytes() == source.read_bytes()
    assert import_rollout(source, sessions) == target  # the same rollout again: nothing to do
    assert [p.name for p in target.parent.iterdir()] == [NAME]  # no temporary file left behind


def test_a_renamed_rollout_gets_the_name_the_runtime_looks_for(tmp_path: Path) -> None:
    sessions = tmp_path / "sessions"
    source = _rollout(tmp_path / "my-session.jsonl")
    target = import_rollout(source, sessions)
    assert target == sessions.resolve() / "2026" / "11" / "23" / NAME


def test_a_different_rollout_of_the_same_thread_is_never_overwritten(tmp_path: Path) -> None:
    sessions = tmp_path / "sessions"
    there = _rollout(sessions / "2026" / "11" / "23" / NAME, "the thread went on here")
    source = _rollout(tmp_path / "other" / NAME, "an older copy")
    with pytest.raises(ResumeError, match="already holds a different rollout"):
        import_rollout(source, sessions)
    assert "went on here" in there.read_text()


@pytest.mark.parametrize("bad_id", ["x/../../../../outside/pwned", "../" * 8 + "etc/x", "not-a-uuid"])
def test_a_rollout_whose_id_is_not_a_thread_id_is_refused(tmp_path: Path, bad_id: str) -> None:
    """The copy's name is built from the id: it must never lead outside sessions/."""
    sessions = tmp_path / "home" / "sessions"
    meta = {"type": "session_meta", "payload": {"id": bad_id, "timestamp": "2026-11-23T23:02:36Z"}}
    source = tmp_path / "renamed.jsonl"
    source.write_text(json.dumps(meta) + "\n")
    with pytest.raises(ResumeError, match="not a thread id"):
        import_rollout(source, sessions)
    assert sorted(p.name for p in tmp_path.rglob("*") if p.is_file()) == ["renamed.jsonl"]
