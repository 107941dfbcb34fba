"""Builders for indirect rejections: letters whose stage, and sometimes whose decision,
is only implied.

* ``rejection_implied``: the stage is only implied (time spent with the team, a visit,
  a panel, a phone screen, a case study; or, for the application stage, the pool, the
  hiring team and praise), decisions phrased as outcomes rather than formulas;
* ``rejection_terse``: one line, often without greeting or signature;
* ``rejection_candid``: a recruiter's or hiring manager's personal note, frank reasons
  and advice, or a "feedback" letter;
* ``rejection_placement``: internships, traineeships, freelance gigs, speculative
  letters and unmet requirements, the decision sometimes buried in a long letter.

These families (``INDIRECT_REJECTIONS``) teach the *stage* model in full and the label
model at a reduced weight (``INDIRECT_LABEL_WEIGHT``, see ``training.fit_bundle``): their
wording is deliberately generic, and at full weight it pulled ordinary mail towards a
draft.

Phrase banks: ``phrases_more.py``.
"""

from __future__ import annotations

import random
from collections.abc import Callable

from rejoinder.classifier.corpus import phrases_extra as ext
from rejoinder.classifier.corpus import phrases_more as more
from rejoinder.classifier.corpus import phrases_rejection as rej
from rejoinder.classifier.corpus.build_negative import (
    employer_envelope,
)
from rejoinder.classifier.corpus.build_rejection import (
    APPLICATION,
    INTERVIEW,
    UNKNOWN,
    cast_company,
    earlier_message,
)
from rejoinder.classifier.corpus.compose import (
    Letter,
    quote_reply,
)
from rejoinder.classifier.corpus.names import (
    MONTHS,
    NameForge,
    Organisation,
    Person,
    with_article,
)
from rejoinder.classifier.corpus.scene import (
    Builder,
    Built,
    Scene,
    Truth,
    finish,
    group_paragraphs,
)

REJECTION = "rejection"


# (application, interview, unknown) weights per family.
STAGE_WEIGHTS: dict[str, tuple[int, int, int]] = {
    "implied": (40, 50, 10),
    "terse": (35, 45, 20),
    "candid": (30, 58, 12),
    "placement": (100, 0, 0),
}


def more_rejection_builder(family: str) -> Builder:
    make = FAMILIES[family]

    def build(rng: random.Random, forge: NameForge) -> Built:
        stage = rng.choices((APPLICATION, INTERVIEW, UNKNOWN), weights=STAGE_WEIGHTS[family])[0]
        return make(Scene(rng, forge), stage)

    return build


def more_negative_builder(make: Callable[[Scene], Built]) -> Builder:
    def build(rng: random.Random, forge: NameForge) -> Built:
        return make(Scene(rng, forge))

    return build


# --------------------------------------------------------------------------------------
# shared envelope for the rejections
# --------------------------------------------------------------------------------------


def _rejection_letter(
    sc: Scene,
    company: Organisation,
    role: str,
    person: Person,
    stage: str,
    *,
    subject: str,
    sentences: list[str],
    breakiness: float,
    greeting_share: float = 0.85,
    signature_share: float = 0.9,
    ats_share: float = 0.15,
    html_share: float = 0.15,
    reply_share: float = 0.25,
    footer: list[str] | None = None,
) -> Built:
    from_name, from_addr, signature, signoff, via_ats = employer_envelope(
        sc, company, person, ats_share
    )
    personal = from_addr == person.email
    if personal and sc.chance(0.4):
        signature = [person.first]
    letter = Letter(
        subject=subject,
        from_name=from_name,
        from_addr=from_addr,
        to_addr=sc.candidate.email,
        greeting=sc.fragment(
            "{Hi <first>,|<first>,|Hello <first>,|Dear <first>,|Dear <first>,|Hey <first>,|"
            "Dear <cand_full>,|Dear Candidate,|Hi,}"
        )
        if sc.chance(greeting_share)
        else None,
        paragraphs=group_paragraphs(sc.rng, sentences, breakiness),
        signoff=signoff if sc.chance(0.8) else None,
        signature=signature if sc.chance(signature_share) else [],
        footer=footer or [],
        headers={"Auto-Submitted": "auto-generated"} if via_ats and sc.chance(0.3) else {},
    )
    wrapper = None
    if sc.chance(reply_share):
        earlier = earlier_message(sc, stage if stage != UNKNOWN else APPLICATION, person)
        letter.subject = f"Re: {earlier.subject.removeprefix('Re: ')}"
        wrapper = lambda text: quote_reply(sc.rng, text, earlier)  # noqa: E731
    truth = Truth(company.name, role, person.first if personal else None)
    return finish(
        sc, letter, label=REJECTION, stage=stage, truth=truth,
        html_share=max(html_share, 0.5) if via_ats else html_share,
        branded=company.name if via_ats else None, wrapper=wrapper,
    )  # fmt: skip


