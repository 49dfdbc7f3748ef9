"""Screens of a whole batch of NDJSON lines: which lines a rule needs to look at.

SC401 searches every record's text for a run of 17 digits (an identity
number). A regular expression per record costs more than validating the
record; the screen instead maps the batch's bytes to digits and the rest
with one ``bytes.translate``, finds the runs with ``bytes.find``, and names
the lines where one was found. It flags every line the rule's own test
would flag, so the rule only skips lines that are certainly clean.

批量筛查：对整批 NDJSON 字节做一次映射与查找，指出需要细查身份证号的行。
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Screen", "screen"]


def _classes() -> bytes:
    table = bytearray(b"." * 256)
    for c in b"0123456789":
        table[c] = ord("0")
    table[ord("\n")] = ord("\n")
    return bytes(table)


#: ASCII digits become ``0`` and line ends stay; every other byte (UTF-8 of
#: Chinese text included) becomes ``.``.
_CLASSES = _classes()
#: A run of 17 digits: what SC401's pre-filter ``[0-9]{17}`` finds.
_DIGIT_RUN = b"0" * 17


@dataclass(frozen=True)
class Screen:
    r"""The lines of a batch (0-based indexes) that a rule must look at.

    Attributes:
        digit_runs: lines with a run of 17 ASCII digits or a ``\u`` escape
            (which could spell digits).
    """

    digit_runs: frozenset[int]


def _lines_with(data: bytes, haystack: bytes, needle: bytes) -> set[int]:
    """Indexes of the lines of ``data`` where ``haystack`` (the same length) has ``needle``.

    Each line is reported once; the search goes on from the next line, so a
    batch costs one pass whatever it holds.
    """
    found: set[int] = set()
    line = 0
    counted = 0  # line ends before ``counted`` are in ``line``
    pos = haystack.find(needle)
    while pos >= 0:
        line += data.count(b"\n", counted, pos)
        found.add(line)
        end = data.find(b"\n", pos)
        if end < 0:
            break
        counted = end
        pos = haystack.find(needle, end)
    return found


def screen(data: bytes) -> Screen:
    r"""Screen the bytes of a batch (lines joined by ``\n``)."""
    digits = _lines_with(data, data.translate(_CLASSES), _DIGIT_RUN)
    if 92 in data and b"\\u" in data:  # a backslash (one byte is found much faster)
        digits |= _lines_with(data, data, b"\\u")
    return Screen(frozenset(digits))
