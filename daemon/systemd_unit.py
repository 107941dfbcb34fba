"""Running under systemd: installing the user service, and writing logs journald understands.

Pure where it can be: rendering the unit and choosing the ``systemctl``
commands are functions of their inputs. Running commands goes through an
injected ``Runner`` so tests never touch a real systemd. Only the standard
library is imported: ``setup_logging`` uses this module on every start.
"""

from __future__ import annotations

import logging
import os
import shlex
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import NamedTuple, TextIO

from rejoinder.daemon import paths
from rejoinder.daemon.errors import RejoinderError

log = logging.getLogger(__name__)

UNIT_NAME = "rejoinder.service"
PROGRAM = "rejoinder"
# States of `systemctl --user is-system-running` in which the manager answers.
_MANAGER_UP = frozenset({"running", "degraded", "starting", "initializing", "maintenance"})
_XDG_VARIABLES = ("XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME")


class ServiceError(RejoinderError):
    """The user service cannot be installed, removed or queried."""

    exit_code = 69  # EX_UNAVAILABLE


# ---------------------------------------------------------------- journald


# syslog(3) priorities, which journald reads from a "<N>" line prefix.
_PRIORITIES = ((logging.CRITICAL, 2), (logging.ERROR, 3), (logging.WARNING, 4), (logging.INFO, 6))


def syslog_priority(levelno: int) -> int:
    return next((prio for level, prio in _PRIORITIES if levelno >= level), 7)


def stderr_is_journal(
    stream: TextIO | None = None, environ: Mapping[str, str] | None = None
) -> bool:
    """True when ``stream`` (default: stderr) is connected to journald.

    systemd sets ``$JOURNAL_STREAM`` to the device and inode of the stream it
    gave the service; comparing them tells a real journal connection from an
    inherited variable (a shell started from a service, a pipe to ``less``).
    """
    value = (os.environ if environ is None else environ).get("JOURNAL_STREAM", "")
    device, _, inode = value.partition(":")
    if not (device.isdigit() and inode.isdigit()):
        return False
    try:
        info = os.fstat((stream or sys.stderr).fileno())
    except (AttributeError, ValueError, OSError):  # no real file descriptor (tests, closed)
        return False
    return (info.st_dev, info.st_ino) == (int(device), int(inode))


class JournalFormatter(logging.Formatter):
    """``<priority>logger: message``, every line prefixed; journald adds the time itself."""

    def __init__(self) -> None:
        super().__init__("%(name)s: %(message)s")

    def format(self, record: logging.LogRecord) -> str:
        prefix = f"<{syslog_priority(record.levelno)}>"
        # A traceback spans lines; each becomes its own journal entry, all at this priority.
        return "\n".join(prefix + line for line in super().format(record).splitlines())


# ---------------------------------------------------------------- the unit


def unit_template() -> str:
    """The shipped ``rejoinder.service``, from the installed package or a source checkout."""
    try:
        return resources.files("rejoinder.systemd").joinpath(UNIT_NAME).read_text("utf-8")
    except (ModuleNotFoundError, FileNotFoundError):
        pass
    # A source checkout (editable install) keeps it in systemd/ next to daemon/.
    checkout = Path(__file__).resolve().parent.parent / "systemd" / UNIT_NAME
    try:
        return checkout.read_text("utf-8")
    except OSError as exc:
        raise ServiceError(
            f"the service template {UNIT_NAME} is missing from this installation",
            "reinstall Rejoinder",
        ) from exc


def user_unit_dir(environ: Mapping[str, str] | None = None) -> Path:
    """Where systemd looks for the user's own units: $XDG_CONFIG_HOME/systemd/user."""
    value = (os.environ if environ is None else environ).get("XDG_CONFIG_HOME", "")
    base = Path(value) if value and os.path.isabs(value) else Path.home() / ".config"
    return base / "systemd" / "user"


