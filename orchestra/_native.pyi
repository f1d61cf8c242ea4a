"""The native layer of codex-orchestra (Rust, pyo3): runtime processes, line framing, JSON parsing
and routing.

Native code owns every byte that crosses the process boundary. Its threads never call into Python
and no method here blocks on the child: sends are queued to a writer thread, reads are taken from
per-route queues. A trio task waits for a route with::

    await trio.lowlevel.wait_readable(route.fileno())
    for msg in route.drain():
        ...

Call ``trio.lowlevel.notify_closing(route.fileno())`` before ``route.close()`` if a task may be
waiting on it.
"""

from collections.abc import Mapping, Sequence
from os import PathLike
from typing import Any, Literal, final

__all__ = [
    "Connection",
    "ConnectionClosedError",
    "HttpClient",
    "HttpResult",
    "JsonlDecodeError",
    "JsonlReader",
    "Message",
    "Route",
    "Structurer",
    "TruncatedLine",
    "read_jsonl",
]

class ConnectionClosedError(Exception):
    """Raised by the send methods of a :class:`Connection` after the runtime process exited or its
    stdin was closed (by :meth:`Connection.close`, or because writing to it failed). The message
    names the exit status when it is known."""

@final
class Structurer:
    """A plan for building typed notification params natively (see ``orchestra/protocol/_plan.py``,
    which compiles it). Given to a :class:`Connection`, its routes' ``drain`` sets ``Message.event``."""

    def __init__(
        self,
        nodes: Sequence[tuple[Any, ...]],
        roots: Mapping[str, int],
        unknown_variant: type,
    ) -> None: ...
    @property
    def methods(self) -> list[str]:
        """The notification methods the plan builds."""
    def structure_json(self, method: str, data: bytes) -> object | None:
        """The typed params of ``method`` from JSON ``data``; None where Python must structure
        them (or ``data`` is not JSON)."""

@final
class Message:
    """One message from the runtime, or the end of its process. Immutable.

    Which attributes are set depends on ``kind``; the others are ``None``.
    """

    @property
    def kind(self) -> Literal["response", "error", "notification", "request", "malformed", "exit"]:
        """``response``/``error``: the answer to one of our requests. ``notification``: an event
        from the runtime. ``request``: the runtime asks us something (answer it with
        :meth:`Connection.respond` using the same ``id``). ``malformed``: a line that is not a
        JSON-RPC message. ``exit``: the process ended; the last message a route receives."""
    @property
    def id(self) -> int | str | None:
        """``response``/``error``: the id of our request (``None`` for an error the peer could not
        attribute). ``request``: the runtime's request id."""
    @property
    def method(self) -> str | None:
        """``notification``/``request``: the method name."""
    @property
    def params(self) -> Any:
        """``notification``/``request``: the params as plain Python (dict/list/str/int/float/bool/
        None); ``None`` if absent. Built on first access when ``event`` is set."""
    @property
    def event(self) -> object | None:
        """``notification``: the typed params, built natively when the connection has a
        :class:`Structurer` whose plan covers the method and the params match it; ``None`` when
        Python must structure ``params`` itself."""
    @property
    def turn_id(self) -> str | None:
        """``notification``: ``params.turnId``, else ``params.turn.id``."""
    @property
    def result(self) -> Any:
        """``response``: the result as plain Python."""
    @property
    def error(self) -> Any:
        """``error``: the JSON-RPC error object, a dict ``{code, message, data?}``."""
    @property
    def thread_id(self) -> str | None:
        """The conversation this message names: ``params.threadId``, else (notifications only)
        ``params.thread.id``, else ``params.conversationId``; for malformed lines a
        ``"threadId":"..."`` found in the raw bytes; for the response to a
        ``request(..., bind_thread=True)`` the thread id that was bound. Set whether or not a
        route is bound to it (unbound ones arrive on the control route)."""
    @property
    def raw(self) -> bytes | None:
        """``malformed``: the offending bytes (for an oversized line, only its first 4096 bytes)."""
    @property
    def reason(self) -> str | None:
        """``malformed``: why, e.g. ``"invalid JSON at column 17: ..."``,
        ``"line of 70000000 bytes exceeds limit of 67108864"``,
        ``"truncated line at end of stream"``, ``"not a JSON-RPC message: ..."``."""
    @property
    def exit_code(self) -> int | None:
        """``exit``: the exit code, if the process exited normally."""
    @property
    def exit_signal(self) -> int | None:
        """``exit``: the signal that killed the process, if it was killed."""
    def __repr__(self) -> str: ...

