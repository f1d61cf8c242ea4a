"""One orchestra process per CODEX_HOME: a second process is refused, this one may nest."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from orchestra import CodexHomeInUseError
from orchestra.runtime._lock import home_lock

HOLD = """
import sys
from orchestra.runtime._lock import home_lock
with home_lock(sys.argv[1]):
    print("held", flush=True)
    sys.stdin.readline()
"""


def test_a_home_held_by_another_process_is_refused_until_it_lets_go(tmp_path: Path) -> None:
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(tmp_path)], stdin=subprocess.PIPE, stdout=subprocess.PIPE
    )
    assert holder.stdout is not None and holder.stdin is not None
    try:
        assert holder.stdout.readline() == b"held\n"
        with pytest.raises(CodexHomeInUseError, match="in use by another orchestra"), home_lock(tmp_path):
            pass
    finally:
        holder.stdin.close()
        holder.wait(timeout=30)
    with home_lock(tmp_path), home_lock(tmp_path):  # its own again; nested holders share it
        pass
