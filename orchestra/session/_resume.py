"""Resume: a new conversation that carries the history of a recorded one or of a rollout.

Where the restored state comes from (measured against codex 0.163):

- **A rollout** holds the thread as the runtime saved it: every model-visible item (messages,
  tool calls and outputs, reasoning) and the per-turn settings. ``thread/resume`` and
  ``thread/fork`` restore it exactly, but the runtime finds a thread only by id *in its own*
  ``CODEX_HOME/sessions`` (``path`` alone is refused: "no rollout found for thread id"), so a
  rollout from elsewhere (another machine, another runtime of the pool) is first copied into the
  ``sessions`` tree of the CODEX_HOME of the runtime the conversation is placed on.
  ``mode="fork"`` (default) starts a new thread with that history and never writes to the source;
  ``mode="resume"`` continues the same thread id.
- **A recording** names its rollout; when that file still exists it is used as above. Otherwise
  the history is rebuilt from the recorded items (user and assistant messages, shell commands
  with their output, file changes) and appended to a fresh thread with ``thread/inject_items``.
  Reasoning and other tool items cannot be rebuilt; redacted secrets stay redacted.

Either way the next model request's ``input`` carries the earlier turns.
"""

from __future__ import annotations

import contextlib
import datetime
import filecmp
import functools
import os
import shutil
import tempfile
from collections.abc import AsyncIterator, Mapping, Sequence
from pathlib import Path
from typing import Any, Literal

import attrs
import trio

from .._ids import THREAD_ID
from .._log import get_logger
from .._orchestra import Orchestra
from ..actors.approvals import ApprovalPolicy, decline_all
from ..actors.conversation import DEFAULT_RESUME, DEFAULT_TURN_RETRY, EventObserver, ResumePolicy
from ..actors.handle import Conversation
from ..pool import RuntimeSlot, slot_with_newest_rollout
from ..supervision import RetryPolicy
from ._errors import ResumeError
from ._files import load_session_file
from ._history import History, history_from_records
from ._recording import Recording
from ._rollout import ROLLOUT_NAME, Rollout, load_rollout

log = get_logger("orchestra.session.resume")

PathLike = str | os.PathLike[str]
ResumeMode = Literal["fork", "resume"]
Strategy = Literal["thread/fork", "thread/resume", "thread/inject_items"]


@attrs.frozen(kw_only=True)
class ResumePlan:
    """How a conversation will be restored; see :func:`plan_resume`."""

    strategy: Strategy
    source: str
    source_kind: Literal["recording", "rollout"]
    thread_id: str | None = None  # the recorded thread
    rollout_path: str | None = None  # the rollout the runtime restores from (before any copy)
    history: History | None = None  # for thread/inject_items
    cwd: str | None = None  # the recorded working directory

    @property
    def restores_exactly(self) -> bool:
        """True when the runtime restores from its own rollout (nothing is lost)."""
        return self.strategy != "thread/inject_items"


def plan_resume(
    source: PathLike | Recording | Rollout,
    *,
    mode: ResumeMode = "fork",
    conversation: str | None = None,
    prefer_rollout: bool = True,
) -> ResumePlan:
    """Decide how to restore ``source`` (a recording or rollout, or its path). Reads the file.

    Raises :class:`ResumeError` when ``mode="resume"`` but no rollout is available (a recording
    made elsewhere can only be forked: its events are replayed into a new thread).
    """
    if mode not in ("fork", "resume"):
        raise ValueError(f"mode must be 'fork' or 'resume', not {mode!r}")
    loaded = load_session_file(source) if isinstance(source, (str, os.PathLike)) else source
    strategy: Strategy = "thread/fork" if mode == "fork" else "thread/resume"
    if isinstance(loaded, Rollout):
        return ResumePlan(
            strategy=strategy,
            source=loaded.path,
            source_kind="rollout",
            thread_id=loaded.thread_id,
            rollout_path=loaded.path,
            cwd=loaded.cwd,
        )
    info = loaded.conversation(conversation)
    rollout = info.rollout_path
    if prefer_rollout and rollout and Path(rollout).is_file():
        return ResumePlan(
            strategy=strategy,
            source=loaded.path,
            source_kind="recording",
            thread_id=info.id,
            rollout_path=rollout,
            cwd=info.cwd,
        )
    if mode == "resume":
        why = (
            "prefer_rollout=False"
            if rollout and Path(rollout).is_file()
            else f"{rollout or 'no rollout'} is gone"
        )
        raise ResumeError(
            f"cannot resume thread {info.id} from {loaded.path}: its rollout is not available ({why}); "
            "use mode='fork' to restore it from the recorded events into a new thread"
        )
    return ResumePlan(
        strategy="thread/inject_items",
        source=loaded.path,
        source_kind="recording",
        thread_id=info.id,
        rollout_path=rollout,
        history=history_from_records(loaded.records_of(info.id)),
        cwd=info.cwd,
    )


