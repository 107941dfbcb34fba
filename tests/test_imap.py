"""The IMAP adapter against a real Dovecot (tests/dovecot.py), plus its pure parts."""

from __future__ import annotations

import dataclasses
import logging
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import dovecot
import pytest
from dovecot import DovecotServer, ImapUser, free_port, require_dovecot

from rejoinder.classifier.message import ParsedMessage, parse_message
from rejoinder.daemon import textonly
from rejoinder.daemon.errors import (
    AuthError,
    ConnectionRefusedMailboxError,
    DnsError,
    FolderMissingError,
    MailboxError,
    MailboxTimeoutError,
    TlsError,
)
from rejoinder.daemon.imap import (
    SUMMARY_BATCH,
    FolderInfo,
    ImapMailbox,
    ImapSession,
    ImapSettings,
    choose_drafts_folder,
    choose_sent_folder,
    drafts_refusal,
    is_loopback,
    parse_appenduid,
)

imap = pytest.mark.imap


def message(n: int, subject: str | None = None, extra: str = "") -> bytes:
    subject = subject or f"Application {n}"
    return (
        f"Message-ID: <m{n}@jobs.example>\r\n"
        f"From: Recruiting <jobs@acme.example>\r\n"
        f"To: me@example.org\r\n"
        f"Subject: {subject}\r\n"
        f"Date: Mon, 3 Jun 2024 10:{n % 60:02d}:00 +0000\r\n"
        f"{extra}"
        f"\r\n"
        f"Body of message {n}.\r\n"
    ).encode()


def draft(ref: str) -> bytes:
    return (
        f"From: me@example.org\r\nTo: jobs@acme.example\r\nSubject: Re: Application\r\n"
        f"X-Rejoinder-Ref: {ref}\r\n\r\nThank you for letting me know.\r\n"
    ).encode()


# -- the fixture itself -------------------------------------------------------------


def test_missing_dovecot_skips_locally_but_fails_on_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(dovecot, "find_dovecot", lambda: None)
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="apt-get install -y dovecot-imapd"):
        require_dovecot()
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="apt-get install -y dovecot-imapd"):
        require_dovecot()


def test_server_start_moves_off_a_port_taken_meanwhile() -> None:
    require_dovecot()
    server = DovecotServer()
    try:
        with socket.socket() as squatter:
            squatter.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            squatter.bind(("127.0.0.1", server.imap_port))
            squatter.listen()
            taken = server.imap_port
            server.start()
        assert server.imap_port != taken
        assert server.running
    finally:
        server.close()
    assert not server.root.exists()


@pytest.fixture
def session(imap_user: ImapUser) -> Iterator[ImapSession]:
    with ImapSession.connect(imap_user.settings(), imap_user.password) as connected:
        yield connected


# -- connecting ---------------------------------------------------------------------


@imap
@pytest.mark.parametrize("security", ["starttls", "tls"])
def test_connects_over_tls_trusting_the_ca_file(imap_user: ImapUser, security: str) -> None:
    with ImapSession.connect(imap_user.settings(security), imap_user.password) as session:
        assert "IMAP4REV1" in session.capabilities()
        session.noop()
    [login] = imap_user.logins()
    assert ", TLS," in login  # the server saw the password only inside TLS


@imap
def test_plain_is_allowed_on_loopback(imap_user: ImapUser) -> None:
    with ImapSession.connect(imap_user.settings("plain"), imap_user.password) as session:
        assert session.folder_state("INBOX").exists == 0
    [login] = imap_user.logins()
    assert ", TLS," not in login


@pytest.mark.parametrize("host", ["192.0.2.1", "imap.example.com", "10.0.0.1"])
def test_plain_to_another_host_is_refused_before_connecting(host: str) -> None:
    settings = ImapSettings(host=host, port=143, security="plain", username="me")
    with pytest.raises(TlsError, match="unencrypted") as caught:
        ImapSession.connect(settings, "secret")
    assert "tls" in caught.value.fix


@pytest.mark.parametrize(
    ("host", "expected"),
    [
        ("localhost", True),
        ("LOCALHOST.", True),
        ("127.0.0.1", True),
        ("127.1.2.3", True),
        ("::1", True),
        ("[::1]", True),
        ("localhost.example.com", False),
        ("192.168.1.10", False),
        ("imap.example.com", False),
    ],
)
def test_is_loopback(host: str, expected: bool) -> None:
    assert is_loopback(host) is expected


