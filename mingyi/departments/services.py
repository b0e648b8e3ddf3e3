from dataclasses import dataclass

from django.db import transaction

from mingyi.departments.models import Department, DepartmentAlias
from mingyi.departments.tree import normalize_name, parent_for, unique_slug


@dataclass(frozen=True)
class ResolvedDepartment:
    department: Department
    created: bool


@transaction.atomic
def department_create(*, name: str, parent: Department | None) -> Department:
    if parent is not None and parent.parent_id is not None:
        raise ValueError("科室只有两级:上级科室必须是一级科室。")
    position = Department.objects.filter(parent=parent).count()
    return Department.objects.create(
        name=name, slug=unique_slug(Department, name), parent=parent, position=position
    )


def department_resolve(*, name: str, group: str = "") -> ResolvedDepartment:
    """Map a department name from an archive into the tree.

    Order: exact name, then alias, then a new sub-department under the parent named by
    `group` (an archive's own top level, e.g. Toyhom's 内科) or by the keyword rules.
    """
    name = normalize_name(name)
    if not name:
        raise ValueError("科室名称为空")
    found = Department.objects.filter(name=name).first()
    if found:
        return ResolvedDepartment(found, created=False)
    alias = DepartmentAlias.objects.select_related("department").filter(name=name).first()
    if alias:
        return ResolvedDepartment(alias.department, created=False)
    group = normalize_name(group)
    parent = Department.objects.filter(name=group, parent=None).first() if group else None
    if parent is None:
        parent = Department.objects.filter(name=parent_for(name), parent=None).first()
    return ResolvedDepartment(department_create(name=name, parent=parent), created=True)
