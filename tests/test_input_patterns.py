"""Wildcard patterns no shell expanded (in quotes, or on Windows) name the files they match."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

import smartstd
from casedata import dwelling, entities, write_json, write_ndjson
from smartstd.cli import main
from smartstd.conformance.inputs import expand_paths
from smartstd.errors import UsageError


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """data/a.json, data/b.ndjson (a reference to a missing building), data/2026/c.json, notes.txt."""
    data = tmp_path / "data"
    (data / "2026").mkdir(parents=True)
    write_json(data / "a.json")
    write_ndjson(data / "b.ndjson", [*entities(), dwelling(9, "b-404")])
    write_json(data / "2026" / "c.json")
    (data / "notes.txt").write_text("not data", encoding="utf-8")
    (data / ".hidden.json").write_text("{", encoding="utf-8")
    return data


def test_a_pattern_is_the_files_it_matches(tree: Path) -> None:
    assert expand_paths([str(tree / "*.ndjson")]) == [str(tree / "b.ndjson")]
    assert expand_paths([str(tree / "*.json")]) == [str(tree / "a.json")]  # no dot files
    assert expand_paths([str(tree / "**" / "*.json")]) == [
        str(tree / "2026" / "c.json"),
        str(tree / "a.json"),
    ]
    # a folder the pattern matches is expanded like a folder given
    assert expand_paths([str(tree / "20*")]) == [str(tree / "2026" / "c.json")]
    # with other paths, in the order given, each file once
    assert expand_paths([str(tree / "a.json"), str(tree / "?.json")]) == [str(tree / "a.json")]


def test_an_existing_name_with_brackets_is_not_a_pattern(tmp_path: Path) -> None:
    odd = write_json(tmp_path / "data[1].json")
    write_json(tmp_path / "data1.json")
    assert expand_paths([str(odd)]) == [str(odd)]


def test_a_pattern_matching_nothing_is_a_usage_error(tree: Path) -> None:
    with pytest.raises(UsageError) as raised:
        expand_paths([str(tree / "*.yaml")])
    assert "*.yaml" in str(raised.value)


def test_check_of_a_pattern_equals_check_of_its_files(tree: Path) -> None:
    by_pattern = smartstd.check(str(tree / "*.*json"), level="L2")
    by_files = smartstd.check([str(tree / "a.json"), str(tree / "b.ndjson")], level="L2")
    assert [f.to_dict() for f in by_pattern.findings] == [f.to_dict() for f in by_files.findings]
    assert any(f.code == "SC202" for f in by_pattern.findings)


@pytest.mark.parametrize(
    ("lang", "words"), [("en", "no file or folder matches"), ("zh-CN", "没有与通配模式")]
)
def test_cli(tree: Path, monkeypatch: pytest.MonkeyPatch, lang: str, words: str) -> None:
    monkeypatch.chdir(tree.parent)
    runner = CliRunner()
    found = runner.invoke(main, ["check", "data/*.ndjson", "--format", "json", "--lang", lang])
    assert found.exit_code == 1, found.output
    report = json.loads(found.output)
    assert {f["file"] for f in report["findings"]} == {"data/b.ndjson"}
    missing = runner.invoke(main, ["check", "data/*.csv", "--lang", lang])
    assert missing.exit_code == 2
    assert words in missing.output and "data/*.csv" in missing.output


def test_info_and_graph_take_patterns(tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tree.parent)
    runner = CliRunner()
    info = runner.invoke(main, ["info", "data/*.json", "--lang", "en"])
    assert info.exit_code == 0, info.output
    assert runner.invoke(main, ["info", "data/*.csv", "--lang", "en"]).exit_code == 2
    graph = runner.invoke(main, ["graph", "check", "data/*.json", "--lang", "en"])
    assert graph.exit_code in (0, 1), graph.output
    assert "no such" not in graph.output.lower()
