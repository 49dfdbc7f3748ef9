"""Minimal valid entities built from the models, for types the example community lacks."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any

_SAMPLE_STRINGS: dict[str, str] = {
    "division_code": "440113",
    "credit_code": "91440101MA59UQXX3G",
    "unit_number": "1-1201",
    "code": "G-01",
    "property": "temperature",
    "unit": "Cel",
    "indicator": "request_response_rate",
    "description": "示例 / Example",
    "standard_version": "1.1.0",
}


def _sample(schema: Mapping[str, Any], defs: Mapping[str, Any], name: str, depth: int = 0) -> Any:
    """A small value that satisfies ``schema`` (for types absent from the example)."""
    from smartstd.standard._base import DATE_PATTERN, ID_PATTERN, TIMESTAMP_PATTERN
    from smartstd.standard.codes import CODE_LISTS

    if "$ref" in schema:
        return _sample_object(defs[schema["$ref"].rsplit("/", 1)[-1]], defs, depth + 1)
    if "const" in schema:
        return schema["const"]
    if "x-codelist" in schema:
        return CODE_LISTS[schema["x-codelist"]].values[0]
    if "enum" in schema:
        return schema["enum"][0]
    for key in ("anyOf", "oneOf"):
        options = [s for s in schema.get(key, []) if s.get("type") != "null"]
        if options:
            return _sample(options[0], defs, name, depth)
    kind = schema.get("type")
    if kind == "string":
        pattern = schema.get("pattern")
        if pattern == TIMESTAMP_PATTERN or schema.get("format") == "date-time":
            return "2026-05-01T09:30:00+08:00"
        if pattern == DATE_PATTERN or schema.get("format") == "date":
            return "2026-05-01"
        if pattern == ID_PATTERN:
            return name.removesuffix("_id").replace("_", "-") + "-001"
        text = _SAMPLE_STRINGS.get(name, "example")
        return text.ljust(int(schema.get("minLength", 0)), "x")
    if kind in ("integer", "number"):
        low = schema.get(
            "minimum",
            schema.get("exclusiveMinimum", 0) + (1 if "exclusiveMinimum" in schema else 0),
        )
        value = max(low, 1)
        if "maximum" in schema:
            value = min(value, schema["maximum"])
        return int(value) if kind == "integer" else float(value)
    if kind == "boolean":
        return False
    if kind == "array":
        items = schema.get("items")
        if not isinstance(items, dict):
            return []
        return [
            _sample(items, defs, name, depth + 1)
            for _ in range(max(1, int(schema.get("minItems", 1))))
        ]
    if kind == "object" and "properties" not in schema:
        return {"zh-CN": "示例", "en": "Example"}
    return _sample_object(schema, defs, depth + 1)


def _sample_object(
    schema: Mapping[str, Any], defs: Mapping[str, Any], depth: int = 0
) -> dict[str, Any]:
    props: Mapping[str, Any] = schema.get("properties") or {}
    required = list(schema.get("required") or [])
    for alt in schema.get("anyOf") or ():  # "one of these fields is required"
        required.extend(r for r in alt.get("required", []) if r not in required)
        break
    return {name: _sample(props[name], defs, name, depth) for name in props if name in required}


def sample_entity(type_name: str) -> dict[str, Any] | None:
    """A minimal valid entity of ``type_name`` built from its model, or ``None``."""
    from pydantic import ValidationError

    from smartstd.standard.dataset import ENTITY_TYPES

    cls = ENTITY_TYPES[type_name]
    schema = cls.model_json_schema()
    data = _sample_object(schema, schema.get("$defs", {}))
    data["id"] = re.sub(r"(?<!^)(?=[A-Z])", "-", type_name).lower() + "-001"
    data["type"] = type_name
    data = {"id": data.pop("id"), "type": data.pop("type"), **data}
    try:
        cls.model_validate_json(json.dumps(data))
    except ValidationError:
        return None
    return data
