"""Helpers for tests that drive orchestra from asyncio (plain ``asyncio.run``; trio_mode only
applies to ``async def`` tests, so these tests are sync functions that run a loop)."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest


def process_exists(pid: int) -> bool:
    """True while ``pid`` is a live (not zombie) process."""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            state = stat.read().rpartition(")")[2].split()[0]
    except FileNotFoundError:
        return False
    return state != "Z"


def _our_threads() -> set[threading.Thread]:
    # trio keeps idle worker threads in a cache ("Trio thread N", daemon) that exit on their
    # own after a few seconds of idleness; they are trio's, not a leak of ours.
    return {t for t in threading.enumerate() if not t.name.startswith("Trio thread")}


@pytest.fixture
def no_leftover_threads() -> Iterator[None]:
    before = _our_threads()
    yield
    leftover = {t for t in _our_threads() - before if t.is_alive()}
    assert not leftover, f"threads left behind: {leftover}"
