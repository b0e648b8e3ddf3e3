import random
import time

import pytest

from mingyi.safety import redaction
from mingyi.safety.redaction import (
    ADDRESS,
    BANK_CARD,
    EMAIL,
    FAILED,
    ID_CARD,
    LANDLINE,
    MOBILE,
    NAME,
    QQ,
    WECHAT,
    Redacted,
    id_check_char,
    is_id_card,
    luhn_ok,
    redact,
)
from mingyi.safety.tests.pii_samples import PII_SAMPLES

VALID_ID = "440308199001011239"  # checksum valid, and (unlike many IDs) not Luhn-valid
VALID_ID_X = "11010519491231002X"  # the example of GB 11643-1999 itself

# (asker text, expected redacted text, expected kinds)
REDACTED: list[tuple[str, str, list[str]]] = [
    # mobile
    ("我的手机号是13812345678，请医生回电", f"我的手机号是{MOBILE}，请医生回电", ["mobile"]),
    ("电话138-1234-5678", f"电话{MOBILE}", ["mobile"]),
    ("电话 138 1234 5678 白天打", f"电话 {MOBILE} 白天打", ["mobile"]),
    ("+86 13912345678", MOBILE, ["mobile"]),
    ("+86-139-1234-5678", MOBILE, ["mobile"]),
    ("0086 13712345678", MOBILE, ["mobile"]),
    ("（+86）15012345678", MOBILE, ["mobile"]),
    ("手机１３９１２３４５６７８", f"手机{MOBILE}", ["mobile"]),
    ("手机：１５８－１２３４－５６７８", f"手机：{MOBILE}", ["mobile"]),
    ("tel:17712345678", f"tel:{MOBILE}", ["mobile"]),
    ("老公19912345678，我13512345678", f"老公{MOBILE}，我{MOBILE}", ["mobile"]),
    # landline
    ("座机010-12345678", f"座机{LANDLINE}", ["landline"]),
    ("0755 8888 8888", LANDLINE, ["landline"]),
    ("(021)62345678", LANDLINE, ["landline"]),
    ("（0571）8765 4321 找张医生", f"{LANDLINE} 找张医生", ["landline"]),
    ("家里电话02812345678", f"家里电话{LANDLINE}", ["landline"]),
    ("客服400-123-4567", f"客服{LANDLINE}", ["landline"]),
    # ID card
    (f"身份证{VALID_ID_X}", f"身份证{ID_CARD}", ["id_card"]),
    ("身份证11010519491231002x，能报销吗", f"身份证{ID_CARD}，能报销吗", ["id_card"]),
    (f"身份证号 {VALID_ID}。", f"身份证号 {ID_CARD}。", ["id_card"]),
    ("身份证号 110105 19491231 002X", f"身份证号 {ID_CARD}", ["id_card"]),
    ("ID:420102201506010036（孩子的）", f"ID:{ID_CARD}（孩子的）", ["id_card"]),
    ("老身份证 110105491231002", f"老身份证 {ID_CARD}", ["id_card"]),
    # bank card
    ("卡号6222021234567890128", f"卡号{BANK_CARD}", ["bank_card"]),
    ("退到 6217 0012 3456 7890 122 这张卡", f"退到 {BANK_CARD} 这张卡", ["bank_card"]),
    ("信用卡4111111111111111", f"信用卡{BANK_CARD}", ["bank_card"]),
    ("6230580001234566", BANK_CARD, ["bank_card"]),
    # e-mail
    ("邮箱 zhang.san@example.com", f"邮箱 {EMAIL}", ["email"]),
    ("报告发到13812345678@qq.com", f"报告发到{EMAIL}", ["email"]),
    ("li_na-2020@mail.hospital.edu.cn。", f"{EMAIL}。", ["email"]),
    ("abc＠163.com", EMAIL, ["email"]),
    ("邮箱 abc123 at qq dot com", f"邮箱 {EMAIL}", ["email"]),
    ("wangfang#163.com", EMAIL, ["email"]),
    ("lina88(at)qq点com", EMAIL, ["email"]),
    # WeChat
    ("加我微信：abc_123456", f"加我微信：{WECHAT}", ["wechat"]),
    ("微信号 zhangsan1990", f"微信号 {WECHAT}", ["wechat"]),
    ("vx: wxid_abcd1234 谢谢", f"vx: {WECHAT} 谢谢", ["wechat"]),
    ("v信Li-Ming_88", f"v信{WECHAT}", ["wechat"]),
    ("加V hello12345", f"加V {WECHAT}", ["wechat"]),
    ("wx：abc12345，备注看病", f"wx：{WECHAT}，备注看病", ["wechat"]),
    ("微信 zhangsan_1990，搜zhangsan_1990就行", f"微信 {WECHAT}，搜{WECHAT}就行", ["wechat"]),
    # QQ
    ("我的QQ 123456789", f"我的QQ {QQ}", ["qq"]),
    ("qq号：10001", f"qq号：{QQ}", ["qq"]),
    ("扣扣987654321", f"扣扣{QQ}", ["qq"]),
    ("QQ群：12345678", f"QQ群：{QQ}", ["qq"]),
    # address
    ("我家住在北京市朝阳区建国路88号院3号楼2单元501室", f"我家住在{ADDRESS}", ["address"]),
    ("住址：广州市天河区天河路385号", f"住址：{ADDRESS}", ["address"]),
    ("上海市徐汇区漕溪北路1200弄3号1201室", ADDRESS, ["address"]),
    ("阳光小区5栋302，晚上打扰", f"{ADDRESS}，晚上打扰", ["address"]),
    ("河北省保定市清苑区张家村3组", ADDRESS, ["address"]),
    ("3号楼2单元501室", ADDRESS, ["address"]),
    ("我住南锣鼓巷12号", f"我住{ADDRESS}", ["address"]),
    ("家在长安街十号", f"家在{ADDRESS}", ["address"]),
    ("住在金色家园3期2栋1单元", f"住在{ADDRESS}", ["address"]),
    ("地址：成都市武侯区人民南路四段27号", f"地址：{ADDRESS}", ["address"]),
    ("他住在幸福里小区8号楼", f"他住在{ADDRESS}", ["address"]),
    ("我住在解放大道1234号附近", f"我住在{ADDRESS}附近", ["address"]),
    (
        "我住朝阳区望京街道花家地小区12号楼3单元602，电话13900001111",
        f"我住{ADDRESS}，电话{MOBILE}",
        ["address", "mobile"],
    ),
    # names
    ("我叫王芳，今年35岁", f"我叫{NAME}，今年35岁", ["name"]),
    ("我叫李小明。", f"我叫{NAME}。", ["name"]),
    ("本人张伟，男，32岁", f"本人{NAME}，男，32岁", ["name"]),
    ("我的名字是陈静", f"我的名字是{NAME}", ["name"]),
    ("名字叫欧阳娜娜。", f"名字叫{NAME}。", ["name"]),
    ("姓名：赵敏", f"姓名：{NAME}", ["name"]),
    ("我是王小明的妈妈", f"我是{NAME}的妈妈", ["name"]),
    ("我是刘洋，想问一下", f"我是{NAME}，想问一下", ["name"]),
    ("孩子叫张小宝，3岁", f"孩子叫{NAME}，3岁", ["name"]),
    ("我叫王芳，王芳是挂号时的名字", f"我叫{NAME}，{NAME}是挂号时的名字", ["name"]),
    # several kinds, in order of first occurrence
    (
        f"身份证{VALID_ID_X}，手机13812345678",
        f"身份证{ID_CARD}，手机{MOBILE}",
        ["id_card", "mobile"],
    ),
    (
        f"手机13812345678，身份证{VALID_ID_X}",
        f"手机{MOBILE}，身份证{ID_CARD}",
        ["mobile", "id_card"],
    ),
    (
        "我叫李娜，QQ 55667788，邮箱lina@163.com",
        f"我叫{NAME}，QQ {QQ}，邮箱{EMAIL}",
        ["name", "qq", "email"],
    ),
]

