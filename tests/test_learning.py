"""Learning from the mail client against a real Dovecot: the two learning folders, and the
daemon retraining its model between passes (daemon/learning.py).

One story trains once (module-scoped): the user's rejections come in Finnish (with the
English job title), a language the corpus does not have, so the model misses them; and
as a hiring manager the user gets copies of rejections sent to candidates, which the
model takes for their own. The user moves five of each into the learning folders; the
daemon records them, drafts replies to the missed ones, retrains, and from then on
drafts for the next Finnish rejection and leaves the next copy alone.

The current model is one fitted on the installed corpus (what ``rejoinder train``
builds) unless the shipped one was built from it: the comparison must not depend on
whether the shipped model file is up to date.
"""

from __future__ import annotations

import re
import threading
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path
from typing import Any

import pytest
from dovecot import DovecotServer, ImapUser, new_user
from test_daemon import account, draft_refs, drafts_of
from test_daemon_mail import USER_FROM, message_id, rejection

from rejoinder.classifier import personal
from rejoinder.classifier.classify import Classifier, Thresholds
from rejoinder.classifier.corpus.records import corpus_sha256
from rejoinder.classifier.features import has_job_context
from rejoinder.classifier.message import ParsedMessage, parse_message
from rejoinder.classifier.model import (
    LoadedModel,
    incompatibility,
    installed_sklearn,
    read_metadata,
    shipped_model_dir,
)
from rejoinder.classifier.result import Stage, Verdict
from rejoinder.daemon import learning, paths
from rejoinder.daemon.config import AccountConfig, Config, DaemonConfig
from rejoinder.daemon.imap import FolderInfo
from rejoinder.daemon.journal import EntryRecord, Journal, JournalEntry
from rejoinder.daemon.learning import LearningFolders, Retrain, server_folder_name
from rejoinder.daemon.passtasks import PassContext
from rejoinder.daemon.pipeline import draft_ref
from rejoinder.daemon.watcher import Daemon, PassStats

imap = pytest.mark.imap
MISSED = "Rejoinder/Missed rejections"
NOT_REJECTIONS = "Rejoinder/Not rejections"


def eml(subject: str, body: str, sender: str, when: datetime | None = None) -> bytes:
    msg = EmailMessage()
    msg["From"] = sender
    msg["To"] = USER_FROM
    msg["Subject"] = subject
    msg["Date"] = format_datetime(when or datetime.now(UTC) - timedelta(hours=1))
    msg["Message-ID"] = f"<{zlib.crc32(subject.encode())}@learning.example>"
    msg.set_content(body)
    return bytes(msg)


