"""A real, throw-away Dovecot IMAP server for the tests.

Everything the server needs (config, TLS certificate, passwords, sockets, logs
and mail) lives in one temporary directory that is removed on ``close()``.
The server listens on free loopback ports: ``imap_port`` (plaintext with
STARTTLS) and ``imaps_port`` (implicit TLS), on 127.0.0.1 and 127.0.0.2 (the
certificate names only 127.0.0.1 and localhost, so 127.0.0.2 gives a real
hostname mismatch).

Dovecot refuses to access mail as root, so under root the whole server runs as
``nobody`` and the temporary directory belongs to ``nobody``; under any other
user it simply runs as that user.

The helpers talking to the server as "another mail client" use the standard
library's imaplib on purpose: the adapter under test is built on imapclient,
and an independent client makes a better witness.
"""

from __future__ import annotations

import atexit
import contextlib
import grp
import imaplib
import itertools
import os
import pwd
import re
import secrets
import shutil
import signal
import socket
import ssl
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from rejoinder.daemon.imap import ImapSettings
    from rejoinder.daemon.mailbox import Mailbox

INSTALL_HINT = "apt-get install -y dovecot-imapd"
LOOPBACK = "127.0.0.1"
SECOND_LOOPBACK = "127.0.0.2"  # same server, but not a name the certificate covers
DIR_PREFIX = "rejoinder-dovecot-"
TEMP_PARENT = "/tmp"
START_TIMEOUT = 15.0  # seconds; a healthy start takes well under one
STOP_TIMEOUT = 10.0

# Maildir info letters for the IMAP system flags (Maildir spec), kept sorted on write.
_MAILDIR_FLAG_LETTERS = {
    "\\Draft": "D",
    "\\Flagged": "F",
    "\\Answered": "R",
    "\\Seen": "S",
    "\\Deleted": "T",
}
_SAFE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
_SAFE_FOLDER = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 ._/-]*$")


class DovecotUnavailableError(RuntimeError):
    """The dovecot binaries are not installed."""


class DovecotStartError(RuntimeError):
    """Dovecot did not come up; the message carries the tail of its log."""


def find_dovecot() -> Path | None:
    """The dovecot binary, also when /usr/sbin is not on a non-root PATH."""
    search = os.pathsep.join([os.environ.get("PATH", ""), "/usr/sbin", "/usr/local/sbin"])
    found = shutil.which("dovecot", path=search)
    return Path(found) if found else None


def require_dovecot() -> Path:
    """Skip (or fail on CI, which must never silently skip IMAP tests) without dovecot."""
    binary = find_dovecot()
    if binary is None:
        message = f"dovecot is not installed; install it with: {INSTALL_HINT}"
        if os.environ.get("CI"):
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    return binary


def free_port() -> int:
    """A TCP port nobody listens on right now (the OS picks it)."""
    # Bound on every address so the port is free on both loopback addresses.
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("", 0))
        port: int = probe.getsockname()[1]
        return port


def quote_mailbox(name: str) -> str:
    """An IMAP quoted string for a (plain ASCII) folder name."""
    if not _SAFE_FOLDER.match(name):
        raise ValueError(f"test helper only handles plain ASCII folder names, not {name!r}")
    return f'"{name}"'


@dataclass(frozen=True)
class _Identity:
    """Who the server runs as, and how to get there."""

    user: str
    group: str
    uid: int
    gid: int
    drop_root: bool

    @classmethod
    def for_current_process(cls) -> _Identity:
        if os.geteuid() == 0:
            entry = pwd.getpwnam("nobody")
            # Debian calls nobody's group "nogroup"; look it up by gid to stay portable.
            group = grp.getgrgid(entry.pw_gid).gr_name
            return cls("nobody", group, entry.pw_uid, entry.pw_gid, drop_root=True)
        entry = pwd.getpwuid(os.geteuid())
        group = grp.getgrgid(os.getegid()).gr_name
        return cls(entry.pw_name, group, entry.pw_uid, os.getegid(), drop_root=False)

    def launcher(self) -> list[str]:
        """The command prefix that starts dovecot as this identity.

        setpriv also gives us a parent-death signal, so a test run that is
        killed outright does not leave a server behind.
        """
        setpriv = shutil.which(
            "setpriv", path=os.pathsep.join([os.environ.get("PATH", ""), "/usr/bin", "/bin"])
        )
        if setpriv is None:
            if self.drop_root:
                raise DovecotStartError(
                    "running as root needs setpriv (util-linux) to drop to nobody"
                )
            return []
        prefix = [setpriv, "--pdeathsig", "TERM"]
        if self.drop_root:
            prefix += ["--reuid", str(self.uid), "--regid", str(self.gid), "--clear-groups"]
        return [*prefix, "--"]


