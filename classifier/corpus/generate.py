"""Generate the labelled training corpus deterministically.

    python -m rejoinder.classifier.corpus.generate            # rewrite corpus.jsonl
    python -m rejoinder.classifier.corpus.generate --check    # exit 1 if it is stale
    python -m rejoinder.classifier.corpus.generate --stats    # label/category table
    python -m rejoinder.classifier.corpus.generate --show rejection_ats --count 3

Every record is a pure function of (SEED, category, index): it gets its own
``random.Random`` seeded from those, so editing one builder never reshuffles the
others. Standard library only.
"""

from __future__ import annotations

import argparse
import hashlib
import random
import sys
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from rejoinder.classifier.corpus.build_extra import (
    EXTRA_NEGATIVES,
    extra_builder,
    plain_rejection_builder,
)
from rejoinder.classifier.corpus.build_more import more_rejection_builder
from rejoinder.classifier.corpus.build_negative import JOB_NEGATIVES, negative_builder
from rejoinder.classifier.corpus.build_other import OTHER_NEGATIVES
from rejoinder.classifier.corpus.build_rejection import closed_builder, rejection_builder
from rejoinder.classifier.corpus.names import NameForge
from rejoinder.classifier.corpus.records import CORPUS_FILE, CorpusRecord, corpus_bytes
from rejoinder.classifier.corpus.scene import Builder, Built

SEED = "rejoinder-corpus-v1"
PLAIN_REJECTIONS = 650
TEST_SHARE = 0.2
MAX_ATTEMPTS = 50  # re-draws allowed when a body collides with an earlier one

DEFAULT_OUTPUT = Path(__file__).with_name(CORPUS_FILE)


@dataclass(frozen=True)
class Plan:
    category: str
    count: int
    builder: Builder


def _plans() -> list[Plan]:
    rejections = {
        "corporate": 370,
        "ats": 330,
        "startup": 170,
        "academic": 140,
        "government": 120,
        "agency": 180,
        "brief": 180,
        "nonnative": 190,
    }
    closed = {"filled": 95, "cancelled": 85, "on_hold": 85}
    job_negatives = {
        "interview_invitation": 140,
        "interview_reschedule": 100,
        "application_received": 160,
        "application_status_update": 120,
        "assessment_invitation": 90,
        "offer": 110,
        "recruiter_outreach": 110,
        "job_alert_digest": 80,
        "job_board_notice": 50,
        "sent_thank_you": 70,
        "sent_withdrawal": 70,
        "sent_status_followup": 60,
        "sent_feedback_request": 60,
        "auto_reply": 90,
        "academic_search_update": 80,
        "public_sector_update": 70,
        "nonnative_job_update": 80,
    }
    other_negatives = {
        "loan_credit_decision": 70,
        "rental_application": 70,
        "admission_decision": 90,
        "submission_decision": 90,
        "meeting_declined": 60,
        "vendor_decision": 70,
        "volunteer_club": 60,
        "visa_appointment": 50,
        "newsletter_product": 70,
        "personal_work_mail": 150,
    }
    extra_negatives = {
        "nonjob_selection": 460,
        "candidate_mail": 420,
        "process_update": 220,
    }
    plans = [Plan(f"rejection_{s}", n, rejection_builder(s)) for s, n in rejections.items()]
    plans += [Plan(f"position_closed_{k}", n, closed_builder(k)) for k, n in closed.items()]
    plans += [Plan(c, n, negative_builder(JOB_NEGATIVES[c])) for c, n in job_negatives.items()]
    plans += [Plan(c, n, negative_builder(OTHER_NEGATIVES[c])) for c, n in other_negatives.items()]
    plans.append(Plan("rejection_plain", PLAIN_REJECTIONS, plain_rejection_builder()))
    plans += [Plan(c, n, extra_builder(EXTRA_NEGATIVES[c])) for c, n in extra_negatives.items()]
    more_rejections = {"implied": 320, "terse": 120, "candid": 160, "placement": 170}
    plans += [
        Plan(f"rejection_{f}", n, more_rejection_builder(f)) for f, n in more_rejections.items()
    ]
    return plans


PLANS = _plans()


def generate_records(seed: str = SEED) -> list[CorpusRecord]:
    """The whole corpus, in plan order, with splits assigned."""
    seen_bodies: set[str] = set()
    records: list[CorpusRecord] = []
    for plan in PLANS:
        ids = [f"{plan.category}-{index:04d}" for index in range(plan.count)]
        test_ids = _test_ids(ids)
        for index, record_id in enumerate(ids):
            held_out = record_id in test_ids
            built = _build_unique(plan, index, seed, seen_bodies, held_out)
            records.append(
                _record(record_id, plan.category, built, "test" if held_out else "train")
            )
    return records


