"""Reading records for the assessment: raw JSON values, only the types needed.

NDJSON is streamed line by line; a line is parsed only when its text names a
type some indicator needs (most lines of a large file are observations that
no indicator reads). JSON and YAML documents are read whole with the
project's readers. A line or document that cannot be read is counted, not
raised: ``smartstd check`` is where such a file gets its findings.

An input over a limit of :class:`~smartstd.io.Limits` (the ``[limits]`` of
``smartstd.toml``) is refused as ``smartstd check`` refuses it: a
:class:`~smartstd.errors.UsageError` that carries the SC109 finding (what,
where, and which limit to raise). A document over ``max_file_bytes`` or an
NDJSON file over ``max_ndjson_bytes`` is refused before it is read, a line
over ``max_line_bytes`` without being held, and a line to be parsed (one of
a type an indicator reads) nested deeper than ``max_depth`` before it is
parsed.

评估读取：NDJSON 逐行流式读取，只解析指标需要的实体类型；无法读取的行只计数，不报错。
超出输入限制（smartstd.toml 的 [limits]）的输入与 check 一样拒绝，
并说明超出哪项限制、在哪里、如何处理。
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from smartstd.assessment.collector import Collector
from smartstd.assessment.expr import instant
from smartstd.io import Limits
from smartstd.io.files import file_size, open_binary
from smartstd.io.limits import refusal

__all__ = ["Inputs", "feed"]

_TYPE = re.compile(rb'"type"\s*:\s*"([A-Za-z]+)"')

try:  # orjson is optional (the bench extra); json is the fallback
    import orjson

    _loads: Callable[[bytes], Any] = orjson.loads
except ImportError:  # pragma: no cover - depends on the environment
    _loads = json.loads


@dataclass
class Inputs:
    """What was read: the files, the envelope's facts and what could not be read."""

    files: list[str] = field(default_factory=list)
    generated_at: str | None = None
    unreadable: list[str] = field(default_factory=list)
    bad_lines: int = 0


def _entities(value: Any) -> list[Any]:
    if isinstance(value, dict):
        ents = value.get("entities")
        if isinstance(ents, list):
            return ents
        return [value] if "type" in value else []
    if isinstance(value, list):
        return value
    return []


def _envelope_time(value: Any) -> str | None:
    if isinstance(value, dict) and isinstance(value.get("generated_at"), str):
        return str(value["generated_at"])
    return None


def feed(
    paths: Sequence[str],
    collector: Collector,
    now: float | None = None,
    *,
    limits: Limits | None = None,
) -> Inputs:
    """Read every file into ``collector``; the reference time is the first envelope's.

    Args:
        paths: files and folders (folders expand as for ``smartstd check``).
        collector: the state to fill.
        now: the reference time, when given (otherwise the envelope's ``generated_at``).
        limits: the input limits (default :class:`~smartstd.io.Limits`).

    Raises:
        UsageError: for an input over one of ``limits`` (its SC109 finding says
            which, where, and how to get past it).
    """
    from smartstd.conformance.inputs import expand_paths
    from smartstd.io import sniff_format
    from smartstd.io._findings import INPUT_LIMIT, limit
    from smartstd.io.document import read_document

    limits = limits if limits is not None else Limits()
    files = expand_paths(list(paths))
    out = Inputs(files=files)
    docs: list[tuple[str, str, Any]] = []
    for file in files:
        try:
            with open_binary(file) as fh:
                head = fh.read(65536)
        except OSError:
            out.unreadable.append(file)
            continue
        fmt = sniff_format(file, head) or "json"
        if fmt == "ndjson":
            first = head.split(b"\n", 1)[0]
            try:
                env = _loads(first)
            except ValueError:
                env = None
            if isinstance(env, dict) and "type" not in env:
                out.generated_at = out.generated_at or _envelope_time(env)
            cap = limits.max_ndjson_bytes
            try:
                size = file_size(file)
            except OSError:
                out.unreadable.append(file)
                continue
            if cap is not None and size > cap:  # refused before it is read
                raise refusal(limit("max_ndjson_bytes", size, cap, file=file))
            docs.append((file, "ndjson", None))
            continue
        try:
            size = file_size(file)
            if size > limits.max_file_bytes:  # refused before it is read (as check does)
                raise refusal(limit("max_file_bytes", size, limits.max_file_bytes, file=file))
            with open_binary(file) as fh:
                data = fh.read()
        except OSError:
            out.unreadable.append(file)
            continue
        doc = read_document(data, file=file, limits=limits, fmt=fmt)
        over = [f for f in doc.findings if f.code == INPUT_LIMIT]
        if over:
            raise refusal(over[0])
        if doc.value is None:
            out.unreadable.append(file)
            continue
        out.generated_at = out.generated_at or _envelope_time(doc.value)
        docs.append((file, fmt, doc.value))
    collector.set_now(now if now is not None else instant(out.generated_at))
    add = collector.add
    for file, kind, value in docs:
        if kind != "ndjson":
            for e in _entities(value):
                if isinstance(e, dict):
                    add(e)
            continue
        for record in _ndjson(file, collector.types, out, limits):
            add(record)
    return out


