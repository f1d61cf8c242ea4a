"""The handles users hold: :class:`Conversation`, and :func:`open_conversation` that starts one.

A Conversation is a thin front on its :class:`~orchestra.actors.conversation.ConversationActor`:
it sends turns and requests; everything that happens to the thread is the actor's business.
"""

from __future__ import annotations

import contextlib
import math
from collections.abc import AsyncIterator, Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import trio

from .._groups import unwrap_single_exception
from ..plugins import PluginSet
from ..supervision import RetryPolicy
from .approvals import ApprovalPolicy, decline_all
from .conversation import (
    DEFAULT_RESUME,
    DEFAULT_TURN_RETRY,
    ConversationActor,
    EventObserver,
    ResumePolicy,
    UserInput,
)
from .turn import Turn, TurnResult

if TYPE_CHECKING:
    from ..pool import RuntimePool, RuntimeSlot
    from ..protocol import Thread, ThreadSettings, TurnSteerResponse
    from ..surface import CompactionResult, ReviewResult, SideTurn, StructuredResult
    from ..surface.inputs import UserInputLike
    from ..surface.review import ReviewTarget
    from .ratelimit_monitor import RateLimitMonitor


class Conversation:
    """A user's handle on a running conversation (one Codex thread)."""

    def __init__(self, actor: ConversationActor) -> None:
        self._actor = actor

    def __repr__(self) -> str:
        pid = self._actor.runtime.pid if self._actor.runtime else None
        return f"<Conversation thread={self.thread_id} runtime_pid={pid}>"

    @property
    def thread_id(self) -> str:
        assert self._actor.thread_id is not None
        return self._actor.thread_id

    @property
    def rollout_path(self) -> str | None:
        """The runtime's rollout file for this thread (None for ephemeral threads)."""
        path = self._actor.thread.get("path") if isinstance(self._actor.thread, Mapping) else None
        return str(path) if path else None

    @property
    def active_turn(self) -> Turn | None:
        return self._actor.active

    def subscribe(self, max_buffer: int = 256) -> trio.MemoryReceiveChannel[object]:
        """Thread-level events (``thread/status/changed``, ``thread/name/updated``, ...) that are
        not part of any turn. Bounded: a receiver that falls behind misses events, never stalls."""
        return self._actor.subscribe(max_buffer)

    async def send(
        self,
        user_input: UserInput,
        *,
        model: str | None = None,
        effort: str | None = None,
        summary: str | None = None,
        cwd: str | None = None,
        approval_policy: str | None = None,
        sandbox_policy: str | Mapping[str, Any] | object | None = None,
        output_schema: Mapping[str, Any] | None = None,
        extra: Mapping[str, Any] | None = None,
    ) -> Turn:
        """Start a turn and return it once the runtime accepted it; stream it with ``async for``.

        Overrides apply to this turn and the ones after it (runtime semantics). If the previous
        turn is still running, this waits for it to end first (its unread events are dropped).
        Raises :class:`ConversationClosedError` if the conversation or its runtime is gone.
        ``sandbox_policy`` takes what :meth:`configure` takes: a mode name (``"read-only"``), a
        protocol object or its wire dict.
        """
        policy = None
        if sandbox_policy is not None:
            from ..surface.settings import sandbox_policy_wire

            policy = sandbox_policy_wire(sandbox_policy)  # type: ignore[arg-type]
        overrides = {
            "model": model,
            "effort": effort,
            "summary": summary,
            "cwd": cwd,
            "approvalPolicy": approval_policy,
            "sandboxPolicy": policy,
            "outputSchema": dict(output_schema) if output_schema is not None else None,
            **(extra or {}),
        }
        return await self._actor.start_turn(user_input, overrides)

    async def run(self, user_input: UserInput, *, timeout: float = math.inf, **overrides: Any) -> TurnResult:
        """Send and wait for the result, without streaming: ``(await conv.run("hi")).final_text``."""
        turn = await self.send(user_input, **overrides)
        return await turn.result(timeout=timeout)

    async def request(
        self, method: str, params: Mapping[str, Any] | None = None, *, timeout: float = 120.0
    ) -> Any:
        """A raw request about this thread (``threadId`` is filled in); answers come on its route."""
        body = {"threadId": self.thread_id, **(params or {})}
        return await self._actor._require_route().request(method, body, timeout=timeout)

    # --- the conversation surface (implemented in orchestra.surface) ---------------------

    async def steer(self, user_input: UserInputLike) -> TurnSteerResponse:
        """Add input to the running turn (``turn/steer``); raises
        :class:`~orchestra.surface.TurnAlreadyEndedError` if no turn is running."""
        from ..surface.steering import steer_active

        return await steer_active(self, user_input)

    async def configure(self, **settings: Any) -> ThreadSettings:
        """Change model, effort, summary, cwd, approval_policy, sandbox_policy of later turns
        (``thread/settings/update``); returns the thread's settings."""
        from ..surface.settings import configure

        return await configure(self, **settings)

    async def run_structured(
        self, user_input: UserInput, schema: Mapping[str, Any], **overrides: Any
    ) -> StructuredResult:
        """Run a turn with ``output_schema=schema``; return its final message parsed and validated."""
        from ..surface.structured import run_structured

        return await run_structured(self, user_input, schema, **overrides)

    async def review(
        self, target: ReviewTarget | Mapping[str, Any] | str = "uncommitted", *, timeout: float = math.inf
    ) -> ReviewResult:
        """Review changes (``review/start``) and return the typed findings."""
        from ..surface.review import review, target_from

        return await review(self, target_from(target), timeout=timeout)

    async def start_review(self, target: ReviewTarget | Mapping[str, Any] | str = "uncommitted") -> SideTurn:
        """Start a review and return its turn, to stream with ``async for``."""
        from ..surface.review import start_review, target_from

        return await start_review(self, target_from(target))

    async def compact(self, *, timeout: float = math.inf) -> CompactionResult:
        """Compact the thread's history (``thread/compact/start``) and wait for it to end."""
        from ..surface.compact import compact

        return await compact(self, timeout=timeout)

    async def read(self, *, include_turns: bool = True) -> Thread:
        """This thread with its turns (``thread/read``)."""
        from ..surface.threads import read_conversation

        return await read_conversation(self, include_turns=include_turns)

    async def set_name(self, name: str) -> None:
        """Give this thread a title (``thread/name/set``)."""
        from ..surface.threads import name_conversation

        await name_conversation(self, name)


