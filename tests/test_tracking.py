"""What became of each draft: replies found in Sent, feedback in the watched folders,
drafts thrown away. Pure matching first, then the tasks over a scripted session, then
the whole loop against a real Dovecot."""

from __future__ import annotations

import email
import json
import logging
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path
from typing import Any

import pytest
from dovecot import DovecotServer, ImapUser
from journal_entries import make_entry
from test_daemon import account, account_table, drafts_of, rejoinder, write_config
from test_daemon_mail import USER_FROM, message_id, rejection

from rejoinder.classifier.classify import Classifier
from rejoinder.classifier.message import ParsedMessage, parse_message
from rejoinder.classifier.result import Verdict
from rejoinder.daemon import paths
from rejoinder.daemon.config import Config
from rejoinder.daemon.imap import ImapSession, MessageSummary
from rejoinder.daemon.journal import EntryRecord, Journal, JournalEntry
from rejoinder.daemon.pipeline import draft_ref
from rejoinder.daemon.tracking import (
    FEEDBACK_CURSOR,
    FEEDBACK_DAYS,
    SENT_CURSOR,
    FeedbackTracking,
    MailHeaders,
    ReplyTracking,
    address_of,
    answered_rejection,
    discarded_drafts,
    feedback_entry,
    in_rejection_thread,
    is_first_draft,
    own_message_ids,
    read_headers,
    replied_entry,
    reply_rank,
)
from rejoinder.daemon.watcher import pass_tasks

imap = pytest.mark.imap
NOW = datetime(2026, 3, 2, 12, tzinfo=UTC)
DANA = "dana@acme.example"
OWN = frozenset({"sam@home.example"})


def drafted(n: int = 1, **changes: Any) -> JournalEntry:
    """Rejection ``n`` (Message-ID <n@x>, from Dana at acme.example) with a draft in Drafts."""
    values: dict[str, Any] = {
        "draft_ref": f"ref{n}",
        "draft_message_id": f"<rejoinder.ref{n}.reply@home.example>",
        "draft_location": f"Drafts;v=7;uid={n}",
        "draft_to": (("Dana", DANA),),
    }
    values.update(changes)
    return make_entry(n, 2, NOW, **values)


def replied(n: int = 1, at: datetime = NOW - timedelta(days=1), **changes: Any) -> JournalEntry:
    return drafted(n, replied_at=at, reply_message_id=f"<reply-{n}@home.example>", **changes)


# -- reading headers -----------------------------------------------------------------


def test_headers_are_read_into_values_thread_nearest_first() -> None:
    raw = (
        b"Message-ID: <sent-1@home.example>\r\n"
        b"In-Reply-To: <3@x>\r\n"
        b"References: <1@x>\r\n <2@x> <3@x>\r\n"
        b"X-Rejoinder-Ref: ref3\r\n"
        b"From: Sam <SAM@home.example>\r\n"
        b"To: Dana <Dana@Acme.example>, hr@acme.example\r\n"
        b"Cc: Lee <lee@elsewhere.example>\r\n"
        b"Date: Mon, 02 Mar 2026 10:00:00 +0100\r\n"
        b"\r\n"
    )
    arrived = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)
    headers = read_headers(MessageSummary(5, 0, arrived, frozenset(), raw))
    assert headers == MailHeaders(
        uid=5,
        message_id="<sent-1@home.example>",
        in_reply_to="<3@x>",
        thread=("<3@x>", "<2@x>", "<1@x>"),
        ref="ref3",
        sender="sam@home.example",
        recipients=("dana@acme.example", "hr@acme.example", "lee@elsewhere.example"),
        date=datetime(2026, 3, 2, 9, tzinfo=UTC),
        automatic=False,
    )
    # None of the fields asked for: the server's date stands in, nothing else is known.
    assert read_headers(MessageSummary(6, 0, arrived, frozenset(), b"\r\n")) == MailHeaders(
        6, date=arrived
    )


@pytest.mark.parametrize(
    "header",
    [
        b"Auto-Submitted: auto-replied",
        b"Auto-Submitted: auto-generated; owner-email=x@y",
        b"Precedence: bulk",
        b"Subject: Automatic reply: Thank you",
        b"Subject: Out of Office: back on Monday",
        b"Subject: Abwesenheitsnotiz: Ihre Nachricht",
    ],
)
def test_auto_replies_and_bulk_mail_are_automatic(header: bytes) -> None:
    raw = b"From: dana@acme.example\r\n" + header + b"\r\n\r\n"
    assert read_headers(MessageSummary(1, 0, None, frozenset(), raw)).automatic
    person = b"From: dana@acme.example\r\nAuto-Submitted: no\r\nSubject: Re: Thanks\r\n\r\n"
    assert not read_headers(MessageSummary(1, 0, None, frozenset(), person)).automatic


