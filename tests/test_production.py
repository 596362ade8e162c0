"""The production configuration: Procfile processes, make serve, health checks, logs.

Several tests start real processes (a settings probe, gunicorn, a throwaway
PostgreSQL) with exactly the environment `make serve` gives its processes,
built by bin/serve.py itself.
"""

import http.client
import importlib.util
import io
import json
import logging
import os
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import get_commands, load_command_class
from django.test import override_settings
from honcho.environ import parse_procfile

from config.logs import HEADER, JsonFormatter
from pagecache import safe
from tests.workshops.helpers import CONTACT_EMAIL, CONTACT_NAME, form_data, make_topic

ROOT = Path(settings.BASE_DIR)
PYTHON = sys.executable


def _load_serve():
    spec = importlib.util.spec_from_file_location("serve", ROOT / "bin" / "serve.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


serve = _load_serve()


def serve_environment(**overrides) -> dict[str, str]:
    """What `make serve` gives its processes on a fresh clone with nothing else set."""
    outside = {"PATH": os.environ.get("PATH", os.defpath), "HOME": os.environ.get("HOME", "/")}
    dotenv = serve.fresh_dotenv((ROOT / ".env.example").read_text())
    env = serve.environment(dotenv, {**outside, **overrides})
    return {key: value for key, value in env.items() if value != ""}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def run_python(code: str, env: dict[str, str], timeout: int = 120) -> subprocess.CompletedProcess:
    return subprocess.run(
        [PYTHON, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout
    )


# Procfile ---------------------------------------------------------------------------


def procfile() -> dict[str, str]:
    return dict(parse_procfile((ROOT / "Procfile").read_text()).processes)


def test_procfile_declares_release_web_and_worker():
    assert set(procfile()) == {"release", "web", "worker"}


# db_worker checks its --backend against TASKS: the production one.
@override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}})
def test_every_procfile_command_runs_a_program_that_exists_with_valid_options():
    commands = get_commands()
    checked = []
    for line in procfile().values():
        for command in line.split("&&"):
            argv = shlex.split(command)
            if argv[:2] == ["python", "manage.py"]:
                name, options = argv[2], argv[3:]
                assert name in commands, f"no manage.py command {name!r}"
                # The options parse (a misspelt flag would fail here, not at deploy).
                parser = load_command_class(commands[name], name).create_parser("manage.py", name)
                parsed = parser.parse_args(options)
                if "--settings=config.settings.prod" in options:
                    assert parsed.settings == "config.settings.prod"
                checked.append(name)
            else:
                assert argv[0] == "gunicorn"
                assert shutil.which("gunicorn", path=str(Path(PYTHON).parent))
                assert argv[1] == "config.wsgi"
                assert importlib.util.find_spec("config.wsgi") is not None
                assert argv[2:] == ["--config", "config/gunicorn.py"]
                checked.append("gunicorn")
    assert sorted(checked) == ["collectstatic", "gunicorn", "migrate", "worker"]


def gunicorn_settings(**env) -> dict:
    """config/gunicorn.py as gunicorn reads it, in a clean environment."""
    code = (
        "import json, runpy; from gunicorn.config import Config;"
        "names = Config().settings;"
        "loaded = runpy.run_path('config/gunicorn.py');"
        "print(json.dumps({k: v for k, v in loaded.items() if k in names}, default=str))"
    )
    result = run_python(code, {"PATH": os.environ.get("PATH", ""), **env})
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_gunicorn_settings_have_defaults_and_each_comes_from_the_environment():
    defaults = gunicorn_settings()
    assert defaults["bind"] == "0.0.0.0:8000"
    assert defaults["worker_class"] == "gthread"
    assert 1 <= defaults["workers"] <= 8
    assert defaults["accesslog"] is None
    assert defaults["control_socket_disable"] is True
    assert defaults["logconfig_dict"]["formatters"]["json"]["()"] == "config.logs.JsonFormatter"

    tuned = gunicorn_settings(
        PORT="9123",
        WEB_HOST="127.0.0.1",
        WEB_CONCURRENCY="3",
        GUNICORN_THREADS="3",
        GUNICORN_TIMEOUT="11",
        GUNICORN_GRACEFUL_TIMEOUT="12",
        GUNICORN_KEEPALIVE="13",
        GUNICORN_LIMIT_REQUEST_LINE="1000",
        GUNICORN_LIMIT_REQUEST_FIELDS="20",
        GUNICORN_LIMIT_REQUEST_FIELD_SIZE="2000",
        GUNICORN_MAX_REQUESTS="100",
        GUNICORN_MAX_REQUESTS_JITTER="10",
    )
    assert {key: tuned[key] for key in tuned if tuned[key] != defaults[key]} == {
        "bind": "127.0.0.1:9123",
        "workers": 3,
        "threads": 3,
        "timeout": 11,
        "graceful_timeout": 12,
        "keepalive": 13,
        "limit_request_line": 1000,
        "limit_request_fields": 20,
        "limit_request_field_size": 2000,
        "max_requests": 100,
        "max_requests_jitter": 10,
    }


