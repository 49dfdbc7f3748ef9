"""Change impact between two charters."""

from __future__ import annotations

import datetime as dt

from graphdata import Builder

from smartstd.graph import diff


def test_no_change(base: Builder) -> None:
    d = diff(base.entities, Builder().entities)
    assert not d.changed
    assert d.text("en") == "No access path, role, benefit or obligation changed.\n"
    assert d.to_dict() == {
        "on": None,
        "changed": False,
        "gained": [],
        "lost": [],
        "role_changes": [],
        "benefit_changes": [],
        "obligation_changes": [],
        "unbalanced": [],
    }


def test_a_new_agreement_shows_what_it_really_grants(base: Builder) -> None:
    new = Builder()
    new.add(
        {"id": "org-vendor", "type": "Organization", "name": {"en": "Vendor"}, "kind": "enterprise"}
    )
    new.find("agr-pm")["party_ids"].append("org-vendor")
    # the vendor is a sub-processor of the property company, and may share
    new.grant(
        "g-vendor",
        "org-vendor",
        delegated_from_id="g-pm",
        legal_role="sub_processor",
        agreement_id="agr-pm",
        actions=["read", "share"],
        valid_from="2026-01-01",
        valid_until="2026-12-31",
    )
    d = diff(base.entities, new.entities)
    # only read gets through: share is wider than the source grant
    assert [(p.organization, p.action, p.category, p.purpose, p.via) for p in d.gained] == [
        ("org-vendor", "read", "cat-contact", "pur-repair", "g-vendor"),
    ]
    assert d.lost == ()
    assert "+ org-vendor may read cat-contact for pur-repair (via g-vendor)" in d.text("en")
    assert "org-vendor 可为 pur-repair 对 cat-contact 执行 read" in d.to_markdown("zh-CN")


def test_lost_paths_and_changed_accountable_parties(base: Builder) -> None:
    new = Builder()
    new.set("a-so", organization_id="org-rc").set("g-pm", actions=[])
    new.find("g-pm")["actions"] = ["write"]
    d = diff(base.entities, new.entities)
    assert [(p.organization, p.action) for p in d.lost] == [("org-pm", "read")]
    assert [(p.organization, p.action) for p in d.gained] == [("org-pm", "write")]
    (change,) = d.accountable_changes
    assert (change.domain, change.before, change.after) == (
        "property_maintenance",
        ("org-so",),
        ("org-rc",),
    )
    assert "property_maintenance accountable: org-so → org-rc" in d.text("en")
    md = d.to_markdown("en")
    assert "## Changed accountable parties (1)" in md
    data = d.to_dict()
    assert data["role_changes"][0]["after"] == ["org-rc"]


def test_on_a_date(base: Builder) -> None:
    new = Builder()
    new.set("g-pm", valid_until="2026-03-31")
    assert not diff(base.entities, new.entities).changed  # dates ignored
    d = diff(base.entities, new.entities, on=dt.date(2026, 6, 30))
    assert [p.via for p in d.lost] == ["g-pm"]
    assert d.on == dt.date(2026, 6, 30)
