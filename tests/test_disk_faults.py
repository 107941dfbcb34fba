"""Disk faults under the state database: a read-only state directory, a full disk.

No IMAP: ``app.scan`` over a folder of .eml files, drafts written into a folder.
What must hold:

* the scan stops with a JournalError whose sentence names the journal and says
  what to do;
* nothing is drafted that the journal cannot remember, except the one draft in
  hand when a write fails (the pipeline writes a draft, then records it): the next
  run finds that draft by its X-Rejoinder-Ref and records it, and never writes it
  a second time;
* once the fault is gone, the next scan records everything, one draft per rejection.

The read-only directory is real: root ignores permissions, so when the tests run as
root the scans run in a forked child that has switched to the user ``nobody``. The
full disk is SQLite's own SQLITE_FULL ("database or disk is full"), raised by
capping the journal connection's ``max_page_count`` at the pages the database
already has, so the first write that needs a new page fails mid-run.
"""

from __future__ import annotations

import os
import pickle
import pwd
import re
import shutil
import sqlite3
import tempfile
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from rejoinder.classifier.classify import Classifier, load_classifier
from rejoinder.classifier.corpus.records import load_corpus, record_to_eml
from rejoinder.classifier.message import ParseFailure, parse_message
from rejoinder.classifier.model import shipped_model_dir
from rejoinder.classifier.result import Verdict
from rejoinder.daemon import app
from rejoinder.daemon.compose import Identity
from rejoinder.daemon.config import Config
from rejoinder.daemon.errors import JournalError
from rejoinder.daemon.journal import Journal, JournalEntry
from rejoinder.daemon.pipeline import DraftStatus, Status

ME = Identity("Sam Rivera", "sam.rivera@mailbox.example")
_REF = re.compile(rb"^X-Rejoinder-Ref: (\S+)\r?$", re.MULTILINE)


# --------------------------------------------------------------------------- helpers


@pytest.fixture(scope="module")
def classifier() -> Classifier:
    return load_classifier(model_dir=shipped_model_dir())


@pytest.fixture(scope="module")
def rejections(classifier: Classifier) -> list[bytes]:
    """Raw messages of the corpus' test split that the shipped model drafts a reply to."""
    found: list[bytes] = []
    for record in load_corpus():
        if record.label != "rejection" or record.split != "test":
            continue
        raw = record_to_eml(record)
        parsed = parse_message(raw)
        assert not isinstance(parsed, ParseFailure)
        if classifier.classify(parsed).verdict is Verdict.REJECTION:
            found.append(raw)
        if len(found) == 16:
            return found
    raise AssertionError("the corpus has too few rejections the model recognises")


def write_inbox(base: Path, raws: list[bytes], start: int = 0) -> None:
    inbox = base / "inbox"
    inbox.mkdir(exist_ok=True)
    for number, raw in enumerate(raws, start):
        (inbox / f"{number:03d}.eml").write_bytes(raw)


def journal_path(base: Path) -> Path:
    return base / "state" / "journal.sqlite3"


def scan(base: Path, classifier: Classifier) -> app.ScanSummary:
    return app.scan(
        [base / "inbox"],
        config=Config(path=None),
        drafts_dir=base / "drafts",
        journal_path=journal_path(base),
        classifier=classifier,
        identity=ME,
    )


def drafts(base: Path) -> dict[str, bytes]:
    folder = base / "drafts"
    return {p.name: p.read_bytes() for p in sorted(folder.glob("*.eml"))} if folder.is_dir() else {}


def refs(found: dict[str, bytes]) -> list[str]:
    result = []
    for raw in found.values():
        match = _REF.search(raw.partition(b"\r\n\r\n")[0])
        assert match, "a draft without its X-Rejoinder-Ref"
        result.append(match.group(1).decode())
    return result


def entries(base: Path) -> list[JournalEntry]:
    with Journal.open(journal_path(base)) as journal:
        return journal.entries()


