"""An API key never appears in logs, reprs or error messages."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
import trio

from orchestra import Orchestra, Secret
from orchestra.supervision import RetryPolicy
from orchestra.testing import ScriptedModel, reply
from orchestra.testing.pytest_plugin import TEST_API_KEY


async def test_api_key_stays_out_of_logs_and_reprs(
    orch: Orchestra, scripted_model: ScriptedModel, workdir: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG, logger="orchestra")
    scripted_model.enqueue(reply.text("hi"), reply.http_error(401, f"bad key {TEST_API_KEY}"))
    with trio.fail_after(60):
        async with orch.conversation(cwd=str(workdir), turn_retry=RetryPolicy.never()) as conv:
            first = await conv.run("hello")
            second = await conv.run("again")
            reprs = [repr(orch), repr(orch.home), repr(conv), repr(first), repr(second), str(second.error)]
    assert second.status == "failed"
    # The runtime really used the key with the model...
    assert scripted_model.requests[0].headers["authorization"] == f"Bearer {TEST_API_KEY}"
    # ...but it shows up nowhere we print.
    for text in [*reprs, caplog.text, repr(scripted_model.requests[0])]:
        assert TEST_API_KEY not in text
    assert "***" in repr(Secret(TEST_API_KEY))
