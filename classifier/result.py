"""Values produced by the classifier and the extractors."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Stage(StrEnum):
    """When in the hiring process the rejection came."""

    APPLICATION = "application"  # no interview happened
    INTERVIEW = "interview"  # after a phone screen or one or more interviews
    UNKNOWN = "unknown"


class Label(StrEnum):
    """What the model thinks a message is."""

    REJECTION = "rejection"
    # The role was filled, cancelled or put on hold with no decision about the candidate.
    POSITION_CLOSED = "position_closed"
    NOT_REJECTION = "not_rejection"


class Verdict(StrEnum):
    """What the pipeline does with a message."""

    REJECTION = "rejection"  # journal it and write a draft
    UNSURE = "unsure"  # journal it for review, no draft
    NOT_REJECTION = "not_rejection"  # ignore


@dataclass(frozen=True)
class Extraction:
    company: str | None = None
    role: str | None = None
    contact_name: str | None = None  # the contact's first name


@dataclass(frozen=True)
class Classification:
    label: Label
    verdict: Verdict
    score: float  # calibrated probability that the message is a rejection
    stage: Stage | None  # None unless verdict is REJECTION or UNSURE
    extraction: Extraction
    model_version: str
    # Why the verdict is milder than the score alone would make it, e.g. "a mailing-list
    # post": shown to the user reviewing the journal.
    note: str | None = None

    @property
    def is_rejection(self) -> bool:
        return self.verdict is Verdict.REJECTION
