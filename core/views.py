"""View pieces the public pages share."""

from django.conf import settings
from django.views.generic import ListView

from .filters import chosen, refused


class FilteredListView(ListView):
    """A list with a django-filter form, a result count, active filters and pagination.

    Invalid filter values (an unknown borough, a malformed district code) show
    the form's error and no results, rather than silently showing everything.
    """

    filterset_class = None

    def get_paginate_by(self, queryset):
        return settings.LISTINGS_PER_PAGE

    def get_queryset(self):
        base = super().get_queryset()
        self.filterset = self.filterset_class(self.request.GET or None, queryset=base)
        if refused(self.filterset.form):
            return base.none()
        return self.filterset.qs

    def paginate_queryset(self, queryset, page_size):
        # get_page() turns "?page=abc" or "?page=999" into the nearest real page.
        paginator = self.get_paginator(queryset, page_size, allow_empty_first_page=True)
        page = paginator.get_page(self.request.GET.get(self.page_kwarg))
        return paginator, page, page.object_list, page.has_other_pages()

    def get_active_filters(self):
        """Each filter in use, with a link that removes just that filter."""
        form = self.filterset.form
        active = []
        for name, value in chosen(form).items():
            if value in (None, ""):
                continue
            field = form.fields[name]
            if hasattr(field, "choices") and not hasattr(value, "pk"):
                shown = dict(field.choices).get(value, value)
            elif hasattr(value, "display_name"):
                shown = value.display_name  # a language, in the reader's language
            else:
                shown = str(value)
            remaining = self.request.GET.copy()
            remaining.pop(name, None)
            remaining.pop(self.page_kwarg, None)
            active.append(
                {
                    "label": field.label,
                    "value": shown,
                    "remove_query": remaining.urlencode(),
                }
            )
        return active

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["filter"] = self.filterset
        context["filter_errors"] = refused(self.filterset.form)
        context["active_filters"] = self.get_active_filters()
        context["result_count"] = context["paginator"].count
        context["page_range"] = context["paginator"].get_elided_page_range(
            context["page_obj"].number, on_each_side=2, on_ends=1
        )
        return context
