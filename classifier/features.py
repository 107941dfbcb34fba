"""Turning a ParsedMessage into the text the model reads. Pure and cheap.

The model sees the subject, what the sender wrote now (quoted history and
signature stripped: an old rejection quoted under an interview invitation must
not make the new mail a rejection), and a few marker tokens describing the
sender and list headers. Markers are words the tokenizer keeps intact.
"""

from __future__ import annotations

import re

from rejoinder.classifier.message import ParsedMessage

# ATS and bulk-mail relays: mail from them is generated, which says something
# about the message (automated decisions) without being a decision itself.
ATS_DOMAINS = (
    "greenhouse-mail.io",
    "greenhouse.io",
    "hire.lever.co",
    "lever.co",
    "ashbyhq.com",
    "myworkday.com",
    "myworkdayjobs.com",
    "workday.com",
    "icims.com",
    "smartrecruiters.com",
    "taleo.net",
    "successfactors.com",
    "successfactors.eu",
    "jobvite.com",
    "workablemail.com",
    "workable.com",
    "bamboohr.com",
    "recruitee.com",
    "teamtailor-mail.com",
    "teamtailor.com",
    "personio.de",
    "breezy.hr",
    "jazzhr.com",
    "applytojob.com",
    "pinpointhq.com",
)
_NOREPLY = re.compile(
    r"(?:^|[._+-])(?:no-?reply|do-?not-?reply|donotreply|mailer-daemon|notifications?|bounces?)(?:[._+-]|@|$)",
    re.I,
)
_DIGITS = re.compile(r"\d+")
MAX_BODY_CHARS = 6000  # the decision is almost always in the first screenful


def is_noreply(addr: str) -> bool:
    local = addr.partition("@")[0]
    return bool(_NOREPLY.search(local + "@"))


def is_ats_domain(domain: str) -> bool:
    domain = domain.lower()
    return any(domain == d or domain.endswith("." + d) for d in ATS_DOMAINS)


def sender_markers(msg: ParsedMessage) -> list[str]:
    markers: list[str] = []
    sender = msg.from_
    if sender is not None:
        if is_noreply(sender.addr):
            markers.append("zzsendernoreply")
        if is_ats_domain(sender.domain):
            markers.append("zzsenderats")
    if msg.list_id:
        markers.append("zzlistid")
    if msg.precedence and msg.precedence.lower() in {"bulk", "list", "junk"}:
        markers.append("zzbulk")
    if msg.auto_submitted and msg.auto_submitted.lower() != "no":
        markers.append("zzauto" + re.sub(r"[^a-z]", "", msg.auto_submitted.lower())[:20])
    if msg.in_reply_to:
        markers.append("zzisreply")
    if msg.body_from_html:
        markers.append("zzhtml")
    return markers


def model_text(msg: ParsedMessage) -> str:
    """The single string the vectorizer sees for one message."""
    subject = msg.subject
    body = msg.new_text[:MAX_BODY_CHARS]
    text = f"zzsubject {subject} zzendsubject\n{body}\n{' '.join(sender_markers(msg))}"
    # Numbers (dates, requisition ids, salaries) are noise for the decision.
    return _DIGITS.sub("0", text.lower())


# A job rejection names what was applied for. Ordinary mail that merely sounds
# like a refusal ("unfortunately we cannot…") does not, and must never get a draft.
_JOB_CONTEXT = re.compile(
    r"\b(?:applications?|applied|applying|apply|applicants?|candidac(?:y|ies)|candidates?|candidature"
    r"|positions?|roles?|jobs?|vacanc(?:y|ies)|openings?|interview\w*|hiring|recruit\w*|careers?"
    r"|resume|résumé|cv|employment|talent|shortlist\w*|req(?:uisition)?)\b",
    re.IGNORECASE,
)


def has_job_context(msg: ParsedMessage) -> bool:
    return bool(
        _JOB_CONTEXT.search(msg.subject) or _JOB_CONTEXT.search(msg.new_text[:MAX_BODY_CHARS])
    )
