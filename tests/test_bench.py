"""The helpers of `make bench` (benchmarks/serve.py). Nothing here is timed."""

import argparse
import datetime
import http.server
import os
import runpy
import shutil
import subprocess
import threading
import time
from pathlib import Path

import pytest

from benchmarks import serve


def wrk_round(rps=1000.0, p50=2.0, p99=10.0, status=0, socket=0):
    return {
        "rps": rps,
        "p50_ms": p50,
        "p99_ms": p99,
        "status_errors": status,
        "socket_errors": socket,
    }


def test_every_page_of_the_issue_is_measured_against_hello_in_the_current_month():
    pages = dict(serve.load_pages(datetime.date(2026, 11, 29)))

    assert list(pages)[0] == "hello"
    assert set(pages.values()) == {
        "/healthz",
        "/",
        "/partnerships/",
        "/family-enrichment-centers/",
        "/meetings/",
        "/meetings/calendar/2026/11/",
        "/partnerships/elmhurst/",
        "/meetings/feeds/all.ics",
    }


def test_cold_render_times_cover_the_pages_that_grow_with_the_series():
    paths = [path for _, path in serve.cold_pages(datetime.date(2027, 1, 5))]

    assert paths == ["/meetings/", "/meetings/calendar/2027/1/", "/meetings/feeds/all.ics"]


def test_scales_are_sorted_so_one_database_grows_from_the_smallest():
    assert serve.parse_scales("5000,0,500,500") == [0, 500, 5000]
    with pytest.raises(argparse.ArgumentTypeError):
        serve.parse_scales("-1,500")


def test_wrk_figures_are_read_from_the_report_line_whatever_else_wrk_prints():
    output = (
        "Running 5s test @ http://127.0.0.1:8000/\n"
        "  Latency     3.21ms    1.02ms  40.00ms   91.00%\n"
        "  50%    3.00ms\n"
        'BENCH_JSON {"requests": 10000, "duration_us": 5000000, "status_errors": 3, '
        '"socket_errors": 2, "p50_us": 2500, "p99_us": 41000}\n'
        "Requests/sec:   2000.00\n"
    )

    assert serve.parse_wrk(output) == {
        "rps": 2000.0,
        "p50_ms": 2.5,
        "p99_ms": 41.0,
        "status_errors": 3,
        "socket_errors": 2,
    }


def test_a_wrk_run_without_the_report_line_is_an_error_not_a_zero():
    with pytest.raises(ValueError, match="BENCH_JSON"):
        serve.parse_wrk("Running 5s test @ http://127.0.0.1:8000/\n")


def test_rounds_give_median_throughput_worst_p99_and_every_error():
    rounds = [
        wrk_round(rps=900, p50=3, p99=20, socket=1),
        wrk_round(rps=1000, p50=2, p99=45, status=2),
        wrk_round(rps=5000, p50=1, p99=12),
    ]

    assert serve.summarise(rounds) == {
        "rps": 1000,
        "p50_ms": 2,
        "p99_ms": 45,
        "status_errors": 2,
        "socket_errors": 1,
    }


def test_a_page_under_the_ratio_with_errors_or_a_slow_p99_is_named_as_missing_its_target():
    rows = {
        "hello": wrk_round(rps=1000),
        "home": wrk_round(rps=700),
        "meetings": wrk_round(rps=699),
        "calendar": wrk_round(rps=900, socket=4),
        "all.ics": wrk_round(rps=900, p99=50.0),
    }
    paths = {name: f"/{name}/" for name in rows}

    lines, misses = serve.load_table(rows, paths)

    assert len(lines) == 1 + len(rows)
    assert "0.70" in next(line for line in lines if line.startswith("home"))
    assert [miss.split(":")[0] for miss in misses] == ["meetings", "calendar", "all.ics"]
    assert misses[0] == "meetings: 0.699 x hello"


def test_cold_targets_are_judged_at_five_thousand_series_only():
    rows = [
        serve.ColdRow(500, 511, "meetings", 400.0, 300.0),
        serve.ColdRow(5000, 5011, "meetings", 900.0, 149.0),
        serve.ColdRow(5000, 5011, "calendar", 900.0, 800.0),
        serve.ColdRow(5000, 5011, "all.ics", 9000.0, 1000.0),
    ]

    lines, misses = serve.cold_table(rows)

    assert len(lines) == 1 + len(rows)
    assert misses == ["all.ics at scale 5000: 1000 ms after one change (target < 1000)"]


