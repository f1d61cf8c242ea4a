"""Run by test_ctrl_c: a blocking script streaming a long turn until Ctrl-C.

Usage: python ctrl_c_script.py CODEX_HOME_DIR WORKDIR
Prints ``runtimes <pid> ...`` once the orchestra is up and ``delta`` for every text delta.
"""

from __future__ import annotations

import sys

from orchestra import ModelProvider, build_codex_home, sync
from orchestra.protocol import AgentMessageDeltaNotification
from orchestra.testing import ScriptedModel, reply


def main(home_dir: str, workdir: str) -> None:
    with ScriptedModel() as model:
        model.enqueue(reply.text("tick " * 2000, chunks=2000).with_latency(between_events=0.02))
        home = build_codex_home(
            home_dir,
            provider=ModelProvider.scripted(model.base_url),
            model="scripted-model",
            api_key="sk-ctrl-c-0123456789",
        )
        with sync.open_orchestra(home) as orch, orch.conversation(cwd=workdir) as conv:
            print("runtimes " + " ".join(map(str, orch.runtime_pids)), flush=True)
            for event in conv.send("talk until I stop you"):
                if isinstance(event, AgentMessageDeltaNotification):
                    print("delta", flush=True)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