def find_executable(
    argv0: str | None = None, which: Callable[[str], str | None] = shutil.which
) -> Path:
    """The installed ``rejoinder`` program: the one running now, else the one on PATH."""
    candidates = []
    running = sys.argv[0] if argv0 is None else argv0
    if running and Path(running).name == PROGRAM:
        candidates.append(running)
    candidates.append(which(PROGRAM) or "")
    for candidate in filter(None, candidates):
        path = Path(candidate)
        if path.is_file() and os.access(path, os.X_OK):
            return path.resolve()
    raise ServiceError(
        "cannot find the installed 'rejoinder' program",
        "install Rejoinder (e.g. pipx install .) so that 'rejoinder' is on your PATH, then retry",
    )


@dataclass(frozen=True)
class UnitSettings:
    """What differs from one installation to the next."""

    executable: Path
    writable: tuple[Path, ...]  # the only places the sandboxed service may write
    config: Path | None = None  # passed as --config when not the default location
    environment: tuple[tuple[str, str], ...] = ()


def settings_for(
    executable: Path, config: Path | None, environ: Mapping[str, str] | None = None
) -> UnitSettings:
    """Settings matching this user's environment, so the service and the CLI agree.

    The user manager does not see variables set in a shell profile: XDG
    directories set here are written into the unit, or ``rejoinder status``
    would read a different journal from the one the service writes.
    """
    env = os.environ if environ is None else environ
    xdg = tuple((name, env[name]) for name in _XDG_VARIABLES if os.path.isabs(env.get(name, "")))
    default_config = paths.config_dir() / "config.toml"
    chosen = config.absolute() if config and config.absolute() != default_config else None
    return UnitSettings(
        executable=executable,
        writable=(paths.state_dir(), paths.data_dir()),
        config=chosen,
        environment=xdg,
    )


def render_unit(template: str, settings: UnitSettings) -> str:
    """The template with ExecStart= and ReadWritePaths= filled in for this installation."""
    lines = template.splitlines()
    exec_at = _only_line(lines, "ExecStart=")
    paths_at = _only_line(lines, "ReadWritePaths=")
    args = [str(settings.executable)]
    if settings.config is not None:
        args += ["--config", str(settings.config)]
    # The program path is taken literally; only the arguments undergo $VARIABLE expansion.
    words = [_quoted(_specifier_escape(args[0]))] + [_exec_word(a) for a in [*args[1:], "run"]]
    lines[exec_at] = "ExecStart=" + " ".join(words)
    lines[paths_at] = "ReadWritePaths=" + " ".join(
        _quoted(_specifier_escape(f"-{path}")) for path in settings.writable
    )
    environment = [
        "Environment=" + _quoted(_specifier_escape(f"{name}={value}"))
        for name, value in settings.environment
    ]
    lines[paths_at + 1 : paths_at + 1] = environment
    return "\n".join(lines) + "\n"


def _only_line(lines: list[str], prefix: str) -> int:
    found = [index for index, line in enumerate(lines) if line.startswith(prefix)]
    if len(found) != 1:
        raise ValueError(f"the unit template must have exactly one {prefix} line")
    return found[0]


def _specifier_escape(text: str) -> str:
    if any(ord(ch) < 32 or ch == "\x7f" for ch in text):
        raise ServiceError(
            f"the path {text!r} contains a control character, which a unit file cannot hold",
            "install Rejoinder and keep its directories under plain path names",
        )
    return text.replace("%", "%%")  # "%h" in a path must stay literal


def _exec_word(text: str) -> str:
    # ExecStart= expands $VARIABLES in arguments; "$$" is a literal dollar.
    return _quoted(_specifier_escape(text).replace("$", "$$"))


def _quoted(text: str) -> str:
    if text and not any(ch.isspace() or ch in "\"'\\;" for ch in text):
        return text
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


# ------------------------------------------------------------ systemctl


class Completed(NamedTuple):
    returncode: int
    output: str  # stdout and stderr together


Runner = Callable[[Sequence[str]], Completed]


def run_command(argv: Sequence[str]) -> Completed:
    """The real runner: run a systemctl/journalctl command, capture what it says."""
    try:
        done = subprocess.run(
            list(argv), capture_output=True, text=True, check=False, stdin=subprocess.DEVNULL
        )
    except OSError as exc:
        return Completed(127, f"{argv[0]}: {exc.strerror}")
    return Completed(done.returncode, (done.stdout + done.stderr).strip())


