"""Builders for hard negatives that are about a job search but decline nothing:
invitations, rescheduling, acknowledgements, status updates, assessments, offers,
recruiter outreach, job-board mail, the applicant's own messages and auto-replies."""

from __future__ import annotations

import random
from collections.abc import Callable

from rejoinder.classifier.corpus import phrases_negative as neg
from rejoinder.classifier.corpus import phrases_rejection as rej
from rejoinder.classifier.corpus.build_rejection import (
    academic_signature,
    cast_company,
    cast_government,
    cast_university,
    company_sender,
    rejection_text_for_quote,
)
from rejoinder.classifier.corpus.compose import (
    Letter,
    Quote,
    quote_reply,
    random_moment,
    signature_block,
)
from rejoinder.classifier.corpus.names import (
    JOB_BOARDS,
    LOCATIONS,
    NameForge,
    Organisation,
    Person,
    ascii_slug,
)
from rejoinder.classifier.corpus.scene import (
    Builder,
    Built,
    Scene,
    ats_sender,
    finish,
    group_paragraphs,
    link,
)

NOT_REJECTION = "not_rejection"

PLATFORMS = ("CodeTrial", "Assessly", "SkillBridge", "TalentQ", "HireScreen", "Testwise", "PairPad")


def negative_builder(make: Callable[[Scene], Built]) -> Builder:
    def build(rng: random.Random, forge: NameForge) -> Built:
        return make(Scene(rng, forge))

    return build


# --------------------------------------------------------------------------------------
# shared pieces
# --------------------------------------------------------------------------------------


def hiring_side(sc: Scene) -> tuple[Organisation, Person, Person]:
    company = sc.forge.company()
    role = sc.forge.role()
    contact, interviewer = cast_company(sc, company, role)
    sc.slots["platform"] = sc.rng.choice(PLATFORMS)
    return company, contact, interviewer


def employer_envelope(
    sc: Scene, company: Organisation, contact: Person, ats_share: float
) -> tuple[str, str, list[str], str, bool]:
    """(from_name, from_addr, signature, signoff, via_ats) for mail from an employer."""
    if sc.chance(ats_share):
        vendor, relay = ats_sender(sc.rng, company)
        sc.slots["vendor"] = vendor
        name = sc.fragment(
            "{<company>|<company> Careers|<company> Recruiting|<company> Talent Acquisition}"
        )
        return name, relay, [sc.say(rej.TEAM_SIGNATURES)], sc.say(rej.SIGNOFFS), True
    if sc.chance(0.8):
        # Small companies write from the founder, as in the founder-style rejections.
        title = sc.say(rej.FOUNDER_TITLES if sc.chance(0.12) else rej.CONTACT_TITLES)
        signature = signature_block(
            sc.rng, contact, title, company.name if sc.chance(0.6) else company.legal
        )
        return contact.full, contact.email, signature, sc.say(rej.SIGNOFFS), False
    name, addr = company_sender(sc, company)
    return name, addr, [sc.say(rej.TEAM_SIGNATURES)], sc.say(rej.SIGNOFFS), False


def employer_letter(
    sc: Scene,
    company: Organisation,
    contact: Person,
    *,
    subject: str,
    sentences: list[str],
    ats_share: float,
    html_share: float,
    footer: list[str] | None = None,
    quote: Quote | None = None,
) -> Built:
    from_name, from_addr, signature, signoff, via_ats = employer_envelope(
        sc, company, contact, ats_share
    )
    headers = {"Auto-Submitted": "auto-generated"} if via_ats and sc.chance(0.3) else {}
    if via_ats and sc.chance(0.1):
        headers["Precedence"] = "bulk"
    letter = Letter(
        subject=reply_subject(quote.subject) if quote else subject,
        from_name=from_name,
        from_addr=from_addr,
        to_addr=sc.candidate.email,
        greeting=sc.say(rej.GREETINGS_GENERIC if sc.chance(0.08) else rej.GREETINGS),
        paragraphs=group_paragraphs(sc.rng, sentences, 0.5),
        signoff=signoff,
        signature=signature,
        footer=footer or [],
        headers=headers,
    )
    wrapper = (lambda text: quote_reply(sc.rng, text, quote)) if quote else None
    branded = company.name if via_ats and sc.chance(0.6) else None
    return finish(
        sc, letter, label=NOT_REJECTION, stage=None,
        html_share=max(html_share, 0.5) if via_ats else html_share, branded=branded, wrapper=wrapper,
    )  # fmt: skip


