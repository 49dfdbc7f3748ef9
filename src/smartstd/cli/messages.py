"""Every sentence the command line prints of its own, in zh-CN and en.

Findings have their own catalogue (:mod:`smartstd.catalogue`); this module
holds what the CLI says around them: errors, hints, "wrote ..." lines and
click's usage errors, and (from :mod:`smartstd._error_messages`) the texts
of the library's usage and configuration errors. One table, each key a
``(zh-CN, en)`` pair, and one function::

    from smartstd.cli.messages import t
    click.echo(t("wrote_schemas", lang, n=3, target=out), err=True)

A test fails when a key lacks either language, when a placeholder differs
between the two, or when a command echoes a literal sentence that does not
come from here.

How the language is chosen (:func:`cli_lang`): ``--lang``; else ``lang`` in
the configuration file; else the environment (``SMARTSTD_LANG``, ``LC_ALL``,
``LC_MESSAGES``, ``LANG``, the first one set: ``zh*`` gives zh-CN, anything
else English); else the system locale; else zh-CN.

命令行自身输出的全部文字（错误、提示、用法错误），中英文成对存放，用 ``t(key, lang)`` 取用。
"""

from __future__ import annotations

import locale
import os
import re
import string
from functools import cache

from smartstd._error_messages import ERROR_MESSAGES
from smartstd._parser_messages import localize

__all__ = ["MESSAGES", "cli_lang", "click_message", "t"]

