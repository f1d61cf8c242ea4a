"""The cloud client's HTTP over the native layer: :class:`NativeHttpTransport`.

Requests are handed to an :class:`orchestra._native.HttpClient` (a fixed pool of native worker
threads doing blocking HTTP/1.1, rustls for HTTPS). One pump task per transport
(:func:`orchestra._handles.pump`) waits on the client's completion fd, drains the results and wakes
each waiting request. No thread hop from trio per request, no polling.

The pump lives in a nursery someone can see::

    async with NativeHttpTransport.open() as transport:   # owns a nursery with the pump
        client = CloudClient(base_url, auth, transport=transport)
        ...

or, in a nursery of your own: ``await nursery.start(transport.serve)`` and ``transport.close()``
when done. :class:`~orchestra.cloud.CloudClient` used as ``async with CloudClient(...)`` opens one
for itself.

Errors are those of :class:`~orchestra.cloud.ThreadedHttpTransport`: every HTTP status is returned;
:class:`CloudTimeoutError` when no whole answer came within ``timeout``,
:class:`CloudConnectionError` for any other missing answer (refused, reset, TLS, cut off).

Cancellation: cancelling a waiting request returns at once and cancels it natively (best effort: a
request already running keeps its worker until it ends or its timeout expires; its answer is
dropped). Back-pressure: at most ``workers`` requests are in flight; more wait in the native queue,
holding no thread, with their timeout running (as the threaded transport's wait for a slot counts).
Closing the transport makes the requests still waiting raise :class:`trio.ClosedResourceError`.
"""

from __future__ import annotations

import math
from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager
from urllib.parse import urlsplit

import trio

from .._handles import close_handle, pump
from .._native import HttpClient, HttpResult
from ._errors import CloudConnectionError, CloudTimeoutError
from ._transport import TransportResponse, _merge_headers

DEFAULT_WORKERS = 4
"""Native worker threads per transport: requests in flight at once."""

DEFAULT_MAX_BODY_BYTES = 64 * 1024 * 1024
"""A larger response body is a :class:`CloudConnectionError` (``too_large``)."""

_TIMEOUT_GRACE = 1.0
"""Seconds past a request's own timeout after which trio stops waiting for the native one."""


class _Pending:
    __slots__ = ("event", "result")

    def __init__(self) -> None:
        self.event = trio.Event()
        self.result: HttpResult | None = None


