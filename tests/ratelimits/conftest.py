"""Shared helpers for the rate-limit tests."""

from __future__ import annotations

import importlib
import importlib.util
import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

DATA = Path(__file__).parent / "data"
ROOT = Path(__file__).resolve().parents[2]

#: A fixed "now" for deterministic tests.
T0 = datetime(2025, 9, 20, 8, 41, tzinfo=UTC)


def at(minutes: float = 0, *, hours: float = 0, days: float = 0) -> datetime:
    """``T0`` plus an offset."""
    return T0 + timedelta(minutes=minutes, hours=hours, days=days)


def transcript(name: str) -> Iterator[dict[str, Any]]:
    """The ``msg`` of every line of a copied reference transcript (``{"t", "dir", "msg"}`` lines)."""
    with (DATA / name).open() as f:
        for line in f:
            if line.strip():
                yield json.loads(line)


def load_limits_cli() -> ModuleType:
    """``orchestra.cli._limits``, even while ``orchestra.cli`` itself cannot be imported.

    ``orchestra/cli/__init__.py`` imports the whole CLI, which needs the native module; the limits
    command only needs ``orchestra.ratelimits``, so fall back to loading its file on its own.
    """
    try:
        return importlib.import_module("orchestra.cli._limits")
    except ImportError:
        path = ROOT / "orchestra" / "cli" / "_limits.py"
        spec = importlib.util.spec_from_file_location("_orchestra_cli_limits_standalone", path)
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return module


@pytest.fixture(scope="session")
def limits_cli() -> ModuleType:
    return load_limits_cli()