def _ndjson(
    file: str, types: frozenset[str], out: Inputs, limits: Limits | None = None
) -> Iterator[dict[str, Any]]:
    """The records of an NDJSON file that name a type in ``types``.

    Raises:
        UsageError: at a line longer than ``max_line_bytes`` (skipped a MiB
            at a time first, never held whole, as ``smartstd check`` reads
            it) or, among the lines it parses, nested deeper than
            ``max_depth`` (refused before it is parsed), and where the file
            passes ``max_ndjson_bytes``.
    """
    from smartstd.io._findings import limit
    from smartstd.io.ndjson import read_line, skip_rest

    limits = limits if limits is not None else Limits()

    wanted = {t.encode() for t in types}
    findall = _TYPE.findall
    try:
        fh = open_binary(file)  # closed below, the generator may stop early
    except OSError:
        out.unreadable.append(file)
        return
    max_line, max_depth = limits.max_line_bytes, limits.max_depth
    max_file = limits.max_ndjson_bytes
    cap = max_line + 2  # the line, CRLF and one byte more
    total = lineno = 0  # the bytes and lines read so far
    with fh:
        readline = fh.readline
        while True:
            line, size, last_cr = read_line(readline, cap)
            if not size:
                break
            lineno += 1
            total += size
            if line is None:  # over max_line_bytes: skipped a MiB at a time, never held whole
                length, _ = skip_rest(readline, size, last_cr)
                raise refusal(
                    limit("max_line_bytes", length, max_line, file=file, line=lineno, column=1)
                )
            if max_file is not None and total > max_file:  # the file grew since it was sized
                raise refusal(
                    limit("max_ndjson_bytes", total, max_file, file=file, line=lineno, column=1)
                )
            if size > max_line and len(_content(line)) > max_line:  # fitted with its end only
                length = len(_content(line))
                raise refusal(
                    limit("max_line_bytes", length, max_line, file=file, line=lineno, column=1)
                )
            found = findall(line)
            if not any(t in wanted for t in found) and b"\\u" not in line:
                continue  # never parsed: its depth cannot hurt
            if line.count(b"{") + line.count(b"[") > max_depth:  # may be too deep: make sure
                _too_deep(_content(line), file, lineno, limits)
            try:
                value = _loads(line)
            except ValueError:
                out.bad_lines += 1
                continue
            if isinstance(value, dict):
                yield value


def _content(line: bytes) -> bytes:
    """A line without its line end (LF or CR LF; a last line may end in a lone CR)."""
    if line.endswith(b"\n"):
        return line[:-2] if line.endswith(b"\r\n") else line[:-1]
    return line[:-1] if line.endswith(b"\r") else line


def _too_deep(content: bytes, file: str, lineno: int, limits: Limits) -> None:
    """Refuse a line nested deeper than ``max_depth``, as the reader of ``check`` finds it.

    Raises:
        UsageError: with the SC109 finding (line, column and JSON Pointer).
    """
    from smartstd.io.jsonreader import _max_depth, parse_json

    text = content.decode("utf-8", "replace")
    if _max_depth(text) <= limits.max_depth:  # brackets in strings, or a shallow line
        return
    _, problems = parse_json(text, file=file, limits=limits, line_offset=lineno - 1)
    for f in problems:
        if f.params.get("limit") == "max_depth":
            raise refusal(f)
