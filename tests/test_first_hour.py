"""What a new user meets in the first hour: typos named, Chinese messages, honest JUnit."""

from __future__ import annotations

import json
import typing
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from pydantic_core import core_schema

from smartstd import check
from smartstd.catalogue import render_message
from smartstd.io import Limits
from smartstd.report import Finding, Severity
from smartstd.reporters import render_string
from smartstd.rules.pydantic_errors import CUSTOM_TYPES, ZH, error_types_used, translate

ENVELOPE = {
    "standard": "scds",
    "standard_version": "1.1.0",
    "dataset_id": "d1",
    "publisher_id": "org-1",
    "generated_at": "2026-06-30T18:00:00+08:00",
    "classification": "public",
}
ORG = {"id": "org-1", "type": "Organization", "name": {"zh-CN": "街道办"}, "kind": "street_office"}


def _write(tmp_path: Path, *entities: dict[str, object]) -> str:
    path = tmp_path / "d.json"
    path.write_text(json.dumps({**ENVELOPE, "entities": [ORG, *entities]}), encoding="utf-8")
    return str(path)


def test_a_typo_is_reported_with_the_missing_field_and_both_suggest(tmp_path: Path) -> None:
    typo = {"id": "c-1", "type": "Community", "name": {"zh-CN": "社区"}, "divison_code": "440113"}
    report = check(_write(tmp_path, typo), level="L1")
    codes = {(f.code, f.pointer) for f in report.findings}
    assert ("SC103", "/entities/1/division_code") in codes
    assert ("SC106", "/entities/1/divison_code") in codes
    sc106 = next(f for f in report.findings if f.code == "SC106")
    assert sc106.params["suggestion"] == "division_code"
    assert "did you mean division_code?" in sc106.message("en")
    assert "是否应为 division_code" in sc106.message("zh-CN")
    sc103 = next(f for f in report.findings if f.code == "SC103")
    assert "divison_code" in sc103.message("en") and "divison_code" in sc103.message("zh-CN")


def test_an_entity_type_typo_suggests_the_type(tmp_path: Path) -> None:
    report = check(_write(tmp_path, {"id": "o-2", "type": "Organisation"}), level="L1")
    sc104 = next(f for f in report.findings if f.code == "SC104")
    assert "did you mean Organization?" in sc104.message("en")


def test_pydantic_messages_are_chinese(tmp_path: Path) -> None:
    building = {"id": "b-1", "type": "Building", "community_id": "c-1", "floors_above": "x"}
    report = check(_write(tmp_path, building), level="L1")
    messages = [f.message("zh-CN") for f in report.findings if f.code == "SC103"]
    assert any("应为整数" in m for m in messages), messages
    assert any("缺少必填字段" in m for m in messages), messages
    assert not any("Input should" in m or "Field required" in m for m in messages)


def test_every_error_type_our_models_raise_has_a_chinese_form() -> None:
    used = error_types_used()
    # pydantic-core's ErrorType is the list of its built-in error types
    builtin = set(typing.get_args(core_schema.ErrorType))
    assert used, "the walk found no error types"
    assert used <= builtin, used - builtin
    missing = sorted((used | CUSTOM_TYPES) - ZH.keys())
    assert not missing, f"no Chinese form for: {missing}"
    for etype in used | CUSTOM_TYPES:
        text = translate(etype, {})
        assert text and any("\u4e00" <= c <= "\u9fff" for c in text), etype


def test_sc502_shows_labels_not_codes() -> None:
    finding = Finding("SC502", Severity.WARNING, params={"category": "elderly_care"})
    zh = render_message(finding, "zh-CN")
    assert "养老" in zh and "（elderly_care）" in zh
    assert "(elderly_care)" in render_message(finding, "en")


def test_junit_counts_only_the_rules_that_ran(tmp_path: Path) -> None:
    report = check(_write(tmp_path), level="L2")
    root = ET.fromstring(render_string(report, "junit"))
    tests, skipped = int(root.get("tests", 0)), int(root.get("skipped", 0))
    assert 0 < skipped < tests
    cases = root.iter("testcase")
    by_name = {c.get("name", "").split()[0]: c for c in cases}
    sc601 = by_name["SC601"].find("skipped")
    assert sc601 is not None and "L3" in sc601.get("message", "")
    assert by_name["SC202"].find("skipped") is None
    only = check(_write(tmp_path), level="L2", select=["SC202"])
    root = ET.fromstring(render_string(only, "junit", lang="zh-CN"))
    case = next(c for c in root.iter("testcase") if c.get("name", "").startswith("SC203"))
    skip = case.find("skipped")
    assert skip is not None and "--select" in skip.get("message", "")


