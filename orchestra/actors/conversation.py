"""ConversationActor: one Codex thread, its route on a runtime, and its turns.

The actor owns a route on a runtime connection. Its pump task drains the route, structures each
message into a typed event and delivers it to the active turn's mailbox; answers to its requests
resolve waiting calls; approval requests go to the user's approval policy in tasks of the actor's
own nursery. :class:`Conversation` is the handle users hold.
"""

from __future__ import annotations

import contextlib
import math
from collections.abc import AsyncIterator, Callable, Mapping, Sequence
from typing import Any

import trio

from .. import _native
from .._errors import ConversationClosedError, RpcError, RuntimeExitedError
from .._groups import unwrap_single_exception
from .._log import get_logger, redact_tree
from ..events import ApprovalDecided, MalformedMessage, RuntimeLost, ServerRequest, ServerRequestRefused
from ..protocol import structure_notification, structure_server_request
from ..runtime import Runtime
from ..runtime._rpc import RpcRoute
from .approvals import APPROVAL_METHODS, ApprovalPolicy, ApprovalRequest, approval_response, decline_all
from .turn import Turn, TurnResult

log = get_logger("orchestra.conversation")

UserInput = str | Sequence[Mapping[str, Any]]

EventObserver = Callable[["ConversationActor", object], None]
"""Called with every event of a conversation (turn events and thread-level ones), in order, on the
actor's task. Observers record, audit or count; they must not block. An observer that raises is
logged and removed, never allowed to break the conversation."""

#: Notifications whose text may quote a server's error message verbatim.
_ERROR_CARRYING = frozenset({"error", "turn/completed", "warning"})

#: How long closing a conversation waits for an interrupted turn to end before giving up on it.
CLOSE_TIMEOUT = 10.0


def _text_input(value: UserInput) -> list[dict[str, Any]]:
    if isinstance(value, str):
        return [{"type": "text", "text": value}]
    return [dict(item) for item in value]


