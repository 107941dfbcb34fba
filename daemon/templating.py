"""Reply templates: the bundled wordings, user overrides, and a sandbox to render them in.

Templates are Jinja2 files. Mail content only ever reaches them as *data* in a
``TemplateContext``; nothing taken from a message is compiled as a template, so
a subject such as ``{{7*7}}`` stays literal. User templates run in Jinja2's
sandbox with ``StrictUndefined`` and are rendered once at load time against
sample contexts, so an unsafe or broken override fails when the daemon starts
(``TemplateError`` naming the file), not halfway through a batch of drafts.

Template names say what they are for::

    reply_<situation>_<n>.j2      the reply to a rejection
    follow_up_<situation>_<n>.j2  a later, separate request for feedback
    _<anything>.j2                shared pieces (layout, phrases), never chosen directly

where ``<situation>`` is ``application``, ``interview``, ``neutral`` (stage
unknown) or ``closed`` (the position was cancelled) and ``<n>`` numbers the
alternative wordings; one is picked per message from its reference so a batch
of drafts does not read canned. A user file with a bundled name replaces it; a
user file with a new number adds a wording.
"""

from __future__ import annotations

import hashlib
import itertools
import logging
import re
import traceback
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import asdict, dataclass, fields, replace
from enum import StrEnum
from importlib.resources import files
from pathlib import Path
from typing import Literal

import jinja2
from jinja2 import nodes
from jinja2.sandbox import (
    UNSAFE_ASYNC_GENERATOR_ATTRIBUTES,
    UNSAFE_COROUTINE_ATTRIBUTES,
    UNSAFE_FUNCTION_ATTRIBUTES,
    UNSAFE_GENERATOR_ATTRIBUTES,
    UNSAFE_METHOD_ATTRIBUTES,
    SandboxedEnvironment,
)

from rejoinder.daemon.errors import TemplateError

log = logging.getLogger(__name__)

Tone = Literal["warm", "brief", "formal"]
TemplateKind = Literal["reply", "feedback_follow_up"]
Situation = Literal["application", "interview", "neutral", "closed"]

TONES: tuple[Tone, ...] = ("warm", "brief", "formal")
KINDS: tuple[TemplateKind, ...] = ("reply", "feedback_follow_up")
SITUATIONS: tuple[Situation, ...] = ("application", "interview", "neutral", "closed")

_PREFIX: dict[TemplateKind, str] = {"reply": "reply", "feedback_follow_up": "follow_up"}
_SELECTABLE = re.compile(
    r"^(?P<prefix>reply|follow_up)_(?P<situation>application|interview|neutral|closed)_\d{1,3}\.j2$"
)
_PARTIAL = re.compile(r"^_[a-z0-9_]+\.j2$")
LAYOUT = "_layout.j2"
WRAP_WIDTH = 72  # the layout wraps paragraphs here; check_templates flags lines past MAX_LINE
MAX_LINE = 76
_BUNDLED_PACKAGE = "rejoinder.templates"
_BLOCKED_ATTRIBUTES = frozenset(
    {"mro", "format", "format_map"}
    | UNSAFE_FUNCTION_ATTRIBUTES
    | UNSAFE_METHOD_ATTRIBUTES
    | UNSAFE_GENERATOR_ATTRIBUTES
    | UNSAFE_COROUTINE_ATTRIBUTES
    | UNSAFE_ASYNC_GENERATOR_ATTRIBUTES
)


class Origin(StrEnum):
    BUNDLED = "bundled"
    USER = "user"


@dataclass(frozen=True)
class TemplateContext:
    """Everything a template may use. Values from mail are already cleaned to one line."""

    company: str | None
    role: str | None  # e.g. "Data Analyst", without a trailing "role"/"position"
    name: str | None  # the contact's first name
    user_name: str | None
    sign_off: str | None  # the user's own sign-off; None lets the tone choose
    signature: str | None  # may span several lines
    tone: Tone
    stage: str  # "application", "interview" or "unknown"
    position_closed: bool
    kind: TemplateKind
    ask_feedback: bool  # False: thank-you only (feedback asked later, or never)
    needs_recipient: bool  # the sender cannot receive replies; the draft has no To yet


@dataclass(frozen=True)
class TemplateSource:
    name: str
    origin: Origin
    location: str  # a path for messages and tracebacks
    text: str


@dataclass(frozen=True)
class TemplateInfo:
    name: str
    origin: Origin
    location: str


