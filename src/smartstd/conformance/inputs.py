"""Inputs: which files form a dataset, and how each is read into records.

Paths may be files or folders (a folder contributes its data files, not
recursively, in name order; profile and configuration files are skipped),
local or URLs with a protocol (``s3://bucket/data.ndjson``, a folder
``s3://bucket/district/``), which are read through fsspec
(:mod:`smartstd.io.files`); findings name a URL's file by its URL.
YAML documents and small JSON documents are read whole; a large JSON
document is read as its envelope, its ``entities`` array streamed
(:func:`open_document` with ``stream``); NDJSON is streamed line by line.

输入：哪些文件组成一个数据集，以及如何把每个文件读成记录。
"""

from __future__ import annotations

import glob
import json
import os
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path as FsPath
from typing import Any, Literal

from smartstd.conformance.rule import Where
from smartstd.errors import UsageError
from smartstd.io import Limits, iter_ndjson, read_document, sniff_format
from smartstd.io._findings import limit
from smartstd.io.elements import Outline, Unstreamable, elements, outline
from smartstd.io.files import entries, file_size, is_url, kind_of, not_regular, open_binary
from smartstd.report import Finding, Path, Severity

__all__ = [
    "DATA_SUFFIXES",
    "Batch",
    "InputFile",
    "Record",
    "Unstreamable",
    "expand_paths",
    "iter_ndjson_batches",
    "iter_ndjson_records",
    "open_document",
]

Format = Literal["json", "ndjson", "yaml"]

#: File name endings read as data when a folder is given.
DATA_SUFFIXES = (".json", ".ndjson", ".jsonl", ".yaml", ".yml")
_SKIP_NAMES = frozenset(
    {"smartstd.toml", "pyproject.toml", "waivers.yaml", "waivers.yml", "smartstd.yaml"}
)


@dataclass
class Record:
    """One entity record as read: the parsed value, where it is, its text (NDJSON)."""

    raw: Any
    where: Where
    text: str | None = None


@dataclass
class Batch:
    """Consecutive NDJSON lines that are plainly fine to read: UTF-8, each one object.

    The lines stay bytes: the fast path validates them as they are and
    decodes only the few that need a closer look.

    Attributes:
        first_line: the 1-based line number of ``lines[0]`` in its file.
        lines: the lines (valid UTF-8), without line ends.
        data: ``lines`` joined by line ends, for screens that run on the
            whole batch at once.
        index: for the elements of a JSON document's ``entities`` array
            (:meth:`InputFile.batches`), the index of ``lines[0]``; each line
            is then an element on one line, its path ``/entities/<index>``,
            and its line and column are found afterwards (``first_line`` is
            not used).
    """

    first_line: int
    lines: list[bytes]
    data: bytes = b""
    index: int | None = None


