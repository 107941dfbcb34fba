"""``rejoinder journal`` and its subcommands, run through the CLI."""

from __future__ import annotations

import csv
import io
import json
import stat
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from rejoinder.daemon import paths
from rejoinder.daemon.cli import cli
from rejoinder.daemon.journal import EntryRecord, Journal

JSON_KEYS = {
    "id",
    "received_at",
    "message_id",
    "sender",
    "subject",
    "company",
    "role",
    "stage",
    "score",
    "draft_status",
    "replied_at",
    "feedback_at",
}


def invoke(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def ok(*args: str) -> str:
    result = invoke(*args)
    assert result.exit_code == 0, result.output
    return result.stdout


def add(key: str, day: int, **changes: Any) -> int:
    values: dict[str, Any] = {
        "account": "work",
        "folder": "INBOX",
        "source_key": f"INBOX;uid={key}",
        "message_key": f"<{key}@acme.example>",
        "message_id": f"<{key}@acme.example>",
        "received_at": datetime(2026, 10, day, 12, tzinfo=UTC),
        "sender": "Dana Whitfield <dana@acme.example>",
        "subject": f"Your application {key}",
        "company": "Acme Analytics",
        "role": "Data Analyst",
        "stage": "application",
        "verdict": "rejection",
        "score": 0.912,
        "model_version": "m1",
        "draft_status": "created",
    }
    values.update(changes)
    record = EntryRecord(**values)
    with Journal.open(paths.journal_file()) as journal:
        journal.record(record.account, record.message_key, record.source_key, "rejection", record)
        return next(e.id for e in journal.entries() if e.message_key == record.message_key)


def entry(entry_id: int) -> Any:
    with Journal.open(paths.journal_file()) as journal:
        return journal.require_entry(entry_id)


@pytest.fixture
def three() -> dict[str, int]:
    return {
        "old": add("old", 1, company=None, role=None, stage=None, verdict="unsure"),
        "mid": add("mid", 10, stage="interview", company="Brightwater"),
        "new": add("new", 20),
    }


# ------------------------------------------------------------------ listing


def test_journal_table_is_tidy_and_most_recent_first(three: dict[str, int]) -> None:
    lines = ok("journal").splitlines()
    header = lines[0]
    assert header.split() == [
        "ID",
        "RECEIVED",
        "COMPANY",
        "ROLE",
        "STAGE",
        "VERDICT",
        "SCORE",
        "STATUS",
    ]
    rows = lines[1:]
    assert [row.split()[0] for row in rows] == [str(three[k]) for k in ("new", "mid", "old")]
    assert [row.split()[1] for row in rows] == ["2026-10-20", "2026-10-10", "2026-10-01"]
    for column in ("COMPANY", "ROLE", "STAGE", "SCORE", "STATUS"):
        start = header.index(column)
        assert all(row[start - 2 : start] == "  " and row[start] != " " for row in rows), column
    old = rows[2]
    assert old[header.index("COMPANY")] == "?"
    assert old[header.index("ROLE")] == "?"
    assert old[header.index("STAGE")] == "?"
    assert "0.91" in old


def test_journal_filters(three: dict[str, int]) -> None:
    def listed(*args: str) -> list[int]:
        return [int(json.loads(line)["id"]) for line in ok("journal", "--json", *args).splitlines()]

    assert listed("--stage", "interview") == [three["mid"]]
    assert listed("--company", "bright") == [three["mid"]]
    assert listed("--since", "2026-10-10") == [three["new"], three["mid"]]
    assert listed("--status", "created") == [three["new"], three["mid"], three["old"]]
    with Journal.open(paths.journal_file()) as journal:
        journal.mark_replied(three["new"], datetime(2026, 10, 21, tzinfo=UTC), "<r@home>")
    assert listed("--status", "replied") == [three["new"]]
    assert listed("--status", "created") == [three["mid"], three["old"]]
    assert "No entry matches." in ok("journal", "--stage", "unknown")
    assert listed("--verdict", "unsure") == [three["old"]]
    assert listed("--verdict", "rejection") == [three["new"], three["mid"]]
    assert "No entry matches." in ok("journal", "--verdict", "position_closed")


def test_journal_json_contract(three: dict[str, int]) -> None:
    with Journal.open(paths.journal_file()) as journal:
        journal.mark_replied(three["mid"], datetime(2026, 10, 11, 8, tzinfo=UTC), "<r@home>")
        journal.mark_feedback(three["mid"], datetime(2026, 10, 15, 8, tzinfo=UTC), "<f@x>")
    rows = [json.loads(line) for line in ok("journal", "--json").splitlines()]
    assert all(row.keys() >= JSON_KEYS for row in rows)
    mid = next(r for r in rows if r["id"] == three["mid"])
    assert mid["replied_at"] == "2026-10-11T08:00:00+00:00"
    assert mid["feedback_at"] == "2026-10-15T08:00:00+00:00"
    assert mid["status"] == "feedback"
    assert mid["score"] == pytest.approx(0.912)


# ------------------------------------------------------------------ show / edit / notes


def test_show_tells_everything_about_an_entry(three: dict[str, int]) -> None:
    mid = three["mid"]
    ok("journal", "note", str(mid), "Asked", "for", "feedback", "by", "phone")
    with Journal.open(paths.journal_file()) as journal:
        journal.add_reflection(
            mid,
            {
                "stage": "interview",
                "touchpoints": {"research": {"rating": 2, "note": "too little"}},
                "improvement": "Read their annual report",
            },
            improvement="Read their annual report",
        )
    output = ok("journal", "show", str(mid))
    assert "Company:     Brightwater" in output
    assert "Subject:     Your application mid" in output
    assert "Replied:     ?" in output
    assert "Asked for feedback by phone" in output
    assert "Research on the organisation: 2/5  too little" in output
    assert "[open] Read their annual report" in output
    assert "No reflection yet" not in output
    assert f"rejoinder reflect {three['new']}" in ok("journal", "show", str(three["new"]))


def test_show_says_how_the_user_replied_and_where_the_feedback_is(three: dict[str, int]) -> None:
    when = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
    with Journal.open(paths.journal_file()) as journal:
        journal.mark_replied(three["mid"], when, "<sent-1@home.example>", was_draft=True)
        journal.mark_feedback(three["mid"], when, "<answer-1@brightwater.example>")
        journal.mark_replied(three["new"], when, "<sent-2@home.example>")
    mid = ok("journal", "show", str(three["mid"]))
    assert "Replied:     2026-03-02 (the draft, sent)" in mid
    assert "Feedback:    2026-03-02, message <answer-1@brightwater.example>" in mid
    assert "(a reply of your own)" in ok("journal", "show", str(three["new"]))


def test_show_of_a_missing_entry_says_so() -> None:
    result = invoke("journal", "show", "7")
    assert result.exit_code == 66
    assert "no journal entry 7" in result.output


def test_edit_corrects_company_role_and_stage(three: dict[str, int]) -> None:
    new = three["new"]
    output = ok("journal", "edit", str(new), "--company", "Acme Ltd", "--stage", "interview")
    assert "Acme Ltd" in output
    got = entry(new)
    assert (got.company, got.role, got.stage) == ("Acme Ltd", "Data Analyst", "interview")
    ok("journal", "edit", str(new), "--role", "")
    assert entry(new).role is None
    with Journal.open(paths.journal_file()) as journal:
        [correction] = journal.corrections()
    assert (correction.label, correction.stage) == ("rejection", "interview")
    assert invoke("journal", "edit", str(new)).exit_code == 2
    assert invoke("journal", "edit", str(new), "--stage", "final").exit_code == 2


def test_note_needs_text(three: dict[str, int]) -> None:
    assert invoke("journal", "note", str(three["new"])).exit_code == 2
    ok("journal", "note", str(three["new"]), "first")
    ok("journal", "note", str(three["new"]), "second")
    assert [line[12:] for line in entry(three["new"]).notes.splitlines()] == ["first", "second"]


def test_not_rejection_reads_local_mail_for_the_training_example(tmp_path: Path) -> None:
    msg = EmailMessage()
    msg["From"] = "Dana <dana@acme.example>"
    msg["Subject"] = "Next steps"
    msg["Message-ID"] = "<invite@acme.example>"
    msg.set_content("Hi Sam,\n\nWe would love to invite you to a second interview.\n\nDana\n")
    eml = tmp_path / "invite.eml"
    eml.write_bytes(bytes(msg))
    local = add(
        "invite",
        5,
        folder=str(eml),
        source_key=str(eml),
        message_key="<invite@acme.example>",
        account="local",
    )
    imap = add("imap", 6)
    output = ok("journal", "not-rejection", str(local))
    assert "statistics leave it out" in output
    assert "already" in ok("journal", "not-rejection", str(local))
    ok("journal", "not-rejection", str(imap))
    with Journal.open(paths.journal_file()) as journal:
        texts = [c.text for c in journal.corrections()]
    assert texts[0].startswith("Next steps\n\n")
    assert "second interview" in texts[0]
    assert texts[1] == "Your application imap"  # IMAP mail is not read again: the subject
    assert entry(local).status == "not_rejection"
    stats = json.loads(ok("stats", "--json"))
    assert stats["rejections"] == 0


# ------------------------------------------------------------------ reminders


def test_remind_in_months_and_clear(three: dict[str, int]) -> None:
    new = str(three["new"])
    output = ok("journal", "remind", new, "--in", "3m")
    remind_at = entry(three["new"]).remind_at
    assert remind_at is not None
    expected = datetime.now(UTC) + timedelta(days=89)
    assert expected <= remind_at <= expected + timedelta(days=4)
    assert remind_at.astimezone().strftime("%Y-%m-%d") in output
    ok("journal", "remind", new, "--clear")
    assert entry(three["new"]).remind_at is None
    assert invoke("journal", "remind", new).exit_code == 2
    assert invoke("journal", "remind", new, "--in", "2w", "--clear").exit_code == 2
    bad = invoke("journal", "remind", new, "--in", "soon")
    assert bad.exit_code == 66
    assert "10d" in bad.output


def test_a_due_reminder_shows_in_stats(three: dict[str, int]) -> None:
    with Journal.open(paths.journal_file()) as journal:
        journal.set_reminder(three["mid"], datetime.now(UTC) - timedelta(minutes=1))
    output = ok("stats")
    assert "Time to get back in touch with Brightwater" in output
    assert f"rejoinder journal remind {three['mid']} --clear" in output


# ------------------------------------------------------------------ export


def test_export_csv_to_a_private_file(tmp_path: Path, three: dict[str, int]) -> None:
    target = tmp_path / "journal.csv"
    output = ok("journal", "export", "--format", "csv", "--output", str(target))
    assert "3 entries written" in output
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    rows = list(csv.DictReader(io.StringIO(target.read_text("utf-8"))))
    assert [int(r["id"]) for r in rows] == sorted(three.values())
    assert rows[-1]["company"] == "Acme Analytics"


def test_export_json_and_markdown_to_stdout(three: dict[str, int]) -> None:
    rows = json.loads(ok("journal", "export", "--format", "json"))
    assert {r["id"] for r in rows} == set(three.values())
    markdown = ok("journal", "export", "--format", "markdown")
    assert markdown.startswith("# Rejoinder journal")
    assert f"## {three['mid']}. 2026-10-10: Brightwater, Data Analyst" in markdown


def test_empty_journal_messages() -> None:
    assert "The journal is empty" in ok("journal")
    assert json.loads(ok("journal", "export", "--format", "json")) == []
    output = ok("stats")
    assert "Rejections:         0" in output
    assert "No suggestions right now." in output


def test_show_says_why_a_message_scored_as_a_rejection_got_no_draft(tmp_path: Path) -> None:
    # A hiring manager's note to a colleague, worded like a rejection (tests/fixtures).
    note = Path(__file__).parent / "fixtures" / "classify" / "internal-note-about-a-candidate.eml"
    drafts = tmp_path / "drafts"
    ok("scan", str(note), "--drafts-dir", str(drafts))
    with Journal.open(paths.journal_file()) as journal:
        [found] = journal.entries()
    assert (found.verdict, found.draft_status) == ("unsure", "none")
    assert found.score >= 0.4  # the model alone would have drafted a reply
    assert not any(drafts.glob("**/*.eml"))
    shown = ok("journal", "show", str(found.id))
    assert "No draft:    mail between colleagues of one organisation" in shown
    [row] = [json.loads(line) for line in ok("journal", "--json").splitlines()]
    assert row["verdict_note"] == found.verdict_note
    assert "colleagues" in (found.verdict_note or "")


def test_show_says_when_a_pending_follow_up_falls_due(tmp_path: Path) -> None:
    from rejoinder.daemon.journal import FOLLOW_UP_PENDING

    entry_id = add("later", 1, follow_up=FOLLOW_UP_PENDING)  # received 1 October, noon UTC
    assert "(due 2026-10-04)" in ok("journal", "show", str(entry_id))  # default: 3 days
    config = tmp_path / "config.toml"
    config.write_text("[drafts]\nfeedback_delay_days = 5\n")
    config.chmod(0o600)
    assert "(due 2026-10-06)" in ok("--config", str(config), "journal", "show", str(entry_id))
    # A configuration that cannot be read costs the date, not the entry.
    config.write_text("[drafts]\nfeedback_delay_days = 'soon'\n")
    shown = ok("--config", str(config), "journal", "show", str(entry_id))
    assert "Follow-up:" in shown
    assert "(due " not in shown
