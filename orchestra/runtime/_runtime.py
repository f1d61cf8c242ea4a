"""One running ``codex app-server`` process: spawn, handshake, control route, shutdown."""

from __future__ import annotations

import contextlib
import math
from collections.abc import AsyncIterator, Callable, Sequence
from importlib import metadata
from typing import Any

import trio

from .. import _native
from .._errors import RpcError, RuntimeExitedError, RuntimeStartError
from .._groups import unwrap_single_exception
from .._log import ERROR_CARRYING_METHODS, get_logger, redact_stderr_tail
from ..events import MalformedMessage, RuntimeLost
from ..protocol._plan import native_structurer, notification_event
from ._home import CodexHome
from ._rpc import RpcRoute

log = get_logger("orchestra.runtime")

CLIENT_NAME = "codex_orchestra"

ControlObserver = Callable[["Runtime", str, Any], None]
"""Called as ``(runtime, method, params)`` for every notification on a runtime's control route
(account and rate-limit updates, ...), on the runtime's own task. Must not block; one that raises
is logged and removed."""


def _orchestra_version() -> str:
    try:
        return metadata.version("codex-orchestra")
    except metadata.PackageNotFoundError:
        return "0.0.0"


class Runtime:
    """A live runtime process and its control route.

    Conversations open their own routes with :meth:`open_route`; everything not addressed to a
    conversation (account and rate-limit notifications, answers to control requests) arrives on
    the control route, is structured, and is broadcast to :meth:`subscribe` receivers.
    Create with :func:`open_runtime`.
    """

    def __init__(self, native: _native.Connection, home: CodexHome) -> None:
        self.native = native
        self.home = home
        self.control = RpcRoute(native, native.control())
        self.info: dict[str, Any] = {}
        self._subscribers: list[trio.MemorySendChannel[object]] = []
        self._lost = trio.Event()
        self.lost_event: RuntimeLost | None = None
        self.observers: list[ControlObserver] = []

    def __repr__(self) -> str:
        state = "lost" if self._lost.is_set() else "running"
        return f"<Runtime pid={self.native.pid} {state} codex {self.home.binary.version}>"

    @property
    def pid(self) -> int:
        return self.native.pid

    @property
    def is_lost(self) -> bool:
        return self._lost.is_set()

    async def wait_lost(self) -> RuntimeLost:
        """Block until the process has exited; return how it ended."""
        await self._lost.wait()
        assert self.lost_event is not None
        return self.lost_event

    def open_route(self) -> RpcRoute:
        """A fresh route for one conversation."""
        if self.is_lost:
            raise self._exited()
        return RpcRoute(self.native, self.native.open_route())

    async def request(self, method: str, params: Any = None, *, timeout: float = math.inf) -> Any:
        """A request answered on the control route (not tied to a conversation)."""
        return await self.control.request(method, params, timeout=timeout)

    def subscribe(self, max_buffer: int = 1024) -> trio.MemoryReceiveChannel[object]:
        """Receive every control-route event. A receiver that falls ``max_buffer`` behind misses
        events (counted in logs) rather than stalling the runtime's other consumers."""
        send, receive = trio.open_memory_channel[object](max_buffer)
        self._subscribers.append(send)
        return receive

    async def _on_control_message(self, message: _native.Message) -> None:
        if message.kind == "notification":
            method = message.method or ""
            event = notification_event(message)
            log.debug("control notification", method=method)
            for observer in list(self.observers):
                try:
                    observer(self, method, message.params)
                except Exception:
                    log.exception("control observer failed; removing it", observer=repr(observer))
                    self.observers.remove(observer)
            self._broadcast(event)
        elif message.kind == "request":
            # Requests not addressed to a conversation (e.g. auth token refresh): we do not act for
            # the account, so answer with an error instead of leaving the runtime waiting.
            log.warning("refusing unrouted server request", method=message.method)
            with contextlib.suppress(_native.ConnectionClosedError):
                self.native.respond_error(message.id or 0, -32601, f"{message.method} not handled by client")
        elif message.kind == "malformed":
            log.warning("malformed line from runtime", reason=message.reason)
            self._broadcast(
                MalformedMessage(
                    reason=message.reason or "", raw=message.raw or b"", thread_id=message.thread_id
                )
            )
        elif message.kind == "exit":
            self.lost_event = RuntimeLost(
                exit_code=message.exit_code,
                exit_signal=message.exit_signal,
                stderr_tail=redact_stderr_tail(self.native.stderr_tail(), keep=None),
            )
            log.warning("runtime exited", pid=self.pid, code=message.exit_code, signal=message.exit_signal)
            self._broadcast(self.lost_event)
            self._lost.set()
        else:  # an answer nobody waits for any more (its waiter was cancelled)
            log.debug("dropping late answer", kind=message.kind, id=message.id)

    def _broadcast(self, event: object) -> None:
        for send in list(self._subscribers):
            try:
                send.send_nowait(event)
            except trio.WouldBlock:
                log.warning("control subscriber is full; event dropped", event_type=type(event).__name__)
            except (trio.BrokenResourceError, trio.ClosedResourceError):
                self._subscribers.remove(send)

    def _exited(self) -> RuntimeExitedError:
        lost = self.lost_event
        return RuntimeExitedError(
            f"runtime pid {self.pid} has exited",
            exit_code=lost.exit_code if lost else None,
            exit_signal=lost.exit_signal if lost else None,
            stderr_tail=lost.stderr_tail if lost else "",
        )