# Rejections in Finnish: a language the corpus does not have. Each names the job in
# English, as international companies do (and the classifier's job-context rule needs).
# The few English words can still sway the model, and the corpus is rebuilt from time to
# time: the story uses the ones the current model misses (see ``pick``).
FINNISH = [
    ("Hakemuksesi: Data Analyst position", "Hei Sam,\n\nKiitos hakemuksestasi Data Analyst -tehtävään. Saimme paljon hyviä hakemuksia, ja valitettavasti valinta ei tällä kertaa kohdistunut sinuun. Toivotamme sinulle onnea työnhakuun.\n\nYstävällisin terveisin,\nLiisa Virtanen\nRekrytointi, Kaamos Oy"),
    ("Backend Engineer role -rekrytointi", "Hei Sam,\n\nKiitos kiinnostuksestasi Backend Engineer -paikkaa kohtaan. Olemme nyt tehneet valinnan, emmekä valitettavasti voi jatkaa kanssasi prosessissa. Kiitos ajastasi ja menestystä jatkoon.\n\nTerveisin,\nMikko Laine\nRevontuli Solutions"),
    ("Product Designer role - päätös", "Hyvä Sam,\n\nKiitämme sinua hakemuksestasi. Tehtävään valittiin toinen hakija, joten et valitettavasti edennyt haastatteluvaiheeseen. Toivomme sinulle kaikkea hyvää.\n\nParhain terveisin,\nAnna Korhonen\nHelmi Design"),
    ("Operations Coordinator position - hakemuksesi tilanne", "Hei Sam,\n\nKiitos, että hait meille Operations Coordinator -tehtävään. Päätimme valitettavasti edetä muiden hakijoiden kanssa. Onnea jatkoon!\n\nTerveisin,\nJussi Nieminen\nTaiga Logistiikka"),
    ("Marketing Associate application", "Hei Sam,\n\nKiitos hakemuksestasi. Harkitsimme sitä huolellisesti, mutta valitettavasti emme voi tarjota sinulle paikkaa tällä kertaa. Toivotamme onnea työnhakuun.\n\nYstävällisesti,\nSanna Mäkinen\nPohjoistuuli Media"),
    ("Site Reliability Engineer position", "Hei Sam,\n\nKiitos kiinnostuksestasi. Olemme täyttäneet tehtävän toisella hakijalla, joten hakemuksesi ei valitettavasti edennyt. Kiitos ajastasi.\n\nTerveisin,\nVille Heikkinen\nSavotta Cloud"),
    ("Hakemuksesi: Customer Success Manager role", "Hei Sam,\n\nKiitos hakemuksestasi ja kiinnostuksestasi yritystämme kohtaan. Valitettavasti valitsimme tehtävään toisen henkilön. Menestystä työnhakuun!\n\nTerveisin,\nElina Lehtonen\nKuura Software"),
    ("Kesätyöpaikka: Junior Developer role", "Hei Sam,\n\nKiitos mielenkiinnostasi kesätyöpaikkaamme kohtaan. Hakijoita oli tänä vuonna ennätysmäärä, ja valitettavasti emme voi tarjota sinulle paikkaa. Toivotamme aurinkoista kesää!\n\nTerveisin,\nHenna Salo\nLumo Games"),
    ("QA Engineer job -haku", "Moi Sam,\n\nKiitos hakemuksestasi QA Engineer -tehtävään. Kävimme hakemukset läpi ja päätimme jatkaa muiden kandidaattien kanssa. Kiitos ajastasi ja onnea jatkoon!\n\nTerveisin,\nPekka Järvinen\nKallio Tech"),
    ("Tilannepäivitys: Account Manager role", "Hei Sam,\n\nHalusimme kertoa, että Account Manager -tehtävä on nyt täytetty. Hakemuksesi ei tällä kertaa johtanut jatkoon. Kiitämme kiinnostuksestasi.\n\nYstävällisin terveisin,\nMaria Hämäläinen\nNorppa Kauppa"),
    ("Graphic Designer role: hakemuksesi", "Hei Sam,\n\nKiitos, että olit kiinnostunut paikasta. Valinta on nyt tehty, ja valitettavasti se ei kohdistunut sinuun. Toivotamme sinulle menestystä.\n\nTerveisin,\nOlli Koskinen\nRuska Studio"),
    ("Project Coordinator job - kiitos hakemuksesta", "Hei Sam,\n\nKiitos hakemuksestasi. Valitsimme tehtävään henkilön, jonka kokemus vastasi tarpeitamme paremmin. Onnea työnhakuun!\n\nTerveisin,\nTiina Rantanen\nVirta Projects"),
]  # fmt: skip

# What an applicant tracker sends the hiring manager after rejecting a candidate; the
# story uses the ones the current model takes for rejections of the user as misfires.
CANDIDATES = [
    ("Ana Lima", "Data Analyst", "Thank you for applying for the Data Analyst role. We are sorry to say your application goes no further this time."),
    ("Ravi Patel", "Backend Engineer", "Thank you for interviewing with our team. After careful consideration we have decided to proceed with other candidates."),
    ("Mia Wong", "UX Researcher", "We appreciate your interest in the position. Regrettably, we have chosen to pursue other applicants."),
    ("Leo Brandt", "Site Reliability Engineer", "Thanks for applying. After review, your application will not be progressed further."),
    ("Zoe Adams", "Sales Lead", "Thank you for meeting us. We won't be moving you to the next round, but we wish you all the best."),
    ("Kai Nakamura", "Product Manager", "Unfortunately we will not be offering you the position. We enjoyed learning about your background."),
    ("Eva Rossi", "Copywriter", "After reviewing your portfolio, we have decided not to continue with your candidacy for this role."),
]  # fmt: skip


