import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from tests.factories import district, language, make_center, make_organization, make_partnership
from tests.signin import sign_in_staff

pytestmark = pytest.mark.django_db

MODELS = [
    "communitydistrict",
    "language",
    "organization",
    "communitypartnership",
    "familyenrichmentcenter",
]


@pytest.fixture
def listings():
    partnership = make_partnership(name="Highbridge Community Partnership", slug="highbridge")
    center = make_center(name="Circle of Dreams", slug="circle-of-dreams")
    return partnership, center


@pytest.mark.parametrize("model", MODELS)
def test_changelist_search_and_add_pages_load_for_staff(staff_client, listings, model):
    changelist = reverse(f"admin:partnerships_{model}_changelist")
    assert staff_client.get(changelist).status_code == 200
    assert staff_client.get(changelist, {"q": "high"}).status_code == 200
    assert staff_client.get(reverse(f"admin:partnerships_{model}_add")).status_code == 200


@pytest.mark.parametrize(
    "model, lookup",
    [
        ("communitypartnership", lambda p, c: p.pk),
        ("familyenrichmentcenter", lambda p, c: c.pk),
        ("organization", lambda p, c: c.operator.pk),
        ("communitydistrict", lambda p, c: district("BX04").pk),
        ("language", lambda p, c: language("es").pk),
    ],
)
def test_change_pages_load_for_staff(staff_client, listings, model, lookup):
    url = reverse(f"admin:partnerships_{model}_change", args=[lookup(*listings)])
    assert staff_client.get(url).status_code == 200


def test_partnership_changelist_shows_verification_and_sample_columns(staff_client, listings):
    html = staff_client.get(reverse("admin:partnerships_communitypartnership_changelist")).content
    html = html.decode()
    assert "Last verified" in html
    assert "Never: needs verifying" in html
    assert "Contains sample data" in html


def test_stale_filter_lists_only_listings_needing_verification(staff_client):
    import datetime

    from django.utils import timezone

    make_partnership(name="Never Checked", last_verified=None)
    make_partnership(name="Checked Today", last_verified=timezone.localdate())
    long_ago = timezone.localdate() - datetime.timedelta(days=400)
    make_partnership(name="Checked Long Ago", last_verified=long_ago)
    url = reverse("admin:partnerships_communitypartnership_changelist")
    html = staff_client.get(url, {"verification": "stale"}).content.decode()
    assert "Never Checked" in html
    assert "Checked Long Ago" in html
    assert "Checked Today" not in html
    assert html.count("needs verifying") == 2
    everything = staff_client.get(url).content.decode()
    assert "Checked Today" in everything
    assert everything.count("needs verifying") == 2
    current = staff_client.get(url, {"verification": "current"}).content.decode()
    assert "Checked Today" in current
    assert "Never Checked" not in current
    assert "Checked Long Ago" not in current


def partnership_form(partnership, **changes):
    data = {
        "name": partnership.name,
        "slug": partnership.slug,
        "borough": partnership.borough,
        "community_districts": [d.pk for d in partnership.community_districts.all()],
        "neighborhoods": partnership.neighborhoods,
        "lead_organization": "",
        "description_en": partnership.description,
        "how_to_get_involved_en": "",
        "languages": [lang.pk for lang in partnership.languages.all()],
        "email": "",
        "phone": "",
        "url": "",
        "acs_contact_name": "",
        "acs_contact_email": "",
        "is_published": "on" if partnership.is_published else "",
        "is_sample_data": "",
        "last_verified": "",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value != ""}


def test_a_district_from_another_borough_is_refused_with_a_message(staff_client, listings):
    partnership, _ = listings
    url = reverse("admin:partnerships_communitypartnership_change", args=[partnership.pk])
    response = staff_client.post(
        url,
        partnership_form(partnership, community_districts=[district("QN04").pk]),
    )
    assert response.status_code == 200
    assert "These community districts are not in Bronx: QN04." in response.content.decode()
    assert list(partnership.community_districts.values_list("code", flat=True)) == ["BX04"]


def test_changing_the_borough_checks_districts_against_the_new_borough(staff_client, listings):
    partnership, _ = listings
    url = reverse("admin:partnerships_communitypartnership_change", args=[partnership.pk])
    response = staff_client.post(
        url,
        partnership_form(partnership, borough="queens", community_districts=[district("QN04").pk]),
    )
    assert response.status_code == 302
    partnership.refresh_from_db()
    assert partnership.borough == "queens"


def test_editors_group_has_exactly_the_permissions_to_edit_listings():
    group = Group.objects.get(name="OCEP editors")
    listing_permissions = group.permissions.filter(content_type__app_label="partnerships")
    assert set(listing_permissions.values_list("codename", flat=True)) == {
        "add_communitypartnership",
        "change_communitypartnership",
        "view_communitypartnership",
        "add_familyenrichmentcenter",
        "change_familyenrichmentcenter",
        "view_familyenrichmentcenter",
        "add_organization",
        "change_organization",
        "view_organization",
        "view_communitydistrict",
        "view_language",
    }


