"""Reading a unified diff's headers, to decide whether it is safe to hand to ``git apply``.

This module never applies anything: it finds every path a diff names and checks that each stays
inside the repository. ``git apply`` does the real work (see ``_apply``); git has its own checks,
and these run first so a refusal is typed and certain, and the tree is untouched.

Parsed per file section: ``diff --git a/X b/Y`` (plain or C-quoted names), the extended headers
(``new file mode``, ``deleted file mode``, ``old/new mode``, ``index``, ``rename from/to``,
``copy from/to``, and the old ``rename old/new``), ``--- X`` / ``+++ Y`` (``/dev/null`` for a
created or deleted file; a tab ends the name), hunks (counted by their ``@@`` line counts, so a
removed line that reads ``--- x`` is not mistaken for a header), ``GIT binary patch`` bodies and
``Binary files ... differ``. Plain (non-git) unified diffs are read too; names lose their first
component, as ``git apply -p1`` does.

Why not ``unidiff``: it does not read ``rename/copy from/to`` headers, does not unquote C-quoted
names, and has no notion of ``GIT binary patch`` bodies — each a way for a path to go unchecked.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from pathlib import Path

import attrs

from ._types import DiffRefusal, RefusalReason

DEV_NULL = "/dev/null"
SYMLINK_MODE = "120000"

_HUNK = re.compile(r"^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@")
_DRIVE = re.compile(r"^[A-Za-z]:[\\/]")
_C_ESCAPES = {"a": 7, "b": 8, "t": 9, "n": 10, "v": 11, "f": 12, "r": 13, '"': 34, "\\": 92, "'": 39}
_PATH_HEADERS = ("rename from ", "rename to ", "copy from ", "copy to ", "rename old ", "rename new ")
_MODE_HEADERS = ("old mode ", "new mode ", "deleted file mode ", "new file mode ")
_OTHER_HEADERS = ("index ", "similarity index", "dissimilarity index")


class Refused(Exception):
    """Raised inside this module; the caller turns ``refusal`` into an outcome or an error."""

    def __init__(self, reason: RefusalReason, detail: str, path: str | None = None) -> None:
        super().__init__(detail)
        self.refusal = DiffRefusal(reason=reason, detail=detail, path=path)


@attrs.frozen
class FilePatch:
    """One file section of a diff, with repository-relative names (``None`` for ``/dev/null``)."""

    old_path: str | None
    new_path: str | None
    paths: tuple[str, ...]
    """Every repository-relative path the section names (headers, ``---``/``+++``, rename/copy)."""
    new_file: bool = False
    deleted: bool = False
    renamed: bool = False
    copied: bool = False
    binary: bool = False
    mode: str | None = None
    """The file's mode after the patch, when the headers say (``120000``: a symlink)."""
    symlink_target: str | None = None
    """For a symlink the patch writes: the target it points to (its content)."""

    @property
    def is_symlink(self) -> bool:
        return self.mode == SYMLINK_MODE and not self.deleted


def is_unified_diff(text: str) -> bool:
    """The Codex client's test (``is_unified_diff``): starts with ``diff --git``, or has ``---``/``+++``
    headers and a hunk. (Unlike the Rust test, a ``---`` header on the very first line counts.)"""
    if text.lstrip().startswith("diff --git "):
        return True
    has_headers = ("\n--- " in text or text.startswith("--- ")) and "\n+++ " in text
    has_hunk = "\n@@ " in text or text.startswith("@@ ")
    return has_headers and has_hunk


# --- names ---------------------------------------------------------------------------------


def unquote_c_name(text: str, start: int) -> tuple[str, int]:
    """Read a C-quoted name starting at the ``"`` at ``start``; return it and the index after it."""
    out = bytearray()
    i = start + 1
    while i < len(text):
        ch = text[i]
        if ch == '"':
            return out.decode("utf-8", errors="surrogateescape"), i + 1
        if ch != "\\":
            out.extend(ch.encode("utf-8", errors="surrogateescape"))
            i += 1
            continue
        if i + 1 >= len(text):
            break
        nxt = text[i + 1]
        if nxt in "01234567":
            digits = nxt
            j = i + 2
            while j < len(text) and len(digits) < 3 and text[j] in "01234567":
                digits += text[j]
                j += 1
            out.append(int(digits, 8) & 0xFF)
            i = j
            continue
        if nxt in _C_ESCAPES:
            out.append(_C_ESCAPES[nxt])
            i += 2
            continue
        raise Refused("malformed", f"unknown escape \\{nxt} in quoted name {text[start:]!r}")
    raise Refused("malformed", f"unterminated quoted name {text[start:]!r}")


