"""One scanner for personal identifiers in any text, and the masking every report uses.

zh-CN：个人标识符扫描器。在任意文本中查找身份证号（18 位，含校验位不符但地区码与
出生日期有效的“疑似”号码；15 位旧号码）、手机号（可带 +86、0086、86）与银行卡号
（16 至 19 位，Luhn 校验），并提供所有报告共用的脱敏函数。

en: the scanner looks for resident identity numbers (18 digits with a valid
check digit; 18 digits with a wrong check digit but a valid area and birth
date, reported as *looks like an identity number*; the 15-digit numbers of
1984-1999 with a valid date), mainland mobile numbers (with or without
``+86``, ``0086`` or ``86``) and bank card numbers (16 to 19 digits with a
valid Luhn check digit) in any text, the way people actually write them:

* characters whose NFKC form is a digit count as that digit (full-width
  ``４４０１``, circled, superscript and mathematical digits), and those whose
  NFKC form is a space, hyphen or dot count as a separator (no-break space,
  ideographic space, full-width hyphen ...). The mapping is one character to
  one character, so every match's ``start`` and ``end`` are offsets in the
  text as written, and masking replaces exactly what was written;
* format characters (zero-width space, joiners, bidi controls, soft hyphen,
  variation selectors) are ignored wherever they are;
* ASCII brackets separate too (``+86 (138) 1234-5678``, a landline habit);
  full-width ones do not: they are everywhere in Chinese text, and the batch
  screen of the NDJSON fast path leaves them out;
* digit groups may be split by one to three separators (``440106 19900101
  1234``, ``4401 0619 9001 0112 34``, ``138-1234-5678``, ``138.1234.5678``);
  every group but the last has at least three digits, so a date
  (``2026-01-01``) never joins the number after it;
* a number may touch a letter (``ID440106...``, ``Tel13812345678``), but not
  a word that mixes letters and digits (a hash, a UUID): ``9f86d0818...``
  holds no identifier.

Everything is linear in the length of the text: a regular expression that
cannot backtrack finds the runs of digit groups, and each group starts at
most a bounded amount of work (an identifier has at most 19 digits).
:func:`might_hold` is the cheap test to run first: most strings fail it
after one search.

:func:`redact` masks every identifier in one pass; :func:`clip` keeps at most
:data:`MAX_REPEAT` characters of a value; :func:`smartstd.masking.mask_finding` applies both
to everything a finding repeats from the data, and every reporter calls it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator
from typing import Any, Final, Literal, NamedTuple

from smartstd._provinces import PROVINCE_CODES

__all__ = [
    "MAX_REPEAT",
    "Kind",
    "Match",
    "clip",
    "might_hold",
    "needs_masking",
    "redact",
    "safe_text",
    "safe_value",
    "scan",
    "screen_bytes",
]

#: What an identifier is: an 18-digit identity number with a valid check digit,
#: one that only looks like one (valid area and date, wrong check digit), a
#: 15-digit identity number, a mobile number, a bank card number.
Kind = Literal["id-number", "id-number-suspect", "id-number-15", "mobile", "bank-card"]

#: How much of a long value a report repeats: a value of more than twice
#: this many characters is cut to its first ``MAX_REPEAT`` (a shorter one,
#: such as a list of known names in a message, is shown whole).
MAX_REPEAT: Final = 200

# --------------------------------------------------------------------------- normalisation

_EXTRA_SEPARATORS = "\t\u00b7\u2010\u2011\u2012\u2013\u2212\u2027\ufe58"
_EXTRA_IGNORED = "\u034f\u115f\u1160\u3164" + "".join(map(chr, range(0xFE00, 0xFE10)))


def derive_tables() -> tuple[dict[int, str], str]:
    """Work out the normalisation table from :mod:`unicodedata` (slow: every code point).

    The module uses :data:`_RANGES`, the same table written out;
    ``tests/test_privacy.py`` checks that the two agree.
    """
    table: dict[int, str] = {}
    for cp in range(0x80, 0x110000):
        if 0xD800 <= cp <= 0xDFFF:
            continue
        ch = chr(cp)
        category = unicodedata.category(ch)
        if category in ("Cn", "Co"):
            continue
        nfkc = unicodedata.normalize("NFKC", ch)
        if len(nfkc) == 1 and (nfkc in "0123456789" or nfkc in "Xx"):
            table[cp] = nfkc
        elif nfkc in (" ", "-", "."):
            table[cp] = " "
        elif category == "Cf":
            table[cp] = "\x00"
    for ch in _EXTRA_SEPARATORS:
        table[ord(ch)] = " "
    for ch in _EXTRA_IGNORED:
        table[ord(ch)] = "\x00"
    for ch in "-.()":  # ASCII brackets split groups too: (138) 1234-5678
        table[ord(ch)] = " "
    table[0] = "\x01"  # a NUL in the text is not an ignorable character
    special = "".join(chr(cp) for cp in sorted(table) if cp >= 0x80)
    return table, special


#: The non-ASCII part of :func:`derive_tables`, as ``(first, last, target,
#: counting)``: code points ``first`` to ``last`` map to ``target``, or, when
#: ``counting``, to ``target`` and the characters after it.
_RANGES: Final[tuple[tuple[int, int, str, bool], ...]] = (
    (0xA0, 0xA0, " ", False),
    (0xAD, 0xAD, "\x00", False),
    (0xB2, 0xB3, "2", True),
    (0xB7, 0xB7, " ", False),
    (0xB9, 0xB9, "1", False),
    (0x2E3, 0x2E3, "x", False),
    (0x34F, 0x34F, "\x00", False),
    (0x600, 0x605, "\x00", False),
    (0x61C, 0x61C, "\x00", False),
    (0x6DD, 0x6DD, "\x00", False),
    (0x70F, 0x70F, "\x00", False),
    (0x890, 0x891, "\x00", False),
    (0x8E2, 0x8E2, "\x00", False),
    (0x115F, 0x1160, "\x00", False),
    (0x180E, 0x180E, "\x00", False),
    (0x2000, 0x200A, " ", False),
    (0x200B, 0x200F, "\x00", False),
    (0x2010, 0x2013, " ", False),
    (0x2024, 0x2024, " ", False),
    (0x2027, 0x2027, " ", False),
    (0x202A, 0x202E, "\x00", False),
    (0x202F, 0x202F, " ", False),
    (0x205F, 0x205F, " ", False),
    (0x2060, 0x2064, "\x00", False),
    (0x2066, 0x206F, "\x00", False),
    (0x2070, 0x2070, "0", False),
    (0x2074, 0x2079, "4", True),
    (0x2080, 0x2089, "0", True),
    (0x2093, 0x2093, "x", False),
    (0x2169, 0x2169, "X", False),
    (0x2179, 0x2179, "x", False),
    (0x2212, 0x2212, " ", False),
    (0x2460, 0x2468, "1", True),
    (0x24CD, 0x24CD, "X", False),
    (0x24E7, 0x24E7, "x", False),
    (0x24EA, 0x24EA, "0", False),
    (0x3000, 0x3000, " ", False),
    (0x3164, 0x3164, "\x00", False),
    (0xFE00, 0xFE0F, "\x00", False),
    (0xFE52, 0xFE52, " ", False),
    (0xFE58, 0xFE58, " ", False),
    (0xFE63, 0xFE63, " ", False),
    (0xFEFF, 0xFEFF, "\x00", False),
    (0xFF0D, 0xFF0E, " ", False),
    (0xFF10, 0xFF19, "0", True),
    (0xFF38, 0xFF38, "X", False),
    (0xFF58, 0xFF58, "x", False),
    (0xFFF9, 0xFFFB, "\x00", False),
    (0x110BD, 0x110BD, "\x00", False),
    (0x110CD, 0x110CD, "\x00", False),
    (0x13430, 0x13438, "\x00", False),
    (0x1BCA0, 0x1BCA3, "\x00", False),
    (0x1D173, 0x1D17A, "\x00", False),
    (0x1D417, 0x1D417, "X", False),
    (0x1D431, 0x1D431, "x", False),
    (0x1D44B, 0x1D44B, "X", False),
    (0x1D465, 0x1D465, "x", False),
    (0x1D47F, 0x1D47F, "X", False),
    (0x1D499, 0x1D499, "x", False),
    (0x1D4B3, 0x1D4B3, "X", False),
    (0x1D4CD, 0x1D4CD, "x", False),
    (0x1D4E7, 0x1D4E7, "X", False),
    (0x1D501, 0x1D501, "x", False),
    (0x1D51B, 0x1D51B, "X", False),
    (0x1D535, 0x1D535, "x", False),
    (0x1D54F, 0x1D54F, "X", False),
    (0x1D569, 0x1D569, "x", False),
    (0x1D583, 0x1D583, "X", False),
    (0x1D59D, 0x1D59D, "x", False),
    (0x1D5B7, 0x1D5B7, "X", False),
    (0x1D5D1, 0x1D5D1, "x", False),
    (0x1D5EB, 0x1D5EB, "X", False),
    (0x1D605, 0x1D605, "x", False),
    (0x1D61F, 0x1D61F, "X", False),
    (0x1D639, 0x1D639, "x", False),
    (0x1D653, 0x1D653, "X", False),
    (0x1D66D, 0x1D66D, "x", False),
    (0x1D687, 0x1D687, "X", False),
    (0x1D6A1, 0x1D6A1, "x", False),
    (0x1D7CE, 0x1D7D7, "0", True),
    (0x1D7D8, 0x1D7E1, "0", True),
    (0x1D7E2, 0x1D7EB, "0", True),
    (0x1D7EC, 0x1D7F5, "0", True),
    (0x1D7F6, 0x1D7FF, "0", True),
    (0x1F147, 0x1F147, "X", False),
    (0x1FBF0, 0x1FBF9, "0", True),
    (0xE0001, 0xE0001, "\x00", False),
    (0xE0020, 0xE007F, "\x00", False),
)


def _tables() -> tuple[dict[int, str], str]:
    """The one-to-one normalisation table, and every non-ASCII character it maps."""
    table: dict[int, str] = {ord(c): " " for c in "-.\t()"}
    table[0] = "\x01"  # a NUL in the text is not an ignorable character
    for first, last, target, counting in _RANGES:
        for cp in range(first, last + 1):
            table[cp] = chr(ord(target) + cp - first) if counting else target
    special = "".join(chr(cp) for cp in sorted(table) if cp >= 0x80)
    return table, special


_NORM, _SPECIAL = _tables()


def _class(chars: str) -> str:
    """A regular-expression class body for ``chars``, as ranges (much faster to match)."""
    ranges: list[list[int]] = []
    for cp in sorted(map(ord, chars)):
        if ranges and cp == ranges[-1][1] + 1:
            ranges[-1][1] = cp
        else:
            ranges.append([cp, cp])
    return "".join(
        re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}"
        for a, b in ranges
    )


#: A run of eleven characters that are all digits, separators or ignorable
#: characters: every identifier's written form holds one.
_QUICK: Final = re.compile("[0-9 .\\-\t()" + _class(_SPECIAL) + "]{11}")
_QUICK_ASCII: Final = re.compile("[0-9 .\\-\t()]{11}")

# In normalised text: a group is digits with ignorable characters (\x00)
# between them; groups are split by one to three separators (each with
# ignorable characters around it). A chain may end with an X (an identity
# number's check character), written right after the digits or, as people
# who group the number write it, after a separator (``440106 19900101 123 x``).
# Possessive quantifiers: no backtracking.
_GROUP = r"[0-9](?:\x00*+[0-9])*+"
_CHAIN: Final = re.compile(
    _GROUP
    + r"(?:\x00*+(?: \x00*+){1,3}"
    + _GROUP
    + r")*+(?:\x00*+(?: \x00*+){0,3}[Xx](?![A-Za-z0-9]))?"
)
_GROUPS: Final = re.compile(r"[0-9](?:\x00*+[0-9])*+(?:\x00*+[Xx]$)?|[Xx]$")
# the groups of a chain without ignorable characters (an X can only end a
# chain: with the last digits, or as a group of its own after a separator)
_PLAIN_GROUPS: Final = re.compile(r"[0-9]++[Xx]?|[Xx]")
# in such a chain: a group that is not eleven digits (or an X)
_NOT_ELEVEN: Final = re.compile(r"(?<![0-9])(?:[0-9]{1,10}+|[0-9]{12,}+)(?![0-9])|[Xx]")
# in a chain of groups of eleven digits: those that are mobile numbers
_MOBILE_GROUPS: Final = re.compile(r"(?<![0-9])1[3-9][0-9]{9}")


def _screen_pattern() -> re.Pattern[bytes]:
    """The UTF-8 of the special characters, as one pattern of byte classes."""
    by_prefix: dict[bytes, set[int]] = {}
    for ch in _SPECIAL:
        data = ch.encode("utf-8")
        by_prefix.setdefault(data[:-1], set()).add(data[-1])
    # Chinese full stops, quotes and commas are everywhere in Chinese text and
    # never split digit groups; the screen leaves them out so clean lines stay clean
    parts = []
    for prefix, lasts in sorted(by_prefix.items()):
        cls = "".join(f"\\x{b:02x}" for b in sorted(lasts))
        parts.append("".join(f"\\x{b:02x}" for b in prefix) + f"[{cls}]")
    return re.compile("|".join(parts).encode("ascii"))


_SCREEN_SPECIAL: Final = _screen_pattern()


def _byte_classes() -> bytes:
    table = bytearray(b"." * 256)
    for c in b"0123456789 -.\t()":
        table[c] = ord("0")
    table[ord("\n")] = ord("\n")
    return bytes(table)


_BYTE_CLASSES: Final = _byte_classes()
_RUN11: Final = b"0" * 11


def _lines_with(data: bytes, positions: Iterator[int]) -> set[int]:
    """The 0-based line numbers of ``data`` at the given (increasing) byte positions."""
    found: set[int] = set()
    line = 0
    counted = 0
    for pos in positions:
        if pos < counted:
            continue
        line += data.count(b"\n", counted, pos)
        found.add(line)
        end = data.find(b"\n", pos)
        if end < 0:
            break
        counted = end
    return found


def _find_all(haystack: bytes, needle: bytes) -> Iterator[int]:
    pos = haystack.find(needle)
    while pos >= 0:
        yield pos
        nl = haystack.find(b"\n", pos)
        if nl < 0:
            return
        pos = haystack.find(needle, nl)


def screen_bytes(data: bytes) -> set[int]:
    r"""The lines of a batch of JSON lines (joined by ``\n``) that may hold an identifier.

    A line is named when it holds eleven ASCII digits, separators or ``\u``
    escapes in a row, or any of the non-ASCII characters that may stand for
    a digit, a separator or nothing (:func:`might_hold` on the decoded
    strings is then the exact test). Runs at memory speed: one
    ``bytes.translate``, then ``bytes.find``.
    """
    found = _lines_with(data, _find_all(data.translate(_BYTE_CLASSES), _RUN11))
    if 92 in data and b"\\u" in data:
        found |= _lines_with(data, _find_all(data, b"\\u"))
    if not data.isascii():
        found |= _lines_with(data, (m.start() for m in _SCREEN_SPECIAL.finditer(data)))
    return found


def might_hold(text: str) -> bool:
    """Whether ``text`` could hold an identifier (a necessary condition, cheap).

    >>> might_hold("2026-01-01T08:00:00+08:00"), might_hold("电话 138 1234 5678")
    (False, True)
    """
    if len(text) < 11:
        return False
    if text.isascii():
        return _QUICK_ASCII.search(text) is not None
    return _QUICK.search(text) is not None


# --------------------------------------------------------------------------- checks

_ID_WEIGHTS: Final = tuple(pow(2, 17 - i, 11) for i in range(17))
_ID_CHECK: Final = "10X98765432"
# the province-level codes, and 83 (residence permits of Taiwan residents)
_REGIONS: Final = PROVINCE_CODES | {"83"}
_MONTH_DAYS: Final = (0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _valid_date(year: int, month: int, day: int) -> bool:
    if not 1 <= month <= 12 or not 1 <= day <= _MONTH_DAYS[month]:
        return False
    if month == 2 and day == 29:
        return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
    return True


def _id18(d: str) -> Kind | None:
    """``id-number``, ``id-number-suspect`` or ``None`` for 18 characters."""
    if d[:2] not in _REGIONS or not d[:17].isdigit():
        return None
    year = int(d[6:10])
    if not 1900 <= year <= 2100 or not _valid_date(year, int(d[10:12]), int(d[12:14])):
        return None
    check = _ID_CHECK[sum(int(c) * w for c, w in zip(d, _ID_WEIGHTS, strict=False)) % 11]
    return "id-number" if check == d[17].upper() else "id-number-suspect"


def _id15(d: str) -> bool:
    return d[:2] in _REGIONS and _valid_date(1900 + int(d[6:8]), int(d[8:10]), int(d[10:12]))


def _luhn(d: str) -> bool:
    total = 0
    for i, c in enumerate(reversed(d)):
        n = ord(c) - 48
        if i % 2:
            n = n * 2 - 9 if n > 4 else n * 2
        total += n
    return total % 10 == 0


def _card_prefix(d: str) -> bool:
    """Issuer ranges of cards in use in China: UnionPay 62, 3 (JCB, Amex), 4, 5, 2221-2720, 9."""
    first = d[0]
    if first in "34569":
        return True
    return first == "2" and 2221 <= int(d[:4]) <= 2720


# --------------------------------------------------------------------------- matches


class Match(NamedTuple):
    """An identifier found in a text (an immutable record; a named tuple, cheap to make).

    Attributes:
        kind: what it is (:data:`Kind`).
        start: where its written form starts in the text (prefix such as
            ``+86`` included).
        end: where it ends (exclusive).
        value: its digits in ASCII (a final ``X`` upper-cased), without
            separators, prefix or ignorable characters.
    """

    kind: Kind
    start: int
    end: int
    value: str

    @property
    def masked(self) -> str:
        """The form a report may show.

        Identity numbers keep the first six and last four characters (the
        last three of a 15-digit one), mobiles the first three and last four,
        cards the first six and last four; a number that only looks like an
        identity number is marked with ``?``.

        >>> Match("mobile", 0, 11, "13812345678").masked
        '138****5678'
        """
        v = self.value
        if self.kind == "mobile":
            return v[:3] + "****" + v[7:]
        if self.kind == "id-number-15":
            return v[:6] + "****" + v[-3:]
        if self.kind == "id-number-suspect":
            return v[:6] + "****" + v[-4:] + "?"
        return v[:6] + "****" + v[-4:]


def _outer_ok(norm: str, start: int, end: int) -> bool:
    """Whether a number spanning ``norm[start:end]`` stands apart from a hash-like word.

    A letter may touch it (``ID``, ``Tel``), unless that letter belongs to a
    run of letters that itself touches a digit (``9f86d0818...``), or the
    whole word is a long run of hex digits.
    """
    n = len(norm)
    i = start - 1
    while i >= 0 and norm[i] == "\x00":
        i -= 1
    j = end
    while j < n and norm[j] == "\x00":
        j += 1
    left_letter = i >= 0 and norm[i].isascii() and norm[i].isalpha()
    right_letter = j < n and norm[j].isascii() and norm[j].isalpha()
    if not (left_letter or right_letter):
        return True
    k = i
    while k >= 0 and ((norm[k].isascii() and norm[k].isalnum()) or norm[k] == "\x00"):
        if norm[k].isdigit() and left_letter:
            return False
        k -= 1
    m = j
    while m < n and ((norm[m].isascii() and norm[m].isalnum()) or norm[m] == "\x00"):
        if norm[m].isdigit() and right_letter:
            return False
        m += 1
    word = norm[k + 1 : m]
    return not (len(word) >= 32 and all(c in "0123456789abcdefABCDEF\x00" for c in word))


def _groups(norm: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """The digit groups of a chain: ``(start, end, digits)``."""
    if norm.find("\x00", start, end) < 0:  # the usual case: nothing to remove from the digits
        return [(m.start(), m.end(), m.group()) for m in _PLAIN_GROUPS.finditer(norm, start, end)]
    return [
        (m.start(), m.end(), m.group().replace("\x00", ""))
        for m in _GROUPS.finditer(norm, start, end)
    ]


def _prefix_start(text: str, norm: str, start: int) -> int:
    """Move a mobile's start back over a ``+`` written before its ``86`` prefix."""
    i = start - 1
    while i >= 0 and norm[i] == "\x00":
        i -= 1
    if i >= 0 and unicodedata.normalize("NFKC", text[i]) == "+":
        return i
    return start


