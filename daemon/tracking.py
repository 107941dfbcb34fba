"""What became of each draft: sent, answered, or thrown away.

Two pass tasks notice it, from message headers only (``BODY.PEEK[HEADER.FIELDS]``:
no body is fetched, nothing becomes ``\\Seen``, nothing is changed):

* **reply tracking** reads the account's Sent folder (the RFC 6154 ``\\Sent``
  folder, else a well-known name; without one it says so once and does nothing)
  from its own UID cursor. A sent message is the user's reply to an entry when it
  carries the draft's X-Rejoinder-Ref or Message-ID, or when its In-Reply-To or
  References name the draft or the rejection -- then it must also be addressed to
  the employer (the rejection's sender, the draft's recipients, or their domain),
  so that forwarding a rejection to a friend is not taken for a reply. The entry
  is marked replied, with the sent message's date and Message-ID.

  Then the drafts nothing has happened to yet are looked for in Drafts: one that
  is gone was thrown away. A draft counts as still there when a Drafts message
  carries its reference or Message-ID, or answers in the rejection's thread
  (clients that save an edited draft replace the message and may drop unknown
  headers; Thunderbird keeps them). A sent draft vanishes from Drafts too, so
  this is only decided once Sent has been read to its end in the same pass, and
  Drafts is looked at *before* Sent: mail clients store the sent copy before they
  delete the draft, so a draft sent while the task runs is always seen in one of
  the two.

* **feedback tracking** reads every watched folder again, headers only, from a
  cursor of its own that never passes the watcher's (so every message it looks
  at has been through the pipeline: a new rejection is an entry by then, not
  feedback). A message is feedback on an entry the user replied to when its
  In-Reply-To or References name the reply, the draft, the follow-up or (dated
  after the reply) the rejection, or when it comes from the employer's address
  within FEEDBACK_DAYS after the reply. Auto-replies, bulk mail, the user's own
  mail and messages that are themselves rejections in the journal never count.
  While no entry awaits feedback its cursor just keeps up with the watcher's,
  without reading anything.

And before the watcher fetches a new message's body it asks
``in_rejection_thread``: a message answering in the thread of a journalled
rejection (the rejection, its draft, follow-up or the user's reply) is an
answer to the user, never a new rejection to draft a reply to. It is skipped
there and found by feedback tracking instead.

Which entry a header belongs to is decided by pure functions over frozen values
(``MailHeaders``, ``JournalEntry``); the tasks only read and record.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from rejoinder.classifier.message import ParsedMessage, parse_message
from rejoinder.daemon.app import identity_for
from rejoinder.daemon.compose import is_no_reply
from rejoinder.daemon.imap import MessageSummary, draft_ref_of
from rejoinder.daemon.journal import Journal, JournalEntry
from rejoinder.daemon.mailbox import REF_HEADER
from rejoinder.daemon.passtasks import PassContext

log = logging.getLogger(__name__)

# The header fields read, per kind of folder: nothing else of a message is fetched.
SENT_FIELDS = ("Message-ID", "In-Reply-To", "References", REF_HEADER, "Date", "To", "Cc")
DRAFT_FIELDS = ("Message-ID", "In-Reply-To", "References", REF_HEADER)
INCOMING_FIELDS = (
    "Message-ID",
    "In-Reply-To",
    "References",
    "From",
    "Date",
    "Subject",
    "Auto-Submitted",
    "Precedence",
)
WINDOW = 500  # headers read (and held) at a time
# Mail from the employer's address counts as feedback this long after the reply;
# later mail from them is about something else (a new opening, say).
FEEDBACK_DAYS = 90
# Senders' clocks disagree: "after the reply" allows for this much.
CLOCK_SKEW = timedelta(minutes=10)
# Cursor names in the journal's cursors table, next to the watcher's (plain folder names).
SENT_CURSOR = "sent replies:"
FEEDBACK_CURSOR = "feedback:"

_SAME_SENDER = 10_000  # rank of a match by sender: below any match by thread
_AUTO_SUBJECT = re.compile(
    r"\s*(automatic reply|auto[- ]?reply|autoreply|auto[- ]?response|out of (the )?office"
    r"|automatische antwort|abwesenheit|réponse automatique|respuesta automática"
    r"|risposta automatica|autosvar)",
    re.IGNORECASE,
)
_LOCATION = re.compile(r"(.*);v=\d+;uid=\d+")


# -- values ------------------------------------------------------------------------


@dataclass(frozen=True)
class MailHeaders:
    """What tracking reads of one message: a few header fields, never its body."""

    uid: int
    message_id: str | None = None
    in_reply_to: str | None = None
    thread: tuple[str, ...] = ()  # In-Reply-To, then References newest first; no repeats
    ref: str | None = None  # X-Rejoinder-Ref
    sender: str = ""  # the From address, lower case ("" when unknown)
    recipients: tuple[str, ...] = ()  # To and Cc addresses, lower case
    date: datetime | None = None  # the Date header, else the server's arrival time
    automatic: bool = False  # an auto-reply or bulk mail: never an answer from a person


def thread_ids(message: ParsedMessage) -> tuple[str, ...]:
    """The ids a message answers, nearest first: In-Reply-To, then References newest first."""
    ids = [message.in_reply_to] if message.in_reply_to else []
    ids.extend(reversed(message.references))
    return tuple(dict.fromkeys(ids))


def is_automatic(message: ParsedMessage) -> bool:
    """Written by a machine: Auto-Submitted (RFC 3834), bulk Precedence, an auto-reply subject."""
    auto = (message.auto_submitted or "").split(";")[0].strip()
    if auto and auto != "no":
        return True
    if message.precedence in ("bulk", "junk", "list", "auto_reply"):
        return True
    return _AUTO_SUBJECT.match(message.subject) is not None


def read_headers(summary: MessageSummary) -> MailHeaders:
    """The values tracking works with, from the header fields the server sent."""
    ref = (draft_ref_of(summary.headers) or None) if summary.headers else None
    parsed = parse_message(summary.headers) if summary.headers.strip() else None
    if not isinstance(parsed, ParsedMessage):  # none of the fields asked for is there
        return MailHeaders(summary.uid, ref=ref, date=summary.internal_date)
    return MailHeaders(
        uid=summary.uid,
        message_id=parsed.message_id,
        in_reply_to=parsed.in_reply_to,
        thread=thread_ids(parsed),
        ref=ref,
        sender=parsed.from_.addr.lower() if parsed.from_ else "",
        recipients=tuple(a.addr.lower() for a in (*parsed.to, *parsed.cc) if a.addr),
        date=parsed.date or summary.internal_date,
        automatic=is_automatic(parsed),
    )


def address_of(sender: str) -> str:
    """The address in a journal entry's sender ("Name <addr>" or "addr"), lower case."""
    match = re.search(r"<([^<>\s]+@[^<>\s]+)>\s*$", sender)
    if match:
        return match.group(1).lower()
    text = sender.strip()
    return text.lower() if "@" in text and " " not in text else ""


