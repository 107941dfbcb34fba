"""From a ParsedMessage to a Classification, using a loaded model.

``decide`` is the pure policy (probabilities -> label, verdict, stage);
``Classifier`` wraps a loaded model and runs extraction for rejections.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rejoinder.classifier.corpus.records import corpus_sha256
from rejoinder.classifier.extract import extract
from rejoinder.classifier.features import has_job_context, model_text, not_for_a_candidate
from rejoinder.classifier.message import ParsedMessage
from rejoinder.classifier.model import (
    LoadedModel,
    incompatibility,
    load_model,
    read_metadata,
    shipped_model_dir,
)
from rejoinder.classifier.result import Classification, Extraction, Label, Stage, Verdict

log = logging.getLogger(__name__)

STAGE_APPLICATION_BELOW = 0.47
STAGE_INTERVIEW_ABOVE = 0.53


@dataclass(frozen=True)
class Thresholds:
    # Chosen on the development set and the ordinary-mail false-positive run (model card).
    draft: float = 0.4  # P(rejection) at or above: journal + draft
    unsure: float = 0.25  # at or above (but below draft): journal for review, no draft


def decide(
    p_not: float, p_closed: float, p_rejection: float, p_interview: float, thresholds: Thresholds
) -> tuple[Label, Verdict, Stage | None]:
    if p_closed > p_rejection and p_closed > p_not:
        return Label.POSITION_CLOSED, Verdict.UNSURE, None
    if p_rejection >= thresholds.draft:
        verdict = Verdict.REJECTION
    elif p_rejection >= thresholds.unsure:
        verdict = Verdict.UNSURE
    else:
        return Label.NOT_REJECTION, Verdict.NOT_REJECTION, None
    label = Label.REJECTION if p_rejection >= p_not else Label.NOT_REJECTION
    return label, verdict, stage_for(p_interview)


def stage_for(p_interview: float) -> Stage:
    if p_interview >= STAGE_INTERVIEW_ABOVE:
        return Stage.INTERVIEW
    if p_interview <= STAGE_APPLICATION_BELOW:
        return Stage.APPLICATION
    return Stage.UNKNOWN


class Classifier:
    def __init__(self, model: LoadedModel, thresholds: Thresholds | None = None) -> None:
        self.model = model
        self.thresholds = thresholds or Thresholds()

    @property
    def version(self) -> str:
        return self.model.metadata.model_version

    def classify(self, msg: ParsedMessage) -> Classification:
        return self.classify_many([msg])[0]

    def classify_many(self, msgs: Sequence[ParsedMessage]) -> list[Classification]:
        """Classify a batch (one model call: its fixed cost dwarfs the per-message work).

        Mail that never mentions an application, a role, an interview or the like
        cannot be a job rejection, whatever it sounds like; it is answered without
        consulting the model, with a score of 0. Most mail is like that, so this
        is also what makes a first run over years of mail quick.
        """
        results: list[Classification | None] = [
            None if has_job_context(m) else self._no_job_context() for m in msgs
        ]
        todo = [m for m, r in zip(msgs, results, strict=True) if r is None]
        if todo:
            label_proba, p_interview = self.model.bundle.predict([model_text(m) for m in todo])
            judged = iter(
                self._judged(msg, p, p_int)
                for msg, p, p_int in zip(todo, label_proba, p_interview, strict=True)
            )
            results = [r if r is not None else next(judged) for r in results]
        return [r for r in results if r is not None]

    def _no_job_context(self) -> Classification:
        return Classification(
            Label.NOT_REJECTION, Verdict.NOT_REJECTION, 0.0, None, Extraction(), self.version
        )

    def _judged(self, msg: ParsedMessage, label_proba: Any, p_interview: Any) -> Classification:
        p_not, p_closed, p_rej = (float(p) for p in label_proba)
        label, verdict, stage = decide(p_not, p_closed, p_rej, float(p_interview), self.thresholds)
        note = None
        if verdict is Verdict.REJECTION and (reason := not_for_a_candidate(msg)):
            # Kept for review in the journal, never drafted for.
            log.debug("rejection-like %s: unsure, not a rejection", reason)
            verdict, note = Verdict.UNSURE, f"{reason}, not mail to an applicant"
        # Extraction is only worth its cost where something will be recorded.
        extraction = extract(msg) if verdict is not Verdict.NOT_REJECTION else Extraction()
        return Classification(
            label, verdict, round(p_rej, 4), stage, extraction, self.version, note
        )


def user_model_dir() -> Path:
    from rejoinder.daemon.paths import data_dir

    return data_dir() / "model"


def load_classifier(
    thresholds: Thresholds | None = None,
    *,
    model_dir: Path | None = None,
    auto_retrain: bool = True,
) -> Classifier:
    """The model to use: an explicit directory, else the user's (personal or retrained)
    model when it fits this installation, else the shipped one; if the shipped model was
    built for another scikit-learn, retrain it into the user's data dir (seconds)."""
    if model_dir is not None:
        return Classifier(load_model(model_dir), thresholds)
    user = read_metadata(user_model_dir())
    # A user model built on an older corpus is stale after an upgrade: the shipped one is newer.
    if user is not None and incompatibility(user, corpus_sha256()) is None:
        return Classifier(load_model(user_model_dir()), thresholds)
    if user is not None:
        log.info(
            "ignoring the %s model in %s: %s",
            user.kind,
            user_model_dir(),
            incompatibility(user, corpus_sha256()),
        )
    shipped_meta = read_metadata(shipped_model_dir())
    if shipped_meta is not None and incompatibility(shipped_meta) is None:
        return Classifier(load_model(shipped_model_dir()), thresholds)
    shipped = read_metadata(shipped_model_dir())
    if not auto_retrain:
        return Classifier(load_model(shipped_model_dir()), thresholds)  # raises a ModelError
    reason = incompatibility(shipped) if shipped else "no model is installed"
    log.warning(
        "The shipped model cannot be used (%s); retraining it for this installation", reason
    )
    from rejoinder.classifier.training import train_from_corpus

    train_from_corpus(user_model_dir(), kind="retrained")
    return Classifier(load_model(user_model_dir()), thresholds)