def finnish(n: int) -> bytes:
    return eml(*FINNISH[n], "Rekrytointi <rekry@kaamos.example>")


def copy(n: int) -> bytes:
    candidate, role, text = CANDIDATES[n]
    body = (
        f"Heads-up: the message below went out to {candidate} ({role}) on your behalf from "
        f"the hiring pipeline.\n\n---\n\nDear {candidate.split()[0]},\n\n{text}\n\nKind "
        "regards,\nHarbourview Recruiting\n\n---\n\nYou receive this notice as the hiring "
        "manager on this requisition. No action is needed."
    )
    return eml(
        f"Notice: decision sent to {candidate} - {role}",
        body,
        "Harbourview Hiring <hiring@harbourview.example>",
    )


def parsed(raw: bytes) -> ParsedMessage:
    msg = parse_message(raw)
    assert isinstance(msg, ParsedMessage)
    return msg


def verdicts(classifier: Any, messages: list[bytes]) -> list[str]:
    return [c.verdict.value for c in classifier.classify_many([parsed(m) for m in messages])]


def current_model() -> Classifier:
    """The shipped model when it was built from the installed corpus, else one fitted on
    it as 'rejoinder train' would."""
    shipped = read_metadata(shipped_model_dir())
    assert shipped is not None
    if shipped.corpus_sha256 == corpus_sha256() and incompatibility(shipped) is None:
        from rejoinder.classifier.classify import load_classifier

        return load_classifier(model_dir=shipped_model_dir())
    from rejoinder.classifier.training import SEED, fit_bundle

    meta = replace(
        shipped,
        kind="retrained",
        corpus_sha256=corpus_sha256(),
        sklearn_version=installed_sklearn(),
        metrics={},
    )
    return Classifier(LoadedModel(fit_bundle(list(personal.corpus_splits().train), SEED), meta, ""))


def folder_names(user: ImapUser, command: str) -> set[str]:
    """Folder names from LIST or LSUB, through an independent client."""
    with user.server.client(user.name) as client:
        typ, data = client.list() if command == "LIST" else client.lsub()
    assert typ == "OK", data
    names = set()
    for line in data:
        assert isinstance(line, bytes)
        match = re.search(rb'"([^"]*)"$', line) or re.search(rb" (\S+)$", line)
        assert match is not None, line
        names.add(match.group(1).decode())
    return names


def learning_account(user: ImapUser, **overrides: Any) -> AccountConfig:
    return replace(account(user), learn_folders=True, **overrides)


def daemon_with(accounts: tuple[AccountConfig, ...], classifier: Any) -> Daemon:
    config = Config(path=None, accounts=accounts, daemon=DaemonConfig())
    return Daemon(config=config, classifier=classifier, journal_path=paths.journal_file())


def once(daemon: Daemon) -> PassStats:
    result = daemon.run_once()["work"]
    assert isinstance(result, PassStats), result
    return result


# ------------------------------------------------------------------ the story


@dataclass
class Picked:
    """Messages the current model gets wrong: five to correct and two it never sees."""

    rejections: list[bytes]  # missed: not taken for rejections
    copies: list[bytes]  # the first and the last two are misfires: taken for rejections

    @property
    def unseen(self) -> list[bytes]:
        return [*self.rejections[5:7], *self.copies[5:7]]


