"""The shipped model: reproducible from the corpus, checked against the installed
scikit-learn, and the pure decision policy on top of its probabilities."""

from __future__ import annotations

import json
import logging
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from rejoinder.classifier import classify, model
from rejoinder.classifier.classify import Thresholds, decide
from rejoinder.classifier.corpus.records import corpus_sha256
from rejoinder.classifier.result import Label, Stage, Verdict
from rejoinder.daemon.errors import ModelError

SHIPPED = model.shipped_model_dir()


@pytest.fixture(scope="module")
def retrained(tmp_path_factory: pytest.TempPathFactory) -> Path:
    # A fresh process, as a user runs it: pickle's sharing of equal strings depends
    # on what the process did before, so only a clean run is comparable bit for bit.
    out = tmp_path_factory.mktemp("model")
    code = "import sys; from rejoinder.daemon.cli import main; sys.argv[1:] = ['train', '--output', sys.argv[1]]; main()"
    subprocess.run([sys.executable, "-c", code, str(out)], check=True, capture_output=True)
    return out


def test_shipped_model_is_rebuilt_bit_for_bit_from_the_corpus(retrained: Path) -> None:
    assert (retrained / model.MODEL_FILE).read_bytes() == (SHIPPED / model.MODEL_FILE).read_bytes()


def test_shipped_metadata_describes_this_corpus_and_its_metrics() -> None:
    meta = model.read_metadata(SHIPPED)
    assert meta is not None
    assert meta.corpus_sha256 == corpus_sha256()
    assert meta.sklearn_version == model.installed_sklearn()
    metrics = meta.metrics["corpus_test_split"]
    assert metrics["f1"] > 0.9
    assert meta.metrics["indirect_families_stage_accuracy"]["accuracy"] > 0.85
    assert (SHIPPED / model.MODEL_FILE).stat().st_size <= 10 * 1024 * 1024


def _copy_with_metadata(tmp_path: Path, **changes: object) -> Path:
    target = tmp_path / "m"
    shutil.copytree(SHIPPED, target, ignore=shutil.ignore_patterns("__*", "*.py"))
    meta = json.loads((target / model.METADATA_FILE).read_text())
    meta.update(changes)
    (target / model.METADATA_FILE).write_text(json.dumps(meta))
    return target


def test_version_mismatch_is_refused_with_the_command_to_run(tmp_path: Path) -> None:
    stale = _copy_with_metadata(tmp_path, sklearn_version="0.24.2")
    with pytest.raises(ModelError) as info:
        model.load_model(stale)
    assert "0.24.2" in str(info.value)
    assert "rejoinder train" in str(info.value)


def test_damaged_model_file_is_a_model_error(tmp_path: Path) -> None:
    broken = _copy_with_metadata(tmp_path)
    (broken / model.MODEL_FILE).write_bytes(b"not a pickle")
    with pytest.raises(ModelError, match="damaged"):
        model.load_model(broken)


def test_mismatched_shipped_model_is_retrained_for_this_installation(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    stale = _copy_with_metadata(tmp_path, sklearn_version="0.24.2")
    monkeypatch.setattr(classify, "shipped_model_dir", lambda: stale)
    with caplog.at_level(logging.WARNING):
        loaded = classify.load_classifier()
    assert "retraining" in caplog.text
    assert loaded.model.directory == str(classify.user_model_dir())
    assert loaded.model.metadata.kind == "retrained"
    # Next time the retrained model is used directly.
    assert classify.load_classifier().version == loaded.version


def test_without_auto_retrain_a_mismatch_raises(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    stale = _copy_with_metadata(tmp_path, sklearn_version="0.24.2")
    monkeypatch.setattr(classify, "shipped_model_dir", lambda: stale)
    with pytest.raises(ModelError):
        classify.load_classifier(auto_retrain=False)


@pytest.mark.parametrize(
    ("probabilities", "expected"),
    [
        ((0.05, 0.05, 0.90, 0.9), (Label.REJECTION, Verdict.REJECTION, Stage.INTERVIEW)),
        ((0.05, 0.05, 0.90, 0.1), (Label.REJECTION, Verdict.REJECTION, Stage.APPLICATION)),
        ((0.05, 0.05, 0.90, 0.5), (Label.REJECTION, Verdict.REJECTION, Stage.UNKNOWN)),
        ((0.60, 0.00, 0.40, 0.9), (Label.NOT_REJECTION, Verdict.UNSURE, Stage.INTERVIEW)),
        ((0.80, 0.00, 0.20, 0.9), (Label.NOT_REJECTION, Verdict.NOT_REJECTION, None)),
        ((0.10, 0.60, 0.30, 0.9), (Label.POSITION_CLOSED, Verdict.UNSURE, None)),
    ],
)
def test_decide_policy(
    probabilities: tuple[float, float, float, float], expected: tuple[object, ...]
) -> None:
    assert decide(*probabilities, Thresholds(draft=0.5, unsure=0.3)) == expected


def test_indirect_rejections_count_less_in_the_label_model() -> None:
    from rejoinder.classifier.corpus.records import (
        INDIRECT_LABEL_WEIGHT,
        INDIRECT_REJECTIONS,
        load_corpus,
    )
    from rejoinder.classifier.training import examples_from_records

    records = load_corpus()
    indirect = next(r for r in records if r.category in INDIRECT_REJECTIONS)
    plain = next(r for r in records if r.category == "rejection_plain")
    examples = examples_from_records([indirect, plain])
    assert [e.label_weight for e in examples] == [INDIRECT_LABEL_WEIGHT, 1.0]
    assert 0 < INDIRECT_LABEL_WEIGHT < 1


def _kiwi_fitted(label_weight: float = 1.0) -> tuple[float, float]:
    """P(rejection) and P(interview) of "beta kiwi" from models fitted on a toy set in
    which "beta kiwi" is an interview-stage rejection of the given label weight."""
    from rejoinder.classifier.training import TrainingExample, fit_bundle

    def many(text: str, label: str, stage: str | None, **marks: Any) -> list[TrainingExample]:
        return [TrainingExample(f"{text} n{i}", label, stage, **marks) for i in range(12)]

    examples = [
        *many("alpha apple", "rejection", "application"),
        *many("alpha pear", "rejection", "interview"),
        *many("beta plum", "not_rejection", None),
        *many("gamma fig", "position_closed", None),
        *many("beta kiwi", "rejection", "interview", label_weight=label_weight),
    ]
    bundle = fit_bundle(examples, seed=7)
    label_proba, p_interview = bundle.predict(["beta kiwi"])
    rejection = list(bundle.labels).index(Label.REJECTION.value)
    return float(label_proba[0][rejection]), float(p_interview[0])


def test_a_label_weight_scales_an_example_in_the_label_model_only() -> None:
    light, full = _kiwi_fitted(label_weight=0.1), _kiwi_fitted()
    assert light[0] < full[0]  # counted for less in the rejection decision
    assert light[1] == pytest.approx(full[1])  # the stage model is not weighted


def test_an_example_of_weight_zero_does_not_reach_the_label_model() -> None:
    p_rejection, p_interview = _kiwi_fitted(label_weight=0.0)
    assert p_rejection < 0.5  # the label model never saw "beta kiwi" as a rejection
    assert p_interview > 0.5  # the stage model did learn from it
    assert _kiwi_fitted()[0] > 0.5  # ...which the label model would otherwise
