"""Hostile input at scale: the messages of tests/hostile.py through the real pipeline.

Every message goes through ``Pipeline.process`` with the real classifier, a real
journal and a local mailbox that writes drafts into a folder. For each one:

* the pipeline neither raises nor reports a failure: the message is classified,
  or recorded as unparseable, and the journal says so (checked at the end);
* a message sharing the identity of an earlier one is not processed twice;
* a rejection gets a draft, and the draft file re-parses with exactly the
  expected header set: no Bcc, no extra To, no header value carrying CR, LF,
  NUL or another control character, no recipient in the smuggled domain
  (unless the message body itself names that address);
* it stays within the issue's per-message bounds, 1 s and 100 MB.

The bounds are limits that catch pathological behaviour without depending on
how busy the machine is: the time bound applies to the CPU time the process
spends on the message (a wall-clock alarm at ``WALL_LIMIT`` also stops a message
that hangs without using CPU); the memory bound applies to the growth of peak
RSS while the message is processed (the high-water mark is reset before each
message through /proc/self/clear_refs). The worker processes of the full run
also cap their address space, so a runaway allocation fails as MemoryError
instead of exhausting the machine. The measured maxima are printed.

The full run (10,000 messages, marker ``slow``) runs this file as a script in
two worker processes, one per half of the messages (``python
tests/test_hostile.py --shard 0 --shards 2 ...``) and takes about two and a half
minutes here; an unmarked test runs a sample of 266 messages, every giant among
them, in the test process (about 10 s). Journals and drafts go to tmpfs when there
is one, so the figures are the pipeline's rather than this disk's fsync latency.
"""

from __future__ import annotations

import argparse
import ctypes
import email
import email.policy
import hashlib
import json
import logging
import os
import resource
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
import traceback
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from types import FrameType
from typing import Any

import pytest
from hostile import SMUGGLED, TOTAL, USER, HostileMessage, family_ranges, hostile_messages
from hostile_headers import check_draft

from rejoinder.classifier.classify import Classifier, load_classifier
from rejoinder.classifier.message import message_identity
from rejoinder.classifier.model import shipped_model_dir
from rejoinder.daemon.compose import Draft, DraftSettings, Identity
from rejoinder.daemon.journal import Journal
from rejoinder.daemon.mailbox import RawMessage, open_local
from rejoinder.daemon.pipeline import DraftStatus, Outcome, Pipeline, Status
from rejoinder.daemon.templating import TemplateSet

ACCOUNT = "hostile"
CPU_LIMIT = 1.0  # seconds of CPU per message (the 1 s)
WALL_LIMIT = 10.0  # seconds on the clock: a message still running then is stopped
MEMORY_LIMIT_MB = 100.0  # peak RSS growth per message (the 100 MB)
ADDRESS_SPACE_HEADROOM = 2 * 1024**3  # worker processes: virtual memory beyond the start
SHARDS = 2
WORKER_TIMEOUT = 900  # seconds for one worker of the full run; it takes about 2 minutes
DRAFTED = (DraftStatus.CREATED, DraftStatus.NEEDS_RECIPIENT)
JOURNALLED = (Status.REJECTION, Status.UNSURE, Status.POSITION_CLOSED)
MAX_PROBLEMS_KEPT = 50


class Overrun(BaseException):
    """Raised by the wall-clock alarm. Not an Exception, so the pipeline's guard (which
    turns a crashing message into a FAILED outcome) lets it through."""


def _overrun(signum: int, frame: FrameType | None) -> None:
    raise Overrun


def _status_kb(field_name: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field_name + ":"):
            return int(line.split()[1])
    raise LookupError(field_name)


class MemoryProbe:
    """Peak RSS growth while one message is processed.

    Linux lets a process reset its RSS high-water mark (VmHWM) by writing "5" to
    /proc/self/clear_refs; where that is refused, the growth of ru_maxrss is used,
    which only sees new peaks of the whole process (a lower bound). Before each
    message the C heap is trimmed (glibc's malloc_trim), so memory freed by earlier
    messages is not silently reused and left out of the count."""

    def __init__(self) -> None:
        try:
            self._trim: Callable[[int], int] | None = ctypes.CDLL("libc.so.6").malloc_trim
        except (OSError, AttributeError):
            self._trim = None
        try:
            Path("/proc/self/clear_refs").write_text("5")
            self.method = "peak RSS, reset per message"
        except OSError:
            self.method = "ru_maxrss growth (lower bound)"
        if self._trim is not None:
            self.method += ", heap trimmed first"

    def start(self) -> int:
        if self._trim is not None:
            self._trim(0)
        if self.method.startswith("peak"):
            Path("/proc/self/clear_refs").write_text("5")
            return _status_kb("VmRSS")
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss

    def extra_mb(self, start_kb: int) -> float:
        if self.method.startswith("peak"):
            return (_status_kb("VmHWM") - start_kb) / 1024
        return (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - start_kb) / 1024