def manager_available(runner: Runner) -> bool:
    """True when a systemd user manager answers (not in containers, over ssh without a session...)."""
    done = runner(["systemctl", "--user", "is-system-running"])
    words = done.output.split()
    return bool(words) and words[0] in _MANAGER_UP


def install_commands(now: bool) -> list[list[str]]:
    """Reload, enable; then (re)start it, or restart it only if it runs (to apply a new unit)."""
    return [
        ["systemctl", "--user", "daemon-reload"],
        ["systemctl", "--user", "enable", UNIT_NAME],
        ["systemctl", "--user", "restart" if now else "try-restart", UNIT_NAME],
    ]


def uninstall_commands() -> list[list[str]]:
    return [["systemctl", "--user", "disable", "--now", UNIT_NAME]]


def status_command() -> list[str]:
    return ["systemctl", "--user", "status", "--no-pager", "--full", UNIT_NAME]


def logs_command(follow: bool, lines: int) -> list[str]:
    return ["journalctl", "--user", "-u", UNIT_NAME, "-n", str(lines), *(["-f"] if follow else [])]


def shell_line(argv: Sequence[str]) -> str:
    return shlex.join(argv)


@dataclass
class ServiceReport:
    """What was done, and the commands left for the user when systemd was not reachable."""

    unit_path: Path
    changed: bool = True
    ran: list[list[str]] = field(default_factory=list)
    todo: list[list[str]] = field(default_factory=list)


def install_service(
    settings: UnitSettings,
    *,
    now: bool,
    runner: Runner,
    unit_dir: Path | None = None,
    template: str | None = None,
) -> ServiceReport:
    """Write the unit, create the directories it may write, then reload and enable it."""
    target = (unit_dir or user_unit_dir()) / UNIT_NAME
    text = render_unit(template if template is not None else unit_template(), settings)
    for directory in settings.writable:
        paths.ensure_private_dir(directory)  # the sandbox cannot create them under a read-only home
    _write_atomically(target, text)
    log.info("wrote %s", target)
    report = ServiceReport(unit_path=target)
    if not manager_available(runner):
        report.todo = install_commands(now)
        return report
    for argv in install_commands(now):
        _run_checked(runner, argv)
        report.ran.append(argv)
    return report


def uninstall_service(*, runner: Runner, unit_dir: Path | None = None) -> ServiceReport:
    """Stop and disable the service, then remove the unit (and its enablement link)."""
    directory = unit_dir or user_unit_dir()
    target = directory / UNIT_NAME
    report = ServiceReport(unit_path=target, changed=target.exists())
    if not report.changed:
        return report
    available = manager_available(runner)
    if available:
        for argv in uninstall_commands():
            _run_checked(runner, argv)
            report.ran.append(argv)
    # Without a manager nobody removes the link `enable` made; do it ourselves.
    link = directory / "default.target.wants" / UNIT_NAME
    if link.is_symlink():
        link.unlink()
    target.unlink()
    reload = ["systemctl", "--user", "daemon-reload"]
    if available:
        _run_checked(runner, reload)
        report.ran.append(reload)
    else:
        report.todo = [*uninstall_commands(), reload]
    return report


def passthrough(argv: Sequence[str]) -> int:
    """Run a command on the user's terminal (status, logs) and return its exit status."""
    try:
        return subprocess.call(list(argv))
    except FileNotFoundError:
        raise ServiceError(
            f"{argv[0]} is not installed on this machine",
            "Rejoinder's service commands need systemd; run 'rejoinder run' yourself instead",
        ) from None


def _run_checked(runner: Runner, argv: Sequence[str]) -> None:
    done = runner(argv)
    if done.returncode != 0:
        said = " ".join(done.output.split())[-300:]
        raise ServiceError(
            f"'{shell_line(argv)}' failed (status {done.returncode})"
            + (f": {said}" if said else ""),
            "see 'rejoinder service logs' and 'rejoinder service status'",
        )


def _write_atomically(target: Path, text: str) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, 0o644)  # a unit holds no secrets; systemd and the user read it
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
