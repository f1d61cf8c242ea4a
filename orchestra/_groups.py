"""Keep exceptions readable across the nurseries our context managers hide.

trio wraps every exception that leaves a nursery in an ExceptionGroup. When a user's own code
raises inside ``async with open_orchestra(...)``, they should catch their own exception type, not
dig through groups we introduced. A group with exactly one leaf is unwrapped to that leaf.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator


def _single_leaf(group: BaseExceptionGroup[BaseException]) -> BaseException | None:
    if len(group.exceptions) != 1:
        return None
    only = group.exceptions[0]
    if isinstance(only, BaseExceptionGroup):
        return _single_leaf(only)
    return only


@contextlib.contextmanager
def unwrap_single_exception() -> Iterator[None]:
    """Re-raise a one-exception group as that exception (groups of several stay groups)."""
    try:
        yield
    except BaseExceptionGroup as group:
        leaf = _single_leaf(group)
        if leaf is None:
            raise
        raise leaf from None
