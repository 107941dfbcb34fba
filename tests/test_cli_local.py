"""The local pipeline end to end through the CLI: classify, scan, demo, journal."""

from __future__ import annotations

import json
import mailbox
import subprocess
import sys
from email.message import EmailMessage
from pathlib import Path

import pytest
from click.testing import CliRunner
from malformed import malformed_messages

from rejoinder.daemon.cli import cli

CONTRACT_KEYS = {
    "source",
    "message_id",
    "subject",
    "is_rejection",
    "score",
    "stage",
    "company",
    "role",
    "contact_name",
}


def rejection(n: int, stage: str = "application") -> bytes:
    msg = EmailMessage()
    msg["From"] = f"Dana Whitfield <dana.whitfield{n}@northwind-analytics.example>"
    msg["To"] = "Sam Candidate <sam@home.example>"
    msg["Subject"] = f"Your application for Data Analyst {n}"
    msg["Message-ID"] = f"<rej-{n}@northwind-analytics.example>"
    msg["Date"] = "Mon, 16 Nov 2026 10:00:00 +0000"
    interview = (
        "Thank you for taking the time to interview with our panel last week. "
        if stage == "interview"
        else ""
    )
    msg.set_content(
        "Hi Sam,\n\n"
        f"{interview}Thank you for your interest in Northwind Analytics and for applying "
        "for the Data Analyst position. After careful consideration, we have decided not to "
        "move forward with your application at this time. We will keep your details on file.\n\n"
        "Best regards,\nDana Whitfield\nTalent Acquisition, Northwind Analytics\n"
    )
    return bytes(msg)


def ordinary(n: int) -> bytes:
    msg = EmailMessage()
    msg["From"] = "Priya <priya@friends.example>"
    msg["To"] = "sam@home.example"
    msg["Subject"] = f"Saturday plans {n}"
    msg["Message-ID"] = f"<plain-{n}@friends.example>"
    msg["Date"] = "Mon, 16 Nov 2026 11:00:00 +0000"
    msg.set_content("Are we still on for the hike on Saturday? I can bring lunch.\n")
    return bytes(msg)


def run(*args: str) -> str:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.stdout  # warnings go to stderr and must not mix into JSON


def json_lines(output: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in output.splitlines() if line.strip()]


@pytest.fixture
def maildir(tmp_path: Path) -> Path:
    box = mailbox.Maildir(tmp_path / "INBOX", create=True)
    for n in range(3):
        box.add(rejection(n, "interview" if n == 2 else "application"))
        box.add(ordinary(n))
    return tmp_path / "INBOX"


def test_classify_json_contract_for_eml_maildir_and_mbox(tmp_path: Path, maildir: Path) -> None:
    eml = tmp_path / "one.eml"
    eml.write_bytes(rejection(9))
    mbox_path = tmp_path / "archive.mbox"
    box = mailbox.mbox(mbox_path)
    box.add(ordinary(7))
    box.add(rejection(8))
    box.flush()
    rows = json_lines(run("classify", "--json", str(eml), str(maildir), str(mbox_path)))
    assert len(rows) == 1 + 6 + 2
    for row in rows:
        assert row.keys() >= CONTRACT_KEYS
        assert isinstance(row["score"], float)
        assert 0.0 <= row["score"] <= 1.0
    by_source = {str(r["source"]): r for r in rows}
    assert by_source[str(eml)]["is_rejection"] is True
    assert by_source[f"{mbox_path}#1"]["is_rejection"] is False
    assert by_source[f"{mbox_path}#2"]["is_rejection"] is True
    assert by_source[f"{mbox_path}#2"]["message_id"] == "<rej-8@northwind-analytics.example>"
    rejections = [r for r in rows if r["is_rejection"]]
    assert len(rejections) == 5
    assert all(r["stage"] in ("application", "interview", "unknown") for r in rejections)
    assert all(r["stage"] is None for r in rows if not r["is_rejection"])
    assert by_source[str(eml)]["company"] == "Northwind Analytics"
    assert by_source[str(eml)]["contact_name"] == "Dana"


def test_classify_reports_unparseable_messages_and_exits_zero(tmp_path: Path) -> None:
    (tmp_path / "empty.eml").write_bytes(b"")
    (tmp_path / "good.eml").write_bytes(rejection(1))
    rows = json_lines(run("classify", "--json", str(tmp_path)))
    errors = [r for r in rows if "error" in r]
    assert [str(r["source"]).endswith("empty.eml") for r in errors] == [True]
    assert sum(1 for r in rows if r.get("is_rejection")) == 1


