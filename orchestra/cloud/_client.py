"""The cloud tasks client: typed calls over a pluggable transport, retried under a policy.

::

    client = CloudClient.from_codex_home()                 # auth.json + base URL as the Codex CLI
    envs = await client.list_environments()
    created = await client.create_task(envs[0].id, "Fix the flaky test", best_of_n=3)
    details = await client.get_task(created.id)
    attempts = await client.list_attempts(created.id)      # current + best-of-N siblings, sorted
    diff = await client.get_diff(created.id, attempt=2)    # 1-based, like `codex cloud diff --attempt`

Every call is a trio checkpoint and cancellable. Errors are typed (``CloudAuthError`` for 401,
``CloudRateLimited`` for 429, ``CloudNotFoundError`` for 404, ``CloudHttpError`` for other statuses,
``CloudConnectionError`` when no answer came, ``CloudProtocolError`` for a malformed body); the
client's :class:`~orchestra.supervision.RetryPolicy` says how often and how long failures are retried,
and :func:`~orchestra.cloud.classify_cloud_error` which are (GETs on 5xx and lost connections, every
request on 429, honouring ``Retry-After``; never a ``POST /tasks`` that may have created a task). After
the last try the request's own typed error is raised, not a wrapper. The access token never appears
in a repr, a log line or an exception.

Transport: used as ``async with CloudClient(...) as client:``, a client given no ``transport`` opens a
:class:`~orchestra.cloud.NativeHttpTransport` (native worker threads, one pump task in a nursery the
client owns until the block ends); used without ``async with``, it falls back to a
:class:`~orchestra.cloud.ThreadedHttpTransport` made on first use.
"""

from __future__ import annotations

import email.utils
import json
import math
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable, Mapping, Sequence
from contextlib import AbstractAsyncContextManager
from importlib import metadata
from pathlib import Path
from types import TracebackType
from typing import Any

import trio

from .._log import get_logger, redact_text
from .._secret import Secret
from ..supervision import Classification, RetriesExhausted, RetryPolicy, retry_call
from . import _wire
from ._auth import CloudAuth
from ._errors import (
    AttemptNotFoundError,
    CloudAuthError,
    CloudConfigError,
    CloudHttpError,
    CloudNotFoundError,
    CloudProtocolError,
    CloudRateLimited,
    NoDiffError,
)
from ._native_transport import NativeHttpTransport
from ._policy import DEFAULT_RETRY, classify_cloud_error
from ._transport import ThreadedHttpTransport, Transport, TransportResponse
from ._types import (
    Attempt,
    CreatedTask,
    Environment,
    PathStyle,
    TaskDetails,
    TaskListPage,
    TaskSummary,
    Usage,
)
from ._urls import Endpoints, default_codex_home, parse_task_id, resolve_base_url

log = get_logger("orchestra.cloud")

DEFAULT_TIMEOUT = 30.0
"""Seconds one HTTP request may take (each retry gets its own)."""

Reauthorize = Callable[[], Awaitable[CloudAuth | None]]
"""Fresh credentials after a 401, or ``None`` when there are none fresher."""


def _user_agent() -> str:
    try:
        version = metadata.version("codex-orchestra")
    except metadata.PackageNotFoundError:
        version = "0"
    return f"codex-orchestra/{version}"


#: A Retry-After longer than this (a year) is not a delay anyone will wait for.
_MAX_RETRY_AFTER = 365 * 86400.0


def parse_retry_after(value: str | None, *, now: float | None = None) -> float | None:
    """``Retry-After`` as seconds: delta-seconds, or an HTTP date (seconds from ``now``)."""
    if value is None or not value.strip():
        return None
    text = value.strip()
    try:
        seconds = float(text)
    except ValueError:
        pass
    else:
        # "inf", "nan" or 1e20 would overflow every later date computation: not a usable delay.
        return max(seconds, 0.0) if math.isfinite(seconds) and seconds <= _MAX_RETRY_AFTER else None
    try:
        when = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    current = time.time() if now is None else now
    seconds = when.timestamp() - current
    return max(seconds, 0.0) if seconds <= _MAX_RETRY_AFTER else None


