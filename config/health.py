"""Health checks for a load balancer, an orchestrator or a person with curl.

``/healthz``: the process answers (liveness). Touches neither the database nor
the cache, so a database outage never gets every web process restarted.

``/readyz``: this process can serve residents (readiness). The database answers
a trivial query and every migration is applied; then 200, otherwise 503, so a
load balancer sends no traffic to a process that could only show errors.

The cache is checked and reported, but does not decide the status. Without
Redis every page is still served, rendered from the database (pagecache.safe),
only slower; answering 503 then would take every web process out of the load
balancer at once and turn a slower site into no site.

Both are outside the language prefixes, never cached and set no cookie.
"""

from django.core.cache import cache
from django.db import DatabaseError, connection
from django.db.migrations.executor import MigrationExecutor
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from pagecache import safe


class _Migrations:
    """Whether every migration is applied, asked until the answer is yes.

    Building the migration graph costs tens of milliseconds; once this
    process has seen the schema up to date it stays so (a release migrates
    before new processes start), so later checks cost nothing.
    """

    applied = False

    @classmethod
    def check(cls) -> bool:
        if not cls.applied:
            executor = MigrationExecutor(connection)
            cls.applied = not executor.migration_plan(executor.loader.graph.leaf_nodes())
        return cls.applied


def _database_answers() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return False
    return True


def _cache_answers() -> bool:
    cache.get("readyz")  # a miss is an answer too
    return True


@never_cache
@require_safe
def healthz(request):
    return JsonResponse({"status": "ok"})


@never_cache
@require_safe
def readyz(request):
    database = _database_answers()
    migrations = _Migrations.check() if database else None
    cache_ok = safe.attempt("checking readiness", _cache_answers, False)
    ready = database and migrations
    return JsonResponse(
        {
            "status": "ready" if ready else "unavailable",
            "database": "ok" if database else "unreachable",
            "migrations": {True: "applied", False: "pending", None: "unknown"}[migrations],
            # Reported, not decisive: see the module docstring.
            "cache": "ok" if cache_ok else "unreachable",
        },
        status=200 if ready else 503,
    )
