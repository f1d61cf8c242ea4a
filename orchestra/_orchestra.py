"""The Orchestra: the top of the tree. It owns the runtime(s) and starts conversations."""

from __future__ import annotations

import contextlib
import math
import os
from collections.abc import AsyncIterator, Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import trio

from ._groups import unwrap_single_exception
from ._secret import Secret
from .actors.approvals import ApprovalPolicy, decline_all
from .actors.conversation import DEFAULT_RESUME, DEFAULT_TURN_RETRY, EventObserver, ResumePolicy
from .actors.handle import Conversation, open_conversation
from .actors.ratelimit_monitor import RateLimitMonitor
from .fanout import DEFAULT_PROMPT_RETRY, PromptLike, PromptResult, map_prompts
from .plugins import Plugin, PluginSet
from .pool import DEFAULT_RUNTIMES, PoolClosedError, RuntimePool, RuntimeSlot, open_pool
from .runtime import CodexHome, Runtime
from .runtime._lock import home_lock
from .supervision import RetryPolicy

if TYPE_CHECKING:
    from ._secret import Secret
    from .protocol import Model, Thread, ThreadListResponse
    from .surface import AccountInfo, LoginFlow, ModelCheck


class Orchestra:
    """Runs conversations on a supervised pool of runtimes. Create with :func:`open_orchestra`."""

    def __init__(
        self,
        pool: RuntimePool,
        nursery: trio.Nursery,
        limits: RateLimitMonitor,
        plugins: PluginSet | None = None,
    ) -> None:
        self.pool = pool
        self.plugins = plugins or PluginSet()
        self.limits = limits  # the live rate-limit book and the gate new turns wait on
        self.nursery = nursery  # visible: everything orchestra runs lives in here or below
        # Keys handed to the runtimes after start (login_api_key): held while the runtimes may
        # use them, since only a live Secret's value is masked where a server echoes it.
        self.credentials: list[Secret] = []

    def __repr__(self) -> str:
        return f"<Orchestra {self.pool!r}>"

    @property
    def runtime(self) -> Runtime:
        """A live runtime of the pool (the first one up), for control requests."""
        for runtime in self.pool.runtimes:
            return runtime
        raise PoolClosedError("no runtime of the pool is up right now")

    @property
    def home(self) -> CodexHome:
        return self.pool.slots[0].home

    def conversation(
        self,
        *,
        cwd: str | os.PathLike[str] | None = None,
        model: str | None = None,
        approval_policy: str | None = None,
        sandbox: str | None = None,
        approver: ApprovalPolicy = decline_all,
        ephemeral: bool | None = None,
        developer_instructions: str | None = None,
        base_instructions: str | None = None,
        config: Mapping[str, Any] | None = None,
        mailbox_size: int = 256,
        observers: Sequence[EventObserver] = (),
        resume: ResumePolicy = DEFAULT_RESUME,
        turn_retry: RetryPolicy = DEFAULT_TURN_RETRY,
        extra: Mapping[str, Any] | None = None,
    ) -> contextlib.AbstractAsyncContextManager[Conversation]:
        """Start a conversation (a new Codex thread) for the duration of an ``async with``.

        ``approval_policy`` is the runtime's (``untrusted``, ``on-request``, ``never``) and decides
        *when* the runtime asks; ``approver`` decides *what* we answer (default: decline and log).
        ``sandbox`` is ``read-only``, ``workspace-write`` or ``danger-full-access``.
        ``ephemeral=True`` writes no rollout (about half the runtime cost) but cannot be resumed.
        ``observers`` see every event of the conversation (see :data:`EventObserver`).
        ``resume`` says what happens when its runtime dies (default: resume and re-run the turn in
        flight); ``turn_retry`` how failed turns with retryable model errors are run again.
        Leaving the block interrupts a running turn and unloads the thread from the runtime.
        A relative ``cwd`` is taken from this process's working directory (the runtime would read
        it against its own); one that is not a directory is a ``ValueError``.
        """
        params = {
            "cwd": _working_directory(cwd),
            "model": model,
            "approvalPolicy": approval_policy,
            "sandbox": sandbox,
            "ephemeral": ephemeral,
            "developerInstructions": developer_instructions,
            "baseInstructions": base_instructions,
            "config": dict(config) if config is not None else None,
            **(extra or {}),
        }
        return self.open_thread(
            params,
            approver=approver,
            mailbox_size=mailbox_size,
            observers=observers,
            resume=resume,
            turn_retry=turn_retry,
        )

    def open_thread(
        self,
        thread_params: Mapping[str, Any],
        *,
        thread_method: str = "thread/start",
        prepare: Callable[[RuntimeSlot], Mapping[str, Any]] | None = None,
        slot: RuntimeSlot | None = None,
        approver: ApprovalPolicy = decline_all,
        mailbox_size: int = 256,
        observers: Sequence[EventObserver] = (),
        resume: ResumePolicy = DEFAULT_RESUME,
        turn_retry: RetryPolicy = DEFAULT_TURN_RETRY,
    ) -> contextlib.AbstractAsyncContextManager[Conversation]:
        """A conversation on this orchestra's pool, with its rate-limit gate and plugins, whose
        thread is opened with ``thread_method`` (start, resume or fork) from wire ``thread_params``.

        The one way every conversation is opened (``conversation``, resumes, forks), so none of
        them can miss an orchestra-wide setting. ``prepare``/``slot``: see :func:`open_conversation`.
        """
        return open_conversation(
            self.pool,
            thread_params=thread_params,
            approver=approver,
            mailbox_size=mailbox_size,
            observers=observers,
            resume=resume,
            turn_retry=turn_retry,
            limits=self.limits,
            plugins=self.plugins,
            thread_method=thread_method,
            prepare=prepare,
            slot=slot,
        )

    def map(
        self,
        prompts: Iterable[PromptLike],
        *,
        concurrency: int | None = None,
        ordered: bool = False,
        timeout: float = math.inf,
        ephemeral: bool = True,
        approver: ApprovalPolicy = decline_all,
        retry: RetryPolicy = DEFAULT_PROMPT_RETRY,
    ) -> contextlib.AbstractAsyncContextManager[trio.MemoryReceiveChannel[PromptResult]]:
        """Run one-turn ``prompts`` with bounded concurrency; results arrive as they complete::

            async with orch.map(["a", "b"], concurrency=4) as results:
                async for result in results:
                    print(result.id, result.status, result.final_text)

        A failed prompt is a result with ``status != "completed"``; it never ends the batch. A
        prompt whose conversation could not start, or whose runtime died under it, is run again
        from its input under ``retry`` (at-least-once; ``PromptResult.attempts`` counts the runs).
        ``ephemeral`` threads cost the runtime about half as much but cannot be resumed.
        ``concurrency`` defaults to 32 prompts in flight per runtime of the pool
        (:func:`~orchestra.fanout.default_concurrency`). ``ordered=True`` yields the results in the
        order of ``prompts`` instead (no prompt starts more than ``2 * concurrency`` places ahead
        of the first result not yet yielded). A prompt is a :class:`~orchestra.fanout.Prompt`, a
        string, or a mapping shaped like a prompts-file line (``{"id", "prompt", "cwd", ...}``).
        """
        return map_prompts(
            self,
            prompts,
            concurrency=concurrency,
            ordered=ordered,
            timeout=timeout,
            ephemeral=ephemeral,
            approver=approver,
            retry=retry,
        )

    async def request(self, method: str, params: Any = None, *, timeout: float = math.inf) -> Any:
        """A raw JSON-RPC request on the control route (e.g. ``model/list``, ``account/read``)."""
        return await self.runtime.request(method, params, timeout=timeout)

    # --- the conversation surface (implemented in orchestra.surface) ---------------------

    async def account(self, *, refresh_token: bool = False) -> AccountInfo:
        """The account the runtime acts as (``account/read``): auth mode, plan, email."""
        from .surface.accounts import read_account

        return await read_account(self, refresh_token=refresh_token)

    async def login_api_key(self, api_key: str | Secret) -> AccountInfo:
        """Log every runtime in with an API key (kept in a Secret, never logged)."""
        from .surface.accounts import login_api_key

        return await login_api_key(self, api_key)

    async def logout(self) -> AccountInfo:
        """Log every runtime out (``account/logout``); returns the account as then read."""
        from .surface.accounts import logout

        return await logout(self)

    async def login_chatgpt(self) -> LoginFlow:
        """Start the ChatGPT browser login; ``await flow.wait()`` for ``account/login/completed``."""
        from .surface.accounts import start_chatgpt_login

        return await start_chatgpt_login(self)

    async def login_device_code(self) -> LoginFlow:
        """Start the ChatGPT device-code login; ``await flow.wait()`` for its completion."""
        from .surface.accounts import start_device_code_login

        return await start_device_code_login(self)

    async def models(self, *, include_hidden: bool = False) -> list[Model]:
        """The models the runtime offers (``model/list``, every page)."""
        from .surface.models import list_models

        return await list_models(self, include_hidden=include_hidden)

    async def check_model(self, model: str, *, probe: bool = False, **options: Any) -> ModelCheck:
        """Check that ``model`` is usable (listed; with ``probe``, one real turn); raises
        :class:`~orchestra.surface.ModelUnavailableError` naming it if not."""
        from .surface.models import check_model

        return await check_model(self, model, probe=probe, **options)

    async def threads(self, **filters: Any) -> ThreadListResponse:
        """One page of stored threads (``thread/list``: limit, cursor, archived, cwd, search_term...)."""
        from .surface.threads import list_threads

        return await list_threads(self, **filters)

    async def read_thread(self, thread_id: str, *, include_turns: bool = True) -> Thread:
        """A thread with its turns (``thread/read``), from the runtime that has it."""
        from .surface.threads import read_thread

        return await read_thread(self, thread_id, include_turns=include_turns)

    async def set_thread_name(self, thread_id: str, name: str) -> None:
        """Give a thread a title (``thread/name/set``)."""
        from .surface.threads import set_thread_name

        await set_thread_name(self, thread_id, name)

    async def archive_thread(self, thread_id: str) -> None:
        """Archive a stored thread (``thread/archive``)."""
        from .surface.threads import archive_thread

        await archive_thread(self, thread_id)

    async def unarchive_thread(self, thread_id: str) -> Thread:
        """Bring an archived thread back (``thread/unarchive``); returns it."""
        from .surface.threads import unarchive_thread

        return await unarchive_thread(self, thread_id)

    def resume(
        self, source: Any, *, mode: str = "fork", **options: Any
    ) -> contextlib.AbstractAsyncContextManager[Conversation]:
        """A conversation restored from a recording or a rollout file (see
        :func:`orchestra.session.resume_conversation` for ``mode`` and the options)::

            async with orch.resume("session.jsonl", approver=accept_all) as conv:
                await conv.run("and now the tests")   # the model sees the earlier turns
        """
        from .session import resume_conversation

        return resume_conversation(self, source, mode=mode, **options)  # type: ignore[arg-type]

    def fork(
        self, source: Conversation | str, *, ephemeral: bool = False, **options: Any
    ) -> contextlib.AbstractAsyncContextManager[Conversation]:
        """``async with orch.fork(conv_or_thread_id) as forked:`` a conversation on a copy of the
        thread, on the source's runtime (options as for :meth:`conversation`)."""
        from .surface.threads import fork

        return fork(self, source, ephemeral=ephemeral, **options)


