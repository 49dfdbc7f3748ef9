"""GeoJSON coordinates, checked: positions, linear rings, polygons.

A position must be two or three finite numbers (else the geometry cannot
be used), longitude and latitude in range, and not look like latitude
first inside China; a linear ring must have four positions and close; a
polygon should not cross itself (shapely, when installed). Findings carry
the JSON Pointer of the first position of each kind and how many there were.

GeoJSON 坐标检查：位置、线性环、面；每类问题记录首个位置的 JSON 指针与总数。
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from smartstd.interchange import values

__all__ = ["Findings", "check", "validity"]

#: A rough box around China (longitude, latitude) for the swapped-axes warning.
_CHINA_LON = (73.0, 136.0)
_CHINA_LAT = (3.0, 54.0)


@dataclass
class Findings:
    """Coordinate findings of one geometry: the first of each kind, and how many."""

    broken: list[tuple[str, str]] = field(default_factory=list)
    kinds: dict[str, list[Any]] = field(default_factory=dict)

    def add(self, code: str, where: str, **params: Any) -> None:
        """Count a finding of ``code``; the first one's place and parameters are kept."""
        slot = self.kinds.setdefault(code, [where, params, 0])
        slot[2] += 1

    def has(self, *codes: str) -> bool:
        """Whether any finding of these codes was made."""
        return any(c in self.kinds for c in codes)


def _pos_text(pos: list[Any]) -> str:
    return "[" + ", ".join(str(x) for x in pos[:3]) + "]"


def _position(pos: Any, where: str, out: Findings) -> bool:
    """Check one position; one that is not 2 or 3 finite numbers makes the geometry unusable."""
    if (
        not isinstance(pos, list)
        or not 2 <= len(pos) <= 3
        or not all(values.finite_number(x) for x in pos)
    ):
        out.broken.append((where, values.preview(pos)))
        return False
    lon, lat = float(pos[0]), float(pos[1])
    if not (-180 <= lon <= 180 and -90 <= lat <= 90):
        out.add("CV155", where, position=_pos_text(pos))
    if _CHINA_LAT[0] <= lon <= _CHINA_LAT[1] and _CHINA_LON[0] <= lat <= _CHINA_LON[1]:
        out.add("CV156", where, position=_pos_text(pos), swapped=f"[{pos[1]}, {pos[0]}]")
    return True


def _ring(ring: Any, where: str, out: Findings) -> bool:
    if not isinstance(ring, list):
        out.broken.append((where, values.preview(ring)))
        return False
    if not all(_position(p, f"{where}/{i}", out) for i, p in enumerate(ring)):
        return False
    if len(ring) < 4:
        out.add("CV158", where, count=len(ring))
    elif list(ring[0]) != list(ring[-1]):
        out.add(
            "CV157", f"{where}/{len(ring) - 1}", first=_pos_text(ring[0]), last=_pos_text(ring[-1])
        )
    return True


def _polygon(rings: Any, where: str, out: Findings) -> bool:
    if not isinstance(rings, list) or not rings:
        out.broken.append((where, values.preview(rings)))
        return False
    return all(_ring(r, f"{where}/{i}", out) for i, r in enumerate(rings))


def check(gtype: str, coords: Any, where: str, out: Findings) -> bool:
    """Check the coordinates of a Point, Polygon or MultiPolygon; ``False`` if unusable."""
    if gtype == "Point":
        return _position(coords, where, out)
    if gtype == "Polygon":
        return _polygon(coords, where, out)
    if not isinstance(coords, list) or not coords:
        out.broken.append((where, values.preview(coords)))
        return False
    return all(_polygon(p, f"{where}/{i}", out) for i, p in enumerate(coords))


def validity(geom: dict[str, Any]) -> str | None:
    """Why a polygon is not valid (crosses itself ...), by shapely when installed; else ``None``."""
    try:
        import shapely
        from shapely.geometry import shape
    except ModuleNotFoundError:  # pragma: no cover - shapely is in the convert extra
        return None
    try:
        reason = shapely.is_valid_reason(shape(geom))
    except Exception:  # shapely refuses what it cannot build; the check reports the shape
        return None
    return None if reason == "Valid Geometry" else str(reason)
