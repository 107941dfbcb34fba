"""Loading ``config.toml`` into frozen dataclasses.

Validation collects every problem before failing, so the user fixes the file
in one go; unknown keys are warned about (a typo must not silently fall back
to a default). The file may hold account settings, so it must not be readable
by others.
"""

from __future__ import annotations

import ipaddress
import logging
import stat
import tomllib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from rejoinder.daemon.errors import ConfigError, ConfigProblem

log = logging.getLogger(__name__)

Security = Literal["tls", "starttls", "plain"]
FeedbackRequest = Literal["same_draft", "follow_up", "never"]
Tone = Literal["warm", "brief", "formal"]
Auth = Literal["password", "xoauth2"]

MISSED_FOLDER = "Rejoinder/Missed rejections"
NOT_REJECTION_FOLDER = "Rejoinder/Not rejections"
RETRAIN_AFTER = 5  # as personal.DEFAULT_MIN_NEW (not imported: config stays free of the model)


@dataclass(frozen=True)
class AccountConfig:
    name: str
    host: str
    username: str
    port: int = 993
    security: Security = "tls"
    auth: Auth = "password"
    password_command: str | None = None
    password_env: str | None = None
    password_credential: str | None = None
    keyring: bool = False  # the password is in the system keyring (service "rejoinder")
    oauth2_token_command: str | None = None
    ca_file: Path | None = None
    folders: tuple[str, ...] = ("INBOX",)
    drafts_folder: str | None = None
    sent_folder: str | None = None  # where replies are looked for; default: \\Sent, then names
    from_: str | None = None  # "Name <addr>"; defaults to username when it is an address
    backfill_days: int | None = None  # None: use [daemon] backfill_days
    # Learning from the mail client: Rejoinder creates these two folders and reads what the
    # user copies or moves into them (a rejection it missed; a message it took for one).
    # "/" separates levels whatever the server's delimiter (see daemon/learning.py).
    learn_folders: bool = False
    missed_folder: str = MISSED_FOLDER
    not_rejection_folder: str = NOT_REJECTION_FOLDER


@dataclass(frozen=True)
class DraftsConfig:
    quote_original: bool = True
    feedback_request: FeedbackRequest = "same_draft"
    feedback_delay_days: int = 3
    tone: Tone = "warm"
    user_name: str | None = None
    sign_off: str | None = None
    signature: str | None = None


@dataclass(frozen=True)
class ClassifierConfig:
    # score >= draft_threshold: rejection (draft); >= unsure_threshold: journal for review only
    draft_threshold: float = 0.4
    unsure_threshold: float = 0.25
    # The daemon trains a personal model once this many new corrections came in (0: never;
    # 'rejoinder train --personal' still does). Adopted only if it is not worse.
    retrain_after_corrections: int = RETRAIN_AFTER


@dataclass(frozen=True)
class DaemonConfig:
    backfill_days: int = 14
    idle_renew_minutes: float = 10.0
    poll_seconds: float = 60.0
    safety_poll_minutes: float = 15.0
    max_message_bytes: int = 25 * 1024 * 1024
    timeout_seconds: float = 60.0


@dataclass(frozen=True)
class Config:
    path: Path | None
    accounts: tuple[AccountConfig, ...] = ()
    drafts: DraftsConfig = field(default_factory=DraftsConfig)
    classifier: ClassifierConfig = field(default_factory=ClassifierConfig)
    daemon: DaemonConfig = field(default_factory=DaemonConfig)

    def account(self, name: str) -> AccountConfig | None:
        return next((a for a in self.accounts if a.name == name), None)


# ---------------------------------------------------------------- validation


