"""Company, role and contact extraction: every rule, and the cases that must stay None.

All companies, people and domains here are invented; domains use ``.example``.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rejoinder.classifier.extract import extract, normalise_company, normalise_role
from rejoinder.classifier.message import Address, ParsedMessage, parse_message
from rejoinder.classifier.result import Extraction

FIXTURES = Path(__file__).parent / "fixtures" / "extract"


def message(
    subject: str = "Your application",
    sender: tuple[str, str] = ("", "no-reply@greenhouse.io"),
    body: str = "",
    signature: str = "",
    to: tuple[str, str] = ("Jordan Reyes", "jordan.reyes@mail.example"),
) -> ParsedMessage:
    """A parsed message as the parser would hand it over (new text without the signature)."""
    return ParsedMessage(
        message_id="<x@test.example>",
        in_reply_to=None,
        references=(),
        from_=Address(*sender),
        reply_to=(),
        to=(Address(*to),),
        cc=(),
        subject=subject,
        date=None,
        list_id=None,
        auto_submitted=None,
        precedence=None,
        body=f"{body}\n{signature}",
        body_from_html=False,
        new_text=body,
        quoted="",
        signature=signature,
        size=len(body) + len(signature),
        truncated=False,
    )


REJECTION = "Unfortunately, we have decided to move forward with other candidates."


# ---------------------------------------------------------------------------
# Company
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "signature", "expected"),
    [
        # Signature: the organisation under the signer's name and title.
        (
            "Hi Jordan,\n\n" + REJECTION,
            "Best regards,\nDana Whitfield\nRecruiter, Quillon",
            "Quillon",
        ),
        ("Hi Jordan,\n\n" + REJECTION, "Best,\nDana Whitfield\nRecruiter | Quillon", "Quillon"),
        ("Hi Jordan,\n\n" + REJECTION, "Best,\nDana Whitfield\nRecruiter at Quillon", "Quillon"),
        (
            "Hi Jordan,\n\n" + REJECTION,
            "Thanks,\nDana Whitfield\nSenior Recruiter\nQuillon",
            "Quillon",
        ),
        ("Hi Jordan,\n\n" + REJECTION, "Regards,\nQuillon Talent Acquisition", "Quillon"),
        ("Hi Jordan,\n\n" + REJECTION, "Sincerely,\nThe Quillon Recruiting Team", "Quillon"),
        ("Hi Jordan,\n\n" + REJECTION, "Quillon | Careers", "Quillon"),
        # Body phrases.
        ("Thank you for your interest in Marrowgate. " + REJECTION, "", "Marrowgate"),
        ("Thank you for your application to Marrowgate. " + REJECTION, "", "Marrowgate"),
        ("We appreciate your application with Marrowgate. " + REJECTION, "", "Marrowgate"),
        ("Thanks for your interest in joining Marrowgate! " + REJECTION, "", "Marrowgate"),
        ("The Marrowgate team enjoyed meeting you. " + REJECTION, "", "Marrowgate"),
        ("Marrowgate's hiring team has reviewed your profile. " + REJECTION, "", "Marrowgate"),
        ("Thank you for applying for a position with Marrowgate. " + REJECTION, "", "Marrowgate"),
        (
            "Please keep an eye on future opportunities at Marrowgate. " + REJECTION,
            "",
            "Marrowgate",
        ),
        (
            "Thank you for considering Marrowgate Labs as your next step. " + REJECTION,
            "",
            "Marrowgate Labs",
        ),
        # Several words, connectors and legal forms survive; trailing punctuation does not.
        (
            "Thank you for your interest in Birch & Vale Partners. " + REJECTION,
            "",
            "Birch & Vale Partners",
        ),
        ("Thank you for your interest in Bank of Orrin. " + REJECTION, "", "Bank of Orrin"),
        ("Thank you for applying to Tessaract GmbH. " + REJECTION, "", "Tessaract GmbH"),
        ("Thank you for applying to Tessaract, Inc. " + REJECTION, "", "Tessaract, Inc."),
        (
            "Thank you for applying to Tessaract Ltd. Our team read it closely.",
            "",
            "Tessaract Ltd.",
        ),
        # A title before "at" makes the bare "at" a statement about the employer.
        ("You applied for the role of Data Analyst at Fernhollow. " + REJECTION, "", "Fernhollow"),
    ],
)
def test_company_rules(body: str, signature: str, expected: str) -> None:
    assert extract(message(body=body, signature=signature)).company == expected


@pytest.mark.parametrize(
    ("display", "address", "expected"),
    [
        ("Ostrava Careers", "no-reply@greenhouse.io", "Ostrava"),
        ("Ostrava via Greenhouse", "no-reply@greenhouse.io", "Ostrava"),
        ("Ostrava Recruiting", "jobs@lever.co", "Ostrava"),
        ("Ostrava Talent", "talent@smartrecruiters.com", "Ostrava"),
        ("Careers at Ostrava", "no-reply@myworkday.com", "Ostrava"),
        ("Dana from Ostrava", "dana@ashbyhq.com", "Ostrava"),
        ("Dana Whitfield | Ostrava Labs", "dana@ashbyhq.com", "Ostrava Labs"),
        ("Ostrava Robotics", "jobs@ostravarobotics.example", "Ostrava Robotics"),
    ],
)
def test_company_from_sender_display_name(display: str, address: str, expected: str) -> None:
    msg = message(sender=(display, address), body="Hi Jordan,\n\n" + REJECTION)
    assert extract(msg).company == expected


def test_domain_confirms_the_text_spelling_of_a_weak_mention() -> None:
    body = "It was a pleasure to meet you at Wrenfield last week. " + REJECTION
    alone = message(sender=("Recruiting", "no-reply@greenhouse.io"), body=body)
    confirmed = message(sender=("Dana Whitfield", "dana@wrenfield.example"), body=body)
    assert extract(alone).company is None  # a lone "at X" is not enough
    assert extract(confirmed).company == "Wrenfield"


def test_domain_label_is_spelt_as_the_text_spells_it() -> None:
    body = "Hi Jordan,\n\nWe enjoyed our chat about Pale Harbor Systems. " + REJECTION
    msg = message(sender=("Dana Whitfield", "dana@paleharbor.example"), body=body)
    assert extract(msg).company == "Pale Harbor"


def test_evidence_from_several_places_outweighs_one() -> None:
    body = (
        "Thank you for your interest in Corvane. We met many people at Brightlake "
        "during the fair. " + REJECTION
    )
    msg = message(body=body, signature="Best,\nThe Corvane Hiring Team")
    assert extract(msg).company == "Corvane"


def test_fuller_name_collects_the_evidence_for_its_short_form() -> None:
    body = "Thank you for applying for the Buyer role at Northgale Outfitters. " + REJECTION
    msg = message(body=body, signature="Best,\nPriya Raman\nNorthgale Talent Acquisition")
    assert extract(msg).company == "Northgale Outfitters"


@pytest.mark.parametrize(
    ("sender", "body", "signature"),
    [
        # Nothing but a free-mail address.
        (("Sam Ortiz", "sam.ortiz@gmail.com"), "Hi Jordan,\n\n" + REJECTION, "Thanks,\nSam"),
        # Nothing but a relay.
        (("", "no-reply@greenhouse.io"), "Hello,\n\n" + REJECTION, ""),
        # A domain the text never spells: a guess at its spelling, so no.
        (("Dana Whitfield", "dana@ironquay.example"), "Hi Jordan,\n\n" + REJECTION, ""),
        # Generic words are not companies.
        (
            ("Hiring Team", "jobs@company.example"),
            "Thank you for your interest in our Company.",
            "",
        ),
        (("Interview Team", "no-reply@greenhouse.io"), "Hi,\n\n" + REJECTION, ""),
        # A department signing is not the employer.
        (("Business Office", "office@lever.co"), "Dear applicant,\n\n" + REJECTION, ""),
        # A title is not a company.
        (
            ("", "x@greenhouse.io"),
            "Thank you for your interest in the Senior Analyst position.",
            "",
        ),
        # "with" after an interview introduces a person.
        (("", "x@greenhouse.io"), "Thank you for your interview with Marisol. " + REJECTION, ""),
    ],
)
def test_company_none_when_unsure(sender: tuple[str, str], body: str, signature: str) -> None:
    assert extract(message(sender=sender, body=body, signature=signature)).company is None


def test_candidate_name_in_subject_is_not_a_company() -> None:
    msg = message(subject="Interview feedback – Jordan Reyes", body="Hi,\n\n" + REJECTION)
    assert extract(msg).company is None


# ---------------------------------------------------------------------------
# Role
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("subject", "expected"),
    [
        ("Your application for Senior Data Analyst", "Senior Data Analyst"),
        ("Application update – Product Designer (Remote)", "Product Designer"),
        ("Re: Backend Engineer position", "Backend Engineer"),
        ("Senior Analyst at Quillon: update", "Senior Analyst"),
        ("Your application: Site Reliability Engineer (REQ-1234)", "Site Reliability Engineer"),
        ("Update on your application for the Payroll Specialist role", "Payroll Specialist"),
        ("Quillon | Warehouse Operative - application status", "Warehouse Operative"),
    ],
)
def test_role_from_subject(subject: str, expected: str) -> None:
    assert extract(message(subject=subject, body="Hi Jordan,\n\n" + REJECTION)).role == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Thank you for applying for the Senior Data Analyst position.", "Senior Data Analyst"),
        (
            "We enjoyed learning about you for the Growth Marketing Manager role.",
            "Growth Marketing Manager",
        ),
        ("We have filled the Junior Accountant opening.", "Junior Accountant"),
        ("Thanks for your interest in the Staff Engineer opportunity.", "Staff Engineer"),
        (
            "You applied for the role of Customer Success Manager at Quillon.",
            "Customer Success Manager",
        ),
        ("Thank you for applying for the position of Head of Finance.", "Head of Finance"),
        ("Thank you for applying for Lab Technician with us.", "Lab Technician"),
        ("We have reviewed your candidacy for Research Scientist.", "Research Scientist"),
        ("Thank you for interviewing for the Solutions Architect role.", "Solutions Architect"),
        ("We reviewed your application for the data engineer position.", "data engineer"),
        ("Thank you for your interest in Quillon's Brand Designer role.", "Brand Designer"),
        ("Thank you for applying to the Support Agent (JR-20931) role.", "Support Agent"),
        ("We reviewed your application as a Sr. Product Manager.", "Sr. Product Manager"),
    ],
)
def test_role_from_body(sentence: str, expected: str) -> None:
    msg = message(subject="Your application", body=f"Hi Jordan,\n\n{sentence} {REJECTION}")
    assert extract(msg).role == expected


def test_subject_and_body_agreeing_wins_over_a_lone_body_mention() -> None:
    body = (
        "Thank you for applying for the Data Analyst position. Our Finance Director "
        "role is also closed. " + REJECTION
    )
    msg = message(subject="Application update – Data Analyst", body=body)
    assert extract(msg).role == "Data Analyst"


@pytest.mark.parametrize(
    "sentence",
    [
        "Thank you for your interest in the position.",
        "Thank you for applying for this role.",
        "We appreciate your interest in this opportunity.",
        "We have decided to fill the open position internally.",
        "Thank you for the time you invested in the role.",
        "Thank you for applying for a job with us.",
        "Thank you for applying to Quillon.",
        "We are interested in candidates who fit the role.",
    ],
)
def test_role_none_for_generic_words(sentence: str) -> None:
    msg = message(subject="Your application", body=f"Hi Jordan,\n\n{sentence} {REJECTION}")
    assert extract(msg).role is None


# ---------------------------------------------------------------------------
# Contact first name
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("signature", "expected"),
    [
        ("Best regards,\nDana Whitfield\nRecruiter, Quillon", "Dana"),
        ("Kind regards,\n\nDr. Imani Okafor\nHead of People", "Imani"),
        ("Thanks,\nMarcus", "Marcus"),
        ("Best, Marcus", "Marcus"),
        ("Cheers -- Marcus", "Marcus"),
        ("All the best in your search,\nLeila Haddad | Talent Partner", "Leila"),
        ("Thanks again for your interest in Quillon,\nTomasz Nowak", "Tomasz"),
        ("Warm regards,\nANA LUCIA FERREIRA\nRecruiting Coordinator", "Ana"),
        ("Sincerely,\nJean-Luc Marchetti, PHR", "Jean-Luc"),
    ],
)
def test_contact_from_signature(signature: str, expected: str) -> None:
    msg = message(body="Hi Jordan,\n\n" + REJECTION, signature=signature)
    assert extract(msg).contact_name == expected


def test_contact_from_sign_off_inside_new_text() -> None:
    body = f"Hi Jordan,\n\n{REJECTION}\n\nBest regards,\nDana Whitfield\nRecruiter"
    assert extract(message(body=body)).contact_name == "Dana"


def test_contact_from_a_bare_name_at_the_end() -> None:
    body = f"Hi Jordan,\n\n{REJECTION}\n\nMina\nCrestline Partners"
    result = extract(message(body=body))
    assert (result.contact_name, result.company) == ("Mina", "Crestline Partners")


@pytest.mark.parametrize(
    ("display", "address", "expected"),
    [
        ("Dana Whitfield", "dana.whitfield@quillon.example", "Dana"),
        ("Whitfield, Dana", "dwhitfield@quillon.example", "Dana"),
        ("Dana from Quillon", "dana@ashbyhq.com", "Dana"),
        ("Dana", "dana@quillon.example", "Dana"),
        ("Dana Whitfield via Lever", "dana.whitfield@hire.lever.co", "Dana"),
    ],
)
def test_contact_from_sender_display_name(display: str, address: str, expected: str) -> None:
    msg = message(sender=(display, address), body="Hi Jordan,\n\n" + REJECTION)
    assert extract(msg).contact_name == expected


@pytest.mark.parametrize(
    ("display", "signature"),
    [
        ("Dana Whitfield", "Best,\nThe Quillon Hiring Team"),  # the team signs, not Dana
        ("", "Regards,\nTalent Acquisition"),
        ("", "Sincerely,\nHR Department"),
        ("", "Best,\nRecruiting"),
        ("Quillon Talent Team", ""),
        ("no-reply", ""),
        ("Do Not Reply", ""),
        ("Quillon", ""),  # a brand, not a first name
        ("Northgale Outfitters", ""),  # spelt like a person, named as the employer in the text
        ("", "Best regards,\nXxx"),  # a template placeholder left in
    ],
)
def test_contact_none_for_teams_and_organisations(display: str, signature: str) -> None:
    body = "Thank you for applying to Northgale Outfitters. " + REJECTION
    msg = message(sender=(display, "jobs@lever.co"), body=body, signature=signature)
    assert extract(msg).contact_name is None


def test_greeting_names_the_candidate_not_the_contact() -> None:
    body = f"Hi Jordan Reyes,\n\n{REJECTION}"
    assert extract(message(sender=("", "jobs@lever.co"), body=body)).contact_name is None


# ---------------------------------------------------------------------------
# Whole messages through the parser
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("ats_relay.eml", Extraction("Halcyon Freight", "Logistics Coordinator", None)),
        ("recruiter_signature.eml", Extraction("Lumen Quarry", "Data Scientist", "Rafael")),
        ("after_interviews.eml", Extraction("Orbital Pay", "Staff Software Engineer II", "Lena")),
        ("team_signature_html.eml", Extraction("Kestrel Bio", "Clinical Data Manager", None)),
        ("free_mail_recruiter.eml", Extraction(None, "Registered Nurse", "Sam")),
    ],
)
def test_raw_messages(name: str, expected: Extraction) -> None:
    parsed = parse_message((FIXTURES / name).read_bytes())
    assert isinstance(parsed, ParsedMessage)
    assert extract(parsed) == expected


# ---------------------------------------------------------------------------
# Normalisation
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("Quillon, Inc.", "quillon"),
        ("The Quillon Company", "Quillon"),
        ("Quillon S.A.", "QUILLON"),
        ("Quillon GmbH", "Quillon LLC"),
        ("Quillon Ltd", "Quillon Limited"),
        ("Quillon's", "Quillon"),
        ("Birch & Vale", "Birch and Vale"),
    ],
)
def test_normalise_company_ignores_case_legal_forms_and_punctuation(left: str, right: str) -> None:
    assert normalise_company(left) == normalise_company(right)


def test_normalise_company_keeps_distinct_names_apart() -> None:
    assert normalise_company("Quillon Holdings") != normalise_company("Quillon")
    assert normalise_company("Co") == "co"  # a name that is only a legal word stays itself


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("Senior Data Analyst", "senior data analyst"),
        ("Sr. Data Analyst", "Senior Data Analyst"),
        ("the Data Analyst position", "Data Analyst"),
        ("Product Designer (Remote)", "Product Designer"),
        ("Support Agent (REQ-1234)", "Support Agent"),
        ("Research & Development Lead", "Research and Development Lead"),
    ],
)
def test_normalise_role(left: str, right: str) -> None:
    assert normalise_role(left) == normalise_role(right)


def test_normalise_role_keeps_distinct_titles_apart() -> None:
    assert normalise_role("Data Analyst") != normalise_role("Senior Data Analyst")


# ---------------------------------------------------------------------------
# Properties
# ---------------------------------------------------------------------------

_VOCABULARY = """Thank you for your interest in applying to at the Senior Data Analyst position
role of with Quillon Marrowgate Dana Whitfield team Talent Acquisition Inc. Ltd , . ! 's Best
regards Recruiter Hiring Team we our unfortunately candidacy for joining (REQ-12) | – - the a
an Engineer opening opportunity"""
_WORDS = st.sampled_from(_VOCABULARY.split())
_LINE = st.lists(_WORDS, max_size=14).map(" ".join)
_TEXT = st.lists(_LINE, max_size=8).map("\n".join)


@settings(max_examples=300, deadline=None)
@given(subject=_LINE, display=_LINE, body=_TEXT, signature=_TEXT)
def test_extraction_only_returns_words_from_the_message(
    subject: str, display: str, body: str, signature: str
) -> None:
    msg = message(
        subject=subject, sender=(display, "x@quillon.example"), body=body, signature=signature
    )
    result = extract(msg)
    source = " ".join([subject, display, body, signature]).casefold()
    for value in (result.company, result.role, result.contact_name):
        if value is not None:
            assert value
            assert value.strip() == value
            for word in value.casefold().split():
                assert word.strip(".,") in source
    if result.role is not None:
        assert normalise_role(result.role) not in {"", "position", "role", "opportunity"}
