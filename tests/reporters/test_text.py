"""The ``text`` reporter."""

from __future__ import annotations

import re

import pytest

from smartstd.report import Level, Report
from smartstd.reporters import render_string

EXPECTED_EN = """\
data/a.json
data/a.json:7: SC402 [warning] Phone number 138****0000 is not masked. (/phone)

data/b.json
data/b.json:3:15: SC202 [error] Reference manager_id names o-9, which does not exist. (/manager_id)

(dataset)
SC601 [error] Domain safety has no accountable party.

Findings per rule
  SC202 unresolved-reference  error   1  Title of unresolved-reference
  SC601 no-accountable        error   1  Title of no-accountable
  SC402 unmasked-phone        warning 1  Title of unmasked-phone

Summary: 2 errors, 1 warning, 0 info
Level reached: L1 structural (requested: L2 consistent)
Conformant: no
"""

EXPECTED_ZH = """\
data/a.json
data/a.json:7: SC402 [warning] 电话号码 138****0000 未脱敏。 (/phone)

data/b.json
data/b.json:3:15: SC202 [error] 引用 manager_id 指向不存在的 o-9。 (/manager_id)

（数据集）
SC601 [error] 领域 safety 没有负责方。

按规则统计
  SC202 unresolved-reference  error   1  unresolved-reference 的标题
  SC601 no-accountable        error   1  no-accountable 的标题
  SC402 unmasked-phone        warning 1  unmasked-phone 的标题

汇总：错误 2 个，警告 1 个，提示 0 个
达到的符合性级别：L1 结构合规（要求：L2 数据一致）
是否符合：否
"""

ANSI = re.compile(r"\x1b\[[0-9;]*m")


def test_exact_output_in_english(clean: Report) -> None:
    assert render_string(clean, "text", lang="en") == EXPECTED_EN


def test_exact_output_in_chinese(clean: Report) -> None:
    assert render_string(clean, "text", lang="zh_CN.UTF-8") == EXPECTED_ZH


def test_colour_only_when_asked(clean: Report, monkeypatch: pytest.MonkeyPatch) -> None:
    # The environment must not decide: the caller already did.
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("TERM", "dumb")
    coloured = render_string(clean, "text", color=True)
    assert ANSI.search(coloured)
    assert ANSI.sub("", coloured) == EXPECTED_EN
    monkeypatch.delenv("NO_COLOR")
    monkeypatch.setenv("FORCE_COLOR", "1")
    assert render_string(clean, "text", color=False) == EXPECTED_EN


def test_hostile_data_cannot_break_lines_or_reach_the_terminal(hostile: Report) -> None:
    out = render_string(hostile, "text", lang="en")
    assert "\x1b" not in out
    assert "\u202e" not in out
    assert "\r" not in out
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]", out)
    lines = out.splitlines()
    finding_lines = [ln for ln in lines if re.search(r" SC\d{3} \[(error|warning|info)\] ", ln)]
    finding_lines += [ln for ln in lines if re.match(r"SC\d{3} \[", ln)]
    assert len(finding_lines) == len(hostile.findings)
    # The escapes are visible, so nothing is silently lost.
    assert "\\x1b[31mred" in out
    assert "\\u202egnp.exe" in out
    assert "a|b\\n::set-output" in out
    assert "中文 😀" in out


def test_dataset_findings_come_last_under_their_heading(hostile: Report) -> None:
    lines = render_string(hostile, "text").splitlines()
    i = lines.index("(dataset)")
    assert lines[i + 1].startswith("SC601 [error] Domain ")
    headers = [
        ln
        for ln in lines
        if ln and not re.search(r"SC\d{3} \[", ln) and ":" not in ln and not ln.startswith(" ")
    ]
    assert headers[-2:] == ["(dataset)", "Findings per rule"]


def test_per_rule_summary_counts_most_frequent_first() -> None:
    from smartstd.report import Finding, Severity

    findings = [Finding("SC202", Severity.ERROR, file="a.json", line=i) for i in range(1, 497)]
    findings.append(Finding("SC502", Severity.WARNING, file="a.json", line=600))
    out = render_string(Report(findings=tuple(findings)), "text", lang="en")
    summary = out[out.index("Findings per rule") :].splitlines()
    assert re.match(r"  SC202 unresolved-reference +error +496  Unresolved reference$", summary[1])
    assert re.match(r"  SC502 need-unserved +warning +1  Need unserved$", summary[2])


def test_no_findings() -> None:
    out = render_string(Report(charter_present=True, requested_level=Level.L3), "text", lang="en")
    assert out.startswith("No findings.\n")
    assert "Level reached: L3 governed (requested: L3 governed)" in out
    # a report is never above the level that was checked
    out = render_string(Report(charter_present=True), "text", lang="en")
    assert "Level reached: L2 consistent (requested: L2 consistent)" in out
    assert out.endswith("Conformant: yes\n")
    zh = render_string(Report(), "text", lang="zh-CN")
    assert zh.startswith("未发现问题。\n")
    assert "是否符合：是" in zh
