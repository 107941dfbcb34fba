"""A keyword-rule rejection detector: the yardstick the model has to beat.

Job-tracker tools commonly spot rejections with a list of phrases
("unfortunately", "regret to inform", "other candidates"...) checked against
the subject and body. This is a careful version of that idea, so that beating
it means something:

- it reads the subject and what the sender wrote now (``new_text``), so a
  rejection quoted under a later reply does not count again;
- a message must be about a job application at all (a job-context word);
- one unambiguous phrase ("regret to inform", "not been selected") is enough,
  while softer cues ("unfortunately", "other candidates") must come in pairs,
  because each alone is common in ordinary mail (reschedules, outages).

Pure: no I/O, no model, nothing to load.
"""

from __future__ import annotations

import re

from rejoinder.classifier.message import ParsedMessage

__all__ = ["CONTEXT_WORDS", "SOFT_CUES", "STRONG_PHRASES", "keyword_is_rejection"]

# Each phrase states a decision against the candidate (or that the job is gone)
# in words that rarely mean anything else in mail about an application.
STRONG_PHRASES: tuple[str, ...] = (
    r"regret to (?:inform|advise|tell|let) you",
    r"(?:not|won't|will not|unable to|decided not to) (?:be )?(?:move|moving|go|going|proceed|proceeding|progress|progressing) (?:forward |further )?with (?:you|your)",
    r"decided (?:not to|to not) (?:move|proceed|progress|continue|pursue|advance)",
    r"(?:move|moving|go|going|proceed|proceeding) forward with (?:other|another|a different|an alternative|(?:a |the )?candidates? (?:who|whose))",
    r"(?:decided|chosen|opted|elected) to (?:pursue|go with|proceed with|move forward with|offer the (?:position|role|job) to) (?:other|another|a different|an? (?:internal|alternative|other))",
    r"pursue other (?:candidates|applicants)",
    r"(?:have|has|were|was|are|is) not (?:been )?(?:selected|shortlisted|chosen|successful)",
    r"(?:no longer|not) (?:being )?(?:considered|under consideration|in consideration)",
    r"(?:unable|not able|not in a position) to offer you",
    r"will not be (?:offering|extending|inviting|progressing|proceeding|moving forward|taking your)",
    r"(?:application|candidacy) (?:was|has been|is) unsuccessful",
    r"unsuccessful (?:on this occasion|at this time|in your application)",
    r"(?:position|role|vacancy|job|opening) has (?:now |already )?been filled",
    r"(?:filled|closed) the (?:position|role|vacancy)",
    r"(?:more closely|better) (?:match|matches|matched|aligns?|aligned|suited)",
    r"not (?:the right|a good|the best|a strong) (?:fit|match)",
    r"(?:other|another) candidates? (?:who|whose|with)",
)

# Softer cues: polite-decline vocabulary that also shows up in ordinary mail.
SOFT_CUES: tuple[str, ...] = (
    r"unfortunately",
    r"regret",
    r"other (?:candidates|applicants)",
    r"at this (?:time|stage|point)",
    r"(?:future|professional) (?:endeavou?rs|job search|search)",
    r"best of luck|wish you (?:the best|(?:every|all the) success|well|luck)",
    r"keep your (?:resume|cv|details|information|application) on file",
    r"highly competitive|(?:large|high|overwhelming) (?:number|volume) of (?:applications|applicants|candidates)",
    r"difficult decision|tough decision",
)

# The message has to be about a job or an application.
CONTEXT_WORDS: tuple[str, ...] = (
    r"applications?",
    r"appl(?:y|ied|ying)",
    r"candidacy",
    r"candidates?",
    r"applicants?",
    r"positions?",
    r"roles?",
    r"vacanc(?:y|ies)",
    r"openings?",
    r"interview(?:s|ed|ing)?",
    r"jobs?",
    r"hiring",
    r"recruit(?:ing|ment|er)?",
    r"resume|résumé|cv",
    r"opportunit(?:y|ies)",
)

# Patterns are written in lower case and matched against lower-cased text:
# re.IGNORECASE makes these alternations several times slower.
_STRONG = re.compile(r"\b(?:" + "|".join(STRONG_PHRASES) + r")")
# One group per cue, so one pass tells which distinct cues occur.
_SOFT = re.compile(r"\b(?:" + "|".join(f"({cue})" for cue in SOFT_CUES) + r")\b")
_CONTEXT = re.compile(r"\b(?:" + "|".join(CONTEXT_WORDS) + r")\b")
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'"})
_SOFT_CUES_NEEDED = 2


def _normalised(text: str) -> str:
    """Lower case, curly apostrophes straightened and all whitespace folded, so a
    phrase wrapped over two lines still matches."""
    return " ".join(text.translate(_APOSTROPHES).lower().split())


def _has_soft_cues(text: str, needed: int) -> bool:
    """At least ``needed`` different soft cues (a cue said twice counts once)."""
    seen: set[int | None] = set()
    for match in _SOFT.finditer(text):
        seen.add(match.lastindex)
        if len(seen) >= needed:
            return True
    return False


def keyword_is_rejection(msg: ParsedMessage) -> bool:
    """True when the subject and new text read like a rejection by keyword rules."""
    text = _normalised(f"{msg.subject}\n{msg.new_text}")
    if not _CONTEXT.search(text):
        return False
    if _STRONG.search(text):
        return True
    return _has_soft_cues(text, _SOFT_CUES_NEEDED)
