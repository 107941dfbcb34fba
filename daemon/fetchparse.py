"""Reading FETCH responses of the shapes the daemon asks for, quickly.

A first run reads every message of a folder twice over (a header window, then
the bodies), and the general IMAP response parser spends more time tokenising
those responses, byte by byte, than the server spends sending them. The daemon
only ever asks for a few items -- UID, RFC822.SIZE, INTERNALDATE, FLAGS and
``BODY[...]`` sections, which come back as numbers, one quoted date, one flag
list and literals -- so this reads exactly those shapes, from the records
imaplib hands over, and gives up (returns None) on anything else: the caller
then uses the general parser on the same records. Nothing is ever guessed.

The result has the general parser's shape (imapclient's ``parse_fetch_response``,
with ``normalise_times`` off and UIDs as keys), which a test checks response for
response against a real server.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime, timedelta, timezone

Record = bytes | tuple[bytes, bytes]
Values = dict[bytes, object]

_START = re.compile(rb"(\d+) \(")
# An item name: an atom, with a [section] (which may hold a parenthesised list of
# header names) and a <partial> origin.
_NAME = re.compile(rb" ?([A-Za-z0-9.]+(?:\[[^\]\r\n]*\])?(?:<\d+>)?) ")
_NUMBER = re.compile(rb"(\d+)(?=[ )])")
_QUOTED = re.compile(rb'"([^"\\\r\n]*)"')
_FLAGS = re.compile(rb"\(((?:[^()\"{}\\\r\n]|\\[^()\"{}\\\r\n])*)\)")
_LITERAL_TAIL = re.compile(rb"\{(\d+)\}$")
_NIL = b"NIL"

_MONTHS = {
    month: number
    for number, month in enumerate(b"JAN FEB MAR APR MAY JUN JUL AUG SEP OCT NOV DEC".split(), 1)
}
_DATE = re.compile(rb" ?(\d{1,2})-([A-Za-z]{3})-(\d{4}) (\d\d):(\d\d):(\d\d) ([+-])(\d\d)(\d\d)")


def parse_fetch(records: Sequence[Record]) -> dict[int, Values] | None:
    """UID -> item -> value for every message in ``records``; None for any shape
    this does not read (the caller falls back to the general parser)."""
    parsed: dict[int, Values] = {}
    for message in _messages(records):
        if message is None:
            return None
        values = _message(message)
        if values is None:
            return None
        uid = values.pop(b"UID", None)
        if not isinstance(uid, int) or uid in parsed:
            return None  # unsolicited (no UID) or split responses: the general parser merges them
        parsed[uid] = values
    return parsed


def _messages(records: Sequence[Record]) -> list[list[bytes] | None]:
    """Group imaplib's records by response: [text, literal, text, literal, ..., text].

    imaplib returns a response with literals as (text ending in {n}, literal) pairs,
    the text after the last literal as a separate record; a new response starts
    with its sequence number.
    """
    messages: list[list[bytes] | None] = []
    current: list[bytes] | None = None
    for record in records:
        head, literal = (record[0], record[1]) if isinstance(record, tuple) else (record, None)
        if not isinstance(head, bytes) or (literal is not None and not isinstance(literal, bytes)):
            return [None]
        if head[:1].isdigit():
            current = [head]
            messages.append(current)
        elif current is not None and len(current) % 2 == 0:  # text after a literal
            current.append(head)
        else:
            return [None]
        if literal is not None:
            current.append(literal)
    if any(m is not None and len(m) % 2 == 0 for m in messages):
        return [None]  # a response that ended on a literal: truncated
    return messages


def _message(pieces: list[bytes]) -> Values | None:
    """One response: ``SEQ (NAME value NAME value ...)``."""
    text, literals = pieces[0], pieces[1::2]
    texts = pieces[2::2]
    start = _START.match(text)
    if start is None:
        return None
    values: Values = {b"SEQ": int(start.group(1))}
    pos = start.end()
    piece = 0
    while True:
        if text[pos:].strip() == b")" and piece == len(literals):
            return values
        name = _NAME.match(text, pos)
        if name is None:
            return None
        key = name.group(1).upper()
        pos = name.end()
        value: object
        literal = _LITERAL_TAIL.match(text, pos)
        if literal is not None:
            if piece >= len(literals) or len(literals[piece]) != int(literal.group(1)):
                return None
            value = literals[piece]
            text, pos = texts[piece], 0
            piece += 1
        else:
            found = _value(key, text, pos)
            if found is None:
                return None
            value, pos = found
        values[key] = value


def _value(key: bytes, text: bytes, pos: int) -> tuple[object, int] | None:
    if key in (b"UID", b"RFC822.SIZE"):
        number = _NUMBER.match(text, pos)
        return (int(number.group(1)), number.end()) if number else None
    if key == b"INTERNALDATE":
        quoted = _QUOTED.match(text, pos)
        if quoted is None:
            return None
        return _internal_date(quoted.group(1)), quoted.end()
    if key == b"FLAGS":
        flags = _FLAGS.match(text, pos)
        return (tuple(flags.group(1).split()), flags.end()) if flags else None
    if key.startswith(b"BODY[") and text.startswith(_NIL, pos):
        return None, pos + len(_NIL)
    return None  # anything else (BODYSTRUCTURE, ENVELOPE, quoted bodies...): not ours


def _internal_date(text: bytes) -> datetime | None:
    """``22-Nov-2026 11:52:24 +0000`` as an aware datetime (the server's zone kept);
    None when it does not read as a date, as the general parser does."""
    found = _DATE.fullmatch(text)
    if found is None:
        return None
    day, month, year, hour, minute, second, sign, zone_h, zone_m = found.groups()
    number = _MONTHS.get(month.upper())
    if number is None:
        return None
    offset = timedelta(hours=int(zone_h), minutes=int(zone_m))
    try:
        zone = timezone(-offset if sign == b"-" else offset)
        return datetime(
            int(year), number, int(day), int(hour), int(minute), int(second), tzinfo=zone
        )
    except ValueError:
        return None
