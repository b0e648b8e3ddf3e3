"""Prefix suggestions (typed as characters, full pinyin or initials: 肉毒, roudu, rds)
and "did you mean" for homophone typos (肉读素 → 肉毒素).

Suggestions come from the medical lexicon, popular searches and recent titles. The
lexicon's pinyin is computed once per machine and kept in the data directory."""

import bisect
import json
import threading
import time
from dataclasses import dataclass
from datetime import timedelta
from functools import cache

from django.db.models import Count
from django.utils import timezone
from pypinyin import Style, lazy_pinyin

from mingyi.questions.models import Question
from mingyi.search.analysis.dictionary import MEDICAL_LEXICON, medical_terms
from mingyi.search.models import SearchLog
from mingyi.search.storage import search_dir

REFRESH_SECONDS = 600
RECENT_TITLES = 3000
POPULAR_DAYS = 30
POPULAR_MIN_SESSIONS = 2
MAX_PREFIX = 40


def pinyin_full(text: str) -> str:
    return "".join(lazy_pinyin(text)).lower()


def pinyin_initials(text: str) -> str:
    return "".join(lazy_pinyin(text, style=Style.FIRST_LETTER)).lower()


@dataclass(frozen=True)
class Entry:
    key: str  # what a prefix is matched against: the text, its pinyin or initials
    text: str
    weight: float


@cache
def _lexicon_frequencies() -> dict[str, int]:
    frequencies = {}
    for line in MEDICAL_LEXICON.read_text(encoding="utf-8").splitlines():
        word, _, df = line.partition("\t")
        if word:
            frequencies[word] = int(df) if df.strip().isdigit() else 1
    return frequencies


@cache
def _lexicon_pinyin() -> dict[str, tuple[str, str]]:
    """word → (full pinyin, initials) for every lexicon term, cached on disk and in
    the process (1 s to compute)."""
    cache_file = search_dir() / "lexicon-pinyin.json"
    stamp = f"{len(medical_terms())}"
    try:
        cached = json.loads(cache_file.read_text(encoding="utf-8"))
        if cached.get("stamp") == stamp:
            return {w: tuple(p) for w, p in cached["pinyin"].items()}
    except (FileNotFoundError, ValueError):
        pass
    pinyin = {w: (pinyin_full(w), pinyin_initials(w)) for w in medical_terms()}
    cache_file.write_text(json.dumps({"stamp": stamp, "pinyin": pinyin}, ensure_ascii=False))
    return pinyin


class Suggester:
    def __init__(self) -> None:
        self.keys: list[str] = []
        self.entries: list[Entry] = []
        self.by_pinyin: dict[str, str] = {}  # full pinyin → most frequent lexicon term
        self.built_at = 0.0

    def build(self) -> "Suggester":
        frequencies = _lexicon_frequencies()
        entries: list[Entry] = []

        def add(text: str, weight: float, full: str | None = None, initials: str | None = None):
            full = full if full is not None else pinyin_full(text)
            initials = initials if initials is not None else pinyin_initials(text)
            for key in dict.fromkeys([text.lower(), full, initials]):
                if key:
                    entries.append(Entry(key, text, weight))

        for word, (full, initials) in _lexicon_pinyin().items():
            weight = frequencies.get(word, 1)
            add(word, weight, full, initials)
            if len(word) >= 2 and weight > self_weight(self.by_pinyin, full, frequencies):
                self.by_pinyin[full] = word
        since = timezone.now() - timedelta(days=POPULAR_DAYS)
        popular = (
            SearchLog.objects.filter(created_at__gte=since, result_count__gt=0)
            .values("query")
            .annotate(sessions=Count("session", distinct=True))
            .filter(sessions__gte=POPULAR_MIN_SESSIONS)
            .order_by("-sessions")[:2000]
        )
        for row in popular:
            add(row["query"], 1_000_000 * row["sessions"])
        titles = (
            Question.objects.published()
            .order_by("-published_at")
            .values_list("title", flat=True)[:RECENT_TITLES]
        )
        for title in titles:
            add(title.rstrip("?？"), 50)
        entries.sort(key=lambda e: e.key)
        self.entries = entries
        self.keys = [e.key for e in entries]
        self.built_at = time.monotonic()
        return self

    def suggest(self, prefix: str, limit: int = 8) -> list[str]:
        prefix = "".join(prefix.split()).lower()[:MAX_PREFIX]
        if not prefix:
            return []
        start = bisect.bisect_left(self.keys, prefix)
        end = bisect.bisect_left(self.keys, prefix + "\uffff")
        best: dict[str, float] = {}
        for entry in self.entries[start : min(end, start + 5000)]:
            if entry.text != prefix:
                best[entry.text] = max(best.get(entry.text, 0), entry.weight)
        ranked = sorted(best.items(), key=lambda item: (-item[1], len(item[0]), item[0]))
        return [text for text, _ in ranked[:limit]]

    def correct(self, query: str) -> str | None:
        """The query with homophone typos of lexicon terms fixed, or None."""
        frequencies = _lexicon_frequencies()
        chars = list(query)
        changed = False
        i = 0
        while i < len(chars):
            for size in range(min(6, len(chars) - i), 1, -1):
                window = "".join(chars[i : i + size])
                if window in frequencies:
                    i += size - 1
                    break
                term = self.by_pinyin.get(pinyin_full(window))
                if term and term != window and len(term) == size:
                    chars[i : i + size] = list(term)
                    changed = True
                    i += size - 1
                    break
            i += 1
        corrected = "".join(chars)
        return corrected if changed else None


def self_weight(by_pinyin: dict[str, str], full: str, frequencies: dict[str, int]) -> int:
    current = by_pinyin.get(full)
    return frequencies.get(current, 0) if current else -1


_lock = threading.Lock()
_suggester: Suggester | None = None


def suggester() -> Suggester:
    """This process's suggester, rebuilt every REFRESH_SECONDS (popular queries change)."""
    global _suggester
    with _lock:
        if _suggester is None or time.monotonic() - _suggester.built_at > REFRESH_SECONDS:
            _suggester = Suggester().build()
        return _suggester


def suggestions(prefix: str, limit: int = 8) -> list[str]:
    return suggester().suggest(prefix, limit)


def did_you_mean(query: str) -> str | None:
    return suggester().correct(query)
