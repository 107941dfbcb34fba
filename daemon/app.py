"""What the CLI commands do, as plain functions over injected objects.

The CLI parses options and calls one function here; these functions build the
pipeline pieces and return values the CLI prints. Heavy imports (scikit-learn
via the classifier) happen inside functions so ``rejoinder --help`` stays fast.
"""

from __future__ import annotations

import logging
import shutil
import tempfile
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.utils import parseaddr
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rejoinder.classifier.message import ParseFailure, parse_message
from rejoinder.classifier.result import Verdict
from rejoinder.daemon import paths
from rejoinder.daemon.compose import DraftSettings, Identity
from rejoinder.daemon.config import AccountConfig, Config, DraftsConfig
from rejoinder.daemon.journal import Journal
from rejoinder.daemon.mailbox import open_local
from rejoinder.daemon.pipeline import DraftStatus, Outcome, Pipeline, Status
from rejoinder.daemon.templating import TemplateSet

if TYPE_CHECKING:
    from rejoinder.classifier.classify import Classifier

log = logging.getLogger(__name__)

LOCAL_ACCOUNT = "local"


def load_classifier_for(config: Config) -> Classifier:
    from rejoinder.classifier.classify import Thresholds, load_classifier

    thresholds = Thresholds(config.classifier.draft_threshold, config.classifier.unsure_threshold)
    return load_classifier(thresholds)


def draft_settings(config: Config) -> DraftSettings:
    d = config.drafts
    return DraftSettings(
        quote_original=d.quote_original,
        feedback_request=d.feedback_request,
        tone=d.tone,
        user_name=d.user_name,
        sign_off=d.sign_off,
        signature=d.signature,
    )


def identity_for(config: Config, account: AccountConfig | None = None) -> Identity:
    """The draft's From: the account's identity, else the user's name from [drafts]."""
    account = account or (config.accounts[0] if config.accounts else None)
    if account is not None:
        name, addr = parseaddr(account.from_ or account.username)
        if "@" in addr:
            return Identity(name or config.drafts.user_name or "", addr)
    return Identity(config.drafts.user_name or "", "")


def load_templates() -> TemplateSet:
    return TemplateSet.load(paths.user_templates_dir())


# ----------------------------------------------------------------- classify


def classify_rows(sources: Sequence[Path], classifier: Classifier) -> Iterator[dict[str, Any]]:
    """One dict per message, in the stable ``classify --json`` shape."""
    mailbox = open_local(sources, paths.default_drafts_dir())
    for item in mailbox.messages():
        parsed = parse_message(item.raw)
        if isinstance(parsed, ParseFailure):
            yield {"source": item.key, "error": f"unparseable message: {parsed.reason}"}
            continue
        result = classifier.classify(parsed)
        rejection = result.verdict is Verdict.REJECTION
        yield {
            "source": item.key,
            "message_id": parsed.message_id,
            "subject": parsed.subject,
            "is_rejection": rejection,
            "score": result.score,
            "stage": result.stage.value if rejection and result.stage else None,
            "company": result.extraction.company,
            "role": result.extraction.role,
            "contact_name": result.extraction.contact_name,
            "verdict": result.verdict.value,
            "label": result.label.value,
            "note": result.note,  # why the verdict is milder than the score says, or null
        }
    for problem in getattr(mailbox, "problems", []):
        yield {"source": str(problem), "error": "unreadable"}


# --------------------------------------------------------------------- scan


@dataclass
class ScanSummary:
    outcomes: list[Outcome] = field(default_factory=list)
    drafts_dir: Path | None = None
    journal_path: Path | None = None
    problems: list[str] = field(default_factory=list)

    @property
    def counts(self) -> Counter[str]:
        return Counter(o.status.value for o in self.outcomes)

    @property
    def drafts_written(self) -> list[Outcome]:
        written = (DraftStatus.CREATED, DraftStatus.NEEDS_RECIPIENT)
        return [o for o in self.outcomes if o.draft_status in written]


def scan(
    sources: Sequence[Path],
    *,
    config: Config,
    drafts_dir: Path,
    journal_path: Path,
    dry_run: bool = False,
    classifier: Classifier | None = None,
    draft_window_days: int | None = None,
    identity: Identity | None = None,
) -> ScanSummary:
    """The full pipeline over local mail; drafts become files in ``drafts_dir``."""
    mailbox = open_local(sources, drafts_dir)
    draft_after = None
    if draft_window_days is not None:
        draft_after = datetime.now(UTC) - timedelta(days=draft_window_days)
    with Journal.open(journal_path) as journal:
        pipeline = Pipeline(
            account=LOCAL_ACCOUNT,
            classifier=classifier or load_classifier_for(config),
            journal=journal,
            identity=identity or identity_for(config),
            settings=draft_settings(config),
            templates=load_templates(),
            dry_run=dry_run,
            draft_after=draft_after,
            follow_ups=False,
        )
        outcomes = list(pipeline.run(mailbox))
    problems = [str(p) for p in getattr(mailbox, "problems", [])]
    return ScanSummary(outcomes, drafts_dir, journal_path, problems)


# --------------------------------------------------------------------- demo


# The sample mailbox belongs to this invented job seeker.
DEMO_OWNER = Identity("Sam Rivera", "sam.rivera@mailbox.example")


def sample_mailbox() -> Path:
    return Path(str(resources.files("rejoinder.daemon.sample"))) / "inbox"


def demo(workdir: Path | None = None, config: Config | None = None) -> ScanSummary:
    """Scan the bundled sample mailbox into a scratch directory (no server, no config)."""
    root = workdir or Path(tempfile.mkdtemp(prefix="rejoinder-demo-"))
    inbox = root / "inbox"
    # Copy so the demo reads an ordinary writable Maildir, as a user's would be.
    shutil.copytree(sample_mailbox(), inbox, dirs_exist_ok=True)
    demo_config = config or Config(path=None, drafts=DraftsConfig(user_name=DEMO_OWNER.name))
    return scan(
        [inbox],
        config=demo_config,
        drafts_dir=root / "drafts",
        journal_path=root / "journal.sqlite3",
        identity=DEMO_OWNER,
    )


def processed_counts(outcomes: Sequence[Outcome]) -> dict[str, int]:
    order = [s.value for s in Status]
    counts = Counter(o.status.value for o in outcomes)
    return {k: counts[k] for k in order if counts[k]}
