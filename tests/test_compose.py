"""Drafts: headers, threading, recipients, body choices, and hostile originals."""

from __future__ import annotations

import email
import email.policy
import re
from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone
from email.message import EmailMessage
from email.utils import parsedate_to_datetime
from typing import Any

import hostile_headers
import pytest
from hostile_headers import USER, check_draft

from rejoinder.classifier.message import Address, ParsedMessage, ParseFailure, parse_message
from rejoinder.classifier.result import Classification, Extraction, Label, Stage, Verdict
from rejoinder.daemon.compose import (
    MAX_QUOTE_LINES,
    Draft,
    DraftSettings,
    Identity,
    compose_draft,
    is_no_reply,
    reply_subject,
    valid_address,
    valid_message_id,
)
from rejoinder.daemon.templating import TemplateKind, TemplateSet

NOW = datetime(2026, 3, 4, 9, 30, tzinfo=timezone(timedelta(hours=1)))
ME = Identity("Sam Rivera", USER)


@pytest.fixture(scope="module")
def templates() -> TemplateSet:
    return TemplateSet.load(None)


def original(**changes: Any) -> ParsedMessage:
    """A plain application-stage rejection from a recruiter; override any field."""
    new_text = (
        "Hi Sam,\n\nThank you for applying for the Data Analyst role. We have decided to "
        "move forward with other candidates.\n"
    )
    signature = "Dana Reyes\nTalent Partner, Northwind Analytics"
    fields: dict[str, Any] = {
        "message_id": "<orig-1@mail.northwind.example>",
        "in_reply_to": None,
        "references": (),
        "from_": Address("Dana Reyes", "dana.reyes@northwind.example"),
        "reply_to": (),
        "to": (Address("Sam Rivera", USER),),
        "cc": (),
        "subject": "Your application for Data Analyst",
        "date": datetime(2026, 3, 3, 10, 15, tzinfo=UTC),
        "list_id": None,
        "auto_submitted": None,
        "precedence": None,
        "body": f"{new_text}\n{signature}\n",
        "body_from_html": False,
        "new_text": new_text,
        "quoted": "",
        "signature": signature,
        "size": 900,
        "truncated": False,
    }
    fields.update(changes)
    return ParsedMessage(**fields)


def classification(
    stage: Stage | None = Stage.APPLICATION,
    label: Label = Label.REJECTION,
    *,
    company: str | None = "Northwind Analytics",
    role: str | None = "Data Analyst",
    name: str | None = "Dana",
) -> Classification:
    return Classification(
        label=label,
        verdict=Verdict.REJECTION,
        score=0.97,
        stage=stage,
        extraction=Extraction(company=company, role=role, contact_name=name),
        model_version="test",
    )


@pytest.fixture
def compose(templates: TemplateSet) -> Any:
    def build(
        orig: ParsedMessage | None = None,
        cls: Classification | None = None,
        *,
        settings: DraftSettings | None = None,
        kind: TemplateKind = "reply",
        ref: str = "r-0001",
        identity: Identity = ME,
        now: datetime = NOW,
    ) -> Draft:
        return compose_draft(
            orig or original(),
            cls or classification(),
            ref=ref,
            identity=identity,
            settings=settings or DraftSettings(),
            templates=templates,
            now=now,
            kind=kind,
        )

    return build


def reparse(draft: Draft) -> EmailMessage:
    message = email.message_from_bytes(draft.raw, policy=email.policy.default)
    assert isinstance(message, EmailMessage)
    return message


def body_of(draft: Draft) -> str:
    part = reparse(draft).get_body(("plain",))
    assert part is not None
    content = part.get_content()
    assert isinstance(content, str)
    return content.replace("\r\n", "\n")


def paragraphs(text: str) -> list[str]:
    return [p for p in text.split("\n\n") if p.strip()]


# --- recipients -----------------------------------------------------------------------


def test_to_is_reply_to_when_present(compose: Any) -> None:
    orig = original(reply_to=(Address("Dana at Northwind", "dana.r@northwind.example"),))
    draft = compose(orig)
    assert draft.to == (Address("Dana at Northwind", "dana.r@northwind.example"),)
    assert str(reparse(draft)["To"]) == "Dana at Northwind <dana.r@northwind.example>"
    assert not draft.needs_recipient


