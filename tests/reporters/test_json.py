"""The ``json`` reporter and the report's JSON Schema."""

from __future__ import annotations

import copy
import json
from typing import Any

import jsonschema
import pytest

from smartstd.report import Finding, Report, Severity
from smartstd.reporters import render_string
from smartstd.reporters.json import SCHEMA_ID, report_schema


def _strict_loads(text: str) -> Any:
    def reject(value: str) -> Any:
        raise AssertionError(f"not strict JSON: {value}")

    return json.loads(text, parse_constant=reject)


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft202012Validator:
    schema = report_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )


def test_schema_identity() -> None:
    schema = report_schema()
    assert schema["$id"] == SCHEMA_ID == "https://smartstd.org/schemas/report/1/report.schema.json"
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"


@pytest.mark.parametrize("lang", ["en", "zh-CN"])
def test_output_validates(
    hostile: Report, lang: str, validator: jsonschema.Draft202012Validator
) -> None:
    doc = _strict_loads(render_string(hostile, "json", lang=lang))
    validator.validate(doc)
    assert doc["lang"] == lang
    assert len(doc["findings"]) == len(hostile.findings)
    assert len(doc["waived"]) == len(hostile.waived)


def test_report_to_dict_validates_too(
    hostile: Report, validator: jsonschema.Draft202012Validator
) -> None:
    validator.validate(json.loads(json.dumps(hostile.to_dict(), default=str)))


def test_messages_names_and_data_survive(hostile: Report, hostile_string: str) -> None:
    text = render_string(hostile, "json", lang="zh-CN")
    text.encode("utf-8")
    for raw in ("\u202e", "\u2028", "\x7f", "\x85", "\ufffe"):
        assert raw not in text  # escaped as \uXXXX, the same JSON value
    doc = _strict_loads(text)
    for data, finding in zip(doc["findings"], hostile.findings, strict=True):
        assert data["code"] == finding.code
        assert data["message"] == finding.message("zh-CN")
        assert data["pointer"] == finding.pointer
    by_code = {d["code"]: d for d in doc["findings"]}
    assert by_code["SC202"]["name"] == "unresolved-reference"
    assert by_code["SC999"]["name"] is None
    assert by_code["SC601"]["params"]["domain"] == hostile_string
    assert by_code["SC704"]["params"]["nan"] == "nan"
    sc202 = next(d for d in doc["findings"] if d["line"] == 3)
    assert sc202["params"]["target"] == hostile_string + "\ud800"
    assert sc202["entity_id"] == "r-1\n::error::x"
    assert doc["waived"][0]["message"] == "电话号码 x 未脱敏。"


@pytest.mark.usefixtures("fake_catalogue")
def test_round_trip_through_finding_from_dict() -> None:
    finding = Finding("SC202", Severity.ERROR, ("a", 0, "b/c"), "f.json", 1, 2, params={"x": 1})
    doc = json.loads(render_string(Report(findings=(finding,)), "json"))
    data = doc["findings"][0]
    assert Finding.from_dict(data) == finding


@pytest.mark.parametrize(
    ("where", "bad"),
    [
        (("findings", 0, "severity"), "fatal"),
        (("findings", 0, "line"), 0),
        (("findings", 0, "code"), "E501"),
        (("findings", 0, "pointer"), "no-slash"),
        (("level",), "L4"),
        (("counts", "error"), -1),
    ],
)
def test_schema_rejects_wrong_documents(
    hostile: Report,
    validator: jsonschema.Draft202012Validator,
    where: tuple[str | int, ...],
    bad: Any,
) -> None:
    doc = copy.deepcopy(json.loads(render_string(hostile, "json")))
    target = doc
    for key in where[:-1]:
        target = target[key]
    target[where[-1]] = bad
    assert not validator.is_valid(doc)


def test_schema_rejects_unknown_fields(
    hostile: Report, validator: jsonschema.Draft202012Validator
) -> None:
    doc = json.loads(render_string(hostile, "json"))
    doc["findings"][0]["surprise"] = True
    assert not validator.is_valid(doc)
