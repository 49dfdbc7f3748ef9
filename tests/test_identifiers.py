"""Tests for smartstd.identifiers: published examples, reasons, and properties."""

from __future__ import annotations

import datetime as dt
import doctest
import hashlib
import re

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from smartstd import identifiers
from smartstd.identifiers import (
    CREDIT_CODE_ALPHABET,
    CREDIT_CODE_AUTHORITIES,
    GUANGZHOU,
    GUANGZHOU_DISTRICTS,
    ID_NUMBER_HASH_PATTERN,
    MASKED_MOBILE_PATTERN,
    MOBILE_PATTERN,
    PROVINCE_CODES,
    credit_code_check_char,
    credit_code_problem,
    division_code_problem,
    division_level,
    find_id_numbers,
    find_mobiles,
    hash_id_number,
    id_number_check_digit,
    id_number_problem,
    is_credit_code,
    is_division_code,
    is_id_number,
    is_masked_mobile,
    is_mobile,
    make_credit_code,
    mask_mobile,
    normalize_mobile,
    parent_division,
)

# ---------------------------------------------------------------- reference
# Deliberately naive re-implementations, straight from the standards' text,
# to cross-check the optimised ones.


def reference_credit_check(first17: str) -> str:
    weights = [3**i % 31 for i in range(17)]  # GB 32100: W_i = 3^(i-1) mod 31
    total = sum(CREDIT_CODE_ALPHABET.index(c) * w for c, w in zip(first17, weights, strict=True))
    value = 31 - total % 31
    return CREDIT_CODE_ALPHABET[0 if value == 31 else value]


def reference_id_check(first17: str) -> str:
    weights = [2 ** (17 - i) % 11 for i in range(17)]  # ISO 7064 MOD 11-2
    total = sum(int(c) * w for c, w in zip(first17, weights, strict=True))
    value = (12 - total % 11) % 11
    return "X" if value == 10 else str(value)


def test_reference_weights_match_the_brief() -> None:
    assert [3**i % 31 for i in range(17)] == [
        1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28,
    ]  # fmt: skip
    assert [2 ** (17 - i) % 11 for i in range(17)] == [
        7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2,
    ]  # fmt: skip


# ---------------------------------------------------------------- module


