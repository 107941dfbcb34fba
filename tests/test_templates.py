"""Reply templates: the bundled wordings read well in every case; user files are sandboxed."""

from __future__ import annotations

import itertools
import quopri
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from test_compose import classification, original

from rejoinder.classifier.result import Label, Stage
from rejoinder.daemon.compose import DraftSettings, Identity, compose_draft
from rejoinder.daemon.errors import TemplateError
from rejoinder.daemon.paths import user_templates_dir
from rejoinder.daemon.templating import (
    SAMPLE_CONTEXT,
    TONES,
    Origin,
    TemplateSet,
    check_templates,
    list_templates,
    text_problems,
)

NOW = datetime(2026, 3, 4, 9, 30, tzinfo=UTC)


@pytest.fixture(scope="module")
def bundled() -> TemplateSet:
    return TemplateSet.load(None)


@pytest.fixture
def user_dir() -> Path:
    """The user override folder under the isolated XDG config home."""
    path = user_templates_dir()
    path.mkdir(parents=True)
    return path


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


# --- the bundled set ------------------------------------------------------------------


def test_bundled_templates_have_two_wordings_per_purpose(bundled: TemplateSet) -> None:
    for kind, situation in itertools.product(
        ("reply", "feedback_follow_up"), ("application", "interview", "neutral")
    ):
        assert len(bundled.variants(kind, situation)) >= 2
    assert len(bundled.variants("reply", "closed")) >= 2


def test_bundled_templates_have_no_problems_in_any_case(bundled: TemplateSet) -> None:
    """Every wording × missing company/role/name/user_name × tone × feedback choice."""
    assert [str(p) for p in check_templates(bundled)] == []


def test_list_templates_names_origins(bundled: TemplateSet) -> None:
    listed = list_templates(bundled)
    assert {info.origin for info in listed} == {Origin.BUNDLED}
    assert "_layout.j2" in {info.name for info in listed}
    assert "reply_interview_1.j2" in {info.name for info in listed}


MISSING = list(itertools.product([True, False], repeat=4))
PURPOSES = [
    (stage, label, kind, feedback)
    for stage, label in (
        (Stage.APPLICATION, Label.REJECTION),
        (Stage.INTERVIEW, Label.REJECTION),
        (Stage.UNKNOWN, Label.REJECTION),
        (Stage.APPLICATION, Label.POSITION_CLOSED),
    )
    # "never" gives the same thank-you-only reply as "follow_up" (tested in test_compose)
    for kind, feedback in (
        ("reply", "same_draft"),
        ("reply", "follow_up"),
        ("feedback_follow_up", "follow_up"),
    )
]


def _refs_covering_every_wording(templates: TemplateSet, kind: Any, situation: Any) -> list[str]:
    by_template: dict[str, str] = {}
    for i in range(200):
        by_template.setdefault(templates.choose(kind, situation, f"r-{i}"), f"r-{i}")
    assert set(by_template) == set(templates.variants(kind, situation))
    return list(by_template.values())


@pytest.mark.parametrize(("company", "role", "name", "user"), MISSING)
def test_every_draft_reads_cleanly(
    bundled: TemplateSet, company: bool, role: bool, name: bool, user: bool
) -> None:
    """Whole drafts as compose_draft builds them: every wording, tone, kind and feedback choice."""
    identity = Identity("Sam Rivera" if user else "", "sam.rivera@mailbox.example")
    situations = {Stage.APPLICATION: "application", Stage.INTERVIEW: "interview"}
    for (stage, label, kind, feedback), tone in itertools.product(PURPOSES, TONES):
        situation = "closed" if label is Label.POSITION_CLOSED else situations.get(stage, "neutral")
        for ref in _refs_covering_every_wording(bundled, kind, situation):
            cls = classification(
                stage,
                label,
                company="Lindqvist & Okafor Renewables" if company else None,
                role="Senior Data Platform Engineer" if role else None,
                name="Dana" if name else None,
            )
            settings = DraftSettings(tone=tone, feedback_request=feedback, quote_original=False)
            draft = compose_draft(
                original(),
                cls,
                ref=ref,
                identity=identity,
                settings=settings,
                templates=bundled,
                now=NOW,
                kind=kind,
            )
            body = _qp_decode(draft.raw.split(b"\r\n\r\n", 1)[1].decode("ascii"))
            assert list(text_problems(body)) == [], (draft.template, settings, cls.extraction)
            first = body.splitlines()[0]
            assert first.startswith(("Hi ", "Hello,", "Dear ")), first
            if not user:
                assert body.rstrip().splitlines()[-1].endswith(",")  # ends on the sign-off


