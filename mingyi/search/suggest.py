"""Prefix suggestions (typed as characters, full pinyin or initials: 肉毒, roudu, rds)
and "did you mean" for homophone typos (肉读素 → 肉毒素).

Suggestions come from the medical lexicon, popular searches and recent titles. The
worker builds them every REFRESH_SECONDS into DATA_DIR/search/suggestions.json, which
web workers load: pinyin needs pypinyin's phrase dictionary (44 MB in each process that
imports it), so only the worker and the fallback (no file yet) import pypinyin. The
lexicon's pinyin is computed once per machine and kept in the data directory."""

import bisect
import json
import logging
import os
import threading
import time
from array import array
from dataclasses import dataclass
from datetime import timedelta
from functools import cache

from django.db.models import Count
from django.utils import timezone

from mingyi.questions.models import Question
from mingyi.search.analysis.dictionary import MEDICAL_LEXICON, medical_terms
from mingyi.search.models import SearchLog
from mingyi.search.storage import search_dir

logger = logging.getLogger(__name__)

REFRESH_SECONDS = 600
RECENT_TITLES = 3000
POPULAR_DAYS = 30
POPULAR_MIN_SESSIONS = 2
MAX_PREFIX = 40


def pinyin_full(text: str) -> str:
    from pypinyin import lazy_pinyin

    return "".join(lazy_pinyin(text)).lower()


def pinyin_initials(text: str) -> str:
    from pypinyin import Style, lazy_pinyin

    return "".join(lazy_pinyin(text, style=Style.FIRST_LETTER)).lower()


# What a typo's characters are read as: each CJK character's most common reading, by
# code point from U+4E00 (a list of ~400 shared syllables: 0.2 MB, not 4 as a dict).
CJK = range(0x4E00, 0xA000)


@cache
def _character_pinyin() -> list[str]:
    syllables: dict[str, str] = {}
    return [syllables.setdefault(p, p) for p in map(pinyin_full, map(chr, CJK))]


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
        # The entries, sorted by key, as three parallel columns: 65,000 entries at 1M
        # questions took 36 MB as objects, 12 MB as columns of shared texts.
        self.keys: list[str] = []
        self.texts: list[str] = []
        self.weights = array("d")
        self.by_pinyin: dict[str, str] = {}  # full pinyin → most frequent lexicon term
        self.character_pinyin: list[str] = []
        self.built_at = 0.0
        self.loaded_from = None  # the suggestions file's (mtime, size) when loaded from it

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
        self.character_pinyin = _character_pinyin()
        self._take(entries)
        return self

    def _take(self, entries: list[Entry]) -> None:
        entries.sort(key=lambda e: e.key)
        shared: dict[str, str] = {}
        self.keys = [e.key for e in entries]
        self.texts = [shared.setdefault(e.text, e.text) for e in entries]
        self.weights = array("d", (e.weight for e in entries))
        self.built_at = time.monotonic()

    def save(self, path) -> None:
        """Atomically: a web worker reads the old file or the new one, never half. In
        columns, so reading it back makes few objects beyond those it keeps."""
        texts = list(dict.fromkeys(self.texts))
        position = {text: i for i, text in enumerate(texts)}
        data = {
            "keys": self.keys,
            "texts": texts,
            "text_of": [position[text] for text in self.texts],
            "weights": list(self.weights),
            "by_pinyin": self.by_pinyin,
            "character_pinyin": self.character_pinyin,
        }
        temporary = path.with_suffix(f".{os.getpid()}.tmp")
        temporary.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        os.replace(temporary, path)

    @classmethod
    def load(cls, path) -> "Suggester":
        stat = path.stat()
        data = json.loads(path.read_text(encoding="utf-8"))
        suggester = cls()
        suggester.keys = data["keys"]
        texts = data["texts"]
        suggester.texts = [texts[i] for i in data["text_of"]]
        suggester.weights = array("d", data["weights"])
        suggester.by_pinyin = data["by_pinyin"]
        syllables: dict[str, str] = {}
        suggester.character_pinyin = [syllables.setdefault(p, p) for p in data["character_pinyin"]]
        suggester.built_at = time.monotonic()
        suggester.loaded_from = (stat.st_mtime_ns, stat.st_size)
        return suggester

    def suggest(self, prefix: str, limit: int = 8) -> list[str]:
        prefix = "".join(prefix.split()).lower()[:MAX_PREFIX]
        if not prefix:
            return []
        start = bisect.bisect_left(self.keys, prefix)
        end = bisect.bisect_left(self.keys, prefix + "\uffff")
        best: dict[str, float] = {}
        for i in range(start, min(end, start + 5000)):
            text = self.texts[i]
            if text != prefix:
                best[text] = max(best.get(text, 0), self.weights[i])
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
                term = self.by_pinyin.get(self._pinyin(window))
                if term and term != window and len(term) == size:
                    chars[i : i + size] = list(term)
                    changed = True
                    i += size - 1
                    break
            i += 1
        corrected = "".join(chars)
        return corrected if changed else None

    def _pinyin(self, text: str) -> str:
        table, first = self.character_pinyin, CJK.start
        return "".join(table[ord(ch) - first] if ord(ch) in CJK else ch for ch in text).lower()


def self_weight(by_pinyin: dict[str, str], full: str, frequencies: dict[str, int]) -> int:
    current = by_pinyin.get(full)
    return frequencies.get(current, 0) if current else -1


_lock = threading.Lock()
_suggester: Suggester | None = None


def suggestions_file():
    return search_dir() / "suggestions.json"


_next_look = 0.0


def suggestions_tick() -> bool:
    """The worker's share: rebuild the suggestions file when it is REFRESH_SECONDS old
    or missing (a look every few seconds). True if it was rebuilt."""
    global _next_look
    if time.monotonic() < _next_look:
        return False
    _next_look = time.monotonic() + 5
    path = suggestions_file()
    try:
        if time.time() - path.stat().st_mtime < REFRESH_SECONDS:
            return False
    except FileNotFoundError:
        pass
    Suggester().build().save(path)
    return True


def suggester() -> Suggester:
    """This process's suggester: the worker's file, reloaded when the worker rewrites it.
    Without a fresh file (no worker has run, or it stopped) the process builds its own,
    rebuilt every REFRESH_SECONDS."""
    global _suggester
    path = suggestions_file()
    with _lock:
        try:
            stat = path.stat()
            fresh = time.time() - stat.st_mtime < 3 * REFRESH_SECONDS
            current = (stat.st_mtime_ns, stat.st_size)
        except FileNotFoundError:
            fresh, current = False, None
        if fresh:
            if _suggester is None or _suggester.loaded_from != current:
                _suggester = Suggester.load(path)
        elif (
            _suggester is None
            or _suggester.loaded_from is not None
            or time.monotonic() - _suggester.built_at > REFRESH_SECONDS
        ):
            if current is not None:
                logger.warning("suggestions file is stale (is `mingyi worker` running?)")
            _suggester = Suggester().build()
        return _suggester


def suggestions(prefix: str, limit: int = 8) -> list[str]:
    return suggester().suggest(prefix, limit)


def did_you_mean(query: str) -> str | None:
    return suggester().correct(query)
