import pytest
from django.core.files.base import ContentFile

# The start of a real (tiny) PDF: what the upload check reads.
PDF_BYTES = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


@pytest.fixture(autouse=True)
def _uploads_in_a_temporary_folder(settings, tmp_path):
    """Uploaded PDFs go to a folder of the test's own, never the project's media/."""
    settings.MEDIA_ROOT = tmp_path / "media"


def pdf(name="guide.pdf", content=PDF_BYTES) -> ContentFile:
    return ContentFile(content, name=name)
