"""The reference index (``reference/index.md``): the pages and the standard's conventions."""

from __future__ import annotations

from smartstd._docgen.fields import FIELD_HEAD, Typer, field_rows, schema_rel
from smartstd._docgen.markdown import code_span, page_text, prose, table


def _geometry() -> list[str]:
    """The fields of the GeoJSON geometries, one table each."""
    from smartstd.standard._base import Point, Polygon

    lines: list[str] = []
    for cls in (Point, Polygon):
        schema = cls.model_json_schema()
        typer = Typer(schema.get("$defs", {}), "index.md")
        zh_t, en_t, zh_d, en_d = cls.__i18n__
        lines += [f"#### {en_t} · {zh_t}", "", f"{prose(en_d)} · {prose(zh_d)}", ""]
        lines += table(FIELD_HEAD, field_rows(schema, typer))
        lines.append("")
    return lines


def reference_index() -> str:
    """``reference/index.md``: the reference's pages and the conventions of the standard."""
    from smartstd.schemas import DEFAULT_BASE_URI, DRAFT
    from smartstd.standard._base import (
        DATE_PATTERN,
        EXTENSION_FIELD_PATTERN,
        ID_PATTERN,
        LANG_TAG_PATTERN,
        TIMESTAMP_PATTERN,
    )
    from smartstd.standard.codes import NAMESPACED_CODE_PATTERN
    from smartstd.standard.dataset import ENTITY_TYPES, STANDARD_VERSION

    lines = [
        f"# The standard, SCDS {STANDARD_VERSION} · 标准参考",
        "",
        "This reference is generated from the code of `smartstd`: the same models that the"
        " published JSON Schemas are generated from. Every title and description is shown in"
        " English and Chinese side by side."
        " · 本参考由 smartstd 的代码生成，与发布的 JSON Schema 同源；标题与说明中英对照。",
        "",
        "| Page · 页面 | What it holds · 内容 |",
        "|---|---|",
        f"| [Entity types](entities/index.md) | the {len(ENTITY_TYPES)} entity types,"
        " one page each · 全部实体类型 |",
        "| [Dataset envelope](envelope.md) | what a dataset file starts with · 数据集信封 |",
        "| [Code lists](code-lists.md) | every controlled vocabulary with both labels · 代码表 |",
        "| [Domains and mappings](domains.md) | core responsibility domains,"
        " published mappings · 责任领域与映射 |",
        "| [Request lifecycle](lifecycle.md) | the service-request state machine · 诉求状态机 |",
        "| [Rules](rules.md) | the conformance rule catalogue · 一致性规则目录 |",
        "| [Example charter](governance.md) | the example community's responsibility graph"
        " and RACI matrix · 示例治理章程 |",
        "| [JSON report](report-format.md) | the fields of"
        " `smartstd check --format json` · JSON 报告字段 |",
        "| [Command line](cli.md) | every `smartstd` command and option · 命令行 |",
        "",
        "## Conventions · 约定",
        "",
        "### Identifiers and references · 标识与引用",
        "",
        f"Every entity has an `id` matching {code_span(ID_PATTERN)} and a `type`, the name of its"
        " entity type. A field named `<thing>_id` (or `<thing>_ids`) references an entity of"
        " the same dataset, possibly in another file checked with it."
        " · 每个实体都有 `id` 与 `type`；以 `_id`/`_ids` 结尾的字段引用同一数据集中的实体。",
        "",
        "### Timestamps and dates · 时间与日期",
        "",
        "Timestamps are RFC 3339 date-times **with an offset** (`2026-05-01T09:30:00+08:00`);"
        " a naive time is invalid (rule [SC108](rules.md#sc108)). Dates are ISO 8601 dates"
        " (`2026-05-01`). · 时间戳必须带时区偏移；日期为 ISO 8601 日期。",
        "",
        f"- timestamp pattern: {code_span(TIMESTAMP_PATTERN)}",
        f"- date pattern: {code_span(DATE_PATTERN)}",
        "",
        "### Localized text · 多语言文本",
        "",
        "Text meant for people is an object of BCP 47 language tags to non-empty strings,"
        ' at least one entry: `{"zh-CN": "钟村社区", "en": "Zhongcun Community"}`.'
        " · 面向人的文本是以 BCP 47 语言标签为键的对象，至少一种语言。",
        "",
        f"- language tag pattern: {code_span(LANG_TAG_PATTERN)}",
        "",
        "### Geometry · 几何",
        "",
        "Geometry is GeoJSON (RFC 7946), longitude first, in WGS 84 / CGCS2000"
        " (EPSG:4326 / EPSG:4490) unless the dataset declares another `crs`"
        " (see the [`crs` code list](code-lists.md#crs))."
        " · 几何采用 GeoJSON，经度在前；数据集可声明其他坐标参考系（如 GCJ-02）。",
        "",
    ]
    lines += _geometry()
    lines += [
        "### Extensions · 扩展",
        "",
        "Objects are closed: an unknown field is an error ([SC106](rules.md#sc106)) unless it is"
        f" namespaced ({code_span(EXTENSION_FIELD_PATTERN)}, e.g. `gz:lingnan_style`)"
        " and its prefix is"
        " declared by a profile or the dataset's `extensions` ([SC107](rules.md#sc107))."
        " Open code lists take namespaced codes"
        f" ({code_span(NAMESPACED_CODE_PATTERN)}, e.g. `gz:dragon_boat_club`)."
        " Extension fields are kept on every round trip."
        " · 对象是封闭的；扩展字段须带命名空间前缀且前缀已声明；开放代码表可使用带前缀的代码。",
        "",
        "## JSON Schemas · 模式文件",
        "",
        f"The schemas are JSON Schema {code_span(DRAFT)},"
        " one file per entity type plus the envelope,"
        " any entity (one NDJSON line), a whole dataset and the JSON report. Every `$ref` is local,"
        " so they work offline. Each `$id` is"
        f" `{DEFAULT_BASE_URI}{STANDARD_VERSION}/<name>.schema.json`."
        " · 每种实体一个模式文件，另有信封、任一实体、整个数据集与 JSON 报告的模式；全部离线可用。",
        "",
        "They use no keyword outside the 2020-12 vocabularies and compile in strict validators"
        " (ajv's strict mode among them: every tuple is whole). Patterns are ECMA-262 regular"
        " expressions, as JSON Schema says: `$` ends the text. Python's `re`, which the"
        " `jsonschema` package uses, also lets `$` match before a final line end, so that"
        ' package alone accepts an id such as `"abc\\n"`; ajv, pydantic and `smartstd check`'
        " refuse it, and so does `smartstd.schemas.validator_for`, a `jsonschema` validator"
        " that reads patterns as ECMA-262 and checks formats. From 1.1.0 no pattern says `\\s`,"
        " whose meaning differs from one engine to another (1.0.0's email pattern, frozen, does)."
        " Structure (SC103) is what `smartstd check` says. The tests run Ajv 8 in"
        " strict mode on the schemas of every version: it gives the models' verdict on the"
        " bundled example, on thousands of mutated records and documents, and on records one"
        " edge away from valid (patterns, bounds, timestamps, extension keys) that Hypothesis"
        " draws from the schemas; every schema, a profile's too, compiles in Ajv's strictest mode."
        " One difference is known and kept: a key of the envelope's `extensions` must be a prefix"
        " (`gz`) for the models and `smartstd check`, while the schemas of both versions leave"
        " any other key free; closing that object in 1.1.0 would refuse data that the released"
        " 1.0.0 schema accepts, a major change, so it waits for the next major version."
        " · 模式只使用 2020-12 词表中的关键字，可在严格模式的校验器（如 ajv strict）中编译。"
        "正则表达式按 JSON Schema 的规定采用 ECMA-262 语法，`$` 表示文本结尾；"
        "Python `re`（`jsonschema` 包所用）的 `$` 也匹配末尾换行之前，"
        '因此仅该包会接受 `"abc\\n"` 这样的标识，ajv、pydantic 与'
        " `smartstd check` 均拒绝；`smartstd.schemas.validator_for`（按 ECMA-262 解释正则并检查"
        "格式的 `jsonschema` 校验器）同样拒绝。自 1.1.0 起模式中不再使用含义因引擎而异的 `\\s`"
        "（已冻结的 1.0.0 邮箱模式仍保留）。结构是否合规以 `smartstd check` 为准。"
        "测试以严格模式的 Ajv 8 校验每个版本的模式：对随附示例、数千条变异记录和文档，"
        "以及由 Hypothesis 按模式生成的边界记录（正则、数值界限、时间戳、扩展字段名），"
        "其判定与模型一致；所有模式（含地方配置的模式）均能在 Ajv 最严格模式下编译。"
        "已知且保留的一处差异：信封 `extensions` 的键对模型与 `smartstd check` 必须是前缀"
        "（如 `gz`），而两个版本的模式都不限制其他键；在 1.1.0 中收紧会拒绝已发布的 1.0.0"
        "模式所接受的数据，属于不兼容变更，留待下一个主版本。",
        "",
    ]
    files = [*ENTITY_TYPES, "envelope", "entity", "dataset", "report"]
    lines += [", ".join(f"[`{n}`](../{schema_rel(n)})" for n in files), ""]
    return page_text(lines)
