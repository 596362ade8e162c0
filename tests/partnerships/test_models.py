import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from partnerships.models import (
    CommunityDistrict,
    CommunityPartnership,
    Language,
)
from tests.factories import (
    district,
    make_center,
    make_organization,
    make_partnership,
    noon_in_new_york,
)

pytestmark = pytest.mark.django_db


def test_all_59_community_districts_are_loaded_with_their_boroughs():
    counts = {
        borough: CommunityDistrict.objects.filter(borough=borough).count()
        for borough in ("bronx", "brooklyn", "manhattan", "queens", "staten-island")
    }
    assert counts == {
        "bronx": 12,
        "brooklyn": 18,
        "manhattan": 12,
        "queens": 14,
        "staten-island": 3,
    }
    assert district("BX04").name.startswith("Highbridge")
    assert district("SI03").borough == "staten-island"


def test_english_and_the_ten_local_law_30_languages_are_loaded():
    assert set(Language.objects.values_list("code", flat=True)) == {
        "en", "es", "zh", "ru", "bn", "ht", "ko", "ar", "ur", "fr", "pl",
    }  # fmt: skip
    assert Language.objects.get(code="ht").native_name == "Kreyòl ayisyen"


def test_published_queryset_leaves_out_unpublished_listings():
    shown = make_partnership(name="Shown")
    make_partnership(name="Hidden", is_published=False)
    assert list(CommunityPartnership.objects.published()) == [shown]


@time_machine.travel(noon_in_new_york(2026, 6, 30))
def test_stale_queryset_flags_never_and_long_ago_verified_listings(settings):
    settings.LISTING_STALE_AFTER_DAYS = 180
    never = make_partnership(last_verified=None)
    old = make_partnership(last_verified=datetime.date(2025, 12, 31))  # 181 days
    fresh = make_partnership(last_verified=datetime.date(2026, 1, 1))  # 180 days
    assert set(CommunityPartnership.objects.stale()) == {never, old}
    assert list(CommunityPartnership.objects.verified_recently()) == [fresh]
    assert never.is_stale and old.is_stale and not fresh.is_stale


def test_center_without_a_confirmed_name_is_named_after_its_operator():
    operator = make_organization(name="Union Settlement")
    center = make_center(name="", operator=operator)
    assert center.display_name == "Family Enrichment Center operated by Union Settlement"
    assert str(make_center(name="The C.R.I.B.")) == "The C.R.I.B."


def test_districts_outside_the_borough_are_rejected():
    partnership = make_partnership(borough="bronx")
    with pytest.raises(ValidationError) as error:
        partnership.clean_community_districts([district("BX04"), district("QN04")])
    assert "QN04" in str(error.value)
    partnership.clean_community_districts([district("BX04"), district("BX01")])


@time_machine.travel(noon_in_new_york(2026, 3, 1))
def test_a_verification_date_in_the_future_is_rejected():
    partnership = make_partnership()
    partnership.last_verified = datetime.date(2026, 3, 2)
    with pytest.raises(ValidationError):
        partnership.full_clean()


def test_slugs_are_unique():
    make_partnership(slug="highbridge")
    with pytest.raises(IntegrityError), transaction.atomic():
        make_partnership(slug="highbridge")


@pytest.mark.parametrize("factory", [make_partnership, make_center], ids=["partnership", "center"])
def test_the_database_refuses_an_unknown_borough(factory):
    with pytest.raises(IntegrityError), transaction.atomic():
        factory(borough="atlantis")


def test_the_database_refuses_an_impossible_latitude():
    with pytest.raises(IntegrityError), transaction.atomic():
        make_center(latitude=123)


def test_absolute_urls():
    assert make_partnership(slug="mott-haven").get_absolute_url() == "/partnerships/mott-haven/"
    assert make_center(slug="the-crib").get_absolute_url() == "/family-enrichment-centers/the-crib/"


@pytest.mark.parametrize(
    "phone, href",
    [
        ("(718) 555-0100", "tel:+17185550100"),
        ("1-212-555-0199", "tel:+12125550199"),
        ("555-0100", ""),
        ("(212) 555-0100 ext. 12", ""),
        ("", ""),
    ],
)
def test_phone_links_are_made_only_for_full_us_numbers(phone, href):
    assert make_partnership(phone=phone).phone_href == href
