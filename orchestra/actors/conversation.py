"""ConversationActor: one Codex thread, its route on a runtime, and its turns.

The actor owns a route on a runtime of the pool. Its pump task drains the route, structures each
message into a typed event and delivers it to the active turn's mailbox; answers to its requests
resolve waiting calls; approval requests go to the user's approval policy in tasks of the actor's
own nursery. :class:`Conversation` is the handle users hold.

When the runtime dies, the actor emits :class:`RuntimeLost`, waits for the pool's supervisor to
restart that runtime, re-attaches with ``thread/resume`` (:class:`ConversationResumed`) and, by
default, runs the in-flight turn again from its input (:class:`TurnRestarted`). A turn that fails
with a retryable model error is run again under the conversation's retry policy
(:class:`TurnRetrying`).
"""

from __future__ import annotations

import contextlib
from collections.abc import Awaitable, Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import attrs
import trio

from .. import _native
from .._errors import ConversationClosedError, ProtocolError, RpcError, RuntimeExitedError
from .._log import ERROR_CARRYING_METHODS, get_logger, redact_tree
from ..events import (
    ApprovalDecided,
    ConversationResumed,
    MalformedMessage,
    RuntimeLost,
    ServerRequest,
    ServerRequestRefused,
    TurnRestarted,
    TurnRetrying,
)
from ..plugins import EventContext, PluginFailed, PluginSet, Submission, SubmissionVetoed, submission_params
from ..protocol import UnparsedEvent, structure_notification, structure_server_request
from ..protocol._plan import notification_event
from ..runtime import Runtime
from ..runtime._rpc import RpcRoute
from ..supervision import RetriesExhausted, RetryPolicy, classify_exception, classify_turn_error, retry_call
from ._inputs import input_items
from .approvals import (
    APPROVAL_METHODS,
    DECISIONS,
    ApprovalPolicy,
    ApprovalRequest,
    approval_response,
    decline_all,
)
from .turn import Turn, TurnResult

if TYPE_CHECKING:
    from ..pool import RuntimeSlot
    from .ratelimit_monitor import RateLimitMonitor

log = get_logger("orchestra.conversation")

UserInput = str | Mapping[str, Any] | Sequence[str | Mapping[str, Any]]

EventObserver = Callable[["ConversationActor", object], None]
"""Called with every event of a conversation (turn events and thread-level ones), in order, on the
actor's task. Observers record, audit or count; they must not block. An observer that raises is
logged and removed, never allowed to break the conversation."""


@attrs.frozen
class ResumePolicy:
    """What happens to a conversation whose runtime dies.

    ``resume``: re-attach to the restarted runtime with ``thread/resume`` (impossible for ephemeral
    threads, which then fail their turn). ``rerun_in_flight``: run a turn that was in flight again
    from its input (at-least-once; the stream shows :class:`TurnRestarted`); otherwise that turn
    fails with its :class:`RuntimeLost` as the error. ``retry``: attempts and backoff for resuming.
    """

    resume: bool = True
    rerun_in_flight: bool = True
    retry: RetryPolicy = attrs.field(
        factory=lambda: RetryPolicy(attempts=10, initial=0.2, maximum=5.0, deadline=300.0)
    )


DEFAULT_RESUME = ResumePolicy()

#: Model failures (HTTP 5xx, stream cut, overload) are retried this way by default.
DEFAULT_TURN_RETRY = RetryPolicy(attempts=3, initial=0.5, maximum=10.0, deadline=300.0)


