"""Learning from the mail client: the two learning folders, and retraining between passes.

With ``learn_folders = true`` an account gets two folders that the user copies or
moves mail into from any mail client:

* the missed-rejections folder (``missed_folder``, "Rejoinder/Missed rejections"):
  a rejection Rejoinder did not draft a reply to. It is kept as a labelled example
  (label rejection) and handled as a rejection from then on: a journal entry, and a
  draft when it is within the drafting window (``backfill_days``). The draft carries
  the X-Rejoinder-Ref a draft from the inbox would carry (``pipeline.draft_ref`` of
  the account and the message's identity), so a message gets one draft however often
  it is copied. When its inbox copy was processed already (as not a rejection, unsure
  or position closed), that journal record is turned into a rejection, not skipped.
* the not-rejections folder (``not_rejection_folder``, "Rejoinder/Not rejections"):
  a message Rejoinder took for a rejection. It is kept as a labelled example
  (not_rejection) and its journal entry, if any, is marked not a rejection, which
  takes it out of the statistics. Its draft is left alone: deleting it is the user's call.

An example is the subject and the sender's own words (``personal.message_text``, what
``rejoinder label`` keeps), never the raw message. Its stage is left open: the user
did not say which, and the model's own guess fed back as a label would only teach
the model its guesses. The journal entry and the draft do use the guess (the stage
model's application/interview band, also for a message the model did not take for a
rejection), else "unknown", whose reply wordings assume neither.

Folder names are configured with "/" between levels. On the server the hierarchy
delimiter takes its place and the personal namespace's prefix (RFC 2342) goes in
front: "Rejoinder/Missed rejections" is "Rejoinder.Missed rejections" on a server
whose delimiter is ".", and "INBOX.Rejoinder.Missed rejections" on one that keeps
every folder below INBOX. A folder that exists under the name exactly as configured
is used as it is. Missing folders are created and subscribed to, because many
clients show only subscribed folders; no other subscription is ever changed. They
are read as the watched folders are (EXAMINE, ``BODY.PEEK``, a UID cursor per folder
that a UIDVALIDITY change resets; every step is idempotent, so reading a folder
again repeats nothing): no flag changes, nothing is moved or deleted.

Retraining (the "retrain" task, which runs after the others): once
``[classifier] retrain_after_corrections`` (5) corrections came in since the last
personal training, from these folders, ``rejoinder label`` or ``rejoinder journal
not-rejection``, ``personal.maybe_retrain`` trains a personal model, logs how it
compares with the current one, and installs it only if it is not worse; every worker
then uses it from its next pass (``adopt_classifier``). A training takes tens of
seconds of CPU, longer than the watchdog may go without a heartbeat
(``service.stale_after``: 3 x timeout_seconds + 60 s, so as little as 75 s), so it
runs in a helper thread while the worker waits and beats every second. One training
runs at a time in the daemon. On shutdown the worker stops waiting; the model is
installed by an atomic rename, so a training cut short leaves the old model in place
and is tried again after the next start.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

from rejoinder.classifier import personal
from rejoinder.classifier.classify import Classifier, Thresholds, load_classifier
from rejoinder.classifier.extract import extract
from rejoinder.classifier.message import (
    ParsedMessage,
    ParseFailure,
    message_identity,
    parse_message,
)
from rejoinder.classifier.result import Classification, Label, Stage, Verdict
from rejoinder.daemon.errors import MailboxError, RejoinderError
from rejoinder.daemon.imap import FolderInfo
from rejoinder.daemon.journal import Journal
from rejoinder.daemon.mailbox import RawMessage
from rejoinder.daemon.passtasks import PassContext
from rejoinder.daemon.pipeline import Classifies, DraftStatus, Status

log = logging.getLogger(__name__)

REJECTION = "rejection"
NOT_REJECTION = "not_rejection"
LEARN_WINDOW = 50  # messages of a learning folder read per round trip
BEAT_SECONDS = 1.0  # how often a worker waiting for a training gives a heartbeat

Namespace = tuple[str, str | None]  # (prefix, hierarchy delimiter)


# ---------------------------------------------------------------- folder names


def delimiter_of(folders: Sequence[FolderInfo]) -> str | None:
    """The server's hierarchy delimiter as LIST shows it (INBOX's first)."""
    ordered = sorted(folders, key=lambda f: f.name.upper() != "INBOX")
    return next((f.delimiter for f in ordered if f.delimiter), None)


def server_folder_name(
    configured: str, namespace: Namespace | None, folders: Sequence[FolderInfo]
) -> str:
    """The server's name for a folder configured with "/" between levels (see the module
    docstring); ``namespace`` is the personal namespace, or None when it is unknown."""
    prefix, delimiter = namespace if namespace else ("", delimiter_of(folders))
    name = delimiter.join(configured.split("/")) if delimiter else configured
    if prefix and not name.casefold().startswith(prefix.casefold()):
        name = prefix + name
    return name


def existing(name: str, folders: Sequence[FolderInfo]) -> bool:
    return any(f.name == name and f.selectable for f in folders)


# ---------------------------------------------------------------- one message


def as_rejection(classifier: Classifies, parsed: ParsedMessage) -> Classification:
    """The classification to draft from for a message the user says is a rejection: the
    model's own when it agrees; else its score and version with the stage it guesses
    (``Stage.UNKNOWN`` when it has no guess) and what the extractors find. The user's
    word also overrides the envelope rule (an internal transfer turned down is a
    rejection too), so the classifier's note on why it held back is dropped."""
    result = classifier.classify(parsed)
    if result.verdict is Verdict.REJECTION:
        return result
    stage, extraction = result.stage, result.extraction
    if stage is None and isinstance(classifier, Classifier):
        # With both thresholds at 0 every message with a job context is a rejection, so
        # the stage model's guess (and the extraction) comes out of the classifier as is.
        forced = Classifier(classifier.model, Thresholds(draft=0.0, unsure=0.0)).classify(parsed)
        stage, extraction = forced.stage, forced.extraction
    if result.verdict is Verdict.NOT_REJECTION and stage is None:
        extraction = extract(parsed)
    return replace(
        result,
        label=Label.REJECTION,
        verdict=Verdict.REJECTION,
        stage=stage or Stage.UNKNOWN,
        extraction=extraction,
        note=None,
    )


