"""The daemon: watches every configured IMAP account and feeds new mail to the pipeline.

One worker thread per account, one IMAP connection per worker. A pass over a
folder reads the UID cursor from the journal, fetches headers and sizes of
everything newer (batched, a window of SUMMARY_WINDOW messages at a time; a
first run reads what arrived within the drafting window first),
skips what is already processed or too large, fetches the rest
(``BODY.PEEK[]``, batched by count and bytes; large messages that are mostly
attachments without them, see textonly.py), classifies each batch in one call
and runs each message through the pipeline, the batch's rejections last (their
drafts are written together); the cursor advances after every batch. Messages
on which the pipeline raised are retried on later passes, at most MAX_ATTEMPTS
times in all. Between passes the worker waits in one IDLE (or polls) until
mail arrives, the IDLE renewal time comes, or it is asked to stop. Connection
failures are retried with exponential backoff and jitter; an authentication
failure is reported, never mistaken for "no mail".

Every worker keeps a heartbeat (a monotonic timestamp updated while it waits,
backs off and processes messages) so the service pings systemd's watchdog
only while every worker makes progress.
"""

from __future__ import annotations

import ctypes
import fcntl
import logging
import random
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager, nullcontext
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from rejoinder.classifier.message import (
    ParsedMessage,
    ParseFailure,
    message_identity,
    parse_message,
)
from rejoinder.classifier.result import Classification, Verdict
from rejoinder.daemon.app import draft_settings, identity_for, load_classifier_for, load_templates
from rejoinder.daemon.config import AccountConfig, Config
from rejoinder.daemon.credentials import secret_for
from rejoinder.daemon.errors import (
    AuthError,
    CredentialError,
    FolderMissingError,
    MailboxError,
    RejoinderError,
)
from rejoinder.daemon.followup import FollowUps
from rejoinder.daemon.imap import (
    ImapMailbox,
    ImapSession,
    ImapSettings,
    MessageSummary,
    message_key,
)
from rejoinder.daemon.journal import Journal
from rejoinder.daemon.learning import LearningFolders, Retrain
from rejoinder.daemon.mailbox import RawMessage
from rejoinder.daemon.passlock import pass_lock_path
from rejoinder.daemon.passtasks import PassContext, PassTask
from rejoinder.daemon.pipeline import (
    MAX_ATTEMPTS,
    Classifies,
    DraftStatus,
    Outcome,
    Pipeline,
    Status,
)
from rejoinder.daemon.templating import TemplateSet
from rejoinder.daemon.textonly import TEXT_ONLY_ABOVE
from rejoinder.daemon.tracking import FeedbackTracking, ReplyTracking, in_rejection_thread

log = logging.getLogger(__name__)

BACKOFF_FIRST = 1.0
BACKOFF_MAX = 300.0
AUTH_FAILURES = 6  # a refused password waits as if it had failed this often: 16-32 s, then more
# Bodies are fetched in batches bounded by count and by bytes: few round trips,
# bounded memory even when every message is near max_message_bytes.
BATCH_MESSAGES = 100
BATCH_BYTES = 4 * 1024 * 1024
SUMMARY_WINDOW = 500  # message headers read (and held) at a time
PASS_LOCK_POLL_SECONDS = 0.5  # how often a pass waiting for another process's pass looks again
PASS_LOCK_RECHECK_SECONDS = 0.05  # the first look again: a status reader lets go at once
TICK_SECONDS = 1.0  # how often a waiting worker checks ``stop`` and gives a heartbeat
# A pass over more than one window (a first run over years of mail, slow over a real
# link) says how far it got at most this often, in the log and the service status.
PROGRESS_SECONDS = 10.0


def backoff_delay(failures: int, rng: random.Random) -> float:
    """Exponential backoff with 'equal jitter': half fixed, half random, capped at 5 min."""
    ceiling = min(BACKOFF_MAX, BACKOFF_FIRST * 2 ** max(0, failures - 1))
    return float(ceiling / 2 + rng.uniform(0, ceiling / 2))


