"""Actors: a task with a mailbox. ConversationActor runs one Codex thread."""

from .approvals import (
    APPROVAL_METHODS,
    ApprovalKind,
    ApprovalPolicy,
    ApprovalRequest,
    Decision,
    accept_all,
    accept_commands_matching,
    decline_all,
)
from .conversation import ConversationActor, ResumePolicy
from .handle import Conversation, open_conversation
from .turn import Turn, TurnResult, TurnStatus

__all__ = [
    "APPROVAL_METHODS",
    "ApprovalKind",
    "ApprovalPolicy",
    "ApprovalRequest",
    "Conversation",
    "ConversationActor",
    "Decision",
    "ResumePolicy",
    "Turn",
    "TurnResult",
    "TurnStatus",
    "accept_all",
    "accept_commands_matching",
    "decline_all",
    "open_conversation",
]