def test_to_is_from_without_reply_to(compose: Any) -> None:
    draft = compose()
    assert draft.to == (Address("Dana Reyes", "dana.reyes@northwind.example"),)


def test_no_reply_reply_to_falls_back_to_from(compose: Any) -> None:
    orig = original(reply_to=(Address("Careers", "no-reply@northwind.example"),))
    assert [a.addr for a in compose(orig).to] == ["dana.reyes@northwind.example"]


def test_invalid_reply_to_is_dropped_not_copied(compose: Any) -> None:
    orig = original(reply_to=(Address("", "dana@north wind.example"),))
    assert [a.addr for a in compose(orig).to] == ["dana.reyes@northwind.example"]


@pytest.mark.parametrize(
    "addr",
    [
        "noreply@northwind.example",
        "no-reply@northwind.example",
        "no_reply@northwind.example",
        "NoReply+abc123@northwind.example",
        "donotreply@northwind.example",
        "do-not-reply@northwind.example",
        "careers-noreply@northwind.example",
        "mailer-daemon@northwind.example",
        "MAILER-DAEMON@northwind.example",
        "postmaster@northwind.example",
        "bounce@northwind.example",
        "bounces+1234@northwind.example",
        "notifications@northwind.example",
        "dana@us.greenhouse-mail.io",
        "jobs@hire.lever.co",
        "dana@lever.co",
        "dana@ashbyhq.com",
        "northwind@myworkday.com",
        "talent@icims.com",
        "dana@smartrecruiters.com",
        "recruiting@taleo.net",
        "dana@successfactors.eu",
        "dana@jobvite.com",
        "dana@workablemail.com",
        "dana@bamboohr.com",
        "dana@recruitee.com",
        "dana@teamtailor.com",
        "dana@northwind.personio.de",
    ],
)
def test_no_reply_addresses_are_recognised(addr: str) -> None:
    assert is_no_reply(addr)


@pytest.mark.parametrize(
    "addr",
    [
        "dana.reyes@northwind.example",
        "noreen@northwind.example",
        "careers@northwind.example",
        "talent@quillmark.example",
        "dana@cleverco.example",  # "lever.co" only as a whole domain
        "nora.notifies@northwind.example",
    ],
)
def test_human_addresses_are_not_no_reply(addr: str) -> None:
    assert not is_no_reply(addr)


def test_no_reply_sender_uses_the_employers_address_from_the_signature(compose: Any) -> None:
    orig = original(
        from_=Address("Northwind Analytics", "no-reply@hire.northwind.example"),
        new_text="We have decided not to proceed. Questions: talent@agency-partners.example\n",
        signature="Dana Reyes\nRecruiter\ndana.reyes@northwind.example",
    )
    draft = compose(orig)
    assert draft.to == (Address("", "dana.reyes@northwind.example"),)
    assert not draft.needs_recipient


def test_employer_domain_preferred_even_when_it_comes_second(compose: Any) -> None:
    orig = original(
        from_=Address("Careers", "no-reply@ats-relay.example"),
        signature="Dana\nvia staffing: dana@staffing-partner.example\ndana@northwind-analytics.example",
    )
    assert [a.addr for a in compose(orig).to] == ["dana@northwind-analytics.example"]


def test_some_human_address_when_none_matches_the_employer(compose: Any) -> None:
    orig = original(
        from_=Address("Careers", "no-reply@ats-relay.example"),
        signature="Dana Reyes\ndana@talentbridge.example",
    )
    assert [a.addr for a in compose(orig).to] == ["dana@talentbridge.example"]


def test_body_search_never_picks_another_no_reply_or_a_privacy_desk(compose: Any) -> None:
    orig = original(
        from_=Address("Careers", "no-reply@northwind.example"),
        new_text=(
            "Replies to donotreply@northwind.example are not read.\n"
            "Data questions: privacy@northwind.example\n"
        ),
        signature="",
    )
    draft = compose(orig)
    assert draft.to == ()
    assert draft.needs_recipient


def test_body_search_skips_the_users_own_address_and_the_quoted_history(compose: Any) -> None:
    orig = original(
        from_=Address("Careers", "no-reply@northwind.example"),
        new_text=f"We sent this to {USER}.\n",
        quoted="> From: dana@northwind.example\n",
        signature="",
    )
    assert compose(orig).to == ()