class DovecotServer:
    """One Dovecot instance in its own temporary directory."""

    def __init__(self, extra_config: str = "") -> None:
        self.binary = find_dovecot()
        self.extra_config = extra_config  # appended to the configuration (e.g. quota)
        if self.binary is None:
            raise DovecotUnavailableError(
                f"dovecot is not installed; install it with: {INSTALL_HINT}"
            )
        self.identity = _Identity.for_current_process()
        _sweep_abandoned()
        # Not under pytest's tmp_path: that sits in a 0700 directory nobody cannot enter.
        self.root = Path(tempfile.mkdtemp(prefix=DIR_PREFIX, dir=TEMP_PARENT))
        (self.root / "owner").write_text(str(os.getpid()))
        self._started_once = False
        self.host = LOOPBACK
        self.imap_port = free_port()
        self.imaps_port = free_port()
        self._process: subprocess.Popen[bytes] | None = None
        self._passwords: dict[str, str] = {}
        self._ready_folders: set[tuple[str, str]] = set()
        self._delivery_counter = itertools.count()
        atexit.register(self.close)
        self._write_files()

    # -- layout ---------------------------------------------------------------

    @property
    def config_file(self) -> Path:
        return self.root / "dovecot.conf"

    @property
    def ca_file(self) -> Path:
        """The self-signed server certificate, to trust as a CA file."""
        return self.root / "tls" / "cert.pem"

    @property
    def log_file(self) -> Path:
        return self.root / "log" / "dovecot.log"

    @property
    def log(self) -> str:
        """Everything the server logged so far (its log file and its stdio)."""
        parts = []
        for path in (self.log_file, self.root / "log" / "stdio.log"):
            with contextlib.suppress(OSError):
                parts.append(path.read_text(errors="replace"))
        return "".join(parts)

    def maildir(self, user: str) -> Path:
        """Root of the user's Maildir++ tree (INBOX lives directly in it)."""
        return self.root / "mail" / user / "Maildir"

    def _write_files(self) -> None:
        for sub in ("run", "state", "log", "mail", "tls", "users"):
            (self.root / sub).mkdir()
        self._write_certificate()
        self.config_file.write_text(self._config_text())
        self._give_to_server(self.root)

    def _write_certificate(self) -> None:
        tls = self.root / "tls"
        subprocess.run(
            [
                "openssl", "req", "-x509", "-newkey", "ec",
                "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                "-keyout", str(tls / "key.pem"), "-out", str(tls / "cert.pem"),
                "-days", "7", "-subj", "/CN=localhost",
                "-addext", f"subjectAltName=DNS:localhost,IP:{LOOPBACK}",
            ],
            check=True,
            capture_output=True,
        )  # fmt: skip

    def _config_text(self) -> str:
        root = self.root
        ident = self.identity
        return f"""\
# Throw-away test server; everything lives under {root}.
protocols = imap
listen = {LOOPBACK}, {SECOND_LOOPBACK}
base_dir = {root}/run
state_dir = {root}/state
log_path = {root}/log/dovecot.log
info_log_path = {root}/log/dovecot.log
ssl = yes
ssl_cert = <{root}/tls/cert.pem
ssl_key = <{root}/tls/key.pem
ssl_min_protocol = TLSv1.2
# Dovecot counts loopback connections as secure, so LOGIN works there without TLS.
disable_plaintext_auth = yes
auth_mechanisms = plain login
# Tests try wrong passwords on purpose: no failure delay, and no growing
# per-IP penalty either (anvil-auth-penalty is switched off below).
auth_failure_delay = 0
default_internal_user = {ident.user}
default_internal_group = {ident.group}
default_login_user = {ident.user}
first_valid_uid = 1
mail_location = maildir:~/Maildir
# Many tests open several connections for one user in quick succession.
mail_max_userip_connections = 500
# One passwd-file per user: Dovecot re-reads a changed passwd-file at most once
# a second, which would miss users added in quick succession; a new file is
# always read.
passdb {{
  driver = passwd-file
  args = scheme=PLAIN {root}/users/%n
}}
userdb {{
  driver = static
  args = uid={ident.uid} gid={ident.gid} home={root}/mail/%u
}}
namespace inbox {{
  inbox = yes
  separator = /
  mailbox Drafts {{
    special_use = \\Drafts
    auto = subscribe
  }}
  mailbox Sent {{
    special_use = \\Sent
    auto = subscribe
  }}
  mailbox Trash {{
    special_use = \\Trash
    auto = subscribe
  }}
  mailbox Junk {{
    special_use = \\Junk
    auto = subscribe
  }}
}}
# chroot needs root; these are the services that would use it.
service anvil {{
  chroot =
  unix_listener anvil-auth-penalty {{
    mode = 0
  }}
}}
service ipc {{
  chroot =
}}
service imap-login {{
  chroot =
  inet_listener imap {{
    port = {self.imap_port}
  }}
  inet_listener imaps {{
    port = {self.imaps_port}
    ssl = yes
  }}
}}
{self.extra_config}"""

    def _give_to_server(self, path: Path) -> None:
        """Hand a path (recursively) to the identity the server runs as."""
        if not self.identity.drop_root:
            return
        os.chown(path, self.identity.uid, self.identity.gid)
        if path.is_dir():
            for dirpath, dirnames, filenames in os.walk(path):
                for name in [*dirnames, *filenames]:
                    os.chown(os.path.join(dirpath, name), self.identity.uid, self.identity.gid)

    # -- process --------------------------------------------------------------

    @property
    def running(self) -> bool:
        return self._process is not None and self._process.poll() is None

    def start(self) -> None:
        """Start the server and wait for a real IMAP greeting on both ports.

        A port picked as free can be taken by someone else before Dovecot binds
        it; the first start then retries on new ports. Later starts keep theirs.
        """
        if self.running:
            return
        for attempt in itertools.count(1):
            try:
                self._launch()
                self._started_once = True
                return
            except DovecotStartError:
                if self._started_once or attempt == 3 or "in use" not in self.log:
                    raise
                self.imap_port, self.imaps_port = free_port(), free_port()
                self.config_file.write_text(self._config_text())

    def _launch(self) -> None:
        assert self.binary is not None
        log_start = len(self.log)  # only this launch's lines count
        stdio = (self.root / "log" / "stdio.log").open("ab")
        try:
            self._process = subprocess.Popen(
                [*self.identity.launcher(), str(self.binary), "-F", "-c", str(self.config_file)],
                stdin=subprocess.DEVNULL,
                stdout=stdio,
                stderr=subprocess.STDOUT,
            )
        finally:
            stdio.close()  # the child holds its own copy
        deadline = time.monotonic() + START_TIMEOUT
        self._wait_for_greeting(self.imap_port, deadline, log_start, tls=False)
        self._wait_for_greeting(self.imaps_port, deadline, log_start, tls=True)

    def _wait_for_greeting(self, port: int, deadline: float, log_start: int, *, tls: bool) -> None:
        """Ready means the ``* OK`` greeting arrived, not merely that the port accepts."""
        context = ssl.create_default_context(cafile=str(self.ca_file)) if tls else None
        while True:
            if self._process is not None and self._process.poll() is not None:
                raise DovecotStartError(
                    f"dovecot exited with status {self._process.returncode}:\n{self.log[-4000:]}"
                )
            if "master: Fatal:" in self.log[log_start:]:  # it dawdles for seconds before exiting
                self.stop(kill=True)
                raise DovecotStartError(f"dovecot failed to start:\n{self.log[-4000:]}")
            try:
                with socket.create_connection((self.host, port), timeout=0.5) as raw:
                    stream = context.wrap_socket(raw, server_hostname=self.host) if context else raw
                    greeting = stream.recv(200)
                    if greeting.startswith(b"* OK"):
                        return
            except OSError:
                pass
            if time.monotonic() > deadline:
                self.stop()
                raise DovecotStartError(f"no IMAP greeting on port {port}:\n{self.log[-4000:]}")
            time.sleep(0.02)

    def stop(self, *, kill: bool = False) -> None:
        """Stop the server and every process it started, dropping all client connections.

        ``kill`` skips the polite SIGTERM (for a master that failed to start).
        """
        process, self._process = self._process, None
        if process is None or process.poll() is not None:
            return
        # The master leaves mail processes that still serve a client running
        # after it exits; a stopped server must not keep answering, so they
        # are ended too, by their ids.
        children = _child_pids(process.pid)
        if kill:
            process.kill()
        else:
            process.terminate()
        _end_processes(children)
        try:
            process.wait(timeout=STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=STOP_TIMEOUT)

    def restart(self) -> None:
        """Stop and start again: same ports, same users, same mail."""
        self.stop()
        self.start()

    def close(self) -> None:
        """Stop the server and delete everything it had. Safe to call twice."""
        try:
            self.stop()
        finally:
            shutil.rmtree(self.root, ignore_errors=True)
            atexit.unregister(self.close)

    def doveadm(self, *args: str) -> str:
        result = subprocess.run(
            ["doveadm", "-c", str(self.config_file), *args],
            check=True,
            capture_output=True,
            text=True,
            env={**os.environ, "PATH": os.environ.get("PATH", "") + ":/usr/bin:/usr/sbin"},
        )
        return result.stdout

    def kick(self, user: str) -> None:
        """Disconnect every IMAP session of the user, as an administrator would."""
        self.doveadm("kick", user)

    # -- users and mail ---------------------------------------------------------

    def add_user(self, name: str, password: str) -> None:
        if not _SAFE_NAME.match(name) or ":" in password or "\n" in password:
            raise ValueError(
                "user names are [A-Za-z0-9._-]; passwords may not hold ':' or newlines"
            )
        self._passwords[name] = password
        entry = self.root / "users" / name
        entry.write_text(f"{name}:{{PLAIN}}{password}::::::\n")
        self._give_to_server(entry)

    @contextlib.contextmanager
    def client(self, user: str) -> Iterator[imaplib.IMAP4]:
        """An independent, logged-in IMAP connection (plaintext on loopback)."""
        connection = imaplib.IMAP4(self.host, self.imap_port, timeout=10)
        try:
            connection.login(user, self._passwords[user])
            yield connection
        finally:
            with contextlib.suppress(imaplib.IMAP4.error, OSError):
                connection.logout()

    def create_folder(self, user: str, folder: str) -> None:
        with self.client(user) as imap:
            _ok(imap.create(quote_mailbox(folder)), "CREATE")

    def delete_folder(self, user: str, folder: str) -> None:
        with self.client(user) as imap:
            _ok(imap.delete(quote_mailbox(folder)), "DELETE")
        self._ready_folders.discard((user, folder))

    def expunge(self, user: str, uids: Iterable[int], folder: str = "INBOX") -> None:
        """Delete messages for good, as a mail client emptying them would."""
        uid_set = ",".join(str(uid) for uid in uids)
        with self.client(user) as imap:
            _ok(imap.select(quote_mailbox(folder)), "SELECT")
            _ok(imap.uid("STORE", uid_set, "+FLAGS.SILENT", "(\\Deleted)"), "STORE")
            _ok(imap.expunge(), "EXPUNGE")

    def append(
        self,
        user: str,
        raw: bytes,
        folder: str = "INBOX",
        flags: Iterable[str] = (),
        internal_date: datetime | None = None,
    ) -> None:
        """Add a message the way a mail client would (IMAP APPEND)."""
        when = imaplib.Time2Internaldate(internal_date) if internal_date else None
        flag_list = f"({' '.join(flags)})" if flags else None
        with self.client(user) as imap:
            _ok(imap.append(quote_mailbox(folder), flag_list, when, raw), "APPEND")

    def flags(self, user: str, folder: str = "INBOX") -> dict[int, frozenset[str]]:
        """UID -> flags of every message, read with EXAMINE so reading changes nothing."""
        with self.client(user) as imap:
            _ok(imap.select(quote_mailbox(folder), readonly=True), "EXAMINE")
            typ, data = imap.uid("FETCH", "1:*", "(UID FLAGS)")
            _ok((typ, data), "FETCH")
        result: dict[int, frozenset[str]] = {}
        for item in data:
            if not isinstance(item, bytes):
                continue
            match = re.search(rb"UID (\d+) FLAGS \(([^)]*)\)|FLAGS \(([^)]*)\) UID (\d+)", item)
            if match is None:
                continue
            uid = match.group(1) or match.group(4)
            names = match.group(2) if match.group(1) else match.group(3)
            result[int(uid)] = frozenset(names.decode().split())
        return result

    def deliver(
        self,
        user: str,
        raw: bytes,
        folder: str = "INBOX",
        flags: Iterable[str] = (),
        internal_date: datetime | None = None,
    ) -> Path:
        """Drop a message straight into the user's Maildir, as a local delivery agent would.

        Much faster than APPEND for filling a folder. The folder is created and
        opened once through IMAP first so Dovecot owns its directories.
        """
        directory = self._folder_directory(user, folder)
        self._ensure_folder(user, folder)
        letters = "".join(sorted(_MAILDIR_FLAG_LETTERS[flag] for flag in flags))
        # Dovecot gives new files their UIDs in file-name order, so names sort by delivery.
        name = f"{time.time_ns():020d}.Q{next(self._delivery_counter):08d}.rejoinder-test"
        staging = directory / "tmp" / name
        staging.write_bytes(raw)
        self._give_to_server(staging)
        if internal_date is not None:
            stamp = internal_date.timestamp()
            os.utime(staging, (stamp, stamp))  # Maildir's INTERNALDATE is the file's mtime
        final = directory / "cur" / f"{name}:2,{letters}" if flags else directory / "new" / name
        staging.rename(final)
        return final

    def _folder_directory(self, user: str, folder: str) -> Path:
        if folder.upper() == "INBOX":
            return self.maildir(user)
        quote_mailbox(folder)  # validates the name
        return self.maildir(user) / ("." + folder.replace("/", "."))

    def _ensure_folder(self, user: str, folder: str) -> None:
        if (user, folder) in self._ready_folders:
            return
        with self.client(user) as imap:
            if folder.upper() != "INBOX":
                imap.create(quote_mailbox(folder))  # NO when it exists already: fine
            _ok(imap.select(quote_mailbox(folder), readonly=True), "EXAMINE")
        self._ready_folders.add((user, folder))


