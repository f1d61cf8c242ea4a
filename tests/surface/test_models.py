"""Models against the real runtime: the list, and checking a model before a batch."""

from __future__ import annotations

from pathlib import Path

import pytest
import trio

from orchestra import Orchestra
from orchestra.surface import ModelUnavailableError
from orchestra.testing import RecordedRequest, ScriptedModel, reply
from orchestra.testing.pytest_plugin import TEST_MODEL

from .conftest import TIMEOUT


async def test_list_and_check_models(orch: Orchestra, scripted_model: ScriptedModel, workdir: Path) -> None:
    def refuses(request: RecordedRequest) -> bool:
        return request.model == "retired-model"

    scripted_model.when(refuses).always(
        reply.http_error(404, "The model `retired-model` does not exist or you do not have access to it.")
    )
    with trio.fail_after(TIMEOUT):
        models = await orch.models()
        listed = await orch.check_model(TEST_MODEL)
        probed = await orch.check_model(TEST_MODEL, probe=True, cwd=str(workdir))
        with pytest.raises(ModelUnavailableError) as unlisted:
            await orch.check_model("gpt-imaginary")
        with pytest.raises(ModelUnavailableError) as refused:
            await orch.check_model("retired-model", probe=True, cwd=str(workdir))

    assert [m.id for m in models] == [TEST_MODEL]
    assert models[0].is_default and "medium" in [
        e.reasoning_effort for e in models[0].supported_reasoning_efforts
    ]
    assert listed.listed and not listed.probed and listed.info == models[0]
    assert probed.probed and scripted_model.requests[0].model == TEST_MODEL
    assert unlisted.value.model == "gpt-imaginary" and "'gpt-imaginary'" in str(unlisted.value)
    assert unlisted.value.available == (TEST_MODEL,)
    assert refused.value.model == "retired-model" and "probe turn failed" in str(refused.value)
    assert "does not exist" in refused.value.reason
    assert [r.model for r in scripted_model.requests] == [TEST_MODEL, "retired-model"]  # no retries
