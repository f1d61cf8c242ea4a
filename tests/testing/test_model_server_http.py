"""The scripted model at the HTTP level, with a plain stdlib client: streams, errors, records."""

from __future__ import annotations

import gzip
import http.client
import json
import socket
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from scripted_client import SECRET, connect, post, request, user_body

from orchestra.testing import reply
from orchestra.testing.model_server import ScriptedModel
from orchestra.testing.rate_limits import Credits, RateLimitWindow, rate_limit_headers
from orchestra.testing.recorded import RecordedRequest

DATA = Path(__file__).parent / "data"

USAGE_KEYS = {
    "input_tokens",
    "input_tokens_details",
    "output_tokens",
    "output_tokens_details",
    "total_tokens",
}


@pytest.fixture
def model() -> Any:
    with ScriptedModel() as scripted:
        yield scripted


def real_request(n: int) -> dict[str, Any]:
    """A request codex 0.163 really sent (tests/testing/data, recorded with this server)."""
    doc: dict[str, Any] = json.loads((DATA / f"codex-0.163-request-{n}.json").read_text())
    return doc


# --- the SSE stream of each reply kind ------------------------------------------------------


def test_base_url_is_loopback_v1(model: ScriptedModel) -> None:
    assert model.base_url == f"http://127.0.0.1:{model.port}/v1"
    assert model.port > 0


def test_text_reply_streams_deltas_then_done_then_completed(model: ScriptedModel) -> None:
    model.enqueue(reply.text("Hello, world!", chunks=3))
    answer = post(model)
    assert answer.status == 200
    assert answer.headers["content-type"] == "text/event-stream"
    assert answer.types == [
        "response.created",
        "response.output_item.added",
        "response.output_text.delta",
        "response.output_text.delta",
        "response.output_text.delta",
        "response.output_item.done",
        "response.completed",
    ]
    created, added, *deltas, done, completed = answer.events
    assert added["item"] == {
        "type": "message",
        "id": added["item"]["id"],
        "status": "in_progress",
        "role": "assistant",
        "content": [],
    }
    assert "".join(d["delta"] for d in deltas) == "Hello, world!"
    assert all(d["item_id"] == added["item"]["id"] for d in deltas)
    assert done["item"]["id"] == added["item"]["id"]
    assert done["item"]["role"] == "assistant"
    assert done["item"]["content"] == [{"type": "output_text", "text": "Hello, world!", "annotations": []}]
    response = completed["response"]
    assert response["id"] == created["response"]["id"]
    assert response["id"].startswith("resp_")
    assert set(response["usage"]) == USAGE_KEYS
    assert set(response["usage"]["input_tokens_details"]) == {"cached_tokens"}
    assert set(response["usage"]["output_tokens_details"]) == {"reasoning_tokens"}
    usage = response["usage"]
    assert usage["total_tokens"] == usage["input_tokens"] + usage["output_tokens"]
    assert response["output"] == [done["item"]]


def test_every_frame_names_its_event_type(model: ScriptedModel) -> None:
    model.enqueue(reply.text("hi"))
    body = post(model).body.decode()
    frames = [frame for frame in body.split("\n\n") if frame]
    for frame in frames:
        event_line, data_line = frame.split("\n")
        assert event_line.startswith("event: ")
        assert json.loads(data_line.removeprefix("data: "))["type"] == event_line.removeprefix("event: ")


def test_text_chunks_never_empty_and_capped_by_length(model: ScriptedModel) -> None:
    model.enqueue(reply.text("abc", chunks=10), reply.text("", chunks=3))
    deltas = [e["delta"] for e in post(model).events if e["type"] == "response.output_text.delta"]
    assert deltas == ["a", "b", "c"]
    assert "response.output_text.delta" not in post(model).types
    with pytest.raises(ValueError):
        reply.text("x", chunks=0)


