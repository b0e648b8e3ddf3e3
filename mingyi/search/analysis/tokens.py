from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Token:
    """A term with the span of the reader's own text it came from (for highlighting)."""

    text: str
    start: int
    end: int
    # "word" from the segmenter, "synonym" from the colloquial map, "sub" from the
    # search-mode expansion of a longer word.
    kind: str = "word"


@dataclass(slots=True)
class Analysis:
    """The state passed along the pipeline: the original text, the normalized text with
    a map from each of its characters back to the original, and the tokens so far."""

    original: str
    text: str
    origin: list[int]
    tokens: list[Token] | None = None

    @classmethod
    def of(cls, text: str) -> "Analysis":
        return cls(original=text, text=text, origin=list(range(len(text))))

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original span of normalized characters [start, end)."""
        if start >= end:
            position = self.origin[start] if start < len(self.origin) else len(self.original)
            return position, position
        return self.origin[start], self.origin[end - 1] + 1
