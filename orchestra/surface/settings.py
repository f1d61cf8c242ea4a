"""Per-conversation overrides: change the settings every later turn of a thread runs with.

Two ways, both the runtime's own:

- per turn: ``conv.send(prompt, model=..., effort=..., summary=..., cwd=..., approval_policy=...,
  sandbox_policy=..., output_schema=...)``; each applies to that turn and, except the output
  schema, to the turns after it;
- per conversation, between turns: :func:`configure` (``thread/settings/update``), which returns
  the thread's resulting :class:`~orchestra.protocol.ThreadSettings`.

Where each setting shows up in the model request (codex 0.163): ``model`` → body ``model``;
``effort``/``summary`` → body ``reasoning``; ``cwd`` → the ``<environment_context>`` message;
``sandbox_policy`` → ``sandbox_mode`` in the ``x-codex-turn-metadata`` header and the permissions
instructions; ``approval_policy`` → the permissions instructions ("Approval policy is currently
..."); ``output_schema`` → body ``text.format`` (``json_schema``, strict).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import attrs
import trio

from ..protocol import (
    DangerFullAccessSandboxPolicy,
    ReadOnlySandboxPolicy,
    ThreadSettings,
    ThreadSettingsUpdatedNotification,
    WorkspaceWriteSandboxPolicy,
    unstructure,
)
from ._side_turn import actor_of

if TYPE_CHECKING:
    from ..actors.handle import Conversation

SandboxPolicyLike = (
    str
    | ReadOnlySandboxPolicy
    | WorkspaceWriteSandboxPolicy
    | DangerFullAccessSandboxPolicy
    | Mapping[str, Any]
)

_MODES = {
    "read-only": "readOnly",
    "readOnly": "readOnly",
    "workspace-write": "workspaceWrite",
    "workspaceWrite": "workspaceWrite",
    "danger-full-access": "dangerFullAccess",
    "dangerFullAccess": "dangerFullAccess",
}


def sandbox_policy(
    mode: str,
    *,
    writable_roots: list[str | os.PathLike[str]] | None = None,
    network_access: bool | None = None,
) -> ReadOnlySandboxPolicy | WorkspaceWriteSandboxPolicy | DangerFullAccessSandboxPolicy:
    """A typed sandbox policy from a mode name (``read-only``, ``workspace-write``,
    ``danger-full-access``); ``writable_roots`` only for ``workspace-write``."""
    kind = _MODES.get(mode)
    if kind == "readOnly":
        return ReadOnlySandboxPolicy(network_access=network_access)
    if kind == "workspaceWrite":
        roots = [os.fspath(root) for root in writable_roots] if writable_roots is not None else None
        return WorkspaceWriteSandboxPolicy(writable_roots=roots, network_access=network_access)
    if kind == "dangerFullAccess":
        return DangerFullAccessSandboxPolicy()
    raise ValueError(
        f"unknown sandbox mode {mode!r}; expected one of read-only, workspace-write, danger-full-access"
    )


def sandbox_policy_wire(value: SandboxPolicyLike) -> dict[str, Any]:
    """The wire form of a sandbox policy given as a mode name, a protocol object or a dict."""
    if isinstance(value, str):
        return dict(unstructure(sandbox_policy(value)))
    if isinstance(value, Mapping):
        return dict(value)
    return dict(unstructure(value))


async def configure(
    conversation: Conversation,
    *,
    model: str | None = None,
    effort: str | None = None,
    summary: str | None = None,
    cwd: str | os.PathLike[str] | None = None,
    approval_policy: str | None = None,
    sandbox_policy: SandboxPolicyLike | None = None,
    timeout: float = 30.0,
) -> ThreadSettings:
    """Change the settings of the conversation's later turns (``thread/settings/update``) and
    return the thread's settings as the runtime now has them. Settings left ``None`` are kept.

    The runtime reports new settings only when something changed: asking for the settings the
    thread already has (as last reported) returns them at once; asking for nothing raises
    ``ValueError`` if none were reported yet. Calls on one conversation run one at a time, so
    each returns the settings its own update produced. Raises :class:`trio.TooSlowError` if the
    runtime does not confirm within ``timeout``.
    """
    params = {
        "model": model,
        "effort": effort,
        "summary": summary,
        "cwd": os.fspath(cwd) if cwd is not None else None,
        "approvalPolicy": approval_policy,
        "sandboxPolicy": sandbox_policy_wire(sandbox_policy) if sandbox_policy is not None else None,
    }
    changes = {k: v for k, v in params.items() if v is not None}
    actor = actor_of(conversation)
    async with actor.settings_lock:
        known: ThreadSettings | None = actor.settings
        if known is not None and _already(known, changes):
            return known
        if not changes:
            raise ValueError("nothing to change, and the thread's settings were never reported")
        updates = conversation.subscribe(64)
        try:
            with trio.fail_after(timeout):
                await conversation.request("thread/settings/update", changes)
                async for event in updates:
                    if (
                        isinstance(event, ThreadSettingsUpdatedNotification)
                        and event.thread_id == conversation.thread_id
                    ):
                        return event.thread_settings
        finally:
            updates.close()
    raise trio.TooSlowError  # pragma: no cover - the subscription never ends on its own


def _already(settings: ThreadSettings, changes: Mapping[str, Any]) -> bool:
    """Whether ``settings`` already hold every one of ``changes`` (wire names and values)."""
    wire = unstructure(settings)
    return all(wire.get(key) == value for key, value in changes.items())


@attrs.frozen
class TurnOverrides:
    """Per-turn overrides as one value, e.g. to reuse across prompts: ``conv.send(p, **o.kwargs())``."""

    model: str | None = None
    effort: str | None = None
    summary: str | None = None
    cwd: str | None = None
    approval_policy: str | None = None
    sandbox_policy: SandboxPolicyLike | None = None
    output_schema: Mapping[str, Any] | None = None

    def kwargs(self) -> dict[str, Any]:
        """Keyword arguments for :meth:`Conversation.send` (``None`` values left out)."""
        values = attrs.asdict(self, recurse=False)
        if self.sandbox_policy is not None:
            values["sandbox_policy"] = sandbox_policy_wire(self.sandbox_policy)
        return {k: v for k, v in values.items() if v is not None}