#: key -> (zh-CN, en). Placeholders are ``str.format`` fields, the same in both.
_CLI_MESSAGES: dict[str, tuple[str, str]] = {
    # a check on a Dask cluster
    "needs_dask_engine": ("需要同时指定 --engine dask", "needs --engine dask"),
    # errors and the guard
    "error": ("smartstd：错误：{message}", "smartstd: error: {message}"),
    "internal_error": (
        "smartstd 内部错误：{kind}：{message}\n这是 smartstd 的缺陷，请连同引发它的命令一起报告"
        "（设置 SMARTSTD_DEBUG=1 可显示调用栈）。",
        "smartstd: internal error: {kind}: {message}\nThis is a bug in smartstd; please report "
        "it with the command that caused it (set SMARTSTD_DEBUG=1 to see the traceback).",
    ),
    "unknown_format": (
        "未知的报告格式 {name}；可用格式：{known}",
        "unknown report format {name}; known formats: {known}",
    ),
    "no_charter": (
        "smartstd：输入中没有治理章程（治理类实体）",
        "smartstd: no charter (governance entities) among the inputs",
    ),
    "os_error": ("{file}：{reason}", "{file}: {reason}"),
    # click's own usage errors (translated by type, see click_message)
    "try_help": ("请运行 “{command} -h” 查看帮助。", "Try '{command} -h' for help."),
    "usage_error": ("错误：{message}", "Error: {message}"),
    "no_such_option": ("没有选项 {option}", "No such option: {option}"),
    "no_such_option_hint": (
        "没有选项 {option}（是否应为 {possibilities}？）",
        "No such option: {option} (Possible options: {possibilities})",
    ),
    "no_such_command": ("没有命令 {command}", "No such command {command}."),
    "no_such_command_hint": (
        "没有命令 {command}（是否应为 {possibilities}？）",
        "No such command {command}. Did you mean {possibilities}?",
    ),
    "missing_argument": ("缺少参数 {param}", "Missing argument {param}."),
    "missing_option": ("缺少选项 {param}", "Missing option {param}."),
    "missing_option_choices": (
        "缺少选项 {param}，可选值：{choices}",
        "Missing option {param}. Choose from: {choices}",
    ),
    "missing_parameter": ("缺少 {param}", "Missing parameter {param}."),
    "extra_arguments": ("多余的参数：{args}", "Got unexpected extra argument(s) ({args})"),
    "option_needs_value": ("选项 {option} 需要一个值", "Option {option} requires an argument."),
    "bad_value": ("{param} 的值无效：{reason}", "Invalid value for {param}: {reason}"),
    "bad_value_plain": ("值无效：{reason}", "Invalid value: {reason}"),
    "not_one_of": ("{value} 不是 {choices} 之一", "{value} is not one of {choices}."),
    "path_missing": ("路径 {path} 不存在", "Path {path} does not exist."),
    "path_is_dir": ("{path} 是文件夹，此处需要文件", "{path} is a directory."),
    "path_is_file": ("{path} 是文件，此处需要文件夹", "{path} is a file."),
    "not_integer": ("{value} 不是有效的整数", "{value} is not a valid integer."),
    "not_float": ("{value} 不是有效的数", "{value} is not a valid float."),
    "out_of_range": ("{value} 不在允许的范围 {range} 内", "{value} is not in the range {range}."),
    "a_date": ("应为日期，例如 2026-05-01", "a date such as 2026-05-01"),
    "file_error": ("无法打开文件 {file}：{reason}", "Could not open file {file}: {reason}"),
    "aborted": ("已中止。", "Aborted!"),
    # results of commands
    "wrote_schemas": ("已将 {n} 个模式写入 {target}", "wrote {n} schemas to {target}"),
    "wrote_bundle": (
        "已将 SCDS {version} 模式包的 {n} 个文件写入 {out}",
        "wrote {n} files of the SCDS {version} bundle to {out}",
    ),
    "wrote_profile_bundle": (
        "已将 {ref} 配置包的 {n} 个文件写入 {out}",
        "wrote {n} files of the {ref} bundle to {out}",
    ),
    "schemas_match": (
        "{target} 中的 {n} 个模式与模型一致",
        "{n} schemas in {target} match the models",
    ),
    "invalid": ("无效：{error}", "invalid: {error}"),
    "plain_error": ("错误：{error}", "error: {error}"),
    "wrote_example": (
        "已将示例数据写入 {out}（{n} 个文件）。下一步：smartstd check {out}",
        "wrote the example to {out} ({n} files). Next: smartstd check {out}",
    ),
    "unknown_domain": (
        "未知的责任领域 {domain}；章程中有：{known}",
        "unknown domain {domain}; the charter knows: {known}",
    ),
    "no_assertions": (
        "没有可测试的断言（请用 -a FILE 指定，或在章程中给出断言列表）",
        "no assertions to test (give -a FILE, or an assertions list in the charter)",
    ),
    "run_check_for_report": (
        "用 smartstd check 查看完整报告。",
        "Run smartstd check for the full report.",
    ),
    "migrate_lost": (
        "已丢弃：{where}{pointer} = {value}（{reason}；步骤 {step}）",
        "lost: {where}{pointer} = {value} ({reason}; step {step})",
    ),
    "migrate_cannot_carry": (
        "无法迁移：{where}{pointer} = {value}（{reason}；步骤 {step}）",
        "cannot carry: {where}{pointer} = {value} ({reason}; step {step})",
    ),
    "migrate_line": ("第 {line} 行 ", "line {line} "),
    "migrate_no_step": ("无需步骤（已是该版本）", "no step (already at that version)"),
    "migrated": (
        "已将 {path} 从 SCDS {source} 迁移到 {target}（{chain}）；已写入 {out}",
        "migrated {path} from SCDS {source} to {target} ({chain}); wrote {out}",
    ),
    "migrate_dropped": (
        "有 {n} 个值无法迁移，已按 --accept-loss 丢弃",
        "{n} value(s) could not be carried and were dropped (--accept-loss)",
    ),
    "not_migrated": (
        "未迁移：有 {n} 个值无法迁移到 {to}，未写入任何文件。"
        "请先修正，或加 --accept-loss 明确丢弃。",
        "not migrated: {n} value(s) cannot be carried to {to}; nothing was written. "
        "Fix them, or pass --accept-loss to drop them knowingly.",
    ),
    "profile_ok": (
        "通过：{ref} 基于 SCDS {version}{extends}；新增 {fields} 个字段、{codes} 个代码；"
        "要求 {required} 个字段；{constraints} 条约束、{params} 个规则参数、"
        "{severities} 处严重程度调整",
        "ok: {ref} builds on SCDS {version}{extends}; adds {fields} field(s) and "
        "{codes} code(s); requires {required} field(s); {constraints} constraint(s), "
        "{params} rule parameter(s), {severities} severity change(s)",
    ),
    "profile_extends": ("，扩展 {bases}", ", extends {bases}"),
    "publish_other_version": (
        "smartstd：警告：模型定义的是 SCDS {models}，将以 {version} 发布",
        "smartstd: warning: the models define SCDS {models}; publishing them as {version}",
    ),
    "schema_not_generated": ("不是由模型生成的：{path}", "not generated by the models: {path}"),
    "schema_missing": ("缺少：{path}", "missing: {path}"),
    "schema_differs": ("与模型不一致：{path}", "differs from the models: {path}"),
    "schema_run_export": (
        "请运行 `smartstd schema export`（或 `schema build`）并提交结果",
        "run `smartstd schema export` (or `schema build`) and commit the result",
    ),
    "generated": (
        "已生成 {n} 条记录，用时 {seconds:.2f} 秒（每秒 {rate:,.0f} 条）",
        "generated {n} records in {seconds:.2f}s ({rate:,.0f} records/s)",
    ),
    "no_rule_matches": ("没有与 {pattern} 匹配的规则", "no rule matches {pattern}"),
    "no_rule": (
        "没有规则 {code}；运行 `smartstd rules` 查看列表",
        "no rule {code}; run `smartstd rules` for the list",
    ),
    # convert, export, template (#15)
    "convert_summary": (
        "读取 {read} 条，写出 {written} 条；"
        "问题 {issues}（错误 {errors}），推定 {guessed}，丢弃 {dropped}",
        "read {read}, wrote {written}; {issues} issue(s) ({errors} error(s)), "
        "{guessed} guessed, {dropped} dropped",
    ),
    "convert_checked": ("；检查等级 {level}", "; check level {level}"),
    "convert_dropped": ("{source}：丢弃 {name}：{reason}", "{source}: dropped {name}: {reason}"),
    "convert_output_line": ("输出第 {line} 行", "output line {line}"),
    "convert_crosswalk_written": (
        "已写出对照表 {out}；{n} 个服务代码为推断：{codes}",
        "{out}: crosswalk written; {n} service code(s) guessed: {codes}",
    ),
    "template_written": ("已写出模板 {out}：{types}", "{out}: template of {types}"),
}