@dataclass
class PassStats:
    seen: int = 0  # messages whose body was read and run through the pipeline
    rejections: int = 0
    drafts: int = 0  # drafts written
    found: int = 0  # drafts that already existed (a crash after APPEND, before the journal)
    backfill: int = 0  # rejections older than the drafting window: journalled, no draft
    skipped_large: int = 0
    failed: int = 0  # unparseable, or the pipeline raised

    def add(self, other: PassStats) -> None:
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def count(self, outcome: Outcome) -> None:
        self.seen += 1
        self.rejections += outcome.status is Status.REJECTION
        self.drafts += outcome.draft_status in (DraftStatus.CREATED, DraftStatus.NEEDS_RECIPIENT)
        self.found += outcome.draft_status is DraftStatus.FOUND
        self.backfill += outcome.draft_status is DraftStatus.BACKFILL
        self.failed += outcome.status in (Status.FAILED, Status.UNPARSEABLE)

    def summary(self) -> str:
        text = f"{self.seen} new, {self.rejections} rejection(s), {self.drafts} draft(s)"
        extras = (
            (self.found, "draft(s) found already there"),
            (self.backfill, "older than the drafting window"),
            (self.skipped_large, "too large, skipped"),
            (self.failed, "failed"),
        )
        return text + "".join(f", {n} {what}" for n, what in extras if n)


def connect_account(account: AccountConfig, timeout: float) -> ImapSession:
    settings = ImapSettings(
        host=account.host,
        port=account.port,
        security=account.security,
        username=account.username,
        ca_file=account.ca_file,
        timeout=timeout,
    )
    return ImapSession.connect(settings, secret_for(account), account.auth)


class Preclassified:
    """The pipeline's classifier, answering from one ``classify_many`` call per batch.

    scikit-learn's fixed cost per call dwarfs the per-message work (about 2.5 ms
    against 0.07 ms per message), so the worker classifies each fetched batch at
    once and the pipeline, which asks one message at a time, picks its answer up.
    Messages are keyed by their parsed form: equal parses classify equally.
    """

    def __init__(self, inner: Classifies) -> None:
        self.inner = inner
        self._ready: dict[ParsedMessage, Classification] = {}

    def prepare(self, messages: Iterable[RawMessage]) -> dict[str, ParsedMessage | ParseFailure]:
        """Parse the messages (once: the pipeline is handed these) and classify them.

        Returns every message's parse, by its key. (Messages already processed were left
        out when the batch was chosen; one the pipeline finds processed after all only
        cost its classification.)
        """
        self._ready.clear()
        parses = {m.key: parse_message(m.raw) for m in messages}
        many = getattr(self.inner, "classify_many", None)
        if many is None:  # a classifier without batches (e.g. a test double)
            return parses
        parsed = [p for p in parses.values() if isinstance(p, ParsedMessage)]
        try:
            results = many(parsed)
        except Exception:  # one hostile message must not cost the batch: go one by one
            log.debug("batch classification failed; classifying one by one", exc_info=True)
            return parses
        self._ready = dict(zip(parsed, results, strict=True))
        return parses

    def classify(self, msg: ParsedMessage) -> Classification:
        ready = self._ready.pop(msg, None)
        return ready if ready is not None else self.inner.classify(msg)

    def called_rejection(self, parsed: ParsedMessage | ParseFailure | None) -> bool:
        """Whether ``prepare`` found this message to be a rejection (so it may get a draft)."""
        ready = self._ready.get(parsed) if isinstance(parsed, ParsedMessage) else None
        return ready is not None and ready.verdict is Verdict.REJECTION


@dataclass
class _FolderRun:
    """What a pass over one folder works with, and what it found."""

    session: ImapSession
    mailbox: ImapMailbox
    pipeline: Pipeline
    classifier: Preclassified
    folder: str
    uidvalidity: int
    stats: PassStats = field(default_factory=PassStats)
    sizes: dict[int, int] = field(default_factory=dict)  # UID -> size, of the current window


