"""Publishing (``schema build``), drift (``schema check``) and comparing (``schema diff``)."""

from __future__ import annotations

import copy
import hashlib
import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from jsonschema import Draft202012Validator
from referencing import Registry, Resource

from smartstd.catalogue import all_rules
from smartstd.cli import main
from smartstd.compat import (
    Bundle,
    ChangeKind,
    diff_bundles,
    load_bundle,
    render_markdown,
    render_text,
)
from smartstd.errors import UsageError
from smartstd.schemas import build_schemas
from smartstd.standard.codes import CODE_LISTS
from smartstd.testing import strategies as scds
from smartstd.versions import (
    Version,
    bundle_files,
    changelog_excerpt,
    compare_to_library,
    write_bundle,
)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("bundle") / "1.0.0"
    res = CliRunner().invoke(
        main,
        [
            "schema",
            "build",
            "--version",
            "1.0.0",
            "--base-uri",
            "https://example.gov.cn/scds",
            "--out",
            str(out),
        ],
    )
    assert res.exit_code == 0, res.output
    return out


def test_the_bundle_is_complete_and_self_contained(built: Path) -> None:
    index = json.loads((built / "index.json").read_text("utf-8"))
    assert index["version"] == "1.0.0"
    files = {e["file"] for e in index["schemas"]}
    assert {
        "Building.schema.json",
        "dataset.schema.json",
        "envelope.schema.json",
        "profile.schema.json",
    } <= files
    resources = []
    for name in files:
        doc = json.loads((built / name).read_text("utf-8"))
        Draft202012Validator.check_schema(doc)
        assert (
            doc["$id"].startswith("https://example.gov.cn/scds/1.0.0/")
            or name == "report.schema.json"
        )
        text = json.dumps(doc)
        assert '"$ref": "http' not in text, f"{name} refers outside itself"
        resources.append((doc["$id"], Resource.from_contents(doc)))
    registry = Registry().with_resources(resources)
    dataset = json.loads((built / "dataset.schema.json").read_text("utf-8"))
    minimal = Path(__file__).parent.parent / "cases" / "valid" / "minimal" / "dataset.json"
    Draft202012Validator(dataset, registry=registry).validate(
        json.loads(minimal.read_text("utf-8"))
    )


def test_checksums_code_lists_rules_and_changes(built: Path) -> None:
    sums = dict(
        reversed(line.split("  ", 1))
        for line in (built / "SHA256SUMS").read_text("utf-8").splitlines()
    )
    assert set(sums) == {p.name for p in built.iterdir()} - {"SHA256SUMS"}
    for name, digest in sums.items():
        assert hashlib.sha256((built / name).read_bytes()).hexdigest() == digest
    lists = json.loads((built / "codelists.json").read_text("utf-8"))["code_lists"]
    assert set(lists) == set(CODE_LISTS)
    canteen = next(c for c in lists["facility_kind"]["codes"] if c["code"] == "elderly_canteen")
    assert canteen["title"] == {"zh-CN": "长者饭堂", "en": "Elderly canteen"}
    assert lists["request_status"]["closed"] is True
    rules = json.loads((built / "rules.json").read_text("utf-8"))["rules"]
    assert [r["code"] for r in rules] == [r.code for r in all_rules()]
    assert all(r["title"]["zh-CN"] and r["title"]["en"] for r in rules)
    assert (built / "CHANGES.md").read_text("utf-8").startswith("# SCDS 1.0.0")


def test_a_tampered_bundle_is_refused(built: Path, tmp_path: Path) -> None:
    copy_dir = tmp_path / "b"
    write_bundle(copy_dir, {p.name: p.read_bytes() for p in built.iterdir()})
    assert load_bundle(copy_dir).version == "1.0.0"
    (copy_dir / "Building.schema.json").write_text("{}", "utf-8")
    with pytest.raises(UsageError, match="checksum"):
        load_bundle(copy_dir)


