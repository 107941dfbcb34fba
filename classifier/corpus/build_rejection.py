"""Builders for the positives (rejections, in eight house styles) and for
"position closed" notices.

Each style draws its own cast and phrase banks; the stage is chosen first and then
only stage-truthful parts are used (see the note in ``phrases_rejection``).
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from rejoinder.classifier.corpus import phrases_negative as neg
from rejoinder.classifier.corpus import phrases_rejection as rej
from rejoinder.classifier.corpus.compose import (
    Letter,
    Quote,
    forward,
    quote_reply,
    random_moment,
    signature_block,
)
from rejoinder.classifier.corpus.names import NameForge, Organisation, Person
from rejoinder.classifier.corpus.scene import (
    Builder,
    Built,
    Scene,
    Truth,
    ats_sender,
    finish,
    group_paragraphs,
)

APPLICATION, INTERVIEW, UNKNOWN = "application", "interview", "unknown"

# How often each style writes after the application, after interviews, or unknowably.
STAGE_WEIGHTS: dict[str, tuple[int, int, int]] = {
    "corporate": (42, 43, 15),
    "ats": (62, 20, 18),
    "startup": (30, 55, 15),
    "academic": (58, 42, 0),
    "government": (65, 35, 0),
    "agency": (30, 50, 20),
    "brief": (38, 37, 25),
    "nonnative": (45, 35, 20),
}

OPENERS = {
    APPLICATION: rej.OPEN_APPLICATION,
    INTERVIEW: rej.OPEN_INTERVIEW,
    UNKNOWN: rej.OPEN_UNKNOWN,
}
STAGE_DECISIONS = {
    APPLICATION: rej.DECIDE_APPLICATION,
    INTERVIEW: rej.DECIDE_INTERVIEW,
    UNKNOWN: rej.DECIDE_ANY,
}
SUBJECTS = {
    APPLICATION: rej.SUBJECTS_APPLICATION,
    INTERVIEW: rej.SUBJECTS_INTERVIEW,
    UNKNOWN: rej.SUBJECTS_UNKNOWN,
}


def rejection_builder(style: str) -> Builder:
    make = STYLE_BUILDERS[style]

    def build(rng: random.Random, forge: NameForge) -> Built:
        stage = rng.choices((APPLICATION, INTERVIEW, UNKNOWN), weights=STAGE_WEIGHTS[style])[0]
        return make(Scene(rng, forge), stage)

    return build


# --------------------------------------------------------------------------------------
# shared pieces
# --------------------------------------------------------------------------------------


def cast_company(sc: Scene, company: Organisation, role: str) -> tuple[Person, Person]:
    """Fill the slots for a hiring company; returns (contact, interviewer)."""
    contact = sc.colleague(company)
    interviewer = sc.colleague(company, contact.first)
    sc.slots.update(
        company=company.name,
        role=role,
        contact=contact.first,
        contact_full=contact.full,
        interviewer=interviewer.first if sc.chance(0.6) else interviewer.full,
        interviewer_title=sc.fragment("{Engineering Manager|Head of <team>|Product Lead|CTO}"),
        req=sc.forge.requisition(),
        careers_link=f"https://{sc.rng.choice(('careers', 'jobs', 'apply'))}.{company.domain}/"
        + sc.rng.choice(("", "openings", "jobs", "talent-community", "privacy")),
    )
    return contact, interviewer


def set_application_word(sc: Scene, stage: str) -> None:
    """<app> is what the decision sentence calls the thing being turned down."""
    words = {
        APPLICATION: ("application", "application", "candidacy"),
        INTERVIEW: ("application", "application", "candidacy"),
        UNKNOWN: ("candidacy", "candidacy", "application"),
    }[stage]
    sc.slots["app"] = sc.rng.choice(words)


def decision(sc: Scene, stage: str, specific_share: float = 0.6) -> str:
    if stage != UNKNOWN and sc.chance(specific_share):
        return sc.say(STAGE_DECISIONS[stage])
    return sc.say(rej.DECIDE_ANY)


def subject(sc: Scene, stage: str) -> str:
    bank = SUBJECTS[stage] if sc.chance(0.75) else rej.SUBJECTS_UNKNOWN
    return sc.say(bank)


def greeting(sc: Scene, generic_share: float = 0.1) -> str:
    return sc.say(rej.GREETINGS_GENERIC if sc.chance(generic_share) else rej.GREETINGS)


def candidate_address(sc: Scene) -> str:
    return sc.candidate.email


def company_sender(sc: Scene, company: Organisation) -> tuple[str, str]:
    """A company-domain role address and its display name (no person)."""
    local = sc.rng.choice(("careers", "recruiting", "jobs", "talent", "hr", "people", "hiring"))
    display = sc.fragment(
        "{<company> Careers|<company> Recruiting|<company> Talent Acquisition|<company>|"
        "Careers at <company>|<company> HR|<company> Hiring Team}"
    )
    return display, f"{local}@{company.domain}"


@dataclass(frozen=True)
class Thread:
    """How a rejection reached the inbox when it was not a fresh message."""

    wrapper: Callable[[str], str]
    reply_subject: str | None = None  # set for replies
    forwarder: Person | None = None  # set for forwards


def maybe_thread(sc: Scene, stage: str, contact: Person) -> Thread | None:
    """Sometimes the rejection arrives as a reply in a thread, or forwarded."""
    roll = sc.rng.random()
    if roll < 0.11:
        earlier = earlier_message(sc, stage, contact)
        return Thread(lambda text: quote_reply(sc.rng, text, earlier), f"Re: {earlier.subject}")
    if roll < 0.16:
        return forwarded(sc, contact)
    return None


def earlier_message(sc: Scene, stage: str, contact: Person) -> Quote:
    """What was said before the rejection: the applicant's nudge or a scheduling note."""
    moment = random_moment(sc.rng)
    if stage == INTERVIEW and sc.chance(0.5):
        lines = [
            f"Hi {sc.candidate.first},",
            "",
            sc.say(neg.INVITE_CORE),
            sc.say(neg.INVITE_LOGISTICS),
        ]
        lines += ["", sc.rng.choice(("Best,", "Thanks,", "Kind regards,")), contact.first]
        return Quote(
            sender=contact,
            sender_display=contact.full,
            when=moment,
            subject=sc.say(neg.INVITE_SUBJECTS),
            to_addr=sc.candidate.email,
            text="\n".join(lines),
        )
    body = sc.say_some(neg.FOLLOWUP_CORE, 2)
    if stage == INTERVIEW:
        body.insert(0, sc.say(neg.THANKS_CORE))
    text = "\n".join(
        [f"Hi {contact.first},", "", " ".join(body), "", "Best regards,", sc.candidate.full]
    )
    topic = (
        "{{Thank you|Thanks again} – <role> {interview|conversation}|"
        "{Following up|Checking in} {on my application|after my interview|} – <role>}"
        if stage == INTERVIEW
        else "{Following up on my application|Checking in} – <role>"
    )
    return Quote(
        sender=sc.candidate,
        sender_display=sc.candidate.full,
        when=moment,
        subject=sc.fragment(topic),
        to_addr=contact.email,
        text=text,
    )