@dataclass
class AccountWorker:
    """Everything one account needs; ``run`` is the thread body."""

    account: AccountConfig
    config: Config
    journal: Journal
    classifier: Classifies
    connect: Callable[[AccountConfig], ImapSession]
    stop: threading.Event = field(default_factory=threading.Event)
    dry_run: bool = False
    on_status: Callable[[str, str], None] = lambda account, text: None
    rng: random.Random = field(default_factory=random.Random)
    clock: Callable[[], datetime] = lambda: datetime.now(UTC)
    templates: TemplateSet | None = None
    session: ImapSession | None = None
    heartbeat: float = field(default_factory=time.monotonic)
    failures: int = 0  # consecutive failed connections/passes; 0 once a pass succeeds
    tasks: Sequence[PassTask] = ()  # run after every pass, in order (see passtasks.py)
    # Called with a new classifier a task adopted; the daemon hands it to every worker.
    adopt_classifier: Callable[[Classifies], None] | None = None

    def beat(self) -> None:
        """A sign of life for the watchdog: this worker is not stuck."""
        self.heartbeat = time.monotonic()

    # ------------------------------------------------------------ one pass

    def one_pass(self, session: ImapSession) -> PassStats:
        with self._pass_lock() as ours:
            return self._one_pass(session) if ours else PassStats()

    @contextmanager
    def _pass_lock(self) -> Iterator[bool]:
        """One pass at a time per account, across processes (``rejoinder once`` while the
        service runs): the journal stops a message being handled twice only once one
        of them has recorded it, and each pass reads Drafts once, at its start.

        Yields False when asked to stop while waiting for the other pass.
        """
        if self.dry_run:  # writes nothing: no need to wait for anyone
            yield True
            return
        with open(pass_lock_path(self.journal.path, self.account.name), "a") as handle:
            refused = 0
            while True:
                try:
                    fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    refused += 1
                    # `rejoinder status` holds the lock for an instant (passlock.py): look
                    # again soon, and only then say another pass is running.
                    if refused == 2:
                        log.info("%s: waiting for another Rejoinder's pass", self.account.name)
                    self.beat()  # waiting for a colleague is not being stuck
                    pause = PASS_LOCK_RECHECK_SECONDS if refused == 1 else PASS_LOCK_POLL_SECONDS
                    if self.stop.wait(pause):
                        yield False
                        return
            try:
                yield True
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    def _one_pass(self, session: ImapSession) -> PassStats:
        started = time.monotonic()
        drafts_folder = session.find_drafts_folder(self.account.drafts_folder)
        mailbox = ImapMailbox(session, self.account.folders, drafts_folder)
        classifier = Preclassified(self.classifier)
        pipeline = self._pipeline(classifier)
        stats = PassStats()
        for folder in self.account.folders:
            if self.stop.is_set():
                break
            uidvalidity = session.folder_state(folder).uidvalidity
            run = _FolderRun(session, mailbox, pipeline, classifier, folder, uidvalidity)
            self._folder_pass(run)
            stats.add(run.stats)
        self._run_tasks(session, mailbox, pipeline)
        log.info(
            "%s: pass done in %.1f s: %s",
            self.account.name, time.monotonic() - started, stats.summary(),
        )  # fmt: skip
        return stats

    def _run_tasks(self, session: ImapSession, mailbox: ImapMailbox, pipeline: Pipeline) -> None:
        context = PassContext(
            account=self.account,
            config=self.config,
            journal=self.journal,
            session=session,
            mailbox=mailbox,
            pipeline=pipeline,
            classifier=self.classifier,
            adopt_classifier=self.adopt_classifier or self._adopt,
            clock=self.clock,
            dry_run=self.dry_run,
            stop=self.stop,
            beat=self.beat,
        )
        for task in self.tasks:
            if self.stop.is_set():
                return
            try:
                task.run(context)
            except (RejoinderError, OSError):
                raise  # the connection or the journal failed: the pass failed
            except Exception:  # a bug in one extra must not stop the drafting of replies
                log.exception("%s: the %s task failed", self.account.name, task.name)
            self.beat()

    def _adopt(self, classifier: Classifies) -> None:
        self.classifier = classifier

    def _pipeline(self, classifier: Classifies) -> Pipeline:
        days = self.account.backfill_days
        window = self.config.daemon.backfill_days if days is None else days
        if self.templates is None:
            self.templates = load_templates()
        return Pipeline(
            account=self.account.name,
            classifier=classifier,
            journal=self.journal,
            identity=identity_for(self.config, self.account),
            settings=draft_settings(self.config),
            templates=self.templates,
            dry_run=self.dry_run,
            draft_after=self.clock() - timedelta(days=window),
            clock=self.clock,
        )

    def _folder_pass(self, run: _FolderRun) -> None:
        after = self._start_uid(run.folder, run.uidvalidity)
        retries = self._retries(run.folder, run.uidvalidity, after)
        if retries and not self._run_batches(run, [retries], after):
            return
        # A large folder (a first run over years of mail) is read in windows, so the
        # headers of all of it are never held at once. One look at the folder for the
        # whole pass: mail arriving meanwhile is the next pass's (idle_wait sees it).
        uids = run.session.new_uids(run.folder, after)
        # Headers first, so that bodies already processed (a folder re-read after a
        # UIDVALIDITY change, mail moved between watched folders) are not fetched again.
        # Before the account's first message is processed there is nothing to look up:
        # sizes are enough, and _batch applies the other checks to the parsed message.
        headers = self.dry_run or self.journal.has_processed(self.account.name)
        progress = _Progress(f"{self.account.name}: {run.folder}", len(uids), self._say)
        recent = self._drafting_window(run, uids) if after == 0 else []
        if recent and not self._walk(run, recent, headers, progress, after=after, advance=False):
            return
        done = set(recent)
        rest = [uid for uid in uids if uid not in done]
        if not self._walk(run, rest, headers, progress, after=after, counted=len(recent)):
            return
        if recent:  # every new message is processed now, the drafting window included
            self._advance(run.folder, run.uidvalidity, max(after, uids[-1]))

    def _drafting_window(self, run: _FolderRun, uids: Sequence[int]) -> list[int]:
        """On a first run over more than one window (or a folder read afresh after a
        UIDVALIDITY change): the new messages that arrived within the drafting window,
        to be read before the rest. Oldest first, the rejections that get a draft would
        wait for years of older mail (minutes over a slow link). Empty when there is
        nothing older to put them before."""
        since = run.pipeline.draft_after
        if since is None or len(uids) <= SUMMARY_WINDOW:
            return []
        try:
            arrived = run.session.uids_since(run.folder, since.date())
        except MailboxError as error:
            if type(error) is not MailboxError:
                raise  # the connection failed: so did the pass
            # Only an order of reading: a server refusing the search costs the order.
            log.info("%s/%s: cannot search by date (%s)", self.account.name, run.folder, error)
            return []
        new = set(uids)
        recent = [uid for uid in arrived if uid in new]
        if len(recent) == len(uids):
            return []
        log.info(
            "%s/%s: reading the %d message(s) of the drafting window first",
            self.account.name, run.folder, len(recent),
        )  # fmt: skip
        return recent

    def _walk(
        self,
        run: _FolderRun,
        uids: Sequence[int],
        headers: bool,
        progress: _Progress,
        *,
        after: int,
        counted: int = 0,
        advance: bool = True,
    ) -> bool:
        """Read and process ``uids`` (ascending) a window at a time; with ``advance`` the
        cursor follows, so they must be every new UID not processed yet. False when
        asked to stop."""
        for start in range(0, len(uids), SUMMARY_WINDOW):
            if self.stop.is_set():
                return False
            window = uids[start : start + SUMMARY_WINDOW]
            summaries = run.session.summaries_of(run.folder, window, headers=headers)
            run.sizes = {summary.uid: summary.size for summary in summaries}
            self.beat()
            batches = _batches(self._wanted(summaries, run.stats), BATCH_MESSAGES, BATCH_BYTES)
            if not self._run_batches(run, batches, after, advance=advance):
                return False
            if advance:
                after = max(after, window[-1])
                self._advance(run.folder, run.uidvalidity, after)
            progress.reached(counted + start + len(window))
        return True

    def _say(self, text: str) -> None:
        log.info("%s", text)
        self.on_status(self.account.name, text)

    def _run_batches(
        self,
        run: _FolderRun,
        batches: Sequence[Sequence[int]],
        after: int,
        *,
        advance: bool = True,
    ) -> bool:
        """Process the batches, moving the cursor past each (with ``advance``); False
        when asked to stop."""
        for batch in batches:
            for outcome in self._batch(run, batch):
                run.stats.count(outcome)
            if self.stop.is_set():  # the message in hand was finished; stop here
                return False
            if advance and max(batch) > after:  # retried messages lie behind the cursor
                self._advance(run.folder, run.uidvalidity, max(batch))
            release_memory()
        return True

    def _batch(self, run: _FolderRun, uids: Sequence[int]) -> list[Outcome]:
        # Large messages come without their attachments when that saves most of them.
        large = {uid for uid in uids if run.sizes.get(uid, 0) > TEXT_ONLY_ABOVE}
        small = [uid for uid in uids if uid not in large]
        items = list(run.session.fetch_raw(run.folder, small, uidvalidity=run.uidvalidity))
        if large:
            items += run.session.fetch_text(run.folder, sorted(large), uidvalidity=run.uidvalidity)
            items.sort(key=lambda item: item.uid or 0)
        self.beat()
        # One classification call for the batch (its parsed text is bounded by
        # BATCH_BYTES); most messages never reach the model at all.
        parses = run.classifier.prepare(items)
        self.beat()
        # What the headers may not have said (a first run reads sizes only, and a rejection
        # found earlier in this pass has made its thread's answers known since).
        own = self._own_address()
        items = [item for item in items if not self._passed_over(parses.get(item.key), own)]
        # Rejections last: looking for and saving their drafts happens in the Drafts
        # folder, and switching back to a large watched folder is costly (Dovecot
        # re-reads its Maildir listing), so do it once per batch, not once per draft.
        drafting = [run.classifier.called_rejection(parses.get(item.key)) for item in items]
        ordered = [item for item, d in zip(items, drafting, strict=True) if not d]
        ordered += [item for item, d in zip(items, drafting, strict=True) if d]
        outcomes: list[Outcome] = []
        # Ordinary mail is recorded with one commit for the batch (the journal's
        # grouped()); each rejection commits on its own, right after its draft is saved.
        with self._grouped():
            for item in ordered[: len(ordered) - sum(drafting)]:
                outcomes.append(run.pipeline.process(run.mailbox, item, parses.get(item.key)))
                self.beat()
                if self.stop.is_set():
                    return outcomes
        for item in ordered[len(ordered) - sum(drafting) :]:
            outcomes.append(run.pipeline.process(run.mailbox, item, parses.get(item.key)))
            self.beat()
            if self.stop.is_set():
                return outcomes
        return outcomes

    def _grouped(self) -> AbstractContextManager[None]:
        return nullcontext() if self.dry_run else self.journal.grouped()

    def _start_uid(self, folder: str, uidvalidity: int) -> int:
        cursor = self.journal.cursor(self.account.name, folder)
        if cursor is None or cursor[0] == uidvalidity:
            return cursor[1] if cursor else 0
        # UIDs mean nothing across a UIDVALIDITY change; the journal's message
        # identities still stop anything from being drafted twice.
        log.warning("%s/%s: UIDVALIDITY changed; rescanning the folder", self.account.name, folder)
        return 0

    def _retries(self, folder: str, uidvalidity: int, after: int) -> list[int]:
        """Messages below the cursor on which the pipeline raised, to try again (a few times)."""
        prefix = message_key(folder, uidvalidity, 0)[:-1]
        uids = []
        for _, source_key, _, attempts in self.journal.failures(self.account.name):
            rest = source_key[len(prefix) :]
            retry = source_key.startswith(prefix) and rest.isdigit() and attempts < MAX_ATTEMPTS
            if retry and int(rest) <= after:
                uids.append(int(rest))
        return sorted(uids)

    def _wanted(
        self, summaries: Sequence[MessageSummary], stats: PassStats
    ) -> list[MessageSummary]:
        """Only fetch bodies of messages not processed yet (known by their headers, when
        these were read) and not too large."""
        limit = self.config.daemon.max_message_bytes
        own = self._own_address()
        parsed = [parse_message(s.headers) if s.headers else None for s in summaries]
        keys = [message_identity(h) if isinstance(h, ParsedMessage) else None for h in parsed]
        done = self.journal.processed_among(self.account.name, (k for k in keys if k))
        wanted = []
        for summary, headers, key in zip(summaries, parsed, keys, strict=True):
            if key in done or self._passed_over(headers, own):
                continue
            if summary.size > limit:
                stats.skipped_large += 1
                log.warning(
                    "%s: UID %d is %d bytes, over max_message_bytes (%d); skipped",
                    self.account.name, summary.uid, summary.size, limit,
                )  # fmt: skip
                continue
            wanted.append(summary)
        return wanted

    def _own_address(self) -> str:
        return identity_for(self.config, self.account).addr.lower()

    def _passed_over(self, message: ParsedMessage | ParseFailure | None, own: str) -> bool:
        """Mail that is never drafted for, known from its headers: the user's own (e.g.
        a copy in INBOX), or an answer in a rejection's thread (feedback: tracking.py)."""
        if not isinstance(message, ParsedMessage):
            return False
        sender = message.from_.addr.lower() if message.from_ else ""
        return bool(own and sender == own) or in_rejection_thread(self.journal, message)

    def _advance(self, folder: str, uidvalidity: int, uid: int) -> None:
        if not self.dry_run:
            self.journal.set_cursor(self.account.name, folder, uidvalidity, uid)

    # ------------------------------------------------------------- the loop

    def run(self) -> None:
        """Connect, pass, wait for news, repeat, until ``stop`` is set."""
        while not self.stop.is_set():
            try:
                self._serve()
            except (AuthError, CredentialError) as exc:
                self._report_failure(str(exc))
                # Hammering a server with a refused password helps nobody (and may lock the account).
                self.failures = max(self.failures + 1, AUTH_FAILURES)
            except RejoinderError as exc:  # connection, TLS, folder, journal...
                self._report_failure(str(exc))
                self.failures += 1
            except OSError as exc:
                self._report_failure(f"connection problem: {exc}")
                self.failures += 1
            except Exception as exc:  # a bug: keep the account alive, retrying with backoff
                log.exception("%s: unexpected error", self.account.name)
                self._report_failure(f"unexpected error: {type(exc).__name__}: {exc}")
                self.failures += 1
            finally:
                self._close()
            if self.stop.is_set():
                break
            if self.failures:
                self._back_off(backoff_delay(self.failures, self.rng))

    def _serve(self) -> None:
        self.beat()
        session = self.session = self.connect(self.account)
        self.beat()
        wait = self._wait_seconds("IDLE" in session.capabilities())
        while not self.stop.is_set():
            stats = self.one_pass(session)
            self.failures = 0
            if not self.dry_run:
                self.journal.pass_finished(self.account.name, stats.seen, stats.drafts)
            self.on_status(self.account.name, f"{self.account.name}: watching")
            if self.stop.is_set():
                break
            session.idle_wait(self.account.folders[0], wait, stop=self.stop, tick=self.beat)

    def _wait_seconds(self, has_idle: bool) -> float:
        """How long to wait for news before the next pass.

        IDLE watches one folder (the first): it is re-issued every
        idle_renew_minutes, and a pass runs at least every safety_poll_minutes.
        Other watched folders, and servers without IDLE, are polled every
        poll_seconds.
        """
        d = self.config.daemon
        if not has_idle or len(self.account.folders) > 1:
            return d.poll_seconds
        return min(d.idle_renew_minutes, d.safety_poll_minutes) * 60

    def _back_off(self, delay: float) -> None:
        self.on_status(self.account.name, f"{self.account.name}: reconnecting in {delay:.0f} s")
        log.info("%s: reconnecting in %.1f s", self.account.name, delay)
        deadline = time.monotonic() + delay
        while not self.stop.is_set() and (remaining := deadline - time.monotonic()) > 0:
            self.stop.wait(min(remaining, TICK_SECONDS))
            self.beat()

    def _report_failure(self, message: str) -> None:
        log.error("%s: %s", self.account.name, message)
        self.on_status(self.account.name, f"{self.account.name}: {message}")
        try:
            self.journal.pass_failed(self.account.name, message)
        except RejoinderError:
            log.error("%s: cannot record the error in the journal either", self.account.name)

    def _close(self) -> None:
        if self.session is not None:
            try:
                self.session.logout()
            except Exception:  # the link may already be dead; closing must not fail
                log.debug("logout failed", exc_info=True)
            self.session = None


