"""Hostile originals for the draft composer, and the checks every draft must pass.

Three sources of hostile input, from most to least realistic:

* ``hostile_cases()``: raw RFC 822 bytes with injection attempts in names,
  subjects, Message-IDs, References and addresses (CR/LF/NUL, RFC 2047
  encoded-words that decode to line breaks, ``Bcc:`` smuggling, U+2028/U+0085,
  bidi overrides, huge headers...). The tests parse them with the project's
  parser, and also with ``stdlib_parsed`` below, which hands the composer header
  values exactly as the standard library reads them, undecoded or decoded.
* ``direct_cases()``: ParsedMessage values holding hostile strings no parser
  should produce, in case one ever does.

``check_draft`` re-parses a draft and asserts the header set is exactly the
expected one and that no header value carries a control character.
"""

from __future__ import annotations

import base64
import email
import email.policy
import email.utils
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from email.errors import HeaderParseError
from email.header import decode_header, make_header
from email.message import Message

from rejoinder.classifier.message import Address, ParsedMessage
from rejoinder.daemon.compose import Draft

GOOD_ID = "<9f2c.hostile@mail.northwind.example>"
USER = "sam.rivera@mailbox.example"

BASE_HEADERS: dict[str, str] = {
    "From": "Dana Reyes <dana.reyes@northwind.example>",
    "To": f"Sam Rivera <{USER}>",
    "Subject": "Your application for Data Analyst",
    "Date": "Tue, 03 Mar 2026 10:15:00 +0100",
    "Message-ID": GOOD_ID,
    "MIME-Version": "1.0",
    "Content-Type": "text/plain; charset=utf-8",
}
BODY = (
    "Hi Sam,\n\nThank you for applying. We have decided to move forward with other "
    "candidates.\n\nDana Reyes\nTalent Partner, Northwind Analytics\n"
)


@dataclass(frozen=True)
class HostileCase:
    name: str
    raw: bytes
    valid_id: bool  # True when the raw Message-ID is a usable "<left@right>"


def _q(text: str) -> str:
    """An RFC 2047 Q encoded-word carrying ``text`` verbatim (line breaks included)."""
    encoded = "".join(
        ch if ch.isalnum() and ch.isascii() else "".join(f"={b:02X}" for b in ch.encode())
        for ch in text
    )
    return f"=?UTF-8?Q?{encoded}?="


def _b(text: str) -> str:
    return f"=?UTF-8?B?{base64.b64encode(text.encode()).decode()}?="


INJECTIONS: tuple[str, ...] = (
    "Dana\r\nBcc: evil@attacker.example",
    "Dana\nBcc: evil@attacker.example",
    "Dana\rBcc: evil@attacker.example",
    "Dana\x00Reyes",
    "Dana\x0bReyes\x0c",
    "Dana\x1b[31mReyes",
    "Dana\u2028Bcc: evil@attacker.example",
    "Dana\u2029Reyes",
    "Dana\u0085Bcc: evil@attacker.example",
    "\u202eDana\u202c Reyes",
    "Dana\u200b\ufeffReyes",
    "Dana\x7fReyes",
)

ENCODED_INJECTIONS: tuple[str, ...] = (
    "=?UTF-8?Q?=0A?=",
    "=?UTF-8?Q?Dana=0D=0ABcc:_evil@attacker.example?=",
    _q("Dana\r\nBcc: evil@attacker.example"),
    _b("Dana\r\nBcc: evil@attacker.example"),
    _b("Dana\u2028Reyes"),
    _q("Dana\u0085Reyes"),
    _q("Dana\x00Reyes"),
    _q("=?UTF-8?Q?=0A?="),  # an encoded-word that decodes to another one
    _b(_q(_q("Dana\nBcc: evil@attacker.example"))),
    "=?UTF-8?Q?a b =0A c?=",  # whitespace inside: invalid, but parsers still decode it
    "=?x-unknown?Q?=0A?=",
    "=?UTF-8?B?!!!not-base64?=",
    "Dana=?UTF-8?Q?=0A?=Reyes",
    "=?UTF-8?Q?=0A?==?UTF-8?Q?=0D?=",
)

