"""A string wrapper that never shows its value in a repr, a log line or an exception."""

from __future__ import annotations

import weakref
from typing import Final

_MASK: Final = "***"

#: Every secret value wrapped in this process, so text echoed back by a server (an error message
#: quoting the key, say) can be scrubbed even when the value does not look like a key. Keyed by
#: identity, not a WeakSet: Secrets compare by value, and in a WeakSet the death of one of two
#: equal Secrets would drop the value while the other still holds it.
_KNOWN: weakref.WeakValueDictionary[int, Secret] = weakref.WeakValueDictionary()


def known_secret_values() -> list[str]:
    """The values of live Secret objects, longest first (so overlapping values mask fully)."""
    return sorted({s.reveal() for s in list(_KNOWN.values()) if len(s.reveal()) >= 6}, key=len, reverse=True)


class Secret:
    """Holds an API key or token. ``str()``/``repr()`` are masked; ``reveal()`` gives the value.

    Keep secrets in this type from the moment they enter the program; call ``reveal()`` only
    at the one place that must hand the raw value to the runtime (a file of mode 0600 or an
    environment variable of a child process).
    """

    __slots__ = ("__weakref__", "_value")

    def __init__(self, value: str) -> None:
        if isinstance(value, Secret):
            value = value.reveal()
        if not isinstance(value, str):
            # Registered, a non-string would break every later log line's redaction.
            raise TypeError(f"a Secret holds a str, not {type(value).__name__}")
        self._value = value
        _KNOWN[id(self)] = self

    def reveal(self) -> str:
        return self._value

    def __repr__(self) -> str:
        return f"Secret({_MASK!r})"

    __str__ = __repr__

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Secret) and other._value == self._value

    def __hash__(self) -> int:
        return hash(("Secret", self._value))

    def __reduce__(self) -> tuple[type[Secret], tuple[str]]:
        # Copies and unpickled Secrets (a Ray worker's) are made through __init__, so they are
        # registered and their value stays masked after the original is gone.
        return (Secret, (self._value,))
