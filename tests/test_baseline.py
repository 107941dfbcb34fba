"""The keyword-rule baseline on hand-written messages."""

from __future__ import annotations

import pytest

from rejoinder.classifier.baseline import keyword_is_rejection
from rejoinder.classifier.message import ParsedMessage, parse_message


def message(subject: str, body: str) -> ParsedMessage:
    raw = (
        "From: Lena Marsh <lena@quillfeather.example>\r\n"
        "To: Robin <robin@home.example>\r\n"
        f"Subject: {subject}\r\n"
        "Message-ID: <kw-1@quillfeather.example>\r\n"
        "Content-Type: text/plain; charset=utf-8\r\n"
        "\r\n"
        f"{body}\r\n"
    ).encode()
    parsed = parse_message(raw)
    assert isinstance(parsed, ParsedMessage), parsed
    return parsed


@pytest.mark.parametrize(
    ("subject", "body"),
    [
        (
            "Your application to Quillfeather",
            "Hi Robin,\n\nWe regret to inform you that we will not be taking your "
            "application for the Cartographer role any further.\n\nLena",
        ),
        (
            "Quillfeather - Junior Archivist",
            "Dear Robin,\n\nAfter much thought we have decided to move forward with "
            "other candidates for the position.\n\nKind regards,\nLena",
        ),
        (
            "Update on your candidacy",
            "Robin, thank you for the three interviews. You have not been selected for "
            "the next round.",
        ),
        (
            "Archivist opening",
            "Thanks for applying. Unfortunately we received an overwhelming number of "
            "applications and cannot continue with yours. Best of luck with your search.",
        ),
        (
            "Your application",
            "The decision is made: we\u2019re not moving\nforward with your application.",
        ),
    ],
    ids=["regret-to-inform", "other-candidates", "not-selected", "two-soft-cues", "wrapped"],
)
def test_rejections_are_flagged(subject: str, body: str) -> None:
    assert keyword_is_rejection(message(subject, body))


@pytest.mark.parametrize(
    ("subject", "body"),
    [
        (
            "Interview on Thursday",
            "Hi Robin,\n\nWe would love to invite you to interview for the Cartographer "
            "role. Does Thursday at 10 work?\n\nLena",
        ),
        (
            "Rescheduling our call",
            "Unfortunately I have to move our interview to Friday. Sorry about that!",
        ),
        (
            "Server maintenance",
            "We regret to inform you that the file server will be down tonight.",
        ),
        (
            "Re: your application",
            "Great news, the team wants to meet you next week.\n\n"
            "On Mon, 4 Mar 2024 at 09:00, Old Co <hr@old.example> wrote:\n"
            "> We regret to inform you that you have not been selected.",
        ),
    ],
    ids=["invitation", "one-soft-cue", "no-job-context", "quoted-rejection"],
)
def test_ordinary_mail_is_not_flagged(subject: str, body: str) -> None:
    assert not keyword_is_rejection(message(subject, body))
