"""`rejoinder init`: provider suggestions, the answers, the TOML it writes, and the whole
command against the Dovecot fixture (a wrong password must leave no config behind)."""

from __future__ import annotations

import stat
import sys
import tomllib
from collections.abc import Sequence
from email.utils import parseaddr
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from dovecot import ImapUser
from hypothesis import given
from hypothesis import strategies as st

from rejoinder.daemon import systemd_unit
from rejoinder.daemon.cli import cli
from rejoinder.daemon.config import load_config
from rejoinder.daemon.errors import AuthError, ConfigError, InputError
from rejoinder.daemon.providers import (
    FASTMAIL,
    GMAIL,
    ICLOUD,
    OUTLOOK,
    PROTON,
    YAHOO,
    provider_for,
    suggested_username,
)
from rejoinder.daemon.setup import (
    Answers,
    Given,
    answer_fields,
    create_config,
    gather_answers,
    identity,
    render_config,
    toml_string,
    validate,
    write_config,
)

imap = pytest.mark.imap


def password_script(tmp_path: Path, password: str) -> Path:
    path = tmp_path / "print-password"
    path.write_text(f"#!{sys.executable}\nprint({password!r})\n")
    path.chmod(0o700)
    return path


class Scripted:
    """A Prompter answering from a list, recording the questions."""

    def __init__(self, answers: Sequence[str]) -> None:
        self.answers = list(answers)
        self.questions: list[str] = []
        self.said: list[str] = []

    def say(self, text: str) -> None:
        self.said.append(text)

    def ask(self, question: str, default: str | None = None) -> str:
        self.questions.append(question)
        answer = self.answers.pop(0)
        return default if answer == "" and default is not None else answer

    def choose(self, question: str, choices: Sequence[str], default: str) -> str:
        self.questions.append(question)
        answer = self.answers.pop(0) or default
        assert answer in choices
        return answer

    def confirm(self, question: str, default: bool) -> bool:
        self.questions.append(question)
        return self.answers.pop(0) == "y"

    def secret(self, question: str) -> str:
        self.questions.append(question)
        return self.answers.pop(0)


# ------------------------------------------------------------ providers


@pytest.mark.parametrize(
    ("address", "provider", "host", "port", "security"),
    [
        ("ada@gmail.com", GMAIL, "imap.gmail.com", 993, "tls"),
        ("ada@GoogleMail.com", GMAIL, "imap.gmail.com", 993, "tls"),
        ("ada@outlook.com", OUTLOOK, "outlook.office365.com", 993, "tls"),
        ("ada@hotmail.com", OUTLOOK, "outlook.office365.com", 993, "tls"),
        ("ada@icloud.com", ICLOUD, "imap.mail.me.com", 993, "tls"),
        ("ada@fastmail.com", FASTMAIL, "imap.fastmail.com", 993, "tls"),
        ("ada@yahoo.com", YAHOO, "imap.mail.yahoo.com", 993, "tls"),
        ("ada@proton.me", PROTON, "127.0.0.1", 1143, "starttls"),
        ("ada@pm.me", PROTON, "127.0.0.1", 1143, "starttls"),
    ],
)
def test_well_known_providers_are_recognised_by_domain(
    address: str, provider: object, host: str, port: int, security: str
) -> None:
    found = provider_for(address)
    assert found is provider
    assert (found.host, found.port, found.security) == (host, port, security)


def test_outlook_requires_xoauth2_and_gmail_offers_both() -> None:
    assert OUTLOOK.auths == ("xoauth2",)
    assert GMAIL.auths == ("password", "xoauth2")
    assert provider_for("ada@example.org") is None


def test_icloud_logs_in_with_the_local_part() -> None:
    assert suggested_username(ICLOUD, "ada@icloud.com") == "ada"
    assert suggested_username(GMAIL, "ada@gmail.com") == "ada@gmail.com"


# ------------------------------------------------------------ answers


def test_yes_takes_the_providers_settings() -> None:
    answers = gather_answers(
        Given(email="ada@gmail.com", password_command="pass show mail/gmail"), None
    )
    assert answers == Answers(
        email="ada@gmail.com",
        account="gmail",
        host="imap.gmail.com",
        port=993,
        security="tls",
        username="ada@gmail.com",
        password_command="pass show mail/gmail",
    )


def test_outlook_with_yes_needs_a_token_command() -> None:
    with pytest.raises(InputError, match="--oauth2-token-command is required with --yes"):
        gather_answers(Given(email="ada@outlook.com"), None)
    answers = gather_answers(
        Given(email="ada@outlook.com", oauth2_token_command="oama access ada@outlook.com"), None
    )
    assert (answers.auth, answers.oauth2_token_command) == (
        "xoauth2",
        "oama access ada@outlook.com",
    )


