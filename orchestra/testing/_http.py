"""HTTP plumbing for the scripted model: a threaded stdlib server that can stop at once.

Why the stdlib ``http.server``: it is maintained with CPython, needs no dependency, runs in a
plain thread (so the server works the same from sync code, trio and asyncio), and HTTP/1.1 with
keep-alive and chunked streaming is all the runtime needs. What it lacks is a quick shutdown:
``ThreadingHTTPServer`` leaves keep-alive connections and in-flight streams running. This module
adds that: it owns one thread per connection, remembers each socket, and on :meth:`close` wakes
every delay, shuts every socket down and joins the threads.

Nothing here knows about replies: a *dispatcher* turns an :class:`Incoming` request into a
:class:`Plan` (status, headers, a body or SSE frames, delays), and the handler carries it out.
"""

from __future__ import annotations

import contextlib
import json
import logging
import socket
import threading
import zlib
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import attrs

logger = logging.getLogger("orchestra.testing.model_server")

MAX_BODY_BYTES = 64 * 1024 * 1024
JOIN_TIMEOUT = 2.0


@attrs.frozen
class Incoming:
    """A request as read from the socket (body already de-chunked and decompressed)."""

    method: str
    path: str
    headers: tuple[tuple[str, str], ...]
    body: bytes


@attrs.frozen
class Plan:
    """How to answer: ``frames`` (SSE, sent chunked) or ``body`` (sent with a length)."""

    status: int
    headers: tuple[tuple[str, str], ...] = ()
    body: bytes = b""
    frames: tuple[bytes, ...] | None = None
    first_byte_delay: float = 0.0
    between_frames: float = 0.0
    abort: bool = False
    """After the frames, drop the connection instead of ending the body."""


def json_error_plan(status: int, message: str, error_type: str = "invalid_request_error") -> Plan:
    """A JSON error body in the OpenAI shape."""
    body = json.dumps({"error": {"message": message, "type": error_type, "code": None}}).encode()
    return Plan(status=status, headers=(("Content-Type", "application/json"),), body=body)


