"""Named malformed and hostile raw messages, generated deterministically.

Any suite that takes raw mail can reuse them::

    from malformed import malformed_messages
    for name, raw in malformed_messages(): ...

The big ones (tens of megabytes) are built once per process and cached.
"""

from __future__ import annotations

import base64
import functools
import random

__all__ = [
    "attachment_20mb",
    "huge_message_26mb",
    "line_10mb",
    "malformed_messages",
    "mime_nesting",
    "mime_parts",
]

_HEADERS = (
    b"Message-ID: <hostile@test.example>\n"
    b"Date: Mon, 01 Apr 2024 10:00:00 +0000\n"
    b"From: Sender <sender@test.example>\n"
    b"To: me@home.example\n"
)


def _message(extra_headers: bytes = b"", body: bytes = b"Body.\n") -> bytes:
    return _HEADERS + extra_headers + b"\n" + body


def _random_bytes(seed: int, size: int) -> bytes:
    return random.Random(seed).randbytes(size)


@functools.cache
def mime_parts(count: int = 10_000) -> bytes:
    """A multipart/mixed message with ``count`` small text parts."""
    parts = b"".join(
        b"--P\nContent-Type: text/plain\n\npart %d\n" % index for index in range(count)
    )
    return _message(b"Content-Type: multipart/mixed; boundary=P\n", parts + b"--P--\n")


@functools.cache
def mime_nesting(depth: int = 1_000) -> bytes:
    """Multiparts nested ``depth`` levels deep around one text part."""
    inner = b"Content-Type: text/plain\n\ndeep text\n"
    for level in range(depth):
        boundary = b"n%d" % level
        inner = (
            b'Content-Type: multipart/mixed; boundary="' + boundary + b'"\n\n'
            b"--" + boundary + b"\n" + inner + b"\n--" + boundary + b"--\n"
        )
    return _HEADERS + inner


@functools.cache
def attachment_20mb() -> bytes:
    """A short text part followed by an attachment of 20 MB as sent (base64), so the
    whole message stays under the parser's 25 MB headers-only threshold."""
    payload = base64.encodebytes(_random_bytes(20, 15 * 1024 * 1024))
    body = (
        b"--A\nContent-Type: text/plain\n\nSee attached.\n"
        b"--A\nContent-Type: application/octet-stream\nContent-Transfer-Encoding: base64\n"
        b"Content-Disposition: attachment; filename=big.bin\n\n" + payload + b"--A--\n"
    )
    return _message(b"Content-Type: multipart/mixed; boundary=A\n", body)


@functools.cache
def line_10mb() -> bytes:
    """A text body that is one 10 MB line."""
    return _message(body=b"x" * (10 * 1024 * 1024) + b"\n")


