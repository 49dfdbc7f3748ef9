"""Regular expressions of ``pattern`` and ``patternProperties``, compared as far as is safe.

A pattern is read only when it is a plain sequence of atoms, or a known
pattern with names left out in front (the form a profile writes); anything
else is not compared (and a change of it is reported as breaking).

正则表达式的有限比较（仅限简单序列），用于模式兼容性判断。
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any


def narrowed_from(pattern: str, others: Mapping[str, Any]) -> str | None:
    """The pattern of ``others`` that ``pattern`` is, but for names it leaves out first.

    ``^(?!(gz:a|gz:b)$)P`` matches a subset of the names ``^P`` matches (a
    profile leaves the fields it declares out of the extension pattern): those
    names were governed by ``^P``'s schema, not by ``additionalProperties``.
    """
    if not pattern.startswith("^(?!"):
        return None
    for other in others:
        if not other.startswith("^") or len(other) < 2 or not pattern.endswith(other[1:]):
            continue
        look = pattern[1 : len(pattern) - len(other) + 1]
        if not (look.startswith("(?!") and look.endswith(")")):
            continue
        try:  # one lookahead group: its inside is a regular expression of its own
            re.compile(look[3:-1])
        except re.error:
            continue
        return other
    return None


_ATOM = re.compile(r"\\.|\[(?:\\.|[^\]\\])*\]|[^\\\[\](){}|?*+.^$]|\^|\$|\{\d+(?:,\d*)?\}|[?*+]")


def _atoms(pattern: str) -> list[str] | None:
    """A regular expression as a list of atoms, when it is a plain sequence.

    Plain: literal characters, character classes, anchors and quantifiers
    (no groups, alternation or ``.``); ``None`` otherwise.
    """
    out: list[str] = []
    pos = 0
    while pos < len(pattern):
        m = _ATOM.match(pattern, pos)
        if m is None:
            return None
        out.append(m.group())
        pos = m.end()
    return out


def _class_chars(atom: str) -> frozenset[str] | None:
    """The characters an atom matches (a literal or a class of ASCII ranges), or ``None``."""
    if atom.startswith("[") and not atom.startswith("[^"):
        body, chars, i = atom[1:-1], set(), 0
        while i < len(body):
            c = body[i]
            if c == "\\":
                if i + 1 >= len(body) or body[i + 1].isalnum():
                    return None  # \d, \w ... : not read here
                chars.add(body[i + 1])
                i += 2
            elif i + 2 < len(body) and body[i + 1] == "-":
                chars.update(chr(x) for x in range(ord(c), ord(body[i + 2]) + 1))
                i += 3
            else:
                chars.add(c)
                i += 1
        return frozenset(chars)
    if len(atom) == 2 and atom[0] == "\\" and not atom[1].isalnum():
        return frozenset(atom[1])
    if len(atom) == 1 and atom not in "^$?*+":
        return frozenset(atom)
    return None


def widens(old: str, new: str) -> bool:
    """Whether pattern ``new`` provably matches every name ``old`` matches.

    Both must be plain sequences of the same shape (same anchors and
    quantifiers, atom for atom) where each of ``new``'s characters classes
    holds the matching one of ``old``: ``^[a-z]:[a-z_]{0,63}$`` is widened
    by ``^[a-z]:[A-Za-z_]{0,63}$``.
    """
    a, b = _atoms(old), _atoms(new)
    if a is None or b is None or len(a) != len(b):
        return False
    for x, y in zip(a, b, strict=True):
        if x == y:
            continue
        cx, cy = _class_chars(x), _class_chars(y)
        if cx is None or cy is None or not cx <= cy:
            return False
    return True


def widened_to(pattern: str, others: Mapping[str, Any]) -> str | None:
    """The pattern of ``others`` that provably matches every name ``pattern`` matches."""
    return next((other for other in others if widens(pattern, other)), None)


def search(pattern: str, name: str) -> bool:
    try:
        return re.search(pattern, name) is not None
    except re.error:
        return False