@contextlib.asynccontextmanager
async def open_orchestra(
    home: CodexHome,
    *,
    runtimes: int = DEFAULT_RUNTIMES,
    max_conversations_per_runtime: int | None = None,
    max_restarts: int = 5,
    restart_period: float = 30.0,
    opt_out_notifications: Sequence[str] = (),
    runtime_argv: Sequence[str] | None = None,
    handshake_timeout: float = 60.0,
    rate_limit_threshold: float | None = 95.0,
    rate_limit_history: str | os.PathLike[str] | None = None,
    plugins: Sequence[Plugin] = (),
) -> AsyncIterator[Orchestra]:
    """Start a supervised pool of ``runtimes`` runtime processes for ``home``; yield an :class:`Orchestra`.

    If not one runtime can start (a wrong binary, a broken config), the block is never entered:
    the first runtime's :class:`~orchestra.RuntimeStartError` is raised, with its stderr tail.
    A runtime that dies is restarted (at most ``max_restarts`` times in ``restart_period`` seconds,
    then :class:`~orchestra.supervision.SupervisorEscalation` ends the block) and its conversations
    resume on it. New turns wait while a rate-limit window is at ``rate_limit_threshold`` percent
    or a usage limit was reported, until the reset (``None``: watch, never pause);
    ``rate_limit_history`` appends every snapshot to a JSONL file. Everything runs in nurseries
    inside this block; leaving it closes conversations, then the runtimes (stdin closed, a grace
    period, then SIGKILL), leaving no process behind. ``plugins`` see every submission, event and
    error of every conversation (see :mod:`orchestra.plugins`).
    """
    limits = RateLimitMonitor(threshold_percent=rate_limit_threshold, history=rate_limit_history)
    runtime_options: dict[str, Any] = {
        "opt_out_notifications": opt_out_notifications,
        "argv": runtime_argv,
        "handshake_timeout": handshake_timeout,
        "observers": [limits.on_control],
    }
    with unwrap_single_exception(), home_lock(home.path):
        async with (
            open_pool(
                home,
                runtimes=runtimes,
                max_conversations_per_runtime=max_conversations_per_runtime,
                max_restarts=max_restarts,
                restart_period=restart_period,
                runtime_options=runtime_options,
            ) as pool,
            trio.open_nursery() as nursery,
        ):
            nursery.start_soon(limits.run)
            yield Orchestra(pool, nursery, limits, PluginSet(plugins))
            nursery.cancel_scope.cancel()


def _working_directory(cwd: str | os.PathLike[str] | None) -> str | None:
    """``cwd`` as an absolute path, checked to be a directory (``None`` stays ``None``)."""
    if cwd is None:
        return None
    path = os.path.abspath(os.fspath(cwd))
    if not os.path.isdir(path):
        raise ValueError(f"cwd {os.fspath(cwd)!r} is not a directory")
    return path