def test_scan_twice_makes_one_draft_per_rejection(tmp_path: Path, maildir: Path) -> None:
    drafts = tmp_path / "drafts"
    first = run("scan", str(maildir), "--drafts-dir", str(drafts))
    assert "3 new draft(s)" in first
    second = run("scan", str(maildir), "--drafts-dir", str(drafts))
    assert "0 new draft(s)" in second
    assert len(list(drafts.glob("*.eml"))) == 3
    entries = json_lines(run("journal", "--json"))
    assert len(entries) == 3
    assert {e["draft_status"] for e in entries} == {"created"}
    # The journal records what the classifier said (its accuracy is tested elsewhere).
    classified = {
        r["message_id"]: r["stage"] for r in json_lines(run("classify", "--json", str(maildir)))
    }
    assert {e["message_id"]: e["stage"] for e in entries} == {
        k: v for k, v in classified.items() if v is not None
    }


def test_scan_into_a_maildir_marks_drafts(tmp_path: Path, maildir: Path) -> None:
    drafts = mailbox.Maildir(tmp_path / "Drafts", create=True)
    run("scan", str(maildir), "--drafts-dir", str(tmp_path / "Drafts"))
    messages = list(drafts)
    assert len(messages) == 3
    assert all(set(m.get_flags()) >= {"D", "S"} for m in messages)
    assert all(m["In-Reply-To"].startswith("<rej-") for m in messages)


def test_scan_dry_run_writes_and_records_nothing(tmp_path: Path, maildir: Path) -> None:
    drafts = tmp_path / "drafts"
    output = run("scan", "--dry-run", str(maildir), "--drafts-dir", str(drafts))
    assert "Dry run" in output
    assert not drafts.exists() or not any(drafts.iterdir())
    assert "empty" in run("journal")


def test_fifty_malformed_messages_are_reported_and_never_stop_the_scan(tmp_path: Path) -> None:
    source = tmp_path / "bad"
    source.mkdir()
    bad = malformed_messages()[:50]
    assert len(bad) == 50
    for n, (name, raw) in enumerate(bad):
        (source / f"{n:03d}-{name[:40]}.eml").write_bytes(raw)
    (source / "zzz-last-good.eml").write_bytes(rejection(1))
    output = run("scan", str(source), "--drafts-dir", str(tmp_path / "drafts"))
    assert "51 message(s)" in output, output
    assert "1 new draft(s)" in output  # the good message after all the bad ones was handled
    rows = json_lines(run("classify", "--json", str(source)))
    assert len(rows) == 51
    assert all("error" in r or "is_rejection" in r for r in rows)


def test_demo_shows_findings_and_drafts() -> None:
    output = run("demo")
    assert "rejection" in output
    assert "new draft(s)" in output
    assert "Subject: Re:" in output
    assert "feedback" in output.lower()


def test_help_does_not_import_scikit_learn() -> None:
    code = (
        "import sys; from rejoinder.daemon.cli import cli\n"
        "try:\n    cli(['--help'])\nexcept SystemExit:\n    pass\n"
        "for command in ('classify', 'scan', 'journal', 'run', 'check'):\n"
        "    try:\n        cli([command, '--help'])\n    except SystemExit:\n        pass\n"
        "print('sklearn' in sys.modules, 'joblib' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip().splitlines()[-1] == "False False"


def test_the_daemon_with_its_model_leaves_the_corpus_generator_unloaded() -> None:
    # The generator's phrase banks are megabytes of strings the daemon never needs.
    code = (
        "import sys; from rejoinder.daemon import watcher; from rejoinder.classifier import classify\n"
        "classify.load_classifier()\n"
        "print(sorted(m for m in sys.modules if m.startswith('rejoinder.classifier.corpus.')))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip().splitlines()[-1] == "['rejoinder.classifier.corpus.records']"


def test_every_option_has_help_text_and_commands_have_examples() -> None:
    import click

    def walk(command: click.Command, path: str) -> list[str]:
        problems = []
        if path and "Examples:" not in (command.help or ""):
            problems.append(f"{path}: no Examples block")
        for param in command.params:
            if (
                isinstance(param, click.Option)
                and not param.help
                and param.name not in {"help", "version"}
            ):
                problems.append(f"{path} {param.name}: no help text")
        if isinstance(command, click.Group):
            for name, sub in command.commands.items():
                problems.extend(walk(sub, f"{path} {name}".strip()))
        return problems

    assert walk(cli, "") == []
