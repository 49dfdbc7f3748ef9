"""The ``sarif`` reporter, checked against the OASIS schema and GitHub's rules."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import jsonschema
import pytest

from smartstd.catalogue import RuleInfo, all_rules
from smartstd.report import Finding, Report, Severity
from smartstd.reporters import ReporterOptions, render_string
from smartstd.reporters.sarif import FINGERPRINT_KEY, fingerprint

SCHEMA_FILE = Path(__file__).with_name("sarif-schema-2.1.0.json")
LOGICAL_KINDS = {
    "function", "member", "module", "namespace", "parameter", "resource", "returnType",
    "type", "variable", "object", "array", "property", "value", "element", "text",
    "attribute", "comment", "declaration", "dtd", "processingInstruction",
}  # fmt: skip


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft4Validator:
    schema = json.loads(SCHEMA_FILE.read_text("utf-8"))
    jsonschema.Draft4Validator.check_schema(schema)
    return jsonschema.Draft4Validator(schema)


def _log(report: Report, **kwargs: Any) -> dict[str, Any]:
    log: dict[str, Any] = json.loads(render_string(report, "sarif", **kwargs))
    return log


def _github_problems(log: dict[str, Any]) -> list[str]:
    """What GitHub code scanning would reject or not show."""
    problems = []
    for run in log["runs"]:
        rules = run["tool"]["driver"]["rules"]
        for i, result in enumerate(run["results"]):
            if not result.get("ruleId"):
                problems.append(f"{i}: no ruleId")
            elif rules[result["ruleIndex"]]["id"] != result["ruleId"]:
                problems.append(f"{i}: ruleIndex points at another rule")
            if not result.get("locations"):
                problems.append(f"{i}: no location")
            for loc in result.get("locations", []):
                phys = loc.get("physicalLocation")
                if phys is None or not phys["artifactLocation"].get("uri"):
                    problems.append(f"{i}: no physical location with a uri")
                    continue
                uri = phys["artifactLocation"]["uri"]
                if "\\" in uri or " " in uri or urlsplit(uri).scheme not in ("", "file"):
                    problems.append(f"{i}: bad uri {uri!r}")
                if phys.get("region", {}).get("startLine", 0) < 1:
                    problems.append(f"{i}: no startLine >= 1")
    return problems


@pytest.mark.parametrize("lang", ["en", "zh-CN"])
def test_valid_against_the_official_schema(
    hostile: Report, lang: str, validator: jsonschema.Draft4Validator
) -> None:
    log = _log(hostile, lang=lang)
    validator.validate(log)
    assert not _github_problems(log)
    assert log["version"] == "2.1.0"
    assert len(log["runs"]) == 1
    assert log["runs"][0]["language"] == ("zh-CN" if lang == "zh-CN" else "en-US")


def test_real_catalogue_validates(validator: jsonschema.Draft4Validator) -> None:
    # Whatever rule families exist right now, their descriptors must be valid SARIF.
    rules = all_rules()
    findings = [Finding(r.code, r.severity, ("x",), "a.json", 1, 1) for r in rules[:20]]
    log = _log(Report(findings=tuple(findings), inputs=("a.json",)))
    validator.validate(log)
    assert not _github_problems(log)
    assert [r["id"] for r in log["runs"][0]["tool"]["driver"]["rules"]] == [r.code for r in rules]


def test_rules_are_the_whole_catalogue(
    hostile: Report, fake_catalogue: dict[str, RuleInfo]
) -> None:
    driver = _log(hostile)["runs"][0]["tool"]["driver"]
    assert driver["name"] == "smartstd"
    assert driver["version"]
    assert driver["informationUri"].startswith("https://")
    rules = driver["rules"]
    assert [r["id"] for r in rules] == [*fake_catalogue, "SC999"]
    levels = {r["id"]: r["defaultConfiguration"]["level"] for r in rules[:-1]}
    assert levels == {
        "SC103": "error",
        "SC202": "error",
        "SC402": "warning",
        "SC601": "error",
        "SC704": "note",
    }
    sc704 = rules[4]
    assert sc704["name"] == "older-version"
    assert sc704["shortDescription"]["text"] == "Title of older-version"
    assert sc704["fullDescription"]["text"] == "Why older-version matters."
    assert sc704["properties"]["title-zh-CN"] == "older-version 的标题"
    assert sc704["properties"]["conformance-level"] == "L2"
    assert "smartstd" in sc704["properties"]["tags"]
    for part in ("Why older-version matters.", "为什么 older-version 重要。", "id: r-1"):
        assert part in sc704["help"]["text"]
        assert part in sc704["help"]["markdown"]
    # The bad example holds a ``` run, so its fence must be longer.
    assert '````json\n{"id": "r-1", "note": "``` fence"}\n````' in sc704["help"]["markdown"]
    assert "max_age_days" in sc704["help"]["markdown"]


def test_results(hostile: Report) -> None:
    run = _log(hostile, lang="en")["runs"][0]
    results = run["results"]
    assert len(results) == len(hostile.findings) + len(hostile.waived)
    by_line = {
        (r["ruleId"], r["locations"][0]["physicalLocation"]["region"].get("startLine")): r
        for r in results
    }
    sc202 = by_line[("SC202", 3)]
    assert sc202["level"] == "error"
    assert sc202["message"]["text"].startswith("Reference manager_id names a|b\n::set-output")
    phys = sc202["locations"][0]["physicalLocation"]
    assert phys["artifactLocation"] == {
        "uri": "data/people.ndjson",
        "uriBaseId": "%SRCROOT%",
        "index": 0,
    }
    assert phys["region"] == {"startLine": 3, "startColumn": 15}
    logical = sc202["locations"][0]["logicalLocations"][0]
    assert logical["fullyQualifiedName"] == "/entities/3/manager_id"
    assert sc202["properties"]["entityId"] == "r-1\n::error::x"

    levels = {r["ruleId"]: r["level"] for r in results if "suppressions" not in r}
    assert levels["SC704"] == "note"
    assert levels["SC402"] == "warning"

    for result in results:
        for loc in result["locations"]:
            for logical in loc.get("logicalLocations", []):
                assert logical["kind"] in LOGICAL_KINDS


def test_uris_are_relative_encoded_and_indexed(hostile: Report) -> None:
    run = _log(hostile)["runs"][0]
    uris = [a["location"]["uri"] for a in run["artifacts"]]
    assert [unquote(u) for u in uris] == [
        "data/people.ndjson",
        "data/odd, name:<&>|.json",
        "data/clean.json",
        "data/win/a.json",
    ]
    for a in run["artifacts"]:
        assert a["location"]["uriBaseId"] == "%SRCROOT%"
        assert ":" not in a["location"]["uri"]  # no first segment can read as a scheme
    for result in run["results"]:
        art = result["locations"][0]["physicalLocation"]["artifactLocation"]
        assert run["artifacts"][art["index"]]["location"]["uri"] == art["uri"]


def test_region_when_only_the_file_is_known(hostile: Report) -> None:
    run = _log(hostile)["runs"][0]
    sc704 = next(r for r in run["results"] if r["ruleId"] == "SC704")
    assert sc704["locations"][0]["physicalLocation"]["region"] == {"startLine": 1}
    sc402 = next(r for r in run["results"] if r["ruleId"] == "SC402" and "suppressions" not in r)
    assert sc402["locations"][0]["physicalLocation"]["region"] == {"startLine": 1}


def test_dataset_findings_are_anchored_for_github(hostile: Report) -> None:
    run = _log(hostile)["runs"][0]
    sc601 = next(r for r in run["results"] if r["ruleId"] == "SC601")
    assert sc601["properties"]["datasetLevel"] is True
    phys = sc601["locations"][0]["physicalLocation"]
    assert phys["artifactLocation"]["uri"] == "data/people.ndjson"
    assert phys["region"] == {"startLine": 1}


@pytest.mark.usefixtures("fake_catalogue")
def test_dataset_finding_without_any_file(validator: jsonschema.Draft4Validator) -> None:
    log = _log(Report(findings=(Finding("SC601", Severity.ERROR, params={"domain": "d"}),)))
    validator.validate(log)
    result = log["runs"][0]["results"][0]
    assert "locations" not in result
    assert log["runs"][0]["artifacts"] == []


def test_fingerprints_ignore_line_numbers(hostile: Report) -> None:
    shifted = Report(
        findings=tuple(
            f.replace(line=f.line + 40 if f.line else None, column=None) for f in hostile.findings
        ),
        inputs=hostile.inputs,
        waived=hostile.waived,
    )

    def prints(report: Report) -> list[str]:
        results = _log(report)["runs"][0]["results"]
        return sorted(r["partialFingerprints"][FINGERPRINT_KEY] for r in results)

    before, after = prints(hostile), prints(shifted)
    assert before == after
    assert len(set(before)) == len(before)  # distinct findings, distinct fingerprints
    assert all(len(p) == 64 for p in before)


def test_fingerprint_is_platform_independent() -> None:
    a = Finding("SC202", Severity.ERROR, ("x",), "data\\a.json", 1, entity_id="r-1")
    b = Finding("SC202", Severity.ERROR, ("x",), "./data/a.json", 99, entity_id="r-1")
    assert fingerprint(a) == fingerprint(b)
    assert fingerprint(a) != fingerprint(a.replace(entity_id="r-2"))
    assert fingerprint(a) != fingerprint(a.replace(path=("y",)))
    assert fingerprint(a) != fingerprint(a.replace(code="SC203"))


def test_waived_findings_are_suppressed(hostile: Report) -> None:
    run = _log(hostile)["runs"][0]
    suppressed = [r for r in run["results"] if "suppressions" in r]
    assert len(suppressed) == 1
    assert suppressed[0]["suppressions"] == [{"kind": "external", "status": "accepted"}]


@pytest.mark.usefixtures("fake_catalogue")
def test_absolute_paths(tmp_path: Path, validator: jsonschema.Draft4Validator) -> None:
    inside = str(tmp_path / "data" / "a b.json")
    outside = "/elsewhere/b.json"
    report = Report(
        findings=(
            Finding("SC202", Severity.ERROR, ("x",), inside, 2, 3),
            Finding("SC202", Severity.ERROR, ("x",), outside, 2, 3),
        ),
        inputs=(inside, outside),
    )
    log = _log(report, options=ReporterOptions(source_root=tmp_path))
    validator.validate(log)
    run = log["runs"][0]
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == tmp_path.resolve().as_uri() + "/"
    locations = [a["location"] for a in run["artifacts"]]
    assert {"uri": "data/a%20b.json", "uriBaseId": "%SRCROOT%"} in locations
    assert {"uri": "file:///elsewhere/b.json"} in locations


def test_invocation_and_run_properties(hostile: Report) -> None:
    run = _log(hostile)["runs"][0]
    assert run["invocations"] == [{"executionSuccessful": True}]
    assert run["columnKind"] == "unicodeCodePoints"
    assert run["properties"]["level"] == "L1"
    assert run["properties"]["conformant"] is False
    failed = _log(hostile, options=ReporterOptions(execution_successful=False))["runs"][0]
    assert failed["invocations"] == [{"executionSuccessful": False}]