def test_explicit_usage_is_reported(model: ScriptedModel) -> None:
    model.enqueue(
        reply.text("hi").with_usage(input_tokens=100, output_tokens=7, cached_tokens=40, reasoning_tokens=3)
    )
    usage = post(model).events[-1]["response"]["usage"]
    assert usage == {
        "input_tokens": 100,
        "input_tokens_details": {"cached_tokens": 40},
        "output_tokens": 7,
        "output_tokens_details": {"reasoning_tokens": 3},
        "total_tokens": 107,
    }


def test_shell_is_an_exec_command_function_call(model: ScriptedModel) -> None:
    model.enqueue(reply.shell("echo hi > f.txt"))
    answer = post(model)
    assert answer.types == ["response.created", "response.output_item.done", "response.completed"]
    item = answer.events[1]["item"]
    assert item["type"] == "function_call"
    assert item["name"] == "exec_command"
    assert json.loads(item["arguments"]) == {"cmd": "echo hi > f.txt"}
    assert item["call_id"].startswith("call_")


def test_shell_extra_arguments_and_fixed_call_id(model: ScriptedModel) -> None:
    model.enqueue(reply.shell("ls", call_id="call_fixed", workdir="/tmp", login=False))
    item = post(model).events[1]["item"]
    assert item["call_id"] == "call_fixed"
    assert json.loads(item["arguments"]) == {"cmd": "ls", "workdir": "/tmp", "login": False}


def test_call_ids_are_fresh_each_time_a_reply_is_sent(model: ScriptedModel) -> None:
    model.when("x").always(reply.shell("ls"))
    first = post(model, "x").events[1]["item"]["call_id"]
    second = post(model, "x").events[1]["item"]["call_id"]
    assert first != second


def test_apply_patch_is_a_custom_tool_call_with_the_patch_as_input(model: ScriptedModel) -> None:
    patch = "*** Begin Patch\n*** Add File: a.txt\n+a\n*** End Patch\n"
    model.enqueue(reply.apply_patch(patch))
    item = post(model).events[1]["item"]
    assert item["type"] == "custom_tool_call"
    assert item["name"] == "apply_patch"
    assert item["input"] == patch
    assert item["call_id"].startswith("call_")


def test_function_call_and_custom_tool_call(model: ScriptedModel) -> None:
    model.enqueue(
        reply.function_call("view_image", {"path": "a.png"}),
        reply.function_call("raw", '{"already": "json"}'),
        reply.custom_tool_call("grammar_tool", "free text"),
    )
    assert json.loads(post(model).events[1]["item"]["arguments"]) == {"path": "a.png"}
    assert post(model).events[1]["item"]["arguments"] == '{"already": "json"}'
    assert post(model).events[1]["item"]["input"] == "free text"


def test_combine_puts_several_items_in_one_response(model: ScriptedModel) -> None:
    model.enqueue(reply.combine(reply.text("Let me look."), reply.shell("ls")))
    answer = post(model)
    done = [e for e in answer.events if e["type"] == "response.output_item.done"]
    assert [e["item"]["type"] for e in done] == ["message", "function_call"]
    assert [e["output_index"] for e in done] == [0, 1]
    assert answer.types[-1] == "response.completed"


def test_failed_ends_with_response_failed(model: ScriptedModel) -> None:
    model.enqueue(reply.failed("scripted failure"), reply.failed("too long", code="context_length_exceeded"))
    answer = post(model)
    assert answer.types == ["response.created", "response.failed"]
    assert answer.events[1]["response"]["error"] == {"code": "server_error", "message": "scripted failure"}
    assert post(model).events[1]["response"]["error"]["code"] == "context_length_exceeded"


def test_text_then_fail(model: ScriptedModel) -> None:
    model.enqueue(reply.text("partial").fail("boom"))
    assert post(model).types[-2:] == ["response.output_item.done", "response.failed"]