@final
class Route:
    """A per-destination queue with a wakeup fd. Readable fd <=> messages waiting.

    The queue is unbounded, so a slow consumer never stalls the reader or other routes; watch
    ``statistics()["queued"]`` to apply back-pressure upstream.
    """

    @property
    def key(self) -> str:
        """Unique within its connection: ``"control"`` or ``"route-N"``."""
    def fileno(self) -> int:
        """The route's eventfd: readable exactly while messages are queued. Wait on it with
        ``trio.lowlevel.wait_readable``. Raises ValueError once the route is closed."""
    def drain(self, max: int = 1024) -> list[Message]:
        """Take up to ``max`` queued messages, oldest first, without blocking (an empty list if
        none). The fd stops being readable when this empties the queue."""
    def bind_thread(self, thread_id: str) -> None:
        """Deliver messages whose thread id is ``thread_id`` to this route from now on. Binding to
        the control route removes the binding. Raises ValueError if the route is closed."""
    def statistics(self) -> dict[str, int]:
        """``{"queued": waiting now, "delivered": taken by drain so far, "high_water": longest
        the queue has been}``."""
    def close(self) -> None:
        """Unregister the route (its thread ids and pending responses fall back to the control
        route), drop what is queued and close the fd. Idempotent. Call
        ``trio.lowlevel.notify_closing(route.fileno())`` first if a task may be waiting on it."""
    def __repr__(self) -> str: ...

@final
class Connection:
    """A runtime process (e.g. ``codex app-server --listen stdio://``) and the newline-delimited
    JSON-RPC traffic with it (JSON-RPC 2.0 shapes without the ``"jsonrpc"`` field).

    Native threads write stdin, read and route stdout, keep a tail of stderr and reap the process.
    When stdout ends, every open route and the control route receive one ``exit`` message; routes
    opened after that receive it at once. Dropping a Connection without :meth:`close` kills and
    reaps the process without blocking.
    """

    def __init__(
        self,
        argv: Sequence[str | PathLike[str]],
        env: Mapping[str, str] | None = None,
        cwd: str | PathLike[str] | None = None,
        *,
        max_line_bytes: int = 64 * 1024 * 1024,
        stderr_tail_bytes: int = 65536,
        structurer: Structurer | None = None,
    ) -> None:
        """Spawn ``argv[0]`` with ``argv[1:]``, stdin/stdout/stderr piped. ``env=None`` inherits our
        environment, otherwise it is exactly the child's environment. A stdout line longer than
        ``max_line_bytes`` becomes one ``malformed`` message and is skipped without buffering it.
        Raises OSError (FileNotFoundError, PermissionError, ...) if the spawn fails, ValueError
        for an empty ``argv``."""
    @property
    def pid(self) -> int: ...
    def control(self) -> Route:
        """The default route (always the same object): everything not routed elsewhere, plus the
        exit message."""
    def open_route(self) -> Route:
        """A fresh route with a unique key."""
    def start_handshake(self, params: Any) -> int:
        """Send ``{"id": N, "method": "initialize", "params": params}`` and return N. When the
        success response arrives, ``{"method": "initialized"}`` is queued to the child *before*
        the response is delivered to the control route, so anything sent in reaction to the
        response reaches the child after it. Raises ConnectionClosedError."""
    def request(
        self,
        method: str,
        params: Any = None,
        *,
        route: Route | None = None,
        bind_thread: bool = False,
    ) -> int:
        """Send a request with a fresh id (counting from 1) and return the id. Its response goes to
        ``route`` (the control route if None). ``params=None`` omits the field.

        ``bind_thread=True`` (for ``thread/start``, ``thread/resume``, ``thread/fork``): when the
        success response arrives, ``result["thread"]["id"]`` is bound to ``route`` before the next
        line is read, so no notification of the new thread can slip to the control route.

        Never blocks: the line is serialized here and handed to the writer thread. Raises
        ConnectionClosedError, TypeError/ValueError/OverflowError for params that are not JSON
        (dict with str keys, list, tuple, str, int within 64 bits, finite float, bool, None),
        ValueError for a closed route or one of another connection."""
    def notify(self, method: str, params: Any = None) -> None:
        """Send a notification. ``params=None`` omits the field. Raises ConnectionClosedError."""
    def respond(self, id: int | str, result: Any) -> None:
        """Answer a server->client request (a ``request`` message) with ``result``."""
    def respond_error(self, id: int | str, code: int, message: str, data: Any = None) -> None:
        """Answer a server->client request with a JSON-RPC error (``data=None`` omits it)."""
    def send_raw(self, line: bytes) -> None:
        """Write ``line`` as it is, appending a newline if missing. For tests and fault
        injection. Raises ConnectionClosedError."""
    def exit_status(self) -> tuple[int | None, int | None] | None:
        """``None`` while the process runs, else ``(exit_code, signal)`` with one of them set (both
        ``None`` if the status could not be known)."""
    def stderr_tail(self) -> bytes:
        """The last ``stderr_tail_bytes`` the process wrote to stderr."""
    def kill(self, signal: int = 9) -> None:
        """Send ``signal`` to the process; does nothing once it has been reaped."""
    def close(self, grace: float = 2.0) -> tuple[int | None, int | None]:
        """Close stdin, wait up to ``grace`` seconds for the process to exit, then SIGKILL it; reap
        it, stop the native threads and return ``(exit_code, signal)``. Blocks the calling
        thread but not other Python threads (the GIL is released); from trio, call it via
        ``trio.to_thread.run_sync`` or after the exit message arrived. Idempotent."""
    def statistics(self) -> dict[str, int]:
        """``lines_read``, ``bytes_read``, ``malformed``, ``lines_written``, ``routes`` (open
        routes, control included), ``pending_requests`` (requests awaiting their response)."""
    def __repr__(self) -> str: ...

