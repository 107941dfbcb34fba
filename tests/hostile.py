"""Ten thousand malformed and adversarial messages, generated deterministically.

    from hostile import TOTAL, hostile_message, hostile_messages
    for message in hostile_messages():   # a stream: one message in memory at a time
        ...

Every message is a pure function of its index (``hostile_message(i)``): a run can
be split across processes (``hostile_messages(shard=0, shards=2)``) and any
failure reproduced from the index in its name. The multi-megabyte ones are built
only when their turn comes and dropped after.

Families, in index order:

* ``duplicate``: pairs that share an identity (the second must not be drafted again).
* ``giant``: 1,000-deep MIME and message/rfc822 nesting, 20,000 MIME parts,
  20,000 addresses, 10,000 encoded-words in a Subject, 10 MB lines in headers
  and bodies (plain, bare CR, NUL, base64, quoted-printable, HTML).
* ``charset``: unknown, hostile and lying charsets, in the body, in a Subject
  encoded-word and in a sender's name.
* ``nul``: NUL bytes in names, values, separators, boundaries and bodies.
* ``eol``: bare CR, bare LF and every mix of the two.
* ``message-id``: missing, empty, duplicated, huge or injected Message-IDs.
* ``address``: addresses of the CVE-2023-27043 kind, nested brackets, quoted
  local parts, in From, Reply-To and To.
* ``injection``: CR/LF/NUL/U+2028/U+0085 and friends in names, subjects,
  addresses and References, raw and RFC 2047 encoded, each followed by a header
  (``Bcc:``, ``To:``...) it tries to smuggle into the reply.
* ``mutation``: ordinary messages of the project's corpus (four in five of them
  rejections) rendered in several MIME layouts, then truncated, bit-flipped,
  boundary-corrupted, given duplicated headers and the like, so that many still
  read as rejections and get a draft.

Addresses in the domain ``SMUGGLED`` only ever appear where a correct reader must
not find a recipient; a draft addressed there is a failure.
"""

from __future__ import annotations

import base64
import functools
import html
import quopri
import random
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

from rejoinder.classifier.corpus.records import CorpusRecord, load_corpus

__all__ = [
    "BLOCK",
    "SMUGGLED",
    "TOTAL",
    "USER",
    "HostileMessage",
    "family_ranges",
    "hostile_message",
    "hostile_messages",
]

SEED = "rejoinder-hostile-1"
TOTAL = 10_000
# Shards take whole blocks of indices, so a duplicate and its original share a worker.
BLOCK = 100
USER = "sam.rivera@mailbox.example"  # the mailbox owner (tests/hostile_headers.py: USER)
SMUGGLED = "smuggled.example"
MB = 1024 * 1024

Header = tuple[bytes, bytes]


@dataclass(frozen=True)
class HostileMessage:
    index: int
    family: str
    name: str  # "00042-giant-mime-nesting-1000": unique, and names the index
    raw: bytes
    # The index of an earlier message with the same identity (same Message-ID, or the
    # same sender, date and subject without one), in the same block of BLOCK indices.
    same_identity_as: int | None = None


@dataclass(frozen=True)
class _Built:
    detail: str
    raw: bytes
    same_identity_as: int | None = None


# --------------------------------------------------------------------------- building blocks


def _rng(index: int, salt: str = "") -> random.Random:
    return random.Random(f"{SEED}:{index}:{salt}")  # str seeds are stable across runs


@functools.cache
def _records() -> tuple[tuple[CorpusRecord, ...], tuple[CorpusRecord, ...]]:
    """(rejections, everything else) from the project's own corpus."""
    records = load_corpus()
    rejections = tuple(r for r in records if r.label == "rejection" and not r.html_only)
    others = tuple(r for r in records if r.label != "rejection" and not r.html_only)
    return rejections, others


def _record(rng: random.Random, rejection: bool = True) -> CorpusRecord:
    rejections, others = _records()
    return rng.choice(rejections if rejection else others)


def _encode_word(text: str, charset: str = "UTF-8", kind: str = "B") -> str:
    try:
        data = text.encode(charset, "replace")
    except LookupError:  # a made-up charset label: the bytes are UTF-8 all the same
        data = text.encode()
    if kind == "B":
        return f"=?{charset}?B?{base64.b64encode(data).decode()}?="
    return f"=?{charset}?Q?{_q_payload(data)}?="


def _q_payload(data: bytes) -> str:
    return "".join(
        chr(b) if chr(b).isalnum() and b < 128 else "_" if b == 0x20 else f"={b:02X}" for b in data
    )


def _display(name: str, addr: str) -> bytes:
    """``Name <addr>`` as a careful sender writes it (encoded-word when not ASCII)."""
    if not name:
        return addr.encode()
    if not name.isascii():
        return f"{_encode_word(name)} <{addr}>".encode()
    if re.search(r'[(),.:;<>@\[\]\\"]', name):
        escaped = name.replace("\\", "\\\\").replace('"', '\\"')
        return f'"{escaped}" <{addr}>'.encode()
    return f"{name} <{addr}>".encode()


def _subject(text: str) -> bytes:
    return text.encode() if text.isascii() else _encode_word(text).encode()


def _date(rng: random.Random) -> bytes:
    start = datetime(2024, 1, 1, tzinfo=UTC)
    moment = start + timedelta(seconds=rng.randrange(2 * 365 * 86400))
    return format_datetime(moment).encode()


def _message_id(index: int, rng: random.Random, domain: str = "hostile.example") -> bytes:
    return f"<h{index:05d}.{rng.getrandbits(40):010x}@{domain}>".encode()


def _domain(record: CorpusRecord) -> str:
    return record.from_addr.rpartition("@")[2] or "corpus.example"


def _base_headers(index: int, rng: random.Random, record: CorpusRecord) -> list[Header]:
    return [
        (b"From", _display(record.from_name, record.from_addr)),
        (b"To", f"Sam Rivera <{USER}>".encode()),
        (b"Subject", _subject(record.subject)),
        (b"Date", _date(rng)),
        (b"Message-ID", _message_id(index, rng, _domain(record))),
        (b"MIME-Version", b"1.0"),
    ]


def _plain(text: str, charset: str = "utf-8") -> tuple[list[Header], bytes]:
    return [
        (b"Content-Type", f"text/plain; charset={charset}".encode()),
        (b"Content-Transfer-Encoding", b"8bit"),
    ], text.encode(charset, "replace")


def _join(headers: list[Header], body: bytes, eol: bytes = b"\r\n") -> bytes:
    """Header lines, a blank line, the body; every line end made ``eol``."""
    head = b"".join(name + b": " + value + b"\n" for name, value in headers)
    message = head + b"\n" + body
    message = message.replace(b"\r\n", b"\n")
    return message if eol == b"\n" else message.replace(b"\n", eol)


