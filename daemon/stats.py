"""Statistics and nudges over the journal. Pure: entries and ``now`` in, values out.

Only confirmed rejections count (``JournalEntry.counts_as_rejection``): messages the
classifier was unsure about, closed positions, and entries the user marked as not
a rejection stay out of every figure. Each nudge carries the numbers that made it
fire, so the user can judge the advice instead of taking it on trust.
"""

from __future__ import annotations

import calendar
import re
import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from rejoinder.daemon.errors import InputError
from rejoinder.daemon.journal import Improvement, JournalEntry

STAGE_ORDER = ("application", "interview", "unknown")

# Several application-stage rejections within this window and no interview at all
# suggests the CV or the targeting, not bad luck.
CV_WINDOW_DAYS = 28
CV_MIN_REJECTIONS = 4
# Interview-stage rejections within this window that suggest practising interviews.
INTERVIEW_WINDOW_DAYS = 90
INTERVIEW_MIN_REJECTIONS = 3
# Replies (each older than the wait, so an answer had time to arrive) without any feedback.
FEEDBACK_MIN_REPLIES = 5
FEEDBACK_WAIT_DAYS = 7
# An interview-stage rejection this old (and not older than a year) is worth a friendly hello.
STAY_IN_TOUCH_AFTER_DAYS = 60
STAY_IN_TOUCH_UNTIL_DAYS = 365
STAY_IN_TOUCH_MAX = 3


@dataclass(frozen=True)
class Week:
    start: date  # the Monday
    application: int = 0
    interview: int = 0
    unknown: int = 0

    @property
    def total(self) -> int:
        return self.application + self.interview + self.unknown

    def count(self, stage: str) -> int:
        return int(getattr(self, stage))


@dataclass(frozen=True)
class Summary:
    rejections: int
    application: int
    interview: int
    unknown: int
    replied: int
    feedback: int
    median_days_to_reply: float | None
    open_improvements: int

    @property
    def known_stage(self) -> int:
        return self.application + self.interview

    @property
    def interview_share(self) -> float | None:
        """Of the rejections whose stage is known, the share that came after interviews."""
        return self.interview / self.known_stage if self.known_stage else None

    @property
    def reply_rate(self) -> float | None:
        return self.replied / self.rejections if self.rejections else None

    @property
    def feedback_rate(self) -> float | None:
        """Of the replies sent, the share the employer answered."""
        return self.feedback / self.replied if self.replied else None


@dataclass(frozen=True)
class Nudge:
    kind: str  # review_cv, practise_interviews, feedback_follow_up, stay_in_touch, reminder_due
    advice: str  # what to do, in a sentence or two
    evidence: str  # the numbers behind it
    entry_id: int | None = None
    command: str | None = None  # a command that helps, when there is one


# ------------------------------------------------------------------ figures


def counted(entries: Iterable[JournalEntry]) -> list[JournalEntry]:
    return [e for e in entries if e.counts_as_rejection]


def stage_of(entry: JournalEntry) -> str:
    return entry.stage if entry.stage in STAGE_ORDER else "unknown"


def week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())


def weekly(entries: Iterable[JournalEntry], now: datetime, weeks: int = 8) -> list[Week]:
    """Rejections per calendar week (Monday first, in ``now``'s time zone), oldest first,
    the current week last; entries outside the ``weeks`` shown are left out."""
    if weeks < 1:
        raise ValueError("weeks must be at least 1")
    current = week_start(now.date())
    starts = [current - timedelta(weeks=n) for n in range(weeks - 1, -1, -1)]
    tallies: dict[date, dict[str, int]] = {start: dict.fromkeys(STAGE_ORDER, 0) for start in starts}
    for e in counted(entries):
        if e.when is None:
            continue
        start = week_start(e.when.astimezone(now.tzinfo).date())
        if start in tallies:
            tallies[start][stage_of(e)] += 1
    return [Week(start, **tallies[start]) for start in starts]


def summarize(entries: Iterable[JournalEntry], improvements: Iterable[Improvement] = ()) -> Summary:
    rejections = counted(entries)
    stages = [stage_of(e) for e in rejections]
    replied = [e for e in rejections if e.replied_at]
    delays = [
        (e.replied_at - e.when).total_seconds() / 86400
        for e in replied
        if e.replied_at and e.when and e.replied_at >= e.when
    ]
    return Summary(
        rejections=len(rejections),
        application=stages.count("application"),
        interview=stages.count("interview"),
        unknown=stages.count("unknown"),
        replied=len(replied),
        feedback=sum(1 for e in replied if e.feedback_at),
        median_days_to_reply=statistics.median(delays) if delays else None,
        open_improvements=sum(1 for i in improvements if i.done_at is None),
    )


def percent(share: float | None) -> str:
    return "?" if share is None else f"{round(share * 100)}%"


# ------------------------------------------------------------------ nudges


def nudges(
    entries: Sequence[JournalEntry], now: datetime, *, feedback_request: str = "same_draft"
) -> list[Nudge]:
    """Every nudge the journal's evidence supports, due reminders first."""
    return [
        *due_reminders(entries, now),
        *review_cv(entries, now),
        *practise_interviews(entries, now),
        *feedback_follow_up(entries, now, feedback_request),
        *stay_in_touch(entries, now),
    ]


def _within(entries: Iterable[JournalEntry], now: datetime, days: int) -> list[JournalEntry]:
    since = now - timedelta(days=days)
    return [e for e in counted(entries) if e.when and since <= e.when <= now]


