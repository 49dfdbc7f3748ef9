"""``smartstd schema``: export, build, check and compare the published JSON Schemas.

* ``schema export``: write the schemas of the models (``schemas/<version>/``);
* ``schema build``: write a complete, self-contained bundle of a version
  (schemas with ``$id``, ``index.json``, ``codelists.json``, ``rules.json``,
  ``profile.schema.json``, ``CHANGES.md``, ``SHA256SUMS``);
* ``schema check``: fail when committed schemas differ from the models;
* ``schema diff OLD NEW``: classify every change between two bundles (or a
  bundle and a profile); exit 1 when the compatibility mode is broken or the
  new version number is too small.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from smartstd.cli import EXIT_FAIL, EXIT_OK, default_lang, guard
from smartstd.cli._options import lang_option
from smartstd.cli.command import Group
from smartstd.cli.messages import t


def _write(text: str, output: Path | None) -> None:
    """Write to a file (UTF-8) or to standard output."""
    if output is None:
        click.echo(text, nl=not text.endswith("\n"))
    else:
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(text, encoding="utf-8", newline="\n")


__all__ = ["schema_group"]

#: Files a bundle may hold besides the schemas, which ``schema check`` also compares.
_BUNDLE_FILES = (
    "index.json",
    "codelists.json",
    "rules.json",
    "profile.schema.json",
    "indicator.schema.json",
    "assessment.schema.json",
    "indicators.json",
    "migrations.json",
    "CHANGES.md",
    "SHA256SUMS",
)


@click.group("schema", cls=Group)
def schema_group() -> None:
    """Publish, check and compare the standard's JSON Schemas."""


@schema_group.command("export")
@click.option(
    "--out",
    "out",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Folder to write (default: schemas/<version>/ and the package data copy).",
)
@click.option(
    "--version", "version", default=None, help="Standard version (default: the library's)."
)
@click.option("--base-uri", default=None, help="Base URI of the $id of every schema.")
@lang_option
@guard
def export_command(
    out: Path | None, version: str | None, base_uri: str | None, lang: str | None
) -> None:
    """Write the schema bundle (one file per entity type, envelope, entity, dataset)."""
    from smartstd.schemas import DEFAULT_BASE_URI, export_schemas
    from smartstd.standard.dataset import STANDARD_VERSION

    v = version or STANDARD_VERSION
    uri = base_uri or DEFAULT_BASE_URI
    # schemas/ is the one committed copy; the wheel carries it as package data
    targets = [out] if out is not None else [Path("schemas") / v]
    for target in targets:
        written = export_schemas(target, v, uri)
        click.echo(t("wrote_schemas", lang or default_lang(), n=len(written), target=target))
    sys.exit(EXIT_OK)


def _changes_text(version: str, changelog: Path | None, previous: str | None, base_uri: str) -> str:
    """``CHANGES.md``: the changelog's section for the version, and a diff with ``--previous``."""
    from smartstd.versions import changelog_excerpt

    parts = [f"# SCDS {version}", ""]
    source = (
        changelog
        if changelog is not None
        else (Path("CHANGELOG.md") if Path("CHANGELOG.md").is_file() else None)
    )
    excerpt = None
    if source is not None:
        try:
            excerpt = changelog_excerpt(source.read_text("utf-8"), version)
        except (OSError, UnicodeDecodeError) as exc:
            from smartstd.errors import UsageError

            raise UsageError(key="cannot_read", file=source, reason=exc) from None
    parts.append(excerpt.strip() if excerpt else f"No changelog entry for {version} was found.")
    if previous is not None:
        from smartstd.compat import Bundle, diff_bundles, load_bundle, render_markdown
        from smartstd.schemas import build_schemas

        old = load_bundle(previous)
        new = Bundle.from_files(
            dict(build_schemas(version, base_uri)), version=version, source="(this build)"
        )
        diff = diff_bundles(old, new)
        parts += ["", "## Compatibility with the previous version / 与上一版本的兼容性", ""]
        md = render_markdown(diff, "backward", "en")
        parts.append(
            "\n".join("#" + line if line.startswith("#") else line for line in md.splitlines())
        )
    return "\n".join(parts).rstrip() + "\n"


@schema_group.command("build")
@click.option(
    "--version",
    "version",
    default=None,
    help="The version the bundle publishes (default: the library's).",
)
@click.option(
    "--base-uri",
    default=None,
    help="Base URI of every $id (default: https://smartstd.org/schemas/scds/).",
)
@click.option(
    "--out",
    "out",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder to write the bundle to.",
)
@click.option(
    "--changelog",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=None,
    help="Changelog to excerpt (default: ./CHANGELOG.md when present).",
)
@click.option(
    "--previous",
    default=None,
    help="The previous bundle (folder or version) to add a compatibility report to CHANGES.md.",
)
@lang_option
@guard
def build_command(
    version: str | None,
    base_uri: str | None,
    out: Path,
    changelog: Path | None,
    previous: str | None,
    lang: str | None,
) -> None:
    """Write a complete, self-contained bundle of a version of the standard.

    Every schema with its $id, index.json, codelists.json (both languages),
    rules.json (the rule catalogue), profile.schema.json, CHANGES.md and
    SHA256SUMS. Nothing is fetched: every $ref is local.
    """
    from smartstd.errors import UsageError
    from smartstd.schemas import DEFAULT_BASE_URI
    from smartstd.standard.dataset import STANDARD_VERSION
    from smartstd.versions import Version, bundle_files, write_bundle

    v = version or STANDARD_VERSION
    try:
        Version.parse(v)
    except ValueError:
        raise UsageError(key="not_a_version", text=v) from None
    from smartstd.standard.modelset import standard_versions

    if v not in standard_versions():
        language = lang or default_lang()
        message = t("publish_other_version", language, models=STANDARD_VERSION, version=v)
        click.echo(message, err=True)
    uri = base_uri or DEFAULT_BASE_URI
    files = bundle_files(v, uri, changes=_changes_text(v, changelog, previous, uri))
    written = write_bundle(out, files)
    click.echo(t("wrote_bundle", lang or default_lang(), n=len(written), version=v, out=out))
    sys.exit(EXIT_OK)


