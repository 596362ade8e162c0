"""Throughput of the production configuration under gunicorn, and cold render times.

    .venv/bin/python benchmarks/serve.py [--scales 0,500,5000] [--duration 5] [--rounds 3]
    make bench BENCH_ARGS="--scales 0 --duration 3"

1. Creates a throwaway PostgreSQL database (ocep_bench_<pid>) and starts a
   throwaway Redis on a free loopback port, migrates, collects static files and
   loads `seed_demo` into them.
2. Starts gunicorn with the production settings on 127.0.0.1, warms every page,
   then measures each page with wrk, interleaved: every round requests each
   page once in turn, so drift (a noisy neighbour, CPU frequency) affects all
   pages alike. Prints requests per second, the ratio to a view that returns
   "hello" behind the same middleware, p50 and p99 latency and errors.
3. Stops gunicorn and, in this process with Django's test client against the
   same database and Redis, times /meetings/, the month calendar and all.ics
   at each scale with an empty cache (and nothing kept in the process, as
   in a new one) and on the first request after one meeting series is saved
   (the rest of the cache warm).

Everything it starts is stopped and the database dropped on exit, Ctrl-C and
errors included. Figures are printed, never asserted: a timed test on a shared
machine only measures the machine.
"""

# ruff: noqa: S603 (every command line is built here from fixed names and numbers)
import argparse
import contextlib
import datetime
import http.client
import json
import os
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# The reference: a Django view that returns a few bytes, never cached, behind
# the same middleware as every page.
HELLO_PATH = "/healthz"
GUNICORN_CONFIG = ROOT / "config" / "gunicorn.py"
# What Chromium and Firefox send.
ACCEPT_ENCODING = "gzip, deflate, br, zstd"

# Targets from the production issue, printed next to the figures.
TARGET_RATIO = 0.70
TARGET_P99_MS = 50.0
TARGET_SCALE = 5000
TARGET_AFTER_CHANGE_MS = {"meetings": 150.0, "all.ics": 1000.0}

# wrk reports through this hook rather than its human-readable summary, whose
# units change with magnitude (us, ms, s; k, M). Status errors are responses
# other than 2xx and 3xx; socket errors are connect, read, write and timeout.
WRK_MARKER = "BENCH_JSON "
WRK_LUA = """
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'MARKER{"requests": %.0f, "duration_us": %.0f, "status_errors": %.0f, '
    .. '"socket_errors": %.0f, "p50_us": %.0f, "p99_us": %.0f}\\n',
    summary.requests, summary.duration, e.status,
    e.connect + e.read + e.write + e.timeout,
    latency:percentile(50), latency:percentile(99)))
end
""".replace("MARKER", WRK_MARKER)

STARTED = time.monotonic()


def progress(message: str) -> None:
    print(f"[{time.monotonic() - STARTED:5.0f}s] {message}", flush=True)


# Pure helpers (tested in tests/test_bench.py) ---------------------------------


def parse_scales(text: str) -> list[int]:
    scales = sorted({int(part) for part in text.split(",") if part.strip()})
    if not scales or scales[0] < 0:
        raise argparse.ArgumentTypeError("give zero or more, e.g. 0,500,5000")
    return scales


def load_pages(today: datetime.date) -> list[tuple[str, str]]:
    """(name, path) of every page the load test requests, the hello view first."""
    return [
        ("hello", HELLO_PATH),
        ("home", "/"),
        ("partnerships", "/partnerships/"),
        ("centers", "/family-enrichment-centers/"),
        ("meetings", "/meetings/"),
        ("calendar", f"/meetings/calendar/{today.year}/{today.month}/"),
        ("partnership", "/partnerships/elmhurst/"),
        ("all.ics", "/meetings/feeds/all.ics"),
    ]


def cold_pages(today: datetime.date) -> list[tuple[str, str]]:
    """The pages whose cost grows with the number of meeting series."""
    wanted = {"meetings", "calendar", "all.ics"}
    return [(name, path) for name, path in load_pages(today) if name in wanted]


