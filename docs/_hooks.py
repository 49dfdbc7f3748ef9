"""MkDocs hooks: publish the schema files with the site and list the entity pages.

* ``on_config`` replaces the navigation entry ``reference/entities/index.md``
  with a section listing every entity page, in the standard's order, so a new
  entity type needs no edit of ``mkdocs.yml``;
* ``on_files`` adds the committed JSON Schemas (``schemas/<version>/``) to the
  site, so the reference pages can link to them without a copy under ``docs/``;
* ``on_files`` also adds Mermaid, vendored from its npm package
  (``tools/docs/package.json`` and its lock file), as
  ``assets/javascripts/mermaid.min.js``; ``mkdocs.yml`` loads it through
  ``extra_javascript``, so mkdocs-material finds ``window.mermaid`` and never
  fetches its CDN copy. When ``tools/docs/node_modules`` is missing the hook
  runs ``npm ci`` there once (a build step; CI runs it before ``mkdocs build``);
* ``on_page_markdown`` puts the repository's ``CHANGELOG.md`` on the
  changelog page, so there is one changelog, kept beside the code, and gives
  the Chinese reference overview the generated conventions.

The built site loads nothing from another host (``tests/test_docs_site.py``).
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

_ROOT = Path(__file__).resolve().parent.parent
_ENTITIES = "reference/entities/index.md"
_TOOLS = _ROOT / "tools" / "docs"
_MERMAID = _TOOLS / "node_modules" / "mermaid" / "dist" / "mermaid.min.js"
MERMAID_URI = "assets/javascripts/mermaid.min.js"


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


def mermaid_script() -> Path:
    """The vendored ``mermaid.min.js``, installed with ``npm ci`` if it is not yet."""
    if not _MERMAID.is_file():
        npm = shutil.which("npm")
        if npm is None:
            raise PluginError(
                "the docs vendor Mermaid from npm, and npm is not installed: install Node.js 20 "
                f"and npm, then run `npm ci --prefix {_TOOLS.relative_to(_ROOT)}`"
            )
        done = subprocess.run(
            [npm, "ci", "--no-audit", "--no-fund", "--loglevel=error"],
            cwd=_TOOLS,
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode != 0 or not _MERMAID.is_file():
            raise PluginError(
                f"`npm ci` in {_TOOLS.relative_to(_ROOT)} failed, so Mermaid cannot be "
                f"vendored into the site:\n{done.stderr.strip()}"
            )
    return _MERMAID


def on_files(files: Files, config: Any, **kwargs: Any) -> Files:
    mermaid = mermaid_script()
    files.append(File.generated(config, MERMAID_URI, abs_src_path=str(mermaid)))
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


_ALTERNATE = re.compile(r'[ \t]*<link rel="alternate" href="[^"]*" hreflang="[^"]*">\n?')


def on_post_page(output: str, page: Any, **kwargs: Any) -> str:
    """Drop the ``<link rel="alternate" hreflang>`` hints from the page head.

    mkdocs-material fetches ``sitemap.xml`` next to each of them, expecting a
    language's root; the i18n plugin points them at the page's own twin, so
    every page asked for two sitemaps that do not exist (404s in the console).
    The language switcher (``.md-select__link``) keeps its links.
    """
    return _ALTERNATE.sub("", output)


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
