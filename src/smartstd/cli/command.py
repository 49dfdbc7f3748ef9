"""The click classes of every command: help and usage errors in zh-CN (the default) or en.

Every ``smartstd`` command is a :class:`Command` and every group a :class:`Group`
(``cls=`` on the decorators; a group's subcommands are one by default). They
change nothing about parsing; they only choose the language of what click
says of its own:

* ``--help`` and ``-h``: the usage line, the command's text, its options and
  arguments, the list of subcommands and the section headings;
* usage errors ("No such option", "Missing argument", "Invalid value"), the
  usage line and the "Try ... -h" hint above them (:meth:`Command.main`).

The language is ``--lang`` when it is on the command line (before or after
``--help``: it is read from the raw arguments before click parses them, so it
also applies when parsing fails), else :func:`~smartstd.cli.messages.cli_lang`
(the environment, the locale, zh-CN). A group takes ``--lang`` too
(``smartstd --lang en --help``); its commands then default to it.

English is click's own rendering of the texts in the code. The Chinese texts
are in :mod:`smartstd.cli.help_zh`, rendered by :mod:`smartstd.cli.helptext`;
both load only when help or a usage error is shown, so a command that runs
pays for neither.

命令行的帮助与用法错误：默认中文，``--lang en`` 或环境变量可切换为英文。
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import Any

import click

__all__ = ["LANG_ASKED", "Command", "Group", "asked_lang", "help_lang", "show_click_error"]

#: ``ctx.meta`` key: the ``--lang`` seen on the command line, for help and usage errors.
LANG_ASKED = "smartstd.lang_asked"
#: ``ctx.meta`` key: a group's ``--lang``, the default of its commands' ``--lang``.
_GROUP_LANG = "smartstd.group_lang"


def asked_lang(args: Sequence[Any]) -> str | None:
    """The value of the last ``--lang`` among raw command-line words, if any (up to ``--``)."""
    found: str | None = None
    words = [str(w) for w in args]
    for i, word in enumerate(words):
        if word == "--":
            break
        if word == "--lang" and i + 1 < len(words):
            found = words[i + 1]
        elif word.startswith("--lang="):
            found = word.split("=", 1)[1]
    return found


def help_lang(ctx: click.Context | None) -> str:
    """zh-CN or en: the language help and usage errors are shown in for ``ctx``."""
    from smartstd.cli.messages import cli_lang

    asked = ctx.meta.get(LANG_ASKED) if ctx is not None else None
    return cli_lang(asked if isinstance(asked, str) else None)


def _is_english(ctx: click.Context) -> bool:
    return help_lang(ctx) == "en"


class _Context(click.Context):
    def make_formatter(self) -> click.HelpFormatter:
        """Click's formatter for English; for Chinese one that measures and wraps CJK text."""
        if _is_english(self):
            return super().make_formatter()
        from smartstd.cli.helptext import ZhHelpFormatter

        return ZhHelpFormatter(width=self.terminal_width, max_width=self.max_content_width)


