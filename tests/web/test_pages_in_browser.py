"""Every page kind in Chromium with the network cut, fed hostile values.

The check report, the pilot assessment and the duty list are written by the
CLI from the bundled example with hostile values planted where data reaches a
page (names, descriptions, codes, ids, the pilot's name, a charter's
agreement): markup, ``javascript:`` URLs, a right-to-left override, zero-width
and control characters, a 10,000-character id, long Chinese text, entities and
an unmasked identity number. In the browser nothing may run (no dialog, no
console error, no element from the data), nothing may be fetched, the page may
not scroll sideways at 1280 px or at 375 px (a phone), the override must show
as its escape, personal identifiers stay masked, and the check report reads
without JavaScript, prints without its filters and can be used from the
keyboard. One browser per page kind keeps this to a few seconds.

SMARTSTD_SCREENSHOTS=folder keeps the screenshots to look at.
"""

from __future__ import annotations

import copy
import json
import os
import re
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from browser import offline_page
from smartstd.cli import main
from smartstd.report import LEFT_OUT, Finding, Report, Severity
from smartstd.reporters.html import PAGE_ROWS, render_html
from smartstd.responsibility import ResponsibleIndex

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "guangzhou-panyu"

MARKUP = '<script>alert(1)</script></style>"><img src=x onerror=alert(2)>'
RTL = "\u202eevil\u202c"
ZERO_WIDTH = "a\u200bb\u2060c\ufeff"
LONG_ID = "x" * 10_000
CHINESE = "这是一段很长的中文文本没有任何空格" * 120
CONTROLS = "nul\x00bell\x07esc\x1b[31m"
ENTITIES = "&amp;lt;b&amp;gt; &lt;i&gt; &#x3c;u&#x3e; &nbsp;"
ID_NUMBER = "11010519491231002X"
MOBILE = "13812345678"
HOSTILE = MARKUP + RTL + ZERO_WIDTH + "🏳️‍🌈" + ENTITIES


def _hostile_inputs(folder: Path) -> list[str]:
    data = json.loads((EXAMPLE / "dataset.json").read_text("utf-8"))
    data["entities"] = [e for e in data["entities"] if e["type"] != "Observation"]  # speed
    data["title"] = {"zh-CN": HOSTILE + CHINESE[:200], "en": HOSTILE}
    for e in data["entities"]:
        if e["id"] == "org-pm-01":  # its name reaches every page, an identifier in it too
            personal = f" 电话 {MOBILE} 身份证 {ID_NUMBER} "
            e["name"] = {
                "zh-CN": HOSTILE + personal + CHINESE[:400],
                "en": HOSTILE + personal + LONG_ID[:3000],
            }
        if e["type"] == "Pilot":
            personal = f" {MOBILE} {ID_NUMBER} "
            e["name"] = {
                "zh-CN": HOSTILE + personal + LONG_ID[:2000],
                "en": HOSTILE + personal + LONG_ID[:2000],
            }
    requests = [e for e in data["entities"] if e["type"] == "ServiceRequest"]
    requests[0]["description"] = f"{HOSTILE} 身份证 {ID_NUMBER} 电话 {MOBILE} {CONTROLS}"
    requests[1]["description"] = CHINESE
    requests[2]["category"] = MARKUP + RTL
    requests[3]["channel"] = "javascript:alert(3)"
    requests[4]["id"] = LONG_ID
    requests[5]["community_id"] = RTL + ZERO_WIDTH + LONG_ID
    requests[6]["status"] = CONTROLS
    dataset = folder / "hostile.json"
    dataset.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    charter = yaml.safe_load((EXAMPLE / "charter.yaml").read_text("utf-8"))
    agreement = next(e for e in charter["entities"] if e["type"] == "Agreement")
    agreement["name"] = {"zh-CN": HOSTILE + CHINESE[:600], "en": HOSTILE + LONG_ID}
    charter_path = folder / "charter.yaml"
    charter_path.write_text(yaml.safe_dump(copy.deepcopy(charter), allow_unicode=True), "utf-8")
    return [str(dataset), str(charter_path)]


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("hostile")
    inputs = _hostile_inputs(folder)
    commands = {
        "check": ["check", *inputs, "--format", "html"],
        "assess": [
            "assess",
            inputs[0],
            "--pilot",
            "pilot-440113-scds",
            "--by",
            "category",
            "--by",
            "grid",
            "--by",
            "quarter",
            "--format",
            "html",
        ],
        "duties": ["graph", "duties", *inputs, "-f", "html"],
    }
    out = {}
    for kind, args in commands.items():
        for lang in ("zh-CN", "en"):
            path = folder / f"{kind}-{lang}.html"
            result = CliRunner().invoke(main, [*args, "--lang", lang, "-o", str(path)])
            assert result.exit_code in (0, 1), result.output
            out[f"{kind}-{lang}"] = path
    return out


