from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest

from rejoinder.daemon.errors import InputError, JournalError
from rejoinder.daemon.journal import (
    FOLLOW_UP_PENDING,
    MIGRATIONS,
    SCHEMA_VERSION,
    EntryRecord,
    Journal,
)


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


def test_migration_from_version_1_keeps_entries(tmp_path: Path) -> None:
    path = tmp_path / "j.sqlite3"
    with sqlite3.connect(path) as db:  # a journal as the first release wrote it
        db.executescript(MIGRATIONS[0] + "PRAGMA user_version = 1;")
        db.execute("INSERT INTO processed VALUES ('work', '<a@x>', 'k', 'rejection', '2026-01-01')")
    with Journal.open(path) as journal:
        assert journal.schema_version == SCHEMA_VERSION
        assert journal.is_processed("work", "<a@x>")
        assert journal.cursor("work", "INBOX") is None


def test_cursor_and_account_status(tmp_path: Path) -> None:
    with Journal.open(tmp_path / "j.sqlite3") as journal:
        journal.set_cursor("work", "INBOX", 7, 120)
        journal.set_cursor("work", "INBOX", 7, 125)
        assert journal.cursor("work", "INBOX") == (7, 125)
        journal.pass_finished("work", seen=10, drafts=2)
        journal.pass_failed("work", "authentication failed")
        journal.pass_finished("work", seen=5, drafts=1)
        [status] = journal.account_statuses()
        assert (status.messages_seen, status.drafts_created) == (15, 3)
        assert status.last_error == "authentication failed"
        assert status.last_pass_at is not None


# ------------------------------------------------------------ migrations, with data


def _old_journal(path: Path, version: int) -> None:
    """A journal as release ``version`` left it, with a row in every table it had."""
    with sqlite3.connect(path) as db:
        for n in range(version):
            db.executescript(MIGRATIONS[n] + f"PRAGMA user_version = {n + 1};")
        if version >= 1:
            db.execute(
                "INSERT INTO processed VALUES ('work', '<a@x>', 'k', 'rejection', '2026-01-01')"
            )
            db.execute(
                """INSERT INTO entries (account, folder, source_key, message_key, message_id,
                   received_at, sender, subject, company, role, stage, verdict, score,
                   model_version, draft_status, draft_message_id, created_at)
                   VALUES ('work', 'INBOX', 'k', '<a@x>', '<a@x>', '2026-01-02T09:00:00+01:00',
                   'Dana <d@acme.example>', 'Your application', 'Acme', 'Analyst',
                   'interview', 'rejection', 0.9, 'm1', 'created', '<draft@home>',
                   '2026-01-02T10:00:00+00:00')"""
            )
            db.execute("INSERT INTO failures VALUES ('work', 'bad', 'boom', 2, '2026-01-01')")
        if version >= 2:
            db.execute("INSERT INTO cursors VALUES ('work', 'INBOX', 7, 120, '2026-01-01')")
            db.execute(
                "INSERT INTO account_status (account, messages_seen, drafts_created) "
                "VALUES ('work', 10, 2)"
            )
        if version >= 4:
            db.execute(
                "INSERT INTO settings VALUES ('personal.trained', '{\"corrections\": 3}', "
                "'2026-01-01')"
            )


