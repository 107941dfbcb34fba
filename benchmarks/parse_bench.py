"""Parse throughput: ``parse_message`` over real and generated mail, against the stdlib.

Sets measured (each one read into memory first, so only parsing is timed):

* ``../shared/corpora/``: real third-party ham (SpamAssassin, Enron), per folder
  and overall. Skipped with a note when it is absent (``REJOINDER_SHARED``
  overrides where ``shared/`` is). Only counts, timings and paths are printed.
* the project's own corpus (``classifier/corpus/corpus.jsonl``), each record
  rendered to RFC 822 bytes with ``record_to_eml`` before timing starts.

For each set: messages per second (best of ``--repeat`` runs), MB/s, the slowest
single message, and the ratio to the standard library doing comparable work
(``email`` with the default policy: parse, then fetch the text of the preferred
body part). The ratio is the figure that does not depend on the machine.

Target: at least 3,000 msg/s on the real corpora, i.e. parsing takes at most half
of the 1,500 msg/s end-to-end budget of ``classifier_bench.py``.

Run: ``python benchmarks/parse_bench.py`` (``--json`` for the report's rows).
"""

from __future__ import annotations

import argparse
import email
import email.policy
import json
import os
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from email.message import EmailMessage
from pathlib import Path
from typing import Any

from rejoinder.classifier.corpus.records import load_corpus, record_to_eml
from rejoinder.classifier.message import ParseFailure, parse_message

SHARED_ENV = "REJOINDER_SHARED"
TARGET_MSG_PER_S = 3_000.0
COMMAND = "python benchmarks/parse_bench.py"


def shared_dir() -> Path:
    override = os.environ.get(SHARED_ENV)
    if override:
        return Path(override)
    return Path(__file__).resolve().parents[1].parent / "shared"


@dataclass(frozen=True)
class Sample:
    label: str  # a path relative to the corpora, or a corpus record id
    raw: bytes


@dataclass(frozen=True)
class Timing:
    name: str
    messages: int
    megabytes: float
    seconds: float  # best run
    slowest: float  # seconds for the slowest single message (in the best run)
    slowest_label: str
    unparseable: int
    stdlib_seconds: float

    @property
    def rate(self) -> float:
        return self.messages / self.seconds if self.seconds else 0.0

    @property
    def stdlib_rate(self) -> float:
        return self.messages / self.stdlib_seconds if self.stdlib_seconds else 0.0

    @property
    def ratio(self) -> float:
        return self.rate / self.stdlib_rate if self.stdlib_rate else 0.0


def corpora_sets(corpora: Path) -> dict[str, list[Sample]]:
    """Message files per folder (files directly in ``corpora/`` are not messages)."""
    sets: dict[str, list[Sample]] = {}
    for path in sorted(corpora.rglob("*")):
        if not path.is_file() or path.parent == corpora or path.name.startswith("."):
            continue
        relative = path.relative_to(corpora)
        sets.setdefault(relative.parts[0], []).append(Sample(str(relative), path.read_bytes()))
    return sets


def project_corpus() -> list[Sample]:
    return [Sample(record.id, record_to_eml(record)) for record in load_corpus()]


def stdlib_parse(raw: bytes) -> str:
    """What a straightforward stdlib reader would do with the same bytes."""
    message = email.message_from_bytes(raw, policy=email.policy.default)
    assert isinstance(message, EmailMessage)
    try:
        body = message.get_body(preferencelist=("plain", "html"))
        return body.get_content() if body is not None else ""
    except Exception:  # broken charsets and the like: the stdlib raises, we move on
        return ""


def _timed(samples: Sequence[Sample], parse: Callable[[bytes], object]) -> tuple[float, float, str]:
    slowest, slowest_label = 0.0, ""
    clock = time.perf_counter
    started = clock()
    for sample in samples:
        before = clock()
        parse(sample.raw)
        spent = clock() - before
        if spent > slowest:
            slowest, slowest_label = spent, sample.label
    return clock() - started, slowest, slowest_label


