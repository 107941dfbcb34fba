"""Original message + classification + settings -> the bytes of a reply draft.

Pure: no I/O and no clock (``now`` is passed in), so the same inputs always give
the same bytes, which is what makes re-running the daemon idempotent.

Everything copied from the incoming mail into a header (names, subject,
Message-IDs, addresses) is treated as hostile: control and invisible characters
are removed, RFC 2047 encoded-words are decoded *before* that (a parser that
re-reads the draft would otherwise decode ``=?UTF-8?Q?=0A?=`` into a line
break), lengths are bounded, and Message-IDs or addresses that are not plainly
well formed are dropped rather than repaired.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from email.errors import HeaderParseError
from email.header import Header, decode_header
from email.headerregistry import Address as HeaderAddress
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime
from typing import Literal

from rejoinder.classifier.message import Address, ParsedMessage
from rejoinder.classifier.result import Classification, Extraction, Label, Stage
from rejoinder.daemon.templating import (
    Situation,
    TemplateContext,
    TemplateKind,
    TemplateSet,
    Tone,
)

log = logging.getLogger(__name__)

FeedbackRequest = Literal["same_draft", "follow_up", "never"]

MAX_NAME = 78
MAX_SUBJECT = 200
MAX_MESSAGE_ID = 250
MAX_REFERENCES = 10  # of the original's References; its own Message-ID comes on top
MAX_RECIPIENTS = 3
MAX_QUOTE_LINES = 40
MAX_QUOTE_CHARS = 4000
MAX_QUOTE_LINE = 500
FALLBACK_ID_DOMAIN = "rejoinder.invalid"
_SAFE_REF = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$")  # goes into Message-ID as is

# Message-ID headers are written pre-folded (one id per line) and must not be
# re-folded: Python would turn an id longer than a line into an encoded-word,
# which mail clients do not decode in In-Reply-To/References, breaking threads.
_POLICY = SMTP.clone(refold_source="none")


@dataclass(frozen=True)
class Identity:
    """The user, as the draft's From."""

    name: str
    addr: str


@dataclass(frozen=True)
class DraftSettings:
    quote_original: bool = True
    feedback_request: FeedbackRequest = "same_draft"
    tone: Tone = "warm"
    user_name: str | None = None  # None: the identity's name
    sign_off: str | None = None  # None: the tone's default ("All the best," ...)
    signature: str | None = None  # lines placed under the name


@dataclass(frozen=True)
class Draft:
    ref: str
    message_id: str
    to: tuple[Address, ...]  # empty when the sender cannot receive replies
    subject: str
    needs_recipient: bool
    template: str
    raw: bytes
    references: tuple[str, ...] = ()  # its References header, the original's id last


def compose_draft(
    original: ParsedMessage,
    classification: Classification,
    *,
    ref: str,
    identity: Identity,
    settings: DraftSettings,
    templates: TemplateSet,
    now: datetime,
    kind: TemplateKind = "reply",
) -> Draft:
    """Write the reply draft for one rejection.

    An identity without an address gives a draft without From (the mail client
    fills it in). Raises ValueError for caller mistakes: a malformed identity
    address, an unsafe ref, a naive ``now``, or a feedback follow-up when the
    settings say "never".
    """
    sender_addr = _check_arguments(
        kind=kind, settings=settings, now=now, ref=ref, identity=identity
    )
    own = frozenset({sender_addr.lower()} if sender_addr else ())
    recipients = reply_recipients(original, classification.extraction, own_addrs=own)
    situation = situation_for(classification)
    template = templates.choose(kind, situation, ref)
    context = template_context(
        classification,
        settings,
        identity,
        kind=kind,
        situation=situation,
        needs_recipient=not recipients,
    )
    body = templates.render(template, context)
    if settings.quote_original and (quote := quote_original(original)):
        body = f"{body}\n{quote}"

    in_reply_to = valid_message_id(original.message_id)
    return _finish_draft(
        kind=kind,
        ref=ref,
        identity=identity,
        sender_addr=sender_addr,
        recipients=recipients,
        subject=reply_subject(original.subject, classification.extraction),
        in_reply_to=in_reply_to,
        references=reply_references(original.references, in_reply_to),
        template=template,
        body=body,
        now=now,
    )


@dataclass(frozen=True)
class FollowUpSource:
    """A rejection as the journal keeps it: what a later feedback request is written from.

    ``to`` and ``references`` are those of the first draft, so the follow-up goes to
    the same people in the same thread.
    """

    subject: str
    message_id: str | None
    references: tuple[str, ...]
    to: tuple[Address, ...]
    stage: Stage | None
    company: str | None
    role: str | None
    contact_name: str | None