class CloudClient:
    """Typed access to the Codex cloud tasks backend. See the module docstring.

    Parameters:
        base_url: the API base (normalised: ``https://chatgpt.com`` gains ``/backend-api``); it also
            picks the path style, ``/wham/...`` or ``/api/codex/...``.
        auth: the bearer token and account id; ``None`` sends no credentials.
        transport: how bytes travel. Default: inside ``async with`` a :class:`NativeHttpTransport`
            the client opens and closes, else a :class:`ThreadedHttpTransport` (see :attr:`transport`).
        retry: the :class:`~orchestra.supervision.RetryPolicy` of every request (default
            :data:`~orchestra.cloud.DEFAULT_RETRY`; ``RetryPolicy.never()`` sends each request once).
        timeout: seconds per HTTP request.
        reauthorize: called when a request is answered 401; fresh credentials it returns replace
            the client's and the request is sent once more (``None``: nothing fresher, the 401
            is raised). :meth:`from_codex_home` sets it to re-read ``auth.json``, which the Codex
            CLI and the runtime rewrite when they refresh the login
            (``orchestra.surface.read_account(orch, refresh_token=True)`` asks the runtime to).
    """

    def __init__(
        self,
        base_url: str,
        auth: CloudAuth | None = None,
        *,
        transport: Transport | None = None,
        retry: RetryPolicy | None = None,
        timeout: float = DEFAULT_TIMEOUT,
        user_agent: str | None = None,
        reauthorize: Reauthorize | None = None,
    ) -> None:
        self._endpoints = Endpoints.for_base(base_url)
        self._auth = auth
        self._reauthorize = reauthorize
        self._transport: Transport | None = transport
        self._owned_transport: AbstractAsyncContextManager[NativeHttpTransport] | None = None
        self.retry = retry if retry is not None else DEFAULT_RETRY
        self.timeout = timeout
        self._user_agent = user_agent or _user_agent()
        self._log = log.bind(base_url=self._endpoints.base_url)

    @classmethod
    def from_codex_home(
        cls,
        codex_home: Path | str | None = None,
        *,
        base_url: str | None = None,
        token: str | Secret | None = None,
        account_id: str | None = None,
        env: Mapping[str, str] | None = None,
        transport: Transport | None = None,
        retry: RetryPolicy | None = None,
        timeout: float = DEFAULT_TIMEOUT,
    ) -> CloudClient:
        """A client configured as the Codex CLI configures itself.

        Base URL: ``base_url``, else ``$CODEX_CLOUD_TASKS_BASE_URL``, else ``chatgpt_base_url`` in
        ``config.toml``, else ``https://chatgpt.com/backend-api``. Auth: ``token`` (+ ``account_id``,
        default: the token's JWT claim), else ``auth.json`` of ``codex_home`` (default
        ``$CODEX_HOME``, else ``~/.codex``). Raises :class:`CloudConfigError` when neither gives a token.
        """
        home = Path(codex_home).expanduser() if codex_home is not None else default_codex_home(env)
        resolved = resolve_base_url(base_url, env=env, codex_home=home)
        if token is not None:
            auth = CloudAuth.from_token(token, account_id)
            return cls(resolved, auth, transport=transport, retry=retry, timeout=timeout)

        def read_login() -> CloudAuth:
            fresh = CloudAuth.from_codex_home(home)
            return CloudAuth(fresh.access_token, account_id) if account_id is not None else fresh

        auth = read_login()
        client = cls(resolved, auth, transport=transport, retry=retry, timeout=timeout)

        async def reread_login() -> CloudAuth | None:
            try:
                fresh = await trio.to_thread.run_sync(read_login)
            except CloudConfigError:
                return None  # signed out meanwhile: the 401 stands
            current = client._auth
            same = current is not None and fresh.access_token.reveal() == current.access_token.reveal()
            return None if same else fresh

        client._reauthorize = reread_login
        return client

    def __repr__(self) -> str:
        account = self._auth.account_id if self._auth is not None else None
        return f"<CloudClient {self._endpoints.base_url} style={self.path_style} account={account!r}>"

    @property
    def base_url(self) -> str:
        return self._endpoints.base_url

    @property
    def path_style(self) -> PathStyle:
        return self._endpoints.style

    @property
    def endpoints(self) -> Endpoints:
        return self._endpoints

    @property
    def account_id(self) -> str | None:
        return self._auth.account_id if self._auth is not None else None

    def task_url(self, task_id: str) -> str:
        """The task's page in a browser."""
        return self._endpoints.task_web_url(task_id)

    @property
    def transport(self) -> Transport:
        """How bytes travel: the transport given; else, inside ``async with``, the client's own
        :class:`NativeHttpTransport`; else a :class:`ThreadedHttpTransport` made on first use."""
        if self._transport is None:
            self._transport = ThreadedHttpTransport()
        return self._transport

    async def aclose(self) -> None:
        """Close the transport if it has anything to close."""
        closer = getattr(self._transport, "aclose", None)
        if closer is not None:
            await closer()

    async def __aenter__(self) -> CloudClient:
        """Without a transport of its own yet, open a :class:`NativeHttpTransport` (its pump task
        runs in a nursery that lives until ``__aexit__``; enter and exit in the same task)."""
        if self._transport is None:
            owned = NativeHttpTransport.open()
            self._transport = await owned.__aenter__()
            self._owned_transport = owned
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        owned, self._owned_transport = self._owned_transport, None
        try:
            await self.aclose()
        finally:
            if owned is not None:
                self._transport = None
                await owned.__aexit__(exc_type, exc, tb)

    # --- environments -----------------------------------------------------------------------

    async def environments_for_repo(
        self, owner: str, repo: str, *, provider: str = "github"
    ) -> list[Environment]:
        """``GET /environments/by-repo/{provider}/{owner}/{repo}``."""
        url = self._endpoints.environments_by_repo(owner, repo, provider)
        body = await self._request("GET", url)
        return _wire.parse_environments(body, repo_hint=f"{owner}/{repo}")

    async def list_environments(self, *, repos: Iterable[tuple[str, str]] = ()) -> list[Environment]:
        """All environments: those of ``repos`` (``(owner, repo)`` on GitHub) merged with ``GET
        /environments``, pinned first — as the Codex CLI lists them. A failing by-repo lookup is
        skipped; a failing global list is raised unless the by-repo lookups found something."""
        found: list[Environment] = []
        for owner, repo in repos:
            try:
                found.extend(await self.environments_for_repo(owner, repo))
            except CloudAuthError:
                raise
            except (CloudHttpError, CloudProtocolError) as exc:
                self._log.warning("cloud.environments.by_repo_failed", repo=f"{owner}/{repo}", error=str(exc))
        try:
            everything = _wire.parse_environments(await self._request("GET", self._endpoints.environments()))
        except (CloudHttpError, CloudProtocolError) as exc:
            if not found or isinstance(exc, CloudAuthError):
                raise
            self._log.warning("cloud.environments.list_failed", error=str(exc))
            everything = []
        return _wire.merge_environments(found, everything)

    async def resolve_environment(
        self, requested: str, *, repos: Iterable[tuple[str, str]] = ()
    ) -> Environment:
        """An environment by id, else by label (case-insensitive), as ``codex cloud exec --env``."""
        wanted = requested.strip()
        if not wanted:
            raise CloudConfigError("environment id must not be empty")
        envs = await self.list_environments(repos=repos)
        if not envs:
            raise CloudConfigError("no cloud environments are available for this workspace")
        for env in envs:
            if env.id == wanted:
                return env
        matches = [env for env in envs if (env.label or "").lower() == wanted.lower()]
        if not matches:
            raise CloudConfigError(f"environment {wanted!r} not found; `orchestra cloud envs` lists them")
        if len({env.id for env in matches}) > 1:
            raise CloudConfigError(f"environment label {wanted!r} is ambiguous; use the environment id")
        return matches[0]

    # --- tasks ------------------------------------------------------------------------------

    async def list_tasks(
        self,
        *,
        environment_id: str | None = None,
        limit: int | None = None,
        cursor: str | None = None,
        task_filter: str | None = "current",
    ) -> TaskListPage:
        """One page of ``GET /tasks/list`` (newest first); ``page.cursor`` fetches the next."""
        url = self._endpoints.tasks_list(
            limit=limit, task_filter=task_filter, environment_id=environment_id, cursor=cursor
        )
        return _wire.parse_task_list(await self._request("GET", url))

    async def iter_tasks(
        self, *, environment_id: str | None = None, page_size: int | None = None, max_pages: int | None = None
    ) -> AsyncIterator[TaskSummary]:
        """Every task, following cursors page by page (stops at ``max_pages`` if given)."""
        cursor: str | None = None
        pages = 0
        while True:
            page = await self.list_tasks(environment_id=environment_id, limit=page_size, cursor=cursor)
            pages += 1
            for task in page.tasks:
                yield task
            if page.cursor is None or page.cursor == cursor or (max_pages is not None and pages >= max_pages):
                return
            cursor = page.cursor

    async def get_task(self, task_id: str) -> TaskDetails:
        """``GET /tasks/{id}``: status, prompt, the current attempt, its diff and messages.

        ``task_id`` may also be a task URL."""
        task_id = parse_task_id(task_id)
        body = await self._request("GET", self._endpoints.task(task_id))
        return _wire.parse_task_details(body, task_id)

    async def list_sibling_turns(self, task_id: str, turn_id: str) -> list[Attempt]:
        """``GET /tasks/{id}/turns/{turn}/sibling_turns``: the other best-of-N attempts, sorted."""
        task_id = parse_task_id(task_id)
        body = await self._request("GET", self._endpoints.sibling_turns(task_id, turn_id))
        return sorted(_wire.parse_sibling_turns(body), key=_wire.attempt_sort_key)

    async def list_attempts(self, task_id: str, *, details: TaskDetails | None = None) -> list[Attempt]:
        """Every attempt of a task: the current assistant turn plus its siblings, sorted by placement.

        Pass ``details`` from a fresh ``get_task`` to save that request. Siblings are fetched only
        when the task has sibling turn ids."""
        if details is None:
            details = await self.get_task(task_id)
        attempts: dict[str, Attempt] = {}
        extra: list[Attempt] = []
        if details.current_attempt is not None:
            current = details.current_attempt
            if current.turn_id is None:
                extra.append(current)
            else:
                attempts[current.turn_id] = current
        if details.sibling_turn_ids and details.turn_id is not None:
            for attempt in await self.list_sibling_turns(details.id, details.turn_id):
                if attempt.turn_id is not None:
                    attempts.setdefault(attempt.turn_id, attempt)
        return sorted([*attempts.values(), *extra], key=_wire.attempt_sort_key)

    async def get_diff(self, task_id: str, *, attempt: int | None = None) -> str:
        """The diff of attempt ``attempt`` (1-based; default 1) among the attempts that have one,
        ordered by placement — exactly what ``codex cloud diff --attempt N`` prints."""
        with_diffs = [a for a in await self.list_attempts(task_id) if a.diff is not None]
        return select_attempt_diff(parse_task_id(task_id), with_diffs, attempt).diff or ""

    async def create_task(
        self,
        environment_id: str,
        prompt: str,
        *,
        branch: str | None = None,
        best_of_n: int = 1,
        qa_mode: bool = False,
        starting_diff: str | None = None,
    ) -> CreatedTask:
        """``POST /tasks``: start a task with ``best_of_n`` attempts; returns its id.

        Not retried on 5xx or connection errors (the task may exist already); retried on 429."""
        if best_of_n < 1:
            raise ValueError("best_of_n must be at least 1")
        if not prompt.strip():
            raise ValueError("prompt must not be empty")
        body = _wire.create_task_body(
            environment_id,
            prompt,
            branch=branch,
            qa_mode=qa_mode,
            best_of_n=best_of_n,
            starting_diff=starting_diff,
        )
        url = self._endpoints.create_task()
        answer = await self._request("POST", url, json_body=body, idempotent=False)
        task_id = _wire.parse_created_task_id(answer)
        if task_id is None:
            raise CloudProtocolError(f"POST {url} succeeded but no task id found")
        self._log.info(
            "cloud.task.created", task_id=task_id, environment_id=environment_id, best_of_n=best_of_n
        )
        return CreatedTask(task_id)

    async def get_usage(self) -> Usage:
        """``GET /usage``: plan, rate-limit windows and credits."""
        return _wire.parse_usage(await self._request("GET", self._endpoints.usage()))

    # --- plumbing ---------------------------------------------------------------------------

    def _headers(self, has_body: bool) -> dict[str, str]:
        headers = {"User-Agent": self._user_agent, "Accept": "application/json"}
        if has_body:
            headers["Content-Type"] = "application/json"
        if self._auth is not None:
            headers.update(self._auth.headers())
        return headers

    async def _request(self, method: str, url: str, *, json_body: Any = None, idempotent: bool = True) -> Any:
        try:
            return await self._request_retrying(method, url, json_body=json_body, idempotent=idempotent)
        except CloudAuthError:
            # A 401 means the server processed nothing, so even a POST can be sent again, once,
            # with credentials fresher than the ones it refused.
            fresh = await self._reauthorize() if self._reauthorize is not None else None
            if fresh is None:
                raise
            self._auth = fresh
            self._log.info("cloud.auth.renewed", method=method, url=url, account_id=fresh.account_id)
        return await self._request_retrying(method, url, json_body=json_body, idempotent=idempotent)

    async def _request_retrying(self, method: str, url: str, *, json_body: Any, idempotent: bool) -> Any:
        data = json.dumps(json_body).encode() if json_body is not None else None

        def classify(exc: BaseException) -> Classification:
            return classify_cloud_error(exc, idempotent=idempotent)

        def on_retry(attempt: int, failure: Classification, delay: float) -> None:
            self._log.info(
                "cloud.request.retry",
                method=method,
                url=url,
                attempt=attempt + 1,
                reason=failure.reason,
                verdict=failure.verdict,
                delay=round(delay, 3),
            )

        async def once() -> Any:
            return await self._send_once(method, url, data)

        try:
            return await retry_call(once, self.retry, classify=classify, on_retry=on_retry)
        except RetriesExhausted as exhausted:
            gave_up = exhausted
        # Raised outside the except block, so the typed error keeps its own cause and context.
        cause = gave_up.__cause__
        if not isinstance(cause, Exception):  # pragma: no cover - retry_call always sets it
            raise gave_up
        if gave_up.attempts > 1:
            cause.add_note(f"gave up after {gave_up.attempts} attempts: {gave_up.last.reason}")
            self._log.warning(
                "cloud.request.gave_up", method=method, url=url, attempts=gave_up.attempts,
                reason=gave_up.last.reason,
            )  # fmt: skip
        raise cause

    async def _send_once(self, method: str, url: str, data: bytes | None) -> Any:
        headers = self._headers(data is not None)
        response = await self.transport.request(method, url, headers, data, self.timeout)
        if not 200 <= response.status < 300:
            raise _status_error(method, url, response)
        if not response.body.strip():
            return None
        try:
            return json.loads(response.body)
        except ValueError:
            # Masked first, cut after: a cut could split a secret so that it is no longer recognised.
            text = redact_text(response.body.decode("utf-8", errors="replace"))[:200]
            raise CloudProtocolError(
                f"{method} {url}: answer is not JSON (content-type={response.header('content-type') or ''}): "
                f"{text}"
            ) from None


