"""The admin's home page: what needs the signed-in person today, each count a link, and charts.

Every count is checked against rows made for it, then followed: the change
list it opens shows exactly those rows.
"""

import datetime
import re
import xml.etree.ElementTree as ET

import pytest
import time_machine
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone

from involvement.models import InterestSubmission
from staff import charts
from tests.factories import (
    make_center,
    make_change,
    make_partnership,
    make_series,
    noon_in_new_york,
)
from tests.involvement.helpers import make_submission
from tests.pages import text
from tests.workshops.helpers import make_request

pytestmark = pytest.mark.django_db

INDEX = reverse("admin:index")
# Monday 2 March 2026: the next 14 days run to Sunday 15 March; the second
# Tuesday (the factories' series) is 10 March.
NOW = noon_in_new_york(2026, 3, 2)
TODAY = datetime.date(2026, 3, 2)
SECOND_TUESDAY = datetime.date(2026, 3, 10)


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


def needs_you(response) -> dict[tuple[str, str], tuple[int, str]]:
    """{(section, label): (count, link)} for every count under "What needs you today"."""
    page = response.content.decode()
    found = {}
    for section in re.findall(r'<div class="home-section">(.*?)</ul>\s*</div>', page, re.S):
        title = re.search(r"<h3>(.*?)</h3>", section).group(1)
        for url, label, count in re.findall(
            r'<a href="([^"]+)">([^<]+): <strong>(\d+)</strong></a>', section
        ):
            found[title, label] = (int(count), url.replace("&amp;", "&"))
    return found


def listed(client, url) -> set[int]:
    """The primary keys of the rows a change list shows (its row headers link to each)."""
    response = client.get(url)
    assert response.status_code == 200, url
    page = response.content.decode()
    return {
        int(pk) for pk in re.findall(r'<th class="field-[^"]*"><a href="[^"]*/(\d+)/change/', page)
    }


def created(row, when: datetime.datetime):
    type(row).objects.filter(pk=row.pk).update(created=when)
    return row


def user(django_user_model, username):
    return django_user_model.objects.get(username=username)


# -- Submissions ----------------------------------------------------------------


@pytest.fixture
def requests(django_user_model):
    admin = user(django_user_model, "admin")
    other = django_user_model.objects.create_user("other", is_staff=True)
    return {
        "oldest new": created(make_request(), NOW - datetime.timedelta(days=3, hours=2)),
        "new": make_request(),
        "mine": make_request(status="in_review", assigned_to=admin),
        "mine closed": make_request(
            status="completed", assigned_to=admin, closed_at=timezone.now()
        ),
        "theirs": make_request(status="scheduled", assigned_to=other, scheduled_for=NOW),
        "unsent": make_request(status="in_review", confirmation_sent_at=None),
    }


def test_workshop_request_counts_and_their_lists(staff_client, requests):
    counts = needs_you(staff_client.get(INDEX))
    new = counts["Workshop requests", "New"]
    mine = counts["Workshop requests", "Assigned to you and still open"]
    unsent = counts["Workshop requests", "E-mails not yet sent"]
    assert (new[0], mine[0], unsent[0]) == (2, 1, 1)
    assert listed(staff_client, new[1]) == {requests["oldest new"].pk, requests["new"].pk}
    assert listed(staff_client, mine[1]) == {requests["mine"].pk}
    assert listed(staff_client, unsent[1]) == {requests["unsent"].pk}


def test_the_oldest_new_request_says_how_long_it_has_waited(staff_client, requests):
    page = text(staff_client.get(INDEX))
    assert "New: 2 (the oldest has waited 3 days, 2 hours)" in page


def test_interest_form_counts_and_their_lists(staff_client, django_user_model, partnership):
    admin = user(django_user_model, "admin")
    new = created(make_submission(), NOW - datetime.timedelta(days=10))
    mine = make_submission(status="contacted", assigned_to=admin)
    make_submission(status="closed", assigned_to=admin, closed_at=timezone.now())
    # The partnership the person chose has not been told yet.
    unsent = make_submission(status="contacted", partnership=partnership)
    InterestSubmission.objects.filter(pk=unsent.pk).update(partnership_notified_at=None)

    counts = needs_you(staff_client.get(INDEX))
    assert counts["Interest forms", "New"][0] == 1
    assert listed(staff_client, counts["Interest forms", "New"][1]) == {new.pk}
    assigned = counts["Interest forms", "Assigned to you and still open"]
    assert assigned[0] == 1
    assert listed(staff_client, assigned[1]) == {mine.pk}
    not_sent = counts["Interest forms", "E-mails not yet sent"]
    assert not_sent[0] == 1
    assert listed(staff_client, not_sent[1]) == {unsent.pk}
    assert "New: 1 (the oldest has waited 1 week, 3 days)" in text(staff_client.get(INDEX))


