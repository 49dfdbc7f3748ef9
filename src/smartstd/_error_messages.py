"""The texts of the library's usage, input and configuration errors, in zh-CN and en.

:class:`smartstd.errors.UsageError`, :class:`~smartstd.errors.InputError` and
:class:`~smartstd.errors.ConfigError` are raised with a key of this table and
the values of its fields; the command line shows the Chinese form by default
and the English one with ``--lang en`` (the table is part of
:data:`smartstd.cli.messages.MESSAGES`). Each entry is a ``(zh-CN, en)`` pair
of ``str.format`` templates with the same fields; tests check both languages,
the fields, and that every raise site names a key here
with exactly the fields its message uses.

库中用法错误、输入错误与配置错误的中英文文字；命令行默认显示中文，``--lang en`` 显示英文。
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import NamedTuple, Protocol, runtime_checkable

from smartstd._parser_messages import localize

__all__ = ["ERROR_MESSAGES", "Phrase", "render"]


@runtime_checkable
class _Bilingual(Protocol):
    """A value that says itself in a language (a finding, another error)."""

    def message(self, lang: str = ...) -> str: ...


class Phrase(NamedTuple):
    """A word or phrase for a message's field, in both languages (``Phrase("开始", "start")``)."""

    zh: str
    en: str

    def message(self, lang: str = "en") -> str:
        """The phrase in ``lang``."""
        return self.en if (lang or "").lower().startswith("en") else self.zh

    def __str__(self) -> str:
        return self.en


def render(key: str, lang: str, params: Mapping[str, object]) -> str:
    """The message ``key`` in ``lang`` (zh-CN unless ``lang`` starts with ``en``), filled in.

    Values with a ``message(lang)`` method are said in the same language.

    Raises:
        KeyError: if the table has no such key (a bug: the tests check every raise site).
    """
    english = (lang or "").lower().startswith("en")
    text = ERROR_MESSAGES[key][1 if english else 0]
    values = {
        k: (v.message("en" if english else "zh-CN") if isinstance(v, _Bilingual) else v)
        for k, v in params.items()
    }
    # a parser's own English words (a reason, a detail) said again in Chinese by kind
    return text.format(**localize(values, lang))


