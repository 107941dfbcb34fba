"""Raw RFC 822 bytes -> a frozen ``ParsedMessage`` (or a ``ParseFailure``).

Pure: no I/O, no logging of content. The caller decides what to do with a failure.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class Address:
    """One mailbox: display name (may be empty) and address (may be empty if unparseable)."""

    name: str
    addr: str

    @property
    def domain(self) -> str:
        return self.addr.rpartition("@")[2].lower() if "@" in self.addr else ""


@dataclass(frozen=True)
class ParsedMessage:
    message_id: str | None  # with angle brackets, e.g. "<abc@example.com>"
    in_reply_to: str | None
    references: tuple[str, ...]
    from_: Address | None
    reply_to: tuple[Address, ...]
    to: tuple[Address, ...]
    cc: tuple[Address, ...]
    subject: str  # decoded, whitespace-folded
    date: datetime | None  # timezone-aware when the header had a zone
    list_id: str | None
    auto_submitted: str | None
    precedence: str | None
    body: str  # the whole text body (text/plain preferred, else HTML rendered to text)
    body_from_html: bool
    new_text: str  # body without quoted history and signature: what this sender wrote now
    quoted: str  # quoted history / forwarded part, if any
    signature: str  # signature block, if one was recognised
    size: int  # size of the raw message in bytes
    truncated: bool  # True when caps on header or body size were applied


@dataclass(frozen=True)
class ParseFailure:
    """A message that could not be turned into a ParsedMessage; logged and skipped by callers."""

    reason: str
    size: int


def parse_message(raw: bytes) -> ParsedMessage | ParseFailure:
    raise NotImplementedError  # implemented in the parsing step
