from django.http import JsonResponse


def _stub(request, record_id=None):
    return JsonResponse({})


root = services = service = organizations = organization = _stub
service_at_locations = service_at_location = taxonomies = taxonomy = _stub
taxonomy_terms = taxonomy_term = _stub
