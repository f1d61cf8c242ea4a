"""RuntimePool: placement, capacity, per-runtime homes, health, drain."""

from __future__ import annotations

from pathlib import Path

import pytest
import trio
import trio.testing

from orchestra import open_orchestra
from orchestra.pool import PoolClosedError, RuntimePool
from orchestra.runtime import CodexHome
from orchestra.testing import ScriptedModel

TIMEOUT = 60


def test_placement_is_least_loaded_first(codex_home: CodexHome) -> None:
    pool = RuntimePool([codex_home, codex_home, codex_home])

    async def main() -> None:
        slots = [await pool.acquire() for _ in range(5)]
        assert [s.index for s in slots] == [0, 1, 2, 0, 1]
        pool.release(slots[1])  # slot 1 now has the least load
        assert (await pool.acquire()).index == 1

    trio.run(main)


async def test_a_full_pool_makes_the_next_conversation_wait_for_room(codex_home: CodexHome) -> None:
    pool = RuntimePool([codex_home], max_conversations_per_runtime=2)
    first, second = await pool.acquire(), await pool.acquire()
    placed: list[int] = []

    async def third() -> None:
        placed.append((await pool.acquire()).index)

    async with trio.open_nursery() as nursery:
        nursery.start_soon(third)
        await trio.testing.wait_all_tasks_blocked()
        assert placed == []  # no room: waiting, not over-committing
        pool.release(first)
    assert placed == [0] and second.load == 2


async def test_draining_refuses_new_conversations(codex_home: CodexHome) -> None:
    pool = RuntimePool([codex_home])
    slot = await pool.acquire()
    async with trio.open_nursery() as nursery:
        nursery.start_soon(pool.drain)
        await trio.testing.wait_all_tasks_blocked()
        with pytest.raises(PoolClosedError, match="draining"):
            await pool.acquire()
        pool.release(slot)  # the last conversation leaves: drain returns


async def test_each_runtime_has_its_own_home_and_answers_health_checks(
    codex_home: CodexHome, scripted_model: ScriptedModel, workdir: Path
) -> None:
    with trio.fail_after(TIMEOUT):
        async with open_orchestra(codex_home, runtimes=2) as orch:
            assert await orch.pool.health() == [True, True]
            homes = [slot.home.path for slot in orch.pool.slots]
            assert len(set(homes)) == 2 and all(h.parent == codex_home.path / "pool" for h in homes)
            # Two conversations at once land on the two runtimes (least-loaded placement).
            async with orch.conversation(cwd=str(workdir)) as a, orch.conversation(cwd=str(workdir)) as b:
                assert (await a.run("hi")).ok and (await b.run("hi")).ok
                paths = [Path(a.rollout_path or ""), Path(b.rollout_path or "")]
    # Each thread's rollout lives in its own runtime's home (so a restart finds it there).
    assert paths[0].is_relative_to(homes[0]) and paths[1].is_relative_to(homes[1])
    assert (codex_home.path / "pool" / "runtime-0" / "auth.json").stat().st_mode & 0o777 == 0o600