def pick(current: Classifier) -> Picked:
    rejections = [finnish(n) for n in range(len(FINNISH))]
    # Without an (English) job word no model may call it a rejection: no use as an example.
    assert all(has_job_context(parsed(raw)) for raw in rejections)
    missed = [
        raw for raw, v in zip(rejections, verdicts(current, rejections), strict=True)
        if v == Verdict.NOT_REJECTION
    ]  # fmt: skip
    assert len(missed) >= 7, "the model now reads Finnish rejections: pick another family"
    copies = [copy(n) for n in range(len(CANDIDATES))]
    found = verdicts(current, copies)
    misfires = [raw for raw, v in zip(copies, found, strict=True) if v == Verdict.REJECTION]
    assert len(misfires) >= 3, "the model no longer takes these copies for rejections"
    others = [raw for raw in copies if raw not in (misfires[0], *misfires[-2:])]
    return Picked(missed[:7], [misfires[0], *others[:4], *misfires[-2:]])


@dataclass
class Story:
    user: ImapUser
    picked: Picked
    created: set[str]
    subscribed: set[str]
    first: PassStats
    flags_before: dict[str, dict[int, frozenset[str]]]
    flags_after: dict[str, dict[int, frozenset[str]]]
    refs_after_two: list[str]
    entries_after_two: list[JournalEntry]
    corrections_after_two: list[tuple[str, str | None, str, int | None]]
    state_after_two: dict[str, Any]
    refs_after_again: list[str]
    corrections_after_again: int
    results: list[personal.RetrainResult]
    state_after_training: dict[str, Any]
    kind_after: str
    entries_after_training: list[JournalEntry]
    refs_after_training: list[str]
    last: PassStats
    refs_after_new_mail: list[str]
    processed: dict[str, str | None] = field(default_factory=dict)


def snapshot_flags(user: ImapUser) -> dict[str, dict[int, frozenset[str]]]:
    return {folder: user.flags(folder) for folder in ("INBOX", MISSED, NOT_REJECTIONS)}


@pytest.fixture(scope="module")
def story(
    dovecot_server: DovecotServer, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Story]:
    home = tmp_path_factory.mktemp("home")
    with pytest.MonkeyPatch.context() as mp:
        for name in ("XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME"):
            (home / name).mkdir()
            mp.setenv(name, str(home / name))
        results: list[personal.RetrainResult] = []
        real = personal.maybe_retrain

        def spy(*args: Any, **kwargs: Any) -> personal.RetrainResult | None:
            result = real(*args, **kwargs)
            if result is not None:
                results.append(result)
            return result

        mp.setattr(personal, "maybe_retrain", spy)
        if not dovecot_server.running:
            dovecot_server.start()
        user = new_user(dovecot_server)
        current = current_model()
        picked = pick(current)
        fin, cop = picked.rejections, picked.copies
        daemon = daemon_with((learning_account(user),), current)

        # A Finnish rejection and a copy arrive; the model gets both wrong.
        user.deliver(fin[0])
        user.deliver(cop[0])
        user.deliver(rejection(1))
        first = once(daemon)
        created, subscribed = folder_names(user, "LIST"), folder_names(user, "LSUB")

        # The user copies the first into the missed folder, the second into the other.
        user.append(fin[0], folder=MISSED, flags=["\\Seen", "\\Flagged"])
        user.append(cop[0], folder=NOT_REJECTIONS, flags=["\\Seen"])
        flags_before = snapshot_flags(user)
        once(daemon)
        flags_after = snapshot_flags(user)
        with Journal.open(paths.journal_file()) as db:
            entries_two = db.entries()
            corrections_two = [(c.label, c.stage, c.text, c.entry_id) for c in db.corrections()]
            state_two = personal.training_state(db)
        refs_two = draft_refs(user)

        # Nothing new: nothing happens again.
        once(daemon)
        refs_again = draft_refs(user)
        with Journal.open(paths.journal_file()) as db:
            corrections_again = len(db.corrections())

        # Four more of each, never in the inbox: ten corrections, and the daemon retrains.
        for n in range(1, 5):
            user.append(fin[n], folder=MISSED)
            user.append(cop[n], folder=NOT_REJECTIONS)
        once(daemon)
        with Journal.open(paths.journal_file()) as db:
            state_training = personal.training_state(db)
            entries_training = db.entries()
        kind = daemon.classifier.model.metadata.kind  # type: ignore[attr-defined]
        refs_training = draft_refs(user)

        # New mail of both kinds, and an ordinary rejection.
        for raw in (*picked.unseen, rejection(2)):
            user.deliver(raw)
        last = once(daemon)
        refs_new = draft_refs(user)
        with Journal.open(paths.journal_file()) as db:
            processed = {
                name: db.processed_verdict("work", message_id(raw))
                for name, raw in (("missed", fin[0]), ("copy", cop[1]))
            }
        yield Story(
            user, picked, created, subscribed, first, flags_before, flags_after, refs_two,
            entries_two, corrections_two, state_two, refs_again, corrections_again, results,
            state_training, kind, entries_training, refs_training, last, refs_new, processed,
        )  # fmt: skip


