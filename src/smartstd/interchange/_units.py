"""Units: UN/CEFACT common codes (what Smart Data Models write) <-> UCUM (what SCDS wants).

The table is data, ``smartstd/data/crosswalks/units.yaml``; a crosswalk's own
``units`` map is read first, so a district can add or override codes.
:func:`read_unit` says what a source code becomes and how;
:func:`write_unit` gives the code back on export.

单位代码转换：UN/CEFACT 通用代码与 UCUM 之间，对照表为数据文件。
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from smartstd.interchange.crosswalk import Crosswalk

__all__ = ["UNIT_MAX", "UnitRead", "is_ucum", "read_unit", "unit_table", "write_unit"]

#: The longest unit the standard's Observation takes.
UNIT_MAX = 32


#: UCUM's metric units (they take a prefix: ``km``, ``ug``, ``kW``, ``dB``).
_METRIC = frozenset(
    [
        "m",
        "g",
        "s",
        "rad",
        "K",
        "C",
        "cd",
        "mol",
        "sr",
        "Hz",
        "N",
        "Pa",
        "J",
        "W",
        "A",
        "V",
        "F",
        "Ohm",
        "S",
        "Wb",
        "Cel",
        "T",
        "H",
        "lm",
        "lx",
        "Bq",
        "Gy",
        "Sv",
        "l",
        "L",
        "ar",
        "t",
        "bar",
        "u",
        "eV",
        "B",
        "Np",
        "bit",
        "By",
        "Bd",
    ]
)
#: UCUM's units that take no prefix, and the bracketed ones a sensor may report.
_PLAIN = frozenset(
    [
        "min",
        "h",
        "d",
        "a",
        "wk",
        "mo",
        "deg",
        "gon",
        "%",
        "[ppm]",
        "[ppb]",
        "[ppth]",
        "[pptr]",
        "[degF]",
        "[pH]",
        "[psi]",
        "[kn_i]",
        "[mi_i]",
        "[ft_i]",
        "[in_i]",
        "[lb_av]",
        "[iU]",
        "[IU]",
        "[degRe]",
        "[Btu]",
    ]
)
_PREFIXES = [
    "da",
    "Y",
    "Z",
    "E",
    "P",
    "T",
    "G",
    "M",
    "k",
    "h",
    "d",
    "c",
    "m",
    "u",
    "n",
    "p",
    "f",
    "a",
    "z",
    "y",
]
_ATOM = re.compile(r"^(\[[^\]]+\]|[A-Za-z%]+)([+-]?[0-9]+)?$")


def is_ucum(text: str) -> bool:
    """Whether ``text`` reads as a UCUM unit (``ug/m3``, ``kW.h``, ``%/m``, ``[ppm]``).

    A light reading of UCUM's grammar, enough to tell a unit from an
    unknown code: terms joined by ``.`` and ``/``, each a number, an
    annotation (``{count}``) or a unit with an optional prefix and exponent.
    """
    body = re.sub(r"\{[^{}]*\}", "", text).replace("(", "").replace(")", "")
    if not text or len(text) > UNIT_MAX:
        return False
    if not body:
        return True  # only an annotation: a count
    for term in re.split(r"[./]", body[1:] if body.startswith("/") else body):
        if re.fullmatch(r"[0-9]+(\*[+-]?[0-9]+)?", term):
            continue
        m = _ATOM.match(term)
        if m is None or not _known(m.group(1)):
            return False
    return True


def _known(atom: str) -> bool:
    if atom in _PLAIN or atom in _METRIC:
        return True
    return any(atom.startswith(p) and atom[len(p) :] in _METRIC for p in _PREFIXES)


@dataclass(frozen=True)
class UnitRead:
    """What a source unit code became.

    Attributes:
        unit: the unit to write (UCUM when known, else the code as it was).
        how: ``"map"`` (translated by the table), ``"ucum"`` (already a UCUM
            unit, see :func:`is_ucum`) or ``"unknown"`` (kept as it was).
    """

    unit: str
    how: str


@cache
def unit_table() -> Mapping[str, str]:
    """The shipped table, UN/CEFACT code -> UCUM code."""
    import yaml

    ref = resources.files("smartstd.data").joinpath("crosswalks/units.yaml")
    doc: dict[str, Any] = yaml.safe_load(ref.read_text("utf-8"))
    return MappingProxyType({str(k): str(v) for k, v in doc["map"].items()})


@cache
def _reverse(overrides: tuple[tuple[str, str], ...]) -> Mapping[str, str]:
    out: dict[str, str] = {}
    for code, ucum in (*unit_table().items(), *overrides):
        out.setdefault(ucum, code)
    for code, ucum in overrides:  # a district's own code wins on export
        out[ucum] = code
    return MappingProxyType(out)


def _overrides(cw: Crosswalk | None) -> tuple[tuple[str, str], ...]:
    return tuple(sorted(cw.units.items())) if cw is not None else ()


def read_unit(code: str, cw: Crosswalk | None = None) -> UnitRead:
    """The UCUM unit of a source code (see :class:`UnitRead`)."""
    own = cw.units.get(code) if cw is not None else None
    if own is not None:
        return UnitRead(own, "map")
    hit = unit_table().get(code)
    if hit is not None:
        return UnitRead(hit, "map")
    if code in _reverse(_overrides(cw)) or is_ucum(code):
        return UnitRead(code, "ucum")
    return UnitRead(code, "unknown")


def write_unit(unit: str, cw: Crosswalk | None = None) -> str:
    """The UN/CEFACT code of a UCUM unit, for export (a unit the table lacks, as it is)."""
    return _reverse(_overrides(cw)).get(unit, unit)
