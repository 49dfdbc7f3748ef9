"""SC1xx checks that JSON Schema cannot express, reported as SC103 like the schema's own.

The published schemas say everything about structure they can; what they
cannot say (a polygon ring must end where it starts) is checked here, so the
models and the schemas accept exactly the same documents.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from smartstd.conformance.rule import Context, Hit, entity_rule
from smartstd.standard._base import open_rings
from smartstd.standard.programme import target_range

__all__: list[str] = []


_NOT_CLOSED = {
    "error_type": "ring_not_closed",
    "detail": "a polygon ring must end where it starts (RFC 7946 3.1.6)",
}


@entity_rule("SC103", types=("Community", "Grid"))
def polygon_rings_closed(e: Any, ctx: Context) -> Iterator[Hit]:
    """SC103: every ring of a boundary polygon ends where it starts (RFC 7946 3.1.6)."""
    boundary = e.boundary
    if boundary is None:
        return
    for i in open_rings(boundary.coordinates):
        yield Hit("SC103", ("boundary", "coordinates", i), dict(_NOT_CLOSED))


@entity_rule("SC103", types=("Building", "Facility"))
def footprint_rings_closed(e: Any, ctx: Context) -> Iterator[Hit]:
    """SC103: every ring of a footprint (1.1.0, Polygon or MultiPolygon) ends where it starts."""
    footprint = getattr(e, "footprint", None)
    if footprint is None:
        return
    if footprint.type == "Polygon":
        for i in open_rings(footprint.coordinates):
            yield Hit("SC103", ("footprint", "coordinates", i), dict(_NOT_CLOSED))
        return
    for p, polygon in enumerate(footprint.coordinates):
        for i in open_rings(polygon):
            yield Hit("SC103", ("footprint", "coordinates", p, i), dict(_NOT_CLOSED))


@entity_rule("SC103", types=("Pilot",))
def target_in_range(e: Any, ctx: Context) -> Iterator[Hit]:
    """SC103 (from 1.1.0): a pilot target lies in its indicator's range.

    A rate is 0 to 1, a satisfaction score 1 to 5, hours, minutes, counts and
    rates per 100 are at least 0 (the indicator's ``unit``). Data declaring
    1.0.0, which left targets unbounded, is not judged.
    """
    if ctx.standard_version == "1.0.0":
        return
    for i, target in enumerate(e.targets):
        bounds = target_range(target.indicator)
        if bounds is None:
            continue
        low, high = bounds
        if (low is not None and target.value < low) or (high is not None and target.value > high):
            shown = f"{low:g} to {high:g}" if high is not None else f"at least {low:g}"
            yield Hit(
                "SC103",
                ("targets", i, "value"),
                {
                    "error_type": "target_out_of_range",
                    "detail": f"a target of {target.indicator} lies in {shown}",
                    "value": target.value,
                },
            )
