"""The one small mailbox interface, and its local (file, Maildir, mbox) adapters.

A mailbox is where messages are read from and where drafts are written to.
Adapters never change the messages they read. The IMAP adapter lives in
``rejoinder.daemon.imap`` and satisfies the same protocol; both share one
contract test (tests/test_mailbox_contract.py).
"""

from __future__ import annotations

import hashlib
import itertools
import logging
import os
import re
import secrets
import socket
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import BinaryIO, Protocol

from rejoinder.daemon.errors import InputError, MailboxError

logger = logging.getLogger(__name__)

__all__ = [
    "REF_HEADER",
    "LocalMailbox",
    "Mailbox",
    "RawMessage",
    "SourceProblem",
    "open_local",
]


@dataclass(frozen=True)
class RawMessage:
    # Stable identity inside the mailbox: "path" (.eml), "path#3" (mbox, 1-based),
    # "maildir#unique" (Maildir: the file's unique name, which survives new/ -> cur/
    # moves and flag changes), "INBOX;v=1;uid=17" (IMAP).
    key: str
    raw: bytes
    folder: str  # folder (IMAP) or source path (local)
    uid: int | None = None  # IMAP UID; None for local sources
    internal_date: datetime | None = None


class Mailbox(Protocol):
    def messages(self) -> Iterator[RawMessage]:
        """Every message of the watched sources, oldest first. Reading changes nothing."""
        ...

    def has_draft(self, ref: str) -> bool:
        """True when a draft carrying this idempotency reference already exists."""
        ...

    def add_draft(self, draft: bytes, ref: str) -> str:
        """Store a draft (flags \\Draft and \\Seen where the store has flags); return where."""
        ...


# --------------------------------------------------------------------------- local sources

REF_HEADER = "X-Rejoinder-Ref"
MAX_LOCAL_MESSAGE_BYTES = 100 * 1024 * 1024  # larger files are reported, not loaded
_REF_HEADER_PATTERN = re.compile(
    rb"^x-rejoinder-ref[ \t]*:[ \t]*([^\r\n]*(?:\r?\n[ \t][^\r\n]*)*)", re.IGNORECASE | re.MULTILINE
)
_HEADER_PEEK_BYTES = 64 * 1024
_MBOX_ENVELOPE = re.compile(rb"From \S+[ \t]")
_MBOXRD_ESCAPED = re.compile(rb">+From ")
_DIGITS = re.compile(r"(\d+)")


@dataclass(frozen=True)
class SourceProblem:
    """A source (or one file in it) that could not be read; reading went on without it."""

    path: Path
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


ProblemCallback = Callable[[SourceProblem], None]


def _natural_key(name: str) -> tuple[str | int, ...]:
    """Sort "2" before "10" (numbered files) while keeping plain names alphabetical."""
    return tuple(int(part) if part.isdigit() else part for part in _DIGITS.split(name))


def _is_maildir(path: Path) -> bool:
    return (path / "cur").is_dir() and (path / "new").is_dir()


def _is_mbox(path: Path) -> bool:
    with path.open("rb") as handle:
        return handle.read(5) == b"From "


def _mtime(stat: os.stat_result) -> datetime:
    return datetime.fromtimestamp(stat.st_mtime, tz=UTC)


def _maildir_unique(name: str) -> str:
    """A Maildir file name without its ":2,FLAGS" info part."""
    return name.split(":", 1)[0]


