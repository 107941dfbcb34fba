"""Statistics and nudges over constructed histories: each nudge fires when the
evidence is there and stays silent otherwise."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from journal_entries import make_entry

from rejoinder.daemon.errors import InputError
from rejoinder.daemon.journal import Improvement, JournalEntry
from rejoinder.daemon.stats import (
    CV_MIN_REJECTIONS,
    FEEDBACK_MIN_REPLIES,
    INTERVIEW_MIN_REJECTIONS,
    due_reminders,
    feedback_follow_up,
    nudges,
    practise_interviews,
    reminder_time,
    review_cv,
    stay_in_touch,
    summarize,
    weekly,
)

NOW = datetime(2026, 11, 18, 12, tzinfo=UTC)  # a Wednesday


def rejection(
    n: int, days_ago: float, stage: str | None = "application", **changes: Any
) -> JournalEntry:
    return make_entry(n, days_ago, NOW, stage, **changes)


def applications(count: int, start: int = 1, days_ago: float = 3) -> list[JournalEntry]:
    return [rejection(n, days_ago + n * 0.1) for n in range(start, start + count)]


def kinds(found: list[Any]) -> list[str]:
    return [n.kind for n in found]


# ------------------------------------------------------------------ figures


def test_weekly_counts_by_stage_in_calendar_weeks() -> None:
    entries = [
        rejection(1, 0),  # this week (Monday 2026-11-16)
        rejection(2, 1, "interview"),  # this week
        rejection(3, 3, None),  # Sunday 2026-11-15: last week; no stage counts as unknown
        rejection(4, 10, "interview"),  # Sunday 2026-11-08
        rejection(5, 60),  # outside the 4 weeks shown
        rejection(6, 0, not_rejection=True),  # corrected: left out
        rejection(7, 0, verdict="unsure"),  # never confirmed: left out
    ]
    weeks = weekly(entries, NOW, weeks=4)
    assert [w.start for w in weeks] == [
        date(2026, 10, 26),
        date(2026, 11, 2),
        date(2026, 11, 9),
        date(2026, 11, 16),
    ]
    assert [(w.application, w.interview, w.unknown) for w in weeks] == [
        (0, 0, 0),
        (0, 1, 0),
        (0, 0, 1),
        (1, 1, 0),
    ]
    with pytest.raises(ValueError, match="weeks"):
        weekly(entries, NOW, weeks=0)


def test_summary_rates_and_median_days_to_reply() -> None:
    entries = [
        rejection(1, 20, replied_at=NOW - timedelta(days=19), feedback_at=NOW - timedelta(days=15)),
        rejection(2, 20, "interview", replied_at=NOW - timedelta(days=17)),
        rejection(3, 20, "unknown", replied_at=NOW - timedelta(days=10)),
        rejection(4, 5, "interview"),
        rejection(5, 5, not_rejection=True, replied_at=NOW),
    ]
    improvements = [
        Improvement(1, "Shorter answers", 2, NOW),
        Improvement(2, "Tailor the CV", 1, NOW, done_at=NOW),
    ]
    s = summarize(entries, improvements)
    assert (s.rejections, s.application, s.interview, s.unknown) == (4, 1, 2, 1)
    assert s.interview_share == pytest.approx(2 / 3)
    assert (s.replied, s.feedback) == (3, 1)
    assert s.reply_rate == pytest.approx(0.75)
    assert s.feedback_rate == pytest.approx(1 / 3)
    assert s.median_days_to_reply == pytest.approx(3.0)  # of 1, 3 and 10 days
    assert s.open_improvements == 1


def test_summary_of_an_empty_journal_has_no_rates() -> None:
    s = summarize([])
    assert (s.rejections, s.interview_share, s.reply_rate, s.feedback_rate) == (0, None, None, None)
    assert s.median_days_to_reply is None


# ------------------------------------------------------------------ nudges


def test_review_cv_fires_after_several_application_rejections_without_interviews() -> None:
    [nudge] = review_cv(applications(CV_MIN_REJECTIONS), NOW)
    assert nudge.kind == "review_cv"
    assert f"{CV_MIN_REJECTIONS} application-stage rejections" in nudge.evidence
    assert "CV" in nudge.advice


def test_review_cv_stays_silent_without_enough_evidence() -> None:
    few = applications(CV_MIN_REJECTIONS - 1)
    assert review_cv(few, NOW) == []
    assert review_cv([*few, rejection(99, 2, not_rejection=True)], NOW) == []
    assert review_cv(applications(CV_MIN_REJECTIONS, days_ago=40), NOW) == []  # long ago
    with_interview = [*applications(CV_MIN_REJECTIONS + 2), rejection(99, 5, "interview")]
    assert review_cv(with_interview, NOW) == []


def test_practise_interviews_fires_on_repeated_interview_rejections() -> None:
    entries = [rejection(n, 10 * n, "interview") for n in range(1, INTERVIEW_MIN_REJECTIONS + 1)]
    [nudge] = practise_interviews(entries, NOW)
    assert f"{INTERVIEW_MIN_REJECTIONS} rejections after interviews" in nudge.evidence
    assert "Company 1" in nudge.evidence
    assert practise_interviews(entries[:-1], NOW) == []
    old = [rejection(n, 100 + n, "interview") for n in range(1, 6)]
    assert practise_interviews(old, NOW) == []
    assert practise_interviews([*entries[:-1], rejection(9, 3, "application")], NOW) == []


def replied(n: int, days_ago: float = 20, **changes: Any) -> JournalEntry:
    return rejection(n, days_ago, replied_at=NOW - timedelta(days=days_ago - 1), **changes)


def test_feedback_follow_up_fires_when_replies_never_get_feedback() -> None:
    entries = [replied(n) for n in range(1, FEEDBACK_MIN_REPLIES + 1)]
    [nudge] = feedback_follow_up(entries, NOW, "same_draft")
    assert 'feedback_request = "follow_up"' in nudge.advice
    assert f"{FEEDBACK_MIN_REPLIES} replies" in nudge.evidence
    assert "0 answered" in nudge.evidence


def test_feedback_follow_up_stays_silent_otherwise() -> None:
    entries = [replied(n) for n in range(1, FEEDBACK_MIN_REPLIES + 1)]
    assert feedback_follow_up(entries, NOW, "follow_up") == []  # already asking separately
    assert feedback_follow_up(entries, NOW, "never") == []
    assert feedback_follow_up(entries[:-1], NOW, "same_draft") == []
    answered = [*entries[:-1], replied(99, feedback_at=NOW - timedelta(days=2))]
    assert feedback_follow_up(answered, NOW, "same_draft") == []
    recent = [replied(n, days_ago=3) for n in range(1, FEEDBACK_MIN_REPLIES + 3)]
    assert feedback_follow_up(recent, NOW, "same_draft") == []  # too soon to tell


def test_stay_in_touch_suggests_a_reminder_months_after_an_interview() -> None:
    entries = [
        rejection(1, 100, "interview", company="Corvid Health"),
        rejection(2, 130, "interview", company="corvid health"),  # same company, older
        rejection(3, 20, "interview", company="Fernhill Bank"),  # too recent
        rejection(4, 100, "application", company="Halden"),  # never met them
        rejection(5, 100, "interview", company="Quillmark", remind_at=NOW + timedelta(days=9)),
        rejection(6, 500, "interview", company="Old News"),  # over a year ago
    ]
    [nudge] = stay_in_touch(entries, NOW)
    assert nudge.entry_id == 1
    assert nudge.command == "rejoinder journal remind 1 --in 3m"
    assert "Corvid Health" in nudge.advice
    assert (NOW - timedelta(days=100)).date().isoformat() in nudge.evidence
    assert "3 months ago" in nudge.evidence


def test_due_reminders_fire_when_due_and_not_before() -> None:
    due = rejection(1, 200, "interview", company="Corvid", remind_at=NOW - timedelta(hours=1))
    later = rejection(2, 200, "interview", remind_at=NOW + timedelta(days=1))
    [nudge] = due_reminders([due, later], NOW)
    assert (nudge.kind, nudge.entry_id) == ("reminder_due", 1)
    assert "Corvid" in nudge.advice
    assert (NOW - timedelta(hours=1)).date().isoformat() in nudge.evidence


def test_nudges_over_a_quiet_history_say_nothing() -> None:
    assert nudges([], NOW) == []
    calm = [rejection(1, 5), rejection(2, 12, "interview", replied_at=NOW)]
    assert nudges(calm, NOW) == []


def test_nudges_put_due_reminders_first() -> None:
    entries = [
        *applications(CV_MIN_REJECTIONS),
        rejection(50, 300, "application", remind_at=NOW - timedelta(days=1)),
    ]
    assert kinds(nudges(entries, NOW)) == ["reminder_due", "review_cv"]


# ------------------------------------------------------------------ reminders


@pytest.mark.parametrize(
    ("spec", "expected"),
    [
        ("10d", datetime(2026, 11, 28, 12, tzinfo=UTC)),
        ("2w", datetime(2026, 12, 2, 12, tzinfo=UTC)),
        ("3m", datetime(2027, 2, 18, 12, tzinfo=UTC)),
        (" 1M ", datetime(2026, 12, 18, 12, tzinfo=UTC)),
    ],
)
def test_reminder_time(spec: str, expected: datetime) -> None:
    assert reminder_time(NOW, spec) == expected


def test_reminder_months_keep_to_the_end_of_short_months() -> None:
    assert reminder_time(datetime(2026, 11, 30, tzinfo=UTC), "3m") == datetime(
        2027, 2, 28, tzinfo=UTC
    )


@pytest.mark.parametrize("spec", ["", "3", "3y", "0d", "-2w", "two weeks"])
def test_reminder_time_refuses_what_it_cannot_read(spec: str) -> None:
    with pytest.raises(InputError, match="interval"):
        reminder_time(NOW, spec)
