"""The personal model: corrections teach the classifier, and a model that got worse is refused.

Trainings take seconds each (one fit per cross-validation fold as well), so each
scenario trains once, in a module-scoped fixture. The "current" model everywhere is
one fitted on the installed corpus (what ``rejoinder train`` builds), so the
comparisons do not depend on whether the shipped model file is up to date.
"""

from __future__ import annotations

import os
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from pathlib import Path

import pytest

from rejoinder.classifier import personal
from rejoinder.classifier.classify import Classifier, user_model_dir
from rejoinder.classifier.corpus.records import load_corpus
from rejoinder.classifier.evaluate import evaluate_records
from rejoinder.classifier.features import model_text
from rejoinder.classifier.message import ParsedMessage, parse_message
from rejoinder.classifier.model import (
    MODEL_FILE,
    installed_sklearn,
    load_model,
    read_metadata,
    save_model,
    shipped_model_dir,
)
from rejoinder.classifier.personal import (
    CorpusSplits,
    CrossCheck,
    RetrainResult,
    Score,
    correction_weight,
    judge,
)
from rejoinder.classifier.result import Verdict
from rejoinder.daemon.errors import InputError
from rejoinder.daemon.journal import Correction, Journal

NOW = datetime(2026, 11, 2, 9, tzinfo=UTC)


def eml(subject: str, body: str, sender: str = "Sam Ortiz <sam.ortiz@fernhollow.example>") -> bytes:
    msg = EmailMessage()
    msg["From"] = sender
    msg["To"] = "robin@home.example"
    msg["Subject"] = subject
    msg["Date"] = "Mon, 05 Jan 2026 10:00:00 +0000"
    msg["Message-ID"] = f"<{zlib.crc32(subject.encode())}@fernhollow.example>"
    msg.set_content(body)
    return msg.as_bytes()


# A register no generated corpus message uses: rejections written in pirate speak. Each
# names the post (a job rejection must, or the classifier's job-context rule drops it).
PIRATE = [
    ("Yer application for the deckhand post", "Ahoy Robin,\n\nArr, the captain has read yer application, and we be sailin' on without ye this voyage. The crew be full up. Fair winds to ye, matey.\n\nOne-Eyed Sam"),
    ("The quartermaster job", "Ahoy there Robin,\n\nShiver me timbers, 'twas a hard choice, but the crew voted for another sailor for quartermaster. Ye won't be joinin' us on the Salty Gull. May yer sails stay full.\n\nCap'n Morgan"),
    ("Re: bosun application", "Avast, Robin!\n\nWe thank ye kindly for yer interest in bein' our bosun, but we be choosin' a different scallywag. Keep a weather eye on the horizon, matey.\n\nRed Meg"),
    ("Navigator position on the Black Heron", "Yo ho Robin,\n\nBlow me down, yer charts were fine work, but we've signed on another navigator and there be no berth for ye aboard. Good luck findin' yer ship, ye landlubber.\n\nCaptain Flint"),
    ("About the cook's job", "Ahoy Robin,\n\nArr, the galley be spoken for. We've hired another cook, so we'll not be bringin' ye aboard. Fair winds and followin' seas, matey.\n\nSalty Pete"),
]  # fmt: skip
# Never shown to the model:
UNSEEN_PIRATE = [
    ("Powder monkey position", "Ahoy Robin,\n\nArr matey, there be no berth for ye aboard the Kraken; the powder kegs be another scallywag's to mind now. Fair winds to ye.\n\nBlackbeard's first mate"),
    ("The gunner's job aboard the Kraken", "Ahoy Robin,\n\nArr, the cannons be manned already, matey. The crew be thankin' ye for yer interest, but we be settin' sail without ye. May the wind be at yer back.\n\nCap'n Bones"),
]  # fmt: skip

