"""``orchestra cloud``: Codex cloud tasks from the command line, like ``codex cloud``, with ``--json``.

::

    orchestra cloud envs                                   # environments (this repo's first, pinned first)
    orchestra cloud list [--env ENV] [--limit N] [--cursor C]
    orchestra cloud create --env ENV [--branch B] [--attempts N] [--wait] PROMPT|-
    orchestra cloud status TASK                            # exit 0 only when the task is ready
    orchestra cloud diff TASK [--attempt N]
    orchestra cloud apply TASK [--attempt N] [--preflight] [--repo PATH]

Every subcommand takes ``--json`` (machine-readable output on stdout), ``--base-url`` and
``--codex-home`` (auth from ``auth.json``; the base URL also follows ``CODEX_CLOUD_TASKS_BASE_URL`` and
``chatgpt_base_url`` in ``config.toml``). ``TASK`` is an id or a task URL. Errors go to stderr with
exit code 1 (2 for configuration problems such as a missing login).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

import trio
from rich.console import Console
from rich.table import Table

from ..cloud import (
    Attempt,
    AttemptReady,
    CloudClient,
    CloudConfigError,
    CloudError,
    CloudTaskActor,
    CloudTaskEvent,
    DiffReady,
    PollPolicy,
    StatusChanged,
    TaskCompleted,
    TaskCreated,
    TaskFailed,
    TaskResult,
    TaskSummary,
    apply_task,
    parse_github_origin,
    parse_task_id,
    to_jsonable,
)
from ._args import int_range, positive_seconds


def add_parser(commands: Any) -> None:
    """Register ``cloud`` and its subcommands on the main parser's subparsers."""
    cloud = commands.add_parser("cloud", help="Codex cloud tasks: environments, tasks, diffs, safe apply")
    sub = cloud.add_subparsers(dest="cloud_command", required=True, metavar="COMMAND")

    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--json", action="store_true", help="machine-readable JSON on stdout")
    common.add_argument("--base-url", default=None, help="backend base URL (default: as the Codex CLI)")
    common.add_argument("--codex-home", default=None, help="directory with auth.json (default: $CODEX_HOME)")

    envs = sub.add_parser("envs", parents=[common], help="list cloud environments")
    envs.set_defaults(run=_sync(_envs))

    listing = sub.add_parser("list", parents=[common], help="list recent tasks")
    listing.add_argument("--env", default=None, help="only tasks of this environment (id or label)")
    listing.add_argument("--limit", type=int_range(1, 20), default=None, help="tasks per page (1-20)")
    listing.add_argument("--cursor", default=None, help="page cursor from a previous --json listing")
    listing.set_defaults(run=_sync(_list))

    create = sub.add_parser("create", parents=[common], help="start a task (best-of-N with --attempts)")
    create.add_argument("--env", required=True, help="environment id or label")
    create.add_argument("--branch", default=None, help="git branch to start from (default: the current one)")
    create.add_argument("--attempts", "--best-of-n", type=int_range(1, 4), default=1, help="attempts (1-4)")
    create.add_argument("--wait", action="store_true", help="follow the task until every attempt is done")
    create.add_argument(
        "--poll-interval", type=positive_seconds, default=2.0, help="first poll interval with --wait (s)"
    )
    create.add_argument("prompt", nargs="?", default=None, help="the task prompt ('-' or omitted: stdin)")
    create.set_defaults(run=_sync(_create))

    status = sub.add_parser("status", parents=[common], help="show a task's status (exit 0 if ready)")
    status.add_argument("task", help="task id or URL")
    status.set_defaults(run=_sync(_status))

    diff = sub.add_parser("diff", parents=[common], help="print a task's diff")
    diff.add_argument("task", help="task id or URL")
    diff.add_argument("--attempt", type=int_range(1, 64), default=None, help="attempt number (1-based)")
    diff.set_defaults(run=_sync(_diff))

    apply = sub.add_parser("apply", parents=[common], help="apply a task's diff to the local git tree")
    apply.add_argument("task", help="task id or URL")
    apply.add_argument("--attempt", type=int_range(1, 64), default=None, help="attempt number (1-based)")
    apply.add_argument(
        "--preflight", action="store_true", help="only check that it applies (git apply --check --index)"
    )
    apply.add_argument("--repo", default=".", help="the git working tree (default: the current directory)")
    apply.set_defaults(run=_sync(_apply))


# --- plumbing ---------------------------------------------------------------------------------


