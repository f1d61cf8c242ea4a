"""Open whichever session file this is: a recording (JSONL or exported document) or a rollout."""

from __future__ import annotations

import os

from ._errors import CorruptRecordingError
from ._jsonl import read_jsonl
from ._recording import Recording, load_recording, recording_from_records
from ._rollout import Rollout, is_rollout_record, rollout_from_records

PathLike = str | os.PathLike[str]


def load_session_file(path: PathLike) -> Recording | Rollout:
    """A recording or a rollout, told apart by the first line (native reader; a cut-off last line
    warns, a corrupt line raises :class:`CorruptRecordingError`, anything else
    :class:`RecordingFormatError`)."""
    name = os.fspath(path)
    try:
        records, truncated = read_jsonl(name)
    except CorruptRecordingError as exc:
        if exc.line != 1:
            raise
        return load_recording(name)  # perhaps an exported, pretty-printed recording
    if truncated is not None:
        truncated.warn(name)
    if records and is_rollout_record(records[0]):
        return rollout_from_records(name, records, truncated)
    return recording_from_records(name, records, truncated)
