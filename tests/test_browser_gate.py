"""Without Chromium, `make test` skips the browser tests with a reason; CI fails instead."""

import os
import subprocess
import sys

from django.conf import settings


def run_browser_tests(**env) -> subprocess.CompletedProcess:
    # The inner run uses its own in-memory SQLite database, never the outer run's.
    skip = {"REQUIRE_BROWSER", "DATABASE_URL", "REDIS_URL"}
    environment = {k: v for k, v in os.environ.items() if k not in skip}
    environment.update(env, CHROMIUM_PATH="/nonexistent/chromium")
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-rs", "-p", "no:cacheprovider",
         "tests/browser/test_pages.py", "-k", "skip_link"],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )  # fmt: skip


def test_missing_chromium_skips_with_a_clear_reason():
    result = run_browser_tests()
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 skipped" in result.stdout
    assert "Chromium not found at /nonexistent/chromium" in result.stdout


def test_missing_chromium_fails_when_a_browser_is_required():
    result = run_browser_tests(REQUIRE_BROWSER="1")
    assert result.returncode != 0
    assert "Chromium not found" in result.stdout
