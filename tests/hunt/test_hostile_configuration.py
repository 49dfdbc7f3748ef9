"""Hostile configuration: smartstd.toml, waivers and profiles never crash a check.

Each case is a file someone could write by mistake (or on purpose): a table
where a value belongs, a value where a table belongs, a number past what a
time span or a file offset holds, a negative limit, a string where a number
belongs, tables nested thousands deep, a waiver with a typo in a key. Every
one must end in a usage error (exit code 2, no traceback, never the "internal
error" of exit code 3) that names the file and the key, in Chinese by default
and in English with ``--lang en``. The cases with a comment stopped the check
with an internal error, or were silently accepted, before this module; the
others were right already and are kept as guards.

恶意或错误的配置文件（smartstd.toml、豁免文件、地方配置）不得导致崩溃：
每个用例都必须得到退出码 2 的中英文用法错误，指明文件与配置项。
"""

from __future__ import annotations

import locale
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

import smartstd
from smartstd.cli import main
from smartstd.config import load_config
from smartstd.conformance.options import MAX_JOBS, PARAM_MAX, CheckOptions
from smartstd.conformance.waivers import load_waivers
from smartstd.errors import ConfigError, UsageError

#: A small dataset every case checks (the configuration fails before it is read).
DATA = (
    '{"standard": "scds", "standard_version": "1.1.0", "dataset_id": "d",'
    ' "publisher_id": "org-so", "generated_at": "2026-06-30T18:00:00+08:00",'
    ' "classification": "internal", "entities": [{"id": "org-so", "type": "Organization",'
    ' "name": {"zh-CN": "钟村街道办事处"}, "kind": "street_office"}]}'
)

_DEEP_TABLE = "a = " + "{a=" * 3000 + "1" + "}" * 3000
_DEEP_ARRAY = "select = " + "[" * 3000 + "]" * 3000

