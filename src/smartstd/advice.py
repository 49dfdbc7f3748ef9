"""What a finding about an identifier tells the user to do: hint keys and their texts.

zh-CN：标识符类发现项的修改建议。代码、身份证号摘要和实体 id 的写法五花八门
（JSON 数字、电子表格的小数、全角字符、空格与连字符、小写字母、12 位统计用
区划代码、``sha256:`` 前缀……）。:func:`advise` 看一个不合格式的值，说出具体
哪里错（第几位、哪个字符）以及应当怎样写；结果是发现项的参数（``hint`` 为
建议的键，其余为填入文字的值），文字按语言在渲染时由 :func:`hint_text` 给出。

en: identifiers come written in many ways (a JSON number, a spreadsheet's
decimal, full-width characters, spaces and hyphens, lower-case letters, a
12-digit statistical code, a ``sha256:`` prefix ...). :func:`advise` looks at
a value that does not match its field's pattern and says precisely what is
wrong (which position, which character) and how to write it. What it returns
is data, parameters of the finding: ``hint`` names the advice, the other keys
are the values its text shows; :func:`hint_text` gives the text in either
language when the message is rendered (:func:`smartstd.rules.catalogue.render_message`).

The rules that use it: SC103 (a value that fails the pattern or the type of
``credit_code``, ``division_code``, ``statistical_code``, ``id_number_hash``,
``phone``, an ``id`` or a reference), SC205 and SC206
(:mod:`smartstd.rules.sc2.checks`), and SC401, SC402 and SC411 for a number
written as an object's key (:mod:`smartstd.rules.sc4.checks`).
Nothing here repeats a personal identifier: an identity number written into
``id_number_hash`` is named as such, never shown (and every report masks
what its parameters repeat, :mod:`smartstd.masking`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any, Final

from smartstd.identifiers import (
    CREDIT_CODE_ALPHABET,
    CREDIT_CODE_AUTHORITIES,
    credit_code_problem,
    is_credit_code,
    is_id_number,
)

__all__ = [
    "HINTS",
    "ID_PATTERN",
    "advise",
    "credit_code_hint",
    "hint_text",
    "shown_char",
]

#: The standard's pattern of entity ids and references (``smartstd.standard._base.ID_PATTERN``;
#: a test keeps the two equal, so that this module need not load the models).
ID_PATTERN: Final = r"^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$"

#: The text of each hint, ``(zh-CN, en)``, appended to the finding's message.
HINTS: Final[Mapping[str, tuple[str, str]]] = MappingProxyType(
    {
        # any code written as a JSON number or a spreadsheet's decimal
        "code-number": (
            '；代码应写成字符串 "{fixed}"，不能写成 JSON 数字（数字会丢掉前导零）',
            '; write the code as the string "{fixed}", not a JSON number (a number'
            " loses leading zeros)",
        ),
        "code-decimal": (
            '；这是电子表格把代码存成了小数，应写成 "{fixed}"',
            '; a spreadsheet stored the code as a decimal: write "{fixed}"',
        ),
        "code-written": (
            '；第 {position} 个字符 {shown} 不应出现（全角字符、空格或分隔符），应写成 "{fixed}"',
            "; character {position} {shown} does not belong there (a full-width character,"
            ' a space or a separator): write "{fixed}"',
        ),
        "code-length": (
            "；应为 {expected} 位数字，这里是 {length} 位",
            "; it must be {expected} digits, this one has {length}",
        ),
        "code-character": (
            "；第 {position} 个字符 {shown} 不是数字",
            "; character {position} {shown} is not a digit",
        ),
        # division codes (GB/T 2260) and statistical codes (统计用区划代码)
        "division-code-statistical": (
            "；这是 12 位统计用区划代码（区县 6 位 + 乡镇街道 3 位 + 村居 3 位），division_code"
            ' 只填前六位区县代码 "{fixed}"，12 位代码放在 statistical_code',
            "; this is a 12-digit statistical code (county 6 + township 3 + community 3):"
            ' division_code takes its first six digits, the county\'s code "{fixed}", and the'
            " 12-digit code goes in statistical_code",
        ),
        "division-code-township": (
            '；这是 9 位乡镇街道统计代码，division_code 只填前六位区县代码 "{fixed}"',
            "; this is a 9-digit township (street) code: division_code takes its first six"
            ' digits, the county\'s code "{fixed}"',
        ),
        "statistical-code-county": (
            "；这是 6 位区县代码（属于 division_code），统计用区划代码还需 3 位乡镇街道码和"
            " 3 位村居码",
            "; this is a six-digit county code (it belongs in division_code); a statistical"
            " code adds three digits for the township and three for the community",
        ),
        "statistical-code-township": (
            "；这是 9 位乡镇街道代码，统计用区划代码还需末 3 位村居码",
            "; this is a nine-digit township code; a statistical code adds three digits for"
            " the community",
        ),
        # unified social credit codes (GB 32100-2015)
        "credit-code-written": (
            "；第 {position} 个字符 {shown} 不应出现（小写字母、全角字符、空格或连字符），"
            "应写成 {fixed}",
            "; character {position} {shown} does not belong there (a lower-case letter, a"
            " full-width character, a space or a hyphen): write {fixed}",
        ),
        "credit-code-letter": (
            "；第 {position} 位 {shown} 不在 GB 32100 字符集中（不用 I、O、S、V、Z），"
            "应为 {expected}，即 {fixed}",
            "; character {position} {shown} is not in the GB 32100 alphabet (which has no I,"
            " O, S, V or Z): it should be {expected}, making {fixed}",
        ),
        "credit-code-character": (
            "；第 {position} 位 {shown} 不在 GB 32100 字符集中"
            "（数字和除 I、O、S、V、Z 外的大写字母）",
            "; character {position} {shown} is not in the GB 32100 alphabet (digits and the"
            " capital letters except I, O, S, V and Z)",
        ),
        "credit-code-registration-number": (
            "；这是 15 位工商注册号，不是统一社会信用代码（2015 年起各类机构都有 18 位代码），"
            "请填营业执照或登记证书上的统一社会信用代码",
            "; this is a 15-digit business registration number (注册号), not a unified social"
            " credit code (every organisation has had an 18-character code since 2015): take"
            " the code printed on the licence or registration certificate",
        ),
        "credit-code-organisation-code": (
            "；这是 9 位组织机构代码（GB 11714），即统一社会信用代码的第 9 至 17 位，请填完整的"
            " 18 位代码",
            "; this is a nine-character organisation code (GB 11714), which is characters 9"
            " to 17 of the credit code: write the whole 18-character code",
        ),
        "credit-code-length": (
            "；统一社会信用代码为 18 位，这里是 {length} 位",
            "; a unified social credit code has 18 characters, this one has {length}",
        ),
        "credit-code-check": (
            "；按前 17 位计算，第 18 位校验码应为 {expected}，而不是 {shown}（也可能是前 17 位"
            "抄错了一位，请核对营业执照或登记证书）",
            "; from the first 17 characters the check character (18th) should be {expected},"
            " not {shown} (or one of the first 17 was miscopied: compare with the licence or"
            " registration certificate)",
        ),
        "credit-code-authority": (
            "；第 1 位登记管理部门码 {shown} 不存在（应为 {expected} 之一）",
            "; character 1, the registration authority {shown}, does not exist (it is one of"
            " {expected})",
        ),
        "credit-code-org-type": (
            "；第 2 位机构类别码 {shown} 应为 1 至 9 的数字",
            "; character 2, the organisation type {shown}, must be a digit 1 to 9",
        ),
        "credit-code-division": (
            "；第 3 至 8 位是登记管理机关的行政区划代码，应为数字，第 {position} 位是 {shown}",
            "; characters 3 to 8 are the registering office's division code and must be"
            " digits; character {position} is {shown}",
        ),
        # id_number_hash
        "hash-upper-case": (
            "；摘要须写成小写十六进制（大写会使同一号码的摘要无法比对），改为小写即可",
            "; write the digest in lower-case hex (upper case makes digests of the same"
            " number compare unequal): lower-casing it is enough",
        ),
        "hash-whitespace": (
            "；去掉摘要前后的空白字符",
            "; remove the white space around the digest",
        ),
        "hash-prefix": (
            "；去掉前缀 {prefix}，只保留 64 位小写十六进制摘要",
            "; drop the prefix {prefix} and keep only the 64 lower-case hex digits",
        ),
        "hash-not-sha256": (
            "；这是 {length} 位十六进制（像 {algorithm} 摘要），应为加盐 SHA-256 的 64 位："
            "用 smartstd.identifiers.hash_id_number 重新计算",
            "; this is {length} hex digits (it looks like {algorithm}); a salted SHA-256 has"
            " 64: compute it again with smartstd.identifiers.hash_id_number",
        ),
        "hash-base64": (
            "；这像 Base64 写法，摘要应写成 64 位小写十六进制",
            "; this looks like Base64; write the digest as 64 lower-case hex digits",
        ),
        "hash-raw-id-number": (
            "；这里是身份证号明文而不是摘要：用 smartstd.identifiers.hash_id_number 计算加盐"
            " SHA-256 后替换，并删除明文",
            "; this holds the identity number itself, not its digest: replace it with the"
            " salted SHA-256 from smartstd.identifiers.hash_id_number and delete the number",
        ),
        "hash-length": (
            "；应为 64 位小写十六进制（加盐 SHA-256），这里是 {length} 个字符",
            "; it must be 64 lower-case hex digits (a salted SHA-256); this has {length}"
            " characters",
        ),
        # entity ids and references
        "id-written": (
            "；第 {position} 个字符 {shown} 不允许（id 只用英文字母、数字和 . _ : -），"
            "应写成 {fixed}",
            "; character {position} {shown} is not allowed (ids use ASCII letters, digits and"
            " . _ : - only): write {fixed}",
        ),
        "id-character": (
            "；第 {position} 个字符 {shown} 不允许（id 只用英文字母、数字和 . _ : -，"
            "且以字母或数字开头）",
            "; character {position} {shown} is not allowed (ids use ASCII letters, digits and"
            " . _ : - only, and start with a letter or digit)",
        ),
        "id-length": (
            "；id 至多 128 个字符，这里是 {length} 个",
            "; an id has at most 128 characters, this one has {length}",
        ),
        "phone-number": (
            '；电话应写成字符串，不能是 JSON 数字；非 internal 数据集中写成脱敏形式 "{masked}"',
            "; write the phone number as a string, not a JSON number; outside internal"
            ' datasets write it masked, "{masked}"',
        ),
        "id-empty": ("；id 不能为空", "; an id cannot be empty"),
        "id-number": (
            '；id 应写成字符串 "{fixed}"，不能是 JSON 数字',
            '; write the id as the string "{fixed}", not a JSON number',
        ),
        # SC401, SC402, SC411: an identifier written as an object's key
        "identifier-in-key": (
            "；号码写在该对象的键（字段名）中而不是值中：改用不含个人信息的键，号码本身按"
            "规则脱敏或改存摘要",
            "; the number is written as a key (a field name) of that object, not a value:"
            " use keys that hold no personal data, and mask the number or store its digest",
        ),
        # SC205: division codes looked up in the GB/T 2260 table
        "division-abolished": (
            "；{name}已于 {year} 年撤销",
            "; {name} was abolished in {year}",
        ),
        "division-abolished-into": (
            "；{name}已于 {year} 年撤销，其地域今属 {successor}，应改用 {successor_code}",
            "; {name} was abolished in {year}; its area now belongs to {successor}: use"
            " {successor_code}",
        ),
        "division-not-yet": (
            "；{name}自 {year} 年起才使用，晚于数据集日期",
            "; {name} is in use only from {year}, after the dataset's date",
        ),
        "division-not-county": (
            "；{name}是县级以上的代码，应填社区所在区县的代码：{counties}",
            "; {name} is above county level: use the code of the community's county-level"
            " division, one of {counties}",
        ),
        "division-unknown": (
            "；该地区现有的区县代码：{counties}",
            "; the county-level codes of that prefecture are {counties}",
        ),
        "statistical-code-mismatch": (
            "；统计用区划代码的前六位 {prefix} 应与 division_code {division_code} 相同",
            "; the first six digits of the statistical code, {prefix}, must equal the"
            " division_code {division_code}",
        ),
        "statistical-code-incomplete": (
            "；社区或网格的统计用区划代码第 {positions} 位不能是 000（那是上一级的代码）",
            "; positions {positions} of a community's or grid's statistical code cannot be"
            " 000 (that is the code of the level above)",
        ),
        # reading problems (smartstd.io): what to do with a file that cannot be read as it is
        "read-whole": (
            "；JSON 或 YAML 文档要整体读入内存（约为文件大小的十倍），超过上限的不读。请把实体"
            "写成 NDJSON（每行一个实体，流式读取，内存有界），或拆成几个文件；确有足够内存时可在"
            " smartstd.toml 的 [limits] 中调高 {limit}",
            "; a JSON or YAML document is read whole (about ten times its size in memory),"
            " so one over the limit is not read: write the entities as NDJSON (one a line,"
            " streamed in bounded memory) or split the file; with memory to spare, raise"
            " {limit} under [limits] in smartstd.toml",
        ),
        "cr-line-ends": (
            "；各行只以回车符（CR，旧 Mac 格式）结尾。NDJSON 的行以 LF 或 CRLF 结尾，可这样转换："
            "tr '\\r' '\\n' < IN > OUT",
            "; the lines end in a carriage return alone (CR, old Mac line ends); NDJSON"
            " lines end in LF or CRLF: convert with tr '\\r' '\\n' < IN > OUT",
        ),
    }
)


def hint_text(params: Mapping[str, Any], lang: str) -> str | None:
    """The template of the hint a finding's parameters name, in ``lang`` (``None``: none)."""
    hint = params.get("hint")
    if not isinstance(hint, str):
        return None
    texts = HINTS.get(hint)
    if texts is None:
        return None
    return texts[0] if lang == "zh-CN" else texts[1]


