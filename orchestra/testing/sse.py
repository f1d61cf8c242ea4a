"""Server-Sent Events, the wire format of a streamed Responses API reply.

One event is written the way the Codex runtime's own test helpers write it
(``codex-rs/core/tests/common/responses.rs``, ``sse()``)::

    event: response.output_text.delta
    data: {"type": "response.output_text.delta", "delta": "Hel"}
    <blank line>

The runtime only reads the ``data:`` JSON; the ``event:`` line is there for humans and for
other SSE clients. :func:`parse_sse` reads such a stream back, which is handy when you test a
client of your own against :class:`~orchestra.testing.model_server.ScriptedModel`.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any

__all__ = ["encode_event", "encode_events", "parse_sse"]


def encode_event(event: Mapping[str, Any]) -> bytes:
    """Encode one event (a JSON object with a ``type`` key) as an SSE frame."""
    kind = event.get("type")
    if not isinstance(kind, str):
        raise ValueError(f"an SSE event needs a string 'type', got {kind!r}")
    data = json.dumps(event, ensure_ascii=False, separators=(",", ":"))
    return f"event: {kind}\ndata: {data}\n\n".encode()


def encode_events(events: Iterable[Mapping[str, Any]]) -> bytes:
    """Encode several events, in order, as one SSE body."""
    return b"".join(encode_event(event) for event in events)


def parse_sse(body: bytes | str) -> list[dict[str, Any]]:
    """Parse an SSE body into the JSON objects carried by its ``data:`` lines.

    Multi-line ``data:`` fields are joined with newlines, as the SSE specification says.
    Frames without data (comments, bare ``event:`` lines) are skipped. A ``data:`` payload that
    is not a JSON object raises :class:`ValueError`: a scripted stream never contains one.
    """
    text = body.decode() if isinstance(body, bytes) else body
    events: list[dict[str, Any]] = []
    data_lines: list[str] = []
    for line in [*text.replace("\r\n", "\n").split("\n"), ""]:
        if line == "":
            if data_lines:
                payload = json.loads("\n".join(data_lines))
                if not isinstance(payload, dict):
                    raise ValueError(f"SSE data is not a JSON object: {payload!r}")
                events.append(payload)
                data_lines = []
            continue
        if line.startswith(":"):
            continue
        field, _, value = line.partition(":")
        if field == "data":
            data_lines.append(value.removeprefix(" "))
    return events
