"""What can go wrong with a recording or a rollout, and the warning for a cut-off last line."""

from __future__ import annotations

from .._errors import OrchestraError


class SessionError(OrchestraError):
    """Base class of the errors of :mod:`orchestra.session`."""


class CorruptRecordingError(SessionError):
    """A line of a recording (or rollout) is not valid JSON, or is longer than the limit.

    ``line`` is 1-based (blank lines count), ``column`` 1-based within the line (0 if unknown),
    ``offset`` the byte offset of the line's start. Records before it were read fine.
    """

    def __init__(self, path: str, *, line: int, column: int, offset: int, reason: str) -> None:
        where = f"line {line}" + (f", column {column}" if column else "")
        super().__init__(f"{path}: {where}: {reason}")
        self.path = path
        self.line = line
        self.column = column
        self.offset = offset
        self.reason = reason


class RecordingFormatError(SessionError):
    """Valid JSON, but not a recording this version understands: no header, an unsupported
    ``format_version``, or a record of the wrong shape. ``record`` is the 1-based index of the
    offending record among the file's non-blank lines, when there is one."""

    def __init__(self, path: str, message: str, *, record: int | None = None) -> None:
        super().__init__(f"{path}: {f'record {record}: ' if record else ''}{message}")
        self.path = path
        self.record = record


class ResumeError(SessionError):
    """A conversation cannot be resumed from this source (see the message for why)."""


class TruncatedRecordingWarning(UserWarning):
    """The last line of a recording (or rollout) was cut off, as by a crash mid-write.

    Everything up to the last whole line was read; the cut line (``line``, ``length`` bytes at
    ``offset``) was dropped.
    """

    def __init__(self, path: str, *, line: int, offset: int, length: int, reason: str) -> None:
        super().__init__(f"{path}: line {line} is cut off ({length} bytes, {reason}); it was dropped")
        self.path = path
        self.line = line
        self.offset = offset
        self.length = length
        self.reason = reason
