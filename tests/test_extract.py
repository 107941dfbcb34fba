"""Company, role and contact extraction: every rule, and the cases that must stay None.

All companies, people and domains here are invented; domains use ``.example``.
"""

from __future__ import annotations

from dataclasses import replace
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


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("We are unable to offer you an internship this year.", "internship"),
        ("All our summer internship places have gone to other students.", "summer internship"),
        ("Sadly we won't be offering you the apprenticeship.", "apprenticeship"),
        ("We cannot find a place for you on our graduate traineeship.", "graduate traineeship"),
    ],
)
def test_a_placement_is_the_role_when_no_job_title_is_named(sentence: str, expected: str) -> None:
    msg = message(subject="Your enquiry", body=f"Hi Jordan,\n\n{sentence}")
    assert extract(msg).role == expected


def test_a_job_title_wins_over_a_placement_word() -> None:
    body = "Thank you for applying for the Data Analyst position. We have no internship either."
    assert extract(message(subject="Your enquiry", body=body)).role == "Data Analyst"


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
# Harder shapes: agencies, forwards, team qualifiers, organisations signing
# ---------------------------------------------------------------------------


def test_agency_mail_names_the_client_not_the_agency() -> None:
    body = (
        "Hi Jordan,\n\nI've heard back from Pellucid Foods about the Buyer role. My client "
        "has decided to go with another candidate."
    )
    msg = message(
        sender=("Tomasz Nowak", "tomasz@ashridge-staffing.example"),
        body=body,
        signature="Best,\nTomasz Nowak\nSenior Consultant | Ashridge Staffing",
    )
    assert extract(msg) == Extraction("Pellucid Foods", "Buyer", "Tomasz")


def test_agency_mail_without_the_client_named_has_no_company() -> None:
    body = "Hi Jordan,\n\nThe client has filled the Data Engineer position, I'm afraid."
    msg = message(
        sender=("Tomasz Nowak", "tomasz@ashridge-staffing.example"),
        body=body,
        signature="Best,\nTomasz Nowak\nAshridge Staffing",
    )
    assert extract(msg).company is None


@pytest.mark.parametrize(
    ("news", "company"),
    [
        ("Thanks for interviewing with Pellucid Foods last week. They have", "Pellucid Foods"),
        # Named like two people, but "my client" says who writes: an agency.
        ("Thanks for interviewing with Marks and Spencer. My client has", "Marks and Spencer"),
    ],
)
def test_meeting_another_firm_marks_an_agency_mail(news: str, company: str) -> None:
    body = f"Hi Jordan,\n\n{news} decided to offer the role to someone else."
    signature = "Kind regards,\nTomasz Nowak | Principal Consultant | Ashridge Partners"
    msg = message(
        sender=("Tomasz Nowak", "tomasz@ashridge.example"), body=body, signature=signature
    )
    assert extract(msg).company == company


def test_interview_with_a_person_is_not_a_company() -> None:
    body = "Hi Jordan,\n\nThank you for your interview with Marisol Okafor. " + REJECTION
    signature = "Best,\nMarisol Okafor\nHead of Design, Quillon"
    msg = message(
        sender=("Marisol Okafor", "marisol@quillon.example"), body=body, signature=signature
    )
    assert extract(msg).company == "Quillon"


def test_an_interview_with_two_people_does_not_make_the_employer_an_agency() -> None:
    """'with Grégoire and Anneke' read like a firm ('Marks and Spencer'), and the mail
    was taken for an agency's: the draft thanked 'Grégoire and Anneke' for the role."""
    body = (
        "Dear Sam,\n\nThank you for meeting with us for the Risk Data Analyst role, and "
        "for the final interview with Grégoire and Anneke.\n\n" + REJECTION
    )
    signature = "Kind regards,\nZoë Marchetti\nTalent Acquisition Partner\nFernhill Bank"
    msg = message(
        sender=("Fernhill Bank Careers", "careers-noreply@fernhill.example"),
        body=body,
        signature=signature,
    )
    assert extract(msg).company == "Fernhill Bank"


def test_forwarded_rejection_is_read_from_its_original_sender() -> None:
    raw = (FIXTURES / "forwarded_by_candidate.eml").read_bytes()
    parsed = parse_message(raw)
    assert isinstance(parsed, ParsedMessage)
    assert extract(parsed) == Extraction("Lindqvist Mobility", "Fleet Analyst", "Henrik")


def test_an_outlook_reply_quote_is_not_a_forward() -> None:
    raw = (FIXTURES / "outlook_reply.eml").read_bytes()
    parsed = parse_message(raw)
    assert isinstance(parsed, ParsedMessage)
    result = extract(parsed)
    assert result.contact_name == "Priya"  # not the candidate quoted below


@pytest.mark.parametrize(
    ("subject", "sentence", "expected"),
    [
        (
            "Your application",
            "Thank you for applying for the Data Analyst, Payments role.",
            "Data Analyst, Payments",
        ),
        (
            "Your application",
            "We reviewed your application for Backend Engineer – Identity.",
            "Backend Engineer – Identity",
        ),
        (
            "Application update – Support Engineer – EMEA",
            "Thank you for applying.",
            "Support Engineer – EMEA",
        ),
        (
            "Your application",
            "Thank you for applying for the post of Lecturer in Economics.",
            "Lecturer in Economics",
        ),
        (
            "Your application",
            "Thank you for applying to be our next Staff Accountant.",
            "Staff Accountant",
        ),
        (
            "Re: Technical assessment for Site Reliability Engineer",
            "Thanks.",
            "Site Reliability Engineer",
        ),
        ("Re: Security Engineer final round", "Thanks for your time.", "Security Engineer"),
    ],
)
def test_role_qualifiers_and_fields(subject: str, sentence: str, expected: str) -> None:
    msg = message(subject=subject, body=f"Hi Jordan,\n\n{sentence} {REJECTION}")
    assert extract(msg).role == expected