def entry_of(entries: list[JournalEntry], raw: bytes) -> JournalEntry:
    found = [e for e in entries if e.message_key == message_id(raw)]
    assert len(found) == 1, [e.subject for e in entries]
    return found[0]


@imap
def test_the_first_pass_drafts_for_the_misfire_but_not_the_missed_one(story: Story) -> None:
    assert story.first.drafts == 2  # the copy and the ordinary rejection


@imap
def test_the_learning_folders_are_created_and_subscribed(story: Story) -> None:
    assert {MISSED, NOT_REJECTIONS} <= story.created
    assert {MISSED, NOT_REJECTIONS} <= story.subscribed


@imap
def test_a_missed_rejection_gets_an_entry_a_draft_and_becomes_an_example(story: Story) -> None:
    missed = story.picked.rejections[0]
    entry = entry_of(story.entries_after_two, missed)
    assert entry.verdict == "rejection"
    assert entry.counts_as_rejection
    assert entry.draft_status == "created"
    assert entry.folder == MISSED
    # Processed from INBOX as not a rejection first: the same identity, now a rejection.
    assert story.processed["missed"] == "rejection"
    ref = draft_ref("work", message_id(missed))
    assert story.refs_after_two.count(ref) == 1
    drafted = {msg["X-Rejoinder-Ref"]: msg for _, msg in drafts_of(story.user)}
    assert drafted[ref]["In-Reply-To"] == message_id(missed)
    label, stage, text, entry_id = story.corrections_after_two[0]
    assert (label, stage, entry_id) == ("rejection", None, entry.id)
    assert text == personal.labelled_text(missed)  # the subject and words, no headers
    assert "rekry@kaamos.example" not in text


@imap
def test_learning_changes_no_flags_anywhere(story: Story) -> None:
    assert story.flags_after == story.flags_before
    (flags,) = story.flags_before[MISSED].values()
    assert {"\\Seen", "\\Flagged"} <= flags


@imap
def test_a_misfire_in_the_not_rejection_folder_leaves_the_statistics_and_keeps_its_draft(
    story: Story,
) -> None:
    misfire = story.picked.copies[0]
    entry = entry_of(story.entries_after_two, misfire)
    assert entry.not_rejection
    assert not entry.counts_as_rejection
    assert draft_ref("work", message_id(misfire)) in story.refs_after_two  # the user's to delete
    label, stage, text, entry_id = story.corrections_after_two[1]
    assert (label, stage, entry_id) == ("not_rejection", None, entry.id)
    assert text == personal.labelled_text(misfire)
    # One never seen in a watched folder is remembered as not a rejection.
    assert story.processed["copy"] == "not_rejection"


@imap
def test_learning_happens_once(story: Story) -> None:
    assert sorted(story.refs_after_again) == sorted(story.refs_after_two)
    assert story.corrections_after_again == 2
    assert len(story.refs_after_training) == len(set(story.refs_after_training))


@imap
def test_retraining_waits_for_five_new_corrections(story: Story) -> None:
    assert story.state_after_two == {}  # two corrections: no training
    assert len(story.results) == 1  # ten: one training
    state = story.state_after_training
    assert state["adopted"] is True, story.results[0].lines()
    assert state["n_personal"] == 10
    assert story.kind_after == "personal"


