"""Triage rules as data: the lexicon of what askers type, and the rules built from it.

Every rule names a level, a kind (which first-aid advice to show), a short Chinese reason and
regex patterns that must all match, un-negated and not in the past, within one window:

- ``window="clause"``: all patterns in one clause (split on ，。；！？ and line breaks);
- ``window="sentence"``: all in one sentence (split on 。！？ and line breaks);
- ``window="text"``: anywhere in the text.

``context`` patterns must match (un-negated, not past) anywhere in the text: who the person is
(a baby, a pregnant woman) or what happened first (an allergy). ``unless`` is a regex over the
whole text that switches the rule off (the seizure stopped, it is lipstick, not cyanosis).
Every emergency rule with an ``unless`` has an urgent fallback rule that fires on the same
words, so an ``unless`` never turns an emergency into routine (the one exception by design: a
small child's speech development is routine). A fallback names the rules it backs up
(``fallback_of``) and stays silent when they fire, so a text gets one reason, not two.

Patterns never match across punctuation: gaps use ``G`` (any character but a clause break),
so each match lies in one clause and its negation can be judged there. Long alternations sit
on lines of their own so that each line is one regex fragment.
"""

from dataclasses import dataclass

EMERGENCY = "emergency"
URGENT = "urgent"
ROUTINE = "routine"

# Advice kinds; the engine maps each to first-aid text.
KIND_CHEST = "chest"
KIND_STROKE = "stroke"
KIND_BREATHING = "breathing"
KIND_BLEEDING = "bleeding"
KIND_POISONING = "poisoning"
KIND_SEIZURE = "seizure"
KIND_UNCONSCIOUS = "unconscious"
KIND_ALLERGY = "allergy"
KIND_INFANT = "infant"
KIND_SELF_HARM = "self_harm"
KIND_TRAUMA = "trauma"
KIND_HEADACHE = "headache"
KIND_PREGNANCY = "pregnancy"
KIND_GENERAL = "general"


@dataclass(frozen=True)
class Rule:
    id: str
    level: str
    kind: str
    reason: str
    patterns: tuple[str, ...]
    window: str = "sentence"
    context: tuple[str, ...] = ()
    unless: str = ""
    fallback_of: tuple[str, ...] = ()  # emergency rules this one backs up; silent when they fire


# --- building blocks -----------------------------------------------------------------------------

G = r"[^,，。;；!！?？:：\n…~～]"  # any character inside a clause
GN = r"[^,，。;；!！?？:：\n…~～不没无未]"  # …that is not a negator either
NUM = r"(?:\d{1,3}|[一二两三四五六七八九十百几]+)"
SUDDEN = r"突然|忽然|一下子|猛然|猛地|突发"
KIN = r"宝宝|孩子|小孩|儿童|娃|小朋友|宝贝|儿子|女儿|闺女|孙子|孙女|外孙女?|小儿|幼儿"

# --- time, negation, question markers (used by the engine) ---------------------------------------

# A finished episode: 去年 / 三年前 / 小时候 / 曾经 …
PAST = (
    r"去年|前年|大前年|往年|早年|当年|那年|小时候|年轻(?:的)?时(?:候)?|曾经"
    r"|曾(?=有|患|得|出现|发生)|既往|从前|有过|得过|犯过|上次|上一次|上回|上个月|多年前"
    rf"|{NUM}(?:多)?(?:年|个多?月)(?:前|以前|之前)|好几年前|十几年前"
    r"|以前|(?:^|(?<=[,，。;；!！?？:：\n…~～])|[我他她俺咱们在爸妈]|很久|好久|多年|几年)之前"
    r"|(?:中风|心梗|脑梗|脑出血|手术|骨折|出院|发病)(?:了)?(?:以后|之后|后)"
)
# A lasting condition, not an event: past even beside 现在 (现在有后遗症，说话不利索).
CHRONIC = r"病史|既往史|家族史|后遗症|恢复期|康复期|康复训练"
# "以前从来没有过" stresses that something is new: never a past marker.
NEVER_BEFORE = (
    r"(?:以前|之前|过去|以往|从前)?(?:从来|从|都|也|还)?(?:没|不曾|未曾)(?:有)?"
    r"(?:过|这样|这么|出现过)"
)
# A present marker inside a past clause must be this strong to win.
NOW_STRONG = r"现在|正在|刚刚|刚才|此刻|此时|目前|这会儿?|眼下|今天|今晚|今早|今儿|当下"
# In a clause without a past marker of its own, these also cut a past marker's scope.
NOW_WEAK = r"又|再次|一直|还在|还是|突然|忽然|最近|这几天|这两天|近期|近来|这阵子|开始"
# "现在又这样了": the past episode is back, so nothing in the text is past.
RECURRENCE = (
    r"(?:现在|今天|刚刚|刚才|今晚|今早|这会儿?)(?:又|再次|也)"
    r"|又(?:这样|犯了|发作|来了|开始了|出现了)|再次(?:发作|出现)|复发了"
)
# Chronic, not acute: 昏迷三个月了 / 中风两年了.
CHRONIC_AFTER = rf"^(?:了|过)?(?:已经|都|快|有|好)?{NUM}(?:多|个多|个半)?(?:年|个月)"

NEGATOR = r"否认|没有|没|无|不|未|并非|差点|差一点|险些|几乎"
NEGATOR_NO_BU = r"否认|没有|没|无|未"  # coordination ("没有胸痛和出汗") never via 不
# Words allowed between a negator and the symptom: 没有明显胸痛 / 没怎么出汗 / 没想过要自杀.
NEG_FILLER = (
    r"明显|什么|怎么|任何|太|很|再|出现过?|发生过?|感到|感觉|觉得|有过?|过|的|也|都|并"
    r"|一点儿?|啥|多少|那么|这么|特别|经常|常|伴有?|伴随|发现|见|到|是|一起|同时|想过"
    r"|打算|考虑过?|真的|真|要"
)
CONJUNCTION = r"和|及|或者?|、|跟|以及|与|/"
# After the symptom: "出汗倒没有"
NEG_AFTER = r"^(?:倒|倒是|是|也|都|并|那倒)?(?:没有|没)(?:了|过)?$"

# Askers write "我想问一下" before generic questions; that 我 is not a patient.
META = (
    r"我想(?:问|咨询|了解|知道)(?:一下|下)?|(?:请|想)问(?:一下|下)?|问一下|咨询一下"
    r"|我问问|我想请教"
)
# Someone real is involved (a child word alone is not: 宝宝热性惊厥怎么急救 is generic).
EXPERIENCER = (
    r"我|俺|咱|(?<!其)他|她|本人|家里|家人|老公|老婆|媳妇|丈夫|妻子|爱人|爸|妈|爹|娘"
    r"|儿子|女儿|闺女|爷爷|奶奶|外公|外婆|姥姥|姥爷|公公|婆婆|岳父|岳母|老伴|朋友|同事"
    r"|同学|室友|对象|邻居|娃"
)
HYPOTHETICAL = r"如果|假如|万一|要是|假设|倘若|若是|一旦|如遇|遇到|碰到"
INFO_QUESTION = (
    r"有(?:什么|哪些|啥)(?:症状|表现|征兆|前兆|危害|后果|信号)"
    r"|(?:的|早期)(?:症状|表现|征兆|前兆|信号)|前兆|征兆|先兆"
    r"|(?:怎么|如何|怎样)(?:预防|避免|急救|自救|识别|判断|区分|科普)"
    r"|急救(?:方法|措施|知识|常识|步骤|原则)|预防(?:方法|措施)|会(?:不会)?遗传"
    r"|能(?:不能)?治好|能(?:否)?根治|科普|常识|区别|注意事项|高危人群|哪些人容易"
    r"|会中毒吗|有毒吗|是什么病|怎么(?:劝|帮助|帮)|如何(?:劝|帮助|帮)|影响"
)
# About paperwork, not care: 车祸保险怎么理赔.
ADMIN_QUESTION = r"保险|理赔|赔偿|报销|鉴定|起诉|律师|责任认定|工伤认定|请假|病假条"
# Ongoing now: keeps a question from being read as merely informational.
ONGOING = rf"{NOW_STRONG}|一直|还在|不停|没停|止不住|又"

# Frequent homophone typos and phone input slips, fixed before matching.
TYPOS = {
    "不醒人事": "不省人事",
    "人事不醒": "人事不省",
    "抽蓄": "抽搐",
    "抽畜": "抽搐",
    "冷汉": "冷汗",
    "冷寒": "冷汗",
    "昏谜": "昏迷",
    "昏到": "昏倒",
    "晕到了": "晕倒了",
    "晕到在": "晕倒在",
    "喘不上起": "喘不上气",
    "喘不过起": "喘不过气",
    "上不来起": "上不来气",
    "呼吸困男": "呼吸困难",
    "口脚歪斜": "口角歪斜",
    "心埂": "心梗",
    "脑埂": "脑梗",
    "割婉": "割腕",
    "自沙": "自杀",
    "叫不省": "叫不醒",
    "喉龙": "喉咙",
    "过明": "过敏",
}

