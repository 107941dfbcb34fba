"""The ``rejoinder`` command line. Thin: parse options, build objects, call one
function from ``rejoinder.daemon.app`` (or the daemon), print, map errors.

Nothing heavy is imported at module level: ``rejoinder --help`` must stay fast.
"""

from __future__ import annotations

import json
import logging
import os
import sys
from collections.abc import Callable, Sequence
from functools import wraps
from pathlib import Path
from typing import TYPE_CHECKING, Any, ParamSpec, TypeVar

import click

from rejoinder.daemon import paths
from rejoinder.daemon.errors import RejoinderError

if TYPE_CHECKING:
    from rejoinder.daemon.app import ScanSummary
    from rejoinder.daemon.config import Config

log = logging.getLogger("rejoinder")
P = ParamSpec("P")
R = TypeVar("R")

EXISTING_PATHS = click.Path(exists=True, path_type=Path)


class State:
    def __init__(self, config_path: Path, verbosity: int) -> None:
        self.config_path = config_path
        self.verbosity = verbosity
        self._config: Config | None = None

    def config(self) -> Config:
        if self._config is None:
            from rejoinder.daemon.config import load_config

            self._config = load_config(self.config_path)
        return self._config


def setup_logging(verbosity: int) -> None:
    """Log to stderr: for journald (under systemd) or for a person reading a terminal.

    journald stamps each line itself and reads its priority from a ``<N>``
    prefix, so there the time is left out; elsewhere lines carry the time.
    """
    from rejoinder.daemon.systemd_unit import JournalFormatter, stderr_is_journal

    level = {-1: logging.ERROR, 0: logging.WARNING, 1: logging.INFO}.get(verbosity, logging.DEBUG)
    handler = logging.StreamHandler(sys.stderr)
    if stderr_is_journal(sys.stderr):
        handler.setFormatter(JournalFormatter())
    else:
        handler.setFormatter(
            logging.Formatter(
                "%(asctime)s %(levelname)s %(name)s: %(message)s", datefmt="%Y-%m-%d %H:%M:%S"
            )
        )
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)


def friendly_errors(func: Callable[P, R]) -> Callable[P, R]:
    """The one place errors become messages and exit codes."""

    @wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return func(*args, **kwargs)
        except RejoinderError as exc:
            click.echo(f"rejoinder: {exc}", err=True)
            sys.exit(exc.exit_code)
        except KeyboardInterrupt:
            sys.exit(130)
        except BrokenPipeError:
            # The reader went away (e.g. `rejoinder journal | head`): not an error.
            # Point stdout at /dev/null so the interpreter's final flush stays quiet.
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            sys.exit(0)
        except (click.ClickException, click.exceptions.Exit, click.Abort, SystemExit):
            raise
        except Exception as exc:
            ctx = click.get_current_context(silent=True)
            state = ctx.find_object(State) if ctx else None
            if state and state.verbosity >= 1:
                log.exception("unexpected error")
            click.echo(
                f"rejoinder: unexpected error: {type(exc).__name__}: {exc} (rerun with -v for details)",
                err=True,
            )
            sys.exit(70)

    return wrapper


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.option(
    "--config",
    "config_path",
    type=click.Path(path_type=Path, dir_okay=False),
    envvar="REJOINDER_CONFIG",
    default=None,
    help="Config file to use [default: $XDG_CONFIG_HOME/rejoinder/config.toml; env REJOINDER_CONFIG].",
)
@click.option("-v", "--verbose", count=True, help="Say more (repeat for debug output).")
@click.option("-q", "--quiet", is_flag=True, help="Only print errors.")
@click.version_option(package_name="rejoinder", message="rejoinder %(version)s")
@click.pass_context
def cli(ctx: click.Context, config_path: Path | None, verbose: int, quiet: bool) -> None:
    """Rejoinder turns job-application rejections into gracious reply drafts and a
    journal you can learn from, privately, inside your own mailbox.

    \b
    Examples:
      rejoinder demo                      see it work on a bundled sample mailbox
      rejoinder classify --json ~/Mail/INBOX
      rejoinder scan ~/Mail/INBOX --drafts-dir ~/Mail/Drafts
      rejoinder journal
    """
    verbosity = -1 if quiet else verbose
    setup_logging(verbosity)
    ctx.obj = State(config_path or paths.config_file(), verbosity)


pass_state = click.make_pass_decorator(State)


# ------------------------------------------------------------------ classify