def forwarded(sc: Scene, contact: Person) -> Thread:
    """The applicant (from another address) or a referrer forwards the rejection."""
    moment = random_moment(sc.rng)
    if sc.chance(0.6):
        forwarder = Person(sc.candidate.first, sc.candidate.last, sc.forge.person().email)
        note = sc.fragment(
            "{Forwarding to my main address.|fyi|For the tracker.|Saving this one.|"
            "Another one for the list. Sigh.|}"
        )
        original_to = sc.candidate.email
    else:
        forwarder = sc.forge.person(avoid=frozenset({sc.candidate.first, contact.first}))
        note = sc.fragment(
            "{Hi|Hey} <first>, {sorry —|so sorry,} {<contact> asked me to pass this on|"
            "this came to me by mistake|see below from the hiring team}. "
            "{Let's grab a coffee soon.|Their loss, honestly.|Happy to refer you elsewhere.|}"
        )
        original_to = forwarder.email

    def wrap(text: str) -> str:
        original = Person("", "", sc.slots.get("original_from_addr", contact.email))
        quote = Quote(
            sender=original,
            sender_display=sc.slots.get("original_from_name", contact.full),
            when=moment,
            subject=sc.slots.get("subject_quoted", ""),
            to_addr=original_to,
            text=text,
        )
        return forward(sc.rng, note, quote)

    return Thread(wrap, forwarder=forwarder)