def release_memory() -> None:
    """Hand memory freed by the last batch back to the OS (glibc only; a no-op elsewhere).

    A batch allocates megabytes in many mid-sized blocks (raw messages, parsed
    text, the vectorizer's arrays) and frees them all; glibc keeps some of those
    freed pages, so a long backfill would leave the daemon's resident size above
    what it needs while idling (measured: about 1 MB of the ~150 after 10,000 messages).
    """
    if _LIBC is not None:
        _LIBC.malloc_trim(0)


M_ARENA_MAX = -8  # glibc's mallopt() parameter number


def use_one_malloc_arena() -> None:
    """Let every thread allocate from one heap (glibc only; a no-op elsewhere).

    glibc gives each thread that allocates its own arena, and each arena keeps its
    own freed-but-unreturned pages: with a worker thread per account, the daemon
    held about 4 MB more after 10,000 messages than with one arena. The workers
    spend their time waiting on the network, so they hardly contend for the lock.
    Call before the worker threads start.
    """
    if _LIBC is not None:
        _LIBC.mallopt(M_ARENA_MAX, 1)


def _load_libc() -> Any:
    try:
        libc = ctypes.CDLL("libc.so.6")
        libc.malloc_trim  # noqa: B018  (musl and others lack it)
    except (OSError, AttributeError):
        return None
    return libc