def test_gunicorn_believes_no_forwarded_header_whatever_its_environment_says():
    # Django alone decides the scheme (DJANGO_BEHIND_TLS_PROXY) and the client
    # address (DJANGO_TRUSTED_PROXIES); gunicorn's defaults would trust loopback.
    loaded = gunicorn_settings(FORWARDED_ALLOW_IPS="*")
    assert loaded["forwarded_allow_ips"] == ""
    assert loaded["secure_scheme_headers"] == {}
    assert loaded["forwarder_headers"] == ""


# make serve -------------------------------------------------------------------------


def test_make_serve_writes_a_new_long_secret_key_on_each_fresh_clone():
    template = (ROOT / ".env.example").read_text()
    keys = {
        serve.environment(serve.fresh_dotenv(template), {})["DJANGO_SECRET_KEY"] for _ in range(2)
    }
    assert len(keys) == 2
    assert all(len(key) >= 50 for key in keys)


def test_make_serve_lets_the_environment_win_over_dotenv():
    env = serve.environment("PORT=8000\nREDIS_URL=redis://a/0\n", {"PORT": "8001"})
    assert env["PORT"] == "8001"
    assert env["REDIS_URL"] == "redis://a/0"
    # The Procfile's `python` and `gunicorn` are the virtualenv's.
    assert env["PATH"].split(os.pathsep)[0] == str(Path(sys.executable).parent)


def test_dotenv_is_never_committed():
    assert ".env" in (ROOT / ".gitignore").read_text().splitlines()