def test_without_any_recipient_the_first_line_says_so(compose: Any) -> None:
    orig = original(
        from_=Address("Careers", "no-reply@northwind.example"),
        signature="",
        new_text="No address here.\n",
    )
    draft = compose(orig)
    message = reparse(draft)
    assert draft.needs_recipient
    assert draft.to == ()
    assert "To" not in message
    first = body_of(draft).splitlines()[0]
    assert "does not accept replies" in first
    assert len(first) < 80


def test_recipient_note_absent_when_there_is_a_recipient(compose: Any) -> None:
    assert "does not accept replies" not in body_of(compose())


@pytest.mark.parametrize(
    "addr",
    [
        "dana@northwind",
        '"dana reyes"@northwind.example',
        "dana@[192.0.2.1]",
        "zoë@northwind.example",
        "dana@-northwind.example",
        "a..b@northwind.example",
        "dana@northwind.example,evil@attacker.example",
        "dana?=@northwind.example",
    ],
)
def test_unusual_addresses_are_dropped(addr: str) -> None:
    assert valid_address(addr) is None


@pytest.mark.parametrize(
    "addr", ["dana@northwind.example", "o'neil+jobs@mail.north-wind.example", " d@n.example "]
)
def test_plain_addresses_are_kept(addr: str) -> None:
    assert valid_address(addr) == addr.strip()


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("<abc.123@mail.northwind.example>", "<abc.123@mail.northwind.example>"),
        (" <a+b=c@x.example>\t", "<a+b=c@x.example>"),
        ("<abc@[192.0.2.1]>", "<abc@[192.0.2.1]>"),
        ("abc@x.example", None),
        ("<abc@x.example", None),
        ("<abc>", None),
        ("<a b@x.example>", None),
        ("<a@b@x.example>", None),
        ("<a@x.example> <b@x.example>", None),
        ("<=?utf-8?q?a?=@x.example>", None),
        ("<" + "a" * 300 + "@x.example>", None),
        (None, None),
    ],
)
def test_message_ids_are_kept_only_when_plain(value: str | None, expected: str | None) -> None:
    assert valid_message_id(value) == expected


# --- subject --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("subject", "expected"),
    [
        ("Your application", "Re: Your application"),
        ("Re: Your application", "Re: Your application"),
        ("RE: Re: re: Your application", "Re: Your application"),
        ("Re:Re: Your application", "Re: Your application"),
        ("Re : Votre candidature", "Re: Votre candidature"),
        ("AW: Aw: Ihre Bewerbung", "Re: Ihre Bewerbung"),
        ("Sv: Din ansökan", "Re: Din ansökan"),
        ("Antw: Uw sollicitatie", "Re: Uw sollicitatie"),
        ("Réf. : Votre candidature", "Re: Votre candidature"),
        ("Réf: Votre candidature", "Re: Votre candidature"),
        ("Odp: Twoja aplikacja", "Re: Twoja aplikacja"),
        ("Re[2]: Your application", "Re: Your application"),
        ("RE[12]: Re(3): Your application", "Re: Your application"),
        ("Fwd: Your application", "Re: Fwd: Your application"),
        ("Regarding your application", "Re: Regarding your application"),
        ("Revised timeline", "Re: Revised timeline"),
        ("  Re:   spaced   out  ", "Re: spaced out"),
    ],
)
def test_reply_subject_does_not_stack_prefixes(subject: str, expected: str) -> None:
    assert reply_subject(subject, Extraction()) == expected


@pytest.mark.parametrize(
    ("extraction", "expected"),
    [
        (
            Extraction("Northwind Analytics", "Data Analyst"),
            "Re: My application for Data Analyst at Northwind Analytics",
        ),
        (Extraction(None, "the Data Analyst role"), "Re: My application for Data Analyst"),
        (Extraction("Northwind", None), "Re: My application at Northwind"),
        (Extraction(), "Re: My application"),
    ],
)
@pytest.mark.parametrize("empty", ["", "   ", "Re:", "RE: Re:"])
def test_empty_subject_gets_a_sensible_one(
    extraction: Extraction, expected: str, empty: str
) -> None:
    assert reply_subject(empty, extraction) == expected