@dataclass
class Peak:
    value: float = 0.0
    name: str = ""

    def update(self, value: float, name: str) -> None:
        if value >= self.value:
            self.value, self.name = value, name


@dataclass
class RunReport:
    messages: int = 0
    drafts: int = 0
    statuses: Counter[str] = field(default_factory=Counter)
    family_messages: Counter[str] = field(default_factory=Counter)
    family_drafts: Counter[str] = field(default_factory=Counter)
    wall: Peak = field(default_factory=Peak)
    cpu: Peak = field(default_factory=Peak)
    memory_mb: Peak = field(default_factory=Peak)
    memory_method: str = ""
    seconds: float = 0.0
    problems: list[str] = field(default_factory=list)
    problem_count: int = 0

    def problem(self, text: str) -> None:
        self.problem_count += 1
        if len(self.problems) < MAX_PROBLEMS_KEPT:
            self.problems.append(text)

    def to_json(self) -> str:
        # asdict() would rebuild each Counter from (key, value) pairs, counting the pairs.
        data = {name: getattr(self, name) for name in self.__dataclass_fields__}
        for name in ("wall", "cpu", "memory_mb"):
            data[name] = asdict(data[name])
        return json.dumps(data)

    @classmethod
    def from_json(cls, text: str) -> RunReport:
        data: dict[str, Any] = json.loads(text)
        for name in ("statuses", "family_messages", "family_drafts"):
            data[name] = Counter(data[name])
        for name in ("wall", "cpu", "memory_mb"):
            data[name] = Peak(**data[name])
        return cls(**data)

    @classmethod
    def merged(cls, reports: Sequence[RunReport]) -> RunReport:
        total = cls(memory_method=reports[0].memory_method if reports else "")
        for report in reports:
            total.messages += report.messages
            total.drafts += report.drafts
            total.statuses += report.statuses
            total.family_messages += report.family_messages
            total.family_drafts += report.family_drafts
            for name in ("wall", "cpu", "memory_mb"):
                peak: Peak = getattr(report, name)
                getattr(total, name).update(peak.value, peak.name)
            total.seconds = max(total.seconds, report.seconds)
            total.problems += report.problems
            total.problem_count += report.problem_count
        return total

    def summary(self) -> str:
        families = ", ".join(
            f"{name} {self.family_drafts[name]}/{count}"
            for name, count in sorted(self.family_messages.items())
        )
        return (
            f"{self.messages} hostile messages in {self.seconds:.0f} s; "
            f"statuses {dict(sorted(self.statuses.items()))}; {self.drafts} drafts "
            f"(drafts/messages per family: {families}).\n"
            f"  max per message: {self.wall.value:.3f} s wall ({self.wall.name}), "
            f"{self.cpu.value:.3f} s CPU ({self.cpu.name}), "
            f"{self.memory_mb.value:.1f} MB extra memory ({self.memory_mb.name}; "
            f"{self.memory_method}). Limits: {CPU_LIMIT} s CPU, {WALL_LIMIT} s wall, "
            f"{MEMORY_LIMIT_MB} MB."
        )


def rfc_unfolded(draft: Draft) -> Draft:
    """The draft with a Subject folded right after its colon put back on one line.

    Python folds a Subject that fits a line by itself, but not after "Subject: ", as
    "Subject:\r\n Re: ...". RFC 5322 unfolding reads that exactly as "Subject: Re: ...",
    while email.policy.default keeps the leading space, so check_draft's Subject
    comparison would fail a well-formed draft. Only that one fold is undone."""
    return replace(draft, raw=draft.raw.replace(b"\r\nSubject:\r\n ", b"\r\nSubject: ", 1))


def failed_assertion(error: AssertionError) -> str:
    """The assertion's message, else the source line that failed."""
    if str(error):
        return str(error)
    frames = traceback.extract_tb(error.__traceback__)
    return f"{frames[-1].filename.rsplit('/', 1)[-1]}:{frames[-1].lineno}: {frames[-1].line}"


