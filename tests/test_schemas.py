"""The published JSON Schemas: valid Draft 2020-12, identified, offline, bilingual, not drifted."""

from __future__ import annotations

import json
import re
import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator
from referencing import Registry
from referencing.jsonschema import DRAFT202012

from smartstd import schemas
from smartstd.schemas import DEFAULT_BASE_URI, DRAFT, build_schemas, dump_schema
from smartstd.standard.dataset import ENTITY_TYPES, STANDARD_VERSION

ROOT = Path(__file__).resolve().parents[1]
COMMITTED = ROOT / "schemas" / STANDARD_VERSION
EXPORT_HINT = (
    "the published schemas are out of date with the models; regenerate them with "
    f"`smartstd schema export` (it writes schemas/{STANDARD_VERSION}/) and commit the result"
)

#: The JSON report of ``smartstd check`` ships in the bundle but is not part of
#: the standard: it has its own ``$id`` (versioned with the report format) and
#: its own English-first annotations.
REPORT = "report.schema.json"
CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")

SCHEMAS = build_schemas()
SCDS_SCHEMAS = {name: s for name, s in SCHEMAS.items() if name != REPORT}


def _walk(
    node: Any, path: tuple[str | int, ...] = ()
) -> Iterator[tuple[tuple[str | int, ...], Any]]:
    yield path, node
    if isinstance(node, dict):
        for k, v in node.items():
            yield from _walk(v, (*path, k))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from _walk(v, (*path, i))


