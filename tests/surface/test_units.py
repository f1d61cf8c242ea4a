"""The surface's pure parts, without a runtime: review text, structured output, inputs, settings."""

from __future__ import annotations

import pytest

from orchestra.protocol import TextUserInput, WorkspaceWriteSandboxPolicy
from orchestra.surface import StructuredOutputError, TurnOverrides, parse, sandbox_policy
from orchestra.surface.inputs import to_wire
from orchestra.surface.review import (
    FALLBACK_TEXT,
    ReviewFinding,
    ReviewOutput,
    parse_review_text,
    target_from,
)
from orchestra.surface.structured import check_schema

RENDERED = """Two problems.

Full review comments:

- [P0] Crash on empty input \u2014 /src/a.py:10-12
  `xs[0]` raises IndexError
  when xs is empty.

- Unused import -- /src/b.py:1-1
  `os` is never used."""


def test_rendered_review_text_parses_back_into_findings() -> None:
    output = parse_review_text(RENDERED)
    assert output.overall_explanation == "Two problems."
    assert output.findings == (
        ReviewFinding(
            title="[P0] Crash on empty input",
            body="`xs[0]` raises IndexError\nwhen xs is empty.",
            priority=0,
            file="/src/a.py",
            line_start=10,
            line_end=12,
        ),
        ReviewFinding(
            title="Unused import", body="`os` is never used.", file="/src/b.py", line_start=1, line_end=1
        ),
    )
    assert parse_review_text(FALLBACK_TEXT) == ReviewOutput()


def test_review_output_round_trips_through_the_wire_json() -> None:
    finding = ReviewFinding("[P2] x", "y", priority=2, confidence=0.25, file="/f", line_start=3, line_end=4)
    output = ReviewOutput((finding,), "patch is correct", "fine", 0.75)
    import json

    assert ReviewOutput.from_wire(json.loads(output.to_json())) == output
    assert target_from("uncommitted").type == "uncommittedChanges"
    assert target_from({"type": "baseBranch", "branch": "main"}).type == "baseBranch"
    assert target_from("look at errors").type == "custom"


def test_structured_parse_reports_every_violation_with_its_path() -> None:
    schema = {
        "type": "object",
        "properties": {"items": {"type": "array", "items": {"type": "integer"}}, "name": {"type": "string"}},
        "required": ["items", "name"],
    }
    assert parse('{"items": [1, 2], "name": "n"}', schema) == {"items": [1, 2], "name": "n"}
    with pytest.raises(StructuredOutputError) as bad:
        parse('{"items": [1, "two"]}', schema)
    assert bad.value.problems == (
        "$: 'name' is a required property",
        "$.items[1]: 'two' is not of type 'integer'",
    )


def test_inputs_and_settings_build_wire_shapes() -> None:
    assert to_wire("hi") == [{"type": "text", "text": "hi"}]
    assert to_wire(["a", {"type": "localImage", "path": "/p.png"}]) == [
        {"type": "text", "text": "a"},
        {"type": "localImage", "path": "/p.png"},
    ]
    assert sandbox_policy("read-only").type == "readOnly"
    workspace = sandbox_policy("workspace-write", writable_roots=["/w"], network_access=False)
    assert isinstance(workspace, WorkspaceWriteSandboxPolicy)
    assert (workspace.writable_roots, workspace.network_access) == (["/w"], False)
    with pytest.raises(ValueError, match="unknown sandbox mode"):
        sandbox_policy("open")
    overrides = TurnOverrides(
        model="m", sandbox_policy="danger-full-access", output_schema={"type": "object"}
    )
    assert overrides.kwargs() == {
        "model": "m",
        "sandbox_policy": {"type": "dangerFullAccess"},
        "output_schema": {"type": "object"},
    }


def test_one_input_item_is_one_item_not_a_list_of_its_keys() -> None:
    item = {"type": "text", "text": "hello"}
    assert to_wire(item) == [item]  # was [{"type": "text", "text": "type"}, {... "text"}]
    assert to_wire(TextUserInput(text="hi", text_elements=[])) == [
        {"type": "text", "text": "hi", "text_elements": []}
    ]
    assert to_wire(("a", item)) == [{"type": "text", "text": "a"}, item]
    with pytest.raises(TypeError, match="user input is a str"):
        to_wire(42)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="not a user input item"):
        to_wire(["a", 42])  # type: ignore[list-item]


@pytest.mark.parametrize(
    ("target", "message"),
    [
        ({"type": "basebranch", "branch": "main"}, "unknown review target type 'basebranch'"),
        ({"type": "baseBranch"}, "needs a string 'branch'"),
        ({"type": "commit", "sha": 7}, "needs a string 'sha'"),
        ({"branch": "main"}, "unknown review target type None"),
    ],
)
def test_a_review_target_dict_that_names_no_known_target_is_refused(
    target: dict[str, object], message: str
) -> None:
    """It silently reviewed the uncommitted changes instead (or raised KeyError)."""
    with pytest.raises(ValueError, match=message):
        target_from(target)


@pytest.mark.parametrize("schema", [{"type": 12}, {"properties": "x"}, ["not", "an", "object"]])
def test_an_invalid_output_schema_is_refused_before_anything_runs(schema: object) -> None:
    with pytest.raises(ValueError, match="output schema"):
        check_schema(schema)  # type: ignore[arg-type]
