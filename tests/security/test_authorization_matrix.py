"""Who may do what: every role × every write endpoint and protected page, with the
expected answer and its effect. An allowed request writes what it should; a denied one
writes nothing. The URL conf and the API schema are enumerated, so a new URL or a new
write operation without a line here fails `test_every_url_and_api_write_is_classified`."""

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, resolve

from mingyi.accounts.roles import answering_doctor, is_editor
from mingyi.audit.models import AuditEvent
from mingyi.config.api import api
from mingyi.doctors.models import Doctor, DoctorCredential, Hospital
from mingyi.questions.models import Answer, Question
from tests import factories

pytestmark = pytest.mark.django_db

ROLES = ("anonymous", "asker", "unverified_doctor", "verified_doctor", "editor", "admin")
LOGIN = "login"  # redirected to a login page (the site's, or the admin's)
DENIED = {LOGIN, 401, 403}

# fmt: off
# what                                      anonymous asker unverified verified editor admin
MATRIX: dict[str, tuple] = {
    # asking is open to everyone, signed in or not (PRODUCT.md: askers are anyone)
    "questions:ask GET":                        (200,   200,  200,  200,  200,  200),
    "questions:ask POST":                       (201,   201,  201,  201,  201,  201),
    "api:questions_create POST":                (201,   201,  201,  201,  201,  201),
    "api:triage_post POST":                     (200,   200,  200,  200,  200,  200),
    # answering: verified doctors only
    "questions:workspace GET":                  (LOGIN, 403,  403,  200,  403,  403),
    "questions:answer GET":                     (LOGIN, 403,  403,  200,  403,  403),
    "questions:answer POST":                    (LOGIN, 403,  403,  302,  403,  403),
    "questions:answer POST revise":             (LOGIN, 403,  403,  302,  403,  403),
    "api:answers_create POST":                  (401,   403,  403,  201,  403,  403),
    # review and moderation: editors (and admins, who hold every permission)
    "questions:review GET":                     (LOGIN, 403,  403,  403,  200,  200),
    "questions:review_answer POST":             (LOGIN, 403,  403,  403,  302,  302),
    "api:answers_review POST":                  (401,   403,  403,  403,  200,  200),
    "questions:moderate POST":                  (LOGIN, 403,  403,  403,  302,  302),
    # doctors apply (any account); editors verify or reject
    "doctors:apply GET":                        (LOGIN, 200,  200,  200,  200,  200),
    "doctors:apply POST":                       (LOGIN, 200,  200,  200,  200,  200),
    "doctors:credential_decide POST verify":    (LOGIN, 403,  403,  403,  302,  302),
    "doctors:credential_decide POST reject":    (LOGIN, 403,  403,  403,  302,  302),
    # the Django admin and the operator page: staff only (every admin:* URL goes through
    # admin_site.admin_view; these stand for them). Editors are staff with the editor
    # group's permissions: clusters and trending picks, not deleting questions.
    "admin:index GET":                          (LOGIN, LOGIN, LOGIN, LOGIN, 200,   200),
    "ops-operator GET":                         (LOGIN, LOGIN, LOGIN, LOGIN, 200,   200),
    "admin:questions_question_delete POST":     (LOGIN, LOGIN, LOGIN, LOGIN, 403,   302),
}
# fmt: on

# Public reads (and the sign-in pages themselves): the same for every role, nothing
# to protect. Their own tests live with their apps.
PUBLIC = {
    "core:home", "core:privacy", "questions:detail", "questions:track", "departments:detail",
    "doctors:detail", "search:results", "robots", "sitemap-index", "sitemap-section",
    "healthz", "readyz", "metrics", "hant", "hant-home",
    "login", "logout", "signup", "password_reset", "password_reset_done",
    "password_reset_confirm", "password_reset_complete",
    "api:openapi-json", "api:openapi-view", "api:api-root", "api:questions_get",
    "api:departments_list", "api:doctors_get", "api:suggest_get", "api:search_get",
    "api:related_get", "api:trending_get",
}  # fmt: skip


@dataclass
class World:
    users: dict
    open_question: Question
    submitted: Answer
    held: Question
    returned: Answer  # the verified doctor's own answer, returned by an editor
    credential: DoctorCredential


