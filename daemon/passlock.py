"""The lock a pass over an account holds, so that one runs at a time across processes
(``rejoinder once`` while the service runs), and whether some process holds it now
(``rejoinder status`` during a long first run). Kept apart from watcher.py so that
reading the status does not load the IMAP machinery."""

from __future__ import annotations

import fcntl
import hashlib
from pathlib import Path


def pass_lock_path(journal_path: Path, account: str) -> Path:
    """The file whose lock a pass over ``account`` holds (next to the journal; any name)."""
    digest = hashlib.sha256(account.encode()).hexdigest()[:16]
    return journal_path.with_name(f"{journal_path.name}.pass-{digest}.lock")


def pass_running(journal_path: Path, account: str) -> bool:
    """Whether a pass over ``account`` is under way now, in this process or another."""
    path = pass_lock_path(journal_path, account)
    try:
        handle = path.open("rb")  # never created here: no file, no pass ever ran
    except OSError:
        return False
    with handle:
        try:
            # Shared: two status readers never see each other as a pass.
            fcntl.flock(handle, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
        fcntl.flock(handle, fcntl.LOCK_UN)
        return False