def test_the_address_in_a_journalled_sender() -> None:
    assert address_of("Dana Whitfield <Dana@Acme.example>") == "dana@acme.example"
    assert address_of("Smith, Jo <jo@acme.example>") == "jo@acme.example"
    assert address_of("dana@acme.example") == "dana@acme.example"
    assert address_of("Acme Careers") == ""


# -- replies in Sent -------------------------------------------------------------------


def sent(*thread: str, **changes: Any) -> MailHeaders:
    values: dict[str, Any] = {
        "uid": 1,
        "message_id": "<sent@home.example>",
        "in_reply_to": thread[0] if thread else None,
        "thread": thread,
        "recipients": (DANA,),
        "date": NOW,
    }
    values.update(changes)
    return MailHeaders(**values)


def test_a_sent_message_is_the_reply_by_reference_draft_id_or_thread() -> None:
    entry = drafted(1)
    # The draft itself, sent: its reference survived, or the client kept its Message-ID.
    assert reply_rank(sent(ref="ref1", recipients=()), entry) == 0
    assert reply_rank(sent(message_id="<rejoinder.ref1.reply@home.example>"), entry) == 0
    # An answer to the draft, or a reply of the user's own to the rejection.
    assert reply_rank(sent("<rejoinder.ref1.reply@home.example>"), entry) == 1
    assert reply_rank(sent("<1@x>"), entry) == 1
    assert reply_rank(sent("<later@acme.example>", "<1@x>"), entry) == 2
    assert reply_rank(sent("<2@x>"), entry) is None
    assert reply_rank(sent(ref="ref2"), entry) is None


def test_only_the_draft_sent_as_it_was_counts_as_the_thank_you() -> None:
    entry = drafted(1)
    assert is_first_draft(sent(ref="ref1", recipients=()), entry)
    assert is_first_draft(sent(message_id="<rejoinder.ref1.reply@home.example>"), entry)
    assert not is_first_draft(sent("<1@x>"), entry)  # a reply the user wrote otherwise
    follow_up = drafted(1, follow_up_ref="ref1:f")
    assert not is_first_draft(sent(ref="ref1:f"), follow_up)


def test_a_sent_follow_up_is_a_reply_too() -> None:
    entry = drafted(1, follow_up_ref="ref1:f", follow_up_message_id="<rejoinder.f@home.example>")
    assert reply_rank(sent(ref="ref1:f"), entry) == 0
    assert reply_rank(sent(message_id="<rejoinder.f@home.example>"), entry) == 0


def test_a_rejection_forwarded_to_a_friend_is_no_reply() -> None:
    entry = drafted(1)
    assert reply_rank(sent("<1@x>", recipients=("friend@mail.example",)), entry) is None
    # Still a reply when the employer is among the recipients, or at the employer's
    # domain (a colleague of the sender), or the address the draft was written to.
    assert reply_rank(sent("<1@x>", recipients=("friend@mail.example", DANA)), entry) == 1
    assert reply_rank(sent("<1@x>", recipients=("lee@careers.acme.example",)), entry) == 1
    to_person = drafted(2, sender="Acme <jobs@ats.example>", draft_to=(("", "lee@people.example"),))
    assert reply_rank(sent("<2@x>", recipients=("lee@people.example",)), to_person) == 1
    # The draft answered: whoever it went to, it is the reply.
    answer = sent("<rejoinder.ref1.reply@home.example>", recipients=("friend@mail.example",))
    assert reply_rank(answer, entry) == 1


def test_when_the_employer_has_no_usable_address_any_recipient_will_do() -> None:
    no_reply = drafted(1, sender="Acme <no-reply@acme.example>", draft_to=None)
    assert reply_rank(sent("<1@x>", recipients=("found@acme-people.example",)), no_reply) == 1


def test_the_surest_match_wins_then_the_same_account_then_the_newest() -> None:
    first, second = drafted(1), drafted(2)
    message = sent("<2@x>", "<1@x>")
    assert replied_entry(message, [first, second], "work") == second
    assert replied_entry(sent("<1@x>", ref="ref2"), [first, second], "work") == second
    copy_elsewhere = drafted(1, id=9, account="home")
    assert replied_entry(sent("<1@x>"), [copy_elsewhere, first], "work") == first
    assert replied_entry(sent("<9@x>"), [first, second], "work") is None


