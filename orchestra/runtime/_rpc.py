"""Request/response correlation on one native route.

A route is where the runtime's answers to our requests arrive, mixed with notifications and
server requests for the same destination. :class:`RpcRoute` resolves the answers itself and hands
everything else to the owner's handler, in arrival order.
"""

from __future__ import annotations

import math
from collections.abc import Awaitable, Callable
from typing import Any

import attrs
import trio

from .. import _native
from .._errors import RpcError, RuntimeExitedError
from .._handles import close_handle, pump
from .._log import redact_stderr_tail, redact_text, redact_tree

MessageHandler = Callable[[_native.Message], Awaitable[None] | None]
"""Handles one message; returns None when it is done with it, or an awaitable to finish (an async
function qualifies). Returning None on the common path saves a coroutine per message."""


@attrs.define
class _Waiter:
    method: str
    done: trio.Event = attrs.Factory(trio.Event)
    result: Any = None
    error: BaseException | None = None


class RpcRoute:
    """A native route plus the requests waiting for answers on it."""

    def __init__(self, connection: _native.Connection, route: _native.Route) -> None:
        self._connection = connection
        self._route = route
        self._pending: dict[int | str, _Waiter] = {}
        self._lost: RuntimeExitedError | None = None

    @property
    def native(self) -> _native.Route:
        return self._route

    @property
    def lost(self) -> RuntimeExitedError | None:
        """The error that ended this route's runtime, once it has ended."""
        return self._lost

    async def request(
        self, method: str, params: Any = None, *, bind_thread: bool = False, timeout: float = math.inf
    ) -> Any:
        """Send a request and wait for its answer (which arrives through :meth:`run`).

        Raises :class:`RpcError` for a JSON-RPC error answer and :class:`RuntimeExitedError` if the
        runtime dies first. Cancellation abandons the wait; a late answer is then dropped.
        """
        if self._lost is not None:
            raise self._lost
        try:
            request_id = self._connection.request(method, params, route=self._route, bind_thread=bind_thread)
        except _native.ConnectionClosedError as exc:
            raise self._exited_error(f"cannot send {method}: {exc}") from exc
        return await self.wait_for(request_id, method, timeout=timeout)

    async def wait_for(self, request_id: int | str, method: str, *, timeout: float = math.inf) -> Any:
        """Wait for the answer to a request already sent with this route as its destination."""
        waiter = _Waiter(method)
        self._pending[request_id] = waiter
        try:
            with trio.fail_after(timeout):
                await waiter.done.wait()
        finally:
            self._pending.pop(request_id, None)
        if waiter.error is not None:
            raise waiter.error
        return waiter.result

    async def run(self, handler: MessageHandler) -> None:
        """Pump this route until it is closed: resolve answers, pass everything else to ``handler``."""

        async def deliver(batch: list[_native.Message]) -> None:
            for message in batch:
                kind = message.kind
                if kind != "notification":  # notifications, by far the most, go straight on
                    if kind in ("response", "error") and message.id in self._pending:
                        self._resolve(message)
                        continue
                    if kind == "exit":
                        self._fail_all(message)
                pending = handler(message)
                if pending is not None:
                    await pending

        await pump(self._route, deliver)

    def close(self) -> None:
        close_handle(self._route)

    def _resolve(self, message: _native.Message) -> None:
        waiter = self._pending.pop(message.id)  # type: ignore[arg-type]
        if message.kind == "error":
            err = message.error if isinstance(message.error, dict) else {}
            # Servers quote what they were given ("invalid key sk-..."): masked before anyone sees it.
            waiter.error = RpcError(
                waiter.method,
                int(err.get("code", 0)),
                redact_text(str(err.get("message", err))),
                redact_tree(err.get("data")),
            )
        else:
            waiter.result = message.result
        waiter.done.set()

    def _fail_all(self, message: _native.Message) -> None:
        self._lost = self._exited_error(
            "runtime exited", exit_code=message.exit_code, exit_signal=message.exit_signal
        )
        for waiter in self._pending.values():
            waiter.error = self._lost
            waiter.done.set()
        self._pending.clear()

    def _exited_error(
        self, prefix: str, *, exit_code: int | None = None, exit_signal: int | None = None
    ) -> RuntimeExitedError:
        status = self._connection.exit_status()
        if status is not None and exit_code is None and exit_signal is None:
            exit_code, exit_signal = status
        tail = redact_stderr_tail(self._connection.stderr_tail())
        how = f"signal {exit_signal}" if exit_signal is not None else f"code {exit_code}"
        return RuntimeExitedError(
            f"{prefix} (runtime pid {self._connection.pid} exited with {how})",
            exit_code=exit_code,
            exit_signal=exit_signal,
            stderr_tail=tail,
        )
