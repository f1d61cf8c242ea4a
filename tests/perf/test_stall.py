"""One consumer that stops reading must not stall the others.

A fake app-server writes interleaved notifications for two threads: thousands for A and a few
for B, B's spread over the whole stream (its last one after nearly all of A's). A's mailbox is
never read. Each thread has its own native route, pumped by ``orchestra._handles.pump`` into a
bounded trio memory channel (a mailbox), the way a ConversationActor is fed. B's consumer must get
every one of its events, in order, within a deadline that fails loudly, while A's mailbox is
full and A's backlog waits in its native route queue. Afterwards A's events all arrive too.

The last test does the same through the public API, against the real runtime: two conversations,
one whose turn is never iterated.
"""

from __future__ import annotations

import sys
from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path

import pytest
import trio

from orchestra import Orchestra
from orchestra._handles import close_handle, pump
from orchestra._native import Connection, Message, Route
from orchestra.protocol import AgentMessageDeltaNotification, structure_notification
from orchestra.testing import ScriptedModel, reply

#: Seconds B's events may take; a stalled B fails here, loudly, instead of hanging the suite.
DEADLINE = 10.0
A_EVENTS = 20_000
B_EVENTS = 20
MAILBOX = 16

# Waits for one line on stdin ("go": the routes are bound by then), then writes A_EVENTS deltas for
# thread A with one of B's after every (A_EVENTS // B_EVENTS) of A's, in large writes.
FAKE_SERVER = r"""
import sys
a_events, b_events = int(sys.argv[1]), int(sys.argv[2])
sys.stdin.readline()
every = a_events // b_events
line = ('{"method":"item/agentMessage/delta",'
        '"params":{"threadId":"%s","turnId":"t-%s","itemId":"i","delta":"%d"}}\n')
chunk = []
b = 0
for i in range(a_events):
    chunk.append(line % ("A", "A", i))
    if i % every == every - 1 and b < b_events:
        chunk.append(line % ("B", "B", b))
        b += 1
    if len(chunk) >= 4096:
        sys.stdout.write("".join(chunk))
        chunk = []
sys.stdout.write("".join(chunk))
sys.stdout.flush()
sys.stdin.readline()  # stay up until told to go: the exit is not what this test is about
"""


@pytest.fixture
def conn(tmp_path: Path) -> Iterator[Connection]:
    script = tmp_path / "fake_app_server.py"
    script.write_text(FAKE_SERVER)
    connection = Connection([sys.executable, "-u", str(script), str(A_EVENTS), str(B_EVENTS)])
    yield connection
    connection.close(grace=2.0)


def mailbox_deliverer(
    send: trio.MemorySendChannel[object],
) -> Callable[[list[Message]], Awaitable[None]]:
    """What a conversation's pump does with a batch: type each notification, put it in the mailbox
    (waiting while the mailbox is full)."""

    async def deliver(batch: list[Message]) -> None:
        for message in batch:
            if message.kind == "notification":
                await send.send(structure_notification(message.method or "", message.params))

    return deliver


async def wait_until(condition: Callable[[], bool]) -> None:
    """Poll ``condition`` (native counters have no wakeup of their own) until DEADLINE, then fail."""
    with trio.fail_after(DEADLINE):
        while True:
            if condition():
                return
            await trio.sleep(0.01)


def bound_route(conn: Connection, thread_id: str) -> Route:
    route = conn.open_route()
    route.bind_thread(thread_id)
    return route


