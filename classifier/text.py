"""Pure text helpers for mail bodies: HTML to text, quoted history, signatures.

Everything here takes and returns ``str``; nothing raises on odd input. The
parser (``rejoinder.classifier.message``) uses these to fill ``new_text``,
``quoted`` and ``signature``; other code may reuse them on any text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser

__all__ = ["html_to_text", "split_signature", "strip_quoted"]

# --------------------------------------------------------------------------- HTML

# Elements whose text is never meant to be read (code, styling, metadata).
_HIDDEN_ELEMENTS = frozenset({"script", "style", "title", "template", "head"})
# Elements that start a new paragraph when rendered.
_BLOCK_ELEMENTS = frozenset(
    {
        "address",
        "article",
        "aside",
        "center",
        "dd",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "table",
        "tbody",
        "thead",
        "tfoot",
        "ul",
    }
)
# Elements that end a line without adding a blank line.
_LINE_ELEMENTS = frozenset({"br", "tr", "caption", "li"})
_CELL_ELEMENTS = frozenset({"td", "th"})
_HTML_INPUT_CAP = 2_000_000  # characters of markup; beyond this the rest is ignored


class _TextRenderer(HTMLParser):
    """Collects readable lines; ``<blockquote>`` lines get a ``> `` prefix per level
    so that ``strip_quoted`` treats HTML-quoted history like plain-text quotes."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self._chunks: list[str] = []
        self._hidden_depth = 0
        self._quote_depth = 0
        self._pre_depth = 0

    # -- line assembly
    def _end_line(self, *, keep_empty: bool = False) -> None:
        text = " ".join("".join(self._chunks).split())
        self._chunks = []
        if text:
            self.lines.append("> " * self._quote_depth + text)
        elif keep_empty and self.lines and self.lines[-1] != "":
            self.lines.append("")

    def _end_paragraph(self) -> None:
        self._end_line()
        if self.lines and self.lines[-1] != "":
            self.lines.append("")

    # -- parser callbacks
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "body":
            # An unclosed <head> or <title> must not swallow the whole body.
            self._hidden_depth = 0
            return
        if tag in _HIDDEN_ELEMENTS:
            self._hidden_depth += 1
        elif tag == "blockquote":
            self._end_paragraph()
            self._quote_depth += 1
        elif tag in _BLOCK_ELEMENTS:
            self._end_paragraph()
            if tag == "pre":
                self._pre_depth += 1
        elif tag in _LINE_ELEMENTS:
            self._end_line(keep_empty=tag == "br")
            if tag == "li":
                self._chunks.append("- ")
        elif tag in _CELL_ELEMENTS:
            self._chunks.append(" ")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _LINE_ELEMENTS:
            self._end_line(keep_empty=tag == "br")
        elif tag in _BLOCK_ELEMENTS:
            self._end_paragraph()

    def handle_endtag(self, tag: str) -> None:
        if tag in _HIDDEN_ELEMENTS:
            self._hidden_depth = max(0, self._hidden_depth - 1)
        elif tag == "blockquote":
            self._end_paragraph()
            self._quote_depth = max(0, self._quote_depth - 1)
        elif tag in _BLOCK_ELEMENTS:
            self._end_paragraph()
            if tag == "pre":
                self._pre_depth = max(0, self._pre_depth - 1)
        elif tag in ("tr", "li"):
            self._end_line()

    def handle_data(self, data: str) -> None:
        if self._hidden_depth:
            return
        if self._pre_depth and "\n" in data:
            # Preformatted text keeps its line breaks (whitespace inside lines still folds).
            first, *rest = data.split("\n")
            self._chunks.append(first)
            for line in rest:
                self._end_line(keep_empty=True)
                self._chunks.append(line)
            return
        self._chunks.append(data)

    def text(self) -> str:
        self._end_line()
        return "\n".join(self.lines).strip()


_TAG = re.compile(r"<[^>]*>")


def html_to_text(html: str) -> str:
    """Render HTML to readable plain text.

    Drops script/style/head content, puts block elements on their own lines,
    decodes entities, folds whitespace, and prefixes ``<blockquote>`` lines with
    ``> `` (one per level). Never raises.
    """
    renderer = _TextRenderer()
    try:
        renderer.feed(html[:_HTML_INPUT_CAP])
        renderer.close()
    except Exception:  # html.parser is lenient; this is a last-resort guard
        return " ".join(_TAG.sub(" ", html[:_HTML_INPUT_CAP]).split())
    return renderer.text()