def _name(raw: str) -> str:
    """A ``---``/``+++``/rename name: unquoted, or up to the first tab, trailing blanks removed."""
    raw = raw.rstrip("\r")
    if raw.startswith('"'):
        value, _ = unquote_c_name(raw, 0)
        return value
    return raw.split("\t", 1)[0].rstrip()


def _strip_component(name: str) -> str | None:
    """``git apply -p1``: drop the first path component (``a/``, ``b/``, anything)."""
    _head, sep, rest = name.lstrip("/").partition("/")
    return rest if sep and rest else None


def _git_header_names(rest: str) -> tuple[str, str] | None:
    """The two names of ``diff --git A B``; ``None`` if they cannot be told apart."""
    rest = rest.rstrip("\r")
    if rest.startswith('"'):
        first, end = unquote_c_name(rest, 0)
        tail = rest[end:].lstrip(" ")
        second = unquote_c_name(tail, 0)[0] if tail.startswith('"') else tail
        return first, second
    if ' "' in rest:
        split = rest.index(' "')
        return rest[:split], unquote_c_name(rest, split + 1)[0]
    candidates = [i for i, ch in enumerate(rest) if ch == " "]
    for i in candidates:  # git: the two names must be equal after their prefixes
        a, b = rest[:i], rest[i + 1 :]
        if _strip_component(a) is not None and _strip_component(a) == _strip_component(b):
            return a, b
    if len(candidates) == 1:
        i = candidates[0]
        return rest[:i], rest[i + 1 :]
    return None


# --- parsing ---------------------------------------------------------------------------------


@attrs.define
class _Section:
    raw_names: list[tuple[str, bool]] = attrs.Factory(list)
    """(name, strip first component?) for every name seen."""
    old_raw: str | None = None
    new_raw: str | None = None
    git_old: str | None = None
    git_new: str | None = None
    new_file_mode: str | None = None
    deleted_mode: str | None = None
    new_mode: str | None = None
    index_mode: str | None = None
    rename_from: str | None = None
    rename_to: str | None = None
    copy_from: str | None = None
    copy_to: str | None = None
    binary: bool = False
    added: list[str] = attrs.Factory(list)
    is_git: bool = False


class _Parser:
    def __init__(self, text: str) -> None:
        lines = text.split("\n")
        if lines and lines[-1] == "":
            lines.pop()
        self.lines = lines
        self.i = 0

    def peek(self, offset: int = 0) -> str | None:
        j = self.i + offset
        return self.lines[j].rstrip("\r") if j < len(self.lines) else None

    def parse(self) -> list[FilePatch]:
        files: list[FilePatch] = []
        while (line := self.peek()) is not None:
            if line.startswith("diff --git "):
                files.append(self._git_section())
            elif line.startswith("--- ") and (nxt := self.peek(1)) is not None and nxt.startswith("+++ "):
                files.append(self._plain_section())
            elif line.startswith("@@ ") and _HUNK.match(line):
                raise Refused("malformed", f"line {self.i + 1}: hunk without a file header")
            else:
                self.i += 1  # commit message, "---" separators, trailing text: git apply skips these
        return files

    def _git_section(self) -> FilePatch:
        line = self.peek()
        assert line is not None
        rest = line[len("diff --git ") :]
        section = _Section(is_git=True)
        names = _git_header_names(rest)
        if names is not None:
            section.git_old, section.git_new = names
            section.raw_names += [(names[0], True), (names[1], True)]
        else:  # ambiguous unquoted names: check every token for escapes anyway
            section.raw_names += [(token, False) for token in rest.split()]
        self.i += 1
        while (line := self.peek()) is not None:
            if line.startswith(("diff --git ", "--- ", "@@ ", "GIT binary patch", "Binary files ")):
                break
            self._extended_header(section, line)
            self.i += 1
        line = self.peek()
        if line is not None and line.startswith("--- "):
            self._file_names(section)
            self._hunks(section)
        elif line is not None and line.startswith("GIT binary patch"):
            section.binary = True
            self.i += 1
            while (line := self.peek()) is not None and not line.startswith("diff --git "):
                self.i += 1
        elif line is not None and line.startswith("Binary files "):
            section.binary = True
            self.i += 1
        return _finish(section)

    def _extended_header(self, section: _Section, line: str) -> None:
        for prefix in _PATH_HEADERS:
            if line.startswith(prefix):
                name = _name(line[len(prefix) :])
                section.raw_names.append((name, False))
                if prefix in ("rename from ", "rename old "):
                    section.rename_from = name
                elif prefix in ("rename to ", "rename new "):
                    section.rename_to = name
                elif prefix == "copy from ":
                    section.copy_from = name
                else:
                    section.copy_to = name
                return
        for prefix in _MODE_HEADERS:
            if line.startswith(prefix):
                mode = line[len(prefix) :].strip()
                if prefix == "new file mode ":
                    section.new_file_mode = mode
                elif prefix == "deleted file mode ":
                    section.deleted_mode = mode
                elif prefix == "new mode ":
                    section.new_mode = mode
                return
        if line.startswith("index "):
            fields = line.split()
            if len(fields) >= 3:
                section.index_mode = fields[2]
        # similarity/dissimilarity index and unknown lines carry no path: nothing to check

    def _plain_section(self) -> FilePatch:
        section = _Section()
        self._file_names(section)
        self._hunks(section)
        return _finish(section)

    def _file_names(self, section: _Section) -> None:
        old_line, new_line = self.peek(), self.peek(1)
        if old_line is None or new_line is None or not new_line.startswith("+++ "):
            raise Refused("malformed", f"line {self.i + 1}: '---' header without a '+++' header")
        section.old_raw = _name(old_line[4:])
        section.new_raw = _name(new_line[4:])
        section.raw_names += [(section.old_raw, True), (section.new_raw, True)]
        self.i += 2

    def _hunks(self, section: _Section) -> None:
        keep_added = (
            section.new_file_mode == SYMLINK_MODE
            or section.new_mode == SYMLINK_MODE
            or (section.index_mode == SYMLINK_MODE)
        )
        while (line := self.peek()) is not None and line.startswith("@@"):
            match = _HUNK.match(line)
            if match is None:
                raise Refused("malformed", f"line {self.i + 1}: malformed hunk header {line!r}")
            old_left = int(match.group(2)) if match.group(2) is not None else 1
            new_left = int(match.group(4)) if match.group(4) is not None else 1
            self.i += 1
            while old_left > 0 or new_left > 0:
                body = self.peek()
                if body is None:
                    raise Refused("malformed", "diff ends inside a hunk (truncated patch)")
                if body == "" or body.startswith(" "):
                    old_left -= 1
                    new_left -= 1
                elif body.startswith("-"):
                    old_left -= 1
                elif body.startswith("+"):
                    new_left -= 1
                    if keep_added:
                        section.added.append(self.lines[self.i][1:].rstrip("\r"))
                elif not body.startswith("\\"):
                    raise Refused("malformed", f"line {self.i + 1}: unexpected line in hunk: {body[:60]!r}")
                if old_left < 0 or new_left < 0:
                    raise Refused("malformed", f"line {self.i + 1}: hunk longer than its header says")
                self.i += 1
            while (marker := self.peek()) is not None and marker.startswith("\\"):
                self.i += 1


