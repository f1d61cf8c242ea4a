"""The turn mailbox: a bounded FIFO with trio channel semantics."""

from __future__ import annotations

from collections import deque

import pytest
import trio
import trio.testing
from hypothesis import given
from hypothesis import strategies as st

from orchestra.actors._mailbox import Mailbox


def test_capacity_must_be_positive() -> None:
    with pytest.raises(ValueError, match="at least one"):
        Mailbox[int](0)


async def test_fifo_and_bounded() -> None:
    box = Mailbox[int](2)
    assert box.put_nowait(1) and box.put_nowait(2)
    assert not box.put_nowait(3)  # full: the caller must wait
    assert len(box) == 2 and "2/2 open" in repr(box)
    assert box.get_nowait() == 1
    assert box.put_nowait(3)
    assert [box.get_nowait(), box.get_nowait()] == [2, 3]
    with pytest.raises(trio.WouldBlock):
        box.get_nowait()


async def test_put_waits_for_room_and_get_frees_it() -> None:
    box = Mailbox[str](1)
    box.put_nowait("a")
    done = trio.Event()

    async def producer() -> None:
        await box.put("b")
        done.set()

    async with trio.open_nursery() as nursery:
        nursery.start_soon(producer)
        await trio.testing.wait_all_tasks_blocked()
        assert not done.is_set() and len(box) == 1  # parked on the full mailbox
        assert box.get_nowait() == "a"
        with trio.fail_after(5):
            await done.wait()
    assert box.get_nowait() == "b"


async def test_get_waits_for_an_item() -> None:
    box = Mailbox[int](4)
    got: list[int] = []

    async def consumer() -> None:
        got.append(await box.get())

    async with trio.open_nursery() as nursery:
        nursery.start_soon(consumer)
        await trio.testing.wait_all_tasks_blocked()
        assert got == []
        box.put_nowait(7)
    assert got == [7]


async def test_close_hands_out_what_waits_then_ends() -> None:
    box = Mailbox[int](4)
    box.put_nowait(1)
    box.close()
    box.close()  # idempotent
    assert box.closed
    with pytest.raises(trio.ClosedResourceError):
        box.put_nowait(2)
    assert await box.get() == 1
    with pytest.raises(trio.EndOfChannel):
        await box.get()
    with pytest.raises(trio.EndOfChannel):
        box.get_nowait()


async def test_close_wakes_a_waiting_consumer_and_producer() -> None:
    box = Mailbox[int](1)
    outcomes: list[str] = []

    async def consumer(other: Mailbox[int]) -> None:
        with pytest.raises(trio.EndOfChannel):
            await other.get()
        outcomes.append("consumer ended")

    async def producer() -> None:
        with pytest.raises(trio.ClosedResourceError):
            await box.put(2)
        outcomes.append("producer refused")

    empty = Mailbox[int](1)
    box.put_nowait(1)
    async with trio.open_nursery() as nursery:
        nursery.start_soon(consumer, empty)
        nursery.start_soon(producer)
        await trio.testing.wait_all_tasks_blocked()
        empty.close()
        box.close()
    assert sorted(outcomes) == ["consumer ended", "producer refused"]


async def test_clear_drops_items_and_frees_a_blocked_producer() -> None:
    box = Mailbox[int](1)
    box.put_nowait(1)
    async with trio.open_nursery() as nursery:
        nursery.start_soon(box.put, 2)
        await trio.testing.wait_all_tasks_blocked()
        box.clear()
    assert box.get_nowait() == 2 and len(box) == 0


async def test_get_and_put_are_checkpoints() -> None:
    box = Mailbox[int](1)
    box.put_nowait(1)
    with trio.CancelScope() as scope:
        scope.cancel()
        with pytest.raises(trio.Cancelled):
            await box.get()  # an item is waiting, but a cancelled scope still cancels
    assert len(box) == 1  # and nothing was taken
    box.get_nowait()
    with trio.CancelScope() as scope:
        scope.cancel()
        with pytest.raises(trio.Cancelled):
            await box.put(5)
    assert len(box) == 0


async def test_a_cancelled_wait_leaves_the_mailbox_usable() -> None:
    box = Mailbox[int](1)
    async with trio.open_nursery() as nursery:
        nursery.start_soon(box.get)  # parks: empty
        await trio.testing.wait_all_tasks_blocked()
        nursery.cancel_scope.cancel()
    box.put_nowait(3)  # nobody took it: the cancelled consumer left the lot
    async with trio.open_nursery() as nursery:
        nursery.start_soon(box.put, 4)  # parks: full
        await trio.testing.wait_all_tasks_blocked()
        nursery.cancel_scope.cancel()
    assert box.get_nowait() == 3
    with pytest.raises(trio.WouldBlock):
        box.get_nowait()  # the cancelled producer's item never went in


async def test_two_consumers_share_the_items() -> None:
    box = Mailbox[int](8)
    got: list[int] = []

    async def consumer() -> None:
        while True:
            try:
                got.append(await box.get())
            except trio.EndOfChannel:
                return

    async with trio.open_nursery() as nursery:
        nursery.start_soon(consumer)
        nursery.start_soon(consumer)
        await trio.testing.wait_all_tasks_blocked()
        for i in range(20):
            await box.put(i)
        box.close()
    assert sorted(got) == list(range(20))


@given(
    capacity=st.integers(1, 5),
    ops=st.lists(st.one_of(st.integers(0, 99), st.none(), st.just("clear")), max_size=60),
)
def test_matches_a_bounded_deque(capacity: int, ops: list[int | str | None]) -> None:
    """put_nowait/get_nowait/clear in any order behave as a deque that refuses a full append."""
    box = Mailbox[int](capacity)
    model: deque[int] = deque()
    for op in ops:
        if op is None:
            if model:
                assert box.get_nowait() == model.popleft()
            else:
                with pytest.raises(trio.WouldBlock):
                    box.get_nowait()
        elif op == "clear":
            box.clear()
            model.clear()
        else:
            assert isinstance(op, int)
            accepted = box.put_nowait(op)
            assert accepted == (len(model) < capacity)
            if accepted:
                model.append(op)
        assert len(box) == len(model)
