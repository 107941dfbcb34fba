"""The systemd notify protocol in a few lines: datagrams to ``$NOTIFY_SOCKET``.

No dependency: a message is ``KEY=VALUE`` lines sent to a Unix datagram socket
(an abstract one when the path starts with ``@``). Without the variable (not
run by systemd) every call is a no-op.
"""

from __future__ import annotations

import logging
import os
import socket
import time

log = logging.getLogger(__name__)


class Notifier:
    def __init__(self, address: str | None = None) -> None:
        self.address = address if address is not None else os.environ.get("NOTIFY_SOCKET", "")

    @property
    def enabled(self) -> bool:
        return bool(self.address)

    def send(self, **fields: str) -> bool:
        if not self.address:
            return False
        target = "\0" + self.address[1:] if self.address.startswith("@") else self.address
        payload = "\n".join(f"{key.upper()}={value}" for key, value in fields.items()).encode()
        try:
            with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM | socket.SOCK_CLOEXEC) as sock:
                sock.sendto(payload, target)
        except OSError as exc:  # systemd gone or socket unreachable: never fatal
            log.debug("sd_notify failed: %s", exc)
            return False
        return True

    def ready(self, status: str) -> bool:
        return self.send(ready="1", status=status)

    def status(self, text: str) -> bool:
        return self.send(status=text)

    def watchdog(self) -> bool:
        return self.send(watchdog="1")

    def stopping(self) -> bool:
        return self.send(stopping="1", status="stopping")

    def reloading(self) -> bool:
        # Type=notify-reload (systemd 253+) wants the CLOCK_MONOTONIC time with RELOADING=1.
        now = time.clock_gettime_ns(time.CLOCK_MONOTONIC) // 1000
        return self.send(reloading="1", monotonic_usec=str(now), status="reloading configuration")


def watchdog_interval() -> float | None:
    """Half the watchdog timeout systemd set for us (in seconds), or None."""
    usec = os.environ.get("WATCHDOG_USEC")
    pid = os.environ.get("WATCHDOG_PID")
    if not usec or (pid and pid != str(os.getpid())):
        return None
    try:
        return int(usec) / 2_000_000
    except ValueError:
        return None
