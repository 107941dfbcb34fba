"""Domain exceptions. Each carries data and knows how to say, in one sentence,
what broke and what to do about it. The CLI has one handler that prints
``str(error)`` and exits with ``error.exit_code`` (sysexits.h values)."""

from __future__ import annotations

from dataclasses import dataclass


class RejoinderError(Exception):
    """Base class: ``what`` went wrong, ``fix`` is what the user should do."""

    exit_code = 70  # EX_SOFTWARE

    def __init__(self, what: str, fix: str = "") -> None:
        super().__init__(what)
        self.what = what
        self.fix = fix

    def __str__(self) -> str:
        return f"{self.what}: {self.fix}" if self.fix else self.what


@dataclass(frozen=True)
class ConfigProblem:
    key: str  # dotted key, e.g. "accounts.work.port"
    problem: str
    fix: str

    def __str__(self) -> str:
        return f"{self.key}: {self.problem} ({self.fix})"


class ConfigError(RejoinderError):
    """The configuration cannot be used; lists every problem found, not just the first."""

    exit_code = 78  # EX_CONFIG

    def __init__(self, path: str, problems: list[ConfigProblem]) -> None:
        self.path = path
        self.problems = problems
        lines = "; ".join(str(p) for p in problems)
        super().__init__(f"{path} has {len(problems)} problem(s): {lines}")


class InputError(RejoinderError):
    """A path or argument given on the command line cannot be used."""

    exit_code = 66  # EX_NOINPUT


class ModelError(RejoinderError):
    """The classifier model is missing, corrupt or was built for another scikit-learn."""

    exit_code = 69  # EX_UNAVAILABLE


class TemplateError(RejoinderError):
    """A reply template is unsafe, broken or renders badly."""

    exit_code = 65  # EX_DATAERR


class JournalError(RejoinderError):
    """The state database cannot be opened or written."""

    exit_code = 74  # EX_IOERR


class MailboxError(RejoinderError):
    """Base for failures talking to a mailbox (IMAP server or local store)."""

    exit_code = 69  # EX_UNAVAILABLE


class DnsError(MailboxError):
    exit_code = 68  # EX_NOHOST


class ConnectionRefusedMailboxError(MailboxError):
    exit_code = 69  # EX_UNAVAILABLE


class TlsError(MailboxError):
    exit_code = 76  # EX_PROTOCOL


class AuthError(MailboxError):
    exit_code = 77  # EX_NOPERM


class FolderMissingError(MailboxError):
    exit_code = 72  # EX_OSFILE: a folder the config names does not exist


class DraftsRefusedError(MailboxError):
    """The server would not store a draft for a reason of its own (over quota, Drafts
    gone, temporarily unavailable): the pass fails, the message is not to blame."""

    exit_code = 75  # EX_TEMPFAIL


class MailboxTimeoutError(MailboxError):
    exit_code = 75  # EX_TEMPFAIL


class CredentialError(MailboxError):
    """The password/token source failed (command exited non-zero, variable unset...)."""

    exit_code = 77  # EX_NOPERM
