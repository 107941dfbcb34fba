"""``rejoinder label``, ``train --personal``, ``model`` and ``model reset``, run through the CLI.

One story trains once (module-scoped): a hiring manager's mail holds copies of the
rejections their applicant tracker sent to candidates. Rejoinder takes them for
rejections of the user; five are labelled ``--not-rejection``, the personal model
is trained, and the next copies are left alone while real rejections still count.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, replace
from email.message import EmailMessage
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from rejoinder.classifier.classify import user_model_dir
from rejoinder.classifier.corpus.records import corpus_sha256
from rejoinder.classifier.model import (
    METADATA_FILE,
    incompatibility,
    installed_sklearn,
    read_metadata,
    save_model,
    shipped_model_dir,
)
from rejoinder.daemon import paths
from rejoinder.daemon.cli import cli
from rejoinder.daemon.journal import Journal


def invoke(*args: str, input: str | None = None) -> Result:
    return CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)


def ok(*args: str) -> str:
    result = invoke(*args)
    assert result.exit_code == 0, result.output
    return result.stdout


def eml(subject: str, body: str, sender: str) -> bytes:
    msg = EmailMessage()
    msg["From"] = sender
    msg["To"] = "robin@home.example"
    msg["Subject"] = subject
    msg["Date"] = "Tue, 06 Jan 2026 09:30:00 +0000"
    msg["Message-ID"] = f"<{zlib.crc32(subject.encode())}@talent.example>"
    msg.set_content(body)
    return msg.as_bytes()


CANDIDATES = [
    ("Jane Doe", "Backend Engineer", "Thank you for applying for the Backend Engineer role. Unfortunately, we have decided not to move forward with your application."),
    ("Omar Haddad", "Data Analyst", "Thank you for taking the time to interview with us. After careful consideration we have decided to proceed with other candidates."),
    ("Lena Fischer", "Product Designer", "We appreciate your interest in the position. Regrettably, your application was not successful on this occasion."),
    ("Tom Reyes", "QA Engineer", "Thanks for applying. We have reviewed your application and will not be progressing it further."),
    ("Aiko Sato", "Account Manager", "Thank you for meeting the team. We won't be moving you forward to the next stage, but we wish you every success."),
    # Never labelled:
    ("Ben Cole", "Support Specialist", "Unfortunately we will not be offering you the role. We were impressed by your experience and wish you the best."),
    ("Nia Brown", "Marketing Lead", "After reviewing your profile, we have decided not to continue with your candidacy for this position."),
]  # fmt: skip


def hiring_manager_copy(candidate: str, role: str, text: str) -> bytes:
    """What an applicant tracker sends the hiring manager after rejecting a candidate."""
    body = (
        f"This is a copy of the email sent on your behalf to {candidate} ({role}).\n\n---\n\n"
        f"Dear {candidate.split()[0]},\n\n{text}\n\nKind regards,\nLumen Bank Talent Team\n\n"
        "---\n\nYou are receiving this copy because you are the hiring manager for this "
        "requisition."
    )
    subject = f"[Copy] Candidate update sent: {candidate} - {role}"
    return eml(subject, body, "Lumen Talent <talent@lumenbank.example>")


# A rejection of the user, which must still be recognised afterwards.
REAL_REJECTION = eml(
    "Your application: Platform Engineer at Osprey Labs",
    "Dear Robin,\n\nThank you for applying for the Platform Engineer position at Osprey Labs. "
    "Unfortunately, we have decided not to move forward with your application at this time. "
    "We wish you the best in your search.\n\nKind regards,\nDana Whitfield\nOsprey Labs",
    "Dana Whitfield <dana@ospreylabs.example>",
)


def verdicts(*files: Path) -> list[str]:
    out = ok("classify", "--json", *map(str, files))
    return [json.loads(line)["verdict"] for line in out.splitlines()]


def install_current_model() -> None:
    """The current model must know the installed corpus; while the shipped file lags
    behind it (the corpus being rebuilt), fit one as 'rejoinder train' would."""
    shipped = read_metadata(shipped_model_dir())
    assert shipped is not None
    if shipped.corpus_sha256 == corpus_sha256() and incompatibility(shipped) is None:
        return
    from rejoinder.classifier.personal import corpus_splits
    from rejoinder.classifier.training import SEED, fit_bundle

    meta = replace(shipped, kind="retrained", corpus_sha256=corpus_sha256(), metrics={})
    meta = replace(meta, sklearn_version=installed_sklearn())
    save_model(fit_bundle(list(corpus_splits().train), SEED), meta, user_model_dir())


@dataclass
class Story:
    home: Path
    mail: list[Path]
    label_output: str
    relabel_output: str
    before: list[str]
    train_output: str
    after: list[str]
    model_output: str
    model_json: dict[str, object]


@pytest.fixture(scope="module")
def story(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Story]:
    home = tmp_path_factory.mktemp("home")
    with pytest.MonkeyPatch.context() as mp:
        for name in ("XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME"):
            (home / name).mkdir()
            mp.setenv(name, str(home / name))
        mp.delenv("REJOINDER_CONFIG", raising=False)
        install_current_model()
        mail = []
        for n, candidate in enumerate(CANDIDATES):
            mail.append(home / f"copy{n}.eml")
            mail[-1].write_bytes(hiring_manager_copy(*candidate))
        mail.append(home / "real.eml")
        mail[-1].write_bytes(REAL_REJECTION)
        labelled = ok("label", "--not-rejection", *map(str, mail[:5]))
        relabelled = ok("label", "--not-rejection", str(mail[0]))
        before = verdicts(*mail[5:])
        trained = ok("train", "--personal")
        after = verdicts(*mail[5:])
        yield Story(
            home, mail, labelled, relabelled, before, trained, after,
            ok("model"), json.loads(ok("model", "--json")),
        )  # fmt: skip


def test_label_keeps_the_subject_and_the_senders_words(story: Story) -> None:
    assert story.label_output.count("kept as not rejection") == 5
    assert "already kept" in story.relabel_output  # labelling twice adds no weight
    assert "5 example(s) not learnt from yet" in story.label_output
    assert "rejoinder train --personal" in story.label_output
    with Journal.open(story.home / "XDG_STATE_HOME" / "rejoinder" / "journal.sqlite3") as db:
        corrections = db.corrections()
    assert [c.label for c in corrections] == ["not_rejection"] * 5
    first = corrections[0].text
    assert first.startswith("[Copy] Candidate update sent: Jane Doe - Backend Engineer\n\n")
    assert "talent@lumenbank.example" not in first  # no headers
    assert "Message-ID" not in first


def test_train_personal_prints_both_comparisons_and_adopts(story: Story) -> None:
    out = story.train_output
    assert "held-out split:      current F1" in out
    assert "personal F1" in out
    assert "your examples:       personal 5/5 right held out (5-fold), current model 0/5" in out
    assert "adopted: personal model" in out


def test_a_corrected_misfire_stops_recurring_for_its_kind(story: Story) -> None:
    copies_before, real_before = story.before[:2], story.before[2]
    assert copies_before == ["rejection", "rejection"], "the current model no longer misfires"
    assert real_before == "rejection"
    assert story.after == ["not_rejection", "not_rejection", "rejection"]


def test_model_shows_the_personal_model(story: Story) -> None:
    d = story.model_json
    assert d["kind"] == "personal"
    assert d["directory"] == str(story.home / "XDG_DATA_HOME" / "rejoinder" / "model")
    assert d["n_personal"] == 5
    assert (d["corrections"], d["new_corrections"]) == (5, 0)
    assert d["corpus_is_current"] is True
    assert isinstance(d["metrics"], dict)
    assert "f1" in d["metrics"]
    assert "model:        personal" in story.model_output
    assert "learnt from 5 correction(s)" in story.model_output
    assert "adopted" in story.model_output


# ------------------------------------------------------------------ no training needed


def put_personal_model() -> Path:
    target = user_model_dir()
    shutil.copytree(shipped_model_dir(), target, ignore=shutil.ignore_patterns("__*", "*.py"))
    meta = json.loads((target / METADATA_FILE).read_text())
    (target / METADATA_FILE).write_text(json.dumps({**meta, "kind": "personal"}))
    return target


def test_model_reset_asks_then_goes_back_to_the_shipped_model() -> None:
    target = put_personal_model()
    assert json.loads(ok("model", "--json"))["kind"] == "personal"
    declined = invoke("model", "reset", input="n\n")
    assert declined.exit_code == 1  # click's abort
    assert "Remove the personal model" in declined.output
    assert target.exists()
    assert "Removed the personal model" in ok("model", "reset", "--yes")
    assert not target.exists()
    shown = json.loads(ok("model", "--json"))
    assert (shown["kind"], shown["directory"]) == ("shipped", str(shipped_model_dir()))
    assert "already in use" in ok("model", "reset")


def test_an_unusable_personal_model_is_reported_not_used() -> None:
    target = put_personal_model()
    meta = json.loads((target / METADATA_FILE).read_text())
    (target / METADATA_FILE).write_text(json.dumps({**meta, "sklearn_version": "0.24.2"}))
    out = ok("model")
    assert "model:        shipped" in out
    assert "your own model is ignored" in out
    assert "0.24.2" in out


def test_label_needs_a_verdict_and_a_stage_only_for_rejections(tmp_path: Path) -> None:
    mail = tmp_path / "m.eml"
    mail.write_bytes(REAL_REJECTION)
    assert invoke("label", str(mail)).exit_code == 2
    both = invoke("label", "--not-rejection", "--stage", "interview", str(mail))
    assert both.exit_code == 2
    assert "--stage only goes with --rejection" in both.output
    assert "kept as rejection (interview)" in ok(
        "label", "--rejection", "--stage", "interview", str(mail)
    )
    with Journal.open(paths.journal_file()) as db:
        [kept] = db.corrections()
    assert (kept.label, kept.stage) == ("rejection", "interview")


def test_label_refuses_what_is_not_mail(tmp_path: Path) -> None:
    junk = tmp_path / "junk.eml"
    junk.write_bytes(b"\x00\x01\x02")
    result = invoke("label", "--rejection", str(junk))
    assert result.exit_code == 66
    assert "junk.eml" in result.output


def test_train_personal_without_corrections_says_how_to_make_some() -> None:
    result = invoke("train", "--personal")
    assert result.exit_code == 66
    assert "rejoinder label" in result.output
    assert not user_model_dir().exists()


def test_train_personal_and_output_do_not_mix(tmp_path: Path) -> None:
    result = invoke("train", "--personal", "--output", str(tmp_path / "m"))
    assert result.exit_code == 2


def test_model_and_label_help_do_not_import_scikit_learn() -> None:
    code = (
        "import sys; from rejoinder.daemon.cli import cli\n"
        "for args in (['model', '--help'], ['model', 'reset', '--help'], ['label', '--help']):\n"
        "    try:\n        cli(args)\n    except SystemExit:\n        pass\n"
        "print('sklearn' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip().splitlines()[-1] == "False"


def test_evaluate_errors_name_misses_false_alarms_and_wrong_stages(tmp_path: Path) -> None:
    from rejoinder.classifier.evaluate import evaluate_records, record_from_json
    from rejoinder.classifier.message import ParsedMessage
    from rejoinder.classifier.result import Classification, Extraction, Label, Stage, Verdict

    said = {  # what the stub classifier answers, by subject
        "a": (Verdict.REJECTION, Stage.APPLICATION),  # right
        "b": (Verdict.REJECTION, Stage.APPLICATION),  # right verdict, wrong stage
        "c": (Verdict.NOT_REJECTION, None),  # missed
        "d": (Verdict.REJECTION, Stage.UNKNOWN),  # a false alarm
    }

    class Stub:
        def classify_many(self, msgs: list[ParsedMessage]) -> list[Classification]:
            return [
                Classification(
                    Label.REJECTION
                    if said[m.subject][0] is Verdict.REJECTION
                    else Label.NOT_REJECTION,
                    said[m.subject][0],
                    0.9,
                    said[m.subject][1],
                    Extraction(),
                    "stub",
                )
                for m in msgs
            ]

    rows = [
        ("a", "rejection", "application"),
        ("b", "rejection", "interview"),
        ("c", "rejection", "interview"),
        ("d", "not_rejection", None),
    ]
    records = [
        record_from_json(
            {"id": f"id-{s}", "label": label, "stage": stage, "subject": s, "body": "x"}, n
        )
        for n, (s, label, stage) in enumerate(rows)
    ]
    report = evaluate_records(records, Stub())
    assert report.errors == [
        "wrong stage: id-b (said application, is interview)",
        "missed: id-c",
        "false positive: id-d",
    ]
    assert (report.stage.hits, report.stage.total) == (1, 3)  # a miss has no right stage


def test_evaluate_measures_a_labelled_file_and_lists_what_it_got_wrong(tmp_path: Path) -> None:
    rows = [
        {
            "id": "clear-no",
            "label": "rejection",
            "stage": "application",
            "subject": "Your application for Data Analyst at Fenwick Labs",
            "body": "Dear Robin, thank you for applying for the Data Analyst position. After "
            "reviewing your application we have decided not to move forward with your "
            "candidacy. We wish you every success. Kind regards, the Fenwick Labs hiring team",
        },
        {
            "id": "dinner",
            "label": "not_rejection",
            "subject": "Dinner on Friday?",
            "body": "Hi Robin, are you free for dinner on Friday? The new place by the river.",
        },
    ]
    labelled = tmp_path / "labelled.jsonl"
    labelled.write_text("".join(json.dumps(row) + "\n" for row in rows))

    text = ok("evaluate", str(labelled), "--errors")
    assert "messages:            2 (0 unparseable)" in text
    assert "confusion:           tp=1 fp=0 fn=0 tn=1" in text
    assert text.rstrip().endswith("no errors")
    figures = json.loads(ok("evaluate", str(labelled), "--json"))
    assert (figures["precision"], figures["recall"], figures["stage_accuracy"]) == (1.0, 1.0, 1.0)
