"""``rejoinder templates list|check`` and ``rejoinder preview``: seeing the drafts before
they are written."""

from __future__ import annotations

from pathlib import Path

import click

from rejoinder.daemon import paths
from rejoinder.daemon.cli import State, _short, friendly_errors, pass_state
from rejoinder.daemon.errors import InputError, TemplateError


@click.group()
def templates() -> None:
    """The reply templates in force: bundled wordings and your own overrides.

    Your templates live in $XDG_CONFIG_HOME/rejoinder/templates (a file with a
    bundled name replaces that wording; a new number adds one).

    \b
    Examples:
      rejoinder templates list
      rejoinder templates check
    """


@templates.command("list")
@friendly_errors
def list_command() -> None:
    """Every template with where it comes from (bundled or user) and its path.

    \b
    Examples:
      rejoinder templates list
    """
    from importlib.resources import files

    from rejoinder.daemon.templating import Origin, TemplateSet, list_templates

    user_dir = paths.user_templates_dir()
    infos = list_templates(TemplateSet.load(user_dir))
    bundled = Path(str(files("rejoinder.templates")))
    rows = [
        (
            i.name,
            i.origin.value,
            _short(str(bundled / i.name) if i.origin is Origin.BUNDLED else i.location),
        )
        for i in infos
    ]
    # Not _print_table: a path is only useful whole, so the last column is never clipped.
    width = max(len(name) for name, _, _ in [("NAME", "", ""), *rows])
    for name, origin, path in [("NAME", "ORIGIN", "PATH"), *rows]:
        click.echo(f"{name:<{width}}  {origin:<7}  {path}")
    click.echo(f"\nYour templates folder: {_short(str(user_dir))}")


@templates.command("check")
@click.option(
    "--only",
    "only",
    multiple=True,
    metavar="NAME",
    help="Check only this template (repeatable), e.g. reply_interview_1.j2.",
)
@friendly_errors
def check_command(only: tuple[str, ...]) -> None:
    """Render every wording with each mix of missing details (no company, no role,
    no contact name, no recipient…), every tone and feedback choice, and list what
    reads badly: 'None' in the text, 'Dear ,', doubled words, lines too long.

    Exits with status 65 when any problem is found.

    \b
    Examples:
      rejoinder templates check
      rejoinder templates check --only reply_application_1.j2
    """
    from rejoinder.daemon.templating import TemplateSet, check_templates

    template_set = TemplateSet.load(paths.user_templates_dir())
    unknown = sorted(set(only) - set(template_set.names()))
    if unknown:
        raise InputError(
            f"no template named {', '.join(unknown)}",
            "run 'rejoinder templates list' to see the names",
        )
    problems = check_templates(template_set, only or None)
    checked = len(only) if only else sum(1 for n in template_set.names() if not n.startswith("_"))
    if not problems:
        click.echo(f"{checked} template(s) checked: no problems found.")
        return
    for problem in problems:
        click.echo(str(problem))
    raise TemplateError(
        f"{len(problems)} problem(s) in the reply templates listed above",
        "edit your templates (bundled ones: please report them as a bug)",
    )


@click.command()
@click.argument("message", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@pass_state
@friendly_errors
def preview(state: State, message: Path) -> None:
    """Print the exact draft Rejoinder would write for MESSAGE (an .eml file):
    all its headers, then the body. Nothing is written or recorded.

    Uses your config's identity, tone, sign-off and feedback settings and your
    templates. A message that is not a rejection is said to be one, and the draft
    it would get if it were is shown with a note.

    \b
    Examples:
      rejoinder preview ~/Downloads/rejection.eml
      rejoinder --config ~/work.toml preview message.eml
    """
    from datetime import UTC, datetime

    from rejoinder.daemon import app
    from rejoinder.daemon.preview import found_line, preview_draft, readable_message, verdict_line

    config = state.config()
    try:
        raw = message.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read {message} ({exc.strerror})", "check the path") from exc
    result = preview_draft(
        raw,
        source=str(message),
        classifier=app.load_classifier_for(config),
        identity=app.identity_for(config),
        settings=app.draft_settings(config),
        templates=app.load_templates(),
        now=datetime.now(UTC),
    )
    click.echo(verdict_line(result))
    if result.hypothetical:
        click.echo(
            "Note: if it were a rejection, this is the draft it would get (the company, "
            "role and name may be missing or wrong in a message that is not one)."
        )
    click.echo(found_line(result))
    if result.draft.needs_recipient:
        click.echo("Note: the sender cannot receive replies, so the draft has no To: yet.")
    click.echo("─" * 72)
    click.echo(readable_message(result.draft.raw), nl=False)
