"""Fan-out: many prompts, bounded concurrency, results as they complete."""

from ._map import map_prompts, run_prompt
from ._types import Prompt, PromptResult, ResultStatus

__all__ = ["Prompt", "PromptResult", "ResultStatus", "map_prompts", "run_prompt"]