async def test_a_full_mailbox_does_not_stall_another_conversation(conn: Connection) -> None:
    route_a, route_b = bound_route(conn, "A"), bound_route(conn, "B")
    send_a, receive_a = trio.open_memory_channel[object](MAILBOX)  # never read until the end
    send_b, receive_b = trio.open_memory_channel[object](MAILBOX)
    try:
        async with trio.open_nursery() as nursery:
            nursery.start_soon(pump, route_a, mailbox_deliverer(send_a))
            nursery.start_soon(pump, route_b, mailbox_deliverer(send_b))
            conn.send_raw(b"go")

            got_b: list[str] = []
            with trio.move_on_after(DEADLINE) as deadline:
                async for event in receive_b:
                    assert isinstance(event, AgentMessageDeltaNotification)
                    got_b.append(event.delta)
                    if len(got_b) == B_EVENTS:
                        break
            if deadline.cancelled_caught:
                pytest.fail(
                    f"B got {len(got_b)} of {B_EVENTS} events in {DEADLINE} s while A's mailbox was full: "
                    f"a consumer that stopped reading stalled another (A: mailbox "
                    f"{receive_a.statistics().current_buffer_used}/{MAILBOX}, route {route_a.statistics()}; "
                    f"B: route {route_b.statistics()})"
                )
            assert got_b == [str(i) for i in range(B_EVENTS)]  # all of B's, in order

            # B finished while A was stuck: A's mailbox is full and its backlog waits natively.
            assert receive_a.statistics().current_buffer_used == MAILBOX
            assert receive_a.statistics().tasks_waiting_send == 1  # A's pump, blocked on delivery
            stats_a = route_a.statistics()
            assert stats_a["queued"] + stats_a["delivered"] > A_EVENTS // 2, stats_a

            # Nothing was lost meanwhile: once A's consumer reads, every one of A's arrives, in order.
            with trio.fail_after(DEADLINE):
                for i in range(A_EVENTS):
                    event = await receive_a.receive()
                    assert isinstance(event, AgentMessageDeltaNotification)
                    assert event.delta == str(i)
            nursery.cancel_scope.cancel()
    finally:
        close_handle(route_a)
        close_handle(route_b)
        conn.send_raw(b"done")


async def test_a_blocked_pump_leaves_the_native_reader_running(conn: Connection) -> None:
    """While A's pump is blocked on an unbuffered mailbox nobody reads, the native reader still
    reads the whole stream: A's backlog is in A's route queue, not in the pipe, so one slow consumer
    never makes the runtime block writing (which would stall every conversation on it)."""
    route_a, route_b = bound_route(conn, "A"), bound_route(conn, "B")
    send_a, receive_a = trio.open_memory_channel[object](0)
    try:
        async with trio.open_nursery() as nursery:
            nursery.start_soon(pump, route_a, mailbox_deliverer(send_a))
            conn.send_raw(b"go")
            await wait_until(lambda: conn.statistics()["lines_read"] == A_EVENTS + B_EVENTS)
            assert route_b.statistics()["queued"] == B_EVENTS
            stats_a = route_a.statistics()
            assert stats_a["delivered"] <= 512  # one drained batch, stuck on its first event
            assert stats_a["queued"] == A_EVENTS - stats_a["delivered"]
            assert receive_a.statistics().tasks_waiting_send == 1
            nursery.cancel_scope.cancel()
    finally:
        close_handle(route_a)
        close_handle(route_b)
        conn.send_raw(b"done")


@pytest.mark.runtime
async def test_a_conversation_that_stops_reading_does_not_stall_another(
    orch: Orchestra, scripted_model: ScriptedModel, workdir: Path
) -> None:
    """Against the real runtime: A streams thousands of deltas into a turn nobody iterates; B's turn,
    on the same runtime, still streams to the end."""
    a_chunks, b_chunks = 3000, 5
    scripted_model.when("flood me").always(reply.text("a" * a_chunks, chunks=a_chunks))
    scripted_model.when("be brief").always(reply.text("b" * b_chunks, chunks=b_chunks))
    async with (
        orch.conversation(cwd=str(workdir), mailbox_size=MAILBOX) as conv_a,
        orch.conversation(cwd=str(workdir)) as conv_b,
    ):
        turn_a = await conv_a.send("flood me")
        # A's stream fills its mailbox before B starts.
        await wait_until(lambda: turn_a.statistics()["queued"] == MAILBOX)

        deltas_b = 0
        with trio.move_on_after(3 * DEADLINE) as deadline:
            turn_b = await conv_b.send("be brief")
            async for event in turn_b:
                deltas_b += isinstance(event, AgentMessageDeltaNotification)
            result_b = await turn_b.result()
        if deadline.cancelled_caught:
            pytest.fail(f"B's turn did not finish while A's mailbox was full ({deltas_b} deltas so far)")
        assert result_b.status == "completed" and result_b.final_text == "b" * b_chunks
        assert deltas_b == b_chunks
        assert not turn_a.done  # A's completion is still waiting behind its full mailbox...
        assert turn_a.statistics()["queued"] == MAILBOX

        deltas_a = 0
        with trio.fail_after(3 * DEADLINE):
            async for event in turn_a:  # ...and nothing of A's was lost
                deltas_a += isinstance(event, AgentMessageDeltaNotification)
            result_a = await turn_a.result()
        assert result_a.status == "completed" and result_a.final_text == "a" * a_chunks
        assert deltas_a == a_chunks