def _models(schema: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    """The schema itself and every ``$defs`` entry: where objects and their fields are declared."""
    yield "#", schema
    for name, sub in schema.get("$defs", {}).items():
        yield f"#/$defs/{name}", sub


def _bilingual_problems(label: str, node: dict[str, Any]) -> list[str]:
    title = node.get("title", "")
    problems = []
    if not node.get("description"):
        problems.append(f"{label}: no description")
    if " / " not in title or not CJK.search(title):
        problems.append(f"{label}: title {title!r} is not 'English / 中文'")
    return problems


def test_bundle_has_every_entity_type_and_the_dataset_files() -> None:
    expected = {f"{name}.schema.json" for name in ENTITY_TYPES} | {
        "dataset.schema.json",
        "entity.schema.json",
        "envelope.schema.json",
    }
    assert expected <= set(SCHEMAS)
    assert set(SCHEMAS) - expected <= {REPORT}


@pytest.mark.parametrize("name", list(SCHEMAS))
def test_schema_is_valid_draft_2020_12(name: str) -> None:
    schema = SCHEMAS[name]
    assert schema["$schema"] == DRAFT
    Draft202012Validator.check_schema(schema)


@pytest.mark.parametrize("name", list(SCHEMAS))
def test_every_tuple_is_whole_for_strict_validators(name: str) -> None:
    """ajv's strict mode (``strictTuples``) refuses a tuple whose length is left open.

    Every ``prefixItems`` of n schemas must say ``minItems: n`` and either
    ``maxItems: n`` or ``items: false``; an optional last item is written as two
    whole tuples instead.
    """
    loose = [
        path
        for path, node in _walk(SCHEMAS[name])
        if isinstance(node, dict)
        and isinstance(node.get("prefixItems"), list)
        and path[-1:] != ("properties",)
        and not (
            node.get("minItems") == len(node["prefixItems"])
            and (node.get("maxItems") == len(node["prefixItems"]) or node.get("items") is False)
        )
    ]
    assert not loose, loose


@pytest.mark.parametrize("name", list(SCDS_SCHEMAS))
def test_schema_id_is_under_the_base_uri(name: str) -> None:
    stem = name.removesuffix(".schema.json")
    assert SCHEMAS[name]["$id"] == f"{DEFAULT_BASE_URI}{STANDARD_VERSION}/{stem}.schema.json"


def test_report_schema_has_its_own_id() -> None:
    if REPORT not in SCHEMAS:
        pytest.fail("report.schema.json should ship with the bundle (src/smartstd/data/)")
    report = SCHEMAS[REPORT]
    assert report["$schema"] == DRAFT
    assert report["$id"].startswith("https://")


def test_base_uri_changes_every_scds_id() -> None:
    base = "https://example.gov.cn/scds/"
    other = build_schemas(base_uri=base)
    assert set(other) == set(SCHEMAS)
    ids = set()
    for name, schema in other.items():
        if name == REPORT:
            continue
        stem = name.removesuffix(".schema.json")
        assert schema["$id"] == f"{base}{STANDARD_VERSION}/{stem}.schema.json"
        ids.add(schema["$id"])
    assert len(ids) == len(other) - (REPORT in other)
    # Only the ids differ.
    for name, schema in other.items():
        assert {k: v for k, v in schema.items() if k != "$id"} == {
            k: v for k, v in SCHEMAS[name].items() if k != "$id"
        }


def test_base_uri_without_trailing_slash() -> None:
    other = build_schemas(base_uri="https://example.gov.cn/scds")
    assert other["dataset.schema.json"]["$id"] == (
        f"https://example.gov.cn/scds/{STANDARD_VERSION}/dataset.schema.json"
    )


@pytest.mark.parametrize("name", list(SCHEMAS))
def test_every_ref_resolves_offline(name: str) -> None:
    schema = SCHEMAS[name]
    published = schemas.registry()
    local = Registry().with_resource(schema["$id"], DRAFT202012.create_resource(schema))
    refs = [node["$ref"] for _, node in _walk(schema) if isinstance(node, dict) and "$ref" in node]
    for ref in refs:
        if ref.startswith("#"):
            resolved = local.resolver(base_uri=schema["$id"]).lookup(ref)
        else:
            resolved = published.resolver(base_uri=schema["$id"]).lookup(ref)
        assert isinstance(resolved.contents, dict), ref


def test_registry_holds_every_published_schema() -> None:
    registry = schemas.registry()
    for schema in SCHEMAS.values():
        assert registry.contents(schema["$id"]) == schema


def test_validators_work_without_network() -> None:
    with pytest.raises(RuntimeError, match="may not use the network"):
        socket.create_connection(("example.com", 80), timeout=1)
    doc = {"id": "c1", "type": "Community", "name": {"en": "x"}, "division_code": "440103"}
    assert schemas.validator_for("entity").is_valid(doc)
    assert schemas.validator_for("Community").is_valid(doc)
    assert not schemas.validator_for("Grid").is_valid(doc)


@pytest.mark.parametrize("name", list(SCDS_SCHEMAS))
def test_schema_and_every_property_has_bilingual_title_and_description(name: str) -> None:
    problems = []
    for where, node in _models(SCHEMAS[name]):
        problems += _bilingual_problems(where, node)
        for prop, sub in node.get("properties", {}).items():
            problems += _bilingual_problems(f"{where}/properties/{prop}", sub)
    assert not problems, "\n".join(problems)


def test_every_entity_schema_declares_its_fields() -> None:
    for name, cls in ENTITY_TYPES.items():
        schema = SCHEMAS[f"{name}.schema.json"]
        assert set(schema["properties"]) == {f.alias or k for k, f in cls.model_fields.items()}
        assert schema["additionalProperties"] is False
        assert schema["required"][:2] == ["id", "type"]


def _published_files(folder: Path) -> dict[str, str]:
    return {p.name: p.read_text("utf-8") for p in sorted(folder.glob("*.schema.json"))}


def test_the_package_reads_the_one_committed_copy() -> None:
    # no second copy under src/: the wheel gets schemas/ by hatch force-include
    assert not (ROOT / "src" / "smartstd" / "data" / "schemas").exists()
    assert Path(str(schemas.published_root())) == ROOT / "schemas"
    pyproject = (ROOT / "pyproject.toml").read_text("utf-8")
    assert '"schemas" = "smartstd/data/schemas"' in pyproject


@pytest.mark.parametrize("folder", [COMMITTED], ids=["schemas"])
def test_published_schemas_match_the_models(folder: Path) -> None:
    if not folder.is_dir():
        pytest.fail(f"{folder.relative_to(ROOT)} is missing: {EXPORT_HINT}")
    fresh = {name: dump_schema(schema) for name, schema in SCHEMAS.items()}
    published = _published_files(folder)
    missing = sorted(set(fresh) - set(published))
    extra = sorted(set(published) - set(fresh))
    stale = sorted(n for n in set(fresh) & set(published) if fresh[n] != published[n])
    drift = missing or extra or stale
    assert not drift, (
        f"{folder.relative_to(ROOT)}: missing {missing}, unexpected {extra}, "
        f"out of date {stale}: {EXPORT_HINT}"
    )


def test_load_schema_reads_the_package_data() -> None:
    for name, schema in SCHEMAS.items():
        assert schemas.load_schema(name) == json.loads(dump_schema(schema))
    assert STANDARD_VERSION in schemas.published_versions()
    with pytest.raises(FileNotFoundError):
        schemas.load_schema("NoSuchEntity")
