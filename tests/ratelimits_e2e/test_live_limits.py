"""Rate limits through the real runtime: the monitor, the gate pausing work, usage limits."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

import trio

from orchestra import open_orchestra
from orchestra.fanout import Prompt, PromptResult
from orchestra.ratelimits import (
    HistoryFile,
    RateLimitCleared,
    RateLimited,
    RateLimitSnapshot,
    SnapshotKind,
    render_book,
)
from orchestra.ratelimits import RateLimitWindow as BookWindow
from orchestra.runtime import CodexHome
from orchestra.supervision import RetryPolicy
from orchestra.testing import ScriptedModel, reply
from orchestra.testing.rate_limits import Credits, RateLimitWindow, rate_limit_headers

TIMEOUT = 90


def _headers(primary: float, secondary: float, reset_in: int = 3600) -> dict[str, str]:
    now = int(time.time())
    return rate_limit_headers(
        primary=RateLimitWindow(primary, 300, now + reset_in),
        secondary=RateLimitWindow(secondary, 10080, now + 7 * 86400),
        credits=Credits(balance="12.50"),
    )


async def test_monitor_merges_rising_usage_from_response_headers(
    codex_home: CodexHome, scripted_model: ScriptedModel, workdir: Path, tmp_path: Path
) -> None:
    for used in (10, 20, 35):
        scripted_model.enqueue(reply.text(f"at {used}").with_headers(_headers(used, used // 5)))
    history = tmp_path / "limits.jsonl"
    with trio.fail_after(TIMEOUT):
        # A str names the file as well as a Path does (`orchestra run --history` passes a Path).
        async with open_orchestra(codex_home, runtimes=1, rate_limit_history=str(history)) as orch:
            async with orch.conversation(cwd=str(workdir)) as conv:
                for _ in range(3):
                    assert (await conv.run("go")).ok
            snapshot = orch.limits.book.snapshot("codex")
    assert snapshot is not None and snapshot.primary is not None and snapshot.secondary is not None
    assert snapshot.primary.used_percent == 35 and snapshot.primary.window_minutes == 300
    assert snapshot.secondary.used_percent == 7
    assert snapshot.credits is not None and snapshot.credits.balance == "12.50"
    # Every update was kept as history, readable by `orchestra limits --history`.
    samples = HistoryFile(history).read()
    assert [s.primary.used_percent for s in samples if s.primary] == [10, 20, 35]
    bars = render_book(orch.limits.book, now=dt.datetime.now(dt.UTC), width=40)
    assert "35%" in bars


async def test_gate_pauses_fan_out_at_the_threshold_and_resumes_after_the_reset(
    codex_home: CodexHome, scripted_model: ScriptedModel, workdir: Path
) -> None:
    # The first answer reports the 5-hour window at 97% with a reset 3 s away; later answers
    # report a fresh window. Every prompt must still complete: paused, not lost.
    scripted_model.enqueue(reply.text("one").with_headers(_headers(97, 10, reset_in=3)))
    scripted_model.default_headers = _headers(5, 10)
    prompts = [Prompt(id=f"p{i}", text=f"prompt {i}", cwd=str(workdir)) for i in range(4)]
    results: list[PromptResult] = []
    events: list[object] = []
    with trio.fail_after(TIMEOUT):
        async with open_orchestra(codex_home, runtimes=1, rate_limit_threshold=95) as orch:
            gate_events = orch.limits.subscribe()
            async with orch.map(prompts[:1], concurrency=1) as stream:
                results += [r async for r in stream]
            assert not orch.limits.check().open  # 97% >= 95%: closed until the reset
            paused_at = trio.current_time()
            async with orch.map(prompts[1:], concurrency=3) as stream:
                results += [r async for r in stream]
            waited = trio.current_time() - paused_at
            while True:
                try:
                    events.append(gate_events.receive_nowait())
                except trio.WouldBlock:
                    break
    assert sorted(r.id for r in results) == [p.id for p in prompts]
    assert all(r.ok for r in results)
    assert waited >= 1.5  # the three later prompts waited for the window to reset
    assert [type(e) for e in events] == [RateLimited, RateLimitCleared]
    limited = events[0]
    assert isinstance(limited, RateLimited) and limited.used_percent == 97


async def test_a_usage_limit_answer_pauses_the_prompt_until_the_gate_reopens(
    codex_home: CodexHome, scripted_model: ScriptedModel, workdir: Path
) -> None:
    scripted_model.enqueue(
        reply.usage_limit(resets_at=int(time.time()) + 3600), reply.text("done after the pause")
    )
    results: list[PromptResult] = []
    with trio.fail_after(TIMEOUT):
        async with open_orchestra(codex_home, runtimes=1) as orch:
            gate_events = orch.limits.subscribe()
            async with trio.open_nursery() as nursery:

                async def run() -> None:
                    async with orch.map(
                        [Prompt(id="p", text="work", cwd=str(workdir))], retry=RetryPolicy.never()
                    ) as s:
                        results.extend([r async for r in s])

                nursery.start_soon(run)
                limited = await gate_events.receive()  # the runtime reported the usage limit
                assert isinstance(limited, RateLimited) and limited.reason == "usage_limit"
                assert limited.resume_at is not None and limited.resume_at > dt.datetime.now(dt.UTC)
                assert not results  # paused, not failed
                # A fresh usage read (what a ChatGPT login's periodic read brings) shows room again.
                orch.limits.observe(
                    RateLimitSnapshot(
                        limit_id="codex",
                        primary=BookWindow(used_percent=1.0, window_minutes=300, resets_at=None),
                        observed_at=dt.datetime.now(dt.UTC),
                        kind=SnapshotKind.READ,
                    )
                )
    assert [r.status for r in results] == ["completed"]
    assert results[0].final_text == "done after the pause"
    assert results[0].attempts == 2
