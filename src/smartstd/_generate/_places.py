"""Geography and name pools for the generator: Guangzhou's districts and streets.

Streets (街道) are real; their centroids are approximate (WGS 84, about a
kilometre). Communities, estates and every organisation below the street are
invented. Community names come from a fixed pool in a fixed order, so the
first community of a district is always the same (the example's story can
name it) whatever the seed. The names and places are package data
(``data/generate/places.json``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from smartstd._generate._data import load, pairs
from smartstd.errors import UsageError
from smartstd.identifiers import GUANGZHOU_DISTRICTS

__all__ = [
    "DISTRICT_CENTROIDS",
    "District",
    "Street",
    "community_name",
    "district",
]


@dataclass(frozen=True)
class Street:
    """A street (街道) of a district."""

    zh: str
    en: str
    abbr: str
    lon: float
    lat: float

    @property
    def office_zh(self) -> str:
        """The street office's name without the district: 钟村街道办事处."""
        return self.zh[:-1] + "街道办事处"

    @property
    def short_zh(self) -> str:
        """The name without 街: 钟村."""
        return self.zh[:-1]


@dataclass(frozen=True)
class District:
    """A district of Guangzhou with the streets the generator uses."""

    code: str
    zh: str
    en: str
    lon: float
    lat: float
    streets: tuple[Street, ...]
    roads: tuple[tuple[str, str], ...]


_DATA = load("places")

#: Approximate centroids (longitude, latitude) of Guangzhou's districts.
DISTRICT_CENTROIDS: dict[str, tuple[float, float]] = {
    code: (lon, lat) for code, (lon, lat) in _DATA["district_centroids"].items()
}

# Streets without a centroid of their own sit at these offsets from the district's.
_OFFSETS: tuple[tuple[float, float], ...] = tuple(
    (dlon, dlat) for dlon, dlat in _DATA["street_offsets"]
)


def _street(i: int, s: dict[str, Any], lon: float, lat: float) -> Street:
    if "lon" in s:
        return Street(s["zh"], s["en"], s["abbr"], s["lon"], s["lat"])
    dlon, dlat = _OFFSETS[i]
    return Street(s["zh"], s["en"], s["abbr"], round(lon + dlon, 3), round(lat + dlat, 3))


def district(code: str) -> District:
    """The district with GB/T 2260 code ``code`` (one of Guangzhou's eleven).

    Raises:
        ValueError: for a code that is not a Guangzhou district.
    """
    if code not in GUANGZHOU_DISTRICTS:
        known = ", ".join(sorted(GUANGZHOU_DISTRICTS))
        raise UsageError(key="not_a_guangzhou_district", code=code, known=known)
    zh, en = GUANGZHOU_DISTRICTS[code]
    lon, lat = DISTRICT_CENTROIDS[code]
    known_streets = _DATA["districts"][code]
    streets = tuple(_street(i, s, lon, lat) for i, s in enumerate(known_streets["streets"]))
    return District(code, zh, en, lon, lat, streets, pairs(known_streets["roads"]))


# Community names: curated first (the example community is the first), then
# combinations of the two character pools.
_CURATED = pairs(_DATA["community_names"]["curated"])
_FIRST = pairs(_DATA["community_names"]["first"])
_SECOND = pairs(_DATA["community_names"]["second"])


def _pool() -> tuple[tuple[str, str], ...]:
    seen = {zh for zh, _ in _CURATED}
    out = list(_CURATED)
    for a_zh, a_en in _FIRST:
        for b_zh, b_en in _SECOND:
            zh = a_zh + b_zh
            if a_zh == b_zh or zh in seen:
                continue
            seen.add(zh)
            sep = "'" if b_en[0] in "aeo" else ""
            out.append((zh, f"{a_en}{sep}{b_en}"))
    return tuple(out)


_NAMES = _pool()
_ROUNDS_ZH: tuple[str, ...] = tuple(_DATA["name_rounds_zh"])


def community_name(index: int) -> tuple[str, str]:
    """The (zh, en) base name of the ``index``-th community: 榕溪 / Rongxi.

    After the pool is used up, names repeat with a number (榕溪二 / Rongxi 2).
    """
    zh, en = _NAMES[index % len(_NAMES)]
    rnd = index // len(_NAMES)
    if rnd == 0:
        return zh, en
    suffix = _ROUNDS_ZH[rnd] if rnd < len(_ROUNDS_ZH) else str(rnd + 1)
    return zh + suffix, f"{en} {rnd + 1}"


#: Estate (小区) suffixes: zh, en.
ESTATE_SUFFIXES = pairs(_DATA["estate_suffixes"])