# --------------------------------------------------------------------------- quotes

_FORWARD_MARKER = re.compile(
    r"^[ \t]*(?:-{2,}[ \t]*(?:Forwarded|Weitergeleitete)[ \t]+(?:message|Nachricht)[ \t]*-*"
    r"|Begin forwarded message:?"
    r"|-{3,}[ \t]*Forwarded by\b.*-{3,})[ \t]*$",
    re.IGNORECASE,
)
_ORIGINAL_MARKER = re.compile(
    r"^[ \t]*-{2,}[ \t]*(?:Original Message|Urspr(?:ü|ue)ngliche Nachricht|Message d'origine)"
    r"[ \t]*-{2,}[ \t]*$",
    re.IGNORECASE,
)
_UNDERSCORE_RULE = re.compile(r"^[ \t]*_{10,}[ \t]*$")
_HEADER_FROM = re.compile(r"^[ \t]*\*?(?:From|De|Von)\*?:[ \t]*\S", re.IGNORECASE)
_HEADER_SENT = re.compile(r"^[ \t]*\*?(?:Sent|Date|Envoy(?:é|e)|Gesendet)\*?:", re.IGNORECASE)
_HEADER_TO_OR_SUBJECT = re.compile(
    r"^[ \t]*\*?(?:To|Subject|Cc|À|Objet|An|Betreff)\*?:", re.IGNORECASE
)
_HEADER_LINE = re.compile(r"^[ \t]*\*?[A-Za-zÀ-ÿ-]{1,20}\*?:")
_ATTRIBUTION_ONE_LINE = re.compile(r"^[ \t]*On\b.{0,300}\bwrote:[ \t]*$", re.IGNORECASE)
_ATTRIBUTION_START = re.compile(r"^[ \t]*On\b.{0,200}$", re.IGNORECASE)
_WROTE_END = re.compile(r"\bwrote:[ \t]*$", re.IGNORECASE)
# "Name wrote:", "Le ... a écrit :", "Am ... schrieb ...:" directly above a > block.
_LOOSE_ATTRIBUTION = re.compile(r"(?:wrote|écrit|schrieb|escribió|scrisse)[^:\n]{0,80}:[ \t]*$")
# Substrings (of the lower-cased text) that every history marker contains, with how
# many lines above a hit may start the marker (wrapped "On ... wrote:" lines).
# Finding these with str.find and testing the regexes only on those lines is far
# cheaper than running every regex on every line.
_MARKER_KEYWORDS = (
    ("forward", 0),
    ("weitergeleitete", 0),
    ("original message", 0),
    ("ursprüngliche", 0),
    ("urspruengliche", 0),
    ("message d'origine", 0),
    ("__________", 0),
    ("from:", 0),
    ("de:", 0),
    ("von:", 0),
    ("wrote:", 2),
    ("écrit", 0),
    ("schrieb", 0),
    ("escribió", 0),
    ("scrisse", 0),
)
_MAX_HITS_PER_KEYWORD = 200
_MAX_FORWARD_NESTING = 4
# Some clients quote with other prefixes ("|", ")", "--]"); one is only trusted
# right below an attribution line, where a quote block is expected.
_OTHER_QUOTE_PREFIX = re.compile(r"[ \t]*([|:)\]}#]|--\]|-->)")
_DEFAULT_PREFIXES = (">",)


@dataclass(frozen=True)
class _History:
    start: int  # index of the first history line
    kind: str  # "forward" | "reply" (runs to the end) | "interleaved" (quote lines)
    prefixes: tuple[str, ...] = _DEFAULT_PREFIXES


def _is_quote_line(line: str, prefixes: tuple[str, ...] = _DEFAULT_PREFIXES) -> bool:
    return line.lstrip().startswith(prefixes)


def _next_nonblank(lines: list[str], start: int) -> int | None:
    for index in range(start, min(len(lines), start + 4)):
        if lines[index].strip():
            return index
    return None


