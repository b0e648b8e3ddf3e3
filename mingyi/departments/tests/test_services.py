import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from mingyi.departments.models import Department
from mingyi.departments.services import department_create, department_resolve

pytestmark = pytest.mark.django_db


def test_standard_tree_has_two_levels_with_the_product_departments():
    for name, parent in [
        ("心血管内科", "内科"),
        ("整形外科", "外科"),
        ("皮肤科", "皮肤性病科"),
        ("妇科", "妇产科"),
        ("小儿内科", "儿科"),
    ]:
        assert Department.objects.get(name=name).parent.name == parent
    assert not Department.objects.filter(parent__parent__isnull=False).exists()


def test_slugs_are_pinyin():
    assert Department.objects.get(name="心血管内科").slug == "xinxueguanneike"


def test_resolve_finds_exact_name_then_alias():
    assert department_resolve(name=" 心血管内科 ").department.name == "心血管内科"
    resolved = department_resolve(name="心血管科")
    assert (resolved.department.name, resolved.created) == ("心血管内科", False)


def test_resolve_creates_unknown_under_the_archive_group_first():
    resolved = department_resolve(name="老年病科", group="内科")
    assert resolved.created and resolved.department.parent.name == "内科"


def test_resolve_creates_unknown_by_keyword_then_fallback():
    assert department_resolve(name="眼底病科").department.parent.name == "五官科"
    assert department_resolve(name="体检中心").department.parent.name == "其他科室"


def test_resolve_rejects_an_empty_name():
    with pytest.raises(ValueError):
        department_resolve(name="  ")


def test_a_third_level_is_refused():
    child = Department.objects.get(name="心血管内科")
    with pytest.raises(ValueError):
        department_create(name="高血压门诊", parent=child)
    grandchild = Department(name="高血压门诊", slug="gxy", parent=child)
    with pytest.raises(ValidationError):
        grandchild.full_clean()


def test_database_refuses_a_department_that_is_its_own_parent():
    department = Department.objects.get(name="内科")
    with pytest.raises(IntegrityError):
        Department.objects.filter(pk=department.pk).update(parent=department)
