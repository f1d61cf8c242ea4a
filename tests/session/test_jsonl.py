"""The native JSONL reader: same records as Python's json, truncated and corrupted files never crash."""

from __future__ import annotations

import errno
import json
import os
import tempfile
import warnings
from pathlib import Path
from typing import Any

import pytest
import trio
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from orchestra import _native
from orchestra.session import (
    CorruptRecordingError,
    RecordingFormatError,
    ReplayedConversation,
    TruncatedRecordingWarning,
    load_recording,
    load_session_file,
    open_jsonl,
    read_jsonl,
    transcript,
)

JSON: st.SearchStrategy[Any] = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(2**63), 2**64 - 1)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=12),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)
RECORDS = st.lists(st.dictionaries(st.text(max_size=6), JSON, max_size=4), max_size=12)
FAST = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def _parses(text: str) -> bool:
    try:
        json.loads(text)
    except ValueError:
        return False
    return True


def _write(data: bytes) -> Path:
    with tempfile.NamedTemporaryFile("wb", suffix=".jsonl", delete=False) as f:
        f.write(data)
    return Path(f.name)


def _jsonl(records: list[Any]) -> bytes:
    return b"".join(json.dumps(r, ensure_ascii=False).encode() + b"\n" for r in records)


async def _stream(path: Path) -> tuple[list[Any], Any]:
    records: list[Any] = []
    async with open_jsonl(path) as stream:
        async for batch in stream:
            records.extend(batch)
    return records, stream.truncated


@FAST
@given(RECORDS)
def test_records_read_back_as_pythons_json_reads_them(records: list[Any]) -> None:
    path = _write(_jsonl(records))
    try:
        got, truncated = read_jsonl(path)
        assert truncated is None
        assert got == [json.loads(json.dumps(r)) for r in records]  # floats exactly, too
        streamed, truncated = trio.run(_stream, path)
        assert truncated is None and streamed == got
    finally:
        path.unlink()


@FAST
@given(RECORDS.filter(bool), st.data())
def test_a_file_cut_anywhere_reads_its_whole_lines_and_reports_the_cut(
    records: list[Any], data: st.DataObject
) -> None:
    full = _jsonl(records)
    cut = data.draw(st.integers(0, len(full)))
    path = _write(full[:cut])
    try:
        got, truncated = read_jsonl(path)
        prefix = full[:cut]
        whole = prefix.count(b"\n")
        tail = prefix[prefix.rfind(b"\n") + 1 :]
        assert got[:whole] == [json.loads(json.dumps(r)) for r in records[:whole]]
        try:
            last = [json.loads(tail)] if tail.strip() else []
        except ValueError:
            last = None
        if last is None:  # cut inside a value: reported, never raised
            assert len(got) == whole and truncated is not None
            assert (truncated.line, truncated.offset, truncated.length) == (
                whole + 1,
                len(prefix) - len(tail),
                len(tail),
            )
        else:  # cut between values: nothing is missing
            assert got[whole:] == last and truncated is None
        streamed, stream_truncated = trio.run(_stream, path)
        assert streamed == got and stream_truncated == truncated
    finally:
        path.unlink()


@FAST
@given(RECORDS.filter(lambda r: len(r) >= 2), st.data())
def test_a_corrupt_middle_line_is_a_typed_error_naming_its_line(
    records: list[Any], data: st.DataObject
) -> None:
    lines = [json.dumps(r) for r in records]
    bad = data.draw(st.integers(0, len(lines) - 2))  # never the last line: that one would be "cut"
    garbage = data.draw(st.sampled_from(["{", "}", "nope", '{"a":', "\x00\x00", "[1,,2]", '{"a" 1}']))
    lines[bad] = lines[bad][: data.draw(st.integers(0, len(lines[bad])))] + garbage
    assume(not _parses(lines[bad]))
    path = _write(("\n".join(lines) + "\n").encode())
    try:
        with pytest.raises(CorruptRecordingError) as caught:
            read_jsonl(path)
        assert caught.value.line == bad + 1 and caught.value.path == str(path)
        with pytest.raises(CorruptRecordingError) as streamed:
            trio.run(_stream, path)
        assert streamed.value.line == bad + 1
    finally:
        path.unlink()


def test_blank_lines_crlf_and_line_numbers(tmp_path: Path) -> None:
    path = tmp_path / "f.jsonl"
    path.write_bytes(b'{"a": 1}\r\n\n   \n{"b": 2}\n{"c": oops}\n')
    with pytest.raises(CorruptRecordingError) as caught:
        read_jsonl(path)
    assert (caught.value.line, caught.value.column) == (5, 7)
    assert "line 5, column 7" in str(caught.value)


