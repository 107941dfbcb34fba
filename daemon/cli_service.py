"""``rejoinder init`` and ``rejoinder service …``: setting Rejoinder up to run by itself.

Thin: the wizard's logic is in ``rejoinder.daemon.setup``, the unit and the
systemctl commands in ``rejoinder.daemon.systemd_unit``.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from rejoinder.daemon.cli import State, friendly_errors, pass_state

if TYPE_CHECKING:
    from rejoinder.daemon.config import AccountConfig
    from rejoinder.daemon.setup import Checker, InitResult
    from rejoinder.daemon.systemd_unit import ServiceReport
    from rejoinder.daemon.watcher import CheckReport

CHECK_TIMEOUT = 30.0  # seconds; init waits for an answer from the server this long


# ------------------------------------------------------------------- service


@click.group()
def service() -> None:
    """Run Rejoinder as a systemd user service: install, remove, inspect.

    The service starts when you log in, restarts after a failure, and is
    sandboxed (read-only home except its own state and data directories).

    \b
    Examples:
      rejoinder service install --now
      rejoinder service status
      rejoinder service logs -f
      rejoinder service uninstall
    """


@service.command("install")
@click.option("--now", is_flag=True, help="Also start it now (or restart it if it is running).")
@pass_state
@friendly_errors
def service_install(state: State, now: bool) -> None:
    """Write ~/.config/systemd/user/rejoinder.service and enable it.

    The unit runs the 'rejoinder' you installed, with the config file and
    directories you use now. Without a reachable systemd user manager the
    unit is still written and the commands to run are printed.

    \b
    Examples:
      rejoinder service install --now
      rejoinder --config ~/mail/rejoinder.toml service install
    """
    _install_service(state.config_path, now=now)


@service.command("uninstall")
@friendly_errors
def service_uninstall() -> None:
    """Stop and disable the service and remove its unit file.

    Your config, journal and drafts stay where they are.

    \b
    Examples:
      rejoinder service uninstall
    """
    from rejoinder.daemon import systemd_unit

    report = systemd_unit.uninstall_service(runner=systemd_unit.run_command)
    if not report.changed:
        click.echo(f"No service is installed ({report.unit_path} does not exist).")
        return
    click.echo(f"Removed {report.unit_path}.")
    _print_commands(report)


@service.command("status")
@friendly_errors
def service_status() -> None:
    """Show whether the service runs, since when, and its last log lines (systemctl status).

    For what Rejoinder itself did (last pass, last error per account), see 'rejoinder status'.

    \b
    Examples:
      rejoinder service status
    """
    from rejoinder.daemon import systemd_unit

    sys.exit(systemd_unit.passthrough(systemd_unit.status_command()))


@service.command("logs")
@click.option("-f", "--follow", is_flag=True, help="Keep printing new lines as they come.")
@click.option(
    "-n",
    "--lines",
    type=click.IntRange(min=0),
    default=50,
    show_default=True,
    help="How many of the latest lines to show.",
)
@friendly_errors
def service_logs(follow: bool, lines: int) -> None:
    """The service's log, from the systemd journal (journalctl --user -u rejoinder).

    \b
    Examples:
      rejoinder service logs
      rejoinder service logs -f
      rejoinder service logs -n 500 | grep -i error
    """
    from rejoinder.daemon import systemd_unit

    sys.exit(systemd_unit.passthrough(systemd_unit.logs_command(follow, lines)))


def _install_service(config_path: Path, *, now: bool) -> None:
    from rejoinder.daemon import systemd_unit

    settings = systemd_unit.settings_for(systemd_unit.find_executable(), config_path)
    report = systemd_unit.install_service(settings, now=now, runner=systemd_unit.run_command)
    click.echo(f"Wrote {report.unit_path} (runs {settings.executable}).")
    _print_commands(report)
    if report.ran:
        click.echo(
            ("The service is running" if now else "The service is enabled")
            + ": it starts whenever you log in. Logs: rejoinder service logs -f"
        )
        click.echo("To keep it running while you are logged out: loginctl enable-linger")


def _print_commands(report: ServiceReport) -> None:
    from rejoinder.daemon.systemd_unit import shell_line

    for argv in report.ran:
        click.echo(f"  ran: {shell_line(argv)}")
    if report.todo:
        click.echo("The systemd user manager is not reachable from here; run these yourself:")
        for argv in report.todo:
            click.echo(f"  {shell_line(argv)}")


# ---------------------------------------------------------------------- init


class ClickPrompter:
    """The wizard's questions on the terminal."""

    def say(self, text: str) -> None:
        click.echo(text)

    def ask(self, question: str, default: str | None = None) -> str:
        return str(click.prompt(question, default=default, show_default=bool(default)))

    def choose(self, question: str, choices: Sequence[str], default: str) -> str:
        return str(click.prompt(question, type=click.Choice(list(choices)), default=default))

    def confirm(self, question: str, default: bool) -> bool:
        return click.confirm(question, default=default)

    def secret(self, question: str) -> str:
        return str(click.prompt(question, hide_input=True, confirmation_prompt=True))


