"""Getting an account's secret (password or OAuth2 token) from where the user keeps it.

The secret is never logged, never put in an exception message, and never on a
command line: ``password_command`` runs without a shell, its output is read
from a pipe, and only its stderr is shown when it fails.

Sources, one per account: ``password_command`` (e.g. ``pass show mail/work``),
``password_env`` (a variable), ``password_credential`` (a systemd credential
under ``$CREDENTIALS_DIRECTORY``), ``keyring = true`` (the system keyring via
the optional ``keyring`` package), and for ``auth = "xoauth2"`` an
``oauth2_token_command`` that prints a fresh access token (oama, mutt_oauth2.py).
"""

from __future__ import annotations

import contextlib
import importlib
import logging
import os
import shlex
import signal
import subprocess
from pathlib import Path
from typing import Any

from rejoinder.daemon.config import AccountConfig
from rejoinder.daemon.errors import CredentialError

log = logging.getLogger(__name__)

COMMAND_TIMEOUT = 30.0  # seconds; a password manager may ask for a passphrase first
KEYRING_SERVICE = "rejoinder"
STDERR_SHOWN = 500  # characters of a failing command's stderr worth showing


def secret_for(account: AccountConfig) -> str:
    """The password, or the OAuth2 access token when ``auth = "xoauth2"``."""
    if account.auth == "xoauth2":
        if not account.oauth2_token_command:
            raise CredentialError(
                f'account {account.name!r} uses auth = "xoauth2" without oauth2_token_command',
                "set it to a command that prints a fresh access token (e.g. oama access ADDRESS)",
            )
        return run_secret_command(
            account.oauth2_token_command, f"accounts.{account.name}.oauth2_token_command"
        )
    if account.password_command:
        return run_secret_command(
            account.password_command, f"accounts.{account.name}.password_command"
        )
    if account.password_env:
        return _from_env(account.password_env, account.name)
    if account.password_credential:
        return _from_credentials_dir(account.password_credential, account.name)
    if account.keyring:
        return from_keyring(account.username, account.name)
    raise CredentialError(
        f"account {account.name!r} has no password source",
        "set password_command, password_env, password_credential or keyring = true",
    )


def run_secret_command(command: str, key: str) -> str:
    """Run ``command`` (no shell) and return the first line it prints.

    ``key`` names the setting in messages. The command's output is the secret,
    so it is never logged; its stderr is shown when it fails, because that is
    where password managers explain what they need.
    """
    argv = _split(command, key)
    log.debug("running %s (%s)", key, argv[0])
    stdout, stderr, status = _run(argv, key)
    if status != 0:
        text = _printable(stderr.decode("utf-8", "replace")).strip()[-STDERR_SHOWN:]
        raise CredentialError(
            f"{key} exited with status {status}" + (f": {text}" if text else ""),
            "run the command yourself to see what it needs",
        )
    # The secret is the first line: password managers often print metadata after it.
    lines = stdout.decode("utf-8", "replace").splitlines()
    secret = lines[0].strip() if lines else ""
    if not secret:
        raise CredentialError(
            f"{key} printed nothing", "make it print the secret on its first line"
        )
    return secret


def _split(command: str, key: str) -> list[str]:
    try:
        argv = shlex.split(command)
    except ValueError as exc:
        raise CredentialError(
            f"{key} cannot be split into words ({exc})", "check its quoting"
        ) from exc
    if not argv:
        raise CredentialError(f"{key} is empty", "set it to a command that prints the secret")
    return argv