def test_native_errors_and_handle_shape(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        _native.read_jsonl(tmp_path / "missing.jsonl")
    with pytest.raises(FileNotFoundError):
        _native.JsonlReader(tmp_path / "missing.jsonl")
    path = tmp_path / "f.jsonl"
    path.write_text('{"a": 1}\n{"a": 2')
    reader = _native.JsonlReader(path, block_bytes=4)
    try:
        assert reader.fileno() >= 0
        assert repr(reader).startswith("JsonlReader(")
    finally:
        reader.close()
        reader.close()
    with pytest.raises(ValueError, match="closed"):
        reader.fileno()
    with pytest.raises(ValueError, match="closed"):
        reader.drain()


def test_loading_a_cut_recording_warns_and_keeps_every_whole_line(tmp_path: Path) -> None:
    header = {
        "type": "header",
        "format": "codex-orchestra-session",
        "format_version": 1,
        "orchestra_version": "0",
        "started_at": "x",
        "started_at_unix": 0.0,
    }
    event = {
        "type": "event",
        "seq": 0,
        "t": 0.0,
        "wall": 0.0,
        "kind": "warning",
        "payload": {"message": "hi"},
    }
    path = tmp_path / "cut.jsonl"
    path.write_bytes(_jsonl([header, event]) + b'{"type": "event", "seq": 1, "t"')
    with pytest.warns(TruncatedRecordingWarning, match="line 3 is cut off"):
        recording = load_recording(path)
    assert len(recording.records) == 1 and recording.truncated is not None
    assert recording.truncated.line == 3


@pytest.mark.parametrize(
    ("lines", "message"),
    [
        ([], "empty file"),
        ([{"type": "event"}], "first line is not a header"),
        ([{"type": "session_meta", "payload": {}}], "rollout, not a recording"),
        ([{"type": "header", "format": "other"}], "format 'other'"),
        ([{"type": "header", "format": "codex-orchestra-session", "format_version": 99}], "not supported"),
        (
            [
                {
                    "type": "header",
                    "format": "codex-orchestra-session",
                    "format_version": 1,
                    "orchestra_version": "0",
                    "started_at": "x",
                    "started_at_unix": 0,
                },
                {"type": "event", "seq": "x"},
            ],
            "record 2: not a valid EventRecord",
        ),
        (
            [
                {
                    "type": "header",
                    "format": "codex-orchestra-session",
                    "format_version": 1,
                    "orchestra_version": "0",
                    "started_at": "x",
                    "started_at_unix": 0,
                },
                [1, 2],
            ],
            "not a JSON object",
        ),
    ],
)
def test_files_that_are_not_recordings_give_typed_errors(
    tmp_path: Path, lines: list[Any], message: str
) -> None:
    path = tmp_path / "f.jsonl"
    path.write_bytes(_jsonl(lines))
    with pytest.raises(RecordingFormatError, match=message):
        load_recording(path)


def test_load_session_file_tells_rollouts_from_recordings(tmp_path: Path) -> None:
    path = tmp_path / "rollout-2026-11-24T00-31-17-01a20af6-d248-7cd0-80ad-00c54299a0fe.jsonl"
    meta = {
        "timestamp": "t",
        "type": "session_meta",
        "payload": {"id": "01a20af6-d248-7cd0-80ad-00c54299a0fe", "cwd": "/w", "cli_version": "0.163.0"},
    }
    path.write_bytes(_jsonl([meta, {"timestamp": "t", "type": "turn_context", "payload": {"model": "m"}}]))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        rollout = load_session_file(path)
    assert getattr(rollout, "thread_id", None) == "01a20af6-d248-7cd0-80ad-00c54299a0fe"
    assert getattr(rollout, "model", None) == "m"


HEADER = {
    "type": "header",
    "format": "codex-orchestra-session",
    "format_version": 1,
    "orchestra_version": "0",
    "started_at": "x",
    "started_at_unix": 0.0,
}
KINDS = st.sampled_from(
    [
        "turn/started",
        "turn/completed",
        "item/completed",
        "item/started",
        "item/agentMessage/delta",
        "thread/tokenUsage/updated",
        "error",
        "orchestra/ServerRequest",
        "orchestra/ApprovalDecided",
        "orchestra/RuntimeLost",
        "orchestra/MalformedMessage",
        "orchestra/TurnRestarted",
        "some/futureMethod",
    ]
)
EVENT_LINES = st.lists(
    st.fixed_dictionaries(
        {"type": st.just("event"), "seq": st.integers(0, 99), "t": st.floats(0, 99), "wall": st.floats(0, 9)},
        optional={
            "kind": KINDS,
            "payload": JSON
            | st.fixed_dictionaries({}, optional={"item": JSON, "turn": JSON, "params": JSON}),
            "turn_seq": st.integers(1, 3),
            "turn": st.text(max_size=3),
            "conversation": st.just("c"),
        },
    )
    | JSON,
    max_size=8,
)


@FAST
@given(EVENT_LINES, st.integers(0, 400))
def test_any_recording_content_loads_replays_and_renders_or_gives_a_typed_error(
    lines: list[Any], cut: int
) -> None:
    data = _jsonl([{**HEADER, "conversation": {"id": "c"}}, *lines])
    path = _write(data[: len(data) - cut] if cut < len(data) else data)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", TruncatedRecordingWarning)
            try:
                recording = load_recording(path)
            except RecordingFormatError:
                return
            recording.events()
            recording.to_document()
            transcript(recording)
            for turn in ReplayedConversation(recording).turns():
                assert turn.events == tuple(r.event() for r in turn.records)
    finally:
        path.unlink()


@pytest.mark.parametrize("kind", ["fifo", "device", "directory"])
def test_only_regular_files_are_read(tmp_path: Path, kind: str) -> None:
    """A FIFO without a writer blocked the open forever (and a reader's close with a silent
    writer); /dev/zero was read until memory ran out. Both are refused at once, by both readers."""
    if kind == "fifo":
        path = tmp_path / "fifo"
        os.mkfifo(path)
    elif kind == "device":
        path = Path("/dev/zero")
    else:
        path = tmp_path
    for read in (lambda: _native.read_jsonl(path), lambda: _native.JsonlReader(path)):
        with pytest.raises(OSError) as refused:
            read()
        if kind == "directory":
            assert refused.value.errno == errno.EISDIR
        else:
            assert "not a regular file" in str(refused.value)