@dataclass(frozen=True)
class TemplateProblem:
    template: str
    origin: Origin
    case: str  # which sample context showed it, e.g. "tone=brief, no company, no name"
    problem: str
    line: str  # the offending line, '' when the problem is not about one line

    def __str__(self) -> str:
        where = f" in line {self.line!r}" if self.line else ""
        return f"{self.template} ({self.origin}): {self.problem}{where} [{self.case}]"


SAMPLE_CONTEXT = TemplateContext(
    company="Lindqvist & Okafor Renewables",
    role="Senior Data Platform Engineer",
    name="Dana",
    user_name="Sam Rivera",
    sign_off=None,
    signature="Data analyst, Lisbon\nsam.rivera@example.org | +1 555 0100",
    tone="warm",
    stage="application",
    position_closed=False,
    kind="reply",
    ask_feedback=True,
    needs_recipient=False,
)


class TemplateSet:
    """The templates in force: bundled ones, with user files of the same name winning."""

    def __init__(self, sources: Mapping[str, TemplateSource]) -> None:
        self._sources = dict(sources)
        self._env = _make_environment(self._sources)

    @classmethod
    def load(cls, user_dir: Path | None = None) -> TemplateSet:
        """Bundled templates plus overrides from ``user_dir`` (ignored when it does not exist).

        The daemon passes ``rejoinder.daemon.paths.user_templates_dir()``
        (``$XDG_CONFIG_HOME/rejoinder/templates``); None means bundled only.

        Raises TemplateError when a user file is unsafe, broken or misnamed.
        """
        sources = _bundled_sources()
        if user_dir is not None:
            sources.update(_user_sources(user_dir))
        template_set = cls(sources)
        template_set._validate()
        return template_set

    def names(self) -> tuple[str, ...]:
        return tuple(sorted(self._sources))

    def info(self, name: str) -> TemplateInfo:
        source = self._sources[name]
        return TemplateInfo(source.name, source.origin, source.location)

    def variants(self, kind: TemplateKind, situation: Situation) -> tuple[str, ...]:
        """The alternative wordings for one purpose, falling back to the neutral ones."""
        for wanted in (situation, "neutral"):
            found = tuple(
                name
                for name in sorted(self._sources, key=_variant_order)
                if (match := _SELECTABLE.match(name))
                and match["prefix"] == _PREFIX[kind]
                and match["situation"] == wanted
            )
            if found:
                return found
        raise TemplateError(
            f"no template for {kind} / {situation}",
            f"add a file named {_PREFIX[kind]}_{situation}_1.j2 or reinstall Rejoinder",
        )

    def choose(self, kind: TemplateKind, situation: Situation, ref: str) -> str:
        """One wording, picked deterministically from the message reference."""
        names = self.variants(kind, situation)
        digest = hashlib.sha256(ref.encode("utf-8")).digest()
        return names[int.from_bytes(digest[:8], "big") % len(names)]

    def render(self, name: str, context: TemplateContext) -> str:
        """Render one template; returns text with one trailing newline, no trailing spaces.

        Raises TemplateError naming the file at fault when rendering fails.
        """
        try:
            text = self._env.get_template(name).render(asdict(context))
        except Exception as exc:  # user templates can raise anything (1/0, TypeError...)
            raise self._render_error(name, exc) from exc
        return _tidy(text)

    def _validate(self) -> None:
        for source in self._sources.values():
            self._compile(source)
        for name in self._selectable():
            for context in _load_time_contexts(name):
                self.render(name, context)
        required: list[tuple[TemplateKind, Situation]] = [
            (kind, situation)
            for kind in KINDS
            for situation in SITUATIONS
            if kind == "reply" or situation != "closed"
        ]
        for kind, situation in required:
            self.variants(kind, situation)  # raises when a required purpose has no wording

    def _selectable(self) -> list[str]:
        return [name for name in sorted(self._sources) if _SELECTABLE.match(name)]

    def _compile(self, source: TemplateSource) -> None:
        try:
            tree = self._env.parse(source.text, source.name, source.location)
            self._env.get_template(source.name)
        except jinja2.TemplateSyntaxError as exc:
            raise TemplateError(
                f"template {source.location} has a syntax error on line {exc.lineno}: "
                f"{exc.message}",
                _fix_for(source),
            ) from exc
        blocked = sorted(set(_blocked_attributes(tree)))
        if blocked:
            raise TemplateError(
                f"template {source.location} uses attributes the sandbox forbids "
                f"({', '.join(blocked)})",
                "use only the documented variables and filters; " + _fix_for(source),
            )

    def _render_error(self, name: str, exc: Exception) -> TemplateError:
        source = self._blame(exc) or self._sources[name]
        if isinstance(exc, jinja2.exceptions.SecurityError):
            problem = f"is unsafe ({exc})"
            hint = "remove the access the sandbox refused; "
        elif isinstance(exc, jinja2.UndefinedError):
            problem = f"uses an unknown variable ({exc})"
            hint = "available: " + ", ".join(f.name for f in fields(TemplateContext)) + "; "
        else:
            problem = f"fails to render ({type(exc).__name__}: {exc})"
            hint = ""
        return TemplateError(f"template {source.location} {problem}", hint + _fix_for(source))

    def _blame(self, exc: BaseException) -> TemplateSource | None:
        """The template whose code raised: Jinja names template frames after their file."""
        by_location = {source.location: source for source in self._sources.values()}
        culprit = None
        for frame in traceback.extract_tb(exc.__traceback__):
            culprit = by_location.get(frame.filename, culprit)
        return culprit


