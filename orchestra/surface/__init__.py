"""The conversation surface: accounts and login, steering, overrides, structured output, review,
compaction, models, thread management and image inputs — typed, beside the actors.

Each function takes an :class:`~orchestra.Orchestra`, a :class:`~orchestra.Conversation` or a
:class:`~orchestra.Turn`; the same operations are methods of those classes.
"""

from . import inputs, review
from ._errors import (
    ImageInputError,
    LoginFailedError,
    ModelUnavailableError,
    SideTurnError,
    StructuredOutputError,
    ThreadNotFoundError,
    TurnAlreadyEndedError,
    TurnNotSteerableError,
)
from ._side_turn import SideTurn
from .accounts import (
    ISSUER_ENV,
    AccountInfo,
    LoginFlow,
    login_api_key,
    logout,
    read_account,
    start_chatgpt_login,
    start_device_code_login,
)
from .compact import CompactionResult, compact, start_compaction
from .inputs import image_bytes, image_file_inline, image_url, local_image, text
from .models import ModelCheck, check_model, list_models
from .review import ReviewFinding, ReviewOutput, ReviewResult, start_review
from .settings import TurnOverrides, configure, sandbox_policy
from .steering import steer, steer_active
from .structured import StructuredResult, parse, run_structured, turn_output, validate
from .threads import (
    all_threads,
    archive_thread,
    fork,
    list_threads,
    name_conversation,
    read_conversation,
    read_thread,
    rollout_exists,
    set_thread_name,
    unarchive_thread,
)

__all__ = [
    "ISSUER_ENV",
    "AccountInfo",
    "CompactionResult",
    "ImageInputError",
    "LoginFailedError",
    "LoginFlow",
    "ModelCheck",
    "ModelUnavailableError",
    "ReviewFinding",
    "ReviewOutput",
    "ReviewResult",
    "SideTurn",
    "SideTurnError",
    "StructuredOutputError",
    "StructuredResult",
    "ThreadNotFoundError",
    "TurnAlreadyEndedError",
    "TurnNotSteerableError",
    "TurnOverrides",
    "all_threads",
    "archive_thread",
    "check_model",
    "compact",
    "configure",
    "fork",
    "image_bytes",
    "image_file_inline",
    "image_url",
    "inputs",
    "list_models",
    "list_threads",
    "local_image",
    "login_api_key",
    "logout",
    "name_conversation",
    "parse",
    "read_account",
    "read_conversation",
    "read_thread",
    "review",
    "rollout_exists",
    "run_structured",
    "sandbox_policy",
    "set_thread_name",
    "start_chatgpt_login",
    "start_compaction",
    "start_device_code_login",
    "start_review",
    "steer",
    "steer_active",
    "text",
    "turn_output",
    "unarchive_thread",
    "validate",
]