@pytest.fixture
def world() -> World:
    asker = factories.user()
    admin = get_user_model().objects.create_superuser("root", "root@example.org", "pw-123456")
    open_question = factories.question(status=Question.Status.OPEN, published_at=None)
    open_question.asker = asker
    open_question.save(update_fields=["asker"])
    author = factories.doctor()
    submitted = Answer.objects.create(
        question=factories.question(), doctor=author, body="多喝水,注意休息。", status="submitted"
    )
    held = factories.question(status=Question.Status.MODERATION, published_at=None)
    applicant = factories.doctor(verified=False)
    credential = DoctorCredential.objects.create(
        doctor=applicant,
        practising_certificate_no="110101199001011234",
        qualification_certificate_no="Q20200001",
        hospital=applicant.hospital,
        department=applicant.department,
        title=applicant.title,
    )
    users = {
        "anonymous": None,
        "asker": asker,
        "unverified_doctor": factories.doctor_account(verified=False),
        "verified_doctor": factories.doctor_account(),
        "editor": factories.editor(),
        "admin": admin,
    }
    returned = Answer.objects.create(
        question=factories.question(status=Question.Status.OPEN, published_at=None),
        doctor=users["verified_doctor"].doctor,
        body="初稿",
        status="returned",
    )
    return World(users, open_question, submitted, held, returned, credential)


@dataclass(frozen=True)
class Call:
    method: str
    path: Callable[[World], str]
    data: Callable[[World], dict] = lambda w: {}
    json: bool = False
    # What an allowed request must have written (None: a read).
    effect: Callable[[World], bool] | None = None


def _answered(w: World) -> bool:
    return Answer.objects.filter(question=w.open_question, status="submitted").exists()


def _credential(status: str) -> Callable[[World], bool]:
    return lambda w: DoctorCredential.objects.get(pk=w.credential.pk).status == status


ASK_TEXT = "我最近总是胃胀,没有胃痛,需要做胃镜吗"
APPLY = {
    "name": "申请医生",
    "title": Doctor.Title.ATTENDING,
    "hospital_name": "申请医院",
    "hospital_grade": Hospital.Grade.GRADE_3A,
    "practising_certificate_no": "110101199001019999",
    "qualification_certificate_no": "Q20209999",
}

CALLS: dict[str, Call] = {
    "questions:ask GET": Call("get", lambda w: "/ask/"),
    "questions:ask POST": Call(
        "post",
        lambda w: "/ask/",
        lambda w: {"text": ASK_TEXT},
        effect=lambda w: Question.objects.filter(body=ASK_TEXT).exists(),
    ),
    "api:questions_create POST": Call(
        "post",
        lambda w: "/api/v1/questions",
        lambda w: {"question": ASK_TEXT},
        json=True,
        effect=lambda w: Question.objects.filter(body=ASK_TEXT).exists(),
    ),
    "api:triage_post POST": Call(
        "post", lambda w: "/api/v1/triage", lambda w: {"text": "头痛三天"}, json=True
    ),
    "questions:workspace GET": Call("get", lambda w: "/workspace/"),
    "questions:answer GET": Call("get", lambda w: f"/workspace/answer/{w.open_question.pk}/"),
    "questions:answer POST": Call(
        "post",
        lambda w: f"/workspace/answer/{w.open_question.pk}/",
        lambda w: {"body": "建议先做胃镜检查,饮食规律。"},
        effect=_answered,
    ),
    "questions:answer POST revise": Call(
        "post",
        lambda w: f"/workspace/answer/{w.returned.question_id}/",
        lambda w: {"body": "修改后的回答:建议复查。"},
        effect=lambda w: Answer.objects.filter(
            pk=w.returned.pk, status="submitted", body="修改后的回答:建议复查。"
        ).exists(),
    ),
    "api:answers_create POST": Call(
        "post",
        lambda w: f"/api/v1/questions/{w.open_question.pk}/answers",
        lambda w: {"body": "建议先做胃镜检查,饮食规律。"},
        json=True,
        effect=_answered,
    ),
    "questions:review GET": Call("get", lambda w: "/review/"),
    "questions:review_answer POST": Call(
        "post",
        lambda w: f"/review/answer/{w.submitted.pk}/",
        lambda w: {"decision": "approve"},
        effect=lambda w: Answer.objects.get(pk=w.submitted.pk).status == "published",
    ),
    "api:answers_review POST": Call(
        "post",
        lambda w: f"/api/v1/answers/{w.submitted.pk}/review",
        lambda w: {"decision": "approve"},
        json=True,
        effect=lambda w: Answer.objects.get(pk=w.submitted.pk).status == "published",
    ),
    "questions:moderate POST": Call(
        "post",
        lambda w: f"/review/question/{w.held.pk}/",
        lambda w: {"allow": "1"},
        effect=lambda w: Question.objects.get(pk=w.held.pk).status != "moderation",
    ),
    "doctors:apply GET": Call("get", lambda w: "/doctor/apply/"),
    "doctors:apply POST": Call(
        "post",
        lambda w: "/doctor/apply/",
        lambda w: {**APPLY, "department": w.open_question.department_id},
        effect=lambda w: DoctorCredential.objects.filter(
            qualification_certificate_no=APPLY["qualification_certificate_no"]
        ).exists(),
    ),
    "doctors:credential_decide POST verify": Call(
        "post",
        lambda w: f"/review/credential/{w.credential.pk}/",
        lambda w: {"decision": "verify"},
        effect=_credential("verified"),
    ),
    "doctors:credential_decide POST reject": Call(
        "post",
        lambda w: f"/review/credential/{w.credential.pk}/",
        lambda w: {"decision": "reject", "reason": "证书照片不清晰"},
        effect=_credential("rejected"),
    ),
    "admin:index GET": Call("get", lambda w: "/admin/"),
    "ops-operator GET": Call("get", lambda w: "/admin/operator/"),
    "admin:questions_question_delete POST": Call(
        "post",
        lambda w: f"/admin/questions/question/{w.held.pk}/delete/",
        lambda w: {"post": "yes"},
        effect=lambda w: not Question.objects.filter(pk=w.held.pk).exists(),
    ),
}


