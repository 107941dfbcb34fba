"""Large messages without their attachments: which parts to fetch, and the message rebuilt.

A first run over years of mail would otherwise download every PDF and photo only to
ignore it: the classifier and the draft read the header and the text parts, nothing
else. For a message whose BODYSTRUCTURE shows mostly images, audio, video or
application data, the daemon fetches the header, the MIME header and body of every
other leaf, and the MIME header of every nested multipart, and puts them back together
in their original order and nesting, with the left-out leaves simply absent.

The rebuilt message must parse exactly as the whole one would (the size aside), so
anything that could make it differ is fetched whole instead: forwarded messages
(message/*), reports (only their first part is read), alternatives with a non-text
version (the parser may choose the last one), a boundary this parser would read differently from the
server, deep or very wide trees. Pure functions over the structure as imapclient
returns it (nested tuples; a multipart's first item is the list of its children).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from rejoinder.classifier.message import HEADERS_ONLY_ABOVE, MAX_PARTS, multipart_boundary

# Only messages larger than this are read without their attachments (below it the
# extra round trip for the structure costs more than the bytes it saves)...
TEXT_ONLY_ABOVE = 32 * 1024
# ...and only when at least this share of the message would be left out.
MIN_LEFT_OUT = 0.5
# Media types whose leaves the parser never reads.
LEFT_OUT_TYPES = frozenset({"image", "audio", "video", "application", "font", "model"})
MAX_NESTING = 8  # deeper trees are fetched whole (the parser stops at 16)


@dataclass(frozen=True)
class TextPlan:
    """The sections to fetch besides the header, e.g. ("1.MIME", "1", "2.MIME", "2.1.MIME", ...)."""

    sections: tuple[str, ...]
    left_out_bytes: int


class _FetchWholeError(Exception):
    """This message is fetched whole."""


def plan_text_fetch(structure: Any, size: int) -> TextPlan | None:
    """The sections to fetch to read this message without its attachments, or None when
    it is better (or only safe) to fetch it whole."""
    if not TEXT_ONLY_ABOVE < size <= HEADERS_ONLY_ABOVE or not _is_multipart(structure):
        return None
    sections: list[str] = []
    try:
        left_out = _plan(structure, "", 0, sections)
    except _FetchWholeError:
        return None
    if left_out < size * MIN_LEFT_OUT or len(sections) > MAX_PARTS:
        return None
    return TextPlan(tuple(sections), left_out)


def _plan(node: Any, path: str, depth: int, sections: list[str]) -> int:
    """Append the sections to fetch below this multipart; return the bytes left out."""
    subtype = _text(node[1])
    if depth >= MAX_NESTING or subtype == "report" or not _param(node, "boundary"):
        raise _FetchWholeError
    left_out = 0
    for number, child in enumerate(node[0], 1):
        section = f"{path}.{number}" if path else str(number)
        if _is_multipart(child):
            sections.append(f"{section}.MIME")
            left_out += _plan(child, section, depth + 1, sections)
            continue
        maintype = _leaf_type(child)
        if maintype == "message":
            raise _FetchWholeError  # a forwarded message: its own parts would need the same care
        if maintype in LEFT_OUT_TYPES:
            if subtype == "alternative":  # the parser may choose the last alternative
                raise _FetchWholeError
            left_out += _octets(child)
        else:
            sections += [f"{section}.MIME", section]
    return left_out


def rebuild_message(structure: Any, header: bytes, parts: Mapping[str, bytes]) -> bytes | None:
    """The message made of ``header`` and the fetched ``parts`` (by section), or None when
    a piece is missing or a boundary would be read differently: then fetch it whole."""
    try:
        body = _rebuild(structure, "", multipart_boundary(header, top=True), parts)
    except _FetchWholeError:
        return None
    return header + body


def _rebuild(node: Any, path: str, boundary: str | None, parts: Mapping[str, bytes]) -> bytes:
    if boundary is None or boundary != _param(node, "boundary"):
        raise _FetchWholeError  # this parser would not cut where the server did
    delimiter = b"--" + boundary.encode("utf-8", "replace")
    pieces: list[bytes] = []
    for number, child in enumerate(node[0], 1):
        section = f"{path}.{number}" if path else str(number)
        if not _is_multipart(child) and _leaf_type(child) in LEFT_OUT_TYPES:
            continue
        mime = _part(parts, f"{section}.MIME")
        pieces += [delimiter, b"\r\n", mime]
        if _is_multipart(child):
            pieces.append(_rebuild(child, section, multipart_boundary(mime, top=False), parts))
        else:
            pieces += [_part(parts, section), b"\r\n"]
    pieces += [delimiter, b"--\r\n"]
    return b"".join(pieces)


def _part(parts: Mapping[str, bytes], section: str) -> bytes:
    value = parts.get(section)
    if not isinstance(value, bytes):
        raise _FetchWholeError
    return value


def _leaf_type(node: Any) -> str:
    """The media type of a leaf; a node of any other shape means fetching whole (the
    structure comes from the server, and a hostile message must not stop the pass)."""
    if not isinstance(node, Sequence) or isinstance(node, (bytes, str)) or len(node) < 2:
        raise _FetchWholeError
    return _text(node[0])


def _is_multipart(node: Any) -> bool:
    return isinstance(node, Sequence) and len(node) > 1 and isinstance(node[0], list)


def _param(node: Any, name: str) -> str | None:
    """A parameter of a multipart node (its extension data: [children, subtype, params...])."""
    params = node[2] if len(node) > 2 else None
    if not isinstance(params, Sequence) or isinstance(params, (bytes, str)):
        return None
    pairs = list(params)
    for key, value in zip(pairs[::2], pairs[1::2], strict=False):
        if _text(key) == name:
            return _decoded(value)
    return None


def _octets(leaf: Any) -> int:
    try:
        return int(leaf[6])
    except (IndexError, TypeError, ValueError):
        return 0


def _text(value: object) -> str:
    """Lower-cased, for media types and parameter names."""
    return _decoded(value).lower()


def _decoded(value: object) -> str:
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    return "" if value is None else str(value)
