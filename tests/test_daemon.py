"""The daemon against a real Dovecot: config contract, check/once/status, exactly-once
drafts, cursors across UIDVALIDITY changes, backfill, batching, bad messages, and
the long-running loop (IDLE, reconnects, several accounts) in a thread.

`rejoinder run` as a process (signals, kill -9) is in test_daemon_process.py.
"""

from __future__ import annotations

import email
import fcntl
import json
import logging
import random
import re
import threading
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from email.message import Message
from pathlib import Path
from typing import Any, TypeVar

import pytest
from click.testing import CliRunner, Result
from dovecot import DovecotServer, ImapUser, free_port, new_user
from test_daemon_mail import (
    BODY_MARKER,
    USER_FROM,
    message_id,
    ordinary,
    rejection,
)

from rejoinder.classifier.classify import Classifier
from rejoinder.classifier.message import ParsedMessage
from rejoinder.classifier.result import Classification
from rejoinder.daemon import imap as imap_module
from rejoinder.daemon import passlock, paths, watcher
from rejoinder.daemon.cli import cli
from rejoinder.daemon.config import AccountConfig, Config, load_config
from rejoinder.daemon.errors import DraftsRefusedError, MailboxError
from rejoinder.daemon.imap import ImapSession, ImapSettings
from rejoinder.daemon.journal import Journal
from rejoinder.daemon.pipeline import draft_ref
from rejoinder.daemon.watcher import AccountWorker, Daemon, PassStats, connect_account

imap = pytest.mark.imap
FIXTURES = Path(__file__).parent / "fixtures" / "mail"
T = TypeVar("T")


# -- helpers ------------------------------------------------------------------------


def _toml(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    return json.dumps(str(value))  # JSON string escapes are valid TOML basic strings


def account_table(user: ImapUser, **overrides: object) -> dict[str, object]:
    """A [accounts.NAME] table for a test user: STARTTLS, trusting the test CA."""
    table: dict[str, object] = {
        "host": user.host,
        "port": user.imap_port,
        "security": "starttls",
        "username": user.name,
        # %s: a password may start with "-", which printf would take for an option.
        "password_command": f"printf %s {user.password}",
        "ca_file": str(user.ca_file),
        "from": USER_FROM,
    }
    table.update(overrides)
    return {key: value for key, value in table.items() if value is not None}


def write_config(
    path: Path, accounts: Mapping[str, Mapping[str, object]], **sections: Mapping[str, object]
) -> Path:
    lines = []
    for section, table in sections.items():
        lines.append(f"[{section}]")
        lines.extend(f"{key} = {_toml(value)}" for key, value in table.items())
    for name, table in accounts.items():
        lines.append(f"[accounts.{name}]")
        lines.extend(f"{key} = {_toml(value)}" for key, value in table.items())
    path.write_text("\n".join(lines) + "\n")
    path.chmod(0o600)
    return path


def rejoinder(config: Path, *args: str) -> Result:
    return CliRunner().invoke(cli, ["--config", str(config), *args], catch_exceptions=False)


def drafts_of(user: ImapUser, folder: str = "Drafts") -> list[tuple[frozenset[str], Message]]:
    """(flags, parsed message) of every message in the user's drafts folder, read-only."""
    with user.server.client(user.name) as client:
        typ, data = client.select(f'"{folder}"', readonly=True)
        assert typ == "OK", data
        if int(data[0] or 0) == 0:
            return []
        typ, data = client.uid("FETCH", "1:*", "(FLAGS BODY.PEEK[])")
        assert typ == "OK", data
    found = []
    for item in data:
        if isinstance(item, tuple):
            flags = re.search(rb"FLAGS \(([^)]*)\)", item[0])
            assert flags is not None
            found.append(
                (frozenset(flags.group(1).decode().split()), email.message_from_bytes(item[1]))
            )
    return found


def draft_refs(user: ImapUser, folder: str = "Drafts") -> list[str]:
    return [str(msg["X-Rejoinder-Ref"]).strip() for _, msg in drafts_of(user, folder)]


def wait_for(what: str, probe: Callable[[], T], timeout: float = 20.0) -> T:
    """Poll until ``probe`` returns something truthy (a liveness bound, not a speed target)."""
    deadline = time.monotonic() + timeout
    while True:
        value = probe()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.1)


def journal() -> Journal:
    return Journal.open(paths.journal_file())


def account(user: ImapUser, name: str = "work", **overrides: object) -> AccountConfig:
    table = account_table(user, **overrides)
    table.pop("password_command")
    return AccountConfig(
        name=name,
        host=str(table["host"]),
        username=user.name,
        port=int(table["port"]),  # type: ignore[call-overload]
        security=table["security"],  # type: ignore[arg-type]
        password_command=f"printf %s {user.password}",
        ca_file=Path(str(table["ca_file"])),
        folders=tuple(table.get("folders", ("INBOX",))),  # type: ignore[arg-type]
        drafts_folder=table.get("drafts_folder"),  # type: ignore[arg-type]
        from_=USER_FROM,
    )


def daemon_for(
    accounts: Sequence[AccountConfig], classifier: Any, **daemon_settings: Any
) -> Daemon:
    from rejoinder.daemon.config import DaemonConfig

    config = Config(path=None, accounts=tuple(accounts), daemon=DaemonConfig(**daemon_settings))
    return Daemon(config=config, classifier=classifier, journal_path=paths.journal_file())


@contextmanager
def running(daemon: Daemon) -> Iterator[Daemon]:
    daemon.start()
    try:
        yield daemon
    finally:
        daemon.stop.set()
        assert daemon.join(10), "the workers did not stop"


def passes_done(name: str) -> int:
    with journal() as db:
        return sum(1 for s in db.account_statuses() if s.account == name and s.last_pass_at)


# -- config contract and check ----------------------------------------------------------


