"""Server and network faults during a run, against a real Dovecot.

The server is stopped and started again five times while the daemon watches
(with mail delivered while it is down, and stops that land in the middle of a
pass), and single connections are cut by a TCP proxy (tests/tcp_proxy.py) at
the worst moments: part-way through a FETCH of headers or bodies, while the
daemon searches Drafts for a reference, just after an APPEND command reached
the server, and after the server stored a draft but before its answer got
back. Every time the worker must reconnect on its own (with backoff), miss no
message that arrived meanwhile, and leave exactly one draft per rejection.
"""

from __future__ import annotations

import logging
import random
import re
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace

import pytest
from dovecot import DovecotServer, ImapUser
from tcp_proxy import Cut, TcpProxy
from test_daemon import account, daemon_for, draft_refs, drafts_of, journal, running, wait_for
from test_daemon_mail import message_id, mix, rejection

from rejoinder.classifier.classify import Classifier
from rejoinder.daemon import watcher
from rejoinder.daemon.pipeline import draft_ref

pytestmark = pytest.mark.imap

RESTARTS = 5
# The worker's first reconnection waits 0.5-1 s (watcher.backoff_delay), doubling after
# each failure; these outages are a few seconds, so it is back within a few more.
RECOVERY_TIMEOUT = 60.0


@pytest.fixture
def proxy(imap_user: ImapUser) -> Iterator[TcpProxy]:
    with TcpProxy(imap_user.host, imap_user.imap_port) as proxy:
        yield proxy


@dataclass
class Mail:
    """What was delivered to one account, to check the outcome against."""

    account: str
    rejections: set[str]
    count: int = 0

    def deliver(self, user: ImapUser, batch: Sequence[tuple[bytes, bool]]) -> None:
        for raw, is_rejection in batch:
            user.deliver(raw)
            if is_rejection:
                self.rejections.add(message_id(raw))
        self.count += len(batch)


def processed() -> int:
    with journal() as db:
        return sum(db.counts().values())


def worker_errors(caplog: pytest.LogCaptureFixture) -> int:
    return sum(
        1
        for r in caplog.records
        if r.name == "rejoinder.daemon.watcher" and r.levelno >= logging.ERROR
    )


def assert_no_message_was_blamed(caplog: pytest.LogCaptureFixture) -> None:
    """A lost connection fails the pass, never the message in hand: a failure counted
    against a message would, after a few outages, skip a rejection for good."""
    blamed = [
        r.getMessage()
        for r in caplog.records
        if r.name == "rejoinder.daemon.pipeline" and r.levelno >= logging.ERROR
    ]
    assert blamed == []
    with journal() as db:
        assert db.failures() == []


def assert_exactly_one_draft_per_rejection(user: ImapUser, mail: Mail) -> None:
    refs = draft_refs(user)
    assert [ref for ref, n in Counter(refs).items() if n > 1] == []
    assert set(refs) == {draft_ref(mail.account, mid) for mid in mail.rejections}
    with journal() as db:
        entries = db.entries()
        counts = db.counts()
    assert sorted(e.draft_ref or "" for e in entries) == sorted(refs)
    assert sorted(e.message_id or "" for e in entries) == sorted(mail.rejections)
    assert counts == {
        "rejection": len(mail.rejections),
        "not_rejection": mail.count - len(mail.rejections),
    }


# -- the server goes away -------------------------------------------------------------


@pytest.mark.slow
def test_five_server_restarts_during_a_run_miss_nothing_and_double_nothing(
    dovecot_server: DovecotServer,
    imap_user: ImapUser,
    classifier: Classifier,
    caplog: pytest.LogCaptureFixture,
) -> None:
    rng = random.Random(5)
    mail = Mail("work", set())
    mail.deliver(imap_user, mix(30, 3, seed=100, tag="start"))
    caplog.set_level(logging.INFO, logger="rejoinder")
    daemon = daemon_for([account(imap_user)], classifier)
    try:
        with running(daemon):
            wait_for("the first pass", lambda: processed() == mail.count, RECOVERY_TIMEOUT)
            for outage in range(RESTARTS):
                # A wave while the server is up, then the server goes away: in the
                # middle of the pass that reads and drafts it (outages 1, 3, 5), or
                # before the worker heard of it while it waits in IDLE (2, 4).
                before = processed()
                mail.deliver(imap_user, mix(40, 3, seed=outage, tag=f"up{outage}"))
                if outage % 2 == 0:
                    _wait_for_progress(before)
                    time.sleep(rng.uniform(0.0, 0.1))
                else:
                    time.sleep(rng.uniform(0.0, 0.3))
                errors = worker_errors(caplog)
                dovecot_server.stop()
                # Mail keeps arriving while the server is down.
                mail.deliver(imap_user, mix(10, 2, seed=50 + outage, tag=f"down{outage}"))
                wait_for("the worker to notice", lambda e=errors: worker_errors(caplog) > e)
                time.sleep(rng.uniform(0.5, 2.0))  # a few refused reconnections meanwhile
                dovecot_server.start()
                wait_for(
                    f"everything after restart {outage + 1}",
                    lambda: processed() == mail.count,
                    RECOVERY_TIMEOUT,
                )
            # The last connection still works: IDLE hears of new mail.
            imap_user.append(rejection(1, tag="after"))
            mail.rejections.add(message_id(rejection(1, tag="after")))
            mail.count += 1
            wait_for("the draft after the last restart", lambda: processed() == mail.count)
    finally:
        dovecot_server.start()  # whatever happened, leave a running server to the next test

    assert_exactly_one_draft_per_rejection(imap_user, mail)
    assert_no_message_was_blamed(caplog)
    assert len(mail.rejections) > 60  # the numbers are what the test meant
    reconnects = [r for r in caplog.records if "reconnecting in" in r.getMessage()]
    assert len(reconnects) >= RESTARTS
    # Some outages really cut a pass short (not only an idle connection).
    losses = [
        r.getMessage()
        for r in caplog.records
        if r.name == "rejoinder.daemon.watcher"
        and re.search(r"(was lost|broke) while", r.getMessage())
    ]
    assert any("waiting for new mail" not in loss for loss in losses), losses


