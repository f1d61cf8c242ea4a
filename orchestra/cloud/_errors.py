"""The errors of the cloud room. Every one is an :class:`~orchestra._errors.OrchestraError`.

Messages never carry a secret: response bodies are shortened and passed through
:func:`~orchestra._log.redact_text`, and request headers are never included.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .._errors import OrchestraError
from .._log import redact_text

if TYPE_CHECKING:
    from ._types import DiffRefusal

_BODY_LIMIT = 500


def _excerpt(body: str) -> str:
    text = redact_text(body.strip())
    return text if len(text) <= _BODY_LIMIT else text[: _BODY_LIMIT - 1] + "…"


class CloudError(OrchestraError):
    """Base class of every error raised by :mod:`orchestra.cloud`."""


class CloudConfigError(CloudError):
    """The client cannot be set up: no ChatGPT login in ``auth.json``, an unusable base URL, ..."""


class CloudConnectionError(CloudError):
    """The request did not get an HTTP answer: refused, reset, DNS, TLS, truncated response."""


class CloudTimeoutError(CloudConnectionError):
    """No complete answer within the request timeout."""


class CloudProtocolError(CloudError):
    """The backend answered 2xx with a body that is not the JSON shape the API promises."""


class CloudHttpError(CloudError):
    """The backend answered with a non-success status.

    ``status``, ``method`` and ``url`` say which request; ``body`` is a shortened, redacted excerpt
    of the answer.
    """

    def __init__(self, method: str, url: str, status: int, body: str = "", content_type: str = "") -> None:
        self.method = method
        self.url = url
        self.status = status
        self.body = _excerpt(body)
        self.content_type = content_type
        detail = f"; body={self.body}" if self.body else ""
        super().__init__(f"{method} {url} failed: HTTP {status}{detail}")


class CloudAuthError(CloudHttpError):
    """HTTP 401: the access token is missing, expired or not accepted, or the account id is wrong."""


class CloudNotFoundError(CloudHttpError):
    """HTTP 404: no such task, turn or environment."""


class CloudRateLimited(CloudHttpError):
    """HTTP 429. ``retry_after`` is the server's ``Retry-After`` in seconds (``None`` if absent)."""

    def __init__(
        self,
        method: str,
        url: str,
        status: int,
        body: str = "",
        content_type: str = "",
        *,
        retry_after: float | None = None,
    ) -> None:
        super().__init__(method, url, status, body, content_type)
        self.retry_after = retry_after


class NoDiffError(CloudError):
    """The task (or the chosen attempt) has no diff yet, or never will."""


class AttemptNotFoundError(CloudError):
    """``--attempt N`` asked for an attempt the task does not have."""


class GitApplyError(CloudError):
    """``git`` could not be run at all, or the target is not a git working tree."""


class UnsafeDiffError(CloudError):
    """A diff was refused before touching the tree; ``refusal`` says why (see ``DiffRefusal``)."""

    def __init__(self, refusal: DiffRefusal) -> None:
        super().__init__(refusal.describe())
        self.refusal = refusal