@pytest.fixture
def partnership():
    return make_partnership(email="partnership@example.org")


# -- Listings -------------------------------------------------------------------


def test_listings_overdue_for_verification_by_borough_and_with_sample_data(staff_client):
    long_ago = TODAY - datetime.timedelta(days=200)
    recently = TODAY - datetime.timedelta(days=10)
    never_bronx = make_partnership(borough="bronx")
    old_bronx = make_partnership(borough="bronx", last_verified=long_ago)
    sample_brooklyn = make_partnership(borough="brooklyn", is_sample_data=True)
    make_partnership(borough="brooklyn", last_verified=recently)
    make_partnership(borough="queens", is_published=False)  # drafts are not counted
    sample_recent = make_partnership(borough="queens", last_verified=recently, is_sample_data=True)
    old_center = make_center(borough="manhattan", last_verified=long_ago)
    make_center(borough="manhattan", last_verified=recently)

    counts = needs_you(staff_client.get(INDEX))
    overdue = counts["Community Partnerships", "Published, needs verifying"]
    assert overdue[0] == 3
    assert listed(staff_client, overdue[1]) == {never_bronx.pk, old_bronx.pk, sample_brooklyn.pk}
    bronx = counts["Community Partnerships", "Bronx"]
    assert bronx[0] == 2
    assert listed(staff_client, bronx[1]) == {never_bronx.pk, old_bronx.pk}
    brooklyn = counts["Community Partnerships", "Brooklyn"]
    assert brooklyn[0] == 1
    assert listed(staff_client, brooklyn[1]) == {sample_brooklyn.pk}
    # Boroughs with nothing overdue are left out.
    assert ("Community Partnerships", "Queens") not in counts
    sample = counts["Community Partnerships", "Published, still holding sample data"]
    assert sample[0] == 2
    assert listed(staff_client, sample[1]) == {sample_brooklyn.pk, sample_recent.pk}

    centers = counts["Family Enrichment Centers", "Published, needs verifying"]
    assert centers[0] == 1
    assert listed(staff_client, centers[1]) == {old_center.pk}
    assert counts["Family Enrichment Centers", "Manhattan"][0] == 1
    assert counts["Family Enrichment Centers", "Published, still holding sample data"][0] == 0


# -- Meetings -------------------------------------------------------------------


MEETINGS = "Meetings and events in the next 14 days"


def test_meetings_changed_or_without_accessibility_information_in_the_next_14_days(
    staff_client,
):
    no_access_info = make_series()
    accessible = make_series(wheelchair_access="yes")
    cancelled_silently = make_series()
    with_asl = make_series(asl=True)
    draft = make_series(is_published=False)

    moved = make_change(
        accessible, SECOND_TUESDAY, kind="moved", new_date=SECOND_TUESDAY.replace(day=12)
    )
    silent = make_change(cancelled_silently, SECOND_TUESDAY)
    explained = make_change(with_asl, SECOND_TUESDAY, note="The room is being repainted.")
    make_change(no_access_info, datetime.date(2026, 4, 14))  # after the 14 days
    make_change(draft, SECOND_TUESDAY)  # not on the site

    counts = needs_you(staff_client.get(INDEX))
    changed = counts[MEETINGS, "Cancelled or moved"]
    assert changed[0] == 3
    assert listed(staff_client, changed[1]) == {moved.pk, silent.pk, explained.pk}
    no_note = counts[MEETINGS, "Cancelled with no note for residents"]
    assert no_note[0] == 1
    assert listed(staff_client, no_note[1]) == {silent.pk}
    # The silently cancelled series has no meeting left in the 14 days.
    missing = counts[MEETINGS, "Meeting with no accessibility information"]
    assert missing[0] == 1
    assert listed(staff_client, missing[1]) == {no_access_info.pk}


def test_a_meeting_moved_into_the_next_14_days_counts_as_changed(staff_client):
    series = make_series(accessibility_notes="Step-free entrance on Elm Street.")
    moved_in = make_change(
        series, datetime.date(2026, 4, 14), kind="moved", new_date=datetime.date(2026, 3, 12)
    )
    counts = needs_you(staff_client.get(INDEX))
    changed = counts[MEETINGS, "Cancelled or moved"]
    assert changed[0] == 1
    assert listed(staff_client, changed[1]) == {moved_in.pk}
    assert counts[MEETINGS, "Meeting with no accessibility information"][0] == 0


