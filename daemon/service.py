"""``rejoinder run``: the long-running service around the account workers.

Main thread: signals, systemd notifications and the watchdog; one worker
thread per account (see ``watcher``). SIGTERM/SIGINT stop the workers (each
finishes the message in hand and logs out) and the process exits within
SHUTDOWN_GRACE seconds even if a worker hangs in a network call. SIGHUP stops
them, reloads config, templates and the model (so a personal model trained
meanwhile by `rejoinder train --personal` is picked up), and starts them again; a configuration that cannot be used is
reported and the old one kept.

READY=1 is sent once config, templates and model are loaded and the workers
started (again after each reload). WATCHDOG=1 is sent only while every worker
is alive and gave a heartbeat recently, so a hung worker gets the service
restarted by systemd.
"""

from __future__ import annotations

import logging
import signal
import threading
from pathlib import Path
from types import FrameType

from rejoinder.daemon import paths
from rejoinder.daemon.app import load_classifier_for, load_templates
from rejoinder.daemon.config import Config, load_config
from rejoinder.daemon.errors import ConfigError, ConfigProblem, RejoinderError
from rejoinder.daemon.pipeline import Classifies
from rejoinder.daemon.sdnotify import Notifier, watchdog_interval
from rejoinder.daemon.templating import TemplateSet
from rejoinder.daemon.watcher import Daemon, build_daemon, use_one_malloc_arena

log = logging.getLogger(__name__)

SHUTDOWN_GRACE = 4.0  # seconds the workers get to finish their message and log out
IDLE_SUPERVISION = 30.0  # seconds between health checks when systemd set no watchdog


class Signals:
    """Signal flags for the main thread; ``wake`` interrupts its wait."""

    def __init__(self) -> None:
        self.terminate = threading.Event()
        self.reload = threading.Event()
        self.wake = threading.Event()

    def install(self) -> None:
        signal.signal(signal.SIGTERM, self._on_terminate)
        signal.signal(signal.SIGINT, self._on_terminate)
        signal.signal(signal.SIGHUP, self._on_reload)

    def _on_terminate(self, signum: int, frame: FrameType | None) -> None:
        self.terminate.set()
        self.wake.set()

    def _on_reload(self, signum: int, frame: FrameType | None) -> None:
        self.reload.set()
        self.wake.set()


def stale_after(config: Config) -> float:
    """Seconds without a heartbeat after which a worker counts as hung.

    A healthy worker beats at least every second while waiting and after every
    message; the longest legitimate silence is connecting (connect, TLS, login:
    each bounded by timeout_seconds) plus a password command (30 s).
    """
    return 3 * config.daemon.timeout_seconds + 60.0


def serve(config_path: Path, notifier: Notifier | None = None) -> None:
    use_one_malloc_arena()  # before any worker thread exists
    notifier = notifier or Notifier()
    signals = Signals()
    signals.install()
    daemon = build_daemon(_usable_config(config_path), paths.journal_file())
    while True:
        _start(daemon, notifier)
        _supervise(daemon, signals, notifier)
        if signals.terminate.is_set():
            notifier.stopping()
            log.info("stopping")
            _stop(daemon)
            log.info("stopped")
            return
        signals.reload.clear()
        notifier.reloading()
        log.info("reloading configuration and templates")
        _stop(daemon)
        daemon = _reloaded(config_path, daemon)


def _start(daemon: Daemon, notifier: Notifier) -> None:
    statuses: dict[str, str] = {}
    lock = threading.Lock()

    def on_status(account: str, text: str) -> None:
        with lock:  # workers report from their own threads
            statuses[account] = text
            summary = "; ".join(statuses.values())
        notifier.status(summary)

    daemon.on_status = on_status
    daemon.start()
    names = ", ".join(a.name for a in daemon.config.accounts)
    notifier.ready(f"watching {len(daemon.config.accounts)} account(s): {names}")
    log.info("watching %d account(s): %s", len(daemon.config.accounts), names)


def _stop(daemon: Daemon) -> None:
    daemon.stop.set()
    if not daemon.join(SHUTDOWN_GRACE):
        log.warning("a worker did not stop within %.0f s; leaving it behind", SHUTDOWN_GRACE)


def _supervise(daemon: Daemon, signals: Signals, notifier: Notifier) -> None:
    """Until a signal: ping the watchdog while every worker makes progress."""
    ping = watchdog_interval()
    limit = stale_after(daemon.config)
    was_healthy = True
    while True:
        signals.wake.wait(ping or IDLE_SUPERVISION)
        signals.wake.clear()
        if signals.terminate.is_set() or signals.reload.is_set():
            return
        healthy = daemon.healthy(limit)
        if healthy and ping is not None:
            notifier.watchdog()
        if healthy != was_healthy:
            if healthy:
                log.info("every account worker is making progress again")
            else:
                log.error(
                    "an account worker is stuck or died; no longer telling systemd we're fine"
                )
            was_healthy = healthy


def _usable_config(config_path: Path) -> Config:
    config = load_config(config_path, required=True)
    if not config.accounts:
        raise ConfigError(
            str(config_path),
            [
                ConfigProblem(
                    "accounts", "no account is configured", "add an [accounts.NAME] section"
                )
            ],
        )
    return config


def _reloaded(config_path: Path, old: Daemon) -> Daemon:
    """A fresh daemon over the new config, or over the old one when the new cannot be used."""
    templates: TemplateSet | None
    classifier: Classifies
    try:
        config = _usable_config(config_path)
        templates = load_templates()
        classifier = load_classifier_for(config)  # a model trained meanwhile is picked up
    except RejoinderError as exc:
        log.error("the new configuration cannot be used, keeping the old one: %s", exc)
        config, templates, classifier = old.config, old.templates, old.classifier
    return Daemon(
        config=config, classifier=classifier, journal_path=old.journal_path, templates=templates
    )
