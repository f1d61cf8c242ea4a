"""Structured output: a turn whose final message must be JSON valid against a JSON Schema.

The runtime passes ``outputSchema`` to the model (``text.format`` of type ``json_schema``, strict);
the model's final message is JSON. Here that message is parsed and validated against the same
schema (``jsonschema``, the draft the schema declares, 2020-12 by default), so a reply that does
not conform is a :class:`StructuredOutputError`, not a surprise further down.
"""

from __future__ import annotations

import importlib
import json
import math
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import attrs

from ..actors.turn import TurnResult
from ._errors import StructuredOutputError

if TYPE_CHECKING:
    from ..actors.conversation import UserInput
    from ..actors.handle import Conversation
    from ..actors.turn import Turn


@attrs.frozen
class StructuredResult:
    """The parsed, validated final message (``value``) and the turn it came from."""

    value: Any
    result: TurnResult


def _path(parts: Any) -> str:
    text = "$"
    for part in parts:
        text += f"[{part}]" if isinstance(part, int) else f".{part}"
    return text


def check_schema(schema: Mapping[str, Any]) -> None:
    """Raise ``ValueError`` if ``schema`` is not a valid JSON Schema (of the draft it declares)."""
    jsonschema = importlib.import_module("jsonschema")
    if not isinstance(schema, Mapping):
        raise ValueError(f"an output schema is a JSON object, not {type(schema).__name__}")
    try:
        jsonschema.validators.validator_for(schema).check_schema(schema)
    except jsonschema.exceptions.SchemaError as exc:
        raise ValueError(f"not a valid output schema: {exc.message}") from None


def validate(value: Any, schema: Mapping[str, Any]) -> None:
    """Raise :class:`StructuredOutputError` if ``value`` does not satisfy ``schema``."""
    jsonschema = importlib.import_module("jsonschema")
    check_schema(schema)
    validator_class = jsonschema.validators.validator_for(schema)
    errors = sorted(validator_class(schema).iter_errors(value), key=lambda e: list(e.absolute_path))
    if errors:
        problems = [f"{_path(e.absolute_path)}: {e.message}" for e in errors]
        raise StructuredOutputError(
            "final message does not match the output schema: " + "; ".join(problems),
            text=json.dumps(value),
            problems=problems,
        )


def parse(text: str, schema: Mapping[str, Any]) -> Any:
    """Parse a final message as JSON and validate it against ``schema``."""
    try:
        value = json.loads(text)
    except ValueError as exc:
        raise StructuredOutputError(
            f"final message is not JSON ({exc}): {text[:120]!r}", text=text, problems=[str(exc)]
        ) from exc
    try:
        validate(value, schema)
    except StructuredOutputError as exc:
        raise StructuredOutputError(str(exc), text=text, problems=exc.problems) from None
    return value


def parse_result(result: TurnResult, schema: Mapping[str, Any]) -> Any:
    """The validated value of a completed turn (raises :class:`~orchestra.TurnFailedError` if it
    did not complete, :class:`StructuredOutputError` if its message does not conform)."""
    result.raise_for_status()
    return parse(result.final_text, schema)


async def run_structured(
    conversation: Conversation,
    user_input: UserInput,
    schema: Mapping[str, Any],
    *,
    timeout: float = math.inf,
    **overrides: Any,
) -> StructuredResult:
    """Run one turn with ``output_schema=schema`` and return its validated value. An invalid
    schema is a ``ValueError`` before anything is sent."""
    check_schema(schema)
    turn = await conversation.send(user_input, output_schema=schema, **overrides)
    result = await turn.result(timeout=timeout)
    return StructuredResult(value=parse_result(result, schema), result=result)


async def turn_output(turn: Turn, *, timeout: float = math.inf) -> Any:
    """Wait for ``turn`` and return its final message validated against the turn's own
    ``output_schema`` (``ValueError`` if it was started without one)."""
    schema = turn.start_params.get("outputSchema")
    if not isinstance(schema, Mapping):
        raise ValueError("this turn was started without an output_schema")
    return parse_result(await turn.result(timeout=timeout), schema)
