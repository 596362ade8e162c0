"""Plain CSVs of the partnerships, the centers and the next year's meetings (stub)."""

from django.http import Http404


def partnerships_csv(request):
    raise Http404


centers_csv = meetings_csv = partnerships_csv