# --- JSONL reading (bindings/src/jsonl.rs) ----------------------------------------------------

class JsonlDecodeError(ValueError):
    """A line of a JSONL file is not valid JSON (``kind == "corrupt"``) or is longer than the
    limit (``kind == "too_long"``). A cut-off *last* line is not an error (see
    :class:`TruncatedLine`)."""

    path: str
    kind: Literal["corrupt", "too_long"]
    line: int
    """1-based line number (blank lines count)."""
    column: int
    """1-based column within the line; 0 when unknown."""
    offset: int
    """Byte offset of the line's start in the file."""
    reason: str

@final
class TruncatedLine:
    """The bytes after a file's last newline did not parse: a line cut off by a crash."""

    @property
    def line(self) -> int: ...
    @property
    def offset(self) -> int: ...
    @property
    def length(self) -> int: ...
    @property
    def reason(self) -> str: ...

@final
class JsonlReader:
    """A JSONL file read by a native thread; a native handle.

    The thread reads ahead at most ``read_ahead`` blocks of ``block_bytes``; :meth:`drain` parses
    lines straight into Python objects on the calling thread. Blank lines are skipped. A trio task
    reads it with::

        while True:
            await trio.lowlevel.wait_readable(reader.fileno())
            batch = reader.drain(1024)   # raises JsonlDecodeError at a corrupt line
            if not batch and reader.done:
                break

    Call ``trio.lowlevel.notify_closing(reader.fileno())`` before :meth:`close` if a task may be
    waiting on it.
    """

    def __init__(
        self,
        path: str | PathLike[str],
        *,
        max_line_bytes: int = 64 * 1024 * 1024,
        block_bytes: int = 1024 * 1024,
        read_ahead: int = 8,
    ) -> None:
        """Open ``path`` and start reading. Raises OSError (FileNotFoundError, ...) at once."""
    @property
    def path(self) -> str: ...
    def fileno(self) -> int:
        """Readable while :meth:`drain` would make progress: records ready, the end reached, or an
        error to report. Stays readable once done. Raises ValueError once closed."""
    def drain(self, max: int = 1024) -> list[Any]:
        """Parse and return up to ``max`` records without blocking (``[]`` if none are ready).

        Records before a bad line are returned first; the next call raises
        :class:`JsonlDecodeError` (and so does every later one). A read failure raises OSError."""
    @property
    def done(self) -> bool:
        """Every record was returned and the file ended."""
    @property
    def truncated(self) -> TruncatedLine | None:
        """Set once :attr:`done` if the last line was cut off."""
    def statistics(self) -> dict[str, int]:
        """``records`` returned, ``lines`` and ``bytes`` consumed so far."""
    def close(self) -> None:
        """Stop the thread and close the fd. Idempotent."""
    def __repr__(self) -> str: ...

def read_jsonl(
    path: str | PathLike[str], *, max_line_bytes: int = 64 * 1024 * 1024
) -> tuple[list[Any], TruncatedLine | None]:
    """Read and parse a whole JSONL file (blocks the calling thread on the read, GIL released).

    Raises OSError for a file that cannot be read and :class:`JsonlDecodeError` for a bad line;
    a cut-off last line is returned as the second element instead."""

# --- HTTP (bindings/src/http.rs) ---------------------------------------------------------------