def _shots(tmp_path: Path) -> Path:
    return Path(os.environ.get("SMARTSTD_SCREENSHOTS") or tmp_path)


_TITLES = {
    "check": ("智慧社区数据标准符合性检查报告", "Smart community data conformance report"),
    "assess": ("试点评估报告", "Pilot assessment"),
    "duties": ("责任清单", "Duty list"),
}


@pytest.mark.parametrize("kind", ["check", "assess", "duties"])
def test_language_and_title_chinese_first(pages: dict[str, Path], kind: str) -> None:
    for lang, html_lang, title in (("zh-CN", "zh-CN", 0), ("en", "en", 1)):
        html = pages[f"{kind}-{lang}"].read_text("utf-8")
        assert f'<html lang="{html_lang}">' in html
        found = re.search(r"<title>(.*?)</title>", html, re.S)
        assert found and found.group(1).startswith(_TITLES[kind][title])
        # the data's characters reach the page as text only
        assert "\u202e" not in html and "\x00" not in html and "\u200b" not in html
        assert "<img" not in html and "&lt;img src=x onerror=alert(2)&gt;" in html
        # personal identifiers masked wherever they were (a name, the pilot, a description)
        assert ID_NUMBER not in html and MOBILE not in html
        assert "138****5678" in html


def _dangling_anchors(html: str) -> set[str]:
    ids = set(re.findall(r'\sid="([^"]*)"', html))
    return {a for a in re.findall(r'href="#([^"]*)"', html) if a not in ids}


def test_every_link_within_a_page_leads_somewhere(pages: dict[str, Path]) -> None:
    for name, path in pages.items():
        assert _dangling_anchors(path.read_text("utf-8")) == set(), name
    no_findings = render_html(Report(inputs=("a.json",)), "zh-CN", ResponsibleIndex())
    assert "未发现问题" in no_findings
    assert _dangling_anchors(no_findings) == set()  # no link to sections left out


@pytest.mark.parametrize("kind", ["check", "assess", "duties"])
def test_hostile_values_neither_run_nor_break_the_layout(
    pages: dict[str, Path], kind: str, tmp_path: Path
) -> None:
    shots = _shots(tmp_path)
    with offline_page(pages[f"{kind}-zh-CN"].as_uri()) as view:
        page = view.page
        wide = view.overflow()
        view.screenshot(shots / f"hostile-{kind}-1280.png", full_page=False)
        page.set_viewport_size({"width": 375, "height": 800})
        narrow = view.overflow()
        if kind == "check":  # on a phone the filters scroll away instead of covering a third
            assert page.evaluate("getComputedStyle(filters).position") == "static"
        view.screenshot(shots / f"hostile-{kind}-375.png", full_page=False)
        text = view.text()
        html = page.content()
        planted = page.locator("img, iframe, object, embed, script:not([type])").count()
        assert (view.dialogs, view.console_errors, view.blocked) == ([], [], [])
    assert wide == 0, f"{kind}: {wide}px wider than a 1280px window"
    assert narrow == 0, f"{kind}: {narrow}px wider than a 375px phone"
    assert planted == (1 if kind == "check" else 0)  # the check page's own filter script
    assert "<script>alert(1)</script>" in text  # shown as text
    assert "\\u202e" in text and "\u202e" not in text and "\\u200b" in text
    if kind == "check":
        assert ID_NUMBER not in html and MOBILE not in html
        assert "110105****002X" in text and "138****5678" in text
    if kind == "assess":  # a target with no data is not painted as missed
        assert page_has_no_red_no_data(pages["assess-zh-CN"])


