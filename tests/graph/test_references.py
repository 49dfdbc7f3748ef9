"""SC202 and SC203 are one implementation: the charter's checks and the engine agree."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from graphdata import ON, Builder

from smartstd import check
from smartstd.graph import as_charter, check_charter
from smartstd.graph._references import references
from smartstd.rules.sc2.references import (
    mistyped,
    references_of,
    resolves_without_entity,
    unresolved,
    unresolved_in_tables,
)

CHARTER_TYPES = (
    "Organization",
    "ResponsibilityDomain",
    "Assignment",
    "DataCategory",
    "Purpose",
    "DataAccessGrant",
    "Agreement",
    "DutySeparation",
)


def _dangling_everywhere() -> Builder:
    """The clean charter with every kind of charter reference naming something absent."""
    b = Builder()
    b.set("org-rc", parent_id="org-ghost")
    b.set("a-rc", organization_id="org-nobody", domain_id="dom-ghost", agreement_id="agr-ghost")
    b.set("cat-contact", steward_id="org-ghost")
    b.set("pur-repair", domain_ids=["property_maintenance", "dom-ghost"])
    b.set("pur-repair", data_category_ids=["cat-contact", "cat-ghost"])
    b.set(
        "g-pm",
        organization_id="org-ghost",
        data_category_id="cat-ghost",
        purpose_id="pur-ghost",
        agreement_id="agr-ghost",
        delegated_from_id="g-ghost",
    )
    agr = b.find("agr-pm")
    agr["party_ids"] = ["org-so", "org-ghost"]
    agr["domain_ids"] = ["dom-ghost"]
    agr["purpose_ids"] = ["pur-ghost"]
    agr["data_category_ids"] = ["cat-ghost"]
    agr["benefits"][1]["organization_id"] = "org-ghost"
    agr["benefits"][0]["domain_ids"] = ["resident_data", "dom-ghost"]
    agr["obligations"][0]["organization_id"] = "org-ghost"
    b.add(
        {
            "id": "dom-sub",
            "type": "ResponsibilityDomain",
            "name": {"en": "Sub"},
            "parent_id": "dom-ghost",
        },
        {
            "id": "sep-1",
            "type": "DutySeparation",
            "duties": [
                {"domain_id": "property_maintenance", "role": "responsible"},
                {"domain_id": "dom-ghost", "role": "accountable"},
            ],
            "max_held": 1,
        },
    )
    return b


def _sc202(findings: Any) -> set[tuple[Any, ...]]:
    return {
        (f.entity_type, f.entity_id, f.params["field"], f.params["target"], f.params["expected"])
        for f in findings
        if f.code == "SC202"
    }


def test_the_charter_and_the_engine_report_the_same_sc202(tmp_path: Path) -> None:
    b = _dangling_everywhere()
    folder = b.write(tmp_path / "charter")
    from_engine = _sc202(check([str(folder)]).findings)
    from_charter = _sc202(check_charter(b.entities, on=ON))
    assert from_charter == from_engine
    # every reference field of every charter type was exercised (with its list index)
    fields = {(t, f.split(".")[0]) for t, _, f, _, _ in from_charter}
    charter_refs = {
        (t, ref.path[0])
        for t in CHARTER_TYPES
        for ref in references_of(t)
        if ref.types != ("Community",)
    }
    assert fields == charter_refs
    assert (
        "Agreement",
        "agr-pm",
        "benefits.0.domain_ids.1",
        "dom-ghost",
        "ResponsibilityDomain",
    ) in (from_charter)
    # a core domain resolves without an entity, in both
    assert not any(target == "resident_data" for *_, target, _ in from_charter)


def test_the_index_columns_change_nothing() -> None:
    charter = as_charter(_dangling_everywhere().entities, as_of=ON)
    tables: dict[str, Any] = {t: {} for t in CHARTER_TYPES}
    for entity in charter.entities():
        tables[entity.type][entity.id] = entity
    read_here = [
        (t, eid, h.path, dict(h.params)) for t, eid, h in unresolved_in_tables(tables, tables)
    ]
    from_index = [(i.entity_type, i.entity_id, i.path, dict(i.params)) for i in references(charter)]
    assert read_here == from_index
    assert len(read_here) == 21  # one per reference set in _dangling_everywhere


def test_references_outside_the_tables_known_are_not_judged() -> None:
    charter = as_charter(Builder().entities, as_of=ON)
    org = next(iter(charter.organizations.values())).model_copy(
        update={"community_ids": ["c-unknown"], "parent_id": "org-unknown"}
    )
    tables = {"Organization": {org.id: org}}
    found = [h.params["field"] for _, _, h in unresolved_in_tables(tables, tables)]
    assert found == ["parent_id"]  # community_ids names a Community: out of a charter's scope


def test_the_hit() -> None:
    hit = unresolved(("benefits", 0, "organization_id"), "org-x", ("Organization",))
    assert hit.code == "SC202"
    assert dict(hit.params) == {
        "field": "benefits.0.organization_id",
        "target": "org-x",
        "expected": "Organization",
    }
    assert resolves_without_entity("resident_data", ("ResponsibilityDomain",))
    assert not resolves_without_entity("resident_data", ("Organization",))
    assert not resolves_without_entity("dom-x", ("ResponsibilityDomain",))


def _sc203(findings: Any) -> set[tuple[Any, ...]]:
    return {
        (
            f.entity_type,
            f.entity_id,
            f.params["field"],
            f.params["target"],
            f.params["expected"],
            f.params["actual"],
        )
        for f in findings
        if f.code == "SC203"
    }


def test_a_reference_to_another_type_is_sc203_in_both(tmp_path: Path) -> None:
    """An id of the charter's that is not of the type the field takes: mistyped, not missing."""
    b = Builder()
    b.set("a-rc", organization_id="cat-contact")  # a data category, not an organisation
    b.set("pur-repair", data_category_ids=["cat-contact", "org-so"])  # an organisation
    folder = b.write(tmp_path / "charter")
    from_engine = _sc203(check([str(folder)]).findings)
    from_charter = _sc203(check_charter(b.entities, on=ON))
    assert from_charter == from_engine
    assert {(t, field, target, actual) for t, _, field, target, _, actual in from_charter} == {
        ("Assignment", "organization_id", "cat-contact", "DataCategory"),
        ("Purpose", "data_category_ids.1", "org-so", "Organization"),
    }
    assert not _sc202(check_charter(b.entities, on=ON))  # none of them is missing
    # --select SC203 alone, and SC202 alone, keep to their own code
    only = check_charter(b.entities, on=ON, select=["SC203"])
    assert {f.code for f in only} == {"SC203"}
    assert check_charter(b.entities, on=ON, select=["SC202"]) == []


