"""The Chinese of ``smartstd --help``: commands, options, arguments, metavars and click's words.

English lives in the code (docstrings and ``help=``); this module holds only
the Chinese, looked up by :mod:`smartstd.cli.helptext`:

* :data:`COMMANDS`: a command's text by its path below ``smartstd``
  (``""`` is ``smartstd`` itself), paragraphs separated by a blank line; the
  first sentence (up to ``。``) is its line in the list of commands;
* :data:`TEXTS`: an option's or argument's help by its English text;
* :data:`METAVARS`: a metavar that is a word (``FILE``) by its English;
* :data:`CLICK`: click's own words (headings, the usage line, ``[default: x]``).

``tests/test_cli_help_catalogue.py`` fails when a command, option or argument
has no Chinese here, when an entry is no longer used, or when a Chinese text
names other options, arguments, codes or numbers than its English.

命令行帮助的中文文本。英文在代码中（文档字符串与 ``help=``），中文按命令路径或英文原文查找。
"""

from __future__ import annotations

__all__ = ["CLICK", "COMMANDS", "METAVARS", "TEXTS"]

#: command path -> its Chinese text.
COMMANDS: dict[str, str] = {
    "": (
        "smartstd：智慧社区数据标准（SCDS）工具。\n\n"
        "检查数据是否符合标准，查询并检查社区的治理章程，发布各版本的模式文件和本地配置，"
        "迁移数据，生成逼真的示例数据。"
    ),
    "assess": (
        "计算 PATHS 中数据的全部指标，评判试点目标，并写出评估报告。\n\n"
        "超出限额的输入（smartstd.toml 的 [limits]，与 `smartstd check` 相同）会被拒绝，"
        "并说明是哪项限额、在哪里超出以及如何放宽。\n\n"
        "退出码：0；加 --strict 时有目标未达成为 1；用法错误或输入超出限额为 2。"
    ),
    "check": (
        "检查 PATHS（文件或文件夹，合为一个数据集）是否符合标准。\n\n"
        "路径也可以是通过 fsspec 读取的 URL（s3://bucket/data.ndjson，或文件夹 "
        "s3://bucket/district/），需要 pip install 'smartstd[cloud]' 以及相应协议的包"
        "（s3fs、gcsfs、adlfs）。\n\n"
        "退出码：通过为 0，不通过为 1，用法错误为 2。"
    ),
    "info": ("把 PATHS 作为一个数据集加载并给出概况。\n\n数据无法加载时退出码为 1（并列出问题）。"),
    "rules": "列出全部规则，或解释一条规则（按代码，如 SC202，或按名称）。",
    "schema": "发布、检查和比较标准的 JSON Schema 模式文件。",
    "schema build": (
        "写出某一版本标准的完整、自包含的模式包。\n\n"
        "包括带 $id 的每个模式、index.json、codelists.json（中英双语）、rules.json（规则目录）、"
        "profile.schema.json、CHANGES.md 和 SHA256SUMS。不从网络获取任何内容：每个 $ref "
        "都指向本地。"
    ),
    "schema check": (
        "已提交的模式文件与模型不一致时失败（退出码 1）。\n\n"
        "不给 --dir 时，检查库中有模型的每个版本（schemas/1.0.0/、schemas/1.1.0/）。"
        "完整的模式包（由 ``schema build`` 生成）也会被检查：其索引、代码表、规则目录、"
        "本地配置元模式和校验和都必须一致。"
    ),
    "schema diff": (
        "比较两个模式包，并对每处变化分类。\n\n"
        "OLD 和 NEW 可以是模式包文件夹、已发布的版本（1.0.0）、本地配置文件（比较其生效的模式包），"
        "或两个 JSON Schema 文件（JSON 或 YAML，无论文件名如何都相互比较）。"
        "违反所要求的兼容模式，或 NEW 的版本号小于按 SemVer 这些变化所要求的版本号时，退出码为 1；"
        "文件无法读取时退出码为 2。"
    ),
    "schema export": "写出模式包（每种实体类型一个文件，以及信封、实体和数据集的模式）。",
    "generate": "生成一个逼真的广州社区数据集（有效且符合标准）。",
    "graph": "利益相关方—职责图：检查、问答、测试、比较和绘制治理章程。",
    "graph check": (
        "在 L3 等级检查 PATHS 中治理章程的角色边界（SC6xx）。\n\n"
        "显示 SC6xx 发现项，以及章程实体的读取、结构和引用问题。"
        "章程存在且没有错误时退出码为 0，否则为 1，用法错误为 2。"
    ),
    "graph diff": (
        "治理章程从 OLD 到 NEW 有哪些变化：访问路径、角色、权益和义务。\n\n"
        "不给 --on 时忽略日期。按 --fail-on 的策略（默认：有任何变化）退出码为 1，否则为 0。"
    ),
    "graph duties": (
        "责任清单：每个组织的角色、权益、义务、数据授权和协议。\n\n"
        "HTML 为一个自包含的页面（不从网络加载任何内容），街道办可以打印张贴。"
        "--domain 只保留这些领域中的角色（不给 --organization 时，也只保留在其中担任角色的组织）。"
        "条目多于 --max-cells 的清单在生成之前即被拒绝。"
        "退出码为 0；章程中没有所给的组织或领域时为 2。"
    ),
    "graph explain": (
        "某组织能否在某日为某目的对某类数据执行某项操作？原因是什么。\n\n"
        "可以时退出码为 0，不可以时为 1。"
    ),
    "graph export": "绘制职责图：Mermaid、Graphviz DOT、GraphML 或 JSON。",
    "graph raci": (
        "治理章程的 RACI 矩阵：领域 × 组织（A、R、R* 牵头、C、I）。\n\n"
        "单元格多于 --max-cells 的矩阵在生成之前即被拒绝；"
        "用 --domain 和 --organization 只取所需的部分。"
    ),
    "graph test": (
        "检查治理章程的断言（章程对自身的预期）；不成立的断言为 SC617 发现项。\n\n"
        "全部断言成立时退出码为 0，有断言不成立时为 1，断言格式错误或没有可测试的断言时为 2。"
    ),
    "graph who": (
        "某领域由谁负责审批、谁负责执行、征询谁、告知谁，以及原因。\n\n"
        "该领域有所问角色（未指定时为审批负责方）的担任者时退出码为 0，没有时为 1，"
        "领域未知时为 2。"
    ),
    "profile": "检查、生成本地配置（YAML 文件）并为其编写文档。",
    "profile build": "写出本地配置生效的模式包：应用了该配置的核心模式。",
    "profile check": (
        "校验本地配置：符合元模式，且没有放宽核心标准。\n\n"
        "FILES 为 YAML 文件或 name@version。有一个无效时退出码为 1。"
    ),
    "profile docs": "写出本地配置的 Markdown 文档（默认中英双语）。",
    "migrate": (
        "把数据集 PATH（JSON、YAML 或 NDJSON）迁移到 --to 所给的版本。\n\n"
        "扩展字段随之迁移。某一步无法迁移的值会连同其 JSON 指针列出，"
        "且不写出任何文件（退出码 1），除非给出 --accept-loss。"
        "超出输入限额（smartstd.toml 的 [limits]，与 `smartstd check` 相同）的文件不迁移"
        "（SC109，退出码 1）。"
    ),
    "example": (
        "把示例社区（广州市番禺区榕溪社区）写到 OUT，以便检查。\n\n"
        "包括 JSON 和 NDJSON 两种格式的数据、其治理章程和番禺区本地配置："
        "`smartstd example --out panyu && smartstd check panyu`。"
    ),
    "convert": (
        "把 SOURCE 转换为 SCDS 数据集。"
        "SOURCE 可以是工作簿、CSV、Open311、NGSI 或 GeoJSON 文件。\n\n"
        "每个推定的值都记在记录的 provenance.imputed 中，"
        "每个没有对应字段的源值都以其原名保留为扩展字段；无法保留的内容列在报告中。"
    ),
    "export": (
        "把数据集 DATA 写成 NGSI-LD、NGSI-v2、Open311 或 GeoJSON。"
        "DATA 为 SCDS 数据集（JSON、NDJSON 或 YAML）。\n\n"
        "作为扩展字段保留的源值（fiware:...、open311:...）按原名写回；"
        "Open311 没有对应字段的内容放入每个诉求的 extended_attributes。"
        "GeoJSON：每条有几何形状的记录一个 Feature，其他字段作为属性。"
    ),
    "template": (
        "写出待填写的工作簿，每种实体类型 TYPE 一个工作表。TYPE 如 Resident Building ...。\n\n"
        "表头为中英双语，代码列带有两种语言标签的下拉列表，第一个工作表说明如何填写。"
        "填好后用 smartstd convert FILE --from xlsx 转换回来。"
    ),
}