def reply_subject(subject: str) -> str:
    return subject if subject.lower().startswith("re:") else f"Re: {subject}"


def candidate_note(sc: Scene, contact: Person, topic: str) -> Quote:
    """An earlier message from the applicant, to be quoted below an employer reply."""
    body = sc.say_some(neg.FOLLOWUP_CORE if topic == "followup" else neg.THANKS_CORE, 2)
    text = "\n".join([f"Hi {contact.first},", "", " ".join(body), "", "Best,", sc.candidate.full])
    subject = sc.say(neg.FOLLOWUP_SUBJECTS if topic == "followup" else neg.THANKS_SUBJECTS)
    return Quote(
        sc.candidate,
        sc.candidate.full,
        random_moment(sc.rng),
        subject.removeprefix("Re: "),
        contact.email,
        text,
    )


def employer_note(sc: Scene, contact: Person, subject: str, sentences: list[str]) -> Quote:
    text = "\n".join(
        [f"Hi {sc.candidate.first},", "", " ".join(sentences), "", "Best,", contact.first]
    )
    return Quote(
        contact,
        contact.full,
        random_moment(sc.rng),
        subject.removeprefix("Re: "),
        sc.candidate.email,
        text,
    )


def candidate_letter(
    sc: Scene, to: Person, *, subject: str, sentences: list[str], quote: Quote | None = None
) -> Built:
    """Mail written by the applicant (found in Sent, or Cc'd to themselves)."""
    signature = [sc.candidate.full]
    if sc.chance(0.35):
        signature.append(
            sc.rng.choice(
                (
                    sc.slots["cand_phone"],
                    f"linkedin.example/in/{ascii_slug(sc.candidate.full, '-')}",
                )
            )
        )
    letter = Letter(
        subject=reply_subject(quote.subject) if quote else subject,
        from_name=sc.candidate.full,
        from_addr=sc.candidate.email,
        to_addr=to.email,
        greeting=sc.rng.choice(
            (f"Hi {to.first},", f"Dear {to.first},", f"Hello {to.first},", f"Dear {to.full},")
        ),
        paragraphs=group_paragraphs(sc.rng, sentences, 0.5),
        signoff=sc.rng.choice(
            ("Best regards,", "Kind regards,", "Best,", "Thanks,", "Many thanks,", "Warm regards,")
        ),
        signature=signature,
    )
    wrapper = (lambda text: quote_reply(sc.rng, text, quote)) if quote else None
    return finish(sc, letter, label=NOT_REJECTION, stage=None, html_share=0.25, wrapper=wrapper)


# --------------------------------------------------------------------------------------
# employer mail
# --------------------------------------------------------------------------------------


def interview_invitation(sc: Scene) -> Built:
    company, contact, _ = hiring_side(sc)
    sentences = [sc.say(neg.INVITE_OPENERS)] if sc.chance(0.7) else []
    sentences.append(sc.say(neg.INVITE_CORE))
    sentences += sc.say_some(neg.INVITE_LOGISTICS, sc.rng.choice((1, 2, 2, 3)))
    if sc.chance(0.45):
        sentences.append(sc.say(neg.INVITE_TWISTS))
    sentences.append(
        sc.fragment(
            "{Looking forward to speaking with you!|We look forward to meeting you.|Speak soon!|Thanks, and talk soon.}"
        )
    )
    quote = candidate_note(sc, contact, "followup") if sc.chance(0.15) else None
    return employer_letter(
        sc, company, contact, subject=sc.say(neg.INVITE_SUBJECTS), sentences=sentences,
        ats_share=0.3, html_share=0.3, quote=quote,
    )  # fmt: skip


