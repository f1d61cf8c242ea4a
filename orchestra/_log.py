"""structlog loggers that route through stdlib logging and redact secrets.

A library must not configure global logging: our loggers wrap stdlib loggers named
``orchestra.*``, so the application's logging setup decides what is shown. Every event passes
through :func:`redact_secrets` first, so an API key cannot reach a handler even if a caller binds it.
"""

from __future__ import annotations

import logging
import re
from collections.abc import MutableMapping, Sequence
from typing import Any

import structlog

from ._secret import Secret, known_secret_values

_SECRET_KEYS = re.compile(r"(api[_-]?key|token|authorization|password|secret|cookie)", re.IGNORECASE)
# OpenAI-style keys and bearer tokens that might sit inside free text (stderr tails, error messages).
# Each starts a word ("task-scheduler" holds no key), and a bearer token has a digit ("Bearer
# tokens" and "Bearer authentication" are prose; JWTs and opaque tokens have digits).
_SECRET_TEXT = re.compile(
    r"(?<![A-Za-z0-9_\-])(sk-[A-Za-z0-9_\-]{6,}|Bearer\s+(?=[A-Za-z._\-]*[0-9])[A-Za-z0-9._\-]{6,})"
)
MASK = "***"


def redact_text(text: str, secrets: Sequence[str] | None = None) -> str:
    """Mask every known secret value (or those of ``secrets``) and anything that looks like an
    API key or bearer token."""
    for value in known_secret_values() if secrets is None else secrets:
        if value in text:
            text = text.replace(value, MASK)
    return _SECRET_TEXT.sub(MASK, text)


# The end of streamed text that could be the first part of such a token, the rest still to come.
_SECRET_TEXT_START = re.compile(
    r"(?<![A-Za-z0-9_\-])(?:sk-[A-Za-z0-9_\-]*|sk?|Bearer\s+[A-Za-z0-9._\-]*|B(?:e(?:a(?:r(?:e(?:r)?)?)?)?)?)\Z"
)


def secret_spans(text: str, secrets: Sequence[str] | None = None) -> list[tuple[int, int]]:
    """Where in ``text`` :func:`redact_text` finds secrets: ``(start, end)`` of each known value and
    key-shaped token, sorted, overlapping ones merged."""
    found = [m.span() for m in _SECRET_TEXT.finditer(text)]
    for value in known_secret_values() if secrets is None else secrets:
        start = text.find(value)
        while start >= 0:
            found.append((start, start + len(value)))
            start = text.find(value, start + 1)
    merged: list[tuple[int, int]] = []
    for start, end in sorted(found):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def redact_pieces(pieces: Sequence[str], secrets: Sequence[str] | None = None) -> list[str]:
    """``pieces`` (consecutive parts of one text, such as streamed deltas) with the secrets of
    the whole text masked, also those cut across pieces; each piece keeps its place, and a masked
    secret shows as one mask in the piece where it starts."""
    text = "".join(pieces)
    spans = secret_spans(text, secrets)
    if not spans:
        return list(pieces)
    out = []
    end = 0
    for piece in pieces:
        start, end = end, end + len(piece)
        kept, at = [], start
        for s, e in spans:
            if e <= start or s >= end:
                continue
            if s > at:
                kept.append(text[at:s])
            if s >= start:
                kept.append(MASK)
            at = max(at, min(e, end))
        kept.append(text[at:end])
        out.append("".join(kept))
    return out


def could_begin_secret(text: str, secrets: Sequence[str] | None = None) -> bool:
    """Whether the end of ``text`` could be the first part of a secret (a known value, a key or a
    bearer token) whose rest has not been seen yet."""
    if not text:
        return False
    if _SECRET_TEXT_START.search(text):
        return True
    last = text[-1]
    for value in known_secret_values() if secrets is None else secrets:
        at = value.find(last, 0, len(value) - 1)
        while at >= 0:  # does text end with value[: at + 1]?
            if text.endswith(value[: at + 1]):
                return True
            at = value.find(last, at + 1, len(value) - 1)
    return False


#: What a native connection keeps of a process's stderr (``Connection(stderr_tail_bytes=...)``).
STDERR_TAIL_BYTES = 65536


def redact_stderr_tail(raw: bytes, *, keep: int | None = 2000) -> str:
    """The last ``keep`` characters of a process's stderr tail, secrets masked.

    Masked first, cut after: cut first, a secret straddling the cut would lose its start and no
    longer be recognised. A tail that filled the buffer starts mid-line (its start was dropped),
    so that first line goes too, for the same reason.
    """
    text = raw.decode("utf-8", "replace")
    if len(raw) >= STDERR_TAIL_BYTES:
        text = text.partition("\n")[2]
    text = redact_text(text)
    return text if keep is None else text[-keep:]


#: Notifications whose params carry error text, which servers write quoting credentials ("bad key
#: sk-..."): their params are scrubbed with :func:`redact_tree` before they are typed or shown.
ERROR_CARRYING_METHODS = frozenset({"error", "turn/completed", "warning"})


def redact_tree(value: Any, secrets: Sequence[str] | None = None) -> Any:
    """:func:`redact_text` applied to every string in a JSON-like tree (dicts, lists)."""
    if secrets is None:
        secrets = known_secret_values()  # once per tree, not once per string
    if isinstance(value, str):
        return redact_text(value, secrets)
    if isinstance(value, dict):
        return {k: redact_tree(v, secrets) for k, v in value.items()}
    if isinstance(value, list):
        return [redact_tree(v, secrets) for v in value]
    return value


def _redact_value(key: str, value: Any) -> Any:
    if isinstance(value, Secret):
        return MASK
    if _SECRET_KEYS.search(key) and value is not None:
        return MASK
    if isinstance(value, str):
        return redact_text(value)
    return value


def redact_secrets(
    _logger: Any, _method: str, event_dict: MutableMapping[str, Any]
) -> MutableMapping[str, Any]:
    """structlog processor: mask secret-looking keys and values."""
    for key, value in list(event_dict.items()):
        event_dict[key] = _redact_value(key, value)
    return event_dict


class _BoundLogger(structlog.stdlib.BoundLogger):
    """``exception()`` logs at ERROR with the traceback as redacted text (``format_exc_info``),
    rather than through ``logging.Logger.exception``, which would append the raw traceback, and
    the secrets quoted in it, after our processors."""

    def exception(self, event: str | None = None, *args: Any, **kw: Any) -> Any:
        kw.setdefault("exc_info", True)
        return self._proxy_to_logger("error", event, *args, **kw)


def get_logger(name: str, **initial: Any) -> structlog.stdlib.BoundLogger:
    """A key-value logger over ``logging.getLogger(name)``; bind ids with ``.bind(...)``."""
    logger: structlog.stdlib.BoundLogger = structlog.wrap_logger(
        logging.getLogger(name),
        wrapper_class=_BoundLogger,
        processors=[
            structlog.stdlib.filter_by_level,
            # Tracebacks become text first, so that they are redacted like everything else (an
            # exception message may quote a key).
            structlog.processors.format_exc_info,
            redact_secrets,
            structlog.processors.KeyValueRenderer(key_order=["event"], sort_keys=True),
        ],
        **initial,
    )
    return logger