# -- which entry: pure matching ---------------------------------------------------


def _present(*values: str | None) -> frozenset[str]:
    return frozenset(value for value in values if value)


def employer_addresses(entry: JournalEntry) -> frozenset[str]:
    """Where answers to this rejection go and come from: its sender and the draft's
    recipients, leaving out addresses that reach nobody (no-reply, tracking systems)."""
    found = {address_of(entry.sender), *(addr.lower() for _, addr in entry.draft_to or ())}
    return frozenset(a for a in found if a and not is_no_reply(a))


def _organisation(addr: str) -> str:
    """The last two labels of the address's domain: careers.acme.example -> acme.example."""
    return ".".join(addr.rpartition("@")[2].lower().split(".")[-2:])


def _employer_side(addresses: Sequence[str], entry: JournalEntry) -> bool:
    """Whether any of ``addresses`` is the employer's or at their domain; also True when
    there is nothing to tell by (no addresses, or the employer has no usable one)."""
    employer = employer_addresses(entry)
    if not addresses or not employer:
        return True
    domains = {_organisation(addr) for addr in employer}
    return any(a in employer or _organisation(a) in domains for a in addresses)


def addressed_to_employer(sent: MailHeaders, entry: JournalEntry) -> bool:
    """False for a message that evidently went elsewhere, such as a rejection forwarded
    to a friend: it names recipients, none of them the employer or at their domain.
    True when the employer has no usable address (the user had to find one)."""
    return _employer_side(sent.recipients, entry)