def list_templates(template_set: TemplateSet) -> list[TemplateInfo]:
    return [template_set.info(name) for name in template_set.names()]


def check_templates(
    template_set: TemplateSet, only: Iterable[str] | None = None
) -> list[TemplateProblem]:
    """Render every wording for every mix of missing fields, tone and feedback choice.

    Each distinct problem is reported once per template, with the first case that
    showed it, so a user can see at a glance what reads badly and where. ``only``
    limits the check to some template names.
    """
    wanted = set(only) if only is not None else None
    problems: dict[tuple[str, str], TemplateProblem] = {}
    for name in template_set.names():
        if not _SELECTABLE.match(name) or (wanted is not None and name not in wanted):
            continue
        origin = template_set.info(name).origin
        for case, context in _check_contexts(name):
            try:
                text = template_set.render(name, context)
            except TemplateError as exc:
                found = [(f"fails to render: {exc.what}", "")]
            else:
                found = list(text_problems(text))
            for problem, line in found:
                problems.setdefault(
                    (name, problem), TemplateProblem(name, origin, case, problem, line)
                )
    return list(problems.values())


_LINE_CHECKS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\bNone\b"), "shows 'None' for a missing value"),
    (re.compile(r"\S {2,}\S"), "double space"),
    (re.compile(r"\s[,.;:!?]"), "space before punctuation (a missing value?)"),
    (re.compile(r"[,;:]\s*[,.;:]"), "doubled punctuation (a missing value?)"),
    (re.compile(r"\b(\w+)\s+\1\b", re.IGNORECASE), "a word repeated"),
    (re.compile(r"\{\{|\}\}|\{%|%\}|\{#|#\}"), "unrendered template syntax"),
    (re.compile(r"^[ \t]+\S"), "line starts with a space"),
    (re.compile(r"\(\s*\)|\"\s*\"|''"), "empty brackets or quotes"),
)
_MAX_WORDS = 170
_MIN_WORDS = 12


def text_problems(text: str) -> Iterator[tuple[str, str]]:
    """Problems in one rendered draft body as (description, line)."""
    if "\n\n\n" in text:
        yield "more than one blank line in a row", ""
    if not text.strip():
        yield "renders empty", ""
        return
    words = len(text.split())
    if words > _MAX_WORDS:
        yield f"too long to send after a glance ({words} words)", ""
    if words < _MIN_WORDS:
        yield f"too short to read as a reply ({words} words)", ""
    for line in text.splitlines():
        if len(line) > MAX_LINE:
            yield f"line longer than {MAX_LINE} characters", line
        for pattern, description in _LINE_CHECKS:
            if pattern.search(line):
                yield description, line


def _check_contexts(name: str) -> Iterator[tuple[str, TemplateContext]]:
    base = _base_context(name)
    present = (True, False)
    for company, role, contact, user, tone, ask, no_reply, extras in itertools.product(
        present, present, present, present, TONES, present, present, present
    ):
        context = replace(
            base,
            company=base.company if company else None,
            role=base.role if role else None,
            name=base.name if contact else None,
            user_name=base.user_name if user else None,
            signature=base.signature if extras and user else None,
            sign_off="Cheers," if extras else None,
            tone=tone,
            ask_feedback=ask,
            needs_recipient=no_reply,
        )
        yield _describe(context), context