def test_an_editor_edits_a_listing_and_the_public_page_changes(editor_client, listings):
    partnership, _ = listings
    url = reverse("admin:partnerships_communitypartnership_change", args=[partnership.pk])
    response = editor_client.post(
        url, partnership_form(partnership, description_en="Meets at the library on 168th Street.")
    )
    assert response.status_code == 302
    public = editor_client.get(partnership.get_absolute_url()).content.decode()
    assert "Meets at the library on 168th Street." in public


def test_an_editor_unpublishes_a_listing_and_it_leaves_the_site(editor_client, listings):
    partnership, _ = listings
    url = reverse("admin:partnerships_communitypartnership_change", args=[partnership.pk])
    editor_client.post(url, partnership_form(partnership, is_published=""))
    assert editor_client.get(partnership.get_absolute_url()).status_code == 404


def test_an_editor_cannot_delete_listings_or_change_reference_data(editor_client, listings):
    partnership, _ = listings
    delete = reverse("admin:partnerships_communitypartnership_delete", args=[partnership.pk])
    assert editor_client.get(delete).status_code == 403
    district_change = reverse(
        "admin:partnerships_communitydistrict_change", args=[district("BX04").pk]
    )
    response = editor_client.post(district_change, {"code": "BX04", "name": "Renamed"})
    assert response.status_code == 403
    assert district("BX04").name.startswith("Highbridge")


def test_staff_without_the_group_see_no_listings(client, django_user_model, listings):
    user = django_user_model.objects.create_user("intern", password="pw", is_staff=True)
    sign_in_staff(client, user)
    url = reverse("admin:partnerships_communitypartnership_changelist")
    assert client.get(url).status_code == 403


def test_anonymous_visitors_are_sent_to_the_login_page(client, listings):
    url = reverse("admin:partnerships_communitypartnership_changelist")
    response = client.get(url)
    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))


def test_autocomplete_finds_districts_for_editors(editor_client):
    response = editor_client.get(
        reverse("admin:autocomplete"),
        {
            "term": "highbridge",
            "app_label": "partnerships",
            "model_name": "communitypartnership",
            "field_name": "community_districts",
        },
    )
    assert response.status_code == 200
    assert [r["text"] for r in response.json()["results"]] == ["BX04 · Highbridge, Concourse"]


def test_publish_and_verify_actions(staff_client):
    draft = make_partnership(is_published=False, last_verified=None)
    url = reverse("admin:partnerships_communitypartnership_changelist")
    staff_client.post(url, {"action": "publish", "_selected_action": [draft.pk]})
    staff_client.post(url, {"action": "mark_verified_today", "_selected_action": [draft.pk]})
    draft.refresh_from_db()
    assert draft.is_published
    assert draft.last_verified is not None


def test_center_admin_lists_unnamed_centers_by_operator(staff_client):
    make_center(name="", operator=make_organization(name="Ohel"))
    html = staff_client.get(
        reverse("admin:partnerships_familyenrichmentcenter_changelist")
    ).content.decode()
    assert "Family Enrichment Center operated by Ohel" in html


def test_organizations_filter_by_their_role(staff_client):
    make_partnership(lead_organization=make_organization(name="The New York Foundling"))
    make_center(operator=make_organization(name="Good Shepherd Services"))
    make_organization(name="Unattached Organization")
    url = reverse("admin:partnerships_organization_changelist")
    leads = staff_client.get(url, {"role": "lead"}).content.decode()
    operators = staff_client.get(url, {"role": "operator"}).content.decode()
    assert "The New York Foundling" in leads and "Good Shepherd Services" not in leads
    assert "Good Shepherd Services" in operators and "The New York Foundling" not in operators
    assert "Unattached Organization" not in leads + operators


def test_staff_who_can_only_view_cannot_run_the_publishing_actions(client, django_user_model):
    from django.contrib.auth.models import Permission

    listing = make_partnership(is_published=True)
    viewer = django_user_model.objects.create_user("viewer", password="pw", is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_communitypartnership"))
    sign_in_staff(client, viewer)
    url = reverse("admin:partnerships_communitypartnership_changelist")
    page = client.get(url).content.decode()
    assert "Unpublish the selected listings" not in page
    client.post(url, {"action": "unpublish", "_selected_action": [listing.pk]})
    listing.refresh_from_db()
    assert listing.is_published


def test_action_messages_are_pluralised(staff_client):
    listing = make_partnership(is_published=False)
    url = reverse("admin:partnerships_communitypartnership_changelist")
    response = staff_client.post(
        url, {"action": "publish", "_selected_action": [listing.pk]}, follow=True
    )
    assert "1 listing published." in response.content.decode()