def reply_rank(sent: MailHeaders, entry: JournalEntry) -> int | None:
    """How surely ``sent`` (a message in Sent) is the user's reply to ``entry``: 0 when it
    is the draft or the follow-up itself (reference or Message-ID), else 1 + the place in
    its thread of the first id naming the entry; None when it is no reply to it."""
    if sent.ref and sent.ref in _present(entry.draft_ref, entry.follow_up_ref):
        return 0
    drafts = _present(entry.draft_message_id, entry.follow_up_message_id)
    if sent.message_id and sent.message_id in drafts:
        return 0
    for index, message_id in enumerate(sent.thread):
        if message_id in drafts:
            return 1 + index
        if message_id == entry.message_id and addressed_to_employer(sent, entry):
            return 1 + index
    return None


def is_first_draft(sent: MailHeaders, entry: JournalEntry) -> bool:
    """Whether ``sent`` is the entry's first draft, sent as it was (its reference or
    Message-ID survived): the thank-you, after which a feedback follow-up is still due."""
    if sent.ref and sent.ref == entry.draft_ref:
        return True
    return bool(sent.message_id) and sent.message_id == entry.draft_message_id


def replied_entry(
    sent: MailHeaders, entries: Iterable[JournalEntry], account: str
) -> JournalEntry | None:
    """The entry ``sent`` replies to: the surest match, then one of ``account``, then the newest."""
    ranked = [
        ((rank, entry.account != account, -entry.id), entry)
        for entry in entries
        if (rank := reply_rank(sent, entry)) is not None
    ]
    return min(ranked, key=lambda pair: pair[0])[1] if ranked else None


def own_message_ids(entries: Iterable[JournalEntry]) -> frozenset[str]:
    """Message-IDs that are never feedback: the user's drafts, follow-ups and replies,
    and the rejections themselves (a new rejection from the same sender is an entry of
    its own, not an answer)."""
    found: set[str] = set()
    for entry in entries:
        found |= _present(entry.draft_message_id, entry.follow_up_message_id)
        found |= _present(entry.reply_message_id)
        if entry.verdict == "rejection":
            found |= _present(entry.message_id)
    return frozenset(found)


def feedback_rank(message: MailHeaders, entry: JournalEntry) -> int | None:
    """How surely ``message`` (incoming) answers the user's reply to ``entry``: the place
    in its thread of the first id naming the reply (or the rejection, when it is dated
    after the reply and comes from the employer's side: a friend answering a forwarded
    rejection names it too); lower than any of those for mail from the employer after
    the reply; None when it is no answer to it."""
    replied = entry.replied_at
    if replied is None or entry.feedback_at is not None:
        return None
    after_reply = message.date is not None and message.date >= replied - CLOCK_SKEW
    answered = _present(entry.reply_message_id, entry.draft_message_id, entry.follow_up_message_id)
    from_employer = _employer_side((message.sender,) if message.sender else (), entry)
    for index, message_id in enumerate(message.thread):
        if message_id in answered:
            return index
        if message_id == entry.message_id and after_reply and from_employer:
            return index
    if (
        after_reply
        and message.date is not None
        and message.date <= replied + timedelta(days=FEEDBACK_DAYS)
        and message.sender in employer_addresses(entry)
    ):
        return _SAME_SENDER
    return None


def feedback_entry(
    message: MailHeaders,
    entries: Iterable[JournalEntry],
    *,
    own_addresses: frozenset[str],
    own_ids: frozenset[str],
) -> JournalEntry | None:
    """The replied entry ``message`` is feedback on (the surest match, then the latest
    reply), or None. ``own_addresses``: the user's; ``own_ids``: see ``own_message_ids``."""
    if message.automatic or (message.sender and message.sender in own_addresses):
        return None
    if message.message_id and message.message_id in own_ids:
        return None
    ranked = [
        ((rank, -(entry.replied_at.timestamp() if entry.replied_at else 0.0), -entry.id), entry)
        for entry in entries
        if (rank := feedback_rank(message, entry)) is not None
    ]
    return min(ranked, key=lambda pair: pair[0])[1] if ranked else None


