"""The journal and daemon state: the only module that talks to SQLite.

One database file under ``$XDG_STATE_HOME/rejoinder/``. Its schema version is
SQLite's ``user_version``; ``MIGRATIONS[n]`` takes version n to n+1, and every
migration runs in its own transaction so a crash leaves a consistent version.
WAL mode lets ``rejoinder status``/``journal`` read while the daemon writes.
"""

from __future__ import annotations

import fcntl
import json
import sqlite3
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from rejoinder.daemon.errors import InputError, JournalError
from rejoinder.daemon.paths import ensure_private_dir

MIGRATIONS: tuple[str, ...] = (
    # 0 -> 1: the first schema.
    """
    CREATE TABLE processed (
        account TEXT NOT NULL,
        message_key TEXT NOT NULL,      -- Message-ID, or a hash when it is missing
        source_key TEXT NOT NULL,       -- where it was read (path, path#N, folder;v=;uid=)
        verdict TEXT NOT NULL,          -- rejection / unsure / not_rejection / unparseable
        processed_at TEXT NOT NULL,
        PRIMARY KEY (account, message_key)
    );
    CREATE TABLE entries (
        id INTEGER PRIMARY KEY,
        account TEXT NOT NULL,
        folder TEXT NOT NULL,
        source_key TEXT NOT NULL,
        message_key TEXT NOT NULL,
        message_id TEXT,
        received_at TEXT,
        sender TEXT NOT NULL,
        subject TEXT NOT NULL,
        company TEXT,
        role TEXT,
        stage TEXT,
        verdict TEXT NOT NULL,          -- rejection (drafted) or unsure (for review)
        score REAL NOT NULL,
        model_version TEXT NOT NULL,
        draft_status TEXT NOT NULL,     -- see DraftStatus in pipeline.py
        draft_ref TEXT,
        draft_message_id TEXT,
        draft_location TEXT,
        draft_created_at TEXT,
        created_at TEXT NOT NULL,
        UNIQUE (account, message_key)
    );
    CREATE INDEX entries_received ON entries (received_at);
    CREATE TABLE failures (
        account TEXT NOT NULL,
        source_key TEXT NOT NULL,
        reason TEXT NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 1,
        last_at TEXT NOT NULL,
        PRIMARY KEY (account, source_key)
    );
    """,
    # 1 -> 2: daemon state: one UID cursor per folder, and a health record per account.
    """
    CREATE TABLE cursors (
        account TEXT NOT NULL,
        folder TEXT NOT NULL,
        uidvalidity INTEGER NOT NULL,
        last_uid INTEGER NOT NULL,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (account, folder)
    );
    CREATE TABLE account_status (
        account TEXT PRIMARY KEY,
        last_pass_at TEXT,              -- last pass that completed without error
        last_error TEXT,
        last_error_at TEXT,
        messages_seen INTEGER NOT NULL DEFAULT 0,
        drafts_created INTEGER NOT NULL DEFAULT 0
    );
    """,
    # 2 -> 3: the reflection journal. What happened after the draft (sent, answered with
    # feedback, thrown away), the user's corrections, notes and reminders; reflections and
    # improvements; and corrected labels kept as training examples (text, never raw mail).
    """
    ALTER TABLE entries ADD COLUMN replied_at TEXT;
    ALTER TABLE entries ADD COLUMN reply_message_id TEXT;
    ALTER TABLE entries ADD COLUMN feedback_at TEXT;
    ALTER TABLE entries ADD COLUMN feedback_message_id TEXT;
    ALTER TABLE entries ADD COLUMN draft_discarded_at TEXT;
    ALTER TABLE entries ADD COLUMN not_rejection INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE entries ADD COLUMN corrected_at TEXT;
    ALTER TABLE entries ADD COLUMN notes TEXT;
    ALTER TABLE entries ADD COLUMN remind_at TEXT;
    -- The Sent-folder watcher matches replies by In-Reply-To/References.
    CREATE INDEX entries_message_id ON entries (message_id);
    CREATE INDEX entries_draft_message_id ON entries (draft_message_id);
    CREATE INDEX entries_reply_message_id ON entries (reply_message_id);
    CREATE TABLE reflections (
        id INTEGER PRIMARY KEY,
        entry_id INTEGER NOT NULL REFERENCES entries (id) ON DELETE CASCADE,
        created_at TEXT NOT NULL,
        answers TEXT NOT NULL           -- JSON: stage, touchpoints {key: {rating, note}}, ...
    );
    CREATE INDEX reflections_entry ON reflections (entry_id);
    CREATE TABLE improvements (
        id INTEGER PRIMARY KEY,
        text TEXT NOT NULL,
        entry_id INTEGER REFERENCES entries (id) ON DELETE SET NULL,
        created_at TEXT NOT NULL,
        done_at TEXT
    );
    CREATE TABLE corrections (
        id INTEGER PRIMARY KEY,
        entry_id INTEGER REFERENCES entries (id) ON DELETE SET NULL,
        label TEXT NOT NULL,            -- rejection / not_rejection / position_closed
        stage TEXT,
        text TEXT NOT NULL,             -- subject, blank line, what the sender wrote (no quotes)
        created_at TEXT NOT NULL
    );
    """,
    # 3 -> 4: small named values the daemon keeps between runs, e.g. which corrections
    # the last personal training saw (so it retrains only once enough new ones came in).
    """
    CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL,            -- JSON
        updated_at TEXT NOT NULL
    );
    """,
    # 4 -> 5: delayed feedback requests (feedback_request = "follow_up"). How the first
    # draft was addressed and threaded, so the later draft is written from the journal
    # alone; and the state of that later draft.
    """
    ALTER TABLE entries ADD COLUMN contact_name TEXT;
    ALTER TABLE entries ADD COLUMN draft_to TEXT;       -- JSON [[name, addr], ...]; NULL: no draft
    ALTER TABLE entries ADD COLUMN draft_references TEXT; -- JSON [id, ...], the rejection's id last
    ALTER TABLE entries ADD COLUMN follow_up TEXT;      -- NULL: none planned; see FOLLOW_UP_PENDING
    ALTER TABLE entries ADD COLUMN follow_up_ref TEXT;
    ALTER TABLE entries ADD COLUMN follow_up_message_id TEXT;
    ALTER TABLE entries ADD COLUMN follow_up_location TEXT;
    ALTER TABLE entries ADD COLUMN follow_up_at TEXT;   -- when it was written, or found unneeded
    -- 1 when the reply recorded was the thank-you draft itself: that one still wants the
    -- follow-up; a reply the user wrote otherwise makes it unneeded.
    ALTER TABLE entries ADD COLUMN reply_was_draft INTEGER NOT NULL DEFAULT 0;
    CREATE INDEX entries_follow_up ON entries (follow_up);
    """,
    # 5 -> 6: why a message scored like a rejection was journalled as unsure instead
    # (e.g. a mailing-list post), for the user reviewing it.
    """
    ALTER TABLE entries ADD COLUMN verdict_note TEXT;
    """,
)