def test_a_team_qualifier_is_not_taken_for_a_company() -> None:
    msg = message(subject="Data Analyst - Quillon", body="Hi Jordan,\n\n" + REJECTION)
    result = extract(msg)
    assert result.role == "Data Analyst"


def test_organisation_signing_with_a_name_spelt_like_a_person() -> None:
    msg = message(
        sender=("Marigold Mobility", "careers@marigoldmobility.example"),
        body="Hi Jordan,\n\n" + REJECTION,
        signature="Kind regards,\nMarigold Mobility",
    )
    result = extract(msg)
    assert (result.company, result.contact_name) == ("Marigold Mobility", None)


def test_accented_name_matches_its_plain_domain() -> None:
    msg = message(
        sender=("Škoda Lane Digital", "hr@skoda-lane-digital.example"),
        body="Hi Jordan,\n\n" + REJECTION + "\n\nŠkoda Lane Digital",
    )
    result = extract(msg)
    assert (result.company, result.contact_name) == ("Škoda Lane Digital", None)


def test_tracking_system_account_named_after_the_employer() -> None:
    msg = message(
        sender=("Orrin Aerospace", "orrinaerospace@myworkday.com"),
        body="Hi Jordan,\n\n" + REJECTION,
    )
    result = extract(msg)
    assert (result.company, result.contact_name) == ("Orrin Aerospace", None)


def test_job_board_relaying_the_employers_news() -> None:
    msg = message(
        subject="Pellucid Foods has an update on your application",
        sender=("JobNest Applications", "applications@jobnest.example"),
        body="Hi Jordan,\n\nPellucid Foods decided not to move forward.\n\nSent by JobNest.",
    )
    result = extract(msg)
    assert (result.company, result.contact_name) == ("Pellucid Foods", None)


def test_university_at_campus_stays_whole() -> None:
    signature = "Kind regards,\nFaculty Recruitment\nUniversity of Brennock at Lowfield"
    msg = message(body="Dear applicant,\n\n" + REJECTION, signature=signature)
    assert extract(msg).company == "University of Brennock at Lowfield"


@pytest.mark.parametrize(
    ("body", "signature", "expected"),
    [
        # A bare name above a system footer.
        (
            f"Hi Jordan,\n\n{REJECTION}\n\nSøren\n\nSee other openings at our careers site: https://x.example/",
            "",
            "Søren",
        ),
        # A closing phrase the usual list does not know.
        (f"Hi Jordan,\n\n{REJECTION}", "Talk soon,\nBeatriz Lima", "Beatriz"),
        # A mail client's footer is not a signer.
        (f"Hi Jordan,\n\n{REJECTION}\n\nAdaeze", "Sent from my iPhone", "Adaeze"),
        # A sentence after "Take care," is not a name.
        (
            f"Hi Jordan,\n\n{REJECTION}\n\nTake care, and best of luck with the search.\n\nHannah",
            "",
            "Hannah",
        ),
    ],
)
def test_signers_in_unusual_layouts(body: str, signature: str, expected: str) -> None:
    msg = message(sender=("", "no-reply@greenhouse.io"), body=body, signature=signature)
    assert extract(msg).contact_name == expected


@pytest.mark.parametrize(
    ("subject", "body", "signature"),
    [
        # A department of the employer, not the employer.
        ("Your application", "The Data Platform team enjoyed meeting you. " + REJECTION, ""),
        # A degree after the signer's name.
        ("Your application", "Dear Jordan,\n\n" + REJECTION, "Best,\nDana Whitfield, PhD"),
        # Subject small talk.
        ("Re: Checking in", "Hi Jordan,\n\n" + REJECTION, ""),
    ],
)
def test_company_none_for_units_degrees_and_small_talk(
    subject: str, body: str, signature: str
) -> None:
    msg = message(subject=subject, body=body, signature=signature)
    assert extract(msg).company is None


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


def test_only_the_head_of_a_long_body_is_read() -> None:
    filler = "We appreciate the many applications we receive. " * 200
    early = message(body=f"Thank you for your interest in Quillon. {filler}")
    late = message(body=f"{filler} Thank you for your interest in Quillon.")
    assert extract(early).company == "Quillon"
    assert extract(late).company is None  # past the bounded head


def test_oversized_headers_are_bounded_not_fatal() -> None:
    crowd = tuple(Address(f"Person {i}", f"p{i}@crowd.example") for i in range(5000))
    msg = replace(
        message(
            subject="Re: " * 500 + "Your application for Data Analyst",
            sender=("Quillon Careers " * 2000, "x" * 5000 + "@" + "y" * 5000 + ".example"),
            body="Thank you for your interest in Quillon. " + REJECTION,
            signature="Best,\nDana Whitfield\n" + "Recruiter, Quillon " * 5000,
        ),
        to=crowd,
        reply_to=crowd,
    )
    assert extract(msg).company == "Quillon"


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
