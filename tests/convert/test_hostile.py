from __future__ import annotations

import json
import tempfile
from pathlib import Path

from convertdata import MODELS
from hypothesis import given, settings
from hypothesis import strategies as st

from smartstd.interchange import convert, export
from smartstd.interchange._observed import OBSERVED

_json = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3)
    ),
    max_leaves=8,
)
_names = st.sampled_from(
    [
        "location",
        "category",
        "severity",
        "dateIssued",
        "name",
        "address",
        "deviceState",
        "on",
        "controlledProperty",
        "refBuilding",
        "community_id",
        "provenance",
        "status",
        "events",
        "x-y",
        "备注",
        "refDevice",
        "dateObserved",
        "numValue",
        "textValue",
        "unit",
        "outlier",
        "quality",
        "no2",
        "temperature",
        "LAeq",
        "pH",
        "refPointOfInterest",
        "dateObservedTo",
        "measurand",
        "reliability",
    ]
)
# every source type (the *Observed ones too), an SCDS one, none
_types = st.sampled_from([*MODELS, *OBSERVED, "Community", "Nope"])


@settings(max_examples=60, deadline=None)
@given(_types, st.dictionaries(_names, _json, max_size=6), st.booleans())
def test_any_ngsi_entity_converts_without_raising(
    type_name: str, attrs: dict[str, object], ld: bool
) -> None:
    ent: dict[str, object] = {"id": "e1", "type": type_name, **attrs}
    if ld:
        ent = {
            "id": "urn:ngsi-ld:X:e1",
            "type": type_name,
            "@context": [],
            **{k: {"type": "Property", "value": v} for k, v in attrs.items()},
        }
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "e.json"
        src.write_text(json.dumps([ent]), encoding="utf-8")
        conv = convert(src, "ngsi-ld" if ld else "ngsi-v2", community_id="c1")
        conv.report()
        export(conv.records, "ngsi-ld")
        export(conv.records, "open311")


@settings(max_examples=60, deadline=None)
@given(
    st.dictionaries(
        st.sampled_from(
            [
                "service_request_id",
                "status",
                "service_code",
                "lat",
                "long",
                "requested_datetime",
                "media_url",
                "extended_attributes",
                "address",
            ]
        ),
        _json,
        max_size=7,
    )
)
def test_any_open311_request_converts_without_raising(req: dict[str, object]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "r.json"
        src.write_text(json.dumps([req]), encoding="utf-8")
        conv = convert(src, "open311-json")
        conv.report()
        export(conv.records, "open311", xml=True)
