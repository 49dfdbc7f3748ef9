"""Screens of a whole batch of NDJSON lines: which lines a rule needs to look at.

The identifier rules (SC401, SC402, SC411) look at every string of every
record. Most lines hold no identifier, and a search per record costs more
than validating it; the screen instead maps the batch's bytes to classes
with one ``bytes.translate``, finds runs of eleven digits and separators
with ``bytes.find``, and names the lines where one was found, or where a
non-ASCII character that may stand for a digit or a separator is
(:func:`smartstd.scanner.screen_bytes`). It flags every line the rules could
find something in, so they only skip lines that are certainly clean.

批量筛查：对整批 NDJSON 字节做一次映射与查找，指出需要细查个人标识符的行。
"""

from __future__ import annotations

from dataclasses import dataclass

from smartstd.scanner import screen_bytes

__all__ = ["Screen", "screen"]


@dataclass(frozen=True)
class Screen:
    r"""The lines of a batch (0-based indexes) that a rule must look at.

    Attributes:
        digit_runs: lines that may hold a personal identifier: a run of
            eleven ASCII digits and separators, a ``\u`` escape (which could
            spell digits), or a non-ASCII digit, separator or format character.
    """

    digit_runs: frozenset[int]


def screen(data: bytes) -> Screen:
    r"""Screen the bytes of a batch (lines joined by ``\n``)."""
    return Screen(frozenset(screen_bytes(data)))
