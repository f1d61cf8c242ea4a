"""Review mode against the real runtime: typed findings, every target kind, streaming."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import trio

from orchestra import Orchestra
from orchestra.protocol import (
    EnteredReviewModeThreadItem,
    ExitedReviewModeThreadItem,
    ItemCompletedNotification,
    TurnCompletedNotification,
)
from orchestra.surface import ReviewFinding, ReviewOutput, TurnNotSteerableError
from orchestra.surface.review import base_branch, commit, custom, review_result
from orchestra.testing import ScriptedModel, reply

from .conftest import TIMEOUT


def _reviewer_says(workdir: Path) -> ReviewOutput:
    return ReviewOutput(
        findings=(
            ReviewFinding(
                title="[P1] total() drops the first element",
                body="`xs[1:]` skips index 0, so\nevery total is too small.",
                priority=1,
                confidence=0.9,
                file=str(workdir / "app.py"),
                line_start=2,
                line_end=2,
            ),
            ReviewFinding(
                title="[P3] Missing docstring",
                body="Say what total() returns.",
                priority=3,
                confidence=0.4,
                file=str(workdir / "app.py"),
                line_start=1,
                line_end=1,
            ),
        ),
        overall_correctness="patch is incorrect",
        overall_explanation="The change breaks total().",
        overall_confidence=0.8,
    )


async def test_review_of_uncommitted_changes_gives_typed_findings(
    orch: Orchestra, scripted_model: ScriptedModel, git_workdir: Path
) -> None:
    expected = _reviewer_says(git_workdir)
    scripted_model.enqueue(reply.text(expected.to_json()))
    with trio.fail_after(TIMEOUT):
        async with orch.conversation(cwd=str(git_workdir)) as conv:
            review = await conv.review("uncommitted")
            # The conversation goes on afterwards, and the model sees the review in its history.
            after = await conv.run("Fix the first finding.")

    assert review.ok and review.source == "rollout"
    assert review.output == expected
    first = review.findings[0]
    assert (first.priority, first.confidence, first.line_start, first.line_end) == (1, 0.9, 2, 2)
    assert first.file == str(git_workdir / "app.py")
    assert review.output.overall_correctness == "patch is incorrect"
    assert "[P1] total() drops the first element" in review.text
    reviewer_request = scripted_model.requests[0]
    assert "Review the current code changes" in reviewer_request.last_user_text
    assert after.ok and "total() drops the first element" in json.dumps(scripted_model.requests[-1].json)


async def test_every_target_kind_reaches_the_reviewer(
    orch: Orchestra, scripted_model: ScriptedModel, git_workdir: Path
) -> None:
    head = await trio.run_process(["git", "rev-parse", "HEAD"], cwd=git_workdir, capture_stdout=True)
    sha = head.stdout.decode().strip()
    await trio.run_process(["git", "checkout", "-q", "-b", "feature"], cwd=git_workdir)
    clean = ReviewOutput(overall_correctness="patch is correct", overall_explanation="Looks fine.")
    scripted_model.default = reply.text(clean.to_json())
    with trio.fail_after(TIMEOUT):
        async with orch.conversation(cwd=str(git_workdir)) as conv:
            results = [
                await conv.review(base_branch("main")),
                await conv.review(commit(sha, title="initial")),
                await conv.review(custom("Check only error handling.")),
            ]
    prompts = [r.last_user_text for r in scripted_model.requests]
    assert "main" in prompts[0]
    assert sha in prompts[1]
    assert "Check only error handling." in prompts[2]
    for result in results:
        assert result.ok and result.findings == () and result.output.overall_explanation == "Looks fine."


async def test_review_streams_and_an_ephemeral_thread_parses_the_text(
    orch: Orchestra, scripted_model: ScriptedModel, git_workdir: Path
) -> None:
    expected = _reviewer_says(git_workdir)
    scripted_model.enqueue(reply.text(expected.to_json()))
    with trio.fail_after(TIMEOUT):
        async with orch.conversation(cwd=str(git_workdir), ephemeral=True) as conv:
            side = await conv.start_review("uncommitted")
            events = [event async for event in side]
            result = await side.result()
            review = review_result(side, rollout_path=conv.rollout_path)
    items = [e.item for e in events if isinstance(e, ItemCompletedNotification)]
    assert isinstance(items[0], EnteredReviewModeThreadItem)
    assert any(isinstance(item, ExitedReviewModeThreadItem) for item in items)
    assert result.ok and review.source == "text"
    assert [(f.title, f.priority, f.file, f.line_start, f.line_end, f.body) for f in review.findings] == [
        (f.title, f.priority, f.file, f.line_start, f.line_end, f.body) for f in expected.findings
    ]
    assert all(f.confidence is None for f in review.findings)
    assert review.output.overall_explanation == "The change breaks total()."


async def test_cancelling_a_review_interrupts_it_and_the_conversation_goes_on(
    orch: Orchestra, scripted_model: ScriptedModel, git_workdir: Path
) -> None:
    slow = reply.text("looking " * 200, chunks=200).with_latency(between_events=0.05)
    scripted_model.when("are you there?").always(reply.text("still here"))
    scripted_model.default = slow  # the review, whether or not it reached the model before the stop
    completed: list[TurnCompletedNotification] = []
    ended = trio.Event()

    def watch(_conversation: object, event: object) -> None:
        if isinstance(event, TurnCompletedNotification):
            completed.append(event)
            ended.set()

    with trio.fail_after(TIMEOUT):
        async with orch.conversation(cwd=str(git_workdir), observers=[watch]) as conv:
            side = await conv.start_review("uncommitted")
            with trio.CancelScope() as scope:
                async for event in side:
                    if isinstance(event, ItemCompletedNotification):
                        scope.cancel()  # the caller gives up once the review has begun
            await ended.wait()  # the runtime ends the review turn: it was interrupted
            after = await conv.run("are you there?")
    assert [(e.turn.id, str(e.turn.status)) for e in completed[:1]] == [(side.id, "interrupted")]
    assert after.ok and after.final_text == "still here"


async def test_a_review_that_times_out_has_ended_when_the_error_arrives(
    orch: Orchestra, scripted_model: ScriptedModel, git_workdir: Path
) -> None:
    """The timeout interrupts the review and waits for the runtime to end it: the very next turn
    runs (the runtime refused it while the review ran: ActiveTurnNotSteerable)."""
    scripted_model.when("are you there?").always(reply.text("still here"))
    scripted_model.default = reply.text("looking " * 200, chunks=200).with_latency(between_events=0.05)
    with trio.fail_after(TIMEOUT):
        async with orch.conversation(cwd=str(git_workdir)) as conv:
            with pytest.raises(trio.TooSlowError):
                await conv.review("uncommitted", timeout=1)
            after = await conv.run("are you there?")
            thread = await conv.read()
    assert after.ok and after.final_text == "still here"
    assert str(thread.turns[0].status) == "interrupted"  # the review
    assert (thread.turns[-1].id, str(thread.turns[-1].status)) == (after.turn_id, "completed")


async def test_a_turn_sent_while_a_review_runs_waits_for_it(
    orch: Orchestra, scripted_model: ScriptedModel, git_workdir: Path
) -> None:
    """One turn at a time, side turns included: send() waits for the review, as it waits for a
    turn, and the result it gives is its own turn's."""
    scripted_model.when("my question").always(reply.text("my answer"))
    scripted_model.default = reply.text(_reviewer_says(git_workdir).to_json()).with_latency(first_byte=0.5)
    with trio.fail_after(TIMEOUT):
        async with orch.conversation(cwd=str(git_workdir)) as conv:
            side = await conv.start_review("uncommitted")
            with pytest.raises(TurnNotSteerableError, match="review is running"):
                await conv.steer("and also this")
            mine = await conv.run("my question")
            review = await side.result()
    assert mine.ok and mine.final_text == "my answer" and mine.turn_id != review.turn_id
    assert review.ok
