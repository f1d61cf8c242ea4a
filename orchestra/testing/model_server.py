"""A scripted OpenAI Responses API server: the "model" for tests of the Codex runtime.

The Codex runtime sends ``POST {base_url}/responses`` (``stream: true``) and reads Server-Sent
Events back. :class:`ScriptedModel` answers from a script you write in the test::

    from orchestra.testing import reply
    from orchestra.testing.model_server import ScriptedModel

    with ScriptedModel() as model:                       # 127.0.0.1, a free port, own thread
        model.enqueue(reply.shell("echo hi > f.txt"),    # first request: run a command
                      reply.text("done", chunks=2))      # second request: answer, turn ends
        run_codex(base_url=model.base_url)               # "http://127.0.0.1:PORT/v1"
        first, second = model.wait_for_requests(2)
        assert second.last_tool_output is not None       # the runtime sent the command's output
        assert "exec_command" in first.tool_names

How a request finds its reply, first match wins:

1. **rules** — ``model.when(predicate).respond(r1, r2)``: for conversations running at the same
   time, whose request order is not fixed. A ``str`` predicate means "the last user text contains
   it". Each reply of a rule is used once, in order (``.always(r)`` repeats one forever);
2. **the queue** — ``model.enqueue(r1, r2, ...)``: first in, first out;
3. **the default** — ``echo``: ``"ECHO: <last user text>"`` (``"DONE: <tool output>"`` after a
   tool ran). ``ScriptedModel(default=None)`` answers unscripted requests with HTTP 500 instead
   and lists them in :attr:`ScriptedModel.errors`.

A scripted entry is a reply from :mod:`orchestra.testing.reply` or a function
``(RecordedRequest) -> Reply``. Every request is recorded (:attr:`~ScriptedModel.requests`);
wait for them with :meth:`~ScriptedModel.wait_for_requests` (sync, with a timeout) or ``await``
:meth:`~ScriptedModel.wait_for_requests_async` (trio or asyncio; bound it with ``trio.fail_after``
or ``asyncio.timeout``) — never sleep.

Other paths answer 404 JSON, a body that is not a JSON object answers 400, and the server
survives anything a client sends. :meth:`~ScriptedModel.close` (or leaving the ``with``) cuts
streams in progress and joins every thread. Secrets never show: ``authorization`` is redacted in
every ``repr`` and log line.

Run it standalone (prints the base URL, serves until Ctrl-C)::

    python -m orchestra.testing.model_server [--port N] [--latency-ms N] [--script FILE.json]

(``FILE.json`` is described in :mod:`orchestra.testing.script`.)
"""

from __future__ import annotations

import argparse
import itertools
import json
import logging
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Mapping, Sequence
from types import TracebackType
from typing import Any

from orchestra.testing._http import Incoming, Plan, ScriptedHTTPServer, json_error_plan
from orchestra.testing._waiting import wait_until
from orchestra.testing.recorded import Headers, RecordedRequest
from orchestra.testing.reply import (
    HttpErrorReply,
    Latency,
    RenderContext,
    Reply,
    Scripted,
    StreamReply,
    echo,
)
from orchestra.testing.rules import Exchange, Predicate, Rule, Source, user_text_contains
from orchestra.testing.sse import encode_event

__all__ = ["DEFAULT_TIMEOUT", "Exchange", "Rule", "ScriptedModel", "main"]

logger = logging.getLogger("orchestra.testing.model_server")

DEFAULT_TIMEOUT = 10.0
"""Seconds ``wait_for_requests`` waits by default."""


