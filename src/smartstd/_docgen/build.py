"""Every page together: build them, compare them with the committed ones, write them.

Also the command line, ``python -m smartstd._docgen [--check] [--docs DIR]``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from smartstd._docgen.codes import code_lists_page
from smartstd._docgen.commands import cli_page
from smartstd._docgen.conventions import reference_index
from smartstd._docgen.domains import domains_page
from smartstd._docgen.entities import entities_index, entity_page
from smartstd._docgen.envelope import envelope_page
from smartstd._docgen.example import example_entities, example_envelope
from smartstd._docgen.governance import governance_page
from smartstd._docgen.lifecycle import lifecycle_page
from smartstd._docgen.markdown import REFERENCE
from smartstd._docgen.report_format import report_format_page
from smartstd._docgen.rules import rules_page


def pages(root: Path | str = ".") -> dict[str, str]:
    """Every generated page: path relative to the docs folder -> Markdown text.

    Args:
        root: the repository root (where ``examples/guangzhou-panyu`` is read from).
    """
    from smartstd.standard.dataset import ENTITY_TYPES

    examples = example_entities(Path(root))
    out = {
        f"{REFERENCE}/index.md": reference_index(),
        f"{REFERENCE}/entities/index.md": entities_index(),
        f"{REFERENCE}/envelope.md": envelope_page(example_envelope(Path(root))),
        f"{REFERENCE}/code-lists.md": code_lists_page(),
        f"{REFERENCE}/domains.md": domains_page(),
        f"{REFERENCE}/lifecycle.md": lifecycle_page(),
        f"{REFERENCE}/rules.md": rules_page(),
        f"{REFERENCE}/governance.md": governance_page(Path(root)),
        f"{REFERENCE}/report-format.md": report_format_page(),
        f"{REFERENCE}/cli.md": cli_page(),
        f"{REFERENCE}/cli.zh.md": cli_page("zh-CN"),
    }
    for name in ENTITY_TYPES:
        out[f"{REFERENCE}/entities/{name}.md"] = entity_page(name, examples)
    return dict(sorted(out.items()))


def _owned(rel: str, fresh: dict[str, str]) -> bool:
    """A generated page, or the hand-written Chinese twin (``page.zh.md``) of one."""
    if rel.endswith(".zh.md"):
        return rel.removesuffix(".zh.md") + ".md" in fresh
    return rel in fresh


def stale(docs_dir: Path | str = "docs", root: Path | str | None = None) -> list[str]:
    """What differs between the committed pages and freshly generated ones (empty: none)."""
    docs = Path(docs_dir)
    return _differences(docs, pages(root if root is not None else docs.parent))


def _differences(docs: Path, fresh: dict[str, str]) -> list[str]:
    problems = []
    for rel, text in fresh.items():
        path = docs / rel
        if not path.is_file():
            problems.append(f"missing: {path}")
        elif path.read_text(encoding="utf-8") != text:
            problems.append(f"out of date: {path}")
    ref = docs / REFERENCE
    if ref.is_dir():
        for path in sorted(ref.rglob("*.md")):
            if not _owned(path.relative_to(docs).as_posix(), fresh):
                problems.append(f"not generated (remove it): {path}")
    return problems


def generate(docs_dir: Path | str = "docs", root: Path | str | None = None) -> list[Path]:
    """Write every generated page under ``docs_dir`` and remove stale ones.

    Returns:
        The files written (unchanged pages are not rewritten).
    """
    docs = Path(docs_dir)
    fresh = pages(root if root is not None else docs.parent)
    ref = docs / REFERENCE
    if ref.is_dir():
        for path in sorted(ref.rglob("*.md")):
            if not _owned(path.relative_to(docs).as_posix(), fresh):
                path.unlink()
    written = []
    for rel, text in fresh.items():
        path = docs / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8", newline="\n")
            written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    """Command line: ``python -m smartstd._docgen [--check] [--docs DIR]``."""
    parser = argparse.ArgumentParser(
        prog="python -m smartstd._docgen",
        description="Generate the reference pages of the documentation from the code.",
    )
    parser.add_argument("--docs", default="docs", help="the docs folder (default: docs)")
    parser.add_argument(
        "--check", action="store_true", help="exit 1 when the committed pages are stale"
    )
    args = parser.parse_args(argv)
    if args.check:
        fresh = pages(Path(args.docs).parent)
        problems = _differences(Path(args.docs), fresh)
        for p in problems:
            print(p, file=sys.stderr)
        if problems:
            print("run `python -m smartstd._docgen` and commit the result", file=sys.stderr)
            return 1
        print(f"{len(fresh)} generated pages are up to date")
        return 0
    written = generate(args.docs)
    print(f"wrote {len(written)} pages under {Path(args.docs) / REFERENCE}")
    return 0
