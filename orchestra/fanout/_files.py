"""Prompt files in, results files out: the resumable side of fan-out.

Prompts: JSONL objects with an ``id`` and a ``prompt`` (or ``text``) plus optional per-prompt
options (``cwd``, ``model``, ``sandbox``, ``approval_policy``, ``output_schema``), or plain text
lines (the id is then the line number). Results: one JSON object per line, appended (one write,
flushed) as each prompt finishes. A results file cut mid-line by a crash is repaired on reopen
(the partial line is dropped, so its prompt runs again) and ids already present are skipped, so
rerunning the same command resumes without duplicating any id.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from .._errors import OrchestraError
from .._log import get_logger, redact_tree
from ..protocol import converter
from ._types import Prompt, PromptResult

log = get_logger("orchestra.fanout")


class PromptFileError(OrchestraError):
    """A prompts or results file cannot be used: a line that could not be understood (the
    message names it), or a results file that is not a regular file."""


def read_prompts(path: Path) -> Iterator[Prompt]:
    """Prompts from ``path`` in file order; duplicate ids are an error (they key the output)."""
    seen: set[str] = set()
    with path.open("rb") as f:
        for number, raw in enumerate(f, start=1):
            if number == 1:
                raw = raw.removeprefix(b"\xef\xbb\xbf")  # a BOM (Windows editors) is not text
            try:
                stripped = raw.decode("utf-8").strip()
            except UnicodeDecodeError as exc:
                raise PromptFileError(f"{path}:{number}: not UTF-8 ({exc.reason})") from None
            if not stripped:
                continue
            prompt = _parse_prompt_line(stripped, number, path)
            if prompt.id in seen:
                raise PromptFileError(f"{path}:{number}: duplicate prompt id {prompt.id!r}")
            seen.add(prompt.id)
            yield prompt


def _parse_prompt_line(line: str, number: int, path: Path) -> Prompt:
    if not line.startswith("{"):
        return Prompt(id=str(number), text=line)
    try:
        data = json.loads(line)
    except json.JSONDecodeError as exc:
        raise PromptFileError(f"{path}:{number}: not valid JSON: {exc}") from exc
    try:
        return Prompt.from_mapping(data, default_id=number)
    except ValueError as exc:
        raise PromptFileError(f"{path}:{number}: {exc}") from None


def result_to_json(result: PromptResult, *, include_items: bool = False) -> dict[str, Any]:
    record: dict[str, Any] = {
        "id": result.id,
        "status": result.status,
        "final_text": result.final_text,
        "usage": dict(result.usage) if result.usage else None,
        "error": result.error,
        "duration_s": round(result.duration_s, 3),
        "attempts": result.attempts,
        "thread_id": result.thread_id,
    }
    if include_items:
        record["items"] = [converter.unstructure(item) for item in result.items]
    return redact_tree(record)  # type: ignore[no-any-return]


def _record_id(line: bytes) -> str | None:
    """The id of a results line that is a whole record, else None."""
    try:
        record = json.loads(line)
    except ValueError:
        return None
    return str(record["id"]) if isinstance(record, dict) and "id" in record else None


class ResultsFile:
    """An append-only JSONL results file that knows which ids it already holds."""

    def __init__(self, path: Path, *, include_items: bool = False) -> None:
        self.path = path
        self.include_items = include_items
        self.done: dict[str, str] = {}  # id -> status of the results already written
        self._file: IO[str] | None = None

    def __enter__(self) -> ResultsFile:
        if self.path.exists() and not self.path.is_file():
            # It is read back to resume: /dev/stdout (a pipe) blocked forever, /dev/full never ended.
            raise PromptFileError(
                f"{self.path}: a results file must be a regular file (it is read back to resume)"
            )
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._repair_and_load()
        self._file = self.path.open("a", encoding="utf-8")
        return self

    def __exit__(self, *exc: object) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None

    def _repair_and_load(self) -> None:
        if not self.path.exists():
            return
        raw = self.path.read_bytes()
        end = raw.rfind(b"\n") + 1
        if end != len(raw):
            if _record_id(raw[end:]) is not None:
                # A whole result whose newline was not written (or was edited away): keep it.
                with self.path.open("ab") as f:
                    f.write(b"\n")
                raw += b"\n"
                end = len(raw)
            else:
                log.warning("results file ends in a partial line (a crash?); dropped", path=str(self.path))
                with self.path.open("r+b") as f:
                    f.truncate(end)
        for number, line in enumerate(raw[:end].splitlines(), start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
                self.done[str(record["id"])] = str(record.get("status", ""))
            except (ValueError, KeyError, TypeError):  # ValueError: bad JSON or bad UTF-8
                log.warning("skipping unreadable results line", path=str(self.path), line=number)

    def drop_failed(self) -> int:
        """Rewrite the file without non-completed results (so they run again); returns how many."""
        if not self.path.exists():
            return 0
        kept: list[bytes] = []
        dropped = 0
        for line in self.path.read_bytes().splitlines(keepends=True):
            try:
                ok = json.loads(line).get("status") == "completed"
            except (ValueError, AttributeError):  # ValueError: bad JSON or bad UTF-8
                ok = False
            if ok:
                kept.append(line)
            else:
                dropped += 1
        tmp = self.path.with_suffix(self.path.suffix + ".tmp")
        tmp.write_bytes(b"".join(kept))
        os.replace(tmp, self.path)  # atomic: a crash leaves the old or the new file, never half
        if self._file is not None:
            # The open handle still points at the replaced file, which is no longer on disk:
            # results appended through it would vanish. Append to the new file instead.
            self._file.close()
            self._file = self.path.open("a", encoding="utf-8")
        self.done = {k: v for k, v in self.done.items() if v == "completed"}
        return dropped

    def append(self, result: PromptResult) -> None:
        assert self._file is not None, "use ResultsFile as a context manager"
        if result.id in self.done:
            raise ValueError(f"result for {result.id!r} already written")
        line = json.dumps(result_to_json(result, include_items=self.include_items), ensure_ascii=False)
        self._file.write(line + "\n")  # one write per line: a crash cuts at most this line
        self._file.flush()
        self.done[result.id] = result.status
