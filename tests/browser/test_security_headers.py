"""The Content-Security-Policy in a real browser: the admin and the public pages work under it.

Every page is watched for what Chromium refuses: each `securitypolicyviolation`
event (reported to the test through a binding, so none is lost when a page
navigates or a popup closes) and every console error or warning. The admin is
used the way staff use it: a changelist action, a change form with its
autocomplete, dual list, calendar, inline rows and an "add another" popup.

Staff are signed in by a session cookie made by Django (Client.force_login),
so the test does not depend on how the sign-in form works.
"""

import pytest
from django.conf import settings
from django.test import Client

from meetings.models import MeetingSeries
from tests.signin import sign_in_staff

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

WATCH = """
document.addEventListener("securitypolicyviolation", (event) => {
  window.reportViolation(
    `${event.violatedDirective} refused ${event.blockedURI || "inline"}` +
    ` at ${event.sourceFile}:${event.lineNumber} on ${location.pathname}`
  );
});
"""


class Watched:
    """A browser context whose every page reports what the browser refused."""

    def __init__(self, browser, base_url: str):
        self.base_url = base_url
        self.violations: list[str] = []
        self.console: list[str] = []
        self.context = browser.new_context(viewport={"width": 1280, "height": 900})
        self.context.expose_binding("reportViolation", lambda _source, text: self.report(text))
        self.context.add_init_script(WATCH)
        self.context.on("console", self.on_console)
        self.page = self.context.new_page()
        self.context.set_default_timeout(10_000)

    def report(self, text: str) -> None:
        self.violations.append(text)

    def on_console(self, message) -> None:
        # The admin's pages name no icon, so Chromium asks for /favicon.ico: a
        # 404 that says nothing about the policy.
        if message.location["url"].endswith("/favicon.ico"):
            return
        if message.type in ("error", "warning"):
            self.console.append(f"{message.type}: {message.text} ({message.location['url']})")

    def open(self, path: str):
        response = self.page.goto(self.base_url + path)
        assert response.status == 200, path
        return response

    def settle(self) -> None:
        """Let the page go quiet: reports arrive after what caused them."""
        self.page.wait_for_load_state("networkidle")
        self.page.wait_for_timeout(100)

    def sign_in_as(self, user) -> None:
        """The session cookie of a signed-in user, as the sign-in form would leave it."""
        client = Client()
        sign_in_staff(client, user)
        cookie = client.cookies[settings.SESSION_COOKIE_NAME]
        self.context.add_cookies(
            [{"name": cookie.key, "value": cookie.value, "url": self.base_url}]
        )

    def assert_nothing_refused(self) -> None:
        self.settle()
        assert self.violations == []
        assert self.console == []


@pytest.fixture
def watched(browser, demo_site):
    watched = Watched(browser, demo_site)
    yield watched
    watched.context.close()


@pytest.fixture
def superuser(django_user_model):
    return django_user_model.objects.create_superuser(
        "csp-admin", "csp-admin@example.org", "a long enough password"
    )


def test_the_watch_catches_a_refused_inline_script(watched):
    # The check itself: an inline script is refused and reported.
    watched.open("/")
    watched.page.evaluate(
        "() => { const s = document.createElement('script');"
        " s.textContent = 'window.ran = true'; document.body.append(s); }"
    )
    watched.settle()
    assert watched.page.evaluate("() => window.ran") is None
    assert any(v.startswith("script-src") for v in watched.violations), watched.violations


def test_the_sign_in_page_runs_under_the_policy(watched):
    watched.open("/admin/login/")
    assert watched.page.get_by_label("Username").is_visible()
    watched.assert_nothing_refused()


def test_staff_use_the_admin_index_and_a_changelist_action_under_the_policy(watched, superuser):
    watched.sign_in_as(superuser)
    watched.open("/admin/")
    # The theme toggle and the navigation sidebar are scripts too.
    watched.page.get_by_role("button", name="Toggle theme").first.click()
    watched.open("/admin/meetings/meetingseries/")
    page = watched.page
    page.locator("#action-toggle").check()
    assert "selected" in page.locator(".action-counter").inner_text()
    page.locator("select[name=action]").select_option("unpublish")
    page.get_by_role("button", name="Go").click()
    page.wait_for_load_state()
    assert page.locator(".messagelist").is_visible()
    assert not MeetingSeries.objects.filter(is_published=True).exists()
    # The filter sidebar's details remember their state through filters.js.
    page.get_by_role("link", name="No").first.click()
    page.wait_for_load_state()
    watched.assert_nothing_refused()


