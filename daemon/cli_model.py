"""``rejoinder model``, ``model reset`` and ``label``: which model is used, and teaching it.

Thin: the work is in ``rejoinder.classifier.personal``; scikit-learn is only
imported by the commands that train.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from rejoinder.daemon import paths
from rejoinder.daemon.cli import friendly_errors

if TYPE_CHECKING:
    from rejoinder.classifier.personal import ActiveModel
    from rejoinder.daemon.journal import Journal

MESSAGE_FILES = click.Path(exists=True, dir_okay=False, path_type=Path)


def open_journal() -> Journal:
    from rejoinder.daemon.journal import Journal

    return Journal.open(paths.journal_file())


# --------------------------------------------------------------------- model


@click.group(invoke_without_command=True)
@click.option("--json", "as_json", is_flag=True, help="Print the description as one JSON object.")
@click.pass_context
@friendly_errors
def model(ctx: click.Context, as_json: bool) -> None:
    """Show which classifier model is used: shipped, retrained or personal.

    Also shows where it is, its version, when and on which corpus it was
    trained, its figures on the corpus's held-out split, and how many of your
    corrections it learnt from (and how many came in since).

    \b
    Examples:
      rejoinder model
      rejoinder model --json | jq .metrics
      rejoinder model reset          # back to the shipped model
    """
    if ctx.invoked_subcommand is not None:
        return
    from rejoinder.classifier.personal import active_model

    with open_journal() as db:
        description = describe(active_model(), db)
    if as_json:
        click.echo(json.dumps(description, ensure_ascii=False))
        return
    click.echo("\n".join(describe_lines(description)))


def describe(active: ActiveModel, db: Journal) -> dict[str, Any]:
    """What ``rejoinder model`` reports, as JSON-ready values."""
    from rejoinder.classifier.corpus.records import corpus_sha256
    from rejoinder.classifier.personal import new_corrections, training_state

    meta = active.metadata
    metrics = meta.metrics if meta else {}
    return {
        "kind": meta.kind if meta else None,
        "directory": str(active.directory),
        "version": meta.model_version if meta else None,
        "trained_at": meta.trained_at if meta else None,
        "corpus_sha256": meta.corpus_sha256 if meta else None,
        "corpus_is_current": meta is not None and meta.corpus_sha256 == corpus_sha256(),
        "sklearn_version": meta.sklearn_version if meta else None,
        "problem": active.problem,
        "user_model_ignored": active.user_model_ignored,
        "metrics": metrics.get("corpus_test_split"),
        "n_personal": (metrics.get("personal") or {}).get("n_personal", 0),
        "corrections": len(db.corrections()),
        "new_corrections": new_corrections(db),
        "last_personal_training": training_state(db) or None,
    }


def describe_lines(d: dict[str, Any]) -> list[str]:
    lines = [f"model:        {d['kind'] or 'none'} {d['version'] or ''}".rstrip()]
    lines.append(f"directory:    {d['directory']}")
    if d["trained_at"]:
        lines.append(f"trained at:   {d['trained_at']} (scikit-learn {d['sklearn_version']})")
    if d["corpus_sha256"]:
        note = "the installed corpus" if d["corpus_is_current"] else "an older corpus"
        lines.append(f"corpus:       {d['corpus_sha256'][:12]} ({note})")
    if d["problem"]:
        lines.append(f"note:         cannot be used as is ({d['problem']}); retrained on first use")
    if d["user_model_ignored"]:
        lines.append(f"note:         your own model is ignored: {d['user_model_ignored']}")
    m = d["metrics"]
    if m:
        lines.append(
            f"held-out:     precision {m['precision']:.3f}, recall {m['recall']:.3f}, "
            f"F1 {m['f1']:.3f}, stage accuracy {m.get('stage_accuracy')}"
        )
    lines.append(
        f"personal:     learnt from {d['n_personal']} correction(s); {d['corrections']} in the "
        f"journal, {d['new_corrections']} new since the last personal training"
    )
    last = d["last_personal_training"]
    if last:
        outcome = "adopted" if last.get("adopted") else "not adopted"
        lines.append(f"last tried:   {last.get('attempted_at')}: {outcome} ({last.get('reason')})")
    return lines


@model.command()
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@friendly_errors
def reset(yes: bool) -> None:
    """Remove your personal (or retrained) model, so the shipped one is used again.

    Your corrections stay in the journal: 'rejoinder train --personal' can
    learn from them again at any time.

    \b
    Examples:
      rejoinder model reset
      rejoinder model reset --yes
    """
    from rejoinder.classifier.classify import user_model_dir
    from rejoinder.classifier.model import read_metadata
    from rejoinder.classifier.personal import reset_user_model

    target = user_model_dir()
    if not target.exists():
        click.echo("The shipped model is already in use: there is no model to remove.")
        return
    meta = read_metadata(target)
    kind = meta.kind if meta else "unreadable"
    if not yes:
        click.confirm(f"Remove the {kind} model in {target}?", abort=True)
    reset_user_model()
    click.echo(f"Removed the {kind} model; the shipped model is used from now on.")


# --------------------------------------------------------------------- label


@click.command()
@click.argument("files", metavar="FILE.eml...", nargs=-1, required=True, type=MESSAGE_FILES)
@click.option(
    "--rejection/--not-rejection",
    "is_rejection",
    default=None,
    help="What the messages are: a job-application rejection, or not one.",
)
@click.option(
    "--stage",
    type=click.Choice(["application", "interview"]),
    default=None,
    help="For --rejection: after the application or after an interview.",
)
@friendly_errors
def label(files: tuple[Path, ...], is_rejection: bool | None, stage: str | None) -> None:
    """Teach Rejoinder what a message is, for your personal model.

    Keeps the subject and the sender's own words (no headers, quoted history or
    signature) in the journal as a training example; the message file itself is
    not copied. 'rejoinder train --personal' (or the daemon, after five new
    examples) learns from them.

    \b
    Examples:
      rejoinder label --rejection ~/Mail/INBOX/cur/1767863520.M1P1.host:2,S
      rejoinder label --rejection --stage interview reply-from-acme.eml
      rejoinder label --not-rejection newsletter-*.eml
    """
    from rejoinder.classifier.personal import DEFAULT_MIN_NEW, labelled_text, new_corrections
    from rejoinder.daemon.errors import InputError

    if is_rejection is None:
        raise click.UsageError("say what the messages are: --rejection or --not-rejection")
    if stage is not None and not is_rejection:
        raise click.UsageError("--stage only goes with --rejection")
    name = "rejection" if is_rejection else "not_rejection"
    with open_journal() as db:
        for path in files:
            try:
                raw = path.read_bytes()
            except OSError as exc:
                raise InputError(f"cannot read {path} ({exc})", "check the path") from exc
            kept = db.add_correction(
                name, stage, labelled_text(raw, str(path)), when=datetime.now(UTC)
            )
            verb = "kept as" if kept else "already kept as"
            click.echo(f"{path}: {verb} {name.replace('_', ' ')}{f' ({stage})' if stage else ''}")
        pending = new_corrections(db)
    click.echo(f"{pending} example(s) not learnt from yet.")
    if pending >= DEFAULT_MIN_NEW:
        click.echo("Run 'rejoinder train --personal' to learn from them now.")


# --------------------------------------------------------------------- train --personal


def train_personal(seed: int | None) -> None:
    """``rejoinder train --personal`` (the option lives on ``train`` in cli.py)."""
    from rejoinder.classifier.personal import retrain

    click.echo("Training on the bundled corpus and your corrections… (a minute or so)")
    with open_journal() as db:
        result = retrain(db, datetime.now(UTC), seed=seed)
    click.echo("\n".join(result.lines()))
