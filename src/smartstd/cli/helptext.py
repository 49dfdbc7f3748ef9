"""Help texts in either language, and click's help rendered in Chinese.

Loaded by :mod:`smartstd.cli.command` only when help or a usage error is shown
in Chinese, and by the documentation generator. The texts themselves:

* English is the code: a command's docstring, an option's or argument's
  ``help=``, click's own words;
* Chinese is :mod:`smartstd.cli.help_zh`: a command's text by its path
  (``"schema export"``), an option's or argument's by its English text (so a
  changed English text has no Chinese one until it is translated, and a test
  says so), metavars and click's words by their English.

Chinese is wrapped by display width (a CJK character takes two columns) and
may break between any two CJK characters, but never before a closing
punctuation mark; click's own wrapping breaks only at spaces.

帮助文字的中英文查找与中文排版（按显示宽度折行）。
"""

from __future__ import annotations

import inspect
import re
import unicodedata
from collections.abc import Iterable, Iterator
from functools import cache

import click

from smartstd.cli import help_zh

__all__ = [
    "ZhHelpFormatter",
    "click_text",
    "command_text",
    "format_arguments",
    "format_commands",
    "format_help_text",
    "format_options",
    "format_usage",
    "iter_commands",
    "metavar_text",
    "param_text",
    "path_of",
    "short_text",
    "text_width",
    "wrap",
]

_CLOSING = set("，。、；：？！）》」』】〕”’,.;:?!)]}%…")
_OPENING = set("（《「『【〔“‘([{")


def _is_english(lang: str) -> bool:
    return lang.lower().startswith("en")


# --------------------------------------------------------------------------- texts


def iter_commands(
    cmd: click.Command | None = None,
    path: tuple[str, ...] = (),
    parent: click.Context | None = None,
) -> Iterator[tuple[tuple[str, ...], click.Command, click.Context]]:
    """Every command of the CLI (the root first) with its path below ``smartstd`` and a context."""
    if cmd is None:
        from smartstd.cli import main

        cmd = main
    name = path[-1] if path else "smartstd"
    ctx = click.Context(cmd, info_name=name, parent=parent, **cmd.context_settings)
    yield path, cmd, ctx
    if isinstance(cmd, click.Group):
        for sub_name in cmd.list_commands(ctx):
            sub = cmd.get_command(ctx, sub_name)
            if sub is not None and not sub.hidden:
                yield from iter_commands(sub, (*path, sub_name), ctx)


@cache
def _paths() -> dict[int, str]:
    return {id(cmd): " ".join(path) for path, cmd, _ in iter_commands()}


def path_of(cmd: click.Command) -> str:
    """A command's path below ``smartstd`` (``"schema export"``; ``""`` for ``smartstd``)."""
    return _paths().get(id(cmd), cmd.name or "")


def click_text(text: str, lang: str) -> str:
    """One of click's own words (``"Options"``, ``"Usage:"``) in ``lang``."""
    return text if _is_english(lang) else help_zh.CLICK.get(text, text)


def command_text(cmd: click.Command, lang: str, path: str | None = None) -> str:
    """A command's help text (its docstring, or the Chinese of its path), paragraphs kept."""
    english = inspect.cleandoc(cmd.help or "").partition("\f")[0]
    if _is_english(lang):
        return english
    found = help_zh.COMMANDS.get(path_of(cmd) if path is None else path)
    return inspect.cleandoc(found) if found else english


def short_text(cmd: click.Command, lang: str, limit: int = 45, path: str | None = None) -> str:
    """The first sentence of a command's help, cut to ``limit`` columns."""
    if _is_english(lang):
        return cmd.get_short_help_str(limit)
    text = command_text(cmd, lang, path).split("\n\n", 1)[0].replace("\n", "")
    end = text.find("。")
    if end >= 0:
        text = text[: end + 1]
    if text_width(text) <= limit:
        return text
    out = ""
    for ch in text:
        if text_width(out + ch) > limit - 1:
            break
        out += ch
    return out.rstrip("，、；：") + "…"


def param_text(param: click.Parameter, lang: str) -> str:
    """An option's or argument's help in ``lang`` (empty when it has none)."""
    english = getattr(param, "help", None) or ""
    if _is_english(lang) or not english:
        return english
    return help_zh.TEXTS.get(english, english)


def metavar_text(metavar: str, lang: str) -> str:
    """A metavar (``FILE``, ``INTEGER RANGE``) in ``lang``; names of values stay as they are."""
    if _is_english(lang):
        return metavar
    core, dots = (metavar[:-3], "...") if metavar.endswith("...") else (metavar, "")
    bracketed = core.startswith("[") and core.endswith("]") and "|" not in core
    if bracketed:
        core = core[1:-1]
    said = help_zh.METAVARS.get(core, core)
    return (f"[{said}]" if bracketed else said) + dots