class LocalMailbox:
    """Messages from .eml files, folders of .eml files, Maildirs and mbox files;
    drafts into a Maildir or a plain folder of .eml files.

    Files are only ever opened for reading. Unreadable sources are skipped and
    recorded in ``problems`` (and passed to ``on_problem``) instead of raising.
    """

    def __init__(
        self,
        sources: Sequence[Path],
        drafts_dir: Path,
        on_problem: ProblemCallback | None = None,
    ) -> None:
        self.sources = tuple(sources)
        self.drafts_dir = drafts_dir
        self.problems: list[SourceProblem] = []
        self._on_problem = on_problem
        self._draft_refs: dict[str, str | None] = {}

    # -- reading
    def messages(self) -> Iterator[RawMessage]:
        """All messages, source by source in the given order, oldest first within each."""
        self.problems = []
        for source in self.sources:
            yield from self._read_source(source)

    def _problem(self, path: Path, reason: str) -> None:
        problem = SourceProblem(path, reason)
        self.problems.append(problem)
        logger.warning("skipped unreadable mail source %s", problem)
        if self._on_problem is not None:
            self._on_problem(problem)

    def _read_source(self, source: Path) -> Iterator[RawMessage]:
        try:
            if source.is_dir():
                if _is_maildir(source):
                    yield from self._read_maildir(source)
                else:
                    yield from self._read_eml_dir(source)
            elif not source.exists():
                self._problem(source, "no longer exists")
            elif source.stat().st_size == 0:
                return  # an empty file: an mbox with no messages yet
            elif _is_mbox(source):
                yield from self._read_mbox(source)
            else:
                message = self._read_file(source, key=str(source), folder=str(source))
                if message is not None:
                    yield message
        except OSError as error:
            self._problem(source, error.strerror or type(error).__name__)

    def _read_file(self, path: Path, key: str, folder: str) -> RawMessage | None:
        try:
            stat = path.stat()
            if stat.st_size > MAX_LOCAL_MESSAGE_BYTES:
                self._problem(path, f"larger than {MAX_LOCAL_MESSAGE_BYTES} bytes, skipped")
                return None
            with path.open("rb") as handle:
                raw = handle.read(MAX_LOCAL_MESSAGE_BYTES + 1)
        except OSError as error:
            self._problem(path, error.strerror or type(error).__name__)
            return None
        return RawMessage(key=key, raw=raw, folder=folder, internal_date=_mtime(stat))

    def _listing(self, folder: Path) -> list[Path]:
        """Visible non-folder entries; broken links stay in so that they get reported."""
        try:
            entries = [entry for entry in folder.iterdir() if not entry.name.startswith(".")]
        except OSError as error:
            self._problem(folder, error.strerror or type(error).__name__)
            return []
        return [entry for entry in entries if not entry.is_dir()]

    def _read_eml_dir(self, folder: Path) -> Iterator[RawMessage]:
        files = [path for path in self._listing(folder) if path.suffix.lower() == ".eml"]
        if not files:
            self._problem(folder, "has no .eml files and is not a Maildir (no cur/ and new/)")
        for path in sorted(files, key=lambda path: _natural_key(path.name)):
            message = self._read_file(path, key=str(path), folder=str(folder))
            if message is not None:
                yield message

    def _read_maildir(self, maildir: Path) -> Iterator[RawMessage]:
        # Unique names start with the delivery time, so name order is arrival order;
        # new/ and cur/ are merged because reading a message moves it between them.
        files = self._listing(maildir / "new") + self._listing(maildir / "cur")
        files.sort(key=lambda path: _natural_key(_maildir_unique(path.name)))
        for path in files:
            key = f"{maildir}#{_maildir_unique(path.name)}"
            message = self._read_file(path, key=key, folder=str(maildir))
            if message is not None:
                yield message

    def _read_mbox(self, path: Path) -> Iterator[RawMessage]:
        with path.open("rb") as handle:
            for number, raw in enumerate(_mbox_messages(handle), start=1):
                if raw is None:
                    self._problem(
                        Path(f"{path}#{number}"),
                        f"larger than {MAX_LOCAL_MESSAGE_BYTES} bytes, skipped",
                    )
                    continue
                yield RawMessage(key=f"{path}#{number}", raw=raw, folder=str(path))

    # -- drafts
    def _drafts_maildir(self) -> bool:
        return _is_maildir(self.drafts_dir) and (self.drafts_dir / "tmp").is_dir()

    def _draft_files(self) -> list[Path]:
        if not self.drafts_dir.is_dir():
            return []
        if self._drafts_maildir():
            folders = [self.drafts_dir / "cur", self.drafts_dir / "new"]
            return [path for folder in folders for path in _quiet_listing(folder)]
        return [path for path in _quiet_listing(self.drafts_dir) if path.suffix == ".eml"]

    def _stored_ref(self, path: Path) -> str | None:
        # Cached by path alone: a draft's reference does not change when a mail client
        # edits it, and a stat per draft per message made checks quadratic in the
        # number of drafts (about 0.3 s per message at 5,000 drafts).
        cache_key = str(path)
        if cache_key not in self._draft_refs:
            try:
                with path.open("rb") as handle:
                    self._draft_refs[cache_key] = _ref_in_headers(handle.read(_HEADER_PEEK_BYTES))
            except OSError:
                return None
        return self._draft_refs[cache_key]

    def has_draft(self, ref: str) -> bool:
        """True when a draft whose X-Rejoinder-Ref header equals ``ref`` exists.

        Our drafts carry the ref in their file name, so those files are checked
        first; a full scan still finds drafts that a mail client renamed.
        """
        token = _ref_token(ref)
        files = self._draft_files()
        named = [path for path in files if token in path.name]
        others = [path for path in files if token not in path.name]
        return any(self._stored_ref(path) == ref for path in [*named, *others])

    def add_draft(self, draft: bytes, ref: str) -> str:
        """Write the draft, which must carry ``X-Rejoinder-Ref: ref``; return its path."""
        _check_ref(ref)
        _require_ref_header(draft, ref)
        try:
            if self._drafts_maildir():
                path = _write_maildir_draft(self.drafts_dir, draft, _ref_token(ref))
            else:
                path = _write_eml_draft(self.drafts_dir, draft, _ref_token(ref))
        except OSError as error:
            raise MailboxError(
                f"cannot write a draft into {self.drafts_dir}: {error.strerror or error}",
                "check that the drafts folder is writable and the disk is not full",
            ) from error
        logger.info("wrote draft %s", path)
        return str(path)


