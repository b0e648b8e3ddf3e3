"""The colloquial → canonical map (data/synonyms.tsv), entry by entry and end to end."""

from collections import Counter

import pytest

from mingyi.search.analysis import query_terms, terms
from mingyi.search.analysis.dictionary import SYNONYMS, stopwords


def _entries() -> list[tuple[str, tuple[str, ...]]]:
    """The TSV's entries as written, duplicates included (the loader's dict would hide them)."""
    entries = []
    for line in SYNONYMS.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        variant, _, canonical = line.partition("\t")
        entries.append((variant.strip(), tuple(canonical.split())))
    return entries


ENTRIES = _entries()
VARIANTS = {variant for variant, _ in ENTRIES}


@pytest.mark.parametrize(("variant", "canonical"), ENTRIES, ids=[variant for variant, _ in ENTRIES])
def test_variant_analyses_like_its_canonical_phrase(variant, canonical):
    expected = query_terms("".join(canonical))
    assert expected, f"the canonical side of {variant} analyses to nothing"
    assert query_terms(variant) == expected


@pytest.mark.parametrize(("variant", "canonical"), ENTRIES, ids=[variant for variant, _ in ENTRIES])
def test_canonical_side_is_written_as_the_segmenter_cuts_it(variant, canonical):
    assert query_terms("".join(canonical)) == list(canonical)


def test_every_line_is_a_variant_a_tab_and_canonical_words():
    for line in SYNONYMS.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        variant, tab, canonical = line.partition("\t")
        assert tab and variant == variant.strip() and variant, repr(line)
        assert canonical == " ".join(canonical.split()) and canonical, repr(line)


def test_there_are_at_least_300_entries():
    assert len(ENTRIES) >= 300


def test_no_variant_is_listed_twice():
    duplicates = [variant for variant, count in Counter(v for v, _ in ENTRIES).items() if count > 1]
    assert duplicates == []


def test_no_entry_maps_a_word_to_itself():
    assert [variant for variant, canonical in ENTRIES if variant in canonical] == []


def test_no_canonical_word_is_itself_a_variant():
    chains = [(v, word) for v, canonical in ENTRIES for word in canonical if word in VARIANTS]
    assert chains == []


def test_no_canonical_word_is_a_stop_word():
    dropped = [(v, word) for v, canonical in ENTRIES for word in canonical if word in stopwords()]
    assert dropped == []


def test_no_variant_is_a_single_character():
    assert [variant for variant in VARIANTS if len(variant) < 2] == []


# ── end to end ────────────────────────────────────────────────────────────────


def test_period_slang_and_headache_match_the_formal_question():
    assert query_terms("大姨妈来了头疼") == query_terms("月经来了头痛")
    assert query_terms("月经来了头痛") == ["月经", "头痛"]


def test_botox_slang_shares_the_toxin_with_its_formal_name():
    slang, formal = query_terms("打肉毒后遗症"), query_terms("肉毒素副作用")
    assert "肉毒素" in slang
    assert "肉毒素" in formal


def test_abortion_abbreviation_becomes_the_formal_term():
    assert "人工流产" in query_terms("人流几周能做")


def test_hyaluronic_acid_lay_name_becomes_the_formal_name():
    assert "透明质酸" in query_terms("玻尿酸溶解")


def test_dissolving_enzyme_becomes_hyaluronidase():
    assert query_terms("溶解酶") == ["透明质酸酶"]


def test_epilepsy_folk_names_all_become_epilepsy():
    assert {tuple(query_terms(name)) for name in ("母猪疯", "羊癫疯", "羊角风")} == {("癫痫",)}


def test_athletes_foot_is_tinea_pedis_but_beriberi_stays_beriberi():
    assert query_terms("脚气") == ["足癣"]
    assert query_terms("脚气病") == ["脚气病"]


def test_documents_are_canonicalized_too():
    assert "透明质酸" in terms("打玻尿酸多久消肿")
    assert "人工流产" in terms("无痛人流")


def test_a_word_containing_a_variant_in_another_sense_is_untouched():
    assert "儿童" not in query_terms("我小儿子发烧")
    assert query_terms("帕金森综合征") == ["帕金森综合征"]
    assert query_terms("类风湿因子") == ["类风湿因子"]
