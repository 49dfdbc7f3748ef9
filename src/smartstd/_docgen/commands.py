"""The command-line reference (``reference/cli.md``, ``cli.zh.md``), from the click commands.

The English page shows the texts of the code; the Chinese one the texts
``smartstd --help`` shows in Chinese (:mod:`smartstd.cli.help_zh`, looked up
by :mod:`smartstd.cli.helptext`), so both say what the terminal says.
"""

from __future__ import annotations

from collections.abc import Iterator

import click

from smartstd._docgen.markdown import cell, code_span, fence, page_text, prose, table

#: The words of the page in each language.
_LABELS: dict[str, dict[str, str]] = {
    "en": {
        "count": "count",
        "flag": "flag",
        "one of": "one of",
        "integer": "integer",
        "file": "file",
        "folder": "folder",
        "path": "path",
        "text": "text",
        "number": "number",
        "boolean": "boolean",
        "yes": "yes",
        "no": "no",
        "Arguments": "Arguments",
        "Argument": "Argument",
        "Type": "Type",
        "Required": "Required",
        "Repeatable": "Repeatable",
        "Help": "Help",
        "Options": "Options",
        "Option": "Option",
        "Default": "Default",
        "Commands:": "Commands:",
        "(repeatable)": "(repeatable)",
    },
    "zh-CN": {
        "count": "计数",
        "flag": "开关",
        "one of": "取值之一：",
        "integer": "整数",
        "file": "文件",
        "folder": "文件夹",
        "path": "路径",
        "text": "文本",
        "number": "数值",
        "boolean": "布尔值",
        "yes": "是",
        "no": "否",
        "Arguments": "参数",
        "Argument": "参数",
        "Type": "类型",
        "Required": "必需",
        "Repeatable": "可重复",
        "Help": "说明",
        "Options": "选项",
        "Option": "选项",
        "Default": "默认值",
        "Commands:": "子命令：",
        "(repeatable)": "（可重复）",
    },
}


def _iter_commands(
    cmd: click.Command, path: tuple[str, ...], parent: click.Context | None
) -> Iterator[tuple[tuple[str, ...], click.Command, click.Context]]:
    ctx = click.Context(cmd, info_name=path[-1], parent=parent, **cmd.context_settings)
    yield path, cmd, ctx
    if isinstance(cmd, click.Group):
        for name in cmd.list_commands(ctx):
            sub = cmd.get_command(ctx, name)
            if sub is not None and not sub.hidden:
                yield from _iter_commands(sub, (*path, name), ctx)


def cli_commands() -> list[tuple[str, ...]]:
    """Every command path of the CLI, e.g. ``("smartstd", "schema", "export")``."""
    from smartstd.cli import main as cli_main

    return [path for path, _, _ in _iter_commands(cli_main, ("smartstd",), None)]


def _param_type(param: click.Parameter, lang: str = "en") -> str:
    words = _LABELS[lang]
    t = param.type
    if isinstance(param, click.Option) and param.count:
        return words["count"]
    if isinstance(param, click.Option) and param.is_flag:
        return words["flag"]
    if isinstance(t, click.Choice):
        return words["one of"] + " " + ", ".join(code_span(c) for c in t.choices)
    if isinstance(t, click.IntRange):
        bounds = []
        if t.min is not None:
            bounds.append(f"≥ {t.min}")
        if t.max is not None:
            bounds.append(f"≤ {t.max}")
        return words["integer"] + " " + " ".join(bounds)
    if isinstance(t, click.Path):
        if not t.dir_okay:
            return words["file"]
        if not t.file_okay:
            return words["folder"]
        return words["path"]
    kinds = {"text": "text", "integer": "integer", "float": "number", "boolean": "boolean"}
    return words[kinds[t.name]] if t.name in kinds else t.name


def _anchor(path: tuple[str, ...]) -> str:
    return "-".join(path)


_Entry = tuple[tuple[str, ...], click.Command, click.Context]


def _exit_codes(lang: str) -> list[str]:
    """The exit codes every command shares."""
    from smartstd.cli import EXIT_FAIL, EXIT_INTERNAL, EXIT_OK, EXIT_USAGE

    meanings = [
        (EXIT_OK, "conformant, or the command succeeded", "通过或成功"),
        (
            EXIT_FAIL,
            "not conformant, or a check failed (including unreadable input)",
            "不通过（含无法读取的输入）",
        ),
        (
            EXIT_USAGE,
            "bad usage: unknown option, missing file, bad configuration; an output that"
            " cannot be written; a reader that went away (a closed pipe)",
            "用法错误：未知选项、文件不存在、配置错误；输出文件无法写入；读取方提前关闭管道",
        ),
        (
            EXIT_INTERNAL,
            "an internal error, a bug in smartstd (one line asking for a report;"
            " `SMARTSTD_DEBUG=1` shows the traceback)",
            "内部错误，即 smartstd 的缺陷（提示报告问题；设置 `SMARTSTD_DEBUG=1` 显示完整堆栈）",
        ),
    ]
    if lang == "en":
        lines = ["## Exit codes · 退出码", ""]
        lines += table(("Code", "Meaning", "含义"), [[str(c), en, zh] for c, en, zh in meanings])
    else:
        lines = ["## 退出码", ""]
        lines += table(("退出码", "含义"), [[str(c), zh] for c, _, zh in meanings])
    return [*lines, ""]