@contextlib.asynccontextmanager
async def open_runtime(
    home: CodexHome,
    *,
    handshake_timeout: float = 60.0,
    opt_out_notifications: Sequence[str] = (),
    extra_args: Sequence[str] = (),
    argv: Sequence[str] | None = None,
    close_grace: float = 5.0,
    observers: Sequence[ControlObserver] = (),
) -> AsyncIterator[Runtime]:
    """Start ``codex app-server``, complete the handshake, and yield the :class:`Runtime`.

    The control route is pumped by a task in a nursery owned by this context manager. On exit the
    runtime's stdin is closed, it gets ``close_grace`` seconds to exit, then it is killed and reaped.
    ``argv`` replaces the whole command line (for wrappers such as a fault-injecting proxy).
    """
    command = (
        list(argv) if argv is not None else [str(home.binary.path), "app-server", "--listen", "stdio://"]
    )
    command += list(extra_args)
    try:
        # Error-carrying notifications stay plain: their params are scrubbed before being typed.
        structurer = native_structurer(ERROR_CARRYING_METHODS)
        native = _native.Connection(
            command, env=home.environment(), cwd=str(home.path), structurer=structurer
        )
    except OSError as exc:
        raise RuntimeStartError(f"could not start {command[0]}: {exc}") from exc
    runtime = Runtime(native, home)
    runtime.observers.extend(observers)
    try:
        with unwrap_single_exception():
            async with trio.open_nursery() as nursery:
                nursery.start_soon(runtime.control.run, runtime._on_control_message)
                capabilities: dict[str, Any] = {"experimentalApi": True}
                if opt_out_notifications:
                    capabilities["optOutNotificationMethods"] = list(opt_out_notifications)
                params = {
                    "clientInfo": {
                        "name": CLIENT_NAME,
                        "title": "codex-orchestra",
                        "version": _orchestra_version(),
                    },
                    "capabilities": capabilities,
                }
                try:
                    # Inside the try: a runtime that died at once fails the write itself.
                    request_id = native.start_handshake(params)
                    runtime.info = await runtime.control.wait_for(
                        request_id, "initialize", timeout=handshake_timeout
                    )
                except (
                    RpcError,
                    RuntimeExitedError,
                    trio.TooSlowError,
                    _native.ConnectionClosedError,
                ) as exc:
                    tail = redact_stderr_tail(native.stderr_tail())
                    raise RuntimeStartError(
                        f"runtime handshake failed: {exc!r}\nstderr tail:\n{tail}"
                    ) from exc
                log.info("runtime started", pid=native.pid, version=home.binary.version)
                try:
                    yield runtime
                finally:
                    nursery.cancel_scope.cancel()
    finally:
        # Closing blocks (GIL released) for at most close_grace; do it off the trio thread.
        with trio.CancelScope(shield=True):
            status = await trio.to_thread.run_sync(native.close, close_grace, abandon_on_cancel=False)
        runtime.control.close()  # its eventfd too: nothing of ours outlives the block
        log.info("runtime closed", pid=native.pid, status=status)
