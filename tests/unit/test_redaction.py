"""Redaction where text is cut or formatted: the secret must be masked before either."""

from __future__ import annotations

import logging
from collections.abc import Mapping

import pytest
import trio

from orchestra._log import MASK, STDERR_TAIL_BYTES, get_logger, redact_stderr_tail, redact_text
from orchestra._secret import Secret
from orchestra.cloud import CloudClient, CloudProtocolError
from orchestra.cloud._transport import TransportResponse

KEY = Secret("azure-LEAKCANARY-9f8e7d6c5b4a")  # not key-shaped: only the registry knows it


def test_a_secret_straddling_the_kept_tail_is_masked_not_cut() -> None:
    line = f"error: rejected {KEY.reveal()}\n".encode()
    raw = b"x" * 100 + b"\n" + line
    keep = len(line) - 10  # the cut falls inside the key
    tail = redact_stderr_tail(raw, keep=keep)
    assert "LEAKCANARY" not in tail and "9f8e7d6c5b4a" not in tail
    assert tail.endswith("\n") and (MASK in tail or MASK[-2:] in tail)


def test_a_full_buffer_drops_its_first_line_which_lost_its_start() -> None:
    # The ring buffer kept only the end of a line that held the key: "...CANARY-9f8e7d6c5b4a".
    fragment = KEY.reveal()[6:].encode()
    head, end = fragment + b" was the key\n", b"\nlast line\n"
    raw = head + b"y" * (STDERR_TAIL_BYTES - len(head) - len(end)) + end
    assert len(raw) == STDERR_TAIL_BYTES
    tail = redact_stderr_tail(raw, keep=None)
    assert fragment.decode() not in tail
    assert tail.endswith("last line\n")


def test_a_short_tail_is_kept_whole() -> None:
    assert redact_stderr_tail(b"one\ntwo\n", keep=None) == "one\ntwo\n"


def test_tracebacks_in_log_lines_are_redacted(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG, logger="orchestra.test")
    log = get_logger("orchestra.test")
    try:
        raise RuntimeError(f"policy service rejected {KEY.reveal()}")
    except RuntimeError:
        log.exception("observer failed")
    assert "observer failed" in caplog.text and "RuntimeError" in caplog.text
    assert KEY.reveal() not in caplog.text


async def test_a_non_json_cloud_answer_is_masked_before_it_is_shortened() -> None:
    class Html:
        async def request(
            self, method: str, url: str, headers: Mapping[str, str], body: bytes | None, timeout: float
        ) -> TransportResponse:
            await trio.lowlevel.checkpoint()
            page = "<html>" + "z" * 183 + f" {KEY.reveal()} </html>"  # the key straddles char 200
            return TransportResponse(200, {"content-type": "text/html"}, page.encode())

    client = CloudClient("http://example.invalid/backend-api", None, transport=Html())
    with pytest.raises(CloudProtocolError, match="not JSON") as info:
        await client.get_usage()
    assert "azure-LEAK" not in str(info.value)


@pytest.mark.parametrize(
    "prose",
    [
        "Compare the task-scheduler with disk-usage tools",
        "Why are Bearer tokens risky in risk-based auth?",
        "Use Bearer authentication.",
        "a kiosk-terminal-setup guide",
    ],
)
def test_ordinary_words_are_not_taken_for_keys(prose: str) -> None:
    """'task-scheduler' held 'sk-scheduler', and 'Bearer tokens' a bearer token: results files
    and recordings showed users' words masked."""
    assert redact_text(prose, []) == prose


def test_keys_and_tokens_are_still_masked_where_words_start() -> None:
    assert redact_text("key sk-abcdefghijkl0123 and (sk-live-0123456789abcdef)", []) == "key *** and (***)"
    assert redact_text("Authorization: Bearer eyJhbGciOi.x1y2z3", []) == "Authorization: ***"