class _Collector:
    """Reads typed values out of a TOML table, recording problems instead of raising."""

    def __init__(self) -> None:
        self.problems: list[ConfigProblem] = []
        self.unknown: list[str] = []

    def add(self, key: str, problem: str, fix: str) -> None:
        self.problems.append(ConfigProblem(key, problem, fix))

    def check_keys(self, table: Mapping[str, Any], prefix: str, known: set[str]) -> None:
        self.unknown.extend(f"{prefix}{k}" for k in table if k not in known)

    def get(
        self,
        table: Mapping[str, Any],
        key: str,
        prefix: str,
        kind: type | tuple[type, ...],
        default: Any,
        fix: str,
    ) -> Any:
        if key not in table:
            return default
        value = table[key]
        # bool is an int in Python; a number where a flag is expected is a mistake.
        wrong_bool = isinstance(value, bool) and bool not in _as_tuple(kind)
        if not isinstance(value, kind) or wrong_bool:
            self.add(f"{prefix}{key}", f"expected {_kind_name(kind)}, got {value!r}", fix)
            return default
        return value

    def choice(
        self,
        table: Mapping[str, Any],
        key: str,
        prefix: str,
        choices: tuple[str, ...],
        default: str,
    ) -> str:
        fix = "use one of " + ", ".join(f'"{c}"' for c in choices)
        value = self.get(table, key, prefix, str, default, fix)
        if value not in choices:
            self.add(f"{prefix}{key}", f"unknown value {value!r}", fix)
            return default
        return str(value)

    def number(
        self,
        table: Mapping[str, Any],
        key: str,
        prefix: str,
        default: float,
        low: float,
        high: float,
        integer: bool = False,
    ) -> Any:
        kind: tuple[type, ...] = (int,) if integer else (int, float)
        fix = f"use a {'whole ' if integer else ''}number from {low:g} to {high:g}"
        value = self.get(table, key, prefix, kind, default, fix)
        if not low <= value <= high:
            self.add(f"{prefix}{key}", f"{value!r} is out of range", fix)
            return default
        return value


def _as_tuple(kind: type | tuple[type, ...]) -> tuple[type, ...]:
    return kind if isinstance(kind, tuple) else (kind,)


def _kind_name(kind: type | tuple[type, ...]) -> str:
    names = {str: "a string", int: "a whole number", float: "a number", bool: "true or false"}
    names |= {list: "a list", dict: "a table"}
    return " or ".join(names.get(k, k.__name__) for k in _as_tuple(kind))


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


_ACCOUNT_KEYS = {
    "host",
    "port",
    "security",
    "auth",
    "username",
    "password_command",
    "password_env",
    "password_credential",
    "keyring",
    "oauth2_token_command",
    "ca_file",
    "folders",
    "drafts_folder",
    "sent_folder",
    "from",
    "backfill_days",
    "learn_folders",
    "missed_folder",
    "not_rejection_folder",
}


def _account(name: str, table: Mapping[str, Any], c: _Collector, base: Path) -> AccountConfig:
    p = f"accounts.{name}."
    c.check_keys(table, p, _ACCOUNT_KEYS)
    host = c.get(table, "host", p, str, "", 'set it to your IMAP server, e.g. "imap.example.com"')
    username = c.get(table, "username", p, str, "", "set it to your login name")
    for key, value in (("host", host), ("username", username)):
        if not value:
            c.add(p + key, "is missing", f'add {key} = "..." to [accounts.{name}]')
    security = c.choice(table, "security", p, ("tls", "starttls", "plain"), "tls")
    default_port = 993 if security == "tls" else 143
    port = c.number(table, "port", p, default_port, 1, 65535, integer=True)
    if security == "plain" and host and not _is_loopback(host):
        c.add(
            p + "security",
            '"plain" sends your password unencrypted and is only allowed for loopback hosts',
            'use "tls" or "starttls"',
        )
    auth = c.choice(table, "auth", p, ("password", "xoauth2"), "password")
    sources = _credential_sources(table, p, c, auth, name)
    folders = c.get(table, "folders", p, list, ["INBOX"], 'use a list, e.g. ["INBOX"]')
    if not folders or not all(isinstance(f, str) and f for f in folders):
        c.add(p + "folders", "must be a non-empty list of folder names", 'e.g. ["INBOX"]')
        folders = ["INBOX"]
    ca_file = _ca_file(table, p, c, base)
    from_ = c.get(table, "from", p, str, None, 'e.g. "Ada Lovelace <ada@example.com>"')
    if from_ is None and "@" not in username:
        c.add(
            p + "from",
            "is needed because username is not an email address",
            'add from = "Your Name <you@example.com>"',
        )
    backfill = None
    if "backfill_days" in table:
        backfill = c.number(table, "backfill_days", p, 14, 0, 3650, integer=True)
    drafts_folder = c.get(table, "drafts_folder", p, str, None, 'e.g. "Drafts"')
    sent_folder = c.get(table, "sent_folder", p, str, None, 'e.g. "Sent"')
    learning = _learn_folders(table, p, c, (*folders, *([drafts_folder] if drafts_folder else [])))
    return AccountConfig(
        name=name,
        host=host,
        username=username,
        port=port,
        security=security,  # type: ignore[arg-type]
        auth=auth,  # type: ignore[arg-type]
        ca_file=ca_file,
        folders=tuple(folders),
        drafts_folder=drafts_folder,
        sent_folder=sent_folder,
        from_=from_,
        backfill_days=backfill,
        **learning,
        **sources,
    )