class NativeHttpTransport:
    """A :class:`~orchestra.cloud.Transport` over :class:`orchestra._native.HttpClient`.

    See the module docstring for the lifecycle. ``workers`` native threads run requests;
    ``keep_alive`` reuses idle connections (for at most 15 s). HTTPS trusts the bundled Mozilla
    root certificates (not the system store); proxy variables are ignored and redirects are
    returned, not followed, as with the threaded transport.
    """

    def __init__(
        self,
        *,
        workers: int = DEFAULT_WORKERS,
        max_body_bytes: int = DEFAULT_MAX_BODY_BYTES,
        keep_alive: bool = True,
    ) -> None:
        self._client = HttpClient(workers, max_body_bytes=max_body_bytes, keep_alive=keep_alive)
        self._waiting: dict[int, _Pending] = {}
        self._serving = False
        self._closed = False

    @classmethod
    @asynccontextmanager
    async def open(
        cls,
        *,
        workers: int = DEFAULT_WORKERS,
        max_body_bytes: int = DEFAULT_MAX_BODY_BYTES,
        keep_alive: bool = True,
    ) -> AsyncIterator[NativeHttpTransport]:
        """A running transport whose pump task lives in a nursery of its own; closed on exit.

        An exception from the body comes out as itself, not wrapped in an exception group."""
        transport = cls(workers=workers, max_body_bytes=max_body_bytes, keep_alive=keep_alive)
        body_error: BaseException | None = None
        try:
            async with trio.open_nursery() as nursery:
                await nursery.start(transport.serve)
                try:
                    yield transport
                except BaseException as exc:
                    # Raised again below, outside the nursery, so it is not wrapped in a group.
                    # The nursery's exit cannot be cancelled, so nothing is lost meanwhile.
                    body_error = exc
                finally:
                    transport.close()
        finally:
            transport.close()
        if body_error is not None:
            raise body_error

    def __repr__(self) -> str:
        state = "closed" if self._closed else "serving" if self._serving else "not serving"
        return f"<NativeHttpTransport workers={self._client.workers} waiting={len(self._waiting)} {state}>"

    @property
    def closed(self) -> bool:
        return self._closed

    def statistics(self) -> dict[str, int]:
        """The native client's counters (``queued``, ``running``, ``ready``, ``submitted``,
        ``delivered``, ``cancelled``, ``workers``) plus ``waiting``: requests awaiting an answer."""
        stats = self._client.statistics()
        stats["waiting"] = len(self._waiting)
        return stats

    async def serve(self, *, task_status: trio.TaskStatus[None] = trio.TASK_STATUS_IGNORED) -> None:
        """The pump: until :meth:`close`, wait for answers and wake the requests waiting for them.

        Start it with ``await nursery.start(transport.serve)``; it returns once the transport is
        closed. If it is cancelled, the transport closes (nothing could answer its requests)."""
        if self._closed:
            raise trio.ClosedResourceError("the transport is closed")
        if self._serving:
            raise RuntimeError("this NativeHttpTransport is already being served")
        self._serving = True
        task_status.started()
        try:
            await pump(self._client, self._deliver)
        finally:
            self._serving = False
            self.close()

    async def _deliver(self, batch: list[HttpResult]) -> None:
        for result in batch:
            pending = self._waiting.pop(result.id, None)
            if pending is not None:  # else: given up on meanwhile
                pending.result = result
                pending.event.set()

    def close(self) -> None:
        """Stop the native workers (without waiting for the network), end the pump, and make
        every request still waiting raise :class:`trio.ClosedResourceError`. Idempotent."""
        if self._closed:
            return
        self._closed = True
        try:
            close_handle(self._client)
        except RuntimeError:  # not in a trio run: no task can be waiting on the fd
            self._client.close()
        waiting = list(self._waiting.values())
        self._waiting.clear()
        for pending in waiting:
            pending.event.set()

    async def request(
        self,
        method: str,
        url: str,
        headers: Mapping[str, str],
        body: bytes | None,
        timeout: float,
    ) -> TransportResponse:
        """Send one request; return the whole answer, any status.

        Raises :class:`CloudTimeoutError` when no whole answer came within ``timeout`` seconds,
        :class:`CloudConnectionError` when none came at all, ValueError for a bad ``timeout`` or an
        invalid method or header (the message never shows a header's value),
        :class:`trio.ClosedResourceError` once the transport is closed, RuntimeError if nothing
        serves it. Cancellable: the native request is cancelled with it."""
        if not math.isfinite(timeout) or timeout <= 0:
            raise ValueError(f"timeout must be a positive number of seconds, got {timeout!r}")
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise CloudConnectionError(f"{method} {url}: unsupported URL")
        if self._closed:
            raise trio.ClosedResourceError("the transport is closed")
        if not self._serving:
            raise RuntimeError(
                "this NativeHttpTransport is not running: use `async with NativeHttpTransport.open()` "
                "or `await nursery.start(transport.serve)`"
            )
        request_id = self._client.submit(method, url, list(headers.items()), body, timeout)
        pending = _Pending()
        self._waiting[request_id] = pending
        try:
            # The native timeout runs from the submit (queueing included) to the end of the body;
            # this only guards against a worker that never reports back.
            with trio.move_on_after(timeout + _TIMEOUT_GRACE):
                await pending.event.wait()
        finally:
            if not pending.event.is_set():  # cancelled, or the guard expired
                self._waiting.pop(request_id, None)
                self._client.cancel(request_id)
        result = pending.result
        if result is None:
            if self._closed:
                raise trio.ClosedResourceError("the transport was closed while the request waited")
            raise CloudTimeoutError(f"{method} {url}: no answer within {timeout:g} s")
        return _response(method, url, result)


def _response(method: str, url: str, result: HttpResult) -> TransportResponse:
    if result.status is not None:
        return TransportResponse(result.status, _merge_headers(result.headers), result.body)
    if result.error_kind == "timeout":
        raise CloudTimeoutError(f"{method} {url}: timed out ({result.error})")
    raise CloudConnectionError(f"{method} {url}: {result.error_kind}: {result.error}")


__all__ = ["DEFAULT_MAX_BODY_BYTES", "DEFAULT_WORKERS", "NativeHttpTransport"]