# --- symptom lexicon -----------------------------------------------------------------------------

CHEST_PAIN = (
    rf"(?:胸(?:口|部|前|骨|膛|前区)?|心口|心窝子?|心前区|心脏){GN}{{0,6}}?"
    r"(?:疼|痛|闷|发紧|紧|憋|压|堵|绞|揪|难受|不舒服)"
    r"|胸闷|胸痛|心绞痛|心脏病(?:又)?(?:犯|发作)"
)
SWEAT = (
    r"冷汗|大汗|虚汗|满头(?:是)?汗|一身(?:的)?汗|浑身(?:是|冒)?汗"
    r"|(?:出|冒|流)(?:了)?(?:好多|很多|一身|满头|一头)?(?:的)?汗"
    r"|汗如雨下|汗流浃背|大汗淋漓"
)
RADIATE = (
    r"(?:放射|牵扯|牵涉|扯|串|窜|连|带|传|疼|痛)(?:到|着|至)(?:了)?(?:左)?(?:边)?(?:的)?"
    r"(?:肩膀?|胳膊|手臂|臂|后背|背(?:部|后)?|下巴|下颌|牙|脖子|颈部|左手)"
    r"|(?:左肩|左胳膊|左臂|左手臂|后背|下巴|下颌|左边胳膊|左边肩膀)"
    rf"{G}{{0,3}}(?:疼|痛|麻|酸|发麻)"
)
CHEST_SEVERE = (
    r"石头|大石|压榨|紧缩|箍|刀割|刀绞|撕裂|剧烈|剧痛"
    r"|(?:像|好像|跟)(?:有)?(?:东西|人|大象|石头)(?:压|坐|按)"
    r"|(?:疼|痛|压|憋)得(?:厉害|受不了|要命|不行|直不起|打滚|满头大汗|说不出话|喘不过气)"
    r"|越来越(?:疼|痛|重|厉害|闷)"
    r"|(?:半个?小时|一个?小时|十几分钟|二十分钟|好久)(?:了)?(?:都|还)?(?:不|没)(?:缓解|好)"
)
# Breast pain (经前胸部胀痛) is not the chest pain of a heart attack.
BREAST = r"乳房|乳腺|乳头|月经|经期|例假|大姨妈|哺乳|喂奶|胸部(?:有点|很)?胀"
DIZZY_FAINT = r"要晕|快晕|晕倒|晕过去|眼前发黑|眼前一黑|头晕|站不住"

BREATH = (
    r"喘不(?:上|过|来)(?:来)?气|喘不(?:过|上)来|喘不动|上不来气|气(?:都)?上不来|透不过气|喘不动气"
    r"|(?:喘气|喘)(?:得)?(?:好|很|特别|非常)?(?:费劲|费力|困难)|吸不(?:上|进)气|呼吸(?:很|特别|非常)?(?:困难|费劲|费力|急促|很急|特别急|不过来|不上来)"
    r"|呼吸(?:停了|停止|没了|骤停)|憋(?:得|的)?(?:脸|嘴唇|嘴|满脸)?(?:都)?(?:发紫|青紫|发青|紫|青)"
    r"|喘得(?:厉害|说不出话|躺不下|不行)|没法(?:子)?呼吸|不能呼吸|无法呼吸|不会喘气"
    r"|没(?:有)?(?:了)?呼吸(?!困难|急促|不畅|费力|道)|不喘气了?|没气了|快(?:要)?憋死|窒息"
    r"|气管(?:里)?(?:进了?|卡了?)?异物|异物卡"
    rf"|(?:卡|噎|呛)(?:住|到)(?:了)?{G}{{0,6}}(?:喘|说不出话|脸发紫|上不来气)"
    r"|三凹征|鼻翼扇动|喘鸣"
)
# Blue lips or face, unless it is lipstick.
CYANOSIS = (
    r"(?:嘴唇|嘴|脸|脸色)(?:都|有点|有些|很|特别|发)?(?:青紫|乌青|紫|青)(?!色|外|菜|薯|药|癜|一块)"
    r"|(?:指甲|手指)(?:都|有点)?(?:发紫|青紫)"
)
MAKE_UP = r"口红|唇膏|唇彩|唇釉|化妆|涂"
EXERTION = r"跑步|跑完|运动|锻炼|健身|爬楼|爬山|打球|游泳|跳绳|剧烈活动"
# Fast or laboured breathing: a red flag in a baby, often just exertion in an adult.
FAST_BREATHING = (
    r"(?:喘气|呼吸|喘)(?:得)?(?:好|很|特别|非常)?(?:急|快)"
    r"|肚子一鼓一鼓|鼻翼(?:一张一张|一扇一扇)|肋骨(?:下面)?(?:都)?凹"
)

FACE_DROOP = (
    r"口角(?:歪斜|歪|斜|下垂)|口眼歪斜|口歪眼斜"
    rf"|嘴(?:巴|角)?{GN}{{0,4}}?(?:歪|斜|往一边|向一边|往一侧|向一侧)|歪嘴"
    r"|(?:半边|一边|一侧|左边|右边)(?:的)?脸(?:突然)?(?:麻|木|歪|不能动|动不了|没知觉|耷拉)"
    r"|脸(?:突然)?(?:歪了|一边歪)|嘴角(?:耷拉|下垂)|(?:喝水|吃饭)(?:时)?(?:往外)?漏"
)
SIDE = r"一侧|一边|半边|半侧|单侧|左边|右边|左侧|右侧|左半边|右半边|左半身|右半身"
WEAK = (
    r"没劲|没有劲|无力|没力气?|没有力气|使不上劲|麻|木|不能动|动不了|不听使唤|不灵活?"
    r"|抬不起来|举不起来|拿不住|拿不稳|没知觉|没感觉"
)
LIMB_HALF = (
    rf"(?:{SIDE})(?:的)?(?:手脚|手和脚|手跟脚|胳膊和腿|胳膊腿|身子|身体|肢体|半身)"
    rf"{G}{{0,3}}(?:{WEAK})"
    rf"|(?:手脚|胳膊腿)(?:都)?(?:是)?(?:{SIDE}){G}{{0,3}}(?:{WEAK})|偏瘫|半身不遂"
)
LIMB_STRONG = (
    rf"(?:手|脚|胳膊|腿|手臂|半边|一边|身子){G}{{0,4}}"
    r"(?:抬不起来|举不起来|不听使唤|动不了|不能动|拿不住|握不住|没知觉)"
    rf"|(?:筷子|碗|杯子|勺子|手机){G}{{0,3}}(?:掉了|掉地上|掉到地上|拿不住|握不住)"
)
LIMB_ANY = (
    rf"(?:手|脚|胳膊|腿|手臂|半边|一边|身子){G}{{0,4}}(?:{WEAK})|偏瘫|半身不遂"
    r"|拿不住(?:筷子|东西|碗|杯子)|走路(?:不稳|打晃|往一边倒|歪)|站不稳|站不住"
)
SPEECH = (
    r"说话(?:突然)?(?:有点|有些|很|都|也)?"
    r"(?:含糊|含含糊糊|不清楚?|不太清楚?|不利索|不太利索|不利落|不灵|不连贯|大舌头|费劲"
    r"|吐字不清|口齿不清|不流利)"
    r"|说不(?:清|清楚|出话|了话)|讲不(?:清|清楚|出话)|口齿不清|吐字不清"
    r"|舌头(?:发)?(?:硬|僵|大|不听使唤|不灵活?)|大舌头|说不出(?:来)?话"
    r"|话(?:都)?说不(?:出来|清|利索)|不会说话了|答非所问|听不懂(?:别人)?(?:说话|人话)"
    r"|说话(?:词不达意|颠三倒四)"
)
# A child's speech development, not a stroke (儿子/女儿 may be adults, so they do not count).
SPEECH_DEVELOPMENT = (
    r"宝宝|孩子|小孩|儿童|幼儿|小朋友|宝贝|娃|(?<![十\d])[一二两三四五六]岁|(?<![\d.])[1-6]岁"
    r"|发育|口吃|结巴|咬字|发音|翘舌|普通话|口音|还不会"
)
# Dementia is not sudden confusion.
DEMENTIA = r"痴呆|阿尔茨海默|认知障碍|脑萎缩|记性不好|记忆力(?:差|下降)"
CONFUSION = (
    r"不认人|认不出人|认不出(?:我|家里人)|说胡话|胡言乱语|糊涂了|神志恍惚|意识混乱|答非所问"
    r"|不知道自己在哪|叫不出(?:我的)?名字"
)
VISION_LOSS = (
    r"看不清|看不见|看不到东西|失明|视物模糊|视力(?:突然)?(?:下降|模糊)|重影"
    r"|看东西(?:模糊|重影|有两个|成双)|一只眼(?:睛)?(?:看不见|看不清|黑了)"
    r"|半边(?:看不见|看不清)|视野(?:缺|少了一块)"
)