def _extras(record_help: str, english: str, lang: str) -> str:
    """Click's ``[default: x; required]`` after an option's help, in ``lang``."""
    rest = record_help[len(english) :].strip() if record_help.startswith(english) else ""
    if not (rest.startswith("[") and rest.endswith("]")):
        return ""
    items = []
    for item in rest[1:-1].split("; "):
        key, sep, value = item.partition(": ")
        if sep and f"{key}: {{}}" in help_zh.CLICK:
            items.append(help_zh.CLICK[f"{key}: {{}}"].format(value))
        else:
            items.append(help_zh.CLICK.get(item, item))
    return "[" + "；".join(items) + "]"


def option_record(param: click.Option, ctx: click.Context, lang: str) -> tuple[str, str] | None:
    """An option's row in ``--help``: its names and metavar, its help and click's extras."""
    record = param.get_help_record(ctx)
    if record is None:
        return None
    spec, help_ = record
    if _is_english(lang):
        return spec, help_
    if not (param.is_flag or param.count):
        metavar = param.make_metavar(ctx)
        spec = spec.replace(f" {metavar}", f" {metavar_text(metavar, lang)}")
    english = param.help or ""
    text = param_text(param, lang)
    extras = _extras(help_, english, lang)
    return spec, f"{text}  {extras}".strip() if extras else text


# --------------------------------------------------------------------------- Chinese layout


def text_width(text: str) -> int:
    """Columns ``text`` takes on a terminal: two for a wide (CJK) character."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


#: What a line may not break inside: click's ``[默认：local]`` and other brackets, a run of
#: Latin letters, digits and signs; or one CJK character (a line may break before any).
_TOKENS = re.compile(r"\[[^\[\]\n]*\]|\s+|[^\s\u2e80-\u9fff\u3000-\u303f\uff00-\uffef]+|.", re.S)


def _wide(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in "WF"


def _join_lines(lines: Iterable[str]) -> str:
    """One paragraph from its lines: no space between two CJK characters, else one."""
    out = ""
    for line in lines:
        line = line.strip()
        if out and line:
            out += "" if (_wide(out[-1]) or _wide(line[0])) else " "
        out += line
    return out


def _fill(text: str, width: int, first: str, rest: str) -> str:
    """Greedy filling by columns; a closing mark never starts a line, an opening one never ends it.

    When a closing mark does not fit, the word before it goes down with it (an
    unbreakable Latin word longer than the line stays whole, past the edge).
    """
    lines: list[str] = []
    line: list[str] = []  # the words of the current line, spaces included
    indent = first

    def used() -> int:
        return text_width(indent) + sum(text_width(w) for w in line)

    def flush(keep: int) -> None:
        nonlocal line, indent
        words, line = line[:keep], line[keep:]
        lines.append((indent + "".join(words)).rstrip(" "))
        while line and line[0].isspace():
            line.pop(0)
        indent = rest

    for token in _TOKENS.findall(text):
        if token.isspace():
            if line:
                line.append(" ")
            continue
        if not line or used() + text_width(token) <= width:
            line.append(token)
            continue
        cut = len(line)
        while cut > 0 and line[cut - 1].isspace():
            cut -= 1
        if token[0] in _CLOSING:  # take the word before down with it
            cut -= 1
        while cut > 0 and line[cut - 1][-1] in _OPENING:  # an opening mark goes down too
            cut -= 1
        if cut <= 0:  # nothing to leave behind: let the line run over
            line.append(token)
            continue
        flush(cut)
        line.append(token)
    lines.append((indent + "".join(line)).rstrip(" "))
    return "\n".join(lines)


def wrap(
    text: str,
    width: int = 78,
    initial_indent: str = "",
    subsequent_indent: str = "",
    preserve_paragraphs: bool = False,
) -> str:
    r""":func:`click.wrap_text` for text with CJK characters, measured in columns.

    With ``preserve_paragraphs``, paragraphs are separated by blank lines and a
    paragraph whose first line is ``\b`` is kept as it is, indented.
    """
    if not preserve_paragraphs:
        return _fill(_join_lines(text.splitlines()), width, initial_indent, subsequent_indent)
    out = []
    for block in re.split(r"\n\s*\n", text.expandtabs().strip("\n")):
        lines = block.splitlines()
        if lines and lines[0].strip() == "\b":
            out.append("\n".join(initial_indent + line for line in lines[1:]))
        else:
            indent = " " * (len(lines[0]) - len(lines[0].lstrip())) if lines else ""
            out.append(
                _fill(
                    _join_lines(lines),
                    width,
                    initial_indent + indent,
                    subsequent_indent + indent,
                )
            )
    return "\n\n".join(out)


class ZhHelpFormatter(click.HelpFormatter):
    """click's help formatter, measuring and wrapping by display width, with Chinese headings."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        """``用法：smartstd check [选项] PATHS...``, wrapped under the program's name."""
        if prefix is None:
            prefix = help_zh.CLICK["Usage:"]
        usage_prefix = f"{' ' * self.current_indent}{prefix}{prog} "
        if not args:
            self.write(usage_prefix.rstrip(" ") + "\n")
            return
        indent = " " * text_width(usage_prefix)
        self.write(wrap(args, self.width, usage_prefix, indent) + "\n")

    def write_heading(self, heading: str) -> None:
        """``选项：`` (a full-width colon)."""
        self.write(f"{' ' * self.current_indent}{heading}：\n")

    def write_text(self, text: str) -> None:
        """Paragraphs of text, wrapped by display width."""
        indent = " " * self.current_indent
        self.write(wrap(text, self.width, indent, indent, preserve_paragraphs=True) + "\n")

    def write_dl(
        self,
        rows: Iterable[tuple[str, str]],
        col_max: int = 30,
        col_spacing: int = 2,
    ) -> None:
        """Two columns (options or commands and their help), the second wrapped by width."""
        rows = list(rows)
        if not rows:
            return
        first_col = min(max(text_width(a) for a, _ in rows), col_max) + col_spacing
        pad = " " * (first_col + self.current_indent)
        text_cols = max(self.width - first_col - 2, 10)
        for first, second in rows:
            self.write(" " * self.current_indent + first)
            if not second:
                self.write("\n")
                continue
            if text_width(first) <= first_col - col_spacing:
                self.write(" " * (first_col - text_width(first)))
            else:
                self.write("\n" + pad)
            lines = wrap(second, text_cols, preserve_paragraphs=True).splitlines()
            self.write((lines[0] if lines else "") + "\n")
            for line in lines[1:]:
                self.write((pad + line).rstrip(" ") + "\n" if line else "\n")


# --------------------------------------------------------------------------- click's parts


def format_usage(cmd: click.Command, ctx: click.Context, formatter: click.HelpFormatter) -> None:
    """The usage line in Chinese: ``[OPTIONS]`` and ``COMMAND [ARGS]...`` said in Chinese."""
    pieces = [help_zh.CLICK.get(p, p) for p in cmd.collect_usage_pieces(ctx)]
    formatter.write_usage(ctx.command_path, " ".join(pieces))


def format_help_text(
    cmd: click.Command, ctx: click.Context, formatter: click.HelpFormatter
) -> None:
    """The command's Chinese text."""
    text = command_text(cmd, "zh-CN")
    if text:
        formatter.write_paragraph()
        with formatter.indentation():
            formatter.write_text(text)


