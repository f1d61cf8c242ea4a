"""map() against the real runtime: bounded concurrency, results as they complete, failures as results."""

from __future__ import annotations

import math
import os
import signal
import threading
from pathlib import Path
from typing import Any

import pytest
import trio
import trio.testing

from orchestra import Orchestra, open_orchestra
from orchestra.fanout import CONCURRENCY_PER_RUNTIME, Prompt, PromptResult, default_concurrency
from orchestra.fanout import _map as fanout_map
from orchestra.runtime import CodexHome
from orchestra.supervision import RetryPolicy
from orchestra.testing import RecordedRequest, ScriptedModel, reply
from orchestra.testing.reply import Reply

TIMEOUT = 120


async def test_map_runs_200_prompts_each_once_with_the_right_answer(
    codex_home: CodexHome, scripted_model: ScriptedModel, workdir: Path
) -> None:
    scripted_model.default = lambda request: reply.text(f"answer to {request.last_user_text}", chunks=2)
    prompts = [Prompt(id=f"p{i}", text=f"question {i}", cwd=str(workdir)) for i in range(200)]
    results: list[PromptResult] = []
    with trio.fail_after(TIMEOUT):
        async with (
            open_orchestra(codex_home, runtimes=2) as orch,
            orch.map(prompts, concurrency=16) as stream,
        ):
            async for result in stream:
                results.append(result)
            stats = orch.pool.statistics()
    assert sorted(r.id for r in results) == sorted(p.id for p in prompts)
    for result in results:
        assert result.status == "completed", result
        assert result.final_text == f"answer to question {result.id[1:]}"
        assert result.usage is not None and result.usage["total_tokens"] > 0
    # Both runtimes took work (least-loaded placement), and every conversation was released.
    assert stats["conversations"] == 0
    assert len(scripted_model.requests) == 200


async def test_a_failed_prompt_is_a_failed_result_not_the_end_of_the_batch(
    orch: Orchestra, scripted_model: ScriptedModel, workdir: Path
) -> None:
    scripted_model.when("bad").always(reply.http_error(400, "bad request"))
    prompts = [
        Prompt(id="good", text="good one", cwd=str(workdir)),
        Prompt(id="bad", text="bad one", cwd=str(workdir)),
    ]
    with trio.fail_after(TIMEOUT):
        async with orch.map(prompts, concurrency=2, retry=RetryPolicy.never()) as stream:
            results = {r.id: r async for r in stream}
    assert results["good"].ok
    assert results["bad"].status == "failed" and "bad request" in (results["bad"].error or "")


def test_the_default_concurrency_is_per_runtime_and_within_the_pool() -> None:
    assert default_concurrency(1) == CONCURRENCY_PER_RUNTIME
    assert default_concurrency(3) == 3 * CONCURRENCY_PER_RUNTIME
    assert default_concurrency(3, max_conversations_per_runtime=4) == 12  # no more than the pool places
    assert default_concurrency(0) == 1


