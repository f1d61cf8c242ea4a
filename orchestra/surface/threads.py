"""Thread management: list (paging, filters), read with turns, name, archive / unarchive, fork.

Threads are stored per CODEX_HOME, and every runtime of a pool has its own: a stored thread is
handled by the runtime whose home holds its rollout (found by its file name), a loaded ephemeral
one by the runtime that has it loaded. :func:`list_threads` lists one runtime's threads, one page
at a time; :func:`all_threads` walks every page of every runtime.

Forking (``thread/fork``) copies a thread's history into a new thread and opens a conversation on
it, on the same runtime as the source. ``ephemeral=True`` forks write no rollout (and so cannot be
resumed after a runtime dies). Ephemeral conversations are ``orch.conversation(ephemeral=True)``.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import trio

from .._errors import RpcError
from .._ids import is_thread_id
from ..actors.approvals import ApprovalPolicy, decline_all
from ..actors.conversation import DEFAULT_RESUME, DEFAULT_TURN_RETRY, EventObserver, ResumePolicy
from ..actors.handle import Conversation
from ..pool import slot_with_newest_rollout
from ..protocol import Thread, ThreadListResponse, structure_response
from ..supervision import RetryPolicy
from ._errors import ThreadNotFoundError
from ._side_turn import actor_of

if TYPE_CHECKING:
    from .._orchestra import Orchestra
    from ..pool import RuntimeSlot
    from ..runtime import Runtime


def _drop_none(params: Mapping[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in params.items() if v is not None}


# --- finding a thread's runtime --------------------------------------------------------------


async def _slot_for(orch: Orchestra, thread_id: str) -> RuntimeSlot:
    if not is_thread_id(thread_id):
        raise ThreadNotFoundError(thread_id)
    slots = orch.pool.slots
    # Where the thread last went on, if more than one home holds a rollout of it.
    held = await trio.to_thread.run_sync(slot_with_newest_rollout, slots, thread_id)
    if held is not None:
        return held
    for slot in slots:  # an ephemeral thread: only in the memory of the runtime running it
        runtime = slot.runtime
        if runtime is None or runtime.is_lost:
            continue
        loaded = await runtime.request("thread/loaded/list", {}, timeout=30)
        if thread_id in (loaded or {}).get("data", []):
            return slot
    raise ThreadNotFoundError(thread_id)


async def _runtime_for(orch: Orchestra, thread_id: str) -> Runtime:
    slot = await _slot_for(orch, thread_id)
    runtime, _ = await slot.wait_runtime()
    return runtime


# --- listing and reading ---------------------------------------------------------------------


async def list_threads(
    orch: Orchestra,
    *,
    limit: int | None = None,
    cursor: str | None = None,
    archived: bool | None = None,
    cwd: str | os.PathLike[str] | Sequence[str | os.PathLike[str]] | None = None,
    search_term: str | None = None,
    sort_key: str | None = "recency_at",
    sort_direction: str | None = None,
    model_providers: Sequence[str] | None = None,
    source_kinds: Sequence[str] | None = None,
    runtime_index: int = 0,
    timeout: float = 60.0,
) -> ThreadListResponse:
    """One page of the threads stored by one runtime (``thread/list``), newest first by default.

    ``archived=True`` lists only archived threads. ``cwd`` (one path or several), ``search_term``
    (a substring of the title), ``model_providers`` and ``source_kinds`` filter. Pass the page's
    ``next_cursor`` as ``cursor`` for the next page; it is None on the last.

    Sorted by ``recency_at`` unless told otherwise: its cursor breaks ties by thread id. (The
    runtime's own default, ``created_at``, pages with a cursor of whole seconds, so threads created
    in the same second as a page's last one are skipped by the next page.)
    """
    cwd_filter: Any = None
    if isinstance(cwd, str | os.PathLike):
        cwd_filter = os.fspath(cwd)
    elif cwd is not None:
        cwd_filter = [os.fspath(c) for c in cwd]
    params = _drop_none(
        {
            "limit": limit,
            "cursor": cursor,
            "archived": archived,
            "cwd": cwd_filter,
            "searchTerm": search_term,
            "sortKey": sort_key,
            "sortDirection": sort_direction,
            "modelProviders": list(model_providers) if model_providers is not None else None,
            "sourceKinds": list(source_kinds) if source_kinds is not None else None,
        }
    )
    if not 0 <= runtime_index < len(orch.pool.slots):
        raise ValueError(f"runtime_index {runtime_index} out of range: the pool has {len(orch.pool.slots)}")
    slot = orch.pool.slots[runtime_index]
    runtime, _ = await slot.wait_runtime()
    page: ThreadListResponse = structure_response(
        "thread/list", await runtime.request("thread/list", params, timeout=timeout)
    )
    return page


async def all_threads(orch: Orchestra, *, page_size: int = 50, **filters: Any) -> list[Thread]:
    """Every thread of every runtime of the pool matching ``filters`` (see :func:`list_threads`)."""
    threads: list[Thread] = []
    for index in range(len(orch.pool.slots)):
        cursor: str | None = None
        while True:
            page = await list_threads(orch, limit=page_size, cursor=cursor, runtime_index=index, **filters)
            threads.extend(page.data)
            cursor = page.next_cursor
            if not cursor or not page.data:
                break
    return threads


async def read_thread(
    orch: Orchestra, thread_id: str, *, include_turns: bool = True, timeout: float = 60.0
) -> Thread:
    """A stored or loaded thread with its turns and their items (``thread/read``). An ephemeral
    thread has no stored turns: it is read without them."""
    runtime = await _runtime_for(orch, thread_id)

    async def read(params: dict[str, Any]) -> Any:
        return await runtime.request("thread/read", {"threadId": thread_id, **params}, timeout=timeout)

    thread: Thread = structure_response("thread/read", await _read(read, include_turns)).thread
    return thread


async def _read(read: Callable[[dict[str, Any]], Awaitable[Any]], include_turns: bool) -> Any:
    """``thread/read``, again without turns when the runtime cannot list them: an ephemeral
    thread keeps no rollout to read them from, and a thread that has run no turn yet has none
    written ("list_turns is not supported yet")."""
    try:
        return await read({"includeTurns": include_turns})
    except RpcError as exc:
        message = exc.rpc_message.lower()
        if not (include_turns and ("ephemeral" in message or "list_turns" in message)):
            raise
        return await read({"includeTurns": False})


async def read_conversation(
    conversation: Conversation, *, include_turns: bool = True, timeout: float = 60.0
) -> Thread:
    """The conversation's own thread, read on its runtime (without turns if it is ephemeral)."""

    async def read(params: dict[str, Any]) -> Any:
        return await conversation.request("thread/read", params, timeout=timeout)

    thread: Thread = structure_response("thread/read", await _read(read, include_turns)).thread
    return thread


async def set_thread_name(orch: Orchestra, thread_id: str, name: str, *, timeout: float = 60.0) -> None:
    """Give a thread a title (``thread/name/set``); it must not be empty."""
    runtime = await _runtime_for(orch, thread_id)
    await runtime.request("thread/name/set", {"threadId": thread_id, "name": name}, timeout=timeout)


async def name_conversation(conversation: Conversation, name: str, *, timeout: float = 60.0) -> None:
    await conversation.request("thread/name/set", {"name": name}, timeout=timeout)


async def archive_thread(orch: Orchestra, thread_id: str, *, timeout: float = 60.0) -> None:
    """Move a stored thread's rollout to the archive (``thread/archive``); it then lists only with
    ``archived=True``."""
    runtime = await _runtime_for(orch, thread_id)
    await runtime.request("thread/archive", {"threadId": thread_id}, timeout=timeout)


async def unarchive_thread(orch: Orchestra, thread_id: str, *, timeout: float = 60.0) -> Thread:
    """Bring an archived thread back (``thread/unarchive``); returns it."""
    runtime = await _runtime_for(orch, thread_id)
    raw = await runtime.request("thread/unarchive", {"threadId": thread_id}, timeout=timeout)
    thread: Thread = structure_response("thread/unarchive", raw).thread
    return thread


# --- forking ---------------------------------------------------------------------------------


@contextlib.asynccontextmanager
async def fork(
    orch: Orchestra,
    source: Conversation | str,
    *,
    ephemeral: bool = False,
    last_turn_id: str | None = None,
    before_turn_id: str | None = None,
    model: str | None = None,
    cwd: str | os.PathLike[str] | None = None,
    approval_policy: str | None = None,
    sandbox: str | None = None,
    developer_instructions: str | None = None,
    config: Mapping[str, Any] | None = None,
    approver: ApprovalPolicy = decline_all,
    mailbox_size: int = 256,
    observers: Sequence[EventObserver] = (),
    resume: ResumePolicy = DEFAULT_RESUME,
    turn_retry: RetryPolicy = DEFAULT_TURN_RETRY,
    extra: Mapping[str, Any] | None = None,
) -> AsyncIterator[Conversation]:
    """Fork ``source`` (a conversation, or a thread id) into a new thread and hold a conversation
    on it for the ``async with`` block, on the source's runtime.

    ``last_turn_id`` forks through that turn; ``before_turn_id`` forks before it. ``ephemeral``
    forks write no rollout. Other arguments are those of :meth:`Orchestra.conversation`.
    Raises :class:`ThreadNotFoundError` for an unknown thread id, :class:`~orchestra.RpcError`
    when the runtime refuses.
    """
    if isinstance(source, Conversation):
        slot, thread_id = actor_of(source).slot, source.thread_id
    else:
        slot, thread_id = await _slot_for(orch, source), source
    params = _drop_none(
        {
            "threadId": thread_id,
            "ephemeral": ephemeral or None,
            # The runtime requires it for an ephemeral fork of a thread with paginated history.
            "excludeTurns": True if ephemeral else None,
            "lastTurnId": last_turn_id,
            "beforeTurnId": before_turn_id,
            "model": model,
            "cwd": os.fspath(cwd) if cwd is not None else None,
            "approvalPolicy": approval_policy,
            "sandbox": sandbox,
            "developerInstructions": developer_instructions,
            "config": dict(config) if config is not None else None,
            **(extra or {}),
        }
    )
    async with orch.open_thread(
        params,
        thread_method="thread/fork",
        slot=slot,  # the fork reads the source's rollout: it lives in the same runtime's home
        approver=approver,
        mailbox_size=mailbox_size,
        observers=observers,
        resume=resume,
        turn_retry=turn_retry,
    ) as conversation:
        yield conversation


def rollout_exists(conversation: Conversation) -> bool:
    """Whether the conversation's rollout file is on disk (never for ephemeral threads)."""
    path = conversation.rollout_path
    return path is not None and Path(path).exists()


__all__ = [
    "all_threads",
    "archive_thread",
    "fork",
    "list_threads",
    "name_conversation",
    "read_conversation",
    "read_thread",
    "rollout_exists",
    "set_thread_name",
    "unarchive_thread",
]
