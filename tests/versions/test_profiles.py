"""Profiles as data: loading, rejecting loosening, effective schemas, and the check."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from smartstd.cli import main
from smartstd.conformance.engine import CheckOptions, check
from smartstd.errors import ConfigError
from smartstd.profiles import (
    ProfileSet,
    apply_profiles,
    effective_schemas,
    load_profile,
    parse_profile,
    profile_docs,
    profile_hits,
)
from smartstd.schemas import load_schema
from smartstd.testing import strategies as scds
from smartstd.versions import profile_meta_schema

MINIMAL: dict[str, Any] = {
    "profile": {
        "name": "gz-test",
        "version": "1.0.0",
        "standard_version": "1.0.0",
        "prefix": "gz",
        "title": {"zh-CN": "测试配置", "en": "Test profile"},
    }
}


def _with(path: str, value: Any) -> dict[str, Any]:
    """The minimal profile with one key (dotted path) set."""
    data = copy.deepcopy(MINIMAL)
    node = data
    parts = path.split("|")
    for p in parts[:-1]:
        node = node.setdefault(p, {})
    node[parts[-1]] = value
    return data


@pytest.fixture(scope="module")
def panyu(example_profile: Path) -> ProfileSet:
    return load_profile(example_profile)


def test_the_example_profile(panyu: ProfileSet) -> None:
    p = panyu.main
    assert p.ref == "gz-panyu@1.0.0"
    assert p.prefix == "gz"
    assert {(f.entity, f.name) for f in p.fields} == {
        ("Building", "gz:lingnan_style"),
        ("Facility", "gz:meal_subsidy_yuan"),
    }
    assert all(f.title["zh-CN"] and f.title["en"] for f in p.fields)
    assert "gz:meal_subsidy" in {c.code for c in p.codes}
    assert p.required["Building"] == (("address",),)
    assert p.bbox == (112.95, 22.5, 114.1, 23.95)
    assert p.params["SC304"]["channel_sla_hours"] == {"hotline_12345": 48}
    assert "SC405" in p.params


def test_the_meta_schema_is_draft_2020_12_and_accepts_the_example(example_profile: Path) -> None:
    meta = profile_meta_schema()
    Draft202012Validator.check_schema(meta)
    data = yaml.safe_load(example_profile.read_text("utf-8"))
    assert list(Draft202012Validator(meta).iter_errors(data)) == []


# --------------------------------------------------------------------------- loosening is rejected

LOOSENING = [
    ("required|Building", {"community_id": False}, "required.Building.community_id", "optional"),
    (
        "constraints|fields",
        {"Building": {"floors_above": {"maximum": 300}}},
        "constraints.fields.Building.floors_above.maximum",
        "looser than the core's 200",
    ),
    (
        "constraints|fields",
        {"Building": {"floors_below": {"minimum": -1}}},
        "constraints.fields.Building.floors_below.minimum",
        "looser",
    ),
    (
        "constraints|fields",
        {"Building": {"name": {"maxLength": 5}}},
        "constraints.fields.Building.name.maxLength",
        "does not apply",
    ),
    (
        "constraints|fields",
        {"ServiceRequest": {"description": {"maxLength": 20000}}},
        "constraints.fields.ServiceRequest.description.maxLength",
        "looser",
    ),
    (
        "constraints|fields",
        {"Building": {"category": {"enum": ["skyscraper"]}}},
        "constraints.fields.Building.category.enum",
        "not allowed by the core",
    ),
    (
        "constraints|fields",
        {"Building": {"nope": {"maximum": 3}}},
        "constraints.fields.Building.nope",
        "no field",
    ),
    ("constraints|bbox", [112.0, -91.0, 114.0, 24.0], "constraints.bbox", "latitudes"),
    ("severities", {"SC202": "warning"}, "severities.SC202", "lowering"),
    ("severities", {"SC999": "error"}, "severities.SC999", "no rule"),
    ("params|SC304", {"default_sla_hours": 96}, "params.SC304.default_sla_hours", "looser"),
    (
        "params|SC304",
        {"channel_sla_hours": {"hotline_12345": 100}},
        "params.SC304.channel_sla_hours",
        "looser",
    ),
    (
        "params|SC304",
        {"default_sla_hours": "fast"},
        "params.SC304.default_sla_hours",
        "must be a number",
    ),
    ("params|SC304", {"nope": 1}, "params.SC304.nope", "no parameter"),
    ("params|SC405", {"max_days": 365}, "params.SC405.max_days", "looser"),
    (
        "params|SC405",
        {"kind_bounds": {"cctv_camera": [7, 90]}},
        "params.SC405.kind_bounds",
        "wider",
    ),
    (
        "codes|service_category",
        {"elderly_care": {"zh-CN": "养老", "en": "Elderly"}},
        "codes.service_category.elderly_care",
        "core code",
    ),
    (
        "codes|service_category",
        {"meal": {"zh-CN": "助餐", "en": "Meals"}},
        "codes.service_category.meal",
        "namespaced",
    ),
    (
        "codes|service_category",
        {"sz:meal": {"zh-CN": "助餐", "en": "Meals"}},
        'codes.service_category["sz:meal"]',
        "prefix",
    ),
    (
        "codes|request_status",
        {"gz:parked": {"zh-CN": "搁置", "en": "Parked"}},
        "codes.request_status",
        "closed",
    ),
    ("codes|nope", {"gz:x": {"zh-CN": "x", "en": "x"}}, "codes.nope", "unknown code list"),
    (
        "fields|Building",
        {
            "lingnan_style": {
                "title": {"zh-CN": "风格", "en": "Style"},
                "schema": {"type": "string"},
            }
        },
        "fields.Building.lingnan_style",
        "namespaced",
    ),
    (
        "fields|Building",
        {"address": {"title": {"zh-CN": "地址", "en": "Address"}, "schema": {"type": "string"}}},
        "fields.Building.address",
        "core field",
    ),
    (
        "fields|Building",
        {"gz:x": {"title": {"zh-CN": "x", "en": "x"}, "schema": {"$ref": "#/x"}}},
        'fields.Building["gz:x"].schema',
        "$ref",
    ),
    (
        "fields|Building",
        {"gz:x": {"title": {"zh-CN": "x", "en": "x"}, "schema": {"type": "strin"}}},
        'fields.Building["gz:x"].schema',
        "not a valid JSON Schema",
    ),
    (
        "fields|Buildng",
        {"gz:x": {"title": {"zh-CN": "x", "en": "x"}, "schema": {}}},
        "fields.Buildng",
        "unknown entity type",
    ),
    (
        "fields|Building",
        {"gz:x": {"title": {"en": "x"}, "schema": {}}},
        'fields.Building["gz:x"].title',
        "zh-CN",
    ),
    ("profile|version", "1.0", "profile.version", "does not match"),
    ("profile|standard_version", "9.0.0", "profile.standard_version", "cannot check"),
    ("profile|extends", ["gz-base@1.0.0"], "profile.extends[0]", "not found"),
    ("surprise", {}, "(top level)", "surprise"),
]


@pytest.mark.parametrize(
    ("where", "value", "key_path", "words"), LOOSENING, ids=[c[2] + ":" + c[3] for c in LOOSENING]
)
def test_a_profile_that_loosens_the_core_is_rejected_naming_the_key_path(
    where: str, value: Any, key_path: str, words: str
) -> None:
    with pytest.raises(ConfigError) as info:
        parse_profile(_with(where, value), source="p.yaml")
    text = str(info.value)
    line = next((ln for ln in text.splitlines() if ln.strip().startswith(f"- {key_path}")), None)
    assert line is not None, text
    assert words in line, text


def test_the_broken_profile_file(data_dir: Path) -> None:
    res = CliRunner().invoke(main, ["profile", "check", str(data_dir / "broken-profile.yaml")])
    assert res.exit_code == 1
    for key_path in (
        "fields.Building.lingnan_style",
        "fields.Building.address",
        "required.Building.community_id",
        "codes.service_category.elderly_care",
        "codes.request_status",
        "constraints.bbox",
        "constraints.fields.Building.floors_above.maximum",
        "params.SC304.default_sla_hours",
        "params.SC405.kind_bounds",
        "severities.SC202",
    ):
        assert f"- {key_path}:" in res.output, res.output


def test_check_with_a_loosening_profile_is_a_usage_error(data_dir: Path, tmp_path: Path) -> None:
    data = Path(__file__).parent.parent / "cases" / "valid" / "minimal"
    res = CliRunner().invoke(
        main, ["check", str(data), "--profile", str(data_dir / "broken-profile.yaml")]
    )
    assert res.exit_code == 2
    assert "severities.SC202" in res.output


def test_tightening_is_accepted() -> None:
    data = _with(
        "params|SC304", {"default_sla_hours": 48, "category_sla_hours": {"safety_hazard": 12}}
    )
    data["severities"] = {"SC501": "error"}
    data["constraints"] = {"fields": {"Building": {"floors_above": {"maximum": 120, "minimum": 2}}}}
    data["required"] = {"Building": {"address": True, "community_id": True, "grid_id": False}}
    ps = parse_profile(data)
    assert ps.main.required == {"Building": (("address",), ("community_id",))}
    assert ps.severities()["SC501"].value == "error"


# --------------------------------------------------------------------------- extends


def _write(folder: Path, name: str, data: dict[str, Any]) -> Path:
    path = folder / f"{name}.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    return path


def test_extends_merges_and_cannot_loosen_the_parent(tmp_path: Path) -> None:
    base = _with("params|SC304", {"default_sla_hours": 48})
    base["profile"]["name"] = "gz-base"
    base["constraints"] = {"bbox": [112.95, 22.5, 114.1, 23.95]}
    _write(tmp_path, "base", base)
    child = _with("profile|extends", ["gz-base@1.0.0"])
    child["profile"]["prefix"] = "py"
    child["codes"] = {"facility_kind": {"py:hall": {"zh-CN": "礼堂", "en": "Hall"}}}
    ps = load_profile(_write(tmp_path, "child", child))
    assert ps.refs == ("gz-base@1.0.0", "gz-test@1.0.0")
    assert ps.prefixes == {"gz", "py"}
    assert ps.params()["SC304"]["default_sla_hours"] == 48
    child["params"] = {"SC304": {"default_sla_hours": 60}}
    with pytest.raises(
        ConfigError, match=r"params\.SC304\.default_sla_hours: 60 is looser than 48"
    ):
        load_profile(_write(tmp_path, "child", child))
    child.pop("params")
    child["constraints"] = {"bbox": [100, 20, 120, 30]}
    with pytest.raises(ConfigError, match=r"widens the bounding box of gz-base@1\.0\.0"):
        load_profile(_write(tmp_path, "child", child))


def test_an_extends_cycle_is_reported(tmp_path: Path) -> None:
    a = _with("profile|extends", ["gz-b@1.0.0"])
    a["profile"]["name"] = "gz-a"
    b = _with("profile|extends", ["gz-a@1.0.0"])
    b["profile"]["name"] = "gz-b"
    _write(tmp_path, "a", a)
    _write(tmp_path, "b", b)
    with pytest.raises(ConfigError, match="cycle"):
        load_profile(tmp_path / "a.yaml")


# --------------------------------------------------------------------------- effective schemas


def test_effective_schemas_are_valid_and_stricter(panyu: ProfileSet) -> None:
    schemas = effective_schemas(panyu)
    for name, doc in schemas.items():
        Draft202012Validator.check_schema(doc)
        if name != "report.schema.json":
            assert "/profiles/gz-panyu/1.0.0/" in doc["$id"]
    building = schemas["Building.schema.json"]
    assert "address" in building["required"]
    assert (
        building["properties"]["gz:lingnan_style"]["title"]
        == "Lingnan architectural style / 岭南建筑风格"
    )


def test_no_declared_field_is_also_matched_by_a_pattern(panyu: ProfileSet) -> None:
    """ajv's strict mode refuses a property that a patternProperties key also matches."""
    import re

    clashes = []
    for name, schema in effective_schemas(panyu).items():
        for node in [schema, *schema.get("$defs", {}).values()]:
            if not isinstance(node, dict):
                continue
            for prop in node.get("properties", {}):
                clashes += [
                    (name, prop, pat)
                    for pat in node.get("patternProperties", {})
                    if re.search(pat, prop)
                ]
    assert not clashes
    building = effective_schemas(panyu)["Building.schema.json"]
    assert "gz:lingnan_style" in building["properties"]


