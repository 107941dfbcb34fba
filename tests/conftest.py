"""Shared fixtures. Every test runs with XDG directories pointed at a temp dir,
so nothing touches the real user's config, state or data."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from rejoinder.classifier.classify import Classifier

FIXTURES = Path(__file__).parent / "fixtures"
SHARED = Path(__file__).resolve().parents[1].parent / "shared"


@pytest.fixture(autouse=True)
def isolated_xdg(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "home"
    for name, sub in (
        ("XDG_CONFIG_HOME", "config"),
        ("XDG_STATE_HOME", "state"),
        ("XDG_DATA_HOME", "data"),
        ("XDG_CACHE_HOME", "cache"),
    ):
        path = home / sub
        path.mkdir(parents=True)
        monkeypatch.setenv(name, str(path))
    monkeypatch.delenv("REJOINDER_CONFIG", raising=False)
    return home


@pytest.fixture(scope="session")
def classifier() -> Classifier:
    """The model the daemon tests share (see test_daemon_mail.shared_classifier)."""
    from test_daemon_mail import shared_classifier

    return shared_classifier()


@pytest.fixture
def fast_model(monkeypatch: pytest.MonkeyPatch, classifier: Classifier) -> None:
    """CLI commands reuse the already loaded model instead of loading it per command."""
    from rejoinder.daemon import watcher

    monkeypatch.setattr(watcher, "load_classifier_for", lambda config: classifier)


# A real Dovecot for the IMAP tests (tests/dovecot.py).
from dovecot import dovecot_server, imap_mailbox_factory, imap_user  # noqa: E402, F401
