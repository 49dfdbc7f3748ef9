"""The facts :mod:`smartstd.standard.introspect` derives from the models."""

from __future__ import annotations

from pathlib import Path

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


def test_the_identity_rules_unrolled_walk_matches_iter_path(tmp_path: Path) -> None:
    from smartstd import generate as gen
    from smartstd.rules.sc2.checks import _in_items
    from smartstd.standard import entity_adapter
    from smartstd.standard.introspect import iter_path

    data = tmp_path / "community.ndjson"
    counts = gen.counts_for("community", observations=20)
    gen.write(data, fmt="ndjson", scale="community", counts=counts, seed=5, charter="include")
    validate = entity_adapter().validator.validate_json
    walked = 0
    for line in data.read_bytes().splitlines()[1:]:
        entity = validate(line)
        for ref in type(entity).__references__:
            if len(ref.path) == 3 and ref.path[1] == "*":
                assert _in_items(entity, ref.path) == list(iter_path(entity, ref.path))
                walked += len(_in_items(entity, ref.path))
    assert walked > 100