def _folders(
    ctx: click.Context, param: click.Parameter, value: str | None
) -> tuple[str, ...] | None:
    if value is None:
        return None
    folders = tuple(f.strip() for f in value.split(",") if f.strip())
    if not folders:
        raise click.BadParameter("give at least one folder, e.g. INBOX")
    return folders


@click.command()
@click.option(
    "--email", help="Your email address; well-known providers' servers are suggested from it."
)
@click.option(
    "--account", help="A short name for the account in the config [default: from the provider]."
)
@click.option("--host", help="IMAP server host name.")
@click.option(
    "--port",
    type=click.IntRange(1, 65535),
    help="IMAP port [default: 993 for tls, 143 for starttls].",
)
@click.option(
    "--security",
    type=click.Choice(["tls", "starttls", "plain"]),
    help="tls (port 993), starttls (143) or plain (localhost only).",
)
@click.option("--username", help="Login name [default: the email address].")
@click.option(
    "--auth",
    type=click.Choice(["password", "xoauth2"]),
    help="password (or app password), or xoauth2 with --oauth2-token-command.",
)
@click.option(
    "--password-command",
    help="Command printing the password, run without a shell (e.g. 'pass show mail/work').",
)
@click.option(
    "--password-env", metavar="VARIABLE", help="Environment variable holding the password."
)
@click.option(
    "--password-credential",
    metavar="NAME",
    help="systemd credential holding the password (LoadCredential=NAME:...).",
)
@click.option(
    "--keyring",
    is_flag=True,
    help="The password is in the system keyring (service 'rejoinder', your user name).",
)
@click.option(
    "--oauth2-token-command",
    help="With --auth xoauth2: command printing a fresh access token (e.g. 'oama access ADDRESS').",
)
@click.option(
    "--ca-file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Extra CA certificate to trust (self-signed servers, Proton Mail Bridge).",
)
@click.option(
    "--folders", callback=_folders, help="Folders to watch, comma-separated [default: INBOX]."
)
@click.option("--name", help="Your name, used in the drafts' From and sign-off.")
@click.option("--signature", help="A line under your name in the drafts.")
@click.option(
    "--check/--no-check",
    default=True,
    help="Test the login before writing the config [default: test].",
)
@click.option(
    "--install-service/--no-install-service",
    default=None,
    help="Install and start the systemd user service afterwards [default: ask; yes with --yes].",
)
@click.option("--force", is_flag=True, help="Replace an existing config file.")
@click.option(
    "-y", "--yes", is_flag=True, help="Ask nothing: take the defaults for every answer not given."
)
@pass_state
@friendly_errors
def init(
    state: State,
    /,
    check: bool,
    install_service: bool | None,
    force: bool,
    yes: bool,
    **given: Any,
) -> None:
    """Create the config file: asks for your address, suggests the server, tests the login.

    Well-known providers (Gmail, Outlook/Office 365, iCloud, Fastmail, Yahoo,
    Proton Mail Bridge) are recognised from the address. Your password is never
    written to the config: you say where it comes from (a command such as a
    password manager, a variable, a systemd credential or the keyring). The
    file is written with mode 0600 only after the login worked.

    \b
    Examples:
      rejoinder init
      rejoinder init --email ada@gmail.com --password-command 'pass show mail/gmail' \\
          --name 'Ada Lovelace' --yes
      rejoinder init --email ada@outlook.com --auth xoauth2 \\
          --oauth2-token-command 'oama access ada@outlook.com' --yes --no-install-service
    """
    from rejoinder.daemon import setup

    setup.refuse_to_overwrite(state.config_path, force)  # before asking anything
    prompter = None if yes else ClickPrompter()
    answers = setup.gather_answers(setup.Given(**given), prompter)
    setup.offer_keyring_storage(answers, prompter)
    result = setup.create_config(
        answers, state.config_path, force=force, check=_checker() if check else None
    )
    _print_init(result)
    if install_service is None:
        install_service = yes or click.confirm(
            "Install and start the systemd user service now?", default=True
        )
    if install_service:
        _install_service(state.config_path, now=True)
    else:
        click.echo(
            "Start it with 'rejoinder run', or install the service: rejoinder service install --now"
        )


def _checker() -> Checker:
    from rejoinder.daemon.watcher import check_account

    def check(account: AccountConfig) -> CheckReport:
        click.echo(f"Logging in to {account.host}:{account.port} as {account.username}…")
        return check_account(account, CHECK_TIMEOUT)

    return check


def _print_init(result: InitResult) -> None:
    report = result.checked
    if report is not None:
        click.echo(
            f"  logged in; watching {', '.join(report.folders)}; drafts go to {report.drafts_folder}"
        )
    elif result.skipped_check:
        click.echo(f"The login was not tested: {result.skipped_check}.")
    click.echo(f"Wrote {result.path} (readable only by you). Check it any time: rejoinder check")