def asks_feedback_later(settings: DraftSettings, classification: Classification) -> bool:
    """Whether a rejection's thank-you gets a separate feedback request later
    (feedback_request = "follow_up"; never when the position closed: nothing was decided)."""
    return settings.feedback_request == "follow_up" and situation_for(classification) != "closed"


def compose_follow_up(
    source: FollowUpSource,
    *,
    ref: str,
    identity: Identity,
    settings: DraftSettings,
    templates: TemplateSet,
    now: datetime,
) -> Draft:
    """Write the later, separate feedback request for one rejection (kind
    "feedback_follow_up"), in reply to the rejection itself.

    It quotes nothing: the journal keeps no message text, and the rejection is
    right above it in the thread. Raises ValueError like ``compose_draft``.
    """
    kind: TemplateKind = "feedback_follow_up"
    sender_addr = _check_arguments(
        kind=kind, settings=settings, now=now, ref=ref, identity=identity
    )
    own = frozenset({sender_addr.lower()} if sender_addr else ())
    recipients = _usable_addresses(source.to, own, keep_no_reply=True)[:MAX_RECIPIENTS]
    extraction = Extraction(source.company, source.role, source.contact_name)
    situation = _situation(Label.REJECTION, source.stage)
    template = templates.choose(kind, situation, ref)
    context = _template_context(
        extraction,
        source.stage,
        settings,
        identity,
        kind=kind,
        situation=situation,
        needs_recipient=not recipients,
    )
    in_reply_to = valid_message_id(source.message_id)
    return _finish_draft(
        kind=kind,
        ref=ref,
        identity=identity,
        sender_addr=sender_addr,
        recipients=recipients,
        subject=reply_subject(source.subject, extraction),
        in_reply_to=in_reply_to,
        references=reply_references(source.references, in_reply_to),
        template=template,
        body=templates.render(template, context),
        now=now,
    )


def _finish_draft(
    *,
    kind: TemplateKind,
    ref: str,
    identity: Identity,
    sender_addr: str | None,
    recipients: tuple[Address, ...],
    subject: str,
    in_reply_to: str | None,
    references: tuple[str, ...],
    template: str,
    body: str,
    now: datetime,
) -> Draft:
    id_domain = _domain(sender_addr) if sender_addr else FALLBACK_ID_DOMAIN
    message_id = f"<rejoinder.{ref}.{kind}@{id_domain}>"
    sender_name = clean_header_text(identity.name, MAX_NAME)
    raw = _build_message(
        sender=_header_address(sender_name, sender_addr) if sender_addr else None,
        recipients=recipients,
        subject=subject,
        date=now,
        message_id=message_id,
        in_reply_to=in_reply_to,
        references=references,
        ref=ref,
        body=body,
    )
    log.debug("composed %s draft %s with %s", kind, ref, template)
    return Draft(
        ref=ref,
        message_id=message_id,
        to=recipients,
        subject=subject,
        needs_recipient=not recipients,
        template=template,
        raw=raw,
        references=references,
    )


def _check_arguments(
    *, kind: TemplateKind, settings: DraftSettings, now: datetime, ref: str, identity: Identity
) -> str | None:
    """Refuse caller mistakes; return the sender's address (None: leave From out)."""
    if kind == "feedback_follow_up" and settings.feedback_request == "never":
        raise ValueError("feedback follow-ups are switched off (feedback_request = 'never')")
    if now.tzinfo is None or now.utcoffset() is None:
        raise ValueError("now must be timezone-aware")
    if not _SAFE_REF.match(ref):
        raise ValueError(f"ref {ref!r} must be 1-128 letters, digits, '.', '_' or '-'")
    # No address at all (the demo, or no account configured) leaves From to the mail
    # client that opens the draft; a malformed one is a configuration mistake.
    sender_addr = valid_address(identity.addr)
    if sender_addr is None and identity.addr.strip():
        raise ValueError(f"identity address {identity.addr!r} is not a usable email address")
    return sender_addr


# --- choosing what the draft says -----------------------------------------------------


def situation_for(classification: Classification) -> Situation:
    return _situation(classification.label, classification.stage)


def _situation(label: Label, stage: Stage | None) -> Situation:
    if label is Label.POSITION_CLOSED:
        return "closed"
    if stage is Stage.APPLICATION:
        return "application"
    if stage is Stage.INTERVIEW:
        return "interview"
    return "neutral"


