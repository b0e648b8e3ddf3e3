import pytest

from mingyi.demo.services import demo_load, demo_load_if_empty
from mingyi.doctors.models import Doctor
from mingyi.questions.models import Answer, Question
from tests import factories

pytestmark = pytest.mark.django_db

BOTOX_TITLE = "长期注射肉毒素会产生什么副作用"


def test_demo_has_the_promised_breadth():
    assert demo_load_if_empty() >= 60
    published = Question.objects.published().filter(source="demo")
    departments = set(published.values_list("department__name", flat=True))
    assert len(departments) >= 8
    assert {"整形外科", "皮肤科", "小儿内科"} <= departments
    assert departments & {"妇科", "产科"}
    assert len(departments & {"心血管内科", "消化内科", "内分泌科", "呼吸内科", "神经内科"}) >= 3
    assert published.filter(title=BOTOX_TITLE).exists()


def test_every_demo_doctor_is_a_verified_example_at_an_example_hospital():
    demo_load()
    doctors = Doctor.objects.filter(answers__question__source="demo").distinct()
    assert doctors.count() >= 12
    assert all(d.is_example and d.is_verified and d.hospital.is_example for d in doctors)
    assert all(d.hospital.name.startswith("示例") for d in doctors)


def test_every_demo_answer_has_a_doctor_and_a_review():
    demo_load()
    answers = Answer.objects.filter(question__source="demo")
    assert not answers.filter(doctor__isnull=True).exists()
    assert not answers.filter(reviewed_at__isnull=True).exists()


def test_demo_loads_only_into_an_empty_database_and_reloads_idempotently():
    factories.question(answer="x")
    assert demo_load_if_empty() == 0
    first = demo_load()
    assert demo_load() == first == Question.objects.filter(source="demo").count()


def test_demo_pages_mark_example_doctors(client):
    demo_load()
    botox = Question.objects.get(title=BOTOX_TITLE)
    html = client.get(botox.get_absolute_url()).content.decode()
    assert ">示例<" in html and "示例编辑" in html
    doctor = botox.answers.get().doctor
    assert ">示例<" in client.get(doctor.get_absolute_url()).content.decode()