# -- feedback ---------------------------------------------------------------------------


def incoming(*thread: str, **changes: Any) -> MailHeaders:
    values: dict[str, Any] = {
        "uid": 1,
        "message_id": "<answer@acme.example>",
        "in_reply_to": thread[0] if thread else None,
        "thread": thread,
        "sender": DANA,
        "date": NOW,
    }
    values.update(changes)
    return MailHeaders(**values)


def feedback(message: MailHeaders, *entries: JournalEntry) -> JournalEntry | None:
    return feedback_entry(message, entries, own_addresses=OWN, own_ids=own_message_ids(entries))


def test_an_answer_in_the_thread_of_the_reply_is_feedback() -> None:
    entry = replied(1)
    for thread in (
        ("<reply-1@home.example>",),
        ("<rejoinder.ref1.reply@home.example>",),  # the draft sent under its own id
        ("<reply-1@home.example>", "<1@x>"),
    ):
        assert feedback(incoming(*thread, sender="someone@else.example"), entry) == entry
    # Naming only the rejection, it must come from the employer's side after the reply:
    # not before it, and not from a friend answering the rejection the user forwarded.
    assert feedback(incoming("<1@x>", sender="hr@careers.acme.example"), entry) == entry
    early = NOW - timedelta(days=3)
    assert feedback(incoming("<1@x>", sender="hr@careers.acme.example", date=early), entry) is None
    friend = incoming("<fwd@home.example>", "<1@x>", sender="pat@mail.example")
    assert feedback(friend, entry) is None


def test_mail_from_the_employer_after_the_reply_is_feedback_for_a_while() -> None:
    entry = replied(1, at=NOW - timedelta(days=1))
    assert feedback(incoming(), entry) == entry
    assert feedback(incoming(date=NOW - timedelta(days=2)), entry) is None  # before the reply
    late = NOW + timedelta(days=FEEDBACK_DAYS)
    assert feedback(incoming(date=late), entry) is None
    assert feedback(incoming(sender="someone@acme.example"), entry) is None
    assert feedback(incoming(date=None), entry) is None
    ats = replied(2, sender="Acme <no-reply@acme.example>", draft_to=None)
    assert feedback(incoming(sender="no-reply@acme.example"), ats) is None


def test_what_never_counts_as_feedback() -> None:
    entry = replied(1)
    answer = incoming("<reply-1@home.example>")
    assert feedback(answer, entry) == entry
    assert feedback(incoming("<reply-1@home.example>", automatic=True), entry) is None
    assert feedback(incoming("<reply-1@home.example>", sender="sam@home.example"), entry) is None
    assert feedback(answer, drafted(1)) is None  # no reply yet
    assert feedback(answer, replied(1, feedback_at=NOW)) is None  # the first answer counts
    # A new rejection from the same sender is an entry of its own, not an answer.
    newer = make_entry(2, 0, NOW, message_id="<answer@acme.example>")
    assert (
        feedback_entry(incoming(), [entry], own_addresses=OWN, own_ids=own_message_ids([newer]))
        is None
    )
    # Nor are the rejection itself and the user's own messages, read again.
    for own in ("<1@x>", "<reply-1@home.example>", "<rejoinder.ref1.reply@home.example>"):
        assert feedback(incoming(message_id=own), entry) is None


def test_a_thread_match_beats_the_sender_then_the_latest_reply_wins() -> None:
    older = replied(1, at=NOW - timedelta(days=5))
    newer = replied(2, at=NOW - timedelta(days=1))
    assert feedback(incoming(), older, newer) == newer
    assert feedback(incoming("<reply-1@home.example>"), older, newer) == older


def test_answers_in_a_rejection_thread_are_never_drafted() -> None:
    entry = drafted(1)
    for thread in (["<1@x>"], ["<rejoinder.ref1.reply@home.example>"], ["<z@y>", "<1@x>"]):
        assert answered_rejection(thread, [entry]) == entry
    assert answered_rejection(["<reply-1@home.example>"], [replied(1)]) is not None
    assert answered_rejection(["<2@x>"], [entry]) is None
    # An unsure message (an interview invitation, say) may well be followed by a rejection.
    assert answered_rejection(["<1@x>"], [drafted(1, verdict="unsure")]) is None
    assert answered_rejection(["<1@x>"], [drafted(1, not_rejection=True)]) is None


# -- drafts thrown away ----------------------------------------------------------------


def in_drafts(uid: int, **changes: Any) -> MailHeaders:
    return MailHeaders(uid, **changes)


