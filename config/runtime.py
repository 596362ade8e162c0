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

    Collections also run less often than Python's default (every 700 new
    objects): a page after an edit at 5,000 series allocates hundreds of
    thousands, and each process keeps thousands of decoded schedule entries
    that every full collection walks. Measured with benchmarks/meetings_scale.py
    style requests: /meetings/ after an edit, median 129 ms and worst 222 ms by
    default, 114 and 183 ms with these thresholds.
    """
    gc.collect()
    gc.freeze()
    gc.set_threshold(*GC_THRESHOLDS)


# Young objects collected every 50,000 allocations; older generations as usual,
# scaled to match.
GC_THRESHOLDS = (50_000, 20, 100)
