"""Files only their owner may read: auth.json and anything else that holds a credential."""

from __future__ import annotations

import os
from pathlib import Path


def write_private_text(path: Path, text: str) -> Path:
    """Write ``text`` to ``path`` with mode 0600 from the first byte.

    Opened 0600 rather than chmod-ed after writing, so the credential is never readable by others,
    not even for an instant; an existing file is tightened too (``O_CREAT``'s mode does not apply
    to it).
    """
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        os.fchmod(f.fileno(), 0o600)
        f.write(text)
    return path
