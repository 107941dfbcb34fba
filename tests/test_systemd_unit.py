"""The systemd user unit, `rejoinder service …` with an injected systemctl, and journald logging."""

from __future__ import annotations

import logging
import os
import re
import shutil
import stat
import subprocess
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest
from click.testing import CliRunner

from rejoinder.daemon import paths, systemd_unit
from rejoinder.daemon.cli import cli, setup_logging
from rejoinder.daemon.systemd_unit import (
    UNIT_NAME,
    Completed,
    JournalFormatter,
    ServiceError,
    UnitSettings,
    find_executable,
    install_service,
    logs_command,
    render_unit,
    settings_for,
    status_command,
    stderr_is_journal,
    uninstall_service,
    unit_template,
)

REPO = Path(__file__).resolve().parents[1]


class FakeSystemctl:
    """Records commands; answers like a user manager that is up (or not)."""

    def __init__(self, up: bool = True, failing: str | None = None) -> None:
        self.up = up
        self.failing = failing
        self.commands: list[list[str]] = []

    def __call__(self, argv: Sequence[str]) -> Completed:
        self.commands.append(list(argv))
        if argv[-1] == "is-system-running":
            return Completed(0 if self.up else 1, "running" if self.up else "offline")
        if self.failing and self.failing in argv:
            return Completed(1, "Failed to enable unit: Access denied")
        return Completed(0, "")

    @property
    def actions(self) -> list[list[str]]:
        return [c for c in self.commands if c[-1] != "is-system-running"]


def executable(tmp_path: Path, name: str = "rejoinder") -> Path:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("#!/bin/sh\nexit 0\n")
    path.chmod(0o755)
    return path


def settings(tmp_path: Path, **overrides: object) -> UnitSettings:
    values: dict[str, object] = {
        "executable": executable(tmp_path / "bin"),
        "writable": (tmp_path / "state" / "rejoinder", tmp_path / "data" / "rejoinder"),
    }
    values.update(overrides)
    return UnitSettings(**values)  # type: ignore[arg-type]


def directives(text: str) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for line in text.splitlines():
        if "=" in line and not line.startswith(("#", "[")):
            key, _, value = line.partition("=")
            found.setdefault(key, []).append(value)
    return found


# ------------------------------------------------------------ the unit file


def test_shipped_unit_is_a_supervised_sandboxed_notify_service() -> None:
    unit = directives(unit_template())
    assert unit["Type"] == ["notify"]
    assert unit["NotifyAccess"] == ["main"]
    assert unit["ExecStart"] == ["%h/.local/bin/rejoinder run"]
    assert unit["ExecReload"] == ["/bin/kill -HUP $MAINPID"]
    assert unit["Restart"] == ["on-failure"]
    assert unit["WatchdogSec"] == ["5min"]
    assert unit["ProtectSystem"] == ["strict"]
    assert unit["ProtectHome"] == ["read-only"]
    assert unit["UMask"] == ["0077"]
    assert unit["RestrictAddressFamilies"] == ["AF_INET AF_INET6 AF_UNIX"]
    # No specifier whose meaning changed between systemd versions (%S was ~/.config before 254).
    assert "%S" not in unit["ReadWritePaths"][0]


def test_render_fills_in_the_executable_and_the_writable_directories(tmp_path: Path) -> None:
    chosen = settings(tmp_path)
    unit = directives(render_unit(unit_template(), chosen))
    assert unit["ExecStart"] == [f"{chosen.executable} run"]
    assert unit["ReadWritePaths"] == [f"-{tmp_path}/state/rejoinder -{tmp_path}/data/rejoinder"]
    assert "Environment" not in unit or all("XDG" not in e for e in unit["Environment"])


def test_render_quotes_and_escapes_awkward_paths(tmp_path: Path) -> None:
    odd = tmp_path / "my apps 100%" / '$HOME "x"'
    chosen = UnitSettings(
        executable=odd / "rejoinder",
        writable=(odd / "state",),
        config=odd / "config.toml",
        environment=(("XDG_STATE_HOME", str(odd)),),
    )
    unit = directives(render_unit(unit_template(), chosen))
    escaped = str(odd).replace("%", "%%").replace('"', '\\"')
    # $ is literal in the program path but would be expanded in an argument.
    assert unit["ExecStart"] == [
        f'"{escaped}/rejoinder" --config "{escaped.replace("$", "$$")}/config.toml" run'
    ]
    assert unit["ReadWritePaths"] == [f'"-{escaped}/state"']
    assert f'"XDG_STATE_HOME={escaped}"' in unit["Environment"]


