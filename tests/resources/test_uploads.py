"""Files reach the site only from staff in the admin, and never more than the limit is kept."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import RequestFactory

from config.handlers import CappedFileUploadHandler


def test_the_upload_handler_keeps_at_most_the_limit_but_reports_the_whole_size(settings):
    settings.STAFF_UPLOAD_MAX_BYTES = 10
    handler = CappedFileUploadHandler(RequestFactory().post("/admin/"))
    handler.new_file("file", "guide.pdf", "application/pdf", 25)
    for start, chunk in ((0, b"%PDF-abc"), (8, b"x" * 8), (16, b"x" * 8)):
        handler.receive_data_chunk(chunk, start)
    uploaded = handler.file_complete(24)
    assert uploaded.size == 24
    assert uploaded.read() == b"%PDF-abcxx"
    uploaded.close()


@pytest.mark.django_db
def test_visitors_cannot_send_a_file_to_a_public_page(client):
    upload = SimpleUploadedFile("guide.pdf", b"%PDF-1.4", "application/pdf")
    response = client.post("/resources/", {"file": upload})
    assert response.status_code == 400
