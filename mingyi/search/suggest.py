"""Prefix suggestions (typed as characters, full pinyin or initials: 肉毒, roudu, rds)
and "did you mean" for homophone typos (肉读素 → 肉毒素).

Suggestions come from the medical lexicon, popular searches and recent titles. The
worker builds them every REFRESH_SECONDS into DATA_DIR/search/suggestions.table, which
web workers memory-map: pinyin needs pypinyin's phrase dictionary (44 MB in each
process that imports it), so only the worker and the fallback (no file yet) import
pypinyin. The lexicon's pinyin is computed once per machine and kept in the data directory."""

import bisect
import json
import logging
import mmap
import os
import threading
import time
from array import array
from dataclasses import dataclass
from datetime import timedelta
from functools import cache

from django.db.models import Count
from django.utils import timezone

from mingyi.config.env import env_int
from mingyi.questions.models import Question
from mingyi.search.analysis.dictionary import MEDICAL_LEXICON, medical_terms
from mingyi.search.models import SearchLog
from mingyi.search.storage import search_dir, write_atomically

logger = logging.getLogger(__name__)

REFRESH_SECONDS = env_int("MINGYI_SUGGEST_REFRESH_SECONDS", 600)
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
    """Suggestions over one table of sorted lines, built in memory or memory-mapped
    from the worker's file. A web worker keeps no object per entry (65,000 entries at
    1M questions took 20–36 MB as objects) and shares the file's pages with the other
    workers, so reading a new file every REFRESH_SECONDS does not grow it.

    The table: a header line (MAGIC, then the two counts); the entries, one line each,
    "key<TAB>text<TAB>weight", sorted by key (UTF-8 byte order is code point order);
    then "pinyin<TAB>term" lines sorted by pinyin, each full pinyin's most frequent
    lexicon term ("did you mean"); then one line of the CJK characters' pinyin."""

    MAGIC = b"mingyi-suggestions-1"

    def __init__(self, table: bytes | mmap.mmap) -> None:
        self.table = table
        header_end = table.find(b"\n")
        magic, entries, pinyin = table[:header_end].split(b" ")
        if magic != self.MAGIC:
            raise ValueError("not a suggestions table")
        self.entries = self._line_starts(header_end + 1, int(entries))
        self.pinyin = self._line_starts(self.entries[-1], int(pinyin))
        characters = table[self.pinyin[-1] : table.find(b"\n", self.pinyin[-1])]
        syllables: dict[str, str] = {}
        self.character_pinyin = [syllables.setdefault(p, p) for p in characters.decode().split(" ")]
        self.built_at = time.monotonic()
        self.loaded_from = None  # the file's (mtime, size) when loaded from one

    @classmethod
    def of(
        cls,
        entries: list[Entry],
        by_pinyin: dict[str, str] | None = None,
        character_pinyin: list[str] | None = None,
    ) -> "Suggester":
        entry_lines = sorted(
            f"{_one_line(e.key)}\t{_one_line(e.text)}\t{float(e.weight)!r}".encode()
            for e in entries
        )
        pinyin_lines = sorted(f"{k}\t{v}".encode() for k, v in (by_pinyin or {}).items())
        characters = " ".join(character_pinyin or [""] * len(CJK)).encode()
        header = b"%s %d %d" % (cls.MAGIC, len(entry_lines), len(pinyin_lines))
        return cls(b"\n".join([header, *entry_lines, *pinyin_lines, characters, b""]))

    @classmethod
    def build(cls) -> "Suggester":
        frequencies = _lexicon_frequencies()
        entries: list[Entry] = []
        by_pinyin: dict[str, str] = {}

        def add(text: str, weight: float, full: str | None = None, initials: str | None = None):
            text = _one_line(text)
            full = full if full is not None else pinyin_full(text)
            initials = initials if initials is not None else pinyin_initials(text)
            for key in dict.fromkeys([text.lower(), full, initials]):
                if key:
                    entries.append(Entry(key, text, weight))

        for word, (full, initials) in _lexicon_pinyin().items():
            weight = frequencies.get(word, 1)
            add(word, weight, full, initials)
            if len(word) >= 2 and weight > self_weight(by_pinyin, full, frequencies):
                by_pinyin[full] = word
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
        return cls.of(entries, by_pinyin, _character_pinyin())

    def save(self, path) -> None:
        write_atomically(path, self.table)  # a web worker maps the old file or the new

    @classmethod
    def load(cls, path) -> "Suggester":
        with path.open("rb") as file:
            stat = os.fstat(file.fileno())
            suggester = cls(mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ))
        suggester.loaded_from = (stat.st_mtime_ns, stat.st_size)
        return suggester

    def suggest(self, prefix: str, limit: int = 8) -> list[str]:
        prefix = "".join(prefix.split()).lower()[:MAX_PREFIX]
        if not prefix:
            return []
        wanted = prefix.encode()
        count = len(self.entries) - 1
        first = self._first_line_from(self.entries, wanted)
        best: dict[str, float] = {}
        for i in range(first, min(count, first + 5000)):
            key, text, weight = self._line(self.entries, i).split(b"\t")
            if not key.startswith(wanted):
                break
            text = text.decode()
            if text != prefix:
                best[text] = max(best.get(text, 0), float(weight))
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
                term = self.term_for_pinyin(self._pinyin(window))
                if term and term != window and len(term) == size:
                    chars[i : i + size] = list(term)
                    changed = True
                    i += size - 1
                    break
            i += 1
        corrected = "".join(chars)
        return corrected if changed else None

    def term_for_pinyin(self, pinyin: str) -> str | None:
        """The most frequent lexicon term read as `pinyin` (full, without tones)."""
        wanted = pinyin.encode()
        i = self._first_line_from(self.pinyin, wanted)
        if i < len(self.pinyin) - 1:
            key, term = self._line(self.pinyin, i).split(b"\t")
            if key == wanted:
                return term.decode()
        return None

    def _pinyin(self, text: str) -> str:
        table, first = self.character_pinyin, CJK.start
        return "".join(table[ord(ch) - first] if ord(ch) in CJK else ch for ch in text).lower()

    def _line_starts(self, position: int, count: int) -> array:
        """Where each of `count` lines from `position` starts, and where the next begins."""
        starts = array("Q", [position])
        find = self.table.find
        for _ in range(count):
            position = find(b"\n", position) + 1
            starts.append(position)
        return starts

    def _line(self, starts: array, i: int) -> bytes:
        return self.table[starts[i] : starts[i + 1] - 1]

    def _first_line_from(self, starts: array, wanted: bytes) -> int:
        """The first line of a section whose key (up to the first tab) is >= `wanted`."""
        table = self.table

        def key(i: int) -> bytes:
            return table[starts[i] : table.find(b"\t", starts[i])]

        return bisect.bisect_left(range(len(starts) - 1), wanted, key=key)


def _one_line(text: str) -> str:
    """The table's separators (tab, newline) never appear inside a field."""
    return text.replace("\t", " ").replace("\n", " ").replace("\r", " ")


def self_weight(by_pinyin: dict[str, str], full: str, frequencies: dict[str, int]) -> int:
    current = by_pinyin.get(full)
    return frequencies.get(current, 0) if current else -1


_lock = threading.Lock()
_suggester: Suggester | None = None


def suggestions_file():
    return search_dir() / "suggestions.table"


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
    Suggester.build().save(path)
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
            _suggester = Suggester.build()
        return _suggester


def suggestions(prefix: str, limit: int = 8) -> list[str]:
    return suggester().suggest(prefix, limit)


def did_you_mean(query: str) -> str | None:
    return suggester().correct(query)
