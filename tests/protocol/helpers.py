"""Small helpers shared by the protocol tests."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs

from orchestra.protocol import UnknownVariant

ROOT = Path(__file__).resolve().parents[2]
#: Copies of the reference transcripts of real app-server sessions (shared/reference/transcripts):
#: every line both ways, ``{"t", "dir": "c2s" | "s2c", "msg"}``, paths replaced by /LAB.
TRANSCRIPTS = sorted((Path(__file__).parent / "data").glob("appserver_*.jsonl"))


def without_nulls(value: Any) -> Any:
    """``value`` with every null-valued object member dropped, recursively."""
    if isinstance(value, dict):
        return {k: without_nulls(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [without_nulls(v) for v in value]
    return value


def unknown_variants(obj: Any, path: str = "$") -> Iterator[str]:
    """Paths of every ``UnknownVariant`` inside a structured object."""
    if isinstance(obj, UnknownVariant):
        yield path
    elif attrs.has(type(obj)):
        for a in attrs.fields(type(obj)):
            yield from unknown_variants(getattr(obj, a.name), f"{path}.{a.name}")
    elif isinstance(obj, list):
        for i, v in enumerate(obj):
            yield from unknown_variants(v, f"{path}[{i}]")
    elif isinstance(obj, dict):
        for k, v in obj.items():
            yield from unknown_variants(v, f"{path}.{k}")


def differences(expected: Any, actual: Any, path: str = "$") -> Iterator[str]:
    """Where two JSON values differ, for readable failures."""
    if isinstance(expected, dict) and isinstance(actual, dict):
        for key in sorted(expected.keys() | actual.keys()):
            if key not in actual:
                yield f"{path}.{key}: lost"
            elif key not in expected:
                yield f"{path}.{key}: added"
            else:
                yield from differences(expected[key], actual[key], f"{path}.{key}")
    elif isinstance(expected, list) and isinstance(actual, list) and len(expected) == len(actual):
        for i, (e, a) in enumerate(zip(expected, actual, strict=True)):
            yield from differences(e, a, f"{path}[{i}]")
    elif expected != actual or type(expected) is not type(actual):
        yield f"{path}: {expected!r:.80} != {actual!r:.80}"
