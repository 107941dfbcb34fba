"""Load: ``rejoinder run`` serving five accounts at once against a real Dovecot.

At first start one INBOX holds 50,000 messages spread over two months and the
other four hold 2,000 each; once everything is read and the daemon idles, a
burst of 1,000 more arrives across the accounts. Every account is reached
through its own TCP proxy (tests/tcp_proxy.py), which counts connections.

Checked: nothing is missed (every message is in the journal, every rejection
inside the drafting window has exactly one draft and every older one is
journalled without one), the daemon holds exactly one connection per account
the whole time (it never needed a second one, and is on exactly one while
idle), and the process's peak resident memory stays below RSS_BOUND_MB.
"""

from __future__ import annotations

import random
import re
import signal
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path

import pytest
from dovecot import DovecotServer, ImapUser, new_user
from tcp_proxy import TcpProxy
from test_daemon import account_table, draft_refs, journal, wait_for, write_config
from test_daemon_mail import message_id, ordinary, rejection
from test_daemon_process import rejoinder_run
from test_sdnotify import notify_socket

from rejoinder.daemon.pipeline import draft_ref

pytestmark = [pytest.mark.imap, pytest.mark.slow]

BIG_INBOX = 50_000
SMALL_INBOX = 2_000
ACCOUNTS = 5
BURST = 1_000
REJECTION_EVERY = 50  # 2% of the mail already there; 10% of the burst
SPREAD_DAYS = 60
BACKFILL_DAYS = 14  # the default drafting window
# The daemon's resident size measured about 150 MB after 10,000 messages
# (docs/benchmarks.md), most of it the model and the libraries; five workers at
# once may hold a few batches more. Measured here: 161 MB at the peak.
RSS_BOUND_MB = 300
# And it must not grow with the mailbox: the peak over what the process held once
# it was ready (model loaded). Measured: about 20 MB for all 59,000 messages.
RSS_GROWTH_BOUND_MB = 100
# Liveness bounds, far above what a slow machine needs: not speed targets.
BACKFILL_TIMEOUT = 1800.0
BURST_TIMEOUT = 600.0


@dataclass
class Inbox:
    """One account's user, proxy and what was delivered to it."""

    name: str
    user: ImapUser
    proxy: TcpProxy
    messages: list[str] = field(default_factory=list)  # Message-IDs
    drafted: set[str] = field(default_factory=set)  # rejections inside the window
    backfilled: set[str] = field(default_factory=set)  # rejections older than it

    def deliver(self, raw: bytes, when: datetime, *, is_rejection: bool, now: datetime) -> None:
        self.user.deliver(raw, internal_date=when)
        mid = message_id(raw)
        self.messages.append(mid)
        if is_rejection:
            recent = when > now - timedelta(days=BACKFILL_DAYS)
            (self.drafted if recent else self.backfilled).add(mid)


class OrdinaryMail:
    """``ordinary(n, when=..., tag=...)``, built by filling in a template per kind: building
    50,000 messages with the email package would take longer than reading them."""

    def __init__(self, tag: str) -> None:
        self.tag = tag
        self._templates = [ordinary(k, tag=tag) for k in range(5)]

    def __call__(self, n: int, when: datetime) -> bytes:
        raw = self._templates[n % 5]
        raw = re.sub(
            rb"(?m)^Message-ID: .*$", f"Message-ID: <{self.tag}-{n}@home.example>".encode(), raw
        )
        raw = re.sub(rb"(?m)^Date: .*$", f"Date: {format_datetime(when)}".encode(), raw)
        return re.sub(rb"(?m)^(Subject: .*) \(\d+\)$", rb"\1 (" + str(n).encode() + b")", raw)


def fill(inbox: Inbox, count: int, rng: random.Random, now: datetime) -> None:
    """``count`` messages over the last SPREAD_DAYS, oldest first; none within an hour of
    the drafting window's edge, so which side of it a rejection falls on is certain."""
    quick = OrdinaryMail(inbox.name)
    edge = now - timedelta(days=BACKFILL_DAYS)
    for n in range(count):
        when = now - timedelta(days=SPREAD_DAYS) * (1 - (n + 1) / (count + 1))
        if abs(when - edge) < timedelta(hours=1):
            when = edge - timedelta(hours=1)
        if n % REJECTION_EVERY == 0:
            stage = rng.choice(("application", "interview"))
            raw = rejection(n, stage=stage, when=when, tag=inbox.name)
            inbox.deliver(raw, when, is_rejection=True, now=now)
        else:
            inbox.deliver(quick(n, when), when, is_rejection=False, now=now)


def processed() -> int:
    with journal() as db:
        return sum(db.counts().values())