# Asker text that must come back unchanged: medical numbers, places, roles, near misses.
NOT_REDACTED: list[str] = [
    "血压140/90mmHg，心率88次/分",
    "空腹血糖7.8mmol/L，餐后2小时11.2",
    "体温39.5℃，已经烧了两天",
    "孕12周+3天，NT 1.2mm",
    "2024-03-05复查，2024年3月5号抽血",
    "今年35岁，身高170cm，体重65kg",
    "布洛芬500mg每日三次，阿莫西林0.25g",
    "白细胞12.5×10^9/L，血小板150×10^9/L",
    "HCG 12345 mIU/ml，孕酮25.6ng/ml",
    "尿酸520umol/L，肌酐85",
    "TSH 4.5 uIU/mL，FT4 15.2 pmol/L",
    "早上8点到10点，3月5日到3月8日",
    "血压 150 100，心率 110，血氧 98%",
    "宝宝体重3.5kg，身长50cm，出生于2023年12月31日",
    "每天走路5000步，一天吃3次，一次2片",
    "我在北京，最近老是头疼",
    "我是江苏人，在上海工作",
    "医院在中山路，我住在长安街附近",
    "我知道3号要复查",
    "挂了3号专家号，在门诊2楼",
    "我在微信上看到说喝醋能降血压",
    "我是孕妇，孕12周",
    "我是高血压患者，吃了三年药",
    "本人女，28岁，月经不调",
    "我是第一次怀孕，有点紧张",
    "我是一名护士，经常上夜班",
    "本人有糖尿病史10年",
    "我是不是怀孕了？",
    "我叫他去医院他不去",
    "我叫了120救护车",
    "我们小区3号楼有人感染了",
    "我在人民医院3楼内科，住在3号床",
    "我是湖北武汉的，住在江汉路步行街附近",
    "温度37.3，血氧95，2023.12.05做的CT",
    "服用阿司匹林100mg qd，氯吡格雷75mg qd",
    "尿常规：蛋白++，潜血+，比重1.025",
    "手机号138****5678，尾号5678",
    "我是周一去的医院",
    "我是黄疸偏高，怎么办",
    "我是马上要手术了",
    "本人程序员，经常熬夜",
    "我是王总的司机",
    "孩子叫不醒，一直睡",
    "医生说at least要吃两周药，see you",
    "110105194912310021",  # an ID number whose check digit is wrong
    "订单号1234567812345678",  # 16 digits failing the Luhn check
    "12345678901",  # eleven digits, but no mobile number starts with 12
    "编号20240305123456789",  # seventeen digits
]


