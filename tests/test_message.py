"""parse_message on hand-written fixtures and on hostile input; the text helpers."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from malformed import malformed_messages

from rejoinder.classifier.message import (
    BODY_CAP,
    MAX_ADDRESSES,
    MAX_REFERENCES,
    Address,
    ParsedMessage,
    ParseFailure,
    decode_bytes,
    decode_encoded_words,
    message_identity,
    parse_message,
)
from rejoinder.classifier.text import html_to_text, split_signature, strip_quoted

MAIL = Path(__file__).parent / "fixtures" / "mail"


def parsed(name: str) -> ParsedMessage:
    result = parse_message((MAIL / name).read_bytes())
    assert isinstance(result, ParsedMessage), result
    return result


def parsed_bytes(raw: bytes) -> ParsedMessage:
    result = parse_message(raw)
    assert isinstance(result, ParsedMessage), result
    return result


# --------------------------------------------------------------------------- fixtures


def test_plain_message_fills_every_header_field() -> None:
    msg = parsed("plain.eml")
    assert msg.message_id == "<20240305.rej.4411@mail.brightloom.example>"
    assert msg.in_reply_to == "<app-7731@home.example>"
    assert msg.references == ("<thread-1@home.example>", "<app-7731@home.example>")
    assert msg.from_ == Address("Dana Whitfield", "dana.whitfield@brightloom.example")
    assert msg.from_.domain == "brightloom.example"
    assert msg.reply_to == (Address("Brightloom Careers", "careers@brightloom.example"),)
    assert msg.to == (Address("Sam Rivera", "sam.rivera@home.example"),)
    assert msg.cc == (
        Address("", "hiring-team@brightloom.example"),
        Address("Okafor, Chidi", "chidi.okafor@brightloom.example"),
    )
    assert msg.subject == "Your application for Senior Data Analyst"
    assert msg.date == datetime(2024, 3, 5, 9, 12, 44, tzinfo=timezone(timedelta(hours=1)))
    assert (msg.list_id, msg.auto_submitted, msg.precedence) == (None, None, None)
    assert msg.size == (MAIL / "plain.eml").stat().st_size
    assert msg.truncated is False


def test_plain_message_body_new_text_and_signature() -> None:
    msg = parsed("plain.eml")
    assert "\r" not in msg.body
    assert msg.body.startswith("Hi Sam,")
    assert msg.body_from_html is False
    assert msg.new_text.endswith("openings that match your experience.")
    assert msg.signature == "Best regards,\nDana Whitfield\nTalent Acquisition\nBrightloom"
    assert msg.signature in msg.body  # the signature stays part of the body
    assert msg.quoted == ""


def test_html_only_message_is_rendered_to_text() -> None:
    msg = parsed("html_only.eml")
    assert msg.body_from_html is True
    assert "Firmware Engineer position & for the time" in msg.body  # entity decoded, QP joined
    assert "tracking" not in msg.body  # script dropped
    assert "color" not in msg.body  # style dropped
    assert "Update on your application" not in msg.body  # <title> dropped
    assert "every success in your search" in msg.body  # &nbsp; folded
    assert "- Role: Firmware Engineer\n- Reference:" in msg.body
    assert msg.signature.startswith("Kind regards,\nLena Marsh")


def test_bulk_and_list_headers_are_kept_lowercased() -> None:
    msg = parsed("html_only.eml")
    assert msg.auto_submitted == "auto-generated"
    assert msg.precedence == "bulk"
    assert msg.list_id == "Northwind candidate updates <candidates.northwind.example>"


def test_alternative_prefers_plain_part() -> None:
    msg = parsed("alternative.eml")
    assert msg.body_from_html is False
    assert "HTML VERSION" not in msg.body
    assert msg.body.startswith("Hello Jordan,")  # base64 decoded
    assert "epilogue" not in msg.body
    assert msg.date == datetime(2024, 1, 18, 11, 5, 9, tzinfo=UTC)


@pytest.mark.parametrize(
    ("name", "expected_subject", "expected_text"),
    [
        ("latin1.eml", "Votre candidature à Lumière", "Après examen, nous ne donnerons pas suite"),
        (
            "cp1252.eml",
            "Operations Manager",
            "\u201cOperations Manager\u201d role \u2013 we\u2019ve",
        ),
        ("iso2022jp.eml", "選考結果のご連絡", "今回は採用を見送らせていただく"),
        ("shift_jis.eml", "選考結果のご連絡", "誠にありがとうございました"),
        ("lying_charset.eml", "Bewerbung – Entscheidung", "leider müssen wir"),
        ("lying_utf8.eml", "Café manager role", "We\u2019re sorry \u2013 the café role"),
        ("unknown_charset.eml", "Straße", "Grüße aus der Straße."),
    ],
)
def test_charsets_decode_to_the_right_text(
    name: str, expected_subject: str, expected_text: str
) -> None:
    msg = parsed(name)
    assert msg.subject == expected_subject
    assert expected_text in msg.body
    assert "\ufffd" not in msg.body


def test_latin1_display_name_is_decoded() -> None:
    assert parsed("latin1.eml").from_ == Address("Élodie Fabre", "elodie.fabre@lumiere.example")


def test_raw_utf8_in_headers_is_decoded() -> None:
    assert parsed("lying_charset.eml").from_ == Address("Jürgen Müller", "jm@fjord.example")


def test_encoded_words_in_subject_and_names() -> None:
    msg = parsed("encoded_words.eml")
    # Adjacent words join without their separating space; encoded CR/LF become spaces,
    # so the "X-Injected" text stays inside the subject instead of becoming a header.
    assert msg.subject == "Re: Your application – ✓ done a b X-Injected: yes"
    assert msg.from_ == Address("José García", "jose@example.com")
    assert msg.to == (
        Address("Doe, Jane", "jane@home.example"),
        Address("Smith, Bob", "bob@home.example"),
    )


def test_missing_message_id_gives_none_and_a_hash_identity() -> None:
    msg = parsed("no_message_id.eml")
    assert msg.message_id is None
    identity = message_identity(msg)
    assert identity.startswith("sha256:")
    assert identity == message_identity(parsed("no_message_id.eml"))  # stable
    other = parsed_bytes((MAIL / "no_message_id.eml").read_bytes().replace(b"status", b"update"))
    assert message_identity(other) != identity


def test_identity_is_the_message_id_when_present() -> None:
    assert message_identity(parsed("plain.eml")) == "<20240305.rej.4411@mail.brightloom.example>"


def test_missing_from_and_date_are_none() -> None:
    msg = parsed("no_from.eml")
    assert msg.from_ is None
    assert msg.date is None
    assert msg.body == "A message without a From header."
    assert message_identity(msg) == "<nofrom@cobalt.example>"


def test_unclosed_boundary_keeps_every_part() -> None:
    msg = parsed("unclosed_boundary.eml")
    assert "First part text." in msg.body
    assert "the closing boundary never comes." in msg.body


def test_bad_base64_decodes_what_it_can() -> None:
    assert "Thank you for applying." in parsed("bad_base64.eml").body


def test_gmail_reply_splits_quote_and_wrapped_attribution() -> None:
    msg = parsed("reply_gmail.eml")
    assert msg.new_text == (
        "Hi Morgan,\n\nThanks for following up. We went with another candidate for this role."
    )
    assert msg.signature == "Best,\nRiley"
    assert msg.quoted.startswith("On Wed, Mar 13, 2024 at 9:02 AM Morgan Ellis <")
    assert "> I wanted to check on the status" in msg.quoted
    assert "status of my application" not in msg.new_text


def test_outlook_reply_history_block_is_quoted() -> None:
    msg = parsed("reply_outlook.eml")
    assert msg.new_text.endswith("I'd be glad to share feedback if that helps.\n\nCasey")
    assert msg.quoted.startswith("________________________________\nFrom: Drew Patel")
    assert "thanks again for the interviews" in msg.quoted
    assert "interviews this week" not in msg.new_text


def test_original_message_separator_is_quoted() -> None:
    msg = parsed("reply_original_message.eml")
    assert msg.new_text == "Short answer: the role is on hold."
    assert msg.quoted.startswith("-----Original Message-----")


def test_apple_reply_with_mobile_footer() -> None:
    msg = parsed("reply_apple.eml")
    assert msg.new_text == "Taylor, we decided to hire internally, sorry for the news."
    assert msg.signature == "Sent from my iPhone"
    assert msg.quoted.endswith("> Any news on the Marketing Coordinator role?")


def test_inline_forward_puts_forwarded_text_into_new_text() -> None:
    msg = parsed("forwarded.eml")
    assert msg.new_text.startswith("Forwarding this one for the journal.\n\nHi Sam,")
    assert "decided not to move forward with your application" in msg.new_text
    assert "---------- Forwarded message" not in msg.new_text
    assert "From: Dana Whitfield" not in msg.new_text  # the forwarded header block
    assert "\nSam\n" not in msg.new_text  # the forwarder's own "-- " signature
    assert msg.quoted.startswith("---------- Forwarded message ---------")
    assert msg.signature.startswith("Best regards,\nDana Whitfield")


def test_attached_message_is_treated_as_a_forward() -> None:
    msg = parsed("forwarded_attachment.eml")
    assert msg.new_text == (
        "See the attached decision.\n\nWe will not be moving forward with your candidacy."
    )
    assert "Subject: Your candidacy" in msg.quoted
    assert "JVBER" not in msg.body  # the PDF attachment is not text


@pytest.mark.parametrize(
    ("name", "signature"),
    [
        ("signature_dashes.eml", "-- \nAvery Stone | Recruiter | Alder Labs\n+1 555 0100"),
        ("signature_signoff.eml", "Kind regards,\nAvery Stone\nSenior Recruiter\nAlder Labs"),
        ("signature_mobile.eml", "Sent from my phone"),
        ("latin1.eml", "Cordialement,\nÉlodie Fabre"),
    ],
)
def test_signature_variants(name: str, signature: str) -> None:
    msg = parsed(name)
    assert msg.signature == signature
    assert signature not in msg.new_text
    assert msg.body.endswith(signature)


def test_every_fixture_parses() -> None:
    names = sorted(path.name for path in MAIL.glob("*.eml"))
    assert len(names) >= 20
    for name in names:
        assert isinstance(parse_message((MAIL / name).read_bytes()), ParsedMessage), name


# --------------------------------------------------------------------------- hostile input

MALFORMED = malformed_messages()


def test_malformed_set_is_large_and_uniquely_named() -> None:
    names = [name for name, _ in MALFORMED]
    assert len(names) >= 50
    assert len(set(names)) == len(names)


@pytest.mark.parametrize(("name", "raw"), MALFORMED, ids=[name for name, _ in MALFORMED])
def test_malformed_message_never_raises(name: str, raw: bytes) -> None:
    result = parse_message(raw)
    assert isinstance(result, ParsedMessage | ParseFailure)
    assert result.size == len(raw)
    if isinstance(result, ParsedMessage):
        assert len(result.body) <= BODY_CAP
        assert "\x00" not in result.body + result.subject
        assert "\n" not in result.subject
        assert "\r" not in result.subject
        assert len(result.to) <= MAX_ADDRESSES
        assert len(result.cc) <= MAX_ADDRESSES
        assert len(result.references) <= MAX_REFERENCES
        assert result.date is None or result.date.tzinfo is not None
    else:
        assert result.reason


def malformed(name: str) -> bytes:
    return dict(MALFORMED)[name]


@pytest.mark.parametrize(
    "name",
    ["empty", "whitespace_only", "only_separator", "binary_garbage", "binary_garbage_1mb"],
)
def test_nothing_usable_is_a_parse_failure(name: str) -> None:
    assert isinstance(parse_message(malformed(name)), ParseFailure)


@pytest.mark.parametrize(
    ("name", "subject"),
    [
        ("only_headers", "headers only"),
        ("only_headers_no_final_newline", "no newline"),
        ("missing_message_id", "no id"),
        ("utf8_bom_start", "bom"),
    ],
)
def test_headers_alone_are_enough(name: str, subject: str) -> None:
    msg = parsed_bytes(malformed(name))
    assert msg.subject == subject
    assert msg.from_ is not None
    assert "@test.example" in msg.from_.addr


@pytest.mark.parametrize(
    "name", ["cve_2023_27043_angle", "cve_2023_27043_paren", "encoded_name_header_injection"]
)
def test_ambiguous_sender_is_not_trusted(name: str) -> None:
    msg = parsed_bytes(malformed(name))
    assert msg.from_ == Address("", "")


def test_header_injection_in_subject_stays_one_line() -> None:
    assert parsed_bytes(malformed("encoded_word_header_injection")).subject == (
        "hi Bcc: victim@evil.example"
    )


def test_bidi_and_zero_width_characters_are_removed_from_subject() -> None:
    assert parsed_bytes(malformed("bidi_override_subject")).subject == "evil zero"


def test_address_lists_are_capped() -> None:
    msg = parsed_bytes(malformed("to_20000_addresses"))
    assert len(msg.cc) == MAX_ADDRESSES
    assert msg.cc[0] == Address("", "u0@x.example")
    assert msg.truncated is True


def test_references_keep_the_most_recent() -> None:
    msg = parsed_bytes(malformed("references_10000_ids"))
    assert len(msg.references) == MAX_REFERENCES
    # The header cap cuts the list; what is kept is the tail of what was read, in order.
    numbers = [int(ref[2:].split("@")[0]) for ref in msg.references]
    assert numbers == sorted(numbers)


def test_first_of_duplicate_message_ids_wins() -> None:
    assert parsed_bytes(malformed("duplicate_message_ids")).message_id == "<one@x>"


def test_bare_message_id_gets_brackets() -> None:
    msg = parsed_bytes(malformed("message_id_without_brackets"))
    assert msg.message_id == "<bare-id@test.example>"


@pytest.mark.parametrize("name", ["date_words", "date_year_99999", "date_bad_offset", "date_zero"])
def test_invalid_dates_are_none(name: str) -> None:
    assert parsed_bytes(malformed(name)).date is None


def test_date_without_zone_is_read_as_utc() -> None:
    assert parsed_bytes(malformed("date_no_zone")).date == datetime(2024, 4, 1, 10, tzinfo=UTC)


def test_many_parts_and_deep_nesting_are_capped() -> None:
    parts = parsed_bytes(malformed("mime_10000_parts"))
    assert parts.truncated is True
    assert parts.body.startswith("part 0\npart 1\n")
    assert "part 9999" not in parts.body
    assert parsed_bytes(malformed("mime_nesting_1000")).truncated is True


def test_big_attachment_is_skipped_and_text_kept() -> None:
    msg = parsed_bytes(malformed("attachment_20mb"))
    assert msg.body == "See attached."


def test_long_line_is_truncated_to_the_body_cap() -> None:
    msg = parsed_bytes(malformed("line_10mb"))
    assert msg.truncated is True
    assert len(msg.body) == BODY_CAP


def test_huge_message_gives_headers_only() -> None:
    msg = parsed_bytes(malformed("message_26mb"))
    assert msg.subject == "huge"
    assert msg.body == ""
    assert msg.truncated is True


def test_boundary_prefix_is_not_a_delimiter() -> None:
    assert parsed_bytes(malformed("boundary_prefix_collision")).body == (
        "one\n--BB not a delimiter"
    )


def test_text_attachment_is_not_the_body() -> None:
    assert parsed_bytes(malformed("text_as_attachment_only")).body == ""


def test_line_ending_styles_parse_alike() -> None:
    for name in ("bare_cr_line_ends", "crlf_line_ends"):
        msg = parsed_bytes(malformed(name))
        assert msg.from_ == Address("Sender", "sender@test.example")
        assert "\r" not in msg.body


def test_nul_bytes_are_removed() -> None:
    msg = parsed_bytes(malformed("nul_bytes_everywhere"))
    assert (msg.subject, msg.body) == ("nul", "Body.")


def test_mbox_envelope_line_is_skipped() -> None:
    assert parsed_bytes(malformed("mbox_envelope_first")).message_id == "<hostile@test.example>"


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=2048))
def test_arbitrary_bytes_never_raise(raw: bytes) -> None:
    assert isinstance(parse_message(raw), ParsedMessage | ParseFailure)


@settings(max_examples=200, deadline=None)
@given(
    st.sampled_from(sorted(MAIL.glob("*.eml"))),
    st.integers(min_value=0, max_value=4000),
    st.binary(min_size=1, max_size=40),
)
def test_corrupted_fixtures_never_raise(path: Path, offset: int, noise: bytes) -> None:
    raw = path.read_bytes()
    offset = min(offset, len(raw))
    corrupted = raw[:offset] + noise + raw[offset + len(noise) :]
    assert isinstance(parse_message(corrupted), ParsedMessage | ParseFailure)


# --------------------------------------------------------------------------- decoding helpers


def test_decode_bytes_prefers_valid_utf8_over_a_wrong_label() -> None:
    assert decode_bytes("naïve".encode(), "iso-8859-1") == "naïve"
    assert decode_bytes("naïve".encode("cp1252"), "utf-8") == "naïve"
    assert decode_bytes(b"plain", "no-such-charset") == "plain"
    assert decode_bytes(b"\x81\x8d", "utf-8") == "\ufffd\ufffd"  # undefined even in cp1252


def test_decode_bytes_refuses_non_text_codecs() -> None:
    assert decode_bytes(b"aGVsbG8=", "base64") == "aGVsbG8="


def test_decode_encoded_words_joins_split_multibyte_characters() -> None:
    # "é" is C3 A9; each half is in its own encoded word.
    assert decode_encoded_words("=?UTF-8?Q?caf=C3?= =?UTF-8?Q?=A9?= ok") == "café ok"
    assert decode_encoded_words("plain =?utf-8?b?w6k=?= text") == "plain é text"


# --------------------------------------------------------------------------- html_to_text


def test_html_to_text_blocks_entities_and_hidden_elements() -> None:
    html = (
        "<html><head><style>p{}</style><title>T</title></head><body>"
        "<h1>Title&nbsp;here</h1><p>One   two\nthree &lt;b&gt; &amp; &#233;</p>"
        "<div>Line<br>break</div><script>alert(1)</script><p>End</p></body></html>"
    )
    assert html_to_text(html) == "Title here\n\nOne two three <b> & é\n\nLine\nbreak\n\nEnd"


def test_html_to_text_prefixes_blockquotes() -> None:
    html = "<p>Mine</p><div>On Monday, X wrote:<blockquote><p>Theirs</p></blockquote></div>"
    assert html_to_text(html) == "Mine\n\nOn Monday, X wrote:\n\n> Theirs"


def test_html_to_text_keeps_preformatted_lines() -> None:
    assert html_to_text("<pre>a\nb</pre>") == "a\nb"


def test_html_to_text_survives_unclosed_head_and_tags() -> None:
    assert html_to_text("<html><head><title>x<body><p>Visible") == "Visible"
    assert html_to_text("<p><b>bold <i>both</p>") == "bold both"


# --------------------------------------------------------------------------- quotes and signatures


def test_strip_quoted_without_history_returns_text() -> None:
    assert strip_quoted("Hello\nthere\n") == ("Hello\nthere", "")


def test_strip_quoted_keeps_bottom_posted_answers() -> None:
    text = (
        "On Mon, 1 Apr 2024, Kim wrote:\n> question one?\nAnswer one.\n> question two?\nAnswer two."
    )
    new, quoted = strip_quoted(text)
    assert new == "Answer one.\nAnswer two."
    assert quoted.splitlines() == [
        "On Mon, 1 Apr 2024, Kim wrote:",
        "> question one?",
        "> question two?",
    ]


def test_strip_quoted_outlook_forward_with_subject_hint() -> None:
    text = (
        "FYI\n\n-----Original Message-----\nFrom: HR <hr@x.example>\nSent: Monday\n"
        "To: me\nSubject: Decision\n\nWe chose another candidate."
    )
    assert strip_quoted(text)[0] == "FYI"
    assert strip_quoted(text, is_forward=True)[0] == "FYI\n\nWe chose another candidate."


def test_strip_quoted_unwraps_forward_of_forward() -> None:
    text = (
        "---------- Forwarded message ---------\nFrom: a@x\nSubject: s\n\n"
        "---------- Forwarded message ---------\nFrom: b@y\nSubject: s\n\nInner words."
    )
    assert strip_quoted(text)[0] == "Inner words."


def test_split_signature_delimiter_and_signoff() -> None:
    assert split_signature("Body\n-- \nMe") == ("Body", "-- \nMe")
    assert split_signature("Body\n\nThanks,\nJane Roe\nRecruiter") == (
        "Body",
        "Thanks,\nJane Roe\nRecruiter",
    )
    assert split_signature("Body\n\nBest, Jane") == ("Body", "Best, Jane")


def test_split_signature_leaves_ordinary_text_alone() -> None:
    text = "Thanks for applying, we liked your portfolio.\nWe will be in touch."
    assert split_signature(text) == (text, "")
    assert split_signature("Thanks!") == ("Thanks!", "")  # a sign-off alone is the message


def test_split_signature_ignores_signoff_followed_by_long_text() -> None:
    long_tail = "\n".join(["This line is part of the message and it keeps going on."] * 8)
    text = f"Intro\n\nThanks,\n{long_tail}"
    assert split_signature(text) == (text, "")