def _quote_prefixes_at(lines: list[str], index: int | None) -> tuple[str, ...] | None:
    """The quote prefixes to use if lines[index] starts a quote block, else None."""
    if index is None:
        return None
    line = lines[index]
    if _is_quote_line(line):
        return _DEFAULT_PREFIXES
    other = _OTHER_QUOTE_PREFIX.match(line)
    return (">", other.group(1)) if other else None


def _is_outlook_header_block(lines: list[str], index: int) -> bool:
    """A ``From:`` line followed closely by ``Sent:``/``Date:`` and ``To:``/``Subject:``."""
    if not _HEADER_FROM.match(lines[index]):
        return False
    window = lines[index + 1 : index + 7]
    return any(_HEADER_SENT.match(line) for line in window) and any(
        _HEADER_TO_OR_SUBJECT.match(line) for line in window
    )


def _attribution_length(lines: list[str], index: int) -> int:
    """Number of lines of an "On <date>, <name> wrote:" attribution starting here (0 if none).

    Clients wrap long attributions, so "wrote:" may end one of the next two lines.
    """
    line = lines[index]
    if _ATTRIBUTION_ONE_LINE.match(line):
        return 1
    if not _ATTRIBUTION_START.match(line) or _is_quote_line(line):
        return 0
    for offset in (1, 2):
        if index + offset < len(lines) and _WROTE_END.search(lines[index + offset]):
            return offset + 1
    return 0


def _candidate_lines(lowered: str) -> list[int]:
    """Indices of the lines that may start a history marker, in order."""
    hits: list[tuple[int, int]] = []
    for keyword, lines_above in _MARKER_KEYWORDS:
        position = lowered.find(keyword)
        count = 0
        while position >= 0 and count < _MAX_HITS_PER_KEYWORD:
            hits.append((position, lines_above))
            count += 1
            position = lowered.find(keyword, position + 1)
    hits.sort()
    found: set[int] = set()
    line = previous = 0
    for position, lines_above in hits:
        line += lowered.count("\n", previous, position)
        previous = position
        found.update(range(max(0, line - lines_above), line + 1))
    return sorted(found)


def _header_block_history(lines: list[str], index: int, is_forward: bool) -> _History:
    """History introduced by an Outlook separator or header block.

    Outlook Express style puts ``>`` quotes (and then new text) below the header
    block; otherwise the whole rest is the old message.
    """
    if is_forward:
        return _History(index, "forward")
    after_header = _next_nonblank(lines, _skip_forward_header(lines, index))
    if after_header is not None and _is_quote_line(lines[after_header]):
        return _History(index, "interleaved")
    return _History(index, "reply")


def _history_start(lines: list[str], candidates: list[int], is_forward: bool) -> _History | None:
    """Find the first history marker among the candidate lines."""
    for index in candidates:
        line = lines[index]
        if not line.strip() or _is_quote_line(line):
            continue
        if _FORWARD_MARKER.match(line):
            return _History(index, "forward")
        if _ORIGINAL_MARKER.match(line) or _is_outlook_header_block(lines, index):
            return _header_block_history(lines, index, is_forward)
        if _UNDERSCORE_RULE.match(line):
            following = _next_nonblank(lines, index + 1)
            if following is not None and _is_outlook_header_block(lines, following):
                return _header_block_history(lines, index, is_forward)
        length = _attribution_length(lines, index)
        if length:
            prefixes = _quote_prefixes_at(lines, _next_nonblank(lines, index + length))
            if prefixes is not None:
                return _History(index, "interleaved", prefixes)
            return _History(index, "reply")  # history pasted without quote prefixes
    return None


def _skip_forward_header(lines: list[str], start: int) -> int:
    """Index of the first line after a marker and the From:/Date:/... block below it."""
    index = start + 1
    while index < len(lines) and (not lines[index].strip() or _UNDERSCORE_RULE.match(lines[index])):
        index += 1
    if _HEADER_FROM.match(lines[start]) or _UNDERSCORE_RULE.match(lines[start]):
        index = start  # the block itself starts here (no separate marker line)
        while index < len(lines) and not _HEADER_LINE.match(lines[index]):
            index += 1
    elif index >= len(lines) or not _HEADER_LINE.match(lines[index]):
        return index
    while index < len(lines) and lines[index].strip():
        index += 1
    return index