class ScriptedModel:
    """An in-process Responses API server answering from a script. See the module docstring.

    Parameters:
        host, port: where to listen; ``port=0`` picks a free port.
        latency: default delay before the first byte of every reply, in seconds, or a
            :class:`~orchestra.testing.reply.Latency` (also delaying each SSE event).
        headers: response headers added to every reply, e.g. ``rate_limit_headers(...)``.
        default: what answers requests nothing else scripts: a responder (default :func:`echo`)
            or a fixed reply, used every time (``None``: answer HTTP 500).

    The server starts on ``__enter__`` (or :meth:`start`) and stops on ``__exit__`` (or
    :meth:`close`). All methods are thread-safe; a ``with`` block works the same in sync code,
    under trio and under asyncio (starting binds a socket and starts a thread; nothing blocks).
    """

    def __init__(
        self,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        latency: float | Latency = 0.0,
        headers: Mapping[str, str] | None = None,
        default: Scripted | None = echo,
    ) -> None:
        self._host = host
        self._requested_port = port
        self._lock = threading.RLock()
        self._cond = threading.Condition(self._lock)
        self._latency = latency if isinstance(latency, Latency) else Latency(first_byte=latency)
        self._default_headers: dict[str, str] = dict(headers or {})
        self._default: Scripted | None = default
        self._queue: deque[Scripted] = deque()
        self._rules: list[Rule] = []
        self._requests: list[RecordedRequest] = []
        self._exchanges: list[Exchange] = []
        self._rejected: list[RecordedRequest] = []
        self._errors: list[str] = []
        self._wakers: list[Callable[[], None]] = []
        self._ids = itertools.count(1)
        self._server: ScriptedHTTPServer | None = None
        self._closed = False
        self.on_exchange: Callable[[Exchange], None] | None = None
        """Called (in a server thread) after each reply is chosen; the CLI logs with it."""

    # --- lifecycle ----------------------------------------------------------------------

    def start(self) -> ScriptedModel:
        """Bind and start serving in a background thread. Returns ``self``."""
        if self._closed:
            raise RuntimeError("ScriptedModel is closed; create a new one")
        if self._server is not None:
            raise RuntimeError("ScriptedModel already started")
        self._server = ScriptedHTTPServer((self._host, self._requested_port), self._dispatch, self._on_reject)
        self._server.start()
        return self

    def close(self) -> None:
        """Stop: in-progress streams are cut, threads joined, waiters woken. Idempotent."""
        with self._cond:
            if self._closed:
                return
            self._closed = True
            wakers = list(self._wakers)
            self._cond.notify_all()
        for wake in wakers:
            wake()
        if self._server is not None:
            self._server.close()

    def __enter__(self) -> ScriptedModel:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    @property
    def port(self) -> int:
        """The port the server listens on (after start)."""
        if self._server is None:
            raise RuntimeError("ScriptedModel is not started; use `with ScriptedModel() as model:`")
        return self._server.port

    @property
    def url(self) -> str:
        """``http://HOST:PORT`` (no path)."""
        return f"http://{self._host}:{self.port}"

    @property
    def base_url(self) -> str:
        """The provider ``base_url`` for the runtime's config: ``http://HOST:PORT/v1``."""
        return f"{self.url}/v1"

    # --- scripting ----------------------------------------------------------------------

    def enqueue(self, *replies: Scripted) -> None:
        """Append replies to the queue; each answers one request, first in first out."""
        with self._cond:
            self._queue.extend(replies)

    def when(self, predicate: Predicate | str) -> Rule:
        """A rule for requests matching ``predicate``; add its replies with ``.respond(...)``.

        ``predicate`` is a function of the :class:`RecordedRequest`, or a string that the last
        user text must contain. Rules are tried in the order they were made, before the queue.
        """
        if isinstance(predicate, str):
            predicate = user_text_contains(predicate)
        rule = Rule(self._lock, predicate, getattr(predicate, "__name__", repr(predicate)))
        with self._cond:
            self._rules.append(rule)
        return rule

    @property
    def default(self) -> Scripted | None:
        """What answers when no rule and no queued reply applies (a responder or a reply)."""
        return self._default

    @default.setter
    def default(self, responder: Scripted | None) -> None:
        with self._cond:
            self._default = responder

    @property
    def default_headers(self) -> dict[str, str]:
        """Headers sent with every reply (a copy; assign to change)."""
        with self._cond:
            return dict(self._default_headers)

    @default_headers.setter
    def default_headers(self, headers: Mapping[str, str]) -> None:
        with self._cond:
            self._default_headers = dict(headers)

    @property
    def latency(self) -> Latency:
        """Default latency for replies that set none."""
        return self._latency

    @latency.setter
    def latency(self, value: float | Latency) -> None:
        self._latency = value if isinstance(value, Latency) else Latency(first_byte=value)

    @property
    def pending(self) -> int:
        """Queued replies not used yet (rules not counted)."""
        with self._cond:
            return len(self._queue)

    @property
    def rules(self) -> list[Rule]:
        with self._cond:
            return list(self._rules)

    def reset(self) -> None:
        """Forget the script and the records (queue, rules, requests, errors); keep serving."""
        with self._cond:
            self._queue.clear()
            self._rules.clear()
            self._requests.clear()
            self._exchanges.clear()
            self._rejected.clear()
            self._errors.clear()

    def assert_all_used(self) -> None:
        """Raise ``AssertionError`` if queued or rule replies are left, or a script error happened."""
        with self._cond:
            problems = list(self._errors)
            if self._queue:
                problems.append(f"{len(self._queue)} queued replies were never used")
            problems.extend(
                f"rule {rule.description!r} has {rule.unused} unused replies"
                for rule in self._rules
                if rule.unused
            )
        if problems:
            raise AssertionError("ScriptedModel: " + "; ".join(problems))

    # --- records ------------------------------------------------------------------------

    @property
    def requests(self) -> list[RecordedRequest]:
        """Every answered ``/responses`` request, in arrival order (a copy)."""
        with self._cond:
            return list(self._requests)

    @property
    def exchanges(self) -> list[Exchange]:
        """Each answered request with the reply it got and where that reply came from."""
        with self._cond:
            return list(self._exchanges)

    @property
    def rejected(self) -> list[RecordedRequest]:
        """Requests answered with 404/400/413/415 (wrong path or method, malformed body)."""
        with self._cond:
            return list(self._rejected)

    @property
    def errors(self) -> list[str]:
        """Script problems (a predicate or responder raised, nothing scripted and no default)."""
        with self._cond:
            return list(self._errors)

    def wait_for_requests(self, n: int, timeout: float = DEFAULT_TIMEOUT) -> list[RecordedRequest]:
        """Block until at least ``n`` requests arrived; return the first ``n``.

        Raises ``TimeoutError`` after ``timeout`` seconds, or at once if the server is closed
        before they arrive.
        """
        with self._cond:
            arrived = self._cond.wait_for(lambda: len(self._requests) >= n or self._closed, timeout=timeout)
            if not arrived or len(self._requests) < n:
                raise TimeoutError(self._timeout_message(n, timeout))
            return self._requests[:n]

    async def wait_for_requests_async(self, n: int) -> list[RecordedRequest]:
        """``await`` until at least ``n`` requests arrived; return the first ``n``.

        Works under trio and under asyncio, without a thread: the server thread wakes the waiting
        task through the event loop's thread-safe entry (trio token / ``call_soon_threadsafe``).
        There is no timeout argument: bound the wait the structured way, and cancellation is
        immediate::

            with trio.fail_after(5):                  # asyncio: async with asyncio.timeout(5):
                first, second = await model.wait_for_requests_async(2)

        Raises ``TimeoutError`` at once if the server is closed before they arrive.
        """

        def check() -> list[RecordedRequest] | None:
            with self._cond:
                if len(self._requests) >= n:
                    return self._requests[:n]
                if self._closed:
                    raise TimeoutError(self._timeout_message(n, None))
                return None

        return await wait_until(check, self._subscribe)

    def _subscribe(self, wake: Callable[[], None]) -> Callable[[], None]:
        with self._cond:
            self._wakers.append(wake)

        def unsubscribe() -> None:
            with self._cond:
                if wake in self._wakers:
                    self._wakers.remove(wake)

        return unsubscribe

    def _timeout_message(self, n: int, timeout: float | None) -> str:
        state = "server closed" if self._closed else f"after {timeout}s"
        return f"ScriptedModel: waited for {n} requests, got {len(self._requests)} ({state})"

    # --- serving (called in server threads) ---------------------------------------------

    def _new_id(self, prefix: str) -> str:
        with self._cond:
            return f"{prefix}_{next(self._ids)}"

    def _on_reject(self, incoming: Incoming, status: int, message: str) -> None:
        self._record_rejected(incoming, body=None)
        logger.debug("scripted model: rejected %s %s: %s %s", incoming.method, incoming.path, status, message)

    def _record_rejected(self, incoming: Incoming, body: Any) -> RecordedRequest:
        record = RecordedRequest(
            index=-1,
            method=incoming.method,
            path=incoming.path,
            headers=Headers(incoming.headers),
            body=body,
            raw_body=incoming.body,
            received_at=time.monotonic(),
        )
        with self._cond:
            self._rejected.append(record)
        return record

    def _dispatch(self, incoming: Incoming) -> Plan:
        path = incoming.path.split("?", 1)[0]
        if incoming.method != "POST" or not path.rstrip("/").endswith("/responses"):
            self._record_rejected(incoming, body=None)
            return json_error_plan(404, f"no route for {incoming.method} {path}", "not_found")
        try:
            body = json.loads(incoming.body)
        except ValueError:
            self._record_rejected(incoming, body=None)
            return json_error_plan(400, "request body is not valid JSON")
        if not isinstance(body, dict):
            self._record_rejected(incoming, body=body)
            return json_error_plan(400, "request body must be a JSON object")

        with self._cond:
            request = RecordedRequest(
                index=len(self._requests),
                method=incoming.method,
                path=path,
                headers=Headers(incoming.headers),
                body=body,
                raw_body=incoming.body,
                received_at=time.monotonic(),
            )
            self._requests.append(request)
            scripted, source = self._choose(request)
            wakers = list(self._wakers)
            self._cond.notify_all()
        for wake in wakers:
            wake()

        reply: Reply | None = None
        if scripted is not None:
            reply = self._resolve(scripted, request)
        if reply is None:
            source = "error"
        exchange = Exchange(request, reply, source)
        with self._cond:
            self._exchanges.append(exchange)
        if self.on_exchange is not None:
            try:
                self.on_exchange(exchange)
            except Exception:
                logger.exception("scripted model: on_exchange hook raised")
        if reply is None:
            errors = self.errors
            message = errors[-1] if errors else "no reply"
            return json_error_plan(500, f"ScriptedModel: {message}", "server_error")
        return self._plan(reply, request)

    def _choose(self, request: RecordedRequest) -> tuple[Scripted | None, Source]:
        """Pick the scripted entry for ``request``; called with the lock held."""
        for rule in self._rules:
            try:
                taken = rule.take(request)
            except Exception as exc:
                self._errors.append(
                    f"request #{request.index}: predicate of rule {rule.description!r} raised {exc!r}"
                )
                return None, "error"
            if taken is not None:
                return taken, "rule"
        if self._queue:
            return self._queue.popleft(), "queue"
        if self._default is not None:
            return self._default, "default"
        self._errors.append(
            f"request #{request.index}: nothing scripted and no default "
            f"(last user text {request.last_user_text[:60]!r})"
        )
        return None, "error"

    def _resolve(self, scripted: Scripted, request: RecordedRequest) -> Reply | None:
        if isinstance(scripted, StreamReply | HttpErrorReply):
            return scripted
        try:
            made = scripted(request)
        except Exception as exc:
            with self._cond:
                self._errors.append(f"request #{request.index}: responder raised {exc!r}")
            return None
        if not isinstance(made, StreamReply | HttpErrorReply):
            with self._cond:
                self._errors.append(
                    f"request #{request.index}: responder returned {type(made).__name__}, not a reply"
                )
            return None
        return made

    def _plan(self, reply: Reply, request: RecordedRequest) -> Plan:
        headers = self.default_headers
        lowered = {name.lower(): name for name in headers}
        for name, value in reply.headers:
            headers.pop(lowered.pop(name.lower(), name), None)
            headers[name] = value
            lowered[name.lower()] = name
        latency = reply.latency or self._latency
        if isinstance(reply, HttpErrorReply):
            body, content_type = reply.encoded_body()
            return Plan(
                status=reply.status,
                headers=(("Content-Type", content_type), *headers.items()),
                body=body,
                first_byte_delay=latency.first_byte,
            )
        ctx = RenderContext(response_id=self._new_id("resp"), new_id=self._new_id, request=request)
        frames = tuple(encode_event(event) for event in reply.render(ctx))
        return Plan(
            status=200,
            headers=(("Content-Type", "text/event-stream"), *headers.items()),
            frames=frames,
            first_byte_delay=latency.first_byte,
            between_frames=latency.between_events,
            abort=reply.abort,
        )

    def __repr__(self) -> str:
        where = self.base_url if self._server is not None else "not started"
        with self._cond:
            return (
                f"<ScriptedModel {where} requests={len(self._requests)} queued={len(self._queue)} "
                f"rules={len(self._rules)} closed={self._closed}>"
            )


