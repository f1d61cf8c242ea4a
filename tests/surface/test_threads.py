"""Thread management against the real runtime: list with paging and filters, read with turns,
name, archive / unarchive, fork (persisted and ephemeral), ephemeral conversations."""

from __future__ import annotations

from pathlib import Path

import pytest
import trio

from orchestra import Orchestra
from orchestra.surface import ThreadNotFoundError, all_threads, rollout_exists
from orchestra.testing import ScriptedModel

from .conftest import TIMEOUT


async def test_list_read_name_archive_unarchive(
    orch: Orchestra, scripted_model: ScriptedModel, workdir: Path, tmp_path: Path
) -> None:
    other = tmp_path / "other"
    other.mkdir()
    with trio.fail_after(TIMEOUT):
        async with orch.conversation(cwd=str(workdir)) as conv:
            await conv.run("alpha question")
            await conv.run("alpha follow-up")
            await conv.set_name("Alpha work")
            alpha = conv.thread_id
        async with orch.conversation(cwd=str(other)) as conv:
            await conv.run("beta question")
            beta = conv.thread_id
        async with orch.conversation(cwd=str(workdir), ephemeral=True) as conv:
            await conv.run("gamma, never stored")
            gamma_path = conv.rollout_path

        first = await orch.threads(limit=1)
        second = await orch.threads(limit=1, cursor=first.next_cursor)
        by_cwd = await orch.threads(cwd=other)
        by_title = await orch.threads(search_term="Alpha")
        read = await orch.read_thread(alpha)
        await orch.set_thread_name(beta, "Beta work")
        await orch.archive_thread(alpha)
        active = await orch.threads()
        archived = await orch.threads(archived=True)
        restored = await orch.unarchive_thread(alpha)
        everything = await all_threads(orch, page_size=1)
        with pytest.raises(ThreadNotFoundError):
            await orch.read_thread("01a20000-0000-7000-8000-000000000000")

    # Paging: newest first, one per page, the cursor leads to the older one.
    assert [t.id for t in first.data] == [beta] and first.next_cursor
    assert [t.id for t in second.data] == [alpha]
    # Filters; the ephemeral thread was never stored.
    assert [t.id for t in by_cwd.data] == [beta]
    assert [t.id for t in by_title.data] == [alpha]
    assert gamma_path is None
    # Read with turns and their items.
    assert read.name == "Alpha work" and len(read.turns) == 2
    texts = [getattr(item, "text", None) for turn in read.turns for item in turn.items]
    assert "ECHO: alpha follow-up" in texts
    # Archive moves it out of the default list and into the archived one; unarchive brings it back.
    assert [t.id for t in active.data] == [beta] and active.data[0].name == "Beta work"
    assert [t.id for t in archived.data] == [alpha]
    assert restored.id == alpha and "archived_sessions" not in (restored.path or "")
    assert sorted(t.id for t in everything) == sorted([alpha, beta])


async def test_fork_persisted_and_ephemeral(
    orch: Orchestra, scripted_model: ScriptedModel, workdir: Path
) -> None:
    with trio.fail_after(TIMEOUT):
        async with orch.conversation(cwd=str(workdir)) as source:
            await source.run("remember the word PAPAYA")
            async with orch.fork(source) as forked:
                await forked.run("what was the word?")
                forked_thread = await forked.read()
                forked_on_disk = rollout_exists(forked)
            async with orch.fork(source, ephemeral=True) as scratch:
                await scratch.run("and in the scratch fork?")
                scratch_path = scratch.rollout_path
            await source.run("back in the source")
        listed = await all_threads(orch)

    fork_request, scratch_request, source_request = scripted_model.requests[1:]
    # Both forks carry the source's history to the model; the source never sees the forks' turns.
    assert fork_request.user_texts == ("remember the word PAPAYA", "what was the word?")
    assert scratch_request.user_texts == ("remember the word PAPAYA", "and in the scratch fork?")
    assert source_request.user_texts == ("remember the word PAPAYA", "back in the source")
    assert forked_thread.forked_from_id == source.thread_id and forked_on_disk
    assert forked_thread.id != source.thread_id and len(forked_thread.turns) == 2
    assert scratch_path is None
    assert sorted(t.id for t in listed) == sorted([source.thread_id, forked_thread.id])


@pytest.mark.parametrize("thread_id", ["*", "", "4ad8", "../x"])
async def test_a_thread_id_that_is_not_one_is_not_found(orch: Orchestra, thread_id: str) -> None:
    """Not a glob pattern over every rollout ("*" raised ValueError, "" matched any thread)."""
    with trio.fail_after(TIMEOUT), pytest.raises(ThreadNotFoundError):
        await orch.read_thread(thread_id)


async def test_listing_the_threads_of_a_runtime_the_pool_has_not(orch: Orchestra) -> None:
    with pytest.raises(ValueError, match="runtime_index 3 out of range"):
        await orch.threads(runtime_index=3)


async def test_an_ephemeral_thread_is_read_without_turns(
    orch: Orchestra, scripted_model: ScriptedModel, workdir: Path
) -> None:
    """The runtime keeps no rollout of an ephemeral thread and refuses includeTurns for it: the
    default read asked for them and failed with a raw RpcError."""
    with trio.fail_after(TIMEOUT):
        async with orch.conversation(cwd=str(workdir), ephemeral=True) as conv:
            await conv.run("hi")
            own = await conv.read()
            by_id = await orch.read_thread(conv.thread_id)
    assert own.id == by_id.id == conv.thread_id and own.turns == []


async def test_a_thread_that_has_run_no_turn_is_read_without_turns(orch: Orchestra, workdir: Path) -> None:
    """The runtime cannot list the turns of a thread that has written none yet."""
    with trio.fail_after(TIMEOUT):
        async with orch.conversation(cwd=str(workdir)) as conv:
            thread = await conv.read()  # RpcError: list_turns is not supported yet
    assert thread.id == conv.thread_id and thread.turns == []
