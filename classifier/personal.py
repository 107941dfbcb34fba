"""Learning from the user's corrections: a personal model, adopted only if it is not worse.

The personal model is the shipped recipe (``training.fit_bundle``) fitted on the
corpus's train split plus the user's corrections, each correction weighted so a
handful of them can move the model (see ``correction_weight``). It replaces the
current model only when two checks pass:

* on the corpus's held-out test split its rejection F1 may not drop by more than
  ``F1_TOLERANCE``, nor its precision or recall by more than ``PR_TOLERANCE`` (what
  everybody's mail looks like must still be recognised);
* on the user's own examples, k-fold cross-validation (k = min(5, n)): models
  trained without a fold must get at least as many of that fold right as the
  current model does (what was learnt must generalise, not just be memorised).

The candidate is written to a private temporary directory next to the user's
model directory and renamed into place only when adopted. Corrections never
leave the journal except as this model; no message text is sent anywhere.

scikit-learn is imported inside functions: ``rejoinder model`` and ``label`` stay fast.
"""

from __future__ import annotations

import logging
import os
import random
import shutil
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rejoinder.classifier.classify import Classifier, Thresholds, user_model_dir
from rejoinder.classifier.features import MAX_BODY_CHARS, model_text
from rejoinder.classifier.message import ParsedMessage, ParseFailure, parse_message
from rejoinder.classifier.model import (
    FORMAT,
    LoadedModel,
    ModelMetadata,
    incompatibility,
    installed_sklearn,
    python_version,
    read_metadata,
    save_model,
    shipped_model_dir,
)
from rejoinder.classifier.result import Label, Stage, Verdict
from rejoinder.daemon.errors import InputError
from rejoinder.daemon.paths import ensure_private_dir

if TYPE_CHECKING:
    from rejoinder.classifier.training import ModelBundle, TrainingExample
    from rejoinder.daemon.journal import Correction, Journal

log = logging.getLogger(__name__)

DEFAULT_MIN_NEW = 5  # new corrections that make maybe_retrain train again
F1_TOLERANCE = 0.005  # how much held-out F1 a personal model may lose (noise, not harm)
# ...and precision or recall, each: F1 alone hides a trade. Corrections that unlearn real
# rejections lose recall but win precision, and the two can cancel out in F1.
PR_TOLERANCE = 0.01
MAX_FOLDS = 5
# One correction counts for this many corpus messages (see correction_weight)...
CORRECTION_WEIGHT = 10.0
# ...while all of them together stay below this share of the corpus's mass.
MAX_PERSONAL_SHARE = 0.5
STATE_KEY = "personal_training"  # journal setting: what the last training saw and decided
_STAGES = (Stage.APPLICATION.value, Stage.INTERVIEW.value)

Decision = tuple[Label, Verdict, Stage | None]
Truth = tuple[str, str | None]  # (label, stage)


# ---------------------------------------------------------------- pure core


def labelled_text(raw: bytes, source: str = "the message") -> str:
    """What a correction keeps of a message file: its subject and the sender's own words
    (no quoted history, no signature, no headers), as ``journal.correction_text``."""
    parsed = parse_message(raw)
    if isinstance(parsed, ParseFailure):
        raise InputError(f"cannot read {source} ({parsed.reason})", "give an .eml file")
    text = message_text(parsed)
    if not text:
        raise InputError(f"{source} has no subject and no text", "label another message")
    return text


def message_text(parsed: ParsedMessage) -> str:
    """What a correction keeps of a parsed message (see ``labelled_text``); may be ""."""
    from rejoinder.daemon.journal import correction_text

    return correction_text(parsed.subject, parsed.new_text[:MAX_BODY_CHARS])


def correction_message(text: str) -> ParsedMessage:
    """A correction ("subject, blank line, the sender's words") as a bare message, so it
    goes through the classifier exactly as mail does; sender headers are unknown."""
    subject, _, body = text.partition("\n\n")
    return ParsedMessage(
        message_id=None,
        in_reply_to=None,
        references=(),
        from_=None,
        reply_to=(),
        to=(),
        cc=(),
        subject=subject.strip(),
        date=None,
        list_id=None,
        auto_submitted=None,
        precedence=None,
        body=body,
        body_from_html=False,
        new_text=body.strip(),
        quoted="",
        signature="",
        size=len(text),
        truncated=False,
    )


