"""The department tree, aliases and parent rules, kept as data in data/tree.json."""

import json
import re
import unicodedata
from functools import cache
from pathlib import Path

TREE_FILE = Path(__file__).with_name("data") / "tree.json"


@cache
def tree_data() -> dict:
    return json.loads(TREE_FILE.read_text(encoding="utf-8"))


def normalize_name(name: str) -> str:
    """NFKC, no whitespace: '消化 内科 ' and '消化内科' are one department."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", name or ""))


def slug_base(name: str) -> str:
    """心血管内科 → xinxueguanneike: readable, ASCII, stable."""
    from pypinyin import lazy_pinyin  # imported here: its dictionaries take 60 MB

    text = "".join(lazy_pinyin(name)).lower()
    slug = re.sub(r"[^a-z0-9]+", "-", text).strip("-")
    return slug[:56] or "department"


def parent_for(name: str) -> str:
    """The top-level department a new sub-department belongs under, by keyword rules."""
    for keyword, parent in tree_data()["parent_keywords"]:
        if keyword in name:
            return parent
    return tree_data()["fallback_parent"]


def unique_slug(department_model, name: str) -> str:
    base = slug = slug_base(name)
    n = 2
    while department_model.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def tree_ensure(department_model, alias_model) -> None:
    """Create the standard tree and aliases if missing. Takes the model classes so a
    data migration can call it with its historical models."""

    def ensure(name: str, parent, position: int):
        existing = department_model.objects.filter(name=name).first()
        if existing:
            return existing
        return department_model.objects.create(
            name=name, slug=unique_slug(department_model, name), parent=parent, position=position
        )

    data = tree_data()
    for top_position, node in enumerate(data["tree"]):
        top = ensure(node["name"], None, top_position)
        for position, child in enumerate(node["children"]):
            ensure(child, top, position)
    for alias, target in data["aliases"].items():
        department = department_model.objects.filter(name=target).first()
        if department and not alias_model.objects.filter(name=alias).exists():
            alias_model.objects.create(name=alias, department=department)
