"""The journal as files for people: an offline HTML report, and CSV/JSON/Markdown exports.

Pure: values in, text out. Everything that came from mail (subjects, names,
companies) is hostile: in HTML it is escaped with ``html.escape``; in CSV a
leading ``=``/``+``/``-``/``@`` is defused so a spreadsheet does not run it as a
formula; in Markdown the characters that make markup are backslash-escaped.

The HTML report is one self-contained file: inline CSS, an inline SVG chart, no
scripts, fonts, images or links to fetch, and a Content-Security-Policy that
forbids them anyway, so opening it never touches the network.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from html import escape
from typing import Any

from rejoinder.daemon.journal import Improvement, JournalEntry, Reflection
from rejoinder.daemon.reflect import summary_lines
from rejoinder.daemon.stats import STAGE_ORDER, Nudge, Summary, Week, percent

STAGE_COLOURS = {"application": "#4e79a7", "interview": "#e68a2e", "unknown": "#9a9a9a"}

# ------------------------------------------------------------------ exports

CSV_COLUMNS = (
    "id",
    "received_at",
    "company",
    "role",
    "stage",
    "status",
    "verdict",
    "score",
    "draft_status",
    "replied_at",
    "feedback_at",
    "draft_discarded_at",
    "not_rejection",
    "remind_at",
    "sender",
    "subject",
    "message_id",
    "notes",
    "reflection_ratings",
    "went_well",
    "do_differently",
    "improvement",
    "improvements",
)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def render_export(rows: Sequence[Mapping[str, Any]], fmt: str) -> str:
    """``Journal.export_rows()`` as csv, json or markdown text."""
    if fmt == "json":
        return json.dumps(list(rows), ensure_ascii=False, indent=2) + "\n"
    if fmt == "csv":
        return export_csv(rows)
    if fmt == "markdown":
        return export_markdown(rows)
    raise ValueError(f"unknown export format {fmt!r}")


def flat_row(row: Mapping[str, Any]) -> dict[str, str]:
    """One export row as CSV cells: the reflection and improvements folded into text."""
    reflection = row.get("reflection") or {}
    touchpoints = reflection.get("touchpoints") or {}
    ratings = "; ".join(
        f"{key}={value.get('rating') if value.get('rating') is not None else '-'}"
        for key, value in touchpoints.items()
        if isinstance(value, Mapping)
    )
    improvements = "; ".join(
        f"{i['text']} ({'done' if i.get('done_at') else 'open'})"
        for i in row.get("improvements") or []
    )
    values: dict[str, Any] = {
        **row,
        "reflection_ratings": ratings,
        "went_well": reflection.get("went_well", ""),
        "do_differently": reflection.get("do_differently", ""),
        "improvement": reflection.get("improvement", ""),
        "improvements": improvements,
    }
    return {column: _csv_cell(values.get(column)) for column in CSV_COLUMNS}


def _csv_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:.3f}"
    text = str(value)
    # A cell a spreadsheet would evaluate ("=HYPERLINK(...)" in a subject) is kept as text.
    return "'" + text if text.startswith(_FORMULA_START) else text


def export_csv(rows: Iterable[Mapping[str, Any]]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow(flat_row(row))
    return out.getvalue()


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+!|~])")


def md(value: Any) -> str:
    """A value from mail as literal Markdown text, on one line; "?" when unknown."""
    if value is None or value == "":
        return "?"
    return _MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(str(value).split()))


def _day(value: str | None) -> str:
    return value[:10] if value else "?"


def export_markdown(rows: Sequence[Mapping[str, Any]]) -> str:
    lines = ["# Rejoinder journal", ""]
    if not rows:
        lines.append("Nothing recorded yet.")
    for row in reversed(rows):  # most recent first, as in `rejoinder journal`
        lines += [
            f"## {row['id']}. {_day(row.get('received_at'))}: {md(row.get('company'))}, "
            f"{md(row.get('role'))}",
            "",
            f"- Stage: {md(row.get('stage'))}; status: {md(row.get('status'))}; "
            f"score {float(row.get('score') or 0):.2f}",
            f"- From: {md(row.get('sender'))}",
            f"- Subject: {md(row.get('subject'))}",
            f"- Replied: {_day(row.get('replied_at'))}; feedback: {_day(row.get('feedback_at'))}",
        ]
        if row.get("remind_at"):
            lines.append(f"- Reminder: {_day(row['remind_at'])}")
        for note in str(row.get("notes") or "").splitlines():
            lines.append(f"- Note: {md(note)}")
        if row.get("reflection"):
            lines += ["", "Reflection:", ""]
            lines += [f"- {md(line)}" for line in summary_lines(row["reflection"])]
        for item in row.get("improvements") or []:
            state = "done" if item.get("done_at") else "open"
            lines.append(f"- Improvement ({state}): {md(item['text'])}")
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


# ------------------------------------------------------------------ HTML report


@dataclass(frozen=True)
class ReportData:
    now: datetime
    entries: Sequence[JournalEntry]  # most recent first
    weeks: Sequence[Week]
    summary: Summary
    nudges: Sequence[Nudge] = ()
    reflections: Mapping[int, Sequence[Reflection]] = field(default_factory=dict)
    improvements: Sequence[Improvement] = ()


_CSS = """
body { font: 15px/1.5 system-ui, sans-serif; max-width: 60rem; margin: 2rem auto;
       padding: 0 1rem; color: #222; background: #fff; }
h1 { font-size: 1.6rem; margin-bottom: 0; }
h2 { font-size: 1.25rem; border-bottom: 1px solid #ddd; padding-bottom: .2rem; margin-top: 2rem; }
h3 { font-size: 1.05rem; margin: 0 0 .3rem; }
.muted { color: #666; }
.legend span { display: inline-block; margin-right: 1rem; }
.swatch { display: inline-block; width: .8rem; height: .8rem; margin-right: .3rem;
          vertical-align: -1px; }
.funnel .row { display: flex; align-items: center; margin: .3rem 0; }
.funnel .label { width: 9rem; }
.funnel .bar { background: #4e79a7; color: #fff; padding: .15rem .5rem; min-width: 2.5rem;
               white-space: nowrap; box-sizing: border-box; }
.nudge { border-left: 4px solid #e68a2e; padding: .3rem .8rem; margin: .6rem 0;
         background: #fdf6ee; }
.nudge code, .entry code { background: #eee; padding: 0 .2rem; }
.entry { border: 1px solid #ddd; border-radius: 6px; padding: .7rem 1rem; margin: .8rem 0; }
.entry.corrected { opacity: .6; }
.entry dl { display: grid; grid-template-columns: 7rem 1fr; margin: .3rem 0; }
.entry dt { color: #666; }
.entry dd { margin: 0; overflow-wrap: anywhere; }
.entry ul { margin: .3rem 0; }
@media print { .entry { break-inside: avoid; } }
"""
# Belt and braces: even if a value escaped escaping, the browser may load nothing.
_CSP = "default-src 'none'; style-src 'unsafe-inline'"


def render_report(data: ReportData) -> str:
    """The whole report as one HTML document."""
    generated = data.now.strftime("%Y-%m-%d %H:%M")
    body = [
        "<header>",
        "<h1>Your job search, in rejections and what came of them</h1>",
        f'<p class="muted">Generated by Rejoinder on {escape(generated)}. This file stays on '
        "your computer; it loads nothing from the internet.</p>",
        "</header>",
        _summary_section(data.summary),
        _chart_section(data.weeks),
        _funnel_section(data.summary),
        _nudges_section(data.nudges),
        _improvements_section(data.improvements),
        _entries_section(data),
    ]
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        "<title>Rejoinder report</title>\n"
        f"<style>{_CSS}</style>\n</head>\n<body>\n" + "\n".join(body) + "\n</body>\n</html>\n"
    )


def _summary_section(s: Summary) -> str:
    reply = f"{s.replied} of {s.rejections} ({percent(s.reply_rate)})"
    median = f"{s.median_days_to_reply:.1f} days" if s.median_days_to_reply is not None else "?"
    items = [
        f"Rejections: {s.rejections} ({s.application} at the application stage, "
        f"{s.interview} after interviews, {s.unknown} unknown)",
        f"Reached interviews: {percent(s.interview_share)} "
        f"({s.interview} of {s.known_stage} with a known stage)",
        f"Replied: {reply}; median time to reply: {median}",
        f"Feedback received: {s.feedback} of {s.replied} replies ({percent(s.feedback_rate)})",
        f"Open improvements: {s.open_improvements}",
    ]
    return (
        '<section id="summary">\n<h2>At a glance</h2>\n<ul>\n'
        + "\n".join(f"<li>{escape(item)}</li>" for item in items)
        + "\n</ul>\n</section>"
    )


def weekly_svg(weeks: Sequence[Week], width: int = 640, height: int = 220) -> str:
    """Stacked bars per week by stage, as inline SVG (no xmlns needed inside HTML)."""
    left, bottom, top = 32, 28, 10
    plot_h = height - bottom - top
    peak = max((w.total for w in weeks), default=0)
    scale_max = max(peak, 1)
    slot = (width - left) / max(len(weeks), 1)
    bar_w = max(slot * 0.6, 2)
    total = sum(w.total for w in weeks)
    label_every = -(-len(weeks) // 12)  # ceiling division
    parts = [
        f'<svg viewBox="0 0 {width} {height}" width="100%" role="img" '
        f'aria-label="Rejections per week by stage: {total} in {len(weeks)} weeks">',
        f"<title>Rejections per week by stage ({total} in {len(weeks)} weeks)</title>",
        f'<line x1="{left}" y1="{top + plot_h}" x2="{width}" y2="{top + plot_h}" stroke="#999"/>',
        f'<text x="{left - 6}" y="{top + 10}" text-anchor="end" font-size="11">{peak}</text>',
        f'<text x="{left - 6}" y="{top + plot_h}" text-anchor="end" font-size="11">0</text>',
    ]
    for n, week in enumerate(weeks):
        x = left + n * slot + (slot - bar_w) / 2
        y = float(top + plot_h)
        for stage in STAGE_ORDER:
            count = week.count(stage)
            if not count:
                continue
            h = plot_h * count / scale_max
            y -= h
            parts.append(
                f'<rect class="bar-{stage}" x="{x:.1f}" y="{y:.1f}" width="{bar_w:.1f}" '
                f'height="{h:.1f}" fill="{STAGE_COLOURS[stage]}">'
                f"<title>Week of {week.start.isoformat()}: {count} {stage}</title></rect>"
            )
        if (len(weeks) - 1 - n) % label_every:
            continue  # keep about a dozen date labels, counted back from the current week
        parts.append(
            f'<text x="{x + bar_w / 2:.1f}" y="{height - 10}" text-anchor="middle" '
            f'font-size="11">{week.start.strftime("%m-%d")}</text>'
        )
    parts.append("</svg>")
    return "\n".join(parts)


def _chart_section(weeks: Sequence[Week]) -> str:
    legend = "".join(
        f'<span><i class="swatch" style="background:{STAGE_COLOURS[s]}"></i>{s}</span>'
        for s in STAGE_ORDER
    )
    return (
        '<section id="weekly">\n<h2>Rejections per week</h2>\n'
        f'<p class="legend muted">{legend}</p>\n{weekly_svg(weeks)}\n'
        '<p class="muted">Weeks start on Monday; the last bar is the current week.</p>\n'
        "</section>"
    )


def _funnel_section(s: Summary) -> str:
    steps = [
        ("Rejections", s.rejections, None),
        ("You replied", s.replied, s.reply_rate),
        ("They gave feedback", s.feedback, s.feedback_rate),
    ]
    rows = []
    for label, count, share in steps:
        width = 100 * count / s.rejections if s.rejections else 0
        note = f" ({percent(share)})" if share is not None else ""
        rows.append(
            f'<div class="row"><span class="label">{escape(label)}</span>'
            f'<span class="bar" style="width:{max(width, 4):.0f}%">{count}{escape(note)}</span></div>'
        )
    return (
        '<section id="funnel">\n<h2>From rejection to feedback</h2>\n<div class="funnel">\n'
        + "\n".join(rows)
        + "\n</div>\n"
        '<p class="muted">Feedback is shown as a share of the replies you sent.</p>\n</section>'
    )


def _nudges_section(nudges: Sequence[Nudge]) -> str:
    if not nudges:
        items = [
            '<p class="muted">No suggestions right now: nothing in the journal calls for one.</p>'
        ]
    else:
        items = [
            '<div class="nudge">'
            f"<p>{escape(n.advice)}</p>"
            f'<p class="muted">Why: {escape(n.evidence)}.</p>'
            + (f"<p>Try: <code>{escape(n.command)}</code></p>" if n.command else "")
            + "</div>"
            for n in nudges
        ]
    return '<section id="nudges">\n<h2>Suggestions</h2>\n' + "\n".join(items) + "\n</section>"


def _improvements_section(improvements: Sequence[Improvement]) -> str:
    open_items = [i for i in improvements if i.done_at is None]
    if not open_items:
        body = '<p class="muted">No open improvements. <code>rejoinder reflect</code> helps you choose one.</p>'
    else:
        body = (
            "<ul>\n"
            + "\n".join(
                f'<li>{escape(i.text)} <span class="muted">(since {i.created_at.date().isoformat()})</span></li>'
                for i in open_items
            )
            + "\n</ul>"
        )
    return f'<section id="improvements">\n<h2>Working on</h2>\n{body}\n</section>'


def _entries_section(data: ReportData) -> str:
    by_entry: dict[int, list[Improvement]] = {}
    for item in data.improvements:
        if item.entry_id is not None:
            by_entry.setdefault(item.entry_id, []).append(item)
    articles = [
        _entry_article(e, data.reflections.get(e.id, ()), by_entry.get(e.id, []))
        for e in data.entries
    ]
    if not articles:
        articles = ['<p class="muted">The journal is empty.</p>']
    return '<section id="entries">\n<h2>The journal</h2>\n' + "\n".join(articles) + "\n</section>"


def _date(value: datetime | None) -> str:
    return value.date().isoformat() if value else "?"


def _entry_article(
    e: JournalEntry, reflections: Sequence[Reflection], improvements: Sequence[Improvement]
) -> str:
    facts = [
        ("Stage", e.stage or "?"),
        ("Verdict", f"{e.verdict} (score {e.score:.2f})"),
        ("Status", e.status),
        ("From", e.sender or "?"),
        ("Subject", e.subject or "?"),
        ("Replied", _date(e.replied_at)),
        ("Feedback", _date(e.feedback_at)),
    ]
    if e.remind_at:
        facts.append(("Reminder", _date(e.remind_at)))
    parts = [
        f'<article class="entry{" corrected" if e.not_rejection else ""}" id="entry-{e.id}">',
        f"<h3>{escape(_date(e.when))}: {escape(e.company or '?')}, {escape(e.role or '?')}</h3>",
        "<dl>" + "".join(f"<dt>{escape(k)}</dt><dd>{escape(v)}</dd>" for k, v in facts) + "</dl>",
    ]
    if e.not_rejection:
        parts.append('<p class="muted">Marked as not a rejection: left out of the figures.</p>')
    if e.notes:
        parts.append(
            "<p>Notes:</p><ul>"
            + "".join(f"<li>{escape(line)}</li>" for line in e.notes.splitlines())
            + "</ul>"
        )
    for reflection in reflections:
        parts.append(
            f"<p>Reflection ({escape(_date(reflection.created_at))}):</p><ul>"
            + "".join(f"<li>{escape(line)}</li>" for line in summary_lines(reflection.answers))
            + "</ul>"
        )
    if improvements:
        parts.append(
            "<p>Improvements:</p><ul>"
            + "".join(
                f"<li>{escape(i.text)} ({'done' if i.done_at else 'open'})</li>"
                for i in improvements
            )
            + "</ul>"
        )
    parts.append("</article>")
    return "\n".join(parts)
