"""The recorder's lines, crash safety and redaction; event encoding; paced replay (no runtime)."""

from __future__ import annotations

import json
import os
import select
import subprocess
import sys
import warnings
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
import trio
import trio.testing

from orchestra import ApprovalDecided, RuntimeLost, Secret, ServerRequest
from orchestra.events import MalformedMessage
from orchestra.protocol import UnknownEvent, structure_notification, structure_server_request
from orchestra.session import (
    Recorder,
    RecordingFormatError,
    ReplayedConversation,
    decode_event,
    encode_event,
    load_recording,
    replay,
)
from orchestra.session._recorder import MAX_WAITING

DATA = Path(__file__).parent.parent / "protocol" / "data"
THREAD = "01a20af6-d248-7cd0-80ad-00c54299a0fe"
TURN = "01a20af6-d257-7442-a47a-3b12477d9083"


def _actor(thread_id: str = THREAD, active: Any = None) -> SimpleNamespace:
    thread = {"id": thread_id, "cwd": "/work", "model": "gpt-test", "path": "/r/rollout.jsonl"}
    return SimpleNamespace(thread_id=thread_id, thread=thread, active=active, runtime=None, slot=None)


def _delta(text: str, turn: str = TURN, thread: str = THREAD) -> object:
    params = {"delta": text, "itemId": "msg_1", "threadId": thread, "turnId": turn}
    return structure_notification("item/agentMessage/delta", params)


def _lines(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text().splitlines()]


def _transcript_notifications() -> list[tuple[str, Any]]:
    found = []
    for path in sorted(DATA.glob("appserver_*.jsonl")):
        for line in path.read_text().splitlines():
            msg = json.loads(line)["msg"]
            if "method" in msg and "id" not in msg and json.loads(line)["dir"] == "s2c":
                found.append((msg["method"], msg.get("params")))
    return found


def test_every_notification_of_the_reference_transcripts_survives_encoding() -> None:
    notifications = _transcript_notifications()
    assert len(notifications) > 100
    for method, params in notifications:
        event = structure_notification(method, params)
        kind, payload = encode_event(event)
        assert json.loads(json.dumps(payload)) == payload  # JSON-ready
        assert decode_event(kind, payload) == event, method


def test_orchestra_events_survive_encoding() -> None:
    request_params = {"threadId": THREAD, "turnId": TURN, "itemId": "call_1", "command": "touch x"}
    events: list[object] = [
        ServerRequest(
            method="item/commandExecution/requestApproval",
            request_id=3,
            params=structure_server_request("item/commandExecution/requestApproval", request_params),
        ),
        ServerRequest(method="brand/new", request_id="a", params=structure_server_request("brand/new", [1])),
        ApprovalDecided(method="m", request_id=3, decision={"acceptWithExecpolicyAmendment": {"x": 1}}),
        RuntimeLost(exit_code=None, exit_signal=9, stderr_tail="boom"),
        MalformedMessage(reason="bad", raw=b"\xff{", thread_id=None),
        UnknownEvent("some/futureMethod", {"a": 1}),
    ]
    for event in events:
        assert decode_event(*encode_event(event)) == event
    assert decode_event("orchestra/FromTheFuture", {"a": 1}) == UnknownEvent(
        "orchestra/FromTheFuture", {"a": 1}
    )


def test_lines_header_turns_and_redaction(tmp_path: Path) -> None:
    path = tmp_path / "r.jsonl"
    turn = SimpleNamespace(id=TURN, done=False)
    actor = _actor(active=turn)
    clock = iter([0.0, 0.5, 1.25, 2.0]).__next__
    with Recorder(path, metadata={"run": "sk-abcdefghijkl0123"}, clock=clock) as recorder:
        recorder(actor, _delta("the key is sk-abcdefghijkl0123"))
        recorder(
            actor,
            structure_notification("thread/status/changed", {"threadId": THREAD, "status": {"type": "idle"}}),
        )
        recorder(actor, ApprovalDecided(method="m", request_id=1, decision="accept"))
    text = path.read_text()
    assert "sk-abcdefghijkl0123" not in text and "***" in text
    header, *events = _lines(path)
    assert header["type"] == "header" and header["format_version"] == 1
    assert header["conversation"]["id"] == THREAD and header["conversation"]["model"] == "gpt-test"
    assert [e["seq"] for e in events] == [0, 1, 2]
    assert [e["t"] for e in events] == [0.5, 1.25, 2.0]
    assert [e.get("turn_seq") for e in events] == [1, None, 1]  # status changes are not the turn's
    assert [e["kind"] for e in events] == [
        "item/agentMessage/delta",
        "thread/status/changed",
        "orchestra/ApprovalDecided",
    ]
    assert recorder.events_written == 3


def _item_completed(text: str, item: str = "msg_1") -> object:
    params = {
        "threadId": THREAD,
        "turnId": TURN,
        "completedAtMs": 1,
        "item": {"type": "agentMessage", "id": item, "text": text},
    }
    return structure_notification("item/completed", params)