_LIBC = _load_libc()


@dataclass
class _Progress:
    """Tells how far a long pass over one folder got: not for the last window (the
    pass's own summary follows), and at most every PROGRESS_SECONDS."""

    what: str
    total: int
    say: Callable[[str], None]
    last: float = field(default_factory=time.monotonic)

    def reached(self, done: int) -> None:
        now = time.monotonic()
        if done >= self.total or now - self.last < PROGRESS_SECONDS:
            return
        self.last = now
        self.say(f"{self.what}: {done:,} of {self.total:,} messages read")


def _batches(items: Sequence[MessageSummary], count: int, size: int) -> list[Sequence[int]]:
    """UIDs in batches of at most ``count`` messages and (unless one alone is larger) ``size`` bytes."""
    batches: list[Sequence[int]] = []
    current: list[int] = []
    total = 0
    for item in items:
        if current and (len(current) >= count or total + item.size > size):
            batches.append(current)
            current, total = [], 0
        current.append(item.uid)
        total += item.size
    if current:
        batches.append(current)
    return batches


# ------------------------------------------------------------- entry points


def pass_tasks(account: AccountConfig, config: Config) -> list[PassTask]:
    """The extra work after each pass for this account, in the order it runs."""
    tasks: list[PassTask] = []
    tasks += [LearningFolders()]  # first: the user's corrections, before anything else
    tasks += [ReplyTracking()]  # Sent, then drafts thrown away: before follow-ups are due
    tasks += [FeedbackTracking()]  # answers to the replies reply tracking found
    tasks += [FollowUps()] if config.drafts.feedback_request == "follow_up" else []
    tasks += [Retrain()]  # last: learns from what the tasks above recorded
    return tasks