@cli.command()
@click.argument("sources", nargs=-1, required=True, type=EXISTING_PATHS)
@click.option("--json", "as_json", is_flag=True, help="One JSON object per message and line.")
@pass_state
@friendly_errors
def classify(state: State, sources: tuple[Path, ...], as_json: bool) -> None:
    """Say which messages are rejections, at which stage, from whom.

    SOURCES may be .eml files, folders of .eml files, Maildirs or mbox files.
    Nothing is written anywhere.

    \b
    Examples:
      rejoinder classify message.eml
      rejoinder classify --json ~/Mail/INBOX ~/mail/archive.mbox | jq 'select(.is_rejection)'
    """
    from rejoinder.daemon.app import classify_rows, load_classifier_for

    classifier = load_classifier_for(state.config())
    rows = classify_rows(sources, classifier)
    if as_json:
        for row in rows:
            click.echo(json.dumps(row, ensure_ascii=False))
        return
    _print_table(
        ("SOURCE", "VERDICT", "SCORE", "STAGE", "COMPANY", "ROLE", "CONTACT"),
        (_classify_cells(row) for row in rows),
    )


def _classify_cells(row: dict[str, Any]) -> tuple[str, ...]:
    if "error" in row:
        return (_short(row["source"]), "error", "", "", row["error"], "", "")
    return (
        _short(row["source"]),
        row["verdict"] if row["label"] != "position_closed" else "position_closed",
        f"{row['score']:.2f}",
        row["stage"] or "",
        row["company"] or "",
        row["role"] or "",
        row["contact_name"] or "",
    )


# ---------------------------------------------------------------------- scan


@cli.command()
@click.argument("sources", nargs=-1, required=True, type=EXISTING_PATHS)
@click.option(
    "--drafts-dir",
    type=click.Path(path_type=Path, file_okay=False),
    default=None,
    help="Where draft replies go: a Maildir (drafts get the D,S flags) or a folder of .eml "
    "files [default: $XDG_DATA_HOME/rejoinder/drafts].",
)
@click.option(
    "--dry-run", is_flag=True, help="Show what would happen; write no drafts, record nothing."
)
@pass_state
@friendly_errors
def scan(state: State, sources: tuple[Path, ...], drafts_dir: Path | None, dry_run: bool) -> None:
    """Draft replies to the rejections in local mail and record them in the journal.

    Running it again over the same mail writes no second draft.

    \b
    Examples:
      rejoinder scan ~/Mail/INBOX
      rejoinder scan --dry-run ~/mail/2026.mbox
      rejoinder scan ~/Mail/INBOX --drafts-dir ~/Mail/Drafts   # an mbsync/offlineimap Maildir
    """
    from rejoinder.daemon import app

    summary = app.scan(
        sources,
        config=state.config(),
        drafts_dir=drafts_dir or paths.default_drafts_dir(),
        journal_path=paths.journal_file(),
        dry_run=dry_run,
    )
    _print_scan(summary, show_drafts=False, dry_run=dry_run)


def _print_scan(summary: ScanSummary, *, show_drafts: bool, dry_run: bool = False) -> None:
    from rejoinder.daemon.pipeline import Status

    shown = (
        Status.REJECTION,
        Status.UNSURE,
        Status.POSITION_CLOSED,
        Status.UNPARSEABLE,
        Status.FAILED,
    )
    rows = []
    for o in summary.outcomes:
        if o.status not in shown:
            continue
        c = o.classification
        subject = o.parsed.subject if o.parsed else ""
        rows.append(
            (
                o.status.value,
                f"{c.score:.2f}" if c else "",
                (c.stage.value if c and c.stage else ""),
                (c.extraction.company or "") if c else "",
                (c.extraction.role or "") if c else "",
                _clip(subject or o.error or "", 40),
                o.draft_status.value if o.draft_status else "",
            )
        )
    if rows:
        _print_table(("FOUND", "SCORE", "STAGE", "COMPANY", "ROLE", "SUBJECT", "DRAFT"), rows)
    counts = ", ".join(f"{n} {k.replace('_', ' ')}" for k, n in sorted(summary.counts.items()))
    written = len(summary.drafts_written)
    click.echo(f"\n{len(summary.outcomes)} message(s): {counts or 'none'}.")
    if dry_run:
        click.echo("Dry run: no drafts written, nothing recorded.")
    else:
        click.echo(
            f"{written} new draft(s) in {summary.drafts_dir}; journal: {summary.journal_path}"
        )
    for problem in summary.problems:
        click.echo(f"warning: could not read {problem}", err=True)
    if show_drafts:
        for o in summary.drafts_written:
            assert o.draft is not None
            click.echo("\n" + "─" * 72)
            click.echo(_readable_draft(o.draft.raw))