def test_a_draft_is_there_by_reference_message_id_or_as_an_answer_to_the_rejection() -> None:
    entries = [drafted(n) for n in (1, 2, 3, 4)]
    drafts = [
        in_drafts(10, ref="ref1"),
        in_drafts(11, message_id="<rejoinder.ref2.reply@home.example>"),
        # Edited and saved again by a client that dropped the unknown header.
        in_drafts(12, message_id="<new@home.example>", in_reply_to="<3@x>", thread=("<3@x>",)),
        in_drafts(13, ref="unrelated"),
    ]
    assert discarded_drafts(entries, drafts, "Drafts") == [entries[3]]
    assert discarded_drafts(entries, [], "Drafts") == entries


def test_only_open_drafts_of_that_folder_can_be_discarded() -> None:
    entries = [
        replied(1),
        drafted(2, draft_discarded_at=NOW),
        drafted(3, feedback_at=NOW),
        drafted(4, draft_location="Old drafts;v=1;uid=4"),
        drafted(5, draft_ref=None, draft_message_id=None, draft_status="backfill"),
        drafted(6, draft_location=None, draft_status="found"),  # found after a crash
        drafted(7, draft_location="Drafts"),  # the server did not say the UID
    ]
    assert [e.id for e in discarded_drafts(entries, [], "Drafts")] == [6, 7]


def test_the_follow_up_left_in_drafts_does_not_stand_for_the_first_draft() -> None:
    entry = drafted(1, follow_up_ref="ref1:f", follow_up_message_id="<rejoinder.f@home.example>")
    follow_up = in_drafts(
        20, ref="ref1:f", message_id="<rejoinder.f@home.example>", thread=("<1@x>",)
    )
    assert discarded_drafts([entry], [follow_up], "Drafts") == [entry]


# -- the journal's lookups ---------------------------------------------------------------


def record(journal: Journal, n: int, **changes: Any) -> JournalEntry:
    values: dict[str, Any] = {
        "account": "work",
        "folder": "INBOX",
        "source_key": f"INBOX;v=1;uid={n}",
        "message_key": f"<{n}@x>",
        "message_id": f"<{n}@x>",
        "received_at": NOW,
        "sender": f"Dana <{DANA}>",
        "subject": "Your application",
        "company": "Acme",
        "role": None,
        "stage": "application",
        "verdict": "rejection",
        "score": 0.9,
        "model_version": "m",
        "draft_status": "created",
        "draft_ref": f"ref{n}",
        "draft_message_id": f"<d{n}@home.example>",
        "draft_location": f"Drafts;v=1;uid={n}",
    }
    values.update(changes)
    journal.record(values["account"], values["message_key"], values["source_key"], "rejection",
                   EntryRecord(**values))  # fmt: skip
    [found] = [e for e in journal.entries() if e.message_key == values["message_key"]]
    return found


def test_entries_are_found_by_any_of_their_ids_in_chunks(tmp_path: Path) -> None:
    with Journal.open(tmp_path / "j.db") as journal:
        entries = [record(journal, n) for n in range(1, 451)]
        journal.mark_replied(entries[0].id, NOW, "<reply-1@home.example>")
        noise = [f"<noise-{n}@x>" for n in range(700)]
        ids = [*noise, "<449@x>", "<d300@home.example>", "<reply-1@home.example>", "<2@x>"]
        found = journal.entries_in_threads(ids, refs=["ref450", "nope"])
        assert [e.id for e in found] == sorted(
            e.id
            for e in entries
            if e.message_id in ("<1@x>", "<2@x>", "<300@x>", "<449@x>", "<450@x>")
        )
        assert journal.entries_in_threads([], []) == []


def test_open_drafts_and_replies_awaiting_feedback(tmp_path: Path) -> None:
    with Journal.open(tmp_path / "j.db") as journal:
        one, two, three, four = (record(journal, n) for n in range(1, 5))
        record(journal, 5, draft_ref=None, draft_message_id=None, draft_status="backfill")
        record(journal, 6, account="home")
        journal.mark_replied(one.id, NOW, "<r1@home.example>")
        journal.mark_replied(two.id, NOW, "<r2@home.example>")
        journal.mark_feedback(two.id, NOW, "<f2@acme.example>")
        journal.mark_discarded(three.id, NOW)
        assert [e.id for e in journal.entries_with_open_drafts("work")] == [four.id]
        assert [e.id for e in journal.entries_awaiting_feedback()] == [one.id]


# -- the tasks over a scripted session ---------------------------------------------------


