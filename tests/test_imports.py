"""What a check loads: only what its level and its records need (issue #18).

A one-record ``smartstd check`` once cost 0.7 s of CPU, most of it importing
every model, building every validator and loading rule code the level never
runs. These tests pin what a one-record check leaves out, by asserting on
``sys.modules`` and on what was built (never on time), so that the saving
cannot quietly go; and they hold the lazy parts to the eager ones they
replace: :meth:`ModelSet.json_validator` to the union's ``validate_json``,
:data:`ENTITY_TYPES` to :data:`AnyEntity`.
"""

from __future__ import annotations

import json
import os
import pickle
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from smartstd.example import example_files
from smartstd.standard.dataset import ENTITY_TYPES, AnyEntity, entity_adapter
from smartstd.standard.modelset import ModelSet, models_for

ENVELOPE = {
    "standard": "scds",
    "standard_version": "1.1.0",
    "dataset_id": "one-record",
    "publisher_id": "org-so",
    "generated_at": "2026-06-30T18:00:00+08:00",
    "classification": "public",
}
ORGANIZATION = {
    "id": "org-so",
    "type": "Organization",
    "name": {"zh-CN": "钟村街道办事处", "en": "Zhongcun Street Office"},
    "kind": "street_office",
}

#: Never loaded by a one-record check of an Organization, at L1 or L2.
NEVER = (
    # the entity types the record is not, and what needs all of them
    "smartstd.standard.place",
    "smartstd.standard.people",
    "smartstd.standard.governance",
    "smartstd.standard.participation",
    "smartstd.standard.programme",
    "smartstd.standard.safety",
    "smartstd.standard.service",
    "smartstd.standard._union",
    # the charter graph, the assessment, profiles, schemas and the other commands
    "networkx",
    "jsonschema",
    "yaml",
    "rich",
    "smartstd.graph",
    "smartstd.assessment",
    "smartstd.profiles",
    "smartstd.schemas",
    "smartstd.interchange",
    "smartstd.rules.example",
    "smartstd.cli.rules",
    "smartstd.cli.graph",
    "smartstd.cli.schema",
    # the Chinese help and its layout (only for --help and usage errors)
    "smartstd.cli.helptext",
    "smartstd.cli.help_zh",
    # waivers, when none are given
    "smartstd.conformance.waivers",
    # YAML, for JSON and NDJSON
    "smartstd.io.yamlreader",
    # worker processes and clusters, for one record
    "concurrent.futures",
    "multiprocessing",
    "dask",
)
#: Rule code an L1 check does not run (the families of L2 and above).
NOT_AT_L1 = (
    "smartstd.rules.sc2.checks",
    "smartstd.rules.sc3.checks",
    "smartstd.rules.sc4.checks",
    "smartstd.rules.sc5.checks",
    "smartstd.rules.sc7.checks",
    "smartstd.rules.sc8.checks",
    # the versions' table, for data of the latest version (SC7's deprecations need it at L2)
    "smartstd.versions",
)

_CLI_RUN = """
import json, runpy, sys
sys.argv = ["smartstd", "check", sys.argv[1], "--level", sys.argv[2]]
try:
    runpy.run_module("smartstd", run_name="__main__", alter_sys=True)
except SystemExit as exc:
    code = exc.code
import smartstd.standard.dataset as ds
print(json.dumps({
    "exit": code,
    "modules": sorted(sys.modules),
    "union_built": ds._ADAPTER is not None,
    "organization_built": ds.ENTITY_TYPES["Organization"].__pydantic_complete__,
}))
"""


def _one_record(folder: Path) -> Path:
    path = folder / "one.ndjson"
    path.write_text(
        json.dumps(ENVELOPE, ensure_ascii=False)
        + "\n"
        + json.dumps(ORGANIZATION, ensure_ascii=False)
        + "\n",
        encoding="utf-8",
    )
    return path


