"""The shipped model on hand-written fixtures: the hard negatives that break
keyword tools must stay negatives, and rejections at both stages must be caught."""

from __future__ import annotations

from pathlib import Path

import pytest

from rejoinder.classifier.classify import Classifier, load_classifier
from rejoinder.classifier.message import ParsedMessage, parse_message
from rejoinder.classifier.result import Stage, Verdict

FIXTURES = Path(__file__).parent / "fixtures" / "classify"

HARD_NEGATIVES = [
    "interview-invitation",
    "reschedule",  # "unfortunately we need to reschedule"
    "application-received",  # "due to the high volume… assume you were not shortlisted"
    "offer",  # "we regret the delay"
    "recruiter-outreach",
    "job-alert",
    "own-withdrawal",  # the candidate's own sent mail
    "own-thanks-for-rejection",
    "newsletter",
    "loan-declined",  # non-job rejections
    "talk-not-accepted",
    "flat-application-declined",
    "declined-meeting",
    # Rejection wording the model alone calls a rejection, in mail that is not to an
    # applicant: a hiring manager's note to a colleague, and a post to a mailing list.
    "internal-note-about-a-candidate",
    "list-post-rejection-story",
]


@pytest.fixture(scope="module")
def classifier() -> Classifier:
    return load_classifier()


def message(name: str) -> ParsedMessage:
    parsed = parse_message((FIXTURES / f"{name}.eml").read_bytes())
    assert isinstance(parsed, ParsedMessage)
    return parsed


@pytest.mark.parametrize("name", HARD_NEGATIVES)
def test_hard_negatives_get_no_draft(classifier: Classifier, name: str) -> None:
    result = classifier.classify(message(name))
    assert result.verdict is not Verdict.REJECTION, result


@pytest.mark.parametrize(
    ("name", "stage"),
    [
        ("rejection-application-ats", Stage.APPLICATION),
        ("rejection-interview", Stage.INTERVIEW),
        ("rejection-terse", Stage.APPLICATION),
    ],
)
def test_rejections_are_caught_with_their_stage(
    classifier: Classifier, name: str, stage: Stage
) -> None:
    result = classifier.classify(message(name))
    assert result.verdict is Verdict.REJECTION
    assert result.stage is stage


def test_extraction_on_a_rejection(classifier: Classifier) -> None:
    found = classifier.classify(message("rejection-interview")).extraction
    assert (found.company, found.role, found.contact_name) == (
        "Kettleworks",
        "Product Designer",
        "Ines",
    )


def test_job_context_gate_blocks_refusals_that_name_no_job(classifier: Classifier) -> None:
    msg = message("rejection-terse")
    unrelated = ParsedMessage(
        **{
            **msg.__dict__,
            "subject": "Re: the allotment plot",
            "new_text": "Jordan - we won't be moving forward with your request. Thanks for your interest.",
        }
    )
    assert classifier.classify(unrelated).verdict is Verdict.NOT_REJECTION


def test_job_context_gate_lets_placements_through() -> None:
    from rejoinder.classifier.features import has_job_context

    msg = message("rejection-terse")
    for text, expected in (
        ("Sadly there is no internship place for you in the spring intake.", True),
        ("Your apprenticeship place went to another applicant.", True),
        ("Sadly there is no plot for you in the spring allocation.", False),
    ):
        probe = ParsedMessage(**{**msg.__dict__, "subject": "Summer", "new_text": text})
        assert has_job_context(probe) is expected, text


def test_every_job_word_the_gate_knows_begins_with_a_listed_stem() -> None:
    """The gate skips its regex when no stem occurs: a word it matches without a stem
    would be a rejection silently never classified."""
    from rejoinder.classifier.corpus.records import load_corpus
    from rejoinder.classifier.features import _JOB_CONTEXT, JOB_STEMS

    # The regex's own alternatives, spelled out, and every match in the corpus.
    words = {"applications", "applied", "applying", "apply", "applicants", "candidacy"}
    words |= {"candidacies", "candidates", "candidature", "positions", "roles", "jobs"}
    words |= {"vacancy", "vacancies", "openings", "interviewer", "hiring", "recruiting"}
    words |= {"careers", "resume", "résumé", "cv", "employment", "talent", "shortlisted"}
    words |= {"req", "requisition", "interns", "internships", "trainees", "traineeship"}
    words |= {"apprentices", "apprenticeship"}
    for record in load_corpus():
        text = f"{record.subject}\n{record.body}".lower()
        words |= {match.group() for match in _JOB_CONTEXT.finditer(text)}
    assert all(_JOB_CONTEXT.fullmatch(word) for word in {"applications", "résumé", "req"})
    unlisted = sorted(w for w in words if _JOB_CONTEXT.fullmatch(w) and not w.startswith(JOB_STEMS))
    assert unlisted == []


