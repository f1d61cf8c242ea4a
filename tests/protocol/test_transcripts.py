"""Every message of the reference transcripts structures into its typed class and back, unchanged.

The transcripts were recorded from the real runtime (0.163, ``experimentalApi: true``). Round-tripping
each message through the generated classes proves the wire names, the required/optional split and
the union dispatch against what the runtime actually sends and accepts.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest

from orchestra.protocol import (
    CLIENT_NOTIFICATIONS,
    CLIENT_REQUESTS,
    SERVER_NOTIFICATIONS,
    SERVER_REQUESTS,
    UnknownEvent,
    UnknownRequest,
    UnparsedEvent,
    converter,
    structure_notification,
    structure_response,
    structure_server_request,
    unstructure,
)

from .helpers import TRANSCRIPTS, differences, unknown_variants, without_nulls


def check(label: str, raw: Any, typed: object, expected_type: Any, problems: list[str]) -> None:
    if isinstance(typed, UnknownEvent | UnknownRequest | UnparsedEvent):
        problems.append(f"{label}: {typed!r:.500}")
        return
    if isinstance(expected_type, type) and not isinstance(typed, expected_type):
        problems.append(f"{label}: got {type(typed).__name__}, expected {expected_type.__name__}")
    problems.extend(f"{label}: UnknownVariant at {path}" for path in unknown_variants(typed))
    wire = unstructure(typed)
    problems.extend(f"{label}: {d}" for d in differences(without_nulls(raw), without_nulls(wire)))


def round_trip_transcript(lines: list[dict[str, Any]]) -> tuple[list[str], Counter[str]]:
    problems: list[str] = []
    seen: Counter[str] = Counter()
    client_ids: dict[Any, str] = {}  # requests we sent, by id
    server_ids: dict[Any, str] = {}  # requests the runtime sent, by id
    for n, line in enumerate(lines, 1):
        msg, direction = line["msg"], line["dir"]
        method = msg.get("method")
        label = f"line {n} {direction} {method or 'response'}"
        if direction == "s2c" and method is not None and "id" in msg:
            server_ids[msg["id"]] = method
            typed = structure_server_request(method, msg.get("params"))
            check(label, msg.get("params"), typed, SERVER_REQUESTS[method][0], problems)
            seen["server request"] += 1
        elif direction == "s2c" and method is not None:
            typed = structure_notification(method, msg.get("params"))
            check(label, msg.get("params"), typed, SERVER_NOTIFICATIONS.get(method), problems)
            seen["notification"] += 1
        elif direction == "s2c" and "result" in msg:
            method = client_ids[msg["id"]]
            typed = structure_response(method, msg["result"])
            check(f"{label} to {method}", msg["result"], typed, CLIENT_REQUESTS[method][1], problems)
            seen["response"] += 1
        elif direction == "c2s" and method is not None and "id" in msg:
            client_ids[msg["id"]] = method
            params_type = CLIENT_REQUESTS[method][0]
            typed = converter.structure(msg.get("params"), params_type)
            if msg.get("params") is not None:
                check(label, msg["params"], typed, params_type, problems)
            seen["client request"] += 1
        elif direction == "c2s" and method is not None:
            assert method in CLIENT_NOTIFICATIONS
            assert ("params" in msg) == (CLIENT_NOTIFICATIONS[method] is not None)
            seen["client notification"] += 1
        elif direction == "c2s" and "result" in msg:
            method = server_ids[msg["id"]]
            response_type = SERVER_REQUESTS[method][1]
            typed = converter.structure(msg["result"], response_type)
            check(f"{label} to {method}", msg["result"], typed, response_type, problems)
            seen["client response"] += 1
    return problems, seen


@pytest.mark.parametrize("path", TRANSCRIPTS, ids=lambda p: p.stem)
def test_transcript_round_trips(path: Any, transcripts: dict[str, list[dict[str, Any]]]) -> None:
    problems, seen = round_trip_transcript(transcripts[path.name])
    assert not problems, "\n".join(problems)
    assert seen["notification"] > 0


def test_transcripts_cover_every_kind_of_message(transcripts: dict[str, list[dict[str, Any]]]) -> None:
    total: Counter[str] = Counter()
    for lines in transcripts.values():
        total += round_trip_transcript(lines)[1]
    kinds = ("notification", "server request", "response", "client request", "client response")
    assert all(total[kind] > 0 for kind in kinds), total
    assert total["notification"] >= 300