def test_staff_edit_a_meeting_series_with_every_widget_under_the_policy(watched, superuser):
    series = MeetingSeries.objects.order_by("pk").first()
    watched.sign_in_as(superuser)
    watched.open(f"/admin/meetings/meetingseries/{series.pk}/change/")
    page = watched.page

    # Autocomplete (select2): its choices come from the site over fetch.
    page.locator("#select2-id_partnership-container").click()
    page.locator(".select2-search__field").fill("Jamaica")
    choice = page.locator(".select2-results__option", has_text="Jamaica Community Partnership")
    choice.click()
    assert "Jamaica" in page.locator("#select2-id_partnership-container").inner_text()

    # The dual list of languages (SelectFilter2).
    page.locator("#id_languages_from option").first.dblclick()
    assert page.locator("#id_languages_to option").count() >= 1

    # The calendar and clock shortcuts beside the date and time fields.
    page.locator("#id_valid_from").fill("")
    page.locator(".datetimeshortcuts a", has_text="Today").first.click()
    assert page.locator("#id_valid_from").input_value() != ""
    page.locator(".datetimeshortcuts .date-icon").first.click()
    assert page.locator(".calendarbox").first.is_visible()
    page.keyboard.press("Escape")

    # A new inline row for a changed date.
    rows = page.locator("#changes-group tr.dynamic-changes")
    before = rows.count()
    page.locator("#changes-group .add-row a").click()
    assert rows.count() == before + 1

    # "Add another" opens a popup whose answer (popup_response.js) fills the list.
    with page.expect_popup() as opened:
        page.locator("#add_id_languages").click()
    popup = opened.value
    popup.wait_for_load_state()
    popup.get_by_label("Code").fill("zz")
    popup.get_by_label("Name in English").fill("Test language")
    popup.get_by_label("Name in the language itself").fill("Test language")
    popup.get_by_role("button", name="Save", exact=True).click()
    popup.wait_for_event("close")
    assert page.locator("#id_languages_to option", has_text="Test language").count() == 1

    page.get_by_role("button", name="Save and continue editing").click()
    page.wait_for_load_state()
    assert page.locator(".messagelist").is_visible()
    watched.assert_nothing_refused()


def test_staff_add_a_series_whose_slug_is_filled_from_its_title_under_the_policy(
    watched, superuser
):
    watched.sign_in_as(superuser)
    watched.open("/admin/meetings/meetingseries/add/")
    title = watched.page.locator("#id_title_en")
    title.fill("")
    title.press_sequentially("Advisory board meeting")
    # prepopulate.js reads its fields from a data attribute, not an inline script.
    assert watched.page.locator("#id_slug").input_value() == "advisory-board-meeting"
    watched.assert_nothing_refused()


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/partnerships/highbridge/",
        "/family-enrichment-centers/the-crib/",
        "/meetings/",
        "/meetings/calendar/",
        "/workshops/request/",
        "/es/",
    ],
)
def test_public_pages_run_under_the_policy_with_their_structured_data(watched, path):
    watched.open(path)
    watched.assert_nothing_refused()


def test_a_json_ld_block_is_data_the_policy_lets_through(watched):
    # No page carries JSON-LD yet (tests/test_front_end.py allows it): serve a
    # real page with its real headers and one block added, as a template would.
    block = '<script type="application/ld+json">{"@context": "https://schema.org"}</script>'

    def with_structured_data(route):
        response = route.fetch()
        body = response.text().replace("</head>", block + "</head>")
        route.fulfill(response=response, body=body)

    watched.page.route("**/partnerships/highbridge/", with_structured_data)
    response = watched.open("/partnerships/highbridge/")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    blocks = watched.page.locator('script[type="application/ld+json"]')
    assert blocks.count() == 1
    watched.assert_nothing_refused()
