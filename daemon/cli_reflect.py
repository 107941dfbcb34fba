"""``rejoinder reflect``, ``rejoinder stats`` and ``rejoinder report``: learning from
the journal."""

from __future__ import annotations

import json
import textwrap
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from rejoinder.daemon import paths
from rejoinder.daemon.cli import State, _print_table, friendly_errors, pass_state
from rejoinder.daemon.cli_journal import ENTRY_ID, day, open_journal, text, write_private

if TYPE_CHECKING:
    from rejoinder.daemon.journal import JournalEntry
    from rejoinder.daemon.reflect import Plan
    from rejoinder.daemon.stats import Nudge, Summary, Week

WEEKS = click.IntRange(1, 104)


# ------------------------------------------------------------------- reflect


@click.command()
@click.argument("entry_id", metavar="[ID]", type=ENTRY_ID, required=False)
@click.option(
    "--stage",
    type=click.Choice(["application", "interview"]),
    default=None,
    help="Which questions to ask [default: the entry's stage; asked when unknown].",
)
@click.option(
    "--rating",
    "ratings",
    multiple=True,
    metavar="KEY=1..5",
    help="Rate one moment, e.g. --rating first_contact=4 (repeatable).",
)
@click.option(
    "--note",
    "notes",
    multiple=True,
    metavar="KEY=TEXT",
    help='A note on one moment, e.g. --note behavioural="stories ran long" (repeatable).',
)
@click.option("--went-well", default=None, help="What went well.")
@click.option("--differently", default=None, help="What you would do differently.")
@click.option("--improvement", default=None, help="The one concrete thing you will work on next.")
@click.option(
    "--no-input", is_flag=True, help="Ask nothing: take the answers from the options only."
)
@friendly_errors
def reflect(
    entry_id: int | None,
    stage: str | None,
    ratings: tuple[str, ...],
    notes: tuple[str, ...],
    went_well: str | None,
    differently: str | None,
    improvement: str | None,
    no_input: bool,
) -> None:
    """A short guided reflection on one rejection (the most recent one without a
    reflection unless you give its ID).

    After an application-stage rejection it looks at how well you fitted the
    posting, how your CV and cover letter showed it, and whether the role was the
    right target. After interviews it walks through each moment, from first contact
    to the thank-you, with a 1-5 rating and a note. Both end with what went well,
    what to do differently and one improvement to work on next.

    \b
    Keys after an application: fit, materials, target.
    Keys after interviews: first_contact, first_impression, tell_me_about_yourself,
    behavioural, research, role_specific, unexpected, your_questions, thank_you, manner.

    \b
    Examples:
      rejoinder reflect
      rejoinder reflect 12
      rejoinder reflect 12 --no-input --rating first_contact=4 \\
          --note first_contact="replied within the hour" --went-well "research" \\
          --differently "shorter answers" --improvement "rehearse a 90-second pitch"
    """
    from rejoinder.daemon.errors import InputError
    from rejoinder.daemon.reflect import (
        build_answers,
        parse_pairs,
        plan_for,
        problems_in,
        reflection_stage,
    )

    given_ratings = parse_pairs(ratings, "--rating")
    given_notes = parse_pairs(notes, "--note")
    with open_journal() as db:
        entry = db.require_entry(entry_id) if entry_id else db.unreflected_entry()
        if entry is None:
            click.echo(
                "Nothing to reflect on: every rejection in the journal already has a reflection."
            )
            return
        if entry.not_rejection:
            raise InputError(
                f"entry {entry.id} is marked as not a rejection", "choose another entry"
            )
        click.echo(_heading(entry))
        chosen = reflection_stage(entry.stage, stage, [*given_ratings, *given_notes])
        if chosen is None:
            chosen = "application" if no_input else _ask_stage()
        plan = plan_for(chosen)
        answers: dict[str, Any] = {
            "ratings": given_ratings,
            "notes": given_notes,
            "went_well": went_well or "",
            "do_differently": differently or "",
            "improvement": improvement or "",
        }
        if not no_input:
            # Mistakes in the options are reported before the questions, not after them.
            early = problems_in(plan, given_ratings, given_notes, improvement="(asked later)")
            if early:
                raise InputError("; ".join(early), "fix the --rating/--note options")
            _ask(plan, answers)
        result = build_answers(plan, **answers)
        db.add_reflection(entry.id, result.as_json(), improvement=result.improvement)
    click.echo(
        f"\nSaved your reflection on entry {entry.id}. Next thing to work on: {result.improvement}"
    )
    click.echo(
        "Thank you for taking the time: each reflection makes the next application stronger."
    )


