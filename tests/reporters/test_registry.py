"""The registry of reporters, the options, and what all formats share."""

from __future__ import annotations

import doctest
import importlib
import io
import subprocess
import sys

import pytest

from smartstd.report import Report, Severity
from smartstd.reporters import REPORTERS, ReporterOptions, get_reporter, render_string

MODULES = [
    "smartstd.reporters",
    "smartstd.reporters._util",
    "smartstd.reporters.github",
    "smartstd.reporters.markdown",
]


def test_names_are_sorted_and_complete() -> None:
    assert list(REPORTERS) == sorted(REPORTERS)
    assert set(REPORTERS) == {"text", "json", "junit", "sarif", "github", "markdown", "html"}


@pytest.mark.parametrize("name", REPORTERS)
def test_every_name_gives_its_reporter(name: str) -> None:
    reporter = get_reporter(name)
    assert reporter.name == name
    assert reporter.suffix.startswith(".")
    assert "/" in reporter.media_type
    assert get_reporter(f"  {name.upper()} ") is reporter


def test_unknown_name_lists_the_known_ones() -> None:
    with pytest.raises(KeyError) as info:
        get_reporter("yaml")
    message = str(info.value)
    assert "'yaml'" in message
    for name in REPORTERS:
        assert name in message


@pytest.mark.usefixtures("fake_catalogue")
@pytest.mark.parametrize("name", REPORTERS)
@pytest.mark.parametrize("lang", ["en", "zh-CN"])
def test_empty_report_renders(name: str, lang: str) -> None:
    out = io.StringIO()
    get_reporter(name).render(Report(), lang=lang, color=False, out=out, options=None)
    assert out.getvalue().endswith("\n")


@pytest.mark.parametrize("name", REPORTERS)
def test_hostile_output_is_stable_and_encodes(name: str, hostile: Report) -> None:
    first = render_string(hostile, name, lang="zh-CN")
    assert first == render_string(hostile, name, lang="zh-CN")
    first.encode("utf-8")  # no lone surrogate slipped through


def test_options_coerce_and_check() -> None:
    assert ReporterOptions(fail_on="warning").fail_on is Severity.WARNING  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="max_findings"):
        ReporterOptions(max_findings=-1)
    with pytest.raises(ValueError, match="bogus"):
        ReporterOptions(fail_on="bogus")  # type: ignore[arg-type]


def test_importing_the_package_loads_no_format() -> None:
    code = (
        "import sys, smartstd.reporters; "
        "print(sorted(m for m in sys.modules if m.startswith(('rich', 'smartstd.reporters.'))))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "['smartstd.reporters.base']"


def test_plain_text_does_not_need_rich() -> None:
    code = (
        "import sys; from smartstd.reporters import render_string; "
        "from smartstd.report import Report; render_string(Report(), 'text'); "
        "print(any(m.startswith('rich') for m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"


@pytest.mark.parametrize("module", MODULES)
def test_doctests(module: str) -> None:
    result = doctest.testmod(importlib.import_module(module))
    assert result.failed == 0
