"""Delayed feedback requests (feedback_request = "follow_up"): when one is due (pure),
how it is composed from the journal, and the daemon writing it exactly once against
Dovecot, with the clock moved forward instead of waiting for days."""

from __future__ import annotations

import email
import email.policy
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage, Message
from pathlib import Path
from typing import Any

import pytest
from dovecot import ImapUser
from test_daemon import (
    account,
    account_table,
    drafts_of,
    journal,
    rejoinder,
    write_config,
)
from test_daemon_mail import message_id, rejection, shared_classifier

from rejoinder.classifier.classify import Classifier
from rejoinder.classifier.message import ParsedMessage, parse_message
from rejoinder.daemon.app import draft_settings, identity_for, load_templates
from rejoinder.daemon.compose import (
    DraftSettings,
    Identity,
    compose_draft,
    compose_follow_up,
)
from rejoinder.daemon.config import AccountConfig, Config, DraftsConfig
from rejoinder.daemon.errors import JournalError
from rejoinder.daemon.followup import (
    Decision,
    FollowUpPolicy,
    FollowUps,
    decide,
    describe_follow_up,
    follow_up_ref,
    follow_up_source,
)
from rejoinder.daemon.journal import FOLLOW_UP_PENDING, Journal, JournalEntry
from rejoinder.daemon.mailbox import RawMessage
from rejoinder.daemon.pipeline import Pipeline, draft_ref
from rejoinder.daemon.templating import TemplateSet
from rejoinder.daemon.watcher import AccountWorker, connect_account, pass_tasks

imap = pytest.mark.imap

T0 = datetime(2026, 10, 1, 9, 0, tzinfo=UTC)
POLICY = FollowUpPolicy("follow_up", timedelta(days=3))
SAM = Identity("Sam Candidate", "sam@home.example")


def entry(id: int = 1, /, **changes: Any) -> JournalEntry:
    """A drafted application-stage rejection received at T0, its follow-up pending."""
    values: dict[str, Any] = {
        "id": id,
        "account": "work",
        "folder": "INBOX",
        "source_key": f"INBOX;v=1;uid={id}",
        "message_key": f"<rej-{id}@northwind.example>",
        "message_id": f"<rej-{id}@northwind.example>",
        "received_at": T0,
        "created_at": T0 + timedelta(minutes=1),
        "sender": "Dana Whitfield <dana@northwind.example>",
        "subject": "Your application for Data Analyst",
        "company": "Northwind Analytics",
        "role": "Data Analyst",
        "stage": "application",
        "verdict": "rejection",
        "score": 0.97,
        "model_version": "m1",
        "draft_status": "created",
        "contact_name": "Dana",
        "draft_to": (("Dana Whitfield", "dana@northwind.example"),),
        "draft_references": (f"<rej-{id}@northwind.example>",),
        "follow_up": FOLLOW_UP_PENDING,
    }
    values.update(changes)
    return JournalEntry(**values)


def decision(e: JournalEntry, now: datetime, *others: JournalEntry, **policy: Any) -> Decision:
    return decide(e, [e, *others], now=now, policy=replace(POLICY, **policy)).decision


# -- when a follow-up is due (pure) ----------------------------------------------------------


def test_not_due_before_the_delay_and_due_once_it_has_passed() -> None:
    verdict = decide(entry(), [], now=T0 + timedelta(days=2, hours=23), policy=POLICY)
    assert (verdict.decision, verdict.due_at) == (Decision.WAIT, T0 + timedelta(days=3))
    assert decision(entry(), T0 + timedelta(days=3)) is Decision.DUE
    assert decision(entry(), T0 + timedelta(days=9)) is Decision.DUE
    # The delay is the configured one.
    assert decision(entry(), T0 + timedelta(days=3), delay=timedelta(days=5)) is Decision.WAIT
    assert decision(entry(), T0, delay=timedelta(0)) is Decision.DUE


