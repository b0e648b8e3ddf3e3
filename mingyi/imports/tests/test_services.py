import json
from pathlib import Path

import pytest

from mingyi.departments.models import Department
from mingyi.doctors.models import Doctor
from mingyi.imports.readers import ERROR_MISSING_COLUMNS, FileError
from mingyi.imports.services import ImportAborted, import_file
from mingyi.questions.models import Answer, Question

SHARED = Path(__file__).resolve().parents[3].parent / "shared" / "datasets"
TOYHOM_JSONL = SHARED / "toyhom_sample" / "qa.jsonl"
TOYHOM_CSV = SHARED / "toyhom_sample" / "raw" / "sample_neike_5000-6000.csv"
CHIP_PAIRS = SHARED / "chip_sts" / "dev.pairs.jsonl"

pytestmark = pytest.mark.django_db


def record(n: int, **overrides) -> dict:
    values = {
        "source_id": f"r{n}",
        "title": f"问题标题{n}",
        "question": f"我想问一下问题{n}",
        "answer": f"医生的回答{n}",
        "department": "心血管内科",
        "published_at": "2025-03-20",
    }
    return {**values, **overrides}


def write_jsonl(path: Path, rows: list) -> Path:
    lines = [row if isinstance(row, str) else json.dumps(row, ensure_ascii=False) for row in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def need(path: Path) -> Path:
    if not path.exists():
        pytest.skip(f"{path} is not beside the repository")
    return path


def test_toyhom_jsonl_imports_every_row_and_a_second_run_adds_none():
    first = import_file(path=need(TOYHOM_JSONL))
    assert (first.created, len(first.rejected)) == (7644, 0)
    assert Question.objects.published().count() == 7644
    assert Answer.objects.count() == 7644
    second = import_file(path=TOYHOM_JSONL)
    assert (second.created, second.updated, second.unchanged) == (0, 0, 7644)
    assert Question.objects.count() == 7644


def test_toyhom_departments_map_into_the_tree():
    import_file(path=need(TOYHOM_JSONL))
    cardiology = Question.objects.filter(source_id="toyhom-nk-0").get().department
    assert (cardiology.name, cardiology.parent.name) == ("心血管内科", "内科")
    assert not Department.objects.filter(name="心血管科").exists()


def test_toyhom_gb18030_csv_imports_with_duplicates_reported():
    report = import_file(path=need(TOYHOM_CSV))
    assert report.format == "toyhom"
    assert report.created + len(report.rejected) == 7644
    assert report.created > 7000
    assert all("重复" in r.reason for r in report.rejected)
    assert Question.objects.filter(title="高血压患者能吃党参吗？").exists()


def test_pair_set_imports_each_distinct_question_once_as_unanswered():
    report = import_file(path=need(CHIP_PAIRS))
    texts = set()
    for line in CHIP_PAIRS.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        texts |= {row["q1"].strip(), row["q2"].strip()}
    assert report.created == len(texts) == Question.objects.count()
    assert not Question.objects.filter(status=Question.Status.PUBLISHED).exists()
    assert not Answer.objects.exists()
    # The BEIR views name the same texts with the same ids.
    assert Question.objects.filter(source_id="d276879fb5e82").exists()


def test_malformed_line_in_the_middle_is_rejected_with_its_line_and_the_rest_imported(tmp_path):
    path = write_jsonl(tmp_path / "a.jsonl", [record(1), record(2), '{"title": broken', record(4)])
    report = import_file(path=path)
    assert [(r.line, "JSON" in r.reason) for r in report.rejected] == [(3, True)]
    assert report.created == 3


def test_strict_mode_imports_nothing_when_a_row_is_bad(tmp_path):
    path = write_jsonl(tmp_path / "a.jsonl", [record(1), record(2, department=""), record(3)])
    with pytest.raises(ImportAborted) as caught:
        import_file(path=path, strict=True)
    assert [r.line for r in caught.value.report.rejected] == [2]
    assert not Question.objects.exists()


def test_bad_encoding_anywhere_writes_nothing_and_names_the_line(tmp_path):
    path = tmp_path / "a.jsonl"
    good = "\n".join(json.dumps(record(n), ensure_ascii=False) for n in range(1, 2500))
    path.write_bytes(good.encode() + b'\n{"title": "\xff\xfe bad"}\n')
    with pytest.raises(FileError) as caught:
        import_file(path=path, batch_size=100)
    assert caught.value.line == 2500
    assert not Question.objects.exists()


def test_csv_missing_a_required_column_writes_nothing(tmp_path):
    path = tmp_path / "a.csv"
    path.write_text("source_id,title,question,answer\nr1,标题,问题,回答\n", encoding="utf-8")
    with pytest.raises(FileError) as caught:
        import_file(path=path)
    assert ERROR_MISSING_COLUMNS.split(":")[0] in str(caught.value)
    assert "department" in str(caught.value)
    assert not Question.objects.exists()


def test_csv_with_doctor_columns_creates_a_pending_doctor(tmp_path):
    path = tmp_path / "a.csv"
    path.write_text(
        "source_id,title,question,answer,department,doctor_name,doctor_title,doctor_hospital,"
        "doctor_hospital_grade\n"
        "c1,标题,问题原文,回答正文,皮肤科,张医生,主治医师,某某医院,三甲\n",
        encoding="utf-8",
    )
    report = import_file(path=path)
    assert report.created == 1 and report.doctors_created == 1
    doctor = Doctor.objects.get()
    assert (doctor.name, doctor.hospital.grade) == ("张医生", "三甲")
    assert doctor.verification_status == Doctor.Verification.PENDING


def test_unknown_department_is_created_under_a_sensible_parent_and_reported(tmp_path):
    path = write_jsonl(
        tmp_path / "a.jsonl",
        [record(1, department="小儿呼吸科"), record(2, department="疼痛门诊")],
    )
    report = import_file(path=path)
    assert Department.objects.get(name="小儿呼吸科").parent.name == "儿科"
    assert Department.objects.get(name="疼痛门诊").parent.name == "其他科室"
    assert sorted(report.departments_created) == ["儿科 > 小儿呼吸科", "其他科室 > 疼痛门诊"]


def test_reimport_of_a_changed_record_updates_it_in_place(tmp_path):
    import_file(path=write_jsonl(tmp_path / "a.jsonl", [record(1)]))
    report = import_file(path=write_jsonl(tmp_path / "b.jsonl", [record(1, answer="新的回答")]))
    assert (report.created, report.updated) == (0, 1)
    assert Answer.objects.get().body == "新的回答"


def test_record_without_title_gets_one_from_its_question(tmp_path):
    path = write_jsonl(
        tmp_path / "a.jsonl", [record(1, title="", question="宝宝发烧三天了怎么办?吃了药还是不退")]
    )
    import_file(path=path)
    assert Question.objects.get().title == "宝宝发烧三天了怎么办?"


def test_row_errors_say_what_is_wrong(tmp_path):
    path = write_jsonl(
        tmp_path / "a.jsonl",
        [
            record(1, published_at="yesterday"),
            record(2, doctor={"name": "李医生", "title": "神医", "hospital": "某医院"}),
            record(3, title="", question=""),
            "[1, 2]",
            record(1),
            record(6),
        ],
    )
    report = import_file(path=path)
    reasons = {r.line: r.reason for r in report.rejected}
    assert "published_at" in reasons[1]
    assert "doctor.title" in reasons[2]
    assert "不能都为空" in reasons[3]
    assert "JSON 对象" in reasons[4]
    assert report.created == 2  # lines 5 (r1, first valid occurrence) and 6


def test_a_question_without_answer_stays_unpublished(tmp_path):
    import_file(path=write_jsonl(tmp_path / "a.jsonl", [record(1, answer="")]))
    assert Question.objects.get().status == Question.Status.OPEN
