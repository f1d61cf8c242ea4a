"""Review mode (``review/start``): the runtime reviews changes and reports findings.

The runtime runs a reviewer on the conversation's thread and ends the turn with an
``exitedReviewMode`` item. Its app-server item carries only the rendered text; the structured
output (each finding's title, body, priority, confidence and code location) is in the thread's
rollout, which is where :func:`review_result` reads it from. An ephemeral thread has no rollout:
its findings are parsed back from the rendered text (without confidence scores).

The reviewer model answers with JSON in the shape :meth:`ReviewOutput.to_json` writes (the
runtime's ``ReviewOutputEvent``); to script a review in tests::

    scripted_model.enqueue(reply.text(ReviewOutput(findings=(finding,)).to_json()))
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from .._log import get_logger
from ..actors.turn import TurnResult
from ..protocol import (
    BaseBranchReviewTarget,
    CommitReviewTarget,
    CustomReviewTarget,
    ExitedReviewModeThreadItem,
    UncommittedChangesReviewTarget,
    unstructure,
)
from ._side_turn import SideTurn, start_side_turn

if TYPE_CHECKING:
    from ..actors.handle import Conversation

log = get_logger("orchestra.surface.review")

ReviewTarget = (
    UncommittedChangesReviewTarget | BaseBranchReviewTarget | CommitReviewTarget | CustomReviewTarget
)


# --- targets -------------------------------------------------------------------------------


def uncommitted_changes() -> UncommittedChangesReviewTarget:
    """Review the working tree: staged, unstaged and untracked files."""
    return UncommittedChangesReviewTarget()


def base_branch(branch: str) -> BaseBranchReviewTarget:
    """Review the changes of the current branch against ``branch``."""
    return BaseBranchReviewTarget(branch=branch)


def commit(sha: str, *, title: str | None = None) -> CommitReviewTarget:
    """Review the changes a commit introduced (``title`` is a label for UIs)."""
    return CommitReviewTarget(sha=sha, title=title)


def custom(instructions: str) -> CustomReviewTarget:
    """Review by free-form instructions."""
    return CustomReviewTarget(instructions=instructions)


# --- findings ------------------------------------------------------------------------------


@attrs.frozen
class ReviewFinding:
    """One finding: what, why, how urgent (``priority`` 0 = P0, most urgent), how sure, and where."""

    title: str
    body: str
    priority: int | None = None
    confidence: float | None = None
    file: str | None = None
    line_start: int | None = None
    line_end: int | None = None

    @classmethod
    def from_wire(cls, data: Mapping[str, Any]) -> ReviewFinding:
        location = data.get("code_location") or {}
        lines = location.get("line_range") or {}
        priority = data.get("priority")
        confidence = data.get("confidence_score")
        return cls(
            title=str(data.get("title", "")),
            body=str(data.get("body", "")),
            priority=priority if isinstance(priority, int) else _priority_from_title(data.get("title")),
            confidence=float(confidence) if isinstance(confidence, int | float) else None,
            file=location.get("absolute_file_path"),
            line_start=lines.get("start"),
            line_end=lines.get("end"),
        )

    def to_wire(self) -> dict[str, Any]:
        """The runtime's ``ReviewFinding`` JSON (what a reviewer model writes)."""
        return {
            "title": self.title,
            "body": self.body,
            "confidence_score": self.confidence if self.confidence is not None else 0.5,
            "priority": self.priority if self.priority is not None else 2,
            "code_location": {
                "absolute_file_path": self.file or "",
                "line_range": {"start": self.line_start or 1, "end": self.line_end or self.line_start or 1},
            },
        }


@attrs.frozen
class ReviewOutput:
    """The reviewer's whole answer: findings and an overall verdict."""

    findings: tuple[ReviewFinding, ...] = ()
    overall_correctness: str = ""
    overall_explanation: str = ""
    overall_confidence: float | None = None

    @classmethod
    def from_wire(cls, data: Mapping[str, Any]) -> ReviewOutput:
        confidence = data.get("overall_confidence_score")
        return cls(
            findings=tuple(ReviewFinding.from_wire(f) for f in data.get("findings") or ()),
            overall_correctness=str(data.get("overall_correctness") or ""),
            overall_explanation=str(data.get("overall_explanation") or ""),
            overall_confidence=float(confidence) if isinstance(confidence, int | float) else None,
        )

    def to_json(self) -> str:
        """The JSON text a reviewer model answers with (the runtime's ``ReviewOutputEvent``)."""
        return json.dumps(
            {
                "findings": [f.to_wire() for f in self.findings],
                "overall_correctness": self.overall_correctness,
                "overall_explanation": self.overall_explanation,
                "overall_confidence_score": (
                    self.overall_confidence if self.overall_confidence is not None else 0.5
                ),
            }
        )


@attrs.frozen
class ReviewResult:
    """How a review ended. ``text`` is the runtime's rendering; ``source`` says where the
    structured ``output`` came from: ``"rollout"`` (complete) or ``"text"`` (parsed back from
    the rendering: no confidence scores, no verdict)."""

    turn: TurnResult
    review_thread_id: str
    text: str
    output: ReviewOutput
    source: str

    @property
    def findings(self) -> tuple[ReviewFinding, ...]:
        return self.output.findings

    @property
    def ok(self) -> bool:
        return self.turn.ok


# --- running a review ----------------------------------------------------------------------


