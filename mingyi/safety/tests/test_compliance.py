import re

import pytest

from mingyi.safety import compliance
from mingyi.safety.compliance import ComplianceFlag, compliance_check

KINDS = {"cure_promise", "cure_rate", "guarantee", "promotion", "rx_sale", "best_claim"}

# (doctor's answer, the (kind, term) flags expected, in text order)
FLAGGED: list[tuple[str, list[tuple[str, str]]]] = [
    # cure promises
    (
        "我们的中药可以根治鼻炎，永不复发。",
        [("cure_promise", "根治"), ("cure_promise", "永不复发")],
    ),
    ("坚持用药三个月就能彻底治愈。", [("cure_promise", "彻底治愈")]),
    ("本方药到病除，一次治好。", [("cure_promise", "药到病除"), ("cure_promise", "一次治好")]),
    ("祖传秘方包治百病。", [("cure_promise", "包治")]),
    ("这个病一次根治，再也不用吃药。", [("cure_promise", "一次根治")]),
    ("做了这个理疗就能断根。", [("cure_promise", "断根")]),
    # cure rates
    ("本方治愈率高达98%，请放心。", [("cure_rate", "治愈率高达98%")]),
    ("临床总有效率达到百分之九十五。", [("cure_rate", "总有效率达到百分之九十五")]),
    ("该疗法100%有效。", [("cure_rate", "100%有效")]),
    ("这种手术有95%的治愈率。", [("cure_rate", "95%的治愈率")]),
    ("百分百治愈，不用担心。", [("cure_rate", "百分百治愈")]),
    # guarantees
    ("无效退款，不满意退款。", [("guarantee", "无效退款"), ("guarantee", "不满意退款")]),
    ("我们保证治好你的病。", [("guarantee", "我们保证"), ("cure_promise", "保证治好")]),
    ("保证有效，坚持吃就行。", [("guarantee", "保证有效")]),
    ("我院承诺三个月见效。", [("guarantee", "承诺")]),
    ("这个药绝对安全，孕妇也能吃。", [("guarantee", "绝对安全")]),
    ("手术零风险。", [("guarantee", "零风险")]),
    ("纯中药，无副作用。", [("guarantee", "无副作用")]),
    ("本品纯中药制剂，无毒副作用，可长期服用。", [("guarantee", "无毒副作用")]),
    ("我保证您吃了这个药不会有问题。", [("guarantee", "我保证")]),
    ("放心吃，没有任何副作用。", [("guarantee", "没有任何副作用")]),
    ("吃了我们的药保证您怀上。", [("guarantee", "保证您怀上")]),
    # promotion
    (
        "建议到我院就诊，咨询电话010-12345678。",
        [("promotion", "到我院"), ("promotion", "咨询电话")],
    ),
    ("可以购买我们的产品，现在有优惠。", [("promotion", "购买我们"), ("promotion", "优惠")]),
    ("加我微信购买，打八折。", [("promotion", "加我微信购买"), ("promotion", "打八折")]),
    ("淘宝店铺搜索本店名称即可。", [("promotion", "淘宝店"), ("promotion", "本店")]),
    ("预约电话在主页，来本院做检查。", [("promotion", "预约电话"), ("promotion", "来本院")]),
    ("扫码关注公众号领取资料。", [("promotion", "扫码"), ("promotion", "关注公众号")]),
    ("具体情况加我微信详聊。", [("promotion", "加我微信")]),
    ("有问题私信我。", [("promotion", "私信我")]),
    ("我的微信：dr_wang2024，随时联系。", [("promotion", "微信：dr_wang2024")]),
    ("直接打我手机13812345678。", [("promotion", "13812345678")]),
    # superlatives
    ("我院是最好的医院，专家最权威。", [("best_claim", "最好的医院"), ("best_claim", "最权威")]),
    (
        "我们的设备国内领先，排名全国第一。",
        [("best_claim", "国内领先"), ("best_claim", "全国第一")],
    ),
    ("由顶级专家亲自手术。", [("best_claim", "顶级专家")]),
    # prescription drug sales
    ("出售西地那非，私信购买。", [("rx_sale", "出售西地那非")]),
    ("代购印度仿制药，现货。", [("rx_sale", "代购印度仿制药")]),
    ("处方药也可以代发。", [("rx_sale", "处方药也可以代发")]),
    ("可以帮你代购奥希替尼。", [("rx_sale", "代购奥希替尼")]),
    ("降压药包邮到家。", [("rx_sale", "降压药包邮")]),
    # several kinds
    (
        "保证根治，治愈率99%，到我院找顶级专家。",
        [
            ("guarantee", "保证根治"),
            ("cure_promise", "根治"),
            ("cure_rate", "治愈率99%"),
            ("promotion", "到我院"),
            ("best_claim", "顶级专家"),
        ],
    ),
]

