import pytest

from mingyi.trending.models import GLOBAL_SCOPE, TrendingPin, TrendingSnapshot

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("admin", "a@example.org", "pw")
    client.force_login(user)
    return client


def test_trending_admin_pages_open(admin_client):
    for model in ("trendingblock", "trendingpin", "trendingsnapshot"):
        assert admin_client.get(f"/admin/trending/{model}/").status_code == 200
    assert admin_client.get("/admin/trending/trendingpin/add/").status_code == 200


def test_an_editor_recomputes_trending_from_the_snapshot_list(admin_client):
    snapshot = TrendingSnapshot.objects.create(scope=GLOBAL_SCOPE, terms=[])
    response = admin_client.post(
        "/admin/trending/trendingsnapshot/",
        {"action": "refresh", "_selected_action": [snapshot.pk]},
    )
    assert response.status_code == 302
    assert TrendingSnapshot.objects.filter(scope=GLOBAL_SCOPE).exists()


def test_a_pin_added_in_the_admin_records_who_added_it(admin_client):
    response = admin_client.post(
        "/admin/trending/trendingpin/add/", {"term": "流感疫苗", "position": 0}
    )
    assert response.status_code == 302
    assert TrendingPin.objects.get().created_by.username == "admin"
