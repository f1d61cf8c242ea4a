"""Shared helpers of the benchmarks: machine facts, a /proc sampler, the scripted model as a
separate process, CODEX_HOMEs, repeated runs, tables and JSON results.

Every benchmark measures on a noisy 2-core machine: each configuration runs several times, the
table shows the median (and the best), and the JSON keeps every run together with the load
average before and after it.
"""

from __future__ import annotations

import contextlib
import json
import os
import platform
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import attrs

ROOT = Path(__file__).resolve().parent
RESULTS = ROOT / "results"
PAGE_SIZE = os.sysconf("SC_PAGE_SIZE")

#: The API key the benchmarks give the runtime (the scripted model ignores it).
BENCH_API_KEY = "sk-orchestra-bench-0123456789abcdef"
#: The model slug the benchmark homes configure.
BENCH_MODEL = "scripted-model"


# --- machine facts ------------------------------------------------------------------------------


def load_average() -> list[float]:
    return [round(x, 2) for x in os.getloadavg()]


def machine_info() -> dict[str, Any]:
    """What the numbers were measured on: cores, load, versions, the commit."""
    info: dict[str, Any] = {
        "cpus": os.cpu_count(),
        "loadavg_start": load_average(),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "time": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
    }
    with contextlib.suppress(OSError, subprocess.SubprocessError):
        info["commit"] = subprocess.run(
            ["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            check=True,
            timeout=10,
        ).stdout.strip()
    return info


# --- /proc --------------------------------------------------------------------------------------


def _ppid_map() -> dict[int, int]:
    parents: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as f:
                stat = f.read()
        except OSError:
            continue
        # The command name may contain spaces and parentheses: split after the last ')'.
        fields = stat.rsplit(b")", 1)[1].split()
        parents[int(entry)] = int(fields[1])
    return parents


def process_tree(root: int) -> list[int]:
    """``root`` and all its live descendants."""
    children: dict[int, list[int]] = {}
    for pid, ppid in _ppid_map().items():
        children.setdefault(ppid, []).append(pid)
    tree, todo = [], [root]
    while todo:
        pid = todo.pop()
        tree.append(pid)
        todo.extend(children.get(pid, ()))
    return tree


def memory_of(pid: int) -> tuple[int, int] | None:
    """``(rss, anonymous)`` bytes of one process, or None once it is gone.

    ``anonymous`` (heap, stacks, anonymous mappings) is what the process itself allocated. It is
    the honest per-process figure on a shared machine: ``Private_Clean`` would count the ~130 MB
    of the codex binary's pages as private whenever no other codex process happens to map them,
    and as shared when another engineer's test runs one.
    """
    try:
        with open(f"/proc/{pid}/smaps_rollup", "rb") as f:
            text = f.read()
    except OSError:
        return None
    rss = anonymous = 0
    for line in text.splitlines():
        if line.startswith(b"Rss:"):
            rss = int(line.split()[1]) * 1024
        elif line.startswith(b"Anonymous:"):
            anonymous = int(line.split()[1]) * 1024
    return rss, anonymous


def cpu_seconds_of(pid: int) -> float | None:
    """User + system CPU seconds of one live process (its own, not its children's)."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as f:
            fields = f.read().rsplit(b")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


@attrs.define
class TreeSampler:
    """Samples the summed memory of a process tree in a thread of its own, every ``interval`` s.

    Run it in a process that is otherwise idle (the benchmark's parent), so sampling never competes
    with the client being measured for its GIL. ``peak_rss`` counts shared pages once per
    process (two runtimes count the binary twice); ``peak_anon`` sums only anonymous memory
    (heap, stacks), what each process allocated itself.
    """

    root: int
    interval: float = 0.05
    peak_rss: int = 0
    peak_anon: int = 0
    peak_processes: int = 0
    peak_root_rss: int = 0  # the root process alone (the client, for the fan-out workers)
    samples: int = 0
    _stop: threading.Event = attrs.field(factory=threading.Event)
    _thread: threading.Thread | None = None

    def _sample(self) -> None:
        rss = anon = count = 0
        for pid in process_tree(self.root):
            mem = memory_of(pid)
            if mem is None:
                continue
            if pid == self.root:
                self.peak_root_rss = max(self.peak_root_rss, mem[0])
            rss, anon, count = rss + mem[0], anon + mem[1], count + 1
        self.peak_rss = max(self.peak_rss, rss)
        self.peak_anon = max(self.peak_anon, anon)
        self.peak_processes = max(self.peak_processes, count)
        self.samples += 1

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            self._sample()

    def __enter__(self) -> TreeSampler:
        self._thread = threading.Thread(target=self._run, name="tree-sampler", daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join()


# --- the scripted model, in a process of its own -------------------------------------------------


@contextlib.contextmanager
def model_server(latency_ms: int) -> Iterator[tuple[str, int]]:
    """Run ``python -m orchestra.testing.model_server`` on a free port; yield (base_url, pid).

    A separate process, so that the HTTP server threads never compete with the measured client
    for its GIL, and its CPU is not counted as the client's.
    """
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "orchestra.testing.model_server",
            "--port",
            "0",
            "--latency-ms",
            str(latency_ms),
            "--quiet",
        ],
        stdout=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        text=True,
    )
    try:
        assert proc.stdout is not None
        base_url = proc.stdout.readline().strip()
        if not base_url.startswith("http"):
            raise RuntimeError(f"model server did not start (printed {base_url!r})")
        yield base_url, proc.pid
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


# --- running one measured configuration in a fresh process --------------------------------------


@attrs.frozen
class WorkerRun:
    """One run of a worker process: what it reported, plus what the parent measured around it."""

    report: dict[str, Any]
    peak_rss_mb: float
    peak_anon_mb: float
    peak_processes: int
    peak_client_rss_mb: float
    tree_cpu_s: float  # worker + every descendant it reaped (RUSAGE_CHILDREN delta of the parent)
    model_cpu_s: float | None
    loadavg_before: list[float]
    loadavg_after: list[float]

    def as_dict(self) -> dict[str, Any]:
        return {
            **self.report,
            "peak_rss_mb": round(self.peak_rss_mb, 1),
            "peak_anon_mb": round(self.peak_anon_mb, 1),
            "peak_processes": self.peak_processes,
            "peak_client_rss_mb": round(self.peak_client_rss_mb, 1),
            "tree_cpu_s": round(self.tree_cpu_s, 3),
            "model_cpu_s": None if self.model_cpu_s is None else round(self.model_cpu_s, 3),
            "loadavg_before": self.loadavg_before,
            "loadavg_after": self.loadavg_after,
        }


def _children_cpu() -> float:
    import resource

    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_worker(
    argv: Sequence[str], *, model_pid: int | None = None, timeout: float = 900.0, sample_every: float = 0.05
) -> WorkerRun:
    """Run ``python argv...`` (which prints one JSON object as its last stdout line), sampling the
    memory of its process tree meanwhile."""
    loadavg_before = load_average()
    cpu_before = _children_cpu()
    model_before = cpu_seconds_of(model_pid) if model_pid else None
    proc = subprocess.Popen(
        [sys.executable, *argv], stdout=subprocess.PIPE, stdin=subprocess.DEVNULL, text=True
    )
    with TreeSampler(proc.pid, interval=sample_every) as sampler:
        try:
            out, _ = proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.communicate()
            raise
    if proc.returncode != 0:
        raise RuntimeError(f"worker {argv} exited with {proc.returncode}")
    lines = [line for line in out.splitlines() if line.strip()]
    report = json.loads(lines[-1])
    model_after = cpu_seconds_of(model_pid) if model_pid else None
    return WorkerRun(
        report=report,
        peak_rss_mb=sampler.peak_rss / 2**20,
        peak_anon_mb=sampler.peak_anon / 2**20,
        peak_processes=sampler.peak_processes,
        peak_client_rss_mb=sampler.peak_root_rss / 2**20,
        tree_cpu_s=_children_cpu() - cpu_before,
        model_cpu_s=None if model_before is None or model_after is None else model_after - model_before,
        loadavg_before=loadavg_before,
        loadavg_after=load_average(),
    )


def worker_cpu() -> tuple[float, float]:
    """(own, reaped children) user+sys CPU seconds of this process so far."""
    import resource

    me = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime, kids.ru_utime + kids.ru_stime


def emit(report: Mapping[str, Any]) -> None:
    """A worker's last line: its report as JSON."""
    print(json.dumps(dict(report)), flush=True)


# --- summaries, tables, results ------------------------------------------------------------------


def median(values: Sequence[float]) -> float:
    return float(statistics.median(values)) if values else float("nan")


def fmt(value: float | None, digits: int = 2) -> str:
    if value is None or value != value:  # None or NaN
        return "-"
    return f"{value:.{digits}f}"


def table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """A plain-text table, right-aligned numbers, as printed and pasted into the README."""
    widths = [max(len(h), *(len(r[i]) for r in rows)) if rows else len(h) for i, h in enumerate(headers)]
    lines = [
        "  ".join(
            h.ljust(w) if i == 0 else h.rjust(w) for i, (h, w) in enumerate(zip(headers, widths, strict=True))
        ),
        "  ".join("-" * w for w in widths),
    ]
    for row in rows:
        lines.append(
            "  ".join(
                c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(row, widths, strict=True))
            )
        )
    return "\n".join(lines)


def write_results(name: str, data: Mapping[str, Any], path: Path | None = None) -> Path:
    target = path or RESULTS / f"{name}.json"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(dict(data), indent=2) + "\n")
    return target
