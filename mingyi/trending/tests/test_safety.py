"""The safety filter: what must never trend, and genuine questions that may."""

import pytest

from mingyi.trending.safety import CHECKS, patterns, unsafe_reason


@pytest.mark.parametrize(
    ("term", "reason"),
    [
        ("加微信领优惠", "advertising"),
        ("双眼皮哪家医院好", "advertising"),
        ("安眠药哪里能买到", "drug_sale"),
        ("三唑仑", "drug_sale"),
        ("代孕多少钱", "drug_sale"),
        ("安眠药吃多少会死", "self_harm"),
        ("怎么自杀不痛苦", "self_harm"),
        ("13812345678", "personal"),
        ("110101199003074578", "personal"),
        ("张三 qq号", "personal"),
    ],
)
def test_unsafe_terms_are_kept_out_with_a_reason(term, reason):
    assert unsafe_reason(term) == reason


@pytest.mark.parametrize(
    "term",
    ["月经头痛", "打肉毒后遗症", "人流几周能做", "百草枯中毒怎么办", "安眠药副作用", "HPV阳性"],
)
def test_genuine_health_searches_may_trend(term):
    assert unsafe_reason(term) is None


def test_every_pattern_line_has_a_known_category():
    assert {category for category, _ in patterns()} <= {
        "advertising",
        "drug_sale",
        "self_harm",
        "personal",
    }
    assert all(hasattr(check, "reason") for check in CHECKS)