@imap
def test_the_personal_model_keeps_its_held_out_scores(story: Story) -> None:
    result = story.results[0]
    print("\n".join(result.lines()))
    assert result.adopted
    assert personal.held_out_problem(result.current_score, result.candidate_score) is None
    assert result.candidate_score.f1 >= result.current_score.f1 - personal.F1_TOLERANCE
    cross = result.cross_check
    assert cross is not None
    assert cross.personal_right > cross.current_right


@imap
def test_after_retraining_new_mail_of_both_kinds_is_handled_right(story: Story) -> None:
    fin = story.picked.rejections
    new = set(story.refs_after_new_mail) - set(story.refs_after_training)
    assert new == {draft_ref("work", message_id(raw)) for raw in (fin[5], fin[6], rejection(2))}
    assert story.last.drafts == 3  # and none for the two new copies
    missed = [entry_of(story.entries_after_training, fin[n]) for n in range(5)]
    assert {e.draft_status for e in missed} == {"created"}


# ------------------------------------------------------------------ no training needed


@imap
def test_a_dry_run_creates_no_folders(imap_user: ImapUser, classifier: Classifier) -> None:
    daemon = daemon_with((learning_account(imap_user),), classifier)
    assert isinstance(daemon.run_once(dry_run=True)["work"], PassStats)
    assert MISSED not in folder_names(imap_user, "LIST")


@imap
def test_an_existing_folder_is_used_and_a_recreated_one_repeats_nothing(
    imap_user: ImapUser, classifier: Classifier
) -> None:
    imap_user.create_folder("Learn/Missed")
    sixty_days_ago = datetime.now(UTC) - timedelta(days=60)
    old = eml(*FINNISH[0], "Rekrytointi <rekry@kaamos.example>", sixty_days_ago)
    imap_user.append(finnish(1), folder="Learn/Missed")
    imap_user.append(old, folder="Learn/Missed")
    daemon = daemon_with(
        (learning_account(imap_user, missed_folder="Learn/Missed", not_rejection_folder="No"),),
        classifier,
    )
    once(daemon)
    assert draft_refs(imap_user) == [draft_ref("work", message_id(finnish(1)))]
    with Journal.open(paths.journal_file()) as db:
        statuses = {e.message_key: e.draft_status for e in db.entries()}
        corrections = len(db.corrections())
        cursor = db.cursor("work", "Learn/Missed")
    # Older than the drafting window: journalled, not drafted.
    assert statuses == {message_id(finnish(1)): "created", message_id(old): "backfill"}
    assert corrections == 2
    assert "No" in folder_names(imap_user, "LIST")

    # Another client deletes and recreates the folder with the same messages in it.
    imap_user.delete_folder("Learn/Missed")
    imap_user.create_folder("Learn/Missed")
    imap_user.append(finnish(1), folder="Learn/Missed")
    once(daemon)
    assert draft_refs(imap_user) == [draft_ref("work", message_id(finnish(1)))]
    with Journal.open(paths.journal_file()) as db:
        assert len(db.corrections()) == corrections
        assert len(db.entries()) == 2
        new_cursor = db.cursor("work", "Learn/Missed")
    assert cursor is not None
    assert new_cursor is not None
    assert new_cursor[0] != cursor[0]


# ------------------------------------------------------------------ folder names


def listing(*names: str, delimiter: str | None = "/") -> list[FolderInfo]:
    return [FolderInfo(name, frozenset({"\\HasNoChildren"}), delimiter) for name in names]


@pytest.mark.parametrize(
    ("namespace", "folders", "expected"),
    [
        (("", "/"), listing("INBOX"), "Rejoinder/Missed rejections"),
        (("", "."), listing("INBOX", delimiter="."), "Rejoinder.Missed rejections"),
        (("INBOX.", "."), listing("INBOX", delimiter="."), "INBOX.Rejoinder.Missed rejections"),
        (None, listing("INBOX", "INBOX.Sent", delimiter="."), "Rejoinder.Missed rejections"),
        (None, listing("INBOX", delimiter=None), "Rejoinder/Missed rejections"),  # flat
    ],
)
def test_folder_names_follow_the_servers_delimiter_and_namespace(
    namespace: tuple[str, str | None] | None, folders: list[FolderInfo], expected: str
) -> None:
    assert server_folder_name(MISSED, namespace, folders) == expected


