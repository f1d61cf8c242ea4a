"""The registry of live secrets that every log line and error message is scrubbed against."""

from __future__ import annotations

import copy
import gc
import pickle

import pytest

from orchestra._log import MASK, redact_text
from orchestra._secret import Secret, known_secret_values


def test_a_value_stays_known_while_any_secret_holding_it_lives() -> None:
    # Secrets compare by value; the first of two equal ones dying must not forget the value.
    first = Secret("tok-shared-value")
    second = Secret("tok-shared-value")
    del first
    gc.collect()
    assert "tok-shared-value" in known_secret_values()
    assert redact_text("server said tok-shared-value is bad") == f"server said {MASK} is bad"
    assert second.reveal() == "tok-shared-value"


def test_a_value_is_forgotten_once_no_secret_holds_it() -> None:
    secret = Secret("tok-short-lived")
    assert "tok-short-lived" in known_secret_values()
    del secret
    gc.collect()
    assert "tok-short-lived" not in known_secret_values()


def test_values_come_longest_first_so_overlaps_mask_fully() -> None:
    short, long = Secret("abcdefg"), Secret("abcdefg-and-more")
    values = known_secret_values()
    assert values.index(long.reveal()) < values.index(short.reveal())
    assert redact_text("x abcdefg-and-more y") == f"x {MASK} y"


def test_reprs_never_show_the_value() -> None:
    secret = Secret("tok-never-shown")
    assert "tok-never-shown" not in repr(secret)
    assert "tok-never-shown" not in str(secret)


def test_copies_and_unpickled_secrets_are_known_too() -> None:
    original = Secret("tok-travelling-value")
    copies = [copy.copy(original), copy.deepcopy(original), pickle.loads(pickle.dumps(original))]
    del original
    gc.collect()
    assert all(c.reveal() == "tok-travelling-value" for c in copies)
    assert "tok-travelling-value" in known_secret_values()


@pytest.mark.parametrize("value", [12345, None, b"sk-bytes-value"])
def test_a_secret_holds_only_text(value: object) -> None:
    """A non-string registered as a secret broke the redaction of every later log line (and so
    the orchestra that logged it); it is refused up front."""
    before = known_secret_values()
    with pytest.raises(TypeError, match="holds a str"):
        Secret(value)  # type: ignore[arg-type]
    assert known_secret_values() == before
