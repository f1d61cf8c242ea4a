"""A recording's completed items as the model-visible history a fresh thread is given."""

from __future__ import annotations

import json
from typing import Any

from orchestra.session._format import EventRecord
from orchestra.session._history import PATCH_TOOL, SHELL_TOOL, history_from_records, response_items


def _completed(item: dict[str, Any], seq: int = 0) -> EventRecord:
    return EventRecord(seq=seq, t=0.0, wall=0.0, kind="item/completed", payload={"item": item})


def test_messages_keep_their_roles_and_text() -> None:
    user = {
        "type": "userMessage",
        "id": "u1",
        "content": [
            {"type": "text", "text": "look at this"},
            {"type": "image", "url": "https://example.invalid/a.png"},
            {"type": "localImage", "path": "/tmp/b.png"},
            {"type": "mention", "name": "x"},  # no equivalent: left out of the content
        ],
    }
    agent = {"type": "agentMessage", "id": "a1", "text": "seen"}
    assert response_items(user) == [
        {
            "type": "message",
            "role": "user",
            "content": [
                {"type": "input_text", "text": "look at this"},
                {"type": "input_image", "image_url": "https://example.invalid/a.png"},
                {"type": "input_text", "text": "[image: /tmp/b.png]"},
            ],
        }
    ]
    assert response_items(agent) == [
        {"type": "message", "role": "assistant", "content": [{"type": "output_text", "text": "seen"}]}
    ]
    assert response_items({"type": "agentMessage", "text": ""}) == []  # nothing said, nothing carried


def test_a_command_is_a_shell_call_and_its_output() -> None:
    item = {
        "type": "commandExecution",
        "id": "call_1",
        "command": "/bin/bash -lc 'touch a.txt && echo made a.txt'",
        "status": "completed",
        "exitCode": 0,
        "aggregatedOutput": "made a.txt\n",
    }
    call, output = response_items(item) or []
    assert call == {
        "type": "function_call",
        "name": SHELL_TOOL,
        "arguments": json.dumps({"cmd": "touch a.txt && echo made a.txt"}),  # the script, unwrapped
        "call_id": "call_1",
    }
    assert output == {
        "type": "function_call_output",
        "call_id": "call_1",
        "output": "Process exited with code 0\nOutput:\nmade a.txt\n",
    }


def test_a_declined_or_unparsable_command_is_carried_as_it_was() -> None:
    declined = {"type": "commandExecution", "id": "c2", "command": "rm -rf /", "status": "declined"}
    call, output = response_items(declined) or []
    assert json.loads(call["arguments"]) == {"cmd": "rm -rf /"}  # not a bash -lc wrapper: as is
    assert output["output"] == "exec_command failed: rejected by user"
    broken = {"type": "commandExecution", "id": "c3", "command": "echo 'unclosed", "exitCode": None}
    call, output = response_items(broken) or []
    assert json.loads(call["arguments"]) == {"cmd": "echo 'unclosed"}
    assert output["output"].startswith("Process exited with code unknown")


def test_a_file_change_is_an_apply_patch_call() -> None:
    item = {
        "type": "fileChange",
        "id": "p1",
        "status": "completed",
        "changes": [
            {"path": "new.txt", "kind": {"type": "add"}, "diff": "+hello\n"},
            {"path": "old.txt", "kind": {"type": "delete"}, "diff": ""},
            {"path": "kept.txt", "kind": {"type": "update", "move_path": None}, "diff": "@@\n-a\n+b\n"},
            "not a change",
        ],
    }
    call, output = response_items(item) or []
    assert call["type"] == "custom_tool_call" and call["name"] == PATCH_TOOL and call["call_id"] == "p1"
    assert call["input"].splitlines() == [
        "*** Begin Patch",
        "*** Add File: new.txt",
        "+hello",
        "*** Delete File: old.txt",
        "*** Update File: kept.txt",
        "@@",
        "-a",
        "+b",
        "*** End Patch",
    ]
    success = "Success. Updated the files."
    assert output == {"type": "custom_tool_call_output", "call_id": "p1", "output": success}
    failed = response_items({**item, "status": "failed", "changes": []}) or []
    assert failed[1]["output"] == "apply_patch failed"


def test_history_keeps_order_and_names_what_it_skipped() -> None:
    records = [
        _completed({"type": "userMessage", "id": "u", "content": [{"type": "text", "text": "hi"}]}, 0),
        EventRecord(seq=1, t=0.0, wall=0.0, kind="item/agentMessage/delta", payload={"delta": "he"}),
        _completed({"type": "reasoning", "id": "r", "summary": []}, 2),
        _completed({"type": "agentMessage", "id": "a", "text": "hello"}, 3),
        EventRecord(seq=4, t=0.0, wall=0.0, kind="item/completed", payload="not a mapping"),
        EventRecord(seq=5, t=0.0, wall=0.0, kind="item/completed", payload={"item": None}),
    ]
    history = history_from_records(records)
    said = [(i["role"], i["content"][0]["text"]) for i in history.items]
    assert said == [("user", "hi"), ("assistant", "hello")]
    assert history.skipped == ("reasoning",)
