"""The ``junit`` reporter."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from smartstd.catalogue import RuleInfo
from smartstd.report import Report, Severity
from smartstd.reporters import ReporterOptions, render_string

XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _parse(report: Report, **kwargs: object) -> tuple[str, ET.Element]:
    text = render_string(report, "junit", **kwargs)  # type: ignore[arg-type]
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>\n')
    return text, ET.fromstring(text.encode("utf-8"))


def _suites(root: ET.Element) -> dict[str, ET.Element]:
    return {s.attrib["name"]: s for s in root.iter("testsuite")}


def test_parses_and_counts_match(hostile: Report, fake_catalogue: dict[str, RuleInfo]) -> None:
    text, root = _parse(hostile, lang="zh-CN")
    assert not XML_ILLEGAL.search(text)
    assert root.tag == "testsuites"
    total = failures = 0
    for suite in root.iter("testsuite"):
        cases = suite.findall("testcase")
        failed = [c for c in cases if c.find("failure") is not None]
        assert int(suite.attrib["tests"]) == len(cases)
        assert int(suite.attrib["failures"]) == len(failed)
        assert suite.attrib["errors"] == "0"
        total += len(cases)
        failures += len(failed)
    assert int(root.attrib["tests"]) == total
    assert int(root.attrib["failures"]) == failures == 2


def test_one_suite_per_input_plus_dataset(
    hostile: Report, fake_catalogue: dict[str, RuleInfo]
) -> None:
    _, root = _parse(hostile)
    names = list(_suites(root))
    assert names == [
        "data/people.ndjson",
        "data/odd, name:<&>|.json",
        "data/clean.json",
        "data\\win\\a.json",
        "(dataset)",
    ]
    rule_cases = [f"{r.code} {r.name}" for r in fake_catalogue.values()]
    for name, suite in _suites(root).items():
        cases = [c.attrib["name"] for c in suite.findall("testcase")]
        assert cases[: len(rule_cases)] == rule_cases  # a passing case for every rule
        assert {c.attrib["classname"] for c in suite.findall("testcase")} == {name}
    # An unknown code still gets a case, in the file where it occurred.
    assert [c.attrib["name"] for c in _suites(root)["data\\win\\a.json"]][-1] == "SC999"
    clean = _suites(root)["data/clean.json"]
    assert clean.attrib["failures"] == "0"
    assert all(len(c) == 0 for c in clean.findall("testcase"))


def test_failure_lists_each_finding(hostile: Report, hostile_string: str) -> None:
    _, root = _parse(hostile, lang="en")
    case = next(
        c
        for c in _suites(root)["data/people.ndjson"]
        if c.attrib["name"] == "SC202 unresolved-reference"
    )
    failure = case.find("failure")
    assert failure is not None
    assert failure.attrib["type"] == "SC202"
    assert failure.attrib["message"].endswith(" (+1 more)")
    assert "\n" not in failure.attrib["message"]
    lines = (failure.text or "").split("\n")
    assert len(lines) == 2
    assert lines[0].startswith("data/people.ndjson:3:15 /entities/3/manager_id [error] Reference")
    assert lines[1].startswith("data/people.ndjson:9:1 /entities/4/a|b~1c~0d [error]")
    # Markup in the data is data: escaped on the way out, intact on the way back.
    assert "<script>&amp;</script>" in lines[0]
    assert "\\x00\\x01\\x1b[31mred" in lines[0]
    assert "中文 😀" in lines[0]
    assert case.attrib["file"] == "data/people.ndjson"


def test_warnings_are_output_unless_fail_on_warning(hostile: Report) -> None:
    _, root = _parse(hostile)
    odd = _suites(root)["data/odd, name:<&>|.json"]
    phone = next(c for c in odd if c.attrib["name"].startswith("SC402"))
    assert phone.find("failure") is None
    out = phone.find("system-out")
    assert out is not None
    assert "[warning]" in (out.text or "")

    _, root = _parse(hostile, options=ReporterOptions(fail_on=Severity.WARNING))
    odd = _suites(root)["data/odd, name:<&>|.json"]
    phone = next(c for c in odd if c.attrib["name"].startswith("SC402"))
    assert phone.find("failure") is not None
    assert odd.attrib["failures"] == "1"  # the info finding is still only output
    assert int(root.attrib["failures"]) == 4  # 2 errors + 2 warnings (waived ones never fail)


def test_waived_findings_are_output_not_failures(hostile: Report) -> None:
    _, root = _parse(hostile, options=ReporterOptions(fail_on="info"))  # type: ignore[arg-type]
    people = _suites(root)["data/people.ndjson"]
    phone = next(c for c in people if c.attrib["name"].startswith("SC402"))
    assert phone.find("failure") is None
    out = phone.find("system-out")
    assert out is not None
    assert "[waived]" in (out.text or "")


def test_both_languages(hostile: Report) -> None:
    _, en = _parse(hostile, lang="en")
    _, zh = _parse(hostile, lang="zh-CN")
    msg_en = _suites(en)["(dataset)"].find("testcase/failure")
    msg_zh = _suites(zh)["(dataset)"].find("testcase/failure")
    assert msg_en is not None
    assert msg_zh is not None
    assert msg_en.attrib["message"].startswith("Domain ")
    assert msg_zh.attrib["message"].startswith("领域 ")


@pytest.mark.usefixtures("fake_catalogue")
def test_no_inputs_still_one_suite() -> None:
    _, root = _parse(Report())
    assert list(_suites(root)) == ["(dataset)"]
    assert root.attrib["failures"] == "0"
