"""Every credential source, for real: scripts for password_command, the environment,
systemd's credentials directory, a keyring double, and XOAUTH2 against a Dovecot
that checks tokens with a local token-introspection endpoint."""

from __future__ import annotations

import json
import sys
import textwrap
import threading
import time
import types
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar

import pytest
from dovecot import DovecotServer, ImapUser, require_dovecot

from rejoinder.daemon import credentials
from rejoinder.daemon.config import AccountConfig, parse_config
from rejoinder.daemon.credentials import run_secret_command, secret_for
from rejoinder.daemon.errors import AuthError, ConfigError, CredentialError
from rejoinder.daemon.imap import ImapSession, ImapSettings
from rejoinder.daemon.watcher import check_account

KEY = "accounts.work.password_command"


def script(tmp_path: Path, name: str, body: str) -> Path:
    """An executable Python script (the interpreter running the tests)."""
    path = tmp_path / name
    path.write_text(f"#!{sys.executable}\n" + textwrap.dedent(body))
    path.chmod(0o700)
    return path


def account(**overrides: Any) -> AccountConfig:
    values: dict[str, Any] = {"name": "work", "host": "imap.example.com", "username": "ada"}
    values.update(overrides)
    return AccountConfig(**values)


# ------------------------------------------------------------ password_command


def test_password_command_prints_the_secret_on_its_first_line(tmp_path: Path) -> None:
    helper = script(
        tmp_path,
        "helper",
        """
        import sys
        print(sys.argv[1] + "-s3cret")
        print("login: ada")  # metadata pass-style helpers print after the password
        """,
    )
    assert secret_for(account(password_command=f"{helper} 'two words'")) == "two words-s3cret"