@pytest.mark.parametrize(("text", "expected", "kinds"), REDACTED)
def test_pii_is_replaced_by_its_placeholder(text, expected, kinds):
    assert redact(text) == Redacted(text=expected, kinds=kinds)


@pytest.mark.parametrize("text", NOT_REDACTED)
def test_medical_numbers_places_and_roles_are_not_redacted(text):
    assert redact(text) == Redacted(text=text, kinds=[])


@pytest.mark.parametrize(("text", "pii"), PII_SAMPLES)
def test_pii_sample_substring_does_not_survive(text, pii):
    result = redact(text)
    assert pii not in result.text
    assert result.kinds


def test_pii_samples_cover_every_kind():
    kinds = {kind for text, _ in PII_SAMPLES for kind in redact(text).kinds}
    assert kinds == set(redaction.KINDS)
    assert len(PII_SAMPLES) >= 15
    assert all(pii in text for text, pii in PII_SAMPLES)


def test_check_digit_follows_gb_11643():
    assert id_check_char("11010519491231002") == "X"
    assert id_check_char(VALID_ID[:17]) == VALID_ID[17]
    assert is_id_card(VALID_ID) and is_id_card(VALID_ID_X) and is_id_card(VALID_ID_X.lower())


def test_id_card_with_wrong_check_digit_is_not_redacted():
    corrupted = VALID_ID[:17] + "8"
    assert not luhn_ok(corrupted)  # so it cannot pass as a bank card either
    text = f"我的身份证号是{VALID_ID}，不对，应该是{corrupted}"
    result = redact(text)
    assert result.text == f"我的身份证号是{ID_CARD}，不对，应该是{corrupted}"
    assert result.kinds == ["id_card"]