CONDITION = (
    r"心梗|心肌梗死|心肌梗塞|心脏病发|中风|脑梗(?:死|塞)?|脑卒中|卒中|脑溢血|脑出血"
    r"|胃出血|消化道出血|主动脉夹层|心脏骤停|心跳骤停|心跳停了|休克|哮喘(?:大)?发作|过敏性休克|宫外孕破裂"
)
# Naming an illness in a past clause describes the old episode (以前中风过，口角歪斜): the
# engine lets such a clause carry its past marker over the rest of the sentence.
EPISODE = rf"{CONDITION}|癫痫|惊厥|抽风|哮喘|晕厥|过敏|车祸|骨折|中毒|手术|大出血"
CONDITION_NOW = (
    rf"(?:{SUDDEN}|正在|刚刚|刚才|现在|今天|又){G}{{0,4}}(?:{CONDITION})"
    rf"|(?:{CONDITION})(?:了|发作了?|犯了|又犯了)"
    rf"|(?:好像|可能|疑似|怀疑|是不是|像是|估计|应该是)(?:是)?(?:得了|犯了|发生了)?(?:{CONDITION})"
)

BLEED_HEAVY = (
    r"大出血|大量(?:的)?出血|出(?:了)?(?:好多|很多|大量|一大摊|一地)(?:的)?血"
    r"|出血(?:量)?(?:很多|特别多|非常多|好多|很大|不止|止不住|停不下来)"
    r"|血(?:一直)?(?:止不住|止不了|流不止|停不下来|根本止不住|哗哗(?:地|的)?(?:流|往外)"
    r"|往外(?:喷|冒|涌)|喷出来|流了一地|流了一大摊|一直(?:在)?流(?:个不停)?)"
    r"|流(?:了)?(?:很多|好多|一大摊|一地|大量|满地|一大滩)(?:的)?血|喷血"
    r"|(?:吐|呕)(?:了)?(?:一)?(?:大口|口|大口大口|很多|好多|一碗|一盆|大量|满地|一地)?(?:的)?"
    r"(?:鲜)?血(?!丝|压|糖|常规|型|管|脂|清|小板|液|检查)|吐(?:出来)?的(?:都是|全是)血"
    r"|咳(?:出|了)?(?:一)?(?:大口|大口大口|很多|好多|一碗|满口|大量)(?:的)?(?:鲜)?血"
    r"|(?:便血|拉血|大便(?:带|出|里有|里都是)?血)(?:很多|好多|特别多|一大堆|不止|止不住)"
    r"|(?:大便|拉的|拉出来的)(?:里)?(?:全是|都是|好多|很多)(?:的)?血"
    r"|拉(?:了)?(?:很多|好多|一马桶|满马桶|一大堆)(?:的)?血|(?:马桶|便池)(?:里)?(?:都是|全是|一片)血"
    rf"|(?:伤口|刀口){G}{{0,4}}(?:很深|深可见骨|见骨|一直流血|喷血)"
    r"|(?:割|划|切|扎)(?:到|破|断)(?:了)?(?:动脉|大血管)"
)
BLACK_STOOL = r"黑便|柏油样|(?:大便|拉的|拉出来的)(?:是)?(?:发)?黑(?:色)?"
BLEED_GI = rf"便血|拉血|大便(?:带|有|出)血|血便|{BLACK_STOOL}"
# Iron tablets, bismuth and some foods turn stools black: expected, not bleeding.
BLACK_STOOL_EXPECTED = (
    r"铁剂|补铁|铁片|亚铁|多糖铁|蛋白琥珀酸铁|铋剂|枸橼酸铋|胶体果胶铋|猪血|鸭血|血豆腐|黑芝麻|桑葚"
)
BLEED_SMALL = (
    r"便血|拉血|大便(?:带|有|出)血|血便|咳血|咯血|痰(?:里|中)?(?:带|有)血|吐血丝|呕吐物(?:里)?(?:带|有)血"
    r"|尿血|血尿|尿(?:里|中)(?:有|带)血|胃出血|消化道出血"
)
SHOCK_SIGNS = (
    r"头晕|晕倒|要晕|快晕|出冷汗|冷汗|心慌|脸色(?:苍白|发白|煞白)|站不起来|站不稳|眼前发黑"
    r"|手脚冰凉|四肢冰凉"
)

PREGNANT = (
    r"(?<![想备准避])怀孕|(?<![备避])孕(?:期|妇|早期|中期|晚期|早|中|晚|\d|[一二三四五六七八九十])"
    r"|怀着|身孕|宫外孕|产后|刚生完|月子|准妈妈|孕妈|有喜了"
)
PREGNANCY_BLEED = (
    r"出血|流血|见红|(?:一点|少量|有点|一些)(?:的)?血|褐色(?:的)?分泌物|血丝|下面(?:有)?血"
    r"|内裤上(?:有)?(?:一点点?)?血"
)
PREGNANCY_HEAVY = (
    r"出血(?:像|跟|比)(?:来)?月经(?:一样|还)?多|比月经(?:还)?多|大血块|血块|湿透"
    r"|一直(?:在)?流血|流了好多血"
)
PREGNANCY_OTHER = (
    r"胎动(?:明显)?(?:减少|少了|变少|没了|消失|感觉不到)|感觉不到胎动|破水|羊水(?:破|流出)"
    rf"|(?:肚子|小腹|腹部){G}{{0,3}}(?:一阵阵|阵阵|规律)(?:地)?(?:发紧|疼|痛)|宫缩"
)
HEADACHE_ANY = r"头(?:部)?(?:有点|很|特别|突然)?(?:剧烈)?(?:疼|痛)|偏头痛"
BLURRED = r"眼花|看不清|视物模糊|看东西模糊|眼前冒金星|眼前发黑"

SUBSTANCE = (
    r"农药|敌敌畏|百草枯|乐果|甲胺磷|毒鼠强|老鼠药|鼠药|杀虫剂|杀虫水|除草剂|消毒液|消毒水"
    r"|84消毒液|84|洁厕灵|洁厕剂|漂白(?:剂|水)|清洁剂|洗衣液|洗衣凝珠|洗洁精|干燥剂|纽扣电池"
    r"|电池|磁铁|磁珠|水银|甲醇|假酒|工业酒精|防冻液|汽油|柴油|煤油|毒蘑菇|野蘑菇|野生菌"
    r"|见手青|河豚|亚硝酸盐|硫酸|盐酸|烧碱|火碱|强酸|强碱|蟑螂药|樟脑丸|卫生球|卸甲水"
)
INGEST = r"喝|吃|吞|服|误服|误食|误喝|误吞|舔|咽"
DRUG = (
    r"安眠药|安定|地西泮|艾司唑仑|阿普唑仑|佐匹克隆|唑吡坦|思诺思|镇静药|抗抑郁药|降压药"
    r"|降糖药|退烧药|止痛药|布洛芬|对乙酰氨基酚|扑热息痛|泰诺|美林|感冒药|胰岛素|心脏药"
    r"|地高辛|舍曲林|避孕药"
)
AMOUNT_BIG = (
    r"一整瓶|整瓶|一瓶|一大瓶|半瓶|一把|一大把|一整盒|整盒|一盒|一整板|整板"
    r"|(?:几十|十几|二三十|二十多?|三十多?|[1-9]\d|[五六七八九十])(?:片|粒|颗)"
)
POISON = (
    rf"(?:{INGEST})(?:了|下|掉|进|进去|了一口|了几口|了点|了一点|了些)?{G}{{0,6}}(?:{SUBSTANCE})"
    rf"|(?:{SUBSTANCE}){G}{{0,4}}(?:喝|吃|吞|咽|误服|误食|舔)(?:了|下去|进去)"
    r"|农药中毒|(?<!食物)中毒了|酒精中毒|误服|误食|误喝|误吞|煤气中毒|一氧化碳"
    r"|(?:煤气|燃气|天然气)(?:泄漏|漏了)|烧炭"
    rf"|炭火{G}{{0,6}}(?:晕|恶心|吐|叫不醒)|(?:被)?(?:毒)?蛇(?:给)?咬|毒蛇|毒蜘蛛"
)
# A child who took a grown-up's medicine: 孩子吃了我的降压药.
CHILD_INGESTION = (
    rf"(?:吃|吞|喝)(?:了|下|掉)?{G}{{0,4}}"
    r"(?:我|大人|爸爸|妈妈|奶奶|爷爷|外婆|外公|姥姥|姥爷|家里|别人|老人)的"
    rf"{G}{{0,4}}(?:{DRUG}|药片|药丸|药)"
)
OVERDOSE = (
    rf"(?:吃|吞|服)(?:了|下|掉)?(?:{AMOUNT_BIG})(?:的)?(?:{DRUG}|药片|药丸|药)?"
    rf"|(?:吃|吞|服)(?:了|下|掉)?(?:好多|很多|大量|一堆|一大堆)(?:的)?(?:{DRUG})"
    rf"|(?:{AMOUNT_BIG}|好多|很多)(?:的)?(?:{DRUG}|药)(?:都|全)?(?:吃|吞|喝)(?:了|掉|下去)"
    rf"|(?:{DRUG})(?:一下子|一口气)?(?:吃|吞|服)(?:了|下|掉)(?:{AMOUNT_BIG}|好多|很多)"
    r"|(?:吃|服|用)药过量|药物过量|过量服(?:用|药)|胰岛素打多了|打多了胰岛素"
    r"|吞(?:了|下|掉)?(?:很多|好多|大量|一把|一堆|一大把)?(?:的)?(?:药|药片|药丸)"
    r"|(?:一下子|一口气|一次性|一次)(?:吃|吞|服)(?:了|下|掉)?(?:很多|好多|大量|一把|一堆)(?:的)?药"
    rf"|(?:偷吃|偷偷吃|误吃|自己(?:拿|翻)){G}{{0,6}}(?:{DRUG}|药片|药丸|药)"
    rf"|把{G}{{0,6}}(?:{DRUG}){G}{{0,4}}(?:吃了|吞了|喝了)"
)

