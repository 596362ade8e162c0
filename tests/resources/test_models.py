"""A resource is a link or a PDF, never both or neither; an upload must really be a PDF."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction

from resources.forms import check_pdf
from resources.models import Resource
from tests.factories import make_resource
from tests.resources.conftest import PDF_BYTES, pdf

pytestmark = pytest.mark.django_db


def unsaved(**fields) -> Resource:
    values = {
        "title": "Getting Started in Community Child Protection",
        "slug": "getting-started",
        "publisher": "CCPCW",
        "description": "How to start a partnership.",
        "topic": "getting-started",
        "audience": "community",
    }
    return Resource(**{**values, **fields})


def messages(error: ValidationError) -> str:
    return " ".join(error.messages)


def test_a_resource_with_a_link_is_valid():
    unsaved(url="https://example.org/guide").full_clean(exclude=["languages"])


def test_a_resource_needs_a_link_or_a_file():
    with pytest.raises(ValidationError) as error:
        unsaved().full_clean()
    assert "Give a link to the resource or upload its PDF." in messages(error.value)


def test_a_resource_cannot_have_both_a_link_and_a_file():
    with pytest.raises(ValidationError) as error:
        unsaved(url="https://example.org/guide", file=pdf()).full_clean()
    assert "Give either a link or a PDF file, not both" in messages(error.value)


@pytest.mark.parametrize(
    "fields",
    [{}, {"url": "https://example.org/guide", "file": "resources/guide.pdf"}],
    ids=["neither", "both"],
)
def test_the_database_refuses_neither_or_both(fields):
    with pytest.raises(IntegrityError), transaction.atomic():
        unsaved(**fields).save()


@pytest.mark.parametrize("url", ["ftp://example.org/guide.pdf", "javascript:alert(1)", "guide"])
def test_a_link_must_be_an_http_or_https_address(url):
    with pytest.raises(ValidationError) as error:
        unsaved(url=url).full_clean(exclude=["languages"])
    assert "url" in error.value.message_dict


def test_an_uploaded_pdf_is_stored_under_the_resource_slug_whatever_its_name():
    resource = make_resource(slug="safekeeping-2005", file=pdf("Scan 12 (final).pdf"))
    assert resource.file.name == "resources/safekeeping-2005.pdf"
    assert resource.file.url == "/media/resources/safekeeping-2005.pdf"
    assert resource.href == resource.file.url
    with resource.file.open("rb") as stored:
        assert stored.read() == PDF_BYTES


def test_a_pdf_is_accepted():
    check_pdf(SimpleUploadedFile("guide.pdf", PDF_BYTES, "application/pdf"))


def test_a_file_not_named_pdf_is_refused():
    with pytest.raises(ValidationError) as error:
        check_pdf(SimpleUploadedFile("guide.docx", PDF_BYTES))
    assert "Only PDF files can be uploaded" in messages(error.value)


def test_a_file_named_pdf_whose_content_is_not_a_pdf_is_refused():
    with pytest.raises(ValidationError) as error:
        check_pdf(SimpleUploadedFile("guide.pdf", b"<html><script>alert(1)</script>"))
    assert "its content is not a PDF" in messages(error.value)


def test_an_oversize_pdf_is_refused_saying_how_big_it_is_and_the_limit(settings):
    settings.STAFF_UPLOAD_MAX_BYTES = 1024 * 1024
    upload = SimpleUploadedFile("guide.pdf", PDF_BYTES + b"0" * (1024 * 1024 + 500 * 1024))
    with pytest.raises(ValidationError) as error:
        check_pdf(upload)
    assert "This file is 1.5\xa0MB; a PDF can be at most 1.0\xa0MB." in messages(error.value)


def test_published_leaves_drafts_out():
    make_resource(title="Out")
    make_resource(title="Draft", is_published=False)
    assert [r.title for r in Resource.objects.published()] == ["Out"]


def test_a_link_names_its_site_without_www():
    assert make_resource(url="https://www.example.org/a/b").link_host == "example.org"


@pytest.mark.parametrize(
    "languages, expected", [(("es",), "es"), (("en",), "en"), (("es", "zh"), "en")]
)
def test_the_title_language_is_the_only_language_or_english(languages, expected):
    assert make_resource(languages=languages).text_language == expected
