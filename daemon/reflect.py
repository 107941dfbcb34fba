"""The guided reflection after a rejection: which questions to ask, and checking answers.

Pure. The questions depend on how far the application got: after an application
stage rejection they look at the match between the posting and the papers; after
interviews they walk through the interview touchpoint by touchpoint. Either way
the reflection ends with what went well, what to change, and exactly one concrete
improvement to work on next. ``rejoinder reflect`` (cli_reflect.py) does the I/O.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from rejoinder.daemon.errors import InputError

RATING_MIN, RATING_MAX = 1, 5
MAX_IMPROVEMENT = 200  # one sentence: an improvement you can act on, not a plan


@dataclass(frozen=True)
class Topic:
    key: str  # used on the command line: --rating first_contact=4
    title: str
    question: str


@dataclass(frozen=True)
class Plan:
    stage: str  # "application" or "interview"
    intro: str
    topics: tuple[Topic, ...]

    def topic(self, key: str) -> Topic | None:
        return next((t for t in self.topics if t.key == key), None)

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(t.key for t in self.topics)


APPLICATION_PLAN = Plan(
    "application",
    "This one ended at the application stage. That usually says more about the match "
    "between the posting and how your papers presented you than about your worth. Three "
    "quick questions: rate each from 1 (not really) to 5 (very much) and add a note if "
    "something comes to mind. Press Enter to skip any of them.",
    (
        Topic(
            "fit",
            "Fit with the posting",
            "How closely did your skills and experience match what the posting asked for? "
            "Which must-haves did you meet, and which were missing?",
        ),
        Topic(
            "materials",
            "CV and cover letter",
            "How clearly did your CV and cover letter show that match? Could a busy reader "
            "find your strongest evidence in half a minute?",
        ),
        Topic(
            "target",
            "The right target",
            "How right was this role for you at this point: the level, the field, the kind "
            "of organisation, the location?",
        ),
    ),
)

INTERVIEW_PLAN = Plan(
    "interview",
    "You reached the interview, so your application did its job. Let us walk through "
    "the process while it is still fresh. Rate each moment from 1 (it went badly) to 5 "
    "(it went really well) and jot a note if you like. Press Enter to skip any moment "
    "that did not happen.",
    (
        Topic(
            "first_contact",
            "First contact",
            "The message or call that set up the interview: how promptly and warmly did "
            "you respond, and did you ask what to expect?",
        ),
        Topic(
            "first_impression",
            "First impression",
            "The opening minutes: on time, ready, at ease, a friendly greeting?",
        ),
        Topic(
            "tell_me_about_yourself",
            '"Tell me about yourself"',
            "Was your answer short, tuned to this role, and did it end with why you applied?",
        ),
        Topic(
            "behavioural",
            "Behavioural questions",
            '"Tell me about a time when…": did your stories say what the situation was, '
            "what you did yourself, and how it turned out?",
        ),
        Topic(
            "research",
            "Research on the organisation",
            "Could you talk about what they do, what they care about and why it appeals to you?",
        ),
        Topic(
            "role_specific",
            "Role-specific questions",
            "The technical or professional questions: how well prepared did you feel?",
        ),
        Topic(
            "unexpected",
            "Unexpected questions",
            "When something caught you off guard, did you take a moment, think aloud, and "
            "give an honest answer?",
        ),
        Topic(
            "your_questions",
            "Your questions for them",
            "Did you ask questions that showed real interest in the work and the team?",
        ),
        Topic(
            "thank_you",
            "The thank-you",
            "Did you send a short thank-you within a day, and did it add something of your own?",
        ),
        Topic(
            "manner",
            "Manner and tone",
            "Overall: listening, energy, warmth, confidence without overselling.",
        ),
    ),
)

CLOSING_QUESTIONS = {
    "went_well": "What went well? Name at least one thing, however small.",
    "do_differently": "What would you do differently next time?",
    "improvement": "Pick one concrete thing to work on before the next application or "
    "interview (for example: rehearse a 90-second answer to 'tell me about yourself').",
}


@dataclass(frozen=True)
class TopicAnswer:
    rating: int | None = None
    note: str = ""


@dataclass(frozen=True)
class Answers:
    stage: str
    topics: dict[str, TopicAnswer] = field(default_factory=dict)
    went_well: str = ""
    do_differently: str = ""
    improvement: str = ""

    def as_json(self) -> dict[str, Any]:
        """The shape stored in the journal's reflections table."""
        return {
            "stage": self.stage,
            "touchpoints": {
                key: {"rating": answer.rating, "note": answer.note}
                for key, answer in self.topics.items()
            },
            "went_well": self.went_well,
            "do_differently": self.do_differently,
            "improvement": self.improvement,
        }