@final
class HttpResult:
    """The outcome of one :meth:`HttpClient.submit`: an HTTP answer with any status (``ok``), or
    an error when no whole answer arrived. Immutable. Its repr shows neither headers nor body."""

    @property
    def id(self) -> int:
        """The id :meth:`HttpClient.submit` returned."""
    @property
    def ok(self) -> bool:
        """An HTTP answer arrived (``status`` is set, ``error_kind`` is ``None``), whatever its status."""
    @property
    def status(self) -> int | None:
        """The HTTP status; ``None`` for an error. Redirects are not followed: a 3xx is an answer."""
    @property
    def headers(self) -> list[tuple[str, str]]:
        """Response headers in the order received; names lower-case, values decoded as latin-1
        (as ``http.client`` does); repeated headers repeated. ``[]`` for an error."""
    @property
    def body(self) -> bytes:
        """The whole response body (``b""`` for an error)."""
    @property
    def error_kind(
        self,
    ) -> Literal["connect", "timeout", "tls", "protocol", "io", "too_large", "invalid", "internal"] | None:
        """Why no answer arrived: ``connect`` (DNS, refused, unreachable), ``timeout`` (no whole
        answer within the request's timeout), ``tls`` (handshake or certificate), ``protocol`` (not
        HTTP/1.1, oversized head), ``io`` (connection broken mid-exchange, body cut off),
        ``too_large`` (body over ``max_body_bytes``), ``invalid`` (could not be sent as given),
        ``internal`` (a bug in the worker). ``None`` for an answer."""
    @property
    def error(self) -> str | None:
        """A description of the error, e.g. ``"Connection refused (os error 111)"``. Never
        contains a request header value."""
    @property
    def elapsed(self) -> float:
        """Seconds from a worker taking the request to the end of its body (or the error)."""
    def __repr__(self) -> str: ...

@final
class HttpClient:
    """Blocking HTTP/1.1 on a fixed pool of native worker threads; a native handle.

    ``workers`` threads (at most 256) each run one request at a time, so at most ``workers``
    requests are in flight; more wait in a queue. HTTPS uses rustls with the bundled Mozilla root
    certificates (no system OpenSSL, no system trust store). Proxy variables are ignored, no
    redirect is followed, no compression is asked for. With ``keep_alive`` idle connections are
    reused for up to 15 s (each is probed before reuse); without, every request opens its own.
    A body over ``max_body_bytes`` is the error ``too_large``.

    Nothing here blocks the calling thread. A trio task collects results with::

        while True:
            await trio.lowlevel.wait_readable(client.fileno())
            for result in client.drain():
                ...

    Call ``trio.lowlevel.notify_closing(client.fileno())`` before :meth:`close` if a task may be
    waiting on it. Dropping a client without :meth:`close` closes it, without waiting.
    """

    def __init__(
        self, workers: int = 4, *, max_body_bytes: int = 64 * 1024 * 1024, keep_alive: bool = True
    ) -> None:
        """Start the worker threads. Raises ValueError for ``workers`` outside 1..256, OSError if
        a thread or the eventfd cannot be created."""
    @property
    def workers(self) -> int: ...
    @property
    def closed(self) -> bool: ...
    def submit(
        self,
        method: str,
        url: str,
        headers: Sequence[tuple[str, str]],
        body: bytes | None,
        timeout: float,
    ) -> int:
        """Queue a request; return its id (counting from 1). Never blocks.

        ``timeout`` (seconds, positive) bounds the whole request, from this call (time spent
        waiting for a free worker counts) to the last byte of the body; when it expires the result
        is the error ``timeout`` (a request whose time ran out in the queue is never sent).
        ``body=None`` sends no body, except that ``POST``, ``PUT`` and ``PATCH`` send an empty one
        (``Content-Length: 0``). Headers are sent as given (ureq adds ``Host`` and, when absent,
        ``User-Agent`` and ``Accept``).

        Raises ValueError for an invalid method, header name or value (the message names the
        header, never its value), a URL that is not ``http://`` or ``https://`` with a host, a
        timeout that is not a positive finite number, or a closed client."""
    def fileno(self) -> int:
        """The completion eventfd: readable exactly while results wait. Raises ValueError once
        closed."""
    def drain(self, max: int = 1024) -> list[HttpResult]:
        """Take up to ``max`` results, in completion order, without blocking (``[]`` if none).
        The fd stops being readable when this empties the queue."""
    def cancel(self, id: int) -> bool:
        """Forget request ``id``, best effort: a queued request never runs; a running one keeps its
        worker until it ends (at most its timeout) and its result is dropped; a finished one's
        waiting result is removed. Returns whether there was anything to forget (``False`` for an
        unknown, delivered or already cancelled id)."""
    def close(self) -> None:
        """Drop queued requests and waiting results, close the fd, stop the workers (each after
        its current request, whose result is dropped). Never waits. Idempotent."""
    def statistics(self) -> dict[str, int]:
        """``queued`` (waiting for a worker), ``running`` (in flight, cancelled ones included until
        they end), ``ready`` (results waiting for drain), ``submitted``, ``delivered`` (results
        taken by drain), ``cancelled``, ``workers`` (threads alive; they end after close)."""
    def __repr__(self) -> str: ...
