"""orchestra._native.Connection against a small fake app-server (a Python script in tmp_path).

Every wait is ``trio.lowlevel.wait_readable(route.fileno())`` under ``trio.fail_after``: no sleeps,
and a hang fails loudly.
"""

from __future__ import annotations

import gc
import math
import select
import sys
from pathlib import Path
from typing import Any

import pytest
import trio

from orchestra._native import Connection, ConnectionClosedError, Message, Route

TIMEOUT = 10

# Reads one JSON line at a time and acts on the method. Test-only verbs:
#   seen                      -> result: the methods received so far, in order
#   thread/start {name}       -> result {thread: {id: name}}, then thread/started for it
#   interleave {threads, count}
#   emit {lines}              -> writes each item (str: as is, else JSON) as a line, then answers
#   flood {threadId, count}   -> count notifications for threadId in one write
#   ask {threadId}            -> a server->client request
#   exit {code}               -> "bye" on stderr, exit with code
# Anything without a method (our responses to its requests) is echoed as client/responded.
FAKE_SERVER = r"""
import json, os, sys

out = sys.stdout
seen = []

def send(obj):
    out.write(json.dumps(obj) + "\n")
    out.flush()

for line in sys.stdin:
    msg = json.loads(line)
    method = msg.get("method")
    params = msg.get("params") or {}
    seen.append(method)
    if method == "initialize":
        send({"id": msg["id"], "result": {"userAgent": "fake/0.0.0"}})
    elif method == "seen":
        send({"id": msg["id"], "result": seen})
    elif method == "thread/start":
        tid = params["name"]
        send({"id": msg["id"], "result": {"thread": {"id": tid}}})
        send({"method": "thread/started", "params": {"thread": {"id": tid}}})
    elif method == "interleave":
        for i in range(params["count"]):
            for t in params["threads"]:
                out.write(json.dumps({"method": "item/agentMessage/delta",
                                      "params": {"threadId": t, "i": i}}) + "\n")
        out.flush()
        send({"id": msg["id"], "result": {}})
    elif method == "emit":
        for item in params["lines"]:
            out.write((item if isinstance(item, str) else json.dumps(item)) + "\n")
        out.flush()
        send({"id": msg["id"], "result": {}})
    elif method == "flood":
        t = params["threadId"]
        out.write("".join(
            '{"method":"item/agentMessage/delta","params":{"threadId":"%s","i":%d}}\n' % (t, i)
            for i in range(params["count"])))
        out.flush()
        send({"id": msg["id"], "result": {}})
    elif method == "ask":
        send({"id": "srv-1", "method": "item/commandExecution/requestApproval",
              "params": {"threadId": params["threadId"], "command": "touch x"}})
    elif method == "exit":
        sys.stderr.write("bye\n")
        sys.stderr.flush()
        os._exit(params.get("code", 0))
    elif method is None:
        send({"method": "client/responded", "params": msg})
"""


@pytest.fixture
def fake_server(tmp_path: Path) -> list[str]:
    script = tmp_path / "fake_app_server.py"
    script.write_text(FAKE_SERVER)
    return [sys.executable, "-u", str(script)]


@pytest.fixture
def conn(fake_server: list[str]) -> Any:
    c = Connection(fake_server)
    yield c
    c.close(grace=2.0)


async def receive(route: Route, n: int) -> list[Message]:
    """Wait on the route's fd until n messages arrived."""
    got: list[Message] = []
    with trio.fail_after(TIMEOUT):
        while len(got) < n:
            await trio.lowlevel.wait_readable(route.fileno())
            got.extend(route.drain(n - len(got)))
    return got


async def call(conn: Connection, method: str, params: Any = None, route: Route | None = None) -> Any:
    """Request and wait for the response on its route (nothing else may be queued there)."""
    rid = conn.request(method, params, route=route)
    [msg] = await receive(route or conn.control(), 1)
    assert (msg.kind, msg.id) == ("response", rid), msg
    return msg.result


def readable(route: Route) -> bool:
    return bool(select.select([route.fileno()], [], [], 0)[0])


async def handshake(conn: Connection) -> None:
    hid = conn.start_handshake({"clientInfo": {"name": "test", "title": "t", "version": "0"}})
    [msg] = await receive(conn.control(), 1)
    assert (msg.kind, msg.id, msg.result) == ("response", hid, {"userAgent": "fake/0.0.0"})


async def start_thread(conn: Connection, name: str) -> Route:
    route = conn.open_route()
    rid = conn.request("thread/start", {"name": name}, route=route, bind_thread=True)
    response, started = await receive(route, 2)
    assert (response.kind, response.id, response.thread_id) == ("response", rid, name)
    assert (started.method, started.thread_id) == ("thread/started", name)
    return route