def _cli_check(path: Path, level: str) -> dict[str, Any]:
    out = subprocess.run(
        [sys.executable, "-c", _CLI_RUN, str(path), level],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert out.returncode == 0, out.stderr
    result: dict[str, Any] = json.loads(out.stdout.splitlines()[-1])
    return result


@pytest.mark.parametrize("level", ["L1", "L2"])
def test_a_one_record_check_loads_only_what_it_needs(tmp_path: Path, level: str) -> None:
    run = _cli_check(_one_record(tmp_path), level)
    assert run["exit"] == 0  # conformant: the record took the fast path
    modules = set(run["modules"])
    loaded = sorted(m for m in modules if m in NEVER or m.startswith(tuple(f"{n}." for n in NEVER)))
    assert loaded == [], f"a one-record {level} check imported {loaded}"
    # the record's own type was validated with its own model; the union of
    # all 24 types, which costs every model's build, was never built
    assert "smartstd.standard.organization" in modules
    assert run["organization_built"] is True
    assert run["union_built"] is False
    if level == "L1":
        assert sorted(modules.intersection(NOT_AT_L1)) == []
    else:
        assert "smartstd.rules.sc2.checks" in modules  # the test sees L2's rules load


def test_a_large_check_validates_with_the_union_from_the_first_record(tmp_path: Path) -> None:
    # the engine builds every model and the union before a large input (many
    # types to meet, their models dumped), so that the checker takes the
    # union's own validator, with no step per record
    code = (
        "import sys\n"
        "import smartstd.conformance.engine as engine\n"
        "import smartstd.standard.dataset as ds\n"
        "engine._UNION_BYTES = 0\n"
        "report = engine.check([sys.argv[1]], level='L1')\n"
        "assert report.is_conformant(), report.findings\n"
        "assert ds._ADAPTER is not None, 'the union was not built'\n"
        "from smartstd.standard import models_for\n"
        "built = [c.__pydantic_complete__ for c in models_for('1.1.0').models.values()]\n"
        "assert all(built) and len(built) > 40, built\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, str(_one_record(tmp_path))],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert out.returncode == 0, out.stderr


def test_importing_the_standard_builds_no_model() -> None:
    code = (
        "import sys\n"
        "import smartstd.standard as s\n"
        "from smartstd.standard.dataset import ENTITY_TYPES, Envelope\n"
        "assert list(ENTITY_TYPES)[:2] == ['Community', 'Grid'] and len(ENTITY_TYPES) == 24\n"
        "assert 'Building' in ENTITY_TYPES and 'Buildings' not in ENTITY_TYPES\n"
        "assert 'smartstd.standard.place' not in sys.modules, 'names loaded a model'\n"
        "assert not Envelope.__pydantic_complete__, 'Envelope built on import'\n"
        "assert ENTITY_TYPES['Building'] is s.Building\n"
        "assert 'smartstd.standard.place' in sys.modules\n"
        "assert 'smartstd.standard.governance' not in sys.modules\n"
        "assert not s.Building.__pydantic_complete__\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, timeout=120
    )
    assert out.returncode == 0, out.stderr


def test_entity_types_and_the_union_name_the_same_types_in_order() -> None:
    members = AnyEntity.__origin__.__args__  # type: ignore[attr-defined]
    assert tuple(ENTITY_TYPES.values()) == members
    assert list(ENTITY_TYPES) == [cls.__name__ for cls in members]
    assert ENTITY_TYPES.get("Nothing") is None
    with pytest.raises(KeyError):
        ENTITY_TYPES["Nothing"]


def _example_records() -> list[dict[str, Any]]:
    text = example_files()["ndjson/dataset.ndjson"].read_text("utf-8")
    records = [json.loads(line) for line in text.splitlines()[1:] if line.strip()]
    assert len({r["type"] for r in records}) >= 10
    return records


def _variants() -> list[str | bytes]:
    """Valid records of every type in the example, and ways for one to be wrong."""
    records = _example_records()
    building = next(r for r in records if r["type"] == "Building")
    out: list[str | bytes] = [json.dumps(r, ensure_ascii=False).encode() for r in records]
    geometry_first = {"footprint": building.get("footprint"), **building}
    wrong = [
        {**ORGANIZATION, "kind": "no_such_kind"},  # its type's model refuses it
        {**ORGANIZATION, "type": "Organisation"},  # no such type: the union's tag error
        {k: v for k, v in ORGANIZATION.items() if k != "type"},  # no type at all
        {**ORGANIZATION, "type": 5},
        {**ORGANIZATION, "type": "Building"},  # another type's model
        {"type": "Point", "coordinates": [113.3, 23.0]},  # a geometry, no entity
        geometry_first,  # a nested type before the record's own
        {**ORGANIZATION, "divison_code": "440113"},  # an unknown field
        {**ORGANIZATION, "name": {}},
        # a nested object that names an entity type, and no type of its own:
        # the union's tag error, never a record of the nested object's type
        {"id": "r1", "x:note": {"type": "Resident"}},
        {"x:note": {"type": "Household"}, **ORGANIZATION},
        {"x:note": {"type": "Organization"}, **ORGANIZATION, "type": "Grid"},
    ]
    out += [json.dumps(r, ensure_ascii=False).encode() for r in wrong]
    out += [
        json.dumps(ORGANIZATION, ensure_ascii=False),  # text, not bytes
        json.dumps(ORGANIZATION, indent=2).encode(),  # spaces around the colon
        b'{"type": "Organization", "type": "Grid", "id": "x"}',  # a duplicate key
        b'{"id": "x", "type": "Organization"',  # not JSON
        b"[1, 2]",
        b'"Organization"',
    ]
    return out


def _outcome(validate: Any, data: str | bytes) -> tuple[str, Any]:
    try:
        model = validate(data)
    except ValidationError as exc:
        return "error", exc.errors(include_url=False)
    return type(model).__qualname__, model.model_dump(mode="json")


@pytest.mark.parametrize("version", ["1.1.0", "1.0.0"])
def test_the_json_validator_answers_as_the_union(version: str) -> None:
    union = models_for(version).entity_adapter().validator.validate_json
    fresh = ModelSet.__new__(ModelSet)
    fresh.__dict__.update(models_for(version).__dict__)  # the same models, nothing cached
    fresh._adapter, fresh._union_json, fresh._by_type = None, None, {}
    variants = _variants()
    fresh._before_union = len(variants)  # every variant by its type (not the union after some)
    by_type = fresh.json_validator()
    assert by_type != union  # before the union is built, the validator picks by type
    for data in variants:
        fresh._union_json = None  # each variant by its type, whatever the one before did
        assert _outcome(by_type, data) == _outcome(union, data), data
    assert len(fresh._by_type) >= 10  # the records' own models answered


def test_after_some_records_the_json_validator_builds_the_union() -> None:
    fresh = ModelSet.__new__(ModelSet)
    fresh.__dict__.update(models_for("1.0.0").__dict__)
    fresh._adapter, fresh._union_json, fresh._by_type = None, None, {}
    fresh._before_union = 1
    validate = fresh.json_validator()
    record = json.dumps(ORGANIZATION, ensure_ascii=False).encode()
    first = validate(record)  # by its type's model
    assert fresh._union_json is None
    second = validate(record)  # the union, built now
    assert fresh._union_json is not None
    assert first.model_dump() == second.model_dump()
    assert fresh.json_validator() == fresh.entity_adapter().validator.validate_json


def test_the_json_validator_is_the_union_once_that_is_built() -> None:
    models = models_for("1.1.0")
    models.entity_adapter()
    assert models.json_validator() == entity_adapter().validator.validate_json


def test_a_model_set_pickles_as_its_version() -> None:
    for version in ("1.0.0", "1.1.0"):
        assert pickle.loads(pickle.dumps(models_for(version))) is models_for(version)


def _fake_pydantic_plugin(folder: Path) -> Path:
    """A distribution on ``folder`` whose ``pydantic`` entry point leaves a mark when loaded."""
    mark = folder / "plugin-loaded"
    (folder / "fakeplugin.py").write_text(
        f"from pathlib import Path\nPath({str(mark)!r}).write_text('loaded')\nplugin = object()\n",
        encoding="utf-8",
    )
    info = folder / "fakeplugin-0.1.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(
        "Metadata-Version: 2.1\nName: fakeplugin\nVersion: 0.1\n", encoding="utf-8"
    )
    (info / "entry_points.txt").write_text("[pydantic]\nfake = fakeplugin:plugin\n", "utf-8")
    return mark


def test_the_command_line_loads_no_pydantic_plugin(tmp_path: Path) -> None:
    # a check's result must not depend on what else is installed, and a
    # one-record check must not pay for searching every distribution's entry
    # points: the command line runs with pydantic's plugins off
    mark = _fake_pydantic_plugin(tmp_path)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(tmp_path), *sys.path])}
    env.pop("PYDANTIC_DISABLE_PLUGINS", None)
    control = subprocess.run(
        [sys.executable, "-c", "from pydantic.plugin._loader import get_plugins; get_plugins()"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert mark.exists(), control.stderr  # the plugin is found where pydantic looks
    mark.unlink()
    out = subprocess.run(
        [sys.executable, "-m", "smartstd", "check", str(_one_record(tmp_path)), "--level", "L1"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert out.returncode == 0, out.stderr
    assert not mark.exists(), "the command line loaded a pydantic plugin"


def test_a_one_record_check_compiles_no_parser_message_pattern(tmp_path: Path) -> None:
    # the patterns that say a parser's English again in Chinese (130 and more)
    # are for runs that have such a message to say; compiling them all on
    # import added 13% to a one-record check's instructions
    code = _CLI_RUN.replace(
        "import smartstd.standard.dataset as ds",
        "import smartstd.standard.dataset as ds\n"
        "import smartstd._parser_messages as pm\n"
        "assert pm._compiled.cache_info().currsize == 0, pm._compiled.cache_info()",
    )
    out = subprocess.run(
        [sys.executable, "-c", code, str(_one_record(tmp_path)), "L2"],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert out.returncode == 0, out.stderr
    from smartstd._parser_messages import say

    assert "分隔符" in say("Expecting ',' delimiter", "zh-CN")  # compiled when needed