def test_password_command_runs_without_a_shell(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HOME", "/home/should-not-expand")
    # A shell would expand $HOME and run the second command after ";".
    assert run_secret_command("echo $HOME ; touch pwned", KEY) == "$HOME ; touch pwned"
    assert not (tmp_path / "pwned").exists()


def test_a_failing_command_shows_its_stderr_but_never_its_output(tmp_path: Path) -> None:
    helper = script(
        tmp_path,
        "locked",
        """
        import sys
        print("partial-secret-do-not-show")
        print("gpg: decryption failed: No secret key", file=sys.stderr)
        sys.exit(2)
        """,
    )
    with pytest.raises(CredentialError) as caught:
        run_secret_command(str(helper), KEY)
    message = str(caught.value)
    assert "exited with status 2" in message
    assert "gpg: decryption failed: No secret key" in message
    assert "partial-secret" not in message
    assert caught.value.exit_code == 77


def test_stderr_control_characters_are_neutralised(tmp_path: Path) -> None:
    helper = script(
        tmp_path,
        "noisy",
        """
        import sys
        sys.stderr.write("\\x1b[2Jcleared\\nsecond line")
        sys.exit(1)
        """,
    )
    with pytest.raises(CredentialError) as caught:
        run_secret_command(str(helper), KEY)
    assert "\x1b" not in str(caught.value)
    assert "cleared second line" in str(caught.value)


def test_a_command_that_hangs_is_killed_with_its_children(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(credentials, "COMMAND_TIMEOUT", 0.5)
    pid_file = tmp_path / "grandchild.pid"
    helper = script(
        tmp_path,
        "hangs",
        f"""
        import subprocess, time
        # A grandchild holding our stdout: without killing the group, reading would hang.
        child = subprocess.Popen(["sleep", "60"])
        open({str(pid_file)!r}, "w").write(str(child.pid))
        time.sleep(60)
        """,
    )
    started = time.monotonic()
    with pytest.raises(CredentialError, match=r"did not finish within 0\.5 s"):
        run_secret_command(str(helper), KEY)
    assert time.monotonic() - started < 10
    grandchild = int(pid_file.read_text())
    deadline = time.monotonic() + 5
    while _alive(grandchild) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not _alive(grandchild)


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"


@pytest.mark.parametrize(
    ("command", "expected"),
    [
        ("no-such-program-xyz --flag", "program 'no-such-program-xyz' not found"),
        ("", "is empty"),
        ("pass show 'unterminated", "cannot be split into words"),
        ("true", "printed nothing"),
    ],
)
def test_unusable_commands_say_what_is_wrong(command: str, expected: str) -> None:
    with pytest.raises(CredentialError, match=expected):
        run_secret_command(command, KEY)


# ------------------------------------------------------------ env, credentials dir


def test_password_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WORK_IMAP_PASSWORD", "from-env")
    assert secret_for(account(password_env="WORK_IMAP_PASSWORD")) == "from-env"


@pytest.mark.parametrize("value", [None, ""])
def test_missing_or_empty_env_names_the_variable(
    monkeypatch: pytest.MonkeyPatch, value: str | None
) -> None:
    if value is None:
        monkeypatch.delenv("WORK_IMAP_PASSWORD", raising=False)
    else:
        monkeypatch.setenv("WORK_IMAP_PASSWORD", value)
    with pytest.raises(CredentialError, match="WORK_IMAP_PASSWORD is not set or empty"):
        secret_for(account(password_env="WORK_IMAP_PASSWORD"))


def test_systemd_credential_is_read_from_the_credentials_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "imap-work").write_text("from-systemd\n")
    monkeypatch.setenv("CREDENTIALS_DIRECTORY", str(tmp_path))
    assert secret_for(account(password_credential="imap-work")) == "from-systemd"


def test_systemd_credential_problems(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CREDENTIALS_DIRECTORY", raising=False)
    with pytest.raises(CredentialError, match=r"LoadCredential=imap-work:"):
        secret_for(account(password_credential="imap-work"))
    monkeypatch.setenv("CREDENTIALS_DIRECTORY", str(tmp_path))
    with pytest.raises(CredentialError, match="cannot be read"):
        secret_for(account(password_credential="imap-work"))
    (tmp_path / "empty").write_text("")
    with pytest.raises(CredentialError, match="is empty"):
        secret_for(account(password_credential="empty"))
    with pytest.raises(CredentialError, match="not a credential name"):
        secret_for(account(password_credential="../etc/passwd"))


# ------------------------------------------------------------ keyring


class FakeKeyring:
    def __init__(self) -> None:
        self.store: dict[tuple[str, str], str] = {}
        self.fail: Exception | None = None

    def get_password(self, service: str, username: str) -> str | None:
        if self.fail:
            raise self.fail
        return self.store.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.store[(service, username)] = password


@pytest.fixture
def fake_keyring(monkeypatch: pytest.MonkeyPatch) -> FakeKeyring:
    fake = FakeKeyring()
    module = types.ModuleType("keyring")
    module.get_password = fake.get_password  # type: ignore[attr-defined]
    module.set_password = fake.set_password  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "keyring", module)
    return fake


def test_keyring_password_is_looked_up_by_service_and_user_name(fake_keyring: FakeKeyring) -> None:
    fake_keyring.store[("rejoinder", "ada@example.com")] = "from-keyring"
    fake_keyring.store[("rejoinder", "someone-else")] = "wrong"
    assert secret_for(account(username="ada@example.com", keyring=True)) == "from-keyring"


def test_keyring_without_a_stored_password_says_how_to_store_one(fake_keyring: FakeKeyring) -> None:
    with pytest.raises(CredentialError, match="store it with: keyring set rejoinder ada"):
        secret_for(account(keyring=True))


def test_keyring_backend_failure_is_a_credential_error(fake_keyring: FakeKeyring) -> None:
    fake_keyring.fail = RuntimeError("Cannot autolaunch D-Bus without X11")
    with pytest.raises(CredentialError, match=r"could not be read.*RuntimeError.*D-Bus"):
        secret_for(account(keyring=True))


def test_keyring_not_installed_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "keyring", None)  # makes `import keyring` fail
    with pytest.raises(CredentialError) as caught:
        secret_for(account(keyring=True))
    assert "'keyring', which is not installed" in str(caught.value)
    assert "pip install 'rejoinder[keyring]'" in str(caught.value)


def test_config_accepts_keyring_as_the_one_password_source() -> None:
    table = {"host": "imap.example.com", "username": "ada@example.com", "keyring": True}
    config = parse_config({"accounts": {"work": table}})
    assert config.accounts[0].keyring is True
    with pytest.raises(ConfigError, match="conflicts with password_command"):
        parse_config({"accounts": {"work": {**table, "password_command": "pass x"}}})
    with pytest.raises(ConfigError, match="expected true or false"):
        parse_config({"accounts": {"work": {**table, "keyring": "yes"}}})


# ------------------------------------------------------------ XOAUTH2


def test_xoauth2_token_comes_from_the_token_command(tmp_path: Path) -> None:
    helper = script(tmp_path, "oama", "print('ya29.fresh-token')\n")
    oauth = account(auth="xoauth2", oauth2_token_command=f"{helper} access ada@gmail.com")
    assert secret_for(oauth) == "ya29.fresh-token"