@schema_group.command("check")
@click.option(
    "--dir",
    "folder",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Bundle folder to compare (default: schemas/<version>/ of every version).",
)
@click.option(
    "--version",
    "version",
    default=None,
    help="The version the folder publishes (default: the folder's name when it is a"
    " version with models, else the library's).",
)
@click.option(
    "--base-uri",
    default=None,
    help="The base URI the bundle was built with (default: the standard's).",
)
@lang_option
@guard
def check_command(
    folder: Path | None, version: str | None, base_uri: str | None, lang: str | None
) -> None:
    """Fail (exit 1) when the committed schemas differ from the models.

    Without --dir, every version the library has models for is checked
    (schemas/1.0.0/, schemas/1.1.0/). A full bundle (from ``schema build``)
    is checked too: its index, code lists, rule catalogue, profile
    meta-schema and checksums must match.
    """
    from smartstd.schemas import DEFAULT_BASE_URI
    from smartstd.standard.dataset import STANDARD_VERSION
    from smartstd.standard.modelset import standard_versions

    uri = base_uri or DEFAULT_BASE_URI
    language = lang or default_lang()
    if folder is None:
        targets = [(Path("schemas") / v, v) for v in (version,) if v] or [
            (Path("schemas") / v, v) for v in standard_versions()
        ]
    else:
        guess = folder.name if folder.name in standard_versions() else STANDARD_VERSION
        targets = [(folder, version or guess)]
    problems: list[str] = []
    counted = []
    for target, v in targets:
        n, found = _check_folder(target, v, uri, language)
        problems.extend(found)
        counted.append((n, target))
    for p in problems:
        click.echo(p, err=True)
    if problems:
        click.echo(t("schema_run_export", language), err=True)
        sys.exit(EXIT_FAIL)
    for n, target in counted:
        click.echo(t("schemas_match", language, n=n, target=target))
    sys.exit(EXIT_OK)


def _check_folder(target: Path, version: str, uri: str, lang: str) -> tuple[int, list[str]]:
    """``(schemas compared, problems)`` of one published folder against ``version``'s models."""
    from smartstd.schemas import build_schemas, dump_schema

    fresh = {name: dump_schema(s) for name, s in build_schemas(version, uri).items()}
    problems = []
    for name, text in fresh.items():
        path = target / name
        if not path.is_file():
            problems.append(t("schema_missing", lang, path=path))
        elif path.read_bytes().decode("utf-8", "replace").replace("\r\n", "\n") != text:
            problems.append(t("schema_differs", lang, path=path))
    extras = [n for n in _BUNDLE_FILES if (target / n).is_file()]
    if extras:
        from smartstd.versions import bundle_files

        changes = (
            (target / "CHANGES.md").read_bytes() if (target / "CHANGES.md").is_file() else None
        )
        built = bundle_files(version, uri, changes=changes.decode("utf-8") if changes else None)
        for name in extras:
            if name == "CHANGES.md":
                continue
            if (target / name).read_bytes() != built[name]:
                problems.append(t("schema_differs", lang, path=target / name))
    if target.is_dir():
        known = set(fresh) | set(_BUNDLE_FILES)
        problems.extend(
            t("schema_not_generated", lang, path=p)
            for p in sorted(target.glob("*.json"))
            if p.name not in known
        )
    return len(fresh), problems


@schema_group.command("diff")
@click.argument(
    "old", help="The older side: a bundle folder, a version, a profile or a schema file."
)
@click.argument("new", help="The newer side, of the same kind.")
@click.option(
    "--mode",
    type=click.Choice(["backward", "forward", "full", "none"]),
    default="backward",
    show_default=True,
    help="The compatibility to require: old data stays valid (backward), old readers"
    " read new data (forward), or both (full).",
)
@click.option(
    "-f",
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "markdown"]),
    default="text",
    show_default=True,
    help="Report format.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Write the report to a file.",
)
@click.option(
    "--lang",
    type=click.Choice(["zh-CN", "en"]),
    default=None,
    help="Language of the report (default from the locale).",
)
@guard
def diff_command(
    old: str, new: str, mode: str, fmt: str, output: Path | None, lang: str | None
) -> None:
    """Compare two bundles and classify every change.

    OLD and NEW are bundle folders, published versions (1.0.0), profile files
    (their effective bundles) or two JSON Schema files, JSON or YAML (compared
    with each other whatever they are called). Exit 1 when the mode is
    violated or NEW's version number is smaller than the changes demand under
    SemVer; exit 2 when a file cannot be read.
    """
    from smartstd.compat import diff_bundles, render_markdown, render_text

    diff = diff_bundles(old, new)
    language = lang or default_lang()
    if fmt == "json":
        text = json.dumps(diff.to_dict(mode), ensure_ascii=False, indent=2) + "\n"
    elif fmt == "markdown":
        text = render_markdown(diff, mode, language)
    else:
        text = render_text(diff, mode, language)
    _write(text, output)
    sys.exit(EXIT_OK if diff.ok(mode) else EXIT_FAIL)