def test_non_ascii_subject_is_encoded_and_round_trips(compose: Any) -> None:
    draft = compose(original(subject="Ihre Bewerbung – Datenanalyst (m/w/d) ✓"))
    head = draft.raw.split(b"\r\n\r\n")[0]
    head.decode("ascii")
    assert b"=?utf-8?" in head
    assert str(reparse(draft)["Subject"]) == "Re: Ihre Bewerbung – Datenanalyst (m/w/d) ✓"


# --- threading and fixed headers ------------------------------------------------------


def test_in_reply_to_and_references(compose: Any) -> None:
    refs = ("<a@x.example>", "<b@x.example>")
    message = reparse(compose(original(references=refs)))
    assert str(message["In-Reply-To"]).strip() == "<orig-1@mail.northwind.example>"
    assert str(message["References"]).split() == [*refs, "<orig-1@mail.northwind.example>"]


def test_references_keep_only_the_last_ten(compose: Any) -> None:
    refs = tuple(f"<ref{i}@thread.example>" for i in range(25))
    references = str(reparse(compose(original(references=refs)))["References"]).split()
    assert references == [*refs[-10:], "<orig-1@mail.northwind.example>"]


def test_long_message_ids_are_not_encoded(compose: Any) -> None:
    long_id = "<" + "CAB" * 40 + "@mail.northwind.example>"
    draft = compose(original(message_id=long_id))
    assert f"\r\nIn-Reply-To: {long_id}\r\n".encode() in draft.raw
    assert f"\r\nReferences: {long_id}\r\n".encode() in draft.raw


def test_bad_message_id_is_dropped_not_copied(compose: Any) -> None:
    orig = original(message_id="<orig 1@northwind.example>", references=("<a@x.example>",))
    message = reparse(compose(orig))
    assert "In-Reply-To" not in message
    assert str(message["References"]).split() == ["<a@x.example>"]


def test_message_id_is_fresh_and_deterministic(compose: Any) -> None:
    draft = compose()
    assert draft.message_id == "<rejoinder.r-0001.reply@mailbox.example>"
    assert reparse(draft)["Message-ID"] == draft.message_id
    assert compose().raw == draft.raw  # same inputs, same bytes: safe to re-run
    assert compose(ref="r-0002").message_id != draft.message_id
    follow_up = compose(
        kind="feedback_follow_up", settings=DraftSettings(feedback_request="follow_up")
    )
    assert follow_up.message_id == "<rejoinder.r-0001.feedback_follow_up@mailbox.example>"


def test_date_comes_from_now(compose: Any) -> None:
    later = NOW + timedelta(days=2, minutes=7)
    assert parsedate_to_datetime(str(reparse(compose(now=later))["Date"])) == later


def test_naive_now_is_refused(compose: Any) -> None:
    with pytest.raises(ValueError, match="timezone"):
        compose(now=datetime(2026, 3, 4, 9, 30))  # naive on purpose


def test_mime_headers_and_quoted_printable_body(compose: Any) -> None:
    settings = DraftSettings(user_name="Zoé Ångström", quote_original=False)
    draft = compose(settings=settings, identity=Identity("Zoé Ångström", USER))
    message = reparse(draft)
    assert message["MIME-Version"] == "1.0"
    assert message.get_content_type() == "text/plain"
    assert message.get_content_charset() == "utf-8"
    assert message["Content-Transfer-Encoding"] == "quoted-printable"
    raw_body = draft.raw.split(b"\r\n\r\n", 1)[1]
    assert b"Zo=C3=A9 =C3=85ngstr=C3=B6m" in raw_body
    assert all(len(line) <= 76 for line in raw_body.split(b"\r\n"))
    assert "Zoé Ångström" in body_of(draft)
    assert str(message["From"]) == f"Zoé Ångström <{USER}>"


def test_lines_end_with_crlf(compose: Any) -> None:
    raw = compose().raw
    assert b"\n" not in raw.replace(b"\r\n", b"")


def test_x_rejoinder_ref_and_exact_header_set(compose: Any) -> None:
    draft = compose(ref="abc123", orig=original(references=("<a@x.example>",)))
    message = reparse(draft)
    assert message["X-Rejoinder-Ref"] == "abc123"
    assert sorted(name.lower() for name in message) == sorted(
        [
            "from",
            "to",
            "subject",
            "date",
            "message-id",
            "in-reply-to",
            "references",
            "x-rejoinder-ref",
            "mime-version",
            "content-type",
            "content-transfer-encoding",
        ]
    )