def _run(argv: list[str], key: str) -> tuple[bytes, bytes, int]:
    """(stdout, stderr, exit status); on timeout the command's whole process group is killed.

    Its own process group, so a helper that spawned children (a shell script
    calling gpg, say) cannot keep the pipes open after the kill and hang us.
    """
    try:
        process = subprocess.Popen(
            argv,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            process_group=0,
        )
    except FileNotFoundError as exc:
        raise CredentialError(
            f"{key}: program {argv[0]!r} not found", "install it or give its full path"
        ) from exc
    except OSError as exc:
        raise CredentialError(
            f"{key}: {argv[0]!r} could not be started ({exc.strerror})", "check the command"
        ) from exc
    try:
        stdout, stderr = process.communicate(timeout=COMMAND_TIMEOUT)
    except subprocess.TimeoutExpired as exc:
        _kill_group(process)
        raise CredentialError(
            f"{key} did not finish within {COMMAND_TIMEOUT:g} s",
            "make sure it runs without asking for input (unlock the password store first)",
        ) from exc
    return stdout, stderr, process.returncode


def _kill_group(process: subprocess.Popen[bytes]) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.communicate()


def _printable(text: str) -> str:
    """Control characters out, so a helper's stderr cannot repaint the user's terminal."""
    return "".join(ch if ch.isprintable() or ch in "\n\t" else "?" for ch in text).replace(
        "\n", " "
    )


def _from_env(variable: str, account: str) -> str:
    value = os.environ.get(variable)
    if not value:
        raise CredentialError(
            f"account {account!r}: environment variable {variable} is not set or empty",
            f"export {variable} before starting Rejoinder",
        )
    return value


def _from_credentials_dir(name: str, account: str) -> str:
    directory = os.environ.get("CREDENTIALS_DIRECTORY")
    if not directory:
        raise CredentialError(
            f"account {account!r}: password_credential needs systemd's $CREDENTIALS_DIRECTORY, "
            "which is only set inside the service",
            f"add LoadCredential={name}:/path/to/secret to the service, or use password_command",
        )
    if "/" in name or name in {"", ".", ".."}:
        raise CredentialError(
            f"account {account!r}: password_credential {name!r} is not a credential name",
            "use the name given to LoadCredential=NAME:/path (no slashes)",
        )
    path = Path(directory) / name
    try:
        value = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise CredentialError(
            f"account {account!r}: credential {name!r} cannot be read ({exc.strerror})",
            f"check LoadCredential={name}:… in the service",
        ) from exc
    if not value or not value[0]:
        raise CredentialError(
            f"account {account!r}: credential {name!r} is empty", "put the password in it"
        )
    return value[0]


def from_keyring(username: str, account: str) -> str:
    """The password stored in the system keyring under service "rejoinder" and ``username``."""
    backend = _keyring_module()
    try:
        value = backend.get_password(KEYRING_SERVICE, username)
    except Exception as exc:  # keyring backends raise their own types (D-Bus, locked...)
        raise CredentialError(
            f"account {account!r}: the keyring could not be read ({_describe(exc)})",
            "unlock your keyring (log in to the desktop session), or use password_command",
        ) from None
    if not value:
        raise CredentialError(
            f"account {account!r}: the keyring holds no password for {username!r} "
            f"(service {KEYRING_SERVICE!r})",
            f"store it with: keyring set {KEYRING_SERVICE} {username}",
        )
    return str(value)


def store_in_keyring(username: str, secret: str) -> None:
    """Save the password in the system keyring (used by ``rejoinder init``)."""
    backend = _keyring_module()
    try:
        backend.set_password(KEYRING_SERVICE, username, secret)
    except Exception as exc:
        raise CredentialError(
            f"the password could not be stored in the keyring ({type(exc).__name__})",
            "unlock your keyring, or choose another password source",
        ) from None


def _keyring_module() -> Any:
    try:
        # An optional dependency (the "keyring" extra); imported by name so that
        # type-checking works whether or not it is installed.
        keyring = importlib.import_module("keyring")
    except ImportError:
        raise CredentialError(
            "keyring = true needs the Python package 'keyring', which is not installed",
            "install it with: pip install 'rejoinder[keyring]' (or use password_command)",
        ) from None
    return keyring


def _describe(exc: Exception) -> str:
    text = " ".join(str(exc).split())[:200]
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__
