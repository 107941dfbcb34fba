"""Builders for mail outside the job search: other kinds of rejection (loans, flats,
admissions, papers, proposals, volunteering, visas), newsletters, calendar declines
and everyday personal or work mail."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from rejoinder.classifier.corpus import phrases_other as oth
from rejoinder.classifier.corpus.compose import (
    Letter,
    Quote,
    quote_reply,
    random_moment,
    signature_block,
)
from rejoinder.classifier.corpus.names import ascii_slug, tld, with_article
from rejoinder.classifier.corpus.scene import Built, Scene, finish, group_paragraphs, link
from rejoinder.classifier.corpus.spin import capitalise_first

NOT_REJECTION = "not_rejection"


def institutional(
    sc: Scene,
    *,
    org_name: str,
    subject: str,
    sentences: list[str],
    local_parts: Sequence[str],
    html_share: float,
    footer: list[str] | None = None,
    headers: dict[str, str] | None = None,
    person_share: float = 0.3,
) -> Built:
    """Mail from an organisation: a named officer sometimes, a team address otherwise."""
    domain = ascii_slug(org_name, "-").removeprefix("the-")[:30] + tld(sc.rng)
    if sc.chance(person_share):
        officer = sc.forge.person(domain=domain, avoid=frozenset({sc.candidate.first}))
        from_name, from_addr = officer.full, officer.email
        signature = signature_block(sc.rng, officer, None, org_name, phone=False)
    else:
        from_name = org_name
        from_addr = f"{sc.rng.choice(local_parts)}@{domain}"
        signature = [org_name]
    letter = Letter(
        subject=subject,
        from_name=from_name,
        from_addr=from_addr,
        to_addr=sc.candidate.email,
        greeting=sc.fragment(
            "{Dear <first>,|Dear <first> <cand_last>,|Hello <first>,|Dear Applicant,|Hi <first>,}"
        ),
        paragraphs=group_paragraphs(sc.rng, sentences, 0.55),
        signoff=sc.rng.choice(
            ("Sincerely,", "Kind regards,", "Best regards,", "Regards,", "Best wishes,")
        ),
        signature=signature,
        footer=footer or [],
        headers=headers or {},
    )
    return finish(
        sc,
        letter,
        label=NOT_REJECTION,
        stage=None,
        html_share=html_share,
        branded=org_name if sc.chance(0.5) else None,
    )


def declined_or_not(
    sc: Scene, declined_share: float, decline: Sequence[str], other: Sequence[str]
) -> str:
    return sc.say(decline if sc.chance(declined_share) else other)


def loan_credit_decision(sc: Scene) -> Built:
    bank_name = sc.rng.choice(oth.BANK_NAMES)
    product = sc.say(oth.LOAN_PRODUCTS).lower()
    sc.slots.update(bank=bank_name, product=product, a_product=with_article(product))
    sentences = [sc.say(oth.LOAN_OPEN)]
    if sc.chance(0.8):
        sentences.append(sc.say(oth.LOAN_DECLINE))
        sentences += sc.say_some(oth.LOAN_DETAILS, sc.rng.choice((1, 2, 3)))
    else:
        sentences.append(sc.say(oth.LOAN_APPROVE))
    return institutional(
        sc, org_name=bank_name, subject=sc.say(oth.LOAN_SUBJECTS), sentences=sentences,
        local_parts=("no-reply", "lending", "cards", "notices"), html_share=0.45,
        footer=[sc.fragment("{Member FDIC.|Authorised and regulated by the Example Conduct Authority.|Equal Housing Lender.}")],
    )  # fmt: skip


def rental_application(sc: Scene) -> Built:
    street = sc.rng.choice(oth.STREETS)
    sc.slots.update(address=f"{sc.rng.randint(2, 240)} {street}", unit=str(sc.rng.randint(1, 40)))
    sentences = [
        sc.say(oth.RENTAL_OPEN),
        declined_or_not(sc, 0.75, oth.RENTAL_DECLINE, oth.RENTAL_POSITIVE),
    ]
    sentences += sc.say_some(oth.RENTAL_DETAILS, sc.rng.choice((0, 1, 2)))
    sc.slots["place"] = sc.forge.place()
    agency = sc.fragment(
        "{<place> Lettings|<place> Property Management|Homefinder <place>|<place> Estates}"
    )
    return institutional(
        sc, org_name=agency, subject=sc.say(oth.RENTAL_SUBJECTS), sentences=sentences,
        local_parts=("lettings", "rentals", "info", "applications"), html_share=0.2, person_share=0.6,
    )  # fmt: skip


def admission_decision(sc: Scene) -> Built:
    university = sc.forge.university()
    sc.slots.update(university=university.name, program=sc.rng.choice(oth.PROGRAMS))
    sentences = [
        sc.say(oth.ADMIT_OPEN),
        declined_or_not(sc, 0.7, oth.ADMIT_DECLINE, oth.ADMIT_OTHER),
    ]
    sentences += sc.say_some(oth.ADMIT_DETAILS, sc.rng.choice((1, 2, 3)))
    return institutional(
        sc, org_name=university.name, subject=sc.say(oth.ADMIT_SUBJECTS), sentences=sentences,
        local_parts=("admissions", "gradadmissions", "noreply"), html_share=0.4, person_share=0.25,
    )  # fmt: skip


SUBMISSION_SENDERS = {
    "paper": ("{<conf> Program Chairs|<conf> PC}", ("chairs", "pc", "noreply")),
    "talk": ("{<conf> Speakers Team|<conf> Programme Committee}", ("speakers", "cfp", "hello")),
    "grant": ("{Research Council Grants Office|Foundation Grants Team}", ("grants", "funding")),
    "journal": ("{<journal> Editorial Office|Editorial Office}", ("editorial", "journals")),
}


def submission_decision(sc: Scene) -> Built:
    kind = sc.rng.choice(("paper", "paper", "talk", "grant", "journal"))
    first_word, second_word = sc.rng.sample(oth.PAPER_WORDS, 2)
    title = f"{first_word} {second_word} {sc.rng.choice(oth.PAPER_TOPICS)}"
    sc.slots.update(
        conf=sc.rng.choice(oth.CONFERENCES),
        paper_title=title,
        journal=sc.rng.choice(oth.JOURNALS),
        ms_id=f"{sc.rng.choice(('JAE', 'ASR', 'RTS', 'QNC'))}-{sc.slots['year']}-{sc.rng.randint(100, 999)}",
        n=str(sc.rng.randint(11, 480)),
    )
    verdicts = oth.SUBMIT_DECLINE if sc.chance(0.75) else oth.SUBMIT_ACCEPT
    sentences = [sc.say(verdicts[kind])]
    details = [t for t in oth.SUBMIT_DETAILS if kind in ("paper", "talk") or "<conf>" not in t]
    sentences += sc.say_some(details, sc.rng.choice((1, 2, 2)))
    if kind != "talk" and sc.chance(0.4):
        sentences.append(
            sc.fragment(
                "Reviewer {1|2|3}: {The work is well written but|The contribution is interesting, however} "
                "{the evaluation is limited|the related work section is thin|the claims are not fully supported}."
            )
        )
    display, locals_ = SUBMISSION_SENDERS[kind]
    return institutional(
        sc, org_name=capitalise_first(sc.fragment(display)), subject=sc.say(oth.SUBMIT_SUBJECTS[kind]), sentences=sentences,
        local_parts=locals_, html_share=0.15, person_share=0.4,
    )  # fmt: skip


def meeting_declined(sc: Scene) -> Built:
    colleague = sc.forge.person(
        domain=sc.candidate.email.rpartition("@")[2], avoid=frozenset({sc.candidate.first})
    )
    sc.slots.update(
        meeting=sc.rng.choice(oth.MEETINGS),
        sender_full=colleague.full,
        sender_first=colleague.first,
        role=sc.forge.role(),
        unit=str(sc.rng.randint(1, 12)),
    )
    lines = sc.say_some(oth.MEETING_CORE, sc.rng.choice((2, 3, 4)))
    letter = Letter(
        subject=sc.say(oth.MEETING_SUBJECTS),
        from_name=colleague.full,
        from_addr=colleague.email,
        to_addr=sc.candidate.email,
        paragraphs=["\n".join(lines)],
        headers={"Content-Class": "urn:content-classes:calendarmessage"} if sc.chance(0.4) else {},
    )
    return finish(sc, letter, label=NOT_REJECTION, stage=None, html_share=0.35)


def vendor_decision(sc: Scene) -> Built:
    buyer = sc.forge.company()
    sc.slots.update(service=sc.rng.choice(oth.SERVICES), company=buyer.name)
    sentences = [
        sc.say(oth.VENDOR_OPEN),
        declined_or_not(sc, 0.7, oth.VENDOR_DECLINE, oth.VENDOR_OTHER),
    ]
    sentences += sc.say_some(oth.VENDOR_DETAILS, sc.rng.choice((0, 1, 2)))
    return institutional(
        sc, org_name=buyer.name, subject=sc.say(oth.VENDOR_SUBJECTS), sentences=sentences,
        local_parts=("procurement", "purchasing", "tenders"), html_share=0.2, person_share=0.75,
    )  # fmt: skip


def volunteer_club(sc: Scene) -> Built:
    org = sc.rng.choice(oth.ORGS)
    kind = "membership" if any(w in org for w in ("Choir", "League", "Parkrun")) else "volunteer"
    sc.slots.update(org=org, event=sc.rng.choice(oth.EVENTS))
    verdicts = oth.VOLUNTEER_DECLINE if sc.chance(0.7) else oth.VOLUNTEER_OTHER
    sentences = [sc.say(oth.VOLUNTEER_OPEN[kind]), sc.say(verdicts[kind])]
    sentences += sc.say_some(oth.VOLUNTEER_DETAILS, sc.rng.choice((0, 1, 2)))
    name = org.removeprefix("the ")
    return institutional(
        sc, org_name=name[0].upper() + name[1:], subject=sc.say(oth.VOLUNTEER_SUBJECTS), sentences=sentences,
        local_parts=("volunteers", "hello", "info", "committee"), html_share=0.25, person_share=0.5,
    )  # fmt: skip


def visa_appointment(sc: Scene) -> Built:
    sentences = sc.say_some(oth.VISA_CORE, sc.rng.choice((1, 2, 3)))
    org = sc.fragment(
        "{Visa Application Centre|Immigration Services|Consular Section|Residence Permits Office}"
    )
    return institutional(
        sc, org_name=org, subject=sc.say(oth.VISA_SUBJECTS), sentences=sentences,
        local_parts=("noreply", "appointments", "info"), html_share=0.35, person_share=0.05,
        headers={"Auto-Submitted": "auto-generated"} if sc.chance(0.4) else None,
    )  # fmt: skip


def newsletter_product(sc: Scene) -> Built:
    brand = sc.rng.choice(oth.PRODUCT_BRANDS)
    host = ascii_slug(brand, "-") + tld(sc.rng)
    sc.slots.update(
        product_brand=brand,
        topic=sc.say(oth.NEWS_TOPICS).lower(),
        feature=sc.say(oth.NEWS_FEATURES),
        event=sc.rng.choice(oth.EVENTS),
        link=link(sc.rng, host),
    )
    sentences = sc.say_some(oth.NEWS_CORE, sc.rng.choice((2, 3, 4)))
    letter = Letter(
        subject=sc.say(oth.NEWS_SUBJECTS),
        from_name=brand,
        from_addr=f"{sc.rng.choice(('news', 'hello', 'updates', 'team'))}@{host}",
        to_addr=sc.candidate.email,
        greeting=sc.fragment("{Hi <first>,|Hello there,|Hey <first>!|}") or None,
        paragraphs=group_paragraphs(sc.rng, sentences, 0.7),
        signoff=sc.rng.choice(("Cheers,", "The team", "Happy reading,", "")) or None,
        signature=[sc.fragment(f"{{The {brand} team|{brand}}}")],
        footer=[sc.say(oth.NEWS_FOOTERS)],
        headers={
            "List-Id": f"{brand} <news.{host}>",
            "List-Unsubscribe": f"<{link(sc.rng, host)}>",
            "Precedence": "bulk",
        },
    )
    return finish(sc, letter, label=NOT_REJECTION, stage=None, html_share=0.75, branded=brand)


def personal_work_mail(sc: Scene) -> Built:
    sender = sc.forge.person(avoid=frozenset({sc.candidate.first}))
    colleague = sc.forge.person(avoid=frozenset({sc.candidate.first, sender.first}))
    sc.slots.update(project=sc.rng.choice(oth.PROJECTS), colleague=colleague.first)
    sentences = sc.say_some(oth.PERSONAL_CORE, sc.rng.choice((1, 2, 2, 3)))
    letter = Letter(
        subject=sc.say(oth.PERSONAL_SUBJECTS),
        from_name=sender.full,
        from_addr=sender.email,
        to_addr=sc.candidate.email,
        greeting=sc.fragment("{Hi <first>,|Hey <first>!|<first> —|Hi all,|Morning <first>,|}")
        or None,
        paragraphs=group_paragraphs(sc.rng, sentences, 0.5),
        signoff=sc.say(oth.PERSONAL_SIGNOFFS),
        signature=[sender.first],
    )
    wrapper: Callable[[str], str] | None = None
    if sc.chance(0.2):
        earlier = Quote(
            sc.candidate,
            sc.candidate.full,
            random_moment(sc.rng),
            letter.subject.removeprefix("Re: ").removeprefix("Fwd: "),
            sender.email,
            sc.say(oth.PERSONAL_CORE),
        )
        wrapper = lambda text: quote_reply(sc.rng, text, earlier)  # noqa: E731
    return finish(sc, letter, label=NOT_REJECTION, stage=None, html_share=0.3, wrapper=wrapper)


OTHER_NEGATIVES: dict[str, Callable[[Scene], Built]] = {
    "loan_credit_decision": loan_credit_decision,
    "rental_application": rental_application,
    "admission_decision": admission_decision,
    "submission_decision": submission_decision,
    "meeting_declined": meeting_declined,
    "vendor_decision": vendor_decision,
    "volunteer_club": volunteer_club,
    "visa_appointment": visa_appointment,
    "newsletter_product": newsletter_product,
    "personal_work_mail": personal_work_mail,
}
