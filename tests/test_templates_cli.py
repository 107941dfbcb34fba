"""``rejoinder templates list|check`` and ``rejoinder preview``."""

from __future__ import annotations

import json
import re
from importlib import resources
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from rejoinder.daemon import paths
from rejoinder.daemon.cli import cli

SAMPLE = Path(str(resources.files("rejoinder.daemon.sample")))
EXPECTED = json.loads((SAMPLE / "expected.json").read_text("utf-8"))["messages"]
SAMPLE_REJECTIONS = [m["path"] for m in EXPECTED if m["label"] == "rejection"]
SAMPLE_OTHERS = [m["path"] for m in EXPECTED if m["label"] == "not_rejection"]

# A user wording that forgets a name can be missing: it loads, but reads "Dear None,".
CARELESS = """{% extends "_layout.j2" %}
{% block body %}
Dear {{ name }}, thank you for letting me know about the role at {{ company }}. I enjoyed
applying and would be glad to hear about other openings that fit my background.
{% endblock %}
"""


def invoke(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def user_template(name: str, text: str) -> Path:
    folder = paths.user_templates_dir()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("expected", EXPECTED, ids=[m["path"] for m in EXPECTED])
def test_the_sample_mailbox_reads_as_its_table_says(expected: dict[str, str | None]) -> None:
    """The demo is a newcomer's first look: every sample message is classified and read
    as the sample's table says (one once named two interviewers as the company)."""
    path = SAMPLE / "inbox" / str(expected["path"])
    [line] = invoke("classify", "--json", str(path)).output.splitlines()
    row = json.loads(line)
    assert row["label"] == expected["label"]
    assert row["company"] == expected["company"]
    if expected["label"] == "rejection":
        assert row["stage"] == expected["stage"]


# ------------------------------------------------------------------ templates


def test_templates_list_names_origin_and_path() -> None:
    own = user_template("reply_application_9.j2", CARELESS)
    result = invoke("templates", "list")
    assert result.exit_code == 0, result.output
    rows = {
        line.split()[0]: line.split() for line in result.output.splitlines()[1:] if line.strip()
    }
    assert rows["reply_application_1.j2"][1] == "bundled"
    assert Path(rows["reply_application_1.j2"][2]).is_file()
    assert rows["reply_application_9.j2"][1:] == ["user", str(own)]


def test_templates_check_passes_on_the_bundled_wordings() -> None:
    result = invoke("templates", "check")
    assert result.exit_code == 0, result.output
    assert "no problems found" in result.output


def test_templates_check_lists_problems_and_fails() -> None:
    user_template("reply_application_9.j2", CARELESS)
    result = invoke("templates", "check")
    assert result.exit_code == 65
    problems = [
        line for line in result.output.splitlines() if line.startswith("reply_application_9")
    ]
    assert len(problems) == 1
    assert "shows 'None' for a missing value" in problems[0]
    assert "'Dear None," in problems[0]
    assert problems[0].endswith("no name]")  # the case that showed it
    assert "problem(s) in the reply templates" in result.output
    assert not any(line.startswith("reply_application_1.j2") for line in result.output.splitlines())


def test_templates_check_only_one_and_unknown_names() -> None:
    user_template("reply_application_9.j2", CARELESS)
    assert invoke("templates", "check", "--only", "reply_interview_1.j2").exit_code == 0
    assert invoke("templates", "check", "--only", "reply_application_9.j2").exit_code == 65
    unknown = invoke("templates", "check", "--only", "reply_nope_1.j2")
    assert unknown.exit_code == 66
    assert "templates list" in unknown.output


# ------------------------------------------------------------------ preview


def headers_and_body(output: str) -> tuple[dict[str, str], str]:
    draft = output.split("─" * 72 + "\n", 1)[1]
    head, body = draft.split("\n\n", 1)
    return dict(line.split(": ", 1) for line in head.splitlines()), body


def test_sample_has_rejections_to_preview() -> None:
    assert len(SAMPLE_REJECTIONS) >= 4


@pytest.mark.parametrize("path", SAMPLE_REJECTIONS)
def test_preview_shows_the_exact_draft_for_each_sample_rejection(path: str) -> None:
    source = SAMPLE / "inbox" / path
    original_id = next(
        line.split(":", 1)[1].strip()
        for line in source.read_text("utf-8").splitlines()
        if line.lower().startswith("message-id:")
    )
    result = invoke("preview", str(source))
    assert result.exit_code == 0, result.output
    assert result.output.startswith("A rejection")
    headers, body = headers_and_body(result.output)
    [expected] = [m for m in EXPECTED if m["path"] == path]
    assert f"<{expected['reply_to']}>" in headers["To"] or headers["To"] == expected["reply_to"]
    assert headers["Subject"].startswith("Re:")
    assert headers["In-Reply-To"] == original_id
    assert headers["X-Rejoinder-Ref"]
    assert "None" not in body
    assert "Dear ," not in body
    assert "Hi ," not in body
    assert "=\n" not in body  # decoded, not quoted-printable
    assert "thank" in body.lower()
    # The reply itself, above the attribution line and the quote (words may wrap).
    reply = re.split(r"\nOn [^\n]*wrote:\n", body, maxsplit=1)[0]
    assert expected["company"] in " ".join(reply.split())


def test_preview_uses_the_users_config(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text('[drafts]\nuser_name = "Sam Rivera"\ntone = "formal"\n', encoding="utf-8")
    config.chmod(0o600)
    result = invoke(
        "--config", str(config), "preview", str(SAMPLE / "inbox" / SAMPLE_REJECTIONS[0])
    )
    assert result.exit_code == 0, result.output
    _, body = headers_and_body(result.output)
    assert "Sam Rivera" in body


@pytest.mark.parametrize("path", SAMPLE_OTHERS[:2])
def test_preview_of_a_message_that_is_not_a_rejection(path: str) -> None:
    result = invoke("preview", str(SAMPLE / "inbox" / path))
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Not a rejection")
    assert "if it were a rejection" in result.output
    headers, body = headers_and_body(result.output)
    assert headers["Subject"].startswith("Re:")
    assert "None" not in body


def test_preview_of_something_that_is_not_mail(tmp_path: Path) -> None:
    junk = tmp_path / "notes.txt"
    junk.write_bytes(b"\x00\x01binary junk")
    result = invoke("preview", str(junk))
    assert result.exit_code == 66
    assert "cannot read" in result.output


def test_preview_says_why_mail_worded_like_a_rejection_gets_no_draft() -> None:
    note = Path(__file__).parent / "fixtures" / "classify" / "internal-note-about-a-candidate.eml"
    result = invoke("preview", str(note))
    assert result.exit_code == 0, result.output
    assert "Worded like a rejection (score 0." in result.output
    assert "but mail between colleagues of one organisation, not mail to an applicant" in (
        " ".join(result.output.split())
    )
