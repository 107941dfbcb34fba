from __future__ import annotations

import logging
from pathlib import Path

import pytest

from rejoinder.daemon.config import load_config, parse_config
from rejoinder.daemon.errors import ConfigError


def write(path: Path, text: str, mode: int = 0o600) -> Path:
    path.write_text(text, encoding="utf-8")
    path.chmod(mode)
    return path


GOOD = """
[drafts]
user_name = "Ada Lovelace"
tone = "brief"

[accounts.work]
host = "imap.example.com"
username = "ada@example.com"
password_env = "WORK_PASSWORD"
folders = ["INBOX", "Jobs"]
"""


def test_missing_file_gives_defaults(tmp_path: Path) -> None:
    config = load_config(tmp_path / "absent.toml")
    assert config.accounts == ()
    assert config.drafts.feedback_request == "same_draft"
    assert config.daemon.backfill_days == 14


def test_valid_file_loads_into_frozen_values(tmp_path: Path) -> None:
    config = load_config(write(tmp_path / "c.toml", GOOD))
    work = config.account("work")
    assert work is not None
    assert (work.host, work.port, work.security) == ("imap.example.com", 993, "tls")
    assert work.folders == ("INBOX", "Jobs")
    assert config.drafts.tone == "brief"
    with pytest.raises(AttributeError):
        work.host = "other"  # type: ignore[misc]


def test_every_problem_is_reported_at_once(tmp_path: Path) -> None:
    text = """
[drafts]
tone = "grumpy"
feedback_delay_days = -1

[classifier]
draft_threshold = "high"

[accounts.work]
port = 99999
security = "plain"
host = "imap.example.com"
"""
    with pytest.raises(ConfigError) as info:
        load_config(write(tmp_path / "c.toml", text))
    keys = {p.key for p in info.value.problems}
    assert {
        "drafts.tone",
        "drafts.feedback_delay_days",
        "classifier.draft_threshold",
        "accounts.work.port",
        "accounts.work.security",
        "accounts.work.username",
        "accounts.work.password_command",
    } <= keys
    message = str(info.value)
    assert "accounts.work.port" in message
    assert "65535" in message
    assert '"warm"' in message  # the fix names the allowed values


def test_unknown_keys_are_warned_about(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING):
        load_config(write(tmp_path / "c.toml", GOOD + 'tone_of_voice = "x"\n[drafs]\nx = 1\n'))
    text = caplog.text
    assert "accounts.work.tone_of_voice" in text
    assert "drafs" in text


def test_config_readable_by_others_is_refused_with_the_fix(tmp_path: Path) -> None:
    path = write(tmp_path / "c.toml", GOOD, mode=0o644)
    with pytest.raises(ConfigError) as info:
        load_config(path)
    assert f"chmod 600 {path}" in str(info.value)


def test_syntax_error_names_the_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as info:
        load_config(write(tmp_path / "c.toml", "[drafts\n"))
    assert "c.toml" in str(info.value)
    assert "TOML" in str(info.value)


def test_plain_is_allowed_on_loopback_only() -> None:
    base = {"username": "u@example.com", "password_env": "P", "security": "plain"}
    ok = parse_config({"accounts": {"a": {**base, "host": "127.0.0.1"}}})
    assert ok.accounts[0].port == 143
    with pytest.raises(ConfigError):
        parse_config({"accounts": {"a": {**base, "host": "mail.example.com"}}})


def test_two_password_sources_conflict() -> None:
    account = {
        "host": "h",
        "username": "u@example.com",
        "password_env": "P",
        "password_command": "pass x",
    }
    with pytest.raises(ConfigError) as info:
        parse_config({"accounts": {"a": account}})
    assert "exactly one password source" in str(info.value)


def test_boolean_is_not_a_number() -> None:
    with pytest.raises(ConfigError) as info:
        parse_config({"daemon": {"poll_seconds": True}})
    assert info.value.problems[0].key == "daemon.poll_seconds"


# -- learning from the mail client ------------------------------------------------

LEARNING_BASE = {"host": "h", "username": "u@example.com", "password_env": "P"}