def _child_pids(parent: int) -> list[int]:
    """Direct children of a process, from /proc (Linux)."""
    children = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError, ValueError, IndexError):
            # The command name may hold spaces and parentheses; fields resume after the last ')'.
            fields = stat.read_text().rpartition(")")[2].split()
            if int(fields[1]) == parent:
                children.append(int(stat.parent.name))
    return children


def _sweep_abandoned() -> None:
    """Remove server directories of earlier test runs that were killed outright.

    A directory is abandoned when neither the test run that made it nor its
    Dovecot master is still running.
    """
    for root in Path(TEMP_PARENT).glob(f"{DIR_PREFIX}*"):
        try:
            owner = int((root / "owner").read_text())
            master_file = root / "run" / "master.pid"
            master = int(master_file.read_text()) if master_file.exists() else None
        except (OSError, ValueError):
            continue
        if not _alive(owner) and (master is None or not _alive(master)):
            shutil.rmtree(root, ignore_errors=True)


def _alive(pid: int) -> bool:
    """Running, as opposed to gone or a zombie waiting for a parent that may never reap it."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"


def _end_processes(pids: Iterable[int]) -> None:
    """SIGTERM these processes, then SIGKILL whichever is still there after a grace period."""
    remaining = set(pids)
    for sig in (signal.SIGTERM, signal.SIGKILL):
        for pid in list(remaining):
            try:
                os.kill(pid, sig)
            except ProcessLookupError:
                remaining.discard(pid)
        deadline = time.monotonic() + STOP_TIMEOUT / 2
        while remaining and time.monotonic() < deadline:
            remaining = {pid for pid in remaining if _alive(pid)}
            time.sleep(0.01)
        if not remaining:
            return


def _ok(response: tuple[str, list[bytes | None]] | tuple[str, list[bytes]], command: str) -> None:
    typ, data = response
    if typ != "OK":
        raise RuntimeError(f"{command} failed: {data!r}")


@dataclass(frozen=True)
class ImapUser:
    """A fresh mail account on the shared test server."""

    server: DovecotServer
    name: str
    password: str

    @property
    def host(self) -> str:
        return self.server.host

    @property
    def imap_port(self) -> int:
        return self.server.imap_port

    @property
    def imaps_port(self) -> int:
        return self.server.imaps_port

    @property
    def ca_file(self) -> Path:
        return self.server.ca_file

    def deliver(
        self,
        raw: bytes,
        folder: str = "INBOX",
        flags: Iterable[str] = (),
        internal_date: datetime | None = None,
    ) -> Path:
        return self.server.deliver(self.name, raw, folder, flags, internal_date)

    def append(
        self,
        raw: bytes,
        folder: str = "INBOX",
        flags: Iterable[str] = (),
        internal_date: datetime | None = None,
    ) -> None:
        self.server.append(self.name, raw, folder, flags, internal_date)

    def flags(self, folder: str = "INBOX") -> dict[int, frozenset[str]]:
        return self.server.flags(self.name, folder)

    def expunge(self, uids: Iterable[int], folder: str = "INBOX") -> None:
        self.server.expunge(self.name, uids, folder)

    def create_folder(self, folder: str) -> None:
        self.server.create_folder(self.name, folder)

    def delete_folder(self, folder: str) -> None:
        self.server.delete_folder(self.name, folder)

    def kick(self) -> None:
        self.server.kick(self.name)

    def logins(self) -> list[str]:
        """The server's log lines for this user's successful logins (they say TLS or not)."""
        marker = f"Login: user=<{self.name}>,"
        return [line for line in self.server.log.splitlines() if marker in line]

    def settings(self, security: str = "starttls", **overrides: object) -> ImapSettings:
        """Adapter settings for this account, trusting the test CA."""
        from rejoinder.daemon.imap import ImapSettings

        port = self.imaps_port if security == "tls" else self.imap_port
        values: dict[str, object] = {
            "host": self.host,
            "port": port,
            "security": security,
            "username": self.name,
            "ca_file": self.ca_file,
            "timeout": 10.0,
        }
        values.update(overrides)
        return ImapSettings(**values)  # type: ignore[arg-type]


_user_numbers = itertools.count(1)


def new_user(server: DovecotServer) -> ImapUser:
    name = f"user{next(_user_numbers)}"
    password = secrets.token_urlsafe(12)
    server.add_user(name, password)
    return ImapUser(server, name, password)


@pytest.fixture(scope="session")
def dovecot_server() -> Iterator[DovecotServer]:
    """One Dovecot for the whole session; each test gets its own user instead."""
    require_dovecot()
    server = DovecotServer()
    try:
        server.start()
        yield server
    finally:
        server.close()


@pytest.fixture
def imap_user(dovecot_server: DovecotServer) -> ImapUser:
    """A fresh account, so tests never see each other's mail."""
    if not dovecot_server.running:  # a test restarted or broke it
        dovecot_server.start()
    return new_user(dovecot_server)


MailboxFactory = Callable[[Sequence[bytes]], "Mailbox"]


@pytest.fixture
def imap_mailbox_factory(imap_user: ImapUser) -> Iterator[MailboxFactory]:
    """Builds an ``ImapMailbox`` over a fresh account whose INBOX holds the given
    messages (oldest first), with drafts going to the special-use Drafts folder.
    Sessions are logged out at teardown. Meant for the shared mailbox contract test.
    """
    from rejoinder.daemon.imap import ImapMailbox, ImapSession

    sessions: list[ImapSession] = []

    def make(messages: Sequence[bytes]) -> Mailbox:
        # Spaced-out arrival times, so "oldest first" is well defined.
        start = datetime(2024, 1, 1, tzinfo=UTC)
        for index, raw in enumerate(messages):
            user.deliver(raw, internal_date=start + timedelta(minutes=index))
        session = ImapSession.connect(user.settings(), user.password)
        sessions.append(session)
        return ImapMailbox(session, ("INBOX",), session.find_drafts_folder(None))

    user = imap_user
    yield make
    for session in sessions:
        session.logout()
