"""The journal and daemon state: the only module that talks to SQLite.

One database file under ``$XDG_STATE_HOME/rejoinder/``. Its schema version is
SQLite's ``user_version``; ``MIGRATIONS[n]`` takes version n to n+1, and every
migration runs in its own transaction so a crash leaves a consistent version.
WAL mode lets ``rejoinder status``/``journal`` read while the daemon writes.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from rejoinder.daemon.errors import JournalError
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
)

SCHEMA_VERSION = len(MIGRATIONS)


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


@dataclass(frozen=True)
class JournalEntry(EntryRecord):
    id: int = 0
    draft_created_at: datetime | None = None
    created_at: datetime | None = None


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def _dt(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


class Journal:
    def __init__(self, connection: sqlite3.Connection, path: Path) -> None:
        self._db = connection
        self.path = path

    @classmethod
    def open(cls, path: Path) -> Journal:
        ensure_private_dir(path.parent)
        try:
            db = sqlite3.connect(path, timeout=30, isolation_level=None)
            db.row_factory = sqlite3.Row
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA foreign_keys=ON")
            journal = cls(db, path)
            journal._migrate()
        except sqlite3.DatabaseError as exc:
            raise JournalError(
                f"cannot open the journal {path} ({exc})",
                "check the disk and the file's permissions; move the file aside to start afresh",
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
    def transaction(self) -> Iterator[sqlite3.Connection]:
        try:
            self._db.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            raise self._write_error(exc) from exc
        try:
            yield self._db
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        try:
            self._db.execute("COMMIT")
        except sqlite3.OperationalError as exc:
            self._db.execute("ROLLBACK")
            raise self._write_error(exc) from exc

    def _write_error(self, exc: sqlite3.Error) -> JournalError:
        return JournalError(
            f"cannot write the journal {self.path} ({exc})",
            "free disk space or fix the directory's permissions; nothing was drafted that is not recorded",
        )

    # ------------------------------------------------------------ processing

    def is_processed(self, account: str, message_key: str) -> bool:
        row = self._db.execute(
            "SELECT 1 FROM processed WHERE account = ? AND message_key = ?", (account, message_key)
        ).fetchone()
        return row is not None

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
                created_at)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            (
                e.account, e.folder, e.source_key, e.message_key, e.message_id,
                _iso(e.received_at), e.sender, e.subject, e.company, e.role, e.stage, e.verdict,
                e.score, e.model_version, e.draft_status, e.draft_ref, e.draft_message_id,
                e.draft_location, now if e.draft_location else None, now,
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

    # ------------------------------------------------------------- reading

    def entries(
        self,
        *,
        since: datetime | None = None,
        stage: str | None = None,
        company: str | None = None,
        status: str | None = None,
        limit: int | None = None,
    ) -> list[JournalEntry]:
        """Entries, most recent first, optionally filtered."""
        where: list[str] = []
        args: list[Any] = []
        if since:
            where.append("COALESCE(received_at, created_at) >= ?")
            args.append(since.isoformat())
        if stage:
            where.append("stage = ?")
            args.append(stage)
        if company:
            where.append("company LIKE ?")
            args.append(f"%{company}%")
        if status:
            where.append("draft_status = ?")
            args.append(status)
        sql = "SELECT * FROM entries"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY COALESCE(received_at, created_at) DESC, id DESC"
        if limit:
            sql += f" LIMIT {int(limit)}"
        return [_entry(row) for row in self._db.execute(sql, args)]

    def entry(self, entry_id: int) -> JournalEntry | None:
        row = self._db.execute("SELECT * FROM entries WHERE id = ?", (entry_id,)).fetchone()
        return _entry(row) if row else None

    def counts(self) -> dict[str, int]:
        rows = self._db.execute("SELECT verdict, COUNT(*) FROM processed GROUP BY verdict")
        return {str(verdict): int(n) for verdict, n in rows}

    def failures(self, account: str | None = None) -> Sequence[tuple[str, str, str, int]]:
        sql = "SELECT account, source_key, reason, attempts FROM failures"
        rows = self._db.execute(
            sql + (" WHERE account = ?" if account else ""), (account,) if account else ()
        )
        return [(str(a), str(s), str(r), int(n)) for a, s, r, n in rows]


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
    )