def test_cut_default_drops_only_response_completed(model: ScriptedModel) -> None:
    model.enqueue(reply.cut())
    answer = post(model)  # the body ends cleanly: http.client reads it whole
    assert answer.status == 200
    assert "response.completed" not in answer.types
    assert answer.types[-1] == "response.output_item.done"


@pytest.mark.parametrize("after", [0, 1, 3])
def test_cut_after_n_events(model: ScriptedModel, after: int) -> None:
    model.enqueue(reply.cut(after=after, reply=reply.text("abcdef", chunks=3)))
    assert len(post(model).events) == after


def test_cut_abort_drops_the_connection_mid_body(model: ScriptedModel) -> None:
    model.enqueue(reply.cut(after=2, abort=True))
    with pytest.raises((http.client.IncompleteRead, ConnectionError)):
        post(model)
    assert post(model).status == 200  # the server goes on


def test_http_error_500_and_401_have_openai_error_bodies(model: ScriptedModel) -> None:
    model.enqueue(reply.http_error(500), reply.http_error(401, "bad key"))
    first = post(model)
    assert first.status == 500
    assert first.headers["content-type"] == "application/json"
    assert first.json == {"error": {"message": "Internal server error", "type": None, "code": None}}
    second = post(model)
    assert second.status == 401
    assert second.json["error"]["message"] == "bad key"


def test_http_error_retry_after_and_custom_headers(model: ScriptedModel) -> None:
    model.enqueue(
        reply.http_error(429, retry_after=3, headers={"x-request-id": "req_1"}),
        reply.http_error(503, code="server_is_overloaded", retry_after=1.5),
    )
    first = post(model)
    assert (first.status, first.headers["retry-after"], first.headers["x-request-id"]) == (429, "3", "req_1")
    second = post(model)
    assert (second.status, second.headers["retry-after"]) == (503, "1.5")
    assert second.json["error"]["code"] == "server_is_overloaded"


def test_usage_limit_is_429_with_usage_limit_reached(model: ScriptedModel) -> None:
    model.enqueue(reply.usage_limit(resets_at=1795480000, plan_type="pro", retry_after=60))
    answer = post(model)
    assert answer.status == 429
    assert answer.headers["retry-after"] == "60"
    error = answer.json["error"]
    assert error["type"] == "usage_limit_reached"
    assert (error["resets_at"], error["plan_type"]) == (1795480000, "pro")


def test_latency_delays_first_byte_and_events(model: ScriptedModel) -> None:
    model.enqueue(reply.text("ab", chunks=2).with_latency(first_byte=0.2, between_events=0.05))
    started = time.monotonic()
    post(model)
    assert time.monotonic() - started >= 0.2 + 5 * 0.05 - 0.01  # 6 events: 5 gaps


def test_default_latency_applies_to_replies_without_their_own() -> None:
    with ScriptedModel(latency=0.2) as model:
        started = time.monotonic()
        post(model)
        assert time.monotonic() - started >= 0.19


# --- headers --------------------------------------------------------------------------------


def test_rate_limit_headers_helper() -> None:
    headers = rate_limit_headers(
        primary=RateLimitWindow(used_percent=42.5, window_minutes=300, reset_at=1795480000),
        secondary=RateLimitWindow(used_percent=7),
        credits=Credits(has_credits=True, unlimited=False, balance="12.50"),
        active_limit="codex",
        reached_type="primary",
    )
    assert headers == {
        "x-codex-primary-used-percent": "42.5",
        "x-codex-primary-window-minutes": "300",
        "x-codex-primary-reset-at": "1795480000",
        "x-codex-secondary-used-percent": "7",
        "x-codex-credits-has-credits": "true",
        "x-codex-credits-unlimited": "false",
        "x-codex-credits-balance": "12.50",
        "x-codex-active-limit": "codex",
        "x-codex-rate-limit-reached-type": "primary",
    }
    other = rate_limit_headers(primary=RateLimitWindow(80.0, 1440), family="codex_other")
    assert other == {
        "x-codex-other-primary-used-percent": "80",
        "x-codex-other-primary-window-minutes": "1440",
    }


