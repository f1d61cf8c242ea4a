"""Local attempts: N conversations on an :class:`~orchestra.Orchestra`, each in its own git worktree.

Attempt ``i`` runs in a worktree named ``attempt-<i>`` (detached at the experiment's base commit;
the conversation's ``cwd`` is the same sub-directory of it as ``repo`` is of its repository), with
the given sandbox and an approver that accepts by default. When its turn ends, the worktree's diff
against the base (untracked files included) is the attempt's diff, and the worktree is removed.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import attrs
import trio

from .._log import get_logger
from ..actors.approvals import ApprovalPolicy, accept_all
from ._types import AttemptOutcome, AttemptStatus, ExperimentError, Report, SourceKind
from ._worktrees import Worktrees

if TYPE_CHECKING:
    from .._orchestra import Orchestra

log = get_logger("orchestra.experiments.local")

Sandbox = Literal["workspace-write", "danger-full-access"]
_SANDBOXES = ("workspace-write", "danger-full-access")


def _turn_error(error: Any, status: str) -> str:
    message = getattr(error, "message", None) or (error.get("message") if isinstance(error, dict) else None)
    return f"turn {status}: {message}" if message else f"turn {status}"


@attrs.frozen
class LocalSource:
    """Run attempts as conversations of ``orch``, each in a worktree of the git repository ``repo``.

    Parameters:
        orch: a running :class:`~orchestra.Orchestra`.
        repo: a path in the git repository (its top level or a sub-directory: the attempts' ``cwd``).
        ref: the commit the worktrees start from (resolved once, when the experiment starts).
        sandbox: ``workspace-write`` (the agent may write only inside its worktree) or
            ``danger-full-access``.
        approver: answers the runtime's approval requests (default: accept everything — each
            attempt has its own throwaway worktree).
        approval_policy, model: passed to ``orch.conversation`` (``None``: the home's defaults).
        concurrency: attempts running at once (default: all N).
        timeout: seconds one attempt may take; then it is interrupted and ``cancelled``.
        conversation_options: more keyword arguments for ``orch.conversation`` (e.g.
            ``developer_instructions``, ``config``, ``turn_retry``, ``ephemeral``).
    """

    orch: Orchestra
    repo: Path = attrs.field(converter=Path)
    ref: str = "HEAD"
    sandbox: Sandbox = "workspace-write"
    approver: ApprovalPolicy = accept_all
    approval_policy: str | None = None
    model: str | None = None
    concurrency: int | None = None
    timeout: float = math.inf
    conversation_options: Mapping[str, Any] = attrs.field(factory=dict)

    def __attrs_post_init__(self) -> None:
        if self.sandbox not in _SANDBOXES:
            raise ExperimentError(f"sandbox must be one of {_SANDBOXES}, not {self.sandbox!r}")
        if self.concurrency is not None and self.concurrency < 1:
            raise ExperimentError("concurrency must be at least 1")
        if not self.timeout > 0:
            raise ExperimentError("timeout must be positive")

    @property
    def kind(self) -> SourceKind:
        return "local"

    async def run_attempts(self, prompt: str, n: int, worktrees: Worktrees | None, report: Report) -> None:
        if worktrees is None:
            raise ExperimentError("a local experiment needs the worktrees of its repository")
        limiter = trio.CapacityLimiter(self.concurrency or n)
        async with trio.open_nursery() as nursery:
            for index in range(n):
                nursery.start_soon(self._attempt, index, prompt, worktrees, limiter, report)

    async def _attempt(
        self, index: int, prompt: str, worktrees: Worktrees, limiter: trio.CapacityLimiter, report: Report
    ) -> None:
        async with limiter:
            started = trio.current_time()
            status: AttemptStatus = "failed"
            error: str | None = None
            text: str | None = None
            diff: str | None = None
            path: Path | None = None
            try:
                path = await worktrees.add(f"attempt-{index}")
                status, error, text = await self._converse(index, prompt, path / worktrees.subdir)
                diff = await worktrees.diff(path)
            except Exception as exc:  # an attempt's failure is its result, never the experiment's
                log.warning("experiments.local.attempt_error", index=index, error=repr(exc))
                status, error = "failed", error or f"{type(exc).__name__}: {exc}"
            finally:
                if path is not None:
                    await worktrees.remove(path)
            duration = trio.current_time() - started
            log.info("experiments.local.attempt", index=index, status=status, diff_chars=len(diff or ""))
            await report(AttemptOutcome(index, status, diff, error, text, duration))

    async def _converse(self, index: int, prompt: str, cwd: Path) -> tuple[AttemptStatus, str | None, str]:
        options: dict[str, Any] = {
            "cwd": str(cwd),
            "sandbox": self.sandbox,
            "approver": self.approver,
            "approval_policy": self.approval_policy,
            "model": self.model,
            **self.conversation_options,
        }
        with trio.move_on_after(self.timeout) as deadline:
            async with self.orch.conversation(**options) as conv:
                result = await conv.run(prompt)
        if deadline.cancelled_caught:
            return "cancelled", f"timed out after {self.timeout:g}s", ""
        if result.status == "completed":
            return "completed", None, result.final_text
        return "failed", _turn_error(result.error, str(result.status)), result.final_text
