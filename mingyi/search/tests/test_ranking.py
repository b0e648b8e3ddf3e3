import time

from mingyi.search.ranking import (
    FEATURES,
    RankingWeights,
    candidate_features,
    fuse,
    ranking_weights,
    surface,
    surface_features,
)

DEFAULT = RankingWeights()
TEXT = RankingWeights(lexical=0.2, dense=1.0, cosine=3.0, unigram=0.3, cover=0.02)


def ids(ranked):
    return [pk for pk, _ in ranked]


def test_a_candidate_strong_on_both_signals_outranks_one_strong_on_only_one():
    lexical = [(1, 10.0), (2, 10.0), (3, 1.0)]
    similarity = {1: 0.90, 2: 0.80, 3: 0.90}
    assert ids(fuse(lexical, similarity, DEFAULT))[0] == 1
    assert ids(fuse(lexical, similarity, TEXT))[0] == 1


def test_a_candidate_only_the_vectors_found_is_dropped_when_far_below_the_best():
    lexical = [(1, 5.0)]
    similarity = {1: 0.95, 2: 0.93, 3: 0.70}  # 3 is 0.25 below the best
    ranked = ids(fuse(lexical, similarity, DEFAULT))
    assert ranked[:2] == [1, 2]
    assert 3 not in ranked


def test_a_lexical_candidate_is_kept_however_low_its_cosine():
    ranked = ids(fuse([(1, 5.0), (2, 4.0)], {1: 0.95, 2: 0.10}, DEFAULT))
    assert ranked == [1, 2]


def test_ties_go_to_the_smaller_id_whatever_the_input_order():
    similarity = {7: 0.9, 3: 0.9, 5: 0.9}
    assert ids(fuse([], similarity, DEFAULT)) == [3, 5, 7]
    assert ids(fuse([(9, 2.0), (4, 2.0)], {}, DEFAULT)) == [4, 9]


def test_the_same_input_always_gives_the_same_ranking():
    lexical = [(pk, float(pk % 7)) for pk in range(1, 120)]
    similarity = {pk: 0.8 + (pk % 13) / 100 for pk in range(60, 200)}
    titles = {pk: f"糖尿病能吃{pk}号药吗" for pk in range(1, 200)}
    first = fuse(lexical, similarity, TEXT, query="糖尿病能吃什么药", titles=titles)
    for _ in range(3):
        assert fuse(lexical, similarity, TEXT, query="糖尿病能吃什么药", titles=titles) == first


def test_empty_inputs_give_an_empty_ranking():
    assert fuse([], {}, DEFAULT) == []
    assert fuse([], {}, TEXT, query="头痛", titles={}) == []


def test_lexical_only_input_keeps_the_bm25_order():
    assert ids(fuse([(3, 9.0), (1, 4.0), (2, 1.0)], {}, DEFAULT)) == [3, 1, 2]


def test_with_default_weights_the_score_is_half_bm25_share_plus_scaled_cosine():
    ranked = dict(fuse([(1, 8.0), (2, 4.0)], {1: 0.9, 2: 0.8}, DEFAULT))
    assert ranked[1] == 0.5 * 1.0 + 1.0 * 1.0
    assert ranked[2] == 0.5 * 0.5 + 1.0 * 0.0


def test_dense_only_weights_rank_by_cosine():
    weights = RankingWeights(lexical=0.0, dense=1.0, dense_floor=3.0)
    lexical = [(1, 20.0), (2, 1.0)]
    similarity = {1: 0.70, 2: 0.90, 3: 0.80}
    assert ids(fuse(lexical, similarity, weights)) == [2, 3, 1]


def test_a_title_sharing_the_query_s_characters_wins_an_otherwise_even_race():
    similarity = {1: 0.9, 2: 0.9}
    titles = {1: "高血压可以喝啤酒吗", 2: "糖尿病人的饮食注意"}
    ranked = fuse([], similarity, TEXT, query="高血压能不能喝啤酒", titles=titles)
    assert ids(ranked) == [1, 2]


def test_text_features_need_titles_and_are_zero_without_them():
    ranked = fuse([], {1: 0.9, 2: 0.9}, TEXT, query="高血压能不能喝啤酒", titles=None)
    assert ids(ranked) == [1, 2]
    assert ranked[0][1] == ranked[1][1]


def test_surface_folds_width_case_and_punctuation():
    assert surface("ＨＰＶ阳性，怎么办？") == "hpv阳性怎么办"
    assert surface("  !!  ") == ""


def test_surface_features_of_same_and_unrelated_texts():
    assert surface_features("高血压能喝酒吗", "高血压能喝酒吗？") == (1.0, 1.0, 1.0)
    assert surface_features("高血压", "乙肝疫苗") == (0.0, 0.0, 0.0)
    bigram, unigram, cover = surface_features("高血压头痛", "高血压")
    assert 0 < bigram < 1 and 0 < unigram < 1
    assert cover == 0.5  # 高血, 血压 of 高血, 血压, 压头, 头痛


def test_surface_features_of_empty_texts_are_zero():
    assert surface_features("", "高血压") == (0.0, 0.0, 0.0)
    assert surface_features("高血压", "") == (0.0, 0.0, 0.0)


def test_feature_table_marks_lexical_candidates_and_cosine_gaps():
    table = candidate_features([(1, 4.0)], {1: 0.9, 2: 0.7}, DEFAULT)
    assert table.ids == [1, 2]
    assert list(table.lexical_mask) == [True, False]
    assert list(table.gap.round(6)) == [0.0, 0.2]


def test_the_tuned_weights_load_and_keep_the_hybrid_on():
    weights = ranking_weights()
    assert weights.uses_vectors()
    assert weights.candidates > 0


def test_fuse_of_two_hundred_candidates_is_fast():
    lexical = [(pk, 20.0 - pk / 10) for pk in range(1, 101)]
    similarity = {pk: 0.95 - pk / 1000 for pk in range(50, 200)}
    titles = {pk: f"糖尿病人第{pk}天可以吃水果吗" for pk in range(1, 200)}
    fuse(lexical, similarity, TEXT, query="糖尿病能吃水果吗", titles=titles)
    started = time.perf_counter()
    for _ in range(20):
        fuse(lexical, similarity, TEXT, query="糖尿病能吃水果吗", titles=titles)
    assert (time.perf_counter() - started) / 20 < 0.02  # well under on an idle machine


def test_the_adapted_cosine_decides_between_otherwise_equal_candidates():
    weights = RankingWeights(lexical=0.0, dense=1.0, adapted=1.0, dense_floor=3.0)
    similarity = {1: 0.9, 2: 0.9}
    assert ids(fuse([], similarity, weights, adapted={1: 0.80, 2: 0.85})) == [2, 1]
    assert ids(fuse([], similarity, weights, adapted={1: 0.85, 2: 0.80})) == [1, 2]


def test_the_adapted_cosine_is_ignored_when_unweighted_or_missing():
    similarity = {1: 0.9, 2: 0.85}
    assert ids(fuse([], similarity, DEFAULT, adapted={1: 0.1, 2: 0.99})) == [1, 2]
    weights = RankingWeights(adapted=1.0)
    assert ids(fuse([], similarity, weights)) == [1, 2]


def test_the_adapted_column_holds_each_candidate_s_adapted_cosine():
    table = candidate_features([(1, 4.0)], {1: 0.9, 2: 0.7}, DEFAULT, adapted={2: 0.75})
    column = FEATURES.index("adapted")
    assert list(table.matrix[:, column]) == [0.0, 0.75]