def test_the_gate_answers_as_its_regex_alone_would() -> None:
    from rejoinder.classifier.features import _JOB_CONTEXT, has_job_context

    msg = message("rejection-terse")
    for text in ("Our internal req 4411 is closed.", "The plot went to someone else.", "A CV!"):
        probe = ParsedMessage(**{**msg.__dict__, "subject": "Hello", "new_text": text})
        assert has_job_context(probe) is bool(_JOB_CONTEXT.search(text.lower())), text


def test_typographic_apostrophes_read_like_plain_ones() -> None:
    from rejoinder.classifier.features import model_text

    msg = message("rejection-terse")
    curly, plain = (
        model_text(ParsedMessage(**{**msg.__dict__, "new_text": f"We can{q}t go ahead."}))
        for q in ("\u2019", "'")
    )
    assert curly == plain
    assert "can't" in curly


@pytest.mark.parametrize(
    ("text", "marker"),
    [
        ("Thank you for visiting our offices and meeting the team.", "zzcontact"),
        ("The panel has decided not to continue.", "zzcontact"),
        ("Thanks for the phone screen on Tuesday.", "zzcontact"),
        ("We have reviewed your CV against the requirements.", "zznocontact"),
        ("Your application was not shortlisted.", "zznocontact"),
    ],
)
def test_contact_marker_names_any_meeting_with_the_employer(text: str, marker: str) -> None:
    from rejoinder.classifier.features import contact_marker, model_text

    assert contact_marker(text) == marker
    msg = message("rejection-terse")
    probe = ParsedMessage(**{**msg.__dict__, "subject": "Update", "new_text": text})
    assert model_text(probe).split()[-1] == marker


def _with_envelope(name: str, sender: str, recipients: str, extra: str = "") -> ParsedMessage:
    """A fixture with its From and To lines replaced (and ``extra`` header lines added)."""
    lines = (FIXTURES / f"{name}.eml").read_bytes().split(b"\n")
    for i, line in enumerate(lines):
        if line.startswith(b"From:"):
            lines[i] = f"From: {sender}".encode()
        elif line.startswith(b"To:"):
            lines[i] = (f"To: {recipients}" + (f"\n{extra}" if extra else "")).encode()
    parsed = parse_message(b"\n".join(lines))
    assert isinstance(parsed, ParsedMessage)
    return parsed


INES = "Ines Borrell <ines.borrell@kettleworks.example>"


@pytest.mark.parametrize(
    ("sender", "recipients", "extra", "verdict"),
    [
        # To the applicant, whatever else is copied: a rejection.
        (INES, "jordan.avery@gmail.com\nCc: tom.reyes@kettleworks.example", "", Verdict.REJECTION),
        # Sent to the recruiting team's own mailbox or to the sender, applicants in Bcc.
        (INES, "Careers <careers@kettleworks.example>", "", Verdict.REJECTION),
        (INES, INES, "", Verdict.REJECTION),
        # Two people on a public provider are not colleagues.
        ("Ines <ines.borrell@gmail.com>", "jordan.avery@gmail.com", "", Verdict.REJECTION),
        # A colleague at the company (its subdomains included): internal mail.
        (INES, "Tom Reyes <tom.reyes@kettleworks.example>", "", Verdict.UNSURE),
        (
            "Ines <ines@mail.kettleworks.example>",
            "tom.reyes@kettleworks.example",
            "",
            Verdict.UNSURE,
        ),
        # A recipient at a bare top-level label is nobody's colleague.
        (INES, "someone@example", "", Verdict.REJECTION),
        ("Ines <ines@kettleworks>", "tom@kettleworks", "", Verdict.REJECTION),
        # A mailing list's post goes to everyone on the list.
        (INES, "jordan.avery@gmail.com", "List-Id: <designers.lists.example>", Verdict.UNSURE),
    ],
)
def test_rejection_wording_not_sent_to_an_applicant_is_kept_for_review_only(
    classifier: Classifier, sender: str, recipients: str, extra: str, verdict: Verdict
) -> None:
    result = classifier.classify(_with_envelope("rejection-interview", sender, recipients, extra))
    assert result.verdict is verdict, result
    assert result.label.value == "rejection"  # what the model read is kept for the journal