# "抽" as a seizure verb: never 抽血 / 抽烟 / 抽筋, never a twitching eyelid or calf.
# Checked right after the 抽 (so the regex engine can still scan for the literal first).
TWITCH = (
    r"(?<!眼皮抽)(?<!眼睑抽)(?<!面肌抽)(?<!嘴角抽)(?<!小腿抽)"
    r"(?<!手指抽)(?<!肌肉抽)(?<!脸抽)(?<!皮抽)"
)
SEIZE_VERB = rf"(?:抽{TWITCH}(?:搐|(?![烟血筋水奖签空屉时根口支气脂样查中调]))|抽风|惊厥)"
SEIZURE = (
    rf"抽{TWITCH}搐|抽风|惊厥|(?:全身|浑身|四肢|手脚)(?:一直|都在|在)?抽"
    r"|癫痫(?:发作|犯了|大发作)|羊角风|羊癫疯|口吐白沫|吐白沫|冒白沫|嘴里(?:有|都是)?白沫"
    r"|(?:两眼|眼睛|眼球)上翻"
    rf"|翻白眼{G}{{0,6}}(?:抽|僵|口吐白沫|叫不醒)"
    rf"|抽筋{G}{{0,4}}(?:翻白眼|口吐白沫|叫不醒|眼睛上翻|全身)|人在抽|一直在抽|抽起来了"
)
# A febrile child "抽了一下": a looser verb, only used together with a child and a fever.
SEIZURE_CHILD = rf"{SEIZURE}|抽(?:了|起来|一下|几下|过去)(?![烟血筋水奖签空屉时根口支气脂样查中调])"
EPILEPSY = r"癫痫|羊角风|羊癫疯"
SEIZURE_LONG = (
    rf"癫痫持续|(?:{EPILEPSY}){G}{{0,4}}(?:持续|不停|一直)"
    r"|持续(?:性)?抽搐"
    rf"|{SEIZE_VERB}(?:了|着)?(?:得)?{G}{{0,3}}"
    r"(?:[五六七八九十]|[5-9]|\d\d|十几|二十|好几|半个?|几十)(?:多)?(?:分钟|分多钟|个?小时)"
    rf"|{SEIZE_VERB}(?:个)?(?:不停|停不下来|没停|止不住)"
    rf"|(?:一直|不停|不停地|持续|还在)(?:地)?{SEIZE_VERB}"
    rf"|{SEIZE_VERB}(?:了)?(?:好)?(?:一会|半天|很久|好久)(?:了)?(?:还|都)(?:没停|不停|没醒)"
    rf"|{NUM}分钟(?:了)?(?:还|都)(?:在抽|没停|不停)"
)
SEIZURE_REPEAT = (
    rf"(?:{EPILEPSY}){G}{{0,4}}(?:连续|好几次|[2-9]次|[两三四五]次)|连续{SEIZE_VERB}|{SEIZE_VERB}完(?:了)?(?:又|接着)(?:抽|开始)|反复{SEIZE_VERB}"
    rf"|{SEIZE_VERB}(?:了)?(?:好几|两|三|四|五|几|[2-9])(?:次|回)|一会儿?(?:又)?抽一(?:次|下|回)"
    r"|又抽(?:了|起来)|又开始抽|接二连三(?:地)?抽|一次接一次"
)
SEIZURE_NO_WAKE = (
    rf"{SEIZE_VERB}(?:完|后|过后|停了?)(?:以后|之后)?{G}{{0,4}}"
    r"(?:叫不醒|不醒|没醒|醒不过来|一直睡|没反应)"
)
RECOVERED = (
    r"(?<![没不未])(?:停了|停下来了?|自己停|就停|醒了|醒过来|清醒了|缓过来|恢复(?:了|正常)"
    r"|好了(?!一点|点|些)|没事了|不抽了|止住了|能说话了|能站起来|自己起来)"
)

UNCONSCIOUS_DEEP = (
    r"叫不醒|喊不醒|拍不醒|摇不醒|推不醒|弄不醒|(?:叫|喊|拍)都(?:叫|喊|拍)?不醒"
    rf"|(?:叫|喊|拍|推|摇){G}{{0,5}}(?:不应|没应|不答应|没反应|没有反应|没回应|没动静)"
    r"|(?:叫|喊|拍|推|摇)(?:他|她|了|半天|几声|好几声)*(?:都|也)?没(?:有)?(?:反应|回应|动静)"
    r"|没(?:有)?(?:了)?反应了|毫无反应|没有知觉|没知觉了|不省人事|人事不省|人事不知"
    r"|昏迷(?!指数)|失去(?:了)?意识|没(?:有|了)?意识了?|意识(?:不清|模糊|丧失|不清楚)"
    r"|神志不清|神智不清|倒地不起|醒不过来|一动不动|不会动了"
    rf"|倒(?:在)?地(?:上)?{G}{{0,3}}(?:不动|不醒|没反应|起不来)"
)
FAINT = (
    r"(?<![要快])(?:晕倒|昏倒|晕过去|昏过去|昏死过去|晕死过去|晕厥|瘫倒)"
    r"|(?:突然|一下子|忽然)(?:就)?(?:倒下|倒地|栽倒|瘫在地上|摔倒在地|倒在地上)"
)
# Still not awake after a faint, a fit, a fall, a drink or a poisoning.
STILL_NOT_AWAKE = r"一直(?:都)?(?:不醒|没醒)|还没醒(?!酒)|醒不来|没醒过来|到现在(?:都)?没醒"
KNOCKED_OUT = (
    rf"{FAINT}|昏|倒地|抽|发作|癫痫|摔|撞|磕|喝醉|喝多了|中毒|煤气|溺水|触电|吃了{G}{{0,4}}药"
)
PRESYNCOPE = r"差点晕倒|差点晕过去|快要?晕倒|要晕倒|快晕过去|差点昏倒"

ALLERGY_CONTEXT = (
    rf"过敏|(?:吃|喝)(?:了)?{G}{{0,6}}(?:花生|虾|海鲜|螃蟹|芒果|坚果|腰果|菠萝)"
    r"|打(?:完|了)?(?:针|疫苗|青霉素|头孢)|输(?:完|了)?液"
    r"|(?:吃|用)(?:完|了)?(?:头孢|青霉素|阿莫西林|消炎药)"
    r"|(?:被)?(?:蜜蜂|马蜂|黄蜂|蜂子?|虫子|蚂蚁)(?:给)?(?:蛰|叮|咬|蜇)"
)
AIRWAY_SWELLING = (
    r"喉咙(?:里)?(?:发)?(?:肿|紧|堵|发紧)|嗓子(?:眼)?(?:里)?(?:发)?(?:肿|紧|堵)"
    r"|舌头(?:发)?(?:肿|大了|变大)|声音(?:都)?(?:哑了|嘶哑|变了)|呼吸(?:困难|急促|不畅)"
)
HIVES_WIDE = (
    rf"(?:全身|浑身|满身|身上到处){G}{{0,5}}(?:疹|风团|红疙瘩|疙瘩|包|红斑|荨麻疹)"
    r"|(?:嘴唇|眼皮|脸|整张脸|眼睛)(?:都)?(?:一下子|很快)?肿(?:起来|成|得|了)"
)
ANAPHYLAXIS_SHOCK = r"晕倒|晕过去|血压(?:低|下降|测不到)|意识不清|站不住|要晕|头晕|心慌|出冷汗|冷汗"