@pytest.mark.parametrize("ref", ["", "a b", "a\nb", "<x>", "a" * 200, "é"])
def test_unsafe_refs_are_refused(compose: Any, ref: str) -> None:
    with pytest.raises(ValueError, match="ref"):
        compose(ref=ref)


@pytest.mark.parametrize("addr", ["sam", "sam@", "sam@x\r\n.example", "a b@x.example"])
def test_malformed_identity_is_refused(compose: Any, addr: str) -> None:
    with pytest.raises(ValueError, match="identity"):
        compose(identity=Identity("Sam", addr))


@pytest.mark.parametrize("addr", ["", "  "])
def test_identity_without_address_leaves_from_to_the_mail_client(compose: Any, addr: str) -> None:
    draft = compose(identity=Identity("Sam Rivera", addr))
    message = reparse(draft)
    assert "From" not in message
    assert draft.message_id == "<rejoinder.r-0001.reply@rejoinder.invalid>"
    assert message["Message-ID"] == draft.message_id
    assert "Sam Rivera" in body_of(draft)


# --- quote ----------------------------------------------------------------------------


def test_quote_is_on_by_default_with_attribution(compose: Any) -> None:
    lines = body_of(compose()).splitlines()
    start = lines.index("On 3 March 2026, Dana Reyes wrote:")
    assert lines[start + 1 :] == [
        "> Hi Sam,",
        ">",
        "> Thank you for applying for the Data Analyst role. We have decided to move "
        "forward with other candidates.",
        ">",
        "> Dana Reyes",
        "> Talent Partner, Northwind Analytics",
    ]


def test_quote_can_be_switched_off(compose: Any) -> None:
    body = body_of(compose(settings=DraftSettings(quote_original=False)))
    assert "wrote:" not in body
    assert not any(line.startswith(">") for line in body.splitlines())


def test_quote_is_bounded(compose: Any) -> None:
    long_text = "\n".join(f"line {i}" for i in range(500))
    body = body_of(compose(original(new_text=long_text, signature="")))
    quoted = [line for line in body.splitlines() if line.startswith(">")]
    assert len(quoted) == MAX_QUOTE_LINES + 1
    assert quoted[-1] == "> [...]"


def test_quote_without_date_or_name(compose: Any) -> None:
    orig = original(date=None, from_=Address("", "dana.reyes@northwind.example"))
    assert "dana.reyes@northwind.example wrote:" in body_of(compose(orig)).splitlines()


def test_quote_strips_control_characters(compose: Any) -> None:
    orig = original(new_text="Hello\x00 there\x1b[31m\u202e\n", signature="")
    body = body_of(compose(orig))
    assert "> Hello there[31m" in body.splitlines()


# --- body choices ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("stage", "label", "prefix"),
    [
        (Stage.APPLICATION, Label.REJECTION, "reply_application_"),
        (Stage.INTERVIEW, Label.REJECTION, "reply_interview_"),
        (Stage.UNKNOWN, Label.REJECTION, "reply_neutral_"),
        (None, Label.REJECTION, "reply_neutral_"),
        (Stage.APPLICATION, Label.POSITION_CLOSED, "reply_closed_"),
    ],
)
def test_template_follows_the_stage(
    compose: Any, stage: Stage | None, label: Label, prefix: str
) -> None:
    assert compose(cls=classification(stage, label)).template.startswith(prefix)


@pytest.mark.parametrize("stage", [Stage.APPLICATION, Stage.INTERVIEW, Stage.UNKNOWN])
def test_wordings_vary_across_a_batch_but_not_per_message(compose: Any, stage: Stage) -> None:
    cls = classification(stage)
    chosen = {compose(cls=cls, ref=f"r-{i}").template for i in range(30)}
    assert len(chosen) >= 2
    assert compose(cls=cls, ref="r-7").template == compose(cls=cls, ref="r-7").template


