"""Local mailbox adapters: .eml files and folders, Maildir, mbox, and drafts."""

from __future__ import annotations

import os
import shutil
import stat
from pathlib import Path

import pytest

from rejoinder.classifier.message import ParsedMessage, parse_message
from rejoinder.daemon.errors import InputError, MailboxError
from rejoinder.daemon.mailbox import (
    LocalMailbox,
    Mailbox,
    SourceProblem,
    open_local,
)

MAIL = Path(__file__).parent / "fixtures" / "mail"
BODY = (
    b"From: me@home.example\r\nTo: hr@company.example\r\nSubject: Re: Your application\r\n"
    b"\r\nThank you for letting me know.\r\n"
)


def draft(ref: str) -> bytes:
    """A draft as the composer writes it: carrying its idempotency reference."""
    return f"X-Rejoinder-Ref: {ref}\r\n".encode() + BODY


@pytest.fixture
def mail(tmp_path: Path) -> Path:
    """A private copy of the fixture mail, so tests can check it is left untouched."""
    copy = tmp_path / "mail"
    shutil.copytree(MAIL, copy)
    return copy


def snapshot(root: Path) -> dict[str, tuple[bytes, int]]:
    return {
        str(path.relative_to(root)): (path.read_bytes(), path.stat().st_mtime_ns)
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def keys(mailbox: LocalMailbox) -> list[str]:
    return [message.key for message in mailbox.messages()]


# --------------------------------------------------------------------------- reading


def test_single_eml_file(mail: Path, tmp_path: Path) -> None:
    path = mail / "plain.eml"
    [message] = open_local([path], tmp_path / "drafts").messages()
    assert message.key == str(path)
    assert message.folder == str(path)
    assert message.raw == path.read_bytes()
    assert message.uid is None
    assert message.internal_date is not None
    assert message.internal_date.tzinfo is not None


def test_eml_folder_in_natural_name_order(tmp_path: Path) -> None:
    folder = tmp_path / "exported"
    folder.mkdir()
    for name in ("10.eml", "2.eml", "b.EML", "a.eml"):
        (folder / name).write_bytes(b"Subject: " + name.encode() + b"\n\nx\n")
    (folder / "notes.txt").write_bytes(b"not mail")
    (folder / ".hidden.eml").write_bytes(b"Subject: hidden\n\nx\n")
    (folder / "sub.eml").mkdir()
    mailbox = open_local([folder], tmp_path / "drafts")
    assert [Path(key).name for key in keys(mailbox)] == ["2.eml", "10.eml", "a.eml", "b.EML"]
    assert {message.folder for message in mailbox.messages()} == {str(folder)}
    assert mailbox.problems == []


def test_maildir_reads_cur_and_new_oldest_first(mail: Path, tmp_path: Path) -> None:
    maildir = mail / "maildir"
    messages = list(open_local([maildir], tmp_path / "drafts").messages())
    assert [message.key for message in messages] == [
        f"{maildir}#1711962000.M1P100.host",
        f"{maildir}#1712048400.M2P100.host",
        f"{maildir}#1712134800.M3P100.host",  # still in new/
    ]
    subjects = []
    for message in messages:
        parsed = parse_message(message.raw)
        assert isinstance(parsed, ParsedMessage)
        subjects.append(parsed.subject)
    assert subjects == ["first", "second", "third"]


def test_maildir_key_survives_a_move_from_new_to_cur(mail: Path, tmp_path: Path) -> None:
    maildir = mail / "maildir"
    mailbox = open_local([maildir], tmp_path / "drafts")
    before = keys(mailbox)
    (maildir / "new" / "1712134800.M3P100.host").rename(
        maildir / "cur" / "1712134800.M3P100.host:2,S"
    )
    assert keys(mailbox) == before


def test_mbox_messages_have_numbered_keys_and_unescaped_bodies(mail: Path, tmp_path: Path) -> None:
    path = mail / "inbox.mbox"
    messages = list(open_local([path], tmp_path / "drafts").messages())
    assert [message.key for message in messages] == [f"{path}#1", f"{path}#2", f"{path}#3"]
    assert all(message.folder == str(path) for message in messages)
    first = messages[0].raw
    assert first.startswith(b"Message-ID: <maildir-1@local.example>\n")  # envelope dropped
    assert first.endswith(b"Body number 1.\n")  # separator blank line dropped
    assert b"\nFrom the archive, with love.\n" in messages[1].raw  # mboxrd ">From " undone


def test_mixed_sources_keep_the_given_order(mail: Path, tmp_path: Path) -> None:
    sources = [mail / "inbox.mbox", mail / "plain.eml", mail / "maildir"]
    found = keys(open_local(sources, tmp_path / "drafts"))
    assert len(found) == 7
    assert found[0].endswith("inbox.mbox#1")
    assert found[3] == str(mail / "plain.eml")
    assert found[4].endswith("#1711962000.M1P100.host")


def test_reading_twice_gives_the_same_messages(mail: Path, tmp_path: Path) -> None:
    mailbox = open_local([mail, mail / "maildir", mail / "inbox.mbox"], tmp_path / "drafts")
    first = [(message.key, message.raw) for message in mailbox.messages()]
    assert first == [(message.key, message.raw) for message in mailbox.messages()]
    assert len({key for key, _ in first}) == len(first)


def test_missing_path_is_an_input_error_naming_it(tmp_path: Path) -> None:
    missing = tmp_path / "no" / "such.mbox"
    with pytest.raises(InputError) as caught:
        open_local([missing], tmp_path / "drafts")
    assert str(missing) in str(caught.value)
    assert caught.value.fix
    assert caught.value.exit_code == 66


def test_drafts_path_that_is_a_file_is_an_input_error(mail: Path) -> None:
    with pytest.raises(InputError, match=r"plain\.eml"):
        open_local([mail / "inbox.mbox"], mail / "plain.eml")


def test_unreadable_entries_are_reported_and_skipped(mail: Path, tmp_path: Path) -> None:
    folder = tmp_path / "exported"
    folder.mkdir()
    shutil.copy(mail / "plain.eml", folder / "1.eml")
    (folder / "2.eml").symlink_to(folder / "gone.eml")  # dangling link: cannot be opened
    shutil.copy(mail / "no_from.eml", folder / "3.eml")
    seen: list[SourceProblem] = []
    mailbox = open_local([folder], tmp_path / "drafts", on_problem=seen.append)
    assert [Path(key).name for key in keys(mailbox)] == ["1.eml", "3.eml"]
    assert [problem.path for problem in mailbox.problems] == [folder / "2.eml"]
    assert seen == mailbox.problems
    assert str(folder / "2.eml") in str(seen[0])


def test_unreadable_source_file_is_reported(
    mail: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = mail / "plain.eml"
    real_open = Path.open

    def refusing_open(self: Path, *args: object, **kwargs: object) -> object:
        if self == target:
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(Path, "open", refusing_open)
    mailbox = open_local([target, mail / "no_from.eml"], tmp_path / "drafts")
    assert keys(mailbox) == [str(mail / "no_from.eml")]
    assert mailbox.problems == [SourceProblem(target, "Permission denied")]


def test_folder_without_mail_is_reported(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    mailbox = open_local([empty], tmp_path / "drafts")
    assert keys(mailbox) == []
    assert [problem.path for problem in mailbox.problems] == [empty]


def test_empty_file_is_an_empty_mailbox(tmp_path: Path) -> None:
    empty = tmp_path / "empty.mbox"
    empty.write_bytes(b"")
    mailbox = open_local([empty], tmp_path / "drafts")
    assert keys(mailbox) == []
    assert mailbox.problems == []


def test_mbox_from_line_in_body_without_blank_line_is_not_a_separator(tmp_path: Path) -> None:
    path = tmp_path / "box"
    path.write_bytes(
        b"From a@x Mon Apr  1 10:00:00 2024\nSubject: one\n\ntext\nFrom here on, more text\n\n"
        b"From b@x Tue Apr  2 10:00:00 2024\nSubject: two\n\nsecond\n"
    )
    messages = list(open_local([path], tmp_path / "drafts").messages())
    assert [message.raw for message in messages] == [
        b"Subject: one\n\ntext\nFrom here on, more text\n",
        b"Subject: two\n\nsecond\n",
    ]


# --------------------------------------------------------------------------- drafts


def test_plain_drafts_folder_is_created_private(mail: Path, tmp_path: Path) -> None:
    drafts = tmp_path / "state" / "drafts"
    mailbox = open_local([mail / "plain.eml"], drafts)
    assert not mailbox.has_draft("ref-1")
    where = Path(mailbox.add_draft(draft("ref-1"), "ref-1"))
    assert where == drafts / "ref-1.eml"
    assert stat.S_IMODE(drafts.stat().st_mode) == 0o700
    assert stat.S_IMODE(where.stat().st_mode) == 0o600
    assert where.read_bytes() == draft("ref-1")
    assert mailbox.has_draft("ref-1")
    assert not mailbox.has_draft("ref-2")
    assert not mailbox.has_draft("ref")  # a prefix of a stored ref is another ref
    assert [path.name for path in drafts.iterdir()] == ["ref-1.eml"]  # no temp files left


def test_ref_with_unsafe_characters_gets_a_safe_unique_name(tmp_path: Path) -> None:
    mailbox = open_local([], tmp_path / "drafts")
    first = Path(mailbox.add_draft(draft("<abc/1@x.example>"), "<abc/1@x.example>"))
    second = Path(mailbox.add_draft(draft("<abc:1@x.example>"), "<abc:1@x.example>"))
    assert first.parent == second.parent == tmp_path / "drafts"
    assert first != second
    assert "/" not in first.name.removesuffix(".eml")
    assert ":" not in second.name
    assert mailbox.has_draft("<abc/1@x.example>")
    assert mailbox.has_draft("<abc:1@x.example>")
    assert not mailbox.has_draft("<abc_1@x.example>")


def test_existing_draft_file_is_never_overwritten(tmp_path: Path) -> None:
    drafts = tmp_path / "drafts"
    drafts.mkdir()
    (drafts / "ref-1.eml").write_bytes(b"Subject: the user's own file\n\n")
    mailbox = open_local([], drafts)
    where = Path(mailbox.add_draft(draft("ref-1"), "ref-1"))
    assert where.name == "ref-1-2.eml"
    assert (drafts / "ref-1.eml").read_bytes() == b"Subject: the user's own file\n\n"
    assert mailbox.has_draft("ref-1")


def test_maildir_drafts_go_to_cur_with_draft_and_seen_flags(tmp_path: Path) -> None:
    drafts = tmp_path / "Drafts"
    for sub in ("cur", "new", "tmp"):
        (drafts / sub).mkdir(parents=True)
    mailbox = open_local([], drafts)
    where = Path(mailbox.add_draft(draft("ref-9"), "ref-9"))
    assert where.parent == drafts / "cur"
    assert where.name.endswith(":2,DS")
    assert "ref-9" in where.name
    assert list((drafts / "tmp").iterdir()) == []
    assert list((drafts / "new").iterdir()) == []
    assert mailbox.has_draft("ref-9")
    assert not mailbox.has_draft("ref-8")


def test_has_draft_finds_a_renamed_draft_by_header(tmp_path: Path) -> None:
    drafts = tmp_path / "Drafts"
    for sub in ("cur", "new", "tmp"):
        (drafts / sub).mkdir(parents=True)
    mailbox = open_local([], drafts)
    where = Path(mailbox.add_draft(draft("ref-5"), "ref-5"))
    where.rename(drafts / "cur" / "1700000000.edited-by-client:2,DS")
    assert mailbox.has_draft("ref-5")


def test_has_draft_reads_folded_header_written_by_others(tmp_path: Path) -> None:
    drafts = tmp_path / "drafts"
    drafts.mkdir()
    (drafts / "other.eml").write_bytes(
        b"Subject: x\r\nX-REJOINDER-REF:\r\n  long-ref\r\n\r\nbody\r\n"
    )
    assert open_local([], drafts).has_draft("long-ref")


def test_draft_without_its_ref_header_is_refused(tmp_path: Path) -> None:
    mailbox = open_local([], tmp_path / "drafts")
    with pytest.raises(ValueError, match="X-Rejoinder-Ref"):
        mailbox.add_draft(BODY, "ref-1")
    with pytest.raises(ValueError, match="X-Rejoinder-Ref"):
        mailbox.add_draft(draft("other"), "ref-1")
    with pytest.raises(ValueError, match="printable"):
        mailbox.add_draft(draft("ref"), "ref\r\nBcc: x@evil.example")
    assert not (tmp_path / "drafts").exists()


def test_draft_is_stored_byte_for_byte(tmp_path: Path) -> None:
    lf_draft = draft("ref-1").replace(b"\r\n", b"\n")
    where = Path(open_local([], tmp_path / "drafts").add_draft(lf_draft, "ref-1"))
    assert where.read_bytes() == lf_draft


def test_unwritable_drafts_folder_is_a_mailbox_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full_disk(*args: object, **kwargs: object) -> int:
        raise OSError(28, "No space left on device")

    mailbox = open_local([], tmp_path / "drafts")
    monkeypatch.setattr(os, "open", full_disk)
    with pytest.raises(MailboxError, match="No space left on device") as caught:
        mailbox.add_draft(draft("ref-1"), "ref-1")
    assert caught.value.fix


def test_reading_and_drafting_leave_sources_unchanged(mail: Path, tmp_path: Path) -> None:
    before = snapshot(mail)
    drafts = tmp_path / "Drafts"
    for sub in ("cur", "new", "tmp"):
        (drafts / sub).mkdir(parents=True)
    for drafts_dir in (drafts, tmp_path / "plain-drafts"):
        mailbox = open_local([mail, mail / "maildir", mail / "inbox.mbox"], drafts_dir)
        for number, _ in enumerate(mailbox.messages()):
            ref = f"ref-{number}"
            mailbox.add_draft(draft(ref), ref)
        assert list(mailbox.messages())
    assert snapshot(mail) == before


def test_local_mailbox_satisfies_the_protocol(tmp_path: Path) -> None:
    mailbox: Mailbox = open_local([], tmp_path / "drafts")
    assert list(mailbox.messages()) == []
