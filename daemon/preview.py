"""The draft one message would get, without writing or recording anything.

Pure apart from the injected classifier: ``rejoinder preview`` reads the file,
builds the classifier, identity, settings and templates from the config, and
prints what ``preview_draft`` returns with ``readable_message``.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from email import message_from_bytes, policy
from email.message import EmailMessage

from rejoinder.classifier.message import (
    ParsedMessage,
    ParseFailure,
    message_identity,
    parse_message,
)
from rejoinder.classifier.result import Classification, Label, Stage, Verdict
from rejoinder.daemon.compose import Draft, DraftSettings, Identity, compose_draft
from rejoinder.daemon.errors import InputError
from rejoinder.daemon.pipeline import Classifies, draft_ref
from rejoinder.daemon.templating import TemplateSet

# The account name scan uses for local mail: the preview's draft gets the same reference
# (and so the same wording) that ``rejoinder scan`` would give this message.
LOCAL_ACCOUNT = "local"


@dataclass(frozen=True)
class Preview:
    parsed: ParsedMessage
    classification: Classification  # what the model said
    draft: Draft
    hypothetical: bool  # the model did not call it a rejection: the draft assumes it were
    composed_with: Classification  # what the draft was written from (``as_rejection``)


def preview_draft(
    raw: bytes,
    *,
    source: str,
    classifier: Classifies,
    identity: Identity,
    settings: DraftSettings,
    templates: TemplateSet,
    now: datetime,
) -> Preview:
    """Classify one message and compose its draft (as if it were a rejection when it is not)."""
    parsed = parse_message(raw)
    if isinstance(parsed, ParseFailure):
        raise InputError(
            f"cannot read {source} as a mail message ({parsed.reason})",
            "give a whole message as a mail client saves it (.eml, headers included)",
        )
    result = classifier.classify(parsed)
    hypothetical = result.verdict is not Verdict.REJECTION
    assumed = as_rejection(result, parsed) if hypothetical else result
    draft = compose_draft(
        parsed,
        assumed,
        ref=draft_ref(LOCAL_ACCOUNT, message_identity(parsed)),
        identity=identity,
        settings=settings,
        templates=templates,
        now=now,
    )
    return Preview(parsed, result, draft, hypothetical, assumed)


def as_rejection(result: Classification, parsed: ParsedMessage) -> Classification:
    """The classification a rejection verdict would have given this message."""
    extraction = result.extraction
    if not any((extraction.company, extraction.role, extraction.contact_name)):
        # The classifier skips extraction for messages it ignores; run it here.
        from rejoinder.classifier.extract import extract

        extraction = extract(parsed)
    label = Label.POSITION_CLOSED if result.label is Label.POSITION_CLOSED else Label.REJECTION
    return replace(
        result,
        label=label,
        verdict=Verdict.REJECTION,
        stage=result.stage or Stage.UNKNOWN,
        extraction=extraction,
    )


def verdict_line(preview: Preview) -> str:
    """One sentence saying what Rejoinder makes of the message."""
    c = preview.classification
    if c.label is Label.POSITION_CLOSED:
        return (
            f"The position looks closed or cancelled (score {c.score:.2f}): Rejoinder would "
            "record it for review and write no draft."
        )
    if c.verdict is Verdict.REJECTION:
        stage = c.stage.value if c.stage else "unknown"
        return (
            f"A rejection (score {c.score:.2f}, {stage} stage): Rejoinder would write this draft."
        )
    if c.verdict is Verdict.UNSURE and c.note:
        return (
            f"Worded like a rejection (score {c.score:.2f}), but {c.note}: Rejoinder would "
            "record it for review and write no draft."
        )
    if c.verdict is Verdict.UNSURE:
        return (
            f"Rejoinder is unsure this is a rejection (score {c.score:.2f}): it would record it "
            "for review and write no draft."
        )
    return (
        f"Not a rejection (score {c.score:.2f}): Rejoinder would leave this message alone "
        "and write no draft."
    )


def found_line(preview: Preview) -> str:
    x = preview.composed_with.extraction
    return (
        f"Found: company {x.company or '?'}, role {x.role or '?'}, contact {x.contact_name or '?'}; "
        f"template {preview.draft.template}"
    )


def readable_message(raw: bytes) -> str:
    """Every header (decoded, unfolded) and then the decoded text body."""
    msg = message_from_bytes(raw, policy=policy.default)
    assert isinstance(msg, EmailMessage)
    head = [f"{name}: {' '.join(str(value).split())}" for name, value in msg.items()]
    parts = [msg] if not msg.is_multipart() else list(msg.walk())
    bodies = [
        str(part.get_content()).rstrip()
        for part in parts
        if isinstance(part, EmailMessage) and part.get_content_maintype() == "text"
    ]
    return "\n".join(head) + "\n\n" + "\n\n".join(bodies) + "\n"
