"""Event throughput: notifications for 1,000 threads, as fast as a pipe takes them, into mailboxes.

The fake app-server is ``cat`` of a pre-generated file of notification lines (shapes copied from
a real 0.163 transcript: ``turn/started``, ``item/started``, ``item/agentMessage/delta``,
``item/completed``, ``thread/tokenUsage/updated``, ``turn/completed``), threads interleaved line by
line (the worst case for batching; ``--burst`` makes each thread write several lines in a row).
It waits for one line on stdin before writing, so every route is bound before the first byte.
The clock runs from that "go" to the last event counted by the last consumer, one consumer task
per thread reading a bounded trio memory channel of 256 (a turn's mailbox size).

Paths (all in one process and one run):

- ``native-drain``: native ``Connection``, one route bound per thread, ``orchestra._handles.pump``;
  batches are counted and dropped (what the native handle alone delivers, undecoded by Python);
- ``native-raw``: + each ``Message`` put in its thread's mailbox (no structuring);
- ``native-typed``: + typed attrs events, built natively while draining (the connection gets the
  protocol's ``Structurer``, as a runtime's connection does); ``structure_notification`` in Python
  only for what the plan leaves to the converter;
- ``native-actor``: the real path of a conversation: ``RpcRoute.run`` →
  ``ConversationActor._on_message`` → a ``Turn``'s mailbox, consumed with ``async for event in turn``;
- ``native-floor``: the least any delivery design could do with the native typed events: each
  drained batch's events appended to its thread's ``deque`` in one ``extend``, one wake-up per batch,
  consumed by ``async for`` over a four-line ``__anext__``. No actor, no turn state, no request
  correlation, no cancellation handling: a lower bound for the actor path, not a usable design;
- ``python-lines``: a trio pipe, lines split and counted (the pure-Python ceiling, no decoding);
- ``python-decoded``: + ``json.loads``, routed by ``params.threadId`` into the mailboxes;
- ``python-typed``: + ``structure_notification``.

Delivery into a mailbox, for the paths that do it themselves:

- ``await``: ``await send.send(event)`` per event, as ``Turn.deliver`` does today (a scheduler
  round trip per event, even when the mailbox has room);
- ``batched``: ``send.send_nowait(event)``, awaiting ``send.send`` only when the mailbox is full
  (the pump still checkpoints once per drained batch). ``native-actor`` always uses the core's own.

    python benchmarks/bench_events.py                       # 1,000 threads x 200 events, 3 repeats
    python benchmarks/bench_events.py --repeat 5 --events-per-thread 500
    python benchmarks/bench_events.py --threads 10 --events-per-thread 20 --repeat 1   # smoke
    python benchmarks/bench_events.py --gc-freeze           # gc.freeze() after imports (see README)

Prints a table and writes benchmarks/results/events.json.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import subprocess
import sys
import tempfile
import time
from collections import deque
from collections.abc import Awaitable, Callable, Sequence
from pathlib import Path
from typing import Any

import attrs
import trio
import trio.testing

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks._common import fmt, load_average, machine_info, median, table, write_results
from orchestra import _native
from orchestra._handles import close_handle, pump
from orchestra._log import ERROR_CARRYING_METHODS
from orchestra.protocol import structure_notification
from orchestra.protocol._plan import native_structurer, notification_event

MAILBOX = 256
#: The fake app-server: wait for one line on stdin, then write the file as fast as the pipe takes it.
FAKE_SERVER = ["sh", "-c", 'read go; exec cat "$0"']

PATHS = [
    "native-drain",
    "native-raw",
    "native-typed",
    "native-actor",
    "native-floor",
    "python-lines",
    "python-decoded",
    "python-typed",
]
DELIVERIES = ["await", "batched"]
#: Paths that put events in mailboxes themselves (and so run once per delivery).
_DELIVERING = {"native-raw", "native-typed", "python-decoded", "python-typed"}


@attrs.frozen
class Variant:
    path: str
    delivery: str  # "await", "batched", or "-" (drain, lines) / "core" (actor)

    @property
    def name(self) -> str:
        return self.path if self.delivery in ("-", "core") else f"{self.path}/{self.delivery}"


def variants(paths: Sequence[str], deliveries: Sequence[str]) -> list[Variant]:
    out = []
    for path in paths:
        if path in _DELIVERING:
            out += [Variant(path, d) for d in deliveries]
        else:
            out.append(Variant(path, "core" if path in ("native-actor", "native-floor") else "-"))
    return out


# --- the stream ----------------------------------------------------------------------------------

_TID = "@TID@"
_TURN = "@TURN@"


def _templates() -> dict[str, str]:
    """One line per notification kind, with placeholders for the thread and turn ids."""
    agent_item = {
        "type": "agentMessage",
        "id": "@ITEM@",
        "text": "",
        "phase": None,
        "memoryCitation": None,
        "delivery": None,
        "questions": None,
    }
    turn: dict[str, Any] = {
        "id": _TURN,
        "rootTurnId": _TURN,
        "items": [],
        "itemsView": "notLoaded",
        "status": "inProgress",
        "error": None,
        "startedAt": 1795475342,
        "completedAt": None,
        "durationMs": None,
    }
    usage = {
        "totalTokens": 6896,
        "inputTokens": 6886,
        "cachedInputTokens": 0,
        "cacheWriteInputTokens": 0,
        "outputTokens": 10,
        "reasoningOutputTokens": 0,
    }
    done_item = {**agent_item, "text": "ECHO: a streamed answer of a few words"}
    shapes: dict[str, dict[str, Any]] = {
        "turn/started": {"threadId": _TID, "turn": turn},
        "item/started": {"item": agent_item, "threadId": _TID, "turnId": _TURN, "startedAtMs": 1795475342903},
        "item/agentMessage/delta": {
            "threadId": _TID,
            "turnId": _TURN,
            "itemId": "@ITEM@",
            "delta": "a few words ",
        },
        "item/completed": {
            "item": done_item,
            "threadId": _TID,
            "turnId": _TURN,
            "completedAtMs": 1795475342903,
        },
        "thread/tokenUsage/updated": {
            "threadId": _TID,
            "turnId": _TURN,
            "tokenUsage": {"total": usage, "last": usage, "modelContextWindow": 258400},
        },
        "turn/completed": {
            "threadId": _TID,
            "turn": {
                **turn,
                "items": [done_item],
                "itemsView": "summary",
                "status": "completed",
                "completedAt": 1795475343,
                "durationMs": 69,
            },
        },
    }
    return {
        method: json.dumps(
            {"method": method, "params": params, "emittedAtMs": 1795475342939}, separators=(",", ":")
        )
        for method, params in shapes.items()
    }


def thread_ids(threads: int) -> list[str]:
    return [f"{i:08x}-85ee-71b3-ab13-{i:012x}" for i in range(threads)]


def thread_script(events: int, deltas_per_item: int = 8) -> list[str]:
    """The methods one thread emits: a turn streaming agent messages, ``events`` lines in all."""
    if events < 3:
        raise ValueError("a thread needs at least 3 events (turn/started, ..., turn/completed)")
    body: list[str] = []
    while len(body) < events - 3:
        body += ["item/started", *["item/agentMessage/delta"] * deltas_per_item, "item/completed"]
    return ["turn/started", *body[: events - 3], "thread/tokenUsage/updated", "turn/completed"]


def write_stream(path: Path, threads: int, events_per_thread: int, burst: int = 1) -> dict[str, Any]:
    """Write the interleaved stream; return its size and shape."""
    templates = _templates()
    script = thread_script(events_per_thread)
    per_thread = []
    for i, tid in enumerate(thread_ids(threads)):
        turn_id = f"{i:08x}-8617-7ef2-a6b4-{i:012x}"
        lines = {
            m: t.replace(_TID, tid).replace(_TURN, turn_id).replace("@ITEM@", f"msg_{i}").encode()
            for m, t in templates.items()
        }
        per_thread.append([lines[m] for m in script])
    size = 0
    with path.open("wb") as f:
        for start in range(0, events_per_thread, burst):
            chunk = b"\n".join(line for lines in per_thread for line in lines[start : start + burst]) + b"\n"
            f.write(chunk)
            size += len(chunk)
    return {
        "threads": threads,
        "events_per_thread": events_per_thread,
        "events": threads * events_per_thread,
        "bytes": size,
        "burst": burst,
        "mix": {m: script.count(m) for m in templates},
    }


# --- delivery into mailboxes ------------------------------------------------------------------


async def put_await(send: trio.MemorySendChannel[object], event: object) -> None:
    await send.send(event)


async def put_batched(send: trio.MemorySendChannel[object], event: object) -> None:
    try:
        send.send_nowait(event)
    except trio.WouldBlock:
        await send.send(event)


PUT = {"await": put_await, "batched": put_batched}


async def _count(receive: trio.MemoryReceiveChannel[object], expected: int, counts: list[int]) -> None:
    n = 0
    async with receive:
        async for _ in receive:
            n += 1
            if n == expected:
                break
    counts.append(n)


# --- native paths --------------------------------------------------------------------------------

Deliver = Callable[[list[_native.Message]], Awaitable[None]]


class _Tally:
    def __init__(self, total: int) -> None:
        self.total = total
        self.drained = 0
        self.batches = 0
        self.all_drained = trio.Event()


def _deliverer(variant: Variant, send: trio.MemorySendChannel[object], tally: _Tally) -> Deliver:
    if variant.path == "native-drain":

        async def drain_only(batch: list[_native.Message]) -> None:
            tally.batches += 1
            tally.drained += sum(1 for m in batch if m.kind == "notification")
            if tally.drained == tally.total:
                tally.all_drained.set()

        return drain_only
    put = PUT[variant.delivery]
    typed = variant.path == "native-typed"

    async def deliver(batch: list[_native.Message]) -> None:
        tally.batches += 1
        for message in batch:
            if message.kind == "notification":
                if typed:
                    # Typed natively as drained (the runtime's connections do it), else in Python.
                    await put(send, notification_event(message))
                else:
                    await put(send, message)

    return deliver


async def run_native(path: Path, tids: Sequence[str], per_thread: int, variant: Variant) -> dict[str, Any]:
    # The typed paths build events as a runtime's connection does: natively, while draining
    # (error-carrying ones excepted: they are scrubbed of secrets in Python before being typed).
    typed = variant.path in ("native-typed", "native-actor", "native-floor")
    structurer = native_structurer(ERROR_CARRYING_METHODS) if typed else None
    conn = _native.Connection([*FAKE_SERVER, str(path)], structurer=structurer)
    routes = []
    for tid in tids:
        route = conn.open_route()
        route.bind_thread(tid)
        routes.append(route)
    counts: list[int] = []
    tally = _Tally(len(tids) * per_thread)
    try:
        async with trio.open_nursery() as pumps:
            async with trio.open_nursery() as consumers:
                for tid, route in zip(tids, routes, strict=True):
                    if variant.path == "native-actor":
                        _start_actor(pumps, consumers, conn, route, tid, counts)
                        continue
                    if variant.path == "native-floor":
                        _start_floor(pumps, consumers, route, per_thread, counts)
                        continue
                    send, receive = trio.open_memory_channel[object](MAILBOX)
                    pumps.start_soon(pump, route, _deliverer(variant, send, tally))
                    if variant.path != "native-drain":
                        consumers.start_soon(_count, receive, per_thread, counts)
                await trio.testing.wait_all_tasks_blocked()  # every pump and consumer parked
                clock = _Clock()
                conn.send_raw(b"go")
                if variant.path == "native-drain":
                    await tally.all_drained.wait()
                    counts.append(tally.drained)
            result = clock.stop()
            pumps.cancel_scope.cancel()
    finally:
        for route in routes:
            close_handle(route)
        conn.close(1.0)
    return {**result, "events": sum(counts), "batches": tally.batches or None}


def _start_actor(
    pumps: trio.Nursery,
    consumers: trio.Nursery,
    conn: _native.Connection,
    route: _native.Route,
    tid: str,
    counts: list[int],
) -> None:
    """A real ConversationActor whose active turn is the thread's turn, fed by its RpcRoute."""
    from orchestra.actors.conversation import ConversationActor
    from orchestra.actors.turn import Turn
    from orchestra.runtime._rpc import RpcRoute

    actor = ConversationActor(slot=None)  # type: ignore[arg-type]  # placement is not exercised
    actor.thread_id = tid
    turn = Turn(actor, tid, MAILBOX)
    actor.active = turn
    rpc = RpcRoute(conn, route)

    def handler(message: _native.Message) -> Awaitable[None] | None:
        if message.kind == "exit":  # the fake server ending is not a lost runtime here
            return None
        return actor._on_message(message)  # None when done without a coroutine (the common case)

    async def consume() -> None:
        n = 0
        async for _ in turn:
            n += 1
        counts.append(n)

    pumps.start_soon(rpc.run, handler)
    consumers.start_soon(consume)


