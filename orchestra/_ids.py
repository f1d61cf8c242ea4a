"""The shape of the runtime's ids, where they name files or are matched in paths."""

from __future__ import annotations

import re

#: A thread id (a UUID, as the runtime writes it in rollout file names).
THREAD_ID = re.compile(r"[0-9a-fA-F-]{36}")


def is_thread_id(text: object) -> bool:
    return isinstance(text, str) and THREAD_ID.fullmatch(text) is not None