def _qp_decode(text: str) -> str:
    return quopri.decodestring(text.encode()).decode("utf-8").replace("\r\n", "\n")


# --- the problem checks can fail ------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "problem"),
    [
        ("Dear {{ name }}, thanks for everything you did for me.", "'None'"),
        ("Dear {{ name or '' }}, thanks for everything you did for me.", "space before"),
        ("Thanks for the {{ role or '' }} role, it was great to hear from you.", "double space"),
        ("Thanks for your note about the role at {{ company or '' }}.", "space before"),
        ("Thanks {{ '{{' }} for the kind words about my work and the interviews.", "unrendered"),
        ("Thanks. " + "x" * 90, "longer than 76"),
        (
            "Thanks for the role and for all the time.\n\n\n\nMore text for words here.",
            "blank line",
        ),
        ("Thanks.", "too short"),
        ("word " * 200, "too long"),
        ("Thanks for the the update about the role and the interviews.", "repeated"),
    ],
)
def test_check_templates_reports_problems(user_dir: Path, body: str, problem: str) -> None:
    # A template outside the layout, so wrapping and greeting cannot hide the problem.
    _write(user_dir, "reply_application_1.j2", body + "\n")
    templates = TemplateSet.load(user_dir)
    problems = check_templates(templates, only=["reply_application_1.j2"])
    assert any(problem in p.problem for p in problems), [str(p) for p in problems]
    assert {(p.template, p.origin) for p in problems} == {("reply_application_1.j2", Origin.USER)}


def test_check_templates_covers_every_selectable_template(user_dir: Path) -> None:
    _write(user_dir, "follow_up_interview_2.j2", "Dear {{ name }}, thanks again for the time.\n")
    problems = check_templates(TemplateSet.load(user_dir))
    assert {p.template for p in problems} == {"follow_up_interview_2.j2"}


# --- user overrides -------------------------------------------------------------------


def test_user_template_overrides_the_bundled_one(user_dir: Path) -> None:
    _write(
        user_dir,
        "reply_interview_1.j2",
        '{% extends "_layout.j2" %}{% block body %}My own words for '
        "{{ company or 'you' }}.{% endblock %}",
    )
    templates = TemplateSet.load(user_dir)
    assert templates.info("reply_interview_1.j2").origin is Origin.USER
    assert templates.info("reply_interview_2.j2").origin is Origin.BUNDLED
    text = templates.render("reply_interview_1.j2", SAMPLE_CONTEXT)
    assert "My own words for Lindqvist & Okafor Renewables." in text
    assert text.startswith("Hi Dana,")


def test_user_layout_applies_to_every_wording(user_dir: Path) -> None:
    _write(
        user_dir, "_layout.j2", "Ahoy!\n\n{% block body %}{% endblock %}\n\n-- {{ user_name }}\n"
    )
    templates = TemplateSet.load(user_dir)
    for name in templates.variants("reply", "application"):
        assert templates.render(name, SAMPLE_CONTEXT).startswith("Ahoy!")


def test_user_can_add_a_wording(user_dir: Path) -> None:
    _write(user_dir, "reply_application_3.j2", '{% extends "_layout.j2" %}')
    variants = TemplateSet.load(user_dir).variants("reply", "application")
    assert variants == (
        "reply_application_1.j2",
        "reply_application_2.j2",
        "reply_application_3.j2",
    )


def test_missing_user_folder_means_bundled_only() -> None:
    templates = TemplateSet.load(user_templates_dir())
    assert {t.origin for t in list_templates(templates)} == {Origin.BUNDLED}