def parse_wrk(output: str) -> dict:
    """The figures the Lua hook printed, in requests per second and milliseconds."""
    for line in output.splitlines():
        if line.startswith(WRK_MARKER):
            raw = json.loads(line[len(WRK_MARKER) :])
            seconds = raw["duration_us"] / 1e6
            return {
                "rps": raw["requests"] / seconds if seconds else 0.0,
                "p50_ms": raw["p50_us"] / 1000,
                "p99_ms": raw["p99_us"] / 1000,
                "status_errors": int(raw["status_errors"]),
                "socket_errors": int(raw["socket_errors"]),
            }
    raise ValueError(f"wrk printed no {WRK_MARKER.strip()} line:\n{output}")


def summarise(rounds: list[dict]) -> dict:
    """One row from several rounds: median throughput and p50, worst p99, all errors."""
    return {
        "rps": statistics.median(r["rps"] for r in rounds),
        "p50_ms": statistics.median(r["p50_ms"] for r in rounds),
        "p99_ms": max(r["p99_ms"] for r in rounds),
        "status_errors": sum(r["status_errors"] for r in rounds),
        "socket_errors": sum(r["socket_errors"] for r in rounds),
    }


def load_table(rows: dict[str, dict], paths: dict[str, str]) -> tuple[list[str], list[str]]:
    """The printed table and the targets it misses. rows[name] comes from summarise()."""
    hello = rows["hello"]["rps"]
    lines = [
        f"{'page':13} {'path':30} {'req/s':>8} {'x hello':>8} {'p50 ms':>8} "
        f"{'p99 ms':>8} {'errors':>7}"
    ]
    misses = []
    for name, row in rows.items():
        ratio = row["rps"] / hello if hello else 0.0
        errors = row["status_errors"] + row["socket_errors"]
        lines.append(
            f"{name:13} {paths[name]:30} {row['rps']:8.0f} {ratio:8.2f} {row['p50_ms']:8.1f} "
            f"{row['p99_ms']:8.1f} {errors:7d}"
        )
        missed = []
        if name != "hello" and ratio < TARGET_RATIO:
            missed.append(f"{ratio:.3f} x hello")
        if errors:
            missed.append(
                f"{errors} errors ({row['status_errors']} non-2xx/3xx, "
                f"{row['socket_errors']} socket: connect, read, write or over 2 s)"
            )
        if row["p99_ms"] >= TARGET_P99_MS:
            missed.append(f"p99 {row['p99_ms']:.0f} ms")
        if missed:
            misses.append(f"{name}: {', '.join(missed)}")
    return lines, misses


@dataclass
class ColdRow:
    scale: int
    series: int
    page: str
    empty_ms: float
    after_change_ms: float


def cold_table(rows: list[ColdRow]) -> tuple[list[str], list[str]]:
    """The printed table and the targets it misses (judged at TARGET_SCALE and above)."""
    lines = [
        f"{'scale':>6} {'series':>7} {'page':10} {'empty cache ms':>15} {'after 1 change ms':>18}"
    ]
    misses = []
    for row in rows:
        lines.append(
            f"{row.scale:6d} {row.series:7d} {row.page:10} {row.empty_ms:15.1f} "
            f"{row.after_change_ms:18.1f}"
        )
        limit = TARGET_AFTER_CHANGE_MS.get(row.page)
        if limit and row.scale >= TARGET_SCALE and row.after_change_ms >= limit:
            misses.append(
                f"{row.page} at scale {row.scale}: {row.after_change_ms:.0f} ms after one change "
                f"(target < {limit:.0f})"
            )
    return lines, misses


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def default_workers() -> int:
    """What config/gunicorn.py chooses when WEB_CONCURRENCY is unset."""
    return min(2 * (os.cpu_count() or 1) + 1, 8)


# What config/gunicorn.py chooses when GUNICORN_THREADS is unset.
DEFAULT_THREADS = 2