def _split_quote_lines(
    lines: list[str], start: int, end: int, candidates: set[int], prefixes: tuple[str, ...]
) -> tuple[list[str], list[str]]:
    """Separate quote lines (and attribution and header lines above a quote block)
    from the sender's own lines."""
    own: list[str] = []
    quoted: list[str] = []
    index = start
    while index < end:
        line = lines[index]
        if _is_quote_line(line, prefixes):
            quoted.append(line)
            index += 1
            continue
        length = 0
        if index in candidates:
            length = _attribution_length(lines, index)
            if not length and _LOOSE_ATTRIBUTION.search(line):
                length = 1
            if not length and (_ORIGINAL_MARKER.match(line) or _HEADER_FROM.match(line)):
                length = _skip_forward_header(lines, index) - index
        if length:
            following = _next_nonblank(lines, index + length)
            if following is not None and _is_quote_line(lines[following], prefixes):
                quoted.extend(lines[index : index + length])
                index += length
                continue
        own.append(line)
        index += 1
    return own, quoted


def _join(lines: list[str]) -> str:
    return "\n".join(lines).strip("\n")


def _forward_parts(lines: list[str], own: list[str], start: int, nesting: int) -> str:
    """New text of a forward: the forwarder's lines, then the forwarded message's own text.

    A forwarded message's content is what matters (a rejection forwarded from
    another account, say), so it joins new_text after the forwarder's lines. The
    forwarder's signature is dropped; it would otherwise split the two apart.
    """
    own_text = split_signature(_join(own))[0]
    inner = _join(lines[_skip_forward_header(lines, start) :])
    if nesting < _MAX_FORWARD_NESTING:
        inner_new = _strip_quoted(inner, False, nesting + 1)[0]
        if not inner_new.strip():
            # Nothing between two headers: a forward of a forward; keep unwrapping.
            inner_new = _strip_quoted(inner, True, nesting + 1)[0]
        inner = inner_new
    return "\n\n".join(part for part in (own_text.strip("\n"), inner) if part.strip())


def _strip_quoted(text: str, is_forward: bool, nesting: int) -> tuple[str, str]:
    has_quotes = ">" in text
    candidates = _candidate_lines(text.lower())
    if not has_quotes and not candidates:
        return text.strip("\n"), ""
    lines = text.split("\n")
    history = _history_start(lines, candidates, is_forward)
    end = len(lines) if history is None else history.start
    candidate_set = set(candidates)
    if has_quotes:
        own, quoted = _split_quote_lines(lines, 0, end, candidate_set, _DEFAULT_PREFIXES)
    else:
        own, quoted = lines[:end], []
    if history is None:
        return _join(own), _join(quoted)
    if history.kind == "interleaved":
        # Interleaved or bottom-posted replies: own lines may follow the quotes.
        rest_own, rest_quoted = _split_quote_lines(
            lines, history.start, len(lines), candidate_set, history.prefixes
        )
        return _join(own + rest_own), _join(quoted + rest_quoted)
    old = [*quoted, *lines[history.start :]]
    if history.kind == "reply":
        return _join(own), _join(old)
    return _forward_parts(lines, own, history.start, nesting), _join(old)


def strip_quoted(text: str, *, is_forward: bool = False) -> tuple[str, str]:
    """Split ``text`` into (what the sender wrote now, quoted history).

    Recognises ``>`` quotes, "On <date>, <name> wrote:" attributions (Gmail and
    Apple style, also wrapped over several lines), Outlook "-----Original
    Message-----" separators and "From:/Sent:/To:/Subject:" blocks, and forward
    markers ("---------- Forwarded message ---------", "Begin forwarded
    message:"). A forwarded message's own text is appended to the new text
    (the forwarded block as a whole also appears in the quoted part). Pass
    ``is_forward=True`` (subject starts with "Fwd:"/"FW:") to treat Outlook-style
    history blocks as forwards too.
    """
    return _strip_quoted(text.replace("\r\n", "\n"), is_forward, 0)


# --------------------------------------------------------------------------- signatures

