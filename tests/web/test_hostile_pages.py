"""Every page smartstd writes, fed hostile data and opened in Chromium with the network cut.

The check report, the pilot assessment and the duty list are written by the
CLI, in Chinese (the default) and in English, from the bundled example with a
payload planted wherever data reaches a page: the names of organisations,
grids, the community and the pilot, a request's id, category and description,
an agreement, and the folder and file names (spaces, ``#``, ``?``, ``%``,
``<b>``). The payload closes a script and opens a comment, breaks out of
attributes with both quotes, carries event handlers, a ``javascript:`` URL,
template syntax (``{{ }}``, ``${ }``), U+2028/U+2029, a lone surrogate (a JSON
``\\ud800``), NUL, a right-to-left override, zero-width characters, Chinese
with an emoji and combining marks, and an identity and a mobile number split
by invisible characters. In the browser nothing from the data may run (no
``window.__pwned``, no dialog, even after every element is hovered and
focused), it must read as text, nothing may be fetched, nothing logged as an
error, and the page may not scroll sideways.

One browser serves the whole module (a few seconds).
SMARTSTD_SCREENSHOTS=folder keeps the screenshots to look at.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from browser import OfflineBrowser, offline_browser
from smartstd.cli import main
from smartstd.webpage import esc, fit

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "guangzhou-panyu"

PAYLOAD = (
    "</script><script>window.__pwned=1</script><!-- "
    '<img src=x onerror="window.__pwned=2;alert(2)"> '
    "\" onmouseover=\"window.__pwned=3\" x=' onfocus='window.__pwned=4' "
    "{{constructor.constructor('alert(5)')()}} ${alert(6)} javascript:alert(7) "
    "\u2028\u2029 nul\x00 \u202eevil\u202c a\u200bb 社区🏘️ é\u0301\u0301 Z\u0337\u0322a\u0338 "
)
#: A mobile and an identity number with invisible characters inside: masked all the same.
SPLIT_MOBILE = "138\u200b1234\u20605678"
SPLIT_ID = "110105\u200b19491231002X"
PERSONAL = f" 电话 {SPLIT_MOBILE} 身份证 {SPLIT_ID} "
LONG = "W" * 10_000

#: What the payload must read as, on every page (the escapes are what a person sees).
SHOWN = [
    "</script><script>window.__pwned=1</script><!--",
    '<img src=x onerror="window.__pwned=2;alert(2)">',
    "\" onmouseover=\"window.__pwned=3\" x=' onfocus='window.__pwned=4'",
    "{{constructor.constructor('alert(5)')()}} ${alert(6)} javascript:alert(7)",
    "\\u2028\\u2029 nul\\x00 \\u202eevil\\u202c a\\u200bb 社区🏘️",
]

_TITLES = {
    "check": ("智慧社区数据标准符合性检查报告", "Smart community data conformance report"),
    "assess": ("试点评估报告", "Pilot assessment"),
    "duties": ("责任清单", "Duty list"),
}


def _hostile_inputs(folder: Path) -> list[str]:
    data = json.loads((EXAMPLE / "dataset.json").read_text("utf-8"))
    bulk = ("Observation", "Resident", "Dwelling", "Household", "ServiceRecord", "ServiceProfile")
    data["entities"] = [e for e in data["entities"] if e["type"] not in bulk]  # speed
    for e in data["entities"]:
        if e["type"] in ("Grid", "Community", "Organization", "Pilot"):
            e["name"] = {
                "zh-CN": PAYLOAD + PERSONAL + e["name"]["zh-CN"] + LONG[:300],
                "en": PAYLOAD + PERSONAL + e["name"]["en"],
            }
        if e["id"] == "org-data-bureau":  # a lone surrogate (SC103: the record is not loaded)
            e["name"]["zh-CN"] += "lone\ud800x"  # written as the JSON escape (ensure_ascii)
    requests = [e for e in data["entities"] if e["type"] == "ServiceRequest"]
    requests[0]["description"] = "lone\ud800x" + PAYLOAD + PERSONAL + LONG
    requests[1]["category"] = PAYLOAD
    requests[2]["id"] = PAYLOAD + LONG
    requests[3]["channel"] = "javascript:alert(8)"
    folder.mkdir(parents=True)
    dataset = folder / "data #1?%.json"
    dataset.write_text(json.dumps(data, ensure_ascii=True), "utf-8")
    charter = yaml.safe_load((EXAMPLE / "charter.yaml").read_text("utf-8"))
    agreement = next(e for e in charter["entities"] if e["type"] == "Agreement")
    agreement["name"] = {"zh-CN": PAYLOAD + PERSONAL + LONG, "en": PAYLOAD + PERSONAL}
    charter_path = folder / "charter #?.yaml"
    charter_path.write_text(yaml.safe_dump(charter, allow_unicode=True), "utf-8")
    return [str(dataset), str(charter_path)]


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("hostile") / "da ta #1 ?%25 <b>&amp;"
    inputs = _hostile_inputs(folder)
    pilot = ["--pilot", "pilot-440113-scds", "--by", "grid", "--by", "category"]
    commands = {
        "check": ["check", *inputs, "--format", "html", "--max-findings", "150"],
        "assess": ["assess", inputs[0], *pilot, "--by", "quarter", "--format", "html"],
        "duties": ["graph", "duties", *inputs, "-f", "html"],
    }
    out = {}
    for kind, args in commands.items():
        for lang in ("zh-CN", "en"):
            path = folder / f"{kind} {lang} #?%.html"
            result = CliRunner().invoke(main, [*args, "--lang", lang, "-o", str(path)])
            assert result.exit_code in (0, 1), result.output
            out[f"{kind}-{lang}"] = path
    for kind in ("assess", "duties"):  # no --lang at all: Chinese (the check page's in test_html)
        path = folder / f"{kind}-default.html"
        result = CliRunner().invoke(main, [*commands[kind], "-o", str(path)])
        assert result.exit_code in (0, 1), result.output
        out[f"{kind}-default"] = path
    return out


@pytest.fixture(scope="module")
def browser() -> Iterator[OfflineBrowser]:
    with offline_browser() as shared:
        yield shared


def _shots(tmp_path: Path) -> Path:
    return Path(os.environ.get("SMARTSTD_SCREENSHOTS") or tmp_path)


def test_masking_comes_before_showing_invisible_characters() -> None:
    # the escape \u200b once split the number so that the masking no longer saw it
    assert esc(f"身份证 {SPLIT_ID}") == "身份证 110105****002X"
    assert esc(f"电话 {SPLIT_MOBILE}") == "电话 138****5678"
    assert esc("a\u200bb <b>") == "a\\u200bb &lt;b&gt;"


def test_identifiers_split_by_invisible_characters_are_masked_on_every_page(
    pages: dict[str, Path],
) -> None:
    for name, path in pages.items():
        html = path.read_text("utf-8")
        for digits in ("1234\\u20605678", "138\\u200b1234", "110105\\u200b1949", "19491231002X"):
            assert digits not in html, (name, digits)
        assert "138****5678" in html and "110105****002X" in html, name


@pytest.mark.parametrize("kind", ["check", "assess", "duties"])
@pytest.mark.parametrize("lang", ["zh-CN", "en"])
def test_hostile_data_runs_nothing_and_reads_as_text(
    pages: dict[str, Path], browser: OfflineBrowser, kind: str, lang: str, tmp_path: Path
) -> None:
    with browser.open(pages[f"{kind}-{lang}"].as_uri()) as view:
        page = view.page
        text = view.text()
        page.evaluate(  # hover and focus everything, use the page's own filter links
            """() => {
                 document.querySelectorAll('*').forEach(e => {
                   for (const t of ['mouseover', 'mouseenter', 'focus', 'error', 'load'])
                     e.dispatchEvent(new Event(t));
                 });
                 document.querySelectorAll('[data-filter-org], [data-filter-rule]')
                   .forEach(a => a.click());
               }"""
        )
        pwned = page.evaluate("window.__pwned")
        hrefs = page.eval_on_selector_all("[href]", "els => els.map(e => e.getAttribute('href'))")
        handlers = page.evaluate(
            """() => [...document.querySelectorAll('*')].flatMap(e =>
                 [...e.attributes].filter(a => a.name.startsWith('on')).map(a => a.name))"""
        )
        title = page.title()
        ids = page.eval_on_selector_all("[id]", "els => els.map(e => e.id)")
        data = ""
        if kind == "assess":  # the data it carries parses, the payload in it as written
            data = page.evaluate(
                "JSON.stringify(JSON.parse(document.getElementById('assessment-data').textContent))"
            )
        html_lang = page.evaluate("document.documentElement.lang")
        wide = view.overflow()
        page.set_viewport_size({"width": 375, "height": 800})
        narrow = view.overflow()
        if lang == "zh-CN":
            view.screenshot(_shots(tmp_path) / f"hostile-{kind}-375.png", full_page=False)
        assert (view.dialogs, view.console_errors, view.blocked) == ([], [], [])
    assert pwned is None and handlers == []
    assert len(ids) == len(set(ids))  # h2 and table were both id="findings"
    assert all(h.startswith("#") for h in hrefs), hrefs  # no javascript: or file link
    for piece in SHOWN:
        assert piece in text, (kind, lang, piece)
    assert "lone\\ud800x" in text or kind != "check"  # the lone surrogate, as its escape
    if kind == "assess":
        assert "</script><script>window.__pwned=1</script><!--" in data
        assert "\u2028\u2029" in json.loads(data)["pilot"]["name"]["en"]
    zh, en = _TITLES[kind]
    assert title.startswith(en if lang == "en" else zh)
    assert html_lang == lang
    assert (wide, narrow) == (0, 0)


@pytest.mark.parametrize("kind", ["assess", "duties"])
def test_chinese_is_the_default(pages: dict[str, Path], kind: str) -> None:
    html = pages[f"{kind}-default"].read_text("utf-8")
    assert '<html lang="zh-CN">' in html and f"<title>{_TITLES[kind][0]}" in html


def test_fit_keeps_the_start_of_a_long_label() -> None:
    assert fit("榕溪社区第1网格", 170) == "榕溪社区第1网格"
    cut = fit("番禺区钟村街榕溪社区第一网格（东区）" * 3, 170)
    assert cut.startswith("番禺区钟村街") and cut.endswith("…") and len(cut) <= 13
    assert fit("<b>" + "W" * 100, 170).startswith("&lt;b&gt;WW")
    assert fit(f"电话 {SPLIT_MOBILE}", 1000) == "电话 138****5678"
    assert fit("a\u202eb", 1000) == "a\\u202eb"


def test_chart_labels_keep_their_start_inside_the_chart(
    pages: dict[str, Path], browser: OfflineBrowser
) -> None:
    # a grid's long name ran out of the chart's left edge: only its end showed
    with browser.open(pages["assess-zh-CN"].as_uri()) as view:
        labels = view.page.eval_on_selector_all(
            "svg.chart text[text-anchor=end]",
            "els => els.map(e => [e.textContent, e.getBBox().x])",
        )
    grids = [(t, x) for t, x in labels if t.startswith("</script>")]
    assert len(grids) >= 3, labels
    assert all(x >= 0 for _, x in labels), [lx for lx in labels if lx[1] < 0]
    assert all(t.endswith("…") for t, _ in grids)


def test_a_long_value_does_not_make_a_row_thousands_of_pixels_tall(
    pages: dict[str, Path], browser: OfflineBrowser
) -> None:
    # an organisation's name of 600 characters in every row of its findings (750 px each)
    with browser.open(pages["check-zh-CN"].as_uri()) as view:
        heights = view.page.eval_on_selector_all(
            "#findings tbody tr", "rows => rows.map(r => r.getBoundingClientRect().height)"
        )
        whole = view.page.eval_on_selector_all(
            "#findings span[title], #orgs ~ section span[title]",
            "els => els.map(e => e.getAttribute('title'))",
        )
    assert heights and max(heights) < 600, max(heights)
    assert any(len(t) > 600 and t.startswith("</script>") for t in whole)  # the name, whole


def test_the_duty_list_in_markdown_is_masked_and_shows_markup_as_text(
    pages: dict[str, Path],
) -> None:
    # the Markdown duty list went out as the data held it: unmasked, with raw HTML
    # (an <img onerror> once a wiki or a docs site rendered it) and a raw U+202E
    import markdown

    folder = pages["duties-zh-CN"].parent
    inputs = [str(folder / "data #1?%.json"), str(folder / "charter #?.yaml")]
    result = CliRunner().invoke(main, ["graph", "duties", *inputs, "-f", "markdown"])
    assert result.exit_code == 0, result.output
    text = result.output
    assert "\u202e" not in text and "\u200b" not in text and "\x00" not in text
    assert "19491231002X" not in text and "1234\u20605678" not in text
    rendered = markdown.markdown(text, extensions=["tables"])
    assert "110105****002X" in rendered and "138****5678" in rendered
    assert "<img" not in rendered and "<script" not in rendered and "<!--" not in rendered
    assert "&lt;img src=x onerror=" in rendered
    tables = sum(1 for line in text.splitlines() if line.startswith("|---|"))
    assert rendered.count("<table>") == tables > 0  # no value broke its table


def test_the_duty_lists_contents_stay_one_readable_column_on_a_phone(
    pages: dict[str, Path], browser: OfflineBrowser
) -> None:
    # three columns of 110 px on a phone, each name of 600 characters 700 px tall
    with browser.open(pages["duties-zh-CN"].as_uri(), width=375) as view:
        boxes = view.page.eval_on_selector_all(
            "nav li a",
            "els => els.map(e => { const r = e.getBoundingClientRect();"
            " return [r.left, r.height, e.title.length]; })",
        )
    assert len({round(left) for left, _, _ in boxes}) == 1  # one column
    assert max(height for _, height, _ in boxes) < 120
    assert max(whole for _, _, whole in boxes) > 600  # the whole name, as its tooltip


def test_every_label_of_a_chart_stays_inside_it(browser: OfflineBrowser, tmp_path: Path) -> None:
    # a bar's long label ran out of the left edge; a line's legend out of the right one
    # (the English assessment's "On-time response rate (24 hours) 100.0%" among them)
    from smartstd.webpage import BarItem, bar_chart, line_chart, page

    names = [
        "o" * 60,
        "d" * 60,
        "W" * 60,
        "ABCDEFGHIJKLMNOPQRSTUVWXYZ" * 2,
        "番禺区钟村街榕溪社区第一网格（东区）" * 2,
        "On-time response rate (24 hours)",
        "社区🏘️ é\u0301\u0301 Z\u0337\u0322a\u0338" * 8,
        PAYLOAD,
    ]
    bars = bar_chart([BarItem(n, 0.5) for n in names], width=440)
    lines = "".join(line_chart(["2026Q1", "2026Q2"], [(n, [0.5, 1.0])], width=560) for n in names)
    path = tmp_path / "charts.html"
    path.write_text(page("charts", bars + lines), "utf-8")
    with browser.open(path.as_uri()) as view:
        boxes = view.page.eval_on_selector_all(
            "svg.chart text",
            """els => els.map(t => { const b = t.getBBox();
                 return [t.textContent, b.x, b.x + b.width, t.ownerSVGElement.viewBox.baseVal.width]; })""",
        )
    outside = [(t, left, right) for t, left, right, width in boxes if left < 0 or right > width]
    assert boxes and outside == []