def _relative(raw: str | None, *, strip: bool) -> str | None:
    if raw is None or raw == DEV_NULL:
        return None
    if not strip:
        return raw
    stripped = _strip_component(raw)
    if stripped is None:
        raise Refused("malformed", f"name {raw!r} has no component to strip (expected a/... or b/...)", raw)
    return stripped


def _finish(section: _Section) -> FilePatch:
    for raw, _strip in section.raw_names:
        _check_raw(raw)
    if section.old_raw == DEV_NULL and section.new_raw == DEV_NULL:
        raise Refused("malformed", "a file section with /dev/null on both sides")
    old = _relative(section.old_raw, strip=True) if section.old_raw is not None else None
    new = _relative(section.new_raw, strip=True) if section.new_raw is not None else None
    if section.old_raw is None and section.git_old is not None:
        old = _relative(section.git_old, strip=True)
    if section.new_raw is None and section.git_new is not None:
        new = _relative(section.git_new, strip=True)
    new_file = section.new_file_mode is not None or section.old_raw == DEV_NULL
    deleted = section.deleted_mode is not None or section.new_raw == DEV_NULL
    if section.new_file_mode is not None and section.old_raw not in (None, DEV_NULL):
        raise Refused("malformed", "'new file mode' but the old side is not /dev/null", section.old_raw)
    if section.deleted_mode is not None and section.new_raw not in (None, DEV_NULL):
        raise Refused("malformed", "'deleted file mode' but the new side is not /dev/null", section.new_raw)
    if new_file:
        old = None
    if deleted:
        new = None
    if section.rename_from is not None:
        old = section.rename_from
    if section.rename_to is not None:
        new = section.rename_to
    if section.copy_from is not None:
        old = section.copy_from
    if section.copy_to is not None:
        new = section.copy_to
    paths: list[str] = []
    for raw, strip in section.raw_names:
        rel = _relative(raw, strip=strip) if raw != DEV_NULL else None
        if rel is not None:
            paths.append(rel)
    for path in paths:
        check_relative_path(path)
    mode = section.new_file_mode or section.new_mode or section.index_mode
    is_link = mode == SYMLINK_MODE and not deleted
    target = "".join(section.added) if is_link and section.added else None
    if is_link and target is None:
        raise Refused("symlink-escape", "the diff makes a symlink whose target it does not show", new or old)
    return FilePatch(
        old_path=old,
        new_path=new,
        paths=tuple(dict.fromkeys(paths)),
        new_file=new_file,
        deleted=deleted,
        renamed=section.rename_from is not None or section.rename_to is not None,
        copied=section.copy_from is not None or section.copy_to is not None,
        binary=section.binary,
        mode=mode,
        symlink_target=target,
    )


