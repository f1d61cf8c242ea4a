"""Sessions: record every event of a conversation, replay it, resume a conversation from a
recording or from the runtime's own rollout file.

- :class:`Recorder` is an event observer: ``orch.conversation(..., observers=[recorder])``
  appends every event (crash-safe, secrets redacted) to a JSONL file; :func:`export_json` turns a
  recording into one JSON document.
- :func:`replay` yields the recorded typed events again (optionally at the recorded pace);
  :class:`ReplayedConversation` gives turns with the interface of a live turn (:class:`TurnLike`),
  so agent logic can be tested offline.
- :func:`resume_conversation` starts a conversation with the history of a recording or a rollout
  restored (see :mod:`orchestra.session._resume` for where the state comes from).
- Files are read by the native JSONL reader: a cut-off last line warns
  (:class:`TruncatedRecordingWarning`), a corrupt line raises :class:`CorruptRecordingError`.
"""

from ._errors import (
    CorruptRecordingError,
    RecordingFormatError,
    ResumeError,
    SessionError,
    TruncatedRecordingWarning,
)
from ._files import load_session_file
from ._format import (
    FORMAT,
    FORMAT_VERSION,
    ConversationInfo,
    EventRecord,
    SessionHeader,
    decode_event,
    encode_event,
)
from ._history import History, history_from_records
from ._jsonl import JsonlStream, Truncation, open_jsonl, read_jsonl
from ._recorder import Recorder, record_conversation
from ._recording import RecordedInput, Recording, export_json, load_recording
from ._replay import Replay, ReplayedConversation, ReplayedTurn, TurnLike, replay, turn_result
from ._resume import ResumePlan, import_rollout, plan_resume, resume_conversation
from ._rollout import Rollout, find_rollout, load_rollout
from ._transcript import Transcript, TranscriptEntry, transcript

__all__ = [
    "FORMAT",
    "FORMAT_VERSION",
    "ConversationInfo",
    "CorruptRecordingError",
    "EventRecord",
    "History",
    "JsonlStream",
    "RecordedInput",
    "Recorder",
    "Recording",
    "RecordingFormatError",
    "Replay",
    "ReplayedConversation",
    "ReplayedTurn",
    "ResumeError",
    "ResumePlan",
    "Rollout",
    "SessionError",
    "SessionHeader",
    "Transcript",
    "TranscriptEntry",
    "TruncatedRecordingWarning",
    "Truncation",
    "TurnLike",
    "decode_event",
    "encode_event",
    "export_json",
    "find_rollout",
    "history_from_records",
    "import_rollout",
    "load_recording",
    "load_rollout",
    "load_session_file",
    "open_jsonl",
    "plan_resume",
    "read_jsonl",
    "record_conversation",
    "replay",
    "resume_conversation",
    "transcript",
    "turn_result",
]
