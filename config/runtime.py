"""What the production process does once, after loading the site."""

import gc


def settle() -> None:
    """Exempt everything loaded so far from garbage collection.

    Modules, settings, URL patterns and templates live as long as the
    process. Without this, every full collection walks them again; a page that
    builds tens of thousands of small tuples (the meeting list at 5,000
    series) triggers many collections and spent half its time in them.
    Called once, before gunicorn forks its workers (preload_app), so the
    workers share those pages of memory too.
    """
    gc.collect()
    gc.freeze()