def answered_rejection(
    thread: Sequence[str], entries: Iterable[JournalEntry]
) -> JournalEntry | None:
    """The journalled rejection whose thread a message with these thread ids answers in:
    it names the rejection, its draft, its follow-up or the user's reply."""
    named = set(thread)
    for entry in entries:
        ids = _present(
            entry.message_id,
            entry.draft_message_id,
            entry.follow_up_message_id,
            entry.reply_message_id,
        )
        if entry.counts_as_rejection and ids & named:
            return entry
    return None


def draft_is_open(entry: JournalEntry) -> bool:
    """A draft was written and nothing is known to have become of it yet."""
    return bool(entry.draft_ref and entry.draft_message_id) and not (
        entry.replied_at or entry.draft_discarded_at or entry.feedback_at
    )


def draft_folder_of(entry: JournalEntry) -> str | None:
    """The folder the draft was written to (None when only its reference is known)."""
    location = entry.draft_location
    if not location:
        return None
    match = _LOCATION.fullmatch(location)
    return match.group(1) if match else location


def discarded_drafts(
    entries: Iterable[JournalEntry], drafts: Sequence[MailHeaders], drafts_folder: str
) -> list[JournalEntry]:
    """The entries among ``entries`` whose open draft in ``drafts_folder`` is gone:
    no message in ``drafts`` (that folder's headers) carries its reference or its
    Message-ID, or answers the rejection (other than the entry's own follow-up)."""
    refs = {d.ref for d in drafts if d.ref}
    ids = {d.message_id for d in drafts if d.message_id}
    answering: dict[str, list[MailHeaders]] = {}
    for draft in drafts:
        for message_id in draft.thread:
            answering.setdefault(message_id, []).append(draft)
    gone = []
    for entry in entries:
        if not draft_is_open(entry) or draft_folder_of(entry) not in (None, drafts_folder):
            continue
        if entry.draft_ref in refs or entry.draft_message_id in ids:
            continue
        follow_up = _present(entry.follow_up_ref, entry.follow_up_message_id)
        edited = [
            d
            for d in answering.get(entry.message_id or "", [])
            if not _present(d.ref, d.message_id) & follow_up
        ]
        if not edited:
            gone.append(entry)
    return gone


# -- the watcher's question --------------------------------------------------------


def in_rejection_thread(journal: Journal, message: ParsedMessage) -> bool:
    """True when ``message`` answers in the thread of a journalled rejection: feedback or
    talk with the employer, never a new rejection to draft a reply to."""
    thread = thread_ids(message)
    if not thread:
        return False
    return answered_rejection(thread, journal.entries_in_threads(thread)) is not None


# -- the pass tasks ----------------------------------------------------------------


@dataclass
class ReplyTracking:
    """Replies found in Sent, then drafts thrown away (see the module docstring)."""

    name: str = "reply tracking"
    told_no_sent: bool = False  # "no Sent folder" is said once per worker, not every pass

    def run(self, context: PassContext) -> None:
        if context.dry_run:
            return
        account = context.account.name
        sent = context.session.find_sent_folder(context.account.sent_folder)
        if sent is None:
            if not self.told_no_sent:
                log.info(
                    "%s: the server has no Sent folder: sent replies and thrown-away drafts "
                    "are not noticed",
                    account,
                )
                self.told_no_sent = True
            return
        # Drafts first (see the module docstring), and only when a draft awaits news.
        drafts: list[MailHeaders] | None = None
        if context.journal.entries_with_open_drafts(account):
            _, found = context.session.header_fields(context.mailbox.drafts_folder, DRAFT_FIELDS, 0)
            drafts = [read_headers(summary) for summary in found]
            context.beat()
        complete = _read_new(
            context, sent, SENT_CURSOR + sent, SENT_FIELDS, lambda w: _record_replies(context, w)
        )
        if complete and drafts is not None:
            _record_discarded(context, drafts)