# -- Who sees what --------------------------------------------------------------


def headings(response) -> set[str]:
    return {
        re.sub(r"<[^>]+>", "", h)
        for h in re.findall(r"<h3>(.*?)</h3>", response.content.decode(), re.S)
    }


REQUESTS_CHART = "Workshop requests received per month"
MEETINGS_CHART = "Meetings and events per borough, next three months"


def test_an_editor_sees_listings_and_meetings_but_no_submissions(editor_client):
    make_request()
    response = editor_client.get(INDEX)
    shown = headings(response)
    assert {"Community Partnerships", "Family Enrichment Centers", MEETINGS} <= shown
    assert {"Workshop requests", "Interest forms", REQUESTS_CHART}.isdisjoint(shown)
    assert MEETINGS_CHART in shown
    assert "Assigned to you" not in text(response)
    # The app list is still there below.
    assert "Meeting series" in text(response)


def test_a_coordinator_sees_submissions_but_no_listings(coordinator_client):
    shown = headings(coordinator_client.get(INDEX))
    assert {"Workshop requests", "Interest forms", REQUESTS_CHART} <= shown
    assert {
        "Community Partnerships",
        "Family Enrichment Centers",
        MEETINGS,
        MEETINGS_CHART,
    }.isdisjoint(shown)


def test_a_coordinator_given_partnerships_sees_their_counts(coordinator_client, coordinator):
    coordinator.user_permissions.add(Permission.objects.get(codename="view_communitypartnership"))
    make_partnership()
    counts = needs_you(coordinator_client.get(INDEX))
    assert counts["Community Partnerships", "Published, needs verifying"][0] == 1
    assert ("Family Enrichment Centers", "Published, needs verifying") not in counts


def test_the_counts_link_to_lists_that_a_coordinator_may_open(coordinator_client, coordinator):
    mine = make_request(assigned_to=coordinator)
    make_request()
    counts = needs_you(coordinator_client.get(INDEX))
    assigned = counts["Workshop requests", "Assigned to you and still open"]
    assert assigned[0] == 1
    assert listed(coordinator_client, assigned[1]) == {mine.pk}


# -- Charts ---------------------------------------------------------------------


def svgs(response) -> dict[str, ET.Element]:
    """Each chart on the page, parsed as XML (which fails on anything malformed)."""
    found = {}
    page = response.content.decode()
    for markup in re.findall(r'<svg\b[^>]*\bclass="home-chart".*?</svg>', page, re.S):
        svg = ET.fromstring(markup)  # noqa: S314 - our own page, drawn by staff/charts.py
        found[svg.find("{http://www.w3.org/2000/svg}title").text] = svg
    return found


def table_rows(response, caption: str) -> dict[str, list[str]]:
    page = response.content.decode()
    table = re.search(
        rf"<details>.*?<caption>{re.escape(caption)}</caption>(.*?)</table>", page, re.S
    ).group(1)
    rows = {}
    for row in re.findall(r"<tr>(.*?)</tr>", table, re.S):
        cells = [re.sub(r"<[^>]+>", "", c) for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row)]
        rows[cells[0]] = cells[1:]
    return rows


def test_requests_per_month_are_a_stacked_chart_with_its_numbers_in_a_table(staff_client):
    created(make_request(), noon_in_new_york(2026, 1, 15))
    created(make_request(status="in_review"), noon_in_new_york(2026, 1, 20))
    created(make_request(status="in_review"), noon_in_new_york(2026, 1, 31))
    make_request()  # this month
    created(make_request(), noon_in_new_york(2025, 3, 31))  # thirteen months ago: left out

    response = staff_client.get(INDEX)
    svg = svgs(response)[REQUESTS_CHART]
    ns = "{http://www.w3.org/2000/svg}"
    assert svg.get("role") == "img"
    title, desc = svg.find(f"{ns}title"), svg.find(f"{ns}desc")
    assert svg.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
    assert desc.text.startswith(
        "Stacked columns: the workshop requests received each month from April 2025 to "
        "March 2026, 4 in all"
    )
    rows = table_rows(response, REQUESTS_CHART)
    assert list(rows)[0] == "Month"
    assert rows["Month"] == [
        "New", "In review", "Scheduled", "Completed", "Declined", "Withdrawn", "Total"
    ]  # fmt: skip
    assert rows["January 2026"] == ["1", "2", "0", "0", "0", "0", "3"]
    assert rows["March 2026"] == ["1", "0", "0", "0", "0", "0", "1"]
    assert rows["April 2025"] == ["0"] * 7
    assert "March 2025" not in rows
    assert len(rows) == 1 + 12
    # Three segments drawn (January: new, in review; March: new), six legend keys, the background.
    assert len(svg.findall(f"{ns}rect")) == 3 + 6 + 1