def test_a_name_already_below_the_prefix_is_not_prefixed_twice() -> None:
    folders = listing("INBOX", delimiter=".")
    assert server_folder_name("INBOX/Learn", ("INBOX.", "."), folders) == "INBOX.Learn"


class FakeSession:
    def __init__(self, folders: list[FolderInfo], namespace: tuple[str, str | None]) -> None:
        self.listed = folders
        self.namespace = namespace
        self.created: list[str] = []

    def list_folders(self) -> list[FolderInfo]:
        return self.listed

    def personal_namespace(self) -> tuple[str, str | None]:
        return self.namespace

    def create_folder(self, name: str) -> None:
        self.created.append(name)


def test_only_missing_folders_are_created_under_the_servers_names() -> None:
    session = FakeSession(
        listing("INBOX", "INBOX.Rejoinder.Not rejections", delimiter="."), ("INBOX.", ".")
    )
    context: Any = type("Context", (), {"account": learning_account_config(), "session": session})
    found = LearningFolders().folders(context)
    assert session.created == ["INBOX.Rejoinder.Missed rejections"]
    assert found == [
        ("INBOX.Rejoinder.Missed rejections", "rejection"),
        ("INBOX.Rejoinder.Not rejections", "not_rejection"),
    ]
    # A folder that exists under the name exactly as configured is used as it is.
    session = FakeSession(listing("INBOX", MISSED, NOT_REJECTIONS, delimiter="."), ("", "."))
    context.session = session
    assert [name for name, _ in LearningFolders().folders(context)] == [MISSED, NOT_REJECTIONS]
    assert session.created == []


def learning_account_config() -> AccountConfig:
    return AccountConfig(
        name="work", host="imap.example.com", username="sam@home.example", learn_folders=True
    )


# ------------------------------------------------------------------ the journal's part


def record(verdict: str = "unsure", **overrides: Any) -> EntryRecord:
    values: dict[str, Any] = dict(
        account="work", folder="INBOX", source_key="INBOX;v=1;uid=3", message_key="<m@x>",
        message_id="<m@x>", received_at=datetime(2026, 11, 1, tzinfo=UTC), sender="A <a@x>",
        subject="Role update", company="Acme", role=None, stage="interview", verdict=verdict,
        score=0.3, model_version="v1", draft_status="none",
    )  # fmt: skip
    values.update(overrides)
    return EntryRecord(**values)


def test_an_unsure_entry_becomes_a_counted_rejection_with_its_draft(tmp_path: Path) -> None:
    with Journal.open(tmp_path / "j.sqlite3") as db:
        db.record("work", "<m@x>", "INBOX;v=1;uid=3", "unsure", record())
        drafted = record(
            "rejection", folder=MISSED, source_key="missed;v=1;uid=1", role="Analyst",
            stage="application", score=0.3, draft_status="created", draft_ref="ref1",
            draft_message_id="<d@x>", draft_location="Drafts;v=1;uid=9",
        )  # fmt: skip
        entry_id, correction = db.learn_rejection(drafted, "Role update\n\nwords")
        again = db.learn_rejection(drafted, "Role update\n\nwords")
        entry = db.require_entry(entry_id)
        assert (entry.verdict, entry.not_rejection, entry.draft_status) == (
            "rejection", False, "created",
        )  # fmt: skip
        assert (entry.folder, entry.stage, entry.role) == ("INBOX", "interview", "Analyst")
        assert (entry.draft_ref, entry.draft_location) == ("ref1", "Drafts;v=1;uid=9")
        assert correction is not None
        assert again == (entry_id, None)  # the same example is kept once
        assert db.processed_verdict("work", "<m@x>") == "rejection"
        assert [c.entry_id for c in db.corrections()] == [entry_id]


# ------------------------------------------------------------------ retraining and the watchdog


