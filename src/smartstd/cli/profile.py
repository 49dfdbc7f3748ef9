"""``smartstd profile``: check, build and document local profiles (地方配置).

* ``profile check FILE...``: validate profiles (exit 1 when one is invalid
  or would loosen the core; every problem is named by its key path);
* ``profile build FILE --out DIR``: write the profile's effective bundle
  (the core schemas with the profile applied, its code lists, rules and
  documentation, with checksums);
* ``profile docs FILE``: Markdown documentation in both languages.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from smartstd.cli import EXIT_FAIL, EXIT_OK, default_lang, guard
from smartstd.cli._options import choice_format_option, lang_option
from smartstd.cli.command import Group
from smartstd.cli.messages import t


def _write(text: str, output: Path | None) -> None:
    """Write to a file (UTF-8) or to standard output."""
    if output is None:
        click.echo(text, nl=not text.endswith("\n"))
    else:
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(text, encoding="utf-8", newline="\n")


__all__ = ["COMMAND", "profile_group"]

_SEARCH = click.option(
    "--search",
    "search",
    multiple=True,
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="More folders where profiles it extends are looked for.",
)


@click.group("profile", cls=Group)
def profile_group() -> None:
    """Check, build and document local profiles (YAML files)."""


@profile_group.command("check")
@click.argument("files", nargs=-1, required=True, help="Profile YAML files or name@version.")
@_SEARCH
@choice_format_option("text", "json", show_default=True)
@lang_option
@guard
def check_command(
    files: tuple[str, ...], search: tuple[Path, ...], fmt: str, lang: str | None
) -> None:
    """Validate profiles: the meta-schema, and that none loosens the core.

    FILES are YAML files or name@version. Exit 1 when one is invalid.
    """
    from smartstd.errors import ConfigError
    from smartstd.profiles import load_profile

    results: list[dict[str, Any]] = []
    errors: dict[int, ConfigError] = {}  # by the index of the result, said in the CLI's language
    failed = False
    for item in files:
        try:
            ps = load_profile(item, search=search)
        except ConfigError as exc:
            failed = True
            errors[len(results)] = exc
            results.append({"profile": item, "ok": False, "error": str(exc)})
            continue
        p = ps.main
        results.append(
            {
                "profile": item,
                "ok": True,
                "ref": p.ref,
                "standard_version": p.standard_version,
                "extends": list(ps.refs[:-1]),
                "fields": len(p.fields),
                "codes": len(p.codes),
                "required": sum(len(v) for v in p.required.values()),
                "constraints": len(p.constraints) + (1 if p.bbox else 0),
                "params": sum(len(v) for v in p.params.values()),
                "severities": len(p.severities),
            }
        )
    lang = lang or default_lang()
    if fmt == "json":
        for i, error in errors.items():  # "error" stays English (data); "message" for people
            results[i]["message"] = error.message(lang)
        click.echo(json.dumps(results, ensure_ascii=False, indent=2))
    else:
        for i, r in enumerate(results):
            if r["ok"]:
                bases = ", ".join(r["extends"])
                extends = t("profile_extends", lang, bases=bases) if r["extends"] else ""
                values = {k: r[k] for k in ("ref", "fields", "codes", "required", "constraints")}
                values |= {"params": r["params"], "severities": r["severities"]}
                click.echo(
                    t("profile_ok", lang, version=r["standard_version"], extends=extends, **values)
                )
            else:
                click.echo(t("invalid", lang, error=errors[i].message(lang)), err=True)
    sys.exit(EXIT_FAIL if failed else EXIT_OK)


@profile_group.command("build")
@click.argument("file", help="The profile: a YAML file or name@version.")
@click.option(
    "--out",
    "out",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder to write the effective bundle to.",
)
@click.option("--base-uri", default=None, help="Base URI of every $id.")
@_SEARCH
@lang_option
@guard
def build_command(
    file: str, out: Path, base_uri: str | None, search: tuple[Path, ...], lang: str | None
) -> None:
    """Write the profile's effective bundle: the core schemas with the profile applied."""
    from smartstd.profiles import load_profile, profile_bundle_files
    from smartstd.versions import write_bundle

    ps = load_profile(file, search=search)
    written = write_bundle(out, profile_bundle_files(ps, base_uri))
    n = len(written)
    click.echo(t("wrote_profile_bundle", lang or default_lang(), n=n, ref=ps.main.ref, out=out))
    sys.exit(EXIT_OK)


@profile_group.command("docs")
@click.argument("file", help="The profile: a YAML file or name@version.")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Write the Markdown to a file.",
)
@click.option(
    "--lang",
    type=click.Choice(["both", "zh-CN", "en"]),
    default="both",
    show_default=True,
    help="Language of the documentation: both (Chinese, then English), zh-CN or en.",
)
@_SEARCH
@guard
def docs_command(file: str, output: Path | None, lang: str, search: tuple[Path, ...]) -> None:
    """Write Markdown documentation of a profile (both languages by default)."""
    from smartstd.profiles import load_profile, profile_docs

    ps = load_profile(file, search=search)
    _write(profile_docs(ps, lang), output)
    sys.exit(EXIT_OK)


#: The command registered by :mod:`smartstd.cli`.
COMMAND = profile_group
