"""Response headers that browsers enforce, on every response the site sends.

SecurityHeadersMiddleware sits before Django's SecurityMiddleware (whose HTTPS
redirect answers at once), WhiteNoise and the page cache, which answer without
calling what follows them: redirects, static files, cache hits, 304s, error
pages and the health checks all pass through it on their way out.
SecurityMiddleware adds the rest of the set (HSTS, X-Content-Type-Options,
Referrer-Policy, Cross-Origin-Opener-Policy: see the security block of
config/settings/base.py).

One policy for the whole site, the admin included. Django's admin (5.2) loads
its scripts from files, keeps its data in data- attributes and draws no inline
style attribute, so it needs neither 'unsafe-inline' nor 'unsafe-eval'; its
scripts only style elements through the CSSOM (element.style), which a policy
does not restrict. Its one inline <style> element (admin/change_list.html) is
drawn only for a ModelAdmin with actions_on_top and actions_on_bottom both
False; none here is, and were one to be, the browser would only drop a column
width. The public templates carry no inline script or style either; their
JSON-LD <script type="application/ld+json"> is a data block, which a policy
does not govern because it never runs. tests/browser/test_security_headers.py
walks the admin and public pages in Chromium and finds no violation.

Kept as this small middleware rather than django-csp: the policy is one fixed
string with no nonce, and the other headers below need a middleware anyway.
"""

CONTENT_SECURITY_POLICY = "; ".join(
    [
        # Nothing unless named below.
        "default-src 'none'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self'",
        # The admin's autocomplete fetches its choices from the site itself.
        "connect-src 'self'",
        "form-action 'self'",
        "base-uri 'none'",
        "object-src 'none'",
        # No page may be framed, this site's included (as X-Frame-Options: DENY).
        "frame-ancestors 'none'",
    ]
)
# Features no page here uses, refused to the page and to anything it might embed.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "camera",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
    )
)
# Pages, files and feeds may be read by other sites only through a navigation
# (a link, a calendar subscription), never embedded or fetched by their pages.
CROSS_ORIGIN_RESOURCE_POLICY = "same-origin"

HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "Permissions-Policy": PERMISSIONS_POLICY,
    "Cross-Origin-Resource-Policy": CROSS_ORIGIN_RESOURCE_POLICY,
}


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        for name, value in HEADERS.items():
            response.headers.setdefault(name, value)
        return response
