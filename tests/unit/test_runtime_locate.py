"""Finding the codex binary: the documented order, version checks, and a useful error."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from orchestra import RuntimeNotFoundError, UnsupportedRuntimeVersionError
from orchestra.runtime import CodexBinary, locate_codex


def _fake_codex(path: Path, version: str) -> Path:
    path.write_text(f"#!/bin/sh\necho 'codex-cli {version}'\n")
    path.chmod(0o755)
    return path


def test_explicit_path_wins(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, codex_binary: CodexBinary
) -> None:
    monkeypatch.setenv("ORCHESTRA_CODEX_BIN", "/nonexistent/codex")
    found = locate_codex(codex_binary.path)
    assert found.source == "explicit path"
    assert found.version == "0.163.0"


def test_env_var_comes_before_the_bundled_binary(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fake = _fake_codex(tmp_path / "codex", "0.163.7")
    monkeypatch.setenv("ORCHESTRA_CODEX_BIN", str(fake))
    found = locate_codex()
    assert (found.source, found.path, found.version) == ("ORCHESTRA_CODEX_BIN", fake, "0.163.7")


def test_bundled_binary_is_used_when_nothing_is_configured(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ORCHESTRA_CODEX_BIN", raising=False)
    found = locate_codex()
    assert found.source == "codex_cli_bin package"


def test_unsupported_version_is_refused_with_a_clear_error(tmp_path: Path) -> None:
    fake = _fake_codex(tmp_path / "codex", "0.147.0")
    with pytest.raises(UnsupportedRuntimeVersionError, match=r"0\.147\.0.*supported: 0\.163\.x"):
        locate_codex(fake)
    assert locate_codex(fake, check_version=False).version == "0.147.0"


def test_nothing_found_lists_every_attempt_in_order(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ORCHESTRA_CODEX_BIN", str(tmp_path / "missing-codex"))
    monkeypatch.setenv("PATH", str(tmp_path))  # no codex on PATH
    monkeypatch.setattr("orchestra.runtime._locate._bundled_path", lambda: "not installed")
    with pytest.raises(RuntimeNotFoundError) as info:
        locate_codex(tmp_path / "also-missing")
    message = str(info.value)
    order = ["explicit path", "ORCHESTRA_CODEX_BIN", "codex_cli_bin package", "PATH"]
    positions = [message.index(step) for step in order]
    assert positions == sorted(positions)
    assert "does not exist" in message


def test_a_binary_that_fails_version_is_skipped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    broken = tmp_path / "codex"
    broken.write_text("#!/bin/sh\nexit 1\n")
    broken.chmod(0o755)
    monkeypatch.setenv("ORCHESTRA_CODEX_BIN", str(broken))
    found = locate_codex()  # falls through to the bundled binary
    assert found.source == "codex_cli_bin package"
    assert os.access(found.path, os.X_OK)