def _wait_for_progress(before: int) -> None:
    """Until the daemon recorded a message more than ``before`` (polled often)."""
    deadline = time.monotonic() + RECOVERY_TIMEOUT
    while processed() <= before:
        assert time.monotonic() < deadline, "the daemon did not start on the new mail"
        time.sleep(0.005)


# -- one connection cut at the worst moment ------------------------------------------


CUTS = {
    # Part-way through the headers and sizes of the new messages.
    "mid-header-fetch": Cut(rb"UID FETCH [^\r\n]*HEADER\.FIELDS", reply_bytes=1500, times=2),
    # Part-way through the bodies, in the middle of a message's literal.
    "mid-body-fetch": Cut(rb"UID FETCH [^\r\n]*BODY\.PEEK\[\]", reply_bytes=3000, times=2),
    # The search for an existing draft never reaches the server (a reset, not a FIN).
    "drafts-search": Cut(rb"UID SEARCH HEADER X-Rejoinder-Ref", forward=False, reset=True),
    # The server got the APPEND command but never the message: nothing is stored.
    "mid-append": Cut(rb"APPEND \"?Drafts", times=3),
    # The server stored the draft, but its OK never got back: the next pass must find
    # that draft by its reference instead of writing a second one.
    "append-reply-lost": Cut(rb"APPEND \"?Drafts", reply_pattern=rb"OK \[APPENDUID", times=3),
}


@pytest.mark.parametrize("where", list(CUTS))
def test_a_connection_cut_mid_command_is_recovered_without_loss_or_duplicates(
    imap_user: ImapUser,
    proxy: TcpProxy,
    classifier: Classifier,
    caplog: pytest.LogCaptureFixture,
    where: str,
) -> None:
    rule = proxy.cut_when(replace(CUTS[where]))  # a fresh copy: it counts its cuts
    mail = Mail("work", set())
    mail.deliver(imap_user, mix(30, 3, seed=11, tag="before"))
    caplog.set_level(logging.INFO, logger="rejoinder")
    # security = plain (allowed on loopback) so the proxy sees the commands.
    daemon = daemon_for([account(imap_user, port=proxy.port, security="plain")], classifier)
    with running(daemon):
        wait_for("the cut", lambda: len(proxy.cuts) >= 1)
        # Mail arriving while the worker backs off before reconnecting.
        mail.deliver(imap_user, mix(10, 2, seed=12, tag="meanwhile"))
        wait_for("every message", lambda: processed() == mail.count, RECOVERY_TIMEOUT)
        # Over the new connection, IDLE still hears of new mail.
        imap_user.append(rejection(7, tag="later"))
        mail.rejections.add(message_id(rejection(7, tag="later")))
        mail.count += 1
        wait_for("the last draft", lambda: processed() == mail.count, RECOVERY_TIMEOUT)
        time.sleep(0.5)  # settle into IDLE: one connection, the cut ones gone
        assert proxy.active == 1

    assert rule.fired == rule.times  # each cut really happened
    assert len(proxy.cuts) == rule.times
    # One new connection per cut: the worker reconnected on its own, and only as needed.
    assert proxy.accepted == rule.times + 1
    # It reconnected by itself, backing off: 0.5-1 s after the first failure, then doubling.
    delays = [
        float(found.group(1))
        for r in caplog.records
        if (found := re.search(r"reconnecting in ([\d.]+) s", r.getMessage()))
    ]
    assert len(delays) == rule.times
    for failures, delay in enumerate(delays, 1):
        ceiling = watcher.BACKOFF_FIRST * 2 ** (failures - 1)
        assert ceiling / 2 - 0.05 <= delay <= ceiling + 0.05, delays  # logged as %.1f
    assert_exactly_one_draft_per_rejection(imap_user, mail)
    assert_no_message_was_blamed(caplog)
    with journal() as db:
        statuses = Counter(e.draft_status for e in db.entries())
    if where == "append-reply-lost":
        assert statuses["found"] == rule.times  # found by reference, not written again
    else:
        assert set(statuses) == {"created"}
    for flags, draft in drafts_of(imap_user):
        assert {"\\Draft", "\\Seen"} <= flags
        assert draft["X-Rejoinder-Ref"] == draft_ref("work", str(draft["In-Reply-To"]))
