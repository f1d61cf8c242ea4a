"""codex-orchestra: many Codex conversations at once, as supervised trio actors.

The public API, re-exported from the private modules that implement it.
"""

from ._errors import (
    CodexHomeInUseError,
    ConversationClosedError,
    OrchestraError,
    ProtocolError,
    RpcError,
    RuntimeExitedError,
    RuntimeNotFoundError,
    RuntimeStartError,
    ThreadAlreadyOpenError,
    TurnFailedError,
    UnsupportedRuntimeVersionError,
)
from ._orchestra import Orchestra, open_orchestra
from ._secret import Secret
from .actors import (
    ApprovalPolicy,
    ApprovalRequest,
    Conversation,
    Decision,
    ResumePolicy,
    Turn,
    TurnResult,
    accept_all,
    accept_commands_matching,
    decline_all,
)
from .events import ApprovalDecided, MalformedMessage, RuntimeLost, ServerRequest, ServerRequestRefused
from .runtime import CodexBinary, CodexHome, ModelProvider, build_codex_home, locate_codex

__all__ = [
    "ApprovalDecided",
    "ApprovalPolicy",
    "ApprovalRequest",
    "CodexBinary",
    "CodexHome",
    "Conversation",
    "CodexHomeInUseError",
    "ConversationClosedError",
    "Decision",
    "MalformedMessage",
    "ModelProvider",
    "Orchestra",
    "OrchestraError",
    "ProtocolError",
    "ResumePolicy",
    "RpcError",
    "RuntimeExitedError",
    "RuntimeLost",
    "RuntimeNotFoundError",
    "RuntimeStartError",
    "Secret",
    "ServerRequest",
    "ServerRequestRefused",
    "Turn",
    "ThreadAlreadyOpenError",
    "TurnFailedError",
    "TurnResult",
    "UnsupportedRuntimeVersionError",
    "accept_all",
    "accept_commands_matching",
    "build_codex_home",
    "decline_all",
    "locate_codex",
    "open_orchestra",
]
