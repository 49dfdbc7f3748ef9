"""List the modules over 800 lines and the functions over 120 lines (issue #11).

    python tools/sizes.py [src/smartstd] [--module-limit 800] [--function-limit 120]

A module's length is its number of lines; a function's is counted from its
first decorator (or ``def``) to its last line, nested functions included.
Exits 1 when anything is over. ``tests/test_sizes.py`` keeps it so.
"""

from __future__ import annotations

import argparse
import ast
import pathlib
import sys
from typing import NamedTuple


class Over(NamedTuple):
    """A module or a function over its limit."""

    kind: str  # "module" or "function"
    lines: int
    path: str  # relative to the root's parent, with "/"
    name: str  # the function's qualified name ("" for a module)
    line: int  # where it starts


def _functions(tree: ast.AST, prefix: str = "") -> list[tuple[str, int, int]]:
    found: list[tuple[str, int, int]] = []
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, ast.ClassDef):
            found += _functions(node, f"{prefix}{node.name}.")
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            first = min([node.lineno, *(d.lineno for d in node.decorator_list)])
            end = node.end_lineno or node.lineno
            found.append((f"{prefix}{node.name}", first, end - first + 1))
            found += _functions(node, f"{prefix}{node.name}.")
    return found


def over_limits(
    root: pathlib.Path, module_limit: int = 800, function_limit: int = 120
) -> list[Over]:
    """Every module and function under ``root`` over its limit, in path order."""
    out: list[Over] = []
    for path in sorted(root.rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        rel = path.relative_to(root.parent).as_posix()
        lines = text.count("\n")
        if lines > module_limit:
            out.append(Over("module", lines, rel, "", 1))
        for name, first, length in _functions(ast.parse(text, str(path))):
            if length > function_limit:
                out.append(Over("function", length, rel, name, first))
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("root", nargs="?", default="src/smartstd")
    parser.add_argument("--module-limit", type=int, default=800)
    parser.add_argument("--function-limit", type=int, default=120)
    args = parser.parse_args()
    found = over_limits(pathlib.Path(args.root), args.module_limit, args.function_limit)
    for o in found:
        where = f"{o.path}:{o.line} {o.name}" if o.name else o.path
        print(f"{o.kind:<8} {o.lines:5d}  {where}")
    print(f"{len(found)} over the limits")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
