"""Questions with answers and reasons: who, RACI, explain (in both languages)."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from graphdata import ON, Builder

from smartstd.graph import explain, raci, who


def test_who_answers_with_reasons(base: Builder) -> None:
    holders = who(base.entities, "property_maintenance", on=ON)
    assert [(h.role, h.organization) for h in holders] == [
        ("accountable", "org-so"),
        ("responsible", "org-pm"),
        ("consulted", "org-rc"),
    ]
    assert (
        holders[0].reason("en")
        == "Zhongcun Street Office (org-so) is accountable for property_maintenance (assignment a-so)"
    )
    assert holders[0].reason("zh-CN") == (
        "钟村街道办事处 (org-so) 是 property_maintenance 的负责方（A）（分工 a-so）"
    )
    assert who(base.entities, "property_maintenance", "informed", on=ON) == []
    assert who(base.entities, "fire_safety", on=ON) == []
    with pytest.raises(ValueError, match="unknown role"):
        who(base.entities, "fire_safety", "boss")


def test_who_inherits_from_the_parent_and_says_so(base: Builder) -> None:
    base.add(
        {
            "id": "d-lifts",
            "type": "ResponsibilityDomain",
            "name": {"en": "Lifts"},
            "parent_id": "property_maintenance",
        }
    )
    base.assign("a-lifts", "d-lifts", "org-rc", "responsible", valid_from="2026-01-01", lead=True)
    holders = {h.role: h for h in who(base.entities, "d-lifts", on=ON)}
    assert holders["responsible"].organization == "org-rc"
    assert not holders["responsible"].inherited
    assert holders["accountable"].organization == "org-so"
    assert holders["accountable"].inherited
    assert "inherited from property_maintenance" in holders["accountable"].reason("en")
    assert "沿用上级领域 property_maintenance" in holders["accountable"].reason("zh-CN")
    assert "2026-01-01 – …" in holders["responsible"].reason("en")
    assert "lead" in holders["responsible"].reason("en")
    assert holders["accountable"].to_dict("en")["inherited"] is True


def test_raci_matrix_as_table_markdown_and_csv(base: Builder) -> None:
    base.assign("a-so-i", "fire_safety", "org-so", "accountable").assign(
        "a-pm-r", "fire_safety", "org-pm", "responsible", lead=True
    )
    m = raci(base.entities, on=ON)
    assert m.domains == ("fire_safety", "property_maintenance")  # the standard's order
    assert m.organizations == ("org-pm", "org-rc", "org-so")
    assert m.cell("fire_safety", "org-pm") == "R*"
    assert m.cell("fire_safety", "org-rc") == ""
    rows = list(csv.reader(io.StringIO(m.to_csv())))
    assert rows[0] == [
        "domain",
        "name",
        "Hanxi Property Services (org-pm)",
        "Hanxi Residents' Committee (org-rc)",
        "Zhongcun Street Office (org-so)",
    ]
    assert rows[2] == ["property_maintenance", "Property maintenance", "R", "C", "A"]
    md = m.to_markdown("zh-CN")
    assert md.splitlines()[0] == (
        "| 领域 | 名称 | 汉溪物业 (org-pm) | 汉溪社区居委会 (org-rc) | 钟村街道办事处 (org-so) |"
    )
    assert "| fire_safety | 消防安全 | R* |  | A |" in md
    text = m.to_text("zh-CN")
    assert "物业维护" in text
    assert text.splitlines()[0].split()[2:] == ["org-pm", "org-rc", "org-so"]
    assert (
        "org-so                钟村街道办事处" in text or "钟村街道办事处" in text.splitlines()[-1]
    )
    assert m.to_dict()["organization_names"]["org-so"] == {
        "zh-CN": "钟村街道办事处",
        "en": "Zhongcun Street Office",
    }
    assert m.to_dict()["cells"][0] == {
        "domain": "fire_safety",
        "organization": "org-pm",
        "roles": "R*",
    }


def test_raci_rows_put_sub_domains_under_their_parents(base: Builder) -> None:
    base.add(
        {"id": "d-a", "type": "ResponsibilityDomain", "name": {"en": "A"}, "parent_id": "health"},
        {
            "id": "d-b",
            "type": "ResponsibilityDomain",
            "name": {"en": "B"},
            "parent_id": "property_maintenance",
        },
        {"id": "d-c", "type": "ResponsibilityDomain", "name": {"en": "C"}, "parent_id": "d-b"},
        {"id": "d-x", "type": "ResponsibilityDomain", "name": {"en": "X"}, "parent_id": "d-y"},
        {"id": "d-y", "type": "ResponsibilityDomain", "name": {"en": "Y"}, "parent_id": "d-x"},
    )
    assert raci(base.entities, on=ON).domains == (
        "property_maintenance",
        "d-b",
        "d-c",
        "health",
        "d-a",
        "d-x",
        "d-y",
    )


def test_raci_joins_several_roles_of_one_party(base: Builder) -> None:
    base.assign("a-so-r", "property_maintenance", "org-so", "responsible")
    assert raci(base.entities, on=ON).cell("property_maintenance", "org-so") == "A/R"


def test_explain_yes_with_the_whole_chain(base: Builder) -> None:
    e = explain(base.entities, "org-pm", "read", "cat-contact", "pur-repair", on=ON)
    assert e.allowed
    assert e.missing is None
    assert e.chain == ("g-pm",)
    codes = [s.code for s in e.steps]
    assert codes == ["grant", "action", "purpose-declares", "in-force", "agreement", "root"]
    en, zh = e.text("en"), e.text("zh-CN")
    assert en.startswith(
        "Yes: org-pm may read data category cat-contact for purpose pur-repair on 2026-06-30."
    )
    assert "rests on agreement agr-pm" in en
    assert zh.startswith(
        "是：org-pm 可以在 2026-06-30 为目的 pur-repair 读取数据类别 cat-contact。"
    )
    assert "依据协议 agr-pm" in zh
    d = e.to_dict("en")
    assert d["allowed"] is True
    assert d["answer"]["zh-CN"].startswith("是")


def test_explain_through_a_delegation(base: Builder) -> None:
    base.grant(
        "g-rc",
        "org-rc",
        delegated_from_id="g-pm",
        valid_from="2026-03-01",
        valid_until="2026-09-30",
    )
    e = explain(base.entities, "org-rc", "read", "cat-contact", on=ON)
    assert e.allowed
    assert e.chain == ("g-rc", "g-pm")
    assert "grant g-rc is delegated from g-pm, held by org-pm" in e.text("en")
    assert "授权 g-rc 由 g-pm（org-pm 持有）转授" in e.text("zh-CN")
    later = explain(base.entities, "org-rc", "read", "cat-contact", on=dt.date(2026, 10, 1))
    assert not later.allowed
    assert later.missing is not None
    assert later.missing.code == "not-in-force"


@pytest.mark.parametrize(
    ("org", "action", "category", "purpose", "on", "missing"),
    [
        ("org-rc", "read", "cat-contact", None, ON, "no-grant"),
        ("org-nobody", "read", "cat-contact", None, ON, "unknown-organization"),
        ("org-pm", "share", "cat-contact", None, ON, "action-missing"),
        ("org-pm", "read", "cat-contact", "pur-other", ON, "purpose-mismatch"),
        ("org-pm", "read", "cat-contact", None, dt.date(2027, 1, 1), "not-in-force"),
    ],
)
def test_explain_no_names_the_missing_link(
    base: Builder,
    org: str,
    action: str,
    category: str,
    purpose: str | None,
    on: dt.date,
    missing: str,
) -> None:
    e = explain(base.entities, org, action, category, purpose, on=on)
    assert not e.allowed
    assert e.missing is not None
    assert e.missing.code == missing
    assert ("Missing link: " + e.missing.text("en")) in e.text("en")
    assert ("缺失环节：" + e.missing.text("zh-CN")) in e.text("zh-CN")
    assert e.text("zh-CN").startswith("否：")


@pytest.mark.parametrize(
    ("change", "missing"),
    [
        (lambda b: b.set("pur-repair", data_category_ids=[]), "purpose-undeclared"),
        (lambda b: b.set("g-pm", agreement_id=None), "agreement-required"),
        (lambda b: b.set("g-pm", agreement_id="agr-none"), "agreement-unknown"),
        (lambda b: b.set("agr-pm", party_ids=["org-so", "org-rc"]), "agreement-not-party"),
        (lambda b: b.set("agr-pm", valid_until="2026-05-31"), "agreement-not-in-force"),
        (lambda b: b.set("agr-pm", purpose_ids=["pur-x"]), "agreement-purpose"),
        (lambda b: b.set("agr-pm", data_category_ids=["cat-x"]), "agreement-category"),
        (lambda b: b.set("cat-contact", sensitivity="sensitive_personal"), "basis-missing"),
        (
            lambda b: b.set("g-pm", valid_from="2026-12-31", valid_until="2026-01-01"),
            "never-in-force",
        ),
        (lambda b: b.set("g-pm", delegated_from_id="g-pm"), "cycle"),
        (lambda b: b.set("g-pm", delegated_from_id="g-gone"), "source-unknown"),
    ],
)
def test_explain_every_kind_of_missing_link(base: Builder, change: object, missing: str) -> None:
    change(base)  # type: ignore[operator]
    e = explain(base.entities, "org-pm", "read", "cat-contact", on=ON)
    assert not e.allowed
    assert e.missing is not None
    assert e.missing.code == missing, e.text("en")
    assert "{" not in e.text("en")
    assert "{" not in e.text("zh-CN")


def test_explain_source_of_another_category(base: Builder) -> None:
    base.add(
        {"id": "cat-b", "type": "DataCategory", "name": {"en": "B"}, "sensitivity": "internal"}
    )
    base.find("pur-repair")["data_category_ids"].append("cat-b")
    base.grant("g-b", "org-rc", data_category_id="cat-b", delegated_from_id="g-pm")
    e = explain(base.entities, "org-rc", "read", "cat-b", on=ON)
    assert e.missing is not None
    assert e.missing.code == "category-mismatch"


def test_explain_prefers_the_grant_that_holds(base: Builder) -> None:
    base.grant(
        "g-pm-2",
        "org-pm",
        actions=["read", "share"],
        legal_role="controller",
        legal_basis="legal_obligation",
    )
    e = explain(base.entities, "org-pm", "share", "cat-contact", on=ON)
    assert e.allowed
    assert e.chain == ("g-pm-2",)
    no = explain(base.entities, "org-pm", "delete", "cat-contact", on=ON)
    assert not no.allowed
    assert no.alternatives == 1
    assert "1 other grant(s)" in no.text("en")
    assert "另有 1 项授权" in no.text("zh-CN")


def test_explain_any_action_and_any_date(base: Builder) -> None:
    e = explain(base.entities, "org-pm", None, "cat-contact", on=ON)
    assert e.allowed
    assert "process data category" in e.headline("en")