def correction_model_text(text: str) -> str:
    """The model's view of a correction: ``features.model_text`` of the bare message."""
    return model_text(correction_message(text))


def latest_corrections(corrections: Sequence[Correction]) -> list[Correction]:
    """One correction per text, oldest first: when the user relabelled a message, the
    latest label wins (contradicting copies would cancel each other out)."""
    latest: dict[str, Correction] = {}
    for c in sorted(corrections, key=lambda c: (c.created_at, c.id)):
        latest.pop(c.text, None)  # re-insert: order by the latest label
        latest[c.text] = c
    return list(latest.values())


def correction_weight(n_corpus: int, n_personal: int) -> float:
    """How many corpus messages one correction counts for.

    A correction is a message from the user's own mail, of a kind the model will meet
    again; the corpus is thousands of generated ones. At weight 1, five corrections are
    0.1 % of the training mass and the regularised model barely moves. What has to be
    outweighed is the corpus's evidence about one *kind* of message, so the weight is per
    correction, not a share of the total. Measured on the corpus: at 10, five corrections
    of a kind turn held-out messages of that kind around (P(rejection) 0.01-0.28 -> 0.96+
    for a new phrasing, 0.98 -> 0.01 for a misfire) with held-out F1 unchanged or better;
    at 20, sound not-rejection corrections that share a rejection's wording began to cost
    held-out recall. Past ``MAX_PERSONAL_SHARE`` of the corpus (over ~200 corrections)
    the weight shrinks, so the corpus always keeps two thirds of the mass.
    """
    if n_personal <= 0:
        return CORRECTION_WEIGHT
    return max(1.0, min(CORRECTION_WEIGHT, MAX_PERSONAL_SHARE * n_corpus / n_personal))


def is_right(truth: Truth, decision: Decision) -> bool:
    """Whether the model did what the user's label asks for: draft a rejection (at the
    right stage, when the user gave one), leave a non-rejection alone, or see a closure."""
    label, stage = truth
    found_label, verdict, found_stage = decision
    if label == Label.REJECTION.value:
        if verdict is not Verdict.REJECTION:
            return False
        return stage not in _STAGES or (found_stage is not None and found_stage.value == stage)
    if label == Label.POSITION_CLOSED.value:
        return found_label is Label.POSITION_CLOSED
    return verdict is Verdict.NOT_REJECTION


