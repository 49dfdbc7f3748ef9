"""The province-level division codes of GB/T 2260, for the identifier checks and the scanner.

省级行政区划代码（GB/T 2260 前两位），供标识符校验与扫描器共用。

A module of its own below both :mod:`smartstd.identifiers` and
:mod:`smartstd.scanner`, so that neither imports the other for it.
"""

from __future__ import annotations

from typing import Final

__all__ = ["PROVINCE_CODES"]

#: The province-level division codes of GB/T 2260 (the first two digits).
PROVINCE_CODES: Final[frozenset[str]] = frozenset(
    {
        "11", "12", "13", "14", "15",
        "21", "22", "23",
        "31", "32", "33", "34", "35", "36", "37",
        "41", "42", "43", "44", "45", "46",
        "50", "51", "52", "53", "54",
        "61", "62", "63", "64", "65",
        "71", "81", "82",
    }
)  # fmt: skip