def shipped_classifier() -> Classifier:
    return load_classifier(model_dir=shipped_model_dir())


class HostileRun:
    """One pipeline over a fresh journal and drafts folder, fed message by message."""

    def __init__(
        self, workdir: Path, classifier: Classifier, wall_limit: float = WALL_LIMIT
    ) -> None:
        self.wall_limit = wall_limit
        self.journal_path = workdir / "journal.sqlite3"
        self.journal = Journal.open(self.journal_path)
        self.mailbox = open_local([], workdir / "drafts")
        self.pipeline = Pipeline(
            account=ACCOUNT,
            classifier=classifier,
            journal=self.journal,
            identity=Identity("Sam Rivera", USER),
            settings=DraftSettings(),
            templates=TemplateSet.load(None),
        )
        self.probe = MemoryProbe()
        self.report = RunReport(memory_method=self.probe.method)
        self.started = time.perf_counter()
        self.identities: set[str] = set()
        self.identity_of: dict[int, str] = {}  # index -> identity, for classified messages
        self.expected_verdicts: dict[str, str] = {}  # source key -> processed.verdict
        self.unparseable: dict[bytes, str] = {}  # raw digest -> latest source key
        self.expected_entries: dict[str, tuple[str | None, str | None]] = {}

    def feed_all(self, messages: Iterable[HostileMessage]) -> RunReport:
        for message in messages:
            self.feed(message)
        return self.finish()

    def _process(self, item: RawMessage) -> tuple[Outcome | None, float, float, float]:
        start_kb = self.probe.start()
        previous = signal.signal(signal.SIGALRM, _overrun)
        signal.setitimer(signal.ITIMER_REAL, self.wall_limit)
        started, cpu_started = time.perf_counter(), time.process_time()
        outcome: Outcome | None = None
        try:
            outcome = self.pipeline.process(self.mailbox, item)
        except Overrun:
            pass
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)
        wall = time.perf_counter() - started
        cpu = time.process_time() - cpu_started
        return outcome, wall, cpu, self.probe.extra_mb(start_kb)

    def feed(self, message: HostileMessage) -> None:
        name, report = message.name, self.report
        item = RawMessage(key=name, raw=message.raw, folder="hostile")
        outcome, wall, cpu, extra_mb = self._process(item)
        report.messages += 1
        report.family_messages[message.family] += 1
        report.wall.update(wall, name)
        report.cpu.update(cpu, name)
        report.memory_mb.update(extra_mb, name)
        if cpu > CPU_LIMIT:
            report.problem(f"{name}: took {cpu:.2f} s of CPU (limit {CPU_LIMIT} s)")
        if extra_mb > MEMORY_LIMIT_MB:
            report.problem(f"{name}: needed {extra_mb:.0f} MB more (limit {MEMORY_LIMIT_MB} MB)")
        if outcome is None:
            report.problem(f"{name}: still running after {self.wall_limit} s on the clock; stopped")
            return
        report.statuses[outcome.status.value] += 1
        self._check_outcome(message, outcome)
        if outcome.draft_status in DRAFTED:
            report.drafts += 1
            report.family_drafts[message.family] += 1
            self._check_draft(name, outcome)

    def _check_outcome(self, message: HostileMessage, outcome: Outcome) -> None:
        name, status, report = message.name, outcome.status, self.report
        if status is Status.FAILED:
            report.problem(f"{name}: the pipeline failed on it: {outcome.error}")
            return
        identity = message_identity(outcome.parsed) if outcome.parsed else None
        original = message.same_identity_as
        if original in self.identity_of and status is not Status.ALREADY_PROCESSED:
            report.problem(f"{name}: repeats message {original}'s identity but became {status}")
        if status is Status.ALREADY_PROCESSED:
            if identity not in self.identities:
                report.problem(
                    f"{name}: called already processed, but no earlier message is {identity}"
                )
            return
        if status is Status.UNPARSEABLE:
            self.unparseable[hashlib.sha256(message.raw).digest()] = name
            return
        assert identity is not None  # every other status comes with the parsed message
        self.identities.add(identity)
        self.identity_of[message.index] = identity
        self.expected_verdicts[name] = status.value
        if status in JOURNALLED:
            draft_status = outcome.draft_status.value if outcome.draft_status else None
            self.expected_entries[name] = (draft_status, outcome.draft_location)
        if status is Status.REJECTION and outcome.draft_status not in DRAFTED:
            report.problem(f"{name}: a rejection without a draft ({outcome.draft_status})")
        if status is not Status.REJECTION and outcome.draft is not None:
            report.problem(f"{name}: a draft for a message that is {status}")

    def _check_draft(self, name: str, outcome: Outcome) -> None:
        assert outcome.draft is not None
        assert outcome.parsed is not None
        location = Path(outcome.draft_location or "")
        try:
            on_disk = location.read_bytes()
            assert on_disk == outcome.draft.raw, "the draft file is not the composed draft"
            draft = rfc_unfolded(outcome.draft)
            subject = email.message_from_bytes(draft.raw, policy=email.policy.default)["Subject"]
            reread = str(subject)
            assert reread == draft.subject, f"Subject re-reads as {reread!r}, not {draft.subject!r}"
            check_draft(draft, outcome.parsed, valid_id=None)
            reparsed = email.message_from_bytes(on_disk, policy=email.policy.default)
            recipients = [a.addr_spec for a in reparsed["To"].addresses] if reparsed["To"] else []
            # Smuggled addresses sit where a correct reader must not find a recipient,
            # except in the body text: a no-reply sender's body may name a contact.
            smuggled = [
                a
                for a in recipients
                if a.lower().endswith("@" + SMUGGLED) and a not in outcome.parsed.body
            ]
            assert not smuggled, f"addressed to smuggled recipients {smuggled}"
        except AssertionError as error:
            self.report.problem(f"{name}: bad draft: {failed_assertion(error)}")
        except Exception as error:
            self.report.problem(f"{name}: draft unreadable: {type(error).__name__}: {error}")
        finally:
            # LocalMailbox.has_draft reads every draft in the folder for each message, so a
            # folder of thousands of drafts would make this run quadratic. Identities are
            # unique here (repeats are caught by the journal first), so nothing is lost.
            location.unlink(missing_ok=True)

    def finish(self) -> RunReport:
        """Check the journal against what the pipeline reported, then close it."""
        report = self.report
        self.journal.close()
        with sqlite3.connect(f"file:{self.journal_path}?mode=ro", uri=True) as db:
            verdicts = dict(
                db.execute(
                    "SELECT source_key, verdict FROM processed WHERE account = ?", (ACCOUNT,)
                )
            )
            entries = {
                key: (draft_status, location)
                for key, draft_status, location in db.execute(
                    "SELECT source_key, draft_status, draft_location FROM entries"
                )
            }
            failures = db.execute("SELECT source_key, reason FROM failures").fetchall()
        db.close()
        expected = dict(self.expected_verdicts)
        expected.update({key: Status.UNPARSEABLE.value for key in self.unparseable.values()})
        for key, verdict in expected.items():
            if verdicts.get(key) != verdict:
                report.problem(f"{key}: the journal says {verdicts.get(key)!r}, not {verdict!r}")
        for key in verdicts.keys() - expected.keys():
            report.problem(f"{key}: journalled as {verdicts[key]!r}, but not reported so")
        if entries != self.expected_entries:
            wrong = (
                sorted(entries.keys() ^ self.expected_entries.keys())[:5]
                or [key for key in entries if entries[key] != self.expected_entries.get(key)][:5]
            )
            report.problem(f"journal entries differ from the outcomes, e.g. {wrong}")
        for key, reason in failures:
            report.problem(f"{key}: journalled as a failure: {reason}")
        report.seconds = time.perf_counter() - self.started
        return report


