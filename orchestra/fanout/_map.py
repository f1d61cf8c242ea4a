"""map(): run many one-turn prompts with bounded concurrency, yielding results as they finish."""

from __future__ import annotations

import contextlib
import math
import time
from collections.abc import AsyncIterator, Iterable, Mapping
from typing import TYPE_CHECKING, Any

import trio

from .._errors import RuntimeExitedError
from .._groups import unwrap_single_exception
from .._log import get_logger
from ..actors.approvals import ApprovalPolicy, decline_all
from ..actors.turn import TurnResult
from ..events import RuntimeLost
from ..plugins import SubmissionVetoed
from ..supervision import RetriesExhausted, RetryPolicy, classify_turn_error, retry_call
from ._types import Prompt, PromptLike, PromptResult

if TYPE_CHECKING:
    from .._orchestra import Orchestra

log = get_logger("orchestra.fanout")

#: A prompt whose conversation could not start (runtime overloaded with -32001, or restarting) or
#: whose ephemeral thread died with its runtime is run again from its input, this way.
DEFAULT_PROMPT_RETRY = RetryPolicy(attempts=6, initial=0.25, maximum=5.0, deadline=300.0)


def _usage_dict(usage: Any) -> Mapping[str, int] | None:
    """Token counts of the prompt, as a plain dict: its conversation's total, so every model call
    of the turn (a turn that runs a tool calls the model again; ``last`` is only the last call)
    and of any rerun."""
    last = getattr(usage, "total", None)
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


#: How many usage-limit pauses one prompt may go through before it is reported as failed.
MAX_USAGE_LIMIT_PAUSES = 20


def _is_usage_limit(error: Any) -> bool:
    return error is not None and classify_turn_error(error).verdict == "wait_until"


class _TurnTimedOut(Exception):
    def __init__(self, thread_id: str) -> None:
        super().__init__("turn timed out")
        self.thread_id = thread_id