def _status_error(method: str, url: str, response: TransportResponse) -> CloudHttpError:
    body = response.body[:4096].decode("utf-8", errors="replace")
    content_type = response.header("content-type") or ""
    if response.status == 401:
        return CloudAuthError(method, url, 401, body, content_type)
    if response.status == 404:
        return CloudNotFoundError(method, url, 404, body, content_type)
    if response.status == 429:
        retry_after = parse_retry_after(response.header("retry-after"))
        return CloudRateLimited(method, url, 429, body, content_type, retry_after=retry_after)
    return CloudHttpError(method, url, response.status, body, content_type)


def select_attempt_diff(task_id: str, attempts: Sequence[Attempt], number: int | None) -> Attempt:
    """``select_attempt`` of the Codex CLI: 1-based ``number`` among ``attempts`` (default 1)."""
    if not attempts:
        raise NoDiffError(f"No diff available for task {task_id}; it may still be running.")
    wanted = 1 if number is None else number
    if wanted < 1:
        raise AttemptNotFoundError("attempt must be at least 1")
    if wanted > len(attempts):
        raise AttemptNotFoundError(
            f"Attempt {wanted} not available; only {len(attempts)} attempt(s) found for task {task_id}"
        )
    return attempts[wanted - 1]


__all__ = ["DEFAULT_TIMEOUT", "CloudClient", "parse_retry_after", "select_attempt_diff"]