def _sync(command: Any) -> Any:
    async def with_client(args: argparse.Namespace) -> int:
        # One client per command, opened as a context so it sends through the native transport.
        async with CloudClient.from_codex_home(args.codex_home, base_url=args.base_url) as client:
            args.client = client
            result: int = await command(args)
            return result

    def run(args: argparse.Namespace) -> int:
        try:
            code: int = trio.run(with_client, args)
        except CloudConfigError as exc:
            _error(args, exc)
            return 2
        except (CloudError, ValueError) as exc:
            _error(args, exc)
            return 1
        return code

    return run


def _error(args: argparse.Namespace, exc: BaseException) -> None:
    if getattr(args, "json", False):
        print(json.dumps({"error": {"type": type(exc).__name__, "message": str(exc)}}), file=sys.stderr)
    else:
        print(f"error: {exc}", file=sys.stderr)


def _client(args: argparse.Namespace) -> CloudClient:
    client: CloudClient = args.client
    return client


def _print_json(value: Any) -> None:
    print(json.dumps(to_jsonable(value), indent=2))


async def _git_output(*argv: str) -> str | None:
    try:
        done = await trio.run_process(
            ["git", *argv], capture_stdout=True, capture_stderr=True, check=False, stdin=b""
        )
    except OSError:
        return None
    return done.stdout.decode("utf-8", "replace") if done.returncode == 0 else None


async def _github_repos() -> list[tuple[str, str]]:
    """``(owner, repo)`` of the current directory's GitHub remotes, as ``codex cloud`` finds them."""
    out = await _git_output("config", "--get-regexp", r"remote\..*\.url")
    urls = [line.split(" ", 1)[1].strip() for line in (out or "").splitlines() if " " in line]
    repos = {repo for url in urls if (repo := parse_github_origin(url)) is not None}
    return sorted(repos)


async def _current_branch() -> str:
    out = await _git_output("rev-parse", "--abbrev-ref", "HEAD")
    branch = (out or "").strip()
    return branch if branch and branch != "HEAD" else "main"


def _read_prompt(prompt: str | None) -> str:
    if prompt is not None and prompt != "-":
        return prompt
    if prompt is None and sys.stdin.isatty():
        raise ValueError("no prompt given: pass one as an argument or pipe it via stdin")
    text = sys.stdin.read()
    if not text.strip():
        raise ValueError("no prompt given via stdin (received empty input)")
    return text


def _summary_line(task: TaskSummary) -> str:
    s = task.summary
    if s.empty:
        return "no diff"
    return (
        f"+{s.lines_added}/-{s.lines_removed} • {s.files_changed} file{'' if s.files_changed == 1 else 's'}"
    )


# --- commands ---------------------------------------------------------------------------------


async def _envs(args: argparse.Namespace) -> int:
    client = _client(args)
    envs = await client.list_environments(repos=await _github_repos())
    if args.json:
        _print_json(envs)
        return 0
    table = Table(title="cloud environments")
    for column in ("id", "label", "pinned", "tasks", "repo"):
        table.add_column(column)
    for env in envs:
        tasks = "" if env.task_count is None else str(env.task_count)
        table.add_row(env.id, env.label or "", "yes" if env.is_pinned else "", tasks, env.repo_hint or "")
    Console().print(table)
    return 0


async def _list(args: argparse.Namespace) -> int:
    client = _client(args)
    env_id = None
    if args.env is not None:
        env_id = (await client.resolve_environment(args.env, repos=await _github_repos())).id
    page = await client.list_tasks(environment_id=env_id, limit=args.limit, cursor=args.cursor)
    if args.json:
        _print_json(page)
        return 0
    table = Table(title="cloud tasks")
    for column in ("id", "status", "title", "attempts", "changes", "environment"):
        table.add_column(column, overflow="fold")
    for task in page.tasks:
        attempts = "" if task.attempt_total is None else str(task.attempt_total)
        table.add_row(
            task.id,
            task.status.upper(),
            task.title,
            attempts,
            _summary_line(task),
            task.environment_label or "",
        )
    console = Console()
    console.print(table)
    if page.cursor is not None:
        console.print(f"more: --cursor {page.cursor}")
    return 0


def _number(attempt: Attempt) -> str:
    """1-based, like ``--attempt`` (placements are 0-based)."""
    return "?" if attempt.placement is None else str(attempt.placement + 1)


def _apply_numbers(result: TaskResult) -> str:
    """Which ``--attempt N`` of ``cloud diff``/``apply`` is which attempt: N counts only the
    attempts with a diff (as the Codex CLI does), so it differs from the numbers above once an
    attempt failed."""
    numbered = [f"--attempt {n} = attempt {_number(a)}" for n, a in enumerate(result.with_diffs, start=1)]
    if [str(n) for n in range(1, len(numbered) + 1)] == [_number(a) for a in result.with_diffs]:
        return ""  # the same numbers: nothing to explain
    return "; for diff/apply: " + ", ".join(numbered) if numbered else "; no diff to apply"