# Normal medical language, including denials of and warnings against the terms.
NOT_FLAGGED: list[str] = [
    "高血压不能根治但可以控制，需要长期服药。",
    "目前没有药物可以彻底治愈糖尿病，但可以很好地控制。",
    "治愈率因人而异，医生无法保证。",
    "乳腺癌根治术后需要定期复查。",
    "早期宫颈癌可以行根治性子宫切除。",
    "早期发现的话，手术根治的机会很大。",
    "这种病能否根治取决于病因。",
    "这个药的副作用比较小，可以长期服用。",
    "甲亢多数患者可以治愈，但有复发可能。",
    "建议根治幽门螺杆菌，四联疗法两周。",
    "保证充足睡眠，多喝水，注意休息。",
    "这是第一次发作，第一时间就医是对的。",
    "警惕那些号称包治百病的广告。",
    "根治是不可能的，要长期管理。",
    "任何药物都有副作用，不存在零风险的治疗。",
    "没有绝对安全的药物，要在医生指导下使用。",
    "这个药一般药店都有货，也可以到医院开。",
    "药店出售的布洛芬就可以，按说明书服用。",
    "不要在网上代购处方药，有风险。",
    "这个药几乎没有副作用，但偶有胃肠不适。",
    "手术成功率约95%，五年生存率80%左右。",
    "最好的办法是尽早就医，明确诊断。",
    "不要相信所谓治愈率90%的广告。",
    "医生无法承诺治疗效果，需要定期复查。",
    "湿疹容易反复，很难断根，注意保湿。",
    "如果想要根治，需要手术，但也有复发可能。",
    "抗生素要按疗程吃，不要自行停药。",
    "可以在微信上预约挂号，也可以现场挂号。",
    "血压控制在130/80以下，空腹血糖4.4到7.0之间。",
    "",
]


@pytest.mark.parametrize(("text", "expected"), FLAGGED)
def test_noncompliant_wording_is_flagged(text, expected):
    assert [(f.kind, f.term) for f in compliance_check(text)] == expected


@pytest.mark.parametrize("text", NOT_FLAGGED)
def test_normal_medical_language_is_not_flagged(text):
    assert compliance_check(text) == []


@pytest.mark.parametrize(("text", "expected"), FLAGGED)
def test_every_flag_has_a_known_kind_a_term_from_the_text_and_a_chinese_message(text, expected):
    for flag in compliance_check(text):
        assert isinstance(flag, ComplianceFlag)
        assert flag.kind in KINDS
        assert flag.term in text
        assert flag.message == compliance.MESSAGES[flag.kind]
        assert any("\u4e00" <= c <= "\u9fff" for c in flag.message)


def test_term_lists_are_data_covering_every_kind():
    assert set(compliance.TERMS) == KINDS
    assert set(compliance.MESSAGES) == KINDS
    assert "不能" in compliance.NEGATION_BEFORE


def test_negation_only_clears_its_own_clause():
    text = "高血压不能根治。但我们的药可以根治。"
    assert [(f.kind, f.term) for f in compliance_check(text)] == [("cure_promise", "根治")]


def test_the_same_wording_twice_is_one_flag():
    assert len(compliance_check("根治鼻炎，根治咽炎")) == 1


def test_refutation_after_the_term_clears_it():
    assert compliance_check("包治百病的说法不可信") == []
    assert compliance_check("网上说能根治的都是骗人的") == []


@pytest.mark.parametrize(
    "text",
    [None, "\x00\x01\x1b", "😀💊" * 3000, "根治" * 5000, "，" * 10_000, "出售" + "药" * 9_000],
)
def test_hostile_input_never_raises(text):
    flags = compliance_check(text)
    assert isinstance(flags, list)


def test_no_term_pattern_starts_matching_inside_a_run_of_digits():
    """Fuzzing found a 10,000-digit answer taking seconds: a pattern opening with a
    repeated digit class rescans the rest of the run from every position. Such a
    pattern must be anchored to the start of the number with a lookbehind."""
    opens_with_digit_run = re.compile(r"\[[^\]]*0-9[^\]]*\][+*]")
    for patterns in compliance.TERMS.values():
        for pattern in patterns:
            assert not opens_with_digit_run.match(pattern), pattern


def test_a_cure_rate_after_a_long_number_is_still_flagged():
    assert compliance_check("0" * 10_000) == []
    flags = compliance_check("编号" + "7" * 5_000 + ",本疗法有95%的治愈率")
    assert [flag.kind for flag in flags] == ["cure_rate"]