class _FloorMailbox:
    """The cheapest mailbox trio allows: a deque and a parking lot for its one consumer."""

    def __init__(self, expected: int) -> None:
        self.events: deque[object] = deque()
        self.waiting = trio.lowlevel.ParkingLot()
        self.left = expected

    def __aiter__(self) -> _FloorMailbox:
        return self

    async def __anext__(self) -> object:
        if not self.left:
            raise StopAsyncIteration
        while not self.events:
            await self.waiting.park()
        self.left -= 1
        return self.events.popleft()


def _start_floor(
    pumps: trio.Nursery, consumers: trio.Nursery, route: _native.Route, per_thread: int, counts: list[int]
) -> None:
    mailbox = _FloorMailbox(per_thread)

    async def deliver(batch: list[_native.Message]) -> None:
        # Every message of this stream is a natively typed notification (the error-carrying
        # turn/completed excepted, typed by the converter as everywhere else).
        mailbox.events.extend([m.event or notification_event(m) for m in batch if m.kind == "notification"])
        mailbox.waiting.unpark_all()

    async def consume() -> None:
        n = 0
        async for _ in mailbox:
            n += 1
        counts.append(n)

    pumps.start_soon(pump, route, deliver)
    consumers.start_soon(consume)


# --- pure-Python paths ---------------------------------------------------------------------------


