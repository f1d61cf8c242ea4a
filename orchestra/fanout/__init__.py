"""Fan-out: many prompts, bounded concurrency, results as they complete."""

from ._map import DEFAULT_PROMPT_RETRY, map_prompts, run_prompt
from ._types import Prompt, PromptResult, ResultStatus

__all__ = ["DEFAULT_PROMPT_RETRY", "Prompt", "PromptResult", "ResultStatus", "map_prompts", "run_prompt"]