UNICODE_NAMES: tuple[str, ...] = (
    "Zoë Ångström",
    "Łukasz Żółć",
    "渡辺 美咲",
    "ديما حداد",
    "Dana 👩‍💻 Reyes",
)

QUOTING_NAMES: tuple[str, ...] = (
    '"Dana" <evil@attacker.example>, "Mallory"',
    'Dana "The Recruiter" Reyes',
    "Reyes, Dana",
    "Dana <dana@northwind.example>",
    "Dana\\",
    "Dana (Bcc: evil@attacker.example)",
    "Dana; Bcc: evil@attacker.example",
)

SUBJECTS: tuple[str, ...] = (
    *INJECTIONS,
    *ENCODED_INJECTIONS,
    "{{7*7}} {% for x in range(3) %}x{% endfor %}",
    "Re: Re: RE: Aw: Your application",
    "Re[3]: Your application",
    "",
    "   ",
    "Re:",
    "x" * 20000,
    "Your application " * 600,
    "Ihre Bewerbung – Datenanalyst (m/w/d) ✓",
)

# A raw line break ends the header, so the id before it is a good one.
SPLITTING_IDS: tuple[str, ...] = (
    "<abc@northwind.example>\r\nBcc: evil@attacker.example",
    "<abc@northwind.example>\nBcc: evil@attacker.example",
    "<abc@northwind.example>\rBcc: evil@attacker.example",
)
BAD_IDS: tuple[str, ...] = (
    "<a b@northwind.example>",
    "<abc>",
    "abc@northwind.example",
    "<abc@northwind.example",
    "<a<b>@northwind.example>",
    "<abc@northwind.example> <def@northwind.example>",
    "<=?UTF-8?Q?=0A?=@northwind.example>",
    "<" + "a" * 3000 + "@northwind.example>",
    "<abc\x00@northwind.example>",
    "<abc\u2028@northwind.example>",
    "<abc@north\u0085wind.example>",
    "<>",
    "<@>",
    "<abc@>",
    '<"quoted"@northwind.example>',
)

BAD_ADDRESSES: tuple[str, ...] = (
    "dana@northwind.example\r\nBcc: evil@attacker.example",
    "dana@northwind.example, evil@attacker.example",
    "dana@north wind.example",
    "dana@@northwind.example",
    "dana@northwind.example@attacker.example",
    "<dana@northwind.example>",
    "=?UTF-8?Q?=0A?=@northwind.example",
    "d\u0085ana@northwind.example",
    "dana\x00@northwind.example",
    "dana@" + "a" * 300 + ".example",
    "dana@northwind",
    "",
)


def _raw(headers: dict[str, str], body: str = BODY, *, extra: bytes = b"") -> bytes:
    lines = [f"{name}: {value}" for name, value in headers.items()]
    head = "\r\n".join(lines).encode("utf-8", "surrogateescape")
    return head + b"\r\n" + extra + b"\r\n" + body.replace("\n", "\r\n").encode()


HOSTILE_PROBE = b"From: a@b.example\r\nSubject: probe\r\n\r\nprobe\r\n"


def _case(name: str, valid_id: bool = True, **changes: str) -> HostileCase:
    headers = dict(BASE_HEADERS)
    for key, value in changes.items():
        headers[key.replace("_", "-")] = value
    return HostileCase(name, _raw(headers), valid_id)


def hostile_cases() -> list[HostileCase]:
    cases: list[HostileCase] = []
    for i, value in enumerate(INJECTIONS + ENCODED_INJECTIONS + UNICODE_NAMES + QUOTING_NAMES):
        cases.append(_case(f"from-name-{i}", From=f"{value} <dana.reyes@northwind.example>"))
        cases.append(
            _case(f"reply-to-name-{i}", Reply_To=f"{value} <dana.reyes@northwind.example>")
        )
    for i, value in enumerate(SUBJECTS):
        cases.append(_case(f"subject-{i}", Subject=value))
    for i, value in enumerate(BAD_IDS):
        cases.append(_case(f"message-id-{i}", valid_id=False, Message_ID=value))
        cases.append(_case(f"references-{i}", References=f"<ok1@x.example> {value}"))
    for i, value in enumerate(SPLITTING_IDS):
        cases.append(_case(f"message-id-split-{i}", Message_ID=value))
    for i, value in enumerate(BAD_ADDRESSES):
        cases.append(_case(f"reply-to-addr-{i}", Reply_To=value))
    cases.extend(_special_cases())
    return cases