def test_meetings_per_borough_over_the_next_three_months(staff_client):
    bronx = make_partnership(borough="bronx")
    queens = make_partnership(borough="queens")
    make_series(partnership=bronx)  # 10 March, 14 April, 12 May
    cancelled = make_series(partnership=bronx)
    make_change(cancelled, SECOND_TUESDAY)
    make_series(partnership=queens, byday="1MO")  # 2 March (today), 6 April, 4 May, 1 June
    make_series(partnership=queens, is_published=False)

    response = staff_client.get(INDEX)
    svg = svgs(response)[MEETINGS_CHART]
    assert svg.get("role") == "img"
    desc = svg.find("{http://www.w3.org/2000/svg}desc").text
    assert "from March 2, 2026 to June 1, 2026, 9 in all" in desc
    rows = table_rows(response, MEETINGS_CHART)
    assert rows["Borough"] == ["Meetings and events"]
    assert rows["Bronx"] == ["5"]
    assert rows["Queens"] == ["4"]
    assert rows["Brooklyn"] == ["0"]


def relative_luminance(color: str) -> float:
    def channel(hex_pair):
        c = int(hex_pair, 16) / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(color[i : i + 2]) for i in (1, 3, 5))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(one: str, other: str) -> float:
    light, dark = sorted((relative_luminance(one), relative_luminance(other)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_every_color_drawn_contrasts_with_the_background(staff_client):
    make_request()
    make_series()
    ns = "{http://www.w3.org/2000/svg}"
    for svg in svgs(staff_client.get(INDEX)).values():
        background = svg.find(f"{ns}rect").get("fill")
        assert background == charts.BACKGROUND
        for rect in svg.findall(f"{ns}rect")[1:]:
            assert contrast(rect.get("fill"), background) >= 3, rect.get("fill")
        for line in svg.findall(f"{ns}line"):
            assert contrast(line.get("stroke"), background) >= 3
        for label in svg.findall(f"{ns}text"):
            assert contrast(label.get("fill"), background) >= 4.5
    # The whole palette, used or not.
    assert all(contrast(color, charts.BACKGROUND) >= 3 for color in charts.PALETTE)


def test_the_page_has_no_style_attribute_or_script_of_its_own(staff_client):
    make_request()
    make_series()
    page = staff_client.get(INDEX).content.decode()
    ours = page[page.index('class="staff-home"') : page.index('id="content-main"')]
    assert " style=" not in ours
    assert "<script" not in ours
    assert "<style" not in ours


# -- Cost -----------------------------------------------------------------------


def make_rows(n, django_user_model):
    admin = user(django_user_model, "admin")
    for i in range(n):
        make_request(assigned_to=admin if i % 2 else None)
        make_submission()
        series = make_series(partnership=make_partnership(borough="queens"))
        make_change(series, SECOND_TUESDAY)
        make_center()


# Signing in (session, user, authenticator; the session saved again, in a
# savepoint) takes 6; the page 16: requests, interest forms, partnerships,
# centers, two counts of changes, series without accessibility information and
# their changes, requests per month, the meetings chart from the schedule cache
# (the fingerprints of the groups of series, their changes counted, and the stamp
# rows of the groups this process has not read yet; with the cache empty, as here,
# the series and their changes computed in two queries; then their boroughs), and
# the recent actions.
HOME_QUERIES = 22


@pytest.mark.parametrize("rows", [5, 50])
def test_the_home_page_costs_the_same_queries_however_many_rows(
    staff_client, django_user_model, django_assert_max_num_queries, rows
):
    make_rows(rows, django_user_model)
    with django_assert_max_num_queries(HOME_QUERIES):
        response = staff_client.get(INDEX)
    assert needs_you(response)["Workshop requests", "New"][0] == rows
    assert table_rows(response, MEETINGS_CHART)["Queens"] == [str(rows * 2)]
