"""Compliance checks for doctors' answers before editor review.

Flags wording that Chinese rules on medical information forbid or that misleads patients:
promises of cure, cure rates, guarantees, promotion, superlatives and drug sales. The flags
are for the editor, who decides; the checker does not rewrite or reject anything.

A term is not flagged where the answer itself denies or warns against it ("不能根治", "目前没有
药物可以彻底治愈", "警惕包治百病的广告"): a negation, hedge or caution cue up to CUE_WINDOW
characters before the term in the same clause, or a refutation ("…是不可能的") after it, clears
the match. The cues are word lists, not a
parser, so unusual phrasings can still slip through either way; see the tests for the boundary.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

# --- data -------------------------------------------------------------------------------

# Each kind: regular expressions for its terms (matched on the answer as written).
TERMS: dict[str, tuple[str, ...]] = {
    "cure_promise": (
        r"(?<!手术)根治(?!术|性|手术)",  # 根治术/根治性切除/手术根治 name a kind of surgery
        r"包治",
        r"彻底治愈",
        r"彻底根除",
        r"药到病除",
        r"永不复发",
        r"一次(?:就能)?治好",
        r"一次根治",
        r"断根",
        r"除根",
        r"保证治好",
    ),
    "cure_rate": (
        r"(?:总)?(?:治愈率|有效率|痊愈率|治愈的?几率|治好的?几率)[^，。；！？,;!?\n]{0,6}?"
        r"(?:[0-9０-９]+(?:\.[0-9]+)?\s*[%％]|百分之[0-9一二三四五六七八九十百]+|百分百)",
        # Only from the start of a number: tried inside a long digit run, the pattern
        # rescans the rest of the run at every position (quadratic; the fuzzer's 10,000
        # zeros took seconds).
        r"(?<![0-9０-９])[0-9０-９]+(?:\.[0-9]+)?\s*[%％]的?(?:治愈率|有效率|痊愈率)",
        r"(?:100\s*[%％]|百分之百|百分百)(?:有效|治愈|痊愈|根治|康复|见效|好转)",
    ),
    "guarantee": (
        r"保证(?:您|你)?(?:能|可以|会|一定)?(?:治好|治愈|痊愈|康复|有效|见效|不复发|安全|效果"
        r"|好转|根治|没问题|没事|满意|怀上)",
        r"[我本]院保证|我们保证|我保证",
        r"无效退款",
        r"无效全额退款",
        r"不满意退款",
        r"不好退款",
        r"承诺",
        r"绝对安全",
        r"百分之百安全",
        r"100\s*[%％]安全",
        r"零风险",
        r"绝对有效",
        r"(?:无|没有|毫无|绝无|零|没有任何|无任何)(?:毒)?副作用",
    ),
    "promotion": (
        r"(?:购买|订购|选购)(?:我们|本院|我院|本店|本品|我的|我们的)",
        r"(?:购买|订购|选购)(?:疗程装|套餐|正品)",
        r"加我的?(?:微信|vx|VX|v|V|qq|QQ|扣扣)(?:购买|订购|咨询|了解|预约)?",
        r"加(?:微信|vx|VX|v|V|qq|QQ)(?:购买|订购|咨询|了解|预约)",
        r"私信我|私聊我",
        r"(?:微信|vx|VX|wx)号?\s*[:：]?\s*[A-Za-z][A-Za-z0-9_\-]{5,19}(?![A-Za-z0-9_\-])",
        r"(?<![0-9])1[3-9][0-9](?:[ \-]?[0-9]{4}){2}(?![0-9])",
        r"[到来]我院",
        r"[到来]本院",
        r"我院(?:特色|专家|专科|独家|引进)",
        r"本院(?:特色|专家|专科|独家)",
        r"店铺",
        r"网店",
        r"淘宝店",
        r"本店",
        r"优惠",
        r"折扣",
        r"打[0-9一二三四五六七八九.]*折",
        r"特价",
        r"咨询电话",
        r"预约电话",
        r"咨询热线",
        r"预约热线",
        r"挂号电话",
        r"扫码",
        r"二维码",
        r"关注(?:我的|我们的)?公众号",
    ),
    "best_claim": (
        r"最好的(?:医院|医生|专家|大夫|专科|机构|诊所)",
        r"最权威",
        r"最专业",
        r"最先进",
        r"(?:全国|国内|全省|全市|省内|市内|国际|世界|全球|亚洲|行业|业内|排名|综合)第一",
        r"第一品牌",
        r"顶级专家",
        r"顶尖专家",
        r"(?:国内|国际|世界|全国)领先",
        r"首屈一指",
    ),
    "rx_sale": (
        r"(?:出售|代购|代发|包邮|私信购买|私聊购买|私信我购买|有货|现货|低价出|代买|转让)"
        r"[^，。；！？,;!?\n]{0,10}?(?:处方药|{drug})",
        r"(?:处方药|{drug})[^，。；！？,;!?\n]{0,10}?(?:出售|代购|代发|包邮|私信购买|私聊购买|低价出)",
    ),
}
# Drugs (and the word for drug) that make a sales word a drug sale.
DRUGS = (
    "处方药",
    "降压药",
    "降糖药",
    "抗生素",
    "头孢",
    "阿莫西林",
    "西地那非",
    "伟哥",
    "他达拉非",
    "奥司他韦",
    "达菲",
    "二甲双胍",
    "司美格鲁肽",
    "减肥针",
    "肉毒素",
    "米非司酮",
    "米索前列醇",
    "曲马多",
    "安眠药",
    "艾司唑仑",
    "地西泮",
    "阿普唑仑",
    "唑吡坦",
    "氯硝西泮",
    "胰岛素",
    "靶向药",
    "仿制药",
    "印度药",
    "格列卫",
    "奥希替尼",
    "吉非替尼",
    "激素",
    "药品",
    "药物",
)
# The bare word 药, but not 药店/药房 (a pharmacy) and the like.
DRUG_WORD = "药(?![店房师监企厂])"
MESSAGES: dict[str, str] = {
    "cure_promise": "含有治愈承诺，回答不得承诺疗效，请改为客观说明治疗目标和可能的结果。",
    "cure_rate": "含有治愈率或有效率数字，易被理解为疗效承诺；请删除，或改为注明出处的客观数据。",
    "guarantee": "含有保证、承诺或绝对化的安全表述；任何治疗都有不确定性和风险。",
    "promotion": "含有推广或招揽内容（购买、到院、联系方式、优惠等），回答不得用于营销。",
    "rx_sale": "疑似销售药品或处方药，严禁在回答中售药或代购。",
    "best_claim": "含有绝对化或夸大宣传用语（如“最权威”“第一”“顶级专家”）。",
}
# A cue earlier in the same clause that denies or warns against the term.
NEGATION_BEFORE = (
    "不能",
    "不可能",
    "不会",
    "不一定",
    "不可",
    "不是",
    "并非",
    "无法",
    "没法",
    "没有",
    "没办法",
    "难以",
    "很难",
    "较难",
    "未能",
    "不存在",
    "不要相信",
    "别相信",
    "不要轻信",
    "不可轻信",
    "切勿",
    "勿信",
    "不要",
    "千万别",
    "别信",
    "不建议",
    "不应",
    "警惕",
    "谨防",
    "提防",
    "当心",
    "小心",
    "避免",
    "所谓",
    "号称",
    "宣称",
    "声称",
    "自称",
    "吹嘘",
    "宣传",
    "能否",
    "是否",
    "能不能",
    "可不可以",
    "几乎",
    "基本",
    "相对",
    "通常",
    "一般",
    "可能",
    "想要",
    "希望",
    "想",
)
# A cue later in the same clause that refutes the term.
NEGATION_AFTER = (
    "不可能",
    "不太可能",
    "不现实",
    "不可信",
    "不靠谱",
    "是骗",
    "骗人",
    "是假的",
    "虚假",
    "夸大",
    "不存在",
    "不了",
    "不可取",
    "不科学",
    "因人而异",
    "无法保证",
    "不能保证",
    "不可靠",
    "不安全",
    "不正规",
    "违法",
    "有风险",
)
# How far (in characters) before and after a term, within its clause, cues are looked for.
CUE_WINDOW = 20
# Clauses where the term is about a cause or test, not a treatment (幽门螺杆菌根治 = eradication).
EXEMPT_CONTEXT = ("幽门螺杆菌", "幽门", "hp", "螺杆菌")

# --- checker ----------------------------------------------------------------------------

_DRUG = "|".join([*sorted((re.escape(d) for d in DRUGS), key=len, reverse=True), DRUG_WORD])
_CLAUSE_END = re.compile(r"[，。；！？,;!?\n]")
_COMPILED: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(pattern.replace("{drug}", _DRUG)))
    for kind, patterns in TERMS.items()
    for pattern in patterns
)


@dataclass(frozen=True)
class ComplianceFlag:
    kind: str  # "cure_promise" | "cure_rate" | "guarantee" | "promotion" | "rx_sale" | "best_claim"
    term: str  # the matched text
    message: str  # Chinese explanation for the editor


def _cleared(text: str, ends: list[int], kind: str, start: int, end: int) -> bool:
    """Whether the term's clause denies, warns against or exempts it (`ends`: clause ends)."""
    i = bisect.bisect_right(ends, start - 1)  # the first clause end at or after `start`
    clause_start = ends[i - 1] + 1 if i else 0
    j = bisect.bisect_left(ends, end)
    clause_end = ends[j] if j < len(ends) else len(text)
    before = text[max(clause_start, start - CUE_WINDOW) : start]
    after = text[end : min(clause_end, end + CUE_WINDOW)]
    if any(cue in before for cue in NEGATION_BEFORE):
        return True
    if any(cue in after for cue in NEGATION_AFTER):
        return True
    clause = (before + after).lower()
    return kind == "cure_promise" and any(word in clause for word in EXEMPT_CONTEXT)


def compliance_check(text: str) -> list[ComplianceFlag]:
    """Flags for the wording in a doctor's answer that an editor must look at, in text order."""
    if not isinstance(text, str) or not text:
        return []
    matches = sorted(
        ((m.start(), m.end(), kind) for kind, pattern in _COMPILED for m in pattern.finditer(text)),
        key=lambda h: (h[0], h[0] - h[1]),
    )
    ends = [m.start() for m in _CLAUSE_END.finditer(text)]
    flags: list[ComplianceFlag] = []
    reach: dict[str, int] = {}  # per kind, where the matches taken so far end
    seen: set[tuple[str, str]] = set()
    for start, end, kind in matches:
        term = text[start:end]
        if start < reach.get(kind, 0):  # inside a longer match of the same kind
            continue
        if (kind, term) in seen:  # the same wording twice is one flag
            reach[kind] = end
            continue
        if _cleared(text, ends, kind, start, end):
            continue
        reach[kind] = end
        seen.add((kind, term))
        flags.append(ComplianceFlag(kind=kind, term=term, message=MESSAGES[kind]))
    return flags
