"""Duty lists (责任清单): Markdown, JSON and a printable page that renders offline with Chinese."""

from __future__ import annotations

import json
import os
from pathlib import Path

from click.testing import CliRunner

import smartstd
from browser import offline_page
from smartstd.cli import main
from smartstd.graph import duties

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "guangzhou-panyu"
FILES = [str(EXAMPLE / "dataset.json"), str(EXAMPLE / "charter.yaml")]


def _lists() -> smartstd.graph.DutyList:
    return duties(smartstd.load(FILES))


def test_every_organisation_has_its_duties_in_both_languages() -> None:
    lists = _lists()
    assert len(lists.organizations) == 21
    rc = next(o for o in lists.organizations if o.id == "org-zc01-rc")
    assert rc.name == {"zh-CN": "榕溪社区居民委员会", "en": "Rongxi Community Residents' Committee"}
    assert {r["role"] for r in rc.roles} == {"responsible", "consulted"}
    assert {b["agreement"] for b in rc.benefits} == {"agr-zc-dpa", "agr-zc01-property"}
    assert rc.obligations and rc.agreements
    vendor = next(o for o in lists.organizations if o.id == "org-vendor")
    assert vendor.grants and all(g["legal_role"] for g in vendor.grants)
    zh, en = lists.to_markdown(), lists.to_markdown("en")
    assert "# 责任清单" in zh and "## 榕溪社区居民委员会" in zh and "### 数据授权" in zh
    assert "# Duty list" in en and "## Rongxi Community Residents' Committee" in en
    data = json.loads(json.dumps(lists.to_dict(), ensure_ascii=False))
    assert data["organizations"][0]["name"]["zh-CN"]


def test_a_role_resting_on_an_agreement_not_yet_in_force_is_not_listed() -> None:
    ds = smartstd.load(FILES)
    entities = [e.model_copy() for e in ds.entities]
    for i, e in enumerate(entities):
        if e.type == "Agreement" and e.id == "agr-district-cooperation":
            entities[i] = e.model_copy(
                update={"valid_from": e.valid_from.replace(year=2026, month=9)}
            )
    vendor = duties(entities, on=ds.generated_at.date(), organizations=["org-vendor"])
    assert vendor.organizations[0].roles == ()


def test_graph_duties_cli(tmp_path: Path) -> None:
    run = CliRunner().invoke
    out = tmp_path / "d.md"
    result = run(main, ["graph", "duties", *FILES, "--org", "org-zc-street-office", "-o", str(out)])
    assert result.exit_code == 0, result.output
    text = out.read_text("utf-8")
    assert "番禺区钟村街道办事处" in text and "榕溪社区居民委员会" not in text.split("\n")[4]
    bad = run(main, ["graph", "duties", *FILES, "--org", "org-nope"])
    assert bad.exit_code == 2 and "org-nope" in bad.output
    en = run(main, ["graph", "duties", *FILES, "-f", "json", "--lang", "en"])
    assert en.exit_code == 0 and json.loads(en.output)["organizations"]


def test_the_duty_list_page_renders_offline_with_chinese(tmp_path: Path) -> None:
    # SMARTSTD_SCREENSHOTS=folder keeps the screenshot to look at
    shots = Path(os.environ.get("SMARTSTD_SCREENSHOTS") or tmp_path)
    lists = _lists()
    path = tmp_path / "duties.html"
    result = CliRunner().invoke(main, ["graph", "duties", *FILES, "-f", "html", "-o", str(path)])
    assert result.exit_code == 0, result.output
    with offline_page(path.as_uri(), wait_for="section.org") as view:
        text = view.text()
        names = view.page.eval_on_selector_all("h2.org-name", "els => els.map(e => e.innerText)")
        view.screenshot(shots / "duties-zh.png", full_page=False)
        assert view.blocked == [] and view.console_errors == []
    assert "责任清单" in text and "职责领域与角色" in text
    for org in lists.organizations:
        assert org.name["zh-CN"] in names
        assert org.name["zh-CN"] in text
    # the page draws the Chinese glyphs (a missing font shows boxes): each heading has a width
    assert (shots / "duties-zh.png").stat().st_size > 10_000
    en = tmp_path / "duties-en.html"
    en.write_text(lists.to_html("en"), "utf-8")
    with offline_page(en.as_uri(), wait_for="section.org") as view:
        assert "Duty list" in view.text()
        assert "Panyu District Civil Affairs Bureau" in view.text()