# (id, smartstd.toml, words the English error must hold, words the Chinese error must hold)
TOML_CASES = [
    ("limits-a-number", "limits = 5", ["[limits] must be a table", "not 5"], ["[limits] 必须是表"]),
    ("limits-a-list", "limits = [1, 2]", ["[limits] must be a table"], ["[limits] 必须是表"]),
    (
        "limits-a-string",  # was "unknown limit(s) a, b, c"
        'limits = "abc"',
        ["[limits] must be a table", "'abc'"],
        ["[limits] 必须是表"],
    ),
    (
        "limit-past-a-file-offset",  # was an internal OverflowError
        "[limits]\nmax_line_bytes = 100000000000000000000",
        ["Limits.max_line_bytes must be at most 9007199254740992"],
        ["Limits.max_line_bytes 不能大于 9007199254740992"],
    ),
    (
        "limit-negative",
        "[limits]\nmax_depth = -1",
        ["Limits.max_depth must be an integer >= 1, not -1"],
        ["Limits.max_depth 必须是不小于 1 的整数"],
    ),
    (
        "limit-a-float",
        "[limits]\nmax_findings = 1e400",
        ["Limits.max_findings must be an integer >= 1, not inf"],
        ["Limits.max_findings"],
    ),
    (
        "level-a-list",  # was "['L2'] is not a valid Level", naming no key
        'level = ["L2"]',
        ["level must be one of L1, L2, L3, not ['L2']"],
        ["level 必须是 L1, L2, L3 之一"],
    ),
    ("level-a-number", "level = 3", ["level must be one of L1, L2, L3, not 3"], ["level"]),
    (
        "fail-on-a-table",
        "fail-on = {a = 1}",
        ["fail-on must be one of error, warning, info"],
        ["fail-on 必须是"],
    ),
    (
        "lang-unknown",  # was accepted and ignored
        'lang = "fr"',
        ["lang must be one of zh-CN, en, not 'fr'"],
        ["lang 必须是 zh-CN, en 之一"],
    ),
    (
        "jobs-true",  # was accepted as one job
        "jobs = true",
        [f"jobs must be an integer from 1 to {MAX_JOBS}, not True"],
        [f"jobs 必须是 1 到 {MAX_JOBS} 之间的整数"],
    ),
    (
        "jobs-huge",  # was accepted: as many worker processes as parts of the file
        "jobs = 100000000000000000000",
        [f"jobs must be an integer from 1 to {MAX_JOBS}"],
        ["jobs 必须是"],
    ),
    ("jobs-negative", "jobs = -3", ["jobs must be an integer from 1"], ["jobs 必须是"]),
    (
        "waivers-a-number",  # was read as a file named "5"
        "waivers = 5",
        ["waivers must be a string"],
        ["waivers 必须是字符串"],
    ),
    (
        "waivers-a-table",
        "waivers = {a = 1}",
        ["waivers must be a string"],
        ["waivers 必须是字符串"],
    ),
    ("output-a-number", "output = 5", ["output must be a string"], ["output 必须是字符串"]),
    ("profiles-numbers", "profiles = [1]", ["profiles must be a list of strings"], ["profiles"]),
    (
        "severity-unknown",  # was "'fatal' is not a valid Severity", naming no rule
        '[severity]\nSC501 = "fatal"',
        ["[severity] SC501 must be one of error, warning, info, not 'fatal'"],
        ["[severity] 中 SC501 必须是"],
    ),
    (
        "severity-a-list",
        '[severity]\nSC501 = ["error"]',
        ["[severity] SC501 must be one of error, warning, info"],
        ["SC501"],
    ),
    ("severity-a-string", 'severity = "x"', ["[severity] must be a table"], ["[severity]"]),
    ("params-a-number", "params = 5", ["[params.CODE] tables expected"], ["[params.CODE]"]),
    (
        "param-a-string-for-a-number",  # was silently the default: the rule ran unconfigured
        '[params.SC303]\ngrace_hours = "4"',
        [f"[params.SC303] grace_hours must be a number from 0 to {PARAM_MAX}, not '4'"],
        ["[params.SC303] 中 grace_hours 必须是 0 到"],
    ),
    (
        "param-huge",  # was an internal OverflowError in SC308
        "[params.SC308]\ndays = 100000000000000000000000",
        ["[params.SC308] days must be a number from 0"],
        ["[params.SC308] 中 days"],
    ),
    (
        "param-infinite",  # was an internal OverflowError in SC306
        "[params.SC306]\nreopen_days = inf",
        ["[params.SC306] reopen_days must be a number from 0", "not inf"],
        ["reopen_days"],
    ),
    (
        "param-not-a-number",  # was an internal ValueError in SC304
        "[params.SC304]\ndefault_sla_hours = nan",
        ["[params.SC304] default_sla_hours must be a number", "not nan"],
        ["default_sla_hours"],
    ),
    (
        "param-negative",
        "[params.SC501]\nmax_age_days = -30",
        ["[params.SC501] max_age_days must be a number from 0"],
        ["max_age_days"],
    ),
    (
        "param-a-bool",
        "[params.SC407]\nack_minutes = true",
        ["[params.SC407] ack_minutes must be a number"],
        ["ack_minutes"],
    ),
    (
        "param-a-table-for-a-list",
        "[params.SC302]\nstatuses = {a = 1}",
        ["[params.SC302] statuses must be a list of strings"],
        ["statuses 必须是字符串列表"],
    ),
    (
        "param-a-string-for-a-list",  # a substring test would have matched "close"
        '[params.SC302]\nstatuses = "closed"',
        ["[params.SC302] statuses must be a list of strings", "not 'closed'"],
        ["statuses"],
    ),
    (
        "param-a-number-for-a-table",
        "[params.SC304]\nchannel_sla_hours = 5",
        ["[params.SC304] channel_sla_hours must be a table"],
        ["channel_sla_hours 必须是表"],
    ),
    (
        "param-a-string-in-a-table",
        '[params.SC304]\nchannel_sla_hours = {hotline_12345 = "48"}',
        ["[params.SC304] channel_sla_hours hotline_12345: must be a number"],
        ["hotline_12345"],
    ),
    (
        "param-bounds-reversed",
        "[params.SC405]\nkind_bounds = {cctv_camera = [90, 30]}",
        ["[params.SC405] kind_bounds cctv_camera: must be [minimum, maximum]", "[90, 30]"],
        ["cctv_camera", "最小值"],
    ),
    (
        "param-bounds-three",
        "[params.SC405]\nkind_bounds = {cctv_camera = [1, 2, 3]}",
        ["kind_bounds cctv_camera: must be [minimum, maximum]"],
        ["cctv_camera"],
    ),
    (
        "param-sectors-not-lists",
        "[params.SC624]\nsectors = {government = 5}",
        ["[params.SC624] sectors government: must be a list of strings"],
        ["government"],
    ),
    (
        "param-a-number-for-a-string",
        "[params.SC205]\ntable = 5",
        ["[params.SC205] table must be a string, not 5"],
        ["table 必须是字符串"],
    ),
    (
        "tables-3000-deep",  # was an internal RecursionError
        _DEEP_TABLE,
        ["tables or arrays nest too deeply"],
        ["嵌套过深"],
    ),
    ("arrays-3000-deep", _DEEP_ARRAY, ["nest too deeply"], ["嵌套过深"]),
    ("unknown-key", "colour = 1", ["unknown key(s) colour"], ["未知的配置项 colour"]),
    (
        "select-no-rule",  # the error named no configuration file
        'select = ["SC999"]',
        ["select: no rule matches 'SC999'"],
        ["select 中的 'SC999' 不匹配任何规则"],
    ),
    ("ignore-no-rule", 'ignore = ["zzz"]', ["ignore: no rule matches 'zzz'"], ["ignore 中的"]),
    ("not-toml", "level = ", ["cannot read configuration", "line 1"], ["无法读取配置文件"]),
]


