"""Typed messages of the Codex app-server protocol, generated from the runtime's own JSON Schema.

Every message shape is a frozen attrs class in ``_generated`` (regenerate with
``python scripts/generate_protocol.py``); ``converter`` turns wire JSON into them and back.
What this version cannot type is kept, not dropped: ``UnknownEvent``, ``UnknownRequest``,
``UnparsedEvent``, ``UnknownVariant``.
"""

from . import _generated
from ._converter import (
    converter,
    structure_notification,
    structure_response,
    structure_server_request,
    unstructure,
)
from ._fallback import UnknownEvent, UnknownRequest, UnknownVariant, UnparsedEvent, UnparsedResponseError
from ._generated import *  # noqa: F403

__all__ = [
    "UnknownEvent",
    "UnknownRequest",
    "UnknownVariant",
    "UnparsedEvent",
    "UnparsedResponseError",
    "converter",
    "structure_notification",
    "structure_response",
    "structure_server_request",
    "unstructure",
]
__all__ += _generated.__all__
