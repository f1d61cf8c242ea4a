"""Per-turn and per-conversation overrides reach the model request; structured output."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import trio

from orchestra import Orchestra
from orchestra.protocol import WorkspaceWriteSandboxPolicy
from orchestra.surface import StructuredOutputError, sandbox_policy
from orchestra.testing import RecordedRequest, ScriptedModel, reply

from .conftest import TIMEOUT

SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {"city": {"type": "string"}, "population": {"type": "integer", "minimum": 0}},
    "required": ["city", "population"],
    "additionalProperties": False,
}


def _environment(request: RecordedRequest) -> str:
    """The last ``<environment_context>`` message the runtime sent."""
    return [t for t in request.messages("user") if "<environment_context>" in t][-1]


def _permissions(request: RecordedRequest) -> str:
    """The last permissions instructions (re-sent when the sandbox or approval policy changes)."""
    return [t for t in request.messages("developer") if "<permissions instructions>" in t][-1]


async def test_per_turn_overrides_reach_the_model_request(
    orch: Orchestra, scripted_model: ScriptedModel, workdir: Path, tmp_path: Path
) -> None:
    other = tmp_path / "elsewhere"
    other.mkdir()
    scripted_model.enqueue(
        reply.text("plain"), reply.text(json.dumps({"city": "Oslo", "population": 709000}))
    )
    with trio.fail_after(TIMEOUT):
        async with orch.conversation(cwd=str(workdir)) as conv:
            await conv.run("plain turn")
            turn = await conv.send(
                "overridden turn",
                model="other-model",
                effort="high",
                summary="detailed",
                cwd=str(other),
                approval_policy="untrusted",
                sandbox_policy={"type": "readOnly"},
                output_schema=SCHEMA,
            )
            value = await turn.output()
    before, after = scripted_model.requests
    assert (before.model, after.model) == ("scripted-model", "other-model")
    assert after.json["reasoning"] == {"effort": "high", "summary": "detailed"}
    assert f"<cwd>{workdir}</cwd>" in _environment(before)
    assert f"<cwd>{other}</cwd>" in _environment(after)
    assert before.turn_metadata["sandbox_mode"] == "danger-full-access"
    assert after.turn_metadata["sandbox_mode"] == "read-only"
    assert "Approval policy is currently never" in _permissions(before)
    assert "`approval_policy` is `unless-trusted`" in _permissions(after)
    assert "format" not in before.json.get("text", {})
    assert after.json["text"]["format"]["type"] == "json_schema"
    assert after.json["text"]["format"]["schema"] == SCHEMA
    assert value == {"city": "Oslo", "population": 709000}


async def test_configure_changes_every_later_turn(
    orch: Orchestra, scripted_model: ScriptedModel, workdir: Path, tmp_path: Path
) -> None:
    other = tmp_path / "elsewhere"
    other.mkdir()
    with trio.fail_after(TIMEOUT):
        async with orch.conversation(cwd=str(workdir)) as conv:
            settings = await conv.configure(
                model="configured-model",
                effort="low",
                summary="concise",
                cwd=other,
                approval_policy="on-request",
                sandbox_policy=sandbox_policy("workspace-write", writable_roots=[other]),
            )
            await conv.run("first")
            await conv.run("second")
    assert (settings.model, settings.effort, settings.summary) == ("configured-model", "low", "concise")
    assert settings.approval_policy == "on-request" and isinstance(
        settings.sandbox_policy, WorkspaceWriteSandboxPolicy
    )
    for request in scripted_model.requests:
        assert request.model == "configured-model"
        assert request.json["reasoning"] == {"effort": "low", "summary": "concise"}
        assert request.turn_metadata["sandbox_mode"] == "workspace-write"
    assert f"<cwd>{other}</cwd>" in _environment(scripted_model.requests[-1])
    # on-request: the model is told how to ask for approval (never: that it must not).
    permissions = _permissions(scripted_model.requests[-1])
    assert "To request approval to execute a command" in permissions
    assert "Approval policy is currently never" not in permissions


async def test_configure_without_a_change_returns_at_once_and_calls_run_one_at_a_time(
    orch: Orchestra, scripted_model: ScriptedModel, workdir: Path
) -> None:
    """The runtime reports settings only when they change: asking again for the same (or for
    nothing) returned only after the whole timeout, with TooSlowError. Two calls at once each get
    the settings of their own update (both got the first report)."""
    with trio.fail_after(TIMEOUT):
        async with orch.conversation(cwd=str(workdir)) as conv:
            with pytest.raises(ValueError, match="nothing to change"):
                await conv.configure()
            first = await conv.configure(model="m2")
            with trio.fail_after(2):  # well under configure's own timeout
                assert (await conv.configure(model="m2")) == first == (await conv.configure())
            got: dict[str, str] = {}

            async def set_model(name: str) -> None:
                got[name] = (await conv.configure(model=name)).model

            async with trio.open_nursery() as nursery:
                nursery.start_soon(set_model, "A")
                nursery.start_soon(set_model, "B")
            await conv.run("which model?")
    assert got == {"A": "A", "B": "B"}
    assert scripted_model.requests[-1].model in got  # the one set last


async def test_a_turn_takes_a_sandbox_mode_by_name_as_configure_does(
    orch: Orchestra, scripted_model: ScriptedModel, workdir: Path
) -> None:
    with trio.fail_after(TIMEOUT):
        async with orch.conversation(cwd=str(workdir)) as conv:
            await conv.run("hi", sandbox_policy="read-only")  # a ValueError from dict("read-only")
    assert scripted_model.requests[-1].turn_metadata["sandbox_mode"] == "read-only"


async def test_structured_output_is_parsed_and_validated(
    orch: Orchestra, scripted_model: ScriptedModel, workdir: Path
) -> None:
    scripted_model.enqueue(
        reply.text('{"city": "Lima", "population": 10000000}'),
        reply.text('{"city": "Lima", "population": -3}'),
        reply.text("Lima, about ten million"),
    )
    with trio.fail_after(TIMEOUT):
        async with orch.conversation(cwd=str(workdir)) as conv:
            good = await conv.run_structured("Largest city of Peru?", SCHEMA)
            with pytest.raises(StructuredOutputError) as invalid:
                await conv.run_structured("Again", SCHEMA)
            with pytest.raises(StructuredOutputError) as not_json:
                await conv.run_structured("Once more", SCHEMA)
    assert good.value == {"city": "Lima", "population": 10000000} and good.result.ok
    assert invalid.value.problems == ("$.population: -3 is less than the minimum of 0",)
    assert "not JSON" in str(not_json.value) and not_json.value.text == "Lima, about ten million"
    assert all(r.json["text"]["format"]["schema"] == SCHEMA for r in scripted_model.requests)
