"""map(): run many one-turn prompts with bounded concurrency, yielding results as they finish."""

from __future__ import annotations

import contextlib
import math
import time
from collections.abc import AsyncIterator, Iterable, Mapping
from typing import TYPE_CHECKING, Any

import stamina
import trio

from .._errors import RpcError
from .._groups import unwrap_single_exception
from .._log import get_logger
from ..actors.approvals import ApprovalPolicy, decline_all
from ._types import Prompt, PromptResult

if TYPE_CHECKING:
    from .._orchestra import Orchestra

log = get_logger("orchestra.fanout")


def _is_overload(exc: Exception) -> bool:
    return isinstance(exc, RpcError) and exc.is_overload


def _usage_dict(usage: Any) -> Mapping[str, int] | None:
    """Token counts of the turn (the runtime's ``last`` breakdown), as a plain dict."""
    last = getattr(usage, "last", None)
    if last is None:
        return None
    fields = (
        "input_tokens",
        "cached_input_tokens",
        "output_tokens",
        "reasoning_output_tokens",
        "total_tokens",
    )
    return {name: int(getattr(last, name, 0) or 0) for name in fields}


async def run_prompt(
    orch: Orchestra,
    prompt: Prompt,
    *,
    timeout: float = math.inf,
    ephemeral: bool = True,
    approver: ApprovalPolicy = decline_all,
) -> PromptResult:
    """Run one prompt in a fresh conversation; every failure becomes a failed PromptResult."""
    started = time.monotonic()
    attempts = 0
    try:
        # The runtime rejects thread/start with -32001 when flooded: back off with jitter and retry.
        async for attempt in stamina.retry_context(on=_is_overload, attempts=8, timeout=120.0, wait_max=5.0):
            with attempt:
                attempts += 1
                async with orch.conversation(
                    cwd=prompt.cwd,
                    model=prompt.model,
                    sandbox=prompt.sandbox,
                    approval_policy=prompt.approval_policy,
                    ephemeral=ephemeral,
                    approver=approver,
                ) as conv:
                    turn = await conv.send(prompt.text, output_schema=prompt.output_schema)
                    try:
                        result = await turn.result(timeout=timeout)
                    except trio.TooSlowError:
                        return PromptResult(
                            id=prompt.id,
                            status="timeout",
                            error=f"no result within {timeout} s",
                            duration_s=time.monotonic() - started,
                            attempts=attempts,
                            thread_id=conv.thread_id,
                        )
        error = getattr(result.error, "message", None) or (str(result.error) if result.error else None)
        return PromptResult(
            id=prompt.id,
            status=result.status,
            final_text=result.final_text,
            items=result.items,
            usage=_usage_dict(result.usage),
            error=error,
            duration_s=time.monotonic() - started,
            attempts=attempts,
            thread_id=result.thread_id,
        )
    except Exception as exc:  # a failed prompt is a failed result, not the end of the batch
        log.warning("prompt failed", prompt_id=prompt.id, error=repr(exc))
        return PromptResult(
            id=prompt.id,
            status="error",
            error=repr(exc),
            duration_s=time.monotonic() - started,
            attempts=attempts,
        )


@contextlib.asynccontextmanager
async def map_prompts(
    orch: Orchestra,
    prompts: Iterable[Prompt | str],
    *,
    concurrency: int = 8,
    timeout: float = math.inf,
    ephemeral: bool = True,
    approver: ApprovalPolicy = decline_all,
) -> AsyncIterator[trio.MemoryReceiveChannel[PromptResult]]:
    """Run ``prompts`` with at most ``concurrency`` in flight; yield a channel of results in
    completion order. Leaving the block early cancels (and interrupts) what is still running."""
    if concurrency < 1:
        raise ValueError("concurrency must be at least 1")
    send_results, receive_results = trio.open_memory_channel[PromptResult](concurrency)
    work = iter(Prompt.coerce(p, i) for i, p in enumerate(prompts))

    async def worker(results: trio.MemorySendChannel[PromptResult]) -> None:
        async with results:
            for prompt in work:  # workers share one iterator: each prompt is taken exactly once
                await results.send(
                    await run_prompt(orch, prompt, timeout=timeout, ephemeral=ephemeral, approver=approver)
                )

    with unwrap_single_exception():
        async with trio.open_nursery() as nursery:
            async with send_results:
                for _ in range(concurrency):
                    nursery.start_soon(worker, send_results.clone())
            try:
                yield receive_results
            finally:
                nursery.cancel_scope.cancel()