@imap
@pytest.mark.parametrize("security", ["starttls", "tls"])
def test_untrusted_certificate_is_refused_and_named(imap_user: ImapUser, security: str) -> None:
    settings = imap_user.settings(security, ca_file=None)
    with pytest.raises(TlsError) as caught:
        ImapSession.connect(settings, imap_user.password)
    assert "self-signed certificate" in caught.value.what
    assert "ca_file" in caught.value.fix
    assert imap_user.logins() == []


@imap
def test_hostname_mismatch_is_refused_and_named(imap_user: ImapUser) -> None:
    # Same server, reached by an address its certificate does not name.
    settings = imap_user.settings(host="127.0.0.2")
    with pytest.raises(TlsError) as caught:
        ImapSession.connect(settings, imap_user.password)
    assert "mismatch" in caught.value.what.lower()
    assert "host name" in caught.value.fix


@imap
def test_wrong_port_for_implicit_tls_is_a_tls_error(imap_user: ImapUser) -> None:
    with pytest.raises(TlsError, match="handshake") as caught:
        ImapSession.connect(imap_user.settings("tls", port=imap_user.imap_port), "x")
    assert "starttls" in caught.value.fix


@imap
def test_wrong_password_is_an_auth_error_without_the_password(
    imap_user: ImapUser, caplog: pytest.LogCaptureFixture
) -> None:
    wrong = "Wrong-Pa55word"
    caplog.set_level(logging.DEBUG)
    with pytest.raises(AuthError) as caught:
        ImapSession.connect(imap_user.settings(), wrong)
    assert imap_user.name in str(caught.value)
    assert caught.value.exit_code == 77
    assert wrong not in str(caught.value)
    assert wrong not in caplog.text
    assert imap_user.password not in caplog.text