@pytest.mark.parametrize("version", range(1, SCHEMA_VERSION))
def test_migration_from_every_older_version_keeps_data(tmp_path: Path, version: int) -> None:
    path = tmp_path / "j.sqlite3"
    _old_journal(path, version)
    with Journal.open(path) as journal:
        assert journal.schema_version == SCHEMA_VERSION
        assert journal.is_processed("work", "<a@x>")
        assert journal.failure_attempts("work", "bad") == 2
        [old] = journal.entries()
        assert (old.company, old.stage, old.draft_message_id) == (
            "Acme",
            "interview",
            "<draft@home>",
        )
        assert old.received_at == datetime(2026, 1, 2, 8, tzinfo=UTC)
        # The new columns start empty and the new features work on old entries.
        assert (old.replied_at, old.notes, old.remind_at, old.not_rejection) == (
            None,
            None,
            None,
            False,
        )
        assert old.status == "created"
        assert journal.mark_replied(old.id, datetime(2026, 1, 3, tzinfo=UTC), "<reply@home>")
        assert journal.find_entry_by_message_ids(["<reply@home>"]) == journal.entry(old.id)
        journal.add_reflection(old.id, {"stage": "interview"}, improvement="Practise")
        assert [i.text for i in journal.improvements()] == ["Practise"]
        if version >= 2:
            assert journal.cursor("work", "INBOX") == (7, 120)
            assert journal.account_statuses()[0].messages_seen == 10
        if version >= 4:
            assert journal.setting("personal.trained") == {"corrections": 3}
        # Entries from before delayed feedback requests plan none, and keep no addressing.
        assert (old.follow_up, old.draft_to, old.draft_references, old.contact_name) == (
            None,
            None,
            (),
            None,
        )
        assert journal.pending_follow_ups("work") == []
        assert not journal.settle_follow_up(old.id, "created", datetime(2026, 1, 9, tzinfo=UTC))


def test_follow_up_data_round_trips_and_settles_once(tmp_path: Path) -> None:
    with Journal.open(tmp_path / "j.sqlite3") as journal:
        planned = entry(
            "1",
            contact_name="Dana",
            draft_to=(("Dana Whitfield", "dana@acme.example"), ("", "hr@acme.example")),
            draft_references=("<older@acme.example>", "<1@example.com>"),
            follow_up=FOLLOW_UP_PENDING,
        )
        unplanned = entry("2", draft_to=())  # a draft without recipients, no follow-up
        for e in (planned, unplanned):
            journal.record("work", e.message_key, e.source_key, "rejection", e)
        [pending] = journal.pending_follow_ups("work")
        assert journal.pending_follow_ups("home") == []
        assert (pending.draft_to, pending.draft_references, pending.contact_name) == (
            planned.draft_to,
            planned.draft_references,
            "Dana",
        )
        [other] = [e for e in journal.entries() if e.id != pending.id]
        assert (other.draft_to, other.follow_up) == ((), None)

        when = datetime(2026, 10, 5, 9, tzinfo=UTC)
        with pytest.raises(ValueError, match="pending"):
            journal.settle_follow_up(pending.id, FOLLOW_UP_PENDING, when)
        assert journal.settle_follow_up(
            pending.id, "created", when, ref="f1", message_id="<f1@home>", location="Drafts"
        )
        # Settled once: a second outcome (e.g. a rerun after a crash) changes nothing.
        assert not journal.settle_follow_up(pending.id, "replied", when)
        settled = journal.entry(pending.id)
        assert settled is not None
        assert (settled.follow_up, settled.follow_up_ref, settled.follow_up_message_id) == (
            "created",
            "f1",
            "<f1@home>",
        )
        assert (settled.follow_up_location, settled.follow_up_at) == ("Drafts", when)
        assert journal.pending_follow_ups("work") == []


def test_a_failing_migration_leaves_the_journal_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from rejoinder.daemon import journal as module

    path = tmp_path / "j.sqlite3"
    Journal.open(path).close()
    broken = "CREATE TABLE half_done (x); INSERT INTO no_such_table VALUES (1);"
    monkeypatch.setattr(module, "MIGRATIONS", (*MIGRATIONS, broken))
    monkeypatch.setattr(module, "SCHEMA_VERSION", SCHEMA_VERSION + 1)
    with pytest.raises(JournalError):
        Journal.open(path)
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert "half_done" not in tables


# ------------------------------------------------------------ the reflection journal


def _journal_with(tmp_path: Path, *records: EntryRecord) -> Journal:
    journal = Journal.open(tmp_path / "j.sqlite3")
    for e in records:
        journal.record(e.account, e.message_key, e.source_key, e.verdict, e)
    return journal


def _id(journal: Journal, key: str) -> int:
    return next(e.id for e in journal.entries() if e.message_key == f"<{key}@example.com>")