def review_cv(entries: Sequence[JournalEntry], now: datetime) -> list[Nudge]:
    recent = _within(entries, now, CV_WINDOW_DAYS)
    application = sum(1 for e in recent if stage_of(e) == "application")
    interview = sum(1 for e in recent if stage_of(e) == "interview")
    if application < CV_MIN_REJECTIONS or interview:
        return []
    return [
        Nudge(
            "review_cv",
            "Applications are not turning into interviews yet. Compare your CV with two "
            "recent postings line by line, make the best matches easy to spot, and check "
            "that the roles you pick fit your experience.",
            f"{application} application-stage rejections and no interviews in the last "
            f"{CV_WINDOW_DAYS // 7} weeks",
            command="rejoinder reflect",
        )
    ]


def practise_interviews(entries: Sequence[JournalEntry], now: datetime) -> list[Nudge]:
    recent = [e for e in _within(entries, now, INTERVIEW_WINDOW_DAYS) if stage_of(e) == "interview"]
    if len(recent) < INTERVIEW_MIN_REJECTIONS:
        return []
    companies = sorted({e.company for e in recent if e.company})
    named = f" ({', '.join(companies)})" if companies else ""
    return [
        Nudge(
            "practise_interviews",
            "You are getting interviews, which means your applications work. Practise the "
            "interview itself: rehearse answers aloud with a friend or a recording, and go "
            "through your reflections for the moments that keep coming up.",
            f"{len(recent)} rejections after interviews in the last "
            f"{INTERVIEW_WINDOW_DAYS} days{named}",
            command="rejoinder reflect",
        )
    ]


def feedback_follow_up(
    entries: Sequence[JournalEntry], now: datetime, feedback_request: str
) -> list[Nudge]:
    if feedback_request != "same_draft":
        return []  # already asking separately, or the user chose not to ask
    settled = now - timedelta(days=FEEDBACK_WAIT_DAYS)
    replied = [e for e in counted(entries) if e.replied_at and e.replied_at <= settled]
    if len(replied) < FEEDBACK_MIN_REPLIES or any(e.feedback_at for e in counted(entries)):
        return []
    return [
        Nudge(
            "feedback_follow_up",
            "Nobody has answered your feedback requests yet. Asking in a separate, short "
            'message a few days after your thank-you often works better: set feedback_request = "follow_up" '
            "in the [drafts] section of your config.",
            f"{len(replied)} replies sent more than {FEEDBACK_WAIT_DAYS} days ago, "
            "0 answered with feedback",
        )
    ]


def stay_in_touch(entries: Sequence[JournalEntry], now: datetime) -> list[Nudge]:
    latest: dict[str, JournalEntry] = {}
    for e in counted(entries):
        if stage_of(e) != "interview" or e.when is None or e.remind_at is not None:
            continue
        age = (now - e.when).days
        if not STAY_IN_TOUCH_AFTER_DAYS <= age <= STAY_IN_TOUCH_UNTIL_DAYS:
            continue
        key = (e.company or f"#{e.id}").casefold()
        if key not in latest or (latest[key].when or now) < e.when:
            latest[key] = e
    found = sorted(latest.values(), key=lambda e: e.when or now)[:STAY_IN_TOUCH_MAX]
    return [_stay_in_touch_nudge(e, now) for e in found]


def _stay_in_touch_nudge(e: JournalEntry, now: datetime) -> Nudge:
    assert e.when is not None
    months = max(1, round((now - e.when).days / 30.4))
    who = e.company or "this company"
    return Nudge(
        "stay_in_touch",
        f"You met {who} at interview; a short, friendly note now keeps you in mind for "
        "the next opening. Or set a reminder for later.",
        f"interview-stage rejection on {e.when.date().isoformat()}, about {months} "
        f"month{'s' if months != 1 else ''} ago",
        entry_id=e.id,
        command=f"rejoinder journal remind {e.id} --in 3m",
    )


def due_reminders(entries: Iterable[JournalEntry], now: datetime) -> list[Nudge]:
    due = sorted((e for e in entries if e.remind_at and e.remind_at <= now), key=_remind_key)
    return [
        Nudge(
            "reminder_due",
            f"Time to get back in touch with {e.company or 'the sender of entry ' + str(e.id)}"
            f"{' about the ' + e.role + ' role' if e.role else ''}.",
            f"reminder set for {e.remind_at.date().isoformat() if e.remind_at else '?'}",
            entry_id=e.id,
            command=f"rejoinder journal remind {e.id} --clear",
        )
        for e in due
    ]


def _remind_key(e: JournalEntry) -> datetime:
    assert e.remind_at is not None
    return e.remind_at


# ------------------------------------------------------------------ reminders

_INTERVAL = re.compile(r"^\s*(\d{1,3})\s*([dwm])\s*$", re.IGNORECASE)


def reminder_time(now: datetime, spec: str) -> datetime:
    """``now`` plus an interval such as ``10d``, ``2w`` or ``3m`` (calendar months;
    the 31st becomes the month's last day)."""
    match = _INTERVAL.match(spec)
    if not match or int(match[1]) == 0:
        raise InputError(
            f"cannot read the interval {spec!r}",
            "give a number and a unit: 10d (days), 2w (weeks) or 3m (months)",
        )
    amount, unit = int(match[1]), match[2].lower()
    if unit == "d":
        return now + timedelta(days=amount)
    if unit == "w":
        return now + timedelta(weeks=amount)
    return add_months(now, amount)


def add_months(moment: datetime, months: int) -> datetime:
    year, month = divmod(moment.month - 1 + months, 12)
    year, month = moment.year + year, month + 1
    day = min(moment.day, calendar.monthrange(year, month)[1])
    return moment.replace(year=year, month=month, day=day)
