"""A small, safe XML reader for Open311 documents (expat, no DTD, no entities).

Open311 documents are a root element holding records of simple child
elements. The reader refuses any document type declaration, so no entity
(internal or external) is ever declared, let alone expanded: a "billion
laughs" document is refused before it can grow. The standard library's
expat is used directly; nothing is fetched.

Tags are kept by their local names (``<o311:request>`` is ``request``:
servers that qualify their elements mean the same fields), and a document
declared in an encoding expat does not know (``GBK``, ``GB2312``,
``GB18030``, ``Big5``, as Chinese servers write) is decoded by Python first.

安全的 XML 读取：拒绝任何 DOCTYPE 声明，从不展开实体，也从不联网。
"""

from __future__ import annotations

import codecs
import re
import xml.parsers.expat
from dataclasses import dataclass, field

__all__ = ["Element", "XmlRefused", "parse"]


class XmlRefused(ValueError):
    """The document declares a DTD or an entity; ``what`` says which, ``line`` where."""

    def __init__(self, what: str, line: int) -> None:
        super().__init__(f"{what} at line {line}")
        self.what = what
        self.line = line


@dataclass
class Element:
    """An element: its tag, attributes, text, children and line."""

    tag: str
    attrib: dict[str, str]
    line: int
    text: str = ""
    children: list[Element] = field(default_factory=list)


_DECLARATION = re.compile(rb"^<\?xml[^>]*?encoding\s*=\s*[\"']([A-Za-z0-9._-]+)[\"']")
#: What expat reads itself (everything else is decoded first).
_EXPAT_CODECS = frozenset({"utf_8", "utf_16", "latin_1", "ascii"})


def _local(name: str) -> str:
    """A tag or attribute without its namespace prefix (``o311:request`` -> ``request``)."""
    return name.rpartition(":")[2]


def _declared(data: bytes) -> bytes:
    """The document as expat can read it: one in another declared encoding, as UTF-8.

    Raises:
        ValueError: the declared encoding is unknown, or the bytes are not in it.
    """
    m = _DECLARATION.match(data)
    if m is None:
        return data
    name = m.group(1).decode("ascii")
    try:
        codec = codecs.lookup(name).name.replace("-", "_")
    except LookupError:
        raise ValueError(f"line 1, column {m.start(1) + 1}: unknown encoding {name}") from None
    if codec in _EXPAT_CODECS or codec.startswith("utf_16"):
        return data
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise ValueError(f"line {line}, column {column}: the text is not {name}") from None
    head = m.group(0)
    utf8 = head[: m.start(1)] + b"UTF-8" + head[m.end(1) :]
    return utf8 + text[len(head.decode("ascii")) :].encode("utf-8")


def parse(data: bytes) -> Element:
    """Parse a document into :class:`Element` s.

    Raises:
        XmlRefused: the document declares a DTD or entities.
        ValueError: it is not well-formed XML (with line and column).
    """
    data = _declared(data)
    parser = xml.parsers.expat.ParserCreate()
    stack: list[Element] = []
    root: list[Element] = []

    def refuse_doctype(*_: object) -> None:
        raise XmlRefused("a DOCTYPE", parser.CurrentLineNumber)

    def refuse_entity(*_: object) -> None:
        raise XmlRefused("an entity", parser.CurrentLineNumber)

    def start(tag: str, attrib: dict[str, str]) -> None:
        el = Element(_local(tag), dict(attrib), parser.CurrentLineNumber)
        if stack:
            stack[-1].children.append(el)
        else:
            root.append(el)
        stack.append(el)

    def end(_: str) -> None:
        stack.pop()

    def chars(text: str) -> None:
        if stack:
            stack[-1].text += text

    parser.StartDoctypeDeclHandler = refuse_doctype
    parser.EntityDeclHandler = refuse_entity
    parser.UnparsedEntityDeclHandler = refuse_entity
    parser.ExternalEntityRefHandler = lambda *_: refuse_entity()  # type: ignore[assignment]
    parser.SetParamEntityParsing(xml.parsers.expat.XML_PARAM_ENTITY_PARSING_NEVER)
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = chars
    try:
        parser.Parse(data, True)
    except xml.parsers.expat.ExpatError as exc:
        reason = xml.parsers.expat.errors.messages[exc.code]
        raise ValueError(f"line {exc.lineno}, column {exc.offset + 1}: {reason}") from None
    if not root:
        raise ValueError("no root element")
    return root[0]