@contextmanager
def one_shot_server(reply_to_login: bytes | None) -> Iterator[int]:
    """A minimal IMAP server on loopback: greets, then answers the LOGIN line with
    ``reply_to_login`` (None: hangs up instead). Yields its port."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()

    def serve() -> None:
        connection, _ = listener.accept()
        with connection, connection.makefile("rb") as lines:
            connection.sendall(b"* OK ready\r\n")
            for line in lines:
                tag, command = line.split()[:2]
                if command.upper() == b"CAPABILITY":
                    connection.sendall(b"* CAPABILITY IMAP4rev1 AUTH=PLAIN\r\n%s OK done\r\n" % tag)
                elif command.upper() == b"LOGIN" and reply_to_login is not None:
                    connection.sendall(tag + b" " + reply_to_login + b"\r\n")
                else:
                    return  # hang up

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield listener.getsockname()[1]
    finally:
        thread.join(timeout=10)
        listener.close()


@pytest.mark.parametrize(
    ("reply", "expected"),
    [
        (b"NO [AUTHENTICATIONFAILED] Invalid credentials", AuthError),
        (b"NO Login failed", AuthError),
        (b"NO [UNAVAILABLE] Authentication backend down", MailboxTimeoutError),
        (None, MailboxTimeoutError),  # hung up: a network problem, not a wrong password
    ],
)
def test_only_a_refused_password_is_an_auth_error(
    reply: bytes | None, expected: type[MailboxError]
) -> None:
    with one_shot_server(reply) as port:
        settings = ImapSettings("127.0.0.1", port, "plain", "me", timeout=5)
        with pytest.raises(MailboxError) as caught:
            ImapSession.connect(settings, "hunter2")
    assert type(caught.value) is expected
    assert "hunter2" not in str(caught.value)


@imap
def test_the_right_password_never_reaches_the_logs(
    imap_user: ImapUser, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    with ImapSession.connect(imap_user.settings(), imap_user.password) as session:
        session.noop()
    assert caplog.records  # the connection was logged...
    assert imap_user.password not in caplog.text  # ...but not the secret


@imap
def test_refused_port(imap_user: ImapUser) -> None:
    with pytest.raises(ConnectionRefusedMailboxError) as caught:
        ImapSession.connect(imap_user.settings(port=free_port()), imap_user.password)
    assert "refused" in caught.value.what
    assert "port" in caught.value.fix


def test_unknown_host_is_a_dns_error() -> None:
    settings = ImapSettings("no-such-mail-host.invalid", 993, "tls", "me", timeout=5)
    with pytest.raises(DnsError) as caught:
        ImapSession.connect(settings, "secret")
    assert "no-such-mail-host.invalid" in caught.value.what
    assert "host name" in caught.value.fix


@pytest.mark.parametrize("security", ["tls", "starttls", "plain"])
def test_a_server_that_never_answers_times_out(security: str) -> None:
    with socket.socket() as silent:  # accepts connections (backlog) but never speaks
        silent.bind(("127.0.0.1", 0))
        silent.listen()
        port = silent.getsockname()[1]
        settings = ImapSettings("127.0.0.1", port, security, "me", timeout=0.3)  # type: ignore[arg-type]
        with pytest.raises(MailboxTimeoutError) as caught:
            ImapSession.connect(settings, "secret")
    assert "did not answer" in caught.value.what


def test_unreadable_ca_file_is_a_tls_error(tmp_path: Path) -> None:
    settings = ImapSettings("localhost", 993, "tls", "me", ca_file=tmp_path / "missing.pem")
    with pytest.raises(TlsError, match=r"missing\.pem"):
        ImapSession.connect(settings, "secret")


@pytest.mark.parametrize(
    "changes",
    [{"security": "ssl"}, {"port": 0}, {"port": 70000}, {"host": ""}, {"timeout": 0}],
)
def test_settings_reject_nonsense(changes: dict[str, Any]) -> None:
    values: dict[str, Any] = {"host": "h", "port": 993, "security": "tls", "username": "u"}
    with pytest.raises(ValueError, match=next(iter(changes))):
        ImapSettings(**{**values, **changes})


# -- folders ------------------------------------------------------------------------


def folders(*specs: str | tuple[str, str]) -> list[FolderInfo]:
    """Folder list from names, or (name, flags) pairs; delimiter '/' unless the name uses '.'."""
    result = []
    for spec in specs:
        name, flags = spec if isinstance(spec, tuple) else (spec, "")
        delimiter = "." if name.startswith("INBOX.") else "/"
        result.append(FolderInfo(name, frozenset(flags.split()), delimiter))
    return result


@pytest.mark.parametrize(
    ("listing", "configured", "expected"),
    [
        (folders("INBOX", "Drafts", "Mine"), "Mine", "Mine"),
        (folders("INBOX", ("Entwürfe", "\\Drafts"), "Drafts"), None, "Entwürfe"),
        (folders("INBOX", ("Entwürfe", "\\Drafts")), "Gone", "Entwürfe"),
        (folders("INBOX", ("Brouillons", "\\drafts")), None, "Brouillons"),
        (
            folders("INBOX", "[Gmail]", "[Gmail]/Drafts", "[Gmail]/Sent Mail"),
            None,
            "[Gmail]/Drafts",
        ),
        (folders("INBOX", "INBOX.Drafts", "INBOX.Sent"), None, "INBOX.Drafts"),
        (folders("INBOX", "INBOX/Drafts"), None, "INBOX/Drafts"),
        (folders("INBOX", "Draft"), None, "Draft"),
        (folders("INBOX", "Concepten"), None, "Concepten"),
        (folders("INBOX", "Kladder", "Utkast"), None, "Utkast"),
        (folders("INBOX", "drafts"), None, "drafts"),
        (folders("INBOX", "INBOX.Bozze"), None, "INBOX.Bozze"),
        (folders("INBOX", "drafts", "Drafts"), None, "Drafts"),
        (folders("INBOX", ("Drafts", "\\Noselect"), "Borradores"), None, "Borradores"),
    ],
)
def test_choose_drafts_folder(
    listing: list[FolderInfo], configured: str | None, expected: str
) -> None:
    assert choose_drafts_folder(listing, configured) == expected


def test_choose_drafts_folder_without_any_says_what_exists() -> None:
    with pytest.raises(FolderMissingError) as caught:
        choose_drafts_folder(folders("INBOX", "Archive", "Sent"), "Draftz")
    assert "Draftz" in caught.value.what
    assert "INBOX, Archive, Sent" in caught.value.what
    assert "drafts_folder" in caught.value.fix


@pytest.mark.parametrize(
    ("listing", "expected"),
    [
        (folders("INBOX", ("Gesendet", "\\Sent"), "Sent"), "Gesendet"),
        (folders("INBOX", "[Gmail]/Sent Mail"), "[Gmail]/Sent Mail"),
        (folders("INBOX", "Sent Items"), "Sent Items"),
        (folders("INBOX", "INBOX.Sent"), "INBOX.Sent"),
        (folders("INBOX", "Envoyés"), "Envoyés"),
        (folders("INBOX", "Archive"), None),
    ],
)
def test_choose_sent_folder(listing: list[FolderInfo], expected: str | None) -> None:
    assert choose_sent_folder(listing) == expected


def test_a_configured_sent_folder_wins_when_it_exists() -> None:
    listing = folders("INBOX", "Sent", "Outbox Archive")
    assert choose_sent_folder(listing, "Outbox Archive") == "Outbox Archive"
    assert choose_sent_folder(listing, "Not there") == "Sent"
    assert choose_sent_folder(folders("INBOX"), "Not there") is None


@imap
def test_dovecot_special_use_folders(imap_user: ImapUser, session: ImapSession) -> None:
    listing = {folder.name: folder for folder in session.list_folders()}
    assert listing["Drafts"].has_flag("\\Drafts")
    assert listing["INBOX"].delimiter == "/"
    assert session.find_drafts_folder(None) == "Drafts"
    assert session.find_sent_folder() == "Sent"
    imap_user.create_folder("Replies to send")
    assert session.find_drafts_folder("Replies to send") == "Replies to send"
    assert session.find_drafts_folder("Not there") == "Drafts"
    assert session.find_sent_folder("Replies to send") == "Replies to send"


@imap
def test_a_configured_sent_folder_that_is_missing_is_said(
    session: ImapSession, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING, logger="rejoinder"):
        assert session.find_sent_folder("Gesendet") == "Sent"
    assert "configured sent folder 'Gesendet' does not exist" in caplog.text


@imap
def test_missing_folder_is_named_with_the_existing_ones(session: ImapSession) -> None:
    for attempt in (
        lambda: session.folder_state("Jobz"),
        lambda: session.summaries("Jobz", 0),
        lambda: list(session.fetch_raw("Jobz", [1])),
        lambda: session.append_draft("Jobz", draft("r1"), "r1"),
    ):
        with pytest.raises(FolderMissingError) as caught:
            attempt()
        assert "'Jobz'" in caught.value.what
        assert "INBOX" in caught.value.what
        assert "Drafts" in caught.value.what


# -- drafts -------------------------------------------------------------------------


@imap
def test_append_draft_lands_in_drafts_flagged_draft_and_seen(
    imap_user: ImapUser, session: ImapSession
) -> None:
    assert not session.has_draft("Drafts", "ref-42")
    session.append_draft("Drafts", draft("ref-42"), "ref-42")
    assert list(imap_user.flags("Drafts").values()) == [
        frozenset({"\\Draft", "\\Seen", "\\Recent"})
    ]
    assert session.has_draft("Drafts", "ref-42")
    # SEARCH HEADER matches substrings; the answer must not.
    assert not session.has_draft("Drafts", "ref-4")
    assert not session.has_draft("Drafts", "ref-421")
    assert imap_user.flags("INBOX") == {}


@imap
@pytest.mark.parametrize("ref", ["<a(1)@x.example>/reply", "100%*done]", 'say"hi"\\too', "{5}"])
def test_refs_with_imap_special_characters_work(session: ImapSession, ref: str) -> None:
    assert not session.has_draft("Drafts", ref)
    session.append_draft("Drafts", draft(ref), ref)
    assert session.has_draft("Drafts", ref)


@imap
def test_a_draft_without_its_reference_header_is_refused(session: ImapSession) -> None:
    with pytest.raises(ValueError, match="X-Rejoinder-Ref"):
        session.append_draft("Drafts", draft("other"), "ref-1")
    with pytest.raises(ValueError, match="printable"):
        session.append_draft("Drafts", draft("two words"), "two words")


@imap
def test_mailbox_add_draft_returns_where_it_went(imap_user: ImapUser, session: ImapSession) -> None:
    mailbox = ImapMailbox(session, watched=["INBOX"], drafts_folder="Drafts")
    where = mailbox.add_draft(draft("abc"), "abc")
    state = session.folder_state("Drafts")
    assert where == f"Drafts;v={state.uidvalidity};uid=1"
    assert mailbox.has_draft("abc")
    assert not mailbox.has_draft("abd")


@imap
def test_the_mailbox_reads_the_draft_references_once_and_keeps_them_up_to_date(
    imap_user: ImapUser, session: ImapSession
) -> None:
    session.append_draft("Drafts", draft("ref-42"), "ref-42")
    imap_user.append(message(1), folder="Drafts")  # a draft of the user's own: no reference
    assert session.draft_refs("Drafts") == {"ref-42"}

    mailbox = ImapMailbox(session, watched=["INBOX"], drafts_folder="Drafts")
    assert mailbox.has_draft("ref-42")
    assert not mailbox.has_draft("ref-4")  # exact values, not SEARCH's substrings
    mailbox.add_draft(draft("ref-7"), "ref-7")
    assert mailbox.has_draft("ref-7")
    # Another client's draft is seen by the next pass's mailbox (a crash recovery case).
    session.append_draft("Drafts", draft("ref-9"), "ref-9")
    assert ImapMailbox(session, watched=["INBOX"], drafts_folder="Drafts").has_draft("ref-9")


MAIL = Path(__file__).parent / "fixtures" / "mail"
_SAME_EXCEPT = frozenset({"size"})  # the rebuilt message is smaller: that is the point


@imap
def test_messages_read_without_attachments_parse_exactly_like_the_whole_ones(
    imap_user: ImapUser, session: ImapSession, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Every multipart fixture goes through the rebuilding, whatever its size.
    monkeypatch.setattr(textonly, "TEXT_ONLY_ABOVE", 0)
    monkeypatch.setattr(textonly, "MIN_LEFT_OUT", 0.0)
    for path in sorted(MAIL.glob("*.eml")):
        imap_user.deliver(path.read_bytes())
    state = session.folder_state("INBOX")
    uids = list(range(1, state.uidnext))
    whole = {m.uid: m.raw for m in session.fetch_raw("INBOX", uids, uidvalidity=state.uidvalidity)}
    text = {m.uid: m.raw for m in session.fetch_text("INBOX", uids, uidvalidity=state.uidvalidity)}

    assert text.keys() == whole.keys() == set(uids)
    rebuilt = [uid for uid in uids if text[uid] != whole[uid]]
    assert len(rebuilt) >= 3
    for uid in rebuilt:
        before, after = parse_message(whole[uid]), parse_message(text[uid])
        assert isinstance(before, ParsedMessage)
        assert isinstance(after, ParsedMessage)
        for name in {f.name for f in dataclasses.fields(before)} - _SAME_EXCEPT:
            assert getattr(after, name) == getattr(before, name), (uid, name)
    assert not any("\\Seen" in flags for flags in imap_user.flags("INBOX").values())


@imap
def test_a_rejection_with_a_pdf_is_read_without_the_pdf(
    imap_user: ImapUser, session: ImapSession
) -> None:
    raw = (MAIL / "attachment_pdf.eml").read_bytes()
    imap_user.deliver(raw)
    state = session.folder_state("INBOX")
    [message] = session.fetch_text("INBOX", [1], uidvalidity=state.uidvalidity)
    assert len(message.raw) < len(raw) // 5
    assert b"application/pdf" not in message.raw
    parsed = parse_message(message.raw)
    assert isinstance(parsed, ParsedMessage)
    assert parsed.message_id == "<letter-5521@halvorsen-marine.example>"
    assert "offered the role to another candidate" in parsed.new_text


@pytest.mark.parametrize(
    ("server_text", "reason"),
    [
        ("append failed: [OVERQUOTA] Quota exceeded (mailbox for user is full)", "over quota"),
        ("NO Quota exceeded", "over quota"),
        ("[TRYCREATE] Mailbox doesn't exist: Drafts", "the folder does not exist"),
        ("NO [UNAVAILABLE] Temporary internal error", "temporarily unavailable"),
        ("NO [NOPERM] Permission denied", "no permission to write there"),
        ("NO [CANNOT] Invalid message header", None),  # about the draft: counts against it
        ("NO [PARSE] Bad message", None),
    ],
)
def test_which_append_refusals_are_the_mailbox_s(server_text: str, reason: str | None) -> None:
    assert drafts_refusal(server_text) == reason


def test_parse_appenduid() -> None:
    assert parse_appenduid(b"[APPENDUID 1700000000 12] Append completed.") == (1700000000, 12)
    assert parse_appenduid(b"Append completed.") is None


# -- reading ------------------------------------------------------------------------


@imap
def test_reading_changes_no_flags(imap_user: ImapUser, session: ImapSession) -> None:
    flag_sets: list[tuple[str, ...]] = [
        (),
        ("\\Seen",),
        ("\\Flagged",),
        ("\\Answered", "\\Seen"),
        (),
    ]
    for n, flags in enumerate(flag_sets):
        imap_user.deliver(message(n), flags=flags)
    before = imap_user.flags()
    assert sum("\\Seen" not in flags for flags in before.values()) == 3

    summaries = session.summaries("INBOX", 0)
    raws = list(session.fetch_raw("INBOX", [s.uid for s in summaries]))
    session.flags("INBOX", [s.uid for s in summaries])
    mailbox_raws = list(ImapMailbox(session, ["INBOX"], "Drafts").messages())
    session.idle_wait("INBOX", 0.2)

    assert imap_user.flags() == before
    assert [raw.raw for raw in raws] == [message(n) for n in range(5)]
    assert [raw.raw for raw in mailbox_raws] == [message(n) for n in range(5)]


@imap
def test_summaries_carry_the_key_headers_only(imap_user: ImapUser, session: ImapSession) -> None:
    when = datetime(2024, 6, 3, 10, 0, tzinfo=UTC)
    extra = "List-Id: <jobs.acme.example>\r\nX-Spam: no\r\nAuto-Submitted: auto-generated\r\n"
    imap_user.deliver(message(1, extra=extra), flags=["\\Seen"], internal_date=when)
    [summary] = session.summaries("INBOX", 0)
    assert summary.uid == 1
    assert summary.size == len(message(1, extra=extra))
    assert summary.internal_date == when
    assert summary.internal_date is not None
    assert summary.internal_date.tzinfo is not None
    assert "\\Seen" in summary.flags
    assert b"Subject: Application 1\r\n" in summary.headers
    assert b"List-Id: <jobs.acme.example>\r\n" in summary.headers
    assert b"Auto-Submitted: auto-generated\r\n" in summary.headers
    assert b"X-Spam" not in summary.headers
    assert b"To:" not in summary.headers
    assert b"Body of message" not in summary.headers


@imap
def test_summaries_without_headers_are_sizes_alone(
    imap_user: ImapUser, session: ImapSession
) -> None:
    """What a first run reads before the bodies: every size, right, and nothing else."""
    for n in range(1, 4):
        imap_user.deliver(message(n, extra="X-Pad: " + "x" * 100 * n + "\r\n"), flags=["\\Seen"])
    uids = session.new_uids("INBOX", 0)
    summaries = session.summaries_of("INBOX", uids, headers=False)
    sizes = [len(message(n, extra="X-Pad: " + "x" * 100 * n + "\r\n")) for n in range(1, 4)]
    assert [(s.uid, s.size) for s in summaries] == list(zip(uids, sizes, strict=True))
    assert all(s.headers == b"" and not s.flags and s.internal_date is None for s in summaries)


@imap
def test_uids_since_go_by_arrival_not_by_uid(imap_user: ImapUser, session: ImapSession) -> None:
    days = [datetime(2026, 3, d, 12, tzinfo=UTC) for d in (10, 1, 20, 9)]
    for n, when in enumerate(days, 1):
        imap_user.deliver(message(n), internal_date=when)
    assert session.uids_since("INBOX", date(2026, 3, 10)) == [1, 3]
    assert session.uids_since("INBOX", date(2026, 3, 1)) == [1, 2, 3, 4]
    assert session.uids_since("INBOX", date(2026, 3, 21)) == []


@imap
def test_summaries_after_uid_edges(imap_user: ImapUser, session: ImapSession) -> None:
    assert session.summaries("INBOX", 0) == []
    for n in range(1, 7):
        imap_user.deliver(message(n))
    imap_user.expunge([3, 4, 6])  # UIDs left: 1, 2, 5

    def uids(after: int) -> list[int]:
        return [summary.uid for summary in session.summaries("INBOX", after)]

    assert uids(0) == [1, 2, 5]
    assert uids(1) == [2, 5]
    assert uids(2) == [5]
    assert uids(3) == [5]  # inside the gap
    assert uids(5) == []
    assert uids(6) == []  # "7:*" still answers with UID 5: it must not come back
    assert uids(10_000) == []
    with pytest.raises(ValueError, match="after_uid"):
        session.summaries("INBOX", -1)


def count_fetches(session: ImapSession, monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Record the number of UIDs in every FETCH the session sends from now on."""
    from rejoinder.daemon import imap

    fetches: list[int] = []
    real_fetch = imap._uid_fetch

    def counting_fetch(client: Any, uids: list[int], items: list[str]) -> Any:
        assert client is session._client
        fetches.append(len(uids))
        return real_fetch(client, uids, items)

    monkeypatch.setattr(imap, "_uid_fetch", counting_fetch)
    return fetches


