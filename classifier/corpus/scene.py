"""The per-record workspace shared by all builders, and the final assembly step
that turns a :class:`Letter` into a :class:`Built` message with checked ground truth."""

from __future__ import annotations

import hashlib
import random
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from rejoinder.classifier.corpus.compose import Letter, Rendered, render_plain, to_html
from rejoinder.classifier.corpus.names import (
    ATS_SENDERS,
    CITIES,
    FIELDS,
    MONTHS,
    PERSONAL_MAIL_DOMAINS,
    TEAMS,
    WEEKDAYS,
    NameForge,
    Organisation,
    Person,
    with_article,
)
from rejoinder.classifier.corpus.phrases_extra import (
    BOILERPLATE,
    COMMON_CLOSERS,
    COURTESY_FOR_APPLICATION,
    COURTESY_FOR_INTERVIEW,
)
from rejoinder.classifier.corpus.spin import expand, pick

# Display names for the applicant-tracking vendors, used in "Sent via ..." footers.
ATS_VENDOR_NAMES = {
    "greenhouse": "Greenhouse",
    "lever": "Lever",
    "workday": "Workday",
    "icims": "iCIMS",
    "taleo": "Taleo",
    "smartrecruiters": "SmartRecruiters",
    "ashby": "Ashby",
    "workable": "Workable",
    "bamboohr": "BambooHR",
    "jazzhr": "JazzHR",
    "teamtailor": "Teamtailor",
    "recruitee": "Recruitee",
    "personio": "Personio",
    "successfactors": "SuccessFactors",
}


@dataclass(frozen=True)
class Truth:
    """What an extractor should find, before checking it really occurs in the text."""

    company: str | None = None
    role: str | None = None
    contact_first: str | None = None


@dataclass(frozen=True)
class Built:
    """A finished message, minus the corpus bookkeeping (id, category, split)."""

    label: str
    stage: str | None
    subject: str
    from_name: str
    from_addr: str
    reply_to: str | None
    to_addr: str
    rendered: Rendered
    headers: dict[str, str]
    company: str | None
    role: str | None
    contact_name: str | None


Builder = Callable[[random.Random, NameForge], Built]


class Scene:
    """One record's random source, cast and slot values."""

    def __init__(self, rng: random.Random, forge: NameForge) -> None:
        self.rng = rng
        self.forge = forge
        self.held_out = forge.held_out
        self.candidate = forge.person()
        self.slots: dict[str, str] = common_slots(rng, self.candidate)

    def say(self, options: Sequence[str]) -> str:
        return pick(self._share(options), self.rng, self._derived())

    def say_some(self, options: Sequence[str], count: int) -> list[str]:
        """``count`` sentences from distinct templates of one bank, in bank order.

        Banks list their sentences in a sensible reading order (introduction first),
        so keeping that order keeps the drawn letter coherent.
        """
        shared = self._share(options)
        if len(shared) >= count:
            options = shared
        indices = sorted(self.rng.sample(range(len(options)), k=count))
        slots = self._derived()
        return [pick((options[i],), self.rng, slots) for i in indices]

    def lead_then_some(self, options: Sequence[str], leads: int, count: int) -> list[str]:
        """One of the first ``leads`` templates, then ``count`` of the rest, in order."""
        return [self.say(options[:leads]), *self.say_some(options[leads:], count)]

    def _share(self, options: Sequence[str]) -> Sequence[str]:
        """The part of a bank this record may draw from (see :func:`held_out_template`)."""
        if len(options) < HOLDOUT_MIN_BANK:
            return options
        chosen = [t for t in options if held_out_template(t) == self.held_out]
        return chosen or options

    def fragment(self, template: str) -> str:
        return expand(template, self.rng, self._derived(), sentence=False)

    def _derived(self) -> dict[str, str]:
        """Slots computed from others, so builders cannot let them drift apart."""
        if "role" in self.slots:
            self.slots["a_role"] = with_article(self.slots["role"])
        return self.slots

    def chance(self, probability: float) -> bool:
        return self.rng.random() < probability

    def colleague(self, organisation: Organisation, *avoid: str) -> Person:
        names = frozenset((self.candidate.first, *avoid))
        return self.forge.person(domain=organisation.domain, avoid=names)


