"""Orchestra from asyncio (``orchestra.aio``): stream a turn, answer approvals with a coroutine,
time a turn out (which interrupts it), fan out.

    python examples/asyncio_example.py

The model: ``ORCHESTRA_EXAMPLE_BASE_URL`` (a Responses API base URL such as
``http://127.0.0.1:PORT/v1``), else a scripted model started here. No account, no network.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import tempfile
from collections.abc import Iterator

from orchestra import ApprovalRequest, CodexHome, Decision, ModelProvider, aio, build_codex_home
from orchestra.protocol import AgentMessageDeltaNotification
from orchestra.testing import ScriptedModel


@contextlib.contextmanager
def example_home() -> Iterator[CodexHome]:
    """A throwaway CODEX_HOME pointing at the example's model."""
    with contextlib.ExitStack() as stack:
        base_url = (
            os.environ.get("ORCHESTRA_EXAMPLE_BASE_URL") or stack.enter_context(ScriptedModel()).base_url
        )
        directory = stack.enter_context(tempfile.TemporaryDirectory())
        yield build_codex_home(
            directory, provider=ModelProvider.scripted(base_url), model="scripted-model", api_key="sk-example"
        )


async def approve_read_only(request: ApprovalRequest) -> Decision:
    """An asyncio approval policy: it may await anything (a queue, a web form, a database)."""
    await asyncio.sleep(0)
    return "accept" if (request.command or "").startswith(("ls", "cat")) else "decline"


async def main(home: CodexHome) -> None:
    async with aio.open_orchestra(home) as orch:
        async with orch.conversation(
            cwd=str(home.path), approval_policy="on-request", approver=approve_read_only
        ) as conv:
            turn = await conv.send("Say hello from asyncio.")
            async for event in turn:
                if isinstance(event, AgentMessageDeltaNotification):
                    print(event.delta, end="", flush=True)
            print(f"\n[{(await turn.result()).status}]")

            # asyncio cancellation interrupts the turn in the runtime; the conversation goes on.
            turn = await conv.send("Take as long as you like.")
            try:
                async with asyncio.timeout(30):
                    await turn.result()
            except TimeoutError:
                print("timed out; interrupted:", (await turn.result()).status)
            else:
                print("answered in time")

        async with orch.map([f"Explain topic {i}" for i in range(3)], concurrency=2) as results:
            async for r in results:
                print(r.id, r.status, r.final_text)


if __name__ == "__main__":
    with example_home() as home:
        asyncio.run(main(home))
