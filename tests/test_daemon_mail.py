"""Realistic mail for the daemon tests and benchmarks, and a check that the model agrees.

The daemon tests assert "exactly one draft per rejection, none for anything
else", so they need messages that are clearly one or the other. The model is
retrained from time to time; the test below fails loudly (instead of the daemon
tests failing mysteriously) if it stops agreeing with these labels.
"""

from __future__ import annotations

import functools
import random
import unicodedata
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from email.utils import format_datetime
from typing import TYPE_CHECKING

from rejoinder.daemon.config import Config

if TYPE_CHECKING:
    from rejoinder.classifier.classify import Classifier

COMPANIES = (
    ("Northwind Analytics", "northwind-analytics.example", "Dana Whitfield"),
    ("Bluefin Robotics", "bluefin-robotics.example", "Marcus Oyelaran"),
    ("Larkspur Health", "larkspur-health.example", "Ingrid Solberg"),
    ("Copperline Logistics", "copperline.example", "Tomás Herrera"),
    ("Quillmate Software", "quillmate.example", "Priya Raman"),
    ("Harbourview Bank", "harbourview-bank.example", "Eleanor Voss"),
    ("Tidewater Energy", "tidewater-energy.example", "Kenji Arakawa"),
    ("Saffron & Sage Foods", "saffronsage.example", "Amara Okafor"),
)
ROLES = (
    "Data Analyst",
    "Backend Engineer",
    "Product Designer",
    "Operations Coordinator",
    "Marketing Associate",
    "Site Reliability Engineer",
)
USER_ADDRESS = "sam@home.example"
USER_FROM = f"Sam Candidate <{USER_ADDRESS}>"

# A sentence that only ever appears in message bodies: it must never reach the logs.
BODY_MARKER = "the shortlist was exceptionally strong this round"

_APPLICATION = (
    "Hi {first},\n\n"
    "Thank you for applying for the {role} position at {company}. We received a large "
    "number of applications and {marker}. After careful consideration, we have decided "
    "not to move forward with your application at this time.\n\n"
    "We appreciate your interest in {company} and wish you every success in your job search.\n\n"
    "Kind regards,\n{contact}\nTalent Acquisition, {company}\n"
)
_INTERVIEW = (
    "Dear {first},\n\n"
    "Thank you for taking the time to interview with our panel for the {role} role last week. "
    "We enjoyed our conversations, and {marker}. After much deliberation, we have decided to "
    "proceed with another candidate whose experience more closely matches our needs.\n\n"
    "We are grateful for the time you invested in the process and wish you the very best.\n\n"
    "Best regards,\n{contact}\nPeople Team, {company}\n"
)
_ORDINARY = (
    (
        "Priya <priya@friends.example>",
        "Saturday hike",
        "Are we still on for the hike on Saturday? I can bring lunch and the good thermos.\n",
    ),
    (
        "Corner Books <orders@cornerbooks.example>",
        "Your order has shipped",
        "Good news: your order of 2 books has shipped and should arrive on Tuesday.\n"
        "Track it any time from your account page.\n",
    ),
    (
        "Mum <mum@family.example>",
        "Photos from the weekend",
        "Here are the photos from Grandad's birthday. The one with the cake is my favourite!\n",
    ),
    (
        "City Library <noreply@library.example>",
        "Reminder: books due next week",
        "Two of your loans are due back next Friday. You can renew them online.\n",
    ),
    (
        "Alex Chen <alex@friends.example>",
        "Band practice moved",
        "Practice is moving to Thursday at 7 this week because the studio is booked.\n",
    ),
)


def _date(when: datetime | None) -> str:
    return format_datetime(when or datetime.now(UTC) - timedelta(hours=1))


