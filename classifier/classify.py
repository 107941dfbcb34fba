"""From a ParsedMessage to a Classification, using a loaded model.

``decide`` is the pure policy (probabilities -> label, verdict, stage);
``Classifier`` wraps a loaded model and runs extraction for rejections.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from rejoinder.classifier.corpus.records import corpus_sha256
from rejoinder.classifier.extract import extract
from rejoinder.classifier.features import has_job_context, model_text
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
        if not msgs:
            return []
        label_proba, p_interview = self.model.bundle.predict([model_text(m) for m in msgs])
        results = []
        for msg, (p_not, p_closed, p_rej), p_int in zip(
            msgs, label_proba, p_interview, strict=True
        ):
            label, verdict, stage = decide(
                float(p_not), float(p_closed), float(p_rej), float(p_int), self.thresholds
            )
            if verdict is not Verdict.NOT_REJECTION and not has_job_context(msg):
                label, verdict, stage = Label.NOT_REJECTION, Verdict.NOT_REJECTION, None
            # Extraction is only worth its cost where something will be recorded.
            extraction = extract(msg) if verdict is not Verdict.NOT_REJECTION else Extraction()
            results.append(
                Classification(
                    label, verdict, round(float(p_rej), 4), stage, extraction, self.version
                )
            )
        return results


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