@pytest.mark.parametrize(
    ("given", "message"),
    [
        (Given(), "--email is required with --yes"),
        (Given(email="not-an-address"), "is not an email address"),
        (Given(email="ada@example.org"), "no password source given with --yes"),
        (
            Given(email="ada@example.org", password_env="P", keyring=True),
            r"several password sources given \(password_env, keyring\)",
        ),
    ],
)
def test_missing_or_conflicting_answers_name_the_flag(given: Given, message: str) -> None:
    with pytest.raises(InputError, match=message):
        gather_answers(given, None)


def test_unknown_domain_guesses_imap_dot_domain() -> None:
    answers = gather_answers(Given(email="ada@example.org", password_env="IMAP_PASSWORD"), None)
    assert (answers.host, answers.port, answers.account) == ("imap.example.org", 993, "example")


def test_interactive_proton_bridge_setup_asks_for_the_bridge_certificate(tmp_path: Path) -> None:
    cert = tmp_path / "bridge.pem"
    prompter = Scripted(
        [
            "ada@proton.me",  # email
            "",  # account name: default
            "",  # host: 127.0.0.1
            "",  # security: starttls
            "",  # port: 1143
            "",  # user name: the address
            "env",  # password source
            "BRIDGE_PASSWORD",
            str(cert),  # the Bridge's certificate
            "INBOX, Jobs",
            "Ada Lovelace",
            "",  # no signature
        ]
    )
    answers = gather_answers(Given(), prompter)
    assert answers == Answers(
        email="ada@proton.me",
        account="proton",
        host="127.0.0.1",
        port=1143,
        security="starttls",
        username="ada@proton.me",
        password_env="BRIDGE_PASSWORD",
        ca_file=cert,
        folders=("INBOX", "Jobs"),
        name="Ada Lovelace",
    )
    assert any("Bridge" in line for line in prompter.said)
    assert prompter.answers == []


def test_every_answer_has_a_flag() -> None:
    init = cli.commands["init"]
    flags = {opt for param in init.params for opt in param.opts}
    assert {f"--{name.replace('_', '-')}" for name in answer_fields()} <= flags


# ------------------------------------------------------------ the config text


@given(st.text())
def test_toml_strings_round_trip(text: str) -> None:
    assert tomllib.loads(f"x = {toml_string(text)}")["x"] == text


def base_answers(**overrides: Any) -> Answers:
    values: dict[str, Any] = {
        "email": "ada@example.org",
        "account": "work",
        "host": "imap.example.org",
        "port": 993,
        "security": "tls",
        "username": "ada@example.org",
        "password_command": "pass show 'mail/work'",
    }
    values.update(overrides)
    return Answers(**values)


def test_rendered_config_loads_back_to_the_answers(tmp_path: Path) -> None:
    answers = base_answers(
        folders=("INBOX", 'Jobs "2024"'),
        name="Lovelace, Ada",
        signature='Ada\n"Analyst"',
    )
    config = validate(render_config(answers), tmp_path / "config.toml")
    account = config.accounts[0]
    assert (account.name, account.host, account.port, account.security) == (
        "work",
        "imap.example.org",
        993,
        "tls",
    )
    assert account.password_command == "pass show 'mail/work'"
    assert account.folders == ("INBOX", 'Jobs "2024"')
    assert parseaddr(account.from_ or "") == ("Lovelace, Ada", "ada@example.org")
    assert (config.drafts.user_name, config.drafts.signature) == ("Lovelace, Ada", 'Ada\n"Analyst"')


def test_identity_is_left_to_the_username_when_it_is_the_address() -> None:
    assert identity(base_answers()) is None
    assert identity(base_answers(username="ada")) == "ada@example.org"
    assert identity(base_answers(name="Ada Lovelace")) == "Ada Lovelace <ada@example.org>"


def test_account_names_must_be_plain_keys() -> None:
    with pytest.raises(InputError, match="cannot be an account name"):
        render_config(base_answers(account="my work"))


def test_invalid_answers_are_refused_by_the_real_config_loader(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="only allowed for loopback hosts"):
        validate(render_config(base_answers(security="plain")), tmp_path / "c.toml")


# ------------------------------------------------------------ writing


def test_config_is_written_0600_in_a_new_0700_directory(tmp_path: Path) -> None:
    path = tmp_path / "new" / "rejoinder" / "config.toml"
    write_config(path, "# one\n", force=False)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    with pytest.raises(InputError, match="already exists"):
        write_config(path, "# two\n", force=False)
    assert path.read_text() == "# one\n"
    write_config(path, "# two\n", force=True)
    assert path.read_text() == "# two\n"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert [p.name for p in path.parent.iterdir()] == ["config.toml"]  # no temp files left


def test_a_failed_check_writes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"

    def refuse(account: object) -> Any:
        raise AuthError("imap.example.org:993 rejected the login for 'ada'", "check it")

    with pytest.raises(AuthError):
        create_config(base_answers(), path, force=False, check=refuse)
    assert not path.exists()