def _heading(e: JournalEntry) -> str:
    return (
        f"Reflecting on entry {e.id}: {text(e.company)}, {text(e.role)} "
        f"({e.stage or 'unknown'} stage, {day(e.when)})"
    )


def _ask_stage() -> str:
    interviewed = click.confirm(
        "Did you have an interview (or a screening call) for this one?", default=False
    )
    return "interview" if interviewed else "application"


def _ask(plan: Plan, answers: dict[str, Any]) -> None:
    """Prompt for every answer the options did not give; Enter skips a moment."""
    from rejoinder.daemon.reflect import CLOSING_QUESTIONS, improvement_problems, parse_rating

    def rating_value(value: str) -> str:
        try:
            parse_rating(value)
        except ValueError as exc:
            raise click.BadParameter(str(exc)) from exc
        return value

    click.echo("\n" + textwrap.fill(plan.intro, 78))
    for n, topic in enumerate(plan.topics, 1):
        click.echo(f"\n{n}/{len(plan.topics)} {topic.title}")
        click.echo(textwrap.fill(topic.question, 78, initial_indent="  ", subsequent_indent="  "))
        if topic.key not in answers["ratings"]:
            rating = click.prompt(
                "  Rating 1-5 (Enter to skip)",
                default="",
                show_default=False,
                value_proc=rating_value,
            )
            if rating.strip():
                answers["ratings"][topic.key] = rating
        if topic.key not in answers["notes"]:
            note = click.prompt("  Note", default="", show_default=False)
            if note.strip():
                answers["notes"][topic.key] = note
    for key in ("went_well", "do_differently"):
        if not answers[key]:
            click.echo("\n" + CLOSING_QUESTIONS[key])
            answers[key] = click.prompt("  >", default="", show_default=False)
    if not improvement_problems(answers["improvement"]):
        return
    click.echo("\n" + textwrap.fill(CLOSING_QUESTIONS["improvement"], 78))
    if answers["improvement"]:  # given as an option, but not usable
        click.echo(f"  {improvement_problems(answers['improvement'])[0]}")
    while True:
        answers["improvement"] = click.prompt("  One improvement", default="", show_default=False)
        problems = improvement_problems(answers["improvement"])
        if not problems:
            return
        click.echo(f"  {problems[0]}")


# ------------------------------------------------------------------- stats


@click.command()
@click.option("--weeks", type=WEEKS, default=8, show_default=True, help="How many weeks to chart.")
@click.option("--json", "as_json", is_flag=True, help="Print the figures and nudges as JSON.")
@pass_state
@friendly_errors
def stats(state: State, weeks: int, as_json: bool) -> None:
    """Rejections per week by stage, how many reached interviews, your reply and
    feedback rates, open improvements, and suggestions with the numbers behind them.

    Entries marked not-rejection and messages Rejoinder was unsure about are left out.

    \b
    Examples:
      rejoinder stats
      rejoinder stats --weeks 12
      rejoinder stats --json | jq .nudges
    """
    from rejoinder.daemon import stats as figures

    now = datetime.now().astimezone()
    feedback_request = state.config().drafts.feedback_request
    with open_journal() as db:
        entries = db.entries()
        improvements = db.improvements()
    per_week = figures.weekly(entries, now, weeks)
    summary = figures.summarize(entries, improvements)
    nudges = figures.nudges(entries, now, feedback_request=feedback_request)
    if as_json:
        click.echo(json.dumps(_stats_json(per_week, summary, nudges), ensure_ascii=False))
        return
    _print_weeks(per_week)
    click.echo("")
    for line in _summary_lines(summary):
        click.echo(line)
    open_items = [i for i in improvements if i.done_at is None]
    for item in open_items:
        click.echo(f"  #{item.id} (since {day(item.created_at)}) {text(item.text)}")
    click.echo("\nSuggestions:" if nudges else "\nNo suggestions right now.")
    for nudge in nudges:
        _print_nudge(nudge)


