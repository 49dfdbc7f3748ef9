"""The command-line reference (``reference/cli.md``), from the click commands themselves."""

from __future__ import annotations

import inspect
from collections.abc import Iterator

import click

from smartstd._docgen.markdown import cell, code_span, fence, page_text, prose, table


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


def _param_type(param: click.Parameter) -> str:
    t = param.type
    if isinstance(param, click.Option) and param.count:
        return "count"
    if isinstance(param, click.Option) and param.is_flag:
        return "flag"
    if isinstance(t, click.Choice):
        return "one of " + ", ".join(code_span(c) for c in t.choices)
    if isinstance(t, click.IntRange):
        bounds = []
        if t.min is not None:
            bounds.append(f"≥ {t.min}")
        if t.max is not None:
            bounds.append(f"≤ {t.max}")
        return "integer " + " ".join(bounds)
    if isinstance(t, click.Path):
        if not t.dir_okay:
            return "file"
        if not t.file_okay:
            return "folder"
        return "path"
    return {"text": "text", "integer": "integer", "float": "number", "boolean": "boolean"}.get(
        t.name, t.name
    )


def _anchor(path: tuple[str, ...]) -> str:
    return "-".join(path)


_Entry = tuple[tuple[str, ...], click.Command, click.Context]


def _exit_codes() -> list[str]:
    """The exit codes every command shares."""
    from smartstd.cli import EXIT_FAIL, EXIT_INTERNAL, EXIT_OK, EXIT_USAGE

    lines = ["## Exit codes · 退出码", ""]
    lines += table(
        ("Code", "Meaning", "含义"),
        [
            [str(EXIT_OK), "conformant, or the command succeeded", "通过或成功"],
            [
                str(EXIT_FAIL),
                "not conformant, or a check failed (including unreadable input)",
                "不通过（含无法读取的输入）",
            ],
            [
                str(EXIT_USAGE),
                "bad usage: unknown option, missing file, bad configuration; an output that"
                " cannot be written; a reader that went away (a closed pipe)",
                "用法错误：未知选项、文件不存在、配置错误；输出文件无法写入；读取方提前关闭管道",
            ],
            [
                str(EXIT_INTERNAL),
                "an internal error, a bug in smartstd (one line asking for a report;"
                " `SMARTSTD_DEBUG=1` shows the traceback)",
                "内部错误，即 smartstd 的缺陷（提示报告问题；"
                "设置 `SMARTSTD_DEBUG=1` 显示完整堆栈）",
            ],
        ],
    )
    return [*lines, ""]


def _arguments(cmd: click.Command) -> list[str]:
    """The table of a command's arguments (nothing when it takes none)."""
    args = [p for p in cmd.params if isinstance(p, click.Argument)]
    if not args:
        return []
    lines = ["**Arguments**", ""]
    lines += table(
        ("Argument", "Type", "Required", "Repeatable"),
        [
            [
                code_span(a.human_readable_name),
                _param_type(a),
                "yes" if a.required else "no",
                "yes" if a.nargs == -1 else "no",
            ]
            for a in args
        ],
    )
    return [*lines, ""]


def _option_row(o: click.Option) -> list[str]:
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
    help_ = o.help or ("Show the version and exit." if "--version" in o.opts else "")
    if o.multiple:
        help_ = (help_ + " (repeatable)").strip()
    return [names, _param_type(o), default, cell(help_)]


def _options(cmd: click.Command, ctx: click.Context) -> list[str]:
    """The table of a command's options (nothing when it has none)."""
    # The help option is left out of the tables (every command takes -h/--help, said
    # once above): click builds it per invocation, so its names depend on how the
    # command was last called, and the page must not.
    opts = [
        p
        for p in cmd.get_params(ctx)
        if isinstance(p, click.Option) and not p.hidden and "--help" not in p.opts
    ]
    if not opts:
        return []
    lines = ["**Options**", ""]
    lines += table(("Option", "Type", "Default", "Help"), [_option_row(o) for o in opts])
    return [*lines, ""]


def _command_section(entry: _Entry, commands: list[_Entry]) -> list[str]:
    """One command's section: usage, help, arguments, options, subcommands."""
    path, cmd, ctx = entry
    pieces = cmd.collect_usage_pieces(ctx)
    lines = [f"## `{' '.join(path)}` {{ #{_anchor(path)} }}", ""]
    lines += fence(" ".join([*path, *pieces]), "text")
    lines.append("")
    help_text = inspect.cleandoc(cmd.help or "").replace("\b\n", "")
    if help_text:
        lines += [prose(help_text), ""]
    lines += [*_arguments(cmd), *_options(cmd, ctx)]
    if isinstance(cmd, click.Group):
        subs = [f"[`{' '.join(p)}`](#{_anchor(p)})" for p, _, _ in commands if p[:-1] == path]
        lines += ["**Commands:** " + ", ".join(subs), ""]
    return lines


def cli_page() -> str:
    """``reference/cli.md``: every command of ``smartstd`` with its arguments and options."""
    from smartstd.cli import main as cli_main

    commands = list(_iter_commands(cli_main, ("smartstd",), None))
    lines = [
        "# Command line · 命令行",
        "",
        "Every command of `smartstd`, generated from the click commands themselves."
        " `smartstd COMMAND --help` (or `-h`) prints the same in a terminal;"
        " `python -m smartstd` is the same command."
        " · 由命令定义生成的命令行参考；`python -m smartstd` 与 `smartstd` 相同。",
        "",
        *_exit_codes(),
        "## Commands · 命令",
        "",
    ]
    lines += table(
        ("Command · 命令", "What it does"),
        [
            [f"[`{' '.join(p)}`](#{_anchor(p)})", cell(c.get_short_help_str(limit=200))]
            for p, c, _ in commands
        ],
    )
    lines.append("")
    for entry in commands:
        lines += _command_section(entry, commands)
    return page_text(lines)
