"""Emergency triage: the labelled phrases, negation and time, hostile input, speed and the API.

triage_phrases.tsv holds what askers type, one ``level<TAB>phrase`` a line, grouped under
``# == section`` headers. A wrong label is fixed in the rules, never in the file.
"""

import random
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from mingyi.safety.triage import _ALL_PATTERNS as ALL_PATTERNS
from mingyi.safety.triage import (
    ADVICE_BY_KIND,
    ADVICE_EMERGENCY,
    ADVICE_IF_HAPPENING_NOW,
    ADVICE_ROUTINE,
    ADVICE_URGENT,
    EMERGENCY,
    ROUTINE,
    URGENT,
    TriageResult,
    _normalize,
    _scanner,
    match_prefixes,
    triage,
)
from mingyi.safety.triage_rules import RULES

PHRASE_FILE = Path(__file__).with_name("triage_phrases.tsv")
LEVELS = (EMERGENCY, URGENT, ROUTINE)
FAILSAFE_REASON = "无法自动判断"  # what triage answers when the engine itself broke


@dataclass(frozen=True)
class Phrase:
    level: str
    text: str
    section: str
    line: int


def _load_phrases() -> list[Phrase]:
    phrases, section = [], ""
    for number, line in enumerate(PHRASE_FILE.read_text(encoding="utf-8").splitlines(), 1):
        if line.startswith("# =="):
            section = line.removeprefix("# ==").strip()
        elif line.strip() and not line.startswith("#"):
            level, text = line.split("\t")
            phrases.append(Phrase(level, text, section, number))
    return phrases


PHRASES = _load_phrases()


def _in_section(prefix: str) -> list[Phrase]:
    return [p for p in PHRASES if p.section.startswith(prefix)]


def _describe(phrase: Phrase, result: TriageResult) -> str:
    return (
        f"line {phrase.line} [{phrase.section}] {phrase.text!r}: "
        f"expected {phrase.level}, got {result.level} {result.reasons}"
    )


# --- the phrase file -----------------------------------------------------------------------------


def test_phrase_file_covers_what_the_brief_asks_for():
    counts = {level: sum(p.level == level for p in PHRASES) for level in LEVELS}
    assert all(p.level in LEVELS for p in PHRASES)
    assert len(PHRASES) >= 170
    assert counts[EMERGENCY] >= 70 and counts[URGENT] >= 40 and counts[ROUTINE] >= 60, counts
    assert len(_in_section("routine: negation")) >= 25
    assert len(_in_section("routine: past")) >= 15
    assert len(_in_section("question about a condition")) >= 15
    texts = [p.text for p in PHRASES]
    assert len(texts) == len(set(texts)), "a phrase is listed twice"
    kinds = [
        "chest pain",
        "stroke",
        "breathing",
        "heavy bleeding",
        "poisoning",
        "seizures",
        "unconscious",
        "severe allergy",
        "infants",
        "self-harm",
        "trauma",
        "sudden worst headache",
        "tricky present and past",
    ]
    for kind in kinds:
        section = _in_section(f"emergency: {kind}")
        assert len(section) >= 4, f"too few emergency phrases for {kind}"
        assert all(p.level == EMERGENCY for p in section)


@pytest.mark.parametrize("phrase", PHRASES, ids=lambda p: f"line{p.line}")
def test_phrase_gets_its_level(phrase):
    result = triage(phrase.text)
    assert result.level == phrase.level, _describe(phrase, result)
    assert FAILSAFE_REASON not in result.reasons


def test_no_emergency_phrase_is_ever_routine():
    missed = [
        _describe(p, result)
        for p in PHRASES
        if p.level == EMERGENCY and (result := triage(p.text)).level == ROUTINE
    ]
    assert not missed, "EMERGENCIES TRIAGED AS ROUTINE:\n" + "\n".join(missed)


def test_questions_about_a_condition_are_never_emergencies():
    wrong = [
        _describe(p, result)
        for p in _in_section("question about a condition")
        if (result := triage(p.text)).level == EMERGENCY
    ]
    assert not wrong, "\n".join(wrong)


# --- what each level shows -----------------------------------------------------------------------


def test_every_emergency_starts_with_call_120_and_shows_120():
    for phrase in PHRASES:
        result = triage(phrase.text)
        if result.level == EMERGENCY:
            assert result.advice.startswith("请立即拨打120"), phrase.text
            assert result.advice.startswith(ADVICE_EMERGENCY)
            assert result.hotlines[0] == "120" and result.reasons, phrase.text


def test_self_harm_shows_both_120_and_the_mental_health_line():
    for phrase in _in_section("emergency: self-harm"):
        result = triage(phrase.text)
        assert result.hotlines == ["120", "12356"], phrase.text
        assert "12356" in result.advice and result.advice.startswith("请立即拨打120")


