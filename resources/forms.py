"""The admin's resource form: an uploaded file must be a PDF of a reasonable size.

Only a new upload is read. A PDF already in storage was checked when it came
in and is not fetched again on every save (object storage would be asked
for it each time).
"""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

PDF_SIGNATURE = b"%PDF-"


def check_pdf(upload: UploadedFile) -> None:
    """Refuse anything but a PDF within STAFF_UPLOAD_MAX_BYTES, saying what to do instead."""
    limit = settings.STAFF_UPLOAD_MAX_BYTES
    if upload.size > limit:
        raise ValidationError(
            _(
                "This file is %(size)s; a PDF can be at most %(limit)s. Make it smaller "
                "(for example with a reduced-size export) or give a link to it instead."
            )
            % {"size": filesizeformat(upload.size), "limit": filesizeformat(limit)},
            code="too_big",
        )
    if not upload.name.lower().endswith(".pdf"):
        raise ValidationError(
            _("Only PDF files can be uploaded: the file name must end in .pdf."), code="not_pdf"
        )
    upload.seek(0)
    start = upload.read(len(PDF_SIGNATURE))
    upload.seek(0)
    if start != PDF_SIGNATURE:
        raise ValidationError(
            _(
                "This file's name ends in .pdf but its content is not a PDF. "
                "Save or export it as PDF and upload it again."
            ),
            code="not_pdf",
        )


class ResourceAdminForm(forms.ModelForm):
    """The admin builds it for Resource from its fieldsets (and makes links https by default)."""

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if isinstance(upload, UploadedFile):  # not the stored file, nor False for "clear"
            check_pdf(upload)
            # The list says "PDF, 1.2 MB" from this, without asking the storage.
            self.instance.file_size = upload.size
        return upload