def test_reply_feedback_and_discard_are_recorded_once(tmp_path: Path) -> None:
    with _journal_with(tmp_path, entry("1"), entry("2")) as journal:
        one, two = _id(journal, "1"), _id(journal, "2")
        first = datetime(2026, 10, 2, 8, tzinfo=UTC)
        assert journal.mark_replied(one, first, "<r1@home>")
        assert not journal.mark_replied(one, datetime(2026, 10, 5, tzinfo=UTC), "<r2@home>")
        got = journal.require_entry(one)
        assert (got.replied_at, got.reply_message_id, got.status) == (first, "<r1@home>", "replied")
        assert journal.mark_feedback(one, datetime(2026, 10, 9, tzinfo=UTC), "<fb@acme>")
        assert journal.require_entry(one).status == "feedback"
        assert journal.mark_discarded(two, datetime(2026, 10, 3, tzinfo=UTC))
        assert not journal.mark_discarded(two, datetime(2026, 10, 4, tzinfo=UTC))
        assert journal.require_entry(two).status == "discarded"
        assert [e.id for e in journal.entries(status="discarded")] == [two]
        assert [e.id for e in journal.entries(status="feedback")] == [one]
        assert journal.entries(status="created") == []
        with pytest.raises(InputError, match="no journal entry 99"):
            journal.mark_replied(99, first, None)


def test_find_entry_by_message_ids_matches_rejection_draft_or_reply(tmp_path: Path) -> None:
    a = entry("a", draft_message_id="<rejoinder.a.reply@home>")
    b = entry("b", draft_message_id="<rejoinder.b.reply@home>")
    with _journal_with(tmp_path, a, b) as journal:
        id_a, id_b = _id(journal, "a"), _id(journal, "b")
        journal.mark_replied(id_b, datetime(2026, 10, 2, tzinfo=UTC), "<sent-b@home>")

        def found(*ids: str) -> int | None:
            match = journal.find_entry_by_message_ids(ids)
            return match.id if match else None

        assert found("<a@example.com>") == id_a  # the user answered the rejection itself
        assert found("<rejoinder.b.reply@home>") == id_b  # the sent draft kept its id
        assert found(" <sent-b@home> ") == id_b  # feedback answers the user's reply
        # In-Reply-To first: it wins over older ids further down the References.
        assert found("<sent-b@home>", "<a@example.com>") == id_b
        assert found("<a@example.com>", "<sent-b@home>") == id_a
        assert found("<unrelated@x>") is None
        assert found() is None
        assert found("", "  ") is None


def test_edit_corrects_fields_and_keeps_a_stage_correction(tmp_path: Path) -> None:
    with _journal_with(tmp_path, entry("1")) as journal:
        one = _id(journal, "1")
        journal.edit(one, company="Acme Ltd")
        assert journal.corrections() == []  # a name is not a training label
        edited = journal.edit(one, role="", stage="interview", text="Subject\n\nWe met you.")
        assert (edited.company, edited.role, edited.stage) == ("Acme Ltd", None, "interview")
        assert edited.corrected_at is not None
        [correction] = journal.corrections()
        assert (correction.entry_id, correction.label, correction.stage, correction.text) == (
            one,
            "rejection",
            "interview",
            "Subject\n\nWe met you.",
        )
        assert journal.edit(one) == edited  # nothing asked, nothing changed
        with pytest.raises(ValueError, match="stage"):
            journal.edit(one, stage="final")
        with pytest.raises(InputError):
            journal.edit(42, company="X")


def test_not_rejection_is_flagged_and_kept_as_a_labelled_example(tmp_path: Path) -> None:
    with _journal_with(tmp_path, entry("1"), entry("2")) as journal:
        one, two = _id(journal, "1"), _id(journal, "2")
        assert journal.mark_not_rejection(one, text="Your application\n\nWe would like to meet.")
        assert not journal.mark_not_rejection(one)
        assert journal.mark_not_rejection(two)  # no text: the subject is all there is
        flagged = journal.require_entry(one)
        assert flagged.not_rejection
        assert not flagged.counts_as_rejection
        assert flagged.status == "not_rejection"
        assert [(c.label, c.text) for c in journal.corrections()] == [
            ("not_rejection", "Your application\n\nWe would like to meet."),
            ("not_rejection", "Your application"),
        ]
        assert len(journal.entries()) == 2  # still in the journal


