"""A tiny template language for the phrase banks.

Phrase banks are written as readable lists (see :func:`bank`). Inside a phrase:

* ``{a|b|c}`` picks one alternative at random (alternatives may nest, and an empty
  alternative, as in ``{very |}``, makes a word optional);
* ``<slot>`` is replaced by a value from the slot mapping (company, role, names...).

Word-level alternation is what keeps two generated letters from sharing whole
sentences: a single phrase with four choice points already has dozens of surface forms.
"""

from __future__ import annotations

import random
import re
from collections.abc import Mapping, Sequence
from textwrap import dedent

_INNERMOST_CHOICE = re.compile(r"\{([^{}]*)\}")
_SLOT = re.compile(r"<([a-z_0-9]+)>")
_SPACE_BEFORE_PUNCT = re.compile(r"\s+([,.;:!?)])")
_DOUBLE_SPACE = re.compile(r"[ \t]{2,}")
_DOUBLE_COMMA = re.compile(r",{2,}")
_DOUBLE_STOP = re.compile(r"(?<!\.)\.\.(?!\.)")
_DETACHED_CONTRACTION = re.compile(r"(\w) '(ve|re|ll|d|s|m)\b")


class TemplateError(ValueError):
    """A phrase-bank template is malformed or uses a slot nobody filled."""

    def __init__(self, template: str, problem: str) -> None:
        super().__init__(f"{problem} in template {template!r}: fix the phrase bank entry")
        self.template = template
        self.problem = problem


def bank(block: str) -> tuple[str, ...]:
    """Parse a phrase bank written as a bulleted list.

    Each entry starts with ``- ``; following lines without a bullet continue the entry,
    which keeps source lines short while phrases stay whole and reviewable.
    """
    entries: list[str] = []
    for line in dedent(block).strip().splitlines():
        stripped = line.strip()
        if not stripped:
            continue
        if stripped.startswith("- "):
            entries.append(stripped[2:].strip())
        elif entries:
            entries[-1] = f"{entries[-1]} {stripped}"
        else:
            raise TemplateError(block[:60], "continuation line before the first entry")
    return tuple(entries)


def expand(
    template: str, rng: random.Random, slots: Mapping[str, str], *, sentence: bool = True
) -> str:
    """Resolve every choice and slot in ``template`` and tidy the whitespace.

    ``sentence`` capitalises the first letter; pass False for fragments spliced
    into a larger sentence.
    """
    text = template
    while True:
        match = _INNERMOST_CHOICE.search(text)
        if match is None:
            break
        choice = rng.choice(match.group(1).split("|"))
        text = text[: match.start()] + choice + text[match.end() :]
    if "{" in text or "}" in text:
        raise TemplateError(template, "unbalanced braces")
    text = _SLOT.sub(lambda m: _fill(template, m.group(1), slots), text)
    text = tidy(text)
    return capitalise_first(text) if sentence else text


def pick(
    options: Sequence[str], rng: random.Random, slots: Mapping[str, str], *, sentence: bool = True
) -> str:
    """Choose one template from a bank and expand it."""
    return expand(rng.choice(options), rng, slots, sentence=sentence)


def tidy(text: str) -> str:
    """Collapse the spacing artefacts that optional words leave behind."""
    text = _DOUBLE_SPACE.sub(" ", text)
    text = _SPACE_BEFORE_PUNCT.sub(r"\1", text)
    text = _DOUBLE_COMMA.sub(",", text)
    text = _DOUBLE_STOP.sub(".", text)
    text = _DETACHED_CONTRACTION.sub(r"\1'\2", text)
    return text.strip()


def capitalise_first(text: str) -> str:
    for index, char in enumerate(text):
        if char.isalpha():
            return text[:index] + char.upper() + text[index + 1 :]
        if not char.isspace() and char not in "\"'(“‘":
            return text
    return text


def slots_used(template: str) -> set[str]:
    """Names of the slots a template may need (used by tests to validate banks)."""
    return set(_SLOT.findall(template))


def _fill(template: str, name: str, slots: Mapping[str, str]) -> str:
    try:
        return slots[name]
    except KeyError:
        raise TemplateError(template, f"unknown slot <{name}>") from None
