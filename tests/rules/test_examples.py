"""Every rule's bad and good examples are whole records that ``smartstd check`` runs.

The examples live beside each rule (``src/smartstd/rules/scN/examples/SCnnn.json``,
read by :mod:`smartstd.rules.example`). For each rule the bad side, made into a
dataset with the minimal envelope and the shared records, must report the
rule's code at the rule's level and nothing else (but the codes it names in
``also``); the good side, the same records fixed, must not report it.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from smartstd import check
from smartstd.catalogue import all_rules, get_rule
from smartstd.cli import main
from smartstd.config import load_config
from smartstd.conformance.waivers import load_waivers
from smartstd.io import Limits
from smartstd.report import Report
from smartstd.rules.example import BASE, load_example, parse_example

RULES = Path(__file__).resolve().parents[2] / "src" / "smartstd" / "rules"
CODES = [r.code for r in all_rules()]

#: Rules whose examples cannot run, with the reason. Empty: every rule's
#: examples run (SC6xx with a small charter as context, SC7xx with a profile
#: written beside the data, SC8xx with the requests a pilot is assessed on,
#: SC9xx with waivers and a findings limit).
NOT_RUNNABLE: dict[str, str] = {}


def _check(code: str, which: str, tmp_path: Path) -> Report:
    rule = get_rule(code)
    run = load_example(code).write(which, tmp_path / which, level=rule.level.value)
    return check(
        list(run.paths),
        level=run.level,
        params=run.params,
        limits=Limits(**run.limits),
        today=dt.date.fromisoformat(run.today),
        waivers=tuple(load_waivers(run.waivers)) if run.waivers else (),
    )


def _found(report: Report) -> list[tuple[str, str, str]]:
    return [(f.code, f.pointer, f.message("en")) for f in report.findings]


RUNNABLE = [c for c in CODES if c not in NOT_RUNNABLE]


@pytest.mark.parametrize("code", RUNNABLE)
def test_the_bad_example_reports_its_rule_and_nothing_else(code: str, tmp_path: Path) -> None:
    rule = get_rule(code)
    report = _check(code, "bad", tmp_path)
    codes = {f.code for f in report.findings}
    assert codes == {code, *rule.example.bad.also}, _found(report)
    # at the rule's own severity, which decides the level reached
    assert {f.severity for f in report.findings if f.code == code} == {rule.severity}


@pytest.mark.parametrize("code", RUNNABLE)
def test_the_good_example_does_not_report_its_rule(code: str, tmp_path: Path) -> None:
    rule = get_rule(code)
    report = _check(code, "good", tmp_path)
    codes = {f.code for f in report.findings}
    assert code not in codes, _found(report)
    assert codes == set(rule.example.good.also), _found(report)


def test_every_rule_has_examples_and_every_examples_file_a_rule() -> None:
    files = sorted(p.stem for p in RULES.glob("sc*/examples/*.json"))
    assert files == CODES
    misplaced = [
        p for p in RULES.glob("sc*/examples/*.json") if p.parents[1].name != "sc" + p.stem[2]
    ]
    assert misplaced == []
    assert set(NOT_RUNNABLE) <= set(CODES)


@pytest.mark.parametrize("code", CODES)
def test_what_people_read_is_the_data_that_runs(code: str) -> None:
    example = load_example(code)
    for which in ("bad", "good"):
        side = example.side(which)
        dataset = example.dataset_text(which)
        shown = side.text.splitlines()
        assert shown, f"{code}: the {which} example shows nothing"
        for record in side.records:
            line = record if isinstance(record, str) else json.dumps(record, ensure_ascii=False)
            assert line in shown  # the line people read ...
            assert line in dataset  # ... is the line that is checked
        for key, value in side.envelope.items():
            assert json.dumps({key: value}, ensure_ascii=False)[1:-1] in dataset
    # the catalogue shows the same text
    rule = get_rule(code)
    assert (rule.bad, rule.good) == (example.bad.text, example.good.text)


def test_a_bad_side_changes_something() -> None:
    same = [
        c
        for c in CODES
        if load_example(c).dataset_text("bad") == load_example(c).dataset_text("good")
    ]
    # a waiver, a file or an encoding is the difference where the records are equal
    same = [c for c in same if load_example(c).bad.encoding == load_example(c).good.encoding]
    same = [c for c in same if load_example(c).bad.waivers == load_example(c).good.waivers]
    assert same == []


def test_the_dataset_holds_the_base_records_the_context_and_the_side() -> None:
    example = parse_example(
        "SC999",
        {
            "context": [{"id": "b-1", "type": "Building"}],
            "envelope": {"classification": "public"},
            "bad": {
                "records": ['{"id": "x", "id": "y"}'],
                "envelope": {"standard_version": "2.0.0"},
            },
            "good": {"records": [{"id": "x"}]},
        },
    )
    text = example.dataset_text("bad")
    lines = text.splitlines()
    head = json.loads(lines[0] + "]}")
    assert head["classification"] == "public"
    assert head["standard_version"] == "2.0.0"
    assert head["dataset_id"] == "example-sc999-bad"
    assert lines[1:-1] == [
        *(json.dumps(r, ensure_ascii=False) + "," for r in BASE),
        '{"id": "b-1", "type": "Building"},',
        '{"id": "x", "id": "y"}',
    ]
    good = json.loads(example.dataset_text("good"))
    assert good["standard_version"] == "1.1.0"
    assert [e["id"] for e in good["entities"]] == ["org-so", "c-1", "b-1", "x"]


@pytest.mark.parametrize(
    "data",
    [
        {"bad": {}},
        {"bad": {}, "good": {}, "extra": 1},
        {"bad": {"record": []}, "good": {}},
        {"bad": {}, "good": {}, "options": {"jobs": 2}},
        {"bad": [], "good": {}},
        {"bad": {"files": {"smartstd.toml": ""}}, "good": {}},
        {"bad": {}, "good": {}, "files": {"../x.yaml": ""}},
    ],
)
def test_a_malformed_examples_file_is_refused(data: object) -> None:
    with pytest.raises(ValueError, match="SC999"):
        parse_example("SC999", data)


def test_a_side_is_bad_or_good() -> None:
    with pytest.raises(ValueError, match="'bad' or 'good'"):
        load_example("SC202").side("ugly")


@pytest.mark.parametrize("code", CODES)
def test_the_written_configuration_says_what_the_run_says(code: str, tmp_path: Path) -> None:
    rule = get_rule(code)
    for which in ("bad", "good"):
        run = load_example(code).write(which, tmp_path / which, level=rule.level.value)
        config = load_config(run.config, search=False)
        assert config.level is not None and config.level.value == run.level
        assert config.params == run.params
        assert config.limits == Limits(**run.limits)
        assert (str(config.waivers) if config.waivers else None) == run.waivers


#: One rule for each way an example is run: plain records, an encoding, a
#: parameter, a charter file with assertions, a profile beside the data, a
#: findings limit. (SC901's waivers expire against the real date on the command
#: line; the Python API above pins it.)
CLI_CODES = ["SC202", "SC101", "SC304", "SC617", "SC702", "SC903"]


@pytest.mark.parametrize("code", CLI_CODES)
def test_smartstd_check_runs_the_examples_that_smartstd_rules_writes(
    code: str, tmp_path: Path
) -> None:
    runner = CliRunner()
    written = runner.invoke(main, ["rules", code, "--example-dir", str(tmp_path)])
    assert written.exit_code == 0, written.output
    commands = written.output.splitlines()
    assert commands == [
        f"smartstd check {tmp_path / w} --config {tmp_path / w / 'smartstd.toml'}"
        for w in ("bad", "good")
    ]
    for which, command in zip(("bad", "good"), commands, strict=True):
        args = [*command.split()[1:], "--format", "json", "--lang", "en"]
        result = runner.invoke(main, args)
        codes = {f["code"] for f in json.loads(result.stdout)["findings"]}
        side = load_example(code).side(which)
        assert codes == ({code} if which == "bad" else set()) | set(side.also), result.stdout


def test_smartstd_rules_writes_every_example_without_a_code(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["rules", "--example-dir", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert len(result.output.splitlines()) == 2 * len(CODES)
    assert sorted(p.name for p in tmp_path.iterdir()) == CODES
    assert (tmp_path / "SC617" / "bad" / "charter.yaml").is_file()
    assert (tmp_path / "SC901" / "bad" / "waivers.yaml").is_file()
