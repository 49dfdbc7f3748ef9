"""Each SC6xx check: the clean charter passes, one change makes exactly that finding."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from graphdata import ON, Builder

from smartstd.catalogue import get_rule
from smartstd.graph import Charter, check_charter, iter_issues
from smartstd.graph.checks import CHECK_CODES, functional_cycles


def codes(b: Builder, **kw: Any) -> list[str]:
    return [f.code for f in check_charter(b.entities, on=ON, **kw)]


def test_the_clean_charter_has_no_finding(base: Builder) -> None:
    assert check_charter(base.entities, on=ON) == []


def test_an_empty_charter_has_no_finding(base: Builder) -> None:
    orgs = [e for e in base.entities if e["type"] == "Organization"]
    assert check_charter(orgs, on=ON) == []


# code -> (what breaks it, the pointer of the finding within the entity list)
BREAKS: dict[str, Callable[[Builder], Any]] = {
    "SC601": lambda b: b.remove("a-so"),
    "SC602": lambda b: b.assign("a-rc-a", "property_maintenance", "org-rc", "accountable"),
    "SC603": lambda b: b.remove("a-pm"),
    "SC604": lambda b: b.assign("a-rc-r", "property_maintenance", "org-rc", "responsible"),
    "SC605": lambda b: b.grant("g-1", "org-rc", delegated_from_id="g-2").grant(
        "g-2", "org-rc", delegated_from_id="g-1"
    ),
    "SC606": lambda b: b.grant(
        "g-sub", "org-rc", delegated_from_id="g-pm", actions=["read", "delete"]
    ),
    "SC607": lambda b: b.add(
        {
            "id": "cat-addr",
            "type": "DataCategory",
            "name": {"en": "Address"},
            "sensitivity": "personal",
            "steward_id": "org-so",
        }
    ).grant("g-addr", "org-so", data_category_id="cat-addr", legal_role="controller"),
    "SC608": lambda b: b.set(
        "cat-contact", sensitivity="sensitive_personal", sensitive_kind="whereabouts"
    ),
    "SC609": lambda b: b.set("g-pm", agreement_id=None),
    "SC610": lambda b: b.set("agr-pm", valid_until="2026-06-01"),
    "SC611": lambda b: b.assign(
        "a-so-r", "property_maintenance", "org-so", "responsible", lead=True
    ).add(
        {
            "id": "sep",
            "type": "DutySeparation",
            "duties": [
                {"domain_id": "property_maintenance", "role": "accountable"},
                {"domain_id": "property_maintenance", "role": "responsible"},
            ],
        }
    ),
    "SC612": lambda b: b.find("agr-pm")["benefits"].append(
        {"organization_id": "org-so", "kind": "data_access"}
    ),
    "SC613": lambda b: b.set("a-rc", role="informed"),
    "SC614": lambda b: b.find("agr-pm")["benefits"].pop(),
    "SC615": lambda b: b.add(
        {"id": "org-x", "type": "Organization", "name": {"en": "X"}, "kind": "enterprise"}
    ),
    "SC618": lambda b: b.set("a-rc", valid_from="2026-05-01", valid_until="2026-04-01"),
    "SC619": lambda b: b.add(
        {
            "id": "agr-solo",
            "type": "Agreement",
            "kind": "cooperation",
            "party_ids": ["org-so"],
            "benefits": [{"organization_id": "org-so", "kind": "public_service"}],
            "obligations": [{"organization_id": "org-so", "description": {"en": "x"}}],
        }
    ),
    "SC620": lambda b: (
        b.add(
            {"id": "d-a", "type": "ResponsibilityDomain", "name": {"en": "A"}, "parent_id": "d-a"},
        )
        .assign("a-da-a", "d-a", "org-so", "accountable")
        .assign("a-da-r", "d-a", "org-pm", "responsible")
        .assign("a-da-c", "d-a", "org-rc", "consulted")
    ),
    # a public-service domain led by the property manager
    "SC621": lambda b: (
        b.assign("a-ps-a", "public_safety", "org-pm", "accountable")
        .assign("a-ps-r", "public_safety", "org-so", "responsible")
        .assign("a-ps-c", "public_safety", "org-rc", "consulted")
    ),
    # the agreement signed after it took effect
    "SC622": lambda b: b.set("agr-pm", signed_at="2026-02-01"),
    # the agreement takes effect after the check date, its grant before it
    "SC623": lambda b: b.set("agr-pm", valid_from="2026-07-01", valid_until="2026-12-31"),
}


@pytest.mark.parametrize("code", sorted(BREAKS))
def test_each_check_finds_exactly_its_problem(base: Builder, code: str) -> None:
    BREAKS[code](base)
    found = codes(base)
    if code == "SC618":  # the assignment is never in force, so nobody is consulted any more
        assert found == ["SC613", "SC618"] or sorted(found) == ["SC613", "SC618"]
    elif code == "SC623":  # the grant begins before its agreement; it is not yet in force either
        assert sorted(found) == ["SC606", "SC623"] or found == ["SC623"]
    else:
        assert found == [code]


@pytest.mark.parametrize("code", sorted(BREAKS))
def test_messages_render_in_both_languages(base: Builder, code: str) -> None:
    BREAKS[code](base)
    for f in check_charter(base.entities, on=ON):
        for lang in ("en", "zh-CN"):
            text = f.message(lang)
            assert not re.search(r"\{[a-z_]+\}", text), (f.code, lang, text)


def test_every_check_code_is_in_the_catalogue_at_l3() -> None:
    for code in (*CHECK_CODES, "SC617"):
        rule = get_rule(code)
        assert rule.level.value == "L3"
        assert rule.bad
        assert rule.good


def test_a_domain_finding_sits_on_the_first_entity_that_names_a_core_domain(base: Builder) -> None:
    base.remove("a-so")
    (f,) = check_charter(base.entities, on=ON)
    assert f.pointer == "/entities/3/domain_id"  # a-pm, after the three organisations
    assert f.entity_type == "Assignment"
    assert f.entity_id == "a-pm"


def test_a_declared_sub_domain_inherits_its_parent_roles(base: Builder) -> None:
    base.add(
        {
            "id": "d-lifts",
            "type": "ResponsibilityDomain",
            "name": {"en": "Lifts"},
            "parent_id": "property_maintenance",
        }
    )
    assert codes(base) == []


def test_a_sub_domain_without_inherited_roles_is_reported_on_its_entity(base: Builder) -> None:
    base.add(
        {
            "id": "d-new",
            "type": "ResponsibilityDomain",
            "name": {"en": "New"},
            "affects_residents": False,
        }
    )
    found = check_charter(base.entities, on=ON)
    assert [(f.code, f.entity_id, f.pointer) for f in found] == [
        ("SC601", "d-new", f"/entities/{len(base.entities) - 1}"),
        ("SC603", "d-new", f"/entities/{len(base.entities) - 1}"),
    ]


def test_required_domains_adds_core_domains(base: Builder) -> None:
    found = check_charter(
        base.entities, on=ON, params={"SC601": {"required_domains": ["fire_safety"]}}
    )
    assert [(f.code, f.entity_id) for f in found] == [("SC601", "fire_safety")]
    everything = check_charter(base.entities, on=ON, params={"SC601": {"required_domains": ["*"]}})
    assert len(everything) == 13


def test_expired_assignments_do_not_count(base: Builder) -> None:
    base.set("a-so", valid_until="2026-03-31")
    assert codes(base) == ["SC601"]
    assert codes(base.set("a-so", valid_until=None).set("a-so", valid_from="2026-07-01")) == [
        "SC601"
    ]


def test_overlap_names_the_parties_and_the_domain(base: Builder) -> None:
    base.assign("a-rc-r", "property_maintenance", "org-rc", "responsible")
    (f,) = check_charter(base.entities, on=ON)
    assert f.params["domain"] == "property_maintenance"
    assert f.params["organizations"] == ("org-pm", "org-rc") or list(f.params["organizations"]) == [
        "org-pm",
        "org-rc",
    ]
    base.set("a-rc-r", lead=True)
    assert codes(base) == []
    base.set("a-pm", lead=True)
    assert codes(base) == ["SC604"]


def test_overlap_in_a_non_exclusive_domain_is_fine_unless_a_parameter_says_so(
    base: Builder,
) -> None:
    for d in ("a-so", "a-pm", "a-rc"):
        base.set(d, domain_id="community_affairs")
    base.set("pur-repair", domain_ids=["community_affairs"]).set(
        "agr-pm", domain_ids=["community_affairs"]
    )
    base.assign("a-x", "community_affairs", "org-rc", "responsible")
    assert codes(base) == []
    assert codes(base, params={"SC604": {"exclusive_domains": ["community_affairs"]}}) == ["SC604"]


def test_delegation_breach_names_every_wider_dimension(base: Builder) -> None:
    base.grant(
        "g-sub",
        "org-rc",
        delegated_from_id="g-pm",
        actions=["read", "share"],
        purpose_id="pur-other",
        valid_from="2025-06-01",
        valid_until=None,
        legal_basis="consent",
    )
    base.add(
        {
            "id": "pur-other",
            "type": "Purpose",
            "name": {"en": "Other"},
            "data_category_ids": ["cat-contact"],
        }
    )
    found = {f.code: f for f in check_charter(base.entities, on=ON)}
    assert list(found["SC606"].params["wider"]) == ["actions", "purposes", "time"]
    detail = found["SC606"].params["detail"]
    assert "share" in detail
    assert "valid_from" in detail
    assert "valid_until" in detail


def test_delegation_to_another_category_is_wider_in_categories(base: Builder) -> None:
    base.add(
        {"id": "cat-b", "type": "DataCategory", "name": {"en": "B"}, "sensitivity": "internal"}
    )
    base.find("pur-repair")["data_category_ids"].append("cat-b")
    base.grant(
        "g-sub",
        "org-rc",
        delegated_from_id="g-pm",
        data_category_id="cat-b",
        valid_from="2026-01-01",
        valid_until="2026-12-31",
    )
    (f,) = [f for f in check_charter(base.entities, on=ON) if f.code == "SC606"]
    assert list(f.params["wider"]) == ["categories"]


def test_a_narrower_delegation_is_fine(base: Builder) -> None:
    base.grant(
        "g-sub",
        "org-rc",
        delegated_from_id="g-pm",
        valid_from="2026-02-01",
        valid_until="2026-06-30",
    )
    assert codes(base) == []


def test_cycle_names_every_member_once(base: Builder) -> None:
    for i in range(5):
        base.grant(f"g-{i}", "org-rc", delegated_from_id=f"g-{(i + 1) % 5}")
    base.grant("g-tail", "org-rc", delegated_from_id="g-3")  # leads into the cycle, is not in it
    found = [f for f in check_charter(base.entities, on=ON) if f.code == "SC605"]
    assert len(found) == 1
    assert sorted(found[0].params["members"]) == [f"g-{i}" for i in range(5)]
    assert found[0].params["length"] == 5


def test_purpose_not_declared_by_the_agreement(base: Builder) -> None:
    base.add(
        {
            "id": "pur-b",
            "type": "Purpose",
            "name": {"en": "B"},
            "data_category_ids": ["cat-contact"],
        }
    )
    base.set("g-pm", purpose_id="pur-b")
    (f,) = check_charter(base.entities, on=ON)
    assert (f.code, f.params["declared_by"]) == ("SC607", "agr-pm")


def test_category_not_covered_by_the_agreement(base: Builder) -> None:
    base.set("agr-pm", data_category_ids=["cat-other"])
    found = list(check_charter(base.entities, on=ON, references=False))
    assert [(f.code, f.pointer, f.params["declared_by"]) for f in found] == [
        ("SC607", "/entities/8/data_category_id", "agr-pm")
    ]


def test_sensitive_basis_contract_is_not_enough_but_consent_is(base: Builder) -> None:
    base.set("cat-contact", sensitivity="sensitive_personal", sensitive_kind="biometric")
    (f,) = check_charter(base.entities, on=ON)
    assert (f.code, f.params["basis"], f.pointer) == (
        "SC608",
        "contract",
        "/entities/8/legal_basis",
    )
    base.set("g-pm", legal_basis="consent")
    assert codes(base) == []
    assert (
        codes(
            base.set("g-pm", legal_basis="contract"),
            params={"SC608": {"sensitive_bases": ["contract"]}},
        )
        == []
    )


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ({"agreement_id": None}, "missing"),
        ({"agreement_id": "agr-none"}, "unknown"),
    ],
)
def test_processor_agreement_reasons(base: Builder, change: dict[str, Any], reason: str) -> None:
    base.set("g-pm", **change)
    found = [f for f in check_charter(base.entities, on=ON) if f.code == "SC609"]
    assert [f.params["reason"] for f in found] == [reason]


def test_processor_agreement_of_the_wrong_kind_or_without_the_holder(base: Builder) -> None:
    base.set("agr-pm", kind="cooperation")
    assert [
        f.params["reason"] for f in check_charter(base.entities, on=ON) if f.code == "SC609"
    ] == ["wrong-kind"]
    base.set("agr-pm", kind="data_processing", party_ids=["org-so", "org-rc"])
    found = [f.params["reason"] for f in check_charter(base.entities, on=ON) if f.code == "SC609"]
    assert found == ["not-a-party"]


def test_joint_controller_needs_a_joint_control_agreement(base: Builder) -> None:
    base.set("g-pm", legal_role="joint_controller")
    assert [
        f.params["reason"] for f in check_charter(base.entities, on=ON) if f.code == "SC609"
    ] == ["wrong-kind"]
    base.set("agr-pm", kind="joint_control")
    assert codes(base) == []


def test_assignment_outliving_its_agreement(base: Builder) -> None:
    base.set("a-pm", agreement_id="agr-pm")
    base.set("agr-pm", valid_until="2026-12-31")
    assert codes(base) == ["SC610"]  # a-pm has no end, the agreement ends
    base.set("a-pm", valid_until="2026-12-31")
    assert codes(base) == []


def test_duty_separation_with_at_most_k(base: Builder) -> None:
    base.add(
        {
            "id": "sep",
            "type": "DutySeparation",
            "max_held": 2,
            "duties": [
                {"domain_id": "property_maintenance", "role": "accountable"},
                {"domain_id": "property_maintenance", "role": "consulted"},
                {"domain_id": "property_maintenance", "role": "informed"},
            ],
        }
    )
    assert codes(base) == []
    base.assign("a-so-c", "property_maintenance", "org-so", "consulted").assign(
        "a-so-i", "property_maintenance", "org-so", "informed"
    )
    (f,) = check_charter(base.entities, on=ON)
    assert (f.code, f.params["held"], f.params["max_held"]) == ("SC611", 3, 2)


def test_beneficiary_of_a_sub_domain_via_the_benefit_domains(base: Builder) -> None:
    base.find("agr-pm")["benefits"][0] = {
        "organization_id": "org-so",
        "kind": "revenue",
        "domain_ids": ["property_maintenance"],
    }
    (f,) = check_charter(base.entities, on=ON)
    assert (f.code, f.params["benefit"], f.params["domain"]) == (
        "SC612",
        "revenue",
        "property_maintenance",
    )
    assert f.severity.value == "warning"


def test_residents_may_take_part_as_responsible(base: Builder) -> None:
    base.set("a-rc", role="responsible", lead=True)
    base.set("a-pm", lead=False)
    assert codes(base) == []


def test_domains_that_do_not_affect_residents_need_no_residents(base: Builder) -> None:
    base.add(
        {
            "id": "property_maintenance",
            "type": "ResponsibilityDomain",
            "name": {"en": "PM"},
            "affects_residents": False,
        }
    )
    base.set("a-rc", role="informed")
    assert codes(base) == []


def test_party_missing_both_benefits_and_obligations(base: Builder) -> None:
    base.find("agr-pm")["party_ids"].append("org-rc")
    (f,) = check_charter(base.entities, on=ON)
    assert f.code == "SC614"
    assert list(f.params["missing"]) == ["benefits", "obligations"]
    assert "收益和义务" in f.message("zh-CN")


def test_a_parent_organisation_is_not_an_orphan(base: Builder) -> None:
    base.add(
        {
            "id": "org-district",
            "type": "Organization",
            "name": {"en": "District"},
            "kind": "district_government",
        }
    )
    base.set("org-so", parent_id="org-district")
    assert codes(base) == []


def test_dangling_references_are_sc202_when_asked(base: Builder) -> None:
    base.set("a-rc", organization_id="org-nobody")
    found = check_charter(base.entities, on=ON)
    assert ("SC202", "/entities/5/organization_id") in [(f.code, f.pointer) for f in found]
    assert "SC202" not in [f.code for f in check_charter(base.entities, on=ON, references=False)]


def test_select_and_severities(base: Builder) -> None:
    base.remove("a-so").remove("a-pm")
    assert codes(base, select=["SC603"]) == ["SC603"]
    (f,) = check_charter(base.entities, on=ON, select=["SC601"], severities={"SC601": "warning"})
    assert f.severity.value == "warning"


def test_iter_issues_on_a_charter_object(base: Builder) -> None:
    charter = Charter.from_entities(base.remove("a-so").entities, as_of=ON)
    assert [i.code for i in iter_issues(charter)] == ["SC601"]


def test_functional_cycles() -> None:
    assert functional_cycles({}) == []
    assert functional_cycles({"a": "a"}) == [["a"]]
    assert functional_cycles({"b": "c", "c": "b", "a": "b", "x": "y", "y": None}) == [["b", "c"]]
    assert functional_cycles({"a": "missing"}) == []
