"""The guided reflection: the pure question/validation part, then the command
in both its interactive and its scripted form."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from click.testing import CliRunner

from rejoinder.daemon import paths
from rejoinder.daemon.cli import cli
from rejoinder.daemon.errors import InputError
from rejoinder.daemon.journal import EntryRecord, Journal
from rejoinder.daemon.reflect import (
    APPLICATION_PLAN,
    INTERVIEW_PLAN,
    build_answers,
    parse_pairs,
    parse_rating,
    plan_for,
    reflection_stage,
    summary_lines,
)

INTERVIEW_KEYS = (
    "first_contact",
    "first_impression",
    "tell_me_about_yourself",
    "behavioural",
    "research",
    "role_specific",
    "unexpected",
    "your_questions",
    "thank_you",
    "manner",
)


# ------------------------------------------------------------------ pure part


def test_questions_depend_on_the_stage() -> None:
    assert plan_for("interview").keys == INTERVIEW_KEYS
    assert plan_for("application").keys == ("fit", "materials", "target")
    assert plan_for("unknown") is APPLICATION_PLAN
    for plan in (APPLICATION_PLAN, INTERVIEW_PLAN):
        assert plan.intro
        assert all(t.title and t.question.strip() for t in plan.topics)


@pytest.mark.parametrize(
    ("entry_stage", "override", "keys", "expected"),
    [
        ("application", "interview", [], "interview"),
        ("interview", None, [], "interview"),
        ("application", None, ["first_contact"], "application"),  # the entry says so
        ("unknown", None, ["first_contact", "manner"], "interview"),
        (None, None, ["fit"], "application"),
        ("unknown", None, [], None),  # only the user can tell
        (None, None, ["fit", "manner"], None),
    ],
)
def test_reflection_stage(
    entry_stage: str | None, override: str | None, keys: list[str], expected: str | None
) -> None:
    assert reflection_stage(entry_stage, override, keys) == expected


def test_parse_rating() -> None:
    assert parse_rating(" 4 ") == 4
    assert parse_rating("") is None
    for bad in ("0", "6", "x", "4.5", "-1"):
        with pytest.raises(ValueError, match="1 to 5"):
            parse_rating(bad)


def test_parse_pairs() -> None:
    pairs = parse_pairs(
        ["first_contact=4", "manner = calm = steady", "first_contact=5"], "--rating"
    )
    assert pairs == {"first_contact": "5", "manner": "calm = steady"}
    with pytest.raises(InputError, match="KEY=VALUE"):
        parse_pairs(["first_contact"], "--rating")


def answers(**changes: Any) -> dict[str, Any]:
    values: dict[str, Any] = {
        "ratings": {"first_contact": "4", "manner": "3"},
        "notes": {
            "first_contact": "  replied   within the hour ",
            "research": "read the annual report",
        },
        "went_well": "The research",
        "do_differently": "Shorter answers",
        "improvement": "Rehearse a 90-second answer to 'tell me about yourself'",
    }
    values.update(changes)
    return values


def test_build_answers_keeps_what_was_answered() -> None:
    result = build_answers(INTERVIEW_PLAN, **answers())
    assert result.as_json() == {
        "stage": "interview",
        "touchpoints": {
            "first_contact": {"rating": 4, "note": "replied within the hour"},
            "research": {"rating": None, "note": "read the annual report"},
            "manner": {"rating": 3, "note": ""},
        },
        "went_well": "The research",
        "do_differently": "Shorter answers",
        "improvement": "Rehearse a 90-second answer to 'tell me about yourself'",
    }


def test_build_answers_lists_every_problem_at_once() -> None:
    with pytest.raises(InputError) as caught:
        build_answers(
            INTERVIEW_PLAN,
            **answers(ratings={"frist_contact": "4", "manner": "9"}, improvement=""),
        )
    message = str(caught.value)
    assert "'frist_contact' is not a question" in message
    assert "manner: a rating is a whole number from 1 to 5" in message
    assert "choose one concrete improvement" in message


@pytest.mark.parametrize(
    "improvement", ["Rehearse answers\nUpdate CV", "- rehearse\n- update CV", "x" * 201]
)
def test_exactly_one_short_improvement(improvement: str) -> None:
    with pytest.raises(InputError, match="improvement"):
        build_answers(INTERVIEW_PLAN, **answers(improvement=improvement))


def test_application_answers_refuse_interview_keys() -> None:
    with pytest.raises(InputError, match="application-stage"):
        build_answers(APPLICATION_PLAN, **answers())


def test_summary_lines_read_like_a_note() -> None:
    lines = summary_lines(build_answers(INTERVIEW_PLAN, **answers()).as_json())
    assert lines[0] == "First contact: 4/5  replied within the hour"
    assert "Research on the organisation: -  read the annual report" in lines
    assert lines[-1].startswith("Improvement: Rehearse")


# ------------------------------------------------------------------ the command


def record(journal: Journal, key: str, stage: str, day: int, **changes: Any) -> int:
    values: dict[str, Any] = {
        "account": "work",
        "folder": "INBOX",
        "source_key": key,
        "message_key": f"<{key}@x>",
        "message_id": f"<{key}@x>",
        "received_at": datetime(2026, 10, day, 9, tzinfo=UTC),
        "sender": "Dana <dana@acme.example>",
        "subject": "Your application",
        "company": f"Company {key}",
        "role": "Analyst",
        "stage": stage,
        "verdict": "rejection",
        "score": 0.9,
        "model_version": "m",
        "draft_status": "created",
    }
    values.update(changes)
    entry = EntryRecord(**values)
    journal.record("work", entry.message_key, key, entry.verdict, entry)
    return next(e.id for e in journal.entries() if e.message_key == entry.message_key)


@pytest.fixture
def ids() -> dict[str, int]:
    with Journal.open(paths.journal_file()) as journal:
        return {
            "interview": record(journal, "a", "interview", 1),
            "application": record(journal, "b", "application", 5),
            "unknown": record(journal, "c", "unknown", 3),
        }


def invoke(*args: str, input: str | None = None) -> Any:
    return CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)


def stored(entry_id: int) -> dict[str, Any]:
    with Journal.open(paths.journal_file()) as journal:
        [reflection] = journal.reflections(entry_id)
        return reflection.answers


def test_reflect_without_input_takes_the_answers_from_options(ids: dict[str, int]) -> None:
    result = invoke(
        "reflect",
        str(ids["interview"]),
        "--no-input",
        "--rating",
        "first_contact=4",
        "--note",
        "first_contact=replied within the hour",
        "--rating",
        "thank_you=2",
        "--went-well",
        "The research",
        "--differently",
        "Shorter answers",
        "--improvement",
        "Send the thank-you the same day",
    )
    assert result.exit_code == 0, result.output
    assert "Send the thank-you the same day" in result.output
    answers = stored(ids["interview"])
    assert answers["stage"] == "interview"
    assert answers["touchpoints"] == {
        "first_contact": {"rating": 4, "note": "replied within the hour"},
        "thank_you": {"rating": 2, "note": ""},
    }
    with Journal.open(paths.journal_file()) as journal:
        assert [(i.text, i.entry_id) for i in journal.improvements()] == [
            ("Send the thank-you the same day", ids["interview"])
        ]


def test_reflect_asks_about_the_latest_unreflected_entry(ids: dict[str, int]) -> None:
    # The application-stage entry is the most recent: fit, materials, target, then the rest.
    typed = "\n".join(
        ["3", "missing the SQL they asked for", "", "", "5", "", "clear CV", "", "Add SQL project"]
    )
    result = invoke("reflect", input=typed + "\n")
    assert result.exit_code == 0, result.output
    assert f"entry {ids['application']}" in result.output
    assert "How closely did your skills" in result.output
    answers = stored(ids["application"])
    assert answers["touchpoints"] == {
        "fit": {"rating": 3, "note": "missing the SQL they asked for"},
        "target": {"rating": 5, "note": ""},
    }
    assert (answers["went_well"], answers["do_differently"], answers["improvement"]) == (
        "clear CV",
        "",
        "Add SQL project",
    )


def test_reflect_reprompts_a_bad_rating_and_an_empty_improvement(ids: dict[str, int]) -> None:
    typed = "\n".join(["7", "2", "", "", "", "", "", "", "", "", "Practise aloud"])
    result = invoke("reflect", str(ids["application"]), input=typed + "\n")
    assert result.exit_code == 0, result.output
    assert "1 to 5" in result.output
    answers = stored(ids["application"])
    assert answers["touchpoints"] == {"fit": {"rating": 2, "note": ""}}
    assert answers["improvement"] == "Practise aloud"


def test_reflect_asks_the_stage_when_it_is_unknown(ids: dict[str, int]) -> None:
    typed = "y\n" + "\n" * 22 + "Prepare questions for them\n"  # 10 x (rating, note) + 2
    result = invoke("reflect", str(ids["unknown"]), input=typed)
    assert result.exit_code == 0, result.output
    assert "Did you have an interview" in result.output
    assert '"Tell me about yourself"' in result.output
    assert stored(ids["unknown"])["stage"] == "interview"


def test_reflect_refuses_invalid_answers_and_stores_nothing(ids: dict[str, int]) -> None:
    result = invoke("reflect", str(ids["interview"]), "--no-input", "--rating", "first_contact=6")
    assert result.exit_code == 66
    assert "1 to 5" in result.output
    assert "choose one concrete improvement" in result.output
    with Journal.open(paths.journal_file()) as journal:
        assert journal.reflections() == []
        assert journal.improvements() == []


def test_reflect_when_everything_has_a_reflection(ids: dict[str, int]) -> None:
    with Journal.open(paths.journal_file()) as journal:
        for entry_id in ids.values():
            journal.add_reflection(entry_id, {"stage": "application"})
    result = invoke("reflect", "--no-input")
    assert result.exit_code == 0
    assert "Nothing to reflect on" in result.output


def test_reflect_on_an_unknown_entry_names_the_id() -> None:
    result = invoke("reflect", "41", "--no-input", "--improvement", "x")
    assert result.exit_code == 66
    assert "no journal entry 41" in result.output


def test_reflect_reports_bad_options_before_asking_anything(ids: dict[str, int]) -> None:
    result = invoke("reflect", str(ids["interview"]), "--rating", "frist_contact=4", input="")
    assert result.exit_code == 66
    assert "'frist_contact' is not a question" in result.output
    assert "1/10" not in result.output