def _quiet_listing(folder: Path) -> list[Path]:
    try:
        return [
            entry
            for entry in folder.iterdir()
            if not entry.name.startswith(".") and entry.is_file()
        ]
    except OSError:
        return []


# --------------------------------------------------------------------------- mbox


def _finish_mbox_message(lines: list[bytes]) -> bytes:
    # The writer adds one blank line before the next envelope; it is not message content.
    if lines and lines[-1] in (b"\n", b"\r\n"):
        lines = lines[:-1]
    return b"".join(lines)


def _mbox_messages(handle: BinaryIO) -> Iterator[bytes | None]:
    """Messages of an mbox file in file order (None for one too large to load).

    A "From " line starts a message only at the start of the file or after a blank
    line; mboxrd escaping (">From " -> "From ") is undone.
    """
    lines: list[bytes] = []
    size = 0
    started = False
    previous_blank = True
    for line in handle:
        if previous_blank and line.startswith(b"From ") and _MBOX_ENVELOPE.match(line):
            if started:
                yield None if size > MAX_LOCAL_MESSAGE_BYTES else _finish_mbox_message(lines)
            lines, size, started = [], 0, True
            previous_blank = False
            continue
        previous_blank = line in (b"\n", b"\r\n")
        if not started:
            continue
        if line.startswith(b">") and _MBOXRD_ESCAPED.match(line):
            line = line[1:]
        size += len(line)
        if size <= MAX_LOCAL_MESSAGE_BYTES:
            lines.append(line)
    if started:
        yield None if size > MAX_LOCAL_MESSAGE_BYTES else _finish_mbox_message(lines)


# --------------------------------------------------------------------------- drafts


_DRAFT_REF = re.compile(r"[\x21-\x7e]{1,500}")  # the same rule as the IMAP adapter's


def _check_ref(ref: str) -> None:
    if not _DRAFT_REF.fullmatch(ref):
        raise ValueError("draft references must be 1-500 printable ASCII characters, no spaces")