@dataclass
class InputFile:
    """One input file as a check reads it: a JSON or YAML dataset read whole, or an NDJSON head.

    The engine, :func:`smartstd.load` and the graph commands all read their
    paths through :func:`open_document`, which gives one of these. For JSON
    and YAML it holds the parsed :class:`smartstd.io.Document` (``doc``: the
    text and where each value is); an NDJSON file is read record by record
    afterwards (:func:`iter_ndjson_records`).

    Attributes:
        file: the path as given.
        fmt: ``json``, ``yaml`` or ``ndjson``.
        header: the envelope fields found (for NDJSON, line 1), or ``None``.
        findings: reading problems (SC100, SC101, SC102, SC109).
        entities: for JSON/YAML, the ``entities`` array (or ``None``).
        doc: for JSON/YAML, the :class:`smartstd.io.Document` read (positions
            of values come from it); ``None`` for NDJSON.
        outline: for a large JSON document read as a stream
            (``open_document(..., stream=True)``), its envelope and where its
            elements are; ``doc`` and ``entities`` are then ``None`` and the
            records come from :meth:`batches`.
    """

    file: str
    fmt: Format
    header: dict[str, Any] | None = None
    findings: list[Finding] = field(default_factory=list)
    entities: list[Any] | None = None
    doc: Any = None
    outline: Outline | None = None
    _limits: Limits | None = field(default=None, repr=False)

    @property
    def streamed(self) -> bool:
        """Whether the records are read as a stream after the head (NDJSON with its envelope).

        A cluster's workers check these in byte ranges; the client the rest.
        """
        return self.fmt == "ndjson" and self.header is not None

    def batches(self, *, compact: bool = False) -> Iterator[Batch]:
        """The elements of a streamed JSON document, a MiB at a time (see :attr:`outline`).

        ``compact`` removes an indented element's indentation too (worth it
        when rules look at most records: :func:`smartstd.io.elements.elements`).

        Raises:
            Unstreamable: the document must be read whole to be reported as
                it should (the engine then reads it so).
        """
        if self.outline is None:
            return
        limits = self._limits or Limits()
        for index, lines, data in elements(self.outline, limits, compact=compact):
            yield Batch(0, lines, data, index)

    def entity(self, index: int) -> Any:
        """The element ``index`` of the ``entities`` array (``None`` when there is none)."""
        if self.outline is not None:
            return self.outline.element(index)
        ents = self.entities or []
        return ents[index] if 0 <= index < len(ents) else None

    def records(self) -> Iterator[Record]:
        """The entity records of a JSON or YAML document."""
        if self.outline is not None:
            for batch in self.batches():
                for i, line in enumerate(batch.lines, batch.index or 0):
                    yield self._record(i, json.loads(line))
            return
        for i, raw in enumerate(self.entities or ()):
            yield self._record(i, raw)

    def _record(self, i: int, raw: Any) -> Record:
        etype = raw.get("type") if isinstance(raw, dict) else None
        eid = raw.get("id") if isinstance(raw, dict) else None
        return Record(
            raw,
            Where(
                self.file,
                None,
                ("entities", i),
                etype if isinstance(etype, str) else None,
                eid if isinstance(eid, str) else None,
            ),
        )

    @property
    def unreadable(self) -> bool:
        """Whether the records of this input could not be read at all (:attr:`findings` say why).

        True when no envelope could be read (the document does not parse, is
        over a limit or is not an object; for NDJSON, line 1 is not an
        envelope) or when its ``entities`` is not an array.
        """
        if self.header is None:
            return bool(self.findings)
        return any(f.code == "SC103" and f.path == ("entities",) for f in self.findings)

    def position(self, path: Path) -> tuple[int | None, int | None]:
        """Line and column of a path in the document (``None`` when unknown)."""
        if self.outline is not None:
            return self.positions([path])[tuple(path)]
        if self.doc is None:
            return None, None
        line, col = self.doc.position(path)
        return line, col

    def positions(self, paths: Iterable[Path]) -> dict[Path, tuple[int | None, int | None]]:
        """:meth:`position` of many paths, found in one pass over the document."""
        wanted = [tuple(p) for p in paths]
        if self.outline is not None:
            return dict(self.outline.positions(wanted))
        if self.doc is None:
            return dict.fromkeys(wanted, (None, None))
        return dict(self.doc.positions(wanted))


def expand_paths(paths: list[str] | tuple[str, ...]) -> list[str]:
    """Files to read, in a stable order: files as given, folders and wildcard patterns expanded.

    A folder contributes every entry named like a data file that is not a
    folder itself: a broken symbolic link, a named pipe or a device among them
    is kept, so that :func:`open_document` reports it (SC100) rather than it
    being left out unseen. A folder that cannot be listed is kept as it is,
    for the same reason.

    Raises:
        UsageError: when a path does not exist, a wildcard pattern (``*``,
            ``?``, ``[...]``, ``**``) matches nothing, or a folder holds no
            data file.
    """
    out: list[str] = []
    for p in paths:
        if is_url(p):  # through fsspec: s3://bucket/folder/, memory://..., file:///...
            out.extend(_expand_url(p))
            continue
        fs = FsPath(p)
        if fs.is_dir():
            try:
                children = list(fs.iterdir())
            except OSError:
                out.append(p)  # open_document says why it cannot be read
                continue
            found = sorted(
                str(child)
                for child in children
                if child.suffix.lower() in DATA_SUFFIXES
                and child.name not in _SKIP_NAMES
                and not child.is_dir()
                and not _is_profile_file(child)
            )
            if not found:
                suffixes = ", ".join(DATA_SUFFIXES)
                raise UsageError(key="no_data_files", suffixes=suffixes, folder=p)
            out.extend(found)
        elif fs.exists() or p == "-":
            out.append(p)
        elif glob.has_magic(p):
            out.extend(_expand_pattern(p))
        else:
            raise UsageError(key="no_such_path", path=p)
    return list(dict.fromkeys(out))


