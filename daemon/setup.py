"""``rejoinder init``: from a few answers to a working, private ``config.toml``.

The core is pure and testable: ``gather_answers`` asks its questions through
a ``Prompter`` (or none, for ``--yes``), ``render_config`` turns answers into
TOML that the real config loader validates, and ``create_config`` tests the
login before anything is written. The password itself is never written to
the file: the config only says where it comes from.
"""

from __future__ import annotations

import os
import re
import tempfile
import tomllib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, Protocol, get_args

from rejoinder.daemon import paths
from rejoinder.daemon.config import AccountConfig, Config, parse_config
from rejoinder.daemon.errors import CredentialError, InputError
from rejoinder.daemon.providers import (
    PROTON,
    Auth,
    Provider,
    Security,
    domain_of,
    provider_for,
    suggested_username,
)

if TYPE_CHECKING:
    from rejoinder.daemon.watcher import CheckReport

PasswordSource = Literal["command", "env", "credential", "keyring"]
SOURCES: tuple[PasswordSource, ...] = get_args(PasswordSource)
SECURITIES: tuple[Security, ...] = get_args(Security)
AUTHS: tuple[Auth, ...] = get_args(Auth)
DEFAULT_PORTS = {"tls": 993, "starttls": 143, "plain": 143}
_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
_ADDRESS = re.compile(r"[^@\s<>\"]+@[^@\s<>\"]+\.[^@\s<>\"]+")


class Prompter(Protocol):
    """How the wizard talks to the user (click in the CLI, a script in tests)."""

    def say(self, text: str) -> None: ...
    def ask(self, question: str, default: str | None = None) -> str: ...
    def choose(self, question: str, choices: Sequence[str], default: str) -> str: ...
    def confirm(self, question: str, default: bool) -> bool: ...
    def secret(self, question: str) -> str: ...


@dataclass(frozen=True)
class Given:
    """What the command line already answered (None: not given)."""

    email: str | None = None
    account: str | None = None
    host: str | None = None
    port: int | None = None
    security: Security | None = None
    username: str | None = None
    auth: Auth | None = None
    password_command: str | None = None
    password_env: str | None = None
    password_credential: str | None = None
    keyring: bool = False
    oauth2_token_command: str | None = None
    ca_file: Path | None = None
    folders: tuple[str, ...] | None = None
    name: str | None = None
    signature: str | None = None


@dataclass(frozen=True)
class Answers:
    email: str
    account: str
    host: str
    port: int
    security: Security
    username: str
    auth: Auth = "password"
    password_command: str | None = None
    password_env: str | None = None
    password_credential: str | None = None
    keyring: bool = False
    oauth2_token_command: str | None = None
    ca_file: Path | None = None
    folders: tuple[str, ...] = ("INBOX",)
    name: str | None = None
    signature: str | None = None


# ------------------------------------------------------------ asking


def gather_answers(given: Given, prompter: Prompter | None) -> Answers:
    """Fill in what the command line left open: ask, or (``prompter`` None) take defaults.

    Without a prompter a missing required answer is an error naming its flag.
    """
    ask = _Asker(prompter)
    email = _check_email(given.email or ask.text("Your email address", None, "--email"))
    provider = provider_for(email)
    if provider is not None:
        ask.say(f"{provider.name}: {provider.host}:{provider.port} ({provider.security}).")
        ask.say(provider.note)
    answers = _server(email, provider, given, ask)
    answers = _secret_source(answers, given, ask)
    return _identity(answers, provider, given, ask)


def _server(email: str, provider: Provider | None, given: Given, ask: _Asker) -> Answers:
    account = given.account or ask.text(
        "A short name for this account", _account_name(email, provider), "--account"
    )
    host = given.host or ask.text(
        "IMAP server", provider.host if provider else f"imap.{domain_of(email)}", "--host"
    )
    security = given.security or ask.choose(
        "Connection security", SECURITIES, provider.security if provider else "tls"
    )
    port = given.port or _port(ask.text("Port", str(_default_port(provider, security)), "--port"))
    username = given.username or ask.text(
        "User name for the login", suggested_username(provider, email), "--username"
    )
    auths = provider.auths if provider else AUTHS
    auth = given.auth or ask.choose("Sign-in method", auths, auths[0])
    return Answers(
        email=email,
        account=account,
        host=host,
        port=port,
        security=security,  # type: ignore[arg-type]
        username=username,
        auth=auth,  # type: ignore[arg-type]
    )


