#!/usr/bin/env python3
"""IMAP daemon benchmarks against a throw-away Dovecot (tests/dovecot.py). Not a test:
it prints each figure next to its target.

  (a) IDLE latency: a message APPENDed by another client until its draft is in Drafts
      (``rejoinder run`` as a process), p50/p95 of N samples.
  (b) First-run backfill of a large INBOX: one daemon pass vs a plain batched
      ``FETCH BODY.PEEK[]`` of the same messages, measured in the same run. The plain
      FETCH is the daemon's own reader (``ImapSession.fetch_raw``, the quickest this
      project has); imapclient's stock ``fetch`` of the same batches is printed too,
      for reference, without a target. So is the time parsing and classifying the
      same messages takes with all of them already in memory: the part of the pass
      that reading them differently cannot remove.
  (c) Memory: RSS of ``rejoinder run`` after processing N messages, and its growth
      over N more.
  (d) Context, no target: (b) over the real third-party mail of ``../shared/corpora``
      (``REJOINDER_SHARED`` overrides where ``shared/`` is; skipped without it).

Usage: python benchmarks/imap_bench.py [--messages 10000] [--samples 30] [--only a,b,c,d]
       [--json] [--profile] [--profile-sort KEY] [--profile-out FILE]
--json prints benchmarks/report.py's JSON on stdout (the text goes to stderr);
--profile prints a cProfile of the daemon pass in (b) (sorted by --profile-sort,
default cumulative; --profile-out also saves it for pstats).
Everything (server, state, config) lives in temporary directories removed at the end.
"""

from __future__ import annotations

import argparse
import cProfile
import imaplib
import json
import os
import pstats
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "tests"), str(ROOT / "benchmarks")]

from dovecot import DovecotServer, ImapUser, new_user  # noqa: E402
from mailmix import Mail, inbox  # noqa: E402
from test_daemon_mail import USER_FROM, rejection  # noqa: E402

RUN = [sys.executable, "-c", "from rejoinder.daemon.cli import main; main()"]


class Figures:
    """Every figure with its target: printed as text, or as benchmarks/report.py's JSON."""

    def __init__(self, as_json: bool, command: str) -> None:
        self.as_json = as_json
        self.command = command
        self.rows: list[dict[str, object]] = []
        self.notes: list[str] = []

    def say(self, text: str) -> None:
        """Context: a heading or a detail (a note in the JSON)."""
        if self.as_json:
            print(text, file=sys.stderr, flush=True)
            if text.startswith("  "):
                self.notes.append(text.strip())
        else:
            print(text, flush=True)

    def add(self, name: str, value: float, unit: str, target: float | None = None) -> None:
        """A figure; ``target`` is an upper bound (every target here is one)."""
        met = None if target is None else value <= target
        self.rows.append(
            {
                "name": name,
                "value": round(value, 3),
                "unit": unit,
                "target": None if target is None else f"<= {target:g}",
                "met": met,
                "command": self.command,
            }
        )
        verdict = "" if met is None else ("met" if met else "MISSED")
        bound = "-" if target is None else f"<= {target:g} {unit}"
        line = f"  {name:<48} {value:>10.3f} {unit:<3} target {bound:<12} {verdict}"
        print(line, file=sys.stderr if self.as_json else sys.stdout, flush=True)

    def finish(self) -> None:
        if self.as_json:
            print(json.dumps({"script": "imap_bench", "rows": self.rows, "notes": self.notes}))


def write_config(path: Path, user: ImapUser, **daemon: object) -> Path:
    lines = [
        "[accounts.bench]",
        f'host = "{user.host}"',
        f"port = {user.imap_port}",
        'security = "starttls"',
        f'username = "{user.name}"',
        f'password_command = "printf %s {user.password}"',
        f'ca_file = "{user.ca_file}"',
        f'from = "{USER_FROM}"',
    ]
    if daemon:
        lines.insert(0, "[daemon]\n" + "\n".join(f"{k} = {v}" for k, v in daemon.items()))
    path.write_text("\n".join(lines) + "\n")
    path.chmod(0o600)
    return path