@pytest.fixture
def no_locale(monkeypatch: pytest.MonkeyPatch) -> None:
    """Nothing in the environment names a language: the CLI speaks Chinese."""
    for var in ("SMARTSTD_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setattr(locale, "getlocale", lambda *args: (None, None))


def _assert_usage_error(result: object, words: list[str], name: str) -> None:
    out = getattr(result, "output", "") + getattr(result, "stderr", "")
    assert getattr(result, "exit_code", None) == 2, out
    assert "Traceback" not in out and "internal error" not in out and "内部错误" not in out, out
    assert name in out, out  # the file is named
    for word in words:
        assert word in out, (word, out)


@pytest.mark.usefixtures("no_locale")
@pytest.mark.parametrize(
    ("text", "en", "zh"), [c[1:] for c in TOML_CASES], ids=[c[0] for c in TOML_CASES]
)
def test_a_hostile_smartstd_toml_is_a_usage_error(
    text: str, en: list[str], zh: list[str], tmp_path: Path
) -> None:
    cfg = tmp_path / "smartstd.toml"
    cfg.write_text(text + "\n", encoding="utf-8")
    data = tmp_path / "d.json"
    data.write_text(DATA, encoding="utf-8")
    with pytest.raises(ConfigError):
        load_config(cfg)
    args = ["check", "--config", str(cfg), str(data)]
    _assert_usage_error(CliRunner().invoke(main, [*args, "--lang", "en"]), en, "smartstd.toml")
    _assert_usage_error(CliRunner().invoke(main, args), zh, "smartstd.toml")


def test_the_same_keys_in_pyproject_toml(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.smartstd]\nlimits = 5\n', encoding="utf-8"
    )
    with pytest.raises(ConfigError, match=r"pyproject\.toml: \[limits\] must be a table"):
        load_config(tmp_path / "pyproject.toml")
    # ``tool`` that is not a table is not ours: no settings, no crash
    (tmp_path / "pyproject.toml").write_text('tool = "x"\n', encoding="utf-8")
    assert load_config(tmp_path / "pyproject.toml").params == {}


