"""Asker texts that contain personal data, with the exact personal substring of each.

For end-to-end tests: store each text the way an asker would submit it, then check that the
substring appears in no public page or API response. Every redaction kind is covered; the
ID card and bank card numbers pass their checksums.
"""

PII_SAMPLES: list[tuple[str, str]] = [
    # mobile
    ("医生您好，我的手机号是13912345678，孩子发烧三天了。", "13912345678"),
    ("方便的话打我电话 +86 138 1234 5678，谢谢医生", "138 1234 5678"),
    ("我老公的号码１３７００１１２２３３，他晚上在家", "１３７００１１２２３３"),
    # landline
    ("家里座机010-62345678，白天有人接", "62345678"),
    ("深圳的座机 0755 8888 6666 晚上打", "0755 8888 6666"),
    # id_card (18 digits with check digit, X check digit, old 15 digits)
    ("我的身份证号11010519491231002X，医保能报销吗？", "11010519491231002X"),
    ("身份证 440308199001011239 挂号时要用吗", "440308199001011239"),
    ("老身份证号码110105491231002还能用吗", "110105491231002"),
    # bank_card
    ("医保卡绑定的银行卡6222021234567890128扣费了吗", "6222021234567890128"),
    ("退款请打到卡号 6217 0012 3456 7890 122", "6217 0012 3456 7890 122"),
    # email
    ("检查报告能发到zhang.wei88@example.com吗", "zhang.wei88@example.com"),
    # wechat
    ("加我微信：wxid_lm2024abc，我把化验单发给您", "wxid_lm2024abc"),
    ("vx: liuyang_1988 医生加一下", "liuyang_1988"),
    # qq
    ("QQ：987654321，麻烦医生加一下", "987654321"),
    # address
    ("我家住在北京市朝阳区建国路88号院3号楼2单元501室，离医院远", "建国路88号院3号楼2单元501室"),
    ("我住阳光小区5栋302，楼下就有药店", "阳光小区5栋302"),
    ("河北省保定市清苑区张家村3组的村医说是湿疹", "张家村3组"),
    # name
    ("我叫王芳，今年35岁，最近总是失眠。", "王芳"),
    ("本人张伟，男，32岁，体检发现转氨酶高", "张伟"),
    ("孩子叫李小宝，3岁，咳嗽一周了", "李小宝"),
]