def test_default_headers_on_every_reply_and_reply_headers_override() -> None:
    limits = rate_limit_headers(primary=RateLimitWindow(10.0, 300))
    with ScriptedModel(headers=limits) as model:
        model.enqueue(
            reply.text("a"),
            reply.http_error(500),
            reply.text("b").with_headers({"X-Codex-Primary-Used-Percent": "99"}, extra="1"),
        )
        assert post(model).headers["x-codex-primary-used-percent"] == "10"
        assert post(model).headers["x-codex-primary-window-minutes"] == "300"
        third = post(model)
        assert third.headers["x-codex-primary-used-percent"] == "99"
        assert third.headers["extra"] == "1"
        model.default_headers = {}
        assert "x-codex-primary-used-percent" not in post(model).headers


# --- scripting: queue, rules, default -------------------------------------------------------


def test_default_echoes_the_last_user_text(model: ScriptedModel) -> None:
    answer = post(model, "say it back")
    done = answer.events[-2]["item"]
    assert done["content"][0]["text"] == "ECHO: say it back"
    assert answer.types.count("response.output_text.delta") == 3


def test_default_answers_done_after_a_tool_output(model: ScriptedModel) -> None:
    body = real_request(2)["body"]
    answer = request(model, body)
    assert answer.events[-2]["item"]["content"][0]["text"].startswith("DONE: Chunk ID:")


def test_queue_is_fifo_then_default(model: ScriptedModel) -> None:
    model.enqueue(reply.text("one"), reply.text("two"))
    assert model.pending == 2
    texts = [post(model).events[-2]["item"]["content"][0]["text"] for _ in range(3)]
    assert texts == ["one", "two", "ECHO: hello"]
    assert [e.source for e in model.exchanges] == ["queue", "queue", "default"]


def test_rules_match_by_text_before_the_queue(model: ScriptedModel) -> None:
    model.enqueue(reply.text("queued"))
    rule = model.when("deploy").respond(reply.text("deploying"), reply.text("deployed"))
    assert post(model, "please deploy").events[-2]["item"]["content"][0]["text"] == "deploying"
    assert post(model, "other").events[-2]["item"]["content"][0]["text"] == "queued"
    assert post(model, "deploy again").events[-2]["item"]["content"][0]["text"] == "deployed"
    assert rule.exhausted and rule.remaining == 0
    assert [r.last_user_text for r in rule.matched] == ["please deploy", "deploy again"]
    assert post(model, "deploy a third time").events[-2]["item"]["content"][0]["text"].startswith("ECHO")


def test_rule_with_a_predicate_and_always(model: ScriptedModel) -> None:
    def after_a_tool(req: RecordedRequest) -> bool:
        return req.last_tool_output is not None

    rule = model.when(after_a_tool).always(reply.text("tool seen"))
    assert rule.remaining is None
    assert request(model, real_request(2)["body"]).events[-2]["item"]["content"][0]["text"] == "tool seen"
    assert post(model).events[-2]["item"]["content"][0]["text"] == "ECHO: hello"
    assert request(model, real_request(2)["body"]).events[-2]["item"]["content"][0]["text"] == "tool seen"
    assert "after_a_tool" in repr(rule)
    assert "user text contains 'x'" in repr(model.when("x"))


def test_responder_functions_build_replies_from_the_request(model: ScriptedModel) -> None:
    model.enqueue(lambda req: reply.text(req.last_user_text.upper()))
    assert post(model, "loud").events[-2]["item"]["content"][0]["text"] == "LOUD"


