"""The JSONL history: round trips, crash safety, incremental reads."""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from orchestra.ratelimits import (
    Credits,
    HistoryFile,
    HistoryReadError,
    RateLimitSnapshot,
    RateLimitWindow,
    SnapshotKind,
    default_history_path,
    load_book,
)
from orchestra.ratelimits._history import snapshot_from_line, snapshot_to_line
from orchestra.ratelimits._model import MAX_WINDOW_MINUTES

from .conftest import at


def snap(minute: float, used: float = 10.0, **kwargs: object) -> RateLimitSnapshot:
    return RateLimitSnapshot(
        limit_id="codex",
        observed_at=at(minute),
        primary=RateLimitWindow(used, 300, at(300)),
        **kwargs,  # type: ignore[arg-type]
    )


def test_round_trip_of_a_full_snapshot(tmp_path: Path) -> None:
    full = RateLimitSnapshot(
        limit_id="codex_other",
        observed_at=at(1.5),
        primary=RateLimitWindow(42.5, 300, at(300)),
        secondary=RateLimitWindow(7.0, None, None),
        credits=Credits(True, False, "12.50"),
        limit_name="Other",
        plan_type="pro",
        rate_limit_reached_type="rate_limit_reached",
        kind=SnapshotKind.READ,
        source="rt-3",
    )
    history = HistoryFile(tmp_path / "deep" / "er" / "limits.jsonl")
    history.append(full)
    history.append_many([snap(2), snap(3)])
    history.append_many([])
    assert history.read() == [full, snap(2), snap(3)]
    line = snapshot_to_line(full)
    assert line.endswith("\n") and line.count("\n") == 1
    assert '"v":1' in line


percents = st.floats(-1000, 1000, allow_nan=False, allow_infinity=False)


@given(used=percents, minutes=st.floats(0, 1e6), window=st.none() | st.integers(1, MAX_WINDOW_MINUTES))
def test_round_trip_property(used: float, minutes: float, window: int | None) -> None:
    original = RateLimitSnapshot(
        limit_id="codex", observed_at=at(minutes), primary=RateLimitWindow(used, window, at(minutes + 5))
    )
    assert snapshot_from_line(snapshot_to_line(original)) == original


def test_a_half_written_last_line_is_skipped_with_a_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "limits.jsonl"
    history = HistoryFile(path, fsync=False)
    history.append_many([snap(1), snap(2)])
    with path.open("ab") as f:  # a crash in the middle of a write
        f.write(snapshot_to_line(snap(3)).encode()[:40])
    with caplog.at_level(logging.WARNING, logger="orchestra.ratelimits.history"):
        assert HistoryFile(path).read() == [snap(1), snap(2)]
    assert "half-written" in caplog.text
    # The next append isolates the fragment on its own line; later reads skip it and go on.
    history.append(snap(4))
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="orchestra.ratelimits.history"):
        assert HistoryFile(path).read() == [snap(1), snap(2), snap(4)]
    assert "broken rate-limit history line" in caplog.text


def test_garbage_lines_are_skipped(tmp_path: Path) -> None:
    path = tmp_path / "limits.jsonl"
    HistoryFile(path).append(snap(1))
    with path.open("a") as f:
        f.write("not json\n[1, 2]\n{}\n" + '{"v": 99}\n' + "\n")
    HistoryFile(path).append(snap(2))
    assert HistoryFile(path).read() == [snap(1), snap(2)]


def test_a_complete_last_line_without_newline_is_read(tmp_path: Path) -> None:
    path = tmp_path / "limits.jsonl"
    path.write_text(snapshot_to_line(snap(1)).rstrip("\n"))
    assert HistoryFile(path).read() == [snap(1)]


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(HistoryReadError):
        HistoryFile(tmp_path / "nope.jsonl").read()
    assert HistoryFile(tmp_path / "nope.jsonl").read_new() == []


def test_incremental_reads(tmp_path: Path) -> None:
    path = tmp_path / "limits.jsonl"
    writer, reader = HistoryFile(path, fsync=False), HistoryFile(path)
    writer.append(snap(1))
    assert reader.read_new() == [snap(1)]
    assert reader.read_new() == []
    with path.open("ab") as f:
        whole = snapshot_to_line(snap(2)).encode()
        f.write(whole[:30])  # being written: not consumed yet
    assert reader.read_new() == []
    with path.open("ab") as f:
        f.write(whole[30:])
    assert reader.read_new() == [snap(2)]
    path.write_text(snapshot_to_line(snap(9)))  # replaced by a shorter file: start again
    assert reader.read_new() == [snap(9)]


def test_load_book_and_file_mode(tmp_path: Path) -> None:
    path = tmp_path / "limits.jsonl"
    HistoryFile(path).append_many([snap(1, 10), snap(30, 20), snap(60, 30)])
    book = load_book(path)
    assert [s.used_percent for s in book.history("codex", "primary")] == [10, 20, 30]
    assert os.stat(path).st_mode & 0o777 == 0o644 & ~_umask()


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def test_default_path_follows_xdg(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path))
    assert default_history_path() == tmp_path / "orchestra" / "ratelimits.jsonl"
    monkeypatch.delenv("XDG_STATE_HOME")
    assert default_history_path() == Path.home() / ".local" / "state" / "orchestra" / "ratelimits.jsonl"


@given(st.lists(st.binary(max_size=80).filter(lambda b: b"\n" not in b), max_size=6))
def test_no_garbage_line_stops_a_read(garbage: list[bytes]) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as scratch:
        path = Path(scratch) / "limits.jsonl"
        good = snapshot_to_line(snap(1)).encode()
        path.write_bytes(good + b"".join(line + b"\n" for line in garbage) + good)
        snapshots = HistoryFile(path).read()
        assert snapshots[0] == snap(1) and snapshots[-1] == snap(1)


GOOD_LINE = {
    "v": 1,
    "limit_id": "codex",
    "observed_at": "2026-11-24T06:00:00+00:00",
    "primary": {"used_percent": 10.0, "window_minutes": 300, "resets_at": "2026-11-24T09:00:00+00:00"},
    "credits": {"has_credits": True, "unlimited": False, "balance": "1.00"},
    "kind": "update",
}


@pytest.mark.parametrize(
    ("path", "value"),
    [
        (("primary", "window_minutes"), 10**13),  # overflowed projections
        (("primary", "window_minutes"), -5),  # a window that ends before it starts
        (("primary", "window_minutes"), "300"),
        (("primary", "used_percent"), True),  # shown as 1 %
        (("primary", "used_percent"), "50"),
        (("primary", "resets_at"), "0001-01-01T00:00:00+00:00"),  # overflowed projections
        (("observed_at",), "9999-12-31T00:00:00+00:00"),
        (("limit_id",), "codex\x1b[2J"),  # an escape sequence for the terminal
        (("credits", "unlimited"), 0),
    ],
    ids=lambda value: repr(value)[:30],
)
def test_a_history_line_with_odd_values_is_skipped_not_drawn(
    tmp_path: Path, path: tuple[str, ...], value: object
) -> None:
    odd = json.loads(json.dumps(GOOD_LINE))
    target = odd
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    history = tmp_path / "limits.jsonl"
    history.write_text(json.dumps(GOOD_LINE) + "\n" + json.dumps(odd) + "\n")
    snapshots = HistoryFile(history).read()
    assert len(snapshots) == 1 and snapshots[0].limit_id == "codex"


def test_reading_new_lines_of_a_path_that_is_a_directory_is_a_typed_error(tmp_path: Path) -> None:
    with pytest.raises(HistoryReadError, match="cannot read"):
        HistoryFile(tmp_path).read_new()