def _readable_draft(raw: bytes) -> str:
    """Headers and decoded body of a draft, as a mail client would show them."""
    from email import message_from_bytes, policy
    from email.message import EmailMessage

    msg = message_from_bytes(raw, policy=policy.default)
    assert isinstance(msg, EmailMessage)
    head = [
        f"{k}: {msg[k]}" for k in ("From", "To", "Subject", "In-Reply-To") if msg[k] is not None
    ]
    body = msg.get_content() if not msg.is_multipart() else ""
    return "\n".join(head) + "\n\n" + str(body).rstrip()


# ---------------------------------------------------------------------- demo


@cli.command()
@click.option(
    "--keep",
    type=click.Path(path_type=Path, file_okay=False),
    default=None,
    help="Work in this folder (kept afterwards) instead of a temporary one.",
)
@friendly_errors
def demo(keep: Path | None) -> None:
    """See Rejoinder work on a bundled sample mailbox: no server, no config needed.

    It scans a dozen realistic messages, prints what it found and the drafts it wrote.
    Your own journal and config are not touched.

    \b
    Examples:
      rejoinder demo
      rejoinder demo --keep /tmp/rejoinder-demo && ls /tmp/rejoinder-demo/drafts
    """
    import tempfile

    from rejoinder.daemon import app

    with tempfile.TemporaryDirectory(prefix="rejoinder-demo-") as scratch:
        workdir = keep or Path(scratch)
        click.echo(f"Scanning the sample mailbox ({app.sample_mailbox()})…\n")
        summary = app.demo(workdir)
        _print_scan(summary, show_drafts=True)


# ------------------------------------------------------------ train/evaluate


@cli.command()
@click.option(
    "--output",
    type=click.Path(path_type=Path, file_okay=False),
    default=None,
    help="Where to write the model [default: $XDG_DATA_HOME/rejoinder/model, which then takes "
    "precedence over the shipped model]. Developers rebuild the shipped one with --output models.",
)
@click.option(
    "--seed", type=int, default=None, help="Random seed (the default reproduces the shipped model)."
)
@click.option(
    "--personal",
    is_flag=True,
    help="Also learn from your corrections ('rejoinder label', 'journal not-rejection', "
    "'journal edit --stage'); the result replaces the current model only if it is not worse.",
)
@friendly_errors
def train(output: Path | None, seed: int | None, personal: bool) -> None:
    """Rebuild the classifier from the training corpus that ships with Rejoinder.

    Run it when Rejoinder says the model was built for another scikit-learn.
    The same corpus and seed give the same model file, bit for bit.

    With --personal, your corrections join the corpus (each counts for many corpus
    messages). The new model is compared with the current one on the corpus's
    held-out split and, by cross-validation, on your own examples; it is kept only
    if neither gets worse. 'rejoinder model reset' goes back to the shipped model.

    \b
    Examples:
      rejoinder train
      rejoinder train --personal           # learn from your corrections
      rejoinder train --output models      # in a source checkout: rebuild the shipped model
    """
    from rejoinder.classifier.classify import user_model_dir
    from rejoinder.classifier.training import SEED, train_from_corpus

    if personal:
        if output is not None:
            raise click.UsageError(
                "--personal always writes the model Rejoinder uses; drop --output"
            )
        from rejoinder.daemon.cli_model import train_personal

        train_personal(seed)
        return
    target = output or user_model_dir()
    click.echo("Training on the bundled corpus… (a few seconds)")
    # The user's data dir holds an override of the shipped model, not a shipped one.
    kind = "shipped" if output is not None else "retrained"
    metadata = train_from_corpus(target, seed=SEED if seed is None else seed, kind=kind)
    m = metadata.metrics["corpus_test_split"]
    click.echo(f"Model {metadata.model_version} written to {target}")
    click.echo(
        f"held-out split: precision {m['precision']:.3f}, recall {m['recall']:.3f}, F1 {m['f1']:.3f}, "
        f"stage accuracy {m['stage_accuracy']}"
    )