@imap
def test_summaries_are_batched(
    imap_user: ImapUser, session: ImapSession, monkeypatch: pytest.MonkeyPatch
) -> None:
    count = 2 * SUMMARY_BATCH + 7
    for n in range(count):
        imap_user.deliver(message(n))
    fetches = count_fetches(session, monkeypatch)
    summaries = session.summaries("INBOX", 0)
    assert [s.uid for s in summaries] == list(range(1, count + 1))
    assert all(f"Subject: Application {s.uid - 1}\r\n".encode() in s.headers for s in summaries)
    assert fetches == [SUMMARY_BATCH, SUMMARY_BATCH, 7]

    fetches.clear()
    assert [s.uid for s in session.summaries("INBOX", count - 3)] == [count - 2, count - 1, count]
    assert fetches == [3]


@imap
def test_fetch_raw_is_batched_and_keeps_the_requested_order(
    imap_user: ImapUser, session: ImapSession, monkeypatch: pytest.MonkeyPatch
) -> None:
    for n in range(450):
        imap_user.deliver(message(n))
    fetches = count_fetches(session, monkeypatch)
    wanted = list(range(450, 0, -1))
    got = list(session.fetch_raw("INBOX", wanted))
    assert [raw.uid for raw in got] == wanted
    assert got[0].raw == message(449)
    assert fetches == [200, 200, 50]


