"""accept_commands_matching: an allowlist that lets through exactly the commands it names."""

from __future__ import annotations

from typing import Any

import pytest

from orchestra import ApprovalRequest, accept_commands_matching
from orchestra._shell import is_simple_command, shell_script

LS = r"ls( -\w+)*( [\w./-]+)*"
GIT = r"git (status|diff)( [\w./-]+)*"


def _request(
    command: Any, kind: str = "command", method: str = "item/commandExecution/requestApproval"
) -> ApprovalRequest:
    return ApprovalRequest(
        method=method,
        kind=kind,  # type: ignore[arg-type]
        request_id=1,
        thread_id="t",
        turn_id="u",
        params=None,
        raw={"command": command, "cwd": "/work"},
    )


@pytest.mark.parametrize(
    "command",
    [
        "/bin/bash -lc 'ls -la src'",
        "/bin/bash -lc ls",
        "bash -c 'git status'",
        "/usr/bin/zsh -lc 'git diff HEAD'",
        "ls -l",  # not wrapped: the command line is the script
        ["bash", "-lc", "git diff main"],  # v1 requests give argv
    ],
)
async def test_a_command_the_patterns_name_is_accepted(command: Any) -> None:
    assert await accept_commands_matching(LS, GIT)(_request(command)) == "accept"


@pytest.mark.parametrize(
    "command",
    [
        "/bin/bash -lc 'ls; rm -rf ~'",  # chained: `ls.*`-style patterns must not let it through
        "/bin/bash -lc 'ls && rm -rf ~'",
        "/bin/bash -lc 'ls | sh'",
        "/bin/bash -lc 'ls $(rm -rf ~)'",
        "/bin/bash -lc 'ls `rm -rf ~`'",
        "/bin/bash -lc 'ls > /etc/passwd'",
        "/bin/bash -lc 'ls &'",
        "/bin/bash -lc $'ls\\nrm -rf ~'",
        "/bin/bash -lc 'ls",  # unbalanced quotes: not a script we can read
        ["bash", "-lc", "ls; rm -rf ~"],
    ],
)
async def test_anything_more_is_declined(command: Any) -> None:
    assert await accept_commands_matching(LS, GIT, r"ls.*")(_request(command)) == "decline"


@pytest.mark.parametrize(
    "command", ["/bin/bash -lc 'lsblk'", "/bin/bash -lc 'rm -rf ls'", "/bin/bash -lc 'git push'"]
)
async def test_a_pattern_matches_the_whole_script_not_a_part(command: Any) -> None:
    assert await accept_commands_matching(LS, GIT)(_request(command)) == "decline"


async def test_only_commands_are_ever_accepted() -> None:
    policy = accept_commands_matching(r".*")
    assert await policy(_request("ls", kind="file_change")) == "decline"
    assert await policy(_request(None)) == "decline"


def test_the_script_is_what_the_shell_runs() -> None:
    assert shell_script("/bin/bash -lc 'echo \"a b\"'") == 'echo "a b"'
    assert shell_script("python -c 'print(1)'") == "python -c 'print(1)'"  # not a shell: as given
    assert shell_script(["sh", "-c", "true"]) == "true"
    assert shell_script(["ls", "-la"]) == "ls -la"
    assert is_simple_command("grep -n 'x' file.txt") and not is_simple_command("a || b")