def _print_weeks(weeks: list[Week]) -> None:
    click.echo(f"Rejections per week (last {len(weeks)} weeks)")
    _print_table(
        ("WEEK OF", "APPLICATION", "INTERVIEW", "UNKNOWN", "TOTAL"),
        ((w.start.isoformat(), w.application, w.interview, w.unknown, w.total) for w in weeks),
    )


def _summary_lines(s: Summary) -> list[str]:
    from rejoinder.daemon.stats import percent

    median = (
        f"; median {s.median_days_to_reply:.1f} days to reply"
        if s.median_days_to_reply is not None
        else ""
    )
    return [
        f"Rejections:         {s.rejections} ({s.application} application, {s.interview} "
        f"interview, {s.unknown} unknown stage)",
        f"Reached interviews: {percent(s.interview_share)} ({s.interview} of {s.known_stage} "
        "with a known stage)",
        f"Replied:            {s.replied} of {s.rejections} ({percent(s.reply_rate)}){median}",
        f"Feedback received:  {s.feedback} of {s.replied} replies ({percent(s.feedback_rate)})",
        f"Open improvements:  {s.open_improvements}",
    ]


def _print_nudge(nudge: Nudge) -> None:
    click.echo(textwrap.fill(nudge.advice, 78, initial_indent="- ", subsequent_indent="  "))
    click.echo(f"  Why: {nudge.evidence}.")
    if nudge.command:
        click.echo(f"  Try: {nudge.command}")


def _stats_json(weeks: list[Week], s: Summary, nudges: list[Nudge]) -> dict[str, Any]:
    return {
        "weeks": [
            {
                "week_of": w.start.isoformat(),
                "application": w.application,
                "interview": w.interview,
                "unknown": w.unknown,
            }
            for w in weeks
        ],
        "rejections": s.rejections,
        "by_stage": {"application": s.application, "interview": s.interview, "unknown": s.unknown},
        "interview_share": s.interview_share,
        "replied": s.replied,
        "reply_rate": s.reply_rate,
        "feedback": s.feedback,
        "feedback_rate": s.feedback_rate,
        "median_days_to_reply": s.median_days_to_reply,
        "open_improvements": s.open_improvements,
        "nudges": [
            {
                "kind": n.kind,
                "advice": n.advice,
                "evidence": n.evidence,
                "entry_id": n.entry_id,
                "command": n.command,
            }
            for n in nudges
        ],
    }


# ------------------------------------------------------------------- report


@click.command()
@click.option(
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="The HTML file to write [default: $XDG_DATA_HOME/rejoinder/report.html].",
)
@click.option("--weeks", type=WEEKS, default=12, show_default=True, help="How many weeks to chart.")
@pass_state
@friendly_errors
def report(state: State, output: Path | None, weeks: int) -> None:
    """Write the journal as one self-contained HTML page you can open offline: the
    weekly chart, the path from rejection to reply to feedback, every entry with
    its reflection and improvements, and the suggestions.

    The file loads nothing from the internet and is readable only by you.

    \b
    Examples:
      rejoinder report
      rejoinder report --output ~/Documents/job-search.html && xdg-open ~/Documents/job-search.html
    """
    from rejoinder.daemon import stats as figures
    from rejoinder.daemon.paths import ensure_private_dir
    from rejoinder.daemon.report import ReportData, render_report

    now = datetime.now().astimezone()
    feedback_request = state.config().drafts.feedback_request
    with open_journal() as db:
        entries = db.entries()
        improvements = db.improvements()
        reflections: dict[int, list[Any]] = {}
        for reflection in db.reflections():
            reflections.setdefault(reflection.entry_id, []).append(reflection)
    data = ReportData(
        now=now,
        entries=entries,
        weeks=figures.weekly(entries, now, weeks),
        summary=figures.summarize(entries, improvements),
        nudges=figures.nudges(entries, now, feedback_request=feedback_request),
        reflections=reflections,
        improvements=improvements,
    )
    target = output or paths.data_dir() / "report.html"
    if output is None:
        ensure_private_dir(target.parent)
    write_private(target, render_report(data))
    click.echo(f"Report written to {target} ({len(entries)} entries).")