def _secret_source(answers: Answers, given: Given, ask: _Asker) -> Answers:
    if answers.auth == "xoauth2":
        command = given.oauth2_token_command or ask.text(
            "Command that prints a fresh OAuth2 access token",
            f"oama access {answers.email}",
            "--oauth2-token-command",
            guess=True,
        )
        return replace(answers, oauth2_token_command=command)
    sources = {
        "password_command": given.password_command,
        "password_env": given.password_env,
        "password_credential": given.password_credential,
        "keyring": given.keyring or None,
    }
    chosen: dict[str, Any] = {key: value for key, value in sources.items() if value}
    if len(chosen) > 1:
        raise InputError(
            f"several password sources given ({', '.join(chosen)})", "give exactly one"
        )
    if chosen:
        return replace(answers, **chosen)
    if ask.prompter is None:
        raise InputError(
            "no password source given with --yes",
            "add --password-command, --password-env, --password-credential or --keyring",
        )
    ask.say(
        "Rejoinder never stores your password in its config; it asks for it when it logs in. "
        "command: a password manager prints it (e.g. pass show mail/work); env: an "
        "environment variable; credential: a systemd credential; keyring: your desktop keyring."
    )
    return _ask_source(answers, ask.choose("Password source", SOURCES, "command"), ask)


def _ask_source(answers: Answers, source: str, ask: _Asker) -> Answers:
    if source == "command":
        example = f"pass show mail/{answers.account}"
        value = ask.text("Command that prints the password", example, "", guess=True)
        return replace(answers, password_command=value)
    if source == "env":
        value = ask.text("Environment variable holding the password", "REJOINDER_PASSWORD", "")
        return replace(answers, password_env=value)
    if source == "credential":
        value = ask.text("systemd credential name", f"imap-{answers.account}", "")
        return replace(answers, password_credential=value)
    return replace(answers, keyring=True)


def _identity(answers: Answers, provider: Provider | None, given: Given, ask: _Asker) -> Answers:
    ca_file = given.ca_file
    if ca_file is None and provider is PROTON:
        chosen = ask.text("The Bridge's exported TLS certificate (empty: none)", "", "--ca-file")
        ca_file = Path(chosen).expanduser().absolute() if chosen else None
    folders = given.folders or _folder_list(
        ask.text("Folders to watch, comma-separated", "INBOX", "--folders")
    )
    name = given.name
    if name is None:
        name = ask.text("Your name, to sign the drafts (empty: none)", "", "--name")
    signature = given.signature
    if signature is None:
        signature = ask.text(
            "A line under your name in the drafts (empty: none)", "", "--signature"
        )
    return replace(
        answers, ca_file=ca_file, folders=folders, name=name or None, signature=signature or None
    )


class _Asker:
    """Asks through the prompter; without one, takes the default or names the missing flag."""

    def __init__(self, prompter: Prompter | None) -> None:
        self.prompter = prompter

    def say(self, text: str) -> None:
        if self.prompter is not None:
            self.prompter.say(text)

    def text(self, question: str, default: str | None, flag: str, *, guess: bool = False) -> str:
        """``guess``: the default is only an example (how the user keeps secrets is unknown),
        so ``--yes`` never takes it."""
        if self.prompter is None:
            if default is None or guess:
                raise InputError(f"{flag} is required with --yes", f"add {flag} VALUE")
            return default
        answer = self.prompter.ask(question, default).strip()
        while not answer and default is None:
            answer = self.prompter.ask(question, default).strip()
        return answer

    def choose(self, question: str, choices: Sequence[str], default: str) -> str:
        if self.prompter is None or len(choices) == 1:
            return default if default in choices else choices[0]
        return self.prompter.choose(question, choices, default)


def _port(text: str) -> int:
    if not text.isdigit() or not 0 < int(text) < 65536:
        raise InputError(f"{text!r} is not a port number", "give a number from 1 to 65535")
    return int(text)


def _check_email(email: str) -> str:
    email = email.strip()
    if not _ADDRESS.fullmatch(email):
        raise InputError(f"{email!r} is not an email address", "give it as name@example.com")
    return email


def _account_name(email: str, provider: Provider | None) -> str:
    base = provider.name.split()[0] if provider is not None else domain_of(email).split(".")[0]
    return re.sub(r"[^a-z0-9_-]", "", base.lower()) or "mail"


def _default_port(provider: Provider | None, security: str) -> int:
    if provider is not None and provider.security == security:
        return provider.port
    return DEFAULT_PORTS[security]


def _folder_list(text: str) -> tuple[str, ...]:
    return tuple(f.strip() for f in text.split(",") if f.strip()) or ("INBOX",)


# ------------------------------------------------------------ writing


def toml_string(text: str) -> str:
    """A TOML basic string; escapes what TOML forbids raw (quotes, backslash, control chars)."""
    named = {'"': '\\"', "\\": "\\\\", "\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r"}  # fmt: skip
    out = []
    for ch in text:
        if ch in named:
            out.append(named[ch])
        elif ord(ch) < 0x20 or ch == "\x7f":
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def identity(answers: Answers) -> str | None:
    """The drafts' From: "Name <address>", quoting a name that needs it (RFC 5322)."""
    if not answers.name:
        return answers.email if answers.username != answers.email else None
    name = answers.name
    if re.search(r'[()<>\[\]:;@\\,."]', name):
        name = '"' + name.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return f"{name} <{answers.email}>"


