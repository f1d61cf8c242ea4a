"""codex-orchestra: supervised trio actors over the real Codex runtime."""
