"""How fast recordings and rollouts are read: the native JSONL reader vs Python's ``json`` module.

Generates a large file of realistic session-recording lines (what ``orchestra.session.Recorder``
writes: turn starts, user messages, streamed deltas, shell commands with output, approvals, token
usage, turn completions; unique ids and varied text), then reads it several ways in one run:

- ``json.loads per line``: ``for line in file: json.loads(line)`` (Python's C-accelerated json);
- ``native JsonlReader``: the native handle, drained 4096 records at a time (what replay uses);
- ``json.loads, keep all`` / ``native read_jsonl``: the whole file into one list of objects.

Each is run ``--repeat`` times, interleaved; throughput is file bytes / wall time (MB/s, 10^6 bytes),
best and median. The streaming readers drop records as they go (memory stays flat); the keep-all
ones hold every object (several GB at the default size: use ``--size-mb 50`` on a small machine).

    python benchmarks/bench_jsonl.py [--size-mb 200] [--repeat 3] [--path FILE] [--keep]

Prints a table and writes benchmarks/results/jsonl.json.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import random
import statistics
import string
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from orchestra import _native

RESULTS = Path(__file__).parent / "results"
TARGET_MB_S = 200.0

_VOCABULARY = (
    "the runtime model thread turn item command output file patch approve decline token usage stream "
    "delta cargo pytest trio actor mailbox supervisor restart budget window credits rollout resume "
    "replay record header event payload async await nursery cancel scope"
)
_WORDS = tuple(_VOCABULARY.split())


def _text(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(_WORDS) for _ in range(words))


def _output(rng: random.Random, lines: int) -> str:
    return "".join(
        f"{rng.choice(['ok', 'PASSED', 'warning:', 'src/lib.rs:', 'test'])} "
        f"{''.join(rng.choices(string.ascii_lowercase + '_/.', k=rng.randint(10, 60)))}\n"
        for _ in range(lines)
    )


def _usage(rng: random.Random, total: int) -> dict[str, Any]:
    last = rng.randint(2_000, 12_000)
    return {
        "last": {
            "cachedInputTokens": 0,
            "inputTokens": last,
            "outputTokens": rng.randint(1, 900),
            "reasoningOutputTokens": 0,
            "totalTokens": last + 40,
        },
        "total": {
            "cachedInputTokens": 0,
            "inputTokens": total,
            "outputTokens": total // 50,
            "reasoningOutputTokens": 0,
            "totalTokens": total + total // 50,
        },
        "modelContextWindow": 272_000,
    }


def _turn(rng: random.Random, thread: str) -> Iterator[tuple[str, str | None, dict[str, Any]]]:
    """(kind, turn id, payload) of one turn, in the order the runtime emits them."""
    turn = str(uuid.UUID(int=rng.getrandbits(128)))
    yield (
        "turn/started",
        turn,
        {
            "threadId": thread,
            "turn": {
                "id": turn,
                "items": [],
                "status": "inProgress",
                "itemsView": "notLoaded",
                "rootTurnId": turn,
            },
        },
    )
    user = {
        "type": "userMessage",
        "id": str(uuid.UUID(int=rng.getrandbits(128))),
        "content": [{"type": "text", "text": _text(rng, rng.randint(5, 40)), "text_elements": []}],
    }
    for kind in ("item/started", "item/completed"):
        yield kind, turn, {"item": user, "threadId": thread, "turnId": turn, "startedAtMs": 1795480277612}
    total = rng.randint(10_000, 400_000)
    for _ in range(rng.randint(0, 2)):
        call = f"call_{rng.getrandbits(32):08x}"
        cmd = f"/bin/bash -lc '{rng.choice(['pytest -q', 'cargo test', 'touch x', 'ls -la', 'rg TODO'])}'"
        started = {
            "type": "commandExecution",
            "id": call,
            "command": cmd,
            "cwd": "/work/project",
            "commandActions": [{"command": cmd[13:-1], "type": "unknown"}],
            "status": "inProgress",
            "source": "agent",
        }
        yield "item/started", turn, {"item": started, "threadId": thread, "turnId": turn}
        if rng.random() < 0.4:
            yield (
                "orchestra/serverRequest",
                turn,
                {
                    "method": "item/commandExecution/requestApproval",
                    "request_id": rng.randint(0, 99),
                    "params": {
                        "itemId": call,
                        "threadId": thread,
                        "turnId": turn,
                        "command": cmd,
                        "cwd": "/work/project",
                        "availableDecisions": ["accept", "decline", "cancel"],
                    },
                },
            )
            yield (
                "orchestra/approvalDecided",
                turn,
                {"method": "item/commandExecution/requestApproval", "request_id": 1, "decision": "accept"},
            )
        output = _output(rng, rng.randint(1, 40))
        for i in range(0, len(output), 400):
            yield (
                "item/commandExecution/outputDelta",
                turn,
                {"threadId": thread, "turnId": turn, "itemId": call, "delta": output[i : i + 400]},
            )
        done = {
            **started,
            "status": "completed",
            "exitCode": 0,
            "durationMs": rng.randint(1, 9000),
            "aggregatedOutput": output,
            "processId": str(rng.randint(1000, 60000)),
        }
        yield "item/completed", turn, {"item": done, "threadId": thread, "turnId": turn}
        yield (
            "thread/tokenUsage/updated",
            turn,
            {"threadId": thread, "turnId": turn, "tokenUsage": _usage(rng, total)},
        )
    message = f"msg_{rng.getrandbits(40):010x}"
    yield (
        "item/started",
        turn,
        {"item": {"type": "agentMessage", "id": message, "text": ""}, "threadId": thread, "turnId": turn},
    )
    answer = []
    for _ in range(rng.randint(5, 60)):
        delta = _text(rng, rng.randint(1, 6)) + " "
        answer.append(delta)
        yield (
            "item/agentMessage/delta",
            turn,
            {"delta": delta, "itemId": message, "threadId": thread, "turnId": turn},
        )
    final = {"type": "agentMessage", "id": message, "text": "".join(answer)}
    yield "item/completed", turn, {"item": final, "threadId": thread, "turnId": turn}
    yield (
        "thread/tokenUsage/updated",
        turn,
        {"threadId": thread, "turnId": turn, "tokenUsage": _usage(rng, total)},
    )
    yield "thread/status/changed", None, {"threadId": thread, "status": {"type": "idle"}}
    yield (
        "turn/completed",
        turn,
        {
            "threadId": thread,
            "turn": {
                "id": turn,
                "items": [final],
                "status": "completed",
                "durationMs": rng.randint(100, 90_000),
                "itemsView": "summary",
            },
        },
    )


def generate(path: Path, size_mb: float, *, seed: int = 4) -> tuple[int, int]:
    """Write recording lines until the file holds ``size_mb`` MB; return (bytes, lines)."""
    rng = random.Random(seed)
    target = int(size_mb * 1_000_000)
    written = lines = seq = 0
    start = time.time()
    with path.open("w", encoding="utf-8") as f:
        while written < target:
            thread = str(uuid.UUID(int=rng.getrandbits(128)))
            header = {
                "type": "header",
                "format": "codex-orchestra-session",
                "format_version": 1,
                "conversation": {"id": thread, "cwd": "/work/project", "model": "gpt-5.5"},
            }
            chunk = [json.dumps(header)]
            for _ in range(rng.randint(1, 6)):
                for kind, turn, payload in _turn(rng, thread):
                    seq += 1
                    record = {
                        "type": "event",
                        "seq": seq,
                        "t": round(seq * 0.0137, 6),
                        "wall": start + seq * 0.0137,
                        "conversation": thread,
                        "turn": turn,
                        "kind": kind,
                        "payload": payload,
                    }
                    chunk.append(json.dumps(record, separators=(",", ":"), ensure_ascii=False))
            text = "\n".join(chunk) + "\n"
            f.write(text)
            written += len(text.encode())
            lines += len(chunk)
    return written, lines


# --- readers ----------------------------------------------------------------------------------


def json_per_line(path: Path) -> int:
    n = 0
    loads = json.loads
    with path.open("rb") as f:
        for line in f:
            if line.strip():
                loads(line)
                n += 1
    return n


def json_keep_all(path: Path) -> int:
    loads = json.loads
    with path.open("rb") as f:
        records = [loads(line) for line in f if line.strip()]
    return len(records)


def native_stream(path: Path) -> int:
    """The native handle as replay drives it, minus trio: drain until done (no records kept)."""
    reader = _native.JsonlReader(path)
    n = 0
    try:
        while True:
            batch = reader.drain(4096)
            if not batch:
                if reader.done:
                    return n
                _wait(reader.fileno())
            n += len(batch)
    finally:
        reader.close()


def _wait(fd: int) -> None:
    import select

    select.select([fd], [], [], 5.0)


def native_keep_all(path: Path) -> int:
    records, _ = _native.read_jsonl(path)
    return len(records)


READERS: list[tuple[str, Callable[[Path], int], bool]] = [
    ("json.loads per line", json_per_line, False),
    ("native JsonlReader", native_stream, False),
    ("json.loads, keep all", json_keep_all, True),
    ("native read_jsonl", native_keep_all, True),
]


def measure(path: Path, size: int, repeat: int, *, keep_all: bool) -> list[dict[str, Any]]:
    runs: dict[str, list[float]] = {name: [] for name, _, _ in READERS}
    counts: dict[str, int] = {}
    for _ in range(repeat):
        for name, read, holds in READERS:  # interleaved: machine noise hits every reader alike
            if holds and not keep_all:
                continue
            gc.collect()
            started = time.perf_counter()
            counts[name] = read(path)
            runs[name].append(time.perf_counter() - started)
            gc.collect()
    results = []
    for name, _, holds in READERS:
        seconds = runs[name]
        if not seconds:
            continue
        rates = [size / s / 1e6 for s in seconds]
        results.append(
            {
                "reader": name,
                "keeps_all_records": holds,
                "records": counts[name],
                "seconds": [round(s, 4) for s in seconds],
                "mb_per_s_best": round(max(rates), 1),
                "mb_per_s_median": round(statistics.median(rates), 1),
            }
        )
    return results


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--size-mb", type=float, default=200.0)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--path", type=Path, help="use (or create) this file instead of a temporary one")
    parser.add_argument("--keep", action="store_true", help="keep the generated file")
    parser.add_argument("--no-keep-all", action="store_true", help="skip the readers that hold every record")
    args = parser.parse_args()

    path = args.path or Path(tempfile.gettempdir()) / f"orchestra-bench-{os.getpid()}.jsonl"
    try:
        if not path.exists():
            started = time.perf_counter()
            size, lines = generate(path, args.size_mb)
            elapsed = time.perf_counter() - started
            print(f"generated {path}: {size / 1e6:.1f} MB, {lines} lines in {elapsed:.1f} s")
        else:
            size = path.stat().st_size
            lines = sum(1 for _ in path.open("rb"))
        results = measure(path, size, args.repeat, keep_all=not args.no_keep_all)
    finally:
        if args.path is None and not args.keep:
            path.unlink(missing_ok=True)

    by_name = {r["reader"]: r for r in results}
    stream = by_name["native JsonlReader"]["mb_per_s_median"]
    baseline = by_name["json.loads per line"]["mb_per_s_median"]
    report = {
        "benchmark": "jsonl",
        "file": {"bytes": size, "lines": lines, "mb": round(size / 1e6, 1)},
        "repeat": args.repeat,
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "platform": platform.platform(),
        },
        "results": results,
        "native_vs_json_median": round(stream / baseline, 2),
        "target_mb_per_s": TARGET_MB_S,
        "meets_target": stream >= TARGET_MB_S,
    }
    print(f"\n{'reader':<24}{'records':>10}{'best MB/s':>12}{'median MB/s':>13}")
    for r in results:
        print(f"{r['reader']:<24}{r['records']:>10}{r['mb_per_s_best']:>12.1f}{r['mb_per_s_median']:>13.1f}")
    print(
        f"\nnative stream / json per line (median): {report['native_vs_json_median']}x; "
        f"target {TARGET_MB_S:.0f} MB/s {'met' if report['meets_target'] else 'NOT met'}"
    )
    RESULTS.mkdir(exist_ok=True)
    out = RESULTS / "jsonl.json"
    out.write_text(json.dumps(report, indent=2) + "\n")
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
