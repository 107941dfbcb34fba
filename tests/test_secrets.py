"""The password never shows: not in logs (even at debug level), not in error messages or
CLI output, not on any command line, not in the config `init` writes.

Runs `check` and `once` against the Dovecot fixture with a distinctive password,
right and wrong, and looks for it everywhere it could leak.
"""

from __future__ import annotations

import base64
import itertools
import logging
import secrets
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from dovecot import DovecotServer, ImapUser
from test_credentials import OAuthDovecot, oauth_dovecot  # noqa: F401 (a fixture)
from test_init import init_args

from rejoinder.daemon.cli import cli

imap = pytest.mark.imap
_numbers = itertools.count(1)

REJECTION = (
    b"Message-ID: <r1@jobs.example>\r\nFrom: Talent Team <talent@acme.example>\r\n"
    b"To: someone@example.org\r\nSubject: Your application for Data Analyst\r\n"
    b"Date: Mon, 3 Jun 2024 10:00:00 +0000\r\n\r\n"
    b"Dear Ada,\r\n\r\nThank you for applying for the Data Analyst role at Acme. After "
    b"careful consideration we have decided not to move forward with your application.\r\n"
    b"\r\nBest regards,\r\nThe Acme Talent Team\r\n"
)


class Capture(logging.Handler):
    """Every record from our loggers and imapclient's, fully formatted (with tracebacks)."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
        self.texts: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.texts.append(self.format(record) + repr(record.args))


@pytest.fixture
def captured() -> Iterator[Capture]:
    # Not on the root logger: setup_logging() replaces the root's handlers.
    handler = Capture()
    loggers = [logging.getLogger(name) for name in ("rejoinder", "imapclient", "imaplib")]
    for logger in loggers:
        logger.addHandler(handler)
    yield handler
    for logger in loggers:
        logger.removeHandler(handler)


def distinctive(kind: str) -> str:
    return f"Zx{kind}-{secrets.token_hex(10)}"


@pytest.fixture
def secret_user(dovecot_server: DovecotServer) -> tuple[ImapUser, str]:
    password = distinctive("Secret")
    name = f"secret{next(_numbers)}"
    dovecot_server.add_user(name, password)
    user = ImapUser(dovecot_server, name, password)
    user.deliver(REJECTION)
    return user, password


def helper(tmp_path: Path, secret: str) -> tuple[str, Path]:
    """A password_command that reads the secret from a file and records its own argv.

    Returns the command and the file where the helper writes what it saw of
    its own command line and its parent's (the Rejoinder process).
    """
    secret_file = tmp_path / "secret"
    secret_file.write_text(secret)
    seen = tmp_path / "seen-cmdlines"
    script = tmp_path / "password-helper"
    script.write_text(
        f"#!{sys.executable}\n"
        "import os, sys\n"
        f"with open({str(seen)!r}, 'ab') as out:\n"
        "    out.write(open('/proc/self/cmdline', 'rb').read() + b'\\n')\n"
        "    out.write(open(f'/proc/{os.getppid()}/cmdline', 'rb').read() + b'\\n')\n"
        "print(open(sys.argv[1]).read())\n"
    )
    script.chmod(0o700)
    return f"{script} {secret_file}", seen


def write_config(isolated_xdg: Path, user: ImapUser, command: str) -> None:
    path = isolated_xdg / "config" / "rejoinder" / "config.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        f'[accounts.test]\nhost = "{user.host}"\nport = {user.imaps_port}\nsecurity = "tls"\n'
        f'username = "{user.name}"\npassword_command = "{command}"\n'
        f'ca_file = "{user.ca_file}"\nfrom = "Ada <{user.name}@example.org>"\n'
    )
    path.chmod(0o600)


def assert_nowhere(secret: str, results: list[Result], captured: Capture, seen: Path) -> None:
    forms = [secret, base64.b64encode(secret.encode()).decode()]
    for result in results:
        for form in forms:
            assert form not in result.output
            assert form not in repr(result.exception)
    for text in captured.texts:
        for form in forms:
            assert form not in text
    assert secret.encode() not in Path("/proc/self/cmdline").read_bytes()
    cmdlines = seen.read_bytes()
    assert cmdlines.count(b"password-helper") >= 2  # the helper ran (twice: check and once)
    assert secret.encode() not in cmdlines


@imap
@pytest.mark.parametrize("right", [True, False], ids=["right-password", "wrong-password"])
def test_check_and_once_never_show_the_password(
    secret_user: tuple[ImapUser, str],
    right: bool,
    tmp_path: Path,
    isolated_xdg: Path,
    captured: Capture,
) -> None:
    user, password = secret_user
    used = password if right else distinctive("Wrong")
    command, seen = helper(tmp_path, used)
    write_config(isolated_xdg, user, command)
    runner = CliRunner()
    check = runner.invoke(cli, ["-vv", "check"])
    once = runner.invoke(cli, ["-vv", "once"])
    if right:
        assert check.exit_code == 0, check.output
        assert once.exit_code == 0, once.output
    else:
        assert check.exit_code == 77, check.output
        assert "rejected the login" in check.output
        assert once.exit_code != 0
    # The debug log really was on, or its silence would prove nothing.
    assert any("imapclient" in text for text in captured.texts)
    for secret in {password, used}:
        assert_nowhere(secret, [check, once], captured, seen)


@imap
def test_the_config_init_writes_holds_no_password(
    secret_user: tuple[ImapUser, str], tmp_path: Path, isolated_xdg: Path, captured: Capture
) -> None:
    user, password = secret_user
    command, seen = helper(tmp_path, password)
    result = CliRunner().invoke(cli, ["-vv", *init_args(user, Path(command))])
    assert result.exit_code == 0, result.output
    text = (isolated_xdg / "config" / "rejoinder" / "config.toml").read_text()
    assert password not in text
    assert "password-helper" in text
    assert password not in result.output
    assert all(password not in t for t in captured.texts)
    assert password.encode() not in seen.read_bytes()


@imap
def test_an_oauth2_token_never_shows(
    oauth_dovecot: OAuthDovecot,  # noqa: F811
    tmp_path: Path,
    isolated_xdg: Path,
    captured: Capture,
) -> None:
    token = "ya29.valid-token"  # the one the test's token endpoint accepts
    script = tmp_path / "token-helper"
    script.write_text(f"#!{sys.executable}\nprint({token!r})\n")
    script.chmod(0o700)
    path = isolated_xdg / "config" / "rejoinder" / "config.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        f'[accounts.oauth]\nhost = "127.0.0.1"\nport = {oauth_dovecot.imaps_port}\n'
        f'username = "oauthuser"\nauth = "xoauth2"\noauth2_token_command = "{script}"\n'
        f'ca_file = "{oauth_dovecot.ca_file}"\nfrom = "oauthuser@example.org"\n'
    )
    path.chmod(0o600)
    result = CliRunner().invoke(cli, ["-vv", "check"])
    assert result.exit_code == 0, result.output
    sasl = base64.b64encode(f"user=oauthuser\1auth=Bearer {token}\1\1".encode()).decode()
    assert any("AUTHENTICATE" in text for text in captured.texts)
    for form in (token, sasl):
        assert form not in result.output
        assert all(form not in text for text in captured.texts)
