"""A rule's bad and good examples: whole records that ``smartstd check`` runs.

Each rule's examples live beside its catalogue entry, in
``smartstd/rules/scN/examples/SCnnn.json``::

    {
      "context": [ ...records both datasets hold... ],
      "envelope": { ...envelope fields both datasets change... },
      "options": {"level": "L3", "params": {...}, "limits": {...}, "today": "2026-06-30"},
      "files": {"charter.yaml": "..."},
      "bad":  {"records": [...], "envelope": {...}, "params": {...}, "waivers": [...],
               "files": {"profile.yaml": "..."}, "encoding": "gb18030",
               "also": ["SC106"], "note": "..."},
      "good": { ...the same, fixed... }
    }

Every key but ``bad`` and ``good`` may be left out. A record is a JSON object,
or a string written into the dataset as it stands (for what an object cannot
hold: a duplicate key, a comment). The dataset built from a side is one JSON
document: the :data:`ENVELOPE` with the example's changes, and as its entities
the :data:`BASE` records (the street office ``org-so`` and the community
``c-1``), the context, then the side's records, one per line. Checked at the
rule's level (or ``options.level``), the bad side reports the rule's code and
no other (but those named in ``also``), the good side reports nothing (but
``also``); ``tests/rules/test_examples.py`` runs every one.

What people read (:attr:`Side.text`, in ``smartstd rules``, the rule pages and
SARIF) is rendered from that same data: the side's envelope changes, its
records one per line, its parameters, waivers and files, and its note.

This module imports nothing of the project but its errors: the catalogue stays light.

规则的错误示例与正确示例：完整的记录，测试用 ``smartstd check`` 逐一运行。
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from smartstd.errors import UsageError

__all__ = ["BASE", "ENVELOPE", "Example", "Run", "Side", "load_example", "parse_example"]

#: The envelope every example's dataset starts from.
ENVELOPE: Mapping[str, Any] = {
    "standard": "scds",
    "standard_version": "1.1.0",
    "dataset_id": "rule-example",
    "publisher_id": "org-so",
    "generated_at": "2026-06-30T18:00:00+08:00",
    "classification": "internal",
}

#: The records every example's dataset holds before its own.
BASE: tuple[Mapping[str, Any], ...] = (
    {
        "id": "org-so",
        "type": "Organization",
        "name": {"zh-CN": "钟村街道办事处", "en": "Zhongcun Street Office"},
        "kind": "street_office",
    },
    {
        "id": "c-1",
        "type": "Community",
        "name": {"zh-CN": "汉溪社区"},
        "division_code": "440113",
        "street_office_id": "org-so",
    },
)

_SIDE_KEYS = {"records", "envelope", "params", "waivers", "files", "encoding", "also", "note"}
_KEYS = {"context", "envelope", "options", "files", "bad", "good"}
_OPTIONS = {"level", "params", "limits", "today"}


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def _record_line(record: Any) -> str:
    return record if isinstance(record, str) else _dumps(record)


@dataclass(frozen=True)
class Side:
    """One side of an example, bad or good.

    Attributes:
        records: the side's records (objects, or JSON text kept as written).
        envelope: envelope fields changed on this side.
        params: rule parameters set on this side (by rule code).
        waivers: waivers applied on this side (mappings, as in a waivers file).
        files: more files written beside the dataset (name: text), e.g. a profile.
        encoding: the encoding the dataset file is written in.
        also: codes besides the rule's that this side reports.
        note: a short remark shown after the records.
    """

    records: tuple[Any, ...] = ()
    envelope: Mapping[str, Any] = field(default_factory=dict)
    params: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    waivers: tuple[Mapping[str, Any], ...] = ()
    files: Mapping[str, str] = field(default_factory=dict)
    encoding: str = "utf-8"
    also: tuple[str, ...] = ()
    note: str = ""

    @property
    def text(self) -> str:
        """The side as people read it: the same data the test checks."""
        lines = []
        if self.envelope:
            lines.append("envelope: " + _dumps(dict(self.envelope)))
        lines += [_record_line(r) for r in self.records]
        if self.params:
            lines.append("params: " + _dumps(dict(self.params)))
        if self.waivers:
            lines.append("waivers: " + _dumps(list(self.waivers)))
        for name, text in self.files.items():
            lines += [f"{name}:", *("  " + ln for ln in text.rstrip("\n").splitlines())]
        if self.encoding != "utf-8":
            lines.append(f"(saved in {self.encoding.upper()})")
        if self.note:
            lines.append(f"({self.note})")
        return "\n".join(lines)


@dataclass(frozen=True)
class Run:
    """What :meth:`Example.write` made: the dataset and how to check it.

    Attributes:
        paths: what to check: the folder holding the dataset and its files.
        level: the level to check at.
        params: rule parameters by rule code.
        limits: input limits (fields of ``smartstd.io.Limits``).
        today: the date waivers expire against (ISO 8601).
        waivers: the waivers file, or ``None``.
        config: the configuration file that says the same to ``smartstd check``
            (``smartstd.toml`` in the folder: level, parameters, limits, waivers).
    """

    paths: tuple[str, ...]
    level: str | None
    params: Mapping[str, Mapping[str, Any]]
    limits: Mapping[str, int]
    today: str
    waivers: str | None
    config: str

    @property
    def command(self) -> str:
        """The ``smartstd check`` command line that checks it."""
        return f"smartstd check {' '.join(self.paths)} --config {self.config}"

    def config_text(self) -> str:
        """The ``smartstd.toml`` that sets the level, parameters, limits and waivers."""
        lines = ["# smartstd check DIR --config DIR/smartstd.toml: the rule example's options"]
        if self.level:
            lines.append(f"level = {_toml(self.level)}")
        if self.waivers:
            lines.append(f"waivers = {_toml(Path(self.waivers).name)}")
        for code, values in self.params.items():
            lines += ["", f"[params.{code}]"]
            lines += [f"{_toml(k)} = {_toml(v)}" for k, v in values.items()]
        if self.limits:
            lines += ["", "[limits]", *(f"{_toml(k)} = {_toml(v)}" for k, v in self.limits.items())]
        return "\n".join(lines) + "\n"


def _toml(value: Any) -> str:
    """A plain JSON value as TOML (a string as a basic string, a mapping as an inline table)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, str):
        return _dumps(value)  # a JSON string is a TOML basic string
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    if isinstance(value, Mapping):
        return "{" + ", ".join(f"{_toml(str(k))} = {_toml(v)}" for k, v in value.items()) + "}"
    raise UsageError(key="example_option_value", value=value)


