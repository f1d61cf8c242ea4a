"""What a runtime command line asks the shell to do.

The runtime runs the model's commands as ``/bin/bash -lc '<script>'``; people (and allowlists)
think in terms of the script. Used by approval policies and by the history carried from a
recording.
"""

from __future__ import annotations

import re
import shlex
from collections.abc import Sequence

_SHELLS = ("bash", "sh", "zsh")

#: Shell syntax that chains, pipes, substitutes or redirects: a script with any of it can do more
#: than its first word says.
_CONTROL = re.compile(r"[;&|`<>\n]|\$\(")


def shell_script(command: str | Sequence[str]) -> str:
    """The script of ``/bin/bash -lc '<script>'`` (or ``sh -c``, ``zsh -lc``), given as one line
    or as argv; else the command line itself."""
    if isinstance(command, str):
        try:
            argv = shlex.split(command)
        except ValueError:
            return command
    else:
        argv = [str(part) for part in command]
        command = shlex.join(argv)
    if len(argv) == 3 and argv[1] in ("-lc", "-c") and argv[0].rsplit("/", 1)[-1] in _SHELLS:
        return argv[2]
    return command


def is_simple_command(script: str) -> bool:
    """True if ``script`` is one command: no ``;``, ``&``, ``|``, backquotes, ``$(``, redirections
    or newlines."""
    return _CONTROL.search(script) is None