# --------------------------------------------------------------------------- reading values

#: Characters people put inside codes that are not part of them.
_SEPARATORS: Final = frozenset(" -._/\t")


def shown_char(ch: str) -> str:
    r"""A character as a message shows it: ``“o”``, or ``U+3000`` when it shows nothing.

    >>> shown_char("o"), shown_char("\u3000"), shown_char("\u200b")
    ('“o”', '“\u3000”(U+3000)', 'U+200B')
    """
    category = unicodedata.category(ch)
    code = f"U+{ord(ch):04X}"
    if category[0] == "C":
        return code
    if category[0] == "Z" or ch.isspace() or not ch.isascii():
        return f"“{ch}”({code})"
    return f"“{ch}”"


def _invisible(ch: str) -> bool:
    return unicodedata.category(ch) == "Cf"


def _tidy(value: str, *, upper: bool = False) -> tuple[str, int]:
    """``value`` in NFKC without separators and invisible characters, and the first change.

    Returns the tidied text and the 0-based position in ``value`` of the first
    character that tidying changed or dropped (``-1`` when none).
    """
    out: list[str] = []
    first = -1
    for i, ch in enumerate(value):
        norm = unicodedata.normalize("NFKC", ch)
        if upper:
            norm = norm.upper()
        if _invisible(ch) or norm.isspace() or norm in _SEPARATORS:
            norm = ""
        if norm != ch and first < 0:
            first = i
        out.append(norm)
    return "".join(out), first