def template_context(
    classification: Classification,
    settings: DraftSettings,
    identity: Identity,
    *,
    kind: TemplateKind,
    situation: Situation,
    needs_recipient: bool,
) -> TemplateContext:
    return _template_context(
        classification.extraction,
        classification.stage,
        settings,
        identity,
        kind=kind,
        situation=situation,
        needs_recipient=needs_recipient,
    )


def _template_context(
    extraction: Extraction,
    stage: Stage | None,
    settings: DraftSettings,
    identity: Identity,
    *,
    kind: TemplateKind,
    situation: Situation,
    needs_recipient: bool,
) -> TemplateContext:
    if kind == "feedback_follow_up":
        ask_feedback = True
    else:
        # Nothing was decided about the candidate when a position closes, so there
        # is no feedback to ask for; "follow_up" asks later, in a separate draft.
        ask_feedback = settings.feedback_request == "same_draft" and situation != "closed"
    return TemplateContext(
        company=_clean_phrase(extraction.company, 60),
        role=clean_role(extraction.role),
        name=clean_first_name(extraction.contact_name),
        user_name=clean_header_text(settings.user_name or identity.name, 60) or None,
        sign_off=_clean_sign_off(settings.sign_off),
        signature=_clean_signature(settings.signature),
        tone=settings.tone,
        stage=stage.value if stage else Stage.UNKNOWN.value,
        position_closed=situation == "closed",
        kind=kind,
        ask_feedback=ask_feedback,
        needs_recipient=needs_recipient,
    )


_ROLE_ARTICLE = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)
_ROLE_NOUN = re.compile(r"\s+(?:role|position|job|opening|vacancy|opportunity)$", re.IGNORECASE)


def clean_role(role: str | None) -> str | None:
    """A role the templates can put in "the ... role": no article, no trailing "role"."""
    text = _clean_phrase(role, 80)
    if text is None:
        return None
    text = _ROLE_NOUN.sub("", _ROLE_ARTICLE.sub("", text)).strip()
    return text or None


# Words an extractor may mistake for a first name in "Dear Hiring Team," or "Hi there,".
_NOT_FIRST_NAMES = frozenset(
    {
        "team",
        "talent",
        "hiring",
        "recruiting",
        "recruitment",
        "careers",
        "hr",
        "people",
        "candidate",
        "applicant",
        "sir",
        "madam",
        "all",
        "there",
        "everyone",
        "hello",
        "hi",
        "dear",
        "the",
    }
)


def clean_first_name(name: str | None) -> str | None:
    """A first name fit for "Hi Dana,", or None when it does not look like one."""
    text = _clean_phrase(name, 40)
    if text is None:
        return None
    first = text.split()[0].strip(",;:.")
    if not first or not any(ch.isalpha() for ch in first) or "@" in first:
        return None
    if any(ch.isdigit() for ch in first) or first.lower() in _NOT_FIRST_NAMES:
        return None
    return first.capitalize() if first.islower() or first.isupper() else first


def _clean_phrase(text: str | None, limit: int) -> str | None:
    cleaned = clean_header_text(text, limit).strip(" ,;:.\"'")
    return cleaned or None


def _clean_sign_off(sign_off: str | None) -> str | None:
    text = clean_header_text(sign_off, 40)
    if not text:
        return None
    # "Best" reads as unfinished above a name; "Best,", "Thanks!" or "— Sam" are left alone.
    plain_words = all(ch.isalpha() or ch == " " for ch in text)
    return f"{text}," if plain_words else text


def _clean_signature(signature: str | None) -> str | None:
    if not signature:
        return None
    lines = [_clean_text_line(line, 200) for line in signature.splitlines()[:12]]
    text = "\n".join(_squeeze_blank_lines(lines)).strip("\n")
    return text or None


# --- recipients -----------------------------------------------------------------------

