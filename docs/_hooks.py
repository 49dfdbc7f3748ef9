"""MkDocs hooks: publish the schema files with the site and list the entity pages.

* ``on_config`` replaces the navigation entry ``reference/entities/index.md``
  with a section listing every entity page, in the standard's order, so a new
  entity type needs no edit of ``mkdocs.yml``;
* ``on_files`` adds the committed JSON Schemas (``schemas/<version>/``) to the
  site, so the reference pages can link to them without a copy under ``docs/``;
* ``on_page_markdown`` puts the repository's ``CHANGELOG.md`` on the
  changelog page, so there is one changelog, kept beside the code.

Nothing here fetches anything: the build works offline.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.structure.files import File, Files

_ROOT = Path(__file__).resolve().parent.parent
_ENTITIES = "reference/entities/index.md"


def _expand(nav: list[Any]) -> list[Any]:
    from smartstd._docgen import entity_nav

    out: list[Any] = []
    for item in nav:
        if isinstance(item, dict):
            ((title, value),) = item.items()
            if value == _ENTITIES:
                out.append({title: [_ENTITIES, *entity_nav()]})
            elif isinstance(value, list):
                out.append({title: _expand(value)})
            else:
                out.append(item)
        else:
            out.append(item)
    return out


def on_config(config: Any, **kwargs: Any) -> Any:
    if config.get("nav"):
        config["nav"] = _expand(config["nav"])
    return config


def on_files(files: Files, config: Any, **kwargs: Any) -> Files:
    for path in sorted((_ROOT / "schemas").rglob("*.schema.json")):
        rel = path.relative_to(_ROOT).as_posix()
        files.append(
            File(
                rel,
                src_dir=str(_ROOT),
                dest_dir=config["site_dir"],
                use_directory_urls=config["use_directory_urls"],
            )
        )
    return files


def _conventions() -> str:
    """The generated reference overview from its conventions on (bilingual already)."""
    text = (_ROOT / "docs" / "reference" / "index.md").read_text(encoding="utf-8")
    start = text.find("\n## Conventions")
    return text[start:] if start >= 0 else ""


def on_page_markdown(markdown: str, page: Any, **kwargs: Any) -> str:
    if page.file.src_uri == "reference/index.zh.md":
        # the Chinese overview keeps the generated page's anchors (entity pages link to them)
        return markdown + "\n" + _conventions()
    if page.file.src_uri != "changelog.md":
        return markdown
    changelog = _ROOT / "CHANGELOG.md"
    if not changelog.is_file():
        return (
            markdown + "\nThe changelog is kept in `CHANGELOG.md` at the root of the repository.\n"
        )
    text = changelog.read_text(encoding="utf-8")
    if text.startswith("# "):  # the page has its own title
        text = text.split("\n", 1)[1] if "\n" in text else ""
    return markdown + "\n" + text