def format_arguments(
    cmd: click.Command, ctx: click.Context, formatter: click.HelpFormatter
) -> None:
    """The arguments with their Chinese help (when one has help at all, as click does)."""
    args = [p for p in cmd.get_params(ctx) if isinstance(p, click.Argument)]
    if any(getattr(a, "help", None) for a in args):
        with formatter.section(help_zh.CLICK["Positional arguments"]):
            formatter.write_dl(
                [(metavar_text(a.make_metavar(ctx), "zh-CN"), param_text(a, "zh-CN")) for a in args]
            )


def format_options(cmd: click.Command, ctx: click.Context, formatter: click.HelpFormatter) -> None:
    """The options with their Chinese help."""
    rows = [
        row
        for p in cmd.get_params(ctx)
        if isinstance(p, click.Option) and (row := option_record(p, ctx, "zh-CN")) is not None
    ]
    if rows:
        with formatter.section(help_zh.CLICK["Options"]):
            formatter.write_dl(rows)


def format_commands(cmd: click.Group, ctx: click.Context, formatter: click.HelpFormatter) -> None:
    """A group's subcommands with the first sentence of their Chinese text."""
    subs = []
    for name in cmd.list_commands(ctx):
        sub = cmd.get_command(ctx, name)
        if sub is not None and not sub.hidden:
            subs.append((name, sub))
    if not subs:
        return
    limit = formatter.width - 6 - max(len(name) for name, _ in subs)
    with formatter.section(help_zh.CLICK["Commands"]):
        formatter.write_dl([(name, short_text(sub, "zh-CN", limit)) for name, sub in subs])