async def run_python(path: Path, tids: Sequence[str], per_thread: int, variant: Variant) -> dict[str, Any]:
    proc = await trio.lowlevel.open_process(
        [*FAKE_SERVER, str(path)], stdin=subprocess.PIPE, stdout=subprocess.PIPE
    )
    assert proc.stdin is not None and proc.stdout is not None
    stdout = proc.stdout
    counts: list[int] = []
    channels: dict[str, trio.MemorySendChannel[object]] = {}
    typed = variant.path == "python-typed"
    lines_only = variant.path == "python-lines"
    put = PUT.get(variant.delivery, put_await)

    async def reader() -> None:
        rest = b""
        lines_seen = 0
        while chunk := await stdout.receive_some(1 << 18):
            lines = (rest + chunk).split(b"\n")
            rest = lines.pop()
            if lines_only:
                lines_seen += len(lines)
                continue
            for line in lines:
                message = json.loads(line)
                params = message.get("params")
                event = structure_notification(message["method"], params) if typed else message
                await put(channels[params["threadId"]], event)
        if lines_only:
            counts.append(lines_seen)
        for send in channels.values():
            await send.aclose()

    try:
        async with trio.open_nursery() as nursery:
            if not lines_only:
                for tid in tids:
                    send, receive = trio.open_memory_channel[object](MAILBOX)
                    channels[tid] = send
                    nursery.start_soon(_count, receive, per_thread, counts)
            await trio.testing.wait_all_tasks_blocked()  # every consumer parked
            clock = _Clock()
            await proc.stdin.send_all(b"go\n")
            nursery.start_soon(reader)
        result = clock.stop()
    finally:
        await proc.stdin.aclose()
        await proc.wait()
    return {**result, "events": sum(counts), "batches": None}


