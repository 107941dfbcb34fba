"""``rejoinder journal`` and its subcommands: reading and correcting the journal."""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from rejoinder.daemon import paths
from rejoinder.daemon.cli import State, _clip, _print_table, friendly_errors

if TYPE_CHECKING:
    from rejoinder.daemon.journal import Journal, JournalEntry

STAGE_CHOICE = click.Choice(["application", "interview", "unknown"])
ENTRY_ID = click.IntRange(min=1)


def open_journal() -> Journal:
    from rejoinder.daemon.journal import Journal

    return Journal.open(paths.journal_file())


# ------------------------------------------------------------------- journal


@click.group(invoke_without_command=True)
@click.option("--json", "as_json", is_flag=True, help="One JSON object per entry and line.")
@click.option(
    "--since",
    type=click.DateTime(["%Y-%m-%d"]),
    default=None,
    help="Only entries received on or after this date (YYYY-MM-DD).",
)
@click.option("--stage", type=STAGE_CHOICE, default=None, help="Only this stage.")
@click.option("--company", default=None, help="Only companies whose name contains this text.")
@click.option(
    "--status",
    default=None,
    help="Only entries with this STATUS: feedback, replied, discarded, not_rejection, or a "
    "draft status (created, needs_recipient, found, backfill, none).",
)
@click.option(
    "--verdict",
    type=click.Choice(["rejection", "unsure", "position_closed"]),
    default=None,
    help="Only what Rejoinder made of the message: a rejection (drafted for), unsure "
    "(kept for you to review, no draft) or position_closed.",
)
@click.pass_context
@friendly_errors
def journal(
    ctx: click.Context,
    as_json: bool,
    since: datetime | None,
    stage: str | None,
    company: str | None,
    status: str | None,
    verdict: str | None,
) -> None:
    """The rejections Rejoinder has recorded, most recent first.

    STATUS is the furthest step reached: feedback (the employer answered your
    reply), replied, discarded (the draft was deleted unsent), not_rejection (you
    corrected it), else what happened to the draft.

    \b
    Examples:
      rejoinder journal
      rejoinder journal --stage interview --since 2026-09-01
      rejoinder journal --verdict unsure
      rejoinder journal --json | jq -r .company | sort | uniq -c
      rejoinder journal show 12
    """
    if ctx.invoked_subcommand is not None:
        return
    with open_journal() as db:
        entries = db.entries(
            since=since.astimezone() if since else None,  # a date typed here is local
            stage=stage,
            company=company,
            status=status,
            verdict=verdict,
        )
        empty = not entries and not db.entries(limit=1)
    if as_json:
        for entry in entries:
            click.echo(json.dumps(entry_json(entry), ensure_ascii=False))
        return
    if not entries:
        click.echo("The journal is empty: nothing recorded yet." if empty else "No entry matches.")
        return
    _print_table(
        ("ID", "RECEIVED", "COMPANY", "ROLE", "STAGE", "VERDICT", "SCORE", "STATUS"),
        (
            (
                str(e.id),
                day(e.when),
                _clip(text(e.company), 30),
                _clip(text(e.role), 30),
                e.stage or "?",
                e.verdict,
                f"{e.score:.2f}",
                e.status,
            )
            for e in entries
        ),
    )


def entry_json(e: JournalEntry) -> dict[str, Any]:
    """The ``journal --json`` shape (stable: scripts read it)."""

    def iso(value: datetime | None) -> str | None:
        return value.isoformat() if value else None

    return {
        "id": e.id,
        "account": e.account,
        "received_at": iso(e.received_at),
        "message_id": e.message_id,
        "sender": e.sender,
        "subject": e.subject,
        "company": e.company,
        "role": e.role,
        "stage": e.stage,
        "verdict": e.verdict,
        "score": e.score,
        "verdict_note": e.verdict_note,  # why a rejection-like message got no draft, or null
        "model_version": e.model_version,
        "draft_status": e.draft_status,
        "draft_location": e.draft_location,
        "status": e.status,
        "replied_at": iso(e.replied_at),
        "feedback_at": iso(e.feedback_at),
        "draft_discarded_at": iso(e.draft_discarded_at),
        "not_rejection": e.not_rejection,
        "remind_at": iso(e.remind_at),
        "notes": e.notes,
        "follow_up": e.follow_up,  # null, pending, or what became of the feedback follow-up
        "follow_up_at": iso(e.follow_up_at),
    }


# ------------------------------------------------------------------- show


