r"""The ``junit`` format: JUnit XML for the test reports of GitLab and Jenkins.

One ``<testsuite>`` per input file and one, named ``(dataset)``, for findings
that belong to no file. Each suite has one ``<testcase>`` per rule of the
catalogue (and per unknown code that turned up), with ``classname`` the file
and ``name`` like ``SC202 unresolved-reference``: a rule that ran and found
nothing passes; a rule that did not run (a higher level than the one checked,
no charter for the governance rules, left out by ``--select``/``--ignore``)
is ``<skipped>`` with that reason, so only the rules that ran count as
passed. Findings at least as severe as ``options.fail_on`` (errors, by
default) become one ``<failure type="SC202">`` listing each of them; the
others, and waived findings, go to ``<system-out>``.

All data passes through :mod:`xml.etree.ElementTree`, which escapes markup;
characters that XML 1.0 cannot hold at all (most C0 controls, lone
surrogates, U+FFFE, U+FFFF) are shown as escapes such as ``\x1b`` first.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterable
from typing import TextIO

from smartstd.catalogue import RuleInfo, all_rules, normalize_lang
from smartstd.masking import mask_report
from smartstd.report import Finding, Level, Report
from smartstd.reporters._i18n import t
from smartstd.reporters._util import all_files, file_of, normalize_path, position, visible
from smartstd.reporters.base import Reporter, ReporterOptions

__all__ = ["DATASET_SUITE", "REPORTER", "JUnitReporter", "build_tree"]

#: The name (and classname) of the suite for findings without a file.
DATASET_SUITE = "(dataset)"


def _line(f: Finding, lang: str, *, waived: bool = False) -> str:
    where = DATASET_SUITE
    if f.file:
        pos = position(f)
        where = f.file + (":" + pos if pos else "")
    parts = [visible(where)]
    if f.path:
        parts.append(visible(f.pointer))
    parts.append(f"[{f.severity.value}]")
    if waived:
        parts.append("[waived]")
    parts.append(visible(f.message(lang)))
    return " ".join(parts)


def _testcase(
    suite: ET.Element,
    file: str | None,
    code: str,
    name: str | None,
    findings: list[Finding],
    waived: list[Finding],
    lang: str,
    options: ReporterOptions,
    skipped: str | None = None,
) -> bool:
    classname = visible(file) if file is not None else DATASET_SUITE
    code = visible(code)
    case = ET.SubElement(
        suite,
        "testcase",
        {"classname": classname, "name": f"{code} {name}" if name else code, "time": "0"},
    )
    if file is not None:
        case.set("file", visible(normalize_path(file, options.source_root)[0]))
    if skipped is not None and not findings and not waived:
        ET.SubElement(case, "skipped", {"message": skipped})
        return False
    threshold = options.fail_on.rank
    failing = [f for f in findings if f.severity.rank >= threshold]
    other = [f for f in findings if f.severity.rank < threshold]
    if failing:
        message = visible(failing[0].message(lang))
        if len(failing) > 1:
            message += t("more", lang, n=len(failing) - 1)
        failure = ET.SubElement(case, "failure", {"message": message, "type": code})
        failure.text = "\n".join(_line(f, lang) for f in failing)
    if other or waived:
        out = ET.SubElement(case, "system-out")
        lines = [_line(f, lang) for f in other] + [_line(f, lang, waived=True) for f in waived]
        out.text = "\n".join(lines)
    return bool(failing)


def _by_file(findings: Iterable[Finding]) -> dict[str | None, list[Finding]]:
    out: dict[str | None, list[Finding]] = {}
    for f in findings:
        out.setdefault(file_of(f), []).append(f)
    return out


def _by_code(findings: Iterable[Finding]) -> dict[str, list[Finding]]:
    out: dict[str, list[Finding]] = {}
    for f in findings:
        out.setdefault(f.code, []).append(f)
    return out


_SKIP_REASON = {
    "level": (
        "未运行：本规则属于 {rule_level}，本次检查的级别为 {level}",
        "not run: a rule of {rule_level}; {level} was checked",
    ),
    "charter": ("未运行：输入中没有治理章程", "not run: no charter among the inputs"),
    "selected": (
        "未运行：被 --select/--ignore 或配置排除",
        "not run: left out by --select/--ignore or the configuration",
    ),
}


def skip_reason(rule: RuleInfo, report: Report, lang: str) -> str | None:
    """Why ``rule`` did not run for ``report``, or ``None`` when it ran (or it is not known)."""
    if report.rules_run is None or rule.code in report.rules_run:
        return None
    zh = normalize_lang(lang) == "zh-CN"
    if rule.level.rank > report.requested_level.rank or report.requested_level is Level.NONE:
        text = _SKIP_REASON["level"][0 if zh else 1]
        return text.format(rule_level=rule.level.value, level=report.requested_level.value)
    if rule.code.startswith("SC6") and not report.charter_present:
        return _SKIP_REASON["charter"][0 if zh else 1]
    return _SKIP_REASON["selected"][0 if zh else 1]


def build_tree(
    report: Report, lang: str = "en", options: ReporterOptions | None = None
) -> ET.Element:
    """The ``<testsuites>`` element for ``report``."""
    lang = normalize_lang(lang)
    options = options or ReporterOptions()
    catalogue = all_rules()
    rules = {r.code: r.name for r in catalogue}
    skips = {r.code: skip_reason(r, report, lang) for r in catalogue}
    root = ET.Element("testsuites", {"name": "smartstd"})
    total_tests = total_failures = total_skipped = 0
    suites: list[str | None] = [*all_files(report.inputs, report.findings, report.waived), None]
    found_by_file = _by_file(report.findings)
    waived_by_file = _by_file(report.waived)
    for file in suites:
        found = _by_code(found_by_file.get(file, ()))
        waived = _by_code(waived_by_file.get(file, ()))
        codes = {**rules, **dict.fromkeys(sorted({*found, *waived} - rules.keys()))}
        suite = ET.SubElement(
            root, "testsuite", {"name": visible(file) if file is not None else DATASET_SUITE}
        )
        failures = skipped = 0
        for code, name in codes.items():
            hits, hidden = found.get(code, []), waived.get(code, [])
            reason = skips.get(code)
            if reason is not None and not hits and not hidden:
                skipped += 1
            failures += _testcase(suite, file, code, name, hits, hidden, lang, options, reason)
        tests = len(codes)
        _counts(suite, tests, failures, skipped)
        total_tests += tests
        total_failures += failures
        total_skipped += skipped
    _counts(root, total_tests, total_failures, total_skipped)
    return root


def _counts(element: ET.Element, tests: int, failures: int, skipped: int = 0) -> None:
    element.set("tests", str(tests))
    element.set("failures", str(failures))
    element.set("errors", "0")
    element.set("skipped", str(skipped))
    element.set("time", "0")


class JUnitReporter:
    """JUnit XML: a test suite per file, a test case per rule."""

    name = "junit"
    suffix = ".xml"
    media_type = "application/xml"

    def render(
        self,
        report: Report,
        *,
        lang: str = "en",
        color: bool = False,
        out: TextIO,
        options: ReporterOptions | None = None,
    ) -> None:
        """Write ``report`` as JUnit XML to ``out`` (``color`` is ignored)."""
        report = mask_report(report)  # the one masking every format shares
        root = build_tree(report, lang, options)
        ET.indent(root)
        out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
        out.write(ET.tostring(root, encoding="unicode"))
        out.write("\n")


#: The ``junit`` reporter.
REPORTER: Reporter = JUnitReporter()