def _ordinary(
    index: int, rng: random.Random, record: CorpusRecord | None = None
) -> tuple[list[Header], str]:
    """Top-level headers (without Content-*) and the plain text of a corpus message."""
    record = record or _record(rng)
    return _base_headers(index, rng, record), record.body


def _rejection(index: int, rng: random.Random, record: CorpusRecord | None = None) -> bytes:
    headers, text = _ordinary(index, rng, record)
    content, body = _plain(text)
    return _join(headers + content, body)


def _with_header(headers: list[Header], name: bytes, value: bytes) -> list[Header]:
    """Replace the first header called ``name`` (or add it)."""
    result = list(headers)
    for i, (existing, _) in enumerate(result):
        if existing.lower() == name.lower():
            result[i] = (name, value)
            return result
    return [*result, (name, value)]


def _without(headers: list[Header], name: bytes) -> list[Header]:
    return [(n, v) for n, v in headers if n.lower() != name.lower()]


# --------------------------------------------------------------------------- giants


def _nest_multipart(inner: bytes, depth: int) -> bytes:
    """``inner`` (a MIME entity: headers, blank line, body) inside ``depth`` multiparts."""
    openings, closings = [], []
    for level in range(depth):
        boundary = b"nest%d" % level
        openings.append(
            b'Content-Type: multipart/mixed; boundary="' + boundary + b'"\r\n\r\n'
            b"--" + boundary + b"\r\n"
        )
        closings.append(b"\r\n--" + boundary + b"--\r\n")
    return b"".join(openings) + inner + b"".join(reversed(closings))


def _text_part(text: str) -> bytes:
    return b"Content-Type: text/plain; charset=utf-8\r\n\r\n" + text.encode() + b"\r\n"


def _head(index: int, rng: random.Random, record: CorpusRecord) -> bytes:
    return b"".join(n + b": " + v + b"\r\n" for n, v in _base_headers(index, rng, record))


def _giant_nesting(index: int, rng: random.Random) -> bytes:
    record = _record(rng)
    return _head(index, rng, record) + _nest_multipart(_text_part(record.body), 1000)


def _giant_nesting_text_first(index: int, rng: random.Random) -> bytes:
    record = _record(rng)
    deep = _nest_multipart(_text_part("deep inside"), 1000)
    body = b"--top\r\n" + _text_part(record.body) + b"--top\r\n" + deep + b"--top--\r\n"
    top = b'Content-Type: multipart/mixed; boundary="top"\r\n\r\n'
    return _head(index, rng, record) + top + body


def _giant_rfc822_nesting(index: int, rng: random.Random) -> bytes:
    record = _record(rng)
    wrapper = b"Content-Type: message/rfc822\r\nFrom: wrap@forward.example\r\n\r\n"
    inner = b"From: inner@forward.example\r\nSubject: innermost\r\n\r\n" + record.body.encode()
    return _head(index, rng, record) + wrapper * 1000 + inner


def _giant_parts(text_first: bool) -> Callable[[int, random.Random], bytes]:
    def build(index: int, rng: random.Random) -> bytes:
        record = _record(rng)
        filler = b"".join(
            b"--P\r\nContent-Type: text/plain\r\n\r\npart %d\r\n" % n for n in range(20_000)
        )
        text = b"--P\r\n" + _text_part(record.body)
        parts = text + filler if text_first else filler + text
        top = b"Content-Type: multipart/mixed; boundary=P\r\n\r\n"
        return _head(index, rng, record) + top + parts + b"--P--\r\n"

    return build


def _giant_addresses(header: bytes) -> Callable[[int, random.Random], bytes]:
    def build(index: int, rng: random.Random) -> bytes:
        headers, text = _ordinary(index, rng)
        many = b", ".join(b"Person %d <p%d@list.example>" % (n, n) for n in range(20_000))
        if header == b"To":
            many = f"Sam Rivera <{USER}>, ".encode() + many
        content, body = _plain(text)
        return _join(_with_header(headers, header, many) + content, body)

    return build


def _giant_encoded_subject(injected: bool) -> Callable[[int, random.Random], bytes]:
    def build(index: int, rng: random.Random) -> bytes:
        headers, text = _ordinary(index, rng)
        if injected:
            words = [
                _encode_word(f"\r\nBcc: v{n}@{SMUGGLED}", kind="QB"[n % 2]) for n in range(10_000)
            ]
        else:
            piece = ("Your application", "– an update", "regarding your candidacy")
            words = [_encode_word(piece[n % 3], kind="QB"[n % 2]) for n in range(10_000)]
        content, body = _plain(text)
        subject = " ".join(words).encode()
        return _join(_with_header(headers, b"Subject", subject) + content, body)

    return build


def _giant_body(
    tail: Callable[[], bytes], cte: bytes = b"8bit"
) -> Callable[[int, random.Random], bytes]:
    def build(index: int, rng: random.Random) -> bytes:
        headers, text = _ordinary(index, rng)
        content = [
            (b"Content-Type", b"text/plain; charset=utf-8"),
            (b"Content-Transfer-Encoding", cte),
        ]
        head = _join(headers + content, b"")
        return head + text.replace("\n", "\r\n").encode() + tail()

    return build