def _lead_into(sc: Scene, lead_bank: tuple[str, ...], verdict: str) -> str:
    """ "<lead>, <verdict in lower case>"."""
    keep_capital = verdict.split(" ")[0].split("'")[0] in {"I", "Your"}
    first = verdict[0] if keep_capital else verdict[0].lower()
    return f"{sc.say(lead_bank)}, {first}{verdict[1:]}"


# --------------------------------------------------------------------------------------
# rejections
# --------------------------------------------------------------------------------------


def implied(sc: Scene, stage: str) -> Built:
    company, role = sc.forge.company(), sc.forge.role()
    contact, _ = cast_company(sc, company, role)
    sc.slots["app"] = "application"
    sentences: list[str] = []
    verdict = sc.say(more.IMPLIED_DECIDE_ANY if sc.chance(0.6) else ext.PLAIN_DECIDE_ANY)
    if stage == INTERVIEW:
        if sc.chance(0.3):
            verdict = sc.say(more.IMPLIED_DECIDE_INTERVIEW)
        if sc.chance(0.35):
            verdict = _lead_into(sc, more.IMPLIED_LEAD_INTERVIEW, verdict)
        else:
            sentences += sc.say_some(more.IMPLIED_SIGNAL_INTERVIEW, sc.rng.choice((1, 1, 2)))
        if sc.chance(0.25):  # interview letters thank for the application too
            sentences.insert(0, sc.say(ext.PLAIN_SIGNAL_APPLICATION[3:4] + rej.OPEN_UNKNOWN))
    elif stage == APPLICATION:
        if sc.chance(0.3):
            verdict = _lead_into(sc, more.IMPLIED_LEAD_APPLICATION, verdict)
        else:
            sentences += sc.say_some(more.IMPLIED_SIGNAL_APPLICATION, sc.rng.choice((1, 1, 2)))
    elif sc.chance(0.6):
        sentences.append(sc.say(rej.OPEN_UNKNOWN))
    praise_first = sc.chance(0.35)
    if praise_first:
        sentences.insert(0 if sc.chance(0.5) else len(sentences), sc.say(more.PRAISE_THEN))
    sentences.append(verdict)
    if sc.chance(0.35):
        sentences.append(sc.say(rej.REASONS))
    if not praise_first and sc.chance(0.25):
        sentences.append(sc.say(more.PRAISE_THEN))
    if sc.chance(0.4):
        sentences.append(sc.say(more.INVITE_TO_REAPPLY))
    if sc.chance(0.5):
        sentences.append(sc.say(rej.WELL_WISHES))
    subject = sc.say(
        more.IMPLIED_SUBJECTS_INTERVIEW
        if stage == INTERVIEW and sc.chance(0.7)
        else more.IMPLIED_SUBJECTS_APPLICATION
        if stage == APPLICATION and sc.chance(0.7)
        else rej.SUBJECTS_UNKNOWN
    )
    return _rejection_letter(
        sc, company, role, contact, stage, subject=subject, sentences=sentences, breakiness=0.5,
        ats_share=0.2 if stage == APPLICATION else 0.08,
    )  # fmt: skip


def terse(sc: Scene, stage: str) -> Built:
    company, role = sc.forge.company(), sc.forge.role()
    contact, _ = cast_company(sc, company, role)
    bank = {APPLICATION: more.TERSE_APPLICATION, INTERVIEW: more.TERSE_INTERVIEW}.get(
        stage, more.TERSE_ANY
    )
    if stage != UNKNOWN and sc.chance(0.25):
        # The stage is in the subject only; the line itself is stage-neutral.
        line = sc.say(more.TERSE_ANY)
        subject = sc.fragment(
            "{Interview update|Your interview|After your interview|Re: onsite|Panel outcome}"
            if stage == INTERVIEW
            else "{Your application|Application update|Re: <role> application|Thanks for applying}"
        )
    else:
        line = sc.say(bank)
        subject = sc.say(more.TERSE_SUBJECTS)
    sentences = [line]
    if sc.chance(0.25):
        sentences.append(sc.say(ext.PLAIN_SOFTENERS))
    return _rejection_letter(
        sc, company, role, contact, stage, subject=subject, sentences=sentences, breakiness=0.2,
        greeting_share=0.45, signature_share=0.5, ats_share=0.1, html_share=0.1,
        reply_share=0.3,
    )  # fmt: skip


