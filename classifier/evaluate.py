"""Measuring the classifier, the stage detector and the extractors on labelled mail.

Labelled sets are JSON Lines, one message per line, with at least ``label``
(rejection / not_rejection / position_closed), ``subject`` and ``body``;
optionally ``stage``, ``from_name``, ``from_addr``, ``body_html``, ``headers``
and ground truth ``company``, ``role`` and ``contact_name`` (or
``sender_first_name``). Each line is built into an RFC 822 message and goes
through the same parse path as real mail.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any, Protocol

from rejoinder.classifier.corpus.records import CorpusRecord, record_to_eml
from rejoinder.classifier.extract import extract, normalise_company, normalise_role
from rejoinder.classifier.message import ParsedMessage, ParseFailure, parse_message
from rejoinder.classifier.result import Classification, Label, Verdict
from rejoinder.daemon.errors import InputError


class SupportsClassifyMany(Protocol):
    def classify_many(self, msgs: Sequence[ParsedMessage]) -> list[Classification]: ...


@dataclass(frozen=True)
class Ratio:
    hits: int
    total: int

    @property
    def value(self) -> float | None:
        return self.hits / self.total if self.total else None

    def __str__(self) -> str:
        return f"{self.value:.3f} ({self.hits}/{self.total})" if self.total else "n/a (0)"


@dataclass
class Report:
    messages: int = 0
    unparseable: int = 0
    true_positives: int = 0
    false_positives: int = 0
    false_negatives: int = 0
    true_negatives: int = 0
    unsure: int = 0  # rejection-like messages put in the review band
    closed_as_closed: int = 0
    closed_as_rejection: int = 0
    closed_total: int = 0
    stage: Ratio = Ratio(0, 0)
    company: Ratio = Ratio(0, 0)
    role: Ratio = Ratio(0, 0)
    contact_name: Ratio = Ratio(0, 0)
    errors: list[str] = field(default_factory=list)  # misclassified ids, and wrong stages

    @property
    def precision(self) -> float:
        flagged = self.true_positives + self.false_positives
        return self.true_positives / flagged if flagged else 0.0

    @property
    def recall(self) -> float:
        actual = self.true_positives + self.false_negatives
        return self.true_positives / actual if actual else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, Any]:
        return {
            "messages": self.messages,
            "unparseable": self.unparseable,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "confusion": {
                "tp": self.true_positives,
                "fp": self.false_positives,
                "fn": self.false_negatives,
                "tn": self.true_negatives,
                "unsure": self.unsure,
            },
            "position_closed": {
                "total": self.closed_total,
                "as_closed": self.closed_as_closed,
                "as_rejection": self.closed_as_rejection,
            },
            "stage_accuracy": _round(self.stage.value),
            "company_exact": _round(self.company.value),
            "role_exact": _round(self.role.value),
            "contact_name_exact": _round(self.contact_name.value),
            "counts": {
                k: asdict(getattr(self, k)) for k in ("stage", "company", "role", "contact_name")
            },
        }

    def lines(self) -> list[str]:
        return [
            f"messages:            {self.messages} ({self.unparseable} unparseable)",
            f"rejection precision: {self.precision:.3f}",
            f"rejection recall:    {self.recall:.3f}",
            f"rejection F1:        {self.f1:.3f}",
            f"confusion:           tp={self.true_positives} fp={self.false_positives} "
            f"fn={self.false_negatives} tn={self.true_negatives} (unsure band: {self.unsure})",
            f"position closed:     {self.closed_as_closed}/{self.closed_total} recognised, "
            f"{self.closed_as_rejection} called rejections",
            f"stage accuracy:      {self.stage}",
            f"company exact:       {self.company}",
            f"role exact:          {self.role}",
            f"contact first name:  {self.contact_name}",
        ]


def _round(value: float | None) -> float | None:
    return round(value, 4) if value is not None else None


_RECORD_FIELDS = {f.name for f in fields(CorpusRecord)}


def record_from_json(data: dict[str, Any], index: int) -> CorpusRecord:
    """Accept the corpus's own records and the looser shape of other labelled sets."""
    defaults: dict[str, Any] = {
        "id": str(data.get("id", index)),
        "split": "test",
        "stage": None,
        "category": "",
        "from_name": "",
        "from_addr": "sender@unknown.example",
        "reply_to": None,
        "to_addr": "candidate@home.example",
        "body_html": None,
        "html_only": False,
        "headers": {},
        "company": None,
        "role": None,
        "contact_name": data.get("sender_first_name"),
    }
    merged = {
        **defaults,
        **{k: v for k, v in data.items() if k in _RECORD_FIELDS and v is not None},
    }
    merged["id"] = str(merged["id"])
    merged["from_addr"] = merged["from_addr"] or defaults["from_addr"]
    return CorpusRecord(**merged)


def load_labelled(path: Path) -> list[CorpusRecord]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(
            f"cannot read the labelled set {path} ({exc})", "give a JSON Lines file"
        ) from exc
    records = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
            if data.get("label") not in {label.value for label in Label}:
                raise ValueError(f"unknown label {data.get('label')!r}")
            records.append(record_from_json(data, number))
        except (ValueError, TypeError) as exc:
            raise InputError(
                f"{path}, line {number}: {exc}",
                "each line must be a JSON object with label, subject and body",
            ) from exc
    return records


def evaluate_records(records: Iterable[CorpusRecord], classifier: SupportsClassifyMany) -> Report:
    report = Report()
    pairs: list[tuple[CorpusRecord, ParsedMessage]] = []
    for record in records:
        report.messages += 1
        parsed = parse_message(record_to_eml(record))
        if isinstance(parsed, ParseFailure):
            report.unparseable += 1
            continue
        pairs.append((record, parsed))
    results = classifier.classify_many([p for _, p in pairs])
    stage = company = role = name = Ratio(0, 0)
    for (record, parsed), result in zip(pairs, results, strict=True):
        _count_label(report, record, result)
        if record.label != Label.REJECTION.value:
            continue
        if record.stage in ("application", "interview"):
            said = result.stage.value if result.stage is not None else None
            stage = _add(stage, said == record.stage)
            if said != record.stage and result.verdict is Verdict.REJECTION:  # misses are listed
                report.errors.append(f"wrong stage: {record.id} (said {said}, is {record.stage})")
        found = extract(parsed)
        company = _score(company, record.company, found.company, normalise_company)
        role = _score(role, record.role, found.role, normalise_role)
        name = _score(name, record.contact_name, found.contact_name, str.casefold)
    report.stage, report.company, report.role, report.contact_name = stage, company, role, name
    return report


def _count_label(report: Report, record: CorpusRecord, result: Classification) -> None:
    flagged = result.verdict is Verdict.REJECTION
    if record.label == Label.POSITION_CLOSED.value:
        report.closed_total += 1
        report.closed_as_closed += result.label is Label.POSITION_CLOSED
        report.closed_as_rejection += flagged
        return
    actual = record.label == Label.REJECTION.value
    report.unsure += result.verdict is Verdict.UNSURE and actual
    if flagged and actual:
        report.true_positives += 1
    elif flagged:
        report.false_positives += 1
        report.errors.append(f"false positive: {record.id}")
    elif actual:
        report.false_negatives += 1
        report.errors.append(f"missed: {record.id}")
    else:
        report.true_negatives += 1


def _add(ratio: Ratio, hit: bool) -> Ratio:
    return Ratio(ratio.hits + hit, ratio.total + 1)


def _score(ratio: Ratio, truth: str | None, found: str | None, norm: Any) -> Ratio:
    if not truth:
        return ratio
    return _add(ratio, found is not None and norm(found) == norm(truth))