def test_thank_you_only_reply_drops_exactly_the_feedback_question(compose: Any) -> None:
    no_quote = {"quote_original": False}
    asking = paragraphs(body_of(compose(settings=DraftSettings(**no_quote))))
    for choice in ("follow_up", "never"):
        thanks = paragraphs(
            body_of(compose(settings=DraftSettings(feedback_request=choice, **no_quote)))
        )
        assert len(thanks) == len(asking) - 1
        assert set(thanks) < set(asking)


def test_feedback_follow_up_is_a_separate_threaded_draft(compose: Any) -> None:
    settings = DraftSettings(feedback_request="follow_up")
    draft = compose(kind="feedback_follow_up", settings=settings)
    assert draft.template.startswith("follow_up_application_")
    message = reparse(draft)
    assert str(message["In-Reply-To"]).strip() == "<orig-1@mail.northwind.example>"
    assert body_of(draft) != body_of(compose(settings=settings))


def test_feedback_follow_up_refused_when_feedback_is_never_asked(compose: Any) -> None:
    with pytest.raises(ValueError, match="never"):
        compose(kind="feedback_follow_up", settings=DraftSettings(feedback_request="never"))


def test_closed_position_never_asks_for_feedback(compose: Any) -> None:
    cls = classification(Stage.APPLICATION, Label.POSITION_CLOSED)
    settings = DraftSettings(quote_original=False)
    body = body_of(compose(cls=cls, settings=settings))
    assert "feedback" not in body.lower()
    assert "stronger" not in body.lower()


@pytest.mark.parametrize(
    ("tone", "name", "greeting", "closing"),
    [
        ("warm", "Dana", "Hi Dana,", "All the best,"),
        ("warm", None, "Hello,", "All the best,"),
        ("brief", "Dana", "Hi Dana,", "Best,"),
        ("formal", "Dana", "Dear Dana,", "Kind regards,"),
        ("formal", None, "Dear hiring team,", "Kind regards,"),
    ],
)
def test_tone_sets_greeting_and_sign_off(
    compose: Any, tone: Any, name: str | None, greeting: str, closing: str
) -> None:
    settings = DraftSettings(tone=tone, quote_original=False)
    lines = body_of(compose(cls=classification(name=name), settings=settings)).splitlines()
    assert lines[0] == greeting
    assert lines[-2:] == [closing, "Sam Rivera"]


def test_own_sign_off_name_and_signature(compose: Any) -> None:
    settings = DraftSettings(
        quote_original=False,
        sign_off="Cheers",
        user_name="Sam R.",
        signature="Data analyst\n+1 555 0100\x00",
    )
    lines = body_of(compose(settings=settings)).splitlines()
    assert lines[-4:] == ["Cheers,", "Sam R.", "Data analyst", "+1 555 0100"]


@pytest.mark.parametrize(
    ("sign_off", "shown"),
    [
        ("Best", "Best,"),
        ("All the best", "All the best,"),
        ("Thanks!", "Thanks!"),
        ("— S.", "— S."),
    ],
)
def test_own_sign_off_gets_a_comma_only_when_it_needs_one(
    compose: Any, sign_off: str, shown: str
) -> None:
    settings = DraftSettings(quote_original=False, sign_off=sign_off)
    assert body_of(compose(settings=settings)).splitlines()[-2:] == [shown, "Sam Rivera"]


def test_brief_is_shorter_than_warm(compose: Any) -> None:
    warm = body_of(compose(settings=DraftSettings(quote_original=False)))
    brief = body_of(compose(settings=DraftSettings(tone="brief", quote_original=False)))
    assert len(brief.split()) < len(warm.split())


@pytest.mark.parametrize(
    "role", ["the Data Analyst role", "Data Analyst position", "a Data Analyst job"]
)
def test_role_wording_is_normalised(compose: Any, role: str) -> None:
    cls = classification(role=role)
    for ref in ("r-1", "r-2", "r-3", "r-4"):
        draft = compose(cls=cls, ref=ref, settings=DraftSettings(quote_original=False))
        body = " ".join(body_of(draft).split())
        assert "Data Analyst" in body
        assert not re.search(r"the the|role role|position role|job role|a Data", body)


@pytest.mark.parametrize("value", ["{{7*7}}", "{% raw %}x{% endraw %}", "{{ cycler.__init__ }}"])
def test_mail_content_is_data_never_a_template(compose: Any, value: str) -> None:
    cls = classification(company=value, role=value)
    orig = original(subject=value, new_text=f"{value}\n", signature="")
    draft = compose(orig, cls)
    assert draft.subject == f"Re: {value}"
    body = " ".join(body_of(draft).split())
    assert value in body
    assert "49" not in body


