"""Rule-based emergency triage of what an asker types, run before the question is posted.

``triage(text)`` says whether the words describe an emergency (call 120 now), something urgent
(see a doctor today) or a routine question. The rules are data (``triage_rules.RULES``); this
module normalizes the text, splits it into sentences and clauses, finds every rule pattern,
drops matches that are negated (没有胸痛) or in the past (去年胸痛过), and takes the most
severe level of the rules whose patterns all remain.

Design choices, all leaning towards caution:

- an emergency is never reported as routine: a general question about an emergency
  (农药中毒怎么急救) is downgraded to urgent at most, and every rule switched off by an
  ``unless`` clause has a less severe fallback rule;
- negation needs a negator right before the symptom (only fillers such as 明显/什么 between),
  so 吃不下饭胸口疼 is not read as "no chest pain";
- a past marker in another clause only covers a later clause when that earlier clause itself
  described a symptom (去年胸痛过，出冷汗), so 我去年体检过，胸口疼出冷汗 stays an emergency;
- any failure inside the engine answers urgent, with advice to call 120 if it is an emergency.
"""

import bisect
import logging
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache

from mingyi.safety import triage_rules as rules
from mingyi.safety.triage_rules import EMERGENCY, ROUTINE, URGENT, Rule

__all__ = [
    "ADVICE_BY_KIND",
    "ADVICE_EMERGENCY",
    "ADVICE_IF_HAPPENING_NOW",
    "ADVICE_ROUTINE",
    "ADVICE_URGENT",
    "ADVICE_URGENT_SELF_HARM",
    "EMERGENCY",
    "HOTLINE_EMERGENCY",
    "HOTLINE_MENTAL_HEALTH",
    "ROUTINE",
    "URGENT",
    "TriageResult",
    "triage",
]

logger = logging.getLogger(__name__)

HOTLINE_EMERGENCY = "120"
HOTLINE_MENTAL_HEALTH = "12356"

ADVICE_EMERGENCY = "请立即拨打120急救电话，说清地址和病人情况，保持电话畅通，等候急救人员。"
ADVICE_BY_KIND = {
    rules.SELF_HARM: (
        "也可以拨打12356心理援助热线，有人会听你说。请马上让一个信任的人陪着你，不要独自一人；"
        "把药物、刀具、绳子等可能伤害自己的东西拿开，放到够不着的地方。你并不孤单，现在就可以求助。"
    ),
    rules.CHEST: (
        "立刻停止一切活动，坐下或躺下休息，解开过紧的衣领；不要自己开车或走路去医院，"
        "身边要有人陪着。"
    ),
    rules.STROKE: (
        "记下发病的时间（或最后一次看起来正常的时间），告诉急救人员；让病人躺下、头偏向一侧，"
        "不要喂水、喂饭、喂药，不要自行送医耽误时间。"
    ),
    rules.BREATHING: (
        "让病人坐起或取最舒服的姿势，松开衣领腰带，开窗通风；异物卡喉可用海姆立克法；"
        "如果没有反应、没有正常呼吸，按调度员指导做心肺复苏。"
    ),
    rules.BLEEDING: (
        "用干净的布或纱布用力按压出血的伤口，持续按住不要松开；吐血、便血的病人平躺，"
        "头偏向一侧，不要吃喝东西。"
    ),
    rules.POISONING: (
        "保留药瓶、农药瓶或包装，一起带给医生；除非医生或急救人员指导，不要自行催吐，"
        "不要乱喂水、喂奶或偏方；煤气/一氧化碳中毒先开窗通风、把人移到空气新鲜处，不要开关电器。"
    ),
    rules.SEIZURE: (
        "让病人侧躺，保护好头部，移开周围的硬物；不要往嘴里塞任何东西，不要强行按住手脚，"
        "不要掐人中；记下抽搐开始的时间。"
    ),
    rules.UNCONSCIOUS: (
        "让病人平躺，有呕吐时把头偏向一侧或摆成侧卧位，保持呼吸道通畅，不要喂水喂药；"
        "如果没有正常呼吸，按调度员指导立即做心肺复苏。"
    ),
    rules.ALLERGY: (
        "马上远离过敏原（停药、离开蜂群）；有肾上腺素笔立即使用；呼吸困难时坐起，"
        "头晕时平躺抬高双腿，不要吃喝东西。"
    ),
    rules.INFANT: (
        "松开孩子的衣被散热，不要捂汗；如果正在抽搐，让孩子侧躺，不要往嘴里塞东西、不要掐人中；"
        "不要强行喂水喂药，带上孩子的病历。"
    ),
    rules.TRAUMA: (
        "不要随意搬动伤者（尤其可能伤到头颈、脊柱时），有出血就用力按压止血；烧烫伤用流动凉水"
        "冲洗15至20分钟，不要涂牙膏酱油；化学物质进眼睛立即用大量清水持续冲洗。"
    ),
    rules.HEADACHE: (
        "让病人安静躺下，记下头痛开始的时间；不要自行服用止痛药掩盖症状，不要喂水喂饭。"
    ),
    rules.PREGNANCY: ("孕妇左侧卧位躺下，不要吃喝东西；保留带血的护垫给医生看，带上产检资料。"),
    rules.GENERAL: "让病人保持安静，躺下或取最舒服的姿势，不要喂水喂药，身边留人陪护。",
}
ADVICE_URGENT = (
    "建议今天内到医院就诊（急诊或相关科室），不要拖到明天，就诊前不要自行大量用药。"
    "如果症状突然加重，出现胸痛、呼吸困难、意识不清、大量出血或抽搐不停，请立即拨打120。"
)
ADVICE_IF_HAPPENING_NOW = "如果您或身边的人现在正出现这些情况，请立即拨打120急救电话。"
ADVICE_URGENT_SELF_HARM = (
    "如果你正被痛苦或轻生的念头困扰，请拨打12356心理援助热线，也请告诉一个信任的人，"
    "不要一个人扛着。"
)
ADVICE_ROUTINE = (
    "您的问题将由医生解答。如果症状加重或出现新的不适，请及时到医院就诊；遇到紧急情况请拨打120。"
)