def test_control_characters_in_paths_are_refused(tmp_path: Path) -> None:
    with pytest.raises(ServiceError, match="control character"):
        render_unit(unit_template(), settings(tmp_path, writable=(Path("/tmp/a\nExecStartPre=x"),)))


@pytest.fixture
def runtime_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """`systemd-analyze --user` needs a runtime directory, even offline."""
    run = tmp_path / "run"
    run.mkdir(mode=0o700)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(run))
    return run


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="needs systemd-analyze")
def test_systemd_reads_the_rendered_unit_back_exactly(tmp_path: Path, runtime_dir: Path) -> None:
    # verify checks that ExecStart names an existing executable: a path that
    # survives systemd's unquoting and specifier expansion proves the escaping.
    odd = tmp_path / "my apps %h" / "$HOME"
    chosen = UnitSettings(executable=executable(odd), writable=(odd / "state",))
    unit = tmp_path / "unit" / UNIT_NAME
    unit.parent.mkdir()
    unit.write_text(render_unit(unit_template(), chosen))
    done = subprocess.run(
        ["systemd-analyze", "--user", "verify", str(unit)], capture_output=True, text=True
    )
    assert (done.returncode, done.stdout + done.stderr) == (0, "")
    broken = unit.read_text().replace("%%h", "%h")  # unescaped, %h means the home directory
    unit.write_text(broken)
    done = subprocess.run(
        ["systemd-analyze", "--user", "verify", str(unit)], capture_output=True, text=True
    )
    assert done.stdout + done.stderr != ""


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="needs systemd-analyze")
def test_ci_systemd_check_passes_on_the_shipped_unit(runtime_dir: Path) -> None:
    done = subprocess.run(
        [str(REPO / ".ci" / "systemd-check")], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stdout + done.stderr
    score = re.search(r"exposure level for rejoinder\.service: (\d+\.\d+)", done.stdout)
    assert score is not None
    assert float(score.group(1)) <= 2.5


# ------------------------------------------------------------ install / uninstall


def test_install_writes_the_unit_creates_directories_and_enables_it(tmp_path: Path) -> None:
    chosen = settings(tmp_path)
    systemctl = FakeSystemctl()
    report = install_service(chosen, now=True, runner=systemctl, unit_dir=tmp_path / "units")
    unit = tmp_path / "units" / UNIT_NAME
    assert report.unit_path == unit
    assert directives(unit.read_text())["ExecStart"] == [f"{chosen.executable} run"]
    assert stat.S_IMODE(unit.stat().st_mode) == 0o644
    for directory in chosen.writable:
        assert stat.S_IMODE(directory.stat().st_mode) == 0o700
    assert (
        systemctl.actions
        == report.ran
        == [
            ["systemctl", "--user", "daemon-reload"],
            ["systemctl", "--user", "enable", UNIT_NAME],
            ["systemctl", "--user", "restart", UNIT_NAME],
        ]
    )
    assert report.todo == []


def test_install_without_now_only_restarts_a_running_service(tmp_path: Path) -> None:
    systemctl = FakeSystemctl()
    install_service(settings(tmp_path), now=False, runner=systemctl, unit_dir=tmp_path)
    assert systemctl.actions[-1] == ["systemctl", "--user", "try-restart", UNIT_NAME]


def test_install_without_a_user_manager_writes_the_unit_and_lists_the_commands(
    tmp_path: Path,
) -> None:
    systemctl = FakeSystemctl(up=False)
    report = install_service(settings(tmp_path), now=True, runner=systemctl, unit_dir=tmp_path)
    assert (tmp_path / UNIT_NAME).exists()
    assert systemctl.actions == report.ran == []
    assert ["systemctl", "--user", "enable", UNIT_NAME] in report.todo


def test_a_failing_systemctl_is_reported_with_what_it_said(tmp_path: Path) -> None:
    systemctl = FakeSystemctl(failing="enable")
    with pytest.raises(ServiceError) as caught:
        install_service(settings(tmp_path), now=True, runner=systemctl, unit_dir=tmp_path)
    assert "'systemctl --user enable rejoinder.service' failed (status 1)" in str(caught.value)
    assert "Access denied" in str(caught.value)


def test_uninstall_disables_then_removes_the_unit(tmp_path: Path) -> None:
    install_service(settings(tmp_path), now=True, runner=FakeSystemctl(), unit_dir=tmp_path)
    systemctl = FakeSystemctl()
    report = uninstall_service(runner=systemctl, unit_dir=tmp_path)
    assert report.changed
    assert not (tmp_path / UNIT_NAME).exists()
    assert systemctl.actions == [
        ["systemctl", "--user", "disable", "--now", UNIT_NAME],
        ["systemctl", "--user", "daemon-reload"],
    ]


def test_uninstall_without_a_manager_also_removes_the_enablement_link(tmp_path: Path) -> None:
    install_service(settings(tmp_path), now=True, runner=FakeSystemctl(up=False), unit_dir=tmp_path)
    link = tmp_path / "default.target.wants" / UNIT_NAME
    link.parent.mkdir()
    link.symlink_to(tmp_path / UNIT_NAME)
    report = uninstall_service(runner=FakeSystemctl(up=False), unit_dir=tmp_path)
    assert not link.is_symlink()
    assert not (tmp_path / UNIT_NAME).exists()
    assert ["systemctl", "--user", "daemon-reload"] in report.todo


def test_uninstall_when_nothing_is_installed_changes_nothing(tmp_path: Path) -> None:
    systemctl = FakeSystemctl()
    assert not uninstall_service(runner=systemctl, unit_dir=tmp_path).changed
    assert systemctl.commands == []


def test_status_and_logs_commands() -> None:
    assert status_command() == ["systemctl", "--user", "status", "--no-pager", "--full", UNIT_NAME]
    assert logs_command(False, 50) == ["journalctl", "--user", "-u", UNIT_NAME, "-n", "50"]
    assert logs_command(True, 10)[-1] == "-f"


# ------------------------------------------------------------ choosing what to run


def test_the_running_program_wins_over_path(tmp_path: Path) -> None:
    running = executable(tmp_path / "venv" / "bin")
    other = executable(tmp_path / "elsewhere")
    assert find_executable(str(running), lambda name: str(other)) == running.resolve()
    # Run as something else (python -m, a test runner): whatever PATH has.
    assert find_executable("/usr/bin/pytest", lambda name: str(other)) == other.resolve()


def test_no_installed_program_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(ServiceError, match="cannot find the installed 'rejoinder'"):
        find_executable(str(tmp_path / "rejoinder"), lambda name: None)


def test_settings_follow_this_users_directories(
    tmp_path: Path, isolated_xdg: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    exe = executable(tmp_path)
    default = settings_for(exe, paths.config_dir() / "config.toml")
    assert default.config is None
    assert default.writable == (paths.state_dir(), paths.data_dir())
    assert dict(default.environment)["XDG_STATE_HOME"] == str(isolated_xdg / "state")
    custom = settings_for(exe, tmp_path / "other.toml")
    assert custom.config == tmp_path / "other.toml"


# ------------------------------------------------------------ CLI


@pytest.fixture
def fake_systemctl(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> FakeSystemctl:
    fake = FakeSystemctl()
    monkeypatch.setattr(systemd_unit, "run_command", fake)
    program = executable(tmp_path / "bin")
    monkeypatch.setattr(systemd_unit, "find_executable", lambda: program)
    return fake


def test_cli_service_install_and_uninstall(
    fake_systemctl: FakeSystemctl, isolated_xdg: Path
) -> None:
    result = CliRunner().invoke(cli, ["service", "install", "--now"])
    assert result.exit_code == 0, result.output
    unit = isolated_xdg / "config" / "systemd" / "user" / UNIT_NAME
    assert unit.exists()
    assert "ran: systemctl --user enable rejoinder.service" in result.output
    assert "The service is running" in result.output
    result = CliRunner().invoke(cli, ["service", "uninstall"])
    assert result.exit_code == 0, result.output
    assert not unit.exists()
    assert f"Removed {unit}." in result.output


def test_cli_service_install_prints_the_commands_when_systemd_is_unreachable(
    fake_systemctl: FakeSystemctl,
) -> None:
    fake_systemctl.up = False
    result = CliRunner().invoke(cli, ["service", "install"])
    assert result.exit_code == 0, result.output
    assert "not reachable from here; run these yourself:" in result.output
    assert "  systemctl --user daemon-reload\n" in result.output


def test_cli_service_logs_passes_the_exit_status_through(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[list[str]] = []
    monkeypatch.setattr(systemd_unit, "passthrough", lambda argv: seen.append(list(argv)) or 3)
    result = CliRunner().invoke(cli, ["service", "logs", "-f", "-n", "5"])
    assert result.exit_code == 3
    assert seen == [["journalctl", "--user", "-u", UNIT_NAME, "-n", "5", "-f"]]


def test_cli_service_status_without_systemctl_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(
        systemd_unit, "status_command", lambda: ["no-such-systemctl-xyz", "--user", "status"]
    )
    result = CliRunner().invoke(cli, ["service", "status"])
    assert result.exit_code == 69
    assert "no-such-systemctl-xyz is not installed on this machine" in result.output


# ------------------------------------------------------------ logging for journald


@pytest.fixture
def stderr_file(tmp_path: Path) -> Iterator[Path]:
    """A real file for stderr, as systemd connects it to a journal stream."""
    path = tmp_path / "stderr"
    path.touch()
    yield path
    logging.getLogger().handlers.clear()


def _point_stderr_at(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # In the test body: pytest swaps sys.stderr between setup and call.
    handle = path.open("a")
    monkeypatch.setattr(sys, "stderr", handle)


def _journal_stream(path: Path) -> str:
    info = os.stat(path)
    return f"{info.st_dev}:{info.st_ino}"


def _emit_and_read(path: Path) -> list[str]:
    log = logging.getLogger("rejoinder.test")
    log.debug("debug line")
    log.info("info line")
    log.warning("warning line")
    log.error("error line")
    try:
        raise ValueError("boom")
    except ValueError:
        log.exception("failed")
    sys.stderr.flush()
    return path.read_text().splitlines()


def test_under_journald_lines_carry_priorities_and_no_timestamps(
    stderr_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("JOURNAL_STREAM", _journal_stream(stderr_file))
    _point_stderr_at(stderr_file, monkeypatch)
    setup_logging(2)
    lines = _emit_and_read(stderr_file)
    assert lines[:4] == [
        "<7>rejoinder.test: debug line",
        "<6>rejoinder.test: info line",
        "<4>rejoinder.test: warning line",
        "<3>rejoinder.test: error line",
    ]
    # A traceback: every line is its own journal entry, all at error priority.
    assert lines[4] == "<3>rejoinder.test: failed"
    assert all(line.startswith("<3>") for line in lines[5:])
    assert lines[-1] == "<3>ValueError: boom"


def test_on_a_terminal_lines_carry_time_and_level(
    stderr_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("JOURNAL_STREAM", raising=False)
    _point_stderr_at(stderr_file, monkeypatch)
    setup_logging(1)
    lines = _emit_and_read(stderr_file)
    assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d INFO rejoinder\.test: info line", lines[0])
    assert not any(line.startswith("<") for line in lines)


def test_an_inherited_journal_stream_for_another_file_is_ignored(
    stderr_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _point_stderr_at(stderr_file, monkeypatch)
    other = tmp_path / "other"
    other.write_text("")
    monkeypatch.setenv("JOURNAL_STREAM", _journal_stream(other))
    assert not stderr_is_journal()
    monkeypatch.setenv("JOURNAL_STREAM", "garbage")
    assert not stderr_is_journal()
    monkeypatch.setenv("JOURNAL_STREAM", _journal_stream(stderr_file))
    assert stderr_is_journal()


def test_critical_maps_to_priority_2() -> None:
    record = logging.LogRecord("x", logging.CRITICAL, __file__, 1, "down", None, None)
    assert JournalFormatter().format(record) == "<2>x: down"
