"""Detached git worktrees of one repository, made under a private directory and always removed.

Each attempt of a local experiment, and each scratch checkout a scorer gets, is a ``git worktree
add --detach`` at the experiment's base commit: they share the repository's objects, have their
own index and files, and create no branch. :func:`open_worktrees` removes every worktree it made
when its block ends — normally, on error, or on cancellation (the cleanup is shielded, bounded by
``cleanup_timeout``) — then prunes git's records and deletes the directory.

A worktree's diff (:meth:`Worktrees.diff`) is everything that differs from the base, new files
included: ``git add -A`` in that worktree (its own index; ``.gitignore`` is honoured), then
``git diff --cached --binary <base>`` — so commits the agent made are part of it too.

git runs with hooks disabled (``core.hooksPath=/dev/null``), no pager, no prompts, in the C locale.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import AsyncIterator
from pathlib import Path

import trio

from .._log import get_logger
from ..cloud import GitApplyError, git_toplevel
from ._types import ExperimentError, PathLike

log = get_logger("orchestra.experiments.worktrees")

CLEANUP_TIMEOUT = 60.0

_GIT_ENV = {"LC_ALL": "C", "LANGUAGE": "C", "GIT_TERMINAL_PROMPT": "0", "GIT_PAGER": "cat"}
_NO_HOOKS = ("-c", "core.hooksPath=/dev/null")


async def git(cwd: Path, *args: str) -> tuple[int, str, str]:
    """Run ``git args`` in ``cwd``; ``(exit code, stdout, stderr)`` (decoded with surrogateescape,
    so a diff's bytes survive the round trip to ``git apply``). Cancellation kills git."""
    try:
        done = await trio.run_process(
            ["git", *_NO_HOOKS, *args],
            cwd=os.fspath(cwd),
            stdin=b"",
            capture_stdout=True,
            capture_stderr=True,
            check=False,
            env={**os.environ, **_GIT_ENV},
        )
    except FileNotFoundError:
        raise ExperimentError("git is not installed (or not on PATH)") from None
    out = done.stdout.decode("utf-8", "surrogateescape")
    return done.returncode, out, done.stderr.decode("utf-8", "replace")


async def _checked(cwd: Path, *args: str) -> str:
    code, out, err = await git(cwd, *args)
    if code != 0:
        raise ExperimentError(f"git {' '.join(args)} failed in {cwd} (exit {code}): {err.strip()}")
    return out


async def resolve_commit(repo: Path, ref: str) -> str:
    """The full commit id ``ref`` names in ``repo``."""
    if not ref or ref.startswith("-"):
        raise ExperimentError(f"not a usable git ref: {ref!r}")
    return (await _checked(repo, "rev-parse", "--verify", f"{ref}^{{commit}}")).strip()


class Worktrees:
    """The worktrees of one experiment. Make with :func:`open_worktrees`.

    ``top`` is the repository's top level, ``base`` the commit every worktree starts from, ``root``
    the private directory holding them, ``subdir`` where the given repo path sits below ``top``."""

    def __init__(self, top: Path, subdir: Path, base: str, root: Path) -> None:
        self.top = top
        self.subdir = subdir
        self.base = base
        self.root = root
        self._live: set[Path] = set()
        self._lock = trio.Lock()  # one `git worktree add/remove` at a time on the shared repository

    def __repr__(self) -> str:
        return f"<Worktrees of {self.top} at {self.base[:12]} live={len(self._live)}>"

    @property
    def live(self) -> frozenset[Path]:
        """The worktrees made and not removed yet."""
        return frozenset(self._live)

    async def add(self, name: str) -> Path:
        """A new worktree ``root/name``, detached at ``base``."""
        path = self.root / name
        async with self._lock:
            self._live.add(path)
            await _checked(self.top, "worktree", "add", "--detach", "--quiet", os.fspath(path), self.base)
        log.debug("experiments.worktree.added", path=str(path), base=self.base)
        return path

    async def remove(self, path: Path) -> None:
        """Remove one worktree (files, and git's record of it). Never raises for a worktree that
        is already gone."""
        async with self._lock:
            if path not in self._live:
                return
            code, _out, err = await git(self.top, "worktree", "remove", "--force", "--force", os.fspath(path))
            if code != 0:
                log.debug("experiments.worktree.remove_fallback", path=str(path), git=err.strip())
                await trio.to_thread.run_sync(shutil.rmtree, path, True)
                await git(self.top, "worktree", "prune")
            self._live.discard(path)

    async def diff(self, path: Path) -> str:
        """Everything in worktree ``path`` that differs from ``base``, untracked files included."""
        await _checked(path, "add", "-A")
        return await _checked(
            path, "diff", "--cached", "--binary", "--no-color", "--no-ext-diff",
            "--src-prefix=a/", "--dst-prefix=b/", self.base, "--",
        )  # fmt: skip

    async def close(self) -> None:
        """Remove every live worktree, prune, delete ``root``."""
        for path in sorted(self._live):
            await self.remove(path)
        await git(self.top, "worktree", "prune")
        await trio.to_thread.run_sync(shutil.rmtree, self.root, True)


@contextlib.asynccontextmanager
async def open_worktrees(
    repo: PathLike,
    ref: str = "HEAD",
    *,
    parent: PathLike | None = None,
    cleanup_timeout: float = CLEANUP_TIMEOUT,
) -> AsyncIterator[Worktrees]:
    """Worktrees of the repository containing ``repo``, at the commit ``ref`` names now.

    They live in a new directory under ``parent`` (default: the system temp directory). Everything
    is removed when the block ends, however it ends. Raises :class:`ExperimentError` if ``repo`` is
    not in a git repository or ``ref`` names no commit."""
    where = Path(repo)
    try:
        top = await git_toplevel(where)
    except GitApplyError as exc:
        raise ExperimentError(f"{where}: {exc}") from None
    try:
        subdir = Path(await trio.Path(where).resolve()).relative_to(await trio.Path(top).resolve())
    except ValueError:
        subdir = Path()
    base = await resolve_commit(top, ref)
    if subdir != Path() and not await _tree_has_directory(top, base, subdir):
        # The attempts would run in a directory their worktrees do not have, and fail every command.
        raise ExperimentError(f"{where}: {subdir} is not a directory in commit {base[:12]} of {top}")
    try:
        root = Path(tempfile.mkdtemp(prefix="orchestra-best-of-n-", dir=None if parent is None else parent))
    except OSError as exc:
        raise ExperimentError(f"cannot make the worktrees' directory under {parent}: {exc}") from None
    trees = Worktrees(top, subdir, base, root)
    try:
        yield trees
    finally:
        with trio.CancelScope(shield=True), trio.move_on_after(cleanup_timeout) as scope:
            await trees.close()
        if scope.cancelled_caught:
            log.warning("experiments.worktree.cleanup_timeout", root=str(root), live=len(trees.live))


async def _tree_has_directory(top: Path, commit: str, subdir: Path) -> bool:
    """Whether ``subdir`` is a directory in ``commit`` of the repository at ``top``."""
    done = await trio.run_process(
        ["git", "cat-file", "-t", f"{commit}:{subdir.as_posix()}"],
        cwd=top,
        capture_stdout=True,
        capture_stderr=True,
        check=False,
    )
    return done.returncode == 0 and done.stdout.strip() == b"tree"