@dataclass
class Daemon:
    config: Config
    classifier: Classifies
    journal_path: Path
    connect: Callable[[AccountConfig], ImapSession] | None = None
    stop: threading.Event = field(default_factory=threading.Event)
    on_status: Callable[[str, str], None] = lambda account, text: None
    templates: TemplateSet | None = None
    workers: list[AccountWorker] = field(default_factory=list)
    threads: list[threading.Thread] = field(default_factory=list)

    def _connector(self) -> Callable[[AccountConfig], ImapSession]:
        timeout = self.config.daemon.timeout_seconds
        return self.connect or (lambda account: connect_account(account, timeout))

    def _worker(
        self,
        account: AccountConfig,
        journal: Journal,
        *,
        dry_run: bool = False,
        on_status: Callable[[str, str], None] | None = None,
    ) -> AccountWorker:
        return AccountWorker(
            account,
            self.config,
            journal,
            self.classifier,
            self._connector(),
            stop=self.stop,
            dry_run=dry_run,
            on_status=on_status or self.on_status,
            templates=self.templates,
            tasks=pass_tasks(account, self.config),
            adopt_classifier=self.adopt_classifier,
        )

    def adopt_classifier(self, classifier: Classifies) -> None:
        """Every worker uses ``classifier`` from its next pass on (e.g. a new personal model)."""
        self.classifier = classifier
        for worker in self.workers:
            worker.classifier = classifier

    def run_once(self, *, dry_run: bool = False) -> dict[str, PassStats | RejoinderError]:
        """One pass over every account and folder; returns stats or the error per account."""
        results: dict[str, PassStats | RejoinderError] = {}
        with Journal.open(Path(self.journal_path)) as journal:
            for account in self.config.accounts:
                worker = self._worker(account, journal, dry_run=dry_run)
                try:
                    session = worker.session = worker.connect(account)
                    stats = worker.one_pass(session)
                    if not dry_run:
                        journal.pass_finished(account.name, stats.seen, stats.drafts)
                    results[account.name] = stats
                except RejoinderError as exc:  # the caller reports it
                    if not dry_run:
                        journal.pass_failed(account.name, str(exc))
                    results[account.name] = exc
                finally:
                    worker._close()
        return results

    def start(self) -> None:
        """One thread per account, each with its own journal connection and IMAP session."""
        for account in self.config.accounts:
            journal = Journal.open(Path(self.journal_path))
            worker = self._worker(account, journal)
            self.workers.append(worker)
            # Daemon threads: a worker stuck in a network call must not keep the
            # process alive after shutdown gave up waiting for it.
            thread = threading.Thread(
                target=_run_worker, args=(worker,), name=f"account-{account.name}", daemon=True
            )
            thread.start()
            self.threads.append(thread)

    def join(self, timeout: float | None = None) -> bool:
        """Wait for the workers to end; False when some are still running after ``timeout``."""
        deadline = None if timeout is None else time.monotonic() + timeout
        for thread in self.threads:
            thread.join(None if deadline is None else max(0.0, deadline - time.monotonic()))
        return not any(thread.is_alive() for thread in self.threads)

    def run_forever(self) -> None:
        """Watch every account until ``stop`` is set; then log out and return."""
        self.start()
        self.join()

    def healthy(self, stale_after: float, now: float | None = None) -> bool:
        """True while every worker is alive and gave a heartbeat within ``stale_after`` seconds."""
        now = time.monotonic() if now is None else now
        alive = all(thread.is_alive() for thread in self.threads)
        return alive and all(now - worker.heartbeat <= stale_after for worker in self.workers)


