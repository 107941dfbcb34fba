"""Run every benchmark and write docs/benchmarks.md: each figure with its target.

    benchmarks/run                       # everything, then the report (the usual way)
    python benchmarks/report.py run [--quick] [--only parse_bench,false_positives]
    python benchmarks/report.py write --results DIR   # the report again from saved results

``run`` starts each benchmark as its own process with ``--json``, keeps its
stdout (NAME.json), stderr (NAME.log) and exit status (NAME.status) in a results
folder, and then writes the report. A benchmark that is missing, fails or prints
no JSON is listed as not measured, with the reason; the others are reported.

The JSON every benchmark should print with ``--json`` (the report's contract):

    {"script": "parse_bench",
     "rows": [{"name": "parse throughput, all corpora", "value": 2731.4, "unit": "msg/s",
               "target": ">= 3000", "met": false,
               "command": "python benchmarks/parse_bench.py"}, ...],
     "notes": ["free text shown under the table", ...]}

``target`` is null for a figure shown for context; otherwise a comparison
(``>=``, ``<=``, ``>``, ``<``) with a number, or free text when the target is not a
number (then ``met`` says whether it holds). Until a benchmark prints that shape,
an adapter below reads the shape it prints today (``classifier_bench.py`` and
``false_positives.py``).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shlex
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
OUTPUT = ROOT / "docs" / "benchmarks.md"
TIMEOUT = 3 * 3600  # seconds per benchmark


@dataclass(frozen=True)
class Benchmark:
    name: str
    title: str
    script: str  # relative to the repository
    quick: tuple[str, ...] = ()  # extra arguments for --quick

    def command(self, quick: bool) -> list[str]:
        return [self.script, "--json", *(self.quick if quick else ())]


BENCHMARKS: tuple[Benchmark, ...] = (
    Benchmark(
        "classifier_bench",
        "Classifier quality and end-to-end throughput (vs keyword rules and bogofilter)",
        "benchmarks/classifier_bench.py",
        ("--repeat", "1"),
    ),
    Benchmark(
        "false_positives",
        "False positives on ordinary mail",
        "benchmarks/false_positives.py",
    ),
    Benchmark(
        "imap_bench",
        "IMAP daemon: IDLE latency, first-run backfill vs raw FETCH, memory, real mail",
        "benchmarks/imap_bench.py",
        ("--messages", "2000", "--samples", "10"),
    ),
    Benchmark(
        "parse_bench",
        "Parse throughput",
        "benchmarks/parse_bench.py",
        ("--repeat", "1"),
    ),
)


@dataclass(frozen=True)
class Row:
    name: str
    value: float | None
    unit: str
    target: str | None
    met: bool | None
    command: str


@dataclass
class Result:
    benchmark: Benchmark
    command: str
    exit_code: int | None = None
    seconds: float = 0.0
    rows: list[Row] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    problem: str | None = None  # why it was not measured


# --------------------------------------------------------------------------- running


def run_all(results: Path, quick: bool, only: set[str] | None) -> None:
    results.mkdir(parents=True, exist_ok=True)
    for bench in BENCHMARKS:
        if only and bench.name not in only:
            continue
        script = ROOT / bench.script
        status = results / f"{bench.name}.status"
        if not script.is_file():
            status.write_text("missing\n")
            continue
        argv = [sys.executable, *bench.command(quick)]
        print(f"== {bench.name}: {shlex.join(argv[1:])}", file=sys.stderr, flush=True)
        started = time.monotonic()
        with (
            (results / f"{bench.name}.json").open("wb") as out,
            (results / f"{bench.name}.log").open("wb") as err,
        ):
            try:
                code = subprocess.run(
                    argv, cwd=ROOT, stdout=out, stderr=err, timeout=TIMEOUT
                ).returncode
            except subprocess.TimeoutExpired:
                code = -1
        seconds = time.monotonic() - started
        status.write_text(f"exit={code} seconds={seconds:.1f} command={shlex.join(argv[1:])}\n")
        print(f"   exit {code} after {seconds:.0f} s", file=sys.stderr, flush=True)


# --------------------------------------------------------------------------- reading


def _number(value: Any) -> float | None:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def rows_from_contract(data: dict[str, Any], command: str) -> tuple[list[Row], list[str]]:
    rows = [
        Row(
            name=str(row["name"]),
            value=_number(row.get("value")),
            unit=str(row.get("unit") or ""),
            target=row.get("target"),
            met=row.get("met"),
            command=str(row.get("command") or command),
        )
        for row in data["rows"]
    ]
    return rows, [str(note) for note in data.get("notes", [])]


def rows_from_classifier_bench(data: dict[str, Any], command: str) -> tuple[list[Row], list[str]]:
    quality: dict[str, dict[str, Any]] = data["quality"]
    targets: dict[str, Any] = data["targets"]
    others = {name: report["f1"] for name, report in quality.items() if name != "Rejoinder"}
    best_other = max(others.items(), key=lambda item: item[1]) if others else ("none", 0.0)
    dev = data.get("dev", {}).get("messages", "?")
    rows = [
        Row(
            f"Rejoinder rejection F1 on the real-world dev set ({dev} texts)",
            quality["Rejoinder"]["f1"],
            "",
            f"> every other system (best: {best_other[0]}, {best_other[1]:.3f})",
            bool(targets["rejoinder_f1_above_others"]),
            command,
        ),
        Row("Rejoinder precision", quality["Rejoinder"]["precision"], "", None, None, command),
        Row("Rejoinder recall", quality["Rejoinder"]["recall"], "", None, None, command),
    ]
    rows += [Row(f"{name} F1", f1, "", None, None, command) for name, f1 in others.items()]
    for name, timing in data["throughput"].items():
        batched = name.startswith("Rejoinder, classify_many")
        rows.append(
            Row(
                f"end-to-end throughput: {name}",
                timing["messages_per_second"],
                "msg/s",
                f">= {targets['throughput_min']}" if batched else None,
                bool(targets["throughput_met"]) if batched else None,
                command,
            )
        )
    ratio = data.get("ratio_rejoinder_to_bogofilter")
    rows.append(
        Row("throughput ratio Rejoinder (batched) / bogofilter", ratio, "x", None, None, command)
    )
    notes = [f"model load (not in the throughput): {data.get('model_load_seconds')} s"]
    corpora = data.get("corpora", {})
    if corpora:
        notes.append(
            f"throughput over {corpora.get('messages')} messages "
            f"({corpora.get('megabytes', 0):.1f} MB) of ../shared/corpora"
        )
    if ratio is None:
        notes.append("bogofilter is not installed here: its rows and the ratio are missing")
    return rows, notes


def rows_from_false_positives(data: dict[str, Any], command: str) -> tuple[list[Row], list[str]]:
    ordinary = data["ordinary"]
    rows = [
        Row(
            f"ordinary mail called a rejection ({ordinary['rejections']} of "
            f"{ordinary['messages']:,})",
            round(ordinary["rate"] * 100, 4),
            "%",
            f"<= {data['target_rate'] * 100:g}",
            bool(ordinary["target_met"]),
            command,
        )
    ]
    for name, folder in data["folders"].items():
        rows.append(
            Row(
                f"called a rejection in {name} ({folder['rejections']} of {folder['messages']:,})",
                round(folder["rate"] * 100, 4),
                "%",
                None,
                None,
                command,
            )
        )
    notes = []
    if data.get("job_related_hits"):
        notes.append(
            f"{len(data['job_related_hits'])} hit(s) in enron-job-related/ are recruiting mail "
            "and need a human look before they count as false positives"
        )
    return rows, notes


Adapter = Callable[[dict[str, Any], str], tuple[list[Row], list[str]]]


def _adapter(data: dict[str, Any]) -> tuple[Adapter, str | None]:
    if isinstance(data.get("rows"), list):
        return rows_from_contract, None
    if "quality" in data and "throughput" in data:
        return rows_from_classifier_bench, "classifier_bench"
    if "ordinary" in data and "target_rate" in data:
        return rows_from_false_positives, "false_positives"
    raise ValueError(f"unknown JSON shape (keys: {', '.join(sorted(data)) or 'none'})")


def _last_line(text: str) -> str:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return lines[-1][:300] if lines else ""


def read_result(results: Path, bench: Benchmark) -> Result | None:
    status_file = results / f"{bench.name}.status"
    if not status_file.exists():
        return None  # not run this time (--only)
    status = status_file.read_text().strip()
    display = f"python {bench.script} --json"
    result = Result(bench, display)
    if status == "missing":
        result.problem = f"{bench.script} does not exist yet"
        return result
    fields = dict(part.split("=", 1) for part in status.split(" ", 2))
    result.exit_code = int(fields["exit"])
    result.seconds = float(fields["seconds"])
    result.command = f"python {fields.get('command', display)}"
    stdout = (results / f"{bench.name}.json").read_text(errors="replace")
    stderr = (results / f"{bench.name}.log").read_text(errors="replace")
    if result.exit_code != 0:
        reason = "timed out" if result.exit_code == -1 else f"exited with status {result.exit_code}"
        result.problem = f"`{result.command}` {reason}: {_last_line(stderr) or 'no message'}"
        return result
    try:
        data = json.loads(stdout)
    except json.JSONDecodeError:
        result.problem = f"`{result.command}` printed no JSON: {_last_line(stdout) or 'no output'}"
        return result
    try:
        adapter, native = _adapter(data)
        result.rows, result.notes = adapter(data, result.command.removesuffix(" --json"))
    except (KeyError, TypeError, ValueError) as error:
        result.problem = f"`{result.command}` printed JSON this report cannot read: {error!r}"
        return result
    if native:
        result.notes.append(
            f"read from {native}.py's own JSON shape; the rows contract is in benchmarks/report.py"
        )
    return result


# --------------------------------------------------------------------------- writing

_COMPARISON = re.compile(r"^\s*(>=|<=|>|<|≥|≤)\s*([-+0-9.,]+)\s*$")
_SYMBOL = {">=": "≥", "<=": "≤", ">": ">", "<": "<", "≥": "≥", "≤": "≤"}


def _fmt(value: float | None, unit: str) -> str:
    if value is None:
        return "n/a"
    if abs(value) >= 100:
        text = f"{value:,.0f}"
    elif abs(value) >= 10:
        text = f"{value:.1f}"
    elif abs(value) >= 1:
        text = f"{value:,.2f}"
    else:
        text = f"{value:.4g}"
    return f"{text} {unit}".strip() if unit not in ("", "%", "x") else f"{text}{unit}"


def _target(row: Row) -> str:
    if row.target is None:
        return "—"
    match = _COMPARISON.match(row.target)
    if not match:
        return row.target
    return f"{_SYMBOL[match.group(1)]} {_fmt(float(match.group(2).replace(',', '')), row.unit)}"


def verdict(row: Row) -> str:
    """ "met", "context", or the gap stated plainly."""
    if row.target is None or row.met is None:
        return "context" if row.target is None else "not judged"
    if row.met:
        return "met"
    match = _COMPARISON.match(row.target)
    if row.value is None or not match:
        return "**missed**"
    limit = float(match.group(2).replace(",", ""))
    gap = row.value - limit
    if limit:
        relative = abs(gap) / abs(limit) * 100
        side = "below" if gap < 0 else "above"
        return f"**missed** by {_fmt(abs(gap), row.unit)} ({relative:.0f}% {side} the target)"
    return f"**missed** by {_fmt(abs(gap), row.unit)}"


def _read(path: str) -> str:
    try:
        return Path(path).read_text()
    except OSError:
        return ""


def machine() -> list[tuple[str, str]]:
    cpuinfo = _read("/proc/cpuinfo")
    model = re.search(r"^model name\s*:\s*(.+)$", cpuinfo, re.MULTILINE)
    meminfo = re.search(r"^MemTotal:\s*(\d+) kB", _read("/proc/meminfo"), re.MULTILINE)
    release = re.search(r'^PRETTY_NAME="?([^"\n]+)"?', _read("/etc/os-release"), re.MULTILINE)
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()

    def package(name: str) -> str:
        try:
            return version(name)
        except PackageNotFoundError:
            return "not installed"

    return [
        ("CPU", model.group(1).strip() if model else platform.processor() or "unknown"),
        ("cores", f"{os.cpu_count()} ({usable} usable by the benchmarks)"),
        ("memory", f"{int(meminfo.group(1)) / 1024**2:.1f} GiB" if meminfo else "unknown"),
        (
            "OS",
            f"{release.group(1) if release else platform.system()}, kernel {platform.release()}",
        ),
        ("Python", platform.python_version()),
        ("scikit-learn", package("scikit-learn")),
    ]


def git_state() -> str:
    def git(*args: str) -> str:
        try:
            done = subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True)
        except OSError:
            return ""
        return done.stdout.strip() if done.returncode == 0 else ""

    head = git("rev-parse", "--short", "HEAD") or "unknown"
    # The report itself is rewritten by every run: its own change says nothing about the code.
    dirty = git("status", "--porcelain", "--untracked-files=no", "--", ".", ":!docs/benchmarks.md")
    return f"git {head}" + (" with uncommitted changes" if dirty else "")


def markdown(results: Sequence[Result], quick: bool, when: datetime) -> str:
    lines = [
        "# Benchmarks",
        "",
        "<!-- Generated by benchmarks/report.py: edit that script, not this file. -->",
        "",
        f"Measured {when:%Y-%m-%d %H:%M} UTC at {git_state()}"
        + (", in quick mode (fewer repeats and messages)." if quick else "."),
        "Reproduce everything with `benchmarks/run` (then this file is rewritten); each",
        "section names the command for its own figures.",
        "",
        "Absolute speeds depend on the machine below; the ratios (Rejoinder against",
        "bogofilter, against the standard library's parser, the daemon's backfill against",
        "a plain IMAP FETCH) are the figures to compare across machines.",
        "",
        "## Machine",
        "",
        "| | |",
        "|---|---|",
        *(f"| {key} | {value} |" for key, value in machine()),
        "",
        "## Summary",
        "",
        "| benchmark | targets met | targets missed | context figures | state |",
        "|---|---:|---:|---:|---|",
    ]
    for result in results:
        judged = [row for row in result.rows if row.target is not None]
        met = sum(row.met is True for row in judged)
        state = "not measured" if result.problem else f"ran in {result.seconds:.0f} s"
        lines.append(
            f"| {result.benchmark.name} | {met} | {len(judged) - met} "
            f"| {len(result.rows) - len(judged)} | {state} |"
        )
    for result in results:
        lines += ["", f"## {result.benchmark.title}", "", f"Command: `{result.command}`"]
        if result.problem:
            lines += ["", f"**Not measured.** {result.problem}"]
            continue
        lines += [
            "",
            "| figure | value | target | verdict |",
            "|---|---:|---|---|",
            *(
                f"| {row.name} | {_fmt(row.value, row.unit)} | {_target(row)} | {verdict(row)} |"
                for row in result.rows
            ),
        ]
        others = sorted(
            {r.command for r in result.rows if not result.command.startswith(r.command)}
        )
        if others:
            lines += ["", "Some figures come from: " + ", ".join(f"`{c}`" for c in others)]
        if result.notes:
            lines += ["", *(f"- {note}" for note in result.notes)]
    return "\n".join(lines) + "\n"


def write_report(results: Path, output: Path, quick: bool) -> str:
    found = [r for r in (read_result(results, b) for b in BENCHMARKS) if r is not None]
    text = markdown(found, quick, datetime.now(UTC))
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(text)
    return text


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    commands = parser.add_subparsers(dest="action", required=True)
    run = commands.add_parser("run", help="run the benchmarks, then write the report")
    run.add_argument("--quick", action="store_true", help="fewer repeats and messages")
    run.add_argument("--only", default="", help="comma-separated benchmark names")
    run.add_argument("--results", type=Path, help="keep the raw results in this folder")
    write = commands.add_parser("write", help="write the report from saved results")
    write.add_argument("--results", type=Path, required=True)
    write.add_argument("--quick", action="store_true", help="the results came from --quick")
    for sub in (run, write):
        sub.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args(argv)
    if args.action == "write":
        write_report(args.results, args.output, args.quick)
    else:
        only = {name.strip() for name in args.only.split(",") if name.strip()} or None
        unknown = (only or set()) - {b.name for b in BENCHMARKS}
        if unknown:
            parser.error(f"unknown benchmark(s): {', '.join(sorted(unknown))}")
        if args.results:
            run_all(args.results, args.quick, only)
            write_report(args.results, args.output, args.quick)
        else:
            with tempfile.TemporaryDirectory(prefix="rejoinder-bench-") as folder:
                run_all(Path(folder), args.quick, only)
                write_report(Path(folder), args.output, args.quick)
    print(f"wrote {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