@imap
def test_messages_of_several_folders_come_oldest_first(
    imap_user: ImapUser, session: ImapSession
) -> None:
    start = datetime(2024, 5, 1, 9, 0, tzinfo=UTC)
    imap_user.create_folder("Jobs")
    imap_user.deliver(message(1), "Jobs", internal_date=start + timedelta(days=1))
    imap_user.deliver(message(2), "INBOX", internal_date=start + timedelta(days=3))
    imap_user.deliver(message(3), "Jobs", internal_date=start + timedelta(days=2))
    imap_user.deliver(message(4), "INBOX", internal_date=start)
    mailbox = ImapMailbox(session, ["INBOX", "Jobs"], "Drafts")
    got = list(mailbox.messages())
    inbox, jobs = session.folder_state("INBOX"), session.folder_state("Jobs")
    assert [raw.raw for raw in got] == [message(n) for n in (4, 1, 3, 2)]
    assert [raw.key for raw in got] == [
        f"INBOX;v={inbox.uidvalidity};uid=2",
        f"Jobs;v={jobs.uidvalidity};uid=1",
        f"Jobs;v={jobs.uidvalidity};uid=2",
        f"INBOX;v={inbox.uidvalidity};uid=1",
    ]
    assert [raw.folder for raw in got] == ["INBOX", "Jobs", "Jobs", "INBOX"]
    assert got[0].internal_date == start


