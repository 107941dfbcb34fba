"""Raw RFC 822 bytes -> a frozen ``ParsedMessage`` (or a ``ParseFailure``).

Pure: no I/O, no logging of content. The caller decides what to do with a failure.

Why not ``email.message_from_bytes``? The stdlib feed parser has no limits: it
walks every MIME part, recurses once per nesting level (a deeply nested message
raises RecursionError) and its modern policy is about six times slower than we
can afford. So the structure is walked here, over bytes, with hard caps; the
standard library still does the fiddly parts (address lists, dates,
Content-Type parameters including RFC 2231, transfer decodings).
"""

from __future__ import annotations

import binascii
import codecs
import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.message import Message
from email.utils import collapse_rfc2231_value, getaddresses, parsedate_to_datetime

from rejoinder.classifier.text import html_to_text, split_signature, strip_quoted

__all__ = [
    "BODY_CAP",
    "HEADERS_ONLY_ABOVE",
    "HEADER_CAP",
    "MAX_ADDRESSES",
    "MAX_DEPTH",
    "MAX_PARTS",
    "MAX_REFERENCES",
    "Address",
    "ParseFailure",
    "ParsedMessage",
    "decode_bytes",
    "decode_encoded_words",
    "message_identity",
    "multipart_boundary",
    "parse_message",
]


@dataclass(frozen=True)
class Address:
    """One mailbox: display name (may be empty) and address (may be empty if unparseable)."""

    name: str
    addr: str

    @property
    def domain(self) -> str:
        return self.addr.rpartition("@")[2].lower() if "@" in self.addr else ""


@dataclass(frozen=True)
class ParsedMessage:
    message_id: str | None  # with angle brackets, e.g. "<abc@example.com>"
    in_reply_to: str | None  # the first id, with angle brackets
    references: tuple[str, ...]  # oldest first, at most the last MAX_REFERENCES
    from_: Address | None  # None when missing; Address("", "") when present but ambiguous
    reply_to: tuple[Address, ...]
    to: tuple[Address, ...]  # address lists: at most MAX_ADDRESSES each
    cc: tuple[Address, ...]
    subject: str  # decoded, whitespace-folded
    date: datetime | None  # always timezone-aware ("-0000" / no zone is read as UTC)
    list_id: str | None  # decoded, folded header value
    auto_submitted: str | None  # lower-cased, e.g. "auto-generated"
    precedence: str | None  # lower-cased, e.g. "bulk"
    body: str  # the whole text body (text/plain preferred, else HTML rendered to text)
    body_from_html: bool
    # What this sender wrote now: body without quoted history and signature. A
    # forwarded message's own text is included (after the forwarder's lines).
    new_text: str
    quoted: str  # quoted history / forwarded part (with its header block), if any
    signature: str  # trailing signature incl. its sign-off line ("Best regards,"), if any
    size: int  # size of the raw message in bytes
    truncated: bool  # True when caps on header or body size were applied


@dataclass(frozen=True)
class ParseFailure:
    """A message that could not be turned into a ParsedMessage; logged and skipped by callers."""

    reason: str
    size: int


# --------------------------------------------------------------------------- limits

HEADER_CAP = 64 * 1024  # bytes of header block read per message (and per MIME part)
BODY_CAP = 256 * 1024  # characters of text body kept
HEADERS_ONLY_ABOVE = 25 * 1024 * 1024  # larger raw messages: headers only
MAX_PARTS = 200  # MIME parts walked
MAX_DEPTH = 16  # multipart / message nesting levels followed
MAX_ADDRESSES = 100  # per address header
MAX_REFERENCES = 30  # most recent ids kept from References
_ID_CAP = 998  # an RFC 5322 line; longer "ids" are junk

# --------------------------------------------------------------------------- charsets

# Stateful 7-bit encodings: ASCII-only bytes still need the declared codec.
_SEVEN_BIT_CODECS = frozenset({"iso2022_jp", "iso2022_jp_1", "iso2022_jp_2", "iso2022_kr", "utf_7"})
# Codecs tried before UTF-8: 7-bit ones look like ASCII, and UTF-16/32 text with
# only Latin letters is valid (NUL-riddled) UTF-8.
_DECLARED_FIRST = _SEVEN_BIT_CODECS | {
    "utf-16",
    "utf-16-le",
    "utf-16-be",
    "utf-32",
    "utf-32-le",
    "utf-32-be",
}
_CHARSET_ALIASES = {"x-sjis": "shift_jis", "unicode-1-1-utf-7": "utf-7", "x-unknown": ""}


