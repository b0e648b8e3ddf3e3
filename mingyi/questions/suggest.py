from collections import Counter

from mingyi.departments.models import Department
from mingyi.search.selectors import search


def department_suggest(*, text: str) -> Department | None:
    """The department most of the closest published questions belong to."""
    result = search(query=text[:200], limit=10)
    if not result.hits:
        return None
    name, _ = Counter(hit.department for hit in result.hits).most_common(1)[0]
    return Department.objects.filter(name=name).first()
