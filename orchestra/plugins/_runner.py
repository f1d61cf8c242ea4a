"""PluginSet: runs a list of plugins' hooks in order, isolating failures."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from .._log import get_logger
from ._base import EventContext, Plugin, PluginFailed, Submission, SubmissionVetoed

log = get_logger("orchestra.plugins")

Report = Callable[[PluginFailed], None]


class PluginSet:
    """The plugins of an orchestra. ``report`` receives a :class:`PluginFailed` per failure."""

    def __init__(self, plugins: Sequence[Plugin] = ()) -> None:
        self.plugins = list(plugins)
        self.failures = 0

    def __bool__(self) -> bool:
        return bool(self.plugins)

    def _failed(self, plugin: Plugin, hook: str, exc: BaseException, report: Report | None) -> None:
        self.failures += 1
        log.error("plugin hook failed; skipping it", plugin=plugin.name, hook=hook, error=repr(exc))
        if report is not None:
            report(PluginFailed(plugin=plugin.name, hook=hook, error=repr(exc)))

    async def before_submit(self, submission: Submission, report: Report | None = None) -> Submission:
        """Pass ``submission`` through every plugin; a veto propagates as SubmissionVetoed."""
        for plugin in self.plugins:
            try:
                rewritten = await plugin.before_submit(submission)
            except SubmissionVetoed as veto:
                raise veto if veto.plugin else SubmissionVetoed(veto.reason, plugin=plugin.name) from veto
            except Exception as exc:
                self._failed(plugin, "before_submit", exc, report)
                continue
            if rewritten is not None:
                if not isinstance(rewritten, Submission) or rewritten.thread_id != submission.thread_id:
                    self._failed(plugin, "before_submit", TypeError(f"bad rewrite {rewritten!r}"), report)
                    continue
                submission = rewritten
        return submission

    def after_event(self, context: EventContext, event: object, report: Report | None = None) -> None:
        for plugin in self.plugins:
            try:
                plugin.after_event(context, event)
            except Exception as exc:
                self._failed(plugin, "after_event", exc, report)

    def on_error(self, context: EventContext, error: object, report: Report | None = None) -> None:
        for plugin in self.plugins:
            try:
                plugin.on_error(context, error)
            except Exception as exc:
                self._failed(plugin, "on_error", exc, report)


def submission_params(submission: Submission) -> dict[str, object]:
    """The turn/start params for a (possibly rewritten) submission."""
    return {
        "threadId": submission.thread_id,
        "input": [dict(i) for i in submission.input],
        **submission.overrides,
    }


__all__ = ["PluginSet", "Report", "submission_params"]
