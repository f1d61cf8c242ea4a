"""Locate the codex binary, check its version, build an isolated CODEX_HOME, talk to a runtime."""

from ._catalog import bundled_catalog, catalog_entry_for
from ._home import OFFLINE_SETTINGS, CodexHome, ModelProvider, build_codex_home, write_api_key_auth
from ._locate import ENV_VAR, SUPPORTED_SERIES, CodexBinary, check_supported, locate_codex, read_version
from ._runtime import Runtime, open_runtime

__all__ = [
    "ENV_VAR",
    "OFFLINE_SETTINGS",
    "SUPPORTED_SERIES",
    "CodexBinary",
    "CodexHome",
    "ModelProvider",
    "build_codex_home",
    "bundled_catalog",
    "catalog_entry_for",
    "check_supported",
    "locate_codex",
    "read_version",
    "write_api_key_auth",
    "Runtime",
    "open_runtime",
]