def _ref_token(ref: str) -> str:
    """A file-name-safe form of the ref; a hash suffix keeps lossy forms distinct."""
    token = re.sub(r"[^A-Za-z0-9_.-]", "_", ref)[:80].strip(".")
    if token != ref:
        token = f"{token}-{hashlib.sha256(ref.encode()).hexdigest()[:12]}"
    return token


def _header_block(data: bytes) -> bytes:
    for separator in (b"\r\n\r\n", b"\n\n"):
        end = data.find(separator)
        if end >= 0:
            return data[:end]
    return data


def _ref_in_headers(data: bytes) -> str | None:
    match = _REF_HEADER_PATTERN.search(_header_block(data))
    if match is None:
        return None
    return " ".join(match.group(1).decode("utf-8", errors="replace").split())


def _require_ref_header(draft: bytes, ref: str) -> None:
    # Without the header has_draft() could never find the draft again, and every
    # scan would write another copy.
    if _ref_in_headers(draft[:_HEADER_PEEK_BYTES]) != ref:
        raise ValueError(f"the draft does not carry the header {REF_HEADER}: {ref}")


def _write_new_file(path: Path, data: bytes) -> None:
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())


_DELIVERIES = itertools.count(1)


def _maildir_unique_name(token: str) -> str:
    """Maildir unique name: time, then process/counter/random, host, and our ref token."""
    now = time.time()
    host = socket.gethostname().replace("/", "\\057").replace(":", "\\072") or "localhost"
    return (
        f"{int(now)}.M{int(now % 1 * 1_000_000)}P{os.getpid()}Q{next(_DELIVERIES)}"
        f"R{secrets.token_hex(4)}.{host},rejoinder={token}"
    )


def _write_maildir_draft(maildir: Path, draft: bytes, token: str) -> Path:
    # Maildir delivery: write under tmp/, then rename into place, so readers never
    # see a half-written message. Flags D (draft) and S (seen).
    unique = _maildir_unique_name(token)
    temporary = maildir / "tmp" / unique
    _write_new_file(temporary, draft)
    final = maildir / "cur" / f"{unique}:2,DS"
    os.rename(temporary, final)
    return final


def _write_eml_draft(folder: Path, draft: bytes, token: str) -> Path:
    if not folder.exists():
        folder.mkdir(parents=True, mode=0o700)
        folder.chmod(0o700)  # mkdir's mode is reduced by the umask
    temporary = folder / f".tmp-{secrets.token_hex(8)}"
    _write_new_file(temporary, draft)
    try:
        for attempt in range(1, 1000):
            final = folder / (f"{token}.eml" if attempt == 1 else f"{token}-{attempt}.eml")
            try:
                os.link(temporary, final)  # atomic, and never replaces an existing draft
            except FileExistsError:
                continue
            return final
        raise FileExistsError(f"too many drafts named {token}*.eml")
    finally:
        temporary.unlink(missing_ok=True)


# --------------------------------------------------------------------------- opening


def open_local(
    paths: Sequence[Path],
    drafts_dir: Path,
    *,
    on_problem: ProblemCallback | None = None,
) -> LocalMailbox:
    """A mailbox over local files: each path may be an .eml file, a folder of .eml
    files, a Maildir (cur/ and new/; Maildir++ subfolders only if given) or an mbox
    file. Drafts go into ``drafts_dir``: as Maildir messages when it is a Maildir
    (cur/, new/, tmp/), else as ``<ref>.eml`` files (the folder is created, mode 0700).

    Raises InputError when a path does not exist or ``drafts_dir`` is not a folder.
    """
    for path in paths:
        if not path.exists():
            raise InputError(
                f"mail source {path} does not exist",
                "check the path (an .eml file, a folder of .eml files, a Maildir or an mbox file)",
            )
    if drafts_dir.exists() and not drafts_dir.is_dir():
        raise InputError(
            f"drafts folder {drafts_dir} is a file, not a folder",
            "give a folder (it is created if missing) or a Maildir",
        )
    return LocalMailbox(paths, drafts_dir, on_problem)
