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