def _recorded_deltas(path: Path) -> list[str]:
    return [e["payload"]["delta"] for e in _lines(path)[1:] if e["kind"] == "item/agentMessage/delta"]


@pytest.mark.parametrize(
    ("pieces", "expected"),
    [
        (["my key is sk-abc", "defghij", "klm, thanks"], ["my key is ***", "", ", thanks"]),
        (["Bearer ", "abcdefgh.ij9k", " was sent"], ["***", "", " was sent"]),
        (["s", "k-abcdefghij and more"], ["***", " and more"]),
        (["the word is hunter2-cor", "rect-horse-battery", "!"], ["the word is ***", "", "!"]),
    ],
    ids=["key", "bearer", "key-split-after-s", "known-value"],
)
def test_a_secret_streamed_in_pieces_is_masked_whole(
    tmp_path: Path, pieces: list[str], expected: list[str]
) -> None:
    """Each delta alone holds no recognisable secret; their text together does."""
    path = tmp_path / "r.jsonl"
    secret = Secret("hunter2-correct-horse-battery")  # registered while it lives
    with Recorder(path) as recorder:
        for piece in pieces:
            recorder(_actor(), _delta(piece))
        recorder(_actor(), _item_completed("".join(pieces)))
    assert _recorded_deltas(path) == expected
    text = path.read_text()
    assert "abcdefgh" not in text and "hunter2" not in text and "rect-horse" not in text
    del secret


def test_ordinary_streams_are_recorded_as_observed(tmp_path: Path) -> None:
    """Same pieces, same order, same times: holding back is only for what could begin a secret,
    and events observed while a stream is held keep their place and time."""
    path = tmp_path / "r.jsonl"
    clock = iter(float(i) for i in range(100)).__next__
    status = structure_notification("thread/status/changed", {"threadId": THREAD, "status": {"type": "idle"}})
    observed = [_delta("Hello, "), _delta("the key is sk"), status, _delta(" - or so it seems.")]
    written = []
    with Recorder(path, clock=clock) as recorder:
        for event in observed:
            recorder(_actor(), event)
            written.append(recorder.events_written)
    assert written == [1, 1, 1, 4]  # "... sk" might have gone on as "sk-...": it waited
    events = _lines(path)[1:]
    delta, status_changed = "item/agentMessage/delta", "thread/status/changed"
    assert [e["kind"] for e in events] == [delta, delta, status_changed, delta]
    assert [e["t"] for e in events] == [1.0, 2.0, 3.0, 4.0]
    assert load_recording(path).events() == observed


def test_a_held_stream_is_written_when_its_item_or_turn_ends_or_the_recorder_closes(tmp_path: Path) -> None:
    path = tmp_path / "r.jsonl"
    turn_completed = structure_notification(
        "turn/completed", {"threadId": THREAD, "turn": {"id": TURN, "items": [], "status": "completed"}}
    )
    recorder = Recorder(path)
    recorder(_actor(), _delta("ends with sk-abc"))
    assert recorder.events_written == 0
    recorder(_actor(), _item_completed("ends with sk-abc"))
    assert recorder.events_written == 2
    recorder(_actor(), _delta("again sk-abc"))
    recorder(_actor(), turn_completed)
    assert recorder.events_written == 4
    recorder(_actor(), _delta("and sk-abc"))
    assert recorder.events_written == 4
    recorder.close()
    assert recorder.events_written == 5
    assert _recorded_deltas(path) == ["ends with sk-abc", "again sk-abc", "and sk-abc"]