async def test_handshake_sends_initialized_before_the_response_is_delivered(conn: Connection) -> None:
    await handshake(conn)
    # Sent in reaction to the response: it must reach the server after `initialized`.
    assert await call(conn, "seen") == ["initialize", "initialized", "seen"]
    assert not readable(conn.control())


async def test_two_routes_receive_their_interleaved_notifications_in_order(conn: Connection) -> None:
    await handshake(conn)
    a = await start_thread(conn, "thread-a")
    b = await start_thread(conn, "thread-b")
    await call(conn, "interleave", {"threads": ["thread-a", "thread-b"], "count": 500})
    for route, tid in ((a, "thread-a"), (b, "thread-b")):
        got = await receive(route, 500)
        assert [m.params["i"] for m in got] == list(range(500))
        assert {(m.kind, m.method, m.thread_id) for m in got} == {
            ("notification", "item/agentMessage/delta", tid)
        }
        assert not readable(route)
        assert route.statistics() == {"queued": 0, "delivered": 502, "high_water": 500}
    assert not readable(conn.control())


async def test_malformed_lines_reach_the_affected_route_while_others_keep_receiving(
    conn: Connection,
) -> None:
    await handshake(conn)
    a = await start_thread(conn, "thread-a")
    b = await start_thread(conn, "thread-b")
    broken = '{"method":"item/agentMessage/delta","params":{"threadId": "thread-a", "i": }'
    lines = [
        broken,
        {"method": "item/agentMessage/delta", "params": {"threadId": "thread-b", "i": 1}},
        "not json at all",
        [1, 2, 3],
        {"method": "item/agentMessage/delta", "params": {"threadId": "thread-a", "i": 2}},
    ]
    rid = conn.request("emit", {"lines": lines})
    # Not attributable to a conversation: the control route, before the emit response.
    garbage, array, response = await receive(conn.control(), 3)
    assert (garbage.kind, garbage.raw, garbage.thread_id) == ("malformed", b"not json at all", None)
    assert array.reason == "not a JSON-RPC message: expected a JSON object"
    assert (response.kind, response.id) == ("response", rid)
    bad, good = await receive(a, 2)
    assert bad.kind == "malformed"
    assert bad.thread_id == "thread-a"
    assert bad.raw == broken.encode()
    assert bad.reason is not None and bad.reason.startswith("invalid JSON at column 76: expected value")
    assert (good.kind, good.params) == ("notification", {"threadId": "thread-a", "i": 2})
    [other] = await receive(b, 1)
    assert other.params == {"threadId": "thread-b", "i": 1}
    assert conn.statistics()["malformed"] == 3


async def test_oversized_line_is_one_malformed_message_and_reading_continues(
    fake_server: list[str],
) -> None:
    conn = Connection(fake_server, max_line_bytes=10_000)
    try:
        await handshake(conn)
        big = '{"method":"x","params":{"threadId":"t","blob":"' + "z" * 50_000 + '"}}'
        conn.request("emit", {"lines": [big, {"method": "after"}]})
        oversized, after, _response = await receive(conn.control(), 3)
        assert oversized.kind == "malformed"
        assert oversized.reason == f"line of {len(big)} bytes exceeds limit of 10000"
        assert oversized.raw == big.encode()[:4096]
        assert oversized.thread_id == "t"
        assert after.method == "after"
    finally:
        conn.close()


async def test_server_requests_are_routed_and_answered(conn: Connection) -> None:
    await handshake(conn)
    a = await start_thread(conn, "thread-a")
    conn.request("ask", {"threadId": "thread-a"})
    [ask] = await receive(a, 1)
    assert (ask.kind, ask.id, ask.method) == ("request", "srv-1", "item/commandExecution/requestApproval")
    assert ask.params == {"threadId": "thread-a", "command": "touch x"}
    assert ask.id is not None
    conn.respond(ask.id, {"decision": "accept"})
    conn.respond_error(7, -32000, "nope", {"why": None})
    # The ask request got no response; the two echoes arrive on control.
    first, second = await receive(conn.control(), 2)
    assert first.params == {"id": "srv-1", "result": {"decision": "accept"}}
    assert second.params == {"id": 7, "error": {"code": -32000, "message": "nope", "data": {"why": None}}}


async def test_exit_reaches_every_route_then_sends_raise(conn: Connection) -> None:
    await handshake(conn)
    a = await start_thread(conn, "thread-a")
    b = conn.open_route()
    conn.notify("exit", {"code": 3})
    for route in (conn.control(), a, b):
        [msg] = await receive(route, 1)
        assert (msg.kind, msg.exit_code, msg.exit_signal) == ("exit", 3, None)
    assert conn.exit_status() == (3, None)
    with pytest.raises(ConnectionClosedError, match="exited with code 3"):
        conn.request("seen")
    with pytest.raises(ConnectionClosedError):
        conn.notify("x")
    assert conn.stderr_tail() == b"bye\n"
    # A route opened after the exit is told at once.
    [late] = await receive(conn.open_route(), 1)
    assert late.kind == "exit"
    assert conn.close() == (3, None)
    assert conn.close() == (3, None)


