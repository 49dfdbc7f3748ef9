"""The facts :mod:`smartstd.standard.introspect` derives from the models."""

from __future__ import annotations

import pytest

from smartstd.standard import ENTITY_TYPES
from smartstd.standard.introspect import _code_fields_from_schema, code_fields


@pytest.mark.parametrize("type_name", [*ENTITY_TYPES, "Envelope"])
def test_code_fields_read_from_annotations_match_the_json_schema(type_name: str) -> None:
    # the annotations are read for speed; the JSON Schema is what the fields publish
    assert code_fields(type_name) == _code_fields_from_schema(type_name)


def test_code_fields_name_nested_and_listed_codes() -> None:
    fields = dict(code_fields("ServiceProfile"))
    assert fields[("needs", "*", "category")] == "service_category"
    assert fields[("provenance", "imputed", "*", "method")] == "imputation_method"
    assert list(fields)[-1][0] == "provenance"  # written last, as the schema does