def _build_unique(plan: Plan, index: int, seed: str, seen: set[str], held_out: bool) -> Built:
    for attempt in range(MAX_ATTEMPTS):
        rng = random.Random(f"{seed}/{plan.category}/{index}/{attempt}")
        built = plan.builder(rng, NameForge(rng, held_out=held_out))
        if built.rendered.body not in seen:
            seen.add(built.rendered.body)
            return built
    raise RuntimeError(
        f"{plan.category} #{index}: {MAX_ATTEMPTS} draws all duplicated earlier bodies; "
        "add phrase variety to this category or lower its count"
    )


def _test_ids(ids: Sequence[str]) -> set[str]:
    """80/20 split of one category: the ids whose hash sorts first go to test.

    It is decided before the records are built because test records are written from
    the held-out phrase-bank entries (see ``scene.held_out_template``)."""
    ordered = sorted(ids, key=lambda rid: hashlib.sha256(rid.encode("utf-8")).hexdigest())
    take = round(len(ordered) * TEST_SHARE)
    if len(ordered) >= 2:
        take = max(1, take)
    return set(ordered[:take])


def _record(record_id: str, category: str, built: Built, split: str) -> CorpusRecord:
    return CorpusRecord(
        id=record_id,
        split=split,
        label=built.label,
        stage=built.stage,
        category=category,
        subject=built.subject,
        from_name=built.from_name,
        from_addr=built.from_addr,
        reply_to=built.reply_to,
        to_addr=built.to_addr,
        body=built.rendered.body,
        body_html=built.rendered.body_html,
        html_only=built.rendered.html_only,
        headers=built.headers,
        company=built.company,
        role=built.role,
        contact_name=built.contact_name,
    )


def render_jsonl(records: Sequence[CorpusRecord]) -> bytes:
    return "".join(record.to_json() + "\n" for record in records).encode("utf-8")


def write_corpus(path: Path = DEFAULT_OUTPUT, seed: str = SEED) -> list[CorpusRecord]:
    records = generate_records(seed)
    path.write_bytes(render_jsonl(records))
    return records


def stats_table(records: Sequence[CorpusRecord]) -> str:
    """Markdown tables of counts per label/category/split and per stage."""
    per_category: Counter[tuple[str, str, str]] = Counter(
        (r.label, r.category, r.split) for r in records
    )
    keys = sorted({(label, category) for label, category, _ in per_category})
    lines = ["| label | category | train | test | total |", "|---|---|---:|---:|---:|"]
    for label, category in keys:
        train = per_category[(label, category, "train")]
        test = per_category[(label, category, "test")]
        lines.append(f"| {label} | {category} | {train} | {test} | {train + test} |")
    labels = Counter(r.label for r in records)
    total = len(records)
    lines += ["", "| label | records | share |", "|---|---:|---:|"]
    lines += [f"| {k} | {v} | {v / total:.1%} |" for k, v in sorted(labels.items())]
    stages = Counter((r.stage, r.split) for r in records if r.stage)
    lines += ["", "| stage (rejections) | train | test |", "|---|---:|---:|"]
    for stage in ("application", "interview", "unknown"):
        lines.append(f"| {stage} | {stages[(stage, 'train')]} | {stages[(stage, 'test')]} |")
    html = sum(1 for r in records if r.body_html is not None)
    html_only = sum(1 for r in records if r.html_only)
    lines += ["", f"Total: {total} records; {html} with HTML ({html_only} HTML-only)."]
    return "\n".join(lines)


def show(records: Sequence[CorpusRecord], category: str, count: int) -> str:
    chosen = [r for r in records if r.category == category][:count]
    if not chosen:
        known = ", ".join(sorted({r.category for r in records}))
        return f"no category {category!r}; known: {known}"
    blocks = []
    for r in chosen:
        truth = f"company={r.company!r} role={r.role!r} contact={r.contact_name!r}"
        blocks.append(
            f"### {r.id} [{r.split}] {r.label}/{r.stage} {truth}\n"
            f"From: {r.from_name} <{r.from_addr}>\nTo: {r.to_addr}\nSubject: {r.subject}\n"
            f"Headers: {r.headers}\nHTML: {r.body_html is not None} (only: {r.html_only})\n\n"
            f"{r.body}"
        )
    return "\n".join(blocks)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    parser.add_argument("--check", action="store_true", help="exit 1 if the file is stale")
    parser.add_argument("--stats", action="store_true", help="print count tables")
    parser.add_argument("--show", metavar="CATEGORY", help="print sample records")
    parser.add_argument("--count", type=int, default=3)
    args = parser.parse_args(argv)

    records = generate_records()
    if args.show:
        print(show(records, args.show, args.count))
        return 0
    if args.stats:
        print(stats_table(records))
        return 0
    data = render_jsonl(records)
    if args.check:
        current = args.output.read_bytes() if args.output != DEFAULT_OUTPUT else corpus_bytes()
        if current != data:
            print(f"{args.output} is stale: regenerate it without --check", file=sys.stderr)
            return 1
        print(f"{args.output} is up to date ({len(records)} records)")
        return 0
    args.output.write_bytes(data)
    print(f"wrote {len(records)} records ({len(data) / 1e6:.2f} MB) to {args.output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