def test_gunicorn_listens_on_loopback_with_flags_or_with_the_config_file():
    flags, env = serve.gunicorn_command(port=8123, workers=3, threads=4, config=None)
    with_file, _ = serve.gunicorn_command(
        port=8123, workers=3, threads=4, config=Path("config/gunicorn.py")
    )

    for argv in (flags, with_file):
        assert argv[argv.index("--bind") + 1] == "127.0.0.1:8123"
        assert argv[-1] == "config.wsgi"
    assert flags[flags.index("--workers") + 1] == "3"
    assert flags[flags.index("--threads") + 1] == "4"
    assert flags[flags.index("--worker-class") + 1] == "gthread"
    assert "--workers" not in with_file
    assert with_file[with_file.index("--config") + 1] == "config/gunicorn.py"
    assert env["WEB_CONCURRENCY"] == "3"


def test_without_a_worker_count_the_bench_runs_as_many_workers_as_production(monkeypatch):
    """Two workers on a machine whose production default is more measured a smaller site."""
    monkeypatch.setattr(serve.os, "cpu_count", lambda: 2)
    monkeypatch.delenv("GUNICORN_THREADS", raising=False)
    _, env = serve.gunicorn_command(
        port=8123, workers=None, threads=None, config=Path("config/gunicorn.py")
    )
    flags, _ = serve.gunicorn_command(port=8123, workers=None, threads=None, config=None)
    # config/gunicorn.py's own defaults apply
    assert "WEB_CONCURRENCY" not in env
    assert "GUNICORN_THREADS" not in env
    assert flags[flags.index("--workers") + 1] == "5"
    assert flags[flags.index("--threads") + 1] == "2"
    defaults = runpy.run_path("config/gunicorn.py")
    assert flags[flags.index("--threads") + 1] == str(defaults["threads"])


def test_the_header_reports_what_gunicorn_actually_runs():
    printed = (
        "bind                               = ['127.0.0.1:8000']\n"
        "threads                            = 4\n"
        "worker_class                       = gthread\n"
        "workers                            = 3\n"
        "worker_connections                 = 1000\n"
    )

    assert serve.parse_gunicorn_config(printed) == {
        "workers": "3",
        "threads": "4",
        "worker_class": "gthread",
    }


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A child that has exited but not been reaped by its (killed) parent is gone too.
    stat = Path(f"/proc/{pid}/stat")
    return stat.exists() and stat.read_text().split(") ")[1][0] != "Z"


def test_stopping_a_service_also_stops_the_processes_it_forked(tmp_path):
    pidfile = tmp_path / "child.pid"
    # A parent that ignores SIGTERM, like a master waiting on busy workers.
    process = subprocess.Popen(
        ["/bin/sh", "-c", f"trap '' TERM; sleep 60 & echo $! > {pidfile}; wait"],
        start_new_session=True,
    )
    deadline = time.monotonic() + 5
    while not pidfile.exists() or not pidfile.read_text().strip():
        assert time.monotonic() < deadline
        time.sleep(0.05)
    child = int(pidfile.read_text())

    serve.stop(process, grace=0.5)

    assert process.poll() is not None
    assert not alive(child)


class _Hello(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self):
        status = 404 if self.path == "/missing" else 200
        self.send_response(status)
        self.send_header("Content-Length", "5")
        self.end_headers()
        self.wfile.write(b"hello")

    def log_message(self, *args):
        pass


@pytest.mark.skipif(not shutil.which("wrk"), reason="wrk is not installed (apt-get install wrk)")
@pytest.mark.parametrize(("path", "counts_errors"), [("/", False), ("/missing", True)])
def test_the_lua_report_hook_runs_in_wrk_and_counts_non_2xx_as_errors(
    tmp_path, path, counts_errors
):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Hello)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    lua = tmp_path / "report.lua"
    lua.write_text(serve.WRK_LUA)
    try:
        completed = subprocess.run(
            [
                shutil.which("wrk"),
                "-t1",
                "-c1",
                "-d1s",
                "-s",
                str(lua),
                f"http://127.0.0.1:{server.server_address[1]}{path}",
            ],
            capture_output=True,
            text=True,
            timeout=30,
            check=True,
        )
    finally:
        server.shutdown()
        server.server_close()

    figures = serve.parse_wrk(completed.stdout)

    assert figures["rps"] > 0
    assert figures["p99_ms"] >= figures["p50_ms"] > 0
    assert (figures["status_errors"] > 0) is counts_errors
    assert figures["socket_errors"] == 0
