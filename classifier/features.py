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


def _domains(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Mailbox providers anyone can sign up with: a shared domain there says nothing about
# sender and recipient working together.
PUBLIC_MAIL_DOMAINS = _domains(
    """gmail.com googlemail.com yahoo.com yahoo.co.uk ymail.com outlook.com hotmail.com
    hotmail.co.uk live.com msn.com icloud.com me.com mac.com aol.com proton.me
    protonmail.com pm.me gmx.com gmx.de gmx.net web.de mail.com yandex.com yandex.ru
    zohomail.com fastmail.com fastmail.fm hey.com tutanota.com tuta.io mail.ru qq.com
    163.com 126.com orange.fr free.fr laposte.net libero.it seznam.cz wp.pl o2.pl
    t-online.de btinternet.com comcast.net verizon.net att.net sbcglobal.net
    rediffmail.com"""
)
# Shared mailboxes a recruiting team writes from or to (a mass rejection is often sent
# to the team's own address with the candidates in Bcc): never "a colleague".
_TEAM_MAILBOX = re.compile(
    r"(?:careers?|jobs?|recruit\w*|talent\w*|hr|hiring|people|applications?|apply"
    r"|staffing|resourcing)(?:[._+-]|@)"
)
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


def not_for_a_candidate(msg: ParsedMessage) -> str | None:
    """Why this mail cannot be a rejection of the reader's application, whatever its
    words say; None when nothing in its envelope rules that out.

    A rejection is written to the applicant, from outside the applicant's workplace.
    A post to a mailing list (List-Id) goes to everyone on the list; mail from a
    company address to colleagues at the same company, none of them at a public
    mailbox provider, is internal mail (a memo about a position, a hiring manager's
    note about other people). Both use the words of a rejection often enough that
    the model alone cannot be trusted with them.
    """
    if msg.list_id:
        return "a mailing-list post"
    if _internal(msg):
        return "mail between colleagues of one organisation"
    return None


def _internal(msg: ParsedMessage) -> bool:
    if msg.from_ is None or not msg.from_.domain:
        return False
    sender, domain = msg.from_.addr.lower(), msg.from_.domain.lower()
    if domain in PUBLIC_MAIL_DOMAINS:
        return False
    others = [a for a in (*msg.to, *msg.cc) if a.addr and a.addr.lower() != sender]
    if any(a.domain.lower() in PUBLIC_MAIL_DOMAINS for a in others):
        return False  # a personal address among the recipients: perhaps an applicant's
    return any(
        _same_organisation(a.domain.lower(), domain) and not _TEAM_MAILBOX.match(a.addr.lower())
        for a in others
    )


def _same_organisation(one: str, other: str) -> bool:
    """The same domain, or one a subdomain of the other (ect.example.com, example.com).
    A bare label ("com", "localhost") is nobody's organisation."""
    if "." not in one or "." not in other:
        return False
    return one == other or one.endswith("." + other) or other.endswith("." + one)


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


# Every word _JOB_CONTEXT matches begins with one of these (a test checks it). Looking
# for plain substrings is far quicker than the regex's alternation, and most mail
# holds none of them, so the regex only runs where it can match. Commonest first:
# in mail that has one, the search stops early.
JOB_STEMS = (
    "req", "role", "intern", "job", "position", "appl", "cv", "opening", "career",
    "talent", "recruit", "hiring", "interview", "employment", "candida", "resume",
    "résumé", "vacanc", "shortlist", "trainee", "apprentic",
)  # fmt: skip


def has_job_context(msg: ParsedMessage) -> bool:
    return _mentions_a_job(msg.subject.lower()) or _mentions_a_job(
        msg.new_text[:MAX_BODY_CHARS].lower()
    )


def _mentions_a_job(lowered: str) -> bool:
    return any(stem in lowered for stem in JOB_STEMS) and bool(_JOB_CONTEXT.search(lowered))