def interview_reschedule(sc: Scene) -> Built:
    company, contact, _ = hiring_side(sc)
    if sc.chance(0.2):
        # The applicant asks to move the interview.
        sentences = [
            sc.fragment(
                "{Unfortunately|I'm so sorry, but} I {need to|have to} reschedule our interview "
                "{on <weekday>|tomorrow} {due to a family emergency|as I've come down with a fever|"
                "because of a clash with a medical appointment}."
            ),
            sc.fragment(
                "{I regret|I apologise for} the {short notice|inconvenience}. {Would|Could} <weekday> or the following day work instead?"
            ),
            sc.fragment("{I remain|I'm still} {very|really} {excited|keen} about the <role> role."),
        ]
        return candidate_letter(
            sc, contact, subject=sc.say(neg.RESCHEDULE_SUBJECTS), sentences=sentences
        )
    sentences = [sc.say(neg.RESCHEDULE_CORE)]
    sentences += sc.say_some(neg.RESCHEDULE_FOLLOW, sc.rng.choice((1, 2, 2)))
    quote = None
    if sc.chance(0.25):
        quote = employer_note(
            sc,
            contact,
            sc.say(neg.INVITE_SUBJECTS),
            [sc.say(neg.INVITE_CORE), sc.say(neg.INVITE_LOGISTICS)],
        )
    return employer_letter(
        sc, company, contact, subject=sc.say(neg.RESCHEDULE_SUBJECTS), sentences=sentences,
        ats_share=0.1, html_share=0.2, quote=quote,
    )  # fmt: skip


def application_received(sc: Scene) -> Built:
    company, contact, _ = hiring_side(sc)
    sentences = sc.say_some(neg.RECEIVED_CORE, sc.rng.choice((1, 2, 2, 3)))
    sentences += sc.say_some(neg.RECEIVED_CAVEATS, sc.rng.choice((1, 1, 2, 2, 3)))
    if sc.chance(0.5):
        sentences.append(sc.say(neg.RECEIVED_EXTRAS))
    footer = [sc.say(rej.ATS_FOOTERS)] if sc.chance(0.5) else []
    return employer_letter(
        sc, company, contact, subject=sc.say(neg.RECEIVED_SUBJECTS), sentences=sentences,
        ats_share=0.65, html_share=0.35, footer=footer,
    )  # fmt: skip


def application_status_update(sc: Scene) -> Built:
    company, contact, _ = hiring_side(sc)
    sentences = sc.say_some(neg.STATUS_CORE, sc.rng.choice((1, 2, 2)))
    sentences += sc.say_some(neg.STATUS_EXTRAS, sc.rng.choice((0, 1, 2)))
    quote = candidate_note(sc, contact, "followup") if sc.chance(0.25) else None
    return employer_letter(
        sc, company, contact, subject=sc.say(neg.STATUS_SUBJECTS), sentences=sentences,
        ats_share=0.3, html_share=0.25, quote=quote,
    )  # fmt: skip


def assessment_invitation(sc: Scene) -> Built:
    company, contact, _ = hiring_side(sc)
    sentences = sc.lead_then_some(neg.ASSESS_CORE, 1, sc.rng.choice((1, 1, 2, 3)))
    sentences += sc.say_some(neg.ASSESS_TWISTS, sc.rng.choice((0, 1, 1, 2)))
    return employer_letter(
        sc, company, contact, subject=sc.say(neg.ASSESS_SUBJECTS), sentences=sentences,
        ats_share=0.4, html_share=0.3,
    )  # fmt: skip


def offer(sc: Scene) -> Built:
    company, contact, _ = hiring_side(sc)
    sentences = sc.lead_then_some(neg.OFFER_CORE, 3, sc.rng.choice((0, 1, 1, 2)))
    sentences += sc.say_some(neg.OFFER_TWISTS, sc.rng.choice((1, 1, 2)))
    quote = candidate_note(sc, contact, "thanks") if sc.chance(0.15) else None
    return employer_letter(
        sc, company, contact, subject=sc.say(neg.OFFER_SUBJECTS), sentences=sentences,
        ats_share=0.08, html_share=0.3, quote=quote,
    )  # fmt: skip


def recruiter_outreach(sc: Scene) -> Built:
    in_house = sc.chance(0.35)
    client = sc.forge.company()
    firm = client if in_house else sc.forge.agency()
    recruiter = sc.colleague(firm)
    sc.slots.update(
        role=sc.forge.role(),
        company=client.name,
        client_name=client.name
        if in_house or sc.chance(0.5)
        else sc.fragment(
            "{a Series B {fintech|healthtech} startup|a global retailer|a fast-growing SaaS company}"
        ),
        board=sc.rng.choice(JOB_BOARDS),
    )
    sentences = sc.lead_then_some(neg.OUTREACH_CORE, 2, sc.rng.choice((0, 1, 1, 2)))
    sentences += sc.say_some(neg.OUTREACH_CLOSE, sc.rng.choice((1, 2)))
    title = sc.fragment(
        "{Talent Partner|Senior Recruiter|Recruitment Consultant|Technical Sourcer|Head of Talent}"
    )
    letter = Letter(
        subject=sc.say(neg.OUTREACH_SUBJECTS),
        from_name=recruiter.full,
        from_addr=recruiter.email,
        to_addr=sc.candidate.email,
        greeting=sc.fragment("{Hi|Hello|Hey} <first>{,|!}"),
        paragraphs=group_paragraphs(sc.rng, sentences, 0.5),
        signoff=sc.say(rej.SIGNOFFS),
        signature=signature_block(sc.rng, recruiter, title, firm.name),
    )
    return finish(sc, letter, label=NOT_REJECTION, stage=None, html_share=0.3)


