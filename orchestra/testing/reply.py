"""Replies the scripted model can give, and the small functions that build them.

Import the module and call its factories::

    from orchestra.testing import reply

    reply.text("Hello there", chunks=3)         # an assistant message, streamed as 3 deltas
    reply.shell("echo hi > f.txt")              # the model runs a command (tool exec_command)
    reply.apply_patch(PATCH)                    # the model edits files (custom tool apply_patch)
    reply.combine(reply.text("Let me look."), reply.shell("ls"))   # several items, one response
    reply.failed("scripted failure")            # a `response.failed` event
    reply.cut(after=2)                          # the stream ends before `response.completed`
    reply.http_error(500) / reply.http_error(401, "bad key") / reply.usage_limit()

Every reply is a frozen value; the ``with_*`` methods return a modified copy::

    reply.text("hi").with_latency(first_byte=0.5, between_events=0.01).with_headers(h)

A scripted entry may also be a *responder*, a function ``(RecordedRequest) -> Reply`` called
when the request arrives; :func:`echo` is the one the server uses when nothing is scripted.

The SSE shapes (see ``docs`` of each factory) follow the Responses API as the Codex runtime
parses it (``codex-rs/codex-api/src/sse/responses.rs``) and the runtime's own test helpers
(``codex-rs/core/tests/common/responses.rs``: ``ev_completed``, ``ev_assistant_message``,
``ev_function_call``, ``ev_custom_tool_call``); they were checked against codex 0.163.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Iterable, Mapping
from typing import Any, TypeAlias

import attrs

from orchestra.testing.recorded import RecordedRequest

__all__ = [
    "CustomToolCall",
    "Failed",
    "FunctionCall",
    "HttpErrorReply",
    "Latency",
    "Message",
    "OutputItem",
    "RenderContext",
    "Reply",
    "Responder",
    "Scripted",
    "StreamReply",
    "Usage",
    "apply_patch",
    "combine",
    "custom_tool_call",
    "cut",
    "echo",
    "failed",
    "function_call",
    "http_error",
    "shell",
    "text",
    "usage_limit",
]

HeaderPairs: TypeAlias = tuple[tuple[str, str], ...]


def _to_header_pairs(value: Mapping[str, str] | Iterable[tuple[str, str]] | None) -> HeaderPairs:
    if value is None:
        return ()
    pairs = value.items() if isinstance(value, Mapping) else value
    return tuple((str(k), str(v)) for k, v in pairs)


# --- building blocks ------------------------------------------------------------------------


@attrs.frozen
class Latency:
    """Delays, in seconds: before the first byte of the reply, and between two SSE events."""

    first_byte: float = 0.0
    between_events: float = 0.0


@attrs.frozen
class Usage:
    """Token usage reported in ``response.completed``; ``total_tokens`` is computed."""

    input_tokens: int = 0
    output_tokens: int = 0
    cached_tokens: int = 0
    reasoning_tokens: int = 0

    def to_json(self) -> dict[str, Any]:
        return {
            "input_tokens": self.input_tokens,
            "input_tokens_details": {"cached_tokens": self.cached_tokens},
            "output_tokens": self.output_tokens,
            "output_tokens_details": {"reasoning_tokens": self.reasoning_tokens},
            "total_tokens": self.input_tokens + self.output_tokens,
        }


@attrs.frozen
class Message:
    """An assistant message, streamed as ``chunks`` text deltas."""

    text: str
    chunks: int = 1


@attrs.frozen
class FunctionCall:
    """A ``function_call`` output item; ``arguments`` is the JSON string the model produced."""

    name: str
    arguments: str
    call_id: str | None = None
    """``None``: a fresh ``call_<n>`` is chosen when the reply is sent."""


@attrs.frozen
class CustomToolCall:
    """A ``custom_tool_call`` output item (free-form ``input``, e.g. a patch)."""

    name: str
    input: str
    call_id: str | None = None


OutputItem: TypeAlias = Message | FunctionCall | CustomToolCall


@attrs.frozen
class Failed:
    """End the stream with ``response.failed`` carrying ``{"code", "message"}``.

    The runtime treats some codes specially: ``context_length_exceeded``, ``insufficient_quota``,
    ``usage_not_included``, and ``rate_limit_exceeded`` (whose message may say "try again in 2s").
    Any other code is a retryable stream error: with ``stream_max_retries = 0`` the turn fails
    with "stream disconnected before completion: <message>".
    """

    message: str
    code: str = "server_error"


@attrs.frozen
class RenderContext:
    """What a reply needs to know to turn itself into events. Built by the server."""

    response_id: str
    new_id: Callable[[str], str]
    """``new_id("call")`` → a server-unique id such as ``"call_7"``."""
    request: RecordedRequest | None = None


def _split(text: str, chunks: int) -> list[str]:
    """Split ``text`` into at most ``chunks`` non-empty pieces of nearly equal length."""
    if not text:
        return []
    count = max(1, min(chunks, len(text)))
    bounds = [round(i * len(text) / count) for i in range(count + 1)]
    return [text[bounds[i] : bounds[i + 1]] for i in range(count)]


def _estimate_tokens(chars: int) -> int:
    return max(1, math.ceil(chars / 4))


# --- the two kinds of reply -----------------------------------------------------------------


@attrs.frozen
class StreamReply:
    """A ``200 text/event-stream`` reply: output items, then how the stream ends.

    The event sequence (``render``) is:

    * ``response.created`` ``{"response": {"id", "status": "in_progress", ...}}`` (unless
      ``created=False``);
    * for each :class:`Message`: ``response.output_item.added`` (``status: in_progress``,
      ``content: []``), one ``response.output_text.delta`` per chunk, then
      ``response.output_item.done`` with ``content: [{"type": "output_text", "text"}]``;
    * for each :class:`FunctionCall` / :class:`CustomToolCall`: one ``response.output_item.done``
      (as the runtime's own helpers ``ev_function_call`` / ``ev_custom_tool_call`` do);
    * ``response.completed`` ``{"response": {"id", "status", "output", "usage"}}``, or
      ``response.failed`` if ``failure`` is set.

    ``cut_after=N`` sends only the first N events, then ends the body cleanly (the runtime reports
    "stream closed before response.completed"), or drops the connection if ``abort``.
    """

    items: tuple[OutputItem, ...] = ()
    failure: Failed | None = None
    cut_after: int | None = None
    abort: bool = False
    usage: Usage | None = None
    """``None``: estimated (about 4 characters a token) from the request and the output."""
    headers: HeaderPairs = attrs.field(default=(), converter=_to_header_pairs)
    latency: Latency | None = None
    """``None``: the server's default latency."""
    created: bool = True

    # -- modifiers (each returns a copy) --

    def with_headers(self, headers: Mapping[str, str] | None = None, **more: str) -> StreamReply:
        """Add response headers (e.g. :func:`~orchestra.testing.rate_limits.rate_limit_headers`)."""
        extra = _to_header_pairs(headers) + _to_header_pairs(more)
        return attrs.evolve(self, headers=self.headers + extra)

    def with_latency(self, first_byte: float = 0.0, between_events: float = 0.0) -> StreamReply:
        """Delay the first byte, and each event after the first, by these many seconds."""
        return attrs.evolve(self, latency=Latency(first_byte, between_events))

    def with_usage(
        self,
        input_tokens: int = 0,
        output_tokens: int = 0,
        cached_tokens: int = 0,
        reasoning_tokens: int = 0,
    ) -> StreamReply:
        """Report exactly this usage in ``response.completed``."""
        usage = Usage(input_tokens, output_tokens, cached_tokens, reasoning_tokens)
        return attrs.evolve(self, usage=usage)

    def cut(self, after: int | None = None, *, abort: bool = False) -> StreamReply:
        """Stop after ``after`` events (default: all but the last), see :func:`cut`."""
        if after is not None and after < 0:
            raise ValueError("cut(after=...) must be >= 0")
        return attrs.evolve(self, cut_after=after if after is not None else -1, abort=abort)

    def fail(self, message: str, code: str = "server_error") -> StreamReply:
        """End with ``response.failed`` instead of ``response.completed``."""
        return attrs.evolve(self, failure=Failed(message, code))

    # -- rendering --

    def render(self, ctx: RenderContext) -> list[dict[str, Any]]:
        """The events of this reply, in order, honouring ``cut_after``."""
        events: list[dict[str, Any]] = []
        rid = ctx.response_id
        model = ctx.request.model if ctx.request is not None else None
        if self.created:
            events.append(
                {
                    "type": "response.created",
                    "response": {"id": rid, "object": "response", "status": "in_progress", "model": model},
                }
            )
        done_items: list[dict[str, Any]] = []
        for index, item in enumerate(self.items):
            events.extend(_render_item(item, index, ctx, done_items))
        if self.failure is not None:
            error = {"code": self.failure.code, "message": self.failure.message}
            events.append(
                {
                    "type": "response.failed",
                    "response": {
                        "id": rid,
                        "object": "response",
                        "status": "failed",
                        "model": model,
                        "error": error,
                    },
                }
            )
        else:
            usage = self.usage or self._estimated_usage(ctx)
            events.append(
                {
                    "type": "response.completed",
                    "response": {
                        "id": rid,
                        "object": "response",
                        "status": "completed",
                        "model": model,
                        "output": done_items,
                        "usage": usage.to_json(),
                    },
                }
            )
        if self.cut_after is not None:
            keep = len(events) - 1 if self.cut_after == -1 else self.cut_after
            events = events[:keep]
        return events

    def _estimated_usage(self, ctx: RenderContext) -> Usage:
        out_chars = 0
        for item in self.items:
            if isinstance(item, Message):
                out_chars += len(item.text)
            elif isinstance(item, FunctionCall):
                out_chars += len(item.arguments)
            else:
                out_chars += len(item.input)
        in_chars = len(ctx.request.raw_body) if ctx.request is not None else 0
        return Usage(input_tokens=_estimate_tokens(in_chars), output_tokens=_estimate_tokens(out_chars))

    def describe(self) -> str:
        """A short human description, for logs."""
        parts = [_describe_item(item) for item in self.items]
        if self.failure is not None:
            parts.append(f"failed({self.failure.message!r})")
        text = " + ".join(parts) or "empty"
        if self.cut_after is not None:
            text += f" cut(after={'all-but-last' if self.cut_after == -1 else self.cut_after})"
        return text


def _describe_item(item: OutputItem) -> str:
    if isinstance(item, Message):
        shown = item.text if len(item.text) <= 30 else item.text[:29] + "…"
        return f"text({shown!r})"
    if isinstance(item, FunctionCall):
        return f"{item.name}({item.arguments})"
    return f"{item.name}(<{len(item.input)} chars>)"


def _render_item(
    item: OutputItem, index: int, ctx: RenderContext, done_items: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    if isinstance(item, Message):
        item_id = ctx.new_id("msg")
        added = {
            "type": "message",
            "id": item_id,
            "status": "in_progress",
            "role": "assistant",
            "content": [],
        }
        done = {
            "type": "message",
            "id": item_id,
            "status": "completed",
            "role": "assistant",
            "content": [{"type": "output_text", "text": item.text, "annotations": []}],
        }
        events: list[dict[str, Any]] = [
            {"type": "response.output_item.added", "output_index": index, "item": added}
        ]
        events.extend(
            {
                "type": "response.output_text.delta",
                "item_id": item_id,
                "output_index": index,
                "content_index": 0,
                "delta": piece,
            }
            for piece in _split(item.text, item.chunks)
        )
        events.append({"type": "response.output_item.done", "output_index": index, "item": done})
        done_items.append(done)
        return events
    call_id = item.call_id or ctx.new_id("call")
    if isinstance(item, FunctionCall):
        done = {
            "type": "function_call",
            "id": ctx.new_id("fc"),
            "status": "completed",
            "call_id": call_id,
            "name": item.name,
            "arguments": item.arguments,
        }
    else:
        done = {
            "type": "custom_tool_call",
            "id": ctx.new_id("ctc"),
            "status": "completed",
            "call_id": call_id,
            "name": item.name,
            "input": item.input,
        }
    done_items.append(done)
    return [{"type": "response.output_item.done", "output_index": index, "item": done}]


@attrs.frozen
class HttpErrorReply:
    """A non-streamed error: ``status`` with a JSON ``body`` (a string body is sent as text)."""

    status: int
    body: Mapping[str, Any] | str
    headers: HeaderPairs = attrs.field(default=(), converter=_to_header_pairs)
    latency: Latency | None = None

    def with_headers(self, headers: Mapping[str, str] | None = None, **more: str) -> HttpErrorReply:
        """Add response headers (``Retry-After``, rate limits, ...)."""
        extra = _to_header_pairs(headers) + _to_header_pairs(more)
        return attrs.evolve(self, headers=self.headers + extra)

    def with_latency(self, first_byte: float = 0.0, between_events: float = 0.0) -> HttpErrorReply:
        """Delay the reply by ``first_byte`` seconds (``between_events`` has no effect here)."""
        return attrs.evolve(self, latency=Latency(first_byte, between_events))

    def encoded_body(self) -> tuple[bytes, str]:
        """The body bytes and their content type."""
        if isinstance(self.body, str):
            return self.body.encode(), "text/plain; charset=utf-8"
        return json.dumps(self.body).encode(), "application/json"

    def describe(self) -> str:
        return f"http_error({self.status})"


Reply: TypeAlias = StreamReply | HttpErrorReply
Responder: TypeAlias = Callable[[RecordedRequest], Reply]
"""A function that builds the reply when the request arrives."""
Scripted: TypeAlias = Reply | Responder
"""What ``enqueue`` and rules accept: a reply, or a responder."""


# --- factories ------------------------------------------------------------------------------


def text(message: str, *, chunks: int = 1) -> StreamReply:
    """An assistant message streamed as ``chunks`` ``response.output_text.delta`` events.

    The runtime shows the full text (from ``response.output_item.done``) as an
    ``agent_message`` / ``agentMessage`` item; app-server clients also see each delta.
    """
    if chunks < 1:
        raise ValueError("chunks must be >= 1")
    return StreamReply(items=(Message(message, chunks),))


def function_call(
    name: str, arguments: Mapping[str, Any] | str | None = None, *, call_id: str | None = None
) -> StreamReply:
    """A call of the tool ``name``; ``arguments`` (a mapping) is sent as a JSON string."""
    args = arguments if isinstance(arguments, str) else json.dumps(dict(arguments or {}))
    return StreamReply(items=(FunctionCall(name, args, call_id),))


def shell(cmd: str, *, call_id: str | None = None, **arguments: Any) -> StreamReply:
    """Ask the runtime to run ``cmd``: a ``function_call`` of ``exec_command`` ``{"cmd": cmd}``.

    Extra keyword arguments go into the call's arguments as they are (codex 0.163's
    ``exec_command`` also takes ``workdir``, ``login``, ``tty``, ``yield_time_ms``,
    ``max_output_tokens``, ``sandbox_permissions``, ``justification``, ``shell``).
    The runtime runs the command, then sends a follow-up request whose ``input`` ends with a
    ``function_call_output`` for this call (see ``RecordedRequest.last_tool_output``).
    """
    return function_call("exec_command", {"cmd": cmd, **arguments}, call_id=call_id)


def custom_tool_call(name: str, input: str, *, call_id: str | None = None) -> StreamReply:
    """A ``custom_tool_call`` of the free-form tool ``name`` with this ``input``."""
    return StreamReply(items=(CustomToolCall(name, input, call_id),))


def apply_patch(patch: str, *, call_id: str | None = None) -> StreamReply:
    """Edit files: a ``custom_tool_call`` of ``apply_patch`` whose input is the patch text::

        *** Begin Patch
        *** Add File: hello.txt
        +hello
        *** End Patch

    Paths are relative to the turn's working directory. The follow-up request's ``input`` ends
    with a ``custom_tool_call_output``.
    """
    return custom_tool_call("apply_patch", patch, call_id=call_id)


def combine(*replies: StreamReply) -> StreamReply:
    """One response carrying the output items of several replies, in order.

    Only the items are taken; headers, latency, usage and failures of the parts are ignored.
    """
    items: tuple[OutputItem, ...] = ()
    for part in replies:
        items += part.items
    return StreamReply(items=items)


def failed(message: str, *, code: str = "server_error") -> StreamReply:
    """A stream that ends with ``response.failed`` (see :class:`Failed` for special codes)."""
    return StreamReply(failure=Failed(message, code))


def cut(after: int | None = None, *, reply: StreamReply | None = None, abort: bool = False) -> StreamReply:
    """A stream that stops early, before ``response.completed``.

    ``reply`` (default ``text("partial reply")``) is rendered and only its first ``after``
    events are sent (default: all but ``response.completed``). Then the body ends cleanly, and the
    runtime fails the turn with "stream disconnected before completion: stream closed before
    response.completed"; with ``abort=True`` the connection is dropped mid-body instead.
    """
    base = reply if reply is not None else text("partial reply")
    return base.cut(after, abort=abort)


_DEFAULT_ERROR_MESSAGES = {
    400: "Bad request",
    401: "Unauthorized",
    403: "Forbidden",
    404: "Not found",
    429: "Rate limit reached",
    500: "Internal server error",
    502: "Bad gateway",
    503: "Service unavailable",
}


def http_error(
    status: int,
    message: str | None = None,
    *,
    error_type: str | None = None,
    code: str | None = None,
    retry_after: float | None = None,
    headers: Mapping[str, str] | None = None,
) -> HttpErrorReply:
    """An HTTP error with the OpenAI error body ``{"error": {"message", "type", "code"}}``.

    What codex 0.163 makes of it (with ``request_max_retries = 0``; its messages use a
    typographic apostrophe):

    * 500: "We're currently experiencing high demand, which may cause temporary errors.";
    * 401 (and other statuses): "unexpected status 401 Unauthorized: <message>, url: <url>";
    * 429: "exceeded retry limit, last status: 429 Too Many Requests" — use :func:`usage_limit`
      for the usage-limit error;
    * 503 with ``code="server_is_overloaded"`` or ``"slow_down"``: server overloaded.

    ``retry_after`` adds a ``Retry-After`` header (seconds).
    """
    error: dict[str, Any] = {
        "message": message if message is not None else _DEFAULT_ERROR_MESSAGES.get(status, "Error"),
        "type": error_type,
        "code": code,
    }
    all_headers = dict(headers or {})
    if retry_after is not None:
        all_headers["Retry-After"] = _format_seconds(retry_after)
    return HttpErrorReply(status=status, body={"error": error}, headers=all_headers)


def usage_limit(
    *,
    resets_at: int | None = None,
    plan_type: str | None = None,
    message: str = "You've hit your usage limit.",
    retry_after: float | None = None,
    headers: Mapping[str, str] | None = None,
) -> HttpErrorReply:
    """HTTP 429 with the body the runtime recognises as "usage limit reached".

    Body: ``{"error": {"type": "usage_limit_reached", "message", "plan_type", "resets_at"}}``
    (``codex-rs/codex-api/src/api_bridge.rs``). The runtime reports "You've hit your usage
    limit. Try again later." (its own wording, not ``message``); with ``resets_at`` (unix
    seconds) it names the reset time instead. Add ``rate_limit_headers(...)`` via ``headers`` to
    send a snapshot along.
    """
    error: dict[str, Any] = {"type": "usage_limit_reached", "message": message}
    if plan_type is not None:
        error["plan_type"] = plan_type
    if resets_at is not None:
        error["resets_at"] = resets_at
    all_headers = dict(headers or {})
    if retry_after is not None:
        all_headers["Retry-After"] = _format_seconds(retry_after)
    return HttpErrorReply(status=429, body={"error": error}, headers=all_headers)


def _format_seconds(seconds: float) -> str:
    return str(int(seconds)) if float(seconds).is_integer() else str(seconds)


def echo(request: RecordedRequest) -> StreamReply:
    """The default responder: ``"ECHO: <last user text>"``, streamed in up to 3 deltas.

    When the request's input ends with a tool result (the runtime calling back after a shell
    command or a patch) it answers ``"DONE: <tool output>"`` instead, which ends the turn.
    """
    output = request.last_tool_output
    if output is not None:
        return text(f"DONE: {output}", chunks=3)
    return text(f"ECHO: {request.last_user_text}", chunks=3)