def test_notes_append_dated_lines_and_reminders_can_be_cleared(tmp_path: Path) -> None:
    with _journal_with(tmp_path, entry("1")) as journal:
        one = _id(journal, "1")
        journal.add_note(one, "Spoke to  Dana", when=datetime(2026, 10, 3, tzinfo=UTC))
        journal.add_note(one, "Team may grow\nin spring", when=datetime(2026, 11, 1, tzinfo=UTC))
        assert journal.require_entry(one).notes == (
            "2026-10-03: Spoke to Dana\n2026-11-01: Team may grow in spring"
        )
        with pytest.raises(InputError, match="empty"):
            journal.add_note(one, "   ")
        remind = datetime(2027, 1, 1, 9, tzinfo=UTC)
        journal.set_reminder(one, remind)
        assert journal.require_entry(one).remind_at == remind
        journal.set_reminder(one, None)
        assert journal.require_entry(one).remind_at is None
        with pytest.raises(InputError):
            journal.set_reminder(7, remind)


def test_reflections_improvements_and_the_next_entry_to_reflect_on(tmp_path: Path) -> None:
    old = entry("old", received_at=datetime(2026, 9, 1, tzinfo=UTC))
    new = entry("new", received_at=datetime(2026, 10, 1, tzinfo=UTC))
    unsure = entry("unsure", received_at=datetime(2026, 10, 5, tzinfo=UTC), verdict="unsure")
    with _journal_with(tmp_path, old, new, unsure) as journal:
        id_old, id_new = _id(journal, "old"), _id(journal, "new")
        assert journal.unreflected_entry() == journal.entry(id_new)
        answers = {"stage": "application", "touchpoints": {"fit": {"rating": 3, "note": ""}}}
        journal.add_reflection(id_new, answers, improvement="  Tailor the CV summary ")
        assert journal.unreflected_entry() == journal.entry(id_old)
        journal.mark_not_rejection(id_old)
        assert journal.unreflected_entry() is None  # unsure and corrected entries are skipped
        [stored] = journal.reflections(id_new)
        assert stored.answers == answers
        [improvement] = journal.improvements(open_only=True)
        assert (improvement.text, improvement.entry_id) == ("Tailor the CV summary", id_new)
        extra = journal.add_improvement("Ask a friend for a mock interview")
        assert journal.complete_improvement(improvement.id)
        assert not journal.complete_improvement(improvement.id)
        assert [i.id for i in journal.improvements(open_only=True)] == [extra]
        with pytest.raises(InputError, match="no improvement"):
            journal.complete_improvement(999)
        with pytest.raises(InputError):
            journal.add_reflection(999, answers)


def test_export_rows_carry_reflection_and_improvements(tmp_path: Path) -> None:
    with _journal_with(tmp_path, entry("1"), entry("2", company=None)) as journal:
        one = _id(journal, "1")
        journal.add_reflection(one, {"went_well": "research"}, improvement="Shorter answers")
        rows = journal.export_rows()
        assert [r["id"] for r in rows] == sorted(r["id"] for r in rows)
        by_id = {r["id"]: r for r in rows}
        assert by_id[one]["reflection"] == {"went_well": "research"}
        assert by_id[one]["improvements"] == [{"text": "Shorter answers", "done_at": None}]
        other = next(r for r in rows if r["id"] != one)
        assert (other["reflection"], other["improvements"], other["company"]) == (None, [], None)
        assert {"replied_at", "feedback_at", "status", "notes", "remind_at"} <= rows[0].keys()


def test_entries_are_ordered_by_time_not_by_the_text_of_their_offsets(tmp_path: Path) -> None:
    # 10:30+02:00 is 08:30 UTC: earlier than 09:00+00:00, though its text sorts later.
    early = entry("early", received_at=datetime.fromisoformat("2026-10-01T10:30:00+02:00"))
    late = entry("late", received_at=datetime.fromisoformat("2026-10-01T09:00:00+00:00"))
    with _journal_with(tmp_path, early, late) as journal:
        assert [e.message_key for e in journal.entries()] == [late.message_key, early.message_key]
        since = datetime.fromisoformat("2026-10-01T08:45:00+00:00")
        assert [e.message_key for e in journal.entries(since=since)] == [late.message_key]