def test_a_pyproject_nested_too_deeply_is_not_ours(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Looking for the configuration read it with tomllib: a RecursionError on every check."""
    (tmp_path / "pyproject.toml").write_text(_DEEP_TABLE + "\n", encoding="utf-8")
    (tmp_path / "d.json").write_text(DATA, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert load_config().source is None
    result = CliRunner().invoke(main, ["check", "--lang", "en", "d.json"])
    assert result.exit_code in (0, 1), result.output
    assert "Summary" in result.output


def test_good_values_still_load(tmp_path: Path) -> None:
    cfg = tmp_path / "smartstd.toml"
    cfg.write_text(
        'level = "L2"\nfail-on = "warning"\nlang = "en"\njobs = 2\noutput = "out/report.txt"\n'
        '[severity]\nSC501 = "error"\n'
        "[params.SC304]\ndefault_sla_hours = 48.5\nchannel_sla_hours = {hotline_12345 = 24}\n"
        "[params.SC405]\nkind_bounds = {cctv_camera = [30, 90]}\n"
        '[params.SC624]\nsectors = {government = ["street_office"]}\n'
        f"[limits]\nmax_depth = 32\nmax_findings = {2**53}\n",
        encoding="utf-8",
    )
    got = load_config(cfg)
    assert (got.level, got.fail_on, got.lang, got.jobs) == ("L2", "warning", "en", 2)
    assert got.output == tmp_path / "out" / "report.txt"
    assert got.params["SC304"] == {
        "default_sla_hours": 48.5,
        "channel_sla_hours": {"hotline_12345": 24},
    }
    assert got.limits.max_depth == 32


def test_output_in_the_configuration_writes_the_report(tmp_path: Path) -> None:
    """``output`` was documented and read as a known key, then never used."""
    (tmp_path / "smartstd.toml").write_text(
        'output = "report.txt"\nlang = "en"\n', encoding="utf-8"
    )
    (tmp_path / "d.json").write_text(DATA, encoding="utf-8")
    args = ["check", "--config", str(tmp_path / "smartstd.toml"), str(tmp_path / "d.json")]
    result = CliRunner().invoke(main, args)
    assert result.exit_code in (0, 1), result.output
    assert "Summary" in (tmp_path / "report.txt").read_text("utf-8")


# -- the Python API: the same checks, whether options are built or passed as keywords


@pytest.mark.parametrize(
    ("params", "words"),
    [
        ({"SC303": {"grace_hours": 10**23}}, "grace_hours of rule SC303 must be a number"),
        ({"SC308": {"days": float("inf")}}, "days of rule SC308 must be a number"),
        ({"SC304": {"default_sla_hours": float("nan")}}, "default_sla_hours of rule SC304"),
        ({"SC501": {"max_age_days": -(10**23)}}, "max_age_days of rule SC501"),
        ({"SC306": {"reopen_days": "30"}}, "reopen_days of rule SC306"),
        ({"SC405": {"kind_bounds": {"cctv_camera": [5]}}}, "kind_bounds of rule SC405"),
    ],
)
def test_the_api_refuses_a_parameter_that_stopped_a_rule(
    params: dict[str, dict[str, object]], words: str, tmp_path: Path
) -> None:
    data = tmp_path / "d.json"
    data.write_text(DATA, encoding="utf-8")
    with pytest.raises(UsageError, match=words):
        smartstd.check(str(data), params=params)
    with pytest.raises(UsageError, match=words):
        CheckOptions(params=params)


@pytest.mark.parametrize("jobs", [0, -1, True, 2.0, MAX_JOBS + 1, 10**20])
def test_the_api_refuses_a_number_of_jobs(jobs: object, tmp_path: Path) -> None:
    data = tmp_path / "d.json"
    data.write_text(DATA, encoding="utf-8")
    with pytest.raises(UsageError, match="jobs"):
        smartstd.check(str(data), jobs=jobs)


@pytest.mark.parametrize(
    ("params", "words"),
    [
        ({"SC9999": {"days": 1}}, "parameters given for 'SC9999', which is no rule"),
        ({"SC303": {"grace": 1}}, "rule SC303 has no parameter 'grace'; known: grace_hours"),
    ],
)
def test_the_api_refuses_a_parameter_no_rule_reads(
    params: dict[str, dict[str, object]], words: str
) -> None:
    """These were silently ignored (the configuration file refused them)."""
    with pytest.raises(UsageError, match=re.escape(words)):
        CheckOptions(params=params)


def test_codes_in_lower_case_are_applied(tmp_path: Path) -> None:
    """``params={"sc304": ...}`` and ``severities={"sc502": ...}`` were never read."""
    example = Path(__file__).resolve().parents[2] / "examples" / "guangzhou-panyu" / "dataset.json"
    upper = smartstd.check(
        str(example), params={"SC304": {"default_sla_hours": 1}}, severities={"SC502": "error"}
    )
    lower = smartstd.check(
        str(example), params={"sc304": {"default_sla_hours": 1}}, severities={"sc502": "error"}
    )
    assert upper.counts == lower.counts
    assert lower.counts["error"] > 0  # SC502 raised to an error
    assert sum(f.code == "SC304" for f in lower.findings) > 0


def test_keywords_leave_the_callers_options_as_they_were(tmp_path: Path) -> None:
    """``check(paths, opts, level="L1")`` used to write the level into ``opts``."""
    data = tmp_path / "d.json"
    data.write_text(DATA, encoding="utf-8")
    opts = CheckOptions()
    report = smartstd.check(str(data), opts, level="L1", select="SC1")
    assert report.requested_level.value == "L1"
    assert opts.level is None and opts.select == ()


# -- waivers


WAIVER_CASES = [
    (
        "file-a-number",  # was an internal TypeError when matching
        "- {code: SC202, pointer: /a, reason: r, expires: 2099-01-01, file: 5}",
        "waiver #1: 'file' must be a file name or path",
        "1:3",
    ),
    (
        "file-a-list",
        "- {code: SC202, pointer: /a, reason: r, expires: 2099-01-01, file: [a]}",
        "'file' must be a file name or path",
        "1:3",
    ),
    (
        "unknown-code",  # was accepted: a waiver that can never match
        "- {code: SC99999, pointer: /a, reason: r, expires: 2099-01-01}",
        "waiver #1: no rule 'SC99999'",
        "1:3",
    ),
    (
        "misspelt-key",  # `fille` was ignored: the waiver covered every file
        "- code: SC202\n  pointer: /a\n  reason: r\n  expires: 2099-01-01\n"
        "- code: SC202\n  pointer: /a\n  fille: a.json\n  reason: r\n  expires: 2099-01-01\n",
        "waiver #2: unknown key(s) fille",
        "5:3",
    ),
    (
        "entity-id-a-list",  # was waived as the id "[1, 2]"
        "- {code: SC202, entity_id: [1, 2], reason: r, expires: 2099-01-01}",
        "'entity_id' must be one entity id",
        "1:3",
    ),
    (
        "expires-a-timestamp",
        "waivers:\n  - {code: SC202, pointer: /a, reason: r, expires: 2099-01-01T10:00:00}",
        "'expires' must be a date",
        "2:5",
    ),
    (
        "no-reason",
        "- {code: SC202, pointer: /a, expires: 2099-01-01}",
        "'reason' is required",
        "1:3",
    ),
]


@pytest.mark.parametrize(
    ("text", "words", "where"), [c[1:] for c in WAIVER_CASES], ids=[c[0] for c in WAIVER_CASES]
)
def test_a_hostile_waivers_file_is_a_usage_error(
    text: str, words: str, where: str, tmp_path: Path
) -> None:
    waivers = tmp_path / "waivers.yaml"
    waivers.write_text(text + "\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=re.escape(words)):
        load_waivers(waivers)
    (tmp_path / "d.json").write_text(DATA, encoding="utf-8")
    args = ["check", "--lang", "en", "--waivers", str(waivers), str(tmp_path / "d.json")]
    _assert_usage_error(
        CliRunner().invoke(main, args), [words, f"waivers.yaml:{where}"], "waivers.yaml"
    )
    zh = CliRunner().invoke(main, ["check", "--lang", "zh-CN", *args[3:]])
    _assert_usage_error(zh, ["豁免", f"waivers.yaml:{where}"], "waivers.yaml")


def test_a_good_waivers_file_still_loads(tmp_path: Path) -> None:
    waivers = tmp_path / "waivers.yaml"
    waivers.write_text(
        "waivers:\n  - {code: sc202, entity_id: 17, reason: r, expires: 2099-01-01, file: d.json}\n",
        encoding="utf-8",
    )
    (w,) = load_waivers(waivers)
    assert (w.code, w.entity_id, w.file, w.line, w.column) == ("SC202", "17", "d.json", 2, 5)


# -- profiles: a parameter a profile "tightens" past what a rule can compute with

PROFILE = """\
profile:
  name: hunt
  version: 1.0.0
  standard_version: 1.0.0
  prefix: hunt
  prefix_uri: https://example.org/hunt
  title: {zh-CN: 测试, en: test}
params:
"""


@pytest.mark.parametrize(
    ("params", "words"),
    [
        # a lower bound tightened to minus 10^23 days was accepted, then an internal OverflowError
        (
            "  SC306: {reopen_days: -100000000000000000000000}",
            "params.SC306.reopen_days: must be a number",
        ),
        ("  SC303: {grace_hours: -5}", "params.SC303.grace_hours: must be a number from 0"),
        ("  SC304: {channel_sla_hours: {hotline_12345: -1}}", "hotline_12345: must be a number"),
    ],
)
def test_a_profile_parameter_a_rule_cannot_compute_with_is_a_problem(
    params: str, words: str, tmp_path: Path
) -> None:
    profile = tmp_path / "p.yaml"
    profile.write_text(PROFILE + params + "\n", encoding="utf-8")
    (tmp_path / "d.json").write_text(DATA, encoding="utf-8")
    args = ["check", "--lang", "en", "--profile", str(profile), str(tmp_path / "d.json")]
    _assert_usage_error(CliRunner().invoke(main, args), [words], "p.yaml")
    zh = CliRunner().invoke(main, ["check", "--lang", "zh-CN", *args[3:]])
    _assert_usage_error(zh, [words.partition(":")[0], "必须是 0 到 1000000 之间的数"], "p.yaml")
    assert "must be" not in zh.stderr


# -- crosswalks, and the other files convert and export read beside the data

_CSV = "id,submitted_at,category,channel,status,community_id\nr1,2026-06-01T09:00:00+08:00,repair,app,submitted,c1\n"


@pytest.mark.parametrize(
    ("text", "words"),
    [
        # was an internal RecursionError (yaml.safe_load, no limits)
        ("crosswalk: 1\nname: x\nx: " + "[" * 5000 + "]" * 5000, "max_depth"),
        # a source value named twice: one mapping was silently lost
        ("crosswalk: 1\nname: x\nname: y", "cw.yaml:3:1"),
        ("crosswalk: 1\nname: x\ntables: {t: {map: {[a]: b}}}", "cw.yaml:3:"),
    ],
)
def test_a_hostile_crosswalk_is_a_usage_error(text: str, words: str, tmp_path: Path) -> None:
    (tmp_path / "cw.yaml").write_text(text + "\n", encoding="utf-8")
    (tmp_path / "s.csv").write_text(_CSV, encoding="utf-8")
    args = ["convert", "--from", "csv", "--type", "ServiceRequest", "--crosswalk"]
    args += [str(tmp_path / "cw.yaml"), "-o", str(tmp_path / "o.ndjson"), str(tmp_path / "s.csv")]
    _assert_usage_error(CliRunner().invoke(main, [*args, "--lang", "en"]), [words], "cw.yaml")
    _assert_usage_error(CliRunner().invoke(main, [*args, "--lang", "zh-CN"]), [words], "cw.yaml")


@pytest.mark.parametrize("suffix", [".json", ".yaml"])
def test_a_reference_or_export_input_nested_too_deeply_is_a_usage_error(
    suffix: str, tmp_path: Path
) -> None:
    """Both read with json.loads / yaml.safe_load, whose recursion was an internal error."""
    deep = tmp_path / f"deep{suffix}"
    if suffix == ".json":
        deep.write_text('{"a":' * 100_000 + "1" + "}" * 100_000, encoding="utf-8")
    else:
        deep.write_text("a: " + "[" * 100_000 + "]" * 100_000, encoding="utf-8")
    (tmp_path / "s.csv").write_text(_CSV, encoding="utf-8")
    convert = ["convert", "--lang", "en", "--from", "csv", "--type", "ServiceRequest"]
    convert += ["--reference", str(deep), "-o", str(tmp_path / "o.ndjson"), str(tmp_path / "s.csv")]
    _assert_usage_error(CliRunner().invoke(main, convert), ["nested too deeply"], deep.name)
    export = ["export", "--lang", "zh-CN", "--to", "geojson", "-o", str(tmp_path / "o.geojson")]
    _assert_usage_error(CliRunner().invoke(main, [*export, str(deep)]), ["嵌套过深"], deep.name)