_NO_REPLY_LOCALS = frozenset(
    {
        "noreply",
        "donotreply",
        "mailerdaemon",
        "postmaster",
        "bounce",
        "bounces",
        "notifications",
        "notification",
        "notify",
        "autoreply",
        "autoresponder",
    }
)
_NO_REPLY_FRAGMENTS = ("noreply", "donotreply", "dontreply", "mailerdaemon", "bounce")
# Applicant-tracking systems relay mail from addresses that do not reach a person
# (or that reply into a ticket queue nobody reads for this).
_RELAY_DOMAINS = (
    "greenhouse-mail.io",
    "greenhouse.io",
    "lever.co",
    "ashbyhq.com",
    "myworkday.com",
    "workday.com",
    "icims.com",
    "smartrecruiters.com",
    "taleo.net",
    "successfactors.com",
    "successfactors.eu",
    "jobvite.com",
    "workable.com",
    "workablemail.com",
    "bamboohr.com",
    "recruitee.com",
    "teamtailor.com",
    "teamtailor-mail.com",
    "personio.de",
    "personio.com",
    "breezy.hr",
    "applytojob.com",
    "jazzhr.com",
    "pinpointhq.com",
    "recruiterbox.com",
    "comeet.co",
)
# Addresses that do reach people, but not anyone who decides on candidates.
_UNSUITABLE_LOCALS = frozenset(
    {"privacy", "dpo", "gdpr", "legal", "security", "abuse", "support", "help", "unsubscribe"}
)


def is_no_reply(addr: str) -> bool:
    """True for addresses that will not reach a person who can answer."""
    local, _, domain = addr.lower().rpartition("@")
    compact = re.sub(r"[-_.]", "", local.split("+", 1)[0])
    if compact in _NO_REPLY_LOCALS or any(f in compact for f in _NO_REPLY_FRAGMENTS):
        return True
    return any(domain == relay or domain.endswith("." + relay) for relay in _RELAY_DOMAINS)


def reply_recipients(
    original: ParsedMessage, extraction: Extraction, *, own_addrs: frozenset[str]
) -> tuple[Address, ...]:
    """Reply-To, else From; when those cannot receive replies, a person named in the mail."""
    from_group = (original.from_,) if original.from_ else ()
    for group in (original.reply_to, from_group):
        usable = _usable_addresses(group, own_addrs)
        if usable:
            return usable[:MAX_RECIPIENTS]
    excluded = own_addrs | {a.addr.lower() for a in original.to}
    found = address_in_text(original, extraction, excluded=excluded)
    return (Address("", found),) if found else ()


def _usable_addresses(
    group: Iterable[Address], own_addrs: frozenset[str], *, keep_no_reply: bool = False
) -> tuple[Address, ...]:
    usable: dict[str, Address] = {}
    for address in group:
        addr = valid_address(address.addr)
        if addr is None or addr.lower() in own_addrs:
            continue
        if is_no_reply(addr) and not keep_no_reply:
            continue
        usable.setdefault(addr.lower(), Address(clean_header_text(address.name, MAX_NAME), addr))
    return tuple(usable.values())


_ADDRESS_IN_TEXT = re.compile(
    r"(?<![\w.+'&=~-])[A-Za-z0-9][A-Za-z0-9._%+'&=~-]{0,63}"
    r"@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+"
)
_GENERIC_WORDS = frozenset(
    {
        "the",
        "and",
        "inc",
        "ltd",
        "llc",
        "gmbh",
        "plc",
        "corp",
        "company",
        "group",
        "team",
        "careers",
        "career",
        "jobs",
        "job",
        "talent",
        "recruiting",
        "recruitment",
        "hiring",
        "people",
        "via",
        "from",
        "mail",
        "email",
        "mailer",
        "www",
        "example",
        "noreply",
        "reply",
        "notifications",
        "acquisition",
        "services",
        "global",
    }
)


def address_in_text(
    original: ParsedMessage, extraction: Extraction, *, excluded: frozenset[str]
) -> str | None:
    """A person's address from the signature or new text, the employer's domain first.

    The quoted history is never searched: it holds the user's own earlier mail.
    """
    texts: tuple[str, ...] = (original.signature, original.new_text)
    if not any(t.strip() for t in texts):
        texts = (original.body,)
    candidates: list[str] = []
    for text in texts:
        for match in _ADDRESS_IN_TEXT.finditer(text):
            addr = valid_address(match.group(0))
            if addr is None or addr.lower() in excluded or is_no_reply(addr):
                continue
            if addr.split("@")[0].lower() in _UNSUITABLE_LOCALS:
                continue
            if addr not in candidates:
                candidates.append(addr)
    keys = _employer_keys(extraction, original)
    for addr in candidates:
        if _is_employer_domain(_domain(addr), keys):
            return addr
    return candidates[0] if candidates else None


def _employer_keys(extraction: Extraction, original: ParsedMessage) -> frozenset[str]:
    names = (extraction.company or "", original.from_.name if original.from_ else "")
    keys: set[str] = set()
    for name in names:
        words = [
            w
            for w in re.findall(r"[a-z0-9]+", name.lower())
            if len(w) >= 3 and w not in _GENERIC_WORDS
        ]
        keys.update(words)
        if len(words) > 1:
            keys.add("".join(words))
    return frozenset(keys)


