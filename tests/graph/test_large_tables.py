"""``graph raci`` and ``graph duties`` on huge charters: filters, and a cell budget.

A charter of 20,000 organisations by 20,000 inherited domains made a RACI
matrix of 400 million cells (3.4 GB, minutes); a duty list whose agreement
has every organisation as a party grows the same way. Tables over the
budget (``max_cells``, ``--max-cells``, ``[limits] max_table_cells``) are
refused before they are built, with their size and the filters that make them
smaller. The shapes come from :func:`smartstd.graph.synthetic.wide_charter`,
at small sizes: the refusal is asserted to come before anything of the
table's size exists (no timed tests; ``benchmarks/bench_large_tables.py``
measures the full size).
"""

from __future__ import annotations

import importlib
import json
import tracemalloc
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import smartstd.graph.queries as queries
from smartstd.cli import main
from smartstd.errors import UsageError
from smartstd.graph import Charter, duties, raci, synthetic_charter
from smartstd.graph.synthetic import SYNTHETIC_AS_OF, wide_charter
from smartstd.io import Limits

ON = SYNTHETIC_AS_OF
#: The module (``smartstd.graph.duties`` is also the name of the function).
duties_module = importlib.import_module("smartstd.graph.duties")
ENVELOPE = {
    "standard": "scds",
    "standard_version": "1.1.0",
    "dataset_id": "wide",
    "publisher_id": "org-0",
    "generated_at": "2026-06-30T18:00:00+08:00",
    "classification": "internal",
}


def _wide(organizations: int, domains: int, *, parties: bool = False) -> Charter:
    charter = Charter.from_entities(wide_charter(organizations, domains, parties=parties))
    charter.index  # noqa: B018 - built before anything is measured
    return charter


def _never(*args: Any, **kwargs: Any) -> Any:
    raise AssertionError("built although over the budget")


# --------------------------------------------------------------------------- raci


def test_raci_refuses_an_oversized_matrix_before_building_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    charter = _wide(300, 200)
    monkeypatch.setattr(queries, "RaciMatrix", _never)
    monkeypatch.setattr(Charter, "domain_label", _never)
    monkeypatch.setattr(Charter, "org_label", _never)
    with pytest.raises(UsageError) as err:
        raci(charter, on=ON, max_cells=10_000)
    assert err.value.key == "raci_too_big"
    assert err.value.params == {"rows": 201, "columns": 300, "cells": 60_300, "maximum": 10_000}
    zh, en = err.value.message("zh-CN"), err.value.message("en")
    assert "201 个领域 × 300 个组织 = 60,300 个单元格，超过上限 10,000" in zh
    assert "--domain ID" in zh and "--organization ID" in zh and "max_table_cells" in zh
    assert "201 domains × 300 organisations = 60,300 cells, over the limit of 10,000" in en
    assert "domains= and organizations=" in en and "--max-cells" in en


def test_raci_refusal_holds_memory_to_the_charter_not_the_table() -> None:
    """2,000 x 2,000 (4 million cells, 32 MB of row pointers at least) refused in well under 4 MB."""
    charter = _wide(2_000, 2_000)
    tracemalloc.start()
    try:
        with pytest.raises(UsageError):
            raci(charter, on=ON)  # the default budget: 1,000,000
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 4 * 1024**2, peak


def test_raci_the_default_budget_is_the_limit_of_limits() -> None:
    charter = _wide(1_000, 999)  # 1,000 x 1,000 cells: exactly the budget
    assert Limits().max_table_cells == 1_000_000
    matrix = raci(charter, on=ON)
    assert (len(matrix.domains), len(matrix.organizations)) == (1_000, 1_000)
    with pytest.raises(UsageError):
        raci(_wide(1_000, 1_000), on=ON)


def test_raci_filters_rows_and_columns() -> None:
    charter = _wide(40, 30)
    m = raci(
        charter, on=ON, domains=["dom-3", "service_delivery"], organizations=["org-1", "org-9"]
    )
    assert m.domains == ("service_delivery", "dom-3")  # the hierarchy's order, not the asked one
    assert m.organizations == ("org-1", "org-9")
    assert m.cell("service_delivery", "org-1") == "R"
    assert m.cell("service_delivery", "org-9") == "I"
    assert m.cell("dom-3", "org-1") == ""  # inherited roles are not repeated
    # an organisation asked for keeps its column even where it holds nothing
    only = raci(charter, on=ON, domains=["dom-3"], organizations=["org-9"])
    assert only.organizations == ("org-9",) and only.to_dict()["cells"] == []
    # rows alone: the columns are the holders in those rows
    assert raci(charter, on=ON, domains=["dom-3"]).organizations == ()
    assert len(raci(charter, on=ON, domains=["service_delivery"]).organizations) == 40


def test_raci_filters_name_unknown_ids() -> None:
    charter = _wide(40, 30)
    with pytest.raises(UsageError) as err:
        raci(charter, on=ON, domains=["dom-3", "nowhere"])
    assert err.value.key == "graph_unknown_ids"
    assert "章程中没有领域 nowhere（共 31 个" in err.value.message("zh-CN")
    assert "no domain nowhere in the charter (31 known" in err.value.message("en")
    with pytest.raises(UsageError) as err:
        raci(charter, on=ON, organizations=["org-x"])
    assert "no organisation org-x" in err.value.message("en")
    assert err.value.message("en").endswith(", …)")  # 40 known: the first 20 are listed


