"""Every end-to-end test must leave no runtime process and no file descriptor of ours behind."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest


def _children() -> set[int]:
    """Live (non-zombie) processes whose parent is this test process."""
    me = os.getpid()
    found: set[int] = set()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        # The command name may contain spaces and parentheses: split after the last ')'.
        fields = stat.rsplit(")", 1)[1].split()
        if int(fields[1]) == me and fields[0] != "Z":
            found.add(int(entry.name))
    return found


def _open_fds() -> set[str]:
    fds = set()
    for fd in os.listdir("/proc/self/fd"):
        try:
            fds.add(f"{fd}->{os.readlink(f'/proc/self/fd/{fd}')}")
        except OSError:
            continue  # the fd of the listing itself
    return fds


@pytest.fixture(autouse=True)
def no_leftovers() -> Iterator[None]:
    children_before, fds_before = _children(), _open_fds()
    yield
    leftover = _children() - children_before
    assert not leftover, f"processes left behind: {sorted(leftover)}"
    new_fds = _open_fds() - fds_before
    assert not new_fds, f"file descriptors left open: {sorted(new_fds)}"
