import time

import pytest

from mingyi.safety.moderation import (
    REASON_AD,
    REASON_CONTACT,
    REASON_GIBBERISH,
    REASON_LINK,
    REASON_REPEAT,
    SpamVerdict,
    similarity,
    spam_check,
)

# (question text, the reasons it must be flagged with)
SPAM: list[tuple[str, list[str]]] = [
    ("加我微信abc123456，了解更多降糖秘方", [REASON_CONTACT]),
    ("有需要的加V：yaodian888", [REASON_CONTACT]),
    ("想要的+vx详聊", [REASON_CONTACT]),
    ("vx同号，私聊", [REASON_CONTACT]),
    ("加扣扣123456789领取资料", [REASON_CONTACT]),
    ("需要的私信我", [REASON_CONTACT]),
    ("诚招代理，一件代发，招商加盟", [REASON_CONTACT]),
    ("兼职刷单，日结300，宝妈学生可做", [REASON_CONTACT]),
    ("在家兼职打字，月入过万", [REASON_CONTACT]),
    ("联系电话13812345678，包您满意", [REASON_CONTACT]),
    ("详情请访问 www.example.com", [REASON_LINK]),
    ("点击链接 https://t.cn/abc123", [REASON_LINK]),
    ("最新降压方法看 haoyao123.top", [REASON_LINK]),
    ("访问 w w w . h a o y a o . c o m 领取", [REASON_LINK]),
    ("想买便宜药的看这里 haoyao点com", [REASON_LINK]),
    ("ｗｗｗ．ｈａｏｙａｏ．ｃｎ", [REASON_LINK]),
    ("本店新到进口降压药，限时特价，全国包邮", [REASON_AD]),
    ("厂家直销，量大从优", [REASON_AD]),
    ("出售减肥药，效果好，价格低", [REASON_AD]),
    ("正品保健品打折促销，买一送一", [REASON_AD]),
    (
        "本店新到进口降压药，限时特价，全国包邮，加V：yaodian888",
        [REASON_CONTACT, REASON_AD],
    ),
    ("特价药品，包邮，有需要的联系13812345678", [REASON_CONTACT, REASON_AD]),
    ("哈哈哈哈哈哈哈哈", [REASON_GIBBERISH]),
    ("啊啊啊啊啊啊啊啊啊啊", [REASON_GIBBERISH]),
    ("？？？？？", [REASON_GIBBERISH]),
    ("😀😀😀😀😀😀", [REASON_GIBBERISH]),
    ("你好你好你好你好", [REASON_GIBBERISH]),
    ("asdfghjklqwrt", [REASON_GIBBERISH]),
    ("1111111111", [REASON_GIBBERISH]),
    ("降压药降压药降压药降压药", [REASON_GIBBERISH]),
    ("低价出售各种处方药，需要的私聊", [REASON_CONTACT, REASON_AD]),
    ("专业代理各类医疗器械，量大从优，电话：0755-88886666", [REASON_CONTACT, REASON_AD]),
    ("治疗不孕不育，成功率高，详情咨询138 1234 5678", [REASON_CONTACT]),
    ("免费领取降糖秘方，扫码领取", [REASON_AD]),
]

# Genuine patient questions, including ones that mention WeChat, drugs, discounts or jobs.
NOT_SPAM: list[str] = [
    "我在微信上看到说喝醋能降血压，是真的吗？",
    "医生，阿莫西林和头孢能一起吃吗？",
    "网上代购的药能吃吗？",
    "药店打折买的维生素有效吗",
    "我在招商银行上班，经常加班头疼怎么办",
    "我是做兼职的，最近腰疼得厉害",
    "我刷单被骗了两万，最近整夜失眠",
    "医生可以加您微信吗？我想详细咨询一下",
    "孩子发烧39.5度，吃了美林还不退怎么办？",
    "二甲双胍500mg一天两次，血糖还是7.8，要加药吗",
    "宝宝三个月，体重6.5kg，是不是偏轻？",
    "微信群里有人推荐一种降压茶，能喝吗？",
    "医生，我的电话是13812345678，方便时请回电",
    "体检报告上写着 ALT 65 U/L，严重吗？",
    "哈哈，我儿子终于不咳嗽了，谢谢医生！",
    "头疼头疼，连续三天头疼，吃了布洛芬也不管用",
    "医院的联系电话是多少？想预约胃镜",
    "买的血压计包邮到的，测出来140/90准吗？",
    "Amlodipine 和 Metformin 可以一起吃吗",
    "我加盟了一家奶茶店，天天熬夜，心慌怎么办",
    "在京东买的999感冒灵，打折的时候囤了很多，过期一个月还能吃吗？",
    "我在药店买的，店员说现在有优惠，买二送一，这种保健品有用吗？",
    "医生，我每天做微商到凌晨，最近心慌胸闷",
    "我在抖音上看到一个代购的进口药，能买吗？",
    "啊啊啊啊啊医生救命，我孩子发烧40度了",
    "头疼。",
    "",
]