def apply_thread(sc: Scene, letter: Letter, thread: Thread | None) -> Callable[[str], str] | None:
    """Adjust the envelope of a letter that is a reply or a forward; return its wrapper."""
    if thread is None:
        return None
    if thread.forwarder is not None:
        sc.slots["subject_quoted"] = letter.subject
        sc.slots["original_from_name"] = letter.from_name
        sc.slots["original_from_addr"] = letter.from_addr
        letter.subject = f"{sc.rng.choice(('Fwd', 'FW', 'Fw'))}: {letter.subject}"
        letter.from_name, letter.from_addr = thread.forwarder.full, thread.forwarder.email
        letter.reply_to = None
    elif thread.reply_subject is not None:
        letter.subject = thread.reply_subject
    return thread.wrapper


def person_letter_sign(
    sc: Scene, person: Person, title: str | None, organisation: str | None, signoffs: Sequence[str]
) -> tuple[str, list[str]]:
    signoff = sc.say(signoffs)
    return signoff, signature_block(sc.rng, person, title, organisation)


# --------------------------------------------------------------------------------------
# styles
# --------------------------------------------------------------------------------------


def corporate(sc: Scene, stage: str) -> Built:
    company = sc.forge.company()
    role = sc.forge.role()
    contact, _ = cast_company(sc, company, role)
    set_application_word(sc, stage)
    title = sc.say(rej.CONTACT_TITLES)
    sentences: list[str] = []
    # Interview-stage letters keep their opener: it is what shows a conversation happened.
    if stage == INTERVIEW or not sc.chance(0.12):
        sentences.append(sc.say(OPENERS[stage]))
    if stage == INTERVIEW and sc.chance(0.3):
        sentences.append(sc.say(rej.PRAISE_INTERVIEW))
    sentences.append(decision(sc, stage))
    if sc.chance(0.55):
        sentences.append(sc.say(rej.REASONS))
    if sc.chance(0.55):
        sentences.append(sc.say(rej.DOOR_OPEN))
    if stage == INTERVIEW and sc.chance(0.3):
        sentences.append(sc.say(rej.FEEDBACK_OFFER))
    elif stage != INTERVIEW and sc.chance(0.25):
        sentences.append(sc.say(rej.FEEDBACK_DECLINE))
    if sc.chance(0.22):
        # A long, formal letter: a few extra stand-alone paragraphs before the close.
        sentences += sc.say_some(rej.LONG_EXTRAS, sc.rng.choice((2, 3, 4)))
    if sc.chance(0.8):
        sentences.append(sc.say(rej.WELL_WISHES))
    personal = sc.chance(0.75)
    if personal:
        organisation = company.legal if sc.chance(0.5) else company.name
        signoff, signature = person_letter_sign(sc, contact, title, organisation, rej.SIGNOFFS)
        from_name, from_addr = contact.full, contact.email
    else:
        signoff, signature = sc.say(rej.SIGNOFFS), [sc.say(rej.TEAM_SIGNATURES)]
        from_name, from_addr = company_sender(sc, company)
    letter = Letter(
        subject=subject(sc, stage),
        from_name=from_name,
        from_addr=from_addr,
        to_addr=candidate_address(sc),
        greeting=greeting(sc),
        paragraphs=group_paragraphs(sc.rng, sentences, 0.55),
        signoff=signoff,
        signature=signature,
    )
    wrapper = apply_thread(sc, letter, maybe_thread(sc, stage, contact))
    truth = Truth(company.name, role, contact.first if personal else None)
    return finish(
        sc, letter, label="rejection", stage=stage, truth=truth, html_share=0.2, wrapper=wrapper
    )