def wait_until(
    what: str, probe: Callable[[], bool], timeout: float = 600.0, every: float = 0.01
) -> None:
    deadline = time.monotonic() + timeout
    while not probe():
        if time.monotonic() > deadline:
            raise SystemExit(f"timed out waiting for {what}")
        time.sleep(every)


def processed_count() -> int:
    with journal() as db:
        return sum(db.counts().values()) if db else 0


def passes_done() -> bool:
    with journal() as db:
        return bool(db) and any(s.last_pass_at for s in db.account_statuses())


@contextmanager
def journal() -> Iterator[Any]:
    """The daemon's journal, or None while the daemon is still creating it."""
    from rejoinder.daemon import paths
    from rejoinder.daemon.errors import JournalError
    from rejoinder.daemon.journal import Journal

    if not paths.journal_file().exists():
        yield None
        return
    try:
        db = Journal.open(paths.journal_file())
    except JournalError:  # opened while the daemon runs its first migration
        yield None
        return
    with db:
        yield db


@contextmanager
def rejoinder_run(config: Path, log: Path) -> Iterator[subprocess.Popen[bytes]]:
    with log.open("ab") as sink:
        process = subprocess.Popen([*RUN, "--config", str(config), "run"], stderr=sink)
    try:
        yield process
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@contextmanager
def fresh_state(scratch: Path, name: str) -> Iterator[None]:
    """Point the XDG state directory (the journal) somewhere new for one scenario."""
    state = scratch / name
    state.mkdir()
    old = os.environ.get("XDG_STATE_HOME")
    os.environ["XDG_STATE_HOME"] = str(state)
    try:
        yield
    finally:
        if old is None:
            os.environ.pop("XDG_STATE_HOME", None)
        else:
            os.environ["XDG_STATE_HOME"] = old


def drafts_count(client: imaplib.IMAP4) -> int:
    typ, data = client.status('"Drafts"', "(MESSAGES)")
    assert typ == "OK", data
    return int(str(data[0]).rsplit("MESSAGES ", 1)[1].rstrip(")'"))


def rss_kb(pid: int) -> tuple[int, int]:
    """(VmRSS, VmHWM) of a process, in kB."""
    fields = dict(
        line.split(":", 1) for line in Path(f"/proc/{pid}/status").read_text().splitlines()
    )
    return int(fields["VmRSS"].split()[0]), int(fields["VmHWM"].split()[0])


# -- (a) ---------------------------------------------------------------------------


def bench_latency(out: Figures, server: DovecotServer, scratch: Path, samples: int) -> None:
    out.say(f"(a) IDLE latency: APPEND by another client -> draft in Drafts, {samples} samples")
    user = new_user(server)
    config = write_config(scratch / "latency.toml", user)
    latencies = []
    with fresh_state(scratch, "latency"), rejoinder_run(config, scratch / "latency.log"):
        wait_until("the first pass", passes_done, every=0.1)
        with server.client(user.name) as watcher, server.client(user.name) as sender:
            for n in range(samples):
                before = drafts_count(watcher)
                sender.append('"INBOX"', None, None, rejection(n, tag="latency"))
                appended = time.perf_counter()
                wait_until("the draft", lambda b=before: drafts_count(watcher) > b, 30, 0.005)
                latencies.append(time.perf_counter() - appended)
                time.sleep(0.2)  # let the daemon settle back into IDLE
    latencies.sort()
    p50 = statistics.median(latencies)
    p95 = latencies[max(0, round(0.95 * len(latencies)) - 1)]
    out.add("IDLE latency, APPEND to draft in Drafts, p50", p50, "s", 1.5)
    out.add("IDLE latency, APPEND to draft in Drafts, p95", p95, "s", 3.0)
    out.add("IDLE latency, APPEND to draft in Drafts, max", latencies[-1], "s")
    reference = server_idle_delay(server, min(samples, 10))
    out.add("for reference: the server's own IDLE notice, p50", reference, "s")


