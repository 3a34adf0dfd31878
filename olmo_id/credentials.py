"""Secrets (HF_TOKEN, WANDB_API_KEY) from the environment or Colab Secrets; never printed, never saved."""

from __future__ import annotations

import os


def get(name: str) -> str | None:
    """The secret `name` from the environment, else from Colab Secrets (when running on Colab), else None."""
    value = os.environ.get(name)
    if value:
        return value
    try:
        from google.colab import userdata
    except ImportError:
        return None
    try:
        return userdata.get(name) or None
    except Exception:  # noqa: BLE001 - Colab raises its own types when a secret is absent or not shared
        return None


def wandb_enabled() -> bool:
    """Report to wandb only with a key (environment or Colab Secrets) or an explicit WANDB_MODE; never prompt."""
    mode = os.environ.get("WANDB_MODE", "").strip().lower()
    if mode == "disabled" or os.environ.get("WANDB_DISABLED", "").lower() in ("1", "true"):
        return False
    if mode:
        return True
    key = get("WANDB_API_KEY")
    if key:
        os.environ["WANDB_API_KEY"] = key  # wandb reads it from here; the value is never shown
    return bool(key)
