"""The check page when the data is hostile by its sheer number: 20,000 findings.

Each finding is for a record of another organisation, in one of 5,000 files:
the page lists 1,000 findings (``PAGE_ROWS``), and before this test it still
wrote a section of the rectification list for each of the 20,000
organisations, a row for each of the 5,000 files and an option for each in the
filters (13 MB, half a minute to open). It must stay bounded and usable, in
Chinese and in English, and its filters must work in Chromium; the filters for
findings of no file (the dataset) and of no known organisation must show
those, not everything.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from browser import OfflineBrowser, offline_browser
from smartstd.report import Finding, Report, Severity
from smartstd.reporters.html import ORG_SECTIONS, PAGE_ROWS, render_html
from smartstd.responsibility import ResponsibleIndex

MANY = 20_000


def _index(n: int) -> ResponsibleIndex:
    index = ResponsibleIndex()
    entities: list[dict[str, object]] = [
        {
            "type": "Organization",
            "id": f"org-{i}",
            "name": {"zh-CN": f"单位{i}号", "en": f"Org {i}"},
        }
        for i in range(n)
    ]
    entities += [{"type": "Device", "id": f"dev-{i}", "operator_id": f"org-{i}"} for i in range(n)]
    index._add_value("a.json", {"entities": entities})
    return index


def _findings(n: int, files: int) -> tuple[Finding, ...]:
    return tuple(
        Finding(
            "SC202",
            Severity.ERROR,
            ("entities", i, "operator_id"),
            f"dir/f{i % files}.json",
            i + 1,
            1,
            "Device",
            f"dev-{i}",
            {"value": "x"},
        )
        for i in range(n)
    )


@pytest.fixture(scope="module")
def browser() -> Iterator[OfflineBrowser]:
    with offline_browser() as shared:
        yield shared


@pytest.fixture(scope="module")
def many() -> dict[str, str]:
    report = Report(findings=_findings(MANY, 5000), inputs=("dir",))
    index = _index(MANY)
    return {lang: render_html(report, lang, index) for lang in ("zh-CN", "en")}


def test_twenty_thousand_organisations_keep_the_page_bounded(many: dict[str, str]) -> None:
    html = many["zh-CN"]
    assert len(html.encode("utf-8")) < 1_000_000  # it was 13 MB
    assert html.count('<tr data-sev="') == PAGE_ROWS
    assert html.count('<section class="org"') == ORG_SECTIONS == 200
    left = MANY - ORG_SECTIONS
    assert f"另有 {left:,} 个责任单位（共 {left:,} 条问题）未在此单独列出" in html
    assert "smartstd check dir --max-findings 20000 --format html -o all.html" in html
    # the files: 200 rows and one for the rest, which are counted
    files = html[html.index('id="files"') : html.index('id="orgs"')]
    assert files.count("<tr><td>") == ORG_SECTIONS + 1
    assert re.search(r'<td>其余 4,800 个文件</td><td class="num">19200</td>', files)
    # the filters offer what the listed rows hold, no more
    assert html.count("<option") <= 3 * PAGE_ROWS
    english = many["en"]
    assert len(english.encode("utf-8")) < 1_000_000
    assert f"{left:,} more organisations ({left:,} findings) have no section here" in english
    assert "4,800 more files" in english


def test_asking_for_every_finding_gives_every_organisation_its_section() -> None:
    report = Report(findings=_findings(300, 3), inputs=("dir",))
    html = render_html(report, "zh-CN", _index(300), max_findings=300)
    assert html.count('<section class="org"') == 300
    assert 'id="orgs-left-out"' not in html


def test_the_bounded_page_opens_and_filters_in_chromium(
    many: dict[str, str], browser: OfflineBrowser, tmp_path: Path
) -> None:
    path = tmp_path / "many #?%.html"
    path.write_text(many["zh-CN"], "utf-8")
    with browser.open(path.as_uri(), wait_for="#findings") as view:
        page = view.page
        visible = "#findings tbody tr:not([hidden])"
        assert page.locator(visible).count() == PAGE_ROWS
        first = page.inner_text("#findings tbody tr td:last-child")
        page.select_option("#f-org", label=first)
        assert page.locator(visible).count() == 1  # one finding per organisation
        page.select_option("#f-org", index=0)
        page.select_option("#f-file", index=1)
        assert page.locator(visible).count() == 4  # 20,000 findings in 5,000 files
        assert view.overflow() == 0
        assert (view.dialogs, view.console_errors, view.blocked) == ([], [], [])


def _finding(file: str | None, entity: str) -> Finding:
    return Finding(
        "SC202", Severity.ERROR, ("x",), file, 1 if file else None, 1, "Device", entity, {}
    )


def test_the_filters_for_the_dataset_and_for_nobody_show_those_not_everything(
    browser: OfflineBrowser, tmp_path: Path
) -> None:
    # "" was both "all" and "(dataset)", "all" and the organisation nobody is known for
    findings = (
        _finding("a.json", "dev-1"),  # org-1's
        _finding("a.json", "dev-1"),
        _finding("a.json", "nobody-1"),  # no organisation known
        _finding(None, "nobody-2"),  # of the dataset, no file
    )
    html = render_html(Report(findings=findings, inputs=("a.json",)), "zh-CN", _index(2))
    path = tmp_path / "filters.html"
    path.write_text(html, "utf-8")
    with browser.open(path.as_uri(), wait_for="#findings") as view:
        page = view.page
        visible = "#findings tbody tr:not([hidden])"
        assert page.locator(visible).count() == 4
        page.select_option("#f-file", label="（数据集）")
        assert page.locator(visible).count() == 1
        page.select_option("#f-file", index=0)
        assert page.locator(visible).count() == 4
        page.click("[data-filter-org='']")  # "show all its findings" of the unknown organisation
        assert page.locator(visible).count() == 2
        assert page.evaluate("document.getElementById('f-org').selectedIndex") > 0
        page.click("[data-filter-org='org-1']")
        assert page.locator(visible).count() == 2
        assert view.console_errors == []


def _many_grids(folder: Path, grids: int) -> Path:
    import copy
    import json

    example = Path(__file__).resolve().parents[2] / "examples" / "guangzhou-panyu"
    data = json.loads((example / "dataset.json").read_text("utf-8"))
    bulk = ("Observation", "Resident", "Dwelling", "Household", "ServiceRecord", "ServiceProfile")
    data["entities"] = [e for e in data["entities"] if e["type"] not in bulk]
    grid, building, request = (
        next(e for e in data["entities"] if e["type"] == kind)
        for kind in ("Grid", "Building", "ServiceRequest")
    )
    for i in range(grids):
        g = copy.deepcopy(grid) | {"id": f"grid-m-{i}", "code": f"M{i}"}
        g["name"] = {"zh-CN": f"网格{i}号", "en": f"Grid {i}"}
        b = copy.deepcopy(building) | {"id": f"bldg-m-{i}", "grid_id": g["id"]}
        data["entities"] += [g, b]
        for k in range(3 if i == 77 else 1):  # grid 77 has the most requests
            r = copy.deepcopy(request) | {
                "id": f"req-m-{i}-{k}",
                "location": {"building_id": b["id"]},
            }
            data["entities"].append(r)
    path = folder / "grids.json"
    path.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    return path


def test_an_assessment_of_many_grids_draws_the_largest_and_says_so(
    tmp_path: Path, browser: OfflineBrowser
) -> None:
    # 5,000 grids drew charts of 5,000 bars, 130,000 pixels tall (a 9.5 MB page)
    from click.testing import CliRunner

    from smartstd.assessment.html import CHART_BARS
    from smartstd.cli import main

    data = _many_grids(tmp_path, 120)
    args = ["assess", str(data), "--pilot", "pilot-440113-scds", "--by", "grid", "--format", "html"]
    pages = {}
    for lang in ("zh-CN", "en"):
        out = tmp_path / f"assess-{lang}.html"
        result = CliRunner().invoke(main, [*args, "--lang", lang, "-o", str(out)])
        assert result.exit_code in (0, 1), result.output
        pages[lang] = out
    assert "共 124 组，图中为记录最多的 30 组" in pages["zh-CN"].read_text("utf-8")
    assert "124 groups; the 30 with the most records are drawn" in pages["en"].read_text("utf-8")
    with browser.open(pages["zh-CN"].as_uri()) as view:
        charts = view.page.eval_on_selector_all(
            "svg.chart", "els => els.map(e => e.querySelectorAll('rect').length)"
        )
        labels = view.page.eval_on_selector_all(
            "svg.chart text[text-anchor=end]", "els => els.map(e => e.textContent)"
        )
        assert view.overflow() == 0 and view.console_errors == []
    assert max(charts) == CHART_BARS == 30
    assert "网格77号" in labels


def test_five_thousand_input_files_are_named_in_short() -> None:
    # each command on the page named all 5,000 inputs, as did the summary (1.4 MB)
    inputs = tuple(f"/data/2026/district-{i:05d}/requests.ndjson" for i in range(5000))
    findings = tuple(
        Finding("SC202", Severity.ERROR, ("x",), inputs[i], 1, 1, "Device", f"d{i}", {})
        for i in range(3000)
    )
    report = Report(findings=findings, inputs=inputs)
    html = render_html(report, "zh-CN", ResponsibleIndex())
    assert len(html.encode("utf-8")) < 700_000
    assert "district-00009/requests.ndjson</code> 等，共 5,000 个" in html
    assert "district-00010/requests.ndjson</code>" not in html.split('id="rules"')[0]
    assert "district-00009/requests.ndjson … --max-findings 3000 --format json" in html
    english = render_html(report, "en", ResponsibleIndex())
    assert "requests.ndjson</code> and 4,990 more" in english