def test_the_delay_counts_from_arrival_even_when_the_date_header_lies() -> None:
    # A sender whose clock runs a month ahead cannot postpone the follow-up.
    lying = entry(received_at=T0 + timedelta(days=30), created_at=T0)
    assert decision(lying, T0 + timedelta(days=3)) is Decision.DUE
    undated = entry(received_at=None, created_at=T0)
    assert decision(undated, T0 + timedelta(days=3)) is Decision.DUE


def test_no_follow_up_once_the_user_replied_or_threw_the_draft_away() -> None:
    early = T0 + timedelta(days=1)
    assert decision(entry(replied_at=early), early) is Decision.REPLIED
    assert decision(entry(replied_at=early), T0 + timedelta(days=4)) is Decision.REPLIED
    assert decision(entry(draft_discarded_at=early), early) is Decision.DISCARDED
    assert decision(entry(not_rejection=True), early) is Decision.NOT_REJECTION


def test_sending_the_thank_you_itself_still_leaves_the_follow_up_due() -> None:
    sent_thank_you = entry(replied_at=T0 + timedelta(days=1), reply_was_draft=True)
    assert decision(sent_thank_you, T0 + timedelta(days=2)) is Decision.WAIT
    assert decision(sent_thank_you, T0 + timedelta(days=3)) is Decision.DUE


def test_no_follow_up_when_the_employer_wrote_again() -> None:
    due = T0 + timedelta(days=3)
    assert decision(entry(feedback_at=T0 + timedelta(days=1)), due) is Decision.EMPLOYER_WROTE
    later = entry(2, received_at=T0 + timedelta(days=1), follow_up=None, verdict="unsure")
    assert decision(entry(), due, later) is Decision.EMPLOYER_WROTE
    # Same address, another display name or letter case: still the same sender.
    shouted = replace(later, sender="Northwind Careers <DANA@Northwind.example>")
    assert decision(entry(), due, shouted) is Decision.EMPLOYER_WROTE
    # Earlier mail from them, later mail from someone else: the follow-up goes ahead.
    earlier = replace(later, received_at=T0 - timedelta(days=10))
    stranger = replace(later, sender="Ada <ada@bluefin.example>", company="Bluefin")
    assert decision(entry(), due, earlier, stranger) is Decision.DUE
    # A tracking system writes for many employers from one address: another company
    # behind that address has not written again.
    relay = {"sender": "Jobs <no-reply@ats.example>"}
    other_company = replace(later, company="Bluefin Robotics", **relay)
    assert decision(entry(**relay), due, other_company) is Decision.DUE
    assert decision(entry(**relay), due, replace(later, **relay)) is Decision.EMPLOYER_WROTE


def test_backfilled_and_long_overdue_rejections_get_no_follow_up() -> None:
    late = T0 + timedelta(days=40)
    # A rejection older than the drafting window got no draft, so no follow-up was planned.
    backfilled = entry(draft_status="backfill", draft_to=None, follow_up=None)
    assert decision(backfilled, late) is Decision.NOT_PLANNED
    # One that fell due before the window (the daemon was off for weeks) is not written late.
    assert decision(entry(), late, draft_after=late - timedelta(days=14)) is Decision.STALE
    soon = T0 + timedelta(days=10)
    assert decision(entry(), soon, draft_after=soon - timedelta(days=14)) is Decision.DUE


def test_never_and_same_draft_write_no_follow_ups() -> None:
    late = T0 + timedelta(days=10)
    for choice in ("never", "same_draft"):
        assert decision(entry(), late, feedback_request=choice) is Decision.OFF
    for written in ("created", "found", "replied"):
        assert decision(entry(follow_up=written), late) is Decision.NOT_PLANNED
    assert decision(entry(follow_up=None), late) is Decision.NOT_PLANNED


def test_the_task_runs_only_when_the_config_asks_for_follow_ups(tmp_path: Path) -> None:
    acc = AccountConfig(name="work", host="imap.example", username="sam")
    for choice, wanted in (("follow_up", True), ("same_draft", False), ("never", False)):
        config = Config(path=None, accounts=(acc,), drafts=DraftsConfig(feedback_request=choice))  # type: ignore[arg-type]
        names = [t.name for t in pass_tasks(acc, config)]
        assert names.count("follow-ups") == wanted


# -- composing it from the journal ------------------------------------------------------------