def _parsed(context: PassContext, item: RawMessage) -> ParsedMessage | None:
    parsed = parse_message(item.raw)
    if isinstance(parsed, ParseFailure):
        log.warning(
            "%s: cannot parse %s (%s); skipped", context.account.name, item.key, parsed.reason
        )
        return None
    return parsed


def learn_missed(context: PassContext, item: RawMessage) -> str:
    """A message from the missed-rejections folder; returns what became of it: the draft
    status (see DraftStatus), "known" (already a counted rejection), or why it was skipped."""
    parsed = _parsed(context, item)
    if parsed is None:
        return "unreadable"
    pipeline, journal = context.pipeline, context.journal
    own = pipeline.identity.addr.lower()
    if own and parsed.from_ is not None and parsed.from_.addr.lower() == own:
        log.info("%s: %s is your own message: no reply to draft", context.account.name, item.key)
        return "own"
    key = message_identity(parsed)
    text = personal.message_text(parsed)
    now = context.clock()
    entry = journal.entry_for_message(pipeline.account, key)
    if entry is not None and entry.counts_as_rejection:
        if text:  # nothing to change, but the example still counts
            journal.add_correction(REJECTION, None, text, entry_id=entry.id, when=now)
        return "known"
    result = as_rejection(context.classifier, parsed)
    # The pipeline's own steps: the same drafting window, reference and draft check.
    draft, status, location = pipeline.draft(context.mailbox, parsed, result, key)
    record = pipeline.entry(item, parsed, result, key, Status.REJECTION, draft, status, location)
    journal.learn_rejection(record, text, when=now)
    if status in (DraftStatus.CREATED, DraftStatus.NEEDS_RECIPIENT):
        log.info("%s: drafted a reply to a rejection you pointed out", context.account.name)
    return status.value