def test_two_processes_opening_a_new_journal_at_once_both_succeed(tmp_path: Path) -> None:
    import subprocess
    import sys
    import time

    path = tmp_path / "race.sqlite3"
    # Every process waits for the same moment, then opens (and so migrates) the journal.
    code = (
        "import sys, time; from pathlib import Path; from rejoinder.daemon.journal import Journal\n"
        "time.sleep(max(0.0, float(sys.argv[2]) - time.time()))\n"
        "Journal.open(Path(sys.argv[1])).close()"
    )
    start = str(time.time() + 1.5)
    procs = [
        subprocess.Popen([sys.executable, "-c", code, str(path), start], stderr=subprocess.PIPE)
        for _ in range(8)
    ]
    errors = [p.communicate()[1].decode() for p in procs]
    assert [p.returncode for p in procs] == [0] * 8, errors
    with Journal.open(path) as journal:
        assert journal.schema_version == SCHEMA_VERSION


def test_processed_among_answers_for_many_keys_at_once(tmp_path: Path) -> None:
    with Journal.open(tmp_path / "j.sqlite3") as journal:
        done = [f"<{n}@example.com>" for n in range(0, 1_300, 3)]
        for key in done:
            journal.record("work", key, f"INBOX;v=1;uid={key}", "not_rejection", None)
        asked = [f"<{n}@example.com>" for n in range(1_300)] + done  # repeats are fine
        assert journal.processed_among("work", asked) == set(done)
        assert journal.processed_among("other", asked) == set()
        assert journal.processed_among("work", []) == set()


def test_grouped_writes_commit_together(tmp_path: Path) -> None:
    path = tmp_path / "j.sqlite3"
    with Journal.open(path) as journal, Journal.open(path) as reader:
        with journal.grouped():
            journal.record("work", "<a@x>", "INBOX;v=1;uid=1", "not_rejection", None)
            with journal.grouped():  # nested: still the one group
                journal.record("work", "<b@x>", "INBOX;v=1;uid=2", "not_rejection", None)
            journal.record_failure("work", "INBOX;v=1;uid=3", "boom")
            assert journal.is_processed("work", "<b@x>")  # its own writes are visible to it
            assert reader.processed_among("work", ["<a@x>", "<b@x>"]) == set()
            assert reader.failure_attempts("work", "INBOX;v=1;uid=3") == 0
        assert reader.processed_among("work", ["<a@x>", "<b@x>"]) == {"<a@x>", "<b@x>"}
        assert reader.failure_attempts("work", "INBOX;v=1;uid=3") == 1
        # Outside a group every record commits at once, as before.
        journal.record("work", "<c@x>", "INBOX;v=1;uid=4", "not_rejection", None)
        assert reader.is_processed("work", "<c@x>")


def fail_mid_group(journal: Journal) -> None:
    with journal.grouped():
        journal.record("work", "<lost@x>", "INBOX;v=1;uid=2", "not_rejection", None)
        raise RuntimeError("the pass failed mid-batch")


def test_a_failing_group_loses_its_writes_and_nothing_else(tmp_path: Path) -> None:
    with Journal.open(tmp_path / "j.sqlite3") as journal:
        journal.record("work", "<before@x>", "INBOX;v=1;uid=1", "not_rejection", None)
        with pytest.raises(RuntimeError, match="mid-batch"):
            fail_mid_group(journal)
        assert journal.processed_among("work", ["<before@x>", "<lost@x>"]) == {"<before@x>"}
        journal.record("work", "<after@x>", "INBOX;v=1;uid=3", "not_rejection", None)
        assert journal.is_processed("work", "<after@x>")  # the journal is usable again


def test_has_processed_is_per_account(tmp_path: Path) -> None:
    with Journal.open(tmp_path / "j.sqlite3") as journal:
        assert not journal.has_processed("work")
        journal.record("work", "<a@x>", "INBOX;v=1;uid=1", "not_rejection", None)
        assert journal.has_processed("work")
        assert not journal.has_processed("home")
