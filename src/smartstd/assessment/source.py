"""Reading records for the assessment: raw JSON values, only the types needed.

NDJSON is streamed line by line; a line is parsed only when its text names a
type some indicator needs (most lines of a large file are observations that
no indicator reads). JSON and YAML documents are read whole with the
project's readers. A line or document that cannot be read is counted, not
raised: ``smartstd check`` is where such a file gets its findings.

评估读取：NDJSON 逐行流式读取，只解析指标需要的实体类型；无法读取的行只计数，不报错。
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from smartstd.assessment.collector import Collector
from smartstd.assessment.expr import instant
from smartstd.io.files import file_size, open_binary

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


def feed(paths: Sequence[str], collector: Collector, now: float | None = None) -> Inputs:
    """Read every file into ``collector``; the reference time is the first envelope's.

    Args:
        paths: files and folders (folders expand as for ``smartstd check``).
        collector: the state to fill.
        now: the reference time, when given (otherwise the envelope's ``generated_at``).
    """
    from smartstd.conformance.inputs import expand_paths
    from smartstd.io import Limits, sniff_format
    from smartstd.io.document import read_document

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
            docs.append((file, "ndjson", None))
            continue
        limits = Limits()
        try:
            if file_size(file) > limits.max_file_bytes:  # refused before it is read
                out.unreadable.append(file)
                continue
            with open_binary(file) as fh:
                data = fh.read()
        except OSError:
            out.unreadable.append(file)
            continue
        doc = read_document(data, file=file, limits=limits, fmt=fmt)
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
        for record in _ndjson(file, collector.types, out):
            add(record)
    return out


def _ndjson(file: str, types: frozenset[str], out: Inputs) -> Iterator[dict[str, Any]]:
    """The records of an NDJSON file that name a type in ``types``.

    A line longer than ``max_line_bytes`` is counted as bad and skipped a MiB
    at a time, never held whole (as ``smartstd check`` reads it).
    """
    from smartstd.io import Limits
    from smartstd.io.ndjson import read_line, skip_rest

    wanted = {t.encode() for t in types}
    findall = _TYPE.findall
    try:
        fh = open_binary(file)  # closed below, the generator may stop early
    except OSError:
        out.unreadable.append(file)
        return
    cap = Limits().max_line_bytes + 2  # the line, CRLF and one byte more
    with fh:
        readline = fh.readline
        while True:
            line, size, last_cr = read_line(readline, cap)
            if not size:
                break
            if line is None:  # over max_line_bytes: skipped a MiB at a time, never held whole
                out.bad_lines += 1
                skip_rest(readline, size, last_cr)
                continue
            found = findall(line)
            if not any(t in wanted for t in found) and b"\\u" not in line:
                continue
            try:
                value = _loads(line)
            except ValueError:
                out.bad_lines += 1
                continue
            if isinstance(value, dict):
                yield value