def _learn_folders(
    table: Mapping[str, Any], p: str, c: _Collector, taken: Sequence[str]
) -> dict[str, Any]:
    """learn_folders and the two folder names: distinct, and none of the other folders."""
    values: dict[str, Any] = {
        "learn_folders": c.get(table, "learn_folders", p, bool, False, "use true or false")
    }
    seen: dict[str, str] = {}
    for key, default in (
        ("missed_folder", MISSED_FOLDER),
        ("not_rejection_folder", NOT_REJECTION_FOLDER),
    ):
        fix = f'use "/" between levels, e.g. "{default}"'
        name = c.get(table, key, p, str, default, fix)
        if not name.strip() or any(not part.strip() for part in name.split("/")):
            c.add(p + key, f"{name!r} is not a folder name", fix)
            name = default
        elif name.casefold() == "inbox" or name in taken:
            c.add(p + key, f"{name!r} is a folder Rejoinder already watches or drafts into",
                  "give a folder of its own (it is created when missing)")  # fmt: skip
        elif name in seen:
            c.add(p + key, f"is the same folder as {seen[name]}", "give each its own folder")
        seen.setdefault(name, key)
        values[key] = name
    return values


def _credential_sources(
    table: Mapping[str, Any], p: str, c: _Collector, auth: str, name: str
) -> dict[str, Any]:
    keys = ("password_command", "password_env", "password_credential", "oauth2_token_command")
    values = {k: c.get(table, k, p, str, None, "use a string") for k in keys}
    keyring = c.get(table, "keyring", p, bool, False, "use true or false")
    if auth == "xoauth2":
        if not values["oauth2_token_command"]:
            c.add(
                p + "oauth2_token_command",
                'is required with auth = "xoauth2"',
                "set it to a command that prints a fresh access token",
            )
    else:
        given = [k for k in keys[:3] if values[k]] + (["keyring"] if keyring else [])
        if not given:
            c.add(
                p + "password_command",
                "no password source is set",
                f'add password_command = "pass show mail/{name}", password_env = "VAR" or keyring = true',
            )
        elif len(given) > 1:
            c.add(p + given[1], f"conflicts with {given[0]}", "keep exactly one password source")
    return {**values, "keyring": keyring}


def _ca_file(table: Mapping[str, Any], p: str, c: _Collector, base: Path) -> Path | None:
    raw = c.get(table, "ca_file", p, str, None, "give the path of a PEM certificate file")
    if raw is None:
        return None
    path = Path(raw).expanduser()
    path = path if path.is_absolute() else base / path
    if not path.is_file():
        c.add(p + "ca_file", f"{path} does not exist", "give the path of a PEM certificate file")
    return path


_DRAFT_KEYS = {f for f in DraftsConfig.__dataclass_fields__}


def _drafts(table: Mapping[str, Any], c: _Collector) -> DraftsConfig:
    p = "drafts."
    c.check_keys(table, p, _DRAFT_KEYS)
    return DraftsConfig(
        quote_original=c.get(table, "quote_original", p, bool, True, "use true or false"),
        feedback_request=c.choice(  # type: ignore[arg-type]
            table, "feedback_request", p, ("same_draft", "follow_up", "never"), "same_draft"
        ),
        feedback_delay_days=c.number(table, "feedback_delay_days", p, 3, 0, 60, integer=True),
        tone=c.choice(table, "tone", p, ("warm", "brief", "formal"), "warm"),  # type: ignore[arg-type]
        user_name=c.get(table, "user_name", p, str, None, 'e.g. "Ada Lovelace"'),
        sign_off=c.get(table, "sign_off", p, str, None, 'e.g. "Best wishes,"'),
        signature=c.get(table, "signature", p, str, None, "use a (multi-line) string"),
    )


