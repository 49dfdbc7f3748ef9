"""Every usage and configuration error the library raises can be said in Chinese.

The raise sites are read with :mod:`ast`: each ``UsageError(...)`` or
``ConfigError(...)`` in ``src/smartstd`` names a catalogue key and passes
exactly the fields its message uses, and no literal (English-only) text.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from click.testing import CliRunner

import smartstd
from smartstd._error_messages import ERROR_MESSAGES, render
from smartstd.cli import main
from smartstd.cli.messages import _CLI_MESSAGES, MESSAGES, placeholders
from smartstd.config import load_config
from smartstd.errors import ConfigError, InputError, UsageError

SRC = Path(__file__).resolve().parents[1] / "src" / "smartstd"
_ERRORS = {"UsageError", "ConfigError", "InputError", "UnknownNameError", "UnsupportedTypeError"}


def _raise_sites() -> list[tuple[str, ast.Call]]:
    sites = []
    for path in sorted(SRC.rglob("*.py")):
        if path.name == "errors.py" and path.parent == SRC:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if name in _ERRORS:
                sites.append((f"{path.relative_to(SRC)}:{node.lineno}", node))
    return sites


SITES = _raise_sites()


def test_the_raise_sites_are_found() -> None:
    assert len(SITES) > 100  # the walk must see the library, not an empty folder


def _site_problem(node: ast.Call) -> str | None:
    if node.args:
        return "a literal message (English only); raise it with key=... and its fields"
    keywords = {k.arg: k.value for k in node.keywords if k.arg not in (None, "findings")}
    if any(k.arg is None for k in node.keywords):
        return "**params hides the fields from this test; name them"
    key = keywords.pop("key", None)
    if not (isinstance(key, ast.Constant) and isinstance(key.value, str)):
        return "no key=... (a string naming the message in smartstd/_error_messages.py)"
    if key.value not in ERROR_MESSAGES:
        return f"key {key.value!r} is not in smartstd/_error_messages.py"
    wanted = placeholders(ERROR_MESSAGES[key.value][1])
    if set(keywords) != wanted:
        return f"key {key.value!r} takes {sorted(wanted)}, given {sorted(keywords)}"
    return None


def test_every_raise_site_names_a_key_with_its_fields() -> None:
    problems = [f"{where}: {p}" for where, node in SITES if (p := _site_problem(node))]
    assert not problems, "\n".join(problems)


def test_every_error_message_is_raised_somewhere() -> None:
    used = {
        k.value.value
        for _, node in SITES
        for k in node.keywords
        if k.arg == "key" and isinstance(k.value, ast.Constant)
    }
    assert set(ERROR_MESSAGES) - used == set()


@pytest.mark.parametrize("key", sorted(ERROR_MESSAGES))
def test_every_error_message_has_chinese_and_english(key: str) -> None:
    zh, en = ERROR_MESSAGES[key]
    assert zh.strip() and en.strip()
    assert placeholders(zh) == placeholders(en)
    assert any("\u4e00" <= c <= "\u9fff" for c in zh), f"{key}: the Chinese form has no Chinese"
    assert not any(
        "\u4e00" <= c <= "\u9fff" for c in en.replace("代码,...,启用时间,变更/弃用时间", "")
    )


def test_the_cli_table_holds_the_errors_without_clashes() -> None:
    assert not set(_CLI_MESSAGES) & set(ERROR_MESSAGES)
    assert set(MESSAGES) == set(_CLI_MESSAGES) | set(ERROR_MESSAGES)


def test_an_error_says_itself_in_either_language() -> None:
    exc = UsageError(key="no_such_file", path="a.json")
    assert str(exc) == "no such file: a.json"
    assert exc.message("en") == "no such file: a.json"
    assert exc.message("zh-CN") == "文件不存在：a.json"
    assert isinstance(exc, ValueError)
    outer = ConfigError(key="config_unreadable", file="x.toml", reason=exc)
    assert outer.message("zh-CN") == "无法读取配置文件 x.toml：文件不存在：a.json"
    assert str(outer) == "cannot read configuration x.toml: no such file: a.json"
    assert UsageError("plain text").message("zh-CN") == "plain text"
    assert InputError("bad").message("zh-CN") == "bad" == str(InputError("bad"))
    with pytest.raises(TypeError):
        UsageError()
    with pytest.raises(KeyError):
        render("no such key", "en", {})


def test_a_config_error_in_chinese_by_default_and_english_on_request(tmp_path: Path) -> None:
    cfg = tmp_path / "smartstd.toml"
    cfg.write_text('level = "L1"\njobs = 0\n', encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_config(cfg)
    assert info.value.key == "config_bad_jobs"
    (tmp_path / "d.json").write_text('{"entities": []}', encoding="utf-8")
    args = ["check", "--config", str(cfg), str(tmp_path / "d.json")]
    zh = CliRunner().invoke(main, [*args, "--lang", "zh-CN"])
    assert zh.exit_code == 2
    assert (
        "smartstd：错误：" in zh.stderr and "jobs 必须是 1 到 512 之间的整数，而不是 0" in zh.stderr
    )
    en = CliRunner().invoke(main, [*args, "--lang", "en"])
    assert en.exit_code == 2
    assert (
        "smartstd: error:" in en.stderr
        and "jobs must be an integer from 1 to 512, not 0" in en.stderr
    )


def test_an_unknown_rule_pattern_is_a_usage_error_in_either_language(tmp_path: Path) -> None:
    data = tmp_path / "d.json"
    data.write_text('{"entities": []}', encoding="utf-8")
    zh = CliRunner().invoke(main, ["check", "--lang", "zh-CN", "--select", "SC999", str(data)])
    assert zh.exit_code == 2
    assert "没有与 'SC999' 匹配的规则" in zh.stderr
    en = CliRunner().invoke(main, ["graph", "check", "--lang", "en", "--ignore", "nope", str(data)])
    assert en.exit_code == 2
    assert "no rule matches 'nope'" in en.stderr


def test_an_input_error_lists_its_findings_in_either_language(tmp_path: Path) -> None:
    frag = tmp_path / "frag.json"
    frag.write_text('{"entities": []}', encoding="utf-8")
    with pytest.raises(InputError) as info:
        smartstd.load(frag)
    exc = info.value
    assert exc.key == "dataset_unloadable"
    assert str(exc).startswith(f"cannot load a dataset from {frag}: 1 problem(s)\n  ")
    zh = exc.message("zh-CN")
    assert zh.startswith(f"无法从 {frag} 加载数据集：1 个问题\n  ")
    assert zh.splitlines()[1] != str(exc).splitlines()[1]  # the finding is said in Chinese too
    res = CliRunner().invoke(main, ["info", "--lang", "zh-CN", str(frag)])
    assert res.exit_code == 1 and "无法从" in res.stderr