@pytest.fixture(scope="module")
def templates() -> TemplateSet:
    return TemplateSet.load(None)


def reparse(raw: bytes) -> EmailMessage:
    message = email.message_from_bytes(raw, policy=email.policy.default)
    assert isinstance(message, EmailMessage)
    return message


def body(message: Message) -> str:
    payload = message.get_payload(decode=True)
    assert isinstance(payload, bytes)
    return payload.decode("utf-8").replace("\r\n", "\n")


def test_the_follow_up_is_composed_from_the_journal_alone(templates: TemplateSet) -> None:
    source = follow_up_source(
        entry(
            stage="interview",
            subject="Re: Data Analyst interviews",
            draft_to=(("Dana Whitfield", "dana@northwind.example"), ("", "hr@northwind.example")),
            draft_references=("<older@northwind.example>", "<rej-1@northwind.example>"),
        )
    )
    settings = DraftSettings(feedback_request="follow_up")
    draft = compose_follow_up(
        source, ref="f-1", identity=SAM, settings=settings, templates=templates, now=T0
    )
    message = reparse(draft.raw)
    assert draft.template.startswith("follow_up_interview_")
    assert message["Message-ID"] == "<rejoinder.f-1.feedback_follow_up@home.example>"
    assert message["X-Rejoinder-Ref"] == "f-1"
    assert message["In-Reply-To"] == "<rej-1@northwind.example>"
    assert message["References"].split() == [
        "<older@northwind.example>",
        "<rej-1@northwind.example>",
    ]
    assert message["Subject"] == "Re: Data Analyst interviews"
    assert [a.addr_spec for a in message["To"].addresses] == [
        "dana@northwind.example",
        "hr@northwind.example",
    ]
    text = body(message)
    assert text.startswith("Hi Dana,")
    assert "Data Analyst" in text
    assert "wrote:" not in text
    with pytest.raises(ValueError, match="never"):
        compose_follow_up(
            source,
            ref="f-1",
            identity=SAM,
            settings=DraftSettings(feedback_request="never"),
            templates=templates,
            now=T0,
        )
    # A first draft that had no usable recipient gives a follow-up without one too.
    bare = compose_follow_up(
        replace(source, to=()),
        ref="f-1",
        identity=SAM,
        settings=settings,
        templates=templates,
        now=T0,
    )
    assert bare.needs_recipient
    assert reparse(bare.raw)["To"] is None


class MemoryMailbox:
    """Drafts kept in memory, for the pipeline without a server."""

    def __init__(self) -> None:
        self.drafts: dict[str, bytes] = {}

    def messages(self) -> Iterator[RawMessage]:
        return iter(())

    def has_draft(self, ref: str) -> bool:
        return ref in self.drafts

    def add_draft(self, draft: bytes, ref: str) -> str:
        self.drafts[ref] = draft
        return f"memory:{ref}"


def test_the_pipeline_plans_a_follow_up_only_for_a_thank_you_draft(
    tmp_path: Path, templates: TemplateSet
) -> None:
    now = datetime.now(UTC)

    def planned(n: int, feedback_request: str, **pipeline_args: Any) -> str | None:
        with Journal.open(tmp_path / f"{len(list(tmp_path.iterdir()))}.sqlite3") as db:
            pipeline = Pipeline(
                account="work",
                classifier=shared_classifier(),
                journal=db,
                identity=SAM,
                settings=DraftSettings(feedback_request=feedback_request),  # type: ignore[arg-type]
                templates=templates,
                draft_after=now - timedelta(days=14),
                **pipeline_args,
            )
            when = now - timedelta(days=30) if n == 99 else None
            pipeline.process(MemoryMailbox(), RawMessage(f"m{n}", rejection(n, when=when), "INBOX"))
            [stored] = db.entries()
            assert stored.draft_to is not None or stored.draft_status == "backfill"
            return stored.follow_up

    assert planned(1, "follow_up") == FOLLOW_UP_PENDING
    assert planned(1, "same_draft") is None  # the first draft already asked
    assert planned(1, "never") is None
    assert planned(99, "follow_up") is None  # backfilled: no draft, no follow-up
    assert planned(1, "follow_up", follow_ups=False) is None  # local scans write none


