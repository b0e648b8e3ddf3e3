"""Spam and advertising filter for asker questions.

A flagged question goes to the editors' queue, not to deletion, but every flag costs an editor
minutes and delays a genuine patient, so each rule needs evidence: a genuine question that
mentions 微信, a drug, a discount at the pharmacy or a part-time job is not spam. Single weak
signals (one advertising word, a phone number) never flag on their own.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from mingyi.safety.redaction import redact

REASON_CONTACT = "招揽联系方式"
REASON_LINK = "包含链接"
REASON_AD = "广告推销"
REASON_REPEAT = "重复发布"
REASON_GIBBERISH = "无意义内容"

REPEAT_THRESHOLD = 0.9  # character-bigram Jaccard similarity that counts as the same post
CONTACT_KINDS = frozenset({"mobile", "landline", "wechat", "qq", "email"})

# Asking someone to contact the poster, or recruiting. Matched on the normalized text
# (NFKC, lower case, whitespace removed).
SOLICITATION = (
    r"加我(?:的)?(?:微信|薇信|威信|v信|vx|wx|v|qq|扣扣|好友)",
    r"加(?:微信|薇信|威信|v信|vx|wx|v|qq|扣扣)(?:号)?[:：]?[a-z0-9_\-]{5,}",
    r"(?<![a-z0-9])\+(?:v|vx|wx|q|微信)(?![a-z])",
    r"扣扣|(?<![a-z])vx(?![a-z])",
    r"私聊|私信我|私我|滴滴我|戳我|详询",
    r"联系(?:电话|方式|我)[:：]?(?=[0-9])",
    r"咨询(?:热线|微信)",
    r"招商(?!银行|局|证券)|诚招|招(?:收)?代理|代理(?:加盟|招募|火热|商)|(?:招商|诚邀|欢迎)加盟",
    r"(?<!被)刷单(?!.{0,8}(?:被骗|骗局|诈骗|上当|骗了))|日结|日赚|躺赚|月入(?:过|上)万",
    r"兼职(?:日结|招聘|招人|赚|打字|刷单|在家|宝妈|学生|可做|手机)|招(?:聘)?兼职",
)
# Contact details given together with one of these (commercial) words also solicit contact;
# a patient leaving a phone number for the doctor does not.
CONTACT_INVITES = ("需要的", "有需要", "有意", "欢迎", "详情", "订购", "购买", "代理", "合作")

LINK = (
    r"https?://",
    r"www\.",
    r"(?<![a-z0-9])[a-z0-9][a-z0-9\-]{0,62}\.(?:com|cn|net|org|top|xyz|cc|vip|shop|info"
    r"|club|site|online|link|app|ink|wang|icu|live)(?![a-z0-9])",
    r"t\.cn/",
    r"(?:点|dot)(?:com|cn|net|top|xyz|vip)(?![a-z])",
)

# Advertising vocabulary. STRONG phrases are advertising on their own; the others need company.
AD_STRONG = (
    "限时优惠",
    "限时特价",
    "特价促销",
    "全场包邮",
    "全国包邮",
    "厂家直销",
    "药店直销",
    "货到付款",
    "假一赔十",
    "量大从优",
    "欢迎订购",
    "欢迎选购",
    "欢迎咨询",
    "批发价",
    "免费领取",
    "点击领取",
    "扫码领取",
    "秒杀",
    "清仓",
)
AD_TERMS = (
    "优惠",
    "打折",
    "折扣",
    "包邮",
    "限时",
    "特价",
    "代购",
    "出售",
    "批发",
    "直销",
    "促销",
    "低价",
    "团购",
    "下单",
    "订购",
    "原价",
    "零售",
    "现货",
    "正品",
    "热卖",
    "抢购",
    "优惠券",
    "免费送",
    "买一送一",
)
# A question mark or question words: a patient asking about a discount needs more evidence.
QUESTION_CUES = (
    "?",
    "吗",
    "请问",
    "怎么",
    "是否",
    "能不能",
    "可不可以",
    "医生",
    "有没有",
    "为什么",
)

# Offering a drug for sale counts as one more advertising term.
DRUG_SALE = r"(?:出售|批发|代购|零售|直销|低价出)[^，。？?！!]{0,6}药"

_SOLICIT = re.compile("|".join(SOLICITATION))
_DRUG_SALE = re.compile(DRUG_SALE)
_LINK = re.compile("|".join(LINK))
_SPACE = re.compile(r"\s+")
# Letters separated by single spaces: "w w w . x x . c o m" is written to dodge filters.
_SPACED_LETTERS = re.compile(r"(?<![a-z0-9])(?:[a-z0-9.] ){3,}[a-z0-9.]")


@dataclass(frozen=True)
class SpamVerdict:
    is_spam: bool
    reasons: list[str]


def normalize(text: str) -> str:
    """NFKC (full width to ASCII), lower case, whitespace removed."""
    return _SPACE.sub("", unicodedata.normalize("NFKC", text or "").lower())


def _content(text: str) -> str:
    """Letters, digits and CJK only: what two posts are compared on."""
    return "".join(c for c in normalize(text) if c.isalnum())


def _bigrams(text: str) -> set[str]:
    if len(text) < 2:
        return {text} if text else set()
    return {text[i : i + 2] for i in range(len(text) - 1)}


def similarity(a: str, b: str) -> float:
    """Character-bigram Jaccard similarity of two texts' content (1.0 when identical)."""
    ca, cb = _content(a), _content(b)
    if not ca or not cb:
        return 0.0
    if ca == cb:
        return 1.0
    ga, gb = _bigrams(ca), _bigrams(cb)
    return len(ga & gb) / len(ga | gb)


