"""PII redaction applied to asker text before it is stored for public use.

`redact()` replaces personal data with fixed placeholders and reports which kinds it found.
It is deliberately pattern-based and conservative: numbers that carry a checksum (ID cards,
bank cards) are only redacted when the checksum holds, contact details only when they have
the shape of one, and names only after an introducing phrase. Medical numbers (blood pressure,
lab values, dates, dosages) never have these shapes and are left alone.

Not caught (see the tests for the exact boundary): numbers written in Chinese characters
(一三八…), deliberately obfuscated digits (1 3 8 1 2 …), names without an introducing phrase,
and addresses without a house number.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass

from mingyi.safety.redaction_names import redact_names

logger = logging.getLogger(__name__)

MOBILE = "[手机号]"
LANDLINE = "[电话]"
ID_CARD = "[身份证号]"
BANK_CARD = "[银行卡号]"
EMAIL = "[邮箱]"
WECHAT = "[微信号]"
QQ = "[QQ号]"
ADDRESS = "[地址]"
NAME = "[姓名]"
# What redact() returns if it ever fails internally: nothing of the input survives.
FAILED = "[内容已隐藏]"

PLACEHOLDERS: dict[str, str] = {
    "email": EMAIL,
    "id_card": ID_CARD,
    "bank_card": BANK_CARD,
    "mobile": MOBILE,
    "landline": LANDLINE,
    "qq": QQ,
    "wechat": WECHAT,
    "address": ADDRESS,
    "name": NAME,
}
KINDS = tuple(PLACEHOLDERS)


@dataclass(frozen=True)
class Redacted:
    text: str  # the text with PII replaced by placeholders
    kinds: list[str]  # kinds found, in order of first occurrence


# While redacting, each hit becomes "[" + one private-use character + "]": inert for every
# pattern (no digits, letters or CJK inside), exactly like the final placeholder, and
# unambiguous when the kinds are collected at the end.
_MARK_BASE = 0xF0000
_MARKS = {kind: f"[{chr(_MARK_BASE + i)}]" for i, kind in enumerate(KINDS)}
_MARK_KIND = {chr(_MARK_BASE + i): kind for i, kind in enumerate(KINDS)}
_MARK_CHARS = re.compile(f"[{chr(_MARK_BASE)}-{chr(_MARK_BASE + 0xFF)}]")
_MARK_FIND = re.compile(rf"\[([{chr(_MARK_BASE)}-{chr(_MARK_BASE + len(KINDS) - 1)}])\]")

# Character classes: ASCII and full-width digits alike.
_D = "[0-9０-９]"
_ND = "(?<![0-9０-９])"  # not preceded by a digit
_NDA = "(?![0-9０-９])"  # not followed by a digit
_SEP = "[ \u3000\\-－]"  # one separator between digit groups
_FULLWIDTH = str.maketrans("０１２３４５６７８９ＸｘＱｑ", "0123456789XxQq")


def _digits(s: str) -> str:
    """The ASCII digits (and an X check character) of `s`, separators dropped."""
    return "".join(c for c in s.translate(_FULLWIDTH) if c.isdigit() or c in "Xx").upper()


# --- checksums --------------------------------------------------------------------------

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"
# First two digits of a resident ID: province-level region codes.
_ID_REGIONS = frozenset(
    str(code) for code in (*range(11, 16), *range(21, 24), *range(31, 38), *range(41, 47))
) | frozenset(str(code) for code in (*range(50, 55), *range(61, 66), 71, 81, 82, 83, 91))


def id_check_char(first17: str) -> str:
    """The GB 11643-1999 check character for the first 17 digits of an ID number."""
    total = sum(int(c) * w for c, w in zip(first17, _ID_WEIGHTS, strict=True))
    return _ID_CHECK[total % 11]


def _valid_birth(year: int, month: int, day: int) -> bool:
    try:
        born = dt.date(year, month, day)
    except ValueError:
        return False
    return dt.date(1900, 1, 1) <= born <= dt.date.today()


def is_id_card(number: str) -> bool:
    """A valid 18-digit (checksum) or 15-digit (old format) resident ID number."""
    n = _digits(number)
    if n[:2] not in _ID_REGIONS:
        return False
    if len(n) == 18 and n[:17].isdigit():
        birth_ok = _valid_birth(int(n[6:10]), int(n[10:12]), int(n[12:14]))
        return birth_ok and id_check_char(n[:17]) == n[17]
    if len(n) == 15 and n.isdigit():
        return _valid_birth(1900 + int(n[6:8]), int(n[8:10]), int(n[10:12]))
    return False


def luhn_ok(number: str) -> bool:
    """Luhn (mod 10) check, as used by bank card numbers."""
    n = _digits(number)
    if not n.isdigit():
        return False
    total = 0
    for i, c in enumerate(reversed(n)):
        d = int(c) * (2 if i % 2 else 1)
        total += d - 9 if d > 9 else d
    return total % 10 == 0


def is_bank_card(number: str) -> bool:
    n = _digits(number)
    return 16 <= len(n) <= 19 and n[0] != "0" and len(set(n)) > 1 and luhn_ok(n)


# --- patterns ---------------------------------------------------------------------------

_EMAIL = re.compile(
    r"(?<![A-Za-z0-9._%+\-])[A-Za-z0-9][A-Za-z0-9._%+\-]{0,63}\s?[@＠]\s?"
    r"[A-Za-z0-9][A-Za-z0-9\-]{0,62}(?:\.[A-Za-z0-9\-]{1,63}){0,4}\.[A-Za-z]{2,12}(?![A-Za-z])"
)
# Written out to dodge filters: abc123 at qq dot com, abc123#163.com, abc(at)qq点com.
_EMAIL_SPELLED = re.compile(
    r"(?<![A-Za-z0-9._%+\-])[A-Za-z0-9][A-Za-z0-9._%+\-]{0,63}\s*"
    r"(?:\(at\)|\[at\]|（at）|\s(?i:at)\s|#|艾特)\s*[A-Za-z0-9][A-Za-z0-9\-]{0,62}\s*"
    r"(?:\.|点|\s(?i:dot)\s)\s*(?i:com|cn|net|org)(?![A-Za-z])"
)
_ID18_GROUPS = (
    f"{_D}{{17}}",
    f"{_D}{{6}}{_SEP}{_D}{{8}}{_SEP}{_D}{{3}}",
    f"{_D}{{6}}{_SEP}{_D}{{4}}{_SEP}{_D}{{4}}{_SEP}{_D}{{3}}",
    f"{_D}{{4}}{_SEP}{_D}{{4}}{_SEP}{_D}{{4}}{_SEP}{_D}{{4}}{_SEP}{_D}",
    f"{_D}{{3}}{_SEP}{_D}{{3}}{_SEP}{_D}{{4}}{_SEP}{_D}{{4}}{_SEP}{_D}{{3}}",
)
_ID_CARD = re.compile(
    rf"{_ND}(?:(?:{'|'.join(_ID18_GROUPS)})[0-9０-９XxＸｘ](?![A-Za-z])|{_D}{{15}}){_NDA}"
)
_BANK_CARD = re.compile(
    rf"{_ND}(?:{_D}{{16,19}}|{_D}{{4}}(?:{_SEP}{_D}{{4}}){{3}}(?:{_SEP}{_D}{{1,3}})?){_NDA}"
)
_MOBILE = re.compile(
    rf"{_ND}(?:[(（]?(?:[+＋]|00|００)?[ ]?(?:86|８６)[)）]?[ \-]{{0,2}})?"
    rf"[1１][3-9３-９]{_D}(?:{_SEP}?{_D}{{4}}{_SEP}?{_D}{{4}}|{_SEP}{_D}{{8}}){_NDA}"
)
_LANDLINE = re.compile(
    rf"{_ND}(?:[(（][ ]?[0０](?:10|2{_D}|[3-9３-９]{_D}{{2}})[ ]?[)）][ ]?"
    rf"|[0０](?:[1１][0０]|[2２]{_D}|[3-9３-９]{_D}{{2}}){_SEP}?)"
    rf"[1-9１-９]{_D}{{2,3}}{_SEP}?{_D}{{4}}{_NDA}"
    rf"|{_ND}[48４８][0０]{{2}}{_SEP}?{_D}{{3}}{_SEP}?{_D}{{4}}{_NDA}"
)
_QQ = re.compile(
    rf"(?:(?<![A-Za-zＡ-Ｚａ-ｚ])[QqＱｑ]{{2}}|扣扣|企鹅)(?:群)?(?:号码|号)?[ \u3000]{{0,2}}"
    rf"(?:是|为)?[ \u3000]{{0,2}}[:：]?[ \u3000]{{0,2}}(?P<v>[1-9１-９]{_D}{{4,10}}){_NDA}"
)
_WECHAT = re.compile(
    r"(?:微信|薇信|威信|徽信|[vVＶｖ]信|加[vVＶｖ]|(?<![A-Za-z])(?:[vVwW][xX]|(?i:weixin|wechat)))"
    r"(?:号|id|ID)?[ \u3000]{0,2}(?:是|为)?[ \u3000]{0,2}[:：]?[ \u3000]{0,2}"
    r"(?P<v>[A-Za-z0-9_\-]{6,20})(?![A-Za-z0-9_\-])"
)

# Addresses. A place-name character is any letter that is not a digit, ASCII, a function
# word that cannot be inside a place name, or one of the suffixes below (so each name run
# ends at its first suffix and matching stays linear).
_NOT_PLACE = (
    "在住是的到去从我你他她们了与及或请问吗呢吧啊得最很就也还又才疼痛病吃喝说想要"
    "省市区县旗镇乡村路街巷道弄号楼栋幢单元室"
)
_PLACE = rf"[^\W\d_A-Za-z{_NOT_PLACE}]"
_SP = "[ \u3000]{0,2}"
_NUM = f"(?:{_D}{{1,5}}|[一二三四五六七八九十百零〇两]{{1,5}})"
_ADMIN = f"(?:{_PLACE}{{1,7}}?(?:自治区|特别行政区|省|市|区|县|旗|镇|乡|村|街道)){_SP}"
_PREFIX = f"(?:{_ADMIN}){{0,5}}"
_STREET = f"{_PLACE}{{1,6}}?(?:大道|大街|胡同|路|街|巷|道|弄)(?:{_SP}{_NUM}{_SP}段)?"
_UNIT = (
    f"(?:{_SP}[-—－]?{_SP}(?:{_NUM}{_SP}(?:号楼|号院|号|栋|幢|座|楼|单元|层|室|户|组)|[A-Za-z]座))"
)
_NOT_AFTER_TAIL = f"[0-9０-９.．/／:：%％]|{_SP}(?:岁|周|天|个|次|斤|公斤|kg|mg|ml)"
_TAIL = f"(?:(?:[-—－]?{_D}{{1,5}}){{1,3}}(?!{_NOT_AFTER_TAIL}))?"
_ESTATE = "小区|花园|家园|嘉园|公寓|新村|大厦|苑|公馆|华庭"
_ADDRESS = re.compile(
    "|".join(
        (
            f"{_PREFIX}{_STREET}{_SP}{_NUM}{_SP}[号弄](?:院)?{_UNIT}*{_TAIL}",
            f"{_PREFIX}(?:{_STREET}{_SP}{_NUM}{_SP}号)?{_PLACE}{{1,10}}?(?:{_ESTATE}){_SP}"
            f"{_NUM}{_SP}(?:号楼|号院|栋|幢|座|期|区|单元|楼|号){_UNIT}*{_TAIL}",
            f"{_PREFIX}{_PLACE}{{1,8}}?村{_SP}{_NUM}{_SP}(?:组|队|社|号){_UNIT}*{_TAIL}",
            f"{_ND}{_NUM}{_SP}(?:号楼|栋|幢){_SP}{_NUM}{_SP}单元(?:{_SP}{_NUM}{_SP}[室号]?)?",
            f"{_ND}{_NUM}{_SP}单元{_SP}{_NUM}{_SP}室",
        )
    )
)
# Words that end like a street but are not one (知道3号 is "know on the 3rd").
_NOT_STREETS = tuple(
    re.findall(
        r"\S+",
        "知道 难道 味道 频道 通道 渠道 报道 轨道 跑道 阴道 尿道 食道 肠道 产道 胆道 气道 鼻道 耳道 "
        "泪道 管道 呼吸道 消化道 走路 一路 上街 逛街 马路上",
    )
)


def _address_ok(m: re.Match[str]) -> bool:
    text = m.group(0)
    head = re.split(r"[0-9０-９一二三四五六七八九十百零〇两]", text, maxsplit=1)[0]
    return not any(head.endswith(word) for word in _NOT_STREETS)


# --- the pipeline -----------------------------------------------------------------------


def _sub(
    text: str,
    pattern: re.Pattern[str],
    kind: str,
    valid: Callable[[re.Match[str]], bool] | None = None,
    group: str | None = None,
) -> str:
    mark = _MARKS[kind]

    def replace(m: re.Match[str]) -> str:
        if valid is not None and not valid(m):
            return m.group(0)
        if group is None:
            return mark
        start, end = m.start(group) - m.start(), m.end(group) - m.start()
        whole = m.group(0)
        return whole[:start] + mark + whole[end:]

    return pattern.sub(replace, text)


def _same_elsewhere(text: str, pattern: re.Pattern[str], kind: str) -> str:
    """Redact the values found by an introduced pattern, and every other occurrence of them."""
    values = {m.group("v") for m in pattern.finditer(text)}
    text = _sub(text, pattern, kind, group="v")
    for value in sorted(values, key=len, reverse=True):
        text = re.sub(
            rf"(?<![A-Za-z0-9_\-]){re.escape(value)}(?![A-Za-z0-9_\-])", _MARKS[kind], text
        )
    return text


_STEPS: tuple[Callable[[str], str], ...] = (
    lambda t: _sub(t, _EMAIL, "email"),
    lambda t: _sub(t, _EMAIL_SPELLED, "email"),
    lambda t: _sub(t, _ID_CARD, "id_card", lambda m: is_id_card(m.group(0))),
    lambda t: _sub(t, _BANK_CARD, "bank_card", lambda m: is_bank_card(m.group(0))),
    lambda t: _sub(t, _MOBILE, "mobile"),
    lambda t: _sub(t, _LANDLINE, "landline"),
    lambda t: _same_elsewhere(t, _QQ, "qq"),
    lambda t: _same_elsewhere(t, _WECHAT, "wechat"),
    lambda t: _sub(t, _ADDRESS, "address", _address_ok),
    lambda t: redact_names(t, _MARKS["name"]),
)


def _redact(text: str) -> Redacted:
    work = _MARK_CHARS.sub("\ufffd", text)  # private-use characters could pose as our marks
    for step in _STEPS:
        work = step(work)
    kinds: list[str] = []
    for m in _MARK_FIND.finditer(work):
        kind = _MARK_KIND[m.group(1)]
        if kind not in kinds:
            kinds.append(kind)
    out = _MARK_FIND.sub(lambda m: PLACEHOLDERS[_MARK_KIND[m.group(1)]], work)
    return Redacted(text=out, kinds=kinds)


def redact(text: str) -> Redacted:
    """`text` with personal data replaced by placeholders, and the kinds found.

    Never raises. Should anything inside fail, it fails closed: the whole text is replaced by
    FAILED and kinds is ["error"], so nothing unredacted can be stored by mistake.
    """
    if not isinstance(text, str):
        text = "" if text is None else str(text)
    if not text:
        return Redacted(text="", kinds=[])
    try:
        return _redact(text)
    except Exception:
        logger.exception("redaction failed; the text is withheld")
        return Redacted(text=FAILED, kinds=["error"])
