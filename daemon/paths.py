"""Where Rejoinder keeps its files, following the XDG base directory spec.

Read from the environment at call time (not import time) so tests and the
systemd unit can point the directories elsewhere.
"""

from __future__ import annotations

import os
from pathlib import Path

APP = "rejoinder"


def _xdg(variable: str, fallback: str) -> Path:
    value = os.environ.get(variable, "")
    # The spec says relative paths are invalid and must be ignored.
    base = Path(value) if value and os.path.isabs(value) else Path.home() / fallback
    return base / APP


def config_dir() -> Path:
    return _xdg("XDG_CONFIG_HOME", ".config")


def state_dir() -> Path:
    return _xdg("XDG_STATE_HOME", ".local/state")


def data_dir() -> Path:
    return _xdg("XDG_DATA_HOME", ".local/share")


def config_file() -> Path:
    override = os.environ.get("REJOINDER_CONFIG")
    return Path(override) if override else config_dir() / "config.toml"


def journal_file() -> Path:
    return state_dir() / "journal.sqlite3"


def user_templates_dir() -> Path:
    return config_dir() / "templates"


def default_drafts_dir() -> Path:
    return data_dir() / "drafts"


def ensure_private_dir(path: Path) -> Path:
    """Create ``path`` (and parents) readable only by the user: it holds mail-derived data."""
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    return path
