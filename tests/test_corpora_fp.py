"""Ordinary real mail must almost never be called a rejection.

Reads ``../shared/corpora`` (real third-party ham; ``REJOINDER_SHARED`` overrides
where ``shared/`` is) and skips when it is absent. ``enron-job-related`` is left
out: it is recruiting mail that may hold genuine rejections, reviewed by hand
with ``benchmarks/false_positives.py``.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

import pytest

from rejoinder.classifier.classify import Classifier, load_classifier
from rejoinder.classifier.message import ParsedMessage, parse_message
from rejoinder.classifier.result import Verdict

pytestmark = pytest.mark.corpora

MAX_RATE = 0.001  # at most one message in a thousand
ORDINARY_FOLDERS = ("spamassassin-*", "enron-inbox-sample")
CHUNK = 256


def corpora_dir() -> Path:
    override = os.environ.get("REJOINDER_SHARED")
    shared = Path(override) if override else Path(__file__).resolve().parents[1].parent / "shared"
    return shared / "corpora"


def ordinary_mail(corpora: Path) -> list[Path]:
    folders = [folder for pattern in ORDINARY_FOLDERS for folder in corpora.glob(pattern)]
    return sorted(path for folder in folders for path in folder.rglob("*") if path.is_file())


def flagged(paths: Sequence[Path], classifier: Classifier) -> list[Path]:
    """Paths whose verdict is "rejection" (unparseable ones are not flagged)."""
    hits = []
    for start in range(0, len(paths), CHUNK):
        batch = paths[start : start + CHUNK]
        parsed = [(path, parse_message(path.read_bytes())) for path in batch]
        good = [(path, msg) for path, msg in parsed if isinstance(msg, ParsedMessage)]
        results = classifier.classify_many([msg for _, msg in good])
        hits += [
            path
            for (path, _), result in zip(good, results, strict=True)
            if result.verdict is Verdict.REJECTION
        ]
    return hits


def test_false_positive_rate_on_ordinary_mail_is_at_most_one_in_a_thousand() -> None:
    corpora = corpora_dir()
    paths = ordinary_mail(corpora) if corpora.is_dir() else []
    if not paths:
        pytest.skip(f"no ordinary mail under {corpora}")
    hits = flagged(paths, load_classifier())
    listing = "\n".join(str(hit.relative_to(corpora)) for hit in hits[:50])
    assert len(hits) <= MAX_RATE * len(paths), (
        f"{len(hits)} of {len(paths)} ordinary messages called rejections "
        f"({len(hits) / len(paths):.3%}, limit {MAX_RATE:.1%}):\n{listing}"
    )
