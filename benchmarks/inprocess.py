"""What the in-process benchmarks share: their options, and a database seeded at a scale.

meetings_scale.py and opendata.py request the views through Django's test
client, against a throwaway SQLite database (or one kept with `--db`), or
against DATABASE_URL with `--use-database-url`, seeded once with seed_demo.
"""

import argparse
import logging
import os
import tempfile


def arguments(description: str, *, runs: int) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--scale", type=int, default=500)
    parser.add_argument("--runs", type=int, default=runs)
    parser.add_argument("--db", help="SQLite file to create once and reuse")
    parser.add_argument("--use-database-url", action="store_true")
    return parser.parse_args()


def configure(args: argparse.Namespace) -> tempfile.TemporaryDirectory:
    """Point Django at the benchmark's database; keep the returned folder while it runs."""
    folder = tempfile.TemporaryDirectory()
    if not args.use_database_url:
        path = args.db or f"{folder.name}/bench.sqlite3"
        os.environ["DATABASE_URL"] = f"sqlite:///{path}"
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
    return folder


def seed(args: argparse.Namespace, model) -> None:
    """Migrate, and load the demo at `--scale` unless `model` already has rows."""
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    if not model.objects.exists():
        logging.disable(logging.INFO)  # the demo's sample status changes are logged at INFO
        call_command("seed_demo", scale=args.scale, verbosity=0)
        logging.disable(logging.NOTSET)
