"""Shared CLI setup: a CODEX_HOME for the chosen provider, and the built-in scripted model."""

from __future__ import annotations

import argparse
import contextlib
import os
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs

from .._errors import OrchestraError
from ..fanout import CONCURRENCY_PER_RUNTIME, default_concurrency
from ..pool import DEFAULT_RUNTIMES
from ..runtime import CodexHome, ModelProvider, build_codex_home
from ..runtime._lock import home_lock
from ._args import int_range


@attrs.frozen
class Setup:
    home: CodexHome
    scratch: Path  # a directory for working directories and such, removed afterwards unless kept


def add_pool_options(parser: argparse.ArgumentParser) -> None:
    """``--concurrency`` and ``--runtimes``, read back with :func:`concurrency_of`."""
    parser.add_argument(
        "-c",
        "--concurrency",
        type=int_range(1),
        default=None,
        help=f"prompts in flight at once (default {CONCURRENCY_PER_RUNTIME} per runtime)",
    )
    parser.add_argument(
        "--runtimes", type=int_range(1), default=DEFAULT_RUNTIMES, help="runtime processes in the pool"
    )


def concurrency_of(args: argparse.Namespace) -> int:
    """The prompts in flight: ``--concurrency``, or the default for ``--runtimes`` runtimes."""
    return int(args.concurrency) if args.concurrency is not None else default_concurrency(int(args.runtimes))


def add_provider_options(parser: argparse.ArgumentParser, *, default_provider: str) -> None:
    parser.add_argument(
        "--provider",
        choices=["scripted", "openai"],
        default=default_provider,
        help=f"scripted: built-in offline model on 127.0.0.1; openai: the real one ({default_provider})",
    )
    parser.add_argument("--model", default=None, help="model slug (default: scripted-model / gpt-5.5)")
    parser.add_argument(
        "--home", type=Path, default=None, help="CODEX_HOME to write and use (default: temporary)"
    )
    parser.add_argument(
        "--latency-ms", type=int_range(0), default=150, help="scripted model: delay before the first byte"
    )


def _scripted_answer(model: Any, reply: Any) -> Any:
    """Echo-style answers that also report rate-limit usage rising with every request, as the
    real backend does in its ``x-codex-*`` headers (so ``orch.limits`` has something to show).

    The windows look like an account in ordinary use: the 5-hour window began two hours ago and
    the weekly one a day ago, each with the usage that implies. A window that "began" when the demo
    did would make any usage at all a burn rate of thousands of percent an hour, and the demo's
    closing screen would project exhaustion within minutes."""
    from ..testing.rate_limits import RateLimitWindow, rate_limit_headers

    now = int(time.time())
    primary_reset = now + 3 * 3600  # of a 5-hour window: begun 2 h ago
    secondary_reset = now + 6 * 86400  # of a 7-day window: begun 1 day ago

    def answer(request: Any) -> Any:
        count = len(model.requests)
        headers = rate_limit_headers(
            primary=RateLimitWindow(min(90.0, 20.0 + count * 0.05), 300, primary_reset),
            secondary=RateLimitWindow(min(60.0, 10.0 + count * 0.01), 10080, secondary_reset),
        )
        text = request.last_user_text
        return reply.text(f"Scripted answer #{count} to: {text[:80]}", chunks=4).with_headers(headers)

    return answer


@contextlib.contextmanager
def provider_setup(args: argparse.Namespace) -> Iterator[Setup]:
    """Build the CODEX_HOME for ``args.provider`` (starting the scripted model if asked)."""
    with tempfile.TemporaryDirectory(prefix="orchestra-") as scratch_dir, contextlib.ExitStack() as held:
        scratch = Path(scratch_dir)
        home_dir = args.home or scratch / "codex-home"
        held.enter_context(home_lock(home_dir))  # before the home is (re)written
        if args.provider == "openai":
            key = os.environ.get("OPENAI_API_KEY")
            if not key:
                raise OrchestraError("--provider openai needs OPENAI_API_KEY in the environment")
            home = build_codex_home(
                home_dir, provider=ModelProvider.openai(), model=args.model or "gpt-5.5", api_key=key
            )
            yield Setup(home=home, scratch=scratch)
            return
        from ..testing import ScriptedModel, reply

        with ScriptedModel() as model:
            model.latency = args.latency_ms / 1000
            model.default = _scripted_answer(model, reply)
            provider = ModelProvider.scripted(model.base_url)
            home = build_codex_home(home_dir, provider=provider, model=args.model or "scripted-model")
            yield Setup(home=home, scratch=scratch)
