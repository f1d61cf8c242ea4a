"""Orchestra from a plain script or notebook (``orchestra.sync``): no event loop in sight.

    python examples/sync_example.py

Ctrl-C while it waits interrupts the running turn and closes the runtime on the way out.
The model: ``ORCHESTRA_EXAMPLE_BASE_URL`` (a Responses API base URL such as
``http://127.0.0.1:PORT/v1``), else a scripted model started here. No account, no network.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator

from orchestra import CodexHome, ModelProvider, build_codex_home, sync
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


def main(home: CodexHome) -> None:
    with sync.open_orchestra(home) as orch:
        with orch.conversation(cwd=str(home.path)) as conv:
            turn = conv.send("Say hello from a script.")
            for event in turn:
                if isinstance(event, AgentMessageDeltaNotification):
                    print(event.delta, end="", flush=True)
            print(f"\n[{turn.result().status}]")
            print(conv.run("And once more, without streaming.").final_text)

        with orch.map([f"Explain topic {i}" for i in range(3)], concurrency=2) as results:
            for r in results:
                print(r.id, r.status, r.final_text)


if __name__ == "__main__":
    with example_home() as home:
        main(home)
