"""NativeHttpTransport (orchestra._native.HttpClient under one trio pump) against the fake backend.

Every async client test of ``test_client.py`` runs here again with the native transport as the
client's default (see ``native_default``), plus what is particular to the native transport:
lifecycle, 429/500 answers, timeouts, cancellation, many requests at once, TLS, secrets.
"""

from __future__ import annotations

import inspect
import shutil
import socket
import ssl
import subprocess
import threading
import time
import types
from collections.abc import AsyncIterator, Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import trio

from orchestra.cloud import (
    CloudAuth,
    CloudClient,
    CloudConnectionError,
    CloudHttpError,
    CloudRateLimited,
    CloudTimeoutError,
    NativeHttpTransport,
    RetryPolicy,
    ThreadedHttpTransport,
    Transport,
)
from orchestra.cloud import _client as client_module
from orchestra.testing.fake_cloud import FakeCloud

from . import test_client

# --- the client tests, again, over the native transport --------------------------------------

_NOT_OVER_HTTP = {
    "test_create_argument_checks",  # refused before any request
    "test_non_json_answer_is_a_protocol_error",  # brings its own transport
    "test_a_custom_transport_sees_every_request",  # brings its own transport
}


@pytest.fixture
async def native_default(monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[NativeHttpTransport]:
    """Every CloudClient made without a transport (``fake.client()``, ``CloudClient(...)``,
    ``from_codex_home``) sends through one running NativeHttpTransport instead of the threaded
    fallback it would get outside ``async with``."""
    async with NativeHttpTransport.open() as transport:
        monkeypatch.setattr(client_module, "ThreadedHttpTransport", lambda: transport)
        yield transport


def _over_native(func: Callable[..., Any], name: str) -> Callable[..., Any]:
    """A copy of a test function (marks are stored on the function: the original stays as it is)
    that also uses ``native_default``."""
    copy = types.FunctionType(func.__code__, func.__globals__, name, func.__defaults__, func.__closure__)
    copy.__kwdefaults__ = func.__kwdefaults__
    copy.__annotations__ = dict(func.__annotations__)
    copy.__doc__ = func.__doc__
    copy.__qualname__ = name
    copy.__module__ = __name__
    marks = list(getattr(func, "pytestmark", []))
    copy.pytestmark = [*marks, pytest.mark.usefixtures("native_default").mark]  # type: ignore[attr-defined]
    return copy


def _client_tests() -> dict[str, Callable[..., Any]]:
    found: dict[str, Callable[..., Any]] = {}
    for name, func in vars(test_client).items():
        if name.startswith("test_") and inspect.iscoroutinefunction(func) and name not in _NOT_OVER_HTTP:
            found[f"{name}_over_native"] = _over_native(func, f"{name}_over_native")
    return found


globals().update(_client_tests())


async def test_the_client_tests_really_use_the_native_transport(
    native_default: NativeHttpTransport, fake: FakeCloud
) -> None:
    assert len(_client_tests()) >= 30
    client = fake.client()
    assert client.transport is native_default
    await client.get_usage()
    assert native_default.statistics()["submitted"] == 1


# --- fixtures ----------------------------------------------------------------------------------


@pytest.fixture
async def native() -> AsyncIterator[NativeHttpTransport]:
    async with NativeHttpTransport.open() as transport:
        yield transport


def _auth_headers(fake: FakeCloud) -> dict[str, str]:
    return {"Authorization": f"Bearer {fake.token}", "ChatGPT-Account-Id": fake.account_id or ""}


# --- lifecycle ---------------------------------------------------------------------------------


async def test_round_trip(fake: FakeCloud, native: NativeHttpTransport) -> None:
    assert isinstance(native, Transport)
    response = await native.request(
        "GET", f"{fake.base_url}/wham/environments", _auth_headers(fake), None, 5.0
    )
    assert response.status == 200
    assert response.header("Content-Type") == "application/json"
    assert b"env_main" in response.body
    stats = native.statistics()
    assert (stats["submitted"], stats["delivered"], stats["waiting"]) == (1, 1, 0)


async def test_post_bodies_arrive(fake: FakeCloud, native: NativeHttpTransport) -> None:
    client = CloudClient(fake.base_url, CloudAuth.from_token(fake.token, fake.account_id), transport=native)
    created = await client.create_task("env_main", "Ünïcode prompt ✓", best_of_n=2)
    assert fake.task(created.id).prompt == "Ünïcode prompt ✓"
    assert fake.requests[-1].headers["Content-Type"] == "application/json"


async def test_async_with_client_owns_a_native_transport(fake: FakeCloud) -> None:
    client = fake.client()
    async with client:
        transport = client.transport
        assert isinstance(transport, NativeHttpTransport)
        assert (await client.get_usage()).plan_type == "pro"
    assert transport.closed
    # Outside `async with`, the client falls back to the threaded transport.
    assert isinstance(client.transport, ThreadedHttpTransport)
    assert (await client.get_usage()).plan_type == "pro"


async def test_a_given_transport_is_kept(fake: FakeCloud, native: NativeHttpTransport) -> None:
    async with CloudClient(fake.base_url, None, transport=native) as client:
        assert client.transport is native
    assert not native.closed  # the client did not close what it did not open


async def test_errors_in_the_body_are_not_wrapped(fake: FakeCloud) -> None:
    with pytest.raises(KeyError):
        async with NativeHttpTransport.open():
            raise KeyError("mine")
    with pytest.raises(CloudHttpError):
        async with fake.client(retry=RetryPolicy.never()) as client:
            fake.fail_next("/usage", status=400)
            await client.get_usage()


async def test_serve_in_a_nursery_of_ones_own(fake: FakeCloud) -> None:
    transport = NativeHttpTransport(workers=1)
    with pytest.raises(RuntimeError, match="not running"):
        await transport.request("GET", f"{fake.base_url}/wham/usage", {}, None, 1.0)
    async with trio.open_nursery() as nursery:
        await nursery.start(transport.serve)
        with pytest.raises(RuntimeError, match="already"):
            await transport.serve()
        response = await transport.request("GET", f"{fake.base_url}/wham/usage", _auth_headers(fake), None, 5)
        assert response.status == 200
        transport.close()  # the pump returns, and with it the nursery
    assert transport.closed
    with pytest.raises(trio.ClosedResourceError):
        await transport.request("GET", f"{fake.base_url}/wham/usage", {}, None, 1.0)


async def test_closing_wakes_waiting_requests(fake: FakeCloud, native: NativeHttpTransport) -> None:
    fake.delay_next("/usage", seconds=2.0)
    failures: list[BaseException] = []

    async def waiting() -> None:
        try:
            await native.request("GET", f"{fake.base_url}/wham/usage", _auth_headers(fake), None, 5.0)
        except trio.ClosedResourceError as exc:
            failures.append(exc)

    with trio.fail_after(1.5):
        async with trio.open_nursery() as nursery:
            nursery.start_soon(waiting)
            await fake.wait_for_requests_async(1)
            native.close()
            native.close()
    assert len(failures) == 1


async def test_argument_checks(native: NativeHttpTransport, fake: FakeCloud) -> None:
    url = f"{fake.base_url}/wham/usage"
    for bad in (0.0, -1.0, float("inf"), float("nan")):
        with pytest.raises(ValueError, match="timeout"):
            await native.request("GET", url, {}, None, bad)
    with pytest.raises(CloudConnectionError, match="unsupported URL"):
        await native.request("GET", "ftp://example.invalid/x", {}, None, 1.0)
    with pytest.raises(ValueError) as info:
        await native.request("GET", url, {"Authorization": "Bearer tok-SECRET\r\nX: y"}, None, 1.0)
    assert "Authorization" in str(info.value)
    assert "SECRET" not in str(info.value)
    assert fake.requests == []


# --- answers and errors ------------------------------------------------------------------------


async def test_429_with_retry_after(fake: FakeCloud, native: NativeHttpTransport) -> None:
    fake.rate_limit_next("/usage", retry_after=7)
    response = await native.request("GET", f"{fake.base_url}/wham/usage", _auth_headers(fake), None, 5.0)
    assert (response.status, response.header("Retry-After")) == (429, "7")
    client = CloudClient(
        fake.base_url,
        CloudAuth.from_token(fake.token, fake.account_id),
        transport=native,
        retry=RetryPolicy.never(),
    )
    fake.rate_limit_next("/usage", retry_after=7)
    with pytest.raises(CloudRateLimited) as info:
        await client.get_usage()
    assert info.value.retry_after == 7.0


async def test_429_retry_after_is_waited_for(fake: FakeCloud, native: NativeHttpTransport) -> None:
    client = CloudClient(
        fake.base_url,
        CloudAuth.from_token(fake.token, fake.account_id),
        transport=native,
        retry=RetryPolicy(attempts=3, initial=0.001, maximum=0.01, deadline=10.0),
    )
    fake.rate_limit_next("/usage", retry_after=1)
    started = time.monotonic()
    assert (await client.get_usage()).plan_type == "pro"
    assert time.monotonic() - started >= 0.95
    assert [r.status for r in fake.requests] == [429, 200]


async def test_500_is_an_answer(fake: FakeCloud, native: NativeHttpTransport) -> None:
    fake.fail_next("/usage", status=500)
    response = await native.request("GET", f"{fake.base_url}/wham/usage", _auth_headers(fake), None, 5.0)
    assert response.status == 500
    client = CloudClient(
        fake.base_url,
        CloudAuth.from_token(fake.token, fake.account_id),
        transport=native,
        retry=RetryPolicy.never(),
    )
    fake.fail_next("/usage", status=500)
    with pytest.raises(CloudHttpError) as info:
        await client.get_usage()
    assert info.value.status == 500


async def test_slow_answer_times_out_and_frees_the_worker(fake: FakeCloud) -> None:
    async with NativeHttpTransport.open(workers=1) as native:
        fake.delay_next("/usage", seconds=3.0)
        url = f"{fake.base_url}/wham/usage"
        started = time.monotonic()
        with pytest.raises(CloudTimeoutError, match="timed out"):
            await native.request("GET", url, _auth_headers(fake), None, 0.2)
        assert time.monotonic() - started < 1.0
        # The one worker gave up on the slow answer: the next request does not wait for it.
        with trio.fail_after(1.0):
            response = await native.request("GET", url, _auth_headers(fake), None, 5.0)
        assert response.status == 200


async def test_time_waiting_for_a_worker_counts(fake: FakeCloud) -> None:
    async with NativeHttpTransport.open(workers=1) as native:
        fake.delay_next("/usage", seconds=0.6)
        headers = _auth_headers(fake)
        async with trio.open_nursery() as nursery:
            nursery.start_soon(native.request, "GET", f"{fake.base_url}/wham/usage", headers, None, 5.0)
            await fake.wait_for_requests_async(1)
            with pytest.raises(CloudTimeoutError, match="not sent"):
                await native.request("GET", f"{fake.base_url}/wham/environments", headers, None, 0.2)
        assert [r.endpoint for r in fake.requests] == ["/usage"]


async def test_dropped_connection_is_a_connection_error(fake: FakeCloud, native: NativeHttpTransport) -> None:
    fake.drop_next("/usage")
    with pytest.raises(CloudConnectionError) as info:
        await native.request("GET", f"{fake.base_url}/wham/usage", _auth_headers(fake), None, 5.0)
    assert not isinstance(info.value, CloudTimeoutError)


async def test_refused_connection(native: NativeHttpTransport) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with pytest.raises(CloudConnectionError, match="connect"):
        await native.request("GET", f"http://127.0.0.1:{port}/x", {}, None, 2.0)


async def test_too_large_body(fake: FakeCloud) -> None:
    async with NativeHttpTransport.open(max_body_bytes=10) as native:
        with pytest.raises(CloudConnectionError, match="too_large"):
            await native.request("GET", f"{fake.base_url}/wham/usage", _auth_headers(fake), None, 5.0)


# --- cancellation and concurrency ---------------------------------------------------------------


async def test_cancelling_a_running_request(fake: FakeCloud) -> None:
    async with NativeHttpTransport.open(workers=1) as native:
        fake.delay_next("/usage", seconds=0.5)
        url = f"{fake.base_url}/wham/usage"
        started = time.monotonic()
        with trio.move_on_after(0.1) as scope:
            await native.request("GET", url, _auth_headers(fake), None, 5.0)
        assert scope.cancelled_caught
        assert time.monotonic() - started < 0.3  # returned at once, not when the answer came
        stats = native.statistics()
        assert (stats["cancelled"], stats["waiting"]) == (1, 0)
        # The worker finishes the slow request, drops its answer, then serves the next one.
        response = await native.request("GET", url, _auth_headers(fake), None, 5.0)
        assert response.status == 200
        stats = native.statistics()
        assert (stats["submitted"], stats["delivered"]) == (2, 1)


async def test_cancelling_a_queued_request_never_sends_it(fake: FakeCloud) -> None:
    async with NativeHttpTransport.open(workers=1) as native:
        fake.delay_next("/usage", seconds=0.5)
        headers = _auth_headers(fake)
        async with trio.open_nursery() as nursery:
            nursery.start_soon(native.request, "GET", f"{fake.base_url}/wham/usage", headers, None, 5.0)
            await fake.wait_for_requests_async(1)  # the one worker is busy now
            with trio.move_on_after(0.05):
                await native.request("GET", f"{fake.base_url}/wham/environments", headers, None, 5.0)
            assert native.statistics()["queued"] == 0
        assert [r.endpoint for r in fake.requests] == ["/usage"]
        assert native.statistics()["cancelled"] == 1


async def test_many_concurrent_requests(fake: FakeCloud) -> None:
    fake.latency = 0.01
    async with fake.client(retry=RetryPolicy.never()) as client:
        native = client.transport
        assert isinstance(native, NativeHttpTransport)
        results: list[str] = []

        async def one() -> None:
            results.append((await client.get_usage()).plan_type or "")

        with trio.fail_after(30):
            async with trio.open_nursery() as nursery:
                for _ in range(200):
                    nursery.start_soon(one)
                await trio.sleep(0.05)
                stats = native.statistics()
                assert stats["running"] <= stats["workers"] == 4
        assert results == ["pro"] * 200
        stats = native.statistics()
        assert (stats["submitted"], stats["delivered"], stats["waiting"]) == (200, 200, 0)
    assert len(fake.requests) == 200


# --- TLS and secrets ---------------------------------------------------------------------------


@pytest.fixture
def self_signed(tmp_path: Path) -> Iterator[int]:
    """A TLS server on 127.0.0.1 with a self-signed certificate (no root trusts it)."""
    if shutil.which("openssl") is None:
        pytest.skip("openssl is not installed")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=localhost",
         "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True,
    )  # fmt: skip
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    listener = socket.create_server(("127.0.0.1", 0))
    listener.settimeout(5.0)

    def serve() -> None:
        try:
            conn, _ = listener.accept()
        except OSError:
            return
        conn.settimeout(5.0)
        try:
            with context.wrap_socket(conn, server_side=True):
                pass
        except (OSError, ssl.SSLError):
            pass  # the client refuses the certificate: expected
        finally:
            conn.close()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield listener.getsockname()[1]
    listener.close()
    thread.join(timeout=5)


async def test_untrusted_certificate_is_a_tls_error(self_signed: int, native: NativeHttpTransport) -> None:
    with pytest.raises(CloudConnectionError, match="tls") as info:
        await native.request(
            "GET", f"https://localhost:{self_signed}/x", {"Authorization": "Bearer tok-SECRET"}, None, 5.0
        )
    assert "SECRET" not in str(info.value)


async def test_secrets_stay_out_of_errors_and_reprs(fake: FakeCloud, native: NativeHttpTransport) -> None:
    headers = _auth_headers(fake)
    fake.drop_next("/usage")
    with pytest.raises(CloudConnectionError) as info:
        await native.request("GET", f"{fake.base_url}/wham/usage", headers, None, 5.0)
    fake.delay_next("/usage", seconds=2.0)
    with pytest.raises(CloudTimeoutError) as timed_out:
        await native.request("GET", f"{fake.base_url}/wham/usage", headers, None, 0.1)
    for text in (str(info.value), str(timed_out.value), repr(native), repr(native.statistics())):
        assert fake.token not in text
