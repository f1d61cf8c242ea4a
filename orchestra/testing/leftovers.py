"""Check that a test left no process and no file descriptor of ours behind.

Used by the ``no_leftovers`` fixture of the pytest plugin; usable on its own::

    before = Snapshot.take()
    ...  # run something that must clean up after itself
    before.assert_nothing_left()
"""

from __future__ import annotations

import os
from pathlib import Path

import attrs


def child_processes() -> frozenset[int]:
    """Live (non-zombie) processes whose parent is this process."""
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
    return frozenset(found)


def open_fds() -> frozenset[str]:
    """This process's open file descriptors, as ``"fd->target"``."""
    fds = set()
    for fd in os.listdir("/proc/self/fd"):
        try:
            fds.add(f"{fd}->{os.readlink(f'/proc/self/fd/{fd}')}")
        except OSError:
            continue  # the fd of the listing itself
    return frozenset(fds)


@attrs.frozen
class Snapshot:
    children: frozenset[int]
    fds: frozenset[str]

    @classmethod
    def take(cls) -> Snapshot:
        return cls(children=child_processes(), fds=open_fds())

    def assert_nothing_left(self) -> None:
        """Raise AssertionError naming any child process or descriptor that appeared since."""
        leftover = child_processes() - self.children
        assert not leftover, f"processes left behind: {sorted(leftover)}"
        new_fds = open_fds() - self.fds
        assert not new_fds, f"file descriptors left open: {sorted(new_fds)}"