def test_broken_scripts_answer_500_and_are_listed_in_errors(model: ScriptedModel) -> None:
    def boom(req: RecordedRequest) -> bool:
        raise RuntimeError("predicate bug")

    model.when(boom).respond(reply.text("never"))
    first = post(model)
    assert first.status == 500
    assert "predicate bug" in first.json["error"]["message"]
    model.reset()
    model.enqueue(lambda req: 42)  # type: ignore[arg-type,return-value]
    assert post(model).status == 500
    assert "returned int" in model.errors[-1]
    with pytest.raises(AssertionError, match="returned int"):
        model.assert_all_used()


def test_no_default_makes_unscripted_requests_fail() -> None:
    with ScriptedModel(default=None) as model:
        answer = post(model, "unexpected")
        assert answer.status == 500
        assert "nothing scripted" in answer.json["error"]["message"]
        assert "unexpected" in model.errors[0]


def test_assert_all_used(model: ScriptedModel) -> None:
    model.assert_all_used()
    model.enqueue(reply.text("left over"))
    model.when("x").respond(reply.text("also left"))
    with pytest.raises(AssertionError, match=r"1 queued replies.*'x'"):
        model.assert_all_used()


def test_concurrent_requests_each_get_their_rule(model: ScriptedModel) -> None:
    names = [f"worker-{i}" for i in range(12)]
    for name in names:
        model.when(name).respond(reply.text(f"reply for {name}", chunks=4).with_latency(0.0, 0.01))
    results: dict[str, str] = {}

    def ask(name: str) -> None:
        results[name] = post(model, name).events[-2]["item"]["content"][0]["text"]

    threads = [threading.Thread(target=ask, args=(name,)) for name in names]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)
    assert results == {name: f"reply for {name}" for name in names}
    assert sorted(r.index for r in model.requests) == list(range(12))


# --- recording ------------------------------------------------------------------------------


def test_requests_are_recorded_with_real_runtime_shapes(model: ScriptedModel) -> None:
    recorded = real_request(2)
    headers = {k: v for k, v in recorded["headers"].items() if k not in ("host", "content-length")}
    headers["authorization"] = f"Bearer {SECRET}"
    request(model, recorded["body"], headers=headers)
    (req,) = model.wait_for_requests(1)
    assert (req.index, req.method, req.path) == (0, "POST", "/v1/responses")
    assert req.body == recorded["body"]
    assert req.model == "scripted-model"
    assert req.stream is True
    assert req.last_user_text == "make a file"
    assert req.user_texts == ("make a file",)
    assert [i["type"] for i in req.input][-2:] == ["function_call", "function_call_output"]
    assert req.function_calls[0]["name"] == "exec_command"
    (output,) = req.function_call_outputs
    assert output["call_id"] == "call_1"
    assert req.tool_output("call_1") == output["output"]
    assert req.last_tool_output == output["output"]
    assert {"exec_command", "apply_patch", "write_stdin"} <= set(req.tool_names)
    exec_tool = req.tool("exec_command")
    assert exec_tool is not None and exec_tool["parameters"]["required"] == ["cmd"]
    apply_patch_tool = req.tool("apply_patch")
    assert apply_patch_tool is not None and apply_patch_tool["type"] == "custom"
    assert req.thread_id == recorded["headers"]["thread-id"]
    assert req.session_id == recorded["headers"]["session-id"]
    assert req.turn_id == req.turn_metadata["turn_id"]
    assert req.prompt_cache_key == req.thread_id
    assert req.headers["Authorization"] == f"Bearer {SECRET}"  # explicit access still works


def test_first_real_request_has_no_tool_output(model: ScriptedModel) -> None:
    request(model, real_request(1)["body"])
    req = model.requests[0]
    assert req.last_tool_output is None
    assert req.function_call_outputs == ()
    assert req.messages("developer")  # the runtime's instructions
    assert req.messages("user")[0].startswith("<environment_context>")
    assert req.last_user_text == "make a file"