def import_rollout(rollout: PathLike, sessions_dir: PathLike) -> Path:
    """``rollout`` as a file under ``sessions_dir`` (a CODEX_HOME's ``sessions``), copied into the
    runtime's ``YYYY/MM/DD`` layout if it is not there yet. Returns the path the runtime will read.

    Raises :class:`ResumeError` if a *different* rollout of the same thread is already there (the
    thread went on in that CODEX_HOME; resume it from there, or fork from its rollout).
    """
    source = Path(rollout).resolve()
    root = Path(sessions_dir).resolve()
    if source.is_relative_to(root):
        return source
    match = ROLLOUT_NAME.match(source.name)
    if match is not None:
        target = root / match["year"] / match["month"] / match["day"] / source.name
    else:  # renamed by someone: give it the name the runtime looks for
        loaded = load_rollout(source)
        if not THREAD_ID.fullmatch(loaded.thread_id):
            # The name is built from the id: "../x" must not put the copy outside sessions/.
            raise ResumeError(f"{source}: its thread id {loaded.thread_id!r} is not a thread id")
        stamp = _timestamp(loaded.started_at)
        target = (
            root
            / f"{stamp:%Y}"
            / f"{stamp:%m}"
            / f"{stamp:%d}"
            / f"rollout-{stamp:%Y-%m-%dT%H-%M-%S}-{loaded.thread_id}.jsonl"
        )
    if not target.resolve().is_relative_to(root):
        raise ResumeError(f"{source}: would be imported outside {root} (as {target})")
    if target.exists():
        if filecmp.cmp(source, target, shallow=False):
            return target
        raise ResumeError(
            f"{target} already holds a different rollout of this thread (it went on in that CODEX_HOME); "
            f"not overwriting it with {source}"
        )
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(dir=target.parent, prefix=".import-", suffix=".tmp")
    os.close(fd)
    try:
        shutil.copyfile(source, temporary)
        os.replace(temporary, target)  # the runtime never sees a half-copied rollout
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    log.info("rollout imported", source=str(source), target=str(target))
    return target


def _timestamp(text: str | None) -> datetime.datetime:
    if text:
        with contextlib.suppress(ValueError):
            return datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))
    return datetime.datetime.now(datetime.UTC)


def resume_conversation(
    orch: Orchestra,
    source: PathLike | Recording | Rollout | ResumePlan,
    *,
    mode: ResumeMode = "fork",
    conversation: str | None = None,
    prefer_rollout: bool = True,
    cwd: str | None = None,
    model: str | None = None,
    approval_policy: str | None = None,
    sandbox: str | None = None,
    approver: ApprovalPolicy = decline_all,
    developer_instructions: str | None = None,
    base_instructions: str | None = None,
    config: Mapping[str, Any] | None = None,
    mailbox_size: int = 256,
    observers: Sequence[EventObserver] = (),
    resume: ResumePolicy = DEFAULT_RESUME,
    turn_retry: RetryPolicy = DEFAULT_TURN_RETRY,
    extra: Mapping[str, Any] | None = None,
) -> contextlib.AbstractAsyncContextManager[Conversation]:
    """A conversation restored from a recording or rollout, for the duration of an ``async with``::

        async with resume_conversation(orch, "session.jsonl", approver=accept_all) as conv:
            result = await conv.run("and now the tests")   # the model sees the earlier turns

    ``source`` is a recording or rollout (path or loaded), or a :class:`ResumePlan`. ``mode``,
    ``conversation`` and ``prefer_rollout`` are as in :func:`plan_resume`; the other parameters
    are those of :meth:`Orchestra.conversation` (``resume`` is what happens if the runtime dies
    later) and override the recorded settings (the recorded ``cwd`` is used when none is given and
    it exists). Raises :class:`ResumeError` if the source
    cannot be resumed as asked, :class:`~orchestra.RpcError` if the runtime refuses.
    """
    settings = {
        "cwd": cwd,
        "model": model,
        "approvalPolicy": approval_policy,
        "sandbox": sandbox,
        "developerInstructions": developer_instructions,
        "baseInstructions": base_instructions,
        "config": dict(config) if config is not None else None,
        **(extra or {}),
    }
    return _resumed(
        orch,
        source,
        functools.partial(plan_resume, mode=mode, conversation=conversation, prefer_rollout=prefer_rollout),
        settings,
        approver=approver,
        mailbox_size=mailbox_size,
        observers=observers,
        resume=resume,
        turn_retry=turn_retry,
    )