def assert_sound(report: RunReport, messages: int) -> None:
    assert report.messages == messages
    shown = "\n".join(report.problems)
    assert report.problem_count == 0, f"{report.problem_count} problem(s), first ones:\n{shown}"
    # Enough of them read as rejections that the draft checks above really ran.
    assert report.drafts >= messages * 0.35, report.summary()
    assert report.family_drafts["injection"] >= report.family_messages["injection"] * 0.6
    assert report.statuses[Status.UNPARSEABLE.value] > 0
    assert report.statuses[Status.ALREADY_PROCESSED.value] > 0


# --------------------------------------------------------------------------- the tests


@pytest.fixture(scope="module")
def classifier() -> Classifier:
    return shipped_classifier()


@pytest.fixture
def scratch(tmp_path: Path) -> Iterator[Path]:
    """A folder on tmpfs when there is one, so the run measures the pipeline rather than
    the fsync latency of this machine's disk (tests/test_disk_faults.py covers the disk)."""
    shm = Path("/dev/shm")
    if not (shm.is_dir() and os.access(shm, os.W_OK)):
        yield tmp_path
        return
    path = Path(tempfile.mkdtemp(prefix="rejoinder-hostile-", dir=shm))
    try:
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)


def sample_indices() -> list[int]:
    ranges = family_ranges()
    return sorted({*ranges["giant"], *ranges["duplicate"][:10], *range(0, TOTAL, 43)})