# --- the run -------------------------------------------------------------------------------------


class _Clock:
    """Wall time, CPU of the whole process and of this (the trio) thread, and full collections."""

    def __init__(self) -> None:
        # Every path sets up its 1,000 mailboxes (and the actor path its conversations) and parks
        # its tasks before the clock starts; collecting what that left behind now keeps a one-time
        # setup cost out of the per-event numbers, for every path alike.
        gc.collect()
        self.gen2 = _GC.full_collections
        self.wall = time.perf_counter()
        self.cpu = time.process_time()
        self.thread_cpu = time.thread_time()

    def stop(self) -> dict[str, Any]:
        return {
            "wall_s": time.perf_counter() - self.wall,
            "cpu_s": time.process_time() - self.cpu,
            "trio_thread_cpu_s": time.thread_time() - self.thread_cpu,
            "full_gc": _GC.full_collections - self.gen2,
        }


class _GC:
    full_collections = 0

    @staticmethod
    def callback(phase: str, info: dict[str, int]) -> None:
        if phase == "stop" and info["generation"] == 2:
            _GC.full_collections += 1


def warm_up() -> None:
    """Build the converter's hooks (done once per type, on first use) before any clock runs."""
    for line in _templates().values():
        message = json.loads(line.replace(_TID, "t").replace(_TURN, "u"))
        structure_notification(message["method"], message["params"])


