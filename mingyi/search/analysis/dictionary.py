"""The analysis dictionaries, kept as data in data/ and loaded once per process, lazily."""

from functools import cache
from pathlib import Path

DATA = Path(__file__).with_name("data")
MEDICAL_LEXICON = DATA / "THUOCL_medical.txt"  # THUNLP's open medical lexicon (MIT)
MEDICAL_EXTRA = DATA / "medical_extra.txt"  # terms THUOCL lacks (玻尿酸, 肉毒素 …)
STOPWORDS = DATA / "stopwords.txt"
SYNONYMS = DATA / "synonyms.tsv"


def _lines(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    return [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]


@cache
def medical_terms() -> tuple[str, ...]:
    terms = [line.split("\t")[0] for line in _lines(MEDICAL_LEXICON)]
    return tuple(dict.fromkeys([*terms, *_lines(MEDICAL_EXTRA)]))


@cache
def stopwords() -> frozenset[str]:
    return frozenset(_lines(STOPWORDS))


@cache
def synonyms() -> dict[str, tuple[str, ...]]:
    """colloquial or variant form → its canonical words, as the segmenter cuts them."""
    mapping: dict[str, tuple[str, ...]] = {}
    for line in _lines(SYNONYMS):
        variant, _, canonical = line.partition("\t")
        if variant and canonical:
            mapping[variant.strip()] = tuple(canonical.split())
    return mapping


@cache
def segmenter_words() -> tuple[str, ...]:
    """Every word the segmenter must keep whole: medical terms and the synonym variants."""
    canonical = [word for words in synonyms().values() for word in words]
    return tuple(dict.fromkeys([*medical_terms(), *synonyms(), *canonical]))