@dataclass(frozen=True)
class Score:
    """Rejection precision/recall/F1 as ``evaluate`` counts them (a rejection is found
    when it would be drafted; position-closed messages stay out), and stage accuracy."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0
    stage_hits: int = 0
    stage_total: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, Any]:
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "confusion": {"tp": self.tp, "fp": self.fp, "fn": self.fn, "tn": self.tn},
            "stage_accuracy": (
                round(self.stage_hits / self.stage_total, 4) if self.stage_total else None
            ),
        }

    def __str__(self) -> str:
        return (
            f"F1 {self.f1:.4f} (precision {self.precision:.4f}, recall {self.recall:.4f}; "
            f"tp={self.tp} fp={self.fp} fn={self.fn})"
        )


def score(truths: Sequence[Truth], decisions: Sequence[Decision]) -> Score:
    counts = dict(tp=0, fp=0, fn=0, tn=0, stage_hits=0, stage_total=0)
    for (label, stage), (_, verdict, found_stage) in zip(truths, decisions, strict=True):
        if label == Label.POSITION_CLOSED.value:
            continue
        flagged = verdict is Verdict.REJECTION
        actual = label == Label.REJECTION.value
        key = {(True, True): "tp", (True, False): "fp", (False, True): "fn"}.get(
            (flagged, actual), "tn"
        )
        counts[key] += 1
        if actual and stage in _STAGES:
            counts["stage_total"] += 1
            counts["stage_hits"] += found_stage is not None and found_stage.value == stage
    return Score(**counts)


@dataclass(frozen=True)
class CrossCheck:
    """The user's examples, k-fold: how many the personal recipe gets right when the
    example was held out of its training, against the current model on the same ones."""

    examples: int
    folds: int
    personal_right: int
    current_right: int

    def __str__(self) -> str:
        return (
            f"{self.personal_right}/{self.examples} right held out ({self.folds}-fold), "
            f"current model {self.current_right}/{self.examples}"
        )


def folds(n: int, seed: int) -> list[list[int]]:
    """k = min(5, n) disjoint folds of range(n), shuffled reproducibly; none below 2."""
    k = min(MAX_FOLDS, n)
    if k < 2:
        return []
    order = list(range(n))
    random.Random(seed).shuffle(order)
    return [sorted(order[i::k]) for i in range(k)]


def held_out_problem(
    current: Score, candidate: Score, tolerance: float = F1_TOLERANCE
) -> str | None:
    """Why the candidate is worse on the corpus's held-out split, or None."""
    for name, limit in (("F1", tolerance), ("recall", PR_TOLERANCE), ("precision", PR_TOLERANCE)):
        before, after = getattr(current, name.lower()), getattr(candidate, name.lower())
        if after < before - limit:
            return (
                f"held-out {name} would drop from {before:.4f} to {after:.4f} (more than {limit})"
            )
    return None


def judge(
    current: Score, candidate: Score, cross: CrossCheck | None, tolerance: float = F1_TOLERANCE
) -> tuple[bool, str]:
    """Adopt the candidate only if it is not worse: (adopt?, why)."""
    problem = held_out_problem(current, candidate, tolerance)
    if problem:
        return False, problem
    if cross is not None and cross.personal_right < cross.current_right:
        return False, (
            f"on your own examples it does worse than the current model "
            f"({cross.personal_right} vs {cross.current_right} of {cross.examples})"
        )
    if cross is None:
        return True, "not worse on the held-out split (too few examples to cross-validate)"
    return True, "not worse on the held-out split nor on your own examples"


@dataclass(frozen=True)
class RetrainResult:
    adopted: bool
    reason: str
    n_personal: int
    current_version: str
    current_kind: str
    candidate_version: str
    current_score: Score
    candidate_score: Score
    cross_check: CrossCheck | None
    model_dir: Path  # the user's model directory (holds the candidate only when adopted)

    def lines(self) -> list[str]:
        if self.cross_check is not None:
            cross = f"personal {self.cross_check}"
        elif self.adopted or self.n_personal < 2:
            cross = "not checked (fewer than 2 examples)"
        else:
            cross = "not checked (the held-out split already refused it)"
        outcome = (
            f"adopted: personal model {self.candidate_version} is now used ({self.model_dir})"
            if self.adopted
            else f"kept the {self.current_kind} model {self.current_version}"
        )
        return [
            f"personal examples:   {self.n_personal}",
            f"held-out split:      current {self.current_score}",
            f"                     personal {self.candidate_score}",
            f"your examples:       {cross}",
            f"{outcome}: {self.reason}",
        ]

    def as_dict(self) -> dict[str, Any]:
        return {
            "adopted": self.adopted,
            "reason": self.reason,
            "n_personal": self.n_personal,
            "current": {"version": self.current_version, "kind": self.current_kind},
            "candidate_version": self.candidate_version,
            "corpus_test_split": {
                "current": self.current_score.as_dict(),
                "personal": self.candidate_score.as_dict(),
            },
            "cross_validation": (
                None
                if self.cross_check is None
                else {
                    "examples": self.cross_check.examples,
                    "folds": self.cross_check.folds,
                    "personal_right": self.cross_check.personal_right,
                    "current_right": self.cross_check.current_right,
                }
            ),
        }


# ---------------------------------------------------------------- training


@dataclass(frozen=True)
class Labelled:
    """A message with the label it should get (a corpus record or a user's correction)."""

    message: ParsedMessage
    label: str
    stage: str | None

    @property
    def truth(self) -> Truth:
        return (self.label, self.stage)