def test_thoughts_of_death_without_a_plan_are_urgent_with_the_mental_health_line():
    result = triage("最近总觉得活着没意思")
    assert result.level == URGENT
    assert result.hotlines == ["12356"] and "12356" in result.advice


def test_a_plan_makes_thoughts_of_death_an_emergency():
    result = triage("活着没意思，我已经把安眠药攒好了")
    assert result.level == EMERGENCY and result.hotlines == ["120", "12356"]


def test_urgent_advises_care_today_and_routine_says_a_doctor_will_answer():
    urgent = triage("孩子发烧39度，已经三天了还不退")
    assert urgent.level == URGENT and urgent.advice.startswith("建议今天内到医院就诊")
    assert urgent.advice == ADVICE_URGENT and urgent.hotlines == [] and urgent.reasons
    routine = triage("脸上长痘痘怎么调理")
    assert routine == TriageResult(ROUTINE, [], ADVICE_ROUTINE, [])


def test_emergency_advice_fits_the_kind_of_emergency():
    assert "不要自己开车" in triage("我爸胸口疼 出冷汗").advice
    assert "记下发病的时间" in triage("奶奶突然嘴歪了").advice
    assert "不要往嘴里塞" in triage("孩子抽搐不停，已经五分钟了").advice
    poisoning = triage("我爸喝了农药")
    assert "保留药瓶" in poisoning.advice and "不要自行催吐" in poisoning.advice
    assert "用力按压" in triage("切菜割到手了，血止不住").advice


# --- negation ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("denied", "stated", "level"),
    [
        ("没有胸痛，也没有出汗", "胸痛，出汗", EMERGENCY),
        ("无胸闷，无呼吸困难", "胸闷，呼吸困难", EMERGENCY),
        ("胸口不疼", "胸口疼", URGENT),
        ("否认胸痛", "胸痛", URGENT),
        ("没有抽搐", "孩子抽搐不停", EMERGENCY),
        ("我没有想自杀", "我想自杀", EMERGENCY),
        ("没有口角歪斜", "口角歪斜", EMERGENCY),
        ("没喝农药", "喝了农药", EMERGENCY),
        ("嘴唇没有发紫", "嘴唇发紫", EMERGENCY),
    ],
)
def test_a_denied_symptom_is_not_the_symptom(denied, stated, level):
    assert triage(denied).level == ROUTINE
    assert triage(stated).level == level


def test_a_denied_companion_symptom_leaves_only_the_other_one():
    assert triage("胸口疼，但是没出汗").level == URGENT
    assert triage("胸口疼，出汗倒没有").level == URGENT
    assert triage("没有胸痛和出汗，只是有点气短").level == ROUTINE


def test_negation_does_not_reach_past_its_symptom():
    assert triage("吃不下饭胸口疼还出冷汗").level == EMERGENCY
    assert triage("没有发烧，胸口疼出冷汗").level == EMERGENCY
    assert triage("无缘无故胸口疼，出了一身冷汗").level == EMERGENCY
    assert triage("没想到胸口疼得这么厉害，还出冷汗").level == EMERGENCY


def test_a_yes_no_question_is_not_a_denial():
    assert triage("胸口疼，有没有可能是心梗，还出冷汗").level == EMERGENCY


def test_almost_fainting_is_not_fainting():
    assert triage("站久了差点晕倒").level == URGENT
    assert triage("我妈突然晕倒了").level == EMERGENCY


# --- past and present ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "去年胸痛过，出冷汗，现在复查要注意什么",
        "三年前抽搐过一次，之后再也没有犯过",
        "小时候得过癫痫，会遗传吗",
        "曾经晕倒过一次，查了也没事",
        "以前有过割腕，现在已经走出来了",
        "我爸以前中风过，口角歪斜，现在恢复得挺好",
        "我妈三年前脑出血，现在有后遗症，说话不太利索",
        "我爸昏迷三个月了，怎么护理",
    ],
)
def test_a_past_or_lasting_episode_is_not_an_emergency_now(text):
    assert triage(text).level != EMERGENCY


@pytest.mark.parametrize(
    "text",
    [
        "我妈去年中风过，现在又说话不清楚了",
        "三年前抽搐过，现在又抽起来了，停不下来",
        "以前晕倒过，刚刚又晕倒了，叫不醒",
        "去年胸痛过，此刻胸口疼得厉害",
        "以前就有哮喘，正在喘不上气",
        "以前胸口疼出过冷汗，现在又这样了",
        "以前抽过，一直抽个不停",
    ],
)
def test_happening_now_overrides_the_past(text):
    assert triage(text).level == EMERGENCY