def test_schema_diff_core_against_profile(example_profile: Path) -> None:
    runner = CliRunner()
    res = runner.invoke(
        main, ["schema", "diff", "1.0.0", str(example_profile), "--mode", "forward", "-f", "json"]
    )
    assert res.exit_code == 0, res.output
    report = json.loads(res.output)
    assert report["summary"]["forward_compatible"] is True
    assert report["summary"]["backward_compatible"] is False
    kinds = {c["kind"] for c in report["changes"]}
    assert {
        "field_added",
        "required_added",
        "bound_tightened",
        "codelist_grown",
        "pattern_tightened",
        "object_closed",
    } <= kinds
    assert (
        runner.invoke(
            main, ["schema", "diff", "1.0.0", str(example_profile), "--mode", "backward"]
        ).exit_code
        == 1
    )


def test_profile_build_and_docs(example_profile: Path, tmp_path: Path) -> None:
    from smartstd.compat import diff_bundles, load_bundle

    runner = CliRunner()
    res = runner.invoke(
        main, ["profile", "build", str(example_profile), "--out", str(tmp_path / "b")]
    )
    assert res.exit_code == 0, res.output
    bundle = load_bundle(tmp_path / "b")
    assert bundle.subject == "gz-panyu"
    assert bundle.version == "1.0.0"
    codes = json.loads((tmp_path / "b" / "codelists.json").read_text("utf-8"))["code_lists"]
    meal = [c for c in codes["service_category"]["codes"] if c["code"] == "gz:meal_subsidy"]
    assert meal[0]["title"] == {"zh-CN": "长者饭堂助餐补贴", "en": "Elderly-canteen meal subsidy"}
    rules = {
        r["code"]: r
        for r in json.loads((tmp_path / "b" / "rules.json").read_text("utf-8"))["rules"]
    }
    sc304 = {p["name"]: p for p in rules["SC304"]["params"]}
    assert sc304["channel_sla_hours"]["value"] == {"hotline_12345": 48}
    assert diff_bundles(bundle, load_bundle(example_profile)).changes == ()
    res = runner.invoke(main, ["profile", "docs", str(example_profile)])
    assert res.exit_code == 0
    for text in (
        "gz:lingnan_style",
        "岭南建筑风格",
        "Lingnan architectural style",
        "gz:meal_subsidy",
        "SC304",
        "新增代码",
        "Added codes",
    ):
        assert text in res.output
    assert "岭南建筑风格" not in profile_docs(load_profile(example_profile), "en")


