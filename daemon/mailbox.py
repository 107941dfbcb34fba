"""The one small mailbox interface, and its local (file, Maildir, mbox) adapters.

A mailbox is where messages are read from and where drafts are written to.
Adapters never change the messages they read. The IMAP adapter lives in
``rejoinder.daemon.imap`` and satisfies the same protocol; both share one
contract test (tests/test_mailbox_contract.py).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol


@dataclass(frozen=True)
class RawMessage:
    key: str  # stable identity inside the mailbox: "path", "path#3" (mbox), "INBOX;v=1;uid=17" (IMAP)
    raw: bytes
    folder: str  # folder (IMAP) or source path (local)
    uid: int | None = None  # IMAP UID; None for local sources
    internal_date: datetime | None = None


class Mailbox(Protocol):
    def messages(self) -> Iterator[RawMessage]:
        """Every message of the watched sources, oldest first. Reading changes nothing."""
        ...

    def has_draft(self, ref: str) -> bool:
        """True when a draft carrying this idempotency reference already exists."""
        ...

    def add_draft(self, draft: bytes, ref: str) -> str:
        """Store a draft (flags \\Draft and \\Seen where the store has flags); return where."""
        ...
