"""orchestra from asyncio: the same orchestra, with trio running as a guest on your loop.

::

    import asyncio
    from orchestra import aio

    async def main() -> None:
        async with aio.open_orchestra(home) as orch:
            async with orch.conversation(cwd=".") as conv:
                turn = await conv.send("Summarise the README")
                async for event in turn:              # the same typed events as the trio API
                    ...
                result = await turn.result()
            async with orch.map(["a", "b"], concurrency=4) as results:
                async for r in results:
                    print(r.id, r.status)

    asyncio.run(main())

Semantics are the trio API's: cancelling the asyncio task that reads a turn (``task.cancel()``,
``asyncio.timeout``) interrupts the turn in the runtime; approvals go to an asyncio callable;
leaving a block closes what it opened, waiting for that even through further cancellation.
Trio's ``TooSlowError`` arrives as the builtin :class:`TimeoutError`.

How (and why this way): ``trio.lowlevel.start_guest_run`` runs trio's scheduler as callbacks on
the asyncio loop; only trio's ``epoll`` wait sits in a helper thread. Both sides' Python code runs
on the loop's thread, so handing a value from trio to asyncio is a plain ``future.set_result``.
A turn's events are read by a trio task (a pump) that appends them to the asyncio side's buffer
and wakes the reader: no thread hop per event, one trio wake-up per *wait*.

Measured with ``benchmarks/bench_aio_bridge.py`` (2 cores; a trio producer feeding a bounded
channel, 10,000 events; medians of 5 runs):

==================================  ===============
                                    CPU µs / event
==================================  ===============
trio only, no bridge (baseline)     5.3
guest mode, pump (orchestra.aio)    9.2
guest mode, pull batches            12.9
guest mode, one round trip/event    77.5
trio thread, pull batches           14.2
trio thread, push per event         12.4
trio thread, one round trip/event   50.0
==================================  ===============

So the bridge adds ~4 µs per event; a real 207-event turn cost the client 7.6 ms of CPU through
the trio API and 9.4 ms through this one (the runtime itself spends ~80 ms per turn). A round
trip costs ~75 µs in either mechanism (two thread wake-ups either way); what decides is the rest:

- guest mode has no second Python thread: no GIL hand-offs between the loop and trio, no locks,
  trio objects can be read from asyncio code without races, and asyncio approval callables run
  as ordinary tasks on their own loop (a dedicated thread needs a hop for each of these);
- a blocked loop stalls trio's work as it stalls any asyncio library, no more;
- ``asyncio.run``'s Ctrl-C handling (cancel the main task) drives the same clean shutdown;
- nothing to join at exit: the guest run ends when the last orchestra on the loop closes.

One trio run per thread: every orchestra on a loop shares one guest run, started by the first
``open_orchestra`` and stopped by the last one to leave.
"""

from ._api import Conversation, EventStream, Orchestra, Turn, open_orchestra
from ._bridge import AsyncApprovalPolicy
from ._portal import BridgeClosedError

__all__ = [
    "AsyncApprovalPolicy",
    "BridgeClosedError",
    "Conversation",
    "EventStream",
    "Orchestra",
    "Turn",
    "open_orchestra",
]