def _expand_pattern(pattern: str) -> list[str]:
    """:func:`expand_paths` of a wildcard pattern no shell expanded (``"data/*.ndjson"``).

    A pattern in quotes, or on Windows, reaches the program as it was
    written. It is expanded as a POSIX shell would (``**`` for any number
    of folders, names starting with a dot left out), in name order, and a
    folder it matches is expanded like any folder given.
    """
    matches = sorted(glob.glob(pattern, recursive=True))
    if not matches:
        raise UsageError(key="no_glob_match", pattern=pattern)
    return expand_paths(matches)


def _expand_url(url: str) -> list[str]:
    """:func:`expand_paths` of one URL: the URL of a file, or a folder's data files."""
    kind = kind_of(url)
    if kind == "missing":
        raise UsageError(key="no_such_path", path=url)
    if kind != "folder":
        return [url]
    try:
        children = entries(url)
    except OSError:
        return [url]  # open_document says why it cannot be read
    found = sorted(
        child
        for child, child_kind in children
        if child_kind != "folder"
        and FsPath(child).suffix.lower() in DATA_SUFFIXES
        and FsPath(child).name not in _SKIP_NAMES
        and not _is_profile_url(child, child_kind)
    )
    if not found:
        suffixes = ", ".join(DATA_SUFFIXES)
        raise UsageError(key="no_data_files", suffixes=suffixes, folder=url)
    return found


def _is_profile_url(url: str, kind: str) -> bool:
    if FsPath(url).suffix.lower() not in (".yaml", ".yml") or kind != "file":
        return False
    try:
        with open_binary(url) as fh:
            head = fh.read(4096)
    except OSError:
        return False
    return any(line.startswith(b"profile:") for line in head.splitlines())


def _is_profile_file(path: FsPath) -> bool:
    if path.suffix.lower() not in (".yaml", ".yml") or not path.is_file():
        return False  # a named pipe is never opened: that would wait for a writer
    try:
        with path.open("rb") as fh:
            head = fh.read(4096)
    except OSError:
        return False
    return any(line.startswith(b"profile:") for line in head.splitlines())


def _format_of(file: str, head: bytes) -> Format:
    fmt = sniff_format(file, head)
    return fmt if fmt is not None else "json"


#: JSON documents from this size on are streamed when the caller asks
#: (``open_document(..., stream=True)``); smaller ones are read whole, which
#: costs them less.
STREAM_BYTES = 1 << 20