def measure(name: str, samples: Sequence[Sample], repeat: int) -> Timing:
    best: tuple[float, float, str] | None = None
    for _ in range(repeat):
        run = _timed(samples, parse_message)
        if best is None or run[0] < best[0]:
            best = run
    assert best is not None
    stdlib = min(_timed(samples, stdlib_parse)[0] for _ in range(repeat))
    unparseable = sum(isinstance(parse_message(s.raw), ParseFailure) for s in samples)
    return Timing(
        name=name,
        messages=len(samples),
        megabytes=sum(len(s.raw) for s in samples) / 1e6,
        seconds=best[0],
        slowest=best[1],
        slowest_label=best[2],
        unparseable=unparseable,
        stdlib_seconds=stdlib,
    )


def rows(timings: Sequence[Timing], notes: Sequence[str]) -> dict[str, Any]:
    """The report's shape: {"rows": [{"name", "value", "unit", "target", "met", "command"}]}."""
    out: list[dict[str, Any]] = []
    for t in timings:
        real = t.name == "all corpora"
        out += [
            {
                "name": f"parse throughput, {t.name} ({t.messages:,} messages, {t.megabytes:.1f} MB)",
                "value": round(t.rate, 1),
                "unit": "msg/s",
                "target": f">= {TARGET_MSG_PER_S:.0f}" if real else None,
                "met": t.rate >= TARGET_MSG_PER_S if real else None,
                "command": COMMAND,
            },
            {
                "name": f"parse throughput relative to the stdlib email parser, {t.name}",
                "value": round(t.ratio, 2),
                "unit": "x",
                "target": None,
                "met": None,
                "command": COMMAND,
            },
        ]
        if real:
            out.append(
                {
                    "name": "slowest single message to parse, all corpora",
                    "value": round(t.slowest * 1000, 2),
                    "unit": "ms",
                    "target": "<= 1000",
                    "met": t.slowest <= 1.0,
                    "command": COMMAND,
                }
            )
    return {"script": "parse_bench", "rows": out, "notes": list(notes)}


def markdown(timings: Sequence[Timing], notes: Sequence[str], repeat: int) -> str:
    lines = [
        f"# Parse throughput (parse_message, best of {repeat}; files read into memory first)",
        "",
        "| set | messages | MB | msg/s | MB/s | stdlib msg/s | ratio | slowest (ms) | unparseable |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for t in timings:
        lines.append(
            f"| {t.name} | {t.messages:,} | {t.megabytes:.1f} | {t.rate:,.0f} "
            f"| {t.megabytes / t.seconds:.1f} | {t.stdlib_rate:,.0f} | {t.ratio:.2f}x "
            f"| {t.slowest * 1000:.1f} ({t.slowest_label}) | {t.unparseable} |"
        )
    real = next((t for t in timings if t.name == "all corpora"), None)
    if real is not None:
        verdict = "met" if real.rate >= TARGET_MSG_PER_S else "MISSED"
        lines += ["", f"Target ≥ {TARGET_MSG_PER_S:,.0f} msg/s on the real corpora: {verdict}."]
    lines += [f"\nnote: {note}" for note in notes]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--json", action="store_true", help="print the report's JSON rows")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs per set (best kept)")
    args = parser.parse_args(argv)
    repeat = max(1, args.repeat)
    timings: list[Timing] = []
    notes: list[str] = []
    corpora = shared_dir() / "corpora"
    if corpora.is_dir():
        sets = corpora_sets(corpora)
        everything = [sample for samples in sets.values() for sample in samples]
        timings.append(measure("all corpora", everything, repeat))
        timings += [measure(name, samples, repeat) for name, samples in sets.items()]
    else:
        notes.append(f"{corpora} not found (set {SHARED_ENV}); real mail not measured")
    timings.append(measure("project corpus", project_corpus(), repeat))
    if args.json:
        print(json.dumps(rows(timings, notes), indent=2))
    else:
        print(markdown(timings, notes, repeat))
    return 0


if __name__ == "__main__":
    sys.exit(main())
