"""What the scripted model saw: one :class:`RecordedRequest` per HTTP request.

A recorded request keeps the parsed JSON body, the headers and the path, and offers the
accessors a test usually wants::

    req = model.requests[-1]
    req.last_user_text          # "make a file" (the prompt, not the harness's context blocks)
    req.input                   # the whole history the runtime sent, oldest first
    req.tool_names              # ("exec_command", "write_stdin", ...)
    req.function_call_outputs   # ({"type": "function_call_output", "call_id": ..., "output": ...},)
    req.last_tool_output        # the output text, when the input ends with a tool result
    req.thread_id, req.session_id, req.model

Secrets stay out of logs: the value of ``authorization`` (and of other credential headers) is
shown as ``<redacted>`` in every ``repr``; read it explicitly with ``req.headers["authorization"]``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

import attrs

__all__ = ["Headers", "RecordedRequest", "SENSITIVE_HEADERS"]

SENSITIVE_HEADERS = frozenset(
    {"authorization", "proxy-authorization", "cookie", "set-cookie", "x-api-key", "openai-api-key"}
)
"""Header names whose values never appear in a ``repr``."""

_REDACTED = "<redacted>"

# User-role messages the runtime adds itself, before the user's own prompt.
_HARNESS_PREFIXES = (
    "<environment_context>",
    "<user_instructions>",
    "# AGENTS.md instructions",
    "<turn_aborted>",
)

_TOOL_OUTPUT_TYPES = ("function_call_output", "custom_tool_call_output")


class Headers(Mapping[str, str]):
    """Immutable, case-insensitive HTTP headers whose ``repr`` hides credentials.

    Lookups ignore case (``h["Session-Id"] == h["session-id"]``); iteration yields the lower-cased
    names in the order received. Repeated headers are joined with ``", "``.
    """

    __slots__ = ("_items",)

    def __init__(self, items: Iterable[tuple[str, str]] | Mapping[str, str] = ()) -> None:
        pairs = items.items() if isinstance(items, Mapping) else items
        merged: dict[str, str] = {}
        for name, value in pairs:
            key = name.lower()
            merged[key] = f"{merged[key]}, {value}" if key in merged else value
        self._items = merged

    def __getitem__(self, name: str) -> str:
        return self._items[name.lower()]

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and name.lower() in self._items

    def __iter__(self) -> Iterator[str]:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Headers):
            return self._items == other._items
        return NotImplemented

    def __hash__(self) -> int:
        return hash(tuple(self._items.items()))

    def redacted(self) -> dict[str, str]:
        """A plain ``dict`` copy, safe to print: credential values replaced by ``<redacted>``."""
        return {k: (_REDACTED if k in SENSITIVE_HEADERS else v) for k, v in self._items.items()}

    def __repr__(self) -> str:
        return f"Headers({self.redacted()!r})"


def _content_text(content: Any) -> str:
    """Join the text parts of a message ``content`` (a string or a list of parts)."""
    if isinstance(content, str):
        return content
    if not isinstance(content, list):
        return ""
    parts = [part["text"] for part in content if isinstance(part, dict) and isinstance(part.get("text"), str)]
    return "".join(parts)


def _shorten(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


@attrs.frozen(repr=False, eq=False)
class RecordedRequest:
    """One HTTP request received by the scripted model (immutable).

    ``body`` is the parsed JSON (``None`` if the body was empty or not JSON); ``raw_body`` keeps
    the bytes. ``index`` counts the answered ``/responses`` requests from 0; requests the server
    rejected (404, 400) have ``index == -1``.
    """

    index: int
    method: str
    path: str
    headers: Headers
    body: Any
    raw_body: bytes = attrs.field(default=b"")
    received_at: float = 0.0
    """``time.monotonic()`` when the request was read."""

    # --- the body -----------------------------------------------------------------------

    @property
    def json(self) -> dict[str, Any]:
        """The body as a JSON object (an empty dict if it is not one)."""
        return self.body if isinstance(self.body, dict) else {}

    @property
    def model(self) -> str | None:
        """The ``model`` the runtime asked for."""
        value = self.json.get("model")
        return value if isinstance(value, str) else None

    @property
    def stream(self) -> bool:
        """Whether the request asked for a streamed reply (the runtime always does)."""
        return bool(self.json.get("stream", False))

    @property
    def input(self) -> list[dict[str, Any]]:
        """The ``input`` history, oldest first: messages, tool calls and tool outputs."""
        value = self.json.get("input")
        if not isinstance(value, list):
            return []
        return [item for item in value if isinstance(item, dict)]

    @property
    def tools(self) -> list[dict[str, Any]]:
        """The ``tools`` the runtime offered the model."""
        value = self.json.get("tools")
        if not isinstance(value, list):
            return []
        return [tool for tool in value if isinstance(tool, dict)]

    @property
    def tool_names(self) -> tuple[str, ...]:
        """Names of the offered tools (a namespace counts as one, by its own name)."""
        return tuple(t["name"] for t in self.tools if isinstance(t.get("name"), str))

    def tool(self, name: str) -> dict[str, Any] | None:
        """The offered tool called ``name``, or ``None``."""
        return next((t for t in self.tools if t.get("name") == name), None)

    @property
    def prompt_cache_key(self) -> str | None:
        value = self.json.get("prompt_cache_key")
        return value if isinstance(value, str) else None

    def items_of_type(self, kind: str) -> tuple[dict[str, Any], ...]:
        """The ``input`` items whose ``type`` is ``kind`` (e.g. ``"function_call"``)."""
        return tuple(item for item in self.input if item.get("type") == kind)

    def messages(self, role: str) -> tuple[str, ...]:
        """The text of every input message with this ``role``, oldest first."""
        return tuple(
            _content_text(item.get("content"))
            for item in self.items_of_type("message")
            if item.get("role") == role
        )

    @property
    def user_texts(self) -> tuple[str, ...]:
        """Texts of the user's own messages, oldest first.

        Messages the runtime injects with the user role (``<environment_context>``,
        ``<user_instructions>``, AGENTS.md blocks) are left out.
        """
        return tuple(
            text for text in self.messages("user") if not text.lstrip().startswith(_HARNESS_PREFIXES)
        )

    @property
    def last_user_text(self) -> str:
        """The latest user prompt in the history (``""`` if there is none)."""
        texts = self.user_texts
        return texts[-1] if texts else ""

    @property
    def function_calls(self) -> tuple[dict[str, Any], ...]:
        """``function_call`` items in the history (calls the model made earlier)."""
        return self.items_of_type("function_call")

    @property
    def function_call_outputs(self) -> tuple[dict[str, Any], ...]:
        """``function_call_output`` items: ``{"type", "call_id", "output", ...}``."""
        return self.items_of_type("function_call_output")

    @property
    def tool_outputs(self) -> tuple[dict[str, Any], ...]:
        """Both ``function_call_output`` and ``custom_tool_call_output`` items, in order."""
        return tuple(item for item in self.input if item.get("type") in _TOOL_OUTPUT_TYPES)

    def tool_output(self, call_id: str) -> str | None:
        """The output text of the tool call ``call_id``, if the history has it."""
        for item in self.tool_outputs:
            if item.get("call_id") == call_id:
                return _content_text(item.get("output"))
        return None

    @property
    def last_tool_output(self) -> str | None:
        """The output text if the history *ends* with a tool result, else ``None``.

        This is how a model knows it is being called back after a tool ran.
        """
        items = self.input
        if items and items[-1].get("type") in _TOOL_OUTPUT_TYPES:
            return _content_text(items[-1].get("output"))
        return None

    # --- the headers --------------------------------------------------------------------

    def header(self, name: str) -> str | None:
        """A header's value (case-insensitive), or ``None``."""
        return self.headers.get(name)

    @property
    def session_id(self) -> str | None:
        """The ``session-id`` header (older runtimes: ``session_id``)."""
        return self.headers.get("session-id") or self.headers.get("session_id")

    @property
    def thread_id(self) -> str | None:
        """The ``thread-id`` header, falling back to the body's ``client_metadata.thread_id``."""
        found = self.headers.get("thread-id")
        if found:
            return found
        meta = self.json.get("client_metadata")
        value = meta.get("thread_id") if isinstance(meta, dict) else None
        return value if isinstance(value, str) else None

    @property
    def turn_metadata(self) -> dict[str, Any]:
        """The parsed ``x-codex-turn-metadata`` header (turn id, sandbox, ...), or ``{}``."""
        raw = self.headers.get("x-codex-turn-metadata")
        if not raw:
            return {}
        try:
            value = json.loads(raw)
        except ValueError:
            return {}
        return value if isinstance(value, dict) else {}

    @property
    def turn_id(self) -> str | None:
        value = self.turn_metadata.get("turn_id")
        return value if isinstance(value, str) else None

    # --- display ------------------------------------------------------------------------

    def summary(self) -> str:
        """One line for logs: index, method, path, and what the user said. No headers."""
        parts = [f"#{self.index}" if self.index >= 0 else "rejected", self.method, self.path]
        if self.body is not None:
            parts.append(f"items={len(self.input)}")
            last_out = self.last_tool_output
            if last_out is not None:
                parts.append(f"tool_output={_shorten(last_out, 40)!r}")
            else:
                parts.append(f"user={_shorten(self.last_user_text, 40)!r}")
        return " ".join(parts)

    def __repr__(self) -> str:
        return (
            f"<RecordedRequest index={self.index} {self.method} {self.path} "
            f"model={self.model!r} items={len(self.input)} "
            f"last_user_text={_shorten(self.last_user_text)!r} "
            f"headers={self.headers.redacted()!r}>"
        )
