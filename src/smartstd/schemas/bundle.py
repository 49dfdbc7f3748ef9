"""A set of schemas to compare (:class:`Bundle`), and :func:`load_bundle`.

A bundle is loaded from a folder (``schemas/1.0.0``, its ``SHA256SUMS``
checked), one JSON Schema file (JSON or YAML), a profile file (its effective
bundle) or a version whose bundle ships with the library.

模式包：从文件夹、单个模式文件、地方配置或随库发布的版本加载，用于比较。
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from smartstd.errors import UsageError
from smartstd.schemas._jsonschema import as_dict

__all__ = ["Bundle", "load_bundle"]


@dataclass(frozen=True)
class Bundle:
    """A set of schemas to compare.

    Attributes:
        schemas: the schema documents by name (``"Building"``, ``"envelope"``);
            a schema is an object or a boolean.
        version: the version the bundle publishes, if known.
        subject: ``"scds"`` for the core, the profile's name for a profile.
        source: where it was loaded from.
        codelists: the ``codelists.json`` document, if any.
    """

    schemas: Mapping[str, Any]
    version: str | None = None
    subject: str = "scds"
    source: str = ""
    codelists: Mapping[str, Any] | None = None
    #: whether the bundle is one schema file (:func:`load_bundle`), compared with
    #: another one whatever the two files are called
    single: bool = False

    @property
    def label(self) -> str:
        """``SCDS 1.0.0``, ``gz-panyu@1.0.0``, or a schema file's name (``old.json``)."""
        if self.single:
            name = Path(self.source).name or "schema"
            return f"{name} {self.version}" if self.version else name
        if self.subject == "scds":
            return f"SCDS {self.version or '?'}"
        return f"{self.subject}@{self.version or '?'}"

    @classmethod
    def from_files(
        cls,
        files: Mapping[str, Any],
        *,
        version: str | None = None,
        subject: str = "scds",
        source: str = "",
    ) -> Bundle:
        """A bundle from documents by file name (``Building.schema.json`` ...)."""
        schemas = {
            n[: -len(".schema.json")]: d for n, d in files.items() if n.endswith(".schema.json")
        }
        cl = files.get("codelists.json")
        return cls(schemas, version, subject, source, cl if isinstance(cl, Mapping) else None)


_VERSION_IN_ID = re.compile(
    r"/((?:0|[1-9][0-9]*)\.(?:0|[1-9][0-9]*)\.(?:0|[1-9][0-9]*)(?:-[0-9A-Za-z.-]+)?)/[^/]+\.schema\.json$"
)


def _verify_checksums(folder: Path) -> None:
    sums = folder / "SHA256SUMS"
    if not sums.is_file():
        return
    try:
        listed = sums.read_text("utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(key="bundle_sums_unreadable", folder=folder, reason=exc) from None
    for line in listed:
        if not line.strip():
            continue
        digest, _, name = line.partition("  ")
        target = folder / name.strip()
        if not target.is_file():
            raise UsageError(key="bundle_file_missing", folder=folder, name=name.strip())
        if hashlib.sha256(target.read_bytes()).hexdigest() != digest.strip():
            raise UsageError(key="bundle_checksum", folder=folder, name=name.strip())


def _schema_name(file: str) -> str:
    """``Building`` of ``Building.schema.json``; ``old`` of ``old.json`` or ``old.yaml``."""
    for suffix in (".schema.json", ".schema.yaml", ".schema.yml", ".json", ".yaml", ".yml"):
        if file.lower().endswith(suffix):
            return file[: -len(suffix)] or file
    return file


def _read_schema_file(path: Path) -> Any:
    """The document of a JSON or YAML file, read with the limits of data files.

    Raises:
        UsageError: when it cannot be read or parsed (what and where).
    """
    from smartstd.io import read_file

    try:
        doc = read_file(path)
    except OSError as exc:
        raise UsageError(key="cannot_read", file=path, reason=exc.strerror or exc) from None
    if doc.findings:
        f = doc.findings[0]
        where = ":".join(str(x) for x in (path, f.line, f.column) if x is not None)
        raise UsageError(key="file_finding", where=where, code=f.code, finding=f)
    return doc.value


def load_bundle(source: str | Path, *, verify: bool = True) -> Bundle:
    """Load a bundle: a folder, a schema or profile file, or a published version.

    Args:
        source: a bundle folder (``schemas/1.0.0``); a JSON Schema file, JSON
            or YAML (a bundle of that one schema: two such files are compared
            with each other whatever their names); a profile file
            (``profile.yaml``, a mapping with ``profile``: its effective
            bundle); or a version whose bundle ships with the library
            (``"1.0.0"``).
        verify: check ``SHA256SUMS`` when the folder has one.

    Raises:
        UsageError: when the source does not exist, holds no schema or fails its checksums.
    """
    path = Path(source)
    if path.is_file() and path.suffix.lower() in (".yaml", ".yml", ".json"):
        doc = _read_schema_file(path)
        if isinstance(doc, dict) and "profile" in doc and not path.name.endswith(".schema.json"):
            from smartstd.profiles import effective_files, load_profile

            ps = load_profile(path)
            return Bundle.from_files(
                effective_files(ps),
                version=ps.main.version,
                subject=ps.main.name,
                source=ps.main.source,
            )
        if not isinstance(doc, (dict, bool)):
            raise UsageError(key="not_schema_or_profile", file=path)
        schema_id = str(doc.get("$id", "")) if isinstance(doc, dict) else ""
        m = _VERSION_IN_ID.search(schema_id)
        # what the $id names, its version aside: two files of one schema share it
        subject = schema_id[: m.start(1)] + "*" + schema_id[m.end(1) :] if m else "schema"
        return Bundle(
            {_schema_name(path.name): doc},
            m.group(1) if m else None,
            subject=subject,
            source=str(path),
            single=True,
        )
    if path.is_dir():
        if verify:
            _verify_checksums(path)
        files: dict[str, Any] = {}
        for child in sorted(path.iterdir()):
            if child.name.endswith(".schema.json") or child.name in (
                "index.json",
                "codelists.json",
            ):
                try:
                    files[child.name] = json.loads(child.read_text("utf-8"))
                except (OSError, ValueError) as exc:
                    raise UsageError(
                        key="bundle_file_unreadable", folder=path, name=child.name, reason=exc
                    ) from None
        if not any(n.endswith(".schema.json") for n in files):
            raise UsageError(key="bundle_no_schemas", folder=path)
        index = as_dict(files.get("index.json"))
        version = index.get("version") if isinstance(index.get("version"), str) else None
        subject = "scds"
        prof_info = index.get("profile")
        if isinstance(prof_info, dict) and isinstance(prof_info.get("name"), str):
            subject = prof_info["name"]
            version = (
                prof_info.get("version") if isinstance(prof_info.get("version"), str) else version
            )
        if version is None:
            for name, doc in files.items():
                m = (
                    _VERSION_IN_ID.search(str(doc.get("$id", "")))
                    if isinstance(doc, dict) and name.endswith(".schema.json")
                    else None
                )
                if m:
                    version = m.group(1)
                    break
        return Bundle.from_files(files, version=version, subject=subject, source=str(path))
    from smartstd.schemas.published import published_root

    root = published_root().joinpath(str(source))
    if isinstance(source, str) and root.is_dir():
        files = {
            entry.name: json.loads(entry.read_text("utf-8"))
            for entry in root.iterdir()
            if entry.name.endswith(".schema.json")
        }
        return Bundle.from_files(files, version=str(source), source=f"smartstd:{source}")
    raise UsageError(key="no_bundle", source=source)
