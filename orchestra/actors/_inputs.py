"""User input as the wire's ``input`` list of ``turn/start`` and ``turn/steer``."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import attrs

from ..protocol import unstructure


def input_items(value: object) -> list[dict[str, Any]]:
    """The wire items for ``value``: a string is one text item; an item (a dict, or a protocol
    object such as ``TextUserInput``) is one item; a list may mix all three. Anything else is a
    ``TypeError`` (a lone dict was taken for a list of its keys)."""
    if isinstance(value, str | Mapping) or attrs.has(type(value)):
        return [_item(value)]
    if isinstance(value, list | tuple):
        return [_item(item) for item in value]
    raise TypeError(f"user input is a str, an input item or a list of them, not {type(value).__name__}")


def _item(item: object) -> dict[str, Any]:
    if isinstance(item, str):
        return {"type": "text", "text": item}
    if isinstance(item, Mapping):
        return dict(item)
    if attrs.has(type(item)):
        wire: dict[str, Any] = unstructure(item)
        return wire
    raise TypeError(f"not a user input item: {item!r:.80}")
