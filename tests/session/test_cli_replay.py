"""``orchestra replay``: transcripts of recordings and rollouts, for people and for machines."""

from __future__ import annotations

import argparse
import io
import json
from pathlib import Path

from orchestra.cli import _replay
from orchestra.session import load_recording, transcript

from ._transcripts import record_transcript


def _run(*argv: str) -> tuple[int, str]:
    parser = argparse.ArgumentParser()
    _replay.add_parser(parser.add_subparsers())
    args = parser.parse_args(["replay", *argv])
    out = io.StringIO()
    code = args.run(args, out)
    return code, out.getvalue()


def test_a_transcript_shows_users_assistants_commands_approvals_and_tokens(tmp_path: Path) -> None:
    path = record_transcript("approval", tmp_path / "approval.jsonl")
    code, text = _run(str(path))
    assert code == 0
    assert "RUN: touch approved.txt" in text
    assert "$ /bin/bash -lc 'touch approved.txt && echo made approved.txt'  (exit 0)" in text
    assert "-> accept" in text and "-> decline" in text
    assert "tokens this turn" in text
    assert text.count("turn 1") == 2  # the transcript holds two conversations, each with a turn 1


def test_json_output_and_a_conversation_filter(tmp_path: Path) -> None:
    path = record_transcript("approval", tmp_path / "approval.jsonl")
    first = load_recording(path).conversations[0].id
    code, text = _run(str(path), "--json", "--conversation", first)
    assert code == 0
    document = json.loads(text)
    assert document["source_kind"] == "recording"
    assert [c["id"] for c in document["conversations"]] == [first]
    kinds = {e["kind"] for e in document["entries"]}
    assert {"turn", "user", "assistant", "command", "approval", "usage"} <= kinds
    assert all(e["conversation"] == first for e in document["entries"])
    decisions = [e["details"]["decision"] for e in document["entries"] if e["kind"] == "approval"]
    assert decisions == ["accept", "decline"]


def test_damaged_files(tmp_path: Path) -> None:
    path = record_transcript("basic", tmp_path / "basic.jsonl")
    whole = path.read_bytes()
    cut = tmp_path / "cut.jsonl"
    cut.write_bytes(whole[: whole.rfind(b"\n", 0, len(whole) - 1) + 20])
    code, text = _run(str(cut))
    assert code == 0 and "warning:" in text and "cut off" in text
    lines = whole.splitlines(keepends=True)
    corrupt = tmp_path / "corrupt.jsonl"
    corrupt.write_bytes(b"".join([*lines[:3], b"{oops\n", *lines[3:]]))
    code, text = _run(str(corrupt))
    assert code == 2 and "line 4" in text
    code, text = _run(str(tmp_path / "missing.jsonl"))
    assert code == 2 and "No such file" in text


def test_the_transcript_of_a_recording_made_from_a_resumed_session(tmp_path: Path) -> None:
    path = record_transcript("interrupt", tmp_path / "interrupt.jsonl")
    statuses = [e.text for e in transcript(path).entries if e.kind == "status"]
    assert statuses and statuses[0].startswith("turn interrupted")


def test_a_rollout_is_shown_with_its_secrets_masked(tmp_path: Path) -> None:
    """A rollout is the runtime's raw record: a key a command printed, or the model repeated, is
    in it as written. What replay shows is masked, for people and for machines."""
    key = "sk-live-REPLAYCANARY-0123456789"
    lines = [
        {"type": "session_meta", "payload": {"id": "01a20aa5-a285-7a23-b940-6b4089f72e69"}},
        {"type": "event_msg", "payload": {"type": "task_started", "turn_id": "u1"}},
        {"type": "event_msg", "payload": {"type": "error", "message": f"401: bad key {key}"}},
        {"type": "event_msg", "payload": {"type": "task_complete"}},
    ]
    path = tmp_path / "rollout.jsonl"
    path.write_text("".join(json.dumps(line) + "\n" for line in lines))
    code, text = _run(str(path))
    assert code == 0 and "401: bad key" in text
    code, document = _run(str(path), "--json")
    assert code == 0 and "401: bad key" in document
    assert key not in text and key not in document
    assert key not in str(transcript(path).entries)


def test_a_turn_that_ran_a_tool_counts_the_tokens_of_every_model_call(tmp_path: Path) -> None:
    """The approval turn calls the model twice (the command, then the answer); the usage entry
    gave only the last call's tokens."""
    path = record_transcript("approval", tmp_path / "approval.jsonl")
    recording = load_recording(path)
    first = recording.conversations[0].id
    reports = [
        r.payload["tokenUsage"]
        for r in recording.records
        if r.kind == "thread/tokenUsage/updated" and r.conversation == first and r.turn_seq == 1
    ]
    assert len(reports) >= 2
    code, text = _run(str(path), "--json", "--conversation", first)
    assert code == 0
    (usage,) = [e["details"] for e in json.loads(text)["entries"] if e["kind"] == "usage" and e["turn"] == 1]
    assert usage["turn_tokens"] == sum(r["last"]["totalTokens"] for r in reports)
    assert usage["total_tokens"] == reports[-1]["total"]["totalTokens"]


def test_an_unknown_conversation_is_an_error_naming_the_known_ones(tmp_path: Path) -> None:
    path = record_transcript("approval", tmp_path / "approval.jsonl")
    known = [c.id for c in load_recording(path).conversations]
    code, text = _run(str(path), "--conversation", "01a20aaa-0000-0000-0000-000000000000")
    assert code == 2  # an empty transcript and 0 before
    assert "no conversation 01a20aaa-0000-0000-0000-000000000000" in text and known[0] in text