def _where_it_went_on(slots: Sequence[RuntimeSlot], rollout: PathLike, thread_id: str) -> RuntimeSlot | None:
    """For a rollout of one of the pool's homes (say ``conv.rollout_path``): the slot where the
    thread last went on. A resume placed in another runtime's home goes on in a copy there, and the
    rollout first named stays behind, stale. ``None`` for a rollout from elsewhere (it is copied in
    wherever the conversation is placed)."""
    source = Path(rollout).resolve()
    if not any(source.is_relative_to(slot.home.path.resolve()) for slot in slots):
        return None
    return slot_with_newest_rollout(slots, thread_id)


@contextlib.asynccontextmanager
async def _resumed(
    orch: Orchestra,
    source: PathLike | Recording | Rollout | ResumePlan,
    plan_for: functools.partial[ResumePlan],
    settings: dict[str, Any],
    *,
    approver: ApprovalPolicy,
    mailbox_size: int,
    observers: Sequence[EventObserver],
    resume: ResumePolicy,
    turn_retry: RetryPolicy,
) -> AsyncIterator[Conversation]:
    plan = source if isinstance(source, ResumePlan) else await trio.to_thread.run_sync(plan_for, source)
    if settings.get("cwd") is None and plan.cwd and await trio.Path(plan.cwd).is_dir():
        settings["cwd"] = plan.cwd
    log.info("resuming conversation", source=plan.source, strategy=plan.strategy, thread_id=plan.thread_id)
    if plan.strategy == "thread/inject_items":
        history = plan.history or History(())
        async with orch.conversation(
            cwd=settings.pop("cwd"),
            model=settings.pop("model"),
            approval_policy=settings.pop("approvalPolicy"),
            sandbox=settings.pop("sandbox"),
            developer_instructions=settings.pop("developerInstructions"),
            base_instructions=settings.pop("baseInstructions"),
            config=settings.pop("config"),
            approver=approver,
            mailbox_size=mailbox_size,
            observers=observers,
            resume=resume,
            turn_retry=turn_retry,
            extra=settings,
        ) as conv:
            if history.items:
                await conv.request("thread/inject_items", {"items": list(history.items)})
            if history.skipped:
                log.warning(
                    "recorded items not restored",
                    thread_id=conv.thread_id,
                    kinds=sorted(set(history.skipped)),
                )
            yield conv
        return
    assert plan.rollout_path is not None and plan.thread_id is not None
    rollout, thread_id = plan.rollout_path, plan.thread_id
    held: RuntimeSlot | None = None
    if plan.strategy == "thread/resume":
        held = await trio.to_thread.run_sync(_where_it_went_on, orch.pool.slots, rollout, thread_id)

    def prepare(slot: RuntimeSlot) -> dict[str, Any]:
        local = slot.newest_rollout(thread_id) if held is not None else None
        if local is None:
            local = import_rollout(rollout, slot.home.sessions_dir)
        return {"threadId": thread_id, "path": str(local), "excludeTurns": True}

    async with orch.open_thread(
        settings,
        thread_method=plan.strategy,
        prepare=prepare,
        slot=held,
        approver=approver,
        mailbox_size=mailbox_size,
        observers=observers,
        resume=resume,
        turn_retry=turn_retry,
    ) as conv:
        yield conv
