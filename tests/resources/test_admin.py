"""Staff keep resources in the admin; OCEP editors may add and change but not delete them."""

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from resources.models import Resource
from tests.factories import language, make_partnership, make_resource
from tests.pages import text
from tests.resources.conftest import PDF_BYTES, pdf
from tests.signin import sign_in_staff

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:resources_resource_changelist")
ADD = reverse("admin:resources_resource_add")


def resource_form(**overrides):
    data = {
        "title_en": "Getting Started in Community Child Protection",
        "slug": "getting-started",
        "publisher": "CCPCW",
        "description_en": "How residents and agencies can start a partnership.",
        "url": "",
        "topic": "getting-started",
        "audience": "community",
        "languages": [language("en").pk],
        "is_published": "on",
    }
    data.update(overrides)
    return data


def test_changelist_search_add_and_change_pages_load(staff_client):
    resource = make_resource(title="Safekeeping newsletter", publisher="CCPCW")
    make_resource(title="A PDF", file=pdf(), file_size=2048)
    page = staff_client.get(CHANGELIST)
    assert page.status_code == 200
    shown = text(page)
    for column in ("Title", "Publisher", "Topic", "Link or file", "Published", "Sample"):
        assert column in shown
    assert "PDF 2.0 KB" in shown
    assert "example.org" in shown
    found = staff_client.get(CHANGELIST, {"q": "ccpcw"})
    assert "Safekeeping newsletter" in text(found)
    assert "A PDF" not in text(found)
    assert staff_client.get(CHANGELIST, {"topic__exact": "approach"}).status_code == 200
    assert staff_client.get(ADD).status_code == 200
    change = reverse("admin:resources_resource_change", args=[resource.pk])
    assert staff_client.get(change).status_code == 200


def test_staff_add_a_resource_with_a_link(staff_client):
    highbridge = make_partnership(slug="highbridge")
    data = resource_form(url="example.org/guide", partnerships=[highbridge.pk])
    response = staff_client.post(ADD, data)
    assert response.status_code == 302
    resource = Resource.objects.get()
    assert resource.url == "https://example.org/guide"  # the scheme is assumed
    assert list(resource.partnerships.all()) == [highbridge]


@pytest.mark.parametrize("url", ["ftp://example.org/guide.pdf", "not a web address"])
def test_a_link_that_is_not_a_web_address_is_refused(staff_client, url):
    response = staff_client.post(ADD, resource_form(url=url))
    assert response.status_code == 200
    assert "Enter a valid URL." in text(response)
    assert not Resource.objects.exists()


def test_staff_upload_a_pdf_and_the_site_shows_its_size(staff_client, client):
    upload = SimpleUploadedFile("Guide (final).pdf", PDF_BYTES, "application/pdf")
    response = staff_client.post(ADD, resource_form(file=upload))
    assert response.status_code == 302
    resource = Resource.objects.get()
    assert resource.file.name == "resources/getting-started.pdf"
    assert resource.file_size == len(PDF_BYTES)
    assert f"(PDF, {len(PDF_BYTES)} bytes)" in text(client.get("/resources/"))


def test_a_link_and_a_file_together_are_refused(staff_client):
    upload = SimpleUploadedFile("guide.pdf", PDF_BYTES, "application/pdf")
    response = staff_client.post(ADD, resource_form(url="https://example.org/a", file=upload))
    assert response.status_code == 200
    assert "Give either a link or a PDF file, not both" in text(response)


def test_neither_a_link_nor_a_file_is_refused(staff_client):
    response = staff_client.post(ADD, resource_form())
    assert "Give a link to the resource or upload its PDF." in text(response)
    assert not Resource.objects.exists()


def test_a_file_that_is_not_a_pdf_is_refused(staff_client):
    upload = SimpleUploadedFile("guide.pdf", b"MZ\x90\x00 a program", "application/pdf")
    response = staff_client.post(ADD, resource_form(file=upload))
    assert response.status_code == 200
    assert "its content is not a PDF" in text(response)
    assert not Resource.objects.exists()


def test_an_oversize_pdf_is_refused_saying_its_size_and_the_limit(staff_client, settings):
    settings.STAFF_UPLOAD_MAX_BYTES = 100 * 1024
    upload = SimpleUploadedFile("guide.pdf", PDF_BYTES + b"0" * (300 * 1024), "application/pdf")
    response = staff_client.post(ADD, resource_form(file=upload))
    assert response.status_code == 200
    shown = text(response)
    assert "This file is 300.1 KB; a PDF can be at most 100.0 KB." in shown
    assert not Resource.objects.exists()


def test_clearing_the_file_and_giving_a_link_instead_forgets_the_size(staff_client):
    resource = make_resource(slug="getting-started", file=pdf(), file_size=2048)
    change = reverse("admin:resources_resource_change", args=[resource.pk])
    data = resource_form(url="https://example.org/guide", **{"file-clear": "on"})
    assert staff_client.post(change, data).status_code == 302
    resource.refresh_from_db()
    assert (resource.url, resource.file.name, resource.file_size) == (
        "https://example.org/guide",
        "",
        None,
    )


def test_publish_and_unpublish_actions(staff_client):
    resource = make_resource(is_published=False)
    staff_client.post(CHANGELIST, {"action": "publish", "_selected_action": [resource.pk]})
    resource.refresh_from_db()
    assert resource.is_published
    staff_client.post(CHANGELIST, {"action": "unpublish", "_selected_action": [resource.pk]})
    resource.refresh_from_db()
    assert not resource.is_published


# Who may ---------------------------------------------------------------------------


def test_editors_add_and_change_resources_but_do_not_delete_them(client, django_user_model):
    editor = django_user_model.objects.create_user("editor", password="pw", is_staff=True)
    editor.groups.add(Group.objects.get(name="OCEP editors"))
    assert editor.has_perms(
        ["resources.add_resource", "resources.change_resource", "resources.view_resource"]
    )
    assert not editor.has_perm("resources.delete_resource")
    sign_in_staff(client, editor)
    assert client.get(CHANGELIST).status_code == 200
    upload = SimpleUploadedFile("guide.pdf", PDF_BYTES, "application/pdf")
    assert client.post(ADD, resource_form(file=upload)).status_code == 302
    resource = Resource.objects.get()
    delete = reverse("admin:resources_resource_delete", args=[resource.pk])
    assert client.get(delete).status_code == 403


def test_staff_without_a_group_and_anonymous_visitors_cannot_see_resources(
    client, django_user_model
):
    resource = make_resource()
    change = reverse("admin:resources_resource_change", args=[resource.pk])
    assert client.get(change).status_code == 302  # to the sign-in page
    clerk = django_user_model.objects.create_user("clerk", password="pw", is_staff=True)
    sign_in_staff(client, clerk)
    assert client.get(change).status_code == 403


def test_staff_signed_in_with_a_password_only_cannot_send_a_file(client, django_user_model):
    """The second step not done: the file part is refused before any view reads it."""
    user = django_user_model.objects.create_superuser("half", "half@example.org", "pw")
    client.force_login(user)
    upload = SimpleUploadedFile("guide.pdf", PDF_BYTES, "application/pdf")
    response = client.post(ADD, resource_form(file=upload))
    assert response.status_code == 400
    assert not Resource.objects.exists()