#: key -> (zh-CN, en).
ERROR_MESSAGES: dict[str, tuple[str, str]] = {
    "division_table_empty": ("{file}：行政区划表为空", "{file}: the division table is empty"),
    "division_bad_header": (
        "{file}:1：不是行政区划表：表头应为 code,name,level,start,end（或 areacodes 的 result.csv "
        "表头 代码,...,启用时间,变更/弃用时间）",
        "{file}:1: not a division table: the header must be code,name,level,start,end (or the "
        "代码,...,启用时间,变更/弃用时间 header of areacodes' result.csv)",
    ),
    "division_bad_row": (
        "{file}:{line}：行政区划行 {row!r} 无效（{reason}）",
        "{file}:{line}: bad division row {row!r} ({reason})",
    ),
    "division_unreadable": (
        "{file}：无法读取行政区划表（{reason}）",
        "{file}: cannot read the division table ({reason})",
    ),
    "division_not_utf8": (
        "{file}：行政区划表不是 UTF-8 编码",
        "{file}: the division table is not UTF-8",
    ),
    "config_not_utf8": (
        "无法读取配置文件 {file}：不是 UTF-8 编码（第 {byte} 个字节为 {value!r}）；请另存为 UTF-8",
        "cannot read configuration {file}: it is not UTF-8 (byte {byte} is {value!r}); save it as "
        "UTF-8",
    ),
    "config_unreadable": (
        "无法读取配置文件 {file}：{reason}",
        "cannot read configuration {file}: {reason}",
    ),
    "config_not_table": (
        "{file}：[tool.smartstd] 必须是一个表",
        "{file}: [tool.smartstd] must be a table",
    ),
    "config_unknown_keys": (
        "{file}：未知的配置项 {keys}；可用配置项：{known}",
        "{file}: unknown key(s) {keys}; known: {known}",
    ),
    "config_bad_jobs": (
        "{file}：jobs 必须是 1 到 {most} 之间的整数，而不是 {value!r}",
        "{file}: jobs must be an integer from 1 to {most}, not {value!r}",
    ),
    "config_bad_severity": (
        '{file}：[severity] 必须是 CODE = "error|warning|info" 形式的表',
        '{file}: [severity] must be a table of CODE = "error|warning|info"',
    ),
    "config_bad_params": (
        "{file}：应为 [params.CODE] 形式的表",
        "{file}: [params.CODE] tables expected",
    ),
    "config_unknown_limits": (
        "{file}：未知的限制项 {limits}；可用限制项：{known}",
        "{file}: unknown limit(s) {limits}; known: {known}",
    ),
    "config_bad_value": ("{file}：取值无效：{reason}", "{file}: {reason}"),
    "config_no_rule": ("{file}：没有规则 {code}", "{file}: no rule {code}"),
    "config_unknown_params": (
        "{file}：规则 {code} 没有参数 {params}；可用参数：{known}",
        "{file}: rule {code} has no parameter(s) {params}; known: {known}",
    ),
    "config_rule_takes_no_params": (
        "{file}：规则 {code} 没有参数 {params}；该规则不接受参数",
        "{file}: rule {code} has no parameter(s) {params}; it takes none",
    ),
    "config_not_string": ("{file}：{name} 必须是字符串", "{file}: {name} must be a string"),
    "config_not_string_list": (
        "{file}：{name} 必须是字符串列表",
        "{file}: {name} must be a list of strings",
    ),
    "config_too_deep": (
        "无法读取配置文件 {file}：表或数组嵌套过深；请去掉多余的嵌套",
        "cannot read configuration {file}: tables or arrays nest too deeply; remove the nesting",
    ),
    "config_bad_choice": (
        "{file}：{name} 必须是 {choices} 之一，而不是 {value!r}",
        "{file}: {name} must be one of {choices}, not {value!r}",
    ),
    "config_bad_severity_value": (
        "{file}：[severity] 中 {code} 必须是 {choices} 之一，而不是 {value!r}",
        "{file}: [severity] {code} must be one of {choices}, not {value!r}",
    ),
    "config_limits_not_table": (
        "{file}：[limits] 必须是表（如 [limits] 下一行写 max_depth = 64），而不是 {value!r}",
        "{file}: [limits] must be a table (such as max_depth = 64 on a line under [limits]), "
        "not {value!r}",
    ),
    "config_bad_rule_pattern": (
        "{file}：{name} 中的 {pattern!r} 不匹配任何规则；请写规则代码（SC202）、代码前缀（SC2）、"
        "规则名称或 ALL",
        "{file}: {name}: no rule matches {pattern!r}; write a code (SC202), a prefix (SC2), a "
        "rule name or ALL",
    ),
    "config_bad_param": (
        "{file}：[params.{code}] 中 {name} {reason}",
        "{file}: [params.{code}] {name} {reason}",
    ),
    "not_a_version": (
        "不是版本号（应为 MAJOR.MINOR.PATCH[-PRE]）：{text!r}",
        "not a version (MAJOR.MINOR.PATCH[-PRE]): {text!r}",
    ),
    "example_missing": (
        "此安装中缺少自带的示例数据；请重新安装 smartstd",
        "the bundled example is missing from this installation; reinstall smartstd",
    ),
    "example_is_file": ("{out} 是文件；请指定一个文件夹", "{out} is a file"),
    "unknown_target_version": (
        "未知的目标版本 {to}（已知版本：{known}）",
        "unknown target version {to} (known: {known})",
    ),
    "no_such_file": ("文件不存在：{path}", "no such file: {path}"),
    "out_is_input": ("--out 不能与输入文件相同", "--out must differ from the input file"),
    "no_migration": (
        "没有从 SCDS {source} 到 {target} 的迁移步骤（已知版本：{known}）",
        "no migration from SCDS {source} to {target} (known versions: {known})",
    ),
    "dask_missing": (
        "使用 --engine dask 需要安装 dask.distributed：pip install 'smartstd[cluster]'",
        "--engine dask needs dask.distributed: pip install 'smartstd[cluster]'",
    ),
    "scheduler_unreachable": (
        "无法连接 Dask 调度器 {address}：{error}",
        "cannot reach the Dask scheduler at {address}: {error}",
    ),
    "no_data_files": (
        "文件夹 {folder} 中没有数据文件（{suffixes}）",
        "no data files ({suffixes}) in folder {folder}",
    ),
    "no_such_path": ("文件或文件夹不存在：{path}", "no such file or folder: {path}"),
    "no_glob_match": (
        "没有与通配模式 {pattern} 匹配的文件或文件夹（* 匹配一层中的任意名称，** 匹配任意多层）",
        "no file or folder matches the pattern {pattern} (* matches any name in one folder,"
        " ** any number of folders)",
    ),
    "fsspec_missing": (
        "{url} 需要通过 fsspec 读取，但未安装 fsspec：pip install 'smartstd[cloud]'"
        "（以及该协议自己的包，例如 s3fs）",
        "{url} is read through fsspec, which is not installed: pip install 'smartstd[cloud]'"
        " (and the package of its protocol, such as s3fs)",
    ),
    "fsspec_protocol_missing": (
        "{url}：未安装 {protocol}:// 协议所需的包（{error}）",
        "{url}: the package for {protocol}:// is not installed ({error})",
    ),
    "fsspec_protocol_unknown": (
        "{url}：fsspec 不认识协议 {protocol}://（{error}）",
        "{url}: fsspec knows no protocol {protocol}:// ({error})",
    ),
    "cannot_read": ("无法读取 {file}：{reason}", "cannot read {file}: {reason}"),
    "example_exists": (
        "{out} 已存在且不为空；请换一个文件夹，或加 --force 覆盖",
        "{out} exists and is not empty; choose another folder or add --force",
    ),
    "assess_bad_by": (
        "--by {dim}：不是可用的分组维度；请使用 {known} 之一",
        "--by {dim}: not a breakdown; use one of {known}",
    ),
    "assess_no_pilot": (
        "--pilot {pilot}：数据中没有这个试点（现有试点：{known}）",
        "--pilot {pilot}: no such Pilot in the data (pilots: {known})",
    ),
    "indicators_invalid": (
        "{file}：指标定义 {pointer} 处有误：{reason}（参见模式包中的 indicator.schema.json）",
        "{file}: indicator definitions at {pointer}: {reason} (see indicator.schema.json in the "
        "schema bundle)",
    ),
    "indicator_twice": (
        "{file}：/indicators/{i}/code：指标 {code} 重复定义",
        "{file}: /indicators/{i}/code: {code} is defined twice",
    ),
    "indicators_unreadable": (
        "{file}：无法读取指标定义：{reason}",
        "{file}: cannot read indicator definitions: {reason}",
    ),
    "indicators_unparsable": (
        "{file}:{line}:{column}：无法读取指标定义：{reason}",
        "{file}:{line}:{column}: cannot read indicator definitions: {reason}",
    ),
    "indicator_core_code": (
        "{file}：/indicators/{i}/code：{code} 已有定义；本地指标需要带命名空间的代码（例如 "
        "gz:{code}）",
        "{file}: /indicators/{i}/code: {code} is already defined; a local indicator needs its own "
        "namespaced code (e.g. gz:{code})",
    ),
    "indicator_local_standard": (
        "{file}：/indicators/{i}/standard：本地指标不在标准的代码表中；请删去 standard",
        "{file}: /indicators/{i}/standard: a local indicator is not in the standard's code list; "
        "leave standard out",
    ),
    "period_bad_date": (
        "--period：{text!r} 不是有效日期（{what}）",
        "--period: {text!r} is not a valid date ({what})",
    ),
    "period_no_month": (
        "--period：{text!r}：没有 {month} 月",
        "--period: {text!r}: no month {month}",
    ),
    "period_bad_range": (
        "--period：{text!r}：时间范围应为两个日期，例如 2026-04-01..2026-06-30",
        "--period: {text!r}: a range is two dates, e.g. 2026-04-01..2026-06-30",
    ),
    "period_reversed": (
        "--period：{text!r} 的结束早于开始",
        "--period: {text!r} ends before it starts",
    ),
    "period_unknown": (
        "--period：{text!r} 不是时间段；请写季度（2026Q2）、月份（2026-05）、年份（2026）、"
        "日期或日期范围（2026-04-01..2026-06-30）",
        "--period: {text!r} is not a period; write a quarter (2026Q2), a month (2026-05), a year "
        "(2026), a day or a range (2026-04-01..2026-06-30)",
    ),
    "unknown_check_option": ("未知的检查选项 {name!r}", "unknown check option {name!r}"),
    "waivers_unreadable": (
        "无法读取豁免文件 {file}：{reason}",
        "cannot read waivers file {file}: {reason}",
    ),
    "waivers_not_list": ("{file}：'waivers' 下应为列表", "{file}: expected a list under 'waivers'"),
    "waiver_not_mapping": (
        "{file}：第 {n} 条豁免：应为映射（键值对）",
        "{file}: waiver #{n}: expected a mapping",
    ),
    "waiver_bad_code": (
        "{file}：第 {n} 条豁免：'code' 必须是规则代码，例如 SC408",
        "{file}: waiver #{n}: 'code' must be a rule code such as SC408",
    ),
    "waiver_needs_reason": (
        "{file}：第 {n} 条豁免：必须填写 'reason'（理由）",
        "{file}: waiver #{n}: 'reason' is required",
    ),
    "waiver_bad_expires": (
        "{file}：第 {n} 条豁免：'expires' 必须是日期（YYYY-MM-DD）",
        "{file}: waiver #{n}: 'expires' must be a date (YYYY-MM-DD)",
    ),
    "waiver_needs_expires": (
        "{file}：第 {n} 条豁免：必须填写 'expires'（到期日，YYYY-MM-DD）",
        "{file}: waiver #{n}: 'expires' (YYYY-MM-DD) is required",
    ),
    "waiver_needs_target": (
        "{file}：第 {n} 条豁免：请给出 'pointer' 或 'entity_id'",
        "{file}: waiver #{n}: give 'pointer' or 'entity_id'",
    ),
    "waiver_bad_pointer": (
        "{file}：第 {n} 条豁免：'pointer' 必须是 JSON Pointer，例如 /entities/3/name",
        "{file}: waiver #{n}: 'pointer' must be a JSON Pointer such as /entities/3/name",
    ),
    "waiver_unknown_keys": (
        "{file}：第 {n} 条豁免有未知的键 {keys}；可用的键：{known}",
        "{file}: waiver #{n}: unknown key(s) {keys}; known: {known}",
    ),
    "waiver_no_rule": (
        "{file}：第 {n} 条豁免：没有规则 {code!r}；请用 smartstd rules 查看全部规则代码",
        "{file}: waiver #{n}: no rule {code!r}; smartstd rules lists the codes",
    ),
    "waiver_bad_entity_id": (
        "{file}：第 {n} 条豁免：'entity_id' 必须是一个实体标识（字符串）",
        "{file}: waiver #{n}: 'entity_id' must be one entity id (a string)",
    ),
    "waiver_bad_file": (
        "{file}：第 {n} 条豁免：'file' 必须是文件名或路径（字符串）",
        "{file}: waiver #{n}: 'file' must be a file name or path (a string)",
    ),
    "assertion_not_ids": (
        "{where}：{name!r} 必须是一个 id 或 id 列表",
        "{where}: {name!r} must be an id or a list of ids",
    ),
    "assertion_bad_on": (
        "{where}：'on' 必须是日期（YYYY-MM-DD）",
        "{where}: 'on' must be a date (YYYY-MM-DD)",
    ),
    "assertion_not_mapping": ("{where}：应为映射（键值对）", "{where}: expected a mapping"),
    "assertion_needs_name": ("{where}：必须填写 'name'（名称）", "{where}: 'name' is required"),
    "assertion_one_kind": (
        "{where}：{kinds} 中必须且只能给出一项",
        "{where}: give exactly one of {kinds}",
    ),
    "assertion_unknown_keys": ("{where}：未知的键 {keys}", "{where}: unknown key(s) {keys}"),
    "assertion_kind_not_mapping": (
        "{where}：{kind!r} 必须是映射（键值对）",
        "{where}: {kind!r} must be a mapping",
    ),
    "assertion_kind_needs": ("{where}：{kind!r} 缺少 {fields}", "{where}: {kind!r} needs {fields}"),
    "assertion_kind_extra": (
        "{where}：{kind!r} 不接受 {fields}",
        "{where}: {kind!r} does not take {fields}",
    ),
    "assertion_not_id": ("{where}：'{name}' 必须是一个 id", "{where}: '{name}' must be an id"),
    "assertion_not_one_of": (
        "{where}：'{name}' 必须是 {known} 之一",
        "{where}: '{name}' must be one of {known}",
    ),
    "assertions_not_list": (
        "{file}：'assertions' 必须是列表",
        "{file}: 'assertions' must be a list",
    ),
    "assertions_unreadable": (
        "无法读取断言文件 {file}：{reason}",
        "cannot read assertions file {file}: {reason}",
    ),
    "unknown_convert_option": ("未知的转换选项 {name!r}", "unknown conversion option {name!r}"),
    "unknown_source_format": (
        "未知的源格式 {name!r}；可用格式：{known}",
        "unknown source format {name!r}; one of {known}",
    ),
    "xml_refused": (
        "{file}:{line}：拒绝读取该 XML：它声明了 {what}",
        "{file}:{line}: XML refused: it declares {what}",
    ),
    "not_open311_services": (
        "{file}：不是 Open311 服务列表：{reason}",
        "{file}: not an Open311 service list: {reason}",
    ),
    "not_a_dataset": (
        "{file}：不是 SCDS 数据集：{reason}",
        "{file}: not an SCDS dataset: {reason}",
    ),
    "dataset_no_entities": (
        "{file}：不是 SCDS 数据集（没有 entities）",
        "{file}: not an SCDS dataset (no entities)",
    ),
    "export_not_finite": (
        "{file}：第 {index} 条实体（{id}）在 {pointer} 处是 {value}，JSON 不能表示它；"
        "请先修正数据（smartstd check 会报告它），再导出",
        "{file}: entity {index} ({id}) holds {value} at {pointer}, which JSON cannot hold; "
        "fix the data first (smartstd check reports it), then export",
    ),
    "unknown_export_format": (
        "未知的导出格式 {name!r}；可用格式：{known}",
        "unknown export format {name!r}; one of {known}",
    ),
    "crosswalk_invalid": (
        "{file}#{pointer}：不是有效的对照表：{reason}",
        "{file}#{pointer}: not a valid crosswalk: {reason}",
    ),
    "crosswalk_unknown_list": (
        "{file}#/tables/{table}/list：未知的代码表 {name!r}（已知代码表：{known}）",
        "{file}#/tables/{table}/list: unknown code list {name!r} (known: {known})",
    ),
    "crosswalk_not_a_code": (
        "{file}#/tables/{table}/{part}/{source}：{value!r} 不是代码表 {name} 中的代码（{known}）",
        "{file}#/tables/{table}/{part}/{source}: {value!r} is not a code of {name} ({known})",
    ),
    "crosswalk_bad_otherwise": (
        "{file}#/tables/{table}/otherwise：{value!r} 不是代码表 {name} 中的代码",
        "{file}#/tables/{table}/otherwise: {value!r} is not a code of {name}",
    ),
    "crosswalk_unknown_column": (
        "{file}#/columns/{type}/{header}：{value!r} 不是 {type} 的列（字段键，如 {known}）",
        "{file}#/columns/{type}/{header}: {value!r} is no column of {type} (e.g. {known})",
    ),
    "crosswalk_missing": ("{file}：对照表文件不存在", "{file}: no such crosswalk file"),
    "crosswalk_not_utf8": (
        "{file}：不是 UTF-8 编码（第 {byte} 个字节）",
        "{file}: not UTF-8 (byte {byte})",
    ),
    "crosswalk_unreadable": ("{file}：无法读取对照表：{reason}", "{file}: {reason}"),
    "crosswalk_not_yaml": (
        "{file}：不是 YAML 或 JSON：{reason}",
        "{file}: not YAML or JSON: {reason}",
    ),
    "shapely_missing": (
        "将记录归入社区需要 shapely：pip install 'smartstd[convert]'",
        "placing records in communities needs shapely: pip install 'smartstd[convert]'",
    ),
    "reference_no_boundary": (
        "{file}：没有带边界的社区（Community），无法归入记录",
        "{file}: no Community with a boundary to place records in",
    ),
    "reference_missing": ("{file}：参考数据集不存在", "{file}: no such reference dataset"),
    "reference_unreadable": (
        "{file}：无法读取参考数据集：{reason}",
        "{file}: cannot read the reference dataset: {reason}",
    ),
    "reference_unparsable": (
        "{file}：参考数据集无法解析：{reason}",
        "{file}: the reference dataset does not parse: {reason}",
    ),
    "openpyxl_missing_read": (
        "读取 Excel 工作簿需要 openpyxl：pip install 'smartstd[convert]'",
        "reading workbooks needs openpyxl: pip install 'smartstd[convert]'",
    ),
    "csv_needs_type": (
        "{file}：请说明该 CSV 中是哪类实体（--type Resident），"
        "或按实体类型命名文件（Residents.csv）",
        "{file}: say which entity type the CSV holds (--type Resident), or name the file after it "
        "(Residents.csv)",
    ),
    "template_unknown_types": (
        "未知的实体类型 {types}；已知类型：{known}",
        "unknown entity type(s) {types}; known: {known}",
    ),
    "openpyxl_missing_write": (
        "生成模板需要 openpyxl：pip install 'smartstd[convert]'",
        "writing templates needs openpyxl: pip install 'smartstd[convert]'",
    ),
    "bundle_sums_unreadable": (
        "模式包 {folder}：无法读取 SHA256SUMS：{reason}",
        "bundle {folder}: cannot read SHA256SUMS: {reason}",
    ),
    "bundle_file_missing": (
        "模式包 {folder}：{name} 列在 SHA256SUMS 中，但文件不存在",
        "bundle {folder}: {name} is listed in SHA256SUMS but missing",
    ),
    "bundle_checksum": (
        "模式包 {folder}：{name} 与其 SHA-256 校验和不符",
        "bundle {folder}: {name} does not match its SHA-256 checksum",
    ),
    "file_finding": ("{where}：无法读取（{code}）：{finding}", "{where}: {code} {finding}"),
    "input_over_limit": (
        "{where}：拒绝读取（SC109）：{finding}{advice}",
        "{where}: refused (SC109): {finding}{advice}",
    ),
    "not_schema_or_profile": (
        "{file}：既不是 JSON Schema（对象或布尔值），也不是地方配置",
        "{file}: neither a JSON Schema (an object or a boolean) nor a profile",
    ),
    "bundle_file_unreadable": (
        "模式包 {folder}：无法读取 {name}：{reason}",
        "bundle {folder}: cannot read {name}: {reason}",
    ),
    "bundle_no_schemas": (
        "模式包 {folder}：没有 *.schema.json 文件",
        "bundle {folder}: no *.schema.json files",
    ),
    "no_bundle": (
        "不是模式包文件夹、地方配置文件或已发布的版本：{source}",
        "no bundle folder, profile file or published version: {source}",
    ),
    "unknown_compat_mode": (
        "未知的兼容模式 {mode!r}（可选：{known}）",
        "unknown compatibility mode {mode!r} (choose from {known})",
    ),
    "profiles_clash": (
        "地方配置 {first} 与 {second} 不能同时使用",
        "profiles {first} and {second} cannot apply together",
    ),
    "profile_invalid": (
        "{file}：地方配置无效（{n} 个问题）：\n{problems}",
        "{file}: invalid profile ({n} problem(s)):\n{problems}",
    ),
    "profile_unreadable": (
        "无法读取地方配置 {file}：{reason}",
        "cannot read profile {file}: {reason}",
    ),
    "profile_unparsable": (
        "{file}:{line}:{column}：无法读取地方配置：{finding}",
        "{file}:{line}:{column}: cannot read profile: {finding}",
    ),
    "profile_not_found": (
        "找不到地方配置 {ref}（已查找内置配置和 {where}）",
        "profile {ref} not found (looked in the built-in profiles and in {where})",
    ),
    "no_profile_file": ("地方配置文件不存在：{path}", "no such profile file: {path}"),
    "profile_cycle": (
        "{file}：profile.extends：{chain} 构成循环",
        "{file}: profile.extends: {chain} is a cycle",
    ),
    "profile_bad_option": (
        "--profile {item!r}：既不是配置文件，也不是 名称@版本",
        "--profile {item!r}: neither a profile file nor name@version",
    ),
    "dataset_unloadable": (
        "无法从 {files} 加载数据集：{n} 个问题",
        "cannot load a dataset from {files}: {n} problem(s)",
    ),
    # ---- the Python API: arguments that cannot be used (identifiers, generate, testing, ...)
    "not_a_division_code": (
        "不是行政区划代码（{problem}）：{code!r}；GB/T 2260 代码是以省级代码开头的六位数字，"
        "例如 440113",
        "not a division code ({problem}): {code!r}; a GB/T 2260 code is six digits that start "
        "with a province code, e.g. 440113",
    ),
    "division_code_not_six_digits": (
        "代码 {code!r} 不是六位数字",
        "code {code!r} is not six digits",
    ),
    "credit_code_bad_first17": (
        "应为 17 个取自 {alphabet!r} 的字符，实际为 {value!r}",
        "expected 17 characters of {alphabet!r}, got {value!r}",
    ),
    "not_credit_code_start": (
        "不是统一社会信用代码的前 17 位（{problem}）：{value!r}；请检查登记管理部门码、"
        "机构类别码和行政区划码",
        "not the start of a credit code ({problem}): {value!r}; check the authority, the kind "
        "of body and the division code",
    ),
    "id_number_bad_first17": (
        "应为公民身份号码的前 17 位（17 个半角数字）",
        "expected the first 17 digits of an identity number (17 ASCII digits)",
    ),
    "id_number_invalid": (
        "不是有效的公民身份号码（{problem}）",
        "not a valid identity number ({problem})",
    ),
    "salt_empty": (
        "盐值不能为空；请传入一个保密的字符串",
        "the salt must not be empty; pass a secret string",
    ),
    "not_a_mobile": (
        "不是中国大陆手机号码（应为 1[3-9] 开头的 11 位数字）",
        "not a mainland mobile number (11 digits starting 1[3-9])",
    ),
    "pointer_no_slash": (
        "JSON 指针应以 '/' 开头：{ptr!r}（例如 /entities/3/name；整个文档为空字符串）",
        "a JSON Pointer starts with '/': {ptr!r} (e.g. /entities/3/name; \"\" for the whole "
        "document)",
    ),
    "not_a_core_version": (
        "不是版本号（应为 MAJOR.MINOR.PATCH，例如 1.1.0）：{text!r}",
        "not a version (MAJOR.MINOR.PATCH): {text!r}",
    ),
    "version_built_in": (
        "版本 {version} 为内置版本，不能替换；请另用一个版本号注册",
        "version {version} is built in and cannot be replaced; register another version number",
    ),
    "unknown_version": (
        "未知的版本 {version}；请先用 smartstd.versions.register_version 注册（已知版本：{known}）",
        "unknown version {version}; register it first with smartstd.versions.register_version "
        "(known: {known})",
    ),
    "step_version_unregistered": (
        "请先注册版本 {version}（smartstd.versions.register_version）",
        "register version {version} first (smartstd.versions.register_version)",
    ),
    "step_exists": (
        "迁移步骤 {name} 已经注册；同一对版本之间只能有一个步骤",
        "a step {name} is already registered; there is one step between two versions",
    ),
    "unknown_custom_operation": (
        "未知的自定义迁移操作 {name!r}（已知操作：{known}）",
        "unknown custom migration operation {name!r} (known: {known})",
    ),
    "unknown_migration_operation": (
        "未知的迁移操作 {op!r}；可用操作：rename、drop、recode、custom",
        "unknown migration operation {op!r}; use rename, drop, recode or custom",
    ),
    "step_not_data": (
        "迁移步骤 {name}：{op} 不能发布为数据（只有 rename、drop、recode 和已登记名称的 custom "
        "可以）",
        "step {name}: {op} cannot be published as data (only rename, drop, recode and a named "
        "custom operation can)",
    ),
    "unknown_rule": (
        "没有规则 {code!r}；请用 smartstd rules 查看全部规则",
        "no rule {code!r}; smartstd rules lists them all",
    ),
    "rule_pattern_unmatched": (
        "没有与 {pattern!r} 匹配的规则；请写规则代码（SC202）、代码前缀（SC2）、规则名称或 ALL",
        "no rule matches {pattern!r}; write a code (SC202), a prefix (SC2), a rule name or ALL",
    ),
    "unknown_report_format": (
        "未知的报告格式 {name!r}；可用格式：{known}",
        "unknown report format {name!r}; known formats: {known}",
    ),
    "max_findings_negative": (
        "max_findings 必须不小于 0，而不是 {value}",
        "max_findings must be >= 0, not {value}",
    ),
    "bad_limit": (
        "Limits.{name} 必须是不小于 {least} 的整数，而不是 {value!r}",
        "Limits.{name} must be an integer >= {least}, not {value!r}",
    ),
    "limit_too_large": (
        "Limits.{name} 不能大于 {most}，而不是 {value!r}",
        "Limits.{name} must be at most {most}, not {value!r}",
    ),
    "bad_jobs": (
        "jobs（工作进程数）必须是 1 到 {most} 之间的整数，而不是 {value!r}",
        "jobs (worker processes) must be an integer from 1 to {most}, not {value!r}",
    ),
    "param_no_rule": (
        "参数给了规则 {code!r}，但没有这条规则；请用 smartstd rules 查看全部规则",
        "parameters given for {code!r}, which is no rule; smartstd rules lists them all",
    ),
    "param_unknown": (
        "规则 {code} 没有参数 {name!r}；可用参数：{known}",
        "rule {code} has no parameter {name!r}; known: {known}",
    ),
    "bad_param": (
        "规则 {code} 的参数 {name} {reason}",
        "parameter {name} of rule {code} {reason}",
    ),
    "no_models_for_version": (
        "本软件包没有 SCDS {version} 的模型（现有版本：{known}）",
        "no models for SCDS {version} (this package has {known})",
    ),
    "unknown_role": (
        "未知的角色 {role!r}；可用角色：{known}",
        "unknown role {role!r}; one of {known}",
    ),
    "raci_too_big": (
        "RACI 矩阵将有 {rows:,} 个领域 × {columns:,} 个组织 = {cells:,} 个单元格，"
        "超过上限 {maximum:,}，未生成。请用 --domain ID 或 --organization ID（可重复；"
        "Python 中为 domains= 与 organizations=）只取所需部分，或用 --max-cells"
        "（smartstd.toml 的 [limits] max_table_cells）调高上限",
        "the RACI matrix would have {rows:,} domains × {columns:,} organisations = {cells:,} "
        "cells, over the limit of {maximum:,}, so it was not built: take the part you need with "
        "--domain ID or --organization ID (repeatable; in Python, domains= and organizations=), "
        "or raise the limit with --max-cells ([limits] max_table_cells in smartstd.toml)",
    ),
    "duties_too_big": (
        "{organizations:,} 个组织的责任清单将有 {cells:,} 项（角色、收益、义务、数据授权、协议及其"
        "协议方），超过上限 {maximum:,}，未生成。请用 --organization ID 或 --domain ID（可重复；"
        "Python 中为 organizations= 与 domains=）只取所需部分，或用 --max-cells（smartstd.toml "
        "的 [limits] max_table_cells）调高上限",
        "the duty lists of {organizations:,} organisations would have {cells:,} entries (roles, "
        "benefits, obligations, grants, agreements and their parties), over the limit of "
        "{maximum:,}, so they were not built: take the part you need with --organization ID or "
        "--domain ID (repeatable; in Python, organizations= and domains=), or raise the limit "
        "with --max-cells ([limits] max_table_cells in smartstd.toml)",
    ),
    "graph_unknown_ids": (
        "章程中没有{what} {ids}（共 {n} 个，例如：{known}）",
        "no {what} {ids} in the charter ({n} known, such as: {known})",
    ),
    "graph_not_built_by_smartstd": (
        "这个图（{kind}）不是由 smartstd.graph.build_graph 构建的；请传入数据集、章程，"
        "或 build_graph 的结果",
        "this graph ({kind}) was not built by smartstd.graph.build_graph; pass the dataset, the "
        "charter, or what build_graph returns",
    ),
    "not_a_guangzhou_district": (
        "division_code 必须是广州市的区，而不是 {code!r}；可用代码：{known}",
        "division_code must be one of Guangzhou's districts, not {code!r}: {known}",
    ),
    "unknown_scale": (
        "未知的规模 {scale!r}；可用规模：{known}",
        "unknown scale {scale!r}; expected one of {known}",
    ),
    "unknown_counts": (
        "未知的数量名称：{names}；可用名称：{known}",
        "unknown count(s): {names}; known: {known}",
    ),
    "counts_not_count": (
        "Counts.{name} 必须是不小于 0 的整数，而不是 {value!r}",
        "Counts.{name} must be an integer >= 0, not {value!r}",
    ),
    "counts_no_community": (
        "Counts.communities 至少为 1，而不是 {value}",
        "Counts.communities must be at least 1, not {value}",
    ),
    "counts_households_over_dwellings": (
        "Counts.households（{households}）不能超过 Counts.dwellings（{dwellings}）：每套住房一户",
        "Counts.households ({households}) cannot exceed Counts.dwellings ({dwellings}) (one "
        "household a dwelling)",
    ),
    "counts_residents_range": (
        "Counts.residents（{residents}）必须在户数（{households}）与户数的 6 倍（{most}）之间",
        "Counts.residents ({residents}) must be between households ({households}) and 6 x "
        "households ({most})",
    ),
    "counts_no_building": (
        "有住房（{dwellings} 套）就至少需要一栋楼：请把 Counts.buildings_per_community "
        "设为 1 或以上",
        "dwellings ({dwellings}) need at least one building: set "
        "Counts.buildings_per_community to 1 or more",
    ),
    "generated_at_naive": (
        "generated_at 必须带时区偏移（例如 +08:00），而不是 {value}",
        "generated_at must carry a time zone offset (e.g. +08:00), not {value}",
    ),
    "bad_charter_option": (
        "charter 必须是 True、False、'include'、'exclude' 或 'only'，而不是 {value!r}",
        "charter must be True, False, 'include', 'exclude' or 'only', not {value!r}",
    ),
    "unknown_classification": (
        "未知的密级 {value!r}；可用密级：public、internal、restricted",
        "unknown classification {value!r}; use public, internal or restricted",
    ),
    "yaml_too_big": (
        "YAML 只用于小规模输出（至多 {most} 个实体）；请改用 json 或 ndjson 格式",
        "YAML output is for small outputs (at most {most} entities); write json or ndjson instead",
    ),
    "unknown_generate_format": (
        "未知的格式 {fmt!r}；可用格式：json、ndjson、yaml",
        "unknown format {fmt!r}; expected json, ndjson or yaml",
    ),
    "no_envelope": (
        "没有信封：记录为空；第一条记录应为数据集信封",
        "no envelope: the records are empty; the first record must be the envelope",
    ),
    "example_option_value": (
        "示例选项不能取值 {value!r}（只能是 JSON 的布尔值、数字、字符串、列表或对象）",
        "an example option cannot hold {value!r} (only JSON booleans, numbers, strings, lists "
        "and objects)",
    ),
    "example_bad_side": (
        "示例的一侧只能是 'bad' 或 'good'，而不是 {which!r}",
        "an example's side is 'bad' or 'good', not {which!r}",
    ),
    "example_bad_files": (
        "{code}：示例的文件名必须是不含路径、不以 . 开头的普通名称，且不能是 {taken}：{names}",
        "{code}: an example's files are plain names (no folder, no leading dot, none of {taken}), "
        "not {names}",
    ),
    "example_bad_side_keys": (
        "{code}：{which} 示例只接受这些键：{known}",
        "{code}: the {which} example takes only {known}",
    ),
    "example_bad_keys": (
        "{code}：示例必须有 bad 和 good，可以有 {known}",
        "{code}: an example has bad and good, and may have {known}",
    ),
    "example_bad_options": (
        "{code}：示例选项只能是 {known}",
        "{code}: example options are {known}",
    ),
    "bad_dataset_format": (
        "fmt 必须是 json 或 ndjson，而不是 {fmt!r}",
        "fmt must be json or ndjson, not {fmt!r}",
    ),
    "cannot_generate_schema": (
        "smartstd.testing 无法按该 JSON Schema 生成取值：{schema!r}",
        "smartstd.testing cannot generate from the JSON Schema {schema!r}",
    ),
    "cannot_generate_type": (
        "smartstd.testing 无法生成类型 {tp!r} 的取值；请给该字段一个 JSON Schema "
        "（json_schema_extra）",
        "smartstd.testing cannot generate values of type {tp!r}; give the field a JSON Schema "
        "(json_schema_extra)",
    ),
    "unknown_entity_type": (
        "未知的实体类型 {name!r}；可用类型：{known}",
        "unknown entity type {name!r}; expected one of {known}",
    ),
    "not_an_entity_type": (
        '{value!r} 不是本标准的实体类型；请传入类型名称（如 "Community"）或 ENTITY_TYPES 中的类',
        '{value!r} is not an entity type of the standard; pass a type name ("Community") or a '
        "class of ENTITY_TYPES",
    ),
    "strategy_needs_types": (
        "{function}() 至少需要一种实体类型",
        "{function}() needs at least one entity type",
    ),
    "bad_level": (
        "level 必须是 L1、L2 或 L3，而不是 {level!r}",
        "level must be L1, L2 or L3, not {level!r}",
    ),
}
