"""The study's governance rules SC621-SC624 and the one definition of in force."""

from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path
from typing import Any

from graphdata import ON, Builder

from smartstd.graph import check_charter, explain
from smartstd.graph.validity import in_force, in_force_under, standing


def codes(b: Builder, **kw: object) -> list[str]:
    return sorted(f.code for f in check_charter(b.entities, on=ON, **kw))  # type: ignore[arg-type]


def test_a_required_sector_without_a_role_is_sc624(base: Builder) -> None:
    params = {"SC624": {"required_sectors": ["social"]}}
    (f,) = check_charter(base.entities, on=ON, params=params)
    assert f.code == "SC624"
    assert f.params["missing"] == ["social"]
    assert f.params["present"] == ["government", "residents", "market"]


def test_a_government_only_charter_is_sc624(base: Builder) -> None:
    for e in base.entities:
        if e["type"] == "Organization":
            e["kind"] = "district_government"
    found = check_charter(base.entities, on=ON, params={"SC613": {"resident_kinds": []}})
    assert [f.code for f in found if f.code != "SC613"] == ["SC624"]
    assert found[-1].params["present"] == ["government"]


def test_public_domains_and_kinds_are_parameters(base: Builder) -> None:
    params = {"SC621": {"public_domains": ["property_maintenance"]}}
    assert codes(base, params=params) == []  # a street office leads it
    params["SC621"]["public_kinds"] = ["district_government"]
    (f,) = check_charter(base.entities, on=ON, params=params)
    assert (f.code, f.entity_id, f.params["kind"]) == ("SC621", "a-so", "street_office")


def test_a_sub_domain_of_a_public_domain_is_public(base: Builder) -> None:
    base.add(
        {
            "id": "property_maintenance.lifts",
            "type": "ResponsibilityDomain",
            "name": {"en": "Lifts"},
            "parent_id": "property_maintenance",
        }
    ).assign("a-lift", "property_maintenance.lifts", "org-pm", "accountable")
    params = {"SC621": {"public_domains": ["property_maintenance"]}}
    found = check_charter(base.entities, on=ON, params=params)
    assert [(f.code, f.entity_id) for f in found] == [("SC621", "a-lift")]


def test_work_that_begins_before_signing_is_sc622(base: Builder) -> None:
    base.set("agr-pm", signed_at="2025-12-20")
    assert codes(base) == []
    base.set("g-pm", valid_from="2025-12-01")
    found = check_charter(base.entities, on=ON)
    assert [(f.code, f.entity_id) for f in found if f.code == "SC622"] == [("SC622", "g-pm")]


def test_an_agreement_signed_late_is_reported_once(base: Builder) -> None:
    base.set("agr-pm", signed_at="2026-03-01")
    found = check_charter(base.entities, on=ON)
    assert [(f.code, f.entity_id) for f in found] == [("SC622", "agr-pm")]
    assert found[0].params["signed"] == "2026-03-01"


def test_check_and_explain_agree_on_in_force(base: Builder) -> None:
    base.set("agr-pm", valid_from="2026-07-01")
    base.set("g-pm", valid_from="2026-07-01")
    # the grant and its agreement both begin after the check date: nothing is in force yet
    assert "SC623" not in codes(base)
    base.set("g-pm", valid_from="2026-01-01")
    assert "SC623" in codes(base)
    answer = explain(base.entities, "org-pm", "read", "cat-contact", on=ON)
    assert not answer.allowed
    assert answer.missing is not None and answer.missing.code == "agreement-not-in-force"
    base.set("agr-pm", valid_from="2026-01-01")
    assert "SC623" not in codes(base)
    assert explain(base.entities, "org-pm", "read", "cat-contact", on=ON).allowed


class _E:
    def __init__(self, **kw: object) -> None:
        self.__dict__.update(kw)


def test_standing_names_why() -> None:
    agr = _E(valid_from=dt.date(2026, 7, 1), valid_until=None)
    dep = _E(valid_from=dt.date(2026, 1, 1), valid_until=None, agreement_id="a")
    day = dt.date(2026, 6, 30)
    assert in_force(dep, day)
    assert standing(dep, day, {"a": agr}) == "agreement-not-yet"
    assert not in_force_under(dep, day, {"a": agr})
    assert standing(dep, day, {}) == "in-force"  # an unknown agreement is SC202's
    assert standing(dep, dt.date(2025, 1, 1), {"a": agr}) == "not-yet"
    agr.valid_until = dt.date(2026, 6, 1)
    assert standing(dep, day, {"a": agr}) == "agreement-never"


def _copy(b: Builder) -> Builder:
    out = Builder()
    out.entities = copy.deepcopy(b.entities)
    return out


def _without_benefit(b: Builder, org: str) -> list[dict[str, Any]]:
    after = _copy(b)
    agr = after.find("agr-pm")
    agr["benefits"] = [x for x in agr["benefits"] if x["organization_id"] != org]
    return after.entities


def test_diff_reports_a_lost_benefit_and_the_party_left_unbalanced(base: Builder) -> None:
    from smartstd.graph import diff

    result = diff(base.entities, _without_benefit(base, "org-pm"))
    (change,) = result.term_changes
    assert (change.organization, change.term, change.change, change.kind) == (
        "org-pm",
        "benefit",
        "lost",
        "revenue",
    )
    assert result.unbalanced == (("agr-pm", "org-pm"),)
    assert result.fails("benefit-loss") and result.fails("any") and not result.fails("never")
    assert result.to_dict()["unbalanced"] == [{"agreement": "agr-pm", "organization": "org-pm"}]
    assert "org-pm" in result.to_markdown("zh-CN") and "失去收益" in result.text("zh-CN")


def test_losing_a_benefit_with_an_obligation_is_balanced(base: Builder) -> None:
    from smartstd.graph import diff

    after = _copy(base)
    after.entities = _without_benefit(base, "org-pm")
    agr = after.find("agr-pm")
    agr["obligations"] = [x for x in agr["obligations"] if x["organization_id"] != "org-pm"]
    result = diff(base.entities, after.entities)
    assert result.changed and result.unbalanced == ()
    assert not result.fails("benefit-loss")
    assert {c.term for c in result.term_changes} == {"benefit", "obligation"}


def test_graph_diff_exit_codes_follow_the_policy(base: Builder, tmp_path: Path) -> None:
    import json

    from click.testing import CliRunner

    from smartstd.cli import main

    old = base.write(tmp_path / "old") / "charter.yaml"
    after = _copy(base)
    after.entities = _without_benefit(base, "org-pm")
    new = after.write(tmp_path / "new") / "charter.yaml"
    run = CliRunner().invoke
    same = run(main, ["graph", "diff", str(old), str(old), "--fail-on", "benefit-loss"])
    assert same.exit_code == 0
    lost = run(
        main, ["graph", "diff", str(old), str(new), "--fail-on", "benefit-loss", "-f", "json"]
    )
    assert lost.exit_code == 1
    assert json.loads(lost.output)["benefit_changes"][0]["organization"] == "org-pm"
    quiet = run(main, ["graph", "diff", str(old), str(new), "--fail-on", "never"])
    assert quiet.exit_code == 0 and "org-pm" in quiet.output