def test_the_sc203_hit() -> None:
    hit = mistyped(("benefits", 0, "organization_id"), "cat-x", "Organization", "DataCategory")
    assert hit.code == "SC203"
    assert dict(hit.params) == {
        "field": "benefits.0.organization_id",
        "target": "cat-x",
        "expected": "Organization",
        "actual": "DataCategory",
    }


def test_an_id_of_several_other_types_names_them_in_the_standards_order() -> None:
    charter = as_charter(Builder().entities, as_of=ON)
    tables: dict[str, Any] = {t: {} for t in CHARTER_TYPES}
    for entity in charter.entities():
        tables[entity.type][entity.id] = entity
    assignment = next(iter(tables["Assignment"].values()))
    purpose = next(iter(tables["Purpose"].values()))
    category = next(iter(tables["DataCategory"].values()))
    # one id held by a purpose and by a data category, named where an organisation goes
    tables["Purpose"] = {category.id: purpose, **tables["Purpose"]}
    tables["Assignment"] = {
        assignment.id: assignment.model_copy(update={"organization_id": category.id})
    }
    found = [h for _, _, h in unresolved_in_tables({"Assignment": tables["Assignment"]}, tables)]
    assert [(h.code, h.params["actual"]) for h in found] == [("SC203", "DataCategory / Purpose")]