def open_document(file: str, limits: Limits, *, stream: bool = False) -> InputFile:
    """Read a file's head: the whole document for JSON/YAML, line 1 for NDJSON.

    With ``stream``, a local JSON document of :data:`STREAM_BYTES` or more
    that is plainly an object with an ``entities`` array is read as its
    envelope only (:attr:`InputFile.outline`); its records come from
    :meth:`InputFile.batches`, which may raise :class:`Unstreamable` (the
    caller then reads it again without ``stream``).

    Only regular files are opened: anything else (a named pipe, which would
    wait for a writer forever; a device; a folder that cannot be listed; a
    broken link) is an SC100 ``unreadable`` finding.
    """
    try:
        if is_url(file):
            kind = kind_of(file)
            if kind == "missing":
                raise FileNotFoundError(2, "No such file or directory", file)
            if kind != "file":
                mode = stat.S_IFDIR if kind == "folder" else 0
                return InputFile(file, "json", findings=[_not_a_file(file, mode)])
        else:
            mode = os.stat(file).st_mode
            if stat.S_ISDIR(mode):
                os.listdir(file)  # a folder that cannot be listed: say why
            if not stat.S_ISREG(mode):
                return InputFile(file, "json", findings=[_not_a_file(file, mode)])
        size = file_size(file)
        with open_binary(file) as fh:
            head = fh.read(4096)
    except OSError as exc:
        return InputFile(file, "json", findings=[_unreadable(file, exc)])
    fmt = _format_of(file, head)
    if fmt == "ndjson":
        doc = InputFile(file, "ndjson")
        with open_binary(file) as fh:
            for line in iter_ndjson(fh, file=file, limits=limits):
                doc.findings.extend(line.findings)
                if isinstance(line.value, dict):
                    doc.header = line.value
                elif line.value is not None or not line.findings:
                    doc.findings.append(_not_envelope(file, line.lineno))
                break
            else:
                doc.findings.append(
                    Finding(
                        "SC100",
                        Severity.ERROR,
                        file=file,
                        line=1,
                        column=1,
                        params={"reason": "empty", "detail": "the file is empty"},
                    )
                )
        return doc
    if size > limits.max_file_bytes:  # refused before it is read
        finding = limit("max_file_bytes", size, limits.max_file_bytes, file=file)
        return InputFile(file, fmt, findings=[finding])
    if stream and fmt == "json" and size >= STREAM_BYTES and not is_url(file):
        found = outline(file, size, limits)
        if found is not None:
            return InputFile(file, fmt, header=found.header, outline=found, _limits=limits)
    with open_binary(file) as fh:
        data = fh.read()
    parsed = read_document(data, file=file, limits=limits, fmt="yaml" if fmt == "yaml" else "json")
    doc = InputFile(file, fmt, findings=list(parsed.findings), doc=parsed)
    value = parsed.value
    if value is None and parsed.findings:
        doc.findings = [_foreign(file, f) for f in doc.findings]
        return doc
    if not isinstance(value, dict):
        doc.findings.append(_not_envelope(file, 1, kind=type(value).__name__))
        return doc
    doc.header = {k: v for k, v in value.items() if k != "entities"}
    ents = value.get("entities")
    if ents is None:
        doc.entities = []
    elif isinstance(ents, list):
        doc.entities = ents
    else:
        at_line, at_col = doc.position(("entities",))
        doc.findings.append(
            Finding(
                "SC103",
                Severity.ERROR,
                path=("entities",),
                file=file,
                line=at_line,
                column=at_col,
                params={"error_type": "list_type", "detail": "entities must be an array"},
            )
        )
        doc.entities = []
    return doc


def iter_ndjson_records(
    file: str,
    limits: Limits,
    start: int = 0,
    end: int | None = None,
    first_line: int = 1,
    *,
    lazy: bool = False,
) -> Iterator[Record | Finding]:
    """The records of an NDJSON file after line 1 (or of a byte range of it).

    Reading problems are yielded as findings in line order, among the records.
    With ``lazy``, records carry only their text (``raw`` is ``None``) and the
    caller parses them: the engine's fast path validates straight from text.
    """
    cap = limits.max_ndjson_bytes
    if cap is not None and start > cap:
        return  # past the line where max_ndjson_bytes fell: that line's range said so
    with open_binary(file) as fh:
        fh.seek(start)
        stream: Any = _Range(fh, end) if end is not None else fh
        final = end is None or end >= file_size(file)
        lines = iter_ndjson(
            stream,
            file=file,
            limits=limits,
            parse=not lazy,
            first_line=first_line,
            final=final,
            offset=start,  # the limit counts the bytes of the whole file
        )
        for line in lines:
            lineno = line.lineno
            yield from line.findings
            if lineno == 1:
                continue  # the envelope
            if line.findings or (lazy and not line.text):
                continue
            if lazy:
                yield Record(None, Where(file, lineno, ()), line.text)
                continue
            raw = line.value
            etype = raw.get("type") if isinstance(raw, dict) else None
            eid = raw.get("id") if isinstance(raw, dict) else None
            yield Record(
                raw,
                Where(
                    file,
                    lineno,
                    (),
                    etype if isinstance(etype, str) else None,
                    eid if isinstance(eid, str) else None,
                ),
                line.text,
            )


#: The bytes read at a time by :func:`iter_ndjson_batches`.
BATCH_BYTES = 1 << 20