def _mobile(d: str) -> str | None:
    """The 11 digits of a mobile number written as ``d`` (prefix allowed), else ``None``."""
    if len(d) == 11:
        core = d
    elif len(d) == 13 and d.startswith("86"):
        core = d[2:]
    elif len(d) == 15 and d.startswith("0086"):
        core = d[4:]
    else:
        return None
    if core[0] == "1" and core[1] in "3456789" and core.isdigit():
        return core
    return None


#: How card numbers are grouped when they are not written in fours.
_CARD_GROUPINGS: Final = frozenset({(4, 6, 5), (4, 6, 4), (6, 13), (6, 12), (6, 10)})


def _card_grouping(sizes: list[int]) -> bool:
    """Whether digit groups of these sizes are a way card numbers are written."""
    return len(sizes) == 1 or all(n == 4 for n in sizes[:-1]) or tuple(sizes) in _CARD_GROUPINGS


def _match_at(groups: list[tuple[int, int, str]], i: int) -> tuple[Kind, int, str] | None:
    """The identifier starting at group ``i``: its kind, its last group and its digits."""
    digits = ""
    best: tuple[Kind, int, str] | None = None
    suspect: tuple[Kind, int, str] | None = None
    sizes: list[int] = []
    first = groups[i][2]
    for j in range(i, len(groups)):
        g = groups[j][2]
        if (
            sizes
            and sizes[-1] < 3
            and not (j == i + 1 and first in ("86", "0086"))
            and g not in ("X", "x")  # a check character of its own ends the number
        ):
            break  # only the last group may be shorter than three digits
        digits += g
        sizes.append(len(g))
        size = len(digits)
        if size > 19:
            break
        has_x = digits[-1] in "Xx"
        if size == 18:
            kind = _id18(digits)
            if kind == "id-number":
                return kind, j, digits.upper()
            if kind == "id-number-suspect":
                suspect = (kind, j, digits.upper())
        if has_x:
            break
        if 16 <= size <= 19:
            if _card_grouping(sizes) and _card_prefix(digits) and _luhn(digits):
                best = ("bank-card", j, digits)
        elif best is None and suspect is None:
            if size == 15 and _id15(digits):
                best = ("id-number-15", j, digits)
            elif size in (11, 13, 15) and _mobile(digits) is not None:
                best = ("mobile", j, digits)
    if best is not None and best[0] == "bank-card":
        return best
    return suspect or best


