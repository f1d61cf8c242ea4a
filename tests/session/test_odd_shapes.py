"""Valid JSON of the wrong shape in a recording: a typed error or a skipped entry, never a raw
TypeError out of replay, transcript or resume."""

from __future__ import annotations

import json
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from orchestra.session import (
    CorruptRecordingError,
    RecordingFormatError,
    load_recording,
    plan_resume,
    replay,
    transcript,
)

HEADER = {
    "type": "header", "format": "codex-orchestra-session", "format_version": 1,
    "orchestra_version": "0.1.0", "started_at": "2026-01-01T00:00:00+00:00", "started_at_unix": 0.0,
    "conversation": {"id": "c1"},
}  # fmt: skip


def _event(kind: str, payload: Any) -> dict[str, Any]:
    return {
        "type": "event",
        "seq": 0,
        "t": 0.0,
        "wall": 0.0,
        "kind": kind,
        "payload": payload,
        "conversation": "c1",
    }


def _write(path: Path, *records: Any) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records))
    return path


def test_a_document_whose_header_is_not_an_object_is_a_format_error(tmp_path: Path) -> None:
    with pytest.raises(RecordingFormatError):
        load_recording(_write(tmp_path / "doc.jsonl", {"header": None, "events": []}))


@pytest.mark.parametrize(
    "payload",
    [
        {"item": {"type": "fileChange", "id": "i", "changes": 5}},
        {"item": {"type": "userMessage", "id": "i", "content": 5}},
    ],
    ids=["changes-not-a-list", "content-not-a-list"],
)
@pytest.mark.parametrize(
    "read",
    [transcript, lambda path: plan_resume(path, prefer_rollout=False)],
    ids=["transcript", "plan_resume"],
)
def test_an_item_with_a_field_of_the_wrong_type_is_read_as_empty(
    tmp_path: Path, payload: dict[str, Any], read: Callable[[Path], object]
) -> None:
    path = _write(tmp_path / "rec.jsonl", HEADER, _event("item/completed", payload))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        read(path)  # no TypeError


def test_an_approval_whose_request_id_is_a_list_is_still_shown(tmp_path: Path) -> None:
    request = {
        "method": "item/commandExecution/requestApproval",
        "request_id": [1],
        "params": {"command": "ls"},
    }
    decided = {"request_id": [1], "method": "item/commandExecution/requestApproval", "decision": "accept"}
    path = _write(
        tmp_path / "rec.jsonl",
        HEADER,
        _event("orchestra/ServerRequest", request),
        _event("orchestra/ApprovalDecided", decided),
    )
    entries = [e for e in transcript(path).entries if e.kind == "approval"]
    assert [e.details.get("decision") for e in entries] == ["accept"]


async def test_a_bad_first_line_is_not_read_again_as_a_whole_document(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Reading a whole file on the chance that it is an exported document used gigabytes for a big
    JSONL with a damaged first line (and never ended on an endless one). Only a file that starts
    as a document does (``{`` alone on its first line) is tried as one."""
    from orchestra.session import _recording

    tried: list[str] = []
    real = _recording._try_document

    def spy(path: str) -> Any:
        tried.append(path)
        return real(path)

    monkeypatch.setattr(_recording, "_try_document", spy)
    damaged = tmp_path / "damaged.jsonl"
    damaged.write_text('{"type": "header", "format": \n' + json.dumps(_event("x", {})) + "\n")
    with pytest.raises(CorruptRecordingError):
        load_recording(damaged)
    with pytest.raises(CorruptRecordingError):
        async for _ in replay(damaged):
            pass
    assert tried == []
    document = tmp_path / "doc.json"
    document.write_text(json.dumps({"header": HEADER, "events": []}, indent=2))
    assert load_recording(document).records == ()  # a real exported document is still read
    assert tried == [str(document)]