def _where(value: str, position: int) -> dict[str, Any]:
    """Where a value goes wrong: its 1-based position, the character, and how a message shows it."""
    return _at(position, value[position])


def _at(position: int, char: str) -> dict[str, Any]:
    return {"position": position + 1, "char": char, "shown": shown_char(char)}


def _as_digits(value: Any) -> str | None:
    """A JSON number that stands for a code, as its digits (``440106.0`` -> ``"440106"``)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int) and value >= 0:
        return str(value)
    if isinstance(value, float) and value.is_integer() and 0 <= value < 2**53:
        return str(int(value))
    return None


_DECIMAL: Final = re.compile(r"([0-9]+)\.0+")


def _digit_code(value: Any, size: int) -> dict[str, Any] | None:
    """Advice for a code of ``size`` digits (a division or statistical code)."""
    digits = _as_digits(value)
    if digits is not None:
        return {"hint": "code-number", "fixed": digits.zfill(size)}
    if not isinstance(value, str):
        return None
    decimal = _DECIMAL.fullmatch(value)
    if decimal is not None:
        return {"hint": "code-decimal", "fixed": decimal.group(1)}
    tidy, first = _tidy(value)
    if first >= 0 and tidy.isascii() and tidy.isdigit() and len(tidy) == size:
        return {"hint": "code-written", "fixed": tidy, **_where(value, first)}
    code = tidy if tidy.isascii() and tidy.isdigit() else None
    if code is not None and size == 6 and len(code) == 12:
        return {"hint": "division-code-statistical", "fixed": code[:6]}
    if code is not None and size == 6 and len(code) == 9:
        return {"hint": "division-code-township", "fixed": code[:6]}
    if code is not None and size == 12 and len(code) == 6:
        return {"hint": "statistical-code-county"}
    if code is not None and size == 12 and len(code) == 9:
        return {"hint": "statistical-code-township"}
    for i, ch in enumerate(value):
        if not ("0" <= ch <= "9"):
            return {"hint": "code-character", **_where(value, i)}
    return {"hint": "code-length", "expected": size, "length": len(value)}


#: An organisation code (组织机构代码, GB 11714): eight characters and a check character.
_ORGANISATION_CODE: Final = re.compile(r"[0-9A-Z]{8}[0-9X]")
#: Letters outside the GB 32100 alphabet, and the characters they are mistaken for.
_CREDIT_LOOKALIKES: Final = MappingProxyType({"O": "0", "I": "1", "Z": "2", "S": "5", "V": "U"})


def _credit(value: Any) -> dict[str, Any] | None:
    if not isinstance(value, str):
        digits = _as_digits(value)
        return None if digits is None else {"hint": "code-number", "fixed": digits}
    tidy, first = _tidy(value, upper=True)
    if first >= 0 and len(tidy) == 18 and all(c in CREDIT_CODE_ALPHABET for c in tidy):
        return {"hint": "credit-code-written", "fixed": tidy, **_where(value, first)}
    if len(tidy) == 15 and tidy.isascii() and tidy.isdigit():
        return {"hint": "credit-code-registration-number"}
    if _ORGANISATION_CODE.fullmatch(tidy):
        return {"hint": "credit-code-organisation-code"}
    if len(tidy) != 18:
        return {"hint": "credit-code-length", "length": len(tidy)}
    bad = [i for i, c in enumerate(tidy) if c not in CREDIT_CODE_ALPHABET]
    if not bad:
        return credit_code_hint(tidy)
    at = bad[0]
    # where tidying changed nothing before the bad character, its position is the same in both
    shown = _where(value, at) if first < 0 else _at(at, tidy[at])
    fixed = "".join(_CREDIT_LOOKALIKES.get(c, c) for c in tidy)
    if all(tidy[i] in _CREDIT_LOOKALIKES for i in bad) and is_credit_code(fixed):
        return {
            "hint": "credit-code-letter",
            "expected": _CREDIT_LOOKALIKES[tidy[at]],
            "fixed": fixed,
            **shown,
        }
    return {"hint": "credit-code-character", **shown}


def credit_code_hint(code: str) -> dict[str, Any] | None:
    """The hint for a credit code that :func:`~smartstd.identifiers.credit_code_problem` rejects.

    Says which position is wrong and, for the check character, what it should be.

    >>> credit_code_hint("91350100M000100Y44")
    {'hint': 'credit-code-check', 'expected': '3', 'position': 18, 'char': '4', 'shown': '“4”'}
    """
    problem = credit_code_problem(code)
    if problem is None:
        return None
    if problem in ("length", "bad-character"):
        return _credit(code)
    if problem == "unknown-authority":
        return {
            "hint": "credit-code-authority",
            "expected": "、".join(CREDIT_CODE_AUTHORITIES),
            **_where(code, 0),
        }
    if problem == "unknown-org-type":
        return {"hint": "credit-code-org-type", **_where(code, 1)}
    if problem == "bad-division":
        at = next(i for i in range(2, 8) if not "0" <= code[i] <= "9")
        return {"hint": "credit-code-division", **_where(code, at)}
    from smartstd.identifiers import credit_code_check_char

    expected = credit_code_check_char(code[:17])
    return {"hint": "credit-code-check", "expected": expected, **_where(code, 17)}


_HEX: Final = re.compile(r"[0-9a-fA-F]+")
_HASH_PREFIX: Final = re.compile(r"((?:sha-?256|SHA-?256|Sha256)\s*[:=$]\s*)(.*)", re.S)
_BASE64: Final = re.compile(r"[A-Za-z0-9+/_-]{43}=?")
_ALGORITHMS: Final = MappingProxyType({32: "MD5", 40: "SHA-1", 56: "SHA-224", 128: "SHA-512"})


def _hash(value: Any) -> dict[str, Any] | None:
    if not isinstance(value, str):
        digits = _as_digits(value)
        if digits is not None and is_id_number(digits):
            return {"hint": "hash-raw-id-number"}
        return None
    text = value.strip()
    prefix = _HASH_PREFIX.fullmatch(text)
    if prefix is not None:
        return {"hint": "hash-prefix", "prefix": prefix.group(1).strip()}
    if _HEX.fullmatch(text):
        if len(text) == 64:
            return {"hint": "hash-upper-case" if text != text.lower() else "hash-whitespace"}
        algorithm = _ALGORITHMS.get(len(text))
        if algorithm is not None:
            return {"hint": "hash-not-sha256", "length": len(text), "algorithm": algorithm}
    from smartstd.scanner import scan

    if any(m.kind.startswith("id-number") for m in scan(text)):
        return {"hint": "hash-raw-id-number"}
    if _BASE64.fullmatch(text):
        return {"hint": "hash-base64"}
    return {"hint": "hash-length", "length": len(value)}


def _phone(value: Any) -> dict[str, Any] | None:
    digits = _as_digits(value)
    if digits is None or len(digits) != 11:
        return None
    return {"hint": "phone-number", "masked": digits[:3] + "****" + digits[7:]}


_ID: Final = re.compile(ID_PATTERN)


def _entity_id(value: Any) -> dict[str, Any] | None:
    if not isinstance(value, str):
        digits = _as_digits(value)
        return None if digits is None else {"hint": "id-number", "fixed": digits}
    if value == "":
        return {"hint": "id-empty"}
    tidy = unicodedata.normalize("NFKC", value).strip()
    tidy = "".join(c for c in tidy if not _invisible(c))
    bad = next(
        (
            i
            for i, c in enumerate(value)
            if not (c.isascii() and (c.isalnum() or (i > 0 and c in "._:-")))
        ),
        None,
    )
    if bad is None:
        return {"hint": "id-length", "length": len(value)} if len(value) > 128 else None
    if tidy != value and _ID.fullmatch(tidy):
        return {"hint": "id-written", "fixed": tidy, **_where(value, bad)}
    return {"hint": "id-character", **_where(value, bad)}


#: Advice by field name, for the fields whose values are identifiers.
_BY_FIELD: Final = MappingProxyType(
    {
        "division_code": lambda v: _digit_code(v, 6),
        "statistical_code": lambda v: _digit_code(v, 12),
        "credit_code": _credit,
        "id_number_hash": _hash,
        "phone": _phone,
    }
)


def advise(path: tuple[str | int, ...], value: Any, pattern: Any = None) -> dict[str, Any] | None:
    """The hint for an identifier that fails its field's type or pattern, as finding parameters.

    Args:
        path: where the value is (its last name says which identifier it is:
            ``credit_code``, ``division_code``, ``statistical_code``,
            ``id_number_hash``; ``id``, ``*_id`` and ``*_ids`` items are entity ids).
        value: the value as read (a string, or a number where a string belongs).
        pattern: the pattern the value failed, when it failed one (an entity id
            is recognised by it as well as by its name).

    Returns:
        ``{"hint": key, ...values}`` (the keys of :data:`HINTS`), or ``None``
        when there is nothing more precise to say.

    >>> advise(("division_code",), 440106)
    {'hint': 'code-number', 'fixed': '440106'}
    >>> advise(("credit_code",), "91350100m000100y43")["fixed"]
    '91350100M000100Y43'
    """
    name = next((p for p in reversed(path) if isinstance(p, str)), "")
    by_field = _BY_FIELD.get(name)
    try:
        if by_field is not None:
            found: dict[str, Any] | None = by_field(value)
            return found
        if pattern == ID_PATTERN or name == "id" or name.endswith(("_id", "_ids")):
            return _entity_id(value)
    except (ValueError, TypeError, IndexError, StopIteration):  # never let advice break a check
        return None
    return None
