from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest

from rejoinder.daemon.errors import JournalError
from rejoinder.daemon.journal import MIGRATIONS, SCHEMA_VERSION, EntryRecord, Journal


def entry(key: str, **changes: object) -> EntryRecord:
    values: dict[str, object] = {
        "account": "work",
        "folder": "INBOX",
        "source_key": f"INBOX;v=1;uid={key}",
        "message_key": f"<{key}@example.com>",
        "message_id": f"<{key}@example.com>",
        "received_at": datetime(2026, 10, 1, 9, tzinfo=UTC),
        "sender": "Dana <dana@acme.example>",
        "subject": "Your application",
        "company": "Acme",
        "role": "Analyst",
        "stage": "application",
        "verdict": "rejection",
        "score": 0.93,
        "model_version": "abc",
        "draft_status": "created",
    }
    values.update(changes)
    return EntryRecord(**values)  # type: ignore[arg-type]


def test_new_journal_has_current_schema(tmp_path: Path) -> None:
    with Journal.open(tmp_path / "j.sqlite3") as journal:
        assert journal.schema_version == SCHEMA_VERSION == len(MIGRATIONS)


def test_record_marks_processed_and_adds_entry_once(tmp_path: Path) -> None:
    with Journal.open(tmp_path / "j.sqlite3") as journal:
        e = entry("1")
        journal.record("work", e.message_key, e.source_key, "rejection", e)
        journal.record("work", e.message_key, e.source_key, "rejection", e)
        assert journal.is_processed("work", e.message_key)
        assert not journal.is_processed("other", e.message_key)
        [stored] = journal.entries()
        assert (stored.company, stored.stage, stored.received_at) == (
            "Acme",
            "application",
            e.received_at,
        )


def test_entries_filters_and_order(tmp_path: Path) -> None:
    with Journal.open(tmp_path / "j.sqlite3") as journal:
        for n, (month, stage, company) in enumerate(
            [(8, "application", "Acme"), (9, "interview", "Brightwater"), (10, "interview", "Acme")]
        ):
            e = entry(
                str(n),
                received_at=datetime(2026, month, 1, tzinfo=UTC),
                stage=stage,
                company=company,
            )
            journal.record("work", e.message_key, e.source_key, "rejection", e)
        assert [e.received_at.month for e in journal.entries() if e.received_at] == [10, 9, 8]
        assert len(journal.entries(stage="interview")) == 2
        assert len(journal.entries(company="acme")) == 2
        assert len(journal.entries(since=datetime(2026, 9, 15, tzinfo=UTC))) == 1


def test_failures_count_attempts_and_clear_on_success(tmp_path: Path) -> None:
    with Journal.open(tmp_path / "j.sqlite3") as journal:
        assert journal.record_failure("work", "k", "boom") == 1
        assert journal.record_failure("work", "k", "boom") == 2
        journal.record("work", "<m@x>", "k", "not_rejection", None)
        assert journal.failure_attempts("work", "k") == 0


def test_reopening_keeps_data_and_does_not_migrate_again(tmp_path: Path) -> None:
    path = tmp_path / "j.sqlite3"
    with Journal.open(path) as journal:
        journal.record("work", "<a@x>", "k", "not_rejection", None)
    with Journal.open(path) as journal:
        assert journal.is_processed("work", "<a@x>")


def test_journal_from_newer_version_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "j.sqlite3"
    Journal.open(path).close()
    with sqlite3.connect(path) as db:
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    with pytest.raises(JournalError, match="newer Rejoinder"):
        Journal.open(path)


def test_unwritable_journal_is_a_journal_error(tmp_path: Path) -> None:
    path = tmp_path / "j.sqlite3"
    path.write_bytes(b"this is not a database" * 100)
    with pytest.raises(JournalError, match="cannot open"):
        Journal.open(path)
