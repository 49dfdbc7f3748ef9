"""Small JSON shapes the community entities share: texts in two languages, points, outlines."""

from __future__ import annotations

from typing import Any

__all__ = ["footprint", "point", "zh_en"]


def zh_en(zh: str, en: str) -> dict[str, str]:
    """A localized text in Chinese and English."""
    return {"zh-CN": zh, "en": en}


def point(lon: float, lat: float) -> dict[str, Any]:
    """A GeoJSON point, to six decimals (about ten centimetres)."""
    return {"type": "Point", "coordinates": [round(lon, 6), round(lat, 6)]}


def footprint(lon: float, lat: float, dwellings: int) -> dict[str, Any]:
    """A building's outline (1.1.0): a rectangle around its point, larger for more dwellings."""
    half_lon = 0.00010 + 0.0000015 * min(dwellings, 80)
    half_lat = 0.00006 + 0.0000005 * min(dwellings, 80)
    corners = (
        (lon - half_lon, lat - half_lat),
        (lon + half_lon, lat - half_lat),
        (lon + half_lon, lat + half_lat),
        (lon - half_lon, lat + half_lat),
        (lon - half_lon, lat - half_lat),
    )
    ring = [[round(x, 6), round(y, 6)] for x, y in corners]
    return {"type": "Polygon", "coordinates": [ring]}