@imap
def test_recreated_folder_gets_a_new_uidvalidity(imap_user: ImapUser, session: ImapSession) -> None:
    imap_user.create_folder("Jobs")
    imap_user.deliver(message(1), "Jobs")
    before = session.folder_state("Jobs")
    assert (before.exists, before.uidnext) == (1, 2)
    [old] = session.summaries("Jobs", 0)

    imap_user.delete_folder("Jobs")
    imap_user.create_folder("Jobs")
    imap_user.deliver(message(2), "Jobs")
    after = session.folder_state("Jobs")
    assert after.uidvalidity != before.uidvalidity
    [new] = list(session.fetch_raw("Jobs", [1]))
    assert new.key == f"Jobs;v={after.uidvalidity};uid=1" != f"Jobs;v={before.uidvalidity};uid=1"
    assert new.raw == message(2)
    # UIDs read under the old UIDVALIDITY must not be fetched under the new one.
    with pytest.raises(MailboxError, match="UIDVALIDITY"):
        list(session.fetch_raw("Jobs", [old.uid], uidvalidity=before.uidvalidity))


# -- waiting ------------------------------------------------------------------------


@imap
def test_idle_wakes_up_when_mail_arrives(imap_user: ImapUser, session: ImapSession) -> None:
    imap_user.deliver(message(1))
    assert "IDLE" in session.capabilities()
    other_client = threading.Timer(0.3, imap_user.append, args=(message(2),))
    other_client.start()
    try:
        assert session.idle_wait("INBOX", timeout=20) is True
    finally:
        other_client.join()
    assert [s.uid for s in session.summaries("INBOX", 1)] == [2]  # the session still works


