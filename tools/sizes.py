"""List the modules over 800 lines and the functions over 120 lines (issue #11).

    python tools/sizes.py [src/smartstd] [--module-limit 800] [--function-limit 120]

A function's length is counted from its first decorator (or ``def``) to its
last line, nested functions included. Exits 1 when anything is over.
"""

from __future__ import annotations

import argparse
import ast
import pathlib
import sys


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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("root", nargs="?", default="src/smartstd")
    parser.add_argument("--module-limit", type=int, default=800)
    parser.add_argument("--function-limit", type=int, default=120)
    args = parser.parse_args()
    over = 0
    for path in sorted(pathlib.Path(args.root).rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        lines = text.count("\n")
        if lines > args.module_limit:
            print(f"module   {lines:5d}  {path}")
            over += 1
        for name, first, length in _functions(ast.parse(text, str(path))):
            if length > args.function_limit:
                print(f"function {length:5d}  {path}:{first} {name}")
                over += 1
    print(f"{over} over the limits")
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