async def run_one(path: Path, tids: Sequence[str], per_thread: int, variant: Variant) -> dict[str, Any]:
    gc.collect()
    if variant.path.startswith("native"):
        return await run_native(path, tids, per_thread, variant)
    return await run_python(path, tids, per_thread, variant)


def _peer(variant: Variant) -> str | None:
    """The pure-Python variant a native one is compared with (same work, same delivery)."""
    if not variant.path.startswith("native"):
        return None
    if variant.path == "native-drain":
        return "python-lines"
    if variant.path in ("native-actor", "native-floor"):
        return "python-typed/batched"  # the strongest pure-Python peer (the core delivers so too)
    kind = {"native-raw": "python-decoded", "native-typed": "python-typed"}[variant.path]
    return f"{kind}/{variant.delivery}"


def summarize(runs: Sequence[dict[str, Any]], chosen: Sequence[Variant]) -> list[dict[str, Any]]:
    rows = []
    for variant in chosen:
        mine = [r for r in runs if r["variant"] == variant.name]
        if not mine:
            continue
        rates = [r["events_per_s"] for r in mine]
        batched = [r["events"] / r["batches"] for r in mine if r["batches"]]
        rows.append(
            {
                "variant": variant.name,
                "path": variant.path,
                "delivery": variant.delivery,
                "runs": len(mine),
                "events_per_s": median(rates),
                "best_events_per_s": max(rates),
                "wall_s": median([r["wall_s"] for r in mine]),
                "cpu_s": median([r["cpu_s"] for r in mine]),
                "trio_us_per_event": median([1e6 * r["trio_thread_cpu_s"] / r["events"] for r in mine]),
                "cpu_us_per_event": median([1e6 * r["cpu_s"] / r["events"] for r in mine]),
                "full_gc": median([r["full_gc"] for r in mine]),
                "events_per_wake": median(batched) if batched else None,
                "peer": _peer(variant),
            }
        )
    by_name = {r["variant"]: r for r in rows}
    for row in rows:
        peer = by_name.get(row["peer"] or "")
        row["vs_python"] = round(row["events_per_s"] / peer["events_per_s"], 2) if peer else None
    return rows


