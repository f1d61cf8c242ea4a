"""The generated module: in step with the installed runtime, complete, and importable on its own."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import attrs

from orchestra import protocol
from orchestra.protocol import (
    CLIENT_NOTIFICATIONS,
    CLIENT_REQUESTS,
    RUNTIME_VERSION,
    SERVER_NOTIFICATIONS,
    SERVER_REQUESTS,
    AgentMessageDeltaNotification,
    TextUserInput,
    _generated,
)

from .helpers import ROOT

GENERATED = ROOT / "orchestra" / "protocol" / "_generated.py"


def test_regenerating_from_the_installed_runtime_reproduces_the_checked_in_module(tmp_path: Path) -> None:
    out = tmp_path / "_generated.py"
    subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "generate_protocol.py"), "--out", str(out)],
        check=True,
        capture_output=True,
    )
    assert out.read_bytes() == GENERATED.read_bytes(), (
        "orchestra/protocol/_generated.py is stale: run python scripts/generate_protocol.py"
    )


def test_header_names_the_runtime_and_forbids_editing() -> None:
    head = GENERATED.read_text().splitlines()[:3]
    assert RUNTIME_VERSION in head[0] and "DO NOT EDIT" in head[1]
    assert RUNTIME_VERSION == "0.163.0"


def test_registries_cover_the_schema() -> None:
    # codex 0.163 with experimental methods: 85 notifications, 11 server requests, 172 client requests
    assert len(SERVER_NOTIFICATIONS) == 85
    assert len(SERVER_REQUESTS) == 11
    assert len(CLIENT_REQUESTS) == 172
    assert CLIENT_NOTIFICATIONS == {"initialized": None}
    assert SERVER_NOTIFICATIONS["item/agentMessage/delta"] is AgentMessageDeltaNotification
    assert all(response is not None for _, response in CLIENT_REQUESTS.values())
    assert CLIENT_REQUESTS["turn/start"] == (_generated.TurnStartParams, _generated.TurnStartResponse)
    assert SERVER_REQUESTS["item/commandExecution/requestApproval"] == (
        _generated.CommandExecutionRequestApprovalParams,
        _generated.CommandExecutionRequestApprovalResponse,
    )


def test_wire_names_are_kept_exactly() -> None:
    def wire(cls: type, name: str) -> str:
        return str(attrs.fields_dict(cls)[name].metadata.get("wire", name))

    assert wire(AgentMessageDeltaNotification, "thread_id") == "threadId"
    assert wire(TextUserInput, "text_elements") == "text_elements"
    body = _generated.AcceptWithExecpolicyAmendmentCommandExecutionApprovalDecisionBody
    assert wire(body, "execpolicy_amendment") == "execpolicy_amendment"
    for cls in (v for v in vars(_generated).values() if isinstance(v, type) and attrs.has(v)):
        wires = [str(a.metadata.get("wire", a.name)) for a in attrs.fields(cls)]
        assert len(set(wires)) == len(wires), cls


def test_public_names() -> None:
    assert set(_generated.__all__) <= set(protocol.__all__)
    for name in protocol.__all__:
        assert hasattr(protocol, name), name


ISOLATED_IMPORT = """
import sys, types
stub = types.ModuleType("orchestra")
stub.__path__ = [sys.argv[1]]
sys.modules["orchestra"] = stub
import orchestra.protocol
print(sorted(m for m in sys.modules if m.startswith("orchestra.") and ".protocol" not in m))
"""


def test_the_package_imports_nothing_else_of_orchestra() -> None:
    out = subprocess.run(
        [sys.executable, "-c", ISOLATED_IMPORT, str(ROOT / "orchestra")],
        check=True,
        capture_output=True,
        text=True,
    )
    assert out.stdout.strip() == "[]"