# --- command line ---------------------------------------------------------------------------


def _parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m orchestra.testing.model_server",
        description="Serve a scripted OpenAI Responses API on 127.0.0.1 until Ctrl-C. "
        "Prints the base URL (for a model provider's base_url) on stdout.",
    )
    parser.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=0, help="port (default: a free one)")
    parser.add_argument(
        "--latency-ms", type=float, default=0.0, help="delay before the first byte of every reply"
    )
    parser.add_argument(
        "--script", metavar="FILE.json", help="replies to serve (see orchestra.testing.script); default: echo"
    )
    parser.add_argument("--quiet", action="store_true", help="do not log requests on stderr")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of ``python -m orchestra.testing.model_server``."""
    from orchestra.testing.script import ScriptError, load_script

    args = _parse_args(argv)
    model = ScriptedModel(host=args.host, port=args.port, latency=args.latency_ms / 1000.0)
    if args.script:
        try:
            load_script(model, args.script)
        except (OSError, ScriptError) as exc:
            print(f"error: {args.script}: {exc}", file=sys.stderr)
            return 2
    if not args.quiet:
        model.on_exchange = lambda exchange: print(exchange.describe(), file=sys.stderr, flush=True)

    # Handle SIGINT explicitly too: a background job may have inherited it as ignored.
    stop = threading.Event()
    handled = (signal.SIGINT, signal.SIGTERM)
    previous = {signum: signal.signal(signum, lambda signum, frame: stop.set()) for signum in handled}
    try:
        with model:
            print(model.base_url, flush=True)
            while not stop.wait(1.0):
                pass
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
    return 0


if __name__ == "__main__":
    sys.exit(main())