def _is_employer_domain(domain: str, keys: frozenset[str]) -> bool:
    for label in domain.split(".")[:-1]:  # the last label is the top-level domain
        compact = label.replace("-", "")
        if len(compact) < 3 or compact in _GENERIC_WORDS:
            continue
        for key in keys:
            if key == compact or (len(key) >= 4 and key in compact):
                return True
            if len(compact) >= 4 and compact in key:
                return True
    return False


# --- subject and threading ------------------------------------------------------------

_REPLY_PREFIX = re.compile(
    r"^\s*(?:re|aw|sv|antw|antwort|r[ée]f\.?|rif|odp|vs|vá|ynt|atb|απ|отв|回复|回覆|答复)"
    r"\s*(?:\[\d{1,4}\]|\(\d{1,4}\))?\s*[:：]\s*",
    re.IGNORECASE,
)


def reply_subject(subject: str, extraction: Extraction) -> str:
    """``Re: `` + the original subject, with any reply prefixes it already had removed."""
    text = clean_header_text(subject, MAX_SUBJECT)
    while match := _REPLY_PREFIX.match(text):
        text = text[match.end() :]
    text = text.strip() or _fallback_subject(extraction)
    return f"Re: {text}"


def _fallback_subject(extraction: Extraction) -> str:
    role, company = clean_role(extraction.role), _clean_phrase(extraction.company, 60)
    text = "My application"
    if role:
        text += f" for {role}"
    if company:
        text += f" at {company}"
    return clean_header_text(text, MAX_SUBJECT)


_MESSAGE_ID = re.compile(
    r"^<[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]+@[A-Za-z0-9!#$%&'*+/=?^_`{|}~.\-\[\]:]+>$"
)


def valid_message_id(value: str | None) -> str | None:
    """The id when it is a plain ``<left@right>``, else None (dropped, never repaired)."""
    if not value:
        return None
    value = value.strip()
    if len(value) > MAX_MESSAGE_ID or "=?" in value or not _MESSAGE_ID.match(value):
        return None
    return value


def reply_references(references: Iterable[str], in_reply_to: str | None) -> tuple[str, ...]:
    """The original's References (the last ten usable ones) followed by its Message-ID."""
    ids = [mid for ref in references if (mid := valid_message_id(ref))]
    if in_reply_to:
        ids.append(in_reply_to)
    unique = list(dict.fromkeys(reversed(ids)))[::-1]  # keep the latest position of repeats
    if in_reply_to:
        return (*[i for i in unique if i != in_reply_to][-MAX_REFERENCES:], in_reply_to)
    return tuple(unique[-MAX_REFERENCES:])


# --- cleaning values from mail --------------------------------------------------------

# Deliberately looser than RFC 2047 (whitespace allowed inside): Python's own
# header parser accepts such words too, and would decode them when re-reading.
_ENCODED_WORD = re.compile(r"=\?[^?]*\?[QqBb]\?.*?\?=")
_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def clean_header_text(text: str | None, limit: int) -> str:
    """One safe line: encoded-words decoded, control/invisible characters gone, bounded."""
    if not text:
        return ""
    for _ in range(4):  # nested encodings unwrap one layer per round
        before = text
        text = _ENCODED_WORD.sub(_decode_encoded_word, _strip_invisible(text))
        if text == before:
            break
    text = _ENCODED_WORD.sub(" ", _strip_invisible(text))  # still encoded: hostile, drop it
    return _truncate(" ".join(text.split()), limit)


_ADDRESS = re.compile(
    r"^[A-Za-z0-9._%+'&=~-]{1,64}"
    r"@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$"
)


def valid_address(addr: str | None) -> str | None:
    """A plain ASCII ``local@domain.tld`` or None; anything unusual is dropped."""
    if not addr:
        return None
    addr = addr.strip()
    if len(addr) > 254 or not _ADDRESS.match(addr):
        return None
    local = addr.split("@", 1)[0]
    if local.startswith(".") or local.endswith(".") or ".." in local:
        return None
    try:
        HeaderAddress(addr_spec=addr)
    except (ValueError, IndexError, HeaderParseError):
        return None
    return addr


