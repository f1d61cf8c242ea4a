"""Every end-to-end test must leave no runtime process and no file descriptor of ours behind."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _nothing_left_behind(no_leftovers: None) -> None:
    """Every test here must leave no process and no file descriptor of ours behind."""