def candid(sc: Scene, stage: str) -> Built:
    agency = sc.chance(0.4)
    company = sc.forge.agency() if agency else sc.forge.company()
    role = sc.forge.role()
    contact, _ = cast_company(sc, company, role)
    sentences: list[str] = []
    if sc.chance(0.45):
        sentences.append(sc.say(more.CANDID_APOLOGY))
    feedback = sc.chance(0.3)
    if feedback:
        sentences.append(sc.say(more.FEEDBACK_FRAME))
    if stage == INTERVIEW:
        signal = more.IMPLIED_SIGNAL_INTERVIEW + ext.PLAIN_SIGNAL_INTERVIEW
        sentences.append(sc.say(signal))
    elif stage == APPLICATION:
        sentences.append(sc.say(ext.PLAIN_SIGNAL_APPLICATION))
    if sc.chance(0.6):
        sentences.append(sc.say(more.CANDID_PERSONAL))
    sentences += sc.say_some(more.CANDID_REASON, sc.rng.choice((1, 1, 2)))
    sentences.append(sc.say(more.CANDID_DECIDE))
    if sc.chance(0.55):
        sentences.append(sc.say(more.CANDID_ADVICE))
    if sc.chance(0.55):
        sentences.append(sc.say(more.CANDID_TALK))
    if sc.chance(0.3):
        sentences.append(sc.say(rej.WELL_WISHES))
    subject = sc.say(more.CANDID_SUBJECTS)
    return _rejection_letter(
        sc, company, role, contact, stage, subject=subject, sentences=sentences, breakiness=0.45,
        ats_share=0.0, html_share=0.1, reply_share=0.35,
    )  # fmt: skip


def placement(sc: Scene, stage: str) -> Built:
    company, role = sc.forge.company(), sc.forge.role()
    contact, _ = cast_company(sc, company, role)
    thing = sc.rng.choice(more.PLACEMENT_THINGS)
    sc.slots.update(thing=thing, a_thing=with_article(thing), month_word=sc.rng.choice(MONTHS))
    gig = sc.chance(0.2)
    sentences: list[str] = []
    if gig:
        sentences.append(sc.say(more.IMPLIED_SIGNAL_APPLICATION[4:5] + more.PLACEMENT_OPEN[3:]))
        sentences.append(sc.say(more.GIG_DECIDE))
        if sc.chance(0.6):
            sentences.append(sc.say(more.INVITE_TO_REAPPLY))
        subject = sc.fragment("{<role> gig – update|Update on <role>|Your <role> application}")
    else:
        sc.slots["role"] = thing
        if sc.chance(0.85):
            sentences.append(sc.say(more.PLACEMENT_OPEN))
        requirement = sc.chance(0.35)
        if requirement:
            sentences.append(sc.say(more.PLACEMENT_REQUIREMENT))
        if not requirement or sc.chance(0.5):
            sentences.append(sc.say(more.PLACEMENT_DECIDE))
        if sc.chance(0.35):  # a long letter with the decision buried in information
            sentences += sc.say_some(more.LONG_INFO, sc.rng.choice((2, 3, 4)))
        if sc.chance(0.3):
            sentences.append(sc.say(more.INVITE_TO_REAPPLY))
        if sc.chance(0.5):
            sentences.append(sc.say(rej.WELL_WISHES))
        subject = sc.say(more.PLACEMENT_SUBJECTS)
    letter_role = role if gig else thing
    return _rejection_letter(
        sc, company, letter_role, contact, stage, subject=subject, sentences=sentences,
        breakiness=0.5, ats_share=0.15, html_share=0.2, reply_share=0.1,
    )  # fmt: skip


FAMILIES: dict[str, Callable[[Scene, str], Built]] = {
    "implied": implied,
    "terse": terse,
    "candid": candid,
    "placement": placement,
}
