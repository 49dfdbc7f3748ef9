"""What the library's own readers write in English, by kind, with Chinese and English templates.

Private; :mod:`smartstd._parser_messages` says them.

What the readers of data (``smartstd.io``), conversions, migrations, profiles
and pilots put in a finding's or an error's parameters as English text: the
same :class:`~smartstd._parser_kinds.Kind` as a parser's.

库自身读取器英文说明的类别及其中英文模板。
"""

from __future__ import annotations

from smartstd._parser_kinds import Kind, kind

__all__ = ["READER_KINDS"]

#: key -> the kind of a reader's own text.
READER_KINDS: dict[str, Kind] = {
    # ---- what the readers say themselves (smartstd.io)
    "read_complex_key": kind(
        r"a mapping key must be a string, not a sequence or a mapping",
        "映射的键必须是字符串，不能是序列或映射",
        "a mapping key must be a string, not a sequence or a mapping",
    ),
    "read_merge_key": kind(
        r"merge keys \(<<\) are not part of YAML 1\.2; write the keys out",
        "合并键（<<）不属于 YAML 1.2，请把各个键逐一写出",
        "merge keys (<<) are not part of YAML 1.2; write the keys out",
    ),
    "read_tag_on_key": kind(
        r"tag (?P<tag>\S+) on a key", "键上带有标签 {tag}", "tag {tag} on a key"
    ),
    "read_tag": kind(
        r"the tag (?P<tag>\S+) is not allowed: only JSON values are read",
        "不允许使用标签 {tag}：只读取 JSON 能表示的值",
        "the tag {tag} is not allowed: only JSON values are read",
    ),
    "read_not_valid": kind(
        r"(?P<text>'.*') is not a valid (?P<kind>[a-z]+)",
        "{text} 不是有效的 {kind}",
        "{text} is not a valid {kind}",
    ),
    "read_not_json_value": kind(
        r"(?P<text>\S+) is not a JSON value", "{text} 不是 JSON 值", "{text} is not a JSON value"
    ),
    "read_too_many_digits": kind(
        r"the integer has (?:(?P<digits>\d+) digits|too many digits), more than the (?P<most>\d+) "
        r"a number may have here; write an identifier or a code as a string \(in quotes\), and "
        r"a quantity in a unit that keeps it small",
        "整数有 {digits} 位，超过此处允许的 {most} 位；标识符或代码请写成字符串（加引号），"
        "数量请换用使数值较小的单位",
        "the integer has {digits} digits, more than the {most} a number may have here",
    ),
    "read_too_large": kind(
        r"the number is too large for a 64-bit floating-point value \(it would be infinity\)",
        "数值过大，超出 64 位浮点数的范围（会成为无穷大）",
        "the number is too large for a 64-bit floating-point value",
    ),
    "read_too_deep_to_read": kind(
        r"objects and arrays nested too deeply to read",
        "对象和数组嵌套过深，无法读取",
        "objects and arrays nested too deeply to read",
    ),
    "read_too_deep": kind(
        r"objects and arrays nested too deeply \(more than (?P<most>\d+) levels\); no real "
        r"data nests so: check what wrote the file",
        "对象和数组嵌套过深（超过 {most} 层）；真实数据不会这样嵌套，请检查生成该文件的程序",
        "objects and arrays nested too deeply (more than {most} levels)",
    ),
    "read_too_deep_parser": kind(
        r"nested too deeply for the parser",
        "嵌套过深，解析器无法读取",
        "nested too deeply for the parser",
    ),
    "read_alias": kind(
        r"the alias \*(?P<name>\S+) refers to (?P<recursive>the node it is in|no anchor before it)",
        "别名 *{name} {recursive}",
        "the alias *{name} refers to {recursive}",
    ),
    "read_empty": kind(r"the document is empty", "文档为空", "the document is empty"),
    "read_one_document": kind(
        r"a file holds one YAML document",
        "一个文件只能包含一个 YAML 文档",
        "a file holds one YAML document",
    ),
    "read_ndjson_line": kind(
        r"an NDJSON line must hold one JSON value",
        "NDJSON 的每一行必须恰好是一个 JSON 值",
        "an NDJSON line must hold one JSON value",
    ),
    "read_not_envelope": kind(
        r"expected the dataset envelope \(a JSON object\), found (?P<found>\S+)",
        "应为数据集信封（JSON 对象），实际为 {found}",
        "expected the dataset envelope (a JSON object), found {found}",
    ),
    "read_binary": kind(
        r"the file is binary \((?P<kind>[^)]+)\), not text",
        "文件是二进制内容（{kind}），不是文本",
        "the file is binary ({kind}), not text",
    ),
    "read_unicode": kind(
        r"the file is (?P<encoding>\S+) \((?P<order>[A-Z]+)\), not UTF-8",
        "文件是 {encoding}（{order}）编码，不是 UTF-8",
        "the file is {encoding} ({order}), not UTF-8",
    ),
    "read_second_envelope": kind(
        r"a second full envelope; the envelope of (?P<file>.+) is used",
        "又一个完整的数据集信封；以 {file} 的信封为准",
        "a second full envelope; the envelope of {file} is used",
    ),
    "read_no_envelope": kind(
        r"no input carries the dataset envelope(?: \((?P<fields>[^)]*)\))?",
        "没有任何输入带有数据集信封（{fields}）",
        "no input carries the dataset envelope ({fields})",
    ),
    "read_dataset_mismatch": kind(
        r"dataset_id (?P<value>'.*') differs from (?P<expected>'.*')",
        "dataset_id {value} 与 {expected} 不同",
        "dataset_id {value} differs from {expected}",
    ),
    # ---- what conversions say of their sources (smartstd.interchange)
    "convert_not_xlsx": kind(
        r"not an? (?:readable )?xlsx workbook \((?P<why>.*)\)",
        "不是可读取的 xlsx 工作簿（{why}）",
        "not an xlsx workbook ({why})",
    ),
    "convert_not_json": kind(r"not JSON: (?P<why>.*)", "不是 JSON：{why}", "not JSON: {why}"),
    "convert_not_request": kind(
        r"not an Open311 request", "不是 Open311 诉求", "not an Open311 request"
    ),
    "convert_no_header": kind(
        r"column without a header", "该列没有表头", "column without a header"
    ),
    "convert_no_type": kind(r"no entity type", "没有实体类型", "no entity type"),
    "convert_no_id_type": kind(r"no id and type", "缺少 id 和 type", "no id and type"),
    "convert_not_object": kind(
        r"(?:a JSON (?P<type>\w+), )?not an object",
        "不是对象{type}",
        "a JSON {type}, not an object",
    ),
    "convert_not_text": kind(
        r"neither UTF-8 nor GB18030 text",
        "既不是 UTF-8 也不是 GB18030 编码的文本",
        "neither UTF-8 nor GB18030 text",
    ),
    "convert_no_field": kind(r"no (?P<field>[a-z_]+)", "缺少 {field}", "no {field}"),
    "convert_not_csv": kind(r"not CSV: (?P<why>.*)", "不是 CSV：{why}", "not CSV: {why}"),
    "convert_geojson_not_utf8": kind(
        r"not UTF-8 at byte (?P<at>\d+) \(line (?P<line>\d+)\); "
        r"save it as UTF-8, as RFC 7946 asks",
        "第 {line} 行（文件第 {at} 个字节）不是 UTF-8 编码；请按 RFC 7946 的要求另存为 UTF-8",
        "not UTF-8 at byte {at} (line {line}); save it as UTF-8, as RFC 7946 asks",
    ),
    "convert_geojson_line_not_utf8": kind(
        r"not UTF-8 at byte (?P<at>\d+) of the line; GeoJSON is UTF-8 \(RFC 7946\)",
        "该行第 {at} 个字节处不是 UTF-8 编码；GeoJSON 须为 UTF-8（RFC 7946）",
        "not UTF-8 at byte {at} of the line; GeoJSON is UTF-8 (RFC 7946)",
    ),
    "convert_geojson_type": kind(
        r"type is (?P<found>.+) \(its features were read\)",
        "type 为 {found}（其中的要素仍已读取）",
        "type is {found} (its features were read)",
    ),
    "convert_json_kind": kind(r"a JSON (?P<what>[a-z]+)", "JSON {what}", "a JSON {what}"),
    "convert_no_entity_type": kind(
        r"(?P<found>'[^']*') is no entity type \((?P<known>[^)]*)\)",
        "{found} 不是实体类型（{known}）",
        "{found} is no entity type ({known})",
    ),
    "convert_open311_error": kind(
        r"an Open311 error answer \(code (?P<code>[^)]*)\): (?P<text>.*)",
        "这是服务器返回的 Open311 错误应答（代码 {code}）：{text}；请重新获取诉求数据",
        "an Open311 error answer (code {code}): {text}",
    ),
    "convert_xml_encoding": kind(
        r"unknown encoding (?P<name>\S+)",
        "未知的编码 {name}；请改为 UTF-8 或 GB18030",
        "unknown encoding {name}",
    ),
    "convert_xml_not_encoded": kind(
        r"the text is not (?P<name>\S+)",
        "文本不是声明的 {name} 编码",
        "the text is not {name}",
    ),
    "convert_xml_deep": kind(
        r"elements nested more than (?P<depth>\d+) deep",
        "元素嵌套超过 {depth} 层",
        "elements nested more than {depth} deep",
    ),
    # ---- what a migration says of its input (smartstd.migrate)
    "migrate_no_field": kind(
        r"(?:(?P<key>[^\s:]+): )?(?:SCDS (?P<version>\S+)|the target version) has no such field",
        "{key}{version}没有该字段",
        "{key}SCDS {version} has no such field",
    ),
    "migrate_no_provenance": kind(
        r"SCDS (?P<version>\S+) has no provenance \(source system, source id, imputed values\)",
        "SCDS {version} 没有来源信息（来源系统、来源标识、推定的值）",
        "SCDS {version} has no provenance (source system, source id, imputed values)",
    ),
    "migrate_no_partial": kind(
        r"SCDS (?P<version>\S+) has no partial histories: every history is complete",
        "SCDS {version} 没有部分历史：每条历史都必须完整",
        "SCDS {version} has no partial histories: every history is complete",
    ),
    "migrate_split_join": kind(
        r"(?P<names>.+?) cannot be (?P<how>split|joined)",
        "{names} 无法{how}",
        "{names} cannot be {how}",
    ),
    "migrate_no_version": kind(
        r"the dataset has no standard_version; pass --from/source",
        "数据集没有 standard_version；请用 --from 指明其版本",
        "the dataset has no standard_version; pass --from/source",
    ),
    "migrate_not_envelope": kind(
        r"line 1 is not the dataset envelope",
        "第 1 行不是数据集信封",
        "line 1 is not the dataset envelope",
    ),
    "migrate_not_dataset": kind(
        r"the input is not a dataset \(a JSON object with an envelope\)",
        "输入不是数据集（带信封的 JSON 对象）",
        "the input is not a dataset (a JSON object with an envelope)",
    ),
    "convert_the_file": kind(r"the file", "文件大小", "the file"),
    "convert_the_workbook": kind(
        r"the unpacked workbook", "工作簿解压后的大小", "the unpacked workbook"
    ),
    "convert_bytes": kind(r"(?P<n>\d+) bytes", "{n} 字节", "{n} bytes"),
    "convert_and": kind(r"(?P<a>\w+) and (?P<b>\w+)", "{a} 和 {b}", "{a} and {b}"),
    # ---- profiles: what loading one finds
    "profile_not_found": kind(
        r"profile (?P<ref>\S+) not found", "找不到地方配置 {ref}", "profile {ref} not found"
    ),
    "profile_version": kind(
        r"builds on SCDS (?P<version>\S+), which this library cannot check \(it knows "
        r"(?P<known>[^)]*)\)",
        "基于 SCDS {version}，本库无法检查该版本（支持：{known}）",
        "builds on SCDS {version}, which this library cannot check (it knows {known})",
    ),
    "profile_unknown_type": kind(
        r"unknown entity type (?P<name>'[^']*')",
        "未知的实体类型 {name}",
        "unknown entity type {name}",
    ),
    "profile_core_field": kind(
        r"(?P<name>\S+) is a core field: a profile cannot redefine it \(tighten it under "
        r"constraints:\)",
        "{name} 是核心字段，地方配置不能重新定义（请在 constraints: 下收紧）",
        "{name} is a core field: a profile cannot redefine it (tighten it under constraints:)",
    ),
    "profile_namespaced": kind(
        r"a profile may add only namespaced (?P<what>fields|codes): (?P<right>\S+), not "
        r"(?P<wrong>\S+)",
        "地方配置只能新增带命名空间前缀的{what}：应为 {right}，而不是 {wrong}",
        "a profile may add only namespaced {what}: {right}, not {wrong}",
    ),
    "profile_prefix": kind(
        r"(?P<what>field|code) prefix (?P<prefix>\S+) is not the profile's prefix (?P<own>\S+)",
        "{what}前缀 {prefix} 不是本配置的前缀 {own}",
        "{what} prefix {prefix} is not the profile's prefix {own}",
    ),
    "profile_ref": kind(
        r"\$ref is not allowed: a field schema must be self-contained",
        "不允许使用 $ref：字段的模式必须自成一体",
        "$ref is not allowed: a field schema must be self-contained",
    ),
    "profile_bad_schema": kind(
        r"not a valid JSON Schema: (?P<why>.*)",
        "不是有效的 JSON Schema：{why}",
        "not a valid JSON Schema: {why}",
    ),
    "profile_slow_pattern": kind(
        r"a pattern must be matchable in linear time, without look-around or back-references"
        r"(?: \(正则表达式须能以线性时间匹配，不得使用环视或反向引用\))?: (?P<why>.*)",
        "正则表达式须能以线性时间匹配，不得使用环视或反向引用：{why}",
        "a pattern must be matchable in linear time, without look-around or back-references: {why}",
    ),
    "profile_not_ecma_pattern": kind(
        r"not an ECMA-262 regular expression, as JSON Schema needs: (?P<why>.*)",
        "不是 JSON Schema 所用的 ECMA-262 正则表达式：{why}",
        "not an ECMA-262 regular expression, as JSON Schema needs: {why}",
    ),
    # ---- smartstd._ecma.ecma_problem: why a pattern is no ECMA-262 regular expression
    "ecma_escape": kind(
        r"\\(?P<char>.) is no escape in ECMA-262: write (?P=char) alone",
        "ECMA-262 中 \\{char} 不是转义：直接写 {char}",
        "\\{char} is no escape in ECMA-262: write {char} alone",
    ),
    "ecma_group": kind(
        r"(?P<group>\(\?.{0,2})\.\.\. is no group of ECMA-262 \(it has \(\?:, \(\?=, \(\?!,"
        r" \(\?<=, \(\?<! and \(\?<name>\)",
        "{group}… 不是 ECMA-262 的分组（它只有 (?:、(?=、(?!、(?<=、(?<! 与 (?<name>）",
        "{group}... is no group of ECMA-262 (it has (?:, (?=, (?!, (?<=, (?<! and (?<name>)",
    ),
    "ecma_quantifier": kind(
        r"\{ starts no quantifier \(\{n\}, \{n,\} or \{n,m\}\): write \\\{ for the character",
        "{{ 未构成量词（{{n}}、{{n,}} 或 {{n,m}}）：字符本身请写 \\{{",
        "{{ starts no quantifier ({{n}}, {{n,}} or {{n,m}}): write \\{{ for the character",
    ),
    "ecma_brace": kind(
        r"a lone \}: write \\\} for the character",
        "单独的 }}：字符本身请写 \\}}",
        "a lone }}: write \\}} for the character",
    ),
    "ecma_backslash": kind(
        r"a pattern cannot end with a backslash",
        "正则表达式不能以反斜杠结尾",
        "a pattern cannot end with a backslash",
    ),
    "profile_not_regex": kind(
        r"not a regular expression(?:: (?P<why>.*))?",
        "不是有效的正则表达式{why}",
        "not a regular expression: {why}",
    ),
    "profile_inherited_field": kind(
        r"(?P<ref>\S+) defines (?P<name>\S+) differently; a profile cannot redefine an inherited "
        r"field",
        "{ref} 对 {name} 的定义不同；地方配置不能重新定义继承来的字段",
        "{ref} defines {name} differently; a profile cannot redefine an inherited field",
    ),
    "profile_no_field": kind(
        r"no field (?P<path>\S+) in (?P<entity>\S+)(?: \(SCDS (?P<version>\S+)\))?",
        "{entity} 中没有字段 {path}{version}",
        "no field {path} in {entity}",
    ),
    "profile_core_required": kind(
        r"(?P<name>\S+) is required by the core: a profile cannot make it optional \(that would "
        r"loosen the core\)",
        "{name} 是核心标准的必填字段：地方配置不能把它改为选填（那会放宽核心标准）",
        "{name} is required by the core: a profile cannot make it optional",
    ),
    "profile_parent_required": kind(
        r"(?P<ref>\S+) requires (?P<name>\S+): a profile cannot make it optional again",
        "{ref} 要求 {name} 必填：地方配置不能再把它改为选填",
        "{ref} requires {name}: a profile cannot make it optional again",
    ),
    "profile_unknown_list": kind(
        r"unknown code list (?P<name>'[^']*')", "未知的代码表 {name}", "unknown code list {name}"
    ),
    "profile_closed_list": kind(
        r"(?P<name>\S+) is a closed code list: a profile cannot add codes to it",
        "{name} 是封闭代码表：地方配置不能向其中添加代码",
        "{name} is a closed code list: a profile cannot add codes to it",
    ),
    "profile_core_code": kind(
        r"(?P<code>\S+) is a core code of (?P<name>\S+): a profile cannot redefine it",
        "{code} 是代码表 {name} 的核心代码：地方配置不能重新定义",
        "{code} is a core code of {name}: a profile cannot redefine it",
    ),
    "profile_bbox": kind(
        r"(?P<what>longitudes|latitudes) must satisfy (?P<rule>.+?) \(the core's range cannot be "
        r"widened\)",
        "{what}须满足 {rule}（不能扩大核心标准的范围）",
        "{what} must satisfy {rule} (the core's range cannot be widened)",
    ),
    "profile_bbox_parent": kind(
        r"widens the bounding box of (?P<ref>\S+) (?P<box>\[.*\])",
        "扩大了 {ref} 的坐标范围 {box}",
        "widens the bounding box of {ref} {box}",
    ),
    "profile_keyword_type": kind(
        r"(?P<kw>\S+) does not apply to a field of type (?P<kinds>.+)",
        "{kw} 不适用于类型为 {kinds} 的字段",
        "{kw} does not apply to a field of type {kinds}",
    ),
    "profile_undeclared_code": kind(
        r"(?P<value>\S+) is not declared under codes:",
        "{value} 没有在 codes: 下声明",
        "{value} is not declared under codes:",
    ),
    "profile_enum_subset": kind(
        r"(?P<values>.+) not allowed by the core: an enum can only keep a subset of the core's "
        r"values",
        "核心标准不允许 {values}：枚举只能保留核心取值的子集",
        "{values} not allowed by the core: an enum can only keep a subset of the core's values",
    ),
    "profile_looser_core": kind(
        r"(?P<value>.+) is looser than the core's (?P<core>.+): a profile can only tighten",
        "{value} 比核心标准的 {core} 宽松：地方配置只能收紧",
        "{value} is looser than the core's {core}: a profile can only tighten",
    ),
    "profile_tighten_rule": kind(
        r"(?P<why>.+): a profile can only tighten a rule",
        "{why}：地方配置只能收紧规则",
        "{why}: a profile can only tighten a rule",
    ),
    "profile_looser_than": kind(
        r"(?:(?P<key>[^\s:]+): )?(?P<value>.+?) is looser than (?P<other>.+?)"
        r"(?: \(only a (?P<way>lower|higher) value tightens\))?",
        "{key}{value} 比 {other} 宽松{way}",
        "{value} is looser than {other}",
    ),
    "profile_wider": kind(
        r"(?P<key>[^\s:]+): (?P<value>.+) is wider than (?P<other>.+)",
        "{key}：{value} 比 {other} 宽",
        "{key}: {value} is wider than {other}",
    ),
    "profile_not_number": kind(
        r"(?:(?P<key>[^\s:]+): )?(?P<value>.+) is not a (?:finite )?number",
        "{key}{value} 不是有效（有限）的数",
        "{value} is not a number",
    ),
    "profile_min_max": kind(
        r"(?P<key>[^\s:]+): must be \[minimum, maximum\]",
        "{key}：应为 [最小值, 最大值]",
        "{key}: must be [minimum, maximum]",
    ),
    "profile_list_drops": kind(
        r"drops (?P<values>.+) \(a profile may only add to this list\)",
        "去掉了 {values}（地方配置只能向该列表添加）",
        "drops {values} (a profile may only add to this list)",
    ),
    "profile_list_adds": kind(
        r"adds (?P<values>.+) \(a profile may only remove from this list\)",
        "添加了 {values}（地方配置只能从该列表删除）",
        "adds {values} (a profile may only remove from this list)",
    ),
    "profile_no_rule": kind(r"no rule (?P<code>\S+)", "没有规则 {code}", "no rule {code}"),
    "profile_no_param": kind(
        r"(?P<code>\S+) has no parameter (?P<name>'[^']*') \(it has: (?P<known>.*)\)",
        "规则 {code} 没有参数 {name}（可用参数：{known}）",
        "{code} has no parameter {name} (it has: {known})",
    ),
    "profile_param_kind": kind(
        r"must be (?P<kind>a number|a mapping|a list|a string|true or false), like the default "
        r"(?P<default>.+)",
        "应为{kind}，与默认值 {default} 相同",
        "must be {kind}, like the default {default}",
    ),
    "profile_lower_severity": kind(
        r"lowering (?P<code>\S+) from (?P<old>\S+) to (?P<new>\S+) would loosen the core: a "
        r"profile can only raise a severity",
        "把 {code} 从 {old} 降为 {new} 会放宽核心标准：地方配置只能提高严重程度",
        "lowering {code} from {old} to {new} would loosen the core",
    ),
    "profile_parent_version": kind(
        r"(?P<ref>\S+) builds on SCDS (?P<theirs>\S+), this profile on (?P<ours>\S+)",
        "{ref} 基于 SCDS {theirs}，本配置基于 {ours}",
        "{ref} builds on SCDS {theirs}, this profile on {ours}",
    ),
    "profile_only_versions": kind(
        r"only version\(s\) (?P<versions>.+) found",
        "只找到版本 {versions}",
        "only version(s) {versions} found",
    ),
    "profile_nowhere": kind(
        r"no built-in profile and no profile file with this name in (?P<where>.+)",
        "没有同名的内置地方配置，{where} 中也没有该名称的配置文件",
        "no built-in profile and no profile file with this name in {where}",
    ),
    "profile_unusable": kind(
        r"the profile is invalid: (?P<why>.*)",
        "地方配置无效：{why}",
        "the profile is invalid: {why}",
    ),
    # ---- a pilot that cannot be assessed (SC802)
    "pilot_ends_first": kind(
        r"it ends on (?P<ends>\S+) before it starts on (?P<starts>\S+)",
        "结束日期 {ends} 早于开始日期 {starts}",
        "it ends on {ends} before it starts on {starts}",
    ),
    "pilot_no_community": kind(
        r"it names no community", "没有指明任何社区", "it names no community"
    ),
    "pilot_no_definition": kind(
        r"target (?P<i>\d+) is on (?P<code>\S+), which has no definition",
        "第 {i} 个目标所用的指标 {code} 没有定义",
        "target {i} is on {code}, which has no definition",
    ),
    "pilot_out_of_range": kind(
        r"target (?P<i>\d+) \((?P<code>\S+)\) is (?P<value>\S+), outside the range of a "
        r"(?P<unit>\S+) \((?P<range>[^)]*)\)",
        "第 {i} 个目标（{code}）为 {value}，超出单位 {unit} 的取值范围（{range}）",
        "target {i} ({code}) is {value}, outside the range of a {unit} ({range})",
    ),
    "pilot_repeats": kind(
        r"target (?P<i>\d+) repeats target (?P<j>\d+) \((?P<what>[^)]*)\) with another value",
        "第 {i} 个目标与第 {j} 个目标（{what}）重复，但取值不同",
        "target {i} repeats target {j} ({what}) with another value",
    ),
    "severity_value": kind(
        r"(?P<value>'.*') is not a valid Severity",
        "{value} 不是有效的严重程度（应为 error、warning 或 info）",
        "{value} is not a valid Severity",
    ),
    # ---- what to do with a file that is not UTF-8 text (SC101's hint)
    "hint_unpack": kind(
        r"(?P<command>.+? FILE), then check the (?P<files>files?) it writes",
        "先解压：{command}，再检查解压出的文件",
        "{command}, then check the {files} it writes",
    ),
    "hint_export": kind(
        r"export the (?:data|records) as (?P<formats>[A-Z, ]+?(?: or [A-Z]+)?) \(this is "
        r"(?P<what>an image|a PDF document|an Office file(?:, not data)?|a database|not a text "
        r"file)\)",
        "请将数据导出为 {formats}（{what}）",
        "export the data as {formats} (this is {what})",
    ),
}
