"""What a reload (SIGHUP) of ``rejoinder run`` takes up again, without a server."""

from __future__ import annotations

from pathlib import Path

import pytest

from rejoinder.daemon import service
from rejoinder.daemon.config import Config
from rejoinder.daemon.watcher import Daemon

CONFIG = """\
[accounts.work]
host = "127.0.0.1"
security = "plain"
port = 1143
username = "ada@example.com"
password_env = "REJOINDER_TEST_PASSWORD"
"""


def _old_daemon(tmp_path: Path) -> Daemon:
    return Daemon(
        config=Config(path=None),
        classifier="the model before",  # type: ignore[arg-type]
        journal_path=tmp_path / "journal.sqlite3",
    )


def test_a_reload_picks_up_a_model_trained_meanwhile(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = tmp_path / "config.toml"
    config.write_text(CONFIG)
    config.chmod(0o600)
    monkeypatch.setattr(service, "load_classifier_for", lambda config: "the personal model")
    new = service._reloaded(config, _old_daemon(tmp_path))
    assert new.classifier == "the personal model"
    assert [account.name for account in new.config.accounts] == ["work"]


def test_a_reload_with_a_broken_config_keeps_everything_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = tmp_path / "config.toml"
    config.write_text("[accounts.work]\nport = 'not a number'\n")
    config.chmod(0o600)
    monkeypatch.setattr(service, "load_classifier_for", lambda config: "must not be loaded")
    old = _old_daemon(tmp_path)
    new = service._reloaded(config, old)
    assert new.classifier == "the model before"
    assert new.config is old.config