async def test_kill_reports_the_signal(conn: Connection) -> None:
    conn.kill(15)
    [msg] = await receive(conn.control(), 1)
    assert (msg.kind, msg.exit_code, msg.exit_signal) == ("exit", None, 15)
    conn.kill()  # reaped already: a no-op


async def test_an_undrained_route_does_not_stall_another(conn: Connection) -> None:
    await handshake(conn)
    a = await start_thread(conn, "thread-a")
    b = await start_thread(conn, "thread-b")
    conn.request("flood", {"threadId": "thread-a", "count": 100_000})
    conn.request("emit", {"lines": [{"method": "ping", "params": {"threadId": "thread-b"}}]})
    with trio.fail_after(TIMEOUT):
        [ping] = await receive(b, 1)
    assert ping.method == "ping"
    # Everything for `a` was read before the ping, and it is all still waiting there.
    stats = a.statistics()
    assert stats["queued"] == stats["high_water"] == 100_000
    assert readable(a)
    assert len(a.drain(max=100_000)) == 100_000
    assert not readable(a)


async def test_closing_a_route_sends_its_traffic_to_control(conn: Connection) -> None:
    await handshake(conn)
    a = await start_thread(conn, "thread-a")
    fd = a.fileno()
    trio.lowlevel.notify_closing(fd)
    a.close()
    a.close()
    with pytest.raises(ValueError, match="closed"):
        a.fileno()
    assert a.drain() == []
    with pytest.raises(ValueError):
        conn.request("seen", route=a)
    conn.request("emit", {"lines": [{"method": "late", "params": {"threadId": "thread-a"}}]})
    late, _response = await receive(conn.control(), 2)
    assert (late.method, late.thread_id) == ("late", "thread-a")


async def test_dropping_the_connection_kills_and_reaps_the_child() -> None:
    conn = Connection(["sleep", "1000"])
    pid = conn.pid
    route = conn.open_route()
    del conn
    gc.collect()
    # The exit message is sent only after the child was reaped.
    [msg] = await receive(route, 1)
    assert (msg.kind, msg.exit_signal) == ("exit", 9)
    assert not await trio.Path(f"/proc/{pid}").exists()


def test_spawn_failure_raises_oserror(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError) as info:
        Connection([str(tmp_path / "no-such-codex")])
    assert info.value.filename == str(tmp_path / "no-such-codex")
    with pytest.raises(ValueError):
        Connection([])


async def test_params_must_be_json(conn: Connection) -> None:
    with pytest.raises(TypeError, match="not JSON serializable"):
        conn.request("x", {"a": object()})
    with pytest.raises(TypeError, match="keys must be str"):
        conn.request("x", {1: 2})
    with pytest.raises(ValueError, match="not JSON compliant"):
        conn.notify("x", [math.nan])
    with pytest.raises(OverflowError):
        conn.notify("x", 2**64)
    loop: list[Any] = []
    loop.append(loop)
    with pytest.raises(ValueError, match="circular"):
        conn.notify("x", loop)
    with pytest.raises(TypeError):
        conn.respond(1.5, None)  # type: ignore[arg-type]
    # What does serialize round-trips through the server unchanged.
    await handshake(conn)
    value = {"s": 'é\n"', "i": -(2**63), "u": 2**64 - 1, "f": 0.5, "b": True, "n": None, "t": (1, [2])}
    conn.request("emit", {"lines": [{"method": "echo", "params": value}]})
    echo, _ = await receive(conn.control(), 2)
    assert echo.params == {**value, "t": [1, [2]]}


def test_message_repr_and_statistics(conn: Connection) -> None:
    assert repr(conn.control()) == "Route(key='control', queued=0)"
    assert repr(conn).startswith(f"Connection(pid={conn.pid}, running")
    stats = conn.statistics()
    assert set(stats) == {
        "lines_read",
        "bytes_read",
        "malformed",
        "lines_written",
        "routes",
        "pending_requests",
    }
    conn.request("seen")
    assert conn.statistics()["pending_requests"] == 1
    a, b = conn.open_route(), conn.open_route()
    assert a.key != b.key
    assert conn.statistics()["routes"] == 3


async def test_a_dropped_route_is_unregistered(conn: Connection) -> None:
    await handshake(conn)
    a = await start_thread(conn, "thread-a")
    assert conn.statistics()["routes"] == 2
    del a
    gc.collect()
    assert conn.statistics()["routes"] == 1
    # Nobody could drain it any more: its conversation's traffic falls back to control.
    conn.request("emit", {"lines": [{"method": "late", "params": {"threadId": "thread-a"}}]})
    late, _response = await receive(conn.control(), 2)
    assert late.method == "late"