async def start_review(conversation: Conversation, target: ReviewTarget) -> SideTurn:
    """Start a review on the conversation's thread (inline delivery); stream it with ``async for``.

    Waits first for a running turn of the conversation to end. Raises :class:`~orchestra.RpcError`
    if the runtime refuses (e.g. an ``uncommittedChanges`` review outside a git repository).
    """
    params = {"target": unstructure(target), "delivery": "inline"}
    side, _ = await start_side_turn(
        conversation,
        "review/start",
        params,
        kind="review",
        turn_id_of=lambda result: str(result["turn"]["id"]),
    )
    return side


async def review(
    conversation: Conversation, target: ReviewTarget, *, timeout: float = math.inf
) -> ReviewResult:
    """Run a review to its end and return its typed findings (see :func:`review_result`)."""
    side = await start_review(conversation, target)
    await side.result(timeout=timeout)
    return review_result(side, rollout_path=conversation.rollout_path)


def review_result(side: SideTurn, *, rollout_path: str | None) -> ReviewResult:
    """The :class:`ReviewResult` of an ended review turn."""
    turn = side.outcome
    exited = [item for item in side.items if isinstance(item, ExitedReviewModeThreadItem)]
    text = exited[-1].review if exited else turn.final_text
    output = _output_from_rollout(rollout_path, side.id) if rollout_path and side.id else None
    source = "rollout"
    if output is None:
        output, source = parse_review_text(text), "text"
    return ReviewResult(turn=turn, review_thread_id=side.thread_id, text=text, output=output, source=source)


def _output_from_rollout(path: str, turn_id: str) -> ReviewOutput | None:
    """The structured output of review ``turn_id`` from a rollout file, if it is there."""
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        log.info("rollout not readable; parsing the review text instead", path=path, error=str(exc))
        return None
    for line in reversed(lines):
        if "ExitedReviewMode" not in line:
            continue
        try:
            payload = json.loads(line).get("payload") or {}
        except ValueError:
            continue
        item = payload.get("item") or {}
        if payload.get("turn_id") == turn_id and item.get("type") == "ExitedReviewMode":
            output = item.get("review_output")
            return ReviewOutput.from_wire(output) if isinstance(output, Mapping) else None
    return None


# --- the runtime's rendering, parsed back ----------------------------------------------------

_HEADERS = ("Review comment:", "Full review comments:")
# "- <title> — <path>:<start>-<end>" (0.163 uses an em dash; older runtimes "--").
_FINDING = re.compile(r"^- (?P<title>.+?) (?:\u2014|--) (?P<file>.+):(?P<start>\d+)-(?P<end>\d+)$")
_PRIORITY = re.compile(r"^\[P(\d)\]")
FALLBACK_TEXT = "Reviewer failed to output a response."


def _priority_from_title(title: object) -> int | None:
    match = _PRIORITY.match(title) if isinstance(title, str) else None
    return int(match.group(1)) if match else None


def parse_review_text(text: str) -> ReviewOutput:
    """Findings from the runtime's rendered review (``render_review_output_text`` in codex-rs)."""
    explanation_lines: list[str] = []
    findings: list[ReviewFinding] = []
    current: dict[str, Any] | None = None
    body: list[str] = []
    in_findings = False

    def flush() -> None:
        if current is not None:
            findings.append(
                ReviewFinding(
                    title=current["title"],
                    body="\n".join(body).strip(),
                    priority=_priority_from_title(current["title"]),
                    file=current["file"],
                    line_start=int(current["start"]),
                    line_end=int(current["end"]),
                )
            )

    for line in text.splitlines():
        if not in_findings:
            if line.strip() in _HEADERS:
                in_findings = True
            else:
                explanation_lines.append(line)
            continue
        match = _FINDING.match(line)
        if match:
            flush()
            current, body = match.groupdict(), []
        elif current is not None:
            body.append(line[2:] if line.startswith("  ") else line)
    flush()
    explanation = "\n".join(explanation_lines).strip()
    if explanation == FALLBACK_TEXT:
        explanation = ""
    return ReviewOutput(findings=tuple(findings), overall_explanation=explanation)


def target_from(value: ReviewTarget | Mapping[str, Any] | str) -> ReviewTarget:
    """A target from a protocol object, its wire dict, or ``"uncommitted"`` / free-form text."""
    if isinstance(value, str):
        return uncommitted_changes() if value in ("uncommitted", "uncommittedChanges") else custom(value)
    if isinstance(value, Mapping):
        kind = value.get("type")
        needs = {"baseBranch": "branch", "commit": "sha", "custom": "instructions"}.get(str(kind))
        if needs is not None and not isinstance(value.get(needs), str):
            raise ValueError(f"a {kind} review target needs a string {needs!r}: {dict(value)!r:.120}")
        if kind == "baseBranch":
            return base_branch(value["branch"])
        if kind == "commit":
            return commit(value["sha"], title=value.get("title"))
        if kind == "custom":
            return custom(value["instructions"])
        if kind == "uncommittedChanges":
            return uncommitted_changes()
        # Anything else would silently review something other than what was asked.
        raise ValueError(
            f"unknown review target type {kind!r}; expected uncommittedChanges, baseBranch, commit or custom"
        )
    return value


__all__ = [
    "ReviewFinding",
    "ReviewOutput",
    "ReviewResult",
    "ReviewTarget",
    "base_branch",
    "commit",
    "custom",
    "parse_review_text",
    "review",
    "review_result",
    "start_review",
    "target_from",
    "uncommitted_changes",
]
