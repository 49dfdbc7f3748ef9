"""Two bundles compared (:class:`Diff`), and the reports of ``smartstd schema diff``.

:func:`diff_bundles` compares two bundles (two versions of the standard, or
the core and a profile's effective bundle) schema by schema, and the labels
of their code lists; :class:`Diff` says whether the changes keep a
compatibility mode (:data:`MODES`) and whether the new version number is
large enough. :func:`render_text` and :func:`render_markdown` (release
notes) write it in zh-CN or en.

两个模式包的比较结果，以及 ``smartstd schema diff`` 的文本与 Markdown 报告。
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from smartstd.errors import UsageError
from smartstd.schemas.bundle import Bundle, load_bundle
from smartstd.schemas.change import BUMP_RANK, Change, ChangeKind, short
from smartstd.schemas.compatibility import diff_schemas

__all__ = ["MODES", "Diff", "diff_bundles", "render_markdown", "render_text"]


#: The compatibility modes ``schema diff`` can require.
MODES = ("backward", "forward", "full", "none")


#: Schema files of a bundle that are not compared (they aggregate others, or are not data).
SKIP_SCHEMAS = frozenset({"dataset", "entity", "report", "profile", "indicator", "assessment"})


def _codelist_labels(
    old: Mapping[str, Any] | None, new: Mapping[str, Any] | None
) -> Iterator[Change]:
    if not old or not new:
        return
    lo = old.get("code_lists", {}) if isinstance(old.get("code_lists"), dict) else {}
    ln = new.get("code_lists", {}) if isinstance(new.get("code_lists"), dict) else {}
    for name in sorted(set(lo) & set(ln)):
        a, b = lo[name], ln[name]
        if not isinstance(a, dict) or not isinstance(b, dict):
            continue
        if a.get("title") != b.get("title"):
            yield Change(
                ChangeKind.DESCRIPTION_ONLY,
                "codelists",
                (name,),
                True,
                True,
                "title",
                a.get("title"),
                b.get("title"),
            )
        codes_a = {c.get("code"): c for c in a.get("codes", []) if isinstance(c, dict)}
        codes_b = {c.get("code"): c for c in b.get("codes", []) if isinstance(c, dict)}
        for code in sorted(set(codes_a) & set(codes_b), key=str):
            ca, cb = codes_a[code], codes_b[code]
            if (ca.get("title"), ca.get("description")) != (cb.get("title"), cb.get("description")):
                yield Change(
                    ChangeKind.DESCRIPTION_ONLY,
                    "codelists",
                    (name, str(code)),
                    True,
                    True,
                    "title",
                    ca.get("title"),
                    cb.get("title"),
                )


@dataclass(frozen=True)
class Diff:
    """The comparison of two bundles.

    Attributes:
        old: the old bundle's label (``SCDS 1.0.0``).
        new: the new bundle's label.
        old_version: the old version, if known.
        new_version: the new version, if known.
        same_subject: whether both are versions of the same thing (so that
            their version numbers can be compared).
        changes: every change, schema by schema.
    """

    old: str
    new: str
    old_version: str | None
    new_version: str | None
    same_subject: bool
    changes: tuple[Change, ...] = field(default_factory=tuple)

    @property
    def backward_compatible(self) -> bool:
        """Whether data valid under the old bundle stays valid under the new one."""
        return all(c.backward for c in self.changes)

    @property
    def forward_compatible(self) -> bool:
        """Whether data valid under the new bundle is valid under the old one."""
        return all(c.forward for c in self.changes)

    @property
    def required_bump(self) -> str:
        """The SemVer step the changes demand: ``major``, ``minor``, ``patch`` or ``none``."""
        best = "none"
        for c in self.changes:
            if BUMP_RANK[c.bump] > BUMP_RANK[best]:
                best = c.bump
        return best

    @property
    def actual_bump(self) -> str | None:
        """The step from the old version number to the new one (``None`` when not comparable)."""
        if not self.same_subject or not self.old_version or not self.new_version:
            return None
        from smartstd.versions import Version

        try:
            return Version.parse(self.old_version).bump_to(Version.parse(self.new_version))
        except ValueError:
            return None

    @property
    def version_ok(self) -> bool:
        """Whether the new version number is at least what the changes demand."""
        actual = self.actual_bump
        if actual is None:
            return True
        if actual == "backwards":
            return False
        required = self.required_bump
        if actual == "major" and self.old_version and self.old_version.startswith("0."):
            return True
        from smartstd.versions import Version

        old_v = Version.parse(self.old_version or "0.0.0")
        if old_v.major == 0 and required == "major":
            # before 1.0.0, a minor step may break (SemVer item 4)
            return BUMP_RANK[actual] >= BUMP_RANK["minor"]
        return BUMP_RANK[actual] >= BUMP_RANK[required]

    def violations(self, mode: str) -> tuple[Change, ...]:
        """The changes that break the compatibility ``mode`` requires.

        Raises:
            UsageError: for an unknown mode.
        """
        if mode not in MODES:
            raise UsageError(key="unknown_compat_mode", mode=mode, known=", ".join(MODES))
        return tuple(
            c
            for c in self.changes
            if (mode in ("backward", "full") and not c.backward)
            or (mode in ("forward", "full") and not c.forward)
        )

    def ok(self, mode: str = "backward") -> bool:
        """No violation of ``mode`` and a large enough version number."""
        return not self.violations(mode) and self.version_ok

    def to_dict(self, mode: str = "backward") -> dict[str, Any]:
        """A JSON-ready dict (the ``--format json`` output)."""
        return {
            "old": {"label": self.old, "version": self.old_version},
            "new": {"label": self.new, "version": self.new_version},
            "mode": mode,
            "ok": self.ok(mode),
            "summary": {
                "changes": len(self.changes),
                "backward_compatible": self.backward_compatible,
                "forward_compatible": self.forward_compatible,
                "required_bump": self.required_bump,
                "actual_bump": self.actual_bump,
                "version_ok": self.version_ok,
                "violations": len(self.violations(mode)),
            },
            "changes": [c.to_dict() for c in self.changes],
        }


def diff_bundles(old: Bundle | str | Path, new: Bundle | str | Path) -> Diff:
    """Compare two bundles (or paths that :func:`load_bundle` accepts) schema by schema."""
    a = old if isinstance(old, Bundle) else load_bundle(old)
    b = new if isinstance(new, Bundle) else load_bundle(new)
    if a.single and b.single:  # two schema files: one schema, whatever the names
        [doc] = a.schemas.values()
        a = replace(a, schemas=dict.fromkeys(b.schemas, doc))
    changes: list[Change] = []
    names_a = [n for n in a.schemas if a.single or n not in SKIP_SCHEMAS]
    names_b = [n for n in b.schemas if b.single or n not in SKIP_SCHEMAS]
    for name in names_a:
        if name in b.schemas:
            changes.extend(diff_schemas(a.schemas[name], b.schemas[name], name))
        else:
            changes.append(Change(ChangeKind.SCHEMA_REMOVED, name, (), False, True, "", name, None))
    for name in names_b:
        if name not in a.schemas:
            changes.append(Change(ChangeKind.SCHEMA_ADDED, name, (), True, False, "", None, name))
    changes.extend(_codelist_labels(a.codelists, b.codelists))
    return Diff(a.label, b.label, a.version, b.version, a.subject == b.subject, tuple(changes))


def _verdict(ok: bool, lang: str) -> str:
    if lang.lower().startswith("zh"):
        return "兼容" if ok else "不兼容"
    return "ok" if ok else "BREAKS"


def _summary_lines(diff: Diff, mode: str, lang: str) -> list[str]:
    zh = lang.lower().startswith("zh")
    bad = diff.violations(mode)
    yes_no = ("是", "否") if zh else ("yes", "no")
    back = yes_no[0] if diff.backward_compatible else yes_no[1]
    fwd = yes_no[0] if diff.forward_compatible else yes_no[1]
    lines = []
    if zh:
        lines.append(f"{diff.old} -> {diff.new}：{len(diff.changes)} 处变化")
        lines.append(f"向后兼容（旧数据仍有效）：{back}；向前兼容（旧读取方可读新数据）：{fwd}")
        actual = f"；实际：{diff.actual_bump}" if diff.actual_bump else ""
        lines.append(f"要求的版本升级：{diff.required_bump}{actual}")
        if not diff.version_ok:
            lines.append(
                f"错误：新版本号 {diff.new_version} 太小，"
                f"这些变化至少需要 {diff.required_bump} 升级"
            )
        lines.append(f"模式 {mode}：{'通过' if not bad else f'{len(bad)} 处违反'}")
    else:
        lines.append(f"{diff.old} -> {diff.new}: {len(diff.changes)} change(s)")
        lines.append(
            f"backward compatible (old data stays valid): {back}; "
            f"forward compatible (old readers read new data): {fwd}"
        )
        actual = f"; actual: {diff.actual_bump}" if diff.actual_bump else ""
        lines.append(f"SemVer bump required: {diff.required_bump}{actual}")
        if not diff.version_ok:
            lines.append(
                f"error: the new version {diff.new_version} is too small;"
                f" these changes need a {diff.required_bump} bump"
            )
        lines.append(f"mode {mode}: {'ok' if not bad else f'{len(bad)} violation(s)'}")
    return lines


def render_text(diff: Diff, mode: str = "backward", lang: str = "en") -> str:
    """The plain-text report of ``smartstd schema diff``."""
    out = []
    for c in diff.changes:
        back, fwd = _verdict(c.backward, lang), _verdict(c.forward, lang)
        out.append(f"  [backward {back}, forward {fwd}, {c.bump}] {c.describe(lang)}")
    return "\n".join([*out, *_summary_lines(diff, mode, lang)]) + "\n"


def _md(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render_markdown(diff: Diff, mode: str = "backward", lang: str = "en") -> str:
    """Release notes in Markdown: breaking changes first, then additions, then the rest."""
    zh = lang.lower().startswith("zh")
    title = f"# {diff.old} → {diff.new}"
    head = [
        "| 变化 | 位置 | 关键字 | 旧 | 新 | 向后 | 向前 |"
        if zh
        else "| Change | Where | Keyword | Old | New | Backward | Forward |",
        "|---|---|---|---|---|---|---|",
    ]
    groups: list[tuple[str, list[Change]]] = [
        (
            "破坏性变化（需要主版本升级）" if zh else "Breaking changes (major)",
            [c for c in diff.changes if c.bump == "major"],
        ),
        (
            "新增与放宽（次版本升级）" if zh else "Additions and relaxations (minor)",
            [c for c in diff.changes if c.bump == "minor"],
        ),
        (
            "仅说明文字（修订版本）" if zh else "Descriptions only (patch)",
            [c for c in diff.changes if c.bump == "patch"],
        ),
    ]
    lines = [title, ""]
    lines.extend(f"- {line}" for line in _summary_lines(diff, mode, lang))
    for heading, items in groups:
        if not items:
            continue
        lines += ["", f"## {heading}", "", *head]
        for c in items:
            cells = [
                _md(c.kind.label(lang)),
                f"`{_md(c.location)}`",
                _md(c.keyword),
                _md(short(c.old)),
                _md(short(c.new)),
                "✓" if c.backward else "✗",
                "✓" if c.forward else "✗",
            ]
            lines.append("| " + " | ".join(cells) + " |")
    if not diff.changes:
        lines += ["", "没有变化。" if zh else "No changes."]
    return "\n".join(lines) + "\n"
