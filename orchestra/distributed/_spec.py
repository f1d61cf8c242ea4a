"""What a Ray worker needs to run an orchestra on its own node: a recipe for its CODEX_HOME."""

from __future__ import annotations

import math
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import attrs

from .._secret import Secret
from ..fanout import default_concurrency
from ..runtime import CodexHome, ModelProvider, build_codex_home


def _secret(value: str | Secret | None) -> Secret | None:
    return Secret(value) if isinstance(value, str) else value


@attrs.frozen
class WorkerSpec:
    """How each worker builds its CODEX_HOME and runs prompts. Sent to every worker (pickled by
    Ray, API key included: keep the Ray cluster's object store private).

    The home is built *on the worker's node* (its own binary, its own files): only this recipe
    travels, never a path of the driver's machine. ``provider.base_url`` must be reachable from
    every node. ``home_root`` is a directory on the worker nodes to create homes in (default:
    the node's temporary directory).
    """

    provider: ModelProvider
    model: str
    api_key: Secret | None = attrs.field(default=None, converter=_secret, repr=False)
    approval_policy: str = "never"
    sandbox_mode: str = "danger-full-access"
    # Shown by key only: a provider's extra headers or tokens may sit in it.
    extra_config: Mapping[str, Any] | None = attrs.field(
        default=None, repr=lambda config: "None" if config is None else f"<keys {sorted(config)}>"
    )
    runtimes: int = 1
    """Runtime processes per worker (a worker is one Ray actor, placed with ``num_cpus=1``)."""
    concurrency: int = attrs.field(
        default=attrs.Factory(lambda spec: default_concurrency(spec.runtimes), takes_self=True)
    )
    """Prompts in flight per worker; by default as ``Orchestra.map`` for the worker's runtimes."""
    timeout: float = math.inf
    """Per-prompt timeout, as in ``Orchestra.map``."""
    ephemeral: bool = True
    home_root: str | None = None

    def build_home(self, path: str | Path) -> CodexHome:
        return build_codex_home(
            path,
            provider=self.provider,
            model=self.model,
            api_key=Secret(self.api_key.reveal()) if self.api_key is not None else None,
            approval_policy=self.approval_policy,
            sandbox_mode=self.sandbox_mode,
            extra_config=self.extra_config,
        )
