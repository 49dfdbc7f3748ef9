"""``--help`` and click's usage errors in Chinese (the default) and in English on request."""

from __future__ import annotations

import inspect

import click
import pytest
from click.testing import CliRunner, Result

from smartstd.cli import main
from smartstd.cli.help_zh import COMMANDS
from smartstd.cli.helptext import iter_commands, text_width, wrap

_NO_LANG = {"SMARTSTD_LANG": None, "LC_ALL": None, "LC_MESSAGES": None, "COLUMNS": "80"}
ZH_ENV = {**_NO_LANG, "LANG": "zh_CN.UTF-8"}
EN_ENV = {**_NO_LANG, "LANG": "en_US.UTF-8"}

PATHS = [path for path, _, _ in iter_commands()]


def _run(args: list[str], env: dict[str, str | None]) -> Result:
    return CliRunner().invoke(main, args, env=env, prog_name="smartstd")


def _zh_summary(path: str) -> str:
    return inspect.cleandoc(COMMANDS[path]).split("。", 1)[0]


def _squash(text: str) -> str:
    return "".join(text.split())


def test_root_help_is_chinese_by_default() -> None:
    run = _run(["--help"], ZH_ENV)
    assert run.exit_code == 0
    out = run.stdout
    assert out.startswith("用法：smartstd [选项] 命令 [参数]...\n")
    assert "\n选项：\n" in out and "\n命令：\n" in out
    assert "  check     检查 PATHS" in out
    assert "显示本帮助并退出。" in out
    for english in ("Usage:", "Options:", "Commands:", "Show this message"):
        assert english not in out


