"""TokenBudgetPlugin: stop submitting once a batch has spent its token budget."""

from __future__ import annotations

from ..protocol import ThreadTokenUsageUpdatedNotification
from ._base import EventContext, Plugin, Submission, SubmissionVetoed


class TokenBudgetPlugin(Plugin):
    """Counts the tokens of every finished model call (``thread/tokenUsage/updated``'s ``last``)
    across all conversations, and vetoes new submissions once ``max_tokens`` is reached.

    Turns already running finish; nothing new starts. ``spent`` says how far it got.
    """

    def __init__(self, max_tokens: int) -> None:
        self.max_tokens = max_tokens
        self.spent = 0

    @property
    def exhausted(self) -> bool:
        return self.spent >= self.max_tokens

    async def before_submit(self, submission: Submission) -> None:
        if self.exhausted:
            raise SubmissionVetoed(
                f"token budget of {self.max_tokens} spent ({self.spent} used)", plugin=self.name
            )

    def after_event(self, context: EventContext, event: object) -> None:
        if isinstance(event, ThreadTokenUsageUpdatedNotification):
            self.spent += event.token_usage.last.total_tokens