def gunicorn_command(
    *, port: int, workers: int | None, threads: int | None, config: Path | None
) -> tuple[list[str], dict[str, str]]:
    """argv and extra environment for gunicorn.

    With config/gunicorn.py the settings go through the environment it reads,
    so the benchmark measures that file's choices (its worker count too, unless
    one is given); without it, through flags. The bind address is a flag either
    way: the benchmark only ever listens on loopback.
    """
    argv = [str(ROOT / ".venv" / "bin" / "gunicorn"), "--bind", f"127.0.0.1:{port}"]
    env = {"WEB_HOST": "127.0.0.1", "PORT": str(port)}
    if workers is not None:
        env["WEB_CONCURRENCY"] = str(workers)
    if threads is not None:
        env["GUNICORN_THREADS"] = str(threads)
    if config is not None:
        argv += ["--config", str(config)]
    else:
        argv += [
            "--workers",
            str(workers or default_workers()),
            "--worker-class",
            "gthread",
            "--threads",
            str(threads or DEFAULT_THREADS),
        ]
    return argv + ["config.wsgi"], env


def parse_gunicorn_config(printed: str) -> dict[str, str]:
    """workers, threads and worker_class from `gunicorn --print-config`."""
    found = {}
    for line in printed.splitlines():
        key, sep, value = line.partition("=")
        if sep and key.strip() in {"workers", "threads", "worker_class"}:
            found[key.strip()] = value.strip()
    return found


# Services --------------------------------------------------------------------


def stop(process: subprocess.Popen, first_signal: int = signal.SIGTERM, grace: float = 10) -> None:
    """Stop a process started in its own session, and anything it forked."""
    if process.poll() is None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, first_signal)
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(timeout=grace)
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)  # workers left behind by a dead master
    with contextlib.suppress(subprocess.TimeoutExpired):
        process.wait(timeout=5)
    # A signal to another process is delivered asynchronously: return only once
    # the whole group is gone, so nothing started here outlives this call.
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        try:
            os.killpg(process.pid, 0)
        except ProcessLookupError:
            return
        time.sleep(0.02)


def start_redis(stack: contextlib.ExitStack, workdir: str) -> str:
    port = free_port()
    log = open(Path(workdir) / "redis.log", "wb")  # noqa: SIM115 (closed by the stack)
    stack.callback(log.close)
    process = subprocess.Popen(
        [
            shutil.which("redis-server"),
            "--bind",
            "127.0.0.1",
            "--port",
            str(port),
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            workdir,
        ],
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    stack.callback(stop, process)
    import redis

    client = redis.Redis(host="127.0.0.1", port=port, socket_connect_timeout=0.2)
    deadline = time.monotonic() + 10
    while True:
        try:
            client.ping()
            break
        except redis.ConnectionError:
            if process.poll() is not None or time.monotonic() > deadline:
                raise SystemExit(f"redis-server did not start:\n{tail(log.name)}") from None
            time.sleep(0.1)
    client.close()
    return f"redis://127.0.0.1:{port}/0"


def create_database(stack: contextlib.ExitStack, server: str, name: str) -> str:
    import psycopg
    from psycopg import sql

    maintenance = f"{server.rstrip('/')}/postgres"
    with psycopg.connect(maintenance, autocommit=True, connect_timeout=5) as conn:
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))

    def drop() -> None:
        if "django" in sys.modules:
            from django.db import connections

            connections.close_all()
        with psycopg.connect(maintenance, autocommit=True, connect_timeout=5) as conn:
            conn.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )
        progress(f"dropped database {name}")

    stack.callback(drop)
    return f"{server.rstrip('/')}/{name}"


