"""Admin pieces every app's ModelAdmins share."""

from django.db import models
from django.utils import timezone

from pagecache.versions import invalidate as invalidate_pages

# Staff paste addresses like "example.org": assume https, as Django 6 will.
URL_FIELD_OVERRIDES = {models.URLField: {"assume_scheme": "https"}}


class BulkUpdateMixin:
    """Admin actions that set fields on the selected rows and say how many changed."""

    def update_selected(self, request, queryset, message, **values):
        count = queryset.update(updated=timezone.now(), **values)
        invalidate_pages()  # update() sends no signals
        self.message_user(request, message(count) % {"count": count})
