"""The Chinese help catalogue is complete, has nothing unused, and says what the English says.

"Says what the English says" is checked by what must not change in a
translation: the options, arguments, codes (SC202, L3, NO_COLOR) and numbers a
text names, its ``{}`` fields, and a command text's paragraphs.
"""

from __future__ import annotations

import inspect
import re

import click
import pytest

from smartstd.cli import help_zh
from smartstd.cli.helptext import iter_commands

_COMMANDS = list(iter_commands())
_PARAMS = [
    (" ".join(("smartstd", *path)), param)
    for path, cmd, ctx in _COMMANDS
    for param in cmd.get_params(ctx)
]
_TOKEN = re.compile(
    r"(?<![A-Za-z0-9_-])--?[a-z][a-z0-9-]*"  # options: --engine, -q
    r"|(?<![A-Za-z0-9_])([A-Z][A-Z0-9_]+(?:xx|nnn)?)s?(?![A-Za-z0-9_])"  # PATHS, SC6xx, NO_COLOR
    r"|(?<![A-Za-z0-9_.])\d+(?![A-Za-z0-9_])"  # numbers: exit codes, sizes
    r"|\{[^{}]*\}"  # format fields
)


def placeholders(text: str) -> set[str]:
    """What a translation must keep: options, names in capitals, codes, numbers and fields."""
    return {m.group(1) or m.group(0) for m in _TOKEN.finditer(text)}


def test_placeholders_sees_what_matters() -> None:
    text = "Check PATHS (SC6xx, SC1xx/SC2xx) with --engine dask: -q; exit 1; 64 MiB; {default} URLs"
    assert placeholders(text) == {
        "PATHS",
        "SC6xx",
        "SC1xx",
        "SC2xx",
        "--engine",
        "-q",
        "1",
        "64",
        "{default}",
        "URL",
    }
    assert placeholders("检查 PATHS（SC6xx）；与 --engine 同用") == {"PATHS", "SC6xx", "--engine"}


def test_every_command_has_chinese() -> None:
    paths = {" ".join(path) for path, _, _ in _COMMANDS}
    assert sorted(paths - set(help_zh.COMMANDS)) == []  # a command without Chinese
    assert sorted(set(help_zh.COMMANDS) - paths) == []  # Chinese of a command that is gone


@pytest.mark.parametrize("entry", _COMMANDS, ids=lambda e: " ".join(e[0]) or "smartstd")
def test_a_command_text_says_what_the_english_says(
    entry: tuple[tuple[str, ...], click.Command, click.Context],
) -> None:
    path, cmd, _ = entry
    english = inspect.cleandoc(cmd.help or "")
    chinese = inspect.cleandoc(help_zh.COMMANDS[" ".join(path)])
    assert english and chinese
    assert placeholders(chinese) == placeholders(english)
    assert chinese.count("\n\n") == english.count("\n\n")  # the same paragraphs
    assert chinese.split("\n\n")[0].endswith("。")  # the first line in the list of commands


def test_every_option_and_argument_has_help_in_both_languages() -> None:
    missing_en = [f"{where} {p.human_readable_name}" for where, p in _PARAMS if not _help(p)]
    assert missing_en == []
    missing_zh = sorted(
        {f"{where} {p.human_readable_name}: {_help(p)!r}" for where, p in _PARAMS}
        - {f"{where} {p.human_readable_name}: {_help(p)!r}" for where, p in _PARAMS if _zh(p)}
    )
    assert missing_zh == []


def test_no_chinese_text_is_left_over() -> None:
    used = {_help(p) for _, p in _PARAMS}
    assert sorted(set(help_zh.TEXTS) - used) == []


@pytest.mark.parametrize(("english", "chinese"), sorted(help_zh.TEXTS.items()))
def test_an_option_text_says_what_the_english_says(english: str, chinese: str) -> None:
    assert placeholders(chinese) == placeholders(english)
    assert chinese.endswith("。")


def test_metavars_that_are_words_have_chinese() -> None:
    arguments = {
        p.make_metavar(ctx).rstrip(".")
        for _, cmd, ctx in _COMMANDS
        for p in cmd.params
        if isinstance(p, click.Argument)
    }
    words = set()
    for _, cmd, ctx in _COMMANDS:
        for p in cmd.get_params(ctx):
            if isinstance(p, click.Option) and not (p.is_flag or p.count):
                metavar = p.make_metavar(ctx)
                if not metavar.startswith("[") and metavar not in arguments:
                    words.add(metavar.removesuffix("..."))
    # ID and N are names, not words
    assert sorted(words - set(help_zh.METAVARS) - {"ID", "N"}) == []


def test_click_words_keep_their_fields() -> None:
    for english, chinese in help_zh.CLICK.items():
        fields = re.compile(r"\{[^{}]*\}")
        assert fields.findall(chinese) == fields.findall(english), english


def _help(param: click.Parameter) -> str:
    return getattr(param, "help", None) or ""


def _zh(param: click.Parameter) -> str | None:
    return help_zh.TEXTS.get(_help(param))