def job_alert_digest(sc: Scene) -> Built:
    board = sc.rng.choice(JOB_BOARDS)
    host = f"{board.lower()}.example"
    query = sc.forge.role().split(",")[0].split(" – ")[0]
    sc.slots.update(board=board, query=query, link=link(sc.rng, host))
    count = sc.rng.randint(4, 11)
    sc.slots["n"] = str(count + sc.rng.randint(0, 30))
    listings = []
    for _ in range(count):
        company = sc.forge.company()
        role = sc.forge.role()
        city = sc.rng.choice((*LOCATIONS, sc.forge.place()))
        shape = sc.rng.choice(("{r}\n{c} · {p}\n{l}", "{r} – {c} ({p})\n{l}", "• {r} at {c}, {p}"))
        listings.append(shape.format(r=role, c=company.name, p=city, l=link(sc.rng, host)))
    paragraphs = [sc.say(neg.ALERT_INTROS), *listings]
    letter = Letter(
        subject=sc.say(neg.ALERT_SUBJECTS),
        from_name=sc.fragment(f"{{{board}|{board} Job Alerts|{board} Jobs}}"),
        from_addr=f"{sc.rng.choice(('alerts', 'jobs-noreply', 'notifications'))}@{host}",
        to_addr=sc.candidate.email,
        greeting=sc.fragment("{Hi <first>,|Hello <first>,|}") or None,
        paragraphs=paragraphs,
        footer=sc.say_some(neg.ALERT_FOOTERS, sc.rng.choice((1, 2))),
        headers={
            "List-Id": f"{board} job alerts <alerts.{host}>",
            "List-Unsubscribe": f"<{link(sc.rng, host)}>",
            "Precedence": "bulk",
        },
    )
    return finish(sc, letter, label=NOT_REJECTION, stage=None, html_share=0.55, branded=board)


def job_board_notice(sc: Scene) -> Built:
    board = sc.rng.choice(JOB_BOARDS)
    host = f"{board.lower()}.example"
    company = sc.forge.company()
    sc.slots.update(
        board=board, company=company.name, role=sc.forge.role(), link=link(sc.rng, host)
    )
    paragraphs = [sc.say(neg.BOARD_CORE)]
    if paragraphs[0].endswith(":") or sc.chance(0.25):
        paragraphs += [
            f"{sc.forge.role()} – {sc.forge.company().name}" for _ in range(sc.rng.randint(2, 4))
        ]
    letter = Letter(
        subject=sc.say(neg.BOARD_SUBJECTS),
        from_name=board,
        from_addr=f"notifications@{host}",
        to_addr=sc.candidate.email,
        greeting=sc.fragment("{Hi <first>,|<first>,|Hello,}"),
        paragraphs=paragraphs,
        footer=[sc.say(neg.ALERT_FOOTERS)],
        headers={"List-Unsubscribe": f"<{link(sc.rng, host)}>", "Precedence": "bulk"}
        if sc.chance(0.7)
        else {},
    )
    return finish(sc, letter, label=NOT_REJECTION, stage=None, html_share=0.6, branded=board)


# --------------------------------------------------------------------------------------
# the applicant's own mail
# --------------------------------------------------------------------------------------


def sent_thank_you(sc: Scene) -> Built:
    _, contact, _ = hiring_side(sc)
    sentences = sc.say_some(neg.THANKS_CORE, sc.rng.choice((2, 3, 4)))
    return candidate_letter(sc, contact, subject=sc.say(neg.THANKS_SUBJECTS), sentences=sentences)