@pytest.mark.parametrize("lang", ["en", "zh-CN"])
def test_text_report_ends_with_a_per_rule_summary(tmp_path: Path, lang: str) -> None:
    building = {"id": "b-1", "type": "Building", "community_id": "c-9", "name": {"zh-CN": "楼"}}
    out = render_string(check(_write(tmp_path, building)), "text", lang=lang)
    heading = "Findings per rule" if lang == "en" else "按规则统计"
    assert heading in out
    assert out.index(heading) < out.index("Summary" if lang == "en" else "汇总")


def test_example_command_writes_the_bundled_example(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from smartstd.cli import main
    from smartstd.example import example_files

    root = Path(__file__).resolve().parents[1] / "examples" / "guangzhou-panyu"
    out = tmp_path / "panyu"
    res = CliRunner().invoke(main, ["example", "--out", str(out), "--lang", "en"])
    assert res.exit_code == 0, res.output
    assert "smartstd check" in res.stderr
    assert set(example_files()) >= {"dataset.json", "charter.yaml", "ndjson/charter.yaml"}
    for rel in example_files():
        assert (out / rel).read_bytes() == (root / rel).read_bytes(), rel
    again = CliRunner().invoke(main, ["example", "--out", str(out), "--lang", "zh-CN"])
    assert again.exit_code == 2 and "已存在且不为空" in again.stderr
    assert CliRunner().invoke(main, ["example", "--out", str(out), "--force"]).exit_code == 0


def test_the_ndjson_example_checks_conformant_on_its_own() -> None:
    root = Path(__file__).resolve().parents[1] / "examples" / "guangzhou-panyu" / "ndjson"
    report = check([str(root)])
    assert report.charter_present and report.is_conformant()
    assert not report.errors


def test_rules_code_is_plain_when_piped_and_rich_on_a_terminal(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from click.testing import CliRunner

    from smartstd.cli import main
    from smartstd.cli import rules as rules_cli

    res = CliRunner().invoke(main, ["rules", "SC202"])
    assert res.exit_code == 0
    assert "引用无法解析" in res.output and "Unresolved reference" in res.output
    assert "#" not in res.output and "**" not in res.output and "```" not in res.output
    one = CliRunner().invoke(main, ["rules", "SC202", "--lang", "en"]).output
    assert "Unresolved reference" in one and "引用无法解析" not in one
    markdown = CliRunner().invoke(main, ["rules", "SC202", "-f", "markdown"]).output
    assert markdown.startswith("# SC202 unresolved-reference") and "```json" in markdown
    monkeypatch.setattr(rules_cli, "_is_terminal", lambda: True)
    monkeypatch.setenv("FORCE_COLOR", "1")
    rich = CliRunner().invoke(main, ["rules", "SC202", "--lang", "zh-CN"]).output
    assert "\x1b[" in rich and "引用无法解析" in rich and "# SC202" not in rich


def test_a_record_of_many_unknown_keys_hints_only_what_is_listed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # a record of 5,000 unknown keys (one a typo): only the first SC106
    # findings a record lists get a nearest name; finding one for keys that
    # are never listed took 8.5 s of CPU at 160,000 keys (2.6 s now)
    import smartstd.conformance.structure as structure

    calls: list[str] = []
    real = structure.suggest

    def counted(name: str, candidates: typing.Any) -> str | None:
        calls.append(name)
        return real(name, candidates)

    monkeypatch.setattr(structure, "suggest", counted)
    org = {**ORG, "kidn": "x", **{f"extra{i}": i for i in range(5_000)}}
    del org["kind"]
    path = tmp_path / "d.ndjson"
    lines = [json.dumps(ENVELOPE), json.dumps(org, ensure_ascii=False)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    limits = Limits(max_findings_per_rule_per_record=50)
    report = check(str(path), level="L1", limits=limits)
    sc106 = [f for f in report.findings if f.code == "SC106"]
    assert len(sc106) == 50
    assert sc106[0].pointer == "/kidn" and sc106[0].params["suggestion"] == "kind"
    sc103 = next(f for f in report.findings if f.code == "SC103")
    assert sc103.pointer == "/kind" and sc103.params["suggestion"] == "kidn"
    # 50 SC106 hints and the missing field's: not one for each of 5,001 keys
    assert len(calls) <= 52, len(calls)