# --- checks ------------------------------------------------------------------------------------


def _components(path: str) -> list[str]:
    return re.split(r"[/\\]", path)


def _check_raw(raw: str) -> None:
    if raw == DEV_NULL:
        return
    if "\0" in raw:
        raise Refused("malformed", "a name contains a NUL byte", raw)
    if raw.startswith(("/", "\\")) or _DRIVE.match(raw):
        raise Refused("absolute-path", "absolute paths are not allowed", raw)
    if ".." in _components(raw):
        raise Refused("parent-traversal", "'..' would leave the repository", raw)


def check_relative_path(path: str) -> None:
    """Refuse a repository-relative path that is empty, absolute, has ``..`` or enters ``.git``."""
    if not path or path in (".", "./"):
        raise Refused("malformed", "empty path", path)
    _check_raw(path)
    parts = _components(path)
    if any(part.lower() == ".git" for part in parts):
        raise Refused("git-dir", "the diff writes inside .git", path)


def _inside(path: str, root: str) -> bool:
    return path == root or os.path.commonpath([path, root]) == root


def check_against_tree(files: Iterable[FilePatch], root: Path) -> None:
    """Refuse paths that leave ``root`` through a symlink on disk, through a symlink the diff
    itself creates, or symlinks the diff writes whose target is outside ``root``. Also refuse a
    section that rewrites or moves an existing symlink without declaring it one (git would write
    the text as its new target, unchecked), and a symlink whose target goes through another
    symlink the diff creates (which does not exist yet to be resolved)."""
    real_root = os.path.realpath(root)
    files = list(files)
    created_links = {f.new_path for f in files if f.is_symlink and f.new_path is not None}
    for patch in files:
        old = patch.old_path
        rewrites = old is not None and not patch.deleted and not patch.is_symlink
        if rewrites and old is not None and os.path.islink(os.path.join(real_root, old)):
            detail = f"{old!r} is a symlink the diff changes or moves as if it were a file"
            raise Refused("symlink-escape", detail, old)
        for path in patch.paths:
            parts = [p for p in path.split("/") if p not in ("", ".")]
            current = real_root
            for index, part in enumerate(parts):
                current = os.path.join(current, part)
                prefix = "/".join(parts[: index + 1])
                if index < len(parts) - 1 and prefix in created_links:
                    detail = f"goes through {prefix!r}, a symlink the diff creates"
                    raise Refused("symlink-escape", detail, path)
                if os.path.islink(current):
                    resolved = os.path.realpath(current)
                    if not _inside(resolved, real_root):
                        raise Refused(
                            "symlink-escape", f"{prefix!r} is a symlink pointing outside the repository", path
                        )
        if patch.is_symlink and patch.symlink_target is not None and patch.new_path is not None:
            target = patch.symlink_target
            if target.startswith(("/", "\\")) or _DRIVE.match(target):
                raise Refused("symlink-escape", f"symlink to the absolute path {target!r}", patch.new_path)
            link_dir = os.path.dirname(os.path.join(real_root, patch.new_path))
            through = _created_link_on_the_way(patch.new_path, target, created_links)
            if through is not None:
                detail = f"symlink to {target!r} goes through {through!r}, a symlink the diff creates"
                raise Refused("symlink-escape", detail, patch.new_path)
            resolved = os.path.realpath(os.path.join(link_dir, target))
            if not _inside(resolved, real_root):
                detail = f"symlink to {target!r} points outside the repository"
                raise Refused("symlink-escape", detail, patch.new_path)


def _created_link_on_the_way(link: str, target: str, created_links: set[str]) -> str | None:
    """The first diff-created symlink that ``link``'s ``target`` passes through, walked as the
    kernel will once they all exist (lexically, not normalised: ``l2/..`` goes *through* l2)."""
    walked: list[str] = []
    for part in [*link.split("/")[:-1], *target.split("/")]:
        if part == "..":
            if walked:
                walked.pop()
            continue
        if part in ("", "."):
            continue
        walked.append(part)
        if "/".join(walked) in created_links:
            return "/".join(walked)
    return None


def parse_patch(text: str) -> list[FilePatch]:
    """Every file section of ``text``. Raises :class:`Refused` for a malformed or escaping diff."""
    if "\0" in text:
        raise Refused("malformed", "the diff contains a NUL byte")
    files = _Parser(text).parse()
    if not files:
        raise Refused("not-unified-diff", "no file sections found")
    return files