def statuses(summary: app.ScanSummary) -> Counter[Status]:
    return Counter(outcome.status for outcome in summary.outcomes)


# --------------------------------------------------------------------------- full disk


def cap_journal_pages(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    """Every connection to ``path`` may not grow the database by a single page."""
    real_connect = sqlite3.connect

    def connect(database: Any, *args: Any, **kwargs: Any) -> sqlite3.Connection:
        db = real_connect(database, *args, **kwargs)
        if Path(database) == path:
            (pages,) = db.execute("PRAGMA page_count").fetchone()
            db.execute(f"PRAGMA max_page_count = {int(pages)}")
        return db

    monkeypatch.setattr(sqlite3, "connect", connect)


def test_a_full_disk_stops_the_scan_and_the_draft_in_hand_is_recorded_next_time(
    tmp_path: Path,
    classifier: Classifier,
    rejections: list[bytes],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    write_inbox(tmp_path, rejections)
    with Journal.open(journal_path(tmp_path)):
        pass  # created and migrated; nothing recorded yet

    with monkeypatch.context() as patch:
        cap_journal_pages(patch, journal_path(tmp_path))
        with pytest.raises(JournalError) as failure:
            scan(tmp_path, classifier)
    message = str(failure.value)
    assert f"cannot write the journal {journal_path(tmp_path)}" in message
    assert "(database or disk is full)" in message
    assert "free disk space" in message  # what to do

    written, recorded = drafts(tmp_path), entries(tmp_path)
    assert 0 < len(recorded) < len(rejections), "the fault should strike mid-run"
    # Everything recorded has its draft; the one message in hand has a draft on disk
    # that the journal does not know about yet.
    recorded_refs = {entry.draft_ref for entry in recorded}
    unrecorded = [ref for ref in refs(written) if ref not in recorded_refs]
    assert len(unrecorded) == 1
    assert len(written) == len(recorded) + 1
    assert {entry.draft_status for entry in recorded} == {DraftStatus.CREATED.value}

    # The fault is gone: the draft in hand is found by its reference and recorded.
    second = scan(tmp_path, classifier)
    assert statuses(second) == {
        Status.ALREADY_PROCESSED: len(recorded),
        Status.REJECTION: len(rejections) - len(recorded),
    }
    after = drafts(tmp_path)
    assert {name: after.get(name) for name in written} == written  # untouched
    assert len(after) == len(rejections)
    assert len(set(refs(after))) == len(rejections)  # one draft per rejection
    by_ref = {entry.draft_ref: entry for entry in entries(tmp_path)}
    assert set(by_ref) == set(refs(after))
    assert by_ref[unrecorded[0]].draft_status == DraftStatus.FOUND.value
    assert len(second.drafts_written) == len(rejections) - len(recorded) - 1

    third = scan(tmp_path, classifier)
    assert statuses(third) == {Status.ALREADY_PROCESSED: len(rejections)}
    assert drafts(tmp_path) == after


def test_the_full_disk_simulation_fails_writes_only() -> None:
    """The cap really makes SQLite report a full database, and reading still works."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "db.sqlite3"
        db = sqlite3.connect(path)
        db.execute("CREATE TABLE t (x TEXT)")
        db.commit()
        (pages,) = db.execute("PRAGMA page_count").fetchone()
        db.execute(f"PRAGMA max_page_count = {pages}")
        with pytest.raises(sqlite3.OperationalError, match="database or disk is full"):
            db.executemany("INSERT INTO t VALUES (?)", [("x" * 1000,)] * 100)
        assert db.execute("SELECT COUNT(*) FROM t").fetchone() == (0,)
        db.close()


# --------------------------------------------------------------------------- read-only state


def nobody() -> pwd.struct_passwd | None:
    try:
        return pwd.getpwnam("nobody")
    except KeyError:
        return None


@pytest.fixture
def user_dir(tmp_path: Path) -> Iterator[Path]:
    """A folder the unprivileged user owns (tmp_path's parents are root's, mode 0700)."""
    if os.geteuid() != 0:
        yield tmp_path
        return
    user = nobody()
    if user is None:
        pytest.skip("running as root and there is no user 'nobody' to drop to")
    base = Path(tempfile.mkdtemp(prefix="rejoinder-faults-"))
    os.chown(base, user.pw_uid, user.pw_gid)
    try:
        yield base
    finally:
        shutil.rmtree(base, ignore_errors=True)


def as_user(base: Path, action: Callable[[], dict[str, Any]]) -> dict[str, Any]:
    """Run ``action`` as an unprivileged user: in this process when it is not root,
    else in a forked child that switched to ``nobody`` (whose XDG folders live in base)."""
    if os.geteuid() != 0:
        return action()
    user = nobody()
    assert user is not None
    for path in [base, *base.rglob("*")]:
        os.chown(path, user.pw_uid, user.pw_gid)
    reader, writer = os.pipe()
    child = os.fork()
    if child == 0:  # pragma: no cover - the child reports through the pipe
        status = 1
        try:
            os.close(reader)
            os.setgroups([])
            os.setgid(user.pw_gid)
            os.setuid(user.pw_uid)
            for name in ("XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME"):
                os.environ[name] = str(base / "xdg" / name.lower())
            try:
                result = action()
            except Exception as error:
                result = {"error": type(error).__name__, "text": str(error)}
            with os.fdopen(writer, "wb") as pipe:
                pickle.dump(result, pipe)
            status = 0
        finally:
            os._exit(status)
    os.close(writer)
    with os.fdopen(reader, "rb") as pipe:
        data = pipe.read()
    _, status = os.waitpid(child, 0)
    assert status == 0, "the unprivileged child failed before it could report"
    result: dict[str, Any] = pickle.loads(data)
    return result


def scan_as_user(base: Path, classifier: Classifier) -> dict[str, Any]:
    def action() -> dict[str, Any]:
        try:
            summary = scan(base, classifier)
        except JournalError as error:
            return {"error": "JournalError", "text": str(error)}
        return {"statuses": dict(Counter(o.status.value for o in summary.outcomes))}

    return as_user(base, action)


@pytest.fixture
def warmed_up(classifier: Classifier, rejections: list[bytes]) -> None:
    """One ordinary scan first, so that every module the scan imports lazily is loaded
    before a child drops to a user who cannot read this Python's files."""
    with tempfile.TemporaryDirectory() as folder:
        base = Path(folder)
        write_inbox(base, rejections[:2])
        scan(base, classifier)


@pytest.mark.parametrize("journal_exists", [False, True], ids=["new-journal", "existing-journal"])
@pytest.mark.usefixtures("warmed_up")
def test_a_read_only_state_directory_stops_the_scan_before_any_draft(
    user_dir: Path, classifier: Classifier, rejections: list[bytes], journal_exists: bool
) -> None:
    base, state = user_dir, user_dir / "state"
    state.mkdir()
    write_inbox(base, rejections[:3])
    expected = 3
    if journal_exists:
        assert scan_as_user(base, classifier) == {"statuses": {"rejection": 3}}
        write_inbox(base, rejections[3:6], start=3)  # new mail while the fault is on
        expected = 6
    before = drafts(base)

    state.chmod(0o500)
    result = scan_as_user(base, classifier)
    assert result["error"] == "JournalError"
    assert f"cannot open the journal {journal_path(base)}" in result["text"]
    assert "permissions" in result["text"]  # what to do
    assert drafts(base) == before  # nothing drafted that could not be recorded

    state.chmod(0o700)
    result = scan_as_user(base, classifier)
    counts = {"rejection": expected - len(before)}
    if before:
        counts["already_processed"] = len(before)
    assert result == {"statuses": counts}
    after = drafts(base)
    assert len(after) == expected
    assert len(set(refs(after))) == expected
    assert {entry.draft_ref for entry in entries(base)} == set(refs(after))
