"""The ``github`` reporter: workflow commands that data cannot hijack."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from smartstd.report import Finding, Report, Severity
from smartstd.reporters import ReporterOptions, render_string
from smartstd.reporters._util import visible
from smartstd.reporters.github import escape_data, escape_property

COMMAND = re.compile(r"^::(error|warning|notice) (?P<props>[^:]*)::(?P<message>.*)$")


def _unescape(value: str) -> str:
    for escaped, raw in (("%3A", ":"), ("%2C", ","), ("%0A", "\n"), ("%0D", "\r"), ("%25", "%")):
        value = value.replace(escaped, raw)
    return value


def _commands(text: str) -> list[tuple[str, dict[str, str], str]]:
    lines = text.splitlines()
    assert lines[-1].startswith("smartstd: ") or lines[-1].startswith("smartstd：")
    commands = []
    for line in lines[:-1]:
        match = COMMAND.match(line)
        assert match, f"not a single workflow command: {line!r}"
        props = dict(p.split("=", 1) for p in match["props"].split(","))
        commands.append((match[1], {k: _unescape(v) for k, v in props.items()}, match["message"]))
    return commands


def test_escape_functions() -> None:
    assert escape_data("100%\r\nx") == "100%25%0D%0Ax"
    assert escape_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"
    # Escaping '%' first is what keeps a literal "%0A" in the data literal.
    assert _unescape(escape_data("%0A")) == "%0A"


def test_injection_cannot_start_a_command(hostile: Report) -> None:
    text = render_string(hostile, "github", lang="en")
    for line in text.splitlines():
        assert not line.startswith(("::set-output", "::add-mask", "::stop-commands", "##["))
        assert line.startswith(("::error ", "::warning ", "::notice ", "smartstd: "))
    commands = _commands(text)
    assert len(commands) == len(hostile.findings)
    assert "\r" not in text


def test_commands_carry_location_title_and_message(hostile: Report) -> None:
    commands = _commands(render_string(hostile, "github", lang="en"))
    by_title = {(c[1]["title"], c[1].get("line")): c for c in commands}
    kind, props, message = by_title[("SC202 unresolved-reference", "3")]
    assert kind == "error"
    assert props == {
        "file": "data/people.ndjson",
        "line": "3",
        "col": "15",
        "title": "SC202 unresolved-reference",
    }
    finding = next(f for f in hostile.findings if f.line == 3)
    expected = visible(finding.message("en") + " (/entities/3/manager_id)", keep_newlines=True)
    assert _unescape(message) == expected
    assert "\n::set-output name=x::pwned\n::add-mask::secret" in _unescape(message)

    kind, props, _ = by_title[("SC402 unmasked-phone", "1")]
    assert kind == "warning"
    assert props["file"] == "data/odd, name:<&>|.json"  # survived ',' and ':' in the name
    kind, props, _ = by_title[("SC704 older-version", None)]
    assert kind == "notice"
    assert "line" not in props
    kind, props, _ = by_title[("SC601 no-accountable", None)]
    assert "file" not in props
    kind, props, _ = by_title[("SC999", "2")]
    assert props["file"] == "data/win/a.json"


@pytest.mark.usefixtures("fake_catalogue")
def test_hostile_title_and_file_cannot_break_properties() -> None:
    finding = Finding(
        "SC202",
        Severity.ERROR,
        file="a,line=99::x\n::add-mask::y.json",
        line=1,
        params={"field": "f", "target": "t"},
    )
    commands = _commands(render_string(Report(findings=(finding,)), "github"))
    [(_, props, _)] = commands
    assert props["line"] == "1"
    assert props["file"] == "a,line=99::x\\n::add-mask::y.json"


def test_summary_is_appended(hostile: Report, tmp_path: Path) -> None:
    summary = tmp_path / "summary.md"
    summary.write_text("earlier step\n", encoding="utf-8")
    options = ReporterOptions(summary_path=summary)
    render_string(hostile, "github", lang="zh-CN", options=options)
    text = summary.read_text("utf-8")
    assert text.startswith("earlier step\n# smartstd 符合性检查报告\n")
    assert "| 代码 | 规则 | 严重程度 | 数量 |" in text


def test_summary_respects_max_findings(hostile: Report, tmp_path: Path) -> None:
    summary = tmp_path / "summary.md"
    render_string(hostile, "github", options=ReporterOptions(summary_path=summary, max_findings=2))
    assert "… and 4 more findings not shown." in summary.read_text("utf-8")


def test_summary_line_in_both_languages(clean: Report) -> None:
    en = render_string(clean, "github", lang="en").splitlines()[-1]
    zh = render_string(clean, "github", lang="zh-CN").splitlines()[-1]
    assert en == (
        f"smartstd: SCDS {clean.standard_version}; 2 errors, 1 warning, 0 info;"
        " level reached L1 structural (requested L2 consistent); conformant: no"
    )
    assert zh.startswith(f"smartstd：SCDS {clean.standard_version}；错误 2 个")
