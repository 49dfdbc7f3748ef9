"""Chinese identifiers with public check rules.

zh-CN：有公开校验规则的中国标识符。本模块只做结构与校验位检查，不查询任何
名录，不做 I/O，不依赖第三方库：

- 行政区划代码（GB/T 2260）：六位数字，省级部分须为现行省级代码；
- 统一社会信用代码（GB 32100-2015）：十八位，末位为校验码；
- 公民身份号码（GB 11643-1999）：十八位，出生日期须为真实日期，末位为
  ISO 7064 MOD 11-2 校验码；数据集中只保存加盐 SHA-256 摘要；
- 中国大陆手机号码：``1[3-9]`` 加九位数字；非 ``internal`` 数据集中须脱敏为
  ``138****1234``。

en: Chinese identifiers with public check rules. This module checks structure
and check characters only: it looks nothing up in any register, does no I/O
and imports of the project only the province codes, the scanner and the errors.

- administrative division codes (GB/T 2260): six digits whose first two are a
  current province-level code;
- unified social credit codes (GB 32100-2015): 18 characters ending in a
  check character;
- resident identity numbers (GB 11643-1999): 18 characters with a real birth
  date and an ISO 7064 MOD 11-2 check digit; datasets keep only a salted
  SHA-256 digest of them;
- mainland mobile numbers: ``1[3-9]`` and nine digits; masked as
  ``138****1234`` in any dataset that is not ``internal``.

Each identifier has a ``*_problem`` function that returns ``None`` for a valid
value or a short, stable English reason key, and an ``is_*`` predicate. The
reason keys are part of the public API; exception messages are not, and they
never repeat a personal identifier (an ID or phone number) so that they are
safe to log.

Every function is pure and meant for hot loops over millions of strings: the
regular expressions are compiled once, matched with ``fullmatch`` (so a
trailing newline never slips through, unlike ``$`` in :mod:`re`), and use
``[0-9]`` rather than the regex digit class or :meth:`str.isdigit`, both of
which accept non-ASCII digits such as ``"٣"``.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from types import MappingProxyType
from typing import Final, Literal

from smartstd._error_messages import Phrase
from smartstd._provinces import PROVINCE_CODES
from smartstd.errors import UsageError
from smartstd.scanner import redact as _scan_redact

__all__ = [
    "CREDIT_CODE_ALPHABET",
    "CREDIT_CODE_AUTHORITIES",
    "GUANGZHOU",
    "GUANGZHOU_DISTRICTS",
    "ID_NUMBER_HASH_PATTERN",
    "MASKED_MOBILE_PATTERN",
    "MOBILE_PATTERN",
    "PROVINCE_CODES",
    "DivisionLevel",
    "credit_code_check_char",
    "credit_code_problem",
    "division_code_problem",
    "division_level",
    "find_id_numbers",
    "find_mobiles",
    "hash_id_number",
    "id_number_check_digit",
    "id_number_problem",
    "is_credit_code",
    "is_division_code",
    "is_id_number",
    "is_masked_mobile",
    "is_mobile",
    "make_credit_code",
    "mask_id_number",
    "mask_mobile",
    "normalize_mobile",
    "parent_division",
    "redact",
]

# --------------------------------------------------------------------------
# Administrative division codes, GB/T 2260
# --------------------------------------------------------------------------

#: The level of a division code: the number of trailing ``00`` pairs.
DivisionLevel = Literal["province", "prefecture", "county"]

#: Guangzhou (广州市), the prefecture-level city.
GUANGZHOU: Final = "440100"

#: Guangzhou's eleven districts: code -> (zh-CN name, en name).
GUANGZHOU_DISTRICTS: Final[Mapping[str, tuple[str, str]]] = MappingProxyType(
    {
        "440103": ("荔湾区", "Liwan"),
        "440104": ("越秀区", "Yuexiu"),
        "440105": ("海珠区", "Haizhu"),
        "440106": ("天河区", "Tianhe"),
        "440111": ("白云区", "Baiyun"),
        "440112": ("黄埔区", "Huangpu"),
        "440113": ("番禺区", "Panyu"),
        "440114": ("花都区", "Huadu"),
        "440115": ("南沙区", "Nansha"),
        "440117": ("从化区", "Conghua"),
        "440118": ("增城区", "Zengcheng"),
    }
)

_SIX_DIGITS: Final = re.compile(r"[0-9]{6}")


def division_code_problem(code: str) -> str | None:
    """Say what is structurally wrong with a GB/T 2260 division code.

    The check is structural: six ASCII digits, a known province-level code,
    and no county part under a missing prefecture part (``xx00yy``). It does
    not look the code up in the current list of divisions.

    Args:
        code: The candidate code.

    Returns:
        ``None`` if the code is well formed, otherwise one of the reason keys
        ``"not-six-digits"``, ``"unknown-province"`` or
        ``"county-without-prefecture"``.

    Examples:
        >>> division_code_problem("440113") is None
        True
        >>> division_code_problem("999999")
        'unknown-province'
    """
    if _SIX_DIGITS.fullmatch(code) is None:
        return "not-six-digits"
    if code[:2] not in PROVINCE_CODES:
        return "unknown-province"
    if code[2:4] == "00" and code[4:] != "00":
        return "county-without-prefecture"
    return None


def is_division_code(code: str) -> bool:
    """Tell whether ``code`` is a well-formed GB/T 2260 division code.

    Args:
        code: The candidate code.

    Returns:
        ``True`` when :func:`division_code_problem` finds nothing.
    """
    return division_code_problem(code) is None


#: The problems the ``*_problem`` functions name, said in Chinese in an error's message.
_PROBLEMS_ZH: Final[Mapping[str, str]] = MappingProxyType(
    {
        "not-six-digits": "不是六位数字",
        "unknown-province": "省级代码不存在",
        "county-without-prefecture": "有县级码而无地级码",
        "length": "长度不对",
        "bad-character": "含有不允许的字符",
        "unknown-authority": "登记管理部门码不存在",
        "unknown-org-type": "机构类别码不存在",
        "bad-division": "行政区划码无效",
        "check-character": "校验码不符",
        "bad-date": "出生日期无效",
        "check-digit": "校验码不符",
    }
)


def _problem(problem: str) -> Phrase:
    """A problem's name for an error's message: itself in English, its meaning in Chinese."""
    return Phrase(_PROBLEMS_ZH.get(problem, problem), problem)


def _require_division(code: str) -> None:
    problem = division_code_problem(code)
    if problem is not None:
        raise UsageError(key="not_a_division_code", problem=_problem(problem), code=code)


def division_level(code: str) -> DivisionLevel:
    """Give the level of a division code.

    Args:
        code: A well-formed division code.

    Returns:
        ``"province"`` for ``xx0000``, ``"prefecture"`` for ``xxxx00`` and
        ``"county"`` otherwise.

    Raises:
        ValueError: If ``code`` is not a well-formed division code.

    Examples:
        >>> division_level("440000"), division_level("440100"), division_level("440113")
        ('province', 'prefecture', 'county')
    """
    _require_division(code)
    if code[2:] == "0000":
        return "province"
    if code[4:] == "00":
        return "prefecture"
    return "county"


def parent_division(code: str) -> str | None:
    """Give the code of the division one level up, derived from the code alone.

    The parent is structural: a county's parent is its ``xxxx00`` code even
    where that is a grouping such as ``429000`` (counties administered directly
    by the province) rather than a city.

    Args:
        code: A well-formed division code.

    Returns:
        The parent's code, or ``None`` for a province.

    Raises:
        ValueError: If ``code`` is not a well-formed division code.

    Examples:
        >>> parent_division("440113"), parent_division("440100"), parent_division("440000")
        ('440100', '440000', None)
    """
    level = division_level(code)
    if level == "county":
        return code[:4] + "00"
    if level == "prefecture":
        return code[:2] + "0000"
    return None


# --------------------------------------------------------------------------
# Unified social credit codes, GB 32100-2015
# --------------------------------------------------------------------------

#: The 31 characters of GB 32100 (no I, O, S, V or Z), in check-value order.
CREDIT_CODE_ALPHABET: Final = "0123456789ABCDEFGHJKLMNPQRTUWXY"

#: Registration authority codes (position 1): code -> (zh-CN, en). GB 32100-2015
#: defined 1, 5, 9 and Y; the others were assigned since and occur in real codes
#: (law firms start with ``31``, trade unions with ``81``).
CREDIT_CODE_AUTHORITIES: Final[Mapping[str, tuple[str, str]]] = MappingProxyType(
    {
        "1": ("机构编制", "establishment administration"),
        "2": ("外交", "foreign affairs"),
        "3": ("司法行政", "judicial administration"),
        "4": ("文化", "culture"),
        "5": ("民政", "civil affairs"),
        "6": ("旅游", "tourism"),
        "7": ("宗教", "religious affairs"),
        "8": ("工会", "trade unions"),
        "9": ("市场监管（工商）", "market regulation (industry and commerce)"),
        "A": ("中央军委改革和编制办公室", "CMC reform and establishment office"),
        "N": ("农业", "agriculture"),
        "Y": ("其他", "other"),
    }
)

_CC_CHAR = "[0-9A-HJ-NP-RTUW-Y]"
_CC_FIRST17: Final = re.compile(_CC_CHAR + "{17}")
_CC_CHARS18: Final = re.compile(_CC_CHAR + "{18}")
# authority, organisation type (1-9), division code (digits), organisation code, check
_CC_STRUCTURE: Final = re.compile("[1-9ANY][1-9][0-9]{6}" + _CC_CHAR + "{10}")
# Each character as the digit of its value (0-30) in Python's base-36 notation.
_CC_AS_DIGITS: Final = str.maketrans(CREDIT_CODE_ALPHABET, "0123456789abcdefghijklmnopqrstu")


def _credit_check(code: str) -> str:
    # GB 32100: S = sum(value[i] * 3**i mod 31 for i in 0..16), check = 31 - S mod 31
    # with 31 written as '0', that is (-S) mod 31. Since 34 = 3 (mod 31), S is
    # congruent to the first 17 values, reversed, read as a base-34 number, which
    # int() computes in C, several times faster than a Python loop. ``code`` must
    # already be known to consist of alphabet characters.
    return CREDIT_CODE_ALPHABET[-int(code[16::-1].translate(_CC_AS_DIGITS), 34) % 31]


def credit_code_check_char(first17: str) -> str:
    """Compute the GB 32100 check character for the first 17 characters.

    Args:
        first17: Seventeen characters of :data:`CREDIT_CODE_ALPHABET`.

    Returns:
        The eighteenth character.

    Raises:
        ValueError: If ``first17`` is not 17 characters of the alphabet.

    Examples:
        >>> credit_code_check_char("91350100M000100Y4")
        '3'
    """
    if _CC_FIRST17.fullmatch(first17) is None:
        raise UsageError(
            key="credit_code_bad_first17", alphabet=CREDIT_CODE_ALPHABET, value=first17
        )
    return _credit_check(first17)


def credit_code_problem(code: str) -> str | None:
    """Say what is wrong with a unified social credit code.

    Positions: 1 the registration authority (:data:`CREDIT_CODE_AUTHORITIES`),
    2 the organisation type (a digit 1-9), 3-8 the registering office's
    division code (six digits), 9-17 the organisation code, 18 the check
    character. Letters must be upper case.

    Args:
        code: The candidate code.

    Returns:
        ``None`` for a valid code, otherwise the first of the reason keys
        ``"length"``, ``"bad-character"``, ``"unknown-authority"``,
        ``"unknown-org-type"``, ``"bad-division"`` and ``"check-character"``
        that applies.

    Examples:
        >>> credit_code_problem("91350100M000100Y43") is None
        True
        >>> credit_code_problem("91350100M000100Y44")
        'check-character'
    """
    if len(code) != 18:
        return "length"
    if _CC_STRUCTURE.fullmatch(code) is None:
        if _CC_CHARS18.fullmatch(code) is None:
            return "bad-character"
        if code[0] not in CREDIT_CODE_AUTHORITIES:
            return "unknown-authority"
        if not "1" <= code[1] <= "9":
            return "unknown-org-type"
        return "bad-division"
    if _credit_check(code) != code[17]:
        return "check-character"
    return None


def is_credit_code(code: str) -> bool:
    """Tell whether ``code`` is a valid unified social credit code.

    Args:
        code: The candidate code.

    Returns:
        ``True`` when :func:`credit_code_problem` finds nothing.

    Examples:
        >>> is_credit_code("91350100M000100Y43")
        True
    """
    return (
        len(code) == 18
        and _CC_STRUCTURE.fullmatch(code) is not None
        and _credit_check(code) == code[17]
    )


def make_credit_code(first17: str) -> str:
    """Append the check character to the first 17 characters of a credit code.

    Args:
        first17: The first 17 characters of a credit code.

    Returns:
        The complete 18-character code, valid by :func:`is_credit_code`.

    Raises:
        ValueError: If the result would not be a valid credit code for any
            reason other than its check character.

    Examples:
        >>> make_credit_code("91440101MA59ABCD1")
        '91440101MA59ABCD1D'
    """
    code = first17 + credit_code_check_char(first17)
    problem = credit_code_problem(code)
    if problem is not None:
        raise UsageError(key="not_credit_code_start", problem=_problem(problem), value=first17)
    return code


# --------------------------------------------------------------------------
# Resident identity numbers, GB 11643-1999
# --------------------------------------------------------------------------

#: The pattern of :func:`hash_id_number`'s output (64 lower-case hex digits).
ID_NUMBER_HASH_PATTERN: Final = r"^[0-9a-f]{64}$"

# The provinces of PROVINCE_CODES, plus 83: residence permits for Taiwan
# residents carry identity numbers starting 830000 (Hong Kong and Macao
# residents' start 810000 and 820000).
_ID_REGIONS: Final = PROVINCE_CODES | {"83"}
_ID_CHECK: Final = "10X98765432"
_ID_FIRST17: Final = re.compile(r"[0-9]{17}")
_ID_SHAPE: Final = re.compile(r"[0-9]{17}[0-9Xx]")
# A date from 19000101 to 21001231 whose day exists in its month, 29 February
# included; whether that year is a leap year is checked separately.
_ID_DATE = (
    r"(?:19[0-9]{2}|20[0-9]{2}|2100)"
    r"(?:(?:0[1-9]|1[0-2])(?:0[1-9]|1[0-9]|2[0-8])"
    r"|(?:0[13-9]|1[0-2])(?:29|30)"
    r"|(?:0[13578]|1[02])31"
    r"|0229)"
)
_ID_STRUCTURE: Final = re.compile(
    "(?:" + "|".join(sorted(_ID_REGIONS)) + ")[0-9]{4}" + _ID_DATE + "[0-9]{3}[0-9Xx]"
)
_ID_IN_TEXT: Final = re.compile(r"(?<![0-9A-Za-z])[0-9]{17}[0-9Xx](?![0-9A-Za-z])")


def _id_check(number: str) -> str:
    # ISO 7064 MOD 11-2: S = sum(digit[i] * 2**(17 - i) mod 11 for i in 0..16),
    # check = "10X98765432"[S mod 11]. Since 13 = 2 (mod 11), S is congruent to
    # twice the first 17 digits read as a base-13 number, which int() computes
    # in C, three times faster than a Python loop. ``number`` must already be
    # known to start with 17 ASCII digits.
    return _ID_CHECK[2 * int(number[:17], 13) % 11]


def _leap_day_ok(number: str) -> bool:
    # _ID_STRUCTURE lets every 29 February through; only leap years have one.
    if number[10:14] != "0229":
        return True
    year = int(number[6:10])
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def id_number_check_digit(first17: str) -> str:
    """Compute the ISO 7064 MOD 11-2 check digit of a resident identity number.

    Args:
        first17: The first 17 digits.

    Returns:
        ``"0"``-``"9"`` or ``"X"``.

    Raises:
        ValueError: If ``first17`` is not 17 ASCII digits (the message does
            not repeat the value).

    Examples:
        >>> id_number_check_digit("11010519491231002")
        'X'
    """
    if _ID_FIRST17.fullmatch(first17) is None:
        raise UsageError(key="id_number_bad_first17")
    return _id_check(first17)


def id_number_problem(s: str) -> str | None:
    """Say what is wrong with a resident identity number.

    Args:
        s: The candidate number; a final ``x`` counts as ``X``.

    Returns:
        ``None`` for a valid number, otherwise the first of the reason keys
        ``"length"``, ``"bad-character"``, ``"unknown-province"``,
        ``"bad-date"`` (not a real date from 1900-01-01 to 2100-12-31) and
        ``"check-digit"`` that applies.

    Examples:
        >>> id_number_problem("11010519491231002X") is None
        True
        >>> id_number_problem("110105194902300028")
        'bad-date'
    """
    if _ID_STRUCTURE.fullmatch(s) is None:
        if len(s) != 18:
            return "length"
        if _ID_SHAPE.fullmatch(s) is None:
            return "bad-character"
        if s[:2] not in _ID_REGIONS:
            return "unknown-province"
        return "bad-date"
    if not _leap_day_ok(s):
        return "bad-date"
    if _id_check(s) != s[17].upper():
        return "check-digit"
    return None


def is_id_number(s: str) -> bool:
    """Tell whether ``s`` is a valid 18-character resident identity number.

    The first six digits must start with a province-level code, the next
    eight must be a real date from 1900-01-01 to 2100-12-31, then come a
    three-digit sequence and the check digit (``X`` or ``x``).

    Args:
        s: The candidate number.

    Returns:
        ``True`` when :func:`id_number_problem` finds nothing.

    Examples:
        >>> is_id_number("11010519491231002x")
        True
    """
    return (
        _ID_STRUCTURE.fullmatch(s) is not None and _leap_day_ok(s) and _id_check(s) == s[17].upper()
    )


def find_id_numbers(text: str) -> list[tuple[int, str]]:
    """Find valid resident identity numbers embedded in free text.

    A candidate is 17 digits and a digit or ``X``/``x`` with no ASCII letter or
    digit on either side (so ``身份证号11010519491231002X。`` is found), kept
    only if :func:`is_id_number` accepts it.

    Args:
        text: Any text.

    Returns:
        ``(offset, number)`` pairs in order of appearance, ``number`` exactly
        as it appears in ``text``.

    Examples:
        >>> find_id_numbers("证件 11010519491231002X，电话 13812345678")
        [(3, '11010519491231002X')]
    """
    found: list[tuple[int, str]] = []
    for match in _ID_IN_TEXT.finditer(text):
        number = match.group()
        if is_id_number(number):
            found.append((match.start(), number))
    return found


def hash_id_number(id_number: str, salt: str) -> str:
    """Digest a resident identity number for storage as ``id_number_hash``.

    The digest is the lower-case hex SHA-256 of the UTF-8 bytes of ``salt``
    followed by the number with a final ``x`` upper-cased. Identity numbers
    are few enough to enumerate, so the salt must be kept secret: anyone who
    knows it can recover the number from the digest.

    Args:
        id_number: A valid identity number.
        salt: A non-empty secret.

    Returns:
        64 lower-case hex digits, matching :data:`ID_NUMBER_HASH_PATTERN`.

    Raises:
        ValueError: If ``id_number`` is not valid or ``salt`` is empty (the
            message does not repeat the number).

    Examples:
        >>> len(hash_id_number("11010519491231002x", "s3cret"))
        64
    """
    problem = id_number_problem(id_number)
    if problem is not None:
        raise UsageError(key="id_number_invalid", problem=_problem(problem))
    if not salt:
        raise UsageError(key="salt_empty")
    return hashlib.sha256((salt + id_number.upper()).encode("utf-8")).hexdigest()


# --------------------------------------------------------------------------
# Mainland mobile numbers
# --------------------------------------------------------------------------

#: An unmasked mainland mobile number, as stored.
MOBILE_PATTERN: Final = r"^1[3-9][0-9]{9}$"
#: A masked mainland mobile number (``138****1234``).
MASKED_MOBILE_PATTERN: Final = r"^1[3-9][0-9]\*{4}[0-9]{4}$"

_MOBILE: Final = re.compile(r"1[3-9][0-9]{9}")
_MASKED_MOBILE: Final = re.compile(r"1[3-9][0-9]\*{4}[0-9]{4}")
# Optional +86 / 86 / 0086 prefix, then 3-4-4 digits split by nothing, or by
# the same single space or hyphen twice. Groups 1, 3 and 4 hold the digits.
_MOBILE_WRITTEN = r"(?:(?:\+|00)?86[ -]?)?(1[3-9][0-9])([ -]?)([0-9]{4})\2([0-9]{4})"
_MOBILE_LOOSE: Final = re.compile(_MOBILE_WRITTEN)
_MOBILE_IN_TEXT: Final = re.compile(r"(?<![0-9])" + _MOBILE_WRITTEN + r"(?![0-9])")


def normalize_mobile(s: str) -> str | None:
    """Reduce a written mainland mobile number to its eleven digits.

    Accepted: ``13812345678``, with an optional ``+86``, ``86`` or ``0086``
    prefix (optionally followed by a space or hyphen), and the digits grouped
    3-4-4 by single spaces or by single hyphens (``138 1234 5678``,
    ``+86-138-1234-5678``). Surrounding whitespace is not stripped.

    Args:
        s: The candidate number.

    Returns:
        The eleven digits, or ``None`` if ``s`` is not a mobile number.

    Examples:
        >>> normalize_mobile("+86 138 1234 5678")
        '13812345678'
    """
    if _MOBILE.fullmatch(s) is not None:
        return s
    match = _MOBILE_LOOSE.fullmatch(s)
    if match is None:
        return None
    return match.group(1) + match.group(3) + match.group(4)


def is_mobile(s: str) -> bool:
    """Tell whether ``s`` is an unmasked mainland mobile number.

    Args:
        s: The candidate, in any form :func:`normalize_mobile` accepts.

    Returns:
        ``True`` if it is one.

    Examples:
        >>> is_mobile("0086-13812345678"), is_mobile("138****5678")
        (True, False)
    """
    return _MOBILE.fullmatch(s) is not None or _MOBILE_LOOSE.fullmatch(s) is not None


def mask_mobile(s: str) -> str:
    """Mask a mainland mobile number as ``138****1234``.

    Args:
        s: A mobile number in any form :func:`normalize_mobile` accepts.

    Returns:
        The first three and last four digits with four ``*`` between them,
        matching :data:`MASKED_MOBILE_PATTERN`.

    Raises:
        ValueError: If ``s`` is not a mobile number (the message does not
            repeat it). An already masked number is not one.

    Examples:
        >>> mask_mobile("+86 138 1234 5678")
        '138****5678'
    """
    number = normalize_mobile(s)
    if number is None:
        raise UsageError(key="not_a_mobile")
    return number[:3] + "****" + number[7:]


def is_masked_mobile(s: str) -> bool:
    """Tell whether ``s`` is a masked mobile number such as ``138****1234``.

    Args:
        s: The candidate.

    Returns:
        ``True`` if ``s`` matches :data:`MASKED_MOBILE_PATTERN`.
    """
    return _MASKED_MOBILE.fullmatch(s) is not None


def find_mobiles(text: str) -> list[tuple[int, str]]:
    """Find unmasked mainland mobile numbers embedded in free text.

    Finds every form :func:`normalize_mobile` accepts that has no digit
    immediately before or after it (letters may touch it: ``Tel13812345678``).

    Args:
        text: Any text.

    Returns:
        ``(offset, written)`` pairs in order of appearance, ``written``
        exactly as in ``text`` (prefix and separators included, so the span to
        redact is ``offset`` to ``offset + len(written)``); pass it to
        :func:`normalize_mobile` for the digits.

    Examples:
        >>> find_mobiles("致电 +86 138-1234-5678 或 10086")
        [(3, '+86 138-1234-5678')]
    """
    return [(m.start(), m.group()) for m in _MOBILE_IN_TEXT.finditer(text)]


def mask_id_number(number: str) -> str:
    """Mask an identity number for a message: the first six and last four characters.

    >>> mask_id_number("11010519491231002X")
    '110105****002X'
    """
    return number[:6] + "****" + number[-4:]


def redact(text: str) -> str:
    """Mask every personal identifier inside ``text`` (:func:`smartstd.scanner.redact`).

    Used on everything a report repeats from the data (ids, parameters), so a
    published report never carries a raw identity, phone or card number,
    however it was written.

    >>> redact("id 11010519491231002X, tel 138 1234 5678")
    'id 110105****002X, tel 138****5678'
    """
    return _scan_redact(text)