def server_idle_delay(server: DovecotServer, samples: int) -> float:
    """Median time from an APPEND until a bare IDLE client hears of it: the floor for (a)."""
    user = new_user(server)
    delays = []
    with server.client(user.name) as idler, server.client(user.name) as sender:
        idler.select('"INBOX"', readonly=True)
        for n in range(samples):
            tag = idler._new_tag().decode()  # imaplib has no IDLE before Python 3.14
            idler.send(f"{tag} IDLE\r\n".encode())
            assert idler.readline().startswith(b"+")
            sender.append('"INBOX"', None, None, rejection(n, tag="reference"))
            appended = time.perf_counter()
            while not idler.readline().rstrip().endswith(b"EXISTS"):
                pass
            delays.append(time.perf_counter() - appended)
            idler.send(b"DONE\r\n")
            while not idler.readline().startswith(tag.encode()):
                pass
    return statistics.median(delays)


# -- (b) ---------------------------------------------------------------------------


def fill(user: ImapUser, count: int, start: int = 0) -> list[Mail]:
    """Write ``count`` messages straight into the user's Maildir; returns them."""
    mails = list(inbox(count, start=start))
    for mail in mails:
        user.deliver(mail.raw, internal_date=mail.when)
    return mails


def index(user: ImapUser) -> None:
    """Let Dovecot index the new files once, so neither measurement pays for it."""
    with user.server.client(user.name) as client:
        client.select('"INBOX"', readonly=True)
        client.uid("FETCH", "1:*", "(FLAGS RFC822.SIZE)")


def bytes_sent(server: DovecotServer, user: str, log_start: int) -> int:
    """The server's own count of bytes it sent in the last session of ``user`` that ended
    after ``log_start`` (a byte offset in its log): "Logged out in=... out=N ...".
    The server writes that line just after the client has gone: wait for it."""
    pattern = re.compile(rf"imap\({re.escape(user)}\).*?Logged out in=\d+ out=(\d+)")
    deadline = time.monotonic() + 10
    while not (found := pattern.findall(log_since(server, log_start))):
        if time.monotonic() > deadline:
            raise SystemExit(f"no logout of {user} in the server log")
        time.sleep(0.05)
    return int(found[-1])


def log_since(server: DovecotServer, log_start: int) -> str:
    return server.log_file.read_bytes()[log_start:].decode(errors="replace")


def log_size(server: DovecotServer) -> int:
    return server.log_file.stat().st_size


def stock_fetch(user: ImapUser) -> float:
    """imapclient's own ``fetch``, in the daemon's batches of 200, as any client would."""
    import imapclient

    from rejoinder.daemon.imap import RAW_BATCH, make_ssl_context

    settings = user.settings()
    context = make_ssl_context(settings)
    client = imapclient.IMAPClient(
        settings.host, port=settings.port, ssl=settings.security == "tls", ssl_context=context
    )
    try:
        if settings.security == "starttls":
            client.starttls(context)
        client.login(settings.username, user.password)
        started = time.perf_counter()
        client.select_folder("INBOX", readonly=True)
        uids = client.search(["ALL"])
        for start in range(0, len(uids), RAW_BATCH):
            client.fetch(uids[start : start + RAW_BATCH], ["BODY.PEEK[]", "INTERNALDATE"])
        return time.perf_counter() - started
    finally:
        client.logout()


def plain_fetch(user: ImapUser) -> tuple[float, int]:
    from rejoinder.daemon.imap import ImapSession

    with ImapSession.connect(user.settings(), user.password) as session:
        started = time.perf_counter()
        state = session.folder_state("INBOX")
        everything = list(range(1, state.uidnext))
        size = sum(len(m.raw) for m in session.fetch_raw("INBOX", everything))
        return time.perf_counter() - started, size


def in_memory_work(classifier: Any, raws: list[bytes]) -> float:
    """Parsing and classifying the same messages, already in memory, in the daemon's
    batches: the part of a pass no reading strategy can take away. (Large messages are
    parsed whole here; the daemon reads them without their attachments.)"""
    from rejoinder.classifier.message import ParsedMessage, parse_message
    from rejoinder.daemon.watcher import BATCH_MESSAGES

    started = time.perf_counter()
    for start in range(0, len(raws), BATCH_MESSAGES):
        parsed = [parse_message(raw) for raw in raws[start : start + BATCH_MESSAGES]]
        classifier.classify_many([p for p in parsed if isinstance(p, ParsedMessage)])
    return time.perf_counter() - started