# ------------------------------------------- the property: profile-conformant => core-conformant

TYPES = ["Building", "Facility", "Service", "ServiceRequest", "Community", "Organization"]


@st.composite
def candidates(draw: st.DrawFn) -> dict[str, Any]:
    """Core-valid entities, then edits aimed at the profile (and some at the core)."""
    ent = draw(scds.entities(types=TYPES))
    edits = draw(st.lists(st.integers(0, 11), max_size=4))
    for e in edits:
        if e == 0:
            ent["gz:lingnan_style"] = draw(st.sampled_from(["qilou", "modern", "skyscraper", 3]))
        elif e == 1:
            ent["gz:meal_subsidy_yuan"] = draw(st.sampled_from([0, 8.5, 50, 51, -1, "8"]))
        elif e == 2:
            ent[draw(st.sampled_from(["gz:nope", "sz:other"]))] = 1
        elif e == 3:
            ent.pop("address", None)
        elif e == 4:
            ent["address"] = draw(st.sampled_from([None, {"zh-CN": "钟村街 1 号"}]))
        elif e == 5:
            field = {
                "Service": "category",
                "Facility": "kind",
                "Organization": "kind",
                "ServiceRequest": "category",
            }.get(ent["type"])
            if field:
                ent[field] = draw(
                    st.sampled_from(
                        [
                            "gz:meal_subsidy",
                            "gz:ancestral_hall",
                            "gz:dragon_boat_club",
                            "gz:nope",
                            "sz:x",
                        ]
                    )
                )
        elif e == 6:
            lon = draw(st.sampled_from([113.3, 112.9, 114.2, -120.0]))
            lat = draw(st.sampled_from([23.0, 22.4, 24.0]))
            ent["location"] = {"type": "Point", "coordinates": [lon, lat]}
        elif e == 7:
            ent["description"] = "x" * draw(st.sampled_from([10, 2000, 2001]))
        elif e == 8:
            ent["division_code"] = draw(st.sampled_from(["440113", "440199", "110101"]))
        elif e == 9:
            ent["floors_above"] = draw(st.sampled_from([0, 5, 201]))  # 0 and 201 break the core
        elif e == 10:
            ent["unknown_field"] = 1  # breaks the core
        elif e == 11:
            ent.pop("location", None)
    return ent