@journal.command()
@click.argument("entry_id", metavar="ID", type=ENTRY_ID)
@friendly_errors
def show(entry_id: int) -> None:
    """Everything recorded about one entry: the message, the draft, what happened
    next, your notes, reminder, reflection and improvements.

    \b
    Examples:
      rejoinder journal show 12
    """
    from rejoinder.daemon.reflect import summary_lines

    with open_journal() as db:
        e = db.require_entry(entry_id)
        reflections = db.reflections(entry_id)
        improvements = [i for i in db.improvements() if i.entry_id == entry_id]
    for label, value in _facts(e):
        click.echo(f"{label + ':':<12} {value}")
    if e.notes:
        click.echo("\nNotes:")
        for line in e.notes.splitlines():
            click.echo(f"  {text(line)}")
    for reflection in reflections:
        click.echo(f"\nReflection ({day(reflection.created_at)}):")
        for line in summary_lines(reflection.answers):
            click.echo(f"  {text(line)}")
    if improvements:
        click.echo("\nImprovements:")
        for item in improvements:
            done = f"done {day(item.done_at)}" if item.done_at else "open"
            click.echo(f"  #{item.id} [{done}] {text(item.text)}")
    if not reflections:
        click.echo(f"\nNo reflection yet: rejoinder reflect {e.id}")


def _replied(e: JournalEntry) -> str:
    if e.replied_at is None:
        return day(e.replied_at)
    how = "the draft, sent" if e.reply_was_draft else "a reply of your own"
    return f"{day(e.replied_at)} ({how})"


def _follow_up_delay() -> timedelta | None:
    """feedback_delay_days from the configuration, to say when a pending follow-up falls
    due; None when the configuration cannot be read (the entry is worth showing anyway)."""
    from rejoinder.daemon.errors import RejoinderError

    state = click.get_current_context().find_object(State)
    if state is None:
        return None
    try:
        return timedelta(days=state.config().drafts.feedback_delay_days)
    except RejoinderError:
        return None


def _facts(e: JournalEntry) -> Iterator[tuple[str, str]]:
    from rejoinder.daemon.followup import describe_follow_up

    yield "Entry", str(e.id)
    yield "Received", moment(e.received_at)
    yield "From", text(e.sender)
    yield "Subject", text(e.subject)
    yield "Company", text(e.company)
    yield "Role", text(e.role)
    yield "Stage", e.stage or "?"
    yield "Verdict", f"{e.verdict} (score {e.score:.2f}, model {e.model_version})"
    if e.verdict_note:
        yield "No draft", text(e.verdict_note)
    yield "Status", e.status
    draft = e.draft_status
    if e.draft_location:
        draft += f" {day(e.draft_created_at)} in {e.draft_location}"
    yield "Draft", draft
    yield "Replied", _replied(e)
    feedback = day(e.feedback_at)
    if e.feedback_at and e.feedback_message_id:
        # The Message-ID finds it in any mail client's search (or a mid: link).
        feedback += f", message {text(e.feedback_message_id)}"
    yield "Feedback", feedback
    if e.draft_discarded_at:
        yield "Discarded", day(e.draft_discarded_at)
    if follow_up := describe_follow_up(e, _follow_up_delay()):
        yield "Follow-up", text(follow_up)
    yield "Reminder", day(e.remind_at) if e.remind_at else "none"
    if e.corrected_at:
        corrected = "not a rejection" if e.not_rejection else "details edited"
        yield "Corrected", f"{day(e.corrected_at)} ({corrected})"
    yield "Account", f"{e.account} / {text(e.folder)}"


# ------------------------------------------------------------------- corrections


@journal.command()
@click.argument("entry_id", metavar="ID", type=ENTRY_ID)
@click.option("--company", default=None, help='The right company name ("" to clear it).')
@click.option("--role", default=None, help='The right role ("" to clear it).')
@click.option("--stage", type=STAGE_CHOICE, default=None, help="The right stage.")
@friendly_errors
def edit(entry_id: int, company: str | None, role: str | None, stage: str | None) -> None:
    """Correct the company, role or stage Rejoinder found for an entry.

    A corrected stage is also kept as a training example (the subject and the
    sender's own words, never the whole message).

    \b
    Examples:
      rejoinder journal edit 12 --company "Corvid Health" --role "Data Analyst"
      rejoinder journal edit 12 --stage interview
    """
    if company is None and role is None and stage is None:
        raise click.UsageError("give at least one of --company, --role and --stage")
    with open_journal() as db:
        before = db.require_entry(entry_id)
        changed_stage = stage is not None and stage != before.stage
        sample = _message_text(before) if changed_stage else None
        after = db.edit(entry_id, company=company, role=role, stage=stage, text=sample)
    click.echo(
        f"Entry {after.id}: {text(after.company)}, {text(after.role)}, {after.stage or '?'} stage."
    )


@journal.command("not-rejection")
@click.argument("entry_id", metavar="ID", type=ENTRY_ID)
@friendly_errors
def not_rejection(entry_id: int) -> None:
    """Say an entry was not a rejection after all.

    It stays in the journal (marked not_rejection) but leaves the statistics, and
    is kept as a labelled example for retraining: the subject and the sender's own
    words, never the whole message. The draft, if any, is yours to delete.

    \b
    Examples:
      rejoinder journal not-rejection 12
    """
    with open_journal() as db:
        e = db.require_entry(entry_id)
        changed = db.mark_not_rejection(entry_id, text=_message_text(e))
    if changed:
        click.echo(f"Entry {entry_id} is marked as not a rejection; statistics leave it out.")
    else:
        click.echo(f"Entry {entry_id} was already marked as not a rejection.")


