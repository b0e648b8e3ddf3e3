"""Personal names in asker text, found after an introducing phrase (part of redaction).

我叫/名字叫/姓名： introduce a name for sure; 本人/我是 also introduce roles and conditions
(我是孕妇, 本人高血压), so after them the candidate must start with a common surname. A name
is 2–3 characters (4 with a compound surname) followed by punctuation, the end of the text or
a word that usually follows a name (今年, 男, 想…); it never contains a function word, a
condition or a body part, and is not a role (患者, 宝妈…). Every other occurrence of a name
found this way is redacted too.
"""

from __future__ import annotations

import re


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


_NAME_INTRO = re.compile(
    r"(?P<intro>我的名字[是叫]|名字[是叫]|我叫|姓名[是:：]|联系人[是:：]|本人|我是"
    r"|(?:老公|老婆|丈夫|妻子|爱人|孩子|儿子|女儿|宝宝|爸爸|妈妈|父亲|母亲)(?:的名字)?叫)"
    r"[ \u3000]{0,2}[:：]?[ \u3000]{0,2}"
)
_WEAK_INTROS = ("本人", "我是")
_SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程"
    "苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾"
    "毛郝龚邵万钱严覃武戴莫孔汤温康施文牛樊葛邢齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞"
    "左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房"
    "滕屈饶解牟艾尤穆农司卓古吉缪简项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂佟臧闵苟邬"
    "边卞姬师仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩佘池查麻迟邝"
)
_COMPOUND_SURNAMES = _words("欧阳 司马 上官 诸葛 东方 皇甫 尉迟 公孙 慕容 令狐")
# Characters no name contains: function words, conditions, body parts, units.
_NOT_NAME_CHARS = frozenset(
    "了的着过吗呢吧啊呀么他她它你我们是在不没也都就还很太这那哪什怎想问"
    "病症炎癌瘤痛疼痒肿疹血压孕胎药医院岁斤米度次胖瘦头脸眼鼻耳嘴牙舌喉颈胸腹腰背腿脚臂肩膝"
    "胃肠肝胆肾肺皮肤发人"
)
# Words a candidate may start with that are roles, conditions or places, not names.
_NOT_NAMES = _words(
    "患者 病人 病号 妈妈 宝妈 孕妈 孕妇 学生 医生 护士 老师 男的 女的 男性 女性 男生 女生 男孩 "
    "女孩 男士 女士 一名 一个 一位 家属 爸爸 父亲 母亲 孩子 宝宝 新手 本人 朋友 同事 老人 "
    "白领 文员 会计 单身 单亲 高中 高三 高二 高一 初中 大学 毕业 成年 全职 全身 常年 常常 "
    "经常 平时 向来 时常 一直 最近 今年 去年 目前 现在 之前 以前 江苏 江西 安徽 吉林 黄石 "
    "程序 司机 工人 农民 退休 上班 第一 自己 关于 于是 曾经 毛发 毛囊 包皮 宫颈 华为 苹果"
)
# Names do not end in a title (王先生, 张阿姨), nor, at two characters, in a kinship term (王姐).
_NAME_TITLES = _words("先生 小姐 阿姨 叔叔 大夫 同学 大爷 奶奶 爷爷 师傅")
_SHORT_TITLES = "姐哥妹弟叔姨总工婆公"
# What may directly follow a name besides punctuation: 我叫王芳今年35岁, 我是刘洋想问….
_NAME_NEXT = _words(
    "今年 男 女 岁 想 请问 问 有 在 是 来自 现在 最近 目前 之前 从 因为 平时 一直 已经 去年 今天"
)
# After 本人/我是, a name followed by 的 only before a relative: 我是王小明的妈妈.
_KIN = _words(
    "妈妈 爸爸 母亲 父亲 家属 家人 孩子 儿子 女儿 老公 老婆 丈夫 妻子 爱人 朋友 同事 奶奶 爷爷 "
    "外婆 外公"
)


def _is_cjk(c: str) -> bool:
    return "\u4e00" <= c <= "\u9fff"


def _name_at(text: str, start: int, strong: bool) -> str | None:
    """The name that starts at `start`, or None."""
    for length in (2, 3, 4):
        cand = text[start : start + length]
        if len(cand) < length or not all(_is_cjk(c) for c in cand):
            return None
        compound = cand.startswith(_COMPOUND_SURNAMES)
        if length == 4 and not compound:
            return None
        after = start + length
        if not (
            after == len(text)
            or not _is_cjk(text[after])
            or text.startswith(_NAME_NEXT, after)
            or (text[after] == "的" and (strong or text.startswith(_KIN, after + 1)))
        ):
            continue
        if (
            any(c in _NOT_NAME_CHARS for c in cand)
            or cand.startswith(_NOT_NAMES)
            or cand.endswith(_NAME_TITLES)
            or (length == 2 and cand[1] in _SHORT_TITLES)
            or not (strong or compound or cand[0] in _SURNAMES)
        ):
            return None
        return cand
    return None


def redact_names(text: str, mark: str) -> str:
    """`text` with every introduced name (and its other occurrences) replaced by `mark`."""
    names: set[str] = set()
    for m in _NAME_INTRO.finditer(text):
        name = _name_at(text, m.end(), m.group("intro") not in _WEAK_INTROS)
        if name:
            names.add(name)
    for name in sorted(names, key=len, reverse=True):  # every occurrence, not only the first
        text = text.replace(name, mark)
    return text
