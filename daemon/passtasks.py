"""Work an account's worker does after each pass over its watched folders.

Drafting replies to new rejections is the pass itself (watcher.py). Everything
else the daemon does with a connection it already holds -- reading the user's
corrections from the learning folders, noticing replies in Sent, discarded
drafts and feedback, writing delayed feedback requests, retraining the personal
model -- is a *pass task*: an object with a ``name`` and a ``run(context)``.

A task that raises a connection or journal error (``OSError``,
``RejoinderError``) ends the pass like any other such failure: the worker logs
it and reconnects with backoff. Any other exception is a bug in that task: the
worker logs it with its traceback and goes on with the other tasks, so a
faulty extra can never stop replies from being drafted.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:  # only for annotations: these modules import nothing from here
    from rejoinder.daemon.config import AccountConfig, Config
    from rejoinder.daemon.imap import ImapMailbox, ImapSession
    from rejoinder.daemon.journal import Journal
    from rejoinder.daemon.pipeline import Classifies, Pipeline


@dataclass(frozen=True)
class PassContext:
    """What a pass task may use; it belongs to one pass of one account."""

    account: AccountConfig
    config: Config
    journal: Journal
    session: ImapSession
    mailbox: ImapMailbox  # the watched folders and the Drafts folder found for this pass
    pipeline: Pipeline  # handles one message as the pass does (classify, draft, journal)
    classifier: Classifies
    # Makes a new classifier (e.g. a freshly adopted personal model) the one every
    # worker of this daemon uses from its next pass on.
    adopt_classifier: Callable[[Classifies], None]
    clock: Callable[[], datetime]
    dry_run: bool  # tasks must not write to the mailbox or the journal when set
    stop: threading.Event  # set when the daemon is shutting down: finish quickly
    beat: Callable[[], None]  # call during long work: tells the watchdog the worker lives


class PassTask(Protocol):
    """One extra job a worker runs after each pass (see the module docstring)."""

    name: str

    def run(self, context: PassContext) -> None: ...
