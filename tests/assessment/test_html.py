"""The published HTML report in headless Chromium with the network cut."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from browser import offline_page
from smartstd.assessment import assess
from smartstd.assessment.formats import fmt_value
from smartstd.assessment.html import to_html

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "guangzhou-panyu"
BY = ["category", "channel", "grid", "community"]


@pytest.mark.parametrize("lang", ["zh-CN", "en"])
def test_the_report_renders_offline_with_every_value(lang: str, tmp_path: Path) -> None:
    a = assess(EXAMPLE, pilot="pilot-440113-scds", by=BY)
    html = to_html(a, lang)
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", html)
    path = tmp_path / f"assessment.{lang}.html"
    path.write_text(html, encoding="utf-8")
    with offline_page(path.as_uri(), wait_for="svg.chart") as view:
        assert view.blocked == [] and view.console_errors == []
        assert view.page.locator("svg.chart").count() >= 12  # bars and lines drawn
        assert view.page.locator("svg.chart.line polyline").count() >= 1
        text = view.text()
        for r in a.results:
            kind = a.indicator(r.code)["kind"]
            if kind == "distribution":
                continue
            card = view.page.locator(f'.card[data-code="{r.code}"] .v')
            assert card.inner_text() == fmt_value(r.value, a.indicator(r.code)["unit"]), r.code
            assert a.indicator(r.code)["title"]["en" if lang == "en" else "zh-CN"] in text
        missed = view.page.locator(".card.missed")
        assert missed.count() == 1
        assert missed.get_attribute("data-code") == "mean_satisfaction"
        heading = "The three rates" if lang == "en" else "诉求办理三率"
        assert heading in text
        shot = view.screenshot(tmp_path / f"assessment.{lang}.png")
    assert shot.stat().st_size > 20_000