def _special_cases() -> Iterator[HostileCase]:
    many_refs = " ".join(f"<ref{i}@thread.example>" for i in range(200))
    yield _case("references-200", References=many_refs)
    yield _case("references-huge", References="<" + "r" * 20000 + "@x.example>")
    yield _case("in-reply-to-injection", In_Reply_To=f"{GOOD_ID}\r\nBcc: evil@attacker.example")
    yield _case(
        "no-reply-everywhere",
        From="Careers <no-reply@northwind.example>",
        Reply_To="Do Not Reply <donotreply@northwind.example>",
    )
    yield _case(
        "ats-relay-with-injected-body-address",
        From="Northwind via Hiring <notifications@hire.lever.co>",
    )
    yield _case(
        "everything-at-once",
        valid_id=False,
        From=f"{ENCODED_INJECTIONS[2]} <no-reply@northwind.example>",
        Reply_To=BAD_ADDRESSES[0],
        Subject=f"{INJECTIONS[0]} {ENCODED_INJECTIONS[8]}",
        Message_ID="<a b@northwind.example>",
        References="<=?UTF-8?Q?=0A?=@northwind.example> <a<b>@x.example> <fine@x.example>",
    )
    yield HostileCase(
        "8bit-header-bytes",
        _raw(dict(BASE_HEADERS, Subject="caf\udce9 \udc85 r\udcc3\udca9sum\udce9")),
        True,
    )
    yield HostileCase(
        "header-folded-with-bare-cr",
        _raw(BASE_HEADERS, extra=b"X-Junk: a\rBcc: evil@attacker.example\r\n"),
        True,
    )
    yield HostileCase(
        "duplicate-from-and-subject",
        _raw(
            BASE_HEADERS,
            extra=b"From: Mallory <mallory@attacker.example>\r\nSubject: second\r\n",
        ),
        True,
    )
    yield HostileCase(
        "huge-header-block",
        _raw(
            BASE_HEADERS, extra=b"".join(b"X-Pad-%d: %s\r\n" % (i, b"p" * 900) for i in range(200))
        ),
        True,
    )


# --- ParsedMessage values straight from the standard library -------------------------


def _addresses(values: list[str]) -> tuple[Address, ...]:
    return tuple(Address(name, addr) for name, addr in email.utils.getaddresses(values))


def stdlib_parsed(raw: bytes, *, decode: bool) -> ParsedMessage:
    """A ParsedMessage as a careless parser might build it.

    ``decode=False`` keeps header values undecoded (encoded-words intact);
    ``decode=True`` decodes every encoded-word and keeps whatever comes out,
    which is where ``=?UTF-8?Q?=0A?=`` turns into a real line break.
    """
    message: Message = email.message_from_bytes(raw, policy=email.policy.compat32)

    def text(value: object) -> str:
        value = str(value).replace("\r\n", "")
        if not decode:
            return value
        try:
            return str(make_header(decode_header(value)))
        except (LookupError, ValueError, HeaderParseError):
            return value

    def header(name: str) -> str | None:
        value = message.get(name)
        return None if value is None else text(value)

    def all_of(name: str) -> list[str]:
        return [text(v) for v in message.get_all(name, [])]

    from_ = _addresses(all_of("From"))
    references = tuple((header("References") or "").split())
    body = BODY
    return ParsedMessage(
        message_id=(header("Message-ID") or "").strip() or None,
        in_reply_to=header("In-Reply-To"),
        references=references,
        from_=from_[0] if from_ else None,
        reply_to=_addresses(all_of("Reply-To")),
        to=_addresses(all_of("To")),
        cc=(),
        subject=header("Subject") or "",
        date=datetime(2026, 3, 3, 9, 15, tzinfo=UTC),
        list_id=None,
        auto_submitted=None,
        precedence=None,
        body=body,
        body_from_html=False,
        new_text=body,
        quoted="",
        signature="",
        size=len(raw),
        truncated=False,
    )


# --- ParsedMessage values no parser should produce ----------------------------------


