"""Every sentence the CLI prints has a Chinese and an English form."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from click.testing import CliRunner

from smartstd.cli import main
from smartstd.cli.messages import MESSAGES, cli_lang, click_message, placeholders, t

CLI = Path(__file__).resolve().parents[1] / "src" / "smartstd" / "cli"
_ECHO = {"echo", "secho", "BadParameter", "UsageError", "ClickException", "BadOptionUsage"}


@pytest.mark.parametrize("key", sorted(MESSAGES))
def test_every_message_has_both_languages_with_the_same_fields(key: str) -> None:
    zh, en = MESSAGES[key]
    assert zh.strip() and en.strip()
    assert placeholders(zh) == placeholders(en)
    chinese = any("\u4e00" <= c <= "\u9fff" or "\uff00" <= c <= "\uffef" for c in zh)
    assert chinese, f"{key}: the Chinese form has no Chinese"


def _literal_sentence(node: ast.expr) -> str | None:
    """The English words of a literal (or f-string) argument, if it has any."""
    parts: list[str] = []
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        parts.append(node.value)
    elif isinstance(node, ast.JoinedStr):
        parts += [v.value for v in node.values if isinstance(v, ast.Constant)]
    text = "".join(parts)
    return text if any(c.isalpha() and c.isascii() for c in text) else None


def test_no_command_echoes_a_literal_sentence() -> None:
    offenders = []
    for path in sorted(CLI.glob("*.py")):
        if path.name == "messages.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if name in _ECHO:
                text = _literal_sentence(node.args[0])
                if text is not None and not text.startswith(("|", "#", "```")):
                    offenders.append(f"{path.name}:{node.lineno}: {text!r}")
    assert not offenders, "use smartstd.cli.messages.t:\n" + "\n".join(offenders)


def test_language_order(monkeypatch: pytest.MonkeyPatch) -> None:
    for var in ("SMARTSTD_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    assert cli_lang() == "zh-CN"
    assert cli_lang(configured="en") == "en"
    assert cli_lang("zh-CN", "en") == "zh-CN"
    monkeypatch.setenv("LC_ALL", "en_US.UTF-8")
    assert cli_lang() == "en"
    monkeypatch.setenv("SMARTSTD_LANG", "zh-CN")
    assert cli_lang() == "zh-CN"


@pytest.mark.parametrize(
    ("english", "chinese"),
    [
        (
            "No such option '--fromat'. Did you mean '--format'?",
            "没有选项 '--fromat'（是否应为 '--format'？）",
        ),
        ("No such command 'chekc'.", "没有命令 'chekc'"),
        ("Missing argument 'PATHS...'.", "缺少参数 'PATHS...'"),
        (
            "Invalid value for '--level': 'L9' is not one of 'L1', 'L2', 'L3'.",
            "'--level' 的值无效：'L9' 不是 'L1', 'L2', 'L3' 之一",
        ),
        (
            "Invalid value for 'PATHS...': Path 'x' does not exist.",
            "'PATHS...' 的值无效：路径 'x' 不存在",
        ),
        ("Option '-o' requires an argument.", "选项 '-o' 需要一个值"),
        ("Got unexpected extra argument (x)", "多余的参数：x"),
    ],
)
def test_click_messages_are_translated(english: str, chinese: str) -> None:
    assert click_message(english, "zh-CN") == chinese
    assert click_message(english, "en") == english


def test_usage_errors_in_chinese_end_to_end(tmp_path: Path) -> None:
    res = CliRunner().invoke(main, ["check", "--lang", "zh-CN", "--fromat", "x", "."])
    assert res.exit_code == 2
    assert "用法：smartstd check [选项]" in res.stderr and "没有选项" in res.stderr
    empty = tmp_path / "empty"
    empty.mkdir()
    res = CliRunner().invoke(main, ["check", "--lang", "zh-CN", str(empty)])
    assert res.exit_code == 2
    assert "中没有数据文件" in res.stderr and "smartstd：错误" in res.stderr
    res = CliRunner().invoke(main, ["check", "--lang", "en", str(empty)])
    assert "no data files" in res.stderr
    res = CliRunner().invoke(main, ["check", "--lang", "zh-CN", "-f", "yaml", str(tmp_path)])
    assert "未知的报告格式" in res.stderr or "没有数据文件" in res.stderr
    assert t("no_charter", "en").startswith("smartstd: no charter")