_SEVERITY = {ROUTINE: 0, URGENT: 1, EMERGENCY: 2}
_GENERIC_NOTE = "（一般性询问）"


@dataclass(frozen=True)
class TriageResult:
    level: str
    reasons: list[str] = field(default_factory=list)
    advice: str = ADVICE_ROUTINE
    hotlines: list[str] = field(default_factory=list)


# --- normalization and segmentation ----------------------------------------------------------

_CLAUSE_BREAKS = ",，。;；!！?？:：\n…~～"
_SENTENCE_BREAK = re.compile(r"[。!！?？\n]+")
_CLAUSE = re.compile(rf"[^{_CLAUSE_BREAKS}]+")
_SPACE_BETWEEN_WIDE = re.compile(r"(?<=[^\x00-\x7f])[ \t]+(?=[^\x00-\x7f])")
_SPACES = re.compile(r"[ \t]+")
_TYPO = re.compile("|".join(map(re.escape, sorted(rules.TYPOS, key=len, reverse=True))))


def _normalize(text: str) -> str:
    """NFKC, no control characters, typos fixed; a space between Chinese words breaks a clause."""
    text = unicodedata.normalize("NFKC", text).replace("\r\n", "\n").replace("\r", "\n")
    text = "".join(ch for ch in text if ch in "\n\t" or unicodedata.category(ch)[0] != "C")
    text = _SPACE_BETWEEN_WIDE.sub("，", text)
    text = _SPACES.sub("", text).lower()
    return _TYPO.sub(lambda m: rules.TYPOS[m.group()], text)


@dataclass(frozen=True)
class _Clause:
    start: int
    end: int
    sentence: int


def _clauses(text: str) -> list[_Clause]:
    clauses = []
    position = 0
    for sentence, part in enumerate([*_SENTENCE_BREAK.finditer(text), None]):
        end = part.start() if part else len(text)
        clauses.extend(
            _Clause(match.start(), match.end(), sentence)
            for match in _CLAUSE.finditer(text, position, end)
        )
        position = part.end() if part else end
    return clauses


# --- compiled lexicon ------------------------------------------------------------------------


def _compile(pattern: str) -> re.Pattern:
    return re.compile(pattern)


