"""Codex cloud tasks: a typed client, a polling actor with typed events, and safe local apply.

- :class:`CloudClient` speaks the backend's ``/wham`` (or ``/api/codex``) API over a pluggable
  :class:`Transport`, with auth from ``$CODEX_HOME/auth.json`` and retries under the supervision
  room's :class:`~orchestra.supervision.RetryPolicy` (re-exported here), classified by
  :func:`classify_cloud_error`.
- :class:`CloudTaskActor` creates a task (best-of-N attempts) or resumes one by id, polls it under a
  :class:`PollPolicy`, and delivers :data:`CloudTaskEvent` values to a bounded trio mailbox.
- :func:`apply_diff` / :func:`preflight_diff` / :func:`apply_task` apply a diff with ``git apply``
  after refusing anything that is not a unified diff or that escapes the repository.
"""

from ._actor import (
    ActorStatistics,
    AttemptReady,
    CloudTaskActor,
    CloudTaskEvent,
    DiffReady,
    StatusChanged,
    TaskCompleted,
    TaskCreated,
    TaskFailed,
    TaskRequest,
    TaskResult,
)
from ._apply import apply_diff, apply_task, check_diff, git_toplevel, parse_git_apply_output, preflight_diff
from ._auth import CloudAuth, account_id_from_jwt
from ._client import CloudClient, parse_retry_after, select_attempt_diff
from ._errors import (
    AttemptNotFoundError,
    CloudAuthError,
    CloudConfigError,
    CloudConnectionError,
    CloudError,
    CloudHttpError,
    CloudNotFoundError,
    CloudProtocolError,
    CloudRateLimited,
    CloudTimeoutError,
    GitApplyError,
    NoDiffError,
    UnsafeDiffError,
)
from ._native_transport import NativeHttpTransport
from ._patch import FilePatch, is_unified_diff, parse_patch
from ._policy import DEFAULT_RETRY, PollPolicy, RetryPolicy, classify_cloud_error
from ._transport import ThreadedHttpTransport, Transport, TransportResponse
from ._types import (
    ApplyOutcome,
    ApplyStatus,
    Attempt,
    AttemptStatus,
    CreatedTask,
    DiffRefusal,
    DiffSummary,
    Environment,
    PathStyle,
    RefusalReason,
    TaskDetails,
    TaskListPage,
    TaskStatus,
    TaskSummary,
    Usage,
    UsageCredits,
    UsageWindow,
    converter,
    to_jsonable,
)
from ._urls import (
    BASE_URL_ENV,
    DEFAULT_BASE_URL,
    Endpoints,
    default_codex_home,
    normalize_base_url,
    parse_task_id,
    path_style_for,
    resolve_base_url,
)
from ._wire import parse_github_origin

__all__ = [
    "BASE_URL_ENV",
    "DEFAULT_BASE_URL",
    "DEFAULT_RETRY",
    "ActorStatistics",
    "ApplyOutcome",
    "ApplyStatus",
    "Attempt",
    "AttemptNotFoundError",
    "AttemptReady",
    "AttemptStatus",
    "CloudAuth",
    "CloudAuthError",
    "CloudClient",
    "CloudConfigError",
    "CloudConnectionError",
    "CloudError",
    "CloudHttpError",
    "CloudNotFoundError",
    "CloudProtocolError",
    "CloudRateLimited",
    "CloudTaskActor",
    "CloudTaskEvent",
    "CloudTimeoutError",
    "CreatedTask",
    "DiffReady",
    "DiffRefusal",
    "DiffSummary",
    "Endpoints",
    "Environment",
    "FilePatch",
    "GitApplyError",
    "NativeHttpTransport",
    "NoDiffError",
    "PathStyle",
    "PollPolicy",
    "RefusalReason",
    "RetryPolicy",
    "StatusChanged",
    "TaskCompleted",
    "TaskCreated",
    "TaskDetails",
    "TaskFailed",
    "TaskListPage",
    "TaskRequest",
    "TaskResult",
    "TaskStatus",
    "TaskSummary",
    "ThreadedHttpTransport",
    "Transport",
    "TransportResponse",
    "UnsafeDiffError",
    "Usage",
    "UsageCredits",
    "UsageWindow",
    "account_id_from_jwt",
    "apply_diff",
    "apply_task",
    "check_diff",
    "classify_cloud_error",
    "converter",
    "default_codex_home",
    "git_toplevel",
    "is_unified_diff",
    "normalize_base_url",
    "parse_git_apply_output",
    "parse_github_origin",
    "parse_patch",
    "parse_retry_after",
    "parse_task_id",
    "path_style_for",
    "preflight_diff",
    "resolve_base_url",
    "select_attempt_diff",
    "to_jsonable",
]
