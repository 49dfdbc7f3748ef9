"""``smartstd graph``: every subcommand, its formats and its exit codes."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner
from graphdata import Builder

from smartstd.cli import main


@pytest.fixture
def runner(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> CliRunner:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    return CliRunner()


@pytest.fixture
def good(tmp_path: Path) -> str:
    return str(Builder().write(tmp_path / "good"))


@pytest.fixture
def bad(tmp_path: Path) -> str:
    return str(
        Builder().remove("a-so").set("a-rc", organization_id="org-ghost").write(tmp_path / "bad")
    )


def test_check(runner: CliRunner, good: str, bad: str) -> None:
    res = runner.invoke(main, ["graph", "check", good])
    assert res.exit_code == 0, res.output
    assert "L3" in res.output
    res = runner.invoke(main, ["graph", "check", bad])
    assert res.exit_code == 1
    assert "SC601" in res.output
    assert "SC202" in res.output
    data = json.loads(runner.invoke(main, ["graph", "check", bad, "-f", "json"]).output)
    assert {f["code"] for f in data["findings"]} >= {"SC601", "SC202"}
    sarif = json.loads(runner.invoke(main, ["graph", "check", bad, "-f", "sarif"]).output)
    assert sarif["version"] == "2.1.0"
    assert runner.invoke(main, ["graph", "check", bad, "--select", "SC601"]).exit_code == 1
    assert runner.invoke(main, ["graph", "check", good, "--select", "SC999"]).exit_code == 2
    assert runner.invoke(main, ["graph", "check", good, "-f", "nope"]).exit_code == 2
    assert runner.invoke(main, ["graph", "check", "missing-folder"]).exit_code == 2


def test_check_without_a_charter(runner: CliRunner, tmp_path: Path) -> None:
    b = Builder()
    plain = tmp_path / "plain"
    plain.mkdir()
    (plain / "d.json").write_text(
        json.dumps(
            {
                "standard": "scds",
                "standard_version": "1.0.0",
                "dataset_id": "x",
                "publisher_id": "org-so",
                "generated_at": "2026-06-30T18:00:00+08:00",
                "classification": "internal",
                "entities": b.entities[:3],
            }
        ),
        "utf-8",
    )
    res = runner.invoke(main, ["graph", "check", str(plain)])
    assert res.exit_code == 1
    assert "no charter" in res.output
    for sub in (
        ["who", str(plain), "--domain", "health"],
        ["raci", str(plain)],
        ["export", str(plain)],
    ):
        assert runner.invoke(main, ["graph", *sub]).exit_code == 1


def test_who(runner: CliRunner, good: str) -> None:
    res = runner.invoke(main, ["graph", "who", good, "--domain", "property_maintenance"])
    assert res.exit_code == 0
    assert (
        "Zhongcun Street Office (org-so) is accountable for property_maintenance (assignment a-so)"
        in res.output
    )
    zh = runner.invoke(
        main, ["graph", "who", good, "--domain", "property_maintenance", "--lang", "zh-CN"]
    )
    assert "钟村街道办事处 (org-so) 是 property_maintenance 的负责方（A）" in zh.output
    js = json.loads(
        runner.invoke(
            main, ["graph", "who", good, "--domain", "property_maintenance", "-f", "json"]
        ).output
    )
    assert [h["organization"] for h in js["holders"]] == ["org-so", "org-pm", "org-rc"]
    assert runner.invoke(main, ["graph", "who", good, "--domain", "fire_safety"]).exit_code == 1
    assert (
        runner.invoke(
            main, ["graph", "who", good, "--domain", "property_maintenance", "--role", "informed"]
        ).exit_code
        == 1
    )
    assert runner.invoke(main, ["graph", "who", good, "--domain", "nowhere"]).exit_code == 2
    assert (
        runner.invoke(
            main, ["graph", "who", good, "--domain", "fire_safety", "--on", "soon"]
        ).exit_code
        == 2
    )


def test_raci(runner: CliRunner, good: str) -> None:
    res = runner.invoke(main, ["graph", "raci", good])
    assert res.exit_code == 0
    assert "property_maintenance" in res.output
    rows = list(
        csv.reader(io.StringIO(runner.invoke(main, ["graph", "raci", good, "-f", "csv"]).output))
    )
    assert rows[1][2:] == ["R", "C", "A"]
    md = runner.invoke(main, ["graph", "raci", good, "-f", "markdown", "--lang", "zh-CN"]).output
    assert md.startswith("| 领域 |")
    assert (
        json.loads(runner.invoke(main, ["graph", "raci", good, "-f", "json"]).output)["on"]
        == "2026-06-30"
    )


def test_explain(runner: CliRunner, good: str, tmp_path: Path) -> None:
    args = ["graph", "explain", good, "--org", "org-pm", "--category", "cat-contact"]
    res = runner.invoke(main, [*args, "--action", "read", "--purpose", "pur-repair"])
    assert res.exit_code == 0
    assert res.output.startswith("Yes: ")
    res = runner.invoke(main, [*args, "--action", "share", "--lang", "zh-CN"])
    assert res.exit_code == 1
    assert res.output.startswith("否：")
    assert "缺失环节" in res.output
    js = json.loads(
        runner.invoke(main, [*args, "--action", "read", "--on", "2027-01-01", "-f", "json"]).output
    )
    assert js["allowed"] is False
    assert js["missing"]["code"] == "not-in-force"
    md = runner.invoke(main, [*args, "-f", "markdown"]).output
    assert md.startswith("**Yes")
    out = tmp_path / "answer.txt"
    assert runner.invoke(main, [*args, "-o", str(out)]).exit_code == 0
    assert out.read_text("utf-8").startswith("Yes")
    assert runner.invoke(main, [*args, "--action", "eat"]).exit_code == 2


def test_test(runner: CliRunner, good: str, tmp_path: Path) -> None:
    tests = tmp_path / "expect.yaml"
    tests.write_text(
        "assertions:\n"
        "  - name: pm-reads\n    may: {organization: org-pm, action: read, category: cat-contact}\n"
        "  - name: nobody-shares\n    never: {action: share, category: cat-contact}\n",
        "utf-8",
    )
    res = runner.invoke(main, ["graph", "test", good, "-a", str(tests)])
    assert res.exit_code == 0, res.output
    assert "✓ pm-reads" in res.output
    tests.write_text(
        tests.read_text("utf-8")
        + "  - name: rc-writes\n"
        + "    may: {organization: org-rc, action: write, category: cat-contact}\n",
        "utf-8",
    )
    res = runner.invoke(main, ["graph", "test", good, "-a", str(tests)])
    assert res.exit_code == 1
    assert "✗ rc-writes" in res.output
    assert "SC617" in res.output
    assert "expect.yaml:6:5" in res.output
    junit = runner.invoke(main, ["graph", "test", good, "-a", str(tests), "-f", "junit"]).output
    assert "<testsuite" in junit
    assert "SC617" in junit
    js = json.loads(
        runner.invoke(main, ["graph", "test", good, "-a", str(tests), "-f", "json"]).output
    )
    assert [f["code"] for f in js["findings"]] == ["SC617"]
    assert runner.invoke(main, ["graph", "test", good]).exit_code == 2  # nothing to test
    tests.write_text("assertions:\n  - name: x\n", "utf-8")
    res = runner.invoke(main, ["graph", "test", good, "-a", str(tests)])
    assert res.exit_code == 2
    assert "exactly one of" in res.output


def test_test_finds_the_assertions_in_the_charter(runner: CliRunner, tmp_path: Path) -> None:
    folder = Builder().write(tmp_path / "c")
    charter = folder / "charter.yaml"
    charter.write_text(
        charter.read_text("utf-8")
        + "assertions:\n- name: pm-reads\n  may: {organization: org-pm, category: cat-contact}\n",
        "utf-8",
    )
    res = runner.invoke(main, ["graph", "test", str(folder)])
    assert res.exit_code == 0, res.output


def test_diff(runner: CliRunner, good: str, tmp_path: Path) -> None:
    assert runner.invoke(main, ["graph", "diff", good, good]).exit_code == 0
    new = str(
        Builder()
        .set("a-so", organization_id="org-rc")
        .grant("g-rc", "org-rc", legal_role="controller")
        .write(tmp_path / "new")
    )
    res = runner.invoke(main, ["graph", "diff", good, new])
    assert res.exit_code == 1
    assert "+ org-rc may read cat-contact for pur-repair (via g-rc)" in res.output
    assert "property_maintenance accountable: org-so → org-rc" in res.output
    js = json.loads(runner.invoke(main, ["graph", "diff", good, new, "-f", "json"]).output)
    assert js["changed"]
    assert js["role_changes"][0]["role"] == "accountable"
    assert (
        "## 新增访问路径"
        in runner.invoke(
            main, ["graph", "diff", good, new, "-f", "markdown", "--lang", "zh-CN"]
        ).output
    )


def test_export(runner: CliRunner, good: str, tmp_path: Path) -> None:
    assert runner.invoke(main, ["graph", "export", good]).output.startswith("flowchart LR")
    assert runner.invoke(main, ["graph", "export", good, "-f", "dot"]).output.startswith("digraph")
    out = tmp_path / "g.graphml"
    assert (
        runner.invoke(main, ["graph", "export", good, "-f", "graphml", "-o", str(out)]).exit_code
        == 0
    )
    g = nx.read_graphml(out, force_multigraph=True)
    assert "org:org-so" in g
    data = json.loads(runner.invoke(main, ["graph", "export", good, "-f", "json"]).output)
    assert data["graph"]["as_of"] == "2026-06-30"
    assert "Fire safety" in runner.invoke(main, ["graph", "export", good, "--isolated"]).output