@dataclass(frozen=True)
class Example:
    """A rule's bad and good examples and what they share.

    Attributes:
        code: the rule's code.
        bad: the bad side.
        good: the good side, fixed.
        context: records both sides hold (besides :data:`BASE`).
        envelope: envelope fields both sides change.
        options: ``level``, ``params``, ``limits`` and ``today`` for both sides.
        files: more files both sides hold (name: text).
    """

    code: str
    bad: Side
    good: Side
    context: tuple[Any, ...] = ()
    envelope: Mapping[str, Any] = field(default_factory=dict)
    options: Mapping[str, Any] = field(default_factory=dict)
    files: Mapping[str, str] = field(default_factory=dict)

    @property
    def context_text(self) -> str:
        """What both sides share, as people read it (empty when nothing)."""
        shared = Side(
            records=self.context,
            envelope=self.envelope,
            params=self.options.get("params", {}),
            files=self.files,
        )
        lines = [shared.text] if shared.text else []
        extra = {k: v for k, v in self.options.items() if k != "params"}
        if extra:
            lines.append("options: " + _dumps(extra))
        return "\n".join(lines)

    def side(self, which: str) -> Side:
        """``"bad"`` or ``"good"``."""
        if which not in ("bad", "good"):
            raise UsageError(key="example_bad_side", which=which)
        side: Side = getattr(self, which)
        return side

    def dataset_text(self, which: str) -> str:
        """The dataset document of one side, one record per line."""
        side = self.side(which)
        envelope = {**ENVELOPE, "dataset_id": f"example-{self.code.lower()}-{which}"}
        envelope.update(self.envelope)
        envelope.update(side.envelope)
        head = _dumps(envelope)[:-1]  # the envelope without its closing brace
        lines = [_record_line(r) for r in (*BASE, *self.context, *side.records)]
        return head + ', "entities": [\n' + ",\n".join(lines) + "\n]}\n"

    def write(self, which: str, folder: str | Path, level: str | None = None) -> Run:
        """Write one side into ``folder``; say how to check it.

        The folder gets the dataset (``dataset.json``), the example's files,
        its waivers (``waivers.yaml``) and a ``smartstd.toml`` with its
        options, so that ``smartstd check FOLDER --config FOLDER/smartstd.toml``
        checks it as the Python API does with the :class:`Run`'s fields.

        Args:
            which: ``"bad"`` or ``"good"``.
            folder: where to write (made if missing).
            level: the rule's level, used unless the example's options name one.
        """
        side = self.side(which)
        out = Path(folder)
        out.mkdir(parents=True, exist_ok=True)
        (out / "dataset.json").write_bytes(self.dataset_text(which).encode(side.encoding))
        for name, text in {**self.files, **side.files}.items():
            (out / name).write_text(text, encoding="utf-8")
        waivers = None
        if side.waivers:
            waivers = out / "waivers.yaml"  # JSON is YAML; never read as data
            waivers.write_text(_dumps({"waivers": list(side.waivers)}) + "\n", encoding="utf-8")
        params: dict[str, dict[str, Any]] = {}
        for source in (self.options.get("params", {}), side.params):
            for code, values in source.items():
                params.setdefault(code, {}).update(values)
        run = Run(
            paths=(str(out),),
            level=self.options.get("level", level),
            params=params,
            limits=dict(self.options.get("limits", {})),
            today=str(self.options.get("today", ENVELOPE["generated_at"][:10])),
            waivers=str(waivers) if waivers else None,
            config=str(out / "smartstd.toml"),
        )
        (out / "smartstd.toml").write_text(run.config_text(), encoding="utf-8")
        return run