def _run_worker(worker: AccountWorker) -> None:
    try:
        worker.run()
    except Exception:  # a bug: say so loudly; the watchdog notices the dead thread
        log.exception("%s: the worker stopped unexpectedly", worker.account.name)
    finally:
        worker.journal.close()


def build_daemon(
    config: Config, journal_path: Path, classifier: Classifies | None = None
) -> Daemon:
    """A daemon with its model and templates loaded (and so checked) up front."""
    return Daemon(
        config=config,
        classifier=classifier or load_classifier_for(config),
        journal_path=journal_path,
        templates=load_templates(),
    )


@dataclass(frozen=True)
class CheckReport:
    account: str
    address: str
    security: str
    capabilities: frozenset[str]
    folders: tuple[str, ...]
    drafts_folder: str
    sent_folder: str | None

    IMPORTANT = ("IDLE", "UIDPLUS", "SPECIAL-USE", "CONDSTORE")


def check_account(account: AccountConfig, timeout: float) -> CheckReport:
    """Connect, log in and look for every folder the account needs; raises on the first failure."""
    with connect_account(account, timeout) as session:
        names = {f.name for f in session.list_folders()}
        for folder in account.folders:
            if folder not in names:
                raise FolderMissingError(
                    f"account {account.name!r}: the folder {folder!r} does not exist on the server",
                    "fix accounts."
                    + account.name
                    + ".folders; existing folders: "
                    + ", ".join(sorted(names)[:20]),
                )
        return CheckReport(
            account=account.name,
            address=f"{account.host}:{account.port}",
            security=account.security,
            capabilities=session.capabilities(),
            folders=account.folders,
            drafts_folder=session.find_drafts_folder(account.drafts_folder),
            sent_folder=session.find_sent_folder(account.sent_folder),
        )
