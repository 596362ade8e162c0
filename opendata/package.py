"""The HSDS tabular data package: a zip of datapackage.json and one CSV per table (stub)."""

from django.http import Http404


def download(request):
    raise Http404
