"""Builders that separate decision language from its object.

* ``nonjob_selection``: grants, scholarships, accelerators, residencies, speaker slots,
  flats, credit, memberships, school places... turned down (mostly) in the very register
  of a job rejection, "applicants", "selection committee" and "this cycle" included;
* ``candidate_mail``: the applicant's own first-person mail that carries rejection
  vocabulary: declining an offer or interview, withdrawing, telling a recruiter they are
  not looking, thanking a company for a rejection, telling a friend about one;
* ``process_update``: recruitment-process notices (delays, "only shortlisted candidates
  will be contacted", "the position remains open", talent-community mail);
* ``rejection_plain``: plain, often terse job rejections, frequently as a reply in a
  thread, whose stage is signalled by many different indirect phrases.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Sequence

from rejoinder.classifier.corpus import phrases_extra as ext
from rejoinder.classifier.corpus import phrases_more as more
from rejoinder.classifier.corpus import phrases_negative as neg
from rejoinder.classifier.corpus import phrases_other as oth
from rejoinder.classifier.corpus import phrases_rejection as rej
from rejoinder.classifier.corpus.build_negative import (
    candidate_letter,
    candidate_note,
    employer_letter,
    hiring_side,
)
from rejoinder.classifier.corpus.build_other import institutional
from rejoinder.classifier.corpus.build_rejection import (
    APPLICATION,
    INTERVIEW,
    UNKNOWN,
    cast_company,
    earlier_message,
    rejection_text_for_quote,
)
from rejoinder.classifier.corpus.compose import Letter, Quote, quote_reply, random_moment
from rejoinder.classifier.corpus.names import JOB_BOARDS, MONTHS, NameForge, ascii_slug, tld
from rejoinder.classifier.corpus.scene import (
    Builder,
    Built,
    Scene,
    Truth,
    finish,
    group_paragraphs,
    link,
)
from rejoinder.classifier.corpus.spin import capitalise_first

NOT_REJECTION = "not_rejection"

# Words that tie a courtesy formula to a job; formulas without them are shared with
# non-job mail so that they stop being evidence of a job rejection.
_JOB_WORDS = re.compile(
    r"role|job|career|position|interview|hiring|recruit|\bCV\b|resume|<team>|opening|"
    r"<app>|<interviewer>|talent|panel|candida",
    re.IGNORECASE,
)


def generic_part(bank: Sequence[str]) -> tuple[str, ...]:
    """The entries of a rejection bank that say nothing about a job."""
    return tuple(t for t in bank if not _JOB_WORDS.search(t))


SHARED_WISHES = generic_part(rej.WELL_WISHES)
SHARED_DOOR = generic_part(rej.DOOR_OPEN)
SHARED_EXTRAS = generic_part(rej.LONG_EXTRAS) + generic_part(more.LONG_INFO)
SHARED_PRAISE = generic_part(more.PRAISE_THEN)


def extra_builder(make: Callable[[Scene], Built]) -> Builder:
    def build(rng: random.Random, forge: NameForge) -> Built:
        return make(Scene(rng, forge))

    return build


# --------------------------------------------------------------------------------------
# non-job selection decisions
# --------------------------------------------------------------------------------------


def nonjob_selection(sc: Scene) -> Built:
    kind = sc.rng.choice(ext.NONJOB_KINDS)
    place = sc.forge.place()
    sc.slots.update(
        place=place,
        event=sc.rng.choice(oth.EVENTS).removeprefix("the "),
        conf=sc.rng.choice(oth.CONFERENCES),
        journal=sc.rng.choice(oth.JOURNALS),
        bank=sc.rng.choice(oth.BANK_NAMES),
        address=f"{sc.rng.randint(2, 240)} {sc.rng.choice(oth.STREETS)}",
        pet=sc.rng.choice(ext.NONJOB_PETS),
        org_club=sc.rng.choice(ext.NONJOB_CLUBS),
    )
    short_t, thing_t, item_t, one_t, object_t, pool_t, panel_t, cycle_t, next_t = kind
    sc.slots["short"] = sc.fragment(short_t)
    fields = {
        "thing": thing_t, "item": item_t, "item_one": one_t, "object": object_t,
        "pool": pool_t, "panel": panel_t, "cycle": cycle_t, "next": next_t,
    }  # fmt: skip
    for name, template in fields.items():
        sc.slots[name] = sc.fragment(template)
    sc.slots["cycle_word"] = sc.fragment("{<year>|<term>|Spring|Autumn|Round <small>}")
    sc.slots["cycle_cap"] = capitalise_first(sc.slots["cycle"])
    short = sc.slots["short"]
    if "<address>" in short_t:
        org = sc.fragment("{<place> Lettings|<place> Property Management|<place> Estates}")
    elif "Tender" in short_t:
        org = sc.fragment("{<place> Council|City of <place>} Procurement")
    elif "Study" in short_t or "Trial" in short_t:
        org = sc.fragment("<place> {Research Institute|Clinical Research Unit}")
    else:
        org = short
    sc.slots["org"] = org
    sc.slots["company"] = org  # shared courtesy formulas say "your interest in <company>"
    declined = sc.chance(0.8)
    if sc.chance(0.15):  # terse
        sentences = [sc.say(ext.NONJOB_DECIDE if declined else ext.NONJOB_POSITIVE)]
        if sc.chance(0.6):
            sentences.append(sc.say(ext.NONJOB_WISHES + SHARED_WISHES))
    else:
        sentences = [sc.say(ext.NONJOB_OPEN)] if sc.chance(0.85) else []
        if sc.chance(0.15):
            sentences.append(sc.say(SHARED_PRAISE))
        sentences.append(sc.say(ext.NONJOB_DECIDE if declined else ext.NONJOB_POSITIVE))
        sentences += sc.say_some(ext.NONJOB_REASON, sc.rng.choice((0, 1, 1, 2)))
        if sc.chance(0.15):
            sentences.append(sc.say(SHARED_EXTRAS))
        if sc.chance(0.6):
            sentences.append(sc.say(ext.NONJOB_DOOR + SHARED_DOOR))
        sentences += sc.say_some(ext.NONJOB_WISHES + SHARED_WISHES, sc.rng.choice((0, 1, 1, 2)))
    return institutional(
        sc, org_name=capitalise_first(org), subject=sc.say(ext.NONJOB_SUBJECTS), sentences=sentences,
        local_parts=("noreply", "applications", "info", "hello", "selection", "office"),
        html_share=0.3, person_share=0.45,
    )  # fmt: skip


# --------------------------------------------------------------------------------------
# the applicant's own mail
# --------------------------------------------------------------------------------------

CANDIDATE_KINDS = (
    ("decline_offer", 3),
    ("withdraw", 3),
    ("not_looking", 2),
    ("reply_thanks", 4),
    ("tell_friend", 3),
    ("decline_interview", 2),
    ("terse", 3),
)


def candidate_mail(sc: Scene) -> Built:
    kind = sc.rng.choices([k for k, _ in CANDIDATE_KINDS], [w for _, w in CANDIDATE_KINDS])[0]
    company, contact, _ = hiring_side(sc)
    if kind == "terse":
        return candidate_letter(
            sc, contact, subject=sc.say(ext.CAND_TERSE_SUBJECTS), sentences=[sc.say(ext.CAND_TERSE)]
        )
    core = ext.CAND_CORE[kind]
    count = sc.rng.choice((1, 2, 2, 3, 3, 4))
    sentences = sc.say_some(core, min(count, len(core)))
    subject = sc.say(ext.CAND_SUBJECTS[kind])
    quote: Quote | None = None
    recipient = contact
    if kind == "tell_friend":
        recipient = sc.forge.person(avoid=frozenset({sc.candidate.first, contact.first}))
    elif kind == "reply_thanks" and sc.chance(0.5):
        subject_line, rejection = rejection_text_for_quote(sc, company, sc.slots["role"], contact)
        quote = Quote(
            contact, contact.full, random_moment(sc.rng), subject_line, sc.candidate.email,
            rejection,
        )  # fmt: skip
    return candidate_letter(sc, recipient, subject=subject, sentences=sentences, quote=quote)


# --------------------------------------------------------------------------------------
# recruitment-process notices
# --------------------------------------------------------------------------------------


def process_update(sc: Scene) -> Built:
    company, contact, _ = hiring_side(sc)
    sc.slots["month_word"] = sc.rng.choice(MONTHS)
    if sc.chance(0.2):
        return talent_newsletter(sc, company.name, company.domain)
    sentences = sc.say_some(ext.PROCESS_CORE, sc.rng.choice((1, 2, 2, 3, 3, 4)))
    if sc.chance(0.35):
        sentences.append(sc.say(SHARED_WISHES))
    # Replies to the applicant's check-in, like many rejections are.
    quote = candidate_note(sc, contact, "followup") if sc.chance(0.3) else None
    return employer_letter(
        sc, company, contact, subject=sc.say(ext.PROCESS_SUBJECTS), sentences=sentences,
        ats_share=0.4, html_share=0.3, quote=quote,
    )  # fmt: skip


def talent_newsletter(sc: Scene, name: str, domain: str) -> Built:
    host = domain if sc.chance(0.5) else ascii_slug(name, "-") + tld(sc.rng)
    sentences = sc.say_some(ext.PROCESS_NEWSLETTER, sc.rng.choice((2, 3, 4)))
    letter = Letter(
        subject=sc.say(ext.PROCESS_SUBJECTS),
        from_name=sc.fragment(f"{{{name} Careers|{name} Talent|{name}}}"),
        from_addr=f"{sc.rng.choice(('careers', 'talent', 'news'))}@{host}",
        to_addr=sc.candidate.email,
        greeting=sc.fragment("{Hi <first>,|Hello <first>,|Dear <first>,|}") or None,
        paragraphs=group_paragraphs(sc.rng, sentences, 0.7),
        signoff=sc.rng.choice(("Best,", "Warm regards,", "")) or None,
        signature=[sc.fragment(f"{{The {name} Talent Team|{name} Recruiting}}")],
        headers={
            "List-Id": f"{name} careers <careers.{host}>",
            "List-Unsubscribe": f"<{link(sc.rng, host)}>",
            "Precedence": "bulk",
        },
    )
    return finish(sc, letter, label=NOT_REJECTION, stage=None, html_share=0.7, branded=name)


# --------------------------------------------------------------------------------------
# plain and terse job rejections
# --------------------------------------------------------------------------------------

SIGNALS = {APPLICATION: ext.PLAIN_SIGNAL_APPLICATION, INTERVIEW: ext.PLAIN_SIGNAL_INTERVIEW}
LEADS = {APPLICATION: ext.PLAIN_LEAD_APPLICATION, INTERVIEW: ext.PLAIN_LEAD_INTERVIEW}
SPECIFIC = {APPLICATION: ext.PLAIN_DECIDE_APPLICATION, INTERVIEW: ext.PLAIN_DECIDE_INTERVIEW}


def plain_rejection_builder() -> Builder:
    def build(rng: random.Random, forge: NameForge) -> Built:
        stage = rng.choices((APPLICATION, INTERVIEW, UNKNOWN), weights=(45, 42, 13))[0]
        return rejection_plain(Scene(rng, forge), stage)

    return build


def rejection_plain(sc: Scene, stage: str) -> Built:
    company = sc.forge.company()
    role = sc.forge.role()
    sender, _ = cast_company(sc, company, role)
    if stage == APPLICATION and sc.chance(0.22):
        return board_rejection(sc, company.name, role)
    sc.slots["app"] = "application"
    terse = sc.chance(0.45)
    sentences: list[str] = []
    lead = stage != UNKNOWN and sc.chance(0.45)
    if stage != UNKNOWN and not lead:
        sentences.append(sc.say(SIGNALS[stage]))
    if stage == INTERVIEW and not lead and sc.chance(0.5):
        sentences.insert(0, sc.say(ext.PLAIN_APPLIED_AND_MET))
    roll = sc.rng.random()
    if stage != UNKNOWN and roll < 0.3:
        verdict = sc.say(SPECIFIC[stage])
    elif roll < (0.75 if stage == INTERVIEW else 0.55):
        verdict = sc.say(ext.PLAIN_DECIDE_FORMAL)
    else:
        verdict = sc.say(ext.PLAIN_DECIDE_ANY)
    if lead:
        keep_capital = verdict.split(" ")[0].split("'")[0] == "I"
        first = verdict[0] if keep_capital else verdict[0].lower()
        verdict = f"{sc.say(LEADS[stage])}, {first}{verdict[1:]}"
    sentences.append(verdict)
    if terse:
        if sc.chance(0.6):
            sentences.append(sc.say(ext.PLAIN_SOFTENERS))
    else:
        if sc.chance(0.4):
            sentences.append(sc.say(rej.REASONS))
        if stage == INTERVIEW and sc.chance(0.3):
            sentences.append(sc.say(rej.FEEDBACK_OFFER))
        elif stage == APPLICATION and sc.chance(0.3):
            sentences.append(sc.say(rej.FEEDBACK_DECLINE))
        if sc.chance(0.4):
            sentences.append(sc.say(rej.DOOR_OPEN))
        sentences += sc.say_some(ext.PLAIN_EXTRAS, sc.rng.choice((0, 0, 1, 1, 2)))
        sentences += sc.say_some(rej.WELL_WISHES, sc.rng.choice((0, 1, 1, 2)))
    if sc.chance(0.3):  # signal after the decision, as in "... Thanks for your time last week."
        sentences = sentences[1:] + sentences[:1]
    from_company = sc.chance(0.25)
    if from_company:
        from_name = sc.fragment("{<company>|<company> Recruiting|<company> Careers|<company> HR}")
        from_addr = f"{sc.rng.choice(('jobs', 'careers', 'recruiting', 'hr'))}@{company.domain}"
        signature = [sc.fragment("{The <company> team|<company> Recruiting|<company>}")]
    else:
        from_name, from_addr = sender.full, sender.email
        signature = [sender.first] if sc.chance(0.6) else [sender.full, company.name]
    subject_line = sc.fragment(
        "{Your application|Application update|<role>|Re: <role>|<company> – <role>|"
        "Update on <role>|Re: Your application|Application status|<role> at <company>}"
    )
    letter = Letter(
        subject=subject_line,
        from_name=from_name,
        from_addr=from_addr,
        to_addr=sc.candidate.email,
        greeting=sc.fragment(
            "{Hi <first>,|<first>,|Hello <first>,|Dear <first>,|Dear <first>,|Dear <cand_full>,|"
            "Dear <first> <cand_last>,|Dear Candidate,|Dear Applicant,|Hi,}"
        )
        if sc.chance(0.8)
        else None,
        paragraphs=group_paragraphs(sc.rng, sentences, 0.25 if terse else 0.5),
        signoff=sc.rng.choice(("Best,", "Thanks,", "Regards,", "Kind regards,", "Cheers,", ""))
        or None,
        signature=signature if sc.chance(0.9) else [],
        footer=[sc.say(ext.PLAIN_FOOTERS)] if sc.chance(0.25) else [],
    )
    wrapper = None
    if sc.chance(0.35):
        earlier = earlier_message(sc, stage if stage != UNKNOWN else APPLICATION, sender)
        letter.subject = f"Re: {earlier.subject.removeprefix('Re: ')}"
        wrapper = lambda text: quote_reply(sc.rng, text, earlier)  # noqa: E731
    truth = Truth(company.name, role, None if from_company else sender.first)
    return finish(
        sc, letter, label="rejection", stage=stage, truth=truth, html_share=0.15, wrapper=wrapper
    )


def board_rejection(sc: Scene, company: str, role: str) -> Built:
    """A rejection relayed by a job board, wrapped in its marketing furniture."""
    board = sc.rng.choice(JOB_BOARDS)
    host = f"{board.lower()}.example"
    sc.slots.update(board=board, link=link(sc.rng, host))
    paragraphs = [sc.say(ext.BOARD_REJECT_CORE)]
    if sc.chance(0.4):
        paragraphs.append(sc.say(ext.PLAIN_SOFTENERS))
    if sc.chance(0.6):
        paragraphs.append(sc.say(ext.BOARD_REJECT_AFTER))
        if paragraphs[-1].endswith(":"):
            paragraphs += [
                f"{sc.forge.role()} – {sc.forge.company().name}"
                for _ in range(sc.rng.randint(2, 4))
            ]
    letter = Letter(
        subject=sc.say(ext.BOARD_REJECT_SUBJECTS),
        from_name=sc.fragment(f"{{{board}|{board} Applications|{company} via {board}}}"),
        from_addr=f"{sc.rng.choice(('notifications', 'applications', 'jobs-noreply'))}@{host}",
        to_addr=sc.candidate.email,
        greeting=sc.fragment("{Hi <first>,|<first>,|Hello <first>,|}") or None,
        paragraphs=paragraphs,
        footer=[sc.say(neg.ALERT_FOOTERS)],
        headers={"List-Unsubscribe": f"<{link(sc.rng, host)}>"} if sc.chance(0.6) else {},
    )
    return finish(
        sc, letter, label="rejection", stage=APPLICATION, truth=Truth(company, role, None),
        html_share=0.6, branded=board,
    )  # fmt: skip


EXTRA_NEGATIVES: dict[str, Callable[[Scene], Built]] = {
    "nonjob_selection": nonjob_selection,
    "candidate_mail": candidate_mail,
    "process_update": process_update,
}
