"""The measurements behind related lists and duplicate decisions, each alone."""

import numpy as np
import pytest

from mingyi.related.features import (
    FEATURES,
    PAIR_FEATURES,
    SURFACE_COLUMNS,
    DuplicateModel,
    RelatedWeights,
    intents,
    pair_features,
    related_weights,
    shape,
    surface,
)


def test_shape_folds_width_case_and_punctuation():
    assert shape("ＨＰＶ阳性，怎么办？").plain == "hpv阳性怎么办"


@pytest.mark.parametrize(
    ("title", "intent"),
    [
        ("剧烈运动后咯血是什么原因", "cause"),
        ("剧烈运动后咯血应该怎么处理", "treat"),
        ("剧烈运动后咯血严重吗", "severe"),
        ("肝癌晚期能活多久", "duration"),
        ("百令胶囊有什么注意事项", "notes"),
    ],
)
def test_the_kind_of_question_is_recognized(title, intent):
    assert intent in shape(title).intents


def test_every_intent_line_is_a_name_and_a_pattern():
    assert len(intents()) >= 10
    assert all(name.isidentifier() for name, _ in intents())


def test_identical_titles_measure_as_identical():
    values = dict(
        zip(
            FEATURES[SURFACE_COLUMNS],
            surface(shape("胃痛怎么办"), shape("胃痛怎么办")),
            strict=False,
        )
    )
    assert values["bigram"] == values["chars"] == values["cover"] == values["covered"] == 1.0
    assert values["terms"] == values["length"] == values["common"] == values["intent"] == 1.0


def test_different_kinds_of_question_about_one_topic_do_not_agree_on_intent():
    a, b = shape("咯血是什么原因"), shape("咯血怎么处理")
    values = dict(zip(FEATURES[SURFACE_COLUMNS], surface(a, b), strict=False))
    assert values["intent"] == 0.0 and values["medical"] == 1.0


def test_pair_features_are_symmetric():
    a, b = "孕妇感冒能吃什么药", "怀孕期间感冒了推荐吃什么药"
    assert np.allclose(pair_features(a, b, 0.9), pair_features(b, a, 0.9))
    assert len(pair_features(a, b, 0.9)) == len(PAIR_FEATURES)


def test_duplicate_probability_grows_with_closeness():
    model = related_weights().duplicate
    close = model.probability(pair_features("胃痛怎么办", "胃疼怎么办", 0.99).reshape(1, -1))
    far = model.probability(pair_features("胃痛怎么办", "失眠怎么调理", 0.80).reshape(1, -1))
    assert close[0] > model.threshold > far[0]


def test_tuned_weights_load_from_the_data_file():
    weights = related_weights()
    assert isinstance(weights.duplicate, DuplicateModel)
    assert len(weights.vector()) == len(FEATURES)
    assert 0 < weights.duplicate.threshold < 1


def test_a_single_feature_baseline_keeps_the_candidates_but_not_the_rest():
    dense = RelatedWeights.only("cosine", like=related_weights())
    assert dense.vector()[FEATURES.index("cosine")] == 1.0 and dense.vector().sum() == 1.0
    assert dense.candidates == related_weights().candidates and not dense.fold
