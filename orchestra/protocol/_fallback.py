"""What a message becomes when this runtime version's schema cannot type it.

A newer runtime may send a method, or a union variant (a new item ``type``), that the generated
classes do not know. Such messages are kept, raw and intact, instead of being dropped or raising:
the actor decides what to do with them.
"""

from __future__ import annotations

from typing import Any

import attrs

__all__ = ["UnknownEvent", "UnknownRequest", "UnknownVariant", "UnparsedEvent", "UnparsedResponseError"]


@attrs.frozen
class UnknownVariant:
    """A member of a tagged union that the schema does not list, e.g. a new ``ThreadItem`` type.

    ``tag`` is the discriminating value (``raw["type"]`` for an internally tagged union, the single
    key for an externally tagged one such as ``{"newDecision": {...}}``). Unstructuring gives back
    ``raw`` unchanged.
    """

    tag: str
    raw: dict[str, Any]


@attrs.frozen
class UnknownEvent:
    """A server notification whose method the schema does not list."""

    method: str
    params: Any


@attrs.frozen
class UnparsedEvent:
    """A notification (or server request) of a known method whose params did not match the schema.

    ``error`` says where and why, one problem per line.
    """

    method: str
    params: Any
    error: str


@attrs.frozen
class UnknownRequest:
    """A server -> client request whose method the schema does not list. It still needs an answer."""

    method: str
    params: Any


class UnparsedResponseError(ValueError):
    """The result of a client request did not match the schema of its method's response."""

    def __init__(self, method: str, result: Any, error: str) -> None:
        super().__init__(f"{method} result does not match the schema: {error}")
        self.method = method
        self.result = result
        self.error = error