@dataclass(frozen=True)
class Profiling:
    sort: str = "cumulative"
    out: Path | None = None


@dataclass(frozen=True)
class PassFigures:
    """One first-run pass over a filled INBOX, and a plain FETCH of the same messages."""

    plain: float  # the quicker of two plain FETCHes, one before and one after the pass
    plain_bytes: int
    once: float
    daemon_bytes: int
    summary: str
    loaded: float  # model and templates, before the pass
    in_memory: float


def measure_pass(
    server: DovecotServer,
    scratch: Path,
    user: ImapUser,
    raws: list[bytes],
    profile: Profiling | None = None,
) -> PassFigures:
    from rejoinder.daemon import paths
    from rejoinder.daemon.config import load_config
    from rejoinder.daemon.watcher import PassStats, build_daemon

    index_start = log_size(server)
    index(user)
    bytes_sent(server, user.name, index_start)  # its logout line, so it is not counted below
    plain_start = log_size(server)
    first, _ = plain_fetch(user)  # also warms the page cache
    plain_bytes = bytes_sent(server, user.name, plain_start)
    config = load_config(write_config(scratch / f"{user.name}.toml", user))
    log_start = log_size(server)
    with fresh_state(scratch, user.name):
        loading = time.perf_counter()
        daemon = build_daemon(config, paths.journal_file())
        loaded = time.perf_counter() - loading
        profiler = cProfile.Profile() if profile else None
        started = time.perf_counter()
        if profiler:
            profiler.enable()
        [stats] = daemon.run_once().values()
        once = time.perf_counter() - started
        if profiler and profile:
            profiler.disable()
            pstats.Stats(profiler, stream=sys.stderr).sort_stats(profile.sort).print_stats(45)
            if profile.out:
                profiler.dump_stats(profile.out)
    daemon_bytes = bytes_sent(server, user.name, log_start)
    second, _ = plain_fetch(user)
    assert isinstance(stats, PassStats), stats
    in_memory = min(in_memory_work(daemon.classifier, raws) for _ in range(2))
    return PassFigures(
        min(first, second), plain_bytes, once, daemon_bytes, stats.summary(), loaded, in_memory
    )


def bench_backfill(
    out: Figures, server: DovecotServer, scratch: Path, count: int, *, profile: Profiling | None
) -> None:
    out.say(f"(b) first-run backfill of a {count}-message INBOX on loopback")
    user = new_user(server)
    started = time.perf_counter()
    mails = fill(user, count)
    rejections = sum(mail.is_rejection for mail in mails)
    size = sum(len(mail.raw) for mail in mails)
    out.say(
        f"  filled in {time.perf_counter() - started:.1f} s: {count} messages, "
        f"{rejections} rejections, {size / 1e6:.1f} MB"
    )
    figures = measure_pass(server, scratch, user, [mail.raw for mail in mails], profile)
    stock = min(stock_fetch(user), stock_fetch(user))
    out.say(f"  daemon pass: {figures.summary}")
    out.say(f"  model and templates loaded in {figures.loaded:.2f} s (not part of the pass)")
    baseline, once = figures.plain, figures.once
    out.add(f"plain batched FETCH BODY.PEEK[] of {count} messages", baseline, "s")
    out.add("the same with imapclient's stock fetch (reference)", stock, "s")
    out.add(f"daemon pass (once) over {count} messages", once, "s")
    out.add("first-run backfill: once / plain FETCH", once / baseline, "x", 2.0)
    out.add("messages per second (once)", count / once, "msg/s")
    # Why the ratio stays where it is: parsing and classifying alone, with every
    # message already in memory, take this long (one core; the GIL admits no more).
    out.add("parse + classify of the same messages, in memory", figures.in_memory, "s")
    out.add("parse + classify in memory / plain FETCH", figures.in_memory / baseline, "x")
    # What a slower link would feel: large messages come without their attachments.
    out.add("bytes the server sent: plain FETCH", figures.plain_bytes / 1e6, "MB")
    out.add("bytes the server sent: daemon pass", figures.daemon_bytes / 1e6, "MB")


# -- (d) ---------------------------------------------------------------------------


