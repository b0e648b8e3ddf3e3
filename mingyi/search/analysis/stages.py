"""The stages of the analysis pipeline, in the order the pipeline applies them.

Text stages rewrite the text and keep the map back to the original characters; the
segmenter turns text into tokens; token stages each decide which tokens they apply
to and transform only those. A template for the next stage is at the end.
"""

import re
import unicodedata
from functools import cache

from mingyi.search.analysis import dictionary
from mingyi.search.analysis.tokens import Analysis, Token


class TextStage:
    def apply(self, analysis: Analysis) -> Analysis:
        raise NotImplementedError


class TokenStage:
    """Transforms each token it applies to into zero or more tokens."""

    def applies(self, token: Token) -> bool:
        return True

    def transform(self, token: Token) -> list[Token]:
        raise NotImplementedError

    def apply(self, analysis: Analysis) -> Analysis:
        out: list[Token] = []
        for token in analysis.tokens or []:
            if self.applies(token):
                out.extend(self.transform(token))
            else:
                out.append(token)
        analysis.tokens = out
        return analysis


class NormalizeWidthAndCase(TextStage):
    """NFKC (full-width Ａ１？ → half-width A1?) and lower case, character by character
    so that every output character still points at its original."""

    def apply(self, analysis: Analysis) -> Analysis:
        chars = list(map(_NORMALIZED.__getitem__, analysis.text))
        if _RESHAPING.isdisjoint(analysis.text):  # the usual case: offsets unchanged
            analysis.text = "".join(chars)
            return analysis
        origin: list[int] = []
        for normalized, source in zip(chars, analysis.origin, strict=True):
            origin.extend([source] * len(normalized))
        analysis.text = "".join(chars)
        analysis.origin = origin
        return analysis


def _normalize_char(char: str) -> str:
    # A lone surrogate (from a JSON "\ud800") is no character at all: drop it.
    if unicodedata.category(char) == "Cs":
        return ""
    return unicodedata.normalize("NFKC", char).lower()


class _NormalizedChars(dict):
    """char → _normalize_char(char), filled as characters are met: a dictionary lookup
    per character (a snippet's 400 characters in 10 µs instead of 38 through a cache
    function). Characters that do not normalize to exactly one are kept in _RESHAPING.
    Bounded, since a hostile text can bring every code point there is."""

    LIMIT = 65_536

    def __missing__(self, char: str) -> str:
        normalized = _normalize_char(char)
        if len(normalized) != 1:
            _RESHAPING.add(char)
        if len(self) < self.LIMIT:
            self[char] = normalized
        return normalized


_RESHAPING: set[str] = set()  # met characters that normalize to none or several
_NORMALIZED = _NormalizedChars()


@cache
def _opencc():
    import opencc

    return opencc.OpenCC("t2s")


class TraditionalToSimplified(TextStage):
    """頭痛 → 头痛 (OpenCC t2s, phrase-aware)."""

    def apply(self, analysis: Analysis) -> Analysis:
        converted = _opencc().convert(analysis.text)
        if len(converted) != len(analysis.text):
            # Phrase conversion changed the length: convert char by char to keep offsets.
            converted = "".join(_opencc().convert(char) or char for char in analysis.text)
            if len(converted) != len(analysis.text):
                return analysis
        analysis.text = converted
        return analysis


@cache
def segmenter():
    """jieba-rs (20× faster than jieba) with the medical dictionary and every synonym
    variant kept whole. Without HMM its cuts equal jieba's except where two cuts score
    exactly the same (4 of 22,932 Toyhom fields); a test holds this."""
    import rjieba

    jieba = rjieba.Jieba()
    for word in dictionary.segmenter_words():
        jieba.add_word(word, None, None)
    return jieba


class Segment:
    """Text → word tokens (precise mode, no HMM guessing of unknown words)."""

    def apply(self, analysis: Analysis) -> Analysis:
        tokens = []
        for word, start, end in segmenter().tokenize(analysis.text, "default", False):
            tokens.append(Token(word, *analysis.span(start, end)))
        analysis.tokens = tokens
        return analysis


_WORDLIKE = re.compile(r"[\w]", re.UNICODE)


class DropPunctuation(TokenStage):
    """Spaces, punctuation and symbols are not terms."""

    def applies(self, token: Token) -> bool:
        return not _WORDLIKE.search(token.text) or token.text.isspace()

    def transform(self, token: Token) -> list[Token]:
        return []


class ColloquialToCanonical(TokenStage):
    """大姨妈 → 月经, 打肉毒 → 注射 肉毒素: one form for what readers and doctors say,
    applied alike to documents and queries (data/synonyms.tsv)."""

    def applies(self, token: Token) -> bool:
        return token.text in dictionary.synonyms()

    def transform(self, token: Token) -> list[Token]:
        words = dictionary.synonyms()[token.text]
        return [Token(word, token.start, token.end, "synonym") for word in words]


class DropStopWords(TokenStage):
    """的, 了, 吗, 请问, 怎么办 … carry no topic (data/stopwords.txt)."""

    def applies(self, token: Token) -> bool:
        return token.text in dictionary.stopwords()

    def transform(self, token: Token) -> list[Token]:
        return []


class ExpandSubwords(TokenStage):
    """人工流产 → 人工流产 人工 流产: a longer word also indexes the dictionary words
    inside it, as jieba's search mode does (which looks at 2 and 3 characters; we also
    look at 4, so 透明质酸酶 indexes 透明质酸), so 流产 finds 人工流产."""

    def applies(self, token: Token) -> bool:
        return len(token.text) > 2

    def transform(self, token: Token) -> list[Token]:
        jieba = segmenter()
        text = token.text
        # A sub-word points at its own characters when the token maps 1:1 onto the
        # original text, otherwise (a synonym, an expanded ligature) at the whole token.
        exact = token.end - token.start == len(text) and token.kind != "synonym"
        subs = [
            Token(
                text[i : i + n],
                token.start + i if exact else token.start,
                token.start + i + n if exact else token.end,
                "sub",
            )
            for n in (2, 3, 4)
            if len(text) > n
            for i in range(len(text) - n + 1)
            if jieba.has_word(text[i : i + n]) and text[i : i + n] not in dictionary.stopwords()
        ]
        return [token, *subs]


class TemplateStage(TokenStage):
    """Copy this to add a stage: say which tokens it applies to, how it transforms one,
    add it to PIPELINE in pipeline.py, and give it a contract test in
    tests/test_stages.py (alone and inside the whole pipeline)."""

    def applies(self, token: Token) -> bool:
        return False

    def transform(self, token: Token) -> list[Token]:
        return [token]