_PAST = _compile(rules.PAST)
_CHRONIC = _compile(rules.CHRONIC)
_NEVER_BEFORE = _compile(rules.NEVER_BEFORE)
_NOW_STRONG = _compile(rules.NOW_STRONG)
_NOW_ANY = _compile(rf"{rules.NOW_STRONG}|{rules.NOW_WEAK}")
_RECURRENCE = _compile(rules.RECURRENCE)
_CHRONIC_AFTER = _compile(rules.CHRONIC_AFTER)
_A_NOT_A = _compile(r"(.)[不没]\1")  # 疼不疼 / 有没有: a question, not a denial
_NEG_BEFORE = _compile(rf"(?:{rules.NEGATOR})(?:{rules.NEG_FILLER}|要)*$")
_NEG_COORDINATED = _compile(
    rf"(?:{rules.NEGATOR_NO_BU})(?:{rules.NEG_FILLER})*[^不没无未]{{1,5}}?"
    rf"(?:{rules.CONJUNCTION})(?:{rules.NEG_FILLER})*$"
)
_NEG_AFTER = _compile(rules.NEG_AFTER)
_META = _compile(rules.META)
_EXPERIENCER = _compile(rules.EXPERIENCER)
_HYPOTHETICAL = _compile(rules.HYPOTHETICAL)
_INFO_QUESTION = _compile(rules.INFO_QUESTION)
_ONGOING = _compile(rules.ONGOING)


@cache
def _pattern(source: str) -> re.Pattern:
    return re.compile(source)


def _patterns_of(rule: Rule) -> tuple[str, ...]:
    return rule.patterns + rule.context


# Every distinct pattern once, symptom patterns (not context) flagged for past-scope inheritance.
_ALL_PATTERNS = tuple(dict.fromkeys(p for rule in rules.RULES for p in _patterns_of(rule)))
_SYMPTOM_PATTERNS = frozenset(p for rule in rules.RULES for p in rule.patterns)
for _source in _ALL_PATTERNS:
    _pattern(_source)


# --- one text under analysis -----------------------------------------------------------------


@dataclass(frozen=True)
class _Hit:
    clause: int
    sentence: int


class _Analysis:
    """Clauses, their time scope, and every active (un-negated, present) pattern hit."""

    def __init__(self, text: str):
        self.text = text
        self.clauses = _clauses(text)
        self._starts = [clause.start for clause in self.clauses]
        raw = {source: self._find(source) for source in _ALL_PATTERNS}
        with_symptom = {
            index
            for source, found in raw.items()
            if source in _SYMPTOM_PATTERNS
            for _, _, index in found
        }
        self.past = self._past_scope(with_symptom)
        self.hits = {
            source: [
                _Hit(index, self.clauses[index].sentence)
                for start, end, index in found
                if self._active(start, end, index)
            ]
            for source, found in raw.items()
        }

    def _find(self, source: str) -> list[tuple[int, int, int]]:
        pattern = _pattern(source)
        if not self.clauses or pattern.search(self.text) is None:
            return []
        found = []
        for match in pattern.finditer(self.text):
            if match.end() > match.start():
                index = max(0, bisect.bisect_right(self._starts, match.start()) - 1)
                found.append((match.start(), match.end(), index))
        return found

    def _clause_text(self, index: int) -> str:
        clause = self.clauses[index]
        return self.text[clause.start : clause.end]

    def _past_scope(self, with_symptom: set[int]) -> list[bool]:
        """Which clauses speak of a finished episode (去年胸痛过) rather than of now."""
        texts = [self._clause_text(i) for i in range(len(self.clauses))]
        chronic = [bool(_CHRONIC.search(t)) for t in texts]
        dated = [
            bool(_PAST.search(_NEVER_BEFORE.sub("", t))) and not _NOW_STRONG.search(t)
            for t in texts
        ]
        # "现在又这样了": whatever happened before is happening again.
        if any(_RECURRENCE.search(t) and not past for t, past in zip(texts, dated, strict=True)):
            return [False] * len(texts)
        own = [c or d for c, d in zip(chronic, dated, strict=True)]
        # A clause opens a past scope for later clauses when it described the old episode
        # itself (去年胸痛过，出冷汗) or names a lasting condition (后遗症，说话不利索);
        # "我去年体检过，胸口疼出冷汗" opens none.
        opens = [
            o and (c or i in with_symptom)
            for i, (o, c) in enumerate(zip(own, chronic, strict=True))
        ]
        return [own[i] or self._inherits_past(i, texts, opens) for i in range(len(texts))]

    def _inherits_past(self, i: int, texts: list[str], opens: list[bool]) -> bool:
        if _NOW_ANY.search(texts[i]):
            return False
        sentence = self.clauses[i].sentence
        for j in range(i - 1, -1, -1):
            if self.clauses[j].sentence != sentence:
                return False
            if opens[j]:
                return True
            if _NOW_ANY.search(texts[j]):  # a present marker in between ends the scope
                return False
        return False

    def _active(self, start: int, end: int, index: int) -> bool:
        clause = self.clauses[index]
        before = _A_NOT_A.sub("□□□", self.text[clause.start : start])
        after = self.text[end : clause.end]
        negated = (
            _NEG_BEFORE.search(before)
            or _NEG_COORDINATED.search(before)
            or _NEG_AFTER.search(after)
        )
        return not negated and not self.past[index] and not _CHRONIC_AFTER.search(after)

    def fires(self, rule: Rule) -> bool:
        if rule.unless and _pattern(rule.unless).search(self.text):
            return False
        if any(not self.hits[source] for source in rule.context):
            return False
        groups = [self.hits[source] for source in rule.patterns]
        if any(not group for group in groups):
            return False
        if rule.window == "text":
            return True
        key = (lambda hit: hit.clause) if rule.window == "clause" else (lambda hit: hit.sentence)
        shared = set.intersection(*({key(hit) for hit in group} for group in groups))
        return bool(shared)

    def is_general_question(self) -> bool:
        """心梗有什么症状 / 如果有人晕倒怎么办: about a condition, nobody having it now."""
        text = self.text
        if _HYPOTHETICAL.search(text) and not _NOW_STRONG.search(text):
            return True
        return bool(
            _INFO_QUESTION.search(text)
            and not _EXPERIENCER.search(_META.sub("", text))
            and not _ONGOING.search(text)
        )


