"""Saving and loading the model: the only module that touches joblib.

A model is two files side by side: ``rejoinder.joblib`` (the fitted
scikit-learn objects) and ``rejoinder.json`` (metadata: versions, the hash of
the training corpus, metrics). Pickles are only trustworthy with the
scikit-learn version that wrote them, so loading compares versions first.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import platform
import tempfile
from dataclasses import asdict, dataclass, field
from importlib import resources
from importlib.metadata import version
from pathlib import Path
from typing import Any

from rejoinder.daemon.errors import ModelError

log = logging.getLogger(__name__)

MODEL_FILE = "rejoinder.joblib"
METADATA_FILE = "rejoinder.json"
FORMAT = 1


@dataclass(frozen=True)
class ModelMetadata:
    format: int
    model_version: str  # short hash of the model file: what the journal records
    sklearn_version: str
    python_version: str
    corpus_sha256: str
    trained_at: str
    seed: int
    n_train: int
    n_test: int
    kind: str = "shipped"  # shipped / retrained / personal
    metrics: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def from_json(cls, text: str) -> ModelMetadata:
        data = json.loads(text)
        known = set(cls.__dataclass_fields__)
        return cls(**{k: v for k, v in data.items() if k in known})

    def to_json(self) -> str:
        return json.dumps(asdict(self), indent=2, sort_keys=True) + "\n"


@dataclass(frozen=True)
class LoadedModel:
    bundle: Any
    metadata: ModelMetadata
    directory: str


def installed_sklearn() -> str:
    return version("scikit-learn")


def shipped_model_dir() -> Path:
    return Path(str(resources.files("rejoinder.models")))


def incompatibility(metadata: ModelMetadata, corpus_sha256: str | None = None) -> str | None:
    """Why a model must not be used with this installation, or None when it is fine."""
    if metadata.format != FORMAT:
        return f"model format {metadata.format} is not {FORMAT}"
    if metadata.sklearn_version != installed_sklearn():
        return (
            f"it was built with scikit-learn {metadata.sklearn_version}, "
            f"but {installed_sklearn()} is installed"
        )
    if corpus_sha256 and metadata.corpus_sha256 != corpus_sha256:
        return "it was trained on a different version of the training corpus"
    return None


def read_metadata(directory: Path) -> ModelMetadata | None:
    try:
        return ModelMetadata.from_json((directory / METADATA_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError, TypeError):
        return None


def load_model(directory: Path) -> LoadedModel:
    """Load a model after checking it fits this installation (raises ModelError)."""
    metadata = read_metadata(directory)
    if metadata is None:
        raise ModelError(
            f"no usable model metadata in {directory}", "run 'rejoinder train' to build the model"
        )
    problem = incompatibility(metadata)
    if problem:
        raise ModelError(
            f"the model in {directory} cannot be used: {problem}", "run 'rejoinder train'"
        )
    import joblib  # deferred: importing joblib/scikit-learn costs ~0.5 s

    try:
        bundle = joblib.load(directory / MODEL_FILE)
    except Exception as exc:  # a corrupt pickle can raise nearly anything
        raise ModelError(
            f"the model file in {directory} is damaged ({type(exc).__name__})",
            "run 'rejoinder train'",
        ) from exc
    return LoadedModel(bundle=bundle, metadata=metadata, directory=str(directory))


def save_model(bundle: Any, metadata: ModelMetadata, directory: Path) -> ModelMetadata:
    """Write both files atomically; the metadata's model_version is the model file's hash."""
    import joblib

    directory.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=directory, suffix=".tmp", delete=False) as tmp:
        # Uncompressed: twice as fast to load (about 0.1 s) and still only about 1 MB.
        joblib.dump(bundle, tmp, compress=0)
        tmp_path = Path(tmp.name)
    digest = hashlib.sha256(tmp_path.read_bytes()).hexdigest()[:12]
    metadata = ModelMetadata(**{**asdict(metadata), "model_version": digest})
    os.replace(tmp_path, directory / MODEL_FILE)
    meta_tmp = directory / (METADATA_FILE + ".tmp")
    meta_tmp.write_text(metadata.to_json(), encoding="utf-8")
    os.replace(meta_tmp, directory / METADATA_FILE)
    log.info("saved model %s to %s", digest, directory)
    return metadata


def python_version() -> str:
    return platform.python_version()
