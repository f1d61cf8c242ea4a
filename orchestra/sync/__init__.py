"""orchestra from blocking code: scripts, notebooks, anything without an event loop.

::

    from orchestra import sync

    with sync.open_orchestra(home) as orch:
        with orch.conversation(cwd=".") as conv:
            turn = conv.send("Summarise the README")
            for event in turn:                 # the same typed events as the trio API
                ...
            print(turn.result().final_text)
        with orch.map(["a", "b"], concurrency=4) as results:
            for r in results:
                print(r.id, r.status)

In a notebook, skip the ``with``: ``orch = sync.open_orchestra(home)`` in one cell,
``orch.close()`` in another (an orchestra left open is closed at interpreter exit).

The orchestra runs in a trio thread of its own; each call blocks until trio answers. Ctrl-C
while a call blocks cancels that call, which for a turn means ``turn/interrupt`` in the runtime,
and then raises ``KeyboardInterrupt``; leaving ``with`` blocks (or ``close()``) closes the
conversations and the runtime. A second Ctrl-C during that cleanup cancels whatever is left; the
runtime's shutdown stays bounded (stdin closed, a grace period, then SIGKILL). Trio's
``TooSlowError`` arrives as the builtin :class:`TimeoutError`.
"""

from ..aio._portal import BridgeClosedError
from ._api import Approver, Conversation, MapResults, Orchestra, Turn, open_orchestra

__all__ = [
    "Approver",
    "BridgeClosedError",
    "Conversation",
    "MapResults",
    "Orchestra",
    "Turn",
    "open_orchestra",
]