def test_root_help_with_no_language_anywhere_is_chinese(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("locale.getlocale", lambda *a: (None, None))
    run = _run(["--help"], {**_NO_LANG, "LANG": None})
    assert run.stdout.startswith("用法：")


@pytest.mark.parametrize(
    ("args", "env", "chinese"),
    [
        (["check", "--help"], ZH_ENV, True),
        (["check", "--help"], {**ZH_ENV, "SMARTSTD_LANG": "en"}, False),
        (["check", "--help"], EN_ENV, False),
        (["check", "--lang", "en", "--help"], ZH_ENV, False),
        (["check", "--help", "--lang", "en"], ZH_ENV, False),
        (["check", "--help", "--lang=en"], ZH_ENV, False),
        (["check", "-h", "--lang", "zh-CN"], {**EN_ENV, "SMARTSTD_LANG": "en"}, True),
        (["--lang", "en", "check", "--help"], ZH_ENV, False),
        (["--lang", "en", "--help"], ZH_ENV, False),
        (["--help", "--lang", "en"], ZH_ENV, False),
        (["schema", "--help", "--lang", "en"], ZH_ENV, False),
        (["schema", "--lang", "zh-CN", "export", "-h"], EN_ENV, True),
    ],
)
def test_language_of_help(args: list[str], env: dict[str, str | None], chinese: bool) -> None:
    run = _run(args, env)
    assert run.exit_code == 0, run.output
    assert run.stdout.startswith("用法：" if chinese else "Usage:")
    assert ("选项：" in run.stdout) is chinese
    assert ("Options:" in run.stdout) is not chinese


def test_check_help_in_chinese_says_everything_in_chinese() -> None:
    out = _run(["check", "--help"], ZH_ENV).stdout
    assert out.startswith("用法：smartstd check [选项] PATHS...\n")
    assert "退出码：通过为 0，不通过为 1，用法错误为 2。" in out
    assert "\n参数：\n  PATHS...  同一数据集的文件、文件夹或 URL" in out
    assert "  -o, --output 文件 " in out  # a metavar that is a word
    assert "  --level [L1|L2|L3] " in out  # choices stay as they are typed
    assert "[默认：local]" in out and "[x>=1]" in out  # never broken inside
    assert "-h, --help" in out and "显示本帮助并退出。" in out


@pytest.mark.parametrize("path", PATHS, ids=lambda p: " ".join(p) or "smartstd")
def test_every_command_help_in_both_languages(path: tuple[str, ...]) -> None:
    args = [*path, "--help"]
    zh = _run(args, ZH_ENV)
    en = _run(args, EN_ENV)
    assert zh.exit_code == en.exit_code == 0
    name = " ".join(("smartstd", *path))
    assert zh.stdout.startswith(f"用法：{name} [选项]")
    assert en.stdout.startswith(f"Usage: {name} [OPTIONS]")
    key = " ".join(path)
    assert _squash(_zh_summary(key)) in _squash(zh.stdout)
    cmd = next(c for p, c, _ in iter_commands() if p == path)
    first = inspect.cleandoc(cmd.help or "").split("\n", 1)[0].split()[0]
    assert first in en.stdout
    assert "选项：" in zh.stdout and "Options:" in en.stdout
    assert "Options:" not in zh.stdout and "选项" not in en.stdout
    # Chinese is wrapped by display width: a CJK character takes two columns
    too_wide = [
        line
        for line in zh.stdout.splitlines()
        if text_width(line) > 80 and text_width(line) > len(line)
    ]
    assert too_wide == []


def test_group_lang_is_the_default_of_its_commands_lang() -> None:
    given = _run(["--lang", "en", "rules"], ZH_ENV)
    own = _run(["rules", "--lang", "en"], ZH_ENV)
    chinese = _run(["rules"], ZH_ENV)
    assert given.exit_code == own.exit_code == chinese.exit_code == 0
    assert given.stdout == own.stdout != chinese.stdout
    # the command's own --lang wins over its group's
    assert _run(["--lang", "en", "rules", "--lang", "zh-CN"], EN_ENV).stdout == chinese.stdout


# --------------------------------------------------------------------------- usage errors

_ERRORS = [
    (
        ["check", "--levl", "L2", "x"],
        "错误：没有选项 '--levl'",
        "Error: No such option '--levl'",
    ),
    (
        ["check", "--level", "L9", "x"],
        "错误：'--level' 的值无效：'L9' 不是 'L1', 'L2', 'L3' 之一",
        "Error: Invalid value for '--level': 'L9' is not one of 'L1', 'L2', 'L3'.",
    ),
    (["check"], "错误：缺少参数 'PATHS...'", "Error: Missing argument 'PATHS...'."),
    (["chek"], "错误：没有命令 'chek'", "Error: No such command 'chek'."),
]


@pytest.mark.parametrize(("args", "zh", "en"), _ERRORS)
def test_usage_errors_in_chinese(args: list[str], zh: str, en: str) -> None:
    run = _run(args, ZH_ENV)
    assert run.exit_code == 2
    name = "smartstd check" if args[0] == "check" else "smartstd"
    assert run.stderr.startswith(f"用法：{name} [选项] ")
    assert f"请运行 “{name} -h” 查看帮助。" in run.stderr
    assert zh in run.stderr
    assert "Usage" not in run.stderr and "Error" not in run.stderr


@pytest.mark.parametrize(("args", "zh", "en"), _ERRORS)
@pytest.mark.parametrize("how", ["env", "option", "group option"])
def test_usage_errors_in_english(args: list[str], zh: str, en: str, how: str) -> None:
    if how == "env":
        run = _run(args, {**ZH_ENV, "SMARTSTD_LANG": "en"})
    elif how == "option":
        run = _run([*args, "--lang", "en"], ZH_ENV)
    else:
        run = _run(["--lang", "en", *args], ZH_ENV)
    assert run.exit_code == 2
    assert run.stderr.startswith("Usage: smartstd")
    assert en in run.stderr
    assert "用法" not in run.stderr and "错误" not in run.stderr


def test_a_group_with_no_command_shows_its_help_not_an_error() -> None:
    run = _run(["schema"], ZH_ENV)
    assert run.exit_code == 2
    assert run.stderr.startswith("用法：smartstd schema [选项] 命令 [参数]...")
    assert "命令：" in run.stderr and "错误：" not in run.stderr


def test_a_command_invoked_on_its_own_speaks_the_same() -> None:
    cmd = main.get_command(click.Context(main), "check")
    assert cmd is not None
    run = CliRunner().invoke(cmd, ["--level", "L9", "x"], env=ZH_ENV)
    assert run.exit_code == 2
    assert "'--level' 的值无效" in run.stderr


# --------------------------------------------------------------------------- layout


def test_wrap_measures_columns_and_keeps_punctuation_off_line_starts() -> None:
    text = "检查数据是否符合标准，查询并检查社区的治理章程，发布各版本的模式文件和本地配置。" * 3
    lines = wrap(text, 30).splitlines()
    assert "".join(lines) == text
    assert all(text_width(line) <= 30 for line in lines)
    assert not any(line[0] in "，。、；：）" for line in lines)


def test_wrap_keeps_words_and_spaces_between_latin_and_cjk() -> None:
    lines = wrap("与 --engine dask 同用：每个任务最多处理的 NDJSON 字节数（默认 64 MiB）。", 24)
    joined = " ".join(lines.splitlines())
    assert "--engine" in joined and "NDJSON" in joined and "64 MiB" in joined
    assert all(text_width(line) <= 24 for line in lines.splitlines())


def test_wrap_never_breaks_inside_brackets() -> None:
    text = "信封的 classification（密级）。 [默认：internal]"
    assert wrap(text, 34).splitlines()[-1] == "[默认：internal]"