def render(rows: Sequence[dict[str, Any]]) -> str:
    headers = [
        "path/delivery",
        "events/s",
        "best",
        "trio us/ev",
        "all-CPU us/ev",
        "full GCs",
        "ev/wake",
        "vs Python (peer)",
    ]
    return table(
        headers,
        [
            [
                r["variant"],
                f"{r['events_per_s']:,.0f}",
                f"{r['best_events_per_s']:,.0f}",
                fmt(r["trio_us_per_event"], 2),
                fmt(r["cpu_us_per_event"], 2),
                fmt(r["full_gc"], 0),
                fmt(r["events_per_wake"], 1),
                f"{r['vs_python']:.2f}x ({r['peer']})" if r["vs_python"] else "",
            ]
            for r in rows
        ],
    )


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--threads", type=int, default=1000)
    parser.add_argument("--events-per-thread", type=int, default=200)
    parser.add_argument("--burst", type=int, default=1, help="lines a thread writes in a row")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--paths", type=lambda s: s.split(","), default=PATHS, help=",".join(PATHS))
    parser.add_argument("--delivery", type=lambda s: s.split(","), default=DELIVERIES, help="await,batched")
    parser.add_argument("--gc-freeze", action="store_true", help="gc.freeze() the imported modules first")
    parser.add_argument("--output", type=Path, default=None, help="JSON path (default results/events.json)")
    args = parser.parse_args(argv)
    if set(args.paths) - set(PATHS) or set(args.delivery) - set(DELIVERIES):
        parser.error(f"paths are {PATHS}, deliveries {DELIVERIES}")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    chosen = variants(args.paths, args.delivery)
    results: dict[str, Any] = {
        "benchmark": "events",
        "machine": machine_info(),
        "params": {"repeat": args.repeat, "gc_freeze": args.gc_freeze, "mailbox": MAILBOX},
        "runs": [],
    }
    gc.callbacks.append(_GC.callback)
    with tempfile.TemporaryDirectory(prefix="orchestra-bench-events-") as scratch:
        path = Path(scratch) / "stream.jsonl"
        results["stream"] = write_stream(path, args.threads, args.events_per_thread, args.burst)
        tids = thread_ids(args.threads)
        warm_up()
        if args.gc_freeze:
            gc.collect()
            gc.freeze()
        expected = args.threads * args.events_per_thread
        for rep in range(args.repeat):
            for variant in chosen:
                load = load_average()
                run = trio.run(run_one, path, tids, args.events_per_thread, variant)
                if run["events"] != expected:
                    raise RuntimeError(
                        f"{variant.name}: delivered {run['events']} events, expected {expected}"
                    )
                run = {
                    "variant": variant.name,
                    "repeat": rep,
                    "events_per_s": round(run["events"] / run["wall_s"]),
                    "loadavg_before": load,
                    **{k: round(v, 4) if isinstance(v, float) else v for k, v in run.items()},
                }
                results["runs"].append(run)
                print(
                    f"  {variant.name:<24} {run['events_per_s']:>10,} events/s  wall {run['wall_s']:.3f}s "
                    f"trio {1e6 * run['trio_thread_cpu_s'] / expected:.2f} us/ev  full GCs {run['full_gc']}  "
                    f"load {load[0]}",
                    file=sys.stderr,
                    flush=True,
                )
    gc.callbacks.remove(_GC.callback)
    results["machine"]["loadavg_end"] = load_average()
    results["summary"] = summarize(results["runs"], chosen)
    out = write_results("events", results, args.output)
    stream = results["stream"]
    print(
        f"{stream['threads']} threads x {stream['events_per_thread']} events = {stream['events']:,} events "
        f"({stream['bytes'] / 2**20:.1f} MB, burst {stream['burst']}), {os.cpu_count()} cores, "
        f"median of {args.repeat}" + (", gc frozen" if args.gc_freeze else "")
    )
    print(render(results["summary"]))
    print(f"\nloadavg start {results['machine']['loadavg_start']} end {results['machine']['loadavg_end']}")
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