@functools.cache
def huge_message_26mb() -> bytes:
    """Larger than the parser's headers-only threshold (25 MB)."""
    return _message(b"Subject: huge\n", b"word " * (26 * 1024 * 1024 // 5))


def _small_cases() -> list[tuple[str, bytes]]:
    crlf = _message(b"Subject: crlf\n", b"Line one.\nLine two.\n").replace(b"\n", b"\r\n")
    return [
        ("empty", b""),
        ("whitespace_only", b"  \r\n\r\n \n\t"),
        ("only_separator", b"\n\n"),
        ("only_headers", b"From: a@test.example\nSubject: headers only\n"),
        ("only_headers_no_final_newline", b"From: a@test.example\nSubject: no newline"),
        ("no_headers_text", b"just some words\nand a second line\n"),
        ("blank_line_then_body", b"\nbody after a blank first line\n"),
        ("binary_garbage", _random_bytes(7, 4096)),
        ("binary_garbage_1mb", _random_bytes(8, 1024 * 1024)),
        ("binary_after_headers", _message(body=_random_bytes(9, 65536))),
        ("nul_bytes_everywhere", b"\x00".join(bytes([c]) for c in _message(b"Subject: nul\n"))),
        ("nul_in_header_name", b"Fr\x00om: a@test.example\nSub\x00ject: x\n\nbody\n"),
        ("bare_cr_line_ends", _message(b"Subject: cr\n", b"one\ntwo\n").replace(b"\n", b"\r")),
        ("crlf_line_ends", crlf),
        ("mixed_line_ends", b"From: a@test.example\r\nSubject: mixed\n\r\n\rline\r\nline\nline\r"),
        ("lf_cr_reversed", _message(b"Subject: lfcr\n").replace(b"\n", b"\n\r")),
        ("utf8_bom_start", b"\xef\xbb\xbf" + _message(b"Subject: bom\n")),
        ("mbox_envelope_first", b"From someone Mon Apr  1 10:00:00 2024\n" + _message()),
        ("continuation_before_header", b" folded first\nFrom: a@test.example\n\nbody\n"),
        ("header_without_colon", b"From a@test.example\nSubject x\n\nbody\n"),
        ("header_name_10k", b"X" * 10_000 + b": v\n" + _message()),
        ("subject_1mb_line", _message(b"Subject: " + b"s" * (1024 * 1024) + b"\n")),
        ("headers_100k_lines", b"X-H: v\n" * 100_000 + _message()),
        ("unknown_charset", _message(b"Content-Type: text/plain; charset=x-nonexistent\n")),
        (
            "lying_charset",
            _message(b"Content-Type: text/plain; charset=utf-8\n", b"caf\xe9 \x93quoted\x94\n"),
        ),
        ("charset_is_zlib", _message(b"Content-Type: text/plain; charset=zlib\n", b"x\x9c\n")),
        ("charset_is_base64", _message(b"Content-Type: text/plain; charset=base64\n")),
        ("charset_is_rot13", _message(b"Content-Type: text/plain; charset=rot13\n")),
        ("charset_utf16_odd", _message(b"Content-Type: text/plain; charset=utf-16\n", b"abc")),
        (
            "charset_10k_name",
            _message(b"Content-Type: text/plain; charset=" + b"c" * 10_000 + b"\n"),
        ),
        (
            "subject_5000_encoded_words",
            _message(b"Subject: " + b" ".join([b"=?UTF-8?B?w6k=?="] * 5000) + b"\n"),
        ),
        ("encoded_word_bad_base64", _message(b"Subject: =?UTF-8?B?###not*base64?=\n")),
        ("encoded_word_unknown_charset", _message(b"Subject: =?x-klingon?Q?qapla=27?=\n")),
        (
            "encoded_word_header_injection",
            _message(b"Subject: =?UTF-8?Q?hi=0D=0ABcc:_victim@evil.example?=\n"),
        ),
        (
            "encoded_name_header_injection",
            b"From: =?UTF-8?Q?Evil=0D=0ATo:_x@evil.example?= <a@test.example>\n\nbody\n",
        ),
        (
            "to_20000_addresses",
            _message(b"Cc: " + b", ".join(b"u%d@x.example" % i for i in range(20_000)) + b"\n"),
        ),
        ("to_50000_commas", _message(b"Cc: " + b"," * 50_000 + b"\n")),
        ("from_nested_comments", b"From: " + b"(" * 10_000 + b"a@test.example\n\nbody\n"),
        ("from_unbalanced_quote", b'From: "Alice <alice@test.example>\n\nbody\n'),
        ("from_angle_only", b"From: <>\n\nbody\n"),
        ("from_group_syntax", b"From: Team: a@test.example, b@test.example;\n\nbody\n"),
        ("cve_2023_27043_angle", b"From: alice@example.com<bob@evil.example>\n\nbody\n"),
        ("cve_2023_27043_paren", b"From: alice@example.org)<bob@evil.example>\n\nbody\n"),
        ("cve_2023_27043_quoted_comma", b'From: "alice@example.com, x" <bob@evil.example>\n\nb\n'),
        ("duplicate_message_ids", b"Message-ID: <one@x>\nMessage-ID: <two@x>\nFrom: a@x\n\nb\n"),
        ("missing_message_id", b"From: a@test.example\nSubject: no id\n\nbody\n"),
        ("message_id_without_brackets", b"Message-ID: bare-id@test.example\nFrom: a@x\n\nb\n"),
        ("message_id_garbage", b"Message-ID: <<<>>> <>\nFrom: a@x\n\nb\n"),
        ("message_id_100k", b"Message-ID: <" + b"i" * 100_000 + b"@x>\nFrom: a@x\n\nb\n"),
        (
            "references_10000_ids",
            _message(b"References: " + b" ".join(b"<r%d@x>" % i for i in range(10_000)) + b"\n"),
        ),
        ("date_words", _message().replace(b"Mon, 01 Apr 2024 10:00:00 +0000", b"yesterday-ish")),
        ("date_year_99999", _message().replace(b"2024 10:00:00", b"99999 10:00:00")),
        ("date_bad_offset", _message().replace(b"+0000", b"+9999")),
        ("date_zero", _message().replace(b"Mon, 01 Apr 2024 10:00:00 +0000", b"0")),
        ("date_no_zone", _message().replace(b" +0000", b"")),
        ("multipart_no_boundary", _message(b"Content-Type: multipart/mixed\n", b"text\n")),
        ("multipart_empty_boundary", _message(b'Content-Type: multipart/mixed; boundary=""\n')),
        ("multipart_unused_boundary", _message(b"Content-Type: multipart/mixed; boundary=Q\n")),
        (
            "multipart_only_closing",
            _message(b"Content-Type: multipart/mixed; boundary=Q\n", b"--Q--\n"),
        ),
        (
            "multipart_unclosed",
            _message(b"Content-Type: multipart/mixed; boundary=Q\n", b"--Q\n\nopen part\n"),
        ),
        (
            "boundary_prefix_collision",
            _message(
                b"Content-Type: multipart/mixed; boundary=B\n",
                b"--B\n\none\n--BB not a delimiter\n--B--\n",
            ),
        ),
        (
            "base64_garbage",
            _message(b"Content-Transfer-Encoding: base64\n", b"!!!!@@@@####\n===\nQQ\n"),
        ),
        ("base64_truncated", _message(b"Content-Transfer-Encoding: base64\n", b"SGVsbG8gd29ybG")),
        ("qp_bad_escapes", _message(b"Content-Transfer-Encoding: quoted-printable\n", b"=ZZ=\n=4")),
        ("cte_unknown", _message(b"Content-Transfer-Encoding: x-uuencode\n", b"begin 644 x\n")),
        ("content_type_garbage", _message(b'Content-Type: ;;;===;;"\n')),
        ("content_type_rfc2231", _message(b"Content-Type: text/plain; charset*=''utf-8\n")),
        ("content_type_no_subtype", _message(b"Content-Type: text\n")),
        (
            "text_as_attachment_only",
            _message(b"Content-Disposition: attachment; filename=a.txt\n", b"secret\n"),
        ),
        ("rfc822_nesting_500", _rfc822_nesting(500)),
        (
            "html_unclosed_script",
            _message(b"Content-Type: text/html\n", b"<p>Hello</p><script>never closed"),
        ),
        (
            "html_unclosed_title",
            _message(b"Content-Type: text/html\n", b"<html><head><title>t<body><p>Text</p>"),
        ),
        ("html_100k_nested_divs", _message(b"Content-Type: text/html\n", b"<div>" * 100_000)),
        (
            "html_bad_entities",
            _message(b"Content-Type: text/html\n", b"&#x110000; &#0; &#xD800; &bogus; &#99999999;"),
        ),
        ("quote_lines_100k", _message(body=b">\n" * 100_000)),
        ("signature_delimiters_100k", _message(body=b"-- \n" * 100_000)),
        (
            "forward_markers_1000",
            _message(body=b"---------- Forwarded message ---------\nFrom: x@y\n\n" * 1000),
        ),
        ("attributions_10000", _message(body=b"On Monday Someone wrote:\n> q\n" * 10_000)),
        (
            "bidi_override_subject",
            _message("Subject: \u202eevil\u202c \u200bzero\n".encode()),
        ),
    ]


def _rfc822_nesting(depth: int) -> bytes:
    inner = b"From: inner@test.example\nSubject: innermost\n\ninner text\n"
    for _ in range(depth):
        inner = b"Content-Type: message/rfc822\nFrom: wrap@test.example\n\n" + inner
    return _HEADERS + inner


def malformed_messages() -> list[tuple[str, bytes]]:
    """About 80 named hostile messages, including the multi-megabyte ones."""
    return [
        *_small_cases(),
        ("mime_10000_parts", mime_parts()),
        ("mime_nesting_1000", mime_nesting()),
        ("attachment_20mb", attachment_20mb()),
        ("line_10mb", line_10mb()),
        ("message_26mb", huge_message_26mb()),
    ]