def test_docstring_examples_run() -> None:
    result = doctest.testmod(identifiers, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0
    assert result.failed == 0


def _isort_key(name: str) -> tuple[int, str]:
    # The order ruff's RUF022 keeps: CONSTANTS, then Classes, then functions.
    if name.isupper():
        return (0, name)
    return (1 if name[:1].isupper() else 2, name)


def test_all_is_sorted_and_complete() -> None:
    public = sorted(identifiers.__all__, key=_isort_key)
    assert identifiers.__all__ == public
    for name in public:
        assert hasattr(identifiers, name)
    defined = {
        name
        for name, value in vars(identifiers).items()
        if not name.startswith("_")
        and getattr(value, "__module__", None) == identifiers.__name__
        and callable(value)
    }
    assert defined <= set(public)


@pytest.mark.parametrize("pattern", [MOBILE_PATTERN, MASKED_MOBILE_PATTERN, ID_NUMBER_HASH_PATTERN])
def test_published_patterns_compile(pattern: str) -> None:
    assert pattern.startswith("^")
    assert pattern.endswith("$")
    re.compile(pattern)


# ---------------------------------------------------------------- GB/T 2260


@pytest.mark.parametrize(
    "code",
    ["440113", "440100", "440000", "110101", "429004", "650000", "820000", *GUANGZHOU_DISTRICTS],
)
def test_valid_division_codes(code: str) -> None:
    assert division_code_problem(code) is None
    assert is_division_code(code)


@pytest.mark.parametrize(
    ("code", "reason"),
    [
        ("000000", "unknown-province"),
        ("999999", "unknown-province"),
        ("100000", "unknown-province"),
        ("830000", "unknown-province"),
        ("44011", "not-six-digits"),
        ("4401130", "not-six-digits"),
        ("", "not-six-digits"),
        ("44011a", "not-six-digits"),
        ("440113\n", "not-six-digits"),
        (" 440113", "not-six-digits"),
        ("４４０１１３", "not-six-digits"),  # full-width digits
        ("44011٣", "not-six-digits"),  # Arabic-Indic digit: str.isdigit() says yes
        ("440013", "county-without-prefecture"),
    ],
)
def test_invalid_division_codes(code: str, reason: str) -> None:
    assert division_code_problem(code) == reason
    assert not is_division_code(code)


@pytest.mark.parametrize(
    ("code", "level", "parent"),
    [
        ("440000", "province", None),
        ("440100", "prefecture", "440000"),
        ("440113", "county", "440100"),
        ("110101", "county", "110100"),
        ("429004", "county", "429000"),
        ("810000", "province", None),
    ],
)
def test_division_level_and_parent(code: str, level: str, parent: str | None) -> None:
    assert division_level(code) == level
    assert parent_division(code) == parent


@pytest.mark.parametrize("code", ["999999", "44011", "440013"])
def test_division_level_and_parent_reject_invalid_codes(code: str) -> None:
    with pytest.raises(ValueError, match="not a division code"):
        division_level(code)
    with pytest.raises(ValueError, match="not a division code"):
        parent_division(code)


def test_guangzhou_districts() -> None:
    assert GUANGZHOU == "440100"
    assert division_level(GUANGZHOU) == "prefecture"
    assert len(GUANGZHOU_DISTRICTS) == 11
    assert GUANGZHOU_DISTRICTS["440113"] == ("番禺区", "Panyu")
    assert GUANGZHOU_DISTRICTS["440106"] == ("天河区", "Tianhe")
    for code, (zh, en) in GUANGZHOU_DISTRICTS.items():
        assert division_level(code) == "county"
        assert parent_division(code) == GUANGZHOU
        assert zh.endswith("区")
        assert en.isascii()
        assert en[:1].isupper()
    assert list(GUANGZHOU_DISTRICTS) == sorted(GUANGZHOU_DISTRICTS)


def test_guangzhou_districts_are_read_only() -> None:
    with pytest.raises(TypeError):
        GUANGZHOU_DISTRICTS["440199"] = ("x", "y")  # type: ignore[index]


def test_province_codes() -> None:
    assert len(PROVINCE_CODES) == 34
    assert {"11", "44", "65", "71", "81", "82"} <= PROVINCE_CODES


@given(st.from_regex(r"[0-9]{6}", fullmatch=True))
def test_division_codes_agree_with_their_level(code: str) -> None:
    if is_division_code(code):
        level = division_level(code)
        parent = parent_division(code)
        if level == "province":
            assert parent is None
        else:
            assert parent is not None
            assert is_division_code(parent)
            assert parent[:2] == code[:2]
    else:
        assert division_code_problem(code) in {"unknown-province", "county-without-prefecture"}


# ---------------------------------------------------------------- GB 32100

# Published codes (from business licences and public registers), each checked
# against the algorithm. The 12, 31 and 53 codes are a public institution, a
# law firm and a foundation: authorities other than 9 (business) occur.
PUBLISHED_CREDIT_CODES = [
    "91350100M000100Y43",
    "91110000600037341L",
    "91440300708461136T",
    "91330100716105852F",
    "91110108551385082Q",
    "914403001922038216",
    "91310000717854505W",
    "12100000400000624D",
    "31110000E000169525",
    "53100000500021676K",
]


@pytest.mark.parametrize("code", PUBLISHED_CREDIT_CODES)
def test_published_credit_codes_are_valid(code: str) -> None:
    assert credit_code_problem(code) is None
    assert is_credit_code(code)
    assert credit_code_check_char(code[:17]) == code[17]
    assert reference_credit_check(code[:17]) == code[17]
    assert make_credit_code(code[:17]) == code


@pytest.mark.parametrize(
    ("code", "reason"),
    [
        ("91350100M000100Y44", "check-character"),
        ("91350100M000100Y4", "length"),
        ("91350100M000100Y433", "length"),
        ("", "length"),
        ("91350100m000100Y43", "bad-character"),  # lower case
        ("91350100M000I00Y43", "bad-character"),  # I is not in the alphabet
        ("91350100MO00100Y43", "bad-character"),  # nor is O
        ("91350100M000100Y4Z", "bad-character"),  # nor Z
        ("91350100M000100Y4 ", "bad-character"),
        ("01350100M000100Y43", "unknown-authority"),
        ("B1350100M000100Y43", "unknown-authority"),
        ("90350100M000100Y43", "unknown-org-type"),
        ("9A350100M000100Y43", "unknown-org-type"),
        ("913501A0M000100Y43", "bad-division"),
    ],
)
def test_invalid_credit_codes(code: str, reason: str) -> None:
    assert credit_code_problem(code) == reason
    assert not is_credit_code(code)


@pytest.mark.parametrize(
    "first17",
    ["", "91350100M000100Y", "91350100M000100Y43", "91350100M000100y4", "913501 0M000100Y4"],
)
def test_credit_code_check_char_rejects_bad_input(first17: str) -> None:
    with pytest.raises(ValueError, match="expected 17 characters"):
        credit_code_check_char(first17)


@pytest.mark.parametrize("first17", ["01350100M000100Y4", "90350100M000100Y4", "913501A0M000100Y4"])
def test_make_credit_code_rejects_bad_structure(first17: str) -> None:
    with pytest.raises(ValueError, match="not the start of a credit code"):
        make_credit_code(first17)


_alphabet = st.sampled_from(CREDIT_CODE_ALPHABET)
credit_prefixes = st.builds(
    lambda authority, kind, division, org: authority + kind + division + org,
    st.sampled_from(sorted(CREDIT_CODE_AUTHORITIES)),
    st.sampled_from("123456789"),
    st.from_regex(r"[0-9]{6}", fullmatch=True),
    st.text(_alphabet, min_size=9, max_size=9),
)


@given(credit_prefixes)
def test_make_credit_code_is_always_valid(first17: str) -> None:
    code = make_credit_code(first17)
    assert code[:17] == first17
    assert is_credit_code(code)
    assert credit_code_problem(code) is None
    assert code[17] == reference_credit_check(first17)


@given(st.text(_alphabet, min_size=17, max_size=17))
def test_credit_check_char_matches_reference(first17: str) -> None:
    assert credit_code_check_char(first17) == reference_credit_check(first17)


@given(credit_prefixes, st.integers(0, 17), _alphabet)
def test_credit_check_detects_any_single_substitution(
    first17: str, position: int, replacement: str
) -> None:
    code = make_credit_code(first17)
    assume(code[position] != replacement)
    changed = code[:position] + replacement + code[position + 1 :]
    assert not is_credit_code(changed)
    assert credit_code_problem(changed) is not None


@given(credit_prefixes, st.integers(0, 15))
def test_credit_check_detects_adjacent_transpositions(first17: str, position: int) -> None:
    code = make_credit_code(first17)
    a, b = code[position], code[position + 1]
    assume(a != b)
    swapped = code[:position] + b + a + code[position + 2 :]
    assert not is_credit_code(swapped)


# ---------------------------------------------------------------- GB 11643

# The standard's own example, then numbers built for these tests (not real
# people): a leap day, the first allowed date, Hong Kong (81) and Taiwan
# residents (83, residence permits), and the last allowed year.
VALID_ID_NUMBERS = [
    "11010519491231002X",
    "11010519491231002x",
    "440113198507151234",
    "440103200002290017",
    "110101190001010006",
    "810000199001010019",
    "830000199512310025",
    "440113210012319997",
]


@pytest.mark.parametrize("number", VALID_ID_NUMBERS)
def test_valid_id_numbers(number: str) -> None:
    assert id_number_problem(number) is None
    assert is_id_number(number)
    assert id_number_check_digit(number[:17]) == number[17].upper()
    assert reference_id_check(number[:17]) == number[17].upper()


@pytest.mark.parametrize(
    ("number", "reason"),
    [
        ("110105194912310021", "check-digit"),
        ("11010519491231002Y", "bad-character"),
        ("A1010519491231002X", "bad-character"),
        ("1101051949123100X2", "bad-character"),
        ("11010519491231002X\n", "length"),
        ("11010519491231002", "length"),
        ("11010519491231002XX", "length"),
        ("", "length"),
        ("１１０１０５１９４９１２３１００２Ｘ", "bad-character"),  # full-width
        ("11010519491231002٣", "bad-character"),  # Arabic-Indic digit
        ("110105194902300028", "bad-date"),  # 30 February
        ("110105190002290025", "bad-date"),  # 1900 was not a leap year
        ("110105194913010020", "bad-date"),  # month 13
        ("110105194900010020", "bad-date"),  # month 0
        ("110105194912000020", "bad-date"),  # day 0
        ("110105194904310020", "bad-date"),  # 31 April
        ("110105189912310020", "bad-date"),  # before 1900
        ("110105210101010020", "bad-date"),  # after 2100
        ("000000194912310020", "unknown-province"),
        ("990105194912310020", "unknown-province"),
        ("720105194912310020", "unknown-province"),
    ],
)
def test_invalid_id_numbers(number: str, reason: str) -> None:
    assert id_number_problem(number) == reason
    assert not is_id_number(number)


@pytest.mark.parametrize(
    "first17", ["", "1101051949123100", "11010519491231002X", "1101051949123100a"]
)
def test_id_number_check_digit_rejects_bad_input(first17: str) -> None:
    with pytest.raises(ValueError, match="17 digits") as info:
        id_number_check_digit(first17)
    if first17:
        assert first17 not in str(info.value)


id_prefixes = st.builds(
    lambda region, rest, born, sequence: region + rest + born.strftime("%Y%m%d") + sequence,
    st.sampled_from(sorted(PROVINCE_CODES)),
    st.from_regex(r"[0-9]{4}", fullmatch=True),
    st.dates(dt.date(1900, 1, 1), dt.date(2100, 12, 31)),
    st.from_regex(r"[0-9]{3}", fullmatch=True),
)


@given(st.from_regex(r"[0-9]{17}", fullmatch=True))
def test_id_check_digit_matches_reference(first17: str) -> None:
    assert id_number_check_digit(first17) == reference_id_check(first17)


@given(id_prefixes)
def test_id_numbers_with_their_check_digit_are_valid(first17: str) -> None:
    number = first17 + id_number_check_digit(first17)
    assert is_id_number(number)
    assert is_id_number(number.lower())


@given(id_prefixes, st.integers(0, 17), st.sampled_from("0123456789X"))
def test_id_check_digit_detects_any_single_substitution(
    first17: str, position: int, replacement: str
) -> None:
    number = first17 + id_number_check_digit(first17)
    assume(number[position] != replacement)
    changed = number[:position] + replacement + number[position + 1 :]
    assert not is_id_number(changed)


@given(id_prefixes, st.integers(0, 15))
def test_id_check_digit_detects_adjacent_transpositions(first17: str, position: int) -> None:
    number = first17 + id_number_check_digit(first17)
    a, b = number[position], number[position + 1]
    assume(a != b)
    swapped = number[:position] + b + a + number[position + 2 :]
    assert not is_id_number(swapped)


def test_find_id_numbers_in_free_text() -> None:
    text = (
        "居民张三，身份证号11010519491231002X。"
        "另一个：440113198507151234, 错误的：110105194912310021；"
        "嵌在数字中：011010519491231002X，嵌在字母中：a440113198507151234，"
        "x结尾：11010519491231002x"
    )
    found = find_id_numbers(text)
    assert [number for _, number in found] == [
        "11010519491231002X",
        "440113198507151234",
        "11010519491231002x",
    ]
    for offset, number in found:
        assert text[offset : offset + len(number)] == number


@pytest.mark.parametrize(
    "text",
    [
        "",
        "没有号码",
        "11010519491231002X1",
        "911010519491231002X",
        "ID11010519491231002X",
        "11010519491231002Xa",
        "110105194912310021",
        "11010519491231002",
    ],
)
def test_find_id_numbers_finds_nothing(text: str) -> None:
    assert find_id_numbers(text) == []


def test_find_id_numbers_at_the_edges() -> None:
    assert find_id_numbers("11010519491231002X") == [(0, "11010519491231002X")]
    assert find_id_numbers("_11010519491231002X_") == [(1, "11010519491231002X")]


def test_hash_id_number() -> None:
    digest = hash_id_number("11010519491231002X", "pepper")
    assert digest == hashlib.sha256(b"pepper11010519491231002X").hexdigest()
    assert re.fullmatch(ID_NUMBER_HASH_PATTERN, digest)
    assert hash_id_number("11010519491231002x", "pepper") == digest
    assert hash_id_number("11010519491231002X", "salt") != digest
    assert hash_id_number("440113198507151234", "pepper") != digest


def test_hash_id_number_salt_is_utf8() -> None:
    expected = hashlib.sha256("盐11010519491231002X".encode()).hexdigest()
    assert hash_id_number("11010519491231002X", "盐") == expected


@pytest.mark.parametrize("number", ["110105194912310021", "11010519491231002", "abc"])
def test_hash_id_number_rejects_invalid_numbers_without_echoing_them(number: str) -> None:
    with pytest.raises(ValueError, match="not a valid identity number") as info:
        hash_id_number(number, "pepper")
    assert number not in str(info.value)


def test_hash_id_number_rejects_an_empty_salt() -> None:
    with pytest.raises(ValueError, match="salt"):
        hash_id_number("11010519491231002X", "")


@given(id_prefixes, st.text(min_size=1))
def test_hash_id_number_matches_its_pattern(first17: str, salt: str) -> None:
    assert re.fullmatch(
        ID_NUMBER_HASH_PATTERN, hash_id_number(first17 + reference_id_check(first17), salt)
    )


# ---------------------------------------------------------------- mobiles


@pytest.mark.parametrize(
    ("written", "digits"),
    [
        ("13812345678", "13812345678"),
        ("19912345678", "19912345678"),
        ("138 1234 5678", "13812345678"),
        ("138-1234-5678", "13812345678"),
        ("+8613812345678", "13812345678"),
        ("+86 13812345678", "13812345678"),
        ("+86-138-1234-5678", "13812345678"),
        ("+86 138 1234 5678", "13812345678"),
        ("8613812345678", "13812345678"),
        ("86 138 1234 5678", "13812345678"),
        ("008613812345678", "13812345678"),
        ("0086 138-1234-5678", "13812345678"),
    ],
)
def test_mobiles(written: str, digits: str) -> None:
    assert is_mobile(written)
    assert normalize_mobile(written) == digits
    assert mask_mobile(written) == digits[:3] + "****" + digits[7:]
    assert not is_masked_mobile(written)


@pytest.mark.parametrize(
    "written",
    [
        "",
        "12812345678",  # no 12x numbers
        "10086",
        "1381234567",
        "138123456789",
        "138****5678",
        "138 1234-5678",  # mixed separators
        "138 12345678",
        "138  1234  5678",
        "1381234 5678",
        " 13812345678",
        "13812345678\n",
        "+87 13812345678",
        "+086 13812345678",
        "(+86) 13812345678",
        "１３８１２３４５６７８",  # full-width
        "1381234567٣",  # Arabic-Indic digit
    ],
)
def test_not_mobiles(written: str) -> None:
    assert not is_mobile(written)
    assert normalize_mobile(written) is None
    with pytest.raises(ValueError, match="not a mainland mobile number") as info:
        mask_mobile(written)
    if written:
        assert written not in str(info.value)


@pytest.mark.parametrize("masked", ["138****1234", "199****0000"])
def test_masked_mobiles(masked: str) -> None:
    assert is_masked_mobile(masked)
    assert re.fullmatch(MASKED_MOBILE_PATTERN, masked)
    assert not is_mobile(masked)


@pytest.mark.parametrize(
    "text",
    [
        "138***1234",
        "138*****234",
        "128****1234",
        "138****1234\n",
        "+86 138****1234",
        "138-****-1234",
    ],
)
def test_not_masked_mobiles(text: str) -> None:
    assert not is_masked_mobile(text)


mobiles = st.from_regex(r"1[3-9][0-9]{9}", fullmatch=True)


@given(mobiles)
def test_mask_mobile_output_is_masked_and_not_a_mobile(number: str) -> None:
    masked = mask_mobile(number)
    assert re.fullmatch(MASKED_MOBILE_PATTERN, masked)
    assert is_masked_mobile(masked)
    assert not is_mobile(masked)
    assert find_mobiles(masked) == []
    assert masked[:3] == number[:3]
    assert masked[-4:] == number[-4:]


@given(st.text(alphabet="0123456789+-* x", max_size=20))
def test_plain_mobiles_agree_with_the_published_pattern(text: str) -> None:
    assert (re.fullmatch(MOBILE_PATTERN[1:-1], text) is not None) == (
        is_mobile(text) and normalize_mobile(text) == text
    )
    assert (re.fullmatch(MASKED_MOBILE_PATTERN[1:-1], text) is not None) == is_masked_mobile(text)


@given(
    mobiles,
    st.sampled_from(["", "+86", "+86 ", "86-", "0086", "0086 "]),
    st.sampled_from(["", " ", "-"]),
)
def test_written_forms_normalise(number: str, prefix: str, separator: str) -> None:
    written = prefix + separator.join((number[:3], number[3:7], number[7:]))
    assert normalize_mobile(written) == number
    assert find_mobiles(f"电话：{written}。") == [(3, written)]


def test_find_mobiles_in_free_text() -> None:
    text = (
        "业主李四电话13812345678，紧急联系人+86 139-0000-1111；"
        "订单号1381234567890不是手机号；热线10086；Tel15912345678；"
        "已脱敏138****5678；0086-177 1234 5678"
    )
    found = find_mobiles(text)
    assert [written for _, written in found] == [
        "13812345678",
        "+86 139-0000-1111",
        "15912345678",
        "0086-177 1234 5678",
    ]
    assert [normalize_mobile(written) for _, written in found] == [
        "13812345678",
        "13900001111",
        "15912345678",
        "17712345678",
    ]
    for offset, written in found:
        assert text[offset : offset + len(written)] == written


@pytest.mark.parametrize(
    "text",
    ["", "10086", "138123456789", "213812345678", "138****5678", "1381234567", "12812345678"],
)
def test_find_mobiles_finds_nothing(text: str) -> None:
    assert find_mobiles(text) == []


# ---------------------------------------------------------------- fast paths
# The is_* predicates take a faster path than the *_problem functions; they
# must agree everywhere, and the date regex must agree with the calendar.


def _calendar_date_ok(yyyymmdd: str) -> bool:
    try:
        born = dt.datetime.strptime(yyyymmdd, "%Y%m%d").date()
    except ValueError:
        return False
    return dt.date(1900, 1, 1) <= born <= dt.date(2100, 12, 31)


@given(
    st.integers(1890, 2110),
    st.integers(0, 13),
    st.integers(0, 32),
    st.from_regex(r"[0-9]{3}", fullmatch=True),
)
def test_birth_dates_follow_the_calendar(year: int, month: int, day: int, sequence: str) -> None:
    born = f"{year:04d}{month:02d}{day:02d}"
    first17 = "440113" + born + sequence
    number = first17 + reference_id_check(first17)
    assert is_id_number(number) == _calendar_date_ok(born)
    assert id_number_problem(number) == (None if _calendar_date_ok(born) else "bad-date")


def _mutations(valid: st.SearchStrategy[str], alphabet: str) -> st.SearchStrategy[str]:
    def mutate(code: str, position: int, char: str, cut: int) -> str:
        changed = code[:position] + char + code[position + 1 :]
        return changed[:cut]

    return st.builds(
        mutate, valid, st.integers(0, 17), st.sampled_from(alphabet), st.integers(16, 19)
    )


_id_candidates = st.one_of(
    st.text(st.sampled_from("0123456789Xx٣ "), max_size=19),
    _mutations(id_prefixes.map(lambda f: f + reference_id_check(f)), "0123456789Xx٣a"),
)
_credit_candidates = st.one_of(
    st.text(st.sampled_from(CREDIT_CODE_ALPHABET + "IOSVZa "), max_size=19),
    _mutations(credit_prefixes.map(make_credit_code), CREDIT_CODE_ALPHABET + "Ia"),
)


@given(_id_candidates)
def test_is_id_number_agrees_with_id_number_problem(candidate: str) -> None:
    assert is_id_number(candidate) == (id_number_problem(candidate) is None)


@given(_credit_candidates)
def test_is_credit_code_agrees_with_credit_code_problem(candidate: str) -> None:
    assert is_credit_code(candidate) == (credit_code_problem(candidate) is None)
