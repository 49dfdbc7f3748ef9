"""The shared page shell: self-contained, escaped, and offline in a real browser."""

from __future__ import annotations

import json
import re
from pathlib import Path

from browser import offline_page
from smartstd.webpage import CSP, BarItem, bar_chart, data_script, esc, page, pick


def test_page_is_self_contained_and_forbids_the_network() -> None:
    html = page("标题 <x>", "<p>正文</p>", css="p{color:red}", script="var a=1;")
    assert html.startswith("<!DOCTYPE html>")
    assert '<html lang="zh-CN">' in html
    assert "<title>标题 &lt;x&gt;</title>" in html
    assert f'content="{CSP}"' in html
    assert "default-src 'none'" in CSP
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", html)


def test_english_on_request() -> None:
    assert '<html lang="en">' in page("t", "", lang="en")
    assert pick("en-GB", "中", "en") == "en"
    assert pick("zh-CN", "中", "en") == "中"


def test_data_script_cannot_close_its_element() -> None:
    hostile = {"x": "</script><script>alert(1)</script>", "y": "a&b\u2028"}
    text = data_script("d", hostile)
    assert text.count("</script>") == 1
    body = text[text.index(">") + 1 : text.rindex("<")]
    assert json.loads(body) == hostile


def test_bar_chart_escapes_labels_and_scales() -> None:
    svg = bar_chart([BarItem("<b>", 0.5), BarItem("全", 1.0)], maximum=1.0, target=0.8)
    assert "&lt;b&gt;" in svg and "<b>" not in svg
    widths = [float(w) for w in re.findall(r'<rect [^>]*width="([0-9.]+)"', svg)]
    assert widths[1] == 2 * widths[0] > 0
    assert "stroke-dasharray" in svg
    assert esc('"') == "&quot;"


def test_page_renders_offline_in_chromium(tmp_path: Path) -> None:
    body = "<h1>智慧社区</h1>" + bar_chart([BarItem("响应率", 0.9)], maximum=1.0)
    # a page that tries the network anyway: the CSP and the route both stop it
    body += '<img src="https://cdn.example.com/x.png" alt="">'
    path = tmp_path / "p.html"
    path.write_text(page("测试", body), encoding="utf-8")
    with offline_page(path.as_uri(), wait_for="svg.chart") as view:
        assert "智慧社区" in view.text()
        assert view.page.locator("svg.chart rect").count() == 1
        shot = view.screenshot(tmp_path / "p.png")
    assert shot.stat().st_size > 1000


def test_line_chart_breaks_on_missing_values_and_escapes() -> None:
    from smartstd.webpage import line_chart

    svg = line_chart(
        ["2026Q1", "2026Q2", "2026Q3"],
        [("<a>", [0.5, None, 1.0]), ("b", [0.2, 0.4, 0.6])],
        maximum=1.0,
        target=0.9,
    )
    assert "&lt;a&gt;" in svg and "<a>" not in svg
    assert svg.count("<polyline") == 3  # the first series is broken in two by its gap
    assert svg.count("<circle") == 5
    assert "stroke-dasharray" in svg
    ys = [float(y) for y in re.findall(r'<circle cx="[0-9.]+" cy="([0-9.]+)"', svg)]
    assert ys[0] > ys[1]  # 0.5 is drawn lower than 1.0


def test_esc_shows_hidden_characters_and_masks_personal_identifiers() -> None:
    assert esc("a\u202eevil\u202c\u200b\x00<b>") == "a\\u202eevil\\u202c\\u200b\\x00&lt;b&gt;"
    assert esc("电话 13812345678 身份证 11010519491231002X") == (
        "电话 138****5678 身份证 110105****002X"
    )
    assert esc("2026-06-30T18:00:00+08:00 obs-zc01-000001 91440101MA2R7J6E84") == (
        "2026-06-30T18:00:00+08:00 obs-zc01-000001 91440101MA2R7J6E84"
    )
    text = data_script("d", {"name": "13812345678 \u202e", "n": 13812345678, "k": ["\ud800"]})
    body = text[text.index(">") + 1 : text.rindex("<")]
    assert json.loads(body) == {"name": "138****5678 \u202e", "n": 13812345678, "k": ["\ud800"]}
    assert "\u202e" not in text and "\\u202e" in text
