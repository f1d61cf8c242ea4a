"""What delivery into 1,000 mailboxes costs trio itself, by how many events each wake-up carries.

No native layer and no decoding: a producer task appends ready-made events to 1,000 deques,
``batch`` at a time each, and wakes each one's consumer (a trio ``ParkingLot``); every consumer
reads its deque with ``async for`` over a four-line ``__anext__`` (the ``native-floor`` mailbox of
``bench_events.py``). The CPU time of the trio thread per event is then only the task switches
and the ``async for``: the part of the event path that no native work can remove, only amortise
over larger batches.

    python benchmarks/bench_wakeups.py
    python benchmarks/bench_wakeups.py --threads 100 --events-per-thread 50 --repeat 1   # smoke
"""

from __future__ import annotations

import argparse
import gc
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import trio
import trio.lowlevel
import trio.testing

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks._common import fmt, load_average, machine_info, median, table, write_results
from benchmarks.bench_events import _FloorMailbox

BATCHES = (1, 2, 5, 10, 20, 50)


async def run_once(threads: int, per_thread: int, batch: int) -> float:
    """Trio-thread CPU seconds to deliver and consume ``threads * per_thread`` events."""
    mailboxes = [_FloorMailbox(per_thread) for _ in range(threads)]
    event = object()

    async def consume(mailbox: _FloorMailbox) -> None:
        async for _ in mailbox:
            pass

    async with trio.open_nursery() as nursery:
        for mailbox in mailboxes:
            nursery.start_soon(consume, mailbox)
        await trio.testing.wait_all_tasks_blocked()
        gc.collect()
        start = time.thread_time()
        for first in range(0, per_thread, batch):
            count = min(batch, per_thread - first)
            for mailbox in mailboxes:
                mailbox.events.extend([event] * count)
                mailbox.waiting.unpark_all()
            await trio.lowlevel.checkpoint()  # the woken consumers run, as after a pump's batch
    return time.thread_time() - start


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--threads", type=int, default=1000)
    parser.add_argument("--events-per-thread", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--output", type=Path, default=None, help="JSON path (default results/wakeups.json)")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    events = args.threads * args.events_per_thread
    results: dict[str, Any] = {
        "benchmark": "wakeups",
        "machine": machine_info(),
        "params": {
            "threads": args.threads,
            "events_per_thread": args.events_per_thread,
            "repeat": args.repeat,
        },
        "runs": [],
    }
    for _ in range(args.repeat):
        for batch in BATCHES:
            seconds = trio.run(run_once, args.threads, args.events_per_thread, batch)
            results["runs"].append({"batch": batch, "trio_thread_cpu_s": round(seconds, 5)})
    results["summary"] = [
        {
            "batch": batch,
            "us_per_event": median(
                [1e6 * r["trio_thread_cpu_s"] / events for r in results["runs"] if r["batch"] == batch]
            ),
        }
        for batch in BATCHES
    ]
    results["machine"]["loadavg_end"] = load_average()
    out = write_results("wakeups", results, args.output)
    print(
        f"{args.threads} mailboxes x {args.events_per_thread} events, median of {args.repeat}: "
        "trio-thread CPU per event"
    )
    rows = [[str(r["batch"]), fmt(r["us_per_event"], 2)] for r in results["summary"]]
    print(table(["events per wake-up", "us/event"], rows))
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
