"""Building JournalEntry values for tests of statistics and reports."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from rejoinder.daemon.journal import JournalEntry


def make_entry(
    n: int, days_ago: float, now: datetime, stage: str | None = "application", **changes: Any
) -> JournalEntry:
    """Rejection number ``n``, received ``days_ago`` before ``now``; ``changes`` override fields."""
    values: dict[str, Any] = {
        "id": n,
        "account": "work",
        "folder": "INBOX",
        "source_key": f"k{n}",
        "message_key": f"<{n}@x>",
        "message_id": f"<{n}@x>",
        "received_at": now - timedelta(days=days_ago),
        "sender": "Dana <dana@acme.example>",
        "subject": "Your application",
        "company": f"Company {n}",
        "role": "Analyst",
        "stage": stage,
        "verdict": "rejection",
        "score": 0.9,
        "model_version": "m",
        "draft_status": "created",
    }
    values.update(changes)
    return JournalEntry(**values)
