"""What the asyncio bridge costs per event: trio guest mode vs trio in a dedicated thread.

A trio task produces N events into a bounded memory channel (as a turn's mailbox is); an asyncio
task consumes them through a bridge. Four variants: guest mode or a dedicated trio thread, one
event per round trip or batches (everything already waiting, up to 256). Then one real turn
streaming 200 deltas, trio API vs asyncio bridge (scripted model, real runtime).

    python benchmarks/bench_aio_bridge.py [--events 20000] [--repeat 3]

Prints a table and writes benchmarks/results/aio_bridge.json.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import tempfile
import threading
import time
from collections.abc import Awaitable, Callable, Coroutine
from pathlib import Path
from typing import Any

import outcome
import trio

from orchestra import ModelProvider, build_codex_home, open_orchestra
from orchestra.aio import open_orchestra as open_aio_orchestra
from orchestra.aio._api import EventStream
from orchestra.aio._bridge import AsyncioBridge, unwrap
from orchestra.aio._guest import acquire_host, release_host
from orchestra.aio._portal import Cancelled, Portal
from orchestra.testing import ScriptedModel, reply

RESULTS = Path(__file__).parent / "results"


async def _next_items(channel: trio.MemoryReceiveChannel[int], limit: int) -> list[int]:
    """One pull: wait for an item, then take what is already waiting (up to ``limit``)."""
    try:
        batch = [await channel.receive()]
    except trio.EndOfChannel:
        return []
    while len(batch) < limit:
        try:
            batch.append(channel.receive_nowait())
        except (trio.WouldBlock, trio.EndOfChannel):
            break
    return batch


Fetch = Callable[[trio.MemoryReceiveChannel[int], int], Awaitable[list[int]]]


async def _produce(send: trio.MemorySendChannel[int], n: int) -> None:
    async with send:
        for i in range(n):
            await send.send(i)


async def _consume(fetch: Fetch, channel: trio.MemoryReceiveChannel[int], limit: int) -> int:
    count = 0
    while batch := await fetch(channel, limit):
        count += len(batch)
    return count


async def guest_run(n: int, limit: int) -> tuple[float, float]:
    host = await acquire_host()
    try:
        bridge = AsyncioBridge(host)
        assert host.portal is not None
        send, receive = trio.open_memory_channel[int](256)

        async def fetch(channel: trio.MemoryReceiveChannel[int], limit: int) -> list[int]:
            return await bridge.call(_next_items, channel, limit)

        wall, cpu = time.perf_counter(), time.process_time()
        host.portal.start_call(_produce, (send, n), lambda _: None)
        assert await _consume(fetch, receive, limit) == n
        return time.perf_counter() - wall, time.process_time() - cpu
    finally:
        await release_host(host)


async def trio_only(n: int, limit: int) -> tuple[float, float]:
    """The baseline: producer and consumer both in trio, no bridge."""

    async def main() -> tuple[float, float]:
        send, receive = trio.open_memory_channel[int](256)
        wall, cpu = time.perf_counter(), time.process_time()
        async with trio.open_nursery() as nursery:
            nursery.start_soon(_produce, send, n)
            count = 0
            async for _ in receive:
                count += 1
        assert count == n
        return time.perf_counter() - wall, time.process_time() - cpu

    return await asyncio.to_thread(trio.run, main)


async def guest_push(n: int, limit: int) -> tuple[float, float]:
    """What orchestra.aio does: a trio pump hands items over on the same thread."""
    host = await acquire_host()
    try:
        bridge = AsyncioBridge(host)
        assert host.portal is not None
        send, receive = trio.open_memory_channel[int](256)
        wall, cpu = time.perf_counter(), time.process_time()
        host.portal.start_call(_produce, (send, n), lambda _: None)
        count = 0
        async for _ in EventStream(bridge, receive):
            count += 1
        assert count == n
        return time.perf_counter() - wall, time.process_time() - cpu
    finally:
        await release_host(host)


async def thread_push(n: int, limit: int) -> tuple[float, float]:
    """A pump in a dedicated trio thread handing each item over with call_soon_threadsafe."""
    loop = asyncio.get_running_loop()
    queue: asyncio.Queue[int | None] = asyncio.Queue()

    async def pump(receive: trio.MemoryReceiveChannel[int]) -> None:
        async for item in receive:
            loop.call_soon_threadsafe(queue.put_nowait, item)
        loop.call_soon_threadsafe(queue.put_nowait, None)

    send, receive = trio.open_memory_channel[int](256)

    async def trio_main() -> None:
        async with trio.open_nursery() as nursery:
            nursery.start_soon(_produce, send, n)
            nursery.start_soon(pump, receive)

    wall, cpu = time.perf_counter(), time.process_time()
    thread = threading.Thread(target=trio.run, args=(trio_main,))
    thread.start()
    count = 0
    while await queue.get() is not None:
        count += 1
    assert count == n
    result = time.perf_counter() - wall, time.process_time() - cpu
    await asyncio.to_thread(thread.join)
    return result


async def thread_run(n: int, limit: int) -> tuple[float, float]:
    loop = asyncio.get_running_loop()
    ready = threading.Event()
    box: dict[str, Any] = {}

    async def trio_main() -> None:
        box["token"] = trio.lowlevel.current_trio_token()
        box["stop"] = trio.Event()
        async with trio.open_nursery() as nursery:
            box["portal"] = Portal(nursery)
            ready.set()
            await box["stop"].wait()
            box["portal"].close()

    thread = threading.Thread(target=trio.run, args=(trio_main,))
    thread.start()
    ready.wait()
    token: trio.lowlevel.TrioToken = box["token"]
    portal: Portal = box["portal"]

    async def fetch(channel: trio.MemoryReceiveChannel[int], limit: int) -> list[int]:
        future: asyncio.Future[outcome.Outcome[list[int]] | Cancelled] = loop.create_future()

        def report(result: outcome.Outcome[list[int]] | Cancelled) -> None:
            loop.call_soon_threadsafe(future.set_result, result)

        token.run_sync_soon(portal.start_call, _next_items, (channel, limit), report)
        return unwrap(await future)

    send, receive = trio.open_memory_channel[int](256)
    wall, cpu = time.perf_counter(), time.process_time()
    token.run_sync_soon(portal.start_call, _produce, (send, n), lambda _: None)
    assert await _consume(fetch, receive, limit) == n
    result = time.perf_counter() - wall, time.process_time() - cpu
    token.run_sync_soon(box["stop"].set)
    await asyncio.to_thread(thread.join)
    return result


def micro(n: int, repeat: int) -> list[dict[str, Any]]:
    rows = []
    variants: list[tuple[str, Callable[[int, int], Coroutine[Any, Any, tuple[float, float]]], int]] = [
        ("trio only (baseline, no bridge)", trio_only, 0),
        ("guest, pull 1 per round trip", guest_run, 1),
        ("guest, pull batches", guest_run, 256),
        ("guest, push (orchestra.aio)", guest_push, 0),
        ("thread, pull 1 per round trip", thread_run, 1),
        ("thread, pull batches", thread_run, 256),
        ("thread, push per item", thread_push, 0),
    ]
    for mechanism, run, limit in variants:
        walls: list[float] = []
        cpus: list[float] = []
        for _ in range(repeat):
            wall, cpu = asyncio.run(run(n, limit))
            walls.append(wall)
            cpus.append(cpu)
        rows.append(
            {
                "mechanism": mechanism,
                "events": n,
                "wall_us_per_event": statistics.median(walls) / n * 1e6,
                "cpu_us_per_event": statistics.median(cpus) / n * 1e6,
            }
        )
    return rows


def end_to_end(repeat: int) -> list[dict[str, Any]]:
    text = " ".join(f"w{i}" for i in range(200))
    rows = []
    with ScriptedModel() as model, tempfile.TemporaryDirectory() as tmp:
        home = build_codex_home(
            Path(tmp) / "home",
            provider=ModelProvider.scripted(model.base_url),
            model="scripted-model",
            api_key="sk-bench-0123456789",
        )

        async def trio_turns() -> list[tuple[float, float, int]]:
            out = []
            async with open_orchestra(home) as orch, orch.conversation(cwd=tmp) as conv:
                for _ in range(repeat):
                    model.enqueue(reply.text(text, chunks=200))
                    wall, cpu = time.perf_counter(), time.process_time()
                    turn = await conv.send("go")
                    events = [e async for e in turn]
                    out.append((time.perf_counter() - wall, time.process_time() - cpu, len(events)))
            return out

        async def aio_turns() -> list[tuple[float, float, int, int]]:
            out = []
            async with open_aio_orchestra(home) as orch, orch.conversation(cwd=tmp) as conv:
                for _ in range(repeat):
                    model.enqueue(reply.text(text, chunks=200))
                    calls = orch.bridge_calls
                    wall, cpu = time.perf_counter(), time.process_time()
                    turn = await conv.send("go")
                    events = [e async for e in turn]
                    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
                    out.append((wall, cpu, len(events), orch.bridge_calls - calls))
            return out

        for name, samples in (("trio", trio.run(trio_turns)), ("asyncio bridge", asyncio.run(aio_turns()))):
            rows.append(
                {
                    "api": name,
                    "events": samples[0][2],
                    "wall_ms_per_turn": statistics.median(s[0] for s in samples) * 1e3,
                    "client_cpu_ms_per_turn": statistics.median(s[1] for s in samples) * 1e3,
                    "bridge_calls": statistics.median(s[3] for s in samples) if len(samples[0]) > 3 else None,
                }
            )
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=20000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    micro_rows = micro(args.events, args.repeat)
    print(f"{'mechanism':<32}{'wall us/event':>16}{'cpu us/event':>15}")
    for row in micro_rows:
        print(f"{row['mechanism']:<32}{row['wall_us_per_event']:>16.2f}{row['cpu_us_per_event']:>15.2f}")
    e2e_rows = end_to_end(max(args.repeat, 5))
    print(f"\n{'api':<16}{'events':>7}{'wall ms/turn':>14}{'client cpu ms':>15}{'bridge calls':>13}")
    for row in e2e_rows:
        trips = "" if row["bridge_calls"] is None else f"{row['bridge_calls']:.0f}"
        print(
            f"{row['api']:<16}{row['events']:>7}{row['wall_ms_per_turn']:>14.1f}"
            f"{row['client_cpu_ms_per_turn']:>15.1f}{trips:>13}"
        )
    RESULTS.mkdir(exist_ok=True)
    out = RESULTS / "aio_bridge.json"
    out.write_text(json.dumps({"micro": micro_rows, "end_to_end": e2e_rows}, indent=2) + "\n")
    print(f"\nwrote {out}")


if __name__ == "__main__":
    main()
