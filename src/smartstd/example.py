"""The bundled example community, to copy out and check (``smartstd example``).

The example (``examples/guangzhou-panyu`` in the repository: the data as JSON
and NDJSON, its charter and the Panyu profile) is package data of the wheel
(``smartstd/_example/guangzhou-panyu``), so that after ``pip install
smartstd`` the first command of the documentation works::

    smartstd example --out panyu && smartstd check panyu

From a source checkout the repository's folder is used.

示例社区数据随安装包发布，``smartstd example --out DIR`` 把它写到任意文件夹。
"""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path
from typing import Any

from smartstd.errors import UsageError

__all__ = ["EXAMPLE_NAME", "example_files", "write_bundled_example"]

#: A file or folder of the installed package (``importlib.resources``' Traversable;
#: its module moved between Python 3.10 and 3.11).
Traversable = Any

#: The name of the bundled example's folder.
EXAMPLE_NAME = "guangzhou-panyu"


def _root() -> Traversable:
    """The bundled example's folder: package data, else the source checkout's."""
    packaged = resources.files("smartstd") / "_example" / EXAMPLE_NAME
    if packaged.is_dir():
        return packaged
    checkout = Path(__file__).resolve().parents[2] / "examples" / EXAMPLE_NAME
    if checkout.is_dir():
        return checkout
    raise UsageError(key="example_missing")  # pragma: no cover - a broken installation


def example_files() -> dict[str, Traversable]:
    """The example's files by relative path (``dataset.json``, ``ndjson/dataset.ndjson`` ...)."""
    out: dict[str, Traversable] = {}
    stack: list[tuple[str, Traversable]] = [("", _root())]
    while stack:
        prefix, folder = stack.pop()
        for entry in folder.iterdir():
            rel = f"{prefix}{entry.name}"
            if entry.is_dir():
                if entry.name != "__pycache__":
                    stack.append((rel + "/", entry))
            else:
                out[rel] = entry
    return dict(sorted(out.items()))


def write_bundled_example(out: str | os.PathLike[str], *, force: bool = False) -> list[Path]:
    """Copy the example into ``out`` and return the files written.

    Raises:
        UsageError: when ``out`` exists and is not empty (unless ``force``), or is a file.
    """
    target = Path(out)
    if target.exists() and not target.is_dir():
        raise UsageError(key="example_is_file", out=target)
    if target.is_dir() and any(target.iterdir()) and not force:
        raise UsageError(key="example_exists", out=target)
    written: list[Path] = []
    for rel, source in example_files().items():
        dest = target / rel
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.write_bytes(source.read_bytes())
        written.append(dest)
    return written