@pytest.fixture(scope="module")
def validators(panyu: ProfileSet) -> dict[str, tuple[Any, Any]]:
    eff = effective_schemas(panyu)
    return {
        # the core the profile builds on (gz-panyu builds on 1.0.0)
        t: (
            Draft202012Validator(load_schema(t, panyu.standard_version)),
            Draft202012Validator(eff[f"{t}.schema.json"]),
        )
        for t in TYPES
    }


@settings(
    max_examples=200, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)
@given(ent=candidates())
def test_profile_conformant_data_is_core_conformant(
    ent: dict[str, Any], panyu: ProfileSet, validators: dict[str, tuple[Any, Any]]
) -> None:
    core, profile = validators[ent["type"]]
    if profile.is_valid(ent):
        assert core.is_valid(ent), ent
    if core.is_valid(ent):
        # on core-valid data, the rule SC702 finds exactly what the effective schema rejects
        hits = profile_hits(ent, panyu)
        errors = list(profile.iter_errors(ent))
        assert (hits == []) == (errors == []), (
            ent,
            [h.params for h in hits],
            [e.message for e in errors],
        )


# ------------------------------------------------------------------ the check, with a profile


def _dataset(tmp_path: Path, entities: list[dict[str, Any]], **envelope: Any) -> Path:
    doc = {
        "standard": "scds",
        "standard_version": "1.1.0",
        "dataset_id": "d1",
        "publisher_id": "org-so",
        "generated_at": "2026-06-30T18:00:00+08:00",
        "classification": "internal",
        **envelope,
        "entities": [
            {
                "id": "org-so",
                "type": "Organization",
                "name": {"zh-CN": "钟村街道办事处"},
                "kind": "street_office",
            },
            {
                "id": "c-1",
                "type": "Community",
                "name": {"zh-CN": "汉溪社区"},
                "division_code": "440113",
                "street_office_id": "org-so",
            },
            *entities,
        ],
    }
    path = tmp_path / "dataset.json"
    path.write_text(json.dumps(doc, ensure_ascii=False, indent=1), "utf-8")
    return path


