"""daemon/fetchparse.py: the quick FETCH reader reads what imapclient's parser reads,
or declines; proven on a real Dovecot's responses and on hand-made ones."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from dovecot import ImapUser
from hostile import hostile_message
from hostile_headers import hostile_cases
from imapclient.response_parser import parse_fetch_response

from rejoinder.daemon import imap as imap_module
from rejoinder.daemon.fetchparse import parse_fetch
from rejoinder.daemon.imap import SUMMARY_HEADERS, ImapSession

FIXTURES = Path(__file__).parent / "fixtures" / "mail"

# The item lists the daemon sends (imap.py): header windows, bodies, text-only reads.
SUMMARY_ITEMS = [
    "RFC822.SIZE",
    "INTERNALDATE",
    "FLAGS",
    f"BODY.PEEK[HEADER.FIELDS ({' '.join(SUMMARY_HEADERS)})]",
]
BODY_ITEMS = ["BODY.PEEK[]", "INTERNALDATE"]
TEXT_ITEMS = ["BODY.PEEK[HEADER]", "INTERNALDATE", "BODY.PEEK[1]", "BODY.PEEK[2]"]


def general(records: Sequence[Any]) -> dict[int, dict[bytes, Any]]:
    """imapclient's reading, as ImapSession configures it (server time zones kept)."""
    return dict(parse_fetch_response(list(records), normalise_times=False, uid_is_key=True))


def assert_same(records: Sequence[Any]) -> dict[int, dict[bytes, Any]]:
    quick = parse_fetch(records)
    assert quick is not None, "the quick reader declined a shape the daemon asks for"
    expected = general(records)
    assert quick == expected
    for uid, values in quick.items():  # equal instants are not enough: same offset too
        when = values.get(b"INTERNALDATE")
        if isinstance(when, datetime):
            assert when.utcoffset() == expected[uid][b"INTERNALDATE"].utcoffset()  # type: ignore[union-attr]
    return quick


# -- against Dovecot ------------------------------------------------------------------


def fill(user: ImapUser) -> int:
    """Every fixture, hostile headers and a spread of hostile bodies, with flags and dates."""
    raws = [path.read_bytes() for path in sorted(FIXTURES.glob("*.eml"))]
    raws += [case.raw for case in hostile_cases()[::7]]
    raws += [hostile_message(index).raw for index in range(0, 10_000, 97)]
    flag_sets: list[tuple[str, ...]] = [(), ("\\Seen",), ("\\Flagged", "$Label1"), ("\\Answered",)]
    zones = [UTC, timezone(timedelta(hours=5, minutes=30)), timezone(-timedelta(hours=8))]
    for index, raw in enumerate(raws):
        when = datetime(2024, 1 + index % 12, 1 + index % 28, 9, 5, 7, tzinfo=zones[index % 3])
        user.append(raw, flags=flag_sets[index % 4], internal_date=when)
    return len(raws)


@pytest.mark.imap
def test_reads_every_response_shape_the_daemon_asks_for_as_imapclient_does(
    imap_user: ImapUser,
) -> None:
    count = fill(imap_user)
    with ImapSession.connect(imap_user.settings(), imap_user.password) as session:
        session.folder_state("INBOX")
        client = session._client
        uids = list(range(1, count + 1))
        for items in (SUMMARY_ITEMS, BODY_ITEMS, TEXT_ITEMS):
            for start in range(0, count, 50):
                chunk = uids[start : start + 50]
                read = assert_same(imap_module._fetch_records(client, chunk, items))
                assert sorted(read) == chunk
        # What the daemon then holds is what imapclient's own fetch gives.
        assert imap_module._uid_fetch(client, uids[:20], BODY_ITEMS) == client.fetch(
            uids[:20], BODY_ITEMS
        )


@pytest.mark.imap
def test_structure_responses_go_to_the_general_parser(imap_user: ImapUser) -> None:
    imap_user.append((FIXTURES / "attachment_pdf.eml").read_bytes())
    with ImapSession.connect(imap_user.settings(), imap_user.password) as session:
        session.folder_state("INBOX")
        records = imap_module._fetch_records(session._client, [1], ["BODYSTRUCTURE"])
        assert parse_fetch(records) is None
        [values] = imap_module._uid_fetch(session._client, [1], ["BODYSTRUCTURE"]).values()
        assert values[b"BODYSTRUCTURE"].is_multipart


# -- hand-made records ------------------------------------------------------------------