def _drop_none(params: Mapping[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in params.items() if v is not None}


class ConversationActor:
    """Runs one conversation; :meth:`Orchestra.conversation` starts it, users hold a :class:`Conversation`."""

    def __init__(
        self,
        slot: RuntimeSlot,
        *,
        approver: ApprovalPolicy = decline_all,
        mailbox_size: int = 256,
        observers: Sequence[EventObserver] = (),
        resume: ResumePolicy = DEFAULT_RESUME,
        turn_retry: RetryPolicy = DEFAULT_TURN_RETRY,
        limits: RateLimitMonitor | None = None,
        plugins: PluginSet | None = None,
    ) -> None:
        self.slot = slot
        self.limits = limits
        self.plugins = plugins or PluginSet()
        self._plugin_reports: list[PluginFailed] = []
        self.approver = approver
        self.mailbox_size = mailbox_size
        self.observers: list[EventObserver] = list(observers)
        self.resume_policy = resume
        self.turn_retry = turn_retry
        self.runtime: Runtime | None = None
        self.route: RpcRoute | None = None
        self.generation = 0  # the slot generation our route belongs to
        self.thread_id: str | None = None
        self.thread: Any = None  # the raw Thread object from thread/start or thread/resume
        self.ephemeral = False
        self.active: Turn | None = None
        self.lost: RuntimeLost | None = None  # set while detached from a runtime
        self.gone: BaseException | None = None  # set when the conversation cannot continue at all
        self._nursery: trio.Nursery | None = None
        self._turn_lock = trio.Lock()
        # A turn the runtime runs for a request other than turn/start (a review, a compaction):
        # the next turn waits for its end (see orchestra.surface._side_turn).
        self.side_turn: Any = None
        # The thread's settings as last reported (thread/settings/updated), and a lock so that
        # each settings update waits for its own report (see orchestra.surface.settings).
        self.settings: Any = None
        self.settings_lock = trio.Lock()
        self._closed = False
        self._subscribers: list[trio.MemorySendChannel[object]] = []
        self._resumed = trio.Event()
        self._dead_generation = 0  # the newest slot generation we saw die; attach only to newer
        self._resuming = False
        self._thread_params: dict[str, Any] = {}
        # The active turn saw a malformed line (which may have been its end) / its thread go idle.
        self._malformed_during: Turn | None = None
        self._idle_during: Turn | None = None
        self.log = log

    # --- lifecycle ----------------------------------------------------------------------

    async def run(self, *, task_status: trio.TaskStatus[None] = trio.TASK_STATUS_IGNORED) -> None:
        """Hold the actor's nursery (route pumps, approval tasks, resume) until cancelled."""
        async with trio.open_nursery() as nursery:
            self._nursery = nursery
            task_status.started()
            await trio.sleep_forever()

    async def _attach(self) -> RpcRoute:
        """Open a route on the slot's current runtime (waiting for a restart if needed)."""
        assert self._nursery is not None
        runtime, generation = await self.slot.wait_runtime(newer_than=self._dead_generation)
        route = runtime.open_route()
        self.runtime, self.route, self.generation = runtime, route, generation
        self._nursery.start_soon(route.run, self._on_message)
        return route

    def _require_route(self) -> RpcRoute:
        if self._closed:
            raise ConversationClosedError("conversation is closed")
        if self.gone is not None:
            raise ConversationClosedError(f"conversation cannot continue: {self.gone}")
        if self.route is None:
            raise ConversationClosedError("conversation is not attached to a runtime")
        return self.route

    async def start_thread(self, params: Mapping[str, Any], *, timeout: float = 120.0) -> Any:
        """``thread/start``; binds the new thread id to this actor's route before anything else arrives.

        Retried under the resume policy when the runtime is overloaded (``-32001``) or dies before
        answering (a thread it may have half-created is simply never used)."""

        self._thread_params = _drop_none(params)

        async def start() -> Any:
            # Reuse the route after an overload answer; attach anew only after it died.
            route = self.route if self.route is not None else await self._attach()
            return await route.request("thread/start", self._thread_params, bind_thread=True, timeout=timeout)

        def retrying(attempt: int, failure: Any, delay: float) -> None:
            self.log.info(
                "thread/start failed; retrying", attempt=attempt, reason=failure.reason, delay=delay
            )

        try:
            result = await retry_call(start, self.resume_policy.retry, on_retry=retrying)
        except RetriesExhausted as exc:
            raise exc.__cause__ or exc from None
        self._adopt_thread(result)
        self.ephemeral = bool(params.get("ephemeral"))
        self.log.debug("thread started", path=self.thread.get("path"))
        return result

    async def open_thread(self, method: str, params: Mapping[str, Any], *, timeout: float = 120.0) -> Any:
        """Open this actor's thread with ``thread/start``, ``thread/resume`` or ``thread/fork``."""
        if method == "thread/start":
            return await self.start_thread(params, timeout=timeout)
        if method == "thread/resume":
            body = dict(params)
            return await self.resume_thread(str(body.pop("threadId")), body, timeout=timeout)
        route = self.route if self.route is not None else await self._attach()
        result = await route.request(method, _drop_none(params), bind_thread=True, timeout=timeout)
        self._adopt_thread(result, method)
        self.ephemeral = bool(params.get("ephemeral"))
        return result

    async def resume_thread(
        self, thread_id: str, params: Mapping[str, Any], *, timeout: float = 120.0
    ) -> Any:
        """``thread/resume`` of an existing thread (e.g. from a rollout in this slot's home)."""
        route = await self._attach()
        body = {"threadId": thread_id, **_drop_none(params)}
        result = await route.request("thread/resume", body, bind_thread=True, timeout=timeout)
        self._adopt_thread(result, "thread/resume")
        return result

    def _adopt_thread(self, result: Any, method: str = "thread/start") -> None:
        self.thread, self.thread_id = _identified(result, "thread", method)
        self.log = log.bind(thread_id=self.thread_id)

    async def close(self) -> None:
        """Interrupt a running turn, unload the thread from the runtime, drop the route.

        Never waits on the runtime: closing often happens while the surrounding scope is being
        cancelled (Ctrl-C, a fan-out that ends early), when this actor's own tasks — the pump that
        would read any answer — are already gone. So the requests are written and not awaited.
        """
        if self._closed:
            return
        self._closed = True
        turn = self.active
        runtime, route, thread_id = self.runtime, self.route, self.thread_id
        attached = runtime is not None and route is not None and self.lost is None and self.gone is None
        if turn is not None and not turn.done:
            if attached and turn.id is not None:
                self._send_and_forget("turn/interrupt", {"threadId": thread_id, "turnId": turn.id})
            turn.finish(self._result(turn, status="interrupted", error=None))
        if attached and thread_id is not None:
            # A long batch must not keep every finished thread resident in the runtime.
            self._send_and_forget("thread/unsubscribe", {"threadId": thread_id})
        if route is not None:
            route.close()

    def _send_and_forget(self, method: str, params: dict[str, Any]) -> None:
        assert self.runtime is not None
        with contextlib.suppress(_native.ConnectionClosedError):  # gone: nothing left to tell it
            self.runtime.native.request(method, params)  # the answer goes to the control route

    # --- turns --------------------------------------------------------------------------

    async def start_turn(self, user_input: UserInput, overrides: Mapping[str, Any]) -> Turn:
        if self._closed:
            raise ConversationClosedError("conversation is closed")
        if self.gone is not None:
            raise ConversationClosedError(f"conversation cannot continue: {self.gone}")
        assert self.thread_id is not None
        async with self._turn_lock:
            previous = self.active
            if previous is not None and not previous.done:
                await previous.result()  # one turn at a time; see Conversation.send
            if self.side_turn is not None:  # a review or compaction: the runtime refuses a turn then
                await self.side_turn.wait_ended()
            while self.lost is not None and self.gone is None:  # a resume is under way
                await self._resumed.wait()
            if self.limits is not None:
                await self.limits.wait_open()  # paused before a rate-limit window runs out
            submission = Submission(
                thread_id=self.thread_id,
                input=tuple(input_items(user_input)),
                overrides=_drop_none(overrides),
            )
            if self.plugins:
                try:
                    submission = await self.plugins.before_submit(submission, self._plugin_reports.append)
                except SubmissionVetoed as veto:
                    self.log.warning("submission vetoed", plugin=veto.plugin, reason=veto.reason)
                    self.plugins.on_error(self._context(), veto, self._plugin_reports.append)
                    raise
            params = submission_params(submission)
            turn = Turn(self, self.thread_id, self.mailbox_size, start_params=params)
            self.active = turn
            await self._send_turn_start(turn)
            return turn

    async def _send_turn_start(self, turn: Turn) -> None:
        """Send turn/start for ``turn``'s current attempt and bind the runtime's turn id."""
        try:
            result = await self._require_route().request("turn/start", turn.start_params)
        except RuntimeExitedError:
            if self._can_resume():
                return  # the resume task starts this turn again once re-attached
            turn.finish(self._result(turn, status="failed", error=self.lost))
            raise
        except BaseException:
            turn.detach()
            if turn.id is None:
                # Never started (or we cannot know): end it so later sends do not wait on it.
                turn.finish(self._result(turn, status="failed", error=None))
            else:
                self.interrupt_soon(turn)
            raise
        try:
            _, turn_id = _identified(result, "turn", "turn/start")
        except ProtocolError as error:
            turn.detach()
            turn.finish(self._result(turn, status="failed", error=error))
            raise
        turn.bind_id(turn_id)
        self.log.debug("turn started", turn_id=turn.id, attempt=turn.attempt)

    def interrupt_soon(self, turn: Turn) -> None:
        """Schedule ``turn/interrupt`` for ``turn`` in the actor's nursery (callable from any task)."""
        if turn.done or turn.interrupt_requested or self._nursery is None:
            return
        turn.interrupt_requested = True
        turn.detach()
        try:
            self._nursery.start_soon(self._interrupt, turn)
        except RuntimeError:  # the actor is shutting down: tell the runtime without waiting
            if turn.id is not None and self.route is not None and self.runtime is not None:
                self._send_and_forget("turn/interrupt", {"threadId": self.thread_id, "turnId": turn.id})

    async def _interrupt(self, turn: Turn) -> None:
        with trio.move_on_after(30):
            turn_id = await turn.wait_started()
            if turn.done or turn_id is None or self.route is None:
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

    def _on_message(self, message: _native.Message) -> Awaitable[None] | None:
        """The route's handler. The common case — a notification with room in its mailbox — is
        handled here without a coroutine; anything else (a full mailbox, a turn's end, requests,
        errors, plugin reports) continues in :meth:`_on_message_async`."""
        if self._plugin_reports:
            return self._on_message_async(message)
        # Usually typed natively as it was drained (never one whose params need scrubbing first);
        # otherwise the converter does it here.
        event = message.event
        if event is None:
            if message.kind != "notification" or message.method in ERROR_CARRYING_METHODS:
                return self._on_message_async(message)
            event = structure_notification(message.method or "", message.params)
        turn = self._take_notification(message.method or "", event, message.turn_id)
        if turn is not None and not turn.deliver_nowait(event):
            return self._deliver_then_report(turn, event)  # full: back-pressure
        return self._report_plugin_failures() if self._plugin_reports else None

    async def _deliver_then_report(self, turn: Turn, event: object) -> None:
        await turn.deliver(event)
        await self._report_plugin_failures()

    async def _report_plugin_failures(self) -> None:
        while self._plugin_reports:  # a failing plugin is reported in the stream, then skipped
            await self._deliver(self._plugin_reports.pop(0))

    async def _on_message_async(self, message: _native.Message) -> None:
        kind = message.kind
        if kind == "notification":
            await self._on_notification(message)
        elif kind == "request":
            self._on_server_request(message)
        elif kind == "malformed":
            self.log.warning("malformed line from runtime", reason=message.reason)
            if self.active is not None and not self.active.done:
                self._malformed_during = self.active
                self._check_unreadable_end()
            await self._deliver(
                MalformedMessage(
                    reason=message.reason or "", raw=message.raw or b"", thread_id=message.thread_id
                )
            )
        elif kind == "exit":
            await self._on_exit(message)
        else:
            self.log.debug("dropping late answer", kind=kind, id=message.id)
        await self._report_plugin_failures()

    async def _on_notification(self, message: _native.Message) -> None:
        method = message.method or ""
        params: Any = None  # the plain params are built only where they are needed
        if method in ERROR_CARRYING_METHODS:
            # Servers quote credentials in error messages ("bad key sk-..."): scrub before anyone
            # sees it, so the event is structured again from the scrubbed params.
            params = redact_tree(message.params)
            event = structure_notification(method, params)
        else:
            event = notification_event(message)
        turn = self._take_notification(method, event, message.turn_id)
        if turn is None:
            return
        if method != "turn/completed":
            await turn.deliver(event)
            return
        result = self._turn_result_at_completion(turn, params, event)
        await turn.deliver(event)
        # What plugins reported about the completion (after_event, on_error) follows it in the
        # turn's stream, as observers saw it, before the turn is finished and its mailbox closed.
        await self._report_plugin_failures()
        if result is not None:
            turn.finish(result)
            self.log.debug("turn completed", turn_id=turn.id, status=result.status)

    def _take_notification(self, method: str, event: object, turn_id: str | None) -> Turn | None:
        """Update the accumulated result of the turn a typed notification belongs to and show the
        event to observers; return that turn, whose mailbox it goes to (None: a thread-level
        event, broadcast instead)."""
        turn = self._turn_for(turn_id)
        if turn is None:
            self._observe(event)
            self._broadcast(event)  # thread-level: status changes, name updates, ...
            if method == "thread/settings/updated":
                self.settings = getattr(event, "thread_settings", None)
            if method == "thread/status/changed":
                active = self.active
                idle = getattr(getattr(event, "status", None), "type", None) == "idle"
                if idle and active is not None and not active.done:
                    self._idle_during = active
                    self._check_unreadable_end()
            return None
        if method == "turn/started":
            turn.bind_id(str(turn_id))
            turn.mark_started()
        elif method == "item/agentMessage/delta":
            turn.text_deltas.append(_event_field(event, "delta", "delta", ""))
        elif method == "item/completed":
            turn.items.append(_event_field(event, "item", "item"))
        elif method == "thread/tokenUsage/updated":
            turn.usage = _event_field(event, "token_usage", "tokenUsage")
        self._observe(event)
        return turn

    def _turn_result_at_completion(
        self, turn: Turn, params: Mapping[str, Any], event: object
    ) -> TurnResult | None:
        """How ``turn`` ended, from its ``turn/completed``; None when a failed turn is retried
        instead (see :meth:`_retry_turn_later`). Runs the plugins' ``on_error`` for a failure."""
        raw_turn = params.get("turn") if isinstance(params, Mapping) else None
        if not isinstance(raw_turn, Mapping):  # {"turn": null}: the turn ended; how is unknown
            raw_turn = {"status": "failed", "error": {"message": "turn/completed without a turn"}}
        typed_turn = getattr(event, "turn", None)
        status = raw_turn.get("status", "completed")
        error = getattr(typed_turn, "error", None) or raw_turn.get("error")
        if status == "failed" and not turn.interrupt_requested and self._retry_turn_later(turn, error):
            return None
        if status == "failed" and self.plugins:
            self.plugins.on_error(self._context(), error, self._plugin_reports.append)
        return self._result(
            turn,
            status=status,
            error=error,
            duration_ms=raw_turn.get("durationMs"),
            final_items=getattr(typed_turn, "items", None) or (),
        )

    def _check_unreadable_end(self) -> None:
        """The active turn saw both a malformed line and its thread go idle (either order). Usually
        ``turn/completed`` is on its way; if the malformed line *was* it, nothing ever would come and
        the turn would wait forever. So ask the runtime (``thread/read``): its answer comes after any
        ``turn/completed`` still in the stream, so a turn still open then ended unreadably. Costs a
        request only after a malformed line, never on the common path."""
        turn = self.active
        if turn is None or turn.done or self._nursery is None:
            return
        if self._malformed_during is turn and self._idle_during is turn:
            self._malformed_during = self._idle_during = None
            self._nursery.start_soon(self._settle_unreadable_turn, turn)

    async def _settle_unreadable_turn(self, turn: Turn) -> None:
        record: Mapping[str, Any] = {}
        with contextlib.suppress(RpcError, ConversationClosedError, RuntimeExitedError, trio.TooSlowError):
            answer = await self._require_route().request(
                "thread/read", {"threadId": self.thread_id, "includeTurns": True}, timeout=30
            )
            thread = answer.get("thread") if isinstance(answer, Mapping) else None
            turns = thread.get("turns") if isinstance(thread, Mapping) else None
            listed = turns if isinstance(turns, list) else []
            found = (t for t in listed if isinstance(t, Mapping) and t.get("id") == turn.id)
            record = next(found, {})
        if turn.done:
            return  # turn/completed was readable after all
        status = record.get("status")
        error = record.get("error") or MalformedMessage(
            reason="the turn's end was not readable (malformed turn/completed)",
            raw=b"",
            thread_id=self.thread_id,
        )
        self.log.warning("turn ended without a readable turn/completed", turn_id=turn.id, status=status)
        turn.finish(
            self._result(
                turn,
                status=str(status) if status in ("completed", "interrupted", "failed") else "failed",
                error=error if status != "completed" else None,
                duration_ms=record.get("durationMs"),
                final_items=record.get("items") or (),
            )
        )

    def _retry_turn_later(self, turn: Turn, error: Any) -> bool:
        """Schedule another attempt of a failed turn if the policy allows; True if scheduled."""
        failure = classify_turn_error(error)
        delay = self.turn_retry.delay_for(turn.attempt, failure, elapsed=0.0)
        if delay is None or self._nursery is None:
            return False
        self.log.info(
            "retrying failed turn", turn_id=turn.id, attempt=turn.attempt, delay=delay, reason=failure.reason
        )
        self._nursery.start_soon(self._retry_turn, turn, delay, failure.reason, failure.verdict)
        return True

    async def _retry_turn(self, turn: Turn, delay: float, reason: str, verdict: str) -> None:
        event = TurnRetrying(
            turn_id=turn.id, attempt=turn.attempt + 1, delay=delay, reason=reason, verdict=verdict
        )
        self._observe(event)
        await turn.deliver(event)
        if verdict == "wait_until" and self.limits is not None and self.limits.enforce:
            await self.limits.wait_open()  # the gate knows the reset, and reopens early if it can
        else:
            await trio.sleep(delay)
        if turn.interrupt_requested:
            turn.finish(self._result(turn, status="interrupted", error=None))
            return
        turn.restart()
        with contextlib.suppress(RpcError, ConversationClosedError):
            await self._send_turn_start(turn)

    def _turn_for(self, turn_id: str | None) -> Turn | None:
        """The active turn, if a notification naming ``turn_id`` belongs to it."""
        turn = self.active
        if turn is None or turn_id is None or turn.done:
            return None  # no turn, or about the thread, not a turn
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

    def _context(self, event: object = None) -> EventContext:
        turn = self.active
        # The thread id can arrive in an event before thread/start's answer reaches its caller.
        thread_id = (
            self.thread_id
            or getattr(event, "thread_id", None)
            or getattr(getattr(event, "thread", None), "id", None)
        )
        return EventContext(thread_id=thread_id, turn_id=turn.id if turn is not None else None)

    def _observe(self, event: object) -> None:
        if self.plugins and not isinstance(event, PluginFailed):  # no report loops
            self.plugins.after_event(self._context(event), event, self._plugin_reports.append)
            if isinstance(event, RuntimeLost | MalformedMessage):
                self.plugins.on_error(self._context(event), event, self._plugin_reports.append)
        if not self.observers:
            return
        for observer in list(self.observers):
            try:
                observer(self, event)
            except Exception:
                self.log.exception("event observer failed; removing it", observer=repr(observer))
                self.observers.remove(observer)

    # --- server requests ----------------------------------------------------------------

    def _on_server_request(self, message: _native.Message) -> None:
        assert self._nursery is not None
        self._nursery.start_soon(self._answer_server_request, message)

    async def _answer_server_request(self, message: _native.Message) -> None:
        method = message.method or ""
        request_id = message.id if message.id is not None else 0
        runtime = self.runtime
        assert runtime is not None
        params = structure_server_request(method, message.params)
        await self._deliver(ServerRequest(method=method, request_id=request_id, params=params))
        kind = APPROVAL_METHODS.get(method)
        if kind is None:
            text = f"{method} is not handled by this client"
            self.log.warning("refusing server request", method=method)
            with contextlib.suppress(_native.ConnectionClosedError):
                runtime.native.respond_error(request_id, -32601, text)
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
        asked_in = self.active, self.active.attempt if self.active is not None else 0
        try:
            decision = await self.approver(request)
        except Exception as exc:  # a broken policy must not leave the runtime waiting forever
            self.log.exception("approval policy failed; declining", method=method)
            decision, reason = "decline", f"approval policy raised {exc!r}"
        if not (isinstance(decision, str) and decision in DECISIONS):
            reason = f"approval policy returned {decision!r:.80}, not one of {', '.join(DECISIONS)}"
            self.log.error(
                "approval policy returned no valid decision; declining", method=method, reason=reason
            )
            decision = "decline"
        response = approval_response(request, decision)
        self.log.info("approval answered", method=method, decision=decision, command=request.command)
        # Answer on the runtime that asked (a restarted one would not know this request id).
        with contextlib.suppress(_native.ConnectionClosedError):
            runtime.native.respond(request_id, response)
        if self.runtime is not runtime or (self.active, getattr(self.active, "attempt", 0)) != asked_in:
            # The runtime that asked died meanwhile: the decision took no effect, and the turn
            # (rerun if the policy says so) is another attempt; its stream must not show it.
            self.log.info("approval answered after its runtime was lost; not reported", method=method)
            return
        await self._deliver(
            ApprovalDecided(method=method, request_id=request_id, decision=decision, reason=reason)
        )

    # --- losing a runtime, and resuming -------------------------------------------------

    def _can_resume(self) -> bool:
        return (
            self.resume_policy.resume
            and not self.ephemeral
            and self.thread_id is not None
            and not self._closed
        )

    async def _on_exit(self, message: _native.Message) -> None:
        self._dead_generation = max(self._dead_generation, self.generation)
        if self.thread_id is None:
            # Died before our thread existed: start_thread's retry attaches to the next runtime.
            if self.route is not None:
                self.route.close()
                self.route = None
            return
        runtime = self.runtime
        lost = (runtime.lost_event if runtime else None) or RuntimeLost(
            exit_code=message.exit_code, exit_signal=message.exit_signal
        )
        if self.route is not None:
            self.route.close()  # ends this route's pump once we return
            self.route = None
        self.lost = lost
        self._resumed = trio.Event()
        turn = self.active
        self._observe(lost)
        if turn is not None and not turn.done:
            await turn.deliver(lost)
        if self._can_resume():
            assert self._nursery is not None
            self._nursery.start_soon(self._resume)
            return
        why = "an ephemeral thread cannot be resumed" if self.ephemeral else "resume is disabled"
        self.gone = RuntimeExitedError(
            f"runtime lost ({why})",
            exit_code=lost.exit_code,
            exit_signal=lost.exit_signal,
            stderr_tail=lost.stderr_tail,
        )
        if turn is not None and not turn.done:
            turn.finish(self._result(turn, status="failed", error=lost))
        self._resumed.set()

    async def _resume(self) -> None:
        if self._resuming:
            return  # the running resume loop sees its request fail and tries again
        self._resuming = True
        try:
            resumed = await self._resume_attempts()
        finally:
            self._resuming = False
        if resumed is not None:
            await self._after_resume(*resumed)

    async def _resume_attempts(self) -> tuple[Any, int, bool] | None:
        """Re-attach until it works: (thread/resume result, attempts, thread started afresh)."""
        policy = self.resume_policy.retry
        started = trio.current_time()
        attempt = 0
        assert self.thread_id is not None
        while True:
            attempt += 1
            try:
                return await self.resume_thread(self.thread_id, {}, timeout=60), attempt, False
            except RpcError as exc:
                if "no rollout found" in exc.rpc_message and self.route is not None:
                    # The runtime died before it persisted anything of this thread: nothing to
                    # restore, so start the thread afresh and run the in-flight turn there.
                    self.log.warning("thread was never persisted; starting it afresh")
                    result = await self.route.request(
                        "thread/start", self._thread_params, bind_thread=True, timeout=60
                    )
                    self._adopt_thread(result)
                    return result, attempt, True
                error: Exception = exc
            except Exception as exc:
                error = exc
            failure = classify_exception(error)
            delay = policy.delay_for(attempt, failure, elapsed=trio.current_time() - started)
            self.log.warning("resume failed", attempt=attempt, error=repr(error), retry_in=delay)
            if self.route is not None and self.lost is not None:
                self.route.close()  # a route on a runtime that did not take us back
                self.route = None
            if delay is None:
                self._give_up(error)
                return None
            await trio.sleep(delay)

    async def _after_resume(self, result: Any, attempt: int, fresh: bool) -> None:
        assert self.runtime is not None and self.thread_id is not None
        self.thread = result.get("thread", self.thread)
        lost, self.lost = self.lost, None
        resumed = ConversationResumed(
            thread_id=self.thread_id,
            runtime_pid=self.runtime.pid,
            generation=self.generation,
            attempt=attempt,
            fresh_thread=fresh,
        )
        self.log.info("conversation resumed", runtime_pid=self.runtime.pid, generation=self.generation)
        await self._deliver(resumed)
        self._resumed.set()
        turn = self.active
        if turn is None or turn.done:
            return
        if not self.resume_policy.rerun_in_flight or turn.interrupt_requested:
            # The RuntimeLost the turn streamed (exit status, stderr tail), as the docs say.
            error = lost or RuntimeLost(None, None, "turn lost with runtime")
            turn.finish(self._result(turn, status="failed", error=error))
            return
        previous = turn.restart()
        turn.start_params["threadId"] = self.thread_id  # new if the thread was started afresh
        restarted = TurnRestarted(previous_turn_id=previous, attempt=turn.attempt, reason="runtime lost")
        self._observe(restarted)
        await turn.deliver(restarted)
        with contextlib.suppress(RpcError, ConversationClosedError):
            await self._send_turn_start(turn)

    def _give_up(self, error: BaseException) -> None:
        self.gone = error
        turn = self.active
        if turn is not None and not turn.done:
            turn.finish(self._result(turn, status="failed", error=self.lost))
        self._resumed.set()

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
            attempts=turn.attempt,
        )


def _identified(result: Any, key: str, method: str) -> tuple[Mapping[str, Any], str]:
    """``result[key]`` and its non-empty string ``id``; :class:`ProtocolError` if the answer does
    not have them."""
    inner = result.get(key) if isinstance(result, Mapping) else None
    value = inner.get("id") if isinstance(inner, Mapping) else None
    if isinstance(inner, Mapping) and isinstance(value, str) and value:
        return inner, value
    if isinstance(result, Mapping):  # what the answer was, briefly: never its content
        shape = f"an object with keys {sorted(map(str, result))[:8]}"
    else:
        shape = f"a {type(result).__name__}"
    raise ProtocolError(method, f"no {key} id in {shape}")


def _event_field(event: object, attr: str, wire: str, default: Any = None) -> Any:
    """A field of a typed event, or of the raw params of one that did not match its schema."""
    if isinstance(event, UnparsedEvent):
        params = event.params
        return params.get(wire, default) if isinstance(params, Mapping) else default
    return getattr(event, attr, default)


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
