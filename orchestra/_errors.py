"""The exception hierarchy: every error orchestra raises on purpose is an OrchestraError."""

from __future__ import annotations


class OrchestraError(Exception):
    """Base class of every error orchestra raises on purpose."""


class RuntimeNotFoundError(OrchestraError):
    """No usable ``codex`` binary was found; the message lists what was tried, in order."""


class UnsupportedRuntimeVersionError(OrchestraError):
    """A ``codex`` binary was found but its version is not one orchestra supports."""


class RuntimeStartError(OrchestraError):
    """The runtime process could not be started or did not complete the handshake."""


class RuntimeExitedError(OrchestraError):
    """The runtime process exited while something still needed it.

    ``exit_code``/``exit_signal`` say how it ended; ``stderr_tail`` holds its last words.
    """

    def __init__(
        self, message: str, *, exit_code: int | None, exit_signal: int | None, stderr_tail: str = ""
    ) -> None:
        super().__init__(message)
        self.exit_code = exit_code
        self.exit_signal = exit_signal
        self.stderr_tail = stderr_tail


class RpcError(OrchestraError):
    """The runtime answered a request with a JSON-RPC error."""

    def __init__(self, method: str, code: int, message: str, data: object = None) -> None:
        super().__init__(f"{method} failed: {message} (code {code})")
        self.method = method
        self.code = code
        self.rpc_message = message
        self.data = data

    @property
    def is_overload(self) -> bool:
        """``-32001``: the runtime is overloaded; retry later with backoff."""
        return self.code == -32001


class ProtocolError(OrchestraError):
    """The runtime's answer did not have the shape its protocol promises (a ``thread/start``
    answer without a thread id, say). The request it answered is failed; nothing else is."""

    def __init__(self, method: str, problem: str) -> None:
        super().__init__(f"{method}: unexpected answer from the runtime: {problem}")
        self.method = method


class TurnFailedError(OrchestraError):
    """A turn ended with status ``failed``; ``error`` is the runtime's typed TurnError, if any."""

    def __init__(self, message: str, *, error: object = None) -> None:
        super().__init__(message)
        self.error = error


class ConversationClosedError(OrchestraError):
    """The conversation was closed, or its runtime is gone, so it cannot take this call."""


class ThreadAlreadyOpenError(OrchestraError):
    """The thread is already open in a conversation of this orchestra: one thread has one
    conversation at a time (the runtime would send its events to only one of them)."""

    def __init__(self, thread_id: str) -> None:
        super().__init__(f"thread {thread_id} is already open in a conversation of this orchestra")
        self.thread_id = thread_id


class CodexHomeInUseError(OrchestraError):
    """Another process runs an orchestra on this CODEX_HOME (see ``orchestra.runtime._lock``)."""

    def __init__(self, home: object) -> None:
        super().__init__(f"CODEX_HOME {home} is in use by another orchestra process; use another --home")
        self.home = home
