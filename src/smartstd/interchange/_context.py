"""Builds the shipped NGSI-LD ``@context`` (``smartstd/data/ngsi-ld/context.jsonld``).

Every field name of the standard's entity types becomes a term in the
``scds`` namespace; the Smart Data Models attributes the converters map
become terms in theirs. A test checks the shipped file against this; run
``python -m smartstd.interchange._context`` after a model changes.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

SCDS_NS = "https://smartstd.org/ns/scds#"
SDM_NS = "https://smartdatamodels.org/"

_SDM_TERMS = {
    "dataModel.Building": (
        "category",
        "floorsAboveGround",
        "floorsBelowGround",
        "containedInPlace",
        "occupier",
        "openingHours",
        "mapUrl",
    ),
    "dataModel.Device": (
        "deviceCategory",
        "controlledProperty",
        "deviceState",
        "dateInstalled",
        "dateFirstUsed",
        "dateLastValueReported",
        "cameraUsage",
        "cameraType",
        "streamURL",
        "on",
        "refDevice",
        "dateObserved",
        "numValue",
        "textValue",
        "deviceType",
        "measurementType",
        "outlier",
    ),
    "dataModel.Alert": (
        "subCategory",
        "severity",
        "dateIssued",
        "validFrom",
        "validTo",
        "alertSource",
    ),
    "dataModel.IssueTracking": (
        "resolutionStatus",
        "observationDateTime",
        "comments",
        "mediaURL",
        "landmark",
        "reportId",
        "title",
    ),
}
_COMMON = (
    "address",
    "location",
    "name",
    "description",
    "dateCreated",
    "dateModified",
    "source",
    "dataProvider",
    "owner",
)


#: Fields of SCDS 1.1.0 (so the context is the same whichever models are loaded).
_SCDS_1_1 = ("provenance", "footprint", "postal_address", "history", "statistical_code")


def build_context() -> dict[str, Any]:
    """The context document."""
    from smartstd.standard.dataset import ENTITY_TYPES

    ctx: dict[str, Any] = {}
    for term in _COMMON:
        ctx[term] = f"sdm:{term}"
    for model, terms in _SDM_TERMS.items():
        for term in terms:
            ctx.setdefault(term, f"sdm:{model}/{term}")
    for cls in ENTITY_TYPES.values():
        ctx.setdefault(cls.__name__, f"scds:{cls.__name__}")
        for name in cls.model_fields:
            if name not in ("id", "type"):
                ctx.setdefault(name, f"scds:{name}")
    for name in _SCDS_1_1:
        ctx.setdefault(name, f"scds:{name}")
    ordered = {k: ctx[k] for k in sorted(ctx)}
    return {"@context": {"scds": SCDS_NS, "sdm": SDM_NS, **ordered}}


def render() -> str:
    """The file's text."""
    return json.dumps(build_context(), ensure_ascii=False, indent=2) + "\n"


if __name__ == "__main__":  # pragma: no cover
    target = Path(__file__).parent.parent / "data" / "ngsi-ld" / "context.jsonld"
    target.write_text(render(), encoding="utf-8")