def _decode_encoded_word(match: re.Match[str]) -> str:
    try:
        parts = decode_header(match.group(0))
        return "".join(
            chunk if isinstance(chunk, str) else chunk.decode(charset or "ascii", "replace")
            for chunk, charset in parts
        )
    except (ValueError, LookupError, HeaderParseError):
        return " "


def _strip_invisible(text: str) -> str:
    return "".join(_visible(ch) for ch in text)


def _visible(ch: str) -> str:
    category = unicodedata.category(ch)
    if category in ("Cc", "Zl", "Zp"):  # line breaks, NUL, tabs, U+0085, U+2028, U+2029
        return " "
    if category in ("Cf", "Cs", "Co"):  # zero-width, bidi overrides, lone surrogates
        return ""
    return ch


def _truncate(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    head, space, _ = cut.rpartition(" ")
    if space and len(head) > limit // 2:
        cut = head
    return cut.rstrip() + "…"


def _clean_text_line(line: str, limit: int) -> str:
    line = line.expandtabs(4)
    kept = "".join(
        ch
        for ch in line
        if unicodedata.category(ch) not in ("Cc", "Cs") and ch not in _BIDI_CONTROLS
    )
    return kept.rstrip()[:limit]


def _squeeze_blank_lines(lines: Iterable[str]) -> Iterator[str]:
    previous_blank = False
    for line in lines:
        blank = not line
        if not (blank and previous_blank):
            yield line
        previous_blank = blank


def _domain(addr: str) -> str:
    return addr.rpartition("@")[2].lower()


# --- the quote ------------------------------------------------------------------------

_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def quote_original(original: ParsedMessage) -> str:
    """What the sender wrote (and their signature), each line prefixed "> ", bounded."""
    parts = [p.strip("\n") for p in (original.new_text, original.signature) if p.strip()]
    text = "\n\n".join(parts) or original.body.strip("\n")
    if not text.strip():
        return ""
    lines = list(
        _squeeze_blank_lines(_clean_text_line(line, MAX_QUOTE_LINE) for line in text.splitlines())
    )
    kept: list[str] = []
    size = 0
    for line in lines:
        if len(kept) >= MAX_QUOTE_LINES or size + len(line) > MAX_QUOTE_CHARS:
            break
        kept.append(line)
        size += len(line) + 1
    while kept and not kept[-1]:
        kept.pop()
    quoted = [f"> {line}" if line else ">" for line in kept]
    if len(kept) < len(lines) and any(lines[len(kept) :]):
        quoted.append("> [...]")
    return _attribution(original) + "\n" + "\n".join(quoted) + "\n"


def _attribution(original: ParsedMessage) -> str:
    sender = original.from_
    who = ""
    if sender is not None:
        who = clean_header_text(sender.name, MAX_NAME) or valid_address(sender.addr) or ""
    if original.date is not None:
        date = original.date
        when = f"{date.day} {_MONTHS[date.month - 1]} {date.year}"
        return f"On {when}, {who or 'the sender'} wrote:"
    return f"{who or 'The sender'} wrote:"


# --- the message ----------------------------------------------------------------------


def _header_address(name: str, addr: str) -> HeaderAddress:
    return HeaderAddress(display_name=name, addr_spec=addr)


def _build_message(
    *,
    sender: HeaderAddress | None,
    recipients: tuple[Address, ...],
    subject: str,
    date: datetime,
    message_id: str,
    in_reply_to: str | None,
    references: tuple[str, ...],
    ref: str,
    body: str,
) -> bytes:
    message = EmailMessage(policy=_POLICY)
    if sender is not None:
        message["From"] = sender
    if recipients:
        message["To"] = tuple(_header_address(r.name, r.addr) for r in recipients)
    if subject.isascii():
        message["Subject"] = subject
    else:
        # Encoded by hand: the policy folds a long mixed subject as "word \n =?utf-8?…?=",
        # which reads back with a doubled space. Adjacent encoded-words join cleanly.
        message.set_raw("Subject", Header(subject, "utf-8", maxlinelen=76).encode(linesep="\n"))
    message["Date"] = format_datetime(date)
    message.set_raw("Message-ID", message_id)
    if in_reply_to:
        message.set_raw("In-Reply-To", in_reply_to)
    if references:
        message.set_raw("References", "\n ".join(references))
    message.set_raw("X-Rejoinder-Ref", ref)
    # Quoted-printable keeps the text readable in the raw draft, and mail clients
    # (Thunderbird among them) re-open such drafts for editing without mangling them.
    message.set_content(body, subtype="plain", charset="utf-8", cte="quoted-printable")
    return message.as_bytes(policy=_POLICY)
