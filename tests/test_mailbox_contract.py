"""One contract, every Mailbox implementation.

Each implementation registers a factory in ``FACTORIES``: given the pytest request,
a private temporary folder and raw messages (oldest first), it returns a Mailbox
seeded with exactly those messages plus a short description. To add one, write
the factory (it may pull any fixture with ``request.getfixturevalue``) and register
it with its marks, as ``imap_factory`` below does::

    FACTORIES["imap"] = Registered(imap_factory, (pytest.mark.imap,))
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NamedTuple

import pytest

from rejoinder.daemon.mailbox import Mailbox, open_local

SeededMailbox = tuple[Mailbox, str]
MailboxFactory = Callable[[pytest.FixtureRequest, Path, Sequence[bytes]], SeededMailbox]
Seeder = Callable[[Sequence[bytes]], SeededMailbox]


class Registered(NamedTuple):
    factory: MailboxFactory
    marks: tuple[pytest.MarkDecorator, ...] = ()


def _message(number: int, body: bytes) -> bytes:
    # CRLF throughout: the form every store (IMAP included) keeps byte for byte.
    headers = (
        f"Message-ID: <contract-{number}@test.example>\r\n"
        f"Date: Mon, {number:02d} Apr 2024 10:00:00 +0000\r\n"
        f"From: Sender {number} <sender{number}@test.example>\r\n"
        "To: me@home.example\r\n"
        f"Subject: contract message {number}\r\n"
        "MIME-Version: 1.0\r\n"
        "Content-Type: text/plain; charset=utf-8\r\n"
        "Content-Transfer-Encoding: 8bit\r\n"
    ).encode()
    return headers + b"\r\n" + body


SEEDS = [
    _message(1, b"Plain first message.\r\n"),
    _message(2, b"A body line that starts like an envelope:\r\nFrom here on it is text.\r\n"),
    _message(3, b">From an already escaped line.\r\n>>From twice.\r\n"),
    _message(4, "Non-ASCII text: Grüße, naïve café, 選考.\r\n".encode()),
    _message(5, b"Ends with a blank line.\r\n\r\n"),
    *(_message(number, b"Filler message %d.\r\n" % number) for number in range(6, 13)),
]
REF = "<contract-1@test.example>/reply"
DRAFT_WITHOUT_REF = (
    b"From: me@home.example\r\nTo: sender1@test.example\r\nSubject: Re: contract message 1\r\n"
    b"In-Reply-To: <contract-1@test.example>\r\n\r\nThank you for letting me know.\r\n"
)
DRAFT = f"X-Rejoinder-Ref: {REF}\r\n".encode() + DRAFT_WITHOUT_REF


def _make_maildir(path: Path) -> Path:
    for sub in ("cur", "new", "tmp"):
        (path / sub).mkdir(parents=True)
    return path


def maildir_factory(
    request: pytest.FixtureRequest, tmp_path: Path, raws: Sequence[bytes]
) -> SeededMailbox:
    inbox = _make_maildir(tmp_path / "Mail" / "INBOX")
    for index, raw in enumerate(raws):
        unique = f"{1_700_000_000 + index * 60}.M{index}P4242.contract"
        # Alternate read (cur/, with flags) and unread (new/) messages.
        target = inbox / "cur" / f"{unique}:2,S" if index % 2 else inbox / "new" / unique
        target.write_bytes(raw)
    drafts = _make_maildir(tmp_path / "Mail" / "Drafts")
    return open_local([inbox], drafts), "Maildir source, Maildir drafts"


def _mboxrd_escape(raw: bytes) -> bytes:
    lines = raw.splitlines(keepends=True)
    return b"".join(
        b">" + line if line.lstrip(b">").startswith(b"From ") else line for line in lines
    )


def mbox_factory(
    request: pytest.FixtureRequest, tmp_path: Path, raws: Sequence[bytes]
) -> SeededMailbox:
    path = tmp_path / "inbox.mbox"
    with path.open("wb") as handle:
        for index, raw in enumerate(raws):
            handle.write(b"From MAILER-DAEMON Mon Apr %2d 10:00:00 2024\n" % (index + 1))
            handle.write(_mboxrd_escape(raw))
            handle.write(b"\r\n")  # the blank line that separates messages
    return open_local([path], tmp_path / "drafts"), "mbox source, plain drafts folder"


def eml_folder_factory(
    request: pytest.FixtureRequest, tmp_path: Path, raws: Sequence[bytes]
) -> SeededMailbox:
    folder = tmp_path / "exported"
    folder.mkdir()
    for index, raw in enumerate(raws, start=1):
        (folder / f"{index}.eml").write_bytes(raw)  # 2.eml must come before 10.eml
    return open_local([folder], tmp_path / "drafts"), ".eml folder source, plain drafts folder"


def imap_factory(
    request: pytest.FixtureRequest, tmp_path: Path, raws: Sequence[bytes]
) -> SeededMailbox:
    # tests/dovecot.py: a fresh account on a real Dovecot, INBOX seeded in order.
    make = request.getfixturevalue("imap_mailbox_factory")
    return make(raws), "IMAP (Dovecot) INBOX, special-use Drafts folder"


FACTORIES: dict[str, Registered] = {
    "maildir": Registered(maildir_factory),
    "mbox": Registered(mbox_factory),
    "eml-folder": Registered(eml_folder_factory),
    "imap": Registered(imap_factory, (pytest.mark.imap,)),
}


@pytest.fixture(
    params=[pytest.param(name, marks=entry.marks, id=name) for name, entry in FACTORIES.items()]
)
def mailbox_factory(request: pytest.FixtureRequest, tmp_path: Path) -> Seeder:
    factory = FACTORIES[request.param].factory
    return lambda raws: factory(request, tmp_path, raws)


# --------------------------------------------------------------------------- the contract


def test_messages_are_the_seeds_byte_identical_oldest_first(mailbox_factory: Seeder) -> None:
    mailbox, description = mailbox_factory(SEEDS)
    assert [message.raw for message in mailbox.messages()] == SEEDS, description


def test_reading_twice_gives_the_same_unique_keys(mailbox_factory: Seeder) -> None:
    mailbox, description = mailbox_factory(SEEDS)
    first = [message.key for message in mailbox.messages()]
    assert first == [message.key for message in mailbox.messages()], description
    assert len(set(first)) == len(SEEDS), description


def test_every_message_names_its_folder(mailbox_factory: Seeder) -> None:
    mailbox, description = mailbox_factory(SEEDS[:2])
    assert all(message.folder for message in mailbox.messages()), description


def test_empty_mailbox_has_no_messages_and_no_drafts(mailbox_factory: Seeder) -> None:
    mailbox, description = mailbox_factory([])
    assert list(mailbox.messages()) == [], description
    assert not mailbox.has_draft(REF), description


def test_added_draft_is_found_by_its_ref_only(mailbox_factory: Seeder) -> None:
    mailbox, description = mailbox_factory(SEEDS)
    assert not mailbox.has_draft(REF), description
    where = mailbox.add_draft(DRAFT, REF)
    assert where, description
    assert mailbox.has_draft(REF), description
    assert not mailbox.has_draft(REF + "-other"), description
    assert not mailbox.has_draft("<contract-2@test.example>/reply"), description


def test_adding_a_draft_changes_no_message(mailbox_factory: Seeder) -> None:
    mailbox, description = mailbox_factory(SEEDS)
    before = [(message.key, message.raw) for message in mailbox.messages()]
    mailbox.add_draft(DRAFT, REF)
    after = [(message.key, message.raw) for message in mailbox.messages()]
    assert after == before, description


def test_draft_must_carry_its_ref(mailbox_factory: Seeder) -> None:
    mailbox, description = mailbox_factory(SEEDS[:1])
    with pytest.raises(ValueError, match="X-Rejoinder-Ref"):
        mailbox.add_draft(DRAFT_WITHOUT_REF, REF)
    with pytest.raises(ValueError, match="X-Rejoinder-Ref"):
        mailbox.add_draft(DRAFT, REF + "-other")
    assert not mailbox.has_draft(REF), description


@pytest.mark.parametrize("bad_ref", ["", "two words", "line\r\nBcc: x@evil.example"])
def test_malformed_refs_are_refused(mailbox_factory: Seeder, bad_ref: str) -> None:
    mailbox, _ = mailbox_factory([])
    with pytest.raises(ValueError, match="draft references"):
        mailbox.add_draft(f"X-Rejoinder-Ref: {bad_ref}\r\n\r\nbody\r\n".encode(), bad_ref)
