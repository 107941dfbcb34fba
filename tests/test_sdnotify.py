"""The systemd notify protocol over real datagram sockets, and the watchdog's health rule.

The end-to-end test runs ``rejoinder run`` with ``NOTIFY_SOCKET`` pointing at a
socket this test opened, as systemd would, and reads what arrives.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from rejoinder.daemon import sdnotify
from rejoinder.daemon.config import AccountConfig, Config, DaemonConfig
from rejoinder.daemon.errors import ConnectionRefusedMailboxError
from rejoinder.daemon.imap import ImapSession
from rejoinder.daemon.sdnotify import Notifier, watchdog_interval
from rejoinder.daemon.watcher import Daemon

RUN = [sys.executable, "-c", "from rejoinder.daemon.cli import main; main()"]


class NotifyListener:
    """A datagram socket standing in for systemd's; collects every message sent to it."""

    def __init__(self, address: str, sock: socket.socket) -> None:
        self.address = address  # what NOTIFY_SOCKET should say
        self._sock = sock
        self.messages: list[dict[str, str]] = []
        self._lock = threading.Lock()
        self._thread = threading.Thread(target=self._read, daemon=True)
        self._thread.start()

    def _read(self) -> None:
        while True:
            try:
                data = self._sock.recv(65536)
            except OSError:
                return
            fields = dict(line.split("=", 1) for line in data.decode().splitlines() if "=" in line)
            with self._lock:
                self.messages.append(fields)

    def with_key(self, key: str) -> list[dict[str, str]]:
        with self._lock:
            return [m for m in self.messages if key in m]

    def wait_for(self, key: str, count: int = 1, timeout: float = 30.0) -> list[dict[str, str]]:
        deadline = time.monotonic() + timeout
        while len(found := self.with_key(key)) < count:
            if time.monotonic() > deadline:
                raise AssertionError(f"no {count} x {key} within {timeout} s; got {self.messages}")
            time.sleep(0.05)
        return found

    def close(self) -> None:
        self._sock.close()


@contextmanager
def notify_socket(tmp_path: Path, *, abstract: bool = False) -> Iterator[NotifyListener]:
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    if abstract:
        name = f"rejoinder-test-{uuid.uuid4().hex}"
        sock.bind("\0" + name)
        address = "@" + name
    else:
        address = str(tmp_path / "notify.sock")
        sock.bind(address)
    listener = NotifyListener(address, sock)
    try:
        yield listener
    finally:
        listener.close()


# -- the protocol ---------------------------------------------------------------------


@pytest.mark.parametrize("abstract", [False, True], ids=["path", "abstract"])
def test_messages_reach_the_socket_as_key_value_lines(tmp_path: Path, abstract: bool) -> None:
    with notify_socket(tmp_path, abstract=abstract) as listener:
        notifier = Notifier(listener.address)
        assert notifier.enabled
        assert notifier.ready("watching 2 account(s)")
        assert notifier.status("work: watching")
        assert notifier.watchdog()
        assert notifier.reloading()
        assert notifier.stopping()
        listener.wait_for("STOPPING")
    ready, status, watchdog, reloading, stopping = listener.messages
    assert ready == {"READY": "1", "STATUS": "watching 2 account(s)"}
    assert status == {"STATUS": "work: watching"}
    assert watchdog == {"WATCHDOG": "1"}
    assert reloading["RELOADING"] == "1"
    assert int(reloading["MONOTONIC_USEC"]) > 0  # Type=notify-reload needs it
    assert stopping["STOPPING"] == "1"


