"""/open-data/: the page that explains the API and the downloads."""

from django.shortcuts import render


def index(request):
    return render(request, "opendata/index.html")
