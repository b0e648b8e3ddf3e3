"""Rule-based emergency triage of what an asker types, run before the question is posted.

``triage(text)`` says whether the words describe an emergency (call 120 now), something urgent
(see a doctor today) or a routine question. The rules are data (``triage_rules.RULES``); this
module normalizes the text, splits it into sentences and clauses, finds every rule pattern,
drops matches that are negated (没有胸痛) or in the past (去年胸痛过), and takes the most
severe level of the rules whose patterns all remain.

Design choices, all leaning towards caution:

- an emergency is never reported as routine: a general question about an emergency
  (农药中毒怎么急救) is downgraded to urgent at most, and every emergency rule that an
  ``unless`` can switch off has an urgent fallback rule;
- negation needs a negator right before the symptom (only fillers such as 明显/什么 between),
  so 吃不下饭胸口疼 is not read as "no chest pain";
- a past marker in another clause only covers a later clause when that earlier clause itself
  described a symptom (去年胸痛过，出冷汗), so 我去年体检过，胸口疼出冷汗 stays an emergency;
- any failure inside the engine answers urgent, with advice to call 120 if it is an emergency.
"""

import bisect
import logging
import re
import re._compiler as sre_compiler
import re._constants as sre_constants
import re._parser as sre_parse
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from typing import NamedTuple

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
    rules.KIND_SELF_HARM: (
        "也可以拨打12356心理援助热线，有人会听你说。请马上让一个信任的人陪着你，不要独自一人；"
        "把药物、刀具、绳子等可能伤害自己的东西拿开，放到够不着的地方。你并不孤单，现在就可以求助。"
    ),
    rules.KIND_CHEST: (
        "立刻停止一切活动，坐下或躺下休息，解开过紧的衣领；不要自己开车或走路去医院，"
        "身边要有人陪着。"
    ),
    rules.KIND_STROKE: (
        "记下发病的时间（或最后一次看起来正常的时间），告诉急救人员；让病人躺下、头偏向一侧，"
        "不要喂水、喂饭、喂药，不要自行送医耽误时间。"
    ),
    rules.KIND_BREATHING: (
        "让病人坐起或取最舒服的姿势，松开衣领腰带，开窗通风；异物卡喉可用海姆立克法；"
        "如果没有反应、没有正常呼吸，按调度员指导做心肺复苏。"
    ),
    rules.KIND_BLEEDING: (
        "用干净的布或纱布用力按压出血的伤口，持续按住不要松开；吐血、便血的病人平躺，"
        "头偏向一侧，不要吃喝东西。"
    ),
    rules.KIND_POISONING: (
        "保留药瓶、农药瓶或包装，一起带给医生；除非医生或急救人员指导，不要自行催吐，"
        "不要乱喂水、喂奶或偏方；煤气/一氧化碳中毒先开窗通风、把人移到空气新鲜处，不要开关电器。"
    ),
    rules.KIND_SEIZURE: (
        "让病人侧躺，保护好头部，移开周围的硬物；不要往嘴里塞任何东西，不要强行按住手脚，"
        "不要掐人中；记下抽搐开始的时间。"
    ),
    rules.KIND_UNCONSCIOUS: (
        "让病人平躺，有呕吐时把头偏向一侧或摆成侧卧位，保持呼吸道通畅，不要喂水喂药；"
        "如果没有正常呼吸，按调度员指导立即做心肺复苏。"
    ),
    rules.KIND_ALLERGY: (
        "马上远离过敏原（停药、离开蜂群）；有肾上腺素笔立即使用；呼吸困难时坐起，"
        "头晕时平躺抬高双腿，不要吃喝东西。"
    ),
    rules.KIND_INFANT: (
        "松开孩子的衣被散热，不要捂汗；如果正在抽搐，让孩子侧躺，不要往嘴里塞东西、不要掐人中；"
        "不要强行喂水喂药，带上孩子的病历。"
    ),
    rules.KIND_TRAUMA: (
        "不要随意搬动伤者（尤其可能伤到头颈、脊柱时），有出血就用力按压止血；烧烫伤用流动凉水"
        "冲洗15至20分钟，不要涂牙膏酱油；化学物质进眼睛立即用大量清水持续冲洗。"
    ),
    rules.KIND_HEADACHE: (
        "让病人安静躺下，记下头痛开始的时间；不要自行服用止痛药掩盖症状，不要喂水喂饭。"
    ),
    rules.KIND_PREGNANCY: (
        "孕妇左侧卧位躺下，不要吃喝东西；保留带血的护垫给医生看，带上产检资料。"
    ),
    rules.KIND_GENERAL: "让病人保持安静，躺下或取最舒服的姿势，不要喂水喂药，身边留人陪护。",
}
ADVICE_URGENT = (
    "建议今天内到医院就诊（急诊或相关科室），不要拖到明天，就诊前不要自行大量用药。"
    "如果症状突然加重，出现胸痛、呼吸困难、意识不清、大量出血或抽搐不停，请立即拨打120。"
)
ADVICE_IF_HAPPENING_NOW = "如果您或身边的人现在正出现这些情况，请立即拨打120急救电话。"
ADVICE_URGENT_SELF_HARM = (
    "如果你正被痛苦或轻生的念头困扰，请拨打12356心理援助热线，也请告诉一个信任的人，"
    "不要一个人扛着；一旦有伤害自己的打算，请立即拨打120。"
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


# --- normalization and segmentation --------------------------------------------------------------

_CLAUSE_BREAKS = ",，。;；!！?？:：\n…~～"
_SENTENCE_BREAK = re.compile(r"[。!！?？\n]+")
_CLAUSE = re.compile(rf"[^{_CLAUSE_BREAKS}]+")
_SPACE_BETWEEN_WIDE = re.compile(r"([^\x00-\x7f])[ \t]+(?=[^\x00-\x7f])")
_SPACES = re.compile(r"[ \t]+")
_TYPO = re.compile("|".join(map(re.escape, sorted(rules.TYPOS, key=len, reverse=True))))


_DIGITS = re.compile(r"\d+")


def _ascii_digits(match: re.Match) -> str:
    digits = match.group()
    return digits if digits.isascii() else "".join(str(unicodedata.decimal(d)) for d in digits)


def _printable(line: str) -> str:
    if line.isprintable():  # the usual case, checked in C
        return line
    # Drop controls, zero-width and unassigned characters and lone surrogates; keep tabs.
    return "".join(ch for ch in line if ch == "\t" or unicodedata.category(ch)[0] != "C")


def _normalize(text: str) -> str:
    """NFKC, no control characters, typos fixed; a space between Chinese words breaks a clause."""
    text = unicodedata.normalize("NFKC", text).replace("\r\n", "\n").replace("\r", "\n")
    text = "\n".join(map(_printable, text.split("\n")))
    # ٣ → 3, so that \d and [0-9] agree (the scanners rely on it).
    text = _DIGITS.sub(_ascii_digits, text)
    text = _SPACE_BETWEEN_WIDE.sub(r"\1，", text)
    text = _SPACES.sub("", text).lower()
    return _TYPO.sub(lambda m: rules.TYPOS[m.group()], text)


class _Clause(NamedTuple):
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


# --- fast scanning -------------------------------------------------------------------------------
# Python's regex engine is slow to scan for a big alternation that does not start with a
# literal: it tries every alternative at every position, and there are ~85 such patterns.
# So each pattern's possible first two characters are derived from its parsed form: a pattern
# none of whose prefixes occurs in the text is skipped, and the others let the engine skip to
# the characters that can start a match. Both only ever skip text that cannot match; when the
# prefixes cannot be derived, the pattern is simply searched everywhere.

_ZERO_WIDTH = {sre_constants.ASSERT, sre_constants.ASSERT_NOT, sre_constants.AT}
_REPEATS = {
    sre_constants.MAX_REPEAT,
    sre_constants.MIN_REPEAT,
    getattr(sre_constants, "POSSESSIVE_REPEAT", sre_constants.MAX_REPEAT),
}
_PREFIX_LENGTH = 2
_MAX_PREFIXES = 4000

# A state is (text so far, open): open means the match may end here or continue with the next
# item; closed means the prefix is known and whatever follows does not matter.
_State = tuple[str, bool]


def _class_chars(items) -> set[str] | None:
    chars: set[str] = set()
    for op, av in items:
        if op is sre_constants.LITERAL:
            chars.add(chr(av))
        elif op is sre_constants.RANGE and av[1] - av[0] < 4096:
            chars.update(map(chr, range(av[0], av[1] + 1)))
        elif op is sre_constants.CATEGORY and av is sre_constants.CATEGORY_DIGIT:
            chars.update("0123456789")  # _normalize turns every decimal digit into ASCII
        else:  # a negated class or another category: could be anything
            return None
    return chars


def _extend(states: set[_State], options: set[_State] | None) -> set[_State]:
    extended = set()
    for text, is_open in states:
        if not is_open or len(text) >= _PREFIX_LENGTH:
            extended.add((text[:_PREFIX_LENGTH], False))
        elif options is None:  # unknown continuation: what we have is the prefix
            extended.add((text, False))
        else:
            for more, more_open in options:
                joined = text + more
                full = len(joined) >= _PREFIX_LENGTH
                extended.add((joined[:_PREFIX_LENGTH], False) if full else (joined, more_open))
    return extended


def _item_prefixes(op, av) -> set[_State] | None:
    if op is sre_constants.LITERAL:
        return {(chr(av), True)}
    if op is sre_constants.IN:
        chars = _class_chars(av)
        return None if chars is None else {(ch, True) for ch in chars}
    if op is sre_constants.SUBPATTERN:
        return _sequence_prefixes(av[-1].data)
    if op is sre_constants.BRANCH:
        states: set[_State] = set()
        for branch in av[1]:
            more = _sequence_prefixes(branch.data)
            if more is None:
                return None
            states |= more
        return states
    if op in _REPEATS:
        low, high, body = av
        if high == 0:
            return {("", True)}
        once = _sequence_prefixes(body.data)
        if once is None:
            return None
        states = {("", True)} if low == 0 else set()
        current = {("", True)}
        for count in range(1, _PREFIX_LENGTH + 1):  # more repeats cannot change the prefix
            current = _extend(current, once)
            if count >= low:
                states |= current
            if count >= high:
                break
        return states if low <= _PREFIX_LENGTH else states | current
    return None  # any character, a back reference, …


def _sequence_prefixes(items) -> set[_State] | None:
    states = {("", True)}
    for op, av in items:
        if not any(is_open and len(text) < _PREFIX_LENGTH for text, is_open in states):
            break
        if op in _ZERO_WIDTH:  # lookarounds only narrow the matches
            continue
        states = _extend(states, _item_prefixes(op, av))
        if len(states) > _MAX_PREFIXES:
            return None
    return states


def match_prefixes(pattern: str) -> frozenset[str] | None:
    """Strings of one or two characters such that every match of ``pattern`` starts with one
    of them; None when they cannot be derived (the pattern may then match anywhere)."""
    try:
        states = _sequence_prefixes(sre_parse.parse(pattern).data)
    except Exception:  # an unfamiliar regex construct
        return None
    prefixes = None if states is None else frozenset(text for text, _ in states)
    return None if not prefixes or "" in prefixes else prefixes


def _engine_scans_fast(source: str) -> bool:
    """Whether the regex engine itself found a literal or character-set prefix to skip to."""
    try:
        parsed = sre_parse.parse(source)
        literal = sre_compiler._get_literal_prefix(parsed, 0)[0]
        return bool(literal or sre_compiler._get_charset_prefix(parsed, 0))
    except Exception:  # internals differ on this Python: just use the wrapper
        return False


class _Scanner:
    """A pattern's matches, exactly as finditer gives them, found fast.

    ``[first](?<=(?=(P)).)`` starts with a character class, so the regex engine skips in C to
    the next character that can start a match of P; the one-character lookbehind then steps
    back onto that character and the lookahead captures P's match there as group 1.
    """

    def __init__(self, source: str):
        self.pattern = re.compile(source)
        prefixes = match_prefixes(source)
        self._chars = prefixes and frozenset(p for p in prefixes if len(p) == 1)
        self._pairs = prefixes and frozenset(p for p in prefixes if len(p) == 2)
        self._fast = None
        if prefixes and self.pattern.groups == 0 and not _engine_scans_fast(source):
            starts = "".join(map(re.escape, sorted({p[0] for p in prefixes})))
            self._fast = re.compile(f"[{starts}](?<=(?=({source})).)")

    def may_match(self, chars: frozenset[str], pairs: frozenset[str]) -> bool:
        """False only if no match can start anywhere in a text of these characters and pairs."""
        if self._chars is None:
            return True
        return not (self._chars.isdisjoint(chars) and self._pairs.isdisjoint(pairs))

    def spans(self, text: str) -> list[tuple[int, int]]:
        """(start, end) of each match."""
        if self._fast is None:
            return [m.span() for m in self.pattern.finditer(text) if m.end() > m.start()]
        found, end = [], 0
        for match in self._fast.finditer(text):
            start, stop = match.span(1)
            if start >= end and stop > start:  # finditer's matches never overlap
                found.append((start, stop))
                end = stop
        return found

    def search(self, text: str) -> bool:
        return bool(self.spans(text))

    def mask(self, text: str, filler: str = "□") -> str:
        """The text with every match blanked out, positions kept."""
        parts, position = [], 0
        for start, end in self.spans(text):
            parts += [text[position:start], filler * (end - start)]
            position = end
        return "".join([*parts, text[position:]])


@cache
def _scanner(source: str) -> _Scanner:
    return _Scanner(source)


# --- compiled lexicon ----------------------------------------------------------------------------

_PAST = _scanner(rules.PAST)
_CHRONIC = _scanner(rules.CHRONIC)
_NEVER_BEFORE = _scanner(rules.NEVER_BEFORE)
_NOW_STRONG = _scanner(rules.NOW_STRONG)
_NOW_ANY = _scanner(rf"{rules.NOW_STRONG}|{rules.NOW_WEAK}")
_RECURRENCE = _scanner(rules.RECURRENCE)
_EPISODE = _scanner(rules.EPISODE)
_CHRONIC_AFTER = re.compile(rules.CHRONIC_AFTER)
_A_NOT_A = re.compile(r"(.)[不没]\1")  # 疼不疼 / 有没有: a question, not a denial
_NEG_BEFORE = re.compile(rf"(?:{rules.NEGATOR})(?:{rules.NEG_FILLER})*$")
_NEG_COORDINATED = re.compile(
    rf"(?:{rules.NEGATOR_NO_BU})(?:{rules.NEG_FILLER})*[^不没无未]{{1,5}}?"
    rf"(?:{rules.CONJUNCTION})(?:{rules.NEG_FILLER})*$"
)
_NEG_AFTER = re.compile(rules.NEG_AFTER)
# A clause prefix without any of these characters cannot hold a negator.
_NEGATOR_CHARS = frozenset(p[0] for p in match_prefixes(rules.NEGATOR) or ()) or None
_META = re.compile(rules.META)
_EXPERIENCER = re.compile(rules.EXPERIENCER)
_HYPOTHETICAL = re.compile(rules.HYPOTHETICAL)
_INFO_QUESTION = re.compile(rules.INFO_QUESTION)
_ADMIN_QUESTION = re.compile(rules.ADMIN_QUESTION)
_ONGOING = re.compile(rules.ONGOING)
# How far before a symptom a negator can sit (否认 + fillers + "胸痛和"), and after it.
_NEGATION_REACH = 16
_NEGATION_AFTER_REACH = 6
_CHRONIC_REACH = 12


# Every distinct pattern once, symptom patterns (not context) flagged for past-scope inheritance.
_ALL_PATTERNS = tuple(dict.fromkeys(p for r in rules.RULES for p in (*r.patterns, *r.context)))
_SYMPTOM_PATTERNS = frozenset(p for rule in rules.RULES for p in rule.patterns)
# Who someone is (怀孕三个月了, 宝宝三个月了) is a state, never "chronic, not acute".
_CONTEXT_ONLY = frozenset(p for rule in rules.RULES for p in rule.context) - _SYMPTOM_PATTERNS
_SCANNERS = tuple((source, _scanner(source)) for source in _ALL_PATTERNS)
for _rule in rules.RULES:  # compile the ``unless`` patterns now, not on the first request
    if _rule.unless:
        _scanner(_rule.unless)
# What a rule needs at least one active hit of: checked first, as one set inclusion.
_NEEDS = {rule.id: frozenset((*rule.patterns, *rule.context)) for rule in rules.RULES}


# --- one text under analysis ---------------------------------------------------------------------


class _Hit(NamedTuple):
    clause: int
    sentence: int


class _Analysis:
    """Clauses, their time scope, and every active (un-negated, present) pattern hit."""

    def __init__(self, text: str):
        self.text = text
        self.clauses = _clauses(text)
        self._starts = [clause.start for clause in self.clauses]
        chars = frozenset(text)
        pairs = frozenset(map(str.__add__, text, text[1:]))  # every two adjacent characters
        raw = {
            source: self._find(scanner)
            for source, scanner in _SCANNERS
            if scanner.may_match(chars, pairs)
        }
        with_symptom = {
            index
            for source, found in raw.items()
            if source in _SYMPTOM_PATTERNS
            for _, _, index in found
        }
        with_symptom |= self._clauses_with(_EPISODE)
        self.past = self._past_scope(with_symptom)
        self.hits: dict[str, list[_Hit]] = {}
        for source, found in raw.items():
            check_chronic = source not in _CONTEXT_ONLY
            active = [
                _Hit(index, self.clauses[index].sentence)
                for start, end, index in found
                if self._active(start, end, index, check_chronic=check_chronic)
            ]
            if active:
                self.hits[source] = active

    def _clause_of(self, position: int) -> int:
        return max(0, bisect.bisect_right(self._starts, position) - 1)

    def _find(self, scanner: _Scanner) -> list[tuple[int, int, int]]:
        """(start, end, clause index) of every match."""
        if not self.clauses:
            return []
        return [(start, end, self._clause_of(start)) for start, end in scanner.spans(self.text)]

    def _clauses_with(self, scanner: _Scanner, text: str | None = None) -> set[int]:
        return {self._clause_of(start) for start, _ in scanner.spans(text or self.text)}

    def _past_scope(self, with_symptom: set[int]) -> list[bool]:
        """Which clauses speak of a finished episode (去年胸痛过) rather than of now."""
        count = len(self.clauses)
        # "以前从来没有过" stresses that something is new; blank it out, keeping positions.
        masked = _NEVER_BEFORE.mask(self.text)
        strong_now = self._clauses_with(_NOW_STRONG)
        any_now = self._clauses_with(_NOW_ANY)
        chronic = self._clauses_with(_CHRONIC)
        dated = self._clauses_with(_PAST, masked) - strong_now
        # "现在又这样了": whatever happened before is happening again.
        if self._clauses_with(_RECURRENCE) - dated:
            return [False] * count
        own = chronic | dated
        # A clause opens a past scope over the rest of its sentence when it described the old
        # episode itself (去年胸痛过，出冷汗) or names a lasting condition (后遗症，说话不利索);
        # "我去年体检过，胸口疼出冷汗" opens none. A present marker closes the scope.
        scope, open_scope, sentence = [], False, -1
        for i, clause in enumerate(self.clauses):
            if clause.sentence != sentence:
                open_scope, sentence = False, clause.sentence
            scope.append(i in own or (open_scope and i not in any_now))
            if i in own and (i in chronic or i in with_symptom):
                open_scope = True
            elif i in any_now:
                open_scope = False
        return scope

    def _active(self, start: int, end: int, index: int, *, check_chronic: bool) -> bool:
        """Not negated (没有胸痛), not past (去年胸痛过), not chronic (昏迷三个月了)."""
        if self.past[index]:
            return False
        clause = self.clauses[index]
        before = self.text[max(clause.start, start - _NEGATION_REACH) : start]
        if _NEGATOR_CHARS is None or not _NEGATOR_CHARS.isdisjoint(before):
            before = _A_NOT_A.sub("□□□", before)
            if _NEG_BEFORE.search(before) or _NEG_COORDINATED.search(before):
                return False
        if clause.end - end <= _NEGATION_AFTER_REACH and _NEG_AFTER.search(
            self.text[end : clause.end]
        ):
            return False
        after = self.text[end : min(clause.end, end + _CHRONIC_REACH)]
        return not (check_chronic and _CHRONIC_AFTER.match(after))

    def fires(self, rule: Rule) -> bool:
        if not _NEEDS[rule.id] <= self.hits.keys():
            return False
        if rule.unless and _scanner(rule.unless).search(self.text):
            return False
        groups = [self.hits[source] for source in rule.patterns]
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
        if _ADMIN_QUESTION.search(text) and not _ONGOING.search(text):
            return True
        return bool(
            _INFO_QUESTION.search(text)
            and not _EXPERIENCER.search(_META.sub("", text))
            and not _ONGOING.search(text)
        )


# --- verdict -------------------------------------------------------------------------------------


def _emergency_advice(kinds: list[str]) -> str:
    # Self-harm first so 12356 is seen at once; "general" only when nothing more specific.
    ordered = sorted(dict.fromkeys(kinds), key=lambda kind: kind != rules.KIND_SELF_HARM)
    specific = [kind for kind in ordered if kind != rules.KIND_GENERAL] or [rules.KIND_GENERAL]
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
    self_harm = rules.KIND_SELF_HARM in kinds
    if level == EMERGENCY:
        hotlines = [HOTLINE_EMERGENCY, HOTLINE_MENTAL_HEALTH] if self_harm else [HOTLINE_EMERGENCY]
        return TriageResult(EMERGENCY, reasons, _emergency_advice(kinds), hotlines)
    downgraded = any(down for _, down in chosen)
    # 12356 comes first for someone with thoughts of dying; then the same-day-care advice.
    advice = (ADVICE_IF_HAPPENING_NOW if downgraded else "") + (
        ADVICE_URGENT_SELF_HARM if self_harm else ""
    )
    advice += ADVICE_URGENT
    hotlines = ([HOTLINE_EMERGENCY] if downgraded else []) + (
        [HOTLINE_MENTAL_HEALTH] if self_harm else []
    )
    return TriageResult(URGENT, reasons, advice, hotlines)


def _failsafe() -> TriageResult:
    return TriageResult(URGENT, ["无法自动判断"], ADVICE_IF_HAPPENING_NOW + ADVICE_URGENT, ["120"])


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
        return _failsafe()