def _snapshot(w: World) -> tuple:
    """Everything a request of the matrix could write."""
    return (
        Question.objects.count(),
        Answer.objects.count(),
        DoctorCredential.objects.count(),
        Doctor.objects.count(),
        AuditEvent.objects.count(),
        sorted(Question.objects.values_list("pk", "status", "title")),
        sorted(Answer.objects.values_list("pk", "status", "body")),
        sorted(DoctorCredential.objects.values_list("pk", "status")),
        sorted(Doctor.objects.values_list("pk", "verification_status")),
    )


def _outcome(response) -> int | str:
    location = response.get("Location", "")
    if response.status_code == 302 and "login/" in location:
        return LOGIN
    return response.status_code


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("what", list(MATRIX))
def test_role_gets_the_expected_answer_and_denials_write_nothing(world, what, role):
    expected = MATRIX[what][ROLES.index(role)]
    call = CALLS[what]
    client = Client()
    if world.users[role] is not None:
        client.force_login(world.users[role])
    before = _snapshot(world)
    data = call.data(world)
    if call.json:
        response = client.post(call.path(world), data, content_type="application/json")
    else:
        response = getattr(client, call.method)(call.path(world), data)

    assert _outcome(response) == expected, response.content[:500]
    if expected in DENIED:
        assert _snapshot(world) == before, f"{role} was refused {what} but something changed"
    elif call.effect is not None:
        assert call.effect(world), f"{role} was allowed {what} but it did not happen"


def _url_names(resolver=None, namespace: str = "") -> set[str]:
    names = set()
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            inner = ":".join(n for n in (namespace, pattern.namespace or "") if n)
            names |= _url_names(pattern, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            names.add(f"{namespace}:{pattern.name}" if namespace else pattern.name)
    return names


def test_every_url_and_api_write_is_classified():
    classified = {key.split(" ")[0] for key in MATRIX} | PUBLIC
    unclassified = {
        name for name in _url_names() if name not in classified and not name.startswith("admin:")
    }
    assert not unclassified, f"add these to MATRIX (with who may) or PUBLIC: {unclassified}"

    writes = {
        f"api:{resolve(path.replace('{id}', '1')).url_name} {method.upper()}"
        for path, methods in api.get_openapi_schema(path_prefix="/api/v1")["paths"].items()
        for method in methods
        if method != "get"
    }
    assert writes <= set(MATRIX), f"API writes missing from MATRIX: {writes - set(MATRIX)}"
    assert set(MATRIX) == set(CALLS)


def test_every_account_is_the_role_it_stands_for(world):
    """The matrix is only as good as its accounts."""
    checks = {
        "asker": lambda u: not is_editor(u) and answering_doctor(u) is None,
        "unverified_doctor": lambda u: u.doctor is not None and answering_doctor(u) is None,
        "verified_doctor": lambda u: answering_doctor(u) is not None and not is_editor(u),
        "editor": lambda u: is_editor(u) and answering_doctor(u) is None,
        "admin": lambda u: u.is_superuser and u.is_staff,
    }
    for role, check in checks.items():
        assert check(world.users[role]), role
    assert world.open_question.asker == world.users["asker"]