def test_the_environment_variable_is_the_default_address(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with notify_socket(tmp_path) as listener:
        monkeypatch.setenv("NOTIFY_SOCKET", listener.address)
        assert Notifier().status("hello")
        assert listener.wait_for("STATUS") == [{"STATUS": "hello"}]


def test_without_systemd_every_call_is_a_quiet_no_op(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NOTIFY_SOCKET", raising=False)
    notifier = Notifier()
    assert not notifier.enabled
    assert notifier.ready("x") is False
    assert Notifier("/nonexistent/dir/notify.sock").watchdog() is False  # never raises


def test_watchdog_interval_is_half_the_timeout_and_only_for_our_pid(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("WATCHDOG_PID", raising=False)
    monkeypatch.delenv("WATCHDOG_USEC", raising=False)
    assert watchdog_interval() is None
    monkeypatch.setenv("WATCHDOG_USEC", "3000000")
    assert watchdog_interval() == 1.5
    monkeypatch.setenv("WATCHDOG_PID", str(os.getpid()))
    assert watchdog_interval() == 1.5
    monkeypatch.setenv("WATCHDOG_PID", str(os.getpid() + 1))  # meant for another process
    assert watchdog_interval() is None
    monkeypatch.setenv("WATCHDOG_PID", str(os.getpid()))
    monkeypatch.setenv("WATCHDOG_USEC", "soon")
    assert watchdog_interval() is None
    assert sdnotify.Notifier("").send(status="x") is False


# -- the watchdog's health rule ----------------------------------------------------------------


def _account(name: str) -> AccountConfig:
    return AccountConfig(
        name=name, host="127.0.0.1", username=name, password_command="true", from_="a@b.example"
    )


def _daemon(connect: Callable[[AccountConfig], ImapSession]) -> Daemon:
    config = Config(path=None, accounts=(_account("a"), _account("b")), daemon=DaemonConfig())
    return Daemon(config=config, classifier=object(), journal_path=Path("unused"), connect=connect)  # type: ignore[arg-type]


def test_backing_off_counts_as_progress_but_a_hung_worker_does_not(tmp_path: Path) -> None:
    from rejoinder.daemon import paths

    release = threading.Event()

    def connect(account: AccountConfig) -> ImapSession:
        if account.name == "b":
            release.wait(30)  # hangs, as a connection with no timeout would
        raise ConnectionRefusedMailboxError("refused", "retry")

    daemon = _daemon(connect)
    daemon.journal_path = paths.journal_file()
    daemon.start()
    try:
        time.sleep(3.0)
        # "a" keeps failing and backing off, beating every second: healthy on its own.
        a, b = daemon.workers
        now = time.monotonic()
        assert now - a.heartbeat < 2.0
        assert now - b.heartbeat > 2.5
        assert not daemon.healthy(stale_after=2.5)  # b is stuck: stop pinging systemd
        assert daemon.healthy(stale_after=60.0)  # within a generous limit both are fine
    finally:
        daemon.stop.set()
        release.set()
        assert daemon.join(5)
    assert not daemon.healthy(stale_after=60.0)  # dead threads are never healthy


# -- end to end: rejoinder run under a pretend systemd ---------------------------------------------


@pytest.mark.imap
def test_run_says_ready_once_reports_status_and_pings_while_making_progress(
    tmp_path: Path, imap_user: object
) -> None:
    from dovecot import ImapUser
    from test_daemon import account_table, write_config

    assert isinstance(imap_user, ImapUser)
    config = write_config(tmp_path / "config.toml", {"work": account_table(imap_user)})
    with notify_socket(tmp_path, abstract=True) as listener:
        env = {**os.environ, "NOTIFY_SOCKET": listener.address, "WATCHDOG_USEC": "400000"}
        with (tmp_path / "run.log").open("wb") as log:
            process = subprocess.Popen([*RUN, "--config", str(config), "run"], env=env, stderr=log)
        try:
            listener.wait_for("READY")
            statuses = listener.wait_for("STATUS", count=2)
            pings = listener.wait_for("WATCHDOG", count=5)
            process.send_signal(signal.SIGTERM)
            assert process.wait(timeout=5) == 0
        finally:
            if process.poll() is None:
                process.kill()
                process.wait()
        listener.wait_for("STOPPING")
    assert len(listener.with_key("READY")) == 1
    assert listener.with_key("READY")[0]["STATUS"] == "watching 1 account(s): work"
    assert any(s["STATUS"] == "work: watching" for s in statuses)
    assert all(p == {"WATCHDOG": "1"} for p in pings)
    first_ping = listener.messages.index(pings[0])
    assert listener.messages.index(listener.with_key("READY")[0]) < first_ping