def test_reads_literals_numbers_flags_and_dates() -> None:
    records = [
        (b"3 (UID 41 RFC822.SIZE 5 BODY[] {5}", b"Hi\r\n!"),
        b' INTERNALDATE " 2-Mar-2024 23:59:01 -0330" FLAGS (\\Seen $Forwarded))',
        (b"4 (UID 42 BODY[HEADER.FIELDS (FROM SUBJECT)] {0}", b""),
        b' FLAGS () INTERNALDATE "29-Feb-2024 00:00:00 +0000")',
    ]
    read = assert_same(records)
    assert read == {
        41: {
            b"SEQ": 3,
            b"RFC822.SIZE": 5,
            b"BODY[]": b"Hi\r\n!",
            b"INTERNALDATE": datetime(
                2024, 3, 2, 23, 59, 1, tzinfo=timezone(-timedelta(hours=3, minutes=30))
            ),
            b"FLAGS": (b"\\Seen", b"$Forwarded"),
        },
        42: {
            b"SEQ": 4,
            b"BODY[HEADER.FIELDS (FROM SUBJECT)]": b"",
            b"FLAGS": (),
            b"INTERNALDATE": datetime(2024, 2, 29, tzinfo=UTC),
        },
    }


def test_several_literals_in_one_response() -> None:
    records = [
        (b"1 (UID 7 BODY[HEADER] {4}", b"A: b"),
        (b" BODY[1] {3}", b"one"),
        (b" BODY[2] {0}", b""),
        b' INTERNALDATE "01-Jan-2025 10:00:00 +0100")',
        b'2 (UID 8 BODY[HEADER] NIL INTERNALDATE "01-Jan-2025 10:00:00 +0100")',
    ]
    read = assert_same(records)
    assert read[7][b"BODY[1]"] == b"one"
    assert read[7][b"BODY[2]"] == b""
    assert read[8][b"BODY[HEADER]"] is None


@pytest.mark.parametrize(
    "date",
    [b"31-Feb-2024 10:00:00 +0000", b"01-Foo-2024 10:00:00 +0000", b"yesterday", b""],
)
def test_a_date_that_does_not_read_is_none_as_with_imapclient(date: bytes) -> None:
    records = [b'1 (UID 9 INTERNALDATE "' + date + b'")']
    assert assert_same(records)[9][b"INTERNALDATE"] is None


@pytest.mark.parametrize(
    ("why", "records"),
    [
        ("structure", [b'1 (UID 2 BODYSTRUCTURE ("text" "plain" NIL NIL NIL "7bit" 3 1))']),
        ("unsolicited, no UID", [b"1 (FLAGS (\\Seen))", b"2 (UID 5 RFC822.SIZE 3)"]),
        ("one message in two responses", [b"2 (UID 5 FLAGS ())", b"2 (UID 5 RFC822.SIZE 3)"]),
        ("quoted body", [b'1 (UID 5 BODY[] "abc")']),
        ("literal shorter than announced", [(b"1 (UID 5 BODY[] {9}", b"abc"), b")"]),
        ("ends on a literal", [(b"1 (UID 5 BODY[] {3}", b"abc")]),
        ("text after the end", [(b"1 (UID 5 BODY[] {3}", b"abc"), b") junk"]),
        ("continuation first", [b" FLAGS ())"]),
        ("nothing at all", [None]),
        ("modification sequence", [b"1 (UID 5 MODSEQ (12345))"]),
        ("flag list with a quote", [b'1 (UID 5 FLAGS ("x"))']),
        ("bad UID", [b"1 (UID five RFC822.SIZE 3)"]),
    ],
)
def test_declines_anything_else(why: str, records: list[Any]) -> None:
    assert parse_fetch(records) is None, why


def test_an_empty_answer_is_no_messages() -> None:
    assert parse_fetch([]) == {} == general([])


@pytest.mark.imap
def test_the_protocol_trace_is_off_unless_its_log_is_wanted(
    imap_user: ImapUser, caplog: pytest.LogCaptureFixture
) -> None:
    with ImapSession.connect(imap_user.settings(), imap_user.password) as session:
        assert session._client._imap.debug == 0
    caplog.set_level(logging.DEBUG, logger="imapclient.imaplib")
    with ImapSession.connect(imap_user.settings(), imap_user.password) as session:
        assert session._client._imap.debug > 0
        session.folder_state("INBOX")
    assert any("EXAMINE" in record.getMessage() for record in caplog.records)


def test_a_client_without_imaplib_underneath_fetches_the_usual_way() -> None:
    """If imapclient ever stops keeping its imaplib connection in ``_imap``, the session
    falls back to ``fetch`` rather than failing."""

    class PlainClient:
        def __init__(self) -> None:
            self.asked: list[tuple[list[int], list[str]]] = []

        def fetch(self, uids: list[int], items: list[str]) -> dict[int, dict[bytes, Any]]:
            self.asked.append((uids, items))
            return {uid: {b"SEQ": uid, b"BODY[]": b"x"} for uid in uids}

    client = PlainClient()
    assert imap_module._uid_fetch(client, [5, 6], BODY_ITEMS) == {
        5: {b"SEQ": 5, b"BODY[]": b"x"},
        6: {b"SEQ": 6, b"BODY[]": b"x"},
    }
    assert client.asked == [([5, 6], BODY_ITEMS)]
    assert imap_module._uid_fetch(client, [], BODY_ITEMS) == {}
    assert len(client.asked) == 1  # nothing to ask for: nothing sent