# -- the daemon, against Dovecot ---------------------------------------------------------------


class Clock:
    def __init__(self) -> None:
        self.now = datetime.now(UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


def follow_up_config(user: ImapUser, **drafts: Any) -> Config:
    return Config(
        path=None,
        accounts=(account(user),),
        drafts=DraftsConfig(feedback_request="follow_up", **drafts),
    )


def worker_for(config: Config, db: Journal, classifier: Classifier, clock: Clock) -> AccountWorker:
    acc = config.accounts[0]
    return AccountWorker(
        acc,
        config,
        db,
        classifier,
        lambda a: connect_account(a, 10),
        clock=clock,
        tasks=(FollowUps(),),  # alone: the other tasks have their own tests
    )


def one_pass(worker: AccountWorker) -> None:
    with worker.connect(worker.account) as session:
        worker.one_pass(session)


def drafts_by_ref(user: ImapUser) -> dict[str, Message]:
    found: dict[str, Message] = {}
    for _, message in drafts_of(user):
        ref = str(message["X-Rejoinder-Ref"]).strip()
        assert ref not in found, f"two drafts carry the reference {ref}"
        found[ref] = message
    return found


def only_entry(db: Journal) -> JournalEntry:
    [stored] = db.entries()
    return stored


@imap
def test_a_thank_you_first_then_one_threaded_feedback_request_after_the_delay(
    imap_user: ImapUser, classifier: Classifier
) -> None:
    raw = rejection(1)
    imap_user.deliver(raw)
    config = follow_up_config(imap_user)
    clock = Clock()
    with journal() as db:
        worker = worker_for(config, db, classifier, clock)
        one_pass(worker)
        stored = only_entry(db)
        first_ref = draft_ref("work", stored.message_key)
        [thank_you] = drafts_by_ref(imap_user).values()
        assert thank_you["X-Rejoinder-Ref"] == first_ref
        assert stored.follow_up == FOLLOW_UP_PENDING

        # The thank-you is the reply that would have asked for feedback, minus that question.
        parsed = parse_message(raw)
        assert isinstance(parsed, ParsedMessage)
        asking = compose_draft(
            parsed,
            classifier.classify(parsed),
            ref=first_ref,
            identity=identity_for(config, config.accounts[0]),
            settings=replace(draft_settings(config), feedback_request="same_draft"),
            templates=load_templates(),
            now=clock.now,
        )
        thanks = paragraphs(body(thank_you))
        asked = paragraphs(body(reparse(asking.raw)))
        assert set(thanks) < set(asked)
        assert len(thanks) == len(asked) - 1

        clock.advance(days=2, hours=22)  # it arrived an hour before the first pass: not yet
        one_pass(worker)
        assert list(drafts_by_ref(imap_user)) == [first_ref]
        assert only_entry(db).follow_up == FOLLOW_UP_PENDING

        clock.advance(hours=1, minutes=1)  # three days after it arrived
        dry = replace_worker(worker, dry_run=True)
        one_pass(dry)  # a dry run writes nothing
        assert list(drafts_by_ref(imap_user)) == [first_ref]
        assert only_entry(db).follow_up == FOLLOW_UP_PENDING

        one_pass(worker)
        one_pass(worker)  # and again: still one follow-up
        drafts = drafts_by_ref(imap_user)
        second_ref = follow_up_ref("work", stored.message_key)
        assert set(drafts) == {first_ref, second_ref}
        follow_up = drafts[second_ref]
        assert follow_up["In-Reply-To"] == message_id(raw)
        assert follow_up["References"].split()[-1] == message_id(raw)
        assert follow_up["Subject"] == thank_you["Subject"]
        assert follow_up["To"] == thank_you["To"]
        assert follow_up["From"] == thank_you["From"]
        assert follow_up["Message-ID"] != thank_you["Message-ID"]
        assert body(follow_up) != body(thank_you)
        # It is the feedback request composed from what the journal kept.
        expected = compose_follow_up(
            follow_up_source(stored),
            ref=second_ref,
            identity=identity_for(config, config.accounts[0]),
            settings=draft_settings(config),
            templates=load_templates(),
            now=clock.now,
        )
        assert expected.template.startswith("follow_up_application_")
        assert body(follow_up) == body(reparse(expected.raw))

        done = only_entry(db)
        assert (done.follow_up, done.follow_up_ref) == ("created", second_ref)
        assert done.follow_up_message_id == follow_up["Message-ID"]
        assert done.follow_up_location
        assert done.follow_up_location.startswith("Drafts")
        assert (describe_follow_up(done) or "").startswith("drafted")


def replace_worker(worker: AccountWorker, **changes: Any) -> AccountWorker:
    return AccountWorker(
        worker.account,
        worker.config,
        worker.journal,
        worker.classifier,
        worker.connect,
        clock=worker.clock,
        tasks=worker.tasks,
        **changes,
    )


def paragraphs(text: str) -> list[str]:
    return [p for p in text.split("\n\n") if p.strip()]


@imap
def test_a_crash_between_append_and_journal_finds_the_follow_up_instead_of_repeating_it(
    imap_user: ImapUser, classifier: Classifier, monkeypatch: pytest.MonkeyPatch
) -> None:
    imap_user.deliver(rejection(2))
    config = follow_up_config(imap_user)
    clock = Clock()
    with journal() as db:
        worker = worker_for(config, db, classifier, clock)
        one_pass(worker)
        clock.advance(days=3, minutes=1)

        def crash(*args: Any, **kwargs: Any) -> bool:
            raise JournalError("disk full", "free some space")

        monkeypatch.setattr(db, "settle_follow_up", crash)
        with pytest.raises(JournalError):
            one_pass(worker)  # the draft was appended, the journal could not record it
        assert len(drafts_by_ref(imap_user)) == 2
        assert only_entry(db).follow_up == FOLLOW_UP_PENDING
        monkeypatch.undo()

        one_pass(worker)
        assert len(drafts_by_ref(imap_user)) == 2  # found, not written twice
        stored = only_entry(db)
        assert (stored.follow_up, stored.follow_up_location) == ("found", None)
        assert stored.follow_up_ref == follow_up_ref("work", stored.message_key)
        assert (
            stored.follow_up_message_id
            == drafts_by_ref(imap_user)[stored.follow_up_ref]["Message-ID"]
        )


@imap
def test_no_follow_up_when_the_user_replied_before_the_delay(
    imap_user: ImapUser, classifier: Classifier
) -> None:
    imap_user.deliver(rejection(3))
    clock = Clock()
    with journal() as db:
        worker = worker_for(follow_up_config(imap_user), db, classifier, clock)
        one_pass(worker)
        stored = only_entry(db)
        clock.advance(days=1)
        assert db.mark_replied(stored.id, clock.now, "<reply-3@home.example>")
        clock.advance(days=5)
        one_pass(worker)
        assert list(drafts_by_ref(imap_user)) == [draft_ref("work", stored.message_key)]
        settled = only_entry(db)
        assert settled.follow_up == "replied"
        assert (describe_follow_up(settled) or "").startswith("not written")


@imap
def test_once_writes_due_follow_ups_and_the_journal_shows_them(
    tmp_path: Path, imap_user: ImapUser, fast_model: None
) -> None:
    imap_user.deliver(rejection(4))
    config_path = write_config(
        tmp_path / "config.toml",
        {"work": account_table(imap_user)},
        drafts={"feedback_request": "follow_up", "feedback_delay_days": 0},
    )
    for _ in range(2):
        result = rejoinder(config_path, "once")
        assert result.exit_code == 0, result.output
    with journal() as db:
        stored = only_entry(db)
    refs = set(drafts_by_ref(imap_user))
    assert refs == {
        draft_ref("work", stored.message_key),
        follow_up_ref("work", stored.message_key),
    }
    shown = rejoinder(config_path, "journal", "show", str(stored.id))
    assert "Follow-up:" in shown.output
    assert "drafted" in shown.output
    listed = rejoinder(config_path, "journal", "--json")
    assert '"follow_up": "created"' in listed.output
