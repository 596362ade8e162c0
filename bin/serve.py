"""`make serve`: the production configuration on this machine, with the Procfile's processes.

1. On the first run, writes .env from .env.example with a fresh DJANGO_SECRET_KEY.
2. Reads .env, with the environment winning over it (honcho alone lets .env win,
   so honcho is then told to read no .env of its own).
3. Creates the PostgreSQL database named by DATABASE_URL if it does not exist.
4. Runs the Procfile's release step (migrate, collectstatic); stops if it fails.
5. Loads the demo data when SERVE_DEMO_DATA is true (the local template says so;
   production never does).
6. Says where the site is and runs the web and worker processes until Ctrl-C;
   if either stops, honcho stops the other and exits with its status.
"""

import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = ROOT / ".env.example"
DOTENV = ROOT / ".env"
# The virtualenv's own bin folder, so the Procfile's `python` and `gunicorn` are its.
VENV_BIN = Path(sys.executable).parent


def fresh_dotenv(template: str) -> str:
    """The template with a new secret key: what a first run writes to .env."""
    key = secrets.token_urlsafe(50)
    return (
        "\n".join(
            f"DJANGO_SECRET_KEY={key}" if line == "DJANGO_SECRET_KEY=" else line
            for line in template.splitlines()
        )
        + "\n"
    )


def environment(dotenv: str, outside: dict[str, str]) -> dict[str, str]:
    """The processes' environment: .env's values, then the environment's over them."""
    from honcho.environ import parse  # the parser honcho itself uses for .env

    merged = {**parse(dotenv), **outside}
    merged["PATH"] = os.pathsep.join([str(VENV_BIN), outside.get("PATH", os.defpath)])
    merged.setdefault("PORT", "8000")
    return merged


def create_database(database_url: str) -> None:
    """CREATE DATABASE when the server answers but the database is not there yet."""
    import dj_database_url
    import psycopg
    from psycopg import sql

    config = dj_database_url.parse(database_url)
    if config["ENGINE"] != "django.db.backends.postgresql":
        return
    server = {
        "host": config.get("HOST") or None,
        "port": config.get("PORT") or None,
        "user": config.get("USER") or None,
        "password": config.get("PASSWORD") or None,
        "connect_timeout": 5,
    }
    try:
        with psycopg.connect(dbname="postgres", autocommit=True, **server) as connection:
            exists = connection.execute(
                "SELECT 1 FROM pg_database WHERE datname = %s", [config["NAME"]]
            ).fetchone()
            if not exists:
                print(f"Creating the PostgreSQL database {config['NAME']}")
                connection.execute(
                    sql.SQL("CREATE DATABASE {}").format(sql.Identifier(config["NAME"]))
                )
    except psycopg.OperationalError as error:
        sys.exit(f"PostgreSQL does not answer at {config['HOST']}:{config['PORT']}: {error}")


def honcho(env: dict[str, str], *processes: str) -> list[str]:
    # "-e /dev/null": the environment is already merged; honcho's own reading of
    # .env would put .env's values back over the environment's.
    return [str(VENV_BIN / "honcho"), "start", "-e", os.devnull, "-p", env["PORT"], *processes]


def main() -> None:
    if not DOTENV.exists():
        DOTENV.write_text(fresh_dotenv(TEMPLATE.read_text()))
        DOTENV.chmod(0o600)
        print("Wrote .env from .env.example, with a new DJANGO_SECRET_KEY")
    env = environment(DOTENV.read_text(), dict(os.environ))

    if env.get("DATABASE_URL"):
        create_database(env["DATABASE_URL"])

    release = subprocess.run(honcho(env, "release"), cwd=ROOT, env=env, check=False)  # noqa: S603
    if release.returncode != 0:
        sys.exit(f"The release step failed (exit status {release.returncode}); not starting.")

    if env.get("SERVE_DEMO_DATA", "").strip().lower() in {"1", "true", "yes", "on"}:
        subprocess.run(  # noqa: S603 - a fixed command
            [str(VENV_BIN / "python"), "manage.py", "seed_demo", "--settings=config.settings.prod"],
            cwd=ROOT,
            env=env,
            check=True,
        )

    site = f"http://127.0.0.1:{env['PORT']}/"
    print()
    print(f"  The site is at {site} (admin: {site}admin/)")
    print("  A staff account: .venv/bin/honcho run .venv/bin/python manage.py createsuperuser")
    print("  Press Ctrl-C to stop.")
    print()
    sys.stdout.flush()
    command = honcho(env, "web", "worker")
    # honcho takes this process's place: Ctrl-C reaches it, make gets its exit status.
    os.execve(command[0], command, env)  # noqa: S606 - a fixed command


if __name__ == "__main__":
    main()