def test_schema_check_accepts_a_built_bundle_and_finds_drift(built: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    res = runner.invoke(
        main, ["schema", "check", "--dir", str(built), "--base-uri", "https://example.gov.cn/scds"]
    )
    assert res.exit_code == 0, res.output
    drifted = tmp_path / "drift"
    write_bundle(drifted, {p.name: p.read_bytes() for p in built.iterdir()})
    (drifted / "rules.json").write_text("{}", "utf-8")
    res = runner.invoke(
        main,
        ["schema", "check", "--dir", str(drifted), "--base-uri", "https://example.gov.cn/scds"],
    )
    assert res.exit_code == 1
    assert "rules.json" in res.output


def test_changelog_excerpt() -> None:
    text = "# Changelog\n\n## [1.1.0] - 2027-01-01\n### Added\n- a field\n\n## [1.0.0]\n- first\n"
    assert changelog_excerpt(text, "1.1.0") == "## [1.1.0] - 2027-01-01\n### Added\n- a field\n"
    assert changelog_excerpt(text, "1.0.0") == "## [1.0.0]\n- first\n"
    assert changelog_excerpt(text, "2.0.0") is None


def test_build_with_previous_and_changelog(tmp_path: Path) -> None:
    log = tmp_path / "CHANGELOG.md"
    log.write_text("# Changes\n\n## [1.0.0]\n- the first version\n", "utf-8")
    res = CliRunner().invoke(
        main,
        [
            "schema",
            "build",
            "--version",
            "1.0.0",
            "--out",
            str(tmp_path / "b"),
            "--changelog",
            str(log),
            "--previous",
            "1.0.0",
        ],
    )
    assert res.exit_code == 0, res.output
    changes = (tmp_path / "b" / "CHANGES.md").read_text("utf-8")
    assert "- the first version" in changes
    assert "No changes." in changes
    bad = CliRunner().invoke(
        main, ["schema", "build", "--out", str(tmp_path / "c"), "--version", "one"]
    )
    assert bad.exit_code == 2


# --------------------------------------------------------------------------- diff of bundles


def _bundle(version: str, edit: Any = None) -> Bundle:
    files: dict[str, Any] = copy.deepcopy(build_schemas("1.0.0"))
    if edit is not None:
        edit(files)
    return Bundle.from_files(files, version=version)


def _drop_elevators(files: dict[str, Any]) -> None:
    del files["Building.schema.json"]["properties"]["elevator_count"]


def _add_note(files: dict[str, Any]) -> None:
    files["Building.schema.json"]["properties"]["note"] = {"type": "string", "maxLength": 200}


def _retitle(files: dict[str, Any]) -> None:
    files["Building.schema.json"]["title"] = "Building (a structure) / 楼栋"


def _add_type(files: dict[str, Any]) -> None:
    files["Bridge.schema.json"] = {"type": "object", "properties": {"id": {"type": "string"}}}


def _drop_type(files: dict[str, Any]) -> None:
    del files["Grid.schema.json"]


@pytest.mark.parametrize(
    ("edit", "new_version", "bump", "kind", "mode_ok"),
    [
        (
            _drop_elevators,
            "2.0.0",
            "major",
            ChangeKind.FIELD_REMOVED,
            {"backward": False, "forward": True},
        ),
        (_add_note, "1.1.0", "minor", ChangeKind.FIELD_ADDED, {"backward": True, "forward": False}),
        (
            _retitle,
            "1.0.1",
            "patch",
            ChangeKind.DESCRIPTION_ONLY,
            {"backward": True, "forward": True, "full": True},
        ),
        (
            _add_type,
            "1.1.0",
            "minor",
            ChangeKind.SCHEMA_ADDED,
            {"backward": True, "forward": False},
        ),
        (
            _drop_type,
            "2.0.0",
            "major",
            ChangeKind.SCHEMA_REMOVED,
            {"backward": False, "forward": True},
        ),
    ],
)
def test_bundle_diff_bump_and_modes(
    edit: Any, new_version: str, bump: str, kind: ChangeKind, mode_ok: dict[str, bool]
) -> None:
    diff = diff_bundles(_bundle("1.0.0"), _bundle(new_version, edit))
    assert {c.kind for c in diff.changes} == {kind}
    assert diff.required_bump == bump
    assert diff.version_ok
    for mode, ok in mode_ok.items():
        assert diff.ok(mode) == ok
    # one step too small is refused
    smaller = {"major": "1.1.0", "minor": "1.0.1", "patch": "1.0.0"}[bump]
    assert not diff_bundles(_bundle("1.0.0"), _bundle(smaller, edit)).version_ok


def test_cli_diff_formats_and_exit_codes(tmp_path: Path) -> None:
    old, new, small = tmp_path / "old", tmp_path / "new", tmp_path / "small"
    write_bundle(old, bundle_files("1.0.0"))
    for folder, version in ((new, "2.0.0"), (small, "1.1.0")):
        files = copy.deepcopy(build_schemas("1.0.0"))
        _drop_elevators(files)
        write_bundle(folder, bundle_files(version, schemas=files))
    runner = CliRunner()
    res = runner.invoke(main, ["schema", "diff", str(old), str(new), "--mode", "forward"])
    assert res.exit_code == 0, res.output
    assert "Building.elevator_count" in res.output
    assert runner.invoke(main, ["schema", "diff", str(old), str(new)]).exit_code == 1
    res = runner.invoke(
        main, ["schema", "diff", str(old), str(small), "--mode", "forward", "-f", "json"]
    )
    assert res.exit_code == 1
    data = json.loads(res.output)
    assert data["summary"]["version_ok"] is False
    assert data["summary"]["required_bump"] == "major"
    assert data["changes"][0]["location"] == "Building.elevator_count"
    res = runner.invoke(
        main, ["schema", "diff", str(old), str(new), "-f", "markdown", "--lang", "zh-CN"]
    )
    assert "破坏性变化" in res.output
    assert (
        runner.invoke(main, ["schema", "diff", str(old), str(tmp_path / "nowhere")]).exit_code == 2
    )


def test_renderers_in_both_languages() -> None:
    diff = diff_bundles(_bundle("1.0.0"), _bundle("1.1.0", _add_note))
    assert "field added Building.note" in render_text(diff)
    assert "新增字段" in render_text(diff, lang="zh-CN")
    assert "| field added | `Building.note` |" in render_markdown(diff)


@pytest.fixture(scope="module")
def widened() -> tuple[Any, Any]:
    old = build_schemas("1.1.0")["Building.schema.json"]  # what the strategies write
    new = copy.deepcopy(old)
    new["properties"]["note"] = {"type": "string"}
    new["properties"]["floors_above"]["anyOf"][0]["maximum"] = 300
    changes = diff_bundles(Bundle({"Building": old}), Bundle({"Building": new})).changes
    assert {c.kind for c in changes} == {ChangeKind.FIELD_ADDED, ChangeKind.BOUND_LOOSENED}
    assert all(c.backward for c in changes)
    return Draft202012Validator(old), Draft202012Validator(new)


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(ent=scds.entity("Building"))
def test_a_backward_compatible_bundle_keeps_generated_data_valid(
    ent: dict[str, Any], widened: tuple[Any, Any]
) -> None:
    old, new = widened
    assert old.is_valid(ent)
    assert new.is_valid(ent)


# --------------------------------------------------------------------------- versions


def test_version_order_and_bumps() -> None:
    v = Version.parse
    assert v("1.1.0-test") < v("1.1.0") < v("1.10.0")
    assert v("1.0.0-rc.2") < v("1.0.0-rc.10")
    assert v("1.0.0").bump_to(v("2.0.0")) == "major"
    assert v("1.0.0").bump_to(v("1.1.0")) == "minor"
    assert v("1.0.0").bump_to(v("1.0.1")) == "patch"
    assert v("1.0.1").bump_to(v("1.0.0")) == "backwards"
    assert str(v("1.1.0-test")) == "1.1.0-test"
    with pytest.raises(ValueError, match="not a version"):
        v("1.0")


def test_compare_to_library_keeps_its_contract() -> None:
    assert compare_to_library("1.1.0") is None
    assert compare_to_library("not-a-version") is None
    code, _, refuse = compare_to_library("1.0.0") or ("", {}, True)
    assert (code, refuse) == ("SC704", False)  # older and known: checked, pointed to migrate
    code, params, refuse = compare_to_library("2.0.0") or ("", {}, False)
    assert (code, refuse) == ("SC105", True)
    assert params["latest"] == "1.1.0"
    code, params, refuse = compare_to_library("1.5.0") or ("", {}, False)
    assert (code, refuse) == ("SC105", False)


def test_an_older_known_version_is_sc704(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from smartstd import versions
    from smartstd.conformance.engine import check

    monkeypatch.setattr(versions, "KNOWN_VERSIONS", ("1.0.0", "1.1.0"))
    code, params, refuse = compare_to_library("1.0.0") or ("", {}, True)
    assert (code, refuse) == ("SC704", False)
    assert params["command"] == "smartstd migrate PATH --to 1.1.0 --out OUT"
    minimal = Path(__file__).parent.parent / "cases" / "valid" / "minimal"
    older = tmp_path / "minimal"
    older.mkdir()
    for f in minimal.iterdir():
        text = f.read_text(encoding="utf-8").replace(
            '"standard_version": "1.1.0"', '"standard_version": "1.0.0"'
        )
        (older / f.name).write_text(text, encoding="utf-8")
    report = check([str(older)])
    assert [(f.code, f.pointer, f.severity.value) for f in report.findings] == [
        ("SC704", "/standard_version", "info")
    ]
    assert "smartstd migrate PATH --to 1.1.0" in report.findings[0].message("en")
    assert "SCDS" in report.findings[0].message("zh-CN")