BUILDING = {"id": "b-1", "type": "Building", "community_id": "c-1", "name": {"zh-CN": "1栋"}}


def test_check_with_profile_option_reports_sc702(tmp_path: Path, example_profile: Path) -> None:
    bad = {
        **BUILDING,
        "gz:lingnan_style": "skyscraper",
        "location": {"type": "Point", "coordinates": [116.4, 39.9]},
    }
    path = _dataset(tmp_path, [bad])
    opts = apply_profiles(CheckOptions(), [str(example_profile)], [str(path)])
    report = check([str(path)], opts)
    got = {(f.code, f.pointer, f.params.get("constraint")) for f in report.findings}
    assert got == {
        ("SC702", "/entities/2/address", "required"),
        ("SC702", "/entities/2/gz:lingnan_style", "enum"),
        ("SC702", "/entities/2/location/coordinates", "bbox"),
    }
    assert report.profiles == ("gz-panyu@1.0.0",)
    finding = next(f for f in report.findings if f.params["constraint"] == "required")
    assert "gz-panyu@1.0.0" in finding.message("en")
    assert "地方配置" in finding.message("zh-CN")


def test_the_envelope_names_the_profile(tmp_path: Path, example_profile: Path) -> None:
    (tmp_path / "profile.yaml").write_text(example_profile.read_text("utf-8"), "utf-8")
    good = {
        **BUILDING,
        "address": {"zh-CN": "钟村街 1 号"},
        "gz:lingnan_style": "qilou",
        "category": "gz:nope",
    }
    path = _dataset(
        tmp_path,
        [good],
        profiles=["gz-panyu@1.0.0"],
        extensions={"gz": "https://www.panyu.gov.cn/scds/gz"},
    )
    report = check([str(tmp_path)])
    assert [(f.code, f.pointer, f.params.get("constraint")) for f in report.findings] == [
        ("SC702", "/entities/2/category", "declared-code")
    ]
    assert report.profiles == ("gz-panyu@1.0.0",)
    assert path.exists()


