"""The HTML report: self-contained, Chinese first, masked, filterable in a real browser."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from browser import offline_page
from smartstd.cli import main
from smartstd.report import Finding, Report, Severity
from smartstd.reporters import REPORTERS, get_reporter, render_string
from smartstd.reporters.html import render_html
from smartstd.responsibility import ResponsibleIndex, responsible_index
from smartstd.webpage import CSP

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "guangzhou-panyu"
ID_NUMBER = "11010519491231002X"


def _index() -> ResponsibleIndex:
    index = ResponsibleIndex()
    index._add_value(
        "a.json",
        {
            "publisher_id": "org-pub",
            "entities": [
                {
                    "type": "Organization",
                    "id": "org-pub",
                    "name": {"zh-CN": "街道办", "en": "Street office"},
                },
                {
                    "type": "Organization",
                    "id": "org-v",
                    "name": {"zh-CN": "物联公司", "en": "IoT Co"},
                },
                {"type": "Organization", "id": "org-care", "name": {"zh-CN": "养老机构"}},
                {"type": "Device", "id": "dev-1", "operator_id": "org-v", "kind": "smoke_detector"},
                {"type": "Observation", "id": "obs-1", "device_id": "dev-1"},
                {"type": "ResponsibilityDomain", "id": "d-care", "parent_id": "elderly_care"},
                {
                    "type": "Assignment",
                    "id": "as-1",
                    "domain_id": "d-care",
                    "organization_id": "org-care",
                    "role": "responsible",
                    "lead": True,
                },
                {"type": "Service", "id": "svc-1", "category": "elderly_care"},
                {"type": "Building", "id": "b-1"},
            ],
        },
    )
    return index


def _finding(code: str, etype: str | None, eid: str | None, **params: object) -> Finding:
    sev = Severity.WARNING if code == "SC502" else Severity.ERROR
    return Finding(code, sev, ("x",), "a.json", 3, 5, etype, eid, params)


def test_responsible_organisation_follows_the_documented_order() -> None:
    index = _index()
    by_record = index.for_finding(_finding("SC202", "Device", "dev-1"))
    assert (by_record.org_id, by_record.basis, by_record.via) == ("org-v", "record", "operator_id")
    assert by_record.name("en") == "IoT Co" and by_record.name("zh-CN") == "物联公司"
    assert index.for_finding(_finding("SC202", "Observation", "obs-1")).org_id == "org-v"
    by_charter = index.for_finding(_finding("SC502", "Service", "svc-1"))
    assert (by_charter.org_id, by_charter.basis) == ("org-care", "charter")
    assert by_charter.name("en") == "养老机构"  # no English name: the Chinese one
    by_publisher = index.for_finding(_finding("SC202", "Building", "b-1"))
    assert (by_publisher.org_id, by_publisher.basis) == ("org-pub", "publisher")
    empty = ResponsibleIndex().for_finding(_finding("SC202", None, None))
    assert (empty.org_id, empty.basis) == (None, "unassigned")


def test_registered_and_self_contained_with_masked_values() -> None:
    assert "html" in REPORTERS and get_reporter("html").suffix == ".html"
    report = Report(
        findings=(
            _finding(
                "SC103",
                "Device",
                "dev-1",
                value=ID_NUMBER,
                error_type="string_type",
                detail="<script>alert(1)</script>",
            ),
            _finding("SC502", "Service", "svc-1", category="elderly_care"),
        ),
        inputs=("a.json",),
    )
    html = render_html(report, "zh-CN", _index())
    assert '<html lang="zh-CN">' in html and f'content="{CSP}"' in html
    assert ID_NUMBER not in html and "110105****002X" in html
    assert "<script>alert" not in html
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", html)
    assert "整改清单" in html and "物联公司" in html and "养老机构" in html
    english = render_string(report, "html", lang="en")
    assert '<html lang="en">' in english and "Rectification list" in english
    assert "整改清单" not in english


def test_cli_writes_chinese_by_default_and_english_on_request(tmp_path: Path) -> None:
    out = tmp_path / "r.html"
    res = CliRunner().invoke(main, ["check", str(EXAMPLE), "-f", "html", "-o", str(out)])
    assert res.exit_code == 0, res.output
    assert "按严重程度和规则汇总" in out.read_text(encoding="utf-8")
    res = CliRunner().invoke(
        main, ["check", str(EXAMPLE), "-f", "html", "--lang", "en", "-o", str(out)]
    )
    assert "By severity and rule" in out.read_text(encoding="utf-8")


@pytest.mark.parametrize("lang", ["zh-CN", "en"])
def test_filters_and_search_work_offline_in_chromium(tmp_path: Path, lang: str) -> None:
    findings = [
        _finding("SC202", "Device", "dev-1", value="x"),
        _finding("SC202", "Building", "b-1"),
        _finding("SC502", "Service", "svc-1", category="elderly_care"),
        _finding(
            "SC103",
            "Observation",
            "obs-1",
            value="13812345678",
            error_type="int_type",
            detail="Input should be a valid integer",
        ),
    ]
    report = Report(findings=tuple(findings), inputs=("a.json",))
    path = tmp_path / f"report-{lang}.html"
    path.write_text(render_html(report, lang, _index()), encoding="utf-8")
    with offline_page(path.as_uri(), wait_for="#findings") as view:
        page = view.page
        rows = page.locator("#findings tbody tr")
        assert rows.count() == 4
        visible = "#findings tbody tr:not([hidden])"
        assert page.locator(visible).count() == 4
        page.select_option("#f-rule", "SC202")
        assert page.locator(visible).count() == 2
        page.select_option("#f-rule", "")
        page.select_option("#f-org", "org-v")
        assert page.locator(visible).count() == 2  # the device and its observation
        page.select_option("#f-org", "")
        page.select_option("#f-sev", "warning")
        assert page.locator(visible).count() == 1
        page.select_option("#f-sev", "")
        page.fill("#q", "b-1")
        assert page.locator(visible).count() == 1
        shown = page.inner_text("#shown")
        assert ("1 / 4" in shown) if lang == "zh-CN" else ("1 of 4" in shown)
        page.fill("#q", "")
        page.click("[data-filter-org='org-care']")
        assert page.locator(visible).count() == 1
        page.select_option("#f-org", "")
        text = view.text()
        assert "138****5678" in text and "13812345678" not in text
        assert ("整改清单" in text) == (lang == "zh-CN")
        assert not view.blocked and not view.console_errors
        shot = view.screenshot(tmp_path / f"report-{lang}.png")
    assert shot.stat().st_size > 10_000


def test_example_report_reads_the_example_publisher() -> None:
    index = responsible_index([str(EXAMPLE / "dataset.json"), str(EXAMPLE / "charter.yaml")])
    assert index.publishers
    assert any(zh != org for org, (zh, _en) in index.names.items())
