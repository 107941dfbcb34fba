"""The labelled corpus as data: one :class:`CorpusRecord` per message, loaded from the
packaged ``corpus.jsonl``, and rendered to RFC 822 bytes on demand.

The records are generated (see ``generate.py`` and ``README.md`` in this folder);
nothing here reads anything but the packaged file.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, fields
from datetime import UTC, datetime, timedelta, timezone
from email import policy
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime
from importlib.resources import files
from typing import Any

CORPUS_PACKAGE = "rejoinder.classifier.corpus"
CORPUS_FILE = "corpus.jsonl"

LABELS = ("rejection", "not_rejection", "position_closed")
STAGES = ("application", "interview", "unknown")
SPLITS = ("train", "test")
# Indirect rejection families (see build_more.py): letters whose decision or stage is
# only implied, in plain conversational wording. They teach the stage model in full,
# but the rejection decision at a reduced weight: at full weight their register pulls
# ordinary mail towards a draft; left out, real letters in that register are missed.
# Kept here, with the records, so that training -- and so the daemon, which unpickles
# a trained model -- never imports the generator's phrase banks.
INDIRECT_REJECTIONS = frozenset(
    {"rejection_implied", "rejection_terse", "rejection_candid", "rejection_placement"}
)
INDIRECT_LABEL_WEIGHT = 0.3  # chosen by a sweep, see docs/model.md

# Dates are spread over two years from this instant, derived from the record id.
_EPOCH = datetime(2023, 1, 2, 7, 0, tzinfo=UTC)
_SPAN_SECONDS = 2 * 365 * 24 * 3600
_ZONES = (0, 1, 2, -5, -8, 5.5, 10, -3)


class CorpusFormatError(ValueError):
    """A corpus line does not describe a valid record."""

    def __init__(self, line_number: int, problem: str) -> None:
        super().__init__(
            f"corpus.jsonl line {line_number}: {problem}; "
            "regenerate it with `python -m rejoinder.classifier.corpus.generate`"
        )
        self.line_number = line_number
        self.problem = problem


@dataclass(frozen=True)
class CorpusRecord:
    """One labelled message. Ground-truth fields are set only when the value really
    appears in the subject, body or sender display name."""

    id: str
    split: str  # "train" | "test"
    label: str  # "rejection" | "not_rejection" | "position_closed"
    stage: str | None  # "application" | "interview" | "unknown" for rejections, else None
    category: str
    subject: str
    from_name: str
    from_addr: str
    reply_to: str | None
    to_addr: str
    body: str  # plain text (for HTML-only mail: the text the HTML shows)
    body_html: str | None  # set for HTML-only or multipart/alternative mail
    html_only: bool  # True: no text/plain part at all
    headers: dict[str, str]  # extra headers: List-Id, Precedence, Auto-Submitted...
    company: str | None
    role: str | None
    contact_name: str | None  # first name of the human contact

    @property
    def is_rejection(self) -> bool:
        return self.label == "rejection"

    def to_json(self) -> str:
        """One jsonl line (without the newline): stable key order, UTF-8 kept as is."""
        data = {f.name: getattr(self, f.name) for f in fields(self)}
        return json.dumps(data, ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls, line: str, line_number: int = 0) -> CorpusRecord:
        try:
            data: Any = json.loads(line)
        except json.JSONDecodeError as error:
            raise CorpusFormatError(line_number, f"not JSON ({error.msg})") from None
        expected = {f.name for f in fields(cls)}
        if not isinstance(data, dict) or set(data) != expected:
            got = sorted(data) if isinstance(data, dict) else type(data).__name__
            raise CorpusFormatError(line_number, f"expected keys {sorted(expected)}, got {got}")
        record = cls(**data)
        record.validate(line_number)
        return record

    def validate(self, line_number: int = 0) -> None:
        if self.label not in LABELS:
            raise CorpusFormatError(line_number, f"unknown label {self.label!r}")
        if self.split not in SPLITS:
            raise CorpusFormatError(line_number, f"unknown split {self.split!r}")
        if (self.label == "rejection") != (self.stage is not None):
            raise CorpusFormatError(line_number, "stage must be set exactly for rejections")
        if self.stage is not None and self.stage not in STAGES:
            raise CorpusFormatError(line_number, f"unknown stage {self.stage!r}")
        if self.html_only and self.body_html is None:
            raise CorpusFormatError(line_number, "html_only is set but body_html is empty")


def corpus_bytes() -> bytes:
    return files(CORPUS_PACKAGE).joinpath(CORPUS_FILE).read_bytes()


def load_corpus() -> list[CorpusRecord]:
    """All records of the packaged corpus, in file order."""
    text = corpus_bytes().decode("utf-8")
    return [
        CorpusRecord.from_json(line, number)
        for number, line in enumerate(text.splitlines(), start=1)
        if line.strip()
    ]


def corpus_sha256() -> str:
    """Hex SHA-256 of the packaged jsonl; recorded in model metadata for provenance."""
    return hashlib.sha256(corpus_bytes()).hexdigest()


def _digest(record_id: str) -> bytes:
    return hashlib.sha256(record_id.encode("utf-8")).digest()


def record_date(record: CorpusRecord) -> datetime:
    """A stable, plausible Date for the record, derived only from its id."""
    digest = _digest(record.id)
    seconds = int.from_bytes(digest[:6], "big") % _SPAN_SECONDS
    offset_hours = _ZONES[digest[6] % len(_ZONES)]
    zone = timezone(timedelta(hours=offset_hours))
    return (_EPOCH + timedelta(seconds=seconds)).astimezone(zone)


def eml_charset(record: CorpusRecord) -> str:
    """The charset the message is sent in.

    Mostly UTF-8; about one record in eight uses ISO-8859-1 or Windows-1252 when every
    character of the text can be encoded in it, because real mail still arrives that way
    and decoders must cope.
    """
    text = record.body + (record.body_html or "")
    selector = _digest(record.id)[7] % 8
    for candidate, wanted in (("iso-8859-1", 0), ("windows-1252", 1)):
        if selector == wanted and _encodable(text, candidate):
            return candidate
    return "utf-8"


def _encodable(text: str, charset: str) -> bool:
    try:
        text.encode(charset)
    except UnicodeEncodeError:
        return False
    return True


def record_to_eml(record: CorpusRecord, *, message_id: str | None = None) -> bytes:
    """The record as an RFC 822 message with CRLF line endings.

    Plain text only, HTML only, or multipart/alternative, as the record says.
    """
    message = EmailMessage(policy=policy.SMTP)
    message["From"] = Address(display_name=record.from_name, addr_spec=record.from_addr)
    message["To"] = record.to_addr
    if record.reply_to:
        message["Reply-To"] = record.reply_to
    message["Subject"] = record.subject
    message["Date"] = format_datetime(record_date(record))
    message["Message-ID"] = message_id or _message_id(record)
    for name, value in record.headers.items():
        message[name] = value
    charset = eml_charset(record)
    if record.body_html is None:
        message.set_content(record.body, charset=charset)
    elif record.html_only:
        message.set_content(record.body_html, subtype="html", charset=charset)
    else:
        message.set_content(record.body, charset=charset)
        message.add_alternative(record.body_html, subtype="html", charset=charset)
    return message.as_bytes()


def _message_id(record: CorpusRecord) -> str:
    domain = record.from_addr.rpartition("@")[2] or "corpus.example"
    return f"<{_digest(record.id).hex()[:20]}.{record.id}@{domain}>"