@cli.command()
@click.argument("labelled", nargs=-1, type=EXISTING_PATHS)
@click.option("--json", "as_json", is_flag=True, help="Print the figures as one JSON object.")
@click.option(
    "--errors",
    "show_errors",
    is_flag=True,
    help="Also list the ids of misclassified messages and of rejections given the wrong stage.",
)
@pass_state
@friendly_errors
def evaluate(state: State, labelled: tuple[Path, ...], as_json: bool, show_errors: bool) -> None:
    """Measure the classifier on labelled messages (JSON Lines).

    Prints rejection precision/recall/F1, stage accuracy and extraction hit rates.
    Without LABELLED it measures the corpus's own held-out test split, all of it:
    that includes the indirect rejection families (decision or stage only
    implied), which the label model learns at a reduced weight, so its recall is
    lower than the figure in the model's metadata (measured without them).

    \b
    Each line: {"label": "rejection"|"not_rejection"|"position_closed", "stage": ...,
    "subject": ..., "body": ..., "from_name": ..., "from_addr": ..., "company": ...,
    "role": ..., "contact_name": ...}

    \b
    Examples:
      rejoinder evaluate
      rejoinder evaluate labelled.jsonl --errors
    """
    from rejoinder.classifier.corpus.records import load_corpus
    from rejoinder.classifier.evaluate import evaluate_records, load_labelled
    from rejoinder.daemon.app import load_classifier_for

    classifier = load_classifier_for(state.config())
    if labelled:
        records = [r for path in labelled for r in load_labelled(path)]
    else:
        records = [r for r in load_corpus() if r.split == "test"]
    report = evaluate_records(records, classifier)
    if as_json:
        click.echo(json.dumps({"model_version": classifier.version, **report.as_dict()}))
        return
    click.echo(f"model {classifier.version}")
    click.echo("\n".join(report.lines()))
    if show_errors:
        click.echo("\n".join(report.errors) or "no errors")


# -------------------------------------------------------------------- daemon


def _accounts(state: State, name: str | None) -> list[Any]:
    from rejoinder.daemon.config import load_config
    from rejoinder.daemon.errors import ConfigError, ConfigProblem

    config = load_config(state.config_path, required=True)
    state._config = config
    if not config.accounts:
        raise ConfigError(
            str(state.config_path),
            [
                ConfigProblem(
                    "accounts", "no account is configured", "add an [accounts.NAME] section"
                )
            ],
        )
    if name is None:
        return list(config.accounts)
    account = config.account(name)
    if account is None:
        known = ", ".join(a.name for a in config.accounts)
        raise ConfigError(
            str(state.config_path),
            [ConfigProblem(f"accounts.{name}", "no such account", f"use one of: {known}")],
        )
    return [account]


@cli.command()
@click.argument("account", required=False)
@pass_state
@friendly_errors
def check(state: State, account: str | None) -> None:
    """Connect to each account (or ACCOUNT), log in and look for its folders.

    Each kind of failure — DNS, connection refused, TLS certificate, authentication,
    missing folder — is named with its fix, and exits with its own status code
    (68 DNS, 69 refused, 76 TLS, 77 authentication/password source, 72 folder, 75 timeout).

    \b
    Examples:
      rejoinder check
      rejoinder check work
    """
    from rejoinder.daemon.watcher import CheckReport, check_account

    config_accounts = _accounts(state, account)
    timeout = state.config().daemon.timeout_seconds
    for acc in config_accounts:
        report = check_account(acc, timeout)
        caps = ", ".join(
            f"{c} {'yes' if c in report.capabilities else 'no'}" for c in CheckReport.IMPORTANT
        )
        click.echo(f"{report.account}: logged in to {report.address} ({report.security})")
        click.echo(f"  watching: {', '.join(report.folders)}")
        click.echo(f"  drafts:   {report.drafts_folder}")
        click.echo(f"  sent:     {report.sent_folder or '(none found)'}")
        click.echo(f"  server:   {caps}")
        if "IDLE" not in report.capabilities:
            click.echo(
                f"  note: no IDLE; new mail is polled every {state.config().daemon.poll_seconds:.0f} s"
            )


@cli.command()
@click.option(
    "--dry-run", is_flag=True, help="Classify and report only: no drafts, nothing recorded."
)
@pass_state
@friendly_errors
def once(state: State, dry_run: bool) -> None:
    """One pass over every account and folder, then exit.

    A long pass (a first run over years of mail) says how far it got, on
    stderr, every ten seconds.

    \b
    Examples:
      rejoinder once --dry-run
      rejoinder once
    """
    from rejoinder.daemon.watcher import PassStats, build_daemon

    _accounts(state, None)
    daemon = build_daemon(state.config(), paths.journal_file())
    # A first run over a large folder takes a while: say how far it got meanwhile.
    daemon.on_status = lambda account, text: click.echo(text, err=True)
    exit_code = 0
    for name, result in daemon.run_once(dry_run=dry_run).items():
        if isinstance(result, PassStats):
            click.echo(f"{name}: {result.summary()}" + (" (dry run)" if dry_run else ""))
        else:
            # A failing account must never look like "no new mail": say so, exit non-zero.
            exit_code = exit_code or result.exit_code
            click.echo(f"{name}: failed: {result}", err=True)
    if dry_run:
        click.echo("Dry run: no drafts written, nothing recorded.")
    if exit_code:
        sys.exit(exit_code)