def plan_for(stage: str) -> Plan:
    """The questions for a stage: "interview", else the application-stage ones."""
    return INTERVIEW_PLAN if stage == "interview" else APPLICATION_PLAN


def reflection_stage(
    entry_stage: str | None, override: str | None = None, keys: Iterable[str] = ()
) -> str | None:
    """Which questions to ask: the user's choice, else the entry's stage, else what the
    touchpoint keys given point to; None when only the user can tell (ask them)."""
    if override in ("application", "interview"):
        return override
    if entry_stage in ("application", "interview"):
        return entry_stage
    keys = set(keys)
    if keys and keys <= set(INTERVIEW_PLAN.keys):
        return "interview"
    if keys and keys <= set(APPLICATION_PLAN.keys):
        return "application"
    return None


def parse_rating(text: str) -> int | None:
    """A rating typed by the user: 1-5, or None for an empty answer (skipped)."""
    text = text.strip()
    if not text:
        return None
    if not text.isdigit() or not RATING_MIN <= int(text) <= RATING_MAX:
        raise ValueError(
            f"a rating is a whole number from {RATING_MIN} to {RATING_MAX}, not {text!r}"
        )
    return int(text)


def parse_pairs(values: Iterable[str], option: str) -> dict[str, str]:
    """``KEY=VALUE`` option values into a dict (a later key wins)."""
    pairs: dict[str, str] = {}
    for value in values:
        key, sep, rest = value.partition("=")
        if not sep or not key.strip():
            raise InputError(
                f"{option} {value!r} is not KEY=VALUE", f"write it like {option} first_contact=4"
            )
        pairs[key.strip()] = rest.strip()
    return pairs


def problems_in(
    plan: Plan,
    ratings: Mapping[str, str],
    notes: Mapping[str, str],
    improvement: str,
) -> list[str]:
    """Everything wrong with a set of answers, so the user can fix them in one go."""
    found = []
    for key in sorted({*ratings, *notes} - set(plan.keys)):
        found.append(
            f"{key!r} is not a question for an {plan.stage}-stage reflection "
            f"(use one of: {', '.join(plan.keys)})"
        )
    for key, value in ratings.items():
        try:
            parse_rating(value)
        except ValueError as exc:
            found.append(f"{key}: {exc}")
    found.extend(improvement_problems(improvement))
    return found


def improvement_problems(improvement: str) -> list[str]:
    text = improvement.strip()
    if not text:
        return ["choose one concrete improvement to work on next"]
    if "\n" in text or text.startswith(("-", "*", "•", "1.")):
        return ["choose exactly one improvement (one line, not a list)"]
    if len(text) > MAX_IMPROVEMENT:
        return [f"keep the improvement to one sentence (under {MAX_IMPROVEMENT} characters)"]
    return []


def build_answers(
    plan: Plan,
    *,
    ratings: Mapping[str, str],
    notes: Mapping[str, str],
    went_well: str,
    do_differently: str,
    improvement: str,
) -> Answers:
    """Validated answers; raises InputError listing every problem."""
    problems = problems_in(plan, ratings, notes, improvement)
    if problems:
        raise InputError(
            "the reflection cannot be saved: " + "; ".join(problems),
            "fix the answers and run it again",
        )
    topics = {
        topic.key: TopicAnswer(
            parse_rating(ratings.get(topic.key, "")), _line(notes.get(topic.key, ""))
        )
        for topic in plan.topics
        if topic.key in ratings or topic.key in notes
    }
    return Answers(
        stage=plan.stage,
        topics={k: v for k, v in topics.items() if v.rating is not None or v.note},
        went_well=went_well.strip(),
        do_differently=do_differently.strip(),
        improvement=" ".join(improvement.split()),
    )


def _line(text: str) -> str:
    return " ".join(text.split())


def summary_lines(answers: Mapping[str, Any]) -> list[str]:
    """A stored reflection (its JSON) as readable lines, for ``journal show`` and the report."""
    plan = plan_for(str(answers.get("stage", "")))
    lines = []
    touchpoints = answers.get("touchpoints") or {}
    if isinstance(touchpoints, Mapping):
        for key, value in touchpoints.items():
            if not isinstance(value, Mapping):
                continue
            topic = plan.topic(str(key))
            title = topic.title if topic else str(key)
            rating = value.get("rating")
            score = f"{rating}/5" if isinstance(rating, int) else "-"
            note = f"  {value['note']}" if value.get("note") else ""
            lines.append(f"{title}: {score}{note}")
    for key, label in (
        ("went_well", "Went well"),
        ("do_differently", "Do differently"),
        ("improvement", "Improvement"),
    ):
        if answers.get(key):
            lines.append(f"{label}: {answers[key]}")
    return lines