@pytest.mark.parametrize("check", [c for c in "0123456789X" if c != VALID_ID[17]])
def test_id_card_with_any_wrong_check_character_is_never_an_id_card(check):
    corrupted = VALID_ID[:17] + check
    result = redact(f"身份证{corrupted}")
    assert "id_card" not in result.kinds
    assert ID_CARD not in result.text
    if not luhn_ok(corrupted):  # a Luhn-valid 18-digit number is redacted as a bank card
        assert result.text == f"身份证{corrupted}"


def test_id_card_with_impossible_birth_date_is_not_redacted():
    first17 = "11010519900230001"  # 30 February
    number = first17 + id_check_char(first17)
    assert redact(f"身份证{number}").kinds == []


def test_id_card_with_unknown_region_is_not_redacted():
    first17 = "99010519900101001"
    assert redact(first17 + id_check_char(first17)).kinds == []


def test_luhn_check():
    assert luhn_ok("4111111111111111")
    assert not luhn_ok("4111111111111112")


def test_bank_card_with_wrong_luhn_digit_is_not_redacted():
    assert redact("卡号6222021234567890127").kinds == []


def test_all_zero_number_is_not_a_bank_card():
    assert redact("0000000000000000").kinds == []


@pytest.mark.parametrize("text", [t for t, _, _ in REDACTED] + NOT_REDACTED)
def test_redaction_is_idempotent(text):
    once = redact(text)
    twice = redact(once.text)
    assert twice.text == once.text
    assert twice.kinds == []


def test_placeholders_already_in_the_text_are_not_reported_as_found():
    text = f"上次写的{MOBILE}和{ID_CARD}不算"
    assert redact(text) == Redacted(text=text, kinds=[])


@pytest.mark.parametrize(
    "text",
    [
        "",
        " ",
        "\x00\x01\x02\x1b[31m\x7f",
        "😀🏥💊👨‍⚕️" * 100,
        "\ud800\udfff",
        "\U000f0000\U000f0003[\U000f0001]",
        "1" * 10_000,
        "1 " * 5_000,
        "１" * 10_000,
        "路" * 10_000,
        "北京市朝阳区" * 1_600,
        "阳光小区" * 2_500,
        "3号楼2单元" * 1_000,
        "我叫" * 5_000,
        "微信" * 5_000,
        "a@" * 5_000,
        "a." * 5_000 + "@",
        "\u3000" * 10_000,
    ],
)
def test_hostile_input_never_raises_and_stays_fast(text):
    start = time.perf_counter()
    result = redact(text)
    assert time.perf_counter() - start < 2.0
    assert isinstance(result.text, str)
    assert redact(result.text).text == result.text
    assert "\U000f0000" not in result.text  # internal marks never leak


def test_random_mixed_text_never_raises_and_is_idempotent():
    rng = random.Random(20240305)
    alphabet = "0123456789０１２ -+@.xX号路市区村栋单元室小区我叫是本人微信QQ王李张芳，。 \n😀"
    for _ in range(50):
        text = "".join(rng.choice(alphabet) for _ in range(200))
        once = redact(text)
        assert redact(once.text).text == once.text
    long_text = "".join(rng.choice(alphabet) for _ in range(10_000))
    start = time.perf_counter()
    redact(long_text)
    assert time.perf_counter() - start < 2.0


def test_pii_inside_10000_characters_is_still_found():
    text = "头疼。" * 3000 + "电话13812345678" + "头疼。" * 300
    result = redact(text)
    assert "13812345678" not in result.text
    assert result.kinds == ["mobile"]


def test_none_gives_empty_result():
    assert redact(None) == Redacted(text="", kinds=[])


def test_internal_failure_withholds_the_whole_text(monkeypatch):
    def broken(text):
        raise RuntimeError("boom")

    monkeypatch.setattr(redaction, "_STEPS", (broken,))
    assert redact("电话13812345678") == Redacted(text=FAILED, kinds=["error"])