@cli.command()
@pass_state
@friendly_errors
def run(state: State) -> None:
    """Run the daemon in the foreground (systemd supervises it; no forking).

    Watches every account with IDLE (or polling), drafts replies to new rejections
    and records them. SIGTERM stops it cleanly; SIGHUP reloads config and templates.

    \b
    Examples:
      rejoinder run
      rejoinder -v run          # log every pass
    """
    from rejoinder.daemon.service import serve

    if state.verbosity == 0:
        logging.getLogger().setLevel(logging.INFO)  # a daemon's log is its user interface
    _accounts(state, None)
    serve(state.config_path)


@cli.command()
@pass_state
@friendly_errors
def status(state: State) -> None:
    """Per account: last successful pass, last error, messages seen, drafts created.

    Reads the state database, so it works while the daemon runs.

    \b
    Examples:
      rejoinder status
    """
    from rejoinder.daemon.journal import Journal
    from rejoinder.daemon.passlock import pass_running

    journal_path = paths.journal_file()
    with Journal.open(journal_path) as db:
        statuses = db.account_statuses()
        counts = db.counts()
        # A first pass over years of mail can take minutes, and the account has no
        # status until it ends: say it is under way rather than that nothing ran.
        done = {st.account for st in statuses}
        first = {
            name: db.processed_count(name)
            for name in _configured_accounts(state)
            if name not in done and pass_running(journal_path, name)
        }
    if not statuses and not first:
        click.echo(
            "No pass has run yet: start the daemon ('rejoinder run') or run 'rejoinder once'."
        )
    for name, read in first.items():
        click.echo(f"{name}: first pass running now; {read} message(s) read so far")
    for st in statuses:
        last = (
            st.last_pass_at.astimezone().strftime("%Y-%m-%d %H:%M:%S")
            if st.last_pass_at
            else "never"
        )
        click.echo(
            f"{st.account}: last successful pass {last}; {st.messages_seen} message(s) seen, {st.drafts_created} draft(s) created"
        )
        if st.last_error and (
            st.last_pass_at is None or (st.last_error_at and st.last_error_at > st.last_pass_at)
        ):
            click.echo(f"  last error ({st.last_error_at:%Y-%m-%d %H:%M}): {st.last_error}")
        if pass_running(journal_path, st.account):
            click.echo("  a pass is running now")
    if counts:
        click.echo(
            "journal: " + ", ".join(f"{n} {k.replace('_', ' ')}" for k, n in sorted(counts.items()))
        )


# ------------------------------------------------------------------- helpers


def _configured_accounts(state: State) -> list[str]:
    """The accounts the configuration names; none when it cannot be read (status still
    reports what the journal knows)."""
    try:
        return [account.name for account in state.config().accounts]
    except RejoinderError:
        return []


def _short(source: str) -> str:
    home = str(Path.home())
    return "~" + source[len(home) :] if source.startswith(home + os.sep) else source


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _print_table(header: Sequence[str], rows: Any) -> None:
    rows = [tuple(str(c) for c in row) for row in rows]
    widths = [
        max(len(h), *(len(r[i]) for r in rows)) if rows else len(h) for i, h in enumerate(header)
    ]
    widths = [min(w, 48) for w in widths]
    for row in [tuple(header), *rows]:
        click.echo(
            "  ".join(_clip(c, w).ljust(w) for c, w in zip(row, widths, strict=True)).rstrip()
        )


def _register_command_modules() -> None:
    # Command groups that live in their own modules (kept light: no heavy imports at top).
    from rejoinder.daemon.cli_journal import journal
    from rejoinder.daemon.cli_model import label, model
    from rejoinder.daemon.cli_reflect import reflect, report, stats
    from rejoinder.daemon.cli_service import init, service
    from rejoinder.daemon.cli_templates import preview, templates

    cli.add_command(journal)
    for command in (templates, preview, reflect, stats, report):
        cli.add_command(command)
    cli.add_command(service)
    cli.add_command(init)
    cli.add_command(model)
    cli.add_command(label)


_register_command_modules()


def main() -> None:
    cli(prog_name="rejoinder")
