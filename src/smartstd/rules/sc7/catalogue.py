"""Catalogue entries SC7xx: versions and profiles (level L2)."""

from __future__ import annotations

from smartstd.rules.info import rule

RULES = (
    rule(
        "SC701",
        "unknown-profile",
        "error",
        "L2",
        ("未知的地方配置", "Unknown profile"),
        (
            "数据集声明的地方配置 {profile} 无法使用：{reason}",
            "The dataset names the profile {profile}, which cannot be used: {reason}",
        ),
        (
            "信封中的 profiles 声明数据遵循哪些地方配置（name@version）。"
            "检查时先在本库内置的配置中查找，再在数据文件所在文件夹及其上一级文件夹的"
            " *.yaml 配置文件（顶层有 profile: 键）中查找。找不到或配置本身无效时，"
            "数据声称遵守的要求无法检查。把配置文件放在数据旁边、用 --profile"
            " 指定，或改正名称与版本。",
            "The envelope's profiles say which local profiles (name@version) the data follows."
            " They are looked for among the library's built-in profiles, then among the *.yaml"
            " profile files (with a top-level profile: key) in the data files' folders and their"
            " parent folders. When one"
            " cannot be found, or is itself invalid, the requirements the data claims to meet"
            " cannot be checked. Put the profile file beside the data, name it with --profile,"
            " or correct its name and version.",
        ),
    ),
    rule(
        "SC702",
        "profile-constraint-violated",
        "error",
        "L2",
        ("不符合地方配置", "Profile constraint violated"),
        (
            "{field} 不满足地方配置 {profile} 的 {constraint} 要求"
            "（应为 {expected}，实际为 {value}）",
            "{field} breaks the {constraint} constraint of profile {profile}"
            " (expected {expected}, got {value})",
        ),
        (
            "地方配置在核心标准之上收紧要求：新增字段须符合其 JSON Schema，"
            "配置要求必填的字段须有值，收紧的取值范围、格式与坐标范围（bbox）"
            "须满足，使用配置前缀的扩展字段和扩展代码须在配置中声明（constraint"
            " 为 declared-field 或 declared-code，常见原因是拼写错误）。"
            "符合地方配置的数据一定符合核心标准。",
            "A profile tightens the core: its added fields must match their JSON Schema, the"
            " fields it makes required must have a value, its tighter bounds, patterns and"
            " coordinate bounding box (bbox) must hold, and extension fields and codes with the"
            " profile's prefix must be declared by it (constraint declared-field or"
            " declared-code; a typo is the usual cause). Data conformant to a profile is always"
            " conformant to the core.",
        ),
    ),
    rule(
        "SC703",
        "deprecated-field",
        "warning",
        "L2",
        ("使用了已弃用的字段", "Deprecated field"),
        (
            "{field} 自 {since} 起已弃用（替代：{replacement}；计划移除：{removal}）",
            "{field} is deprecated since {since} (use instead: {replacement};"
            " to be removed in: {removal})",
        ),
        (
            "标准的某个版本或地方配置可以弃用字段：字段仍然有效，但会在以后的版本中移除。"
            "请改用替代字段，以便平滑升级；smartstd migrate 会在版本升级时搬移这些值。",
            "A version of the standard or a profile may deprecate a field: it still validates,"
            " but a later version will remove it. Move to the replacement now so that upgrading"
            " is smooth; smartstd migrate carries such values when the version changes.",
        ),
    ),
    rule(
        "SC704",
        "older-version",
        "info",
        "L2",
        ("版本较旧", "Older version"),
        (
            "数据使用的 {subject} 版本 {version} 不是最新的（最新：{latest}）。升级：{command}",
            "The data uses {subject} {version}; the newest known is {latest}."
            " To upgrade: {command}",
        ),
        (
            "数据声明的标准版本（或地方配置版本）比本库所知的最新版本旧。"
            "数据仍按其声明的版本检查，这只是提示：用 smartstd migrate 迁移数据"
            "（不会静默丢失任何值），或在信封中引用配置的新版本。",
            "The data declares a version of the standard (or of a profile) older than the"
            " newest this library knows. It is still checked against the version it declares;"
            " this is a reminder: migrate the data with smartstd migrate (no value is lost"
            " silently), or name the profile's new version in the envelope.",
        ),
    ),
)