def ats(sc: Scene, stage: str) -> Built:
    company = sc.forge.company()
    role = sc.forge.role()
    recruiter, _ = cast_company(sc, company, role)
    vendor, relay = ats_sender(sc.rng, company)
    sc.slots.update(vendor=vendor)
    set_application_word(sc, stage)
    sentences = [sc.say(OPENERS[stage])]
    if sc.chance(0.35):
        sentences.append(sc.say(rej.REASONS))
    sentences.append(decision(sc, stage, specific_share=0.65))
    if stage != INTERVIEW and sc.chance(0.12):
        sentences.insert(0, sc.say(rej.ATS_STATUS_LINES))
    if sc.chance(0.5):
        sentences.append(sc.say(rej.DOOR_OPEN))
    if sc.chance(0.35):
        sentences.append(sc.say(rej.FEEDBACK_DECLINE))
    if sc.chance(0.75):
        sentences.append(sc.say(rej.WELL_WISHES))
    named = sc.chance(0.18)
    if named:
        signature = signature_block(sc.rng, recruiter, sc.say(rej.CONTACT_TITLES), company.name)
    else:
        signature = [sc.say(rej.TEAM_SIGNATURES)]
        if sc.chance(0.3):
            signature.append(company.legal)
    footer = [sc.say(rej.ATS_FOOTERS) for _ in range(sc.rng.choice((0, 1, 1, 2)))]
    headers: dict[str, str] = {}
    if sc.chance(0.25):
        headers["Auto-Submitted"] = "auto-generated"
    if sc.chance(0.12):
        headers["Precedence"] = "bulk"
    if sc.chance(0.1):
        headers["List-Unsubscribe"] = f"<mailto:unsubscribe@{relay.rpartition('@')[2]}>"
    if sc.chance(0.15):
        headers["X-Auto-Response-Suppress"] = "All"
    subject_bank = rej.SUBJECTS_APPLICATION if stage != INTERVIEW else rej.SUBJECTS_INTERVIEW
    letter = Letter(
        subject=sc.say(subject_bank if sc.chance(0.8) else rej.SUBJECTS_UNKNOWN),
        from_name=sc.fragment(
            "{<company>|<company> Careers|<company> Recruiting|<company> Talent Acquisition|"
            "<company> Hiring Team|Careers at <company>|<company> via <vendor>}"
        ),
        from_addr=relay,
        reply_to=recruiter.email if named and sc.chance(0.6) else None,
        to_addr=candidate_address(sc),
        greeting=greeting(sc, generic_share=0.15),
        paragraphs=group_paragraphs(sc.rng, sentences, 0.6),
        signoff=sc.say(rej.SIGNOFFS) if sc.chance(0.85) else None,
        signature=signature,
        footer=footer,
        headers=headers,
    )
    truth = Truth(company.name, role, recruiter.first if named else None)
    branded = company.name if sc.chance(0.6) else None
    return finish(
        sc, letter, label="rejection", stage=stage, truth=truth, html_share=0.6, branded=branded
    )


def startup(sc: Scene, stage: str) -> Built:
    company = sc.forge.company()
    role = sc.forge.role()
    founder, _ = cast_company(sc, company, role)
    set_application_word(sc, stage)
    openers = {
        APPLICATION: rej.FOUNDER_OPEN_APPLICATION,
        INTERVIEW: rej.FOUNDER_OPEN_INTERVIEW,
        UNKNOWN: rej.OPEN_UNKNOWN,
    }
    sentences = [sc.say(openers[stage])]
    sentences.append(sc.say(rej.FOUNDER_DECIDE) if sc.chance(0.6) else decision(sc, stage))
    if stage == INTERVIEW and sc.chance(0.35):
        sentences.append(sc.say(rej.PRAISE_INTERVIEW))
    if sc.chance(0.55):
        sentences.append(sc.say(rej.FOUNDER_EXTRAS))
    if stage == INTERVIEW and sc.chance(0.25):
        sentences.append(sc.say(rej.FEEDBACK_OFFER))
    if sc.chance(0.5):
        sentences.append(sc.say(rej.WELL_WISHES))
    signature = [founder.first] if sc.chance(0.55) else [founder.full, sc.say(rej.FOUNDER_TITLES)]
    letter = Letter(
        subject=subject(sc, stage)
        if sc.chance(0.7)
        else sc.fragment(
            "{<company> <> <first>|Quick update|Following up|thanks + an update|<role> role}"
        ),
        from_name=founder.full if sc.chance(0.85) else founder.first,
        from_addr=founder.email,
        to_addr=candidate_address(sc),
        greeting=sc.fragment("{Hi|Hey|Hello} <first>{,|!| —}"),
        paragraphs=group_paragraphs(sc.rng, sentences, 0.5),
        signoff=sc.say(rej.FOUNDER_SIGNOFFS),
        signature=signature,
    )
    wrapper = apply_thread(sc, letter, maybe_thread(sc, stage, founder))
    return finish(
        sc, letter, label="rejection", stage=stage,
        truth=Truth(company.name, role, founder.first), html_share=0.12, wrapper=wrapper,
    )  # fmt: skip