def test_an_unrelated_past_clause_does_not_cover_the_present():
    assert triage("我去年体检过，胸口疼出冷汗").level == EMERGENCY
    assert triage("以前从来没有这样过，突然说不出话").level == EMERGENCY
    assert triage("睡觉以前还好好的，突然胸口疼出冷汗").level == EMERGENCY


# --- questions about a condition -----------------------------------------------------------------


def test_a_general_question_is_not_an_emergency_but_someone_having_it_is():
    assert triage("心梗有什么症状？").level == ROUTINE
    assert triage("中风的前兆是什么").level == ROUTINE
    general = triage("农药中毒怎么急救")
    assert general.level == URGENT
    assert general.advice.startswith(ADVICE_IF_HAPPENING_NOW) and general.hotlines == ["120"]
    assert triage("我爸喝了农药怎么急救").level == EMERGENCY
    assert triage("如果有人突然晕倒了应该怎么急救").level == URGENT
    assert triage("我爸突然晕倒了，应该怎么急救").level == EMERGENCY


# --- hostile input -------------------------------------------------------------------------------

LEXICON = [
    "胸口疼",
    "出冷汗",
    "没有",
    "不",
    "去年",
    "现在又",
    "抽搐",
    "叫不醒",
    "宝宝两个月",
    "发烧39度",
    "想自杀",
    "怀孕",
    "如果",
    "有什么症状",
    "，",
    "。",
    "？",
    " ",
    "\n",
    "😭",
    "\u200b",
    "\x00",
    "\ud800",
    "３９",
    "١٢",
    "a",
]


@pytest.mark.parametrize(
    "text",
    [
        "",
        " ",
        "\n\n\t\r\n",
        "\x00\x01\x02\x1b[31m",
        "。。。，，，！！！？？？",
        "\ud800\udfff",
        "\u202e\u2066\u200f\ufeff",
        "🙂" * 300,
        "a" * 10_000,
        "不" * 10_000,
        "抽" * 10_000,
        "3" * 10_000,
        "没有没有没有" * 2_000,
        "胸口疼，出冷汗。" * 1_250,
        "".join(chr(c) for c in range(0x20, 0x3000, 7)),
    ],
    ids=lambda text: f"{len(text)}:{text[:8]!r}",
)
def test_hostile_input_never_raises(text):
    result = triage(text)
    assert result.level in LEVELS and FAILSAFE_REASON not in result.reasons
    assert isinstance(result.reasons, list) and isinstance(result.hotlines, list)


def test_random_input_never_raises():
    rng = random.Random(20240601)
    for _ in range(300):
        text = "".join(rng.choice(LEXICON) for _ in range(rng.randint(0, 60)))
        result = triage(text)
        assert result.level in LEVELS and FAILSAFE_REASON not in result.reasons, repr(text)


def test_not_a_string_is_routine_and_does_not_raise():
    assert triage(None).level == ROUTINE  # type: ignore[arg-type]
    assert triage(12345).level == ROUTINE  # type: ignore[arg-type]


def test_invisible_and_wide_characters_do_not_hide_an_emergency():
    assert triage("胸\u200b口疼\x00出冷汗😭😭").level == EMERGENCY
    assert triage("ＴＡ发烧４０度").level == URGENT
    assert triage("我老公发烧４０℃").level == URGENT


def test_a_very_long_text_is_still_read_to_the_end():
    text = "最近老是失眠，孩子有点咳嗽。" * 700 + "我爸刚才突然晕倒了，叫不醒"
    assert len(text) > 9_000
    assert triage(text).level == EMERGENCY


# --- speed ---------------------------------------------------------------------------------------

LONG_QUESTION = (
    "我妈今年68岁，有高血压糖尿病十几年了，平时吃药控制得还可以。今天早上起来说头晕，"
    "吃早饭的时候发现她说话有点含糊，右手拿筷子拿不稳，嘴角好像有点歪。我们家在县城，"
    "离市医院有40分钟车程。我想问一下这种情况需要马上去医院吗，还是先观察一下？"
    "她以前也有过头晕，休息一下就好了。她现在精神还可以，能走路，就是说话不太清楚。"
    "血压测了一下是170/100。平时吃的是氨氯地平和二甲双胍，最近一个月因为天气热，"
    "有时候忘了吃药。她自己说没事，不愿意去医院，说去了也是输液。家里就我和她两个人，"
    "我爸在外地打工。请问医生，这种情况严不严重？如果要去医院，应该挂什么科？"
    "需要带什么东西？另外她平时睡眠也不好，晚上经常起夜两三次，白天没精神，吃饭也不太香。"
    "以前做过体检，说有颈动脉斑块，医生让吃阿托伐他汀，她吃了一段时间觉得肌肉疼就停了。"
    "她年轻的时候在工厂上班，经常倒夜班，身体一直不太好。谢谢医生，麻烦尽快回复，"
    "我们现在很着急，不知道该怎么办才好。我姐姐也在问，她说要不要先给妈妈吃片阿司匹林，"
    "我们不敢乱给。她的手机里存着平时量血压的记录，最高的一次是180，最低的一次是130，"
    "一般早上高一点，晚上低一点。她还有点便秘，平时爱吃咸菜，说了也不听。"
)[:500]


