"""Delayed feedback requests: ``[drafts] feedback_request = "follow_up"``.

With that setting the first draft only thanks the employer, and its journal
entry is marked as having a follow-up *pending* (pipeline.py). A pass task,
``FollowUps``, then writes a second, separate draft asking for feedback once
``feedback_delay_days`` have passed since the rejection arrived -- unless the
conversation moved on first: the user replied, the employer wrote again, the
first draft was thrown away, or the user said it was not a rejection at all.
Either way the entry then records what happened, which ``rejoinder journal
show`` and ``--json`` report.

Why the follow-up is written from the journal rather than from the rejection
fetched again: by the time it falls due the user has often archived, moved or
deleted the rejection (or the folder's UIDVALIDITY changed), and fetching it
again would also mean classifying it again, perhaps differently under a newer
model. The journal keeps everything the draft needs -- subject, Message-ID, the
first draft's recipients and References, company, role, contact name and stage,
including the user's own corrections of those -- so the follow-up is addressed
and threaded exactly like the first draft, costs no extra round trips, and the
decision and the composition stay pure functions over values. It quotes
nothing: the journal keeps no message text, and the rejection is right above it
in the thread.

Exactly once, even across crashes: the follow-up carries its own deterministic
X-Rejoinder-Ref (``follow_up_ref``). Before writing it the Drafts folder is
asked for that reference; after writing it the journal records the outcome in
one transaction, only if the follow-up is still pending. A crash between the
APPEND and the journal leaves the entry pending, and the next pass finds the
draft by its reference and records it instead of writing another.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.utils import parseaddr
from enum import StrEnum

from rejoinder.classifier.message import Address
from rejoinder.classifier.result import Stage
from rejoinder.daemon.compose import FeedbackRequest, FollowUpSource, compose_follow_up
from rejoinder.daemon.errors import RejoinderError
from rejoinder.daemon.journal import FOLLOW_UP_PENDING, JournalEntry
from rejoinder.daemon.passtasks import PassContext
from rejoinder.daemon.pipeline import DraftStatus, draft_ref

log = logging.getLogger(__name__)

FOLLOW_UP_SUFFIX = ":follow_up"


class Decision(StrEnum):
    """What to do about one entry's follow-up now; all but WAIT and DUE are final."""

    OFF = "off"  # the settings ask for no separate follow-ups
    NOT_PLANNED = "not_planned"  # no follow-up is pending (none planned, or already settled)
    WAIT = "wait"  # not due yet
    DUE = "due"  # write it now
    NOT_REJECTION = "not_rejection"  # the user said it was not a rejection
    EMPLOYER_WROTE = "employer_wrote"  # feedback came, or the sender wrote again since
    REPLIED = "replied"  # the user already replied
    DISCARDED = "discarded"  # the user threw the first draft away
    STALE = "stale"  # it fell due before the drafting window: too late to ask now


# What a final decision (other than DUE) records in the journal entry.
SETTLED = frozenset(
    {
        Decision.NOT_REJECTION,
        Decision.EMPLOYER_WROTE,
        Decision.REPLIED,
        Decision.DISCARDED,
        Decision.STALE,
    }
)


@dataclass(frozen=True)
class FollowUpPolicy:
    feedback_request: FeedbackRequest
    delay: timedelta  # feedback_delay_days
    # The drafting window's start (as for first drafts): a follow-up that fell due
    # before it (the daemon was off for long) is not written any more.
    draft_after: datetime | None = None


@dataclass(frozen=True)
class FollowUpVerdict:
    decision: Decision
    due_at: datetime | None = None


def follow_up_ref(account: str, message_key: str) -> str:
    """The follow-up's own X-Rejoinder-Ref, distinct from the first draft's."""
    return draft_ref(account, message_key + FOLLOW_UP_SUFFIX)


def received(entry: JournalEntry) -> datetime | None:
    """When the rejection arrived. A Date header in the future (a wrong clock at the
    sender) counts as the moment it was recorded, so it cannot postpone the follow-up."""
    times = [t for t in (entry.received_at, entry.created_at) if t is not None]
    return min(times) if times else None


def sender_address(sender: str) -> str:
    return parseaddr(sender)[1].strip().lower()


def employer_wrote_again(entry: JournalEntry, others: Iterable[JournalEntry]) -> bool:
    """Feedback was recorded, or a later journalled message came from the same sender.

    Applicant-tracking systems send for many employers from one address, so a later
    message naming a different company does not count.
    """
    if entry.feedback_at is not None:
        return True
    address, start = sender_address(entry.sender), received(entry)
    if not address or start is None:
        return False
    company = (entry.company or "").casefold()
    for other in others:
        if other.id == entry.id or sender_address(other.sender) != address:
            continue
        other_company = (other.company or "").casefold()
        if company and other_company and company != other_company:
            continue
        when = received(other)
        if when is not None and when > start:
            return True
    return False