def test_an_unknown_or_invalid_profile_is_sc701(tmp_path: Path, data_dir: Path) -> None:
    _dataset(tmp_path, [], profiles=["gz-panyu@9.9.9"])
    report = check([str(tmp_path)])
    assert [(f.code, f.pointer) for f in report.findings] == [("SC701", "/profiles/0")]
    (tmp_path / "broken.yaml").write_text(
        (data_dir / "broken-profile.yaml").read_text("utf-8"), "utf-8"
    )
    _dataset(tmp_path, [], profiles=["gz-broken@1.0.0"])
    report = check([str(tmp_path)])
    assert [f.code for f in report.findings] == ["SC701"]
    assert "invalid" in report.findings[0].params["reason"]


def test_a_newer_profile_version_is_sc704(tmp_path: Path, example_profile: Path) -> None:
    text = example_profile.read_text("utf-8")
    (tmp_path / "profile-1.0.0.yaml").write_text(text, "utf-8")
    (tmp_path / "profile-1.1.0.yaml").write_text(
        text.replace("version: 1.0.0\n  standard_version", "version: 1.1.0\n  standard_version"),
        "utf-8",
    )
    _dataset(tmp_path, [], profiles=["gz-panyu@1.0.0"])
    report = check([str(tmp_path)])
    assert [(f.code, f.severity.value, f.params["latest"]) for f in report.findings] == [
        ("SC704", "info", "1.1.0")
    ]


def test_sc703_from_the_version_registry_and_from_a_profile(tmp_path: Path) -> None:
    from smartstd import versions

    path = _dataset(
        tmp_path,
        [{**BUILDING, "elevator_count": 2, "gz:old_style": "qilou"}],
        extensions={"gz": "x"},
    )
    dep = versions.Deprecation("Building", "elevator_count", "1.1.0", "gz:lifts")
    with versions.registered(versions.VersionInfo("1.1.0", checkable=True, deprecations=(dep,))):
        report = check([str(path)])
    assert [(f.code, f.pointer) for f in report.findings] == [
        ("SC703", "/entities/2/elevator_count")
    ]
    assert check([str(path)]).findings == ()
    data = copy.deepcopy(MINIMAL)
    data["fields"] = {
        "Building": {
            "gz:old_style": {
                "title": {"zh-CN": "旧风格", "en": "Old style"},
                "schema": {"type": "string"},
            }
        }
    }
    data["deprecated"] = [
        {
            "field": "Building.gz:old_style",
            "since": "1.0.0",
            "replacement": "Building.gz:lingnan_style",
        }
    ]
    opts = CheckOptions()
    from smartstd.profiles import merge_into_options

    opts = merge_into_options(opts, parse_profile(data))
    report = check([str(path)], opts)
    assert [(f.code, f.pointer, f.severity.value) for f in report.findings] == [
        ("SC703", "/entities/2/gz:old_style", "warning")
    ]


