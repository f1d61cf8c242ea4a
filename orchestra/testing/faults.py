"""A stdio proxy that injects faults into a runtime's output: ``python -m orchestra.testing.faults``.

Orchestra must survive a runtime that writes a broken line. The real runtime never does that on
purpose, so tests put this proxy between orchestra and the real runtime::

    python -m orchestra.testing.faults --when-contains MARKER \\
        --inject '{"method":"x","params":{"threadId":"{threadId}"' -- codex app-server --listen stdio://

Every byte is passed through unchanged. After the first stdout line containing ``MARKER``, the
``--inject`` text is written as one extra line; ``{threadId}`` in it is replaced by that line's
``params.threadId``. ``--overload METHOD --overload-times N`` answers the first N requests for
METHOD itself with the runtime's ``-32001`` "Server overloaded" error instead of forwarding them.
The proxy exits with the child's exit code (or 128 + signal).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import signal
import subprocess
import sys
import threading
from collections.abc import Sequence
from typing import IO

_COPY_CHUNK = 65536


_stdout_lock = threading.Lock()  # the stdout pump and overload answers write the same stream


def _overload_answer(line: bytes, method: str | None, budget: list[int]) -> bytes | None:
    """The -32001 answer to ``line`` if it is a request for ``method`` within the budget."""
    if method is None or budget[0] <= 0 or method.encode() not in line:
        return None
    try:
        message = json.loads(line)
    except ValueError:
        return None
    if message.get("method") != method or "id" not in message:
        return None
    budget[0] -= 1
    error = {"code": -32001, "message": "Server overloaded; retry later."}
    return json.dumps({"id": message["id"], "error": error}).encode() + b"\n"


def _pump_stdin(source: IO[bytes], sink: IO[bytes], out: IO[bytes], method: str | None, times: int) -> None:
    budget = [times]
    try:
        for line in source:
            answer = _overload_answer(line, method, budget)
            if answer is not None:
                with _stdout_lock:
                    out.write(answer)
                    out.flush()
                continue
            sink.write(line)
            sink.flush()
    except (BrokenPipeError, ValueError, OSError):
        pass
    finally:
        with contextlib.suppress(OSError):
            sink.close()


def _thread_id_of(line: bytes) -> str:
    try:
        params = json.loads(line).get("params", {})
    except (ValueError, AttributeError):
        return ""
    value = params.get("threadId") if isinstance(params, dict) else None
    return str(value) if value else ""


def _pump_stdout(
    source: IO[bytes], sink: IO[bytes], marker: bytes | None, inject: str | None, times: int, cut: bool
) -> None:
    injected = 0
    for line in source:
        with _stdout_lock:
            matched = marker is not None and injected < times and marker in line
            if matched and cut:
                sink.write(line[: len(line) // 2] + b"\n")  # the line arrives broken in half
                injected += 1
            else:
                sink.write(line)
            if matched and not cut and inject is not None:
                sink.write(inject.replace("{threadId}", _thread_id_of(line)).encode() + b"\n")
                injected += 1
            sink.flush()


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m orchestra.testing.faults", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--when-contains", help="inject after the first stdout line containing this text")
    parser.add_argument("--inject", help="the text of the extra line ({threadId} is substituted)")
    parser.add_argument("--times", type=int, default=1, help="inject after this many matching lines")
    parser.add_argument("--cut", action="store_true", help="cut the matching line in half instead")
    parser.add_argument("--overload", metavar="METHOD", help="answer requests for METHOD with -32001")
    parser.add_argument("--overload-times", type=int, default=1, help="how many requests to refuse")
    parser.add_argument("command", nargs=argparse.REMAINDER, help="-- the command to run")
    args = parser.parse_args(argv)
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    if not command:
        parser.error("no command given after --")
    child = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    assert child.stdin is not None and child.stdout is not None
    signal.signal(signal.SIGTERM, lambda *_: child.terminate())
    threading.Thread(
        target=_pump_stdin,
        args=(sys.stdin.buffer, child.stdin, sys.stdout.buffer, args.overload, args.overload_times),
        daemon=True,
    ).start()
    marker = args.when_contains.encode() if args.when_contains else None
    _pump_stdout(child.stdout, sys.stdout.buffer, marker, args.inject, args.times, args.cut)
    code = child.wait()
    return code if code >= 0 else 128 - code


if __name__ == "__main__":
    os._exit(main())  # os._exit: do not wait for the daemon stdin thread blocked in read()