# Plain, obvious job rejections: labelling them "not a rejection" is harmful.
_PEOPLE = [
    ("Data Analyst", "Corvid Health", "Robin"),
    ("Backend Engineer", "Lumen Bank", "Priya"),
    ("Product Designer", "Osprey Labs", "Jordan"),
    ("QA Engineer", "Tallow & Finch", "Alex"),
    ("Account Manager", "Bramble Foods", "Sam"),
    ("Support Specialist", "Kestrel Air", "Casey"),
    ("Marketing Lead", "Juniper Media", "Morgan"),
    ("Office Manager", "Quarry Legal", "Taylor"),
    ("DevOps Engineer", "Halcyon Cloud", "Jamie"),
    ("Recruiter", "Wren Partners", "Riley"),
    ("Sales Executive", "Granite Tools", "Avery"),
]
_OBVIOUS_TEMPLATES = [
    (
        "Your application for {role} at {company}",
        "Dear {name},\n\nThank you for applying for the {role} position at {company}. "
        "Unfortunately, we have decided not to move forward with your application at this "
        "time. We wish you the best in your job search.\n\nKind regards,\nThe {company} "
        "Recruiting Team",
    ),
    (
        "{role} interview - update",
        "Dear {name},\n\nThank you for interviewing for the {role} role at {company}. We "
        "enjoyed meeting you, but we have decided to move forward with another candidate. "
        "We wish you every success.\n\nBest regards,\n{company} Talent Team",
    ),
]
OBVIOUS = [
    (subject.format(**who), body.format(**who))
    for subject, body in _OBVIOUS_TEMPLATES
    for who in (dict(role=r, company=c, name=n) for r, c, n in _PEOPLE)
]


def correction(n: int, label: str, subject: str, body: str) -> Correction:
    text = personal.labelled_text(eml(subject, body))
    return Correction(n, None, label, None, text, NOW + timedelta(minutes=n))


def classify(model_dir: Path, subject: str, body: str) -> Verdict:
    parsed = parse_message(eml(subject, body))
    assert isinstance(parsed, ParsedMessage)
    return Classifier(load_model(model_dir)).classify(parsed).verdict


# ------------------------------------------------------------------ fixtures


@pytest.fixture(scope="module")
def corpus() -> CorpusSplits:
    return personal.corpus_splits()