def learn_not_rejection(context: PassContext, item: RawMessage) -> str:
    """A message from the not-rejections folder; returns "marked" (its entry left the
    statistics), "kept" (an example only) or why it was skipped."""
    parsed = _parsed(context, item)
    if parsed is None:
        return "unreadable"
    journal, account = context.journal, context.account.name
    key = message_identity(parsed)
    text = personal.message_text(parsed)
    now = context.clock()
    entry = journal.entry_for_message(account, key)
    if entry is not None and not entry.not_rejection:
        journal.mark_not_rejection(entry.id, text=text or None, when=now)
        return "marked"
    if text:
        entry_id = entry.id if entry is not None else None
        journal.add_correction(NOT_REJECTION, None, text, entry_id=entry_id, when=now)
    if entry is None and journal.processed_verdict(account, key) is None:
        # Never drafted for, should it turn up in a watched folder later.
        journal.record(account, key, item.key, Status.NOT_REJECTION.value, None)
    return "kept"


# ---------------------------------------------------------------- the pass tasks


@dataclass
class LearntCounts:
    rejections: int = 0
    drafts: int = 0
    not_rejections: int = 0
    skipped: int = 0

    def count(self, label: str, outcome: str) -> None:
        if outcome in ("unreadable", "own", "failed"):
            self.skipped += 1
        elif label == REJECTION:
            self.rejections += 1
            self.drafts += outcome in (DraftStatus.CREATED, DraftStatus.NEEDS_RECIPIENT)
        else:
            self.not_rejections += 1

    def summary(self) -> str | None:
        if not (self.rejections or self.not_rejections or self.skipped):
            return None
        text = (
            f"{self.rejections} missed rejection(s) ({self.drafts} draft(s)), "
            f"{self.not_rejections} not-rejection(s)"
        )
        return text + (f", {self.skipped} skipped" if self.skipped else "")


class LearningFolders:
    """Reads what the user put into the two learning folders (see the module docstring)."""

    name = "learning folders"

    def run(self, context: PassContext) -> None:
        account = context.account
        if not account.learn_folders:
            return
        if context.dry_run:
            log.info("%s: the learning folders are not read in a dry run", account.name)
            return
        counts = LearntCounts()
        for folder, label in self.folders(context):
            if context.stop.is_set():
                break
            self._read(context, folder, label, counts)
        summary = counts.summary()
        if summary:
            log.info("%s: learnt from your folders: %s", account.name, summary)

    def folders(self, context: PassContext) -> list[tuple[str, str]]:
        """(server name, label) of each learning folder, created when missing."""
        account, session = context.account, context.session
        listing = session.list_folders()
        namespace: Namespace | None = None
        asked = False
        found = []
        for configured, label in (
            (account.missed_folder, REJECTION),
            (account.not_rejection_folder, NOT_REJECTION),
        ):
            name = configured
            if not existing(configured, listing):
                if not asked:
                    namespace, asked = session.personal_namespace(), True
                name = server_folder_name(configured, namespace, listing)
            if not existing(name, listing):
                try:
                    session.create_folder(name)
                except MailboxError as error:
                    if type(error) is not MailboxError:  # the connection failed: the pass did
                        raise
                    key = "missed_folder" if label == REJECTION else "not_rejection_folder"
                    log.warning(
                        "%s: cannot create the folder %r (%s): create it in your mail "
                        "client, or set accounts.%s.%s to a folder that exists",
                        account.name, name, error, account.name, key,
                    )  # fmt: skip
                    continue
            found.append((name, label))
        return found

    def _read(self, context: PassContext, folder: str, label: str, counts: LearntCounts) -> None:
        account, session, journal = context.account.name, context.session, context.journal
        uidvalidity = session.folder_state(folder).uidvalidity
        cursor = journal.cursor(account, folder)
        after = cursor[1] if cursor is not None and cursor[0] == uidvalidity else 0
        if cursor is not None and cursor[0] != uidvalidity:
            log.info("%s/%s: UIDVALIDITY changed; reading the folder again", account, folder)
        limit = context.config.daemon.max_message_bytes
        while not context.stop.is_set():
            summaries = session.summaries(folder, after, limit=LEARN_WINDOW)
            context.beat()
            if not summaries:
                return
            for big in (s for s in summaries if s.size > limit):
                log.warning(
                    "%s/%s: UID %d is %d bytes, over max_message_bytes (%d); skipped",
                    account, folder, big.uid, big.size, limit,
                )  # fmt: skip
                counts.skipped += 1
            wanted = [s.uid for s in summaries if s.size <= limit]
            for item in session.fetch_raw(folder, wanted, uidvalidity=uidvalidity):
                counts.count(label, self._learn(context, item, label))
                journal.set_cursor(account, folder, uidvalidity, item.uid or 0)
                context.beat()
                if context.stop.is_set():
                    return
            after = summaries[-1].uid
            journal.set_cursor(account, folder, uidvalidity, after)

    @staticmethod
    def _learn(context: PassContext, item: RawMessage, label: str) -> str:
        try:
            if label == REJECTION:
                return learn_missed(context, item)
            return learn_not_rejection(context, item)
        except (RejoinderError, OSError):
            raise  # the connection or the journal failed: the pass did; tried again next time
        except Exception:  # a message that trips a bug must not wedge the folder
            log.exception("%s: learning from %s failed; skipped", context.account.name, item.key)
            return "failed"