def _drop_none(params: Mapping[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in params.items() if v is not None}


class ConversationActor:
    """Runs one conversation; :meth:`Orchestra.conversation` starts it, users hold a :class:`Conversation`."""

    def __init__(
        self,
        runtime: Runtime,
        *,
        approver: ApprovalPolicy = decline_all,
        mailbox_size: int = 256,
        observers: Sequence[EventObserver] = (),
    ) -> None:
        self.observers: list[EventObserver] = list(observers)
        self.runtime = runtime
        self.approver = approver
        self.mailbox_size = mailbox_size
        self.route: RpcRoute = runtime.open_route()
        self.thread_id: str | None = None
        self.thread: Any = None  # the raw Thread object from thread/start
        self.active: Turn | None = None
        self.lost: RuntimeLost | None = None
        self._nursery: trio.Nursery | None = None
        self._turn_lock = trio.Lock()
        self._closed = False
        self._subscribers: list[trio.MemorySendChannel[object]] = []
        self.log = log

    # --- lifecycle ----------------------------------------------------------------------

    async def run(self, *, task_status: trio.TaskStatus[None] = trio.TASK_STATUS_IGNORED) -> None:
        """Pump the route until cancelled; the nursery it opens holds approval tasks."""
        async with trio.open_nursery() as nursery:
            self._nursery = nursery
            nursery.start_soon(self.route.run, self._on_message)
            task_status.started()
            await trio.sleep_forever()

    async def start_thread(self, params: Mapping[str, Any], *, timeout: float = 120.0) -> Any:
        """``thread/start``; binds the new thread id to this actor's route before anything else arrives."""
        result = await self.route.request(
            "thread/start", _drop_none(params), bind_thread=True, timeout=timeout
        )
        self.thread = result.get("thread", {})
        self.thread_id = str(self.thread.get("id"))
        self.log = log.bind(thread_id=self.thread_id)
        self.log.debug("thread started", path=self.thread.get("path"))
        return result

    async def close(self) -> None:
        """Interrupt a running turn (waiting a bounded time for it to end), then drop the route."""
        if self._closed:
            return
        self._closed = True
        turn = self.active
        if turn is not None and not turn.done and self.lost is None:
            self.interrupt_soon(turn)
            with trio.move_on_after(CLOSE_TIMEOUT) as scope:
                await turn.result()
            if scope.cancelled_caught:
                self.log.warning("turn did not end after interrupt; abandoning it", turn_id=turn.id)
        if self.thread_id is not None and self.lost is None:
            # Unload the thread from the runtime: a long batch must not keep every thread resident.
            with contextlib.suppress(RpcError, RuntimeExitedError, trio.TooSlowError):
                await self.route.request("thread/unsubscribe", {"threadId": self.thread_id}, timeout=10)
        self.route.close()

    # --- turns --------------------------------------------------------------------------

    async def start_turn(self, user_input: UserInput, overrides: Mapping[str, Any]) -> Turn:
        if self._closed:
            raise ConversationClosedError("conversation is closed")
        if self.lost is not None:
            raise ConversationClosedError(f"conversation's runtime is gone: {self.lost}")
        assert self.thread_id is not None
        async with self._turn_lock:
            previous = self.active
            if previous is not None and not previous.done:
                await previous.result()  # one turn at a time; see Conversation.send
            turn = Turn(self, self.thread_id, self.mailbox_size)
            self.active = turn
            params = {"threadId": self.thread_id, "input": _text_input(user_input), **_drop_none(overrides)}
            try:
                result = await self.route.request("turn/start", params)
            except BaseException:
                turn.detach()
                if turn.id is None:
                    # Never started (or we cannot know): end it so later sends do not wait on it.
                    turn.finish(self._result(turn, status="failed", error=None))
                else:
                    self.interrupt_soon(turn)
                raise
            turn.bind_id(str(result["turn"]["id"]))
            self.log.debug("turn started", turn_id=turn.id)
            return turn

    def interrupt_soon(self, turn: Turn) -> None:
        """Schedule ``turn/interrupt`` for ``turn`` in the actor's nursery (callable from any task)."""
        if turn.done or turn.interrupt_requested or self._nursery is None:
            return
        turn.interrupt_requested = True
        turn.detach()
        self._nursery.start_soon(self._interrupt, turn)

    async def _interrupt(self, turn: Turn) -> None:
        with trio.move_on_after(30):
            turn_id = await turn.wait_id()
            if turn.done:
                return
            self.log.info("interrupting turn", turn_id=turn_id)
            try:
                await self.route.request(
                    "turn/interrupt", {"threadId": self.thread_id, "turnId": turn_id}, timeout=30
                )
            except (RpcError, RuntimeExitedError, trio.TooSlowError) as exc:
                # The turn may have ended on its own meanwhile; its completion still arrives.
                self.log.info("turn/interrupt not accepted", turn_id=turn_id, error=str(exc))

    # --- the pump -----------------------------------------------------------------------

    async def _on_message(self, message: _native.Message) -> None:
        kind = message.kind
        if kind == "notification":
            await self._on_notification(message.method or "", message.params)
        elif kind == "request":
            self._on_server_request(message)
        elif kind == "malformed":
            self.log.warning("malformed line from runtime", reason=message.reason)
            await self._deliver(
                MalformedMessage(
                    reason=message.reason or "", raw=message.raw or b"", thread_id=message.thread_id
                )
            )
        elif kind == "exit":
            await self._on_exit(message)
        else:
            self.log.debug("dropping late answer", kind=kind, id=message.id)

    async def _on_notification(self, method: str, params: Any) -> None:
        if method in _ERROR_CARRYING:
            # Servers quote credentials in error messages ("bad key sk-..."): scrub before anyone sees it.
            params = redact_tree(params)
        event = structure_notification(method, params)
        turn = self._turn_for(params)
        if turn is None:
            self._observe(event)
            self._broadcast(event)  # thread-level: status changes, name updates, ...
            return
        if method == "turn/started":
            turn.bind_id(str(params["turn"]["id"]))
        elif method == "item/agentMessage/delta":
            turn.text_deltas.append(params.get("delta", ""))
        elif method == "item/completed":
            turn.items.append(getattr(event, "item", params.get("item")))
        elif method == "thread/tokenUsage/updated":
            turn.usage = getattr(event, "token_usage", params.get("tokenUsage"))
        self._observe(event)
        await turn.deliver(event)
        if method == "turn/completed":
            raw_turn = params.get("turn", {})
            typed_turn = getattr(event, "turn", None)
            turn.finish(
                self._result(
                    turn,
                    status=raw_turn.get("status", "completed"),
                    error=getattr(typed_turn, "error", None) or raw_turn.get("error"),
                    duration_ms=raw_turn.get("durationMs"),
                    final_items=getattr(typed_turn, "items", None) or (),
                )
            )
            self.log.debug("turn completed", turn_id=turn.id, status=raw_turn.get("status"))

    def _turn_for(self, params: Any) -> Turn | None:
        turn = self.active
        if turn is None or turn.done or not isinstance(params, Mapping):
            return None
        turn_id = params.get("turnId")
        if turn_id is None and isinstance(params.get("turn"), Mapping):
            turn_id = params["turn"].get("id")
        if turn_id is None:
            return None  # about the thread, not a turn
        if turn.id is None or turn.id == turn_id:
            return turn
        return None

    def subscribe(self, max_buffer: int = 256) -> trio.MemoryReceiveChannel[object]:
        """Receive this conversation's thread-level events (those not part of a turn). A receiver
        that falls ``max_buffer`` behind misses events rather than stalling the conversation."""
        send, receive = trio.open_memory_channel[object](max_buffer)
        self._subscribers.append(send)
        return receive

    def _broadcast(self, event: object) -> None:
        for send in list(self._subscribers):
            try:
                send.send_nowait(event)
            except trio.WouldBlock:
                self.log.warning(
                    "conversation subscriber is full; event dropped", event_type=type(event).__name__
                )
            except (trio.BrokenResourceError, trio.ClosedResourceError):
                self._subscribers.remove(send)

    async def _deliver(self, event: object) -> None:
        """An orchestra event for the active turn (and the observers)."""
        self._observe(event)
        turn = self.active
        if turn is not None and not turn.done:
            await turn.deliver(event)

    def _observe(self, event: object) -> None:
        for observer in list(self.observers):
            try:
                observer(self, event)
            except Exception:
                self.log.exception("event observer failed; removing it", observer=repr(observer))
                self.observers.remove(observer)

    def _on_server_request(self, message: _native.Message) -> None:
        assert self._nursery is not None
        self._nursery.start_soon(self._answer_server_request, message)

    async def _answer_server_request(self, message: _native.Message) -> None:
        method = message.method or ""
        request_id = message.id if message.id is not None else 0
        params = structure_server_request(method, message.params)
        await self._deliver(ServerRequest(method=method, request_id=request_id, params=params))
        kind = APPROVAL_METHODS.get(method)
        if kind is None:
            text = f"{method} is not handled by this client"
            self.log.warning("refusing server request", method=method)
            with contextlib.suppress(_native.ConnectionClosedError):
                self.runtime.native.respond_error(request_id, -32601, text)
            await self._deliver(ServerRequestRefused(method=method, request_id=request_id, message=text))
            return
        raw = message.params if isinstance(message.params, dict) else {}
        request = ApprovalRequest(
            method=method,
            kind=kind,
            request_id=request_id,
            thread_id=raw.get("threadId") or raw.get("conversationId"),
            turn_id=raw.get("turnId"),
            params=params,
            raw=raw,
        )
        reason = ""
        try:
            decision = await self.approver(request)
        except Exception as exc:  # a broken policy must not leave the runtime waiting forever
            self.log.exception("approval policy failed; declining", method=method)
            decision, reason = "decline", f"approval policy raised {exc!r}"
        response = approval_response(request, decision)
        self.log.info("approval answered", method=method, decision=decision, command=request.command)
        with contextlib.suppress(_native.ConnectionClosedError):
            self.runtime.native.respond(request_id, response)
        await self._deliver(
            ApprovalDecided(method=method, request_id=request_id, decision=decision, reason=reason)
        )

    async def _on_exit(self, message: _native.Message) -> None:
        lost = self.runtime.lost_event or RuntimeLost(
            exit_code=message.exit_code, exit_signal=message.exit_signal
        )
        self.lost = lost
        turn = self.active
        self._observe(lost)
        if turn is not None and not turn.done:
            await turn.deliver(lost)
            turn.finish(self._result(turn, status="failed", error=lost))

    def _result(
        self,
        turn: Turn,
        *,
        status: str,
        error: Any,
        duration_ms: int | None = None,
        final_items: Sequence[Any] = (),
    ) -> TurnResult:
        items = tuple(turn.items)
        final_text = _final_text(items) or _final_text(tuple(final_items)) or "".join(turn.text_deltas)
        return TurnResult(
            thread_id=turn.thread_id,
            turn_id=turn.id or "",
            status=status,
            final_text=final_text,
            items=items,
            usage=turn.usage,
            error=error,
            duration_ms=duration_ms,
        )


def _final_text(items: Sequence[Any]) -> str:
    """The text of the last agent message among ``items`` (typed or raw)."""
    for item in reversed(items):
        item_type = getattr(item, "type", None) or (item.get("type") if isinstance(item, Mapping) else None)
        if item_type == "agentMessage":
            text = getattr(item, "text", None)
            if text is None and isinstance(item, Mapping):
                text = item.get("text")
            return str(text or "")
    return ""


class Conversation:
    """A user's handle on a running conversation (one Codex thread)."""

    def __init__(self, actor: ConversationActor) -> None:
        self._actor = actor

    def __repr__(self) -> str:
        return f"<Conversation thread={self.thread_id} runtime_pid={self._actor.runtime.pid}>"

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
        sandbox_policy: Mapping[str, Any] | None = None,
        output_schema: Mapping[str, Any] | None = None,
        extra: Mapping[str, Any] | None = None,
    ) -> Turn:
        """Start a turn and return it once the runtime accepted it; stream it with ``async for``.

        Overrides apply to this turn and the ones after it (runtime semantics). If the previous
        turn is still running, this waits for it to end first (its unread events are dropped).
        Raises :class:`ConversationClosedError` if the conversation or its runtime is gone.
        """
        overrides = {
            "model": model,
            "effort": effort,
            "summary": summary,
            "cwd": cwd,
            "approvalPolicy": approval_policy,
            "sandboxPolicy": dict(sandbox_policy) if sandbox_policy is not None else None,
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
        return await self._actor.route.request(method, body, timeout=timeout)


@contextlib.asynccontextmanager
async def open_conversation(
    runtime: Runtime,
    *,
    thread_params: Mapping[str, Any],
    approver: ApprovalPolicy = decline_all,
    mailbox_size: int = 256,
    observers: Sequence[EventObserver] = (),
) -> AsyncIterator[Conversation]:
    """Start a thread on ``runtime`` and run its actor in a nursery owned by this context."""
    actor = ConversationActor(runtime, approver=approver, mailbox_size=mailbox_size, observers=observers)
    with unwrap_single_exception():
        async with trio.open_nursery() as nursery:
            await nursery.start(actor.run)
            try:
                await actor.start_thread(thread_params)
                yield Conversation(actor)
            finally:
                with trio.CancelScope(shield=True):
                    await actor.close()
                nursery.cancel_scope.cancel()
