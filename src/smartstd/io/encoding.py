"""Turning bytes into text: UTF-8 only, and a helpful word when it is not.

The standard's files are UTF-8. A UTF-8 byte-order mark is accepted and
dropped. Anything else is an SC101 ``encoding-error`` finding that says where
the first bad byte is (1-based line, column in characters) and, when the
bytes look like a known legacy encoding (GB18030/GBK for Chinese text,
Windows-1252 for Western European text, UTF-16/UTF-32), which one it probably
is and the ``iconv`` command that converts the file. A file that is not text
at all (a gzip or ZIP archive, an image, or bytes with NULs that are not
UTF-16 or UTF-32) is SC101 with reason ``binary``: what it looks like and
what to do instead.
"""

from __future__ import annotations

import codecs

from smartstd.io._findings import ENCODING_ERROR, error
from smartstd.report import Finding

__all__ = ["decode"]

_UTF8_BOM = codecs.BOM_UTF8
# Longest first: the UTF-32 little-endian mark starts with the UTF-16 one.
_BOMS: tuple[tuple[bytes, str, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32", "le"),
    (codecs.BOM_UTF32_BE, "utf-32", "be"),
    (codecs.BOM_UTF16_LE, "utf-16", "le"),
    (codecs.BOM_UTF16_BE, "utf-16", "be"),
)
_ICONV = "iconv -f {} -t UTF-8 IN > OUT"
_UNKNOWN_HINT = _ICONV.format("<ENCODING>")
# Non-letters that Western European text in Windows-1252 commonly has.
_CP1252_PUNCTUATION = frozenset(
    "\u20ac\u201a\u201e\u2026\u2020\u2021\u2030\u2039\u203a\u2018\u2019\u201c\u201d"
    "\u2022\u2013\u2014\u2122\xa0\xa1\xa2\xa3\xa7\xa9\xab\xae\xb0\xb1\xb2\xb3\xb4"
    "\xb5\xb7\xbb\xbc\xbd\xbe\xbf\xd7\xf7"
)
# The signatures of files that are not text, what they are, and what to do
# (those that look like text are long enough never to start a JSON or YAML file).
_SIGNATURES: tuple[tuple[bytes, str, str], ...] = (
    (b"\x1f\x8b", "gzip", "gunzip -k FILE, then check the file it writes"),
    (b"PK\x03\x04", "zip", "unzip FILE, then check the files it writes"),
    (b"PK\x05\x06", "zip", "unzip FILE, then check the files it writes"),
    (b"BZh91AY&SY", "bzip2", "bunzip2 -k FILE, then check the file it writes"),
    (b"\xfd7zXZ\x00", "xz", "unxz -k FILE, then check the file it writes"),
    (b"\x28\xb5\x2f\xfd", "zstd", "unzstd FILE, then check the file it writes"),
    (b"7z\xbc\xaf\x27\x1c", "7z", "7z x FILE, then check the files it writes"),
    (b"\x89PNG\r\n\x1a\n", "png", "export the data as JSON or YAML (this is an image)"),
    (b"\xff\xd8\xff", "jpeg", "export the data as JSON or YAML (this is an image)"),
    (b"GIF89a", "gif", "export the data as JSON or YAML (this is an image)"),
    (b"%PDF-", "pdf", "export the data as JSON or YAML (this is a PDF document)"),
    (b"\xd0\xcf\x11\xe0", "ole2", "export the data as JSON or YAML (this is an Office file)"),
    (b"SQLite format 3\x00", "sqlite", "export the data as JSON or YAML (this is a database)"),
)
_OFFICE = (".xlsx", ".xlsm", ".docx", ".pptx", ".ods", ".odt")
_OFFICE_HINT = "export the records as JSON, NDJSON or YAML (this is an Office file, not data)"
_BINARY_HINT = "export the data as JSON, NDJSON or YAML (this is not a text file)"
# How much text around the first bad byte is looked at to guess the encoding.
_SAMPLE_BEFORE = 4096
_SAMPLE_AFTER = 65536


def decode(data: bytes, *, file: str | None) -> tuple[str | None, list[Finding]]:
    """Decode a whole file as UTF-8.

    Args:
        data: the file's bytes.
        file: the file name for the findings.

    Returns:
        The text (without a UTF-8 byte-order mark) and no findings, or
        ``None`` and one SC101 finding whose params say ``reason``
        (``"bom"``, ``"utf-16"``, ``"invalid-utf8"``), ``encoding_guess``
        (e.g. ``"gb18030"``, or ``None``), ``hint`` (an ``iconv`` command) and
        ``detail``.
    """
    return decode_bytes(data, file=file, first_line=1)


def decode_bytes(
    data: bytes, *, file: str | None, first_line: int = 1, check_bom: bool = True
) -> tuple[str | None, list[Finding]]:
    """Like :func:`decode`, for a piece of a file that starts on ``first_line``.

    Args:
        data: the bytes.
        file: the file name for the findings.
        first_line: the 1-based line number of the first byte.
        check_bom: whether to look for a byte-order mark (only at the start
            of a file).

    Returns:
        The text, or ``None``, and the findings.
    """
    if check_bom:
        if data.startswith(_UTF8_BOM):
            data = data[len(_UTF8_BOM) :]
        else:
            wrong = _signature(data, file, first_line) or _wrong_unicode(data, file, first_line)
            if wrong is not None:
                return None, [wrong]
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError as exc:
        return None, [_invalid_utf8(data, exc, file, first_line)]


def _wrong_unicode(data: bytes, file: str | None, first_line: int) -> Finding | None:
    """An SC101 finding when ``data`` is UTF-16 or UTF-32 (by its BOM or its NULs)."""
    for bom, encoding, order in _BOMS:
        if data.startswith(bom):
            return _unicode_finding(encoding, order, "bom", file, first_line)
    head = data[:4]
    if len(head) == 4 and b"\x00" in head:
        # RFC 4627's detection of UTF-16/32 JSON without a BOM: ASCII text
        # (which JSON and YAML start with) leaves NUL bytes in fixed places.
        nul = tuple(b == 0 for b in head)
        if nul == (True, True, True, False):
            return _unicode_finding("utf-32", "be", "nul-bytes", file, first_line)
        if nul == (False, True, True, True):
            return _unicode_finding("utf-32", "le", "nul-bytes", file, first_line)
        if nul == (True, False, True, False):
            return _unicode_finding("utf-16", "be", "nul-bytes", file, first_line)
        if nul == (False, True, False, True):
            return _unicode_finding("utf-16", "le", "nul-bytes", file, first_line)
    return None


def _signature(data: bytes, file: str | None, first_line: int) -> Finding | None:
    """An SC101 ``binary`` finding when ``data`` starts like an archive, an image, ..."""
    for magic, kind, hint in _SIGNATURES:
        if data.startswith(magic):
            if kind == "zip" and file is not None and file.lower().endswith(_OFFICE):
                kind, hint = "office", _OFFICE_HINT  # a workbook is a ZIP; unpacking it is no help
            return _binary(kind, hint, file, first_line, 1)
    return None


def _binary(kind: str, hint: str, file: str | None, line: int, column: int) -> Finding:
    return error(
        ENCODING_ERROR,
        file=file,
        line=line,
        column=column,
        reason="binary",
        encoding_guess=kind,
        hint=hint,
        detail=f"the file is binary ({kind}), not text",
    )


def _unicode_finding(
    encoding: str, order: str, reason: str, file: str | None, first_line: int
) -> Finding:
    iconv_name = f"{encoding.upper()}{order.upper()}" if reason == "nul-bytes" else encoding.upper()
    return error(
        ENCODING_ERROR,
        file=file,
        line=first_line,
        column=1,
        reason=reason,
        encoding=encoding,
        byte_order=order,
        encoding_guess=encoding,
        hint=_ICONV.format(iconv_name),
        detail=f"the file is {encoding.upper()} ({order.upper()}), not UTF-8",
    )


def _invalid_utf8(
    data: bytes, exc: UnicodeDecodeError, file: str | None, first_line: int
) -> Finding:
    start = exc.start
    line_start = data.rfind(b"\n", 0, start) + 1
    line = first_line + data.count(b"\n", 0, line_start)
    # Everything before the first bad byte is valid UTF-8.
    column = len(data[line_start:start].decode("utf-8")) + 1
    if b"\x00" in data[max(0, start - _SAMPLE_BEFORE) : start + _SAMPLE_AFTER]:
        # NULs beside bytes that are not UTF-8 are not text in any encoding this could
        # be converted from (UTF-16 and UTF-32 were recognised before)
        return _binary("binary", _BINARY_HINT, file, line, column)
    guess = _guess(data, start)
    hint = _ICONV.format(guess.upper()) if guess is not None else _UNKNOWN_HINT
    return error(
        ENCODING_ERROR,
        file=file,
        line=line,
        column=column,
        reason="invalid-utf8",
        encoding_guess=guess,
        hint=hint,
        byte=f"0x{data[start]:02x}",
        byte_offset=start,
        detail=str(exc.reason),
    )


def _is_cjk(ch: str) -> bool:
    cp = ord(ch)
    return (
        0x4E00 <= cp <= 0x9FFF  # CJK unified ideographs
        or 0x3400 <= cp <= 0x4DBF  # extension A
        or 0x3000 <= cp <= 0x303F  # CJK symbols and punctuation
        or 0xFF00 <= cp <= 0xFFEF  # full-width forms
        or 0x20000 <= cp <= 0x2FA1F  # extensions B and later, compatibility
    )


def _guess(data: bytes, bad: int) -> str | None:
    """The legacy encoding ``data`` is probably in, judged around byte ``bad``."""
    begin = data.rfind(b"\n", max(0, bad - _SAMPLE_BEFORE), bad) + 1
    if begin == 0 and bad > _SAMPLE_BEFORE:
        begin = bad - _SAMPLE_BEFORE
    end = data.find(b"\n", bad, bad + _SAMPLE_AFTER)
    if end < 0:
        end = min(len(data), bad + _SAMPLE_AFTER)
    sample = data[begin:end]
    # A cut in the middle of a character spoils at most one at each end.
    text = sample.decode("gb18030", errors="replace")
    if text.count("\ufffd") <= 2:
        high = [ch for ch in text if ord(ch) > 0x7F and ch != "\ufffd"]
        cjk = sum(map(_is_cjk, high))
        # One stray byte pairs with its neighbour into some character by
        # chance; Chinese text has at least two, and mostly Chinese ones.
        if cjk >= 2 and cjk * 2 >= len(high):
            return "gb18030"
    try:
        text = sample.decode("cp1252")
    except UnicodeDecodeError:
        return None
    high = [ch for ch in text if ord(ch) > 0x7F]
    if high and all(ch.isalpha() or ch in _CP1252_PUNCTUATION for ch in high):
        return "windows-1252"
    return None