SCHEMA_VERSION = len(MIGRATIONS)

STAGES = ("application", "interview", "unknown")
CORRECTION_LABELS = ("rejection", "not_rejection", "position_closed")
# An entry's status: the furthest step it reached, else its draft status (see DraftStatus).
LIFECYCLE_STATUSES = ("not_rejection", "feedback", "replied", "discarded")
# A References header can be long; the newest ids are the ones that can match.
MAX_THREAD_IDS = 50
_KEYS_PER_QUERY = 500  # well under SQLite's limit of host parameters per statement
# An entry's delayed feedback request (feedback_request = "follow_up") is "pending" from
# the first draft until it falls due; then it holds what happened: the draft status of
# the follow-up (created, needs_recipient, found) or why none was needed (see followup.py).
FOLLOW_UP_PENDING = "pending"


@dataclass(frozen=True)
class EntryRecord:
    """What the pipeline records about one rejection (or unsure message)."""

    account: str
    folder: str
    source_key: str
    message_key: str
    message_id: str | None
    received_at: datetime | None
    sender: str
    subject: str
    company: str | None
    role: str | None
    stage: str | None
    verdict: str
    score: float
    model_version: str
    draft_status: str
    draft_ref: str | None = None
    draft_message_id: str | None = None
    draft_location: str | None = None
    contact_name: str | None = None
    # The first draft's recipients as (name, address) pairs (None: no draft was composed)
    # and its References; a later follow-up is addressed and threaded the same way.
    draft_to: tuple[tuple[str, str], ...] | None = None
    draft_references: tuple[str, ...] = ()
    follow_up: str | None = None  # FOLLOW_UP_PENDING when a feedback follow-up is planned
    verdict_note: str | None = None  # why a rejection-like message got no draft (the classifier's)


@dataclass(frozen=True)
class JournalEntry(EntryRecord):
    id: int = 0
    draft_created_at: datetime | None = None
    created_at: datetime | None = None
    replied_at: datetime | None = None
    reply_message_id: str | None = None
    reply_was_draft: bool = False  # the reply recorded is the (thank-you) draft, sent
    feedback_at: datetime | None = None
    feedback_message_id: str | None = None
    draft_discarded_at: datetime | None = None
    not_rejection: bool = False  # the user said this was not a rejection after all
    corrected_at: datetime | None = None
    notes: str | None = None
    remind_at: datetime | None = None
    follow_up_ref: str | None = None
    follow_up_message_id: str | None = None
    follow_up_location: str | None = None
    follow_up_at: datetime | None = None

    @property
    def when(self) -> datetime | None:
        """When the rejection arrived (when it was recorded, if its date is unknown)."""
        return self.received_at or self.created_at

    @property
    def status(self) -> str:
        """The furthest step reached: not_rejection, feedback, replied, discarded, else
        the draft status (created, needs_recipient, found, backfill, none...)."""
        if self.not_rejection:
            return "not_rejection"
        if self.feedback_at:
            return "feedback"
        if self.replied_at:
            return "replied"
        if self.draft_discarded_at:
            return "discarded"
        return self.draft_status

    @property
    def counts_as_rejection(self) -> bool:
        """Whether statistics count it: a confirmed rejection the user has not corrected."""
        return self.verdict == "rejection" and not self.not_rejection


@dataclass(frozen=True)
class Reflection:
    id: int
    entry_id: int
    created_at: datetime
    answers: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Improvement:
    id: int
    text: str
    entry_id: int | None
    created_at: datetime
    done_at: datetime | None = None


@dataclass(frozen=True)
class Correction:
    """A label the user corrected: a training example (derived text, never the raw mail)."""

    id: int
    entry_id: int | None
    label: str
    stage: str | None
    text: str
    created_at: datetime


