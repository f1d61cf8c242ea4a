"""Fan-out: many prompts, bounded concurrency, results as they complete, resumable files."""

from ._files import PromptFileError, ResultsFile, read_prompts, result_to_json
from ._map import (
    CONCURRENCY_PER_RUNTIME,
    DEFAULT_PROMPT_RETRY,
    default_concurrency,
    map_prompts,
    run_prompt,
)
from ._types import Prompt, PromptLike, PromptResult, ResultStatus

__all__ = [
    "CONCURRENCY_PER_RUNTIME",
    "DEFAULT_PROMPT_RETRY",
    "Prompt",
    "PromptFileError",
    "PromptLike",
    "PromptResult",
    "ResultStatus",
    "ResultsFile",
    "default_concurrency",
    "map_prompts",
    "read_prompts",
    "result_to_json",
    "run_prompt",
]