def _event_line(event: CloudTaskEvent) -> str:
    match event:
        case TaskCreated(task_id=task_id, url=url):
            return f"created {task_id}  {url}"
        case StatusChanged(status=status, attempt_status=attempt_status):
            return f"status {status}" + (f" (attempt {attempt_status})" if attempt_status else "")
        case AttemptReady(attempt=attempt):
            error = f": {attempt.error}" if attempt.error else ""
            return f"attempt {_number(attempt)} {attempt.status}{error}"
        case DiffReady(attempt=attempt, diff=diff):
            return f"attempt {_number(attempt)} diff ready ({len(diff.splitlines())} lines)"
        case TaskCompleted(result=result):
            line = f"completed: {len(result.succeeded)}/{len(result.attempts)} attempts succeeded"
            return line + _apply_numbers(result)
        case TaskFailed(message=message):
            return f"failed: {message}"
    return repr(event)  # pragma: no cover


async def _create(args: argparse.Namespace) -> int:
    prompt = _read_prompt(args.prompt)
    client = _client(args)
    env = await client.resolve_environment(args.env, repos=await _github_repos())
    branch = args.branch or await _current_branch()
    if not args.wait:
        created = await client.create_task(env.id, prompt, branch=branch, best_of_n=args.attempts)
        if args.json:
            _print_json({"id": created.id, "url": client.task_url(created.id)})
        else:
            print(client.task_url(created.id))
        return 0
    poll = PollPolicy(initial=args.poll_interval, max=max(30.0, args.poll_interval))
    actor = CloudTaskActor.create(client, env.id, prompt, best_of_n=args.attempts, branch=branch, poll=poll)
    failure: CloudError | None = None
    try:
        async with trio.open_nursery() as nursery:
            nursery.start_soon(actor.run)
            async for event in actor.events:
                if not args.json:
                    print(_event_line(event), flush=True)
    except* CloudError as group:
        failure = group.exceptions[0]  # type: ignore[assignment]  # except* gives CloudErrors
    if failure is not None:
        if actor.task_id is None:
            raise failure  # nothing was created: reported like any other command's error
        # The task exists (and runs, and is billed): say which, so a script can poll it again.
        url = client.task_url(actor.task_id)
        if args.json:
            error = {"type": type(failure).__name__, "message": str(failure)}
            _print_json({"id": actor.task_id, "url": url, "error": error})
        else:
            print(f"error: {failure} (task {actor.task_id} was created: {url})", file=sys.stderr)
        return 1
    result = actor.result
    assert result is not None
    if args.json:
        # "--attempt N" of diff/apply counts only attempts with a diff: say which is which.
        apply_attempts = [
            {"attempt": n, "placement": a.placement, "turn_id": a.turn_id}
            for n, a in enumerate(result.with_diffs, start=1)
        ]
        _print_json(
            {
                "id": result.task_id,
                "url": client.task_url(result.task_id),
                "result": result,
                "apply_attempts": apply_attempts,
            }
        )
    return 0 if result.succeeded else 1


async def _status(args: argparse.Namespace) -> int:
    client = _client(args)
    details = await client.get_task(args.task)
    summary = details.summary
    if args.json:
        _print_json(summary)
    else:
        print(f"[{summary.status.upper()}] {summary.title}")
        meta = [summary.environment_label or summary.environment_id or ""]
        if summary.updated_at is not None:
            meta.append(summary.updated_at.isoformat(timespec="seconds"))
        print("  •  ".join(part for part in meta if part))
        print(_summary_line(summary))
    return 0 if summary.status == "ready" else 1


async def _diff(args: argparse.Namespace) -> int:
    client = _client(args)
    diff = await client.get_diff(args.task, attempt=args.attempt)
    if args.json:
        _print_json({"task_id": parse_task_id(args.task), "attempt": args.attempt or 1, "diff": diff})
    else:
        sys.stdout.write(diff)
    return 0


async def _apply(args: argparse.Namespace) -> int:
    client = _client(args)
    outcome = await apply_task(
        client, args.task, Path(args.repo), attempt=args.attempt, preflight=args.preflight
    )
    if args.json:
        _print_json(outcome)
    else:
        print(outcome.message)
        for path in outcome.conflict_paths:
            print(f"  conflict: {path}")
        for path in outcome.skipped_paths:
            print(f"  skipped: {path}")
    return 0 if outcome.status == "success" else 1
