"""Safe apply: a task's diff (or one attempt's) onto a git working tree, the way the Codex CLI does it.

``codex-rs/utils/git/src/apply.rs`` and ``cloud-tasks-client/src/http.rs``: at the repository's top
level, a preflight runs ``git apply --check --index`` (touching nothing; ``--index`` because the apply
will not overwrite a file whose working copy differs from the index); an apply runs ``git apply --3way``
(which also stages what it applies, and leaves conflict markers where a 3-way merge conflicts). The
output of git is read into applied / skipped / conflicted paths, and the outcome is

- ``success`` when git exited 0 (``applied`` is true for a real apply, false for a preflight);
- ``partial`` when it failed but some paths applied cleanly or merged with conflicts;
- ``error`` otherwise.

Before git runs, the diff must be a unified diff and every path it names must stay in the
repository (see ``_patch``): no absolute paths, no ``..``, nothing inside ``.git``, no path through a
symlink that leads outside (on disk, or created by the diff itself), no symlink pointing outside.
Otherwise the outcome is ``error`` with ``refusal`` set, and the tree is untouched.

Every call runs ``git`` with ``trio.run_process``: the trio thread never blocks, and cancelling kills
git (a cancelled apply may have changed the tree; a cancelled preflight has not).
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import trio

from .._log import get_logger
from ._client import CloudClient, select_attempt_diff
from ._errors import GitApplyError, UnsafeDiffError
from ._patch import FilePatch, Refused, check_against_tree, is_unified_diff, parse_patch, unquote_c_name
from ._types import ApplyOutcome, ApplyStatus, DiffRefusal
from ._urls import parse_task_id

log = get_logger("orchestra.cloud.apply")

NOT_UNIFIED_MESSAGE = "Expected unified git diff; backend returned an incompatible format."


async def _git(args: list[str], cwd: Path, stdin: bytes | None = None) -> tuple[int, str, str]:
    env = dict(os.environ, LC_ALL="C", LANGUAGE="C", GIT_TERMINAL_PROMPT="0")
    try:
        done = await trio.run_process(
            ["git", *args],
            cwd=os.fspath(cwd),
            stdin=stdin if stdin is not None else b"",
            capture_stdout=True,
            capture_stderr=True,
            check=False,
            env=env,
        )
    except FileNotFoundError:
        raise GitApplyError("git is not installed (or not on PATH)") from None
    except NotADirectoryError:
        raise GitApplyError(f"{cwd} is not a directory") from None
    return done.returncode, done.stdout.decode("utf-8", "replace"), done.stderr.decode("utf-8", "replace")


async def git_toplevel(path: str | os.PathLike[str]) -> Path:
    """The top of the git working tree containing ``path`` (``git rev-parse --show-toplevel``)."""
    where = Path(path)
    if not await trio.Path(where).is_dir():
        raise GitApplyError(f"{where} is not a directory")
    code, out, err = await _git(["rev-parse", "--show-toplevel"], where)
    if code != 0 or not out.strip():
        raise GitApplyError(f"not a git repository (exit {code}): {err.strip()}")
    return Path(out.strip())


def check_diff(diff: str, root: str | os.PathLike[str]) -> list[FilePatch]:
    """Validate ``diff`` against the tree at ``root``; return its file sections.

    Raises :class:`UnsafeDiffError` (with a :class:`DiffRefusal`) if it must not be applied."""
    try:
        return _validated(diff, Path(root))
    except Refused as refused:
        raise UnsafeDiffError(refused.refusal) from None


def _validated(diff: str, root: Path) -> list[FilePatch]:
    if not is_unified_diff(diff):
        raise Refused("not-unified-diff", NOT_UNIFIED_MESSAGE)
    files = parse_patch(diff)
    check_against_tree(files, root)
    return files


def _refused(refusal: DiffRefusal, label: str, preflight: bool) -> ApplyOutcome:
    what = "Preflight refused" if preflight else "Refused to apply"
    if refusal.reason == "not-unified-diff":
        message = NOT_UNIFIED_MESSAGE
    else:
        message = f"{what} {label}: {refusal.describe()}"
    return ApplyOutcome(applied=False, status="error", message=message, preflight=preflight, refusal=refusal)


async def apply_diff(
    repo: str | os.PathLike[str],
    diff: str,
    *,
    preflight: bool = False,
    label: str = "patch",
) -> ApplyOutcome:
    """Preflight or apply ``diff`` to the git working tree containing ``repo``.

    ``label`` names the diff in messages (the CLI passes ``"task <id>"``). Refusals and git failures
    are outcomes (``status="error"``); only an unusable target (no git, not a repository) raises
    :class:`GitApplyError`. Cancellation kills git.
    """
    root = await git_toplevel(repo)
    mode = "preflight" if preflight else "apply"
    try:
        files = _validated(diff, root)
    except Refused as refused:
        refusal = refused.refusal
        log.warning("cloud.apply.refused", mode=mode, label=label, reason=refusal.reason, path=refusal.path)
        return _refused(refused.refusal, label, preflight)
    patch = diff if diff.endswith("\n") else diff + "\n"
    # --index: --3way will not overwrite a file whose working copy differs from the index, so a
    # preflight that ignored the index (plain --check, as the Codex CLI runs it) passed patches to
    # files with unstaged edits that the apply then skipped.
    args = ["apply", "--check", "--index"] if preflight else ["apply", "--3way"]
    code, stdout, stderr = await _git(args, root, patch.encode("utf-8", "surrogateescape"))
    applied_paths, skipped, conflicted = parse_git_apply_output(stdout, stderr)
    status: ApplyStatus
    if code == 0:
        status = "success"
    elif applied_paths or conflicted:
        status = "partial"
    else:
        status = "error"
    if code == 0 and not applied_paths:
        applied_paths = sorted({p for f in files for p in (f.new_path, f.old_path) if p is not None})
    counts = f"applied={len(applied_paths)}, skipped={len(skipped)}, conflicts={len(conflicted)}"
    if preflight:
        message = {
            "success": f"Preflight passed for {label} (applies cleanly)",
            "partial": f"Preflight: patch does not fully apply for {label} ({counts})",
            "error": f"Preflight failed for {label} ({counts})",
        }[status]
    else:
        message = {
            "success": f"Applied {label} locally ({len(applied_paths)} files)",
            "partial": f"Apply partially succeeded for {label} ({counts})",
            "error": f"Apply failed for {label} ({counts})",
        }[status]
    if status != "success":
        tail = (stderr.strip() or stdout.strip()).splitlines()[-5:]
        log.warning(
            "cloud.apply.failed", mode=mode, label=label, status=status, exit_code=code, git="; ".join(tail)
        )
    return ApplyOutcome(
        applied=status == "success" and not preflight,
        status=status,
        message=message,
        skipped_paths=tuple(skipped),
        conflict_paths=tuple(conflicted),
        applied_paths=tuple(applied_paths),
        preflight=preflight,
    )


async def preflight_diff(repo: str | os.PathLike[str], diff: str, *, label: str = "patch") -> ApplyOutcome:
    """``apply_diff(..., preflight=True)``: would it apply? Touches nothing."""
    return await apply_diff(repo, diff, preflight=True, label=label)


async def apply_task(
    client: CloudClient,
    task_id: str,
    repo: str | os.PathLike[str],
    *,
    attempt: int | None = None,
    preflight: bool = False,
) -> ApplyOutcome:
    """Fetch a task's diff (attempt ``attempt``, 1-based among attempts with a diff, default 1) and
    preflight or apply it — ``codex cloud apply ID [--attempt N]``."""
    task_id = parse_task_id(task_id)
    attempts = [a for a in await client.list_attempts(task_id) if a.diff is not None]
    chosen = select_attempt_diff(task_id, attempts, attempt)
    assert chosen.diff is not None
    label = f"task {task_id}" if attempt is None else f"task {task_id} attempt {attempt}"
    return await apply_diff(repo, chosen.diff, preflight=preflight, label=label)


# --- reading git's output (port of parse_git_apply_output, itself ported from VS Code) ----------

_FLAGS = re.IGNORECASE
_APPLIED_CLEAN = re.compile(r"^Applied patch(?: to)?\s+(?P<path>.+?)\s+cleanly\.?$", _FLAGS)
_APPLIED_CONFLICTS = re.compile(r"^Applied patch(?: to)?\s+(?P<path>.+?)\s+with conflicts\.?$", _FLAGS)
_APPLYING_WITH_REJECTS = re.compile(
    r"^Applying patch\s+(?P<path>.+?)\s+with\s+\d+\s+rejects?\.{0,3}$", _FLAGS
)
_CHECKING_PATCH = re.compile(r"^Checking patch\s+(?P<path>.+?)\.\.\.$", _FLAGS)
_UNMERGED = re.compile(r"^U\s+(?P<path>.+)$", _FLAGS)
_PATCH_FAILED = re.compile(r"^error:\s+patch failed:\s+(?P<path>.+?)(?::\d+)?(?:\s|$)", _FLAGS)
_DOES_NOT_APPLY = re.compile(r"^error:\s+(?P<path>.+?):\s+patch does not apply$", _FLAGS)
_THREE_WAY_START = re.compile(
    r"^(?:Performing three-way merge|Falling back to three-way merge)\.\.\.$", _FLAGS
)
_THREE_WAY_FAILED = re.compile(r"^Failed to perform three-way merge\.\.\.$", _FLAGS)
_FALLBACK_DIRECT = re.compile(r"^Falling back to direct application\.\.\.$", _FLAGS)
_LACKS_BLOB = re.compile(
    r"^(?:error: )?repository lacks the necessary blob to (?:perform|fall back on) 3-?way merge\.?$", _FLAGS
)
_SKIP_PATTERNS = tuple(
    re.compile(pattern, _FLAGS)
    for pattern in (
        r"^error:\s+(?P<path>.+?):\s+does not match index\b",
        r"^error:\s+(?P<path>.+?):\s+does not exist in index\b",
        r"^error:\s+(?P<path>.+?):?\s+already exists in (?:the )?(?:working directory|index)\b",
        r"^error:\s+patch failed:\s+(?P<path>.+?)\s+File exists",
        r"^error:\s+path\s+(?P<path>.+?)\s+has been renamed\/deleted",
        r"^error:\s+cannot apply binary patch to\s+['\"]?(?P<path>.+?)['\"]?\s+without full index line$",
        r"^error:\s+binary patch does not apply to\s+['\"]?(?P<path>.+?)['\"]?$",
        r"^error:\s+binary patch to\s+['\"]?(?P<path>.+?)['\"]?\s+creates incorrect result\b",
        r"^error:\s+cannot read the current contents of\s+['\"]?(?P<path>.+?)['\"]?$",
        r"^Skipped patch\s+['\"]?(?P<path>.+?)['\"]\.$",
    )
)
_BINARY_MERGE_WARNING = re.compile(
    r"^warning:\s*Cannot merge binary files:\s+(?P<path>.+?)\s+\(ours\s+vs\.\s+theirs\)", _FLAGS
)


def _unquote_output_path(raw: str) -> str:
    text = raw.strip()
    if len(text) >= 2 and text[0] in "\"'" and text[-1] == text[0]:
        inner = text[1:-1]
        if text[0] == '"':
            try:
                return unquote_c_name(text, 0)[0]
            except Refused:
                return inner
        return inner
    return text


def parse_git_apply_output(stdout: str, stderr: str) -> tuple[list[str], list[str], list[str]]:
    """``(applied, skipped, conflicted)`` paths from ``git apply`` output; conflicts win over applied,
    applied over skipped."""
    applied: set[str] = set()
    skipped: set[str] = set()
    conflicted: set[str] = set()
    last_seen: str | None = None

    def move(path_raw: str, into: set[str], *others: set[str]) -> str | None:
        path = _unquote_output_path(path_raw)
        if not path:
            return None
        into.add(path)
        for other in others:
            other.discard(path)
        return path

    combined = "\n".join(part for part in (stdout, stderr) if part)
    for raw_line in combined.splitlines():
        line = raw_line.strip()
        if not line:
            continue
        if m := _CHECKING_PATCH.match(line):
            last_seen = m["path"]
            continue
        if m := _APPLIED_CLEAN.match(line):
            last_seen = move(m["path"], applied, conflicted, skipped) or last_seen
            continue
        conflict = (
            _APPLIED_CONFLICTS.match(line) or _APPLYING_WITH_REJECTS.match(line) or _UNMERGED.match(line)
        )
        if m := conflict:
            last_seen = move(m["path"], conflicted, applied, skipped) or last_seen
            continue
        if m := (_PATCH_FAILED.match(line) or _DOES_NOT_APPLY.match(line)):
            path = _unquote_output_path(m["path"])
            if path:
                skipped.add(path)
                last_seen = path
            continue
        if _THREE_WAY_START.match(line) or _FALLBACK_DIRECT.match(line):
            continue
        if _THREE_WAY_FAILED.match(line) or _LACKS_BLOB.match(line):
            if last_seen is not None:
                move(last_seen, skipped, applied, conflicted)
            continue
        skip = next((m for pattern in _SKIP_PATTERNS if (m := pattern.match(line))), None)
        if skip is not None:
            last_seen = move(skip["path"], skipped, applied, conflicted) or last_seen
            continue
        if m := _BINARY_MERGE_WARNING.match(line):
            last_seen = move(m["path"], conflicted, applied, skipped) or last_seen
    applied -= conflicted
    skipped -= conflicted | applied
    return sorted(applied), sorted(skipped), sorted(conflicted)