def tail(path: str, lines: int = 30) -> str:
    try:
        return "\n".join(Path(path).read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return ""


def get(port: int, path: str, timeout: float = 10) -> int:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request("GET", path)
        response = conn.getresponse()
        response.read()
        return response.status
    finally:
        conn.close()


def start_gunicorn(
    stack: contextlib.ExitStack, args, env: dict[str, str], workdir: str
) -> tuple[int, dict[str, str]]:
    port = free_port()
    config = GUNICORN_CONFIG if GUNICORN_CONFIG.exists() else None
    argv, extra = gunicorn_command(
        port=port, workers=args.workers, threads=args.threads, config=config
    )
    env = {**env, **extra}
    printed = subprocess.run(
        [*argv[:-1], "--print-config", argv[-1]],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    if printed.returncode != 0:
        raise SystemExit(f"gunicorn refused its configuration:\n{printed.stderr[-3000:]}")
    effective = parse_gunicorn_config(printed.stdout)
    effective["config"] = str(config.relative_to(ROOT)) if config else "command-line flags"

    log = open(Path(workdir) / "gunicorn.log", "wb")  # noqa: SIM115 (closed by the stack)
    stack.callback(log.close)
    process = subprocess.Popen(
        argv, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
    )
    # SIGINT is gunicorn's quick shutdown; SIGTERM would wait for its graceful timeout.
    stack.callback(stop, process, signal.SIGINT)
    deadline = time.monotonic() + 60
    while True:
        with contextlib.suppress(OSError):
            if get(port, HELLO_PATH, timeout=2) == 200:
                return port, effective
        if process.poll() is not None or time.monotonic() > deadline:
            raise SystemExit(f"gunicorn did not answer {HELLO_PATH}:\n{tail(log.name)}")
        time.sleep(0.2)


def run_wrk(args, port: int, path: str, lua: str, duration: int | None = None) -> dict:
    duration = duration or args.duration
    completed = subprocess.run(
        [
            args.wrk,
            "--threads",
            str(min(args.wrk_threads, args.connections)),
            "--connections",
            str(args.connections),
            "--duration",
            f"{duration}s",
            "--timeout",
            "2s",
            "--latency",
            # As every browser asks; the page cache keeps each page gzipped too.
            "--header",
            f"Accept-Encoding: {ACCEPT_ENCODING}",
            "--script",
            lua,
            f"http://127.0.0.1:{port}{path}",
        ],
        capture_output=True,
        text=True,
        timeout=duration + 60,
    )
    if completed.returncode != 0:
        raise SystemExit(f"wrk failed on {path}:\n{completed.stdout}{completed.stderr}")
    return parse_wrk(completed.stdout)


# Phases ----------------------------------------------------------------------


def setup_django(environment: dict[str, str]) -> None:
    os.environ.update(environment)
    import logging

    import django

    django.setup()
    # As the production app does once loaded (config/wsgi.py).
    from config.runtime import settle

    settle()
    # Production logs a line a request; here that would print every timed request
    # (gunicorn's output goes to a file and is left as production has it).
    logging.disable(logging.INFO)


def seed(scale: int) -> None:
    from django.core.management import call_command

    call_command("seed_demo", scale=scale, verbosity=0)


def measure_load(args, port: int, pages: list[tuple[str, str]], workdir: str) -> dict[str, dict]:
    lua = Path(workdir) / "report.lua"
    lua.write_text(WRK_LUA)
    for _, path in pages:
        for _ in range(3):
            status = get(port, path)
            if status != 200:
                raise SystemExit(f"{path} answered {status} while warming up, not 200")
    # Then a second of load on each, so that every worker, not only the one
    # that answered above, holds its own copy of each page (pagecache/local.py).
    for _, path in pages:
        run_wrk(args, port, path, str(lua), duration=1)
    progress(f"warmed {len(pages)} pages")
    results: dict[str, list[dict]] = {name: [] for name, _ in pages}
    for round_number in range(1, args.rounds + 1):
        progress(
            f"round {round_number}/{args.rounds}: {len(pages)} pages x {args.duration}s "
            f"at {args.connections} connections"
        )
        for name, path in pages:
            results[name].append(run_wrk(args, port, path, str(lua)))
    return {name: summarise(rounds) for name, rounds in results.items()}


def timed_get(client, path: str) -> float:
    client.cookies.clear()  # a visitor without cookies, who may be served from the cache
    start = time.perf_counter()
    response = client.get(path)
    elapsed = (time.perf_counter() - start) * 1000
    if response.status_code != 200:
        raise SystemExit(f"{path} answered {response.status_code} in-process, not 200")
    return elapsed


def measure_cold(args, pages: list[tuple[str, str]]) -> list[ColdRow]:
    from django.core.cache import cache
    from django.test import Client

    from meetings.models import MeetingSeries
    from meetings.schedule_cache import forget

    client = Client(HTTP_HOST="127.0.0.1")
    for _, path in pages:
        timed_get(client, path)  # the first request of a process also loads templates and URLs
    rows = []
    for scale in args.scales:
        progress(f"seed_demo --scale {scale}")
        seed(scale)
        count = MeetingSeries.objects.count()
        # A series that exists at every scale; saved as the admin would save it.
        series = MeetingSeries.objects.order_by("pk").first()
        for name, path in pages:
            progress(f"scale {scale} ({count} series): {path}, {args.repeat} repetitions each")
            empty = []
            for _ in range(args.repeat):
                cache.clear()
                forget()  # and what this process keeps of it: as a new process would
                empty.append(timed_get(client, path))
            after_change = []
            for n in range(args.repeat):
                for _, other in pages:
                    client.cookies.clear()
                    client.get(other)  # the rest of the cache warm
                series.notes = f"Benchmark change {scale}.{n}"
                series.save()
                after_change.append(timed_get(client, path))
            rows.append(
                ColdRow(
                    scale=scale,
                    series=count,
                    page=name,
                    empty_ms=statistics.median(empty),
                    after_change_ms=statistics.median(after_change),
                )
            )
    return rows


def print_table(title: str, lines: list[str], misses: list[str], targets: str) -> None:
    print()
    print(title)
    print("\n".join(lines))
    print(f"Targets: {targets}")
    print("Misses:" + "".join(f"\n  {miss}" for miss in misses) if misses else "Misses: none")
    sys.stdout.flush()


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--scales",
        type=parse_scales,
        default=parse_scales("0,500,5000"),
        help="seed_demo scales for the cold render times, comma-separated (default 0,500,5000)",
    )
    parser.add_argument("--duration", type=int, default=5, help="seconds per page per round")
    parser.add_argument("--rounds", type=int, default=3, help="interleaved rounds (default 3)")
    parser.add_argument("--connections", type=int, default=32, help="wrk connections")
    parser.add_argument("--wrk-threads", type=int, default=2, help="wrk threads")
    parser.add_argument("--wrk", default=shutil.which("wrk") or "/usr/bin/wrk")
    parser.add_argument(
        "--workers",
        type=int,
        default=int(os.environ["WEB_CONCURRENCY"]) if os.environ.get("WEB_CONCURRENCY") else None,
        help="gunicorn workers (default: as production, WEB_CONCURRENCY or 2 x cores + 1, max 8)",
    )
    parser.add_argument(
        "--threads",
        type=int,
        default=int(os.environ["GUNICORN_THREADS"]) if os.environ.get("GUNICORN_THREADS") else None,
        help="gunicorn threads per worker (default: as production, GUNICORN_THREADS or 2)",
    )
    parser.add_argument(
        "--repeat", type=int, default=3, help="repetitions per cold render time (median)"
    )
    parser.add_argument(
        "--postgres",
        default="postgres://postgres@127.0.0.1:5432",
        help="PostgreSQL server on which to create and drop the throwaway database",
    )
    parser.add_argument("--skip-load", action="store_true", help="only the cold render times")
    parser.add_argument("--skip-cold", action="store_true", help="only the load test")
    args = parser.parse_args(argv)
    if args.duration < 1 or args.rounds < 1 or args.connections < 1 or args.repeat < 1:
        parser.error("--duration, --rounds, --connections and --repeat must be at least 1")
    return args


def run(args, stack: contextlib.ExitStack) -> None:
    if not args.skip_load and not Path(args.wrk).exists():
        raise SystemExit(f"wrk not found at {args.wrk} (apt-get install wrk)")
    if shutil.which("redis-server") is None:
        raise SystemExit("redis-server not found (apt-get install redis-server)")
    workdir = stack.enter_context(tempfile.TemporaryDirectory(prefix="ocep-bench-"))

    name = f"ocep_bench_{os.getpid()}"
    progress(f"creating database {name} and starting a throwaway Redis")
    database_url = create_database(stack, args.postgres, name)
    redis_url = start_redis(stack, workdir)
    environment = {
        "DJANGO_SETTINGS_MODULE": "config.settings.prod",
        "DATABASE_URL": database_url,
        "REDIS_URL": redis_url,
        "DJANGO_CACHE_PREFIX": "bench",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_SECURE_SSL_REDIRECT": "false",
        "DJANGO_EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend",
        # Logging every request would measure the terminal, not the site.
        "DJANGO_LOG_LEVEL": "WARNING",
        # /healthz, the reference, logs no line when it answers 200: neither do the pages here.
        "DJANGO_REQUEST_LOG_LEVEL": "WARNING",
    }
    setup_django(environment)
    from django.core.management import call_command
    from django.utils import timezone

    progress("migrate, collectstatic, seed_demo")
    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    seed(args.scales[0] if args.skip_load else 0)
    today = timezone.localdate()

    if not args.skip_load:
        pages = load_pages(today)
        # Other work on the machine shares its cores with gunicorn and wrk: say how much.
        load_before = os.getloadavg()[0]
        # gunicorn stops before the cold render times, which must not share the CPU with it.
        with contextlib.ExitStack() as server:
            progress("starting gunicorn")
            port, effective = start_gunicorn(server, args, dict(os.environ), workdir)
            rows = measure_load(args, port, pages, workdir)
            progress("stopping gunicorn")
        lines, misses = load_table(rows, dict(pages))
        print_table(
            f"Load test: {os.cpu_count()} CPU cores; gunicorn {effective.get('workers')} workers x "
            f"{effective.get('threads')} threads ({effective.get('worker_class')}, "
            f"{effective['config']}); wrk {min(args.wrk_threads, args.connections)} threads, "
            f"{args.connections} connections, {args.rounds} interleaved rounds x "
            f"{args.duration}s per page, Accept-Encoding: {ACCEPT_ENCODING}; seed_demo --scale 0; "
            "PostgreSQL and Redis on loopback; "
            f"load average before: {load_before:.1f}.\n"
            "req/s and p50: median over rounds; p99: worst round; errors: all rounds.",
            lines,
            misses,
            f"every page >= {TARGET_RATIO:.2f} x hello, 0 errors, p99 < {TARGET_P99_MS:.0f} ms "
            f"at {args.connections} connections",
        )

    if not args.skip_cold:
        rows = measure_cold(args, cold_pages(today))
        lines, misses = cold_table(rows)
        print_table(
            f"Cold render times in-process (production settings, Redis cache), median of "
            f"{args.repeat}: with an empty cache, and on the first request after one "
            "MeetingSeries.save() with the rest of the cache warm; load average now: "
            f"{os.getloadavg()[0]:.1f}.",
            lines,
            misses,
            f"at {TARGET_SCALE} series, after one change: /meetings/ < "
            f"{TARGET_AFTER_CHANGE_MS['meetings']:.0f} ms, all.ics < "
            f"{TARGET_AFTER_CHANGE_MS['all.ics']:.0f} ms",
        )


def _exit_on_signal(signum, frame):
    raise SystemExit(128 + signum)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    # SIGTERM and a closed terminal clean up like Ctrl-C does.
    signal.signal(signal.SIGTERM, _exit_on_signal)
    signal.signal(signal.SIGHUP, _exit_on_signal)
    try:
        with contextlib.ExitStack() as stack:
            run(args, stack)
            progress("cleaning up")
    except KeyboardInterrupt:
        print("\nInterrupted; everything the benchmark started is stopped.", file=sys.stderr)
        return 130
    progress("done")
    return 0


if __name__ == "__main__":
    sys.exit(main())
