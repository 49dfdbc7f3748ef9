"""Readers for JSON, NDJSON and YAML that keep positions and never raise on bad input.

Everything that is wrong with an input becomes a
:class:`~smartstd.report.Finding` of severity error (the engine re-applies
the configured severities), with the file, a 1-based line and column
(counted in characters) and, where it means something, the JSON Pointer path:

- SC100 ``parse-error`` (``params["reason"]`` says what kind: ``empty``,
  ``comments``, ``truncated``, ``nan``, ``blank-line``, ``yaml-tag``, ...),
- SC101 ``encoding-error`` (not UTF-8; with the likely encoding and an
  ``iconv`` command),
- SC102 ``duplicate-key`` (the last value wins; the finding says which key),
- SC109 ``input-limit`` (size, line length, nesting depth, YAML aliases;
  see :class:`Limits`).

Parsing keeps no positions; :func:`locate` (JSON) and :class:`PositionMap`
(YAML) find them afterwards, for the records that need them.
"""

import typing

from smartstd import _lazy
from smartstd.io.document import Document, read_document, read_file
from smartstd.io.encoding import decode
from smartstd.io.jsonreader import parse_json
from smartstd.io.limits import Limits
from smartstd.io.ndjson import NdjsonLine, iter_ndjson
from smartstd.io.positions import PositionMap, locate
from smartstd.io.sniff import sniff_format

__all__ = [
    "Document",
    "Limits",
    "NdjsonLine",
    "PositionMap",
    "decode",
    "iter_ndjson",
    "locate",
    "parse_json",
    "parse_yaml",
    "read_document",
    "read_file",
    "sniff_format",
]

#: Loaded on first use: a check of JSON or NDJSON never reads YAML.
_LAZY = {"parse_yaml": "smartstd.io.yamlreader"}
__getattr__, __dir__ = _lazy.lazy_names(__name__, globals(), _LAZY, __all__)

if typing.TYPE_CHECKING:
    from smartstd.io.yamlreader import parse_yaml
