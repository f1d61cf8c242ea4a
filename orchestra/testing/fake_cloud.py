"""A fake Codex cloud tasks backend on 127.0.0.1, speaking the real ``/wham`` (and ``/api/codex``) shapes.

::

    from orchestra.testing.fake_cloud import AttemptScript, FakeCloud, Schedule, TaskScript

    with FakeCloud() as fake:                               # own thread, free port; sync/trio/asyncio
        fake.add_environment("env_1", label="my-repo", repo="me/my-repo")
        fake.script(TaskScript(attempts=[AttemptScript(diff=DIFF_A), AttemptScript(outcome="failed")],
                               schedule=Schedule.after_polls(2)))
        client = fake.client()                              # CloudClient with the fake's credentials
        ...                                                 # create with best_of_n=2: 2 attempts
        fake.fail_next("/tasks/*", status=500)              # the next matching request answers 500
        fake.rate_limit_next("/tasks/list", retry_after=1)  # 429 with Retry-After: 1

What it serves (under any prefix: ``{base}/wham/...`` or ``{base}/api/codex/...``):

- ``GET /environments``, ``GET /environments/by-repo/github/{owner}/{repo}``
  → ``[{id, label, is_pinned, task_count}]``
- ``GET /tasks/list?limit&task_filter&environment_id&cursor`` → ``{items, cursor}``, newest first,
  cursor paging
- ``POST /tasks`` → ``{task: {id, ...}}`` (validates the body; ``metadata.best_of_n`` = N attempts)
- ``GET /tasks/{id}`` → ``{task, task_status_display, current_user_turn, current_assistant_turn,
  current_diff_task_turn}``; each answered call is one *poll* of that task
- ``GET /tasks/{id}/turns/{turn_id}/sibling_turns`` → ``{sibling_turns: [...]}`` (the other attempts)
- ``GET /usage`` → :attr:`FakeCloud.usage` (settable)

Lifecycle: every attempt goes ``pending → in_progress → completed | failed | cancelled`` on the task's
:class:`Schedule` (counted in polls; deterministic, no clock), or by hand with :meth:`FakeCloud.advance`,
:meth:`~FakeCloud.complete`, :meth:`~FakeCloud.fail`. Tasks are scripted with :class:`TaskScript`
(queued with :meth:`~FakeCloud.script`, used by the next creates in order; then
:attr:`~FakeCloud.default_script`); attempts beyond the script get a generated one-file diff.

Auth: every request needs ``Authorization: Bearer <token>`` and ``ChatGPT-Account-Id: <account>``
(401 JSON otherwise; ``require_auth=False`` turns that off). Faults, per path pattern and per call:
:meth:`~FakeCloud.inject` (any :class:`Fault`), ``fail_next`` (5xx), ``rate_limit_next`` (429 +
``Retry-After``), ``delay_next`` (slow answer), ``drop_next`` (connection cut mid-answer); plus
:attr:`~FakeCloud.latency` for every answer. Patterns are ``fnmatch`` patterns on the path below the API
root (``/tasks/list``, ``/tasks/*``); a leading ``/wham`` or ``/api/codex`` is ignored.

Records: :attr:`~FakeCloud.requests` (method, path, query, headers, JSON body, answered status);
``authorization`` is redacted in every ``repr``. Wait with :meth:`~FakeCloud.wait_for_requests` (sync)
or ``await`` :meth:`~FakeCloud.wait_for_requests_async` (trio or asyncio) — never sleep.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import fnmatch
import itertools
import json
import logging
import re
import threading
import time
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any, Literal
from urllib.parse import parse_qsl, unquote, urlsplit

import attrs

from orchestra._private import write_private_text
from orchestra.testing._fake_cloud_records import (
    CloudRequest,
    FakeTask,
    Fault,
    FaultRule,
    fake_jwt,
    normalize_pattern,
)
from orchestra.testing._fake_cloud_state import (
    DEFAULT_USAGE,
    AttemptScript,
    FakeEnvironment,
    FakeTaskState,
    Schedule,
    TaskScript,
    generated_diff,
    new_task,
)
from orchestra.testing._http import Incoming, Plan, ScriptedHTTPServer
from orchestra.testing.recorded import Headers

if TYPE_CHECKING:
    from orchestra.cloud import CloudClient, RetryPolicy

__all__ = [
    "DEFAULT_ACCOUNT_ID",
    "AttemptScript",
    "CloudRequest",
    "Fault",
    "FaultRule",
    "FakeCloud",
    "FakeTask",
    "Schedule",
    "TaskScript",
    "fake_jwt",
    "generated_diff",
]

logger = logging.getLogger("orchestra.testing.fake_cloud")

DEFAULT_ACCOUNT_ID = "acct-fake-0001"
DEFAULT_TIMEOUT = 10.0
_ROOT = re.compile(r"^(?P<prefix>.*?)/(?P<style>wham|api/codex)(?P<rest>/.*)?$")


class _Waiter:
    __slots__ = ("n", "wake")

    def __init__(self, n: int, wake: Callable[[], None]) -> None:
        self.n = n
        self.wake = wake


class _Answer(Exception):
    """Raised inside routing to answer an error at once."""

    def __init__(self, status: int, detail: str) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail


class FakeCloud:
    """An in-process fake of the cloud tasks backend. See the module docstring.

    Parameters:
        token: the bearer token it accepts (default: a JWT-shaped token carrying ``account_id``).
        account_id: the ``ChatGPT-Account-Id`` it accepts (``None``: the header is not checked).
        require_auth: answer 401 to requests without the right credentials.
        page_size: default page size of ``/tasks/list``.
        max_best_of_n: the largest ``metadata.best_of_n`` accepted (larger → 400).
        create_response: ``"task"`` answers ``{task: {id}}``, ``"id"`` answers ``{id}`` to ``POST /tasks``.
    """

    def __init__(
        self,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        token: str | None = None,
        account_id: str | None = DEFAULT_ACCOUNT_ID,
        require_auth: bool = True,
        page_size: int = 20,
        max_best_of_n: int = 4,
        create_response: Literal["task", "id"] = "task",
    ) -> None:
        self._host = host
        self._requested_port = port
        self.account_id = account_id
        self.token = token if token is not None else fake_jwt(account_id or DEFAULT_ACCOUNT_ID)
        self.require_auth = require_auth
        self.page_size = page_size
        self.max_best_of_n = max_best_of_n
        self.create_response = create_response
        self.latency = 0.0
        self.usage: dict[str, Any] = json.loads(json.dumps(DEFAULT_USAGE))
        self.default_script = TaskScript()
        self._lock = threading.RLock()
        self._cond = threading.Condition(self._lock)
        self._environments: dict[str, FakeEnvironment] = {}
        self._tasks: dict[str, FakeTaskState] = {}
        self._scripts: list[TaskScript] = []
        self._faults: list[FaultRule] = []
        self._requests: list[CloudRequest] = []
        self._waiters: list[_Waiter] = []
        self._numbers = itertools.count(1)
        self._server: ScriptedHTTPServer | None = None
        self._closed = False

    def __repr__(self) -> str:
        where = self.url if self._server is not None else "not started"
        return f"<FakeCloud {where} tasks={len(self._tasks)} requests={len(self._requests)}>"

    # --- lifecycle --------------------------------------------------------------------------

    def start(self) -> FakeCloud:
        if self._closed:
            raise RuntimeError("FakeCloud is closed; create a new one")
        if self._server is not None:
            raise RuntimeError("FakeCloud already started")
        self._server = ScriptedHTTPServer((self._host, self._requested_port), self._dispatch, self._on_reject)
        self._server.start()
        return self

    def close(self) -> None:
        """Stop serving (cuts answers in progress, joins threads, wakes waiters). Idempotent."""
        with self._cond:
            if self._closed:
                return
            self._closed = True
            waiters, self._waiters = self._waiters, []
            self._cond.notify_all()
        for waiter in waiters:
            waiter.wake()
        if self._server is not None:
            self._server.close()

    def __enter__(self) -> FakeCloud:
        return self.start()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    @property
    def port(self) -> int:
        if self._server is None:
            raise RuntimeError("FakeCloud is not started; use `with FakeCloud() as fake:`")
        return self._server.port

    @property
    def url(self) -> str:
        """``http://HOST:PORT``."""
        return f"http://{self._host}:{self.port}"

    @property
    def base_url(self) -> str:
        """The ChatGPT-style base (``.../backend-api``): the client uses ``/wham/...`` paths."""
        return f"{self.url}/backend-api"

    @property
    def codex_api_base_url(self) -> str:
        """A base without ``/backend-api``: the client uses ``/api/codex/...`` paths."""
        return self.url

    # --- credentials ------------------------------------------------------------------------

    def auth_json(self) -> dict[str, Any]:
        """An ``auth.json`` body for a ChatGPT login accepted by this fake."""
        tokens: dict[str, Any] = {
            "id_token": self.token,
            "access_token": self.token,
            "refresh_token": "fake-refresh-token",
        }
        if self.account_id is not None:
            tokens["account_id"] = self.account_id
        return {
            "auth_mode": "chatgpt",
            "OPENAI_API_KEY": None,
            "tokens": tokens,
            "last_refresh": "2026-11-24T00:00:00Z",
        }

    def write_codex_home(self, path: str | Path, *, base_url: str | None = None) -> Path:
        """Write ``auth.json`` (mode 0600) and a ``config.toml`` whose ``chatgpt_base_url`` is this fake."""
        home = Path(path)
        home.mkdir(parents=True, exist_ok=True)
        write_private_text(home / "auth.json", json.dumps(self.auth_json(), indent=2))
        (home / "config.toml").write_text(
            f'chatgpt_base_url = "{base_url or self.base_url}"\n', encoding="utf-8"
        )
        return home

    def client(
        self, *, codex_api: bool = False, retry: RetryPolicy | None = None, timeout: float = 5.0
    ) -> CloudClient:
        """A :class:`~orchestra.cloud.CloudClient` for this fake (``/wham`` style unless ``codex_api``)."""
        from orchestra.cloud import CloudAuth, CloudClient

        base = self.codex_api_base_url if codex_api else self.base_url
        auth = CloudAuth.from_token(self.token, self.account_id)
        return CloudClient(base, auth, retry=retry, timeout=timeout)

    # --- the world --------------------------------------------------------------------------

    def add_environment(
        self,
        id: str,
        *,
        label: str | None = None,
        repo: str | None = None,
        is_pinned: bool = False,
        task_count: int | None = None,
    ) -> FakeEnvironment:
        """Add an environment; ``repo`` (``owner/name``) makes it show under ``/environments/by-repo``."""
        env = FakeEnvironment(id=id, label=label, repo=repo, is_pinned=is_pinned, task_count=task_count)
        with self._lock:
            self._environments[id] = env
        return env

    def script(self, *scripts: TaskScript) -> None:
        """Queue task scripts: each is used by one future ``POST /tasks``, in order."""
        with self._lock:
            self._scripts.extend(scripts)

    def add_task(
        self,
        environment_id: str,
        prompt: str = "A task",
        *,
        best_of_n: int = 1,
        script: TaskScript | None = None,
        branch: str | None = "main",
    ) -> str:
        """Create a task directly (as if someone else had): returns its id."""
        body = {
            "new_task": {
                "environment_id": environment_id,
                "branch": branch,
                "run_environment_in_qa_mode": False,
            },
            "input_items": [
                {"type": "message", "role": "user", "content": [{"content_type": "text", "text": prompt}]}
            ],
        }
        with self._lock:
            if environment_id not in self._environments:
                raise KeyError(f"no environment {environment_id!r}; add_environment first")
            return self._create(environment_id, prompt, body, branch, best_of_n, script).id

    def task(self, task_id: str) -> FakeTask:
        """The current state of a task."""
        with self._lock:
            state = self._tasks[task_id]
            return FakeTask(
                id=state.id,
                environment_id=state.environment_id,
                title=state.title,
                prompt=state.prompt,
                branch=state.branch,
                best_of_n=state.best_of_n,
                polls=state.polls,
                turn_ids=tuple(a.turn_id for a in state.attempts),
                statuses=tuple(state.turn_status(a) for a in state.attempts),
                request_body=state.request_body,
            )

    @property
    def tasks(self) -> list[FakeTask]:
        with self._lock:
            ids = list(self._tasks)
        return [self.task(task_id) for task_id in ids]

    def advance(self, task_id: str, *, attempt: int | None = None, steps: int = 1) -> None:
        """Move attempts ``steps`` stages on (pending → in_progress → final). ``attempt`` is a
        0-based placement (default: every attempt)."""
        with self._lock:
            state = self._tasks[task_id]
            for target in self._targets(state, attempt):
                target.forced_stage = min(2, state.stage(target) + steps)

    def complete(self, task_id: str, *, attempt: int | None = None) -> None:
        """Finish attempts with their scripted outcome."""
        with self._lock:
            state = self._tasks[task_id]
            for target in self._targets(state, attempt):
                target.forced_stage = 2

    def fail(
        self,
        task_id: str,
        *,
        attempt: int | None = None,
        code: str = "TASK_FAILED",
        message: str = "The attempt failed.",
        outcome: Literal["failed", "cancelled"] = "failed",
    ) -> None:
        """Finish attempts as failed (or cancelled), with this error."""
        with self._lock:
            state = self._tasks[task_id]
            for target in self._targets(state, attempt):
                target.outcome = outcome
                target.error = (code, message)
                target.forced_stage = 2

    @staticmethod
    def _targets(state: FakeTaskState, attempt: int | None) -> list[Any]:
        if attempt is None:
            return list(state.attempts)
        return [state.attempts[attempt]]

    # --- faults -----------------------------------------------------------------------------

    def inject(
        self, fault: Fault, path: str = "*", *, method: str | None = None, times: int | None = 1
    ) -> FaultRule:
        """Apply ``fault`` to the next ``times`` requests matching ``path`` (``None``: all of them)."""
        rule = FaultRule(fault, path, method, times)
        with self._lock:
            self._faults.append(rule)
        return rule

    def fail_next(
        self, path: str = "*", *, status: int = 500, times: int | None = 1, method: str | None = None
    ) -> FaultRule:
        return self.inject(Fault.error(status), path, method=method, times=times)

    def rate_limit_next(
        self,
        path: str = "*",
        *,
        retry_after: float | str | None = 1,
        times: int | None = 1,
        method: str | None = None,
    ) -> FaultRule:
        return self.inject(Fault.rate_limited(retry_after), path, method=method, times=times)

    def delay_next(
        self, path: str = "*", *, seconds: float, times: int | None = 1, method: str | None = None
    ) -> FaultRule:
        return self.inject(Fault.slow(seconds), path, method=method, times=times)

    def drop_next(self, path: str = "*", *, times: int | None = 1, method: str | None = None) -> FaultRule:
        return self.inject(Fault.dropped(), path, method=method, times=times)

    def clear_faults(self) -> None:
        with self._lock:
            self._faults.clear()

    # --- records ----------------------------------------------------------------------------

    @property
    def requests(self) -> list[CloudRequest]:
        """Every request received, in arrival order (a copy)."""
        with self._lock:
            return list(self._requests)

    def requests_to(self, path: str, *, method: str | None = None) -> list[CloudRequest]:
        """The requests whose endpoint matches ``path`` (same patterns as faults)."""
        pattern = normalize_pattern(path)
        return [
            r
            for r in self.requests
            if r.endpoint is not None
            and fnmatch.fnmatchcase(r.endpoint, pattern)
            and (method is None or r.method == method.upper())
        ]

    def wait_for_requests(self, n: int, timeout: float = DEFAULT_TIMEOUT) -> list[CloudRequest]:
        """Block until ``n`` requests arrived; ``TimeoutError`` after ``timeout`` or on close."""
        with self._cond:
            ok = self._cond.wait_for(lambda: len(self._requests) >= n or self._closed, timeout=timeout)
            if not ok or len(self._requests) < n:
                raise TimeoutError(f"FakeCloud: waited for {n} requests, got {len(self._requests)}")
            return self._requests[:n]

    async def wait_for_requests_async(self, n: int) -> list[CloudRequest]:
        """``await`` until ``n`` requests arrived (trio or asyncio; bound it with ``trio.fail_after``)."""
        while True:
            with self._lock:
                if len(self._requests) >= n:
                    return self._requests[:n]
                if self._closed:
                    raise TimeoutError(f"FakeCloud closed after {len(self._requests)} of {n} requests")
            await self._wait_change(n)

    async def _wait_change(self, n: int) -> None:
        try:
            import sniffio

            library = sniffio.current_async_library()
        except Exception:  # pragma: no cover - sniffio comes with trio
            library = "asyncio"
        if library == "trio":
            import trio

            token = trio.lowlevel.current_trio_token()
            event = trio.Event()

            def wake_trio() -> None:
                with contextlib.suppress(trio.RunFinishedError):
                    token.run_sync_soon(event.set)

            waiter = self._add_waiter(n, wake_trio)
            try:
                await event.wait()
            finally:
                self._remove_waiter(waiter)
            return
        loop = asyncio.get_running_loop()
        future: asyncio.Future[None] = loop.create_future()

        def settle() -> None:
            if not future.done():
                future.set_result(None)

        def wake_asyncio() -> None:
            with contextlib.suppress(RuntimeError):
                loop.call_soon_threadsafe(settle)

        waiter = self._add_waiter(n, wake_asyncio)
        try:
            await future
        finally:
            self._remove_waiter(waiter)

    def _add_waiter(self, n: int, wake: Callable[[], None]) -> _Waiter:
        waiter = _Waiter(n, wake)
        with self._lock:
            if len(self._requests) >= n or self._closed:
                wake()
            else:
                self._waiters.append(waiter)
        return waiter

    def _remove_waiter(self, waiter: _Waiter) -> None:
        with self._lock:
            if waiter in self._waiters:
                self._waiters.remove(waiter)

    # --- serving (server threads) -------------------------------------------------------------

    def _on_reject(self, incoming: Incoming, status: int, message: str) -> None:
        logger.debug("fake cloud: rejected %s %s: %s %s", incoming.method, incoming.path, status, message)

    def _dispatch(self, incoming: Incoming) -> Plan:
        split = urlsplit(incoming.path)
        path = split.path
        query = dict(parse_qsl(split.query, keep_blank_values=True))
        match = _ROOT.match(path)
        style: Literal["wham", "codex-api"] | None = None
        endpoint: str | None = None
        if match is not None:
            style = "wham" if match["style"] == "wham" else "codex-api"
            endpoint = match["rest"] or "/"
        body: Any = None
        if incoming.body:
            with contextlib.suppress(ValueError):
                body = json.loads(incoming.body)
        headers = Headers(incoming.headers)
        method = incoming.method.upper()
        with self._lock:
            fault = self._take_fault(method, endpoint if endpoint is not None else path)
        if fault is not None and (fault.status is not None or fault.disconnect):
            plan = self._fault_plan(fault)
        else:
            plan = self._answer(method, endpoint, query, headers, body, incoming.body)
        delay = self.latency + (fault.delay if fault is not None else 0.0)
        if delay > 0:
            plan = attrs.evolve(plan, first_byte_delay=plan.first_byte_delay + delay)
        self._record(method, path, query, headers, body, incoming.body, style, endpoint, plan.status, fault)
        return plan

    def _take_fault(self, method: str, endpoint: str) -> Fault | None:
        for rule in self._faults:
            if rule.matches(method, endpoint):
                rule.hits += 1
                if rule.remaining is not None:
                    rule.remaining -= 1
                return rule.fault
        return None

    @staticmethod
    def _fault_plan(fault: Fault) -> Plan:
        if fault.disconnect:
            return Plan(
                status=200, headers=(("Content-Type", "application/json"),), frames=(b'{"trunc',), abort=True
            )
        body = json.dumps(fault.body if fault.body is not None else {"detail": "fault"}).encode()
        assert fault.status is not None
        return Plan(
            status=fault.status, headers=(("Content-Type", "application/json"), *fault.headers), body=body
        )

    def _record(
        self,
        method: str,
        path: str,
        query: dict[str, str],
        headers: Headers,
        body: Any,
        raw: bytes,
        style: Literal["wham", "codex-api"] | None,
        endpoint: str | None,
        status: int,
        fault: Fault | None,
    ) -> None:
        with self._cond:
            record = CloudRequest(
                index=len(self._requests),
                method=method,
                path=path,
                query=query,
                headers=headers,
                body=body,
                raw_body=raw,
                style=style,
                endpoint=endpoint,
                status=status,
                fault=fault,
                received_at=time.monotonic(),
            )
            self._requests.append(record)
            ready = [w for w in self._waiters if len(self._requests) >= w.n]
            self._waiters = [w for w in self._waiters if w not in ready]
            self._cond.notify_all()
        for waiter in ready:
            waiter.wake()

    def _unauthorized(self, headers: Headers) -> str | None:
        if not self.require_auth:
            return None
        auth = headers.get("authorization")
        if auth is None:
            return "missing Authorization header"
        if auth != f"Bearer {self.token}":
            return "invalid bearer token"
        if self.account_id is not None:
            account = headers.get("chatgpt-account-id")
            if account is None:
                return "missing ChatGPT-Account-Id header"
            if account != self.account_id:
                return "ChatGPT-Account-Id does not match the token's account"
        return None

    def _answer(
        self,
        method: str,
        endpoint: str | None,
        query: dict[str, str],
        headers: Headers,
        body: Any,
        raw: bytes,
    ) -> Plan:
        if endpoint is None:
            return _json(404, {"detail": "Not Found"})
        problem = self._unauthorized(headers)
        if problem is not None:
            return _json(401, {"detail": problem})
        parts = [unquote(p) for p in endpoint.strip("/").split("/")] if endpoint.strip("/") else []
        try:
            with self._lock:
                status, payload = self._route(method, parts, query, body, raw)
        except _Answer as answer:
            return _json(answer.status, {"detail": answer.detail})
        return _json(status, payload)

    def _route(
        self, method: str, parts: list[str], query: dict[str, str], body: Any, raw: bytes
    ) -> tuple[int, Any]:
        match (method, parts):
            case ("GET", ["environments"]):
                return 200, [env.to_json() for env in self._environments.values()]
            case ("GET", ["environments", "by-repo", provider, owner, repo]):
                wanted = f"{owner}/{repo}".lower()
                found = [
                    env.to_json()
                    for env in self._environments.values()
                    if provider == "github" and (env.repo or "").lower() == wanted
                ]
                return 200, found
            case ("GET", ["tasks", "list"]):
                return 200, self._list(query)
            case ("POST", ["tasks"]):
                return 200, self._create_from_request(body, raw)
            case ("GET", ["tasks", task_id]):
                state = self._get(task_id)
                state.polls += 1
                return 200, state.details(self._label(state.environment_id))
            case ("GET", ["tasks", task_id, "turns", turn_id, "sibling_turns"]):
                siblings = self._get(task_id).sibling_turns(turn_id)
                if siblings is None:
                    raise _Answer(404, f"turn {turn_id} not found in task {task_id}")
                return 200, siblings
            case ("GET", ["usage"]):
                return 200, self.usage
        raise _Answer(404, f"no route for {method} /{'/'.join(parts)}")

    def _get(self, task_id: str) -> FakeTaskState:
        state = self._tasks.get(task_id)
        if state is None:
            raise _Answer(404, f"task {task_id} not found")
        return state

    def _label(self, environment_id: str) -> str | None:
        env = self._environments.get(environment_id)
        return env.label if env is not None else None

    def _list(self, query: dict[str, str]) -> dict[str, Any]:
        try:
            limit = int(query.get("limit", self.page_size))
        except ValueError:
            raise _Answer(400, "limit must be an integer") from None
        if limit < 1:
            raise _Answer(400, "limit must be positive")
        offset = 0
        if query.get("cursor"):
            try:
                offset = int(json.loads(base64.urlsafe_b64decode(query["cursor"].encode()))["o"])
            except (ValueError, KeyError, TypeError):
                raise _Answer(400, "invalid cursor") from None
        tasks = sorted(self._tasks.values(), key=lambda t: t.number, reverse=True)
        if query.get("environment_id"):
            tasks = [t for t in tasks if t.environment_id == query["environment_id"]]
        page = tasks[offset : offset + limit]
        cursor = None
        if offset + limit < len(tasks):
            cursor = base64.urlsafe_b64encode(json.dumps({"o": offset + limit}).encode()).decode()
        return {"items": [t.list_item(self._label(t.environment_id)) for t in page], "cursor": cursor}

    def _create_from_request(self, body: Any, raw: bytes) -> dict[str, Any]:
        if not isinstance(body, dict):
            raise _Answer(400, "body must be a JSON object")
        new = body.get("new_task")
        if not isinstance(new, dict) or not isinstance(new.get("environment_id"), str):
            raise _Answer(400, "new_task.environment_id is required")
        env_id = new["environment_id"]
        if env_id not in self._environments:
            raise _Answer(404, f"environment {env_id} not found")
        branch = new.get("branch")
        if branch is not None and not isinstance(branch, str):
            raise _Answer(400, "new_task.branch must be a string")
        items = body.get("input_items")
        if not isinstance(items, list):
            raise _Answer(400, "input_items must be a list")
        texts: list[str] = []
        for item in items:
            if not isinstance(item, dict) or item.get("type") != "message" or item.get("role") != "user":
                continue
            for part in item.get("content") or []:
                if (
                    isinstance(part, dict)
                    and part.get("content_type") == "text"
                    and isinstance(part.get("text"), str)
                ):
                    texts.append(part["text"])
        if not texts or not any(t.strip() for t in texts):
            raise _Answer(400, "input_items needs a user message with text")
        best_of_n = 1
        metadata = body.get("metadata")
        if metadata is not None:
            if not isinstance(metadata, dict):
                raise _Answer(400, "metadata must be an object")
            n = metadata.get("best_of_n", 1)
            if isinstance(n, bool) or not isinstance(n, int) or not 1 <= n <= self.max_best_of_n:
                raise _Answer(400, f"metadata.best_of_n must be an integer in 1..{self.max_best_of_n}")
            best_of_n = n
        script = self._scripts.pop(0) if self._scripts else None
        state = self._create(env_id, "\n\n".join(texts), body, branch, best_of_n, script)
        if self.create_response == "id":
            return {"id": state.id}
        return {
            "task": {"id": state.id, "title": state.title, "archived": False, "external_pull_requests": []}
        }

    def _create(
        self,
        env_id: str,
        prompt: str,
        body: Any,
        branch: str | None,
        best_of_n: int,
        script: TaskScript | None,
    ) -> FakeTaskState:
        state = new_task(
            next(self._numbers),
            env_id,
            prompt,
            body,
            branch=branch,
            best_of_n=best_of_n,
            script=script or self.default_script,
        )
        self._tasks[state.id] = state
        env = self._environments.get(env_id)
        if env is not None and env.task_count is not None:
            env.task_count += 1
        return state