@dataclass
class ScriptedSession:
    """Folders of header blocks, numbered from UID 1; ``after_first_read`` runs once,
    right after the first read (the user acting while a task runs)."""

    folders: dict[str, list[bytes]]
    sent_folder: str | None = "Sent"
    uidvalidity: int = 7
    after_first_read: Callable[[], None] | None = None  # the user acting meanwhile
    reads: list[str] = field(default_factory=list)

    def find_sent_folder(self, configured: str | None = None) -> str | None:
        return configured or self.sent_folder

    def header_fields(
        self,
        folder: str,
        fields: Sequence[str],
        after_uid: int,
        *,
        up_to: int | None = None,
        limit: int | None = None,
    ) -> tuple[int, list[MessageSummary]]:
        self.reads.append(folder)
        found = [
            MessageSummary(uid, 0, None, frozenset(), raw)
            for uid, raw in enumerate(self.folders.get(folder, []), start=1)
            if uid > after_uid and (up_to is None or uid <= up_to)
        ]
        if self.after_first_read is not None:
            act, self.after_first_read = self.after_first_read, None
            act()
        return self.uidvalidity, found[:limit]


def context_for(session: ScriptedSession, journal: Journal, *, dry_run: bool = False) -> Any:
    from types import SimpleNamespace

    from rejoinder.daemon.config import AccountConfig

    config = Config(path=None, accounts=())
    acc = AccountConfig(name="work", host="localhost", username="sam@home.example",
                        password_command="true", from_=USER_FROM)  # fmt: skip
    return SimpleNamespace(
        account=acc, config=config, journal=journal, session=session,
        mailbox=SimpleNamespace(drafts_folder="Drafts"), clock=lambda: NOW,
        dry_run=dry_run, stop=threading.Event(), beat=lambda: None,
    )  # fmt: skip


def header_block(**fields: str) -> bytes:
    lines = [f"{name.replace('_', '-')}: {value}" for name, value in fields.items()]
    return ("\r\n".join(lines) + "\r\n\r\n").encode()


def test_a_draft_sent_while_the_task_runs_counts_as_replied_never_as_discarded(
    tmp_path: Path,
) -> None:
    with Journal.open(tmp_path / "j.db") as journal:
        entry = record(journal, 1)
        session = ScriptedSession({"Drafts": [header_block(X_Rejoinder_Ref="ref1")], "Sent": []})

        def send() -> None:  # as a mail client does: store the sent copy, then drop the draft
            session.folders["Sent"].append(header_block(Message_ID="<s@home.example>",
                                                        In_Reply_To="<1@x>", To=DANA))  # fmt: skip
            session.folders["Drafts"].clear()

        session.after_first_read = send  # whichever folder the task reads first
        ReplyTracking().run(context_for(session, journal))
        after = journal.require_entry(entry.id)
        assert after.reply_message_id == "<s@home.example>"
        assert after.draft_discarded_at is None
        # Now gone from Drafts and replied: nothing more to do, and nothing read.
        ReplyTracking().run(context_for(session, journal))
        assert journal.require_entry(entry.id).draft_discarded_at is None
        assert session.reads.count("Drafts") == 1