@pytest.mark.parametrize(("text", "reasons"), SPAM)
def test_spam_is_flagged_with_its_reasons(text, reasons):
    assert spam_check(text) == SpamVerdict(is_spam=True, reasons=reasons)


@pytest.mark.parametrize("text", NOT_SPAM)
def test_genuine_patient_question_is_not_spam(text):
    assert spam_check(text) == SpamVerdict(is_spam=False, reasons=[])


QUESTION = "医生你好，我最近三天一直发烧，体温38.5度，吃了退烧药还是反复，需要去医院吗？"


def test_identical_recent_post_is_a_repeat():
    verdict = spam_check(QUESTION, recent_texts=["别的问题", QUESTION])
    assert verdict == SpamVerdict(is_spam=True, reasons=[REASON_REPEAT])


def test_repeat_ignores_whitespace_punctuation_and_width():
    variant = "医生你好 我最近三天一直发烧 体温３８.５度 吃了退烧药还是反复 需要去医院吗"
    assert spam_check(variant, recent_texts=[QUESTION]).reasons == [REASON_REPEAT]


def test_nearly_the_same_recent_post_is_a_repeat():
    variant = QUESTION.replace("医院", "医院看")
    assert similarity(variant, QUESTION) >= 0.9
    assert spam_check(variant, recent_texts=[QUESTION]).reasons == [REASON_REPEAT]


def test_a_different_question_on_the_same_topic_is_not_a_repeat():
    other = "医生你好，我孩子最近咳嗽，晚上咳得厉害，需要去医院拍片吗？"
    assert similarity(other, QUESTION) < 0.9
    assert spam_check(other, recent_texts=[QUESTION]).is_spam is False


def test_repeat_spam_reports_every_reason():
    ad = "本店新到进口降压药，限时特价，全国包邮"
    assert spam_check(ad, recent_texts=[ad]).reasons == [REASON_AD, REASON_REPEAT]


def test_a_link_in_a_genuine_question_is_still_reported():
    # Links are not published unvetted; the editor approves this one.
    verdict = spam_check("我看了www.dxy.cn上的文章，说甲减要终身服药，是真的吗？")
    assert verdict.reasons == [REASON_LINK]


def test_similarity_bounds():
    assert similarity("头疼", "头疼") == 1.0
    assert similarity("头疼", "") == 0.0
    assert similarity("头疼发烧", "腰酸背痛") == 0.0


def test_empty_recent_texts_are_ignored():
    assert spam_check(QUESTION, recent_texts=["", "   "]).is_spam is False


@pytest.mark.parametrize(
    "text",
    [
        "\x00\x01\x1b[0m",
        "😀🏥💊" * 3000,
        "a" * 10_000,
        "www." * 2_500,
        "加我微信" * 2_500,
        "\ud800",
        None,
    ],
)
def test_hostile_input_never_raises(text):
    start = time.perf_counter()
    verdict = spam_check(text, recent_texts=[text or "", "头疼"])
    assert isinstance(verdict.is_spam, bool)
    assert time.perf_counter() - start < 3.0


def test_many_recent_texts_stay_fast():
    recent = [f"第{i}个问题：我头疼发烧咳嗽，体温{i}度，怎么办？" for i in range(500)]
    start = time.perf_counter()
    spam_check(QUESTION, recent_texts=recent)
    assert time.perf_counter() - start < 2.0