def cast_university(sc: Scene) -> tuple[Organisation, str, Person]:
    """A university search: (university, role, chair), with department slots filled."""
    university = sc.forge.university()
    role, field = sc.forge.academic_role()
    chair, _ = cast_company(sc, university, role)
    dept = sc.rng.choice((f"Department of {field}", f"School of {field}", f"{field} Department"))
    role_short = role.split(" of ")[0].split(" in ")[0]
    sc.slots.update(dept=dept, role_short=role_short, lab=f"{chair.last} Lab", field=field.lower())
    sc.slots["count"] = str(sc.rng.choice((90, 140, 180, 220, 260, 310, 400)))
    return university, role, chair


def academic_signature(sc: Scene, chair: Person, university: Organisation) -> list[str]:
    honorific = sc.rng.choice(("Prof. ", "Professor ", "Dr. ", ""))
    suffix = ", PhD" if not honorific and sc.chance(0.4) else ""
    signature = [f"{honorific}{chair.full}{suffix}", sc.say(rej.ACADEMIC_TITLES)]
    if sc.chance(0.6):
        signature.append(university.name)
    return signature


def academic(sc: Scene, stage: str) -> Built:
    university, role, chair = cast_university(sc)
    opener = rej.ACADEMIC_OPEN_APPLICATION if stage == APPLICATION else rej.ACADEMIC_OPEN_INTERVIEW
    decide = (
        rej.ACADEMIC_DECIDE_APPLICATION if stage == APPLICATION else rej.ACADEMIC_DECIDE_INTERVIEW
    )
    set_application_word(sc, stage)
    # Universities also write plain HR prose; mixing it in keeps the style from being an island.
    sentences = [sc.say(opener if sc.chance(0.7) else OPENERS[stage])]
    sentences.append(sc.say(decide) if sc.chance(0.6) else decision(sc, stage))
    if sc.chance(0.3):
        sentences.append(sc.say(rej.REASONS))
    sentences += sc.say_some(rej.ACADEMIC_CLOSINGS, sc.rng.choice((1, 1, 2)))
    if sc.chance(0.3):
        sentences.append(sc.say(rej.WELL_WISHES))
    personal = sc.chance(0.72)
    if personal:
        signature = academic_signature(sc, chair, university)
        from_name, from_addr = chair.full, chair.email
    else:
        signature = [
            sc.fragment("{Faculty Recruitment|Academic Recruitment|Human Resources}"),
            university.name,
        ]
        from_name = sc.fragment(f"{{{university.name} Human Resources|Academic Recruitment}}")
        from_addr = (
            f"{sc.rng.choice(('jobs', 'hr', 'facultysearch', 'recruitment'))}@{university.domain}"
        )
    letter = Letter(
        subject=sc.say(rej.ACADEMIC_SUBJECTS),
        from_name=from_name,
        from_addr=from_addr,
        to_addr=candidate_address(sc),
        greeting=sc.say(rej.ACADEMIC_GREETINGS),
        paragraphs=group_paragraphs(sc.rng, sentences, 0.6),
        signoff=sc.say(rej.SIGNOFFS),
        signature=signature,
    )
    wrapper = apply_thread(sc, letter, maybe_thread(sc, stage, chair))
    truth = Truth(university.name, role, chair.first if personal else None)
    return finish(
        sc, letter, label="rejection", stage=stage, truth=truth, html_share=0.15, wrapper=wrapper
    )


def cast_government(sc: Scene) -> tuple[Organisation, str, Person]:
    """A public-sector vacancy: (agency, role, HR officer), with vacancy slots filled."""
    agency = sc.forge.government()
    role = sc.forge.government_role()
    officer, _ = cast_company(sc, agency, role)
    vacancy = sc.fragment(
        f"{{{agency.slug[:3].upper()}|HR|VA|JP}}-{{{sc.rng.randint(23, 25)}|20{sc.rng.randint(23, 25)}}}"
        f"-{sc.rng.randint(100, 9999)}"
    )
    sc.slots.update(vacancy=vacancy, hr_email=f"recruitment@{agency.domain}")
    return agency, role, officer


