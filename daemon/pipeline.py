"""One message through the whole pipeline: parse -> classify -> draft -> journal.

The same code serves ``rejoinder scan`` (local files) and the daemon (IMAP):
the mailbox, classifier, journal and clock are injected.

Exactly-once drafts: every draft carries a reference derived from the account
and the message's identity. Before writing a draft the mailbox is asked
whether one with that reference exists; the journal records the outcome in
one transaction after the draft is stored. A crash between the two leaves a
draft without a journal entry, and the next pass finds the draft and records
it instead of writing a second one.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from typing import Protocol

from rejoinder.classifier.message import (
    ParsedMessage,
    ParseFailure,
    message_identity,
    parse_message,
)
from rejoinder.classifier.result import Classification, Label, Verdict
from rejoinder.daemon.compose import (
    Draft,
    DraftSettings,
    Identity,
    asks_feedback_later,
    compose_draft,
)
from rejoinder.daemon.errors import (
    DraftsRefusedError,
    FolderMissingError,
    JournalError,
    MailboxTimeoutError,
)
from rejoinder.daemon.journal import FOLLOW_UP_PENDING, EntryRecord, Journal
from rejoinder.daemon.mailbox import Mailbox, RawMessage
from rejoinder.daemon.templating import TemplateSet

log = logging.getLogger(__name__)

# A message that makes the pipeline itself fail (a bug, not bad input) is retried
# this many times across passes, then recorded as processed so it cannot wedge the loop.
MAX_ATTEMPTS = 3


class Status(StrEnum):
    REJECTION = "rejection"
    UNSURE = "unsure"
    POSITION_CLOSED = "position_closed"
    NOT_REJECTION = "not_rejection"
    UNPARSEABLE = "unparseable"
    FAILED = "failed"  # the pipeline raised on this message
    ALREADY_PROCESSED = "already_processed"


class DraftStatus(StrEnum):
    CREATED = "created"
    NEEDS_RECIPIENT = "needs_recipient"  # created with an empty To: the sender is a no-reply
    FOUND = "found"  # a draft with this reference already existed (e.g. after a crash)
    DRY_RUN = "dry_run"
    BACKFILL = "backfill"  # older than the drafting window: journalled, no draft
    NONE = "none"  # unsure / position closed: journalled for review


# A first draft is in the mailbox: written now, or by an earlier run.
_DRAFT_EXISTS = frozenset({DraftStatus.CREATED, DraftStatus.NEEDS_RECIPIENT, DraftStatus.FOUND})


@dataclass(frozen=True)
class Outcome:
    source_key: str
    status: Status
    parsed: ParsedMessage | None = None
    classification: Classification | None = None
    draft: Draft | None = None
    draft_status: DraftStatus | None = None
    draft_location: str | None = None
    error: str | None = None


class Classifies(Protocol):
    """What the pipeline needs from a classifier (the real one or a test double)."""

    def classify(self, msg: ParsedMessage) -> Classification: ...


def draft_ref(account: str, message_key: str) -> str:
    """The idempotency reference a draft carries (X-Rejoinder-Ref)."""
    return hashlib.sha256(f"{account}\0{message_key}".encode()).hexdigest()[:32]


def format_sender(msg: ParsedMessage) -> str:
    if msg.from_ is None:
        return ""
    if msg.from_.name and msg.from_.addr:
        return f"{msg.from_.name} <{msg.from_.addr}>"
    return msg.from_.addr or msg.from_.name


def status_of(result: Classification) -> Status:
    if result.label is Label.POSITION_CLOSED:
        return Status.POSITION_CLOSED
    return {
        Verdict.REJECTION: Status.REJECTION,
        Verdict.UNSURE: Status.UNSURE,
        Verdict.NOT_REJECTION: Status.NOT_REJECTION,
    }[result.verdict]


@dataclass
class Pipeline:
    account: str
    classifier: Classifies
    journal: Journal
    identity: Identity
    settings: DraftSettings
    templates: TemplateSet
    dry_run: bool = False
    draft_after: datetime | None = None  # messages dated before this get no draft
    clock: Callable[[], datetime] = lambda: datetime.now(UTC)
    # Whether drafted rejections get a later feedback request when the settings ask for
    # one (feedback_request = "follow_up"): the daemon's follow-up task writes them;
    # local scans have no later pass to do it.
    follow_ups: bool = True

    def run(self, mailbox: Mailbox, items: Iterable[RawMessage] | None = None) -> Iterator[Outcome]:
        for item in mailbox.messages() if items is None else items:
            yield self.process(mailbox, item)

    def process(
        self,
        mailbox: Mailbox,
        item: RawMessage,
        parsed: ParsedMessage | ParseFailure | None = None,
    ) -> Outcome:
        """Handle one message; ``parsed`` is its parse when the caller already has it."""
        try:
            return self._process(mailbox, item, parsed)
        except JournalError:
            raise  # cannot record: stop rather than draft what we cannot remember
        except (MailboxTimeoutError, DraftsRefusedError, FolderMissingError):
            # The connection broke, or the server would not store any draft (over quota,
            # Drafts deleted): the pass failed, not the message. Counting an attempt
            # against it would skip a rejection for good after a few such passes; the
            # worker reports it, backs off and retries.
            raise
        except Exception as exc:  # a hostile message must never stop the loop
            log.exception("processing %s failed", item.key)
            return self._failed(item, f"{type(exc).__name__}: {exc}")

    def _process(
        self, mailbox: Mailbox, item: RawMessage, parsed: ParsedMessage | ParseFailure | None
    ) -> Outcome:
        if self.journal.failure_attempts(self.account, item.key) >= MAX_ATTEMPTS:
            return Outcome(item.key, Status.FAILED, error="failed repeatedly before; skipped")
        if parsed is None:
            parsed = parse_message(item.raw)
        if isinstance(parsed, ParseFailure):
            return self._unparseable(item, parsed)
        key = message_identity(parsed)
        if self.journal.is_processed(self.account, key):
            return Outcome(item.key, Status.ALREADY_PROCESSED, parsed)
        result = self.classifier.classify(parsed)
        status = status_of(result)
        log.debug("%s: %s (score %.3f)", item.key, status, result.score)
        if status is Status.NOT_REJECTION:
            self._record(key, item, status, None)
            return Outcome(item.key, status, parsed, result)
        draft, draft_status, location = self.draft(mailbox, parsed, result, key)
        entry = self.entry(item, parsed, result, key, status, draft, draft_status, location)
        self._record(key, item, status, entry)
        if draft_status in (DraftStatus.CREATED, DraftStatus.NEEDS_RECIPIENT):
            log.info("%s: drafted a reply to a %s-stage rejection", item.key, result.stage)
        return Outcome(item.key, status, parsed, result, draft, draft_status, location)

    def draft(
        self, mailbox: Mailbox, parsed: ParsedMessage, result: Classification, key: str
    ) -> tuple[Draft | None, DraftStatus, str | None]:
        """Compose and store the reply a classified message gets (once, by its reference)."""
        if result.verdict is not Verdict.REJECTION:
            return None, DraftStatus.NONE, None
        if self.draft_after and parsed.date and parsed.date < self.draft_after:
            return None, DraftStatus.BACKFILL, None
        ref = draft_ref(self.account, key)
        draft = compose_draft(
            parsed,
            result,
            ref=ref,
            identity=self.identity,
            settings=self.settings,
            templates=self.templates,
            now=self.clock(),
        )
        if self.dry_run:
            return draft, DraftStatus.DRY_RUN, None
        if mailbox.has_draft(ref):
            return draft, DraftStatus.FOUND, None
        location = mailbox.add_draft(draft.raw, ref)
        status = DraftStatus.NEEDS_RECIPIENT if draft.needs_recipient else DraftStatus.CREATED
        return draft, status, location

    def entry(
        self,
        item: RawMessage,
        parsed: ParsedMessage,
        result: Classification,
        key: str,
        status: Status,
        draft: Draft | None,
        draft_status: DraftStatus,
        location: str | None,
    ) -> EntryRecord:
        """The journal entry for a classified message and what became of its draft."""
        return EntryRecord(
            account=self.account,
            folder=item.folder,
            source_key=item.key,
            message_key=key,
            message_id=parsed.message_id,
            received_at=parsed.date or item.internal_date,
            sender=format_sender(parsed),
            subject=parsed.subject,
            company=result.extraction.company,
            role=result.extraction.role,
            stage=result.stage.value if result.stage else None,
            verdict=status.value,
            score=result.score,
            model_version=result.model_version,
            draft_status=draft_status.value,
            draft_ref=draft.ref if draft else None,
            # A found draft was written by an earlier run from the same reference, so its
            # Message-ID is the same deterministic one: record it for reply matching.
            draft_message_id=draft.message_id
            if draft and (location or draft_status is DraftStatus.FOUND)
            else None,
            draft_location=location,
            # What a later feedback follow-up needs (followup.py): it is written from the
            # journal, addressed and threaded like this draft.
            contact_name=result.extraction.contact_name,
            verdict_note=result.note,
            draft_to=tuple((a.name, a.addr) for a in draft.to) if draft else None,
            draft_references=draft.references if draft else (),
            follow_up=FOLLOW_UP_PENDING
            if self.follow_ups
            and draft_status in _DRAFT_EXISTS
            and asks_feedback_later(self.settings, result)
            else None,
        )

    def _record(
        self, key: str, item: RawMessage, status: Status, entry: EntryRecord | None
    ) -> None:
        if not self.dry_run:
            self.journal.record(self.account, key, item.key, status.value, entry)

    def _unparseable(self, item: RawMessage, failure: ParseFailure) -> Outcome:
        log.warning("%s: cannot parse this message (%s); skipped", item.key, failure.reason)
        if not self.dry_run:
            # Parsing is deterministic: retrying will not help, so remember it as done.
            key = "unparseable:" + hashlib.sha256(item.raw).hexdigest()[:32]
            self.journal.record(self.account, key, item.key, Status.UNPARSEABLE.value, None)
        return Outcome(item.key, Status.UNPARSEABLE, error=failure.reason)

    def _failed(self, item: RawMessage, reason: str) -> Outcome:
        if not self.dry_run:
            self.journal.record_failure(self.account, item.key, reason)
        return Outcome(item.key, Status.FAILED, error=reason)
