"""Charter assertions: parsing, each kind passing and failing, findings placed on the assertion."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from graphdata import ON, Builder

from smartstd.errors import ConfigError
from smartstd.graph import assertions_in, load_assertions, parse_assertions, run_assertions


def run(b: Builder, items: list[dict[str, Any]]) -> list[Any]:
    return run_assertions(b.entities, {"assertions": items}, on=ON)


def test_may(base: Builder) -> None:
    ok = {
        "name": "pm-reads",
        "may": {
            "organization": "org-pm",
            "action": "read",
            "category": "cat-contact",
            "purpose": "pur-repair",
        },
    }
    bad = {
        "name": "pm-writes",
        "may": {"organization": "org-pm", "action": "write", "category": "cat-contact"},
    }
    r_ok, r_bad = run(base, [ok, bad])
    assert r_ok.passed
    assert r_ok.finding() is None
    assert not r_bad.passed
    assert r_bad.actual == "denied: cat-contact (action-missing)"
    assert any("does not include write" in line for line in r_bad.reasons)
    assert any("不包含操作 写入" in line for line in r_bad.reasons_zh)


def test_never_for_one_vendor_or_for_anybody(base: Builder) -> None:
    base.add(
        {"id": "org-vendor", "type": "Organization", "name": {"en": "Vendor"}, "kind": "enterprise"}
    )
    base.add(
        {
            "id": "pur-marketing",
            "type": "Purpose",
            "name": {"en": "Marketing"},
            "data_category_ids": ["cat-contact"],
        }
    )
    rule = {
        "name": "vendor-no-marketing",
        "never": {
            "organization": "org-vendor",
            "action": "read",
            "category": "cat-contact",
            "purpose": "pur-marketing",
        },
    }
    anybody = {"name": "nobody-shares", "never": {"action": "share", "category": ["cat-contact"]}}
    assert [r.passed for r in run(base, [rule, anybody])] == [True, True]
    base.grant(
        "g-vendor",
        "org-vendor",
        purpose_id="pur-marketing",
        legal_role="controller",
        legal_basis="consent",
        actions=["read", "share"],
        valid_from="2027-01-01",
    )
    r1, r2 = run(base, [rule, anybody])
    # never ignores dates unless told: the grant starts next year and still breaks it
    assert not r1.passed
    assert r1.actual == "org-vendor via g-vendor"
    assert not r2.passed
    f = r1.finding()
    assert f is not None
    assert f.code == "SC617"
    assert f.pointer == "/assertions/0"
    assert "vendor-no-marketing" in f.message("en")
    assert "章程断言 vendor-no-marketing" in f.message("zh-CN")
    on_today = {"name": "today", "never": {**rule["never"], "on": "2026-06-30"}}
    assert run(base, [on_today])[0].passed


def test_only_these_parties(base: Builder) -> None:
    rule = {
        "name": "only-pm-reads",
        "only": {"action": "read", "category": "cat-contact", "organizations": ["org-pm"]},
    }
    assert run(base, [rule])[0].passed
    base.grant("g-rc", "org-rc", legal_role="controller")
    r = run(base, [rule])[0]
    assert not r.passed
    assert r.actual == "cat-contact: org-pm, org-rc"
    assert "org-rc may also act on cat-contact but is not listed" in r.reasons
    both = {
        "name": "two",
        "only": {
            "action": "read",
            "category": "cat-contact",
            "organizations": ["org-pm", "org-rc", "org-so"],
        },
    }
    r = run(base, [both])[0]
    assert not r.passed
    assert any(line.startswith("org-so may not act on cat-contact") for line in r.reasons)


def test_holders(base: Builder) -> None:
    ok = {
        "name": "so-accountable",
        "holders": {
            "domain": "property_maintenance",
            "role": "accountable",
            "organizations": ["org-so"],
        },
    }
    bad = {
        "name": "rc-accountable",
        "holders": {
            "domain": "property_maintenance",
            "role": "accountable",
            "organizations": "org-rc",
        },
    }
    r_ok, r_bad = run(base, [ok, bad])
    assert r_ok.passed
    assert not r_bad.passed
    assert (r_bad.expected, r_bad.actual) == ("org-rc", "org-so")
    assert r_bad.to_dict()["pointer"] == "/assertions/1"


@pytest.mark.parametrize(
    ("item", "message"),
    [
        ("just text", "expected a mapping"),
        ({"may": {}}, "'name' is required"),
        ({"name": "x"}, "exactly one of"),
        ({"name": "x", "may": {}, "never": {}}, "exactly one of"),
        ({"name": "x", "may": {"organization": "o"}}, "needs category"),
        (
            {"name": "x", "may": {"organization": "o", "category": "c", "colour": "red"}},
            "does not take colour",
        ),
        (
            {"name": "x", "may": {"organization": "o", "category": "c", "action": "eat"}},
            "'action' must be one of",
        ),
        (
            {"name": "x", "may": {"organization": "o", "category": "c", "on": "soon"}},
            "'on' must be a date",
        ),
        (
            {"name": "x", "holders": {"domain": "d", "role": "boss", "organizations": []}},
            "'role' must be one of",
        ),
        ({"name": "x", "never": {"category": 3}}, "'category' must be an id"),
        ({"name": "x", "extra": 1, "never": {"category": "c"}}, "unknown key"),
    ],
)
def test_malformed_assertions_are_config_errors(item: Any, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        parse_assertions({"assertions": [item]})


def test_assertions_file_with_positions(base: Builder, tmp_path: Path) -> None:
    path = tmp_path / "charter.tests.yaml"
    path.write_text(
        "# expectations\n"
        "assertions:\n"
        "  - name: pm-writes\n"
        "    may: {organization: org-pm, action: write, category: cat-contact}\n",
        "utf-8",
    )
    (a,) = load_assertions(path)
    assert (a.file, a.index, a.line, a.kind) == (str(path), 0, 3, "may")
    (r,) = run_assertions(base.entities, [a], on=ON)
    f = r.finding()
    assert f is not None
    assert (f.file, f.line, f.pointer) == (str(path), 3, "/assertions/0")
    with pytest.raises(ConfigError):
        load_assertions(tmp_path / "missing.yaml")
    (tmp_path / "broken.yaml").write_text("assertions: [", "utf-8")
    with pytest.raises(ConfigError):
        load_assertions(tmp_path / "broken.yaml")


def test_assertions_in_finds_lists_in_any_input(base: Builder, tmp_path: Path) -> None:
    folder = base.write(tmp_path / "ds")
    assert assertions_in(sorted(folder.iterdir())) == []
    text = (folder / "charter.yaml").read_text("utf-8")
    (folder / "charter.yaml").write_text(
        text
        + "assertions:\n- name: pm-reads\n"
        + "  may: {organization: org-pm, action: read, category: cat-contact}\n",
        "utf-8",
    )
    (a,) = assertions_in(sorted(folder.iterdir()))
    assert a.name == "pm-reads"
    assert a.file is not None
    assert a.file.endswith("charter.yaml")


def test_empty_or_missing_list() -> None:
    assert parse_assertions({}) == []
    with pytest.raises(ConfigError, match="must be a list"):
        parse_assertions({"assertions": {"name": "x"}})