def _json(status: int, payload: Any) -> Plan:
    return Plan(
        status=status, headers=(("Content-Type", "application/json"),), body=json.dumps(payload).encode()
    )


def main(argv: list[str] | None = None) -> int:
    """``python -m orchestra.testing.fake_cloud``: serve a fake with one environment until Ctrl-C."""
    import argparse
    import signal

    parser = argparse.ArgumentParser(prog="python -m orchestra.testing.fake_cloud", description=main.__doc__)
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--codex-home", default=None, help="write auth.json + config.toml for this fake here")
    parser.add_argument("--env", default="env_local", help="id of the environment to create")
    parser.add_argument("--polls", type=int, default=2, help="tasks finish after this many polls")
    args = parser.parse_args(argv)
    with FakeCloud(port=args.port) as fake:
        fake.add_environment(args.env, label=args.env, is_pinned=True, task_count=0)
        fake.default_script = TaskScript(schedule=Schedule.after_polls(args.polls))
        print(f"fake cloud backend at {fake.base_url}", flush=True)
        if args.codex_home:
            home = fake.write_codex_home(args.codex_home)
            print(f"CODEX_HOME written: {home}", flush=True)
        stop = threading.Event()
        signal.signal(signal.SIGINT, lambda *_: stop.set())
        signal.signal(signal.SIGTERM, lambda *_: stop.set())
        stop.wait()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