def government(sc: Scene, stage: str) -> Built:
    agency, role, officer = cast_government(sc)
    decide = rej.GOV_DECIDE_APPLICATION if stage == APPLICATION else rej.GOV_DECIDE_INTERVIEW
    set_application_word(sc, stage)
    sentences = [sc.say(rej.GOV_OPEN)]
    sentences.append(sc.say(decide) if sc.chance(0.65) else decision(sc, stage))
    if sc.chance(0.25):
        sentences.append(sc.say(rej.REASONS))
    sentences += sc.say_some(rej.GOV_CLOSINGS, sc.rng.choice((1, 2, 2, 3)))
    if sc.chance(0.25):
        sentences.append(sc.say(rej.WELL_WISHES))
    personal = sc.chance(0.4)
    if personal:
        title = sc.fragment(
            "{HR Specialist|Human Resources Specialist (Recruitment)|Staffing Officer|Recruitment Advisor}"
        )
        signature = [officer.full, title, agency.name]
        from_name, from_addr = officer.full, officer.email
    else:
        signature = [sc.say(rej.GOV_SIGNATURES), agency.name]
        from_name = sc.fragment(
            f"{{{agency.name}|{agency.name} Human Resources|{agency.name} Recruitment}}"
        )
        from_addr = (
            f"{sc.rng.choice(('recruitment', 'jobs', 'noreply', 'hr.staffing'))}@{agency.domain}"
        )
    headers = {"Auto-Submitted": "auto-generated"} if not personal and sc.chance(0.4) else {}
    letter = Letter(
        subject=sc.say(rej.GOV_SUBJECTS),
        from_name=from_name,
        from_addr=from_addr,
        to_addr=candidate_address(sc),
        greeting=sc.fragment(
            "{Dear <first> <cand_last>,|Dear <first>,|Dear Applicant,|Dear <cand_full>:}"
        ),
        paragraphs=group_paragraphs(sc.rng, sentences, 0.65),
        signoff=sc.rng.choice(("Sincerely,", "Regards,", "Kind regards,", "Respectfully,")),
        signature=signature,
        headers=headers,
    )
    truth = Truth(agency.name, role, officer.first if personal else None)
    return finish(sc, letter, label="rejection", stage=stage, truth=truth, html_share=0.25)


def agency(sc: Scene, stage: str) -> Built:
    firm = sc.forge.agency()
    client = sc.forge.company()
    role = sc.forge.role()
    recruiter, _ = cast_company(sc, firm, role)
    named = sc.chance(0.6)
    client_phrase = (
        client.name
        if named
        else sc.fragment(
            "{my client|the client|the hiring company|a {fintech|healthcare|retail|SaaS} client in <city>}"
        )
    )
    sc.slots.update(
        client=client_phrase, client_name=client.name if named else "", agency=firm.name
    )
    set_application_word(sc, stage)
    openers = {
        APPLICATION: rej.AGENCY_OPEN_APPLICATION,
        INTERVIEW: rej.AGENCY_OPEN_INTERVIEW,
        UNKNOWN: rej.AGENCY_OPEN_UNKNOWN,
    }
    specific = {APPLICATION: rej.AGENCY_DECIDE_APPLICATION, INTERVIEW: rej.AGENCY_DECIDE_INTERVIEW}
    sentences = [sc.say(openers[stage])]
    if stage in specific and sc.chance(0.4):
        sentences.append(sc.say(specific[stage]))
    else:
        sentences.append(sc.say(rej.AGENCY_DECIDE) if sc.chance(0.75) else decision(sc, stage))
    sentences += sc.say_some(rej.AGENCY_EXTRAS, sc.rng.choice((0, 1, 1, 2)))
    if sc.chance(0.4):
        sentences.append(sc.say(rej.WELL_WISHES))
    subjects = [s for s in rej.AGENCY_SUBJECTS if named or "<client_name>" not in s]
    letter = Letter(
        subject=sc.say(subjects),
        from_name=recruiter.full,
        from_addr=recruiter.email,
        to_addr=candidate_address(sc),
        greeting=sc.fragment("{Hi|Hello|Hey|Morning} <first>{,|!}"),
        paragraphs=group_paragraphs(sc.rng, sentences, 0.5),
        signoff=sc.say(rej.SIGNOFFS),
        signature=signature_block(sc.rng, recruiter, sc.say(rej.AGENCY_TITLES), firm.name),
    )
    wrapper = apply_thread(sc, letter, maybe_thread(sc, stage, recruiter))
    truth = Truth(client.name if named else None, role, recruiter.first)
    return finish(
        sc, letter, label="rejection", stage=stage, truth=truth, html_share=0.2, wrapper=wrapper
    )


