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
# Typographic apostrophes (word processors, phones, Apple Mail) would split "can’t" into
# "can" and "t": the model must read them like the plain ASCII one.
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\uff07": "'"})
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


# Words for the applicant having met or talked with the employer. Many phrasings say
# it ("interviewing", "your visit", "the panel", "our call"); one marker shared by all
# of them lets the stage model carry what it learnt from some to the others.
_CONTACT_CUE = re.compile(  # matched against lower-cased text (cheaper than re.IGNORECASE)
    r"\b(?:interview\w*|met|meet(?:ing|ings)?|spoke|spoken|speaking|talk(?:ed|ing)"
    r"|conversations?|chat(?:ted|s)?|calls?|video call|visit(?:ed|ing|s)?|on-?site|panel"
    r"|phone screen\w*|screening call|take-home|case study|presentation|trial (?:day|shift)"
    r"|assessment (?:centre|center|day)|came in|coming in|in person|final round)\b"
)


def contact_marker(text: str) -> str:
    """ "zzcontact" when the text speaks of talking or meeting, else "zznocontact"."""
    return "zzcontact" if _CONTACT_CUE.search(text.lower()) else "zznocontact"


def model_text(msg: ParsedMessage) -> str:
    """The single string the vectorizer sees for one message."""
    subject = msg.subject
    body = msg.new_text[:MAX_BODY_CHARS]
    text = f"zzsubject {subject} zzendsubject\n{body}\n".lower().translate(_APOSTROPHES)
    contact = "zzcontact" if _CONTACT_CUE.search(text) else "zznocontact"
    text += " ".join([*sender_markers(msg), contact])
    # Numbers (dates, requisition ids, salaries) are noise for the decision.
    return _DIGITS.sub("0", text)


# A job rejection names what was applied for. Ordinary mail that merely sounds
# like a refusal ("unfortunately we cannot…") does not, and must never get a draft.
_JOB_CONTEXT = re.compile(
    r"\b(?:applications?|applied|applying|apply|applicants?|candidac(?:y|ies)|candidates?|candidature"
    r"|positions?|roles?|jobs?|vacanc(?:y|ies)|openings?|interview\w*|hiring|recruit\w*|careers?"
    r"|resume|résumé|cv|employment|talent|shortlist\w*|req(?:uisition)?"
    r"|intern(?:s|ships?)?|trainee(?:s|ships?)?|apprentice(?:s|ships?)?)\b",
)  # matched against lower-cased text: three times faster than re.IGNORECASE here


def has_job_context(msg: ParsedMessage) -> bool:
    return bool(
        _JOB_CONTEXT.search(msg.subject.lower())
        or _JOB_CONTEXT.search(msg.new_text[:MAX_BODY_CHARS].lower())
    )