def _elevens(norm: str, first: int, last: int) -> bool:
    """Whether the chain ``norm[first:last]`` is groups of eleven digits and nothing else."""
    if norm.find("\x00", first, last) >= 0 or norm[last - 1] in "Xx":
        return False
    size = last - first
    if size % 12 == 11 and norm.count(" ", first, last) == size // 12:
        # split by single separators: a separator every twelfth character
        return norm[first + 11 : last : 12] == " " * (size // 12)
    return _NOT_ELEVEN.search(norm, first, last) is None


def _alone(g: str) -> tuple[Kind, str] | None:
    """What one digit group is on its own: a kind and its digits, as :func:`_match_at` says.

    For a group that no neighbour can join (both together would have more
    than 19 digits).
    """
    size = len(g)
    if size == 11:  # the commonest: a mobile number written without separators
        if g[0] == "1" and g[1] in "3456789" and g[10] not in "Xx":
            return "mobile", g
        return None
    if size < 11 or size > 19:
        return None
    hit = _match_at([(0, size, g)], 0)
    return None if hit is None else (hit[0], hit[2])


def scan(text: str) -> list[Match]:
    """Every identifier in ``text``, in order, none overlapping.

    >>> text = "身份证号 ４４０１０６ １９９００３０７ ７６６８，电话+86 138-1234-5678"
    >>> first, second = scan(text)
    >>> first.masked, second.kind, text[second.start : second.end]
    ('440106****7668', 'mobile', '+86 138-1234-5678')

    Linear in the length of ``text``: one translation, one search for the
    runs of digit groups, and a bounded amount of work per group. A group
    that no neighbour can join (the two together would have more than 19
    digits, as in a list of mobile numbers) is judged on its own.
    """
    if not might_hold(text):
        return []
    norm = text.translate(_NORM)
    found: list[Match] = []
    append = found.append
    for chain in _CHAIN.finditer(norm):
        first, last = chain.span()
        if last - first < 11:
            continue
        if last - first > 23 and _elevens(norm, first, last):
            # the fastest path: groups of eleven digits (a list of mobile
            # numbers), each alone; only the first and last may touch a letter
            for m in _MOBILE_GROUPS.finditer(norm, first, last):
                start, end = m.span()
                if (start != first and end != last) or _outer_ok(norm, start, end):
                    append(Match("mobile", start, end, m.group()))
            continue
        groups = _groups(norm, first, last)
        if len(groups) == 2 and _decimal(text, groups):
            groups = groups[:1]  # a decimal number: its fraction holds no identifier
        if sum(len(g[2]) for g in groups) >= 11:  # fewer digits hold nothing
            _scan_chain(text, norm, groups, append)
    return found


def _decimal(text: str, groups: list[tuple[int, int, str]]) -> bool:
    """Whether two digit groups are one decimal number (``138123456.78``, ``23.13912345678``).

    They are when a single ASCII ``.`` joins them, unless each is long
    enough to be an identifier of its own (two numbers joined by a dot) or
    they are a mobile number grouped 3-8 (``138.12345678``, ``86138.12345678``).
    Other dotted identifiers have more groups (``138.1234.5678``).
    """
    (_, end, head), (start, _, tail) = groups
    if start != end + 1 or text[end] != ".":
        return False
    if len(tail) == 8 and len(head) in (3, 5, 7) and head[-3] == "1" and head[-2] in "3456789":
        return False
    return len(head) < 11 or len(tail) < 11


def _scan_chain(
    text: str, norm: str, groups: list[tuple[int, int, str]], append: Callable[[Match], None]
) -> None:
    """Pass the identifiers of one chain of digit groups to ``append``, in order."""
    last = len(groups) - 1
    i = 0
    while i <= last:
        start, end, g = groups[i]
        if i == last or len(g) + len(groups[i + 1][2]) > 19:
            # the fast path: no neighbour can join this group (a plain number,
            # or one of a list of numbers split by spaces)
            if len(g) == 11:
                if g[0] != "1" or g[1] not in "3456789" or g[10] in "Xx":
                    i += 1
                    continue
                kind: Kind = "mobile"
                digits = g
            else:
                alone = _alone(g)
                if alone is None:
                    i += 1
                    continue
                kind, digits = alone
            j = i
        else:
            hit = _match_at(groups, i)
            if hit is None:
                i += 1
                continue
            kind, j, digits = hit
            end = groups[j][1]
        # a number inside the chain has separators on both sides: no letter touches it
        if not ((i > 0 and j < last) or _outer_ok(norm, start, end)):
            i += 1
            continue
        if kind == "mobile" and len(digits) > 11:  # +86, 0086 or 86 before it
            digits = digits[-11:]
            start = _prefix_start(text, norm, start)
        append(Match(kind, start, end, digits))
        i = j + 1


def iter_texts(value: Any) -> Iterator[str]:
    """Every string in a JSON-like value (keys included), iteratively."""
    stack = [value]
    while stack:
        v = stack.pop()
        if isinstance(v, str):
            yield v
        elif isinstance(v, dict):
            for k, x in v.items():
                if isinstance(k, str):
                    yield k
                stack.append(x)
        elif isinstance(v, (list, tuple)):
            stack.extend(v)


# --------------------------------------------------------------------------- masking


def redact(text: str) -> str:
    """``text`` with every identifier masked, in one pass.

    >>> redact("id 11010519491231002X, tel 138 1234 5678")
    'id 110105****002X, tel 138****5678'
    """
    found = scan(text)
    if not found:
        return text
    parts: list[str] = []
    at = 0
    for m in found:
        parts.append(text[at : m.start])
        parts.append(m.masked)
        at = m.end
    parts.append(text[at:])
    return "".join(parts)


def clip(text: str, limit: int = MAX_REPEAT) -> str:
    """At most ``limit`` characters of ``text``, saying how long it was when cut.

    >>> clip("x" * 300, 10)
    'xxxxxxxxxx…(300 chars)'
    """
    if len(text) <= limit:
        return text
    return f"{text[:limit]}…({len(text)} chars)"


def safe_text(text: str) -> str:
    """What a report may repeat of a value: clipped, then masked.

    Clipping first keeps masking linear in what is shown; an identifier cut
    by the clip is masked by what remains of it or dropped with the rest.
    """
    if len(text) > 2 * MAX_REPEAT:
        # mask within a little more than what is kept, so a number cut at the
        # edge is still recognised, then clip the masked text
        head = redact(text[: MAX_REPEAT + 40])
        return f"{head[:MAX_REPEAT]}…({len(text)} chars)"
    return redact(text)


def safe_value(value: Any, depth: int = 0) -> Any:
    """A parameter's value as a report may repeat it: strings safe, containers cut short."""
    if isinstance(value, str):
        return safe_text(value)
    if depth > 8:
        return value
    if isinstance(value, (list, tuple)):
        if len(value) > 20:
            kept = [safe_value(v, depth + 1) for v in value[:20]]
            return [*kept, f"…({len(value)} items)"]
        return [safe_value(v, depth + 1) for v in value]
    if isinstance(value, dict):
        return {safe_text(str(k)): safe_value(v, depth + 1) for k, v in list(value.items())[:20]}
    if isinstance(value, int) and not isinstance(value, bool) and value >= 10**10:
        text = str(value)
        masked = redact(text)
        return value if masked == text else masked
    if isinstance(value, float) and _whole_float(value):  # a spreadsheet's 13812345678.0
        text = str(int(value))
        masked = redact(text)
        return value if masked == text else masked
    return value


def _whole_float(value: float) -> bool:
    """Whether a float is a whole number of 11 to 19 digits (an identifier a spreadsheet wrote)."""
    return 1e10 <= value < 1e19 and value.is_integer()


def needs_masking(value: Any) -> bool:
    """Whether a value may hold something to mask or clip (a cheap test before the work)."""
    if isinstance(value, str):
        return len(value) > 2 * MAX_REPEAT or might_hold(value)
    if isinstance(value, (list, tuple, dict)):
        return True
    if isinstance(value, float):
        return _whole_float(value)
    return isinstance(value, int) and not isinstance(value, bool) and value >= 10**10


def summarise(matches: list[Match], limit: int = 5) -> str:
    """The masked forms of some matches for a message: the first ``limit``, then a count.

    >>> summarise([Match("mobile", 0, 11, "13812345678")] * 7, 2)
    '138****5678, 138****5678, … (7)'
    """
    shown = ", ".join(m.masked for m in matches[:limit])
    if len(matches) > limit:
        shown += f", … ({len(matches)})"
    return shown