def test_learning_folders_are_off_by_default_with_named_folders() -> None:
    from rejoinder.classifier.personal import DEFAULT_MIN_NEW

    config = parse_config({"accounts": {"a": LEARNING_BASE}})
    a = config.accounts[0]
    assert a.learn_folders is False
    assert (a.missed_folder, a.not_rejection_folder) == (
        "Rejoinder/Missed rejections",
        "Rejoinder/Not rejections",
    )
    assert config.classifier.retrain_after_corrections == DEFAULT_MIN_NEW


def test_learning_keys_reach_the_account_and_the_classifier() -> None:
    account = {
        **LEARNING_BASE,
        "learn_folders": True,
        "missed_folder": "Jobs/Missed",
        "not_rejection_folder": "Jobs/Wrong",
    }
    config = parse_config(
        {"accounts": {"a": account}, "classifier": {"retrain_after_corrections": 0}}
    )
    a = config.accounts[0]
    assert (a.learn_folders, a.missed_folder, a.not_rejection_folder) == (
        True,
        "Jobs/Missed",
        "Jobs/Wrong",
    )
    assert config.classifier.retrain_after_corrections == 0


def test_every_learning_problem_is_reported_at_once() -> None:
    def problems(
        account: dict[str, object], classifier: dict[str, object] | None = None
    ) -> dict[str, str]:
        with pytest.raises(ConfigError) as info:
            parse_config(
                {"accounts": {"a": {**LEARNING_BASE, **account}}, "classifier": classifier or {}}
            )
        return {p.key: p.problem for p in info.value.problems}

    found = problems(
        {"learn_folders": "yes", "missed_folder": "Rejoinder//Missed", "not_rejection_folder": ""},
        {"retrain_after_corrections": -1},
    )
    assert set(found) == {
        "accounts.a.learn_folders",
        "accounts.a.missed_folder",
        "accounts.a.not_rejection_folder",
        "classifier.retrain_after_corrections",
    }
    same = problems({"missed_folder": "Learn", "not_rejection_folder": "Learn"})
    assert "same folder as missed_folder" in same["accounts.a.not_rejection_folder"]
    watched = problems(
        {"folders": ["INBOX", "Jobs"], "missed_folder": "Jobs", "not_rejection_folder": "inbox"}
    )
    assert set(watched) == {"accounts.a.missed_folder", "accounts.a.not_rejection_folder"}
    drafts = problems({"drafts_folder": "Drafts", "missed_folder": "Drafts"})
    assert "already watches or drafts into" in drafts["accounts.a.missed_folder"]


def test_a_misspelt_learning_key_is_warned_about(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING):
        parse_config({"accounts": {"a": {**LEARNING_BASE, "learn_folder": True}}})
    assert "accounts.a.learn_folder" in caplog.text


def test_the_readme_configuration_example_loads_as_it_stands(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    import re

    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text()
    example = re.search(r"```toml\n(.*?)```", readme, re.DOTALL)
    assert example is not None
    path = tmp_path / "config.toml"
    path.write_text(example.group(1))
    path.chmod(0o600)
    with caplog.at_level(logging.WARNING):
        config = load_config(path)
    assert "unknown setting" not in caplog.text
    assert [account.name for account in config.accounts] == ["work"]
    assert config.drafts.feedback_request == "same_draft"


def test_folder_names_for_drafts_and_sent_are_optional_strings() -> None:
    [account] = parse_config({"accounts": {"a": LEARNING_BASE}}).accounts
    assert (account.drafts_folder, account.sent_folder) == (None, None)
    named = {**LEARNING_BASE, "drafts_folder": "Entwürfe", "sent_folder": "Gesendet"}
    [account] = parse_config({"accounts": {"a": named}}).accounts
    assert (account.drafts_folder, account.sent_folder) == ("Entwürfe", "Gesendet")
    with pytest.raises(ConfigError) as info:
        parse_config({"accounts": {"a": {**LEARNING_BASE, "sent_folder": ["Sent"]}}})
    assert [p.key for p in info.value.problems] == ["accounts.a.sent_folder"]