def check_deploy(env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [PYTHON, "manage.py", "check", "--deploy", "--fail-level", "WARNING"]
        + ["--settings=config.settings.prod"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_make_serve_configuration_passes_check_deploy():
    result = check_deploy(serve_environment())
    assert result.returncode == 0, result.stdout + result.stderr


def test_behind_a_tls_proxy_check_deploy_passes_with_only_the_preload_warning_silenced():
    production = serve_environment(DJANGO_BEHIND_TLS_PROXY="true", DJANGO_SECURE_SSL_REDIRECT="")
    production.pop("WEB_HOST")
    result = check_deploy(production)
    assert result.returncode == 0, result.stdout + result.stderr
    # security.W021, "SECURE_HSTS_PRELOAD is not set": deliberate (base.py).
    assert "no issues (1 silenced)" in result.stdout
    preloaded = check_deploy({**production, "DJANGO_SECURE_HSTS_PRELOAD": "true"})
    assert preloaded.returncode == 0, preloaded.stdout + preloaded.stderr
    assert "no issues (0 silenced)" in preloaded.stdout


def test_check_deploy_still_fails_plain_http_that_the_network_can_reach():
    # Same configuration, but gunicorn listening on every interface: the
    # warnings silenced for loopback come back.
    result = check_deploy(serve_environment(WEB_HOST="0.0.0.0"))  # noqa: S104
    assert result.returncode != 0
    assert "security.W008" in result.stderr


# Health -----------------------------------------------------------------------------


def assert_uncached_without_cookies(response):
    assert "Set-Cookie" not in response.headers
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


def test_healthz_answers_without_touching_the_database(client):
    # No django_db mark: any query would fail this test.
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert_uncached_without_cookies(response)


@pytest.mark.django_db
def test_readyz_is_ready_with_the_database_migrations_and_cache(client):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ready",
        "database": "ok",
        "migrations": "applied",
        "cache": "ok",
    }
    assert_uncached_without_cookies(response)


@pytest.mark.django_db
def test_health_checks_have_no_language_prefix(client):
    assert client.get("/es/healthz").status_code == 404
    assert client.get("/es/readyz").status_code == 404
    response = client.get("/healthz", headers={"accept-language": "es"})
    assert response.status_code == 200


@pytest.mark.django_db
def test_readyz_stays_ready_and_says_so_when_the_cache_is_unreachable(client):
    # Every page is still served without Redis (pagecache.safe), so taking
    # every process out of the load balancer would turn slow into down.
    closed = f"redis://127.0.0.1:{free_port()}/0"
    safe.breaker.reset()
    try:
        with override_settings(
            CACHES={
                "default": {
                    "BACKEND": "django.core.cache.backends.redis.RedisCache",
                    "LOCATION": closed,
                    "OPTIONS": {"socket_connect_timeout": 0.25, "socket_timeout": 0.25},
                }
            }
        ):
            response = client.get("/readyz")
    finally:
        safe.breaker.reset()
    assert response.status_code == 200
    assert response.json()["cache"] == "unreachable"


READYZ = (
    "import django, json; django.setup();"
    "from django.test import Client;"
    "r = Client().get('/readyz');"
    "print(json.dumps({'status': r.status_code, 'body': r.json()}))"
)


def readyz_in_a_process_with(database_url: str) -> dict:
    env = {
        "PATH": os.environ.get("PATH", ""),
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": database_url,
    }
    result = run_python(READYZ, env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_readyz_fails_when_the_database_is_unreachable():
    # A real PostgreSQL URL on a port where nothing listens.
    answer = readyz_in_a_process_with(f"postgres://postgres@127.0.0.1:{free_port()}/ocep")
    assert answer["status"] == 503
    assert answer["body"]["status"] == "unavailable"
    assert answer["body"]["database"] == "unreachable"


def test_readyz_fails_while_migrations_are_pending(tmp_path):
    answer = readyz_in_a_process_with(f"sqlite:///{tmp_path / 'empty.sqlite3'}")
    assert answer["status"] == 503
    assert answer["body"]["database"] == "ok"
    assert answer["body"]["migrations"] == "pending"


# Logs -------------------------------------------------------------------------------


@pytest.fixture
def json_log():
    """Everything logged, as the production formatter writes it."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    root = logging.getLogger()
    request_logger = logging.getLogger("ocep.request")
    old_levels = root.level, request_logger.level
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    request_logger.setLevel(logging.INFO)
    try:
        yield lambda: [json.loads(line) for line in stream.getvalue().splitlines()]
    finally:
        root.removeHandler(handler)
        root.setLevel(old_levels[0])
        request_logger.setLevel(old_levels[1])


@pytest.mark.django_db
def test_log_lines_are_json_with_the_request_id_the_response_shows_and_no_personal_data(
    client, json_log
):
    topic = make_topic()
    response = client.post(
        f"/workshops/request/?email={CONTACT_EMAIL}&name=Dolores",
        form_data([topic]),
    )
    assert response.status_code == 302
    lines = json_log()
    request_line = next(line for line in lines if line["logger"] == "ocep.request")
    assert request_line["request_id"] == response[HEADER]
    assert {key: request_line[key] for key in ("method", "path", "status")} == {
        "method": "POST",
        "path": "/workshops/request/",
        "status": 302,
    }
    assert isinstance(request_line["duration_ms"], float)
    assert {"timestamp", "level", "logger", "message", "request_id"} <= set(request_line)
    # Every line logged during the request carries its id.
    assert len(lines) > 1
    assert {line["request_id"] for line in lines} == {response[HEADER]}
    text = json.dumps(lines)
    for private in (CONTACT_EMAIL, CONTACT_NAME, "Dolores", "email=", "Mott Haven", "555-0142"):
        assert private not in text


@pytest.mark.django_db
def test_a_well_formed_request_id_from_the_proxy_is_kept_and_anything_else_replaced(client):
    kept = client.get("/healthz", headers={"x-request-id": "4bf92f3577b34da6a3ce929d0e0e4736"})
    assert kept[HEADER] == "4bf92f3577b34da6a3ce929d0e0e4736"
    replaced = client.get("/healthz", headers={"x-request-id": "x@example.org\nforged line"})
    assert replaced[HEADER] != "x@example.org\nforged line"
    assert len(replaced[HEADER]) == 32
    assert client.get("/healthz")[HEADER] != client.get("/healthz")[HEADER]


# Under gunicorn -----------------------------------------------------------------------


class Gunicorn:
    """The Procfile's web command on a free loopback port, its stdout kept."""

    def __init__(self, env: dict[str, str]):
        self.port = int(env["PORT"])
        self.output = tempfile.TemporaryFile(mode="w+")  # noqa: SIM115 - closed by stop()
        web = procfile()["web"]
        self.process = subprocess.Popen(
            shlex.split(web.replace("gunicorn", str(Path(PYTHON).parent / "gunicorn"), 1)),
            cwd=ROOT,
            env=env,
            stdout=self.output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.5).close()
                return
            except OSError:
                assert self.process.poll() is None, self.lines()
                time.sleep(0.1)
        self.stop()
        raise AssertionError("gunicorn did not start")

    def get(self, path: str, timeout: float = 10, **headers) -> tuple[int, dict, bytes]:
        request = urllib.request.Request(f"http://127.0.0.1:{self.port}{path}", headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
                return response.status, dict(response.headers), response.read()
        except urllib.error.HTTPError as error:
            return error.code, dict(error.headers), error.read()

    def lines(self) -> list[str]:
        self.output.seek(0)
        return self.output.read().splitlines()

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        self.output.flush()


@pytest.fixture(scope="module")
def collected(tmp_path_factory) -> Path:
    """A settings module on prod.py whose static files are collected, as the release step does.

    Pages link their files through the manifest that collectstatic writes; this
    one goes to a temporary folder instead of the checkout's staticfiles/.
    """
    folder = tmp_path_factory.mktemp("collected")
    (folder / "collected_settings.py").write_text(
        f"from config.settings.prod import *  # noqa\nSTATIC_ROOT = {str(folder / 'static')!r}\n"
    )
    env = collected_environment(folder)
    result = subprocess.run(
        [PYTHON, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return folder


def collected_environment(folder: Path, **overrides) -> dict[str, str]:
    """make serve's environment on a SQLite file, one gunicorn worker and local memory."""
    env = serve_environment(
        **{
            "PORT": str(free_port()),
            "DATABASE_URL": f"sqlite:///{folder / 'db.sqlite3'}",
            "WEB_CONCURRENCY": "1",
            "DJANGO_SETTINGS_MODULE": "collected_settings",
            "PYTHONPATH": str(folder),
            **overrides,
        }
    )
    env.pop("REDIS_URL", None)
    return env


def raw_get(port: int, path: str, **headers) -> tuple[int, dict[str, str]]:
    """One request, redirects not followed."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request("GET", path, headers=headers)
        response = connection.getresponse()
        response.read()
        return response.status, dict(response.getheaders())
    finally:
        connection.close()


def test_under_gunicorn_every_line_is_json_and_holds_no_address_or_query(tmp_path, collected):
    # Collected static files: on a fresh clone WhiteNoise would otherwise warn,
    # in plain text, that staticfiles/ does not exist.
    env = collected_environment(collected, DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}")
    server = Gunicorn(env)
    try:
        status, headers, _ = server.get("/healthz", **{"X-Request-ID": "probe-1"})
        assert (status, headers[HEADER]) == (200, "probe-1")
        # A migration-less database: /readyz fails, and the failure is logged.
        status, headers, _ = server.get(
            f"/readyz?email={CONTACT_EMAIL}", **{"X-Request-ID": "probe-2"}
        )
        assert status == 503
        # A request line gunicorn itself refuses, with personal data in it.
        with socket.create_connection(("127.0.0.1", server.port), timeout=5) as raw:
            raw.sendall(f"GET /?email={CONTACT_EMAIL} HTTP/1.1 junk\r\n\r\n".encode())
            assert raw.recv(100).startswith(b"HTTP/1.1 400")
        time.sleep(0.5)
    finally:
        server.stop()
    lines = server.lines()
    entries = [json.loads(line) for line in lines]  # every line, gunicorn's included
    assert any(entry["logger"] == "gunicorn.error" for entry in entries)
    readyz = [entry for entry in entries if entry.get("path") == "/readyz"]
    assert [(entry["status"], entry["request_id"]) for entry in readyz] == [(503, "probe-2")]
    assert any("Invalid request" in entry["message"] for entry in entries)
    text = "\n".join(lines)
    assert CONTACT_EMAIL not in text
    assert "ip=127.0.0.1" not in text


# Behind a TLS-terminating proxy ----------------------------------------------------


def test_behind_a_tls_proxy_https_is_served_with_hsts_and_plain_http_redirected(collected):
    env = collected_environment(
        collected, DJANGO_BEHIND_TLS_PROXY="true", DJANGO_SECURE_SSL_REDIRECT=""
    )
    server = Gunicorn(env)
    try:
        # What the proxy forwards from a visitor on HTTPS: the page, no loop.
        status, headers = raw_get(server.port, "/about/", **{"X-Forwarded-Proto": "https"})
        assert status == 200
        assert headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
        assert "default-src 'none'" in headers["Content-Security-Policy"]
        # A visitor on plain HTTP, through the proxy or around it, is sent to HTTPS.
        for proto in ({"X-Forwarded-Proto": "http"}, {}):
            status, headers = raw_get(server.port, "/about/", **proto)
            assert status == 301, proto
            assert headers["Location"] == f"https://127.0.0.1:{server.port}/about/"
            assert "Strict-Transport-Security" not in headers
        # The load balancer's health check over plain HTTP is answered, not redirected.
        status, _ = raw_get(server.port, "/healthz")
        assert status == 200
    finally:
        server.stop()


def test_without_the_proxy_setting_a_forwarded_proto_header_is_believed_by_no_one(collected):
    # make serve's configuration: plain HTTP on loopback. A local client that
    # claims HTTPS is not believed by gunicorn (its default would trust
    # 127.0.0.1) nor by Django, so the page says nothing about HTTPS.
    server = Gunicorn(collected_environment(collected))
    try:
        status, headers = raw_get(server.port, "/about/", **{"X-Forwarded-Proto": "https"})
    finally:
        server.stop()
    assert status == 200
    assert "Strict-Transport-Security" not in headers


HASHED_CSS = (
    "import django, json, sys; from django.conf import settings;"
    "settings.STATIC_ROOT = sys.argv[1]; django.setup();"
    "from django.core.management import call_command;"
    "call_command('collectstatic', '--noinput', verbosity=0);"
    "from django.templatetags.static import static; from django.test import Client;"
    "c = Client(HTTP_HOST='127.0.0.1'); url = static('css/site.css');"
    "hashed = c.get(url); plain = c.get('/static/css/site.css');"
    "print(json.dumps({'url': url, 'status': hashed.status_code,"
    " 'hashed': hashed['Cache-Control'], 'plain': plain['Cache-Control']}))"
)


def test_hashed_static_files_are_served_by_whitenoise_with_ten_years_of_caching(tmp_path):
    result = subprocess.run(
        [PYTHON, "-c", HASHED_CSS, str(tmp_path)],
        cwd=ROOT,
        env={**serve_environment(), "DJANGO_SETTINGS_MODULE": "config.settings.prod"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout.strip().splitlines()[-1])
    assert answer["url"].startswith("/static/css/site.")
    assert answer["url"] != "/static/css/site.css"
    assert answer["status"] == 200
    assert answer["hashed"] == "max-age=315360000, public, immutable"
    # A name without its hash can change under the same URL: a minute only.
    assert answer["plain"] == "max-age=60, public"


# PostgreSQL restart -------------------------------------------------------------------


def postgres_bin() -> Path | None:
    for folder in sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True):
        if (folder / "initdb").exists() and (folder / "pg_ctl").exists():
            return folder
    found = shutil.which("initdb")
    return Path(found).parent if found and shutil.which("pg_ctl") else None


class ThrowawayPostgres:
    """Its own cluster in a temporary folder, on a free port: never the shared one."""

    def __init__(self, folder: Path):
        self.bin = postgres_bin()
        self.folder = folder
        self.data = folder / "data"
        self.port = free_port()
        # initdb refuses to run as root; the postgres account runs it then.
        self.as_user = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        if self.as_user:
            shutil.chown(folder, "postgres")
        self.run("initdb", "-D", str(self.data), "-A", "trust", "-U", "postgres", "--no-sync")
        self.run(
            "pg_ctl",
            "-D",
            str(self.data),
            "-l",
            str(folder / "log"),
            "-w",
            "start",
            "-o",
            self.options(),
        )

    def options(self) -> str:
        return f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=off"

    def run(self, program: str, *args: str) -> None:
        subprocess.run(
            [*self.as_user, str(self.bin / program), *args],
            check=True,
            capture_output=True,
            timeout=60,
        )

    def restart(self) -> None:
        # "-l": without a log file the new server would hold our output pipe open.
        log = str(self.folder / "log")
        self.run("pg_ctl", "-D", str(self.data), "-l", log, "-m", "fast", "-w", "restart")

    def stop(self) -> None:
        subprocess.run(
            [
                *self.as_user,
                str(self.bin / "pg_ctl"),
                "-D",
                str(self.data),
                "-m",
                "immediate",
                "stop",
            ],
            capture_output=True,
            timeout=60,
        )

    @property
    def url(self) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/postgres"


@pytest.mark.skipif(
    postgres_bin() is None, reason="PostgreSQL's initdb and pg_ctl are not installed"
)
def test_after_a_postgresql_restart_the_site_is_back_within_5_seconds_and_nothing_hangs():
    folder = Path(tempfile.mkdtemp(prefix="ocep-pg-"))
    database = ThrowawayPostgres(folder)
    server = None
    try:
        env = serve_environment(
            PORT=str(free_port()), DATABASE_URL=database.url, WEB_CONCURRENCY="2"
        )
        env.pop("REDIS_URL", None)
        server = Gunicorn(env)

        def database_ok() -> tuple[bool, float]:
            started = time.monotonic()
            try:
                status, _, body = server.get("/readyz", timeout=15)
                ok = json.loads(body)["database"] == "ok"
            except (OSError, ValueError):
                ok = False
            return ok, time.monotonic() - started

        # Warm every worker's connection (CONN_MAX_AGE keeps them open).
        for _ in range(20):
            assert database_ok()[0]

        # Requests keep coming while PostgreSQL stops and starts: each must
        # end (an error is fine while it is down), none may hang.
        during: list[tuple[bool, float]] = []
        restarting = threading.Event()
        restarting.set()

        def keep_asking():
            while restarting.is_set():
                during.append(database_ok())

        asker = threading.Thread(target=keep_asking)
        asker.start()
        restart_started = time.monotonic()
        try:
            database.restart()
        finally:
            restarted = time.monotonic()
            restarting.clear()
            asker.join(timeout=20)
        slowest = max(took for _, took in during)
        while True:
            ok, took = database_ok()
            slowest = max(slowest, took)
            if ok:
                break
            assert time.monotonic() - restarted < 5, "not back 5 s after PostgreSQL was"
            time.sleep(0.05)
        back = time.monotonic()
        # And it stays back: every worker reconnected, none waits on a dead socket.
        for _ in range(20):
            ok, took = database_ok()
            slowest = max(slowest, took)
            assert ok
    finally:
        if server:
            server.stop()
        database.stop()
        shutil.rmtree(folder, ignore_errors=True)
    print(
        f"restart took {restarted - restart_started:.2f} s ({len(during)} requests meanwhile, "
        f"{sum(not ok for ok, _ in during)} failed); back {back - restarted:.2f} s after "
        f"PostgreSQL; slowest request {slowest:.2f} s"
    )
    assert slowest < 4  # connect_timeout is 3 s


def manage(env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


def last_line(result: subprocess.CompletedProcess) -> str:
    """What the code printed: production also logs to stdout (one JSON line each)."""
    return result.stdout.strip().splitlines()[-1]


ENQUEUE = (
    "from workshops.tasks import send_workshop_request_emails as task; "
    "print(task.enqueue(0).id)"  # no request 0: the task has nothing to send, and succeeds
)
STATUS = (
    "from django_tasks_db.models import DBTaskResult as r; print(r.objects.get(id={!r}).status)"
)


@pytest.mark.skipif(
    postgres_bin() is None, reason="PostgreSQL's initdb and pg_ctl are not installed"
)
def test_the_worker_waits_out_a_postgresql_restart_and_runs_what_was_queued():
    """db_worker itself exited on the restart, and honcho then stopped the web process too."""
    folder = Path(tempfile.mkdtemp(prefix="ocep-pg-"))
    database = ThrowawayPostgres(folder)
    worker = None
    try:
        env = serve_environment(
            DATABASE_URL=database.url, DJANGO_SETTINGS_MODULE="config.settings.prod"
        )
        env.pop("REDIS_URL", None)
        assert manage(env, "migrate", "--noinput").returncode == 0
        worker = subprocess.Popen(
            [PYTHON, "manage.py", "worker", "--no-reload", "--interval", "0.2"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        time.sleep(3)  # started, polling
        database.restart()
        time.sleep(2)  # polls that met the restart have failed meanwhile
        assert worker.poll() is None, worker.stdout.read()
        queued = last_line(manage(env, "shell", "-v", "0", "-c", ENQUEUE))
        for _ in range(100):
            status = last_line(manage(env, "shell", "-v", "0", "-c", STATUS.format(queued)))
            if status == "SUCCESSFUL":
                break
            time.sleep(0.2)
        assert status == "SUCCESSFUL"
        assert worker.poll() is None
    finally:
        if worker:
            worker.send_signal(signal.SIGTERM)
            worker.wait(timeout=20)
        database.stop()
        shutil.rmtree(folder, ignore_errors=True)
    assert worker.returncode == 0  # SIGTERM: a clean stop, not a crash
