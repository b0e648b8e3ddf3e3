"""File formats the importer reads. Each reader turns a file into numbered rows of §3
fields; a problem with the whole file (encoding, header) is a FileError, a problem
with one row is reported on that row and the rest go on."""

import csv
import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mingyi.imports.records import content_source_id


class FileError(Exception):
    """The file as a whole cannot be imported; nothing from it is written."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line

    def __str__(self) -> str:
        return f"第 {self.line} 行:{self.message}" if self.line else self.message


@dataclass(frozen=True)
class RawRow:
    line: int
    fields: dict[str, Any] | None = None
    error: str | None = None


ERROR_ENCODING = "不是有效的 {encoding} 编码(位置 {position})"
ERROR_JSON = "不是有效的 JSON:{detail}"
ERROR_NOT_OBJECT = "应为一个 JSON 对象"
ERROR_MISSING_COLUMNS = "缺少列:{columns}(表头为:{header})"
ERROR_EMPTY = "文件为空"
ERROR_COLUMN_COUNT = "列数为 {got},表头有 {expected} 列"


def decoded_lines(path: Path, encoding: str) -> Iterator[str]:
    """The file's lines as text; a byte sequence that is not `encoding` stops the import
    with its line number."""
    with path.open("rb") as handle:
        for number, raw in enumerate(handle, start=1):
            try:
                text = raw.decode(encoding)
            except UnicodeDecodeError as exc:
                message = ERROR_ENCODING.format(encoding=encoding.upper(), position=exc.start + 1)
                raise FileError(message, line=number) from None
            if number == 1:
                text = text.removeprefix("\ufeff")
            yield text


def sniff_encoding(path: Path) -> str:
    """UTF-8 when the start of the file is valid UTF-8, otherwise GB18030 (Toyhom's)."""
    with path.open("rb") as handle:
        head = handle.read(65536)
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        # A multi-byte character cut by the 64 KB window is still UTF-8.
        if exc.start < len(head) - 4:
            return "gb18030"
    return "utf-8"


def json_rows(path: Path) -> Iterator[RawRow]:
    for number, text in enumerate(decoded_lines(path, "utf-8"), start=1):
        if not text.strip():
            continue
        try:
            value = json.loads(text)
        except json.JSONDecodeError as exc:
            yield RawRow(number, error=ERROR_JSON.format(detail=exc.msg))
            continue
        if not isinstance(value, dict):
            yield RawRow(number, error=ERROR_NOT_OBJECT)
            continue
        yield RawRow(number, fields=value)


def csv_rows(path: Path, encoding: str, required: set[str]) -> Iterator[RawRow]:
    reader = csv.reader(decoded_lines(path, encoding))
    header = next(reader, None)
    if not header:
        raise FileError(ERROR_EMPTY)
    header = [column.strip() for column in header]
    missing = sorted(required - set(header))
    if missing:
        raise FileError(
            ERROR_MISSING_COLUMNS.format(columns=", ".join(missing), header=", ".join(header)),
            line=1,
        )
    for values in reader:
        if not any(value.strip() for value in values):
            continue
        if len(values) != len(header):
            error = ERROR_COLUMN_COUNT.format(got=len(values), expected=len(header))
            yield RawRow(reader.line_num, error=error)
            continue
        yield RawRow(reader.line_num, fields=dict(zip(header, values, strict=True)))


class Reader:
    """One import format. `name` is what --format accepts."""

    name = ""
    default_source = "import"
    default_department = ""

    def rows(self, path: Path) -> Iterator[RawRow]:
        raise NotImplementedError


class JsonlReader(Reader):
    """PRODUCT.md §3 records, one JSON object per line."""

    name = "jsonl"

    def rows(self, path: Path) -> Iterator[RawRow]:
        return json_rows(path)


DOCTOR_COLUMNS = {
    "doctor_name": "name",
    "doctor_title": "title",
    "doctor_department": "department",
    "doctor_hospital": "hospital",
    "doctor_hospital_grade": "hospital_grade",
}


class CsvReader(Reader):
    """The §3 columns as UTF-8 CSV; the doctor as doctor_name, doctor_title, … columns."""

    name = "csv"
    required = {"question", "department"}

    def rows(self, path: Path) -> Iterator[RawRow]:
        for row in csv_rows(path, "utf-8", self.required):
            if row.fields is None:
                yield row
                continue
            fields = {k: v for k, v in row.fields.items() if k not in DOCTOR_COLUMNS}
            doctor = {DOCTOR_COLUMNS[k]: v for k, v in row.fields.items() if k in DOCTOR_COLUMNS}
            if any(doctor.values()):
                fields["doctor"] = doctor
            yield RawRow(row.line, fields=fields)


class ToyhomReader(Reader):
    """Toyhom/Chinese-medical-dialogue-data: the original GB18030 CSV
    (department,title,ask,answer) or its JSONL (id, department_group, department, …)."""

    name = "toyhom"
    default_source = "toyhom"
    required = {"department", "title", "ask", "answer"}

    def rows(self, path: Path) -> Iterator[RawRow]:
        if path.suffix.lower() == ".csv":
            yield from self._csv_rows(path)
        else:
            yield from self._jsonl_rows(path)

    def _csv_rows(self, path: Path) -> Iterator[RawRow]:
        for row in csv_rows(path, sniff_encoding(path), self.required):
            if row.fields is None:
                yield row
                continue
            f = row.fields
            # The CSV carries no ids: the content itself identifies a row.
            source_id = content_source_id(f["department"], f["title"], f["ask"], f["answer"])
            yield RawRow(
                row.line,
                fields={
                    "source_id": source_id,
                    "title": f["title"],
                    "question": f["ask"],
                    "answer": f["answer"],
                    "department": f["department"],
                },
            )

    def _jsonl_rows(self, path: Path) -> Iterator[RawRow]:
        for row in json_rows(path):
            if row.fields is None:
                yield row
                continue
            f = row.fields
            yield RawRow(
                row.line,
                fields={
                    "source_id": f.get("id"),
                    "title": f.get("title"),
                    "question": f.get("question", f.get("ask")),
                    "answer": f.get("answer"),
                    "department": f.get("department"),
                    "department_group": f.get("department_group"),
                },
            )


def pair_source_id(text: str) -> str:
    """The id the BEIR views of the pair sets use for a text: 'd' + md5[:12]."""
    return "d" + hashlib.md5(text.encode("utf-8"), usedforsecurity=False).hexdigest()[:12]


class PairsReader(Reader):
    """Similar-question pair sets (*.pairs.jsonl: q1, q2, label): each distinct question
    once, as an unanswered question."""

    name = "pairs"
    default_source = "pairs"
    default_department = "全科"

    def rows(self, path: Path) -> Iterator[RawRow]:
        seen: set[str] = set()
        for row in json_rows(path):
            if row.fields is None:
                yield row
                continue
            texts = [row.fields.get("q1"), row.fields.get("q2")]
            if not any(isinstance(t, str) and t.strip() for t in texts):
                yield RawRow(row.line, error="缺少 q1/q2")
                continue
            for text in texts:
                if not isinstance(text, str) or not text.strip() or text.strip() in seen:
                    continue
                text = text.strip()
                seen.add(text)
                yield RawRow(
                    row.line,
                    fields={"source_id": pair_source_id(text), "title": text, "question": text},
                )


READERS: dict[str, Reader] = {
    reader.name: reader for reader in (JsonlReader(), CsvReader(), ToyhomReader(), PairsReader())
}


def detect_format(path: Path) -> str:
    """The format from the file name, then from the fields of its first record."""
    name = path.name.lower()
    if name.endswith(".pairs.jsonl"):
        return "pairs"
    if name.endswith(".csv"):
        encoding = sniff_encoding(path)
        with path.open("rb") as handle:
            first = handle.readline().decode(encoding, errors="replace").removeprefix("\ufeff")
        header = {column.strip() for column in next(csv.reader([first]), [])}
        return "toyhom" if ToyhomReader.required <= header else "csv"
    if name.endswith((".jsonl", ".json", ".ndjson")):
        with path.open("rb") as handle:
            for raw in handle:
                if raw.strip():
                    try:
                        keys = set(json.loads(raw.decode("utf-8", errors="replace")))
                    except (json.JSONDecodeError, TypeError):
                        return "jsonl"
                    if {"q1", "q2"} <= keys:
                        return "pairs"
                    if "department_group" in keys or "ask" in keys:
                        return "toyhom"
                    return "jsonl"
        return "jsonl"
    raise FileError(f"无法从文件名判断格式:{path.name};请用 --format 指定 jsonl/csv/toyhom/pairs")