@dataclass
class FeedbackTracking:
    """Answers to the user's replies, in the watched folders (see the module docstring)."""

    name: str = "feedback tracking"

    def run(self, context: PassContext) -> None:
        if context.dry_run:
            return
        account = context.account.name
        own = _present(identity_for(context.config, context.account).addr.lower())
        for folder in context.account.folders:
            if context.stop.is_set():
                return
            watched = context.journal.cursor(account, folder)
            if watched is None:  # the watcher has not read this folder yet
                continue
            key = FEEDBACK_CURSOR + folder
            if not context.journal.entries_awaiting_feedback():
                # Nothing read now could be feedback: keep up with the watcher, unread.
                if context.journal.cursor(account, key) != watched:
                    context.journal.set_cursor(account, key, *watched)
                continue
            _read_new(
                context,
                folder,
                key,
                INCOMING_FIELDS,
                lambda w: _record_feedback(context, w, own),
                until=watched,
            )


def _read_new(
    context: PassContext,
    folder: str,
    key: str,
    fields: Sequence[str],
    handle: Callable[[list[MailHeaders]], None],
    *,
    until: tuple[int, int] | None = None,
) -> bool:
    """Hand the headers of the messages past the cursor ``key`` to ``handle``, a window
    at a time, moving the cursor past each; only up to UID ``until[1]`` when given, and
    nothing when the folder's UIDVALIDITY is no longer ``until[0]``. A new UIDVALIDITY
    means reading the folder again from the start (what was recorded is not recorded
    twice). True when the folder was read to its end; False when asked to stop or when
    the folder changed under the reader."""
    journal, account = context.journal, context.account.name
    cursor = journal.cursor(account, key)
    if until is not None and cursor == until:
        return True  # level with the watcher: nothing new to read
    known, after = cursor if cursor else (None, 0)
    while not context.stop.is_set():
        up_to = until[1] if until else None
        validity, window = context.session.header_fields(
            folder, fields, after, up_to=up_to, limit=WINDOW
        )
        context.beat()
        if until is not None and validity != until[0]:
            return False  # recreated since the watcher's pass: its next pass comes first
        if validity != known:
            if known is not None:
                log.warning("%s/%s: UIDVALIDITY changed; reading it again", account, folder)
            known = validity
            if after:
                after = 0
                continue
        if window:
            handle([read_headers(summary) for summary in window])
            after = window[-1].uid
        if (known, after) != cursor:
            journal.set_cursor(account, key, known, after)
            cursor = (known, after)
        if not window:
            return True
    return False


def _record_replies(context: PassContext, window: list[MailHeaders]) -> None:
    ids = [i for sent in window for i in (sent.message_id, *sent.thread) if i]
    refs = [sent.ref for sent in window if sent.ref]
    entries = context.journal.entries_in_threads(ids, refs)
    if not entries:
        return
    for sent in window:
        entry = replied_entry(sent, entries, context.account.name)
        if entry is None:
            continue
        when = sent.date or context.clock()
        if context.journal.mark_replied(
            entry.id, when, sent.message_id, was_draft=is_first_draft(sent, entry)
        ):
            log.info(
                "%s: entry %d: the reply was sent on %s",
                context.account.name,
                entry.id,
                when.date(),
            )


def _record_discarded(context: PassContext, drafts: list[MailHeaders]) -> None:
    account = context.account.name
    entries = context.journal.entries_with_open_drafts(account)  # after the Sent scan
    now = context.clock()
    for entry in discarded_drafts(entries, drafts, context.mailbox.drafts_folder):
        if context.journal.mark_discarded(entry.id, now):
            log.info("%s: entry %d: the draft was deleted unsent", account, entry.id)


def _record_feedback(context: PassContext, window: list[MailHeaders], own: frozenset[str]) -> None:
    awaiting = context.journal.entries_awaiting_feedback()
    if not awaiting:
        return
    known = context.journal.entries_in_threads(m.message_id for m in window if m.message_id)
    own_ids = own_message_ids(known)
    for message in window:
        entry = feedback_entry(message, awaiting, own_addresses=own, own_ids=own_ids)
        if entry is None:
            continue
        when = message.date or context.clock()
        if context.journal.mark_feedback(entry.id, when, message.message_id):
            log.info(
                "%s: entry %d: the employer answered on %s",
                context.account.name,
                entry.id,
                when.date(),
            )
            awaiting = [e for e in awaiting if e.id != entry.id]
