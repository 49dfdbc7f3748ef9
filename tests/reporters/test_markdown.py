"""The ``markdown`` reporter: tables that data cannot break."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from markdown_it import MarkdownIt

from smartstd.report import Report
from smartstd.reporters import ReporterOptions, render_string

# GitHub-flavoured Markdown splits a table row at every '|' not preceded by '\'.
CELL_SPLIT = re.compile(r"(?<!\\)\|")


def _cells(row: str) -> list[str]:
    assert row.startswith("| ")
    assert row.endswith(" |")
    return CELL_SPLIT.split(row)[1:-1]


def _tables(text: str) -> list[list[str]]:
    tables: list[list[str]] = []
    current: list[str] = []
    for line in [*text.split("\n"), ""]:
        if line.startswith("|"):
            current.append(line)
        elif current:
            tables.append(current)
            current = []
    return tables


class _Tables(HTMLParser):
    """Collects the cells of each rendered table row, and every tag seen."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[int] = []
        self.tags: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        if tag == "tr":
            self.rows.append(0)
        elif tag in ("td", "th"):
            self.rows[-1] += 1


@pytest.mark.parametrize("lang", ["en", "zh-CN"])
def test_every_row_has_the_header_cell_count(hostile: Report, lang: str) -> None:
    text = render_string(hostile, "markdown", lang=lang)
    tables = _tables(text)
    assert len(tables) == 1 + 4  # per rule, then four file groups
    for table in tables:
        width = len(_cells(table[0]))
        assert all(set(c.strip()) <= set("-:") for c in _cells(table[1]))
        for row in table:
            assert len(_cells(row)) == width, row


def test_a_real_renderer_agrees(hostile: Report) -> None:
    text = render_string(hostile, "markdown", lang="en")
    html = MarkdownIt("commonmark").enable("table").enable("strikethrough").render(text)
    parser = _Tables()
    parser.feed(html)
    assert parser.rows.count(4) == len(parser.rows)  # every row of every table: 4 cells
    assert len(parser.rows) == (1 + 5) + (2 + 2 + 1 + 1) + 4  # rows, headers too
    # Data never becomes markup: only the tags the reporter writes itself.
    assert parser.tags <= {
        "h1", "h2", "h3", "ul", "li", "strong", "p", "em", "br",
        "table", "thead", "tbody", "tr", "th", "td",
    }  # fmt: skip
    assert "&lt;script&gt;&amp;amp;&lt;/script&gt;" in html
    assert "[link](http://x)" in html
    assert "`tick` *star*" in html


def test_counts_per_rule(hostile: Report) -> None:
    text = render_string(hostile, "markdown", lang="en")
    per_rule = _tables(text)[0]
    rows = [[c.strip() for c in _cells(r)] for r in per_rule[2:]]
    assert rows == [
        ["SC202", "unresolved-reference", "error", "2"],
        ["SC402", "unmasked-phone", "warning", "1"],
        ["SC601", "no-accountable", "error", "1"],
        ["SC704", "older-version", "info", "1"],
        ["SC999", "", "warning", "1"],
    ]


def test_headings_in_both_languages(clean: Report) -> None:
    en = render_string(clean, "markdown", lang="en")
    zh = render_string(clean, "markdown", lang="zh-CN")
    assert en.startswith("# smartstd conformance report\n")
    assert "## Findings per rule" in en
    assert "## Findings by file" in en
    assert "- **Level reached**: L1 structural (requested: L2 consistent)" in en
    assert zh.startswith("# smartstd 符合性检查报告\n")
    assert "## 按规则统计" in zh
    assert "## 按文件列出的问题" in zh
    assert "| 位置 | 代码 | 严重程度 | 说明 |" in zh
    assert "- **达到的符合性级别**：L1 结构合规（要求：L2 数据一致）" in zh
    assert "### \\(dataset\\)" in en
    assert "### （数据集）" in zh


def test_hostile_file_names_in_headings(hostile: Report) -> None:
    text = render_string(hostile, "markdown")
    assert "### data/odd, name:\\<\\&\\>\\|.json" in text
    assert "### data\\\\win\\\\a.json" in text


def test_truncation(hostile: Report) -> None:
    text = render_string(hostile, "markdown", options=ReporterOptions(max_findings=3))
    rows = sum(len(t) - 2 for t in _tables(text)[1:])
    assert rows == 3
    assert "_… and 3 more findings not shown._" in text
    assert "| SC999 |  | warning | 1 |" in text  # the counts still cover everything


def test_no_findings() -> None:
    text = render_string(Report(), "markdown", lang="en")
    assert "No findings." in text
    assert "|" not in text


def test_findings_a_limit_left_out_count_under_their_own_rule() -> None:
    """An SC903 notice is not a rule's finding: its count goes to the rule it speaks of."""
    from smartstd.report import LEFT_OUT, Finding, Severity
    from smartstd.reporters.markdown import render_markdown

    listed = [
        Finding(code="SC202", severity=Severity.ERROR, file="a.ndjson", line=i, params={})
        for i in (2, 3)
    ]
    notice = Finding(
        code=LEFT_OUT,
        severity=Severity.INFO,
        params={"code": "SC202", "severity": "error", "omitted": 7},
    )
    report = Report(findings=(*listed, notice), inputs=("a.ndjson",))
    for lang in ("en", "zh-CN"):
        counts = {
            cells[0].strip().strip("`"): cells[-1].strip()
            for cells in map(_cells, _tables(render_markdown(report, lang))[0][2:])
        }
        assert counts == {"SC202": "9"}, (lang, counts)