def _has_link(text: str) -> bool:
    flat = unicodedata.normalize("NFKC", text).lower()
    despaced = _SPACED_LETTERS.sub(lambda m: m.group(0).replace(" ", ""), flat)
    return bool(_LINK.search(despaced) or _LINK.search(_SPACE.sub("", flat)))


def _ad_evidence(norm: str, has_contact: bool, has_link: bool) -> bool:
    if any(p in norm for p in AD_STRONG):
        return True
    terms = {t for t in AD_TERMS if t in norm} | set(_DRUG_SALE.findall(norm))
    if terms and (has_contact or has_link):
        return True
    needed = 3 if any(q in norm for q in QUESTION_CUES) else 2
    return len(terms) >= needed


def _is_gibberish(text: str, has_link: bool) -> bool:
    stripped = _SPACE.sub("", text)
    content = _content(text)
    if not content:
        return len(stripped) >= 3  # only punctuation, symbols or emoji
    n = len(content)
    if n >= 5 and Counter(content).most_common(1)[0][1] / n >= 0.8:
        return True
    if n >= 6 and len(set(content)) <= 2:
        return True
    for size in range(2, min(8, n // 4) + 1):  # the same chunk four times or more
        chunk = content[:size]
        if n % size == 0 and chunk * (n // size) == content:
            return True
    if has_link:  # a URL's letters are not keyboard mashing
        return False
    # Keyboard mashing: mostly long runs of Latin letters with (almost) no vowels.
    mashed = [
        w for w in re.findall(r"[a-z]{10,}", content) if sum(c in "aeiou" for c in w) < len(w) / 5
    ]
    return sum(map(len, mashed)) * 2 >= n


def spam_check(text: str, *, recent_texts: Sequence[str] = ()) -> SpamVerdict:
    """Whether `text` looks like spam, and why. `recent_texts` are recent posts to compare."""
    text = text if isinstance(text, str) else ""
    norm = normalize(text)
    if not norm:
        return SpamVerdict(is_spam=False, reasons=[])
    kinds = set(redact(text).kinds)
    has_contact = bool(kinds & CONTACT_KINDS)
    has_link = _has_link(text)

    reasons: list[str] = []
    if _SOLICIT.search(norm) or (has_contact and any(w in norm for w in CONTACT_INVITES)):
        reasons.append(REASON_CONTACT)
    if has_link:
        reasons.append(REASON_LINK)
    if _ad_evidence(norm, has_contact, has_link):
        reasons.append(REASON_AD)
    if any(similarity(text, old) >= REPEAT_THRESHOLD for old in recent_texts if old):
        reasons.append(REASON_REPEAT)
    if _is_gibberish(text, has_link):
        reasons.append(REASON_GIBBERISH)
    return SpamVerdict(is_spam=bool(reasons), reasons=reasons)
