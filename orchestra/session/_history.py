"""A recorded conversation's completed items as model-visible history (Responses API items).

Used to restore a conversation whose rollout is not available (a recording made elsewhere):
the items go to ``thread/inject_items`` on a fresh thread, which appends them to the history the
model sees on the next request. What the recording cannot give back: reasoning (its encrypted
content is not in events), and items other than messages, shell commands and file changes;
those are skipped and named in :attr:`History.skipped`.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any

import attrs

from .._shell import shell_script
from ._format import EventRecord, list_field

#: The runtime's shell tool (0.163): ``exec_command {"cmd": ...}``; file edits: custom ``apply_patch``.
SHELL_TOOL = "exec_command"
PATCH_TOOL = "apply_patch"


@attrs.frozen
class History:
    """Responses API items, oldest first, and the item types that could not be carried over."""

    items: tuple[dict[str, Any], ...]
    skipped: tuple[str, ...] = ()


def history_from_records(records: Iterable[EventRecord]) -> History:
    """The model-visible history of the ``item/completed`` events among ``records``."""
    items: list[dict[str, Any]] = []
    skipped: list[str] = []
    for record in records:
        if record.kind != "item/completed" or not isinstance(record.payload, Mapping):
            continue
        item = record.payload.get("item")
        if not isinstance(item, Mapping):
            continue
        converted = response_items(item)
        if converted is None:
            skipped.append(str(item.get("type")))
        else:
            items.extend(converted)
    return History(tuple(items), tuple(skipped))


def response_items(item: Mapping[str, Any]) -> list[dict[str, Any]] | None:
    """The Responses API items for one ThreadItem (wire form), or None if it has no equivalent."""
    kind = item.get("type")
    if kind == "userMessage":
        content = [part for part in map(_input_part, list_field(item.get("content"))) if part is not None]
        return [_message("user", content)] if content else []
    if kind == "agentMessage":
        text = str(item.get("text") or "")
        return [_message("assistant", [{"type": "output_text", "text": text}])] if text else []
    if kind == "commandExecution":
        return _command(item)
    if kind == "fileChange":
        return _file_change(item)
    return None


def _message(role: str, content: list[dict[str, Any]]) -> dict[str, Any]:
    return {"type": "message", "role": role, "content": content}


def _input_part(part: Any) -> dict[str, Any] | None:
    if not isinstance(part, Mapping):
        return None
    kind = part.get("type")
    if kind == "text":
        return {"type": "input_text", "text": str(part.get("text") or "")}
    if kind == "image" and part.get("url"):
        return {"type": "input_image", "image_url": str(part["url"])}
    if kind == "localImage" and part.get("path"):
        return {"type": "input_text", "text": f"[image: {part['path']}]"}
    return None


def _command(item: Mapping[str, Any]) -> list[dict[str, Any]]:
    call_id = str(item.get("id"))
    status = item.get("status")
    if status == "declined":
        output = "exec_command failed: rejected by user"
    else:
        code = item.get("exitCode")
        output = (
            f"Process exited with code {code if code is not None else 'unknown'}\n"
            f"Output:\n{item.get('aggregatedOutput') or ''}"
        )
    arguments = json.dumps({"cmd": shell_script(str(item.get("command") or ""))})
    return [
        {"type": "function_call", "name": SHELL_TOOL, "arguments": arguments, "call_id": call_id},
        {"type": "function_call_output", "call_id": call_id, "output": output},
    ]


def _file_change(item: Mapping[str, Any]) -> list[dict[str, Any]]:
    call_id = str(item.get("id"))
    lines = ["*** Begin Patch"]
    for change in list_field(item.get("changes")):
        if not isinstance(change, Mapping):
            continue
        path = change.get("path")
        kind = (change.get("kind") or {}).get("type") if isinstance(change.get("kind"), Mapping) else None
        verb = {"add": "Add", "delete": "Delete"}.get(str(kind), "Update")
        lines.append(f"*** {verb} File: {path}")
        diff = str(change.get("diff") or "")
        if diff:
            lines.append(diff.rstrip("\n"))
    lines.append("*** End Patch")
    status = item.get("status")
    output = "Success. Updated the files." if status == "completed" else f"apply_patch {status}"
    return [
        {"type": "custom_tool_call", "name": PATCH_TOOL, "input": "\n".join(lines), "call_id": call_id},
        {"type": "custom_tool_call_output", "call_id": call_id, "output": output},
    ]