def _codec_name(charset: str | None) -> str | None:
    """The Python codec for a declared charset, or None when unknown/unsafe."""
    if not charset:
        return None
    label = charset.strip().strip("\"'").lower()[:40]
    label = _CHARSET_ALIASES.get(label, label)
    if not label:
        return None
    try:
        info = codecs.lookup(label)
    except (LookupError, ValueError):
        return None
    # bytes.decode refuses non-text codecs (base64, zlib...) anyway; be explicit.
    if not getattr(info, "_is_text_encoding", True):
        return None
    return info.name


def decode_bytes(data: bytes, charset: str | None) -> str:
    """Decode text whose declared charset may be missing, unknown or wrong.

    Valid UTF-8 wins over the declaration: mail labelled us-ascii or iso-8859-1
    but written in UTF-8 is common, and non-ASCII text in a legacy 8-bit charset
    is practically never valid UTF-8. Then the declared charset, then cp1252
    (a superset of latin-1 used by many "iso-8859-1" senders), then replacement.
    """
    codec = _codec_name(charset)
    if data.isascii() and codec not in _DECLARED_FIRST:
        return data.decode("ascii")
    if codec in _DECLARED_FIRST:
        candidates: tuple[str | None, ...] = (codec, "utf-8", "cp1252")
    else:
        candidates = ("utf-8", codec, "cp1252")
    for candidate in candidates:
        if candidate is None:
            continue
        try:
            return data.decode(candidate)
        except (UnicodeError, LookupError):  # UnicodeError: e.g. the "undefined" codec
            continue
    try:
        return data.decode(codec or "utf-8", errors="replace")
    except (UnicodeError, LookupError):
        return data.decode("utf-8", errors="replace")


# --------------------------------------------------------------------------- header values

_ENCODED_WORD = re.compile(r"=\?([^?\s]{1,60})\?([QqBb])\?([^?\s]*)\?=")
_CONTROL_CHARS = re.compile(
    "[\x00-\x08\x0e-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]"
)
_BODY_CONTROL_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_NOT_BASE64 = re.compile(rb"[^A-Za-z0-9+/]")


def _lenient_b64decode(data: bytes) -> bytes:
    """Base64 that tolerates junk characters, missing padding and truncation."""
    try:
        return binascii.a2b_base64(data)
    except binascii.Error:
        pass
    clean = _NOT_BASE64.sub(b"", data)
    clean = clean[: len(clean) - len(clean) % 4 if len(clean) % 4 == 1 else len(clean)]
    clean += b"=" * (-len(clean) % 4)
    try:
        return binascii.a2b_base64(clean)
    except binascii.Error:
        return b""


def _decode_word(encoding: str, payload: str) -> bytes:
    raw = payload.encode("utf-8", errors="replace")
    if encoding in "Bb":
        return _lenient_b64decode(raw)
    return binascii.a2b_qp(raw, header=True)


def decode_encoded_words(value: str) -> str:
    """Decode RFC 2047 encoded words; whitespace between adjacent words is dropped,
    and consecutive words in the same charset are decoded together (a multibyte
    character may be split across words)."""
    if "=?" not in value:
        return value
    out: list[str] = []
    pending = b""
    pending_charset = ""
    position = 0
    for match in _ENCODED_WORD.finditer(value):
        between = value[position : match.start()]
        if between and not (pending_charset and between.isspace()):
            if pending_charset:
                out.append(decode_bytes(pending, pending_charset))
                pending, pending_charset = b"", ""
            out.append(between)
        charset = match.group(1).split("*", 1)[0]  # RFC 2231 language suffix
        data = _decode_word(match.group(2), match.group(3))
        if pending_charset and charset.lower() != pending_charset.lower():
            out.append(decode_bytes(pending, pending_charset))
            pending = b""
        pending += data
        pending_charset = charset
        position = match.end()
    if pending_charset:
        out.append(decode_bytes(pending, pending_charset))
    out.append(value[position:])
    return "".join(out)


def _fold(value: str) -> str:
    """Remove control and bidi-override characters, collapse whitespace to single spaces.

    Runs after RFC 2047 decoding so encoded CR/LF cannot inject lines anywhere.
    """
    return " ".join(_CONTROL_CHARS.sub("", value).split())