def test_choice_is_deterministic_and_uses_every_wording(bundled: TemplateSet) -> None:
    picks = [bundled.choose("reply", "interview", f"ref-{i}") for i in range(40)]
    assert set(picks) == set(bundled.variants("reply", "interview"))
    assert picks == [bundled.choose("reply", "interview", f"ref-{i}") for i in range(40)]


def test_closed_follow_up_falls_back_to_neutral(bundled: TemplateSet) -> None:
    assert bundled.variants("feedback_follow_up", "closed") == bundled.variants(
        "feedback_follow_up", "neutral"
    )


# --- sandbox and broken files ---------------------------------------------------------

UNSAFE = [
    "{{ ''.__class__ }}",
    "{{ cycler.__init__ }}",
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ company['__class__'] }}",
    "{% if tone == 'nope' %}{{ name.__class__ }}{% endif %}",  # a branch samples never run
    "{{ company|attr('__class__') }}",  # only the sandbox at render time sees this one
    "{{ lipsum.__globals__ }}",
    "{{ (1).__class__.__base__.__subclasses__() }}",
    "{% set f = company.format %}{{ f }}",
]


@pytest.mark.parametrize("source", UNSAFE)
def test_unsafe_user_template_fails_at_load(user_dir: Path, source: str) -> None:
    path = _write(user_dir, "reply_application_2.j2", source)
    with pytest.raises(TemplateError) as caught:
        TemplateSet.load(user_dir)
    assert str(path) in str(caught.value)
    assert "delete it" in caught.value.fix
    assert caught.value.exit_code == 65


@pytest.mark.parametrize(
    ("source", "words"),
    [
        ("{% if %}", "syntax error on line 1"),
        ("Hello\n{{ company", "syntax error on line 2"),
        ("{{ salary }}", "unknown variable"),
        ('{% include "missing.j2" %}', "fails to render"),
        ("{{ 1 / 0 }}", "fails to render"),
    ],
)
def test_broken_user_template_fails_at_load(user_dir: Path, source: str, words: str) -> None:
    path = _write(user_dir, "reply_neutral_1.j2", source)
    with pytest.raises(TemplateError) as caught:
        TemplateSet.load(user_dir)
    assert words in str(caught.value)
    assert str(path) in str(caught.value)


def test_broken_user_layout_is_blamed_not_the_wording(user_dir: Path) -> None:
    path = _write(user_dir, "_layout.j2", "{{ not_a_variable }}{% block body %}{% endblock %}")
    with pytest.raises(TemplateError) as caught:
        TemplateSet.load(user_dir)
    assert str(path) in str(caught.value)


def test_misnamed_user_template_is_refused(user_dir: Path) -> None:
    _write(user_dir, "reply_aplication_1.j2", "Hello")
    with pytest.raises(TemplateError, match="has a name Rejoinder does not use") as caught:
        TemplateSet.load(user_dir)
    assert "reply_<situation>_<n>.j2" in caught.value.fix


def test_user_folder_that_is_a_file_is_refused(tmp_path: Path) -> None:
    not_a_folder = tmp_path / "templates"
    not_a_folder.write_text("oops")
    with pytest.raises(TemplateError, match="not a folder"):
        TemplateSet.load(not_a_folder)


def test_other_files_in_the_user_folder_are_ignored(user_dir: Path) -> None:
    _write(user_dir, "notes.txt", "{{ ''.__class__ }}")
    assert TemplateSet.load(user_dir).info("reply_application_1.j2").origin is Origin.BUNDLED


@pytest.mark.parametrize("value", ["{{7*7}}", "{% for x in range(9) %}x{% endfor %}"])
def test_values_are_data_not_templates(bundled: TemplateSet, value: str) -> None:
    context = replace(SAMPLE_CONTEXT, company=value, role=value, name=value)
    text = " ".join(bundled.render("reply_application_1.j2", context).split())
    assert value in text
    assert "49" not in text
    assert "xxxxxxxxx" not in text
