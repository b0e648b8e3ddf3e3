import pytest
from django.core.management import call_command

from mingyi.accounts.roles import editor_grant, editor_revoke, is_editor
from tests import factories

pytestmark = pytest.mark.django_db


def test_an_editor_reaches_the_cluster_and_trending_admin_but_cannot_delete_questions(client):
    editor = factories.editor()
    client.force_login(editor)
    assert client.get("/admin/related/duplicatecluster/").status_code == 200
    assert client.get("/admin/trending/trendingpin/add/").status_code == 200
    question = factories.question()
    assert client.get(f"/admin/questions/question/{question.pk}/delete/").status_code == 403


def test_revoking_the_role_takes_the_admin_away_but_never_from_a_superuser(
    client, django_user_model
):
    editor = factories.editor()
    editor_revoke(user=editor)
    assert not is_editor(editor) and not editor.is_staff
    root = django_user_model.objects.create_superuser("root", "r@example.org", "pw")
    editor_grant(user=root)
    editor_revoke(user=root)
    assert root.is_staff


def test_the_role_command_grants_and_revokes(django_user_model):
    account = factories.user("lin")
    call_command("role", "lin", "--editor")
    account.refresh_from_db()
    assert account.is_staff and is_editor(django_user_model.objects.get(pk=account.pk))
    call_command("role", "lin", "--editor", "--revoke")
    account.refresh_from_db()
    assert not account.is_staff