def test_a_systemd_credential_cannot_be_checked_outside_the_service(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("CREDENTIALS_DIRECTORY", raising=False)
    checked: list[object] = []
    answers = base_answers(password_command=None, password_credential="imap-work")
    result = create_config(answers, tmp_path / "c.toml", force=False, check=checked.append)  # type: ignore[arg-type]
    assert checked == []
    assert result.skipped_check is not None
    assert "only the service can read" in result.skipped_check
    assert (tmp_path / "c.toml").exists()


# ------------------------------------------------------------ the command


def init_args(user: ImapUser, command: Path, *extra: str) -> list[str]:
    return [
        "init",
        "--email",
        f"{user.name}@example.org",
        "--host",
        user.host,
        "--port",
        str(user.imaps_port),
        "--security",
        "tls",
        "--username",
        user.name,
        "--password-command",
        str(command),
        "--ca-file",
        str(user.ca_file),
        "--name",
        "Ada Lovelace",
        "--yes",
        "--no-install-service",
        *extra,
    ]


@imap
def test_init_writes_a_config_that_check_accepts(
    imap_user: ImapUser, tmp_path: Path, isolated_xdg: Path
) -> None:
    command = password_script(tmp_path, imap_user.password)
    result = CliRunner().invoke(cli, init_args(imap_user, command))
    assert result.exit_code == 0, result.output
    path = isolated_xdg / "config" / "rejoinder" / "config.toml"
    assert f"Wrote {path}" in result.output
    assert "logged in; watching INBOX; drafts go to Drafts" in result.output
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    config = load_config(path, required=True)
    assert config.accounts[0].username == imap_user.name
    assert config.accounts[0].from_ == f"Ada Lovelace <{imap_user.name}@example.org>"
    check = CliRunner().invoke(cli, ["check"])
    assert check.exit_code == 0, check.output
    assert "logged in to" in check.output


@imap
def test_init_with_a_wrong_password_refuses_to_write(
    imap_user: ImapUser, tmp_path: Path, isolated_xdg: Path
) -> None:
    command = password_script(tmp_path, "not-the-password")
    result = CliRunner().invoke(cli, init_args(imap_user, command))
    assert result.exit_code == 77, result.output
    assert f"rejected the login for '{imap_user.name}'" in result.output
    assert not (isolated_xdg / "config" / "rejoinder" / "config.toml").exists()


def test_init_never_overwrites_without_force(tmp_path: Path, isolated_xdg: Path) -> None:
    path = isolated_xdg / "config" / "rejoinder" / "config.toml"
    path.parent.mkdir(parents=True)
    path.write_text("# mine\n")
    args = ["init", "--email", "ada@example.org", "--password-env", "P", "--yes"]
    result = CliRunner().invoke(cli, [*args, "--no-check", "--no-install-service"])
    assert result.exit_code == 66
    assert "already exists: rerun with --force" in result.output
    assert path.read_text() == "# mine\n"
    result = CliRunner().invoke(cli, [*args, "--no-check", "--no-install-service", "--force"])
    assert result.exit_code == 0, result.output
    assert 'password_env = "P"' in path.read_text()


def test_interactive_init_with_the_keyring_stores_the_password_there(
    tmp_path: Path, isolated_xdg: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    stored: dict[tuple[str, str], str] = {}

    class FakeKeyring:
        get_password = staticmethod(lambda service, user: stored.get((service, user)))
        set_password = staticmethod(lambda s, u, p: stored.__setitem__((s, u), p))

    monkeypatch.setitem(sys.modules, "keyring", FakeKeyring)
    answers = [
        "ada@fastmail.com",
        "",  # account: fastmail
        "",  # host
        "",  # security
        "",  # port
        "",  # user name
        "keyring",
        "",  # folders
        "Ada",
        "",  # signature
        "y",  # store the password in the keyring now?
        "app-pass-1234",
        "app-pass-1234",  # confirmation
    ]
    result = CliRunner().invoke(
        cli, ["init", "--no-check", "--no-install-service"], input="\n".join(answers) + "\n"
    )
    assert result.exit_code == 0, result.output
    assert stored == {("rejoinder", "ada@fastmail.com"): "app-pass-1234"}
    text = (isolated_xdg / "config" / "rejoinder" / "config.toml").read_text()
    assert "keyring = true" in text
    assert "app-pass-1234" not in text
    assert "app-pass-1234" not in result.output


def test_init_can_install_the_service(
    tmp_path: Path, isolated_xdg: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    commands: list[list[str]] = []

    def systemctl(argv: Sequence[str]) -> systemd_unit.Completed:
        commands.append(list(argv))
        return systemd_unit.Completed(0, "running")

    program = tmp_path / "rejoinder"
    program.write_text("#!/bin/sh\n")
    program.chmod(0o755)
    monkeypatch.setattr(systemd_unit, "run_command", systemctl)
    monkeypatch.setattr(systemd_unit, "find_executable", lambda: program)
    args = ["init", "--email", "ada@example.org", "--password-env", "P", "--yes", "--no-check"]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    unit = isolated_xdg / "config" / "systemd" / "user" / "rejoinder.service"
    assert f"ExecStart={program} run" in unit.read_text()
    assert ["systemctl", "--user", "restart", "rejoinder.service"] in commands