def page_has_no_red_no_data(path: Path) -> bool:
    html = path.read_text("utf-8")
    assert "无数据" in html
    return not re.search(r'class="badge error">无数据', html)


def test_the_check_page_without_javascript_in_print_and_from_the_keyboard(
    pages: dict[str, Path], tmp_path: Path
) -> None:
    shots = _shots(tmp_path)
    url = pages["check-zh-CN"].as_uri()
    with offline_page(url, width=375, javascript=False) as view:
        assert not view.page.is_visible("#filters")  # controls that would do nothing
        assert view.page.locator("#findings tbody tr").count() > 10
        assert "整改清单" in view.text() and view.overflow() == 0
        view.screenshot(shots / "check-375-nojs.png", full_page=False)
    with offline_page(url) as view:
        page = view.page
        assert page.is_visible("#filters")
        page.focus("#q")
        page.keyboard.press("Tab")
        focused = page.evaluate(
            "(() => { const e = document.activeElement, s = getComputedStyle(e);"
            " return [e.id, s.outlineStyle, parseFloat(s.outlineWidth)]; })()"
        )
        assert focused[0] == "f-sev" and focused[1] != "none" and focused[2] >= 2
        page.emulate_media(media="print")
        assert not page.is_visible("#filters") and not page.is_visible("nav")
        wraps = page.eval_on_selector_all(
            ".table-wrap", "els => els.map(e => getComputedStyle(e).overflowX)"
        )
        assert wraps and set(wraps) == {"visible"}  # printed in full, not clipped
        assert len(page.pdf()) > 10_000
        assert view.console_errors == []


def _finding(i: int) -> Finding:
    return Finding(
        "SC103",
        Severity.ERROR,
        ("entities", i, "kind"),
        "big.json",
        i + 1,
        1,
        "Device",
        f"dev-{i}",
        {"value": "x"},
    )


def test_a_page_of_many_findings_lists_a_thousand_and_says_how_to_see_all() -> None:
    notice = Finding(
        LEFT_OUT,
        Severity.INFO,
        params={
            "code": "SC103",
            "severity": "error",
            "omitted": 7000,
            "scope": "run",
            "limit": 3000,
            "scope_zh": "整次检查",
            "scope_en": "the whole run",
        },
    )
    report = Report(findings=(*(_finding(i) for i in range(3000)), notice), inputs=("big.json",))
    html = render_html(report, "zh-CN", ResponsibleIndex())
    assert html.count('<tr data-sev="') == PAGE_ROWS == 1000
    assert len(html) < 1_000_000
    assert "另有 9,001 条未列出（共 10,000 条）" in html
    assert "smartstd check big.json --max-findings 10000 --format json" in html
    assert re.search(r'<td class="num">10000</td>', html)  # per rule: the left-out ones too
    assert "超出上限未列出" in html
    english = render_html(report, "en", ResponsibleIndex(), max_findings=5000)
    assert english.count('<tr data-sev="') == 3001
    assert "7,000 more are not listed" in english
    small = render_html(Report(findings=(_finding(1),)), "en", ResponsibleIndex())
    assert 'id="left-out"' not in small


def test_check_max_findings_sets_the_rows_of_the_page(tmp_path: Path) -> None:
    out = tmp_path / "r.html"
    args = ["check", str(EXAMPLE), "-f", "html", "--max-findings", "3", "-o", str(out)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code in (0, 1), result.output
    html = out.read_text("utf-8")
    assert html.count('<tr data-sev="') == 3
    assert 'id="left-out"' in html and "--max-findings 7" in html
