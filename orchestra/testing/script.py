"""Scripts for the standalone model server, as JSON files.

``python -m orchestra.testing.model_server --script demo.json`` loads a file like::

    {
      "replies": [
        {"shell": "echo hi > f.txt"},
        {"text": "Created f.txt", "chunks": 3},
        {"apply_patch": "*** Begin Patch\\n*** Add File: a.txt\\n+a\\n*** End Patch\\n"},
        {"http_error": 500},
        {"usage_limit": {"resets_at": 1795480000}},
        {"failed": "scripted failure"},
        {"text": "partial", "cut_after": 2}
      ],
      "rules": [
        {"when_user_says": "deploy", "replies": [{"shell": "make deploy"}, {"text": "deployed"}]},
        {"when_user_says": "ping", "always": {"text": "pong"}}
      ],
      "rate_limits": {"primary": {"used_percent": 42, "window_minutes": 300},
                      "credits": {"has_credits": true, "balance": "12.50"}},
      "headers": {"x-extra": "1"},
      "latency_ms": 50,
      "default": "echo"
    }

A bare JSON list is taken as ``"replies"``. ``"default": null`` makes unscripted requests fail
with HTTP 500 instead of echoing.

One reply is an object with exactly one *kind* key — ``text`` (with ``chunks``), ``shell``
(with ``arguments``), ``apply_patch``, ``function_call`` (with ``arguments``),
``custom_tool_call`` (with ``input``), ``combine`` (a list of replies), ``failed`` (with ``code``),
``http_error`` (a status, with ``message``, ``code``, ``type``, ``retry_after``), ``usage_limit``
(``true`` or an object of ``resets_at``, ``plan_type``, ``retry_after``) — plus any of the
modifiers ``call_id``, ``cut_after``, ``abort``, ``latency_ms``, ``between_events_ms``,
``headers`` (an object), ``usage`` (``input_tokens``, ``output_tokens``, ``cached_tokens``,
``reasoning_tokens``).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from orchestra.testing import reply as r
from orchestra.testing.rate_limits import Credits, RateLimitWindow, rate_limit_headers

if TYPE_CHECKING:
    from orchestra.testing.model_server import ScriptedModel

__all__ = ["ScriptError", "apply_script", "load_script", "reply_from_json"]

_KINDS = (
    "text",
    "shell",
    "apply_patch",
    "function_call",
    "custom_tool_call",
    "combine",
    "failed",
    "http_error",
    "usage_limit",
)
_MODIFIERS = (
    "call_id",
    "cut_after",
    "abort",
    "latency_ms",
    "between_events_ms",
    "headers",
    "usage",
    "chunks",
    "arguments",
    "input",
    "code",
    "message",
    "type",
    "retry_after",
)


class ScriptError(ValueError):
    """The script is not of the documented shape; the message says where."""


def _expect(value: Any, kind: type | tuple[type, ...], where: str) -> Any:
    kinds = kind if isinstance(kind, tuple) else (kind,)
    if not isinstance(value, kinds) or (isinstance(value, bool) and bool not in kinds):
        names = " or ".join(k.__name__ for k in kinds)
        raise ScriptError(f"{where}: expected {names}, got {value!r}")
    return value


def reply_from_json(data: Any, where: str = "reply") -> r.Reply:
    """Build one reply from its JSON form (see the module docstring)."""
    if not isinstance(data, Mapping):
        raise ScriptError(f"{where}: a reply is a JSON object, got {data!r}")
    kinds = [key for key in data if key in _KINDS]
    unknown = [key for key in data if key not in _KINDS and key not in _MODIFIERS]
    if len(kinds) != 1:
        raise ScriptError(f"{where}: needs exactly one of {', '.join(_KINDS)}; got {sorted(data)}")
    if unknown:
        raise ScriptError(f"{where}: unknown keys {unknown}")
    kind = kinds[0]
    value = data[kind]
    call_id = data.get("call_id")
    made: r.Reply
    if kind == "text":
        made = r.text(_expect(value, str, where), chunks=_expect(data.get("chunks", 1), int, where))
    elif kind == "shell":
        extra = _expect(data.get("arguments", {}), Mapping, where)
        made = r.shell(_expect(value, str, where), call_id=call_id, **extra)
    elif kind == "apply_patch":
        made = r.apply_patch(_expect(value, str, where), call_id=call_id)
    elif kind == "function_call":
        arguments = _expect(data.get("arguments", {}), (Mapping, str), where)
        made = r.function_call(_expect(value, str, where), arguments, call_id=call_id)
    elif kind == "custom_tool_call":
        tool_input = _expect(data.get("input", ""), str, where)
        made = r.custom_tool_call(_expect(value, str, where), tool_input, call_id=call_id)
    elif kind == "combine":
        parts = [
            reply_from_json(part, f"{where}.combine[{i}]")
            for i, part in enumerate(_expect(value, list, where))
        ]
        streams = [part for part in parts if isinstance(part, r.StreamReply)]
        if len(streams) != len(parts):
            raise ScriptError(f"{where}: combine takes stream replies only, not HTTP errors")
        made = r.combine(*streams)
    elif kind == "failed":
        made = r.failed(_expect(value, str, where), code=data.get("code", "server_error"))
    elif kind == "http_error":
        made = r.http_error(
            _expect(value, int, where),
            data.get("message"),
            error_type=data.get("type"),
            code=data.get("code"),
            retry_after=data.get("retry_after"),
        )
    else:
        options = {} if value is True else dict(_expect(value, Mapping, where))
        try:
            made = r.usage_limit(**options)
        except TypeError as exc:
            raise ScriptError(f"{where}: usage_limit: {exc}") from None
    return _apply_modifiers(made, data, where)


def _apply_modifiers(made: r.Reply, data: Mapping[str, Any], where: str) -> r.Reply:
    if "headers" in data:
        headers = _expect(data["headers"], Mapping, where)
        made = made.with_headers({str(k): str(v) for k, v in headers.items()})
    if "latency_ms" in data or "between_events_ms" in data:
        first = _expect(data.get("latency_ms", 0), (int, float), where) / 1000.0
        between = _expect(data.get("between_events_ms", 0), (int, float), where) / 1000.0
        made = made.with_latency(first, between)
    if isinstance(made, r.StreamReply):
        if "usage" in data:
            usage = _expect(data["usage"], Mapping, where)
            try:
                made = made.with_usage(**usage)
            except TypeError as exc:
                raise ScriptError(f"{where}: usage: {exc}") from None
        if "cut_after" in data or data.get("abort"):
            after = data.get("cut_after")
            made = made.cut(
                None if after is None else _expect(after, int, where), abort=bool(data.get("abort", False))
            )
    elif "cut_after" in data or "usage" in data:
        raise ScriptError(f"{where}: cut_after/usage apply to stream replies, not HTTP errors")
    return made


def _window(data: Any, where: str) -> RateLimitWindow | None:
    if data is None:
        return None
    data = _expect(data, Mapping, where)
    try:
        return RateLimitWindow(**data)
    except TypeError as exc:
        raise ScriptError(f"{where}: {exc}") from None


def apply_script(model: ScriptedModel, data: Any) -> None:
    """Load a parsed script (a list of replies, or the full object form) into ``model``."""
    if isinstance(data, list):
        data = {"replies": data}
    if not isinstance(data, Mapping):
        raise ScriptError("a script is a JSON object or a list of replies")
    known = {"replies", "rules", "rate_limits", "headers", "latency_ms", "default"}
    unknown = sorted(set(data) - known)
    if unknown:
        raise ScriptError(f"unknown top-level keys {unknown}; known: {sorted(known)}")

    replies = [
        reply_from_json(item, f"replies[{i}]")
        for i, item in enumerate(_expect(data.get("replies", []), list, "replies"))
    ]
    headers: dict[str, str] = {}
    if "rate_limits" in data:
        limits = _expect(data["rate_limits"], Mapping, "rate_limits")
        credits = limits.get("credits")
        try:
            headers.update(
                rate_limit_headers(
                    primary=_window(limits.get("primary"), "rate_limits.primary"),
                    secondary=_window(limits.get("secondary"), "rate_limits.secondary"),
                    credits=Credits(**_expect(credits, Mapping, "rate_limits.credits"))
                    if credits is not None
                    else None,
                    family=limits.get("family", "codex"),
                    active_limit=limits.get("active_limit"),
                    reached_type=limits.get("reached_type"),
                )
            )
        except TypeError as exc:
            raise ScriptError(f"rate_limits: {exc}") from None
    headers.update({str(k): str(v) for k, v in _expect(data.get("headers", {}), Mapping, "headers").items()})

    rules: list[tuple[str, list[r.Reply], r.Reply | None]] = []
    for i, rule in enumerate(_expect(data.get("rules", []), list, "rules")):
        where = f"rules[{i}]"
        rule = _expect(rule, Mapping, where)
        needle = _expect(rule.get("when_user_says"), str, f"{where}.when_user_says")
        rule_replies = [
            reply_from_json(item, f"{where}.replies[{j}]")
            for j, item in enumerate(_expect(rule.get("replies", []), list, where))
        ]
        forever = reply_from_json(rule["always"], f"{where}.always") if "always" in rule else None
        rules.append((needle, rule_replies, forever))

    default = data.get("default", "echo")
    if default not in ("echo", None):
        raise ScriptError(f"default: 'echo' or null, got {default!r}")

    # Everything parsed: only now touch the model.
    model.enqueue(*replies)
    for needle, rule_replies, forever in rules:
        made = model.when(needle).respond(*rule_replies)
        if forever is not None:
            made.always(forever)
    if headers:
        model.default_headers = {**model.default_headers, **headers}
    if "latency_ms" in data:
        model.latency = _expect(data["latency_ms"], (int, float), "latency_ms") / 1000.0
    if default is None:
        model.default = None


def load_script(model: ScriptedModel, path: str | Path) -> None:
    """Read a JSON script file and load it into ``model``."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except ValueError as exc:
        raise ScriptError(f"not valid JSON: {exc}") from None
    apply_script(model, data)
