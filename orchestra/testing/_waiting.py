"""Waiting, from trio or asyncio, for something a server thread will make true.

No thread is spent on waiting: the server thread calls a *wake* callback, which enters the
waiting task's event loop through its thread-safe door (``TrioToken.run_sync_soon`` or
``loop.call_soon_threadsafe``). The waiting task then checks again. Cancellation is plain
cancellation of an ``Event.wait()`` / future.
"""

from __future__ import annotations

import asyncio
import contextlib
import sys
from collections.abc import Callable
from typing import TypeVar

__all__ = ["Subscribe", "running_under_trio", "wait_until"]

T = TypeVar("T")

Wake = Callable[[], None]
Subscribe = Callable[[Wake], Callable[[], None]]
"""Registers a wake callback (called from any thread on every change); returns an unsubscribe."""


def running_under_trio() -> bool:
    """True inside a trio task (without importing trio when it is not in use)."""
    trio = sys.modules.get("trio")
    if trio is None:
        return False
    try:
        trio.lowlevel.current_task()
    except RuntimeError:
        return False
    return True


async def wait_until(check: Callable[[], T | None], subscribe: Subscribe) -> T:
    """Await until ``check()`` returns something other than ``None``; return it.

    ``check`` may raise to end the wait (e.g. the server closed). Works under trio and asyncio.
    """
    if running_under_trio():
        return await _wait_trio(check, subscribe)
    return await _wait_asyncio(check, subscribe)


async def _wait_trio(check: Callable[[], T | None], subscribe: Subscribe) -> T:
    import trio

    token = trio.lowlevel.current_trio_token()
    while True:
        event = trio.Event()

        def wake(event: trio.Event = event) -> None:
            with contextlib.suppress(trio.RunFinishedError):
                token.run_sync_soon(event.set)

        unsubscribe = subscribe(wake)  # before checking, so no change is missed
        try:
            result = check()
            if result is not None:
                return result
            await event.wait()
        finally:
            unsubscribe()


async def _wait_asyncio(check: Callable[[], T | None], subscribe: Subscribe) -> T:
    loop = asyncio.get_running_loop()
    while True:
        future: asyncio.Future[None] = loop.create_future()

        def settle(future: asyncio.Future[None] = future) -> None:
            if not future.done():
                future.set_result(None)

        def wake(settle: Wake = settle) -> None:
            with contextlib.suppress(RuntimeError):  # the loop is closed
                loop.call_soon_threadsafe(settle)

        unsubscribe = subscribe(wake)
        try:
            result = check()
            if result is not None:
                return result
            await future
        finally:
            unsubscribe()