_SIGNOFF_PHRASES = (
    r"(?:best|kind|kindest|warm|warmest|warm(?:est)?\s+personal)\s+regards",
    r"(?:with\s+)?(?:best|kind|warm|good)\s+wishes",
    r"regards",
    r"all\s+(?:the\s+)?best",
    r"best",
    r"cheers",
    r"sincerely(?:\s+yours)?",
    r"yours(?:\s+(?:sincerely|truly|faithfully|respectfully))?",
    r"respectfully(?:\s+yours)?",
    r"cordially",
    r"warmly",
    r"many\s+thanks",
    r"thanks(?:\s+(?:again|so\s+much|a\s+lot))?",
    r"thank\s+you(?:\s+(?:again|so\s+much))?",
    r"with\s+(?:thanks|gratitude|appreciation)",
    r"take\s+care",
    r"talk\s+soon",
    r"(?:bien\s+)?cordialement",
    r"bien\s+à\s+vous",
    r"mit\s+freundlichen\s+grü(?:ß|ss)en",
    r"(?:viele|beste|freundliche|liebe)\s+grü(?:ß|ss)e",
    r"(?:un\s+)?saludos?(?:\s+cordiales)?",
    r"atentamente",
    r"met\s+vriendelijke\s+groet(?:en)?",
)
# The sign-off phrase alone, optionally followed by punctuation and a short name
# ("Best, Jane", "Thanks! -J", "Best regards, The Acme Team").
_SIGNOFF_LINE = re.compile(
    r"^[ \t]*(?:" + "|".join(_SIGNOFF_PHRASES) + r")[ \t]*[,.!]*"
    r"(?:[ \t]*[-–—~]?[ \t]*[A-Z][\w.'’-]*(?:[ \t]+[A-Za-z][\w.'’-]*){0,2}[ \t]*)?$",
    re.IGNORECASE,
)
_MOBILE_FOOTER = re.compile(
    r"^[ \t]*(?:Sent from my \w[\w ]{0,30}|Sent from (?:Mail|Outlook) for \w+|"
    r"Get Outlook for \w+)[.!]?[ \t]*$",
    re.IGNORECASE,
)
_DELIMITER = re.compile(r"^--[ \t]?$")
_MAX_DELIMITED_LINES = 15  # beyond this, text after "-- " is unlikely to be a signature
_MAX_SIGNOFF_TAIL_LINES = 6  # name, title, company, phone, web...
_MAX_SIGNATURE_LINE = 80
_SIGNOFF_SEARCH_LINES = 12


def _nonblank_count(lines: list[str]) -> int:
    return sum(1 for line in lines if line.strip())


def _is_signature_tail(lines: list[str]) -> bool:
    """Lines after a sign-off look like a signature: few and short."""
    return _nonblank_count(lines) <= _MAX_SIGNOFF_TAIL_LINES and all(
        len(line.strip()) <= _MAX_SIGNATURE_LINE for line in lines
    )


def _signoff_start(lines: list[str], end: int) -> int | None:
    """Index of the last sign-off line in lines[:end] whose tail looks like a signature."""
    low = max(0, end - _SIGNOFF_SEARCH_LINES)
    for index in range(end - 1, low - 1, -1):
        line = lines[index]
        if len(line) <= _MAX_SIGNATURE_LINE and _SIGNOFF_LINE.match(line):
            return index if _is_signature_tail(lines[index + 1 : end]) else None
    return None


def split_signature(text: str) -> tuple[str, str]:
    """Split ``text`` into (body, signature).

    The signature is what follows a ``-- `` delimiter line, or a short trailing
    block that starts with a sign-off line ("Best regards," / "Thanks, Jane")
    followed by at most a few short lines (name, title, company), or a mobile
    footer ("Sent from my phone"). The sign-off line belongs to the signature.
    Returns (text, "") when no signature is recognised.
    """
    lines = text.replace("\r\n", "\n").rstrip().split("\n")
    end = len(lines)
    start: int | None = None
    if _MOBILE_FOOTER.match(lines[-1]):
        start = end - 1
        end -= 1
        while end > 0 and not lines[end - 1].strip():
            end -= 1
    for index in range(end - 1, max(-1, end - 1 - _MAX_DELIMITED_LINES), -1):
        if _DELIMITER.match(lines[index]):
            start = index
            end = index
            break
    signoff = _signoff_start(lines, end)
    if signoff is not None and any(line.strip() for line in lines[:signoff]):
        # A sign-off with nothing above it ("Thanks!") is the message, not a signature.
        start = signoff
    if start is None:
        return text.strip("\n"), ""
    return _join(lines[:start]).rstrip(), _join(lines[start:]).strip()