def test_raci_json_lists_the_cells_in_row_and_column_order() -> None:
    """The JSON cells come from the filled cells only, in the order the dense walk gave."""
    m = raci(synthetic_charter(400, defects=False), on=ON)
    dense = [(d, o) for d in m.domains for o in m.organizations if (d, o) in m.cells]
    got = [(c["domain"], c["organization"]) for c in m.to_dict()["cells"]]
    assert got == dense
    assert len(got) > 100


# --------------------------------------------------------------------------- duties


def test_duties_refuse_oversized_lists_before_building_them(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    charter = _wide(300, 5, parties=True)  # each list names the 300 parties: 300 x 302 entries
    monkeypatch.setattr(duties_module, "_one", _never)
    with pytest.raises(UsageError) as err:
        duties(charter, on=ON, max_cells=10_000)
    assert err.value.key == "duties_too_big"
    assert err.value.params == {"organizations": 300, "cells": 300 * 302, "maximum": 10_000}
    zh = err.value.message("zh-CN")
    assert "300 个组织的责任清单将有 90,600 项" in zh and "--organization ID" in zh
    assert "--domain ID" in err.value.message("en")


def test_duties_refusal_holds_memory_to_the_charter() -> None:
    """2,000 parties of one agreement: 4 million party ids in the lists, refused in under 4 MB."""
    charter = _wide(2_000, 5, parties=True)
    tracemalloc.start()
    try:
        with pytest.raises(UsageError):
            duties(charter, on=ON)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 4 * 1024**2, peak


def test_duties_filters() -> None:
    charter = _wide(300, 5, parties=True)
    one = duties(charter, on=ON, organizations=["org-1"], max_cells=10_000)
    (org,) = one.organizations
    assert org.id == "org-1"
    assert [(r["domain"], r["role"]) for r in org.roles] == [("service_delivery", "responsible")]
    assert len(org.agreements[0]["parties"]) == 300
    # by domain: the holders of a role there, each with only those roles
    syn = synthetic_charter(200, defects=False)
    every = duties(syn, on=ON)
    some = duties(syn, on=ON, domains=["dom-3"])
    assert some.organizations
    assert all(r["domain"] == "dom-3" for o in some.organizations for r in o.roles)
    holders = [o.id for o in every.organizations if any(r["domain"] == "dom-3" for r in o.roles)]
    assert [o.id for o in some.organizations] == holders
    with pytest.raises(UsageError):
        duties(syn, on=ON, domains=["nowhere"])


def test_duties_one_by_one_equal_all_together() -> None:
    """Each organisation's list does not depend on which others were asked for."""
    syn = synthetic_charter(300, defects=False)
    every = duties(syn, on=ON)
    for org in every.organizations[::17]:
        (alone,) = duties(syn, on=ON, organizations=[org.id]).organizations
        assert alone == org


def test_table_limit_is_checked() -> None:
    with pytest.raises(UsageError):
        Limits(max_table_cells=0)


# --------------------------------------------------------------------------- the command line


@pytest.fixture
def wide_file(tmp_path: Path) -> Path:
    ents = [
        e.model_dump(mode="json", exclude_none=True) for e in wide_charter(60, 50, parties=True)
    ]
    path = tmp_path / "wide.json"
    path.write_text(json.dumps({**ENVELOPE, "entities": ents}), encoding="utf-8")
    return path


def _run(*args: str) -> tuple[int, str]:
    res = CliRunner().invoke(main, ["graph", *args])
    return res.exit_code, res.output


def test_cli_raci_budget_option_configuration_and_default(
    wide_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    code, out = _run("raci", str(wide_file), "--max-cells", "1000", "--lang", "zh-CN")
    assert code == 2
    assert "RACI 矩阵将有 51 个领域 × 60 个组织 = 3,060 个单元格，超过上限 1,000" in out
    (tmp_path / "smartstd.toml").write_text("[limits]\nmax_table_cells = 1000\n", "utf-8")
    code, out = _run("raci", str(wide_file), "--lang", "en")
    assert code == 2
    assert "over the limit of 1,000" in out and "--organization ID" in out
    code, out = _run("raci", str(wide_file), "--lang", "en", "--max-cells", "5000")  # option wins
    assert code == 0, out
    assert out.splitlines()[0].split()[:3] == ["domain", "name", "org-0"]
    code, out = _run(
        "raci", str(wide_file), "--domain", "dom-2,service_delivery", "--org", "org-3", "-f", "csv"
    )
    assert code == 0, out
    assert [line.split(",")[0] for line in out.splitlines()] == [
        out.splitlines()[0].split(",")[0],
        "service_delivery",
        "dom-2",
    ]
    assert out.splitlines()[1].endswith(",I")


def test_cli_duties_budget_and_filters(wide_file: Path, tmp_path: Path) -> None:
    code, out = _run("duties", str(wide_file), "--max-cells", "1000")
    assert code == 2
    assert "60 个组织的责任清单将有 3,720 项" in out  # Chinese by default, as the lists are
    code, out = _run("duties", str(wide_file), "--max-cells", "1000", "--organization", "org-4")
    assert code == 0, out
    assert "## 组织4" in out and "## 组织5" not in out
    cfg = tmp_path / "limits.toml"
    cfg.write_text("[limits]\nmax_table_cells = 1000\n", "utf-8")
    code, out = _run("duties", str(wide_file), "--config", str(cfg), "--lang", "en")
    assert code == 2 and "over the limit of 1,000" in out
    code, out = _run("duties", str(wide_file), "--org", "org-nope", "--lang", "en")
    assert code == 2 and "no organisation org-nope in the charter" in out
    code, out = _run("duties", str(wide_file), "--domain", "service_delivery", "-f", "json")
    assert code == 0, out
    assert len(json.loads(out)["organizations"]) == 60