#: an option's or argument's English help -> its Chinese.
TEXTS: dict[str, str] = {
    # click's own options
    "Show the version and exit.": "显示版本号并退出。",
    "Show this message and exit.": "显示本帮助并退出。",
    # the groups' --lang
    "Language of help, usage errors and the commands' output (default from the locale).": (
        "帮助、用法错误和各命令输出的语言（默认取自区域设置）。"
    ),
    # shared by several commands
    "Language of messages (default from the locale).": "消息的语言（默认取自区域设置）。",
    "Language of messages.": "消息的语言。",
    "Language of the output (default from the locale).": "输出的语言（默认取自区域设置）。",
    "Language of the report (default from the locale).": "报告的语言（默认取自区域设置）。",
    "Configuration file (default: nearest smartstd.toml or pyproject.toml).": (
        "配置文件（默认：最近的 smartstd.toml 或 pyproject.toml）。"
    ),
    "Output format.": "输出格式。",
    "Report format.": "报告格式。",
    "Write to a file.": "写入文件。",
    "Write here.": "写到此处。",
    "Files or folders of one dataset.": "同一数据集的文件或文件夹。",
    "Files or folders of the dataset that holds the charter.": (
        "含有治理章程的数据集的文件或文件夹。"
    ),
    "The profile: a YAML file or name@version.": "本地配置：YAML 文件或 name@version。",
    # assess
    "Files or folders (or URLs) of one dataset, with its Pilot when targets are judged.": (
        "同一数据集的文件或文件夹（或 URL）；评判目标时须含其试点（Pilot）。"
    ),
    "Break the indicators down (repeat for several).": "按此维度细分指标（可重复以按多个维度）。",
    "2026Q2, 2026-05, 2026, or a range 2026-04-01..2026-06-30.": (
        "2026Q2、2026-05、2026，或区间 2026-04-01..2026-06-30。"
    ),
    "A Pilot's id: its communities, dates and targets.": "试点的标识：其社区、日期和目标。",
    "A file of local indicator definitions (indicator.schema.json); repeatable.": (
        "本地指标定义文件（indicator.schema.json）；可重复。"
    ),
    "Report format (html: one self-contained page to print or post).": (
        "报告格式（html：一个可打印或张贴的自包含页面）。"
    ),
    "Language of the report (HTML: zh-CN unless en is asked for; others: the locale's).": (
        "报告的语言（HTML：除非指定 en，否则为 zh-CN；其他格式：取自区域设置）。"
    ),
    "Exit 1 when a target of the pilot is missed (for CI; `check` reports it as SC801).": (
        "试点有目标未达成时退出码为 1（用于 CI；`check` 将其报告为 SC801）。"
    ),
    # check
    "Files, folders or URLs of one dataset: JSON, NDJSON, YAML (a folder: every such file).": (
        "同一数据集的文件、文件夹或 URL：JSON、NDJSON、YAML（文件夹：其中所有此类文件）。"
    ),
    "Report format: text, json, junit, sarif, github, markdown, html.": (
        "报告格式：text、json、junit、sarif、github、markdown、html。"
    ),
    "Write the report to a file.": "把报告写入文件。",
    "Exit 1 on findings this severe (default error).": (
        "有此严重程度的发现项时退出码为 1（默认 error）。"
    ),
    "Exit 1 on findings this severe.": "有此严重程度的发现项时退出码为 1。",
    "Only these rules (codes, prefixes like SC2, or names); repeat or comma-separate.": (
        "只检查这些规则（代码、SC2 这样的前缀或名称）；可重复或用逗号分隔。"
    ),
    "Skip these rules (codes, prefixes or names).": "跳过这些规则（代码、前缀或名称）。",
    "Conformance level to check for (default: L3 with a charter among the inputs, else L2).": (
        "要检查的一致性等级（默认：输入中有治理章程时为 L3，否则为 L2）。"
    ),
    "Worker processes for large NDJSON files (with --engine dask: local cluster workers).": (
        "处理大型 NDJSON 文件的工作进程数（与 --engine dask 同用时：本地集群的工作进程数）。"
    ),
    "Where to check: this machine, or a Dask cluster (pip install 'smartstd[cluster]').": (
        "在哪里检查：本机，或 Dask 集群（pip install 'smartstd[cluster]'）。"
    ),
    "With --engine dask: a running scheduler (tcp://host:8786); default a local cluster.": (
        "与 --engine dask 同用：一个运行中的调度器（tcp://host:8786）；默认为本地集群。"
    ),
    "With --engine dask: most bytes of NDJSON per task (default 64 MiB).": (
        "与 --engine dask 同用：每个任务最多处理的 NDJSON 字节数（默认 64 MiB）。"
    ),
    "With --engine dask: id buckets of the identity join (default: one per 16 MiB of NDJSON; "
    "a join task settles them one by one).": (
        "与 --engine dask 同用：标识连接按标识分桶的桶数（默认：每 16 MiB 的 NDJSON 一个；"
        "连接任务逐个处理）。"
    ),
    "A profile to apply: a YAML file (a path or a URL) or name@version.": (
        "要应用的本地配置：YAML 文件（路径或 URL）或 name@version。"
    ),
    "A waivers file (YAML or JSON).": "豁免文件（YAML 或 JSON）。",
    "Force colour on or off (default: on a terminal, unless NO_COLOR).": (
        "强制开启或关闭颜色（默认：在终端上开启，除非设置了 NO_COLOR）。"
    ),
    "List at most this many findings (default 20000, or [limits] max_findings; the HTML page: "
    "1000); the counts still cover all of them.": (
        "最多列出这么多条发现项（默认 20000，或 [limits] 的 max_findings；HTML 页面：1000）；"
        "计数仍包括全部发现项。"
    ),
    "More output.": "输出更多信息。",
    "Less output: -q hides info findings, -qq warnings too.": (
        "输出更少信息：-q 隐藏提示级发现项，-qq 同时隐藏警告。"
    ),
    # info, rules
    "Print JSON instead of a table.": "输出 JSON 而不是表格。",
    "A rule's code (SC202) or name; none: list them all.": (
        "规则的代码（SC202）或名称；不给则列出全部规则。"
    ),
    "Write the rule's bad and good examples as datasets into DIR/bad and DIR/good (every "
    "rule's into DIR/SCnnn/ without CODE), each with the smartstd.toml that `smartstd check` "
    "runs it with; print those commands.": (
        "把规则的反例和正例作为数据集写入 DIR/bad 和 DIR/good（不给 CODE 时，"
        "每条规则写入 DIR/SCnnn/），各附 `smartstd check` 运行时所用的 smartstd.toml；"
        "并输出这些命令。"
    ),
    # schema
    "The version the bundle publishes (default: the library's).": (
        "模式包发布的版本（默认：本库的版本）。"
    ),
    "Base URI of every $id (default: https://smartstd.org/schemas/scds/).": (
        "每个 $id 的基础 URI（默认：https://smartstd.org/schemas/scds/）。"
    ),
    "Folder to write the bundle to.": "写出模式包的文件夹。",
    "Changelog to excerpt (default: ./CHANGELOG.md when present).": (
        "从中摘录的变更记录（默认：存在时为 ./CHANGELOG.md）。"
    ),
    "The previous bundle (folder or version) to add a compatibility report to CHANGES.md.": (
        "上一个模式包（文件夹或版本），用于在 CHANGES.md 中加入兼容性报告。"
    ),
    "Bundle folder to compare (default: schemas/<version>/ of every version).": (
        "要比较的模式包文件夹（默认：每个版本的 schemas/<version>/）。"
    ),
    "The version the folder publishes (default: the folder's name when it is a version with "
    "models, else the library's).": (
        "该文件夹发布的版本（默认：文件夹名是有模型的版本时取其名，否则为本库的版本）。"
    ),
    "The base URI the bundle was built with (default: the standard's).": (
        "生成该模式包时所用的基础 URI（默认：标准的基础 URI）。"
    ),
    "The older side: a bundle folder, a version, a profile or a schema file.": (
        "较旧的一方：模式包文件夹、版本、本地配置或模式文件。"
    ),
    "The newer side, of the same kind.": "较新的一方，类型相同。",
    "The compatibility to require: old data stays valid (backward), old readers read new data "
    "(forward), or both (full).": (
        "要求的兼容性：旧数据仍然有效（backward）、旧的读取方能读新数据（forward），"
        "或两者兼有（full）。"
    ),
    "Folder to write (default: schemas/<version>/ and the package data copy).": (
        "写出的文件夹（默认：schemas/<version>/ 及包数据中的副本）。"
    ),
    "Standard version (default: the library's).": "标准版本（默认：本库的版本）。",
    "Base URI of the $id of every schema.": "每个模式的 $id 的基础 URI。",
    # generate
    "Random seed (same seed, same bytes).": "随机种子（种子相同，输出的字节相同）。",
    "How much data: one community, a district or a city.": "数据规模：一个社区、一个区或一个市。",
    "Override the number of observations.": "指定观测记录的数量。",
    "Override the number of service requests.": "指定服务诉求的数量。",
    "Whether the governance charter is written with the data.": "是否随数据写出治理章程。",
    "Output file (default: standard output).": "输出文件（默认：标准输出）。",
    "Do not print the summary line to standard error.": "不向标准错误输出摘要行。",
    # graph
    "Only these rules (default: SC6xx, and SC1xx/SC2xx about charter entities).": (
        "只检查这些规则（默认：SC6xx，以及涉及章程实体的 SC1xx/SC2xx）。"
    ),
    "Skip these rules.": "跳过这些规则。",
    "The charter before: a file or folder.": "变化前的治理章程：文件或文件夹。",
    "The charter after: a file or folder.": "变化后的治理章程：文件或文件夹。",
    "The date to judge by (default: the dataset's generated_at).": (
        "评判所依据的日期（默认：数据集的 generated_at）。"
    ),
    "Exit 1 on any change, only when a party loses a benefit while keeping every obligation "
    "under that agreement, or never.": (
        "退出码为 1 的条件：有任何变化（any）；仅当某方失去权益却仍承担该协议下的全部义务时"
        "（benefit-loss）；或从不（never）。"
    ),
    "Output format (html: a page to print and post).": "输出格式（html：可打印张贴的页面）。",
    "Only this organisation (repeat for several; default: every organisation).": (
        "只看此组织（可重复以指定多个；默认：全部组织）。"
    ),
    "Only this domain (repeat or comma-separate for several).": (
        "只看此领域（可重复或用逗号分隔以指定多个）。"
    ),
    "Refuse a table of more cells than N, before building it (default 1000000, or [limits] "
    "max_table_cells).": (
        "表格单元格多于 N 时在生成前拒绝（默认 1000000，或 [limits] 的 max_table_cells）。"
    ),
    "Language of the list (Chinese by default: it is posted for residents).": (
        "清单的语言（默认中文：清单是张贴给居民看的）。"
    ),
    "The organisation's id.": "组织的标识。",
    "The action (default: any).": "操作（默认：任意）。",
    "The data category's id.": "数据类别的标识。",
    "The purpose's id (default: any).": "目的的标识（默认：任意）。",
    "Keep nodes without edges (unused core domains) in Mermaid and DOT.": (
        "在 Mermaid 和 DOT 中保留没有边的节点（未使用的核心领域）。"
    ),
    "Only this organisation's column (repeat or comma-separate for several).": (
        "只取此组织的列（可重复或用逗号分隔以指定多个）。"
    ),
    "An assertions file (default: the assertions lists in the input files).": (
        "断言文件（默认：输入文件中的断言列表）。"
    ),
    "Report format: text, json, junit, sarif, github, markdown.": (
        "报告格式：text、json、junit、sarif、github、markdown。"
    ),
    "The domain (a core domain or one of the charter's).": "领域（核心领域或章程中定义的领域）。",
    "One role (default: all four).": "某一角色（默认：全部四种）。",
    # profile
    "Folder to write the effective bundle to.": "写出生效模式包的文件夹。",
    "Base URI of every $id.": "每个 $id 的基础 URI。",
    "More folders where profiles it extends are looked for.": (
        "查找其所扩展的本地配置的其他文件夹。"
    ),
    "Profile YAML files or name@version.": "本地配置的 YAML 文件或 name@version。",
    "Write the Markdown to a file.": "把 Markdown 写入文件。",
    "Language of the documentation: both (Chinese, then English), zh-CN or en.": (
        "文档的语言：both（先中文后英文）、zh-CN 或 en。"
    ),
    # migrate
    "The dataset to migrate.": "要迁移的数据集。",
    "The version to migrate to.": "迁移到的版本。",
    "Where to write the migrated dataset (same format as PATH).": (
        "迁移后数据集的写出位置（格式与 PATH 相同）。"
    ),
    "The data's version (default: its standard_version).": (
        "数据的版本（默认：其 standard_version）。"
    ),
    "Write the result even when some values cannot be carried (they are still listed).": (
        "即使有值无法迁移也写出结果（这些值仍会列出）。"
    ),
    "Format of the summary.": "摘要的格式。",
    # example
    "Folder to write the example to (created; must be empty unless --force).": (
        "写出示例的文件夹（会自动创建；除非给出 --force，否则必须为空）。"
    ),
    "Write into a folder that is not empty.": "写入非空的文件夹。",
    # convert
    "The file to convert.": "要转换的文件。",
    "The source's format.": "源文件的格式。",
    "The SCDS dataset to write (.json: one document; else NDJSON); for open311-services, the "
    "crosswalk YAML.": (
        "要写出的 SCDS 数据集（.json：单个文档；否则为 NDJSON）；open311-services 时为对照表 YAML。"
    ),
    "A crosswalk file (default: the Guangzhou defaults).": "对照表文件（默认：广州的默认对照表）。",
    "The envelope's dataset_id.": "信封的 dataset_id。",
    "The envelope's publisher_id.": "信封的 publisher_id。",
    "The envelope's classification.": "信封的 classification（密级）。",
    "The community of records that name none.": "未写明社区的记录所属的社区。",
    "An SCDS dataset whose communities' boundaries place records (point-in-polygon).": (
        "一个 SCDS 数据集，按其中社区的边界为记录定位（点在多边形内）。"
    ),
    "The entity type of a CSV or GeoJSON file, or of a workbook's sheets (Sheet1, 工单) when "
    "none is named after a type.": (
        "CSV 或 GeoJSON 文件的实体类型，或工作簿中未以类型命名的工作表（Sheet1、工单）的实体类型。"
    ),
    "The language of the source's text.": "源文件中文字的语言。",
    "The largest input file.": "输入文件的最大字节数。",
    "The most records read.": "最多读取的记录数。",
    "The most an xlsx workbook may unpack to (a zip bomb stops here).": (
        "xlsx 工作簿解压后的最大字节数（防止 zip 炸弹）。"
    ),
    "Write the conversion report (JSON) here.": "把转换报告（JSON）写到此处。",
    "Fail (exit 1) if any source value was dropped.": "有任何源值被丢弃时失败（退出码 1）。",
    "Check the result and point each finding back at its source (sheet and cell).": (
        "检查转换结果，并把每个发现项指回其来源（工作表和单元格）。"
    ),
    "The level --check checks for.": "--check 检查的一致性等级。",
    "Print only errors.": "只输出错误。",
    # export
    "The SCDS dataset to write out.": "要写出的 SCDS 数据集。",
    "The format to write.": "写出的格式。",
    "NGSI keyValues (v2) or concise (LD), not normalized.": (
        "NGSI 的 keyValues（v2）或 concise（LD）形式，而非 normalized。"
    ),
    "Open311 as XML, not JSON.": "Open311 写成 XML 而非 JSON。",
    "The crosswalk whose reverse tables give source values.": "对照表，其反向表给出源值。",
    # template
    "Entity types, one sheet each (Resident, Building ...).": (
        "实体类型，每种一个工作表（Resident、Building ...）。"
    ),
    "The template's format.": "模板的格式。",
    "The workbook to write.": "要写出的工作簿。",
    "Which language comes first in headers and instructions.": "表头和填写说明中哪种语言在前。",
}

#: metavars that are words (click's type names, and ours) -> Chinese.
METAVARS: dict[str, str] = {
    "TEXT": "文本",
    "INTEGER": "整数",
    "INTEGER RANGE": "整数",
    "FLOAT": "数值",
    "FLOAT RANGE": "数值",
    "BOOLEAN": "布尔值",
    "FILE": "文件",
    "PATH": "路径",
    "DIRECTORY": "文件夹",
    "ADDRESS": "地址",
    "BYTES": "字节数",
}

#: click's own words -> Chinese (``{}``: the value click fills in).
CLICK: dict[str, str] = {
    "Usage:": "用法：",
    "Options": "选项",
    "Commands": "命令",
    "Positional arguments": "参数",
    "[OPTIONS]": "[选项]",
    "COMMAND [ARGS]...": "命令 [参数]...",
    "default: {}": "默认：{}",
    "env var: {}": "环境变量：{}",
    "required": "必填",
    "(dynamic)": "（动态）",
}
