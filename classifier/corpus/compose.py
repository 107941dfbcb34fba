"""Turning chosen phrases into a message: layout, signatures, quoted history,
forwarded copies and HTML.

Everything takes the record's own ``random.Random`` so that each record is a pure
function of (seed, category, index).
"""

from __future__ import annotations

import html
import random
import re
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from rejoinder.classifier.corpus.names import MONTHS, Person

# Stand-in for a space inside a name that must never be split by line wrapping,
# so ground-truth strings such as "Senior Data Analyst" stay findable in the text.
_GLUE = "\x1f"


@dataclass
class Letter:
    """A message before layout: the parts a builder chose, and its envelope."""

    subject: str
    from_name: str
    from_addr: str
    to_addr: str
    paragraphs: list[str]
    greeting: str | None = None
    signoff: str | None = None
    signature: list[str] = field(default_factory=list)
    footer: list[str] = field(default_factory=list)
    reply_to: str | None = None
    headers: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Rendered:
    """Final text of a message plus the HTML flavour (if any)."""

    body: str
    body_html: str | None
    html_only: bool


@dataclass(frozen=True)
class Quote:
    """An earlier message shown below (reply) or inside (forward) the new text."""

    sender: Person
    sender_display: str
    when: datetime
    subject: str
    to_addr: str
    text: str


def render_plain(
    letter: Letter,
    rng: random.Random,
    protected: Sequence[str] = (),
    layout: str | None = None,
) -> str:
    """Lay out a letter as plain text in one of several realistic layouts.

    ``layout`` forces one of "blank" (paragraphs separated by blank lines), "tight"
    (single newlines) or "wrapped" (hard-wrapped at a client's line width).
    """
    layout = layout or rng.choices(("blank", "tight", "wrapped"), weights=(70, 12, 18))[0]
    blocks: list[str] = []
    if letter.greeting:
        blocks.append(letter.greeting)
    blocks.extend(letter.paragraphs)
    separator = "\n" if layout == "tight" else "\n\n"
    if layout == "wrapped":
        width = rng.choice((68, 72, 76))
        blocks = [wrap(block, width, protected) for block in blocks]
    text = separator.join(blocks)
    closing = _closing(letter, rng)
    if closing:
        text = f"{text}\n\n{closing}"
    if letter.footer:
        text = f"{text}\n\n" + "\n".join(letter.footer)
    return text.strip() + "\n"


def _closing(letter: Letter, rng: random.Random) -> str:
    lines = list(letter.signature)
    if letter.signoff and lines and rng.random() < 0.12 and len(lines) == 1:
        return f"{letter.signoff} {lines[0]}"
    if rng.random() < 0.1 and lines and len(lines) > 1:
        # "-- " is the conventional signature delimiter some clients insert.
        head = [letter.signoff] if letter.signoff else []
        return (
            "\n".join([*head, lines[0], "-- ", *lines[1:]]) if head else "-- \n" + "\n".join(lines)
        )
    parts = ([letter.signoff] if letter.signoff else []) + lines
    return "\n".join(parts)


def wrap(text: str, width: int, protected: Sequence[str]) -> str:
    """Hard-wrap a paragraph without breaking inside any protected string."""
    glued = text
    for phrase in sorted((p for p in protected if p and " " in p), key=len, reverse=True):
        glued = glued.replace(phrase, phrase.replace(" ", _GLUE))
    lines = []
    for line in glued.split("\n"):
        lines.append(
            textwrap.fill(line, width=width, break_long_words=False, break_on_hyphens=False)
            if len(line) > width
            else line
        )
    return "\n".join(lines).replace(_GLUE, " ")


def signature_block(
    rng: random.Random,
    person: Person,
    title: str | None,
    organisation: str | None,
    *,
    phone: bool = True,
    website: str | None = None,
) -> list[str]:
    """A person's signature in one of the common shapes."""
    shape = rng.choices(
        ("first", "full", "full_title", "full_title_org", "piped", "stacked"),
        weights=(18, 14, 16, 26, 12, 14),
    )[0]
    if shape == "first" or (title is None and shape != "full"):
        return [person.first] if shape == "first" else [person.full]
    if shape == "full":
        return [person.full]
    if shape == "full_title":
        return [person.full, title or ""]
    if shape == "piped":
        bits = [person.full, title or "", organisation or ""]
        return [" | ".join(b for b in bits if b)]
    lines = [person.full, title or ""]
    if organisation:
        lines.append(organisation)
    if shape == "stacked" and phone:
        lines.append(phone_number(rng))
    if shape == "stacked" and website:
        lines.append(website)
    return lines


def phone_number(rng: random.Random) -> str:
    """A number from the ranges set aside for fiction."""
    return rng.choice(
        (
            f"+1 (555) 01{rng.randint(0, 99):02d}",
            f"+1 555-01{rng.randint(0, 99):02d}",
            f"+44 7700 900{rng.randint(0, 999):03d}",
            f"+44 (0)20 7946 0{rng.randint(0, 999):03d}",
            f"T: +1 555 01{rng.randint(0, 99):02d}",
        )
    )


def random_moment(rng: random.Random) -> datetime:
    start = datetime(2023, 1, 2, 8, 0, tzinfo=UTC)
    return start + timedelta(days=rng.randint(0, 880), minutes=rng.randint(0, 11 * 60))