def memory_mb(pid: int) -> tuple[float, float]:
    """(VmRSS, VmHWM: the peak so far) of a process, in MB."""
    status = Path(f"/proc/{pid}/status").read_text()
    fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
    return int(fields["VmRSS"].split()[0]) / 1024, int(fields["VmHWM"].split()[0]) / 1024


def test_the_template_mail_is_the_real_thing() -> None:
    when = datetime(2026, 3, 4, 5, 6, 7, tzinfo=UTC)
    quick = OrdinaryMail("load9")
    assert [quick(n, when) for n in (0, 7, 12345)] == [
        ordinary(n, when=when, tag="load9") for n in (0, 7, 12345)
    ]


def test_fifty_thousand_messages_five_accounts_and_a_burst(
    tmp_path: Path, dovecot_server: DovecotServer
) -> None:
    if not dovecot_server.running:  # an earlier test stopped it
        dovecot_server.start()
    rng = random.Random(50_000)
    now = datetime.now(UTC)
    inboxes = []
    for index in range(ACCOUNTS):
        user = new_user(dovecot_server)
        proxy = TcpProxy(user.host, user.imap_port)
        inboxes.append(Inbox(f"load{index}", user, proxy))
    try:
        started = time.monotonic()
        for index, inbox in enumerate(inboxes):
            fill(inbox, BIG_INBOX if index == 0 else SMALL_INBOX, rng, now)
        total = sum(len(inbox.messages) for inbox in inboxes)
        print(f"filled {total} messages in {time.monotonic() - started:.0f} s")
        config = write_config(
            tmp_path / "config.toml",
            {
                inbox.name: account_table(inbox.user, port=inbox.proxy.port, security="plain")
                for inbox in inboxes
            },
        )
        with (
            notify_socket(tmp_path) as listener,
            rejoinder_run(config, listener, tmp_path / "run.log") as process,
        ):
            listener.wait_for("READY")
            at_ready, _ = memory_mb(process.pid)
            started = time.monotonic()
            wait_for("the first passes", lambda: processed() == total, BACKFILL_TIMEOUT)
            print(f"read {total} messages in {time.monotonic() - started:.0f} s")
            after_backfill = memory_mb(process.pid)
            time.sleep(1.0)  # back in IDLE
            # One connection per account: open now, and never a second one so far.
            assert [inbox.proxy.active for inbox in inboxes] == [1] * ACCOUNTS
            assert [inbox.proxy.accepted for inbox in inboxes] == [1] * ACCOUNTS

            # The burst, while every worker idles: 10% rejections, all of them recent.
            started = time.monotonic()
            for n in range(BURST):
                inbox = inboxes[n % ACCOUNTS]
                when = datetime.now(UTC) - timedelta(minutes=5)
                number = 100_000 + n
                if n % 10 == 0:
                    raw = rejection(number, when=when, tag=inbox.name)
                else:
                    raw = ordinary(number, when=when, tag=inbox.name)
                inbox.deliver(raw, when, is_rejection=n % 10 == 0, now=now)
            total += BURST
            wait_for("the burst", lambda: processed() == total, BURST_TIMEOUT)
            print(f"burst of {BURST} read in {time.monotonic() - started:.0f} s")
            time.sleep(1.0)
            rss, peak = memory_mb(process.pid)
            assert [inbox.proxy.active for inbox in inboxes] == [1] * ACCOUNTS
            assert [inbox.proxy.accepted for inbox in inboxes] == [1] * ACCOUNTS
            process.send_signal(signal.SIGTERM)
            assert process.wait(timeout=10) == 0
        print(
            f"RSS when ready {at_ready:.0f} MB, after the backfill {after_backfill[0]:.0f} MB, "
            f"after the burst {rss:.0f} MB, peak {peak:.0f} MB"
        )
        assert peak < RSS_BOUND_MB
        assert peak - at_ready < RSS_GROWTH_BOUND_MB

        # Nothing missed: every message is in the journal, every rejection where it belongs.
        with journal() as db:
            for inbox in inboxes:
                missing = [m for m in inbox.messages if not db.is_processed(inbox.name, m)]
                assert missing == [], (inbox.name, len(missing), missing[:5])
            entries = db.entries()
        statuses = {(e.account, e.message_id): e.draft_status for e in entries}
        for inbox in inboxes:
            refs = draft_refs(inbox.user)
            assert [ref for ref, n in Counter(refs).items() if n > 1] == []
            assert set(refs) == {draft_ref(inbox.name, mid) for mid in inbox.drafted}
            mine = {mid: s for (account, mid), s in statuses.items() if account == inbox.name}
            assert {m for m, s in mine.items() if s == "created"} == inbox.drafted
            assert {m for m, s in mine.items() if s == "backfill"} == inbox.backfilled
            assert set(mine) == inbox.drafted | inbox.backfilled
    finally:
        for inbox in inboxes:
            inbox.proxy.close()