#: Everything the command line can say: its own sentences and the library's errors.
MESSAGES: dict[str, tuple[str, str]] = {**_CLI_MESSAGES, **ERROR_MESSAGES}

_ZH, _EN = 0, 1


def _index(lang: str | None) -> int:
    return _EN if (lang or "").lower().startswith("en") else _ZH


def t(key: str, lang: str | None, **values: object) -> str:
    """The message ``key`` in ``lang`` (``zh-CN`` unless it starts with ``en``), filled in.

    Raises:
        KeyError: if the catalogue has no such key (a bug: the test suite checks every key).
    """
    text = MESSAGES[key][_index(lang)]
    # a reason or an error a parser or the system gave in English, said again by kind
    return text.format(**localize(values, lang or "zh-CN")) if values else text


def placeholders(text: str) -> set[str]:
    """The names of the ``str.format`` fields in ``text``."""
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def lang_from_env(environ: dict[str, str] | None = None) -> str | None:
    """zh-CN or en from ``SMARTSTD_LANG``/``LC_ALL``/``LC_MESSAGES``/``LANG``, or ``None``."""
    env = os.environ if environ is None else environ
    for var in ("SMARTSTD_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(var)
        if value:
            return "zh-CN" if value.lower().startswith("zh") else "en"
    return None


def cli_lang(explicit: str | None = None, configured: str | None = None) -> str:
    """The language of the CLI's output (see the module docstring for the order)."""
    if explicit:
        return "en" if explicit.lower().startswith("en") else "zh-CN"
    if configured:
        return "en" if configured.lower().startswith("en") else "zh-CN"
    from_env = lang_from_env()
    if from_env is not None:
        return from_env
    try:
        loc = locale.getlocale()[0] or ""
    except ValueError:
        loc = ""
    if loc:
        return "zh-CN" if loc.lower().startswith("zh") else "en"
    return "zh-CN"


# click's English texts (click 8) and the key that says them in either language
# (compiled on the first usage error, not on every run's import: _click_patterns).
_CLICK_SOURCES: tuple[tuple[str, str], ...] = tuple(
    (p, k)
    for p, k in (
        (  # a missing --from: click lists the choices after it
            r"^Missing option (?P<param>.+?)\.?\s+Choose from:\s*(?P<choices>.+)$",
            "missing_option_choices",
        ),
        (
            r"^No such option:? (?P<option>\S+?)\.?\s+\(Possible options: (?P<possibilities>.+)\)$",
            "no_such_option_hint",
        ),
        (
            r"^No such option:? (?P<option>\S+?)\.?(?: Did you mean (?P<possibilities>\S+)\?)?$",
            "no_such_option_hint",
        ),
        (  # click 8.2+: several close matches
            r"^No such option:? (?P<option>\S+?)\.?\s+\(Did you mean one of: "
            r"(?P<possibilities>.+)\?\)$",
            "no_such_option_hint",
        ),
        (
            r"^No such command (?P<command>\S+?)\.?\s+\(Did you mean one of: "
            r"(?P<possibilities>.+)\?\)$",
            "no_such_command",
        ),
        (
            r"^No such command (?P<command>\S+?)\.?(?: Did you mean (?P<possibilities>\S+)\?)?$",
            "no_such_command",
        ),
        (r"^Missing argument (?P<param>.+?)\.?$", "missing_argument"),
        (r"^Missing option (?P<param>.+?)\.?$", "missing_option"),
        (r"^Missing parameter:? (?P<param>.+?)\.?$", "missing_parameter"),
        (r"^Got unexpected extra arguments? \((?P<args>.*)\)$", "extra_arguments"),
        (r"^Option (?P<option>\S+) requires an argument\.?$", "option_needs_value"),
        (r"^Option (?P<option>\S+) requires \d+ arguments\.?$", "option_needs_value"),
        (r"^(?P<value>.+?) is not one of (?P<choices>.+?)\.?$", "not_one_of"),
        (r"^(?P<value>.+?) is not a valid integer( range)?\.?$", "not_integer"),
        (r"^(?P<value>.+?) is not a valid float( range)?\.?$", "not_float"),
        (r"^(?P<value>.+?) is not in the range (?P<range>.+?)\.?$", "out_of_range"),
        (r"^(?:File|Directory|Path) (?P<path>.+?) does not exist\.?$", "path_missing"),
        (r"^(?:File|Path) (?P<path>.+?) is a directory\.?$", "path_is_dir"),
        (r"^(?:Directory|Path) (?P<path>.+?) is a file\.?$", "path_is_file"),
        (r"^a date such as 2026-05-01$", "a_date"),
    )
)
_INVALID_VALUE = r"^Invalid value for (?P<param>.+?): (?P<reason>.*)$"
_INVALID_PLAIN = r"^Invalid value: (?P<reason>.*)$"


@cache
def _click_patterns() -> tuple[tuple[re.Pattern[str], str], ...]:
    return tuple((re.compile(p, re.S), k) for p, k in _CLICK_SOURCES)


@cache
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.S)


def _translate_sentence(text: str, lang: str) -> str:
    for pattern, key in _click_patterns():
        m = pattern.match(text.strip())
        if m:
            values = {k: (v or "") for k, v in m.groupdict().items()}
            if "choices" in values:  # click writes them one a line, tab-indented
                values["choices"] = ", ".join(c.strip(" ,") for c in values["choices"].split())
            if key == "no_such_option_hint" and not values.get("possibilities"):
                key = "no_such_option"
            if key == "no_such_command" and values.get("possibilities"):
                key = "no_such_command_hint"
            return t(key, lang, **values)
    return text


def click_message(text: str, lang: str) -> str:
    """One of click's English error texts in ``lang`` (unchanged for English or unknown texts).

    >>> click_message("No such option: --fromat", "zh-CN")
    '没有选项 --fromat'
    """
    if _index(lang) == _EN:
        return text
    m = _compiled(_INVALID_VALUE).match(text)
    if m:
        return t("bad_value", lang, param=m["param"], reason=_translate_sentence(m["reason"], lang))
    m = _compiled(_INVALID_PLAIN).match(text)
    if m:
        return t("bad_value_plain", lang, reason=_translate_sentence(m["reason"], lang))
    return _translate_sentence(text, lang)