def _header_text(raw: bytes) -> str:
    if raw.isascii():
        return raw.decode("ascii")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


# --------------------------------------------------------------------------- header block

# One header field: name, colon, value with its continuation lines (folded).
_HEADER_FIELD = re.compile(rb"([!-9;-~]{1,100})[ \t]*:([^\n]*(?:\n[ \t][^\n]*)*)\n?")
_UNFOLD = re.compile(rb"\n(?=[ \t])")
_TOP_HEADERS = frozenset(
    {
        b"message-id",
        b"in-reply-to",
        b"references",
        b"from",
        b"reply-to",
        b"to",
        b"cc",
        b"subject",
        b"date",
        b"list-id",
        b"auto-submitted",
        b"precedence",
        b"content-type",
        b"content-transfer-encoding",
        b"content-disposition",
    }
)
_PART_HEADERS = frozenset({b"content-type", b"content-transfer-encoding", b"content-disposition"})
_REPEATABLE = frozenset({b"to", b"cc", b"reply-to", b"references"})


@dataclass
class _Headers:
    values: dict[bytes, list[bytes]] = field(default_factory=dict)  # repeats for _REPEATABLE
    count: int = 0  # header fields recognised (wanted or not)
    body_start: int = 0
    truncated: bool = False

    def text(self, name: bytes) -> str | None:
        found = self.values.get(name)
        if found is None:
            return None
        return _header_text((b" " if name == b"references" else b", ").join(found))


def _parse_headers(data: bytes, start: int, wanted: frozenset[bytes]) -> _Headers:
    """Read the header block of ``data`` (newlines already normalised to LF) from ``start``.

    Tolerant like real MUAs: the block ends at the first blank line or at the first
    line that is neither a header nor a continuation, which then starts the body.
    Only ``wanted`` headers are kept; the first occurrence wins except for
    address lists and References, whose repeats are concatenated.
    """
    headers = _Headers()
    if data[start : start + 1] == b"\n":
        headers.body_start = start + 1
        return headers
    separator = data.find(b"\n\n", start)
    block_end = len(data) if separator < 0 else separator + 1
    headers.body_start = len(data) if separator < 0 else separator + 2
    if block_end - start > HEADER_CAP:
        # The field cut in two is kept, shortened: a capped Subject beats none at all.
        block_end = start + HEADER_CAP
        headers.truncated = True
    position = start
    match_field = _HEADER_FIELD.match
    values = headers.values
    while position < block_end:
        match = match_field(data, position, block_end)
        if match is None:
            # A line that is not a header ends the block: it is the first body line.
            # (Unless it is the field the cap cut in two: the body starts after the block.)
            if not headers.truncated:
                headers.body_start = position
            break
        headers.count += 1
        position = match.end()
        name = match.group(1).lower()
        if name not in wanted:
            continue
        value = _UNFOLD.sub(b"", match.group(2)).strip()
        if name not in values:
            values[name] = [value]
        elif name in _REPEATABLE:
            values[name].append(value)
    return headers


# --------------------------------------------------------------------------- ids, dates

_ANGLE_ID = re.compile(r"<([^<>\s]{1,998})>")


def _message_ids(value: str | None) -> list[str]:
    """Ids in angle brackets; failing that, bare "local@domain" tokens (seen in the wild)."""
    if not value:
        return []
    ids = [f"<{found}>" for found in _ANGLE_ID.findall(value)]
    if not ids and "@" in value:
        tokens = (token.strip('<>(),;"') for token in value.split())
        ids = [f"<{token}>" for token in tokens if "@" in token and len(token) <= _ID_CAP]
    return ids


def _first_id(value: str | None) -> str | None:
    ids = _message_ids(value)
    return ids[0] if ids else None