@pytest.fixture(scope="module")
def baseline_dir(corpus: CorpusSplits, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A model fitted on the installed corpus, as 'rejoinder train' would leave it."""
    from rejoinder.classifier.training import SEED, fit_bundle

    shipped = read_metadata(shipped_model_dir())
    assert shipped is not None
    meta = replace(
        shipped,
        kind="retrained",
        corpus_sha256=corpus.sha256,
        sklearn_version=installed_sklearn(),
        metrics={},
    )
    target = tmp_path_factory.mktemp("baseline")
    save_model(fit_bundle(list(corpus.train), SEED), meta, target)
    return target


@pytest.fixture(scope="module")
def baseline(baseline_dir: Path) -> Classifier:
    return Classifier(load_model(baseline_dir))


@pytest.fixture(scope="module")
def data_home(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """XDG_DATA_HOME for the module's trainings (the autouse fixture is per test)."""
    home = tmp_path_factory.mktemp("data")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("XDG_DATA_HOME", str(home))
        yield home


@dataclass
class PirateRun:
    before_fifth: RetrainResult | None
    result: RetrainResult
    after: RetrainResult | None
    new_after: int
    state: dict[str, object]
    model_dir: Path


@pytest.fixture(scope="module")
def pirate_run(
    corpus: CorpusSplits,
    baseline: Classifier,
    data_home: Path,
    tmp_path_factory: pytest.TempPathFactory,
) -> PirateRun:
    """Five pirate rejections labelled one by one; the daemon's hook runs after each."""
    path = tmp_path_factory.mktemp("state") / "journal.sqlite3"
    with Journal.open(path) as db:
        for subject, body in PIRATE[:4]:
            db.add_correction("rejection", None, personal.labelled_text(eml(subject, body)))
        before = personal.maybe_retrain(db, NOW, current=baseline, corpus=corpus)
        db.add_correction("rejection", None, personal.labelled_text(eml(*PIRATE[4])))
        result = personal.maybe_retrain(db, NOW, current=baseline, corpus=corpus)
        assert result is not None
        after = personal.maybe_retrain(db, NOW, current=baseline, corpus=corpus)
        return PirateRun(
            before, result, after, personal.new_corrections(db), personal.training_state(db),
            user_model_dir(),
        )  # fmt: skip


# ------------------------------------------------------------ a new phrasing


def test_retraining_waits_for_five_new_corrections(pirate_run: PirateRun) -> None:
    assert pirate_run.before_fifth is None
    assert pirate_run.after is None  # the five were learnt from: nothing new since
    assert pirate_run.new_after == 0
    assert pirate_run.state["adopted"] is True
    assert pirate_run.state["n_personal"] == 5
    assert pirate_run.state["attempted_at"] == NOW.isoformat(timespec="seconds")


def test_five_corrections_of_a_new_phrasing_catch_a_sixth(
    pirate_run: PirateRun, baseline_dir: Path
) -> None:
    before = [classify(baseline_dir, *m) for m in UNSEEN_PIRATE]
    assert Verdict.REJECTION not in before, "the corpus now covers pirate speak: pick another"
    assert pirate_run.result.adopted, pirate_run.result.lines()
    assert [classify(pirate_run.model_dir, *m) for m in UNSEEN_PIRATE] == [Verdict.REJECTION] * 2


def test_the_personal_model_keeps_its_held_out_f1(
    pirate_run: PirateRun, corpus: CorpusSplits
) -> None:
    result = pirate_run.result
    assert result.candidate_score.f1 >= result.current_score.f1 - personal.F1_TOLERANCE
    # The quick scorer counts as 'rejoinder evaluate' does.
    test = [r for r in load_corpus() if r.split == "test"]
    report = evaluate_records(test, Classifier(load_model(pirate_run.model_dir)))
    assert round(report.f1, 4) == round(result.candidate_score.f1, 4)
    assert (report.true_positives, report.false_positives) == (
        result.candidate_score.tp,
        result.candidate_score.fp,
    )


def test_cross_validation_on_the_users_examples(pirate_run: PirateRun) -> None:
    cross = pirate_run.result.cross_check
    assert cross is not None
    assert (cross.examples, cross.folds) == (5, 5)
    assert cross.personal_right > cross.current_right
    text = "\n".join(pirate_run.result.lines())
    for shown in ("held-out split", "your examples", "adopted"):
        assert shown in text


def test_the_personal_model_says_what_it_is(pirate_run: PirateRun, corpus: CorpusSplits) -> None:
    meta = read_metadata(pirate_run.model_dir)
    assert meta is not None
    assert meta.kind == "personal"
    assert meta.model_version == pirate_run.result.candidate_version
    assert meta.corpus_sha256 == corpus.sha256
    assert meta.metrics["personal"]["n_personal"] == 5
    assert meta.metrics["corpus_test_split"]["f1"] == round(pirate_run.result.candidate_score.f1, 4)
    assert datetime.fromisoformat(meta.trained_at).tzinfo is not None
    assert oct(pirate_run.model_dir.stat().st_mode & 0o777) == "0o700"
    leftovers = [p.name for p in pirate_run.model_dir.parent.iterdir() if p.name.startswith(".")]
    assert leftovers == []


# ------------------------------------------------------------ harmful corrections


@dataclass
class HarmfulRun:
    result: RetrainResult
    before: bytes
    after: bytes
    leftovers: list[str]


@pytest.fixture(scope="module")
def harmful_run(
    corpus: CorpusSplits,
    baseline: Classifier,
    baseline_dir: Path,
    tmp_path_factory: pytest.TempPathFactory,
) -> HarmfulRun:
    target = tmp_path_factory.mktemp("user") / "model"
    target.mkdir()
    for name in os.listdir(baseline_dir):
        (target / name).write_bytes((baseline_dir / name).read_bytes())
    before = (target / MODEL_FILE).read_bytes()
    wrong = [correction(n, "not_rejection", s, b) for n, (s, b) in enumerate(OBVIOUS, start=1)]
    result = personal.train_personal(wrong, baseline, corpus=corpus, target=target)
    leftovers = sorted(p.name for p in target.parent.iterdir() if p.name != "model")
    return HarmfulRun(result, before, (target / MODEL_FILE).read_bytes(), leftovers)


def test_harmful_corrections_are_refused_and_the_old_model_kept(harmful_run: HarmfulRun) -> None:
    result = harmful_run.result
    assert not result.adopted
    assert result.reason.startswith("held-out")
    assert result.candidate_score.recall < result.current_score.recall - personal.PR_TOLERANCE
    assert harmful_run.after == harmful_run.before
    assert harmful_run.leftovers == []  # the candidate's temporary directory is gone
    assert "kept the retrained model" in "\n".join(result.lines())


# ------------------------------------------------------------ pure parts


def test_correction_weight_lets_a_few_count_but_never_drown_the_corpus() -> None:
    assert correction_weight(4000, 5) == personal.CORRECTION_WEIGHT
    many = correction_weight(4000, 1000)
    assert 1.0 <= many < personal.CORRECTION_WEIGHT
    assert many * 1000 <= personal.MAX_PERSONAL_SHARE * 4000
    assert correction_weight(100, 10_000) == 1.0


@pytest.mark.parametrize("n", [1, 2, 3, 5, 6, 23])
def test_folds_are_disjoint_and_cover_every_example(n: int) -> None:
    parts = personal.folds(n, seed=7)
    if n < 2:
        assert parts == []
        return
    assert len(parts) == min(5, n)
    assert sorted(i for part in parts for i in part) == list(range(n))
    assert parts == personal.folds(n, seed=7)


def test_judge_allows_noise_but_not_harm() -> None:
    current = Score(tp=450, fp=20, fn=30, tn=700)
    slightly = Score(tp=448, fp=20, fn=32, tn=700)  # two messages: noise
    worse = Score(tp=440, fp=20, fn=40, tn=700)
    assert 0 < current.f1 - slightly.f1 <= personal.F1_TOLERANCE < current.f1 - worse.f1
    assert judge(current, slightly, None)[0]
    assert not judge(current, worse, None)[0]
    assert not judge(current, current, CrossCheck(6, 5, personal_right=3, current_right=4))[0]
    assert judge(current, current, CrossCheck(6, 5, personal_right=4, current_right=4))[0]


def test_judge_sees_through_a_trade_that_keeps_f1() -> None:
    current = Score(tp=423, fp=30, fn=43, tn=700)
    # Fewer false positives, more missed rejections: F1 barely moves, recall falls.
    traded = Score(tp=409, fp=16, fn=57, tn=714)
    assert abs(current.f1 - traded.f1) < personal.F1_TOLERANCE
    adopted, why = judge(current, traded, None)
    assert not adopted
    assert "recall" in why


def test_a_relabelled_message_counts_once_with_its_latest_label() -> None:
    first = Correction(1, None, "rejection", None, "Subject\n\nwords", NOW)
    other = Correction(2, None, "rejection", None, "Other\n\nwords", NOW)
    again = Correction(3, None, "not_rejection", None, "Subject\n\nwords", NOW + timedelta(1))
    assert personal.latest_corrections([first, other, again]) == [other, again]


def test_a_correction_reads_as_the_message_does_without_quotes_or_signature() -> None:
    body = (
        "Hi Robin,\n\nWe went with someone else. Sorry!\n\nBest regards,\nSam\n"
        "Talent Partner\n\nOn Mon, 5 Jan 2026, Robin wrote:\n> I am keen on the role.\n"
    )
    raw = eml("Re: Data Analyst", body)
    text = personal.labelled_text(raw, "x.eml")
    assert text.startswith("Re: Data Analyst\n\nHi Robin")
    assert "keen" not in text
    parsed = parse_message(raw)
    assert isinstance(parsed, ParsedMessage)
    assert personal.correction_model_text(text).split() == model_text(parsed).split()


def test_an_unreadable_message_is_an_input_error() -> None:
    with pytest.raises(InputError, match=r"junk\.eml"):
        personal.labelled_text(b"\x00\x01 not mail", "junk.eml")


def test_no_corrections_is_an_input_error(baseline: Classifier, corpus: CorpusSplits) -> None:
    with pytest.raises(InputError, match="no corrections"):
        personal.train_personal([], baseline, corpus=corpus)


# ------------------------------------------------------------ the journal's part


def test_journal_keeps_labelled_examples_once_and_the_training_state(tmp_path: Path) -> None:
    with Journal.open(tmp_path / "j.sqlite3") as db:
        first = db.add_correction("rejection", "interview", "Subject\n\nwords", when=NOW)
        assert first is not None
        assert db.add_correction("rejection", "interview", "Subject\n\nwords") is None
        second = db.add_correction("not_rejection", None, "Other\n\nwords")
        assert [c.id for c in db.corrections_after(first)] == [second]
        assert db.setting("personal_training") is None
        db.set_setting("personal_training", {"last_correction_id": first})
        assert personal.new_corrections(db) == 1
        with pytest.raises(ValueError, match="label"):
            db.add_correction("maybe", None, "text")
