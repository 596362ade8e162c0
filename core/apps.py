from django.apps import AppConfig


class CoreConfig(AppConfig):
    """What every app shares, and the site-wide pages that know every app.

    Two floors, no models (only the abstract ones of `submissions`). The
    helper modules (`views`, `filters`, `admin_helpers`, `places`, and the
    `submissions` package every form residents send is built on) import no
    app of ours, so the domain apps build on them. The site-wide pages
    (`pages`, `urls`) and `seed_demo` sit on top: they may import every app,
    and no app imports them (tests/test_layering.py).
    """

    name = "core"