BOILERPLATE_SHARE = 0.12  # organisational footers, at one rate for every label
CLOSER_SHARE = 0.15  # a closing courtesy paragraph, likewise
# Rejections get a courtesy with the other stage's generic words (see phrases_extra).
STAGE_COURTESY = {"interview": COURTESY_FOR_INTERVIEW, "application": COURTESY_FOR_APPLICATION}
STAGE_COURTESY_SHARE = 0.3
HOLDOUT_MIN_BANK = 4  # banks smaller than this are shared by both splits
HOLDOUT_EVERY = 5  # one bank entry in five is reserved for test records


def held_out_template(template: str) -> bool:
    """Whether a phrase-bank entry is reserved for test records.

    Test records draw only from reserved entries (train records only from the others),
    so the corpus test split measures generalisation to phrasings never seen in training.
    The choice hashes the entry's text, so it is stable and independent of bank order.
    """
    digest = hashlib.sha256(template.encode("utf-8")).digest()
    return digest[0] % HOLDOUT_EVERY == 0


def common_slots(rng: random.Random, candidate: Person) -> dict[str, str]:
    """Values every bank may use; builders override the ones they care about."""
    weekday = rng.choice(WEEKDAYS)
    day = rng.randint(1, 28)
    month = rng.choice(MONTHS)
    hour = rng.randint(9, 16)
    return {
        "first": candidate.first,
        "cand_last": candidate.last,
        "cand_full": candidate.full,
        "cand_phone": f"+1 555-01{rng.randint(0, 99):02d}",
        "vendor": rng.choice(sorted(ATS_VENDOR_NAMES.values())),
        "weekday": weekday,
        "time": rng.choice((f"{hour}:00", f"{hour}:30", _twelve_hour(hour), f"{hour}.00")),
        "time2": f"{hour + 1}:00",
        "tz": rng.choice(("CET", "GMT", "EST", "PST", "IST", "UTC", "BST", "AEST")),
        "date2": f"{rng.choice(MONTHS)} {rng.randint(1, 28)}",
        "date": rng.choice(
            (f"{month} {day}", f"{day} {month}", f"{day:02d}/{rng.randint(1, 12):02d}")
        ),
        "return_date": rng.choice(
            (f"{month} {day}", f"{weekday} {day} {month}", f"{day}.{rng.randint(1, 12)}.")
        ),
        "start_date": f"{rng.choice(MONTHS)} {rng.randint(1, 28)}",
        "deadline": rng.choice(
            (f"{weekday}", f"{month} {day}", "end of day Friday", "next Monday")
        ),
        "duration": str(rng.choice((20, 30, 30, 45, 45, 60, 90))),
        "days": str(rng.choice((3, 5, 5, 7, 10, 14))),
        "months": str(rng.choice((6, 12, 12, 18, 24))),
        "n": str(rng.randint(3, 48)),
        "small": str(rng.choice((4, 5, 6, 8, 9, 12))),
        "count": str(rng.choice((80, 120, 150, 200, 250, 300, 400, 600, 900))),
        "pct": str(rng.choice((12, 18, 21, 24, 27, 30))),
        "year": str(rng.choice((2023, 2024, 2025))),
        "term": rng.choice(("Fall 2025", "Autumn 2024", "Spring 2025", "September 2024")),
        "city": rng.choice(CITIES),
        "field": rng.choice(FIELDS),
        "team": rng.choice(TEAMS),
        "k": str(rng.choice((55, 65, 70, 80, 90, 110, 130, 150))),
        "salary": rng.choice(
            (
                f"${rng.randint(60, 190)},000",
                f"€{rng.randint(45, 120)}.000",
                f"£{rng.randint(35, 110)},000",
                f"{rng.randint(55, 140)}k EUR",
            )
        ),
        "amount": rng.choice(
            (
                f"${rng.randint(3, 20)},000",
                f"€{rng.randint(2, 15)} 000",
                f"£{rng.randint(2, 10)},000",
            )
        ),
        "link": link(rng),
        "careers_link": link(rng, "careers.example"),
        "ref": f"{rng.choice(('APP', 'REF', 'CASE', 'LN'))}-{rng.randint(100000, 999999)}",
        "req": f"R-{rng.randint(1000, 99999)}",
    }


def _twelve_hour(hour: int) -> str:
    return f"{hour - 12}pm" if hour > 12 else "12pm" if hour == 12 else f"{hour}am"


