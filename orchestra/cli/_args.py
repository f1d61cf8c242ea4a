"""Argument types for the command line: out-of-range values are refused by the parser (a usage
message and exit 2), not met later as a traceback."""

from __future__ import annotations

import argparse
import math
from collections.abc import Callable


def int_range(low: int, high: int | None = None) -> Callable[[str], int]:
    """An integer of at least ``low`` (and at most ``high``)."""

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not an integer") from None
        if value < low or (high is not None and value > high):
            raise argparse.ArgumentTypeError(
                f"must be at least {low}" if high is None else f"must be between {low} and {high}"
            )
        return value

    return parse


def positive_seconds(text: str) -> float:
    """A number of seconds greater than zero (``inf`` allowed: no limit)."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if math.isnan(value) or value <= 0:
        raise argparse.ArgumentTypeError("must be a number of seconds greater than 0")
    return value