@dataclass(frozen=True)
class CorpusSplits:
    """The corpus parsed once: parsing is most of a training's cost."""

    sha256: str
    train: tuple[TrainingExample, ...]
    test: tuple[Labelled, ...]


def corpus_splits() -> CorpusSplits:
    """The installed corpus, parsed; kept in memory for the next call (~35 MB)."""
    from rejoinder.classifier.corpus.records import corpus_sha256

    return _corpus_splits(corpus_sha256())


@lru_cache(maxsize=1)
def _corpus_splits(sha256: str) -> CorpusSplits:
    from rejoinder.classifier.corpus.records import load_corpus, record_to_eml
    from rejoinder.classifier.training import examples_from_records

    records = load_corpus()
    train = examples_from_records([r for r in records if r.split == "train"])
    test = []
    for record in (r for r in records if r.split == "test"):
        parsed = parse_message(record_to_eml(record))
        if isinstance(parsed, ParseFailure):  # a corpus bug, not user input
            raise ValueError(f"corpus record {record.id} does not parse: {parsed.reason}")
        test.append(Labelled(parsed, record.label, record.stage))
    return CorpusSplits(sha256, tuple(train), tuple(test))


def personal_examples(corrections: Sequence[Correction]) -> list[Labelled]:
    return [
        Labelled(correction_message(c.text), c.label, c.stage)
        for c in latest_corrections(corrections)
    ]


def training_examples(labelled: Sequence[Labelled]) -> list[TrainingExample]:
    from rejoinder.classifier.training import TrainingExample

    return [TrainingExample(model_text(x.message), x.label, x.stage) for x in labelled]


def decisions(classifier: Classifier, labelled: Sequence[Labelled]) -> list[Decision]:
    """What the classifier decides for each message: the whole policy (thresholds, and
    any rule applied after the model), exactly as for mail."""
    found = classifier.classify_many([x.message for x in labelled])
    return [(c.label, c.verdict, c.stage) for c in found]


def scored(classifier: Classifier, labelled: Sequence[Labelled]) -> Score:
    return score([x.truth for x in labelled], decisions(classifier, labelled))


def right(classifier: Classifier, labelled: Sequence[Labelled]) -> int:
    found = decisions(classifier, labelled)
    return sum(is_right(x.truth, d) for x, d in zip(labelled, found, strict=True))


def fit_personal(
    corpus: Sequence[TrainingExample], personal: Sequence[Labelled], seed: int
) -> ModelBundle:
    from rejoinder.classifier.training import fit_bundle

    weight = correction_weight(len(corpus), len(personal))
    # A bare subject (all the journal keeps when the mail could not be read again, e.g.
    # over IMAP) says too little to outweigh corpus messages: it counts as one of them.
    weights = [1.0] * len(corpus) + [weight if x.message.new_text else 1.0 for x in personal]
    return fit_bundle([*corpus, *training_examples(personal)], seed, sample_weight=weights)


def unsaved(bundle: ModelBundle, thresholds: Thresholds) -> Classifier:
    """A classifier over a freshly fitted bundle (not on disk: no version yet)."""
    metadata = ModelMetadata(
        format=FORMAT,
        model_version="unsaved",
        sklearn_version=installed_sklearn(),
        python_version=python_version(),
        corpus_sha256="",
        trained_at="",
        seed=0,
        n_train=0,
        n_test=0,
        kind="personal",
    )
    return Classifier(LoadedModel(bundle, metadata, ""), thresholds)


def cross_check(
    corpus: Sequence[TrainingExample],
    personal: Sequence[Labelled],
    current: Classifier,
    seed: int,
) -> CrossCheck | None:
    """k-fold over the user's examples (one fit per fold); None below two examples."""
    parts = folds(len(personal), seed)
    if not parts:
        return None
    personal_right = 0
    for held in parts:
        kept = [x for i, x in enumerate(personal) if i not in held]
        fold_model = unsaved(fit_personal(corpus, kept, seed), current.thresholds)
        personal_right += right(fold_model, [personal[i] for i in held])
    return CrossCheck(len(personal), len(parts), personal_right, right(current, personal))


