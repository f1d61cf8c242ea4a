"""Prompt files in, results files out: the resumable side of fan-out, without a runtime."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from orchestra._secret import Secret
from orchestra.fanout import Prompt, PromptFileError, PromptResult, ResultsFile, read_prompts


def _result(id: str, status: str = "completed", text: str = "ok") -> PromptResult:
    error = None if status == "completed" else "boom"
    return PromptResult(id=id, status=status, final_text=text, error=error)


def _records(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text().splitlines()]


def test_prompts_from_jsonl_and_plain_lines(tmp_path: Path) -> None:
    path = tmp_path / "prompts.jsonl"
    path.write_text(
        '{"id": "a", "prompt": "first", "cwd": "/tmp", "model": "m"}\n\nplain words\n{"text": "no id"}\n'
        '{"id": null, "prompt": "null id"}\n{"id": 7, "prompt": "number id"}\n'
    )
    prompts = list(read_prompts(path))
    assert prompts == [
        Prompt(id="a", text="first", cwd="/tmp", model="m"),
        Prompt(id="3", text="plain words"),  # a plain line's id is its line number
        Prompt(id="4", text="no id"),
        Prompt(id="5", text="null id"),  # not "None"
        Prompt(id="7", text="number id"),
    ]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"id": "a", "prompt": "x"}\n{"id": "a", "prompt": "y"}\n', r":2: duplicate prompt id 'a'"),
        ('{"id": "a", "prompt": \n', r":1: not valid JSON"),
        ('{"id": "a", "prompt": 3}\n', r":1: needs a string 'prompt'"),
        ('{"id": ["a"], "prompt": "x"}\n', r":1: 'id' must be a string or an integer"),
        ('{"id": true, "prompt": "x"}\n', r":1: 'id' must be a string or an integer"),
        ('{"id": 1.5, "prompt": "x"}\n', r":1: 'id' must be a string or an integer"),
    ],
)
def test_a_bad_prompts_line_is_a_typed_error_naming_it(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "prompts.jsonl"
    path.write_text(content)
    with pytest.raises(PromptFileError, match=message):
        list(read_prompts(path))


def test_results_are_appended_and_known_when_reopened(tmp_path: Path) -> None:
    path = tmp_path / "out" / "results.jsonl"
    with ResultsFile(path) as results:
        results.append(_result("a"))
        results.append(_result("b", "failed"))
        with pytest.raises(ValueError, match="already written"):
            results.append(_result("a"))
    with ResultsFile(path) as again:
        assert again.done == {"a": "completed", "b": "failed"}
    assert [r["id"] for r in _records(path)] == ["a", "b"]


def test_a_line_cut_by_a_crash_is_dropped_and_unreadable_lines_skipped(tmp_path: Path) -> None:
    path = tmp_path / "results.jsonl"
    path.write_text('{"id": "a", "status": "completed"}\nnot json\n{"id": "b", "stat')
    with ResultsFile(path) as results:
        assert results.done == {"a": "completed"}  # "b" was cut mid-line: it runs again
        results.append(_result("b"))
    lines = path.read_text().splitlines()
    assert len(lines) == 3 and lines[1] == "not json"  # only the cut line was dropped
    assert [json.loads(lines[0])["id"], json.loads(lines[2])["id"]] == ["a", "b"]


def test_drop_failed_then_append_keeps_what_is_appended(tmp_path: Path) -> None:
    """--retry-failed: the failed results are dropped and their reruns land in the same file."""
    path = tmp_path / "results.jsonl"
    with ResultsFile(path) as results:
        results.append(_result("a"))
        results.append(_result("b", "failed"))
        results.append(_result("c", "timeout"))
    with ResultsFile(path) as results:
        assert results.drop_failed() == 2
        assert results.done == {"a": "completed"}
        results.append(_result("b"))
        results.append(_result("c"))
    assert [(r["id"], r["status"]) for r in _records(path)] == [
        ("a", "completed"),
        ("b", "completed"),
        ("c", "completed"),
    ]
    assert not path.with_suffix(".jsonl.tmp").exists()


def test_drop_failed_on_a_missing_file_drops_nothing(tmp_path: Path) -> None:
    with ResultsFile(tmp_path / "new.jsonl") as results:
        assert results.drop_failed() == 0
        results.append(_result("a"))
    assert [r["id"] for r in _records(tmp_path / "new.jsonl")] == ["a"]


def test_secrets_never_reach_the_results_file(tmp_path: Path) -> None:
    key = Secret("sk-results-file-0123456789")
    path = tmp_path / "results.jsonl"
    with ResultsFile(path) as results:
        results.append(_result("a", "failed", text=f"the server said {key.reveal()} is invalid"))
    assert key.reveal() not in path.read_text()


def test_a_bom_is_not_part_of_the_first_prompt(tmp_path: Path) -> None:
    path = tmp_path / "prompts.jsonl"
    path.write_bytes(b'\xef\xbb\xbf{"id": "a", "prompt": "first"}\r\n{"id": "b", "prompt": "second"}\r\n')
    assert [(p.id, p.text) for p in read_prompts(path)] == [("a", "first"), ("b", "second")]


def test_a_prompts_line_that_is_not_utf8_is_a_typed_error_naming_it(tmp_path: Path) -> None:
    path = tmp_path / "prompts.txt"
    path.write_bytes(b"fine\n\xff\xfe broken\n")
    with pytest.raises(PromptFileError, match=r":2: not UTF-8"):
        list(read_prompts(path))


def test_a_whole_last_result_without_its_newline_is_kept(tmp_path: Path) -> None:
    path = tmp_path / "results.jsonl"
    path.write_text(
        '{"id": "a", "status": "completed"}\n{"id": "b", "status": "completed", "final_text": "precious"}'
    )
    with ResultsFile(path) as results:
        assert results.done == {"a": "completed", "b": "completed"}
        results.append(_result("c"))
    assert [r["id"] for r in _records(path)] == ["a", "b", "c"]
    assert _records(path)[1]["final_text"] == "precious"


def test_a_results_line_that_is_not_utf8_is_skipped_not_fatal(tmp_path: Path) -> None:
    path = tmp_path / "results.jsonl"
    path.write_bytes(b'{"id": "a", "status": "completed"}\n\xff\xfe\n{"id": "b", "status": "failed"}\n')
    with ResultsFile(path) as results:
        assert results.done == {"a": "completed", "b": "failed"}
        assert results.drop_failed() == 2  # the failed result and the unreadable line
        results.append(_result("b"))
    assert [(r["id"], r["status"]) for r in _records(path)] == [("a", "completed"), ("b", "completed")]


def test_a_results_file_must_be_a_regular_file(tmp_path: Path) -> None:
    """It is read back to resume: a pipe (-o /dev/stdout) blocked forever, /dev/full never ended."""
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    for path in (fifo, Path("/dev/full")):
        with pytest.raises(PromptFileError, match="must be a regular file"), ResultsFile(path):
            pass