@imap
def test_config_keys_reach_the_accounts_and_one_once_serves_them_all(
    tmp_path: Path, dovecot_server: DovecotServer, fast_model: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, second = new_user(dovecot_server), new_user(dovecot_server)
    second.create_folder("Jobs")
    second.create_folder("Replies")
    monkeypatch.setenv("SECOND_IMAP_PASSWORD", second.password)
    config_path = write_config(
        tmp_path / "config.toml",
        {
            "home": account_table(first),
            "work": account_table(
                second,
                port=second.imaps_port,
                security="tls",
                password_command=None,
                password_env="SECOND_IMAP_PASSWORD",
                folders=["INBOX", "Jobs"],
                drafts_folder="Replies",
                **{"from": "Sam at Work <sam@work.example>"},
            ),
        },
    )
    config = load_config(config_path)
    work = config.account("work")
    assert work is not None
    assert (work.host, work.port, work.security) == ("127.0.0.1", second.imaps_port, "tls")
    assert (work.username, work.password_env, work.password_command) == (
        second.name,
        "SECOND_IMAP_PASSWORD",
        None,
    )
    assert work.ca_file == second.ca_file
    assert (work.folders, work.drafts_folder, work.from_) == (
        ("INBOX", "Jobs"),
        "Replies",
        "Sam at Work <sam@work.example>",
    )
    first.deliver(rejection(1))
    second.deliver(rejection(2, tag="work"), folder="Jobs")

    result = rejoinder(config_path, "once")

    assert result.exit_code == 0, result.output
    assert "home: 1 new, 1 rejection(s), 1 draft(s)" in result.output
    assert "work: 1 new, 1 rejection(s), 1 draft(s)" in result.output
    [(_, home_draft)] = drafts_of(first)
    assert home_draft["In-Reply-To"] == message_id(rejection(1))
    assert "sam@home.example" in home_draft["From"]
    [(_, work_draft)] = drafts_of(second, "Replies")
    assert work_draft["In-Reply-To"] == message_id(rejection(2, tag="work"))
    assert "sam@work.example" in work_draft["From"]  # the account's own identity
    assert drafts_of(second) == []


def test_plain_imap_to_another_machine_is_refused(tmp_path: Path) -> None:
    config_path = write_config(
        tmp_path / "config.toml",
        {
            "remote": {
                "host": "imap.example.org",
                "security": "plain",
                "username": "sam@example.org",
                "password_command": "printf %s secret",
            }
        },
    )
    result = rejoinder(config_path, "check")
    assert result.exit_code == 78
    assert "accounts.remote.security" in result.output
    assert "tls" in result.output


@imap
def test_check_names_folders_drafts_and_capabilities(tmp_path: Path, imap_user: ImapUser) -> None:
    imap_user.create_folder("Jobs")
    config_path = write_config(
        tmp_path / "config.toml",
        {
            "starttls": account_table(imap_user, folders=["INBOX", "Jobs"]),
            "loopback": account_table(imap_user, security="plain", ca_file=None),
        },
    )
    result = rejoinder(config_path, "check")
    assert result.exit_code == 0, result.output
    assert "watching: INBOX, Jobs" in result.output
    assert "drafts:   Drafts" in result.output
    for capability in ("IDLE", "UIDPLUS", "SPECIAL-USE", "CONDSTORE"):
        assert f"{capability} yes" in result.output
    assert "loopback: logged in" in result.output  # plain is fine on this machine

    only = rejoinder(config_path, "check", "loopback")
    assert only.exit_code == 0
    assert "starttls:" not in only.output


@imap
@pytest.mark.parametrize(
    ("problem", "exit_code", "fix"),
    [
        ("dns", 68, "check the host name"),
        ("refused", 69, "check the port"),
        ("tls", 76, "set ca_file"),
        ("auth", 77, "check the user name and password"),
        ("password_command", 77, "run the command yourself"),
        ("folder", 72, "fix accounts.work.folders"),
    ],
)
def test_each_check_failure_is_one_sentence_with_a_fix_and_its_own_exit_code(
    tmp_path: Path, imap_user: ImapUser, problem: str, exit_code: int, fix: str
) -> None:
    changes: dict[str, dict[str, object]] = {
        "dns": {"host": "imap.rejoinder.invalid", "security": "tls", "port": 993},
        "refused": {"port": free_port()},
        "tls": {"ca_file": None, "security": "tls", "port": imap_user.imaps_port},
        "auth": {"password_command": "printf %s wrong-password"},
        "password_command": {"password_command": "false"},
        "folder": {"folders": ["INBOX", "Applications"]},
    }
    config_path = write_config(
        tmp_path / "config.toml", {"work": account_table(imap_user, **changes[problem])}
    )
    result = rejoinder(config_path, "check")
    assert result.exit_code == exit_code, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1, result.output
    assert lines[0].startswith("rejoinder: ")
    assert fix in lines[0]
    assert imap_user.password not in result.output


@imap
def test_a_refused_login_is_never_mistaken_for_no_new_mail(
    tmp_path: Path, dovecot_server: DovecotServer, fast_model: None
) -> None:
    good, bad = new_user(dovecot_server), new_user(dovecot_server)
    good.deliver(rejection(1))
    config_path = write_config(
        tmp_path / "config.toml",
        {
            "good": account_table(good),
            "bad": account_table(bad, password_command="printf %s not-the-password"),
        },
    )
    result = rejoinder(config_path, "once")
    assert result.exit_code == 77, result.output  # the auth failure's own code
    assert "bad: failed:" in result.output
    assert "rejected the login" in result.output
    assert "good: 1 new, 1 rejection(s), 1 draft(s)" in result.output  # the other still ran

    status = rejoinder(config_path, "status")
    assert status.exit_code == 0
    bad_line = next(line for line in status.output.splitlines() if line.startswith("bad:"))
    assert "last successful pass never" in bad_line
    assert "rejected the login" in status.output
    assert re.search(r"good: last successful pass \d{4}-\d\d-\d\d", status.output)


# -- once: drafts, flags, cursors ----------------------------------------------------------------


@imap
def test_once_drafts_threaded_replies_and_leaves_the_originals_alone(
    tmp_path: Path, imap_user: ImapUser, fast_model: None
) -> None:
    threaded = rejection(2, stage="interview").replace(
        b"Message-ID:", b"References: <earlier-1@x.example> <earlier-2@x.example>\nMessage-ID:", 1
    )
    imap_user.deliver(rejection(1))  # unseen
    imap_user.deliver(threaded, flags=["\\Seen", "\\Flagged"])
    imap_user.deliver(ordinary(1))  # unseen
    imap_user.deliver(ordinary(2), flags=["\\Answered", "\\Seen"])
    before = imap_user.flags()
    assert any("\\Seen" not in flags for flags in before.values())  # unseen mail too
    config_path = write_config(tmp_path / "config.toml", {"work": account_table(imap_user)})

    first = rejoinder(config_path, "once")

    assert first.exit_code == 0, first.output
    assert "work: 4 new, 2 rejection(s), 2 draft(s)" in first.output
    assert imap_user.flags() == before  # nothing became \Seen, nothing else changed
    drafts = {msg["In-Reply-To"]: (flags, msg) for flags, msg in drafts_of(imap_user)}
    assert set(drafts) == {message_id(rejection(1)), message_id(threaded)}
    for original, (flags, draft) in drafts.items():
        assert {"\\Draft", "\\Seen"} <= flags
        assert draft["References"].split()[-1] == original
        assert draft["Subject"].startswith("Re: ")
        assert draft["X-Rejoinder-Ref"] == draft_ref("work", original)
    assert drafts[message_id(threaded)][1]["References"].split() == [
        "<earlier-1@x.example>",
        "<earlier-2@x.example>",
        message_id(threaded),
    ]
    assert drafts[message_id(rejection(1))][1]["To"] == (
        "Marcus Oyelaran <marcus@bluefin-robotics.example>"
    )
    with journal() as db:
        entries = db.entries()
        cursor = db.cursor("work", "INBOX")
    assert sorted(e.company or "" for e in entries) == ["Bluefin Robotics", "Larkspur Health"]
    assert {e.draft_status for e in entries} == {"created"}
    assert {e.stage for e in entries} == {"application", "interview"}
    assert cursor is not None
    assert cursor[1] == max(before)

    second = rejoinder(config_path, "once")
    assert "work: 0 new, 0 rejection(s), 0 draft(s)" in second.output
    assert len(drafts_of(imap_user)) == 2
    assert imap_user.flags() == before


@imap
def test_dry_run_drafts_nothing_and_records_nothing(
    tmp_path: Path, imap_user: ImapUser, fast_model: None
) -> None:
    imap_user.deliver(rejection(1))
    imap_user.deliver(ordinary(1))
    before = imap_user.flags()
    config_path = write_config(tmp_path / "config.toml", {"work": account_table(imap_user)})

    result = rejoinder(config_path, "once", "--dry-run")

    assert result.exit_code == 0, result.output
    assert "work: 2 new, 1 rejection(s), 0 draft(s) (dry run)" in result.output
    assert drafts_of(imap_user) == []
    assert imap_user.flags() == before
    with journal() as db:
        assert (db.entries(), db.counts(), db.account_statuses()) == ([], {}, [])
        assert db.cursor("work", "INBOX") is None
    # Nothing was remembered, so a real pass still drafts it.
    assert "1 draft(s)" in rejoinder(config_path, "once").output


@imap
def test_uidvalidity_changes_reset_cursors_but_never_redraft(
    tmp_path: Path, imap_user: ImapUser, dovecot_server: DovecotServer, fast_model: None
) -> None:
    imap_user.deliver(rejection(1))
    imap_user.deliver(rejection(2, tag="jobs"), folder="Jobs")
    config_path = write_config(
        tmp_path / "config.toml", {"work": account_table(imap_user, folders=["INBOX", "Jobs"])}
    )
    assert "2 draft(s)" in rejoinder(config_path, "once").output
    with journal() as db:
        old = {folder: db.cursor("work", folder) for folder in ("INBOX", "Jobs")}

    # INBOX cannot be deleted: give it a new UIDVALIDITY as a server restore would.
    dovecot_server.doveadm(
        "mailbox", "update", "-u", imap_user.name, "--uid-validity", "4242", "INBOX"
    )
    # A watched folder deleted and recreated by another client, with the same message back.
    imap_user.delete_folder("Jobs")
    imap_user.create_folder("Jobs")
    imap_user.append(rejection(2, tag="jobs"), folder="Jobs")
    imap_user.append(rejection(3, tag="jobs"), folder="Jobs")  # and one really new

    result = rejoinder(config_path, "once")

    assert "work: 1 new, 1 rejection(s), 1 draft(s)" in result.output  # only the new one
    refs = draft_refs(imap_user)
    assert sorted(refs) == sorted(
        draft_ref("work", message_id(raw))
        for raw in (rejection(1), rejection(2, tag="jobs"), rejection(3, tag="jobs"))
    )
    with journal() as db:
        new = {folder: db.cursor("work", folder) for folder in ("INBOX", "Jobs")}
    assert new["INBOX"] == (4242, 1)
    assert old["Jobs"] is not None
    assert new["Jobs"] is not None
    assert new["Jobs"][0] != old["Jobs"][0]
    assert new["Jobs"][1] == 2


@imap
def test_first_run_backfill_window_journals_old_rejections_without_drafts(
    tmp_path: Path, dovecot_server: DovecotServer, fast_model: None
) -> None:
    default, wide = new_user(dovecot_server), new_user(dovecot_server)
    now = datetime.now(UTC)
    for user in (default, wide):
        user.deliver(rejection(1, when=now - timedelta(days=30)))
        user.deliver(rejection(2, when=now - timedelta(days=2)))
    config_path = write_config(
        tmp_path / "config.toml",
        {"default": account_table(default), "wide": account_table(wide, backfill_days=60)},
    )

    result = rejoinder(config_path, "once")

    assert "default: 2 new, 2 rejection(s), 1 draft(s), 1 older than the drafting window" in (
        result.output
    )
    assert "wide: 2 new, 2 rejection(s), 2 draft(s)" in result.output
    assert [m["In-Reply-To"] for _, m in drafts_of(default)] == [message_id(rejection(2))]
    assert len(drafts_of(wide)) == 2
    with journal() as db:
        statuses = {(e.account, e.message_id): e.draft_status for e in db.entries()}
    assert statuses == {
        ("default", message_id(rejection(1))): "backfill",
        ("default", message_id(rejection(2))): "created",
        ("wide", message_id(rejection(1))): "created",
        ("wide", message_id(rejection(2))): "created",
    }


def fetch_commands(caplog: pytest.LogCaptureFixture) -> list[str]:
    sent = [r.getMessage() for r in caplog.records if r.name == "imapclient.imaplib"]
    return [line for line in sent if line.startswith("> ") and " FETCH " in line]


@imap
def test_sizes_or_headers_first_then_bodies_in_batches_and_large_messages_skipped(
    imap_user: ImapUser,
    classifier: Classifier,
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(watcher, "pass_tasks", lambda account, config: [])  # the pass alone
    for n in range(40):
        imap_user.deliver(rejection(n) if n % 10 == 0 else ordinary(n))
    imap_user.deliver(rejection(99, padding=100_000))  # over max_message_bytes below
    daemon = daemon_for([account(imap_user)], classifier, max_message_bytes=64 * 1024)
    caplog.set_level(logging.INFO, logger="rejoinder")
    caplog.set_level(logging.DEBUG, logger="imapclient.imaplib")  # every command sent

    [stats] = daemon.run_once().values()

    assert isinstance(stats, PassStats)
    assert (stats.seen, stats.drafts, stats.skipped_large) == (40, 4, 1)
    # Nothing processed yet, so nothing to look up by header: sizes, then the bodies.
    fetches = fetch_commands(caplog)
    assert len([f for f in fetches if "BODY.PEEK[]" in f]) == 1  # 40 bodies, one command
    [sizes] = [f for f in fetches if "RFC822.SIZE" in f]
    assert "HEADER.FIELDS" not in sizes
    assert len(fetches) == 2  # not one per message
    assert any("over max_message_bytes" in r.getMessage() for r in caplog.records)
    assert message_id(rejection(99, padding=100_000)) not in {
        m["In-Reply-To"] for _, m in drafts_of(imap_user)
    }

    # From then on, headers first: a copy of a message already processed (same
    # Message-ID, new UID) is recognised without reading its body.
    caplog.clear()
    imap_user.deliver(rejection(0))
    imap_user.deliver(rejection(50))
    [stats] = daemon.run_once().values()
    assert isinstance(stats, PassStats)
    assert (stats.seen, stats.drafts) == (1, 1)
    fetches = fetch_commands(caplog)
    [headers] = [f for f in fetches if "RFC822.SIZE" in f]
    assert "HEADER.FIELDS" in headers
    [bodies] = [f for f in fetches if "BODY.PEEK[]" in f]
    assert " FETCH 43 " in bodies  # the new rejection alone (UID 42 is the copy)


def rewritten(raw: bytes, **headers: str) -> bytes:
    """``raw`` with some headers replaced (``In_Reply_To`` names In-Reply-To)."""
    message = email.message_from_bytes(raw)
    for name, value in headers.items():
        del message[name.replace("_", "-")]
        message[name.replace("_", "-")] = value
    return message.as_bytes()


@imap
@pytest.mark.parametrize("first_run", [True, False])
def test_own_mail_and_answers_in_a_rejection_thread_get_no_draft(
    imap_user: ImapUser,
    classifier: Classifier,
    monkeypatch: pytest.MonkeyPatch,
    first_run: bool,
) -> None:
    """Whether the headers were read first (later passes) or not (a first run)."""
    monkeypatch.setattr(watcher, "pass_tasks", lambda account, config: [])
    monkeypatch.setattr(watcher, "BATCH_MESSAGES", 1)  # the answer comes in a later batch
    daemon = daemon_for([account(imap_user)], classifier)
    if not first_run:
        imap_user.deliver(ordinary(1))
        daemon.run_once()
    original = rejection(1)
    imap_user.deliver(original)
    # The user's own copy of a rejection-like text, and the employer's answer to the
    # user's reply in that rejection's thread (which repeats the decision).
    imap_user.deliver(rewritten(rejection(2), From=USER_FROM, Message_ID="<own-2@home.example>"))
    imap_user.deliver(
        rewritten(rejection(3), In_Reply_To=message_id(original), Message_ID="<answer@x.example>")
    )

    [stats] = daemon.run_once().values()

    assert isinstance(stats, PassStats)
    assert (stats.seen, stats.drafts) == (1, 1)
    assert [m["In-Reply-To"] for _, m in drafts_of(imap_user)] == [message_id(original)]


@imap
def test_drafts_is_opened_once_per_pass_however_many_rejections_need_a_draft(
    imap_user: ImapUser,
    classifier: Classifier,
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Going to Drafts and back for every draft re-opens the watched folder each time,
    which on a large Maildir costs more than the messages themselves."""
    monkeypatch.setattr(watcher, "pass_tasks", lambda account, config: [])  # the pass alone
    monkeypatch.setattr(watcher, "BATCH_MESSAGES", 5)  # rejections in six batches
    monkeypatch.setattr(watcher, "SUMMARY_WINDOW", 10)  # and in three windows
    for n in range(30):
        imap_user.deliver(rejection(n) if n % 5 in (1, 3) else ordinary(n))
    daemon = daemon_for([account(imap_user)], classifier)
    caplog.set_level(logging.DEBUG, logger="imapclient.imaplib")  # every command sent

    [stats] = daemon.run_once().values()

    assert isinstance(stats, PassStats)
    assert (stats.seen, stats.drafts) == (30, 12)
    sent = [r.getMessage() for r in caplog.records if r.name == "imapclient.imaplib"]
    opened = [line for line in sent if re.search(r"^> b?'?\S+ (SELECT|EXAMINE) ", line)]
    assert len([line for line in opened if "Drafts" in line]) == 1
    # Twice to start (its state, then its UIDs) and once back from Drafts; not once per
    # window (3) or per batch with a draft (6), as it was.
    assert len([line for line in opened if "INBOX" in line]) <= 3
    refs = [m["X-Rejoinder-Ref"] for _, m in drafts_of(imap_user)]
    assert len(refs) == len(set(refs)) == 12


@imap
def test_a_long_pass_says_how_far_it_got(
    tmp_path: Path, imap_user: ImapUser, fast_model: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A first run over years of mail takes a while over a real link: `rejoinder once`
    (on stderr) and the service (its status and log) tell how far it got."""
    monkeypatch.setattr(watcher, "SUMMARY_WINDOW", 10)
    monkeypatch.setattr(watcher, "PROGRESS_SECONDS", 0.0)
    for n in range(25):
        imap_user.deliver(ordinary(n))
    config_path = write_config(tmp_path / "config.toml", {"work": account_table(imap_user)})

    first = rejoinder(config_path, "once")

    assert first.exit_code == 0, first.output
    progress = [line for line in first.stderr.splitlines() if "messages read" in line]
    assert progress == [
        "work: INBOX: 10 of 25 messages read",
        "work: INBOX: 20 of 25 messages read",
    ]
    assert "work: 25 new, 0 rejection(s), 0 draft(s)" in first.stdout
    for n in range(25, 30):
        imap_user.deliver(ordinary(n))
    second = rejoinder(config_path, "once")  # one window: nothing to tell until the end
    assert "messages read" not in second.output
    assert "work: 5 new" in second.stdout


def test_progress_is_told_at_most_every_few_seconds() -> None:
    said: list[str] = []
    progress = watcher._Progress("work: INBOX", 3000, said.append)
    progress.reached(500)  # just started
    progress.last -= watcher.PROGRESS_SECONDS
    progress.reached(1000)
    progress.reached(1500)  # too soon after the last
    progress.last -= watcher.PROGRESS_SECONDS
    progress.reached(3000)  # the end: the pass's summary says it
    assert said == ["work: INBOX: 1,000 of 3,000 messages read"]


@imap
def test_a_first_run_reads_the_drafting_window_before_older_mail(
    imap_user: ImapUser, classifier: Classifier, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Oldest first, a rejection worth a draft would wait for years of older mail."""
    monkeypatch.setattr(watcher, "pass_tasks", lambda account, config: [])
    monkeypatch.setattr(watcher, "SUMMARY_WINDOW", 4)  # more than one window of mail
    now = datetime.now(UTC)
    old = now - timedelta(days=60)
    for n in range(10):  # UIDs 1-10: old mail, one rejection (UID 4)
        raw = rejection(n, when=old) if n == 3 else ordinary(n, when=old)
        imap_user.deliver(raw, internal_date=old)
    imap_user.deliver(rejection(10, when=now), internal_date=now)  # UID 11
    imap_user.deliver(ordinary(11, when=now), internal_date=now)  # UID 12
    daemon = daemon_for([account(imap_user)], classifier)

    [stats] = daemon.run_once().values()

    assert isinstance(stats, PassStats)
    assert (stats.seen, stats.drafts, stats.backfill) == (12, 1, 1)
    with journal() as db:
        recorded = sorted(db.entries(), key=lambda entry: entry.id)
        assert [entry.message_id for entry in recorded] == [
            message_id(rejection(10)),  # the drafting window's rejection first
            message_id(rejection(3)),
        ]
        cursor = db.cursor("work", "INBOX")
        assert cursor is not None
        assert cursor[1] == 12  # past everything, the drafting window included
    [again] = daemon.run_once().values()
    assert isinstance(again, PassStats)
    assert again.seen == 0
    assert len(drafts_of(imap_user)) == 1


@imap
def test_a_server_refusing_the_search_by_date_costs_only_the_order(
    imap_user: ImapUser, classifier: Classifier, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(watcher, "pass_tasks", lambda account, config: [])
    monkeypatch.setattr(watcher, "SUMMARY_WINDOW", 4)
    old = datetime.now(UTC) - timedelta(days=60)
    for n in range(10):
        imap_user.deliver(rejection(n, when=old) if n == 3 else ordinary(n, when=old))
    imap_user.deliver(rejection(10))

    def refuse(*args: object) -> list[int]:
        raise MailboxError("the server refused the search", "nothing to do")

    monkeypatch.setattr(ImapSession, "uids_since", refuse)
    [stats] = daemon_for([account(imap_user)], classifier).run_once().values()

    assert isinstance(stats, PassStats)
    assert (stats.seen, stats.drafts, stats.backfill) == (11, 1, 1)


@imap
def test_a_pass_waits_while_another_process_is_in_a_pass_over_the_same_account(
    imap_user: ImapUser, classifier: Classifier, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`rejoinder once` while the service runs: one pass at a time, so each draft once."""
    monkeypatch.setattr(watcher, "pass_tasks", lambda account, config: [])
    imap_user.deliver(rejection(1))
    daemon = daemon_for([account(imap_user)], classifier)
    Journal.open(daemon.journal_path).close()  # its folder exists before the lock is taken
    lock = passlock.pass_lock_path(daemon.journal_path, "work")
    done = threading.Event()
    with lock.open("a") as other:
        fcntl.flock(other, fcntl.LOCK_EX)  # the other process, in its pass
        thread = threading.Thread(target=lambda: (daemon.run_once(), done.set()))
        thread.start()
        assert not done.wait(1.5)
        assert drafts_of(imap_user) == []
        fcntl.flock(other, fcntl.LOCK_UN)
    assert done.wait(30)
    thread.join()
    assert len(drafts_of(imap_user)) == 1


def test_a_worker_waiting_for_another_pass_stops_when_asked(classifier: Classifier) -> None:
    work = AccountConfig(name="work", host="127.0.0.1", username="me")
    daemon = daemon_for([work], classifier)
    with Journal.open(daemon.journal_path) as journal, pass_lock_file(journal.path, "work"):
        worker = daemon._worker(work, journal)
        threading.Timer(0.3, worker.stop.set).start()
        started = time.monotonic()
        stats = worker.one_pass(session=None)  # type: ignore[arg-type]  # never used
        assert time.monotonic() - started < 3
    assert stats.seen == 0


@pytest.mark.parametrize(("refusals", "says_it_waits"), [(1, False), (2, True)])
def test_a_lock_held_for_an_instant_is_not_reported_as_another_pass(
    classifier: Classifier,
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
    refusals: int,
    says_it_waits: bool,
) -> None:
    """`rejoinder status` holds the pass lock for an instant: a pass starting then looks
    again 50 ms later, and says it waits for another pass only if it is still held."""
    work = AccountConfig(name="work", host="127.0.0.1", username="me")
    daemon = daemon_for([work], classifier)
    real_flock = fcntl.flock
    refused: list[int] = []

    def flock(handle: Any, operation: int) -> None:  # fcntl's own: refuse the pass lock only
        is_pass_lock = ".pass-" in str(getattr(handle, "name", ""))
        if is_pass_lock and operation & fcntl.LOCK_EX and len(refused) < refusals:
            refused.append(operation)
            raise BlockingIOError
        real_flock(handle, operation)

    monkeypatch.setattr(watcher.fcntl, "flock", flock)
    caplog.set_level(logging.INFO, logger="rejoinder.daemon.watcher")
    with Journal.open(daemon.journal_path) as journal:
        worker = daemon._worker(work, journal)
        monkeypatch.setattr(worker, "_one_pass", lambda session: watcher.PassStats(seen=7))
        started = time.monotonic()
        stats = worker.one_pass(session=None)  # type: ignore[arg-type]  # never used
    assert stats.seen == 7
    assert len(refused) == refusals
    waited = time.monotonic() - started
    assert waited < (1.0 if says_it_waits else 0.4)
    assert any("waiting for another" in r.getMessage() for r in caplog.records) is says_it_waits


def test_status_during_a_long_first_pass_says_it_is_under_way(tmp_path: Path) -> None:
    """Right after `rejoinder service install --now`, the first pass over years of mail
    may take minutes; status must not say nothing has run (inviting a second pass)."""
    work = {"host": "imap.example.org", "username": "me@example.org", "password_env": "PW"}
    config_path = write_config(tmp_path / "config.toml", {"work": work})
    journal_path = paths.journal_file()
    with Journal.open(journal_path) as journal:
        for n in range(3):
            journal.record("work", f"<m{n}@x.example>", f"INBOX/1/{n + 1}", "not_rejection", None)

    assert "No pass has run yet" in rejoinder(config_path, "status").output
    with pass_lock_file(journal_path, "work"):  # another process, in its first pass
        during = rejoinder(config_path, "status").output
        # Without a readable configuration it cannot know the account's name: no claim.
        unread = rejoinder(tmp_path / "missing.toml", "status").output
    assert during.splitlines()[0] == "work: first pass running now; 3 message(s) read so far"
    assert "No pass has run yet" not in during
    assert "No pass has run yet" in unread

    with Journal.open(journal_path) as journal:
        journal.pass_finished("work", 3, 0)
    with pass_lock_file(journal_path, "work"):  # a later pass
        later = rejoinder(config_path, "status").output.splitlines()
    assert later[0].startswith("work: last successful pass ")
    assert later[1] == "  a pass is running now"
    assert "a pass is running now" not in rejoinder(config_path, "status").output


def test_pass_running_sees_a_lock_held_elsewhere_and_never_creates_one(tmp_path: Path) -> None:
    journal_path = tmp_path / "journal.sqlite3"
    assert not passlock.pass_running(journal_path, "work")
    assert not passlock.pass_lock_path(journal_path, "work").exists()
    with pass_lock_file(journal_path, "work"):
        assert passlock.pass_running(journal_path, "work")
        assert not passlock.pass_running(journal_path, "home")
    assert not passlock.pass_running(journal_path, "work")


@contextmanager
def pass_lock_file(journal_path: Path, account_name: str) -> Iterator[None]:
    with passlock.pass_lock_path(journal_path, account_name).open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        yield


@imap
def test_a_rejection_with_a_large_attachment_is_drafted_without_downloading_it(
    imap_user: ImapUser,
    classifier: Classifier,
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(watcher, "pass_tasks", lambda account, config: [])
    imap_user.deliver((FIXTURES / "attachment_pdf.eml").read_bytes())
    daemon = daemon_for([account(imap_user)], classifier, backfill_days=3650)
    caplog.set_level(logging.DEBUG, logger="imapclient.imaplib")

    [stats] = daemon.run_once().values()

    assert isinstance(stats, PassStats)
    assert stats.drafts == 1
    [(_, reply)] = drafts_of(imap_user)
    assert reply["In-Reply-To"] == "<letter-5521@halvorsen-marine.example>"
    sent = [r.getMessage() for r in caplog.records if r.name == "imapclient.imaplib"]
    fetches = [line for line in sent if line.startswith("> ") and " FETCH " in line]
    assert any("BODYSTRUCTURE" in line for line in fetches)
    assert not any("BODY.PEEK[]" in line for line in fetches)  # the 60 kB PDF stayed put


QUOTA_OF_THREE = """
mail_plugins = $mail_plugins quota
plugin {
  quota = count:User quota
  quota_vsizes = yes
  quota_rule = *:messages=3
}
"""


@imap
def test_a_full_mailbox_fails_the_pass_and_costs_the_rejection_nothing(
    classifier: Classifier, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(watcher, "pass_tasks", lambda account, config: [])
    server = DovecotServer(extra_config=QUOTA_OF_THREE)  # two rejections and one draft
    try:
        server.start()
        user = new_user(server)
        user.deliver(rejection(1))
        user.deliver(rejection(2))
        daemon = daemon_for([account(user)], classifier)

        [refused] = daemon.run_once().values()

        assert isinstance(refused, DraftsRefusedError)
        assert "over quota" in str(refused), str(refused)
        [(_, first)] = drafts_of(user)
        with Journal.open(daemon.journal_path) as journal:
            assert journal.failures("work") == []  # not the message's fault: no attempt counted
        # The user makes room (here: sends the first reply); the next pass drafts the other.
        server.expunge(user.name, [1], folder="Drafts")
        [stats] = daemon.run_once().values()
        assert isinstance(stats, PassStats)
        [(_, second)] = drafts_of(user)
        assert {first["In-Reply-To"], second["In-Reply-To"]} == {
            message_id(rejection(1)),
            message_id(rejection(2)),
        }
    finally:
        server.close()


@imap
def test_a_malformed_message_is_skipped_remembered_and_never_stops_the_pass(
    imap_user: ImapUser, classifier: Classifier, caplog: pytest.LogCaptureFixture
) -> None:
    garbage = [
        b"this is not a mail message at all, just a line of text\n",
        bytes(range(256)) * 8,
        b"no colon in this header line\n\nbody\n",
    ]
    for raw in garbage:
        imap_user.deliver(raw)
    imap_user.deliver(rejection(1))  # after the bad ones
    daemon = daemon_for([account(imap_user)], classifier)
    caplog.set_level(logging.INFO, logger="rejoinder")

    [first] = daemon.run_once().values()

    assert isinstance(first, PassStats)
    assert (first.seen, first.failed, first.drafts) == (4, 3, 1)
    assert sum("cannot parse" in r.getMessage() for r in caplog.records) == 3
    with journal() as db:
        assert db.counts().get("unparseable") == 3
    daemon.stop.clear()
    [second] = daemon_for([account(imap_user)], classifier).run_once().values()
    assert isinstance(second, PassStats)
    assert second.seen == 0  # remembered: not read again
    assert len(drafts_of(imap_user)) == 1


class Hostile:
    """The real classifier, except that it crashes on one subject (a bug a message triggers)."""

    def __init__(self, inner: Classifier) -> None:
        self.inner = inner
        self.calls = 0

    def classify_many(self, msgs: Sequence[ParsedMessage]) -> list[Classification]:
        if any("BOOM" in m.subject for m in msgs):
            raise RuntimeError("boom")
        return self.inner.classify_many(msgs)

    def classify(self, msg: ParsedMessage) -> Classification:
        if "BOOM" in msg.subject:
            self.calls += 1
            raise RuntimeError("boom")
        return self.inner.classify(msg)


@imap
def test_a_message_that_makes_the_pipeline_raise_is_tried_three_times_then_skipped(
    imap_user: ImapUser, classifier: Classifier
) -> None:
    imap_user.deliver(rejection(1).replace(b"Subject: ", b"Subject: BOOM ", 1))
    imap_user.deliver(rejection(2))
    hostile = Hostile(classifier)
    results = []
    for _ in range(5):
        [stats] = daemon_for([account(imap_user)], hostile).run_once().values()
        assert isinstance(stats, PassStats)
        results.append((stats.seen, stats.failed, stats.drafts))
    assert results[0] == (2, 1, 1)  # the message after the bad one got its draft
    assert results[1:] == [(1, 1, 0), (1, 1, 0), (0, 0, 0), (0, 0, 0)]
    assert hostile.calls == 3
    with journal() as db:
        [(_, _, reason, attempts)] = db.failures("work")
    assert attempts == 3
    assert "boom" in reason
    assert len(drafts_of(imap_user)) == 1


@imap
def test_a_draft_appended_before_a_crash_is_found_not_written_twice(
    imap_user: ImapUser, classifier: Classifier
) -> None:
    original = rejection(1)
    ref = draft_ref("work", message_id(original))
    imap_user.deliver(original)
    # What a crash between APPEND and the journal commit leaves behind.
    imap_user.append(
        f"From: {USER_FROM}\r\nSubject: Re: it\r\nX-Rejoinder-Ref: {ref}\r\n\r\nThanks\r\n".encode(),
        folder="Drafts",
        flags=["\\Draft", "\\Seen"],
    )
    [stats] = daemon_for([account(imap_user)], classifier).run_once().values()
    assert isinstance(stats, PassStats)
    assert (stats.rejections, stats.drafts, stats.found) == (1, 0, 1)
    assert draft_refs(imap_user) == [ref]
    with journal() as db:
        [entry] = db.entries()
    assert (entry.draft_status, entry.draft_ref) == ("found", ref)


class StopsOnThird:
    """Asks the worker to stop while it classifies the third message."""

    def __init__(self, inner: Classifier, stop: threading.Event) -> None:
        self.inner, self.stop, self.seen = inner, stop, 0

    def classify(self, msg: ParsedMessage) -> Classification:
        self.seen += 1
        if self.seen == 3:
            self.stop.set()
        return self.inner.classify(msg)


@imap
def test_a_stop_request_finishes_the_message_in_hand_then_stops(
    imap_user: ImapUser, classifier: Classifier
) -> None:
    for n in range(6):
        imap_user.deliver(rejection(n))
    config = Config(path=None, accounts=(account(imap_user),))
    stop = threading.Event()
    with journal() as db:
        worker = AccountWorker(
            config.accounts[0], config, db, StopsOnThird(classifier, stop),
            lambda acc: connect_account(acc, 10), stop=stop,
        )  # fmt: skip
        with worker.connect(worker.account) as session:
            stats = worker.one_pass(session)
        assert (stats.seen, stats.drafts) == (3, 3)  # the third was finished, not dropped
        assert len(db.entries()) == 3
        stop.clear()
        with worker.connect(worker.account) as session:
            rest = worker.one_pass(session)
    assert (rest.seen, rest.drafts) == (3, 3)
    refs = draft_refs(imap_user)
    assert sorted(refs) == sorted(draft_ref("work", message_id(rejection(n))) for n in range(6))


# -- the long-running loop, in a thread --------------------------------------------------


@imap
def test_idle_two_accounts_one_connection_each_status_and_quiet_logs(
    tmp_path: Path,
    dovecot_server: DovecotServer,
    classifier: Classifier,
    caplog: pytest.LogCaptureFixture,
) -> None:
    users = [new_user(dovecot_server), new_user(dovecot_server)]
    names = ["home", "work"]
    daemon = daemon_for([account(u, n) for u, n in zip(users, names, strict=True)], classifier)
    caplog.set_level(logging.INFO)
    with running(daemon):
        for name in names:
            wait_for(f"the first pass of {name}", lambda name=name: passes_done(name))
        for n, user in enumerate(users):
            user.append(rejection(n, tag=user.name))  # another client, while idling
        for user in users:
            wait_for(f"a draft for {user.name}", lambda user=user: drafts_of(user))
        time.sleep(0.5)  # let both settle back into IDLE
        who = dovecot_server.doveadm("who", "-1").splitlines()[1:]
        per_user = {u.name: sum(1 for line in who if line.split()[0] == u.name) for u in users}
        assert per_user == {u.name: 1 for u in users}

        status = rejoinder(tmp_path / "unused.toml", "status")  # reads while the daemon writes
        assert status.exit_code == 0, status.output
        for name in names:
            assert re.search(
                rf"{name}: last successful pass \d{{4}}-\d\d-\d\d \d\d:\d\d:\d\d; "
                r"1 message\(s\) seen, 1 draft\(s\) created",
                status.output,
            ), status.output

    for n, user in enumerate(users):
        [(_, draft)] = drafts_of(user)
        assert draft["In-Reply-To"] == message_id(rejection(n, tag=user.name))
    records = [r for r in caplog.records if r.levelno >= logging.INFO]
    text = "\n".join(r.getMessage() for r in records)
    assert BODY_MARKER not in text
    assert not any(user.password in text for user in users)
    passes = [r for r in records if "pass done" in r.getMessage()]
    assert len(passes) >= 4  # first pass and the pass after IDLE news, per account
    assert any("drafted a reply" in r.getMessage() for r in records)


@imap
def test_the_daemon_reconnects_after_a_server_restart_and_drafts_what_came_meanwhile(
    dovecot_server: DovecotServer, imap_user: ImapUser, classifier: Classifier
) -> None:
    imap_user.deliver(ordinary(1))
    daemon = daemon_for([account(imap_user)], classifier)
    with running(daemon):
        wait_for("the first pass", lambda: passes_done("work"))
        dovecot_server.stop()
        try:
            imap_user.deliver(rejection(1))  # while the server is down
            with journal() as db:
                wait_for(
                    "the daemon to notice the outage",
                    lambda: any(s.last_error for s in db.account_statuses()),
                )
        finally:
            dovecot_server.start()
        [(_, draft)] = wait_for("the draft after reconnecting", lambda: drafts_of(imap_user))
        assert draft["In-Reply-To"] == message_id(rejection(1))
        imap_user.append(rejection(2))  # and IDLE works on the new connection
        wait_for("a draft over the new connection", lambda: len(drafts_of(imap_user)) == 2)


# -- waiting, batching, backoff ---------------------------------------------------------------


@imap
def test_waiting_is_one_idle_that_a_stop_request_ends_promptly(
    imap_user: ImapUser, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG, logger="imapclient.imaplib")
    stop = threading.Event()
    ticks: list[float] = []
    with ImapSession.connect(imap_user.settings(), imap_user.password) as session:
        session.summaries("INBOX", 0)
        timer = threading.Timer(4.5, stop.set)
        timer.start()
        started = time.monotonic()
        arrived = session.idle_wait("INBOX", 120, stop=stop, tick=lambda: ticks.append(1))
        elapsed = time.monotonic() - started
        timer.join()
        session.noop()  # IDLE was ended properly: the session still works
    assert arrived is False
    assert elapsed < 60  # ended by the stop request, not by the 120 s timeout
    assert len(ticks) >= 2  # a heartbeat about every second meanwhile
    sent = [r.getMessage() for r in caplog.records if r.getMessage().startswith("> ")]
    # The short first round (see ImapSession.idle_wait), then one IDLE: the one-second
    # checks inside it do not re-issue it.
    assert len([line for line in sent if line.endswith(" IDLE'")]) == 2


class NoIdleClient:
    """An imapclient stand-in for a server without IDLE: news shows up on the second NOOP."""

    def __init__(self) -> None:
        self.noops = 0

    def capabilities(self) -> tuple[bytes, ...]:
        return (b"IMAP4REV1", b"UIDPLUS")

    def select_folder(self, folder: str, readonly: bool) -> dict[bytes, int]:
        assert readonly
        return {b"UIDVALIDITY": 7, b"UIDNEXT": 3, b"EXISTS": 2}

    def noop(self) -> tuple[bytes, list[tuple[int, bytes]]]:
        self.noops += 1
        return b"NOOP completed", [(3, b"EXISTS")] if self.noops == 2 else []


def test_without_idle_the_wait_polls_with_noop_and_honours_stop(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(imap_module, "NOOP_POLL_SECONDS", 0.2)
    settings = ImapSettings(host="127.0.0.1", port=143, security="plain", username="u")
    client = NoIdleClient()
    session = ImapSession(client, settings)
    assert session.idle_wait("INBOX", 30) is True
    assert client.noops == 2
    stop = threading.Event()
    stop.set()
    assert session.idle_wait("INBOX", 30, stop=stop) is False
    assert client.noops == 2  # a stopped wait does not even poll


def test_wait_between_passes_follows_the_config() -> None:
    from rejoinder.daemon.config import DaemonConfig

    settings = DaemonConfig(idle_renew_minutes=10, safety_poll_minutes=15, poll_seconds=45)
    config = Config(path=None, daemon=settings)

    def wait(folders: tuple[str, ...], has_idle: bool) -> float:
        acc = AccountConfig(name="a", host="h", username="u@x.example", folders=folders)
        worker = AccountWorker(acc, config, None, None, None)  # type: ignore[arg-type]
        return worker._wait_seconds(has_idle)

    assert wait(("INBOX",), has_idle=True) == 10 * 60  # IDLE re-issued every renew period
    assert wait(("INBOX",), has_idle=False) == 45  # no IDLE: poll
    assert wait(("INBOX", "Jobs"), has_idle=True) == 45  # IDLE sees one folder; poll the rest
    safety = Config(path=None, daemon=DaemonConfig(idle_renew_minutes=20, safety_poll_minutes=5))
    acc = AccountConfig(name="a", host="h", username="u@x.example")
    assert AccountWorker(acc, safety, None, None, None)._wait_seconds(True) == 5 * 60  # type: ignore[arg-type]


def test_bodies_are_batched_by_count_and_by_bytes() -> None:
    from rejoinder.daemon.imap import MessageSummary

    def summary(uid: int, size: int) -> MessageSummary:
        return MessageSummary(
            uid=uid, size=size, internal_date=None, flags=frozenset(), headers=b""
        )

    small = [summary(uid, 1000) for uid in range(1, 451)]
    assert [len(b) for b in watcher._batches(small, 200, 10**9)] == [200, 200, 50]
    big = [summary(1, 6), summary(2, 6), summary(3, 20), summary(4, 1), summary(5, 1)]
    assert watcher._batches(big, 200, 10) == [[1], [2], [3], [4, 5]]  # a lone big one still goes


def test_backoff_grows_exponentially_with_jitter_up_to_five_minutes() -> None:
    rng = random.Random(3)
    for failures, low, high in [(1, 0.5, 1), (2, 1, 2), (4, 4, 8), (9, 128, 256), (20, 150, 300)]:
        delays = [watcher.backoff_delay(failures, rng) for _ in range(50)]
        assert all(low <= d <= high for d in delays), (failures, delays)
        assert len(set(delays)) > 1  # jittered: many clients do not reconnect in lockstep


# -- pass tasks ---------------------------------------------------------------------------


class RecordingTask:
    def __init__(self, name: str, error: BaseException | None = None) -> None:
        self.name = name
        self.error = error
        self.contexts: list[Any] = []

    def run(self, context: Any) -> None:
        self.contexts.append(context)
        if self.error is not None:
            raise self.error


@imap
def test_pass_tasks_run_after_the_pass_and_a_buggy_one_does_not_stop_the_others(
    imap_user: ImapUser, classifier: Classifier, caplog: pytest.LogCaptureFixture
) -> None:
    imap_user.deliver(rejection(1))
    first, buggy, last = (
        RecordingTask("first"),
        RecordingTask("buggy", ValueError("a bug")),
        RecordingTask("last"),
    )
    config = Config(path=None, accounts=(account(imap_user),))
    with journal() as db:
        worker = AccountWorker(
            config.accounts[0], config, db, classifier,
            lambda acc: connect_account(acc, 10), tasks=(first, buggy, last),
        )  # fmt: skip
        with worker.connect(worker.account) as session, caplog.at_level(logging.ERROR):
            stats = worker.one_pass(session)
        assert stats.drafts == 1
        assert [len(t.contexts) for t in (first, buggy, last)] == [1, 1, 1]
        context = last.contexts[0]
        assert context.account is config.accounts[0]
        assert context.journal is db
        assert context.mailbox.drafts_folder == "Drafts"
        assert "the buggy task failed" in caplog.text
        # A connection problem inside a task is the pass's failure: the worker reconnects.
        worker.tasks = (RecordingTask("network", OSError("connection reset")),)
        with (
            worker.connect(worker.account) as session,
            pytest.raises(OSError, match="connection reset"),
        ):
            worker.one_pass(session)


def test_a_classifier_adopted_by_a_task_reaches_every_worker(tmp_path: Path) -> None:
    from rejoinder.daemon.config import DaemonConfig

    config = Config(path=None, accounts=(), daemon=DaemonConfig())
    daemon = Daemon(config=config, classifier="old", journal_path=tmp_path / "j.db")  # type: ignore[arg-type]
    daemon.workers = [
        AccountWorker(None, config, None, "old", None, adopt_classifier=daemon.adopt_classifier)  # type: ignore[arg-type]
        for _ in range(2)
    ]
    daemon.workers[0].adopt_classifier("new")  # type: ignore[misc, arg-type]
    assert [w.classifier for w in daemon.workers] == ["new", "new"]
    assert daemon.classifier == "new"
