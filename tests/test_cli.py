"""The command line: exit codes, formats, configuration, rules, schema, info."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from casedata import dwelling, entities, write_json, write_ndjson
from smartstd.cli import main


@pytest.fixture
def runner(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> CliRunner:
    monkeypatch.chdir(tmp_path)  # no stray configuration file is found
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    return CliRunner()


def test_check_exit_codes(runner: CliRunner, tmp_path: Path) -> None:
    good = write_json(tmp_path / "good.json")
    bad = write_json(tmp_path / "bad.json", [*entities(), dwelling(9, "b-404")])
    assert runner.invoke(main, ["check", str(good)]).exit_code == 0
    res = runner.invoke(main, ["check", str(bad)])
    assert res.exit_code == 1
    assert "SC202" in res.output and "bad.json:" in res.output
    assert runner.invoke(main, ["check", str(tmp_path / "missing.json")]).exit_code == 2
    assert runner.invoke(main, ["check", str(good), "--format", "nope"]).exit_code == 2
    assert runner.invoke(main, ["check", str(good), "--select", "SC999"]).exit_code == 2
    assert runner.invoke(main, ["check", str(good), "--bogus"]).exit_code == 2


def test_fail_on_warning(runner: CliRunner, tmp_path: Path) -> None:
    bad = write_json(tmp_path / "bad.json", [*entities(), dwelling(9, "b-404")])
    cfg = tmp_path / "smartstd.toml"
    cfg.write_text('[severity]\nSC202 = "warning"\n', encoding="utf-8")
    assert runner.invoke(main, ["check", str(bad)]).exit_code == 0
    assert runner.invoke(main, ["check", str(bad), "--fail-on", "warning"]).exit_code == 1


def test_json_output_to_file_and_lang(runner: CliRunner, tmp_path: Path) -> None:
    bad = write_ndjson(tmp_path / "bad.ndjson", [*entities(), dwelling(9, "b-404")])
    out = tmp_path / "r" / "report.json"
    res = runner.invoke(main, ["check", str(bad), "-f", "json", "-o", str(out), "--lang", "zh-CN"])
    assert res.exit_code == 1
    data = json.loads(out.read_text("utf-8"))
    assert data["findings"][0]["code"] == "SC202"
    assert (
        data["findings"][0]["line"] == len(entities()) + 2
    )  # envelope, entities, then the bad one
    assert "不在数据集中" in data["findings"][0]["message"]
    assert data["level"] == "L1" and data["conformant"] is False


@pytest.mark.parametrize("fmt", ["text", "json", "junit", "sarif", "github", "markdown"])
def test_every_format_renders(runner: CliRunner, tmp_path: Path, fmt: str) -> None:
    bad = write_json(tmp_path / "bad.json", [*entities(), dwelling(9, "b-404")])
    res = runner.invoke(main, ["check", str(bad), "--format", fmt])
    assert res.exit_code == 1, res.output
    assert "SC202" in res.output


def test_no_color_when_not_a_terminal(runner: CliRunner, tmp_path: Path) -> None:
    bad = write_json(tmp_path / "bad.json", [*entities(), dwelling(9, "b-404")])
    res = runner.invoke(main, ["check", str(bad)])
    assert "\x1b[" not in res.output
    res = runner.invoke(main, ["check", str(bad), "--color"])
    assert "\x1b[" in res.output


def test_quiet_hides_info(runner: CliRunner, tmp_path: Path) -> None:
    good = write_json(tmp_path / "good.json")
    waivers = tmp_path / "w.yaml"
    waivers.write_text(
        "waivers:\n- {code: SC202, entity_id: x, reason: r, expires: 2999-01-01}\n",
        encoding="utf-8",
    )
    res = runner.invoke(main, ["check", str(good), "--waivers", str(waivers)])
    assert "SC902" in res.output and res.exit_code == 0
    res = runner.invoke(main, ["check", str(good), "--waivers", str(waivers), "-q"])
    assert "SC902" not in res.output


def test_config_from_pyproject(runner: CliRunner, tmp_path: Path) -> None:
    bad = write_json(tmp_path / "bad.json", [*entities(), dwelling(9, "b-404")])
    (tmp_path / "pyproject.toml").write_text(
        '[tool.smartstd]\nignore = ["SC202"]\nformat = "json"\n', encoding="utf-8"
    )
    res = runner.invoke(main, ["check", str(bad)])
    assert res.exit_code == 0
    assert json.loads(res.output)["findings"] == []


def test_bad_config_is_a_usage_error(runner: CliRunner, tmp_path: Path) -> None:
    good = write_json(tmp_path / "good.json")
    (tmp_path / "smartstd.toml").write_text('levle = "L2"\n', encoding="utf-8")
    res = runner.invoke(main, ["check", str(good)])
    assert res.exit_code == 2 and "unknown key" in res.output
    (tmp_path / "smartstd.toml").write_text("[params.SC202]\nfoo = 1\n", encoding="utf-8")
    res = runner.invoke(main, ["check", str(good)])
    assert res.exit_code == 2 and "SC202" in res.output


def test_rules_command(runner: CliRunner) -> None:
    res = runner.invoke(main, ["rules"])
    assert res.exit_code == 0 and "SC202" in res.output and "unresolved-reference" in res.output
    res = runner.invoke(main, ["rules", "unresolved-reference", "--lang", "zh-CN"])
    assert res.exit_code == 0 and "引用无法解析" in res.output
    data = json.loads(runner.invoke(main, ["rules", "--format", "json"]).output)
    assert {r["code"] for r in data} >= {"SC100", "SC202"}
    assert runner.invoke(main, ["rules", "SC000"]).exit_code == 2


def test_info_command(runner: CliRunner, tmp_path: Path) -> None:
    good = write_json(tmp_path / "good.json")
    res = runner.invoke(main, ["info", str(good), "--json"])
    assert res.exit_code == 0
    data = json.loads(res.output)
    assert data["counts"]["Dwelling"] == 5 and data["classification"] == "internal"
    bad = tmp_path / "bad.json"
    bad.write_text("{", encoding="utf-8")
    res = runner.invoke(main, ["info", str(bad)])
    assert res.exit_code == 1 and "SC100" in res.output


def test_schema_export_and_check(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "bundle"
    res = runner.invoke(
        main, ["schema", "export", "--out", str(out), "--base-uri", "https://example.gov.cn/scds"]
    )
    assert res.exit_code == 0
    doc = json.loads((out / "Community.schema.json").read_text("utf-8"))
    assert doc["$id"] == "https://example.gov.cn/scds/1.1.0/Community.schema.json"
    assert (
        runner.invoke(main, ["schema", "check", "--dir", str(out)]).exit_code == 1
    )  # other base URI
    out2 = tmp_path / "b2"
    runner.invoke(main, ["schema", "export", "--out", str(out2)])
    assert runner.invoke(main, ["schema", "check", "--dir", str(out2)]).exit_code == 0
    (out2 / "Grid.schema.json").write_text("{}", encoding="utf-8")
    res = runner.invoke(main, ["schema", "check", "--dir", str(out2)])
    assert res.exit_code == 1 and "Grid.schema.json" in res.output


def test_version(runner: CliRunner) -> None:
    res = runner.invoke(main, ["--version"])
    assert res.exit_code == 0 and "smartstd" in res.output
