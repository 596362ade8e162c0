"""The Get involved page and the interest forms' changelist run a fixed number of queries."""

import pytest
from django.contrib.auth.models import Group

from tests.factories import make_partnership
from tests.pages import queries_for
from tests.signin import sign_in_staff

from .helpers import make_submission

pytestmark = pytest.mark.django_db

# published partnerships and languages, for the form's choices
PAGE_QUERIES = 2
# The admin's own (session, user, device, permissions, counts, filters' choices, date
# hierarchy) and one for the rows with their partnership and assignee: none per row.
CHANGELIST_QUERIES = 15


@pytest.mark.parametrize("rows", [5, 50])
def test_the_page_query_count_is_fixed(client, rows):
    for i in range(rows):
        make_partnership(name=f"Partnership {i:03d}", is_published=True)
    assert queries_for(client, "/get-involved/") == PAGE_QUERIES


@pytest.mark.parametrize("rows", [5, 50])
def test_the_thanks_page_query_count_is_fixed(client, rows):
    forms = [make_submission() for _ in range(rows)]
    assert queries_for(client, f"/get-involved/thanks/{forms[-1].reference}/") == 1


@pytest.mark.parametrize("rows", [5, 50])
def test_the_changelist_query_count_is_fixed(client, django_user_model, rows):
    coordinator = django_user_model.objects.create_user("coordinator", is_staff=True)
    coordinator.groups.add(Group.objects.get(name="OCEP workshop coordinators"))
    sign_in_staff(client, coordinator)
    for i in range(rows):
        partnership = make_partnership(email=f"p{i}@example.org") if i % 2 else None
        make_submission(partnership=partnership, assigned_to=coordinator if i % 3 else None)
    assert queries_for(client, "/admin/involvement/interestsubmission/") == CHANGELIST_QUERIES
