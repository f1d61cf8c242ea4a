"""Models: what the runtime offers (``model/list``), and whether a model is usable before a batch.

:func:`check_model` looks the model up in the runtime's list and, with ``probe=True``, runs one
tiny ephemeral turn with it, so a provider that rejects the model (unknown model, no access) fails
the check with :class:`ModelUnavailableError` naming the model — before a batch of prompts does.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

import attrs
import trio

from ..protocol import Model, ModelListResponse, structure_response
from ..supervision import RetryPolicy
from ._errors import ModelUnavailableError

if TYPE_CHECKING:
    from .._orchestra import Orchestra

PROBE_PROMPT = "Reply with the single word OK."


async def list_models(orch: Orchestra, *, include_hidden: bool = False, timeout: float = 60.0) -> list[Model]:
    """Every model the runtime lists (all pages)."""
    models: list[Model] = []
    cursor: str | None = None
    while True:
        params: dict[str, Any] = {"includeHidden": include_hidden}
        if cursor is not None:
            params["cursor"] = cursor
        page: ModelListResponse = structure_response(
            "model/list", await orch.request("model/list", params, timeout=timeout)
        )
        models.extend(page.data)
        cursor = page.next_cursor
        if not cursor:
            return models


@attrs.frozen
class ModelCheck:
    """The outcome of :func:`check_model`: the runtime's entry (None when not listed) and whether a
    probe turn ran and completed."""

    model: str
    info: Model | None
    probed: bool = False

    @property
    def listed(self) -> bool:
        return self.info is not None


async def check_model(
    orch: Orchestra,
    model: str,
    *,
    probe: bool = False,
    require_listed: bool | None = None,
    timeout: float = 60.0,
    cwd: str | None = None,
) -> ModelCheck:
    """Check that ``model`` can be used; raise :class:`ModelUnavailableError` naming it if not.

    Without ``probe`` the model must be in the runtime's model list. With ``probe`` one ephemeral
    one-turn conversation is run with the model (no retries) and must complete; then a model the
    list does not name is accepted (a custom provider may serve models the catalog does not know),
    unless ``require_listed=True``.
    """
    require = (not probe) if require_listed is None else require_listed
    models = await list_models(orch, include_hidden=True, timeout=timeout)
    info = next((m for m in models if model in (m.id, m.model)), None)
    available = [m.id for m in models if not m.hidden]
    if info is None and require:
        raise ModelUnavailableError(model, "not in the runtime's model list", available=available)
    if not probe:
        return ModelCheck(model=model, info=info)
    with trio.fail_after(timeout if timeout != math.inf else 600):
        async with orch.conversation(
            model=model, ephemeral=True, cwd=cwd, turn_retry=RetryPolicy.never()
        ) as conversation:
            result = await conversation.run(PROBE_PROMPT)
    if not result.ok:
        reason = getattr(result.error, "message", None) or str(result.error or result.status)
        raise ModelUnavailableError(model, f"a probe turn failed: {reason}", available=available)
    return ModelCheck(model=model, info=info, probed=True)