#: Names :meth:`Example.write` gives its own files.
_WRITTEN = frozenset({"dataset.json", "waivers.yaml", "smartstd.toml"})


def _files(code: str, data: Any) -> Mapping[str, str]:
    files = data.get("files", {})
    taken = sorted(_WRITTEN.intersection(files))
    if taken or any("/" in name or "\\" in name or name.startswith(".") for name in files):
        raise UsageError(
            key="example_bad_files",
            code=code,
            taken=", ".join(sorted(_WRITTEN)),
            names=taken or sorted(files),
        )
    return dict(files)


def _side(code: str, which: str, data: Any) -> Side:
    if not isinstance(data, dict) or not set(data) <= _SIDE_KEYS:
        raise UsageError(
            key="example_bad_side_keys", code=code, which=which, known=sorted(_SIDE_KEYS)
        )
    return Side(
        records=tuple(data.get("records", ())),
        envelope=data.get("envelope", {}),
        params=data.get("params", {}),
        waivers=tuple(data.get("waivers", ())),
        files=_files(code, data),
        encoding=data.get("encoding", "utf-8"),
        also=tuple(data.get("also", ())),
        note=data.get("note", ""),
    )


def parse_example(code: str, data: Any) -> Example:
    """An :class:`Example` from the data of an examples file.

    Raises:
        ValueError: when the data is not an example.
    """
    if not isinstance(data, dict) or not {"bad", "good"} <= set(data) <= _KEYS:
        raise UsageError(key="example_bad_keys", code=code, known=sorted(_KEYS))
    options = data.get("options", {})
    if not set(options) <= _OPTIONS:
        raise UsageError(key="example_bad_options", code=code, known=sorted(_OPTIONS))
    return Example(
        code=code,
        bad=_side(code, "bad", data["bad"]),
        good=_side(code, "good", data["good"]),
        context=tuple(data.get("context", ())),
        envelope=data.get("envelope", {}),
        options=options,
        files=_files(code, data),
    )


@cache
def load_example(code: str) -> Example:
    """The examples of rule ``code``, read from its family's ``examples/`` folder.

    Raises:
        FileNotFoundError: when the rule has no examples file.
    """
    from importlib import resources

    family = resources.files(f"smartstd.rules.sc{code[2]}")
    text = family.joinpath("examples").joinpath(f"{code}.json").read_text("utf-8")
    return parse_example(code, json.loads(text))
