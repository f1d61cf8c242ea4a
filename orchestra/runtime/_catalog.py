"""Model catalog entries generated from the installed binary.

A custom model slug (e.g. ``scripted-model``) unknown to the runtime's bundled catalog makes it
warn "Model metadata not found" on every thread. ``codex debug models`` prints the bundled catalog
in the binary's own (version-specific) format; we copy one entry and rename its slug.
"""

from __future__ import annotations

import functools
import json
import os
import subprocess
import tempfile
from pathlib import Path
from typing import Any

from ._locate import CodexBinary


@functools.lru_cache(maxsize=8)
def bundled_catalog(path: Path, version: str) -> tuple[dict[str, Any], ...]:
    """The binary's bundled model catalog (cached per binary and version)."""
    # A throwaway CODEX_HOME: reading the catalog must not touch the user's ~/.codex.
    with tempfile.TemporaryDirectory(prefix="orchestra-catalog-") as scratch:
        out = subprocess.run(
            [str(path), "debug", "models"],
            capture_output=True,
            text=True,
            timeout=60,
            check=True,
            stdin=subprocess.DEVNULL,
            env={**os.environ, "CODEX_HOME": scratch},
        ).stdout
    models = json.loads(out)["models"]
    return tuple(models)


def catalog_entry_for(binary: CodexBinary, model: str) -> dict[str, Any] | None:
    """A catalog entry for ``model``, or None when the bundled catalog already knows it."""
    models = bundled_catalog(binary.path, binary.version)
    if any(m.get("slug") == model for m in models):
        return None
    # Most bundled entries are "code_mode_only": their requests carry no classic tools and the
    # runtime refuses apply_patch. Prefer an entry with classic tools and a freeform apply_patch.
    classic = [
        m for m in models if m.get("tool_mode") is None and m.get("apply_patch_tool_type") == "freeform"
    ]
    candidates = classic or [m for m in models if m.get("supported_in_api")] or list(models)
    template = min(candidates, key=lambda m: m.get("priority", 1_000_000))
    entry: dict[str, Any] = json.loads(json.dumps(template))  # deep copy; the cached tuple stays pristine
    entry["slug"] = model
    entry["display_name"] = model
    entry["upgrade"] = None
    return entry