def brief(sc: Scene, stage: str) -> Built:
    company = sc.forge.company()
    role = sc.forge.role()
    sender, _ = cast_company(sc, company, role)
    lines = {
        APPLICATION: rej.BRIEF_APPLICATION,
        INTERVIEW: rej.BRIEF_INTERVIEW,
        UNKNOWN: rej.BRIEF_UNKNOWN,
    }
    paragraphs = [sc.say(lines[stage])]
    signature = [sender.first] if sc.chance(0.7) else [sender.full]
    if sc.chance(0.12):
        signature.append(
            sc.rng.choice(("", "Sent from my iPhone", "Sent from my phone", "Sent from mobile"))
        )
    letter = Letter(
        subject=sc.fragment(
            "{Re: <role>|<role>|Re: <role> {role|position}|Your application|Update|Re: Interview}"
        )
        if stage != APPLICATION
        else sc.fragment(
            "{Re: <role>|<role>|Your application|Re: Application for <role>|<company>}"
        ),
        from_name=sender.full,
        from_addr=sender.email,
        to_addr=candidate_address(sc),
        greeting=sc.fragment("{Hi <first>,|<first>,|Hello <first>,}") if sc.chance(0.6) else None,
        paragraphs=paragraphs,
        signoff=sc.rng.choice(("Best,", "Thanks,", "Cheers,", "Regards,", "")) or None,
        signature=[s for s in signature if s] if sc.chance(0.85) else [],
    )
    wrapper = apply_thread(sc, letter, maybe_thread(sc, stage, sender))
    truth = Truth(company.name, role, sender.first)
    return finish(
        sc, letter, label="rejection", stage=stage, truth=truth, html_share=0.1, wrapper=wrapper
    )


def nonnative(sc: Scene, stage: str) -> Built:
    company = sc.forge.company()
    role = sc.forge.role()
    officer, _ = cast_company(sc, company, role)
    set_application_word(sc, stage)
    openers = {
        APPLICATION: rej.NONNATIVE_OPEN_APPLICATION,
        INTERVIEW: rej.NONNATIVE_OPEN_INTERVIEW,
        UNKNOWN: rej.NONNATIVE_OPEN_UNKNOWN,
    }
    specific = {
        APPLICATION: rej.NONNATIVE_DECIDE_APPLICATION,
        INTERVIEW: rej.NONNATIVE_DECIDE_INTERVIEW,
    }
    sentences = [sc.say(openers[stage])]
    if stage in specific and sc.chance(0.45):
        sentences.append(sc.say(specific[stage]))
    else:
        sentences.append(sc.say(rej.NONNATIVE_DECIDE) if sc.chance(0.7) else decision(sc, stage))
    picks = sc.rng.sample(rej.NONNATIVE_EXTRAS, k=sc.rng.choice((1, 2, 2, 3)))
    sentences += [sc.fragment(p) for p in picks]
    sentences = [s[0].upper() + s[1:] for s in sentences]
    personal = sc.chance(0.45)
    if personal:
        title = sc.fragment(
            "{HR Specialist|Recruitment Specialist|Human Resources|Talent Acquisition Specialist|HR Assistant}"
        )
        signature = [officer.full, title, company.legal]
        from_name, from_addr = officer.full, officer.email
    else:
        signature = [
            sc.fragment(
                "{The Recruitment Team|Human Resources Department|HR Department|Recruitment Department}"
            ),
            company.legal,
        ]
        from_name = sc.fragment(
            "{<company> Recruitment|<company> HR|<company>|Human Resources <company>}"
        )
        local = sc.rng.choice(
            ("jobs", "rh", "recrutement", "karriere", "bewerbung", "seleccion", "hr")
        )
        from_addr = f"{local}@{company.domain}"
    letter = Letter(
        subject=sc.say(SUBJECTS[stage])
        if sc.chance(0.6)
        else sc.fragment(
            "{Your candidature|Answer to your application|Your application – <role>|Selection process <role>|Candidature <role>}"
        ),
        from_name=from_name,
        from_addr=from_addr,
        to_addr=candidate_address(sc),
        greeting=sc.fragment(
            "{Dear <first> <cand_last>,|Dear <first>,|Dear Candidate,|Good day <first>,|Hello <first>,|Dear Mr./Ms. <cand_last>,}"
        ),
        paragraphs=group_paragraphs(sc.rng, sentences, 0.55),
        signoff=sc.say(rej.NONNATIVE_SIGNOFFS),
        signature=signature,
    )
    truth = Truth(company.name, role, officer.first if personal else None)
    return finish(sc, letter, label="rejection", stage=stage, truth=truth, html_share=0.3)


