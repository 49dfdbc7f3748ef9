"""Helpers the format modules share: escaping data, grouping findings, paths, JSON."""

from __future__ import annotations

import json
import math
import os
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from typing import Any, TextIO
from urllib.parse import quote

from smartstd.catalogue import RuleInfo, get_rule
from smartstd.report import LEFT_OUT, Finding, Report, Severity

# C0 and C1 controls and DEL, lone surrogates, the XML non-characters U+FFFE and
# U+FFFF, line and paragraph separators, and the bidirectional controls that
# can make text display differently from what it is ("Trojan Source").
_UNSAFE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069"
    "\ud800-\udfff\ufffe\uffff]"
)
_UNSAFE_KEEP_LINES = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069"
    "\ud800-\udfff\ufffe\uffff]"
)
# What json.dumps(ensure_ascii=False) leaves raw but dump_json escapes; these
# characters only ever occur inside JSON strings, where \uXXXX means the same.
_JSON_ESCAPE = re.compile(
    "[\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufffe\uffff]"
)
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
# How much JSON text is escaped and written at a time.
_WRITE_CHARS = 1 << 20


def _show(match: re.Match[str]) -> str:
    ch = match.group()
    if ch in _NAMED:
        return _NAMED[ch]
    cp = ord(ch)
    return f"\\x{cp:02x}" if cp < 0x100 else f"\\u{cp:04x}"


def visible(text: str, *, keep_newlines: bool = False) -> str:
    r"""``text`` with control, separator and bidi characters shown as escapes.

    The result is a single line (unless ``keep_newlines``), legal in XML 1.0,
    and safe to print on a terminal.

    >>> visible("a\nb\x1b[31m\u202e")
    'a\\nb\\x1b[31m\\u202e'
    >>> visible("a\r\nb\tc", keep_newlines=True)
    'a\nb\tc'
    """
    if keep_newlines:
        return _UNSAFE_KEEP_LINES.sub(_show, text.replace("\r\n", "\n"))
    return _UNSAFE.sub(_show, text)


def jsonable(value: Any) -> Any:
    """``value`` as plain JSON: non-finite floats and unknown types become strings."""
    if value is None or isinstance(value, (str, bool, int)):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else str(value)
    if isinstance(value, Mapping):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [jsonable(v) for v in value]
    if isinstance(value, (set, frozenset)):
        return sorted((jsonable(v) for v in value), key=repr)
    return str(value)


def dump_json(document: Any, out: TextIO, *, indent: int | None = 2) -> None:
    r"""Write ``document`` as UTF-8-safe JSON and a final newline.

    ``indent=None`` writes compact JSON, several times faster for big documents.

    Non-ASCII text stays readable. DEL, C1 controls, line separators, bidi
    controls, U+FFFE/U+FFFF and lone surrogates (which ``json.loads`` accepts
    from ``"\ud800"``) are written as ``\uXXXX`` escapes: the same JSON
    value, but the text always encodes as UTF-8 and displays as it is.
    """
    if indent is None:  # the C encoder, which only writes the whole text at once
        encoder = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), allow_nan=False)
        _write_escaped(encoder.encode(document), out)
    else:  # piece by piece: a report with many findings is never one huge string
        from smartstd.reporters._indented import write_indented  # JSON reports only

        write_indented(document, lambda text: _write_escaped(text, out), indent)
    out.write("\n")


def _write_escaped(text: str, out: TextIO) -> None:
    """Write JSON text with :data:`_JSON_ESCAPE` characters escaped, a bounded piece at a time."""
    if _JSON_ESCAPE.search(text) is not None:
        text = _JSON_ESCAPE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
    for start in range(0, len(text), _WRITE_CHARS):
        out.write(text[start : start + _WRITE_CHARS])


def rule_or_none(code: str) -> RuleInfo | None:
    """The catalogue's rule for ``code``, or ``None`` when it has none."""
    try:
        return get_rule(code)
    except KeyError:
        return None


def rule_name(code: str) -> str | None:
    """The kebab-case name of rule ``code``, or ``None`` when the catalogue lacks it."""
    rule = rule_or_none(code)
    return rule.name if rule is not None else None