def _load_time_contexts(name: str) -> Iterator[TemplateContext]:
    """Enough variety that every branch of a sensible template runs at least once."""
    base = _base_context(name)
    for tone, full, ask, no_reply in itertools.product(
        TONES, (True, False), (True, False), (True, False)
    ):
        yield replace(
            base,
            company=base.company if full else None,
            role=base.role if full else None,
            name=base.name if full else None,
            user_name=base.user_name if full else None,
            signature=base.signature if full else None,
            sign_off="Cheers," if full else None,
            tone=tone,
            ask_feedback=ask,
            needs_recipient=no_reply,
        )


def _base_context(name: str) -> TemplateContext:
    match = _SELECTABLE.match(name)
    situation = match["situation"] if match else "neutral"
    stage = {"application": "application", "interview": "interview"}.get(situation, "unknown")
    kind: TemplateKind = (
        "feedback_follow_up" if match and match["prefix"] == "follow_up" else "reply"
    )
    return replace(SAMPLE_CONTEXT, stage=stage, position_closed=situation == "closed", kind=kind)


def _describe(context: TemplateContext) -> str:
    missing = [
        f"no {field}"
        for field in ("company", "role", "name", "user_name")
        if getattr(context, field) is None
    ]
    flags = [
        f"tone={context.tone}",
        "asks feedback" if context.ask_feedback else "thanks only",
        *(["no recipient"] if context.needs_recipient else []),
        *(["own sign-off"] if context.sign_off else []),
    ]
    return ", ".join(flags + missing)


def _tidy(text: str) -> str:
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").split("\n")]
    return "\n".join(lines).strip("\n") + "\n"


def _variant_order(name: str) -> tuple[str, int]:
    stem, _, number = name.removesuffix(".j2").rpartition("_")
    return (stem, int(number) if number.isdigit() else 0)


def _blocked_attributes(tree: nodes.Template) -> Iterator[str]:
    """Attribute names the sandbox would refuse, found even in branches a sample never runs."""
    for node in tree.find_all((nodes.Getattr, nodes.Getitem)):
        attribute: object = None
        if isinstance(node, nodes.Getattr):
            attribute = node.attr
        elif isinstance(node, nodes.Getitem) and isinstance(node.arg, nodes.Const):
            attribute = node.arg.value
        if isinstance(attribute, str) and (
            attribute.startswith("_") or attribute in _BLOCKED_ATTRIBUTES
        ):
            yield attribute


def _make_environment(sources: Mapping[str, TemplateSource]) -> SandboxedEnvironment:
    def load(name: str) -> tuple[str, str, None] | None:
        source = sources.get(name)
        return (source.text, source.location, None) if source else None

    return SandboxedEnvironment(
        loader=jinja2.FunctionLoader(load),
        undefined=jinja2.StrictUndefined,
        autoescape=False,  # plain-text mail: HTML escaping would corrupt names like "O'Neil & Co"
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,
    )


def _bundled_sources() -> dict[str, TemplateSource]:
    root = files(_BUNDLED_PACKAGE)
    sources = {}
    for entry in root.iterdir():
        if entry.is_file() and (_SELECTABLE.match(entry.name) or _PARTIAL.match(entry.name)):
            sources[entry.name] = TemplateSource(
                entry.name, Origin.BUNDLED, f"<bundled>/{entry.name}", entry.read_text("utf-8")
            )
    if LAYOUT not in sources:
        raise TemplateError(
            "the bundled reply templates are missing", "reinstall Rejoinder (pip install rejoinder)"
        )
    return sources


def _user_sources(user_dir: Path) -> dict[str, TemplateSource]:
    if not user_dir.exists():
        return {}
    if not user_dir.is_dir():
        raise TemplateError(
            f"{user_dir} is not a folder", "make it a folder of .j2 files, or remove it"
        )
    sources = {}
    for path in sorted(user_dir.iterdir()):
        if path.suffix != ".j2":
            continue
        if not (_SELECTABLE.match(path.name) or _PARTIAL.match(path.name)):
            raise TemplateError(
                f"template {path} has a name Rejoinder does not use",
                "name it reply_<situation>_<n>.j2 or follow_up_<situation>_<n>.j2 "
                "(situation: application, interview, neutral or closed), or _<name>.j2 "
                "for a shared piece such as _layout.j2",
            )
        try:
            text = path.read_text("utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise TemplateError(
                f"template {path} cannot be read ({exc})", "save it as UTF-8 text"
            ) from exc
        sources[path.name] = TemplateSource(path.name, Origin.USER, str(path), text)
        log.info("using user template %s", path)
    return sources


def _fix_for(source: TemplateSource) -> str:
    if source.origin is Origin.USER:
        return f"fix {source.location} or delete it to use the bundled wording"
    return "this is a bundled template: please report it as a bug"
