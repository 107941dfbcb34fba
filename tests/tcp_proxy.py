"""A loopback TCP proxy for the fault and load tests.

``TcpProxy`` listens on a free 127.0.0.1 port and forwards every connection to
an upstream server, one thread per direction. It counts connections (how many
were accepted, how many are open now) and can cut a connection when the client
sends a given command: a ``Cut`` names a pattern to look for in the
client-to-server stream and what to let through before both sockets are closed.

Point an account at the proxy with ``security = "plain"`` (allowed on loopback)
so the proxy sees the commands; behind STARTTLS it would see only ciphertext.
"""

from __future__ import annotations

import contextlib
import re
import socket
import struct
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from types import TracebackType

LOOPBACK = "127.0.0.1"
_CHUNK = 65536
_TAIL = 512  # client bytes kept to match a pattern split across two reads


@dataclass
class Cut:
    """Cut a connection when the client sends something matching ``pattern`` (a regex).

    ``forward``: the matching bytes still reach the server first (it sees the command).
    Then, when neither ``reply_bytes`` nor ``reply_pattern`` is given, the cut is
    immediate; otherwise the server's reply is passed on for ``reply_bytes`` bytes
    (a reply torn mid-way), or until a chunk matches ``reply_pattern`` (that chunk
    is dropped: the server did the work, the client never hears of it).
    ``reset``: close with a TCP reset instead of an orderly end of stream.
    ``times``: how many connections to cut this way.
    """

    pattern: bytes
    forward: bool = True
    reply_bytes: int = 0
    reply_pattern: bytes | None = None
    reset: bool = False
    times: int = 1
    fired: int = 0


@dataclass
class _Link:
    """One proxied connection: the client's socket and the server's."""

    client: socket.socket
    server: socket.socket
    closed: bool = False
    armed: Cut | None = None  # a cut waiting for the server's reply
    passed: int = 0  # reply bytes passed on since the cut was armed
    lock: threading.Lock = field(default_factory=threading.Lock)


class TcpProxy:
    """Forwards ``127.0.0.1:port`` to ``upstream_host:upstream_port``."""

    def __init__(self, upstream_host: str, upstream_port: int) -> None:
        self.upstream = (upstream_host, upstream_port)
        self._listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._listener.bind((LOOPBACK, 0))
        self._listener.listen(64)
        self._listener.settimeout(0.1)  # accept() wakes to notice close()
        self.host = LOOPBACK
        self.port: int = self._listener.getsockname()[1]
        self.accepted = 0  # connections accepted so far
        self.refused = 0  # of those, how many found no server behind the proxy
        self.cuts: list[bytes] = []  # the pattern of every cut made, in order
        self._rules: list[Cut] = []
        self._links: list[_Link] = []
        self._lock = threading.Lock()
        self._closing = False
        self._thread = threading.Thread(target=self._accept, name="tcp-proxy", daemon=True)
        self._thread.start()

    # -- what the tests use ------------------------------------------------------

    @property
    def active(self) -> int:
        """Connections open right now (through to a server)."""
        with self._lock:
            return sum(1 for link in self._links if not link.closed)

    def cut_when(self, rule: Cut) -> Cut:
        with self._lock:
            self._rules.append(rule)
        return rule

    def cut_all(self) -> None:
        """Drop every open connection at once (a network outage)."""
        with self._lock:
            links = list(self._links)
        for link in links:
            self._close(link, reset=True)

    def close(self) -> None:
        self._closing = True
        with contextlib.suppress(OSError):
            self._listener.close()
        self.cut_all()
        self._thread.join(5)

    def __enter__(self) -> TcpProxy:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    # -- forwarding -----------------------------------------------------------------

    def _accept(self) -> None:
        while not self._closing:
            try:
                client, _ = self._listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            client.settimeout(None)
            with self._lock:
                self.accepted += 1
            try:
                server = socket.create_connection(self.upstream, timeout=5)
            except OSError:  # no server: the client sees its connection end at once
                with self._lock:
                    self.refused += 1
                _hard_close(client, reset=False)
                continue
            server.settimeout(None)
            link = _Link(client, server)
            with self._lock:
                self._links = [known for known in self._links if not known.closed]
                self._links.append(link)
            for target, name in ((self._upstream_pump, "up"), (self._downstream_pump, "down")):
                threading.Thread(
                    target=target, args=(link,), name=f"proxy-{name}", daemon=True
                ).start()

    def _upstream_pump(self, link: _Link) -> None:
        """Client to server, watching for the commands a cut waits for."""
        tail = b""
        for data in _reads(link.client):
            seen = tail + data
            rule, end = self._matching_rule(seen)
            tail = seen[end:][-_TAIL:]  # what matched once is not matched again
            if rule is None:
                if not _send(link.server, data):
                    break
                continue
            waits_for_reply = rule.reply_bytes or rule.reply_pattern is not None
            if waits_for_reply:  # armed before the command leaves: its reply may be quick
                with link.lock:
                    link.armed, link.passed = rule, 0
            if rule.forward and not _send(link.server, data):
                break
            if not waits_for_reply:
                self._cut(link, rule)
                break
        self._close(link, reset=False)

    def _downstream_pump(self, link: _Link) -> None:
        """Server to client, cutting an armed connection part-way through the reply."""
        for data in _reads(link.server):
            with link.lock:
                rule = link.armed
            if rule is None:
                if not _send(link.client, data):
                    break
                continue
            if rule.reply_pattern is not None and re.search(rule.reply_pattern, data):
                self._cut(link, rule)
                break
            if rule.reply_bytes:
                room = rule.reply_bytes - link.passed
                _send(link.client, data[:room])
                link.passed += min(room, len(data))
                if link.passed >= rule.reply_bytes:
                    self._cut(link, rule)
                    break
                continue
            if not _send(link.client, data):
                break
        self._close(link, reset=False)

    def _matching_rule(self, seen: bytes) -> tuple[Cut | None, int]:
        """The first rule with cuts left that matches, and where its match ends."""
        with self._lock:
            for rule in self._rules:
                match = re.search(rule.pattern, seen) if rule.fired < rule.times else None
                if match is not None:
                    rule.fired += 1
                    return rule, match.end()
        return None, 0

    def _cut(self, link: _Link, rule: Cut) -> None:
        with self._lock:
            self.cuts.append(rule.pattern)
        self._close(link, reset=rule.reset)

    def _close(self, link: _Link, *, reset: bool) -> None:
        with link.lock:
            if link.closed:
                return
            link.closed = True
        _hard_close(link.client, reset=reset)
        _hard_close(link.server, reset=reset)


def _reads(sock: socket.socket) -> Iterator[bytes]:
    while True:
        try:
            data = sock.recv(_CHUNK)
        except OSError:
            return
        if not data:
            return
        yield data


def _send(sock: socket.socket, data: bytes) -> bool:
    try:
        sock.sendall(data)
    except OSError:
        return False
    return True


def _hard_close(sock: socket.socket, *, reset: bool) -> None:
    """Close now; ``reset`` sends a TCP RST (SO_LINGER 0) instead of a FIN."""
    with contextlib.suppress(OSError):
        if reset:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        # Wakes the other pump blocked in recv() on this socket (close() alone would not);
        # shutting down only the reading side sends no FIN, so a reset stays a reset.
        sock.shutdown(socket.SHUT_RD if reset else socket.SHUT_RDWR)
    with contextlib.suppress(OSError):
        sock.close()