def iter_ndjson_batches(
    file: str,
    limits: Limits,
    start: int = 0,
    end: int | None = None,
    first_line: int = 1,
) -> Iterator[Batch | Record | Finding]:
    """The records of an NDJSON file after line 1, in batches where the text is plain.

    Reads about :data:`BATCH_BYTES` at a time and decodes and splits them in
    one go. A batch is only made of lines that need none of the careful
    reader's judgement: valid UTF-8, no carriage return, no line over the
    limit, each line starting with ``{``. A block that is not so plain, or a
    line longer than a block, is read by the careful reader
    (:func:`iter_ndjson_records`, which yields records and findings), and the
    batches go on after it; from the block in which ``max_ndjson_bytes``
    falls, the careful reader reads to that line and stops. The findings are
    the same as if the careful reader had read the whole file. A file of any
    size streams this way (there is no size limit by default, and one odd
    line no longer sends the rest of a 200 GB file to the slow reader); line
    numbers are counted, never guessed.
    """
    size = file_size(file)
    stop = size if end is None else min(end, size)
    cap = limits.max_ndjson_bytes
    max_line = limits.max_line_bytes
    pos, line = start, first_line
    with open_binary(file) as fh:
        fh.seek(pos)
        if line == 1:  # the envelope: read and reported by open_document
            head = fh.readline(max_line + 2)
            if not head.endswith(b"\n") or (cap is not None and len(head) > cap):
                yield from iter_ndjson_records(file, limits, start, end, first_line, lazy=True)
                return
            pos, line = pos + len(head), 2
        while pos < stop:
            data = fh.read(min(BATCH_BYTES, stop - pos))
            if not data:
                break
            cut = len(data) if pos + len(data) >= stop else data.rfind(b"\n") + 1
            chunk = data[:cut] if cut < len(data) else data
            if cap is not None and pos + (cut or len(data)) > cap:
                # the block where max_ndjson_bytes falls: the careful reader
                # says where, and reads nothing after it
                yield from iter_ndjson_records(file, limits, pos, end, line, lazy=True)
                return
            if not cut:  # a line longer than a block: read it whole if it may be kept
                cut = _line_end(fh, pos + len(data), stop) - pos
                fh.seek(pos)
                if cut > max_line + 1:  # the careful reader skips it, a MiB at a time
                    yield from iter_ndjson_records(file, limits, pos, pos + cut, line, lazy=True)
                    pos, line = pos + cut, line + 1
                    fh.seek(pos)
                    continue
                data = chunk = fh.read(cut)
            lines = _plain_lines(chunk, max_line)
            if lines is None:  # the careful reader takes this block, then the batches go on
                yield from iter_ndjson_records(file, limits, pos, pos + cut, line, lazy=True)
                pos += cut
                line += chunk.count(b"\n")
                if cut < len(data):
                    fh.seek(pos)
                continue
            yield Batch(line, lines, chunk)
            pos += cut
            line += len(lines)
            if cut < len(data):
                fh.seek(pos)


def _line_end(fh: Any, at: int, stop: int) -> int:
    """Where the line that goes on at byte ``at`` ends (after its line end), at most ``stop``.

    Reads a block at a time and keeps none of it.
    """
    fh.seek(at)
    while at < stop:
        block: bytes = fh.read(min(BATCH_BYTES, stop - at))
        if not block:
            break
        nl = block.find(b"\n")
        if nl >= 0:
            return at + nl + 1
        at += len(block)
    return stop


def _plain_lines(chunk: bytes, max_line: int) -> list[bytes] | None:
    """The lines of a block when every one is plain (see :func:`iter_ndjson_batches`)."""
    if b"\r" in chunk:
        return None
    if not chunk.isascii():
        try:
            chunk.decode("utf-8")
        except UnicodeDecodeError:
            return None
    body = chunk[:-1] if chunk.endswith(b"\n") else chunk
    lines = body.split(b"\n")
    # every line starts with "{" (no blank line) when the least and the
    # greatest line both do (cheaper than counting "\n{")
    if not min(lines).startswith(b"{") or not max(lines).startswith(b"{"):
        return None
    if len(body) > max_line and max(map(len, lines)) > max_line:
        return None
    return lines