class Command(click.Command):
    """A click command whose help and usage errors follow ``--lang`` or the environment."""

    context_class = _Context

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        """Note ``--lang`` before click parses (``--help`` is eager), then parse as click does."""
        asked = asked_lang(args)
        if asked is not None:
            ctx.meta[LANG_ASKED] = asked
        given = ctx.meta.get(_GROUP_LANG)
        if given and any(p.name == "lang" for p in self.params):
            # a group's --lang is the default of its commands' own (smartstd --lang en check ...)
            ctx.default_map = {**(ctx.default_map or {}), "lang": given}
        return super().parse_args(ctx, args)

    def main(self, *args: Any, **kwargs: Any) -> Any:
        """Run the command; click's usage errors are shown in the language asked for."""
        if kwargs.get("standalone_mode", True) is False:
            return super().main(*args, **kwargs)
        kwargs["standalone_mode"] = False
        try:
            return super().main(*args, **kwargs)
        except click.exceptions.Exit as exc:
            sys.exit(exc.exit_code)
        except click.Abort:
            from smartstd.cli.messages import t

            click.echo(t("aborted", _argv_lang(args, kwargs)), err=True)
            sys.exit(1)
        except click.ClickException as exc:
            show_click_error(exc, _argv_lang(args, kwargs))
            sys.exit(exc.exit_code)

    def format_usage(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The usage line; ``[OPTIONS]`` and ``COMMAND [ARGS]...`` said in Chinese too."""
        if _is_english(ctx):
            return super().format_usage(ctx, formatter)
        from smartstd.cli.helptext import format_usage

        format_usage(self, ctx, formatter)
        return None

    def format_help_text(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The command's text: its docstring in English, its catalogue entry in Chinese."""
        if _is_english(ctx):
            return super().format_help_text(ctx, formatter)
        from smartstd.cli.helptext import format_help_text

        format_help_text(self, ctx, formatter)
        return None

    def format_arguments(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The arguments and their help."""
        if _is_english(ctx):
            return super().format_arguments(ctx, formatter)
        from smartstd.cli.helptext import format_arguments

        format_arguments(self, ctx, formatter)
        return None

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The options and their help (and a group's subcommands)."""
        if _is_english(ctx):
            return super().format_options(ctx, formatter)
        from smartstd.cli.helptext import format_options

        format_options(self, ctx, formatter)
        if isinstance(self, click.Group):
            self.format_commands(ctx, formatter)
        return None


def _set_group_lang(ctx: click.Context, param: click.Parameter, value: str | None) -> None:
    if value:
        ctx.meta[LANG_ASKED] = value
        ctx.meta[_GROUP_LANG] = value


class Group(Command, click.Group):
    """A click group of :class:`Command` objects; it takes ``--lang`` for its help and commands."""

    command_class = Command
    group_class = type  # a subgroup is a Group too

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.params.append(
            click.Option(
                ["--lang"],
                type=click.Choice(["zh-CN", "en"]),
                default=None,
                expose_value=False,
                is_eager=True,
                callback=_set_group_lang,
                help="Language of help, usage errors and the commands' output (default from "
                "the locale).",
            )
        )

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The subcommands with the first sentence of their help."""
        if _is_english(ctx):
            return super().format_commands(ctx, formatter)
        from smartstd.cli.helptext import format_commands

        format_commands(self, ctx, formatter)
        return None


def _argv_lang(args: tuple[Any, ...], kwargs: dict[str, Any]) -> str:
    """``--lang`` from the command line even when parsing failed, else the default."""
    from smartstd.cli.messages import cli_lang

    argv = kwargs.get("args") if "args" in kwargs else (args[0] if args else None)
    words = list(argv) if argv is not None else sys.argv[1:]
    return cli_lang(asked_lang(words))


def show_click_error(exc: click.ClickException, lang: str) -> None:
    """Print one of click's errors as click would, but in ``lang``."""
    from smartstd.cli.messages import click_message, t

    ctx = getattr(exc, "ctx", None)
    if isinstance(ctx, click.Context):
        ctx.meta[LANG_ASKED] = lang  # the usage line and help below in the same language
    no_args = getattr(click.exceptions, "NoArgsIsHelpError", None)
    if no_args is not None and isinstance(exc, no_args) and ctx is not None:
        click.echo(ctx.get_help(), err=True)  # a group run with nothing: its help
        return
    if isinstance(exc, click.UsageError) and ctx is not None:
        click.echo(ctx.get_usage(), err=True)
        if ctx.command.get_help_option(ctx) is not None:
            click.echo(t("try_help", lang, command=ctx.command_path), err=True)
        click.echo("", err=True)
    if isinstance(exc, click.FileError):
        message = t("file_error", lang, file=exc.ui_filename, reason=exc.message)
    else:
        message = click_message(exc.format_message(), lang)
    click.echo(t("usage_error", lang, message=message), err=True)