def fake_context(tmp_path: Path, beat: Any, stop: threading.Event) -> tuple[PassContext, list[Any]]:
    adopted: list[Any] = []
    config = Config(path=None)
    journal = Journal.open(tmp_path / "j.sqlite3")
    for n in range(5):
        journal.add_correction("rejection", None, f"Subject {n}\n\nwords {n}")
    context = PassContext(
        account=learning_account_config(), config=config, journal=journal, session=None,  # type: ignore[arg-type]
        mailbox=None, pipeline=None, classifier=None, adopt_classifier=adopted.append,  # type: ignore[arg-type]
        clock=lambda: datetime.now(UTC), dry_run=False, stop=stop, beat=beat,
    )  # fmt: skip
    return context, adopted


def test_the_worker_beats_while_the_model_trains_and_one_trains_at_a_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    release = threading.Event()
    calls: list[int] = []
    beats: list[int] = []

    def slow_training(journal: Journal, now: datetime, **kwargs: Any) -> None:
        calls.append(kwargs["min_new"])
        # Another worker wanting to train meanwhile leaves it to this one.
        Retrain().run(other)
        assert release.wait(30), "no heartbeat came while training"

    def beat() -> None:
        beats.append(1)
        if len(beats) >= 3:
            release.set()

    monkeypatch.setattr(personal, "maybe_retrain", slow_training)
    context, adopted = fake_context(tmp_path, beat, threading.Event())
    other = replace(context, beat=lambda: None)
    Retrain().run(context)
    assert calls == [5]  # once: the other worker did not train too
    assert len(beats) >= 3
    assert adopted == []  # maybe_retrain adopted nothing
    context.journal.close()


def test_a_stop_request_does_not_wait_for_the_training(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    stop, release, finished = threading.Event(), threading.Event(), threading.Event()

    def long_training(*args: Any, **kwargs: Any) -> None:
        release.wait(30)
        finished.set()

    monkeypatch.setattr(personal, "maybe_retrain", long_training)
    context, _ = fake_context(tmp_path, stop.set, stop)
    Retrain().run(context)  # returns at the first heartbeat after the stop request
    assert not finished.is_set()
    release.set()
    # The training goes on in its thread, and lets the next one start only when done.
    assert learning._TRAINING.acquire(timeout=30)
    learning._TRAINING.release()
    context.journal.close()


def test_retraining_can_be_switched_off(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from rejoinder.daemon.config import ClassifierConfig

    calls: list[int] = []
    monkeypatch.setattr(personal, "maybe_retrain", lambda *a, **k: calls.append(k["min_new"]))
    context, _ = fake_context(tmp_path, lambda: None, threading.Event())
    off = Config(path=None, classifier=ClassifierConfig(retrain_after_corrections=0))
    Retrain().run(replace(context, config=off))
    Retrain().run(replace(context, dry_run=True))
    assert calls == []
    Retrain().run(context)  # five corrections wait: the default trains
    assert calls == [5]
    context.journal.close()


def test_the_stage_guess_comes_from_the_stage_model(classifier: Classifier) -> None:
    result = learning.as_rejection(classifier, parsed(finnish(2)))
    assert result.verdict is Verdict.REJECTION
    assert result.stage is not None
    strict = Classifier(classifier.model, Thresholds(draft=0.0, unsure=0.0))
    assert result.stage == (strict.classify(parsed(finnish(2))).stage or Stage.UNKNOWN)
    assert result.score == classifier.classify(parsed(finnish(2))).score


def test_the_users_word_overrides_the_envelope_rule(classifier: Classifier) -> None:
    # Rejection wording sent between colleagues: the classifier holds back (unsure, with
    # a note); put in "Missed rejections" it is a rejection, drafted with no such note.
    fixture = (
        Path(__file__).parent / "fixtures" / "classify" / "internal-note-about-a-candidate.eml"
    )
    message = parsed(fixture.read_bytes())
    held_back = classifier.classify(message)
    assert (held_back.verdict, held_back.note is not None) == (Verdict.UNSURE, True)
    result = learning.as_rejection(classifier, message)
    assert (result.verdict, result.note) == (Verdict.REJECTION, None)
