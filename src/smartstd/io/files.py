"""Inputs by path or by URL: local files opened directly, anything with a protocol through fsspec.

A path with a protocol (``s3://bucket/data.ndjson``, ``gs://...``,
``abfs://...``, ``memory://...``, ``file:///srv/data.ndjson``, or a chained
``simplecache::s3://...``) is opened through `fsspec
<https://filesystem-spec.readthedocs.io/>`_, an optional extra (``pip install
'smartstd[cloud]'``) with the protocol's own package beside it (``s3fs``,
``gcsfs``, ``adlfs`` ...). A plain path is opened with :func:`open`: the local
reader stays as fast as it was, and nothing of fsspec is imported.

Everything the checker does to a file goes through here: its size, whether it
is a file or a folder, a folder's entries, and opening it for reading (a
stream that can seek, so byte ranges of one file go to different processes or
Dask workers). Whoever reads a URL needs the same credentials as for any other
client of that store (the environment, a profile); smartstd passes none.

输入可以是本地路径，也可以是带协议的地址（s3://、gs://、memory://、file:// 等）。
带协议的地址通过 fsspec 读取（可选依赖 ``smartstd[cloud]``，另需该协议自己的包，如 s3fs）；
本地路径仍用最快的本地读取方式。
"""

from __future__ import annotations

import errno
import io
import os
import re
import stat
from typing import Any, BinaryIO, Literal

from smartstd.errors import UsageError

__all__ = ["Kind", "entries", "file_size", "is_url", "kind_of", "not_regular", "open_binary"]

#: What a path names: a regular file, a folder, something else (a pipe, a
#: device), or nothing.
Kind = Literal["file", "folder", "other", "missing"]

# a protocol, then "://" (or "::" between chained protocols); "C:\data" is a path
_URL = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*(?:://|::)")

#: Bytes read at a time from a store whose files read no faster than they are asked.
_BUFFER = 1 << 20


def is_url(path: str) -> bool:
    """Whether ``path`` is a URL with a protocol (read through fsspec), not a local path.

    >>> is_url("s3://bucket/data.ndjson"), is_url("data/d.ndjson"), is_url("C:/data/d.json")
    (True, False, False)
    """
    return _URL.match(path) is not None


def _protocol(url: str) -> str:
    match = _URL.match(url)
    return match.group()[: -3 if match.group().endswith("://") else -2] if match else ""


def _filesystem(url: str) -> tuple[Any, str]:
    """The fsspec filesystem of ``url`` and the path in it.

    Raises:
        UsageError: when fsspec is not installed, the protocol is unknown, or
            the protocol's package is not installed.
    """
    try:
        import fsspec.core
    except ImportError:
        raise UsageError(key="fsspec_missing", url=url) from None
    protocol = _protocol(url)
    try:
        fs, path = fsspec.core.url_to_fs(url)
    except ImportError as exc:
        raise UsageError(
            key="fsspec_protocol_missing",
            url=url,
            protocol=protocol,
            error=str(exc),
        ) from None
    except ValueError as exc:
        raise UsageError(
            key="fsspec_protocol_unknown",
            url=url,
            protocol=protocol,
            error=str(exc),
        ) from None
    return fs, path


def kind_of(path: str) -> Kind:
    """What ``path`` names (a local path or a URL); ``missing`` when it cannot be seen."""
    if not is_url(path):
        try:
            mode = os.stat(path).st_mode
        except OSError:
            return "missing"
        if stat.S_ISDIR(mode):
            return "folder"
        return "file" if stat.S_ISREG(mode) else "other"
    fs, inner = _filesystem(path)
    try:
        info = fs.info(inner)
    except (OSError, ValueError):
        return "missing"
    kind = info.get("type")
    return "folder" if kind == "directory" else _file_or_other(kind)


def entries(folder: str) -> list[tuple[str, Kind]]:
    """The entries of a folder given as a URL, each as a URL in the same spelling, and its kind.

    An entry's URL is the folder's URL, a ``/`` and the entry's name, so
    findings name files the way their folder was given.

    Raises:
        OSError: when the folder cannot be listed.
    """
    fs, inner = _filesystem(folder)
    try:
        listed = fs.ls(inner, detail=True)
    except ValueError as exc:
        raise OSError(str(exc)) from None
    base = folder.rstrip("/")
    found: list[tuple[str, Kind]] = []
    for info in listed:
        full = str(info.get("name", "")).rstrip("/")
        name = full.rsplit("/", 1)[-1]
        if not name or full == inner.rstrip("/"):
            continue  # some stores list the folder itself
        kind = info.get("type")
        found.append((f"{base}/{name}", "folder" if kind == "directory" else _file_or_other(kind)))
    return found


def _file_or_other(kind: object) -> Kind:
    return "file" if kind == "file" else "other"


def file_size(path: str) -> int:
    """The size of a file in bytes (a local path or a URL).

    Raises:
        OSError: when it cannot be known.
    """
    if not is_url(path):
        return os.path.getsize(path)
    fs, inner = _filesystem(path)
    try:
        size = fs.size(inner)
    except ValueError as exc:
        raise OSError(str(exc)) from None
    if size is None:
        raise OSError(f"{path}: the store does not say how large it is")
    return int(size)


#: What a path that is not a regular file is, by the test that tells it.
_KINDS: tuple[tuple[Any, str], ...] = (
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISDIR, "a folder"),
)


def not_regular(mode: int) -> str:
    """Why a path of this ``st_mode`` is not read, and what to do instead.

    >>> not_regular(stat.S_IFIFO)
    'a named pipe (FIFO), not a regular file: save the data to a file and check that'
    """
    kind = next((name for test, name in _KINDS if test(mode)), "not a regular file")
    return f"{kind}, not a regular file: save the data to a file and check that"


def open_binary(path: str) -> BinaryIO:
    """Open a file (a local path or a URL) for reading bytes: a stream that can seek.

    A local path must name a regular file (through any symbolic links): a
    named pipe would wait for a writer for ever, and a device such as
    ``/dev/zero`` or ``/dev/urandom`` never ends; they are refused before they
    are opened, so every reader (``check``, ``info``, ``assess``, ``migrate``,
    ``graph``) is safe from them. A store's file that reads no faster than it
    is asked is buffered a MiB at a time, so reading line by line costs one
    request per MiB, not one per line.

    Raises:
        OSError: when it cannot be opened, or is not a regular file (its
            ``strerror`` says what it is and what to do).
    """
    if not is_url(path):
        mode = os.stat(path).st_mode
        if not stat.S_ISREG(mode):
            raise OSError(errno.EINVAL, not_regular(mode), path)
        return open(path, "rb")
    from fsspec.spec import AbstractBufferedFile

    fs, inner = _filesystem(path)
    try:
        handle = fs.open(inner, "rb")
    except ValueError as exc:
        raise OSError(str(exc)) from None
    if isinstance(handle, AbstractBufferedFile):  # its readline takes no size limit
        return io.BufferedReader(handle, _BUFFER)
    stream: BinaryIO = handle
    return stream
