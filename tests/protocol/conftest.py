"""Fixtures for the protocol tests, and one shim: ``orchestra.protocol`` is importable on its own.

The protocol package imports nothing outside itself. While the rest of ``orchestra`` cannot be
imported (its native extension may not be built), a bare ``orchestra`` package object stands in
for it, so these tests exercise only what they are about.
"""

from __future__ import annotations

import json
import sys
import types
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _make_protocol_importable() -> None:
    try:
        import orchestra  # noqa: F401
    except Exception:
        for name in [n for n in sys.modules if n == "orchestra" or n.startswith("orchestra.")]:
            del sys.modules[name]
        stub = types.ModuleType("orchestra")
        stub.__path__ = [str(ROOT / "orchestra")]
        sys.modules["orchestra"] = stub


_make_protocol_importable()


@pytest.fixture(scope="session")
def transcripts() -> dict[str, list[dict[str, Any]]]:
    from .helpers import TRANSCRIPTS

    assert TRANSCRIPTS, "tests/protocol/data/appserver_*.jsonl are missing"
    return {
        p.name: [json.loads(line) for line in p.read_text().splitlines() if line.strip()] for p in TRANSCRIPTS
    }
