from django.http import HttpRequest
from ninja import Router, Schema

from mingyi.departments.selectors import department_tree

router = Router(tags=["departments"])


class DepartmentChildOut(Schema):
    id: int
    name: str
    slug: str
    url: str
    question_count: int


class DepartmentOut(DepartmentChildOut):
    children: list[DepartmentChildOut]


class DepartmentListOut(Schema):
    departments: list[DepartmentOut]


def _child(department) -> dict:
    return {
        "id": department.pk,
        "name": department.name,
        "slug": department.slug,
        "url": department.get_absolute_url(),
        "question_count": department.question_count,
    }


@router.get("", response=DepartmentListOut, summary="The department tree with question counts")
def departments_list(request: HttpRequest):
    return {
        "departments": [
            {**_child(top), "children": [_child(c) for c in top.children.all()]}
            for top in department_tree()
        ]
    }
