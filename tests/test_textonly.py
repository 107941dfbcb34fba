"""Large messages read without their attachments (daemon/textonly.py).

The planning and rebuilding rules on hand-written BODYSTRUCTUREs, in imapclient's
shape: a leaf is (type, subtype, params, id, description, encoding, octets, ...),
a multipart is ([children...], subtype, params, ...). What the server really
answers, and that the rebuilt messages parse like the whole ones, is proven
against Dovecot in tests/test_imap.py.
"""

from __future__ import annotations

from typing import Any

from rejoinder.classifier.message import ParsedMessage, parse_message
from rejoinder.daemon.textonly import TEXT_ONLY_ABOVE, plan_text_fetch, rebuild_message

BIG = 200_000


def leaf(maintype: str, subtype: str, octets: int) -> tuple[Any, ...]:
    return (
        maintype.encode(),
        subtype.encode(),
        (b"charset", b"utf-8"),
        None,
        None,
        b"base64",
        octets,
    )


def multipart(subtype: str, boundary: str | None, *children: Any) -> tuple[Any, ...]:
    params = (b"boundary", boundary.encode()) if boundary else None
    return (list(children), subtype.encode(), params, None, None, None)


TEXT = leaf("text", "plain", 2_000)
HTML = leaf("text", "html", 3_000)
PDF = leaf("application", "pdf", BIG - 10_000)


def test_a_message_that_is_mostly_attachment_is_read_as_its_text_parts() -> None:
    structure = multipart("mixed", "out", multipart("alternative", "in", TEXT, HTML), PDF)
    plan = plan_text_fetch(structure, BIG)
    assert plan is not None
    assert plan.sections == ("1.MIME", "1.1.MIME", "1.1", "1.2.MIME", "1.2")
    assert plan.left_out_bytes == PDF[6]


def test_images_beside_the_html_are_left_out_too() -> None:
    related = multipart("related", "rel", HTML, leaf("image", "png", BIG // 2))
    structure = multipart("mixed", "out", TEXT, related, leaf("image", "jpeg", BIG // 3))
    plan = plan_text_fetch(structure, BIG)
    assert plan is not None
    assert plan.sections == ("1.MIME", "1", "2.MIME", "2.1.MIME", "2.1")


def test_what_is_fetched_whole() -> None:
    with_pdf = multipart("mixed", "out", TEXT, PDF)
    assert plan_text_fetch(with_pdf, BIG) is not None
    cases = {
        "small": (with_pdf, TEXT_ONLY_ABOVE),
        "mostly text": (multipart("mixed", "out", TEXT, leaf("application", "pdf", 10)), BIG),
        "single part": (leaf("application", "pdf", BIG), BIG),
        "forwarded": (multipart("mixed", "out", TEXT, leaf("message", "rfc822", BIG)), BIG),
        "report": (multipart("report", "out", TEXT, PDF), BIG),
        "no boundary": (multipart("mixed", None, TEXT, PDF), BIG),
        "non-text alternative": (multipart("alternative", "a", TEXT, PDF), BIG),
        "deep": (nested(9, with_pdf), BIG),
    }
    for name, (structure, size) in cases.items():
        assert plan_text_fetch(structure, size) is None, name


def nested(levels: int, inner: tuple[Any, ...]) -> tuple[Any, ...]:
    for level in range(levels):
        inner = multipart("mixed", f"level{level}", inner)
    return inner


HEADER = (
    b"From: Hiring <jobs@example.com>\r\nSubject: Your application\r\n"
    b"Message-ID: <a@example.com>\r\nMIME-Version: 1.0\r\n"
    b'Content-Type: multipart/mixed; boundary="out"\r\n\r\n'
)
PARTS = {
    "1.MIME": b"Content-Type: text/plain; charset=utf-8\r\n\r\n",
    "1": b"We will not be moving forward with your application.\r\n",
}


def test_the_rebuilt_message_keeps_the_text_and_drops_the_attachment() -> None:
    structure = multipart("mixed", "out", TEXT, PDF)
    raw = rebuild_message(structure, HEADER, PARTS)
    assert raw is not None
    assert raw.count(b"--out") == 2
    assert raw.endswith(b"--out--\r\n")
    parsed = parse_message(raw)
    assert isinstance(parsed, ParsedMessage)
    assert parsed.body == "We will not be moving forward with your application."
    assert parsed.subject == "Your application"


def test_pieces_that_do_not_fit_back_together_mean_fetching_whole() -> None:
    structure = multipart("mixed", "out", TEXT, PDF)
    assert rebuild_message(structure, HEADER, {"1.MIME": PARTS["1.MIME"]}) is None  # part missing
    # The server cut at another boundary than this parser would: the header says "out",
    # the structure "other" (duplicate Content-Type headers can do that).
    assert rebuild_message(multipart("mixed", "other", TEXT, PDF), HEADER, PARTS) is None
    nested_header = {**PARTS, "1.MIME": b"Content-Type: multipart/alternative\r\n\r\n"}
    inner = multipart("mixed", "out", multipart("alternative", "in", TEXT), PDF)
    assert rebuild_message(inner, HEADER, nested_header) is None  # its own header: no boundary


def test_a_structure_of_any_other_shape_means_fetching_whole() -> None:
    boundary = (b"boundary", b"out")  # as in HEADER, so the shape is what fails
    for structure in (
        ([None], b"mixed", boundary),
        ([5, TEXT], b"mixed", boundary),
        ([b"text"], b"mixed", boundary),
        ([[]], b"mixed", boundary),
        ([leaf("image", "png", BIG), ()], b"mixed", boundary),
    ):
        assert plan_text_fetch(structure, BIG) is None, structure
        assert rebuild_message(structure, HEADER, PARTS) is None, structure
