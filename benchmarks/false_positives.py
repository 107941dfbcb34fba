"""How often does Rejoinder call ordinary mail a rejection?

Runs the classifier over every message in ``../shared/corpora/`` (real
third-party ham: SpamAssassin, Enron; none of it is a job rejection) and prints,
per folder and overall, how many get the verdict "rejection". Target: at most
0.1% of ordinary mail.

Hits are listed by path only: the messages are third-party mail, so no content
is printed, except the subject line of hits inside ``enron-job-related/``. That
folder holds recruiting mail that may really be rejection-like, so those need a
human to look before they count as false positives.

Run: ``python benchmarks/false_positives.py`` (``--json`` for machine output).
``REJOINDER_SHARED`` overrides where ``shared/`` is; without it the script says
so and exits 0.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rejoinder.classifier.classify import Classifier, load_classifier
from rejoinder.classifier.message import ParsedMessage, ParseFailure, parse_message
from rejoinder.classifier.model import shipped_model_dir
from rejoinder.classifier.result import Classification, Verdict
from rejoinder.daemon.errors import ModelError

SHARED_ENV = "REJOINDER_SHARED"
# Recruiting mail, possibly with genuine rejections: reviewed by hand, not counted as ordinary.
JOB_RELATED = "enron-job-related"
TARGET_RATE = 0.001
CHUNK = 256


def shared_dir() -> Path:
    """``$REJOINDER_SHARED``, else ``shared/`` beside the repository."""
    override = os.environ.get(SHARED_ENV)
    if override:
        return Path(override)
    return Path(__file__).resolve().parents[1].parent / "shared"


def benchmark_classifier(model_dir: Path | None) -> Classifier:
    """The model in ``models/`` (or ``model_dir``), not whatever ``load_classifier()``
    would pick: a personal or retrained model in the user's data dir comes first there,
    and figures must describe the model the repository ships. Falls back to
    ``load_classifier()`` only when the shipped model does not fit this scikit-learn."""
    if model_dir is not None:
        return load_classifier(model_dir=model_dir)
    try:
        return load_classifier(model_dir=shipped_model_dir())
    except ModelError as error:
        print(f"note: {error}; using load_classifier() instead", file=sys.stderr)
        return load_classifier()


def add_model_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--model-dir",
        type=Path,
        default=None,
        help="model directory to measure (default: the shipped model in models/)",
    )


def corpus_files(corpora: Path) -> list[Path]:
    """Every message file in the corpus folders, in a stable order.

    Files directly in ``corpora/`` (README, manifest) are not messages.
    """
    return sorted(
        path
        for path in corpora.rglob("*")
        if path.is_file() and path.parent != corpora and not path.name.startswith(".")
    )


def folder_of(path: Path, corpora: Path) -> str:
    return path.relative_to(corpora).parts[0]


def classify_files(
    paths: Sequence[Path], classifier: Classifier, chunk: int = CHUNK
) -> Iterator[tuple[Path, ParsedMessage | ParseFailure, Classification | None]]:
    """Read, parse and classify in batches; unparseable messages get no classification."""
    for start in range(0, len(paths), chunk):
        batch = paths[start : start + chunk]
        parsed = [parse_message(path.read_bytes()) for path in batch]
        good = [msg for msg in parsed if isinstance(msg, ParsedMessage)]
        results = iter(classifier.classify_many(good))
        for path, msg in zip(batch, parsed, strict=True):
            yield path, msg, next(results) if isinstance(msg, ParsedMessage) else None


@dataclass
class FolderCount:
    messages: int = 0
    unparseable: int = 0
    rejections: int = 0
    unsure: int = 0
    hits: list[str] = field(default_factory=list)  # relative paths
    subjects: dict[str, str] = field(default_factory=dict)  # job-related hits only

    @property
    def rate(self) -> float:
        return self.rejections / self.messages if self.messages else 0.0


def count_by_folder(corpora: Path, classifier: Classifier) -> dict[str, FolderCount]:
    counts: dict[str, FolderCount] = {}
    for path, msg, result in classify_files(corpus_files(corpora), classifier):
        folder = counts.setdefault(folder_of(path, corpora), FolderCount())
        folder.messages += 1
        if result is None:
            folder.unparseable += 1
            continue
        folder.unsure += result.verdict is Verdict.UNSURE
        if result.verdict is Verdict.REJECTION:
            relative = str(path.relative_to(corpora))
            folder.rejections += 1
            folder.hits.append(relative)
            if folder_of(path, corpora) == JOB_RELATED and isinstance(msg, ParsedMessage):
                folder.subjects[relative] = msg.subject
    return counts


def total(counts: dict[str, FolderCount], *, ordinary_only: bool) -> FolderCount:
    summed = FolderCount()
    for name, folder in counts.items():
        if ordinary_only and name == JOB_RELATED:
            continue
        summed.messages += folder.messages
        summed.unparseable += folder.unparseable
        summed.rejections += folder.rejections
        summed.unsure += folder.unsure
        summed.hits += folder.hits
    return summed


def _row(name: str, folder: FolderCount, target: str = "") -> str:
    return (
        f"| {name} | {folder.messages:,} | {folder.unparseable} | {folder.rejections} "
        f"| {folder.rate:.3%} | {folder.unsure} | {target} |"
    )


def markdown(counts: dict[str, FolderCount], model_version: str) -> str:
    ordinary = total(counts, ordinary_only=True)
    overall = total(counts, ordinary_only=False)
    verdict = "met" if ordinary.rate <= TARGET_RATE else "MISSED"
    lines = [
        f"# Rejection verdicts on ../shared/corpora (model {model_version})",
        "",
        "| folder | messages | unparseable | verdict rejection | rate | unsure (no draft) | target |",
        "|---|---:|---:|---:|---:|---:|---|",
        *(_row(name, counts[name]) for name in sorted(counts)),
        _row(
            "**ordinary mail** (all but enron-job-related)",
            ordinary,
            f"≤ {TARGET_RATE:.1%}: {verdict}",
        ),
        _row("**all folders**", overall),
        "",
        "## Hits in ordinary mail (paths only)",
        "",
        *(f"- {hit}" for hit in ordinary.hits),
    ]
    if not ordinary.hits:
        lines.append("none")
    job = counts.get(JOB_RELATED, FolderCount())
    lines += ["", f"## Hits in {JOB_RELATED}/ (review by hand: path, subject)", ""]
    lines += [f"- {hit}\t{job.subjects.get(hit, '')}" for hit in job.hits] or ["none"]
    return "\n".join(lines)


def as_json(counts: dict[str, FolderCount], model_version: str) -> dict[str, Any]:
    ordinary = total(counts, ordinary_only=True)
    return {
        "model_version": model_version,
        "target_rate": TARGET_RATE,
        "folders": {
            name: {
                "messages": c.messages,
                "unparseable": c.unparseable,
                "rejections": c.rejections,
                "rate": round(c.rate, 6),
                "unsure": c.unsure,
                "hits": c.hits,
            }
            for name, c in sorted(counts.items())
        },
        "ordinary": {
            "messages": ordinary.messages,
            "rejections": ordinary.rejections,
            "rate": round(ordinary.rate, 6),
            "target_met": ordinary.rate <= TARGET_RATE,
        },
        # Subjects stay out of the JSON: it is the form most likely to be saved or shared.
        "job_related_hits": counts.get(JOB_RELATED, FolderCount()).hits,
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--json", action="store_true", help="print JSON instead of markdown")
    add_model_option(parser)
    args = parser.parse_args(argv)
    corpora = shared_dir() / "corpora"
    if not corpora.is_dir():
        print(f"note: {corpora} not found (set {SHARED_ENV}); nothing to measure")
        return 0
    classifier = benchmark_classifier(args.model_dir)
    counts = count_by_folder(corpora, classifier)
    if args.json:
        print(json.dumps(as_json(counts, classifier.version), indent=2))
    else:
        print(markdown(counts, classifier.version))
    return 0


if __name__ == "__main__":
    sys.exit(main())
