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

__all__: list[str] = []


@entity_rule("SC103", types=("Community", "Grid"))
def polygon_rings_closed(e: Any, ctx: Context) -> Iterator[Hit]:
    """SC103: every ring of a boundary polygon ends where it starts (RFC 7946 3.1.6)."""
    boundary = e.boundary
    if boundary is None:
        return
    for i in open_rings(boundary.coordinates):
        yield Hit(
            "SC103",
            ("boundary", "coordinates", i),
            {
                "error_type": "ring_not_closed",
                "detail": "a polygon ring must end where it starts (RFC 7946 3.1.6)",
            },
        )