class BadRequest(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


Dispatcher = Callable[[Incoming], Plan]
RejectHook = Callable[[Incoming, int, str], None]


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: ScriptedHTTPServer

    def _handle(self) -> None:
        try:
            body = self._read_body()
        except BadRequest as exc:
            self.close_connection = True
            incoming = Incoming(self.command, self.path, tuple(self.headers.items()), b"")
            self.server.on_reject(incoming, exc.status, exc.message)
            self._carry_out(json_error_plan(exc.status, exc.message))
            return
        incoming = Incoming(self.command, self.path, tuple(self.headers.items()), body)
        try:
            plan = self.server.dispatch(incoming)
        except Exception as exc:  # the dispatcher is ours, but never let a request kill a thread
            logger.exception("scripted model: dispatch failed")
            plan = json_error_plan(500, f"scripted model internal error: {exc!r}", "server_error")
        self._carry_out(plan)

    do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = do_OPTIONS = do_HEAD = _handle

    def _read_body(self) -> bytes:
        if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
            raw = self._read_chunked()
        else:
            length_text = self.headers.get("Content-Length")
            if length_text is None:
                raw = b""
            else:
                try:
                    length = int(length_text)
                except ValueError:
                    raise BadRequest(400, f"invalid Content-Length: {length_text!r}") from None
                if length < 0:
                    raise BadRequest(400, "negative Content-Length")
                if length > MAX_BODY_BYTES:
                    raise BadRequest(413, "request body too large")
                raw = self.rfile.read(length)
                if len(raw) < length:
                    raise BadRequest(400, "request body shorter than Content-Length")
        return self._decode(raw)

    def _read_chunked(self) -> bytes:
        parts: list[bytes] = []
        total = 0
        while True:
            line = self.rfile.readline(1024)
            try:
                size = int(line.split(b";", 1)[0].strip(), 16)
            except ValueError:
                raise BadRequest(400, "malformed chunked body") from None
            if size == 0:
                while self.rfile.readline(1024) not in (b"\r\n", b"\n", b""):
                    pass
                return b"".join(parts)
            total += size
            if total > MAX_BODY_BYTES:
                raise BadRequest(413, "request body too large")
            parts.append(self.rfile.read(size))
            self.rfile.readline(1024)

    def _decode(self, raw: bytes) -> bytes:
        encoding = self.headers.get("Content-Encoding", "identity").strip().lower()
        if encoding in ("", "identity"):
            return raw
        try:
            if encoding == "gzip":
                return zlib.decompress(raw, 16 + zlib.MAX_WBITS)
            if encoding == "deflate":
                return zlib.decompress(raw)
        except zlib.error:
            raise BadRequest(400, f"body is not valid {encoding}") from None
        raise BadRequest(415, f"unsupported Content-Encoding: {encoding}")

    # --- writing ------------------------------------------------------------------------

    def _carry_out(self, plan: Plan) -> None:
        stopping = self.server.stopping
        if plan.first_byte_delay > 0 and stopping.wait(plan.first_byte_delay):
            self._drop()
            return
        if stopping.is_set():
            self._drop()
            return
        self.send_response(plan.status)
        for name, value in plan.headers:
            self.send_header(name, value)
        if plan.frames is None:
            self.send_header("Content-Length", str(len(plan.body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(plan.body)
            return
        self.send_header("Transfer-Encoding", "chunked")
        self.send_header("Cache-Control", "no-cache")
        self.end_headers()
        for index, frame in enumerate(plan.frames):
            if index > 0 and plan.between_frames > 0 and stopping.wait(plan.between_frames):
                self._drop()
                return
            if stopping.is_set():
                self._drop()
                return
            self.wfile.write(b"%x\r\n%b\r\n" % (len(frame), frame))
        if plan.abort:
            self._drop()
            return
        self.wfile.write(b"0\r\n\r\n")

    def _drop(self) -> None:
        """End the connection abruptly (no terminating chunk)."""
        self.close_connection = True
        with contextlib.suppress(OSError):
            self.connection.shutdown(socket.SHUT_RDWR)

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """Errors found by ``http.server`` itself (bad request line, ...) also answer JSON."""
        self.close_connection = True
        if getattr(self, "request_version", "HTTP/0.9") == "HTTP/0.9":
            self.request_version = "HTTP/1.0"  # answer garbage with a real status line
        text = message or explain or self.responses.get(code, ("error",))[0]
        plan = json_error_plan(code, text)
        try:
            self.send_response(code, message)
            for name, value in plan.headers:
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(plan.body)))
            self.send_header("Connection", "close")
            self.end_headers()
            if self.command != "HEAD" and code >= 200 and code not in (204, 304):
                self.wfile.write(plan.body)
        except OSError:
            pass

    def log_message(self, format: str, *args: Any) -> None:
        logger.debug("%s - %s", self.address_string(), format % args)


class ScriptedHTTPServer(ThreadingHTTPServer):
    """A ``ThreadingHTTPServer`` that tracks its connections so :meth:`close` is quick."""

    # socketserver's default listen backlog is 5: a burst of 200 runtime requests overflowed it
    # and the runtime saw dropped connections. Fan-out tests and benchmarks make such bursts.
    request_queue_size = 1024

    daemon_threads = True
    block_on_close = False
    allow_reuse_address = True

    def __init__(
        self,
        address: tuple[str, int],
        dispatch: Dispatcher,
        on_reject: RejectHook,
    ) -> None:
        self.dispatch = dispatch
        self.on_reject = on_reject
        self.stopping = threading.Event()
        self._lock = threading.Lock()
        self._connections: dict[threading.Thread, socket.socket] = {}
        self._serve_thread: threading.Thread | None = None
        super().__init__(address, _Handler)

    @property
    def port(self) -> int:
        return int(self.server_address[1])

    def start(self) -> None:
        """Serve in a daemon thread."""
        self._serve_thread = threading.Thread(
            target=self.serve_forever,
            kwargs={"poll_interval": 0.05},
            name=f"scripted-model:{self.port}",
            daemon=True,
        )
        self._serve_thread.start()

    def process_request(self, request: Any, client_address: Any) -> None:
        thread = threading.Thread(
            target=self._serve_connection,
            args=(request, client_address),
            name=f"scripted-model:{self.port}:conn",
            daemon=True,
        )
        with self._lock:
            if self.stopping.is_set():
                self.shutdown_request(request)
                return
            self._connections[thread] = request
        thread.start()

    def _serve_connection(self, request: Any, client_address: Any) -> None:
        try:
            self.finish_request(request, client_address)
        except Exception:
            self.handle_error(request, client_address)
        finally:
            self.shutdown_request(request)
            with self._lock:
                self._connections.pop(threading.current_thread(), None)

    def handle_error(self, request: Any, client_address: Any) -> None:
        # A client hanging up mid-stream is normal for a test server: keep it quiet.
        logger.debug("scripted model: connection from %s ended with an error", client_address, exc_info=True)

    def close(self) -> None:
        """Stop accepting, cut every open connection and stream, join all threads."""
        self.stopping.set()
        if self._serve_thread is not None:
            self.shutdown()
            self._serve_thread.join(JOIN_TIMEOUT)
        self.server_close()
        with self._lock:
            connections = list(self._connections.items())
        for _, sock in connections:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
        for thread, _ in connections:
            thread.join(JOIN_TIMEOUT)
