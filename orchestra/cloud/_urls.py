"""Where the cloud tasks API lives: base URL resolution and endpoint URLs, as the Codex CLI does it.

Resolution order (``codex-rs/cloud-tasks``): an explicit base URL, else the environment variable
``CODEX_CLOUD_TASKS_BASE_URL``, else ``chatgpt_base_url`` from ``$CODEX_HOME/config.toml``, else
``https://chatgpt.com/backend-api``. Then normalised (``backend-client`` ``Client::new``): trailing
``/`` removed, and ``/backend-api`` appended to a ``https://chatgpt.com`` or
``https://chat.openai.com`` base that lacks it. A base containing ``/backend-api`` uses the
ChatGPT path style (``/wham/...``); any other base uses ``/api/codex/...``.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from pathlib import Path
from urllib.parse import quote, urlencode, urlsplit

import attrs

from ._errors import CloudConfigError
from ._types import PathStyle

DEFAULT_BASE_URL = "https://chatgpt.com/backend-api"
BASE_URL_ENV = "CODEX_CLOUD_TASKS_BASE_URL"
CODEX_HOME_ENV = "CODEX_HOME"
_CHATGPT_HOSTS = ("https://chatgpt.com", "https://chat.openai.com")


def default_codex_home(env: Mapping[str, str] | None = None) -> Path:
    """``$CODEX_HOME``, else ``~/.codex`` (as the Codex CLI)."""
    env = os.environ if env is None else env
    value = env.get(CODEX_HOME_ENV)
    return Path(value).expanduser() if value else Path.home() / ".codex"


def normalize_base_url(url: str) -> str:
    """Trim trailing ``/``; append ``/backend-api`` to a bare ChatGPT host."""
    base = url.strip().rstrip("/")
    if base.startswith(_CHATGPT_HOSTS) and "/backend-api" not in base:
        base = f"{base}/backend-api"
    return base


def path_style_for(base_url: str) -> PathStyle:
    """``wham`` when the base contains ``/backend-api``, else ``codex-api``."""
    return "wham" if "/backend-api" in base_url else "codex-api"


def config_base_url(codex_home: Path) -> str | None:
    """``chatgpt_base_url`` from ``codex_home/config.toml``, if the file sets it."""
    path = codex_home / "config.toml"
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise CloudConfigError(f"cannot read {path}: {exc}") from exc
    value = data.get("chatgpt_base_url")
    return value if isinstance(value, str) and value.strip() else None


def resolve_base_url(
    explicit: str | None = None,
    *,
    env: Mapping[str, str] | None = None,
    codex_home: Path | None = None,
) -> str:
    """The normalised base URL: explicit, env ``CODEX_CLOUD_TASKS_BASE_URL``, config, default."""
    env = os.environ if env is None else env
    chosen = explicit or env.get(BASE_URL_ENV) or None
    if chosen is None:
        chosen = config_base_url(codex_home if codex_home is not None else default_codex_home(env))
    base = normalize_base_url(chosen or DEFAULT_BASE_URL)
    parts = urlsplit(base)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise CloudConfigError(f"cloud tasks base URL must be http(s)://host[/path], got {base!r}")
    return base


def parse_task_id(raw: str) -> str:
    """A task id, or the id at the end of a task URL (query and fragment ignored), like the CLI."""
    text = raw.strip()
    text = text.split("#", 1)[0].split("?", 1)[0]
    task_id = text.rstrip("/").rsplit("/", 1)[-1].strip()
    if not task_id:
        raise ValueError("task id must not be empty")
    return task_id


def _segment(value: str) -> str:
    return quote(value, safe="")


@attrs.frozen
class Endpoints:
    """Every URL of the API for one base URL (``/wham`` or ``/api/codex`` style)."""

    base_url: str
    style: PathStyle = attrs.field()

    @style.default
    def _style_default(self) -> PathStyle:
        return path_style_for(self.base_url)

    @classmethod
    def for_base(cls, base_url: str) -> Endpoints:
        base = normalize_base_url(base_url)
        return cls(base, path_style_for(base))

    @property
    def root(self) -> str:
        return f"{self.base_url}/wham" if self.style == "wham" else f"{self.base_url}/api/codex"

    def tasks_list(
        self,
        *,
        limit: int | None = None,
        task_filter: str | None = "current",
        environment_id: str | None = None,
        cursor: str | None = None,
    ) -> str:
        query: list[tuple[str, str]] = []
        if limit is not None:
            query.append(("limit", str(limit)))
        if task_filter is not None:
            query.append(("task_filter", task_filter))
        if cursor is not None:
            query.append(("cursor", cursor))
        if environment_id is not None:
            query.append(("environment_id", environment_id))
        url = f"{self.root}/tasks/list"
        return f"{url}?{urlencode(query)}" if query else url

    def task(self, task_id: str) -> str:
        return f"{self.root}/tasks/{_segment(task_id)}"

    def sibling_turns(self, task_id: str, turn_id: str) -> str:
        return f"{self.root}/tasks/{_segment(task_id)}/turns/{_segment(turn_id)}/sibling_turns"

    def create_task(self) -> str:
        return f"{self.root}/tasks"

    def environments(self) -> str:
        return f"{self.root}/environments"

    def environments_by_repo(self, owner: str, repo: str, provider: str = "github") -> str:
        return f"{self.root}/environments/by-repo/{_segment(provider)}/{_segment(owner)}/{_segment(repo)}"

    def usage(self) -> str:
        return f"{self.root}/usage"

    def task_web_url(self, task_id: str) -> str:
        """The browser URL of a task (``util::task_url``)."""
        base = self.base_url
        for suffix in ("/backend-api", "/api/codex"):
            if base.endswith(suffix):
                return f"{base.removesuffix(suffix)}/codex/tasks/{task_id}"
        if base.endswith("/codex"):
            return f"{base}/tasks/{task_id}"
        return f"{base}/codex/tasks/{task_id}"