@contextlib.asynccontextmanager
async def open_conversation(
    pool: RuntimePool,
    *,
    thread_params: Mapping[str, Any],
    approver: ApprovalPolicy = decline_all,
    mailbox_size: int = 256,
    observers: Sequence[EventObserver] = (),
    resume: ResumePolicy = DEFAULT_RESUME,
    turn_retry: RetryPolicy = DEFAULT_TURN_RETRY,
    resume_thread_id: str | None = None,
    limits: RateLimitMonitor | None = None,
    plugins: PluginSet | None = None,
    thread_method: str = "thread/start",
    prepare: Callable[[RuntimeSlot], Mapping[str, Any]] | None = None,
    slot: RuntimeSlot | None = None,
) -> AsyncIterator[Conversation]:
    """Place a conversation on the pool, open its thread, and run its actor in a nursery owned by
    this context.

    ``thread_method`` is ``thread/start`` (default), ``thread/resume`` or ``thread/fork`` (with
    ``threadId`` in ``thread_params``). ``prepare(slot)`` runs in a worker thread once the
    conversation is placed and returns more params (e.g. after copying a rollout into that slot's
    CODEX_HOME). ``slot`` pins the placement (a fork lives where its source's rollout is).
    """
    async with pool.placement(slot) as placed:
        actor = ConversationActor(
            placed,
            approver=approver,
            mailbox_size=mailbox_size,
            observers=[*observers, *([limits.on_conversation_event] if limits else [])],
            resume=resume,
            turn_retry=turn_retry,
            limits=limits,
            plugins=plugins,
        )
        with unwrap_single_exception():
            async with trio.open_nursery() as nursery:
                await nursery.start(actor.run)
                claimed: str | None = None
                try:
                    params = dict(thread_params)
                    if prepare is not None:
                        params.update(await trio.to_thread.run_sync(prepare, placed))
                    if resume_thread_id is not None:
                        params["threadId"] = resume_thread_id
                        thread_method = "thread/resume"
                    if thread_method == "thread/resume" and isinstance(params.get("threadId"), str):
                        pool.claim_thread(params["threadId"])  # raises if held: not ours to release
                        claimed = params["threadId"]
                    await actor.open_thread(thread_method, params)
                    if claimed is None and actor.thread_id is not None:
                        pool.claim_thread(actor.thread_id)
                        claimed = actor.thread_id
                    yield Conversation(actor)
                finally:
                    if claimed is not None:
                        pool.release_thread(claimed)
                    with trio.CancelScope(shield=True):
                        await actor.close()
                    nursery.cancel_scope.cancel()