class _Range:
    """A binary stream that stops at ``end`` (for splitting a file between workers)."""

    def __init__(self, fh: Any, end: int) -> None:
        self._fh = fh
        self._end = end

    def _left(self) -> int:
        return max(0, self._end - int(self._fh.tell()))

    def read(self, n: int = -1) -> bytes:
        left = self._left()
        if n < 0 or n > left:
            n = left
        data: bytes = self._fh.read(n)
        return data

    def readline(self, limit: int = -1) -> bytes:
        left = self._left()
        if left == 0:
            return b""
        if limit < 0 or limit > left:
            limit = left
        data: bytes = self._fh.readline(limit)
        return data

    def __iter__(self) -> Iterator[bytes]:
        while True:
            line = self.readline()
            if not line:
                return
            yield line


def _unreadable(file: str, exc: OSError) -> Finding:
    return Finding(
        "SC100",
        Severity.ERROR,
        file=file,
        params={"reason": "unreadable", "detail": exc.strerror or str(exc)},
    )


#: Exports that are not a format of the standard, by suffix, and what to do with them.
_FOREIGN = {
    ".csv": "a CSV table",
    ".tsv": "a tab-separated table",
    ".xlsx": "an Excel workbook",
    ".xls": "an Excel workbook",
    ".xml": "an XML document",
    ".txt": "a text file",
}


def _foreign(file: str, f: Finding) -> Finding:
    """A parse error of a file named like another format: say so, and what to do."""
    kind = _FOREIGN.get(FsPath(file).suffix.lower())
    if kind is None or f.code != "SC100" or f.params.get("reason") in ("nan", "big-number"):
        return f
    detail = (
        f"{f.params.get('detail', '')}; the file is named like {kind}: smartstd reads JSON,"
        " NDJSON and YAML, so export the records as one of those (one object per record)"
    )
    return f.replace(params={**f.params, "detail": detail})


def _not_a_file(file: str, mode: int) -> Finding:
    return Finding(
        "SC100",
        Severity.ERROR,
        file=file,
        params={"reason": "unreadable", "detail": not_regular(mode)},
    )


def _not_envelope(file: str, line: int, kind: str = "value") -> Finding:
    return Finding(
        "SC100",
        Severity.ERROR,
        file=file,
        line=line,
        column=1,
        params={
            "reason": "not-an-envelope",
            "detail": f"expected the dataset envelope (a JSON object), found {kind}",
        },
    )


def may_mention(file: str, words: Iterable[bytes], start: int = 0, end: int | None = None) -> bool:
    """Whether ``file``'s bytes could hold any of ``words`` (``True`` when in doubt).

    A quick screen read in blocks (the file is in the page cache for the
    check that follows): a word found, a JSON escape (a backslash and u, which could
    spell a word otherwise), a YAML file (which may write a value in many
    forms) or a file that cannot be read all answer yes. ``start`` and ``end``
    screen a byte range only (a cluster's worker screens its own ranges; a
    word across a range's end is found by the range it starts in).
    """
    if file.endswith((".yaml", ".yml")) or is_url(file) or not os.path.isfile(file):
        # a pipe or a device is never opened here (it would block), nor is a
        # URL read twice to save the work of a rule
        return True
    wanted = list(words)
    longest = max(len(n) for n in [*wanted, b"\\u"])
    try:
        with open(file, "rb") as fh:
            fh.seek(start)
            left = None if end is None else max(end - start, 0)
            # a worker's range in blocks of a MiB, so its peak memory stays low
            step = 1 << 23 if end is None else 1 << 20
            tail = b""
            while True:
                size = step
                if left is not None:
                    # past the range's end, only what a word begun in it needs
                    size = min(size, left + longest - 1) if left > 0 else 0
                block = fh.read(size) if size else b""
                if not block:
                    return False
                if left is not None:
                    left -= len(block)
                window = tail + block
                # a lone backslash is found at memchr speed, twenty times faster than
                # a backslash and u; most data has none, and then no escape either
                if any(n in window for n in wanted) or (b"\\" in window and b"\\u" in window):
                    return True
                tail = window[-(longest - 1) :]
    except OSError:
        return True
