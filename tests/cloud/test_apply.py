"""Safe apply: refusals (tree untouched) and git outcomes (success, partial with conflicts, skipped)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from orchestra.cloud import (
    CloudClient,
    GitApplyError,
    NoDiffError,
    UnsafeDiffError,
    apply_diff,
    apply_task,
    check_diff,
    is_unified_diff,
    parse_git_apply_output,
    preflight_diff,
)
from orchestra.cloud._apply import NOT_UNIFIED_MESSAGE
from orchestra.testing.fake_cloud import AttemptScript, FakeCloud, Schedule, TaskScript

from .conftest import git, snapshot

NEW_FILE = (
    "diff --git a/hello.txt b/hello.txt\nnew file mode 100644\n"
    "--- /dev/null\n+++ b/hello.txt\n@@ -0,0 +1,2 @@\n+hello\n+world\n"
)
MODIFY = (
    "diff --git a/file.txt b/file.txt\n--- a/file.txt\n+++ b/file.txt\n"
    "@@ -1,3 +1,3 @@\n line1\n-line2\n+remote2\n line3\n"
)
DELETE = (
    "diff --git a/other.txt b/other.txt\ndeleted file mode 100644\n"
    "--- a/other.txt\n+++ /dev/null\n@@ -1 +0,0 @@\n-a\n"
)
RENAME = (
    "diff --git a/src/app.py b/src/main.py\nsimilarity index 100%\n"
    "rename from src/app.py\nrename to src/main.py\n"
)


def new_file(path: str, content: str = "x", *, mode: str = "100644", quoted: bool = False) -> str:
    a, b = (f'"a/{path}"', f'"b/{path}"') if quoted else (f"a/{path}", f"b/{path}")
    return f"diff --git {a} {b}\nnew file mode {mode}\n--- /dev/null\n+++ {b}\n@@ -0,0 +1 @@\n+{content}\n"


# --- success -------------------------------------------------------------------------------------


async def test_preflight_passes_and_touches_nothing(repo: Path) -> None:
    before = snapshot(repo)
    outcome = await preflight_diff(repo, NEW_FILE + MODIFY + DELETE, label="task t1")
    assert (outcome.status, outcome.applied, outcome.preflight) == ("success", False, True)
    assert outcome.message == "Preflight passed for task t1 (applies cleanly)"
    assert outcome.refusal is None
    assert snapshot(repo) == before


async def test_apply_new_modify_delete_rename(repo: Path) -> None:
    outcome = await apply_diff(repo, NEW_FILE + MODIFY + DELETE + RENAME, label="task t1")
    assert (outcome.status, outcome.applied, outcome.preflight) == ("success", True, False)
    assert (repo / "hello.txt").read_text() == "hello\nworld\n"
    assert (repo / "file.txt").read_text() == "line1\nremote2\nline3\n"
    assert not (repo / "other.txt").exists()
    assert (repo / "src" / "main.py").exists() and not (repo / "src" / "app.py").exists()
    assert set(outcome.applied_paths) >= {"hello.txt", "file.txt", "other.txt", "src/main.py"}
    assert outcome.message.startswith("Applied task t1 locally (")
    assert "hello.txt" in git(repo, "diff", "--cached", "--name-only")  # --3way stages what it applies


async def test_apply_from_a_subdirectory_uses_the_top_level(repo: Path) -> None:
    outcome = await apply_diff(repo / "src", NEW_FILE)
    assert outcome.ok and (repo / "hello.txt").exists()


async def test_a_diff_without_final_newline_applies(repo: Path) -> None:
    assert (await apply_diff(repo, NEW_FILE.rstrip("\n"))).ok


async def test_lines_that_look_like_headers_inside_hunks(repo: Path) -> None:
    (repo / "q.sql").write_text("select 1;\n-- comment\n++ plus\n")
    git(repo, "add", "q.sql")
    git(repo, "commit", "-q", "-m", "sql")
    diff = (
        "diff --git a/q.sql b/q.sql\n--- a/q.sql\n+++ b/q.sql\n@@ -1,3 +1,3 @@\n select 1;\n"
        "--- comment\n+++ new comment\n ++ plus\n"
    )
    assert [f.paths for f in check_diff(diff, repo)] == [("q.sql",)]
    assert (await apply_diff(repo, diff)).ok
    assert (repo / "q.sql").read_text() == "select 1;\n++ new comment\n++ plus\n"


async def test_quoted_names_are_understood(repo: Path) -> None:
    diff = new_file("h\\303\\251llo w.txt", "hi", quoted=True)
    [patch] = check_diff(diff, repo)
    assert patch.new_path == "héllo w.txt"
    assert (await apply_diff(repo, diff)).ok
    assert (repo / "héllo w.txt").read_text() == "hi\n"


async def test_symlinks_inside_the_repository_are_fine(repo: Path) -> None:
    diff = new_file("link-to-src", "src", mode="120000") + "\\ No newline at end of file\n"
    [patch] = check_diff(diff, repo)
    assert patch.is_symlink and patch.symlink_target == "src"
    assert (await apply_diff(repo, diff)).ok
    assert os.readlink(repo / "link-to-src") == "src"


# --- git failures --------------------------------------------------------------------------------


def _remote_change(repo: Path) -> str:
    """A real `git diff` (with index lines) changing file.txt and other.txt, then reset."""
    (repo / "file.txt").write_text("line1\nremote2\nline3\n")
    (repo / "other.txt").write_text("b\n")
    diff = git(repo, "diff")
    git(repo, "checkout", "-q", "--", ".")
    return diff


async def test_conflicts_are_a_partial_apply(repo: Path) -> None:
    diff = _remote_change(repo)
    (repo / "file.txt").write_text("line1\nlocal2\nline3\n")
    git(repo, "commit", "-q", "-am", "local change")
    before = snapshot(repo)

    preflight = await preflight_diff(repo, diff)
    assert (preflight.status, preflight.applied) == ("error", False)
    assert preflight.skipped_paths == ("file.txt",)
    assert snapshot(repo) == before

    outcome = await apply_diff(repo, diff, label="task t2")
    assert (outcome.status, outcome.applied) == ("partial", False)
    assert outcome.conflict_paths == ("file.txt",)
    assert outcome.applied_paths == ("other.txt",)
    assert outcome.skipped_paths == ()
    assert outcome.message == "Apply partially succeeded for task t2 (applied=1, skipped=0, conflicts=1)"
    assert "<<<<<<<" in (repo / "file.txt").read_text()
    assert (repo / "other.txt").read_text() == "b\n"


async def test_unstaged_local_edits_skip_the_patch_and_leave_the_tree(repo: Path) -> None:
    (repo / "file.txt").write_text("line1\nlocal2\nline3\n")
    before = snapshot(repo)
    outcome = await apply_diff(repo, MODIFY + NEW_FILE)
    assert (outcome.status, outcome.applied) == ("error", False)
    assert outcome.skipped_paths == ("file.txt",)
    assert outcome.message.startswith("Apply failed for patch (applied=0, skipped=1")
    assert snapshot(repo) == before  # git apply is all-or-nothing here: hello.txt was not created


# The working trees a patch meets, each as the edit that makes it from the seed repository.
LONG = "".join(f"line{i}\n" for i in range(1, 13))
FAR_CHANGE = (
    "diff --git a/file.txt b/file.txt\n--- a/file.txt\n+++ b/file.txt\n"
    "@@ -10,3 +10,3 @@\n line10\n-line11\n+remote11\n line12\n"
)
TREES = [
    "clean",
    "unstaged edit far from the hunk",
    "staged edit far from the hunk",
    "unstaged edit of another file",
    "untracked file where the patch creates one",
]


def make_tree(repo: Path, tree: str) -> None:
    if "edit far from the hunk" in tree:
        (repo / "file.txt").write_text(LONG.replace("line1\n", "local1\n"))
        if tree.startswith("staged"):
            git(repo, "add", "file.txt")
    elif tree == "unstaged edit of another file":
        (repo / "other.txt").write_text("local\n")
    elif tree.startswith("untracked"):
        (repo / "hello.txt").write_text("mine\n")


@pytest.mark.parametrize("tree", TREES)
async def test_preflight_agrees_with_apply(repo: Path, tree: str) -> None:
    """A preflight that passes means the apply succeeds on the same tree, and one that fails means
    it does not. (A plain ``git apply --check`` ignores the index, which ``--3way`` refuses to
    overwrite: it passed patches to files with unstaged edits that the apply then skipped.)"""
    (repo / "file.txt").write_text(LONG)
    git(repo, "commit", "-q", "-am", "longer file")
    make_tree(repo, tree)
    before = snapshot(repo)
    preflight = await preflight_diff(repo, FAR_CHANGE + NEW_FILE)
    assert snapshot(repo) == before
    outcome = await apply_diff(repo, FAR_CHANGE + NEW_FILE)
    assert preflight.ok == outcome.ok, (preflight, outcome)
    assert preflight.skipped_paths == outcome.skipped_paths
    if not outcome.ok:
        assert snapshot(repo) == before


async def test_modifying_a_missing_file_fails(repo: Path) -> None:
    diff = "diff --git a/ghost.txt b/ghost.txt\n--- a/ghost.txt\n+++ b/ghost.txt\n@@ -1 +1 @@\n-old\n+new\n"
    before = snapshot(repo)
    outcome = await preflight_diff(repo, diff)
    assert outcome.status == "error"
    assert snapshot(repo) == before


async def test_git_still_guards_in_repo_symlinked_directories(repo: Path) -> None:
    (repo / "inlink").symlink_to("src")
    git(repo, "add", "inlink")
    git(repo, "commit", "-q", "-m", "link")
    before = snapshot(repo)
    outcome = await apply_diff(repo, new_file("inlink/new.py"))
    assert outcome.refusal is None  # inside the repository: not ours to refuse ...
    assert outcome.status == "error"  # ... but git will not write beyond a symlink
    assert snapshot(repo) == before


# --- refusals ------------------------------------------------------------------------------------


def listing(path: Path) -> list[str]:
    return sorted(os.listdir(path))


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    path = tmp_path / "outside"
    path.mkdir()
    (path / "secret.txt").write_text("secret\n")
    return path


@pytest.fixture
def repo_with_escape_link(repo: Path, outside: Path) -> Path:
    (repo / "outlink").symlink_to(outside)
    (repo / "outfile").symlink_to(outside / "secret.txt")
    git(repo, "add", "outlink", "outfile")
    git(repo, "commit", "-q", "-m", "links")
    return repo


REFUSALS = {
    "not a diff": ("hello, world\n", "not-unified-diff"),
    "codex patch format": ("*** Begin Patch\n*** Add File: x.txt\n+hi\n*** End Patch\n", "not-unified-diff"),
    "only a header": ("diff --git a/x b/x\n", None),
    "absolute in ---/+++": ("--- /dev/null\n+++ /etc/cron.d/evil\n@@ -0,0 +1 @@\n+x\n", "absolute-path"),
    "absolute in git header": (
        "diff --git /tmp/evil /tmp/evil\nnew file mode 100644\n--- /dev/null\n+++ b/ok\n@@ -0,0 +1 @@\n+x\n",
        "absolute-path",
    ),
    "windows drive": ("--- /dev/null\n+++ C:\\evil.txt\n@@ -0,0 +1 @@\n+x\n", "absolute-path"),
    "dot-dot new file": (new_file("../evil.txt"), "parent-traversal"),
    "dot-dot deep": (new_file("src/../../evil.txt"), "parent-traversal"),
    "dot-dot in plain diff": ("--- /dev/null\n+++ b/../../evil\n@@ -0,0 +1 @@\n+x\n", "parent-traversal"),
    "dot-dot backslash": (new_file("src\\..\\..\\evil.txt"), "parent-traversal"),
    "dot-dot quoted octal": (new_file("..\\057evil.txt", quoted=True), "parent-traversal"),
    "rename out": (
        "diff --git a/file.txt b/file.txt\nsimilarity index 100%\n"
        "rename from file.txt\nrename to ../moved.txt\n",
        "parent-traversal",
    ),
    "copy from outside": (
        "diff --git a/x b/y\nsimilarity index 100%\ncopy from ../../etc/passwd\ncopy to stolen.txt\n",
        "parent-traversal",
    ),
    "old-style rename": ("diff --git a/x b/x\nrename old x\nrename new /tmp/x\n", "absolute-path"),
    "git dir": (new_file(".git/hooks/pre-commit", "rm -rf ~"), "git-dir"),
    "git dir any case": (new_file("src/.GIT/config"), "git-dir"),
    "symlink to absolute": (new_file("escape", "/etc", mode="120000"), "symlink-escape"),
    "symlink to parent": (new_file("src/escape", "../../..", mode="120000"), "symlink-escape"),
    "symlink mode without target": (
        "diff --git a/l b/l\nold mode 100644\nnew mode 120000\n",
        "symlink-escape",
    ),
    "write through a created symlink": (
        new_file("ln", "src", mode="120000") + new_file("ln/x.py"),
        "symlink-escape",
    ),
    "dev null twice": ("--- /dev/null\n+++ /dev/null\n@@ -0,0 +1 @@\n+x\n", "malformed"),
    "new file with an old side": (
        "diff --git a/x b/x\nnew file mode 100644\n--- a/x\n+++ b/x\n@@ -0,0 +1 @@\n+x\n",
        "malformed",
    ),
    "deleted file with a new side": (
        "diff --git a/x b/x\ndeleted file mode 100644\n--- a/x\n+++ b/x\n@@ -1 +0,0 @@\n-x\n",
        "malformed",
    ),
    "truncated hunk": (
        "diff --git a/file.txt b/file.txt\n--- a/file.txt\n+++ b/file.txt\n@@ -1,3 +1,3 @@\n line1\n",
        "malformed",
    ),
    "hunk too long": (
        "diff --git a/file.txt b/file.txt\n--- a/file.txt\n+++ b/file.txt\n@@ -1 +1 @@\n-line1\n-line2\n+x\n",
        "malformed",
    ),
    "garbage in hunk": (
        "diff --git a/file.txt b/file.txt\n--- a/file.txt\n+++ b/file.txt\n@@ -1 +1 @@\n*line1\n+x\n",
        "malformed",
    ),
    "bad hunk header": ("diff --git a/f b/f\n--- a/f\n+++ b/f\n@@ -x +y @@\n", "malformed"),
    "hunk without a file": ("@@ -1 +1 @@\n-a\n+b\n--- a/x\n+++ b/x\n", "malformed"),
    "no prefix to strip": ("--- /dev/null\n+++ evil\n@@ -0,0 +1 @@\n+x\n", "malformed"),
    "NUL byte": (new_file("a\x00b"), "malformed"),
    "bad escape": (new_file("a\\qb", quoted=True), "malformed"),
    "binary section names": (
        "diff --git a/../bin.dat b/../bin.dat\nnew file mode 100644\n"
        "GIT binary patch\nliteral 3\nKcmZ?wbN~PW0RR91\n\n",
        "parent-traversal",
    ),
}


@pytest.mark.parametrize("preflight", [False, True], ids=["apply", "preflight"])
@pytest.mark.parametrize("case", sorted(REFUSALS))
async def test_refusals_leave_the_tree_untouched(repo: Path, case: str, preflight: bool) -> None:
    diff, reason = REFUSALS[case]
    before = snapshot(repo)
    outcome = await apply_diff(repo, diff, preflight=preflight, label="task t9")
    assert (outcome.status, outcome.applied, outcome.preflight) == ("error", False, preflight)
    assert snapshot(repo) == before
    if reason is None:  # not ours to refuse; git fails on it
        assert outcome.refusal is None
        return
    assert outcome.refusal is not None
    assert outcome.refusal.reason == reason
    if reason == "not-unified-diff":
        assert outcome.message == NOT_UNIFIED_MESSAGE
    else:
        assert outcome.message.startswith(
            "Preflight refused task t9" if preflight else "Refused to apply task t9"
        )


@pytest.mark.parametrize(
    ("diff", "path"),
    [
        (new_file("outlink/evil.txt"), "outlink/evil.txt"),
        (new_file("outlink/deeper/evil.txt"), "outlink/deeper/evil.txt"),
        (
            "diff --git a/outfile b/outfile\n--- a/outfile\n+++ b/outfile\n@@ -1 +1 @@\n-secret\n+pwned\n",
            "outfile",
        ),
        (
            "diff --git a/outlink/secret.txt b/outlink/secret.txt\ndeleted file mode 100644\n"
            "--- a/outlink/secret.txt\n+++ /dev/null\n@@ -1 +0,0 @@\n-secret\n",
            "outlink/secret.txt",
        ),
        (
            "diff --git a/file.txt b/file.txt\nrename from file.txt\nrename to outlink/file.txt\n",
            "outlink/file.txt",
        ),
        (new_file("src/esc", "../outlink", mode="120000"), "src/esc"),
    ],
)
async def test_symlinks_leading_outside_are_refused(
    repo_with_escape_link: Path, outside: Path, diff: str, path: str
) -> None:
    repo = repo_with_escape_link
    before = snapshot(repo)
    outside_before = listing(outside)
    for preflight in (True, False):
        outcome = await apply_diff(repo, diff, preflight=preflight)
        assert outcome.refusal is not None
        assert (outcome.refusal.reason, outcome.refusal.path) == ("symlink-escape", path)
    assert snapshot(repo) == before
    assert listing(outside) == outside_before
    assert (outside / "secret.txt").read_text() == "secret\n"


def test_check_diff_raises_a_typed_refusal(repo: Path) -> None:
    with pytest.raises(UnsafeDiffError) as info:
        check_diff(new_file("../x"), repo)
    assert info.value.refusal.reason == "parent-traversal"
    assert info.value.refusal.path == "a/../x"  # the name as the diff spells it
    files = check_diff(NEW_FILE + DELETE + RENAME, repo)
    assert [(f.new_file, f.deleted, f.renamed) for f in files] == [
        (True, False, False),
        (False, True, False),
        (False, False, True),
    ]
    assert [(f.old_path, f.new_path) for f in files] == [
        (None, "hello.txt"),
        ("other.txt", None),
        ("src/app.py", "src/main.py"),
    ]


def test_is_unified_diff_matches_codex() -> None:
    assert is_unified_diff("  \ndiff --git a/x b/x\n")
    assert is_unified_diff("intro\n--- a/x\n+++ b/x\n@@ -1 +1 @@\n")
    assert is_unified_diff("@@ -1 +1 @@\n--- a/x\n+++ b/x\n")
    assert not is_unified_diff("--- a/x\n+++ b/x\n")
    assert not is_unified_diff("*** Begin Patch\n")


async def test_targets_that_are_not_repositories(tmp_path: Path) -> None:
    with pytest.raises(GitApplyError, match="not a git repository"):
        await apply_diff(tmp_path, NEW_FILE)
    with pytest.raises(GitApplyError, match="not a directory"):
        await apply_diff(tmp_path / "missing", NEW_FILE)


# --- applying a task from the backend ----------------------------------------------------------------


async def test_apply_task_picks_the_attempt(fake: FakeCloud, client: CloudClient, repo: Path) -> None:
    fake.script(
        TaskScript(
            attempts=[
                AttemptScript(diff=NEW_FILE),
                AttemptScript(outcome="failed"),
                AttemptScript(diff=MODIFY, diff_item="pr"),
            ],
            schedule=Schedule.immediately(),
        )
    )
    task_id = (await client.create_task("env_main", "two diffs", best_of_n=3)).id
    before = snapshot(repo)
    preflight = await apply_task(client, task_id, repo, attempt=2, preflight=True)
    assert (
        preflight.ok
        and preflight.message == f"Preflight passed for task {task_id} attempt 2 (applies cleanly)"
    )
    assert snapshot(repo) == before
    outcome = await apply_task(client, client.task_url(task_id), repo, attempt=2)
    assert outcome.applied
    assert (repo / "file.txt").read_text() == "line1\nremote2\nline3\n"
    assert not (repo / "hello.txt").exists()
    assert (await apply_task(client, task_id, repo)).applied  # attempt 1 by default
    assert (repo / "hello.txt").exists()


async def test_apply_task_refuses_an_unsafe_cloud_diff(
    fake: FakeCloud, client: CloudClient, repo: Path
) -> None:
    fake.script(
        TaskScript(attempts=[AttemptScript(diff=new_file("../pwned.txt"))], schedule=Schedule.immediately())
    )
    task_id = (await client.create_task("env_main", "evil", best_of_n=1)).id
    outcome = await apply_task(client, task_id, repo)
    assert outcome.refusal is not None and outcome.refusal.reason == "parent-traversal"
    assert not (repo.parent / "pwned.txt").exists()


async def test_apply_task_without_a_diff(fake: FakeCloud, client: CloudClient, repo: Path) -> None:
    fake.script(TaskScript(schedule=Schedule.by_hand()))
    task_id = (await client.create_task("env_main", "pending")).id
    with pytest.raises(NoDiffError):
        await apply_task(client, task_id, repo)


# --- reading git's output ------------------------------------------------------------------------


def test_parse_output_of_a_conflicted_3way_apply() -> None:
    stderr = (
        "error: patch failed: file.txt:1\n"
        "error: file.txt: patch does not apply\n"
        "Applied patch to 'file.txt' with conflicts.\n"
        "Applied patch to 'other.txt' cleanly.\n"
        "U file.txt\n"
    )
    assert parse_git_apply_output("", stderr) == (["other.txt"], [], ["file.txt"])


def test_parse_output_unescapes_quoted_paths() -> None:
    assert parse_git_apply_output("", 'error: patch failed: "hello\\tworld.txt":1\n') == (
        [],
        ["hello\tworld.txt"],
        [],
    )
    assert parse_git_apply_output('Applied patch "h\\303\\251.txt" cleanly.\n', "") == (["hé.txt"], [], [])


def test_parse_output_attributes_3way_failures_to_the_last_path() -> None:
    stderr = (
        "Checking patch a.txt...\n"
        "error: repository lacks the necessary blob to perform 3-way merge.\n"
        "Falling back to direct application...\n"
        "Checking patch b.txt...\n"
        "Failed to perform three-way merge...\n"
        "error: c.txt: does not match index\n"
        "error: d.txt: already exists in working directory\n"
        "error: d2.txt: already exists in index\n"
        "Applying patch e.txt with 2 rejects...\n"
        "warning: Cannot merge binary files: f.bin (ours vs. theirs)\n"
        "error: cannot apply binary patch to 'g.bin' without full index line\n"
        "Skipped patch 'h.txt'.\n"
    )
    applied, skipped, conflicted = parse_git_apply_output("", stderr)
    assert applied == []
    assert skipped == ["a.txt", "b.txt", "c.txt", "d.txt", "d2.txt", "g.bin", "h.txt"]
    assert conflicted == ["e.txt", "f.bin"]


def test_parse_output_precedence_conflict_over_applied_over_skipped() -> None:
    out = (
        "error: patch failed: x.txt:3\nApplied patch x.txt cleanly.\nU y.txt\nApplied patch y.txt cleanly.\n"
    )
    applied, skipped, conflicted = parse_git_apply_output(out, "")
    assert (applied, skipped, conflicted) == (["x.txt", "y.txt"], [], [])
    again = parse_git_apply_output("Applied patch y.txt cleanly.\nU y.txt\n", "")
    assert again == ([], [], ["y.txt"])


@pytest.fixture
def repo_with_inside_link(repo: Path) -> Path:
    (repo / "srclink").symlink_to("src")
    git(repo, "add", "srclink")
    git(repo, "commit", "-q", "-m", "a link inside")
    return repo


@pytest.mark.parametrize(
    ("diff", "path"),
    [
        # Two links the diff creates: sub/l2 -> .. is inside, and l1 -> sub/l2/.. looks inside
        # while l2 does not exist yet; once both do, l1 is the repository's parent.
        (new_file("sub/l2", "..", mode="120000") + new_file("l1", "sub/l2/..", mode="120000"), "l1"),
        # A plain hunk (no mode line) rewrites an existing link's target: git writes it as is.
        (
            "diff --git a/srclink b/srclink\n--- a/srclink\n+++ b/srclink\n"
            "@@ -1 +1 @@\n-src\n\\ No newline at end of file\n+../../outside\n\\ No newline at end of file\n",
            "srclink",
        ),
        ("diff --git a/srclink b/deep/srclink\nsimilarity index 100%\nrename from srclink\n"
         "rename to deep/srclink\n", "srclink"),  # moved, its relative target would mean another place
    ],
    ids=["chained-created-links", "retargeted-as-text", "moved-link"],
)  # fmt: skip
async def test_symlink_changes_that_would_lead_outside_are_refused(
    repo_with_inside_link: Path, diff: str, path: str
) -> None:
    repo = repo_with_inside_link
    before = snapshot(repo)
    for preflight in (True, False):
        outcome = await apply_diff(repo, diff, preflight=preflight)
        assert outcome.refusal is not None, outcome
        assert (outcome.refusal.reason, outcome.refusal.path) == ("symlink-escape", path)
    assert snapshot(repo) == before
    assert os.readlink(repo / "srclink") == "src"
