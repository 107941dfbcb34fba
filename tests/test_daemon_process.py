"""``rejoinder run`` as a real process against Dovecot: SIGHUP reloads, SIGTERM stops
cleanly, and kill -9 at random moments never costs a draft or doubles one.

The process gets its XDG directories from the autouse fixture (tmp dirs) and
tells this test when it is ready through NOTIFY_SOCKET, as it would systemd.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from dovecot import DovecotServer, ImapUser, new_user
from test_daemon import account_table, draft_refs, drafts_of, journal, wait_for, write_config
from test_daemon_mail import BODY_MARKER, message_id, mix, rejection
from test_sdnotify import RUN, NotifyListener, notify_socket

from rejoinder.daemon.pipeline import draft_ref

pytestmark = pytest.mark.imap


@contextmanager
def rejoinder_run(
    config: Path, listener: NotifyListener, log: Path
) -> Iterator[subprocess.Popen[bytes]]:
    """``rejoinder run`` in the background; killed at the end if the test did not stop it."""
    env = {**os.environ, "NOTIFY_SOCKET": listener.address}
    with log.open("ab") as sink:
        process = subprocess.Popen(
            [*RUN, "--config", str(config), "run"], env=env, stdout=sink, stderr=sink
        )
    try:
        yield process
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


def text_of(draft: object) -> str:
    from email.message import Message

    assert isinstance(draft, Message)
    parts = [p for p in draft.walk() if p.get_content_type() == "text/plain"]
    payload = parts[0].get_payload(decode=True)
    assert isinstance(payload, bytes)
    return payload.decode(parts[0].get_content_charset() or "utf-8")


def last_session_end(server: DovecotServer, user: str) -> str:
    ends = [
        line
        for line in server.log.splitlines()
        if f"imap({user})" in line and "Disconnected" in line
    ]
    return ends[-1] if ends else ""


def test_sighup_reloads_config_and_sigterm_stops_cleanly(
    tmp_path: Path, dovecot_server: DovecotServer
) -> None:
    home, work = new_user(dovecot_server), new_user(dovecot_server)
    home.deliver(rejection(1))
    config = write_config(tmp_path / "config.toml", {"home": account_table(home)})
    log = tmp_path / "run.log"
    with notify_socket(tmp_path) as listener, rejoinder_run(config, listener, log) as process:
        listener.wait_for("READY")
        wait_for("the first draft", lambda: drafts_of(home))

        # A second account and a new sign-off, picked up without a restart.
        write_config(
            config,
            {"home": account_table(home), "work": account_table(work)},
            drafts={"sign_off": "Onwards and upwards,"},
        )
        process.send_signal(signal.SIGHUP)
        listener.wait_for("RELOADING")
        listener.wait_for("READY", count=2)
        assert process.poll() is None
        work.append(rejection(2))
        [(_, draft)] = wait_for("a draft for the new account", lambda: drafts_of(work))
        assert draft["In-Reply-To"] == message_id(rejection(2))
        assert "Onwards and upwards," in text_of(draft)

        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=5) == 0
    listener.wait_for("STOPPING")
    output = log.read_text()
    assert "stopped" in output
    # Both sessions ended with a LOGOUT, not a dropped connection.
    for user in (home, work):
        assert "Logged out" in last_session_end(dovecot_server, user.name)
    # The log is the daemon's user interface at INFO: passes and drafts, never bodies or passwords.
    assert "pass done" in output
    assert "drafted a reply" in output
    assert BODY_MARKER not in output
    assert home.password not in output
    assert work.password not in output
    assert len(draft_refs(home)) == 1  # the reload did not redo the first account's work


def test_kill_nine_at_random_moments_never_loses_or_doubles_a_draft(
    tmp_path: Path, imap_user: ImapUser
) -> None:
    rng = random.Random(20261122)
    waves = [mix(10, 3, seed=wave, tag=f"w{wave}") for wave in range(3)]
    rejections = {message_id(raw) for wave in waves for raw, is_rej in wave if is_rej}
    everything = {message_id(raw) for wave in waves for raw, _ in wave}
    assert (len(everything), len(rejections)) == (30, 12)
    config = write_config(tmp_path / "config.toml", {"work": account_table(imap_user)})
    log = tmp_path / "run.log"
    with notify_socket(tmp_path) as listener:
        for round_, wave in enumerate(waves):
            for raw, _ in wave:
                imap_user.deliver(raw)
            with rejoinder_run(config, listener, log) as process:
                listener.wait_for("READY", count=round_ + 1)
                # Aim at the pass: it starts once the connection is up and takes a few tenths.
                connections = round_ + 1
                wait_for(
                    "the connection",
                    lambda n=connections: log.read_text().count("connected to") >= n,
                )
                time.sleep(rng.uniform(0.0, 0.3))
                process.kill()  # SIGKILL: no cleanup of any kind
                process.wait()
        # A last, undisturbed run finishes whatever the kills interrupted.
        with rejoinder_run(config, listener, log) as process:
            listener.wait_for("READY", count=len(waves) + 1)
            with journal() as db:
                wait_for("every message to be processed", lambda: sum(db.counts().values()) >= 30)
            process.send_signal(signal.SIGTERM)
            assert process.wait(timeout=5) == 0

    refs = draft_refs(imap_user)
    assert Counter(refs).most_common(1)[0][1] == 1  # no reference twice
    assert set(refs) == {draft_ref("work", mid) for mid in rejections}  # one per rejection, no more
    replied_to = {m["In-Reply-To"] for _, m in drafts_of(imap_user)}
    assert replied_to == rejections
    with journal() as db:
        entries = db.entries()
        counts = db.counts()
    assert sorted(e.message_id or "" for e in entries) == sorted(rejections)
    assert {e.draft_ref for e in entries} == set(refs)
    assert {e.draft_status for e in entries} <= {"created", "found"}
    assert counts == {"rejection": 12, "not_rejection": 18}
