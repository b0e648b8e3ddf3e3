"""The safety filter of 大家都在搜: an explicit list of small checks, each saying why a
term is kept out. Applied to every term before it can trend, whatever its volume."""

import re
import unicodedata
from functools import cache
from pathlib import Path

from mingyi.safety.redaction import redact

PATTERNS_FILE = Path(__file__).with_name("data") / "safety.txt"
PERSONAL_KINDS = frozenset({"mobile", "landline", "id_card", "bank_card", "email", "wechat", "qq"})
REASON_PERSONAL = "personal"


def normalized(term: str) -> str:
    return "".join(unicodedata.normalize("NFKC", term or "").lower().split())


@cache
def patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    rules = []
    for line in PATTERNS_FILE.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        category, _, pattern = line.partition("\t")
        rules.append((category.strip(), re.compile(pattern.strip())))
    return tuple(rules)


class PatternCheck:
    """Advertising, drug sales, self-harm methods, identifying words: data/safety.txt."""

    def reason(self, term: str) -> str | None:
        text = normalized(term)
        return next((category for category, rule in patterns() if rule.search(text)), None)


class PersonalDataCheck:
    """Phone, ID, bank card numbers, e-mail, WeChat and QQ ids: the redaction rules
    that protect askers' text."""

    def reason(self, term: str) -> str | None:
        kinds = set(redact(term).kinds)
        return REASON_PERSONAL if kinds & (PERSONAL_KINDS | {"error"}) else None


CHECKS = [PatternCheck(), PersonalDataCheck()]


def unsafe_reason(term: str) -> str | None:
    """Why `term` must not trend, or None when it may."""
    for check in CHECKS:
        reason = check.reason(term)
        if reason:
            return reason
    return None