def _giant_base64_line(index: int, rng: random.Random) -> bytes:
    headers, text = _ordinary(index, rng)
    payload = (text + "\n") * (8 * MB // (len(text) + 1))
    content = [
        (b"Content-Type", b"text/plain; charset=utf-8"),
        (b"Content-Transfer-Encoding", b"base64"),
    ]
    return _join(headers + content, b"") + base64.b64encode(payload.encode()) + b"\r\n"


def _giant_header_line(name: bytes) -> Callable[[int, random.Random], bytes]:
    def build(index: int, rng: random.Random) -> bytes:
        headers, text = _ordinary(index, rng)
        value = b"Your application " + b"x" * (10 * MB)
        content, body = _plain(text)
        return _join(_with_header(headers, name, value) + content, body)

    return build


def _giant_references(index: int, rng: random.Random) -> bytes:
    headers, text = _ordinary(index, rng)
    refs = b" ".join(b"<r%d@thread.example>" % n for n in range(20_000))
    content, body = _plain(text)
    return _join(
        [*headers, (b"References", refs), (b"In-Reply-To", b"<r19999@thread.example>"), *content],
        body,
    )


def _giant_header_count(index: int, rng: random.Random) -> bytes:
    headers, text = _ordinary(index, rng)
    pad = [(b"X-Pad-%d" % n, b"value") for n in range(100_000)]
    content, body = _plain(text)
    return _join(headers + content + pad, body)


def _giant_empty_parts(index: int, rng: random.Random) -> bytes:
    headers, text = _ordinary(index, rng)
    top = [(b"Content-Type", b"multipart/alternative; boundary=E")]
    parts = b"--E\r\n" * 20_000 + b"--E\r\n" + _text_part(text) + b"--E--\r\n"
    return _join(headers + top, b"") + parts


def _giant_encoded_word(index: int, rng: random.Random) -> bytes:
    headers, text = _ordinary(index, rng)
    word = b"=?UTF-8?B?" + base64.b64encode(b"Your application " * (MB // 2)) + b"?="
    content, body = _plain(text)
    return _join(_with_header(headers, b"Subject", word) + content, body)


def _giant_from(value: Callable[[], bytes]) -> Callable[[int, random.Random], bytes]:
    def build(index: int, rng: random.Random) -> bytes:
        headers, text = _ordinary(index, rng)
        content, body = _plain(text)
        return _join(_with_header(headers, b"From", value()) + content, body)

    return build


def _giant_html(index: int, rng: random.Random) -> bytes:
    headers, text = _ordinary(index, rng)
    markup = "<p>" + html.escape(text).replace("\n", "<br>") + "</p>"
    body = markup.encode() + b"<div>" * (2 * MB)
    content = [(b"Content-Type", b"text/html; charset=utf-8")]
    return _join(headers + content, b"") + body


GIANTS: tuple[tuple[str, Callable[[int, random.Random], bytes]], ...] = (
    ("mime-nesting-1000", _giant_nesting),
    ("mime-nesting-1000-text-first", _giant_nesting_text_first),
    ("rfc822-nesting-1000", _giant_rfc822_nesting),
    ("mime-parts-20000-text-first", _giant_parts(text_first=True)),
    ("mime-parts-20000-text-last", _giant_parts(text_first=False)),
    ("mime-empty-parts-20000", _giant_empty_parts),
    ("to-20000-addresses", _giant_addresses(b"To")),
    ("cc-20000-addresses", _giant_addresses(b"Cc")),
    ("reply-to-20000-addresses", _giant_addresses(b"Reply-To")),
    ("from-20000-addresses", _giant_addresses(b"From")),
    ("subject-10000-encoded-words", _giant_encoded_subject(injected=False)),
    ("subject-10000-encoded-words-crlf-bcc", _giant_encoded_subject(injected=True)),
    ("subject-one-encoded-word-of-8mb", _giant_encoded_word),
    ("body-line-10mb", _giant_body(lambda: b"x" * (10 * MB) + b"\r\n")),
    ("body-10mb-bare-cr-lf-mix", _giant_body(lambda: b"a\rb\nc\r\n\n\r" * (10 * MB // 9))),
    ("body-10mb-nul", _giant_body(lambda: b"\x00" * (10 * MB))),
    (
        "body-qp-10mb-soft-breaks",
        _giant_body(lambda: b"=\r\n" * (10 * MB // 3), b"quoted-printable"),
    ),
    ("body-base64-one-line-10mb", _giant_base64_line),
    ("body-html-2m-unclosed-divs", _giant_html),
    ("subject-line-10mb", _giant_header_line(b"Subject")),
    ("x-header-line-10mb", _giant_header_line(b"X-Padding")),
    ("references-20000-ids", _giant_references),
    ("headers-100000-lines", _giant_header_count),
    ("from-100000-open-comments", _giant_from(lambda: b"(" * 100_000 + b"a@giant.example")),
    (
        "from-10000-nested-brackets",
        _giant_from(lambda: b"<" * 10_000 + b"a@giant.example" + b">" * 10_000),
    ),
)


def _giant(k: int, index: int, rng: random.Random) -> _Built:
    name, build = GIANTS[k]
    return _Built(name, build(index, rng))


# --------------------------------------------------------------------------- charsets

CHARSETS: tuple[str, ...] = (
    "x-nonexistent", "utf-9", "klingon", "", " ", "utf-8\x00", "utf-8;", "utf-8'en'",
    "../../../etc/passwd", "c" * 300, "*", "=?utf-8?", "UTF-8 ", "utf8mb4",
    # Python codecs that are not text encodings, or decode escapes into control characters
    "rot13", "zlib", "base64", "hex", "bz2", "uu", "quopri", "undefined", "unicode_escape",
    "raw_unicode_escape", "idna", "punycode", "charmap", "mbcs", "oem",
    # real charsets, mostly lying about the bytes that follow
    "us-ascii", "utf-7", "unicode-1-1-utf-7", "utf-16", "utf-16-le", "utf-32", "cp037",
    "cp1026", "iso-2022-jp", "hz", "big5", "gb18030", "shift_jis", "euc-kr", "koi8-r",
    "mac-roman", "tis-620", "x-user-defined", "iso-8859-1", "windows-1252",
)  # fmt: skip
ACTUAL: tuple[str, ...] = ("utf-8", "latin-1", "cp1252", "utf-16-le", "8bit-noise")
# What a decoder honouring "unicode_escape" would turn into a line break and a Bcc.
_ESCAPES = " \\r\\nBcc: victim@" + SMUGGLED + " \\x00\\u2028"
_PLACES = ("body", "subject", "from-name")


def _encoded(text: str, actual: str, rng: random.Random) -> bytes:
    if actual == "8bit-noise":
        data = bytearray(text.encode())
        for _ in range(max(1, len(data) // 40)):
            data[rng.randrange(len(data))] = rng.randrange(0x80, 0x100)
        return bytes(data)
    return text.encode(actual, "replace")


def _charset(k: int, index: int, rng: random.Random) -> _Built:
    place = _PLACES[k % len(_PLACES)]
    actual = ACTUAL[k // len(_PLACES) % len(ACTUAL)]
    label = CHARSETS[k // (len(_PLACES) * len(ACTUAL)) % len(CHARSETS)]
    headers, text = _ordinary(index, rng)
    label_bytes = label.encode("latin-1")
    content = [(b"Content-Type", b'text/plain; charset="' + label_bytes + b'"')]
    body = _encoded(text, "utf-8", rng)
    if place == "body":
        body = _encoded(text + _ESCAPES + "\n", actual, rng)
    elif place == "subject":
        data = _encoded("Your application – café" + _ESCAPES, actual, rng)
        word = b"=?" + label_bytes + b"?Q?" + _q_payload(data).encode() + b"?="
        headers = _with_header(headers, b"Subject", word)
        content = [(b"Content-Type", b"text/plain; charset=utf-8")]
    else:
        data = _encoded("Zoë Ångström" + _ESCAPES, actual, rng)
        word = b"=?" + label_bytes + b"?B?" + base64.b64encode(data) + b"?="
        headers = _with_header(headers, b"From", word + b" <zoe@recruiting.example>")
        content = [(b"Content-Type", b"text/plain; charset=utf-8")]
    detail = f"{place}-{actual}-{_label_name(label)}"
    return _Built(detail, _join(headers + content, body))


def _label_name(label: str) -> str:
    cleaned = re.sub(r"[^a-z0-9]+", "_", label.lower()).strip("_")[:20]
    return cleaned or "blank"


# --------------------------------------------------------------------------- NUL bytes

_NUL_PLACES: tuple[str, ...] = (
    "header-name", "subject", "from-name", "from-addr", "message-id", "between-headers",
    "separator", "body-start", "body-every-10th", "boundary-param", "charset", "leading",
    "trailing", "run-64k-in-body", "run-64k-in-headers", "every-byte",
)  # fmt: skip


def _nul(k: int, index: int, rng: random.Random) -> _Built:
    place = _NUL_PLACES[k % len(_NUL_PLACES)]
    record = _record(rng)
    headers, text = _ordinary(index, rng, record)
    content, body = _plain(text)
    if place == "header-name":
        headers = [(b"Sub\x00ject", v) if n == b"Subject" else (n, v) for n, v in headers]
    elif place == "subject":
        headers = _with_header(
            headers, b"Subject", b"Your app\x00lication\x00Bcc: v@" + SMUGGLED.encode()
        )
    elif place == "from-name":
        headers = _with_header(headers, b"From", b"Dana\x00 Reyes <dana@recruiting.example>")
    elif place == "from-addr":
        headers = _with_header(headers, b"From", b"Dana <dana\x00@recruiting.example>")
    elif place == "message-id":
        headers = _with_header(headers, b"Message-ID", b"<abc\x00%d@hostile.example>" % index)
    elif place == "between-headers":
        headers = [(n, v + b"\r\n\x00") for n, v in headers]
    elif place == "charset":
        content = [(b"Content-Type", b"text/plain; charset=utf\x00-8")]
    elif place == "boundary-param":
        content = [(b"Content-Type", b'multipart/alternative; boundary="b\x00nd"')]
        body = b"--b\x00nd\r\n" + _text_part(text) + b"--b\x00nd--\r\n"
    elif place == "body-start":
        body = b"\x00" + body
    elif place == "body-every-10th":
        body = b"".join(body[i : i + 10] + b"\x00" for i in range(0, len(body), 10))
    elif place == "run-64k-in-body":
        body = body[: len(body) // 2] + b"\x00" * 65536 + body[len(body) // 2 :]
    elif place == "run-64k-in-headers":
        headers = [*headers, (b"X-Nul", b"\x00" * 65536)]
    raw = _join(headers + content, body)
    if place == "separator":
        raw = raw.replace(b"\r\n\r\n", b"\r\n\x00\r\n", 1)
    elif place == "leading":
        raw = b"\x00\x00\x00" + raw
    elif place == "trailing":
        raw = raw + b"\x00" * 1000
    elif place == "every-byte":
        raw = b"\x00".join(raw[i : i + 1] for i in range(len(raw)))
    return _Built(place, raw)


# --------------------------------------------------------------------------- line ends


def _mixed_lines(raw: bytes, rng: random.Random, ends: tuple[bytes, ...]) -> bytes:
    lines = raw.split(b"\r\n")
    return b"".join(line + rng.choice(ends) for line in lines[:-1]) + lines[-1]


_EOL_STYLES: tuple[tuple[str, Callable[[bytes, random.Random], bytes]], ...] = (
    ("lf", lambda raw, rng: raw.replace(b"\r\n", b"\n")),
    ("cr", lambda raw, rng: raw.replace(b"\r\n", b"\r")),
    ("lfcr", lambda raw, rng: raw.replace(b"\r\n", b"\n\r")),
    ("crcrlf", lambda raw, rng: raw.replace(b"\r\n", b"\r\r\n")),
    ("random-per-line", lambda raw, rng: _mixed_lines(raw, rng, (b"\r\n", b"\n", b"\r"))),
    ("random-with-lfcr", lambda raw, rng: _mixed_lines(raw, rng, (b"\r\n", b"\n\r", b"\r", b"\n"))),
    ("headers-crlf-body-lf", lambda raw, rng: _split_apply(raw, lambda b: b.replace(b"\r\n", b"\n"))),
    ("headers-lf-body-cr", lambda raw, rng: _split_apply(raw, lambda b: b.replace(b"\r\n", b"\r"), lambda h: h.replace(b"\r\n", b"\n"))),
    ("separator-cr-only", lambda raw, rng: raw.replace(b"\r\n\r\n", b"\r\n\r", 1)),
    ("separator-lf-cr-lf", lambda raw, rng: raw.replace(b"\r\n\r\n", b"\n\r\n", 1)),
    ("headers-cr-body-crlf", lambda raw, rng: _split_apply(raw, lambda b: b, lambda h: h.replace(b"\r\n", b"\r"))),
    ("bare-cr-inside-lines", lambda raw, rng: raw.replace(b" ", b"\r", 5)),
    ("bare-lf-inside-header-values", lambda raw, rng: raw.replace(b": ", b":\n ", 3)),
    ("vertical-tab-form-feed", lambda raw, rng: _mixed_lines(raw, rng, (b"\r\n", b"\x0b", b"\x0c\r\n"))),
    ("unicode-line-separators", lambda raw, rng: _split_apply(raw, lambda b: b.replace(b"\r\n", "\u2028".encode()))),
    ("doubled", lambda raw, rng: raw.replace(b"\r\n", b"\r\n\r\n")),
)  # fmt: skip


def _split_apply(
    raw: bytes, body_fn: Callable[[bytes], bytes], head_fn: Callable[[bytes], bytes] | None = None
) -> bytes:
    head, separator, body = raw.partition(b"\r\n\r\n")
    new_head = head_fn(head + separator) if head_fn else head + separator
    return new_head + body_fn(body)


def _eol(k: int, index: int, rng: random.Random) -> _Built:
    name, style = _EOL_STYLES[k % len(_EOL_STYLES)]
    return _Built(name, style(_rejection(index, rng), rng))


# --------------------------------------------------------------------------- Message-IDs

_IDS: tuple[tuple[str, bytes | None], ...] = (
    ("missing", None),
    ("empty", b""),
    ("blank", b"   "),
    ("angle-empty", b"<>"),
    ("bare", b"bare-%d@hostile.example"),
    ("space-inside", b"<a b-%d@hostile.example>"),
    ("two-in-one", b"<one-%d@hostile.example> <two@hostile.example>"),
    ("unclosed", b"<unclosed-%d@hostile.example"),
    ("nested", b"<<nested-%d@hostile.example>>"),
    ("line-999", b"<" + b"i" * 990 + b"-%d@x>"),
    ("line-100k", b"<" + b"i" * 100_000 + b"-%d@x>"),
    ("encoded-word", b"<=?UTF-8?Q?=0D=0ABcc:_v=40smuggled.example?=-%d@x>"),
    ("crlf-bcc", b"<crlf-%d@hostile.example>\r\nBcc: victim@" + SMUGGLED.encode()),
    ("lf-to", b"<lf-%d@hostile.example>\nTo: victim@" + SMUGGLED.encode()),
    ("nul", b"<nul\x00-%d@hostile.example>"),
    ("u2028", "<ls\u2028-%d@hostile.example>".encode()),
    ("nel-latin1", b"<nel\x85-%d@hostile.example>"),
    ("comment", b"(comment) <comment-%d@hostile.example> (more)"),
    ("quoted-local", b'<"quoted local"-%d@hostile.example>'),
    ("folded", b"\r\n <folded-%d@hostile.example>"),
    ("no-domain", b"<nodomain-%d>"),
    ("at-only", b"<@>"),
    ("8bit", "<caf\u00e9-%d@h\u00f4te.example>".encode()),
    ("garbage", b"<<<>>> <> >< %d"),
)


def _message_id_case(k: int, index: int, rng: random.Random) -> _Built:
    name, value = _IDS[k % len(_IDS)]
    headers, text = _ordinary(index, rng)
    headers = _without(headers, b"Message-ID")
    if value is not None:
        headers.append((b"Message-ID", value.replace(b"%d", b"%d" % index)))
    if k // len(_IDS) % 2:  # every other round: a second, different Message-ID header
        headers.append((b"Message-ID", b"<second-%d@hostile.example>" % index))
        name += "+duplicate-header"
    elif k // len(_IDS) % 4 == 2:
        headers = [(b"message-id" if n == b"Message-ID" else n, v) for n, v in headers]
        name += "+lowercase-name"
    content, body = _plain(text)
    return _Built(name, _join(headers + content, body))


# --------------------------------------------------------------------------- duplicates

_DUPLICATE_KINDS = (
    "same-message-id",
    "same-message-id-other-body",
    "no-id-same-sender-date-subject",
)


def _duplicate(k: int, index: int, rng: random.Random) -> _Built:
    """Pairs: an even k is the first of a pair, k + 1 repeats its identity. The family
    starts at index 0, so a pair never straddles two blocks."""
    pair, second = divmod(k, 2)
    kind = _DUPLICATE_KINDS[pair % len(_DUPLICATE_KINDS)]
    first_index = index - second
    shared = _rng(first_index, "duplicate")  # the same for both messages of the pair
    headers, text = _ordinary(first_index, shared)
    if kind == "no-id-same-sender-date-subject":
        headers = _without(headers, b"Message-ID")
    if second and kind != "same-message-id":
        headers = [*headers, (b"X-Second", b"yes")]
        text = _record(rng).body  # another rejection's text under the same identity
    content, body = _plain(text)
    raw = _join(headers + content, body)
    return _Built(f"{kind}-{'second' if second else 'first'}", raw, first_index if second else None)


# --------------------------------------------------------------------------- addresses

# (name, value, smuggled): ``SMUGGLED`` marks the address a correct reader must never
# pick as a recipient; legitimate readings use other domains.
_ADDRESSES: tuple[str, ...] = (
    f"alice@northwind.example<bob@{SMUGGLED}>",
    f"alice@northwind.example)<bob@{SMUGGLED}>",
    f"alice@northwind.example\\<bob@{SMUGGLED}>",
    f'"alice@{SMUGGLED}"@northwind.example',
    '"a@b"@c',
    f'"alice@{SMUGGLED}"@northwind',
    f"Alice <alice@northwind.example <bob@{SMUGGLED}>>",
    f"alice@northwind.example <<bob@{SMUGGLED}>>",
    f"Alice <alice@northwind.example>bob@{SMUGGLED}",
    f"Alice <alice@northwind.example>>bob@{SMUGGLED}",
    "Alice <<alice@northwind.example>>",
    "<<<alice@northwind.example>>>",
    f"alice@[northwind.example]<bob@{SMUGGLED}>",
    f"alice@northwind.example@{SMUGGLED}",
    f'"Alice\\" <bob@{SMUGGLED}>" <alice@northwind.example>',
    f"Alice (comment <bob@{SMUGGLED}>) <alice@northwind.example>",
    f"Alice <alice@northwind.example> (<bob@{SMUGGLED}>)",
    f"=?UTF-8?Q?bob=40{SMUGGLED}?= <alice@northwind.example>",
    f"=?UTF-8?Q?Alice_<bob=40{SMUGGLED}>?= <alice@northwind.example>",
    f"alice@northwind.example <bob@{SMUGGLED}",
    "Team: alice@northwind.example; <bob@group-tail.example>",  # either reading is fair
    f"alice@northwind.example\r\n <bob@{SMUGGLED}>",
    f"alice@northwind.example (\r\nBcc: bob@{SMUGGLED})",
    "<alice@northwind.example>,<bob@northwind.example>,<carol@northwind.example>,<dan@northwind.example>",
    f'"Doe, Jane" <jane@northwind.example>, "x\\"<bob@{SMUGGLED}>" <joe@northwind.example>',
    f"alice@northwind.example\x00<bob@{SMUGGLED}>",
    f"alice@northwind.example\u2028<bob@{SMUGGLED}>",
    f"=?UTF-8?B?{base64.b64encode(f'alice@northwind.example<bob@{SMUGGLED}>'.encode()).decode()}?=",
)
_ADDRESS_PLACES = ("from", "reply-to", "from-and-reply-to", "to", "reply-to-second-header")


def _address(k: int, index: int, rng: random.Random) -> _Built:
    place = _ADDRESS_PLACES[k % len(_ADDRESS_PLACES)]
    value = _ADDRESSES[k // len(_ADDRESS_PLACES) % len(_ADDRESSES)].encode()
    headers, text = _ordinary(index, rng)
    if place in ("from", "from-and-reply-to"):
        headers = _with_header(headers, b"From", value)
    if place in ("reply-to", "from-and-reply-to"):
        headers = _with_header(headers, b"Reply-To", value)
    if place == "to":
        headers = _with_header(headers, b"To", value + f", {USER}".encode())
    if place == "reply-to-second-header":
        headers = [
            *headers,
            (b"Reply-To", b"Recruiting <jobs@northwind.example>"),
            (b"Reply-To", value),
        ]
    content, body = _plain(text)
    number = k // len(_ADDRESS_PLACES) % len(_ADDRESSES)
    return _Built(f"{place}-{number}", _join(headers + content, body))


# --------------------------------------------------------------------------- injection

_SEPARATORS: tuple[tuple[str, str], ...] = (
    ("crlf", "\r\n"), ("lf", "\n"), ("cr", "\r"), ("nul", "\x00"), ("u2028", "\u2028"),
    ("u2029", "\u2029"), ("nel", "\u0085"), ("vt", "\x0b"), ("ff", "\x0c"),
    ("crlf-fold", "\r\n\t"), ("esc", "\x1b"), ("bidi", "\u202e"), ("crlfcrlf", "\r\n\r\n"),
)  # fmt: skip
_PAYLOADS: tuple[str, ...] = (
    f"Bcc: victim@{SMUGGLED}",
    f"To: victim@{SMUGGLED}",
    f"Cc: victim@{SMUGGLED}",
    "Content-Type: text/html",
)
_ENCODINGS = (
    "raw-utf8", "raw-latin1", "q", "b", "q-split", "q-adjacent", "q-lower", "latin1-q", "double",
)  # fmt: skip
_FIELDS = ("from-name", "reply-to-name", "subject", "references", "from-local-part")


def _inject_value(before: str, separator: str, payload: str, encoding: str) -> bytes:
    """``before + separator + payload``, written the way ``encoding`` names."""
    text = before + separator + payload
    if encoding == "raw-utf8":
        return text.encode()
    if encoding == "raw-latin1":
        return text.encode("latin-1", "replace")
    if encoding == "q":
        return _encode_word(text, kind="Q").encode()
    if encoding == "b":
        return _encode_word(text, kind="B").encode()
    if encoding == "q-split":
        return f"{_encode_word(before + separator, kind='Q')} {_encode_word(payload, kind='Q')}".encode()
    if encoding == "q-adjacent":  # "=?UTF-8?Q?Dana=0D=0A?=Bcc: victim@..."
        return (_encode_word(before + separator, kind="Q") + payload).encode()
    if encoding == "q-lower":
        return _encode_word(text, kind="Q").replace("=?UTF-8?Q?", "=?utf-8?q?").encode()
    if encoding == "latin1-q":
        data = text.encode("latin-1", "replace")
        return f"=?iso-8859-1?Q?{_q_payload(data)}?=".encode()
    return _encode_word(_encode_word(text, kind="Q"), kind="B").encode()  # "double"


def _injection(k: int, index: int, rng: random.Random) -> _Built:
    sizes = (len(_FIELDS), len(_PAYLOADS), len(_ENCODINGS), len(_SEPARATORS))
    field_n, rest = k % sizes[0], k // sizes[0]
    payload_n, rest = rest % sizes[1], rest // sizes[1]
    encoding_n, rest = rest % sizes[2], rest // sizes[2]
    separator_name, separator = _SEPARATORS[rest % sizes[3]]
    field, payload, encoding = _FIELDS[field_n], _PAYLOADS[payload_n], _ENCODINGS[encoding_n]
    record = _record(rng)
    headers, text = _ordinary(index, rng, record)
    if field == "from-name":
        value = _inject_value("Dana Reyes", separator, payload, encoding)
        headers = _with_header(headers, b"From", value + b" <dana.reyes@recruiting.example>")
    elif field == "reply-to-name":
        value = _inject_value("Dana Reyes", separator, payload, encoding)
        headers = _with_header(headers, b"Reply-To", value + b" <jobs@recruiting.example>")
    elif field == "subject":
        headers = _with_header(
            headers, b"Subject", _inject_value(record.subject, separator, payload, encoding)
        )
    elif field == "references":
        value = _inject_value(f"<ref-{index}@thread.example>", separator, payload, encoding)
        headers = [*headers, (b"References", b"<first@thread.example> " + value)]
    else:
        local = _inject_value("dana", separator, payload, encoding).replace(b" ", b"_")
        headers = _with_header(headers, b"From", b"Dana Reyes <" + local + b"@recruiting.example>")
    content, body = _plain(text)
    detail = f"{field}-{separator_name}-{encoding}-{payload.split(':')[0].lower()}"
    return _Built(detail, _join(headers + content, body))


# --------------------------------------------------------------------------- mutations


def _layout(index: int, rng: random.Random, record: CorpusRecord) -> tuple[str, bytes]:
    headers = _base_headers(index, rng, record)
    text = record.body
    layout = rng.choice(
        ("plain", "plain", "qp", "base64", "latin1", "alternative", "html", "mixed")
    )
    boundary = f"=_b{index}_{rng.getrandbits(32):08x}".encode()
    if layout == "plain":
        content, body = _plain(text)
    elif layout == "latin1":
        content, body = _plain(text, "iso-8859-1")
    elif layout == "qp":
        content = [
            (b"Content-Type", b"text/plain; charset=utf-8"),
            (b"Content-Transfer-Encoding", b"quoted-printable"),
        ]
        body = quopri.encodestring(text.encode())
    elif layout == "base64":
        content = [
            (b"Content-Type", b"text/plain; charset=utf-8"),
            (b"Content-Transfer-Encoding", b"base64"),
        ]
        body = base64.encodebytes(text.encode())
    elif layout == "html":
        content = [(b"Content-Type", b"text/html; charset=utf-8")]
        body = _html(record).encode()
    else:
        subtype = b"alternative" if layout == "alternative" else b"mixed"
        content = [(b"Content-Type", b"multipart/" + subtype + b'; boundary="' + boundary + b'"')]
        second = (
            b"Content-Type: text/html; charset=utf-8\r\n\r\n" + _html(record).encode()
            if layout == "alternative"
            else b"Content-Type: application/pdf\r\nContent-Disposition: attachment; "
            b'filename="cv.pdf"\r\nContent-Transfer-Encoding: base64\r\n\r\n'
            + base64.encodebytes(rng.randbytes(3000))
        )
        body = (
            b"--" + boundary + b"\r\n" + _text_part(text) + b"--" + boundary + b"\r\n"
            + second + b"\r\n--" + boundary + b"--\r\n"
        )  # fmt: skip
    return layout, _join(headers + content, body)


def _html(record: CorpusRecord) -> str:
    if record.body_html:
        return record.body_html
    paragraphs = "".join(f"<p>{html.escape(p)}</p>" for p in record.body.split("\n\n"))
    return f"<html><body>{paragraphs}</body></html>"


def _head_body(raw: bytes) -> tuple[bytes, bytes]:
    at = raw.find(b"\r\n\r\n")
    return (raw, b"") if at < 0 else (raw[: at + 2], raw[at + 2 :])


def _truncate(raw: bytes, rng: random.Random) -> bytes:
    low = len(raw) // 2 if rng.random() < 0.75 else 0
    return raw[: rng.randrange(low, len(raw))]


def _flip(raw: bytes, rng: random.Random) -> bytes:
    data = bytearray(raw)
    for _ in range(rng.randint(1, 16)):
        data[rng.randrange(len(data))] ^= rng.randrange(1, 256)
    return bytes(data)


def _flip_headers(raw: bytes, rng: random.Random) -> bytes:
    head, body = _head_body(raw)
    return _flip(head, rng) + body


_BOUNDARY = re.compile(rb'boundary="?([^";\r\n]+)"?', re.IGNORECASE)


def _boundary(raw: bytes, rng: random.Random) -> bytes:
    found = _BOUNDARY.search(raw)
    if found is None:  # wrap the body into a multipart first, then corrupt that
        head, body = _head_body(raw)
        head = re.sub(rb"(?im)^content-type:.*\r\n", b"", head)
        part = b"Content-Type: text/plain; charset=utf-8\r\n" + body
        raw = head + b'Content-Type: multipart/mixed; boundary="wrap"\r\n' + b"--wrap\r\n" + part
        raw += b"\r\n--wrap--\r\n"
        found = _BOUNDARY.search(raw)
        assert found is not None
    b = found.group(1)
    delimiter = b"--" + b
    choice = rng.randrange(10)
    if choice == 0:  # the declared boundary no longer matches the delimiters
        return raw[: found.start(1)] + b + b"x" + raw[found.end(1) :]
    if choice == 1:
        return raw.replace(delimiter + b"--", b"")
    if choice == 2:
        return raw.replace(delimiter + b"\r\n", delimiter + b"\r\n" + delimiter + b"\r\n", 1)
    if choice == 3:
        return raw.replace(delimiter + b"\r\n", delimiter + b"\r\n" + delimiter + b"tail\r\n", 1)
    if choice == 4:
        return raw.replace(b"\r\n" + delimiter, b"\r\n-- " + b, 1)
    if choice == 5:
        return raw[: found.start()] + b'boundary=""' + raw[found.end() :]
    if choice == 6:
        return raw[: found.start(1)] + b[:1] + b"\x00" + b[1:] + raw[found.end(1) :]
    if choice == 7:
        return raw.replace(delimiter + b"\r\n", delimiter[:-1] + b"\r\n", 1)
    if choice == 8:
        return raw[: found.start()] + b"boundary=a b" + raw[found.end() :]
    return raw.replace(delimiter + b"\r\n", b"", 1)


_DUPLICABLE = (b"From", b"Subject", b"To", b"Content-Type", b"Message-ID", b"Date",
               b"Content-Transfer-Encoding", b"MIME-Version", b"Reply-To")  # fmt: skip


def _dup_header(raw: bytes, rng: random.Random) -> bytes:
    head, body = _head_body(raw)
    name = rng.choice(_DUPLICABLE)
    replacement = {
        b"From": f"Mallory <mallory@{SMUGGLED}>".encode(),  # the first From wins
        b"Subject": b"Second subject",
        b"Content-Type": b"text/html; charset=utf-16",
        b"Message-ID": b"<second@hostile.example>",
        b"Content-Transfer-Encoding": b"base64",
        b"Reply-To": b"Second Recruiter <second@recruiting.example>",
    }.get(name)
    line = re.search(rb"(?im)^" + re.escape(name) + rb":[^\r\n]*\r\n", head)
    if line is None:
        return raw
    copy = (
        line.group(0)
        if replacement is None or rng.random() < 0.3
        else name + b": " + replacement + b"\r\n"
    )
    at = line.end() if rng.random() < 0.5 else len(head)
    return head[:at] + copy + head[at:] + body


def _drop_header(raw: bytes, rng: random.Random) -> bytes:
    head, body = _head_body(raw)
    lines = head.split(b"\r\n")
    if len(lines) > 2:
        del lines[rng.randrange(len(lines) - 1)]
    return b"\r\n".join(lines) + body


def _shuffle_headers(raw: bytes, rng: random.Random) -> bytes:
    head, body = _head_body(raw)
    lines = [line for line in head.split(b"\r\n") if line]
    rng.shuffle(lines)
    return b"\r\n".join(lines) + b"\r\n" + body


def _header_case(raw: bytes, rng: random.Random) -> bytes:
    head, body = _head_body(raw)

    def mangle(match: re.Match[bytes]) -> bytes:
        name = bytes(
            c ^ 0x20 if rng.random() < 0.5 and chr(c).isalpha() else c for c in match.group(1)
        )
        return name + rng.choice((b":", b" :", b"\t:", b":  ", b":"))

    return re.sub(rb"(?m)^([A-Za-z-]+):", mangle, head) + body


def _refold(raw: bytes, rng: random.Random) -> bytes:
    head, body = _head_body(raw)
    folds = (b"\r\n ", b"\r\n\t", b"\r ", b"\n ", b"\r\n  \r\n ")
    out = bytearray()
    for byte in head:
        if byte == 0x20 and rng.random() < 0.3:
            out += rng.choice(folds)
        else:
            out.append(byte)
    return bytes(out) + body


def _line_ends(raw: bytes, rng: random.Random) -> bytes:
    return rng.choice(_EOL_STYLES)[1](raw, rng)


def _insert(raw: bytes, rng: random.Random, data: bytes, count: int) -> bytes:
    pieces, last = [], 0
    for at in sorted(rng.randrange(len(raw) + 1) for _ in range(count)):
        pieces += [raw[last:at], data]
        last = at
    return b"".join([*pieces, raw[last:]])


def _nuls(raw: bytes, rng: random.Random) -> bytes:
    return _insert(raw, rng, b"\x00", rng.randint(1, 20))


def _high_bytes(raw: bytes, rng: random.Random) -> bytes:
    head, body = _head_body(raw)
    return _insert(head, rng, bytes([rng.randrange(0x80, 0x100)]), rng.randint(1, 12)) + body


def _separator(raw: bytes, rng: random.Random) -> bytes:
    replacement = rng.choice(
        (b"\r\n", b"\r\n \r\n", b"\r\n\r\n\r\n", b"\r\n\t\r\n", b"\r\n\x00\r\n")
    )
    return raw.replace(b"\r\n\r\n", replacement, 1)


def _charset_lie(raw: bytes, rng: random.Random) -> bytes:
    label = rng.choice(CHARSETS).encode("latin-1")
    return re.sub(
        rb"(?i)charset=\"?[^\";\r\n]*\"?",
        b'charset="' + label.replace(b"\\", b"") + b'"',
        raw,
        count=1,
    )


def _cte_lie(raw: bytes, rng: random.Random) -> bytes:
    value = rng.choice(
        (b"base64", b"quoted-printable", b"x-uuencode", b"7bit", b"binary", b"BASE64 ; x", b"")
    )
    if re.search(rb"(?im)^content-transfer-encoding:", raw):
        return re.sub(rb"(?im)^(content-transfer-encoding:)[^\r\n]*", rb"\1 " + value, raw, count=1)
    head, body = _head_body(raw)
    return head + b"Content-Transfer-Encoding: " + value + b"\r\n" + body


def _prefix(raw: bytes, rng: random.Random) -> bytes:
    prefix = rng.choice((
        b"\xef\xbb\xbf", b"From recruiter@northwind.example Mon Mar  2 10:00:00 2026\r\n",
        b"\r\n\r\n", b"   ", b"\xff\xfe", b">From nobody\r\n", b"\t",
    ))  # fmt: skip
    return prefix + raw


def _append_junk(raw: bytes, rng: random.Random) -> bytes:
    junk = rng.choice((
        rng.randbytes(rng.randrange(1, 4096)),
        b"\r\n--\r\n" * 100,
        b"=" * 65536,
        b"\r\nFrom: second@message.example\r\nSubject: glued on\r\n\r\nmore\r\n",
        b"\r\n" + b"> quoted\r\n" * 2000,
    ))  # fmt: skip
    return raw + junk


def _inject(raw: bytes, rng: random.Random) -> bytes:
    _, separator = rng.choice(_SEPARATORS)
    payload = rng.choice(_PAYLOADS)
    encoding = rng.choice(_ENCODINGS)
    target = rng.choice((b"Subject", b"From"))
    line = re.search(rb"(?im)^" + target + rb":[ \t]*([^\r\n]*)", raw)
    if line is None:
        return raw
    if target == b"Subject":
        value = _inject_value("Your application", separator, payload, encoding)
    else:
        value = (
            _inject_value("Recruiter", separator, payload, encoding) + b" <jobs@recruiting.example>"
        )
    return raw[: line.start(1)] + value + raw[line.end(1) :]


def _long_line(raw: bytes, rng: random.Random) -> bytes:
    head, body = _head_body(raw)
    size = rng.choice((998, 999, 4096, 65536, 70000, 200_000))
    if rng.random() < 0.5:
        return head + b"X-Long: " + b"y" * size + b"\r\n" + body
    return head + body + b"z" * size + b"\r\n"


def _splice(raw: bytes, rng: random.Random) -> bytes:
    start = rng.randrange(len(raw))
    return raw[:start] + raw[start + rng.randrange(1, 400) :]


def _repeat(raw: bytes, rng: random.Random) -> bytes:
    start = rng.randrange(len(raw))
    chunk = raw[start : start + rng.randrange(1, 400)]
    return raw[:start] + chunk * rng.randint(2, 50) + raw[start:]


def _encoded_subject(raw: bytes, rng: random.Random) -> bytes:
    line = re.search(rb"(?im)^subject:[ \t]*([^\r\n]*)", raw)
    if line is None:
        return raw
    text = line.group(1).decode("utf-8", "replace")
    words = [text[i : i + rng.randint(1, 8)] for i in range(0, len(text), 8)] or [""]
    style = rng.randrange(4)
    if style == 0:
        encoded = " ".join(_encode_word(w, kind=rng.choice("QB")) for w in words)
    elif style == 1:
        encoded = "".join(_encode_word(w, kind="B")[:-1] for w in words)  # unterminated
    elif style == 2:
        encoded = " ".join(
            _encode_word(w, rng.choice(("iso-8859-1", "utf-16", "x-bogus")), "Q") for w in words
        )
    else:
        encoded = _encode_word(text, kind="B").replace("=", "", 1)
    return raw[: line.start(1)] + encoded.encode() + raw[line.end(1) :]


# (name, weight, operator): soft operators weigh more, so most mutated rejections
# remain readable as rejections and exercise the composer.
_MUTATIONS: tuple[tuple[str, int, Callable[[bytes, random.Random], bytes]], ...] = (
    ("truncate", 6, _truncate),
    ("flip", 5, _flip),
    ("flip-headers", 3, _flip_headers),
    ("boundary", 6, _boundary),
    ("dup-header", 8, _dup_header),
    ("drop-header", 4, _drop_header),
    ("shuffle-headers", 3, _shuffle_headers),
    ("header-case", 3, _header_case),
    ("refold", 4, _refold),
    ("line-ends", 5, _line_ends),
    ("nul", 4, _nuls),
    ("high-bytes", 3, _high_bytes),
    ("separator", 2, _separator),
    ("charset-lie", 4, _charset_lie),
    ("cte-lie", 3, _cte_lie),
    ("prefix", 2, _prefix),
    ("append-junk", 3, _append_junk),
    ("inject", 8, _inject),
    ("long-line", 2, _long_line),
    ("splice", 3, _splice),
    ("repeat", 2, _repeat),
    ("encoded-subject", 4, _encoded_subject),
)
_MUTATION_WEIGHTS = [weight for _, weight, _ in _MUTATIONS]


def _mutation(k: int, index: int, rng: random.Random) -> _Built:
    rejection = rng.random() < 0.8
    record = _record(rng, rejection)
    layout, raw = _layout(index, rng, record)
    chosen = rng.choices(_MUTATIONS, weights=_MUTATION_WEIGHTS, k=rng.choice((1, 1, 1, 2, 2, 3)))
    for _, _, operator in chosen:
        if raw:
            raw = operator(raw, rng)
    kind = "rejection" if rejection else record.label.replace("_", "-")
    return _Built(f"{kind}-{layout}-" + "+".join(name for name, _, _ in chosen), raw)


# --------------------------------------------------------------------------- the stream

Builder = Callable[[int, int, random.Random], _Built]
_FAMILIES: tuple[tuple[str, int, Builder], ...] = (
    ("duplicate", 120, _duplicate),
    ("giant", len(GIANTS), _giant),
    ("charset", len(CHARSETS) * len(ACTUAL) * len(_PLACES), _charset),
    ("nul", len(_NUL_PLACES) * 10, _nul),
    ("eol", len(_EOL_STYLES) * 12, _eol),
    ("message-id", len(_IDS) * 8, _message_id_case),
    ("address", len(_ADDRESSES) * len(_ADDRESS_PLACES) * 2, _address),
    ("injection", len(_FIELDS) * len(_PAYLOADS) * len(_ENCODINGS) * len(_SEPARATORS), _injection),
)


@functools.cache
def family_ranges() -> dict[str, range]:
    """Which indices each family owns; ``mutation`` fills the rest up to TOTAL."""
    ranges: dict[str, range] = {}
    start = 0
    for name, count, _ in _FAMILIES:
        ranges[name] = range(start, start + count)
        start += count
    if start >= TOTAL:
        raise AssertionError(f"the fixed families alone need {start} indices")
    ranges["mutation"] = range(start, TOTAL)
    return ranges


def hostile_message(index: int) -> HostileMessage:
    """The message at ``index`` (0 <= index < TOTAL), always the same bytes."""
    if not 0 <= index < TOTAL:
        raise IndexError(index)
    builders = {name: build for name, _, build in _FAMILIES}
    builders["mutation"] = _mutation
    for family, indices in family_ranges().items():
        if index in indices:
            k = index - indices.start
            built = builders[family](k, index, _rng(index))
            return HostileMessage(
                index,
                family,
                f"{index:05d}-{family}-{built.detail}",
                built.raw,
                built.same_identity_as,
            )
    raise AssertionError("unreachable: the families cover every index")


def shard_of(index: int, shards: int) -> int:
    return index // BLOCK % shards


def hostile_messages(
    shard: int = 0, shards: int = 1, indices: Iterator[int] | range | None = None
) -> Iterator[HostileMessage]:
    """The messages of one shard (every one by default), built one at a time."""
    for index in indices if indices is not None else range(TOTAL):
        if shard_of(index, shards) == shard:
            yield hostile_message(index)
