"""Generate the reference pages of the documentation from the code.

Everything under ``docs/reference/`` is written by this package from the same
sources the library uses (the models, the code lists, the domain mappings,
the request lifecycle, the rule catalogue, the click commands), so the
published reference cannot drift from the code. The pages are committed;
``tests/test_docs.py`` fails when they differ from what this package writes,
or when an entity type, a code list, a rule or a command has no page or
section.

Regenerate after changing the standard, the rules or the CLI::

    python -m smartstd._docgen            # rewrite docs/reference/
    python -m smartstd._docgen --check    # exit 1 when the committed pages are stale

One module per kind of page: ``entities`` (one page per entity type and
their index), ``conventions`` (the reference index), ``envelope``, ``codes``
(code lists), ``domains``, ``lifecycle``, ``rules``, ``report_format``,
``governance`` (the example charter) and ``commands`` (the command line);
beneath them ``fields`` (field tables from JSON Schema), ``samples``
(minimal entities), ``example`` (the example community) and ``markdown``;
``build`` puts the pages together, checks and writes them.

This package is private (``_docgen``): it is a tool of the repository, not
part of the public API.

文档生成：docs/reference/ 下的页面全部由代码生成（模型、代码表、领域映射、诉求状态机、
规则目录、命令行），提交到仓库，并由测试检查是否与代码一致。
"""

from __future__ import annotations

from smartstd._docgen.build import generate, main, pages, stale
from smartstd._docgen.commands import cli_commands
from smartstd._docgen.entities import entity_nav
from smartstd._docgen.markdown import HEADER, REFERENCE

__all__ = [
    "HEADER",
    "REFERENCE",
    "cli_commands",
    "entity_nav",
    "generate",
    "main",
    "pages",
    "stale",
]
