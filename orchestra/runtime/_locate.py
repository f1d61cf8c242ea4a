"""Find the ``codex`` binary and check that its version is one we support.

Search order (the first usable one wins):

1. an explicit path given by the caller,
2. the ``ORCHESTRA_CODEX_BIN`` environment variable,
3. the binary bundled in the ``openai-codex-cli-bin`` package (``codex_cli_bin``),
4. ``codex`` on ``PATH``.

When nothing usable is found, :class:`RuntimeNotFoundError` lists every attempt and why it failed.
"""

from __future__ import annotations

import functools
import os
import re
import shutil
import subprocess
from pathlib import Path

import attrs

from .._errors import RuntimeNotFoundError, UnsupportedRuntimeVersionError

ENV_VAR = "ORCHESTRA_CODEX_BIN"

#: Minor series whose app-server protocol orchestra was generated from and tested against.
SUPPORTED_SERIES: tuple[tuple[int, int], ...] = ((0, 163),)

_VERSION_RE = re.compile(r"codex-cli\s+(\d+)\.(\d+)\.(\d+)")


@attrs.frozen
class CodexBinary:
    """A located, version-checked ``codex`` executable."""

    path: Path
    version: str
    source: str  # which step of the search found it, e.g. "ORCHESTRA_CODEX_BIN"

    @property
    def version_tuple(self) -> tuple[int, int, int]:
        major, minor, patch = (int(x) for x in self.version.split("."))
        return major, minor, patch


def locate_codex(
    explicit: str | os.PathLike[str] | None = None, *, check_version: bool = True
) -> CodexBinary:
    """Return the first usable ``codex`` binary in the documented search order.

    Raises :class:`RuntimeNotFoundError` (listing every attempt) when none is usable, and
    :class:`UnsupportedRuntimeVersionError` when the first one found has a version we do not support
    (pass ``check_version=False`` to accept it anyway).
    """
    attempts: list[str] = []
    for source, candidate in _candidates(explicit):
        if isinstance(candidate, str):  # this step had nothing to offer; say why
            attempts.append(f"{source}: {candidate}")
            continue
        problem = _unusable_reason(candidate)
        if problem is not None:
            attempts.append(f"{source}: {candidate} ({problem})")
            continue
        try:
            version = read_version(candidate)
        except (OSError, subprocess.SubprocessError, ValueError) as exc:
            attempts.append(f"{source}: {candidate} (`codex --version` failed: {exc})")
            continue
        binary = CodexBinary(path=candidate, version=version, source=source)
        if check_version:
            check_supported(binary)
        return binary
    raise RuntimeNotFoundError("no usable codex binary found; tried, in order:\n  " + "\n  ".join(attempts))


def _candidates(explicit: str | os.PathLike[str] | None) -> list[tuple[str, Path | str]]:
    """Each search step in order, with its candidate path or why it has none."""
    env_value = os.environ.get(ENV_VAR)
    on_path = shutil.which("codex")
    return [
        ("explicit path", Path(explicit) if explicit is not None else "none given"),
        (ENV_VAR, Path(env_value) if env_value else "not set"),
        ("codex_cli_bin package", _bundled_path()),
        ("PATH", Path(on_path) if on_path else "no `codex` on PATH"),
    ]


def _bundled_path() -> Path | str:
    try:
        import codex_cli_bin
    except ImportError:
        return "not installed"
    try:
        return Path(codex_cli_bin.bundled_codex_path())
    except Exception as exc:  # the package's own lookup failed; report it, try the next step
        return f"bundled_codex_path() failed: {exc}"


def _unusable_reason(path: Path) -> str | None:
    if not path.exists():
        return "does not exist"
    if not path.is_file():
        return "not a file"
    if not os.access(path, os.X_OK):
        return "not executable"
    return None


@functools.lru_cache(maxsize=16)
def read_version(path: Path) -> str:
    """Run ``codex --version`` and return ``"X.Y.Z"``."""
    out = subprocess.run(
        [str(path), "--version"],
        capture_output=True,
        text=True,
        timeout=30,
        check=True,
        stdin=subprocess.DEVNULL,
    ).stdout
    match = _VERSION_RE.search(out)
    if match is None:
        raise ValueError(f"unrecognised version output {out.strip()!r}")
    return ".".join(match.groups())


def check_supported(binary: CodexBinary) -> None:
    """Raise :class:`UnsupportedRuntimeVersionError` unless the binary's minor series is supported."""
    major, minor, _ = binary.version_tuple
    if (major, minor) not in SUPPORTED_SERIES:
        supported = ", ".join(f"{a}.{b}.x" for a, b in SUPPORTED_SERIES)
        raise UnsupportedRuntimeVersionError(
            f"codex {binary.version} at {binary.path} (found via {binary.source}) is not supported; "
            f"supported: {supported}. Install `openai-codex-cli-bin==0.163.0` or pass check_version=False."
        )