def sent_withdrawal(sc: Scene) -> Built:
    _, contact, _ = hiring_side(sc)
    decisive = [t for t in neg.WITHDRAW_CORE if "withdraw my application" in t or "decline" in t]
    others = [t for t in neg.WITHDRAW_CORE if t not in decisive]
    sentences = [sc.say(decisive)]
    sentences += sc.say_some(others, sc.rng.choice((1, 2, 3)))
    sc.rng.shuffle(sentences)
    quote = None
    if sc.chance(0.3):
        quote = employer_note(
            sc,
            contact,
            sc.say(neg.INVITE_SUBJECTS),
            [sc.say(neg.INVITE_CORE), sc.say(neg.INVITE_LOGISTICS)],
        )
    return candidate_letter(
        sc, contact, subject=sc.say(neg.WITHDRAW_SUBJECTS), sentences=sentences, quote=quote
    )


def sent_status_followup(sc: Scene) -> Built:
    _, contact, _ = hiring_side(sc)
    sentences = sc.say_some(neg.FOLLOWUP_CORE, sc.rng.choice((2, 3, 3)))
    return candidate_letter(sc, contact, subject=sc.say(neg.FOLLOWUP_SUBJECTS), sentences=sentences)


def sent_feedback_request(sc: Scene) -> Built:
    company, contact, _ = hiring_side(sc)
    role = sc.slots["role"]
    subject_line, rejection = rejection_text_for_quote(sc, company, role, contact)
    sc.slots["subject_quoted"] = subject_line.removeprefix("Re: ")
    sentences = sc.say_some(neg.FEEDBACK_CORE, sc.rng.choice((2, 3, 3)))
    quote = None
    if sc.chance(0.45):
        quote = Quote(
            contact,
            contact.full,
            random_moment(sc.rng),
            subject_line,
            sc.candidate.email,
            rejection,
        )
    return candidate_letter(
        sc, contact, subject=sc.say(neg.FEEDBACK_SUBJECTS), sentences=sentences, quote=quote
    )


def auto_reply(sc: Scene) -> Built:
    company, contact, _ = hiring_side(sc)
    colleague = sc.colleague(company, contact.first)
    sc.slots.update(
        colleague=colleague.full,
        colleague_email=colleague.email,
        subject_quoted=sc.say(neg.FOLLOWUP_SUBJECTS + neg.THANKS_SUBJECTS),
    )
    bank = neg.AUTO_GONE if sc.chance(0.2) else neg.AUTO_AWAY
    sentences = sc.say_some(bank, sc.rng.choice((1, 2, 2, 3)))
    headers = {"Auto-Submitted": "auto-replied"}
    if sc.chance(0.5):
        headers["X-Autoreply"] = "yes"
    if sc.chance(0.3):
        headers["Precedence"] = "auto_reply"
    if sc.chance(0.3):
        headers["X-Auto-Response-Suppress"] = "All"
    letter = Letter(
        subject=sc.say(neg.AUTO_SUBJECTS),
        from_name=contact.full,
        from_addr=contact.email,
        to_addr=sc.candidate.email,
        greeting=sc.rng.choice(("Hello,", "Hi,", "Dear sender,", "")) or None,
        paragraphs=group_paragraphs(sc.rng, sentences, 0.5),
        signoff=sc.rng.choice(("Best regards,", "Kind regards,", "Thanks,", "")) or None,
        signature=[contact.full] if sc.chance(0.6) else [],
        headers=headers,
    )
    return finish(sc, letter, label=NOT_REJECTION, stage=None, html_share=0.3)


# --------------------------------------------------------------------------------------
# the same institutions and idiom as the academic, public-sector and non-native rejections
# --------------------------------------------------------------------------------------


def academic_search_update(sc: Scene) -> Built:
    university, _, chair = cast_university(sc)
    sentences = sc.say_some(neg.ACADEMIC_UPDATE_CORE, sc.rng.choice((1, 2, 2, 3)))
    if sc.chance(0.6):
        sentences.insert(0, sc.say(neg.ACADEMIC_UPDATE_CORE[:1]))
    personal = sc.chance(0.7)
    letter = Letter(
        subject=sc.say(neg.ACADEMIC_UPDATE_SUBJECTS),
        from_name=chair.full if personal else f"{university.name} Faculty Recruitment",
        from_addr=chair.email if personal else f"facultysearch@{university.domain}",
        to_addr=sc.candidate.email,
        greeting=sc.say(rej.ACADEMIC_GREETINGS),
        paragraphs=group_paragraphs(sc.rng, list(dict.fromkeys(sentences)), 0.6),
        signoff=sc.say(rej.SIGNOFFS),
        signature=academic_signature(sc, chair, university)
        if personal
        else ["Faculty Recruitment", university.name],
    )
    return finish(sc, letter, label=NOT_REJECTION, stage=None, html_share=0.15)


