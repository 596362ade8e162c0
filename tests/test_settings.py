"""Settings come from the environment; production refuses to start without secrets."""

import json
import os
import subprocess
import sys

from django.conf import settings

PROBE = (
    "import json, django.conf as c; import django; "
    "from django.conf import settings as s; "
    "print(json.dumps({'engine': s.DATABASES['default']['ENGINE'], "
    "'name': str(s.DATABASES['default']['NAME']), "
    "'cache': s.CACHES['default']['BACKEND'], 'debug': s.DEBUG, "
    "'hosts': s.ALLOWED_HOSTS, "
    "'static': s.STORAGES['staticfiles']['BACKEND']}))"
)


def load(module: str, probe: str = PROBE, **env) -> subprocess.CompletedProcess:
    clean = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "DATABASE_URL", "REDIS_URL"))
    }
    clean.update(env, DJANGO_SETTINGS_MODULE=module)
    return subprocess.run(
        [sys.executable, "-c", probe],
        cwd=settings.BASE_DIR,
        env=clean,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_prod_refuses_to_start_without_a_secret_key():
    result = load("config.settings.prod", DJANGO_ALLOWED_HOSTS="example.org")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in result.stderr


def test_prod_refuses_to_start_without_allowed_hosts():
    result = load("config.settings.prod", DJANGO_SECRET_KEY="s" * 50)
    assert result.returncode != 0
    assert "DJANGO_ALLOWED_HOSTS must be set" in result.stderr


def test_prod_with_its_variables_uses_postgres_redis_and_compressed_static_files():
    result = load(
        "config.settings.prod",
        DJANGO_SECRET_KEY="s" * 50,
        DJANGO_ALLOWED_HOSTS="partnerships.example.org,www.example.org",
        DATABASE_URL="postgres://ocep:pw@db.internal:5432/ocep",
        REDIS_URL="redis://cache.internal:6379/0",
    )
    assert result.returncode == 0, result.stderr
    loaded = json.loads(result.stdout)
    assert loaded == {
        "engine": "django.db.backends.postgresql",
        "name": "ocep",
        "cache": "pagecache.redis.RedisCache",
        "debug": False,
        "hosts": ["partnerships.example.org", "www.example.org"],
        "static": "whitenoise.storage.CompressedManifestStaticFilesStorage",
    }


PRODUCTION = {"DJANGO_SECRET_KEY": "s" * 50, "DJANGO_ALLOWED_HOSTS": "example.org"}


def prod_settings(*names: str, **env) -> dict:
    """The named production settings, loaded in a clean process with these variables."""
    probe = (
        "import json; from django.conf import settings as s; "
        f"print(json.dumps({{n: getattr(s, n, None) for n in {list(names)!r}}}))"
    )
    result = load("config.settings.prod", probe, **PRODUCTION, **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_prod_refuses_to_start_with_debug_on():
    result = load("config.settings.prod", **PRODUCTION, DJANGO_DEBUG="true")
    assert result.returncode != 0
    assert "DJANGO_DEBUG must not be true in production" in result.stderr
    assert prod_settings("DEBUG", DJANGO_DEBUG="false") == {"DEBUG": False}


def test_prod_takes_the_scheme_from_a_proxy_only_when_told_it_is_behind_one():
    names = ("SECURE_PROXY_SSL_HEADER", "SECURE_SSL_REDIRECT", "TRUSTED_PROXY_COUNT")
    assert prod_settings(*names) == {
        "SECURE_PROXY_SSL_HEADER": None,
        "SECURE_SSL_REDIRECT": True,
        "TRUSTED_PROXY_COUNT": 0,
    }
    # The one setting: the proxy's scheme header is believed, plain HTTP is
    # still redirected, and the client address is the one the proxy saw.
    assert prod_settings(*names, DJANGO_BEHIND_TLS_PROXY="true") == {
        "SECURE_PROXY_SSL_HEADER": ["HTTP_X_FORWARDED_PROTO", "https"],
        "SECURE_SSL_REDIRECT": True,
        "TRUSTED_PROXY_COUNT": 1,
    }
    # A CDN in front of the load balancer: two proxies, said explicitly.
    behind_two = prod_settings(
        "TRUSTED_PROXY_COUNT", DJANGO_BEHIND_TLS_PROXY="true", DJANGO_TRUSTED_PROXIES="2"
    )
    assert behind_two == {"TRUSTED_PROXY_COUNT": 2}


def test_prod_sends_hsts_for_a_year_and_preloads_only_when_asked():
    names = (
        "SECURE_HSTS_SECONDS",
        "SECURE_HSTS_INCLUDE_SUBDOMAINS",
        "SECURE_HSTS_PRELOAD",
        "SILENCED_SYSTEM_CHECKS",
    )
    assert prod_settings(*names) == {
        "SECURE_HSTS_SECONDS": 31536000,
        "SECURE_HSTS_INCLUDE_SUBDOMAINS": True,
        "SECURE_HSTS_PRELOAD": False,
        # The deliberate one: see config/settings/base.py.
        "SILENCED_SYSTEM_CHECKS": ["security.W021"],
    }
    preloaded = prod_settings(*names, DJANGO_SECURE_HSTS_PRELOAD="true")
    assert preloaded["SECURE_HSTS_PRELOAD"] is True
    assert preloaded["SILENCED_SYSTEM_CHECKS"] == []
    # hstspreload.org turns down anything shorter than a year.
    result = load(
        "config.settings.prod",
        **PRODUCTION,
        DJANGO_SECURE_HSTS_PRELOAD="true",
        DJANGO_SECURE_HSTS_SECONDS="15768000",
    )
    assert result.returncode != 0
    assert "DJANGO_SECURE_HSTS_SECONDS of at least 31536000" in result.stderr


def test_dev_defaults_to_sqlite_local_memory_and_debug():
    result = load("config.settings.dev")
    assert result.returncode == 0, result.stderr
    loaded = json.loads(result.stdout)
    assert loaded["engine"] == "django.db.backends.sqlite3"
    assert loaded["name"].endswith("db.sqlite3")
    assert loaded["cache"] == "django.core.cache.backends.locmem.LocMemCache"
    assert loaded["debug"] is True


def test_env_example_documents_every_variable_the_settings_read():
    import re

    code = "".join(
        (settings.BASE_DIR / path).read_text()
        for path in (
            "config/settings/base.py",
            "config/settings/dev.py",
            "config/settings/prod.py",
            "config/gunicorn.py",
            "bin/serve.py",
        )
    )
    read = set(
        re.findall(
            r"""(?:env_bool|env_list|env\.get|environ\.get|_int)\(\s*["']([A-Z_]+)["']""", code
        )
    )
    read |= set(re.findall(r"""env\[["']([A-Z_]+)["']\]""", code))
    documented = set(
        re.findall(r"^([A-Z_]+)=", (settings.BASE_DIR / ".env.example").read_text(), re.M)
    )
    assert {"WEB_CONCURRENCY", "GUNICORN_TIMEOUT", "SERVE_DEMO_DATA", "PORT"} <= read, (
        "the patterns above are out of date"
    )
    assert read - documented == set()