def _arguments(cmd: click.Command, ctx: click.Context, lang: str) -> list[str]:
    """The table of a command's arguments (nothing when it takes none)."""
    from smartstd.cli.helptext import param_text

    words = _LABELS[lang]
    args = [p for p in cmd.params if isinstance(p, click.Argument)]
    if not args:
        return []
    lines = [f"**{words['Arguments']}**", ""]
    lines += table(
        (words["Argument"], words["Type"], words["Required"], words["Repeatable"], words["Help"]),
        [
            [
                code_span(a.human_readable_name),
                _param_type(a, lang),
                words["yes"] if a.required else words["no"],
                words["yes"] if a.nargs == -1 else words["no"],
                cell(param_text(a, lang)),
            ]
            for a in args
        ],
    )
    return [*lines, ""]


def _option_row(o: click.Option, lang: str) -> list[str]:
    from smartstd.cli.helptext import param_text

    names = ", ".join(code_span(n) for n in [*o.opts, *o.secondary_opts])
    default = ""
    if (
        o.default is not None
        and not callable(o.default)
        and not o.is_flag
        and not o.count
        and o.default != ()
        and "Sentinel" not in repr(o.default)
    ):
        default = code_span(o.default)
    help_ = param_text(o, lang)
    if o.multiple:
        help_ = (help_ + " " + _LABELS[lang]["(repeatable)"]).strip()
    return [names, _param_type(o, lang), default, cell(help_)]


def _options(cmd: click.Command, ctx: click.Context, lang: str) -> list[str]:
    """The table of a command's options (nothing when it has none)."""
    # The help option is left out of the tables (every command takes -h/--help, said
    # once above): click builds it per invocation, so its names depend on how the
    # command was last called, and the page must not.
    words = _LABELS[lang]
    opts = [
        p
        for p in cmd.get_params(ctx)
        if isinstance(p, click.Option) and not p.hidden and "--help" not in p.opts
    ]
    if not opts:
        return []
    lines = [f"**{words['Options']}**", ""]
    lines += table(
        (words["Option"], words["Type"], words["Default"], words["Help"]),
        [_option_row(o, lang) for o in opts],
    )
    return [*lines, ""]


def _usage(path: tuple[str, ...], cmd: click.Command, ctx: click.Context, lang: str) -> str:
    from smartstd.cli.helptext import click_text

    pieces = [click_text(p, lang) for p in cmd.collect_usage_pieces(ctx)]
    return " ".join([*path, *pieces])


def _command_section(entry: _Entry, commands: list[_Entry], lang: str) -> list[str]:
    """One command's section: usage, help, arguments, options, subcommands."""
    from smartstd.cli.helptext import command_text

    path, cmd, ctx = entry
    lines = [f"## `{' '.join(path)}` {{ #{_anchor(path)} }}", ""]
    lines += fence(_usage(path, cmd, ctx, lang), "text")
    lines.append("")
    help_text = command_text(cmd, lang, " ".join(path[1:])).replace("\b\n", "")
    if help_text:
        lines += [prose(help_text), ""]
    lines += [*_arguments(cmd, ctx, lang), *_options(cmd, ctx, lang)]
    if isinstance(cmd, click.Group):
        subs = [f"[`{' '.join(p)}`](#{_anchor(p)})" for p, _, _ in commands if p[:-1] == path]
        lines += [f"**{_LABELS[lang]['Commands:']}** " + ", ".join(subs), ""]
    return lines


def cli_page(lang: str = "en") -> str:
    """``reference/cli.md`` (``lang="en"``) or ``cli.zh.md`` (``"zh-CN"``): every command."""
    from smartstd.cli import main as cli_main
    from smartstd.cli.helptext import short_text

    commands = list(_iter_commands(cli_main, ("smartstd",), None))
    if lang == "en":
        lines = [
            "# Command line · 命令行",
            "",
            "Every command of `smartstd`, generated from the click commands themselves."
            " `smartstd COMMAND --help` (or `-h`) prints the same in a terminal, in Chinese"
            " unless `--lang en` or the environment (`SMARTSTD_LANG`, `LANG`) asks for English;"
            " `python -m smartstd` is the same command."
            " · 由命令定义生成的命令行参考；`python -m smartstd` 与 `smartstd` 相同。",
            "",
        ]
        head = ("Command · 命令", "What it does")
    else:
        lines = [
            "# 命令行",
            "",
            "`smartstd` 的全部命令，由命令定义本身生成。在终端中运行 `smartstd 命令 --help`"
            "（或 `-h`）显示同样的内容：默认为中文，加 `--lang en` 或设置环境变量"
            "（`SMARTSTD_LANG=en`、`LANG`）则为英文。`python -m smartstd` 与 `smartstd` 相同。",
            "",
        ]
        head = ("命令", "用途")
    lines += [*_exit_codes(lang), "## Commands · 命令" if lang == "en" else "## 命令", ""]
    lines += table(
        head,
        [
            [
                f"[`{' '.join(p)}`](#{_anchor(p)})",
                cell(short_text(c, lang, limit=200, path=" ".join(p[1:]))),
            ]
            for p, c, _ in commands
        ],
    )
    lines.append("")
    for entry in commands:
        lines += _command_section(entry, commands, lang)
    return page_text(lines)