def test_extracted_values_are_cleaned_before_the_body(compose: Any) -> None:
    cls = classification(company="Northwind\r\nBcc: x", role=None, name="dana\u2028")
    body = body_of(compose(cls=cls, settings=DraftSettings(quote_original=False)))
    assert body.splitlines()[0] == "Hi Dana,"
    assert "Northwind Bcc: x" in " ".join(body.split())


@pytest.mark.parametrize(
    "name", ["dana@northwind.example", "12345", "—", "", "   ", "Team", "hiring", "there"]
)
def test_unusable_contact_names_fall_back_to_a_plain_greeting(compose: Any, name: str) -> None:
    body = body_of(compose(cls=classification(name=name)))
    assert body.splitlines()[0] == "Hello,"


# --- hostile originals ----------------------------------------------------------------

HOSTILE = hostile_headers.hostile_cases()
DIRECT = hostile_headers.direct_cases()


def test_enough_hostile_originals() -> None:
    assert len(HOSTILE) >= 100
    assert len(DIRECT) >= 100


@pytest.mark.parametrize("decode", [False, True], ids=["undecoded", "decoded"])
@pytest.mark.parametrize("case", HOSTILE, ids=[c.name for c in HOSTILE])
def test_hostile_original_as_stdlib_reads_it(
    compose: Any, case: hostile_headers.HostileCase, decode: bool
) -> None:
    orig = hostile_headers.stdlib_parsed(case.raw, decode=decode)
    # A decoding parser may legitimately turn a broken id into a valid-looking one
    # (or the reverse), so the exact expectation only holds for undecoded values.
    check_draft(compose(orig), orig, valid_id=None if decode else case.valid_id)


@pytest.mark.parametrize(
    ("orig", "valid_id"), [(o, v) for _, o, v in DIRECT], ids=[n for n, _, _ in DIRECT]
)
def test_hostile_values_placed_directly(compose: Any, orig: ParsedMessage, valid_id: bool) -> None:
    for kind in ("reply", "feedback_follow_up"):
        draft = compose(orig, kind=kind)
        check_draft(draft, orig, valid_id=valid_id)


def _project_parser_available() -> bool:
    try:
        parse_message(hostile_headers.HOSTILE_PROBE)
    except NotImplementedError:
        return False
    return True


PROJECT_PARSER = pytest.mark.skipif(
    not _project_parser_available(), reason="rejoinder.classifier.message.parse_message pending"
)


@PROJECT_PARSER
@pytest.mark.parametrize("case", HOSTILE, ids=[c.name for c in HOSTILE])
def test_hostile_original_through_the_project_parser(
    compose: Any, case: hostile_headers.HostileCase
) -> None:
    result = parse_message(case.raw)
    if isinstance(result, ParseFailure):
        return  # nothing to draft; the pipeline logs and skips it (bounded below)
    draft = compose(result)
    check_draft(draft, result, valid_id=None)
    if case.valid_id and result.message_id == hostile_headers.GOOD_ID:
        assert str(reparse(draft)["In-Reply-To"]).strip() == hostile_headers.GOOD_ID


@PROJECT_PARSER
def test_most_hostile_originals_parse_so_the_checks_above_bite() -> None:
    parsed = [c for c in HOSTILE if not isinstance(parse_message(c.raw), ParseFailure)]
    assert len(parsed) >= len(HOSTILE) * 0.8


@pytest.mark.parametrize(
    "injected",
    [b"Bcc: evil@attacker.example\r\n", b"X-Note: a\x0bb\r\n", b"Subject: twice\r\n"],
)
def test_hostile_draft_checker_can_fail(compose: Any, injected: bytes) -> None:
    """The checker itself must catch an extra header or a control character."""
    draft = compose()
    check_draft(draft, original(), valid_id=True)
    first_line_end = draft.raw.index(b"\r\n") + 2
    tampered = draft.raw[:first_line_end] + injected + draft.raw[first_line_end:]
    with pytest.raises(AssertionError):
        check_draft(replace(draft, raw=tampered), original(), valid_id=True)