def test_without_a_sent_folder_nothing_is_marked_and_it_is_said_once(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    with Journal.open(tmp_path / "j.db") as journal:
        entry = record(journal, 1)
        session = ScriptedSession({"Drafts": []}, sent_folder=None)
        task = ReplyTracking()
        with caplog.at_level(logging.INFO, logger="rejoinder.daemon.tracking"):
            task.run(context_for(session, journal))
            task.run(context_for(session, journal))
        assert [r.levelname for r in caplog.records] == ["INFO"]
        assert "no Sent folder" in caplog.text
        assert journal.require_entry(entry.id).draft_discarded_at is None
        assert session.reads == []


def test_a_dry_run_reads_and_records_nothing(tmp_path: Path) -> None:
    with Journal.open(tmp_path / "j.db") as journal:
        entry = record(journal, 1)
        journal.set_cursor("work", "INBOX", 7, 1)
        journal.mark_replied(entry.id, NOW - timedelta(days=1), "<r@home.example>")
        answer = header_block(From=DANA, In_Reply_To="<r@home.example>")
        session = ScriptedSession({"Drafts": [], "Sent": [], "INBOX": [answer]})
        for task in (ReplyTracking(), FeedbackTracking()):
            task.run(context_for(session, journal, dry_run=True))
        assert session.reads == []
        assert journal.require_entry(entry.id).feedback_at is None


def test_feedback_is_read_only_up_to_what_the_watcher_has_handled(tmp_path: Path) -> None:
    with Journal.open(tmp_path / "j.db") as journal:
        entry = record(journal, 1)
        journal.mark_replied(entry.id, NOW - timedelta(days=1), "<r@home.example>")
        ordinary = header_block(From="friend@mail.example", Message_ID="<o@mail.example>")
        answer = header_block(From=DANA, In_Reply_To="<r@home.example>", Message_ID="<a@x>")
        session = ScriptedSession({"INBOX": [ordinary, answer]})
        journal.set_cursor("work", "INBOX", 7, 1)  # the watcher has handled UID 1 only
        FeedbackTracking().run(context_for(session, journal))
        assert journal.require_entry(entry.id).feedback_at is None
        assert journal.cursor("work", FEEDBACK_CURSOR + "INBOX") == (7, 1)
        journal.set_cursor("work", "INBOX", 7, 2)
        FeedbackTracking().run(context_for(session, journal))
        assert journal.require_entry(entry.id).feedback_message_id == "<a@x>"
        assert journal.cursor("work", FEEDBACK_CURSOR + "INBOX") == (7, 2)


def test_with_nothing_awaiting_feedback_the_cursor_keeps_up_unread(tmp_path: Path) -> None:
    with Journal.open(tmp_path / "j.db") as journal:
        record(journal, 1)  # drafted, not replied
        session = ScriptedSession({"INBOX": [header_block(From=DANA)] * 3})
        journal.set_cursor("work", "INBOX", 7, 3)
        FeedbackTracking().run(context_for(session, journal))
        assert session.reads == []
        assert journal.cursor("work", FEEDBACK_CURSOR + "INBOX") == (7, 3)


def test_the_tasks_run_after_learning_and_before_follow_ups() -> None:
    from rejoinder.daemon.config import DraftsConfig

    config = Config(path=None, drafts=DraftsConfig(feedback_request="follow_up"))
    names = [task.name for task in pass_tasks(account_stub(), config)]
    assert names.index("learning folders") < names.index("reply tracking")
    assert names.index("reply tracking") < names.index("feedback tracking")
    assert names.index("feedback tracking") < names.index("follow-ups")


def account_stub() -> Any:
    from rejoinder.daemon.config import AccountConfig

    return AccountConfig(name="work", host="localhost", username="sam", password_command="true")


# -- against Dovecot ---------------------------------------------------------------------


def journal_rows(config_path: Path) -> dict[str, dict[str, Any]]:
    """``rejoinder journal --json``, keyed by the rejection's Message-ID."""
    result = rejoinder(config_path, "journal", "--json")
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.output.splitlines() if line.strip()]
    return {row["message_id"]: row for row in rows}


def draft_uids(user: ImapUser) -> dict[str, int]:
    """X-Rejoinder-Ref -> UID of every draft, read-only."""
    import re

    with user.server.client(user.name) as client:
        typ, data = client.select('"Drafts"', readonly=True)
        assert typ == "OK", data
        typ, data = client.uid("FETCH", "1:*", "(UID BODY.PEEK[HEADER.FIELDS (X-Rejoinder-Ref)])")
        assert typ == "OK", data
    found = {}
    for item in data:
        if isinstance(item, tuple):
            uid = re.search(rb"UID (\d+)", item[0])
            ref = re.search(rb"X-Rejoinder-Ref:\s*(\S+)", item[1])
            if uid and ref:
                found[ref.group(1).decode()] = int(uid.group(1))
    return found


def mail(
    *,
    sender: str,
    to: str,
    subject: str,
    mid: str,
    when: datetime,
    thread: Sequence[str],
    body: str,
) -> bytes:
    msg = EmailMessage()
    msg["From"], msg["To"], msg["Subject"] = sender, to, subject
    msg["Message-ID"] = mid
    msg["Date"] = format_datetime(when)
    msg["In-Reply-To"] = thread[-1]
    msg["References"] = " ".join(thread)
    msg.set_content(body)
    return bytes(msg)


FEEDBACK_BODY = (
    "Hi Sam,\n\nThank you for your kind note. As promised, some feedback: the panel felt your "
    "portfolio was strong, but another candidate had more hands-on robotics experience. "
    "Unfortunately we will not be moving forward with your application, but we encourage "
    "you to apply again in future.\n\nBest regards,\nMarcus\n"
)