@dataclass(frozen=True)
class AccountStatus:
    account: str
    last_pass_at: datetime | None
    last_error: str | None
    last_error_at: datetime | None
    messages_seen: int
    drafts_created: int


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def _dt(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def _stamp(when: datetime | None) -> str:
    """An aware timestamp for the database (now when None); naive ones are taken as UTC."""
    if when is None:
        return _now()
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return when.isoformat(timespec="seconds")


def correction_text(subject: str, new_text: str) -> str:
    """What a correction keeps of a message: its subject and what the sender wrote now,
    without quoted history or signature (the classifier's own view of a message)."""
    return f"{subject.strip()}\n\n{new_text.strip()}".strip()


def _no_entry(entry_id: int) -> InputError:
    return InputError(
        f"there is no journal entry {entry_id}", "run 'rejoinder journal' to see the entry ids"
    )


class Journal:
    def __init__(self, connection: sqlite3.Connection, path: Path) -> None:
        self._db = connection
        self.path = path
        self._grouped = False  # inside grouped(): writes join its one transaction

    @classmethod
    def open(cls, path: Path) -> Journal:
        ensure_private_dir(path.parent)
        try:
            # check_same_thread=False: each daemon worker opens its own connection, but may
            # open it in the main thread before handing it to the worker's thread.
            db = sqlite3.connect(path, timeout=30, isolation_level=None, check_same_thread=False)
            db.row_factory = sqlite3.Row
            # In WAL mode NORMAL survives a crash of the process and only risks the last
            # commits on power loss; exactly-once still holds then, because the next pass
            # finds an unrecorded draft by its reference. FULL cost ~1 ms per message.
            db.execute("PRAGMA synchronous=NORMAL")
            db.execute("PRAGMA foreign_keys=ON")
            journal = cls(db, path)
            journal._migrate()
        except (sqlite3.DatabaseError, OSError) as exc:  # OSError: the lock file next to it
            raise JournalError(
                f"cannot open the journal {path} ({exc})",
                "check the disk and the permissions of the file and its folder; if the file is damaged, move it aside to start afresh",
            ) from exc
        return journal

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Journal:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def schema_version(self) -> int:
        return int(self._db.execute("PRAGMA user_version").fetchone()[0])

    def _migrate(self) -> None:
        wal = self._db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        if wal and self.schema_version == SCHEMA_VERSION:
            return
        # Two processes opening a new journal at once (the daemon's first start and a
        # `rejoinder status`) must not both set it up: switching to WAL answers "locked"
        # at once to the loser (SQLite's busy timeout does not cover it), and both would
        # migrate. Hold a lock file meanwhile, and look again once we have it.
        with open(self.path.with_name(self.path.name + ".lock"), "a") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._migrate_locked()

    def _migrate_locked(self) -> None:
        version = self.schema_version
        if version > SCHEMA_VERSION:
            raise JournalError(
                f"the journal {self.path} was written by a newer Rejoinder (schema {version})",
                "upgrade Rejoinder",
            )
        for target in range(version, SCHEMA_VERSION):
            # executescript() commits any open transaction first, so the BEGIN/COMMIT
            # must be inside the script for the migration and the version bump to be atomic.
            script = f"BEGIN IMMEDIATE;\n{MIGRATIONS[target]}\nPRAGMA user_version = {target + 1};\nCOMMIT;"
            try:
                self._db.executescript(script)
            except sqlite3.Error:
                if self._db.in_transaction:
                    self._db.execute("ROLLBACK")
                raise

    @contextmanager
    def grouped(self) -> Iterator[None]:
        """Make the writes inside one transaction: one commit for a batch of messages
        instead of one per message (those commits were a few percent of a first run;
        the journal's statements together, nearly a tenth). A crash loses the
        whole group, which only means reading those messages again: nothing outside
        the journal depends on their records, and a draft written meanwhile is found
        by its reference on the next pass."""
        if self._grouped:
            yield
            return
        with self.transaction():
            self._grouped = True
            try:
                yield
            finally:
                self._grouped = False

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        if self._grouped:  # part of the enclosing group; it commits or rolls back
            yield self._db
            return
        try:
            self._db.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            raise self._write_error(exc) from exc
        try:
            yield self._db
        except BaseException:
            # SQLite may already have rolled back (e.g. on a full disk); a second
            # ROLLBACK would raise and hide the real cause.
            if self._db.in_transaction:
                self._db.execute("ROLLBACK")
            raise
        try:
            self._db.execute("COMMIT")
        except sqlite3.OperationalError as exc:
            if self._db.in_transaction:
                self._db.execute("ROLLBACK")
            raise self._write_error(exc) from exc

    def _write_error(self, exc: sqlite3.Error) -> JournalError:
        return JournalError(
            f"cannot write the journal {self.path} ({exc})",
            "free disk space or fix the directory's permissions; processing stopped, and a draft written just before is found and recorded on the next run",
        )

    # ------------------------------------------------------------ processing

    def is_processed(self, account: str, message_key: str) -> bool:
        row = self._db.execute(
            "SELECT 1 FROM processed WHERE account = ? AND message_key = ?", (account, message_key)
        ).fetchone()
        return row is not None

    def has_processed(self, account: str) -> bool:
        """Whether any message of the account was processed (false before its first pass)."""
        row = self._db.execute("SELECT 1 FROM processed WHERE account = ? LIMIT 1", (account,))
        return row.fetchone() is not None

    def processed_among(self, account: str, message_keys: Iterable[str]) -> set[str]:
        """Which of these messages were processed (one query per few hundred)."""
        keys = list(dict.fromkeys(message_keys))
        found: set[str] = set()
        for start in range(0, len(keys), _KEYS_PER_QUERY):
            chunk = keys[start : start + _KEYS_PER_QUERY]
            marks = ", ".join("?" * len(chunk))
            rows = self._db.execute(
                f"SELECT message_key FROM processed WHERE account = ? AND message_key IN ({marks})",  # noqa: S608 (only placeholders)
                (account, *chunk),
            )
            found.update(row[0] for row in rows)
        return found

    def record(
        self,
        account: str,
        message_key: str,
        source_key: str,
        verdict: str,
        entry: EntryRecord | None,
    ) -> None:
        """Mark a message processed and, for rejections, add its entry — in one transaction."""
        now = _now()
        try:
            with self.transaction() as db:
                db.execute(
                    "INSERT OR REPLACE INTO processed VALUES (?, ?, ?, ?, ?)",
                    (account, message_key, source_key, verdict, now),
                )
                db.execute(
                    "DELETE FROM failures WHERE account = ? AND source_key = ?",
                    (account, source_key),
                )
                if entry is not None:
                    self._insert_entry(db, entry, now)
        except sqlite3.Error as exc:
            raise self._write_error(exc) from exc

    @staticmethod
    def _insert_entry(db: sqlite3.Connection, e: EntryRecord, now: str) -> None:
        db.execute(
            """INSERT OR IGNORE INTO entries (account, folder, source_key, message_key, message_id,
                received_at, sender, subject, company, role, stage, verdict, score, model_version,
                draft_status, draft_ref, draft_message_id, draft_location, draft_created_at,
                created_at, contact_name, draft_to, draft_references, follow_up, verdict_note)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            (
                e.account, e.folder, e.source_key, e.message_key, e.message_id,
                _iso(e.received_at), e.sender, e.subject, e.company, e.role, e.stage, e.verdict,
                e.score, e.model_version, e.draft_status, e.draft_ref, e.draft_message_id,
                e.draft_location, now if e.draft_location else None, now, e.contact_name,
                None if e.draft_to is None else json.dumps([list(pair) for pair in e.draft_to]),
                json.dumps(list(e.draft_references)), e.follow_up, e.verdict_note,
            ),
        )  # fmt: skip

    def record_failure(self, account: str, source_key: str, reason: str) -> int:
        """Remember an unparseable or crashing message; returns how often it has failed."""
        now = _now()
        try:
            with self.transaction() as db:
                db.execute(
                    """INSERT INTO failures VALUES (?, ?, ?, 1, ?)
                       ON CONFLICT (account, source_key)
                       DO UPDATE SET attempts = attempts + 1, reason = excluded.reason,
                                     last_at = excluded.last_at""",
                    (account, source_key, reason, now),
                )
                row = db.execute(
                    "SELECT attempts FROM failures WHERE account = ? AND source_key = ?",
                    (account, source_key),
                ).fetchone()
        except sqlite3.Error as exc:
            raise self._write_error(exc) from exc
        return int(row[0])

    def failure_attempts(self, account: str, source_key: str) -> int:
        row = self._db.execute(
            "SELECT attempts FROM failures WHERE account = ? AND source_key = ?",
            (account, source_key),
        ).fetchone()
        return int(row[0]) if row else 0

    # ------------------------------------------------------------ daemon state

    def cursor(self, account: str, folder: str) -> tuple[int, int] | None:
        """(UIDVALIDITY, last UID processed) of a folder, or None before its first pass."""
        row = self._db.execute(
            "SELECT uidvalidity, last_uid FROM cursors WHERE account = ? AND folder = ?",
            (account, folder),
        ).fetchone()
        return (int(row[0]), int(row[1])) if row else None

    def set_cursor(self, account: str, folder: str, uidvalidity: int, last_uid: int) -> None:
        with self.transaction() as db:
            db.execute(
                """INSERT INTO cursors VALUES (?, ?, ?, ?, ?)
                   ON CONFLICT (account, folder) DO UPDATE SET uidvalidity = excluded.uidvalidity,
                       last_uid = excluded.last_uid, updated_at = excluded.updated_at""",
                (account, folder, uidvalidity, last_uid, _now()),
            )

    def pass_finished(self, account: str, seen: int, drafts: int) -> None:
        with self.transaction() as db:
            db.execute(
                """INSERT INTO account_status (account, last_pass_at, messages_seen, drafts_created)
                   VALUES (?, ?, ?, ?)
                   ON CONFLICT (account) DO UPDATE SET last_pass_at = excluded.last_pass_at,
                       messages_seen = messages_seen + excluded.messages_seen,
                       drafts_created = drafts_created + excluded.drafts_created""",
                (account, _now(), seen, drafts),
            )

    def pass_failed(self, account: str, error: str) -> None:
        with self.transaction() as db:
            db.execute(
                """INSERT INTO account_status (account, last_error, last_error_at) VALUES (?, ?, ?)
                   ON CONFLICT (account) DO UPDATE SET last_error = excluded.last_error,
                       last_error_at = excluded.last_error_at""",
                (account, error, _now()),
            )

    def account_statuses(self) -> list[AccountStatus]:
        rows = self._db.execute("SELECT * FROM account_status ORDER BY account")
        return [
            AccountStatus(
                account=row["account"],
                last_pass_at=_dt(row["last_pass_at"]),
                last_error=row["last_error"],
                last_error_at=_dt(row["last_error_at"]),
                messages_seen=row["messages_seen"],
                drafts_created=row["drafts_created"],
            )
            for row in rows
        ]

    # ------------------------------------------------------------- reading

    def entries(
        self,
        *,
        since: datetime | None = None,
        stage: str | None = None,
        company: str | None = None,
        status: str | None = None,
        verdict: str | None = None,
        limit: int | None = None,
    ) -> list[JournalEntry]:
        """Entries, most recent first, optionally filtered.

        ``status`` matches ``JournalEntry.status`` (the value ``rejoinder journal``
        shows), so "created" leaves out drafts the user has since sent.
        """
        where: list[str] = []
        args: list[Any] = []
        # julianday(): dates carry the sender's UTC offset, so text order is not time order.
        if since:
            where.append("julianday(COALESCE(received_at, created_at)) >= julianday(?)")
            args.append(since.isoformat())
        if stage:
            where.append("stage = ?")
            args.append(stage)
        if company:
            where.append("company LIKE ?")
            args.append(f"%{company}%")
        if verdict:
            where.append("verdict = ?")
            args.append(verdict)
        sql = "SELECT * FROM entries"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY julianday(COALESCE(received_at, created_at)) DESC, id DESC"
        found = [_entry(row) for row in self._db.execute(sql, args)]
        if status:
            found = [e for e in found if e.status == status]
        return found[:limit] if limit else found

    def entry(self, entry_id: int) -> JournalEntry | None:
        row = self._db.execute("SELECT * FROM entries WHERE id = ?", (entry_id,)).fetchone()
        return _entry(row) if row else None

    def require_entry(self, entry_id: int) -> JournalEntry:
        """The entry, or an InputError naming the id (for ids typed by the user)."""
        found = self.entry(entry_id)
        if found is None:
            raise _no_entry(entry_id)
        return found

    def processed_count(self, account: str) -> int:
        """How many of the account's messages are recorded as processed."""
        row = self._db.execute("SELECT COUNT(*) FROM processed WHERE account = ?", (account,))
        return int(row.fetchone()[0])

    def counts(self) -> dict[str, int]:
        rows = self._db.execute("SELECT verdict, COUNT(*) FROM processed GROUP BY verdict")
        return {str(verdict): int(n) for verdict, n in rows}

    def failures(self, account: str | None = None) -> Sequence[tuple[str, str, str, int]]:
        sql = "SELECT account, source_key, reason, attempts FROM failures"
        rows = self._db.execute(
            sql + (" WHERE account = ?" if account else ""), (account,) if account else ()
        )
        return [(str(a), str(s), str(r), int(n)) for a, s, r, n in rows]

    def find_entry_by_message_ids(self, ids: Iterable[str]) -> JournalEntry | None:
        """The entry a message in the same thread belongs to, or None.

        Give the thread's ids in order of preference: In-Reply-To first, then
        References newest first. An id matches the rejection itself, the draft
        Rejoinder wrote (a sent draft often keeps its Message-ID) or the reply
        the user sent (feedback arrives as an answer to it). The entry matched by
        the earliest id in ``ids`` wins.
        """
        wanted = list(dict.fromkeys(i.strip() for i in ids if i and i.strip()))[:MAX_THREAD_IDS]
        if not wanted:
            return None
        marks = ", ".join("?" * len(wanted))
        rows = self._db.execute(
            f"""SELECT * FROM entries WHERE message_id IN ({marks})
                OR draft_message_id IN ({marks}) OR reply_message_id IN ({marks})""",  # noqa: S608 (placeholders only)
            wanted * 3,
        ).fetchall()
        if not rows:
            return None
        rank = {message_id: n for n, message_id in enumerate(wanted)}

        def best_match(row: sqlite3.Row) -> tuple[int, int]:
            ids_of_row = (row["message_id"], row["draft_message_id"], row["reply_message_id"])
            return (min(rank.get(i, len(rank)) for i in ids_of_row), -int(row["id"]))

        return _entry(min(rows, key=best_match))

    def unreflected_entry(self) -> JournalEntry | None:
        """The most recent counted rejection that has no reflection yet."""
        row = self._db.execute(
            """SELECT * FROM entries e WHERE verdict = 'rejection' AND not_rejection = 0
               AND NOT EXISTS (SELECT 1 FROM reflections r WHERE r.entry_id = e.id)
               ORDER BY julianday(COALESCE(received_at, created_at)) DESC, id DESC LIMIT 1"""
        ).fetchone()
        return _entry(row) if row else None

    def reflections(self, entry_id: int | None = None) -> list[Reflection]:
        """Reflections, oldest first (of one entry, or all)."""
        sql = "SELECT * FROM reflections"
        args: tuple[int, ...] = ()
        if entry_id is not None:
            sql, args = sql + " WHERE entry_id = ?", (entry_id,)
        rows = self._db.execute(sql + " ORDER BY created_at, id", args)
        return [
            Reflection(
                id=row["id"],
                entry_id=row["entry_id"],
                created_at=_required_dt(row["created_at"]),
                answers=_answers(row["answers"]),
            )
            for row in rows
        ]

    def improvements(self, *, open_only: bool = False) -> list[Improvement]:
        """Improvements, oldest first; ``open_only`` leaves out the ones marked done."""
        sql = "SELECT * FROM improvements"
        if open_only:
            sql += " WHERE done_at IS NULL"
        rows = self._db.execute(sql + " ORDER BY created_at, id")
        return [
            Improvement(
                id=row["id"],
                text=row["text"],
                entry_id=row["entry_id"],
                created_at=_required_dt(row["created_at"]),
                done_at=_dt(row["done_at"]),
            )
            for row in rows
        ]

    def corrections(self) -> list[Correction]:
        rows = self._db.execute("SELECT * FROM corrections ORDER BY created_at, id")
        return [
            Correction(
                id=row["id"],
                entry_id=row["entry_id"],
                label=row["label"],
                stage=row["stage"],
                text=row["text"],
                created_at=_required_dt(row["created_at"]),
            )
            for row in rows
        ]

    def corrections_after(self, correction_id: int) -> list[Correction]:
        """Corrections added after the one with this id (0: all), oldest first. Ids only
        grow, so this is "new since" without trusting the clock."""
        return [c for c in self.corrections() if c.id > correction_id]

    def setting(self, key: str) -> Any:
        """A value stored with ``set_setting`` (None when it was never set)."""
        row = self._db.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
        return json.loads(row["value"]) if row else None

    def export_rows(self) -> list[dict[str, Any]]:
        """Every entry, oldest first, as JSON-ready values with its latest reflection
        (or None) and the improvements it led to."""
        reflections = {r.entry_id: r for r in self.reflections()}  # later ones win
        improvements: dict[int, list[Improvement]] = {}
        for item in self.improvements():
            if item.entry_id is not None:
                improvements.setdefault(item.entry_id, []).append(item)
        rows = []
        for e in reversed(self.entries()):
            reflection = reflections.get(e.id)
            rows.append(
                {
                    "id": e.id,
                    "received_at": _iso(e.received_at),
                    "message_id": e.message_id,
                    "sender": e.sender,
                    "subject": e.subject,
                    "company": e.company,
                    "role": e.role,
                    "stage": e.stage,
                    "verdict": e.verdict,
                    "score": e.score,
                    "draft_status": e.draft_status,
                    "status": e.status,
                    "replied_at": _iso(e.replied_at),
                    "feedback_at": _iso(e.feedback_at),
                    "draft_discarded_at": _iso(e.draft_discarded_at),
                    "not_rejection": e.not_rejection,
                    "remind_at": _iso(e.remind_at),
                    "notes": e.notes,
                    "reflection": reflection.answers if reflection else None,
                    "improvements": [
                        {"text": i.text, "done_at": _iso(i.done_at)}
                        for i in improvements.get(e.id, [])
                    ],
                }
            )
        return rows

    # ---------------------------------------------------------- after the draft

    def entries_in_threads(
        self, message_ids: Iterable[str], refs: Iterable[str] = ()
    ) -> list[JournalEntry]:
        """Every entry a message naming these ids can belong to, oldest first: those whose
        rejection, draft, follow-up or recorded reply has one of ``message_ids`` as its
        Message-ID, or whose draft or follow-up carries one of ``refs`` (X-Rejoinder-Ref).
        Any number of ids: they are looked up in chunks, below SQLite's variable limit."""
        ids = list(dict.fromkeys(i.strip() for i in message_ids if i and i.strip()))
        wanted = list(dict.fromkeys(r.strip() for r in refs if r and r.strip()))
        chunk = 200  # four columns each: well below the oldest SQLite's 999 variables
        found: dict[int, JournalEntry] = {}
        for start in range(0, len(ids), chunk):
            part = ids[start : start + chunk]
            marks = ", ".join("?" * len(part))
            rows = self._db.execute(
                f"""SELECT * FROM entries WHERE message_id IN ({marks})
                    OR draft_message_id IN ({marks}) OR reply_message_id IN ({marks})
                    OR follow_up_message_id IN ({marks})""",  # noqa: S608 (placeholders only)
                part * 4,
            )
            found.update((row["id"], _entry(row)) for row in rows)
        for start in range(0, len(wanted), chunk):
            part = wanted[start : start + chunk]
            marks = ", ".join("?" * len(part))
            rows = self._db.execute(
                f"SELECT * FROM entries WHERE draft_ref IN ({marks}) OR follow_up_ref IN ({marks})",  # noqa: S608 (placeholders only)
                part * 2,
            )
            found.update((row["id"], _entry(row)) for row in rows)
        return [found[key] for key in sorted(found)]

    def entries_with_open_drafts(self, account: str) -> list[JournalEntry]:
        """The account's entries whose draft is in the mailbox with nothing known to have
        become of it yet: not sent, not discarded, no feedback. Oldest first."""
        rows = self._db.execute(
            """SELECT * FROM entries WHERE account = ? AND draft_ref IS NOT NULL
               AND draft_message_id IS NOT NULL AND replied_at IS NULL
               AND draft_discarded_at IS NULL AND feedback_at IS NULL ORDER BY id""",
            (account,),
        )
        return [_entry(row) for row in rows]

    def entries_awaiting_feedback(self) -> list[JournalEntry]:
        """Entries the user replied to that have no feedback recorded yet, oldest first."""
        rows = self._db.execute(
            "SELECT * FROM entries WHERE replied_at IS NOT NULL AND feedback_at IS NULL ORDER BY id"
        )
        return [_entry(row) for row in rows]

    def mark_replied(
        self, entry_id: int, when: datetime, message_id: str | None, *, was_draft: bool = False
    ) -> bool:
        """Record that the user replied (the Sent-folder watcher found the reply);
        ``was_draft``: the reply is the entry's first draft, sent.

        The first reply counts; returns False when one was already recorded.
        """
        values = {
            "replied_at": _stamp(when),
            "reply_message_id": message_id,
            "reply_was_draft": int(was_draft),
        }
        return self._set_once(entry_id, "replied_at", values)

    def mark_feedback(self, entry_id: int, when: datetime, message_id: str | None) -> bool:
        """Record that the employer answered the reply (with feedback, we hope).

        The first answer counts; returns False when one was already recorded.
        """
        return self._set_once(
            entry_id,
            "feedback_at",
            {"feedback_at": _stamp(when), "feedback_message_id": message_id},
        )

    def mark_discarded(self, entry_id: int, when: datetime) -> bool:
        """Record that the draft was deleted unsent; returns False if already recorded."""
        return self._set_once(entry_id, "draft_discarded_at", {"draft_discarded_at": _stamp(when)})

    # ---------------------------------------------------------- the user's word

    def edit(
        self,
        entry_id: int,
        *,
        company: str | None = None,
        role: str | None = None,
        stage: str | None = None,
        text: str | None = None,
        when: datetime | None = None,
    ) -> JournalEntry:
        """Correct what the extractors found. None leaves a field as it is; "" clears it.

        A corrected stage is also kept as a training example (``text``: see
        ``correction_text``; the subject when the message cannot be read again).
        """
        if stage is not None and stage not in STAGES:
            raise ValueError(f"stage must be one of {', '.join(STAGES)}, not {stage!r}")
        current = self.require_entry(entry_id)
        changes = {
            column: value.strip() or None
            for column, value in (("company", company), ("role", role), ("stage", stage))
            if value is not None
        }
        if not changes:
            return current
        stamp = _stamp(when)
        with self._writing() as db:
            sets = ", ".join(f"{column} = ?" for column in changes)
            db.execute(
                f"UPDATE entries SET {sets}, corrected_at = ? WHERE id = ?",  # noqa: S608 (fixed column names)
                (*changes.values(), stamp, entry_id),
            )
            if stage is not None and stage != current.stage:
                self._add_correction(
                    db, entry_id, "rejection", stage, text or current.subject, stamp
                )
        return self.require_entry(entry_id)

    def mark_not_rejection(
        self, entry_id: int, *, text: str | None = None, when: datetime | None = None
    ) -> bool:
        """The user says this was not a rejection: statistics leave it out from now on and
        it is kept as a labelled example for retraining. False when already marked."""
        current = self.require_entry(entry_id)
        if current.not_rejection:
            return False
        stamp = _stamp(when)
        with self._writing() as db:
            db.execute(
                "UPDATE entries SET not_rejection = 1, corrected_at = ? WHERE id = ?",
                (stamp, entry_id),
            )
            self._add_correction(
                db, entry_id, "not_rejection", None, text or current.subject, stamp
            )
        return True

    def entry_for_message(self, account: str, message_key: str) -> JournalEntry | None:
        """The account's entry for this message identity (see ``message_identity``), or None."""
        row = self._db.execute(
            "SELECT * FROM entries WHERE account = ? AND message_key = ?", (account, message_key)
        ).fetchone()
        return _entry(row) if row else None

    def processed_verdict(self, account: str, message_key: str) -> str | None:
        """What the message was taken for when it was processed (None: not processed)."""
        row = self._db.execute(
            "SELECT verdict FROM processed WHERE account = ? AND message_key = ?",
            (account, message_key),
        ).fetchone()
        return str(row[0]) if row else None

    def learn_rejection(
        self, entry: EntryRecord, text: str, *, when: datetime | None = None
    ) -> tuple[int, int | None]:
        """The user says this message is a rejection (it went into the missed-rejections
        folder). In one transaction: it is processed as a rejection; its entry is added, or
        the existing one (unsure, position closed, or marked not a rejection) becomes a
        counted rejection with the draft just handled; and ``text`` is kept as a labelled
        example (unless the very same one is). Returns (entry id, correction id or None).
        The entry's original place, score and model version stay as they were."""
        stamp = _stamp(when)
        with self._writing() as db:
            db.execute(
                """INSERT INTO processed VALUES (?, ?, ?, 'rejection', ?)
                   ON CONFLICT (account, message_key) DO UPDATE SET verdict = 'rejection',
                       processed_at = excluded.processed_at""",
                (entry.account, entry.message_key, entry.source_key, stamp),
            )
            found = db.execute(
                "SELECT id FROM entries WHERE account = ? AND message_key = ?",
                (entry.account, entry.message_key),
            ).fetchone()
            if found is None:
                self._insert_entry(db, entry, stamp)
            else:
                self._promote_entry(db, int(found[0]), entry, stamp)
            entry_id = int(
                db.execute(
                    "SELECT id FROM entries WHERE account = ? AND message_key = ?",
                    (entry.account, entry.message_key),
                ).fetchone()[0]
            )
            correction = None
            duplicate = db.execute(
                "SELECT 1 FROM corrections WHERE label = 'rejection' AND stage IS NULL AND text = ?",
                (text,),
            ).fetchone()
            if text.strip() and not duplicate:
                cursor = self._add_correction(db, entry_id, "rejection", None, text, stamp)
                correction = int(cursor.lastrowid or 0)
        return entry_id, correction

    @staticmethod
    def _promote_entry(db: sqlite3.Connection, entry_id: int, e: EntryRecord, stamp: str) -> None:
        """An existing entry becomes a counted rejection; what the user edited is kept."""
        db.execute(
            """UPDATE entries SET verdict = 'rejection', not_rejection = 0, corrected_at = ?,
                   stage = COALESCE(stage, ?), company = COALESCE(company, ?),
                   role = COALESCE(role, ?)
               WHERE id = ?""",
            (stamp, e.stage, e.company, e.role, entry_id),
        )
        if e.draft_ref is not None:  # a draft was written (or found): it is the entry's now
            db.execute(
                """UPDATE entries SET draft_status = ?, draft_ref = ?, draft_message_id = ?,
                       draft_location = COALESCE(?, draft_location),
                       draft_created_at = COALESCE(?, draft_created_at), draft_discarded_at = NULL,
                       contact_name = COALESCE(contact_name, ?), draft_to = ?,
                       draft_references = ?, follow_up = COALESCE(follow_up, ?)
                   WHERE id = ?""",
                (
                    e.draft_status, e.draft_ref, e.draft_message_id, e.draft_location,
                    stamp if e.draft_location else None, e.contact_name,
                    None if e.draft_to is None else json.dumps([list(pair) for pair in e.draft_to]),
                    json.dumps(list(e.draft_references)), e.follow_up, entry_id,
                ),
            )  # fmt: skip
        else:  # older than the drafting window
            db.execute(
                "UPDATE entries SET draft_status = ? WHERE id = ? AND draft_ref IS NULL",
                (e.draft_status, entry_id),
            )

    def add_correction(
        self,
        label: str,
        stage: str | None,
        text: str,
        *,
        entry_id: int | None = None,
        when: datetime | None = None,
    ) -> int | None:
        """Keep a labelled training example (``text``: see ``correction_text``), e.g. from
        ``rejoinder label``. Returns its id, or None when the very same example (label,
        stage and text) is already kept: labelling a file twice must not double its weight.
        """
        if label not in CORRECTION_LABELS:
            raise ValueError(f"label must be one of {', '.join(CORRECTION_LABELS)}, not {label!r}")
        if stage is not None and stage not in STAGES:
            raise ValueError(f"stage must be one of {', '.join(STAGES)}, not {stage!r}")
        if not text.strip():
            raise InputError("the example has no text", "label a message with a subject or body")
        if entry_id is not None:
            self.require_entry(entry_id)
        with self._writing() as db:
            if db.execute(
                "SELECT 1 FROM corrections WHERE label = ? AND stage IS ? AND text = ?",
                (label, stage, text),
            ).fetchone():
                return None
            cursor = self._add_correction(db, entry_id, label, stage, text, _stamp(when))
        return int(cursor.lastrowid or 0)

    def pending_follow_ups(self, account: str) -> list[JournalEntry]:
        """The account's entries whose feedback follow-up is still pending, oldest first."""
        rows = self._db.execute(
            """SELECT * FROM entries WHERE account = ? AND follow_up = ?
               ORDER BY julianday(COALESCE(received_at, created_at)), id""",
            (account, FOLLOW_UP_PENDING),
        )
        return [_entry(row) for row in rows]

    def settle_follow_up(
        self,
        entry_id: int,
        outcome: str,
        when: datetime,
        *,
        ref: str | None = None,
        message_id: str | None = None,
        location: str | None = None,
    ) -> bool:
        """Record what became of a pending follow-up: the draft written (its reference,
        Message-ID and location) or why none was needed. One transaction; False when the
        follow-up was not pending (any more), which leaves the entry as it was."""
        if outcome == FOLLOW_UP_PENDING:
            raise ValueError("a follow-up is settled with its outcome, not 'pending'")
        with self._writing() as db:
            updated = db.execute(
                """UPDATE entries SET follow_up = ?, follow_up_ref = ?, follow_up_message_id = ?,
                       follow_up_location = ?, follow_up_at = ?
                   WHERE id = ? AND follow_up = ?""",
                (outcome, ref, message_id, location, _stamp(when), entry_id, FOLLOW_UP_PENDING),
            ).rowcount
        return bool(updated)

    def set_setting(self, key: str, value: Any, when: datetime | None = None) -> None:
        """Store a JSON-serialisable value under ``key`` (replacing the old one)."""
        with self._writing() as db:
            db.execute(
                """INSERT INTO settings VALUES (?, ?, ?) ON CONFLICT (key)
                   DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at""",
                (key, json.dumps(value, ensure_ascii=False, sort_keys=True), _stamp(when)),
            )

    def add_note(self, entry_id: int, text: str, when: datetime | None = None) -> None:
        """Append a dated line to the entry's notes."""
        note = " ".join(text.split())
        if not note:
            raise InputError("the note is empty", "write the note after the entry id")
        line = f"{_stamp(when)[:10]}: {note}"
        self._update(
            entry_id,
            "UPDATE entries SET notes = COALESCE(notes || char(10), '') || ? WHERE id = ?",
            (line, entry_id),
        )

    def set_reminder(self, entry_id: int, when: datetime | None) -> None:
        """Remind the user about this entry at ``when`` (None removes the reminder)."""
        self._update(
            entry_id,
            "UPDATE entries SET remind_at = ? WHERE id = ?",
            (_stamp(when) if when else None, entry_id),
        )

    def add_reflection(
        self,
        entry_id: int,
        answers: Mapping[str, Any],
        *,
        improvement: str | None = None,
        when: datetime | None = None,
    ) -> int:
        """Store a reflection (and the improvement it chose) in one transaction; its id."""
        self.require_entry(entry_id)
        stamp = _stamp(when)
        with self._writing() as db:
            cursor = db.execute(
                "INSERT INTO reflections (entry_id, created_at, answers) VALUES (?, ?, ?)",
                (entry_id, stamp, json.dumps(dict(answers), ensure_ascii=False, sort_keys=True)),
            )
            if improvement and improvement.strip():
                db.execute(
                    "INSERT INTO improvements (text, entry_id, created_at) VALUES (?, ?, ?)",
                    (improvement.strip(), entry_id, stamp),
                )
        return int(cursor.lastrowid or 0)

    def add_improvement(
        self, text: str, entry_id: int | None = None, when: datetime | None = None
    ) -> int:
        if not text.strip():
            raise InputError("the improvement is empty", "say what you will work on")
        if entry_id is not None:
            self.require_entry(entry_id)
        with self._writing() as db:
            cursor = db.execute(
                "INSERT INTO improvements (text, entry_id, created_at) VALUES (?, ?, ?)",
                (text.strip(), entry_id, _stamp(when)),
            )
        return int(cursor.lastrowid or 0)

    def complete_improvement(self, improvement_id: int, when: datetime | None = None) -> bool:
        """Mark an improvement done; False when it already was."""
        with self._writing() as db:
            row = db.execute(
                "SELECT done_at FROM improvements WHERE id = ?", (improvement_id,)
            ).fetchone()
            if row is None:
                raise InputError(
                    f"there is no improvement {improvement_id}",
                    "run 'rejoinder stats' to see the open improvements and their ids",
                )
            if row["done_at"] is not None:
                return False
            db.execute(
                "UPDATE improvements SET done_at = ? WHERE id = ?", (_stamp(when), improvement_id)
            )
        return True

    # ---------------------------------------------------------- write helpers

    @contextmanager
    def _writing(self) -> Iterator[sqlite3.Connection]:
        """A transaction whose SQLite errors become one JournalError."""
        try:
            with self.transaction() as db:
                yield db
        except sqlite3.Error as exc:
            raise self._write_error(exc) from exc

    def _update(self, entry_id: int, sql: str, args: Sequence[Any]) -> None:
        with self._writing() as db:
            if db.execute(sql, args).rowcount == 0:
                raise _no_entry(entry_id)

    def _set_once(self, entry_id: int, marker: str, values: Mapping[str, Any]) -> bool:
        """Set columns unless ``marker`` is already set: True when they were set."""
        sets = ", ".join(f"{column} = ?" for column in values)
        with self._writing() as db:
            updated = db.execute(
                f"UPDATE entries SET {sets} WHERE id = ? AND {marker} IS NULL",  # noqa: S608 (fixed column names)
                (*values.values(), entry_id),
            ).rowcount
            if (
                not updated
                and db.execute("SELECT 1 FROM entries WHERE id = ?", (entry_id,)).fetchone() is None
            ):
                raise _no_entry(entry_id)
        return bool(updated)

    @staticmethod
    def _add_correction(
        db: sqlite3.Connection,
        entry_id: int | None,
        label: str,
        stage: str | None,
        text: str,
        stamp: str,
    ) -> sqlite3.Cursor:
        return db.execute(
            """INSERT INTO corrections (entry_id, label, stage, text, created_at)
               VALUES (?, ?, ?, ?, ?)""",
            (entry_id, label, stage, text, stamp),
        )


def _required_dt(value: str) -> datetime:
    return datetime.fromisoformat(value)


def _answers(text: str) -> dict[str, Any]:
    try:
        value = json.loads(text)
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def _entry(row: sqlite3.Row) -> JournalEntry:
    return JournalEntry(
        id=row["id"],
        account=row["account"],
        folder=row["folder"],
        source_key=row["source_key"],
        message_key=row["message_key"],
        message_id=row["message_id"],
        received_at=_dt(row["received_at"]),
        sender=row["sender"],
        subject=row["subject"],
        company=row["company"],
        role=row["role"],
        stage=row["stage"],
        verdict=row["verdict"],
        score=row["score"],
        model_version=row["model_version"],
        draft_status=row["draft_status"],
        draft_ref=row["draft_ref"],
        draft_message_id=row["draft_message_id"],
        draft_location=row["draft_location"],
        draft_created_at=_dt(row["draft_created_at"]),
        created_at=_dt(row["created_at"]),
        replied_at=_dt(row["replied_at"]),
        reply_message_id=row["reply_message_id"],
        reply_was_draft=bool(row["reply_was_draft"]),
        feedback_at=_dt(row["feedback_at"]),
        feedback_message_id=row["feedback_message_id"],
        draft_discarded_at=_dt(row["draft_discarded_at"]),
        not_rejection=bool(row["not_rejection"]),
        corrected_at=_dt(row["corrected_at"]),
        notes=row["notes"],
        remind_at=_dt(row["remind_at"]),
        contact_name=row["contact_name"],
        draft_to=_pairs(row["draft_to"]),
        draft_references=tuple(_strings(row["draft_references"])),
        follow_up=row["follow_up"],
        follow_up_ref=row["follow_up_ref"],
        follow_up_message_id=row["follow_up_message_id"],
        follow_up_location=row["follow_up_location"],
        follow_up_at=_dt(row["follow_up_at"]),
        verdict_note=row["verdict_note"],
    )


def _json_list(text: str | None) -> list[Any] | None:
    if text is None:
        return None
    try:
        value = json.loads(text)
    except ValueError:
        return None
    return value if isinstance(value, list) else None


def _strings(text: str | None) -> list[str]:
    return [item for item in _json_list(text) or [] if isinstance(item, str)]


def _pairs(text: str | None) -> tuple[tuple[str, str], ...] | None:
    items = _json_list(text)
    if items is None:
        return None
    return tuple(
        (str(item[0]), str(item[1])) for item in items if isinstance(item, list) and len(item) == 2
    )
