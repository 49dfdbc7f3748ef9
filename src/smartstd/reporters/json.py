"""The ``json`` format: :meth:`Report.to_dict` plus rendered messages, for programs.

The document adds to :meth:`~smartstd.report.Report.to_dict` the language
(``lang``) and, on every finding (waived ones too), the rule's ``name`` and
the ``message`` rendered in that language. Its JSON Schema (Draft 2020-12) is
package data, ``smartstd/data/report.schema.json``, with the ``$id``
:data:`SCHEMA_ID`; :func:`report_schema` loads it. Field names and codes are
public and stable; message wording is not.
"""

from __future__ import annotations

import json
from importlib import resources
from typing import Any, TextIO

from smartstd.catalogue import normalize_lang
from smartstd.masking import mask_report
from smartstd.report import Finding, Report
from smartstd.reporters._util import dump_json, jsonable, rule_name
from smartstd.reporters.base import Reporter, ReporterOptions

__all__ = ["REPORTER", "SCHEMA_ID", "JsonReporter", "report_document", "report_schema"]

#: The ``$id`` of the JSON report's schema.
SCHEMA_ID = "https://smartstd.org/schemas/report/1/report.schema.json"


def _finding(finding: Finding, data: dict[str, Any], lang: str) -> dict[str, Any]:
    out: dict[str, Any] = {
        "code": data.pop("code"),
        "name": rule_name(finding.code),
        "severity": data.pop("severity"),
        "message": finding.message(lang),
    }
    out.update(data)
    out["params"] = jsonable(out.get("params", {}))
    return out


def report_document(report: Report, lang: str = "en") -> dict[str, Any]:
    """The JSON report as a dictionary (what the ``json`` reporter writes)."""
    lang = normalize_lang(lang)
    base = report.to_dict()
    doc: dict[str, Any] = {}
    for key, value in base.items():
        doc[key] = value
        if key == "tool":
            doc["lang"] = lang
    doc.setdefault("lang", lang)
    for key in ("findings", "waived"):
        findings: tuple[Finding, ...] = getattr(report, key)
        doc[key] = [_finding(f, d, lang) for f, d in zip(findings, base[key], strict=True)]
    return doc


def report_schema() -> dict[str, Any]:
    """The JSON Schema of the JSON report, loaded from package data."""
    text = (
        resources.files("smartstd")
        .joinpath("data")
        .joinpath("report.schema.json")
        .read_text("utf-8")
    )
    schema: dict[str, Any] = json.loads(text)
    return schema


class JsonReporter:
    """The JSON report, described by ``report.schema.json``."""

    name = "json"
    suffix = ".json"
    media_type = "application/json"

    def render(
        self,
        report: Report,
        *,
        lang: str = "en",
        color: bool = False,
        out: TextIO,
        options: ReporterOptions | None = None,
    ) -> None:
        """Write ``report`` as a JSON document to ``out`` (``color`` is ignored)."""
        report = mask_report(report)  # the one masking every format shares
        dump_json(report_document(report, lang), out)


#: The ``json`` reporter.
REPORTER: Reporter = JsonReporter()