@journal.command()
@click.argument("entry_id", metavar="ID", type=ENTRY_ID)
@click.argument("words", metavar="TEXT", nargs=-1, required=True)
@friendly_errors
def note(entry_id: int, words: tuple[str, ...]) -> None:
    """Add a dated note to an entry (what you learned, whom you spoke to…).

    \b
    Examples:
      rejoinder journal note 12 "Dana said the team may grow in spring"
      rejoinder journal note 12 Called back, they went with an internal candidate
    """
    with open_journal() as db:
        db.add_note(entry_id, " ".join(words))
    click.echo(f"Note added to entry {entry_id}.")


@journal.command()
@click.argument("entry_id", metavar="ID", type=ENTRY_ID)
@click.option(
    "--in",
    "interval",
    metavar="N[d|w|m]",
    default=None,
    help="When to be reminded: days, weeks or months from now, e.g. 10d, 2w, 3m.",
)
@click.option("--clear", is_flag=True, help="Remove the entry's reminder.")
@friendly_errors
def remind(entry_id: int, interval: str | None, clear: bool) -> None:
    """Be reminded to get back in touch: 'rejoinder stats' (and the report) show
    reminders once they are due.

    \b
    Examples:
      rejoinder journal remind 12 --in 3m
      rejoinder journal remind 12 --in 2w
      rejoinder journal remind 12 --clear
    """
    from rejoinder.daemon.stats import reminder_time

    if clear == (interval is not None):
        raise click.UsageError("give either --in (e.g. --in 3m) or --clear")
    when = reminder_time(datetime.now().astimezone(), interval) if interval else None
    with open_journal() as db:
        db.set_reminder(entry_id, when)
        e = db.require_entry(entry_id)
    if when is None:
        click.echo(f"Reminder for entry {entry_id} removed.")
    else:
        click.echo(f"Reminder set for {day(when)}: entry {entry_id} ({text(e.company)}).")


# ------------------------------------------------------------------- export


@journal.command()
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["csv", "json", "markdown"]),
    default="csv",
    show_default=True,
    help="csv (a spreadsheet), json (one array) or markdown (a readable list).",
)
@click.option(
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="Write to this file (readable only by you) instead of printing.",
)
@friendly_errors
def export(fmt: str, output: Path | None) -> None:
    """Export the whole journal with reflections and improvements.

    \b
    Examples:
      rejoinder journal export --format csv --output rejections.csv
      rejoinder journal export --format markdown | less
      rejoinder journal export --format json | jq '.[] | select(.stage == "interview")'
    """
    from rejoinder.daemon.report import render_export

    with open_journal() as db:
        rows = db.export_rows()
    content = render_export(rows, fmt)
    if output is None:
        click.echo(content, nl=False)
        return
    write_private(output, content)
    click.echo(f"{len(rows)} entr{'y' if len(rows) == 1 else 'ies'} written to {output}")


# ------------------------------------------------------------------- helpers


def write_private(path: Path, content: str) -> None:
    """Write a file only the user can read: it holds mail-derived text."""
    from rejoinder.daemon.errors import InputError

    try:
        path.touch(mode=0o600, exist_ok=True)
        path.write_text(content, encoding="utf-8")
    except OSError as exc:
        raise InputError(
            f"cannot write {path} ({exc.strerror})", "check the folder exists and is writable"
        ) from exc


def day(value: datetime | None) -> str:
    """YYYY-MM-DD in local time, "?" when unknown."""
    return value.astimezone().strftime("%Y-%m-%d") if value else "?"


def moment(value: datetime | None) -> str:
    return value.astimezone().strftime("%Y-%m-%d %H:%M") if value else "?"


def text(value: str | None) -> str:
    """A value from mail made safe for a terminal: control characters become spaces."""
    if not value:
        return "?"
    return "".join(" " if unicodedata.category(ch).startswith("C") else ch for ch in value)


def _message_text(e: JournalEntry) -> str | None:
    """The subject and the sender's own words, read again from local mail (None for IMAP
    accounts or when the message is gone: the journal keeps no message bodies)."""
    from rejoinder.classifier.features import MAX_BODY_CHARS
    from rejoinder.classifier.message import ParsedMessage, message_identity, parse_message
    from rejoinder.daemon.errors import RejoinderError
    from rejoinder.daemon.journal import correction_text
    from rejoinder.daemon.mailbox import open_local

    source = Path(e.folder)
    if not source.exists():
        return None
    try:
        box = open_local([source], paths.default_drafts_dir())
        for item in box.messages():
            if item.key != e.source_key:
                continue
            parsed = parse_message(item.raw)
            if isinstance(parsed, ParsedMessage) and message_identity(parsed) == e.message_key:
                return correction_text(parsed.subject, parsed.new_text[:MAX_BODY_CHARS])
    except (RejoinderError, OSError):
        return None
    return None
