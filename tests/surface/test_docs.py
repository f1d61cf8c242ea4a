"""Every python example of docs/surface.md runs against the real runtime and the scripted model."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import trio

from orchestra import Orchestra
from orchestra.testing import ScriptedModel

from .conftest import TIMEOUT

DOC = Path(__file__).resolve().parents[2] / "docs" / "surface.md"
BLOCKS = re.findall(r"^```python\n(.*?)^```", DOC.read_text(), flags=re.M | re.S)


def test_the_doc_has_an_example_per_item() -> None:
    assert len(BLOCKS) >= 9


@pytest.mark.parametrize("source", BLOCKS, ids=[f"example-{i + 1}" for i in range(len(BLOCKS))])
async def test_doc_example_runs(
    source: str, orch: Orchestra, scripted_model: ScriptedModel, workdir: Path
) -> None:
    namespace: dict[str, Any] = {}
    exec(compile(source, str(DOC), "exec"), namespace)
    with trio.fail_after(TIMEOUT):
        await namespace["example"](orch, scripted_model, workdir)