def public_sector_update(sc: Scene) -> Built:
    agency, _, officer = cast_government(sc)
    sentences = sc.lead_then_some(neg.PUBLIC_UPDATE_CORE, 1, sc.rng.choice((1, 2, 3)))
    personal = sc.chance(0.35)
    letter = Letter(
        subject=sc.say(neg.PUBLIC_UPDATE_SUBJECTS),
        from_name=officer.full
        if personal
        else sc.fragment(f"{{{agency.name}|{agency.name} Human Resources}}"),
        from_addr=officer.email
        if personal
        else f"{sc.rng.choice(('recruitment', 'jobs', 'noreply'))}@{agency.domain}",
        to_addr=sc.candidate.email,
        greeting=sc.fragment(
            "{Dear <first> <cand_last>,|Dear <first>,|Dear Applicant,|Dear <cand_full>:}"
        ),
        paragraphs=group_paragraphs(sc.rng, sentences, 0.65),
        signoff=sc.rng.choice(("Sincerely,", "Regards,", "Kind regards,", "Respectfully,")),
        signature=[officer.full, "HR Specialist", agency.name]
        if personal
        else [sc.say(rej.GOV_SIGNATURES), agency.name],
        headers={"Auto-Submitted": "auto-generated"} if not personal and sc.chance(0.4) else {},
    )
    return finish(sc, letter, label=NOT_REJECTION, stage=None, html_share=0.25)


def nonnative_job_update(sc: Scene) -> Built:
    company, contact, _ = hiring_side(sc)
    # A message either confirms receipt or invites to interview, never both.
    acknowledgement = sc.chance(0.5)
    core = neg.NONNATIVE_UPDATE_ACK if acknowledgement else neg.NONNATIVE_UPDATE_INVITE
    subjects = (
        neg.NONNATIVE_UPDATE_SUBJECTS[:2] if acknowledgement else neg.NONNATIVE_UPDATE_SUBJECTS[2:]
    )
    sentences = sc.lead_then_some(core, 1, sc.rng.choice((1, 1, 2)))
    sentences += sc.say_some(neg.NONNATIVE_UPDATE_COMMON, sc.rng.choice((0, 1, 1, 2)))
    personal = sc.chance(0.45)
    local = sc.rng.choice(("jobs", "rh", "recrutement", "karriere", "seleccion", "hr"))
    letter = Letter(
        subject=sc.say(subjects),
        from_name=contact.full
        if personal
        else sc.fragment("{<company> Recruitment|<company> HR|<company>}"),
        from_addr=contact.email if personal else f"{local}@{company.domain}",
        to_addr=sc.candidate.email,
        greeting=sc.fragment(
            "{Dear <first> <cand_last>,|Dear <first>,|Dear Candidate,|Good day <first>,|Hello <first>,}"
        ),
        paragraphs=group_paragraphs(sc.rng, sentences, 0.55),
        signoff=sc.say(rej.NONNATIVE_SIGNOFFS),
        signature=[contact.full, "HR Specialist", company.legal]
        if personal
        else [
            sc.fragment("{The Recruitment Team|Human Resources Department|HR Department}"),
            company.legal,
        ],
    )
    return finish(sc, letter, label=NOT_REJECTION, stage=None, html_share=0.3)


JOB_NEGATIVES: dict[str, Callable[[Scene], Built]] = {
    "interview_invitation": interview_invitation,
    "interview_reschedule": interview_reschedule,
    "application_received": application_received,
    "application_status_update": application_status_update,
    "assessment_invitation": assessment_invitation,
    "offer": offer,
    "recruiter_outreach": recruiter_outreach,
    "job_alert_digest": job_alert_digest,
    "job_board_notice": job_board_notice,
    "sent_thank_you": sent_thank_you,
    "sent_withdrawal": sent_withdrawal,
    "sent_status_followup": sent_status_followup,
    "sent_feedback_request": sent_feedback_request,
    "auto_reply": auto_reply,
    "academic_search_update": academic_search_update,
    "public_sector_update": public_sector_update,
    "nonnative_job_update": nonnative_job_update,
}
