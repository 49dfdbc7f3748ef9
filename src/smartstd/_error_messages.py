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
    return text.format(**values)


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
    "config_bad_jobs": ("{file}：jobs 必须是正整数", "{file}: jobs must be a positive integer"),
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
}