@imap
def test_the_whole_loop_replied_then_feedback_and_a_discarded_draft(
    tmp_path: Path, imap_user: ImapUser, fast_model: None, classifier: Classifier
) -> None:
    first, second = rejection(1), rejection(2)
    imap_user.deliver(first)
    imap_user.deliver(second)
    config_path = write_config(tmp_path / "config.toml", {"work": account_table(imap_user)})
    assert "2 draft(s)" in rejoinder(config_path, "once").output
    rows = journal_rows(config_path)
    assert {row["status"] for row in rows.values()} == {"created"}
    refs = draft_uids(imap_user)
    assert set(refs) == {draft_ref("work", message_id(raw)) for raw in (first, second)}

    # The user sends the first reply: the client stores it in Sent and drops the draft.
    # The second draft is deleted unsent.
    sent_at = datetime.now(UTC).replace(microsecond=0) - timedelta(minutes=30)
    reply = mail(
        sender=USER_FROM, to="Marcus Oyelaran <marcus@bluefin-robotics.example>",
        subject="Re: Your application for Backend Engineer", mid="<reply-1@home.example>",
        when=sent_at, thread=[message_id(first)], body="Thank you, Marcus. Could you share any feedback?\n",
    )  # fmt: skip
    imap_user.append(reply, folder="Sent", flags=["\\Seen"])
    imap_user.expunge(refs.values(), folder="Drafts")
    before = {folder: imap_user.flags(folder) for folder in ("INBOX", "Sent")}

    result = rejoinder(config_path, "once")

    assert result.exit_code == 0, result.output
    rows = journal_rows(config_path)
    answered, dropped = rows[message_id(first)], rows[message_id(second)]
    assert answered["status"] == "replied"
    assert datetime.fromisoformat(answered["replied_at"]) == sent_at
    assert answered["draft_discarded_at"] is None
    assert dropped["status"] == "discarded"
    assert dropped["draft_discarded_at"] is not None
    assert dropped["replied_at"] is None
    assert {folder: imap_user.flags(folder) for folder in ("INBOX", "Sent")} == before

    # The employer answers in the thread. Read on its own it would pass for a rejection,
    # but it answers the user: it is feedback, and gets no draft.
    answer_at = sent_at + timedelta(minutes=20)
    answer = mail(
        sender="Marcus Oyelaran <marcus@bluefin-robotics.example>", to=USER_FROM,
        subject="Re: Your application for Backend Engineer", mid="<answer-1@bluefin-robotics.example>",
        when=answer_at, thread=[message_id(first), "<reply-1@home.example>"], body=FEEDBACK_BODY,
    )  # fmt: skip
    parsed = parse_message(answer)
    assert isinstance(parsed, ParsedMessage)
    assert classifier.classify(parsed).verdict is Verdict.REJECTION
    imap_user.deliver(answer)
    before = {folder: imap_user.flags(folder) for folder in ("INBOX", "Sent")}

    result = rejoinder(config_path, "once")

    assert result.exit_code == 0, result.output
    assert "0 draft(s)" in result.output
    assert drafts_of(imap_user) == []
    rows = journal_rows(config_path)
    answered = rows[message_id(first)]
    assert answered["status"] == "feedback"
    assert datetime.fromisoformat(answered["feedback_at"]) == answer_at
    assert rows[message_id(second)]["status"] == "discarded"
    assert len(rows) == 2  # the answer is no entry of its own
    assert {folder: imap_user.flags(folder) for folder in ("INBOX", "Sent")} == before
    with Journal.open(paths.journal_file()) as db:
        entry = db.require_entry(answered["id"])
        assert entry.feedback_message_id == "<answer-1@bluefin-robotics.example>"
        assert entry.reply_message_id == "<reply-1@home.example>"


@imap
@pytest.mark.parametrize("configured", [True, False])
def test_replies_are_looked_for_in_the_configured_sent_folder(
    tmp_path: Path, imap_user: ImapUser, fast_model: None, configured: bool
) -> None:
    """A client that files sent mail under a name Rejoinder cannot guess (no \\Sent flag,
    no well-known name): with sent_folder set, the reply is found there."""
    imap_user.deliver(rejection(4))
    imap_user.create_folder("Outbox Archive")
    settings = {"sent_folder": "Outbox Archive"} if configured else {}
    config_path = write_config(
        tmp_path / "config.toml", {"work": account_table(imap_user, **settings)}
    )
    rejoinder(config_path, "once")
    sent_at = datetime(2026, 2, 3, 9, tzinfo=UTC)
    employer = email.message_from_bytes(rejection(4))["From"]
    reply = mail(sender=USER_FROM, to=employer, subject="Re: hi", mid="<r4@home.example>",
                 when=sent_at, thread=[message_id(rejection(4))], body="Thanks!\n")  # fmt: skip
    imap_user.append(reply, folder="Outbox Archive", flags=["\\Seen"])

    result = rejoinder(config_path, "once")

    assert result.exit_code == 0, result.output
    with Journal.open(paths.journal_file()) as db:
        [entry] = db.entries()
        assert (entry.replied_at == sent_at) is configured
        assert (db.cursor("work", SENT_CURSOR + "Outbox Archive") is not None) is configured