# --- verdict ---------------------------------------------------------------------------------


def _emergency_advice(kinds: list[str]) -> str:
    # Self-harm first so 12356 is seen at once; "general" only when nothing more specific.
    ordered = sorted(dict.fromkeys(kinds), key=lambda kind: kind != rules.SELF_HARM)
    specific = [kind for kind in ordered if kind != rules.GENERAL] or [rules.GENERAL]
    return ADVICE_EMERGENCY + "".join(ADVICE_BY_KIND[kind] for kind in specific)


def _verdict(fired: list[Rule], general_question: bool) -> TriageResult:
    if not fired:
        return TriageResult(ROUTINE, [], ADVICE_ROUTINE, [])
    # A general question about an emergency is urgent at most, never routine.
    graded = [
        (URGENT if rule.level == EMERGENCY and general_question else rule.level, rule)
        for rule in fired
    ]
    level = max((lvl for lvl, _ in graded), key=_SEVERITY.__getitem__)
    chosen = [(rule, rule.level != lvl) for lvl, rule in graded if lvl == level]
    reasons = list(
        dict.fromkeys(rule.reason + (_GENERIC_NOTE if down else "") for rule, down in chosen)
    )
    kinds = [rule.kind for rule, _ in chosen]
    self_harm = rules.SELF_HARM in kinds
    if level == EMERGENCY:
        hotlines = [HOTLINE_EMERGENCY, HOTLINE_MENTAL_HEALTH] if self_harm else [HOTLINE_EMERGENCY]
        return TriageResult(EMERGENCY, reasons, _emergency_advice(kinds), hotlines)
    downgraded = any(down for _, down in chosen)
    advice = (ADVICE_IF_HAPPENING_NOW if downgraded else "") + ADVICE_URGENT
    advice += ADVICE_URGENT_SELF_HARM if self_harm else ""
    hotlines = ([HOTLINE_EMERGENCY] if downgraded else []) + (
        [HOTLINE_MENTAL_HEALTH] if self_harm else []
    )
    return TriageResult(URGENT, reasons, advice, hotlines)


_FAILSAFE = TriageResult(URGENT, ["无法自动判断"], ADVICE_IF_HAPPENING_NOW + ADVICE_URGENT, ["120"])


def triage(text: str) -> TriageResult:
    """Classify what an asker typed: emergency, urgent or routine, with advice. Never raises."""
    try:
        if not isinstance(text, str):
            text = "" if text is None else str(text)
        analysis = _Analysis(_normalize(text))
        fired = [rule for rule in rules.RULES if analysis.fires(rule)]
        fired_ids = {rule.id for rule in fired}
        fired = [rule for rule in fired if not fired_ids.intersection(rule.fallback_of)]
        return _verdict(fired, analysis.is_general_question() if fired else False)
    except Exception:  # a bug must not hide an emergency behind a crash or a "routine"
        logger.exception("triage failed")
        return _FAILSAFE