def test_secrets_never_appear_in_reprs_or_logs(model: ScriptedModel) -> None:
    post(model, "hi")
    req = model.requests[0]
    exchange = model.exchanges[0]
    for shown in (
        repr(req),
        repr(req.headers),
        str(req.headers.redacted()),
        req.summary(),
        exchange.describe(),
        repr(exchange),
        repr(model),
        repr(model.requests),
    ):
        assert SECRET not in shown
    assert "<redacted>" in repr(req)
    assert "authorization" in repr(req.headers)


def test_wait_for_requests_returns_when_they_arrive(model: ScriptedModel) -> None:
    sender = threading.Thread(target=lambda: [post(model, f"m{i}") for i in range(3)])
    sender.start()
    got = model.wait_for_requests(3, timeout=10)
    sender.join(10)
    assert [r.last_user_text for r in got] == ["m0", "m1", "m2"]


def test_wait_for_requests_times_out(model: ScriptedModel) -> None:
    started = time.monotonic()
    with pytest.raises(TimeoutError, match="waited for 1 requests, got 0"):
        model.wait_for_requests(1, timeout=0.05)
    assert time.monotonic() - started < 2


def test_wait_for_requests_ends_when_the_server_closes() -> None:
    model = ScriptedModel().start()
    closer = threading.Timer(0.05, model.close)
    closer.start()
    with pytest.raises(TimeoutError, match="server closed"):
        model.wait_for_requests(1, timeout=30)
    closer.join()


async def test_wait_for_requests_async_under_trio(model: ScriptedModel) -> None:
    import trio

    async with trio.open_nursery() as nursery:
        nursery.start_soon(trio.to_thread.run_sync, lambda: post(model, "from trio"))
        with trio.fail_after(10):
            (req,) = await model.wait_for_requests_async(1)
    assert req.last_user_text == "from trio"
    with trio.move_on_after(0.05) as scope:  # cancellation is immediate and leaves no waiter
        await model.wait_for_requests_async(5)
    assert scope.cancelled_caught
    assert model._wakers == []


def test_wait_for_requests_async_under_asyncio(model: ScriptedModel) -> None:
    import asyncio

    async def main() -> list[RecordedRequest]:
        loop = asyncio.get_running_loop()
        sending = loop.run_in_executor(None, lambda: post(model, "from asyncio"))
        async with asyncio.timeout(10):
            got = await model.wait_for_requests_async(1)
        await sending
        with pytest.raises(TimeoutError):
            async with asyncio.timeout(0.05):
                await model.wait_for_requests_async(5)
        return got

    (req,) = asyncio.run(main())
    assert req.last_user_text == "from asyncio"
    assert model._wakers == []


# --- bad input, keep-alive, shutdown --------------------------------------------------------


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", "/v1/responses"),
        ("POST", "/v1/chat/completions"),
        ("GET", "/"),
        ("DELETE", "/v1/x"),
        ("PUT", "/v1/responses"),
    ],
)
def test_other_paths_answer_404_json(model: ScriptedModel, method: str, path: str) -> None:
    answer = request(model, user_body() if method != "GET" else None, method=method, path=path)
    assert answer.status == 404
    assert "error" in answer.json
    assert model.requests == []
    assert model.rejected[-1].path == path


@pytest.mark.parametrize("body", [b"{not json", b"[1, 2]", b"", b"\xff\xfe", b'"text"'])
def test_malformed_bodies_answer_400(model: ScriptedModel, body: bytes) -> None:
    answer = request(model, body)
    assert answer.status == 400
    assert answer.json["error"]["type"] == "invalid_request_error"
    assert model.requests == []
    assert len(model.rejected) == 1
    assert post(model).status == 200


def test_bad_content_length_and_encodings(model: ScriptedModel) -> None:
    assert request(model, b"{}", headers={"Content-Length": "zz"}).status == 400
    assert request(model, b"{}", headers={"Content-Encoding": "br"}).status == 415
    assert request(model, b"{}", headers={"Content-Encoding": "gzip"}).status == 400
    gz = gzip.compress(json.dumps(user_body("zipped")).encode())
    assert request(model, gz, headers={"Content-Encoding": "gzip"}).status == 200
    assert model.requests[-1].last_user_text == "zipped"


