"""``orchestra replay FILE``: a readable transcript of a recording or of a runtime rollout.

Prints who said what (user, assistant), the commands that ran (exit code, output tail), the
approvals that were answered and the tokens each turn used; ``--json`` prints the same as one JSON
document for machines. The file kind is told from its first line. A cut-off last line is noted;
a corrupt line ends the command with exit status 2 and its line number.

This module imports only :mod:`orchestra.session` (absolute imports), so it can be registered and
tested on its own.
"""

from __future__ import annotations

import argparse
import json
import sys
import warnings
from pathlib import Path
from typing import Any, TextIO

import attrs
from rich.console import Console
from rich.markup import escape
from rich.text import Text

from orchestra.session import SessionError, Transcript, TranscriptEntry, TruncatedRecordingWarning, transcript

__all__ = ["add_parser", "render_transcript", "run_replay"]

#: Lines of command output shown per command (the rest is summarised).
OUTPUT_LINES = 6

_STYLES = {
    "user": "bold cyan",
    "assistant": "green",
    "command": "yellow",
    "file_change": "yellow",
    "approval": "magenta",
    "usage": "dim",
    "error": "bold red",
    "status": "red",
}


def add_parser(commands: Any) -> None:
    """Register ``replay`` on an argparse subparsers object."""
    parser = commands.add_parser(
        "replay", help="print the transcript of a session recording or a runtime rollout"
    )
    parser.add_argument(
        "file", type=Path, help="a recording (orchestra.session.Recorder) or a rollout-*.jsonl"
    )
    parser.add_argument("--json", action="store_true", help="print one JSON document instead")
    parser.add_argument("--conversation", default=None, help="only this conversation (thread id)")
    parser.add_argument("--full", action="store_true", help="show whole command outputs")
    parser.set_defaults(run=run_replay)


def run_replay(args: argparse.Namespace, out: TextIO | None = None) -> int:
    out = out if out is not None else sys.stdout
    err = sys.stderr if out is sys.stdout else out
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", TruncatedRecordingWarning)
        try:
            found = transcript(args.file)
        except (SessionError, OSError) as exc:
            print(f"orchestra replay: {exc}", file=err)
            return 2
    notes = [str(w.message) for w in caught if issubclass(w.category, TruncatedRecordingWarning)]
    if args.conversation is not None:
        known = [str(c.get("id")) for c in found.conversations]
        if args.conversation not in known:
            print(
                f"orchestra replay: no conversation {args.conversation} in {args.file} "
                f"(it has: {', '.join(known) or 'none'})",
                file=err,
            )
            return 2
        found = _only(found, args.conversation)
    if args.json:
        document = found.to_json()
        json.dump(document, out, indent=2, ensure_ascii=False)
        out.write("\n")
        return 0
    console = Console(file=out, highlight=False, soft_wrap=True)
    render_transcript(found, console, full=args.full)
    for note in notes:
        console.print(f"[yellow]warning:[/] {escape(note)}")
    return 0


def _only(found: Transcript, conversation: str) -> Transcript:
    return attrs.evolve(
        found,
        conversations=tuple(c for c in found.conversations if c.get("id") == conversation),
        entries=tuple(e for e in found.entries if e.conversation == conversation),
    )


def render_transcript(found: Transcript, console: Console, *, full: bool = False) -> None:
    """Print ``found`` with rich: a heading per conversation, one block per entry."""
    console.print(Text(f"{found.source_kind} {found.source}", style="bold"))
    many = len(found.conversations) > 1
    for info in found.conversations:
        facts = ", ".join(
            f"{key} {info[key]}" for key in ("cwd", "model", "runtime_version") if info.get(key)
        )
        console.print(Text(f"conversation {info.get('id')}" + (f" ({facts})" if facts else ""), style="dim"))
    for entry in found.entries:
        _render_entry(
            console, entry, full=full, tag=entry.conversation[-8:] if many and entry.conversation else ""
        )
    for note in found.notes:
        console.print(Text(f"note: {note}", style="dim"))


def _render_entry(console: Console, entry: TranscriptEntry, *, full: bool, tag: str) -> None:
    style = _STYLES.get(entry.kind, "")
    prefix = f"[{tag}] " if tag else ""
    if entry.kind == "turn":
        console.rule(Text(f"{prefix}{entry.text}", style="bold"))
        return
    label = {"file_change": "files", "usage": "tokens"}.get(entry.kind, entry.kind)
    line = Text(f"{prefix}{label:>9}  ", style=style)
    if entry.kind == "command":
        code = entry.details.get("exit_code")
        status = entry.details.get("status")
        line.append(f"$ {entry.text}")
        line.append(f"  (exit {code})" if code is not None else f"  ({status})", style="dim")
        console.print(line)
        output = str(entry.details.get("output") or "")
        if output:
            console.print(Text(_indent(_tail(output, full), len(prefix) + 11), style="dim"))
        return
    hanging = "\n" + " " * (len(prefix) + 11)  # continuation lines start under the text
    line.append(
        entry.text.rstrip("\n").replace("\n", hanging),
        style="" if entry.kind in ("user", "assistant") else style,
    )
    console.print(line)


def _tail(output: str, full: bool) -> str:
    lines = output.rstrip("\n").splitlines()
    if full or len(lines) <= OUTPUT_LINES:
        return "\n".join(lines)
    return "\n".join([f"... {len(lines) - OUTPUT_LINES} more lines", *lines[-OUTPUT_LINES:]])


def _indent(text: str, width: int) -> str:
    return "\n".join(" " * width + line for line in text.splitlines())
