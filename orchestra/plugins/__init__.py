"""Plugins: rewrite or veto submissions, observe every event, see errors. Built-ins included."""

from ._base import EventContext, Plugin, PluginFailed, Submission, SubmissionVetoed
from ._runner import PluginSet, submission_params
from .audit import AuditLogPlugin
from .budget import TokenBudgetPlugin

__all__ = [
    "AuditLogPlugin",
    "EventContext",
    "Plugin",
    "PluginFailed",
    "PluginSet",
    "Submission",
    "SubmissionVetoed",
    "TokenBudgetPlugin",
    "submission_params",
]
