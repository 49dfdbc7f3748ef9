"""Compatibility between two schema bundles (kept for existing callers).

The code lives in the :mod:`smartstd.schemas` package, one module per noun:
:mod:`~smartstd.schemas.bundle` (:class:`Bundle`, :func:`load_bundle`),
:mod:`~smartstd.schemas.change` (:class:`Change`, :class:`ChangeKind`),
:mod:`~smartstd.schemas.compatibility` (:func:`diff_schemas`) and
:mod:`~smartstd.schemas.diff` (:class:`Diff`, :func:`diff_bundles`,
:data:`MODES`, :func:`render_text`, :func:`render_markdown`). This module
re-exports every one of those names, so ``from smartstd.compat import ...``
keeps working.

兼容性（保留的入口）：实现位于 :mod:`smartstd.schemas` 包中，此处转出全部公开名称。
"""

from __future__ import annotations

from smartstd.schemas.bundle import Bundle, load_bundle
from smartstd.schemas.change import Change, ChangeKind
from smartstd.schemas.compatibility import diff_schemas
from smartstd.schemas.diff import MODES, Diff, diff_bundles, render_markdown, render_text

__all__ = [
    "MODES",
    "Bundle",
    "Change",
    "ChangeKind",
    "Diff",
    "diff_bundles",
    "diff_schemas",
    "load_bundle",
    "render_markdown",
    "render_text",
]
