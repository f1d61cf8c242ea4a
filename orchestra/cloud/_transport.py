"""The HTTP seam of the cloud client: a one-method :class:`Transport` protocol and a stdlib transport.

A transport sends one request and returns the whole answer; it knows nothing of JSON, auth or
retries (the client decides those). It raises :class:`CloudConnectionError` (or
:class:`CloudTimeoutError`) when no HTTP answer arrived, and returns every HTTP status, error or not.

:class:`ThreadedHttpTransport` is the pure-Python fallback: stdlib ``http.client`` run in a worker
thread (``trio.to_thread.run_sync``), so the trio thread never blocks. The native transport (Rust,
``orchestra._native``) serves the same protocol: :class:`~orchestra.cloud.NativeHttpTransport`.

Cancellation: cancelling a request returns at once; the worker thread is abandoned and ends by
itself when its socket times out (at most ``timeout`` seconds later). Back-pressure: at most
``max_concurrency`` requests run at once; more wait for a slot.
"""

from __future__ import annotations

import http.client
import math
import ssl
from collections.abc import Mapping
from typing import Protocol, runtime_checkable
from urllib.parse import urlsplit

import attrs
import trio

from ._errors import CloudConnectionError, CloudTimeoutError


@attrs.frozen
class TransportResponse:
    """One HTTP answer. ``headers`` has lower-case names (repeated headers joined with ``", "``)."""

    status: int
    headers: Mapping[str, str]
    body: bytes

    def header(self, name: str) -> str | None:
        return self.headers.get(name.lower())


@runtime_checkable
class Transport(Protocol):
    """Sends one HTTP request. Implementations must not block the trio thread."""

    async def request(
        self,
        method: str,
        url: str,
        headers: Mapping[str, str],
        body: bytes | None,
        timeout: float,
    ) -> TransportResponse:
        """Send; return the full answer (any status). Raise ``CloudConnectionError`` when there is none."""
        ...


def _merge_headers(pairs: list[tuple[str, str]]) -> dict[str, str]:
    merged: dict[str, str] = {}
    for name, value in pairs:
        key = name.lower()
        merged[key] = f"{merged[key]}, {value}" if key in merged else value
    return merged


class ThreadedHttpTransport:
    """stdlib ``http.client`` in worker threads: no dependency, no blocking of the trio thread.

    One connection per request (the API is polled every few seconds; keep-alive would save little).
    HTTPS uses ``ssl.create_default_context()`` (system trust store). Proxies
    (``HTTPS_PROXY``) are not supported.
    """

    def __init__(self, *, max_concurrency: int = 8, ssl_context: ssl.SSLContext | None = None) -> None:
        self._limiter = trio.CapacityLimiter(max_concurrency)
        self._ssl_context = ssl_context

    def __repr__(self) -> str:
        return f"<ThreadedHttpTransport max_concurrency={self._limiter.total_tokens}>"

    def statistics(self) -> trio.CapacityLimiterStatistics:
        return self._limiter.statistics()

    async def request(
        self,
        method: str,
        url: str,
        headers: Mapping[str, str],
        body: bytes | None,
        timeout: float,
    ) -> TransportResponse:
        if not math.isfinite(timeout) or timeout <= 0:
            raise ValueError(f"timeout must be a positive number of seconds, got {timeout!r}")
        header_copy = dict(headers)
        with trio.move_on_after(timeout) as scope:
            return await trio.to_thread.run_sync(
                self._blocking_request,
                method,
                url,
                header_copy,
                body,
                timeout,
                abandon_on_cancel=True,
                limiter=self._limiter,
            )
        assert scope.cancelled_caught
        raise CloudTimeoutError(f"{method} {url}: no answer within {timeout:g} s")

    def _blocking_request(
        self, method: str, url: str, headers: dict[str, str], body: bytes | None, timeout: float
    ) -> TransportResponse:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise CloudConnectionError(f"{method} {url}: unsupported URL")
        conn: http.client.HTTPConnection
        if parts.scheme == "https":
            context = self._ssl_context or ssl.create_default_context()
            conn = http.client.HTTPSConnection(parts.hostname, parts.port, timeout=timeout, context=context)
        else:
            conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
        target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        try:
            conn.request(method, target, body=body, headers=headers)
            response = conn.getresponse()
            data = response.read()
            return TransportResponse(response.status, _merge_headers(response.getheaders()), data)
        except TimeoutError as exc:
            raise CloudTimeoutError(f"{method} {url}: timed out ({exc})") from None
        except (OSError, http.client.HTTPException) as exc:
            raise CloudConnectionError(f"{method} {url}: {type(exc).__name__}: {exc}") from None
        finally:
            conn.close()