async def test_map_feeds_every_runtime_of_the_pool_by_default(
    codex_home: CodexHome, scripted_model: ScriptedModel, workdir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without ``concurrency``, map() keeps CONCURRENCY_PER_RUNTIME prompts in flight per runtime."""
    monkeypatch.setattr(fanout_map, "CONCURRENCY_PER_RUNTIME", 3)  # 2 runtimes -> 6 in flight
    release = threading.Event()

    def held(request: RecordedRequest) -> Reply:
        # Runs on the model server's thread for this request: hold every answer until released.
        release.wait(TIMEOUT)
        return reply.text(f"answer to {request.last_user_text}")

    scripted_model.default = held
    prompts = [Prompt(id=f"p{i}", text=f"question {i}", cwd=str(workdir)) for i in range(10)]
    try:
        with trio.fail_after(TIMEOUT):
            async with open_orchestra(codex_home, runtimes=2) as orch, orch.map(prompts) as stream:
                await scripted_model.wait_for_requests_async(6)
                stats = orch.pool.statistics()
                # Six prompts wait on the model, one conversation each, spread over both runtimes;
                # no seventh was started.
                assert stats["conversations"] == 6
                assert [r["load"] for r in stats["per_runtime"]] == [3, 3]
                release.set()
                results = [r async for r in stream]
    finally:
        release.set()  # never leave a server thread waiting
    assert sorted(r.id for r in results) == sorted(p.id for p in prompts)
    assert all(r.ok for r in results)


async def test_ordered_results_come_in_input_order_whatever_order_they_finish_in(
    orch: Orchestra, scripted_model: ScriptedModel, workdir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The model answers the prompts last to first, each only once the one after it has finished."""
    releases = [threading.Event() for _ in range(5)]
    finished: dict[str, trio.Event] = {f"p{i}": trio.Event() for i in range(5)}
    finish_order: list[str] = []

    def held(request: RecordedRequest) -> Reply:
        index = int(request.last_user_text.split()[-1])
        releases[index].wait(TIMEOUT)
        return reply.text(f"answer {index}")

    real_run_prompt = fanout_map.run_prompt

    async def spy(*args: Any, **kwargs: Any) -> PromptResult:
        result = await real_run_prompt(*args, **kwargs)
        finish_order.append(result.id)
        finished[result.id].set()
        return result

    monkeypatch.setattr(fanout_map, "run_prompt", spy)
    scripted_model.default = held
    prompts = [Prompt(id=f"p{i}", text=f"question {i}", cwd=str(workdir)) for i in range(5)]
    try:
        with trio.fail_after(TIMEOUT):
            async with orch.map(prompts, concurrency=5, ordered=True) as stream:
                for index in reversed(range(5)):
                    releases[index].set()
                    await finished[f"p{index}"].wait()
                results = [r async for r in stream]
    finally:
        for release in releases:
            release.set()
    assert finish_order == ["p4", "p3", "p2", "p1", "p0"]
    assert [r.id for r in results] == ["p0", "p1", "p2", "p3", "p4"]
    assert [r.final_text for r in results] == [f"answer {i}" for i in range(5)]


async def test_ordered_map_starts_no_prompt_more_than_twice_the_concurrency_ahead(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Results that finish early wait for the first one; how many may wait is bounded."""
    first_done = trio.Event()
    started: list[str] = []

    async def fake_run_prompt(orch: object, prompt: Prompt, **kwargs: object) -> PromptResult:
        started.append(prompt.id)
        if prompt.id == "0":
            await first_done.wait()
        return PromptResult(id=prompt.id, status="completed", final_text=prompt.text)

    monkeypatch.setattr(fanout_map, "run_prompt", fake_run_prompt)
    texts = [f"t{i}" for i in range(20)]
    with trio.fail_after(TIMEOUT):
        async with fanout_map.map_prompts(None, texts, concurrency=2, ordered=True) as stream:  # type: ignore[arg-type]
            await trio.testing.wait_all_tasks_blocked()
            assert started == ["0", "1", "2", "3"]  # 2 * concurrency places from the first
            first_done.set()
            results = [r async for r in stream]
    assert [r.final_text for r in results] == texts


@pytest.mark.parametrize(
    ("prompts", "options", "error"),
    [
        ([{"id": "a", "prompt": "p"}, 42], {}, TypeError),
        (["p"], {"concurrency": 1.5}, TypeError),
        (["p"], {"concurrency": 0}, ValueError),
        (["p"], {"timeout": -1}, ValueError),
        (["p"], {"timeout": math.nan}, ValueError),
    ],
    ids=["int-prompt", "float-concurrency", "zero-concurrency", "negative-timeout", "nan-timeout"],
)
async def test_bad_map_arguments_are_typed_errors(
    monkeypatch: pytest.MonkeyPatch, prompts: list[Any], options: dict[str, Any], error: type[Exception]
) -> None:
    async def fake_run_prompt(orch: object, prompt: Prompt, **kwargs: object) -> PromptResult:
        return PromptResult(id=prompt.id, status="completed", final_text=prompt.text)

    monkeypatch.setattr(fanout_map, "run_prompt", fake_run_prompt)
    with trio.fail_after(TIMEOUT), pytest.raises(error):
        async with fanout_map.map_prompts(None, prompts, **{"concurrency": 1, **options}) as stream:  # type: ignore[arg-type]
            [r async for r in stream]


def test_a_prompt_may_be_a_mapping_shaped_like_a_prompts_file_line() -> None:
    assert Prompt.coerce({"id": "a", "prompt": "p", "cwd": "/w", "model": "m"}, 7) == Prompt(
        id="a", text="p", cwd="/w", model="m"
    )
    assert Prompt.coerce({"text": "p"}, 7) == Prompt(id="7", text="p")
    with pytest.raises(ValueError, match="needs a string 'prompt'"):
        Prompt.coerce({"id": "a"}, 0)


@pytest.mark.parametrize("ephemeral", [True, False], ids=["ephemeral", "persisted"])
async def test_attempts_count_every_run_of_a_prompt(
    orch: Orchestra, scripted_model: ScriptedModel, workdir: Path, ephemeral: bool
) -> None:
    """The runtime is killed mid-turn: an ephemeral prompt runs again in a new conversation, a
    persisted one is resumed and its turn rerun; either way it ran twice and says so."""
    scripted_model.default = lambda request: reply.text("slow " * 40, chunks=40).with_latency(
        between_events=0.05
    )
    prompts = [Prompt(id="only", text="count", cwd=str(workdir))]
    with trio.fail_after(TIMEOUT):
        async with orch.map(prompts, concurrency=1, ephemeral=ephemeral) as stream:
            await scripted_model.wait_for_requests_async(1)
            os.kill(orch.runtime.pid, signal.SIGKILL)
            (result,) = [r async for r in stream]
    assert result.ok and len(scripted_model.requests) == 2
    assert result.attempts == 2


async def test_a_prompt_that_runs_a_tool_counts_every_model_call(
    orch: Orchestra, scripted_model: ScriptedModel, workdir: Path
) -> None:
    """The model is called again after the command; usage gave only the last call's tokens."""
    scripted_model.enqueue(
        reply.shell("echo hi").with_usage(input_tokens=100, output_tokens=10),
        reply.text("done").with_usage(input_tokens=200, output_tokens=20),
    )
    with trio.fail_after(TIMEOUT):
        async with orch.map([Prompt(id="p", text="run it", cwd=str(workdir))], concurrency=1) as stream:
            (result,) = [r async for r in stream]
    assert result.ok and len(scripted_model.requests) == 2
    assert result.usage is not None
    assert (result.usage["input_tokens"], result.usage["output_tokens"]) == (300, 30)
