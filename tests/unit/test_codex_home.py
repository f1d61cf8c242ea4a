"""The isolated CODEX_HOME builder."""

from __future__ import annotations

import json
import stat
import tomllib
from pathlib import Path

from orchestra.runtime import CodexBinary, ModelProvider, build_codex_home


def test_scripted_home_has_offline_settings_auth_and_catalog(
    tmp_path: Path, codex_binary: CodexBinary
) -> None:
    home = build_codex_home(
        tmp_path / "home",
        provider=ModelProvider.scripted("http://127.0.0.1:9999/v1"),
        model="scripted-model",
        api_key="sk-unit-test-key-123456",
        binary=codex_binary,
    )
    config = tomllib.loads(home.config_path.read_text())
    assert config["model"] == "scripted-model"
    assert config["model_provider"] == "scripted"
    provider = config["model_providers"]["scripted"]
    assert provider["base_url"] == "http://127.0.0.1:9999/v1"
    assert provider["request_max_retries"] == 0 and provider["stream_max_retries"] == 0
    assert config["features"]["plugins"] is False
    assert config["features"]["unbounded_connection_retries"] is False
    assert config["analytics"]["enabled"] is False

    auth = home.path / "auth.json"
    assert stat.S_IMODE(auth.stat().st_mode) == 0o600
    assert json.loads(auth.read_text()) == {
        "auth_mode": "apikey",
        "OPENAI_API_KEY": "sk-unit-test-key-123456",
    }

    catalog = json.loads(Path(config["model_catalog_json"]).read_text())
    assert [m["slug"] for m in catalog["models"]] == ["scripted-model"]

    env = home.environment(base={})
    assert env["CODEX_HOME"] == str(home.path)
    assert env["ORCHESTRA_SCRIPTED_API_KEY"] == "sk-unit-test-key-123456"
    assert "sk-unit-test-key-123456" not in repr(home)
    # The runtime has the key; the commands the model runs must not inherit it.
    excluded = config["shell_environment_policy"]["exclude"]
    assert {"OPENAI_API_KEY", "CODEX_API_KEY", "ORCHESTRA_SCRIPTED_API_KEY"} <= set(excluded)
    # Rollouts and state live here: the owner's only, and so are a pooled runtime's clone.
    assert stat.S_IMODE(home.path.stat().st_mode) == 0o700
    clone = home.clone(tmp_path / "pool" / "runtime-1")
    assert stat.S_IMODE(clone.path.stat().st_mode) == 0o700
    assert tomllib.loads(clone.config_path.read_text())["shell_environment_policy"]["exclude"] == excluded


def test_a_callers_own_excludes_are_kept_and_the_key_variables_added(
    tmp_path: Path, codex_binary: CodexBinary
) -> None:
    home = build_codex_home(
        tmp_path / "home",
        provider=ModelProvider.openai(),
        model="gpt-5.5",
        binary=codex_binary,
        extra_config={"shell_environment_policy": {"inherit": "core", "exclude": ["AWS_*"]}},
    )
    policy = tomllib.loads(home.config_path.read_text())["shell_environment_policy"]
    assert policy["inherit"] == "core"
    assert policy["exclude"] == ["AWS_*", "OPENAI_API_KEY", "CODEX_API_KEY"]


def test_openai_home_uses_builtin_provider_and_known_model(tmp_path: Path, codex_binary: CodexBinary) -> None:
    home = build_codex_home(
        tmp_path / "home",
        provider=ModelProvider.openai(),
        model="gpt-5.5",
        api_key="sk-x-123456",
        binary=codex_binary,
    )
    config = tomllib.loads(home.config_path.read_text())
    assert config["model_provider"] == "openai"
    assert "model_providers" not in config
    assert "model_catalog_json" not in config  # the bundled catalog knows gpt-5.5


def test_existing_auth_file_is_tightened_to_0600(tmp_path: Path, codex_binary: CodexBinary) -> None:
    home_dir = tmp_path / "home"
    home_dir.mkdir()
    (home_dir / "auth.json").write_text("{}")
    (home_dir / "auth.json").chmod(0o644)
    build_codex_home(
        home_dir, provider=ModelProvider.openai(), model="gpt-5.5", api_key="sk-x-123456", binary=codex_binary
    )
    assert stat.S_IMODE((home_dir / "auth.json").stat().st_mode) == 0o600