FEVER = (
    r"发烧|发热|高烧|高热|烧到|烧了|烧得(?!慌)|体温(?:升高|高|\d)"
    r"|(?<![\d.])(?:3[7-9]|4[0-2])(?:\.\d+)?(?:度|°c?|多度)|三十[七八九]度|四十(?:度|多度|一度)"
)
FEVER_DAYS = (
    r"(?:[三四五六七八九十]|(?<![\d.])(?:[3-9]|\d\d)|好几|几|多|一周|一个?星期|一礼拜|半个月)(?:多)?(?:天|日)"
    r"|一周|一个?星期|一礼拜|半个月|三天以上"
)
VERY_HIGH_FEVER = (
    r"(?<![\d.])4[0-2](?:\.\d+)?(?:度|°c?|多度)"
    r"|(?:烧到|体温|发烧|高烧|温度)(?:到|是|有)?(?:了)?4[0-2](?!\d)|四十(?:度|多度|一度)"
)
INFANT_WORD = r"宝宝|孩子|婴儿|宝贝|娃|女儿|儿子|闺女|小孩|孙子|孙女|外孙女?"
# One to twelve months: "宝宝8个月" / "十一个月的孩子" (not 18个月, not 孕8个月).
MONTHS_UNDER_ONE_YEAR = (
    r"(?:(?<![\d.孕])(?:1[0-2]|[1-9])|(?<![一二两三四五六七八九十孕])(?:十[一二]|[一二两三四五六七八九十]))"
    r"个(?:多|半)?月"
)
INFANT_ANY = (
    r"新生儿|婴儿|小婴儿|满月|百天|小月龄|刚出生|月子里"
    rf"|(?:{INFANT_WORD})(?:才|刚|只有|刚满|刚刚|现在)?{MONTHS_UNDER_ONE_YEAR}"
    rf"|{MONTHS_UNDER_ONE_YEAR}(?:大)?(?:的)?(?:{INFANT_WORD})|{MONTHS_UNDER_ONE_YEAR}大"
    rf"|{NUM}(?:天|周)(?:大)?的(?:{INFANT_WORD})|出生(?:才)?{NUM}天"
    rf"|(?:{INFANT_WORD})(?:才|刚|只有|刚满|刚刚|现在)?{NUM}(?:天|周)(?!了|前|以前)"
)
# Three months and younger ("三个月以内"), read cautiously: 三个月 counts.
ONE_OR_TWO_MONTHS = r"(?<![\d十孕])(?:[123]|一|两|二|俩|三)个(?:多|半)?月"
# Under 90 days or 13 weeks: "宝宝40天" / "五十天的宝宝" / "6周的孩子".
AGE_DAYS_WEEKS = (
    r"(?:(?<![\d.])[1-8]?\d|(?<![一二两三四五六七八九十百几])[一二两三四五六七八九十几]{1,3})天"
    r"|(?:(?<![\d.])(?:1[0-2]|\d)|(?<![一二两三四五六七八九十百几])[一二两三四五六七八九十几]{1,2})周"
)
YOUNG_INFANT = (
    rf"新生儿|满月|刚出生|月子里|出生(?:才)?{NUM}天|(?:{AGE_DAYS_WEEKS})(?:大)?的(?:{INFANT_WORD})"
    rf"|(?:{INFANT_WORD})(?:才|刚|只有|刚满|刚刚|现在)?(?:{AGE_DAYS_WEEKS})(?!了|前|以前)"
    rf"|(?:{INFANT_WORD})(?:才|刚|只有|刚满|刚刚|现在)?{ONE_OR_TWO_MONTHS}"
    rf"|{ONE_OR_TWO_MONTHS}(?:大)?(?:的)?(?:{INFANT_WORD})|{ONE_OR_TWO_MONTHS}大"
)
CHILD = rf"{INFANT_ANY}|{KIN}"
LETHARGY = (
    r"叫不醒|嗜睡|(?:一直|总是|老是)(?:昏)?睡(?!不好|不着|眠)|昏睡|睡不醒"
    r"|精神(?:很|特别|非常|极)?(?:差|不好|萎靡)|精神不太好|(?:总|老|一直|就)想睡"
    r"|没(?:有)?精神|没精打采|蔫(?:蔫的|了|巴巴)?|软绵绵|浑身(?:发)?软|四肢(?:发)?软"
    r"|不吃奶|拒奶|吃奶(?:很)?(?:差|少)|不哭不闹|哭声(?:很|特别)?(?:弱|小)"
    r"|反应(?:很|特别)?(?:差|慢|迟钝)|不(?:太)?爱动|不理人|眼神(?:发)?(?:呆|直)"
)
PETECHIAE = (
    r"出血点|瘀点|瘀斑|紫斑|紫癜|紫色(?:的)?(?:点|斑|疹)|(?:按|压)(?:了)?(?:都|也)?不褪色|压不褪"
)
STIFF_NECK = r"脖子(?:发)?(?:硬|僵)|颈部(?:僵硬|强直)|颈强直|低不下头|脖子不能(?:低|弯)"

SELF_HARM = (
    r"不(?:想|愿意?)(?:再)?活(?!动|跃|泼|儿|计)(?:了|下去)?|活不下去(?:了)?|活够了"
    r"|(?<![得累热笑])(?:好)?想死(?!你|了你|我了)|一死了之|想(?:要)?离开这个世界"
    r"|结束(?:这)?一切(?!治疗|检查|手续|工作)|了结一切"
    r"|想自杀|要自杀|准备自杀|打算自杀|自杀|轻生|寻死"
    r"|(?:想|要|准备|打算)(?:去)?(?:跳楼|跳河|跳江|跳桥|上吊|割腕|烧炭|卧轨|寻短见)"
    r"|(?:想|要|准备|打算)去死"
    r"|割(?:了)?(?:自己的?)?(?:手腕|腕|脉)|割腕|割脉"
    rf"|(?:拿|用)(?:刀|刀片|小刀){G}{{0,3}}划(?:了)?(?:自己|手腕|胳膊|手臂)"
    r"|划(?:了)?自己|自残|自伤|伤害自己|结束(?:自己的?)?(?:生命|性命)|了结(?:自己|生命|此生)"
    r"|一了百了|死了(?:就|也|才)?(?:算了|解脱|干净)|不如死了|还不如死|死了算了|遗书"
    r"|告别这个世界|跳下去算了"
)
SELF_HARM_PASSIVE = (
    r"活着(?:真|好|太|都|也)?(?:没|没有)(?:什么|啥)?(?:意思|意义|盼头|劲)|活着(?:好|太|真)?累"
    r"|(?:人生|生活|活着)(?:毫无|没有|没)(?:意义|希望)|没有活下去的(?:动力|意义|勇气)"
    rf"|(?:我|自己){G}{{0,6}}(?:累赘|拖累)|(?:拖累|连累)(?:家人|大家|家里)"
    r"|不想(?:再)?醒(?:过)?来|想消失|消失(?:就)?好了|想不开(?!心)"
)
SELF_HARM_PLAN = (
    r"计划|准备好|想好了|已经买|买了|买好|攒了|攒好|囤了|药都|刀|绳子|楼顶|天台|跳下去"
    r"|安眠药|木炭|烧炭|遗书|怎么死|死法|今晚|明天就"
)