async def run_prompt(
    orch: Orchestra,
    prompt: Prompt,
    *,
    timeout: float = math.inf,
    ephemeral: bool = True,
    approver: ApprovalPolicy = decline_all,
    retry: RetryPolicy = DEFAULT_PROMPT_RETRY,
) -> PromptResult:
    """Run one prompt in a fresh conversation; every failure becomes a failed PromptResult."""
    started = time.monotonic()
    attempts = 0

    async def attempt() -> TurnResult:
        nonlocal attempts
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
                raise _TurnTimedOut(conv.thread_id) from None
        # Runs inside the conversation count too: a turn rerun after its runtime was replaced
        # (a persisted thread resumes) or retried after a model failure.
        attempts += result.attempts - 1
        if isinstance(result.error, RuntimeLost):  # an ephemeral thread died with its runtime
            raise RuntimeExitedError(
                "runtime lost the prompt's thread",
                exit_code=result.error.exit_code,
                exit_signal=result.error.exit_signal,
            )
        return result

    try:
        result = await retry_call(attempt, retry)
        # A usage limit is not a failure of the prompt: the gate is closed now (the monitor saw
        # the error), so run it again once it reopens. Nothing is lost while paused.
        for _ in range(MAX_USAGE_LIMIT_PAUSES):
            if not (result.status == "failed" and orch.limits.enforce and _is_usage_limit(result.error)):
                break
            log.info("prompt hit a usage limit; waiting for the gate", prompt_id=prompt.id)
            await orch.limits.wait_open()
            result = await retry_call(attempt, retry)
    except RetriesExhausted as exc:
        cause = exc.__cause__
        if isinstance(cause, SubmissionVetoed):  # a plugin (say, a token budget) said no
            return PromptResult(
                id=prompt.id,
                status="vetoed",
                error=str(cause),
                duration_s=time.monotonic() - started,
                attempts=attempts,
            )
        if isinstance(cause, _TurnTimedOut):
            return PromptResult(
                id=prompt.id,
                status="timeout",
                error=f"no result within {timeout} s",
                duration_s=time.monotonic() - started,
                attempts=attempts,
                thread_id=cause.thread_id,
            )
        log.warning("prompt failed", prompt_id=prompt.id, error=str(exc))
        return PromptResult(
            id=prompt.id,
            status="error",
            error=str(exc),
            duration_s=time.monotonic() - started,
            attempts=attempts,
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


#: Prompts in flight per runtime of the pool by default: enough to keep a runtime busy behind a
#: slow model (a 300 ms model needs ~20 on two cores; benchmarks/README.md), without the runtime
#: holding every thread of a batch at once (memory grows with live threads).
CONCURRENCY_PER_RUNTIME = 32


def default_concurrency(runtimes: int, max_conversations_per_runtime: int | None = None) -> int:
    """Prompts in flight when the caller does not say: :data:`CONCURRENCY_PER_RUNTIME` for each
    runtime (a pool of eight is fed as eight runtimes, not one), never more than the pool places."""
    per_runtime = CONCURRENCY_PER_RUNTIME
    if max_conversations_per_runtime is not None:
        per_runtime = min(per_runtime, max_conversations_per_runtime)
    return max(1, per_runtime * runtimes)


class _Results:
    """Hands the workers' results on: as they finish, or in input order.

    In input order, a result that finishes early waits for those before it; so that no more than
    ``window`` of them can wait, a prompt does not start more than ``window`` places after the
    first one not yet handed on.
    """

    def __init__(self, *, ordered: bool, window: int) -> None:
        self.ordered = ordered
        self.window = window
        self.next = 0  # the index of the first result not yet handed on
        self._early: dict[int, PromptResult] = {}
        self._moved = trio.lowlevel.ParkingLot()

    async def may_start(self, index: int) -> None:
        while self.ordered and index >= self.next + self.window:
            await self._moved.park()

    async def pass_on(
        self,
        finished: trio.MemoryReceiveChannel[tuple[int, PromptResult]],
        out: trio.MemorySendChannel[PromptResult],
    ) -> None:
        with out:
            async for index, result in finished:
                if not self.ordered:
                    await out.send(result)
                    continue
                self._early[index] = result
                while self.next in self._early:
                    await out.send(self._early.pop(self.next))
                    self.next += 1
                    self._moved.unpark_all()


@contextlib.asynccontextmanager
async def map_prompts(
    orch: Orchestra,
    prompts: Iterable[PromptLike],
    *,
    concurrency: int | None = None,
    ordered: bool = False,
    timeout: float = math.inf,
    ephemeral: bool = True,
    approver: ApprovalPolicy = decline_all,
    retry: RetryPolicy = DEFAULT_PROMPT_RETRY,
) -> AsyncIterator[trio.MemoryReceiveChannel[PromptResult]]:
    """Run ``prompts`` with at most ``concurrency`` in flight (by default
    :func:`default_concurrency` for ``orch``'s pool); yield a channel of results in completion
    order, or in the order of ``prompts`` if ``ordered``. Leaving the block early cancels (and
    interrupts) what is still running."""
    if concurrency is None:
        pool = orch.pool
        concurrency = default_concurrency(len(pool.slots), pool.max_conversations_per_runtime)
    if isinstance(concurrency, bool) or not isinstance(concurrency, int):
        raise TypeError(f"concurrency must be an int, not {type(concurrency).__name__}")
    if concurrency < 1:
        raise ValueError("concurrency must be at least 1")
    if not timeout > 0:  # also NaN
        raise ValueError(f"timeout must be a positive number of seconds, not {timeout!r}")
    send_results, receive_results = trio.open_memory_channel[PromptResult](concurrency)
    send_finished, receive_finished = trio.open_memory_channel[tuple[int, PromptResult]](concurrency)
    results = _Results(ordered=ordered, window=2 * concurrency)
    work = enumerate(Prompt.coerce(p, i) for i, p in enumerate(prompts))

    async def worker(finished: trio.MemorySendChannel[tuple[int, PromptResult]]) -> None:
        # A plain `with`: an async close is a checkpoint where cancellation could mask an error.
        with finished:
            for index, prompt in work:  # workers share one iterator: each prompt is taken once
                await results.may_start(index)
                outcome = await run_prompt(
                    orch, prompt, timeout=timeout, ephemeral=ephemeral, approver=approver, retry=retry
                )
                await finished.send((index, outcome))

    with unwrap_single_exception():
        async with trio.open_nursery() as nursery:
            nursery.start_soon(results.pass_on, receive_finished, send_results)
            async with send_finished:
                for _ in range(concurrency):
                    nursery.start_soon(worker, send_finished.clone())
            try:
                yield receive_results
            finally:
                nursery.cancel_scope.cancel()