@imap
def test_mail_that_arrived_between_two_waits_is_not_lost(
    imap_user: ImapUser, session: ImapSession
) -> None:
    imap_user.deliver(message(1))
    assert [s.uid for s in session.summaries("INBOX", 0)] == [1]
    assert session.idle_wait("INBOX", timeout=0.2) is False
    imap_user.append(message(2))  # while nobody is idling
    assert session.idle_wait("INBOX", timeout=20) is True
    assert [s.uid for s in session.summaries("INBOX", 1)] == [2]
    assert session.idle_wait("INBOX", timeout=0.2) is False


@imap
def test_mail_stored_just_before_idle_begins_is_heard_of_soon(
    imap_user: ImapUser, session: ImapSession, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The race at the end of every pass: the folder was looked at, then mail lands
    before the server starts watching for this IDLE (Dovecot announces it only when
    that IDLE ends, and one IDLE may last the whole renewal interval)."""
    imap_user.deliver(message(1))
    assert [s.uid for s in session.summaries("INBOX", 0)] == [1]
    client = session._client
    start_idle = client.idle

    def idle_after_mail_lands() -> Any:
        imap_user.append(message(2))  # after the look, before IDLE starts
        monkeypatch.setattr(client, "idle", start_idle)
        return start_idle()

    monkeypatch.setattr(client, "idle", idle_after_mail_lands)
    started = time.monotonic()
    assert session.idle_wait("INBOX", timeout=60) is True
    # Dovecot itself rechecks an idling mailbox every 30 s; the first round ends long before.
    assert time.monotonic() - started < 10
    assert [s.uid for s in session.summaries("INBOX", 1)] == [2]


@imap
def test_idle_times_out_quietly_when_nothing_arrives(
    imap_user: ImapUser, session: ImapSession
) -> None:
    imap_user.deliver(message(1))
    imap_user.append(message(2), "Sent")  # another folder: not news for INBOX
    assert session.idle_wait("INBOX", timeout=1.0) is False
    session.noop()


@imap
def test_idle_on_a_dropped_connection_raises(imap_user: ImapUser, session: ImapSession) -> None:
    kick = threading.Timer(0.3, imap_user.kick)
    kick.start()
    try:
        with pytest.raises(MailboxTimeoutError):
            session.idle_wait("INBOX", timeout=20)
    finally:
        kick.join()


@imap
def test_server_restart_breaks_the_session_but_keeps_the_mail(
    imap_user: ImapUser, dovecot_server: DovecotServer
) -> None:
    imap_user.deliver(message(1))
    session = ImapSession.connect(imap_user.settings(), imap_user.password)
    dovecot_server.restart()
    with pytest.raises(MailboxTimeoutError):
        session.noop()
    session.logout()  # must not raise on a dead connection
    with ImapSession.connect(imap_user.settings(), imap_user.password) as fresh:
        [summary] = fresh.summaries("INBOX", 0)
    assert b"Subject: Application 1" in summary.headers


@imap
def test_mailbox_factory_for_the_shared_contract_test(imap_mailbox_factory: Any) -> None:
    mailbox = imap_mailbox_factory([message(1), message(2), message(3)])
    first = list(mailbox.messages())
    assert [raw.raw for raw in first] == [message(1), message(2), message(3)]
    assert [raw.key for raw in mailbox.messages()] == [raw.key for raw in first]  # stable
    assert not mailbox.has_draft("contract-1")
    assert mailbox.add_draft(draft("contract-1"), "contract-1").startswith("Drafts;v=")
    assert mailbox.has_draft("contract-1")
    assert [raw.raw for raw in mailbox.messages()] == [message(1), message(2), message(3)]