CAR_CRASH = (
    r"车祸|被(?:汽)?车(?:子)?(?:撞|碾|刮|压)|撞车|翻车"
    r"|被(?:汽车|货车|卡车|电动车|摩托车|电瓶车|公交车)撞"
)
DAYS_AGO = rf"{NUM}(?:多)?(?:天|周|个?星期|个?礼拜)(?:前|以前|了)|上周|上个?星期|前几天"
HIGH_FALL = (
    r"从(?:高处|楼上|楼梯上|梯子上?|房顶|屋顶|树上|阳台|脚手架|窗户|窗台|楼顶"
    rf"|{NUM}(?:楼|层|米))(?:上)?{G}{{0,3}}(?:摔|掉|跌|坠|跳)(?:了)?下"
    r"|坠楼|高处坠落|高空坠落|(?:摔|掉|跌|坠)(?:下|到)(?:了)?(?:楼下|几米)|楼梯上(?:滚|摔)下来"
)
BURN_BIG = (
    r"大面积(?:的)?(?:烧伤|烫伤|烧|烫)|(?:烧伤|烫伤)(?:了)?(?:面积)?(?:很大|特别大|一大片|大面积)"
    r"|爆炸|炸伤|炸到"
    r"|(?:全身|半身|整个(?:背|胸口|肚子|后背|腿|胳膊)|整条(?:腿|胳膊)|大半个身子|身上一大片)"
    r"(?:都)?(?:被)?(?:烧伤|烫伤|烧|烫)(?:了|伤)?"
    r"|(?:开水|热油|热水|火)(?:从头)?(?:浇|泼|淋)(?:了)?(?:一身|全身|满身)"
    r"|(?:衣服|身上)(?:着火|烧着)|呼吸道烧伤|吸入(?:了)?(?:浓烟|烟雾)"
)
CHEMICALS = r"石灰|生石灰|硫酸|盐酸|硝酸|烧碱|火碱|氢氧化钠|强酸|强碱|84|消毒液|洁厕灵|酸|碱|水泥"
CHEMICAL_EYE = (
    r"(?:眼睛|眼里|眼内|眼中)(?:里)?(?:进|溅|迸|崩|掉)(?:了|到|进){0,2}(?:点|一些)?"
    rf"(?:{CHEMICALS})"
    rf"|(?:{CHEMICALS})(?:水)?(?:溅|进|迸|崩)(?:到|进)(?:了)?(?:眼睛|眼里)"
)
PENETRATING = (
    r"被(?:刀|匕首|剪刀|钢筋|玻璃|人)(?:子)?(?:捅|刺|扎)(?:了|伤|进)?|刀捅|捅伤|枪伤"
    r"|(?:钢筋|木棍|铁棍|铁丝)(?:插|扎|穿)(?:进|入|透)|骨头(?:都)?(?:露|戳|刺|扎|支)(?:了)?出来"
    r"|(?:手指|脚趾|指头)(?:被)?(?:切|剁|砍|夹|压|轧)(?:断|掉)了?|断指|断肢"
    r"|断了(?:一|两|几|\d)?(?:根|个)?(?:手指|指头|脚趾)"
    r"|(?:被|让)?(?:机器|搅拌机|绞肉机|传送带)(?:给)?(?:卷|绞|压|轧|夹)|(?:卷|绞)进(?:机器|去)"
)
DROWN_SHOCK = (
    r"溺水|淹水|掉(?:进|到)?(?:水|河|池塘|泳池|水缸|水桶|水池)里|触电|被电(?:到|打|击)(?:了)?|电击"
)
HEAD_HIT = (
    r"(?:撞|磕|摔|碰|砸|打)(?:到|在|伤|破|了)?(?:了)?(?:头|脑袋|后脑勺?|头部|额头|脑门)"
    r"|(?:头|脑袋|后脑勺?)(?:部)?(?:先)?(?:着地|撞|磕|摔)"
    rf"|摔(?:了一跤|倒|了){G}{{0,4}}(?:头|脑袋|后脑勺?)"
)
FELL_DOWN = (
    r"摔(?:下来|下去|倒|了一跤|了一下|伤|到)|跌(?:下来|倒)|掉(?:下来|下去)"
    rf"|从{G}{{0,6}}(?:摔|掉|跌|滚)"
)
FALL_RED_FLAG = (
    r"一直吐|吐了(?:好几|几|两|三)次|呕吐|喷射|(?:一直|总|老|就)想睡|嗜睡|叫不醒|昏迷|抽"
    r"|精神(?:很|特别)?差|不认人|说胡话"
)
HEAD_RED_FLAG = (
    r"吐了|呕吐|喷射|叫不醒|昏迷|晕过去|抽|耳朵(?:里)?(?:流血|出血|流水)"
    r"|鼻子(?:里)?(?:流|出)(?:血|清水|水)|一直睡|想睡|嗜睡|精神(?:很)?差|说胡话|不认人|瞳孔"
)
THUNDERCLAP = (
    rf"头(?:疼|痛)?{G}{{0,4}}(?:炸开|炸了|炸裂|裂开|爆炸|爆开)|头痛欲裂|雷击样"
    r"|爆炸样(?:头痛|头疼)"
    r"|(?:这辈子|一辈子|有生以来)(?:最)?(?:严重|厉害|剧烈|疼|痛)(?:的)?(?:头痛|头疼)"
)
WORST_EVER = r"这辈子|一辈子|有生以来|从来没(?:有)?这么|从没这么|最(?:严重|厉害|剧烈)"
HEADACHE_SEVERE = r"剧烈(?:的)?头(?:痛|疼)|头(?:痛|疼)(?:得)?(?:剧烈|厉害|受不了|要命|不行|难忍)"
PROJECTILE_VOMIT = r"喷射(?:状|样|性)?(?:呕吐|地?吐)"

ABDOMINAL_SEVERE = (
    rf"(?:肚子|腹部|腹|胃|小腹|下腹|上腹|肚脐|肚皮){G}{{0,4}}"
    r"(?:剧痛|剧烈(?:疼痛|的疼)|绞痛|刀割|刀绞|像刀"
    r"|(?:疼|痛)(?:得)?(?:厉害|受不了|打滚|直打滚|直不起腰|要命|不行|满头大汗|在床上打滚|哭))"
    r"|剧烈腹痛|急性腹痛|腹痛(?:剧烈|难忍)|右下腹(?:疼|痛)"
    r"|肚子(?:硬|发硬)得像(?:木板|石头)|板状腹"
)
VOMIT_PERSISTENT = (
    r"(?:一直|不停|反复|持续|老是|总是)(?:地)?(?:呕吐|吐)(?!口水|痰|槽|字|舌)|吐(?:个)?不停"
    r"|吐了(?:一|整)(?:天|晚上?|夜|上午|下午)"
    r"|吐了(?:好几|[五六七八九十]|[5-9]|\d\d|十几|很多)(?:次|回)"
    r"|(?:喝水|喝什么|吃什么|吃啥|喝啥|吃东西|喝口水)(?:都|就)?(?:吐|呕)|吐得(?:很)?(?:厉害|不行)"
    rf"|{PROJECTILE_VOMIT}|止不住(?:地)?吐|上吐下泻|食物中毒"
)
EYE_INJURY = (
    rf"(?:眼睛|眼球|眼珠|眼角)(?:被)?{G}{{0,5}}"
    r"(?:扎|戳|刺|划|砸|撞|崩|弹|溅|打|抓|碰)(?:伤|到|破|了|中)"
    r"|(?:眼睛|眼球)(?:受伤|外伤|出血|流血|进了?(?:铁屑|玻璃|碎片|异物))"
    rf"|(?:铁屑|铁渣|玻璃渣?|碎片|树枝|烟花|鞭炮|激光笔)(?:子)?{G}{{0,4}}(?:眼睛|眼球|眼里)"
    r"|电焊(?:打|晃)(?:了)?眼"
)
EYE_PAIN = rf"(?:眼睛|眼球)(?:突然)?{G}{{0,3}}(?:疼|痛|胀痛|胀)"
EYE_PAIN_SIGNS = r"看不清|模糊|虹视|恶心|呕吐|想吐|头痛|头疼"
ANIMAL_BITE = r"被(?:狗|猫|野狗|流浪狗|流浪猫|老鼠|蝙蝠|猴子?)(?:给)?(?:咬|抓|挠)(?:了|伤|破|到)?"
FRACTURE = (
    r"骨折|骨头断"
    rf"|(?:手|腿|胳膊|脚|手腕|脚踝|手臂){G}{{0,4}}(?:变形|歪了|肿得(?:厉害|很大|老高)|不敢动)"
)
FELL = r"摔(?:了一跤|了一下|了|倒了?|跤)|跌倒|滑倒"
CANNOT_STAND = r"起不来|站不起来|动不了|不能走|走不了路|不能动"
LOW_FALL = r"从(?:床|沙发|椅子|凳子|婴儿车|床上|沙发上|桌子)(?:上)?(?:摔|掉|跌|滚)(?:了)?下"
SMALL_BURN = (
    r"(?:烫伤|烧伤)(?!膏|药|的药)|被(?:开水|热水|热油|油|火|蒸汽|热汤|暖水袋)(?:给)?(?:烫|烧)"
    r"|烫(?:出|起)(?:了)?(?:水)?泡"
)
DEHYDRATION = (
    rf"(?:{INFANT_WORD}){G}{{0,6}}(?:半天|一天|一上午|一下午|{NUM}个?小时|好久)(?:都)?"
    r"没(?:有)?(?:怎么)?(?:尿|撒尿|尿尿|小便)|尿(?:量)?(?:很|特别)?少|哭(?:了)?没(?:有)?眼泪"
)
TESTICLE = rf"(?:睾丸|蛋蛋|阴囊){G}{{0,3}}(?:剧痛|疼得(?:厉害|受不了)|突然(?:疼|痛)|肿痛)"
BLOOD_PRESSURE_HIGH = (
    rf"(?:血压|高压)(?:有|到|是|都|量了|测了)?{G}{{0,5}}(?<!\d)(?:1[89]\d|2\d\d)(?!\d)"
    r"|血压(?:很|特别)?高(?:得|到)(?:吓人|不行|离谱)"
)
BLOOD_SUGAR_EXTREME = (
    rf"血糖{G}{{0,4}}(?<![\d.])(?:[2-9]\d(?:\.\d)?)(?![\d.])"
    rf"|低血糖{G}{{0,6}}(?:出冷汗|心慌|发抖|手抖|头晕)"
)
VERTIGO = r"天旋地转|眩晕|头晕|头昏|晕得厉害"
UNSTEADY = r"站不稳|站不住|走路不稳|走不稳|走路打晃|走不了路|走路往一边倒|走路歪"
CHOKING = r"噎住|卡住|卡在(?:了)?(?:喉咙|嗓子|气管)|堵住了?气管"
SHARP_IN_THROAT = r"鱼刺|鸡骨|骨头|枣核"
STUCK_IN_THROAT = (
    rf"(?:鱼刺|骨头|鸡骨|枣核|异物|硬币|果冻){G}{{0,4}}卡"
    rf"|卡(?:了|住了?)?{G}{{0,3}}(?:鱼刺|骨头|枣核|硬币)"
    r"|(?:喉咙|嗓子|食道)(?:里)?(?:有)?(?:东西)?(?:卡|扎)"
)
PALPITATION = r"心慌|心悸|心跳(?:得)?(?:很|特别|好)?(?:快|乱|厉害)|心脏(?:砰砰|怦怦)"
URINE_RETENTION = rf"尿不出(?:来)?|排不出尿|憋(?:了)?{G}{{0,3}}尿不出"


