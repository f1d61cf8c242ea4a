"""Every benchmark script runs end to end at a tiny size, so that none of them rots.

Each runs as a user would run it (``python benchmarks/<script>.py ...``) and must write a JSON
result whose numbers are sane; the timings themselves are not checked here.
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
BENCHMARKS = ROOT / "benchmarks"
TIMEOUT = 300


def run_script(name: str, *args: str, output: Path) -> dict[str, Any]:
    completed = subprocess.run(
        [sys.executable, str(BENCHMARKS / name), *args, "--output", str(output)],
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        stdin=subprocess.DEVNULL,
        cwd=ROOT,
    )
    assert completed.returncode == 0, f"{name} failed:\n{completed.stdout}\n{completed.stderr}"
    assert f"wrote {output}" in completed.stdout  # the table was printed, then the JSON written
    result: dict[str, Any] = json.loads(output.read_text())
    assert result["machine"]["cpus"] and len(result["machine"]["loadavg_start"]) == 3
    return result


def test_bench_events_runs(tmp_path: Path) -> None:
    result = run_script(
        "bench_events.py",
        "--threads",
        "5",
        "--events-per-thread",
        "12",
        "--repeat",
        "1",
        output=tmp_path / "events.json",
    )
    assert result["stream"]["events"] == 60
    names = {row["variant"] for row in result["summary"]}
    native = {"native-drain", "native-actor", "native-floor", "native-typed/await", "native-typed/batched"}
    assert native <= names
    assert {"python-lines", "python-typed/await", "python-typed/batched"} <= names
    for run in result["runs"]:
        assert run["events"] == 60 and run["events_per_s"] > 0 and run["wall_s"] > 0


@pytest.mark.runtime
def test_bench_fanout_runs(tmp_path: Path) -> None:
    clients = ["orchestra-1", "orchestra-2", "raw-1", "raw-2", "raw-1-persisted"]
    if importlib.util.find_spec("openai_codex") is not None:  # the benchmark extra; see README
        clients.append("sdk")
    n = 2
    result = run_script(
        "bench_fanout.py",
        "-n",
        str(n),
        "--latency",
        "0",
        "--repeat",
        "1",
        "--clients",
        ",".join(clients),
        output=tmp_path / "fanout.json",
    )
    assert {run["client"] for run in result["runs"]} == set(clients)
    for run in result["runs"]:
        assert run["correct"] == n, run  # every prompt got its own answer
        assert run["wall_s"] > 0 and run["runtime_cpu_s"] > 0, run
        assert run["peak_rss_mb"] > run["peak_client_rss_mb"] > 0, run  # runtimes were sampled too
    ratios = {row["client"]: row["vs_floor"] for row in result["summary"]}
    assert ratios["orchestra-1"] and ratios["orchestra-2"]


def test_bench_wakeups_runs(tmp_path: Path) -> None:
    result = run_script(
        "bench_wakeups.py",
        "--threads",
        "10",
        "--events-per-thread",
        "20",
        "--repeat",
        "1",
        output=tmp_path / "wakeups.json",
    )
    assert [row["batch"] for row in result["summary"]] == [1, 2, 5, 10, 20, 50]
    assert all(row["us_per_event"] > 0 for row in result["summary"])
