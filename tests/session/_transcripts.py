"""Recordings made from the reference transcripts of real runtime sessions (no runtime needed)."""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from orchestra import ApprovalDecided, ServerRequest
from orchestra.protocol import structure_notification, structure_server_request
from orchestra.session import Recorder

DATA = Path(__file__).parent.parent / "protocol" / "data"


def record_transcript(name: str, destination: Path) -> Path:
    """Feed the runtime's messages of ``appserver_<name>.jsonl`` through a Recorder, as a
    conversation actor would observe them (one actor per thread, turns by turn/started)."""
    actors: dict[str, SimpleNamespace] = {}
    pending: dict[Any, str] = {}
    clock = iter(range(10**6)).__next__
    with Recorder(destination, clock=lambda: clock() * 0.01) as recorder:
        for line in (DATA / f"appserver_{name}.jsonl").read_text().splitlines():
            entry = json.loads(line)
            msg = entry["msg"]
            params = msg.get("params") if isinstance(msg.get("params"), dict) else {}
            if entry["dir"] == "s2c" and "method" in msg:
                thread_id = params.get("threadId") or (params.get("thread") or {}).get("id")
                if thread_id is None:
                    continue  # control-route traffic: not a conversation's
                actor = actors.setdefault(
                    thread_id,
                    SimpleNamespace(thread_id=thread_id, thread=None, active=None, runtime=None, slot=None),
                )
                if "id" in msg:
                    pending[msg["id"]] = thread_id
                    typed = structure_server_request(msg["method"], params)
                    recorder(actor, ServerRequest(method=msg["method"], request_id=msg["id"], params=typed))
                    continue
                if msg["method"] == "turn/started":
                    actor.active = SimpleNamespace(id=params["turn"]["id"], done=False)
                recorder(actor, structure_notification(msg["method"], params))
                if msg["method"] == "turn/completed" and actor.active is not None:
                    actor.active.done = True
            elif entry["dir"] == "c2s" and "result" in msg and msg.get("id") in pending:
                actor = actors[pending.pop(msg["id"])]
                decision = msg["result"].get("decision")
                recorder(
                    actor,
                    ApprovalDecided(
                        method="item/commandExecution/requestApproval",
                        request_id=msg["id"],
                        decision=decision,
                    ),
                )
    return destination