def train_personal(
    corrections: Sequence[Correction],
    current: Classifier,
    *,
    corpus: CorpusSplits | None = None,
    seed: int | None = None,
    tolerance: float = F1_TOLERANCE,
    target: Path | None = None,
) -> RetrainResult:
    """Fit a personal model, compare it with ``current`` and install it into ``target``
    (default: the user's model directory) only if it is not worse."""
    from threadpoolctl import threadpool_limits

    from rejoinder.classifier.training import SEED

    seed = SEED if seed is None else seed
    target = target or user_model_dir()
    personal = personal_examples(corrections)
    if not personal:
        raise InputError(
            "there are no corrections to learn from yet",
            "label messages with 'rejoinder label' or 'rejoinder journal not-rejection'",
        )
    corpus = corpus or corpus_splits()
    # One thread: reproducible fits (BLAS reductions in another order change the last bits).
    with threadpool_limits(1):
        bundle = fit_personal(corpus.train, personal, seed)
        candidate_score = scored(unsaved(bundle, current.thresholds), corpus.test)
        current_score = scored(current, corpus.test)
        # A candidate that already fails on the held-out split needs no k more fits.
        cross = (
            cross_check(corpus.train, personal, current, seed)
            if held_out_problem(current_score, candidate_score, tolerance) is None
            else None
        )
    adopted, reason = judge(current_score, candidate_score, cross, tolerance)
    metadata = _metadata(corpus, len(personal), seed, candidate_score, cross, current)
    version = _write_candidate(bundle, metadata, target, install=adopted)
    return RetrainResult(
        adopted=adopted,
        reason=reason,
        n_personal=len(personal),
        current_version=current.version,
        current_kind=current.model.metadata.kind,
        candidate_version=version,
        current_score=current_score,
        candidate_score=candidate_score,
        cross_check=cross,
        model_dir=target,
    )


def _metadata(
    corpus: CorpusSplits,
    n_personal: int,
    seed: int,
    held_out: Score,
    cross: CrossCheck | None,
    current: Classifier,
) -> ModelMetadata:
    return ModelMetadata(
        format=FORMAT,
        model_version="",
        sklearn_version=installed_sklearn(),
        python_version=python_version(),
        corpus_sha256=corpus.sha256,
        trained_at=datetime.now(UTC).isoformat(timespec="seconds"),
        seed=seed,
        n_train=len(corpus.train) + n_personal,
        n_test=len(corpus.test),
        kind="personal",
        metrics={
            "corpus_test_split": held_out.as_dict(),
            "personal": {
                "n_personal": n_personal,
                "weight": correction_weight(len(corpus.train), n_personal),
                "replaced": current.version,
                "cross_validation": None
                if cross is None
                else {"right": cross.personal_right, "of": cross.examples, "folds": cross.folds},
            },
        },
    )


def _write_candidate(
    bundle: ModelBundle, metadata: ModelMetadata, target: Path, *, install: bool
) -> str:
    """Save into a private temporary directory beside ``target``; rename it into place
    when ``install``, else throw it away. Returns the candidate's model version."""
    ensure_private_dir(target.parent)  # the model's vocabulary comes from the user's mail
    scratch = Path(tempfile.mkdtemp(prefix=f".{target.name}-new-", dir=target.parent))
    try:
        saved = save_model(bundle, metadata, scratch)
        if install:
            _replace_dir(scratch, target)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return saved.model_version


def _replace_dir(new: Path, target: Path) -> None:
    """Put ``new`` where ``target`` is. Each rename is atomic; between the two a reader
    finds no user model for an instant and uses the shipped one, never a half-written one."""
    aside = target.with_name(f".{target.name}-old-{os.getpid()}")
    shutil.rmtree(aside, ignore_errors=True)
    if target.exists():
        os.replace(target, aside)
    try:
        os.replace(new, target)
    except OSError:
        if aside.exists():
            os.replace(aside, target)  # put the old model back
        raise
    shutil.rmtree(aside, ignore_errors=True)