def _classifier(table: Mapping[str, Any], c: _Collector) -> ClassifierConfig:
    p = "classifier."
    c.check_keys(table, p, set(ClassifierConfig.__dataclass_fields__))
    draft = c.number(table, "draft_threshold", p, 0.4, 0.0, 1.0)
    unsure = c.number(table, "unsure_threshold", p, 0.25, 0.0, 1.0)
    if unsure > draft:
        c.add(
            p + "unsure_threshold",
            f"{unsure} is above draft_threshold {draft}",
            "make unsure_threshold lower than draft_threshold",
        )
    retrain = c.number(
        table, "retrain_after_corrections", p, RETRAIN_AFTER, 0, 10_000, integer=True
    )
    return ClassifierConfig(
        draft_threshold=float(draft),
        unsure_threshold=float(unsure),
        retrain_after_corrections=retrain,
    )


def _daemon(table: Mapping[str, Any], c: _Collector) -> DaemonConfig:
    p = "daemon."
    c.check_keys(table, p, set(DaemonConfig.__dataclass_fields__))
    return DaemonConfig(
        backfill_days=c.number(table, "backfill_days", p, 14, 0, 3650, integer=True),
        # RFC 2177: servers may drop an IDLE after 30 minutes; renew well before.
        idle_renew_minutes=float(c.number(table, "idle_renew_minutes", p, 10.0, 1, 28)),
        poll_seconds=float(c.number(table, "poll_seconds", p, 60.0, 5, 3600)),
        safety_poll_minutes=float(c.number(table, "safety_poll_minutes", p, 15.0, 1, 15)),
        max_message_bytes=c.number(
            table, "max_message_bytes", p, 25 * 1024 * 1024, 64 * 1024, 1 << 30, integer=True
        ),
        timeout_seconds=float(c.number(table, "timeout_seconds", p, 60.0, 5, 600)),
    )


_SECTIONS: dict[str, Callable[[Mapping[str, Any], _Collector], Any]] = {
    "drafts": _drafts,
    "classifier": _classifier,
    "daemon": _daemon,
}


def parse_config(data: Mapping[str, Any], path: Path | None = None) -> Config:
    """Validate a parsed TOML document. Raises ConfigError listing every problem."""
    c = _Collector()
    c.check_keys(data, "", {"accounts", *_SECTIONS})
    sections: dict[str, Any] = {}
    for name, build in _SECTIONS.items():
        table = c.get(data, name, "", dict, {}, f"make [{name}] a table")
        sections[name] = build(table, c)
    accounts_table = c.get(data, "accounts", "", dict, {}, "use [accounts.NAME] tables")
    base = path.parent if path else Path.cwd()
    accounts = []
    for name, table in accounts_table.items():
        if not isinstance(table, dict):
            c.add(f"accounts.{name}", "must be a table", f"write it as [accounts.{name}]")
            continue
        accounts.append(_account(name, table, c, base))
    for key in c.unknown:
        log.warning("%s: unknown setting %r is ignored (check its spelling)", path or "config", key)
    if c.problems:
        raise ConfigError(str(path or "config"), c.problems)
    return Config(path=path, accounts=tuple(accounts), **sections)


def load_config(path: Path, *, required: bool = False) -> Config:
    """Read and validate the config file. A missing file means defaults unless ``required``."""
    if not path.exists():
        if required:
            raise ConfigError(
                str(path),
                [ConfigProblem("(file)", "does not exist", "create it with 'rejoinder init'")],
            )
        return Config(path=None)
    _refuse_if_readable_by_others(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(
            str(path), [ConfigProblem("(syntax)", str(exc), "fix the TOML syntax")]
        ) from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(
            str(path), [ConfigProblem("(file)", str(exc), "make it a readable UTF-8 file")]
        ) from exc
    return parse_config(data, path)


def _refuse_if_readable_by_others(path: Path) -> None:
    mode = path.stat().st_mode
    if mode & (stat.S_IRWXG | stat.S_IRWXO):
        raise ConfigError(
            str(path),
            [
                ConfigProblem(
                    "(permissions)",
                    f"is readable by other users (mode {stat.S_IMODE(mode):o}) and may hold account secrets",
                    f"run: chmod 600 {path}",
                )
            ],
        )
