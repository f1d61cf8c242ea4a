"""``orchestra``: command-line entry point (argparse: stdlib, subcommands, nothing to install)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from . import _demo, _limits


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="orchestra", description="Run many Codex conversations at once.")
    commands = parser.add_subparsers(dest="command", required=True)
    _demo.add_parser(commands)
    _limits.add_parser(commands)
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


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        code: int = args.run(args)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    return code