def _r(*args, **kwargs) -> Rule:
    return Rule(*args, **kwargs)


RULES: tuple[Rule, ...] = (
    # --- emergencies: call 120 now ---
    _r("chest_sweat", EMERGENCY, KIND_CHEST, "胸痛伴出汗", (CHEST_PAIN, SWEAT)),
    _r("chest_radiating", EMERGENCY, KIND_CHEST, "胸痛向肩臂、背或下巴放射", (CHEST_PAIN, RADIATE)),
    _r("chest_breathless", EMERGENCY, KIND_CHEST, "胸痛伴呼吸困难", (CHEST_PAIN, BREATH)),
    _r(
        "chest_severe",
        EMERGENCY,
        KIND_CHEST,
        "剧烈或压榨样胸痛",
        (CHEST_PAIN, CHEST_SEVERE),
        "clause",
    ),
    _r("chest_faint", EMERGENCY, KIND_CHEST, "胸痛伴头晕或晕厥", (CHEST_PAIN, DIZZY_FAINT)),
    _r("breathing", EMERGENCY, KIND_BREATHING, "呼吸困难", (BREATH,)),
    _r("cyanosis", EMERGENCY, KIND_BREATHING, "嘴唇或脸发紫", (CYANOSIS,), unless=MAKE_UP),
    _r(
        "child_fast_breathing",
        EMERGENCY,
        KIND_BREATHING,
        "孩子呼吸急促费力",
        (FAST_BREATHING,),
        context=(CHILD,),
    ),
    _r(
        "choking_cannot_speak",
        EMERGENCY,
        KIND_BREATHING,
        "异物卡喉、说不出话或喘不上气",
        (CHOKING, r"说不出话|说不了话|发不出声|喘|脸发紫|发紫|憋"),
    ),
    _r(
        "child_choking",
        EMERGENCY,
        KIND_BREATHING,
        "孩子被食物或异物卡住",
        (CHOKING,),
        context=(CHILD,),
        unless=SHARP_IN_THROAT,
    ),
    _r("stroke_face", EMERGENCY, KIND_STROKE, "口角歪斜（疑似中风）", (FACE_DROOP,)),
    _r("stroke_limbs", EMERGENCY, KIND_STROKE, "一侧肢体无力或麻木（疑似中风）", (LIMB_HALF,)),
    _r(
        "stroke_limb_strong",
        EMERGENCY,
        KIND_STROKE,
        "突然手脚不听使唤（疑似中风）",
        (SUDDEN, LIMB_STRONG),
    ),
    _r("sudden_confusion", EMERGENCY, KIND_STROKE, "突然意识混乱、不认人", (SUDDEN, CONFUSION)),
    _r(
        "stroke_limb_sudden",
        EMERGENCY,
        KIND_STROKE,
        "突然肢体无力（疑似中风）",
        (SUDDEN, LIMB_ANY),
        "clause",
    ),
    _r(
        "stroke_speech",
        EMERGENCY,
        KIND_STROKE,
        "说话含糊不清（疑似中风）",
        (SPEECH,),
        unless=f"{SPEECH_DEVELOPMENT}|{CHOKING}",  # a child learning to talk; choking
    ),
    _r(
        "stroke_speech_sudden",
        EMERGENCY,
        KIND_STROKE,
        "突然说话不清（疑似中风）",
        (SUDDEN, SPEECH),
    ),
    _r(
        "stroke_vertigo",
        EMERGENCY,
        KIND_STROKE,
        "突发眩晕伴站立不稳（疑似中风）",
        (SUDDEN, VERTIGO, UNSTEADY),
    ),
    _r(
        "stroke_vision",
        EMERGENCY,
        KIND_STROKE,
        "突然看不清（疑似中风）",
        (SUDDEN, VISION_LOSS),
        "clause",
    ),
    _r(
        "condition_now",
        EMERGENCY,
        KIND_GENERAL,
        "正在发生的急症（心梗、中风等）",
        (CONDITION_NOW,),
    ),
    _r("bleeding_heavy", EMERGENCY, KIND_BLEEDING, "大量出血", (BLEED_HEAVY,)),
    _r(
        "bleeding_gi_shock",
        EMERGENCY,
        KIND_BLEEDING,
        "消化道出血伴头晕出汗",
        (BLEED_GI, SHOCK_SIGNS),
    ),
    _r(
        "pregnancy_heavy_bleeding",
        EMERGENCY,
        KIND_PREGNANCY,
        "孕期大量出血",
        (PREGNANCY_HEAVY,),
        context=(PREGNANT,),
    ),
    _r(
        "pregnancy_severe_pain",
        EMERGENCY,
        KIND_PREGNANCY,
        "孕期剧烈腹痛",
        (ABDOMINAL_SEVERE,),
        context=(PREGNANT,),
    ),
    _r(
        "pregnancy_headache_vision",
        EMERGENCY,
        KIND_PREGNANCY,
        "孕期头痛伴视物模糊",
        (HEADACHE_ANY, BLURRED),
        context=(PREGNANT,),
    ),
    _r("poisoning", EMERGENCY, KIND_POISONING, "中毒或误服", (POISON,)),
    _r("overdose", EMERGENCY, KIND_POISONING, "药物过量", (OVERDOSE,)),
    _r(
        "child_ingestion",
        EMERGENCY,
        KIND_POISONING,
        "孩子误服大人的药",
        (CHILD_INGESTION,),
        context=(CHILD,),
    ),
    _r("seizure_long", EMERGENCY, KIND_SEIZURE, "抽搐不停", (SEIZURE_LONG,)),
    _r("seizure_repeat", EMERGENCY, KIND_SEIZURE, "反复抽搐", (SEIZURE_REPEAT,)),
    _r("seizure_no_wake", EMERGENCY, KIND_SEIZURE, "抽搐后叫不醒", (SEIZURE_NO_WAKE,)),
    _r(
        "seizure_now",
        EMERGENCY,
        KIND_SEIZURE,
        "抽搐（未说明已停止）",
        (SEIZURE,),
        unless=RECOVERED,
    ),
    _r(
        "seizure_fever_child",
        EMERGENCY,
        KIND_INFANT,
        "孩子发烧伴抽搐",
        (FEVER, SEIZURE_CHILD),
        "text",
        context=(CHILD,),
    ),
    _r("unconscious", EMERGENCY, KIND_UNCONSCIOUS, "意识丧失、叫不醒", (UNCONSCIOUS_DEEP,)),
    _r(
        "faint_now",
        EMERGENCY,
        KIND_UNCONSCIOUS,
        "晕倒（未说明已清醒）",
        (FAINT,),
        unless=RECOVERED,
    ),
    _r(
        "not_waking",
        EMERGENCY,
        KIND_UNCONSCIOUS,
        "晕倒、抽搐或受伤后一直不醒",
        (KNOCKED_OUT, STILL_NOT_AWAKE),
    ),
    _r(
        "allergy_airway",
        EMERGENCY,
        KIND_ALLERGY,
        "过敏后喉咙或舌头肿、呼吸困难",
        (AIRWAY_SWELLING,),
        context=(ALLERGY_CONTEXT,),
    ),
    _r(
        "allergy_shock",
        EMERGENCY,
        KIND_ALLERGY,
        "严重过敏反应",
        (HIVES_WIDE, ANAPHYLAXIS_SHOCK),
        "text",
        context=(ALLERGY_CONTEXT,),
    ),
    _r(
        "infant_fever_lethargy",
        EMERGENCY,
        KIND_INFANT,
        "婴儿发烧伴精神差",
        (FEVER, LETHARGY),
        "text",
        context=(INFANT_ANY,),
    ),
    _r(
        "young_infant_fever",
        EMERGENCY,
        KIND_INFANT,
        "三个月以内婴儿发烧",
        (FEVER,),
        context=(YOUNG_INFANT,),
    ),
    _r(
        "fever_petechiae",
        EMERGENCY,
        KIND_INFANT,
        "发烧伴压不褪色的出血点",
        (FEVER, PETECHIAE),
        "text",
    ),
    _r("fever_stiff_neck", EMERGENCY, KIND_HEADACHE, "发烧伴脖子发硬", (FEVER, STIFF_NECK), "text"),
    _r("self_harm", EMERGENCY, KIND_SELF_HARM, "自杀或自伤的念头或行为", (SELF_HARM,)),
    _r(
        "self_harm_plan",
        EMERGENCY,
        KIND_SELF_HARM,
        "轻生念头并有计划",
        (SELF_HARM_PASSIVE, SELF_HARM_PLAN),
        "text",
    ),
    _r("car_crash", EMERGENCY, KIND_TRAUMA, "车祸", (CAR_CRASH,), unless=DAYS_AGO),
    _r("high_fall", EMERGENCY, KIND_TRAUMA, "高处坠落", (HIGH_FALL,), unless=DAYS_AGO),
    _r("burn_major", EMERGENCY, KIND_TRAUMA, "大面积烧烫伤", (BURN_BIG,)),
    _r("chemical_eye", EMERGENCY, KIND_TRAUMA, "化学物质溅入眼睛", (CHEMICAL_EYE,)),
    _r("penetrating", EMERGENCY, KIND_TRAUMA, "刺伤、断指或开放性骨折", (PENETRATING,)),
    _r("drowning_electric", EMERGENCY, KIND_TRAUMA, "溺水或触电", (DROWN_SHOCK,)),
    _r(
        "head_injury_red_flag",
        EMERGENCY,
        KIND_TRAUMA,
        "头部外伤后呕吐或意识改变",
        (HEAD_HIT, HEAD_RED_FLAG),
    ),
    _r(
        "fall_red_flag",
        EMERGENCY,
        KIND_TRAUMA,
        "摔伤后呕吐、嗜睡或意识改变",
        (FELL_DOWN, FALL_RED_FLAG),
    ),
    _r("thunderclap_headache", EMERGENCY, KIND_HEADACHE, "突发剧烈头痛", (THUNDERCLAP,)),
    _r(
        "sudden_severe_headache",
        EMERGENCY,
        KIND_HEADACHE,
        "突发剧烈头痛",
        (SUDDEN, HEADACHE_SEVERE),
        "clause",
    ),
    _r(
        "worst_headache",
        EMERGENCY,
        KIND_HEADACHE,
        "一生中最严重的头痛",
        (HEADACHE_ANY, WORST_EVER),
        "clause",
    ),
    _r(
        "headache_neck_vomit",
        EMERGENCY,
        KIND_HEADACHE,
        "头痛伴脖子发硬或喷射样呕吐",
        (HEADACHE_ANY, f"{STIFF_NECK}|{PROJECTILE_VOMIT}"),
    ),
    # --- urgent: see a doctor today ---
    _r("chest_pain", URGENT, KIND_CHEST, "胸痛或胸闷", (CHEST_PAIN,), unless=BREAST),
    _r(
        "fast_breathing",
        URGENT,
        KIND_BREATHING,
        "呼吸急促费力",
        (FAST_BREATHING,),
        unless=EXERTION,
        fallback_of=("child_fast_breathing",),
    ),
    _r(
        "cyanosis_maybe",
        URGENT,
        KIND_BREATHING,
        "嘴唇发紫",
        (CYANOSIS,),
        fallback_of=("cyanosis",),
    ),
    _r(
        "vertigo_unsteady",
        URGENT,
        KIND_STROKE,
        "头晕伴走路不稳",
        (VERTIGO, UNSTEADY),
        fallback_of=("stroke_vertigo",),
    ),
    _r("stuck_in_throat", URGENT, KIND_GENERAL, "鱼刺或异物卡喉", (STUCK_IN_THROAT,)),
    _r(
        "choking",
        URGENT,
        KIND_BREATHING,
        "食物或异物卡住",
        (CHOKING,),
        fallback_of=("child_choking",),
    ),
    _r(
        "palpitation_sweat",
        URGENT,
        KIND_CHEST,
        "心慌伴出汗或头晕",
        (PALPITATION, f"{SWEAT}|{DIZZY_FAINT}"),
    ),
    _r(
        "speech",
        URGENT,
        KIND_STROKE,
        "说话不清",
        (SPEECH,),
        unless=SPEECH_DEVELOPMENT,
        fallback_of=("stroke_speech", "stroke_speech_sudden"),
    ),
    _r("bleeding_small", URGENT, KIND_BLEEDING, "便血、咳血或尿血", (BLEED_SMALL,)),
    _r("black_stool", URGENT, KIND_BLEEDING, "黑便", (BLACK_STOOL,), unless=BLACK_STOOL_EXPECTED),
    _r(
        "pregnancy_bleeding",
        URGENT,
        KIND_PREGNANCY,
        "孕期出血",
        (PREGNANCY_BLEED,),
        context=(PREGNANT,),
    ),
    _r(
        "pregnancy_other",
        URGENT,
        KIND_PREGNANCY,
        "孕期异常（胎动、破水、宫缩）",
        (PREGNANCY_OTHER,),
        context=(PREGNANT,),
    ),
    _r(
        "seizure_stopped",
        URGENT,
        KIND_SEIZURE,
        "抽搐（已停止）",
        (SEIZURE,),
        fallback_of=("seizure_now", "seizure_fever_child"),
    ),
    _r(
        "child_seizure",
        URGENT,
        KIND_SEIZURE,
        "孩子抽搐",
        (SEIZURE_CHILD,),
        context=(CHILD,),
        fallback_of=("seizure_now", "seizure_fever_child", "seizure_stopped"),
    ),
    _r("fainted", URGENT, KIND_UNCONSCIOUS, "晕倒后已清醒", (FAINT,), fallback_of=("faint_now",)),
    _r("near_faint", URGENT, KIND_UNCONSCIOUS, "差点晕倒", (PRESYNCOPE,)),
    _r(
        "confusion",
        URGENT,
        KIND_GENERAL,
        "意识混乱、说胡话",
        (CONFUSION,),
        unless=DEMENTIA,
        fallback_of=("sudden_confusion",),
    ),
    _r("fever_days", URGENT, KIND_GENERAL, "发烧超过三天", (FEVER, FEVER_DAYS)),
    _r("very_high_fever", URGENT, KIND_GENERAL, "体温40度以上", (VERY_HIGH_FEVER,)),
    _r("pregnancy_fever", URGENT, KIND_PREGNANCY, "孕期发烧", (FEVER,), context=(PREGNANT,)),
    _r("infant_fever", URGENT, KIND_INFANT, "一岁以内婴儿发烧", (FEVER,), context=(INFANT_ANY,)),
    _r(
        "child_fever_lethargy",
        URGENT,
        KIND_GENERAL,
        "孩子发烧伴精神差",
        (FEVER, LETHARGY),
        "text",
        context=(CHILD,),
    ),
    _r("vomiting", URGENT, KIND_GENERAL, "持续呕吐", (VOMIT_PERSISTENT,)),
    _r("abdominal_severe", URGENT, KIND_GENERAL, "剧烈腹痛", (ABDOMINAL_SEVERE,)),
    _r("headache_severe", URGENT, KIND_HEADACHE, "剧烈头痛", (HEADACHE_SEVERE,)),
    _r("allergy_wide", URGENT, KIND_ALLERGY, "过敏反应", (HIVES_WIDE,), context=(ALLERGY_CONTEXT,)),
    _r("eye_injury", URGENT, KIND_TRAUMA, "眼外伤", (EYE_INJURY,)),
    _r(
        "eye_pain_vision",
        URGENT,
        KIND_GENERAL,
        "眼睛胀痛伴视物模糊或呕吐",
        (EYE_PAIN, EYE_PAIN_SIGNS),
    ),
    _r("head_injury", URGENT, KIND_TRAUMA, "头部撞伤", (HEAD_HIT,)),
    _r("car_crash_recent", URGENT, KIND_TRAUMA, "车祸后", (CAR_CRASH,), fallback_of=("car_crash",)),
    _r("high_fall_recent", URGENT, KIND_TRAUMA, "坠落后", (HIGH_FALL,), fallback_of=("high_fall",)),
    _r("low_fall", URGENT, KIND_TRAUMA, "从床或椅子上摔下", (LOW_FALL,), unless=RECOVERED),
    _r("fracture", URGENT, KIND_TRAUMA, "疑似骨折", (FRACTURE,)),
    _r("fall_cannot_stand", URGENT, KIND_TRAUMA, "摔倒后站不起来", (FELL, CANNOT_STAND)),
    _r("burn", URGENT, KIND_TRAUMA, "烧烫伤", (SMALL_BURN,)),
    _r("animal_bite", URGENT, KIND_TRAUMA, "动物咬伤抓伤（需评估狂犬疫苗）", (ANIMAL_BITE,)),
    _r("dehydration", URGENT, KIND_GENERAL, "尿少（可能脱水）", (DEHYDRATION,)),
    _r("testicle", URGENT, KIND_GENERAL, "睾丸剧痛", (TESTICLE,)),
    _r("blood_pressure", URGENT, KIND_GENERAL, "血压很高", (BLOOD_PRESSURE_HIGH,)),
    _r("blood_sugar", URGENT, KIND_GENERAL, "血糖过高或低血糖发作", (BLOOD_SUGAR_EXTREME,)),
    _r("urine_retention", URGENT, KIND_GENERAL, "排不出尿", (URINE_RETENTION,)),
    _r("self_harm_passive", URGENT, KIND_SELF_HARM, "轻生念头", (SELF_HARM_PASSIVE,)),
)
