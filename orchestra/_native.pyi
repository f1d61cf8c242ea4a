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
    "JsonlDecodeError",
    "JsonlReader",
    "Message",
    "Route",
    "TruncatedLine",
    "read_jsonl",
]

class ConnectionClosedError(Exception):
    """Raised by the send methods of a :class:`Connection` after the runtime process exited or its
    stdin was closed (by :meth:`Connection.close`, or because writing to it failed). The message
    names the exit status when it is known."""

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
        None); ``None`` if absent."""
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