def _base() -> ParsedMessage:
    return stdlib_parsed(_raw(BASE_HEADERS), decode=True)


def direct_cases() -> list[tuple[str, ParsedMessage, bool]]:
    """(name, original, valid_id) with hostile strings placed straight into fields."""
    base = _base()
    cases: list[tuple[str, ParsedMessage, bool]] = []
    values = INJECTIONS + ENCODED_INJECTIONS
    for i, value in enumerate(values):
        cases.append((f"direct-name-{i}", replace(base, from_=Address(value, "d@n.example")), True))
        cases.append((f"direct-subject-{i}", replace(base, subject=value), True))
        cases.append((f"direct-id-{i}", replace(base, message_id=f"<{value}@n.example>"), False))
        cases.append(
            (
                f"direct-reply-to-{i}",
                replace(base, reply_to=(Address(value, f"x{value}@n.example"),)),
                True,
            )
        )
        cases.append(
            (
                f"direct-signature-{i}",
                replace(
                    base,
                    from_=Address("Careers", "no-reply@n.example"),
                    signature=f"Dana\n{value}@northwind.example\n{value}",
                    new_text=f"Thanks.\n{value}\n",
                ),
                True,
            )
        )
    cases.append(("direct-references", replace(base, references=tuple(BAD_IDS) * 3), True))
    return cases


# --- the checks -----------------------------------------------------------------------

ALWAYS = frozenset(
    {
        "from",
        "subject",
        "date",
        "message-id",
        "mime-version",
        "content-type",
        "content-transfer-encoding",
        "x-rejoinder-ref",
    }
)
# Written independently of the composer's own rule on purpose.
SAFE_ID = re.compile(r"^<[!-;=?-~]+@[!-;=?-~]+>$")


def has_control(text: str) -> bool:
    return any(unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp", "Cs") for ch in text)


def check_draft(draft: Draft, original: ParsedMessage, *, valid_id: bool | None) -> None:
    """Assert the draft re-parses to exactly the expected, clean header set.

    ``valid_id``: whether the original's Message-ID was usable; None when unknown
    (then In-Reply-To may be present or not, but must be safe and copied verbatim).
    """
    head, separator, _ = draft.raw.partition(b"\r\n\r\n")
    assert separator, "draft has no header/body separator"
    head.decode("ascii")  # raises when a raw 8-bit byte slipped into a header
    for line in head.split(b"\r\n"):
        assert len(line) <= 998
        assert b"\r" not in line
        assert b"\n" not in line
        assert b"\x00" not in line

    parsed = email.message_from_bytes(draft.raw, policy=email.policy.default)
    names = [name.lower() for name in parsed]
    assert len(names) == len(set(names)), f"duplicate headers: {names}"
    expected = set(ALWAYS)
    if draft.to:
        expected.add("to")
    if "in-reply-to" in names:
        expected.add("in-reply-to")
    if "references" in names:
        expected.add("references")
    assert set(names) == expected
    assert not parsed.defects

    for name, value in parsed.items():
        assert not has_control(str(value)), f"control character in {name}: {str(value)!r}"

    assert parsed["Message-ID"] == draft.message_id
    assert str(parsed["Subject"]) == draft.subject
    assert draft.subject.startswith("Re: ")
    assert len(draft.subject) <= 210
    assert [a.addr_spec for a in parsed["From"].addresses] == [USER]
    if draft.to:
        assert [a.addr_spec for a in parsed["To"].addresses] == [a.addr for a in draft.to]
        assert all(len(a.display_name) <= 80 for a in parsed["To"].addresses)
        assert not draft.needs_recipient
    else:
        assert draft.needs_recipient

    in_reply_to = parsed.get("In-Reply-To")
    if valid_id is True:
        assert in_reply_to is not None
        assert str(in_reply_to).strip() == original.message_id
    elif valid_id is False:
        assert in_reply_to is None
    if in_reply_to is not None:
        assert SAFE_ID.match(str(in_reply_to).strip())
        assert str(in_reply_to).strip() == (original.message_id or "").strip()
    references = str(parsed.get("References", "")).split()
    assert len(references) <= 11
    assert all(SAFE_ID.match(ref) for ref in references)
    if in_reply_to is not None:
        assert references[-1] == str(in_reply_to).strip()
