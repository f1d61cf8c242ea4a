"""``orchestra``: command-line entry point (argparse: stdlib, subcommands, nothing to install)."""

from __future__ import annotations

import argparse
import gc
import signal
import sys
from collections.abc import Sequence

from . import _cloud, _demo, _limits, _replay, _run


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="orchestra", description="Run many Codex conversations at once.")
    commands = parser.add_subparsers(dest="command", required=True)
    _demo.add_parser(commands)
    _limits.add_parser(commands)
    _run.add_parser(commands)
    _replay.add_parser(commands)
    _cloud.add_parser(commands)
    version = commands.add_parser("version", help="print orchestra's and the runtime's versions")
    version.set_defaults(run=_version)
    return parser


def _version(_args: argparse.Namespace) -> int:
    from importlib import metadata

    from ..runtime import locate_codex

    binary = locate_codex()
    print(f"codex-orchestra {metadata.version('codex-orchestra')}")
    print(f"codex {binary.version} at {binary.path} (found via {binary.source})")
    return 0


def _interrupt_on_signals() -> None:
    """Ctrl-C and SIGTERM raise KeyboardInterrupt, so trio cancels everything and every runtime is
    closed on the way out. Set explicitly: a process started in the background inherits SIGINT
    ignored, and Python then keeps it ignored.

    SIGTERM is turned into SIGINT rather than raising KeyboardInterrupt itself: inside ``trio.run``
    SIGINT goes to trio's handler, which delivers the interrupt at a safe point. Raised from our
    own handler it could land anywhere, inside code that swallows it, and a run would go on."""

    def as_ctrl_c(signum: int, frame: object) -> None:
        signal.raise_signal(signal.SIGINT)

    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, as_ctrl_c)


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    _interrupt_on_signals()
    # Everything imported so far (the protocol's ~900 classes among it) lives as long as the
    # process: move it out of the collector's view, so full collections during a fan-out do not
    # rescan it each time (measured: 8.0 -> 6.6 us per event on the conversation path).
    gc.freeze()
    try:
        code: int = args.run(args)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    return code