def rejection(
    n: int,
    *,
    stage: str = "application",
    when: datetime | None = None,
    tag: str = "rej",
    padding: int = 0,
) -> bytes:
    """A clear rejection; its Message-ID is ``<{tag}-{n}@{domain}>``."""
    company, domain, contact = COMPANIES[n % len(COMPANIES)]
    role = ROLES[n % len(ROLES)]
    msg = EmailMessage()
    local = unicodedata.normalize("NFKD", contact.split()[0]).encode("ascii", "ignore").decode()
    msg["From"] = f"{contact} <{local.lower()}@{domain}>"
    msg["To"] = USER_FROM
    msg["Subject"] = (
        f"Your application for {role}" if stage == "application" else f"{role} interviews"
    )
    msg["Message-ID"] = f"<{tag}-{n}@{domain}>"
    msg["Date"] = _date(when)
    template = _INTERVIEW if stage == "interview" else _APPLICATION
    body = template.format(
        first="Sam", role=role, company=company, contact=contact, marker=BODY_MARKER
    )
    if padding:  # a long legal footer, to make a large message
        body += (
            "\n"
            + (
                "This message is confidential and intended for the addressee only. "
                * (padding // 68 + 1)
            )[:padding]
            + "\n"
        )
    msg.set_content(body)
    return bytes(msg)


def ordinary(n: int, *, when: datetime | None = None, tag: str = "msg") -> bytes:
    """Clearly not a rejection; its Message-ID is ``<{tag}-{n}@home.example>``."""
    sender, subject, body = _ORDINARY[n % len(_ORDINARY)]
    msg = EmailMessage()
    msg["From"] = sender
    msg["To"] = USER_FROM
    msg["Subject"] = f"{subject} ({n})"
    msg["Message-ID"] = f"<{tag}-{n}@home.example>"
    msg["Date"] = _date(when)
    msg.set_content(body)
    return bytes(msg)


def mix(
    count: int,
    rejection_every: int,
    *,
    seed: int = 7,
    tag: str = "mix",
    when: datetime | None = None,
) -> list[tuple[bytes, bool]]:
    """``count`` messages, every ``rejection_every``-th a rejection: (raw, is_rejection)."""
    rng = random.Random(seed)
    messages = []
    for n in range(count):
        if n % rejection_every == 0:
            stage = rng.choice(("application", "interview"))
            messages.append((rejection(n, stage=stage, tag=tag, when=when), True))
        else:
            messages.append((ordinary(n, tag=tag, when=when), False))
    return messages


def message_id(raw: bytes) -> str:
    for line in raw.split(b"\n"):
        if line.lower().startswith(b"message-id:"):
            return line.split(b":", 1)[1].strip().decode()
    raise ValueError("no Message-ID")


def test_the_model_agrees_with_these_labels() -> None:
    from rejoinder.classifier.message import ParsedMessage, parse_message

    classifier = shared_classifier()
    samples = [
        (rejection(n, stage=s), True) for n in range(8) for s in ("application", "interview")
    ]
    samples += [(ordinary(n), False) for n in range(len(_ORDINARY))]
    samples.append((rejection(3, padding=100_000), True))
    parsed = [parse_message(raw) for raw, _ in samples]
    assert all(isinstance(p, ParsedMessage) for p in parsed)
    verdicts = classifier.classify_many(parsed)  # type: ignore[arg-type]
    wrong = [
        (p.subject, v.verdict.value, v.score)  # type: ignore[union-attr]
        for p, v, (_, expected) in zip(parsed, verdicts, samples, strict=True)
        if (v.verdict.value == "rejection") != expected
    ]
    assert wrong == []
    # Stages too, where the wording is explicit about them.
    stages = {
        (p.subject, v.stage.value if v.stage else None)
        for p, v in zip(parsed, verdicts, strict=True)
        if v.verdict.value == "rejection"
    }  # type: ignore[union-attr]
    assert any(stage == "interview" for _, stage in stages)
    assert any(stage == "application" for _, stage in stages)


@functools.cache
def shared_classifier() -> Classifier:
    """The real model, loaded once per test process (loading takes about a second)."""
    from rejoinder.daemon.app import load_classifier_for

    return load_classifier_for(Config(path=None))