def test_profile_params_and_severities_reach_the_options(example_profile: Path) -> None:
    opts = CheckOptions(
        params={"SC304": {"default_sla_hours": 24, "channel_sla_hours": {"hotline_12345": 72}}}
    )
    given = opts
    opts = apply_profiles(opts, [str(example_profile)], [])
    assert given.params == {
        "SC304": {"default_sla_hours": 24, "channel_sla_hours": {"hotline_12345": 72}}
    }  # a new object: the caller's options are left as they were
    assert given.profile is None and given.extra_prefixes == frozenset()
    assert opts.params["SC304"]["default_sla_hours"] == 24  # the project's stricter value stays
    assert opts.params["SC304"]["channel_sla_hours"] == {
        "hotline_12345": 48
    }  # the profile's stricter one wins
    assert opts.params["SC405"]["min_days"] == 15
    assert "gz" in opts.extra_prefixes
    with pytest.raises(ConfigError, match="not found"):
        apply_profiles(CheckOptions(), ["gz-nowhere@1.0.0"], [])
    with pytest.raises(ConfigError, match="neither"):
        apply_profiles(CheckOptions(), ["gz-nowhere"], [])


def test_the_overlay_builds_new_options_and_leaves_the_callers_alone(
    example_profile: Path, tmp_path: Path
) -> None:
    from smartstd.profiles import merge_into_options, resolve_envelope_profiles
    from smartstd.report import Severity

    nested = {"hotline_12345": 72}
    given = CheckOptions(
        params={"SC304": {"default_sla_hours": 24, "channel_sla_hours": nested}},
        severities={"SC405": Severity.INFO},
        extra_prefixes=frozenset({"sz"}),
        profiles=("sz-other@1.0.0",),
    )
    before = copy.deepcopy(given)
    ps = load_profile(example_profile)
    merged = merge_into_options(given, ps)
    assert merged is not given
    assert given == before and nested == {"hotline_12345": 72}  # nothing changed in place
    assert merged.params["SC304"]["channel_sla_hours"] == {"hotline_12345": 48}
    assert merged.params["SC304"] is not given.params["SC304"]
    assert merged.profile == ps and merged.profiles == ("sz-other@1.0.0", *ps.refs)
    assert merged.extra_prefixes == {"sz", *ps.prefixes}
    # the envelope's profiles: a new object too, the caller's options as they were
    data = tmp_path / "data"
    data.mkdir()
    (data / "p.yaml").write_text(example_profile.read_text("utf-8"), "utf-8")
    resolved, hits = resolve_envelope_profiles(given, list(ps.refs), [str(data)])
    assert hits == [] and resolved is not given and given == before
    assert resolved.profiles == ("sz-other@1.0.0", *ps.refs)
    assert resolved.profile is not None and resolved.profile.refs == ps.refs


def test_the_example_community_stays_conformant_to_its_profile(example_profile: Path) -> None:
    folder = example_profile.parent
    opts = apply_profiles(CheckOptions(), [str(example_profile)], [str(folder)])
    report = check([str(folder)], opts)
    assert [f for f in report.findings if f.code.startswith("SC7")] == []
    assert report.counts["error"] == 0 and report.is_conformant()
    # the dataset names the profile itself, so a plain check applies it too
    assert check([str(folder)]).profiles == ("gz-panyu@1.0.0",)


def test_built_in_profiles_come_first(
    tmp_path: Path, example_profile: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import smartstd.profiles as profiles
    import smartstd.profiles.load as profile_loading

    builtin = tmp_path / "builtin"
    builtin.mkdir()
    (builtin / "gz-panyu.yaml").write_text(example_profile.read_text("utf-8"), "utf-8")
    monkeypatch.setattr(  # where the loader looks them up
        profile_loading,
        "builtin_profiles",
        lambda: {"gz-panyu@1.0.0": builtin / "gz-panyu.yaml"},
    )
    data = tmp_path / "data"
    data.mkdir()
    _dataset(data, [BUILDING], profiles=["gz-panyu@1.0.0"], extensions={"gz": "x"})
    report = check([str(data)])
    assert [(f.code, f.pointer) for f in report.findings] == [("SC702", "/entities/2/address")]
    assert profiles.find_profile("gz-panyu@1.0.0") == builtin / "gz-panyu.yaml"
