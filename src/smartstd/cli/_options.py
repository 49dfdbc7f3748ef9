"""Click options shared by the commands that check data (``check``, ``graph check|test``)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

__all__ = [
    "InputPath",
    "choice_format_option",
    "color_option",
    "config_option",
    "fail_on_option",
    "format_option",
    "lang_option",
    "option_group",
    "output_option",
    "profile_option",
    "waivers_option",
]

F = TypeVar("F", bound=Callable[..., Any])


class InputPath(click.Path):
    """A file or folder that exists, a URL with a protocol (read through fsspec) or a pattern.

    A wildcard pattern no shell expanded (``"data/*.ndjson"``, in quotes or
    on Windows) is passed on as written: the engine expands it, or says in
    the command's language that nothing matches.
    """

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        import glob
        import os

        from smartstd.io.files import is_url

        if isinstance(value, str) and is_url(value):
            return value  # whether it exists is said when it is read
        if isinstance(value, str) and glob.has_magic(value) and not os.path.lexists(value):
            return value
        return super().convert(value, param, ctx)


def option_group(*options: Callable[[F], F]) -> Callable[[F], F]:
    """Several click options as one decorator; ``--help`` lists them in the order given."""

    def apply(fn: F) -> F:
        for option in reversed(options):
            fn = option(fn)
        return fn

    return apply


format_option = click.option(
    "-f",
    "--format",
    "fmt",
    default=None,
    help="Report format: text, json, junit, sarif, github, markdown, html.",
)


def choice_format_option(
    *choices: str, default: str = "text", help: str = "Output format.", show_default: bool = False
) -> Callable[[F], F]:
    """``-f/--format`` for a command that writes one of a few formats (``fmt``)."""
    return click.option(
        "-f",
        "--format",
        "fmt",
        type=click.Choice(list(choices)),
        default=default,
        show_default=show_default,
        help=help,
    )


output_option = click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the report to a file.",
)
fail_on_option = click.option(
    "--fail-on",
    type=click.Choice(["error", "warning"]),
    default=None,
    help="Exit 1 on findings this severe (default error).",
)
lang_option = click.option(
    "--lang",
    type=click.Choice(["zh-CN", "en"]),
    default=None,
    help="Language of messages (default from the locale).",
)
profile_option = click.option(
    "--profile",
    "profiles",
    multiple=True,
    help="A profile to apply: a YAML file (a path or a URL) or name@version.",
)
waivers_option = click.option(
    "--waivers",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="A waivers file (YAML or JSON).",
)
config_option = click.option(
    "--config",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Configuration file (default: nearest smartstd.toml or pyproject.toml).",
)
color_option = click.option(
    "--color/--no-color",
    default=None,
    help="Force colour on or off (default: on a terminal, unless NO_COLOR).",
)


def check_rule_patterns(patterns: list[str], lang: str) -> None:
    """Fail with a usage error, in ``lang``, naming the first pattern that matches no rule.

    Raises:
        click.BadParameter: for ``--select``/``--ignore``.
    """
    from smartstd.catalogue import select_codes
    from smartstd.cli.messages import t

    for pattern in patterns:
        try:
            select_codes([pattern])
        except KeyError:
            raise click.BadParameter(
                t("no_rule_matches", lang, pattern=repr(pattern)), param_hint="--select/--ignore"
            ) from None