def shared_corpora() -> Path:
    """``$REJOINDER_SHARED/corpora``, else ``shared/corpora`` beside the repository."""
    shared = os.environ.get("REJOINDER_SHARED") or ROOT.parent / "shared"
    return Path(shared) / "corpora"


def bench_real_mail(out: Figures, server: DovecotServer, scratch: Path) -> None:
    """(b) over real third-party mail instead of the generated inbox: context, no target.
    Real mail is slower to read than the benchmark's inbox (longer headers, HTML-only
    newsletters) and more of it talks about jobs, so more of it reaches the model."""
    from false_positives import corpus_files

    corpora = shared_corpora()
    if not corpora.is_dir():
        out.say(f"(d) skipped: no real mail at {corpora} (set REJOINDER_SHARED)")
        return
    raws = [path.read_bytes() for path in corpus_files(corpora)]
    out.say(f"(d) the same first run over {len(raws)} real messages of {corpora}")
    user = new_user(server)
    for raw in raws:
        user.deliver(raw)
    figures = measure_pass(server, scratch, user, raws)
    out.say(f"  daemon pass: {figures.summary}")
    out.add(f"real mail: plain batched FETCH of {len(raws)} messages", figures.plain, "s")
    out.add("real mail: daemon pass (once)", figures.once, "s")
    out.add("real mail: once / plain FETCH", figures.once / figures.plain, "x")
    in_memory = figures.in_memory / figures.plain
    out.add("real mail: parse + classify in memory / plain FETCH", in_memory, "x")


# -- (c) ---------------------------------------------------------------------------


def bench_memory(out: Figures, server: DovecotServer, scratch: Path, count: int) -> None:
    out.say(f"(c) RSS of `rejoinder run` after {count} messages and after {count} more")
    user = new_user(server)
    fill(user, count)
    index(user)
    config = write_config(scratch / "memory.toml", user)
    with fresh_state(scratch, "memory"), rejoinder_run(config, scratch / "memory.log") as process:
        wait_until("the first batch", lambda: processed_count() >= count, every=0.5)
        time.sleep(1.0)
        first, _ = rss_kb(process.pid)
        fill(user, count, start=count)  # arrives while the daemon idles
        wait_until("the second batch", lambda: processed_count() >= 2 * count, every=0.5)
        time.sleep(1.0)
        second, peak = rss_kb(process.pid)
    growth = (second - first) / first
    out.add(f"daemon RSS after {count} messages", first / 1024, "MB", 150)
    out.add(f"daemon RSS after {2 * count} messages", second / 1024, "MB")
    out.add(f"RSS growth over the second {count}", growth * 100, "%", 10)
    out.add("daemon peak RSS (VmHWM)", peak / 1024, "MB")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--messages", type=int, default=10_000)
    parser.add_argument("--samples", type=int, default=30)
    parser.add_argument("--profile", action="store_true", help="cProfile the daemon pass in (b)")
    parser.add_argument("--profile-sort", default="cumulative", help="pstats sort key")
    parser.add_argument("--profile-out", type=Path, help="also save the profile here")
    parser.add_argument("--only", default="a,b,c,d", help="comma-separated subset of a,b,c,d")
    parser.add_argument("--json", action="store_true", help="print benchmarks/report.py's JSON")
    args = parser.parse_args()
    out = Figures(args.json, "python benchmarks/imap_bench.py " + " ".join(sys.argv[1:]))
    chosen = set(args.only.split(","))
    scratch = Path(tempfile.mkdtemp(prefix="rejoinder-bench-"))
    for variable in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        os.environ[variable] = str(scratch / variable.lower())
    server = DovecotServer()
    try:
        server.start()
        if "a" in chosen:
            bench_latency(out, server, scratch, args.samples)
        if "b" in chosen:
            profiling = Profiling(args.profile_sort, args.profile_out) if args.profile else None
            bench_backfill(out, server, scratch, args.messages, profile=profiling)
        if "c" in chosen:
            bench_memory(out, server, scratch, args.messages)
        if "d" in chosen:
            bench_real_mail(out, server, scratch)
    finally:
        server.close()
        shutil.rmtree(scratch, ignore_errors=True)
    out.finish()


if __name__ == "__main__":
    main()