def _parse_date(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        parsed = parsedate_to_datetime(value)
    except Exception:  # invalid dates take many shapes: ValueError, TypeError, OverflowError
        return None
    if parsed.tzinfo is None:
        # "-0000" means UTC with the sender's zone unknown (RFC 5322 3.3).
        parsed = parsed.replace(tzinfo=UTC)
    return parsed


def _lower_or_none(value: str | None) -> str | None:
    folded = _fold(value or "").lower()
    return folded or None


# --------------------------------------------------------------------------- addresses

_SIMPLE_ADDR = r"[^<>\"(),;:@\s\\\[\]]+@[^<>\"(),;:@\s\\\[\]]+"
_BARE_ADDRESS = re.compile(rf"\s*({_SIMPLE_ADDR})\s*")
_NAMED_ADDRESS = re.compile(
    rf"\s*(?:\"((?:[^\"\\]|\\.)*)\"|([^<>\"(),;:@\\]*?))\s*<({_SIMPLE_ADDR})>\s*"
)


def _split_address_list(value: str, limit: int) -> list[str]:
    """Split at top-level commas (not inside quotes, comments or angle brackets).

    Group syntax ("Team: a@x, b@y;") is flattened. Stops after ``limit`` items,
    which bounds the cost of hostile 20,000-recipient headers.
    """
    if not any(char in value for char in '"(:;\\'):
        return value.split(",", limit)[:limit]
    items: list[str] = []
    current: list[str] = []
    quoted = escaped = False
    comment_depth = 0
    angle = False
    for char in value:
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif quoted:
            quoted = char != '"'
        elif char == '"':
            quoted = True
        elif char == "(":
            comment_depth += 1
        elif char == ")" and comment_depth:
            comment_depth -= 1
        elif comment_depth:
            pass
        elif char == "<":
            angle = True
        elif char == ">":
            angle = False
        elif not angle and char in ",;":
            items.append("".join(current))
            current = []
            if len(items) >= limit:
                return items
            continue
        elif not angle and char == ":" and "@" not in "".join(current):
            current = []  # a group's display name, not an address
            continue
        current.append(char)
    items.append("".join(current))
    return items[:limit]


def _merge_unquoted_commas(items: list[str]) -> list[str]:
    """Rejoin "Doe, Jane <jane@x>" that a sender forgot to quote."""
    merged: list[str] = []
    for item in items:
        if merged and "<" in item and "@" not in merged[-1] and "<" not in merged[-1]:
            merged[-1] = f"{merged[-1]},{item}"
        else:
            merged.append(item)
    return merged


_VALID_ADDR = re.compile(r"[^\s<>\"(),;\\]+@[^\s<>\"(),;\\@]+")
_MAX_ADDRESS_ITEM = 998  # one RFC 5322 line; longer items are hostile, not addresses


def _address(item: str) -> Address | None:
    if not item.strip():
        return None
    if len(item) > _MAX_ADDRESS_ITEM:
        return Address("", "")
    match = _NAMED_ADDRESS.fullmatch(item)
    if match:
        name = match.group(1) if match.group(1) is not None else match.group(2)
        return Address(_fold(decode_encoded_words(name.replace('\\"', '"'))), match.group(3))
    match = _BARE_ADDRESS.fullmatch(item)
    if match:
        return Address("", match.group(1))
    try:
        found = [pair for pair in getaddresses([item]) if any(pair)]
    except RecursionError:  # deeply nested (comments) recurse in the stdlib parser
        return Address("", "")
    if not found:
        return None
    if len(found) > 1:
        # One list item that parses as several addresses is ambiguous (CVE-2023-27043:
        # "alice@example.com<bob@evil.example>"). Trust neither: present but unusable.
        return Address("", "")
    name, addr = found[0]
    addr = _fold(addr).replace(" ", "")
    return Address(_fold(decode_encoded_words(name)), addr if _VALID_ADDR.fullmatch(addr) else "")


def _addresses(value: str | None) -> tuple[Address, ...]:
    if not value:
        return ()
    items = _merge_unquoted_commas(_split_address_list(value, MAX_ADDRESSES + 1))
    found = (_address(item) for item in items)
    return tuple(address for address in found if address is not None)[:MAX_ADDRESSES]


# --------------------------------------------------------------------------- MIME walk

_Piece = tuple[str, str]  # (kind, text): kind is "plain", "html" (raw markup) or "inline"


@dataclass
class _Walk:
    parts_left: int = MAX_PARTS
    text_left: int = BODY_CAP
    truncated: bool = False


@dataclass(frozen=True)
class _ContentType:
    full: str  # "text/plain"
    boundary: str | None
    charset: str | None

    @property
    def maintype(self) -> str:
        return self.full.partition("/")[0]


# The common shapes ("text/plain", "text/plain; charset=utf-8") skip the general parser.
_SIMPLE_CONTENT_TYPE = re.compile(
    r"\s*([a-z0-9.+-]+/[a-z0-9.+-]+)\s*(?:;\s*charset\s*=\s*\"?([a-z0-9_.:+-]+)\"?\s*)?;?\s*",
    re.IGNORECASE,
)


def _content_type(value: str | None) -> _ContentType:
    if not value:
        return _ContentType("text/plain", None, None)
    simple = _SIMPLE_CONTENT_TYPE.fullmatch(value)
    if simple:
        return _ContentType(simple.group(1).lower(), None, simple.group(2))
    holder = Message()
    holder["Content-Type"] = value
    try:
        boundary = holder.get_param("boundary")
        charset = holder.get_param("charset")
        full = holder.get_content_type()
    except Exception:  # a malformed parameter list must not lose the message
        return _ContentType("text/plain", None, None)
    if full == "text":  # "Content-Type: text" with no subtype
        full = "text/plain"
    return _ContentType(
        full,
        collapse_rfc2231_value(boundary)[:200] if boundary else None,
        collapse_rfc2231_value(charset) if charset else None,
    )


def _is_attachment(headers: _Headers) -> bool:
    disposition = headers.text(b"content-disposition") or ""
    return disposition.split(";", 1)[0].strip().lower() == "attachment"


def _split_multipart(body: bytes, boundary: str, state: _Walk) -> list[bytes] | None:
    """The parts between ``--boundary`` delimiter lines; None when no delimiter occurs.

    A missing closing delimiter ends the last part at the end of the body.
    """
    parts: list[bytes] = []
    previous_end: int | None = None
    for start, end, closing in _delimiter_lines(body, b"--" + boundary.encode("utf-8", "replace")):
        if previous_end is not None:
            parts.append(body[previous_end : max(previous_end, start - 1)])
            if len(parts) >= state.parts_left:
                state.truncated = True
                return parts
        if closing:  # the epilogue is ignored
            return parts
        previous_end = end + 1
    if previous_end is None:
        return None
    parts.append(body[previous_end:])
    return parts


def _delimiter_lines(body: bytes, marker: bytes) -> Iterator[tuple[int, int, bool]]:
    """(start, end of line, closing?) of every line that is ``marker``, optionally followed
    by "--", then only blanks and tabs. ``body`` has bare LF line ends.

    A plain search rather than a regular expression: every message has its own
    boundaries, and compiling a pattern per boundary cost more than the whole split.
    """
    at = body.find(marker)
    while at != -1:
        line_end = body.find(b"\n", at)
        if line_end == -1:
            line_end = len(body)
        if at == 0 or body[at - 1] == 0x0A:  # at the start of a line
            rest = body[at + len(marker) : line_end]
            closing = rest.startswith(b"--")
            if not (rest[2:] if closing else rest).strip(b" \t"):
                yield at, line_end, closing
        at = body.find(marker, at + 1)


def _transfer_decode(payload: bytes, encoding: str, state: _Walk, expansion: int) -> bytes:
    """Undo the transfer encoding, reading only as much as the text budget can use."""
    limit = state.text_left * expansion
    encoding = encoding.strip().lower()
    if encoding == "base64":
        window = limit * 4 // 3 + 4
        if len(payload) > window:
            state.truncated = True
        return _lenient_b64decode(payload[:window])
    if encoding == "quoted-printable":
        window = limit * 3
        if len(payload) > window:
            state.truncated = True
        return binascii.a2b_qp(payload[:window])
    if len(payload) > limit:
        state.truncated = True
    return payload[:limit]


def _text_of(headers: _Headers, ctype: _ContentType, body: bytes, state: _Walk) -> list[_Piece]:
    if state.text_left <= 0:
        state.truncated = True
        return []
    encoding = headers.text(b"content-transfer-encoding") or ""
    is_html = ctype.full == "text/html"
    data = _transfer_decode(body, encoding, state, 8 if is_html else 4)
    text = decode_bytes(data, ctype.charset)
    if is_html:
        # Rendering shrinks markup a lot; charge a quarter so many HTML parts stay bounded.
        state.text_left -= len(text) // 4
        return [("html", text)]
    if len(text) > state.text_left:
        text = text[: state.text_left]
        state.truncated = True
    state.text_left -= len(text)
    return [("plain", text)]


def _has_plain(pieces: list[_Piece]) -> bool:
    return any(kind == "plain" and text.strip() for kind, text in pieces)


def _choose_alternative(children: list[list[_Piece]]) -> list[_Piece]:
    """Prefer the first alternative with non-blank plain text, else the richest (last) one."""
    for pieces in children:
        if _has_plain(pieces):
            return pieces
    for pieces in reversed(children):
        if pieces:
            return pieces
    return []


def _forwarded_block(headers: _Headers, text: str) -> str:
    """Render an attached message (message/rfc822) the way mail clients show a forward,
    so the quote splitter handles it like an inline forward."""
    lines = ["---------- Forwarded message ---------"]
    for label, name in (
        ("From", b"from"),
        ("Date", b"date"),
        ("Subject", b"subject"),
        ("To", b"to"),
    ):
        value = headers.text(name)
        if value:
            lines.append(f"{label}: {_fold(decode_encoded_words(value))}")
    return "\n".join(lines) + "\n\n" + text


def _walk(headers: _Headers, body: bytes, depth: int, state: _Walk) -> list[_Piece]:
    state.parts_left -= 1
    ctype = _content_type(headers.text(b"content-type"))
    if ctype.maintype == "multipart":
        if depth >= MAX_DEPTH:
            state.truncated = True
            return []
        raw_parts = _split_multipart(body, ctype.boundary, state) if ctype.boundary else None
        if raw_parts is None:  # no usable boundary: read the body as plain text
            return _text_of(headers, _ContentType("text/plain", None, ctype.charset), body, state)
        children: list[list[_Piece]] = []
        for raw_part in raw_parts:
            if state.parts_left <= 0:
                state.truncated = True
                break
            if ctype.full == "multipart/report" and children:
                break  # the human-readable report comes first; the rest is machine data
            part_headers = _parse_headers(raw_part, 0, _PART_HEADERS)
            state.truncated |= part_headers.truncated
            children.append(
                _walk(part_headers, raw_part[part_headers.body_start :], depth + 1, state)
            )
        if ctype.full == "multipart/alternative":
            return _choose_alternative(children)
        return [piece for pieces in children for piece in pieces]
    if _is_attachment(headers):
        return []
    if ctype.full == "message/rfc822":
        if depth >= MAX_DEPTH:
            state.truncated = True
            return []
        inner = _parse_headers(body, 0, _TOP_HEADERS)
        state.truncated |= inner.truncated
        inner_text, _ = _select_body(_walk(inner, body[inner.body_start :], depth + 1, state))
        return [("inline", _forwarded_block(inner, inner_text))]
    if ctype.full in ("text/plain", "text/html"):
        return _text_of(headers, ctype, body, state)
    return []


HTML_MARKUP_CAP = 512 * 1024


def _select_body(pieces: list[_Piece]) -> tuple[str, bool]:
    """Join the chosen pieces: plain text when there is any, else rendered HTML."""
    if _has_plain(pieces):
        return "\n".join(text for kind, text in pieces if kind != "html"), False
    # Rendering cost grows with markup, not with the text it yields: a cap keeps
    # hostile HTML (2 MB of unclosed tags) well inside the per-message time budget.
    texts = [
        html_to_text(text[:HTML_MARKUP_CAP]) if kind == "html" else text for kind, text in pieces
    ]
    return "\n".join(texts), any(kind == "html" for kind, _ in pieces)


def _clean_body(text: str) -> str:
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _BODY_CONTROL_CHARS.sub("", text).strip()


# --------------------------------------------------------------------------- entry points

_FORWARD_SUBJECT = re.compile(r"^\s*(?:(?:re|aw)\s*:\s*)*(?:fwd?|fw)\s*:", re.IGNORECASE)


def _normalise(raw: bytes) -> bytes:
    """Drop NUL bytes and turn CRLF / bare CR line ends into LF."""
    data = raw.replace(b"\x00", b"") if b"\x00" in raw else raw
    if b"\r" in data:
        data = data.replace(b"\r\n", b"\n").replace(b"\r", b"\n")
    return data


# Bytes that never occur in real header blocks: C0 controls other than tab/LF/CR, and DEL.
_BINARY_BYTES = bytes([*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F])
_TEXT_BYTES = bytes(byte for byte in range(256) if byte not in _BINARY_BYTES)


def _looks_binary(header_block: bytes) -> bool:
    """More than 2% control bytes: random or binary data that happened to begin like a header."""
    controls = len(header_block.translate(None, _TEXT_BYTES))
    return controls * 50 > len(header_block)


def _header_start(data: bytes) -> int:
    """Skip a byte-order mark, leading blank lines and an mbox "From " envelope line."""
    start = 3 if data.startswith(b"\xef\xbb\xbf") else 0
    start += len(data) - start - len(data[start:].lstrip(b"\n"))
    if data.startswith(b"From ", start):
        newline = data.find(b"\n", start)
        start = len(data) if newline < 0 else newline + 1
    return start


def parse_message(raw: bytes) -> ParsedMessage | ParseFailure:
    """Parse one raw message. Pure and total: returns a ParseFailure instead of raising."""
    try:
        return _parse(raw)
    except Exception as error:  # a bug here must cost one message, not the mailbox
        return ParseFailure(f"internal parser error: {type(error).__name__}", len(raw))


def _parse(raw: bytes) -> ParsedMessage | ParseFailure:
    size = len(raw)
    if not raw.strip():
        return ParseFailure("empty message", size)
    headers_only = size > HEADERS_ONLY_ABOVE
    data = _normalise(raw[: HEADER_CAP * 2] if headers_only else raw)
    start = _header_start(data)
    headers = _parse_headers(data, start, _TOP_HEADERS)
    if headers.count == 0:
        return ParseFailure("no message headers found (not an RFC 822 message)", size)
    if _looks_binary(data[start : min(headers.body_start, start + 4096)]):
        return ParseFailure("binary data, not a mail message", size)
    state = _Walk(truncated=headers.truncated or headers_only)
    body, from_html = "", False
    if not headers_only:
        pieces = _walk(headers, data[headers.body_start :], 0, state)
        body, from_html = _select_body(pieces)
        body = _clean_body(body)
        if len(body) > BODY_CAP:
            body, state.truncated = body[:BODY_CAP], True
    subject = _fold(decode_encoded_words(headers.text(b"subject") or ""))
    own, quoted = strip_quoted(body, is_forward=bool(_FORWARD_SUBJECT.match(subject)))
    new_text, signature = split_signature(own)
    senders = _addresses(headers.text(b"from"))
    return ParsedMessage(
        message_id=_first_id(headers.text(b"message-id")),
        in_reply_to=_first_id(headers.text(b"in-reply-to")),
        references=tuple(_message_ids(headers.text(b"references"))[-MAX_REFERENCES:]),
        from_=senders[0] if senders else None,
        reply_to=_addresses(headers.text(b"reply-to")),
        to=_addresses(headers.text(b"to")),
        cc=_addresses(headers.text(b"cc")),
        subject=subject,
        date=_parse_date(headers.text(b"date")),
        list_id=_fold(decode_encoded_words(headers.text(b"list-id") or "")) or None,
        auto_submitted=_lower_or_none(headers.text(b"auto-submitted")),
        precedence=_lower_or_none(headers.text(b"precedence")),
        body=body,
        body_from_html=from_html,
        new_text=new_text,
        quoted=quoted,
        signature=signature,
        size=size,
        truncated=state.truncated,
    )


def message_identity(msg: ParsedMessage) -> str:
    """A stable key for de-duplication: the Message-ID, else a hash of sender, date, subject."""
    if msg.message_id:
        return msg.message_id
    sender = msg.from_.addr.lower() if msg.from_ else ""
    date = msg.date.isoformat() if msg.date else ""
    digest = hashlib.sha256(f"{sender}\n{date}\n{msg.subject}".encode()).hexdigest()
    return f"sha256:{digest}"


def multipart_boundary(header_block: bytes, *, top: bool) -> str | None:
    """The boundary ``parse_message`` would split the body under this header block with
    (a message's own header when ``top``, else a MIME part's); None unless the block
    declares a multipart with a boundary.

    For code that rebuilds a message from pieces and must cut it exactly where this
    parser will look (daemon/imap.py reads large messages without their attachments).
    """
    data = _normalise(header_block)
    start = _header_start(data) if top else 0
    headers = _parse_headers(data, start, _TOP_HEADERS if top else _PART_HEADERS)
    ctype = _content_type(headers.text(b"content-type"))
    return ctype.boundary if ctype.maintype == "multipart" else None