def human_date(rng: random.Random, moment: datetime) -> str:
    month = MONTHS[moment.month - 1]
    return rng.choice(
        (
            f"{month} {moment.day}",
            f"{moment.day} {month}",
            f"{month} {moment.day}, {moment.year}",
            f"{moment.day} {month} {moment.year}",
            f"{moment:%d/%m/%Y}",
            f"{moment:%m/%d}",
        )
    )


def clock(rng: random.Random) -> str:
    hour = rng.randint(8, 17)
    minute = rng.choice((0, 0, 15, 30, 30, 45))
    if rng.random() < 0.5:
        suffix = "am" if hour < 12 else "pm"
        return f"{(hour - 1) % 12 + 1}:{minute:02d} {suffix}".replace(":00 ", " ")
    return f"{hour:02d}:{minute:02d}"


def quote_reply(rng: random.Random, text: str, quote: Quote) -> str:
    """Append quoted history in the style of a common mail client."""
    style = rng.choices(("gmail", "apple", "outlook", "original"), weights=(45, 15, 28, 12))[0]
    when = quote.when
    if style == "gmail":
        header = (
            f"On {when:%a}, {when:%b} {when.day}, {when.year} at {clock(rng)} "
            f"{quote.sender_display} <{quote.sender.email}> wrote:"
        )
        return f"{text}\n{header}\n\n{_quoted(quote.text)}\n"
    if style == "apple":
        header = f"> On {when.day} {when:%b} {when.year}, at {when:%H:%M}, {quote.sender_display} <{quote.sender.email}> wrote:"
        return f"{text}\n{header}\n> \n{_quoted(quote.text)}\n"
    block = "\n".join(
        (
            f"From: {quote.sender_display} <{quote.sender.email}>",
            f"Sent: {when:%A}, {when:%B} {when.day}, {when.year} {clock(rng)}",
            f"To: {quote.to_addr}",
            f"Subject: {quote.subject}",
        )
    )
    rule = (
        "________________________________" if style == "outlook" else "-----Original Message-----"
    )
    return f"{text}\n{rule}\n{block}\n\n{quote.text.strip()}\n"


def forward(rng: random.Random, note: str, quote: Quote) -> str:
    """A forwarded copy: a short note, then the original with its header block."""
    when = quote.when
    header = "\n".join(
        (
            rng.choice(
                (
                    "---------- Forwarded message ---------",
                    "Begin forwarded message:",
                    "-------- Original Message --------",
                    "---------- Forwarded message ----------",
                )
            ),
            f"From: {quote.sender_display} <{quote.sender.email}>",
            f"Date: {when:%a}, {when:%b} {when.day}, {when.year} at {clock(rng)}",
            f"Subject: {quote.subject}",
            f"To: {quote.to_addr}",
        )
    )
    return f"{note.strip()}\n\n{header}\n\n{quote.text.strip()}\n"


def _quoted(text: str) -> str:
    return "\n".join(f"> {line}" if line else ">" for line in text.strip().splitlines())


# --------------------------------------------------------------------------------------
# HTML
# --------------------------------------------------------------------------------------

_QUOTE_LINE = re.compile(r"^>( |$)")


def to_html(text: str, rng: random.Random, *, branded: str | None = None) -> str:
    """Render plain text as the HTML a mail client or ATS would send.

    ``branded`` (an organisation name) wraps the content in a table layout with a header
    line, as templated hiring mail often is.
    """
    paragraphs = re.split(r"\n\s*\n", text.strip())
    rendered = [_html_paragraph(p, rng) for p in paragraphs]
    flavour = "branded" if branded else rng.choice(("gmail", "outlook", "bare"))
    if flavour == "gmail":
        inner = "".join(f"<div>{p}</div><div><br></div>" for p in rendered)
        return f'<div dir="ltr">{inner}</div>'
    if flavour == "outlook":
        inner = "".join(f'<p class="MsoNormal">{p}</p>' for p in rendered)
        return (
            '<html><head><meta name="Generator" content="Microsoft Word 15 (filtered medium)">'
            f'</head><body lang="EN-US"><div class="WordSection1">{inner}</div></body></html>'
        )
    if flavour == "bare":
        return "<html><body>" + "".join(f"<p>{p}</p>" for p in rendered) + "</body></html>"
    cells = "".join(f'<p style="margin:0 0 14px 0">{p}</p>' for p in rendered)
    return (
        '<!DOCTYPE html><html><body style="margin:0;background:#f4f4f6">'
        '<table role="presentation" width="100%" cellpadding="0" cellspacing="0">'
        '<tr><td align="center"><table width="600" style="background:#ffffff;'
        'font-family:Arial,sans-serif;font-size:14px;color:#222">'
        f'<tr><td style="padding:20px 28px;font-size:18px"><strong>{html.escape(branded or "")}'
        f'</strong></td></tr><tr><td style="padding:8px 28px 24px 28px">{cells}</td></tr>'
        "</table></td></tr></table></body></html>"
    )


def _html_paragraph(paragraph: str, rng: random.Random) -> str:
    lines = paragraph.split("\n")
    if all(_QUOTE_LINE.match(line) or line == ">" for line in lines):
        stripped = [html.escape(line[2:] if line.startswith("> ") else line[1:]) for line in lines]
        return (
            '<blockquote style="margin:0 0 0 .8ex;border-left:1px solid #ccc;padding-left:1ex">'
            + "<br>".join(stripped)
            + "</blockquote>"
        )
    escaped = [_linkify(html.escape(line)) for line in lines]
    return "<br>".join(escaped)


def _linkify(escaped: str) -> str:
    return re.sub(r"(https://[^\s<]+)", r'<a href="\1">\1</a>', escaped)