# One training at a time in this daemon, whichever account's worker starts it.
_TRAINING = threading.Lock()


@dataclass
class _Training:
    """One maybe_retrain call, in a helper thread with its own journal connection."""

    journal_path: Path
    now: datetime
    min_new: int
    current: Classifier | None
    result: personal.RetrainResult | None = None
    failed: bool = False

    def run(self) -> None:
        try:
            with Journal.open(self.journal_path) as journal:
                self.result = personal.maybe_retrain(
                    journal, self.now, min_new=self.min_new, current=self.current
                )
        except RejoinderError as exc:
            self.failed = True
            log.error("training a personal model failed: %s", exc)
        except Exception:
            self.failed = True
            log.exception("training a personal model failed")
        finally:
            _TRAINING.release()


class Retrain:
    """Trains a personal model once enough new corrections came in (module docstring)."""

    name = "retrain"

    def __init__(self) -> None:
        # New corrections counted when a training failed: not retried until more come in.
        self._failed_with: int | None = None

    def run(self, context: PassContext) -> None:
        min_new = context.config.classifier.retrain_after_corrections
        if context.dry_run or min_new <= 0:
            return
        pending = personal.new_corrections(context.journal)
        if pending < min_new or pending == self._failed_with:
            return
        if not _TRAINING.acquire(blocking=False):
            return  # another worker is training on the same journal
        current = context.classifier if isinstance(context.classifier, Classifier) else None
        job = _Training(context.journal.path, context.clock(), min_new, current)
        thread = threading.Thread(target=job.run, name="personal-training", daemon=True)
        try:
            thread.start()
        except BaseException:
            _TRAINING.release()
            raise
        while thread.is_alive():
            thread.join(BEAT_SECONDS)
            context.beat()
            if context.stop.is_set() and thread.is_alive():
                log.info("stopping without waiting for the personal model's training")
                return
        self._failed_with = pending if job.failed else None
        result = job.result
        if result is None or not result.adopted:
            return
        d = context.config.classifier
        thresholds = (
            current.thresholds if current else Thresholds(d.draft_threshold, d.unsure_threshold)
        )
        context.adopt_classifier(load_classifier(thresholds, model_dir=result.model_dir))
        log.info(
            "%s: the personal model %s is used from the next pass",
            context.account.name, result.candidate_version,
        )  # fmt: skip
