"""The ``sarif`` format: SARIF 2.1.0 for GitHub code scanning and other viewers.

One run. ``tool.driver.rules`` is the whole catalogue (English descriptions,
both languages and the examples in ``help``), followed by any unknown code a
finding carries, so every result has a ``ruleId`` and a valid ``ruleIndex``.
Results carry the message in the chosen language (``run.language``), the
file as a relative URI under ``%SRCROOT%``, a region (1-based; line 1 when
only the file is known), the JSON Pointer as a logical location, and a
``partialFingerprints["smartstd/v1"]`` that does not depend on line numbers.
Waived findings are results with an external suppression. The log is
written as compact JSON: it is for tools, and can be large.

GitHub rejects a whole SARIF file if any result lacks a physical location,
so a finding without a file is anchored at line 1 of the first input (its
``properties.datasetLevel`` is true); only when there is no file at all is
the location left out.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path
from typing import Any, TextIO

from smartstd.catalogue import RuleInfo, all_rules, normalize_lang
from smartstd.masking import mask_report
from smartstd.report import Finding, Report, Severity
from smartstd.reporters._util import all_files, dump_json, jsonable, normalize_path, path_uri
from smartstd.reporters.base import Reporter, ReporterOptions

__all__ = [
    "FINGERPRINT_KEY",
    "INFORMATION_URI",
    "REPORTER",
    "SARIF_SCHEMA",
    "SRCROOT",
    "SarifReporter",
    "fingerprint",
    "sarif_log",
]

#: The ``$schema`` written into every log.
SARIF_SCHEMA = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
#: Where the tool's documentation lives.
INFORMATION_URI = "https://smartstd.readthedocs.io/"
#: The key of the partial fingerprint; a new algorithm gets a new version.
FINGERPRINT_KEY = "smartstd/v1"
#: The base that relative artifact URIs are relative to.
SRCROOT = "%SRCROOT%"

_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}

_FAMILY_TAGS = {
    "SC1": ("structure",),
    "SC2": ("identity", "references"),
    "SC3": ("participation",),
    "SC4": ("security", "privacy"),
    "SC5": ("services",),
    "SC6": ("governance",),
    "SC7": ("versions",),
    "SC9": ("waivers",),
}


def fingerprint(finding: Finding, source_root: str | None = None) -> str:
    """The SHA-256 of the finding's code, file, JSON Pointer and entity id.

    Lines and columns are left out, so the fingerprint survives edits that
    move a record; the file is normalised (forward slashes, relative to
    ``source_root``), so it is the same on every platform.
    """
    file = normalize_path(finding.file, source_root)[0] if finding.file else ""
    key = "\x1f".join((finding.code, file, finding.pointer, finding.entity_id or ""))
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()


def _fence(text: str) -> str:
    longest = max((len(m) for m in re.findall(r"`+", text)), default=0)
    return "`" * max(3, longest + 1)


def _code_block(text: str) -> str:
    fence = _fence(text)
    syntax = "json" if text.lstrip()[:1] in ("{", "[") else "yaml"
    return f"{fence}{syntax}\n{text.rstrip()}\n{fence}"


def _help(rule: RuleInfo) -> dict[str, str]:
    en_title, zh_title = rule.text("title", "en"), rule.text("title", "zh-CN")
    en_expl, zh_expl = rule.text("explanation", "en"), rule.text("explanation", "zh-CN")
    defaults = [json.dumps(jsonable(p.default), ensure_ascii=False) for p in rule.params]
    params_text = [
        f"- {p.name} (default {d}): {p.en} / {p.zh}"
        for p, d in zip(rule.params, defaults, strict=True)
    ]
    params_md = [
        f"- `{p.name}` (default `{d}`): {p.en} / {p.zh}"
        for p, d in zip(rule.params, defaults, strict=True)
    ]
    text = [
        f"{rule.code} {rule.name}: {en_title}",
        "",
        en_expl,
        "",
        f"{rule.code} {rule.name}：{zh_title}",
        "",
        zh_expl,
        "",
        "Bad / 错误示例:",
        rule.bad.rstrip(),
        "",
        "Good / 正确示例:",
        rule.good.rstrip(),
    ]
    markdown = [
        f"## {rule.code} {rule.name}: {en_title}",
        "",
        en_expl,
        "",
        f"## {rule.code} {rule.name}：{zh_title}",
        "",
        zh_expl,
        "",
        "### Bad / 错误示例",
        "",
        _code_block(rule.bad),
        "",
        "### Good / 正确示例",
        "",
        _code_block(rule.good),
    ]
    if rule.params:
        text += ["", "Parameters / 参数:", *params_text]
        markdown += ["", "### Parameters / 参数", "", *params_md]
    return {"text": "\n".join(text), "markdown": "\n".join(markdown)}


def _descriptor(rule: RuleInfo) -> dict[str, Any]:
    tags = ["smartstd", rule.family, *_FAMILY_TAGS.get(rule.code[:3], ())]
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.text("title", "en")},
        "fullDescription": {"text": rule.text("explanation", "en")},
        "help": _help(rule),
        "defaultConfiguration": {"level": _LEVEL[rule.severity]},
        "properties": {
            "title-zh-CN": rule.text("title", "zh-CN"),
            "conformance-level": rule.level.value,
            "default-severity": rule.severity.value,
            "parameters": {p.name: jsonable(p.default) for p in rule.params},
            "tags": tags,
        },
    }


class _Builder:
    def __init__(self, report: Report, lang: str, options: ReporterOptions) -> None:
        self.report = report
        self.lang = lang
        self.root = str(options.source_root) if options.source_root is not None else None
        self.rules = [_descriptor(r) for r in all_rules()]
        known = {r["id"] for r in self.rules}
        unknown = sorted({f.code for f in (*report.findings, *report.waived)} - known)
        self.rules += [{"id": code, "properties": {"tags": ["smartstd"]}} for code in unknown]
        self.rule_index = {r["id"]: i for i, r in enumerate(self.rules)}
        self.files = all_files(report.inputs, report.findings, report.waived)
        self.artifacts = [
            {"location": self._artifact_location(f), "roles": ["analysisTarget"]}
            for f in self.files
        ]
        self.file_index = {f: i for i, f in enumerate(self.files)}

    def _artifact_location(self, file: str) -> dict[str, Any]:
        path, absolute = normalize_path(file, self.root)
        if absolute:
            return {"uri": path_uri(path, True)}
        return {"uri": path_uri(path, False), "uriBaseId": SRCROOT}

    def _location(self, f: Finding) -> dict[str, Any] | None:
        file = f.file or (self.files[0] if self.files else None)
        location: dict[str, Any] = {}
        if file is not None:
            artifact = {**self._artifact_location(file), "index": self.file_index[file]}
            region: dict[str, int] = {"startLine": 1}
            if f.file and f.line is not None:
                region["startLine"] = max(1, f.line)
                if f.column is not None:
                    region["startColumn"] = max(1, f.column)
            location["physicalLocation"] = {"artifactLocation": artifact, "region": region}
        if f.path:
            last = f.path[-1]
            location["logicalLocations"] = [
                {
                    "name": str(last),
                    "fullyQualifiedName": f.pointer,
                    "kind": "value" if isinstance(last, int) else "property",
                }
            ]
        return location or None

    def result(self, f: Finding, *, waived: bool = False) -> dict[str, Any]:
        result: dict[str, Any] = {
            "ruleId": f.code,
            "ruleIndex": self.rule_index[f.code],
            "level": _LEVEL[f.severity],
            "message": {"text": f.message(self.lang)},
        }
        location = self._location(f)
        if location is not None:
            result["locations"] = [location]
        result["partialFingerprints"] = {FINGERPRINT_KEY: fingerprint(f, self.root)}
        if waived:
            result["suppressions"] = [{"kind": "external", "status": "accepted"}]
        props: dict[str, Any] = {"severity": f.severity.value}
        if f.path:
            props["pointer"] = f.pointer
        if not f.file:
            props["datasetLevel"] = True
        if f.entity_type is not None:
            props["entityType"] = f.entity_type
        if f.entity_id is not None:
            props["entityId"] = f.entity_id
        if f.params:
            props["params"] = jsonable(f.params)
        result["properties"] = props
        return result

    def run(self, execution_successful: bool) -> dict[str, Any]:
        from smartstd._version import __version__

        report = self.report
        run: dict[str, Any] = {
            "tool": {
                "driver": {
                    "name": "smartstd",
                    "fullName": "smartstd (Smart Community Data Standard / 智慧社区数据标准)",
                    "version": __version__,
                    "semanticVersion": __version__,
                    "informationUri": INFORMATION_URI,
                    "language": "en-US",
                    "rules": self.rules,
                }
            },
            "invocations": [{"executionSuccessful": execution_successful}],
        }
        if self.root is not None:
            uri = Path(self.root).resolve().as_uri().rstrip("/") + "/"
            run["originalUriBaseIds"] = {SRCROOT: {"uri": uri}}
        run["artifacts"] = self.artifacts
        run["results"] = [self.result(f) for f in report.findings] + [
            self.result(f, waived=True) for f in report.waived
        ]
        run["columnKind"] = "unicodeCodePoints"
        run["language"] = "zh-CN" if self.lang == "zh-CN" else "en-US"
        run["properties"] = {
            "standardVersion": report.standard_version,
            "profiles": list(report.profiles),
            "level": report.level.value,
            "requestedLevel": report.requested_level.value,
            "conformant": report.is_conformant(),
            "charterPresent": report.charter_present,
            "counts": report.counts,
        }
        return run


def sarif_log(
    report: Report, lang: str = "en", options: ReporterOptions | None = None
) -> dict[str, Any]:
    """The SARIF log for ``report`` as a dictionary."""
    options = options or ReporterOptions()
    builder = _Builder(report, normalize_lang(lang), options)
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [builder.run(options.execution_successful)],
    }


class SarifReporter:
    """SARIF 2.1.0, one run, the whole catalogue as rules."""

    name = "sarif"
    suffix = ".sarif"
    media_type = "application/sarif+json"

    def render(
        self,
        report: Report,
        *,
        lang: str = "en",
        color: bool = False,
        out: TextIO,
        options: ReporterOptions | None = None,
    ) -> None:
        """Write ``report`` as a SARIF log to ``out`` (``color`` is ignored)."""
        report = mask_report(report)  # the one masking every format shares
        dump_json(sarif_log(report, lang, options), out, indent=None)


#: The ``sarif`` reporter.
REPORTER: Reporter = SarifReporter()