def test_chunked_request_bodies_are_read(model: ScriptedModel) -> None:
    conn = connect(model)
    payload = json.dumps(user_body("chunky")).encode()
    conn.request(
        "POST",
        "/v1/responses",
        body=iter([payload[:10], payload[10:]]),
        headers={"Content-Type": "application/json"},
        encode_chunked=True,
    )
    assert conn.getresponse().status == 200
    conn.close()
    assert model.requests[-1].last_user_text == "chunky"


def test_garbage_on_the_socket_does_not_hurt_the_server(model: ScriptedModel) -> None:
    for garbage in (
        b"\x00\x01\x02 nonsense\r\n\r\n",
        b"GET\r\n\r\n",
        b"POST / HTTP/9.9\r\n\r\n",
        b"POST /v1/responses HTTP/1.1\r\nContent-Length: 100\r\n\r\n{",
    ):
        with socket.create_connection(("127.0.0.1", model.port), timeout=5) as sock:
            sock.sendall(garbage)
            sock.shutdown(socket.SHUT_WR)
            answer = b""
            while chunk := sock.recv(65536):
                answer += chunk
            if answer:
                assert answer.startswith(b"HTTP/1.")
                assert answer.split(b" ")[1].startswith(b"4") or answer.split(b" ")[1] == b"505"
    assert post(model).status == 200


def test_keep_alive_serves_several_requests_on_one_connection(model: ScriptedModel) -> None:
    conn = connect(model)
    model.enqueue(reply.text("one"), reply.http_error(500), reply.shell("ls"))
    statuses = [request(model, user_body(), conn=conn).status for _ in range(4)]
    conn.close()
    assert statuses == [200, 500, 200, 200]


def _model_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name.startswith("scripted-model")]


def test_close_cuts_streams_in_progress_and_joins_threads() -> None:
    model = ScriptedModel().start()
    model.enqueue(reply.text("slow", chunks=4).with_latency(0.0, 30.0))
    conn = connect(model)
    conn.request("POST", "/v1/responses", body=json.dumps(user_body()).encode())
    answer = conn.getresponse()
    assert answer.status == 200
    assert b"response.created" in answer.readline() + answer.readline()
    idle = connect(model)  # an idle keep-alive connection must not hold shutdown either
    request(model, user_body(), conn=idle)
    started = time.monotonic()
    model.close()
    assert time.monotonic() - started < 1.5
    with pytest.raises((http.client.IncompleteRead, ConnectionError)):
        answer.read()
    assert _model_threads() == []
    conn.close()
    idle.close()
    model.close()  # idempotent


def test_close_during_first_byte_latency_is_quick() -> None:
    model = ScriptedModel(latency=30.0).start()
    failures: list[BaseException] = []

    def ask() -> None:
        try:
            post(model)
        except BaseException as exc:
            failures.append(exc)

    asker = threading.Thread(target=ask)
    asker.start()
    model.wait_for_requests(1)
    started = time.monotonic()
    model.close()
    asker.join(5)
    assert time.monotonic() - started < 1.5
    assert len(failures) == 1
    assert _model_threads() == []


def test_lifecycle_errors() -> None:
    model = ScriptedModel()
    with pytest.raises(RuntimeError, match="not started"):
        _ = model.base_url
    assert "not started" in repr(model)
    with model, pytest.raises(RuntimeError, match="already started"):
        model.start()
    with pytest.raises(RuntimeError, match="closed"):
        model.start()


def test_default_may_be_a_fixed_reply() -> None:
    with ScriptedModel(default=reply.text("always this")) as model:
        texts = [post(model, f"q{i}").events[-2]["item"]["content"][0]["text"] for i in range(2)]
        assert texts == ["always this", "always this"]
        model.default = reply.http_error(503)
        assert post(model).status == 503