STYLE_BUILDERS: dict[str, Callable[[Scene, str], Built]] = {
    "corporate": corporate,
    "ats": ats,
    "startup": startup,
    "academic": academic,
    "government": government,
    "agency": agency,
    "brief": brief,
    "nonnative": nonnative,
}


# --------------------------------------------------------------------------------------
# position closed
# --------------------------------------------------------------------------------------

CLOSED_CORES = {
    "filled": rej.CLOSED_FILLED,
    "cancelled": rej.CLOSED_CANCELLED,
    "on_hold": rej.CLOSED_ON_HOLD,
}


def closed_builder(kind: str) -> Builder:
    def build(rng: random.Random, forge: NameForge) -> Built:
        return position_closed(Scene(rng, forge), kind)

    return build


def position_closed(sc: Scene, kind: str) -> Built:
    company = sc.forge.company()
    role = sc.forge.role()
    contact, _ = cast_company(sc, company, role)
    after_interview = kind != "filled" and sc.chance(0.2)
    sentences = [sc.say(rej.OPEN_INTERVIEW if after_interview else rej.CLOSED_OPEN)]
    sentences.append(sc.say(CLOSED_CORES[kind]))
    if sc.chance(0.6):
        sentences.append(sc.say(rej.CLOSED_NO_DECISION))
    if sc.chance(0.6):
        sentences.append(sc.say(rej.CLOSED_FUTURE))
    if sc.chance(0.5):
        sentences.append(
            sc.fragment(
                "{We|I} {apologise|apologize|are sorry} for {any|the} {inconvenience|disappointment}{ this may cause|}."
            )
        )
    if sc.chance(0.5):
        sentences.append(sc.say(rej.WELL_WISHES))
    via_ats = sc.chance(0.35)
    personal = not via_ats and sc.chance(0.7)
    if via_ats:
        from_name, from_addr = (
            sc.fragment("{<company>|<company> Careers|<company> Recruiting}"),
            ats_sender(sc.rng, company)[1],
        )
        signature = [sc.say(rej.TEAM_SIGNATURES)]
    elif personal:
        from_name, from_addr = contact.full, contact.email
        signature = signature_block(sc.rng, contact, sc.say(rej.CONTACT_TITLES), company.name)
    else:
        from_name, from_addr = company_sender(sc, company)
        signature = [sc.say(rej.TEAM_SIGNATURES)]
    letter = Letter(
        subject=sc.say(
            rej.CLOSED_SUBJECTS_BY_KIND[kind] if sc.chance(0.5) else rej.CLOSED_SUBJECTS
        ),
        from_name=from_name,
        from_addr=from_addr,
        to_addr=candidate_address(sc),
        greeting=greeting(sc),
        paragraphs=group_paragraphs(sc.rng, sentences, 0.55),
        signoff=sc.say(rej.SIGNOFFS),
        signature=signature,
    )
    truth = Truth(company.name, role, contact.first if personal else None)
    return finish(
        sc,
        letter,
        label="position_closed",
        stage=None,
        truth=truth,
        html_share=0.3 if via_ats else 0.15,
    )


def rejection_text_for_quote(
    sc: Scene, company: Organisation, role: str, contact: Person
) -> tuple[str, str]:
    """A short interview-stage rejection (subject, text) for the applicant to reply to."""
    sc.slots.update(company=company.name, role=role, contact=contact.first)
    set_application_word(sc, INTERVIEW)
    lines = [
        f"Hi {sc.candidate.first},",
        "",
        f"{sc.say(rej.OPEN_INTERVIEW)} {decision(sc, INTERVIEW)}",
        "",
        sc.say(rej.WELL_WISHES),
        "",
        sc.say(rej.SIGNOFFS),
        contact.first,
    ]
    return subject(sc, INTERVIEW), "\n".join(lines)
