"""The HTML report and the exports, read back with parsers rather than string matching."""

from __future__ import annotations

import csv
import io
import json
import stat
from datetime import UTC, datetime, timedelta
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from click.testing import CliRunner
from journal_entries import make_entry

from rejoinder.daemon import paths
from rejoinder.daemon.cli import cli
from rejoinder.daemon.journal import EntryRecord, Improvement, Journal, JournalEntry, Reflection
from rejoinder.daemon.report import ReportData, render_export, render_report
from rejoinder.daemon.stats import nudges, summarize, weekly

NOW = datetime(2026, 11, 18, 12, tzinfo=UTC)
HOSTILE_SUBJECT = '<script>alert("hi")</script> Your application'
HOSTILE_COMPANY = 'Acme & Sons <img src="http://tracker.example/p.gif">'


class Document(HTMLParser):
    """Every tag with its attributes, and the text, as a browser would see them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.text: list[str] = []
        self.style = ""
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {k: v or "" for k, v in attrs}))
        self._in_style = tag == "style"

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.style += data
        else:
            self.text.append(data)

    def names(self) -> list[str]:
        return [tag for tag, _ in self.tags]

    def ids(self) -> set[str]:
        return {attrs["id"] for _, attrs in self.tags if "id" in attrs}

    def all_text(self) -> str:
        return "".join(self.text)


def parse(html: str) -> Document:
    doc = Document()
    doc.feed(html)
    doc.close()
    return doc


def entry(n: int, days_ago: float, stage: str = "application", **changes: Any) -> JournalEntry:
    return make_entry(n, days_ago, NOW, stage, **changes)


def report_data() -> ReportData:
    entries = [
        entry(1, 1, "interview", subject=HOSTILE_SUBJECT, company=HOSTILE_COMPANY,
              replied_at=NOW - timedelta(hours=2), notes="2026-11-17: called <Dana>"),
        entry(2, 3),
        entry(3, 10),
        entry(4, 12),
        entry(5, 13, "unknown", not_rejection=True),
        entry(6, 100, "interview", company="Corvid Health"),  # time to say hello again
    ]  # fmt: skip
    improvements = [Improvement(1, "Rehearse <the> pitch", 1, NOW)]
    reflections = {
        1: [
            Reflection(
                1,
                1,
                NOW,
                {
                    "stage": "interview",
                    "touchpoints": {"first_contact": {"rating": 4, "note": "fast & friendly"}},
                    "went_well": "research",
                    "improvement": "Rehearse <the> pitch",
                },
            )
        ]
    }
    return ReportData(
        now=NOW,
        entries=entries,
        weeks=weekly(entries, NOW, 4),
        summary=summarize(entries, improvements),
        nudges=nudges(entries, NOW),
        reflections=reflections,
        improvements=improvements,
    )


def test_report_has_every_section() -> None:
    html = render_report(report_data())
    doc = parse(html)
    assert html.startswith("<!DOCTYPE html>")
    assert {"summary", "weekly", "funnel", "nudges", "improvements", "entries"} <= doc.ids()
    assert "svg" in doc.names()
    assert {f"entry-{n}" for n in range(1, 7)} <= doc.ids()
    text = doc.all_text()
    assert "Rejections: 5 (3 at the application stage, 2 after interviews, 0 unknown)" in text
    assert "You replied" in text
    assert "They gave feedback" in text
    assert "First contact: 4/5  fast & friendly" in text  # the reflection, unescaped by the parser
    assert "Rehearse <the> pitch" in text
    assert "called <Dana>" in text
    assert "Marked as not a rejection" in text
    assert "Try: rejoinder journal remind 6 --in 3m" in text  # the stay-in-touch nudge
    assert "Why: interview-stage rejection on 2026-08-10, about 3 months ago." in text
    assert "application-stage rejections" not in text  # 3 in 4 weeks: too few to nudge


def test_report_chart_bars_match_the_weekly_figures() -> None:
    data = report_data()
    doc = parse(render_report(data))
    bars = [attrs["class"] for tag, attrs in doc.tags if tag == "rect"]
    expected = [
        f"bar-{stage}"
        for week in data.weeks
        for stage in ("application", "interview", "unknown")
        if week.count(stage)
    ]
    assert bars == expected
    assert sum(w.total for w in data.weeks) == 4


def test_report_is_self_contained_and_escapes_mail_values() -> None:
    html = render_report(report_data())
    doc = parse(html)
    assert "<script" not in html.lower()
    assert "script" not in doc.names()
    assert not {"img", "link", "iframe", "object", "embed", "font"} & set(doc.names())
    for tag, attrs in doc.tags:
        for name in ("src", "href", "xlink:href", "action", "data", "poster"):
            assert name not in attrs, (tag, attrs)
        for value in attrs.values():
            assert "http:" not in value
            assert "https:" not in value
            assert "url(" not in value
    assert "url(" not in doc.style
    assert "@import" not in doc.style
    # The hostile values reach the reader as text, not as markup.
    assert HOSTILE_SUBJECT in doc.all_text()
    assert HOSTILE_COMPANY in doc.all_text()
    assert "&lt;script&gt;alert(&quot;hi&quot;)&lt;/script&gt;" in html


def test_report_of_an_empty_journal() -> None:
    data = ReportData(now=NOW, entries=[], weeks=weekly([], NOW, 8), summary=summarize([]))
    doc = parse(render_report(data))
    text = doc.all_text()
    assert "The journal is empty." in text
    assert "No suggestions right now" in text
    assert [t for t, _ in doc.tags].count("rect") == 0


# ------------------------------------------------------------------ exports


def export_rows() -> list[dict[str, Any]]:
    return [
        {
            "id": 1,
            "received_at": "2026-11-17T12:00:00+00:00",
            "message_id": "<1@x>",
            "sender": "Dana <dana@acme.example>",
            "subject": '=HYPERLINK("http://evil.example","click")',
            "company": "Acme *Labs*",
            "role": None,
            "stage": "interview",
            "verdict": "rejection",
            "score": 0.91234,
            "draft_status": "created",
            "status": "replied",
            "replied_at": "2026-11-17T14:00:00+00:00",
            "feedback_at": None,
            "draft_discarded_at": None,
            "not_rejection": False,
            "remind_at": None,
            "notes": "2026-11-17: called",
            "reflection": {
                "stage": "interview",
                "touchpoints": {"first_contact": {"rating": 4, "note": ""}},
                "went_well": "research",
                "do_differently": "slower",
                "improvement": "Pitch",
            },
            "improvements": [{"text": "Pitch", "done_at": None}],
        }
    ]


def test_csv_export_flattens_reflections_and_defuses_formulas() -> None:
    [row] = list(csv.DictReader(io.StringIO(render_export(export_rows(), "csv"))))
    assert row["subject"] == '\'=HYPERLINK("http://evil.example","click")'
    assert row["company"] == "Acme *Labs*"
    assert row["role"] == ""
    assert row["score"] == "0.912"
    assert row["not_rejection"] == "no"
    assert row["reflection_ratings"] == "first_contact=4"
    assert (row["went_well"], row["do_differently"], row["improvement"]) == (
        "research",
        "slower",
        "Pitch",
    )
    assert row["improvements"] == "Pitch (open)"


def test_json_export_round_trips() -> None:
    assert json.loads(render_export(export_rows(), "json")) == export_rows()


def test_markdown_export_escapes_markup() -> None:
    text = render_export(export_rows(), "markdown")
    assert "## 1. 2026-11-17: Acme \\*Labs\\*, ?" in text
    assert '- Subject: =HYPERLINK\\("http://evil.example","click"\\)' in text
    assert "- First contact: 4/5" in text
    assert "- Improvement (open): Pitch" in text
    assert render_export([], "markdown") == "# Rejoinder journal\n\nNothing recorded yet.\n"


# ------------------------------------------------------------------ the command


def test_report_command_writes_a_private_file(tmp_path: Path) -> None:
    with Journal.open(paths.journal_file()) as journal:
        record = EntryRecord(
            account="local", folder="INBOX", source_key="k", message_key="<m@x>",
            message_id="<m@x>", received_at=datetime.now(UTC), sender="a@b.example",
            subject=HOSTILE_SUBJECT, company="Acme", role=None, stage="application",
            verdict="rejection", score=0.8, model_version="m", draft_status="created",
        )  # fmt: skip
        journal.record("local", "<m@x>", "k", "rejection", record)
    target = tmp_path / "report.html"
    result = CliRunner().invoke(cli, ["report", "--output", str(target)])
    assert result.exit_code == 0, result.output
    assert str(target) in result.output
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    doc = parse(target.read_text("utf-8"))
    assert HOSTILE_SUBJECT in doc.all_text()
    assert "script" not in doc.names()


def test_report_command_default_location() -> None:
    result = CliRunner().invoke(cli, ["report"])
    assert result.exit_code == 0, result.output
    assert (paths.data_dir() / "report.html").is_file()


def test_long_charts_keep_date_labels_readable() -> None:
    from datetime import date

    from rejoinder.daemon.report import weekly_svg
    from rejoinder.daemon.stats import Week

    weeks = [Week(date(2026, 1, 5) + timedelta(weeks=n)) for n in range(52)]
    doc = parse(weekly_svg(weeks))
    labels = [t for t in doc.all_text().split("\n") if len(t) == 5 and t[2] == "-"]
    assert 6 <= len(labels) <= 13
    assert labels[-1] == weeks[-1].start.strftime("%m-%d")  # the current week is always labelled
