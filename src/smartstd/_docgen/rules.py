"""The rule catalogue page (``reference/rules.md``)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TYPE_CHECKING

from smartstd._docgen.markdown import cell, code_span, fence, guess_lang, page_text, table
from smartstd.severity import Level

if TYPE_CHECKING:
    from smartstd.rules.info import RuleInfo

_FAMILIES: dict[str, tuple[str, str]] = {
    "SC1": ("Structure and envelope", "结构与信封"),
    "SC2": ("Identity and references", "标识与引用"),
    "SC3": ("Participation", "居民参与"),
    "SC4": ("Safety, security and privacy", "安全与隐私"),
    "SC5": ("Services and needs", "服务与需求"),
    "SC6": ("Governance and role boundaries", "治理与职责边界"),
    "SC7": ("Versions and profiles", "版本与地方配置"),
    "SC8": ("Indicators", "指标"),
    "SC9": ("Waivers", "豁免"),
}


def _level(level: Level, lang: str) -> str:
    """A level's label as the reports say it (``L1 structural`` / ``L1 结构合规``)."""
    from smartstd.reporters._i18n import level_label

    return level_label(level, lang)


def _intro(count: int) -> list[str]:
    """What a rule is, and the conformance levels."""

    def both(level: Level) -> str:
        return f"{_level(level, 'en')} · {_level(level, 'zh-CN').removeprefix(level.value + ' ')}"

    return [
        "# Rules · 一致性规则",
        "",
        f"Every check `smartstd` makes is one of these {count} rules. A rule has a stable code"
        " (`SC` and three digits, grouped by hundreds) that is never reused, a kebab-case name,"
        " a default severity, the conformance level it belongs to, and parameters that a profile"
        " or the project's configuration can set. `smartstd rules CODE` prints the same"
        " explanation in a terminal."
        " · 每条规则都有永不复用的稳定代码、名称、默认级别、所属一致性等级以及可配置的参数。",
        "",
        "Conformance levels · 一致性等级:",
        "",
        f"- **{both(Level.L1)}**: every entity and the envelope are valid"
        " against the schemas (SC1xx).",
        f"- **{both(Level.L2)}**: L1, and identity, references and the semantic"
        " and privacy rules have no error.",
        f"- **{both(Level.L3)}**: L2, and a governance charter is present,"
        " passes the role-boundary"
        " checks (SC6xx), and the data stays inside those boundaries.",
        "",
        "Warnings and info never lower a level · 警告与提示不会降低一致性等级。",
        "",
        "Every rule's bad and good examples are whole records, and the tests run each through"
        " `smartstd check` at the rule's level: the records shown, with the shared records"
        " (folded under *Shared records*) and a minimal envelope holding the street office"
        " `org-so` and the community `c-1`, make a dataset that reports the rule; the good"
        " records, the same fixed, do not. They are kept beside the rule, in"
        " `src/smartstd/rules/scN/examples/SCnnn.json`."
        " · 每条规则的错误示例与正确示例都是完整的记录，"
        "测试逐一用 `smartstd check` 在规则所属等级运行："
        "示例记录加上共同记录（折叠在“共同记录”下）"
        "和只含街道办事处 `org-so`、社区 `c-1` 的最小数据集，"
        "错误示例报告该规则，改正后的正确示例不报告。",
        "",
    ]


def _summary(rules: Sequence[RuleInfo]) -> list[str]:
    """One row per rule, linking to its section."""
    rows = [
        [
            f"[{r.code}](#{r.code.lower()})",
            code_span(r.name),
            f"{r.severity.value}",
            r.level.value,
            cell(r.text("title", "en")),
            cell(r.text("title", "zh-CN")),
        ]
        for r in rules
    ]
    return [*table(("Code", "Name", "Severity", "Level", "English", "中文"), rows), ""]


def _texts(r: RuleInfo) -> list[str]:
    """The rule's title, severity, level, message and explanation in both languages."""
    from smartstd.reporters._i18n import severity_label

    def texts(label: str, key: str) -> list[str]:
        return [label, cell(r.text(key, "en")), cell(r.text(key, "zh-CN"))]

    rows = [
        texts("**Title**<br>标题", "title"),
        ["**Severity**<br>默认级别", r.severity.value, severity_label(r.severity, "zh-CN")],
        ["**Level**<br>一致性等级", _level(r.level, "en"), _level(r.level, "zh-CN")],
        texts("**Message**<br>消息", "message"),
        texts("**Explanation**<br>说明", "explanation"),
    ]
    return [*table(("", "English", "中文"), rows), ""]


def _params(r: RuleInfo) -> list[str]:
    """The rule's parameters, with where to set them (nothing when it has none)."""
    if not r.params:
        return []
    lines = ["**Parameters · 参数**", ""]
    lines += table(
        ("Parameter · 参数", "Default · 默认值", "English", "中文"),
        [
            [
                code_span(p.name),
                code_span(json.dumps(p.default, ensure_ascii=False)),
                cell(p.en),
                cell(p.zh),
            ]
            for p in r.params
        ],
    )
    return [
        *lines,
        "",
        f"Set them in the configuration: `[tool.smartstd.params.{r.code}]` · 在配置文件中设置。",
        "",
    ]


def _lang(text: str) -> str:
    """``json`` when every line is a JSON value (records one per line), else a guess."""
    try:
        for line in text.splitlines():
            json.loads(line)
    except ValueError:
        return guess_lang(text)
    return "json"


def _examples(r: RuleInfo) -> list[str]:
    """The bad and the good example as admonitions, and what both share folded."""
    lines: list[str] = []
    shared = r.example.context_text
    blocks = [
        ("!!!", "Bad · 错误示例", r.bad, "failure"),
        ("!!!", "Good · 正确示例", r.good, "success"),
    ]
    if shared:
        blocks.append(("???", "Shared records · 共同记录", shared, "note"))
    for mark, title, text, kind in blocks:
        lines += [f'{mark} {kind} "{title}"', ""]
        lines += ["    " + line if line else "" for line in fence(text, _lang(text))]
        lines.append("")
    return lines


def rules_page() -> str:
    """``reference/rules.md``: every rule of the catalogue, grouped by family."""
    from smartstd.catalogue import all_rules

    rules = all_rules()
    lines = [*_intro(len(rules)), *_summary(rules)]
    family = ""
    for r in rules:
        if r.code[:3] != family:
            family = r.code[:3]
            en_f, zh_f = _FAMILIES.get(family, (f"{family}xx", f"{family}xx"))
            lines += [f"## {family}xx {en_f} · {zh_f}", ""]
        lines += [f"### {r.code} {r.name} {{ #{r.code.lower()} }}", ""]
        lines += [*_texts(r), *_params(r), *_examples(r)]
    return page_text(lines)