def test_a_500_character_question_is_triaged():
    # Speed is measured in benchmarks, not asserted in unit tests on a shared machine.
    assert len(LONG_QUESTION) == 500
    assert triage(LONG_QUESTION).level == EMERGENCY


def test_fast_scanning_finds_exactly_what_the_regex_finds():
    # The pre-filter and the wrapped regexes are a speed-up only: a skipped match would be a
    # missed emergency, so compare them with plain re.finditer on every phrase and on noise.
    rng = random.Random(7)
    noise = ["".join(rng.choice(LEXICON) for _ in range(40)) for _ in range(100)]
    texts = [_normalize(t) for t in [p.text for p in PHRASES] + noise + [LONG_QUESTION]]
    for source in ALL_PATTERNS:
        scanner, prefixes = _scanner(source), match_prefixes(source)
        for text in texts:
            expected = [m.span() for m in re.finditer(source, text)]
            assert scanner.spans(text) == expected, (source, text)
            pairs = frozenset(map(str.__add__, text, text[1:]))
            assert scanner.may_match(frozenset(text), pairs) or not expected, (source, text)
            for start, end in expected:
                assert prefixes is None or any(
                    text.startswith(prefix, start) for prefix in prefixes
                ), (source, text[start:end])


# --- rules as data -------------------------------------------------------------------------------


def test_an_unless_never_turns_an_emergency_into_routine():
    # Each emergency rule that an ``unless`` can switch off needs an urgent fallback firing on
    # the same words without that ``unless``.
    by_id = {rule.id: rule for rule in RULES}
    for rule in RULES:
        if rule.level != EMERGENCY or not rule.unless:
            continue
        fallbacks = [r for r in RULES if rule.id in r.fallback_of and r.level == URGENT]
        assert fallbacks, f"{rule.id} has an unless but no urgent fallback"
        assert any(
            set(f.patterns) <= set(rule.patterns) and set(f.context) <= set(rule.context)
            for f in fallbacks
        ), rule.id
        for fallback in fallbacks:
            # Only the speech rule's fallback may itself step aside (a child learning to talk).
            assert not fallback.unless or rule.id == "stroke_speech", fallback.id
    assert by_id["speech"].unless in by_id["stroke_speech"].unless


def test_rules_are_well_formed():
    ids = [rule.id for rule in RULES]
    assert len(ids) == len(set(ids))
    for rule in RULES:
        assert rule.level in (EMERGENCY, URGENT) and rule.reason and rule.patterns
        assert rule.kind in ADVICE_BY_KIND and re.fullmatch(r"[a-z_]+", rule.kind), rule.id
        assert rule.window in ("clause", "sentence", "text")
        assert set(rule.fallback_of) <= set(ids)


# --- the API -------------------------------------------------------------------------------------


@pytest.mark.urls("mingyi.safety.tests.urls")
def test_api_returns_the_triage_result(client):
    response = client.post(
        "/api/v1/triage", {"text": "我不想活了，药都准备好了"}, content_type="application/json"
    )
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"level", "reasons", "advice", "hotlines"}
    assert body["level"] == EMERGENCY and body["hotlines"] == ["120", "12356"]
    assert body["advice"].startswith("请立即拨打120") and body["reasons"]


@pytest.mark.urls("mingyi.safety.tests.urls")
def test_api_routine_question(client):
    response = client.post(
        "/api/v1/triage", {"text": "脸上长痘痘怎么调理"}, content_type="application/json"
    )
    assert response.status_code == 200
    assert response.json() == {
        "level": ROUTINE,
        "reasons": [],
        "advice": ADVICE_ROUTINE,
        "hotlines": [],
    }


@pytest.mark.urls("mingyi.safety.tests.urls")
@pytest.mark.parametrize(
    ("payload", "status"),
    [
        ({"text": ""}, 422),
        ({"text": "胸" * 5001}, 422),
        ({}, 422),
        ({"text": None}, 422),
        ({"text": "胸" * 5000}, 200),
        ({"text": " "}, 200),
    ],
    ids=["empty", "too-long", "missing", "null", "longest", "blank"],
)
def test_api_checks_the_length(client, payload, status):
    response = client.post("/api/v1/triage", payload, content_type="application/json")
    assert response.status_code == status
