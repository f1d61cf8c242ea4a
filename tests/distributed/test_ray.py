"""orchestra.distributed on a local Ray instance (2 CPUs, 127.0.0.1) against the scripted model."""

from __future__ import annotations

import os
import select
import signal
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import trio

from orchestra import ModelProvider
from orchestra.distributed import WorkerInfo, WorkersLostError, WorkerSpec, open_ray_map
from orchestra.fanout import PromptResult, default_concurrency
from orchestra.testing import ScriptedModel

ray = pytest.importorskip("ray")

TIMEOUT = 120


@pytest.fixture(scope="module")
def local_ray() -> Iterator[Any]:
    os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")  # nothing leaves the machine
    ray.init(
        num_cpus=2,
        include_dashboard=False,
        log_to_driver=False,
        _node_ip_address="127.0.0.1",
        configure_logging=False,
    )
    try:
        yield ray
    finally:
        ray.shutdown()


def _spec(model: ScriptedModel, root: Path, concurrency: int = 2) -> WorkerSpec:
    return WorkerSpec(
        provider=ModelProvider.scripted(model.base_url),
        model="scripted-model",
        api_key="sk-ray-test-0123456789",
        concurrency=concurrency,
        home_root=str(root),
    )


def _wait_exited(pid: int, timeout: float) -> bool:
    """Wait (on a pidfd, no polling) until ``pid`` has exited; False on timeout."""
    try:
        fd = os.pidfd_open(pid)
    except ProcessLookupError:
        return True
    try:
        readable, _, _ = select.select([fd], [], [], timeout)
        return bool(readable)
    finally:
        os.close(fd)


def _codex_processes_under(root: Path) -> list[int]:
    needle = f"CODEX_HOME={root}".encode()
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                environ = Path(f"/proc/{entry}/environ").read_bytes()
            except OSError:
                continue
            if any(var.startswith(needle) for var in environ.split(b"\0")):
                found.append(int(entry))
    return found


async def test_results_stream_back_once_each_from_workers_with_their_own_runtimes(
    local_ray: Any, scripted_model: ScriptedModel, tmp_path: Path
) -> None:
    prompts = [f"prompt {i}" for i in range(8)]
    results: list[PromptResult] = []
    workers: list[WorkerInfo] = []
    with trio.fail_after(TIMEOUT):
        async with open_ray_map(prompts, _spec(scripted_model, tmp_path), workers=2) as stream:
            async for result in stream:
                results.append(result)
                workers = workers or stream.workers
    assert all(isinstance(r, PromptResult) and r.ok for r in results)
    assert sorted(r.id for r in results) == sorted(str(i) for i in range(8))
    assert {r.final_text for r in results} == {f"ECHO: {p}" for p in prompts}
    assert len(workers) == 2
    assert len({w.pid for w in workers} | {os.getpid()}) == 3  # two worker processes, not us
    assert len({pid for w in workers for pid in w.runtime_pids}) == 2
    assert all(Path(w.home).parent == tmp_path for w in workers)
    assert all(_wait_exited(pid, 10) for w in workers for pid in w.runtime_pids)
    assert _codex_processes_under(tmp_path) == []


async def test_a_killed_worker_loses_no_prompt_and_duplicates_none(
    local_ray: Any, scripted_model: ScriptedModel, tmp_path: Path
) -> None:
    scripted_model.latency = 0.3  # keep prompts in flight long enough to lose some
    prompts = [f"prompt {i}" for i in range(12)]
    ids: list[str] = []
    victim: WorkerInfo | None = None
    with trio.fail_after(TIMEOUT):
        async with open_ray_map(prompts, _spec(scripted_model, tmp_path), workers=2) as stream:
            async for result in stream:
                assert result.ok, result
                ids.append(result.id)
                if len(ids) == 2:
                    victim = stream.workers[0]
                    os.kill(victim.pid, signal.SIGKILL)
            stats = stream.stats
    assert victim is not None
    assert sorted(ids, key=int) == [str(i) for i in range(12)]  # each exactly once
    assert stats.workers_lost == 1 and stats.workers_started == 3
    assert stats.requeued >= 1
    # The dead worker's runtime saw its stdin close and exited; the others were closed.
    assert all(_wait_exited(pid, 10) for pid in victim.runtime_pids)
    assert _codex_processes_under(tmp_path) == []


async def test_no_worker_left_ends_the_batch_with_the_unfinished_prompts(
    local_ray: Any, scripted_model: ScriptedModel, tmp_path: Path
) -> None:
    scripted_model.latency = 0.5
    victims: list[WorkerInfo] = []
    with trio.fail_after(TIMEOUT), pytest.raises(WorkersLostError) as caught:
        async with open_ray_map(
            [f"p{i}" for i in range(4)], _spec(scripted_model, tmp_path, 1), workers=1, max_worker_restarts=0
        ) as stream:
            async for _ in stream:
                victims.append(stream.workers[0])
                os.kill(victims[0].pid, signal.SIGKILL)
    assert caught.value.unfinished  # the prompts not run are named, for a resume
    assert "(last: w0 died running" in str(caught.value)  # and why the last worker went
    assert all(_wait_exited(pid, 10) for pid in victims[0].runtime_pids)
    assert _codex_processes_under(tmp_path) == []


def test_a_worker_feeds_its_runtimes_as_map_does_by_default() -> None:
    provider = ModelProvider.scripted("http://127.0.0.1:9/v1")
    assert WorkerSpec(provider=provider, model="m").concurrency == default_concurrency(1)
    assert WorkerSpec(provider=provider, model="m", runtimes=3).concurrency == default_concurrency(3)
    assert WorkerSpec(provider=provider, model="m", runtimes=3, concurrency=5).concurrency == 5


def test_a_spec_shows_its_extra_config_by_key_only() -> None:
    config = {"model_providers": {"corp": {"http_headers": {"X-Api-Token": "corp-TOKENCANARY-42"}}}}
    provider = ModelProvider.scripted("http://127.0.0.1:9/v1")
    spec = WorkerSpec(provider=provider, model="m", extra_config=config)
    assert "corp-TOKENCANARY-42" not in repr(spec)
    assert "<keys ['model_providers']>" in repr(spec)