def file_of(finding: Finding) -> str | None:
    """The finding's file, with an empty name treated as no file."""
    return finding.file or None


def group_by_file(findings: Iterable[Finding]) -> list[tuple[str | None, list[Finding]]]:
    """Findings grouped by file, in the report's order, dataset-level ones last."""
    groups: dict[str | None, list[Finding]] = {}
    for f in findings:
        groups.setdefault(file_of(f), []).append(f)
    ordered: list[tuple[str | None, list[Finding]]] = [
        (k, v) for k, v in groups.items() if k is not None
    ]
    if None in groups:
        ordered.append((None, groups[None]))
    return ordered


def all_files(inputs: Iterable[str], *finding_lists: Iterable[Finding]) -> list[str]:
    """The input files, then any other file a finding names, without repeats."""
    files = dict.fromkeys(i for i in inputs if i)
    extra = {f.file for lst in finding_lists for f in lst if f.file and f.file not in files}
    files.update(dict.fromkeys(sorted(extra)))
    return list(files)


def position(finding: Finding) -> str:
    """``line:col``, ``line`` or ``""``, for a location display."""
    if finding.line is None:
        return ""
    if finding.column is None:
        return str(finding.line)
    return f"{finding.line}:{finding.column}"


_DRIVE = re.compile(r"^[A-Za-z]:/")


def normalize_path(file: str, root: str | os.PathLike[str] | None = None) -> tuple[str, bool]:
    r"""A file name with forward slashes, relative to ``root`` when it lies under it.

    Returns:
        The path, and whether it is still absolute (it is outside ``root``).

    >>> normalize_path(".\\data\\a.json")
    ('data/a.json', False)
    >>> normalize_path("/srv/repo/data/a.json", "/srv/repo")
    ('data/a.json', False)
    """
    path = file.replace("\\", "/")
    absolute = path.startswith("/") or bool(_DRIVE.match(path))
    if absolute:
        base = os.fspath(root) if root is not None else os.getcwd()
        base = base.replace("\\", "/").rstrip("/") + "/"
        if path.startswith(base):
            return path[len(base) :], False
        return path, True
    while path.startswith("./"):
        path = path[2:]
    return path, False


def path_uri(path: str, absolute: bool) -> str:
    """A URI reference for a path from :func:`normalize_path` (percent-encoded).

    >>> path_uri("数据/a b.json", False)
    '%E6%95%B0%E6%8D%AE/a%20b.json'
    >>> path_uri("C:/data/a.json", True)
    'file:///C:/data/a.json'
    """
    if not absolute:
        # ':' is encoded too, so a first segment like "a:b" cannot read as a scheme.
        return _quote(path, "/")
    if path.startswith("//"):
        return "file:" + _quote(path, "/:")
    return "file:///" + _quote(path.lstrip("/"), "/:")


def _quote(path: str, safe: str) -> str:
    # A file name the OS gave as undecodable bytes holds surrogate escapes:
    # encode those back to the original bytes; any other lone surrogate passes.
    try:
        return quote(path, safe=safe, errors="surrogateescape")
    except UnicodeEncodeError:
        return quote(path, safe=safe, errors="surrogatepass")


_SEVERITIES = frozenset(s.value for s in Severity)


def rule_counts_listed(report: Report) -> Counter[tuple[str, Severity]]:
    """Findings per rule and severity that the report lists (no SC903 notice)."""
    return Counter((f.code, f.severity) for f in report.findings if f.code != LEFT_OUT)


def rule_counts(report: Report) -> Counter[tuple[str, Severity]]:
    """Findings per rule and severity, with those a limit left out.

    A limit's SC903 notice says how many findings of one rule and severity it
    left out; they count under their own rule, not as SC903 findings.
    """
    counts = rule_counts_listed(report)
    for f in report.findings:
        if f.code == LEFT_OUT:
            code, sev, n = f.params.get("code"), f.params.get("severity"), f.params.get("omitted")
            if isinstance(code, str) and sev in _SEVERITIES and isinstance(n, int):
                counts[(code, Severity(sev))] += n
    return counts
