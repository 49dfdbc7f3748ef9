"""Catalogue entries SC1xx: structure and envelope (level L1)."""

from __future__ import annotations

from smartstd.rules.info import rule

RULES = (
    rule(
        "SC100",
        "parse-error",
        "error",
        "L1",
        ("无法解析", "Parse error"),
        ("无法解析输入（{reason}）：{detail}", "The input cannot be parsed ({reason}): {detail}"),
        (
            "文件必须是合法的 JSON、NDJSON 或 YAML。JSON 不允许注释、NaN/Infinity 或尾随逗号；NDJSON 每行一个对象，中间不能有空行；YAML 只允许安全子集（不允许 !!python 等标签）。修正语法后重新检查。",
            "The file must be valid JSON, NDJSON or YAML. JSON allows no comments, NaN/Infinity or trailing commas; NDJSON has one object per line and no blank lines in between; YAML is read with a safe loader only (no !!python tags). Fix the syntax and check again.",
        ),
    ),
    rule(
        "SC101",
        "encoding-error",
        "error",
        "L1",
        ("编码错误", "Encoding error"),
        (
            "文件不是 UTF-8 编码（疑似 {encoding_guess}）。转换：{hint}",
            "The file is not UTF-8 (looks like {encoding_guess}). Convert it: {hint}",
        ),
        (
            "标准数据一律使用 UTF-8（可带 BOM）。国内系统导出的文件常为 GB18030/GBK 编码，请先转换，例如 iconv -f GB18030 -t UTF-8 in.json > out.json。根本不是文本的文件（gzip、ZIP 压缩包、图片、PDF、数据库，或含 NUL 字节且不是 UTF-16/UTF-32 的内容）报告原因 binary，并说明应如何处理（先解压，或导出为 JSON/YAML）。",
            "Data of the standard is always UTF-8 (a BOM is accepted). Files exported by many Chinese systems are GB18030/GBK; convert them first, e.g. iconv -f GB18030 -t UTF-8 in.json > out.json. A file that is not text at all (a gzip or ZIP archive, an image, a PDF, a database, or bytes with NULs that are not UTF-16 or UTF-32) is reported with reason binary and what to do instead (unpack it first, or export the data as JSON or YAML).",
        ),
    ),
    rule(
        "SC102",
        "duplicate-key",
        "error",
        "L1",
        ("重复键", "Duplicate key"),
        (
            "对象中键 {key} 出现了两次，前一个值会被静默丢弃",
            "The key {key} appears twice in one object; the earlier value would be silently lost",
        ),
        (
            "JSON 对象中同一个键出现两次时，多数解析器只保留最后一个值，数据会无声丢失。删除或合并重复的键。",
            "When an object names a key twice, most parsers keep only the last value, so data is silently lost. Remove or merge the duplicate key.",
        ),
    ),
    rule(
        "SC103",
        "schema-violation",
        "error",
        "L1",
        ("不符合模式", "Schema violation"),
        ("{detail}（{error_type}）", "{detail} ({error_type})"),
        (
            "实体或信封不符合已发布的 JSON Schema：类型、必填字段、枚举代码、格式或取值范围有误。结果中的 JSON 指针指出具体字段，error_type 给出 pydantic/JSON Schema 的错误类型。",
            "An entity or the envelope does not match the published JSON Schema: a type, a required field, a code, a pattern or a bound is wrong. The JSON Pointer names the field; error_type gives the pydantic / JSON Schema error type.",
        ),
    ),
    rule(
        "SC104",
        "unknown-entity-type",
        "error",
        "L1",
        ("未知实体类型", "Unknown entity type"),
        ("未知的实体类型 {type}", "Unknown entity type {type}"),
        (
            "type 必须是标准定义的 24 种实体类型之一（区分大小写），例如 Community、ServiceRequest、Device。",
            "type must be one of the standard's 24 entity types (case-sensitive), such as Community, ServiceRequest or Device.",
        ),
    ),
    rule(
        "SC105",
        "unsupported-standard-version",
        "error",
        "L1",
        ("不支持的标准版本", "Unsupported standard version"),
        (
            "数据声明的标准版本 {version} 不受支持（本库支持 {supported}）",
            "The data declares standard version {version}, which this library does not support (it supports {supported})",
        ),
        (
            "主版本不同或比本库更新的数据无法可靠检查，将被拒绝。请升级 smartstd，或用 smartstd migrate 迁移数据。",
            "Data of another major version, or newer than this library knows, cannot be checked reliably and is refused. Upgrade smartstd or migrate the data with smartstd migrate.",
        ),
    ),
    rule(
        "SC106",
        "unknown-field",
        "error",
        "L1",
        ("未知字段", "Unknown field"),
        (
            "字段 {field} 不属于标准，且没有命名空间前缀",
            "The field {field} is not part of the standard and is not namespaced",
        ),
        (
            "对象是封闭的：标准之外的字段必须带命名空间前缀（如 gz:lingnan_style），并在信封 extensions 或地方配置中声明前缀。常见原因是拼写错误。",
            "Objects are closed: a field outside the standard must be namespaced (e.g. gz:lingnan_style) with its prefix declared in the envelope's extensions or a profile. A typo is the usual cause.",
        ),
    ),
    rule(
        "SC107",
        "undeclared-extension-prefix",
        "error",
        "L1",
        ("未声明的扩展前缀", "Undeclared extension prefix"),
        (
            "扩展前缀 {prefix} 未在信封 extensions 或地方配置中声明",
            "The extension prefix {prefix} is not declared in the envelope's extensions or a profile",
        ),
        (
            '扩展字段和扩展代码的前缀必须声明，使用者才能找到其定义。在信封中加入 "extensions": {"gz": "https://..."}，或使用声明该前缀的地方配置。',
            'Prefixes of extension fields and codes must be declared so that users can find their definition. Add "extensions": {"gz": "https://..."} to the envelope, or use a profile that declares the prefix.',
        ),
    ),
    rule(
        "SC108",
        "naive-timestamp",
        "error",
        "L1",
        ("时间戳缺少时区", "Naive timestamp"),
        ("时间戳 {value} 没有时区偏移", "The timestamp {value} has no offset"),
        (
            "所有时间戳必须是带时区偏移的 RFC 3339 时间（广州为 +08:00）。没有偏移的时间在跨系统交换时含义不明，可能相差 8 小时。",
            "Every timestamp must be RFC 3339 with an offset (+08:00 in Guangzhou). A time without an offset is ambiguous between systems and may be off by eight hours.",
        ),
    ),
    rule(
        "SC109",
        "input-limit",
        "error",
        "L1",
        ("超出输入限制", "Input limit exceeded"),
        (
            "超出输入限制 {limit}：{value}（上限 {maximum}）",
            "Input limit {limit} exceeded: {value} (maximum {maximum})",
        ),
        (
            "为防止恶意或损坏的文件耗尽内存，读取时限制文件大小、单行长度、嵌套深度和 YAML 别名展开。确属正常数据时可在配置中调高上限。",
            "To keep hostile or broken files from exhausting memory, reading limits file size, line length, nesting depth and YAML alias expansion. Raise a limit in the configuration if your data genuinely needs it.",
        ),
    ),
)