class RecordingClient:
    """Stands in for imapclient.IMAPClient: records how the login was attempted."""

    calls: ClassVar[list[tuple[str, str, str]]] = []

    def __init__(self, *args: object, **kwargs: object) -> None:
        self.normalise_times = True

    def has_capability(self, name: str) -> bool:
        return name == "AUTH=XOAUTH2"

    def login(self, user: str, password: str) -> None:
        self.calls.append(("login", user, password))

    def oauth2_login(self, user: str, token: str) -> None:
        self.calls.append(("oauth2_login", user, token))


def test_connect_uses_oauth2_login_only_for_xoauth2(monkeypatch: pytest.MonkeyPatch) -> None:
    from rejoinder.daemon import imap

    monkeypatch.setattr(imap.imapclient, "IMAPClient", RecordingClient)
    RecordingClient.calls = []
    settings = ImapSettings(host="imap.example.com", port=993, security="tls", username="ada")
    ImapSession.connect(settings, "the-token", "xoauth2")
    ImapSession.connect(settings, "the-password")
    assert RecordingClient.calls == [
        ("oauth2_login", "ada", "the-token"),
        ("login", "ada", "the-password"),
    ]


TOKENS = {"ya29.valid-token": "oauthuser"}


class _TokenInfo(BaseHTTPRequestHandler):
    """RFC 7662-style introspection: which user a bearer token belongs to."""

    def do_GET(self) -> None:
        token = self.path.partition("access_token=")[2]
        user = TOKENS.get(token)
        body = json.dumps({"username": user, "active": "true"} if user else {}).encode()
        self.send_response(200 if user else 401)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        pass


class OAuthDovecot(DovecotServer):
    """The test Dovecot, also accepting XOAUTH2 tokens checked against ``tokeninfo_url``."""

    tokeninfo_url = ""

    def _config_text(self) -> str:
        conf = self.root / "oauth2.conf.ext"
        conf.write_text(
            f"tokeninfo_url = {self.tokeninfo_url}\n"
            "username_attribute = username\nactive_attribute = active\nactive_value = true\n"
        )
        text = (
            super()
            ._config_text()
            .replace("auth_mechanisms = plain login", "auth_mechanisms = plain login xoauth2")
        )
        return text + f"passdb {{\n  driver = oauth2\n  mechanisms = xoauth2\n  args = {conf}\n}}\n"


@pytest.fixture(scope="module")
def oauth_dovecot() -> Iterator[OAuthDovecot]:
    require_dovecot()
    http = ThreadingHTTPServer(("127.0.0.1", 0), _TokenInfo)
    threading.Thread(target=http.serve_forever, daemon=True).start()
    OAuthDovecot.tokeninfo_url = (
        f"http://127.0.0.1:{http.server_address[1]}/tokeninfo?access_token="
    )
    server = OAuthDovecot()
    try:
        server._give_to_server(server.root)  # the oauth2 file was added after the hand-over
        server.start()
        yield server
    finally:
        server.close()
        http.shutdown()


@pytest.mark.imap
def test_xoauth2_login_against_dovecot(oauth_dovecot: OAuthDovecot, tmp_path: Path) -> None:
    good = script(tmp_path, "token", "print('ya29.valid-token')\n")
    bad = script(tmp_path, "stale", "print('ya29.expired-token')\n")

    def oauth(command: Path) -> AccountConfig:
        return account(
            host="127.0.0.1",
            port=oauth_dovecot.imaps_port,
            username="oauthuser",
            auth="xoauth2",
            oauth2_token_command=str(command),
            ca_file=oauth_dovecot.ca_file,
            from_="oauthuser@example.org",
        )

    report = check_account(oauth(good), 10.0)
    assert report.drafts_folder == "Drafts"
    assert "method=XOAUTH2" in oauth_dovecot.log
    with pytest.raises(AuthError) as caught:
        check_account(oauth(bad), 10.0)
    assert "rejected the OAuth2 login for 'oauthuser'" in str(caught.value)
    assert "oauth2_token_command" in caught.value.fix
    assert "expired-token" not in str(caught.value)


@pytest.mark.imap
def test_xoauth2_against_a_server_without_it_says_so(imap_user: ImapUser, tmp_path: Path) -> None:
    token = script(tmp_path, "token", "print('ya29.any')\n")
    oauth = account(
        host=imap_user.host,
        port=imap_user.imaps_port,
        username=imap_user.name,
        auth="xoauth2",
        oauth2_token_command=str(token),
        ca_file=imap_user.ca_file,
        from_="a@example.org",
    )
    with pytest.raises(AuthError, match=r"does not offer OAuth2 \(XOAUTH2\) sign-in"):
        check_account(oauth, 10.0)
