"""Paths and validators of the conversion tests."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

DATA = Path(__file__).parent / "data"
SDM = DATA / "sdm"
OPEN311 = DATA / "open311"
MODELS = (
    "Building",
    "Device",
    "Camera",
    "Alert",
    "IssueReporting",
    "service_requests",
    "DeviceMeasurement",
)
BASE = "https://smart-data-models.github.io/"


def sdm_validator(model: str) -> Any:
    """A validator of the upstream schema of ``model``, every $ref resolved to the local copies."""
    import jsonschema
    from referencing import Registry, Resource

    def load(name: str) -> Resource[Any]:
        return Resource.from_contents(json.loads((SDM / name).read_text(encoding="utf-8")))

    registry: Registry[Any] = Registry().with_resources(
        [
            (BASE + "data-models/common-schema.json", load("common-schema.json")),
            (BASE + "dataModel.Device/device-schema.json", load("device-schema.json")),
            (BASE + "dataModel.Alert/alert-schema.json", load("alert-schema.json")),
            (BASE + "dataModel.Weather/weather-schema.json", load("weather-schema.json")),
        ]
    )
    schema = json.loads((SDM / model / "schema.json").read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(
        schema, registry=registry, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )


def key_values_of_ld(entity: dict[str, Any]) -> dict[str, Any]:
    """An NGSI-LD entity (normalized or concise) as the key-values the upstream schemas describe.

    A Property or GeoProperty becomes its ``value``, a Relationship its
    ``object``, a LanguageProperty its ``languageMap`` (also in their concise
    forms, ``{"object": ...}`` and ``{"languageMap": ...}``); ``@context`` goes.
    """
    member = {"Property": "value", "GeoProperty": "value", "Relationship": "object"}
    member["LanguageProperty"] = "languageMap"
    out: dict[str, Any] = {}
    for name, attr in entity.items():
        if name == "@context":
            continue
        if name not in ("id", "type") and isinstance(attr, dict):
            key = member.get(attr.get("type", ""))
            if key is not None and key in attr:
                attr = attr[key]
            elif len(attr) == 1 and next(iter(attr)) in ("object", "languageMap"):
                attr = next(iter(attr.values()))
        out[name] = attr
    return out
