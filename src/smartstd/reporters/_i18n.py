"""The reporters' own words (headings, labels, summaries) in zh-CN and en.

Messages of findings come from the catalogue; this module holds only what
the reporters add around them.
"""

from __future__ import annotations

from collections.abc import Mapping

from smartstd.catalogue import normalize_lang
from smartstd.report import Level, Report, Severity

__all__ = ["count_phrase", "level_label", "severity_label", "status_lines", "t"]

_TEXTS: dict[str, dict[str, str]] = {
    "en": {
        "no_findings": "No findings.",
        "summary": "Summary",
        "level_reached": "Level reached",
        "requested": "requested",
        "conformant": "Conformant",
        "yes": "yes",
        "no": "no",
        "dataset": "(dataset)",
        "waived": "{n} waived",
        "title": "smartstd conformance report",
        "per_rule": "Findings per rule",
        "by_file": "Findings by file",
        "col_code": "Code",
        "col_rule": "Rule",
        "col_severity": "Severity",
        "col_count": "Count",
        "col_location": "Location",
        "col_message": "Message",
        "findings": "Findings",
        "standard": "Standard version",
        "profiles": "Profiles",
        "not_shown": "… and {n} more findings not shown.",
        "more": " (+{n} more)",
        "tool_line": (
            "smartstd: SCDS {version}; {counts}; level reached {level} (requested {requested});"
            " conformant: {ok}"
        ),
    },
    "zh-CN": {
        "no_findings": "未发现问题。",
        "summary": "汇总",
        "level_reached": "达到的符合性级别",
        "requested": "要求",
        "conformant": "是否符合",
        "yes": "是",
        "no": "否",
        "dataset": "（数据集）",
        "waived": "另有 {n} 个已豁免",
        "title": "smartstd 符合性检查报告",
        "per_rule": "按规则统计",
        "by_file": "按文件列出的问题",
        "col_code": "代码",
        "col_rule": "规则",
        "col_severity": "严重程度",
        "col_count": "数量",
        "col_location": "位置",
        "col_message": "说明",
        "findings": "问题",
        "standard": "标准版本",
        "profiles": "规范配置",
        "not_shown": "……另有 {n} 个问题未列出。",
        "more": "（另有 {n} 个）",
        "tool_line": (
            "smartstd：SCDS {version}；{counts}；"
            "达到级别 {level}（要求 {requested}）；是否符合：{ok}"
        ),
    },
}

_SEVERITY: dict[str, Mapping[Severity, str]] = {
    "en": {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "info"},
    "zh-CN": {Severity.ERROR: "错误", Severity.WARNING: "警告", Severity.INFO: "提示"},
}

_LEVEL: dict[str, Mapping[Level, str]] = {
    "en": {
        Level.NONE: "none",
        Level.L1: "L1 structural",
        Level.L2: "L2 consistent",
        Level.L3: "L3 governed",
    },
    "zh-CN": {
        Level.NONE: "未达到 L1",
        Level.L1: "L1 结构合规",
        Level.L2: "L2 数据一致",
        Level.L3: "L3 治理合规",
    },
}


def t(key: str, lang: str, **values: object) -> str:
    """The reporters' text ``key`` in ``lang``, formatted with ``values``."""
    text = _TEXTS[normalize_lang(lang)][key]
    return text.format(**values) if values else text


def severity_label(severity: Severity, lang: str) -> str:
    """``error`` / ``错误`` and so on."""
    return _SEVERITY[normalize_lang(lang)][severity]


def level_label(level: Level, lang: str) -> str:
    """``L2 consistent`` / ``L2 数据一致`` and so on."""
    return _LEVEL[normalize_lang(lang)][level]


def count_phrase(counts: Mapping[str, int], lang: str) -> str:
    """``2 errors, 1 warning, 0 info`` / ``错误 2 个，警告 1 个，提示 0 个``."""
    e, w, i = counts.get("error", 0), counts.get("warning", 0), counts.get("info", 0)
    if normalize_lang(lang) == "zh-CN":
        return f"错误 {e} 个，警告 {w} 个，提示 {i} 个"
    return f"{e} error{'' if e == 1 else 's'}, {w} warning{'' if w == 1 else 's'}, {i} info"


def status_lines(report: Report, lang: str) -> list[tuple[str, str]]:
    """The summary as (label, value) pairs: findings, level reached, conformant."""
    counts = count_phrase(report.counts, lang)
    if report.waived:
        sep = "，" if normalize_lang(lang) == "zh-CN" else ", "
        counts += sep + t("waived", lang, n=len(report.waived))
    level = level_label(report.level, lang)
    requested = level_label(report.requested_level, lang)
    open_, close = ("（", "）") if normalize_lang(lang) == "zh-CN" else (" (", ")")
    colon = "：" if normalize_lang(lang) == "zh-CN" else ": "
    return [
        (t("summary", lang), counts),
        (
            t("level_reached", lang),
            f"{level}{open_}{t('requested', lang)}{colon}{requested}{close}",
        ),
        (t("conformant", lang), t("yes" if report.is_conformant() else "no", lang)),
    ]