def test_a_sample_of_hostile_messages_through_the_pipeline(
    scratch: Path, classifier: Classifier, capsys: pytest.CaptureFixture[str]
) -> None:
    indices = sample_indices()
    report = HostileRun(scratch, classifier).feed_all(hostile_messages(indices=iter(indices)))
    with capsys.disabled():
        print(f"\n[hostile sample] {report.summary()}")
    assert_sound(report, len(indices))


@pytest.mark.slow
def test_ten_thousand_hostile_messages_through_the_pipeline(
    scratch: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    workers = []
    for shard in range(SHARDS):
        workdir = scratch / f"shard-{shard}"
        workdir.mkdir()
        command = [sys.executable, __file__, "--shard", str(shard), "--shards", str(SHARDS)]
        command += ["--workdir", str(workdir), "--report", str(workdir / "report.json")]
        workers.append((workdir, subprocess.Popen(command, stderr=subprocess.PIPE)))
    reports = []
    for workdir, worker in workers:
        try:
            _, stderr = worker.communicate(timeout=WORKER_TIMEOUT)
        except subprocess.TimeoutExpired:
            worker.kill()
            worker.communicate()
            pytest.fail(f"a worker ran longer than {WORKER_TIMEOUT} s")
        assert worker.returncode == 0, stderr.decode(errors="replace")[-3000:]
        reports.append(RunReport.from_json((workdir / "report.json").read_text()))
    report = RunReport.merged(reports)
    with capsys.disabled():
        print(f"\n[hostile, {SHARDS} workers] {report.summary()}")
    assert_sound(report, TOTAL)


def test_the_run_reports_a_crash_a_hang_and_a_memory_hog(
    tmp_path: Path, classifier: Classifier
) -> None:
    """The bounds and checks above can fail: a classifier that raises, sleeps past the
    wall-clock limit, or holds 150 MB is reported, and the run goes on."""

    class Misbehaving:
        def __init__(self, inner: Classifier) -> None:
            self.inner, self.calls = inner, 0

        def classify(self, msg: Any) -> Any:
            self.calls += 1
            if self.calls == 1:
                raise RuntimeError("boom")
            if self.calls == 2:
                time.sleep(4)
            if self.calls == 3:
                hog = b"m" * (150 * 1024 * 1024)  # touched, so it is resident
                del hog
            return self.inner.classify(msg)

    run = HostileRun(tmp_path, classifier, wall_limit=2.0)
    run.pipeline.classifier = Misbehaving(classifier)
    report = run.feed_all(hostile_messages(indices=iter(range(0, 8, 2))))
    assert report.messages == 4
    problems = "\n".join(report.problems)
    assert (
        "00000-duplicate-same-message-id-first: the pipeline failed on it: RuntimeError: boom"
        in problems
    )
    assert "00002-duplicate-same-message-id-other-body-first: still running after 2.0 s" in problems
    assert "00004-duplicate-no-id-same-sender-date-subject-first: needed 15" in problems
    assert report.memory_mb.value >= 140  # some of it may reuse pages already resident
    assert not any(p.startswith("00006") for p in report.problems)  # the fourth is fine


# --------------------------------------------------------------------------- worker mode


def limit_address_space(headroom: int) -> None:
    vm_size = _status_kb("VmSize") * 1024
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    soft = vm_size + headroom
    if hard != resource.RLIM_INFINITY:
        soft = min(soft, hard)
    resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="one worker of the full hostile run")
    parser.add_argument("--shard", type=int, required=True)
    parser.add_argument("--shards", type=int, required=True)
    parser.add_argument("--workdir", type=Path, required=True)
    parser.add_argument("--report", type=Path, required=True)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.CRITICAL)  # failures are reported, not logged
    classifier = shipped_classifier()
    run = HostileRun(args.workdir, classifier)
    limit_address_space(ADDRESS_SPACE_HEADROOM)
    report = run.feed_all(hostile_messages(args.shard, args.shards))
    args.report.write_text(report.to_json())
    return 0


if __name__ == "__main__":
    sys.exit(main())
