"""Approval policies: who decides when the runtime asks to run a command or change files.

A policy is an async callable ``(ApprovalRequest) -> Decision``. The default, :func:`decline_all`,
declines and logs why, so nothing runs that the user did not explicitly allow.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from typing import Any, Literal, get_args

import attrs

from .._log import get_logger
from .._shell import is_simple_command, shell_script

log = get_logger("orchestra.approvals")

Decision = Literal["accept", "accept_for_session", "decline", "cancel"]
#: Every valid :data:`Decision`.
DECISIONS: tuple[Decision, ...] = get_args(Decision)
"""``accept`` once, ``accept_for_session`` (do not ask again for this), ``decline`` (the model is
told), ``cancel`` (decline and interrupt the turn)."""

ApprovalKind = Literal["command", "file_change", "permissions"]

#: Server request methods that are approvals, and what they ask about.
APPROVAL_METHODS: dict[str, ApprovalKind] = {
    "item/commandExecution/requestApproval": "command",
    "item/fileChange/requestApproval": "file_change",
    "item/permissions/requestApproval": "permissions",
    "execCommandApproval": "command",  # v1 protocol
    "applyPatchApproval": "file_change",  # v1 protocol
}


@attrs.frozen
class ApprovalRequest:
    """What the runtime asks to do. ``params`` is the typed request; ``raw`` the wire payload."""

    method: str
    kind: ApprovalKind
    request_id: int | str
    thread_id: str | None
    turn_id: str | None
    params: Any
    raw: dict[str, Any] = attrs.field(repr=False)

    @property
    def command(self) -> str | None:
        """The command line, for command approvals."""
        value = self.raw.get("command")
        if isinstance(value, list):
            return " ".join(str(part) for part in value)
        return value if isinstance(value, str) else None

    @property
    def cwd(self) -> str | None:
        value = self.raw.get("cwd")
        return value if isinstance(value, str) else None

    @property
    def reason(self) -> str | None:
        value = self.raw.get("reason")
        return value if isinstance(value, str) else None


ApprovalPolicy = Callable[[ApprovalRequest], Awaitable[Decision]]


async def decline_all(request: ApprovalRequest) -> Decision:
    """The default policy: decline everything, and say so in the log."""
    log.warning(
        "approval declined by default policy; pass approval_policy= to allow it",
        kind=request.kind,
        command=request.command,
        thread_id=request.thread_id,
    )
    return "decline"


async def accept_all(request: ApprovalRequest) -> Decision:
    """Accept everything. Only for sandboxes you trust (tests, throwaway containers)."""
    return "accept"


def accept_commands_matching(*patterns: str) -> ApprovalPolicy:
    r"""Accept a command if its script matches one of the regexes *whole*; decline everything else.

    The script is what the model asked the shell to run: ``ls -la`` of ``/bin/bash -lc 'ls -la'``.
    A script that chains, pipes, substitutes or redirects (``;``, ``&``, ``|``, backquotes,
    ``$(``, ``<``, ``>``, a newline) is never accepted, whatever the patterns: ``ls .*`` must not
    let ``ls; rm -rf ~`` through. So ``accept_commands_matching(r"ls( -\w+)*( \S+)*", r"git
    (status|diff)( .*)?")`` accepts ``ls -la src`` and ``git diff HEAD`` and nothing that does more.
    """
    compiled = [re.compile(p) for p in patterns]

    async def policy(request: ApprovalRequest) -> Decision:
        command = request.raw.get("command") if request.kind == "command" else None
        if isinstance(command, str | list):  # v1 requests give argv
            script = shell_script(command).strip()
            if is_simple_command(script) and any(p.fullmatch(script) for p in compiled):
                return "accept"
        return await decline_all(request)

    return policy


_V2_DECISIONS: dict[Decision, str] = {
    "accept": "accept",
    "accept_for_session": "acceptForSession",
    "decline": "decline",
    "cancel": "cancel",
}
_V1_DECISIONS: dict[Decision, str] = {
    "accept": "approved",
    "accept_for_session": "approved_for_session",
    "decline": "denied",
    "cancel": "abort",
}


def approval_response(request: ApprovalRequest, decision: Decision) -> dict[str, Any]:
    """The wire answer for ``decision`` to ``request`` (its shape depends on the request method)."""
    if request.method in ("execCommandApproval", "applyPatchApproval"):
        return {"decision": _V1_DECISIONS[decision]}
    if request.kind == "permissions":
        granted = request.raw.get("permissions", {}) if decision.startswith("accept") else {}
        scope = "session" if decision == "accept_for_session" else "turn"
        return {"permissions": granted, "scope": scope}
    return {"decision": _V2_DECISIONS[decision]}
