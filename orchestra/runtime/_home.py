"""Build an isolated CODEX_HOME: config.toml, auth.json (mode 0600) and a model catalog entry.

A CODEX_HOME is everything a runtime reads at start: which model provider to call, how to
authenticate, and its default approval and sandbox settings. Orchestra gives every runtime one it
wrote itself, so a user's ``~/.codex`` never leaks into a batch job, and tests run offline.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import attrs
import tomli_w

from .._private import write_private_text
from .._secret import Secret
from ._catalog import catalog_entry_for
from ._locate import CodexBinary, locate_codex

#: Settings that keep the runtime off the network except for its model provider (see
#: shared/docs/codex-runtime.md): no plugin sync (`git ls-remote` on every start), no analytics,
#: no update check, and no endless reconnects to a refused port.
OFFLINE_SETTINGS: Mapping[str, Any] = {
    "check_for_update_on_startup": False,
    "analytics": {"enabled": False},
    "feedback": {"enabled": False},
    "otel": {"exporter": "none"},
    "features": {
        "plugins": False,
        "remote_plugin": False,
        "shell_snapshot": False,
        "apps": False,
        "tool_suggest": False,
        "unbounded_connection_retries": False,
    },
}


@attrs.frozen
class ModelProvider:
    """Where the runtime sends model requests, and how it authenticates there."""

    id: str
    name: str
    base_url: str | None = None
    env_key: str | None = None
    wire_api: str = "responses"
    requires_openai_auth: bool = False
    request_max_retries: int | None = None
    stream_max_retries: int | None = None
    builtin: bool = False  # the runtime already knows it; no [model_providers] table is written

    @classmethod
    def scripted(cls, base_url: str, *, env_key: str = "ORCHESTRA_SCRIPTED_API_KEY") -> ModelProvider:
        """A local scripted Responses API server (see :mod:`orchestra.testing`). No retries, so
        a scripted failure reaches the test as it was scripted."""
        return cls(
            id="scripted",
            name="scripted",
            base_url=base_url,
            env_key=env_key,
            request_max_retries=0,
            stream_max_retries=0,
        )

    @classmethod
    def openai(cls) -> ModelProvider:
        """The real OpenAI provider built into the runtime; authenticates with auth.json."""
        return cls(id="openai", name="OpenAI", builtin=True, requires_openai_auth=True)

    def config_table(self) -> dict[str, Any]:
        table: dict[str, Any] = {"name": self.name, "wire_api": self.wire_api}
        optional = {
            "base_url": self.base_url,
            "env_key": self.env_key,
            "request_max_retries": self.request_max_retries,
            "stream_max_retries": self.stream_max_retries,
        }
        table.update({k: v for k, v in optional.items() if v is not None})
        if self.requires_openai_auth:
            table["requires_openai_auth"] = True
        return table


@attrs.frozen
class CodexHome:
    """A CODEX_HOME written by :func:`build_codex_home`; ``environment()`` is what a runtime needs."""

    path: Path
    binary: CodexBinary
    provider: ModelProvider
    model: str
    api_key: Secret | None = attrs.field(default=None, repr=False)

    @property
    def config_path(self) -> Path:
        return self.path / "config.toml"

    @property
    def sessions_dir(self) -> Path:
        """Where the runtime writes rollout files (``sessions/YYYY/MM/DD/rollout-*.jsonl``)."""
        return self.path / "sessions"

    def clone(self, path: str | os.PathLike[str]) -> CodexHome:
        """A sibling home with the same configuration and credentials but its own state.

        Runtimes keep SQLite state and rollouts in CODEX_HOME; each pooled runtime gets its own
        home so they never contend for one database, and a restarted runtime finds its own rollouts.
        """
        target = Path(path).absolute()
        _make_private_dir(target)
        for name in ("config.toml", "model_catalog.json"):
            source = self.path / name
            if source.exists():
                text = source.read_text()
                (target / name).write_text(text.replace(str(self.path), str(target)))
        if (self.path / "auth.json").exists():
            write_private_text(target / "auth.json", (self.path / "auth.json").read_text())
        return attrs.evolve(self, path=target)

    def environment(self, base: Mapping[str, str] | None = None) -> dict[str, str]:
        """The environment for a runtime process using this home (secrets included: children only)."""
        env = dict(os.environ if base is None else base)
        env["CODEX_HOME"] = str(self.path)
        if self.provider.env_key is not None:
            env[self.provider.env_key] = self.api_key.reveal() if self.api_key else "unused"
        return env


def build_codex_home(
    path: str | os.PathLike[str],
    *,
    provider: ModelProvider,
    model: str,
    api_key: str | Secret | None = None,
    binary: CodexBinary | None = None,
    approval_policy: str = "never",
    sandbox_mode: str = "danger-full-access",
    chatgpt_base_url: str | None = None,
    offline: bool = True,
    extra_config: Mapping[str, Any] | None = None,
) -> CodexHome:
    """Write config.toml (and auth.json, model catalog) into ``path`` and return the home.

    ``approval_policy`` and ``sandbox_mode`` are defaults; each conversation may override them.
    ``offline`` adds :data:`OFFLINE_SETTINGS`. ``extra_config`` is merged last, table by table.
    The directory is created if needed; files orchestra owns are overwritten.
    """
    home = Path(path).absolute()
    _make_private_dir(home)
    binary = binary or locate_codex()
    secret = Secret(api_key) if isinstance(api_key, str) else api_key

    config: dict[str, Any] = {
        "model": model,
        "model_provider": provider.id,
        "approval_policy": approval_policy,
        "sandbox_mode": sandbox_mode,
    }
    if chatgpt_base_url is not None:
        config["chatgpt_base_url"] = chatgpt_base_url
    if offline:
        _merge(config, OFFLINE_SETTINGS)
    if not provider.builtin:
        config["model_providers"] = {provider.id: provider.config_table()}
    entry = catalog_entry_for(binary, model)
    if entry is not None:
        catalog_path = home / "model_catalog.json"
        catalog_path.write_text(json.dumps({"models": [entry]}))
        config["model_catalog_json"] = str(catalog_path)
    if extra_config:
        _merge(config, extra_config)
    _hide_keys_from_commands(config, provider)
    (home / "config.toml").write_text(tomli_w.dumps(config))
    if secret is not None:
        write_api_key_auth(home, secret)
    return CodexHome(path=home, binary=binary, provider=provider, model=model, api_key=secret)


#: Variables that carry the API key into the runtime's environment. The runtime hands its
#: environment to every command the model runs (0.163 does not apply its default ``*KEY*``
#: excludes), so without this ``printenv`` would show the model the key, and the rollout keep it.
KEY_VARIABLES = ("OPENAI_API_KEY", "CODEX_API_KEY")


def _hide_keys_from_commands(config: dict[str, Any], provider: ModelProvider) -> None:
    """Add the key variables to ``shell_environment_policy.exclude`` (kept: any exclude of the
    caller's own)."""
    policy = config.setdefault("shell_environment_policy", {})
    exclude = list(policy.get("exclude", []))
    for name in (*KEY_VARIABLES, *([provider.env_key] if provider.env_key else [])):
        if name not in exclude:
            exclude.append(name)
    policy["exclude"] = exclude


def write_api_key_auth(home: Path, api_key: Secret) -> Path:
    """Write auth.json as ``codex login --with-api-key`` does, created with mode 0600.

    The file is opened with 0600 from the start (not chmod-ed after) so the key is never
    readable by others, not even for an instant.
    """
    body = json.dumps({"auth_mode": "apikey", "OPENAI_API_KEY": api_key.reveal()}, indent=2)
    return write_private_text(home / "auth.json", body)


def _make_private_dir(path: Path) -> None:
    """Create ``path`` readable by its owner only: the runtime keeps the conversations' rollouts
    (command output included) and its state there. An existing directory is left as it is."""
    path.mkdir(parents=True, exist_ok=True, mode=0o700)


def _merge(into: dict[str, Any], extra: Mapping[str, Any]) -> None:
    for key, value in extra.items():
        if isinstance(value, Mapping) and isinstance(into.get(key), dict):
            _merge(into[key], value)
        else:
            into[key] = dict(value) if isinstance(value, Mapping) else value