def link(rng: random.Random, host: str | None = None) -> str:
    hosts = ("schedule.example", "careers.example", "apply.test", "portal.example", "go.test")
    token = "".join(rng.choice("abcdefghjkmnpqrstuvwxyz23456789") for _ in range(10))
    path = rng.choice(("s", "c", "apply", "candidate", "r", "j", "p"))
    return f"https://{host or rng.choice(hosts)}/{path}/{token}"


def ats_sender(rng: random.Random, company: Organisation) -> tuple[str, str]:
    """(vendor display name, relay address) for an applicant-tracking system."""
    vendor, template = rng.choice(ATS_SENDERS)
    return ATS_VENDOR_NAMES[vendor], template.replace("{slug}", company.slug[:24])


def group_paragraphs(rng: random.Random, sentences: Sequence[str], breakiness: float) -> list[str]:
    """Join sentences into paragraphs; ``breakiness`` is the chance of a new paragraph."""
    paragraphs: list[list[str]] = []
    for sentence in sentences:
        if not sentence:
            continue
        if not paragraphs or rng.random() < breakiness:
            paragraphs.append([sentence])
        else:
            paragraphs[-1].append(sentence)
    return [" ".join(p) for p in paragraphs]


def finish(
    scene: Scene,
    letter: Letter,
    *,
    label: str,
    stage: str | None,
    truth: Truth | None = None,
    html_share: float = 0.15,
    branded: str | None = None,
    wrapper: Callable[[str], str] | None = None,
) -> Built:
    """Lay the letter out, optionally wrap it (quote/forward), choose HTML, check truth."""
    rng = scene.rng
    if label == "rejection" and stage in STAGE_COURTESY and rng.random() < STAGE_COURTESY_SHARE:
        letter.paragraphs = [*letter.paragraphs, scene.say(STAGE_COURTESY[stage])]
    if letter.from_addr != scene.candidate.email:
        if letter.paragraphs and rng.random() < CLOSER_SHARE:
            letter.paragraphs = [*letter.paragraphs, scene.say(COMMON_CLOSERS)]
        if rng.random() < BOILERPLATE_SHARE:
            letter.footer = [*letter.footer, scene.say(BOILERPLATE)]
    if label == "rejection":
        letter.to_addr = _apart(letter.to_addr, letter.from_addr)
    protected = [v for v in (truth.company, truth.role) if v] if truth else []
    use_html = rng.random() < html_share
    html_only = use_html and rng.random() < 0.4
    body = render_plain(letter, rng, protected, layout="blank" if use_html else None)
    if wrapper is not None:
        body = wrapper(body)
    markup = to_html(body, rng, branded=branded) if use_html else None
    rendered = Rendered(body=body, body_html=markup, html_only=html_only)
    haystack = "\n".join((letter.subject, letter.from_name, body))
    return Built(
        label=label,
        stage=stage,
        subject=letter.subject,
        from_name=letter.from_name,
        from_addr=letter.from_addr,
        reply_to=letter.reply_to,
        to_addr=letter.to_addr,
        rendered=rendered,
        headers=dict(letter.headers),
        company=_present(truth.company if truth else None, haystack),
        role=_present(truth.role if truth else None, haystack),
        contact_name=_present_word(truth.contact_first if truth else None, haystack),
    )


def _apart(to_addr: str, from_addr: str) -> str:
    """The applicant's address, moved to another personal mail domain when the sender
    writes from the same one. The corpus's personal domains stand in for public
    providers, which the classifier knows by their real names only: two people on
    one of them would otherwise read as colleagues (features.not_for_a_candidate)."""
    local, _, domain = to_addr.rpartition("@")
    if domain not in PERSONAL_MAIL_DOMAINS or domain != from_addr.rpartition("@")[2]:
        return to_addr
    index = PERSONAL_MAIL_DOMAINS.index(domain)
    return f"{local}@{PERSONAL_MAIL_DOMAINS[(index + 1) % len(PERSONAL_MAIL_DOMAINS)]}"


def _present(value: str | None, haystack: str) -> str | None:
    return value if value and value in haystack else None


def _present_word(value: str | None, haystack: str) -> str | None:
    if not value:
        return None
    return value if re.search(rf"(?<!\w){re.escape(value)}(?!\w)", haystack) else None
