"""A realistic inbox for the benchmarks: personal mail, HTML newsletters, notifications
with attachments, and about 5% job-application rejections, spread over two months.

Deterministic for a given seed. Rejections reuse the wording of the daemon tests
(tests/test_daemon_mail.py), which a test checks the model agrees with.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from email.utils import format_datetime

from test_daemon_mail import ordinary, rejection

_NEWS_TOPICS = ("gardening", "cycling", "home cooking", "astronomy", "local history", "chess")
_PARAGRAPH = (
    "This week we look at what readers sent in, a few upcoming events near you, and a longer "
    "piece from our editor about the season ahead. As always, thank you for reading and for "
    "the many thoughtful replies. "
)


@dataclass(frozen=True)
class Mail:
    raw: bytes
    when: datetime
    is_rejection: bool


def newsletter(n: int, when: datetime, rng: random.Random) -> bytes:
    topic = _NEWS_TOPICS[n % len(_NEWS_TOPICS)]
    msg = EmailMessage()
    msg["From"] = f"The {topic.title()} Weekly <news@{topic.replace(' ', '')}.example>"
    msg["To"] = "sam@home.example"
    msg["Subject"] = f"The {topic} weekly, issue {n}"
    msg["Message-ID"] = f"<news-{n}@bench.example>"
    msg["Date"] = format_datetime(when)
    msg["List-Id"] = f"<{topic.replace(' ', '-')}.news.example>"
    msg["Precedence"] = "bulk"
    paragraphs = rng.randint(8, 30)
    text = (_PARAGRAPH * paragraphs).strip()
    msg.set_content(text + "\n\nUnsubscribe: https://news.example/u\n")
    html = "".join(f"<p style='font-family:sans-serif'>{_PARAGRAPH}</p>" for _ in range(paragraphs))
    msg.add_alternative(f"<html><body><h1>{topic}</h1>{html}</body></html>", subtype="html")
    return bytes(msg)


def notification(n: int, when: datetime, rng: random.Random) -> bytes:
    msg = EmailMessage()
    msg["From"] = "Utility Co <billing@utility.example>"
    msg["To"] = "sam@home.example"
    msg["Subject"] = f"Your statement {n} is ready"
    msg["Message-ID"] = f"<bill-{n}@bench.example>"
    msg["Date"] = format_datetime(when)
    msg.set_content("Your monthly statement is attached. No action is needed.\n")
    msg.add_attachment(
        rng.randbytes(rng.randint(20_000, 80_000)),
        maintype="application",
        subtype="pdf",
        filename=f"statement-{n}.pdf",
    )
    return bytes(msg)


def inbox(count: int, *, seed: int = 1, start: int = 0, days: int = 60) -> Iterator[Mail]:
    """``count`` messages, oldest first; every 20th (5%) a rejection."""
    rng = random.Random(seed + start)
    now = datetime.now(UTC)
    for n in range(start, start + count):
        when = now - timedelta(days=days) + timedelta(days=days) * (n - start + 1) / (count + 1)
        kind = rng.random()
        if n % 20 == 0:
            stage = rng.choice(("application", "interview"))
            yield Mail(rejection(n, stage=stage, when=when, tag="bench"), when, True)
        elif kind < 0.6:
            yield Mail(ordinary(n, when=when, tag="bench"), when, False)
        elif kind < 0.9:
            yield Mail(newsletter(n, when, rng), when, False)
        else:
            yield Mail(notification(n, when, rng), when, False)
