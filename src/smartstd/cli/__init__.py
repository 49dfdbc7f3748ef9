"""The command line: a thin click layer over the Python API.

Each command fills a plain options object, builds the parts and returns an
exit code: 0 conformant / success, 1 not conformant (or a failed check),
2 bad usage (unknown option, missing file, bad configuration), 3 an internal
error (a bug in smartstd).

命令行：对 Python API 的一层薄封装。退出码：0 通过，1 不通过，2 用法错误，3 内部错误。
"""

from __future__ import annotations

import contextlib
import importlib
import os
import sys
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar, cast

import click

from smartstd._version import __version__
from smartstd.cli.command import Group

__all__ = ["main"]

F = TypeVar("F", bound=Callable[..., Any])

#: Exit codes: a CI job can tell a crash (3) from a typo (2).
EXIT_OK, EXIT_FAIL, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3


def default_lang() -> str:
    """The CLI's language when neither ``--lang`` nor the configuration sets one.

    See :func:`smartstd.cli.messages.cli_lang`: the environment, then the locale, then zh-CN.
    """
    from smartstd.cli.messages import cli_lang

    return cli_lang()


def use_color(stream: Any, force: bool | None = None) -> bool:
    """Colour only on a terminal, never when ``NO_COLOR`` is set (unless forced)."""
    if force is not None:
        return force
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def guard(fn: F) -> F:
    """Turn errors into a message and an exit code (2 usage, 3 internal), never a traceback.

    The library's usage and configuration errors, and a file that cannot be
    written (``--output``, ``--out``), say what is wrong. Anything else is a
    bug in smartstd: a one-line message asks for a report, and the traceback
    is shown only when ``SMARTSTD_DEBUG`` is set; the exit code is 3, so a CI
    job can tell a crash from a usage error.
    """

    @wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from smartstd.cli.messages import t
        from smartstd.errors import ConfigError, UsageError

        lang = _lang_of(kwargs)
        try:
            return fn(*args, **kwargs)
        except (UsageError, ConfigError) as exc:
            click.echo(t("error", lang, message=error_text(exc, lang)), err=True)
            sys.exit(EXIT_USAGE)
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise  # click's own usage errors and exits
        except BrokenPipeError:  # the reader went away (``| head``): nothing more to say
            _silence_stdout()
            sys.exit(EXIT_USAGE)
        except OSError as exc:
            click.echo(t("error", lang, message=_os_error(exc, lang)), err=True)
            sys.exit(EXIT_USAGE)
        except Exception as exc:
            if os.environ.get("SMARTSTD_DEBUG"):
                raise
            click.echo(t("internal_error", lang, kind=type(exc).__name__, message=exc), err=True)
            sys.exit(EXIT_INTERNAL)

    return wrapper  # type: ignore[return-value]


def _silence_stdout() -> None:
    """Point stdout at the null device, so that flushing it at exit cannot fail again."""
    with contextlib.suppress(OSError, ValueError):  # not a real file (a test's capture)
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def _os_error(exc: OSError, lang: str = "en") -> str:
    """What went wrong with a file, in one line ("out.json: Permission denied")."""
    from smartstd.cli.messages import t

    reason = exc.strerror or str(exc)
    return t("os_error", lang, file=exc.filename, reason=reason) if exc.filename else reason


def _lang_of(kwargs: dict[str, Any]) -> str:
    """The language a command was asked for (``--lang``), else the default."""
    given = kwargs.get("lang")
    return given if isinstance(given, str) and given else default_lang()


def error_text(exc: Exception, lang: str) -> str:
    """The text of a library error in ``lang``: its catalogue key when it has one."""
    from smartstd.errors import SmartstdError

    if isinstance(exc, SmartstdError):
        return exc.message(lang)
    return str(exc)


#: The commands, in the order ``--help`` lists them: name -> (module of
#: :mod:`smartstd.cli`, attribute). Each loads when first used, so that a
#: command imports only what it needs.
_COMMANDS: dict[str, tuple[str, str]] = {
    "assess": ("assess", "assess_command"),
    "check": ("check", "check_command"),
    "info": ("info", "info_command"),
    "rules": ("rules", "rules_command"),
    "schema": ("schema", "schema_group"),
    "generate": ("generate", "generate_command"),
    "graph": ("graph", "COMMAND"),
    "profile": ("profile", "COMMAND"),
    "migrate": ("migrate", "COMMAND"),
    "example": ("example", "COMMAND"),
    "convert": ("convert", "COMMAND"),
    "export": ("export", "COMMAND"),
    "template": ("template", "COMMAND"),
}


class _Group(Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return [*_COMMANDS, *(name for name in self.commands if name not in _COMMANDS)]

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        """A command by name, its module imported on first use."""
        found = self.commands.get(cmd_name)
        if found is None and cmd_name in _COMMANDS:
            module, attr = _COMMANDS[cmd_name]
            found = cast(
                click.Command, getattr(importlib.import_module(f"smartstd.cli.{module}"), attr)
            )
            _help_everywhere(found)
            self.add_command(found)
        return found

    def main(self, *args: Any, **kwargs: Any) -> Any:
        """Run the CLI (click's usage errors in the CLI's language: :meth:`Command.main`)."""
        # A run of the command line is its own process: pydantic's plugins
        # (found through the entry points of every installed distribution) are
        # not loaded, so a check's result does not depend on what else is
        # installed, and a one-record check does not pay for the search.
        if kwargs.get("standalone_mode", True) is not False:
            os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
        return super().main(*args, **kwargs)


@click.group(
    "smartstd",  # also the program's name where there is no sys.argv[0] (click's test runner)
    cls=_Group,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)
@click.version_option(__version__, "-V", "--version", prog_name="smartstd")
def main() -> None:
    """smartstd: the Smart Community Data Standard (SCDS, 智慧社区数据标准).

    Check data against the standard, ask and check a community's governance
    charter, publish versions of the schemas and local profiles, migrate data,
    and generate realistic example data.
    """


def _help_everywhere(cmd: click.Command) -> None:
    """``-h`` works on every command, also when one is invoked on its own (tests, docs)."""
    cmd.context_settings.setdefault("help_option_names", ["-h", "--help"])
    if isinstance(cmd, click.Group):
        for sub in cmd.commands.values():
            _help_everywhere(sub)


_help_everywhere(main)


def write_output(text: str, output: Path | None) -> None:
    """Write to a file (UTF-8) or to standard output."""
    if output is None:
        click.echo(text, nl=not text.endswith("\n"))
    else:
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(text, encoding="utf-8", newline="\n")