def render_config(answers: Answers) -> str:
    """The config file for these answers. Holds where the secret comes from, never the secret."""
    if not _BARE_KEY.fullmatch(answers.account):
        raise InputError(
            f"{answers.account!r} cannot be an account name",
            "use letters, digits, '-' and '_' only (e.g. work)",
        )
    account: list[tuple[str, str]] = [
        ("host", toml_string(answers.host)),
        ("port", str(answers.port)),
        ("security", toml_string(answers.security)),
        ("username", toml_string(answers.username)),
    ]
    if answers.auth != "password":
        account.append(("auth", toml_string(answers.auth)))
    for key in ("password_command", "password_env", "password_credential", "oauth2_token_command"):
        value = getattr(answers, key)
        if value:
            account.append((key, toml_string(value)))
    if answers.keyring:
        account.append(("keyring", "true"))
    if answers.ca_file is not None:
        account.append(("ca_file", toml_string(str(answers.ca_file))))
    account.append(("folders", "[" + ", ".join(toml_string(f) for f in answers.folders) + "]"))
    sender = identity(answers)
    if sender:
        account.append(("from", toml_string(sender)))
    lines = [
        "# Written by `rejoinder init`. No password is stored here: it comes from the",
        "# source named below each time Rejoinder logs in. Every setting is described",
        "# in the README; check the file with `rejoinder check`.",
        "",
        f"[accounts.{answers.account}]",
        *(f"{key} = {value}" for key, value in account),
    ]
    drafts = [
        (k, v) for k, v in (("user_name", answers.name), ("signature", answers.signature)) if v
    ]
    if drafts:
        lines += ["", "[drafts]", *(f"{key} = {toml_string(value)}" for key, value in drafts)]
    return "\n".join(lines) + "\n"


def validate(text: str, path: Path) -> Config:
    """The config as Rejoinder will load it (raises ConfigError listing every problem)."""
    return parse_config(tomllib.loads(text), path)


def refuse_to_overwrite(path: Path, force: bool) -> None:
    if path.exists() and not force:
        raise InputError(
            f"{path} already exists",
            "rerun with --force to replace it, or --config PATH to write another file",
        )


def write_config(path: Path, text: str, *, force: bool) -> None:
    """Write atomically with mode 0600 (its directory 0700 when created here)."""
    refuse_to_overwrite(path, force)
    paths.ensure_private_dir(path.parent)
    # mkstemp creates the file 0600 from the start: never a moment it is readable by others.
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    _fsync_directory(path.parent)


def _fsync_directory(directory: Path) -> None:
    fd = os.open(directory, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


# ------------------------------------------------------------ the whole step


Checker = Callable[[AccountConfig], "CheckReport"]


@dataclass(frozen=True)
class InitResult:
    path: Path
    config: Config
    checked: CheckReport | None  # None when the login was not tested
    skipped_check: str | None  # why the connection was not tested


def check_skip_reason(account: AccountConfig) -> str | None:
    """Why the login cannot be tested from here (a systemd credential exists only in the service)."""
    if account.password_credential and not os.environ.get("CREDENTIALS_DIRECTORY"):
        return (
            f"the password is the systemd credential {account.password_credential!r}, which "
            "only the service can read; after installing it, see 'rejoinder service logs'"
        )
    return None


def create_config(
    answers: Answers, path: Path, *, force: bool, check: Checker | None
) -> InitResult:
    """Validate, test the login (unless ``check`` is None), then write the config.

    Nothing is written when the login fails: a config that cannot log in
    would only fail later, inside the service.
    """
    refuse_to_overwrite(path, force)
    text = render_config(answers)
    config = validate(text, path)
    account = config.accounts[0]
    skipped = "--no-check was given" if check is None else check_skip_reason(account)
    report = check(account) if check is not None and skipped is None else None
    write_config(path, text, force=force)
    return InitResult(path=path, config=config, checked=report, skipped_check=skipped)


def offer_keyring_storage(answers: Answers, prompter: Prompter | None) -> bool:
    """With keyring chosen and nothing stored yet, offer to store the password now.

    Returns True when a password was stored. The password goes straight from
    a hidden prompt to the keyring; it is not kept or written anywhere else.
    """
    from rejoinder.daemon.credentials import from_keyring, store_in_keyring

    if not answers.keyring or prompter is None:
        return False
    try:
        from_keyring(answers.username, answers.account)
        return False  # already there
    except CredentialError as error:
        if "holds no password" not in error.what:
            raise
    if not prompter.confirm(
        f"Store the password for {answers.username} in your keyring now?", True
    ):
        return False
    store_in_keyring(answers.username, prompter.secret("Password (not shown)"))
    return True


def answer_fields() -> tuple[str, ...]:
    """The names of every answer (each has a command-line flag)."""
    return tuple(f.name for f in fields(Answers))