def decide(
    entry: JournalEntry,
    others: Iterable[JournalEntry],
    *,
    now: datetime,
    policy: FollowUpPolicy,
) -> FollowUpVerdict:
    """Whether the entry's feedback follow-up is due now (pure).

    ``others`` are journal entries received since this one (any account): a later
    one from the same sender means the employer wrote again.
    """
    if policy.feedback_request != "follow_up":
        return FollowUpVerdict(Decision.OFF)
    start = received(entry)
    if entry.follow_up != FOLLOW_UP_PENDING or start is None:
        return FollowUpVerdict(Decision.NOT_PLANNED)
    due_at = start + policy.delay
    if entry.not_rejection:
        return FollowUpVerdict(Decision.NOT_REJECTION, due_at)
    if employer_wrote_again(entry, others):
        return FollowUpVerdict(Decision.EMPLOYER_WROTE, due_at)
    # Sending the thank-you draft is the point of this mode, not a reason to stay quiet:
    # only a reply the user wrote otherwise (they asked, or answered, themselves) is.
    if entry.replied_at is not None and not entry.reply_was_draft:
        return FollowUpVerdict(Decision.REPLIED, due_at)
    if entry.draft_discarded_at is not None:
        return FollowUpVerdict(Decision.DISCARDED, due_at)
    if now < due_at:
        return FollowUpVerdict(Decision.WAIT, due_at)
    if policy.draft_after is not None and due_at < policy.draft_after:
        return FollowUpVerdict(Decision.STALE, due_at)
    return FollowUpVerdict(Decision.DUE, due_at)


def follow_up_source(entry: JournalEntry) -> FollowUpSource:
    """What the journal kept about the rejection and its first draft."""
    stage = entry.stage if entry.stage in {s.value for s in Stage} else None
    return FollowUpSource(
        subject=entry.subject,
        message_id=entry.message_id,
        references=entry.draft_references,
        to=tuple(Address(name, addr) for name, addr in entry.draft_to or ()),
        stage=Stage(stage) if stage else None,
        company=entry.company,
        role=entry.role,
        contact_name=entry.contact_name,
    )


_DESCRIPTIONS = {
    FOLLOW_UP_PENDING: "pending: a feedback request will be drafted once it is due",
    DraftStatus.CREATED.value: "drafted",
    DraftStatus.NEEDS_RECIPIENT.value: "drafted, without a recipient (add one before sending)",
    DraftStatus.FOUND.value: "drafted (found already there)",
    Decision.NOT_REJECTION.value: "not written: marked as not a rejection",
    Decision.EMPLOYER_WROTE.value: "not written: the employer wrote again",
    Decision.REPLIED.value: "not written: you had already replied",
    Decision.DISCARDED.value: "not written: the first draft was discarded",
    Decision.STALE.value: "not written: it fell due too long ago",
}


def describe_follow_up(entry: JournalEntry, delay: timedelta | None = None) -> str | None:
    """One line for ``rejoinder journal show``; None when no follow-up was planned.
    With ``delay`` (feedback_delay_days) a pending one says when it falls due."""
    if entry.follow_up is None:
        return None
    text = _DESCRIPTIONS.get(entry.follow_up, entry.follow_up)
    start = received(entry)
    if entry.follow_up == FOLLOW_UP_PENDING and delay is not None and start is not None:
        text += f" (due {(start + delay).astimezone().date().isoformat()})"
    if entry.follow_up_at is not None:
        text += f" ({entry.follow_up_at.date().isoformat()})"
    if entry.follow_up_location:
        text += f" in {entry.follow_up_location}"
    return text


class FollowUps:
    """The pass task that writes due feedback follow-ups for one account."""

    name = "follow-ups"

    def run(self, context: PassContext) -> None:
        pipeline = context.pipeline
        policy = FollowUpPolicy(
            feedback_request=pipeline.settings.feedback_request,
            delay=timedelta(days=context.config.drafts.feedback_delay_days),
            draft_after=pipeline.draft_after,
        )
        if policy.feedback_request != "follow_up":
            return
        pending = context.journal.pending_follow_ups(context.account.name)
        starts = [t for t in map(received, pending) if t is not None]
        if not starts:
            return
        others = context.journal.entries(since=min(starts))
        now = context.clock()
        for entry in pending:
            if context.stop.is_set():
                return
            verdict = decide(entry, others, now=now, policy=policy)
            if verdict.decision is Decision.DUE:
                try:
                    self._write(context, entry, now)
                except (RejoinderError, OSError):
                    raise  # the connection or the journal failed: the pass failed
                except Exception:  # a bug with one entry must not hold up the others
                    log.exception(
                        "%s: the feedback follow-up for entry %d failed",
                        context.account.name, entry.id,
                    )  # fmt: skip
            elif verdict.decision in SETTLED:
                log.info(
                    "%s: entry %d needs no feedback follow-up (%s)",
                    context.account.name, entry.id, verdict.decision,
                )  # fmt: skip
                if not context.dry_run:
                    context.journal.settle_follow_up(entry.id, verdict.decision.value, now)
            context.beat()

    def _write(self, context: PassContext, entry: JournalEntry, now: datetime) -> None:
        pipeline = context.pipeline
        ref = follow_up_ref(context.account.name, entry.message_key)
        draft = compose_follow_up(
            follow_up_source(entry),
            ref=ref,
            identity=pipeline.identity,
            settings=pipeline.settings,
            templates=pipeline.templates,
            now=now,
        )
        if context.dry_run:
            log.info(
                "%s: would draft a feedback follow-up for entry %d", context.account.name, entry.id
            )
            return
        location: str | None = None
        if context.mailbox.has_draft(ref):  # written by a run that stopped before recording it
            outcome = DraftStatus.FOUND
        else:
            location = context.mailbox.add_draft(draft.raw, ref)
            needs_recipient = draft.needs_recipient
            outcome = DraftStatus.NEEDS_RECIPIENT if needs_recipient else DraftStatus.CREATED
        context.journal.settle_follow_up(
            entry.id, outcome.value, now, ref=ref, message_id=draft.message_id, location=location
        )
        log.info(
            "%s: feedback follow-up for entry %d %s",
            context.account.name, entry.id, "found already there" if location is None else "drafted",
        )  # fmt: skip