@imap
def test_the_sent_cursor_survives_a_new_uidvalidity_without_recording_twice(
    tmp_path: Path, imap_user: ImapUser, dovecot_server: DovecotServer, fast_model: None
) -> None:
    imap_user.deliver(rejection(3))
    config_path = write_config(tmp_path / "config.toml", {"work": account_table(imap_user)})
    rejoinder(config_path, "once")
    sent_at = datetime(2026, 1, 5, 9, tzinfo=UTC)
    reply = mail(sender=USER_FROM, to="tomas@copperline.example", subject="Re: hi",
                 mid="<reply-3@home.example>", when=sent_at, thread=[message_id(rejection(3))],
                 body="Thanks!\n")  # fmt: skip
    imap_user.append(reply, folder="Sent", flags=["\\Seen"])
    imap_user.append(
        mail(sender=USER_FROM, to="x@y.example", subject="Re: other", mid="<other@home.example>",
             when=sent_at, thread=["<unrelated@y.example>"], body="Hi\n"),
        folder="Sent", flags=["\\Seen"],
    )  # fmt: skip
    rejoinder(config_path, "once")
    with Journal.open(paths.journal_file()) as db:
        assert db.cursor("work", SENT_CURSOR + "Sent") is not None
        assert db.cursor("work", SENT_CURSOR + "Sent")[1] == 2  # type: ignore[index]
        [entry] = db.entries()
    assert entry.replied_at == sent_at

    dovecot_server.doveadm(
        "mailbox", "update", "-u", imap_user.name, "--uid-validity", "4343", "Sent"
    )
    result = rejoinder(config_path, "once")

    assert result.exit_code == 0, result.output
    with Journal.open(paths.journal_file()) as db:
        assert db.cursor("work", SENT_CURSOR + "Sent") == (4343, 2)
        assert db.require_entry(entry.id).replied_at == sent_at


@imap
def test_reading_headers_for_tracking_never_hides_new_mail_from_the_watcher(
    imap_user: ImapUser,
) -> None:
    imap_user.deliver(rejection(1))
    with ImapSession.connect(imap_user.settings(), imap_user.password) as session:
        assert len(session.summaries("INBOX", 0)) == 1  # the watcher's pass
        imap_user.deliver(rejection(2))  # arrives after it
        validity, found = session.header_fields("INBOX", ["Message-ID", "From"], 0)
        assert [s.uid for s in found] == [1, 2]
        assert b"Message-ID" in found[1].headers
        assert b"Subject" not in found[1].headers
        assert validity == session.folder_state("INBOX").uidvalidity
        _, bounded = session.header_fields("INBOX", ["Message-ID"], 0, up_to=1)
        assert [s.uid for s in bounded] == [1]
        # The message that came after the pass still wakes the worker.
        assert session.idle_wait("INBOX", 5.0)
    assert all("\\Seen" not in flags for flags in imap_user.flags().values())


@imap
def test_the_real_worker_registers_the_tracking_tasks(
    imap_user: ImapUser, classifier: Classifier
) -> None:
    imap_user.deliver(rejection(1))
    from rejoinder.daemon.watcher import AccountWorker, connect_account

    acc = account(imap_user)
    config = Config(path=None, accounts=(acc,))
    with Journal.open(paths.journal_file()) as db:
        worker = AccountWorker(acc, config, db, classifier, lambda a: connect_account(a, 10),
                               tasks=pass_tasks(acc, config))  # fmt: skip
        with worker.connect(acc) as session:
            worker.one_pass(session)
        imap_user.expunge(draft_uids(imap_user).values(), folder="Drafts")
        with worker.connect(acc) as session:
            worker.one_pass(session)
        [entry] = db.entries()
        assert entry.status == "discarded"
        assert in_rejection_thread(db, _parsed_answer_to(entry)) is True


def _parsed_answer_to(entry: JournalEntry) -> ParsedMessage:
    assert entry.message_id is not None
    raw = mail(sender="a@b.example", to=USER_FROM, subject="Re: x", mid="<n@b.example>",
               when=NOW, thread=[entry.message_id], body="Hello\n")  # fmt: skip
    parsed = parse_message(raw)
    assert isinstance(parsed, ParsedMessage)
    return parsed