def test_each_line_is_one_write(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    writes: list[bytes] = []
    real_write = os.write

    def spy(fd: int, data: Any) -> int:
        writes.append(bytes(data))
        return real_write(fd, data)

    monkeypatch.setattr(os, "write", spy)
    with Recorder(tmp_path / "r.jsonl") as recorder:
        for i in range(5):
            recorder(_actor(), _delta(f"part {i}\n"))
    assert len(writes) == 6  # the header and five events
    assert all(w.endswith(b"\n") and w.count(b"\n") == 1 for w in writes)


def test_a_failing_disk_stops_the_recorder_without_raising(tmp_path: Path) -> None:
    recorder = Recorder(tmp_path / "r.jsonl")
    recorder(_actor(), _delta("one"))
    assert recorder._fd is not None
    read_only = os.open(os.devnull, os.O_RDONLY)
    os.dup2(read_only, recorder._fd)  # the next write fails (EBADF), as a full disk would fail it
    os.close(read_only)
    recorder(_actor(), _delta("two"))
    assert isinstance(recorder.error, OSError) and recorder.events_written == 1
    recorder.close()
    assert len(load_recording(tmp_path / "r.jsonl").records) == 1


def test_existing_files_are_not_overwritten_unless_asked(tmp_path: Path) -> None:
    path = tmp_path / "r.jsonl"
    Recorder(path).close()  # no event: still a valid, empty recording
    recording = load_recording(path)
    assert recording.records == () and recording.conversations == ()
    with pytest.raises(RecordingFormatError, match="no conversation"):
        recording.conversation()
    with pytest.raises(FileExistsError):
        Recorder(path)
    Recorder(path, overwrite=True).close()


async def test_one_recorder_for_two_conversations(tmp_path: Path) -> None:
    path = tmp_path / "r.jsonl"
    other = "01a20af6-ffff-7cd0-80ad-00c54299a0fe"
    with Recorder(path) as recorder:
        recorder(_actor(), _delta("a"))
        recorder(_actor(other), _delta("b", thread=other))
        recorder(_actor(), _delta("c"))
    recording = load_recording(path)
    assert [c.id for c in recording.conversations] == [THREAD, other]
    assert [getattr(e, "delta", None) for e in recording.events(other)] == ["b"]
    assert [getattr(e, "delta", None) async for e in replay(path, conversation=THREAD)] == ["a", "c"]


async def test_paced_replay_keeps_the_recorded_timing(
    tmp_path: Path, autojump_clock: trio.testing.MockClock
) -> None:
    path = tmp_path / "r.jsonl"
    turn = SimpleNamespace(id=TURN, done=False)
    times = iter([0.0, 10.0, 11.0, 13.0]).__next__
    with Recorder(path, clock=times) as recorder:
        for text in ("a", "b", "c"):
            recorder(_actor(active=turn), _delta(text))
    started = trio.current_time()
    seen = []
    async for _ in replay(path, paced=True, speed=2.0):
        seen.append(trio.current_time() - started)
    assert seen == pytest.approx([0.0, 0.5, 1.5])

    (replayed,) = ReplayedConversation.load(path).turns(paced=True)
    started = trio.current_time()
    result = await replayed.result()  # waits, like a live turn, until the recorded end
    assert trio.current_time() - started == pytest.approx(3.0)
    assert result.status == "incomplete" and result.final_text == "abc"
    with pytest.raises(ValueError, match="speed"):
        replay(path, speed=0)


async def test_stopping_a_replay_early_closes_the_file(tmp_path: Path) -> None:
    path = tmp_path / "r.jsonl"
    with Recorder(path) as recorder:
        for text in "abc":
            recorder(_actor(), _delta(text))
    async with replay(path) as events:
        async for event in events:
            assert getattr(event, "delta", None) == "a"
            break
    # The autouse fixture checks that no file descriptor (the reader's file and eventfd) is left.


_WRITER = """
import sys
from types import SimpleNamespace
from orchestra.protocol import structure_notification
from orchestra.session import Recorder
actor = SimpleNamespace(thread_id="t", thread={"id": "t"}, active=None, runtime=None, slot=None)
recorder = Recorder(sys.argv[1])
i = 0
while True:
    params = {"delta": str(i) * (i % 5000), "itemId": "m", "threadId": "t", "turnId": "u"}
    recorder(actor, structure_notification("item/agentMessage/delta", params))
    i += 1
    if i == 500:
        print("ready", flush=True)  # and it goes on writing until killed
"""


def test_a_recorder_killed_mid_stream_leaves_a_readable_recording(tmp_path: Path) -> None:
    path = tmp_path / "killed.jsonl"
    process = subprocess.Popen([sys.executable, "-c", _WRITER, str(path)], stdout=subprocess.PIPE)
    assert process.stdout is not None
    try:
        readable, _, _ = select.select([process.stdout], [], [], 30)
        assert readable and process.stdout.readline() == b"ready\n"
    finally:
        process.kill()
        process.wait()
        process.stdout.close()
    with warnings.catch_warnings(record=True):
        warnings.simplefilter("always")  # a line cut by the kill would be dropped with a warning
        recording = load_recording(path)
    assert len(recording.records) >= 500
    assert [r.seq for r in recording.records] == list(range(len(recording.records)))


def test_a_held_stream_holds_back_only_its_own_conversation(tmp_path: Path) -> None:
    """One conversation's stream that stops in what could begin a secret (its item never
    completing, say) must not keep every other conversation's events in memory and off disk."""
    other = "01a20af6-ffff-7cd0-80ad-00c54299a0fe"
    status = structure_notification("thread/status/changed", {"threadId": THREAD, "status": {"type": "idle"}})
    with Recorder(tmp_path / "r.jsonl") as recorder:
        recorder(_actor(), _delta("it ends with sk-abc"))
        recorder(_actor(other), _delta("hello", thread=other))
        assert recorder.events_written == 1  # the other conversation's delta
        for _ in range(MAX_WAITING):
            recorder(_actor(), status)
        assert recorder.events_written == 1 + MAX_WAITING + 1  # past the cap, written anyway