# ---------------------------------------------------------------- with the journal


def training_state(journal: Journal) -> dict[str, Any]:
    """What the last personal training saw and decided ({} before the first)."""
    value = journal.setting(STATE_KEY)
    return value if isinstance(value, dict) else {}


def new_corrections(journal: Journal) -> int:
    """Corrections added since the last personal training (adopted or not)."""
    return len(journal.corrections_after(int(training_state(journal).get("last_correction_id", 0))))


def retrain(
    journal: Journal,
    now: datetime,
    *,
    current: Classifier | None = None,
    corpus: CorpusSplits | None = None,
    seed: int | None = None,
) -> RetrainResult:
    """Train on every correction in the journal, and record the attempt there so the
    automatic retraining waits for new ones (a refused set is not retried as it is)."""
    from rejoinder.classifier.classify import load_classifier

    corrections = journal.corrections()
    result = train_personal(corrections, current or load_classifier(), corpus=corpus, seed=seed)
    journal.set_setting(
        STATE_KEY,
        {
            "last_correction_id": max(c.id for c in corrections),
            "attempted_at": _stamp(now),
            "adopted": result.adopted,
            "reason": result.reason,
            "version": result.candidate_version,
            "n_personal": result.n_personal,
        },
        when=now,
    )
    return result


def maybe_retrain(
    journal: Journal,
    now: datetime,
    *,
    min_new: int = DEFAULT_MIN_NEW,
    current: Classifier | None = None,
    corpus: CorpusSplits | None = None,
) -> RetrainResult | None:
    """Retrain when at least ``min_new`` corrections came in since the last personal
    training; None otherwise (cheap: one query). Takes tens of seconds when it trains.

    For the daemon, between passes (it blocks: ~30 s to parse the corpus the first time,
    then a few seconds per fit, 1 + min(5, n) fits; the parsed corpus stays cached)::

        result = maybe_retrain(journal, datetime.now(UTC), current=classifier)
        if result is not None and result.adopted:
            classifier = load_classifier(thresholds)  # pick up the personal model
    """
    if new_corrections(journal) < max(1, min_new):
        return None
    log.info("learning from your corrections: training a personal model")
    result = retrain(journal, now, current=current, corpus=corpus)
    level = logging.INFO if result.adopted else logging.WARNING
    for line in result.lines():
        log.log(level, "personal model: %s", line)
    return result


def _stamp(when: datetime) -> str:
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return when.isoformat(timespec="seconds")


# ---------------------------------------------------------------- which model


@dataclass(frozen=True)
class ActiveModel:
    """The model ``load_classifier`` picks, described without loading it."""

    directory: Path
    metadata: ModelMetadata | None
    problem: str | None = None  # why even this one cannot be used (it is retrained on use)
    user_model_ignored: str | None = None  # the user's model exists but is unusable: why


def active_model() -> ActiveModel:
    """Mirrors ``classify.load_classifier``: the user's model when it fits this
    installation, else the shipped one (which is retrained on first use if it does not)."""
    user = user_model_dir()
    user_meta = read_metadata(user)
    ignored = None
    if user_meta is not None:
        ignored = incompatibility(user_meta)
        if ignored is None:
            return ActiveModel(user, user_meta)
    elif user.exists():
        ignored = "its metadata is missing or unreadable"
    shipped = shipped_model_dir()
    shipped_meta = read_metadata(shipped)
    problem = incompatibility(shipped_meta) if shipped_meta else "no model is installed"
    return ActiveModel(shipped, shipped_meta, problem, ignored)


def reset_user_model() -> bool:
    """Remove the user's (personal or retrained) model; False when there was none."""
    target = user_model_dir()
    if not target.exists():
        return False
    aside = target.with_name(f".{target.name}-old-{os.getpid()}")
    shutil.rmtree(aside, ignore_errors=True)
    os.replace(target, aside)  # gone at once for readers; then delete at leisure
    shutil.rmtree(aside, ignore_errors=True)
    return True
